"""The figures of one sentence: a number, its unit, its qualifier, where it is written.

A figure is a number the sentence states as a quantity: arabic digits (36.5%, 1.38亿元) or
Chinese numerals before a counting unit (八家, 六批次).  Numbers that are not quantities
are left out, each for a stated reason: years (2023年), dates and months (8月份, 7月20日,
5.12), ordinals (第15个), phone and hotline numbers (12345), road and route names (G329),
codes (1+5+N), and anything inside quotation marks (“五清一改”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from plancheck.units import KNOWN_UNITS

# Counting words a report uses that the unit table does not know; a draft that uses one
# lists it in the settings' `units`.
EXTRA_UNITS = tuple("支 本 盏 株 艘 架 届 轮 趟 宗 笔 根 道 面 位 部 封 种 类 组 队 期次".split())

# Measures the unit table may not know (万吨, 公顷, 千瓦时 …): a figure written with one
# keeps it as written, and its entry is flagged for review rather than the figure dropped.
_MEASURES = (
    "吨 公顷 平方米 平方公里 立方米 千瓦时 千瓦 兆瓦 千克 公斤 标箱 头 只 羽 台 辆 套 户 人次 "
    "人 亩 斤 元 床 册"
).split()
ODD_UNITS = tuple(
    sorted(
        {f"{scale}{m}" for scale in ("", "万", "亿") for m in _MEASURES if m != "千克"}
        - {*KNOWN_UNITS, *EXTRA_UNITS}
    )
)
POINTS = ("个百分点", "百分点")
"""Percentage points: the difference of two rates (提高0.7个百分点)."""
_UNITS = sorted({*KNOWN_UNITS, *EXTRA_UNITS, *ODD_UNITS, *POINTS}, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)

_CN_DIGITS = "零一二两三四五六七八九十百千万"
_NUMBER = re.compile(
    r"(?P<pre>约|近|超过|超|逾|达)?"
    r"(?P<num>\d+(?:\.\d+)?)(?:\s*(?:-|—|~|～|至|到)\s*(?P<high>\d+(?:\.\d+)?))?"
    r"(?P<suffix>余|多)?\s*(?P<unit>" + _UNIT_RE + r")?"
    r"(?P<post>左右|以上|以内|以下)?"
)
_CHINESE = re.compile(
    r"(?P<pre>约|近|超过|超|逾)?(?P<num>[" + _CN_DIGITS + r"]{1,6})(?P<suffix>余|多)?"
    r"(?P<unit>" + _UNIT_RE + r")(?P<post>左右|以上|以内|以下)?"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|《[^》]*》")
# Chinese numerals that are words, not quantities (一是, 一期, 二十大 …): the unit must
# follow directly, and these are refused outright.
_CN_WORDS = ("一期", "二期", "三期", "一次性", "一把", "一点", "一条龙", "一站式", "一个月")


@dataclass(frozen=True, slots=True)
class Figure:
    """One quantity stated in a sentence."""

    value: Decimal
    """The number as written (the lower end of a range)."""
    unit: str
    """Its unit as written ("" when none follows)."""
    start: int
    """Offset of the figure (qualifiers included) in the sentence."""
    end: int
    text: str
    """The figure as written: 约12亿元, 300余条, 八家."""
    qualifier: str = ""
    """约 / 近 / 余 / 左右 / 以上 … or "range" ("" for an exact figure)."""
    high: Decimal | None = None
    """The upper end of a range (3-5个), else None."""
    chinese: bool = False
    """Written in Chinese numerals."""

    @property
    def number_start(self) -> int:
        """Where the digits begin (after a leading 约 / 近 …)."""
        lead = len(self.text) - len(self.text.lstrip("约近超过逾达"))
        return self.start + lead


def _masked(sentence: str) -> str:
    """The sentence with quoted passages blanked (same length), so no figure is found there."""
    return _QUOTED.sub(lambda m: "\0" * len(m.group()), sentence)


def _not_quantity(sentence: str, start: int, end: int, unit: str, num: str) -> bool:
    """True for years, dates, ordinals, codes, road names and phone numbers."""
    before = sentence[max(0, start - 2) : start]
    after = sentence[end : end + 2]
    tail = sentence[start + len(num) : start + len(num) + 2]
    if before.endswith("第"):
        return True
    if before[-1:].isascii() and before[-1:].isalpha():  # G329, S329, LED…
        return True
    if re.match(r"[年月日号时期届]|月份|周年|\+|－|-\d|\.\d|/", tail) and not unit:
        return True
    if re.match(r"[+＋]", after) or before.endswith(("+", "＋")):
        return True
    if not unit and re.fullmatch(r"(19|20)\d\d", num) and not tail.startswith("%"):
        return True  # a bare year (2024工作计划)
    if not unit and len(num.replace(".", "")) >= 5 and re.fullmatch(r"1\d{4,}", num):
        return before.endswith(("热线", "电话")) or tail.startswith(("热线", "举报", "平台"))
    if re.fullmatch(r"\d{1,2}\.\d{1,2}", num) and tail.startswith(("地震", "事件", "活动")):
        return True
    return bool(re.fullmatch(r"\d{1,2}", num) and not unit and after.startswith(("月", "日")))


def _chinese_value(text: str) -> Decimal | None:
    """八 → 8, 二十二 → 22 (cn2an, imported only when a Chinese numeral is met)."""
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(text, "normal")))
    except (ValueError, KeyError, TypeError):
        return None


def find_figures(sentence: str) -> list[Figure]:
    """The figures of the sentence, in order."""
    masked = _masked(sentence)
    out: list[Figure] = []
    for m in _NUMBER.finditer(masked):
        num = m.group("num")
        unit = m.group("unit") or ""
        if _not_quantity(masked, m.start("num"), m.end(), unit, num):
            continue
        if masked[m.end() : m.end() + 1] in ("月", "日", "年") and unit in ("", "个"):
            continue
        qualifier = m.group("pre") or m.group("suffix") or m.group("post") or ""
        if qualifier == "达":
            qualifier = ""
        high = Decimal(m.group("high")) if m.group("high") else None
        start = m.start("num") if m.group("pre") == "达" else m.start()
        out.append(
            Figure(Decimal(num), unit, start, m.end(), sentence[start : m.end()],
                   "range" if high is not None else qualifier, high)
        )  # fmt: skip
    for m in _CHINESE.finditer(masked):
        num, unit = m.group("num"), m.group("unit")
        word = masked[m.start("num") : m.end()]
        if (
            num == "一"
            or word.startswith(_CN_WORDS)
            or masked[m.start("num") - 1 : m.start("num")] == "第"
        ):
            continue
        if unit == "期" or num.startswith(("万", "百", "千")):
            continue
        value = _chinese_value(num)
        if value is None:
            continue
        qualifier = m.group("pre") or m.group("suffix") or m.group("post") or ""
        out.append(
            Figure(value, unit, m.start(), m.end(), sentence[m.start() : m.end()], qualifier,
                   chinese=True)
        )  # fmt: skip
    out.sort(key=lambda f: f.start)
    return out
