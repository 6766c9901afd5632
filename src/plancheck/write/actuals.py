"""Recording many year-to-date figures at once (`update A=1 B=2`, `collect`): every figure is
checked first, then all are written as one transaction (write/batch.py), or none is.

A figure equal to the one recorded changes nothing (so re-running is harmless); another
figure for a month already recorded is a correction, accepted only when asked for and with
a reason; a figure that looks like a slip (write/figures.py) is refused unless forced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from plancheck.errors import DataError, PlancheckError
from plancheck.model import Item, Location, MilestoneState, Problem
from plancheck.write.block import toml_number


@dataclass(frozen=True)
class Figure:
    """One year-to-date figure to record."""

    item: Item
    month: str
    """YYYY-MM."""
    value: Decimal
    """In the item's unit."""
    note: str = ""
    """The reason given beside it (a form's 备注): needed for a correction."""
    where: Location | None = None
    """The form row it came from (for messages), or None when typed."""
    key: str = ""
    """How the row names itself in messages (sheet and row, or the typed text)."""
    state: MilestoneState | None = None
    """For a milestone: its new state (then `value` is unused)."""
    date: dt.date | None = None
    """For a milestone: the date it was started or done."""
    as_typed: bool = False
    """The value is recorded as it is, as `update` does (for an item reported month by
    month, the month's own value), instead of as a year-to-date figure (a form's 累计)."""


@dataclass(frozen=True)
class Change:
    """What recording one figure did, as text with the unit ("—": nothing before)."""

    item: Item
    month: str
    before: str
    after: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    """Everything a batch of figures did."""

    changes: tuple[Change, ...]
    unchanged: tuple[Figure, ...]


def ledger_root_of(item: Item) -> Path:
    """The ledger folder (holding plancheck.toml) that the item's file belongs to."""
    from plancheck.read.load import is_ledger

    for folder in item.location.file.resolve().parents:
        if is_ledger(folder):
            return folder
    return item.location.file.resolve().parent.parent


def recorded(item: Item, month: str, as_typed: bool = False) -> Decimal | None:
    """The year-to-date figure recorded for `month`, or None.  (An item reported month by
    month (当月) records each month's own value: its year-to-date figure is their sum.)"""
    history = dict(item.history)
    if month not in history:
        return None
    if item.reporting.value == "monthly" and not as_typed:
        return sum((v for m, v in history.items() if m <= month), Decimal(0))
    return history[month]


def to_record(item: Item, month: str, ytd: Decimal, as_typed: bool = False) -> Decimal:
    """What goes into the history for a year-to-date figure: itself, or for an item
    reported month by month, the month's own value (the figure less the earlier months')."""
    if item.reporting.value != "monthly" or as_typed:
        return ytd
    return ytd - sum((v for m, v in item.history if m < month), Decimal(0))


REFUSALS = {
    "collect": ("collect.decrease", "collect.above_later", "collect.correction_reason"),
    "update": ("edit.decrease", "edit.above_later", "edit.decrease_needs_note"),
}
"""The refusals of a decrease (below an earlier month, above a later one) and of a
correction without its reason, in the words of the command that runs: `collect` names
--corrections and the note column, `update` --allow-decrease and --note."""


def review(
    figures: list[Figure],
    *,
    corrections: bool = False,
    force: bool = False,
    reason_needed: bool = True,
    decreases: bool | None = None,
    via: str = "collect",
) -> list[Problem]:
    """Every reason to refuse a figure, located; empty when all may be recorded.

    `corrections`: a changed figure for a month already recorded may be recorded (with its
    reason when `reason_needed`); `decreases` (default: as `corrections`): a year-to-date
    figure below an earlier month's (or above a later one's) may be recorded, always with
    its reason. `via` ("collect" or "update") chooses the words of the refusals."""
    from plancheck.write.edit import decrease_of
    from plancheck.write.figures import implausible

    allow_decrease = corrections if decreases is None else decreases
    below_code, above_code, reason_code = REFUSALS[via]
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], Figure] = {}

    def refuse(f: Figure, code: str, **args: object) -> None:
        where = f.where or f.item.location
        pairs = tuple((k, str(v)) for k, v in args.items())
        problems.append(Problem(where, f.key or f.item.id, code, pairs))

    for f in figures:
        if f.state is not None:
            continue  # a milestone's state: the editor checks it (dates, order)
        name = f"「{f.item.name}」({f.item.id})"
        twice = (f.item.entity, f.item.id, f.month)
        if twice in seen and seen[twice].value != f.value:
            refuse(f, "collect.twice", item=name, month=f.month)
            continue
        seen[twice] = f
        old = recorded(f.item, f.month, f.as_typed)
        if old is not None and old == f.value:
            continue
        clash = decrease_of(f.item, dict(f.item.history), f.month, f.value)
        if old is not None and not corrections:
            args = {"old": toml_number(old), "new": toml_number(f.value)}
            refuse(f, "collect.correction", item=name, month=f.month, **args)
        elif clash is not None and not allow_decrease:
            below, other, other_value = clash
            args = {"value": toml_number(f.value), "other_value": toml_number(other_value)}
            code = below_code if below else above_code
            refuse(f, code, item=name, month=f.month, other=other, **args)
        elif (clash is not None or (old is not None and reason_needed)) and not f.note:
            refuse(f, reason_code, item=name, month=f.month)
        elif old is None and clash is None:
            doubt = None if force else implausible(f.item, f.month, f.value)
            if doubt is not None:
                refuse(f, doubt.code, **doubt.args)
    return problems


