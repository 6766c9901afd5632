"""Values given to `update` and `set-target` as reports write them ("超过800人", "预计1950万元",
"6%—6.5%"): the number they stand for, and the text written into the file as it is."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from plancheck.errors import PlancheckError
from plancheck.read.writtenitem import read_written
from plancheck.units import unit_table
from plancheck.write.block import _Target, parse_growth, parse_value, toml_number
from plancheck.written import Reading

__all__ = ["Entry", "parse_entry"]


class Entry:
    """A value from the command line: its number in the item's unit, and how to write it."""

    __slots__ = ("number", "written")

    def __init__(self, number: Decimal, written: str | None) -> None:
        self.number = number
        self.written = written
        """The text as written, when it is a qualified figure (kept in the file)."""

    @property
    def toml(self) -> str:
        """TOML text for the value: a number, or the written figure as a string."""
        if self.written is None:
            return toml_number(self.number)
        return json.dumps(self.written, ensure_ascii=False)

    @property
    def shown(self) -> str:
        return self.written if self.written is not None else toml_number(self.number)

    @property
    def expected(self) -> Any:
        """The value as the file reads back (for the edit's verification)."""
        if self.written is None:
            return Decimal(toml_number(self.number))
        return self.written


def parse_entry(target: _Target, text: str, key: str, growth: bool = False) -> Entry:
    """A plain quantity as before; else a figure as reports write it, or the plain refusal."""
    try:
        number = parse_growth(target, text, key) if growth else parse_value(target, text, key)
        return Entry(number, None)
    except PlancheckError as refused:
        family = "target_growth_pct" if growth else ("target" if key == "target" else "actual")
        units = unit_table()
        unit = None if growth else units.get(target.item.unit)
        raw = target.table.get("times_reading", Reading.PLUS_ONE.value)
        reading = Reading(raw) if raw in tuple(Reading) else Reading.PLUS_ONE
        value, figure, problem = read_written(family, text.strip(), unit, units, reading)
        if problem is not None and problem[0] != "value.quantity":
            code, args = problem  # a figure, but in a unit the item cannot take
            raise target.refuse(code, key, **args) from None
        if problem is not None or value is None or figure is None or figure.plain:
            raise refused from None
        if value < 0 and not growth and target.item.unit != "%":
            raise target.refuse("value.negative", key, key=key, value=text) from None
        return Entry(value, figure.text)
