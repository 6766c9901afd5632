"""Ranks and relative claims as reports write them: 排名全市第三, 居全县第一, 位列全省前十,
高于全市平均水平1.2个百分点, 高于全国平均 (pure).

`read_standing` turns the words into structured fields: a rank within a scope, or a
comparison with a reference (above or below, by how much, in which unit).  A comparison
whose reference figure the ledger gives can be checked (`difference_of`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["Relation", "Standing", "StandingError", "difference_of", "read_standing"]


class Relation(StrEnum):
    RANK = "rank"
    """排名全市第三: `rank` within `scope` (`top`: 前三, within the first three)."""
    ABOVE = "above"
    """高于全市平均水平1.2个百分点."""
    BELOW = "below"
    """低于全省平均0.5个百分点."""


@dataclass(frozen=True, slots=True)
class Standing:
    """One rank or comparison, as the report states it."""

    text: str
    """The words as written."""
    relation: Relation
    scope: str = ""
    """全市, 全县, 全省 …: where the rank holds, or whose average is the reference."""
    rank: int | None = None
    top: bool = False
    """True for 前N (within the first N), False for 第N."""
    reference_name: str = ""
    """What the item is compared with: 全市平均水平, 全国平均."""
    difference: Decimal | None = None
    """By how much it is above or below (always positive), in `unit`."""
    unit: str = ""
    """个百分点, %, or an amount's unit."""
    reference: Decimal | None = None
    """The reference figure, when the ledger gives it (in the item's unit)."""


class StandingError(ValueError):
    """Words that are no rank or comparison plancheck can read."""


_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_RANK = re.compile(
    r"^(?:排名|名列|位列|位居|居|列|排)?(全国|全省|全市|全县|全区|[^第前\d]{1,8}?)"
    r"(第|前)([一二两三四五六七八九十\d]+)(?:位|名)?$"
)
_COMPARE = re.compile(
    r"^(高于|低于|超过|超出|快于|慢于|领先)([^\d]+?)(?:(\d+(?:\.\d+)?)(个百分点|百分点|%|\S*))?$"
)
_ABOVE = ("高于", "超过", "超出", "快于", "领先")


def _number(text: str) -> int:
    """一 … 九十九 or digits."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]


def read_standing(text: str, reference: Decimal | None = None) -> Standing:
    """Read one rank or comparison; raises StandingError otherwise."""
    written = text.strip()
    s = "".join(unicodedata.normalize("NFKC", written).split()).rstrip("。；，")
    m = _RANK.match(s)
    if m:
        try:
            rank = _number(m.group(3))
        except KeyError:
            raise StandingError(text) from None
        return Standing(written, Relation.RANK, m.group(1), rank, m.group(2) == "前")
    m = _COMPARE.match(s)
    if m:
        name = m.group(2)
        scope = next(
            (w for w in ("全国", "全省", "全市", "全县", "全区") if name.startswith(w)), ""
        )
        relation = Relation.ABOVE if m.group(1) in _ABOVE else Relation.BELOW
        difference = Decimal(m.group(3)) if m.group(3) else None
        unit = m.group(4) or "" if difference is not None else ""
        return Standing(written, relation, scope, None, False, name, difference, unit, reference)
    raise StandingError(text)


def difference_of(standing: Standing, actual: Decimal, unit: str) -> Decimal | None:
    """The stated comparison computed from the figures: how far the item's `actual` is above
    (or below) the reference, in the comparison's unit; None when it cannot be computed
    (no reference, or a relative % whose base is unknown)."""
    if standing.reference is None:
        return None
    gap = actual - standing.reference
    if standing.relation is Relation.BELOW:
        gap = -gap
    if standing.unit in ("个百分点", "百分点"):
        return gap if unit == "%" else None
    if standing.unit == "%":  # 高于全市平均水平5%: relative to the reference
        return gap / standing.reference * 100 if standing.reference else None
    if standing.unit in ("", unit):
        return gap
    return None
