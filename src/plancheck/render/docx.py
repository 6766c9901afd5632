"""Word files in the layout of official documents (党政机关公文格式, GB/T 9704-2012).

`render_summary_docx` writes the progress notice (通报), `render_report_docx` the whole
progress table.  python-docx is an optional extra (`pip install 'plancheck[docx]'`),
imported only here, only when a Word file is asked for.

The layout, as the standard sets it:

* A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines × 28 characters:
  a line grid of 28.95 pt and characters condensed by 0.25 pt (156 mm ÷ 28) — the
  report's table is A4 landscape.
* Title 方正小标宋简体 二号 (22 pt), centred; body 仿宋_GB2312 三号 (16 pt), first line
  indented two characters, lines exactly 28.95 pt; level-1 headings (一、) 黑体 三号,
  level-2 (（一）) 楷体_GB2312 三号.
* Tables 仿宋_GB2312 小四 (12 pt), single-spaced, header row repeated on every page.
* Page numbers "— N —" in 宋体 四号 (14 pt) below the text: odd pages on the right, even
  pages on the left, one character in from the edge of the text.
* 主送 (recipients) under the title, flush left; 落款 (issuer) and the date at the end,
  right-aligned.
* Fonts named for both Word and WPS: each run names the Chinese font in every slot, and
  the font table gives each an alternative name (FangSong, SimHei, KaiTi, SimSun) that
  Windows, macOS and LibreOffice know when the GB2312 fonts are not installed.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from plancheck.escape import spreadsheet_text
from plancheck.render import labels, prose
from plancheck.render.cells import title as status_title
from plancheck.render.cells import totals_line
from plancheck.render.grid import Grid, status_grid
from plancheck.render.notice import blocks
from plancheck.report.evaluate import Report
from plancheck.report.summary import Summary

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
ALTERNATIVES = {
    TITLE_FONT: "SimSun",
    BODY_FONT: "FangSong",
    HEADING_FONT: "SimHei",
    SUBHEADING_FONT: "KaiTi",
    PAGE_FONT: "SimSun",
}
"""Each font's alternative name in the font table (what Word and WPS fall back to)."""

TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
PAGE_PT = 14  # 四号
TABLE_PT = 12  # 小四
LINE_TWIPS = 579  # 28.95 pt: 22 lines in the 225 mm of a portrait page's text
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
CHARS_PER_LINE = 28
CHAR_SPACING_TWENTIETHS = -5
"""Characters condensed by 0.25 pt: 156 mm ÷ 28 = 15.79 pt a character at 16 pt."""
REPORT_COLUMNS = ("name", "unit", "target", "actual", "completion", "expected", "gap", "yoy",
                  "status", "owner")  # fmt: skip

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _docx() -> Any:
    """The python-docx module, or a clear refusal when the extra is not installed."""
    try:
        import docx
    except ImportError:
        from plancheck.errors import UsageError

        raise UsageError("docx.needs_python_docx") from None
    return docx


# --------------------------------------------------------------------------- pieces


def set_fonts(element: Any, font: str, size_pt: float | None = None, bold: bool = False) -> None:
    """Name `font` in every slot (ascii, hAnsi, eastAsia, cs) of a run's or style's rPr."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = font
    rpr = element.element.get_or_add_rPr() if hasattr(element, "element") else None
    if rpr is None:  # pragma: no cover - styles and runs both have an element
        return
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    if size_pt is not None:
        element.font.size = Pt(size_pt)
    element.font.bold = bold


def _exact_lines(paragraph: Paragraph, twips: int = LINE_TWIPS) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Twips

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(twips)
    fmt.space_before = fmt.space_after = Twips(0)


def add_text(
    doc: DocxDocument,
    text: str,
    font: str = BODY_FONT,
    size_pt: float = BODY_PT,
    *,
    indent: bool = True,
    align: str = "justify",
    bold: bool = False,
) -> Paragraph:
    """A paragraph of one run in `font`, lines exactly 28.95 pt, first line indented two
    characters unless `indent` is off."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    _exact_lines(paragraph)
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size_pt * 2)
        paragraph.paragraph_format.element.get_or_add_pPr()
        ind = paragraph.paragraph_format.element.pPr.get_or_add_ind()
        ind.set(f"{{{_W}}}firstLineChars", "200")
    run = paragraph.add_run(spreadsheet_text(text))  # XML holds no ESC, NUL …
    set_fonts(run, font, size_pt, bold)
    return paragraph


