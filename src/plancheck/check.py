"""Consistency checks: do the ledger's numbers add up? (`plancheck check`)

Pure: a loaded ledger in, a list of findings out.  Reports are written by hand and carry
errors; this module finds the ones the figures themselves reveal:

- breakdowns (`parts`): the parts against their total;
- stated derived figures (`claims`, and `actual_growth_pct` beside an actual and a baseline):
  growth rates, shares, averages, net changes and sums against the figures they derive from;
- impossible relations: parts that exceed their total, and a share of one item in another
  (a numerator/denominator claim naming two different items) above 100 %;
- the same quantity recorded twice (`same_as`) with different values;
- references to ids that do not exist, and carried items whose origin changed.

Precision follows the figures as written (a TOML `64.70` has two decimals, `1900` none):

- A stated figure with d decimals agrees with the computed one when the computed value,
  rounded half up or truncated to d decimals, equals it (1924 ÷ 1900 − 1 = 1.26 % agrees
  with a stated 1.2 %).
- Parts agree with their total when the sum, rounded half up to the decimals of the least
  precise figure, equals the total, or when the difference is within the rounding of the
  figures written with decimals (half a unit in the last place of each; figures written as
  whole numbers are taken as exact).  So 5.40 against parts adding up to 5.39 is rounding,
  6.82 against 6.28 is an error, and 292 against 16 + 275 is an error.
- A part the report gives only as an average (户均8.48条) is implied by a ratio claim whose
  numerator is that part and whose denominator is a stated count: average × count, at its
  lowest (average − half a unit) when asking whether the parts exceed the total.

Loader problems (errors and warnings) are findings too, in the same shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Literal

from plancheck.locate import key_lines
from plancheck.model import (
    Claim,
    ClaimKind,
    Direction,
    Item,
    Kind,
    Ledger,
    Location,
    Problem,
    Reporting,
    Severity,
)
from plancheck.units import Unit, UnitError, convert, unit_table

HUNDRED = Decimal(100)
_CARRIED = re.compile(r"^(\d{4})/([a-z0-9][a-z0-9_-]*)$")
_FIELDS = ("actual", "target", "baseline")


@dataclass(frozen=True)
class Finding:
    """One thing `plancheck check` reports, located, with the figures that disagree."""

    location: Location
    """Where to look: the file, and the line of the key concerned (a claim, `parts` …)."""
    item: str
    """The item's id; for a loader problem, the dotted key ("" for the whole file)."""
    code: str
    """A message code from plancheck.messages."""
    args: tuple[tuple[str, str], ...] = ()
    """Named values for the message template."""
    severity: Severity = Severity.ERROR
    stated: Decimal | str | None = None
    """The figure as the ledger states it (a "YYYY-MM" date for milestones)."""
    computed: Decimal | str | None = None
    """What it should be: computed from the other figures (unrounded), or the other record."""
    unit: str = ""
    """The unit of stated and computed."""
    source: str = ""
    """The sentence of the report the item encodes."""
    says: str = ""
    """The words of the claim concerned, when the finding is about a claim."""
    year: int | None = None
    """The year the finding belongs to (None for settings and files outside a year)."""


# --------------------------------------------------------------------------- precision


def decimals(value: Decimal) -> int:
    """Decimals as written: 64.70 → 2, 1900 → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _quantize(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    with localcontext() as ctx:  # exact for figures of any size
        ctx.prec = max(ctx.prec, value.adjusted() + places + 3)
        return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """A stated figure agrees when the computed one rounded half up or truncated equals it."""
    places = decimals(stated)
    return stated in (_quantize(computed, places), _quantize(computed, places, ROUND_DOWN))


@dataclass(frozen=True)
class _Figure:
    """A figure converted to a comparison unit, with the range the written figure stands for."""

    value: Decimal
    low: Decimal
    high: Decimal
    places: int | None
    """Decimals of the written figure, in the comparison unit; None for an implied figure."""
    quantum: Decimal = Decimal(1)
    """The written figure's last digit, in the comparison unit (1000 for 1.2亿元 in 万元)."""


def _figure(value: Decimal, own: Unit | None = None, to: Unit | None = None) -> _Figure:
    """A written figure: whole numbers are exact, a figure with decimals ± half its last unit.

    Raises UnitError when `own` does not convert to `to`.
    """
    exponent = value.as_tuple().exponent
    exponent = exponent if isinstance(exponent, int) else 0
    half = Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
    quantum = Decimal(1).scaleb(min(exponent, 0))
    if own is not None and to is not None:
        value, half, quantum = (convert(v, own, to) for v in (value, half, quantum))
    return _Figure(value, value - half, value + half, max(0, -quantum.adjusted()), quantum)


