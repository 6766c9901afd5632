"""Units and exact conversion between scaled forms of one dimension.

A unit belongs to a dimension (money, area, people …) and has an exact factor to the
dimension's base unit.  Two units convert only within one dimension: 亿元 and 万元 do,
亩 and 户 never do.  Counting units (户, 家, 个 …) are each a dimension of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


def exact_text(value: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros: 1900, 5.46, 0.3956; "0" for
    zero of either sign.  What the ledger files are written with, and what renderers show
    before any rounding.  (Not `normalize()`, which rounds to the context's 28 digits.)"""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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
    "万亿元": ("money", _TEN_THOUSAND * _HUNDRED_MILLION),
    # foreign currency is its own dimension: no conversion to 元 without a stated rate
    "美元": ("usd", Decimal(1)),
    "万美元": ("usd", _TEN_THOUSAND),
    "亿美元": ("usd", _HUNDRED_MILLION),
    # per-period money (wages, incomes): own dimensions, never mixed with amounts
    "元/月": ("money/month", Decimal(1)),
    "元/年": ("money/year", Decimal(1)),
    "万元/年": ("money/year", _TEN_THOUSAND),
    "元/人": ("money/person", Decimal(1)),
    "元/亩": ("money/mu", Decimal(1)),
    # area, in 亩: 1 m² = 0.0015 亩 exactly (a 亩 is 2000/3 m²), 1 公顷 = 15 亩
    "亩": ("area", Decimal(1)),
    "万亩": ("area", _TEN_THOUSAND),
    "平方米": ("area", Decimal("0.0015")),
    "万平方米": ("area", Decimal(15)),
    "公顷": ("area", Decimal(15)),
    "平方公里": ("area", Decimal(1500)),
    # weight (grain output)
    "斤": ("weight", Decimal(1)),
    "万斤": ("weight", _TEN_THOUSAND),
    "亿斤": ("weight", _HUNDRED_MILLION),
    "公斤": ("weight", Decimal(2)),
    "吨": ("weight", Decimal(2000)),
    "千克": ("weight", Decimal(2)),
    "万吨": ("weight", Decimal(2000) * _TEN_THOUSAND),
    # people
    "人": ("people", Decimal(1)),
    "名": ("people", Decimal(1)),
    "万人": ("people", _TEN_THOUSAND),
    # length
    "米": ("length", Decimal(1)),
    "万米": ("length", _TEN_THOUSAND),
    "公里": ("length", Decimal(1000)),
    "千米": ("length", Decimal(1000)),
    # a rate
    "%": ("percent", Decimal(1)),
    # the difference of two rates (a claim's unit): 38.2% → 41.9% is 3.7个百分点
    "个百分点": ("percent", Decimal(1)),
    "百分点": ("percent", Decimal(1)),
    # a multiple of something (是上年的1.5倍)
    "倍": ("multiple", Decimal(1)),
}

# Counting units: each is its own dimension and converts to nothing else.
_COUNTS = (
    "户 家 个 件 条 次 人次 户次 场次 份 座 对 起 天 辆 处 块 项 所 台 批次 场 村 条次 "
    "万份 期 张 篇 棵 头 只 套 间 栋 口 批"
).split()

KNOWN_UNITS: dict[str, Unit] = {
    **{sym: Unit(sym, dim, factor) for sym, (dim, factor) in _SCALED.items()},
    **{sym: Unit(sym, f"count:{sym}", Decimal(1)) for sym in _COUNTS},
}
# 万份 is a scaled 份, not a count of its own; so are 万人次 and 万户.
KNOWN_UNITS["万份"] = Unit("万份", "count:份", _TEN_THOUSAND)
KNOWN_UNITS["万人次"] = Unit("万人次", "count:人次", _TEN_THOUSAND)
KNOWN_UNITS["万户"] = Unit("万户", "count:户", _TEN_THOUSAND)


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
