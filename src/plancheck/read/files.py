"""Which files make a ledger: the settings file, the year folders' TOML files, the member
ledgers of a county (no parsing: the cache fingerprints these files without the loader)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from plancheck.model import Location, Problem

SETTINGS_FILE = "plancheck.toml"
_YEAR_DIR = re.compile(r"^\d{4}$")


def ledger_files(root: Path, problems: list[Problem] | None = None) -> Iterator[tuple[int, Path]]:
    """(year, path) of every TOML file in the year folders, in a stable order."""
    if problems is None:
        problems = []
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        problems.append(Problem(Location(root), "", "file.unreadable", (("reason", str(exc)),)))
        return
    for entry in entries:
        if not _YEAR_DIR.match(entry.name):
            continue
        try:
            if not entry.is_dir():
                continue
            files = sorted(entry.rglob("*.toml"))
        except OSError as exc:
            problems.append(
                Problem(Location(entry), "", "file.unreadable", (("reason", str(exc)),))
            )
            continue
        for path in files:
            # editors' lock and backup files (.#a.toml), macOS metadata (._a.toml) and
            # anything else hidden is not part of the ledger
            if any(part.startswith(".") for part in path.relative_to(entry).parts):
                continue
            yield int(entry.name), path


def is_ledger(path: Path) -> bool:
    return (path / SETTINGS_FILE).is_file()


def member_ledgers(root: Path) -> list[Path]:
    """Sub-folders of `root` that are ledgers themselves (a county's townships)."""
    try:
        return sorted(p for p in root.iterdir() if p.is_dir() and is_ledger(p))
    except OSError:
        return []
