"""Read a ledger folder into the model, collecting every problem with its file and line.

A ledger is a folder holding `plancheck.toml` (settings) and one folder per year
(`2023/`, `2024/` …) of TOML files.  In a year file, top-level plain keys are defaults
for the file (section, owner, leader) and every table is one item, keyed by its id.

Files are parsed by `plancheck.read.tomlread` (toml-rs, else tomli: much faster than tomlkit,
which is kept for editing); floats are read as `Decimal` so that no figure passes through
binary floating point.  Problems are collected, not raised one by one: `load_ledger`
raises `LedgerError` with all of them when any is an error.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import LedgerError
from plancheck.model import (
    Item,
    Ledger,
    LightThresholds,
    Location,
    Problem,
    Settings,
    Severity,
    SummarySettings,
    Tolerance,
    Weakness,
)
from plancheck.read.files import (
    SETTINGS_FILE,
    is_ledger,
    ledger_files,
    member_ledgers,
    unreadable_members,
)
from plancheck.read.itemreader import (
    FILE_KEYS,
    ItemReader,
    SourceFile,
    parse_source,
    plain_item,
    read_number,
    read_source,
    string_list,
    unknown_keys,
)
from plancheck.units import Unit, unit_table

__all__ = [
    "SETTINGS_FILE",
    "ItemReader",
    "LedgerError",
    "SourceFile",
    "is_ledger",
    "ledger_files",
    "load_ledger",
    "load_settings",
    "member_ledgers",
]

_HEADER = re.compile(r"^[ \t]*\[[ \t]*([A-Za-z0-9_-]+|\"[^\"\n]*\")[ \t]*\][ \t]*(?:#.*)?$", re.M)


SETTINGS_KEYS = (
    "entity", "level", "parent", "language", "owners", "units", "lights", "scoring", "summary",
    "figures",
)  # fmt: skip
SUMMARY_KEYS = ("key_indicators", "recipients", "issuer", "sections")
FIGURE_KEYS = ("tolerance_pp", "tolerance_pct", "cpi")
LIGHT_KEYS = ("yellow", "red")
SCORING_KEYS = ("cap",)


# --------------------------------------------------------------------------- settings


def load_settings(root: Path, problems: list[Problem]) -> Settings | None:
    path = root / SETTINGS_FILE
    if not path.exists():
        problems.append(Problem(Location(path), "", "ledger.no_settings", (("root", str(root)),)))
        return None
    f = read_source(path, problems)
    if f is None:
        return None
    data = parse_source(f)
    if data is None:
        return None
    unknown_keys(f, "", data, SETTINGS_KEYS)
    entity = data.get("entity")
    if not isinstance(entity, str) or not entity.strip():
        f.add("entity", "key.missing" if entity is None else "type.string", key="entity")
        entity = root.name
    strings: dict[str, str] = {}
    for key, default in (("level", "township"), ("parent", ""), ("language", "zh")):
        value = data.get(key, default)
        if not isinstance(value, str):
            f.add(key, "type.string", key=key)
            value = default
        strings[key] = value
    if strings["language"] not in ("zh", "en"):
        f.add(
            "language", "value.choice", key="language", value=strings["language"], choices="zh, en"
        )
        strings["language"] = "zh"
    owners = string_list(f, "owners", data.get("owners", []))
    units = string_list(f, "units", data.get("units", []))
    lights = _lights(f, data.get("lights", {}))
    cap = _score_cap(f, data.get("scoring", {}))
    return Settings(
        summary=_summary_settings(f, data.get("summary", {})),
        tolerance=_tolerance(f, data.get("figures", {})),
        cpi=_cpi(f, data.get("figures", {})),
        entity=entity,
        level=strings["level"],
        parent=strings["parent"],
        language=strings["language"],
        lights=lights,
        owners=tuple(owners),
        units=tuple(units),
        score_cap=cap,
    )


def _lights(f: SourceFile, raw: object) -> LightThresholds:
    """The `[lights]` thresholds (the defaults when absent or wrong)."""
    lights = LightThresholds()
    if not isinstance(raw, dict):
        f.add("lights", "type.table", key="lights")
        return lights
    unknown_keys(f, "lights", raw, LIGHT_KEYS)
    yellow = read_number(f, "lights.yellow", raw.get("yellow", lights.yellow))
    red = read_number(f, "lights.red", raw.get("red", lights.red))
    if yellow is not None and red is not None:
        if yellow < 0 or red < yellow:
            f.add("lights", "settings.lights_order", yellow=yellow, red=red)
        else:
            lights = LightThresholds(yellow, red)
    return lights


def _summary_settings(f: SourceFile, raw: object) -> SummarySettings:
    """The `[summary]` table: key indicators, 主送, 落款 and the order of sections."""
    if not isinstance(raw, dict):
        f.add("summary", "type.table", key="summary")
        return SummarySettings()
    unknown_keys(f, "summary", raw, SUMMARY_KEYS)
    texts: dict[str, str] = {}
    for key in ("recipients", "issuer"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            f.add(f"summary.{key}", "type.string", key=f"summary.{key}")
            value = ""
        texts[key] = value.strip()
    lists = {
        key: tuple(string_list(f, f"summary.{key}", raw.get(key, [])))
        for key in ("key_indicators", "sections")
    }  # keys located as summary.key_indicators (not message codes)
    return SummarySettings(
        key_indicators=lists["key_indicators"],
        recipients=texts["recipients"],
        issuer=texts["issuer"],
        sections=lists["sections"],
    )


def _score_cap(f: SourceFile, scoring: object) -> Decimal:
    """`[scoring] cap`: the completion counted at most in a score (default 100 %)."""
    cap = Decimal(100)
    if not isinstance(scoring, dict):
        f.add("scoring", "type.table", key="scoring")
        return cap
    unknown_keys(f, "scoring", scoring, SCORING_KEYS)
    value = read_number(f, "scoring.cap", scoring.get("cap", cap))
    if value is not None and value <= 0:
        f.add("scoring.cap", "settings.cap", value=value)
    elif value is not None:
        cap = value
    return cap


def _cpi(f: SourceFile, figures: object) -> tuple[tuple[int, Decimal], ...]:
    """`[figures] cpi = { 2024 = 0.2 }`: the CPI rise of each year, in percent."""
    table = figures.get("cpi", {}) if isinstance(figures, dict) else {}
    if not isinstance(table, dict):
        f.add("figures.cpi", "type.table", key="figures.cpi")
        return ()
    out: list[tuple[int, Decimal]] = []
    for year, value in table.items():
        if not (str(year).isdigit() and len(str(year)) == 4):
            f.add(f"figures.cpi.{year}", "value.year", key="figures.cpi", value=year)
            continue
        number = read_number(f, f"figures.cpi.{year}", value)
        if number is not None:
            out.append((int(year), number))
    return tuple(sorted(out))


def _tolerance(f: SourceFile, figures: object) -> Tolerance:
    """The settings' `[figures]`: when an approximate target (左右) counts as met."""
    default = Tolerance()
    if not isinstance(figures, dict):
        f.add("figures", "type.table", key="figures")
        return default
    unknown_keys(f, "figures", figures, FIGURE_KEYS)
    points = read_number(f, "figures.tolerance_pp", figures.get("tolerance_pp", default.points))
    percent = read_number(f, "figures.tolerance_pct", figures.get("tolerance_pct", default.percent))
    for key, value in (("tolerance_pp", points), ("tolerance_pct", percent)):
        if value is not None and value < 0:
            f.add(f"figures.{key}", "value.negative", key=key, value=value)
            return default
    if points is None or percent is None:
        return default
    return Tolerance(points, percent)


