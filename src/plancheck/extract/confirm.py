"""`plancheck confirm ID...`: a person has checked these draft items; remove `draft = true`.

With the edit safety of `update`: under the ledger's lock, only the `draft = true` lines
of the items named are removed (every other byte is kept), the new file must parse to the
old one without those keys, and each file is replaced atomically, refused when it changed
since it was read.  A batch is all or nothing: every id is checked before anything is
written, and a file written before a later one fails is put back.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import PlancheckError, UsageError
from plancheck.read.locate import key_lines
from plancheck.write.atomic import edit_error, ledger_lock, write_atomic
from plancheck.write.block import find_item_file

_DRAFT_LINE = re.compile(r"^[ \t]*draft[ \t]*=[ \t]*true[ \t]*(?:#.*)?\r?\n?$")


def _years(root: Path) -> list[int]:
    return sorted(
        int(p.name) for p in root.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)
    )


def _file_of(root: Path, year: int | None, item_id: str) -> Path:
    if year is not None:
        return find_item_file(root, year, item_id)
    found: list[Path] = []
    for y in _years(root):
        try:
            found.append(find_item_file(root, y, item_id))
        except PlancheckError:
            continue
    if len(found) > 1:
        raise UsageError("confirm.which_year", id=item_id)
    if not found:
        years = "、".join(str(y) for y in _years(root)) or "—"
        raise edit_error("confirm.unknown_id", id=item_id, years=years)
    return found[0]


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise edit_error("toml.syntax", path, 0, "", detail=str(exc)) from None


def _confirmed(path: Path, original: bytes, ids: list[str]) -> list[str]:
    """The ids of the file that are confirmed already (no `draft` key left)."""
    found = key_lines(original.decode("utf-8"))
    return [i for i in ids if f"{i}.draft" not in found]


def _without_drafts(path: Path, original: bytes, ids: list[str]) -> str:
    """The file's text with the `draft = true` line of each id removed, verified."""
    text = original.decode("utf-8")
    lines = text.splitlines(keepends=True)
    found = key_lines(text)
    drop: set[int] = set()
    for item_id in ids:
        line = found.get(f"{item_id}.draft")
        if line is None or not _DRAFT_LINE.match(lines[line - 1]):
            raise edit_error(
                "confirm.not_draft", path, line or found.get(item_id, 0), item_id, id=item_id
            )
        drop.add(line - 1)
    new = "".join(line for index, line in enumerate(lines) if index not in drop)
    before, after = _parse(path, text), _parse(path, new)
    for item_id in ids:
        before[item_id].pop("draft", None)
    if before != after:
        raise edit_error("edit.unsafe", text=path.name)
    return new


def confirm(
    root: Path, ids: list[str], year: int | None = None
) -> tuple[list[tuple[Path, str]], list[str]]:
    """Remove `draft = true` from every item named: (file, id) for each item confirmed, in
    order, and the ids that were confirmed already (left as they are: not an error)."""
    done: list[tuple[Path, str]] = []
    already: list[str] = []
    with ledger_lock(root):
        by_file: dict[Path, list[str]] = {}
        for item_id in dict.fromkeys(ids):
            path = _file_of(root, year, item_id)
            by_file.setdefault(path, []).append(item_id)
        plans = []
        for path, file_ids in by_file.items():
            original = path.read_bytes()
            confirmed = _confirmed(path, original, file_ids)
            already += confirmed
            file_ids = [i for i in file_ids if i not in confirmed]
            done += [(path, i) for i in file_ids]
            if file_ids:
                plans.append((path, original, _without_drafts(path, original, file_ids)))
        written: list[tuple[Path, bytes, bytes]] = []
        try:
            for path, original, new in plans:
                data = new.encode("utf-8")
                write_atomic(path, data, original)
                written.append((path, original, data))
        except BaseException:
            for path, original, data in reversed(written):
                write_atomic(path, original, data)
            raise
    order = {item_id: n for n, item_id in enumerate(dict.fromkeys(ids))}
    done.sort(key=lambda pair: order[pair[1]])
    return done, already
