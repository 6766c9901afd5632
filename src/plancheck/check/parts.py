"""Breakdowns (`parts`, 其中) for `plancheck check`: the parts against their total (pure).

Owns the parts rules: a part given only as an average (户均8.48条) times a stated count, the
months the total and its parts are compared at, and the comparison itself (the parts sum to
an exhaustive total; otherwise they must not exceed it).  The rules are described in
plancheck.check.rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from plancheck.check.base import Context, Finding, Findings, Value, base_count, field_value
from plancheck.check.precision import Figure, decimals, figure, plain, quantize
from plancheck.model import ClaimKind, Item, Severity
from plancheck.periods import value_at
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


def _with_actual(item: Item, value: Decimal | None) -> Item:
    from dataclasses import replace

    return replace(item, actual=value, history=())


def check_parts(ctx: Context) -> list[Finding]:
    """Breakdowns (其中): the parts against their total, for every item with `parts`."""
    found = Findings(ctx)
    for item in ctx.items():
        if item.parts:
            _check_parts(ctx, found, item)
    return found


def _implied(ctx: Context, part: Item) -> _Implied | None:
    """A ratio claim of the year whose numerator is `part`, with a stated denominator."""
    for item in ctx.ledger.items_of(part.year):
        for claim in item.claims:
            if claim.kind is not ClaimKind.RATIO or claim.of[0] != part.id:
                continue
            count_id, _, field = claim.of[1].partition(".")
            count = ctx.index.get((part.year, count_id))
            value = field_value(count, field or "actual") if count else None
            if count is not None and value is not None:
                unit = ctx.unit(claim.unit) or ctx.unit(part.unit)
                return _Implied(claim.value, base_count(Value(value, ctx.unit(count.unit))), unit)
    return None


def _part_figure(
    ctx: Context, part: Item, field: str, to: Unit | None
) -> tuple[Figure, str] | None:
    """The part's figure in the total's unit and how to name it; None when not given."""
    value = field_value(part, field)
    if value is not None:
        name = f"{part.id} {plain(value)}{part.unit}"
        return figure(value, ctx.unit(part.unit), to), name
    implied = _implied(ctx, part) if field == "actual" else None
    if implied is None:
        return None
    half = Decimal(1).scaleb(-decimals(implied.average)) / 2
    # Rounded half up or truncated, the average was at least a − ½u and below a + u.
    low, mid, high = ((implied.average + d) * implied.count for d in (-half, Decimal(0), 2 * half))
    if implied.unit is not None and to is not None:
        low, mid, high = (convert(v, implied.unit, to) for v in (low, mid, high))
    name = f"{part.id} ≈ {plain(implied.average)} × {plain(implied.count)}"
    return Figure(mid, low, high, None), name


def _known_parts(found: Findings, item: Item) -> list[Item] | None:
    """The item's parts; None (after a finding for each) when one does not exist."""
    parts: list[Item] = []
    for part_id in item.parts:
        part = found.ctx.index.get((item.year, part_id))
        if part is None:
            found.add(item, "parts", "check.ref_unknown", {"ref": part_id, "year": item.year})
        else:
            parts.append(part)
    return parts if len(parts) == len(item.parts) and parts else None


def _check_parts(ctx: Context, found: Findings, item: Item) -> None:
    parts = _known_parts(found, item)
    if parts is None:
        return
    to = ctx.unit(item.unit)
    month = _common_month([item, *parts])
    if month is False:
        # reported for different months (the total updated before its parts, say):
        # the actuals cannot be compared yet, but it is worth a look
        months = ", ".join(f"{p.id} {p.history[-1][0]}" for p in [item, *parts])
        found.add(
            item, "parts", "check.parts_months", {"months": months}, severity=Severity.WARNING
        )
    for field in ("actual", "target"):
        parts_at = parts
        if field == "actual" and month is False:
            continue
        if field == "actual" and isinstance(month, str):
            total = value_at(item, month)[0]  # all at the latest month they share
            parts_at = [_with_actual(p, value_at(p, month)[0]) for p in parts]
        else:
            total = field_value(item, field)
        if total is None:
            continue
        figures: list[tuple[Figure, str]] = []
        for part in parts_at:
            try:
                got = _part_figure(ctx, part, field, to)
            except UnitError:
                args = {"ref": part.id, "unit": item.unit, "other": part.unit}
                found.add(item, "parts", "check.units", args)
                return
            if got is None:
                break
            figures.append(got)
        else:
            _compare_parts(found, item, field, total, figures)


def _meet(low: Decimal, high: Decimal, other_low: Decimal, other_high: Decimal) -> bool:
    """Whether two figures' ranges [low, high) meet (a point when low = high)."""
    if low == high:
        return other_low <= low < other_high or low == other_low == other_high
    if other_low == other_high:
        return low <= other_low < high
    return low < other_high and other_low < high


def _compare_parts(
    found: Findings, item: Item, field: str, total: Decimal, figures: list[tuple[Figure, str]]
) -> None:
    whole = figure(total)
    value = sum((f.value for f, _ in figures), Decimal(0))
    low = sum((f.low for f, _ in figures), Decimal(0))
    high = sum((f.high for f, _ in figures), Decimal(0))
    stated_places = [f.places for f, _ in figures if f.places is not None]
    rounded = quantize(value, min([whole.places or 0, *stated_places]))
    # A written figure stands for [low, high): 3.1 rounded half up is at least 3.05 and
    # below 3.15, so ranges that only touch at a boundary do not meet (3.05 + 1.45 + 0.85
    # = 5.35 is 5.4, not 5.3).  An exact figure (a whole number) is a point, low = high.
    if item.parts_exhaustive:
        ok = _meet(low, high, whole.low, whole.high) or rounded == total
        code = "check.parts_sum"
    else:
        ok = (low <= whole.high if whole.low == whole.high else low < whole.high) or (
            rounded <= total
        )
        code = "check.parts_exceed"
    if not ok:
        names = " + ".join(name for _, name in figures)
        found.add(
            item,
            "parts",
            code,
            {"field": field, "parts": names},
            stated=total,
            computed=value,
            unit=item.unit,
        )
        found.hint_slip(item, "parts", total, value)