# What may hide a `[id]` line: comments, one-line strings, multi-line strings.
_OPAQUE = re.compile(
    r'#[^\n]*|"""(?:\\[\s\S]|[^\\])*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')'
    r'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\''
)
_TRIPLE = ('"""', "'''")


def _in_strings(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the multi-line strings: a `[id]` line inside one is text."""
    starts: list[int] = []
    ends: list[int] = []
    if _TRIPLE[0] in text or _TRIPLE[1] in text:
        for m in _OPAQUE.finditer(text):
            if m.group().startswith(_TRIPLE):
                starts.append(m.start())
                ends.append(m.end())
    return starts, ends


def _item_header_lines(text: str) -> dict[str, int]:
    """Header line of every `[id]` table, found with one regular-expression pass (a line
    inside a multi-line string is not a header)."""
    out: dict[str, int] = {}
    last, line = 0, 1
    starts, ends = _in_strings(text)
    for m in _HEADER.finditer(text):
        if starts:
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < ends[k]:
                continue
        line += text.count("\n", last, m.start())
        last = m.start()
        name = m.group(1)
        if name.startswith('"'):
            name = name[1:-1]
        out.setdefault(name, line)
    return out


def read_year_file(
    path: Path,
    year: int,
    units: dict[str, Unit],
    problems: list[Problem],
    on_item: Callable[[Item], None],
    weaknesses: list[Weakness],
    on_id: Callable[[int, str, Path, int], bool],
    owners: tuple[str, ...] = (),
    entity: str = "",
) -> None:
    f = read_source(path, problems)
    if f is None:
        return
    data = parse_source(f)
    if data is None:
        return
    defaults: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            continue
        if key not in FILE_KEYS:
            close = difflib.get_close_matches(key, FILE_KEYS, n=1, cutoff=0.6)
            if close:
                f.add(key, "key.unknown_suggest", key=key, suggestion=close[0])
            else:
                f.add(key, "file.unknown_top_key", key=key)
            continue
        if key == "weaknesses":
            for text in string_list(f, key, value):
                weaknesses.append(Weakness(year, text, Location(path, f.line(key))))
        elif key == "owner_inferred":
            if not isinstance(value, bool):
                f.add(key, "type.boolean", key=key)
            else:
                defaults[key] = value
        elif not isinstance(value, str):
            f.add(key, "type.string", key=key)
        else:
            defaults[key] = value
    headers: dict[str, int] | None = None
    for item_id, raw in data.items():
        if type(raw) is not dict:
            continue
        if headers is None:
            headers = _item_header_lines(f.text)
        line = headers.get(item_id) or f.line(item_id)
        item = plain_item(path, year, item_id, raw, units, defaults, line, entity)
        if item is None:
            reader = ItemReader(f, year, item_id, raw, units)
            reader.entity = entity
            item = reader.read_all(defaults, line)
        if not on_id(year, item_id, path, line) or item is None:
            continue
        on_item(item)
        if owners and item.owner and item.owner not in owners:
            where = f"{item_id}.owner" if "owner" in raw else "owner"
            f.add(where, "owner.unknown", Severity.WARNING, owner=item.owner)


def load_ledger(root: Path, *, years: set[int] | None = None) -> Ledger:
    """Load the ledger at `root`; raise LedgerError listing every error found.

    A folder whose sub-folders are ledgers (one per township) is itself a ledger: its items
    are theirs, each marked with its entity.  Its own `plancheck.toml` is optional there.
    `years` restricts loading to those years' folders (the settings are always read).
    Warnings are returned in `Ledger.problems`.
    """
    if not root.exists():
        raise LedgerError([Problem(Location(root), "", "ledger.missing")])
    if not root.is_dir():
        raise LedgerError([Problem(Location(root), "", "ledger.not_directory")])
    members = member_ledgers(root)
    if members and not any(True for _ in ledger_files(root)):
        return _load_group(root, members, years)
    return _load_one(root, years)


def _load_group(root: Path, members: list[Path], years: set[int] | None) -> Ledger:
    problems: list[Problem] = unreadable_members(root)
    if is_ledger(root):
        settings = load_settings(root, problems)
    else:
        settings = Settings(entity=root.resolve().name, level="county")
    items: list[Item] = []
    weaknesses: list[Weakness] = []
    entities: list[str] = []
    owners: set[str] = set()
    for member in members:
        try:
            nested = member_ledgers(member) and not any(True for _ in ledger_files(member))
            if nested:
                ledger = load_ledger(member, years=years)
            else:
                ledger = _load_one(member, years, member=True)
        except LedgerError as exc:
            problems += exc.problems
            continue
        problems += ledger.problems
        name = ledger.settings.entity
        if name in entities:
            problems.append(
                Problem(
                    Location(member / SETTINGS_FILE),
                    "entity",
                    "ledger.duplicate_entity",
                    (("entity", name),),
                )
            )
            continue
        entities.append(name)
        owners.update(ledger.settings.owners)
        items += ledger.items  # marked with their township as they were read
        weaknesses += ledger.weaknesses
    if settings is None or any(p.severity is Severity.ERROR for p in problems):
        raise LedgerError(problems)
    if not settings.owners:
        settings = replace(settings, owners=tuple(sorted(owners)))
    return Ledger(root, settings, tuple(items), tuple(problems), tuple(weaknesses), tuple(entities))


def _load_one(root: Path, years: set[int] | None, member: bool = False) -> Ledger:
    problems: list[Problem] = []
    settings = load_settings(root, problems)
    if settings is None:
        raise LedgerError(problems)
    entity = settings.entity if member else ""
    units = unit_table(settings.units)
    items: list[Item] = []
    seen: dict[tuple[int, str], tuple[Path, int]] = {}
    weaknesses: list[Weakness] = []

    def on_id(year: int, item_id: str, path: Path, line: int) -> bool:
        """Register an id; False (and a problem) when the year has it already."""
        key = (year, item_id)
        first = seen.get(key)
        if first is not None:
            problems.append(
                Problem(
                    Location(path, line),
                    item_id,
                    "id.duplicate",
                    (("id", item_id), ("first", str(Location(*first)))),
                )
            )
            return False
        seen[key] = (path, line)
        return True

    for year, path in ledger_files(root, problems):
        if years is not None and year not in years:
            continue
        read_year_file(
            path, year, units, problems, items.append, weaknesses, on_id, settings.owners, entity
        )
    if any(p.severity is Severity.ERROR for p in problems):
        raise LedgerError(problems)
    return Ledger(root, settings, tuple(items), tuple(problems), tuple(weaknesses))