def _text_pt(text: str, size_pt: float) -> float:
    """About how wide `text` is set at `size_pt`: a Chinese character one em, others 0.62."""
    from rich.cells import cell_len

    return sum(size_pt if cell_len(ch) == 2 else size_pt * 0.62 for ch in text)


NEVER_WRAP = frozenset({"owner"})
"""Columns whose cells never wrap (an office's name), at least `NAME_CHARS` wide."""
NAME_CHARS = 6
HEADER_CHARS = 4
CELL_MARGINS_PT = 10.8
"""A table cell's left and right margins in Word and LibreOffice (0.19 cm each)."""
"""A header longer than this may wrap onto two lines (列入滞后 / 清单)."""


def _header_pt(header: str, size_pt: float) -> float:
    """The width a header asks for: all of it up to `HEADER_CHARS` characters, else half
    (two lines), never less than `HEADER_CHARS` characters."""
    width = _text_pt(header, size_pt)
    limit = HEADER_CHARS * size_pt
    return width if width <= limit else max(limit, width / 2)


def _column_room(grid: Grid, i: int, size_pt: float) -> tuple[float, float]:
    """(natural, floor) width of column `i` without padding: natural gives the longest
    cell and the header room; floor is what it may give way to — a figure its longest
    cell (never wraps), an office name its longest name and at least `NAME_CHARS`
    characters, other text `HEADER_CHARS` characters."""
    cells = max((_text_pt(str(row[i]), size_pt) for row in grid.rows), default=0.0)
    natural = max(cells, _header_pt(grid.headers[i], size_pt))
    if grid.columns[i].key in NEVER_WRAP:
        floor = max(cells, NAME_CHARS * size_pt)
        return max(natural, floor), floor
    if i in grid.numeric:  # its header may stand in a column one character wide
        return natural, max(cells, size_pt)
    return natural, min(natural, HEADER_CHARS * size_pt)


def column_widths(grid: Grid, total_pt: float, size_pt: float = TABLE_PT) -> list[float]:
    """Widths (pt) sized by content: each column has room for its longest cell and its
    header (headers over four characters on two lines); when they do not fit, every column
    gives way in proportion to what it has above its floor (`_column_room`: a figure or an
    office name never wraps, long headers wrap); the rest is shared out to fill `total_pt`."""
    pad = CELL_MARGINS_PT + 1  # and a point of air
    rooms = [_column_room(grid, i, size_pt) for i in range(len(grid.columns))]
    natural = [n + pad for n, _ in rooms]
    floors = [f + pad for _, f in rooms]
    excess = sum(natural) - total_pt
    spare = sum(n - f for n, f in zip(natural, floors, strict=True))
    if excess > 0 and spare > 0:
        share = min(1.0, excess / spare)
        natural = [n - (n - f) * share for n, f in zip(natural, floors, strict=True)]
    scale = total_pt / sum(natural)
    return [w * scale for w in natural]


def text_width_pt(doc: DocxDocument) -> float:
    """The width of the text block of the document's last section, in points."""
    section = doc.sections[-1]
    assert section.page_width is not None and section.left_margin is not None
    assert section.right_margin is not None
    return float(section.page_width - section.left_margin - section.right_margin) / 12700


def add_table(doc: DocxDocument, grid: Grid, widths: list[float] | None = None) -> Table:
    """`grid` as a bordered table in 仿宋 小四, header row bold and repeated on every page,
    figures right-aligned, columns as wide as their text needs."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if widths is None:
        widths = column_widths(grid, text_width_pt(doc))
    for c, width in enumerate(widths):
        table.columns[c].width = Pt(width)
    numeric = grid.numeric
    for r, row in enumerate([grid.headers, *grid.rows]):
        cells = table.rows[r].cells
        for c, value in enumerate(row):
            cells[c].width = Pt(widths[c])
            paragraph = cells[c].paragraphs[0]
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif c in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(spreadsheet_text(value))
            set_fonts(run, BODY_FONT, TABLE_PT, bold=r == 0)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader", {qn("w:val"): "true"}))
    made: Table = table
    return made


def _page_number(paragraph: Paragraph) -> None:
    """— PAGE — as text, a field and text, in 宋体 四号."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text: str = "") -> Any:
        r = paragraph.add_run(text)
        set_fonts(r, PAGE_FONT, PAGE_PT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None)):
        r = run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instr
            r._r.append(text)
    run("1")
    end = run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    run(" —")


