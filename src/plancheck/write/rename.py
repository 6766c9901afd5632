"""Removing an item, and renaming one with every reference to it, across the ledger.

Both change text only where they must (the item's table headers, the strings that name
it in `parts`, `same_as`, claims' `of` and `carried_from`), then verify the result the way
every edit does: each changed file must read, with tomllib, as exactly the original with
that one change applied; then all files are replaced as one batch (`write.batch`: a journal
makes it all or nothing, and the next edit finishes one a kill interrupted).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.read.locate import table_headers, value_end
from plancheck.write.atomic import edit_error, ledger_lock
from plancheck.write.block import _header_pattern, _split_block, find_item_file

__all__ = ["Renamed", "references", "remove_item", "rename_item"]

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_REF_KEYS = re.compile(r"^\s*(parts|same_as|of|carried_from)\s*=")
_TRAILING = re.compile(r"(?m)(?:^[ \t]*(?:#[^\n]*)?\r?\n)*\Z")


@dataclass(frozen=True)
class Renamed:
    """What a rename or a removal changed: the files, and the items naming the id."""

    path: Path
    files: tuple[Path, ...]
    referrers: tuple[str, ...]


def _files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*.toml") if p.name != "plancheck.toml" and not p.name.startswith(".")
    )


def _year_of(root: Path, path: Path) -> int | None:
    for part in path.relative_to(root).parts:
        if len(part) == 4 and part.isdigit():
            return int(part)
    return None


def _parse(path: Path, data: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"), parse_float=Decimal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise edit_error("toml.syntax", path, 0, "", detail=str(exc)) from None


# --------------------------------------------------------------------------- references


def _ref(text: str, year: int, old: str, new: str, same_year: bool) -> str:
    """One reference string with `old` renamed (unchanged when it names something else)."""
    if text == f"{year:04d}/{old}":
        return f"{year:04d}/{new}"
    if same_year and (text == old or text.startswith(old + ".")):
        return new + text[len(old) :]
    return text


def _renamed_table(
    table: dict[str, Any], year: int, old: str, new: str, same_year: bool
) -> dict[str, Any]:
    out = dict(table)
    if same_year and isinstance(out.get("parts"), list):
        out["parts"] = [_ref(p, year, old, new, True) if isinstance(p, str) else p
                        for p in out["parts"]]  # fmt: skip
    if same_year and isinstance(out.get("same_as"), str):
        out["same_as"] = _ref(out["same_as"], year, old, new, True)
    if isinstance(out.get("carried_from"), str):
        out["carried_from"] = _ref(out["carried_from"], year, old, new, False)
    if same_year and isinstance(out.get("claims"), list):
        claims = []
        for c in out["claims"]:
            if isinstance(c, dict) and isinstance(c.get("of"), list):
                c = {**c, "of": [_ref(r, year, old, new, True) if isinstance(r, str) else r
                                 for r in c["of"]]}  # fmt: skip
            claims.append(c)
        out["claims"] = claims
    return out


def _expected(
    data: dict[str, Any], year: int, old: str, new: str, same_year: bool, own: bool
) -> dict[str, Any]:
    """The file's data as it must read after the rename."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _renamed_table(value, year, old, new, same_year)
        out[new if own and key == old else key] = value
    return out


def references(table: dict[str, Any], year: int, item_id: str, same_year: bool) -> bool:
    """Whether an item table names `item_id` of `year`."""
    return _renamed_table(table, year, item_id, "\0", same_year) != table


def _rewrite_refs(text: str, year: int, old: str, new: str, same_year: bool) -> str:
    lines = text.splitlines(keepends=True)
    index = 0
    pattern = re.compile(r"""(["'])([^"'\n]*)\1""")

    def swap(m: re.Match[str]) -> str:
        return f"{m.group(1)}{_ref(m.group(2), year, old, new, same_year)}{m.group(1)}"

    while index < len(lines):
        if _REF_KEYS.match(lines[index]):
            end = value_end([line.rstrip("\r\n") for line in lines], index)
            for i in range(index, end + 1):
                body, hash_, comment = _split_comment(lines[i])
                lines[i] = pattern.sub(swap, body) + hash_ + comment
            index = end
        index += 1
    return "".join(lines)


def _split_comment(line: str) -> tuple[str, str, str]:
    """(the line before its comment, "#" or "", the comment and line end)."""
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i], "#", line[i + 1 :]
    return line, "", ""


