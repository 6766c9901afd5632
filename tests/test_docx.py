"""Word files (summary/report --format docx) and the printed xlsx export.

The document model is read back with python-docx (page, margins, fonts, sizes, repeated
table headers, page-number field); then LibreOffice (headless) converts the files to PDF
and poppler reads them: the text a reader sees, the page size, what page 1 holds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from plancheck.cli import app

from .conftest import FIXTURES, REPO

TARGETS = REPO / "targets"
MIDYEAR = FIXTURES / "midyear"
SUMMARY_SETTINGS = (
    '\n[summary]\nrecipients = "各村（社区）、镇直各单位"\nissuer = "某镇党政办公室"\n'
)


def run(*args: str) -> Any:
    env = {"PLANCHECK_TODAY": "2024-01-10", "PLANCHECK_NO_CACHE": "1", "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


def _bundled_copy(tmp_path: Path) -> Path:
    """The bundled ledger with 主送 and 落款 set (the real settings name none)."""
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    with (root / "plancheck.toml").open("a", encoding="utf-8") as f:
        f.write(SUMMARY_SETTINGS)
    return root


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("docx")
    root = _bundled_copy(tmp)
    out = tmp / "通报.docx"
    result = run("summary", "--ledger", str(root), "--year", "2023", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "通报.docx" in result.stderr
    return out


def _east_asian(run_or_style: Any) -> str:
    fonts = run_or_style.element.rPr.rFonts
    return str(fonts.get(qn("w:eastAsia")))


def _pdf(path: Path) -> Path:
    """`path` converted to PDF by LibreOffice headless, beside it."""
    profile = path.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(path.parent), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert pdf.exists()
    return pdf


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


# --------------------------------------------------------------------------- document model


def test_page_and_margins_are_gb_t_9704(notice: Path) -> None:
    doc = Document(str(notice))
    section = doc.sections[0]
    mm = [round(x.mm, 1) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # A4 (stored in twips: within 0.1 mm)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines in 225 mm
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # 28 characters in 156 mm


def test_fonts_and_sizes(notice: Path) -> None:
    doc = Document(str(notice))
    paragraphs = [p for p in doc.paragraphs if p.text]
    title, addressee = paragraphs[0], paragraphs[1]
    assert title.text == "张桥镇2023年目标任务完成情况通报"
    assert _east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert addressee.text == "各村（社区）、镇直各单位："
    heading = next(p for p in paragraphs if p.text == "一、总体情况")
    assert _east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size == Pt(16)
    body = next(p for p in paragraphs if p.text.startswith("台账共列"))
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert body.paragraph_format.line_spacing == Pt(28.95)
    assert _east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    assert [p.text for p in paragraphs[-2:]] == ["某镇党政办公室", "2024年1月10日"]
    # every font is named with an alternative in the font table (WPS and Word)
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    table = part.blob.decode("utf-8")
    for name, alt in (("仿宋_GB2312", "FangSong"), ("黑体", "SimHei"), ("楷体_GB2312", "KaiTi")):
        assert re.search(rf'w:name="{name}"><w:altName w:val="{alt}"/>', table), name


def test_ranking_table_in_small_four_with_a_repeated_header(notice: Path) -> None:
    doc = Document(str(notice))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == ["排名", "责任单位"] and "绿灯占比" in header
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    cell_run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert cell_run.font.size == Pt(12) and _east_asian(cell_run) == "仿宋_GB2312"
    assert len(table.rows) == 1 + 13  # the 13 offices with a light in 2023


def test_page_numbers_in_the_footer(notice: Path) -> None:
    doc = Document(str(notice))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and "— " in xml and " —" in xml
        run = footer.paragraphs[0].runs[0]
        assert _east_asian(run) == "宋体" and run.font.size == Pt(14)


def test_docx_needs_an_output_file() -> None:
    result = run("summary", "--ledger", str(MIDYEAR), "-f", "docx")
    assert result.exit_code == 2 and "-o" in result.stderr


# --------------------------------------------------------------------------- as printed


# LibreOffice and poppler are installed by .ci/run when missing.


def test_libreoffice_prints_the_notice(notice: Path) -> None:
    pdf = _pdf(notice)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    assert b"595.3" in info and b"841.8" in info  # A4 portrait
    text = _text(pdf)
    flat = re.sub(r"\s+", "", text)
    assert "张桥镇2023年目标任务完成情况通报" in flat
    assert "尚有262户未完成；责任单位：农业农村办。" in flat
    assert "请农业农村办认真分析原因，结转至下年度继续推进。" in flat  # year end
    assert "六、各责任单位完成情况排名" in flat and "排名责任单位事项绿灯" in flat
    assert re.search(r"—\s*1\s*—", _text(pdf, 1))


def test_libreoffice_prints_the_report_table_landscape(tmp_path: Path) -> None:
    out = tmp_path / "台账.docx"
    result = run("report", "--ledger", str(MIDYEAR), "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert doc.tables[0].rows[0].cells[0].text == "目标任务"
    pdf = _pdf(out)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    assert b"841.8" in info.split(b"Page size:")[1].split(b"x")[0]  # landscape: wide first
    flat = re.sub(r"\s+", "", _text(pdf))
    assert "协议引进外省投资" in flat and "18.0%" in flat


# --------------------------------------------------------------------------- printed xlsx


def test_xlsx_export_prints_on_a4_landscape_with_a_title_and_readable_rows(
    tmp_path: Path,
) -> None:
    import openpyxl

    out = tmp_path / "台账.xlsx"
    result = run("export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$2:$2"  # the header row on every page
    header = [c.value for c in ws[2]]
    area = ws.print_area.split("!")[1].replace("$", "")
    last = openpyxl.utils.column_index_from_string(area.split(":")[1].rstrip("0123456789"))
    printed = header[:last]
    assert printed[:2] == ["序号", "目标任务"] and "备注" in printed
    assert "编号" not in printed and "来源" not in printed and len(printed) <= 16
    assert "&P" in ws.oddFooter.center.text
    pdf = _pdf(out)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info
    first = _text(pdf, 1)
    assert "张桥镇2023年目标任务完成情况" in re.sub(r"\s+", "", first)
    assert "第 1 页" in first
    laid_out = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True
    ).stdout.decode("utf-8")
    # 序号 stands at the left edge of each row; the figures are far to the right
    rows = [int(n) for n in re.findall(r"^\s{0,6}(\d{1,3})(?:\s|$)", laid_out, re.M)]
    assert rows == list(range(1, len(rows) + 1)), rows
    assert 15 <= len(rows) <= 32, rows  # readable: about 30 rows on the first page


def test_ranking_columns_sized_by_content_office_names_never_wrap(
    tmp_path: Path, notice: Path
) -> None:
    from rich.cells import cell_len

    from plancheck.render.docx import CELL_MARGINS_PT, NAME_CHARS, TABLE_PT

    out = tmp_path / "mid.docx"
    common = ("--ledger", str(FIXTURES / "midyear"), "--year", "2024", "--as-of", "2024-06")
    assert run("summary", *common, "-f", "docx", "-o", str(out)).exit_code == 0
    for path in (out, notice):
        table = Document(str(path)).tables[-1]
        header = [c.text for c in table.rows[0].cells]
        owner = header.index("责任单位")
        names = [row.cells[owner].text for row in table.rows[1:]]
        room = table.columns[owner].width.pt - CELL_MARGINS_PT  # type: ignore[union-attr]
        longest = max(cell_len(n) for n in names) / 2 * TABLE_PT
        assert room >= max(longest, NAME_CHARS * TABLE_PT)  # 规划建设办 on one line
        listed = next(i for i, h in enumerate(header) if h in ("列入滞后清单", "未完成"))
        assert table.columns[listed].width.pt < table.columns[owner].width.pt  # type: ignore[union-attr]
        if "较上月" in header:  # in words, as the text says it: 增加4.63 / 减少1
            changes = [row.cells[header.index("较上月")].text for row in table.rows[1:]]
            assert all(re.fullmatch(r"(增加|减少)[\d.]+|持平|—", c) for c in changes), changes
