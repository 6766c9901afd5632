"""Writing files safely: a lock per ledger, and the one writer of every file plancheck writes.

- `ledger_lock` serialises edits of one ledger across processes (an fcntl lock on
  `.plancheck.lock` in the ledger folder, released even if the process dies); a second
  writer waits a few seconds, then is refused with a clear message.  A lock file that is a
  symbolic link is refused, never followed.
- `write_atomic` writes every file: ledger edits (`update`, `set-target`, `add`, `import`,
  `carryover`), new ledgers (`init`) and outputs (`summary --output`, `report --html`,
  `export -o`).  The bytes go to a temporary file beside the file, are flushed to disk, and
  `os.replace` it: a reader, or a crash, sees the old file or the new one, never a part.
  Only a regular file (or an absent path) is replaced.  Text is UTF-8 and written as given:
  its newline style is kept, never translated.

What is refused (each with a located message, nothing written):

- a file without write permission bits (mode 0444: refused even for root);
- a ledger file that changed since it was read (`expected`);
- for an output: a file of a ledger (plancheck.toml, its lock file, any .toml in a ledger
  folder), a folder, a block device or a socket.  Character devices (/dev/null, a
  terminal) and FIFOs are written through, as is an open descriptor named as /dev/stdout,
  /dev/stderr, /dev/fd/N or /proc/self/fd/N (a shell's `>(…)`);
- for a ledger edit: anything but a regular file.

A symbolic link is followed: its target is written and the link stays a link.  A temporary
file left by a killed edit (`.NAME.*.tmp`) is removed by the next edit of that file (under
the ledger lock, no other edit can be writing it).  An OSError becomes a one-line located
message in the user's language (permission, full disk, read-only file system …).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from plancheck.errors import DataError, PlancheckError, UsageError
from plancheck.model import Location, Problem

LOCK_FILE = ".plancheck.lock"
LOCK_TIMEOUT = 5.0
SETTINGS_FILE = "plancheck.toml"

# A hook the tests use to stop a writer between writing the temporary file and replacing
# the original (to show that a crash there leaves the old file intact).
_before_replace: Callable[[], None] = lambda: None  # noqa: E731


def edit_error(
    code: str, path: Path | None = None, line: int = 0, where: str = "", /, **args: object
) -> PlancheckError:
    """A refusal, located when the file is known."""
    problems: tuple[Problem, ...] = ()
    if path is not None:
        problems = (
            Problem(Location(path, line), where, code, tuple((k, str(v)) for k, v in args.items())),
        )
    if path is None:
        return UsageError(code, problems, **args)
    return DataError(code, problems, **args)


_ERRNO_CODES = {
    errno.EACCES: "write.permission",
    errno.EPERM: "write.permission",
    errno.ENOSPC: "write.no_space",
    errno.EDQUOT: "write.no_space",
    errno.EROFS: "write.read_only_fs",
    errno.ENOENT: "write.no_folder",
    errno.ENOTDIR: "write.no_folder",
    errno.EISDIR: "file.is_directory",
}


def write_error(path: Path, exc: OSError, usage: bool = False) -> PlancheckError:
    """An OSError met while writing `path`, as a located refusal in the user's language (a
    DataError for a ledger file, a UsageError for an output: `usage`)."""
    code = _ERRNO_CODES.get(exc.errno or 0, "write.failed")
    reason = exc.strerror or str(exc)
    return _refusal(code, path, usage, reason=reason)


def _refusal(code: str, path: Path, usage: bool, **args: object) -> PlancheckError:
    pairs = tuple((k, str(v)) for k, v in args.items())
    problems = (Problem(Location(path), "", code, pairs),)
    return (UsageError if usage else DataError)(code, problems, **args)


# --------------------------------------------------------------------------- locking


@contextlib.contextmanager
def ledger_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Serialise edits of one ledger across processes (released even if the process dies)."""
    if timeout is None:
        timeout = LOCK_TIMEOUT
    path = root / LOCK_FILE
    if path.is_symlink():
        raise _refusal("edit.lock_symlink", path, False)
    try:
        # O_NOFOLLOW: a link planted after the check above is not followed either.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refusal("edit.lock_symlink", path, False) from None
        raise write_error(path, exc) from None
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


# --------------------------------------------------------------------------- the writer


