"""Records of one quantity for `plancheck check`: recorded twice, or carried over (pure).

Owns the `same_as` rules (the same quantity recorded twice, compared at the precision of the
less precise record, or milestones by date or state) and the `carried_from` rules (the
origin exists, and what is carried is what remained of it).  The rules are described in
plancheck.check.rules.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plancheck.check.base import FIELDS, Context, Finding, Findings, field_value, latest_actual
from plancheck.check.precision import figure, same
from plancheck.model import Direction, Item, Kind, Severity
from plancheck.periods import dated_month
from plancheck.units import UnitError

_CARRIED = re.compile(r"^(\d{4})/([a-z0-9][a-z0-9_-]*)$")


def check_same_as(ctx: Context) -> list[Finding]:
    """The same quantity recorded twice (`same_as`): the records must agree."""
    found = Findings(ctx)
    seen: set[frozenset[str]] = set()
    for item in ctx.items():
        if item.same_as:
            _check_same_as(found, item, seen)
    return found


def check_carried(ctx: Context) -> list[Finding]:
    """Carried over (结转, `carried_from`): the origin exists, and what is carried is what
    remained of it."""
    found = Findings(ctx)
    for item in ctx.items():
        if item.carried_from:
            _check_carried(found, item)
    return found


def _check_same_as(found: Findings, item: Item, seen: set[frozenset[str]]) -> None:
    ref_id, _, field = item.same_as.partition(".")
    other = found.ctx.index.get((item.year, ref_id))
    if other is None:
        found.add(item, "same_as", "check.ref_unknown", {"ref": ref_id, "year": item.year})
        return
    if field and field not in FIELDS:
        found.add(item, "same_as", "check.ref_field", {"ref": item.same_as})
        return
    field = field or "actual"
    pair = frozenset((f"{item.id}.actual", f"{other.id}.{field}"))
    if other is item or pair in seen:
        return
    seen.add(pair)
    args = {"ref": item.same_as, "unit": item.unit or "—", "other": other.unit or "—"}
    if (item.kind is Kind.MILESTONE) != (other.kind is Kind.MILESTONE):
        found.add(item, "same_as", "check.units", args)
    elif item.kind is Kind.MILESTONE:
        _same_milestone(found, item, other)
    else:
        mine, theirs = latest_actual(item), field_value(other, field)
        if mine is None or theirs is None:
            return
        try:
            here = figure(theirs, found.ctx.unit(other.unit), found.ctx.unit(item.unit))
        except UnitError:
            found.add(item, "same_as", "check.units", args)
            return
        if same(figure(mine), here):
            return
        # Different values at different dates may both be right: a warning.
        when, other_when = dated_month(item), dated_month(other) if field == "actual" else None
        code, severity = "check.same_as_differs", Severity.ERROR
        if when != other_when:
            code, severity = "check.same_as_dates", Severity.WARNING
        # An undated actual is the year's figure: shown as the year.
        dates = {"date": when or str(item.year), "other_date": other_when or str(other.year)}
        args = {"ref": item.same_as, **dates}
        found.add(
            item,
            "same_as",
            code,
            args,
            severity=severity,
            stated=mine,
            computed=here.value,
            unit=item.unit,
        )


def _same_milestone(found: Findings, item: Item, other: Item) -> None:
    """Two records of one milestone: the done dates (at the coarser of the two) or states."""
    mine, theirs = item.done_text, other.done_text
    if not (mine and theirs):
        mine = item.state.value if item.state else ""
        theirs = other.state.value if other.state else ""
    width = min(len(mine), len(theirs))
    if mine and theirs and mine[:width] != theirs[:width]:
        args = {"ref": other.id}
        found.add(item, "same_as", "check.same_as_differs", args, stated=mine, computed=theirs)


def _check_carried(found: Findings, item: Item) -> None:
    args = {"value": item.carried_from}
    m = _CARRIED.match(item.carried_from)
    if m is None or int(m.group(1)) >= item.year:
        found.add(item, "carried_from", "check.carried_format", args)
        return
    origin = found.ctx.index.get((int(m.group(1)), m.group(2)))
    if origin is None:
        found.add(item, "carried_from", "check.carried_missing", args)
        return
    actual = latest_actual(origin)
    if origin.kind is not Kind.AMOUNT or origin.target is None or actual is None:
        return
    if origin.direction is Direction.DOWN:
        gap = max(actual - origin.target, Decimal(0))
    else:
        gap = max(origin.target - actual, Decimal(0))
    # What is carried is what remains: the target of an item counting what gets done,
    # the baseline of one counting down what is left (direction = "down").
    key = "baseline" if item.direction is Direction.DOWN else "target"
    carried = field_value(item, key)
    if carried is None:
        return
    try:
        here = figure(gap, found.ctx.unit(origin.unit), found.ctx.unit(item.unit))
    except UnitError:
        args = {"ref": item.carried_from, "unit": item.unit, "other": origin.unit}
        found.add(item, "carried_from", "check.units", args)
        return
    if not same(figure(carried), here):
        found.add(
            item,
            "carried_from",
            "check.carried_changed",
            {**args, "key": key},
            severity=Severity.WARNING,
            stated=carried,
            computed=here.value,
            unit=item.unit,
        )