def _footers(doc: DocxDocument) -> None:
    """Page numbers: odd pages right, even pages left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(PAGE_PT)
        else:
            fmt.left_indent = Pt(PAGE_PT)
        _page_number(paragraph)


def _font_table(doc: DocxDocument) -> None:
    """Name each font with its alternative (w:altName) and GB2312 charset in the font table."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = parse_xml(part.blob)
    for name, alternative in ALTERNATIVES.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "auto")):
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    part._blob = serialize_part_xml(root)


def new_document(landscape: bool = False) -> DocxDocument:
    """An empty document in the standard's page layout, styles and page numbers."""
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc: DocxDocument = docx.Document()
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    m = MARGINS_MM
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT, BODY_PT)
    # 28 characters of 16 pt in the 156 mm of a line: each 0.25 pt narrower (a character
    # grid would do the same in Word, but LibreOffice then gives every character two cells)
    spacing = normal.element.get_or_add_rPr()
    spacing.append(OxmlElement("w:spacing", {qn("w:val"): str(CHAR_SPACING_TWENTIETHS)}))
    _footers(doc)
    _font_table(doc)
    return doc


def _save(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _heading(doc: DocxDocument, text: str) -> None:
    font = SUBHEADING_FONT if _LEVEL2.match(text) else HEADING_FONT
    add_text(doc, text, font).paragraph_format.keep_with_next = True


def _signature(doc: DocxDocument, lines: list[str]) -> None:
    """落款: the date four characters in from the right, the issuer centred over it (or,
    when longer, two characters in, with the date centred under it)."""
    from rich.cells import cell_len

    add_text(doc, "", indent=False)
    widths = [cell_len(line) / 2 for line in lines]  # in characters
    span = max(widths)
    right = 4.0 if widths[-1] >= span else 2.0
    for line, width in zip(lines, widths, strict=True):
        paragraph = add_text(doc, line, indent=False, align="right")
        paragraph.paragraph_format.right_indent = _chars(right + (span - width) / 2)


# --------------------------------------------------------------------------- documents


def render_summary_docx(summary: Summary, lang: str = "zh") -> bytes:
    """The progress notice as a Word file (layout in the module docstring)."""
    doc = new_document()
    add_text(doc, prose.title(summary, lang), TITLE_FONT, TITLE_PT, indent=False, align="center")
    add_text(doc, "", indent=False)
    addressee = prose.addressee(summary, lang)
    if addressee:
        add_text(doc, addressee, indent=False, align="left")
    add_text(doc, prose.opening(summary, lang))
    for index, block in enumerate(blocks(summary, lang)):
        _heading(doc, prose.heading(index, block.heading, lang))
        if block.table_in_docx and block.grid is not None:
            add_table(doc, block.grid)
            continue
        for line in block.lines:
            add_text(doc, line)
    closing = prose.closing(summary, lang)
    if closing:
        add_text(doc, closing)
    signature = prose.signature(summary, lang)
    if signature:
        _signature(doc, signature)
    return _save(doc)


def _chars(n: float) -> Any:
    from docx.shared import Pt

    return Pt(BODY_PT * n)


def render_report_docx(report: Report, lang: str = "zh") -> bytes:
    """The whole progress table as a Word file: A4 landscape, a table per section."""
    lang = labels.lang_of(lang)
    doc = new_document(landscape=True)
    add_text(doc, status_title(report, lang), TITLE_FONT, TITLE_PT, indent=False, align="center")
    grid = status_grid(report, lang, REPORT_COLUMNS)
    widths = column_widths(grid, text_width_pt(doc))  # the same columns in every section
    groups = list(grid.by_group())
    for section, rows in groups:
        if len(groups) > 1 or section:
            _heading(doc, section or labels.TEXT[lang]["no_section"])
        add_table(doc, rows, widths)
    add_text(doc, totals_line(report, lang), indent=False)
    return _save(doc)
