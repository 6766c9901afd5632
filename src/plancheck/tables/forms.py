"""Reading filled forms back: ours (forms), or a sheet an office made itself.

A form is any table with a header row that names the item (目标任务, 指标名称, 名称 …) and
has a year-to-date column: `1-6月累计` (the month is 6), `本月累计` or `累计` (the month
comes from the title or --month); optionally 编号, 单位, 完成日期 and 备注.  A unit written in
the year-to-date header ("1-6月累计（万元）") applies to its bare numbers; a unit in the
row's 单位 cell, or in the cell itself ("2.3亿元"), wins over it.

`match_rows` turns the rows into figures for the ledger's items: by id, else by exact
name, else the row is refused with the closest names.  An empty cell is "not reported".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from plancheck.errors import DataError
from plancheck.model import Item, Location, MilestoneState, Problem
from plancheck.tables.tabular import Cell, Table, cell_text, norm

NAME_HEADERS = ("目标任务", "指标名称", "任务名称", "指标", "名称", "项目", "工作任务", "目标")
ID_HEADERS = ("编号", "id")
UNIT_HEADERS = ("单位", "计量单位")
NOTE_HEADERS = ("备注", "说明", "更正原因")
DATE_HEADERS = ("完成日期", "日期")
_YTD = re.compile(
    r"^(?:(?:1[-－—~～至到]|1月[-－—~～至到])?(\d{1,2})月|本月|)累计(?:[（(](.+?)[)）])?$"
)
_YEAR = re.compile(r"(20\d\d)年")
SCAN = 30


@dataclass(frozen=True)
class FormRow:
    """One data row of a filled form."""

    line: int
    item_id: str
    name: str
    unit: str
    value: Cell
    date: Cell
    note: str


@dataclass(frozen=True)
class FilledForm:
    path: Path
    header: str
    """The year-to-date column's header as written."""
    month: int | None
    """From the header (1-6月累计 → 6), or None (本月累计, 累计)."""
    year: int | None
    """From the title rows (2025年…), or None."""
    unit: str
    """From the header (1-6月累计（万元）), or ""."""
    title: str
    """The text above the header row (to tell the township by)."""
    rows: tuple[FormRow, ...]


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    for wanted in names:
        for index, text in enumerate(headers):
            if text == norm(wanted):
                return index
    return None


def read_form(path: Path) -> FilledForm:
    """The header and the rows of a filled form (xlsx or csv)."""
    from plancheck.tables.tabular import read_table

    return form_of(read_table(path))


def form_of(table: Table) -> FilledForm:
    for position, (_, cells) in enumerate(table.rows[:SCAN]):
        headers = [norm(cell_text(c)) for c in cells]
        name_col = _find(headers, NAME_HEADERS)
        ytd = [(i, _YTD.match(h)) for i, h in enumerate(headers)]
        found = [(i, m) for i, m in ytd if m]
        if name_col is None or not found:
            continue
        col, m = found[0]
        title = " ".join(
            cell_text(c) for _, row in table.rows[:position] for c in row if c.value is not None
        )
        year = _YEAR.search(title)
        rows = _rows(table, position, name_col, col, headers)
        month = int(m.group(1)) if m.group(1) else None
        return FilledForm(
            table.path,
            cell_text(cells[col]),
            month,
            int(year.group(1)) if year else None,
            m.group(2) or "",
            title,
            rows,
        )
    raise DataError(
        "collect.no_header",
        (Problem(Location(table.path), "", "collect.no_header"),),
    )


