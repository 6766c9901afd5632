"""The progress notice (通报) in Chinese and English: its title, opening, overview,
section headings, owners' lines and closing; sentences about one item are in
`plancheck.render.sentences`.

Shared by the text and markdown summaries and the shortfall list.  Every figure is
formatted by `plancheck.render.numbers`, the same way `status --format json` rounds it:
amounts exact, percentages to one decimal rounded half up.  A difference of two
percentages ("落后…个百分点") is the difference of the two figures as printed, so that a
reader who subtracts them gets the same number.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.render.cells import display_name
from plancheck.render.figures import as_of_text, date_text, month_text
from plancheck.render.numbers import amount, pct, score
from plancheck.render.sentences import clause, join_words
from plancheck.render.summary_tables import change_words
from plancheck.report.changes import ChangeKind
from plancheck.report.evaluate import Counts, Group, ItemResult, Light, Status
from plancheck.report.standing import Standing
from plancheck.report.summary import Summary, Tally

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


# --------------------------------------------------------------------------- headings


SECTIONS: dict[str, dict[str, str]] = {
    "zh": {
        "overview": "总体情况",
        "key": "主要经济指标",
        "highlights": "超额完成的目标任务",
        "milestones": "节点任务推进情况",
        "reporting": "数据报送情况",
        "owners": "各责任单位亮灯情况",
        "ranking": "各责任单位完成情况排名",
        "weaknesses": "存在不足",
    },
    "en": {
        "overview": "Overview",
        "key": "Key economic indicators",
        "highlights": "Targets exceeded",
        "milestones": "Milestones",
        "reporting": "Reporting",
        "owners": "By owner",
        "ranking": "Offices ranked",
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
        (t.within_ceiling, "控制在目标内{n}项", "{n} within their ceiling"),
        (t.at_level, "增速或比率达到目标{n}项", "{n} growth or rate targets at their level"),
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
            ("数量目标中，" if zh else "Of the quantified targets, ") + join_words(numeric, lang)
        )
    if stones:
        clauses.append(("节点任务中，" if zh else "of the milestones, ") + join_words(stones, lang))
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
    return join_words(words, lang)


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
        words = join_words([w for w in (words, extra) if w], lang)
    if not words:
        words = "无考核目标" if lang == "zh" else "no targets"
    score = score_words(c, None, lang)
    if score:
        words += f"；{score}" if lang == "zh" else f"; {score}"
    return f"{name}：{words}。" if lang == "zh" else f"{name}: {words}."


def addressee(summary: Summary, lang: str) -> str:
    """主送: "各村（社区）、镇直各单位：" ("" when the settings name none)."""
    who = summary.settings.recipients
    if not who:
        return ""
    return f"{who.rstrip('：:')}：" if lang == "zh" else f"To: {who}"


def signature(summary: Summary, lang: str) -> list[str]:
    """落款 and date: the issuer, then the date of issue (empty without an issuer)."""
    if not summary.settings.issuer:
        return []
    lines = [summary.settings.issuer]
    if summary.issued is not None:
        lines.append(date_text(summary.issued, lang))
    return lines


NAMED = 3
"""How many items the month-on-month sentence names for each kind of change, then 等."""


def _named(results: list[ItemResult], lang: str) -> str:
    """（甲、乙、丙） or, for more than `NAMED`, （甲、乙、丙等） / (a, b, c and 2 more)."""
    names = [display_name(r.item) for r in results[:NAMED]]
    more = len(results) - len(names)
    if lang == "zh":
        return f"（{'、'.join(names)}{'等' if more else ''}）"
    return f" ({', '.join(names)}{f' and {more} more' if more else ''})"


def month_on_month(summary: Summary, lang: str) -> str:
    """与上月底相比：新完成2项（甲、乙），新滞后1项（丙），有新进展5项（丁、戊、己等）。
    ("" without a comparison): each kind of change names its first `NAMED` items."""
    mom = summary.month_on_month
    if mom is None:
        return ""
    grouped: dict[ChangeKind, list[ItemResult]] = {kind: [] for kind in ChangeKind}
    for change in mom.changes:
        grouped[change.kind].append(change.after)
    met = grouped[ChangeKind.COMPLETED] + grouped[ChangeKind.MILESTONE_REACHED]
    zh = lang == "zh"
    words = []
    for group, zh_word, en_word in (
        (met, "新完成{n}项", "{n} newly met"),
        (grouped[ChangeKind.FELL_BEHIND], "新滞后{n}项", "{n} fell behind"),
        (grouped[ChangeKind.RECOVERED], "好转{n}项", "{n} recovered"),
        (grouped[ChangeKind.NEW_DATA], "有新进展{n}项", "{n} with new figures"),
    ):
        if group:
            words.append((zh_word if zh else en_word).format(n=len(group)) + _named(group, lang))
    when = month_text(f"{mom.previous.as_of.year:04d}-{mom.previous.as_of.month:02d}", lang)
    if not words:
        return f"与{when}底相比，各项情况无变化。" if zh else f"No change since the end of {when}."
    if zh:
        return f"与{when}底相比，{join_words(words, lang)}。"
    return f"Since the end of {when}: {'; '.join(words)}."


def ranking_line(s: Standing, lang: str) -> str:
    """第1名 应急办：得分率80.0%（得分8.00分，满分10分），绿灯2项；得分较上月增加0.50分，
    新完成1项。 (changes in words, as the ranking table's 较上月 column)"""
    zh = lang == "zh"
    lights = []
    for n, zh_word, en_word in ((s.green, "绿灯", "green"), (s.yellow, "黄灯", "yellow"),
                                (s.red, "红灯", "red")):  # fmt: skip
        if n:
            lights.append(f"{zh_word}{n}项" if zh else f"{n} {en_word}")
            if en_word == "green" and s.green_behind:
                lights[-1] += (
                    f"（其中{s.green_behind}项滞后序时进度）"
                    if zh
                    else f" (of which {s.green_behind} behind)"
                )
    if s.weight is not None:
        points, weight = score(s.score), amount(s.weight)
        head = (
            f"得分率{pct(s.rate)}（得分{points}分，满分{weight}分）"
            if zh
            else f"score rate {pct(s.rate)} ({points} of {weight} points)"
        )
    else:
        head = f"绿灯占比{pct(s.rate)}" if zh else f"green share {pct(s.rate)}"
    text = join_words([head, *lights], lang)
    changes = []
    if s.score_change is not None:
        points = change_words(s.score_change, score(abs(s.score_change)), lang)
        if s.score_change == 0:
            changes.append("得分与上月持平" if zh else "score unchanged on last month")
        else:
            en = f"score {points} points on last month"
            changes.append(f"得分较上月{points}分" if zh else en)
    elif s.previous_green is not None and s.previous_green != s.green:
        n = s.green - s.previous_green
        green = change_words(Decimal(n), str(abs(n)), lang)
        changes.append(f"绿灯较上月{green}项" if zh else f"green {green} on last month")
    for group, zh_word, en_word in ((s.newly_met, "新完成", "newly met"),
                                    (s.fell_behind, "新滞后", "fell behind")):  # fmt: skip
        if group:
            names = "、".join(display_name(r.item) for r in group)
            changes.append(f"{zh_word}{len(group)}项（{names}）" if zh else f"{en_word}: {names}")
    if changes:
        text += ("；" if zh else "; ") + join_words(changes, lang)
    place = f"第{s.rank}名　{s.owner}：" if zh else f"{s.rank}. {s.owner}: "
    return place + text + ("。" if zh else ".")


# --------------------------------------------------------------------------- one item


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 一是、二是 … up to 九十九)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def weaknesses_paragraph(texts: tuple[str, ...], lang: str) -> str:
    """一是……；二是……；三是……。 / First, …; second, …."""
    clauses = [clause(t) for t in texts if clause(t)]
    if lang == "zh":
        ordinals = [f"{chinese_number(i + 1)}是" for i in range(len(clauses))]
        return "；".join(o + c for o, c in zip(ordinals, clauses, strict=True)) + "。"
    return "\n".join(f"{i}. {c}." for i, c in enumerate(clauses, 1))
