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
    OutputOpt,
    OwnerOpt,
    SectionOpt,
    YearOpt,
    current_env,
    evaluate_ledger,
    handle_errors,
    language,
    open_ledger,
    send_output,
)
from plancheck.errors import UsageError
from plancheck.render import ReportFormat

HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        help="Write the dashboard to this HTML file (- for stdout); the same as --output.",
        show_default=False,
        dir_okay=False,
    ),
]


ReportFormatOpt = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="html (the dashboard) or docx.", case_sensitive=False),
]


@handle_errors
def report(
    html: HtmlOpt = None,
    fmt: ReportFormatOpt = ReportFormat.HTML,
    output: OutputOpt = None,
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
    from plancheck.render import render_report

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
    scope = (*(entity or ()), *sections, *owners)
    data = render_report(result, fmt, book.settings, lang=lang, scope=scope)
    if not send_output(target, data, ledger, raw=True):
        return
    code = "report.written" if fmt is ReportFormat.HTML else "summary.written"
    done = message(code, {"path": str(target)}, lang)
    print(f"plancheck: {done}", file=current_env().stderr)
