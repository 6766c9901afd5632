"""Renderers: each output format is a function of a finished Report.

Renderers are imported lazily by `render()`, so that `--format json` never pays for rich
or tabulate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from plancheck.report.evaluate import Report
    from plancheck.report.summary import Summary


class Format(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"


class SummaryFormat(StrEnum):
    """Formats of `plancheck summary`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    DOCX = "docx"
    """A Word file in 公文 layout (needs the `docx` extra; written with -o only)."""


class ReportFormat(StrEnum):
    """Formats of `plancheck report`."""

    HTML = "html"
    DOCX = "docx"
    """The whole table as a Word file (A4 landscape, needs the `docx` extra)."""


class ShortfallFormat(StrEnum):
    """Formats of `plancheck shortfalls`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class CheckFormat(StrEnum):
    """The outputs of `plancheck check` (rendered by render/findings.py)."""

    TEXT = "text"
    JSON = "json"


class GroupBy(StrEnum):
    """What `status --by` rolls items up by."""

    OWNER = "owner"
    SECTION = "section"
    ENTITY = "entity"


def render(
    report: Report,
    fmt: Format,
    *,
    lang: str = "zh",
    width: int | None = 100,
    color: bool = False,
    bom: bool = False,
    ids: bool = False,
) -> str:
    """Render `report` in `fmt`; the dispatch is exhaustive over Format."""
    if fmt is Format.TABLE:
        from plancheck.render.table import render_table

        return render_table(report, lang, width, color, ids)
    if fmt is Format.MARKDOWN:
        from plancheck.render.markdown import render_markdown

        return render_markdown(report, lang)
    if fmt is Format.CSV:
        from plancheck.render.csvout import render_csv

        return render_csv(report, lang, bom)
    if fmt is Format.JSON:
        from plancheck.render.jsonout import render_json

        return render_json(report)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive


def render_rollup(
    report: Report,
    by: GroupBy,
    fmt: Format,
    *,
    lang: str = "zh",
    color: bool = False,
    bom: bool = False,
) -> str:
    """The roll-up of `report` by owner or section in `fmt`; exhaustive over Format."""
    from plancheck.render import rollup

    if fmt is Format.TABLE:
        return rollup.render_rollup_table(report, by.value, lang, color)
    if fmt is Format.MARKDOWN:
        return rollup.render_rollup_markdown(report, by.value, lang)
    if fmt is Format.CSV:
        return rollup.render_rollup_csv(report, by.value, lang, bom)
    if fmt is Format.JSON:
        return rollup.render_rollup_json(report, by.value)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive


@overload
def render_summary(
    summary: Summary,
    fmt: Literal[SummaryFormat.TEXT, SummaryFormat.MARKDOWN],
    *,
    lang: str = "zh",
) -> str: ...
@overload
def render_summary(summary: Summary, fmt: SummaryFormat, *, lang: str = "zh") -> str | bytes: ...
def render_summary(summary: Summary, fmt: SummaryFormat, *, lang: str = "zh") -> str | bytes:
    """The progress notice in `fmt` (text, or bytes for a Word file); exhaustive."""
    if fmt is SummaryFormat.DOCX:
        from plancheck.render.docx import render_summary_docx

        return render_summary_docx(summary, lang)
    if fmt is SummaryFormat.TEXT:
        from plancheck.render.summary_text import render_summary_text

        return render_summary_text(summary, lang)
    if fmt is SummaryFormat.MARKDOWN:
        from plancheck.render.summary_markdown import render_summary_markdown

        return render_summary_markdown(summary, lang)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive


def render_shortfalls(summary: Summary, fmt: ShortfallFormat, *, lang: str = "zh") -> str:
    """The red list in `fmt`; exhaustive over ShortfallFormat."""
    from plancheck.render import shortfalls

    if fmt is ShortfallFormat.TEXT:
        return shortfalls.render_shortfalls_text(summary, lang)
    if fmt is ShortfallFormat.MARKDOWN:
        return shortfalls.render_shortfalls_markdown(summary, lang)
    if fmt is ShortfallFormat.JSON:
        return shortfalls.render_shortfalls_json(summary)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive
