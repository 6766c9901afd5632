"""Import files with hostile or foreign names and encodings: ESC/BEL in the name (#17),
bytes that are not UTF-8 in the name (#13), two BOMs, UTF-32 and Big5 (#17)."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.read.load import load_ledger

ENV = {"PLANCHECK_TODAY": "2026-11-29", "PLANCHECK_NO_CACHE": "1"}
TABLE = "目标任务,单位,目标\n财政收入,万元,1900\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def test_control_characters_in_the_name_are_refused_by_name(make_ledger, tmp_path) -> None:
    root = make_ledger({})
    path = tmp_path / "分解表\x1b[2J\x07.csv"
    path.write_text(TABLE, encoding="utf-8")
    result = run("import", str(path), "--year", "2025", "-l", str(root), "--lang", "en")
    assert result.exit_code == 2
    assert "the file name holds control characters: 分解表\\x1b[2J\\a.csv" in result.output
    assert "\x1b" not in result.output and not (root / "2025").exists()


def test_a_name_that_is_not_utf8(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({})
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xb2\xe2\xca\xd4.csv"))  # GBK 测试
    path.write_text(TABLE, encoding="utf-8")
    result = run("import", str(path), "--year", "2025", "-l", str(root), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [i.name for i in load_ledger(root).items] == ["财政收入"]
    text = (root / "2025" / "targets.toml").read_text(encoding="utf-8")
    assert "\\xb2\\xe2\\xca\\xd4.csv" in text


def test_two_boms(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({})
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + TABLE.encode())
    result = run("import", str(path), "--year", "2025", "-l", str(root))
    assert result.exit_code == 0, result.output
    assert [i.name for i in load_ledger(root).items] == ["财政收入"]


def test_utf32(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({})
    path = tmp_path / "t.csv"
    path.write_bytes(TABLE.encode("utf-32"))
    result = run("import", str(path), "--year", "2025", "-l", str(root))
    assert result.exit_code == 0, result.output
    assert [i.name for i in load_ledger(root).items] == ["财政收入"]


def test_big5_gets_an_encoding_hint(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({})
    path = tmp_path / "t.csv"
    path.write_bytes("目標任務,單位,目標\n財政收入,萬元,1900\n".encode("big5"))
    result = run("import", str(path), "--year", "2025", "-l", str(root), "--lang", "en")
    assert result.exit_code == 3
    assert "was read as GB18030" in result.output and "Big5" in result.output
