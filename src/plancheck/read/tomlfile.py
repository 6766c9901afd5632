"""One TOML file of a ledger, read with every problem located: reading and decoding,
parsing, and the type checks shared by the settings and the items."""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.model import Location, Problem, Severity
from plancheck.read import tomlread
from plancheck.read.files import NotRegularFile, note_parsed, read_regular
from plancheck.read.locate import key_lines


class SourceFile:
    """One file being read: its path and text, with line numbers computed on demand."""

    def __init__(self, path: Path, text: str, problems: list[Problem]) -> None:
        self.path = path
        self.text = text
        self.problems = problems
        self._lines: dict[str, int] | None = None

    def line(self, key: str) -> int:
        if self._lines is None:
            self._lines = key_lines(self.text)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key.rpartition(".")[0]
        return 0

    def add(
        self, where: str, code: str, severity: Severity = Severity.ERROR, /, **args: object
    ) -> None:
        self.problems.append(
            Problem(
                Location(self.path, self.line(where)),
                where,
                code,
                tuple((k, str(v)) for k, v in args.items()),
                severity,
            )
        )


def read_source(path: Path, problems: list[Problem]) -> SourceFile | None:
    try:
        data = read_regular(path)
    except NotRegularFile:
        problems.append(Problem(Location(path), "", "file.not_regular"))
        return None
    except IsADirectoryError:
        problems.append(Problem(Location(path), "", "file.is_directory"))
        return None
    except PermissionError:
        problems.append(Problem(Location(path), "", "file.permission"))
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(Problem(Location(path), "", "file.symlink_loop"))
        elif exc.errno == errno.ENOENT:  # a symbolic link to nothing
            problems.append(Problem(Location(path), "", "file.dangling"))
        else:
            reason = exc.strerror or str(exc)
            problems.append(Problem(Location(path), "", "file.unreadable", (("reason", reason),)))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(Location(path, line), "", "file.not_utf8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    note_parsed(path, data)
    return SourceFile(path, text, problems)


_SYNTAX_AT = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def parse_source(f: SourceFile) -> dict[str, Any] | None:
    try:
        return tomlread.loads(f.text)
    except tomlread.TOMLDecodeError as exc:
        msg = str(exc)
        line = 0
        m = _SYNTAX_AT.match(msg)
        if m:
            msg, line = m.group(1), int(m.group(2))
        elif "end of document" in msg:
            line = f.text.count("\n") + 1
        f.problems.append(Problem(Location(f.path, line), "", "toml.syntax", (("detail", msg),)))
        return None
    except RecursionError:
        f.problems.append(Problem(Location(f.path, 1), "", "toml.too_deep"))
        return None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        f.problems.append(Problem(Location(f.path, 0), "", "toml.syntax", (("detail", str(exc)),)))
        return None


def unknown_keys(
    f: SourceFile, prefix: str, table: dict[str, Any], allowed: tuple[str, ...]
) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            where = f"{prefix}.{key}" if prefix else key
            if close:
                f.add(where, "key.unknown_suggest", key=key, suggestion=close[0])
            else:
                f.add(where, "key.unknown", key=key)


MAX_EXPONENT = 100
"""Figures are at most 10^100 (and non-zero ones at least 10^-100): nothing a ledger counts
comes near, and arithmetic on 1e1000000 would overflow Decimal's range."""


_LIMIT: int = int("1" + "0" * MAX_EXPONENT)


def in_range(v: Decimal) -> bool:
    return not v or -MAX_EXPONENT <= v.adjusted() <= MAX_EXPONENT


def is_number(v: object) -> bool:
    """A finite TOML integer or float within range (nan and inf are not figures)."""
    if isinstance(v, Decimal):
        return v.is_finite() and in_range(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return -_LIMIT <= v <= _LIMIT
    return False


def type_name(v: object) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, Decimal) and not v.is_finite():
        return "nan/inf"
    if isinstance(v, (int, Decimal)) and not is_number(v):
        return "out_of_range"
    if isinstance(v, (int, Decimal)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "table"
    if isinstance(v, list):
        return "array"
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return "date"
    return type(v).__name__


def string_list(f: SourceFile, key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        f.add(key, "type.string_list", key=key)
        return []
    return list(value)


def read_number(f: SourceFile, key: str, value: object) -> Decimal | None:
    if not is_number(value):
        f.add(key, "type.number", key=key, got=type_name(value))
        return None
    return Decimal(value)  # type: ignore[arg-type]
