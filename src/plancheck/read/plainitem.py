"""The plain item: the common shape of a large ledger's items, built without a reader.

Most items of a county's or a province's ledger are amounts, indicators or rates with a
name, a unit, figures and a monthly history, every value already valid.  `plain_item`
builds those directly, about twice as fast as the full reader, and hands anything else
(a key it does not know, a value it would have to question) to the full reader in
`plancheck.read.itemreader`, which checks every key and reports every problem.  It never accepts
what the full reader refuses and builds the very same item: `tests/test_load.py` compares
the two on several ledgers and refuses a list of unusual values.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from sys import intern
from typing import Any

from plancheck.model import Item, Kind, Location
from plancheck.read.tomlfile import MAX_EXPONENT, in_range
from plancheck.units import Unit

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""What an id may be: a lower-case ASCII slug (the full reader reports any other)."""

_FAST_KEYS = frozenset(
    ("name", "kind", "unit", "owner", "section", "target", "actual", "baseline", "note",
     "source", "history")
)  # fmt: skip
_FAST_KINDS = {"amount": Kind.AMOUNT, "indicator": Kind.INDICATOR, "rate": Kind.RATE}
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_BAD = object()


@functools.lru_cache(maxsize=64)
def _month_keys(year: int) -> dict[str, str]:
    """The year's month keys, each mapped to one shared string (a province's histories
    hold half a million of them)."""
    return {f"{year:04d}-{m:02d}": f"{year:04d}-{m:02d}" for m in range(1, 13)}


def _plain_number(value: object, limit: Decimal | None) -> Any:
    """`value` as a valid, non-negative Decimal (at most `limit`), else _BAD."""
    kind_of = type(value)
    if kind_of is int:
        value = Decimal(value)  # type: ignore[arg-type]
    elif kind_of is not Decimal or not value.is_finite():  # type: ignore[attr-defined]
        return _BAD
    if value < _ZERO or (limit is not None and value > limit):  # type: ignore[operator]
        return _BAD
    if not in_range(value):  # type: ignore[arg-type]
        return _BAD
    return value


def _plain_history(months: object, year: int, limit: Decimal | None) -> Any:
    """A history table of valid months and plain numbers as sorted pairs, else _BAD."""
    if type(months) is not dict:
        return _BAD
    valid = _month_keys(year)
    pairs = []
    for key, value in months.items():  # _plain_number, inlined: the hottest loop
        month = valid.get(key)
        if month is None:
            return _BAD
        kind_of = type(value)
        if kind_of is int:
            value = Decimal(value)
        elif kind_of is not Decimal or not value.is_finite():
            return _BAD
        if value < _ZERO or (limit is not None and value > limit):
            return _BAD
        if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:  # in_range, inlined
            return _BAD
        pairs.append((month, value))
    pairs.sort()
    return tuple(pairs)


def plain_item(
    path: Path,
    year: int,
    item_id: str,
    raw: dict[str, Any],
    units: dict[str, Unit],
    defaults: dict[str, Any],
    line: int,
    entity: str,
) -> Item | None:
    """The common, plain item built directly; None sends it through the full reader.

    Only items whose every key is plain and already valid take this path (most of a large
    ledger's), so it never accepts what the full reader would refuse, and builds the very
    same item (a test compares both on several ledgers)."""
    if not _FAST_KEYS.issuperset(raw) or not ITEM_ID.match(item_id):
        return None
    get = raw.get
    name, kind_text, symbol = get("name"), get("kind"), get("unit")
    if type(name) is not str or type(symbol) is not str or symbol not in units:
        return None
    kind = _FAST_KINDS.get(kind_text) if type(kind_text) is str else None
    if kind is None:
        return None
    limit = _HUNDRED if symbol == "%" else None
    if kind is Kind.INDICATOR and get("target") is not None:
        return None
    target, actual, baseline = (
        _plain_number(value, limit) if value is not None else None
        for value in (get("target"), get("actual"), get("baseline"))
    )
    if target is _BAD or actual is _BAD or baseline is _BAD:
        return None
    history: Any = ()
    months = get("history")
    if months is not None:
        history = _plain_history(months, year, limit)
        if history is _BAD:
            return None
    owner = get("owner", defaults.get("owner", ""))
    section = get("section", defaults.get("section", ""))
    note = get("note", "")
    source = get("source", "")
    if type(owner) is not str or type(section) is not str:
        return None
    if type(note) is not str or type(source) is not str:
        return None
    # Names, owners and units repeat across items and townships: one string each.
    return Item(
        id=item_id, year=year, name=intern(name), kind=kind, unit=units[symbol].symbol,
        location=Location(path, line), entity=entity, section=section, owner=intern(owner),
        owner_inferred=bool(defaults.get("owner_inferred", False)),
        leader=defaults.get("leader", ""), target=target, actual=actual, baseline=baseline,
        history=history, note=note, source=source,
    )  # fmt: skip
