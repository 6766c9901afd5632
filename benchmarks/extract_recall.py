"""How much of the hand-made ledger `plancheck extract` finds in the report.

    python benchmarks/extract_recall.py REPORT_PATH [--ledger targets] [--year 2023]

The repository keeps no copy of the report's text: give its path.  Measured against the
hand-made ledger's year:

- values: every target, actual, baseline, stated growth and claim value of the hand-made
  items; found when an entry of the draft drawn from the same sentence (the two sources
  overlap) holds the same value in the same unit, after exact conversion (3956万元 =
  0.3956亿元); "same kind" when that entry's kind is the hand-made item's kind;
- parts lists: a hand-made total with parts is found when a draft entry holding the
  total's value has parts whose values include every hand-made part's value (parts
  known only by an average count by name);
- junk: draft values that are no numeric statement — a year, a date, an ordinal, a phone
  number, a road name — judged from the report's text around the figure;
- the time to extract the report, and the draft's `check` findings against the hand-made
  ledger's.
"""

from __future__ import annotations

import argparse
import re
import time
from decimal import Decimal
from pathlib import Path

from plancheck.check.run import check_ledger
from plancheck.extract import extract, read_report
from plancheck.extract.draft import Entry
from plancheck.extract.ledger import draft_ledger
from plancheck.model import Item
from plancheck.read.load import load_ledger
from plancheck.units import KNOWN_UNITS, convert

_FIELDS = ("target", "actual", "baseline", "actual_growth_pct", "target_growth_pct")


def _overlap(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    parts = [p for p in re.split(r"[，。；]", a) if len(p) >= 8]
    return any(p in b for p in parts)


def _hand_values(item: Item) -> list[tuple[Decimal, str]]:
    out = []
    for key in _FIELDS:
        value = getattr(item, key)
        if value is not None:
            out.append((value, "%" if key.endswith("_pct") else item.unit))
    out += [(c.value, c.unit or "%") for c in item.claims]
    return out


def _draft_values(e: Entry) -> list[tuple[Decimal, str]]:
    out = []
    for key in _FIELDS:
        value = getattr(e, key)
        if value is not None:
            out.append((value, "%" if key.endswith("_pct") else e.unit))
    out += [(c.value, c.unit) for c in e.claims]
    return out


def _same(a: tuple[Decimal, str], b: tuple[Decimal, str]) -> bool:
    if a[1] == b[1]:
        return a[0] == b[0]
    ua, ub = KNOWN_UNITS.get(a[1]), KNOWN_UNITS.get(b[1])
    if ua is None or ub is None or ua.dimension != ub.dimension:
        return False
    return convert(b[0], ub, ua) == a[0]


_JUNK = re.compile(
    r"^(?:(?:19|20)\d\d年|\d{1,2}月|\d{1,2}日|第\d+|1\d{4,}$|[A-Z]\d+|\d+\+|\d+\.\d+(?:地震|事件))"
)


def _values_found(items: tuple[Item, ...], entries: list[Entry]) -> tuple[int, int, int, list[str]]:
    """(values, found, found in an entry of the same kind, what was missed)."""
    total = found = same_kind = 0
    missed: list[str] = []
    for item in items:
        near = [e for e in entries if _overlap(item.source, e.source)]
        for value in _hand_values(item):
            total += 1
            hits = [e for e in near if any(_same(value, v) for v in _draft_values(e))]
            if hits:
                found += 1
                same_kind += any(e.kind is item.kind for e in hits)
            else:
                missed.append(f"{item.id} {value[0]}{value[1]}")
    return total, found, same_kind, missed


def _holds(e: Entry, item: Item) -> bool:
    return item.actual is not None and any(
        _same((item.actual, item.unit), v) for v in _draft_values(e)
    )


def _parts_found(items: tuple[Item, ...], entries: list[Entry]) -> tuple[int, int]:
    """(hand-made parts lists found in the draft, hand-made parts lists)."""
    lists = hits = 0
    by_id = {i.id: i for i in items}
    for item in items:
        if not item.parts or item.actual is None:
            continue
        lists += 1
        wanted = [by_id[p] for p in item.parts if p in by_id]
        for e in entries:
            if not e.parts or not _holds(e, item):
                continue
            parts = [x for x in entries if x.id in e.parts]
            if all(
                any(_holds(x, w) or (w.actual is None and x.actual is None) for x in parts)
                for w in wanted
            ):
                hits += 1
                break
    return hits, lists


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--ledger", type=Path, default=Path("targets"))
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()

    started = time.perf_counter()
    draft = extract(read_report(args.report), args.year)
    seconds = time.perf_counter() - started
    entries = [e for e in draft.entries if e.year == args.year]
    hand = load_ledger(args.ledger)
    items = hand.items_of(args.year)

    total, found, same_kind, missed = _values_found(items, entries)
    hits_parts, lists = _parts_found(items, entries)

    values = [(e, f) for e in entries for f in e.figures]
    junk = sum(1 for e, f in values if _JUNK.match(f.text))
    draft_values = sum(len(_draft_values(e)) for e in entries)

    hand_findings = [f for f in check_ledger(hand, year=args.year) if f.severity.value == "error"]
    proof = [f for f in check_ledger(draft_ledger(draft), year=args.year)]

    pct = lambda n, d: f"{n}/{d} = {100 * n / max(d, 1):.1f} %"  # noqa: E731
    plan = len(draft.entries) - len(entries)
    print(f"extraction time              {seconds:.2f} s")
    print(f"draft entries ({args.year})          {len(entries)}  (+{plan} of the plan year)")
    print(f"figures left for review      {len(draft.unplaced)}")
    print(f"hand-made values found       {pct(found, total)}")
    print(f"  … in an entry of its kind  {pct(same_kind, total)}")
    print(f"hand-made parts lists found  {pct(hits_parts, lists)}")
    print(f"draft figures that are no numeric statement  {pct(junk, len(values))}")
    print(f"  (draft values in all: {draft_values})")
    print(f"check on the hand-made ledger: {len(hand_findings)} errors")
    print(f"proof on the draft: {len(proof)} findings")
    for f in proof:
        print(f"  proof: {f.item} {f.code} stated {f.stated} computed {f.computed}")
    print("hand-made values not found:", ", ".join(missed) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
