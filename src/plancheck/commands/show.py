"""`plancheck show` (one item, with its monthly chart) and `plancheck diff` (two months)."""

from __future__ import annotations

from typing import Annotated

import typer

from plancheck.commands.common import (
    AsOfOpt,
    EntityOpt,
    LangOpt,
    LedgerOpt,
    YearOpt,
    check_entities,
    choose_year_and_date,
    current_env,
    handle_errors,
    language,
    open_ledger,
    parse_as_of,
    write_stdout,
)
from plancheck.errors import UsageError


@handle_errors
def show(
    item_id: Annotated[
        str, typer.Argument(help="The item: its id, exact name or an unambiguous part of it.")
    ],
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    entity: EntityOpt = None,
) -> None:
    """Everything about one target: figures, source, note and its monthly history chart."""

    from plancheck.render.show import render_show
    from plancheck.report.evaluate import Options, evaluate

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    if year is None and as_of is None:
        from plancheck.commands.defaults import year_of
        from plancheck.read.lookup import candidates

        years = [i.year for i in candidates(book.items, item_id)]
        working, _ = year_of(book, None)
        year = working if working in years else (max(years) if years else None)
    chosen_year, date = choose_year_and_date(book, year, as_of)
    options = Options(
        year=chosen_year,
        as_of=date,
        lights=book.settings.lights,
        score_cap=book.settings.score_cap,
        tolerance=book.settings.tolerance,
        cpi=book.settings.cpi_of(chosen_year),
        entities=check_entities(book, entity),
    )
    # In a county the id may name several townships' items: the county's view decides
    # (their sum when they can be summed), else --entity must choose.
    report = evaluate(book, options)
    found = [r for r in report.items if r.item.id == item_id]
    if len(found) > 1:
        raise UsageError(
            "cli.ambiguous_id",
            id=item_id,
            entities=", ".join(r.item.entity for r in found),
        )
    if not found:
        # A name, or part of one (plancheck show 厕所): one item, or the candidates listed.
        from plancheck.read.lookup import resolve

        chosen = resolve([r.item for r in report.items], item_id, chosen_year)
        found = [r for r in report.items if r.item is chosen]
    result = found[0]
    env = current_env()
    write_stdout(render_show(result, options, lang, env.width))


@handle_errors
def diff(
    from_: Annotated[str, typer.Option("--from", help="The earlier month-end, YYYY-MM.")],
    to: Annotated[str, typer.Option("--to", help="The later month-end, YYYY-MM.")],
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """What changed between two month-ends: completions, items behind or recovered."""
    from plancheck.render.show import render_diff, render_diff_json
    from plancheck.report import compare
    from plancheck.report.evaluate import Options, evaluate

    if fmt not in ("text", "json"):
        raise UsageError("value.choice", key="--format", value=fmt, choices="text, json")
    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    start, end = parse_as_of(from_), parse_as_of(to)
    if start.year != end.year:
        raise UsageError("cli.diff_years")
    if start >= end:
        raise UsageError("cli.diff_order", start=from_, end=to)
    year, _ = choose_year_and_date(book, start.year, from_)
    settings = book.settings
    before = evaluate(
        book,
        Options(year, start, settings.lights, settings.score_cap, tolerance=settings.tolerance),
    )
    after = evaluate(
        book, Options(year, end, settings.lights, settings.score_cap, tolerance=settings.tolerance)
    )
    changes = compare(before, after)
    if fmt == "json":
        write_stdout(render_diff_json(before, after, changes))
    else:
        write_stdout(render_diff(before, after, changes, lang))
