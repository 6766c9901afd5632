"""Figures as written and their precision, for `plancheck check` (pure).

A figure's precision is the one it is written with (a TOML `64.70` has two decimals, `1900`
none).  This module owns reading it, rounding to it, and comparing figures at it: a stated
figure against a computed one (`agrees`), a written figure as the range it stands for
(`figure`), and two records of one quantity (`same`).  The rules themselves are described
in plancheck.check.run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from plancheck.units import Unit, convert


def decimals(value: Decimal) -> int:
    """Decimals as written: 64.70 → 2, 1900 → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def quantize(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    with localcontext() as ctx:  # exact for figures of any size
        ctx.prec = max(ctx.prec, value.adjusted() + places + 3)
        return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """A stated figure agrees when the computed one rounded half up or truncated equals it."""
    places = decimals(stated)
    return stated in (quantize(computed, places), quantize(computed, places, ROUND_DOWN))


@dataclass(frozen=True)
class Figure:
    """A figure converted to a comparison unit, with the range the written figure stands for."""

    value: Decimal
    low: Decimal
    high: Decimal
    places: int | None
    """Decimals of the written figure, in the comparison unit; None for an implied figure."""
    quantum: Decimal = Decimal(1)
    """The written figure's last digit, in the comparison unit (1000 for 1.2亿元 in 万元)."""


def figure(value: Decimal, own: Unit | None = None, to: Unit | None = None) -> Figure:
    """A written figure: whole numbers are exact, a figure with decimals ± half its last unit.

    Raises UnitError when `own` does not convert to `to`.
    """
    exponent = value.as_tuple().exponent
    exponent = exponent if isinstance(exponent, int) else 0
    half = Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
    quantum = Decimal(1).scaleb(min(exponent, 0))
    if own is not None and to is not None:
        value, half, quantum = (convert(v, own, to) for v in (value, half, quantum))
    return Figure(value, value - half, value + half, max(0, -quantum.adjusted()), quantum)


def same(a: Figure, b: Figure) -> bool:
    """Two records of one quantity agree at the precision of the less precise one: both
    rounded half up to a whole number of its last written digit (0.55 and 0.5 do not
    agree: 0.55 is 0.6).  The digit may lie above the units (1.2亿元 is 12000万元 to the
    thousand) or be no power of ten in the unit compared (5公斤 is 10斤 to 2斤); counted in
    that digit, the answer is the same from either side and in either unit."""
    quantum = max(a.quantum, b.quantum)
    return _steps(a.value, quantum) == _steps(b.value, quantum)


def _steps(value: Decimal, quantum: Decimal) -> Decimal:
    """`value` as a whole number of `quantum`s, rounded half up."""
    with localcontext() as ctx:  # exact for figures of any size
        ctx.prec = max(ctx.prec, value.adjusted() - quantum.adjusted() + 6)
        return (value / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A figure as written (no exponent, trailing zeros kept)."""
    return format(value, "f")
