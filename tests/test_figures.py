"""Figures as reports write them, in a ledger: read, evaluated, shown and checked.

One fixture ledger per form under tests/fixtures/figures (targets, actuals and claims).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.check.run import check_ledger
from plancheck.cli import app
from plancheck.model import Direction
from plancheck.read.load import LedgerError, load_ledger
from plancheck.render.cells import cells
from plancheck.report.evaluate import Options, Report, Status, evaluate
from plancheck.standing import Relation, read_standing
from plancheck.written import Qualifier

from .conftest import FIXTURES

FORMS = FIXTURES / "figures"
D = Decimal


def report(form: str, as_of: str = "2024-12-31", **settings: Decimal) -> Report:
    ledger = load_ledger(FORMS / form)
    tolerance = ledger.settings.tolerance
    if settings:
        from dataclasses import replace

        tolerance = replace(tolerance, **settings)
    options = Options(2024, dt.date.fromisoformat(as_of), tolerance=tolerance)
    return evaluate(ledger, options)


def by_id(r: Report) -> dict[str, tuple[Status, str, str]]:
    out = {}
    for result in r.items:
        c = cells(result, "zh")
        out[result.item.id] = (result.status, c["target"], c["actual"])
    return out


FINDINGS = {
    # 高于全省平均水平2个百分点, but 30.5 − 29.5 is 1 point
    "standing": [("forest", "check.standing", "error")],
    # 翻一番 stated, but 8.2 ÷ 4 is ×2.05: multiples are checked against the levels
    "multiples": [("output", "check.claim_growth", "error")],
    # a real growth is not checked against nominal levels (a warning says why); a money
    # growth two points below the nominal ratio may be real: a warning, not an error
    "real_growth": [
        ("gdp", "check.real_growth", "warning"),
        ("retail", "check.real_growth", "warning"),
        ("revenue", "check.growth_real_nominal", "warning"),
    ],
}


@pytest.mark.parametrize("form", sorted(p.name for p in FORMS.iterdir()))
def test_every_form_loads_and_checks(form: str) -> None:
    ledger = load_ledger(FORMS / form)
    assert any(i.written or i.real_growth or i.standing for i in ledger.items)
    found = [(f.item, f.code, f.severity.value) for f in check_ledger(ledger)]
    assert found == FINDINGS.get(form, [])  # the stated shares agree with the figures as read


def test_multiples_and_their_reading() -> None:
    got = {r.item.id: (r.status, r.item.target_growth_pct) for r in report("multiples").items}
    assert got == {
        "output": (Status.EXCEEDED, 100),  # ×2.05 against ×2
        "tourism": (Status.MET, 200),  # 增长2倍 = ×3
        "exports": (Status.MET, 100),  # read as ×2 by this item's times_reading
    }


def test_real_growth_is_evaluated_as_stated_and_shown_as_real() -> None:
    results = {r.item.id: r for r in report("real_growth").items}
    gdp = results["gdp"]
    assert gdp.yoy_pct == D("4.5") and gdp.status is Status.MISSED  # not the nominal 6 %
    assert cells(gdp, "zh")["yoy"] == "+4.5%（可比价）"
    assert results["revenue"].yoy_pct == 10  # nominal, from the levels


def test_approximate_targets_are_met_within_the_tolerance() -> None:
    assert by_id(report("approx")) == {
        "gdp-growth": (Status.MET, "增长10%左右", "+9.6%"),  # 9.6 is within half a point
        "new-jobs": (Status.MET, "1.2万人左右", "11900"),  # 0.8 % short of 12000
        "trade": (Status.MISSED, "500万美元左右", "480"),  # 4 % short
    }
    # a narrower tolerance in the settings: 9.6 is no longer about 10
    tight = by_id(report("approx", points=D("0.2"), percent=D("0.5")))
    assert tight["gdp-growth"][0] is Status.MISSED and tight["new-jobs"][0] is Status.MISSED


def test_lower_bounds_as_targets_and_actuals() -> None:
    assert by_id(report("lower_bound")) == {
        "projects": (Status.EXCEEDED, "300个以上", "超过320个"),
        "training": (Status.MET, "800", "超过800人次"),  # the bound counts as the actual
        "investment": (Status.MISSED, "超3亿元", "260余万元"),
    }
    item = load_ledger(FORMS / "lower_bound").find(2024, "investment")
    assert item is not None and item.target == 30000  # 超3亿元 in the item's 万元


def test_caps_imply_direction_down_and_are_kept_not_completed_mid_year() -> None:
    ledger = load_ledger(FORMS / "cap")
    assert all(i.direction is Direction.DOWN for i in ledger.items)
    assert by_id(report("cap"))["accidents"] == (Status.MET, "控制在2起以内", "1")
    # in January (0 accidents) and June (1) the cap is kept: on pace, not 完成
    for month in ("2024-01-31", "2024-06-30"):
        assert by_id(report("cap", month))["accidents"][0] is Status.ON_PACE
    cpi = next(r for r in report("cap").items if r.item.id == "cpi")
    assert cpi.actual == D("-0.5") and cpi.status is Status.MET  # a negative rate is valid


def test_ranges_are_met_at_the_lower_end_and_exceeded_above_the_upper() -> None:
    got = {k: v[0] for k, v in by_id(report("range")).items()}
    assert got == {
        "gdp-growth": Status.MET,  # 6.2 within 6–6.5
        "retail-growth": Status.EXCEEDED,  # 7 above 6.5
        "income-growth": Status.MISSED,  # 5.8 below 6
        "output": Status.MET,
    }
    item = load_ledger(FORMS / "range").find(2024, "gdp-growth")
    assert item is not None and item.target_growth_pct == 6
    written = item.written_of("target_growth_pct")
    assert written is not None and (written.qualifier, written.high) == (Qualifier.RANGE, 6.5)


def test_estimates_are_shown_and_marked_in_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["status", "--ledger", str(FORMS / "estimate"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    fiscal = items["fiscal-revenue"]
    assert fiscal["actual"] == 1950
    assert fiscal["written"]["actual"]["text"] == "预计1950万元"
    assert fiscal["written"]["actual"]["estimate"] is True
    growth = items["gdp-growth"]["written"]["actual_growth_pct"]
    assert (growth["text"], growth["value"], growth["estimate"]) == ("预计增长8.5%", 8.5, True)
    table = CliRunner().invoke(app, ["status", "--ledger", str(FORMS / "estimate")])
    assert "预计1950万元" in table.stdout


def test_json_keeps_the_written_text_beside_the_number() -> None:
    result = CliRunner().invoke(
        app, ["status", "--ledger", str(FORMS / "range"), "--format", "json"]
    )
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    gdp = items["gdp-growth"]
    assert gdp["target_growth_pct"] == 6
    assert gdp["written"]["target_growth_pct"] == {
        "text": "6%—6.5%", "qualifier": "range", "value": 6, "high": 6.5, "unit": "%",
        "estimate": False,
    }  # fmt: skip
    assert "written" not in items.get("plain", {})


def test_stated_growth_targets_keep_their_written_digits(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[g]\nname = "规上工业增加值"\nkind = "growth"\nunit = "亿元"\n'
            "target_growth_pct = 12.35\n"
            '[h]\nname = "税收"\nkind = "growth"\nunit = "万元"\ntarget_growth_pct = 4.00\n'
        }
    )
    table = CliRunner().invoke(app, ["status", "--ledger", str(root), "--year", "2024"])
    assert "+12.35%" in table.stdout and "+4.00%" in table.stdout
    data = CliRunner().invoke(
        app, ["status", "--ledger", str(root), "--year", "2024", "--format", "json"]
    )
    assert '"target_growth_pct": 12.35' in data.stdout
    assert '"target_growth_pct": 4.00' in data.stdout


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('target = "控制在3个以内"\ndirection = "up"\n', "direction"),
        ('target = "翻一番"\n', "翻一番"),
        ('target = "300亩以上"\n', "亩"),
        ('target = "300个以上左右"\n', "300个以上左右"),
        ('target = 3\ntimes_reading = "double"\n', "times_reading"),
    ],
)
def test_written_figures_that_are_refused(make_ledger, body: str, needle: str) -> None:
    root = make_ledger({"2024/a.toml": f'[x]\nname = "X"\nkind = "amount"\nunit = "个"\n{body}'})
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert any(needle in str(p.args) or needle in p.key for p in info.value.problems)


def test_times_reading_is_recorded_per_item(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[x]\nname = "X"\nkind = "growth"\nunit = "万元"\n'
            'target_growth_pct = "增长2倍"\n'
            '[y]\nname = "Y"\nkind = "growth"\nunit = "万元"\n'
            'target_growth_pct = "增长2倍"\ntimes_reading = "times"\n'
        }
    )
    items = {i.id: i for i in load_ledger(root).items}
    assert items["x"].target_growth_pct == 200  # ×3
    assert items["y"].target_growth_pct == 100  # ×2, as the item says it reads 增长N倍


def test_add_and_update_accept_the_same_strings(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "新桥镇"
    assert (
        runner.invoke(app, ["init", str(root), "--entity", "新桥镇", "--year", "2024"]).exit_code
        == 0
    )

    def add(*args: str) -> None:
        result = runner.invoke(app, ["add", "--ledger", str(root), "--year", "2024", *args])
        assert result.exit_code == 0, result.output

    add(
        "--name",
        "新开工项目",
        "--kind",
        "amount",
        "--unit",
        "个",
        "--target",
        "300个以上",
        "--id",
        "p",
    )
    add(
        "--name",
        "地区生产总值",
        "--kind",
        "growth",
        "--unit",
        "亿元",
        "--target",
        "6%—6.5%",
        "--id",
        "g",
    )
    add(
        "--name",
        "接待游客",
        "--kind",
        "amount",
        "--unit",
        "人次",
        "--target",
        "1万人次左右",
        "--id",
        "v",
    )
    text = (root / "2024" / "targets.toml").read_text(encoding="utf-8")
    assert 'target = "300个以上"' in text and 'target_growth_pct = "6%—6.5%"' in text

    def update(*args: str) -> int:
        result = runner.invoke(app, ["update", *args, "--ledger", str(root)])
        return result.exit_code

    assert update("v", "超过3000人次", "--month", "2024-06") == 0
    assert update("v", "预计5000人次", "--month", "2024-07") == 0
    assert update("p", "320", "--month", "2024-07") == 0
    assert update("v", "超过3000亩", "--month", "2024-08") == 3  # the wrong dimension
    assert (
        runner.invoke(
            app,
            # from July: a revision applies from its month on (issue 14)
            [
                "set-target",
                "p",
                "350个以上",
                "--from",
                "2024-07",
                "--reason",
                "县调整",
                "--ledger",
                str(root),
            ],
        ).exit_code
        == 0
    )
    ledger = load_ledger(root)
    v = ledger.find(2024, "v")
    assert v is not None and v.history == (("2024-06", 3000), ("2024-07", 5000))
    july = v.written_of("history.2024-07")
    assert july is not None and july.estimate and july.text == "预计5000人次"
    p = ledger.find(2024, "p")
    assert p is not None and (p.target, p.original_target) == (350, 300)
    result = evaluate(ledger, Options(2024, dt.date(2024, 7, 31)))
    shown = {r.item.id: cells(r, "zh") for r in result.items}
    assert (shown["v"]["target"], shown["v"]["actual"]) == ("1万人次左右", "预计5000人次")
    assert shown["p"]["target"] == "350个以上（原300个以上）"  # the original as written too


def test_stated_completion_rates_derive_the_target_and_set_the_status() -> None:
    got = {
        r.item.id: (r.status, cells(r, "zh")["target"], cells(r, "zh")["completion"])
        for r in report("stated_completion").items
    }
    assert got == {
        "tax": (Status.EXCEEDED, "≈1407（推算）", "136.5%"),  # 1920 ÷ 136.5%
        "investment": (Status.EXCEEDED, "≈3（推算）", "112%"),
        "housing": (Status.MISSED, "≤200（推算）", "85%以上"),  # at least 85 %: at most 200
        "output": (Status.EXCEEDED, "≤5.46（推算）", "超过100%"),  # 超额完成
    }
    result = CliRunner().invoke(
        app, ["status", "--ledger", str(FORMS / "stated_completion"), "--format", "json"]
    )
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    assert items["tax"]["target_derived"] is True and items["tax"]["completion_pct"] == 136.5
    assert (
        "target_derived"
        not in json.loads(
            CliRunner()
            .invoke(app, ["status", "--ledger", str(FORMS / "range"), "--format", "json"])
            .stdout
        )["items"][0]
    )


def test_a_stated_completion_rate_is_for_amounts(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[x]\nname = "X"\nkind = "indicator"\nunit = "个"\nactual = 3\n'
            "completion_pct = 120\n"
        }
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert [p.code for p in info.value.problems] == ["figure.completion_kind"]


def test_ranks_and_comparisons_are_fields_shown_everywhere() -> None:
    ledger = load_ledger(FORMS / "standing")
    urban = ledger.find(2024, "urbanisation")
    assert urban is not None
    above, rank = urban.standing
    assert (above.relation, above.scope, above.difference, above.unit, above.reference) == (
        Relation.ABOVE, "全市", D("1.2"), "个百分点", D("40.7")
    )  # fmt: skip
    assert (rank.relation, rank.scope, rank.rank, rank.top) == (Relation.RANK, "全市", 3, False)
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "urbanisation", "--ledger", str(FORMS / "standing")])
    assert "高于全市平均水平1.2个百分点；排名全市第三" in shown.stdout
    assert "+3.7百分点" in shown.stdout  # a rate's change in points, not +9.7 %
    summary = runner.invoke(app, ["summary", "--ledger", str(FORMS / "standing")])
    assert "比上年提高3.7个百分点，高于全市平均水平1.2个百分点，排名全市第三" in summary.stdout
    data = runner.invoke(app, ["status", "--ledger", str(FORMS / "standing"), "--format", "json"])
    items = {i["id"]: i for i in json.loads(data.stdout)["items"]}
    assert items["income"]["standing"][0] == {
        "text": "居全县第一", "relation": "rank", "scope": "全县", "rank": 1, "top": False,
        "reference_name": None, "difference": None, "unit": None, "reference": None,
    }  # fmt: skip
    assert items["urbanisation"]["change_pp"] == 3.7 and items["urbanisation"]["yoy_pct"] is None


@pytest.mark.parametrize(
    ("text", "relation", "scope", "rank", "top"),
    [
        ("排名全市第三", Relation.RANK, "全市", 3, False),
        ("居全县第一", Relation.RANK, "全县", 1, False),
        ("位列全省前十", Relation.RANK, "全省", 10, True),
        ("排名全县第12位", Relation.RANK, "全县", 12, False),
        ("高于全国平均", Relation.ABOVE, "全国", None, False),
        ("低于全省平均0.5个百分点", Relation.BELOW, "全省", None, False),
    ],
)
def test_read_standing(
    text: str, relation: Relation, scope: str, rank: int | None, top: bool
) -> None:
    s = read_standing(text)
    assert (s.relation, s.scope, s.rank, s.top, s.text) == (relation, scope, rank, top, text)


def test_unreadable_standing_is_refused(make_ledger) -> None:
    root = make_ledger(
        {"2024/a.toml": '[x]\nname = "X"\nkind = "indicator"\nunit = "个"\nstanding = ["很好"]\n'}
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert [p.code for p in info.value.problems] == ["standing.unreadable"]


def test_stated_actual_growth_keeps_its_digits(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[g]\nname = "工业增加值"\nkind = "indicator"\nunit = "亿元"\n'
            "actual = 3\nactual_growth_pct = 12.35\n"
            '[h]\nname = "税收"\nkind = "indicator"\nunit = "万元"\nactual = 5\n'
            "actual_growth_pct = 4.00\n"
        },
        settings='entity = "测试镇"\n[summary]\nkey_indicators = ["g", "h"]\n',
    )
    runner = CliRunner()
    table = runner.invoke(app, ["status", "--ledger", str(root), "--year", "2024"])
    assert "+12.35%" in table.stdout and "+4.00%" in table.stdout
    data = runner.invoke(
        app, ["status", "--ledger", str(root), "--year", "2024", "--format", "json"]
    )
    assert '"yoy_pct": 12.35' in data.stdout and '"yoy_pct": 4.00' in data.stdout
    summary = runner.invoke(app, ["summary", "--ledger", str(root), "--year", "2024"])
    assert "同比增长12.35%" in summary.stdout and "同比增长4.00%" in summary.stdout


def test_a_nominal_growth_below_the_cpi_shows_as_a_real_decline_in_show(make_ledger) -> None:
    settings = 'entity = "测试镇"\n\n[figures]\ncpi = { 2024 = 3.0 }\n'
    root = make_ledger(
        {
            "2024/a.toml": '[tax]\nname = "税收"\nkind = "indicator"\nunit = "万元"\n'
            "actual = 1020\nbaseline = 1000\n"
        },
        settings=settings,
    )
    shown = CliRunner().invoke(app, ["show", "tax", "--ledger", str(root), "--year", "2024"])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"同比\s+\+2\.0%", shown.stdout)
    assert re.search(r"扣除价格因素\s+下降1\.0%", shown.stdout)  # 1.02 ÷ 1.03 − 1
    plain = make_ledger(
        {"2024/a.toml": '[tax]\nname = "税收"\nkind = "indicator"\nunit = "万元"\nactual = 1\n'},
        name="nocpi",
    )
    out = CliRunner().invoke(app, ["show", "tax", "--ledger", str(plain), "--year", "2024"])
    assert "扣除价格因素" not in out.stdout  # no CPI in the settings: nothing to take out


def test_export_and_import_keep_figures_as_written(tmp_path: Path) -> None:
    runner = CliRunner()
    sheet = tmp_path / "进度.csv"
    result = runner.invoke(
        app, ["export", "-o", str(sheet), "--ledger", str(FORMS / "lower_bound")]
    )
    assert result.exit_code == 0, result.output
    text = sheet.read_text(encoding="utf-8-sig")
    assert "300个以上" in text and "超过320个" in text and "超3亿元" in text
    root = tmp_path / "新"
    runner.invoke(app, ["init", str(root), "--entity", "新", "--year", "2024"])
    imported = runner.invoke(app, ["import", str(sheet), "--year", "2024", "--ledger", str(root)])
    assert imported.exit_code == 0, imported.output
    item = load_ledger(root).find(2024, "investment")
    assert item is not None and item.target == 30000
    written = item.written_of("target")
    assert written is not None and written.text == "超3亿元"


@pytest.mark.parametrize(
    ("text", "zh"),
    [("6%—6.5%", "目标增长6%—6.5%"), ("控制在3%以内", "目标控制在3%以内"),
     ("增长10%左右", "目标增长10%左右"), ("-3%", "目标下降3%"), ("翻一番", "目标翻一番")],
)  # fmt: skip
def test_target_growth_words_as_written(text: str, zh: str) -> None:
    from plancheck.render.figures import target_growth
    from plancheck.written import read_figure

    figure = read_figure(text)
    assert target_growth(figure.value, "zh", figure) == zh
