"""check and update on figures as reports write them: percentage points, ratios whose
denominator is money, unit slips, year-to-date order of indicators."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from plancheck.check.hints import slip_factor
from plancheck.check.run import check_ledger
from plancheck.errors import PlancheckError
from plancheck.messages import message
from plancheck.read.load import LedgerError, load_ledger
from plancheck.report.evaluate import Options, evaluate
from plancheck.write import edit

D = Decimal

RATE = """
[share]
name = "研发投入占比"
kind = "indicator"
unit = "%"
actual = 41.9
baseline = 38.2
[[share.claims]]
kind = "growth"
value = {value}
unit = "个百分点"
says = "提高{value}个百分点"
"""


def codes(root: Path) -> list[tuple[str, object, object, str]]:
    return [(f.code, f.stated, f.computed, f.unit) for f in check_ledger(load_ledger(root))]


def test_a_rate_compared_with_its_baseline_changes_in_percentage_points(make_ledger) -> None:
    root = make_ledger({"2024/a.toml": RATE.format(value="3.7")})
    assert codes(root) == []
    import datetime as dt

    report = evaluate(load_ledger(root), Options(2024, dt.date(2024, 12, 31)))
    (r,) = report.items
    assert r.change_pp == D("3.7") and r.yoy_pct is None  # not +9.7 %


def test_a_points_claim_says_points_in_stated_and_computed(make_ledger) -> None:
    root = make_ledger({"2024/a.toml": RATE.format(value="9.7")})
    assert codes(root) == [("check.claim_points", D("9.7"), D("3.7"), "个百分点")]


def test_a_ratio_with_a_money_denominator_is_not_divided_by_yuan(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[gdp]\nname = "产值"\nkind = "amount"\nunit = "亿元"\nactual = 5\n'
            '[invest]\nname = "投资"\nkind = "amount"\nunit = "万元"\nactual = 10000\n'
            '[[invest.claims]]\nkind = "ratio"\nvalue = 4\nunit = "倍"\nof = ["gdp", "invest"]\n'
            '[jobs]\nname = "带动就业"\nkind = "amount"\nunit = "人"\nactual = 600\n'
            '[[jobs.claims]]\nkind = "ratio"\nvalue = 600\nunit = "人"\nof = ["jobs", "gdp"]\n'
        }
    )
    got = codes(root)
    # 5亿元 ÷ 10000万元 is 5 (not 5 ÷ 10⁸ ≈ 0); 600人 per 5亿元 is 120 per 亿元
    assert [(c, s, round(v, 4) if isinstance(v, Decimal) else v) for c, s, v, _ in got] == [
        ("check.claim_ratio", D(4), D(5)),
        ("check.claim_ratio", D(600), D(120)),
    ]


def test_a_unit_slip_gets_a_hint_naming_the_factor(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": '[total]\nname = "总收入"\nkind = "amount"\nunit = "万元"\n'
            'actual = 3000000\nparts = ["p1", "p2"]\n'
            '[p1]\nname = "一"\nkind = "amount"\nunit = "万元"\nactual = 100\n'
            '[p2]\nname = "二"\nkind = "amount"\nunit = "万元"\nactual = 200\n'
        }
    )
    findings = check_ledger(load_ledger(root))
    assert [f.code for f in findings] == ["check.parts_sum", "check.unit_slip"]
    hint = dict(findings[1].args)
    assert hint["factor"] == "10000" and "元/万元" in hint["units"]
    assert "10000" in message("check.unit_slip", hint, "zh")


@pytest.mark.parametrize(
    ("stated", "computed", "factor"),
    [("3000000", "300", 10**4), ("300", "3000000", 10**4), ("5.46", "546000000", 10**8),
     ("2", "2000", 1000), ("300", "301", None), ("0", "300", None)],
)  # fmt: skip
def test_slip_factor(stated: str, computed: str, factor: int | None) -> None:
    assert slip_factor(D(stated), D(computed)) == (None if factor is None else D(factor))


INDICATOR = """
[visitors]
name = "接待游客"
kind = "indicator"
unit = "人次"
[visitors.history]
"2024-03" = 100
"2024-06" = 300
"""


def test_year_to_date_order_holds_for_indicators_and_names_the_months_right(
    make_ledger,
) -> None:
    root = make_ledger({"2024/a.toml": INDICATOR})
    with pytest.raises(PlancheckError) as below:
        edit.record_actual(root, "visitors", "90", month="2024-05")
    assert below.value.code == "edit.decrease"  # below March's 100
    with pytest.raises(PlancheckError) as info:
        edit.record_actual(root, "visitors", "400", month="2024-05")
    assert info.value.code == "edit.above_later"  # above the later June figure, not "below"
    args = dict(info.value.args_)
    assert (args["month"], args["other"]) == ("2024-05", "2024-06")
    with pytest.raises(PlancheckError) as early:
        edit.record_actual(root, "visitors", "50", month="2024-04")
    assert early.value.code == "edit.decrease"
    assert dict(early.value.args_)["other"] == "2024-03"


def test_a_claim_may_quote_another_year(make_ledger) -> None:
    claim = (
        '[[review.claims]]\nkind = "growth"\nvalue = {v}\nyear = 2020\n'
        'of = ["output", "output.baseline"]\nsays = "2020年产值增长{v}%"\n'
    )
    root = make_ledger(
        {
            "2020/a.toml": '[output]\nname = "产值"\nkind = "indicator"\nunit = "亿元"\n'
            "actual = 5\nbaseline = 4\n",
            "2021/a.toml": '[review]\nname = "回顾"\nkind = "indicator"\nunit = "亿元"\n'
            "actual = 6\n" + claim.format(v=25) + claim.format(v=30),
        }
    )
    # the 2021 review's claims are about 2020's figures: 25 % agrees, 30 % does not
    assert codes(root) == [("check.claim_growth", D(30), D(25), "%")]
    bad = make_ledger(
        {
            "2021/a.toml": '[r]\nname = "R"\nkind = "indicator"\nunit = "个"\nactual = 1\n'
            '[[r.claims]]\nkind = "growth"\nvalue = 1\nyear = "去年"\nof = ["r", "r.baseline"]\n'
        },
        name="bad",
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(bad)
    assert [p.code for p in info.value.problems] == ["value.year"]
