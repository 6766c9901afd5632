"""`plancheck update` and `plancheck set-target`: safe, surgical edits of one file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plancheck.commands.common import (
    LangOpt,
    LedgerOpt,
    current_env,
    handle_errors,
    ledger_path,
    open_ledger,
    parse_as_of,
    settings_language,
)
from plancheck.errors import PlancheckError, UsageError

if TYPE_CHECKING:
    from plancheck.model import Item
    from plancheck.write.actuals import Figure


def _report(result: object, lang: str, name: str = "") -> None:
    from plancheck.messages import message
    from plancheck.write.edit import EditResult

    assert isinstance(result, EditResult)
    parts = []
    for key, old, new in result.changes:
        parts.append(f"{key} {old} → {new}" if old is not None else f"{key} — → {new}")
    env = current_env()
    changes = "; ".join(parts)
    if name:
        changes = f"「{name}」({result.item_id}) {changes}"
    print(
        message("edit.updated", {"file": str(result.path), "changes": changes}, lang),
        file=env.stderr,
    )


IdOrNameArg = Annotated[
    str,
    typer.Argument(
        help="The item: its id, its exact name or an unambiguous part of it (厕所).",
        show_default=False,
    ),
]


def resolve_item(root: Path, year: int, text: str) -> Item:
    """The item `text` names: an id is found without loading the ledger."""
    import re

    from plancheck.read.lookup import resolve
    from plancheck.write.actuals import item_by_id

    if re.fullmatch(r"[A-Za-z0-9_-]+", text):
        item = item_by_id(root, year, text)
        if item is not None:
            return item
    book = open_ledger(root, None)
    return resolve(book.items_of(year), text, year)


@handle_errors
def update(
    what: Annotated[
        list[str],
        typer.Argument(
            help="ITEM VALUE (the item by id, name or part of its name; the year-to-date "
            "value 1-N月累计, may carry a unit: 3956万元, 2.4亿, 85.1%), or several "
            "NAME=VALUE at once (one transaction).",
            show_default=False,
        ),
    ],
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            help="YYYY-MM the value is for (default: the month after the year's latest).",
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The item's year (default: working year).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="The month's remark, kept beside the month.")
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why a recorded month is corrected (default: the note)."),
    ] = None,
    allow_decrease: Annotated[
        bool, typer.Option("--allow-decrease", help="Accept a value below an earlier month's.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Record a value that looks like a slip (>10× last month, >5× the target, "
            "a 万/亿 slip).",
        ),
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
    """Record this month's year-to-date value of targets (or a milestone's state)."""
    from plancheck.commands.defaults import edit_year, entry_defaults, say
    from plancheck.model import MilestoneState
    from plancheck.write import batch, edit

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    batch.recover_pending(root)  # a collect killed half-way is finished first
    if any("=" in w for w in what):
        _update_many(root, what, month, year, note, force, lang, allow_decrease)
        return
    if len(what) > 2:
        raise UsageError("item.pair", text=" ".join(what))
    text, value = what[0], (what[1] if len(what) > 1 else None)
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
        if date is not None or month is not None:
            when_text = date if date is not None else month
            assert when_text is not None
            try:
                when = parse_as_of(when_text)  # YYYY-MM-DD, or YYYY-MM for the month's end
            except PlancheckError:
                key = "--date" if date is not None else "--month"
                raise UsageError("value.date", key=key, value=when_text) from None
        the_year = year or (when.year if when else None)
        if the_year is None:
            the_year = edit_year(root, text)
            say(lang, the_year)
        item = resolve_item(root, the_year, text)
        result = edit.set_milestone(root, item.id, the_year, new_state, when, note)
    elif value is None:
        raise UsageError("edit.need_value_or_state")
    else:
        year, month, said = entry_defaults(root, year, month, text)
        if said:
            say(lang, year or int(month[:4]), month)
        the_year = year or _year_of(month, env.current_date().year)
        item = resolve_item(root, the_year, text)
        if not force:
            _guard(item, month, value)
        result = edit.record_actual(
            root,
            item.id,
            value,
            month=month,
            year=year,
            today=env.current_date(),
            allow_decrease=allow_decrease,
            note=note,
            reason=reason,
        )
    _report_figure(result, item, lang)


def _report_figure(result: object, item: Item, lang: str) -> None:
    """The confirmation of a figure, in the one style of every update: the item, the month,
    before → after (as `update NAME=VALUE …` and `collect` print it); a note on its own line."""
    import re

    from plancheck.messages import message
    from plancheck.write.edit import EditResult

    assert isinstance(result, EditResult)

    def rate(text: str | None) -> str:
        if text is None:
            return "—"
        return f"{text}%" if text.startswith("-") else f"+{text}%"

    def shown(text: str | None) -> str:
        if text is None:
            return "—"
        return text + item.unit if re.fullmatch(r"-?[\d.]+", text) else text

    name = f"「{item.name}」({item.id})"
    stderr = current_env().stderr
    corrected = {k[10:]: new for k, _, new in result.changes if k.startswith("corrected.")}
    for key, old, new in result.changes:
        if key.startswith("history."):
            args = {"item": name, "month": key[8:], "before": shown(old), "after": shown(new)}
            code = "update.changed"
            if key[8:] in corrected:
                code = "update.corrected" if corrected[key[8:]] else "update.corrected_bare"
                args["reason"] = corrected[key[8:]]
            print(message(code, args, lang), file=stderr)
        elif key.startswith("growth."):
            args = {"item": name, "month": key[7:], "before": rate(old), "after": rate(new)}
            code = "update.growth"
            if key[7:] in corrected:
                code = "update.growth_corrected"
                args["reason"] = corrected[key[7:]] or "—"
            print(message(code, args, lang), file=stderr)
        elif key == "note":
            args = {"item": name, "before": old or "—", "after": new}
            print(message("update.note", args, lang), file=stderr)
        elif item.kind.value == "milestone":  # its state and dates, in the same style
            args = {"item": name, "month": key, "before": old or "—", "after": new}
            print(message("update.changed", args, lang), file=stderr)


def month_key(text: str, year: int | None) -> str:
    """YYYY-MM of --month (refused when malformed or outside --year)."""
    import re

    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise UsageError("value.month", key="--month", value=text)
    if year is not None and int(m.group(1)) != year:
        raise UsageError("value.month_year", month=text, year=year)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def _year_of(month: str, default: int) -> int:
    head = month.strip()[:4]
    return int(head) if head.isdigit() else default


def _guard(item: Item, month: str, value: str) -> None:
    """Refuse a value that looks like a slip (see write/figures.py)."""
    from plancheck.write.figures import FigureError, implausible, read_figure

    try:
        number = read_figure(item, value)
        month = month_key(month, None)
    except (FigureError, PlancheckError):
        return  # the editor refuses it with its own located message
    doubt = implausible(item, month, number)
    if doubt is not None:
        raise UsageError(doubt.code, (), **doubt.args)


def _update_many(
    root: Path,
    pairs: list[str],
    month: str | None,
    year: int | None,
    note: str | None,
    force: bool,
    lang: str,
    allow_decrease: bool = False,
) -> None:
    """NAME=VALUE … for one month, checked together and written as one transaction."""
    from plancheck.commands.defaults import entry_defaults, say
    from plancheck.read.lookup import resolve
    from plancheck.write import edit
    from plancheck.write.actuals import Figure
    from plancheck.write.figures import FigureError, read_figure

    env = current_env()
    if month is None:  # the one rule: the month after the working year's latest
        chosen_year, month, _ = entry_defaults(root, year, None)
        say(lang, chosen_year or int(month[:4]), month)
    the_month = month_key(month, year)
    the_year = int(the_month[:4])
    book = open_ledger(root, lang)
    items = book.items_of(the_year)
    figures: list[Figure] = []
    rates: list[tuple[Item, str]] = []  # stated growth rates of growth items (+7.1%)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError("item.pair", text=pair)
        item = resolve(items, name, the_year)
        if _is_rate(item, value):
            rates.append((item, value.strip()))
            continue
        try:
            number = read_figure(item, value.strip(), book.settings.units)
        except FigureError as exc:
            raise UsageError(exc.code, (), **exc.args_) from None
        figures.append(Figure(item, the_month, number, note or "", None, pair, as_typed=True))
    _check_rates(rates)
    if figures:
        _record_levels(root, figures, force, allow_decrease, lang)
    for item, value in rates:  # after the levels, which are the ones refused in practice
        done = edit.record_actual(
            root, item.id, value, month=the_month, today=env.current_date(), note=note
        )
        _report_figure(done, item, lang)


def _record_levels(
    root: Path, figures: list[Figure], force: bool, allow_decrease: bool, lang: str
) -> None:
    """The levels of NAME=VALUE …, as one transaction, each change said."""
    from plancheck.messages import message
    from plancheck.write.actuals import record_figures
    from plancheck.write.block import toml_number

    env = current_env()
    outcome = record_figures(
        root,
        figures,
        corrections=True,
        force=force,
        reason_needed=False,
        decreases=allow_decrease,
        via="update",
    )
    for c in outcome.changes:
        args = {
            "item": f"「{c.item.name}」({c.item.id})",
            "month": c.month,
            "before": c.before,
            "after": c.after,
        }
        print(message("update.changed", args, lang), file=env.stderr)
    for f in outcome.unchanged:
        args = {
            "item": f"「{f.item.name}」({f.item.id})",
            "month": f.month,
            "value": f"{toml_number(f.value)}{f.item.unit}",
        }
        print(message("update.same", args, lang), file=env.stderr)


def _is_rate(item: Item, value: str) -> bool:
    """Whether VALUE is a stated growth rate (+7.1%) for a growth item."""
    return item.kind.value == "growth" and value.strip().endswith(("%", "％"))


def _check_rates(rates: list[tuple[Item, str]]) -> None:
    """Refuse a malformed rate before anything is written."""
    from plancheck.units import parse_quantity

    for item, value in rates:
        try:
            parse_quantity(value)
        except ValueError:
            raise UsageError("item.pair", text=f"{item.name}={value}") from None


@handle_errors
def set_target(
    item_id: IdOrNameArg,
    value: Annotated[
        str,
        typer.Argument(
            help="The target, may carry a unit: 39, 1.2亿元; a growth rate: 8%, -3% (a fall)."
        ),
    ],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The item's year (default: working year).")
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why it was revised (调整原因); required for a revision."),
    ] = None,
    from_month: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="YYYY-MM from which a revised target applies "
            "(default: the month after the year's latest recorded month; January before "
            "any figure).",
        ),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Give a plan item its target, or revise one (调整目标) from a month on; the original
    and every revision are kept."""
    from plancheck.commands.defaults import entry_defaults, say
    from plancheck.write import batch, edit

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    batch.recover_pending(root)
    if from_month is not None and year is None:
        year = int(from_month[:4]) if from_month[:4].isdigit() else None
    the_year, month, said = entry_defaults(root, year, from_month, item_id, revision=True)
    if the_year is None:
        raise UsageError("value.month", key="--from", value=from_month)
    if said:
        say(lang, the_year, month)
    item = resolve_item(root, the_year, item_id)
    if not reason:  # a first target needs none; a revision (调整目标) says why
        planned = edit.set_target(
            root, item.id, the_year, value, from_month=month, today=env.current_date(),
            dry_run=True,
        )  # fmt: skip
        if any(key == "revisions" for key, _, _ in planned.changes):
            raise UsageError("edit.revision_reason", item=f"「{item.name}」({item.id})")
    result = edit.set_target(
        root, item.id, the_year, value, reason, from_month=month, today=env.current_date()
    )
    _report(result, lang, item.name)
