"""A figure as a clerk or an office writes it, checked against the item before it is recorded.

- `to_item_unit` reads "2.3亿元", "2.4亿" (亿/万/千 as shorthands of the item's money
  unit), "1800" and converts it exactly into the item's unit;
- `implausible` refuses a figure that is very probably a slip: more than 10× the previous
  month's year-to-date figure, more than 5× the target, or a plausible figure times 10^4
  (a 万/亿 slip) — with the reason and, where one exists, the likely intended value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plancheck.model import Direction, Item, Kind
from plancheck.units import UnitError, convert, parse_quantity, unit_table

SHORTHANDS = {"亿": "亿元", "万": "万元", "千": "千元"}
PREVIOUS_FACTOR = Decimal(10)
TARGET_FACTOR = Decimal(5)
SLIP = Decimal(10) ** 4


class FigureError(ValueError):
    """A figure that cannot be read in the item's unit: a message code and its arguments."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = {k: str(v) for k, v in args.items()}


def unit_symbol(symbol: str, item_unit: str) -> str:
    """The unit meant by `symbol` for an item in `item_unit`: 亿 → 亿元 in a money item."""
    units = unit_table()
    mine = units.get(item_unit)
    if symbol in SHORTHANDS and mine is not None and mine.dimension == "money":
        return SHORTHANDS[symbol]
    return symbol


def to_item_unit(item: Item, number: Decimal, symbol: str, extra: tuple[str, ...] = ()) -> Decimal:
    """`number` in `symbol` (or in the item's unit when "") converted into the item's unit."""
    symbol = unit_symbol(symbol.strip(), item.unit)
    if not symbol or symbol == item.unit:
        return number
    units = unit_table(extra)
    given, mine = units.get(symbol), units.get(item.unit)
    if given is None:
        raise FigureError("unit.unknown", unit=symbol)
    if mine is None:
        raise FigureError("unit.unknown", unit=item.unit)
    try:
        return convert(number, given, mine)
    except UnitError:
        raise FigureError("unit.mismatch", key=item.id, given=symbol, unit=item.unit) from None


def read_figure(item: Item, text: str, extra: tuple[str, ...] = ()) -> Decimal:
    """A typed figure ("2.3亿元", "1,800") in the item's unit; FigureError when unreadable."""
    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        raise FigureError("edit.bad_value", value=text) from None
    if number < 0:
        raise FigureError("value.negative", key=item.id, value=text)
    return to_item_unit(item, number, symbol, extra)


@dataclass(frozen=True)
class Doubt:
    """Why a figure looks like a slip, and what was probably meant."""

    code: str
    args: dict[str, str]


def previous_figure(item: Item, month: str) -> tuple[str, Decimal] | None:
    """The latest recorded (month, year-to-date figure) before `month`."""
    earlier = [(m, v) for m, v in item.history if m < month]
    return max(earlier) if earlier else None


def _plausible(item: Item, month: str, value: Decimal) -> bool:
    return _reason(item, month, value) is None


def _reason(item: Item, month: str, value: Decimal) -> tuple[str, dict[str, str]] | None:
    from plancheck.write.block import toml_number as plain

    unit = item.unit
    ytd = item.reporting.value == "ytd"
    before = previous_figure(item, month)
    if ytd and before is not None and before[1] > 0 and value > before[1] * PREVIOUS_FACTOR:
        return "figure.above_previous", {
            "month": before[0],
            "previous": f"{plain(before[1])}{unit}",
        }
    target = item.target
    if (
        item.kind is Kind.AMOUNT
        and item.direction is Direction.UP
        and target is not None
        and target > 0
        and value > target * TARGET_FACTOR
    ):
        return "figure.above_target", {"target": f"{plain(target)}{unit}"}
    return None


def implausible(item: Item, month: str, value: Decimal) -> Doubt | None:
    """Why `value` for `month` looks like a slip, or None when it is plausible."""
    from plancheck.write.block import toml_number as plain

    if item.kind not in (Kind.AMOUNT, Kind.GROWTH, Kind.INDICATOR) or value <= 0:
        return None
    found = _reason(item, month, value)
    if found is None:
        return None
    code, args = found
    args = {"item": item.name, "value": f"{plain(value)}{item.unit}", **args}
    meant = value / SLIP
    if _plausible(item, month, meant):
        return Doubt(code + "_slip", {**args, "meant": f"{plain(meant)}{item.unit}"})
    return Doubt(code, args)
