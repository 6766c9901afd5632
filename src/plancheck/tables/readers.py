"""Reading a table file into rows, with bounds: a sheet is streamed (openpyxl's read-only
mode), and rows, columns, cell text and the unpacked size are limited, so that a 2 KB file
claiming a cell at XFD1048576, a zip bomb or a 200 MB csv is refused in a moment instead of
filling the memory.  The limits are `Limits`; `import --max-rows/--max-columns` raise them.

xlsx: the sheet read is the one named, else the active sheet when visible, else the first
visible one (hidden sheets are named in a warning); a merged range's value is filled down
its column (责任单位 merged over three rows gives each row its owner).
csv: an unterminated quote, which would swallow every later row into one cell, is refused
with the row where it opens.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import DataError, UsageError
from plancheck.model import Location, Problem, Severity
from plancheck.tables.tabular import Cell, Table, decode_table_text

CELL_CHARS = 32_767
"""The most characters a cell may hold (Excel's own limit)."""
BYTES_PER_ROW = 4_000
"""Unpacked bytes allowed per allowed row (a sheet's XML, or a csv file)."""


@dataclass(frozen=True)
class Limits:
    rows: int = 20_000
    """Rows of the sheet (as numbered) that may hold anything."""
    columns: int = 256
    """Columns that may hold anything."""

    @property
    def bytes(self) -> int:
        """The most bytes a sheet's XML (with its shared strings), or a csv, may take."""
        return max(self.rows, 1) * BYTES_PER_ROW


def _refuse(code: str, path: Path, row: int = 0, **args: object) -> DataError:
    """A refusal located at the file and row (as the spreadsheet numbers it)."""
    values = tuple((k, str(v)) for k, v in args.items())
    return DataError(code, (Problem(Location(path, row), "", code, values),))


def _check_text(path: Path, row: int, text: str) -> None:
    if len(text) > CELL_CHARS:
        raise _refuse("import.cell_too_long", path, row=row, limit=CELL_CHARS)


# --------------------------------------------------------------------------- csv


def read_csv(path: Path, limits: Limits) -> Table:
    size = path.stat().st_size
    if size > limits.bytes:
        raise _refuse("import.too_large", path, size=_mb(size), limit=_mb(limits.bytes))
    text, encoding = decode_table_text(path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    line = 1  # the line where the current record starts (the row number a person sees)
    try:
        for row in reader:
            if len(rows) >= limits.rows and any(v.strip() for v in row):
                raise _refuse("import.too_many_rows", path, row=line, limit=limits.rows)
            if len(row) > limits.columns and any(v.strip() for v in row[limits.columns :]):
                raise _refuse("import.too_many_columns", path, row=line, limit=limits.columns)
            for v in row:
                _check_text(path, line, v)
            rows.append((line, tuple(Cell(v) for v in row)))
            line = reader.line_num + 1
    except csv.Error as exc:
        if "EOF" in str(exc) or "unexpected end of data" in str(exc):
            raise _refuse("import.csv_quote", path, row=line) from None
        raise DataError("import.unreadable", path=path, reason=exc) from None
    return Table(path, tuple(rows), encoding=encoding)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


# --------------------------------------------------------------------------- xlsx


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack beyond the limit (a zip bomb), from the
    sizes its directory states (zipfile never unpacks more than a part's stated size)."""
    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist() if i.filename.startswith("xl/"))
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise DataError("import.unreadable", path=path, reason=exc) from None
    if total > limits.bytes:
        raise _refuse("import.too_large", path, size=_mb(total), limit=_mb(limits.bytes))


def choose_sheet(book: Any, path: Path, name: str | None) -> tuple[Any, list[Problem]]:
    """The sheet named, else the active one if visible, else the first visible one; with a
    warning naming the hidden sheets passed over."""
    if name is not None:
        if name not in book.sheetnames:
            raise UsageError("import.no_sheet", sheet=name, sheets="、".join(book.sheetnames))
        return book[name], []
    sheets = list(book.worksheets)
    visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise _refuse("import.no_visible_sheet", path)
    try:
        active = book.active
    except (IndexError, AttributeError):
        active = None
    ws = active if active in visible else visible[0]
    hidden = [s.title for s in sheets if s not in visible]
    notes = []
    if hidden:
        args = (("sheet", ws.title), ("hidden", "、".join(hidden)))
        notes.append(Problem(Location(path), "", "import.hidden_sheets", args, Severity.WARNING))
    return ws, notes


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


def merged_ranges(path: Path, part: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 1-based, of every merged range in
    the sheet's XML (read in pieces: the list sits at the end)."""
    from openpyxl.utils.cell import column_index_from_string as col

    out: list[tuple[int, int, int, int]] = []
    tail = b""
    try:
        with zipfile.ZipFile(path) as z, z.open(part.lstrip("/")) as f:
            while chunk := f.read(1 << 20):
                data = tail + chunk
                end = 0
                for m in _MERGE.finditer(data):
                    a, r1, b, r2 = m.groups()
                    out.append((int(r1), col(a.decode()), int(r2), col(b.decode())))
                    end = m.end()
                tail = data[max(end, len(data) - 256) :]
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return out
    return out


def _cell(c: Any) -> Cell:
    v = c.value
    if isinstance(v, bool):
        return Cell(str(v).upper())
    if isinstance(v, (int, float)):
        number = Decimal(v) if isinstance(v, int) else Decimal(repr(v))
        percent = "%" in str(getattr(c, "number_format", "") or "")
        return Cell(number * 100 if percent else number, percent)
    if isinstance(v, dt.datetime):
        return Cell(v.date() if v.time() == dt.time() else v.isoformat())
    if isinstance(v, dt.date):
        return Cell(v)
    if v is None:
        return Cell(None)
    return Cell(str(v))


def sheet_rows(
    ws: Any, path: Path, limits: Limits, empty: set[tuple[int, int]]
) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """The sheet's rows, streamed, within the limits; `empty` collects the (row, column)
    of cells without a value that may hold a formula."""
    ws.reset_dimensions()  # never trust (nor pad to) the size the file states
    previous: object = None
    for number, row in enumerate(ws.iter_rows(), start=1):
        if row is previous or not row:  # a run of missing rows: one shared empty tuple
            continue
        previous = row
        if len(row) > limits.columns:
            if any(c.value is not None for c in row[limits.columns :]):
                raise _refuse("import.too_many_columns", path, row=number, limit=limits.columns)
            row = row[: limits.columns]
        cells = []
        for col, c in enumerate(row):
            cell = _cell(c)
            if isinstance(cell.value, str):
                _check_text(path, number, cell.value)
            elif cell.value is None and getattr(c, "data_type", "n") != "str":
                empty.add((number, col))
            cells.append(cell)
        if number > limits.rows and any(c.value is not None for c in cells):
            raise _refuse("import.too_many_rows", path, row=number, limit=limits.rows)
        yield number, tuple(cells)


def pad(rows: list[tuple[int, tuple[Cell, ...]]]) -> list[tuple[int, tuple[Cell, ...]]]:
    """Every row as wide as the widest (a sheet's XML leaves out trailing empty cells)."""
    width = max((len(cells) for _, cells in rows), default=0)
    blank = Cell(None)
    return [(n, cells + (blank,) * (width - len(cells))) for n, cells in rows]


def fill_merged(
    rows: list[tuple[int, tuple[Cell, ...]]], ranges: list[tuple[int, int, int, int]]
) -> list[tuple[int, tuple[Cell, ...]]]:
    """Each merged range's top cell copied down its column (only the top cell holds it)."""
    if not ranges:
        return rows
    by_number = {number: list(cells) for number, cells in rows}
    for r1, c1, r2, c2 in ranges:
        top = by_number.get(r1)
        for col in range(c1 - 1, c2):
            if top is None or col >= len(top) or top[col].value is None:
                continue
            for number in range(r1 + 1, r2 + 1):
                cells = by_number.setdefault(number, [])
                cells += [Cell(None)] * (col + 1 - len(cells))
                cells[col] = top[col]
    return sorted((n, tuple(c)) for n, c in by_number.items())
