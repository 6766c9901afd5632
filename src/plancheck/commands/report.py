"""`plancheck report --html FILE`: the dashboard, one self-contained HTML page."""

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

HtmlOpt = Annotated[
    Path,
    typer.Option(
        "--html",
        help="Write the dashboard to this HTML file (- for stdout); written only once complete.",
        show_default=False,
        dir_okay=False,
    ),
]


def write_atomic(path: Path, text: str) -> None:
    write_output(path, text, "report.output")


@handle_errors
def report(
    html: HtmlOpt,
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
    lang: LangOpt = None,
    entity: EntityOpt = None,
) -> None:
    """Write the dashboard: headline counts, bars by section and owner, red list, full table."""
    from plancheck.messages import message
    from plancheck.render.html import render_html

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    sections = tuple(section or ())
    owners = tuple(owner or ())
    result = evaluate_ledger(book, year, as_of, sections=section, owners=owner, entities=entity)
    if not result.items and (sections or owners):
        raise UsageError("cli.no_match")
    page = render_html(result, lang, book.settings, (*(entity or ()), *sections, *owners))
    if str(html) == "-":
        write_stdout(page)
        return
    write_atomic(html, page)
    done = message("report.written", {"path": str(html)}, lang)
    print(f"plancheck: {done}", file=current_env().stderr)
