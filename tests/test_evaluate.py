"""Pure evaluation: completion, expected progress, gap, growth, status and light."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from plancheck.model import (
    Direction,
    Item,
    Kind,
    Ledger,
    Location,
    MilestoneState,
    Phasing,
    Reporting,
    Settings,
)
from plancheck.render.numbers import round_pct
from plancheck.report.evaluate import (
    Light,
    Options,
    Status,
    default_as_of,
    default_year,
    elapsed_months,
    evaluate,
    evaluate_item,
)

D = Decimal
LOC = Location(Path("t.toml"), 1)
YEAR_END = dt.date(2023, 12, 31)
JUNE = dt.date(2023, 6, 30)


def item(**kw: object) -> Item:
    base: dict[str, object] = {
        "id": "x",
        "year": 2023,
        "name": "x",
        "kind": Kind.AMOUNT,
        "unit": "户",
        "location": LOC,
    }
    base.update(kw)
    return Item(**base)  # type: ignore[arg-type]


def ev(
    it: Item, as_of: dt.date = YEAR_END, previous: Item | None = None, latest: str | None = None
):
    return evaluate_item(it, Options(year=it.year, as_of=as_of), previous, latest)


@pytest.mark.parametrize(
    ("target", "actual", "completion", "gap", "status"),
    [
        ("1900", "1924", "101.3", "0", Status.EXCEEDED),  # fiscal revenue
        ("175", "188", "107.4", "0", Status.EXCEEDED),  # 孕优
        ("228", "234", "102.6", "0", Status.EXCEEDED),  # 叶酸
        ("636", "374", "58.8", "262", Status.MISSED),  # problem toilets
        ("42", "38", "90.5", "4", Status.MISSED),  # enterprise problems
        ("15", "13", "86.7", "2", Status.MISSED),  # rice, 万亩
        ("55", "54", "98.2", "1", Status.MISSED),  # disputes resolved
        ("21", "14", "66.7", "7", Status.MISSED),  # community correction visits
        ("19", "19", "100.0", "0", Status.MET),
    ],
)
def test_amount_at_year_end(
    target: str, actual: str, completion: str, gap: str, status: Status
) -> None:
    r = ev(item(target=D(target), actual=D(actual)))
    assert r.completion_pct is not None
    assert round_pct(r.completion_pct) == D(completion)
    assert r.gap == D(gap)
    assert r.status is status
    assert r.expected_pct == 100


def test_units_converted_before_comparing() -> None:
    # 1.2 亿元 target, 3956 万元 actual: the loader converts to the item's unit.
    r = ev(item(unit="亿元", target=D("1.2"), actual=D("0.3956")))
    assert r.completion_pct is not None and round_pct(r.completion_pct) == D("33.0")
    assert r.gap == D("0.8044")


@pytest.mark.parametrize(
    ("actual", "baseline", "yoy"),
    [
        ("5.46", "4", "36.5"),
        ("3.1352", "1.5984", "96.1"),
        ("2755", "2622", "5.1"),
        ("64.7", "42", "54.0"),
    ],
)
def test_year_over_year_growth(actual: str, baseline: str, yoy: str) -> None:
    r = ev(item(kind=Kind.INDICATOR, unit="亿元", actual=D(actual), baseline=D(baseline)))
    assert r.status is Status.NO_TARGET and r.light is None
    assert r.yoy_pct is not None and round_pct(r.yoy_pct) == D(yoy)


def test_missing_actual_is_no_data_not_zero() -> None:
    r = ev(item(target=D(331)))
    assert r.status is Status.NO_DATA
    assert r.actual is None and r.completion_pct is None and r.gap is None
    assert r.light is None


@pytest.mark.parametrize(
    ("as_of", "months"),
    [
        (dt.date(2023, 6, 30), 6),
        (dt.date(2023, 6, 29), 5),
        (dt.date(2023, 1, 1), 0),
        (dt.date(2023, 12, 31), 12),
        (dt.date(2024, 3, 1), 12),
        (dt.date(2022, 12, 31), 0),
    ],
)
def test_elapsed_months(as_of: dt.date, months: int) -> None:
    assert elapsed_months(2023, as_of) == months


@pytest.mark.parametrize(
    ("actual", "status", "light"),
    [
        ("50", Status.ON_PACE, Light.GREEN),  # exactly half at the end of June
        ("45", Status.BEHIND, Light.GREEN),  # 5 points behind: within tolerance
        ("40", Status.BEHIND, Light.YELLOW),  # 10 points behind
        ("20", Status.BEHIND, Light.YELLOW),  # 30 points behind
        ("19", Status.BEHIND, Light.RED),  # 31 points behind
        ("100", Status.MET, Light.GREEN),
    ],
)
def test_linear_pace_and_lights(actual: str, status: Status, light: Light) -> None:
    r = ev(item(target=D(100), actual=D(actual)), as_of=JUNE)
    assert r.expected_pct == 50
    assert r.status is status
    assert r.light is light


def test_year_end_phasing_expects_nothing_before_december() -> None:
    it = item(target=D(100), actual=D(0), phasing=Phasing.YEAR_END)
    assert ev(it, as_of=JUNE).status is Status.ON_PACE
    assert ev(it).status is Status.MISSED


def test_plan_phasing() -> None:
    it = item(target=D(100), actual=D(30), plan=(("2023-03", D(10)), ("2023-06", D(40))))
    r = ev(it, as_of=JUNE)
    assert r.expected_pct == 40 and r.status is Status.BEHIND and r.behind_pp == 10


def test_history_gives_actual_as_of_a_month() -> None:
    it = item(
        target=D(120),
        actual=D(70),
        history=(("2023-05", D(50)), ("2023-06", D(60)), ("2023-07", D(70))),
    )
    r = ev(it, as_of=JUNE)
    assert r.actual == 60 and r.actual_month == "2023-06"
    r = ev(it, as_of=dt.date(2023, 4, 30))
    assert r.actual is None and r.status is Status.NO_DATA


def test_monthly_reporting_sums() -> None:
    it = item(
        target=D(120),
        reporting=Reporting.MONTHLY,
        history=(("2023-01", D(10)), ("2023-02", D(15)), ("2023-03", D(20))),
    )
    assert ev(it, as_of=dt.date(2023, 2, 28)).actual == 25
    assert ev(it, as_of=dt.date(2023, 3, 31)).actual == 45


def test_stale_when_latest_month_missing() -> None:
    it = item(target=D(120), history=(("2023-05", D(50)),))
    assert ev(it, as_of=JUNE, latest="2023-06").stale
    assert not ev(it, as_of=JUNE, latest="2023-05").stale


def test_mid_year_yoy_uses_last_years_history() -> None:
    prev = item(year=2022, history=(("2022-06", D(40)),), target=D(100))
    it = item(target=D(120), baseline=D(100), history=(("2023-06", D(50)),))
    r = ev(it, as_of=JUNE, previous=prev)
    assert r.baseline == 40 and r.yoy_pct == 25
    # no same-period figure: no growth rather than a wrong one against the full year
    assert ev(it, as_of=JUNE).yoy_pct is None


def test_growth_target() -> None:
    it = item(
        kind=Kind.GROWTH, unit="亿元", target_growth_pct=D(10), baseline=D(4), actual=D("5.46")
    )
    r = ev(it)
    assert r.target == D("4.4")
    assert round_pct(r.yoy_pct) == D("36.5")  # type: ignore[arg-type]
    # (1 + 0.365) / (1 + 0.10)
    assert round_pct(r.completion_pct) == D("124.1")  # type: ignore[arg-type]
    assert r.status is Status.EXCEEDED and r.gap == 0


def test_growth_target_short() -> None:
    it = item(
        kind=Kind.GROWTH, unit="亿元", target_growth_pct=D(10), baseline=D(4), actual=D("4.2")
    )
    r = ev(it)
    assert round_pct(r.completion_pct) == D("95.5")  # type: ignore[arg-type]
    assert r.gap == D("0.2") and r.status is Status.MISSED


def test_rate_gap_in_points() -> None:
    r = ev(item(kind=Kind.RATE, unit="%", target=D(90), actual=D("85.1")), as_of=JUNE)
    assert r.expected_pct == 100  # a level applies at every date
    assert r.gap == D("4.9") and r.status is Status.BEHIND


def test_lower_is_better_with_baseline() -> None:
    it = item(direction=Direction.DOWN, target=D(0), baseline=D(262), actual=D(131))
    r = ev(it, as_of=JUNE)
    assert r.completion_pct == 50 and r.expected_pct == 50 and r.status is Status.ON_PACE
    assert r.gap == 131
    done = ev(replace(it, actual=D(0)))
    assert done.status is Status.MET and done.completion_pct == 100


def test_ceiling_without_baseline() -> None:
    it = item(direction=Direction.DOWN, target=D(5))
    assert ev(replace(it, actual=D(3))).status is Status.MET
    r = ev(replace(it, actual=D(8)))
    assert r.status is Status.MISSED and r.gap == 3
    assert round_pct(r.completion_pct) == D("62.5")  # type: ignore[arg-type]
    assert ev(replace(it, actual=D(8)), as_of=JUNE).status is Status.BEHIND


def test_milestones() -> None:
    m = item(
        kind=Kind.MILESTONE,
        unit="",
        state=MilestoneState.DONE,
        done=dt.date(2023, 8, 31),
        due=dt.date(2023, 9, 30),
    )
    assert ev(m).status is Status.DONE and ev(m).light is Light.GREEN
    assert ev(m, as_of=JUNE).status is Status.PLANNED
    late = item(
        kind=Kind.MILESTONE, unit="", state=MilestoneState.STARTED, due=dt.date(2023, 5, 31)
    )
    assert ev(late, as_of=JUNE).status is Status.OVERDUE
    assert ev(late, as_of=JUNE).light is Light.RED
    blocked = item(kind=Kind.MILESTONE, unit="", state=MilestoneState.BLOCKED)
    assert ev(blocked).light is Light.RED


def test_score_is_capped() -> None:
    r = evaluate_item(
        item(target=D(100), actual=D(150), weight=D(10)),
        Options(year=2023, as_of=YEAR_END, score_cap=D(100)),
    )
    assert r.score == 10


def _ledger(*items: Item) -> Ledger:
    return Ledger(Path("."), Settings(entity="测试镇"), items)


def test_report_rollups_and_filters() -> None:
    a = item(id="a", section="S1", owner="甲", target=D(10), actual=D(12))
    b = item(id="b", section="S1", owner="乙", target=D(10), actual=D(2))
    c = item(id="c", section="S2", owner="甲", kind=Kind.INDICATOR, actual=D(1))
    report = evaluate(_ledger(a, b, c), Options(year=2023, as_of=YEAR_END))
    assert report.totals.items == 3
    assert report.totals.status(Status.EXCEEDED) == 1
    assert report.totals.status(Status.MISSED) == 1
    assert report.totals.light(Light.RED) == 1
    assert [g.key for g in report.by_section] == ["S1", "S2"]
    assert {g.key: g.counts.items for g in report.by_owner} == {"甲": 2, "乙": 1}
    only = evaluate(
        _ledger(a, b, c), Options(year=2023, as_of=YEAR_END, only=(Status.MISSED,), owners=("乙",))
    )
    assert [r.item.id for r in only.items] == ["b"]


def test_defaults_for_year_and_as_of() -> None:
    past = item(target=D(10), actual=D(5))
    plan = item(year=2024, id="p", target=D(5))
    ledger = _ledger(past, plan)
    assert default_year(ledger, dt.date(2026, 1, 1)) == 2023
    assert default_as_of([past], 2023, dt.date(2026, 1, 1)) == YEAR_END
    monthly = item(year=2024, target=D(10), history=(("2024-05", D(3)), ("2024-06", D(4))))
    assert default_as_of([monthly], 2024, dt.date(2024, 7, 9)) == dt.date(2024, 6, 30)


def test_growth_target_lower_is_better() -> None:
    # energy use to fall 3 %; it fell 5 %: better than the target
    it = item(
        kind=Kind.GROWTH,
        unit="吨",
        direction=Direction.DOWN,
        target_growth_pct=D(-3),
        baseline=D(1000),
        actual=D(950),
    )
    r = ev(it)
    assert r.status is Status.EXCEEDED and r.gap == 0
    assert round_pct(r.completion_pct) == D("102.1")  # type: ignore[arg-type]
    worse = ev(replace(it, actual=D(990)))
    assert worse.status is Status.MISSED and worse.gap == 20


def test_yoy_against_a_year_reported_month_by_month() -> None:
    prev = item(
        year=2022,
        reporting=Reporting.MONTHLY,
        target=D(120),
        history=(("2022-01", D(10)), ("2022-02", D(10)), ("2022-03", D(10))),
    )
    it = item(
        target=D(150),
        reporting=Reporting.MONTHLY,
        history=(("2023-01", D(11)), ("2023-02", D(11)), ("2023-03", D(11))),
    )
    r = ev(it, as_of=dt.date(2023, 3, 31), previous=prev)
    assert r.baseline == 30 and r.actual == 33 and r.yoy_pct == 10


def test_yoy_when_the_unit_changed_between_years() -> None:
    prev = item(year=2022, unit="万元", history=(("2022-06", D(3000)),), target=D(6000))
    it = item(unit="亿元", target=D("0.7"), history=(("2023-06", D("0.33")),))
    r = ev(it, as_of=JUNE, previous=prev)
    assert r.baseline == D("0.3") and r.yoy_pct == 10


def test_no_same_month_last_year_means_no_growth() -> None:
    prev = item(year=2022, history=(("2022-05", D(40)),), target=D(100))
    it = item(target=D(120), history=(("2023-06", D(50)),))
    assert ev(it, as_of=JUNE, previous=prev).yoy_pct is None


def test_a_target_of_zero_is_met() -> None:
    r = ev(item(target=D(0), actual=D(3)))
    assert r.status is Status.MET and r.completion_pct is None and r.gap == 0


@pytest.mark.parametrize("as_of_month", range(1, 13))
def test_a_figure_reported_in_june_is_seen_from_june_on_only(as_of_month: int) -> None:
    """A growth rate (and an actual) the report states for June is no data at as-of dates
    before June, and the figure at every date from June on."""
    from plancheck.periods import month_end

    growth = item(
        kind=Kind.GROWTH, unit="%", target_growth_pct=D(8), actual_growth_pct=D("9.5"),
        reported="2023-06",
    )  # fmt: skip
    amount = item(target=D(100), actual=D(60), reported="2023-06")
    as_of = month_end(2023, as_of_month)
    got, counted = ev(growth, as_of), ev(amount, as_of)
    if as_of_month < 6:
        assert (got.status, got.yoy_pct, got.completion_pct) == (Status.NO_DATA, None, None)
        assert (counted.status, counted.actual) == (Status.NO_DATA, None)
    else:
        assert got.yoy_pct == D("9.5")
        assert got.status is Status.EXCEEDED  # 109.5 / 108 > 100 %
        assert (counted.actual, counted.actual_month) == (D(60), "2023-06")


@pytest.mark.parametrize("as_of_month", range(1, 13))
def test_a_stated_growth_with_a_history_counts_from_its_last_month_on(as_of_month: int) -> None:
    from plancheck.periods import month_end

    growth = item(
        kind=Kind.GROWTH, unit="%", target_growth_pct=D(8), actual_growth_pct=D(7),
        history=((("2023-03"), D(10)), ("2023-09", D(30))),
    )  # fmt: skip
    got = ev(growth, month_end(2023, as_of_month))
    assert got.yoy_pct == (D(7) if as_of_month >= 9 else None)
    expected = {9: Status.BEHIND, 10: Status.BEHIND, 11: Status.BEHIND, 12: Status.MISSED}
    assert got.status is expected.get(as_of_month, Status.NO_DATA)


def test_value_at_is_the_one_figure_at_a_month() -> None:
    from plancheck.periods import value_at

    ytd = item(history=(("2023-03", D(10)), ("2023-06", D(25))), actual=D("25.0"))
    monthly = replace(ytd, reporting=Reporting.MONTHLY)
    single = item(actual=D(5), reported="2023-04")
    assert value_at(ytd, "2023-02") == (None, None)
    assert value_at(ytd, "2023-05") == (D(10), "2023-03")
    assert value_at(monthly, "2023-12") == (D(35), "2023-06")
    assert value_at(ytd) == (D("25.0"), "2023-06")  # the actual as written
    assert value_at(single, "2023-03") == (None, None)
    assert value_at(single, "2023-04") == (D(5), "2023-04")
    assert value_at(item(actual=D(5))) == (D(5), None)
