"""Pure evaluation: ledger × options → report.

Completion, expected progress (序时进度), gap, year-over-year growth, status and traffic
light for every item, and roll-ups by section and owner.  Everything is `Decimal` and
unrounded; renderers round half up when they display.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from plancheck.model import (
    Direction,
    Item,
    Kind,
    Ledger,
    LightThresholds,
    MilestoneState,
    Phasing,
)
from plancheck.periods import (
    as_of_month,
    data_months,
    default_as_of,
    default_year,
    elapsed_months,
    growth_at,
    known_at,
    latest_reported_month,
    month_end,
    same_period_baseline,
    value_at,
)
from plancheck.report.asof import item_at
from plancheck.report.qualified import qualify
from plancheck.report.results import (
    HUNDRED,
    LIGHT_ORDER,
    SEVERITY_RANK,
    STATUS_ORDER,
    Counts,
    Group,
    ItemResult,
    Light,
    Options,
    Report,
    Status,
)

__all__ = [
    "HUNDRED", "LIGHT_ORDER", "SEVERITY_RANK", "STATUS_ORDER", "Counts", "Group", "ItemResult",
    "Light", "Options", "Report", "Status", "data_months", "default_as_of", "default_year",
    "elapsed_months", "evaluate", "evaluate_item", "latest_reported_month", "month_end",
]  # fmt: skip

TWELVE = Decimal(12)
ZERO = Decimal(0)
_LINEAR = tuple(Decimal(months) / TWELVE * HUNDRED for months in range(13))
"""Expected progress of a linear target after 0–12 months (one value each, shared)."""


# --------------------------------------------------------------------------- one item


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return numerator / denominator * HUNDRED


def expected_for(item: Item, target: Decimal | None, months: int) -> Decimal | None:
    """Expected progress (序时进度, percent) after `months` whole months."""
    if target is None:
        return None
    phasing = item.effective_phasing
    if phasing is Phasing.LEVEL:
        return HUNDRED
    if phasing is Phasing.YEAR_END:
        return HUNDRED if months == 12 else Decimal(0)
    if phasing is Phasing.PLAN:
        upto = f"{item.year:04d}-{months:02d}"
        planned = [v for m, v in item.plan if m <= upto]
        if not planned:
            return Decimal(0)
        if item.direction is Direction.DOWN:
            if item.baseline is None or item.baseline == target:
                return HUNDRED
            return _pct(item.baseline - planned[-1], item.baseline - target)
        return _pct(planned[-1], target) if target else HUNDRED
    if item.due is not None and item.kind is Kind.AMOUNT:
        return _linear_to(item.due, item.year, months)
    return _LINEAR[months]


def _linear_to(due: dt.date, year: int, months: int) -> Decimal:
    """An amount due at the end of a month (a county's 完成时限 "9月底前"): expected progress
    rises linearly to 100 % at that month (one twelfth a month when it is due at year end)."""
    last = due.month if due.year == year else (12 if due.year > year else 1)
    if months >= last:
        return HUNDRED
    return Decimal(months) * HUNDRED / Decimal(last)


def completion_for(item: Item, target: Decimal, actual: Decimal) -> Decimal | None:
    """Completion (完成率, percent) of an amount or rate item at `actual`."""
    if item.direction is Direction.DOWN:
        if item.baseline is not None and item.baseline != target:
            return _pct(item.baseline - actual, item.baseline - target)
        if actual <= target:
            return HUNDRED
        return _pct(target, actual)
    return _pct(actual, target)


def _light(status: Status, behind: Decimal | None, t: LightThresholds) -> Light | None:
    if status in (Status.MISSED, Status.OVERDUE, Status.BLOCKED):
        return Light.RED
    if status is Status.BEHIND:
        if behind is None or behind > t.red:
            return Light.RED
        if behind >= t.yellow:
            return Light.YELLOW
        return Light.GREEN
    if status in (Status.NO_DATA, Status.NO_TARGET):
        return None
    return Light.GREEN


def evaluate_milestone(item: Item, as_of: dt.date) -> ItemResult:
    state = item.state or MilestoneState.PLANNED
    if state is MilestoneState.DONE and item.done is not None and item.done > as_of:
        state = (
            MilestoneState.STARTED
            if (item.started and item.started <= as_of)
            else MilestoneState.PLANNED
        )
    if state is MilestoneState.STARTED and item.started is not None and item.started > as_of:
        state = MilestoneState.PLANNED
    status = {
        MilestoneState.PLANNED: Status.PLANNED,
        MilestoneState.STARTED: Status.STARTED,
        MilestoneState.DONE: Status.DONE,
        MilestoneState.BLOCKED: Status.BLOCKED,
    }[state]
    if status in (Status.PLANNED, Status.STARTED) and item.due is not None and item.due < as_of:
        status = Status.OVERDUE
    completion = HUNDRED if status is Status.DONE else None
    return ItemResult(
        item,
        None,
        None,
        None,
        None,
        completion,
        None,
        None,
        None,
        status,
        _light(status, None, LightThresholds()),
        state=state,
    )


def _yoy(item: Item, actual: Decimal | None, baseline: Decimal | None, upto: str) -> Decimal | None:
    """Growth over the same period last year (同比, percent): from the actual and the baseline,
    else the growth rate the ledger states, from the month it is dated (reported) on."""
    if actual is not None and baseline and not item.real_growth:  # real: as stated
        return (actual / baseline - 1) * HUNDRED
    if item.actual_growth_pct is not None and known_at(item, upto):
        return item.actual_growth_pct
    return None


def _stated_growth(
    item: Item, upto: str, yoy: Decimal | None, actual_month: str | None
) -> tuple[Decimal | None, str | None, bool]:
    """(yoy, its month, whether stated): the growth an office stated for a month up to
    `upto` (`[id.growth]`) when it is at least as recent as the amounts behind `yoy`."""
    rate, month = growth_at(item, upto)
    if rate is None or (actual_month is not None and month is not None and month < actual_month):
        return yoy, actual_month, False
    return rate, month, True


def _growth_target(item: Item, baseline: Decimal | None) -> Decimal | None:
    """The target amount of a growth item: the baseline grown by the target rate."""
    if item.target_growth_pct is None or baseline is None:
        return None
    return baseline * (1 + item.target_growth_pct / HUNDRED)


def _gap(item: Item, target: Decimal, actual: Decimal) -> Decimal:
    """How far the actual is from the target (0 once it is reached)."""
    if item.direction is Direction.DOWN:
        return max(actual - target, ZERO)
    return max(target - actual, ZERO)


def _growth_completion(item: Item, yoy: Decimal | None) -> Decimal | None:
    """Completion of a growth item: its growth against the target growth."""
    assert item.target_growth_pct is not None
    if yoy is None:
        return None
    if item.direction is Direction.DOWN:  # a reduction: falling further is better
        return _pct(HUNDRED + item.target_growth_pct, HUNDRED + yoy)
    return _pct(HUNDRED + yoy, HUNDRED + item.target_growth_pct)


def _status(
    item: Item,
    target: Decimal | None,
    actual: Decimal | None,
    known: bool,
    completion: Decimal | None,
    expected: Decimal | None,
    period_over: bool,
) -> Status:
    """The status of an amount, rate or growth item that has a target."""
    growth = item.kind is Kind.GROWTH
    if not known:
        return Status.NO_DATA
    if item.direction is Direction.DOWN and not growth:
        assert target is not None and actual is not None
        if actual <= target:
            return (
                Status.EXCEEDED if (completion is not None and completion > HUNDRED) else Status.MET
            )
        if period_over:
            return Status.MISSED
        if (
            completion is not None
            and expected is not None
            and completion >= expected
            and item.effective_phasing is not Phasing.LEVEL
        ):
            return Status.ON_PACE
        return Status.BEHIND
    if completion is None and target == 0 and not growth:
        return Status.MET  # a target of nothing is reached by anything (no rate to show)
    if completion is None:
        return Status.NO_DATA
    if completion > HUNDRED:
        return Status.EXCEEDED
    if completion == HUNDRED:
        return Status.MET
    if period_over:
        return Status.MISSED
    if expected is not None and completion >= expected:
        return Status.ON_PACE
    return Status.BEHIND


def evaluate_item(
    item: Item,
    options: Options,
    previous: Item | None = None,
    latest_month: str | None = None,
) -> ItemResult:
    """Evaluate one item; `previous` is the same id's item of the year before, if any."""
    if item.kind is Kind.MILESTONE:
        return evaluate_milestone(item, options.as_of)
    months = elapsed_months(item.year, options.as_of)
    upto = as_of_month(item.year, options.as_of)
    actual, actual_month = value_at(item, upto)
    period_over = months == 12
    baseline = same_period_baseline(item, actual_month, previous)
    yoy = _yoy(item, actual, baseline, upto)

    yoy, actual_month, stated = _stated_growth(item, upto, yoy, actual_month)
    growth = item.kind is Kind.GROWTH
    target = _growth_target(item, baseline) if growth else item.target
    no_target = item.kind is Kind.INDICATOR or (
        item.target_growth_pct is None if growth else target is None
    )
    if no_target:  # an indicator, or a plan item whose target is not set yet
        return qualify(ItemResult(
            item, None, actual, actual_month, baseline, None, None, None, yoy,
            Status.NO_TARGET, None,
        ), options.tolerance, period_over, options.cpi)  # fmt: skip

    expected = HUNDRED if growth else expected_for(item, target, months)
    completion: Decimal | None = None
    if growth:
        completion = _growth_completion(item, yoy)
    elif actual is not None and target is not None:
        completion = completion_for(item, target, actual)
    gap = _gap(item, target, actual) if actual is not None and target is not None else None
    known = yoy is not None if growth else actual is not None
    status = _status(item, target, actual, known, completion, expected, period_over)

    behind: Decimal | None = None
    if status is Status.BEHIND and expected is not None:
        behind = expected - (completion if completion is not None else Decimal(0))
    stale = False
    if latest_month is not None:
        stale = (actual is None and not stated) or (
            actual_month is not None and actual_month < latest_month
        )
    score: Decimal | None = None
    if item.weight is not None and completion is not None:
        score = item.weight * min(completion, options.score_cap) / HUNDRED
    result = ItemResult(
        item, target, actual, actual_month, baseline, completion, expected, gap, yoy, status,
        _light(status, behind, options.lights), behind, stale, score,
    )  # fmt: skip
    return qualify(result, options.tolerance, period_over, options.cpi)


# --------------------------------------------------------------------------- report


def count(results: Iterable[ItemResult]) -> Counts:
    results = list(results)
    statuses = Counter(r.status for r in results)
    lights = Counter(r.light for r in results if r.light is not None)
    weights = [r.item.weight for r in results if r.item.weight is not None]
    scores = [r.score for r in results if r.score is not None]
    return Counts(
        items=len(results),
        by_status=tuple((s, statuses[s]) for s in STATUS_ORDER if statuses[s]),
        by_light=tuple((lt, lights[lt]) for lt in LIGHT_ORDER if lights[lt]),
        score=sum(scores, Decimal(0)) if weights else None,
        weight=sum(weights, Decimal(0)) if weights else None,
    )


def _groups(results: list[ItemResult], key: str) -> tuple[Group, ...]:
    order: dict[str, list[ItemResult]] = {}
    for r in results:
        order.setdefault(getattr(r.item, key), []).append(r)
    return tuple(Group(k, count(v)) for k, v in order.items())


def _matches(item: Item, options: Options) -> bool:
    if options.sections and not any(s in item.section for s in options.sections):
        return False
    return not options.owners or item.owner in options.owners


def evaluate(ledger: Ledger, options: Options) -> Report:
    """Evaluate the items of `options.year` at `options.as_of`.

    In a ledger of several entities the items they share are summed (see rollup.py) unless
    `options.combine` is off or one entity is chosen; `by_entity` counts each entity's own.
    """
    upto = as_of_month(options.year, options.as_of)
    items = [
        item_at(i, upto, options.as_known)
        for i in ledger.items
        if i.year == options.year and (not options.entities or i.entity in options.entities)
    ]
    previous = {
        (i.entity, i.id): item_at(i, f"{i.year:04d}-12", options.as_known)
        for i in ledger.items
        if i.year == options.year - 1
    }
    latest = latest_reported_month(items, options.as_of)
    by_entity: tuple[Group, ...] = ()
    done: dict[int, ItemResult] = {}
    if ledger.entities:
        own = [
            evaluate_item(i, options, previous.get((i.entity, i.id)), latest)
            for i in items
            if _matches(i, options)
        ]
        by_entity = _groups(own, "entity")
        done = {id(r.item): r for r in own}  # items the roll-up passes through unchanged
        if options.combine and len({i.entity for i in items}) > 1:
            from plancheck.report.rollup import TOTAL, roll_up

            summed_previous = {(TOTAL, i.id): i for i in roll_up(previous.values())}
            previous.update(summed_previous)
            items = roll_up(items)
    results = [
        done.get(id(i)) or evaluate_item(i, options, previous.get((i.entity, i.id)), latest)
        for i in items
        if _matches(i, options)
    ]
    if options.only:
        results = [r for r in results if r.status in options.only]
    # Items of one section together, sections in the order they first appear.
    first: dict[str, int] = {}
    for index, r in enumerate(results):
        first.setdefault(r.item.section, index)
    results.sort(key=lambda r: first[r.item.section])
    months = elapsed_months(options.year, options.as_of)
    return Report(
        entity=ledger.settings.entity,
        year=options.year,
        as_of=options.as_of,
        elapsed_months=months,
        elapsed_pct=Decimal(months) / TWELVE * HUNDRED,
        latest_month=latest,
        items=tuple(results),
        totals=count(results),
        by_section=_groups(results, "section"),
        by_owner=_groups(results, "owner"),
        by_entity=by_entity,
    )
