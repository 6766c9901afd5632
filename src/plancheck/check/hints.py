"""Hints that name a likely cause when figures disagree (pure).

A unit slip: a total printed in 元 where its parts are in 万元 disagrees by a factor of
exactly 10,000 (or 10⁸, or 1,000 for 公斤 and 吨); the hint names the factor and the units
that differ by it, so the clerk looks at the unit, not the arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.units import KNOWN_UNITS, Unit

__all__ = ["slip_factor", "slip_units"]

_FACTORS = (Decimal(10) ** 4, Decimal(10) ** 8, Decimal(1000))
_CLOSE = Decimal("0.005")
"""How close (relative) the figures must come once the factor is applied."""


def slip_factor(stated: Decimal, computed: Decimal) -> Decimal | None:
    """The factor (10⁴, 10⁸, 10³) by which `stated` and `computed` differ, when they agree
    once it is applied (within half a percent); None otherwise."""
    if stated == 0 or computed == 0 or (stated < 0) != (computed < 0):
        return None
    ratio = abs(stated / computed)
    for factor in _FACTORS:
        for candidate in (factor, 1 / factor):
            if abs(ratio / candidate - 1) <= _CLOSE:
                return factor
    return None


def slip_units(unit: Unit | None, factor: Decimal) -> str:
    """The unit pairs of `unit`'s dimension that differ by `factor`: "元/万元, 万元/亿元"."""
    if unit is None:
        return "—"
    same = [u for u in KNOWN_UNITS.values() if u.dimension == unit.dimension]
    pairs = [f"{a.symbol}/{b.symbol}" for a in same for b in same if b.factor == a.factor * factor]
    return ", ".join(pairs) or "—"
