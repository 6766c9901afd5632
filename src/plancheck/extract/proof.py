"""`plancheck proof`: every `check` rule run on a report's draft, the findings located in
the report (its line) and quoting every sentence concerned."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from plancheck.check.run import Finding, check_ledger
from plancheck.extract.draft import Draft, Entry
from plancheck.extract.ledger import draft_ledger
from plancheck.model import Location

_ID = re.compile(r"s\d{2}-\d{3}")


@dataclasses.dataclass(frozen=True)
class ProofFinding:
    finding: Finding
    """The check finding, located at the report's line of the sentence."""
    sentences: tuple[str, ...]
    """The other sentences the finding concerns (the first one is the finding's source)."""


def proof(draft: Draft, report: Path) -> list[ProofFinding]:
    """The `check` findings of the draft, in report order."""
    ledger = draft_ledger(draft)
    by_id: dict[tuple[int, str], Entry] = {(e.year, e.id): e for e in draft.entries}
    out = []
    for f in check_ledger(ledger):
        entry = by_id.get((f.year or 0, f.item))
        line = entry.line if entry else 0
        others: list[str] = []
        mentioned = set(_ID.findall(" ".join(v for _, v in f.args)))
        if entry is not None and entry.same_as:
            mentioned.add(entry.same_as)
        for other_id in sorted(mentioned):
            other = by_id.get((f.year or 0, other_id))
            if other is not None and entry is not None and other.source != entry.source:
                if other.source not in others:
                    others.append(other.source)
        located = dataclasses.replace(f, location=Location(report, line))
        out.append(ProofFinding(located, tuple(others)))
    out.sort(key=lambda p: (p.finding.location.line, p.finding.item))
    return out
