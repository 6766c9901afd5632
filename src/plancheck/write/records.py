"""Writing an item's record of changes: a dated target revision, a month's note, a
correction that keeps the figure it replaces (see `plancheck.read.records` for the form).

New tables are added as text at the end of the item's block, before the comments and
blank lines that introduce the next entry, then the block is parsed again so that the
values can be changed in place; `write.block._write` then verifies, as for every edit,
that nothing else changed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from plancheck.write.block import _Target, toml_number

__all__ = ["add_table", "correction_table", "revision_table", "set_month_note"]

_TRAILING = re.compile(r"(?m)(?:^[ \t]*(?:#[^\n]*)?\r?\n)*\Z")


def _string(text: str) -> str:
    import tomlkit

    return str(tomlkit.string(text).as_string())


def add_table(target: _Target, header: str, lines: list[str]) -> str:
    """Add `[header]` (or `[[header]]`) with `lines` at the end of the item's block, before
    its trailing comments; return the header line as written."""
    import tomlkit

    text = tomlkit.dumps(target.doc)
    newline = "\r\n" if "\r\n" in target.block else "\n"
    trailing = _TRAILING.search(text)
    cut = trailing.start() if trailing else len(text)
    body, rest = text[:cut], text[cut:]
    if not body.endswith("\n"):
        body += newline
    table = newline.join([header, *lines]) + newline
    new = body + newline + table + (rest if rest.strip() else rest.lstrip("\r\n"))
    target.doc = tomlkit.parse(new)
    target.table = target.doc[target.item.id]
    return header


def revision_table(
    item_id: str, key: str, month: str, value: Decimal, reason: str, day: dt.date | None
) -> tuple[str, list[str], dict[str, Any]]:
    """A revision's `[[id.revisions]]` lines and what tomllib reads from them."""
    lines: list[str] = []
    read: dict[str, Any] = {}
    if month:
        lines.append(f"from = {_string(month)}")
        read["from"] = month
    lines.append(f"{key} = {toml_number(value)}")
    read[key] = Decimal(toml_number(value))
    if reason:
        lines.append(f"reason = {_string(reason)}")
        read["reason"] = reason
    if day is not None:
        lines.append(f"date = {day.isoformat()}")
        read["date"] = day
    return f"[[{item_id}.revisions]]", lines, read


def correction_table(
    item_id: str, month: str, was: Decimal, day: dt.date, reason: str, key: str = "history"
) -> tuple[str, list[str], dict[str, Any]]:
    """A correction's `[[id.corrections]]` lines and what tomllib reads from them."""
    lines = [f"month = {_string(month)}", f"was = {toml_number(was)}", f"date = {day}"]
    read: dict[str, Any] = {"month": month, "was": Decimal(toml_number(was)), "date": day}
    if reason:
        lines.append(f"reason = {_string(reason)}")
        read["reason"] = reason
    if key != "history":
        lines.append(f"key = {_string(key)}")
        read["key"] = key
    return f"[[{item_id}.corrections]]", lines, read


def set_month_note(
    target: _Target, expected: dict[str, Any], month: str, note: str, headers: set[str]
) -> None:
    """Give `month` the note `note` in the item's `[id.notes]` table."""
    import tomlkit

    from plancheck.write.block import _put

    notes = target.table.get("notes")
    if notes is None:
        headers.add(add_table(target, f"[{target.item.id}.notes]", [f"{month} = {_string(note)}"]))
    else:
        _put(notes, month, tomlkit.string(note))
    expected.setdefault("notes", {})[month] = note
