"""Sentences about one item, for the progress notice (通报), in Chinese and English.

A shortfall ("…落后7.3个百分点，尚有150户未完成；责任单位：…"), a highlight, a key figure,
a milestone, a stale or missing report; and the small pieces they are made of.  The
notice's own structure (title, overview, sections, closing) is `plancheck.render.prose`.
Figures are formatted as everywhere else (see that module's docstring).
"""

from __future__ import annotations

import re
from decimal import Decimal

from plancheck.model import Direction, Item, Kind, MilestoneState, Phasing
from plancheck.render import figures
from plancheck.render.cells import display_name
from plancheck.render.figures import (
    behind_pp,
    due_text,
    growth,
    month_text,
    pp,
    target_growth,
)
from plancheck.render.numbers import pct, round_pct, stated_pct
from plancheck.report.evaluate import ItemResult, Report, Status
from plancheck.report.summary import Summary, excess
from plancheck.written import Qualifier

_TEN_THOUSAND = Decimal(10000)
_LEDGER_ID = re.compile(r"(?:见\s*)?([A-Za-z0-9][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)")


def qty(value: Decimal | None, unit: str, lang: str) -> str:
    """An amount in a sentence: as `figures.qty`, except that an amount of money below one
    亿元 is said in 万元, exactly (0.3956亿元 → 3956万元): prose only, tables and JSON keep
    the item's unit."""
    if unit == "亿元" and value is not None and abs(value) < 1:
        return figures.qty(value * _TEN_THOUSAND, "万元", lang)
    return figures.qty(value, unit, lang)


def target_qty(r: ItemResult, lang: str) -> str:
    """The target in a sentence: as written (`figures.target_qty`: 3亿元以上), else as `qty`."""
    written = r.item.written_of("target")
    if written is not None and r.target == r.item.target:
        return figures.target_qty(r, lang)
    return qty(r.target, r.item.unit, lang)


def gap_text(r: ItemResult, lang: str) -> str:
    """The gap in a sentence (`figures.gap_text`, amounts of money as `qty`)."""
    if r.gap is not None and r.item.unit == "亿元":
        return qty(r.gap, r.item.unit, lang)
    return figures.gap_text(r, lang)


def readable_note(text: str, report: Report | None, entity: str) -> str:
    """A note with the ids of `report`'s items that it mentions ("见 disputes-screened-villages")
    replaced by the items' names: the printed notice names items, never ids.  A word is
    taken for an id when it has a hyphen or follows 见, and is an id of the entity."""
    if report is None:
        return text
    names = {r.item.id: display_name(r.item) for r in report.items if r.item.entity == entity}

    def name(match: re.Match[str]) -> str:
        whole, word = match.group(0), match.group(1)
        found = names.get(word)
        if found is None or ("-" not in word and not whole.startswith("见")):
            return whole
        return ("见" if whole.startswith("见") else "") + found

    return _LEDGER_ID.sub(name, text)


def dated(r: ItemResult, report: Report, lang: str) -> str:
    """（5月数据） when the actual is older than the as-of month."""
    as_of_month = f"{report.as_of.year:04d}-{report.as_of.month:02d}"
    if r.actual_month is None or r.actual_month >= as_of_month or report.elapsed_months == 12:
        return ""
    month = month_text(r.actual_month, lang)
    return f"（{month}数据）" if lang == "zh" else f" ({month} figure)"


def clause(text: str) -> str:
    """A ledger note as a sentence: trailing punctuation replaced by one full stop."""
    return text.strip().rstrip("。；;，,.、 ")


def owner_of(item: Item, lang: str) -> str:
    if item.owner:
        return item.owner
    return "未明确" if lang == "zh" else "none"


