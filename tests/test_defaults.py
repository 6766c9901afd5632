"""One rule for defaults: the working year and month, the same for every command, and said
on stderr whenever a command chose them itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.model import Ledger, MilestoneState
from plancheck.periods import entry_month, revision_month, working_year
from plancheck.read.load import load_ledger

LEDGER = """\
section = "重点项目"
owner = "经发办"

[investment]
name = "固定资产投资"
kind = "amount"
unit = "万元"
target = 3000

[investment.history]
2025-05 = 1270
2025-06 = 1530

[park-road]
name = "园区道路建设"
kind = "milestone"
state = "started"
started = 2025-03-10
due = "2025-10"
"""


def run(*args: str, today: str = "2026-01-20", **env: str):
    return CliRunner().invoke(
        app, list(args), env={"COLUMNS": "160", "PLANCHECK_TODAY": today, **env}
    )


@pytest.fixture
def carried(make_ledger) -> Path:
    """A 2025 ledger with figures to June, carried over into 2026 on 20 January 2026."""
    root: Path = make_ledger({"2025/plan.toml": LEDGER})
    result = run("carryover", "--from", "2025", "--to", "2026", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    assert (root / "2026").is_dir()
    return root


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("summary",),
        ("report", "--html", "-"),
        ("show", "investment"),
    ],
)
def test_after_carryover_reports_stay_on_the_working_year(carried: Path, command) -> None:
    result = run(*command, "--ledger", str(carried))
    assert result.exit_code in (0, 1), result.output
    assert result.stderr.splitlines()[0] == "（未指定年度或日期，按 2025 年、截至 2025-06-30）"
    assert "2025" in result.stdout and "1530" in result.stdout


def test_plancheck_year_overrides_the_working_year(carried: Path) -> None:
    result = run("status", "--ledger", str(carried), PLANCHECK_YEAR="2026")
    assert result.exit_code in (0, 1), result.output
    assert "2026年" in result.stdout
    bad = run("status", "--ledger", str(carried), PLANCHECK_YEAR="26")
    assert bad.exit_code == 2 and "PLANCHECK_YEAR=26" in bad.stderr


def test_a_milestone_update_without_year_changes_the_working_years_item(carried: Path) -> None:
    before = {p: p.read_bytes() for p in (carried / "2026").rglob("*.toml")}
    result = run("update", "park-road", "--state", "done", "--ledger", str(carried))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "（未指定年度，按 2025 年）"
    assert "(park-road)：state started → done" in result.stderr.splitlines()[1]
    assert {p: p.read_bytes() for p in (carried / "2026").rglob("*.toml")} == before
    item = load_ledger(carried).find(2025, "park-road")
    assert item is not None and item.state is MilestoneState.DONE


def test_month_gives_a_milestone_its_year_and_date(carried: Path) -> None:
    result = run(
        "update", "park-road", "--state", "done", "--month", "2025-09", "--ledger", str(carried)
    )
    assert result.exit_code == 0, result.output
    assert "未指定" not in result.stderr
    item = load_ledger(carried).find(2025, "park-road")
    assert item is not None and item.done == dt.date(2025, 9, 30)


def test_update_and_set_target_default_to_the_month_after_the_latest(carried: Path) -> None:
    result = run("update", "investment", "1800", "--ledger", str(carried))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "（未指定年度或月份，按 2025 年、2025-07）"
    item = load_ledger(carried).find(2025, "investment")
    assert item is not None and item.history[-1] == ("2025-07", 1800)
    revised = run(
        "set-target", "investment", "3200", "--reason", "县调整", "--ledger", str(carried)
    )
    assert revised.exit_code == 0, revised.output
    assert revised.stderr.splitlines()[0] == "（未指定年度或月份，按 2025 年、2025-08）"
    item = load_ledger(carried).find(2025, "investment")
    assert item is not None and [r.month for r in item.revisions] == ["2025-08"]


def test_add_and_set_target_use_the_same_year(carried: Path) -> None:
    result = run(
        "add", "--ledger", str(carried), "--name", "新增市场主体", "--kind", "amount",
        "--unit", "户", "--target", "50", "--id", "new-firms", "--owner", "经发办",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "（未指定年度，按 2025 年）"
    assert load_ledger(carried).find(2025, "new-firms") is not None


def _ledger(years: dict[int, bool], root: Path) -> Ledger:
    from plancheck.model import Item, Kind, Location, Settings

    items = tuple(
        Item(
            id="x", year=y, name="甲", kind=Kind.AMOUNT, unit="户",
            location=Location(root), target=None,
            history=((f"{y}-03", 1),) if figures else (),  # type: ignore[arg-type]
        )
        for y, figures in years.items()
    )  # fmt: skip
    return Ledger(root, Settings(entity="镇"), items)


@pytest.mark.parametrize(
    ("years", "today", "expected"),
    [
        ({2024: True, 2025: True, 2026: False}, dt.date(2026, 1, 5), 2025),
        ({2024: False, 2025: False, 2026: False}, dt.date(2025, 6, 5), 2025),
        ({2023: False, 2024: False}, dt.date(2025, 6, 5), 2024),
        ({2026: False, 2027: False}, dt.date(2025, 6, 5), 2026),
    ],
)
def test_the_working_year(tmp_path: Path, years, today, expected) -> None:
    assert working_year(_ledger(years, tmp_path), today) == expected


def test_the_entry_month_is_never_the_calendar_month_outside_the_year(tmp_path: Path) -> None:
    items = _ledger({2025: True}, tmp_path).items
    assert entry_month(items, 2025, dt.date(2026, 2, 1)) == "2025-04"
    assert entry_month((), 2025, dt.date(2026, 2, 1)) == "2025-12"
    assert entry_month((), 2025, dt.date(2024, 11, 1)) == "2025-01"
    assert entry_month((), 2025, dt.date(2025, 7, 9)) == "2025-06"


def test_an_item_only_in_the_plan_year_is_found_there(carried: Path) -> None:
    # 2025 has the figures (the working year); the carried item exists only in 2026
    result = run("update", "investment-carried", "300", "--ledger", str(carried))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "（未指定年度或月份，按 2026 年、2026-01）"
    item = load_ledger(carried).find(2026, "investment-carried")
    assert item is not None and item.history == (("2026-01", 300),)


def test_a_revision_without_figures_applies_from_january(tmp_path: Path) -> None:
    items = _ledger({2025: True, 2026: False}, tmp_path).items
    assert revision_month(items, 2025) == "2025-04"  # figures to March
    assert revision_month(items, 2026) == "2026-01"  # nothing reported yet
