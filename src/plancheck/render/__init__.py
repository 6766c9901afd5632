"""Renderers: each output format is a function of a finished Report.

Every output format is named here, as a member of one of the enums below (one per kind of
output), and dispatched here by a `match` that ends in `assert_never`: a member without a
renderer is a type error (mypy), and tests/test_formats.py renders every member.  Adding a
format: the member, its case in the dispatch function, the renderer module.

Renderers are imported lazily by the dispatch functions, so that `--format json` never
pays for rich or tabulate (nor `export --format csv` for openpyxl).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal, assert_never, overload

from plancheck.errors import UsageError

if TYPE_CHECKING:
    from plancheck.model import Settings
    from plancheck.report.evaluate import Report
    from plancheck.report.forms import Form
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


class ExportFormat(StrEnum):
    """Formats of `plancheck export`."""

    XLSX = "xlsx"
    CSV = "csv"


class FormFormat(StrEnum):
    """Formats of `plancheck forms` (the offices' fill-in forms)."""

    XLSX = "xlsx"
    """Protected, validated, printable (needs openpyxl)."""
    CSV = "csv"


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
    match fmt:
        case Format.TABLE:
            from plancheck.render.table import render_table

            return render_table(report, lang, width, color, ids)
        case Format.MARKDOWN:
            from plancheck.render.markdown import render_markdown

            return render_markdown(report, lang)
        case Format.CSV:
            from plancheck.render.csvout import render_csv

            return render_csv(report, lang, bom)
        case Format.JSON:
            from plancheck.render.jsonout import render_json

            return render_json(report)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


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

    match fmt:
        case Format.TABLE:
            return rollup.render_rollup_table(report, by.value, lang, color)
        case Format.MARKDOWN:
            return rollup.render_rollup_markdown(report, by.value, lang)
        case Format.CSV:
            return rollup.render_rollup_csv(report, by.value, lang, bom)
        case Format.JSON:
            return rollup.render_rollup_json(report, by.value)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


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
    """The progress notice in `fmt` (text, or bytes for a Word file); exhaustive over
    SummaryFormat."""
    match fmt:
        case SummaryFormat.TEXT:
            from plancheck.render.summary_text import render_summary_text

            return render_summary_text(summary, lang)
        case SummaryFormat.MARKDOWN:
            from plancheck.render.summary_markdown import render_summary_markdown

            return render_summary_markdown(summary, lang)
        case SummaryFormat.DOCX:
            from plancheck.render.docx import render_summary_docx

            return render_summary_docx(summary, lang)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


def render_report(
    report: Report,
    fmt: ReportFormat,
    settings: Settings,
    *,
    lang: str = "zh",
    scope: tuple[str, ...] = (),
) -> str | bytes:
    """`plancheck report` in `fmt`: the dashboard (HTML text) or the Word file (bytes);
    exhaustive over ReportFormat."""
    match fmt:
        case ReportFormat.HTML:
            from plancheck.render.html import render_html

            return render_html(report, lang, settings, scope)
        case ReportFormat.DOCX:
            from plancheck.render.docx import render_report_docx

            return render_report_docx(report, lang)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


def render_shortfalls(summary: Summary, fmt: ShortfallFormat, *, lang: str = "zh") -> str:
    """The red list in `fmt`; exhaustive over ShortfallFormat."""
    from plancheck.render import shortfalls

    match fmt:
        case ShortfallFormat.TEXT:
            return shortfalls.render_shortfalls_text(summary, lang)
        case ShortfallFormat.MARKDOWN:
            return shortfalls.render_shortfalls_markdown(summary, lang)
        case ShortfallFormat.JSON:
            return shortfalls.render_shortfalls_json(summary)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


def render_export(
    report: Report,
    settings: Settings,
    fmt: ExportFormat,
    *,
    lang: str = "zh",
    by: GroupBy | None = None,
    bom: bool = True,
) -> bytes:
    """The export in `fmt` (a file's bytes); the dispatch is exhaustive over ExportFormat."""
    match fmt:
        case ExportFormat.XLSX:
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise UsageError("table.needs_openpyxl") from None
            from plancheck.render.xlsx import render_xlsx

            return render_xlsx(report, settings, lang, by.value if by else None)
        case ExportFormat.CSV:
            from plancheck.render.sheet import render_sheet_csv

            return render_sheet_csv(report, lang, bom).encode("utf-8")
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)


def render_form(form: Form, fmt: FormFormat) -> bytes:
    """One office's fill-in form in `fmt`; the dispatch is exhaustive over FormFormat."""
    match fmt:
        case FormFormat.XLSX:
            from plancheck.render.forms import render_form_xlsx

            return render_form_xlsx(form)
        case FormFormat.CSV:
            from plancheck.render.forms import render_form_csv

            return render_form_csv(form)
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)
