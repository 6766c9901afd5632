"""Reading an item's record of changes: target revisions, monthly notes, corrections, and
the growth rates stated month by month.

    [gdp.notes]
    2025-05 = "5月误按万元录入，已更正"

    [[gdp.revisions]]
    from = "2025-07"
    target = 3200
    reason = "县里下达调整计划"
    date = 2025-07-15

    [[gdp.corrections]]
    month = "2025-05"
    was = 20000
    date = 2025-06-25
    reason = "误按万元录入"

Each function reports problems through the item's reader and returns what is valid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from plancheck.model import Correction, Kind, Revision
from plancheck.read.tomlfile import is_number, type_name, unknown_keys

if TYPE_CHECKING:
    from plancheck.read.itemreader import ItemReader
    from plancheck.units import Unit

RECORD_KEYS = ("revisions", "notes", "corrections", "growth")
REVISION_KEYS = ("from", "target", "target_growth_pct", "reason", "date")
CORRECTION_KEYS = ("month", "was", "date", "reason", "key")


def _month_key(reader: ItemReader, where: str, value: object) -> str | None:
    """A "YYYY-MM" of the item's year, or None (reported)."""
    from plancheck.read.itemreader import parse_month

    if isinstance(value, dt.date):
        value = f"{value.year:04d}-{value.month:02d}"
    ym = parse_month(value)
    if ym is None:
        reader.err(where, "value.month", key=where, value=value)
        return None
    if ym[0] != reader.year:
        reader.err(where, "value.month_year", month=value, year=reader.year)
        return None
    return f"{ym[0]:04d}-{ym[1]:02d}"


def _day(reader: ItemReader, where: str, value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    reader.err(where, "value.date", key=where, value=value)
    return None


def _text(reader: ItemReader, where: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        reader.err(where, "type.string", key=where)
        return ""
    return value


def _tables(reader: ItemReader, key: str) -> list[dict[str, Any]]:
    value = reader.raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        reader.err(key, "type.tables", key=key)
        return []
    return value


def read_revisions(
    reader: ItemReader,
    kind: Kind,
    unit: Unit | None,
    current: Decimal | None,
    original: Decimal | None,
    reason: str,
) -> tuple[Revision, ...]:
    """The item's revisions in month order; an old `original_target` without a list of
    revisions is one undated revision (to the current target, for the whole year)."""
    tables = _tables(reader, "revisions")
    if not tables:
        if "revisions" not in reader.raw and original is not None and current is not None:
            return (Revision("", current, reason),)
        return ()
    key = "target_growth_pct" if kind is Kind.GROWTH else "target"
    out: list[Revision] = []
    for index, table in enumerate(tables):
        where = f"revisions.{index}"
        unknown_keys(reader.f, f"{reader.id}.{where}", table, REVISION_KEYS)
        month = ""
        if "from" in table:
            month = _month_key(reader, f"{where}.from", table["from"]) or ""
        if key not in table:
            reader.err(where, "key.missing", key=key)
            continue
        if kind is Kind.GROWTH:
            value = table[key]
            number = Decimal(value) if is_number(value) else None
            if number is None:
                reader.err(f"{where}.{key}", "type.number", key=key, got=type_name(value))
        else:
            number = reader.quantity(f"{where}.{key}", table[key], unit)
            reader.non_negative(f"{where}.{key}", number)
        day = _day(reader, f"{where}.date", table.get("date"))
        text = _text(reader, f"{where}.reason", table.get("reason"))
        if number is not None:
            out.append(Revision(month, number, text, day))
    months = [r.month for r in out]
    if months != sorted(months) or len(set(months)) != len(months):
        reader.err("revisions", "revision.order")
    elif out and current is not None and out[-1].target != current:
        reader.err("revisions", "revision.last", value=out[-1].target, target=current)
    elif out and original is None:
        reader.err("revisions", "revision.no_original")
    return tuple(out)


def read_notes(reader: ItemReader) -> tuple[tuple[str, str], ...]:
    value = reader.raw.get("notes")
    if value is None:
        return ()
    if not isinstance(value, dict):
        reader.err("notes", "type.table", key="notes")
        return ()
    out: list[tuple[str, str]] = []
    for month, text in value.items():
        where = f"notes.{month}"
        ym = _month_key(reader, where, month)
        if ym is not None:
            out.append((ym, _text(reader, where, text)))
    return tuple(sorted(out))


def read_growth(reader: ItemReader, kind: Kind) -> tuple[tuple[str, Decimal], ...]:
    """Stated year-to-date growth rates by month (percent), for growth items only."""
    value = reader.raw.get("growth")
    if value is None:
        return ()
    if kind is not Kind.GROWTH:
        reader.err("growth", "growth.only_growth")
        return ()
    if not isinstance(value, dict):
        reader.err("growth", "type.table", key="growth")
        return ()
    out: list[tuple[str, Decimal]] = []
    for month, number in value.items():
        where = f"growth.{month}"
        ym = _month_key(reader, where, month)
        if not is_number(number):
            reader.err(where, "type.number", key=where, got=type_name(number))
        elif ym is not None:
            out.append((ym, Decimal(number)))
    return tuple(sorted(out))


def read_corrections(reader: ItemReader, unit: Unit | None) -> tuple[Correction, ...]:
    out: list[Correction] = []
    for index, table in enumerate(_tables(reader, "corrections")):
        where = f"corrections.{index}"
        unknown_keys(reader.f, f"{reader.id}.{where}", table, CORRECTION_KEYS)
        missing = [k for k in ("month", "was") if k not in table]
        if missing:
            reader.err(where, "key.missing", key=missing[0])
            continue
        month = _month_key(reader, f"{where}.month", table["month"])
        key = _text(reader, f"{where}.key", table.get("key", "history"))
        if key not in ("history", "growth"):
            reader.err(f"{where}.key", "value.choice", key="key", value=key,
                       choices="history, growth")  # fmt: skip
            continue
        if key == "growth":
            raw = table["was"]
            was = Decimal(raw) if is_number(raw) else None
            if was is None:
                reader.err(f"{where}.was", "type.number", key="was", got=type_name(raw))
        else:
            was = reader.quantity(f"{where}.was", table["was"], unit)
        day = _day(reader, f"{where}.date", table.get("date"))
        text = _text(reader, f"{where}.reason", table.get("reason"))
        if month is not None and was is not None:
            out.append(Correction(month, was, day, text, key))
    return tuple(out)
