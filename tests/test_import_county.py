"""import of the county's 目标分解表 as it arrives: year-prefixed headers, section rows,
bounds written in the target cell, a deadline on an amount row, rows it cannot place."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.read.load import load_ledger

TABLE = """\
定远县2025年目标任务分解表
序号,指标名称,单位,2025年目标,2024年完成,2026年目标,责任单位,完成时限
一、经济发展,,,,,,,
1,一般公共预算收入,万元,1800,1650,1900,财政所,
2,固定资产投资,亿元,4.6,4.1,,经发办,
（一）民生,,,,,,,
3,城乡居民医保参保率,%,≥95%,94.2,,民政办,
4,安全生产事故,起,≤2,3,,应急办,
5,养老保险参保率,%,90%以上,88,,民政办,
6,高标准农田建设,亩,12000,,,农业农村办,2025年9月底前
7,应急物资储备库建设,,,,,应急办,2025-09-30
8,消防演练,次,12,,,应急办,视情况而定
"""


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"PLANCHECK_TODAY": "2025-02-03"})


def ledger(make_ledger) -> Path:
    settings = (
        'entity = "测试镇"\nowners = ["财政所", "经发办", "民政办", "应急办", "农业农村办"]\n'
    )
    return make_ledger({}, settings=settings)


def test_a_county_table_is_read_as_it_arrives(make_ledger, tmp_path: Path) -> None:
    root = ledger(make_ledger)
    table = tmp_path / "分解表.csv"
    table.write_text(TABLE, encoding="utf-8")
    result = run("import", str(table), "--year", "2025", "-l", str(root))
    assert result.exit_code == 0, result.output
    assert "target←2025年目标" in result.stderr and "baseline←2024年完成" in result.stderr
    assert "2026年目标" not in result.stderr.split("\n")[0]  # another year's column is left
    assert f"{table}:12:" in result.stderr and "视情况而定" in result.stderr  # listed, with its row
    assert f"{table}:10:" not in result.stderr  # 9月底前 is placed: the due month
    items = {i.name: i for i in load_ledger(root).items}
    revenue = items["一般公共预算收入"]
    assert (revenue.section, revenue.target, revenue.baseline) == (
        "一、经济发展", Decimal(1800), Decimal(1650),
    )  # fmt: skip
    insured = items["城乡居民医保参保率"]
    assert (insured.section, insured.kind.value, insured.target) == ("（一）民生", "rate", 95)
    assert items["养老保险参保率"].target == 90
    accidents = items["安全生产事故"]
    assert accidents.direction.value == "down" and accidents.target == 2
    farmland = items["高标准农田建设"]
    assert farmland.due is not None and farmland.due.isoformat() == "2025-09-30"
    assert farmland.phasing is None and farmland.plan == ()
    # expected progress rises linearly to the whole target in September (not 0 until then)
    for as_of, expected in (("2025-03", "33.3"), ("2025-06", "66.7"), ("2025-09", "100.0")):
        status = run("status", "-l", str(root), "--as-of", as_of, "--format", "json")
        row = next(i for i in json.loads(status.stdout)["items"] if i["name"] == "高标准农田建设")
        assert f"{row['expected_pct']:.1f}" == expected, (as_of, row["expected_pct"])
    shown = run("show", "高标准农田", "-l", str(root), "--year", "2025")
    assert shown.exit_code == 0 and "完成期限" in shown.stdout and "2025-09" in shown.stdout
    export = run("export", "-l", str(root), "--year", "2025", "-o", "-")
    head, *rows = export.stdout.splitlines()
    column = head.split(",").index("完成期限")
    farm = next(r for r in rows if "高标准农田建设" in r).split(",")
    assert farm[column].startswith("2025-09"), farm
    assert "完成时限：视情况而定" in items["消防演练"].note
    depot = items["应急物资储备库建设"]
    assert depot.kind.value == "milestone" and str(depot.due) == "2025-09-30"
    assert not any("一、经济发展" == name for name in items)  # a heading is no item


def test_a_row_it_cannot_place_is_listed_with_its_row(make_ledger, tmp_path: Path) -> None:
    root = ledger(make_ledger)
    table = tmp_path / "分解表.csv"
    # "约1800" is a figure as reports write it (approximate) since issue 15; "18O0" is none
    table.write_text(TABLE.replace("1800", "18O0"), encoding="utf-8")
    before = sorted(p.name for p in root.rglob("*"))
    result = run("import", str(table), "--year", "2025", "-l", str(root))
    assert result.exit_code == 3
    assert f"{table}:4:" in result.stderr
    assert sorted(p.name for p in root.rglob("*")) == before
