"""Markdown pipe tables (tabulate, aligned for Chinese with wcwidth), one per section."""

from __future__ import annotations

from plancheck.escape import markdown_inline
from plancheck.render import labels
from plancheck.render.cells import title, totals_line
from plancheck.render.grid import status_grid, to_markdown
from plancheck.report.evaluate import Report

MARKDOWN_COLUMNS = (
    "name",
    "unit",
    "target",
    "actual",
    "completion",
    "expected",
    "gap",
    "yoy",
    "status",
    "light",
    "owner",
)


def render_markdown(report: Report, lang: str = "zh") -> str:
    lang = labels.lang_of(lang)
    grid = status_grid(report, lang, MARKDOWN_COLUMNS)
    out = [f"# {markdown_inline(title(report, lang))}", ""]
    groups = list(grid.by_group())
    for section, rows in groups:
        if len(groups) > 1 or section:
            out += [f"## {markdown_inline(section) or labels.TEXT[lang]['no_section']}", ""]
        out.append(to_markdown(rows))
        out.append("")
    out.append(markdown_inline(totals_line(report, lang)))
    return "\n".join(out) + "\n"
