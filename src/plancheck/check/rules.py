"""The rules of `plancheck check`: one list, each rule a function over the shared context.

Pure: a loaded ledger in, a list of findings out.  Reports are written by hand and carry
errors; this module finds the ones the figures themselves reveal:

- breakdowns (`parts`): the parts against their total;
- stated derived figures (`claims`, and `actual_growth_pct` beside an actual and a baseline):
  growth rates, shares, averages, net changes and sums against the figures they derive from;
- impossible relations: parts that exceed their total, and a share of one item in another
  (a numerator/denominator claim naming two different items) above 100 %;
- the same quantity recorded twice (`same_as`) with different values;
- references to ids that do not exist, and carried items whose origin changed;
- comparisons with a reference figure (`standing`: 高于全市平均水平1.2个百分点), a growth
  at comparable prices stated beside nominal levels (a warning), a disagreement by exactly a
  unit's factor (a hint: 元 written for 万元), rates' changes in 个百分点.

Precision follows the figures as written (a TOML `64.70` has two decimals, `1900` none):

- A stated figure with d decimals agrees with the computed one when the computed value,
  rounded half up or truncated to d decimals, equals it (1924 ÷ 1900 − 1 = 1.26 % agrees
  with a stated 1.2 %).
- Parts agree with their total when the sum, rounded half up to the decimals of the least
  precise figure, equals the total, or when the difference is within the rounding of the
  figures written with decimals (half a unit in the last place of each; figures written as
  whole numbers are taken as exact).  So 5.40 against parts adding up to 5.39 is rounding,
  6.82 against 6.28 is an error, and 292 against 16 + 275 is an error.
- A part the report gives only as an average (户均8.48条) is implied by a ratio claim whose
  numerator is that part and whose denominator is a stated count: average × count, at its
  lowest (average − half a unit) when asking whether the parts exceed the total.

Loader problems (errors and warnings) are findings too, in the same shape.

Each rule is `rule(ctx) -> list[Finding]` (plancheck.check.base: `Context`, `Findings`),
listed once in `RULES` under the name `plancheck check --rule NAME` selects it by.  The rule
groups live in plancheck.check.parts (breakdowns), plancheck.check.claims (stated derived
figures), plancheck.check.records (`same_as`, `carried_from`) and plancheck.check.standings
(`standing`), with plancheck.check.realgrowth and plancheck.check.hints; the precision of
figures in plancheck.check.precision.

Adding a rule: write `check_x(ctx)` here (or in the group module it belongs to), append
`Rule("x", check_x)` to `RULES`, add its message code(s) to plancheck.messages, and a fixture
folder under tests/fixtures/check/ with its expected findings in tests/test_check.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plancheck.check.base import Context, Finding, Findings
from plancheck.check.claims import check_claims, check_growth_field
from plancheck.check.parts import check_parts
from plancheck.check.records import check_carried, check_same_as
from plancheck.check.standings import check_standing
from plancheck.escape import has_controls, visible
from plancheck.model import Severity

_TEXT_FIELDS = ("name", "section", "owner", "leader", "unit", "target_reason", "note", "source")


def check_text(ctx: Context) -> list[Finding]:
    """Control characters in text (ESC, NUL, a vertical tab pasted from Word …): shown as
    escapes on screen, replaced in an xlsx export, never what the office meant to write."""
    found = Findings(ctx)
    for item in ctx.items():
        for key in _TEXT_FIELDS:
            text = getattr(item, key)
            if text and has_controls(text):
                args = {"key": key, "text": visible(text)}
                found.add(item, key, "check.text_control", args, severity=Severity.WARNING)
    return found


@dataclass(frozen=True)
class Rule:
    """One rule of `plancheck check`."""

    name: str
    """Its name on the command line (`--rule NAME`)."""
    run: Callable[[Context], list[Finding]]
    """The rule: the context in, its findings out (any order: they are sorted)."""


RULES: tuple[Rule, ...] = (
    Rule("parts", check_parts),
    Rule("claims", check_claims),
    Rule("growth", check_growth_field),
    Rule("same_as", check_same_as),
    Rule("carried_from", check_carried),
    Rule("standing", check_standing),
    Rule("text", check_text),
)
"""Every rule, in the order they run."""


def rule_names() -> tuple[str, ...]:
    return tuple(rule.name for rule in RULES)


def rules_named(names: Iterable[str]) -> tuple[Rule, ...]:
    """The rules of these names, in list order; raises KeyError naming an unknown one."""
    wanted = set(names)
    unknown = sorted(wanted - set(rule_names()))
    if unknown:
        raise KeyError(unknown[0])
    return tuple(rule for rule in RULES if rule.name in wanted)
