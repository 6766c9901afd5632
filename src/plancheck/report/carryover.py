"""Carry-over (结转): the unmet targets of one year become plan items of the next (pure).

Every item of the earlier year that the year-end evaluation finds missed, overdue or
blocked (or a milestone not done) is proposed for the next year, linked back by
`carried_from = "YEAR/id"`:

- an amount to reach (direction up) carries its remaining gap as the new target;
- a ceiling or reduction (direction down), a rate or a growth rate carries its target as it
  was, with the year's actual as the new baseline;
- a milestone not done carries over as a milestone, planned or started as it stood.

A carried item's id is the origin's with `-carried` (`toilets-carried`), so that next
year's own item keeps the plain id.  Nothing is proposed twice: an item of the next year that
already names the origin in `carried_from` is its carry-over.  A recurring yearly indicator
— the next year has an item with the same id, or the same name appears in the next or the
previous year — is carried only on request (`recurring=True`): the next year sets its own
target for it.  Items without data are reported, not carried: whether they were met is not
known; a growth item without a level counts as known only by a stated growth rate with a
target growth rate (carried as that target rate, without a baseline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from plancheck.model import Direction, Kind, Ledger, MilestoneState
from plancheck.report.evaluate import ItemResult, Options, Status, evaluate
from plancheck.write import NewItem, TomlValue

CARRY_FILE = "carryover.toml"
_STATE_WORDS = {
    Status.PLANNED: "未开始",
    Status.STARTED: "推进中",
    Status.OVERDUE: "逾期",
    Status.BLOCKED: "受阻",
}
UNMET = (Status.MISSED, Status.OVERDUE, Status.BLOCKED, Status.PLANNED, Status.STARTED)


class Outcome(StrEnum):
    CARRY = "carry"
    """a new plan item is proposed."""
    LINKED = "linked"
    """the next year already has an item carried from it."""
    SAME_ID = "same_id"
    """the next year already has an item with the same id (the indicator continues)."""
    RECURRING = "recurring"
    """the same name recurs in the next or the previous year: carried only on request."""
    NO_DATA = "no_data"
    """no actual was reported, so whether it was met is unknown: not carried."""


@dataclass(frozen=True)
class Proposal:
    origin: ItemResult
    outcome: Outcome
    new: NewItem | None = None
    existing: str = ""
    """The id of the next year's item, for LINKED and SAME_ID."""


def _text(value: Decimal | None) -> str:
    """A figure as written in a note: exact, no exponent, no trailing zeros."""
    if value is None:
        return "—"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _new_item(r: ItemResult, from_year: int) -> NewItem:
    item = r.item
    table: dict[str, TomlValue] = {
        "name": f"{item.name}（{from_year}年结转）",
        "kind": item.kind.value,
    }
    if item.unit:
        table["unit"] = item.unit
    if item.direction is Direction.DOWN:
        table["direction"] = "down"
    if item.owner:
        table["owner"] = item.owner
        if item.owner_inferred:
            table["owner_inferred"] = True
    table["section"] = f"{from_year}年结转任务"
    unit = item.unit
    if item.kind is Kind.MILESTONE:
        state = r.state if r.state in (MilestoneState.STARTED, MilestoneState.BLOCKED) else None
        table["state"] = (state or MilestoneState.PLANNED).value
        note = f"{from_year}年未完成（{_STATE_WORDS.get(r.status, r.status.value)}），结转至下一年"
    elif item.kind is Kind.AMOUNT and item.direction is Direction.UP and r.gap is not None:
        table["target"] = r.gap
        note = (
            f"{from_year}年目标{_text(r.target)}{unit}，完成{_text(r.actual)}{unit}，"
            f"尚差{_text(r.gap)}{unit}，结转为本年目标"
        )
    elif item.kind is Kind.GROWTH and r.actual is None and item.target_growth_pct is not None:
        # only a stated growth rate is known (see `_known`): the target rate, no baseline
        table["target_growth_pct"] = item.target_growth_pct
        note = (
            f"{from_year}年目标增长{_text(item.target_growth_pct)}%未完成"
            f"（实际增长{_text(r.yoy_pct)}%），目标结转；上年实际总量未填报，未设基数"
        )
    else:
        if item.kind is Kind.GROWTH and item.target_growth_pct is not None:
            table["target_growth_pct"] = item.target_growth_pct
        elif item.target is not None:
            table["target"] = item.target
        if r.actual is not None:
            table["baseline"] = r.actual
        note = f"{from_year}年目标未完成（实际{_text(r.actual)}{unit}），目标结转，以上年实际为基数"
    table["carried_from"] = f"{from_year}/{item.id}"
    table["note"] = note
    if item.source:
        table["source"] = item.source
    return NewItem(carried_id(item.id), table)


def _known(r: ItemResult) -> bool:
    """Whether the year's actual is known well enough to carry the item: a growth item
    without a level counts only when its stated rate and target rate state the target."""
    item = r.item
    if item.kind is not Kind.GROWTH or r.actual is not None:
        return True
    return item.target_growth_pct is not None and r.yoy_pct is not None


def carried_id(item_id: str) -> str:
    """The id of an item carried over from `item_id`: the origin stays readable."""
    return f"{item_id}-carried"


def propose(
    ledger: Ledger, from_year: int, to_year: int, *, recurring: bool = False
) -> list[Proposal]:
    """What carry-over from `from_year` into `to_year` would do, item by item."""
    import unicodedata

    def normalize_name(name: str) -> str:  # as ids compare names: NFKC, no whitespace
        return "".join(unicodedata.normalize("NFKC", name).split())

    settings = ledger.settings
    report = evaluate(
        ledger,
        Options(
            from_year,
            dt.date(from_year, 12, 31),
            settings.lights,
            settings.score_cap,
            tolerance=settings.tolerance,
        ),
    )
    following = [i for i in ledger.items if i.year == to_year]
    linked = {i.carried_from: i.id for i in following if i.carried_from}
    ids = {i.id for i in following}
    names = {
        normalize_name(i.name): i.id
        for i in ledger.items
        if i.year in (to_year, from_year - 1) and not i.carried_from
    }
    out: list[Proposal] = []
    for r in report.items:
        origin = f"{from_year}/{r.item.id}"
        again = (
            names.get(normalize_name(r.item.name)) if r.item.kind is not Kind.MILESTONE else None
        )
        if r.status is Status.NO_DATA or not _known(r):
            out.append(Proposal(r, Outcome.NO_DATA))
        elif r.status not in UNMET:
            continue
        elif origin in linked:
            out.append(Proposal(r, Outcome.LINKED, existing=linked[origin]))
        elif r.item.id in ids and not recurring:
            out.append(Proposal(r, Outcome.SAME_ID, existing=r.item.id))
        elif again is not None and not recurring:
            out.append(Proposal(r, Outcome.RECURRING, existing=again))
        else:
            out.append(Proposal(r, Outcome.CARRY, _new_item(r, from_year)))
    return out
