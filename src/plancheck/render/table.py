"""The terminal progress table (rich).

Fits the width it is given: low-priority columns are dropped first, then the name column
wraps; a number or a Chinese character is never cut.  Without a width (output piped) the
table takes its natural width, so no value is ever truncated.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from plancheck.evaluate import Light, Report
from plancheck.render import labels
from plancheck.render.cells import bar, cells, title, totals_line
from plancheck.render.console import make_console

_STYLE = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "bold red"}
_DOT = "●"


@dataclass(frozen=True)
class _Column:
    key: str
    priority: int
    """Columns with the lowest priority are dropped first when space runs out."""
    right: bool = True


_COLUMNS = (
    _Column("name", 100, right=False),
    _Column("unit", 91, right=False),
    _Column("target", 90),
    _Column("actual", 90),
    _Column("completion", 95),
    _Column("bar", 20, right=False),
    _Column("expected", 50),
    _Column("gap", 70),
    _Column("yoy", 40),
    _Column("status", 93, right=False),
    _Column("owner", 30, right=False),
)
_NAME_MIN = 16
_NAME_COMFORT = 24  # drop optional columns before squeezing names below this
_PAD = 3  # padding each side plus the column divider of SIMPLE_HEAD


def _row_cells(report: Report, lang: str) -> list[tuple[str, dict[str, str], Light | None]]:
    rows: list[tuple[str, dict[str, str], Light | None]] = []
    for r in report.items:
        c = cells(r, lang)
        c["bar"] = bar(r)
        c["status"] = f"{_DOT} {c['status']}" if r.light else c["status"]
        rows.append((r.item.section, c, r.light))
    return rows


def natural_widths(rows: list[dict[str, str]], headers: dict[str, str]) -> dict[str, int]:
    return {
        col.key: max([cell_len(headers[col.key])] + [cell_len(r[col.key]) for r in rows])
        for col in _COLUMNS
    }


def choose_columns(natural: dict[str, int], width: int | None) -> tuple[list[str], int]:
    """The columns that fit `width` (dropping the lowest priorities first), and the width
    left for the name column."""
    keep = [c for c in _COLUMNS if natural[c.key] > 0 or c.key == "name"]
    if width is None:
        return [c.key for c in keep], natural["name"]

    def others(cols: list[_Column]) -> int:
        return sum(natural[c.key] + _PAD for c in cols if c.key != "name") + _PAD

    name_min = min(natural["name"], _NAME_COMFORT)
    for victim in sorted(keep, key=lambda c: c.priority):
        if others(keep) + name_min <= width or victim.priority >= 60:
            break
        keep.remove(victim)
    name_min = min(natural["name"], _NAME_MIN)
    for victim in sorted(keep, key=lambda c: c.priority):
        if others(keep) + name_min <= width or victim.priority >= 90:
            break
        keep.remove(victim)
    name_width = max(min(natural["name"], width - others(keep)), min(natural["name"], 4))
    return [c.key for c in keep], name_width


def render_table(report: Report, lang: str = "zh", width: int | None = 100,
                 color: bool = False) -> str:
    lang = labels.lang_of(lang)
    headers = dict(labels.COLUMNS[lang])
    headers["bar"] = ""
    rows = _row_cells(report, lang)
    natural = natural_widths([c for _, c, _ in rows], headers)
    keys, name_width = choose_columns(natural, width)
    widths = {k: natural[k] for k in keys}
    widths["name"] = name_width
    by_key = {c.key: c for c in _COLUMNS}

    def new_table(show_header: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False,
                      expand=False, show_header=show_header)
        for key in keys:
            table.add_column(
                headers[key],
                justify="right" if by_key[key].right else "left",
                no_wrap=key != "name",
                overflow="fold",
                width=widths[key],
            )
        return table

    sections: list[tuple[str, Table]] = []
    for section, c, light in rows:
        if not sections or sections[-1][0] != section:
            sections.append((section, new_table(show_header=not sections)))
        values: list[Text | str] = []
        for key in keys:
            style = _STYLE[light] if light is not None else ""
            if key in ("status", "bar"):
                values.append(Text(c[key], style=style))
            else:
                values.append(c[key])
        sections[-1][1].add_row(*values)

    out = io.StringIO()
    render_width = width
    if render_width is None:
        render_width = sum(widths[k] + _PAD for k in keys)
        render_width = max(render_width, cell_len(title(report, lang)),
                           cell_len(totals_line(report, lang)),
                           *(cell_len(s) for s, _ in sections))
    console = make_console(out, width=render_width, color=color)
    console.print(Text(title(report, lang), style="bold"), overflow="fold")
    if not sections:
        console.print(new_table(show_header=True))
    named = len(sections) > 1 or (sections and sections[0][0])
    for index, (section, table) in enumerate(sections):
        if named:
            if index:
                console.print()
            label = section or labels.TEXT[lang]["no_section"]
            console.print(Text(f"■ {label}", style="bold cyan"), overflow="fold")
        console.print(table)
    console.print(totals_line(report, lang), overflow="fold")
    return out.getvalue()
