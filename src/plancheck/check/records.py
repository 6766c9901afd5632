"""Records of one quantity for `plancheck check`: recorded twice, or carried over (pure).

Owns the `same_as` rules (the same quantity recorded twice, compared at the precision of the
less precise record, or milestones by date or state) and the `carried_from` rules (the
origin exists, and what is carried is what remained of it).  The rules are described in
plancheck.check.run.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plancheck.check.base import _FIELDS, _actual, _field, _Rules
from plancheck.check.precision import _figure, _same
from plancheck.model import Direction, Item, Kind, Severity
from plancheck.units import UnitError

_CARRIED = re.compile(r"^(\d{4})/([a-z0-9][a-z0-9_-]*)$")


def _month(item: Item) -> str | None:
    """ "YYYY-MM" the actual refers to, when dated."""
    return item.history[-1][0] if item.history else item.reported


class _RecordRules(_Rules):
    """The same_as and carried_from rules of the checker (plancheck.check.run._Checker)."""

    # -- the same quantity twice

    def check_same_as(self, item: Item, seen: set[frozenset[str]]) -> None:
        ref_id, _, field = item.same_as.partition(".")
        other = self.index.get((item.year, ref_id))
        if other is None:
            self.add(item, "same_as", "check.ref_unknown", {"ref": ref_id, "year": item.year})
            return
        if field and field not in _FIELDS:
            self.add(item, "same_as", "check.ref_field", {"ref": item.same_as})
            return
        field = field or "actual"
        pair = frozenset((f"{item.id}.actual", f"{other.id}.{field}"))
        if other is item or pair in seen:
            return
        seen.add(pair)
        args = {"ref": item.same_as, "unit": item.unit or "—", "other": other.unit or "—"}
        if (item.kind is Kind.MILESTONE) != (other.kind is Kind.MILESTONE):
            self.add(item, "same_as", "check.units", args)
        elif item.kind is Kind.MILESTONE:
            self.same_milestone(item, other)
        else:
            mine, theirs = _actual(item), _field(other, field)
            if mine is None or theirs is None:
                return
            try:
                here = _figure(theirs, self.unit(other.unit), self.unit(item.unit))
            except UnitError:
                self.add(item, "same_as", "check.units", args)
                return
            if _same(_figure(mine), here):
                return
            # Different values at different dates may both be right: a warning.
            when, other_when = _month(item), _month(other) if field == "actual" else None
            code, severity = "check.same_as_differs", Severity.ERROR
            if when != other_when:
                code, severity = "check.same_as_dates", Severity.WARNING
            # An undated actual is the year's figure: shown as the year.
            dates = {"date": when or str(item.year), "other_date": other_when or str(other.year)}
            args = {"ref": item.same_as, **dates}
            self.add(
                item,
                "same_as",
                code,
                args,
                severity=severity,
                stated=mine,
                computed=here.value,
                unit=item.unit,
            )

    def same_milestone(self, item: Item, other: Item) -> None:
        """Two records of one milestone: the done dates (at the coarser of the two) or states."""
        mine, theirs = item.done_text, other.done_text
        if not (mine and theirs):
            mine = item.state.value if item.state else ""
            theirs = other.state.value if other.state else ""
        width = min(len(mine), len(theirs))
        if mine and theirs and mine[:width] != theirs[:width]:
            args = {"ref": other.id}
            self.add(item, "same_as", "check.same_as_differs", args, stated=mine, computed=theirs)

    # -- carried over (结转)

    def check_carried(self, item: Item) -> None:
        args = {"value": item.carried_from}
        m = _CARRIED.match(item.carried_from)
        if m is None or int(m.group(1)) >= item.year:
            self.add(item, "carried_from", "check.carried_format", args)
            return
        origin = self.index.get((int(m.group(1)), m.group(2)))
        if origin is None:
            self.add(item, "carried_from", "check.carried_missing", args)
            return
        actual = _actual(origin)
        if origin.kind is not Kind.AMOUNT or origin.target is None or actual is None:
            return
        if origin.direction is Direction.DOWN:
            gap = max(actual - origin.target, Decimal(0))
        else:
            gap = max(origin.target - actual, Decimal(0))
        # What is carried is what remains: the target of an item counting what gets done,
        # the baseline of one counting down what is left (direction = "down").
        key = "baseline" if item.direction is Direction.DOWN else "target"
        carried = _field(item, key)
        if carried is None:
            return
        try:
            here = _figure(gap, self.unit(origin.unit), self.unit(item.unit))
        except UnitError:
            args = {"ref": item.carried_from, "unit": item.unit, "other": origin.unit}
            self.add(item, "carried_from", "check.units", args)
            return
        if not _same(_figure(carried), here):
            self.add(
                item,
                "carried_from",
                "check.carried_changed",
                {**args, "key": key},
                severity=Severity.WARNING,
                stated=carried,
                computed=here.value,
                unit=item.unit,
            )
