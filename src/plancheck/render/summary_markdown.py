"""The progress notice (通报) as Markdown: prose paragraphs and pipe tables.

Tables are laid out by tabulate with wide-character support (wcwidth), so that columns
stay aligned with Chinese text in a monospaced editor; pipe tables paste into WPS/Word
(and Typora, Obsidian …) as real tables.
"""

from __future__ import annotations

import tabulate as _tabulate

from plancheck.model import Kind
from plancheck.render import figures, labels, prose, sentences
from plancheck.render.cells import EMPTY, actual_cell, display_name, gap_cell, target_cell
from plancheck.render.numbers import amount, pct, round_pct, score
from plancheck.report.evaluate import ItemResult, Light, Status
from plancheck.report.summary import Summary, excess

_tabulate.WIDE_CHARS_MODE = True

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "rank": "序号",
        "indicator": "指标",
        "milestone": "节点任务",
        "due": "计划完成",
        "category": "类别",
        "soon": "{until}到期",
        "overdue": "已逾期",
        "excess": "超出目标",
        "reporting": "报送情况",
        "latest": "最新为{month}数据",
        "no_data": "尚无完成数据",
        "items": "事项",
        "green": "绿灯",
        "yellow": "黄灯",
        "red": "红灯",
        "no_data_count": "无数据",
        "score": "得分",
        "weight": "满分",
        "pp": "百分点",
    },
    "en": {
        "rank": "#",
        "indicator": "indicator",
        "milestone": "milestone",
        "due": "due",
        "category": "when",
        "soon": "due {until}",
        "overdue": "overdue",
        "excess": "above target",
        "reporting": "reporting",
        "latest": "latest: {month}",
        "no_data": "no figure yet",
        "items": "items",
        "green": "green",
        "yellow": "yellow",
        "red": "red",
        "no_data_count": "no data",
        "score": "score",
        "weight": "of",
        "pp": "pp",
    },
}


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    """A pipe table; columns whose index is in `right` are right-aligned."""
    align = ["right" if i in right else "left" for i in range(len(headers))]
    return str(
        _tabulate.tabulate(
            [[_escape(c) for c in row] for row in rows],
            headers=[_escape(h) for h in headers],
            tablefmt="pipe",
            colalign=align,
            disable_numparse=True,
        )
    )


def _status(r: ItemResult, lang: str) -> str:
    text = labels.STATUS[lang][r.status]
    if r.stale:
        text += f"·{labels.TEXT[lang]['stale_mark']}"
    return text


def excess_cell(r: ItemResult, lang: str) -> str:
    more = excess(r)
    if more is None:
        return EMPTY
    if r.item.kind is Kind.GROWTH:
        return f"{round_pct(more):f}{_WORDS[lang]['pp']}"
    if r.item.kind is Kind.RATE:
        return f"{amount(more)}{_WORDS[lang]['pp']}"
    return amount(more)


def shortfall_table(summary: Summary, lang: str) -> str:
    col = labels.COLUMNS[lang]
    w = _WORDS[lang]
    mid_year = not summary.period_over
    headers = [w["rank"], col["name"], col["unit"], col["target"], col["actual"]]
    headers += [col["completion"]] + ([col["expected"]] if mid_year else [])
    headers += [col["gap"], col["status"], col["owner"], col["note"]]
    rows = []
    for index, r in enumerate(summary.shortfalls, 1):
        row = [
            str(index),
            display_name(r.item),
            r.item.unit,
            target_cell(r, lang),
            actual_cell(r, lang),
        ]
        row += [pct(r.completion_pct)] + ([pct(r.expected_pct)] if mid_year else [])
        row += [gap_cell(r, lang), _status(r, lang), sentences.owner_of(r.item, lang), r.item.note]
        rows.append(row)
    numeric = {0, 3, 4, 5, 6} | ({7} if mid_year else set())
    return table(headers, rows, numeric)


def _key_table(summary: Summary, lang: str) -> str:
    col = labels.COLUMNS[lang]
    mid_year = not summary.period_over
    headers = [_WORDS[lang]["indicator"], col["unit"], col["actual"], col["target"]]
    headers += [col["completion"]] + ([col["expected"]] if mid_year else []) + [col["yoy"]]
    rows = []
    for r in summary.key:
        row = [display_name(r.item), r.item.unit, actual_cell(r, lang), target_cell(r, lang)]
        row += [pct(r.completion_pct)] + ([pct(r.expected_pct)] if mid_year else [])
        row += [pct(r.yoy_pct, sign=True)]
        rows.append(row)
    return table(headers, rows, set(range(2, len(headers))))


