"""What every command shares: options defined once, loading, errors → one line each."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from plancheck.commands.environment import Environment
from plancheck.errors import DataError, PlancheckError, UsageError, exit_status
from plancheck.messages import format_problem, message
from plancheck.model import Ledger, Problem

if TYPE_CHECKING:
    from plancheck.report.evaluate import Report

LedgerOpt = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        "-l",
        help="Ledger folder (default: $PLANCHECK_LEDGER or ./targets).",
        show_default=False,
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", "-y", help="Year (default: the working year; PLANCHECK_YEAR)."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Date to evaluate at: YYYY-MM (month end) or YYYY-MM-DD."),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Output language: zh or en (default: the ledger's setting)."),
]
SectionOpt = Annotated[
    list[str] | None, typer.Option("--section", help="Only sections containing this text.")
]
OwnerOpt = Annotated[list[str] | None, typer.Option("--owner", help="Only this owner (责任单位).")]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (- for stdout), only once complete; a ledger file is refused.",
        show_default=False,
        dir_okay=False,
    ),
]
EntityOpt = Annotated[
    list[str] | None,
    typer.Option("--entity", help="In a county ledger, only this township (乡镇)."),
]

# The environment is a module-level default that tests replace with their own.
ENV = Environment()

P = ParamSpec("P")
R = TypeVar("R")


def current_env() -> Environment:
    return ENV


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn PlancheckError into located lines on stderr and an exit status; no traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        env = current_env()
        lang = str(kwargs.get("lang") or env.variables.get("PLANCHECK_LANG") or "zh")
        try:
            return func(*args, **kwargs)
        except PlancheckError as exc:
            for problem in exc.problems:
                print(format_problem(problem, lang), file=env.stderr)
            if not exc.problems:
                print(f"plancheck: {message(exc.code, exc.args_, lang)}", file=env.stderr)
            raise typer.Exit(int(exit_status(exc))) from None

    return wrapper


def ledger_path(option: Path | None, env: Environment) -> Path:
    if option is not None:
        return option
    return Path(env.variables.get("PLANCHECK_LEDGER") or "targets")


def open_ledger(option: Path | None, lang: str | None) -> Ledger:
    """Load the ledger, print warnings to stderr, raise PlancheckError on errors."""
    from plancheck.read.cache import cache_dir, load_cached

    env = current_env()
    path = ledger_path(option, env)
    ledger = load_cached(path, cache_dir(env.variables))  # LedgerError: exit 3
    print_problems(ledger.problems, lang or ledger.settings.language)
    return ledger


def print_problems(problems: tuple[Problem, ...] | list[Problem], lang: str) -> None:
    env = current_env()
    for problem in problems:
        print(format_problem(problem, lang), file=env.stderr)


_AS_OF = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_as_of(text: str) -> dt.date:
    """YYYY-MM → the month's last day; YYYY-MM-DD → that day."""
    from plancheck.report.evaluate import month_end

    m = _AS_OF.match(text.strip())
    if not m:
        raise UsageError("cli.as_of", value=text)
    year, month = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(year, month, int(m.group(3)))
        return month_end(year, month)
    except ValueError:
        raise UsageError("cli.as_of", value=text) from None


def choose_year_and_date(
    ledger: Ledger, year: int | None, as_of: str | None
) -> tuple[int, dt.date]:
    from plancheck.commands.defaults import say, year_of
    from plancheck.report.evaluate import default_as_of

    env = current_env()
    today = env.current_date()
    date = parse_as_of(as_of) if as_of else None
    if year is None and date is not None:
        year = date.year
    year, defaulted = year_of(ledger, year)
    if year not in ledger.years:
        raise DataError("ledger.no_items", year=year)
    if date is None:
        date = default_as_of(ledger.items_of(year), year, today)
        defaulted = True
    elif date.year != year:
        raise UsageError("cli.as_of_year", value=as_of, year=year)
    if defaulted:
        say(ledger.settings.language, year, as_of=date)
    return year, date


