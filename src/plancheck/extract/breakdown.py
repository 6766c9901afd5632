"""其中 lists within a sentence: the figures after 其中 (含, 包括) that are parts of a total
stated before them, and whether the parts named are the whole (a guess, flagged)."""

from __future__ import annotations

import re
from decimal import Decimal

from plancheck.extract.draft import PARTS_GUESSED, Entry
from plancheck.extract.figures import Figure
from plancheck.units import KNOWN_UNITS

_PARTS = re.compile(r"其中|（含|\(含|包括")


def dimension(unit: str) -> str:
    """The unit's dimension; a unit the table does not know is a count of its own."""
    known = KNOWN_UNITS.get(unit)
    return known.dimension if known else f"count:{unit}"


def link_parts(
    text: str, figures: list[Figure], owner: dict[int, Entry], entries: list[Entry]
) -> None:
    """Figures after 其中 of the dimension of a figure before it are its parts."""
    m = _PARTS.search(text)
    at = m.start() if m else len(text) + 1
    totals: dict[str, Entry] = {}
    closed: set[str] = set()
    for i, f in enumerate(figures):
        entry = owner.get(i)
        if entry is None or entry.figure is not f:
            continue
        dim = dimension(f.unit)
        if f.start < at:
            totals[dim] = entry
        elif dim in totals and entry is not totals[dim] and f.unit != "%" and dim not in closed:
            total = totals[dim]
            # a list that already adds up ends at the next clause (…分散供养276人，享受…)
            if text[figures[i - 1].end : f.start].startswith("，") and _sums_to(total, entries):
                closed.add(dim)
                continue
            total.parts.append(entry.id)
    for total in {id(t): t for t in totals.values()}.values():
        if total.parts:
            _exhaustive(total, entries)


def _sums_to(total: Entry, entries: list[Entry]) -> bool:
    values = [e.actual for e in entries if e.id in total.parts and e.unit == total.unit]
    return (
        bool(values)
        and all(v is not None for v in values)
        and sum(v for v in values if v is not None) == total.actual
    )


def _exhaustive(total: Entry, entries: list[Entry]) -> None:
    """Whether the parts are the whole: yes when one of them is 其他/其余, or when they
    come within a tenth of the total; a guess either way, flagged for review."""
    parts = [e for e in entries if e.id in total.parts]
    others = any(re.search(r"其他|其它|其余|剩余", e.name) for e in parts)
    base = KNOWN_UNITS.get(total.unit)
    total_value = total.actual if total.actual is not None else total.target
    summed = Decimal(0)
    for e in parts:
        value = e.actual if e.actual is not None else e.target
        unit = KNOWN_UNITS.get(e.unit)
        if value is None:
            continue
        if base and unit and unit.dimension == base.dimension:
            value = value * unit.factor / base.factor
        summed += value
    close = bool(total_value) and abs(summed - total_value) <= total_value / 10  # type: ignore[operator]
    total.parts_exhaustive = others or (len(parts) > 1 and close)
    total.flag(PARTS_GUESSED)
