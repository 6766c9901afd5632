"""The item's block of lines in its file: finding it, reading it, changing it, checking.

`open_item` finds the file that defines an item, validates the item with the loader's own
reader, and parses only the item's block of lines with tomlkit (a whole large file would
take tomlkit a long time).  `put` changes one value in place (keeping its comment) or adds
it after the table's last plain key.  `write_block` verifies that only the lines of the
touched keys changed, that the file reads back as expected and that the loader accepts the
item, then writes through `atomic.write_atomic`.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import DataError, PlancheckError
from plancheck.model import Item, Problem, Settings
from plancheck.read.itemreader import ItemReader, SourceFile
from plancheck.read.load import SETTINGS_FILE, load_settings
from plancheck.read.locate import key_lines
from plancheck.units import UnitError, convert, exact_text, parse_quantity, unit_table
from plancheck.write.atomic import check_writable, edit_error
from plancheck.write.batch import read_current, stage_or_write

# --------------------------------------------------------------------------- finding


def _header_pattern(item_id: str) -> re.Pattern[bytes]:
    quoted = re.escape(item_id.encode())
    return re.compile(
        rb"(?m)^[ \t]*\[[ \t]*(?:" + quoted + rb'|"' + quoted + rb'"|\'' + quoted + rb"')[ \t]*\]"
    )


def find_item_file(root: Path, year: int, item_id: str) -> Path:
    """The file of `year` that defines `item_id`; refuses with the closest ids otherwise."""
    folder = root / f"{year:04d}"
    if not (root / SETTINGS_FILE).exists():
        raise edit_error("ledger.no_settings", root=root)
    files = _year_files(folder)
    from plancheck.write.batch import active

    stage = active()
    hint = stage.hints.get(item_id) if stage is not None else None
    if hint is not None and hint.parent.is_relative_to(folder) and _has_header(hint, item_id):
        return hint  # the batch knows the item's file (from the items it read)
    pattern = _header_pattern(item_id)
    needles = (
        f"[{item_id}]".encode(),
        f'"{item_id}"'.encode(),
        f"'{item_id}'".encode(),
        f"[ {item_id}".encode(),
    )
    contents: list[bytes] = []
    for path in files:
        data = read_current(path)
        if any(n in data for n in needles) and pattern.search(data):
            return path
        contents.append(data)
    any_header = re.compile(rb'(?m)^[ \t]*\[[ \t]*"?([A-Za-z0-9_-]+)"?[ \t]*\]')
    ids = [m.decode() for data in contents for m in any_header.findall(data)]
    close = difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5)
    if close:
        raise edit_error(
            "edit.unknown_id_suggest", id=item_id, year=year, suggestions=", ".join(close)
        )
    raise edit_error("edit.unknown_id", id=item_id, year=year)


def _has_header(path: Path, item_id: str) -> bool:
    """Whether the file (as the batch sees it) has the table header [item_id], from its
    remembered table headers (no regular expression compiled per id)."""
    try:
        text = read_current(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(name == item_id for _, name in _headers(text))


def _settings(root: Path, problems: list[Problem]) -> Settings | None:
    """`load_settings`, read once per batch while one is planned (keyed by the settings
    file's text, so a batch that changes them reads them again)."""
    from plancheck.write.batch import active

    stage = active()
    path = root / SETTINGS_FILE
    if stage is None or not path.exists():
        return load_settings(root, problems)
    key = (root.resolve(), read_current(path))
    cached = stage.settings.get(key)
    if isinstance(cached, Settings):
        return cached
    mine: list[Problem] = []
    settings = load_settings(root, mine)
    problems.extend(mine)
    if settings is not None and not mine:
        stage.settings[key] = settings
    return settings


def _year_files(folder: Path) -> list[Path]:
    """The year folder's files (listed once while a batch is planned)."""
    from plancheck.write.batch import active

    stage = active()
    if stage is not None and folder in stage.listings:
        return stage.listings[folder]
    files = sorted(folder.rglob("*.toml")) if folder.is_dir() else []
    if stage is not None:
        stage.listings[folder] = files
    return files


@dataclass
class _Target:
    """One item's file, read for editing: the item's own block of lines is parsed with
    tomlkit (parsing a whole large file with tomlkit is slow); the rest of the file is kept
    byte for byte."""

    root: Path
    path: Path
    original: bytes
    text: str
    head: str
    """The file's text before the item's block."""
    block: str
    """The item's block: its [id] table and its sub-tables, with the comments after them."""
    tail: str
    doc: Any
    table: Any
    item: Item
    raw: dict[str, Any]
    """The item's table as tomllib reads it."""
    _lines: dict[str, int] | None = None
    defaults: dict[str, Any] | None = None
    """The file's top-level keys (the defaults its items inherit), as read by `_open`."""

    def line(self, key: str) -> int:
        if self._lines is None:
            self._lines = key_lines(self.text)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key.rpartition(".")[0]
        return self.item.location.line

    def refuse(self, code: str, where: str, /, **args: object) -> PlancheckError:
        full = f"{self.item.id}.{where}" if where else self.item.id
        return edit_error(code, self.path, self.line(full), full, **args)


def _headers(text: str) -> list[tuple[int, str]]:
    """`table_headers(text)`, remembered while a batch is planned (see `_write`)."""
    from plancheck.read.locate import table_headers
    from plancheck.write.batch import active

    stage = active()
    if stage is None:
        return table_headers(text)
    if text not in stage.headers:
        stage.headers[text] = table_headers(text)
    return stage.headers[text]


def _split_block(text: str, item_id: str) -> tuple[str, str, str, int]:
    """(head, block, tail, header line) around the item's tables; the whole file is the
    block when the item's tables are not contiguous."""
    headers = _headers(text)
    mine = [
        i
        for i, (_, name) in enumerate(headers)
        if name == item_id or name.startswith(item_id + ".")
    ]
    if not mine:
        return "", text, "", 0
    first, last = mine[0], mine[-1]
    if mine != list(range(first, last + 1)) or headers[first][1] != item_id:
        return "", text, "", headers[mine[0]][0] + 1
    lines = text.splitlines(keepends=True)
    start = headers[first][0]
    end = headers[last + 1][0] if last + 1 < len(headers) else len(lines)
    return "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:]), start + 1


def _open(root: Path, year: int, item_id: str) -> _Target:
    import tomllib

    import tomlkit

    path = find_item_file(root, year, item_id)
    original = read_current(path)
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise edit_error("file.not_utf8", path) from None
    problems: list[Problem] = []
    settings = _settings(root, problems)
    if settings is None:
        raise DataError("ledger.errors", tuple(problems))
    head, block, tail, header_line = _split_block(text, item_id)
    headers = _headers(text)
    preamble = "".join(text.splitlines(keepends=True)[: headers[0][0]]) if headers else text
    try:
        defaults_doc = tomllib.loads(preamble.removeprefix("\ufeff"), parse_float=Decimal)
        data = tomllib.loads(block.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise edit_error("toml.syntax", path, 0, "", detail=str(exc)) from None
    raw = data.get(item_id)
    if not isinstance(raw, dict):
        raise edit_error("edit.unknown_id", id=item_id, year=year)
    defaults = {k: v for k, v in defaults_doc.items() if not isinstance(v, dict)}
    f = SourceFile(path, text, problems)
    reader = ItemReader(f, year, item_id, raw, unit_table(settings.units))
    item = reader.read(defaults, header_line)
    if item is None:
        raise DataError("ledger.errors", tuple(problems))
    doc = tomlkit.parse(block)
    target = _Target(root, path, original, text, head, block, tail, doc, doc[item_id], item, raw)
    target.defaults = defaults
    return target


# --------------------------------------------------------------------------- values


def parse_value(target: _Target, text: str, key: str) -> Decimal:
    """VALUE from the command line, in the item's unit ("3956万元" → 0.3956 亿元)."""
    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        raise target.refuse("edit.bad_value", key, value=text) from None
    if number < 0:
        raise target.refuse("value.negative", key, key=key, value=text)
    from plancheck.write.figures import unit_symbol

    symbol = unit_symbol(symbol, target.item.unit)  # 2.4亿 in a 万元 item: 亿元
    if not symbol or symbol == target.item.unit:
        return number
    units = unit_table()
    given, mine = units.get(symbol), units.get(target.item.unit)
    if given is None:
        raise target.refuse("unit.unknown", key, unit=symbol)
    if mine is None:
        raise target.refuse("unit.unknown", key, unit=target.item.unit)
    try:
        return convert(number, given, mine)
    except UnitError:
        raise target.refuse(
            "unit.mismatch", key, key=key, given=symbol, unit=target.item.unit
        ) from None


def parse_growth(target: _Target, text: str, key: str) -> Decimal:
    """A growth rate from the command line: "8", "8%", "-3%" (a planned fall)."""
    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        raise target.refuse("edit.bad_value", key, value=text) from None
    if symbol not in ("", "%"):
        raise target.refuse("value.percent", key, key=key, value=text)
    return number


def toml_number(value: Decimal) -> str:
    """Exact TOML text for a Decimal: an integer when whole, else a plain decimal."""
    return exact_text(value)


# --------------------------------------------------------------------------- writing


def _last_plain_index(container: Any) -> int:
    """Index in a tomlkit container of the last key = value that is not a sub-table."""
    from tomlkit.items import AoT, Table

    last = -1
    for index, (key, value) in enumerate(container.body):
        if key is not None and not isinstance(value, (Table, AoT)):
            last = index
    return last


def _put(table: Any, key: str, item: Any) -> None:
    """Set `key` in a tomlkit table: in place when present (keeping its comment), else
    right after the table's last plain key — never after a comment that introduces the
    next entry, and never inside a sub-table."""
    if key in table:
        table[key] = item
        return
    container: Any = getattr(table, "value", None)
    if not hasattr(container, "body"):  # a table split across the file: tomlkit places it
        table[key] = item
        return
    position = _last_plain_index(container) + 1
    if position >= len(container.body):
        container.append(key, item)
    else:
        container._insert_at(position, key, item)


def _set(table: Any, key: str, text: str) -> None:
    import tomlkit

    _put(table, key, tomlkit.value(text))


def _set_string(table: Any, key: str, value: str) -> None:
    import tomlkit

    _put(table, key, tomlkit.string(value))


def _check_semantics(
    target: _Target, new_text: str, expected_item: dict[str, Any], new_block: str = ""
) -> None:
    """The new file must parse, and the item must read back as expected.  (The rest of the
    file is the original text byte for byte.)  While a batch is planned, the item's block
    is parsed here (with the file's top-level defaults) and the whole file once per batch
    (`batch.verify`)."""
    import tomllib

    from plancheck.write.batch import active

    stage = active()
    whole = stage is None or (not target.head and not target.tail)
    try:
        if whole:
            new = tomllib.loads(new_text.removeprefix("\ufeff"), parse_float=Decimal)
        else:
            new = {**_preamble(target), **tomllib.loads(new_block, parse_float=Decimal)}
    except tomllib.TOMLDecodeError as exc:
        raise edit_error("edit.unsafe", text=str(exc)) from None
    if not whole and stage is not None:
        stage.unparsed.add(target.path.resolve())
    if new.get(target.item.id) != expected_item:
        raise edit_error("edit.unsafe", text=target.item.id)
    # The edited item must still be one the loader accepts (a rate above 100 %, a done date
    # left on a milestone no longer done …): otherwise refuse, naming the problem.
    problems: list[Problem] = []
    settings = _settings(target.root, problems)
    units = unit_table(settings.units if settings else ())
    defaults = {k: v for k, v in new.items() if not isinstance(v, dict)}
    reader = ItemReader(
        SourceFile(target.path, new_text, problems),
        target.item.year,
        target.item.id,
        new[target.item.id],
        units,
    )
    reader.read(defaults, target.item.location.line)
    errors = tuple(p for p in problems if p.severity.value == "error")
    if errors:
        raise DataError("ledger.errors", errors)


def _preamble(target: _Target) -> dict[str, Any]:
    """The file's top-level keys (the defaults its items inherit)."""
    import tomllib

    if target.defaults is not None:
        return target.defaults

    headers = _headers(target.text)
    lines = target.text.splitlines(keepends=True)
    text = "".join(lines[: headers[0][0]]) if headers else target.text
    data = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    return {k: v for k, v in data.items() if not isinstance(v, dict)}


def _carry_headers(target: _Target, new_block: str, new_text: str) -> None:
    """While a batch is planned: the new text's table headers, from the old text's (the
    head and the tail are unchanged, only shifted) and the new block's."""
    from plancheck.read.locate import table_headers
    from plancheck.write.batch import active

    stage = active()
    if stage is None or not (target.head or target.tail):
        return
    old = _headers(target.text)
    start = len(target.head.splitlines())
    end = start + len(target.block.splitlines())
    shift = len(new_block.splitlines()) - (end - start)
    stage.headers[new_text] = [
        *(h for h in old if h[0] < start),
        *((start + i, name) for i, name in table_headers(new_block)),
        *((i + shift, name) for i, name in old if i >= end),
    ]


def _verify_only(old: str, new: str, keys: set[str], headers: set[str]) -> None:
    """Refuse unless the edit changed only the lines of the given keys (a value spanning
    several lines counts as its key's), and added only those keys and table headers."""
    from plancheck.read.locate import value_end

    key_line = re.compile(r'^\s*"?([^"\s=]+)"?\s*=')

    def owned(lines: list[str]) -> set[int]:
        out: set[int] = set()
        for index, line in enumerate(lines):
            m = key_line.match(line)
            if m and m.group(1) in keys:
                out.update(range(index, value_end(lines, index) + 1))
        return out

    a, b = old.splitlines(), new.splitlines()
    mine_a, mine_b = owned(a), owned(b)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for index in range(i1, i2):
            if index not in mine_a:
                raise edit_error("edit.unsafe", text=a[index])
        for index in range(j1, j2):
            line = b[index].strip()
            if index not in mine_b and line and line not in headers:
                raise edit_error("edit.unsafe", text=b[index])


def _newline_style(original: str, new: str) -> str:
    if "\r\n" in original:
        return new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def _raw_item(target: _Target) -> dict[str, Any]:
    """A fresh copy of the item's table as tomllib read it, to apply changes to."""

    return copy.deepcopy(target.raw)


def _write(
    target: _Target,
    keys: set[str],
    expected: dict[str, Any],
    headers: set[str] | None = None,
    dry_run: bool = False,
) -> None:
    import tomlkit

    check_writable(target.path)  # a read-only file is refused before a batch writes any
    new_block = _newline_style(target.block, tomlkit.dumps(target.doc))
    _verify_only(target.block, new_block, keys, headers or set())
    new_text = target.head + new_block + target.tail
    _check_semantics(target, new_text, expected, new_block)
    if not dry_run:
        _carry_headers(target, new_block, new_text)
        stage_or_write(target.path, new_text.encode("utf-8"), target.original)
