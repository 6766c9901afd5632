"""A cache of loaded ledgers, so that repeated runs skip parsing and validation.

The key is a hash of plancheck's version, Python's version and the path and full content
of every file the loader reads: any change to any file (or a new or removed file) misses.
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


def _files(root: Path) -> list[Path]:
    """Every file the loader reads: settings and year files, and those of member ledgers."""
    from plancheck.read.files import SETTINGS_FILE, ledger_files, member_ledgers

    paths = [root / SETTINGS_FILE] if (root / SETTINGS_FILE).exists() else []
    own = [p for _, p in ledger_files(root)]
    paths += own
    if not own:
        for member in member_ledgers(root):
            paths += _files(member)
    return paths


def _fingerprint(root: Path, files: list[Path]) -> str | None:

    digest = hashlib.blake2b(digest_size=20)
    # Items carry their file paths as given on the command line, so the path as given is
    # part of the key as well as the resolved one.
    given = str(root).encode("utf-8", "surrogateescape")
    digest.update(f"{_FORMAT}\0{__version__}\0{sys.version}\0{root.resolve()}\0".encode())
    digest.update(given + b"\0")
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
        for path in files:
            digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def load_cached(root: Path, directory: Path | None) -> Ledger:
    """Load the ledger at `root`, through the cache in `directory` when there is one.

    A hit imports neither the loader nor the parsers (the files are only hashed)."""
    if directory is None:
        return _load(root)
    try:
        files = _files(root)
        if sum(p.stat().st_size for p in files) > MAX_BYTES:
            return _load(root)
    except OSError:
        return _load(root)
    key = _fingerprint(root, files)
    if key is None:
        return _load(root)
    path = directory / f"{key}.pickle"
    try:
        with path.open("rb") as f:
            ledger = pickle.load(f)
        if isinstance(ledger, Ledger):
            return ledger
    except Exception:
        pass
    ledger = _load(root)
    # Store it only if no file changed while it was read: otherwise the key (taken before)
    # would name content the ledger no longer reflects.
    if _fingerprint(root, _files(root)) == key:
        _store(directory, path, ledger)
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
