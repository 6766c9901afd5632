"""Writing ledger files safely: a lock per ledger, and atomic replacement.

- `ledger_lock` serialises edits of one ledger across processes (an fcntl lock on
  `.plancheck.lock` in the ledger folder, released even if the process dies); a second
  writer waits a few seconds, then is refused with a clear message.
- `write_atomic` writes a temporary file beside the original, flushes it to disk, checks
  that the original still holds what was read, and `os.replace`s it: a reader, or a crash,
  sees the old file or the new one, never a part.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from plancheck.errors import DataError, PlancheckError, UsageError
from plancheck.model import Problem

LOCK_FILE = ".plancheck.lock"
LOCK_TIMEOUT = 5.0

# A hook the tests use to stop a writer between writing the temporary file and replacing
# the original (to show that a crash there leaves the old file intact).
_before_replace: Callable[[], None] = lambda: None  # noqa: E731


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
    if path is None:
        return UsageError(code, problems, **args)
    return DataError(code, problems, **args)


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
