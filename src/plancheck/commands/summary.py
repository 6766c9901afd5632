"""`plancheck summary` (the progress notice, 通报) and `plancheck shortfalls` (the red list)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plancheck.commands.common import (
    AsOfOpt,
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
    write_stdout,
)
from plancheck.commands.defaults import AsKnownOpt
from plancheck.errors import ExitStatus, UsageError
from plancheck.messages import message
from plancheck.render import ShortfallFormat, SummaryFormat

if TYPE_CHECKING:
    from plancheck.report.summary import Summary

SummaryFormatOpt = Annotated[
    SummaryFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
ShortfallFormatOpt = Annotated[
    ShortfallFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date of issue under the 落款, YYYY-MM-DD (default: today when as of this month "
        "or the last, else none).",
        show_default=False,
    ),
]
FailOpt = Annotated[
    bool,
    typer.Option("--fail-on-shortfall", help="Exit with status 1 when any target is listed."),
]


def _summary(
    ledger: Path | None,
    year: int | None,
    as_of: str | None,
    sections: list[str] | None,
    owners: list[str] | None,
    lang: str | None,
    month_on_month: bool = False,
    as_known: str | None = None,
    date: str | None = None,
) -> tuple[Summary, str]:
    """Load, evaluate and summarise; the summary and the output language.  With
    `month_on_month`, the same evaluation at the previous month's end is compared; `date`
    is the date of issue (`issue_date`)."""
    from plancheck.report.standing import previous_month_end
    from plancheck.report.summary import build_summary, issue_date

    given = _parse_date(date) if date is not None else None

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    report = evaluate_ledger(book, year, as_of, sections=sections, owners=owners, as_known=as_known)
    if not report.items and (sections or owners):
        raise UsageError("cli.no_match")
    previous = None
    before = previous_month_end(report.as_of) if month_on_month else None
    if before is not None:
        previous = evaluate_ledger(
            book,
            report.year,
            before.isoformat(),
            sections=sections,
            owners=owners,
            as_known=as_known,
        )
    issued = issue_date(report.as_of, current_env().current_date(), given)
    return build_summary(report, book, tuple(owners or ()), previous, issued), lang


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else _bad(text)
    except ValueError:
        return _bad(text)


def _bad(text: str) -> dt.date:
    raise UsageError("cli.date", value=text)


@handle_errors
def summary(
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    owner: OwnerOpt = None,
    lang: LangOpt = None,
    fmt: SummaryFormatOpt = SummaryFormat.TEXT,
    output: OutputOpt = None,
    as_known: AsKnownOpt = None,
    date: DateOpt = None,
) -> None:
    """Write the progress notice (通报) for a dispatch meeting or the year-end report
    (text, markdown, or a Word file in 公文 layout: --format docx -o 通报.docx)."""
    from plancheck.render import render_summary

    if fmt is SummaryFormat.DOCX and (output is None or str(output) == "-"):
        raise UsageError("docx.stdout")
    result, lang = _summary(
        ledger, year, as_of, None, owner, lang, month_on_month=True, as_known=as_known, date=date
    )
    text = render_summary(result, fmt, lang=lang)
    if output is None:
        assert isinstance(text, str)
        write_stdout(text)
        return
    if send_output(output, text, ledger):
        done = message("summary.written", {"path": str(output)}, lang)
        print(f"plancheck: {done}", file=current_env().stderr)


@handle_errors
def shortfalls(
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
    lang: LangOpt = None,
    fmt: ShortfallFormatOpt = ShortfallFormat.TEXT,
    fail_on_shortfall: FailOpt = False,
) -> None:
    """List targets missed, overdue, blocked or behind, worst first, with gap, owner, note."""
    from plancheck.render import render_shortfalls

    result, lang = _summary(ledger, year, as_of, section, owner, lang)
    write_stdout(render_shortfalls(result, fmt, lang=lang))
    if fail_on_shortfall and result.shortfalls:
        raise typer.Exit(int(ExitStatus.FINDINGS))
