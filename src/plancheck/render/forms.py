"""The fill-in forms as files: an xlsx an office fills in Excel or WPS, or a csv.

The xlsx is protected so that only the fill-in, date and note cells can be typed in; the
fill-in cells ask for a decimal ≥ 0 but only warn (error style "warning": Excel and WPS keep
the value after a "continue?"), so that a figure with its unit (2.3亿元, 8500万元, 1.8亿),
which collect converts, gets in; a milestone's cell takes one of its states from a drop-down;
the title rows name the township, office, month and deadline; it prints on A4 landscape,
one page wide, with the header row repeated on every page.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from plancheck.report.forms import (
    DATE_HEADER,
    HEADERS,
    NOTE_HEADER,
    STATE_WORDS,
    Form,
    FormRow,
    fill_header,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet

    from plancheck.write.actuals import Change

ZERO_OR_BLANK = "未发生请填 0；未统计（无数据）请留空"
"""The one wording of zero against "no data", in the prompt, the warning and the README."""
HEADER_ROW = 3
WIDTHS = (6, 22, 40, 8, 14, 14, 16, 14, 30)
FILL_COLOR = "FFF2CC"
HEADER_COLOR = "D9E1F2"


def headers(form: Form) -> tuple[str, ...]:
    return (*HEADERS, fill_header(form.month), DATE_HEADER, NOTE_HEADER)


def _cells(row: FormRow) -> list[object]:
    """The row's values: numbers stay Decimal (formatted by each renderer)."""
    from plancheck.render.numbers import plain

    if row.milestone:
        previous: object = row.previous_state
        current: object = ""
    else:
        previous = row.previous
        current = row.current
        if row.previous is not None and row.previous_month is not None:
            # the office skipped a month: say which month the figure is from
            previous = f"{plain(row.previous)}（{row.previous_month}月）"
    return [
        row.number,
        row.item.id,
        row.item.name,
        "" if row.milestone else row.item.unit,
        row.target,
        previous,
        current,
        "",
        "",
    ]


def render_form_csv(form: Form) -> bytes:
    """The form as a csv (UTF-8 with a BOM for Excel/WPS): two title lines, then the table."""
    from plancheck.render.numbers import plain

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([form.title])
    writer.writerow([form.subtitle])
    writer.writerow(headers(form))
    for row in form.rows:
        writer.writerow(
            [plain(v) if isinstance(v, Decimal) else ("" if v is None else v) for v in _cells(row)]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_form_xlsx(form: Form) -> bytes:
    """The form as a protected xlsx, ready to print."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"{form.month}月填报"
    _title(ws, form)
    _table(ws, form)
    _validation(ws, form)
    _print_setup(ws, len(form.rows))
    wb.properties.title = form.title
    wb.properties.subject = f"plancheck form {form.year:04d}-{form.month:02d}"
    wb.properties.creator = "plancheck"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _title(ws: Worksheet, form: Form) -> None:
    from openpyxl.styles import Alignment, Font

    last = len(headers(form))
    ws.cell(1, 1, form.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    ws.cell(2, 1, form.subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)


def _table(ws: Worksheet, form: Form) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    from plancheck.render.xlsx import excel_number

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill(fill_type="solid", start_color=HEADER_COLOR, end_color=HEADER_COLOR)
    fill = PatternFill(fill_type="solid", start_color=FILL_COLOR, end_color=FILL_COLOR)
    for col, (text, width) in enumerate(zip(headers(form), WIDTHS, strict=True), 1):
        cell: Any = ws.cell(HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    open_cols = {7, 9}  # the fill-in and note columns
    for index, row in enumerate(form.rows):
        r = HEADER_ROW + 1 + index
        for col, value in enumerate(_cells(row), 1):
            cell = ws.cell(r, col)
            if isinstance(value, Decimal):
                cell.value, cell.number_format = excel_number(value)
            elif value is not None and value != "":
                cell.value = value
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=col == 3)
            editable = col in open_cols or (col == 8 and row.milestone)
            if editable:
                cell.protection = Protection(locked=False)
                cell.fill = fill
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may still be made taller to read a long note
    ws.protection.formatColumns = False


def _validation(ws: Worksheet, form: Form) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    number = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # a figure with its unit (2.3亿元) is kept after a "continue?"
        errorTitle="请核对数值",
        error=f"应为不小于 0 的数字，单位见“单位”列。带单位的数（如 2.3亿元、8500万元）"
        f"请点“是”保留，否则点“否”重填。{ZERO_OR_BLANK}",
        promptTitle="填报说明",
        prompt=f"填写截至本月末的年度累计数，可带单位（如 2.3亿元）。{ZERO_OR_BLANK}",
        showInputMessage=True,
    )
    states = DataValidation(
        type="list",
        formula1='"' + ",".join(STATE_WORDS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态有误",
        error="请从下拉列表中选择：" + "、".join(STATE_WORDS.values()),
    )
    date = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 2000-01-01
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="日期有误",
        error="请填写日期，如 2025-06-18",
    )
    for validation in (number, states, date):
        ws.add_data_validation(validation)
    first = HEADER_ROW + 1
    for run_start, run_end, milestone in _runs([row.milestone for row in form.rows], first):
        if milestone:
            states.add(f"G{run_start}:G{run_end}")
            date.add(f"H{run_start}:H{run_end}")
        else:
            number.add(f"G{run_start}:G{run_end}")


def _runs(flags: list[bool], first: int) -> list[tuple[int, int, bool]]:
    """(first row, last row, flag) of each run of equal flags (one range, not one per cell:
    a spreadsheet reads a long list of single cells slowly)."""
    out: list[tuple[int, int, bool]] = []
    for index, flag in enumerate(flags):
        row = first + index
        if out and out[-1][2] == flag and out[-1][1] == row - 1:
            out[-1] = (out[-1][0], row, flag)
        else:
            out.append((row, row, flag))
    return out


def _print_setup(ws: Worksheet, rows: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:I{HEADER_ROW + max(rows, 1)}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    footer: Any = ws.oddFooter
    footer.center.text = "第 &P 页，共 &N 页"


def render_changes(changes: Sequence[Change], lang: str) -> str:
    """The table collect prints: item, month, before → after (one line per change), laid
    out as tabulate's "simple" format (the same text; tabulate's import alone cost a tenth
    of a collect's run)."""
    if not changes:
        return ""
    zh = lang != "en"
    head = ["目标任务", "编号", "月份", "原值 → 新值"] if zh else ["item", "id", "month", "change"]
    if any(c.item.entity for c in changes):
        head.insert(0, "乡镇" if zh else "entity")
    rows = []
    for c in changes:
        row = [c.item.name, c.item.id, c.month, f"{c.before} → {c.after}"]
        if len(head) == 5:
            row.insert(0, c.item.entity)
        rows.append(row)
    return simple_table(head, rows)


def _width(text: str) -> int:
    """Terminal columns of `text`: wide and full-width characters count 2, combining 0."""
    import unicodedata

    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def simple_table(head: list[str], rows: list[list[str]]) -> str:
    """Left-aligned columns two spaces apart under a dashed rule (tabulate's "simple"
    table with its numbers left as text), one line per row, each line ending in \n."""
    cells = [[" ".join(str(v).split("\n")).strip() for v in row] for row in rows]
    names = list(head)
    widths = [_width(h) + 2 for h in names]
    for row in cells:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]

    def line(values: list[str]) -> str:
        padded = (v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"
