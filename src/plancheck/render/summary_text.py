"""The progress notice (通报) as plain text.

One paragraph per line, no wrapping, so that it pastes into WPS/Word as paragraphs; the
sections are numbered 一、二、三… (1. 2. 3. in English) and skipped when empty.
"""

from __future__ import annotations

from plancheck.render import figures, prose, sentences
from plancheck.report.summary import Summary


def numbered(lines: list[str], lang: str) -> list[str]:
    mark = "．" if lang == "zh" else ". "
    return [f"{i}{mark}{line}" for i, line in enumerate(lines, 1)]


def sections(summary: Summary, lang: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) of every section with something to say, in order."""
    report = summary.report
    zh = lang == "zh"
    out: list[tuple[str, list[str]]] = [
        (prose.SECTIONS[lang]["overview"], [prose.overview(summary, lang)])
    ]
    if summary.key:
        text = ("；" if zh else "; ").join(
            sentences.key_sentence(r, summary, lang) for r in summary.key
        )
        out.append((prose.SECTIONS[lang]["key"], [text + ("。" if zh else ".")]))
    if summary.shortfalls:
        lines = [sentences.shortfall_sentence(r, report, lang) for r in summary.shortfalls]
        out.append((prose.shortfall_heading(summary.shortfalls, lang), numbered(lines, lang)))
    if summary.highlights:
        lines = [sentences.highlight_sentence(r, report, lang) for r in summary.highlights]
        out.append((prose.SECTIONS[lang]["highlights"], numbered(lines, lang)))
    milestones = []
    if summary.due_soon:
        until = figures.until_text(summary.due_until, lang)
        items = ("；" if zh else "; ").join(
            sentences.milestone_phrase(r, lang) for r in summary.due_soon
        )
        n = len(summary.due_soon)
        milestones.append(
            f"{until}到期的节点任务{n}项：{items}。" if zh else f"Due {until}: {n} — {items}."
        )
    if summary.overdue:
        items = ("；" if zh else "; ").join(
            sentences.milestone_phrase(r, lang) for r in summary.overdue
        )
        n = len(summary.overdue)
        milestones.append(f"已逾期的节点任务{n}项：{items}。" if zh else f"Overdue: {n} — {items}.")
    if milestones:
        out.append((prose.SECTIONS[lang]["milestones"], milestones))
    reporting = []
    if summary.stale and report.latest_month:
        month = figures.month_text(report.latest_month, lang)
        items = ("；" if zh else "; ").join(sentences.stale_phrase(r, lang) for r in summary.stale)
        n = len(summary.stale)
        reporting.append(
            f"以下{n}项未报送{month}数据：{items}。"
            if zh
            else f"Not updated for {month}: {n} — {items}."
        )
    if summary.no_data:
        items = ("；" if zh else "; ").join(
            sentences.no_data_phrase(r, lang) for r in summary.no_data
        )
        n = len(summary.no_data)
        reporting.append(
            f"以下{n}项尚无完成数据：{items}。" if zh else f"No figure yet: {n} — {items}."
        )
    if reporting:
        out.append((prose.SECTIONS[lang]["reporting"], reporting))
    if report.by_owner:
        lines = [prose.owner_line(g, lang) for g in report.by_owner]
        out.append((prose.SECTIONS[lang]["owners"], lines))
    if summary.weaknesses:
        out.append(
            (
                prose.SECTIONS[lang]["weaknesses"],
                [prose.weaknesses_paragraph(summary.weaknesses, lang)],
            )
        )
    return out


def render_summary_text(summary: Summary, lang: str = "zh") -> str:
    lines = [prose.title(summary, lang), "", prose.opening(summary, lang)]
    for index, (head, body) in enumerate(sections(summary, lang)):
        lines += ["", prose.heading(index, head, lang), *body]
    closing = prose.closing(summary, lang)
    if closing:
        lines += ["", closing]
    return "\n".join(lines) + "\n"
