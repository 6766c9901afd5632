"""Surgical, atomic, conflict-aware edits of one ledger file.

Every edit follows the same steps:

1. take the ledger's lock (`.plancheck.lock` in the ledger folder), so that concurrent
   edits are serialised — a second one waits up to a few seconds, then is refused;
2. read the one file that holds the item and validate the change against the item as the
   loader sees it (units, year, decreases, negatives …);
3. change exactly the values asked for through tomlkit, which keeps comments, key order,
   quoting and layout; then verify that no other line of the file changed;
4. write a temporary file beside the original, flush it to disk, check that the original
   has not changed since step 2, and `os.replace` it over the original.

A failure at any step leaves the original file byte-identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import ExitStatus, PlancheckError
from plancheck.itemreader import _File, _ItemReader
from plancheck.load import SETTINGS_FILE, load_settings
from plancheck.locate import key_lines
from plancheck.model import Item, Kind, MilestoneState, Problem
from plancheck.units import UnitError, convert, parse_quantity, unit_table

LOCK_FILE = ".plancheck.lock"
LOCK_TIMEOUT = 5.0

# A hook the tests use to stop a writer between writing the temporary file and replacing
# the original (to show that a crash there leaves the old file intact).
_before_replace: Callable[[], None] = lambda: None  # noqa: E731


@dataclass(frozen=True)
class EditResult:
    """What an edit did."""

    path: Path
    item_id: str
    changes: tuple[tuple[str, str | None, str], ...]
    """(key, old text or None, new text) for every value written."""


def edit_error(
    code: str, path: Path | None = None, line: int = 0, where: str = "", /, **args: object
) -> PlancheckError:
    """A refusal, located when the file is known."""
    from plancheck.model import Location

    problems: tuple[Problem, ...] = ()
    if path is not None:
        problems = (
            Problem(Location(path, line), where, code, tuple((k, str(v)) for k, v in args.items())),
        )
    return PlancheckError(
        code, ExitStatus.USAGE if path is None else ExitStatus.DATA, problems, **args
    )


# --------------------------------------------------------------------------- locking


@contextlib.contextmanager
def ledger_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Serialise edits of one ledger across processes (released even if the process dies)."""
    if timeout is None:
        timeout = LOCK_TIMEOUT
    path = root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise edit_error("edit.lock_open", reason=str(exc)) from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: exclusive creation instead
            yield from _lock_by_exclusive_file(root, timeout)
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise edit_error("edit.locked", seconds=int(timeout)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _lock_by_exclusive_file(root: Path, timeout: float) -> Iterator[None]:  # pragma: no cover
    path = root / (LOCK_FILE + ".excl")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise edit_error("edit.locked", seconds=int(timeout)) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- finding


def _header_pattern(item_id: str) -> re.Pattern[bytes]:
    quoted = re.escape(item_id.encode())
    return re.compile(rb"(?m)^[ \t]*\[[ \t]*(?:" + quoted + rb'|"' + quoted + rb'")[ \t]*\]')


def find_item_file(root: Path, year: int, item_id: str) -> Path:
    """The file of `year` that defines `item_id`; refuses with the closest ids otherwise."""
    folder = root / f"{year:04d}"
    if not (root / SETTINGS_FILE).exists():
        raise edit_error("ledger.no_settings", root=root)
    files = sorted(folder.rglob("*.toml")) if folder.is_dir() else []
    pattern = _header_pattern(item_id)
    needles = (f"[{item_id}]".encode(), f'"{item_id}"'.encode(), f"[ {item_id}".encode())
    contents: list[bytes] = []
    for path in files:
        data = path.read_bytes()
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


def _split_block(text: str, item_id: str) -> tuple[str, str, str, int]:
    """(head, block, tail, header line) around the item's tables; the whole file is the
    block when the item's tables are not contiguous."""
    from plancheck.locate import table_headers

    headers = table_headers(text)
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
    original = path.read_bytes()
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise edit_error("file.not_utf8", path) from None
    problems: list[Problem] = []
    settings = load_settings(root, problems)
    if settings is None:
        raise PlancheckError("ledger.errors", ExitStatus.DATA, tuple(problems))
    head, block, tail, header_line = _split_block(text, item_id)
    from plancheck.locate import table_headers

    headers = table_headers(text)
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
    f = _File(path, text, problems)
    reader = _ItemReader(f, year, item_id, raw, unit_table(settings.units))
    item = reader.read(defaults, header_line)
    if item is None:
        raise PlancheckError("ledger.errors", ExitStatus.DATA, tuple(problems))
    doc = tomlkit.parse(block)
    return _Target(root, path, original, text, head, block, tail, doc, doc[item_id], item, raw)


# --------------------------------------------------------------------------- values


def parse_value(target: _Target, text: str, key: str) -> Decimal:
    """VALUE from the command line, in the item's unit ("3956万元" → 0.3956 亿元)."""
    try:
        number, symbol = parse_quantity(text)
    except ValueError:
        raise target.refuse("edit.bad_value", key, value=text) from None
    if number < 0:
        raise target.refuse("value.negative", key, key=key, value=text)
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


def toml_number(value: Decimal) -> str:
    """Exact TOML text for a Decimal: an integer when whole, else a plain decimal."""
    from plancheck.render.numbers import plain

    return plain(value)


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


def _check_semantics(target: _Target, new_text: str, expected_item: dict[str, Any]) -> None:
    """The new file must parse, and the item must read back as expected.  (The rest of the
    file is the original text byte for byte.)"""
    import tomllib

    try:
        new = tomllib.loads(new_text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise edit_error("edit.unsafe", text=str(exc)) from None
    if new.get(target.item.id) != expected_item:
        raise edit_error("edit.unsafe", text=target.item.id)
    # The edited item must still be one the loader accepts (a rate above 100 %, a done date
    # left on a milestone no longer done …): otherwise refuse, naming the problem.
    from plancheck.load import load_settings

    problems: list[Problem] = []
    settings = load_settings(target.root, problems)
    units = unit_table(settings.units if settings else ())
    defaults = {k: v for k, v in new.items() if not isinstance(v, dict)}
    reader = _ItemReader(
        _File(target.path, new_text, problems),
        target.item.year,
        target.item.id,
        new[target.item.id],
        units,
    )
    reader.read(defaults, target.item.location.line)
    errors = tuple(p for p in problems if p.severity.value == "error")
    if errors:
        raise PlancheckError("ledger.errors", ExitStatus.DATA, errors)


def _verify_only(old: str, new: str, keys: set[str], headers: set[str]) -> None:
    """Refuse unless the edit changed only the lines of the given keys (a value spanning
    several lines counts as its key's), and added only those keys and table headers."""
    from plancheck.locate import value_end

    key_line = re.compile(r'^\s*"?([A-Za-z0-9_-]+)"?\s*=')

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
    import copy

    return copy.deepcopy(target.raw)


def _write(
    target: _Target,
    keys: set[str],
    expected: dict[str, Any],
    headers: set[str] | None = None,
    dry_run: bool = False,
) -> None:
    import tomlkit

    new_block = _newline_style(target.block, tomlkit.dumps(target.doc))
    _verify_only(target.block, new_block, keys, headers or set())
    new_text = target.head + new_block + target.tail
    _check_semantics(target, new_text, expected)
    if not dry_run:
        write_atomic(target.path, new_text.encode("utf-8"), target.original)


def write_atomic(path: Path, data: bytes, expected: bytes | None) -> None:
    """Replace `path` with `data` atomically; refuse if it no longer holds `expected`."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        if expected is not None and _digest(path.read_bytes()) != _digest(expected):
            raise edit_error("edit.changed_underneath", path, 0, "", file=path)
        _before_replace()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


# --------------------------------------------------------------------------- commands


def _month_of(text: str, year: int | None) -> tuple[int, str]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise edit_error("value.month", key="--month", value=text)
    y = int(m.group(1))
    if year is not None and y != year:
        raise edit_error("value.month_year", month=text, year=year)
    return y, f"{y:04d}-{int(m.group(2)):02d}"


def record_actual(
    root: Path,
    item_id: str,
    value: str,
    *,
    month: str | None = None,
    year: int | None = None,
    today: dt.date | None = None,
    allow_decrease: bool = False,
    note: str | None = None,
) -> EditResult:
    """Record the year-to-date VALUE for MONTH in the item's history and make it the actual."""
    if month is None:
        today = today or dt.date.today()
        month = f"{today.year:04d}-{today.month:02d}"
    year_of_month, month = _month_of(month, year)
    with ledger_lock(root):
        target = _open(root, year_of_month, item_id)
        item = target.item
        if item.kind is Kind.MILESTONE:
            raise target.refuse("edit.milestone_value", "")
        number = parse_value(target, value, f"history.{month}")
        history = dict(item.history)
        migrated: str | None = None
        if not history and item.actual is not None:
            # A single actual without history: dated by `reported`, else undated (a year-end
            # figure, as in the bundled report).  It becomes the history's first value, or the
            # update is refused rather than let it be overwritten by an earlier month.
            if item.reported is not None:
                migrated = item.reported
            elif month.endswith("-12"):
                migrated = None  # restating the year-end figure itself
            else:
                raise target.refuse(
                    "edit.undated_actual",
                    "actual",
                    value=toml_number(item.actual),
                    year=item.year,
                )
            if migrated is not None and migrated != month:
                history[migrated] = item.actual
        earlier = [(m, v) for m, v in sorted(history.items()) if m < month]
        later = [(m, v) for m, v in sorted(history.items()) if m > month]
        decrease = (earlier and number < earlier[-1][1]) or (later and number > later[0][1])
        # Year-to-date totals of an up-target only grow; levels (rates, stocks, amounts to
        # bring down) may move either way.
        cumulative = (
            item.reporting.value == "ytd"
            and item.direction.value == "up"
            and item.kind in (Kind.AMOUNT, Kind.GROWTH)
        )
        if decrease and cumulative:
            if not allow_decrease:
                previous = earlier[-1] if earlier and number < earlier[-1][1] else later[0]
                raise target.refuse(
                    "edit.decrease",
                    f"history.{month}",
                    month=month,
                    value=toml_number(number),
                    other=previous[0],
                    other_value=toml_number(previous[1]),
                )
            if not note:
                raise target.refuse("edit.decrease_needs_note", f"history.{month}")
        old_text = toml_number(history[month]) if month in history else None
        history[month] = number
        latest = max(history)
        if item.reporting.value == "monthly":
            actual = sum(history.values(), Decimal(0))
        else:
            actual = history[latest]
        import tomlkit

        table = target.table
        expected = _raw_item(target)
        new_months = {month: number}
        if migrated is not None and migrated != month:
            new_months = {migrated: history[migrated], month: number}
        expected.setdefault("history", {}).update(new_months)
        hist = table.get("history")
        headers: set[str] = set()
        if hist is None:
            hist = tomlkit.table()
            for key in sorted(new_months):
                hist.add(key, tomlkit.value(toml_number(new_months[key])))
            hist.trivia.indent = "\n"
            _put(table, "history", hist)
            headers.add(f"[{item_id}.history]")
        else:
            _put(hist, month, tomlkit.value(toml_number(number)))
        if migrated is not None and "reported" in table:
            del table["reported"]
            expected.pop("reported", None)
        old_actual = toml_number(item.actual) if item.actual is not None else None
        changes: list[tuple[str, str | None, str]] = [
            (f"history.{month}", old_text, toml_number(number))
        ]
        if item.actual != actual:
            _set(table, "actual", toml_number(actual))
            expected["actual"] = Decimal(toml_number(actual))
            changes.append(("actual", old_actual, toml_number(actual)))
        if note:
            _set_string(table, "note", note)
            expected["note"] = note
            changes.append(("note", item.note or None, note))
        _write(target, {*new_months, "actual", "note", "reported"}, expected, headers)
        return EditResult(target.path, item_id, tuple(changes))


def set_milestone(
    root: Path,
    item_id: str,
    year: int,
    state: MilestoneState,
    date: dt.date | None,
    note: str | None = None,
) -> EditResult:
    """Set a milestone's state, with the date it was started or done."""
    with ledger_lock(root):
        target = _open(root, year, item_id)
        item = target.item
        if item.kind is not Kind.MILESTONE:
            raise target.refuse("edit.not_milestone", "state")
        if date is not None and date.year != year:
            raise target.refuse("value.month_year", "state", month=date.isoformat(), year=year)
        if (
            state is MilestoneState.DONE
            and date is not None
            and item.started is not None
            and date < item.started
        ):
            raise target.refuse("milestone.order", "done", started=item.started, done=date)
        import tomlkit

        table = target.table
        expected = _raw_item(target)
        changes: list[tuple[str, str | None, str]] = [
            ("state", item.state.value if item.state else None, state.value)
        ]
        _set_string(table, "state", state.value)
        expected["state"] = state.value
        keys = {"state", "note", "done", "started"}
        # Dates that no longer hold go: a milestone set back from done has no done date, one
        # set back to planned has no start date either.
        stale = {"done"} if state is not MilestoneState.DONE else set()
        if state is MilestoneState.PLANNED:
            stale.add("started")
        for key in sorted(stale):
            if key in table:
                del table[key]
                expected.pop(key, None)
                changes.append((key, str(getattr(item, key)), "—"))
        if date is not None and state in (MilestoneState.STARTED, MilestoneState.DONE):
            key = "done" if state is MilestoneState.DONE else "started"
            _put(table, key, tomlkit.date(date.isoformat()))
            expected[key] = date
            changes.append(
                (key, item.done_text or None if key == "done" else None, date.isoformat())
            )
            keys.add(key)
        if note:
            _set_string(table, "note", note)
            expected["note"] = note
            changes.append(("note", item.note or None, note))
        _write(target, keys, expected)
        return EditResult(target.path, item_id, tuple(changes))


def set_target(
    root: Path,
    item_id: str,
    year: int,
    value: str,
    reason: str | None = None,
    *,
    dry_run: bool = False,
) -> EditResult:
    """Give a plan item its target, or revise one (调整目标), keeping the original."""
    with ledger_lock(root):
        target = _open(root, year, item_id)
        item = target.item
        if item.kind in (Kind.MILESTONE, Kind.INDICATOR):
            raise target.refuse("edit.no_target_kind", "target", kind=item.kind.value)
        key = "target_growth_pct" if item.kind is Kind.GROWTH else "target"
        number = parse_value(target, value, key)
        table = target.table
        expected = _raw_item(target)
        old = item.target_growth_pct if item.kind is Kind.GROWTH else item.target
        changes: list[tuple[str, str | None, str]] = []
        keys = {key, "original_target", "target_reason"}
        revised = old is not None and old != number and item.kind is not Kind.GROWTH
        if revised and item.original_target is None:
            _set(table, "original_target", toml_number(old))  # type: ignore[arg-type]
            expected["original_target"] = Decimal(toml_number(old))  # type: ignore[arg-type]
            changes.append(("original_target", None, toml_number(old)))  # type: ignore[arg-type]
        _set(table, key, toml_number(number))
        expected[key] = Decimal(toml_number(number))
        changes.append((key, toml_number(old) if old is not None else None, toml_number(number)))
        if reason:
            _set_string(table, "target_reason", reason)
            expected["target_reason"] = reason
            changes.append(("target_reason", item.target_reason or None, reason))
        _write(target, keys, expected, dry_run=dry_run)
        return EditResult(target.path, item_id, tuple(changes))
