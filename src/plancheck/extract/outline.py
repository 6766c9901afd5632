"""The report's outline: its title and entity, its sections from the headings, its sentences.

Headings are the ones Chinese work reports use: 一、 for parts, （一） for sections, 1. for
sub-headings.  A part whose heading speaks of a plan (工作计划, 工作打算, 2024年…) is the
plan part; its sentences belong to the plan year.  A part about shortcomings (存在不足,
问题) gives the weaknesses.  Text before the first heading is the opening (总体情况).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PART = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_SUB = re.compile(r"^\d{1,2}[.．、]\s*\S")
_SENTENCE_END = re.compile(r"(?<=[。！？；;])")
_ENTITY = re.compile(
    r"(?P<e>[\u4e00-\u9fff]{1,10}?(?:街道办事处|街道|镇|乡|县|区|市))(?:人民)?政府"
)
_MARKDOWN = re.compile(r"^\s*(?:#+\s*|[-*]\s+|>\s*)|\*\*|__")
OPENING = "总体情况"
_TARGET_LIST = r"预期目标(?:是|为|：|:)|{year}年.{{0,16}}?主要目标(?:任务)?(?:是|为|：|:)"
"""今年经济社会发展的主要预期目标是：…, 2026年主要目标是：… — a list of the plan year's
targets, wherever it stands (预期目标 always looks ahead)."""


@dataclass
class Section:
    """One section of the report: a file of the draft."""

    index: int
    """0 for the opening, then 1, 2 … in report order (the plan part numbers on)."""
    title: str
    """The heading as written, without its number's trailing punctuation."""
    plan: bool
    """In the plan part (its items belong to the plan year)."""
    line: int
    weaknesses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    """1-based line of the report where the sentence is written."""
    section: int
    """The index of its Section."""
    plan: bool


@dataclass
class Outline:
    title: str
    entity: str
    sections: list[Section]
    sentences: list[Sentence]


def _clean(line: str) -> str:
    return _MARKDOWN.sub("", line).strip().replace("\u3000", " ").strip()


def _is_plan(heading: str, plan_year: int) -> bool:
    return bool(re.search(rf"计划|打算|安排|思路|{plan_year}年?(?:工作|主要)", heading))


def entity_of(title: str) -> str:
    """The township (or county …) named by the report's title, "" when none is found."""
    text = re.sub(r"(?:19|20)\d\d\s*年度?", "", title)  # 2023年度张桥镇…, 青山镇2026年…
    m = _ENTITY.search(text)
    if m:
        return m.group("e")
    head = text.split("政府工作报告")[0].split("工作报告")[0].strip()
    return head if 1 < len(head) <= 12 else ""


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_REVIEW_HEADING = re.compile(r"回顾|总结|成绩|成效|完成情况")
_PLAN_HEADING = re.compile(r"计划|打算|安排|思路|目标任务")
_YEAR_SENTENCE = re.compile(r"^((?:19|20)\d\d)\s*年(?:，|,|以来|全年|全镇|全乡|我镇|我乡)")
_PAST_YEAR = re.compile(r"过去的?一年|去年以来|上一年度")
_THIS_YEAR = re.compile(r"今年以来|今年(?:全镇|全乡|我镇|我乡)")


def _evidence(lines: list[str]) -> tuple[int | None, int | None, int | None, str]:
    """From the report's own text: the year a review heading names, the year a plan
    heading names, the year of the first dated sentence before the plan part, and whether
    it speaks of the reviewed year as 过去一年 ("past") or 今年 ("this")."""
    reviewed = plan = dated = None
    speaks = ""
    in_plan = False
    for line in lines:
        year = _YEAR.search(line)
        if _PART.match(line) and len(line) <= 40:
            if year and _REVIEW_HEADING.search(line):
                reviewed = reviewed or int(year.group(1))
            elif _PLAN_HEADING.search(line):
                in_plan = True
                plan = plan or (int(year.group(1)) if year else None)
            continue
        if in_plan:
            continue
        for sentence in split_sentences(line):
            m = _YEAR_SENTENCE.match(sentence)
            dated = dated or (int(m.group(1)) if m else None)
        if not speaks and _PAST_YEAR.search(line):
            speaks = "past"
        elif not speaks and _THIS_YEAR.search(line):
            speaks = "this"
    return reviewed, plan, dated, speaks


