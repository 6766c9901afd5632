"""Many files changed as one transaction: all of them land, or none.

`write_atomic` makes one file's replacement atomic; a batch (collect, update with several
figures, import --overwrite) changes several files, and a crash between two replacements
would leave some changed and some not.  A batch therefore:

1. is *planned* in memory: while `staging()` is active, the edit functions read the staged
   text of a file they already changed (so two items of one file are both kept) and stage
   their result instead of writing it (`read_current`, `stage_or_write`);
2. is *committed* under the ledger lock by `commit`: every file must still hold what was
   read (else nothing is written); each new text goes to a temporary file beside its
   original, flushed to disk; then a journal naming every (temporary → original) pair is
   written atomically and flushed — the commit point; then the temporaries replace the
   originals one by one, and the journal is removed;
3. is *recovered* by the next batch (or `recover`) after a crash: with no journal, stale
   temporaries are removed and every original is untouched; with a journal, the remaining
   replacements are done (roll forward) — but never over a file that changed since.

So a kill at any moment leaves every file old or new, and once recovered, all new or all
old.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plancheck.write.atomic import (
    edit_error,
    ledger_lock,
    write_atomic,
    write_error,
    write_temporary,
)

JOURNAL = ".plancheck.journal"
Change = tuple[Path, bytes | None, bytes]
"""(file, its bytes as read or None when the batch creates it, its new bytes)"""
TMP_SUFFIX = ".plancheck-batch.tmp"


@dataclass
class Staging:
    """Files changed so far by a batch being planned: path → (bytes read, bytes to write)."""

    files: dict[Path, tuple[bytes | None, bytes]] = field(default_factory=dict)
    """None for a file the batch creates."""
    reads: dict[Path, bytes] = field(default_factory=dict)
    """Files read while planning (so that a file is read from disk once per batch)."""
    headers: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Table headers of texts seen while planning (a large file is scanned once, then
    kept up to date edit by edit)."""
    listings: dict[Path, list[Path]] = field(default_factory=dict)
    """Year folders' files, listed once per batch."""
    hints: dict[str, Path] = field(default_factory=dict)
    """The file each item is known to be in (the editor checks its header is there)."""
    unparsed: set[Path] = field(default_factory=set)
    """Staged files whose whole new text is still to be parsed once (`verify`)."""
    settings: dict[tuple[Path, bytes], object] = field(default_factory=dict)
    """Ledgers' settings read without a problem, by (root, the settings file's text): read
    once per batch, not once per edit."""

    def changes(self) -> list[Change]:
        """(path, original or None, new) of every file whose text changed, in path order."""
        return [(p, old, new) for p, (old, new) in sorted(self.files.items()) if old != new]


_ACTIVE: contextvars.ContextVar[Staging | None] = contextvars.ContextVar(
    "plancheck_batch", default=None
)


@contextlib.contextmanager
def staging() -> Iterator[Staging]:
    """Plan a batch: edits made inside are staged, not written."""
    stage = Staging()
    token = _ACTIVE.set(stage)
    try:
        yield stage
    finally:
        _ACTIVE.reset(token)


def active() -> Staging | None:
    """The batch being planned, if any."""
    return _ACTIVE.get()


def verify(stage: Staging) -> None:
    """Each staged file's whole new text must parse (its edited items were checked one by
    one as they were staged): once per file, not once per edit."""
    from plancheck.read.tomlread import loads

    for path in sorted(stage.unparsed):
        _, new = stage.files[path]
        try:
            loads(new.decode("utf-8").removeprefix("\ufeff"))
        except Exception as exc:  # the parsers' TOMLDecodeError, RecursionError, ValueError
            raise edit_error("edit.unsafe", text=f"{path}: {exc}") from None
    stage.unparsed.clear()


def read_current(path: Path) -> bytes:
    """The file's text as the batch being planned sees it (its staged text, if any)."""
    stage = _ACTIVE.get()
    if stage is None:
        return path.read_bytes()
    key = path.resolve()
    if key in stage.files:
        return stage.files[key][1]
    if key not in stage.reads:
        stage.reads[key] = path.read_bytes()
    return stage.reads[key]