def _rename_headers(text: str, old: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    head = re.compile(r"""^(\s*\[\[?\s*)(?:%s|"%s"|'%s')(?=\s*[\].])""" % ((re.escape(old),) * 3))
    for index, name in table_headers(text):
        if name == old or name.startswith(old + "."):
            lines[index] = head.sub(lambda m: m.group(1) + new, lines[index], count=1)
    return "".join(lines)


# --------------------------------------------------------------------------- commands


def _commit(root: Path, changes: list[tuple[Path, bytes | None, bytes]]) -> None:
    """Replace every (path, original, new) as one batch (under the lock already held)."""
    from plancheck.write import batch

    batch.commit_locked(root, changes)


def _recover(root: Path) -> None:
    from plancheck.write import batch

    batch.recover_locked(root)


def _only_file(root: Path, year: int, item_id: str) -> Path:
    """The one file of `year` that defines `item_id`; refused when several do (the same id in
    several townships' files: say which ledger with --ledger)."""
    path = find_item_file(root, year, item_id)
    pattern = _header_pattern(item_id)
    others = [
        p
        for p in sorted((root / f"{year:04d}").rglob("*.toml"))
        if p != path and pattern.search(p.read_bytes())
    ]
    if others:
        raise edit_error("edit.id_twice", path, 0, item_id, id=item_id, other=others[0])
    return path


def rename_item(root: Path, year: int, old: str, new: str, *, dry_run: bool = False) -> Renamed:
    """Rename item `old` of `year` to `new`, and every reference to it, in one transaction."""
    if not _ID.match(new):
        raise edit_error("id.invalid", id=new)
    with ledger_lock(root):
        _recover(root)
        own_path = _only_file(root, year, old)
        changes: list[tuple[Path, bytes | None, bytes]] = []
        referrers: list[str] = []
        for path in _files(root):
            data = path.read_bytes()
            parsed = _parse(path, data)
            file_year = _year_of(root, path)
            same_year = file_year == year
            own = path == own_path
            if same_year and new in parsed and isinstance(parsed[new], dict):
                raise edit_error("edit.id_taken", path, 0, new, id=new, year=year)
            expected = _expected(parsed, year, old, new, same_year, own)
            if expected == parsed and not own:
                continue
            referrers += [
                k
                for k, v in parsed.items()
                if isinstance(v, dict) and k != old and references(v, year, old, same_year)
            ]
            text = data.decode("utf-8")
            changed = _rewrite_refs(text, year, old, new, same_year)
            if own:
                changed = _rename_headers(changed, old, new)
            if _parse(path, changed.encode("utf-8")) != expected:
                raise edit_error("edit.unsafe", text=str(path))
            changes.append((path, data, changed.encode("utf-8")))
        if not dry_run:
            _commit(root, changes)
        return Renamed(own_path, tuple(p for p, _, _ in changes), tuple(referrers))


def remove_item(root: Path, year: int, item_id: str, *, dry_run: bool = False) -> Renamed:
    """Remove item `item_id` of `year`: its tables go, the comments after them stay.
    Refused while another item names it (rename or edit those first)."""
    with ledger_lock(root):
        _recover(root)
        path = _only_file(root, year, item_id)
        referrers = []
        for other in _files(root):
            same_year = _year_of(root, other) == year
            for key, table in _parse(other, other.read_bytes()).items():
                if not isinstance(table, dict) or (other == path and key == item_id):
                    continue
                if references(table, year, item_id, same_year):
                    referrers.append(key)
        if referrers:
            raise edit_error(
                "edit.referenced", path, 0, item_id, id=item_id, by=", ".join(referrers)
            )
        data = path.read_bytes()
        text = data.decode("utf-8")
        headers = table_headers(text)
        mine = [i for i, (_, name) in enumerate(headers)
                if name == item_id or name.startswith(item_id + ".")]  # fmt: skip
        if (
            not mine
            or mine != list(range(mine[0], mine[-1] + 1))
            or (headers[mine[0]][1] != item_id)
        ):
            raise edit_error("edit.not_contiguous", path, 0, item_id, id=item_id)
        head, block, tail, _ = _split_block(text, item_id)
        trailing = _TRAILING.search(block)
        kept = block[trailing.start() :] if trailing else ""
        if not head or head.endswith(("\n\n", "\r\n\r\n")):
            kept = kept.lstrip("\r\n")
        new_text = head + kept + tail
        expected = {k: v for k, v in _parse(path, data).items() if k != item_id}
        if _parse(path, new_text.encode("utf-8")) != expected:
            raise edit_error("edit.unsafe", text=item_id)
        if not dry_run:
            _commit(root, [(path, data, new_text.encode("utf-8"))])
        return Renamed(path, (path,), ())
