"""Setting and revising a target (调整目标): the file keeps the original target and every
revision with the month it applies from, its reason and the day it was recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.model import Kind
from plancheck.write.atomic import ledger_lock
from plancheck.write.block import (
    _open,
    _put,
    _raw_item,
    _set,
    _set_string,
    _Target,
    _write,
    toml_number,
)
from plancheck.write.result import EditResult, _month_of
from plancheck.write.writtenvalue import Entry, parse_entry

__all__ = ["set_target"]


def set_target(
    root: Path,
    item_id: str,
    year: int,
    value: str,
    reason: str | None = None,
    *,
    from_month: str | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> EditResult:
    """Give a plan item its target, or revise one (调整目标) from `from_month` on: the
    file keeps the original target and every revision with its month, reason and date."""
    with ledger_lock(root):
        target = _open(root, year, item_id)
        item = target.item
        if item.kind in (Kind.MILESTONE, Kind.INDICATOR):
            raise target.refuse("edit.no_target_kind", "target", kind=item.kind.value)
        growth = item.kind is Kind.GROWTH
        key = "target_growth_pct" if growth else "target"
        entry = parse_entry(target, value, key, growth)
        number = entry.number
        old = item.target_growth_pct if growth else item.target
        changes: list[tuple[str, str | None, str]] = []
        keys = {key, "target_reason"}
        headers: set[str] = set()
        expected = _raw_item(target)
        if old is not None and old != number:  # a revision
            if from_month is not None:
                from_month = _month_of(from_month, year)[1]
            _revise(target, expected, key, old, number, from_month, reason, today, headers)
            keys.update({"original_target", "original_target_growth_pct", "from", "date"})
            keys.add("reason")
            changes.append(("revisions", None, f"{from_month or year} {toml_number(number)}"))
        elif reason:
            _set_string(target.table, "target_reason", reason)
            expected["target_reason"] = reason
            changes.append(("target_reason", item.target_reason or None, reason))
        _set(target.table, key, entry.toml)
        expected[key] = entry.expected
        changes.insert(0, (key, toml_number(old) if old is not None else None, entry.shown))
        _write(target, keys, expected, headers, dry_run=dry_run)
        return EditResult(target.path, item_id, tuple(changes))


def _revise(
    target: _Target,
    expected: dict[str, Any],
    key: str,
    old: Decimal,
    number: Decimal,
    month: str | None,
    reason: str | None,
    today: dt.date | None,
    headers: set[str],
) -> None:
    """Add a revision to `number` from `month` on, keeping the original target."""
    from plancheck.write.records import revision_table

    item = target.item
    original_key = f"original_{key}"
    if original_key not in target.table:
        was = item.written_of(key)  # kept as written: 300个以上 stays 300个以上
        before = Entry(old, was.text if was is not None else None)
        _set(target.table, original_key, before.toml)
        expected[original_key] = before.expected
    revisions = list(item.revisions)
    listed = "revisions" in target.raw
    day = today or dt.date.today()
    last = revisions[-1] if revisions else None
    if last is not None and (month or "") == last.month:
        reason = reason or last.reason
    header, lines, read = revision_table(item.id, key, month or "", number, reason or "", day)
    if last is not None and (month or "") == last.month:
        # revised again from the same month: that revision is replaced
        if not listed:  # the undated revision of an old file: the new one replaces it
            _revision_added(target, expected, headers, header, lines, read)
            return
        import tomlkit

        entry = target.table["revisions"][-1]
        _put(entry, key, tomlkit.value(toml_number(number)))
        if reason:
            _put(entry, "reason", tomlkit.string(reason))
        _put(entry, "date", tomlkit.date(day.isoformat()))
        expected["revisions"][-1].update(read)
        return
    if last is not None and (month or "") < last.month:
        raise target.refuse("revision.not_after", "revisions", month=month or "", last=last.month)
    if last is not None and not listed:
        # an undated revision written before revisions were dated: kept, for the whole year
        old_one = revision_table(item.id, key, "", last.target, last.reason, None)
        _revision_added(target, expected, headers, *old_one)
    _revision_added(target, expected, headers, header, lines, read)


def _revision_added(
    target: _Target,
    expected: dict[str, Any],
    headers: set[str],
    header: str,
    lines: list[str],
    read: dict[str, Any],
) -> None:
    from plancheck.write.records import add_table

    headers.add(add_table(target, header, lines))
    expected.setdefault("revisions", []).append(read)
