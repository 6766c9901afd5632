"""An item's record in `show`: month notes beside the months, target revisions and the
trail of corrections (what a figure was, what it became, when and why)."""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Item, Kind
from plancheck.render.numbers import amount, pct

_WORDS = {
    "zh": {
        "revisions": "调整目标",
        "from": "{month}起",
        "all_year": "全年",
        "recorded": "{date}录入",
        "corrections": "更正记录",
        "notes": "月度备注",
        "growth": "各月累计同比增速（填报）",
    },
    "en": {
        "revisions": "target revisions",
        "from": "from {month}",
        "all_year": "whole year",
        "recorded": "recorded {date}",
        "corrections": "corrections",
        "notes": "monthly notes",
        "growth": "year-to-date growth by month (as reported)",
    },
}


def with_notes(item: Item, lines: list[str]) -> list[str]:
    """The chart's month lines with each month's note beside it; notes of months without a
    line follow."""
    notes = dict(item.month_notes)
    out: list[str] = []
    for line in lines:
        month = line.strip()[:7]
        note = notes.pop(month, None)
        out.append(f"{line}  {note}" if note else line)
    out += [f"  {month}  {note}" for month, note in sorted(notes.items())]
    return out


def _figure(item: Item, value: Decimal, key: str = "history") -> str:
    if key == "growth":
        return pct(value, sign=True)
    return amount(value)


def trail(item: Item, lang: str) -> list[str]:
    """Lines for the item's revisions and corrections (none when it has neither)."""
    w = _WORDS["en" if lang == "en" else "zh"]
    out: list[str] = []
    growth = item.kind is Kind.GROWTH
    if item.growth_history:
        lines = [f"  {m}  {pct(v, sign=True):>10}" for m, v in item.growth_history]
        out += ["", w["growth"], *(lines if item.history else with_notes(item, lines))]
    if item.revisions and any(r.month or r.date for r in item.revisions):
        out += ["", w["revisions"]]
        original = item.original_target_growth_pct if growth else item.original_target
        before = original
        for r in item.revisions:
            when = w["from"].format(month=r.month) if r.month else w["all_year"]
            shown = pct(r.target, sign=True) if growth else amount(r.target)
            was = "" if before is None else (pct(before, sign=True) if growth else amount(before))
            extra = [t for t in (r.reason, r.date and w["recorded"].format(date=r.date)) if t]
            change = f"{was} → {shown}" if was else shown
            out.append(f"  {when}  {change}" + (f"  （{'，'.join(extra)}）" if extra else ""))
            before = r.target
    if item.corrections:
        out += ["", w["corrections"]]
        current = {"history": dict(item.history), "growth": dict(item.growth_history)}
        for index, c in enumerate(item.corrections):
            later = [
                d for d in item.corrections[index + 1 :] if (d.key, d.month) == (c.key, c.month)
            ]
            now = later[0].was if later else current[c.key].get(c.month)
            became = _figure(item, now, c.key) if now is not None else "—"
            when = c.date.isoformat() if c.date else "—"
            line = f"  {c.month}  {_figure(item, c.was, c.key)} → {became}  {when}"
            out.append(line + (f"  {c.reason}" if c.reason else ""))
    return out
