"""CSV for Excel/WPS: one row per item, exact amounts, percentages to one decimal."""

from __future__ import annotations

import csv
import io

from plancheck.render import labels
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


def render_csv(report: Report, lang: str = "zh", bom: bool = False) -> str:
    lang = labels.lang_of(lang)
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([labels.COLUMNS[lang][k] for k in CSV_COLUMNS])
    for r in report.items:
        item = r.item
        writer.writerow(
            [
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
            ]
        )
    return out.getvalue()
