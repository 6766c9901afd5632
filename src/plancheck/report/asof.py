"""An item as it stood: the target in force at a month, the figures known on a day (pure).

A report for an earlier month must show what that month's meeting saw.  A target revised
in July is not the target of June (`target_in_force`); a figure corrected on 25 June was,
for the meeting of 20 June, the figure it replaced (`as_known`).  `item_at` applies both
and returns the item the evaluation sees; an item without revisions or corrections is
returned unchanged (the same object: most items of a large ledger).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from plancheck.model import Correction, Item, Kind, Reporting, Revision

__all__ = [
    "as_known",
    "corrections_after",
    "item_at",
    "revisions_in_force",
    "target_in_force",
]


def revisions_in_force(item: Item, month: str) -> tuple[Revision, ...]:
    """The revisions that apply at "YYYY-MM" `month` (an undated one applies all year)."""
    return tuple(r for r in item.revisions if not r.month or r.month <= month)


def target_in_force(item: Item, month: str, known: dt.date | None = None) -> Item:
    """The item with the target that applied at `month` (and was decided by `known`): an
    item whose revisions all come later is shown with its original target, unrevised."""
    if not item.revisions:
        return item
    kept = tuple(
        r
        for r in revisions_in_force(item, month)
        if known is None or r.date is None or r.date <= known
    )
    if len(kept) == len(item.revisions):
        return item
    growth = item.kind is Kind.GROWTH
    original = item.original_target_growth_pct if growth else item.original_target
    value = kept[-1].target if kept else original
    changes: dict[str, object] = {"revisions": kept}
    if growth:
        changes["target_growth_pct"] = value
        changes["original_target_growth_pct"] = original if kept else None
    else:
        changes["target"] = value
        changes["original_target"] = original if kept else None
    changes["target_reason"] = kept[-1].reason if kept else ""
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def corrections_after(item: Item, known: dt.date) -> tuple[Correction, ...]:
    """The item's corrections made after the day `known` (undated ones count as earlier)."""
    return tuple(c for c in item.corrections if c.date is not None and c.date > known)


def as_known(item: Item, known: dt.date) -> Item:
    """The item's figures as they were known on `known`: each month corrected later shows
    the figure it had then (the earliest later correction's `was`)."""
    later = corrections_after(item, known)
    if not later:
        return item
    history, growth = dict(item.history), dict(item.growth_history)
    undone: set[tuple[str, str]] = set()
    for c in later:  # oldest first: the first later correction holds the figure known then
        if (c.key, c.month) in undone:
            continue
        undone.add((c.key, c.month))
        (growth if c.key == "growth" else history)[c.month] = c.was
    changes: dict[str, object] = {
        "history": tuple(sorted(history.items())),
        "growth_history": tuple(sorted(growth.items())),
        "corrections": tuple(c for c in item.corrections if c not in later),
    }
    if item.history and item.actual is not None:  # the actual the history makes
        values = [v for _, v in sorted(history.items())]
        monthly = item.reporting is Reporting.MONTHLY
        changes["actual"] = sum(values, Decimal(0)) if monthly else values[-1]
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def item_at(item: Item, month: str, known: dt.date | None = None) -> Item:
    """The item as the evaluation at "YYYY-MM" `month` sees it, known on day `known`."""
    if not item.revisions and not item.corrections:
        return item
    if known is not None:
        item = as_known(item, known)
    return target_in_force(item, month, known)
