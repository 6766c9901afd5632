"""Real and nominal growth, for `plancheck check` (pure).

A growth rate 按可比价 (at comparable prices, real) does not follow from the ratio of the
nominal levels the report gives: prices moved in between.  It is not checked against them;
a warning says why.  A stated growth of a money figure a few points below the nominal ratio
may be a real growth the report did not label: that disagreement is a warning, not an error.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Item, Severity
from plancheck.units import KNOWN_UNITS

__all__ = ["PRICE_GAP", "is_real", "verdict"]

PRICE_GAP = Decimal(3)
"""Percentage points by which a real growth may plausibly fall below the nominal one (a
price rise of a few percent; a wider gap is an error of arithmetic, not of prices)."""


def is_real(item: Item) -> bool:
    """True when the item's stated growth is a real one (growth_basis = "real", or written
    按可比价 / 按不变价)."""
    return item.real_growth


def verdict(item: Item, stated: Decimal, computed: Decimal) -> tuple[str, Severity]:
    """The finding for a stated growth that does not follow from the nominal levels."""
    if is_real(item):
        return "check.real_growth", Severity.WARNING
    unit = KNOWN_UNITS.get(item.unit)
    money = unit is not None and unit.dimension == "money"
    if money and Decimal(0) < computed - stated <= PRICE_GAP:
        return "check.growth_real_nominal", Severity.WARNING
    return "check.claim_growth", Severity.ERROR
