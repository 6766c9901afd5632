"""The progress notice (通报) for a dispatch meeting, as a value built from a Report.

Pure and deterministic: the same report gives the same summary, with every list in a
documented order.  Nothing is rounded or worded here; the renderers in
`plancheck.render.summary_text` and `plancheck.render.summary_markdown` do that.

The rules, in one place (the README repeats them):

* **Key economic indicators** (主要经济指标): the ids of `[summary] key_indicators`, in that
  order, when the settings give them.  Otherwise every item that is not a milestone, whose
  unit is money (元, 万元, 亿元) and whose section or name says 经济, 财政, 税收, 投资, 产值,
  收入 or 消费 (`KEY_WORDS`), whose name is not a project's (项目: a project's investment is
  the project's figure, not the township's) and that is in the first section (the
  overview) or has a target or a year-over-year growth, in section order (below), then
  ledger order.  An item recorded as `same_as` another item of the report is shown as
  that item; an item that is a part (其中) of one already listed is left out; no item
  appears twice.
* **Sections** are ordered as `[summary] sections` lists them (a section matches the first
  entry it contains), else by their Chinese numerals (一、 / （一）…), those without a numeral
  (总体情况) first.  Lists kept in ledger order (key indicators, stale, no data) follow it.
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
* **Counts**: at year end 已完成 counts every met or exceeded target.  Mid-year it counts
  only amounts that reached their full-year target (`met`); ceilings and reductions within
  their target are `within_ceiling` (控制在目标内), growth and rate targets at their level
  `at_level` (达到目标水平): they can still slip before the year ends.
* **Ranking, month-on-month, behind streaks**: `plancheck.report.standing`.  When the
  period is over (as of December's end) there is no month-on-month: the notice gives the
  year's account (未完成, not 新滞后 since November).
* **Weaknesses** (存在不足): those the ledger records for the year, unless the summary is
  limited to some owners (they are the whole entity's, not one office's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from plancheck.model import Direction, Kind, Ledger, SummarySettings
from plancheck.report.evaluate import (
    SEVERITY_RANK,
    ItemResult,
    Light,
    Options,
    Report,
    Status,
    month_end,
)
from plancheck.report.keyfigures import (
    KEY_WORDS,
    MONEY_UNITS,
    in_section_order,
    key_indicators,
    ordered_sections,
)
from plancheck.report.standing import (
    MonthOnMonth,
    Standing,
    behind_streaks,
    month_on_month,
    ranking,
)

__all__ = ["KEY_WORDS", "MONEY_UNITS", "key_indicators", "ordered_sections"]  # re-exported

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
    """Met or exceeded (完成, including 超额完成); mid-year only amounts (module docstring)."""
    within_ceiling: int
    """Mid-year: ceilings and reductions within their target (控制在目标内); 0 at year end."""
    at_level: int
    """Mid-year: growth and rate targets at their level (达到目标水平); 0 at year end."""
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
    sections: tuple[str, ...]
    """The report's sections in the notice's order (rule in the module docstring)."""
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
    issued: dt.date | None = None
    """The date of issue printed under the 落款 (None: not printed)."""
    settings: SummarySettings = field(default_factory=SummarySettings)
    """主送, 落款 and the configured orders."""
    ranking: tuple[Standing, ...] = ()
    """The offices ranked (各责任单位完成情况排名), best first."""
    month_on_month: MonthOnMonth | None = None
    """The comparison with the previous month's end (None in January, at the year's end,
    or when not asked)."""
    streaks: Mapping[tuple[str, str], int] | None = None
    """Behind items by (entity, id): how many month-ends in a row they have been behind."""

    def streak(self, r: ItemResult) -> int:
        """Month-ends in a row `r` has been behind (0 when it is not behind)."""
        return (self.streaks or {}).get((r.item.entity, r.item.id), 0)

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


def _kept_ceiling(r: ItemResult) -> bool:
    """A ceiling kept during the year: on pace (not 完成 before the year ends) and within."""
    return (
        r.status is Status.ON_PACE
        and r.item.direction is Direction.DOWN
        and r.actual is not None
        and r.target is not None
        and r.actual <= r.target
    )


def issue_date(as_of: dt.date, today: dt.date, given: dt.date | None = None) -> dt.date | None:
    """The date under the 落款: `given` (`summary --date`); else today when the notice is
    for the current period — as of this month or the last (a month's notice is issued in
    the month after it); else none (a notice for an earlier period is not dated today)."""
    if given is not None:
        return given
    months = (today.year - as_of.year) * 12 + today.month - as_of.month
    return today if months in (0, 1) else None


def _mid_year_met(report: Report) -> tuple[int, int, int]:
    """(amounts at their full-year target, ceilings within, growth and rates at level)."""
    met = within = level = 0
    for r in report.items:
        if _kept_ceiling(r):
            within += 1
            continue
        if r.status not in (Status.MET, Status.EXCEEDED):
            continue
        if r.item.direction is Direction.DOWN:
            within += 1
        elif r.item.kind is Kind.AMOUNT:
            met += 1
        else:
            level += 1
    return met, within, level


def tally(report: Report) -> Tally:
    c = report.totals
    if report.elapsed_months == 12:
        met, within, level = c.status(Status.MET) + c.status(Status.EXCEEDED), 0, 0
    else:
        met, within, level = _mid_year_met(report)
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
        met=met,
        within_ceiling=within,
        at_level=level,
        exceeded=sum(
            1
            for r in report.items
            if r.status is Status.EXCEEDED and (report.elapsed_months == 12 or _counts_as_met(r))
        ),
        on_pace=c.status(Status.ON_PACE) - sum(1 for r in report.items if _kept_ceiling(r)),
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


def _milestones(
    results: tuple[ItemResult, ...], as_of: dt.date, until: dt.date
) -> tuple[tuple[ItemResult, ...], tuple[ItemResult, ...]]:
    """(due from `as_of` to `until` and not done, overdue), each earliest due first."""
    due_soon = sorted(
        (
            r
            for r in results
            if r.status in (Status.PLANNED, Status.STARTED)
            and r.item.due is not None
            and as_of <= r.item.due <= until
        ),
        key=lambda r: (_due_ordinal(r), r.item.id),
    )
    overdue = sorted(
        (r for r in results if r.status is Status.OVERDUE),
        key=lambda r: (_due_ordinal(r), r.item.id),
    )
    return tuple(due_soon), tuple(overdue)


def _counts_as_met(r: ItemResult) -> bool:
    return r.item.kind is Kind.AMOUNT and r.item.direction is Direction.UP


def build_summary(
    report: Report,
    ledger: Ledger,
    owners: tuple[str, ...] = (),
    previous: Report | None = None,
    issued: dt.date | None = None,
) -> Summary:
    """The summary of `report`; `ledger` gives the settings, the weaknesses and last year's
    items, `owners` the owners the report was limited to (it leaves the weaknesses out),
    `previous` the same evaluation at the previous month's end (for 较上月)."""
    results = report.items
    settings = ledger.settings.summary
    until = next_month(report.as_of)
    due_soon, overdue = _milestones(results, report.as_of, until)
    sections = ordered_sections(report, settings.sections)
    red_list = shortfalls(results)
    # the year's account compares with the year's targets, not with November
    mom = None if report.elapsed_months == 12 else month_on_month(previous, report)
    options = Options(
        year=report.year,
        as_of=report.as_of,
        lights=ledger.settings.lights,
        score_cap=ledger.settings.score_cap,
    )
    last_year = {(i.entity, i.id): i for i in ledger.items if i.year == report.year - 1}
    highlights = sorted(
        (r for r in results if r.status is Status.EXCEEDED),
        key=lambda r: (-(r.completion_pct or Decimal(0)), r.item.id),
    )
    weaknesses = () if owners else tuple(w.text for w in ledger.weaknesses if w.year == report.year)
    return Summary(
        report=report,
        owners=owners,
        tally=tally(report),
        key=key_indicators(report, settings.key_indicators, sections),
        sections=sections,
        shortfalls=red_list,
        highlights=tuple(highlights),
        due_soon=due_soon,
        due_until=until,
        overdue=overdue,
        stale=in_section_order(
            [
                r
                for r in results
                if r.stale and r.actual_month is not None and r.status is not Status.NO_DATA
            ],
            sections,
        ),
        no_data=in_section_order([r for r in results if r.status is Status.NO_DATA], sections),
        weaknesses=weaknesses,
        score_cap=ledger.settings.score_cap,
        settings=settings,
        issued=issued,
        ranking=ranking(report, red_list, mom),
        month_on_month=mom,
        streaks=behind_streaks(report, options, last_year),
    )
