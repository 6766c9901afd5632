"""Figures and dates in words, for the progress notice: 636户, 4.9个百分点, 增长36.5%,
截至6月底 (and their English forms).

Amounts are exact and percentages rounded half up to one decimal, by
`plancheck.render.numbers`, the same way `status --format json` gives them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from plancheck.model import Item, Kind
from plancheck.render.numbers import amount, pct, round_pct, stated_pct
from plancheck.report.evaluate import ItemResult
from plancheck.written import Written

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def qty(value: Decimal | None, unit: str, lang: str) -> str:
    """An amount with its unit: 636户 / 636 户; a rate 85.1%."""
    text = amount(value)
    if not unit or value is None:
        return text
    if unit == "%" or lang == "zh":
        return f"{text}{unit}"
    return f"{text} {unit}"


def pp(value: Decimal, lang: str) -> str:
    """Percentage points: 4.9个百分点 / 4.9 pp."""
    text = f"{round_pct(value):f}"
    return f"{text}个百分点" if lang == "zh" else f"{text} pp"


def growth(value: Decimal, lang: str, stated: bool = False) -> str:
    """增长36.5% / 下降3.0% / 与上年持平 (up 36.5% / down 3.0% / unchanged); a `stated`
    growth keeps its written digits (增长34%, 增长12.35%)."""
    rounded = value if stated else round_pct(value)
    if rounded == 0:
        return "与上年持平" if lang == "zh" else "unchanged on last year"
    shown = stated_pct(abs(value)) if stated else pct(abs(value))
    if lang == "zh":
        return f"{'增长' if rounded > 0 else '下降'}{shown}"
    return f"{'up' if rounded > 0 else 'down'} {shown} on last year"


def target_growth(value: Decimal | None, lang: str, written: Written | None = None) -> str:
    """目标增长10% / 目标下降3% / 目标增长6%—6.5% (target growth 10% / target: down 3%):
    the target growth as the ledger states it, with its written digits and words."""
    if value is None:
        return "目标增速未定" if lang == "zh" else "target growth not set"
    if written is not None:
        text = written.text
        if lang == "zh":
            bare = text[:1].isdigit() or text[:1] in "+-−"  # 6%—6.5%, not 控制在3%以内
            verb = ("下降" if value < 0 else "增长") if bare else ""
            if bare and text[:1] in "+-−":
                text = text[1:]  # -3% → 下降3%
            return f"目标{verb}{text}"
        return f"target growth {text}"
    if lang == "zh":
        if value == 0:
            return "目标与上年持平"
        return f"目标{'增长' if value > 0 else '下降'}{stated_pct(abs(value))}"
    if value == 0:
        return "target: unchanged on last year"
    if value > 0:
        return f"target growth {stated_pct(value)}"
    return f"target: down {stated_pct(abs(value))}"


def target_qty(r: ItemResult, lang: str) -> str:
    """The target as written (1.2万人左右, 3亿元以上), else its amount with its unit."""
    written = r.item.written_of("target")
    if written is not None and r.target == r.item.target:
        return written.text
    return qty(r.target, r.item.unit, lang)


def behind_pp(r: ItemResult) -> Decimal | None:
    """Expected progress minus completion, as the two printed figures differ."""
    if r.expected_pct is None or r.completion_pct is None:
        return None
    return round_pct(r.expected_pct) - round_pct(r.completion_pct)


def gap_text(r: ItemResult, lang: str) -> str:
    if r.gap is None:
        return ""
    if r.item.unit == "%" and r.item.kind is not Kind.GROWTH:
        return f"{amount(r.gap)}个百分点" if lang == "zh" else f"{amount(r.gap)} pp"
    return qty(r.gap, r.item.unit, lang)


def date_text(d: dt.date, lang: str, month_only: bool = False) -> str:
    if lang == "zh":
        return f"{d.year}年{d.month}月" + ("" if month_only else f"{d.day}日")
    if month_only:
        return f"{EN_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def due_text(item: Item, lang: str) -> str:
    """The due date as written: a month (2024年7月) or a day (2024年7月20日)."""
    if item.due is None:
        return ""
    return date_text(item.due, lang, month_only=len(item.due_text) == 7)


def month_text(ym: str, lang: str) -> str:
    """ "2024-05" → 5月 / May."""
    month = int(ym[5:7])
    return f"{month}月" if lang == "zh" else EN_MONTHS[month - 1]


def as_of_text(as_of: dt.date, lang: str) -> str:
    """截至6月底 / 截至6月15日; as of the end of June 2024 / as of 15 June 2024."""
    is_end = (as_of + dt.timedelta(days=1)).day == 1
    if lang == "zh":
        return f"截至{as_of.month}月底" if is_end else f"截至{as_of.month}月{as_of.day}日"
    if is_end:
        return f"as of the end of {EN_MONTHS[as_of.month - 1]} {as_of.year}"
    return f"as of {date_text(as_of, lang)}"


def until_text(until: dt.date, lang: str) -> str:
    """7月底前 / by the end of July."""
    is_end = (until + dt.timedelta(days=1)).day == 1
    if lang == "zh":
        return f"{until.month}月底前" if is_end else f"{until.month}月{until.day}日前"
    if is_end:
        return f"by the end of {EN_MONTHS[until.month - 1]}"
    return f"by {date_text(until, lang)}"
