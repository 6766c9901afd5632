"""Append new items to a year file, with the same safety as the edits of `edit`.

The new `[id]` tables are added at the end of the file and nothing before them changes:

1. under the ledger's lock (`edit.ledger_lock`), the ids of every file of the year are
   read, so that a new id is refused when any file of the year has it already;
2. each new item is validated by the loader's own reader, with the file's defaults;
3. the new text is the old text, byte for byte, then (when the old text does not end with
   one) a newline, then the new tables — in the file's newline style, after its BOM;
4. before writing, the new text is parsed again: it must hold exactly the old top-level
   keys with their old values plus the new items with the values asked for;
5. it is written with `atomic.write_atomic`, which refuses when the file changed since it
   was read.

A refusal at any step leaves every file byte-identical.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import DataError, UsageError
from plancheck.model import Location, Problem, Settings
from plancheck.read.itemreader import ITEM_KEYS, ItemReader, SourceFile
from plancheck.read.load import SETTINGS_FILE, ledger_files, load_settings, member_ledgers
from plancheck.units import unit_table
from plancheck.write.atomic import ledger_lock, write_error
from plancheck.write.batch import read_current, stage_or_write
from plancheck.write.edit import toml_number

DEFAULT_FILE = "targets.toml"
"""The year file that `add` and `import` write to unless told otherwise."""

_FILE_NAME = re.compile(r"^[^/\\.][^/\\]*\.toml$")

TomlValue = str | bool | int | Decimal | dt.date | list[str] | dict[str, Decimal]
"""A value appended items may have (a dict: an inline table of months, e.g. a `plan`)."""


@dataclass(frozen=True)
class NewItem:
    """An item to append: its id and its keys, in values TOML can hold."""

    id: str
    table: dict[str, TomlValue]
    """name, kind, unit … in any order (written in the order of the file format)."""


@dataclass(frozen=True)
class AppendResult:
    path: Path
    ids: tuple[str, ...]
    block: str
    """The text appended (for --dry-run, the text that would be)."""
    created: bool
    """True when the file did not exist before."""


# --------------------------------------------------------------------------- TOML text


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(value: TomlValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return toml_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ "
            + ", ".join(f"{toml_string(k)} = {toml_number(v)}" for k, v in value.items())
            + " }"
        )
    return toml_string(value)


def item_block(item: NewItem) -> str:
    """`[id]` and its keys, one per line, in the order of the file format."""
    order = {key: index for index, key in enumerate(ITEM_KEYS)}
    keys = sorted(item.table, key=lambda k: order.get(k, len(order)))
    lines = [f"[{item.id}]"] + [f"{k} = {toml_value(item.table[k])}" for k in keys]
    return "\n".join(lines) + "\n"


def read_back(value: TomlValue) -> Any:
    """What tomllib (with Decimal floats) reads back for a value we write."""
    if isinstance(value, Decimal):
        text = toml_number(value)
        return Decimal(text) if "." in text else int(text)
    if isinstance(value, dict):
        return {k: read_back(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- reading


def year_file(root: Path, year: int, name: str | None) -> Path:
    """The file `name` (default targets.toml) in the year's folder; a bare file name only."""
    name = name or DEFAULT_FILE
    if not _FILE_NAME.match(name):
        raise UsageError("append.file_name", file=name)
    return root / f"{year:04d}" / name


