"""Units and exact conversion between scaled forms of one dimension.

A unit belongs to a dimension (money, area, people …) and has an exact factor to the
dimension's base unit.  Two units convert only within one dimension: 亿元 and 万元 do,
亩 and 户 never do.  Counting units (户, 家, 个 …) are each a dimension of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Unit:
    """One unit of measure."""

    symbol: str
    """How the unit is written: 万元, 亩, %."""
    dimension: str
    """Units of one dimension convert into each other."""
    factor: Decimal
    """How many base units of the dimension one of this unit is."""


_TEN_THOUSAND = Decimal(10) ** 4
_HUNDRED_MILLION = Decimal(10) ** 8

_SCALED: dict[str, tuple[str, Decimal]] = {
    # money
    "元": ("money", Decimal(1)),
    "千元": ("money", Decimal(1000)),
    "万元": ("money", _TEN_THOUSAND),
    "亿元": ("money", _HUNDRED_MILLION),
    # area
    "亩": ("area", Decimal(1)),
    "万亩": ("area", _TEN_THOUSAND),
    # weight (grain output)
    "斤": ("weight", Decimal(1)),
    "万斤": ("weight", _TEN_THOUSAND),
    "亿斤": ("weight", _HUNDRED_MILLION),
    "公斤": ("weight", Decimal(2)),
    "吨": ("weight", Decimal(2000)),
    # people
    "人": ("people", Decimal(1)),
    "名": ("people", Decimal(1)),
    "万人": ("people", _TEN_THOUSAND),
    # length
    "米": ("length", Decimal(1)),
    "万米": ("length", _TEN_THOUSAND),
    "公里": ("length", Decimal(1000)),
    # a rate
    "%": ("percent", Decimal(1)),
}

# Counting units: each is its own dimension and converts to nothing else.
_COUNTS = (
    "户 家 个 件 条 次 人次 场次 份 座 对 起 天 辆 处 块 项 所 台 批次 场 村 条次 "
    "万份 期 张 篇 棵 头 只 套 间 栋 口 批"
).split()

KNOWN_UNITS: dict[str, Unit] = {
    **{sym: Unit(sym, dim, factor) for sym, (dim, factor) in _SCALED.items()},
    **{sym: Unit(sym, f"count:{sym}", Decimal(1)) for sym in _COUNTS},
}
# 万份 is a scaled 份, not a count of its own.
KNOWN_UNITS["万份"] = Unit("万份", "count:份", _TEN_THOUSAND)


class UnitError(ValueError):
    """A unit is unknown, or two units cannot be compared."""


def unit_table(extra: tuple[str, ...] = ()) -> dict[str, Unit]:
    """The known units plus counting units declared in the ledger's settings."""
    if not extra:
        return KNOWN_UNITS
    table = dict(KNOWN_UNITS)
    for sym in extra:
        table.setdefault(sym, Unit(sym, f"count:{sym}", Decimal(1)))
    return table


def convert(value: Decimal, from_unit: Unit, to_unit: Unit) -> Decimal:
    """Convert exactly; raise UnitError across dimensions."""
    if from_unit.dimension != to_unit.dimension:
        raise UnitError(f"{from_unit.symbol} → {to_unit.symbol}")
    if from_unit.factor == to_unit.factor:
        return value
    return value * from_unit.factor / to_unit.factor


# Thousands separators only where they belong (1,924 and 12,345,678, not 12,5).
_QUANTITY = re.compile(r"^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(\S*?)\s*$")


def parse_quantity(text: str) -> tuple[Decimal, str]:
    """Split "3956万元", "0.4 亿元", "85.1%" into an exact number and a unit symbol.

    The unit symbol is "" when the text is a bare number.  Thousands separators are
    accepted.  Raises ValueError for anything else.
    """
    m = _QUANTITY.match(text)
    if not m:
        raise ValueError(text)
    number, unit = m.group(1).replace(",", ""), m.group(2)
    if unit[:1] in (",", ".", "，") or unit[:1].isdigit():
        raise ValueError(text)  # 12,5 or 1,2,3: not a number we can read safely
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(text) from exc
    return value, unit


def same_dimension_units(unit: Unit, table: dict[str, Unit]) -> list[str]:
    """Symbols that convert to and from `unit` (for messages)."""
    return [u.symbol for u in table.values() if u.dimension == unit.dimension]


_SIMPLIFIED = str.maketrans(
    {"億": "亿", "萬": "万", "畝": "亩", "噸": "吨", "個": "个", "戶": "户", "頃": "顷"}
    | {"圓": "元", "圆": "元"}
)
"""Traditional forms a pasted figure may carry ("2億元"), and the unit they mean."""


def suggest_unit(symbol: str, table: dict[str, Unit]) -> str | None:
    """The unit of `table` that `symbol` most likely means: its simplified form when the
    table has it (億元 → 亿元, which a near match would take for 元), else the closest."""
    import difflib

    simple = symbol.translate(_SIMPLIFIED)
    if simple != symbol and simple in table:
        return simple
    close = difflib.get_close_matches(simple, list(table), n=1, cutoff=0.5)
    return close[0] if close else None
