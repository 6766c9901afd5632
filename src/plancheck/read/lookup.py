"""Finding an item by what a clerk types: its id, its exact name, or part of its name.

`resolve` answers one item or refuses: an unknown text with the closest names, an
ambiguous one with every candidate and its id (so that the next command can name it).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from plancheck.errors import ExitStatus, PlancheckError
from plancheck.model import Item

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
        raise PlancheckError(
            "item.ambiguous", ExitStatus.USAGE, text=text, candidates=listing(found)
        )
    near = closest(items, text)
    if near:
        raise PlancheckError(
            "item.unknown_suggest",
            ExitStatus.USAGE,
            text=text,
            year=year or "",
            suggestions=listing(near),
        )
    raise PlancheckError("item.unknown", ExitStatus.USAGE, text=text, year=year or "")
