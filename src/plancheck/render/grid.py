"""Neutral tables: the rows of a table built once, formatted by every output.

A `Grid` holds what a table says, not how it looks: its columns (header, numeric or
not), rows of display strings (already rounded and worded by the renderer that built
them), an optional title, and for grouped tables the group (section) of each row and a
tone (the row's light) that a format may colour.  The writers here turn a grid into a
Markdown pipe table or CSV rows; the terminal table, HTML, xlsx and docx writers read the
same value.  Builders of grids live beside the output they belong to (`status_grid` for
the progress table, `plancheck.render.summary_tables` for the notice's tables).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plancheck.escape import markdown_inline
from plancheck.render import labels
from plancheck.render.cells import bar, cells
from plancheck.report.evaluate import Report


@dataclass(frozen=True)
class Column:
    """One column of a grid."""

    key: str
    """A stable name ("target", "owner" …) that writers may look up."""
    header: str
    """The header as printed, in the output's language."""
    numeric: bool = False
    """True for figures: right-aligned in text and Markdown, right in tables."""


@dataclass(frozen=True)
class Grid:
    """A table as a value: columns, rows of display strings, optional title and groups."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    """One tuple per row, one string per column ("—" for no data, never empty for 0)."""
    title: str = ""
    groups: tuple[str, ...] = ()
    """The group (section) of each row, when the table is grouped; empty otherwise."""
    tones: tuple[str, ...] = ()
    """Each row's light ("green", "yellow", "red" or ""), when it has one."""

    @classmethod
    def of(cls, headers: list[str], rows: list[list[str]], numeric: set[int]) -> Grid:
        """A grid from plain headers and rows; columns whose index is in `numeric` are numeric."""
        columns = tuple(Column(str(i), h, i in numeric) for i, h in enumerate(headers))
        return cls(columns, tuple(tuple(r) for r in rows))

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def numeric(self) -> set[int]:
        """Indexes of the numeric (right-aligned) columns."""
        return {i for i, c in enumerate(self.columns) if c.numeric}

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def by_group(self) -> Iterator[tuple[str, Grid]]:
        """(group, the rows of that group as a grid), groups in their first-seen order."""
        order: dict[str, list[int]] = {}
        for index, group in enumerate(self.groups or ("",) * len(self.rows)):
            order.setdefault(group, []).append(index)
        for group, indexes in order.items():
            yield (
                group,
                Grid(
                    self.columns,
                    tuple(self.rows[i] for i in indexes),
                    tones=tuple(self.tones[i] for i in indexes) if self.tones else (),
                ),
            )


def to_markdown(grid: Grid) -> str:
    """A pipe table laid out by tabulate (wide characters measured), numeric columns right."""
    import tabulate as _tabulate  # not on `status`'s path to the terminal table

    _tabulate.WIDE_CHARS_MODE = True
    right = grid.numeric
    return str(
        _tabulate.tabulate(
            [[markdown_inline(c) for c in row] for row in grid.rows],
            headers=[markdown_inline(h) for h in grid.headers],
            tablefmt="pipe",
            colalign=["right" if i in right else "left" for i in range(len(grid.columns))],
            disable_numparse=True,
        )
    )


def to_rows(grid: Grid) -> list[list[str]]:
    """Header row then the rows, for csv.writer and spreadsheet writers."""
    return [grid.headers, *([*row] for row in grid.rows)]


STATUS_COLUMNS = (
    "entity", "id", "section", "name", "unit", "target", "actual", "completion", "bar",
    "expected", "gap", "yoy", "status", "light", "owner", "note",
)  # fmt: skip
STATUS_NUMERIC = frozenset({"target", "actual", "completion", "expected", "gap", "yoy"})


def status_grid(report: Report, lang: str, keys: tuple[str, ...] = STATUS_COLUMNS) -> Grid:
    """The progress table (one row per item, grouped by section) in the columns `keys`."""
    lang = labels.lang_of(lang)
    headers = dict(labels.COLUMNS[lang])
    headers["bar"] = ""
    rows = []
    for r in report.items:
        c = cells(r, lang)
        c["bar"] = bar(r)
        rows.append(tuple(c[k] for k in keys))
    return Grid(
        columns=tuple(Column(k, headers[k], k in STATUS_NUMERIC) for k in keys),
        rows=tuple(rows),
        groups=tuple(r.item.section for r in report.items),
        tones=tuple(r.light.value if r.light else "" for r in report.items),
    )
