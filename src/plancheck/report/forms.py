"""The monthly fill-in forms (填报表) as neutral values: one per office, one row per item.

`build_forms` chooses the items (those with a target, or all with `everything`), groups
them by owner (责任单位) and township, and gives each row what the office needs to fill in
the month's year-to-date figure: the target and the last figure recorded before the month.
The renderers (render/forms.py) only format these values; collect (tables/forms.py)
reads the same columns back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from plancheck.model import Item, Kind, Ledger, MilestoneState

NO_OWNER = "未指定责任单位"

HEADERS = ("序号", "编号", "目标任务", "单位", "年度目标", "上月累计")
"""The columns before the fill-in column; then `fill_header(month)`, 完成日期 and 备注."""
DATE_HEADER = "完成日期"
NOTE_HEADER = "备注"

STATE_WORDS: dict[MilestoneState, str] = {
    MilestoneState.PLANNED: "未开始",
    MilestoneState.STARTED: "推进中",
    MilestoneState.DONE: "已完成",
    MilestoneState.BLOCKED: "受阻",
}
"""How a form writes a milestone's state (the drop-down's choices)."""


def fill_header(month: int) -> str:
    """The fill-in column's header: exactly 1-6月累计 for June (1月累计 for January)."""
    return "1月累计" if month == 1 else f"1-{month}月累计"


@dataclass(frozen=True)
class FormRow:
    """One item of a form."""

    number: int
    item: Item
    target: Decimal | str
    """The year's target: a number in the item's unit, or as text (增长8%, ≤2, 2025-09-30)."""
    previous: Decimal | None
    """The last year-to-date figure recorded before the month (None: none yet)."""
    previous_state: str = ""
    """For a milestone: its state as the form writes it."""
    current: Decimal | None = None
    """The figure already recorded for the month itself, if any (shown pre-filled)."""
    previous_month: int | None = None
    """The month of `previous` when it is not the month before (the office skipped a month:
    the form shows "310（1月）"); None when it is, or there is none."""

    @property
    def milestone(self) -> bool:
        return self.item.kind is Kind.MILESTONE


@dataclass(frozen=True)
class Form:
    """One office's form for one month."""

    entity: str
    owner: str
    year: int
    month: int
    deadline: dt.date
    rows: tuple[FormRow, ...]

    @property
    def title(self) -> str:
        months = fill_header(self.month).removesuffix("累计")  # 1-6月; 1月 for January
        return f"{self.entity}{self.year}年{months}目标任务完成情况填报表"

    @property
    def subtitle(self) -> str:
        return (
            f"乡镇：{self.entity}　责任单位：{self.owner}　填报月份：{self.year}年"
            f"{fill_header(self.month).removesuffix('累计')}　报送截止：{self.deadline.isoformat()}"
        )

    @property
    def file_stem(self) -> str:
        months = fill_header(self.month).removesuffix("累计")
        return f"{self.owner}-{self.entity}-{self.year}年{months}"


def default_deadline(year: int, month: int) -> dt.date:
    """The 5th of the following month."""
    return dt.date(year + month // 12, month % 12 + 1, 5)


def target_text(item: Item) -> Decimal | str:
    from plancheck.write.block import toml_number

    if item.kind is Kind.MILESTONE:
        return item.due.isoformat() if item.due else item.due_text
    if item.kind is Kind.GROWTH and item.target_growth_pct is not None:
        return f"增长{toml_number(item.target_growth_pct)}%"
    if item.target is None:
        return ""
    if item.direction.value == "down":
        return f"≤{toml_number(item.target)}"
    return item.target


def _has_target(item: Item) -> bool:
    if item.kind is Kind.MILESTONE:
        return True
    return item.target is not None or item.target_growth_pct is not None


def _row(number: int, item: Item, month_key: str) -> FormRow:
    history = dict(item.history)
    earlier = sorted(m for m in history if m < month_key)
    previous = history[earlier[-1]] if earlier else None
    current = history.get(month_key)
    if item.reporting.value == "monthly":  # 当月 figures: the form asks for their sum
        previous = sum((history[m] for m in earlier), Decimal(0)) if earlier else None
        if current is not None:
            current += previous or Decimal(0)
    state = STATE_WORDS.get(item.state, "") if item.state else ""
    stale = None
    if earlier and earlier[-1] != _month_before(month_key):
        stale = int(earlier[-1][5:7])
    return FormRow(number, item, target_text(item), previous, state, current, stale)


def _month_before(month_key: str) -> str:
    year, month = int(month_key[:4]), int(month_key[5:7])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def build_forms(
    ledger: Ledger,
    year: int,
    month: int,
    *,
    owners: tuple[str, ...] = (),
    entities: tuple[str, ...] = (),
    everything: bool = False,
    deadline: dt.date | None = None,
) -> list[Form]:
    """The forms for `month` of `year`, one per (township, owner), in ledger order."""
    month_key = f"{year:04d}-{month:02d}"
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in ledger.items_of(year):
        entity = item.entity or ledger.settings.entity
        owner = item.owner or NO_OWNER
        if owners and owner not in owners:
            continue
        if entities and entity not in entities:
            continue
        if not everything and not _has_target(item):
            continue
        groups.setdefault((entity, owner), []).append(item)
    when = deadline or default_deadline(year, month)
    forms = []
    for (entity, owner), items in groups.items():
        rows = tuple(_row(n, item, month_key) for n, item in enumerate(items, 1))
        forms.append(Form(entity, owner, year, month, when, rows))
    return forms
