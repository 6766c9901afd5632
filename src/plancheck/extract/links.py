"""What ties entries together across sentences, so that `check` can test it.

- milestones: a clause with a date and 开工 / 投产 / 竣工 / 建成 / 完成 (8月份开工生产);
- averages: 村均收入64.7万元 after 15个村…总收入969.65万元 is a ratio claim, total ÷
  count; 脱贫户户均8.48条 inside a 其中 list is a part known only by its average;
- the same quantity twice: two entries of a section with one name (or one is the other
  with a leading verb, 研判矛盾纠纷 and 矛盾纠纷) and one unit, or two milestones of one
  subject and one event, are linked by `same_as`; `check` compares their figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from plancheck.extract import names
from plancheck.extract.draft import KIND_GUESSED, DraftClaim, Entry
from plancheck.extract.outline import Sentence
from plancheck.model import ClaimKind, Kind
from plancheck.units import KNOWN_UNITS

_EVENT = re.compile(
    r"(?<![\d\-－])(?:(?P<year>(?:19|20)\d\d)年)?"
    r"(?:(?P<month>\d{1,2})月(?:份)?(?:(?P<day>\d{1,2})日)?)?(?:底|初|中旬|上旬|下旬)?"
    r"(?P<gap>[^，；。、\d]{0,4}?)"
    r"(?P<verb>开工生产|建成投产|正式投产|投入使用|投产|开工|竣工|建成|完工|完成)"
)
_WHEN = re.compile(r"(?:将|预计|计划|力争|确保|已经?|均已|已于)?于?$")
_PRODUCTION = {"开工生产", "建成投产", "正式投产", "投产", "投入使用"}
_DONE_EVENT = {"竣工", "建成", "完工", "完成"}
_AVERAGE = re.compile(r"^(?P<who>.*?)(?P<per>户|村|人)均")
_CLAUSE = re.compile(r"[^，；。]+")


def _event_class(verb: str) -> str:
    if verb in _PRODUCTION:
        return "production"
    return "done" if verb in _DONE_EVENT else "start"


def _event(clause: str) -> re.Match[str] | None:
    """The first dated event of a clause (a year, a month or both before its verb)."""
    for m in _EVENT.finditer(clause):
        if m.group("month") and int(m.group("month")) > 12:
            continue
        if m.group("year") or m.group("month"):
            return m
    return None


def _date(m: re.Match[str], year: int) -> str:
    """The event's date: its own year (于2025年竣工) before the section's; "" when the
    report gives no month (a date is never made up)."""
    if not m.group("month"):
        return ""
    date = f"{int(m.group('year') or year):04d}-{int(m.group('month')):02d}"
    if m.group("day") and 1 <= int(m.group("day")) <= 31:
        date += f"-{int(m.group('day')):02d}"
    return date


def milestones(s: Sentence, year: int, new_id: Callable[[int, int], str]) -> list[Entry]:
    """The dated events of a sentence, as milestones (done in the summary, due in the plan)."""
    out = []
    clauses = list(_CLAUSE.finditer(s.text))
    for at, clause in enumerate(clauses):
        m = _event(clause.group())
        if m is None:
            continue
        if m.group("verb") == "完成" and clause.group()[m.end() :].strip():
            continue  # 12月份完成工业产值6.1亿元: a figure, not an event
        subject = _WHEN.sub("", names.clean(clause.group()[: m.start()]))
        for earlier in reversed(clauses[:at]):
            if len(subject) >= 2:
                break
            subject = re.split(r"\d|已|完成|实现", names.strip_lead(earlier.group()))[0]
        date = _date(m, year)
        entry = Entry(new_id(s.section, year), year, s.section,
                      f"{subject[-names.MAX_NAME:]}{m.group('verb')}", Kind.MILESTONE, "",
                      s.text, s.line, None)  # fmt: skip
        if s.plan:
            entry.state, entry.due = "planned", date
        else:
            entry.state, entry.done = "done", date
        entry.event = m.group("verb")
        if not date:
            entry.note = f"原文“{m.group()}”，未写月份"
        out.append(entry)
    return out


_TASK = re.compile(r"^[一二三四五六七八九十]是(?P<name>[^，。；：]{2,30})")


def plan_task(s: Sentence, year: int, new_id: Callable[[int, int], str]) -> Entry | None:
    """一是强化村企联建，… in the plan part: a planned milestone named by its lead phrase
    (the plan's tasks are mostly qualitative; the report gives them no date)."""
    m = _TASK.match(s.text)
    if not s.plan or m is None:
        return None
    entry = Entry(new_id(s.section, year), year, s.section, m.group("name"), Kind.MILESTONE,
                  "", s.text, s.line, None, state="planned")  # fmt: skip
    entry.flag(KIND_GUESSED)
    return entry


def _common(a: str, b: str) -> int:
    """Length of the longest common substring."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def link_milestones(entries: Sequence[Entry]) -> None:
    seen: list[Entry] = []
    for e in entries:
        if e.kind is not Kind.MILESTONE or e.state != "done":
            continue
        for other in seen:
            same_event = _event_class(other.event) == _event_class(e.event)
            if same_event and other.year == e.year and _common(other.name, e.name) >= 4:
                if other.done != e.done and other.done and e.done:
                    e.same_as = other.id
                break
        seen.append(e)


def _key(name: str) -> str:
    return re.sub(r"^(?:研判|办理|排查|受理|开展|发放|组织|接待)", "", name)


def _units(entries: Sequence[Entry], source: str) -> list[str]:
    return [f.unit for e in entries if e.source == source for f in e.figures]


def _value(e: Entry) -> Decimal | None:
    value: Decimal | None = getattr(e, e.quantity)
    return value


def _ref(e: Entry) -> str:
    return e.id if e.quantity == "actual" else f"{e.id}.{e.quantity}"


def link_same(entries: Sequence[Entry]) -> None:
    """Two entries of one year with one name and one unit record the same quantity (the
    opening's 财政收入2150万元 and the section's 全年财政收入2105万元), whether their figures
    agree or not: `check` compares them.

    Not when the name is generic (three entries or more of the year have it: 参与人数),
    nor when the two sentences are parallel (the same units in the same order: 盛泽园…
    黎里园…, 春季…秋季…): those state the same kind of figure for different subjects."""
    groups: dict[tuple[int, str, str], list[Entry]] = {}
    for e in entries:
        name = _key(e.key or e.name)
        if e.kind is Kind.MILESTONE or _value(e) is None or e.parts or len(name) < 4:
            continue
        groups.setdefault((e.year, name, e.unit), []).append(e)
    for group in groups.values():
        if len(group) != 2:
            continue
        first, second = group
        if first.source == second.source:
            continue
        if _units(entries, first.source) == _units(entries, second.source):
            continue
        if second.quantity == "actual":
            second.same_as = _ref(first)
        elif first.quantity == "actual":
            first.same_as = _ref(second)


def _count_for(entries: Sequence[Entry], avg: Entry, who: str, per: str) -> Entry | None:
    """The stated count an average divides by: 15个村 for 村均, 脱贫户2866户 for 脱贫户户均."""
    unit_of = {"户": ("户",), "村": ("个", "村"), "人": ("人", "名")}[per]
    at = list(entries).index(avg)
    before = [e for e in entries[:at] if e.section == avg.section and e.year == avg.year]
    for e in reversed(before):
        if e.unit not in unit_of or e.actual is None or e.figure is None:
            continue
        follows = e.source[e.figure.end : e.figure.end + 1]
        if who and e.name.endswith(who):
            return e
        if (
            not who
            and e.source == avg.source
            and (per != "村" or follows == "村" or e.unit == "村")
        ):
            return e
    return None


def _total_for(entries: Sequence[Entry], avg: Entry) -> Entry | None:
    unit = KNOWN_UNITS.get(avg.unit)
    for e in entries:
        if e.source != avg.source or e is avg or e.actual is None or e.figure is None:
            continue
        if avg.figure is None or e.figure.start >= avg.figure.start:
            continue
        other = KNOWN_UNITS.get(e.unit)
        if unit and other and other.dimension == unit.dimension and "均" not in e.name:
            return e
    return None


def link_averages(entries: list[Entry], new_id: Callable[[int, int], str]) -> None:
    """户均 / 村均 / 人均 figures: a ratio claim of a total over a stated count."""
    for avg in list(entries):
        m = _AVERAGE.match(avg.name)
        if m is None or avg.actual is None or avg.figure is None or avg.kind is not Kind.INDICATOR:
            continue
        who, per = (m.group("who") or "", m.group("per") or "人")
        count = _count_for(entries, avg, who, per)
        clause_start = max(avg.source.rfind(c, 0, avg.figure.start) for c in "，；。、") + 1
        says = avg.source[clause_start : avg.figure.end]  # 村均85万元: never a cut number
        total = next((e for e in entries if avg.id in e.parts), None)
        if total is not None and count is None:  # an average is no part of a sum
            total.parts = [p for p in total.parts if p != avg.id]
            total.parts_exhaustive = False
            continue
        if total is not None:  # a part known only by its average: the part has no figure
            part = Entry(new_id(avg.section, avg.year), avg.year, avg.section,
                         f"{who}{total.name}", Kind.INDICATOR, total.unit, avg.source,
                         avg.line, None)  # fmt: skip
            part.note = f"报告只给出{who}{per}均数"
            total.parts = [part.id if p == avg.id else p for p in total.parts]
            total.parts_exhaustive = False
            entries.insert(entries.index(avg), part)
            numerator = part.id
            found = None
        else:
            found = _total_for(entries, avg)
            if found is None:
                continue
            numerator = found.id
        if avg.name == f"{per}均" and found is not None:  # 村均 → 村均集体经济收入
            avg.name = f"{per}均{found.name.removeprefix(per).replace('总', '', 1)}"
        if count is not None:
            claim = DraftClaim(ClaimKind.RATIO, avg.actual, avg.unit, [numerator, count.id], says)
            avg.claims.append(claim)


_PLAN_WORDS = re.compile(r"^(?:年初)?(?:计划|目标)|(?:全年)?(?:任务数?|计划|目标)$")


def _same_name(a: str, b: str) -> bool:
    a, b = _PLAN_WORDS.sub("", a), _PLAN_WORDS.sub("", b)
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and (long.endswith(short) or long.startswith(short))


def _completes(task: Entry, e: Entry, entries: Sequence[Entry]) -> bool:
    return (
        e.kind is Kind.INDICATOR
        and e.section == task.section
        and e.year == task.year
        and task.line <= e.line
        and e.source != task.source
        and e.unit == task.unit
        and e.actual is not None
        and not e.parts
        and _same_name(task.name, e.name)
        and not any(e.id in t.parts for t in entries)
    )


def merge_tasks(entries: list[Entry]) -> None:
    """年初计划种植水稻15万亩 … 目前完成种植13万亩水稻: a target without its completion
    takes the figure of a later sentence of its section with the same name and unit."""
    for task in [e for e in entries if e.kind is Kind.AMOUNT and e.actual is None]:
        for e in entries:
            if _completes(task, e, entries):
                task.actual = e.actual
                task.figures += e.figures
                task.source = f"{task.source}{e.source}"
                task.flags = sorted(set(task.flags) | set(e.flags))
                entries.remove(e)
                break


_INFLOW = re.compile(r"^(?:新增|新识别|新纳入)")
_OUTFLOW = re.compile(r"^(?:取消|减少|退出|注销|停保)")


def _flow(
    entries: Sequence[Entry], stock: Entry, unit: str, pattern: re.Pattern[str]
) -> list[Entry]:
    return [
        e
        for e in entries
        if e.section == stock.section
        and e.year == stock.year
        and e.unit == unit
        and e.actual is not None
        and pattern.match(e.name)
        and _common(pattern.sub("", e.name), stock.name) >= 4
    ]


def link_flows(entries: Sequence[Entry]) -> None:
    """增加最低保障133人, a level's net change, is also what came in less what went out when
    the section states both (新增…344人, 取消…256人): a second difference claim."""
    for stock in entries:
        for claim in list(stock.claims):
            if claim.kind is not ClaimKind.DIFFERENCE or claim.of != [
                stock.id,
                f"{stock.id}.baseline",
            ]:
                continue
            inflow = _flow(entries, stock, claim.unit, _INFLOW)
            outflow = _flow(entries, stock, claim.unit, _OUTFLOW)
            if len(inflow) == 1 and len(outflow) == 1:
                of = [inflow[0].id, outflow[0].id]
                stock.claims.append(DraftClaim(claim.kind, claim.value, claim.unit, of, claim.says))
