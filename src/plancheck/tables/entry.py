"""One item's fields as a person types them (`plancheck add`): parsing and validation.

Each function takes the text of one answer (or option) and returns the value, or raises
`PlancheckError` with a message code — the prompt shows the message and asks again; an
option given on the command line is refused with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from plancheck.errors import PlancheckError, UsageError
from plancheck.model import Direction, Kind, Settings
from plancheck.tables.ids import is_valid_id
from plancheck.tables.tabular import DIRECTION_WORDS, KIND_LABELS, KIND_WORDS
from plancheck.units import UnitError, convert, parse_quantity, suggest_unit, unit_table
from plancheck.write import TomlValue

KINDS = tuple(Kind)
"""The kinds in the order `add` lists them (1 = amount …)."""


def kind_choices(lang: str) -> str:
    """ "1 数量 amount / 2 增速 growth / …" for the prompt."""
    words = KIND_LABELS["zh"] if lang == "zh" else {}
    return " / ".join(
        " ".join(w for w in (str(n), words.get(k, ""), k.value) if w)
        for n, k in enumerate(KINDS, start=1)
    )


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _usage(code: str, **args: object) -> PlancheckError:
    return UsageError(code, (), **args)


def parse_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise _usage("add.name_empty")
    return name


def parse_kind(text: str) -> Kind:
    """1–5 (the listed order), amount …, or 数量 …"""
    word = _clean(text).lower()
    if word.isdigit() and 1 <= int(word) <= len(KINDS):
        return KINDS[int(word) - 1]
    if word in KIND_WORDS:
        return KIND_WORDS[word]
    raise _usage("value.choice", key="kind", value=text, choices=", ".join(k.value for k in Kind))


def parse_unit(text: str, settings: Settings) -> str:
    symbol = _clean(text)
    units = unit_table(settings.units)
    if symbol not in units:
        close = suggest_unit(symbol, units)
        if close:
            raise _usage("unit.unknown_suggest", unit=symbol, suggestion=close)
        raise _usage("unit.unknown", unit=symbol)
    return symbol


def parse_direction(text: str) -> Direction:
    word = _clean(text).lower()
    if word in DIRECTION_WORDS:
        return DIRECTION_WORDS[word]
    raise _usage("value.choice", key="direction", value=text, choices="up, down")


def parse_target(
    text: str, kind: Kind, unit: str, settings: Settings, key: str = "target"
) -> Decimal | str | None:
    """A target in the item's unit; it may carry a unit of the same dimension ("5000万元"),
    or be written as reports write it ("300个以上", "6%—6.5%"), which is kept as written."""
    text = _clean(text)
    if not text:
        return None
    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        return written_target(text, kind, unit, settings)
    if symbol and symbol not in unit_table(settings.units):
        return written_target(text, kind, unit, settings)
    if not number.is_finite():
        raise _usage("edit.bad_value", value=text)
    if number < 0:
        raise _usage("value.negative", key=key, value=text)
    if kind is Kind.GROWTH:
        if symbol not in ("", "%"):
            raise _usage("value.percent", key="target_growth_pct", value=text)
        return number
    if symbol and symbol != unit:
        units = unit_table(settings.units)
        given, mine = units.get(symbol), units.get(unit)
        if given is None:
            raise _usage("unit.unknown", unit=symbol)
        if mine is None:
            raise _usage("unit.unknown", unit=unit)
        try:
            number = convert(number, given, mine)
        except UnitError:
            raise _usage("unit.mismatch", key=key, given=symbol, unit=unit) from None
    if unit == "%" and number > 100:
        raise _usage("value.rate_range", key=key, value=text)
    return number


def written_target(text: str, kind: Kind, unit: str, settings: Settings) -> str:
    """A target written as reports write it, checked as the loader checks it; the text."""
    from plancheck.read.writtenitem import read_written
    from plancheck.written import Reading

    units = unit_table(settings.units)
    key = "target_growth_pct" if kind is Kind.GROWTH else "target"
    number, _, problem = read_written(key, text, units.get(unit), units, Reading.PLUS_ONE)
    if problem is not None:
        code, args = problem
        raise _usage(code, **args)
    if number is None:
        raise _usage("edit.bad_value", value=text)
    if kind is not Kind.GROWTH and number < 0:
        raise _usage("value.negative", key="target", value=text)
    return text


_DUE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_due(text: str, year: int) -> str | dt.date | None:
    """A milestone's due date: "YYYY-MM" (kept as the month) or "YYYY-MM-DD"."""
    text = _clean(text)
    if not text:
        return None
    m = _DUE.match(text)
    try:
        if not m:
            raise ValueError(text)
        if m.group(3):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        dt.date(int(m.group(1)), int(m.group(2)), 1)
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    except ValueError:
        raise _usage("value.date", key="due", value=text) from None


