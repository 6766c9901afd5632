"""The progress notice (通报) for a dispatch meeting, as a value built from a Report.

Pure and deterministic: the same report gives the same summary, with every list in a
documented order.  Nothing is rounded or worded here; the renderers in
`plancheck.render.summary_text` and `plancheck.render.summary_markdown` do that.

The rules, in one place (the README repeats them):

* **Key economic indicators** (主要经济指标): every item of the year's first section (the
  report's opening overview, 总体情况) that is not a milestone, in ledger order; then every
  other item whose year-over-year growth is known and whose unit is money (元, 万元, 亿元),
  in report order.  An item recorded as `same_as` another item of the report is shown as
  that item (which carries the growth); an item that is a part (其中) of one already listed
  is left out; no item appears twice.
* **Shortfalls** (未完成、逾期、受阻、滞后): missed, then overdue, then blocked, then behind
  (`SEVERITY_RANK`); within missed the lowest completion first, within behind the most
  percentage points behind expected progress first, within overdue and blocked the
  earliest due date first; ties by id.
* **Highlights**: exceeded targets, the highest completion first, ties by id.
* **Milestones due soon**: planned or started milestones due from the as-of date up to the
  same day of the next month (up to the next month's end when the as-of date is a month's
  end).  **Overdue**: due before the as-of date and not done, earliest due first.
* **Not updated**: items with data but none for the ledger's latest reported month;
  **no data**: items with a target and no actual yet.
* **Weaknesses** (存在不足): those the ledger records for the year, unless the summary is
  limited to some owners (they are the whole entity's, not one office's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from plancheck.model import Direction, Kind, Ledger
from plancheck.report.evaluate import SEVERITY_RANK, ItemResult, Light, Report, Status, month_end

MONEY_UNITS = frozenset({"元", "万元", "亿元"})
"""Units that make an item with year-over-year growth a key economic indicator."""

SHORTFALL_STATUSES = (Status.MISSED, Status.OVERDUE, Status.BLOCKED, Status.BEHIND)
"""The statuses of the red list, worst first."""

_FAR = dt.date.max.toordinal()


@dataclass(frozen=True)
class Tally:
    """The counts of the headline paragraph; every one is a count of report items."""

    items: int
    """All items of the report (targets, milestones and indicators)."""
    with_target: int
    """Items that have a target or are milestones (everything but `no_target`)."""
    quantified: int
    """Items with a numeric target (with_target − milestones)."""
    indicators: int
    """Indicators (kind `indicator`): tracked for reference, no target."""
    pending: int
    """Items of another kind whose target is not set yet (目标待定)."""
    met: int
    """Met or exceeded (完成, including 超额完成)."""
    exceeded: int
    on_pace: int
    behind: int
    missed: int
    no_data: int
    milestones: int
    done: int
    started: int
    planned: int
    overdue: int
    blocked: int
    green: int
    yellow: int
    red: int


@dataclass(frozen=True)
class Summary:
    """Everything a progress notice says, in the order it says it."""

    report: Report
    """The evaluation the summary is drawn from (entity, year, as-of date, counts …)."""
    owners: tuple[str, ...]
    """The owners the summary is limited to (empty: the whole entity)."""
    tally: Tally
    key: tuple[ItemResult, ...]
    """Key economic indicators (rule in the module docstring)."""
    shortfalls: tuple[ItemResult, ...]
    """Missed, overdue, blocked and behind items, worst first."""
    highlights: tuple[ItemResult, ...]
    """Exceeded targets, highest completion first."""
    due_soon: tuple[ItemResult, ...]
    """Milestones not done that fall due between the as-of date and `due_until`."""
    due_until: dt.date
    overdue: tuple[ItemResult, ...]
    """Milestones past their due date and not done, earliest due first."""
    stale: tuple[ItemResult, ...]
    """Items with data, but none for the latest reported month (`report.latest_month`)."""
    no_data: tuple[ItemResult, ...]
    """Items with a target and no actual yet."""
    weaknesses: tuple[str, ...]
    """The shortcomings the ledger records for the year (存在不足)."""
    score_cap: Decimal
    """Completion counted towards a score is capped at this percentage."""

    @property
    def period_over(self) -> bool:
        return self.report.elapsed_months == 12


# --------------------------------------------------------------------------- orderings


def _due_ordinal(r: ItemResult) -> int:
    return r.item.due.toordinal() if r.item.due is not None else _FAR


def severity_key(r: ItemResult) -> tuple[int, Decimal, int, str]:
    """Sort key of the red list: status rank, then how far below, then due date, then id."""
    zero = Decimal(0)
    if r.status is Status.BEHIND:
        how_far = -(r.behind_pp if r.behind_pp is not None else zero)
    elif r.status is Status.MISSED:
        how_far = r.completion_pct if r.completion_pct is not None else zero
    else:
        how_far = zero
    return SEVERITY_RANK[r.status], how_far, _due_ordinal(r), r.item.id


def shortfalls(results: tuple[ItemResult, ...]) -> tuple[ItemResult, ...]:
    """The red list: missed, overdue, blocked and behind items, worst first."""
    return tuple(sorted((r for r in results if r.is_shortfall), key=severity_key))


def excess(r: ItemResult) -> Decimal | None:
    """How far an exceeded target is beyond its goal, exactly: in the item's unit for
    amounts, in percentage points for rates and growth targets."""
    item = r.item
    if r.status is not Status.EXCEEDED:
        return None
    if item.kind is Kind.GROWTH:
        if r.yoy_pct is None or item.target_growth_pct is None:
            return None
        if item.direction is Direction.DOWN:  # fell further than the target asked
            return item.target_growth_pct - r.yoy_pct
        return r.yoy_pct - item.target_growth_pct
    if r.actual is None or r.target is None:
        return None
    if item.direction is Direction.DOWN:
        return r.target - r.actual
    return r.actual - r.target


def next_month(as_of: dt.date) -> dt.date:
    """The same day of the next month (its last day when `as_of` is a month's end)."""
    year, month = (as_of.year + 1, 1) if as_of.month == 12 else (as_of.year, as_of.month + 1)
    last = month_end(year, month)
    if as_of == month_end(as_of.year, as_of.month):
        return last
    return dt.date(year, month, min(as_of.day, last.day))


# --------------------------------------------------------------------------- sections


def key_indicators(report: Report, headline_section: str) -> tuple[ItemResult, ...]:
    """The key economic indicators (rule in the module docstring)."""
    # keyed by township and id: in a county several townships share ids
    by_id = {(r.item.entity, r.item.id): r for r in report.items}
    chosen: list[ItemResult] = []
    seen: set[tuple[str, str]] = set()

    def add(r: ItemResult) -> None:
        other = (r.item.entity, r.item.same_as)
        if r.item.same_as and other in by_id:
            r = by_id[other]
        key = (r.item.entity, r.item.id)
        if key in seen:
            return
        if any(r.item.id in c.item.parts and c.item.entity == r.item.entity for c in chosen):
            return
        seen.add(key)
        chosen.append(r)

    for r in report.items:
        if r.item.section == headline_section and r.item.kind is not Kind.MILESTONE:
            add(r)
    for r in report.items:
        if r.item.section != headline_section and r.yoy_pct is not None:
            if r.item.unit in MONEY_UNITS:
                add(r)
    return tuple(chosen)


def tally(report: Report) -> Tally:
    c = report.totals
    kinds = [r.item.kind for r in report.items]
    milestones = kinds.count(Kind.MILESTONE)
    indicators = kinds.count(Kind.INDICATOR)
    with_target = c.items - c.status(Status.NO_TARGET)
    return Tally(
        items=c.items,
        with_target=with_target,
        quantified=with_target - milestones,
        indicators=indicators,
        pending=c.status(Status.NO_TARGET) - indicators,
        met=c.status(Status.MET) + c.status(Status.EXCEEDED),
        exceeded=c.status(Status.EXCEEDED),
        on_pace=c.status(Status.ON_PACE),
        behind=c.status(Status.BEHIND),
        missed=c.status(Status.MISSED),
        no_data=c.status(Status.NO_DATA),
        milestones=milestones,
        done=c.status(Status.DONE),
        started=c.status(Status.STARTED),
        planned=c.status(Status.PLANNED),
        overdue=c.status(Status.OVERDUE),
        blocked=c.status(Status.BLOCKED),
        green=c.light(Light.GREEN),
        yellow=c.light(Light.YELLOW),
        red=c.light(Light.RED),
    )


def headline_section(ledger: Ledger, year: int) -> str:
    """The section of the year's first item: the report's opening overview."""
    items = ledger.items_of(year)
    return items[0].section if items else ""


def build_summary(report: Report, ledger: Ledger, owners: tuple[str, ...] = ()) -> Summary:
    """The summary of `report`; `ledger` gives the headline section and the weaknesses,
    `owners` the owners the report was limited to (it leaves the weaknesses out)."""
    results = report.items
    until = next_month(report.as_of)
    due_soon = sorted(
        (
            r
            for r in results
            if r.status in (Status.PLANNED, Status.STARTED)
            and r.item.due is not None
            and report.as_of <= r.item.due <= until
        ),
        key=lambda r: (_due_ordinal(r), r.item.id),
    )
    overdue = sorted(
        (r for r in results if r.status is Status.OVERDUE),
        key=lambda r: (_due_ordinal(r), r.item.id),
    )
    highlights = sorted(
        (r for r in results if r.status is Status.EXCEEDED),
        key=lambda r: (-(r.completion_pct or Decimal(0)), r.item.id),
    )
    weaknesses = () if owners else tuple(w.text for w in ledger.weaknesses if w.year == report.year)
    return Summary(
        report=report,
        owners=owners,
        tally=tally(report),
        key=key_indicators(report, headline_section(ledger, report.year)),
        shortfalls=shortfalls(results),
        highlights=tuple(highlights),
        due_soon=tuple(due_soon),
        due_until=until,
        overdue=tuple(overdue),
        stale=tuple(
            r
            for r in results
            if r.stale and r.actual_month is not None and r.status is not Status.NO_DATA
        ),
        no_data=tuple(r for r in results if r.status is Status.NO_DATA),
        weaknesses=weaknesses,
        score_cap=ledger.settings.score_cap,
    )
