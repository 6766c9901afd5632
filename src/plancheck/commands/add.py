"""`plancheck add`: one new target, asked for field by field, appended safely.

Every field can be given as an option.  When the name, the kind or (except for
milestones) the unit is missing, `add` asks for every field not given, checking each answer
as it is typed (a wrong answer is explained and asked again); when they are all given, it
asks nothing, for scripts.  Answers may come from standard input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from plancheck.commands.common import LangOpt, LedgerOpt, current_env, handle_errors, ledger_path
from plancheck.commands.dataio import ledger_lang, say
from plancheck.errors import PlancheckError, UsageError
from plancheck.model import Direction, Kind

if TYPE_CHECKING:
    from plancheck.model import Settings
    from plancheck.write.append import NewItem

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
    from plancheck.read.load import LedgerError, load_ledger
    from plancheck.tables.ids import base_id, normalize_name, unique_id

    try:
        items = load_ledger(root).items
    except LedgerError:
        items = ()
    key = normalize_name(name)
    for item in sorted(items, key=lambda i: abs(i.year - year)):
        if item.year != year and normalize_name(item.name) == key and item.id not in taken:
            return item.id
    return unique_id(base_id(name), taken)


def _shell_word(text: str) -> str:
    """`text` as one word of a shell command: quoted when it has spaces or shell signs."""
    import re

    if re.search(r"[\s'\"$`\\|&;<>()*?!#~]", text):
        return "'" + text.replace("'", "'\\''") + "'"
    return text


def _with_extra(table: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The item's keys with the extra ones after its target (before owner and note)."""
    if not extra:
        return table
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("due", "owner", "section", "note") and extra:
            out.update(extra)
            extra = {}
        out[key] = value
    out.update(extra)
    return out


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
        int | None, typer.Option("--year", "-y", help="The year (default: the working year).")
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="Last year's value (上年/基数), may carry a unit."),
    ] = None,
    actual: Annotated[
        str | None,
        typer.Option("--actual", help="The value reached so far (growth items: 8.0% for a rate)."),
    ] = None,
    phasing: Annotated[
        str | None,
        typer.Option("--phasing", help="linear (default for amounts), year_end or level."),
    ] = None,
    weight: Annotated[str | None, typer.Option("--weight", help="分值, for scoring.")] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Add a target: asks for each field not given as an option, checking every answer."""
    import dataclasses

    from plancheck.commands.defaults import plan_year
    from plancheck.commands.defaults import say as say_defaults
    from plancheck.model import Kind
    from plancheck.tables.entry import extra_keys
    from plancheck.write import append

    env = current_env()
    root = ledger_path(ledger, env)
    settings = append.read_settings(root)
    lang = ledger_lang(lang, settings)
    the_year = year or plan_year(root) or _default_year(root, env.current_date().year)
    if year is None:
        say_defaults(lang, the_year)
    append.year_file(root, the_year, file)  # refuse a bad --file before asking anything
    ask = _Asking(root, settings, lang, the_year)
    given = _Given(name, kind, unit, target, direction, due, owner, section, note, item_id)
    try:
        entry = ask.entry(given)
    except typer.Abort:
        raise UsageError("add.aborted") from None
    extra = extra_keys(
        entry.kind, entry.unit, settings,
        baseline=baseline, actual=actual, phasing=phasing, weight=weight,
    )  # fmt: skip
    new = entry.new_item()
    new = dataclasses.replace(new, table=_with_extra(new.table, extra))
    result = append.append_items(root, the_year, [new], file=file, header=ask.header())
    say("add.added", ask.lang, id=entry.item_id, file=result.path)
    if entry.kind is not Kind.MILESTONE:
        flag = "" if ledger is None else f" --ledger {root}"
        named = _shell_word(entry.name) if entry.name else entry.item_id
        update = f"plancheck update {named} VALUE --month {the_year}-MM{flag}"
        say("add.next", ask.lang, command=update)


@dataclass(frozen=True)
class _Given:
    """The options as typed (None: not given)."""

    name: str | None
    kind: str | None
    unit: str | None
    target: str | None
    direction: str | None
    due: str | None
    owner: str | None
    section: str | None
    note: str | None
    item_id: str | None


@dataclass
class _Entry:
    """The new item's fields, each checked."""

    kind: Kind
    name: str = ""
    unit: str = ""
    direction: Direction | None = None
    target: Any = None
    due: Any = None
    owner: str | None = None
    section: str = ""
    item_id: str | None = None
    note: str = ""

    def new_item(self) -> NewItem:
        from plancheck.tables import entry
        from plancheck.write.append import NewItem

        table = entry.item_table(
            name=self.name,
            kind=self.kind,
            unit=self.unit,
            direction=self.direction or Direction.UP,
            target=self.target,
            due=self.due,
            owner=self.owner or "",
            section=self.section,
            note=self.note,
        )
        assert self.item_id is not None
        return NewItem(self.item_id, table)


