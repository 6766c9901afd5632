"""Recording a stated growth rate (同比增速) for a month, on a growth item whose office
reports the rate rather than the amount: `update gdp +8.0% --month 2025-03`.

The rate goes into the item's `[id.growth]` table, one year-to-date rate a month; a month
already recorded with another rate is corrected, keeping the rate it replaces."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from plancheck.write.block import _put, _raw_item, _Target, _write, toml_number
from plancheck.write.result import EditResult

__all__ = ["growth_figure", "record_growth"]


def growth_figure(target: _Target, text: str, month: str) -> Decimal | None:
    """The growth rate VALUE states ("+8.0%", "-2%"), or None for an amount with a unit
    ("12.3亿元"); a bare number is refused: a rate or a level, it cannot tell."""
    from plancheck.units import parse_quantity

    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        raise target.refuse("edit.bad_value", f"growth.{month}", value=text) from None
    if symbol == "%":
        return number
    if not symbol:
        raise target.refuse("edit.growth_needs_unit", f"history.{month}", value=text,
                            unit=target.item.unit)  # fmt: skip
    return None


def record_growth(
    target: _Target,
    month: str,
    rate: Decimal,
    note: str | None,
    reason: str | None,
    today: dt.date,
) -> EditResult:
    """Write `rate` for `month` in the item's `[id.growth]` table (under the lock)."""
    import tomlkit

    from plancheck.write.records import add_table, correction_table, set_month_note

    item = target.item
    expected: dict[str, Any] = _raw_item(target)
    headers: set[str] = set()
    keys = {month, "month", "was", "date", "reason", "key", "note"}
    stated = dict(item.growth_history)
    old = stated.get(month)
    changes: list[tuple[str, str | None, str]] = [
        (f"growth.{month}", toml_number(old) if old is not None else None, toml_number(rate))
    ]
    if old is not None and old != rate:
        header, lines, read = correction_table(
            item.id, month, old, today, reason or note or "", "growth"
        )
        headers.add(add_table(target, header, lines))
        expected.setdefault("corrections", []).append(read)
        changes.append((f"corrected.{month}", toml_number(old), reason or note or ""))
    if note:
        set_month_note(target, expected, month, note, headers)
        changes.append((f"notes.{month}", dict(item.month_notes).get(month), note))
    table = target.table.get("growth")
    if table is None:
        headers.add(add_table(target, f"[{item.id}.growth]", [f"{month} = {toml_number(rate)}"]))
    else:
        spelled = next((str(k) for k in table if str(k).strip() == month), month)
        _put(table, spelled, tomlkit.value(toml_number(rate)))
    expected.setdefault("growth", {})[month] = Decimal(toml_number(rate))
    _write(target, keys, expected, headers)
    return EditResult(target.path, item.id, tuple(changes))
