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
_REF = re.compile(r"(?P<id>s\d{2}-\d{3})(?:\.(?P<field>target|baseline|actual))?")
_FIELDS = {
    "zh": {"actual": "完成值", "target": "目标", "baseline": "上年"},
    "en": {"actual": "actual", "target": "target", "baseline": "last year"},
}


@dataclasses.dataclass(frozen=True)
class ProofFinding:
    finding: Finding
    """The check finding, located at the report's line of the sentence; its message's
    references are the items' names, in the user's language."""
    sentences: tuple[str, ...]
    """The other sentences the finding concerns (the first one is the finding's source)."""
    name: str = ""
    """The name of the item the finding is about (its id is `finding.item`)."""


def _readable(
    args: tuple[tuple[str, str], ...], by_id: dict[str, Entry], lang: str, own_id: str
) -> tuple[tuple[str, str], ...]:
    """The finding's words with every id replaced by its item's name (s01-007 → 工业投资,
    s02-004.target → 排查问题整改（目标）; with its id when the name is the finding's
    own item's: 财政收入［s00-001］) and a field named in the user's language."""
    words = _FIELDS["en" if lang == "en" else "zh"]
    own = by_id[own_id].name if own_id in by_id else ""

    def name(m: re.Match[str]) -> str:
        entry = by_id.get(m.group("id"))
        if entry is None:
            return m.group()
        field = m.group("field")
        if entry.name == own and entry.id != own_id:
            return f"{entry.name}［{entry.id}］"
        if not field or field == "actual":
            return entry.name
        return (
            f"{entry.name} ({words[field]})" if lang == "en" else f"{entry.name}（{words[field]}）"
        )

    out = []
    for key, value in args:
        value = words.get(value, value) if key == "field" else _REF.sub(name, value)
        out.append((key, value))
    return tuple(out)


def proof(draft: Draft, report: Path, lang: str = "zh") -> list[ProofFinding]:
    """The `check` findings of the draft, in report order, worded with the items' names."""
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
        same_year = {e.id: e for e in draft.entries if e.year == (f.year or 0)}
        located = dataclasses.replace(
            f, location=Location(report, line), args=_readable(f.args, same_year, lang, f.item)
        )
        out.append(ProofFinding(located, tuple(others), entry.name if entry else ""))
    out.sort(key=lambda p: (p.finding.location.line, p.finding.item))
    return out
