"""Spreadsheets in: read a target table (目标任务分解表, xlsx or csv) and find its columns.

The table is read into rows of cells (row numbers as the spreadsheet shows them), the
header row is found, and columns are mapped to item keys: `--map name=指标名称,…` first,
then the headers this module knows, which include those of `plancheck export`.
`plancheck.tables.importplan` turns the rows into items, every problem located at its row.

The words of the table (headers, kinds, directions) are defined here once, for reading and
for `render/sheet.py`, which writes them: an exported sheet imports back as it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck.errors import DataError, UsageError
from plancheck.model import Direction, Kind, Nature, Problem
from plancheck.write import toml_number

if TYPE_CHECKING:
    from plancheck.tables.readers import Limits

# --------------------------------------------------------------------------- vocabulary

HEADERS: dict[str, tuple[str, str]] = {
    "id": ("编号", "id"),
    "entity": ("乡镇", "entity"),
    "name": ("目标任务", "name"),
    "section": ("板块", "section"),
    "owner": ("责任单位", "owner"),
    "leader": ("分管领导", "leader"),
    "kind": ("类型", "kind"),
    "direction": ("方向", "direction"),
    "nature": ("性质", "nature"),
    "unit": ("单位", "unit"),
    "target": ("目标", "target"),
    "target_growth_pct": ("目标增速", "target growth"),
    "original_target": ("原目标", "original target"),
    "original_target_growth_pct": ("原目标增速", "original target growth"),
    "actual": ("完成", "actual"),
    "actual_month": ("数据月份", "month"),
    "baseline": ("上年", "baseline"),
    "completion_pct": ("完成率", "completion"),
    "expected_pct": ("序时进度", "expected"),
    "gap": ("差距", "gap"),
    "yoy_pct": ("同比", "yoy"),
    "status": ("状态", "status"),
    "light": ("灯", "light"),
    "stale": ("未更新", "stale"),
    "due": ("完成期限", "due"),
    "done": ("完成日期", "done"),
    "weight": ("分值", "weight"),
    "score": ("得分", "score"),
    "note": ("备注", "note"),
    "source": ("来源", "source"),
}
"""Column headers of exported sheets, zh and en, by field."""

IMPORT_FIELDS = (
    "id", "name", "section", "owner", "leader", "kind", "direction", "nature", "unit",
    "target", "target_growth_pct", "baseline", "weight", "due", "note", "source",
)  # fmt: skip
"""The item keys a table can give (the figures of the year are entered with `update`)."""

_AUTO_SKIP = {"baseline"}
"""Fields mapped only when asked: an exported 上年 is the baseline of the as-of period."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "代码", "id", "ID"),
    "name": (
        "目标任务", "指标名称", "指标", "任务", "名称", "任务名称", "工作任务", "目标任务名称",
        "项目名称", "重点任务", "name",
    ),
    "section": ("板块", "类别", "分类", "section"),
    "owner": ("责任单位", "牵头单位", "责任部门", "承办单位", "owner"),
    "leader": ("分管领导", "责任领导", "leader"),
    "kind": ("类型", "kind"),
    "direction": ("方向", "direction"),
    "nature": ("性质", "指标性质", "nature"),
    "unit": ("单位", "计量单位", "unit"),
    "target": ("目标", "目标值", "全年目标", "年度目标", "目标任务数", "任务数", "target"),
    "target_growth_pct": ("目标增速", "增速目标", "增长目标", "target growth", "target_growth_pct"),
    "baseline": ("baseline",),
    "weight": ("分值", "权重", "weight"),
    "due": ("完成期限", "完成时限", "时限要求", "due"),
    "note": ("备注", "说明", "note"),
    "source": ("来源", "依据", "source"),
}  # fmt: skip
"""Headers recognised without --map, by field."""

