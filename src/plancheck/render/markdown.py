"""Markdown pipe tables (tabulate, aligned for Chinese with wcwidth), one per section."""

from __future__ import annotations

import tabulate as _tabulate

from plancheck.render import labels
from plancheck.render.cells import cells, title, totals_line
from plancheck.report.evaluate import Report

_tabulate.WIDE_CHARS_MODE = True

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
_NUMERIC = {"target", "actual", "completion", "expected", "gap", "yoy"}


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, lang: str = "zh") -> str:
    lang = labels.lang_of(lang)
    headers = [labels.COLUMNS[lang][k] for k in MARKDOWN_COLUMNS]
    align = ["right" if k in _NUMERIC else "left" for k in MARKDOWN_COLUMNS]
    sections: dict[str, list[list[str]]] = {}
    for r in report.items:
        c = cells(r, lang)
        sections.setdefault(r.item.section, []).append([_escape(c[k]) for k in MARKDOWN_COLUMNS])
    out = [f"# {title(report, lang)}", ""]
    for section, rows in sections.items():
        if len(sections) > 1 or section:
            out += [f"## {section or labels.TEXT[lang]['no_section']}", ""]
        out.append(
            _tabulate.tabulate(
                rows, headers=headers, tablefmt="pipe", colalign=align, disable_numparse=True
            )
        )
        out.append("")
    out.append(totals_line(report, lang))
    return "\n".join(out) + "\n"
