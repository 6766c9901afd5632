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

This module owns the findings and the driver; the rules are in plancheck.check.parts
(breakdowns), plancheck.check.claims (stated derived figures), plancheck.check.records
(`same_as` and `carried_from`), with what they share in plancheck.check.base, and the
precision of figures in plancheck.check.precision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

# HUNDRED, agrees and decimals moved (to plancheck.check.claims and plancheck.check.precision) and
# are re-exported: plancheck.render.findings and the tests import them from here.
from plancheck.check.claims import HUNDRED as HUNDRED
from plancheck.check.claims import _ClaimRules
from plancheck.check.parts import _PartRules
from plancheck.check.precision import agrees as agrees
from plancheck.check.precision import decimals as decimals
from plancheck.check.records import _RecordRules
from plancheck.model import Item, Ledger, Location, Problem, Severity
from plancheck.read.locate import key_lines
from plancheck.units import Unit, unit_table


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


class _Checker(_PartRules, _ClaimRules, _RecordRules):
    """The rules of every group (plancheck.check.parts, .checkclaims, .checkrecords) run over
    the ledger's items, the findings collected."""

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
    keys (default: each file is read once and scanned with plancheck.read.locate.key_lines).
    """
    findings = problem_findings(ledger.problems, ledger.root, year)
    findings += _Checker(ledger, lines or file_lines()).run(year)
    return sorted(findings, key=sort_key)