KIND_LABELS: dict[str, dict[Kind, str]] = {
    "zh": {
        Kind.AMOUNT: "数量",
        Kind.GROWTH: "增速",
        Kind.RATE: "比率",
        Kind.MILESTONE: "节点",
        Kind.INDICATOR: "指标",
    },
    "en": {k: k.value for k in Kind},
}
DIRECTION_LABELS: dict[str, dict[Direction, str]] = {
    "zh": {Direction.UP: "正向", Direction.DOWN: "逆向"},
    "en": {Direction.UP: "up", Direction.DOWN: "down"},
}
KIND_WORDS: dict[str, Kind] = {
    **{k.value: k for k in Kind},
    **{label: k for k, label in KIND_LABELS["zh"].items()},
    "数量指标": Kind.AMOUNT,
    "增长": Kind.GROWTH,
    "增速指标": Kind.GROWTH,
    "比例": Kind.RATE,
    "比率指标": Kind.RATE,
    "里程碑": Kind.MILESTONE,
    "节点任务": Kind.MILESTONE,
    "定性": Kind.MILESTONE,
    "监测指标": Kind.INDICATOR,
}
DIRECTION_WORDS: dict[str, Direction] = {
    **{d.value: d for d in Direction},
    **{label: d for d, label in DIRECTION_LABELS["zh"].items()},
    "逆向指标": Direction.DOWN,
    "越低越好": Direction.DOWN,
    "正向指标": Direction.UP,
    "越高越好": Direction.UP,
}
NATURE_WORDS: dict[str, Nature] = {
    **{n.value: n for n in Nature},
    "约束性": Nature.BINDING,
    "预期性": Nature.INDICATIVE,
}
EMPTY = {"", "-", "—", "–", "/", "无"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How text may start that a spreadsheet would run as a formula: csv export writes a ' before
it, and import takes the ' off again."""


def header_for(field_name: str, lang: str) -> str:
    return HEADERS[field_name][1 if lang == "en" else 0]


def norm(text: str) -> str:
    """A header or word as compared: NFKC, no spaces, lower-case Latin."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Cell:
    value: str | Decimal | dt.date | None
    percent: bool = False
    """A number shown as a percentage (Excel stores 85% as 0.85)."""
    formula: str = ""
    """A formula whose result the file does not hold (written by a program, never opened
    and saved in Excel or WPS): the cell's value is unknown, not empty."""


@dataclass(frozen=True)
class Table:
    path: Path
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    """(row number as the spreadsheet shows it, cells)."""
    notes: tuple[Problem, ...] = ()
    """Warnings about the reading (hidden sheets passed over)."""
    encoding: str = ""
    """How a text file was decoded ("" for a workbook)."""


def read_table(path: Path, sheet: str | None = None, limits: Limits | None = None) -> Table:
    """Read an .xlsx or .csv (.tsv, .txt) file within `limits`; refuses other formats."""
    from plancheck.tables import readers

    limits = limits or readers.Limits()
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError("import.no_file", path=path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, limits)
    if suffix in (".csv", ".tsv", ".txt"):
        return readers.read_csv(path, limits)
    raise UsageError("import.format", path=path)


def _read_xlsx(path: Path, sheet: str | None, limits: Limits) -> Table:
    from plancheck.tables import readers

    try:
        import openpyxl
    except ImportError:
        raise UsageError("table.needs_openpyxl") from None
    readers.check_zip(path, limits)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, ValueError … from a bad file
        raise DataError("import.unreadable", path=path, reason=exc) from None
    empty: set[tuple[int, int]] = set()
    try:
        ws, notes = readers.choose_sheet(book, path, sheet)
        rows = list(readers.sheet_rows(ws, path, limits, empty))
        part = str(getattr(ws, "_worksheet_path", ""))
    finally:
        book.close()
    if empty and _has_formulas(path):
        rows = _mark_formulas(path, ws.title, rows, empty)
    rows = readers.fill_merged(rows, readers.merged_ranges(path, part) if part else [])
    rows = readers.pad(rows)
    return Table(path, tuple(rows), tuple(notes))


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the file holds a formula (a quick look at its XML)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    data = z.read(name)
                    if b"<f>" in data or b"<f " in data:
                        return True
    except (OSError, zipfile.BadZipFile):
        return True  # cannot tell: look at the cells
    return False


def _mark_formulas(
    path: Path,
    title: str,
    rows: list[tuple[int, tuple[Cell, ...]]],
    empty: set[tuple[int, int]],
) -> list[tuple[int, tuple[Cell, ...]]]:
    """Mark the `empty` cells that hold a formula without a stored result.  openpyxl gives
    either the stored results or the formulas, so the sheet is read a second time."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # it was read a moment ago; without formulas nothing is marked
        return rows
    try:
        sheet = book[title]
        sheet.reset_dimensions()  # read every row, whatever size the file states
        formulas: dict[tuple[int, int], str] = {}
        for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
            for col, c in enumerate(row):
                if (number, col) not in empty:
                    continue
                v = getattr(c, "value", None)
                if isinstance(v, str) and v.startswith("="):
                    formulas[(number, col)] = v
                elif isinstance(getattr(v, "text", None), str):  # an array formula {=…}
                    formulas[(number, col)] = str(v.text)  # type: ignore[union-attr]
    finally:
        book.close()
    if not formulas:
        return rows
    out = []
    for number, cells in rows:
        marked = tuple(
            Cell(None, formula=formulas[(number, col)])
            if c.value is None and (number, col) in formulas
            else c
            for col, c in enumerate(cells)
        )
        out.append((number, marked))
    return out


def decode_text(data: bytes) -> str:
    """The text of a csv file; see `decode_table_text`."""
    return decode_table_text(data)[0]


def decode_table_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-32 and UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 with
    or without BOMs (a file saved twice by some editors carries two), else GB18030."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, encoding = _decode(data, "utf-32"), "UTF-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _decode(data, "utf-16"), "UTF-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _decode(data, "gb18030"), "GB18030"
    return text.lstrip("\ufeff"), encoding


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DataError("import.encoding") from None


# --------------------------------------------------------------------------- columns


def parse_map(texts: Iterable[str]) -> dict[str, str]:
    """`name=指标名称,target=目标值` (repeatable) → {field: header}."""
    out: dict[str, str] = {}
    for text in texts:
        for pair in text.replace("，", ",").split(","):
            if not pair.strip():
                continue
            key, sep, header = pair.replace("＝", "=").partition("=")
            key, header = key.strip(), header.strip()
            if not sep or not key or not header:
                raise UsageError("import.map_syntax", pair=pair.strip())
            if key not in IMPORT_FIELDS:
                close = difflib.get_close_matches(key, IMPORT_FIELDS, n=1, cutoff=0.5)
                fields = ", ".join(IMPORT_FIELDS)
                if close:
                    raise UsageError(
                        "import.map_field_suggest",
                        field=key,
                        suggestion=close[0],
                        fields=fields,
                    )
                raise UsageError("import.map_field", field=key, fields=fields)
            if key in out:
                raise UsageError("import.map_twice", field=key)
            out[key] = header
    return out


def cell_text(cell: Cell, nfkc: bool = True) -> str:
    """The cell as text; `nfkc` folds full-width digits and signs (not for free text, whose
    Chinese punctuation must stay as written)."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return toml_number(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if v[:1] == "'" and v[1:2] in FORMULA_START:
        v = v[1:]  # text that export guarded against being run as a formula
    return (unicodedata.normalize("NFKC", v) if nfkc else v).strip()


_YEAR_HEADER = re.compile(r"^(\d{4})年?(.+)$")
_DONE_WORDS = {norm(w) for w in ("完成", "完成值", "实际完成", "完成情况", "实绩", "实际")}


def year_field(header: str, known: dict[str, str], year: int | None) -> str | None:
    """The field of a year-prefixed header: 2025年目标 → target (the import's year), 2024年完成
    → baseline (the year before); another year's column is not taken."""
    m = _YEAR_HEADER.match(header)
    if not m:
        return None
    given, rest = int(m.group(1)), m.group(2)
    field = known.get(rest)
    if field in ("target", "target_growth_pct"):
        return field if year is None or given == year else None
    if rest in _DONE_WORDS:
        return "baseline" if year is None or given == year - 1 else None
    return field if field in ("name", "owner", "unit", "note", "due") else None


def find_columns(
    table: Table, mapping: dict[str, str], scan: int = 30, year: int | None = None
) -> tuple[int, dict[str, tuple[int, str]]]:
    """The header row's index in `table.rows` and {field: (column, header)}.

    The header row is the first (of the first `scan`) holding every header of `mapping`
    — or, without a mapping, a header for the name and at least one more known header.
    Fields not in `mapping` are mapped by the known headers, when their column is free.
    """
    wanted = {f: norm(h) for f, h in mapping.items()}
    known = {
        norm(word): f for f, words in SYNONYMS.items() if f not in _AUTO_SKIP for word in words
    }
    for f in IMPORT_FIELDS:
        if f not in _AUTO_SKIP:
            for word in HEADERS.get(f, ()):
                known.setdefault(norm(word), f)
    best_seen: list[str] = []
    for index, (_, cells) in enumerate(table.rows[:scan]):
        headers = [norm(cell_text(c)) for c in cells]
        for h in headers:  # 2025年目标, 2024年完成: the year's target, last year's figure
            if h not in known and (by_year := year_field(h, known, year)) is not None:
                known[h] = by_year
        present = {h: col for col, h in reversed(list(enumerate(headers))) if h}
        if mapping:
            if not all(h in present for h in wanted.values()):
                if len(present) > len(best_seen):
                    best_seen = [cell_text(c) for c in cells if cell_text(c)]
                continue
        else:
            fields = {known[h] for h in present if h in known}
            if "name" not in fields or len(fields) < 2:
                if len(present) > len(best_seen):
                    best_seen = [cell_text(c) for c in cells if cell_text(c)]
                continue
        columns: dict[str, tuple[int, str]] = {
            f: (present[h], cell_text(cells[present[h]])) for f, h in wanted.items()
        }
        used = {col for col, _ in columns.values()}
        for col, h in enumerate(headers):
            known_field = known.get(h)
            if known_field is not None and known_field not in columns and col not in used:
                columns[known_field] = (col, cell_text(cells[col]))
                used.add(col)
        if "name" not in columns:
            raise UsageError("import.no_name_column")
        return index, columns
    # headers that look right but are not (mojibake) mean the encoding was guessed wrong
    hint = "_encoding" if table.encoding == "GB18030" else ""
    if mapping:
        missing = [h for h in mapping.values()]
        raise DataError(
            "import.no_header" + hint,
            headers="、".join(missing),
            found="、".join(best_seen) or "—",
            encoding=table.encoding,
        )
    raise DataError(
        "import.no_known_header" + hint,
        found="、".join(best_seen) or "—",
        encoding=table.encoding,
    )