def _same(a: _Figure, b: _Figure) -> bool:
    """Two records of one quantity agree at the precision of the less precise one: both
    rounded half up to its last written digit (0.55 and 0.5 do not agree: 0.55 is 0.6).
    The digit may lie above the units (1.2亿元 is 12000万元 to the thousand), so the check
    gives the same answer from either side and in either unit."""
    places = -max(a.quantum, b.quantum).adjusted()
    return _quantize(a.value, places) == _quantize(b.value, places)


def _plain(value: Decimal) -> str:
    """A figure as written (no exponent, trailing zeros kept)."""
    return format(value, "f")


# --------------------------------------------------------------------------- loader problems


def _year_of(path: Path, root: Path) -> int | None:
    try:
        first = path.relative_to(root).parts[0]
    except (ValueError, IndexError):
        return None
    return int(first) if re.fullmatch(r"\d{4}", first) else None


def problem_findings(
    problems: Iterable[Problem], root: Path, year: int | None = None
) -> list[Finding]:
    """The loader's problems as findings; with `year`, warnings of other years are left out."""
    out = []
    for p in problems:
        in_year = _year_of(p.location.file, root)
        if year is not None and p.severity is Severity.WARNING and in_year not in (None, year):
            continue
        out.append(Finding(p.location, p.key, p.code, p.args, p.severity, year=in_year))
    return out


# --------------------------------------------------------------------------- the checker


@dataclass(frozen=True)
class _Value:
    """A referenced number and the unit it is in."""

    value: Decimal
    unit: Unit | None


@dataclass(frozen=True)
class _Implied:
    """A part the report gives only as an average (户均8.48条) times a stated count."""

    average: Decimal
    count: Decimal
    """The denominator, in its dimension's base unit."""
    unit: Unit | None
    """The unit of the average (the claim's unit, else the part's)."""


def _actual(item: Item) -> Decimal | None:
    """The item's latest actual: `actual`, else the last (or summed monthly) history value."""
    if item.actual is not None or not item.history:
        return item.actual
    if item.reporting is Reporting.MONTHLY:
        return sum((v for _, v in item.history), Decimal(0))
    return item.history[-1][1]


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


def _field(item: Item, field: str) -> Decimal | None:
    if field == "actual":
        return _actual(item)
    return item.target if field == "target" else item.baseline


def _month(item: Item) -> str | None:
    """ "YYYY-MM" the actual refers to, when dated."""
    return item.history[-1][0] if item.history else item.reported


def _base(value: _Value) -> Decimal:
    """A count used as a denominator: unitless, in its dimension's base unit (1.5万人 → 15000)."""
    return value.value * value.unit.factor if value.unit else value.value


_FORMULA = {
    ClaimKind.GROWTH: "({0} ÷ {1} − 1) × 100",
    ClaimKind.SHARE: "{0} ÷ {1} × 100",
    ClaimKind.RATIO: "{0} ÷ {1}",
}