def parse_owner(text: str, owners: tuple[str, ...]) -> str:
    """An owner by its number in the settings' list, or by name ("" for none)."""
    text = _clean(text)
    if not text or not owners:
        return " ".join(text.split())
    if text.isdigit() and 1 <= int(text) <= len(owners):
        return owners[int(text) - 1]
    if text in owners:
        return text
    raise _usage("add.owner_unknown", owner=text, owners="、".join(owners))


def parse_id(text: str, taken: set[str] | dict[str, object]) -> str:
    item_id = _clean(text)
    if not is_valid_id(item_id):
        raise _usage("id.invalid", id=item_id)
    if item_id in taken:
        raise _usage("add.id_taken", id=item_id)
    return item_id


def item_table(
    *,
    name: str,
    kind: Kind,
    unit: str,
    direction: Direction = Direction.UP,
    target: Decimal | str | None = None,
    due: str | dt.date | None = None,
    owner: str = "",
    section: str = "",
    note: str = "",
) -> dict[str, TomlValue]:
    """The new item's keys, leaving out what is empty or the default."""
    table: dict[str, TomlValue] = {"name": name, "kind": kind.value}
    if unit and kind is not Kind.MILESTONE:
        table["unit"] = unit
    if direction is Direction.DOWN and kind in (Kind.AMOUNT, Kind.RATE, Kind.INDICATOR):
        table["direction"] = direction.value
    if target is not None:
        if kind is Kind.GROWTH:
            table["target_growth_pct"] = target
        elif kind in (Kind.AMOUNT, Kind.RATE):
            table["target"] = target
    if kind is Kind.MILESTONE and due is not None:
        table["due"] = due
    if owner:
        table["owner"] = owner
    if section:
        table["section"] = section
    if note:
        table["note"] = note
    return table


def extra_keys(
    kind: Kind,
    unit: str,
    settings: Settings,
    *,
    baseline: str | None = None,
    actual: str | None = None,
    phasing: str | None = None,
    weight: str | None = None,
) -> dict[str, TomlValue]:
    """`add`'s --baseline, --actual, --phasing and --weight as the item's keys, checked."""
    out: dict[str, TomlValue] = {}
    numbers = {"--baseline": baseline, "--actual": actual, "--phasing": phasing}
    if kind is Kind.MILESTONE:
        for option, value in numbers.items():
            if value is not None:
                raise _usage("milestone.no_numbers", key=option)
    for key, text in (("baseline", baseline), ("actual", actual)):
        if text is None:
            continue
        number: Decimal | str | None
        if key == "actual" and kind is Kind.GROWTH and _clean(text).endswith("%"):
            try:  # a growth rate may be negative (a fall)
                number, _ = parse_quantity(_clean(text))
            except ValueError:
                raise _usage("edit.bad_value", value=text) from None
            key = "actual_growth_pct"
        else:
            number = parse_target(text, Kind.AMOUNT, unit, settings, key)
        if number is not None:
            out[key] = number
    if phasing is not None:
        choices = ("linear", "year_end", "level")
        if _clean(phasing) not in choices:
            raise _usage("value.choice", key="--phasing", value=phasing, choices=", ".join(choices))
        out["phasing"] = _clean(phasing)
    if weight is not None:
        try:
            number, symbol = parse_quantity(_clean(weight))
        except ValueError:
            raise _usage("edit.bad_value", value=weight) from None
        if symbol or number < 0 or not number.is_finite():
            raise _usage("edit.bad_value", value=weight)
        out["weight"] = number
    return out
