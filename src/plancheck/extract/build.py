"""The report's text → a `Draft`: the outline, each sentence's entries, then the links."""

from __future__ import annotations

from plancheck.extract import links
from plancheck.extract.draft import Draft, Entry, SectionInfo, Unplaced
from plancheck.extract.outline import outline, owners_of
from plancheck.extract.sentence import SentenceReader
from plancheck.units import KNOWN_UNITS


class _Ids:
    """Ids of the draft: s01-007 is the 7th entry of section 1 (unique within a year)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[int, int], int] = {}

    def __call__(self, section: int, year: int) -> str:
        n = self.counts.get((section, year), 0) + 1
        self.counts[(section, year)] = n
        return f"s{section:02d}-{n:03d}"


def extract(text: str, year: int, plan_year: int | None = None) -> Draft:
    """The draft ledger of a report of `year` (its plan part: `plan_year`, default year + 1)."""
    plan = plan_year if plan_year is not None else year + 1
    shape = outline(text, plan)
    new_id = _Ids()
    entries: list[Entry] = []
    unplaced: list[Unplaced] = []
    for s in shape.sentences:
        the_year = plan if s.plan else year
        reader = SentenceReader(s, the_year, new_id)
        reader.read()
        entries += reader.entries
        unplaced += reader.unplaced
        entries += links.milestones(s, the_year, new_id)
        task = links.plan_task(s, the_year, new_id)
        if task is not None and not reader.entries:
            entries.append(task)
    links.merge_tasks(entries)
    links.link_averages(entries, new_id)
    links.link_same(entries)
    links.link_flows(entries)
    links.link_milestones(entries)
    used = {(e.section, e.year) for e in entries}
    sections = tuple(
        SectionInfo(s.index, s.title, y, tuple(s.weaknesses))
        for s in shape.sections
        for y in sorted({year, plan})
        if (s.index, y) in used or (s.weaknesses and y == (plan if s.plan else year))
    )
    units = tuple(sorted({e.unit for e in entries if e.unit and e.unit not in KNOWN_UNITS}))
    return Draft(
        shape.entity, shape.title, year, plan, sections, tuple(entries), tuple(unplaced), units,
        owners_of(text),
    )  # fmt: skip
