"""The exported table: one row per item, typed cells, shared by the xlsx and csv exports.

The values are those of `status --format json` (percentages rounded half up to one
decimal, amounts exact, in the item's unit; a due or done month stays the month written,
where the JSON gives its last day); the headers and the words for kinds and
directions are `plancheck.tables.tabular`'s, so that an exported sheet imports back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from plancheck.model import Kind
from plancheck.render import labels
from plancheck.render.numbers import plain, round_pct, score
from plancheck.report.evaluate import ItemResult, Light, Report
from plancheck.tables.tabular import DIRECTION_LABELS, FORMULA_START, KIND_LABELS, header_for


class Style(StrEnum):
    TEXT = "text"
    AMOUNT = "amount"
    """An exact figure in the item's unit."""
    PERCENT = "percent"
    """A percentage, held as its value in percent (101.3); a spreadsheet shows 101.3%."""
    DATE = "date"
    MONTH = "month"
    """"YYYY-MM", kept as text."""
    SCORE = "score"
    """A computed amount (weight × completion), shown to two decimals."""
    INTEGER = "integer"
    """A whole number without thousands separators (a year)."""


@dataclass(frozen=True)
class SheetCell:
    value: Decimal | str | dt.date | None
    style: Style = Style.TEXT
    light: Light | None = None
    """The traffic light this cell shows (its fill)."""


COLUMNS = (
    "id", "name", "entity", "section", "owner", "kind", "direction", "unit", "target",
    "target_growth_pct", "original_target", "original_target_growth_pct", "actual",
    "actual_month", "baseline",
    "completion_pct", "expected_pct", "gap", "yoy_pct", "status", "light", "stale", "due",
    "done", "weight", "score", "note", "source",
)  # fmt: skip

WIDE = {"name", "section", "note", "source"}
"""Columns of long text: their width is capped."""


def columns_for(report: Report) -> tuple[str, ...]:
    """The columns of the sheet (entity only in a ledger of several townships)."""
    if any(r.item.entity for r in report.items):
        return COLUMNS
    return tuple(c for c in COLUMNS if c != "entity")


def header(columns: tuple[str, ...], lang: str) -> list[str]:
    return [header_for(c, lang) for c in columns]


def _amount(value: Decimal | None, r: ItemResult) -> SheetCell:
    if value is None:
        return SheetCell(None)
    if r.item.unit == "%" and r.item.kind is not Kind.GROWTH:
        return SheetCell(value, Style.PERCENT)
    return SheetCell(value, Style.AMOUNT)


def _written(r: ItemResult, key: str) -> SheetCell | None:
    """A figure the ledger writes as reports write it (300个以上, 6%—6.5%): its text."""
    figure = r.item.written_of(key)
    if figure is None or (key == "actual" and r.actual != r.item.actual):
        return None
    if key == "target" and r.item.kind is Kind.GROWTH:
        return None
    return SheetCell(figure.text)


def _pct(value: Decimal | None) -> SheetCell:
    return SheetCell(None if value is None else round_pct(value), Style.PERCENT)


def _text(value: str) -> SheetCell:
    return SheetCell(value or None)


def item_cells(r: ItemResult, columns: tuple[str, ...], lang: str) -> list[SheetCell]:
    lang = labels.lang_of(lang)
    item = r.item
    milestone = item.kind is Kind.MILESTONE
    values: dict[str, SheetCell] = {
        "id": _text(item.id),
        "name": _text(item.name),
        "entity": _text(item.entity),
        "section": _text(item.section),
        "owner": _text(item.owner),
        "kind": _text(KIND_LABELS[lang][item.kind]),
        "direction": _text(DIRECTION_LABELS[lang][item.direction]),
        "unit": _text(item.unit),
        "target": _written(r, "target") or _amount(r.target, r),
        "target_growth_pct": _written(r, "target_growth_pct")
        or SheetCell(item.target_growth_pct if item.kind is Kind.GROWTH else None, Style.PERCENT),
        "original_target": _amount(item.original_target, r),
        "original_target_growth_pct": SheetCell(item.original_target_growth_pct, Style.PERCENT),
        "actual": _written(r, "actual") or _amount(r.actual, r),
        "actual_month": SheetCell(r.actual_month, Style.MONTH),
        "baseline": _amount(r.baseline, r),
        "completion_pct": _pct(r.completion_pct),
        "expected_pct": _pct(r.expected_pct),
        "gap": _amount(r.gap, r),
        "yoy_pct": _pct(r.yoy_pct),
        "status": _text(labels.STATUS[lang][r.status]),
        "light": SheetCell(labels.LIGHT[lang][r.light] if r.light else None, light=r.light),
        "stale": _text(("是" if lang == "zh" else "yes") if r.stale else ""),
        "due": _date(item.due, item.due_text) if item.due else SheetCell(None),
        "done": _date(item.done, item.done_text) if milestone else SheetCell(None),
        "weight": SheetCell(item.weight, Style.AMOUNT),
        "score": SheetCell(r.score, Style.SCORE),
        "note": _text(item.note),
        "source": _text(item.source),
    }
    return [values[c] for c in columns]


def _date(value: dt.date | None, written: str) -> SheetCell:
    """A date as written: a month alone ("2024-05", 5月底前) stays a month, not its last day."""
    if value is not None and len(written) == 7:
        return SheetCell(written, Style.MONTH)
    return SheetCell(value, Style.DATE)


def cell_text(cell: SheetCell) -> str:
    """The cell as plain text (csv): exact amounts, percentages without the sign."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return score(v) if cell.style is Style.SCORE else plain(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if v[:1] in FORMULA_START:
        return "'" + v  # Excel and WPS would run it as a formula; import takes the ' off
    return v


def display_width(text: str) -> int:
    """Terminal columns of `text`: CJK and full-width characters count 2."""
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def render_sheet_csv(report: Report, lang: str = "zh", bom: bool = True) -> str:
    """The exported table as CSV (the same columns as the xlsx export's first sheet)."""
    columns = columns_for(report)
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(columns, lang))
    for r in report.items:
        writer.writerow([cell_text(c) for c in item_cells(r, columns, lang)])
    return out.getvalue()
