"""`plancheck add`: one new target, asked for field by field, appended safely.

Every field can be given as an option.  When the name, the kind or (except for
milestones) the unit is missing, `add` asks for every field not given, checking each answer
as it is typed (a wrong answer is explained and asked again); when they are all given, it
asks nothing, for scripts.  Answers may come from standard input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from plancheck.commands.common import LangOpt, LedgerOpt, current_env, handle_errors, ledger_path
from plancheck.commands.dataio import ledger_lang, say
from plancheck.errors import PlancheckError, UsageError

T = TypeVar("T")


def _ask(lang: str, code: str, parse: Callable[[str], T], default: str = "", **args: str) -> T:
    """Ask until `parse` accepts the answer (its message is shown otherwise)."""
    from plancheck.messages import message

    def proc(text: str) -> T:
        try:
            return parse(text)
        except PlancheckError as exc:
            raise typer.BadParameter(message(exc.code, exc.args_, lang)) from None

    value: T = typer.prompt(
        message(code, args, lang),
        default=default,
        value_proc=proc,
        err=True,
        show_default=bool(default),
    )
    return value


def _default_year(root: Path, fallback: int) -> int:
    """The ledger's latest year folder with a file, else `fallback`."""
    years = [
        int(p.name)
        for p in root.glob("[0-9][0-9][0-9][0-9]")
        if p.is_dir() and any(p.rglob("*.toml"))
    ]
    return max(years) if years else fallback


def _suggested_id(root: Path, year: int, name: str, taken: set[str]) -> str:
    """An item of the same name in another year lends its id; else one made from the name."""
    from plancheck.ids import base_id, normalize_name, unique_id
    from plancheck.read.load import LedgerError, load_ledger

    try:
        items = load_ledger(root).items
    except LedgerError:
        items = ()
    key = normalize_name(name)
    for item in sorted(items, key=lambda i: abs(i.year - year)):
        if item.year != year and normalize_name(item.name) == key and item.id not in taken:
            return item.id
    return unique_id(base_id(name), taken)


@handle_errors
def add(
    name: Annotated[str | None, typer.Option("--name", help="What is measured (目标任务).")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="amount, growth, rate, milestone or indicator (or 1–5)."),
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="The unit: 万元, 户, % …")] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", help="The target (growth: in %), may carry a unit: 1.2亿元."),
    ] = None,
    direction: Annotated[
        str | None, typer.Option("--direction", help="up (default) or down (lower is better).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="Milestones: YYYY-MM or YYYY-MM-DD.")
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Owner (责任单位): its name or number in the list."),
    ] = None,
    section: Annotated[str | None, typer.Option("--section", help="Section (板块).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remark.")] = None,
    item_id: Annotated[
        str | None, typer.Option("--id", help="The id (default: made from the name).")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", help="The year's file to append to (default targets.toml)."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The year (default: the ledger's latest).")
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Add a target: asks for each field not given as an option, checking every answer."""
    from plancheck.messages import message
    from plancheck.model import Direction, Kind
    from plancheck.tables import entry
    from plancheck.write import append

    env = current_env()
    root = ledger_path(ledger, env)
    settings = append.read_settings(root)
    lang = ledger_lang(lang, settings)
    the_year = year or _default_year(root, env.current_date().year)
    append.year_file(root, the_year, file)  # refuse a bad --file before asking anything
    taken = set(append.year_ids(root, the_year))

    def given(value: str | None, parse: Callable[[str], Any]) -> Any:
        return None if value is None else parse(value)

    # Options that do not depend on the kind are checked before anything is asked.
    k: Kind | None = given(kind, entry.parse_kind)
    owners = settings.owners
    the_owner = given(owner, lambda t: entry.parse_owner(t, owners))
    the_direction = given(direction, entry.parse_direction)
    the_id = given(item_id, lambda t: entry.parse_id(t, taken))
    interactive = name is None or k is None or (k is not Kind.MILESTONE and unit is None)
    try:
        the_name: str = given(name, entry.parse_name) or _ask(
            lang, "add.ask_name", entry.parse_name
        )
        if k is None:
            choices = f"({entry.kind_choices(lang)})"
            k = _ask(lang, "add.ask_kind", entry.parse_kind, "1", choices=choices)
        the_unit = ""
        if k is not Kind.MILESTONE:
            the_unit = given(unit, lambda t: entry.parse_unit(t, settings)) or ""
            if not the_unit:
                from plancheck.units import unit_table

                say("add.units", lang, units=" ".join(unit_table(settings.units)))
                the_unit = _ask(
                    lang,
                    "add.ask_unit",
                    lambda t: entry.parse_unit(t, settings),
                    "%" if k is Kind.RATE else "",
                )
        if the_direction is None:
            the_direction = Direction.UP
            if interactive and k in (Kind.AMOUNT, Kind.RATE):
                the_direction = _ask(lang, "add.ask_direction", entry.parse_direction, "up")
        if target is not None and k is Kind.INDICATOR:
            raise UsageError("indicator.has_target")
        if target is not None and k is Kind.MILESTONE:
            raise UsageError("milestone.no_numbers", key="--target")
        if due is not None and k is not Kind.MILESTONE:
            raise UsageError("milestone.only_milestone", key="--due")
        the_target = None
        the_due = None
        if k is Kind.MILESTONE:
            the_due = given(due, lambda t: entry.parse_due(t, the_year))
            if the_due is None and due is None and interactive:
                the_due = _ask(lang, "add.ask_due", lambda t: entry.parse_due(t, the_year))
        elif k is not Kind.INDICATOR:
            parse_target = lambda t: entry.parse_target(t, k, the_unit, settings)  # noqa: E731
            the_target = given(target, parse_target)
            if target is None and interactive:
                code = "add.ask_growth" if k is Kind.GROWTH else "add.ask_target"
                the_target = _ask(lang, code, parse_target, unit=the_unit)
        if owner is None and interactive:
            if owners:
                listed = "  ".join(f"{n}) {o}" for n, o in enumerate(owners, start=1))
                say("add.owners", lang, owners=listed)
            the_owner = _ask(lang, "add.ask_owner", lambda t: entry.parse_owner(t, owners))
        the_section = section or ""
        if section is None and interactive:
            the_section = _ask(lang, "add.ask_section", lambda t: " ".join(t.split()))
        if the_id is None:
            suggestion = _suggested_id(root, the_year, the_name, taken)
            the_id = suggestion
            if interactive:
                the_id = _ask(lang, "add.ask_id", lambda t: entry.parse_id(t, taken), suggestion)
        the_note = note or ""
        if note is None and interactive:
            the_note = _ask(lang, "add.ask_note", lambda t: t.strip())
    except typer.Abort:
        raise UsageError("add.aborted") from None
    table = entry.item_table(
        name=the_name,
        kind=k,
        unit=the_unit,
        direction=the_direction,
        target=the_target,
        due=the_due,
        owner=the_owner or "",
        section=the_section,
        note=the_note,
    )
    header = "# " + message(
        "append.header", {"entity": settings.entity, "year": str(the_year)}, lang
    )
    result = append.append_items(
        root, the_year, [append.NewItem(the_id, table)], file=file, header=header
    )
    say("add.added", lang, id=the_id, file=result.path)
    if k not in (Kind.MILESTONE,):
        flag = "" if ledger is None else f" --ledger {root}"
        say(
            "add.next", lang, command=f"plancheck update {the_id} VALUE --month {the_year}-MM{flag}"
        )
