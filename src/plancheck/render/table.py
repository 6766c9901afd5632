"""The terminal progress table.

Laid out here rather than by rich's Table: staff run `status` many times in a meeting and
rich's general-purpose layout cost about 60 ms for 150 rows, more than the rest of the
command together.  Widths are measured in terminal cells (Chinese characters are two
wide) with rich's cell measure; colour is plain ANSI.

The table fits the width it is given: low-priority columns are dropped first, then the
name column wraps; a number or a Chinese character is never cut.  Without a width (output
piped) the table takes its natural width, so no value is truncated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from plancheck.escape import visible
from plancheck.render import labels
from plancheck.render.cells import title, totals_line
from plancheck.render.grid import status_grid
from plancheck.report.evaluate import Light, Report

_ANSI = {
    Light.GREEN: "\x1b[32m",
    Light.YELLOW: "\x1b[33m",
    Light.RED: "\x1b[1;31m",
}
_BOLD = "\x1b[1m"
_SECTION = "\x1b[1;36m"
_RESET = "\x1b[0m"
_DOT = "●"


@dataclass(frozen=True)
class _Column:
    key: str
    priority: int
    """Columns with the lowest priority are dropped first when space runs out."""
    right: bool = True


_COLUMNS = (
    _Column("entity", 92, right=False),
    _Column("id", 99, right=False),
    _Column("name", 100, right=False),
    _Column("unit", 91, right=False),
    _Column("target", 90),
    _Column("actual", 90),
    _Column("completion", 95),
    _Column("bar", 20, right=False),
    _Column("expected", 88),  # what the 调度会 compares against: dropped last
    _Column("gap", 70),
    _Column("yoy", 40),
    _Column("status", 93, right=False),
    _Column("owner", 30, right=False),
)
_BY_KEY = {c.key: c for c in _COLUMNS}
_NAME_MIN = 16
_NAME_COMFORT = 24  # drop optional columns before squeezing names below this
_NAME_TIGHT = 12  # 序时进度 goes only when names would be narrower than this
_GAP = "   "  # between columns (two spaces when that keeps a column)


def natural_widths(rows: list[dict[str, str]], headers: dict[str, str]) -> dict[str, int]:
    widths = {c.key: cell_len(headers[c.key]) for c in _COLUMNS}
    for row in rows:
        for key, value in row.items():
            if key in widths:
                n = cell_len(value)
                if n > widths[key]:
                    widths[key] = n
    return widths


def choose_columns(natural: dict[str, int], width: int | None) -> tuple[list[str], int, str]:
    """The columns that fit `width` (dropping the lowest priorities first), the width left
    for the name column, and the gap between columns (narrowed from three spaces to two
    when that keeps a column, such as 序时进度 at 80 columns)."""
    keep = [c for c in _COLUMNS if natural[c.key] > 0 or c.key == "name"]
    if width is None:
        return [c.key for c in keep], natural["name"], _GAP
    keys, name_width = _fit(natural, width, list(keep), len(_GAP))
    narrow = _fit(natural, width, list(keep), len(_GAP) - 1)

    def weighty(chosen: list[str]) -> int:  # 序时进度 and 差距, not the bar or the owner
        return sum(1 for k in chosen if _BY_KEY[k].priority >= 70)

    if weighty(narrow[0]) > weighty(keys):
        return narrow[0], narrow[1], _GAP[:-1]
    return keys, name_width, _GAP


def _fit(
    natural: dict[str, int], width: int, keep: list[_Column], pad: int
) -> tuple[list[str], int]:
    def others(cols: list[_Column]) -> int:
        return sum(natural[c.key] + pad for c in cols if c.key != "name")

    # First drop only the optional columns to keep names comfortable, then the others below
    # 序时进度 while names keep 16 cells, then 序时进度 itself only below 12; never the
    # essential ones (name, unit, target, actual, completion, status).
    for limit, name_min in ((60, _NAME_COMFORT), (85, _NAME_MIN), (90, _NAME_TIGHT)):
        floor = min(natural["name"], name_min)
        for victim in sorted(keep, key=lambda c: c.priority):
            if others(keep) + floor <= width or victim.priority >= limit:
                break
            keep.remove(victim)
    name_width = max(min(natural["name"], width - others(keep)), min(natural["name"], 4))
    return [c.key for c in keep], name_width


_UNBREAKABLE = re.compile(r"[0-9]+(?:[.,:/][0-9]+)*%?|[A-Za-z]+(?:['-][A-Za-z]+)*| +|.")
"""What a wrapped line never cuts: a number (2025, 5.46, 101.3%), a Latin word, a space
run, one character."""


def wrap_cells(text: str, width: int) -> list[str]:
    """Split `text` into lines of at most `width` cells, never inside a character, a number
    or a Latin word (the line breaks before it; only a run longer than a whole line is
    cut); spaces at a break are dropped."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for token in _UNBREAKABLE.findall(text):
        if cell_len(current) + cell_len(token) > width and current.strip():
            lines.append(current.rstrip())
            current = ""
            if token.isspace():
                continue
        current += token
        while cell_len(current) > width:  # longer than a line: cut it by characters
            head = ""
            for ch in current:
                if cell_len(head + ch) > width:
                    break
                head += ch
            lines.append(head)
            current = current[len(head) :]
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - cell_len(text), 0)
    return space + text if right else text + space


