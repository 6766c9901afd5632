"""One sentence's figures turned into entries: the role of each figure, then the entries.

Roles, from the words around a figure:

- a baseline: 比去年4亿元, 较年初预算1900万元, 相对于…2622人, 由42万元提高到…;
- a growth rate: 增长36.5%, 下降3% — a claim on the amount before it when that amount has
  a baseline, its stated growth (`actual_growth_pct`) when not, else an entry of its own;
- a net change: 增加最低保障133人 after a level with a baseline — a difference claim;
- a rate: a percentage that is no growth rate (参保率85.1%, 满意度90.83%);
- a task and its completion: 任务数175对，完成188对 — one amount entry;
- a part: a figure after 其中 / 含 / 包括 of the same dimension as a figure before it;
- anything else: an indicator (or, in the plan part, an amount target).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from plancheck.extract import names
from plancheck.extract.breakdown import dimension, link_parts
from plancheck.extract.draft import (
    KIND_GUESSED,
    NAME_GUESSED,
    NOT_PLACED,
    QUALIFIED,
    UNIT_UNKNOWN,
    DraftClaim,
    Entry,
    Unplaced,
)
from plancheck.extract.figures import EXTRA_UNITS, POINTS, Figure, find_figures
from plancheck.extract.outline import Sentence
from plancheck.model import ClaimKind, Kind
from plancheck.units import KNOWN_UNITS

_BASELINE = re.compile(r"(?:比|较|相对于|相比于?|同比)[^，；。]{0,14}$")
_BUDGET = re.compile(r"(?:预算|计划|目标|任务)[^，；。]{0,4}$")
_RESOLVED = re.compile(
    r"^(?:已经?|目前已|均已|成功|全部)*(?P<verb>整改|解决|走访|办结|化解|立行立改)$"
)
_FROM = re.compile(r"(?:由|从)$")
_TO = re.compile(r"^(?:提高|增加|增长|提升|上升|下降|减少|降低)?(?:到|至)$")
_GROWTH = re.compile(
    r"(?:同比|较上年|比上年)?(增长|增加|提高|提升|上升|增幅|下降|减少|降低|降幅)了?$"
)
_FALL = ("下降", "减少", "降低", "降幅")
_NET = re.compile(r"(?:增加|减少|净增|净减)")
_TASK = re.compile(r"(?:任务数?|计划|目标)[^，；。]{0,4}$")
_TASK_WORDS = re.compile(r"^(?:年初)?(?:计划|目标)|(?:全年)?(?:任务数?|计划|目标)[^，；。]{0,4}$")
_DONE = re.compile(r"(?:已经?)?(?:基本)?完成[^，；。]{0,4}$")
_PLAN_TARGET = re.compile(
    r"确保|力争|目标|计划|完成|实现|达到|新增|新建|建成|培育|引进|改造|争取|不少于|不低于"
)
_TARGET_LIST = re.compile(r"(?:主要|预期|发展|奋斗)目标(?:任务)?(?:是|为|：|:)")
"""今年…主要预期目标是：地区生产总值增长6%左右，固定资产投资6亿元…: each figure a target."""
_REMAINDER = ("剩余", "尚有", "还有", "其余", "剩下", "仍有")
_RATE_WORDS = re.compile(r"率|比重|比例|占比|覆盖|满意度|知晓|达标")
_PAREN_UNIT = re.compile(
    r"^（[^）]{0,30}）(?P<unit>"
    + "|".join(map(re.escape, sorted(KNOWN_UNITS, key=len, reverse=True)))
    + ")"
)


def _with_paren_units(text: str, figures: list[Figure]) -> list[Figure]:
    """147（其中刑释67人）人: a figure whose unit follows a parenthesis."""
    out = []
    for f in figures:
        m = _PAREN_UNIT.match(text[f.end :]) if not f.unit else None
        if m:
            f = Figure(
                f.value, m.group("unit"), f.start, f.end, f.text, f.qualifier, f.high, f.chinese
            )
        out.append(f)
    return out


class SentenceReader:
    """Reads one sentence's figures into entries (`entries`) and unplaced figures."""

    def __init__(self, sentence: Sentence, year: int, new_id: Callable[[int, int], str]) -> None:
        self.s = sentence
        self.text = sentence.text
        self.year = year
        self.new_id = new_id
        self.figures = _with_paren_units(self.text, find_figures(self.text))
        self.entries: list[Entry] = []
        self.unplaced: list[Unplaced] = []
        self.owner: dict[int, Entry] = {}
        """Figure index → the entry it belongs to."""

    # -- helpers

    def before(self, index: int, width: int = 16) -> str:
        f = self.figures[index]
        floor = self.figures[index - 1].end if index else 0
        return self.text[max(floor, f.start - width) : f.start]

    def previous_entry(self, index: int, dim: str | None = None) -> Entry | None:
        for j in range(index - 1, -1, -1):
            entry = self.owner.get(j)
            if entry is None or entry.figure is not self.figures[j]:
                continue
            if dim is None or dimension(entry.unit) == dim:
                return entry
        return None

    # -- reading

    def read(self) -> None:
        skip: set[int] = set()
        for i, f in enumerate(self.figures):
            if i in skip:
                continue
            if f.unit == "%":
                self.percent(i)
            elif f.unit in POINTS:
                self.points(i)
            elif self.as_baseline(i, skip) or self.as_net_change(i):
                continue
            elif self.as_task(i, skip):
                continue
            else:
                self.plain(i)
        link_parts(self.text, self.figures, self.owner, self.entries)

    def new_entry(self, i: int, kind: Kind, *, name: str | None = None) -> Entry:
        f = self.figures[i]
        floor = self.figures[i - 1].end if i else 0
        guessed = False
        if name is None:
            name, guessed = names.name_of(self.text, f.start, f.end, floor)
            if not name:
                prev = self.owner.get(i - 1)
                name = prev.name if prev else ""
            if not name:
                name, guessed = self.text[max(0, f.start - 8) : f.start].strip() or f.text, True
        entry = Entry(
            self.new_id(self.s.section, self.year), self.year, self.s.section, name, kind,
            f.unit, self.text, self.s.line, f, figures=[f],
        )  # fmt: skip
        prev = self.owner.get(i - 1)
        if prev is not None and len(prev.name) == 1 and name.startswith(prev.name * 2):
            name = name[1:]  # 12个村村集体经济总收入: 村 is the count's
            entry.name = name
        if guessed:
            entry.flag(NAME_GUESSED)
        bound = names.BOUND.search(self.text[floor : f.start])
        if bound and not f.qualifier:
            side = "下限" if bound.group() in ("不少于", "不低于") else "上限"
            entry.flag(QUALIFIED)
            entry.note = f"原文“{bound.group()}{f.text}”（{side}）"
        if f.unit and f.unit not in KNOWN_UNITS and f.unit not in EXTRA_UNITS:
            entry.flag(UNIT_UNKNOWN)  # 万吨 as written: the unit table does not know it
        if f.qualifier:
            entry.flag(QUALIFIED)
            entry.note = f"原文“{f.text}”"
        self.entries.append(entry)
        self.owner[i] = entry
        return entry

    def plain(self, i: int) -> None:
        f = self.figures[i]
        if not f.unit:
            self.unplaced.append(Unplaced(f, self.text, self.s.line, self.year, UNIT_UNKNOWN))
            return
        if self.s.plan:
            clause = self.text[: f.start].replace("；", "，").rsplit("，", 1)[-1]
            listed = _TARGET_LIST.search(self.text[: f.start])
            if not _PLAN_TARGET.search(clause) and listed is None:
                self.unplaced.append(Unplaced(f, self.text, self.s.line, self.year, NOT_PLACED))
                return
            entry = self.new_entry(i, Kind.AMOUNT)
            entry.target = f.value
            return
        if self.as_resolved(i) or self.as_remainder(i):
            return
        name = self.from_name(i)
        entry = self.new_entry(i, Kind.INDICATOR, name=name)
        entry.actual = f.value

    def as_resolved(self, i: int) -> bool:
        """排查一般风险隐患14项、已整改14项: the problems found are the target, those fixed the
        actual (one amount entry)."""
        f = self.figures[i]
        m = _RESOLVED.match(names.strip_lead(self.before(i).lstrip("，、, ")))
        prev = self.owner.get(i - 1) if i else None
        if m is None or prev is None or prev.figure is not self.figures[i - 1]:
            return False
        if prev.kind is not Kind.INDICATOR or prev.unit != f.unit or prev.parts:
            return False
        if prev.actual is None or prev.baseline is not None or f.value > prev.actual:
            return False
        prev.kind, prev.target, prev.actual = Kind.AMOUNT, prev.actual, f.value
        prev.key, prev.quantity = prev.name, "target"
        prev.name += m.group("verb")
        prev.figures.append(f)
        self.owner[i] = prev
        return True

    def as_remainder(self, i: int) -> bool:
        """排查问题12个，已整改10个，剩余2个正在整改中: what remains of a pair of problems
        found and fixed is a difference claim on it (12 − 10), not an item."""
        prev = self.owner.get(i - 1) if i else None
        lead = names.clean(self.before(i).lstrip("，、, "))
        if prev is None or prev.quantity != "target" or lead not in _REMAINDER:
            return False
        f = self.figures[i]
        if prev.unit != f.unit:
            return False
        says = self.text[self.figures[i - 1].end :].lstrip("，、, ").split("，")[0].rstrip("。；")
        of = [f"{prev.id}.target", prev.id]
        prev.claims.append(DraftClaim(ClaimKind.DIFFERENCE, f.value, f.unit, of, says))
        prev.figures.append(f)
        self.owner[i] = prev
        return True

    def from_name(self, i: int) -> str | None:
        """由42万元提高到64.7万元: the later figure takes the name of the earlier one."""
        if i and _TO.match(self.text[self.figures[i - 1].end : self.figures[i].start]):
            prev = self.owner.get(i - 1)
            return prev.name if prev else None
        return None

    def as_baseline(self, i: int, skip: set[int]) -> bool:
        f = self.figures[i]
        left = self.before(i)
        after = self.text[f.end : f.end + 6]
        if (
            i + 1 < len(self.figures)
            and _FROM.search(left)
            and _TO.match(self.text[f.end : self.figures[i + 1].start])
        ):
            nxt = self.figures[i + 1]
            if dimension(nxt.unit) == dimension(f.unit) and nxt.unit != "%":
                entry = self.new_entry(i, Kind.INDICATOR)
                entry.baseline = f.value
                entry.actual = nxt.value
                entry.figure = nxt
                entry.figures.append(nxt)
                self.owner[i + 1] = entry
                skip.add(i + 1)
                entry.flags = [x for x in entry.flags if x != QUALIFIED] + (
                    [QUALIFIED] if nxt.qualifier else []
                )
                return True
        if not _BASELINE.search(left) or after.startswith("%"):
            return False
        prev = self.previous_entry(i, dimension(f.unit))
        if prev is None or prev.baseline is not None:
            return False
        if _BUDGET.search(left) and prev.kind is Kind.INDICATOR and prev.target is None:
            prev.kind, prev.target = Kind.AMOUNT, f.value  # 较年初预算1900万元: its target
        else:
            prev.baseline = f.value
        prev.figures.append(f)
        self.owner[i] = prev
        return True

    def as_net_change(self, i: int) -> bool:
        prev = self.previous_entry(i, dimension(self.figures[i].unit))
        phrase = names.clean(self.before(i).lstrip("，、,；; "))
        if prev is None or prev.baseline is None or not _NET.match(phrase):
            return False
        f = self.figures[i]
        says = self.text[self.figures[i - 1].end : f.end].lstrip("，, ")
        prev.claims.append(
            DraftClaim(
                ClaimKind.DIFFERENCE, f.value, f.unit, [prev.id, f"{prev.id}.baseline"], says
            )
        )
        prev.figures.append(f)
        self.owner[i] = prev
        return True

    def as_task(self, i: int, skip: set[int]) -> bool:
        """任务数175对，完成188对 → one amount; 计划种植水稻15万亩、大豆0.3万亩 → two targets."""
        f = self.figures[i]
        if not _TASK.search(self.before(i)) or self.s.plan:
            return False
        entry = self.task_entry(i)
        for j in range(i + 1, len(self.figures)):
            g = self.figures[j]
            if dimension(g.unit) != dimension(f.unit):
                continue
            between = self.text[self.figures[j - 1].end : g.start]
            if _DONE.search(self.before(j)):
                entry.actual = g.value
                entry.figures.append(g)
                self.owner[j] = entry
                skip.add(j)
                break
            if not re.match(r"^[、，,]", between) or "完成" in between:
                break
            self.task_entry(j)
            skip.add(j)
        return True

    def task_entry(self, i: int) -> Entry:
        entry = self.new_entry(i, Kind.AMOUNT)
        stripped = _TASK_WORDS.sub("", entry.name)
        if stripped and not stripped.endswith(("下达", "下发", "分解", "安排", "交办")):
            entry.name = stripped  # 计划种植水稻 → 种植水稻; 县下达任务 stays whole
        entry.target = self.figures[i].value
        return entry

    def percent(self, i: int) -> None:
        f = self.figures[i]
        left = self.before(i)
        growth = _GROWTH.search(left)
        prev_rate = self.previous_entry(i, dimension("%"))
        if growth is None and _BASELINE.search(left) and prev_rate is not None:
            if prev_rate.baseline is None and prev_rate.kind is Kind.RATE:
                prev_rate.baseline = f.value  # 参保率96%，比上年95.3%: the rate's baseline
                prev_rate.figures.append(f)
                self.owner[i] = prev_rate
                return
        if growth is None:
            entry = self.new_entry(i, Kind.RATE)
            if self.s.plan:
                entry.target = f.value
            else:
                entry.actual = f.value
            if not _RATE_WORDS.search(entry.name):
                entry.flag(KIND_GUESSED)
            self.rate_name(i, entry)
            return
        value = -f.value if growth.group(1) in _FALL else f.value
        prev = self.previous_entry(i)
        own_subject = names.clean(names.last_phrase(left[: growth.start()]))
        if prev is not None and prev.unit != "%" and not own_subject:
            says = self.text[self.figures[i - 1].end : f.end].lstrip("，, ")
            if prev.baseline is not None and not self.s.plan:
                prev.claims.append(DraftClaim(ClaimKind.GROWTH, value, "%", [], says))
            elif prev.target is not None and prev.actual is not None and not self.s.plan:
                of = [prev.id, f"{prev.id}.target"]
                prev.claims.append(DraftClaim(ClaimKind.GROWTH, value, "%", of, says))
            elif self.s.plan:
                prev.kind, prev.target, prev.target_growth_pct = Kind.GROWTH, None, value
            else:
                prev.actual_growth_pct = value
            prev.figures.append(f)
            self.owner[i] = prev
            return
        entry = self.new_entry(i, Kind.GROWTH, name=own_subject or None)
        entry.name = _GROWTH.sub("", entry.name) or entry.name
        if self.s.plan:
            entry.target_growth_pct = value
        else:
            entry.actual_growth_pct = value

    def points(self, i: int) -> None:
        """较上年提高0.7个百分点: the change of the rate before it, in percentage points —
        a difference claim when the rate's baseline is stated, else a note on the rate."""
        f = self.figures[i]
        prev = self.previous_entry(i, dimension("%"))
        if prev is None:
            self.unplaced.append(Unplaced(f, self.text, self.s.line, self.year, UNIT_UNKNOWN))
            return
        says = self.text[self.figures[i - 1].end : f.end].lstrip("，, ")
        fall = re.search(r"下降|减少|降低|回落", says)
        if prev.baseline is not None and not self.s.plan:
            of = [prev.id, f"{prev.id}.baseline"]
            value = -f.value if fall else f.value
            prev.claims.append(DraftClaim(ClaimKind.DIFFERENCE, value, "%", of, says))
        else:
            prev.note = "；".join(x for x in (prev.note, f"原文“{says}”") if x)
        prev.figures.append(f)
        self.owner[i] = prev

    def rate_name(self, i: int, entry: Entry) -> None:
        """参保率 after 意外险参保7097人 → 意外险参保率: a bare rate takes its subject."""
        prev = self.previous_entry(i)
        if prev is None or len(entry.name) > 4 or not entry.name.endswith("率"):
            return
        stem = entry.name[:-1]
        at = prev.name.find(stem) if stem else -1
        entry.name = prev.name[: at + len(stem)] + "率" if at >= 0 else prev.name + entry.name
