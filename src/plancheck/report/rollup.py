"""Roll-up across entities: a county's items from its townships' (pure).

Items of several entities that share an id, a kind, a direction and a dimension of unit
are summed into one item, and completion is then computed on the sums: that is how a
county adds up its townships' targets.  A sum is only as known as its parts — when one
township has not reported, the summed actual is absent, not the sum of the others.
Items that cannot be summed (rates, milestones, mixed kinds or units) stay per entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from plancheck.model import Item, Kind, Reporting
from plancheck.periods import value_at
from plancheck.units import KNOWN_UNITS, convert
from plancheck.written import Written

SUMMABLE = (Kind.AMOUNT, Kind.INDICATOR, Kind.GROWTH)
TOTAL = "合计"
"""The entity name of a summed item."""


def _summable(group: list[Item]) -> bool:
    first = group[0]
    if first.kind not in SUMMABLE or len({i.entity for i in group}) != len(group):
        return False
    unit = KNOWN_UNITS.get(first.unit)
    for item in group:
        other = KNOWN_UNITS.get(item.unit)
        if item.kind is not first.kind or item.direction is not first.direction:
            return False
        if item.reporting is not first.reporting:
            return False
        if item.unit != first.unit and (
            unit is None or other is None or other.dimension != unit.dimension
        ):
            return False
        if first.kind is Kind.GROWTH and item.target_growth_pct != first.target_growth_pct:
            return False
    return True


def _in_unit(item: Item, unit: str, value: Decimal | None) -> Decimal | None:
    if value is None or item.unit == unit:
        return value
    return convert(value, KNOWN_UNITS[item.unit], KNOWN_UNITS[unit])


def _unit_of(group: list[Item]) -> str:
    """The unit most members use; on a tie the larger one (亿元 over 万元) reads better."""
    counts: dict[str, int] = {}
    for item in group:
        counts[item.unit] = counts.get(item.unit, 0) + 1
    return max(
        counts, key=lambda u: (counts[u], KNOWN_UNITS[u].factor if u in KNOWN_UNITS else Decimal(1))
    )


def _total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum; unknown (None) when any part is unknown."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _summed_history(group: list[Item], unit: str) -> list[tuple[str, Decimal]]:
    """The members' histories summed month by month, in `unit`.

    A month's value missing counts as nothing when months are reported on their own; a
    year-to-date total counts only for a month every member reported (`value_at` dated that
    month): an earlier month's figure would understate the sum without saying so.
    """
    months = sorted({m for item in group for m, _ in item.history})
    if group[0].reporting is Reporting.MONTHLY:
        per_month = [dict(item.history) for item in group]
        return [
            (m, sum((_in_unit(i, unit, h.get(m, Decimal(0))) or Decimal(0) for i, h in
                     zip(group, per_month, strict=True)), Decimal(0)))
            for m in months
        ]  # fmt: skip
    history = []
    for month in months:
        values = [value_at(item, month) for item in group]
        if all(i.history and dated == month for i, (_, dated) in zip(group, values, strict=True)):
            summed = _total(_in_unit(i, unit, v) for i, (v, _) in zip(group, values, strict=True))
            if summed is not None:
                history.append((month, summed))
    return history


def combine(group: list[Item]) -> Item:
    """One item whose figures are the sums of the group's (all in the most used unit); a sum
    with an unknown part is unknown (None)."""
    first = group[0]
    unit = _unit_of(group)
    has_history = any(item.history for item in group)
    history = _summed_history(group, unit) if has_history else []
    reported = [item.reported for item in group if item.reported]
    names = {item.name for item in group}
    owners = {item.owner for item in group}
    weights = [item.weight for item in group]
    return replace(
        first,
        unit=unit,
        entity=TOTAL,
        name=first.name if len(names) == 1 else f"{first.name}等",
        owner=first.owner if len(owners) == 1 else "",
        target=_total(_in_unit(i, unit, i.target) for i in group),
        original_target=None,
        original_target_growth_pct=None,
        actual=(
            (history[-1][1] if history else None)
            if has_history
            else _total(_in_unit(i, unit, i.actual) for i in group)
        ),
        baseline=_total(_in_unit(i, unit, i.baseline) for i in group),
        history=tuple(history),
        reported=max(reported) if len(reported) == len(group) else None,
        plan=(),
        parts=(),
        claims=(),
        same_as="",
        carried_from="",
        weight=_total(weights),
        note="",
        written=_shared_written(group),
        standing=(),
        completion_stated=None,
        target_derived=any(item.target_derived for item in group),
        real_growth=all(item.real_growth for item in group),
    )


def _shared_written(group: list[Item]) -> tuple[tuple[str, Written], ...]:
    """The growth rates written alike by every member (增长10%左右 for all); an amount as
    written (300个以上) does not hold for the sum."""
    first = group[0]
    return tuple(
        (key, figure)
        for key, figure in first.written
        if key.endswith("_growth_pct") and all(i.written_of(key) == figure for i in group)
    )


def roll_up(items: Iterable[Item]) -> list[Item]:
    """The items of several entities as a county sees them: summed where they can be."""
    groups: dict[tuple[int, str], list[Item]] = defaultdict(list)
    order: list[tuple[int, str]] = []
    for item in items:
        key = (item.year, item.id)
        if key not in groups:
            order.append(key)
        groups[key].append(item)
    out: list[Item] = []
    for key in order:
        group = groups[key]
        if len(group) > 1 and _summable(group):
            out.append(combine(group))
        else:
            out.extend(group)
    return out
