"""A few end-to-end runs: exit codes, streams, options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app

from .conftest import REPO

GOOD = {
    "2023/a.toml": """\
    section = "S"
    owner = "经发办"

    [fiscal-revenue]
    name = "财政收入"
    kind = "amount"
    unit = "万元"
    target = 1900
    actual = 1924

    [invest]
    name = "项目投资"
    kind = "amount"
    unit = "亿元"
    target = 1.2
    actual = "3956万元"

    [toilets]
    name = "问题厕所整改"
    kind = "amount"
    unit = "户"
    target = 636
    actual = 374
    """
}


def run(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner()
    return runner.invoke(app, list(args), env={"PLANCHECK_TODAY": "2026-11-29", **(env or {})})


def test_status_json_matches_hand_computation(make_ledger) -> None:
    root = make_ledger(GOOD)
    result = run("status", "--ledger", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_id = {i["id"]: i for i in data["items"]}
    assert by_id["fiscal-revenue"]["completion_pct"] == 101.3
    assert by_id["invest"]["completion_pct"] == 33.0
    assert by_id["toilets"]["gap"] == 262
    assert data["as_of"] == "2023-12-31"


def test_status_table_default_and_lang(make_ledger) -> None:
    root = make_ledger(GOOD)
    zh = run("status", "--ledger", str(root))
    assert zh.exit_code == 0 and "财政收入" in zh.stdout and "超额完成" in zh.stdout
    en = run("status", "--ledger", str(root), "--lang", "en")
    assert "exceeded" in en.stdout


def test_ledger_from_environment(make_ledger) -> None:
    root = make_ledger(GOOD)
    result = run("status", "-f", "csv", env={"PLANCHECK_LEDGER": str(root)})
    assert result.exit_code == 0 and "fiscal-revenue" in result.stdout


def test_data_errors_exit_3_with_empty_stdout(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": '[a]\nname = "甲"\nkind = "amount"\nunit = "亩"\nactual = "5户"\n',
            "2023/b.toml": '[a]\nname = "甲"\nkind = "indicator"\nunit = "亩"\n',
            "2023/c.toml": "[c]\nname = = 1\n",
        }
    )
    result = run("status", "--ledger", str(root))
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any("a.toml:5: a.actual:" in ln for ln in lines)
    assert any("b.toml:1: a:" in ln for ln in lines)
    assert any("c.toml:2:" in ln for ln in lines)
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(make_ledger) -> None:
    root = make_ledger(GOOD)
    assert run("status", "--ledger", str(root), "--as-of", "June").exit_code == 2
    assert run("status", "--ledger", str(root), "--only", "late").exit_code == 2
    assert run("status", "--ledger", str(root), "--format", "pdf").exit_code == 2
    bad = run("status", "--ledger", str(root), "--as-of", "2023-13")
    assert bad.exit_code == 2 and "--as-of" in bad.stderr


def test_missing_year_is_a_data_error(make_ledger) -> None:
    root = make_ledger(GOOD)
    result = run("status", "--ledger", str(root), "--year", "2031")
    assert result.exit_code == 3 and "2031" in result.stderr


def test_only_and_as_of(make_ledger) -> None:
    root = make_ledger(GOOD)
    result = run("status", "--ledger", str(root), "--only", "missed", "--format", "json")
    ids = [i["id"] for i in json.loads(result.stdout)["items"]]
    assert ids == ["invest", "toilets"]
    mid = run("status", "--ledger", str(root), "--as-of", "2023-06", "--format", "json")
    data = json.loads(mid.stdout)
    assert data["elapsed_pct"] == 50.0
    assert {i["id"]: i["status"] for i in data["items"]}["toilets"] == "on_pace"


def test_not_a_ledger(tmp_path: Path) -> None:
    result = run("status", "--ledger", str(tmp_path))
    assert result.exit_code == 3 and "plancheck.toml" in result.stderr


@pytest.mark.slow
def test_python_dash_m_and_pipe(make_ledger) -> None:
    root = make_ledger(GOOD)
    proc = subprocess.run(
        [sys.executable, "-m", "plancheck", "status", "--ledger", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout)
    table = subprocess.run(
        [sys.executable, "-m", "plancheck", "status", "--ledger", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert "\x1b[" not in table.stdout  # piped: no colour


def test_the_ledgers_language_is_the_default(make_ledger) -> None:
    root = make_ledger(GOOD, settings='entity = "Test"\nlanguage = "en"\n')
    result = run("status", "--ledger", str(root))
    assert "exceeded" in result.stdout and "超额完成" not in result.stdout
    forced = run("status", "--ledger", str(root), "--lang", "zh")
    assert "超额完成" in forced.stdout
    update = run("update", "toilets", "400", "--month", "2023-12", "--ledger", str(root))
    assert update.exit_code == 0 and "(toilets): 2023-12" in update.stderr  # English colon


def test_version_is_printed_and_matches_the_package() -> None:
    import tomllib

    from plancheck import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"plancheck {__version__}\n"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_shell_completion_is_offered() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "_PLANCHECK_COMPLETE" in result.stdout
    helped = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in helped.stdout and "--version" in helped.stdout
