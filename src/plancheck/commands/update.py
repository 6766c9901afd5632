"""`plancheck update` and `plancheck set-target`: safe, surgical edits of one file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from plancheck.commands.common import (
    LangOpt,
    LedgerOpt,
    current_env,
    handle_errors,
    ledger_path,
    parse_as_of,
    settings_language,
)
from plancheck.errors import PlancheckError, UsageError

IdArg = Annotated[str, typer.Argument(help="The item's id, e.g. toilet-rectification.")]


def _report(result: object, lang: str) -> None:
    from plancheck.messages import message
    from plancheck.write.edit import EditResult

    assert isinstance(result, EditResult)
    parts = []
    for key, old, new in result.changes:
        parts.append(f"{key} {old} → {new}" if old is not None else f"{key} = {new}")
    env = current_env()
    print(
        message("edit.updated", {"file": str(result.path), "changes": "; ".join(parts)}, lang),
        file=env.stderr,
    )


@handle_errors
def update(
    item_id: IdArg,
    value: Annotated[
        str | None,
        typer.Argument(help="Year-to-date value (1-N月累计), may carry a unit: 3956万元, 85.1%."),
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", "-m", help="YYYY-MM the value is for (default: now).")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="The item's year.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remark, e.g. the reason.")] = None,
    allow_decrease: Annotated[
        bool, typer.Option("--allow-decrease", help="Accept a value below an earlier month's.")
    ] = False,
    state: Annotated[
        str | None, typer.Option("--state", help="Milestones: planned, started, done, blocked.")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Milestones: YYYY-MM-DD started or done.")
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record this month's year-to-date value of a target (or a milestone's state)."""
    from plancheck.model import MilestoneState
    from plancheck.write import edit

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    if state is not None:
        try:
            new_state = MilestoneState(state)
        except ValueError:
            raise UsageError(
                "value.choice",
                key="--state",
                value=state,
                choices=", ".join(s.value for s in MilestoneState),
            ) from None
        when: dt.date | None = None
        if date is not None:
            try:
                when = parse_as_of(date)  # YYYY-MM-DD, or YYYY-MM for the month's end
            except PlancheckError:
                raise UsageError("value.date", key="--date", value=date) from None
        the_year = year or (when.year if when else env.current_date().year)
        result = edit.set_milestone(root, item_id, the_year, new_state, when, note)
    elif value is None:
        raise UsageError("edit.need_value_or_state")
    else:
        result = edit.record_actual(
            root,
            item_id,
            value,
            month=month,
            year=year,
            today=env.current_date(),
            allow_decrease=allow_decrease,
            note=note,
        )
    _report(result, lang)


@handle_errors
def set_target(
    item_id: IdArg,
    value: Annotated[
        str,
        typer.Argument(
            help="The target, may carry a unit: 39, 1.2亿元; a growth rate: 8%, -3% (a fall)."
        ),
    ],
    year: Annotated[int | None, typer.Option("--year", "-y", help="The item's year.")] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it was set or revised (调整原因).")
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Give a plan item its target, or revise one (调整目标); the original is kept."""
    from plancheck.write import edit

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    result = edit.set_target(root, item_id, year or env.current_date().year, value, reason)
    _report(result, lang)