def _rows(
    table: Table, position: int, name_col: int, col: int, headers: list[str]
) -> tuple[FormRow, ...]:
    id_col = _find(headers, ID_HEADERS)
    unit_col = _find(headers, UNIT_HEADERS)
    note_col = _find(headers, NOTE_HEADERS)
    date_col = _find(headers, DATE_HEADERS)

    def at(cells: tuple[Cell, ...], index: int | None) -> Cell:
        return cells[index] if index is not None and index < len(cells) else Cell(None)

    out = []
    for line, cells in table.rows[position + 1 :]:
        name = cell_text(at(cells, name_col), nfkc=False)
        item_id = cell_text(at(cells, id_col))
        if not name and not item_id:
            continue
        out.append(
            FormRow(
                line,
                item_id,
                name,
                cell_text(at(cells, unit_col)),
                at(cells, col),
                at(cells, date_col),
                cell_text(at(cells, note_col), nfkc=False),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Reading:
    """A row matched to its item, with what it reports (None: not reported)."""

    row: FormRow
    item: Item
    value: Decimal | None = None
    state: MilestoneState | None = None
    date: dt.date | None = None


def _state(text: str) -> MilestoneState | None:
    from plancheck.report.forms import STATE_WORDS

    for state, word in STATE_WORDS.items():
        if text in (word, state.value):
            return state
    return None


def match_rows(
    form: FilledForm, items: list[Item], units: tuple[str, ...] = ()
) -> tuple[list[Reading], list[Problem]]:
    """Each row's item and figure, and every row that cannot be placed or read."""
    by_id = {i.id: i for i in items}
    by_name: dict[str, list[Item]] = {}
    for i in items:
        by_name.setdefault(norm(i.name), []).append(i)
    readings: list[Reading] = []
    problems: list[Problem] = []
    for row in form.rows:
        where = Location(form.path, row.line)
        item = by_id.get(row.item_id) if row.item_id else None
        if item is None:
            named = by_name.get(norm(row.name), [])
            item = named[0] if len(named) == 1 else None
        if item is None:
            problems.append(_unknown(where, form.header, row, items))
            continue
        try:
            readings.append(_reading(row, item, form.unit, units))
        except _RowError as exc:
            problems.append(Problem(where, form.header, exc.code, exc.pairs))
    return readings, problems


class _RowError(ValueError):
    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.pairs = tuple((k, str(v)) for k, v in args.items())


def _reading(row: FormRow, item: Item, header_unit: str, units: tuple[str, ...]) -> Reading:
    from plancheck.model import Kind
    from plancheck.units import parse_quantity
    from plancheck.write.figures import FigureError, to_item_unit

    value = row.value.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return Reading(row, item)  # not reported (never 0)
    if item.kind is Kind.MILESTONE:
        text = cell_text(row.value)
        state = _state(text)
        if state is None:
            from plancheck.report.forms import STATE_WORDS

            raise _RowError("collect.bad_state", text=text, choices="、".join(STATE_WORDS.values()))
        return Reading(row, item, state=state, date=_date(row.date))
    if isinstance(value, Decimal):
        number, symbol = value, ""
    else:
        try:
            number, symbol = parse_quantity(cell_text(row.value).replace("，", ","))
        except ValueError:
            raise _RowError("collect.bad_value", text=cell_text(row.value)) from None
    if row.value.percent and item.unit != "%":
        number, symbol = number / 100, symbol
    symbol = symbol or row.unit or header_unit
    if number < 0:
        raise _RowError("value.negative", key=item.id, value=cell_text(row.value))
    try:
        return Reading(row, item, value=to_item_unit(item, number, symbol, units))
    except FigureError as exc:
        raise _RowError(exc.code, **exc.args_) from None


def _date(cell: Cell) -> dt.date | None:
    value = cell.value
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = cell_text(cell).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _RowError("collect.bad_date", text=cell_text(cell)) from None


def _unknown(where: Location, header: str, row: FormRow, items: list[Item]) -> Problem:
    from plancheck.read.lookup import closest, listing

    text = row.name or row.item_id
    near = closest(items, text)
    if near:
        args = (("text", text), ("suggestions", listing(near)))
        return Problem(where, header, "collect.unknown_row_suggest", args)
    return Problem(where, header, "collect.unknown_row", (("text", text),))
