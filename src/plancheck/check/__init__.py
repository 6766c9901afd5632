"""`plancheck check`: do the ledger's numbers add up? (pure: a ledger in, findings out)

The driver (`check_ledger`: the loader's problems and every rule's findings, in file and
line order), the rules (`RULES`: each a function over one shared `Context`, named for
`check --rule`), the finding (`Finding`) and the precision of figures as written (`agrees`,
`decimals`).  See plancheck.check.rules for what the rules check and how to add one.

Who may import it: plancheck.commands (the `check` command) and plancheck.render (to format
findings).  Import the names below from `plancheck.check`, not from its modules.
"""

from __future__ import annotations

from plancheck.check.base import Context, Finding, Findings
from plancheck.check.precision import agrees, decimals
from plancheck.check.rules import RULES, Rule, rule_names, rules_named
from plancheck.check.run import check_ledger, file_lines, problem_findings, sort_key

__all__ = [
    "RULES", "Context", "Finding", "Findings", "Rule", "agrees", "check_ledger", "decimals",
    "file_lines", "problem_findings", "rule_names", "rules_named", "sort_key",
]  # fmt: skip
