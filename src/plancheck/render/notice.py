"""The progress notice (通报) as a sequence of blocks, shared by its text, Markdown and Word
forms: each block has a heading, its paragraphs and, where it has one, its table.

The text form prints the paragraphs; the Markdown form prints the table where there is
one (and the paragraphs that follow a table: the next steps under the red list); the
Word form prints the paragraphs, and the table instead of them where `table_in_docx`.
Sections without anything to say are left out; they are numbered 一、二、三… in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from plancheck.render import figures, prose, sentences, summary_tables
from plancheck.render.cells import display_name
from plancheck.render.grid import Grid
from plancheck.report.summary import Summary


@dataclass(frozen=True)
class Block:
    """One numbered section of the notice."""

    heading: str
    """The heading without its number ("总体情况")."""
    lines: tuple[str, ...]
    """The paragraphs, as the text form prints them."""
    grid: Grid | None = None
    """The section's table, as the Markdown (and Word, see below) forms print it."""
    after: tuple[str, ...] = ()
    """Paragraphs the Markdown form prints after the table (the next steps)."""
    table_in_docx: bool = False
    """The Word form prints the table instead of the paragraphs."""


def numbered(lines: list[str], lang: str) -> list[str]:
    mark = "．" if lang == "zh" else ". "
    return [f"{i}{mark}{line}" for i, line in enumerate(lines, 1)]


def _joined(parts: list[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(parts)


def _shortfalls(summary: Summary, lang: str) -> Block:
    report = summary.report
    entries = []
    steps = []
    for r in summary.shortfalls:
        text = sentences.shortfall_sentence(r, report, lang, summary.streak(r))
        step = sentences.next_step(r, lang, summary.period_over)
        entries.append(text + ("" if lang == "zh" else " ") + step)
        plain = step.removeprefix("下步措施：").removeprefix("Next steps: ")
        steps.append(
            f"{display_name(r.item)}：{plain}"
            if lang == "zh"
            else f"{display_name(r.item)}: {plain}"
        )
    heading = prose.shortfall_heading(summary.shortfalls, lang)
    grid = summary_tables.shortfall_grid(summary, lang)
    title = "下步措施" if lang == "zh" else "Next steps"
    after = (f"{title}：" if lang == "zh" else f"{title}:", *numbered(steps, lang))
    return Block(heading, tuple(numbered(entries, lang)), grid, after)


def _milestones(summary: Summary, lang: str) -> list[str]:
    zh = lang == "zh"
    out = []
    if summary.due_soon:
        until = figures.until_text(summary.due_until, lang)
        items = _joined([sentences.milestone_phrase(r, lang) for r in summary.due_soon], lang)
        n = len(summary.due_soon)
        out.append(
            f"{until}到期的节点任务{n}项：{items}。" if zh else f"Due {until}: {n} — {items}."
        )
    if summary.overdue:
        items = _joined([sentences.milestone_phrase(r, lang) for r in summary.overdue], lang)
        n = len(summary.overdue)
        out.append(f"已逾期的节点任务{n}项：{items}。" if zh else f"Overdue: {n} — {items}.")
    return out


def _reporting(summary: Summary, lang: str) -> list[str]:
    zh = lang == "zh"
    report = summary.report
    out = []
    if summary.stale and report.latest_month:
        month = figures.month_text(report.latest_month, lang)
        items = _joined([sentences.stale_phrase(r, lang) for r in summary.stale], lang)
        n = len(summary.stale)
        out.append(
            f"以下{n}项未报送{month}数据：{items}。"
            if zh
            else f"Not updated for {month}: {n} — {items}."
        )
    if summary.no_data:
        items = _joined([sentences.no_data_phrase(r, lang) for r in summary.no_data], lang)
        n = len(summary.no_data)
        out.append(f"以下{n}项尚无完成数据：{items}。" if zh else f"No figure yet: {n} — {items}.")
    return out


def blocks(summary: Summary, lang: str) -> list[Block]:
    """Every section with something to say, in order."""
    zh = lang == "zh"
    words = prose.SECTIONS[lang]
    overview = [prose.overview(summary, lang)]
    change = prose.month_on_month(summary, lang)
    if change:
        overview.append(change)
    out = [Block(words["overview"], tuple(overview))]
    if summary.key:
        text = _joined([sentences.key_sentence(r, summary, lang) for r in summary.key], lang)
        grid = summary_tables.key_grid(summary, lang)
        out.append(Block(words["key"], (text + ("。" if zh else "."),), grid))
    if summary.shortfalls:
        out.append(_shortfalls(summary, lang))
    if summary.highlights:
        lines = [sentences.highlight_sentence(r, summary.report, lang) for r in summary.highlights]
        grid = summary_tables.highlight_grid(summary, lang)
        out.append(Block(words["highlights"], tuple(numbered(lines, lang)), grid))
    milestones = _milestones(summary, lang)
    if milestones:
        grid = summary_tables.milestone_grid(summary, lang)
        out.append(Block(words["milestones"], tuple(milestones), grid))
    reporting = _reporting(summary, lang)
    if reporting:
        grid = summary_tables.reporting_grid(summary, lang)
        out.append(Block(words["reporting"], tuple(reporting), grid))
    if summary.ranking:
        ranked = tuple(prose.ranking_line(s, lang) for s in summary.ranking)
        grid = summary_tables.ranking_grid(summary, lang)
        out.append(Block(words["ranking"], ranked, grid, table_in_docx=True))
    if summary.weaknesses:
        text = prose.weaknesses_paragraph(summary.weaknesses, lang)
        out.append(Block(words["weaknesses"], (text,)))
    return out
