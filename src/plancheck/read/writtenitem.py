"""Qualified figures in an item: "10%左右", "300个以上", "6%—6.5%", "预计…" as values.

The item reader (`plancheck.read.itemreader`) hands every string it cannot read as a plain
quantity here.  A written figure becomes the number the evaluation uses, in the item's unit,
and the `Written` record kept on the item (`Item.written`) so that every output shows it as
written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from plancheck.model import Direction
from plancheck.units import Unit, UnitError, convert
from plancheck.written import FigureError, Qualifier, Reading, Written, read_figure

WRITTEN_KEYS = frozenset(
    ("target", "actual", "baseline", "original_target", "target_growth_pct",
     "actual_growth_pct", "original_target_growth_pct", "completion_pct")
)  # fmt: skip
"""The keys whose value may be a written figure."""
GROWTH_KEYS = frozenset(
    ("target_growth_pct", "actual_growth_pct", "original_target_growth_pct", "completion_pct")
)
"""Keys in percent."""

__all__ = [
    "GROWTH_KEYS", "WRITTEN_KEYS", "derived_target", "implied_direction", "read_written",
    "times_reading",
]  # fmt: skip


def times_reading(raw: dict[str, Any]) -> Reading | None:
    """The item's reading of 增长N倍 (`times_reading`), PLUS_ONE by default; None when the
    value is not one of the readings."""
    value = raw.get("times_reading", Reading.PLUS_ONE.value)
    try:
        return Reading(value)
    except ValueError:
        return None


def read_written(
    key: str, text: str, unit: Unit | None, units: dict[str, Unit], times: Reading
) -> tuple[Decimal | None, Written | None, tuple[str, dict[str, object]] | None]:
    """(number in the item's unit, the figure as written in that unit, problem) for one
    written value; the problem is a message code with its arguments."""
    try:
        figure = read_figure(text, times)
    except FigureError:
        args: dict[str, object] = {"key": key, "value": text}
        return None, None, ("value.quantity", args)
    if key in GROWTH_KEYS:
        if figure.unit not in ("%", ""):
            return None, None, ("value.percent", {"key": key, "value": text})
        return _evaluated(figure), figure, None
    if figure.factor is not None:  # 翻一番 is a growth, not an amount
        return None, None, ("figure.multiple_amount", {"key": key, "value": text})
    if figure.unit and figure.unit not in units:
        return None, None, ("unit.unknown", {"unit": figure.unit})
    if unit is None:
        return None, None, None
    if figure.unit and figure.unit != unit.symbol:
        given = units[figure.unit]
        try:
            value = convert(figure.value, given, unit)
            high = None if figure.high is None else convert(figure.high, given, unit)
        except UnitError:
            args = {"key": key, "given": figure.unit, "unit": unit.symbol}
            return None, None, ("unit.mismatch", args)
        figure = figure.in_unit(value, high, unit.symbol)
    return _evaluated(figure), figure, None


def _evaluated(figure: Written) -> Decimal:
    """The number the evaluation uses: the figure, its bound, a range's lower end."""
    return figure.value


def derived_target(
    target: Decimal | None, actual: Decimal | None, rate: Decimal | None
) -> Decimal | None:
    """The target a stated completion rate implies (actual ÷ rate × 100), when the report
    states the rate and not the target; None when it cannot be derived."""
    if target is not None or actual is None or rate is None or rate <= 0:
        return None
    return actual * 100 / rate


def implied_direction(
    raw: dict[str, Any], written: dict[str, Written], direction: Direction
) -> tuple[Direction, bool]:
    """(direction, consistent): a cap target (控制在…以内) implies direction down; written
    with direction = "up" it contradicts itself."""
    target = written.get("target") or written.get("target_growth_pct")
    if target is None or target.qualifier is not Qualifier.AT_MOST:
        return direction, True
    if "direction" in raw and direction is Direction.UP:
        return direction, False
    return Direction.DOWN, True