@dataclass
class _Asking:
    """Checks the options given and asks for the fields missing, in a fixed order."""

    root: Path
    settings: Settings
    lang: str
    year: int
    interactive: bool = False

    def header(self) -> str:
        from plancheck.messages import message

        args = {"entity": self.settings.entity, "year": str(self.year)}
        return "# " + message("append.header", args, self.lang)

    def entry(self, given: _Given) -> _Entry:
        """Every field, from its option or asked for (options that do not depend on the
        kind are checked before anything is asked)."""
        from plancheck.model import Kind
        from plancheck.tables import entry
        from plancheck.write import append

        taken = set(append.year_ids(self.root, self.year))
        owners = self.settings.owners
        kind = _parse(given.kind, entry.parse_kind)
        owner = _parse(given.owner, lambda t: entry.parse_owner(t, owners))
        direction = _parse(given.direction, entry.parse_direction)
        item_id = _parse(given.item_id, lambda t: entry.parse_id(t, taken))
        self.interactive = (
            given.name is None
            or kind is None
            or (kind is not Kind.MILESTONE and given.unit is None)
        )
        name = _parse(given.name, entry.parse_name) or _ask(
            self.lang, "add.ask_name", entry.parse_name
        )
        if kind is None:
            choices = f"({entry.kind_choices(self.lang)})"
            kind = _ask(self.lang, "add.ask_kind", entry.parse_kind, "1", choices=choices)
        new = _Entry(kind, name, owner=owner, direction=direction, item_id=item_id)
        self._measure(new, given)
        self._place(new, given, taken)
        return new

    def _measure(self, new: _Entry, given: _Given) -> None:
        """The unit, direction, target or due date."""
        from plancheck.model import Kind
        from plancheck.tables import entry

        kind, settings, lang = new.kind, self.settings, self.lang
        if kind is not Kind.MILESTONE:
            new.unit = _parse(given.unit, lambda t: entry.parse_unit(t, settings)) or ""
            if not new.unit:
                from plancheck.units import unit_table

                say("add.units", lang, units=" ".join(unit_table(settings.units)))
                new.unit = _ask(
                    lang,
                    "add.ask_unit",
                    lambda t: entry.parse_unit(t, settings),
                    "%" if kind is Kind.RATE else "",
                )
        if new.direction is None:
            new.direction = Direction.UP
            if self.interactive and kind in (Kind.AMOUNT, Kind.RATE):
                new.direction = _ask(lang, "add.ask_direction", entry.parse_direction, "up")
        if given.target is not None and kind is Kind.INDICATOR:
            raise UsageError("indicator.has_target")
        if given.target is not None and kind is Kind.MILESTONE:
            raise UsageError("milestone.no_numbers", key="--target")
        if given.due is not None and kind is not Kind.MILESTONE:
            raise UsageError("milestone.only_milestone", key="--due")
        year = self.year
        if kind is Kind.MILESTONE:
            new.due = _parse(given.due, lambda t: entry.parse_due(t, year))
            if new.due is None and given.due is None and self.interactive:
                new.due = _ask(lang, "add.ask_due", lambda t: entry.parse_due(t, year))
        elif kind is not Kind.INDICATOR:
            unit = new.unit
            parse_target = lambda t: entry.parse_target(t, kind, unit, settings)  # noqa: E731
            new.target = _parse(given.target, parse_target)
            if given.target is None and self.interactive:
                code = "add.ask_growth" if kind is Kind.GROWTH else "add.ask_target"
                new.target = _ask(lang, code, parse_target, unit=unit)

    def _place(self, new: _Entry, given: _Given, taken: set[str]) -> None:
        """The owner, section, id and note."""
        from plancheck.tables import entry

        lang, owners = self.lang, self.settings.owners
        if given.owner is None and self.interactive:
            if owners:
                listed = "  ".join(f"{n}) {o}" for n, o in enumerate(owners, start=1))
                say("add.owners", lang, owners=listed)
            new.owner = _ask(lang, "add.ask_owner", lambda t: entry.parse_owner(t, owners))
        new.section = given.section or ""
        if given.section is None and self.interactive:
            new.section = _ask(lang, "add.ask_section", lambda t: " ".join(t.split()))
        if new.item_id is None:
            suggestion = _suggested_id(self.root, self.year, new.name, taken)
            new.item_id = suggestion
            if self.interactive:
                new.item_id = _ask(
                    lang, "add.ask_id", lambda t: entry.parse_id(t, taken), suggestion
                )
        new.note = given.note or ""
        if given.note is None and self.interactive:
            new.note = _ask(lang, "add.ask_note", lambda t: t.strip())


def _parse(value: str | None, parse: Callable[[str], Any]) -> Any:
    """An option's value checked by `parse`; None when it was not given."""
    return None if value is None else parse(value)
