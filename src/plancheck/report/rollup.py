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

    # One pass over the members: their figures in `unit`, summed; a sum with an unknown
    # part is unknown (None), and stays so.
    monthly = first.reporting is Reporting.MONTHLY
    target: Decimal | None = Decimal(0)
    actual: Decimal | None = Decimal(0)
    baseline: Decimal | None = Decimal(0)
    weight: Decimal | None = Decimal(0)
    month_sums: dict[str, Decimal] = {}
    month_counts: dict[str, int] = {}
    reported: list[str] = []
    names: set[str] = set()
    owners: set[str] = set()
    for item in group:
        same = item.unit == unit
        if target is not None:
            value = item.target if same else _in_unit(item, unit, item.target)
            target = None if value is None else target + value
        if actual is not None:
            value = item.actual if same else _in_unit(item, unit, item.actual)
            actual = None if value is None else actual + value
        if baseline is not None:
            value = item.baseline if same else _in_unit(item, unit, item.baseline)
            baseline = None if value is None else baseline + value
        if weight is not None:
            weight = None if item.weight is None else weight + item.weight
        for month, value in item.history:
            if not same:
                value = convert(value, KNOWN_UNITS[item.unit], KNOWN_UNITS[unit])
            month_sums[month] = month_sums.get(month, Decimal(0)) + value
            month_counts[month] = month_counts.get(month, 0) + 1
        if item.reported:
            reported.append(item.reported)
        names.add(item.name)
        owners.add(item.owner)
    history = []
    for month in sorted(month_sums):
        # a month's value missing counts as nothing when months are reported on their own;
        # a year-to-date total counts only for the month it was reported for: an earlier
        # month's figure would understate the sum without saying so
        if monthly or month_counts[month] == len(group):
            history.append((month, month_sums[month]))
    return replace(
        first,
        unit=unit,
        entity=TOTAL,
        name=first.name if len(names) == 1 else f"{first.name}等",
        owner=first.owner if len(owners) == 1 else "",
        target=target,
        original_target=None,
        original_target_growth_pct=None,
        actual=actual if not month_sums else (history[-1][1] if history else None),
        baseline=baseline,
        history=tuple(history),
        reported=max(reported) if len(reported) == len(group) else None,
        plan=(),
        parts=(),
        claims=(),
        same_as="",
        carried_from="",
        weight=weight,
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
