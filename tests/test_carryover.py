"""Carry-over: every unmet target once, never twice, linked to its origin."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.read.load import load_ledger
from plancheck.report.carryover import Outcome, propose
from plancheck.report.evaluate import Options, Status, evaluate

from .conftest import REPO

UNMET = {Status.MISSED, Status.OVERDUE, Status.BLOCKED, Status.PLANNED, Status.STARTED}


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    root = tmp_path / "targets"
    shutil.copytree(REPO / "targets", root)
    return root


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def digests(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.toml")}


def test_dry_run_lists_each_unmet_target_exactly_once(bundled: Path) -> None:
    before = digests(bundled)
    result = run(
        "carryover", "--from", "2023", "--to", "2024", "--dry-run", "--ledger", str(bundled)
    )
    assert result.exit_code == 0, result.output
    assert digests(bundled) == before  # nothing written
    import datetime as dt

    ledger = load_ledger(bundled)
    report = evaluate(ledger, Options(2023, dt.date(2023, 12, 31)))
    unmet = [r.item.id for r in report.items if r.status in UNMET]
    assert unmet
    lines = result.stdout.splitlines()
    for item_id in unmet:
        assert sum(1 for line in lines if line.strip().startswith(item_id + " ")) == 1, item_id
    # the problem toilets are carried already (2024 names them in carried_from)
    toilets = next(line for line in lines if "toilet-rectification " in line)
    assert "toilet-rectification" in toilets and "不重复" in toilets


def test_writing_twice_changes_nothing_the_second_time(bundled: Path) -> None:
    first = run("carryover", "--from", "2023", "--to", "2024", "--ledger", str(bundled))
    assert first.exit_code == 0, first.output
    written = bundled / "2024" / "carryover.toml"
    assert written.exists()
    after_first = digests(bundled)
    second = run("carryover", "--from", "2023", "--to", "2024", "--ledger", str(bundled))
    assert second.exit_code == 0
    assert digests(bundled) == after_first
    ledger = load_ledger(bundled)
    carried = {i.id: i for i in ledger.items_of(2024) if i.carried_from}
    jingchen = carried["jingchen-investment-carried"]  # the plain id stays free for 2024's own
    assert jingchen.carried_from == "2023/jingchen-investment"
    assert (
        jingchen.target
        == ledger.find(2023, "jingchen-investment").target
        - ledger.find(  # type: ignore[union-attr,operator]
            2023, "jingchen-investment"
        ).actual
    )
    assert all(p.outcome is not Outcome.CARRY for p in propose(ledger, 2023, 2024))
    check = run("check", "--ledger", str(bundled), "--year", "2024")
    assert "carried" not in check.stdout  # origins and gaps agree


def test_refuses_backwards(bundled: Path) -> None:
    result = run("carryover", "--from", "2024", "--to", "2023", "--ledger", str(bundled))
    assert result.exit_code == 2


def test_a_carried_growth_target_reads_as_a_rate(make_ledger) -> None:
    body = (
        '[output]\nname = "产值"\nkind = "growth"\nunit = "亿元"\ntarget_growth_pct = 8\n'
        "baseline = 10\nactual = 10.5\n"
    )
    root = make_ledger({"2023/g.toml": body, "2024/h.toml": ""})
    result = run("carryover", "--from", "2023", "--to", "2024", "--dry-run", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "output" in line)
    assert "+8.0%" in line and "8亿元" not in line, line


RECURRING = """\
[enrolment]
name = "养老保险参保率"
kind = "rate"
unit = "%"
target = 95
actual = 85

[new-firms]
name = "新增规上企业"
kind = "amount"
unit = "家"
target = 5

[new-firms.history]
2023-09 = 3
"""


def test_carried_ids_recurring_indicators_units_and_short_data(make_ledger) -> None:
    root = make_ledger({
        "2023/a.toml": RECURRING,
        "2024/b.toml": '[pension-rate]\nname = "养老保险参保率"\nkind = "rate"\nunit = "%"\n'
                       "target = 96\n",
    })  # fmt: skip
    dry = run("carryover", "--from", "2023", "--to", "2024", "--dry-run", "--ledger", str(root))
    assert dry.exit_code == 0, dry.output
    assert dry.stderr.splitlines()[0].startswith("警告：2023年的数据只到 2023-09")
    enrolment = next(line for line in dry.stdout.splitlines() if "enrolment" in line)
    assert "10百分点" in enrolment or "10个百分点" in enrolment, enrolment
    assert "百分点%" not in dry.stdout
    assert "pension-rate" in enrolment and "--recurring" in enrolment  # not carried
    result = run("carryover", "--from", "2023", "--to", "2024", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    ids = {i.id for i in load_ledger(root).items_of(2024)}
    assert ids == {"pension-rate", "new-firms-carried"}
    again = run("carryover", "--from", "2023", "--to", "2024", "--recurring", "--ledger", str(root))
    assert again.exit_code == 0, again.output
    carried = load_ledger(root).find(2024, "enrolment-carried")
    assert carried is not None and carried.carried_from == "2023/enrolment"
