"""What an edit did, and the month it is for (shared by the editors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plancheck.write.atomic import edit_error


@dataclass(frozen=True)
class EditResult:
    """What an edit did."""

    path: Path
    item_id: str
    changes: tuple[tuple[str, str | None, str], ...]
    """(key, old text or None, new text) for every value written."""


def _month_of(text: str, year: int | None) -> tuple[int, str]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise edit_error("value.month", key="--month", value=text)
    y = int(m.group(1))
    if year is not None and y != year:
        raise edit_error("value.month_year", month=text, year=year)
    return y, f"{y:04d}-{int(m.group(2)):02d}"
