"""The ledger as immutable values: settings, items (targets, indicators, milestones), claims.

Nothing here does I/O.  Every number is a `Decimal` in the item's own unit; a value the
report does not give is `None`, never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

if TYPE_CHECKING:
    # Only annotations here: the parsers compile many patterns, and `status` on a cached
    # ledger needs neither (unpickling imports them when an item holds such a value).
    from plancheck.standing import Standing
    from plancheck.written import Written

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """A slotted dataclass that the type checker holds to be frozen: assigning to a field
    is an error under mypy, while building one costs what a plain dataclass does.

    A frozen dataclass sets each field through a call at construction, three times slower
    (3.8 µs against 1.3 µs for an `Item`); a province builds 300,000 items and as many
    results.  Nothing assigns to a field at run time either: a changed value is a new one
    (`dataclasses.replace`)."""
    made: Any = dataclass(slots=True)(cls)
    return made  # type: ignore[no-any-return]


class Kind(StrEnum):
    """What kind of goal an item is; each has its own completion formula."""

    AMOUNT = "amount"
    """A quantity to reach (or, with direction down, not to exceed)."""
    GROWTH = "growth"
    """A growth-rate target: completion = (1 + actual growth) ÷ (1 + target growth)."""
    RATE = "rate"
    """A percentage level to reach; the gap is in percentage points."""
    MILESTONE = "milestone"
    """A state to reach by a date: planned → started → done (or blocked)."""
    INDICATOR = "indicator"
    """A tracked quantity without a target, reported for context."""


class Direction(StrEnum):
    """Whether more is better (up) or less is better (down: ceilings, reductions)."""

    UP = "up"
    DOWN = "down"


class Phasing(StrEnum):
    """How the expected share of a target is spread over the year."""

    LINEAR = "linear"
    """elapsed months ÷ 12 (the default for amounts)."""
    YEAR_END = "year_end"
    """nothing is expected before the year ends."""
    LEVEL = "level"
    """the full target applies at every date (rates, growth rates, ceilings)."""
    PLAN = "plan"
    """the item's own monthly plan of cumulative values."""


class Reporting(StrEnum):
    """How monthly history values are reported."""

    YTD = "ytd"
    """year-to-date cumulative (1-N月累计); the latest value is the actual."""
    MONTHLY = "monthly"
    """the month's own value (当月); the actual is their sum."""


