"""One report item as display strings, shared by the table, markdown and csv outputs."""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Item, Kind
from plancheck.render import labels
from plancheck.render.numbers import amount, pct, round_pct, stated_pct
from plancheck.report.evaluate import HUNDRED, ItemResult, Report, Status
from plancheck.written import Qualifier

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
        written = item.written_of("target_growth_pct")
        text = written.text if written else stated_pct(item.target_growth_pct, sign=True)
        was = item.original_target_growth_pct
        if was is not None and was != item.target_growth_pct:
            before = item.written_of("original_target_growth_pct")
            shown = before.text if before is not None else stated_pct(was, sign=True)
            text += f"（{'原' if lang == 'zh' else 'was '}{shown}）"
        return text
    written = item.written_of("target")
    text = written.text if written else amount(r.target)
    if item.target_derived and r.target is not None:
        return derived_target_text(r, lang)
    if (
        item.original_target is not None
        and r.target is not None
        and item.original_target != r.target
    ):
        first = item.written_of("original_target")
        shown = first.text if first is not None else amount(item.original_target)
        text += f"（{'原' if lang == 'zh' else 'was '}{shown}）"
    return text


def derived_target_text(r: ItemResult, lang: str) -> str:
    """A target derived from a stated completion rate: ≈1407（推算）; an upper bound when the
    rate is a lower bound (超过100% → ≤5.46)."""
    assert r.target is not None
    figure = r.item.written_of("completion_pct")
    bound = figure is not None and figure.qualifier is Qualifier.AT_LEAST
    places = len(amount(r.actual).partition(".")[2]) if r.actual is not None else 0
    mark = "推算" if lang == "zh" else "derived"
    return f"{'≤' if bound else '≈'}{amount(r.target, max_decimals=places)}（{mark}）"


def completion_cell(r: ItemResult) -> str:
    """完成率: computed, rounded to one decimal; a stated one as written (136.5%, 超过100%)."""
    figure = r.item.written_of("completion_pct")
    if figure is not None:
        return figure.text
    if r.item.completion_stated is not None:
        return stated_pct(r.item.completion_stated)
    return pct(r.completion_pct)


def actual_cell(r: ItemResult, lang: str) -> str:
    item = r.item
    if item.kind is Kind.MILESTONE:
        if r.state is not None and item.done is not None and r.status is Status.DONE:
            return item.done_text or item.done.isoformat()
        return EMPTY
    written = item.written_of("actual")
    if r.actual_month is not None and item.history:
        written = item.written_of(f"history.{r.actual_month}")
    if written is not None and r.actual is not None:
        return written.text  # the figure as written: 超过800人, 预计31000万元
    if r.actual is None and item.kind is Kind.GROWTH and r.yoy_pct is not None:
        return yoy_cell(r, lang)  # only a stated growth rate is known: +7.6%
    return amount(r.actual)


def gap_cell(r: ItemResult, lang: str) -> str:
    if r.gap is None:
        return EMPTY
    if r.item.unit == "%" and r.item.kind is not Kind.GROWTH:
        return f"{amount(r.gap)}{'百分点' if lang == 'zh' else 'pp'}"
    return amount(r.gap)


def yoy_cell(r: ItemResult, lang: str) -> str:
    """+36.5%; a rate's change in percentage points (+3.7百分点); an estimate 预计+8.5%."""
    if r.change_pp is not None:
        rounded = round_pct(r.change_pp)
        sign = "+" if rounded > 0 else ""
        return f"{sign}{rounded:f}{'百分点' if lang == 'zh' else 'pp'}"
    text = stated_pct(r.yoy_pct, sign=True) if r.yoy_stated else pct(r.yoy_pct, sign=True)
    if r.item.real_growth and r.yoy_pct is not None:
        text += "（可比价）" if lang == "zh" else " (real)"
    written = r.item.written_of("actual_growth_pct")
    if written is not None and written.estimate and r.yoy_pct == r.item.actual_growth_pct:
        text = ("预计" if lang == "zh" else "est. ") + text
    return text


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
        "completion": completion_cell(r),
        "expected": pct(r.expected_pct),
        "gap": gap_cell(r, lang),
        "yoy": yoy_cell(r, lang),
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