def _parse(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError("ledger.errors", (Problem(Location(path), "", "file.not_utf8"),)) from None
    try:
        parsed = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        problem = Problem(Location(path), "", "toml.syntax", (("detail", str(exc)),))
        raise DataError("ledger.errors", (problem,)) from None
    return text, parsed


def refuse_group(root: Path) -> None:
    """Refuse a folder that is not a single ledger: no settings, or a county's folder of
    township ledgers (a year file there would turn it into a ledger of its own)."""
    if not (root / SETTINGS_FILE).exists():
        raise DataError("ledger.no_settings", root=root)
    members = member_ledgers(root)
    if members and not any(True for _ in ledger_files(root)):
        raise UsageError(
            "append.group",
            path=root,
            example=members[0],
        )


def year_ids(root: Path, year: int) -> dict[str, Path]:
    """Every item id of the year, with its file (refuses when a file does not parse)."""
    folder = root / f"{year:04d}"
    out: dict[str, Path] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*.toml")):
        _, parsed = _parse(path, path.read_bytes())
        for key, value in parsed.items():
            if isinstance(value, dict):
                out.setdefault(key, path)
    return out


def read_settings(root: Path) -> Settings:
    """The settings of a single ledger (refusing a county's folder of ledgers)."""
    refuse_group(root)
    problems: list[Problem] = []
    settings = load_settings(root, problems)
    if settings is None:
        raise DataError("ledger.errors", tuple(problems))
    return settings


def validate(
    path: Path, year: int, item: NewItem, defaults: dict[str, Any], settings: Settings
) -> list[Problem]:
    """The loader's problems with the new item, as it would read it in `path`."""
    problems: list[Problem] = []
    raw = {k: read_back(v) for k, v in item.table.items()}
    reader = ItemReader(
        SourceFile(path, "", problems), year, item.id, raw, unit_table(settings.units)
    )
    reader.read(defaults, 0)
    return [p for p in problems if p.severity.value == "error"]


# --------------------------------------------------------------------------- appending


def _compose(old_text: str, items: Sequence[NewItem], comment: str, header: str) -> str:
    """The text to append to `old_text` (without the separating newline)."""
    parts: list[str] = []
    if not old_text.strip("\ufeff") and header:
        parts.append(header.rstrip("\n") + "\n")
    if comment:
        parts.append("# " + " ".join(comment.split()) + "\n")
    for index, item in enumerate(items):
        if index:
            parts.append("\n")
        parts.append(item_block(item))
    block = "".join(parts)
    if old_text.strip("\ufeff \t\r\n"):
        block = "\n" + block
    return block


def _verify(
    path: Path, old: dict[str, Any], new_text: str, old_text: str, items: Sequence[NewItem]
) -> None:
    """The new text must start with the old one and read as the old keys plus the new items."""
    if not new_text.startswith(old_text):
        raise DataError("edit.unsafe", text=str(path))
    try:
        new = tomllib.loads(new_text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise DataError("edit.unsafe", text=str(exc)) from None
    expected_keys = set(old) | {i.id for i in items}
    if set(new) != expected_keys or any(new[k] != v for k, v in old.items()):
        raise DataError("edit.unsafe", text=str(path))
    for item in items:
        expected = {k: read_back(v) for k, v in item.table.items()}
        if new[item.id] != expected:
            raise DataError("edit.unsafe", text=item.id)


def append_items(
    root: Path,
    year: int,
    items: Sequence[NewItem],
    *,
    file: str | None = None,
    comment: str = "",
    header: str = "",
    dry_run: bool = False,
) -> AppendResult:
    """Append `items` to the year's file `file` (created, with `header`, when missing).

    `comment` is written as a `# …` line before the new tables.  With `dry_run`,
    everything is checked but nothing is written.
    """
    refuse_group(root)
    path = year_file(root, year, file)
    if not items:
        return AppendResult(path, (), "", False)
    lock = ledger_lock(root) if not dry_run else _no_lock()
    with lock:
        settings = read_settings(root)
        taken = year_ids(root, year)
        seen: set[str] = set()
        for item in items:
            if item.id in taken:
                raise UsageError("append.id_taken", id=item.id, file=taken[item.id])
            if item.id in seen:
                raise UsageError("append.id_twice", id=item.id)
            seen.add(item.id)
        created = not path.exists()
        original = None if created else read_current(path)
        old_text, old = ("", {}) if original is None else _parse(path, original)
        defaults = {k: v for k, v in old.items() if not isinstance(v, dict)}
        problems: list[Problem] = []
        for item in items:
            problems += validate(path, year, item, defaults, settings)
        if problems:
            raise UsageError("append.invalid", tuple(problems))
        block = _compose(old_text, items, comment, header)
        separator = "\n" if old_text and not old_text.endswith("\n") else ""
        newline = "\r\n" if "\r\n" in old_text else "\n"
        addition = (separator + block).replace("\n", newline)
        new_text = old_text + addition
        _verify(path, old, new_text, old_text, items)
        data = new_text.encode("utf-8")
        if original is not None and not data.startswith(original):
            raise DataError("edit.unsafe", text=str(path))
        if not dry_run:
            if created and path.exists():
                raise DataError("edit.changed_underneath", file=path)
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise write_error(path.parent, exc) from None
            stage_or_write(path, data, original)
    return AppendResult(path, tuple(i.id for i in items), block, created)


class _no_lock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