class MilestoneState(StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    DONE = "done"
    BLOCKED = "blocked"


class Nature(StrEnum):
    """约束性 (binding) or 预期性 (indicative)."""

    BINDING = "binding"
    INDICATIVE = "indicative"


class ClaimKind(StrEnum):
    """A figure the report derives and states, with the formula it should follow."""

    GROWTH = "growth"
    """(a ÷ b − 1) × 100, in percent."""
    SHARE = "share"
    """a ÷ b × 100, in percent."""
    RATIO = "ratio"
    """a ÷ b, in the claim's unit (a per-household or per-village average)."""
    DIFFERENCE = "difference"
    """a − b − c …, in the claim's unit (a net change, what remains)."""
    SUM = "sum"
    """a + b + …, in the claim's unit."""


class GrowthBasis(StrEnum):
    """Whether a stated growth is nominal or real (按可比价 / 不变价)."""

    NOMINAL = "nominal"
    REAL = "real"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is written: a file and a 1-based line (0 when unknown)."""

    file: Path
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the ledger, located, with a message code for translation."""

    location: Location
    key: str
    """The dotted key the problem is about ("fiscal-revenue.unit"), or "" for the file."""
    code: str
    """A message code from plancheck.messages."""
    args: tuple[tuple[str, str], ...] = ()
    """Named values for the message template."""
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class Claim:
    """A derived figure stated in the report, kept so that `check` can verify it."""

    kind: ClaimKind
    value: Decimal
    """The figure as stated."""
    unit: str
    """% for growth and share; the stated unit for ratio, difference and sum."""
    of: tuple[str, ...]
    """References to the numbers it derives from: "id" (its actual), "id.target",
    "id.baseline"; unqualified references are resolved within the same year."""
    says: str = ""
    """The words of the report that state it."""
    index: int = 0
    """Its position among the item's claims (its key is "id.claims.N")."""
    year: int | None = None
    """The year its figures belong to, when not the item's (a 2021 review quoting 2020
    figures); its references are resolved in that year."""


@dataclass(frozen=True, slots=True)
class Revision:
    """A target revision (调整目标): the target in force from a month on."""

    month: str
    """"YYYY-MM" from which the target applies; "" when the file does not say (an undated
    revision, written before revisions were dated: it applies to the whole year)."""
    target: Decimal
    """The target from then on (the target growth, in percent, for growth items)."""
    reason: str = ""
    date: dt.date | None = None
    """The day the revision was recorded, when known."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A recorded month's figure replaced (更正), keeping the figure it replaced."""

    month: str
    """"YYYY-MM" of the corrected figure."""
    was: Decimal
    """The figure before the correction, in the item's unit."""
    date: dt.date | None = None
    """The day of the correction: `--as-known` before it shows `was`."""
    reason: str = ""
    key: str = "history"
    """Which monthly table the figure is in: "history", or "growth" (stated growth rates)."""


@record
class Item:
    """One entry of the ledger: a target, an indicator or a milestone, for one year.

    Never changed once built (a changed item is a new one, `dataclasses.replace`): see
    `record`, which makes it frozen for the type checker and cheap to build."""

    id: str
    """Stable ASCII slug, unique within its year and kept across years."""
    year: int
    name: str
    kind: Kind
    unit: str
    """The item's unit; target, actual, baseline and gap are all in it ("" for milestones)."""
    location: Location
    entity: str = ""
    """The township (乡镇) the item belongs to, in a ledger of several; "" otherwise."""
    section: str = ""
    owner: str = ""
    """责任单位; "" when not assigned."""
    owner_inferred: bool = False
    """True when the owner was inferred from the subject matter, not stated in the report."""
    leader: str = ""
    direction: Direction = Direction.UP
    nature: Nature | None = None
    target: Decimal | None = None
    """Amount or rate to reach (a ceiling when direction is down)."""
    target_growth_pct: Decimal | None = None
    """For growth items: the growth to reach over the baseline, in percent."""
    original_target: Decimal | None = None
    """The target before a revision (调整目标), when it was revised."""
    original_target_growth_pct: Decimal | None = None
    """A growth item's target growth before a revision, in percent."""
    target_reason: str = ""
    actual: Decimal | None = None
    """The latest reported value (year-to-date unless reporting is monthly)."""
    actual_growth_pct: Decimal | None = None
    """A growth rate stated by the report when the amounts behind it are not given."""
    baseline: Decimal | None = None
    """Last year's value for the same period."""
    history: tuple[tuple[str, Decimal], ...] = ()
    """("YYYY-MM", value) pairs in month order, one a month."""
    reporting: Reporting = Reporting.YTD
    phasing: Phasing | None = None
    """None means the default for the kind."""
    plan: tuple[tuple[str, Decimal], ...] = ()
    """Planned cumulative values by month, when phasing is "plan"."""
    reported: str | None = None
    """"YYYY-MM" of the actual when it has no history (e.g. a figure stated in March)."""
    state: MilestoneState | None = None
    due: dt.date | None = None
    started: dt.date | None = None
    done: dt.date | None = None
    due_text: str = ""
    """The due date as written ("2024-07" or "2024-07-20"), for display."""
    done_text: str = ""
    """The done date as written, for display."""
    note: str = ""
    measures: str = ""
    """下步措施: what the owner will do next about a shortfall (printed in the 通报)."""
    source: str = ""
    parts: tuple[str, ...] = ()
    """Ids of the items this total breaks down into (其中)."""
    parts_exhaustive: bool = True
    """False when the parts named are only some of the total."""
    claims: tuple[Claim, ...] = ()
    weight: Decimal | None = None
    """分值, for scoring by owner."""
    carried_from: str = ""
    """"YYYY/id" of the unmet target this one carries over."""
    same_as: str = ""
    """Id of another item that records the same quantity."""
    draft: bool = False
    """Drafted by `plancheck extract` and not yet confirmed by a person."""
    standing: tuple[Standing, ...] = ()
    """Ranks and relative claims the report states (排名全市第三, 高于全市平均水平1.2个百分点)."""
    real_growth: bool = False
    """The stated growth is real, at comparable prices (growth_basis = "real", 按可比价)."""
    completion_stated: Decimal | None = None
    """完成率 as the report states it (完成率136.5%, 占年度任务的112%), in percent, when it
    states no target: the status uses it."""
    target_derived: bool = False
    """True when `target` is not stated but derived from the actual and the stated
    completion rate (actual ÷ rate × 100)."""
    written: tuple[tuple[str, Written], ...] = ()
    """(key, figure) for each value written as a report writes it ("10%左右", "300个以上",
    "6%—6.5%", "预计…"): the key's number above is the figure's value in the item's unit,
    and outputs show the text as written."""
    revisions: tuple[Revision, ...] = ()
    """Target revisions in month order; `target` is the last one's target and
    `original_target` the target before the first (see `plancheck.report.asof`)."""
    month_notes: tuple[tuple[str, str], ...] = ()
    """("YYYY-MM", note) pairs: remarks given with a month's figure (the item's own remark
    is `note`)."""
    corrections: tuple[Correction, ...] = ()
    """Replaced figures, oldest first."""
    growth_history: tuple[tuple[str, Decimal], ...] = ()
    """("YYYY-MM", percent) pairs: the year-to-date growth stated for a month (同比增速),
    for growth items whose office reports the rate rather than the amount."""

    def written_of(self, key: str) -> Written | None:
        """The figure written for `key` ("target", "actual", "target_growth_pct" …)."""
        for name, figure in self.written:
            if name == key:
                return figure
        return None

    @property
    def effective_phasing(self) -> Phasing:
        if self.phasing is not None:
            return self.phasing
        if self.plan:
            return Phasing.PLAN
        if self.kind in (Kind.RATE, Kind.GROWTH):
            return Phasing.LEVEL
        if self.direction is Direction.DOWN and self.baseline is None:
            return Phasing.LEVEL
        return Phasing.LINEAR


@dataclass(frozen=True)
class LightThresholds:
    """How far behind expected progress (percentage points) turns an item yellow or red."""

    yellow: Decimal = Decimal(10)
    red: Decimal = Decimal(30)


@dataclass(frozen=True)
class SummarySettings:
    """The `[summary]` table of the settings file: how the 通报 is addressed and ordered."""

    key_indicators: tuple[str, ...] = ()
    """Ids of the 主要经济指标, in order (empty: chosen by the default rule)."""
    recipients: str = ""
    """主送: who the notice is addressed to ("各村（社区）、镇直各单位")."""
    issuer: str = ""
    """落款: who issues it ("张桥镇党政办公室")."""
    sections: tuple[str, ...] = ()
    """Sections in the order the notice lists them (empty: by their Chinese numerals)."""


@dataclass(frozen=True)
class Tolerance:
    """How close an approximate target (左右) must be reached to count as met."""

    points: Decimal = Decimal("0.5")
    """For rates and growth rates: percentage points either side."""
    percent: Decimal = Decimal(1)
    """For amounts: percent of the target either side."""


@dataclass(frozen=True)
class Settings:
    """The ledger's settings file."""

    entity: str
    level: str = "township"
    parent: str = ""
    language: str = "zh"
    lights: LightThresholds = field(default_factory=LightThresholds)
    owners: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    """Extra counting units the ledger uses."""
    score_cap: Decimal = Decimal(100)
    """Completion counted towards a score is capped at this percentage."""
    summary: SummarySettings = field(default_factory=SummarySettings)
    """How the progress notice (通报) is addressed and ordered."""
    tolerance: Tolerance = field(default_factory=Tolerance)
    """The settings' `[figures]`: when an approximate target (左右) is met."""
    cpi: tuple[tuple[int, Decimal], ...] = ()
    """(year, CPI rise in percent) from `[figures] cpi`: a nominal money growth below it is a
    real decline."""

    def cpi_of(self, year: int) -> Decimal | None:
        return dict(self.cpi).get(year)


@dataclass(frozen=True)
class Weakness:
    """A shortcoming the report names (存在不足), kept so that summaries can cite it."""

    year: int
    text: str
    location: Location


@dataclass(frozen=True)
class Ledger:
    """A whole ledger: settings and the items of every year."""

    root: Path
    settings: Settings
    items: tuple[Item, ...]
    problems: tuple[Problem, ...] = ()
    """Warnings found while loading (errors stop the load)."""
    weaknesses: tuple[Weakness, ...] = ()
    entities: tuple[str, ...] = ()
    """The member entities, in a ledger made of several (a county of townships)."""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({i.year for i in self.items}))

    def items_of(self, year: int) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.year == year)

    def find(self, year: int, item_id: str, entity: str | None = None) -> Item | None:
        for i in self.items:
            if i.year == year and i.id == item_id and (entity is None or i.entity == entity):
                return i
        return None