def check_entities(ledger: Ledger, entities: list[str] | None) -> tuple[str, ...]:
    """The --entity values, refused when the ledger has no such member."""
    if not entities:
        return ()
    for name in entities:
        if name not in ledger.entities:
            raise UsageError(
                "cli.entity",
                value=name,
                choices=", ".join(ledger.entities) or "—",
            )
    return tuple(entities)


def evaluate_ledger(
    book: Ledger,
    year: int | None,
    as_of: str | None,
    *,
    sections: list[str] | None = None,
    owners: list[str] | None = None,
    entities: list[str] | None = None,
    only: tuple[Any, ...] = (),
    as_known: str | None = None,
) -> Report:
    """The report every command starts from: year and date chosen, the ledger's light
    thresholds and score cap, the filters given on the command line."""
    from plancheck.report.evaluate import Options, evaluate

    known = parse_as_of(as_known) if as_known else None
    if known is not None and as_of is None:
        # the meeting's view: what was known on that day, at the latest month then known
        from plancheck.report.evaluate import default_as_of

        y = year or known.year
        latest = default_as_of(book.items_of(y), y, current_env().current_date())
        as_of = min(latest, known).isoformat()
    chosen_year, date = choose_year_and_date(book, year, as_of)
    options = Options(
        as_known=known,
        year=chosen_year,
        as_of=date,
        lights=book.settings.lights,
        score_cap=book.settings.score_cap,
        tolerance=book.settings.tolerance,
        cpi=book.settings.cpi_of(chosen_year),
        sections=tuple(sections or ()),
        owners=tuple(owners or ()),
        only=only,
        entities=check_entities(book, entities),
    )
    return evaluate(book, options)


def language(lang: str | None, ledger: Ledger | None = None) -> str:
    if lang is not None:
        if lang not in ("zh", "en"):
            raise UsageError("value.choice", key="--lang", value=lang, choices="zh, en")
        return lang
    env_lang = current_env().variables.get("PLANCHECK_LANG")
    if env_lang in ("zh", "en"):
        return env_lang
    return ledger.settings.language if ledger else "zh"


def settings_language(lang: str | None, root: Path) -> str:
    """--lang, else PLANCHECK_LANG, else the language in the ledger's settings (for commands
    that edit a file without loading the whole ledger)."""
    if lang is not None or current_env().variables.get("PLANCHECK_LANG") in ("zh", "en"):
        return language(lang)
    from plancheck.read.load import load_settings

    settings = load_settings(root, [])
    return settings.language if settings is not None else "zh"


def write_stdout(text: str, *, raw: bool = False, colour: bool = False) -> None:
    """Write an output to stdout.  Unless `raw` (csv, html: data for another program),
    control characters from ledger text are shown as visible escapes (plancheck's own
    colour codes are kept with `colour`): no ledger can drive the terminal."""
    from plancheck.escape import terminal_text

    env = current_env()
    env.stdout.write(text if raw else terminal_text(text, colour=colour))
    env.stdout.flush()


def send_output(output: Path, data: str | bytes, ledger: Path | None, *, raw: bool = False) -> bool:
    """A command's output to the `-o/--output` path, through the one atomic writer
    (`plancheck.write.atomic.write_atomic`), or to stdout for `-`; True when a file was
    written.  `ledger` (the --ledger option) names the ledger whose files are refused.
    Text for people (not `raw`: csv and html are data for another program) has control
    characters from ledger text shown as visible escapes, in a file too: a notice read
    with `cat` is on a terminal."""
    if not raw and isinstance(data, str):
        from plancheck.escape import terminal_text

        data = terminal_text(data)
    if str(output) == "-":
        write_stdout(data.decode("utf-8") if isinstance(data, bytes) else data, raw=True)
        return False
    from plancheck.write.atomic import write_atomic

    write_atomic(output, data, output=True, ledger=ledger_path(ledger, current_env()))
    return True
