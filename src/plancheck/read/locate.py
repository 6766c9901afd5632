"""Line numbers for TOML keys.

The TOML parsers return values without positions.  This module scans the text once and
records the line on which every key is written, so that messages can say `file:line`.
It understands table headers, arrays of tables, dotted and quoted keys, and skips the
insides of multi-line strings and arrays.  It never rejects a file: syntax is the
parser's job; on anything unusual it simply records less.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> tuple[list[str], int] | None:
    """Parse a (dotted, possibly quoted) key at the start of `text`.

    Returns the key parts and the index just after the key, or None.
    """
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return None
        ch = text[i]
        if ch == '"' or ch == "'":
            j = i + 1
            buf = []
            while j < n and text[j] != ch:
                if ch == '"' and text[j] == "\\" and j + 1 < n:
                    buf.append(text[j + 1])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            if j >= n:
                return None
            parts.append("".join(buf))
            i = j + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return None
            parts.append(m.group(0))
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return parts, i


def _value_balance(text: str) -> tuple[int, str | None]:
    """Net open brackets in a value fragment, and an unclosed multi-line string delimiter."""
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            break
        if text.startswith('"""', i) or text.startswith("'''", i):
            delim = text[i : i + 3]
            end = text.find(delim, i + 3)
            if end < 0:
                return depth, delim
            i = end + 3
            continue
        if ch in "\"'":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if (ch == '"' and text[j] == "\\") else 1
            i = j + 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth, None


def key_lines(text: str) -> dict[str, int]:
    """Map each dotted key path to the 1-based line where it is written.

    Tables map to their header line.  Elements of arrays of tables are numbered:
    "fiscal-revenue.claims.0.value".  Keys are joined with "." as written (quoted keys
    are unquoted), which is enough to find any entry of a plancheck ledger.
    """
    lines: dict[str, int] = {}
    table: list[str] = []
    array_counts: dict[str, int] = {}
    open_string: str | None = None
    depth = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if open_string is not None:
            idx = raw.find(open_string)
            if idx >= 0:
                d, open_string = _value_balance(raw[idx + 3 :])
                depth = max(depth + d, 0)
            continue
        if depth > 0:
            d, open_string = _value_balance(raw)
            depth += d
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            parsed = _split_key(stripped[2:])
            if parsed:
                path = ".".join(parsed[0])
                index = array_counts.get(path, 0)
                array_counts[path] = index + 1
                table = [*parsed[0], str(index)]
                lines.setdefault(path, lineno)
                lines[".".join(table)] = lineno
            continue
        if stripped.startswith("["):
            parsed = _split_key(stripped[1:])
            if parsed:
                table = parsed[0]
                lines[".".join(table)] = lineno
            continue
        parsed = _split_key(stripped)
        if not parsed:
            continue
        parts, end = parsed
        if end >= len(stripped) or stripped[end] != "=":
            continue
        full = [*table, *parts]
        for k in range(len(table) + 1, len(full) + 1):
            lines.setdefault(".".join(full[:k]), lineno)
        value = stripped[end + 1 :]
        d, open_string = _value_balance(value)
        depth = max(d, 0)
    return lines


def value_end(lines: list[str], start: int) -> int:
    """Index of the last line of the `key = value` that begins on lines[start].

    A value continues over several lines inside a multi-line string or an open array or
    inline table; otherwise it ends on its own line.
    """
    line = lines[start]
    eq = line.find("=")
    if eq < 0:
        return start
    depth, open_string = _value_balance(line[eq + 1 :])
    index = start
    while (depth > 0 or open_string is not None) and index + 1 < len(lines):
        index += 1
        raw = lines[index]
        if open_string is not None:
            at = raw.find(open_string)
            if at < 0:
                continue
            d, open_string = _value_balance(raw[at + 3 :])
            depth += d
        else:
            d, open_string = _value_balance(raw)
            depth += d
    return index


def table_headers(text: str) -> list[tuple[int, str]]:
    """(0-based line index, dotted name) of every table or array-of-tables header, skipping
    the insides of multi-line strings and arrays."""
    out: list[tuple[int, str]] = []
    open_string: str | None = None
    depth = 0
    for index, raw in enumerate(text.splitlines()):
        if open_string is not None:
            at = raw.find(open_string)
            if at >= 0:
                d, open_string = _value_balance(raw[at + 3 :])
                depth = max(depth + d, 0)
            continue
        if depth > 0:
            d, open_string = _value_balance(raw)
            depth += d
            continue
        stripped = raw.strip()
        if stripped.startswith("["):
            body = stripped[2:] if stripped.startswith("[[") else stripped[1:]
            parsed = _split_key(body)
            if parsed:
                out.append((index, ".".join(parsed[0])))
            continue
        parsed = _split_key(stripped)
        if parsed and parsed[1] < len(stripped) and stripped[parsed[1]] == "=":
            d, open_string = _value_balance(stripped[parsed[1] + 1 :])
            depth = max(d, 0)
    return out
