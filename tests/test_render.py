"""Renderers on a hand-built report: exact text, CJK width, every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from plancheck.render import Format, render
from plancheck.render.numbers import amount, pct, plain
from tests.conftest import Golden
from tests.reports import sample_report


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("101.25", "101.3%"),
        ("101.249", "101.2%"),
        ("58.80503", "58.8%"),
        ("-0.04", "0.0%"),
        ("0.05", "0.1%"),
        ("33", "33.0%"),
    ],
)
def test_pct_rounds_half_up(value: str, text: str) -> None:
    from decimal import Decimal

    assert pct(Decimal(value)) == text


def test_plain_and_amount() -> None:
    from decimal import Decimal

    assert plain(Decimal("1900")) == "1900"
    assert plain(Decimal("1.9E+3")) == "1900"
    assert plain(Decimal("0.39560")) == "0.3956"
    assert amount(Decimal("4.123456")) == "4.123456"  # exact, as in the JSON
    assert amount(Decimal("4.123456"), 2) == "4.12"  # computed figures such as scores
    assert amount(Decimal("123456789012345678901234567.125"), 2) == (
        "123456789012345678901234567.13"
    )
    assert amount(None) == "—"


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_renders(fmt: Format, lang: str) -> None:
    text = render(sample_report(), fmt, lang=lang, width=100)
    assert "财政收入" in text
    if fmt is Format.JSON:
        json.loads(text)
    else:
        assert "101.3" in text


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_table_fits_width_and_never_cuts_values(width: int) -> None:
    text = render(sample_report(), Format.TABLE, lang="zh", width=width)
    for line in text.splitlines():
        assert cell_len(line) <= width, line
    # every number is printed whole on one line
    values = ["1924", "0.3956", "101.3%", "58.8%", "2023-08", "33.0%", "超额完成"]
    if width >= 80:
        values += ["262", "4.9百分点"]
    for value in values:
        assert value in text, value


def test_table_piped_has_no_truncation() -> None:
    text = render(sample_report(), Format.TABLE, lang="zh", width=None)
    assert "璟晨纺织年产5000万米化纤面料项目投资" in text
    assert "\x1b[" not in text  # no colour


def test_table_golden_zh_80(golden: Golden) -> None:
    golden("status_zh_80.txt", render(sample_report(), Format.TABLE, lang="zh", width=80))


def test_table_golden_en_120(golden: Golden) -> None:
    golden("status_en_120.txt", render(sample_report(), Format.TABLE, lang="en", width=120))


def test_markdown_golden(golden: Golden) -> None:
    golden("status_zh.md", render(sample_report(), Format.MARKDOWN, lang="zh"))


def test_markdown_columns_align_with_chinese() -> None:
    text = render(sample_report(), Format.MARKDOWN, lang="zh")
    table_lines = [ln for ln in text.splitlines() if ln.startswith("|")]
    blocks: list[list[str]] = [[]]
    for ln in text.splitlines():
        if ln.startswith("|"):
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    assert table_lines
    for block in blocks:
        if block:
            assert len({cell_len(ln) for ln in block}) == 1, block


def test_csv_shape_and_bom() -> None:
    text = render(sample_report(), Format.CSV, lang="zh", bom=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    header, *body = rows
    assert header[:3] == ["编号", "板块", "目标任务"]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    fiscal = by_id["fiscal-revenue"]
    assert fiscal["完成率"] == "101.3" and fiscal["目标"] == "1900" and fiscal["完成"] == "1924"
    task = by_id["toilet-task"]
    assert task["完成"] == "" and task["状态"] == "无数据"


def test_json_shape() -> None:
    data = json.loads(render(sample_report(), Format.JSON))
    assert set(data) >= {"entity", "year", "as_of", "elapsed_pct", "items", "totals"}
    assert data["entity"] == "测试镇" and data["year"] == 2023 and data["as_of"] == "2023-12-31"
    items = {i["id"]: i for i in data["items"]}
    keys = {
        "id",
        "name",
        "section",
        "owner",
        "kind",
        "direction",
        "unit",
        "target",
        "actual",
        "baseline",
        "completion_pct",
        "expected_pct",
        "gap",
        "yoy_pct",
        "status",
        "light",
        "note",
        "source",
    }
    assert all(keys <= set(i) for i in items.values())
    assert items["fiscal-revenue"]["completion_pct"] == 101.3
    assert items["invest"]["completion_pct"] == 33.0
    assert items["invest"]["actual"] == 0.3956 and items["invest"]["gap"] == 0.8044
    assert items["toilets"]["gap"] == 262 and items["toilets"]["completion_pct"] == 58.8
    assert items["output"]["yoy_pct"] == 36.5
    assert items["toilet-task"]["actual"] is None and items["toilet-task"]["status"] == "no_data"
    assert data["totals"]["items"] == len(items)


def test_json_numbers_are_exact_literals() -> None:
    text = render(sample_report(), Format.JSON)
    assert '"actual": 0.3956' in text and '"gap": 0.8044' in text


def test_json_keeps_digits_a_float_would_lose() -> None:
    from dataclasses import replace
    from decimal import Decimal

    from plancheck.render.jsonout import render_json

    report = sample_report()
    first = report.items[0]
    long = Decimal("12345678901234567.891")
    item = replace(first, actual=long, gap=Decimal("0.1000000000000000055511151231257827"))
    text = render_json(replace(report, items=(item,)))
    assert '"actual": 12345678901234567.891' in text
    assert '"gap": 0.1000000000000000055511151231257827' in text
    assert json.loads(text)["items"][0]["completion_pct"] == 101.3


def test_json_item_lines_equal_item_json() -> None:
    from plancheck.render.jsonout import _item_line, item_json

    for r in sample_report().items:
        assert json.loads(_item_line(r)) == json.loads(
            json.dumps(item_json(r), default=lambda d: float(d), ensure_ascii=False)
        )


def test_json_with_no_items_is_valid() -> None:
    from dataclasses import replace

    from plancheck.render.jsonout import render_json

    data = json.loads(render_json(replace(sample_report(), items=())))
    assert data["items"] == []


def test_huge_and_tiny_figures_render_in_every_format(make_ledger) -> None:
    from plancheck.read.load import load_ledger
    from plancheck.report.evaluate import Options, evaluate

    root = make_ledger(
        {
            "2023/a.toml": (
                '[a]\nname = "a"\nkind = "amount"\nunit = "户"\ntarget = 0.000000000000000001\n'
                'actual = 100000000000000\n\n[b]\nname = "b"\nkind = "indicator"\nunit = "户"\n'
                "actual = 123456789012345678901234567.123456\nbaseline = 1\n"
            )
        }
    )
    import datetime as dt

    report = evaluate(load_ledger(root), Options(2023, dt.date(2023, 12, 31)))
    for fmt in Format:
        text = render(report, fmt, lang="zh", width=100)
        assert "123456789012345678901234567.123456" in text


def test_the_golden_fixture_compares_and_rewrites(tmp_path: Path) -> None:
    from tests.conftest import check_golden

    path = tmp_path / "g.txt"
    with pytest.raises(pytest.fail.Exception, match="--update-golden"):
        check_golden(path, "表\n", update=False)  # no file yet
    check_golden(path, "表\n", update=True)
    assert path.read_text(encoding="utf-8") == "表\n"
    check_golden(path, "表\n", update=False)
    with pytest.raises(AssertionError, match="differs from"):
        check_golden(path, "表格\n", update=False)


def test_wrapped_names_keep_numbers_and_latin_words_whole() -> None:
    from plancheck.render.table import wrap_cells

    assert wrap_cells("农贸市场改造项目于2025年竣工", 18) == ["农贸市场改造项目于", "2025年竣工"]
    assert wrap_cells("产值5.46亿元增长36.5%", 10) == ["产值5.46亿", "元增长", "36.5%"]
    assert wrap_cells("建设 Internet plus 平台", 10) == ["建设", "Internet", "plus 平台"]
    assert wrap_cells("1234567890123", 5) == ["12345", "67890", "123"]  # longer than a line


def test_status_at_80_columns_never_cuts_a_number_in_a_name(make_ledger) -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    name = "城东片区农贸市场改造提升工程项目2025年竣工并投入使用"
    root = make_ledger(
        {"2024/a.toml": f'[m]\nname = "{name}"\nkind = "amount"\nunit = "个"\ntarget = 1\n'}
    )
    env = {"PLANCHECK_TODAY": "2024-07-10", "PLANCHECK_NO_CACHE": "1", "COLUMNS": "80"}
    result = CliRunner().invoke(app, ["status", "--ledger", str(root)], env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert any("2025年" in line for line in lines)  # not "…于202" / "5年…"
    assert not any(line.rstrip().endswith(("202", "20", "2")) for line in lines)
