"""Dates of a ledger year: month ends, months elapsed, the default year and as-of date (pure)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from plancheck.model import Item, Ledger, MilestoneState


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def month_end_of(ym: str) -> dt.date:
    return month_end(int(ym[:4]), int(ym[5:7]))


@functools.lru_cache(maxsize=256)
def elapsed_months(year: int, as_of: dt.date) -> int:
    """Whole months of `year` that have ended by `as_of` (0–12)."""
    if as_of.year < year:
        return 0
    if as_of.year > year:
        return 12
    months = as_of.month - 1
    if as_of == month_end(as_of.year, as_of.month):
        months += 1
    return months


@functools.lru_cache(maxsize=256)
def as_of_month(year: int, as_of: dt.date) -> str:
    """The latest "YYYY-MM" whose values are known at `as_of`."""
    months = elapsed_months(year, as_of)
    return f"{year:04d}-{months:02d}" if months else f"{year:04d}-00"


def data_months(items: Iterable[Item]) -> tuple[set[str], bool]:
    """Months with dated data, and whether any actual is undated."""
    months: set[str] = set()
    undated = False
    for item in items:
        if item.history:
            months.add(item.history[-1][0])
        elif item.reported:
            months.add(item.reported)
        elif item.actual is not None or item.actual_growth_pct is not None:
            undated = True
        for d in (item.done, item.started):
            if d is not None and d.year == item.year:
                months.add(f"{d.year:04d}-{d.month:02d}")
    return months, undated


def default_year(ledger: Ledger, today: dt.date) -> int | None:
    """The most recent year that has actuals; else the most recent year not in the future."""
    with_data = {
        i.year
        for i in ledger.items
        if i.actual is not None
        or i.history
        or i.state in (MilestoneState.STARTED, MilestoneState.DONE)
    }
    if with_data:
        return max(with_data)
    years = ledger.years
    if not years:
        return None
    past = [y for y in years if y <= today.year]
    return max(past) if past else min(years)


def default_as_of(items: Iterable[Item], year: int, today: dt.date) -> dt.date:
    """The end of the latest month with data; the year's end for a past year with undated data."""
    months, undated = data_months(items)
    if undated:
        return dt.date(year, 12, 31) if year < today.year else min(today, dt.date(year, 12, 31))
    if months:
        return month_end_of(max(months))
    if year < today.year:
        return dt.date(year, 12, 31)
    if year > today.year:
        return dt.date(year, 1, 1)
    return today


def latest_reported_month(items: Iterable[Item], as_of: dt.date) -> str | None:
    """The latest month (≤ as-of) for which any item has a history value."""
    latest: str | None = None
    for item in items:
        if not item.history:
            continue
        year_month = as_of_month(item.year, as_of)
        for m, _ in reversed(item.history):
            if m <= year_month:
                if latest is None or m > latest:
                    latest = m
                break
    return latest