def owner_and_note(
    r: ItemResult, lang: str, note: bool = True, report: Report | None = None
) -> str:
    """；责任单位：X。备注：…。 (ids of `report`'s items in the note given as their names)"""
    owner = owner_of(r.item, lang)
    text = f"；责任单位：{owner}。" if lang == "zh" else f"; owner: {owner}."
    said = readable_note(clause(r.item.note), report, r.item.entity) if r.item.note else ""
    if note and said:
        text += f"备注：{said}。" if lang == "zh" else f" Note: {said}."
    return text


def join_words(parts: list[str], lang: str) -> str:
    return ("，" if lang == "zh" else ", ").join(parts)


def key_sentence(r: ItemResult, summary: Summary, lang: str) -> str:
    """财政收入1924万元，完成年度目标1900万元的101.3%  /  规上工业产值5.46亿元，同比增长36.5%"""
    item = r.item
    zh = lang == "zh"
    parts: list[str] = []
    if item.kind is Kind.GROWTH and item.target_growth_pct is not None:
        parts.append(
            target_growth(item.target_growth_pct, lang, item.written_of("target_growth_pct"))
        )
    elif item.completion_stated is not None:
        parts.append(stated_completion_words(r, lang))
    elif r.target is not None and r.completion_pct is not None:
        target, done = target_qty(r, lang), pct(r.completion_pct)
        if item.direction is Direction.DOWN and item.baseline is None:  # a ceiling
            parts.append(ceiling_words(r, lang))
        else:
            parts.append(
                f"完成年度目标{target}的{done}" if zh else f"{done} of the target of {target}"
            )
        if not summary.period_over and r.expected_pct is not None:
            expected = pct(r.expected_pct)
            parts.append(f"序时进度{expected}" if zh else f"expected {expected}")
    if r.yoy_pct is not None:
        # growth first for growth targets ("同比增长15.0%，目标增长10.0%"), else last
        where = 0 if item.kind is Kind.GROWTH else len(parts)
        change = growth(r.yoy_pct, lang, r.yoy_stated)
        if zh:  # 同比增长5.0% / 同比持平 (not 同比与上年持平)
            change = "同比持平" if change == "与上年持平" else "同比" + change
        parts.insert(where, change)
    if r.actual is not None:
        value = qty(r.actual, item.unit, lang) + dated(r, summary.report, lang)
        head = f"{display_name(item)}{value}" if zh else f"{display_name(item)}: {value}"
    elif r.yoy_pct is not None:
        # the growth is the figure: "固定资产投资同比增长15.0%"
        first = parts.pop(0)
        head = f"{display_name(item)}{first}" if zh else f"{display_name(item)}: {first}"
    else:
        head = f"{display_name(item)}暂无数据" if zh else f"{display_name(item)}: no data yet"
    if r.change_pp is not None:  # a rate's change: 比上年提高3.7个百分点, never +9.7%
        parts.append(points_change(r.change_pp, lang))
    parts += [s.text for s in item.standing]  # 排名全市第三, 高于全市平均水平1.2个百分点
    mom = summary.month_on_month
    change = month_change(r, mom.then(r), lang) if mom is not None else ""
    return join_words([head, *parts, *([change] if change else [])], lang)


def stated_completion_words(r: ItemResult, lang: str) -> str:
    """A completion rate the report states without the target: 超额完成年度任务 /
    完成年度任务的136.5% (exceeded the year's target / 136.5% of the year's target)."""
    item = r.item
    figure = item.written_of("completion_pct")
    text = figure.text if figure is not None else stated_pct(item.completion_stated)
    exceeded = figure is not None and figure.qualifier is Qualifier.AT_LEAST
    if exceeded and figure is not None and figure.value >= 100:
        return "超额完成年度任务" if lang == "zh" else "exceeded the year's target"
    return f"完成年度任务的{text}" if lang == "zh" else f"{text} of the year's target"


def points_change(change: Decimal, lang: str) -> str:
    """比上年提高3.7个百分点 / 比上年下降0.5个百分点 / 与上年持平 (up 3.7 pp on last year)."""
    rounded = round_pct(change)
    if rounded == 0:
        return "与上年持平" if lang == "zh" else "unchanged on last year"
    if lang == "zh":
        return f"比上年{'提高' if rounded > 0 else '下降'}{pp(abs(change), lang)}"
    return f"{'up' if rounded > 0 else 'down'} {pp(abs(change), lang)} on last year"