def record_figures(
    top: Path,
    figures: list[Figure],
    *,
    corrections: bool = False,
    force: bool = False,
    reason_needed: bool = True,
    decreases: bool | None = None,
    via: str = "collect",
    dry_run: bool = False,
) -> Outcome:
    """Check every figure, then record them all as one transaction under `top`."""
    from plancheck.write import batch

    batch.recover(top)  # a batch a crash interrupted is finished (or undone) first
    problems = review(
        figures,
        corrections=corrections,
        force=force,
        reason_needed=reason_needed,
        decreases=decreases,
        via=via,
    )
    if problems:
        raise DataError("collect.refused", tuple(problems))
    changes: list[Change] = []
    unchanged: list[Figure] = []
    roots: set[Path] = set()
    with batch.staging() as stage:
        for f in figures:
            if _same(f):
                unchanged.append(f)
                continue
            root = ledger_root_of(f.item)
            roots.add(root)
            stage.hints[f.item.id] = f.item.location.file
            try:
                changes.append(_record(root, f))
            except PlancheckError as exc:
                problems += _located(exc, f)
    if problems:
        raise DataError("collect.refused", tuple(problems))
    batch.verify(stage)
    if not dry_run:
        with contextlib.ExitStack() as locks:
            from plancheck.write.atomic import ledger_lock

            for root in sorted(roots | {top.resolve()}):
                locks.enter_context(ledger_lock(root))
            batch.recover_locked(top.resolve())
            batch.commit_locked(top.resolve(), stage.changes())
    return Outcome(tuple(changes), tuple(unchanged))


def _same(f: Figure) -> bool:
    """Whether the figure is the one recorded already (re-running changes nothing)."""
    if f.state is not None:
        done = f.item.done if f.state is MilestoneState.DONE else f.item.started
        return f.item.state is f.state and (f.date is None or f.date == done)
    return recorded(f.item, f.month, f.as_typed) == f.value


def _record(root: Path, f: Figure) -> Change:
    """Record one figure (staged in the batch being planned)."""
    from plancheck.write import edit

    item = f.item
    if f.state is not None:
        result = edit.set_milestone(root, item.id, item.year, f.state, f.date, f.note or None)
        before = item.state.value if item.state else "—"
        after = f.state.value + (f" {f.date.isoformat()}" if f.date else "")
        return Change(item, f.month, before, after, result.path)
    old = recorded(item, f.month, f.as_typed)
    result = edit.record_actual(
        root,
        item.id,
        toml_number(to_record(item, f.month, f.value, f.as_typed)),
        month=f.month,
        year=item.year,
        allow_decrease=True,  # review() refused every decrease not asked for
        note=(f.note or None) if old is not None or _decrease(f) else None,
    )
    before = f"{toml_number(old)}{item.unit}" if old is not None else "—"
    return Change(item, f.month, before, f"{toml_number(f.value)}{item.unit}", result.path)


def _decrease(f: Figure) -> bool:
    from plancheck.write.edit import decrease_of

    return decrease_of(f.item, dict(f.item.history), f.month, f.value) is not None


def _located(exc: PlancheckError, f: Figure) -> list[Problem]:
    """A refusal from the editor, placed at the form's row when the figure came from one."""
    if f.where is None:
        return list(exc.problems) or [Problem(f.item.location, f.item.id, exc.code, exc.args_)]
    if exc.problems:
        return [Problem(f.where, f.key, p.code, p.args) for p in exc.problems]
    return [Problem(f.where, f.key, exc.code, exc.args_)]


def item_by_id(root: Path, year: int, item_id: str) -> Item | None:
    """The item `item_id` of `year` as the editor reads it (one file), or None."""
    from plancheck.write.block import _open

    try:
        return _open(root, year, item_id).item
    except PlancheckError:
        return None
