"""The one rule for defaults, as the commands apply it: the working year (`--year`, else
`PLANCHECK_YEAR`, else `periods.working_year`) and the month, announced on stderr whenever
a command chose them itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from plancheck.errors import DataError, UsageError
from plancheck.model import Ledger

AsKnownOpt = Annotated[
    str | None,
    typer.Option(
        "--as-known",
        help="YYYY-MM-DD: figures and targets as known that day (later corrections undone).",
    ),
]


def env_year() -> int | None:
    """The year PLANCHECK_YEAR names, if set."""
    from plancheck.commands.common import current_env

    text = current_env().variables.get("PLANCHECK_YEAR", "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise UsageError("cli.year_env", value=text)
    return int(text)


def year_of(ledger: Ledger, year: int | None) -> tuple[int, bool]:
    """(the year, whether it was chosen by default)."""
    from plancheck.commands.common import current_env
    from plancheck.periods import working_year

    if year is not None:
        return year, False
    chosen = env_year()
    if chosen is not None:
        return chosen, False
    found = working_year(ledger, current_env().current_date())
    if found is None:
        raise DataError("ledger.no_years")
    return found, True


def load_for_defaults(root: Path) -> Ledger:
    """The ledger, read only to choose defaults for an edit (errors are the edit's to
    report: an unreadable ledger gives no defaults, only the calendar)."""
    from plancheck.commands.common import current_env
    from plancheck.errors import LedgerError
    from plancheck.read.cache import cache_dir, load_cached

    try:
        return load_cached(root, cache_dir(current_env().variables))
    except (LedgerError, OSError):
        from plancheck.model import Settings

        return Ledger(root, Settings(entity=""), ())


def _with_item(ledger: Ledger, year: int, item_id: str | None) -> int:
    """`year`, unless the item is not in it but in other years: then the latest of those
    (a plan year's item before its first figure; the working year wins when both have it)."""
    if item_id is None or ledger.find(year, item_id) is not None:
        return year
    years = [i.year for i in ledger.items if i.id == item_id]
    return max(years) if years else year


def edit_year(root: Path, item_id: str | None = None) -> int:
    """The year an edit without --year is for: PLANCHECK_YEAR, else the working year (or
    the item's own year when the working year has no such item)."""
    year = env_year()
    if year is None:
        ledger = load_for_defaults(root)
        year = _with_item(ledger, year_of(ledger, None)[0], item_id)
    return year


def plan_year(root: Path) -> int | None:
    """PLANCHECK_YEAR, else the working year of a ledger that has items, else None."""
    from plancheck.commands.common import current_env
    from plancheck.periods import working_year

    return env_year() or working_year(load_for_defaults(root), current_env().current_date())


def entry_defaults(
    root: Path,
    year: int | None,
    month: str | None,
    item_id: str | None = None,
    *,
    revision: bool = False,
) -> tuple[int | None, str, list[str]]:
    """(year, month, what was defaulted) for entering a figure or a revision: `month` is
    kept when given (its year is the item's), else the month after the year's latest."""
    from plancheck.commands.common import current_env
    from plancheck.periods import entry_month, revision_month

    said: list[str] = []
    if month is not None:
        return year, month, said
    ledger: Ledger | None = None
    if year is None:
        year = env_year()
    if year is None:
        ledger = load_for_defaults(root)
        year = _with_item(ledger, year_of(ledger, None)[0], item_id)
        said.append("year")
    ledger = ledger or load_for_defaults(root)
    if revision:
        month = revision_month(ledger.items, year)
    else:
        month = entry_month(ledger.items, year, current_env().current_date())
    said.append("month")
    return year, month, said


def say(lang: str, year: int, month: str | None = None, as_of: dt.date | None = None) -> None:
    """One stderr line naming the year (and month or date) a command chose itself."""
    from plancheck.commands.common import current_env
    from plancheck.messages import message

    if as_of is not None:
        text = message("cli.defaults_as_of", {"year": str(year), "date": as_of.isoformat()}, lang)
    elif month is not None:
        text = message("cli.defaults_month", {"year": str(year), "month": month}, lang)
    else:
        text = message("cli.defaults_year", {"year": str(year)}, lang)
    print(text, file=current_env().stderr)
