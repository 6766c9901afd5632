"""`plancheck status`: the progress table."""

from __future__ import annotations

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
    write_stdout,
)
from plancheck.commands.defaults import AsKnownOpt
from plancheck.errors import UsageError
from plancheck.render import Format, GroupBy

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OnlyOpt = Annotated[
    str | None,
    typer.Option("--only", help="Only these statuses, comma-separated (e.g. behind,missed)."),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="csv: start with a UTF-8 BOM (for Excel/WPS).")]
ByOpt = Annotated[
    GroupBy | None,
    typer.Option(
        "--by",
        help="Roll up by owner, section or entity: counts by light and status, and the score.",
        case_sensitive=False,
    ),
]


def parse_statuses(text: str | None) -> tuple[object, ...]:
    from plancheck.report.evaluate import Status

    if not text:
        return ()
    out = []
    for word in text.replace("，", ",").split(","):
        word = word.strip().replace("-", "_")
        if not word:
            continue
        try:
            out.append(Status(word))
        except ValueError:
            raise UsageError(
                "cli.status",
                value=word,
                choices=", ".join(s.value for s in Status),
            ) from None
    return tuple(out)


@handle_errors
def status(
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
    only: OnlyOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.TABLE,
    bom: BomOpt = False,
    by: ByOpt = None,
    entity: EntityOpt = None,
    ids: Annotated[
        bool, typer.Option("--ids", help="Table: show each item's id (for update, show …).")
    ] = False,
    as_known: AsKnownOpt = None,
) -> None:
    """Show where every target stands: completion, expected progress, gap, growth, light."""

    statuses = parse_statuses(only)
    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    report = evaluate_ledger(
        book,
        year,
        as_of,
        sections=section,
        owners=owner,
        entities=entity,
        only=statuses,
        as_known=as_known,
    )
    env = current_env()
    if by is not None:
        from plancheck.render import render_rollup

        text = render_rollup(report, by, fmt, lang=lang, color=env.color, bom=bom)
        write_stdout(text, raw=fmt is Format.CSV, colour=env.color)
        return
    from plancheck.render import render

    text = render(report, fmt, lang=lang, width=env.width, color=env.color, bom=bom, ids=ids)
    write_stdout(text, raw=fmt is Format.CSV, colour=env.color)
