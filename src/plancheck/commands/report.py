"""`plancheck report --html FILE`: the dashboard, one self-contained HTML page;
`plancheck report --format docx -o FILE`: the whole table as a Word file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plancheck.commands.common import (
    AsOfOpt,
    EntityOpt,
    LangOpt,
    LedgerOpt,
    OwnerOpt,
    SectionOpt,
    YearOpt,
    current_env,
    evaluate_ledger,
    handle_errors,
    language,
    open_ledger,
    write_output,
    write_stdout,
)
from plancheck.errors import UsageError
from plancheck.render import ReportFormat

HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        help="Write the dashboard to this HTML file (- for stdout); written only once complete.",
        show_default=False,
        dir_okay=False,
    ),
]


ReportFormatOpt = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="html (the dashboard) or docx.", case_sensitive=False),
]
ReportOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="The file to write (html: - for stdout).", show_default=False
    ),
]


def write_atomic(path: Path, text: str) -> None:
    write_output(path, text, "report.output")


@handle_errors
def report(
    html: HtmlOpt = None,
    fmt: ReportFormatOpt = ReportFormat.HTML,
    output: ReportOutputOpt = None,
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
    lang: LangOpt = None,
    entity: EntityOpt = None,
) -> None:
    """Write the dashboard: headline counts, bars by section and owner, red list, full table
    (--html FILE); or the whole table as a Word file (--format docx -o FILE)."""
    from plancheck.messages import message
    from plancheck.render.html import render_html

    target = output if output is not None else html
    if target is None:
        raise UsageError("report.no_output")
    if fmt is ReportFormat.DOCX and str(target) == "-":
        raise UsageError("docx.stdout")

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    sections = tuple(section or ())
    owners = tuple(owner or ())
    result = evaluate_ledger(book, year, as_of, sections=section, owners=owner, entities=entity)
    if not result.items and (sections or owners):
        raise UsageError("cli.no_match")
    if fmt is ReportFormat.DOCX:
        from plancheck.commands.summary import write_bytes
        from plancheck.render.docx import render_report_docx

        write_bytes(target, render_report_docx(result, lang))
        done = message("summary.written", {"path": str(target)}, lang)
        print(f"plancheck: {done}", file=current_env().stderr)
        return
    page = render_html(result, lang, book.settings, (*(entity or ()), *sections, *owners))
    if str(target) == "-":
        write_stdout(page, raw=True)
        return
    write_atomic(target, page)
    done = message("report.written", {"path": str(target)}, lang)
    print(f"plancheck: {done}", file=current_env().stderr)
