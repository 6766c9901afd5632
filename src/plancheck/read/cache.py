"""A cache of loaded ledgers, so that repeated runs skip parsing and validation.

The key is a hash of plancheck's version, Python's version and the path and full content
of every file the loader reads: any change to any file (or a new or removed file) misses.
What is stored is keyed by the bytes the loader parsed, fingerprinted in the same read.
Only ledgers that loaded without errors are stored.  The cache is a folder of pickles
outside the ledger (`$PLANCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/plancheck`, else
`~/.cache/plancheck`); deleting it at any time is safe, and any problem reading or
writing it falls back to an ordinary load.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from plancheck import __version__
from plancheck.model import Ledger

_FORMAT = 2
MAX_BYTES = 16 * 1024 * 1024
"""Ledgers larger than this (about 60,000 targets) are not cached: unpickling that many
items costs about as much as reading the files, and writing the cache would add ~30 % to a
cold run (measured in benchmarks/README.md)."""


def cache_dir(env: Mapping[str, str]) -> Path | None:
    """Where the cache lives, or None when disabled (PLANCHECK_NO_CACHE=1)."""
    if env.get("PLANCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    if env.get("PLANCHECK_CACHE_DIR"):
        return Path(env["PLANCHECK_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home() else "")
    return Path(base) / "plancheck" if base else None


def _files(root: Path) -> list[Path] | None:
    """Every file the loader reads: settings and year files, and those of member ledgers;
    None when a folder cannot be listed (the load then reports it)."""
    from plancheck.model import Problem
    from plancheck.read.files import (
        SETTINGS_FILE,
        ledger_files,
        member_ledgers,
        unreadable_members,
    )

    problems: list[Problem] = []
    paths = [root / SETTINGS_FILE] if (root / SETTINGS_FILE).exists() else []
    own = [p for _, p in ledger_files(root, problems)]
    paths += own
    if not own and not problems:
        if unreadable_members(root):
            return None
        for member in member_ledgers(root):
            theirs = _files(member)
            if theirs is None:
                return None
            paths += theirs
    return None if problems else paths


def _encode(path: Path | str) -> bytes:
    # a path with bytes that are not UTF-8 holds surrogates: keep them, do not fail
    return str(path).encode("utf-8", "surrogateescape")


def _key(root: Path, contents: dict[Path, bytes]) -> str | None:
    """The cache key: plancheck and Python, the root, and each file's path and content
    fingerprint (`contents`: path -> digest)."""
    digest = hashlib.blake2b(digest_size=20)
    # Items carry their file paths as given on the command line, so the path as given is
    # part of the key as well as the resolved one.
    digest.update(f"{_FORMAT}\0{__version__}\0{sys.version}\0".encode())
    digest.update(_encode(root.resolve()) + b"\0" + _encode(root) + b"\0")
    # The loading code itself: a changed plancheck (an upgrade, or an edit of a development
    # install) never reads a ledger cached by another.
    here = Path(__file__).parent.parent
    for module in (
        "read/cache",
        "read/files",
        "read/itemreader",
        "read/load",
        "read/locate",
        "model",
        "read/plainitem",
        "read/tomlfile",
        "read/tomlread",
        "units",
    ):
        try:
            stat = (here / f"{module}.py").stat()
            digest.update(f"{module}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
        except OSError:
            digest.update(module.encode() + b"\0")
    try:
        named = sorted((_encode(path.relative_to(root)), value) for path, value in contents.items())
    except ValueError:
        return None
    for name, value in named:
        digest.update(name + b"\0" + value + b"\0")
    return digest.hexdigest()


def _on_disk(root: Path, files: list[Path]) -> str | None:
    """The key of the files as they are now."""
    from plancheck.read.files import digest, read_regular

    try:
        return _key(root, {path: digest(read_regular(path)) for path in files})
    except OSError:
        return None


def load_cached(root: Path, directory: Path | None) -> Ledger:
    """Load the ledger at `root`, through the cache in `directory` when there is one.

    A hit imports neither the loader nor the parsers (the files are only hashed).  A ledger
    is stored under the key of the bytes its loader actually parsed (recorded as they were
    read), never under a key computed before or after: a file saved while it was read can
    make the stored ledger unreachable, but never wrong.
    """
    from plancheck.read.files import record_parsed

    if directory is None:
        return _load(root)
    try:
        files = _files(root)
        if files is None or sum(p.stat().st_size for p in files) > MAX_BYTES:
            return _load(root)
    except OSError:
        return _load(root)
    key = _on_disk(root, files)
    if key is None:
        return _load(root)
    try:
        with (directory / f"{key}.pickle").open("rb") as f:
            ledger = pickle.load(f)
        if isinstance(ledger, Ledger):
            return ledger
    except Exception:
        pass
    with record_parsed() as parsed:
        ledger = _load(root)
    stored = _key(root, parsed)
    if stored is not None:
        _store(directory, directory / f"{stored}.pickle", ledger)
    return ledger


def _load(root: Path) -> Ledger:
    """The loader, imported only when the cache cannot serve the ledger."""
    from plancheck.read.load import load_ledger as load

    return load(root)


def _store(directory: Path, path: Path, ledger: Ledger) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(ledger, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:
        return
