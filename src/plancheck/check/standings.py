"""Ranks and relative claims, for `plancheck check` (pure).

A comparison the report states with its reference figure (高于全市平均水平1.2个百分点, with
the city's average given as `reference`) must follow from the item's actual: actual −
reference in percentage points (or in the item's unit), or relative to the reference for a
stated %.  Without a stated difference, 高于 needs actual > reference and 低于 actual <
reference.  Ranks are stored and shown; nothing in one ledger can check them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plancheck.check.base import Context, Finding, Findings, latest_actual
from plancheck.check.precision import agrees, plain
from plancheck.model import Item
from plancheck.standing import Relation, difference_of

__all__ = ["StandingFinding", "check_standing", "standing_findings"]


@dataclass(frozen=True)
class StandingFinding:
    key: str
    formula: str
    stated: Decimal | str
    computed: Decimal | str
    unit: str
    says: str


def standing_findings(item: Item) -> list[StandingFinding]:
    """The comparisons of `item` that do not follow from their reference figures."""
    actual = latest_actual(item)
    out: list[StandingFinding] = []
    if actual is None:
        return out
    for index, s in enumerate(item.standing):
        if s.relation is Relation.RANK or s.reference is None:
            continue
        mine = f"{item.id} {plain(actual)}{item.unit}"
        formula = f"{mine} − {s.reference_name} {plain(s.reference)}{item.unit}"
        key = f"standing.{index}"
        if s.difference is None:
            above = actual > s.reference
            if above != (s.relation is Relation.ABOVE):
                word = "高于" if s.relation is Relation.ABOVE else "低于"
                out.append(
                    StandingFinding(
                        key, formula, word, plain(actual - s.reference), item.unit, s.text
                    )
                )
            continue
        computed = difference_of(s, actual, item.unit)
        if computed is not None and not agrees(s.difference, computed):
            out.append(StandingFinding(key, formula, s.difference, computed, s.unit, s.text))
    return out


def check_standing(ctx: Context) -> list[Finding]:
    """Comparisons with a reference figure (高于全市平均水平1.2个百分点, reference given)."""
    found = Findings(ctx)
    for item in ctx.items():
        for f in standing_findings(item):
            found.add(
                item, f.key, "check.standing", {"formula": f.formula},
                stated=f.stated, computed=f.computed, unit=f.unit, says=f.says,
            )  # fmt: skip
    return found
