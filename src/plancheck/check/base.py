"""What the rule groups of `plancheck check` share (pure).

The checker (plancheck.check.run._Checker) is assembled from one mixin per rule group
(plancheck.check.parts, plancheck.check.claims, plancheck.check.records).  This module owns
what they have in common: `_Rules`, their base, which declares what they use of the
checker and resolves references; the referenced value (`_Value`); and an item's figures by
field (`_actual`, `_field`, `_base`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from plancheck.model import Item, Ledger, Reporting, Severity
from plancheck.units import Unit

_FIELDS = ("actual", "target", "baseline")


@dataclass(frozen=True)
class _Value:
    """A referenced number and the unit it is in."""

    value: Decimal
    unit: Unit | None


def _actual(item: Item) -> Decimal | None:
    """The item's latest actual: `actual`, else the last (or summed monthly) history value."""
    if item.actual is not None or not item.history:
        return item.actual
    if item.reporting is Reporting.MONTHLY:
        return sum((v for _, v in item.history), Decimal(0))
    return item.history[-1][1]


def _field(item: Item, field: str) -> Decimal | None:
    if field == "actual":
        return _actual(item)
    return item.target if field == "target" else item.baseline


def _base(value: _Value) -> Decimal:
    """A count used as a denominator: unitless, in its dimension's base unit (1.5万人 → 15000)."""
    return value.value * value.unit.factor if value.unit else value.value


class _Rules(ABC):
    """The base of the rule groups: what they use of the checker, which provides it."""

    ledger: Ledger
    index: dict[tuple[int, str], Item]
    """The ledger's items by (year, id)."""

    @abstractmethod
    def unit(self, symbol: str) -> Unit | None:
        """The unit of a symbol ("" for none)."""

    @abstractmethod
    def add(
        self,
        item: Item,
        key: str,
        code: str,
        args: Mapping[str, object],
        *,
        severity: Severity = Severity.ERROR,
        stated: Decimal | str | None = None,
        computed: Decimal | str | None = None,
        unit: str = "",
        says: str = "",
    ) -> None:
        """Record a finding about `item`, at the line of its `key`."""

    def resolve(self, item: Item, ref: str, key: str) -> _Value | Literal[False] | None:
        """A reference's value; None when the value is not given; False after a finding."""
        ref_id, _, field = ref.partition(".")
        other = self.index.get((item.year, ref_id))
        if other is None:
            self.add(item, key, "check.ref_unknown", {"ref": ref_id, "year": item.year})
            return False
        if field and field not in _FIELDS:
            self.add(item, key, "check.ref_field", {"ref": ref})
            return False
        value = _field(other, field or "actual")
        return None if value is None else _Value(value, self.unit(other.unit))