def ceiling_words(r: ItemResult, lang: str) -> str:
    """控制在2起以内 (ceiling 2起): a ceiling is kept, not completed."""
    written = r.item.written_of("target")
    if written is not None and r.target == r.item.target:
        text = written.text
        if lang == "zh":
            return text if text.startswith("控制在") else f"控制在{text}"
        return f"ceiling {text}"
    target = qty(r.target, r.item.unit, lang)
    return f"控制在{target}以内" if lang == "zh" else f"ceiling {target}"


def _milestone_state(r: ItemResult, lang: str) -> str:
    if r.state is MilestoneState.STARTED:
        return "正在推进" if lang == "zh" else "under way"
    return "尚未开始" if lang == "zh" else "not started"


def _progress(r: ItemResult, lang: str) -> list[str]:
    """完成率 and, mid-year for phased targets, 序时进度 and how far behind."""
    zh = lang == "zh"
    parts = [f"完成率{pct(r.completion_pct)}" if zh else f"completion {pct(r.completion_pct)}"]
    level = r.item.effective_phasing is Phasing.LEVEL
    if r.status is Status.BEHIND and not level and r.expected_pct is not None:
        gap = behind_pp(r)
        expected = pct(r.expected_pct)
        if zh:
            parts.append(f"序时进度{expected}")
            if gap is not None:
                parts.append(f"落后{pp(gap, lang)}")
        else:
            parts.append(f"expected {expected}")
            if gap is not None:
                parts.append(f"{pp(gap, lang)} behind")
    return parts


def shortfall_sentence(r: ItemResult, report: Report, lang: str, streak: int = 0) -> str:
    """One entry of the red list, with its figures, owner and recorded note; `streak`
    (month-ends in a row behind) adds "已连续N个月滞后" from 2 on."""
    item = r.item
    zh = lang == "zh"
    u = item.unit
    head = f"{display_name(item)}：" if zh else f"{display_name(item)} — "
    parts: list[str]
    if item.kind is Kind.MILESTONE:
        due = due_text(item, lang)
        if r.status is Status.BLOCKED:
            parts = ["推进受阻" if zh else "blocked"]
            if due:
                parts.append(f"计划{due}完成" if zh else f"due {due}")
        else:
            state = _milestone_state(r, lang)
            parts = (
                [f"计划{due}完成", f"目前{state}", "已逾期"]
                if zh
                else [f"due {due}", state, "overdue"]
            )
    elif item.kind is Kind.GROWTH:
        actual = growth(r.yoy_pct, lang, r.yoy_stated) if r.yoy_pct is not None else "—"
        parts = [target_growth(item.target_growth_pct, lang, item.written_of("target_growth_pct")),
                 f"实际{actual}" if zh else f"actual {actual}"]  # fmt: skip
        parts += _progress(r, lang)
    elif item.kind is Kind.RATE:
        parts = (
            [
                f"目标{target_qty(r, lang)}",
                f"实际{qty(r.actual, u, lang)}{dated(r, report, lang)}",
            ]
            if zh
            else [
                f"target {target_qty(r, lang)}",
                f"actual {qty(r.actual, u, lang)}{dated(r, report, lang)}",
            ]
        )
        parts += _progress(r, lang)
        parts.append(f"尚差{gap_text(r, lang)}" if zh else f"{gap_text(r, lang)} short")
    elif item.direction is Direction.DOWN:
        actual = qty(r.actual, u, lang) + dated(r, report, lang)
        if item.baseline is not None and item.baseline != r.target:
            # the starting figure is named only where the JSON gives it (`baseline`: at
            # year end); mid-year it is last year's same month, which may be unknown
            target = qty(r.target, u, lang)
            parts = (
                [f"目标压减至{target}", f"目前为{actual}"]
                if zh
                else [f"target {target}", f"now {actual}"]
            )
            if r.baseline is not None:
                base = qty(r.baseline, u, lang)
                parts.insert(0, f"基数{base}" if zh else f"baseline {base}")
            parts += _progress(r, lang)
            parts.append(
                f"尚需压减{gap_text(r, lang)}" if zh else f"{gap_text(r, lang)} still to cut"
            )
        else:
            parts = (
                [ceiling_words(r, lang), f"目前为{actual}", f"超出{gap_text(r, lang)}"]
                if zh
                else [ceiling_words(r, lang), f"now {actual}", f"{gap_text(r, lang)} over"]
            )
    else:
        actual = qty(r.actual, u, lang) + dated(r, report, lang)
        target = target_qty(r, lang)
        parts = (
            [f"目标{target}", f"已完成{actual}"] if zh else [f"target {target}", f"done {actual}"]
        )
        parts += _progress(r, lang)
        parts.append(f"尚有{gap_text(r, lang)}未完成" if zh else f"{gap_text(r, lang)} still to do")
    if streak >= 2:
        parts.append(f"已连续{streak}个月滞后" if zh else f"behind for {streak} months in a row")
    return head + join_words(parts, lang) + owner_and_note(r, lang, report=report)


