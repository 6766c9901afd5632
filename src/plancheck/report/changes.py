"""What changed between two month-ends: the core of `plancheck diff` (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from plancheck.report.evaluate import ItemResult, Light, Report, Status

_DONE = (Status.MET, Status.EXCEEDED, Status.DONE)
_LIGHT_RANK = {None: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


class ChangeKind(StrEnum):
    COMPLETED = "completed"
    """reached its target (met or exceeded)."""
    MILESTONE_REACHED = "milestone_reached"
    FELL_BEHIND = "fell_behind"
    """its light got worse (or it went from on pace to behind)."""
    RECOVERED = "recovered"
    """its light got better."""
    NEW_DATA = "new_data"
    """its actual changed (and nothing above applies)."""


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    before: ItemResult
    after: ItemResult


def compare(before: Report, after: Report) -> tuple[Change, ...]:
    """Changes from `before` to `after` (the same year at two dates), in ledger order."""
    # by township and id: in a county several townships share ids
    earlier = {(r.item.entity, r.item.id): r for r in before.items}
    out: list[Change] = []
    for now in after.items:
        then = earlier.get((now.item.entity, now.item.id))
        if then is None:
            continue
        kind: ChangeKind | None = None
        if now.status is Status.DONE and then.status is not Status.DONE:
            kind = ChangeKind.MILESTONE_REACHED
        elif now.status in _DONE and then.status not in _DONE:
            kind = ChangeKind.COMPLETED
        elif _LIGHT_RANK[now.light] > _LIGHT_RANK[then.light] and then.light is not None:
            kind = ChangeKind.FELL_BEHIND
        elif then.status is Status.ON_PACE and now.status is Status.BEHIND:
            kind = ChangeKind.FELL_BEHIND
        elif _LIGHT_RANK[now.light] < _LIGHT_RANK[then.light] and now.light is not None:
            kind = ChangeKind.RECOVERED
        elif then.status is Status.BEHIND and now.status is Status.ON_PACE:
            kind = ChangeKind.RECOVERED
        elif now.actual != then.actual:
            kind = ChangeKind.NEW_DATA
        if kind is not None:
            out.append(Change(kind, then, now))
    return tuple(out)