def _highlight_table(summary: Summary, lang: str) -> str:
    col = labels.COLUMNS[lang]
    w = _WORDS[lang]
    headers = [w["rank"], col["name"], col["unit"], col["target"], col["actual"]]
    headers += [col["completion"], w["excess"], col["owner"]]
    rows = [
        [
            str(index),
            display_name(r.item),
            r.item.unit,
            target_cell(r, lang),
            actual_cell(r, lang),
            pct(r.completion_pct),
            excess_cell(r, lang),
            sentences.owner_of(r.item, lang),
        ]
        for index, r in enumerate(summary.highlights, 1)
    ]
    return table(headers, rows, {0, 3, 4, 5, 6})


def _milestone_table(summary: Summary, lang: str) -> str:
    col = labels.COLUMNS[lang]
    w = _WORDS[lang]
    headers = [w["category"], w["milestone"], w["due"], col["status"], col["owner"]]
    soon = w["soon"].format(until=figures.until_text(summary.due_until, lang))
    rows = [
        [
            label,
            display_name(r.item),
            figures.due_text(r.item, lang),
            _status(r, lang),
            sentences.owner_of(r.item, lang),
        ]
        for label, group in ((soon, summary.due_soon), (w["overdue"], summary.overdue))
        for r in group
    ]
    return table(headers, rows, set())


def _reporting_table(summary: Summary, lang: str) -> str:
    col = labels.COLUMNS[lang]
    w = _WORDS[lang]
    headers = [col["name"], w["reporting"], col["owner"]]
    rows = [
        [
            display_name(r.item),
            w["latest"].format(month=figures.month_text(r.actual_month or "0000-00", lang)),
            sentences.owner_of(r.item, lang),
        ]
        for r in summary.stale
    ]
    rows += [
        [display_name(r.item), w["no_data"], sentences.owner_of(r.item, lang)]
        for r in summary.no_data
    ]
    return table(headers, rows, set())


def owner_table(summary: Summary, lang: str) -> str:
    w = _WORDS[lang]
    groups = summary.report.by_owner
    scored = any(g.counts.weight is not None for g in groups)
    headers = [labels.COLUMNS[lang]["owner"], w["items"], w["green"], w["yellow"], w["red"]]
    headers += [w["no_data_count"]] + ([w["score"], w["weight"]] if scored else [])
    rows = []
    for g in groups:
        c = g.counts
        row = [g.key or labels.TEXT[lang]["no_owner"], str(c.items)]
        row += [str(c.light(lt)) for lt in (Light.GREEN, Light.YELLOW, Light.RED)]
        row += [str(c.status(Status.NO_DATA))]
        if scored:
            row += [score(c.score), amount(c.weight)]
        rows.append(row)
    return table(headers, rows, set(range(1, len(headers))))


def render_summary_markdown(summary: Summary, lang: str = "zh") -> str:
    out = [f"# {prose.title(summary, lang)}", "", prose.opening(summary, lang), ""]
    blocks: list[tuple[str, str]] = [
        (prose.SECTIONS[lang]["overview"], prose.overview(summary, lang))
    ]
    if summary.key:
        blocks.append((prose.SECTIONS[lang]["key"], _key_table(summary, lang)))
    if summary.shortfalls:
        blocks.append(
            (prose.shortfall_heading(summary.shortfalls, lang), shortfall_table(summary, lang))
        )
    if summary.highlights:
        blocks.append((prose.SECTIONS[lang]["highlights"], _highlight_table(summary, lang)))
    if summary.due_soon or summary.overdue:
        blocks.append((prose.SECTIONS[lang]["milestones"], _milestone_table(summary, lang)))
    if summary.stale or summary.no_data:
        blocks.append((prose.SECTIONS[lang]["reporting"], _reporting_table(summary, lang)))
    if summary.report.by_owner:
        blocks.append((prose.SECTIONS[lang]["owners"], owner_table(summary, lang)))
    if summary.weaknesses:
        text = prose.weaknesses_paragraph(summary.weaknesses, lang)
        blocks.append((prose.SECTIONS[lang]["weaknesses"], text))
    for index, (head, body) in enumerate(blocks):
        out += [f"## {prose.heading(index, head, lang)}", "", body, ""]
    closing = prose.closing(summary, lang)
    if closing:
        out += [closing, ""]
    return "\n".join(out)
