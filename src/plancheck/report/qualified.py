"""Status for targets as reports write them, and for ceilings during the year (pure).

`evaluate_item` computes completion against the target's number; this module then reads
the target as written:

- a range (6%—6.5%) is met from its lower end and exceeded only above its upper end;
- an approximate target (10%左右) is met within the settings' tolerance (`[figures]`:
  half a percentage point for rates and growth, 1 % of the target for amounts);
- a ceiling (控制在2起以内, direction down without a baseline) is not 完成 before the period
  is over: kept under it during the year it is on pace (达序时), and met only at the end.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from plancheck.model import Direction, Kind, Tolerance
from plancheck.report.results import HUNDRED, ItemResult, Light, Status
from plancheck.written import Qualifier

__all__ = ["qualify", "rate_change"]

_RESULTS = (Status.EXCEEDED, Status.MET, Status.ON_PACE, Status.BEHIND, Status.MISSED)


def qualify(
    r: ItemResult, tolerance: Tolerance, period_over: bool, cpi: Decimal | None = None
) -> ItemResult:
    """The result with its status read against the target as written."""
    r = deflated(rate_change(r), cpi)
    if r.status not in _RESULTS:
        return r
    if r.item.completion_stated is not None:
        return _stated_completion(r)
    status = _written_status(r, tolerance)
    if status is None:
        status = _ceiling_status(r, period_over)
    if status is None or status is r.status:
        return r
    light = Light.GREEN if status is not Status.MISSED else Light.RED
    return replace(r, status=status, light=light, behind_pp=None)


def deflated(r: ItemResult, cpi: Decimal | None) -> ItemResult:
    """A money figure's nominal growth with the CPI taken out (`real_yoy_pct`)."""
    from plancheck.units import KNOWN_UNITS

    unit = KNOWN_UNITS.get(r.item.unit)
    if cpi is None or r.yoy_pct is None or r.item.real_growth:
        return r
    if unit is None or unit.dimension != "money":
        return r
    real = ((HUNDRED + r.yoy_pct) / (HUNDRED + cpi) - 1) * HUNDRED
    return replace(r, real_yoy_pct=real)


def rate_change(r: ItemResult) -> ItemResult:
    """A rate or share compared with its baseline changes by percentage points, never by a
    relative growth: 38.2% → 41.9% is +3.7个百分点, not +9.7%."""
    item = r.item
    if item.unit != "%" or item.kind is Kind.GROWTH or r.baseline is None or r.actual is None:
        return r
    return replace(r, yoy_pct=None, change_pp=r.actual - r.baseline)


def _stated_completion(r: ItemResult) -> ItemResult:
    """完成率136.5% stated without a target: the status uses the rate (the target shown is
    derived from it); 超额完成 written "超过100%" is exceeded."""
    stated = r.item.completion_stated
    assert stated is not None
    written = r.item.written_of("completion_pct")
    bound = written is not None and written.qualifier is Qualifier.AT_LEAST
    status = r.status
    if stated > HUNDRED or (bound and stated >= HUNDRED):
        status = Status.EXCEEDED
    elif stated == HUNDRED:
        status = Status.MET
    light = Light.GREEN if status in (Status.EXCEEDED, Status.MET) else r.light
    return replace(r, completion_pct=stated, status=status, light=light)


def _measure(r: ItemResult) -> Decimal | None:
    return r.yoy_pct if r.item.kind is Kind.GROWTH else r.actual


def _written_status(r: ItemResult, tolerance: Tolerance) -> Status | None:
    item = r.item
    figure = item.written_of("target_growth_pct" if item.kind is Kind.GROWTH else "target")
    measure = _measure(r)
    if figure is None or measure is None:
        return None
    down = item.direction is Direction.DOWN
    if figure.qualifier is Qualifier.RANGE and figure.high is not None:
        low, high = figure.value, figure.high
        if low <= measure <= high:
            return Status.MET
        if (measure < low) if down else (measure > high):
            return Status.EXCEEDED
        return None
    if figure.qualifier is Qualifier.APPROX:
        percent = item.kind is Kind.GROWTH or item.unit == "%"
        width = tolerance.points if percent else abs(figure.value) * tolerance.percent / HUNDRED
        if abs(measure - figure.value) <= width:
            return Status.MET
    return None


def _ceiling_status(r: ItemResult, period_over: bool) -> Status | None:
    """A ceiling kept during the year is on pace, not met: a January count of 0 accidents
    does not complete the year's 控制在2起以内."""
    item = r.item
    ceiling = (
        item.direction is Direction.DOWN
        and item.kind is not Kind.GROWTH
        and item.baseline is None
        and r.actual_month is not None
    )
    if ceiling and not period_over and r.status in (Status.MET, Status.EXCEEDED):
        return Status.ON_PACE
    return None
