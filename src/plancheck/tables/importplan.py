"""A target table's rows → new ledger items, or rows for items the year has already.

Each row gives item keys (`row_table`), what the table leaves implicit is filled in (the
unit written with the target, the kind), the id is found or made (`plancheck.tables.ids`), and the
item is validated by the loader's own reader, every problem located at the row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.model import Direction, Item, Kind, Location, Problem, Settings, Severity
from plancheck.read import ItemReader, SourceFile
from plancheck.tables.ids import base_id, normalize_name, unique_id
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


_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_AT_LEAST = re.compile(r"^(?:≥|>=|不低于|不少于|达到|超过)?\s*(.+?)\s*(?:以上|及以上)?$")
_AT_MOST = re.compile(
    r"^(?:≤|<=|不高于|不超过|控制在)\s*(.+?)\s*(?:以内|以下)?$|^(.+?)\s*(?:以内|以下)$"
)


def section_of(cells: Sequence[Cell], columns: dict[str, tuple[int, str]]) -> str | None:
    """The heading a row is, or None: one filled cell only (in any column, often the 序号
    column or merged across the row) that reads 一、… or （一）…, or that is the name in a
    table with other columns."""
    filled = [(col, cell_text(c, nfkc=False)) for col, c in enumerate(cells) if cell_text(c)]
    if len(filled) != 1:
        return None
    col, text = filled[0]
    if _SECTION.match(text) or (col == columns["name"][0] and len(columns) > 2):
        return text
    return None


def split_bound(text: str) -> tuple[str, str | None]:
    """ "≥95%" → ("95%", "up"); "≤2" or "2以内" → ("2", "down"); "95%以上" → ("95%", "up")."""
    compact = text.strip()
    m = _AT_MOST.match(compact)
    if m:
        return (m.group(1) or m.group(2)).strip(), Direction.DOWN.value
    m = _AT_LEAST.match(compact)
    if m and m.group(1) != compact:
        return m.group(1).strip(), Direction.UP.value
    return compact, None


def _infer(table: dict[str, TomlValue]) -> None:
    """Fill in what a target table leaves implicit: the unit written with the target, and
    the kind (a percentage is a rate, a row without unit or target a milestone)."""
    target = table.get("target")
    if isinstance(target, str):
        bound, direction = split_bound(target)
        if direction is not None:
            table["target"] = target = bound
            if direction == Direction.DOWN.value:
                table.setdefault("direction", direction)
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
    planner = _Planner(table, columns, year, settings, existing)
    width = len(table.rows[header_index][1])
    for row, cells in table.rows[header_index + 1 :]:
        planner.plan_row(row, cells, width)
    return planner.plan


class _Planner:
    """The import plan being built, row by row, with what the rows so far have taken."""

    def __init__(
        self,
        table: Table,
        columns: dict[str, tuple[int, str]],
        year: int,
        settings: Settings,
        existing: Sequence[Item],
    ) -> None:
        self.table, self.columns, self.year, self.settings = table, columns, year, settings
        self.plan = ImportPlan(columns)
        self.units = unit_table(settings.units)
        self.this_year = {i.id: i for i in existing if i.year == year}
        self.by_name = {normalize_name(i.name): i for i in existing if i.year == year}
        self.other_years: dict[str, str] = {}
        for i in sorted(existing, key=lambda i: abs(i.year - year), reverse=True):
            if i.year != year:
                self.other_years[normalize_name(i.name)] = i.id
        self.taken: set[str] = set(self.this_year)
        self.rows_by_id: dict[str, int] = {}
        self.names_seen: dict[str, int] = {}
        self.header_of = {f: h for f, (_, h) in columns.items()}
        self.section = ""
        """The heading above the rows read so far (一、…, （一）…)."""

    def error(self, row: int, header: str, code: str, /, **args: str) -> None:
        location = Location(self.table.path, row)
        self.plan.errors.append(Problem(location, header, code, tuple(args.items())))

    def plan_row(self, row: int, cells: Sequence[Cell], width: int) -> None:
        if not self.readable(row, cells, width):
            return
        heading = section_of(cells, self.columns)
        if heading is not None:
            self.section = heading  # 一、… （一）…: the section of the rows below
            return
        raw = row_table(cells, self.columns)
        if not raw or all(v == "" for v in raw.values()):
            return  # a blank line
        if not raw.get("name"):
            self.error(row, self.header_of["name"], "import.no_name")
            return
        if self.section and "section" not in raw:
            raw["section"] = self.section
        _infer(raw)
        location = Location(self.table.path, row)
        _due_of_amount(raw, location, self.header_of, self.plan, self.year)
        identity = self.identify(row, raw)
        if identity is None:
            return
        item_id, old = identity
        item = self.read_item(row, item_id, raw)
        if item is not None:
            self.place(row, raw, item, old)

    def readable(self, row: int, cells: Sequence[Cell], width: int) -> bool:
        """False (after an error) for a row with cells beyond the header or formulas."""
        extra = [c for c in cells[width:] if cell_text(c)]
        if extra:  # a comma too many (12,5) would otherwise shift nothing and lose a value
            self.error(row, "", "import.extra_cells", count=str(len(extra)))
            return False
        uncomputed = [
            (header, cells[col].formula)
            for col, header in self.columns.values()
            if col < len(cells) and cells[col].formula
        ]
        for header, formula in uncomputed:  # its value is unknown: empty would lose a figure
            self.error(row, header, "import.formula", formula=formula)
        return not uncomputed

    def identify(self, row: int, raw: dict[str, TomlValue]) -> tuple[str, Item | None] | None:
        """The row's id and the year's item it updates (None: a new item); None after an
        error when the row repeats another row."""
        name = str(raw["name"])
        given = raw.pop("id", None)
        key = normalize_name(name)
        old: Item | None = None
        if given is not None:
            item_id = str(given)
            old = self.this_year.get(item_id)
        else:
            # without an id column a name is the row's identity: twice is ambiguous
            first = self.names_seen.setdefault(key, row)
            if first != row:
                self.error(row, self.header_of["name"], "import.same_row", id=name, row=str(first))
                return None
            if key in self.by_name:
                old = self.by_name[key]
                item_id = old.id
            else:
                lent = self.other_years.get(key)
                taken = lent is None or lent in self.taken
                item_id = unique_id(base_id(name), self.taken) if taken else str(lent)
        if item_id in self.rows_by_id:
            header = self.header_of.get("id", self.header_of["name"])
            first_row = str(self.rows_by_id[item_id])
            self.error(row, header, "import.same_row", id=item_id, row=first_row)
            return None
        self.rows_by_id[item_id] = row
        self.taken.add(item_id)
        return item_id, old

    def read_item(self, row: int, item_id: str, raw: dict[str, TomlValue]) -> Item | None:
        """The row validated as a ledger item; its errors located at the row's columns."""
        problems: list[Problem] = []
        reader = ItemReader(
            _RowFile(self.table.path, row, problems),
            self.year,
            item_id,
            {k: read_back(v) for k, v in raw.items()},
            self.units,
        )
        item = reader.read({}, row)
        for p in problems:
            if p.severity is not Severity.ERROR:
                continue
            key = p.key.removeprefix(item_id).lstrip(".")
            head = key.split(".")[0] or dict(p.args).get("key", "")  # key.missing names it
            where = self.header_of.get(head, key)
            self.plan.errors.append(Problem(p.location, where, p.code, p.args, p.severity))
        return item

    def place(self, row: int, raw: dict[str, TomlValue], item: Item, old: Item | None) -> None:
        """The row as a new item, or as one for an existing item of the same kind and unit."""
        owners = self.settings.owners
        if owners and item.owner and item.owner not in owners:
            location = Location(self.table.path, row)
            header = self.header_of.get("owner", "")
            args = (("owner", item.owner),)
            self.plan.warnings.append(
                Problem(location, header, "owner.unknown", args, Severity.WARNING)
            )
        for key in ("target", "target_growth_pct", "baseline", "weight"):
            value = getattr(item, key)
            if item.written_of(key) is not None:
                continue  # written as reports write it (300个以上, 6%—6.5%): kept as written
            if key in raw and isinstance(value, Decimal):
                raw[key] = value  # a number in the item's unit, not the text of the cell
        new = NewItem(item.id, raw)
        if old is None:
            self.plan.new.append(RowItem(row, new, item))
        elif item.kind is not old.kind or item.unit != old.unit:
            header = self.header_of.get("unit", self.header_of["name"])
            unit = old.unit or "—"
            self.error(row, header, "import.conflict", id=old.id, kind=old.kind.value, unit=unit)
        else:
            differs = _target(item) != _target(old)
            self.plan.existing.append(ExistingRow(row, new, item, old, differs))