class _Checker:
    def __init__(self, ledger: Ledger, lines: Callable[[Path], Mapping[str, int]]) -> None:
        self.ledger = ledger
        self.units = unit_table(ledger.settings.units)
        self.index = {(i.year, i.id): i for i in ledger.items}
        self.lines = lines
        self.findings: list[Finding] = []

    # -- helpers

    def unit(self, symbol: str) -> Unit | None:
        return self.units.get(symbol) if symbol else None

    def where(self, item: Item, key: str) -> Location:
        """The line of `id.key` (else of its nearest parent key, else the item's header)."""
        found = self.lines(item.location.file)
        full = f"{item.id}.{key}"
        while full:
            if full in found:
                return Location(item.location.file, found[full])
            full = full.rpartition(".")[0]
        return item.location

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
        self.findings.append(
            Finding(
                self.where(item, key),
                item.id,
                code,
                tuple((k, str(v)) for k, v in args.items()),
                severity,
                stated,
                computed,
                unit,
                item.source,
                says,
                item.year,
            )
        )

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

    # -- stated derived figures

    def check_claim(self, item: Item, claim: Claim) -> None:
        key = f"claims.{claim.index}"
        values: list[_Value] = []
        missing: list[str] = []
        for ref in claim.of:
            got = self.resolve(item, ref, key)
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
                self.add(
                    item,
                    key,
                    "check.claim_missing",
                    args,
                    severity=Severity.WARNING,
                    says=claim.says,
                )
            return
        try:
            computed, unit = self.compute(claim, values)
        except UnitError:
            units = ", ".join(v.unit.symbol if v.unit else "—" for v in values)
            args = {"units": units, "unit": claim.unit or "—"}
            self.add(item, key, "check.claim_units", args, says=claim.says)
            return
        except ZeroDivisionError:
            args = {"ref": claim.of[1]}
            self.add(
                item, key, "check.claim_zero", args, severity=Severity.WARNING, says=claim.says
            )
            return
        # A share of one item in another (part of a whole) cannot exceed 100 %; a share of an
        # item's actual in its own target is a completion rate and may.
        part_of_whole = len({ref.partition(".")[0] for ref in claim.of}) > 1
        over = computed > HUNDRED and not agrees(HUNDRED, computed)
        if claim.kind is ClaimKind.SHARE and part_of_whole and over:
            code = "check.share_over"
        elif not agrees(claim.value, computed):
            code = f"check.claim_{claim.kind.value}"
        else:
            return
        self.add(
            item,
            key,
            code,
            {"formula": self.formula(claim, values)},
            stated=claim.value,
            computed=computed,
            unit=unit,
            says=claim.says,
        )

    def compute(self, claim: Claim, values: list[_Value]) -> tuple[Decimal, str]:
        """The claim's formula applied; raises UnitError or ZeroDivisionError."""
        first = values[0]
        if claim.kind in (ClaimKind.GROWTH, ClaimKind.SHARE):
            a, b = self.to(first, values[1].unit), values[1].value
            if b == 0:
                raise ZeroDivisionError
            ratio = a / b
            return ((ratio - 1) if claim.kind is ClaimKind.GROWTH else ratio) * HUNDRED, "%"
        unit = self.unit(claim.unit) or first.unit
        symbol = unit.symbol if unit else ""
        if claim.kind is ClaimKind.RATIO:
            count = _base(values[1])
            if count == 0:
                raise ZeroDivisionError
            return self.to(first, unit) / count, symbol
        converted = [self.to(v, unit) for v in values]
        if claim.kind is ClaimKind.DIFFERENCE:
            return converted[0] - sum(converted[1:], Decimal(0)), symbol
        return sum(converted, Decimal(0)), symbol

    @staticmethod
    def to(value: _Value, unit: Unit | None) -> Decimal:
        if value.unit is None or unit is None:
            return value.value
        return convert(value.value, value.unit, unit)

    @staticmethod
    def formula(claim: Claim, values: list[_Value]) -> str:
        terms = [
            f"{ref} {_plain(v.value)}{v.unit.symbol if v.unit else ''}"
            for ref, v in zip(claim.of, values, strict=True)
        ]
        if claim.kind in _FORMULA:
            return _FORMULA[claim.kind].format(*terms)
        return (" − " if claim.kind is ClaimKind.DIFFERENCE else " + ").join(terms)

    def check_growth_field(self, item: Item) -> None:
        """An actual_growth_pct written beside an actual and a baseline must follow from them."""
        actual, stated, baseline = _actual(item), item.actual_growth_pct, item.baseline
        if actual is None or stated is None or not baseline or item.kind is Kind.GROWTH:
            return
        month = item.history[-1][0] if item.history else item.reported
        if month is not None and not month.endswith("-12"):
            return  # a mid-year total against last year's full-year baseline: not comparable
        computed = (actual / baseline - 1) * HUNDRED
        if not agrees(stated, computed):
            formula = _FORMULA[ClaimKind.GROWTH].format(
                f"{item.id} {_plain(actual)}{item.unit}",
                f"{item.id}.baseline {_plain(baseline)}{item.unit}",
            )
            self.add(
                item,
                "actual_growth_pct",
                "check.claim_growth",
                {"formula": formula},
                stated=stated,
                computed=computed,
                unit="%",
            )

    # -- the same quantity twice

    def check_same_as(self, item: Item, seen: set[frozenset[str]]) -> None:
        ref_id, _, field = item.same_as.partition(".")
        other = self.index.get((item.year, ref_id))
        if other is None:
            self.add(item, "same_as", "check.ref_unknown", {"ref": ref_id, "year": item.year})
            return
        if field and field not in _FIELDS:
            self.add(item, "same_as", "check.ref_field", {"ref": item.same_as})
            return
        field = field or "actual"
        pair = frozenset((f"{item.id}.actual", f"{other.id}.{field}"))
        if other is item or pair in seen:
            return
        seen.add(pair)
        args = {"ref": item.same_as, "unit": item.unit or "—", "other": other.unit or "—"}
        if (item.kind is Kind.MILESTONE) != (other.kind is Kind.MILESTONE):
            self.add(item, "same_as", "check.units", args)
        elif item.kind is Kind.MILESTONE:
            self.same_milestone(item, other)
        else:
            mine, theirs = _actual(item), _field(other, field)
            if mine is None or theirs is None:
                return
            try:
                here = _figure(theirs, self.unit(other.unit), self.unit(item.unit))
            except UnitError:
                self.add(item, "same_as", "check.units", args)
                return
            if _same(_figure(mine), here):
                return
            # Different values at different dates may both be right: a warning.
            when, other_when = _month(item), _month(other) if field == "actual" else None
            code, severity = "check.same_as_differs", Severity.ERROR
            if when != other_when:
                code, severity = "check.same_as_dates", Severity.WARNING
            # An undated actual is the year's figure: shown as the year.
            dates = {"date": when or str(item.year), "other_date": other_when or str(other.year)}
            args = {"ref": item.same_as, **dates}
            self.add(
                item,
                "same_as",
                code,
                args,
                severity=severity,
                stated=mine,
                computed=here.value,
                unit=item.unit,
            )

    def same_milestone(self, item: Item, other: Item) -> None:
        """Two records of one milestone: the done dates (at the coarser of the two) or states."""
        mine, theirs = item.done_text, other.done_text
        if not (mine and theirs):
            mine = item.state.value if item.state else ""
            theirs = other.state.value if other.state else ""
        width = min(len(mine), len(theirs))
        if mine and theirs and mine[:width] != theirs[:width]:
            args = {"ref": other.id}
            self.add(item, "same_as", "check.same_as_differs", args, stated=mine, computed=theirs)

    # -- carried over (结转)

    def check_carried(self, item: Item) -> None:
        args = {"value": item.carried_from}
        m = _CARRIED.match(item.carried_from)
        if m is None or int(m.group(1)) >= item.year:
            self.add(item, "carried_from", "check.carried_format", args)
            return
        origin = self.index.get((int(m.group(1)), m.group(2)))
        if origin is None:
            self.add(item, "carried_from", "check.carried_missing", args)
            return
        actual = _actual(origin)
        if origin.kind is not Kind.AMOUNT or origin.target is None or actual is None:
            return
        if origin.direction is Direction.DOWN:
            gap = max(actual - origin.target, Decimal(0))
        else:
            gap = max(origin.target - actual, Decimal(0))
        # What is carried is what remains: the target of an item counting what gets done,
        # the baseline of one counting down what is left (direction = "down").
        key = "baseline" if item.direction is Direction.DOWN else "target"
        carried = _field(item, key)
        if carried is None:
            return
        try:
            here = _figure(gap, self.unit(origin.unit), self.unit(item.unit))
        except UnitError:
            args = {"ref": item.carried_from, "unit": item.unit, "other": origin.unit}
            self.add(item, "carried_from", "check.units", args)
            return
        if not _same(_figure(carried), here):
            self.add(
                item,
                "carried_from",
                "check.carried_changed",
                {**args, "key": key},
                severity=Severity.WARNING,
                stated=carried,
                computed=here.value,
                unit=item.unit,
            )

    # -- all

    def run(self, year: int | None) -> list[Finding]:
        seen: set[frozenset[str]] = set()
        for item in self.ledger.items:
            if year is not None and item.year != year:
                continue
            if item.parts:
                self.check_parts(item)
            for claim in item.claims:
                self.check_claim(item, claim)
            self.check_growth_field(item)
            if item.same_as:
                self.check_same_as(item, seen)
            if item.carried_from:
                self.check_carried(item)
        return self.findings


def file_lines() -> Callable[[Path], Mapping[str, int]]:
    """Line numbers of the keys of each file, read and scanned at most once per file."""
    cache: dict[Path, Mapping[str, int]] = {}

    def lines(path: Path) -> Mapping[str, int]:
        if path not in cache:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            cache[path] = key_lines(text)
        return cache[path]

    return lines


def sort_key(finding: Finding) -> tuple[str, int, str, str]:
    return (str(finding.location.file), finding.location.line, finding.item, finding.code)


def check_ledger(
    ledger: Ledger,
    *,
    year: int | None = None,
    lines: Callable[[Path], Mapping[str, int]] | None = None,
) -> list[Finding]:
    """Every finding for the ledger (or for one year of it), in file and line order.

    The ledger's loading warnings are included.  `lines` maps a file to the lines of its
    keys (default: each file is read once and scanned with plancheck.locate.key_lines).
    """
    findings = problem_findings(ledger.problems, ledger.root, year)
    findings += _Checker(ledger, lines or file_lines()).run(year)
    return sorted(findings, key=sort_key)
