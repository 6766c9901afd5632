"""A folder of township ledgers is a county ledger: sums, per-entity counts, filters."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from plancheck.model import Item, Kind, Location, Reporting
from plancheck.read.load import load_ledger
from plancheck.render import Format, GroupBy, render_rollup
from plancheck.render.numbers import round_pct
from plancheck.report.evaluate import Light, Options, Status, evaluate
from plancheck.report.rollup import TOTAL, combine

from .conftest import FIXTURES

COUNTY = FIXTURES / "county"
JUNE = dt.date(2024, 6, 30)


def test_loads_every_township_with_its_name() -> None:
    ledger = load_ledger(COUNTY)
    assert ledger.settings.entity == "示范县"
    assert ledger.entities == ("乙镇", "甲镇")
    assert {i.entity for i in ledger.items} == {"甲镇", "乙镇"}
    assert ledger.settings.owners == ("农业农村办", "经发办")  # gathered from the members


def test_shared_ids_are_summed_with_completion_on_the_sums() -> None:
    report = evaluate(load_ledger(COUNTY), Options(2024, JUNE))
    by_key = {(r.item.entity, r.item.id): r for r in report.items}
    invest = by_key[(TOTAL, "investment")]
    # 甲 2 亿元 + 乙 30000 万元 = 5 亿元; 1.2 + 2.1 = 3.3 → 66.0 %
    assert (invest.target, invest.actual) == (Decimal(5), Decimal("3.3"))
    assert round_pct(invest.completion_pct) == Decimal("66.0")  # type: ignore[arg-type]
    assert invest.item.history == (("2024-05", Decimal("2.4")), ("2024-06", Decimal("3.3")))
    # one township has not reported: the sum is unknown, not the other's figure
    toilets = by_key[(TOTAL, "toilets")]
    assert toilets.target == 150 and toilets.actual is None and toilets.status is Status.NO_DATA
    # rates and milestones are not summed
    assert ("甲镇", "insurance-rate") in by_key and ("乙镇", "insurance-rate") in by_key
    assert by_key[("甲镇", "park-road")].status is Status.OVERDUE


def test_by_entity_counts_each_townships_own_items() -> None:
    report = evaluate(load_ledger(COUNTY), Options(2024, JUNE))
    groups = {g.key: g.counts for g in report.by_entity}
    assert groups["甲镇"].items == 4 and groups["乙镇"].items == 3
    assert groups["甲镇"].light(Light.RED) == 1  # the road is overdue
    assert groups["甲镇"].light(Light.YELLOW) == 1  # toilets 30 % against 50 % expected
    assert groups["乙镇"].status(Status.NO_DATA) == 1


def test_one_entity_is_its_own_ledger() -> None:
    report = evaluate(load_ledger(COUNTY), Options(2024, JUNE, entities=("乙镇",)))
    assert {r.item.entity for r in report.items} == {"乙镇"}
    invest = next(r for r in report.items if r.item.id == "investment")
    assert invest.item.unit == "万元" and invest.actual == 21000


@pytest.mark.parametrize("fmt", list(Format))
def test_by_entity_renders_in_every_format(fmt: Format) -> None:
    report = evaluate(load_ledger(COUNTY), Options(2024, JUNE))
    text = render_rollup(report, GroupBy.ENTITY, fmt, lang="zh")
    assert "甲镇" in text and "乙镇" in text
    if fmt is Format.JSON:
        data = json.loads(text)
        assert data["by"] == "entity"
        assert data["totals"]["items"] == 7  # the townships' own items, not the sums


def test_county_cli(tmp_path) -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    runner = CliRunner()
    base = ["--ledger", str(COUNTY), "--as-of", "2024-06"]
    by = runner.invoke(app, ["status", *base, "--by", "entity"])
    assert by.exit_code == 0 and "甲镇" in by.stdout
    one = runner.invoke(app, ["status", *base, "--entity", "乙镇", "--format", "json"])
    data = json.loads(one.stdout)
    assert {i["entity"] for i in data["items"]} == {"乙镇"}
    bad = runner.invoke(app, ["status", *base, "--entity", "丙镇"])
    assert bad.exit_code == 2 and "丙镇" in bad.stderr
    summary = runner.invoke(app, ["summary", *base])
    assert summary.exit_code == 0 and "甲镇·园区道路建成" in summary.stdout
    check = runner.invoke(app, ["check", "--ledger", str(COUNTY)])
    assert check.exit_code == 0 and check.stdout == ""


def test_a_generated_county_of_twenty_townships(tmp_path) -> None:
    """benchmarks/generate.py's county: 20 townships whose shared ids are summed."""
    import importlib.util
    import random

    from .conftest import REPO

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    rng = random.Random(7)
    county = tmp_path / "county"
    for n in range(20):
        name = f"{generate.PLACES[n]}镇"
        generate.write_ledger(county / name, name, 30, 10, 2024, 6, rng)
    ledger = load_ledger(county)
    assert len(ledger.entities) == 20 and len(ledger.items) == 600
    report = evaluate(ledger, Options(2024, JUNE))
    assert len(report.by_entity) == 20
    assert sum(g.counts.items for g in report.by_entity) == 600
    summed = [r for r in report.items if r.item.entity == TOTAL and r.item.target is not None]
    assert summed  # the same ids in every township are added up
    first = summed[0]
    parts = [i for i in ledger.items if i.id == first.item.id and i.year == 2024]
    assert len(parts) == 20 and {p.unit for p in parts} == {first.item.unit}
    assert first.target == sum(p.target for p in parts if p.target is not None)


