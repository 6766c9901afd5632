"""Hostile and unlucky tables for `import`: hidden sheets and merged cells (#6), an
unterminated csv quote (#7), and files built to exhaust memory (#15)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.messages import format_problem
from plancheck.tables import tabular
from plancheck.tables.readers import Limits

ENV = {"PLANCHECK_TODAY": "2026-11-29", "PLANCHECK_NO_CACHE": "1"}


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def _owners_book(path: Path, active_hidden: bool = False) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "旧表"
    hidden.append(["目标任务", "单位", "目标", "责任单位"])
    hidden.append(["财政收入", "万元", 999, "财政所"])
    hidden.sheet_state = "hidden"
    ws = book.create_sheet("目标")
    ws.append(["目标任务", "单位", "目标", "责任单位"])
    ws.append(["财政收入", "万元", 1900, "经发办"])
    ws.append(["项目投资", "亿元", 1.2, None])
    ws.append(["招商引资", "亿元", 3, None])
    ws.append(["问题厕所整改", "户", 636, "农业农村办"])
    ws.merge_cells("D2:D4")  # 经发办 over three rows
    book.active = 0 if active_hidden else 1
    book.save(path)


@pytest.mark.parametrize("active_hidden", [False, True])
def test_visible_sheet_and_merged_owner(tmp_path: Path, active_hidden: bool) -> None:
    path = tmp_path / "分解表.xlsx"
    _owners_book(path, active_hidden)
    table = tabular.read_table(path)
    rows = {cells[0].value: cells for _, cells in table.rows}
    assert "财政收入" in rows and rows["财政收入"][2].value == 1900  # not the hidden 999
    assert [rows[n][3].value for n in ("财政收入", "项目投资", "招商引资", "问题厕所整改")] == [
        "经发办",
        "经发办",
        "经发办",
        "农业农村办",
    ]
    notes = [format_problem(p, "en") for p in table.notes]
    assert len(notes) == 1 and "旧表" in notes[0] and "目标" in notes[0]


def test_import_warns_about_hidden_sheets(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "分解表.xlsx"
    _owners_book(path)
    result = run("import", str(path), "--year", "2025", "-l", str(root), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "hidden sheets passed over: 旧表" in result.output
    text = (root / "2025" / "targets.toml").read_text(encoding="utf-8")
    assert "999" not in text and text.count('owner = "经发办"') == 3


def test_unterminated_quote_is_refused_with_its_row(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "t.csv"
    text = '名称,单位,目标\n财政收入,万元,1900\n"项目投资,亿元,1.2\n招商,亿元,3\n'
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), "--year", "2025", "-l", str(root), "--lang", "en")
    assert result.exit_code == 3
    assert f"{path}:3: error: a quote opened on this row is never closed" in result.output
    assert not (root / "2025").exists()


def _limited(args: list[str]) -> subprocess.CompletedProcess[str]:
    """plancheck in a process that may not use more than 1.5 GB of address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    env = {**os.environ, **ENV}
    cmd = [sys.executable, "-m", "plancheck", *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env, preexec_fn=limit, timeout=120
    )


def test_one_cell_at_xfd1048576(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["目标任务", "单位", "目标"])
    book.active["XFD1048576"] = "x"
    book.save(path)
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    done = _limited(["import", str(path), "--year", "2025", "-l", str(root), "--lang", "en"])
    assert done.returncode == 3, done.stderr[-2000:]
    assert f"{path}:1048576: error: this row has content beyond column 256" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 30


def test_zip_bomb(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "bomb.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["目标任务", "单位", "目标"])
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    head, _, tail = sheet.partition(b"</sheetData>")
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(head)
            for start in range(2, 2_000_002, 50_000):
                f.write(b"".join(row % (n, n) for n in range(start, start + 50_000)))
            f.write(b"</sheetData>" + tail)
    assert path.stat().st_size < 12_000_000  # unpacks to 130 MB
    done = _limited(["import", str(path), "--year", "2025", "-l", str(root), "--lang", "en"])
    assert done.returncode == 3, done.stderr[-2000:]
    assert "unpacks to about" in done.stderr and "--max-rows raises it" in done.stderr


def test_huge_csv(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write("目标任务,单位,目标\n".encode())
        f.truncate(200_000_000)  # sparse: 200 MB without writing them
    started = time.monotonic()
    done = _limited(["import", str(path), "--year", "2025", "-l", str(root), "--lang", "en"])
    assert done.returncode == 3 and "unpacks to about 200.0 MB" in done.stderr, done.stderr
    assert time.monotonic() - started < 20


def test_limits_can_be_raised_and_lowered(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    path = tmp_path / "t.csv"
    path.write_text("名称,单位,目标\n" + "".join(f"项{n},个,{n}\n" for n in range(1, 6)), "utf-8")
    args = ["import", str(path), "--year", "2025", "-l", str(root), "--lang", "en", "--dry-run"]
    result = run(*args, "--max-rows", "3")
    assert result.exit_code == 3 and f"{path}:4: error: beyond the limit of 3 rows" in result.output
    assert run(*args, "--max-rows", "6").exit_code == 0
    with pytest.raises(PlancheckError):
        tabular.read_table(path, limits=Limits(rows=2))
