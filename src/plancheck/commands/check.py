"""`plancheck check`: do the ledger's numbers add up?"""

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
    write_stdout,
)
from plancheck.errors import DataError, ExitStatus, UsageError
from plancheck.render import CheckFormat

CheckFormatOpt = Annotated[
    CheckFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
# The shared YearOpt's help describes status's default year; check's default is every year.
CheckYearOpt = Annotated[
    int | None, typer.Option("--year", "-y", help="Only this year (default: every year).")
]
RuleOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rule",
        help="Run only the rule of this name (repeatable; an unknown name lists them).",
    ),
]


@handle_errors
def check(
    ledger: LedgerOpt = None,
    year: CheckYearOpt = None,
    lang: LangOpt = None,
    fmt: CheckFormatOpt = CheckFormat.TEXT,
    rule: RuleOpt = None,
) -> None:
    """Check that the numbers add up: parts and totals, stated growth rates, shares, averages
    and net changes, the same quantity recorded twice, references. Silent when clean; exit 1
    when an error is found (loader errors included). With --rule, only those rules run (the
    loader's problems are always reported)."""
    from plancheck.check.rules import RULES, rule_names, rules_named
    from plancheck.check.run import check_ledger, problem_findings, sort_key
    from plancheck.model import Severity
    from plancheck.read.load import LedgerError, load_ledger
    from plancheck.render.findings import render_findings

    language(lang)  # a bad --lang is a usage error before anything is read
    try:
        rules = rules_named(rule) if rule else RULES
    except KeyError as exc:
        raise UsageError("cli.rule", value=exc.args[0], choices=", ".join(rule_names())) from None
    env = current_env()
    path = ledger_path(ledger, env)
    try:
        # Not through the cache: its pickles keep file paths as first given, so a run from
        # another directory would print stale paths and lines; and check reads the files for
        # line numbers anyway (a fresh load of the bundled ledger takes about 15 ms).
        book = load_ledger(path)
    except LedgerError as exc:
        # check's job is to report the loader's errors: as findings, exit 1 (not 3).
        lang = language(lang)
        findings = sorted(problem_findings(exc.problems, path, year), key=sort_key)
    else:
        lang = language(lang, book)
        if year is not None and year not in book.years:
            raise DataError("ledger.no_items", year=year)
        findings = check_ledger(book, year=year, rules=rules)

    if findings or fmt is CheckFormat.JSON:
        write_stdout(render_findings(findings, fmt, lang))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    if findings:
        from plancheck.messages import message

        counts = {"errors": str(errors), "warnings": str(len(findings) - errors)}
        summary = message("check.summary", counts, lang)
        print(f"plancheck: {summary}", file=env.stderr)
    if errors:
        raise typer.Exit(int(ExitStatus.FINDINGS))