def stage_or_write(path: Path, data: bytes, expected: bytes | None) -> None:
    """Write `data` over `path` atomically, or stage it when a batch is being planned."""
    stage = _ACTIVE.get()
    if stage is None:
        from plancheck.write.atomic import write_atomic

        write_atomic(path, data, expected)
        return
    key = path.resolve()
    original = stage.files[key][0] if key in stage.files else expected
    stage.files[key] = (original, data)


def _digest(data: bytes | None) -> str:
    """A fingerprint of a file's bytes; "" for a file that does not exist."""
    return "" if data is None else hashlib.blake2b(data, digest_size=20).hexdigest()


def _current(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise edit_error("file.unreadable", path, 0, "", reason=str(exc)) from None


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def commit(root: Path, changes: list[Change]) -> None:
    """Apply every (path, original, new) as one transaction under `root`'s lock."""
    if not changes:
        return
    with ledger_lock(root):
        recover_locked(root)
        commit_locked(root, changes)


def commit_locked(root: Path, changes: list[Change]) -> None:
    """`commit` for a caller that holds the lock already."""
    for path, original, _ in changes:
        if _current(path) != _digest(original):
            raise edit_error("edit.changed_underneath", path, 0, "", file=path)
    entries = []
    written: list[Path] = []
    path = root
    try:
        for path, original, new in changes:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = write_temporary(path, new, suffix=TMP_SUFFIX)
            written.append(tmp)
            entries.append(
                {
                    "path": os.path.relpath(path, root),
                    "tmp": os.path.relpath(tmp, root),
                    "old": _digest(original),
                    "new": _digest(new),
                }
            )
        for folder in {p.parent for p in written}:
            _fsync_dir(folder)
        # The commit point: the journal, written whole (temporary file, then a rename).
        write_atomic(root / JOURNAL, json.dumps(entries, ensure_ascii=False).encode())
    except BaseException as exc:
        for tmp in written:
            tmp.unlink(missing_ok=True)
        (root / (JOURNAL + ".tmp")).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
    _roll_forward(root, entries)


def _roll_forward(root: Path, entries: list[dict[str, str]]) -> list[Path]:
    """Finish a committed batch; returns the files left alone because they changed since."""
    skipped: list[Path] = []
    for entry in entries:
        path, tmp = root / entry["path"], root / entry["tmp"]
        current = _current(path)
        if current == entry["new"]:
            tmp.unlink(missing_ok=True)
        elif tmp.exists() and _digest(tmp.read_bytes()) == entry["new"] and current == entry["old"]:
            os.replace(tmp, path)
        else:
            skipped.append(path)
            tmp.unlink(missing_ok=True)
    for folder in {(root / e["path"]).parent for e in entries}:
        _fsync_dir(folder)
    (root / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(root)
    return skipped


def recover_pending(root: Path) -> list[Path]:
    """`recover` when a committed batch was interrupted (a journal is there): cheap enough to
    call before every edit, so that no single edit lands between a batch's replacements."""
    return recover(root) if (root / JOURNAL).exists() else []


def recover(root: Path) -> list[Path]:
    """Finish or undo a batch a crash interrupted (under the lock); see `recover_locked`."""
    if not (root / JOURNAL).exists() and not _stale_temporaries(root):
        return []
    with ledger_lock(root):
        return recover_locked(root)


def recover_locked(root: Path) -> list[Path]:
    """Roll a committed batch forward, or remove an uncommitted one's temporaries.

    Returns the files a committed batch could not finish because they changed since."""
    skipped: list[Path] = []
    journal = root / JOURNAL
    if journal.exists():
        try:
            entries = json.loads(journal.read_text("utf-8"))
        except (OSError, ValueError):
            entries = []  # a journal is only ever replaced whole: unreadable means damaged
        skipped = _roll_forward(root, entries)
    (root / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    for tmp in _stale_temporaries(root):
        tmp.unlink(missing_ok=True)
    return skipped


def _stale_temporaries(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    # The batches' temporaries, and the journal's own (it is written by `write_atomic`).
    # (`write_temporary` names them `.NAME.*.tmp`: the journal's start with two dots.)
    return sorted([*root.rglob(f".*{TMP_SUFFIX}"), *root.glob(f".{JOURNAL}.*.tmp")])


def pending(root: Path) -> bool:
    """Whether a batch was interrupted after its commit point (the ledger is half-updated)."""
    return (root / JOURNAL).exists()