def next_step(r: ItemResult, lang: str, period_over: bool = False) -> str:
    """What happens next about a shortfall: the item's `measures` (下步措施) when recorded,
    else a sentence that names the office (请农业农村办加快推进，确保完成年度目标。) — the
    gap is said once, in the entry (or the table) above it, not again here.  When the
    period is over: 请农业农村办认真分析原因，结转至下年度继续推进。"""
    item = r.item
    zh = lang == "zh"
    if clause(item.measures):
        text = clause(item.measures)
        return f"下步措施：{text}。" if zh else f"Next steps: {text}."
    who = item.owner or ("相关责任单位" if zh else "the owner")
    if period_over:
        return (
            f"请{who}认真分析原因，结转至下年度继续推进。"
            if zh
            else f"{who} to analyse the causes and carry it over to next year."
        )
    if item.kind is Kind.MILESTONE:
        if r.status is Status.BLOCKED:
            return (
                f"请{who}协调解决受阻问题，推动尽快落实。" if zh else f"{who} to clear the block."
            )
        return f"请{who}加快推进，尽早完成。" if zh else f"{who} to finish it soon."
    if item.kind is Kind.GROWTH or r.gap is None:
        return f"请{who}加快推进，力争达到目标。" if zh else f"{who} to catch up with the target."
    if item.direction is Direction.DOWN:
        if item.baseline is not None and item.baseline != r.target:
            return (
                f"请{who}加快推进，确保完成压减目标。" if zh else f"{who} to make the cut in time."
            )
        return (
            f"请{who}采取措施，尽快控制在目标以内。"
            if zh
            else f"{who} to bring it within the ceiling."
        )
    return (
        f"请{who}加快推进，确保完成年度目标。" if zh else f"{who} to catch up and meet the target."
    )


def month_change(r: ItemResult, then: ItemResult | None, lang: str) -> str:
    """较上月增加150万元 / 增速较上月提高1.2个百分点 ("" when there is nothing to compare:
    no figure last month, or the same month's figure both times)."""
    if then is None or r.actual_month is None or r.actual_month == then.actual_month:
        return ""
    zh = lang == "zh"
    if r.item.kind is Kind.GROWTH or r.actual is None or then.actual is None:
        if r.yoy_pct is None or then.yoy_pct is None:
            return ""
        change = round_pct(r.yoy_pct) - round_pct(then.yoy_pct)
        if change == 0:
            return "增速与上月持平" if zh else "growth as last month"
        up = change > 0
        if zh:
            return f"增速较上月{'提高' if up else '回落'}{pp(abs(change), lang)}"
        return f"growth {'up' if up else 'down'} {pp(abs(change), lang)} on last month"
    change = r.actual - then.actual
    if change == 0:
        return "与上月持平" if zh else "unchanged on last month"
    size = qty(abs(change), r.item.unit, lang)
    if zh:
        return f"较上月{'增加' if change > 0 else '减少'}{size}"
    return f"{'up' if change > 0 else 'down'} {size} on last month"


