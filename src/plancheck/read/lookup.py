"""Finding an item by what a clerk types: its id, its exact name, or part of its name.

`resolve` answers one item or refuses: an unknown text with the closest names, an
ambiguous one with every candidate and its id (so that the next command can name it).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from plancheck.errors import UsageError
from plancheck.model import Item, Problem

MAX_LISTED = 12


def _norm(text: str) -> str:
    """NFKC, no spaces, lower case: full-width letters and stray spaces do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def candidates(items: Sequence[Item], text: str) -> list[Item]:
    """The items `text` names: by id, else by exact name, else by part of the name."""
    wanted = text.strip()
    by_id = [i for i in items if i.id == wanted]
    if by_id:
        return by_id
    key = _norm(wanted)
    if not key:
        return []
    exact = [i for i in items if _norm(i.name) == key]
    if exact:
        return exact
    return [i for i in items if key in _norm(i.name) or key in i.id.lower()]


def closest(items: Sequence[Item], text: str, n: int = 3) -> list[Item]:
    """The items whose names (or ids) are most like `text`."""
    names = {i.name: i for i in items}
    ids = {i.id: i for i in items}
    found = difflib.get_close_matches(text, list(names), n=n, cutoff=0.3)
    out = [names[name] for name in found]
    out += [ids[i] for i in difflib.get_close_matches(text, list(ids), n=n, cutoff=0.5)]
    unique = {i.id: i for i in reversed(out)}
    return [i for i in out if unique.get(i.id) is i][:n]


def listing(items: Sequence[Item]) -> str:
    """「name」(id) for each item, for messages."""
    shown = [f"「{i.name}」({i.id})" for i in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        shown.append("…")
    return "、".join(shown)


def resolve(items: Sequence[Item], text: str, year: int | None = None) -> Item:
    """The one item `text` names among `items`; PlancheckError (exit 2) otherwise."""
    found = candidates(items, text)
    # In a county the same id may be several townships' items: that is ambiguous too.
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError("item.ambiguous", text=text, candidates=listing(found))
    near = closest(items, text)
    if near:
        raise UsageError(
            "item.unknown_suggest",
            text=text,
            year=year or "",
            suggestions=listing(near),
        )
    raise UsageError("item.unknown", text=text, year=year or "")


def load_items(root: Path, year: int, ids: set[str], entity: str = "") -> dict[str, Item] | None:
    """The items `ids` of `year` in the ledger at `root`, read from their files only (a
    large ledger is not loaded whole); None when an id is not found or a file has errors
    (the caller then loads the whole ledger, which reports them)."""
    from plancheck.read.load import SETTINGS_FILE, load_settings, read_year_file
    from plancheck.units import unit_table

    problems: list[Problem] = []
    if not (root / SETTINGS_FILE).is_file():
        return None
    settings = load_settings(root, problems)
    folder = root / f"{year:04d}"
    if settings is None or not folder.is_dir():
        return None
    needles = {i: (f"[{i}]".encode(), f'["{i}"]'.encode(), f"['{i}']".encode()) for i in ids}
    files: list[Path] = []
    missing = set(ids)
    for path in sorted(folder.rglob("*.toml")):
        data = path.read_bytes()
        hits = {i for i in missing if any(n in data for n in needles[i])}
        if hits:
            files.append(path)
            missing -= hits
        if not missing:
            break
    if missing:
        return None
    found: dict[str, Item] = {}

    def keep(item: Item) -> None:
        if item.id in ids:
            found[item.id] = item

    units = unit_table(settings.units)
    for path in files:
        read_year_file(path, year, units, problems, keep, [], lambda *_: True, (), entity)
    if any(p.severity.value == "error" for p in problems) or set(found) != ids:
        return None
    return found