def write_atomic(
    path: Path,
    data: bytes | str,
    expected: bytes | None = None,
    *,
    output: bool = False,
    ledger: Path | None = None,
    exclusive: bool = False,
) -> Path:
    """Write `data` (bytes, or text as UTF-8) to `path`; the path actually written is returned
    (a symbolic link's target).

    `expected`: the bytes the file held when it was read; the write is refused if it holds
    anything else now.  `output`: a path the user named for a command's output (exit status
    2 on failure; devices, FIFOs and open descriptors are written through; a ledger file is
    refused, those of `ledger` and of any folder with a plancheck.toml).  Otherwise a
    ledger file (exit status 3 on failure), edited under the ledger lock.  `exclusive`:
    create the file, refusing if it exists.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    usage = output
    try:
        if output and _write_descriptor(path, raw):
            return path
        try:
            info: os.stat_result | None = os.stat(path)  # through symbolic links
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            if output and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
                _write_through(path, raw)
                return path
            if stat.S_ISDIR(info.st_mode):
                raise _refusal("file.is_directory", path, usage)
            raise _refusal("write.not_regular", path, usage)
        # A regular file (or nothing) at the end of the links: the file itself is replaced.
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if output and _is_ledger_file(target, ledger):
            raise _refusal("write.ledger_file", path, usage)
        if info is not None and not info.st_mode & 0o222:
            raise _refusal("write.read_only", path, usage, mode=f"{info.st_mode & 0o777:04o}")
        if not output:
            _remove_stale_temps(target)
        _replace(target, raw, expected, info, exclusive)
    except OSError as exc:
        if exclusive and exc.errno == errno.EEXIST:
            raise _refusal("write.exists", path, usage) from None
        raise write_error(path, exc, usage) from None
    return target


def check_writable(path: Path) -> None:
    """Refuse, before a batch writes anything, a ledger file that `write_atomic` would refuse."""
    with contextlib.suppress(FileNotFoundError):
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _refusal("write.not_regular", path, False)
        if not info.st_mode & 0o222:
            mode = f"{info.st_mode & 0o777:04o}"
            raise _refusal("write.read_only", path, False, mode=mode)


def _replace(
    target: Path, raw: bytes, expected: bytes | None, info: os.stat_result | None, exclusive: bool
) -> None:
    """The temporary file, flushed and given the old file's mode (or a new file's), then
    renamed over `target` (or linked to it, with `exclusive`)."""
    folder = target.parent if str(target.parent) else Path(".")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    tmp = write_temporary(target, raw, mode)
    try:
        if expected is not None and _digest(target.read_bytes()) != _digest(expected):
            raise edit_error("edit.changed_underneath", target, 0, "", file=target)
        _before_replace()
        if exclusive:
            os.link(tmp, target)
            tmp.unlink()
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_temporary(
    target: Path, raw: bytes, mode: int | None = None, suffix: str = ".tmp"
) -> Path:
    """A temporary file beside `target` (`.NAME.*` + `suffix`) holding `raw`, flushed to disk
    with `mode` (default: the mode `target` has, or a new file's): the first half of every
    replacement, shared by `write_atomic` and the many-file transactions of
    plancheck.write.batch.  Nothing is left behind when it fails."""
    folder = target.parent if str(target.parent) else Path(".")
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=suffix)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


_DESCRIPTOR = re.compile(r"/dev/(?:std(out|err)|fd/(\d+))|/proc/self/fd/(\d+)")


def _write_descriptor(path: Path, raw: bytes) -> bool:
    """Write to an open descriptor named by its path (/dev/stdout …); False for other paths."""
    m = _DESCRIPTOR.fullmatch(str(path))
    if m is None:
        return False
    fd = {"out": 1, "err": 2}[m.group(1)] if m.group(1) else int(m.group(2) or m.group(3))
    try:
        os.fstat(fd)
    except OSError:
        return False  # not open here: treated as the path it is
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view) :]
    return True


def _write_through(target: Path, raw: bytes) -> None:
    """Write into a character device or a FIFO as it is (it cannot be replaced)."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a file meanwhile
            raise _refusal("write.not_regular", target, True)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _is_ledger_file(target: Path, ledger: Path | None) -> bool:
    """plancheck.toml, the lock file, or a .toml file in `ledger` or in any folder under a
    plancheck.toml."""
    if target.name in (SETTINGS_FILE, LOCK_FILE):
        return True
    if target.suffix.lower() != ".toml":
        return False
    full = Path(os.path.realpath(target))
    if ledger is not None and full.is_relative_to(os.path.realpath(ledger)):
        return True
    return any((folder / SETTINGS_FILE).is_file() for folder in full.parents)


def _remove_stale_temps(target: Path) -> None:
    """Temporary files of `target` left by a killed edit (the ledger lock is held)."""
    folder = target.parent if str(target.parent) else Path(".")
    pattern = os.path.join(glob.escape(str(folder)), f".{glob.escape(target.name)}.*.tmp")
    for name in glob.glob(pattern, include_hidden=True):
        with contextlib.suppress(OSError):
            if Path(name).is_file() and not Path(name).is_symlink():
                os.unlink(name)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()
