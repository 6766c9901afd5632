"""What the rules of `plancheck check` share (pure).

A rule (see plancheck.check.rules) is a function `rule(ctx) -> list[Finding]` over one
`Context`: the ledger, its units, its items by (year, id), the lines of each file's keys.
This module owns the finding (`Finding`), the context, the list a rule collects its
findings in (`Findings`, which locates each one), the referenced value (`Value`) and an
item's figures by field (`field_value`, `base_count`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from plancheck.model import Item, Ledger, Location, Severity
from plancheck.periods import value_at
from plancheck.units import Unit, unit_table

FIELDS = ("actual", "target", "baseline")
"""The fields a reference (`id.field`) may name."""


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


@dataclass(frozen=True)
class Value:
    """A referenced number and the unit it is in."""

    value: Decimal
    unit: Unit | None


def latest_actual(item: Item) -> Decimal | None:
    """The item's latest actual: `actual`, else the last (or summed monthly) history value."""
    return value_at(item)[0]


def field_value(item: Item, name: str) -> Decimal | None:
    """The item's `actual` (its latest), `target` or `baseline`."""
    if name == "actual":
        return latest_actual(item)
    return item.target if name == "target" else item.baseline


def base_count(value: Value) -> Decimal:
    """A denominator: a count of people or things in its base unit (1.5万人 → 15000); any
    other quantity in its own unit (a ratio per 万元 divides by the 万元, not by the 元)."""
    unit = value.unit
    if unit is None:
        return value.value
    if unit.dimension == "people" or unit.dimension.startswith("count:"):
        return value.value * unit.factor
    return value.value


@dataclass
class Context:
    """What every rule reads: the ledger, the year checked (None: every year), its units,
    its items by (year, id), and the lines of each file's keys."""

    ledger: Ledger
    year: int | None
    lines: Callable[[Path], Mapping[str, int]]
    units: dict[str, Unit] = field(init=False)
    index: dict[tuple[int, str], Item] = field(init=False)
    """The ledger's items by (year, id)."""

    def __post_init__(self) -> None:
        self.units = unit_table(self.ledger.settings.units)
        self.index = {(i.year, i.id): i for i in self.ledger.items}

    def items(self) -> Iterator[Item]:
        """The items checked, in ledger order."""
        for item in self.ledger.items:
            if self.year is None or item.year == self.year:
                yield item

    def unit(self, symbol: str) -> Unit | None:
        """The unit of a symbol ("" for none)."""
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


class Findings(list[Finding]):
    """The findings of one rule, each located through the context as it is added."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

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
        self.append(
            Finding(
                self.ctx.where(item, key),
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

    def hint_slip(self, item: Item, key: str, stated: Decimal, computed: Decimal) -> None:
        """A warning naming the factor when two disagreeing figures differ by a unit's."""
        from plancheck.check.hints import slip_factor, slip_units

        factor = slip_factor(stated, computed)
        if factor is not None:
            units = slip_units(self.ctx.unit(item.unit), factor)
            args = {"factor": format(factor, "f"), "units": units}
            self.add(item, key, "check.unit_slip", args, severity=Severity.WARNING)

    def resolve(
        self, item: Item, ref: str, key: str, year: int | None = None
    ) -> Value | Literal[False] | None:
        """A reference's value (in `year`, default the item's); None when the value is not
        given; False after a finding."""
        ref_id, _, name = ref.partition(".")
        year = item.year if year is None else year
        other = self.ctx.index.get((year, ref_id))
        if other is None:
            self.add(item, key, "check.ref_unknown", {"ref": ref_id, "year": year})
            return False
        if name and name not in FIELDS:
            self.add(item, key, "check.ref_field", {"ref": ref})
            return False
        value = field_value(other, name or "actual")
        return None if value is None else Value(value, self.ctx.unit(other.unit))
