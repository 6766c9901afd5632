"""Number formatting for display: round half up only here, on the way out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from plancheck.units import exact_text

ONE_DECIMAL = Decimal("0.1")


def plain(value: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros: 1900, 5.46, 0.3956 (the
    core's `units.exact_text`, which the ledger files are written with)."""
    return exact_text(value)


def amount(value: Decimal | None, max_decimals: int | None = None, empty: str = "—") -> str:
    """An amount for people: exact, as `status --format json` has it — or, for computed
    figures such as scores, rounded half up to `max_decimals`."""
    if value is None:
        return empty
    if max_decimals is not None:
        decimals = len(plain(value).partition(".")[2])
        if decimals > max_decimals:
            with localcontext() as ctx:
                ctx.prec = max(ctx.prec, len(plain(value)) + 2)
                value = value.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    return plain(value)


def round_pct(value: Decimal) -> Decimal:
    """A percentage rounded half up to one decimal (1924 ÷ 1900 → 101.3); exact for figures
    of any size (the default context's 28 digits would overflow on huge ones).  Zero is
    never negative: a -0.0 (an actual written "-0.0") or -0.04 is 0.0."""
    if value.adjusted() < 24:  # the common case fits the default context
        rounded = value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    else:
        with localcontext() as ctx:
            ctx.prec = value.adjusted() + 4
            rounded = value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def pct(value: Decimal | None, empty: str = "—", sign: bool = False) -> str:
    """ "101.3%"; with sign, "+36.5%"."""
    if value is None:
        return empty
    rounded = round_pct(value)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:f}%"
    if sign and rounded > 0:
        text = "+" + text
    return text


def stated_pct(value: Decimal | None, empty: str = "—", sign: bool = False) -> str:
    """A percentage the ledger states, with the digits it is written with: 12.35% stays
    12.35%, 4.00% stays 4.00% (computed percentages go through `pct`)."""
    if value is None:
        return empty
    text = format(value, "f") + "%"
    if sign and value > 0:
        text = "+" + text
    return text


def json_number(value: Decimal) -> str:
    """A JSON number literal for an exact Decimal."""
    return plain(value)


def score(value: Decimal | None, empty: str = "—") -> str:
    """A score (分值 × completion, a quotient) to two decimals, rounded half up: 42.50."""
    if value is None:
        return empty
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + 5)
        return format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")
