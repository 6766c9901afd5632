"""#10: text an xlsx cannot hold (a vertical tab, ESC, NUL) is replaced, not a crash, and
`check` warns about it; #21: the csv guard before a TAB or CR is taken off on import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.read.load import load_ledger

ENV = {"PLANCHECK_TODAY": "2026-11-29", "PLANCHECK_NO_CACHE": "1"}
ITEM = """\
section = "一、经济\\u000b发展"

[a]
name = "财政收入\\u000b（软回车）"
kind = "amount"
unit = "万元"
target = 100
actual = 5
note = "说明\\u001b[2J\\u0000"
"""


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def test_xlsx_export_replaces_what_it_cannot_hold(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({"2024/a.toml": ITEM})
    out = tmp_path / "x.xlsx"
    result = run("export", "-l", str(root), "-o", str(out), "--by", "section")
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "财政收入\n（软回车）" in values
    assert "说明\\x1b[2J\\x00" in values


def test_check_warns_about_control_characters(make_ledger) -> None:
    root = make_ledger({"2024/a.toml": ITEM})
    result = run("check", "-l", str(root), "--lang", "en")
    lines = [line for line in result.output.splitlines() if "control characters" in line]
    assert len(lines) == 3, result.output  # section, name, note
    note = next(line for line in lines if "note" in line)
    assert f"{root / '2024' / 'a.toml'}:9:" in note and "说明\\x1b[2J\\x00" in note
    assert result.exit_code == 0  # warnings only


def test_csv_guard_before_tab_and_cr_is_removed(make_ledger, tmp_path: Path) -> None:
    source = make_ledger(
        {
            "2024/a.toml": (
                '[a]\nname = "\\t甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nnote = "\\r乙"\n'
            )
        },
        name="source",
    )
    out = tmp_path / "x.csv"
    assert run("export", "-l", str(source), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'\t甲" in text  # guarded against being run as a formula
    empty = make_ledger({}, name="empty")
    result = run("import", str(out), "--year", "2024", "-l", str(empty))
    assert result.exit_code == 0, result.output
    item = load_ledger(empty).items[0]
    assert "'" not in item.name and item.name.strip() == "甲"
    assert "'" not in item.note and item.note.strip() == "乙"


def test_docx_outputs_replace_what_xml_cannot_hold(make_ledger, tmp_path: Path) -> None:
    import docx

    root = make_ledger({"2024/a.toml": ITEM})
    for args in (["summary", "-f", "docx", "-o"], ["report", "--format", "docx", "--html"]):
        out = tmp_path / f"{args[0]}.docx"
        result = run(*args, str(out), "-l", str(root), "--as-of", "2024-06")
        assert result.exit_code == 0, result.output
        document = docx.Document(str(out))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        assert "\x1b" not in text and "\x00" not in text
        assert "财政收入" in text
