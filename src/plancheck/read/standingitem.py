"""An item's ranks and relative claims (`standing`), read and validated.

```toml
[[gdp.standing]]
says = "排名全市第三"
[[gdp.standing]]
says = "高于全市平均水平1.2个百分点"
reference = 40.7          # the reference figure, in the item's unit, when the report gives it
```

A plain string stands for a table with only `says`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from plancheck.read.tomlfile import is_number, type_name
from plancheck.standing import Standing, StandingError, read_standing

__all__ = ["STANDING_KEYS", "read_standings"]

STANDING_KEYS = ("says", "reference")

Report = Callable[..., None]
"""The reader's `err(where, code, **args)`."""


def read_standings(
    value: object, err: Report, unknown: Callable[[str, dict[str, Any]], None]
) -> tuple[Standing, ...]:
    """The standings of one item; each problem reported through `err`."""
    if not isinstance(value, list):
        err("standing", "type.standing", key="standing")
        return ()
    out: list[Standing] = []
    for index, entry in enumerate(value):
        key = f"standing.{index}"
        if isinstance(entry, str):
            entry = {"says": entry}
        if not isinstance(entry, dict):
            err(key, "type.standing", key=key)
            continue
        unknown(key, entry)
        says = entry.get("says")
        if not isinstance(says, str):
            err(f"{key}.says", "type.string", key="says")
            continue
        reference: Decimal | None = None
        if "reference" in entry:
            raw = entry["reference"]
            if not is_number(raw):
                err(f"{key}.reference", "type.number", key="reference", got=type_name(raw))
                continue
            reference = Decimal(raw)
        try:
            out.append(read_standing(says, reference))
        except StandingError:
            err(f"{key}.says", "standing.unreadable", value=says)
    return tuple(out)
