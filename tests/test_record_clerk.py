"""Issue 14 as a clerk with only the README tried it: names for remove/rename, what a
correction says, first targets, growth reports, carry-over and the small confirmations."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app

LEDGER = """\
section = "社会事业"
owner = "党政办"

[toilets]
name = "农村户厕改造"
kind = "amount"
unit = "户"
target = 300

[toilets.history]
2025-06 = 120

[drills]
name = "消防演练"
kind = "amount"
unit = "次"
"""


def run(*args: str):
    return CliRunner().invoke(
        app, list(args), env={"COLUMNS": "160", "PLANCHECK_TODAY": "2025-07-15"}
    )


@pytest.fixture
def ledger(make_ledger) -> Path:
    root: Path = make_ledger({"2025/social.toml": LEDGER})
    return root


def _ids(root: Path) -> list[str]:
    data = tomllib.loads((root / "2025" / "social.toml").read_text(encoding="utf-8"))
    return [k for k, v in data.items() if isinstance(v, dict)]


def test_remove_and_rename_take_a_name_or_a_part_of_it(ledger: Path) -> None:
    renamed = run("rename", "厕", "rural-toilets", "--ledger", str(ledger))
    assert renamed.exit_code == 0, renamed.output
    assert "rural-toilets" in _ids(ledger) and "toilets" not in _ids(ledger)
    removed = run("remove", "消防演练", "--yes", "--ledger", str(ledger))
    assert removed.exit_code == 0, removed.output
    assert _ids(ledger) == ["rural-toilets"]
    unknown = run("remove", "不存在的事项", "--yes", "--ledger", str(ledger))
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output
    assert _ids(ledger) == ["rural-toilets"]
