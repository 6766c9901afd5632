"""The bundled ledger (targets/): it loads cleanly, round-trips, and gives the hand figures."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import tomlkit

from plancheck.read.load import load_ledger
from plancheck.render.numbers import round_pct
from plancheck.report.evaluate import Options, Status, evaluate

TARGETS = Path(__file__).resolve().parent.parent / "targets"
FILES = sorted(TARGETS.rglob("*.toml"))


@pytest.fixture(scope="module")
def ledger():
    return load_ledger(TARGETS)


@pytest.fixture(scope="module")
def report_2023(ledger):
    return {r.item.id: r for r in evaluate(ledger, Options(2023, dt.date(2023, 12, 31))).items}


def test_loads_without_errors_or_warnings(ledger) -> None:
    assert ledger.problems == ()
    assert ledger.years == (2023, 2024)
    assert len(ledger.items_of(2023)) >= 240


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TARGETS)))
def test_tomlkit_round_trip_is_byte_identical(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert tomlkit.dumps(tomlkit.parse(text)) == text


def test_every_entry_quotes_its_source_and_has_an_owner(ledger) -> None:
    for item in ledger.items:
        assert item.source.strip(), item.id
        assert item.owner, item.id
        assert item.section, item.id
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", item.id), item.id


def test_owners_are_the_settings_list(ledger) -> None:
    assert {i.owner for i in ledger.items} <= set(ledger.settings.owners)


def test_every_section_of_the_report_is_present(ledger) -> None:
    sections = {i.section for i in ledger.items_of(2023)}
    for heading in (
        "（一）扩投资",
        "（二）强产业",
        "（三）提品质",
        "（四）办实事",
        "（五）优环境",
        "（六）强党性",
    ):
        assert any(s.startswith(heading) for s in sections), heading
    plan = {i.section for i in ledger.items_of(2024)}
    assert len(plan) == 3
    assert len([w for w in ledger.weaknesses if w.year == 2023]) == 3


@pytest.mark.parametrize(
    ("item_id", "completion", "gap"),
    [
        ("fiscal-revenue", "101.3", "0"),
        ("pregnancy-checkups", "107.4", "0"),
        ("folic-acid", "102.6", "0"),
        ("toilet-rectification", "58.8", "262"),
        ("enterprise-problems", "90.5", "4"),
        ("rice-area", "86.7", "2"),
        ("jingchen-investment", "33.0", "0.8044"),
        ("disputes-resolved", "98.2", "1"),
        ("community-correction-visits", "66.7", "7"),
        ("poverty-survey-issues-rectified", "100.0", "0"),
        ("soybean-area", "500.0", "0"),
    ],
)
def test_hand_computed_completion(report_2023, item_id: str, completion: str, gap: str) -> None:
    r = report_2023[item_id]
    assert r.completion_pct is not None
    assert round_pct(r.completion_pct) == Decimal(completion)
    assert r.gap == Decimal(gap)


@pytest.mark.parametrize(
    ("item_id", "yoy"),
    [
        ("industrial-output-above-size", "36.5"),
        ("industrial-investment", "96.1"),
        ("rural-dibao-persons", "5.1"),
        ("village-collective-income-average", "54.0"),
    ],
)
def test_hand_computed_growth(report_2023, item_id: str, yoy: str) -> None:
    r = report_2023[item_id]
    assert r.yoy_pct is not None and round_pct(r.yoy_pct) == Decimal(yoy)


def test_toilets_shortfall_and_no_invented_actuals(report_2023) -> None:
    toilets = report_2023["toilet-rectification"]
    assert toilets.status is Status.MISSED and toilets.actual == 374
    # 改厕任务331户 "目前已基本完成": no figure given, so no data rather than a guess
    assert report_2023["toilet-construction"].status is Status.NO_DATA


def test_2024_plan_numbers_only_where_implied(ledger) -> None:
    plan = {i.id: i for i in ledger.items_of(2024)}
    toilets = plan["toilet-rectification"]
    assert (toilets.baseline, toilets.target) == (262, 0)
    assert toilets.carried_from == "2023/toilet-rectification"
    assert plan["textile-park-enterprises"].target == 39
    assert plan["leaders-investment-trips"].target == 12
    numbered = {i.id for i in plan.values() if i.target is not None}
    assert numbered == {
        "toilet-rectification",
        "textile-park-enterprises",
        "leaders-investment-trips",
    }
    assert all(i.actual is None for i in plan.values())
