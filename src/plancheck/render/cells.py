"""One report item as display strings, shared by the table, markdown and csv outputs."""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Item, Kind
from plancheck.render import labels
from plancheck.render.numbers import amount, pct, round_pct
from plancheck.report.evaluate import HUNDRED, ItemResult, Report, Status

EMPTY = "—"


def display_name(item: Item) -> str:
    """The item's name, led by its township's in a county's view (summed items need none)."""
    from plancheck.report.rollup import TOTAL

    if item.entity and item.entity != TOTAL:
        return f"{item.entity}·{item.name}"
    return item.name


def target_cell(r: ItemResult, lang: str) -> str:
    item = r.item
    if item.kind is Kind.MILESTONE:
        return item.due_text or (item.due.isoformat() if item.due else EMPTY)
    if item.kind is Kind.GROWTH:
        if item.target_growth_pct is None:
            return EMPTY
        text = pct(item.target_growth_pct, sign=True)
        was = item.original_target_growth_pct
        if was is not None and was != item.target_growth_pct:
            text += f"（{'原' if lang == 'zh' else 'was '}{pct(was, sign=True)}）"
        return text
    text = amount(r.target)
    if (
        item.original_target is not None
        and r.target is not None
        and item.original_target != r.target
    ):
        text += f"（{'原' if lang == 'zh' else 'was '}{amount(item.original_target)}）"
    return text


def actual_cell(r: ItemResult, lang: str) -> str:
    item = r.item
    if item.kind is Kind.MILESTONE:
        if r.state is not None and item.done is not None and r.status is Status.DONE:
            return item.done_text or item.done.isoformat()
        return EMPTY
    return amount(r.actual)


def gap_cell(r: ItemResult, lang: str) -> str:
    if r.gap is None:
        return EMPTY
    if r.item.unit == "%" and r.item.kind is not Kind.GROWTH:
        return f"{amount(r.gap)}{'百分点' if lang == 'zh' else 'pp'}"
    return amount(r.gap)


def bar(r: ItemResult, width: int = 10) -> str:
    """A small bar: filled to completion, with ┃ where expected progress stands."""
    if r.completion_pct is None:
        return ""
    filled = int(min(max(r.completion_pct, Decimal(0)), HUNDRED) * width / HUNDRED)
    cells = ["█"] * filled + ["░"] * (width - filled)
    if r.expected_pct is not None and r.expected_pct < HUNDRED:
        mark = int(r.expected_pct * width / HUNDRED)
        if 0 < mark < width:
            cells[mark] = "┃"
    return "".join(cells)


def cells(r: ItemResult, lang: str) -> dict[str, str]:
    lang = labels.lang_of(lang)
    item = r.item
    status = labels.STATUS[lang][r.status]
    if r.stale:
        status += f"·{labels.TEXT[lang]['stale_mark']}"
    return {
        "id": item.id,
        "section": item.section,
        "name": labels.TEXT[lang]["draft_mark"] + item.name if item.draft else item.name,
        "unit": item.unit,
        "target": target_cell(r, lang),
        "actual": actual_cell(r, lang),
        "completion": pct(r.completion_pct),
        "expected": pct(r.expected_pct),
        "gap": gap_cell(r, lang),
        "yoy": pct(r.yoy_pct, sign=True),
        "status": status,
        "light": labels.LIGHT[lang][r.light] if r.light else EMPTY,
        "owner": item.owner,
        "note": item.note,
        "entity": item.entity,
    }


def title(report: Report, lang: str) -> str:
    lang = labels.lang_of(lang)
    return labels.TEXT[lang]["title"].format(
        entity=report.entity,
        year=report.year,
        as_of=report.as_of.isoformat(),
        elapsed=pct(report.elapsed_pct),
    )


def totals_line(report: Report, lang: str) -> str:
    lang = labels.lang_of(lang)
    parts = [labels.TEXT[lang]["total"].format(n=report.totals.items)]
    sep = "：" if lang == "zh" else ": "
    counts = [f"{labels.STATUS[lang][s]} {n}" for s, n in report.totals.by_status]
    lights = [f"{labels.LIGHT[lang][lt]} {n}" for lt, n in report.totals.by_light]
    text = parts[0] + sep + " · ".join(counts)
    if lights:
        text += ("；灯：" if lang == "zh" else "; lights: ") + " · ".join(lights)
    return text


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_pct(value)
