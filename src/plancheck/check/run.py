"""Consistency checks: do the ledger's numbers add up? (`plancheck check`)

Pure: a loaded ledger in, a list of findings out.  The rules, and what they check, are in
plancheck.check.rules; this module owns the driver: the loader's problems as findings (errors
and warnings, in the same shape), each rule run over one shared context, the findings in
file and line order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# HUNDRED, agrees and decimals are re-exported: plancheck.render.findings and the tests
# import them from here.
from plancheck.check.base import Context, Finding
from plancheck.check.claims import HUNDRED as HUNDRED
from plancheck.check.precision import agrees as agrees
from plancheck.check.precision import decimals as decimals
from plancheck.check.rules import RULES, Rule
from plancheck.model import Ledger, Problem, Severity
from plancheck.read import key_lines

__all__ = [
    "HUNDRED", "Finding", "agrees", "check_ledger", "decimals", "file_lines",
    "problem_findings", "sort_key",
]  # fmt: skip


# --------------------------------------------------------------------------- loader problems


def _year_of(path: Path, root: Path) -> int | None:
    try:
        first = path.relative_to(root).parts[0]
    except (ValueError, IndexError):
        return None
    return int(first) if re.fullmatch(r"\d{4}", first) else None


def problem_findings(
    problems: Iterable[Problem], root: Path, year: int | None = None
) -> list[Finding]:
    """The loader's problems as findings; with `year`, warnings of other years are left out."""
    out = []
    for p in problems:
        in_year = _year_of(p.location.file, root)
        if year is not None and p.severity is Severity.WARNING and in_year not in (None, year):
            continue
        out.append(Finding(p.location, p.key, p.code, p.args, p.severity, year=in_year))
    return out


def file_lines() -> Callable[[Path], Mapping[str, int]]:
    """Line numbers of the keys of each file, read and scanned at most once per file."""
    cache: dict[Path, Mapping[str, int]] = {}

    def lines(path: Path) -> Mapping[str, int]:
        if path not in cache:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            cache[path] = key_lines(text)
        return cache[path]

    return lines


def sort_key(finding: Finding) -> tuple[str, int, str, str]:
    return (str(finding.location.file), finding.location.line, finding.item, finding.code)


def check_ledger(
    ledger: Ledger,
    *,
    year: int | None = None,
    lines: Callable[[Path], Mapping[str, int]] | None = None,
    rules: Iterable[Rule] = RULES,
) -> list[Finding]:
    """Every finding for the ledger (or for one year of it), in file and line order.

    The ledger's loading warnings are included.  `lines` maps a file to the lines of its
    keys (default: each file is read once and scanned with plancheck.read.locate.key_lines).
    `rules` (default: every rule) are run in turn over one shared context.
    """
    findings = problem_findings(ledger.problems, ledger.root, year)
    ctx = Context(ledger, year, lines or file_lines())
    for rule in rules:
        findings += rule.run(ctx)
    return sorted(findings, key=sort_key)
