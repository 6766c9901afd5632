"""CSV for Excel/WPS: one row per item, exact amounts, percentages to one decimal."""

from __future__ import annotations

import csv
import io

from plancheck.render import labels
from plancheck.render.grid import Column, Grid, to_rows
from plancheck.render.numbers import plain, round_pct
from plancheck.report.evaluate import Report

CSV_COLUMNS = (
    "id",
    "section",
    "name",
    "owner",
    "kind",
    "unit",
    "target",
    "actual",
    "baseline",
    "completion",
    "expected",
    "gap",
    "yoy",
    "status",
    "light",
    "stale",
    "note",
)


def _num(value: object) -> str:
    from decimal import Decimal

    return plain(value) if isinstance(value, Decimal) else ""


def _pct_text(value: object) -> str:
    """A percentage with its one decimal kept (20.0, not 20)."""
    from decimal import Decimal

    return format(round_pct(value), "f") if isinstance(value, Decimal) else ""


_CSV_NUMERIC = frozenset({"target", "actual", "baseline", "completion", "expected", "gap", "yoy"})


def csv_grid(report: Report, lang: str = "zh") -> Grid:
    """One row per item: exact amounts, percentages to one decimal, words for the codes."""
    lang = labels.lang_of(lang)
    rows = []
    for r in report.items:
        item = r.item
        rows.append(
            (
                item.id,
                item.section,
                item.name,
                item.owner,
                labels.KIND[lang][item.kind],
                item.unit,
                _num(r.target if item.kind.value != "growth" else item.target_growth_pct),
                _num(r.actual),
                _num(r.baseline),
                _pct_text(r.completion_pct),
                _pct_text(r.expected_pct),
                _num(r.gap),
                _pct_text(r.yoy_pct),
                labels.STATUS[lang][r.status],
                labels.LIGHT[lang][r.light] if r.light else "",
                ("是" if lang == "zh" else "yes") if r.stale else "",
                item.note,
            )
        )
    columns = tuple(Column(k, labels.COLUMNS[lang][k], k in _CSV_NUMERIC) for k in CSV_COLUMNS)
    return Grid(columns, tuple(rows))


def write_csv(grid: Grid, bom: bool = False) -> str:
    """A grid as CSV (CRLF line ends, optional BOM for Excel)."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(to_rows(grid))
    return out.getvalue()


def render_csv(report: Report, lang: str = "zh", bom: bool = False) -> str:
    return write_csv(csv_grid(report, lang), bom)
