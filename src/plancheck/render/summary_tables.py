"""The progress notice's tables as neutral grids (`plancheck.render.grid`).

Built once here; the Markdown notice prints them as pipe tables, the Word notice as
tables in 公文 layout, the red list (`shortfalls --format markdown`) reuses the first.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Kind
from plancheck.render import figures, labels, sentences
from plancheck.render.cells import EMPTY, actual_cell, display_name, gap_cell, target_cell
from plancheck.render.grid import Column, Grid
from plancheck.render.numbers import amount, pct, round_pct, score
from plancheck.report.evaluate import ItemResult, Light, Status
from plancheck.report.standing import Standing
from plancheck.report.summary import Summary, excess

WORDS: dict[str, dict[str, str]] = {
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
        "place": "排名",
        "rate": "得分率",
        "green_share": "绿灯占比",
        "listed": "列入滞后清单",
        "listed_missed": "未完成",
        "change": "较上月",
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
        "place": "rank",
        "rate": "score rate",
        "green_share": "green share",
        "listed": "listed as behind",
        "listed_missed": "missed",
        "change": "vs last month",
    },
}


def _grid(heads: list[tuple[str, str, bool]], rows: list[list[str]]) -> Grid:
    """A grid from (key, header, numeric) triples and rows of strings."""
    return Grid(tuple(Column(k, h, n) for k, h, n in heads), tuple(tuple(r) for r in rows))


def status_text(r: ItemResult, lang: str) -> str:
    text = labels.STATUS[lang][r.status]
    if r.stale:
        text += f"·{labels.TEXT[lang]['stale_mark']}"
    return text


def excess_cell(r: ItemResult, lang: str) -> str:
    more = excess(r)
    if more is None:
        return EMPTY
    if r.item.kind is Kind.GROWTH:
        return f"{round_pct(more):f}{WORDS[lang]['pp']}"
    if r.item.kind is Kind.RATE:
        return f"{amount(more)}{WORDS[lang]['pp']}"
    return amount(more)


def shortfall_grid(summary: Summary, lang: str) -> Grid:
    col = labels.COLUMNS[lang]
    mid_year = not summary.period_over
    heads = [("rank", WORDS[lang]["rank"], True), ("name", col["name"], False)]
    heads += [("unit", col["unit"], False), ("target", col["target"], True)]
    heads += [("actual", col["actual"], True), ("completion", col["completion"], True)]
    heads += [("expected", col["expected"], True)] if mid_year else []
    heads += [("gap", col["gap"], True), ("status", col["status"], False)]
    heads += [("owner", col["owner"], False), ("note", col["note"], False)]
    rows = []
    for index, r in enumerate(summary.shortfalls, 1):
        row = [str(index), display_name(r.item), r.item.unit]
        row += [target_cell(r, lang), actual_cell(r, lang), pct(r.completion_pct)]
        row += [pct(r.expected_pct)] if mid_year else []
        row += [gap_cell(r, lang), status_text(r, lang)]
        row += [sentences.owner_of(r.item, lang), r.item.note]
        rows.append(row)
    return _grid(heads, rows)


def key_grid(summary: Summary, lang: str) -> Grid:
    col = labels.COLUMNS[lang]
    mid_year = not summary.period_over
    heads = [("name", WORDS[lang]["indicator"], False), ("unit", col["unit"], False)]
    heads += [("actual", col["actual"], True), ("target", col["target"], True)]
    heads += [("completion", col["completion"], True)]
    heads += [("expected", col["expected"], True)] if mid_year else []
    heads += [("yoy", col["yoy"], True)]
    rows = []
    for r in summary.key:
        row = [display_name(r.item), r.item.unit, actual_cell(r, lang), target_cell(r, lang)]
        row += [pct(r.completion_pct)] + ([pct(r.expected_pct)] if mid_year else [])
        row += [pct(r.yoy_pct, sign=True)]
        rows.append(row)
    return _grid(heads, rows)


def highlight_grid(summary: Summary, lang: str) -> Grid:
    col = labels.COLUMNS[lang]
    w = WORDS[lang]
    heads = [("rank", w["rank"], True), ("name", col["name"], False)]
    heads += [("unit", col["unit"], False), ("target", col["target"], True)]
    heads += [("actual", col["actual"], True), ("completion", col["completion"], True)]
    heads += [("excess", w["excess"], True), ("owner", col["owner"], False)]
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
    return _grid(heads, rows)


def milestone_grid(summary: Summary, lang: str) -> Grid:
    col = labels.COLUMNS[lang]
    w = WORDS[lang]
    heads = [("category", w["category"], False), ("name", w["milestone"], False)]
    heads += [("due", w["due"], False), ("status", col["status"], False)]
    heads += [("owner", col["owner"], False)]
    soon = w["soon"].format(until=figures.until_text(summary.due_until, lang))
    rows = [
        [
            label,
            display_name(r.item),
            figures.due_text(r.item, lang),
            status_text(r, lang),
            sentences.owner_of(r.item, lang),
        ]
        for label, group in ((soon, summary.due_soon), (w["overdue"], summary.overdue))
        for r in group
    ]
    return _grid(heads, rows)


def reporting_grid(summary: Summary, lang: str) -> Grid:
    col = labels.COLUMNS[lang]
    w = WORDS[lang]
    heads = [("name", col["name"], False), ("reporting", w["reporting"], False)]
    heads += [("owner", col["owner"], False)]
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
    return _grid(heads, rows)


def change_words(value: Decimal, text: str, lang: str) -> str:
    """A change since last month in words, as the notice's sentences say it: 增加1 / 减少1 /
    持平 (up 1 / down 1 / unchanged); `text` is the formatted magnitude."""
    if value == 0:
        return "持平" if lang == "zh" else "unchanged"
    if lang == "zh":
        return f"{'增加' if value > 0 else '减少'}{text}"
    return f"{'up' if value > 0 else 'down'} {text}"


def score_change(s: Standing, lang: str) -> str:
    change = s.score_change
    return EMPTY if change is None else change_words(change, score(abs(change)), lang)


def ranking_grid(summary: Summary, lang: str) -> Grid:
    """各责任单位完成情况排名: rank, office, lights, listed shortfalls, score, rate, change."""
    w = WORDS[lang]
    weighted = any(s.weight is not None for s in summary.ranking)
    compared = summary.month_on_month is not None
    heads = [("place", w["place"], True), ("owner", labels.COLUMNS[lang]["owner"], False)]
    heads += [("items", w["items"], True), ("green", w["green"], True)]
    heads += [("yellow", w["yellow"], True), ("red", w["red"], True)]
    heads += [("listed", w["listed_missed" if summary.period_over else "listed"], True)]
    if weighted:
        heads += [("score", w["score"], True), ("weight", w["weight"], True)]
    heads += [("rate", w["rate"] if weighted else w["green_share"], True)]
    if compared:
        heads += [("change", w["change"], True)]
    rows = []
    for s in summary.ranking:
        row = [str(s.rank), s.owner, str(s.items), str(s.green), str(s.yellow), str(s.red)]
        row.append(str(s.shortfalls))
        if weighted:
            row += [score(s.score), amount(s.weight)]
        row.append(pct(s.rate))
        if compared:
            row.append(score_change(s, lang) if weighted else green_change(s, lang))
        rows.append(row)
    return _grid(heads, rows)


def green_change(s: Standing, lang: str) -> str:
    if s.previous_green is None:
        return EMPTY
    n = s.green - s.previous_green
    return change_words(Decimal(n), str(abs(n)), lang)


def owner_grid(summary: Summary, lang: str) -> Grid:
    """The lights of every owner of the report (the old 亮灯情况 table)."""
    w = WORDS[lang]
    groups = summary.report.by_owner
    scored = any(g.counts.weight is not None for g in groups)
    heads = [("owner", labels.COLUMNS[lang]["owner"], False), ("items", w["items"], True)]
    heads += [("green", w["green"], True), ("yellow", w["yellow"], True)]
    heads += [("red", w["red"], True), ("no_data", w["no_data_count"], True)]
    heads += [("score", w["score"], True), ("weight", w["weight"], True)] if scored else []
    rows = []
    for g in groups:
        c = g.counts
        row = [g.key or labels.TEXT[lang]["no_owner"], str(c.items)]
        row += [str(c.light(lt)) for lt in (Light.GREEN, Light.YELLOW, Light.RED)]
        row += [str(c.status(Status.NO_DATA))]
        if scored:
            row += [score(c.score), amount(c.weight)]
        rows.append(row)
    return _grid(heads, rows)