def highlight_sentence(r: ItemResult, report: Report, lang: str) -> str:
    """An exceeded target and by how much."""
    item = r.item
    zh = lang == "zh"
    u = item.unit
    more = excess(r)
    head = f"{display_name(item)}：" if zh else f"{display_name(item)} — "
    parts: list[str]
    if item.completion_stated is not None:  # no target stated: the rate is the figure
        actual = qty(r.actual, u, lang) + dated(r, report, lang)
        words = [f"完成{actual}" if zh else f"done {actual}", stated_completion_words(r, lang)]
        return head + join_words(words, lang) + owner_and_note(r, lang, note=False)
    if item.kind is Kind.GROWTH:
        actual = growth(r.yoy_pct, lang, r.yoy_stated) if r.yoy_pct is not None else "—"
        parts = [target_growth(item.target_growth_pct, lang, item.written_of("target_growth_pct")),
                 f"实际{actual}" if zh else f"actual {actual}"]  # fmt: skip
        if more is not None and item.direction is Direction.DOWN:
            parts.append(
                f"比目标多下降{pp(more, lang)}"
                if zh
                else f"{pp(more, lang)} further down than the target"
            )
        elif more is not None:
            parts.append(f"高于目标{pp(more, lang)}" if zh else f"{pp(more, lang)} above target")
    else:
        target = target_qty(r, lang)
        actual = qty(r.actual, u, lang) + dated(r, report, lang)
        if item.kind is Kind.RATE:
            extra = pp(more, lang) if more is not None else ""
        else:
            extra = qty(more, u, lang) if more is not None else ""
        if item.direction is Direction.DOWN:
            parts = (
                [f"目标{target}", f"目前为{actual}"]
                if zh
                else [f"target {target}", f"now {actual}"]
            )
            if extra:
                parts.append(f"优于目标{extra}" if zh else f"{extra} better than target")
        else:
            parts = (
                [f"目标{target}", f"完成{actual}"] if zh else [f"target {target}", f"done {actual}"]
            )
            if extra:
                parts.append(f"超出目标{extra}" if zh else f"{extra} above target")
    done = f"完成率{pct(r.completion_pct)}" if zh else f"completion {pct(r.completion_pct)}"
    parts.insert(2, done)
    return head + join_words(parts, lang) + owner_and_note(r, lang, note=False)


def milestone_phrase(r: ItemResult, lang: str) -> str:
    """璟晨纺织二期竣工（计划2024年5月完成，正在推进；责任单位：经发办）"""
    due = due_text(r.item, lang)
    state = _milestone_state(r, lang)
    owner = owner_of(r.item, lang)
    if lang == "zh":
        return f"{display_name(r.item)}（计划{due}完成，{state}；责任单位：{owner}）"
    return f"{display_name(r.item)} (due {due}, {state}; owner: {owner})"


def stale_phrase(r: ItemResult, lang: str) -> str:
    """轻纺产业园已签约企业（最新为5月数据；责任单位：经发办）"""
    owner = owner_of(r.item, lang)
    month = month_text(r.actual_month or "0000-00", lang)
    if lang == "zh":
        return f"{display_name(r.item)}（最新为{month}数据；责任单位：{owner}）"
    return f"{display_name(r.item)} (latest: {month}; owner: {owner})"


def no_data_phrase(r: ItemResult, lang: str) -> str:
    owner = owner_of(r.item, lang)
    if lang == "zh":
        return f"{display_name(r.item)}（责任单位：{owner}）"
    return f"{display_name(r.item)} (owner: {owner})"
