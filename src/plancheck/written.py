"""Figures as reports write them: "10%左右", "300个以上", "控制在4.5%以内", "6%—6.5%", "预计…".

`read_figure` turns one written figure into its exact number (or bounds), its qualifier,
its unit and the text as written, which every output shows.  Pure: no I/O, no ledger.

Forms read (the words may be combined: "预计增长10%左右", "同比下降3%以上"):

- approximate: ``10%左右``, ``约12万人``, ``大约300个``;
- lower bounds: ``300个以上``, ``超过800人``, ``超3亿元``, ``260余万元``, ``300多个``,
  ``不低于85%``, ``不少于20家``;
- upper bounds and caps: ``控制在4.5%以内``, ``2起以下``, ``不超过3%``, ``不高于5%``;
- ranges: ``6%—6.5%``, ``6%~6.5%``, ``6-6.5%``, ``5000至6000万元``;
- estimates: a leading ``预计``;
- real growth: a leading ``按可比价`` / ``按不变价`` (`Written.real`);
- growth words: ``增长10%`` (+10), ``下降12%`` / ``减少`` / ``降低`` (−12);
- multiples: ``翻一番`` (×2, growth 100 %), ``翻两番`` (×4, 300 %), ``增长1.5倍`` (×2.5 read
  as "N倍 more", growth 150 %; read as "N times as much", ×1.5 and 50 %, with
  ``times="times"``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

__all__ = ["FigureError", "Qualifier", "Written", "read_figure"]


class Qualifier(StrEnum):
    """How a written figure bounds the quantity."""

    EXACT = "exact"
    APPROX = "approx"
    """左右, 约: met within a tolerance (the settings' `[figures]`)."""
    AT_LEAST = "at_least"
    """以上, 超过, 超, 余, 多, 不低于: the figure is a lower bound."""
    AT_MOST = "at_most"
    """以内, 以下, 控制在…以内, 不超过: the figure is a cap (lower is better)."""
    RANGE = "range"
    """6%—6.5%: `value` is the lower end, `high` the upper."""


class Reading(StrEnum):
    """How 增长N倍 is read."""

    PLUS_ONE = "plus_one"
    """增长N倍 = N times more: × (N + 1) (the reading of official statistics)."""
    TIMES = "times"
    """增长N倍 = N times as much: × N (a common loose usage)."""


@dataclass(frozen=True, slots=True)
class Written:
    """One figure as a report writes it."""

    text: str
    """The figure exactly as written (stripped of surrounding blanks)."""
    value: Decimal
    """The number: the figure itself, the bound, or the lower end of a range; signed by a
    growth word (下降3% → −3); for a multiple, the growth in percent it means."""
    unit: str
    """The unit written with the number ("%", "万元", "个"), or "" when none."""
    qualifier: Qualifier = Qualifier.EXACT
    high: Decimal | None = None
    """The upper end of a range."""
    estimate: bool = False
    """预计: an estimate, to be replaced by the final figure."""
    factor: Decimal | None = None
    """For a multiple (翻一番, 增长N倍): the factor over the base (2, 4, N + 1)."""
    reading: Reading | None = None
    """For 增长N倍: how N was read."""
    real: bool = False
    """按可比价 / 按不变价: a real growth, at comparable prices (not the ratio of nominal
    levels)."""

    @property
    def plain(self) -> bool:
        """True for a bare exact figure: nothing but the number and its unit."""
        exact = self.qualifier is Qualifier.EXACT
        return exact and not self.estimate and self.factor is None and not self.real

    def in_unit(self, value: Decimal, high: Decimal | None, unit: str) -> Written:
        """The same figure with its numbers converted to `unit` (the text is kept)."""
        return replace(self, value=value, high=high, unit=unit)


class FigureError(ValueError):
    """A text that is not a figure plancheck can read."""


_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"[^\d\s,.+\-~—–至到左以余多]*"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The single-figure and range patterns, compiled on first use: their non-ASCII classes
    take milliseconds to compile, which `status` on a cached ledger should not pay."""
    single = re.compile(rf"^({_NUM})(余|多)?({_UNIT})$")
    ranged = re.compile(rf"^({_NUM})({_UNIT})(?:—|–|-|~|至|到)({_NUM})({_UNIT})$")
    return single, ranged


_DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3, "1": 1, "2": 2, "3": 3}
_DOUBLE = re.compile(r"^翻(一|两|二|三|1|2|3)番$")
_TIMES = re.compile(rf"^({_NUM})倍$")

_PREFIXES = (
    ("控制在", Qualifier.AT_MOST),
    ("不超过", Qualifier.AT_MOST),
    ("不高于", Qualifier.AT_MOST),
    ("不多于", Qualifier.AT_MOST),
    ("不低于", Qualifier.AT_LEAST),
    ("不少于", Qualifier.AT_LEAST),
    ("至少", Qualifier.AT_LEAST),
    ("超过", Qualifier.AT_LEAST),
    ("突破", Qualifier.AT_LEAST),
    ("大约", Qualifier.APPROX),
    ("约", Qualifier.APPROX),
    ("超", Qualifier.AT_LEAST),
    ("逾", Qualifier.AT_LEAST),
)
_SUFFIXES = (
    ("左右", Qualifier.APPROX),
    ("以上", Qualifier.AT_LEAST),
    ("以内", Qualifier.AT_MOST),
    ("以下", Qualifier.AT_MOST),
)
_REAL = ("按可比价格计算", "按可比价计算", "按可比价", "按不变价", "可比价")
_UP = ("增长", "增加", "提高", "上升", "提升")
_DOWN = ("下降", "减少", "降低", "下滑")


def _normal(text: str) -> str:
    """Full-width digits and signs made plain, the minus sign made ASCII, blanks removed."""
    text = unicodedata.normalize("NFKC", text).replace("−", "-").replace("～", "~")
    return "".join(text.split())


def _strip(s: str, words: tuple[str, ...], at_start: bool) -> tuple[str, str]:
    for w in words:
        if s.startswith(w) if at_start else s.endswith(w):
            return (s[len(w) :] if at_start else s[: -len(w)]), w
    return s, ""


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def read_figure(text: str, times: Reading = Reading.PLUS_ONE) -> Written:
    """Read one written figure; raises FigureError when the text is not one.

    >>> read_figure("6%—6.5%").high
    Decimal('6.5')
    """
    written = text.strip()
    s = _normal(written)
    s, est = _strip(s, ("预计",), at_start=True)
    s, real = _strip(s, _REAL, at_start=True)
    s, _ = _strip(s, ("同比", "比上年", "较上年"), at_start=True)
    s, verb = _strip(s, _UP + _DOWN, at_start=True)
    sign = Decimal(-1) if verb in _DOWN else Decimal(1)
    multiple = _multiple(s, times, bool(verb))
    if multiple is not None:
        if verb in _DOWN:
            raise FigureError(text)
        factor, growth, reading = multiple
        return Written(
            written, growth, "%", Qualifier.EXACT, None, bool(est), factor, reading, bool(real)
        )
    qualifiers: list[Qualifier] = []
    s, before = _strip(s, tuple(w for w, _ in _PREFIXES), at_start=True)
    if before:
        qualifiers.append(dict(_PREFIXES)[before])
    s, after = _strip(s, tuple(w for w, _ in _SUFFIXES), at_start=False)
    if after:
        found = dict(_SUFFIXES)[after]
        # 控制在4.5%以内 says the cap twice; 超过300个以上 is one bound too
        if not qualifiers or qualifiers[0] is not found:
            qualifiers.append(found)
    value, high, unit, more = _body(s, text)
    if more:
        qualifiers.append(Qualifier.AT_LEAST)
    if high is not None:
        qualifiers.append(Qualifier.RANGE)
    if len(set(qualifiers)) > 1:
        raise FigureError(text)
    qualifier = qualifiers[0] if qualifiers else Qualifier.EXACT
    if sign < 0:
        value, high = -value, (None if high is None else -high)
        if high is not None:
            value, high = high, value  # 下降3%—5%: from −5 to −3
    return Written(written, value, unit, qualifier, high, bool(est), real=bool(real))


def _body(s: str, text: str) -> tuple[Decimal, Decimal | None, str, bool]:
    """(value, high, unit, 余/多) of the number part."""
    m = _patterns()[0].match(s)
    if m:
        return _number(m.group(1)), None, m.group(3), bool(m.group(2))
    m = _patterns()[1].match(s)
    if m:
        low, high = _number(m.group(1)), _number(m.group(3))
        first, unit = m.group(2), m.group(4)
        if (first and first != unit) or low > high:
            raise FigureError(text)
        return low, high, unit, False
    raise FigureError(text)


def _multiple(
    s: str, times: Reading, after_verb: bool
) -> tuple[Decimal, Decimal, Reading | None] | None:
    """(factor, growth in percent, reading) of 翻N番 or 增长N倍, else None (a bare
    "1.5倍" is a figure in the unit 倍)."""
    m = _DOUBLE.match(s)
    if m:
        factor = Decimal(2) ** _DOUBLINGS[m.group(1)]
        return factor, (factor - 1) * 100, None
    m = _TIMES.match(s) if after_verb else None
    if m:
        n = _number(m.group(1))
        factor = n + 1 if times is Reading.PLUS_ONE else n
        return factor, (factor - 1) * 100, times
    return None
