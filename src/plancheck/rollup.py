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
from plancheck.units import KNOWN_UNITS, convert

SUMMABLE = (Kind.AMOUNT, Kind.INDICATOR, Kind.GROWTH)
TOTAL = "合计"
"""The entity name of a summed item."""


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


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


def combine(group: list[Item]) -> Item:
    """One item whose figures are the sums of the group's (all in the first one's unit)."""
    first = group[0]
    # The unit most members use; on a tie the larger one (亿元 over 万元) reads better.
    counts: dict[str, int] = {}
    for item in group:
        counts[item.unit] = counts.get(item.unit, 0) + 1
    unit = max(
        counts, key=lambda u: (counts[u], KNOWN_UNITS[u].factor if u in KNOWN_UNITS else Decimal(1))
    )

    def total(field: str) -> Decimal | None:
        return _sum(_in_unit(i, unit, getattr(i, field)) for i in group)

    months = sorted({m for i in group for m, _ in i.history})
    history = []
    for month in months:
        values = []
        for item in group:
            own = dict(item.history).get(month)
            if first.reporting is Reporting.MONTHLY:
                values.append(_in_unit(item, unit, own) if own is not None else Decimal(0))
            else:
                # a year-to-date total counts only for the month it was reported for: an
                # earlier month's figure would understate the sum without saying so
                values.append(_in_unit(item, unit, own) if own is not None else None)
        summed = _sum(values)
        if summed is not None:
            history.append((month, summed))
    reported = [i.reported for i in group if i.reported]
    names = {i.name for i in group}
    return replace(
        first,
        unit=unit,
        entity=TOTAL,
        name=first.name if len(names) == 1 else f"{first.name}等",
        owner=first.owner if len({i.owner for i in group}) == 1 else "",
        target=total("target"),
        original_target=None,
        actual=total("actual") if not months else (history[-1][1] if history else None),
        baseline=total("baseline"),
        history=tuple(history),
        reported=max(reported) if len(reported) == len(group) else None,
        plan=(),
        parts=(),
        claims=(),
        same_as="",
        carried_from="",
        weight=total("weight"),
        note="",
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
