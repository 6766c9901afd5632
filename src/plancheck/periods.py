"""Dates of a ledger year and an item's figures in time (pure).

Month ends, months elapsed, the default year and as-of date; and the one place that says
what an item's figure is at a month (`value_at`), which month its figures are dated
(`dated_month`), and the baseline for the same period (`same_period_baseline`) — used by
evaluation (plancheck.report), the roll-up and `check`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from decimal import Decimal

from plancheck.model import Item, Ledger, MilestoneState, Reporting


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
        if item.growth_history:
            months.add(item.growth_history[-1][0])
        dated = dated_month(item)
        if dated:
            months.add(dated)
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


# --------------------------------------------------------------------------- an item in time


def dated_month(item: Item) -> str | None:
    """The "YYYY-MM" the item's latest figures (its actual, its stated growth) refer to: the
    last history month, else `reported`; None when undated (the year's figure)."""
    return item.history[-1][0] if item.history else item.reported


def value_at(item: Item, month: str | None = None) -> tuple[Decimal | None, str | None]:
    """The item's year-to-date figure as known at the end of `month` ("YYYY-MM"), and the
    month it is dated (None when undated).

    With a history: the value of the latest month on or before `month` (the months up to it
    summed when reporting is monthly).  Without: the single `actual`, from its `reported`
    month on (an undated actual counts at any month).  A figure reported in a month later
    than `month` is not known yet: (None, None).  `month` None asks for the latest figure:
    the `actual` as written when there is one (the report's own figure, with its precision),
    else the history's.
    """
    history = item.history
    if month is None:
        if item.actual is not None or not history:
            return item.actual, dated_month(item)
        month = history[-1][0]
    if history:
        # months are in order: usually all of them are known at the month
        seen = history if history[-1][0] <= month else [h for h in history if h[0] <= month]
        if not seen:
            return None, None
        if item.reporting is Reporting.MONTHLY:
            return sum((v for _, v in seen), Decimal(0)), seen[-1][0]
        return seen[-1][1], seen[-1][0]
    if item.reported is not None and item.reported > month:
        return None, None
    return item.actual, item.reported


def growth_at(item: Item, month: str) -> tuple[Decimal | None, str | None]:
    """The year-to-date growth rate (percent) an office stated for the latest month on or
    before `month` (a growth item's `[id.growth]`), and that month; (None, None) when none."""
    latest: tuple[Decimal | None, str | None] = (None, None)
    for stated_month, rate in item.growth_history:
        if stated_month > month:
            break
        latest = (rate, stated_month)
    return latest


def known_at(item: Item, month: str) -> bool:
    """Whether the item's dated figures (an actual, a stated growth) are known at `month`."""
    dated = dated_month(item)
    return dated is None or dated <= month


def same_period_baseline(
    item: Item, actual_month: str | None, previous: Item | None
) -> Decimal | None:
    """The baseline to compare an actual dated `actual_month` with.

    The item's own baseline is a full-year figure: valid for a year-end (or undated) actual.
    Mid-year, last year's figure for the same months: the previous year's item's value at
    that month (its year-to-date value, summed when reported month by month), in this
    year's unit — when last year has a value for exactly that month.
    """
    if actual_month is None or actual_month.endswith("-12"):
        return item.baseline
    if previous is None or not previous.history:
        return None
    same = f"{previous.year:04d}-{actual_month[5:7]}"
    value, month = value_at(previous, same)
    if month != same or value is None:
        return None
    return _in_unit(value, previous.unit, item.unit)


def _in_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """`value` in `unit` expressed in `wanted` (None across dimensions)."""
    if unit == wanted:
        return value
    from plancheck.units import KNOWN_UNITS, UnitError, convert

    try:
        return convert(value, KNOWN_UNITS[unit], KNOWN_UNITS[wanted])
    except (KeyError, UnitError):
        return None


# --------------------------------------------------------------------------- defaults


def has_figures(item: Item) -> bool:
    """Whether the item records something of its own year: a figure, a stated growth, or a
    milestone started or done (a carried milestone's state is the year before's)."""
    if item.actual is not None or item.history or item.growth_history:
        return True
    if item.actual_growth_pct is not None:
        return True
    dates = [d for d in (item.started, item.done) if d is not None]
    if dates:
        return any(d.year == item.year for d in dates)
    return not item.carried_from and item.state in (MilestoneState.STARTED, MilestoneState.DONE)


def working_year(ledger: Ledger, today: dt.date) -> int | None:
    """The ledger's current plan year: the latest year whose items have figures; when none
    has, the earliest year whose targets are not all in the past (else the latest year)."""
    with_data = {i.year for i in ledger.items if has_figures(i)}
    if with_data:
        return max(with_data)
    years = ledger.years
    if not years:
        return None
    open_years = [y for y in years if y >= today.year or _due_after(ledger, y, today)]
    return min(open_years) if open_years else max(years)


def _due_after(ledger: Ledger, year: int, today: dt.date) -> bool:
    return any(i.due is not None and i.due >= today for i in ledger.items if i.year == year)


def latest_month(items: Iterable[Item], year: int) -> str | None:
    """The latest "YYYY-MM" of `year` with a recorded figure, or None."""
    months: set[str] = set()
    for item in items:
        if item.year != year:
            continue
        for series in (item.history, item.growth_history):
            if series:
                months.add(series[-1][0])
        if item.reported:
            months.add(item.reported)
    return max(months) if months else None


def entry_month(items: tuple[Item, ...], year: int, today: dt.date) -> str:
    """The default month for entering figures: the month after the year's latest recorded
    month (December at most); without figures, the last month ended by today within the
    year (January for a year to come, December for a year gone)."""
    latest = latest_month(items, year)
    if latest is not None:
        month = min(int(latest[5:7]) + 1, 12)
    elif today.year < year:
        month = 1
    elif today.year > year:
        month = 12
    else:
        month = max(today.month - 1, 1)
    return f"{year:04d}-{month:02d}"


def revision_month(items: Iterable[Item], year: int) -> str:
    """The default month a target revision applies from: the month after the year's latest
    recorded month (December at most), January when nothing is recorded yet — no meeting
    has seen the year's figures, so nothing earlier is rewritten."""
    latest = latest_month(items, year)
    month = min(int(latest[5:7]) + 1, 12) if latest is not None else 1
    return f"{year:04d}-{month:02d}"
