"""Which items the progress notice names as key economic indicators (主要经济指标), and the
order of its sections: the rules are in `plancheck.report.summary`'s docstring (pure)."""

from __future__ import annotations

from plancheck.model import Kind
from plancheck.report.evaluate import ItemResult, Report

MONEY_UNITS = frozenset({"元", "万元", "亿元"})
"""Units that make an item a key economic indicator (with one of `KEY_WORDS`)."""

KEY_WORDS = ("经济", "财政", "税收", "投资", "产值", "收入", "消费", "生产总值", "gdp")
"""Words in a section or name that make a money item a key economic indicator."""

PROJECT_WORD = "项目"
"""A name with this word is a project's figure (a project's investment), not an economic
indicator of the township: left out of the default key indicators."""

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def section_rank(section: str, order: tuple[str, ...]) -> tuple[int, int]:
    """Sort key of a section: its place in `order` (the first entry it contains), else its
    Chinese numeral (none: 0, first); sections not in `order` after those that are."""
    for index, wanted in enumerate(order):
        if wanted and wanted in section:
            return 0, index
    text = section.lstrip("（(").lstrip()
    number = 0
    for char in text:
        if char not in _NUMERALS:
            break
        number = number * 10 + _NUMERALS[char] if char != "十" else max(number, 1) * 10
    return (1 if order else 0), number


def ordered_sections(report: Report, order: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The report's sections in the notice's order (stable among equals)."""
    first = list(dict.fromkeys(r.item.section for r in report.items))
    return tuple(sorted(first, key=lambda s: section_rank(s, order)))


def in_section_order(
    results: tuple[ItemResult, ...] | list[ItemResult], sections: tuple[str, ...]
) -> tuple[ItemResult, ...]:
    place = {s: i for i, s in enumerate(sections)}
    return tuple(sorted(results, key=lambda r: place.get(r.item.section, len(place))))


def is_key_candidate(r: ItemResult, headline: str) -> bool:
    """The default rule: money unit, not a milestone, section or name says `KEY_WORDS`,
    and in the `headline` section or with a target or a year-over-year growth; not a
    project's figure (`PROJECT_WORD` in the name)."""
    item = r.item
    if item.kind is Kind.MILESTONE or item.unit not in MONEY_UNITS:
        return False
    if PROJECT_WORD in item.name:
        return False
    said = f"{item.section} {item.name}".lower()
    if not any(w in said for w in KEY_WORDS):
        return False
    if item.kind is Kind.GROWTH and item.target_growth_pct is not None:
        return True  # 地区生产总值 with its target growth, even before a level is known
    return item.section == headline or r.target is not None or r.yoy_pct is not None


def key_indicators(
    report: Report, chosen_ids: tuple[str, ...] = (), sections: tuple[str, ...] = ()
) -> tuple[ItemResult, ...]:
    """The key economic indicators (rule in the module docstring); linear in the items."""
    # keyed by township and id: in a county several townships share ids
    by_id = {(r.item.entity, r.item.id): r for r in report.items}
    if chosen_ids:
        wanted = set(chosen_ids)
        found = [r for r in report.items if r.item.id in wanted]
        place = {i: n for n, i in enumerate(chosen_ids)}
        candidates: tuple[ItemResult, ...] = tuple(sorted(found, key=lambda r: place[r.item.id]))
    else:
        headline = sections[0] if sections else ""
        candidates = in_section_order(
            [r for r in report.items if is_key_candidate(r, headline)], sections
        )
    chosen: list[ItemResult] = []
    seen: set[tuple[str, str]] = set()
    parts_of_chosen: set[tuple[str, str]] = set()
    for r in candidates:
        other = (r.item.entity, r.item.same_as)
        if r.item.same_as and other in by_id:
            r = by_id[other]
        key = (r.item.entity, r.item.id)
        if key in seen or key in parts_of_chosen:
            continue
        seen.add(key)
        parts_of_chosen.update((r.item.entity, p) for p in r.item.parts)
        chosen.append(r)
    return tuple(chosen)