def report_years(text: str) -> tuple[int, int] | None:
    """(the year the report reviews, the year it plans), else None.

    A 政府工作报告 is given at the 人代会 early in the year its title names (青山镇2026年
    政府工作报告 reviews 2025 and plans 2026), while a 年度 report sums up its title's year
    (2023年度…工作报告 reviews 2023).  The report's own words come first: a heading that
    names a year (2025年工作回顾, 2026年工作安排), the first sentence before the plan part
    that opens with a year (2025年，…), then 过去一年 (the title names the year after the one
    reviewed) or 今年以来 (the title's year is the one reviewed); the title's form last."""
    lines = [_clean(raw) for raw in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None
    reviewed, plan, dated, speaks = _evidence(lines[1:])
    if reviewed is not None:
        return reviewed, plan if plan is not None and plan > reviewed else reviewed + 1
    if plan is not None:
        return plan - 1, plan
    if dated is not None:
        return dated, dated + 1
    m = re.search(r"((?:19|20)\d\d)\s*(年度)?", lines[0])
    if m is None:
        return None
    title = int(m.group(1))
    meeting = speaks == "past" or (speaks != "this" and not m.group(2))
    return (title - 1, title) if meeting else (title, title + 1)


_OFFICES = (
    "党政办 党政综合办 党建办 组织办 宣传办 纪委 经发办 经济发展办 招商办 农业站 农技站 农服中心 "
    "农业农村办 乡村振兴办 扶贫办 水利站 林业站 畜牧站 兽医站 民政办 社会事务办 社保所 人社所 "
    "劳保所 退役军人服务站 应急办 安监办 综治办 综治中心 信访办 司法所 派出所 财政所 财政分局 "
    "税务分局 国土所 自然资源所 规划建设办 建设办 城建办 环保办 生态环境办 市场监管所 城管中队 "
    "执法中队 综合执法队 便民服务中心 文化站 文广站 卫生院 计生办 卫健办"
).split()
_NAMED_OWNERS = re.compile(
    r"(?:责任单位|牵头单位|责任部门|配合单位)[：:]\s*(?P<list>[^。；;\n）)]+)"
)


def owners_of(text: str) -> tuple[str, ...]:
    """The responsible offices the report names (责任单位：经发办、农业站, or an office's
    usual name written in the text), in order; () when it names none."""
    found: dict[str, int] = {}
    for m in _NAMED_OWNERS.finditer(text):
        for name in re.split(r"[、，,\s]+", m.group("list")):
            if 2 <= len(name) <= 12:
                found.setdefault(name, m.start())
    for office in _OFFICES:
        at = text.find(office)
        if at >= 0 and not any(office in other for other in found):
            found.setdefault(office, at)
    return tuple(sorted(found, key=lambda name: found[name]))


def report_year(text: str) -> int | None:
    """The year the report reviews (see `report_years`), else None."""
    years = report_years(text)
    return years[0] if years else None


def split_sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def outline(text: str, plan_year: int) -> Outline:
    """The report's title, entity, sections and sentences."""
    lines = [_clean(raw) for raw in text.splitlines()]
    title_at = next((i for i, line in enumerate(lines) if line), 0)
    title = lines[title_at] if lines else ""
    sections = [Section(0, OPENING, False, title_at + 1)]
    sentences: list[Sentence] = []
    plan = weak = False
    part_title = ""
    targets = re.compile(_TARGET_LIST.format(year=plan_year))
    for number, line in enumerate(lines[title_at + 1 :], start=title_at + 2):
        if not line:
            continue
        if _PART.match(line) and len(line) <= 40:
            part_title = line.rstrip("：:")
            plan = _is_plan(line, plan_year)
            weak = not plan and bool(re.search(r"不足|问题|短板|差距", line))
            sections.append(Section(len(sections), part_title, plan, number))
            continue
        if _SECTION.match(line) and len(line) <= 40 and "。" not in line:
            current = sections[-1]
            if any(s.section == current.index for s in sentences):
                sections.append(Section(len(sections), line, plan, number))
            else:  # the part's first section replaces the part's own (still empty) one
                current.title, current.line = line, number
            continue
        if _SUB.match(line) and len(line) <= 30 and "。" not in line[:-1]:
            continue  # a sub-heading: its sentences stay in the section
        for sentence in split_sentences(line):
            if weak:
                sections[-1].weaknesses.extend(_weaknesses(sentence))
            listed = plan or bool(targets.search(sentence))
            sentences.append(Sentence(sentence, number, sections[-1].index, listed))
    return Outline(title, entity_of(title), sections, sentences)


def _weaknesses(sentence: str) -> list[str]:
    """一是…；二是… → the named shortcomings."""
    found = re.findall(r"[一二三四五六七八九十]是([^；;。]+)", sentence)
    return [w.strip("，, ") for w in found if w.strip("，, ")]
