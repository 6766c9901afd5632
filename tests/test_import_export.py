"""Spreadsheets out and in: xlsx and csv export, import of target tables, round trips."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.model import Item
from plancheck.read.load import load_ledger
from plancheck.render import ExportFormat, labels, render_export
from plancheck.render.sheet import display_width
from plancheck.render.xlsx import FILLS, excel_number
from plancheck.report.evaluate import Light, Options, evaluate
from plancheck.tables import importplan, tabular

from .conftest import FIXTURES, REPO

TARGETS = REPO / "targets"
ENV = {"PLANCHECK_TODAY": "2026-11-29", "PLANCHECK_NO_CACHE": "1"}
ROUND_TRIP_FIELDS = (
    "name", "kind", "unit", "direction", "section", "owner", "target", "target_growth_pct",
    "due", "weight", "note", "source",
)  # fmt: skip


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=ENV)


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".plancheck.lock"
    }


def status_json(*args: str) -> dict[str, Any]:
    result = run("status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout, parse_float=Decimal)  # type: ignore[no-any-return]


@pytest.fixture
def empty(make_ledger) -> Path:
    """A ledger with the bundled settings and no items."""
    return make_ledger({}, settings=(TARGETS / "plancheck.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- xlsx = json

FIELD_OF_HEADER = {zh: field for field, (zh, _) in tabular.HEADERS.items()}
WORDS: dict[str, dict[str, object]] = {
    "kind": {v: k.value for k, v in tabular.KIND_LABELS["zh"].items()},
    "direction": {v: k.value for k, v in tabular.DIRECTION_LABELS["zh"].items()},
    "status": {v: k.value for k, v in labels.STATUS["zh"].items()},
    "light": {v: k.value for k, v in labels.LIGHT["zh"].items()},
    "stale": {"是": True, None: False},
}


def cell_value(cell: Any) -> object:
    """A cell as status --format json gives the value."""
    v = cell.value
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        number = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        return number * 100 if "%" in cell.number_format else number
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return v


def same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) and isinstance(b, (Decimal, int)):
        b = Decimal(b)
        return abs(a - b) <= Decimal("1e-12") * max(1, abs(b))  # a float holds ~16 digits
    return a == b


@pytest.mark.parametrize(
    ("ledger", "args"),
    [(TARGETS, ["--year", "2023"]), (TARGETS, ["--year", "2024"]), (FIXTURES / "midyear", [])],
    ids=["bundled-2023", "bundled-2024", "midyear"],
)
def test_xlsx_values_equal_status_json(tmp_path: Path, ledger: Path, args: list[str]) -> None:
    out = tmp_path / "进度.xlsx"
    result = run("export", "--ledger", str(ledger), "--output", str(out), *args)
    assert result.exit_code == 0, result.output
    data = status_json("--ledger", str(ledger), *args)
    book = openpyxl.load_workbook(out)
    ws = book.worksheets[0]
    rows = list(ws.iter_rows(min_row=2))  # row 1 is the title
    assert rows[0][0].value == "序号"
    fields = [FIELD_OF_HEADER[c.value] for c in rows[0][1:]]
    assert len(rows) - 1 == len(data["items"]) > 0
    checked = 0
    for number, (row, item) in enumerate(zip(rows[1:], data["items"], strict=True), 1):
        assert row[0].value == number
        for field, cell in zip(fields, row[1:], strict=True):
            value = cell_value(cell)
            if field in WORDS:
                value = WORDS[field].get(value, value)  # type: ignore[call-overload]
            expected = item.get(field)
            written = (item.get("written") or {}).get(field)
            shown = field in ("target", "actual", "target_growth_pct")
            if written and shown and not (field == "target" and item["kind"] == "growth"):
                expected = written["text"]  # a figure as the report writes it (300余条)
            if field in ("due", "done") and isinstance(value, str) and len(value) == 7:
                # a month as the ledger wrote it; the JSON gives the month's last day
                assert expected and expected[:7] == value and expected[8:] >= "28", value
                checked += 1
                continue
            assert same(value, expected), (item["id"], field, value, expected)
            checked += 1
    assert checked
    settings = {r[0].value: r[1] for r in book["设置"].iter_rows()}
    assert settings["截至日期"].value.date().isoformat() == data["as_of"]
    assert settings["乡镇"].value == data["entity"]
    assert settings["年度"].value == data["year"]


def test_xlsx_formats_fills_freeze_and_widths(tmp_path: Path) -> None:
    out = tmp_path / "2023.xlsx"
    result = run("export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in ws[2]]  # under the title row
    col = {h: i for i, h in enumerate(header)}
    assert ws.freeze_panes == "C3"  # title, header, 序号 and name
    assert ws.auto_filter.ref.startswith("A2:")
    lights = 0
    for row in ws.iter_rows(min_row=3):
        completion = row[col["完成率"]]
        if completion.value is not None:
            assert completion.data_type == "n" and completion.number_format == "0.0%"
        target = row[col["目标"]]
        if target.value is not None:
            assert target.data_type == "n"  # real numbers, not text
            assert "#,##0" in target.number_format or "%" in target.number_format
        light = row[col["灯"]]
        if light.value is not None:
            colour = {labels.LIGHT["zh"][lt]: FILLS[lt] for lt in Light}[light.value]
            assert light.fill.start_color.rgb.endswith(colour)
            lights += 1
    assert lights > 20
    letter = openpyxl.utils.get_column_letter(col["目标任务"] + 1)
    longest = max(display_width(str(c.value or "")) for c in ws[letter])
    assert ws.column_dimensions[letter].width >= min(longest, 30)  # longer names wrap
    long_names = [c for c in ws[letter][2:] if display_width(str(c.value or "")) > 30]
    assert long_names and all(c.alignment.wrap_text for c in long_names)
    # every cell of every data row centred vertically: 序号 and figures level with the name
    verticals = {c.alignment.vertical for row in ws.iter_rows(min_row=3) for c in row}
    assert verticals == {"center"}
    unit = openpyxl.utils.get_column_letter(col["单位"] + 1)
    assert 6 <= ws.column_dimensions[unit].width <= 10  # 单位 is two wide characters


def test_xlsx_by_section_and_by_owner_add_a_sheet_per_group(tmp_path: Path) -> None:
    for by in ("section", "owner"):
        out = tmp_path / f"{by}.xlsx"
        result = run(
            "export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(out), "--by", by
        )
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(out)
        groups = status_json("--ledger", str(TARGETS), "--year", "2023")[f"by_{by}"]
        names = book.sheetnames
        assert names[0] == "全部" and names[-1] == "设置"
        assert len(names) == len(groups) + 2
        for sheet, group in zip(names[1:-1], groups, strict=True):
            assert book[sheet].max_row - 2 == group["items"]  # title and header rows


def test_excel_numbers_are_exact_or_show_every_digit_a_float_holds() -> None:
    assert excel_number(Decimal("1924")) == (1924, "#,##0")
    assert excel_number(Decimal("0.3956")) == (0.3956, "#,##0.0000")
    number, fmt = excel_number(Decimal("9.831578947368421052631578947"))
    assert fmt == "#,##0." + "0" * 14 and abs(number - 9.831578947368421) < 1e-15


def test_every_export_format_renders() -> None:
    ledger = load_ledger(TARGETS)
    report = evaluate(ledger, Options(year=2023, as_of=dt.date(2023, 12, 31)))
    for fmt in ExportFormat:
        data = render_export(report, ledger.settings, fmt, lang="en")
        assert data


def test_export_needs_openpyxl_only_for_xlsx(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = run("export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(tmp_path / "a"))
    assert result.exit_code == 2
    assert "plancheck[xlsx]" in result.stderr
    assert not (tmp_path / "a").exists()
    result = run(
        "export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(tmp_path / "a.csv")
    )
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------- csv


def test_csv_export_has_a_bom_by_default_and_the_status_values(tmp_path: Path) -> None:
    out = tmp_path / "进度.csv"
    result = run("export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = tabular.read_table(out)
    header = [c.value for c in table.rows[0][1]]
    assert header[:3] == ["编号", "目标任务", "板块"]
    items = status_json("--ledger", str(TARGETS), "--year", "2023")["items"]
    first = dict(zip(header, (c.value for c in table.rows[1][1]), strict=True))
    assert first["编号"] == items[0]["id"] and first["完成率"] == str(items[0]["completion_pct"])
    plain = run(
        "export", "--ledger", str(TARGETS), "--year", "2023", "-o", "-", "--no-bom", "--lang", "en"
    )
    assert plain.exit_code == 0 and plain.stdout.startswith("id,name,section")


def test_status_csv_bom_option() -> None:
    result = run("status", "--ledger", str(TARGETS), "--year", "2023", "-f", "csv", "--bom")
    assert result.stdout.startswith("\ufeff")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["-o", "x.csv", "--by", "owner"], "--by"),
        (["-o", "-", "--format", "xlsx"], "xlsx"),
        (["-o", "no/such/dir/x.xlsx"], "no/such/dir"),
    ],
)
def test_export_usage_errors(tmp_path: Path, monkeypatch, args: list[str], needle: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--ledger", str(TARGETS), "--year", "2023", *args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr


# --------------------------------------------------------------------------- round trips


def _compare(original: list[Item], imported: list[Item], same_ids: bool = True) -> None:
    assert len(original) == len(imported)
    if same_ids:
        by_id = {(i.year, i.id): i for i in imported}
        pairs = [(i, by_id[(i.year, i.id)]) for i in original]
    else:
        pairs = list(zip(original, imported, strict=True))
    for a, b in pairs:
        for field in ROUND_TRIP_FIELDS:
            assert getattr(a, field) == getattr(b, field), (a.id, field)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_gives_the_same_targets(tmp_path: Path, empty: Path, suffix: str) -> None:
    for year in (2023, 2024):
        out = tmp_path / f"{year}.{suffix}"
        result = run("export", "--ledger", str(TARGETS), "--year", str(year), "-o", str(out))
        assert result.exit_code == 0, result.output
        result = run("import", str(out), "--year", str(year), "--ledger", str(empty))
        assert result.exit_code == 0, result.output
    _compare(list(load_ledger(TARGETS).items), list(load_ledger(empty).items))
    # importing it again changes nothing: every row is an existing, identical entry
    before = digests(empty)
    result = run("import", str(out), "--year", "2024", "--ledger", str(empty))
    assert result.exit_code == 0 and "已存在未改动 35 条" in result.stderr
    assert digests(empty) == before


def test_without_an_id_column_ids_are_made_from_names_stably(tmp_path: Path, make_ledger) -> None:
    out = tmp_path / "2023.xlsx"
    run("export", "--ledger", str(TARGETS), "--year", "2023", "-o", str(out))
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    sheet.delete_cols([c.value for c in sheet[2]].index("编号") + 1)  # no 编号 column
    book.save(out)
    made = []
    for name in ("a", "b"):
        root = make_ledger({}, name=name)
        result = run("import", str(out), "--year", "2023", "--ledger", str(root))
        assert result.exit_code == 0, result.output
        made.append(load_ledger(root).items)
    assert [i.id for i in made[0]] == [i.id for i in made[1]]
    assert all(i.id.startswith("item-") or "-" in i.id for i in made[0])
    assert len({i.id for i in made[0]}) == len(made[0])
    _compare(list(load_ledger(TARGETS).items_of(2023)), list(made[0]), same_ids=False)


# --------------------------------------------------------------------------- import


COUNTY = """\
2025年新桥镇目标任务分解表,,,,
序号,指标名称,单位,目标值,责任单位
1,财政收入,万元,"2,000",财政所
2,城乡居民医保参保率,%,95%,农业农村办
3,建成村级综合服务中心,,,经发办
4,招商引资,,5亿元,经发办
,,,,
"""
MAP = ["--map", "name=指标名称,target=目标值,unit=单位,owner=责任单位"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_import_a_county_table_in_any_encoding(tmp_path: Path, make_ledger, encoding: str) -> None:
    root = make_ledger({})
    text = COUNTY
    if encoding == "utf-16":  # Excel's "Unicode text": tab-separated UTF-16
        text = COUNTY.replace('"2,000"', "2000").replace(",", "\t")
    source = tmp_path / ("表.txt" if encoding == "utf-16" else "表.csv")
    source.write_bytes(text.encode(encoding))
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), *MAP)
    assert result.exit_code == 0, result.output
    items = {i.name: i for i in load_ledger(root).items}
    assert items["财政收入"].target == 2000 and items["财政收入"].owner == "财政所"
    assert items["城乡居民医保参保率"].kind.value == "rate"
    assert items["城乡居民医保参保率"].target == 95
    assert items["建成村级综合服务中心"].kind.value == "milestone"
    invest = items["招商引资"]
    assert (invest.unit, invest.target) == ("亿元", 5)
    text_written = (root / "2025" / "targets.toml").read_text(encoding="utf-8")
    assert text_written.startswith("# 测试镇 2025年目标任务\n# 据 表.")


def test_import_reports_every_bad_row_and_writes_nothing(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({"2025/targets.toml": '[a]\nname = "A"\nkind = "amount"\nunit = "户"\n'})
    source = tmp_path / "bad.csv"
    source.write_text(
        "指标名称,单位,目标值,责任单位\n"
        "新增规上企业,家,abc,经发办\n"  # row 2: not a number
        ",个,3,经发办\n"  # row 3: no name
        "粮食产量,公担,100,农业农村办\n"  # row 4: unknown unit
        "好的一行,户,3,招商办\n"  # row 5: good, with an owner not in the list (a warning)
        "参保率,%,120,经发办\n"  # row 6: a rate above 100
        "招商引资,亿元,5亩,招商办\n",  # row 7: wrong dimension (and an unknown owner)
        encoding="utf-8",
    )
    before = digests(root)
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), *MAP)
    assert result.exit_code == 3
    for row, needle in (
        (2, "abc"),
        (3, "没有名称"),
        (4, "公担"),
        (6, "100%"),
        (7, "亩"),
    ):
        line = next(x for x in result.stderr.splitlines() if x.startswith(f"{source}:{row}:"))
        assert needle in line, line
    assert f"{source}:5: 责任单位: 警告: 责任单位 招商办 不在" in result.stderr
    assert "5 行无法导入" in result.stderr
    assert digests(root) == before


def test_import_never_overwrites_unless_asked(tmp_path: Path, make_ledger) -> None:
    root = make_ledger(
        {
            "2025/targets.toml": """\
            [fiscal-revenue]
            name = "财政收入"
            kind = "amount"
            unit = "万元"
            target = 1900
            """
        }
    )
    source = tmp_path / "t.csv"
    source.write_text(
        "编号,指标名称,单位,目标值\nfiscal-revenue,财政收入,万元,2000\n,新任务,个,3\n",
        encoding="utf-8",
    )
    path = root / "2025" / "targets.toml"
    before = path.read_bytes()
    result = run("import", str(source), "--year", "2025", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    assert f"{source}:2:" in result.stderr and "--overwrite" in result.stderr
    assert load_ledger(root).find(2025, "fiscal-revenue").target == 1900  # type: ignore[union-attr]
    assert path.read_bytes().startswith(before)  # the new row was appended
    result = run(
        "import", str(source), "--year", "2025", "--ledger", str(root), "--overwrite",
        "--reason", "县调整",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    item = load_ledger(root).find(2025, "fiscal-revenue")
    assert item is not None
    assert (item.target, item.original_target, item.target_reason) == (2000, 1900, "县调整")
    assert len(load_ledger(root).items) == 2  # 新任务 was not added twice


def test_import_refuses_to_change_a_kind_or_unit(tmp_path: Path, make_ledger) -> None:
    root = make_ledger(
        {"2025/a.toml": '[x]\nname = "财政收入"\nkind = "amount"\nunit = "万元"\ntarget = 1\n'}
    )
    source = tmp_path / "t.csv"
    source.write_text("指标名称,单位,目标值\n财政收入,亿元,2\n", encoding="utf-8")
    before = digests(root)
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), "--overwrite")
    assert result.exit_code == 3
    assert f"{source}:2: 单位:" in result.stderr
    assert digests(root) == before


def test_dry_run_shows_the_entries_and_writes_nothing(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    source = tmp_path / "表.csv"
    source.write_text(COUNTY, encoding="utf-8")
    before = digests(root)
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), "--dry-run", *MAP)
    assert result.exit_code == 0, result.output
    assert 'name = "财政收入"' in result.stdout and "target = 2000" in result.stdout
    assert "试运行" in result.stderr and "新增 4 条" in result.stderr
    assert digests(root) == before and not (root / "2025").exists()


def test_import_xlsx_percent_cells_title_rows_and_sheets(tmp_path: Path, make_ledger) -> None:
    root = make_ledger({})
    source = tmp_path / "目标任务分解表.xlsx"
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "说明"
    ws = book.create_sheet("分解表")
    ws.append(["2025年目标任务分解表"])
    ws.append([])
    ws.append(["指标名称", "单位", "目标值", "责任单位", "完成时限"])
    ws.append(["医保参保率", "%", 0.95, "农业农村办", None])
    ws["C4"].number_format = "0%"
    ws.append(["财政收入", "万元", 2000.5, "财政所", None])
    ws.append(["建成服务中心", None, None, "经发办", dt.datetime(2025, 10, 15)])
    book.save(source)
    result = run(
        "import", str(source), "--year", "2025", "--ledger", str(root), "--sheet", "分解表",
        "--map", "name=指标名称,target=目标值,unit=单位,owner=责任单位",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = {i.name: i for i in load_ledger(root).items}
    assert items["医保参保率"].target == 95
    assert items["财政收入"].target == Decimal("2000.5")
    assert items["建成服务中心"].due == dt.date(2025, 10, 15)  # 完成时限 is known
    wrong = run("import", str(source), "--year", "2025", "--ledger", str(root), "--sheet", "x")
    assert wrong.exit_code == 2 and "分解表" in wrong.stderr


@pytest.mark.parametrize(
    ("name", "content", "args", "status", "needle"),
    [
        ("t.ods", "x", [], 2, ".xlsx"),
        ("missing.csv", None, [], 2, "missing.csv"),
        ("t.csv", "a,b\n1,2\n", [], 3, "--map"),
        ("t.csv", "名称,目标\n", ["--map", "nmae=名称"], 2, "name"),
        ("t.csv", "名称,目标\n", ["--map", "name"], 2, "name"),
        ("t.csv", "名称,目标\n", ["--map", "name=指标"], 3, "名称、目标"),
        ("t.xlsx", "not a zip", [], 3, "t.xlsx"),
    ],
)
def test_import_usage_and_file_errors(
    tmp_path: Path,
    make_ledger,
    name: str,
    content: str | None,
    args: list[str],
    status: int,
    needle: str,
) -> None:
    root = make_ledger({})
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), *args)
    assert result.exit_code == status, result.output
    assert needle in result.stderr
    assert not (root / "2025").exists()


def test_a_row_table_maps_words_and_drops_empty_cells() -> None:
    columns = {"name": (0, "n"), "kind": (1, "k"), "direction": (2, "d"), "target": (3, "t")}
    cells = [
        tabular.Cell("财政收入"),
        tabular.Cell("数量"),
        tabular.Cell("逆向"),
        tabular.Cell("—"),
    ]
    assert importplan.row_table(cells, columns) == {
        "name": "财政收入",
        "kind": "amount",
        "direction": "down",
    }


def test_overwrite_leaves_a_milestones_due_date_and_says_so(tmp_path: Path, make_ledger) -> None:
    root = make_ledger(
        {"2025/a.toml": '[center]\nname = "建成服务中心"\nkind = "milestone"\ndue = "2025-10"\n'}
    )
    source = tmp_path / "t.csv"
    source.write_text("指标名称,类型,完成期限\n建成服务中心,节点,2025-12\n", encoding="utf-8")
    before = digests(root)
    result = run("import", str(source), "--year", "2025", "--ledger", str(root), "--overwrite")
    assert result.exit_code == 0, result.output
    assert f"{source}:2:" in result.stderr and "请手工修改" in result.stderr
    assert digests(root) == before


def test_ledger_text_is_never_a_formula_and_survives_the_round_trip(tmp_path: Path) -> None:
    import openpyxl
    from typer.testing import CliRunner

    from plancheck.cli import app

    runner = CliRunner()
    src = tmp_path / "src"
    src.mkdir()
    (src / "plancheck.toml").write_text('entity = "测试镇"\n', encoding="utf-8")
    (src / "2024").mkdir()
    (src / "2024" / "a.toml").write_text(
        '[link]\nname = "=HYPERLINK(\\"http://x\\",\\"点我\\")"\nkind = "amount"\n'
        'unit = "个"\ntarget = 3\nnote = "+1 表示增加"\n',
        encoding="utf-8",
    )
    xlsx, csv_file = tmp_path / "out.xlsx", tmp_path / "out.csv"
    for out in (xlsx, csv_file):
        result = runner.invoke(
            app, ["export", "-o", str(out), "--ledger", str(src), "--year", "2024"]
        )
        assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    names = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert names and all(c.data_type == "s" for c in names)
    assert "'=HYPERLINK" in csv_file.read_text(encoding="utf-8-sig")
    for source in (xlsx, csv_file):
        dest = tmp_path / f"dest-{source.suffix[1:]}"
        assert (
            runner.invoke(app, ["init", str(dest), "--entity", "新镇", "--year", "2024"]).exit_code
            == 0
        )
        result = runner.invoke(
            app, ["import", str(source), "--ledger", str(dest), "--year", "2024"]
        )
        assert result.exit_code == 0, result.output
        from plancheck.read.load import load_ledger

        names_back = {i.name for i in load_ledger(dest).items}
        assert '=HYPERLINK("http://x","点我")' in names_back


def test_malformed_utf16_is_a_clear_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    bad = tmp_path / "bin.csv"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    ledger = tmp_path / "l"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["init", str(ledger), "--entity", "镇", "--year", "2024"]).exit_code == 0
    )
    result = runner.invoke(
        app, ["import", str(bad), "--ledger", str(ledger), "--year", "2024", "--dry-run"]
    )
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_a_name_twice_without_an_id_column_is_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    runner = CliRunner()
    ledger = tmp_path / "l"
    assert (
        runner.invoke(app, ["init", str(ledger), "--entity", "镇", "--year", "2024"]).exit_code == 0
    )
    table = tmp_path / "a.csv"
    table.write_text("名称,目标,单位\n财政收入,5亿元,亿元\n财政收入,3000,万元\n", encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in ledger.rglob("*.toml"))
    result = runner.invoke(
        app, ["import", str(table), "--ledger", str(ledger), "--year", "2024", "--lang", "en"]
    )
    assert result.exit_code == 3 and "a.csv:3" in result.stderr
    assert sorted((p.name, p.read_bytes()) for p in ledger.rglob("*.toml")) == before


def test_a_row_wider_than_its_header_is_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    runner = CliRunner()
    ledger = tmp_path / "l"
    assert (
        runner.invoke(app, ["init", str(ledger), "--entity", "镇", "--year", "2024"]).exit_code == 0
    )
    table = tmp_path / "a.csv"
    table.write_text("名称,单位,目标\n己,个,1,5\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(table), "--ledger", str(ledger), "--year", "2024", "--lang", "en"]
    )
    assert result.exit_code == 3 and "a.csv:2" in result.stderr and "beyond" in result.stderr


def test_a_formula_without_a_stored_result_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    ledger = tmp_path / "l"
    assert run("init", str(ledger), "--entity", "镇", "--year", "2024").exit_code == 0
    before = digests(ledger)
    table = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["名称", "单位", "目标", "备注"])
    ws.append(["甲", "个", 10, None])  # a plain row
    ws.append(["乙", "个", "=B9*2", "=A2"])  # written by a program: no stored results
    ws.append(["丙", "个", 5, None])
    book.save(table)
    result = run("import", str(table), "--ledger", str(ledger), "--year", "2024")
    assert result.exit_code == 3, result.output
    assert "a.xlsx:3: 目标" in result.stderr and "公式 =B9*2 没有计算结果" in result.stderr
    assert "a.xlsx:3: 备注" in result.stderr and "=A2" in result.stderr
    assert "a.xlsx:2" not in result.stderr and "a.xlsx:4" not in result.stderr
    assert digests(ledger) == before  # nothing written
    cells = tabular.read_table(table).rows[2][1]
    assert cells[2].formula == "=B9*2" and cells[2].value is None and cells[0].formula == ""

    # The same table saved with its results (as Excel or WPS do: <v> beside <f>) imports.
    def with_results(text: str) -> str:
        # openpyxl writes an empty value as <v /> or <v></v>, depending on whether lxml is
        # installed.
        text = re.sub(r"<f>B9\*2</f><v ?/>|<f>B9\*2</f><v></v>", "<f>B9*2</f><v>20</v>", text)
        text = re.sub(
            r'<c r="D3"><f>A2</f>(?:<v ?/>|<v></v>)',
            '<c r="D3" t="str"><f>A2</f><v>甲</v>',
            text,
        )
        assert "<v>20</v>" in text and "<v>甲</v>" in text
        return text

    saved = tmp_path / "saved.xlsx"
    _rewrite_sheet(table, saved, with_results)
    assert [c.value for c in tabular.read_table(saved).rows[2][1][:4]] == ["乙", "个", 20, "甲"]
    result = run("import", str(saved), "--ledger", str(ledger), "--year", "2024")
    assert result.exit_code == 0, result.output
    imported = {i.name: i for i in load_ledger(ledger).items}
    assert imported["乙"].target == 20 and imported["乙"].note == "甲"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_due_month_stays_a_month_through_export_and_import(
    tmp_path: Path, make_ledger, suffix: str
) -> None:
    body = (
        '[road]\nname = "道路"\nkind = "milestone"\ndue = "2024-05"\n\n'
        '[park]\nname = "园区"\nkind = "milestone"\ndue = 2024-09-30\n'
    )
    source = make_ledger({"2024/a.toml": body}, name="src")
    target = make_ledger({}, name="dst")
    out = tmp_path / f"m.{suffix}"
    assert run("export", "--ledger", str(source), "--year", "2024", "-o", str(out)).exit_code == 0
    result = run("import", str(out), "--year", "2024", "--ledger", str(target))
    assert result.exit_code == 0, result.output
    items = {i.id: i for i in load_ledger(target).items}
    assert (items["road"].due_text, items["road"].due) == ("2024-05", dt.date(2024, 5, 31))
    assert (items["park"].due_text, items["park"].due) == ("2024-09-30", dt.date(2024, 9, 30))


def _rewrite_sheet(src: Path, dst: Path, edit: Any) -> None:
    import zipfile

    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            b.writestr(info, data)


def test_formulas_the_file_computed_or_could_not_have_are_told_apart(tmp_path: Path) -> None:
    from openpyxl.worksheet.formula import ArrayFormula

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["名称", "单位", "目标", "备注"])
    ws.append(["甲", "个", 10, '=IF(B9="","",B9)'])
    ws.append(["乙", "个", None, None])
    ws["C3"] = ArrayFormula("C3", "=SUM(C2:C2*2)")
    ws.append(["丙", "个", "=C2*2", None])
    ws.append(["丁", "个", 4, "=ROW()"])  # in any mapped column, text ones too
    raw = tmp_path / "raw.xlsx"
    book.save(raw)

    def saved(text: str) -> str:
        # As Excel or LibreOffice store IF(…,"",…): a string result that is empty.
        # (openpyxl writes the empty value as <v /> or <v></v>, with or without lxml.)
        text = re.sub(
            r'<c r="D2"><f>(IF\(B9=[^<]*)</f>(?:<v ?/>|<v></v>)',
            r'<c r="D2" t="str"><f>\1</f><v></v>',
            text,
        )
        assert '<c r="D2" t="str">' in text
        # A stated size of A1: a reader that trusts it would miss every formula below.
        return re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1"/>', text)

    table = tmp_path / "t.xlsx"
    _rewrite_sheet(raw, table, saved)
    rows = {cells[0].value: cells for _, cells in tabular.read_table(table).rows[1:]}
    assert rows["甲"][3].formula == "" and rows["甲"][3].value is None  # computed: empty
    assert rows["乙"][2].formula == "=SUM(C2:C2*2)"  # an array formula, never computed
    assert rows["丙"][2].formula == "=C2*2"
    assert rows["丁"][3].formula == "=ROW()"


def test_a_workbook_without_formulas_is_read_once(tmp_path: Path, monkeypatch) -> None:
    book = openpyxl.Workbook()
    book.active.append(["名称", "单位", "目标", "备注"])
    book.active.append(["甲", "个", 10, None])
    path = tmp_path / "plain.xlsx"
    book.save(path)
    reads = []
    real = openpyxl.load_workbook

    def counting(*args: Any, **kwargs: Any) -> Any:
        reads.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    assert tabular.read_table(path).rows[1][1][3].value is None
    assert len(reads) == 1


def test_a_revised_growth_rate_is_exported_with_its_original(tmp_path: Path, make_ledger) -> None:
    from plancheck.write import edit

    body = '[output]\nname = "产值"\nkind = "growth"\nunit = "亿元"\ntarget_growth_pct = 8\n'
    root = make_ledger({"2024/g.toml": body + "baseline = 10\n"})
    edit.set_target(root, "output", 2024, "7.25%")
    out = tmp_path / "g.xlsx"
    assert run("export", "--ledger", str(root), "--year", "2024", "-o", str(out)).exit_code == 0
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2))
    pairs = zip(rows[0][1:], rows[1][1:], strict=True)  # after the title row and 序号
    cells = {FIELD_OF_HEADER[h.value]: cell_value(c) for h, c in pairs}
    assert (cells["target_growth_pct"], cells["original_target_growth_pct"]) == (
        Decimal("7.25"),
        Decimal(8),
    )
    data = status_json("--ledger", str(root), "--year", "2024")["items"][0]
    assert (data["target_growth_pct"], data["original_target_growth_pct"]) == (
        Decimal("7.25"),
        8,
    )
