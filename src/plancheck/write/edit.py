"""Surgical, atomic, conflict-aware edits of one ledger file.

Every edit follows the same steps:

1. take the ledger's lock (`.plancheck.lock` in the ledger folder), so that concurrent
   edits are serialised — a second one waits up to a few seconds, then is refused;
2. read the one file that holds the item and validate the change against the item as the
   loader sees it (units, year, decreases, negatives …);
3. change exactly the values asked for through tomlkit, which keeps comments, key order,
   quoting and layout; then verify that no other line of the file changed;
4. write a temporary file beside the original, flush it to disk, check that the original
   has not changed since step 2, and `os.replace` it over the original.

A failure at any step leaves the original file byte-identical.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.model import Item, Kind, MilestoneState
from plancheck.write.atomic import ledger_lock, write_atomic
from plancheck.write.block import (
    _open,
    _put,
    _raw_item,
    _set,
    _set_string,
    _Target,
    _verify_only,
    _write,
    find_item_file,
    toml_number,
)
from plancheck.write.result import EditResult, _month_of
from plancheck.write.revise import set_target
from plancheck.write.writtenvalue import Entry, parse_entry

__all__ = [
    "EditResult",
    "_verify_only",
    "find_item_file",
    "ledger_lock",
    "record_actual",
    "set_milestone",
    "set_target",
    "toml_number",
    "write_atomic",
]


def decrease_of(
    item: Item, history: dict[str, Decimal], month: str, number: Decimal
) -> tuple[bool, str, Decimal] | None:
    """Whether NUMBER for MONTH breaks the rule that a year-to-date total only grows: (True,
    the earlier month, its figure) when it is below an earlier month's, (False, the later
    month, its figure) when above a later month's; None when it does not (or the item is a
    level — a rate, a stock, an amount to bring down, a figure reported month by month)."""
    cumulative = (
        item.reporting.value == "ytd"
        and item.direction.value == "up"
        and item.kind in (Kind.AMOUNT, Kind.GROWTH, Kind.INDICATOR)
        and item.unit != "%"
    )
    if not cumulative:
        return None
    earlier = [(m, v) for m, v in sorted(history.items()) if m < month]
    later = [(m, v) for m, v in sorted(history.items()) if m > month]
    if earlier and number < earlier[-1][1]:
        return True, earlier[-1][0], earlier[-1][1]
    if later and number > later[0][1]:
        return False, later[0][0], later[0][1]
    return None


def record_actual(
    root: Path,
    item_id: str,
    value: str,
    *,
    month: str | None = None,
    year: int | None = None,
    today: dt.date | None = None,
    allow_decrease: bool = False,
    note: str | None = None,
    reason: str | None = None,
) -> EditResult:
    """Record the year-to-date VALUE for MONTH in the item's history and make it the actual.

    NOTE is the month's remark (kept beside the month, not as the item's note).  A month
    already recorded with another figure is corrected: the file keeps the figure replaced,
    the day and REASON (else NOTE) in a `[[id.corrections]]` table."""
    today = today or dt.date.today()
    if month is None:
        month = f"{today.year:04d}-{today.month:02d}"
    year_of_month, month = _month_of(month, year)
    with ledger_lock(root):
        target = _open(root, year_of_month, item_id)
        item = target.item
        if item.kind is Kind.MILESTONE:
            raise target.refuse("edit.milestone_value", "")
        if item.kind is Kind.GROWTH:
            from plancheck.write.growth import growth_figure, record_growth

            rate = growth_figure(target, value, month)
            if rate is not None:
                return record_growth(target, month, rate, note, reason, today)
        entry = parse_entry(target, value, f"history.{month}")
        number = entry.number
        history, migrated, previous = _history_of(target, month)
        _refuse_decrease(target, history, month, number, allow_decrease, note)
        history[month] = number
        if item.reporting.value == "monthly":
            actual = sum(history.values(), Decimal(0))
        else:
            actual = history[max(history)]
        expected = _raw_item(target)
        headers: set[str] = set()
        keys = {"actual", "note", "reported"}
        if previous is not None and previous != number:
            _correct(target, expected, month, previous, reason or note, today)
            headers.add(f"[[{item_id}.corrections]]")
            keys.update(("month", "was", "date", "reason"))
        if note:
            from plancheck.write.records import set_month_note

            set_month_note(target, expected, month, note, headers)
        keys.update(_put_history(target, expected, headers, month, entry, migrated, history))
        old_text = toml_number(dict(item.history)[month]) if month in dict(item.history) else None
        changes: list[tuple[str, str | None, str]] = [(f"history.{month}", old_text, entry.shown)]
        latest = max(history)
        latest_entry = entry if latest == month else Entry(actual, None)
        if item.actual != actual or (latest == month and entry.written is not None):
            _set(target.table, "actual", latest_entry.toml)
            expected["actual"] = latest_entry.expected
            old_actual = toml_number(item.actual) if item.actual is not None else None
            changes.append(("actual", old_actual, latest_entry.shown))
        if note:
            changes.append((f"notes.{month}", dict(item.month_notes).get(month), note))
        if previous is not None and previous != number:  # said as a correction
            changes.append((f"corrected.{month}", toml_number(previous), reason or note or ""))
        _write(target, keys, expected, headers)
        return EditResult(target.path, item_id, tuple(changes))


def _history_of(target: _Target, month: str) -> tuple[dict[str, Decimal], str | None, Any]:
    """(the item's history, the month its single actual moves to, the figure `month` had)."""
    item = target.item
    history = dict(item.history)
    migrated: str | None = None
    previous = history.get(month)
    if not history and item.actual is not None:
        # A single actual without history: dated by `reported`, else undated (a year-end
        # figure, as in the bundled report).  It becomes the history's first value, or the
        # update is refused rather than let it be overwritten by an earlier month.
        if item.reported is not None:
            migrated = item.reported
        elif not month.endswith("-12"):
            raise target.refuse(
                "edit.undated_actual", "actual", value=toml_number(item.actual), year=item.year
            )
        if migrated is not None and migrated != month:
            history[migrated] = item.actual
        else:  # the month the actual was for (December for an undated one): replaced
            previous = item.actual
    return history, migrated, previous


def _refuse_decrease(
    target: _Target,
    history: dict[str, Decimal],
    month: str,
    number: Decimal,
    allow_decrease: bool,
    note: str | None,
) -> None:
    """Year-to-date totals of an up-target only grow; levels (rates, stocks, amounts to
    bring down) may move either way (`decrease_of`)."""
    clash = decrease_of(target.item, history, month, number)
    if clash is None:
        return
    if not allow_decrease:
        below, other, other_value = clash
        raise target.refuse(
            "edit.decrease" if below else "edit.above_later",
            f"history.{month}",
            month=month,
            value=toml_number(number),
            other=other,
            other_value=toml_number(other_value),
        )
    if not note:
        raise target.refuse("edit.decrease_needs_note", f"history.{month}")


def _put_history(
    target: _Target,
    expected: dict[str, Any],
    headers: set[str],
    month: str,
    entry: Entry,
    migrated: str | None,
    history: dict[str, Decimal],
) -> set[str]:
    """Write the month (and a migrated single actual) into `[id.history]`; the keys."""
    import tomlkit

    item_id = target.item.id
    table = target.table
    hist = table.get("history")
    # The month as the file writes it ("2024-０３" is 2024-03): that line is the one to
    # change; adding 2024-03 beside it would give the month twice.
    spelled = next(
        (str(k) for k in (hist or {}) if str(k) != month and _canonical(str(k)) == month),
        month,
    )
    new_months: dict[str, Any] = {spelled: entry.expected}
    if migrated is not None and migrated != month:
        new_months = {migrated: history[migrated], month: entry.expected}
    expected.setdefault("history", {}).update(new_months)
    if hist is None:
        hist = tomlkit.table()
        for key in sorted(new_months):
            text = entry.toml if key == month else toml_number(new_months[key])
            hist.add(key, tomlkit.value(text))
        hist.trivia.indent = "\n"
        _put(table, "history", hist)
        # as tomlkit writes it: bare, or quoted as the item's own header is
        headers.update({f"[{item_id}.history]", f'["{item_id}".history]', f"['{item_id}'.history]"})
    else:
        _put(hist, spelled, tomlkit.value(entry.toml))
    if migrated is not None and "reported" in table:
        del table["reported"]
        expected.pop("reported", None)
    return set(new_months)


def _correct(
    target: _Target,
    expected: dict[str, Any],
    month: str,
    was: Decimal,
    reason: str | None,
    today: dt.date,
    key: str = "history",
) -> None:
    """Keep the figure `was` that a correction of `month` replaces."""
    from plancheck.write.records import add_table, correction_table

    header, lines, read = correction_table(target.item.id, month, was, today, reason or "", key)
    add_table(target, header, lines)
    expected.setdefault("corrections", []).append(read)


def set_milestone(
    root: Path,
    item_id: str,
    year: int,
    state: MilestoneState,
    date: dt.date | None,
    note: str | None = None,
) -> EditResult:
    """Set a milestone's state, with the date it was started or done."""
    with ledger_lock(root):
        target = _open(root, year, item_id)
        item = target.item
        if item.kind is not Kind.MILESTONE:
            raise target.refuse("edit.not_milestone", "state")
        if date is not None and date.year != year:
            raise target.refuse("value.month_year", "state", month=date.isoformat(), year=year)
        if (
            state is MilestoneState.DONE
            and date is not None
            and item.started is not None
            and date < item.started
        ):
            raise target.refuse("milestone.order", "done", started=item.started, done=date)
        import tomlkit

        table = target.table
        expected = _raw_item(target)
        changes: list[tuple[str, str | None, str]] = [
            ("state", item.state.value if item.state else None, state.value)
        ]
        _set_string(table, "state", state.value)
        expected["state"] = state.value
        keys = {"state", "note", "done", "started"}
        # Dates that no longer hold go: a milestone set back from done has no done date, one
        # set back to planned has no start date either.
        stale = {"done"} if state is not MilestoneState.DONE else set()
        if state is MilestoneState.PLANNED:
            stale.add("started")
        for key in sorted(stale):
            if key in table:
                del table[key]
                expected.pop(key, None)
                changes.append((key, str(getattr(item, key)), "—"))
        if date is not None and state in (MilestoneState.STARTED, MilestoneState.DONE):
            key = "done" if state is MilestoneState.DONE else "started"
            _put(table, key, tomlkit.date(date.isoformat()))
            expected[key] = date
            changes.append(
                (key, item.done_text or None if key == "done" else None, date.isoformat())
            )
            keys.add(key)
        if note:
            _set_string(table, "note", note)
            expected["note"] = note
            changes.append(("note", item.note or None, note))
        _write(target, keys, expected)
        return EditResult(target.path, item_id, tuple(changes))


def _canonical(key: str) -> str | None:
    """ "YYYY-MM" of a history key written in any digits, or None."""
    from plancheck.read.itemreader import parse_month

    ym = parse_month(key)
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else None
