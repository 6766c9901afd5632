"""Breakdowns (`parts`, 其中) for `plancheck check`: the parts against their total (pure).

Owns the parts rules: a part given only as an average (户均8.48条) times a stated count, the
months the total and its parts are compared at, and the comparison itself (the parts sum to
an exhaustive total; otherwise they must not exceed it).  The rules are described in
plancheck.check.run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from plancheck.check.base import _base, _field, _Rules, _Value
from plancheck.check.precision import _Figure, _figure, _plain, _quantize, decimals
from plancheck.model import ClaimKind, Item, Reporting, Severity
from plancheck.units import Unit, UnitError, convert


@dataclass(frozen=True)
class _Implied:
    """A part the report gives only as an average (户均8.48条) times a stated count."""

    average: Decimal
    count: Decimal
    """The denominator, in its dimension's base unit."""
    unit: Unit | None
    """The unit of the average (the claim's unit, else the part's)."""


def _common_month(items: list[Item]) -> str | Literal[False] | None:
    """The latest month all the items have a history value for; None when none of them has
    a history (their single actuals are compared); False when their months differ."""
    if not any(i.history for i in items):
        return None
    if not all(i.history for i in items):
        return None  # some undated: compare the actuals as they stand
    common = set.intersection(*({m for m, _ in i.history} for i in items))
    return max(common) if common else False


def _value_at(item: Item, month: str) -> Decimal | None:
    """The item's year-to-date value for `month` (summed for monthly reporting)."""
    if item.reporting is Reporting.MONTHLY:
        return sum((v for m, v in item.history if m <= month), Decimal(0))
    return dict(item.history).get(month)


def _with_actual(item: Item, value: Decimal | None) -> Item:
    from dataclasses import replace

    return replace(item, actual=value, history=())


class _PartRules(_Rules):
    """The parts rules of the checker (plancheck.check.run._Checker)."""

    # -- parts (其中)

    def implied(self, part: Item) -> _Implied | None:
        """A ratio claim of the year whose numerator is `part`, with a stated denominator."""
        for item in self.ledger.items_of(part.year):
            for claim in item.claims:
                if claim.kind is not ClaimKind.RATIO or claim.of[0] != part.id:
                    continue
                count_id, _, field = claim.of[1].partition(".")
                count = self.index.get((part.year, count_id))
                value = _field(count, field or "actual") if count else None
                if count is not None and value is not None:
                    unit = self.unit(claim.unit) or self.unit(part.unit)
                    return _Implied(claim.value, _base(_Value(value, self.unit(count.unit))), unit)
        return None

    def part_figure(self, part: Item, field: str, to: Unit | None) -> tuple[_Figure, str] | None:
        """The part's figure in the total's unit and how to name it; None when not given."""
        value = _field(part, field)
        if value is not None:
            name = f"{part.id} {_plain(value)}{part.unit}"
            return _figure(value, self.unit(part.unit), to), name
        implied = self.implied(part) if field == "actual" else None
        if implied is None:
            return None
        half = Decimal(1).scaleb(-decimals(implied.average)) / 2
        # Rounded half up or truncated, the average was at least a − ½u and below a + u.
        low, mid, high = (
            (implied.average + d) * implied.count for d in (-half, Decimal(0), 2 * half)
        )
        if implied.unit is not None and to is not None:
            low, mid, high = (convert(v, implied.unit, to) for v in (low, mid, high))
        name = f"{part.id} ≈ {_plain(implied.average)} × {_plain(implied.count)}"
        return _Figure(mid, low, high, None), name

    def check_parts(self, item: Item) -> None:
        parts: list[Item] = []
        for part_id in item.parts:
            part = self.index.get((item.year, part_id))
            if part is None:
                self.add(item, "parts", "check.ref_unknown", {"ref": part_id, "year": item.year})
            else:
                parts.append(part)
        if len(parts) < len(item.parts) or not parts:
            return
        to = self.unit(item.unit)
        month = _common_month([item, *parts])
        if month is False:
            # reported for different months (the total updated before its parts, say):
            # the actuals cannot be compared yet, but it is worth a look
            months = ", ".join(f"{p.id} {p.history[-1][0]}" for p in [item, *parts])
            self.add(
                item, "parts", "check.parts_months", {"months": months}, severity=Severity.WARNING
            )
        for field in ("actual", "target"):
            parts_at = parts
            if field == "actual" and month is False:
                continue
            if field == "actual" and isinstance(month, str):
                total = _value_at(item, month)  # all at the latest month they share
                parts_at = [_with_actual(p, _value_at(p, month)) for p in parts]
            else:
                total = _field(item, field)
            if total is None:
                continue
            figures: list[tuple[_Figure, str]] = []
            for part in parts_at:
                try:
                    got = self.part_figure(part, field, to)
                except UnitError:
                    args = {"ref": part.id, "unit": item.unit, "other": part.unit}
                    self.add(item, "parts", "check.units", args)
                    return
                if got is None:
                    break
                figures.append(got)
            else:
                self.compare_parts(item, field, total, figures)

    def compare_parts(
        self, item: Item, field: str, total: Decimal, figures: list[tuple[_Figure, str]]
    ) -> None:
        whole = _figure(total)
        value = sum((f.value for f, _ in figures), Decimal(0))
        low = sum((f.low for f, _ in figures), Decimal(0))
        high = sum((f.high for f, _ in figures), Decimal(0))
        stated_places = [f.places for f, _ in figures if f.places is not None]
        rounded = _quantize(value, min([whole.places or 0, *stated_places]))
        if item.parts_exhaustive:
            ok = (low <= whole.high and high >= whole.low) or rounded == total
            code = "check.parts_sum"
        else:
            ok = low <= whole.high or rounded <= total
            code = "check.parts_exceed"
        if not ok:
            names = " + ".join(name for _, name in figures)
            self.add(
                item,
                "parts",
                code,
                {"field": field, "parts": names},
                stated=total,
                computed=value,
                unit=item.unit,
            )
