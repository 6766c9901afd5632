"""Which files make a ledger: the settings file, the year folders' TOML files, the member
ledgers of a county (no parsing: the cache fingerprints these files without the loader)."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from plancheck.model import Location, Problem

SETTINGS_FILE = "plancheck.toml"
_YEAR_DIR = re.compile(r"^\d{4}$")


def ledger_files(root: Path, problems: list[Problem] | None = None) -> Iterator[tuple[int, Path]]:
    """(year, path) of every TOML file in the year folders, in a stable order.

    A folder that cannot be listed is a problem in `problems` (an error), never skipped.
    """
    if problems is None:
        problems = []
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        problems.append(_unreadable(root, exc))
        return
    for entry in entries:
        if not _YEAR_DIR.match(entry.name):
            continue
        try:
            if not entry.is_dir():
                continue
        except OSError as exc:
            problems.append(_unreadable(entry, exc))
            continue
        for path in sorted(_toml_files(entry, problems)):
            yield int(entry.name), path


def _toml_files(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """The `*.toml` under `folder`, not entering hidden entries or linked folders.

    Hidden entries are editors' lock and backup files (.#a.toml), macOS metadata
    (._a.toml) and the like: not part of the ledger.  Unlike `Path.rglob`, a sub-folder
    that cannot be listed is reported.
    """
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as exc:
        problems.append(_unreadable(folder, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            problems.append(_unreadable(Path(entry.path), exc))
            continue
        if entry.name.endswith(".toml"):
            yield Path(entry.path)  # a folder so named is reported when it is read
        elif is_folder:
            yield from _toml_files(Path(entry.path), problems)


def _unreadable(path: Path, exc: OSError) -> Problem:
    if isinstance(exc, PermissionError):
        return Problem(Location(path), "", "file.permission")
    return Problem(Location(path), "", "file.unreadable", (("reason", exc.strerror or str(exc)),))


def is_ledger(path: Path) -> bool:
    return (path / SETTINGS_FILE).is_file()


def member_ledgers(root: Path) -> list[Path]:
    """Sub-folders of `root` that are ledgers themselves (a county's townships)."""
    try:
        folders = sorted(root.iterdir())
    except OSError:
        return []
    out: list[Path] = []
    for p in folders:
        try:
            if p.is_dir() and is_ledger(p):
                out.append(p)
        except OSError:  # one that cannot be entered: see unreadable_members
            continue
    return out


def unreadable_members(root: Path) -> list[Problem]:
    """Sub-folders of a county's folder that cannot be entered: each may be a township's
    ledger, so each is an error, never skipped."""
    out: list[Problem] = []
    try:
        folders = [p for p in sorted(root.iterdir()) if p.is_dir()]
    except OSError:
        return out
    for folder in folders:
        try:
            (folder / SETTINGS_FILE).stat()
        except PermissionError:
            out.append(Problem(Location(folder), "", "file.permission"))
        except OSError:
            pass
    return out


# --------------------------------------------------------------------------- reading


class NotRegularFile(OSError):
    """A FIFO, a device or a socket where a file was expected: it is not read at all (a FIFO
    would block for ever, /dev/zero would never end)."""


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, which must be a regular file (or a symbolic link to one).

    The file is opened without blocking and checked on the open descriptor, so that what
    is checked is what is read; anything else raises `NotRegularFile` (or
    `IsADirectoryError`) before a byte is read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        with os.fdopen(fd, "rb", closefd=True) as f:
            fd = -1
            return f.read()
    finally:
        if fd >= 0:
            os.close(fd)


def digest(data: bytes) -> bytes:
    """The fingerprint of a file's content, as `record_parsed` records it."""
    return hashlib.blake2b(data, digest_size=20).digest()


_parsed: ContextVar[dict[Path, bytes] | None] = ContextVar("plancheck_parsed", default=None)


@contextmanager
def record_parsed() -> Iterator[dict[Path, bytes]]:
    """Within the block, every file read for parsing is recorded as path -> digest of the
    very bytes that were parsed (the load cache keys what it stores by these)."""
    seen: dict[Path, bytes] = {}
    token = _parsed.set(seen)
    try:
        yield seen
    finally:
        _parsed.reset(token)


def note_parsed(path: Path, data: bytes) -> None:
    """Record that `data` was read from `path` to be parsed (inside `record_parsed`)."""
    seen = _parsed.get()
    if seen is not None:
        seen[path] = digest(data)
