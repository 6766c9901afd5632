"""Stated derived figures for `plancheck check` (pure).

Owns the claim rules: growth rates, shares, averages, net changes and sums (`claims`)
computed from the figures they derive from and compared with the figure stated, a share of
one item in another above 100 %, and `actual_growth_pct` beside an actual and a baseline.
The rules are described in plancheck.check.rules.
"""

from __future__ import annotations

from decimal import Decimal

from plancheck.check.base import Context, Finding, Findings, Value, base_count, latest_actual
from plancheck.check.precision import agrees, plain
from plancheck.check.realgrowth import is_real, verdict
from plancheck.model import Claim, ClaimKind, Item, Severity
from plancheck.periods import dated_month
from plancheck.units import Unit, UnitError, convert

HUNDRED = Decimal(100)
POINTS = ("个百分点", "百分点")
"""Units of a difference of two rates."""

_FORMULA = {
    ClaimKind.GROWTH: "({0} ÷ {1} − 1) × 100",
    ClaimKind.SHARE: "{0} ÷ {1} × 100",
    ClaimKind.RATIO: "{0} ÷ {1}",
}


def check_claims(ctx: Context) -> list[Finding]:
    """Stated derived figures (`claims`): each against the figures it derives from."""
    found = Findings(ctx)
    for item in ctx.items():
        for claim in item.claims:
            _check_claim(found, item, claim)
    return found


def check_growth_field(ctx: Context) -> list[Finding]:
    """An actual_growth_pct written beside an actual and a baseline must follow from them."""
    found = Findings(ctx)
    for item in ctx.items():
        _check_growth_field(found, item)
    return found


def _check_claim(found: Findings, item: Item, claim: Claim) -> None:
    key = f"claims.{claim.index}"
    values: list[Value] = []
    missing: list[str] = []
    for ref in claim.of:
        got = found.resolve(item, ref, key, claim.year)
        if got is False:
            return
        if got is None:
            missing.append(ref)
        else:
            values.append(got)
    if missing:
        # A ratio without its numerator states an average that implies a part (above).
        if claim.kind is not ClaimKind.RATIO or missing != [claim.of[0]]:
            args = {"ref": ", ".join(missing)}
            found.add(
                item,
                key,
                "check.claim_missing",
                args,
                severity=Severity.WARNING,
                says=claim.says,
            )
        return
    try:
        computed, unit = _compute(found.ctx, claim, values)
    except UnitError:
        units = ", ".join(v.unit.symbol if v.unit else "—" for v in values)
        args = {"units": units, "unit": claim.unit or "—"}
        found.add(item, key, "check.claim_units", args, says=claim.says)
        return
    except ZeroDivisionError:
        args = {"ref": claim.of[1]}
        found.add(item, key, "check.claim_zero", args, severity=Severity.WARNING, says=claim.says)
        return
    code = _code(claim, computed)
    if code is None:
        return
    found.add(
        item,
        key,
        code,
        {"formula": _formula(claim, values)},
        stated=claim.value,
        computed=computed,
        unit=unit,
        says=claim.says,
    )
    if claim.kind in (ClaimKind.SUM, ClaimKind.DIFFERENCE, ClaimKind.RATIO):
        found.hint_slip(item, key, claim.value, computed)


def _code(claim: Claim, computed: Decimal) -> str | None:
    """The finding's code for a claim and what its figures give, or None when they agree."""
    # A share of one item in another (part of a whole) cannot exceed 100 %; a share of an
    # item's actual in its own target is a completion rate and may.
    part_of_whole = len({ref.partition(".")[0] for ref in claim.of}) > 1
    over = computed > HUNDRED and not agrees(HUNDRED, computed)
    if claim.kind is ClaimKind.SHARE and part_of_whole and over:
        return "check.share_over"
    if agrees(claim.value, computed):
        return None
    if claim.unit in POINTS:
        return "check.claim_points"
    return f"check.claim_{claim.kind.value}"


def _compute(ctx: Context, claim: Claim, values: list[Value]) -> tuple[Decimal, str]:
    """The claim's formula applied; raises UnitError or ZeroDivisionError."""
    first = values[0]
    if claim.unit in POINTS and claim.kind in (ClaimKind.GROWTH, ClaimKind.DIFFERENCE):
        # a change of a rate in percentage points: a − b, never a relative growth
        rates = [_to(v, ctx.unit("%")) for v in values]
        return rates[0] - sum(rates[1:], Decimal(0)), claim.unit
    if claim.kind in (ClaimKind.GROWTH, ClaimKind.SHARE):
        a, b = _to(first, values[1].unit), values[1].value
        if b == 0:
            raise ZeroDivisionError
        ratio = a / b
        return ((ratio - 1) if claim.kind is ClaimKind.GROWTH else ratio) * HUNDRED, "%"
    unit = ctx.unit(claim.unit) or first.unit
    symbol = unit.symbol if unit else ""
    if claim.kind is ClaimKind.RATIO:
        other = values[1]
        if _same_dimension(first, other):  # 产值 ÷ 投资: a pure number (倍)
            if other.value == 0:
                raise ZeroDivisionError
            return _to(first, other.unit) / other.value, claim.unit
        count = base_count(other)
        if count == 0:
            raise ZeroDivisionError
        return _to(first, unit) / count, symbol
    converted = [_to(v, unit) for v in values]
    if claim.kind is ClaimKind.DIFFERENCE:
        return converted[0] - sum(converted[1:], Decimal(0)), symbol
    return sum(converted, Decimal(0)), symbol


def _same_dimension(a: Value, b: Value) -> bool:
    return a.unit is not None and b.unit is not None and a.unit.dimension == b.unit.dimension


def _to(value: Value, unit: Unit | None) -> Decimal:
    if value.unit is None or unit is None:
        return value.value
    return convert(value.value, value.unit, unit)


def _formula(claim: Claim, values: list[Value]) -> str:
    terms = [
        f"{ref} {plain(v.value)}{v.unit.symbol if v.unit else ''}"
        for ref, v in zip(claim.of, values, strict=True)
    ]
    if claim.kind in _FORMULA and claim.unit not in POINTS:
        return _FORMULA[claim.kind].format(*terms)
    minus = claim.kind is ClaimKind.DIFFERENCE or claim.unit in POINTS
    return (" − " if minus else " + ").join(terms)


def _check_growth_field(found: Findings, item: Item) -> None:
    actual, stated, baseline = latest_actual(item), item.actual_growth_pct, item.baseline
    if actual is None or stated is None or not baseline:
        return
    month = dated_month(item)
    if month is not None and not month.endswith("-12"):
        return  # a mid-year total against last year's full-year baseline: not comparable
    computed = (actual / baseline - 1) * HUNDRED
    if not agrees(stated, computed) or is_real(item):
        code, severity = verdict(item, stated, computed)
        formula = _FORMULA[ClaimKind.GROWTH].format(
            f"{item.id} {plain(actual)}{item.unit}",
            f"{item.id}.baseline {plain(baseline)}{item.unit}",
        )
        found.add(
            item,
            "actual_growth_pct",
            code,
            {"formula": formula},
            severity=severity,
            stated=stated,
            computed=computed,
            unit="%",
        )
