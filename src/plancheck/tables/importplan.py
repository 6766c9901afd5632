"""A target table's rows → new ledger items, or rows for items the year has already.

Each row gives item keys (`row_table`), what the table leaves implicit is filled in (the
unit written with the target, the kind), the id is found or made (`plancheck.ids`), and the
item is validated by the loader's own reader, every problem located at the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.ids import base_id, normalize_name, unique_id
from plancheck.model import Direction, Item, Kind, Location, Problem, Settings, Severity
from plancheck.read import ItemReader, SourceFile
from plancheck.tables.tabular import (
    DIRECTION_WORDS,
    EMPTY,
    KIND_WORDS,
    NATURE_WORDS,
    Cell,
    Table,
    cell_text,
    norm,
)
from plancheck.units import unit_table
from plancheck.write import NewItem, TomlValue, read_back, toml_number


@dataclass(frozen=True)
class RowItem:
    """A row that becomes a new item."""

    row: int
    new: NewItem
    item: Item


@dataclass(frozen=True)
class ExistingRow:
    """A row whose item the year has already."""

    row: int
    new: NewItem
    item: Item
    old: Item
    target_differs: bool


@dataclass
class ImportPlan:
    columns: dict[str, tuple[int, str]]
    new: list[RowItem] = field(default_factory=list)
    existing: list[ExistingRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class _RowFile(SourceFile):
    """The reader's file, for one row: every problem is located at the row."""

    def __init__(self, path: Path, row: int, problems: list[Problem]) -> None:
        super().__init__(path, "", problems)
        self.row = row

    def line(self, key: str) -> int:
        return self.row


def _number_or_text(cell: Cell) -> TomlValue | None:
    if isinstance(cell.value, Decimal):
        return cell.value
    text = cell_text(cell)
    return None if text in EMPTY else text


def _word(cell: Cell, words: dict[str, Any]) -> str | None:
    text = cell_text(cell)
    if text in EMPTY:
        return None
    value = words.get(norm(text))
    return str(value.value) if value is not None else text


def row_table(cells: Sequence[Cell], columns: dict[str, tuple[int, str]]) -> dict[str, TomlValue]:
    """The item keys a row gives, before validation (empty cells are left out)."""

    def cell(f: str) -> Cell:
        col = columns[f][0]
        return cells[col] if col < len(cells) else Cell(None)

    out: dict[str, TomlValue] = {}
    for f in columns:
        c = cell(f)
        value: TomlValue | None
        if f == "kind":
            value = _word(c, KIND_WORDS)
        elif f == "direction":
            value = _word(c, DIRECTION_WORDS)
        elif f == "nature":
            value = _word(c, NATURE_WORDS)
        elif f in ("target", "target_growth_pct", "baseline", "weight"):
            value = _number_or_text(c)
        elif f == "due":
            value = c.value if isinstance(c.value, dt.date) else (cell_text(c) or None)
        elif f in ("id", "unit"):
            text = cell_text(c)
            value = None if text in EMPTY else text
        else:
            text = cell_text(c, nfkc=False)
            value = None if text in EMPTY and f != "name" else text
        if value is not None and value != "":
            out[f] = value
    return out


def _infer(table: dict[str, TomlValue]) -> None:
    """Fill in what a target table leaves implicit: the unit written with the target, and
    the kind (a percentage is a rate, a row without unit or target a milestone)."""
    target = table.get("target")
    if "unit" not in table and isinstance(target, str):
        from plancheck.units import parse_quantity

        try:
            _, symbol = parse_quantity(target)
        except ValueError:
            symbol = ""
        if symbol:
            table["unit"] = symbol
    if "kind" not in table:
        if "target_growth_pct" in table:
            table["kind"] = Kind.GROWTH.value
        elif table.get("unit") == "%":
            table["kind"] = Kind.RATE.value
        elif "unit" not in table and "target" not in table:
            table["kind"] = Kind.MILESTONE.value
        else:
            table["kind"] = Kind.AMOUNT.value
    if table["kind"] == Kind.GROWTH.value:
        # An exported sheet's target of a growth item is derived from the baseline; a table
        # that has no growth column gives the growth rate as the target.
        target = table.pop("target", None)
        if "target_growth_pct" not in table and target is not None:
            table["target_growth_pct"] = target
    if table.get("direction") == Direction.UP.value:
        table.pop("direction")  # the default


