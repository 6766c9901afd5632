"""Growth items take what offices report: a year-to-date growth rate for a month."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.read.load import LedgerError, load_ledger
from plancheck.write import edit

GDP = """\
[gdp]
name = "地区生产总值"
kind = "growth"
unit = "亿元"
target_growth_pct = 7
baseline = 50

[jobs]
name = "新增就业"
kind = "amount"
unit = "人"
target = 120

[jobs.history]
2025-03 = 30
"""


def run(*args: str):
    return CliRunner().invoke(
        app, list(args), env={"COLUMNS": "160", "PLANCHECK_TODAY": "2025-04-20"}
    )


@pytest.fixture
def ledger(make_ledger) -> Path:
    root: Path = make_ledger({"2025/economy.toml": GDP})
    return root


def test_a_stated_growth_rate_is_recorded_and_used(ledger: Path) -> None:
    result = run("update", "gdp", "+8.0%", "--month", "2025-03", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    data = tomllib.loads((ledger / "2025" / "economy.toml").read_text(encoding="utf-8"))
    assert data["gdp"]["growth"] == {"2025-03": 8}
    assert "history" not in data["gdp"] and "actual" not in data["gdp"]
    status = run("status", "--as-of", "2025-03", "-f", "json", "--ledger", str(ledger))
    gdp = next(i for i in json.loads(status.stdout)["items"] if i["id"] == "gdp")
    assert gdp["yoy_pct"] == 8.0 and gdp["actual_month"] == "2025-03"
    assert gdp["completion_pct"] == 100.9  # (1 + 8%) ÷ (1 + 7%) = 100.93 %
    assert gdp["status"] == "exceeded" and gdp["stale"] is False
    before = run("status", "--as-of", "2025-02", "-f", "json", "--ledger", str(ledger))
    gdp = next(i for i in json.loads(before.stdout)["items"] if i["id"] == "gdp")
    assert gdp["yoy_pct"] is None and gdp["status"] == "no_data"  # not known in February
    summary = run("summary", "--as-of", "2025-03", "--ledger", str(ledger))
    assert "8.0%" in summary.stdout


def test_a_bare_number_on_a_growth_item_is_refused_with_a_hint(ledger: Path) -> None:
    path = ledger / "2025" / "economy.toml"
    before = path.read_bytes()
    result = run("update", "gdp", "8.0", "--month", "2025-03", "--ledger", str(ledger))
    assert result.exit_code == 3
    assert "8.0%" in result.stderr and "8.0亿元" in result.stderr
    assert path.read_bytes() == before


def test_a_corrected_growth_rate_keeps_the_one_it_replaced(ledger: Path) -> None:
    edit.record_actual(ledger, "gdp", "+8.0%", month="2025-03", today=dt.date(2025, 4, 10))
    edit.record_actual(
        ledger, "gdp", "7.6%", month="2025-03", today=dt.date(2025, 4, 25), reason="统计局反馈"
    )
    item = load_ledger(ledger).find(2025, "gdp")
    assert item is not None and item.growth_history == (("2025-03", Decimal("7.6")),)
    assert [(c.key, c.was, c.reason) for c in item.corrections] == [("growth", 8, "统计局反馈")]
    known = CliRunner().invoke(
        app,
        ["status", "--as-of", "2025-03", "--as-known", "2025-04-20", "-f", "json",
         "--ledger", str(ledger)],
    )  # fmt: skip
    gdp = next(i for i in json.loads(known.stdout)["items"] if i["id"] == "gdp")
    assert gdp["yoy_pct"] == 8.0


def test_growth_rates_only_for_growth_items(make_ledger) -> None:
    root = make_ledger({"2025/a.toml": GDP + "\n[jobs.growth]\n2025-03 = 5\n"})
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert [(p.key, p.code) for p in info.value.problems] == [("jobs.growth", "growth.only_growth")]
    with pytest.raises(PlancheckError):
        edit.record_actual(
            make_ledger({"2025/a.toml": GDP}, name="b"), "jobs", "5%", month="2025-04"
        )


def test_show_lists_the_stated_rates_with_their_notes(ledger: Path) -> None:
    edit.record_actual(ledger, "gdp", "+8.0%", month="2025-03", note="统计局快报")
    edit.record_actual(ledger, "gdp", "+7.2%", month="2025-06")
    shown = run("show", "gdp", "--as-of", "2025-06", "--ledger", str(ledger))
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert "各月累计同比增速（填报）" in lines and shown.stdout.count("统计局快报") == 1
    assert "  2025-03       +8.0%  统计局快报" in lines and "  2025-06       +7.2%" in lines