_DUE_MONTH = re.compile(r"^(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*(?:月|[./-]\d{1,2}日?|$)")
_DUE_WORDS = {"年底": 12, "年底前": 12, "年内": 12, "全年": 12, "上半年": 6, "一季度": 3}


def due_month(due: TomlValue, year: int) -> str | None:
    """The month (YYYY-MM) a 完成时限 names: a date, 2025-09-30, 2025年9月底前, 9月底,
    6月30日前, 年底 …; None when it names no month of `year`."""
    if isinstance(due, dt.date):
        return f"{due.year:04d}-{due.month:02d}" if due.year == year else None
    text = str(due).strip()
    for word, month in _DUE_WORDS.items():
        if text.startswith(word):
            return f"{year:04d}-{month:02d}"
    m = _DUE_MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12 or (m.group(1) and int(m.group(1)) != year):
        return None
    return f"{year:04d}-{int(m.group(2)):02d}"


def _plain_number(value: TomlValue | None, unit: str) -> Decimal | None:
    """A target cell as a number in the row's unit, or None."""
    from plancheck.units import parse_quantity

    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        return None
    try:
        number, symbol = parse_quantity(value)
    except ValueError:
        return None
    return number if symbol in ("", unit) else None


def _due_of_amount(
    raw: dict[str, TomlValue],
    location: Location,
    header_of: dict[str, str],
    plan: ImportPlan,
    year: int,
) -> None:
    """A 完成时限 on an amount row is its due month (`due = "2025-09"`): its expected
    progress rises linearly to the whole target at that month.  A deadline that names no
    month of the year, or on another kind of row, is kept in the note and listed."""
    if raw.get("kind") == Kind.MILESTONE.value or "due" not in raw:
        return
    due = raw.pop("due")
    month = due_month(due, year)
    target = _plain_number(raw.get("target"), str(raw.get("unit", "")))
    if month and raw.get("kind") == Kind.AMOUNT.value and target is not None:
        raw["due"] = month
        return
    text = due.isoformat() if isinstance(due, dt.date) else str(due)
    note = str(raw.get("note", ""))
    raw["note"] = f"{note}；完成时限：{text}" if note else f"完成时限：{text}"
    plan.warnings.append(
        Problem(
            location,
            header_of.get("due", ""),
            "import.due_amount",
            (("due", text),),
            Severity.WARNING,
        )
    )


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