def _wrap_line(text: str, width: int) -> list[str]:
    return wrap_cells(text, width) if width > 0 else [text]


def render_table(
    report: Report,
    lang: str = "zh",
    width: int | None = 100,
    color: bool = False,
    ids: bool = False,
) -> str:
    lang = labels.lang_of(lang)
    grid = status_grid(report, lang, tuple(c.key for c in _COLUMNS))
    headers = {c.key: c.header for c in grid.columns}
    if not ids:
        headers["id"] = ""  # no id column unless asked (status --ids)
    rows: list[tuple[str, dict[str, str], Light | None]] = []
    for section, row, tone in zip(grid.groups, grid.rows, grid.tones, strict=True):
        c = {col.key: visible(value) for col, value in zip(grid.columns, row, strict=True)}
        if not ids:
            c["id"] = ""
        light = Light(tone) if tone else None
        if light is not None:
            c["status"] = f"{_DOT} {c['status']}"
        rows.append((visible(section), c, light))
    natural = natural_widths([c for _, c, _ in rows], headers)
    if not any(c["entity"] for _, c, _ in rows):
        natural["entity"] = 0  # a single township's ledger: no entity column
    keys, name_width, gap = choose_columns(natural, width)
    widths = {k: natural[k] for k in keys}
    widths["name"] = name_width
    table_width = sum(widths[k] for k in keys) + len(gap) * (len(keys) - 1)
    text_width = width if width is not None else 0

    def style(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color and code else text

    heading = visible(title(report, lang))
    out: list[str] = [style(line, _BOLD) for line in _wrap_line(heading, text_width)]
    header = gap.join(_pad(headers[k], widths[k], _BY_KEY[k].right) for k in keys)
    sections = {s for s, _, _ in rows}
    named = len(sections) > 1 or any(sections)
    current: str | None = None
    for section, c, light in rows:
        if current is None or section != current:
            if named:
                if current is not None:
                    out.append("")
                label = f"■ {section or labels.TEXT[lang]['no_section']}"
                out += [style(line, _SECTION) for line in _wrap_line(label, text_width)]
            if current is None:
                out += [header.rstrip(), "─" * table_width]
            current = section
        name_lines = wrap_cells(c["name"], widths["name"])
        for index, name_line in enumerate(name_lines):
            parts = []
            for key in keys:
                if key == "name":
                    cell = _pad(name_line, widths[key], False)
                elif index:
                    cell = " " * widths[key]
                else:
                    cell = _pad(c[key], widths[key], _BY_KEY[key].right)
                    if key in ("status", "bar") and light is not None:
                        cell = style(cell, _ANSI[light])
                parts.append(cell)
            out.append(gap.join(parts).rstrip())
    if not rows:
        out += [header.rstrip(), "─" * table_width]
    out += _wrap_line(totals_line(report, lang), text_width)
    return "\n".join(out) + "\n"