def test_a_township_behind_on_reporting_leaves_the_months_sum_unknown(tmp_path) -> None:
    import shutil

    root = tmp_path / "county"
    shutil.copytree(COUNTY, root)
    path = root / "甲镇" / "2024" / "targets.toml"
    text = path.read_text("utf-8").replace("2024-06 = 1.2\n", "2024-06 = 1.2\n2024-07 = 1.4\n")
    path.write_text(text.replace("actual = 1.2\n", "actual = 1.4\n"), "utf-8")
    report = evaluate(load_ledger(root), Options(2024, dt.date(2024, 7, 31)))
    invest = next(r for r in report.items if r.item.id == "investment" and r.item.entity == TOTAL)
    # 乙镇 has reported June only: the July sum is unknown, June's (3.3) is the latest known
    assert invest.actual == Decimal("3.3") and invest.actual_month == "2024-06"
    assert invest.stale


def test_county_diff_and_show_keep_townships_apart() -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    runner = CliRunner()
    diff = runner.invoke(
        app, ["diff", "--ledger", str(COUNTY), "--from", "2024-05", "--to", "2024-06"]
    )
    assert diff.exit_code == 0
    assert "医保参保率" not in diff.stdout  # undated rates did not change
    assert "甲镇·园区道路建成" in diff.stdout
    show = runner.invoke(app, ["show", "investment", "--ledger", str(COUNTY), "--as-of", "2024-06"])
    assert show.exit_code == 0 and "66.0%" in show.stdout  # the county's sum
    ambiguous = runner.invoke(app, ["show", "insurance-rate", "--ledger", str(COUNTY)])
    assert ambiguous.exit_code == 2 and "--entity" in ambiguous.stderr
    one = runner.invoke(
        app, ["show", "insurance-rate", "--ledger", str(COUNTY), "--entity", "甲镇"]
    )
    assert one.exit_code == 0 and "甲镇·医保参保率" in one.stdout and "93" in one.stdout
    summary = runner.invoke(app, ["summary", "--ledger", str(COUNTY), "--as-of", "2024-06"])
    assert "甲镇·医保参保率：目标95%，实际93%" in summary.stdout
    assert "乙镇·医保参保率：目标95%，完成96%" in summary.stdout


def _member(entity: str, unit: str, **kw: object) -> Item:
    fields: dict[str, object] = {
        "id": "x",
        "year": 2024,
        "name": "投资",
        "kind": Kind.AMOUNT,
        "unit": unit,
        "location": Location(Path(f"{entity}.toml"), 1),
        "entity": entity,
    }
    fields.update(kw)
    return Item(**fields)  # type: ignore[arg-type]


def test_combine_sums_in_the_unit_most_members_use_and_keeps_weights_as_they_are() -> None:
    group = [
        _member("甲", "亿元", target=Decimal(2), actual=Decimal("1.2"), weight=Decimal(10)),
        _member("乙", "万元", target=Decimal(30000), actual=Decimal(21000), weight=Decimal(5)),
        _member("丙", "亿元", target=Decimal("0.5"), actual=Decimal("0.25"), weight=Decimal(1)),
    ]
    total = combine(group)
    assert (total.unit, total.entity) == ("亿元", TOTAL)
    assert (str(total.target), str(total.actual)) == ("5.5", "3.55")  # exponents too
    assert total.weight == 16  # 分值 are points, never converted like a quantity
    assert total.baseline is None  # nobody gave one
    group[2] = _member("丙", "亿元", target=Decimal("0.5"), weight=None)
    assert combine(group).weight is None and combine(group).actual is None


def test_combine_history_monthly_values_add_missing_as_nothing_ytd_leaves_the_month_out() -> None:
    may, june = "2024-05", "2024-06"
    a = [(may, Decimal(1)), (june, Decimal(2))]
    b = [(june, Decimal(5))]
    ytd = combine([_member("甲", "户", history=tuple(a)), _member("乙", "户", history=tuple(b))])
    assert ytd.history == ((june, Decimal(7)),) and ytd.actual == 7
    monthly = combine(
        [
            _member("甲", "户", history=tuple(a), reporting=Reporting.MONTHLY),
            _member("乙", "户", history=tuple(b), reporting=Reporting.MONTHLY),
        ]
    )
    assert monthly.history == ((may, Decimal(1)), (june, Decimal(7)))
    lagging = combine([_member("甲", "户", history=tuple(a)), _member("乙", "户")])
    assert lagging.history == () and lagging.actual is None


def test_a_sum_does_not_keep_one_townships_figure_as_written() -> None:
    from plancheck.written import read_figure

    def township(entity: str, target: str, growth: str) -> Item:
        return Item(
            id="projects", year=2024, name="新开工项目", kind=Kind.AMOUNT, unit="个",
            location=Location(Path("x.toml")), entity=entity, target=Decimal(300),
            target_growth_pct=Decimal(10),
            written=(("target", read_figure(target)), ("target_growth_pct", read_figure(growth))),
        )  # fmt: skip

    summed = combine(
        [township("甲镇", "300个以上", "增长10%左右"), township("乙镇", "300个", "增长10%左右")]
    )
    assert summed.target == 600 and summed.written_of("target") is None  # 600, not "300个以上"
    kept = summed.written_of("target_growth_pct")  # the same growth, written alike by both
    assert kept is not None and kept.text == "增长10%左右"
