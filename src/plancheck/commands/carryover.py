"""`plancheck carryover`: unmet targets of one year into the next year's plan."""

from __future__ import annotations

from typing import Annotated

import typer

from plancheck.commands.common import (
    LangOpt,
    LedgerOpt,
    current_env,
    handle_errors,
    language,
    ledger_path,
    open_ledger,
    write_stdout,
)
from plancheck.errors import DataError, UsageError


@handle_errors
def carryover(
    from_year: Annotated[int, typer.Option("--from", help="The year whose unmet targets carry.")],
    to_year: Annotated[int, typer.Option("--to", help="The year that receives them.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list what would be written.")
    ] = False,
    file: Annotated[
        str, typer.Option("--file", help="The file of the receiving year to append to.")
    ] = "carryover.toml",
    recurring: Annotated[
        bool,
        typer.Option(
            "--recurring",
            help="Also carry yearly indicators that recur under the same id or name.",
        ),
    ] = False,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Propose (--dry-run) or write a plan item for every unmet target of the earlier year."""
    from plancheck.render.carry import render_proposals
    from plancheck.report.carryover import Outcome, propose
    from plancheck.write.append import append_items

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    if to_year <= from_year:
        raise UsageError("carry.order", start=from_year, end=to_year)
    if from_year not in book.years:
        raise DataError("ledger.no_items", year=from_year)
    from plancheck.periods import latest_month

    latest = latest_month(book.items, from_year)
    if latest is not None and latest < f"{from_year:04d}-12":
        from plancheck.messages import message

        print(
            message("carry.data_ends", {"year": str(from_year), "month": latest}, lang),
            file=current_env().stderr,
        )
    proposals = propose(book, from_year, to_year, recurring=recurring)
    new = [p.new for p in proposals if p.outcome is Outcome.CARRY and p.new is not None]
    write_stdout(render_proposals(proposals, from_year, to_year, lang, dry_run))
    if dry_run or not new:
        return
    root = ledger_path(ledger, current_env())
    header = f"# {from_year}年未完成目标任务结转（plancheck carryover 生成）\n"
    result = append_items(root, to_year, new, file=file, header=header)
    from plancheck.messages import message

    print(
        message("carry.written", {"file": str(result.path), "n": str(len(result.ids))}, lang),
        file=current_env().stderr,
    )