def plan_import(
    table: Table,
    columns: dict[str, tuple[int, str]],
    header_index: int,
    year: int,
    settings: Settings,
    existing: Sequence[Item],
) -> ImportPlan:
    """Turn the rows below the header into new items and rows for existing items.

    `existing` is every item of the ledger (all years): an item of the year with the same
    id — or, when the table has no id, the same name — is that row's existing item; an item
    of another year with the same name lends its id.
    """
    plan = ImportPlan(columns)
    units = unit_table(settings.units)
    this_year = {i.id: i for i in existing if i.year == year}
    by_name = {normalize_name(i.name): i for i in existing if i.year == year}
    other_years: dict[str, str] = {}
    for i in sorted(existing, key=lambda i: abs(i.year - year), reverse=True):
        if i.year != year:
            other_years[normalize_name(i.name)] = i.id
    taken: set[str] = set(this_year)
    rows_by_id: dict[str, int] = {}
    names_seen: dict[str, int] = {}
    header_of = {f: h for f, (_, h) in columns.items()}

    def relocate(problems: list[Problem], row_id: str) -> list[Problem]:
        out = []
        for p in problems:
            key = p.key.removeprefix(row_id).lstrip(".")
            head = key.split(".")[0] or dict(p.args).get("key", "")  # key.missing names it
            out.append(Problem(p.location, header_of.get(head, key), p.code, p.args, p.severity))
        return out

    width = len(table.rows[header_index][1])
    for row, cells in table.rows[header_index + 1 :]:
        location = Location(table.path, row)
        extra = [c for c in cells[width:] if cell_text(c)]
        if extra:  # a comma too many (12,5) would otherwise shift nothing and lose a value
            plan.errors.append(
                Problem(location, "", "import.extra_cells", (("count", str(len(extra))),))
            )
            continue
        uncomputed = [
            (header, cells[col].formula)
            for col, header in columns.values()
            if col < len(cells) and cells[col].formula
        ]
        if uncomputed:  # its value is unknown: taking it as empty would lose a figure
            for header, formula in uncomputed:
                plan.errors.append(
                    Problem(location, header, "import.formula", (("formula", formula),))
                )
            continue
        raw = row_table(cells, columns)
        if not raw or all(v == "" for v in raw.values()):
            continue  # a blank line
        location = Location(table.path, row)
        if not raw.get("name"):
            plan.errors.append(Problem(location, header_of["name"], "import.no_name"))
            continue
        _infer(raw)
        name = str(raw["name"])
        given = raw.pop("id", None)
        if given is None:
            # without an id column a name is the row's identity: twice is ambiguous
            first = names_seen.setdefault(normalize_name(name), row)
            if first != row:
                plan.errors.append(
                    Problem(
                        location,
                        header_of["name"],
                        "import.same_row",
                        (("id", name), ("row", str(first))),
                    )
                )
                continue
        old: Item | None = None
        if given is not None:
            item_id = str(given)
            old = this_year.get(item_id)
        elif normalize_name(name) in by_name:
            old = by_name[normalize_name(name)]
            item_id = old.id
        else:
            lent = other_years.get(normalize_name(name))
            if lent is not None and lent not in taken:
                item_id = lent
            else:
                item_id = unique_id(base_id(name), taken)
        if item_id in rows_by_id:
            plan.errors.append(
                Problem(
                    location,
                    header_of.get("id", header_of["name"]),
                    "import.same_row",
                    (("id", item_id), ("row", str(rows_by_id[item_id]))),
                )
            )
            continue
        rows_by_id[item_id] = row
        taken.add(item_id)
        problems: list[Problem] = []
        reader = ItemReader(
            _RowFile(table.path, row, problems),
            year,
            item_id,
            {k: read_back(v) for k, v in raw.items()},
            units,
        )
        item = reader.read({}, row)
        plan.errors += relocate([p for p in problems if p.severity is Severity.ERROR], item_id)
        if item is None:
            continue
        if settings.owners and item.owner and item.owner not in settings.owners:
            plan.warnings.append(
                Problem(
                    location,
                    header_of.get("owner", ""),
                    "owner.unknown",
                    (("owner", item.owner),),
                    Severity.WARNING,
                )
            )
        for key in ("target", "target_growth_pct", "baseline", "weight"):
            value = getattr(item, key)
            if key in raw and isinstance(value, Decimal):
                raw[key] = value  # a number in the item's unit, not the text of the cell
        new = NewItem(item_id, raw)
        if old is None:
            plan.new.append(RowItem(row, new, item))
            continue
        differs = _target(item) != _target(old)
        if item.kind is not old.kind or item.unit != old.unit:
            plan.errors.append(
                Problem(
                    location,
                    header_of.get("unit", header_of["name"]),
                    "import.conflict",
                    (("id", old.id), ("kind", old.kind.value), ("unit", old.unit or "—")),
                )
            )
            continue
        plan.existing.append(ExistingRow(row, new, item, old, differs))
    return plan


def new_target(row: ExistingRow) -> Decimal | None:
    """The target (for growth items, the growth in %) the row gives an existing item."""
    item = row.item
    if item.kind in (Kind.MILESTONE, Kind.INDICATOR):
        return None
    return item.target_growth_pct if item.kind is Kind.GROWTH else item.target


def target_updates(
    plan: ImportPlan, path: Path, overwrite: bool
) -> tuple[list[ExistingRow], list[Problem]]:
    """The existing items whose target the table changes: those to update (with
    `overwrite`), and a warning for each of the others."""
    updates: list[ExistingRow] = []
    notes: list[Problem] = []
    header = plan.columns.get("target", plan.columns["name"])[1]
    for e in plan.existing:
        if not e.target_differs:
            continue
        if overwrite and new_target(e) is not None:
            updates.append(e)
            continue
        code = "import.not_updated" if overwrite else "import.exists_differs"
        args = (("id", e.old.id), ("old", target_text(e.old)), ("new", target_text(e.item)))
        notes.append(Problem(Location(path, e.row), header, code, args, Severity.WARNING))
    return updates, notes


def _target(item: Item) -> Decimal | dt.date | None:
    if item.kind is Kind.GROWTH:
        return item.target_growth_pct
    if item.kind is Kind.MILESTONE:
        return item.due
    return item.target


def target_text(item: Item) -> str:
    """The target as the import reports it."""
    value = _target(item)
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    suffix = "%" if item.kind is Kind.GROWTH else item.unit
    return toml_number(value) + suffix
