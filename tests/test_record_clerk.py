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
owner = "财政所"

[toilets]
name = "农村厕所改造"
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


def test_init_without_the_example_says_the_next_step_without_it(tmp_path: Path) -> None:
    made = run("init", str(tmp_path / "l"), "--entity", "某镇", "--year", "2025", "--no-example")
    assert made.exit_code == 0, made.output
    assert "示例" not in made.output and "plancheck add" in made.output


def test_add_suggests_updating_by_the_name(ledger: Path) -> None:
    added = run(
        "add", "--name", "改造 危房", "--kind", "amount", "--unit", "户", "--target", "20",
        "--year", "2025", "--owner", "财政所", "--section", "社会事业", "--id", "old-houses",
        "--ledger", str(ledger),
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "plancheck update '改造 危房' VALUE" in added.output
    assert "update old-houses" not in added.output


def test_a_milestone_update_is_confirmed_in_the_one_style(make_ledger) -> None:
    root = make_ledger(
        {"2025/m.toml": '[road]\nname = "道路硬化"\nkind = "milestone"\ndue = 2025-10-31\n'}
    )
    done = run("update", "道路", "--state", "started", "--date", "2025-04-30", "-l", str(root))
    assert done.exit_code == 0, done.output
    assert "「道路硬化」(road)：state planned → started" in done.output
    assert "「道路硬化」(road)：started — → 2025-04-30" in done.output


def test_a_changed_month_is_said_to_be_a_correction_with_its_reason(ledger: Path) -> None:
    args = ("update", "厕所", "125", "--month", "2025-06", "--note", "乡镇复核", "-l", str(ledger))
    said = run(*args)
    assert said.exit_code == 0, said.output
    assert "已记为更正：120户 → 125户，原因：乡镇复核" in said.output
    english = run("update", "厕所", "130", "--month", "2025-06", "--reason", "recount",
                  "--lang", "en", "-l", str(ledger))  # fmt: skip
    assert english.exit_code == 0, english.output
    assert "recorded as a correction: 125户 → 130户, reason: recount" in english.output
    bare = run("update", "厕所", "131", "--month", "2025-06", "-l", str(ledger))
    assert "已记为更正：130户 → 131户（未说明原因" in bare.output
    first = run("update", "厕所", "140", "--month", "2025-07", "-l", str(ledger))
    assert "更正" not in first.output and "2025-07 — → 140户" in first.output


GROWTH = """\
[gdp]
name = "地区生产总值"
kind = "growth"
unit = "亿元"
target_growth_pct = 7.5
owner = "经发办"
"""


def test_a_stated_growth_rate_is_confirmed_and_a_correction_said(make_ledger) -> None:
    root = make_ledger({"2025/economy.toml": GROWTH})
    first = run("update", "地区生产总值", "+7.1%", "--month", "2025-01", "-l", str(root))
    assert first.exit_code == 0, first.output
    assert "「地区生产总值」(gdp)：2025-01 增速 — → +7.1%" in first.output
    again = run("update", "生产总值", "-0.5%", "--month", "2025-01", "--reason", "统计局修订",
                "-l", str(root))  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "增速已记为更正：+7.1% → -0.5%，原因：统计局修订" in again.output


def test_name_value_takes_a_stated_growth_rate_beside_levels(make_ledger) -> None:
    root = make_ledger({"2025/economy.toml": GROWTH + LEDGER.split("\n\n", 1)[1]})
    both = run("update", "--month", "2025-07", "地区生产总值=+7.1%", "厕所=150", "-l", str(root))
    assert both.exit_code == 0, both.output
    assert "「地区生产总值」(gdp)：2025-07 增速 — → +7.1%" in both.output
    assert "「农村厕所改造」(toilets)：2025-07 — → 150" in both.output
    data = tomllib.loads((root / "2025" / "economy.toml").read_text(encoding="utf-8"))
    assert str(data["gdp"]["growth"]["2025-07"]) == "7.1"
    assert data["toilets"]["history"]["2025-07"] == 150
    bad = run("update", "--month", "2025-08", "地区生产总值=+x%", "厕所=160", "-l", str(root))
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    again = tomllib.loads((root / "2025" / "economy.toml").read_text(encoding="utf-8"))
    assert again == data


def test_a_growth_item_with_only_a_stated_rate_shows_it_and_is_a_key_indicator(
    make_ledger,
) -> None:
    text = 'section = "综合"\n\n' + GROWTH + "\n[gdp.growth]\n2025-06 = 7.6\n"
    root = make_ledger({"2025/economy.toml": text})
    status = run("status", "-l", str(root))
    assert status.exit_code == 0, status.output
    row = next(line for line in status.stdout.splitlines() if "地区生产总值" in line)
    assert row.split()[2:4] == ["+7.5%", "+7.6%"]  # 目标, 完成
    shown = run("show", "生产总值", "-l", str(root))
    assert "完成      +7.6%（2025-06）" in shown.stdout
    notice = run("summary", "-l", str(root))
    assert notice.exit_code == 0, notice.output
    key = notice.stdout.split("主要经济指标", 1)[1].split("\n\n")[0]
    assert "地区生产总值同比增长7.6%" in key


def test_gdp_by_any_of_its_names_is_a_key_indicator() -> None:
    from plancheck.report.keyfigures import KEY_WORDS

    for name in ("地区生产总值", "GDP", "生产总值"):
        assert any(w in name.lower() for w in KEY_WORDS)


def test_a_first_target_is_no_revision_and_a_revision_needs_a_reason(ledger: Path) -> None:
    first = run("set-target", "消防演练", "2", "-l", str(ledger))
    assert first.exit_code == 0, first.output
    data = tomllib.loads((ledger / "2025" / "social.toml").read_text(encoding="utf-8"))
    assert data["drills"]["target"] == 2
    assert "revisions" not in data["drills"] and "original_target" not in data["drills"]
    before = (ledger / "2025" / "social.toml").read_bytes()
    bare = run("set-target", "厕所", "320", "-l", str(ledger))
    assert bare.exit_code == 2 and "--reason" in bare.stderr
    assert (ledger / "2025" / "social.toml").read_bytes() == before
    same = run("set-target", "厕所", "300", "-l", str(ledger))
    assert same.exit_code == 0, same.output  # the same target again is no revision
    revised = run("set-target", "厕所", "320", "--reason", "县追加任务", "-l", str(ledger))
    assert revised.exit_code == 0, revised.output
    data = tomllib.loads((ledger / "2025" / "social.toml").read_text(encoding="utf-8"))
    assert data["toilets"]["revisions"][0]["reason"] == "县追加任务"


def test_carryover_carries_growth_only_when_it_can_state_a_target(make_ledger) -> None:
    body = (
        '[gdp]\nname = "地区生产总值"\nkind = "growth"\nunit = "亿元"\n'
        "target_growth_pct = 8\n\n[gdp.growth]\n2025-12 = 6.5\n\n"
        '[output]\nname = "工业产值"\nkind = "growth"\nunit = "亿元"\ntarget_growth_pct = 9\n\n'
        '[road]\nname = "道路硬化"\nkind = "milestone"\ndue = \'2025-06\'\nstate = "started"\n'
    )
    root = make_ledger({"2025/g.toml": body, "2026/h.toml": ""})
    result = run("carryover", "--from", "2025", "--to", "2026", "--dry-run", "-l", str(root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    gdp = next(line for line in lines if "gdp " in line)
    assert "+8.0%" in gdp and "结转" in gdp, gdp
    output = next(line for line in lines if "output " in line)
    assert "未结转" in output, output  # neither a level nor a rate: unknown
    road = next(line for line in lines if "road " in line)
    assert "结转为2026年节点任务（原定2025-06，逾期）" in road, road
    written = run("carryover", "--from", "2025", "--to", "2026", "-l", str(root))
    assert written.exit_code == 0, written.output
    carried = (root / "2026" / "carryover.toml").read_text(encoding="utf-8")
    assert "实际增长6.5%" in carried and "实际—" not in carried and "baseline" not in carried
