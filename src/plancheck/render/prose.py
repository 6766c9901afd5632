"""Sentences of the progress notice (通报), in Chinese and English.

Shared by the text and markdown summaries and the shortfall list.  Every figure is
formatted by `plancheck.render.numbers`, the same way `status --format json` rounds it:
amounts exact, percentages to one decimal rounded half up.  A difference of two
percentages ("落后…个百分点") is the difference of the two figures as printed, so that a
reader who subtracts them gets the same number.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.evaluate import Counts, Group, ItemResult, Light, Report, Status
from plancheck.model import Direction, Item, Kind, MilestoneState, Phasing
from plancheck.render.cells import display_name
from plancheck.render.figures import (
    as_of_text,
    behind_pp,
    due_text,
    gap_text,
    growth,
    month_text,
    pp,
    qty,
    target_growth,
)
from plancheck.render.numbers import amount, pct, score
from plancheck.summary import Summary, Tally, excess

NUMERALS = "一二三四五六七八九十"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

_SHORT = {
    "zh": {
        Status.MISSED: "未完成",
        Status.OVERDUE: "逾期",
        Status.BLOCKED: "受阻",
        Status.BEHIND: "滞后",
    },
    "en": {
        Status.MISSED: "missed",
        Status.OVERDUE: "overdue",
        Status.BLOCKED: "blocked",
        Status.BEHIND: "behind",
    },
}


def _dated(r: ItemResult, report: Report, lang: str) -> str:
    """（5月数据） when the actual is older than the as-of month."""
    as_of_month = f"{report.as_of.year:04d}-{report.as_of.month:02d}"
    if r.actual_month is None or r.actual_month >= as_of_month or report.elapsed_months == 12:
        return ""
    month = month_text(r.actual_month, lang)
    return f"（{month}数据）" if lang == "zh" else f" ({month} figure)"


def _clause(text: str) -> str:
    """A ledger note as a sentence: trailing punctuation replaced by one full stop."""
    return text.strip().rstrip("。；;，,.、 ")


def owner_of(item: Item, lang: str) -> str:
    if item.owner:
        return item.owner
    return "未明确" if lang == "zh" else "none"


def _tail(r: ItemResult, lang: str, note: bool = True) -> str:
    """；责任单位：X。备注：…。"""
    owner = owner_of(r.item, lang)
    text = f"；责任单位：{owner}。" if lang == "zh" else f"; owner: {owner}."
    if note and r.item.note and _clause(r.item.note):
        text += (
            f"备注：{_clause(r.item.note)}。" if lang == "zh" else f" Note: {_clause(r.item.note)}."
        )
    return text


# --------------------------------------------------------------------------- headings


SECTIONS: dict[str, dict[str, str]] = {
    "zh": {
        "overview": "总体情况",
        "key": "主要经济指标",
        "highlights": "超额完成的目标任务",
        "milestones": "节点任务推进情况",
        "reporting": "数据报送情况",
        "owners": "各责任单位亮灯情况",
        "weaknesses": "存在不足",
    },
    "en": {
        "overview": "Overview",
        "key": "Key economic indicators",
        "highlights": "Targets exceeded",
        "milestones": "Milestones",
        "reporting": "Reporting",
        "owners": "By owner",
        "weaknesses": "Weaknesses recorded",
    },
}


def heading(index: int, text: str, lang: str) -> str:
    return f"{NUMERALS[index]}、{text}" if lang == "zh" else f"{ROMAN[index]}. {text}"


def title(summary: Summary, lang: str) -> str:
    report = summary.report
    owners = "、".join(summary.owners)
    if lang == "zh":
        what = "完成" if summary.period_over else "推进"
        return f"{report.entity}{report.year}年目标任务{what}情况通报" + (
            f"（{owners}）" if owners else ""
        )
    suffix = f" ({', '.join(summary.owners)})" if owners else ""
    return f"{report.entity}: progress on the {report.year} targets{suffix}"


def opening(summary: Summary, lang: str) -> str:
    report = summary.report
    when = as_of_text(report.as_of, lang)
    elapsed = pct(report.elapsed_pct)
    if lang == "zh":
        verb = "完成" if summary.period_over else "推进"
        return f"{when}，时间进度{elapsed}。现将{report.year}年目标任务{verb}情况通报如下。"
    return f"{when[0].upper()}{when[1:]}, {elapsed} of the year has elapsed."


def shortfall_heading(items: tuple[ItemResult, ...], lang: str) -> str:
    """未完成的目标任务 / 逾期、受阻和滞后的目标任务 (the kinds present, worst first)."""
    present = [s for s in _SHORT[lang] if any(r.status is s for r in items)]
    words = [_SHORT[lang][s] for s in present] or [_SHORT[lang][Status.BEHIND]]
    if lang == "zh":
        joined = words[0] if len(words) == 1 else "、".join(words[:-1]) + "和" + words[-1]
        return f"{joined}的目标任务"
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"Targets {joined}, worst first"


def closing(summary: Summary, lang: str) -> str:
    if not summary.shortfalls:
        return ""
    if lang == "zh":
        if summary.period_over:
            return "请相关责任单位认真分析原因，抓好整改落实。"
        return "请各责任单位对照序时进度，查找差距，加快推进，确保完成全年目标任务。"
    if summary.period_over:
        return "The owners concerned are asked to analyse the causes and put them right."
    return "Every owner is asked to check its items against expected progress and catch up."


# --------------------------------------------------------------------------- overview


def _join(parts: list[str], lang: str) -> str:
    return ("，" if lang == "zh" else ", ").join(parts)


def overview(summary: Summary, lang: str) -> str:
    """The headline paragraph: how many items, how they stand, the lights, the score."""
    t: Tally = summary.tally
    zh = lang == "zh"
    out: list[str] = []
    if zh:
        first = f"台账共列{t.items}项"
        split = []
        if t.quantified and t.milestones:
            split.append(
                f"有目标的任务{t.with_target}项（数量目标{t.quantified}项、节点任务{t.milestones}项）"
            )
        elif t.with_target:
            split.append(f"有目标的任务{t.with_target}项")
        if t.indicators:
            split.append(f"统计指标{t.indicators}项")
        if t.pending:
            split.append(f"目标待定{t.pending}项")
        out.append(first + ("，其中" + "，".join(split) if split else "") + "。")
    else:
        split = []
        if t.with_target:
            detail = (
                f" ({t.quantified} quantified, {t.milestones} milestones)"
                if t.quantified and t.milestones
                else ""
            )
            split.append(f"{t.with_target} with a target{detail}")
        if t.indicators:
            split.append(f"{t.indicators} indicators tracked for reference")
        if t.pending:
            split.append(f"{t.pending} whose target is not set yet")
        out.append(
            f"The ledger lists {t.items} items" + (": " + ", ".join(split) if split else "") + "."
        )

    numeric = []
    if t.met:
        if zh:
            numeric.append(
                f"已完成{t.met}项" + (f"（其中超额完成{t.exceeded}项）" if t.exceeded else "")
            )
        else:
            numeric.append(
                f"{t.met} met" + (f" (of which {t.exceeded} exceeded)" if t.exceeded else "")
            )
    for n, zh_word, en_word in (
        (t.on_pace, "达到序时进度{n}项", "{n} on pace"),
        (t.behind, "滞后序时进度{n}项", "{n} behind"),
        (t.missed, "未完成{n}项", "{n} missed"),
        (t.no_data, "无数据{n}项", "{n} without data"),
    ):
        if n:
            numeric.append((zh_word if zh else en_word).format(n=n))
    stones = []
    for n, zh_word, en_word in (
        (t.done, "已完成{n}项", "{n} done"),
        (t.started, "推进中{n}项", "{n} under way"),
        (t.planned, "未开始{n}项", "{n} not started"),
        (t.overdue, "逾期{n}项", "{n} overdue"),
        (t.blocked, "受阻{n}项", "{n} blocked"),
    ):
        if n:
            stones.append((zh_word if zh else en_word).format(n=n))
    clauses = []
    if numeric:
        clauses.append(
            ("数量目标中，" if zh else "Of the quantified targets, ") + _join(numeric, lang)
        )
    if stones:
        clauses.append(("节点任务中，" if zh else "of the milestones, ") + _join(stones, lang))
    if clauses:
        out.append(("；" if zh else "; ").join(clauses) + ("。" if zh else "."))
    lights = light_words(summary.report.totals, lang)
    if lights:
        out.append(f"亮灯情况：{lights}。" if zh else f"Lights: {lights}.")
    score = score_words(summary.report.totals, summary.score_cap, lang)
    if score:
        out.append(f"按分值计，综合{score}。" if zh else f"Weighted score: {score}.")
    return ("" if zh else " ").join(out)


def light_words(c: Counts, lang: str) -> str:
    """绿灯32项，红灯6项 / 32 green, 6 red (the lights that occur)."""
    words = []
    for light, zh_word in ((Light.GREEN, "绿灯"), (Light.YELLOW, "黄灯"), (Light.RED, "红灯")):
        n = c.light(light)
        if n:
            words.append(f"{zh_word}{n}项" if lang == "zh" else f"{n} {light.value}")
    return _join(words, lang)


def score_words(c: Counts, cap: Decimal | None, lang: str) -> str:
    """得分42.54分（满分50分） / 42.54 of 50 points; with `cap`, the cap is stated too."""
    if c.score is None or c.weight is None:
        return ""
    points, weight = score(c.score), amount(c.weight)
    if cap is None:
        if lang == "zh":
            return f"得分{points}分（满分{weight}分）"
        return f"{points} of {weight} points"
    limit = amount(cap)
    if lang == "zh":
        return f"得分{points}分（满分{weight}分，完成率按最高{limit}%计）"
    return f"{points} of {weight} points (completion capped at {limit}%)"


def owner_line(group: Group, lang: str) -> str:
    """财政所：绿灯1项。 / 财政所: 1 green."""
    c = group.counts
    name = group.key or ("未明确责任单位" if lang == "zh" else "(no owner)")
    words = light_words(c, lang)
    no_data = c.status(Status.NO_DATA)
    if no_data:
        extra = f"无数据{no_data}项" if lang == "zh" else f"{no_data} without data"
        words = _join([w for w in (words, extra) if w], lang)
    if not words:
        words = "无考核目标" if lang == "zh" else "no targets"
    score = score_words(c, None, lang)
    if score:
        words += f"；{score}" if lang == "zh" else f"; {score}"
    return f"{name}：{words}。" if lang == "zh" else f"{name}: {words}."


# --------------------------------------------------------------------------- one item


def key_sentence(r: ItemResult, summary: Summary, lang: str) -> str:
    """财政收入1924万元，完成年度目标1900万元的101.3%  /  规上工业产值5.46亿元，同比增长36.5%"""
    item = r.item
    zh = lang == "zh"
    parts: list[str] = []
    if item.kind is Kind.GROWTH and item.target_growth_pct is not None:
        parts.append(target_growth(item.target_growth_pct, lang))
    elif r.target is not None and r.completion_pct is not None:
        target, done = qty(r.target, item.unit, lang), pct(r.completion_pct)
        parts.append(f"完成年度目标{target}的{done}" if zh else f"{done} of the target of {target}")
        if not summary.period_over and r.expected_pct is not None:
            expected = pct(r.expected_pct)
            parts.append(f"序时进度{expected}" if zh else f"expected {expected}")
    if r.yoy_pct is not None:
        # growth first for growth targets ("同比增长15.0%，目标增长10.0%"), else last
        where = 0 if item.kind is Kind.GROWTH else len(parts)
        change = growth(r.yoy_pct, lang)
        if zh:  # 同比增长5.0% / 同比持平 (not 同比与上年持平)
            change = "同比持平" if change == "与上年持平" else "同比" + change
        parts.insert(where, change)
    if r.actual is not None:
        value = qty(r.actual, item.unit, lang) + _dated(r, summary.report, lang)
        head = f"{display_name(item)}{value}" if zh else f"{display_name(item)}: {value}"
    elif r.yoy_pct is not None:
        # the growth is the figure: "固定资产投资同比增长15.0%"
        first = parts.pop(0)
        head = f"{display_name(item)}{first}" if zh else f"{display_name(item)}: {first}"
    else:
        head = f"{display_name(item)}暂无数据" if zh else f"{display_name(item)}: no data yet"
    return _join([head, *parts], lang)


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


def shortfall_sentence(r: ItemResult, report: Report, lang: str) -> str:
    """One entry of the red list, with its figures, owner and recorded note."""
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
        actual = growth(r.yoy_pct, lang) if r.yoy_pct is not None else "—"
        parts = [target_growth(item.target_growth_pct, lang),
                 f"实际{actual}" if zh else f"actual {actual}"]  # fmt: skip
        parts += _progress(r, lang)
    elif item.kind is Kind.RATE:
        parts = (
            [
                f"目标{qty(r.target, u, lang)}",
                f"实际{qty(r.actual, u, lang)}{_dated(r, report, lang)}",
            ]
            if zh
            else [
                f"target {qty(r.target, u, lang)}",
                f"actual {qty(r.actual, u, lang)}{_dated(r, report, lang)}",
            ]
        )
        parts += _progress(r, lang)
        parts.append(f"尚差{gap_text(r, lang)}" if zh else f"{gap_text(r, lang)} short")
    elif item.direction is Direction.DOWN:
        actual = qty(r.actual, u, lang) + _dated(r, report, lang)
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
            target = qty(r.target, u, lang)
            parts = (
                [f"控制在{target}以内", f"目前为{actual}", f"超出{gap_text(r, lang)}"]
                if zh
                else [f"ceiling {target}", f"now {actual}", f"{gap_text(r, lang)} over"]
            )
    else:
        actual = qty(r.actual, u, lang) + _dated(r, report, lang)
        target = qty(r.target, u, lang)
        parts = (
            [f"目标{target}", f"已完成{actual}"] if zh else [f"target {target}", f"done {actual}"]
        )
        parts += _progress(r, lang)
        parts.append(f"尚有{gap_text(r, lang)}未完成" if zh else f"{gap_text(r, lang)} still to do")
    return head + _join(parts, lang) + _tail(r, lang)


def highlight_sentence(r: ItemResult, report: Report, lang: str) -> str:
    """An exceeded target and by how much."""
    item = r.item
    zh = lang == "zh"
    u = item.unit
    more = excess(r)
    head = f"{display_name(item)}：" if zh else f"{display_name(item)} — "
    parts: list[str]
    if item.kind is Kind.GROWTH:
        actual = growth(r.yoy_pct, lang) if r.yoy_pct is not None else "—"
        parts = [target_growth(item.target_growth_pct, lang),
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
        target = qty(r.target, u, lang)
        actual = qty(r.actual, u, lang) + _dated(r, report, lang)
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
    return head + _join(parts, lang) + _tail(r, lang, note=False)


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


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 一是、二是 … up to 九十九)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def weaknesses_paragraph(texts: tuple[str, ...], lang: str) -> str:
    """一是……；二是……；三是……。 / First, …; second, …."""
    clauses = [_clause(t) for t in texts if _clause(t)]
    if lang == "zh":
        ordinals = [f"{chinese_number(i + 1)}是" for i in range(len(clauses))]
        return "；".join(o + c for o, c in zip(ordinals, clauses, strict=True)) + "。"
    return "\n".join(f"{i}. {c}." for i, c in enumerate(clauses, 1))
