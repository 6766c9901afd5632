"""The record a 督查 can trust: dated target revisions, monthly notes, corrections kept
with their trail, and the meeting's view with --as-of and --as-known."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.read.load import LedgerError, load_ledger
from plancheck.report.asof import item_at
from plancheck.write import edit

LEDGER = """\
section = "经济发展"
owner = "经发办"

[investment]
name = "固定资产投资"
kind = "amount"
unit = "万元"
target = 3000   # 县下达
note = "含技改项目"

[investment.history]
2025-01 = 200
2025-02 = 450
2025-03 = 700
2025-04 = 1000
2025-05 = 1270
2025-06 = 1530

[jobs]
name = "新增就业"
kind = "amount"
unit = "人"
target = 120

[jobs.history]
2025-06 = 40
"""


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        app, list(args), env={"COLUMNS": "160", "PLANCHECK_TODAY": "2025-07-15", **(env or {})}
    )


@pytest.fixture
def ledger(make_ledger) -> Path:
    root: Path = make_ledger({"2025/economy.toml": LEDGER})
    return root


def test_a_july_revision_leaves_june_byte_identical(ledger: Path) -> None:
    views = (
        ("status", "--as-of", "2025-06"),
        ("status", "--as-of", "2025-06", "-f", "json"),
        ("summary", "--as-of", "2025-06"),
    )
    before = [run(*v, "--ledger", str(ledger)) for v in views]
    assert all(r.exit_code == 0 for r in before), [r.output for r in before]
    revised = run(
        "set-target", "investment", "3200万元", "--from", "2025-07", "--reason", "县调整计划",
        "--ledger", str(ledger),
    )  # fmt: skip
    assert revised.exit_code == 0, revised.output
    after = [run(*v, "--ledger", str(ledger)) for v in views]
    for a, b in zip(before, after, strict=True):
        assert a.stdout == b.stdout
    assert "3000" in after[0].stdout and "原" not in after[0].stdout
    july = run("status", "--as-of", "2025-07", "--ledger", str(ledger))
    assert "3200（原3000）" in july.stdout
    data = tomllib.loads((ledger / "2025" / "economy.toml").read_text(encoding="utf-8"))
    assert data["investment"]["target"] == 3200
    assert data["investment"]["original_target"] == 3000
    assert data["investment"]["revisions"] == [
        {"from": "2025-07", "target": 3200, "reason": "县调整计划", "date": dt.date(2025, 7, 15)}
    ]


def test_the_revision_month_defaults_to_the_month_after_the_latest(ledger: Path) -> None:
    result = run("set-target", "investment", "3200", "--reason", "县调整", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "（未指定年度或月份，按 2025 年、2025-07）"
    item = load_ledger(ledger).find(2025, "investment")
    assert item is not None and [r.month for r in item.revisions] == ["2025-07"]
    june, july = item_at(item, "2025-06"), item_at(item, "2025-07")
    assert (june.target, june.original_target) == (3000, None)
    assert (july.target, july.original_target) == (3200, 3000)


def test_revisions_in_order_each_from_its_month(ledger: Path) -> None:
    today = dt.date(2025, 9, 1)
    edit.set_target(ledger, "investment", 2025, "3200", "一调", from_month="2025-07", today=today)
    edit.set_target(ledger, "investment", 2025, "3500", "二调", from_month="2025-10", today=today)
    edit.set_target(ledger, "investment", 2025, "3400", from_month="2025-10", today=today)
    item = load_ledger(ledger).find(2025, "investment")
    assert item is not None
    assert [(r.month, r.target, r.reason) for r in item.revisions] == [
        ("2025-07", 3200, "一调"),
        ("2025-10", 3400, "二调"),  # the same month again: that revision replaced
    ]
    assert [item_at(item, f"2025-{m:02d}").target for m in (6, 7, 9, 10, 12)] == [
        3000, 3200, 3200, 3400, 3400,
    ]  # fmt: skip
    path = ledger / "2025" / "economy.toml"
    before = path.read_bytes()
    with pytest.raises(PlancheckError) as info:
        edit.set_target(ledger, "investment", 2025, "3600", from_month="2025-08", today=today)
    assert info.value.code == "revision.not_after"
    assert path.read_bytes() == before


def test_an_old_original_target_still_loads_as_a_revision(make_ledger) -> None:
    body = (
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 42\noriginal_target = 39\n'
        'target_reason = "新签约"\n'
    )
    root = make_ledger({"2025/a.toml": body})
    item = load_ledger(root).find(2025, "a")
    assert item is not None
    assert [(r.month, r.target, r.reason) for r in item.revisions] == [("", 42, "新签约")]
    assert item_at(item, "2025-01").target == 42  # undated: the whole year, as before
    edit.set_target(root, "a", 2025, "45", from_month="2025-08", today=dt.date(2025, 8, 3))
    item = load_ledger(root).find(2025, "a")
    assert item is not None
    assert [(r.month, r.target) for r in item.revisions] == [("", 42), ("2025-08", 45)]
    assert [item_at(item, m).target for m in ("2025-07", "2025-08")] == [42, 45]


@pytest.mark.parametrize(
    ("revisions", "code"),
    [
        ('[[a.revisions]]\nfrom = "2025-09"\ntarget = 45\n'
         '[[a.revisions]]\nfrom = "2025-07"\ntarget = 42\n', "revision.order"),
        ('[[a.revisions]]\nfrom = "2025-07"\ntarget = 44\n', "revision.last"),
        ('[[a.revisions]]\nfrom = "2024-07"\ntarget = 42\n', "value.month_year"),
        ('[[a.revisions]]\nfrom = "2025-07"\n', "key.missing"),
        ("[a.revisions]\ntarget = 42\n", "type.tables"),
        ('[[a.revisions]]\nfrom = "2025-07"\ntarget = 42\nwhy = "x"\n', "key.unknown"),
    ],
)  # fmt: skip
def test_bad_revisions_are_located(make_ledger, revisions: str, code: str) -> None:
    body = '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 42\noriginal_target = 39\n'
    root = make_ledger({"2025/a.toml": body + "\n" + revisions})
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert code in [p.code for p in info.value.problems]
    assert all(p.location.line > 0 for p in info.value.problems)


def test_a_correction_keeps_its_trail_and_the_meeting_view(ledger: Path) -> None:
    path = ledger / "2025" / "economy.toml"
    # 20 June: the June meeting sees May's figure as first entered
    meeting = run("status", "--as-of", "2025-05", "-f", "json", "--ledger", str(ledger))
    wrong = run(
        "update", "jobs", "20000", "--month", "2025-05", "--ledger", str(ledger),
        env={"PLANCHECK_TODAY": "2025-06-10"},
    )  # fmt: skip
    assert wrong.exit_code in (2, 3)  # a slip (20000 > 5 × the target), above June's 40
    assert tomllib.loads(path.read_text(encoding="utf-8"))["jobs"]["history"] == {"2025-06": 40}
    for args, today in (
        (("jobs", "30", "--month", "2025-05", "--note", "5月首报"), "2025-06-10"),
        (("jobs", "35", "--month", "2025-05", "--reason", "漏报一家企业"), "2025-06-25"),
    ):
        result = run("update", *args, "--ledger", str(ledger), env={"PLANCHECK_TODAY": today})
        assert result.exit_code == 0, result.output
    data = tomllib.loads(path.read_text(encoding="utf-8"))["jobs"]
    assert data["history"] == {"2025-05": 35, "2025-06": 40}
    assert data["notes"] == {"2025-05": "5月首报"}
    assert data["corrections"] == [
        {"month": "2025-05", "was": 30, "date": dt.date(2025, 6, 25), "reason": "漏报一家企业"}
    ]
    assert "note" not in data  # the month's note is not the item's
    known = run(
        "status", "--as-of", "2025-05", "--as-known", "2025-06-20", "-f", "json",
        "--ledger", str(ledger),
    )  # fmt: skip
    now = run("status", "--as-of", "2025-05", "-f", "json", "--ledger", str(ledger))
    import json

    def jobs(result) -> dict[str, object]:
        return next(i for i in json.loads(result.stdout)["items"] if i["id"] == "jobs")

    assert jobs(known)["actual"] == 30 and jobs(now)["actual"] == 35
    assert jobs(meeting)["actual"] is None  # before anything was entered for May
    shown = run("show", "jobs", "--as-of", "2025-06", "--ledger", str(ledger))
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert any(line.startswith("  2025-05") and line.endswith("5月首报") for line in lines)
    assert "更正记录" in lines
    assert "  2025-05  30 → 35  2025-06-25  漏报一家企业" in lines


def test_a_month_note_is_not_printed_as_the_items_remark(ledger: Path) -> None:
    result = run(
        "update", "investment", "1530", "--month", "2025-06", "--note", "6月误按万元录入，更正",
        "--reason", "误按万元录入", "--ledger", str(ledger),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = run("summary", "--as-of", "2025-06", "--ledger", str(ledger))
    assert "误按万元" not in report.stdout
    item = load_ledger(ledger).find(2025, "investment")
    assert item is not None and item.note == "含技改项目"
    assert item.month_notes == (("2025-06", "6月误按万元录入，更正"),)
    assert item.corrections == ()  # the same figure again is no correction


def test_a_trail_of_several_corrections(ledger: Path) -> None:
    for value, day in (("1500", dt.date(2025, 7, 2)), ("1510", dt.date(2025, 7, 9))):
        edit.record_actual(
            ledger, "investment", value, month="2025-06", today=day, reason=f"第{day.day}日核对"
        )
    item = load_ledger(ledger).find(2025, "investment")
    assert item is not None
    assert [(c.was, c.date) for c in item.corrections] == [
        (1530, dt.date(2025, 7, 2)),
        (1500, dt.date(2025, 7, 9)),
    ]
    from plancheck.report.asof import as_known

    assert as_known(item, dt.date(2025, 7, 1)).actual == 1530
    assert as_known(item, dt.date(2025, 7, 5)).actual == 1500
    assert as_known(item, dt.date(2025, 7, 9)).actual == 1510
    shown = run("show", "investment", "--ledger", str(ledger))
    assert "  2025-06  1530 → 1500  2025-07-02  第2日核对" in shown.stdout
    assert "  2025-06  1500 → 1510  2025-07-09  第9日核对" in shown.stdout


def test_the_documented_example_loads_and_reads_as_documented(make_ledger) -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text(
        encoding="utf-8"
    )
    example = text.split("### The record")[1].split("```toml")[1].split("```")[0]
    item = load_ledger(make_ledger({"2025/a.toml": example})).find(2025, "investment")
    assert item is not None and item.note == "含技改项目"
    assert [(r.month, r.target) for r in item.revisions] == [("2025-07", 3200)]
    assert (item_at(item, "2025-06").target, item_at(item, "2025-07").target) == (3000, 3200)
    assert item_at(item, "2025-06", dt.date(2025, 7, 1)).history[-1] == ("2025-06", 15300000)
    assert item_at(item, "2025-06", dt.date(2025, 7, 2)).history[-1] == ("2025-06", 1530)


def test_the_june_notice_is_regenerated_as_the_meeting_saw_it(ledger: Path) -> None:
    notice = ("summary", "--as-of", "2025-06", "--ledger", str(ledger))
    meeting = run(*notice)
    assert meeting.exit_code == 0, meeting.output
    fixed = CliRunner().invoke(
        app,
        ["update", "investment", "1630", "--month", "2025-06", "--reason", "漏报一个项目",
         "--ledger", str(ledger)],
        env={"PLANCHECK_TODAY": "2025-07-03"},
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert run(*notice).stdout != meeting.stdout  # the corrected figure
    assert run(*notice, "--as-known", "2025-06-30").stdout == meeting.stdout


def test_a_single_reported_actual_replaced_is_a_correction(make_ledger) -> None:
    body = (
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nactual = 5\n'
        'reported = "2025-03"\n'
    )
    root = make_ledger({"2025/a.toml": body})
    edit.record_actual(root, "a", "6", month="2025-03", today=dt.date(2025, 4, 2), reason="复核")
    item = load_ledger(root).find(2025, "a")
    assert item is not None and item.history == (("2025-03", 6),)
    assert [(c.month, c.was, c.reason) for c in item.corrections] == [("2025-03", 5, "复核")]


@pytest.mark.parametrize(
    ("table", "code"),
    [
        ('[a.notes]\n2025-13 = "x"\n', "value.month"),
        ("[a.notes]\n2025-05 = 5\n", "type.string"),
        ('[a.notes]\n2024-05 = "x"\n', "value.month_year"),
        ('[[a.corrections]]\nmonth = "2025-05"\n', "key.missing"),
        ('[[a.corrections]]\nmonth = "2025-05"\nwas = "5亩"\n', "unit.mismatch"),
        ('[[a.corrections]]\nmonth = "2025-05"\nwas = 5\ndate = "yesterday"\n', "value.date"),
        ('[[a.corrections]]\nmonth = "2025-05"\nwas = 5\nkey = "plan"\n', "value.choice"),
        ("[a.growth]\n2025-05 = 5\n", "growth.only_growth"),
    ],
)
def test_bad_notes_and_corrections_are_located(make_ledger, table: str, code: str) -> None:
    body = '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 42\n'
    root = make_ledger({"2025/a.toml": body + "\n" + table})
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert code in [p.code for p in info.value.problems]
    assert all(p.location.line > 0 for p in info.value.problems)
