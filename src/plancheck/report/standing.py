"""How each office stands and what changed since last month: the progress notice's ranking,
month-on-month comparison and "behind for N months" (pure).

* **Ranking** (各责任单位完成情况排名): offices with a light on at least one item, ranked by
  their score as a share of their full marks (得分率) when the ledger weights items, else by
  their share of green items; equal values share a rank (1, 2, 2, 4), in report order.
  Items without an owner are not ranked.
* **Month-on-month** (较上月): the report at the previous month's end compared with this one
  by `plancheck.report.compare` (what `plancheck diff` shows): per office the points gained,
  the lights before and now, the items newly met and those that fell behind.
* **Behind streak** (连续N个月滞后): for an item behind now, how many month-ends in a row,
  this one included, it has been behind with a dated figure, evaluated with the same
  options; the notice says it from two months on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from plancheck.model import Item
from plancheck.report.changes import Change, ChangeKind, compare
from plancheck.report.evaluate import (
    HUNDRED,
    Counts,
    ItemResult,
    Light,
    Options,
    Report,
    Status,
    evaluate_item,
    month_end,
)

_LIT = (Light.GREEN, Light.YELLOW, Light.RED)


@dataclass(frozen=True)
class Standing:
    """One office's line of the ranking table."""

    owner: str
    rank: int
    """1 for the best; offices with equal `rate` share a rank."""
    items: int
    """Items of the office with a light (the ones ranked on)."""
    green: int
    yellow: int
    red: int
    green_behind: int
    """Green items that are nevertheless behind expected progress (listed as 滞后)."""
    shortfalls: int
    """Items of the office in the notice's shortfall list."""
    score: Decimal | None
    weight: Decimal | None
    rate: Decimal | None
    """得分率 (score ÷ full marks × 100) when weighted, else the share of green items (%)."""
    previous_score: Decimal | None = None
    """The office's score at the previous month's end, when compared."""
    previous_green: int | None = None
    """Green items at the previous month's end, when compared."""
    newly_met: tuple[ItemResult, ...] = ()
    """Items that reached their target (or milestones done) since the previous month."""
    fell_behind: tuple[ItemResult, ...] = ()
    """Items whose light got worse (or that went from on pace to behind) since then."""

    @property
    def score_change(self) -> Decimal | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


@dataclass(frozen=True)
class MonthOnMonth:
    """The comparison with the previous month's end."""

    previous: Report
    changes: tuple[Change, ...]
    """What `plancheck diff` lists, in ledger order."""
    before: Mapping[tuple[str, str], ItemResult]
    """Each item's result at the previous month's end, by (entity, id)."""

    def then(self, r: ItemResult) -> ItemResult | None:
        return self.before.get((r.item.entity, r.item.id))


def previous_month_end(as_of: dt.date) -> dt.date | None:
    """The end of the month before `as_of`'s, in the same year (None in January)."""
    if as_of.month == 1:
        return None
    return month_end(as_of.year, as_of.month - 1)


def month_on_month(previous: Report | None, now: Report) -> MonthOnMonth | None:
    if previous is None:
        return None
    before = {(r.item.entity, r.item.id): r for r in previous.items}
    return MonthOnMonth(previous, compare(previous, now), before)


def _rate(c: Counts, weighted: bool) -> Decimal | None:
    if weighted:
        if c.score is None or not c.weight:
            return None
        return c.score / c.weight * HUNDRED
    lit = sum(c.light(lt) for lt in _LIT)
    return Decimal(c.light(Light.GREEN)) / Decimal(lit) * HUNDRED if lit else None


def ranking(
    report: Report, shortfalls: tuple[ItemResult, ...], mom: MonthOnMonth | None
) -> tuple[Standing, ...]:
    """The offices ranked (rule in the module docstring)."""
    groups = [g for g in report.by_owner if g.key and sum(g.counts.light(lt) for lt in _LIT)]
    weighted = any(g.counts.weight is not None for g in groups)
    listed: dict[str, int] = {}
    green_behind: dict[str, int] = {}
    for r in shortfalls:
        listed[r.item.owner] = listed.get(r.item.owner, 0) + 1
        if r.light is Light.GREEN:
            green_behind[r.item.owner] = green_behind.get(r.item.owner, 0) + 1
    before = {g.key: g.counts for g in mom.previous.by_owner} if mom else {}
    met: dict[str, list[ItemResult]] = {}
    behind: dict[str, list[ItemResult]] = {}
    for change in mom.changes if mom else ():
        if change.kind in (ChangeKind.COMPLETED, ChangeKind.MILESTONE_REACHED):
            met.setdefault(change.after.item.owner, []).append(change.after)
        elif change.kind is ChangeKind.FELL_BEHIND:
            behind.setdefault(change.after.item.owner, []).append(change.after)
    rates = [(g, _rate(g.counts, weighted)) for g in groups]
    order = sorted(range(len(rates)), key=lambda i: (rates[i][1] is None, -(rates[i][1] or 0)))
    out: list[Standing] = []
    for position, index in enumerate(order):
        g, rate = rates[index]
        c = g.counts
        rank = position + 1
        if out and rate is not None and out[-1].rate == rate:
            rank = out[-1].rank  # a tie shares the rank; the next one skips (1, 2, 2, 4)
        then = before.get(g.key)
        out.append(
            Standing(
                owner=g.key,
                rank=rank,
                items=sum(c.light(lt) for lt in _LIT),
                green=c.light(Light.GREEN),
                yellow=c.light(Light.YELLOW),
                red=c.light(Light.RED),
                green_behind=green_behind.get(g.key, 0),
                shortfalls=listed.get(g.key, 0),
                score=c.score if weighted else None,
                weight=c.weight if weighted else None,
                rate=rate,
                previous_score=then.score if then is not None and weighted else None,
                previous_green=then.light(Light.GREEN) if then is not None else None,
                newly_met=tuple(met.get(g.key, ())),
                fell_behind=tuple(behind.get(g.key, ())),
            )
        )
    return tuple(out)


def behind_streaks(
    report: Report, options: Options, previous_year: Mapping[tuple[str, str], Item]
) -> dict[tuple[str, str], int]:
    """For each item behind now: the number of month-ends in a row it has been behind
    (this one included).  Only those items are evaluated again, once per earlier month; a
    month counts only when the item had a dated figure by then (an undated figure says
    nothing about earlier months, so such an item has no streak)."""
    out: dict[tuple[str, str], int] = {}
    # The options of each earlier month-end, made once (not once per item and month).
    earlier = [
        replace(options, as_of=month_end(report.year, month))
        for month in range(report.as_of.month - 1, 0, -1)
    ]
    for r in report.items:
        if r.status is not Status.BEHIND or r.actual_month is None:
            continue
        key = (r.item.entity, r.item.id)
        months = 1
        for at in earlier:
            then = evaluate_item(r.item, at, previous_year.get(key))
            if then.status is not Status.BEHIND or then.actual_month is None:
                break
            months += 1
        out[key] = months
    return out
