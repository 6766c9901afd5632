"""What an evaluation produces: statuses and lights, each item's result, the report.

The vocabulary shared by `plancheck.report.evaluate`, which computes these values, and the
renderers, which only format them (they import it from `plancheck.report.evaluate` too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from plancheck.model import Item, LightThresholds, MilestoneState, Tolerance, record

HUNDRED = Decimal(100)


class Status(StrEnum):
    """Where an item stands at the as-of date."""

    EXCEEDED = "exceeded"
    MET = "met"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    MISSED = "missed"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"
    PLANNED = "planned"
    STARTED = "started"
    DONE = "done"
    BLOCKED = "blocked"
    OVERDUE = "overdue"


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


STATUS_ORDER = tuple(Status)
LIGHT_ORDER = tuple(Light)
# The severity order used for shortfall lists: worst first.
SEVERITY_RANK = {
    Status.MISSED: 0, Status.OVERDUE: 1, Status.BLOCKED: 2, Status.BEHIND: 3,
    Status.NO_DATA: 4, Status.PLANNED: 5, Status.STARTED: 6, Status.ON_PACE: 7,
    Status.NO_TARGET: 8, Status.MET: 9, Status.DONE: 10, Status.EXCEEDED: 11,
}  # fmt: skip


@dataclass(frozen=True)
class Options:
    """Everything that shapes one evaluation, built by the CLI."""

    year: int
    as_of: dt.date
    lights: LightThresholds = field(default_factory=LightThresholds)
    score_cap: Decimal = HUNDRED
    sections: tuple[str, ...] = ()
    """Keep only items whose section contains one of these (empty: all)."""
    owners: tuple[str, ...] = ()
    """Keep only items of these owners (empty: all)."""
    only: tuple[Status, ...] = ()
    """Keep only items with these statuses (empty: all)."""
    entities: tuple[str, ...] = ()
    """In a ledger of several entities, keep only these (empty: all)."""
    combine: bool = True
    """In a ledger of several entities, sum the items they share (the county's view)."""
    tolerance: Tolerance = field(default_factory=Tolerance)
    """When an approximate target (左右) counts as met (the settings' `[figures]`)."""
    cpi: Decimal | None = None
    """The year's CPI rise in percent (the settings' `[figures] cpi`), when known."""
    as_known: dt.date | None = None
    """Show figures and targets as they were known on this day: later corrections and
    revisions undone (None: as the files say now)."""


@record
class ItemResult:
    """One item evaluated at the as-of date; every figure in the item's unit.

    Never changed once built (see `plancheck.model.record`)."""

    item: Item
    target: Decimal | None
    """The target amount or rate (for growth items, baseline × (1 + target growth))."""
    actual: Decimal | None
    """The actual known at the as-of date."""
    actual_month: str | None
    """"YYYY-MM" the actual belongs to, when dated."""
    baseline: Decimal | None
    """Last year's value for the same period, when known."""
    completion_pct: Decimal | None
    expected_pct: Decimal | None
    gap: Decimal | None
    """What is still missing to reach the target (0 when reached); percentage points for rates."""
    yoy_pct: Decimal | None
    status: Status
    light: Light | None
    behind_pp: Decimal | None = None
    """Expected minus completion, in percentage points, when behind."""
    stale: bool = False
    """True when the item has no value for the ledger's latest reported month."""
    score: Decimal | None = None
    state: MilestoneState | None = None
    """A milestone's state at the as-of date."""
    real_yoy_pct: Decimal | None = None
    """A money figure's nominal growth with the year's CPI taken out, when the CPI is known:
    (1 + nominal) ÷ (1 + CPI) − 1, in percent (a nominal rise below the CPI is a fall)."""
    change_pp: Decimal | None = None
    """For a rate or share (unit %): the change on the baseline in percentage points
    (个百分点), given instead of a relative `yoy_pct`."""

    @property
    def yoy_stated(self) -> bool:
        """True when `yoy_pct` is the growth the ledger states (`actual_growth_pct`), shown
        with its written digits, not a computed one rounded to one decimal."""
        stated = self.item.actual_growth_pct
        return stated is not None and self.yoy_pct is not None and self.yoy_pct == stated

    @property
    def is_shortfall(self) -> bool:
        return self.status in (Status.MISSED, Status.BEHIND, Status.OVERDUE, Status.BLOCKED)


@dataclass(frozen=True)
class Counts:
    """How many items have each status and each light."""

    items: int
    by_status: tuple[tuple[Status, int], ...]
    by_light: tuple[tuple[Light, int], ...]
    score: Decimal | None = None
    weight: Decimal | None = None

    def status(self, s: Status) -> int:
        return dict(self.by_status).get(s, 0)

    def light(self, lt: Light) -> int:
        return dict(self.by_light).get(lt, 0)


@dataclass(frozen=True)
class Group:
    """A roll-up of the items sharing a section or an owner."""

    key: str
    counts: Counts


@dataclass(frozen=True)
class Report:
    """The finished evaluation that every output format renders."""

    entity: str
    year: int
    as_of: dt.date
    elapsed_months: int
    elapsed_pct: Decimal
    latest_month: str | None
    items: tuple[ItemResult, ...]
    totals: Counts
    by_section: tuple[Group, ...] = field(default=())
    by_owner: tuple[Group, ...] = field(default=())
    by_entity: tuple[Group, ...] = field(default=())
    """In a ledger of several entities, each one's own counts (before any summing)."""
