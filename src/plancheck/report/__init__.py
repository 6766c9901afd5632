"""Reports: ledger × options → report values (pure; nothing rounded, nothing formatted).

Evaluation of every item at an as-of date (`evaluate`, `evaluate_item`: completion, 序时进度,
gap, 同比, status, light), the result values (`Report`, `ItemResult`, `Counts` …), the
roll-up of townships into a county (`roll_up`), the changes between two reports (`compare`), the
summary's value (`build_summary`) and the carry-over of unmet targets (`propose`).

Who may import it: plancheck.render (to format the values), plancheck.commands, and the
core packages that need an evaluation.  Import the names below from `plancheck.report`.
The evaluation and its values are imported at once (every user of the package needs them);
the roll-up, changes, summary and carry-over on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plancheck import lazy_names

# `evaluate` is also the name of its module: imported here at once, the function wins over
# the submodule attribute (a lazy name would lose to it).  Every user of the package needs
# the evaluation anyway.
from plancheck.report.evaluate import completion_for, evaluate, evaluate_item, expected_for
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

if TYPE_CHECKING:
    from plancheck.report.carryover import CARRY_FILE, Outcome, Proposal, propose
    from plancheck.report.changes import Change, ChangeKind, compare
    from plancheck.report.rollup import TOTAL, combine, roll_up
    from plancheck.report.summary import Summary, Tally, build_summary, shortfalls

_HOMES = {
    "CARRY_FILE": "carryover",
    "Outcome": "carryover",
    "Proposal": "carryover",
    "propose": "carryover",
    "Change": "changes",
    "ChangeKind": "changes",
    "compare": "changes",
    "TOTAL": "rollup",
    "combine": "rollup",
    "roll_up": "rollup",
    "Summary": "summary",
    "Tally": "summary",
    "build_summary": "summary",
    "shortfalls": "summary",
}
"""The names imported on first use, and the module (of this package) that defines each."""

__all__ = [
    "CARRY_FILE", "HUNDRED", "LIGHT_ORDER", "SEVERITY_RANK", "STATUS_ORDER", "TOTAL", "Change",
    "ChangeKind", "Counts", "Group", "ItemResult", "Light", "Options", "Outcome", "Proposal",
    "Report", "Status", "Summary", "Tally", "build_summary", "combine", "compare",
    "completion_for", "evaluate", "evaluate_item", "expected_for", "propose", "roll_up",
    "shortfalls",
]  # fmt: skip


__getattr__ = lazy_names(__name__, _HOMES)
