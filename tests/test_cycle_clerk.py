"""What a clerk with only the README met in three months of the cycle: a decrease as a
correction in `collect`, zero against "no data" on the form, units typed in the fill-in
cells, county deadlines, a skipped month's 上月累计, and the small things."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from plancheck.cli import app
from tests import cycle_ledger

TODAY = {"PLANCHECK_TODAY": "2025-07-03"}


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=TODAY)


def history(root: Path, item_id: str) -> dict[str, Decimal]:
    from plancheck.read.load import load_ledger

    item = next(i for i in load_ledger(root).items if i.id == item_id)
    return dict(item.history)


def form_for(root: Path, out: Path, month: str, owner: str) -> Path:
    result = run("forms", "--month", month, "-l", str(root), "-o", str(out), "--owner", owner)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.splitlines()[0])


def fill(path: Path, values: dict[str, object], notes: dict[str, str] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    head = [c.value for c in ws[3]]
    col = next(i for i, h in enumerate(head, 1) if str(h).endswith("月累计") and h != "上月累计")
    for row in range(4, ws.max_row + 1):
        item_id = ws.cell(row, 2).value
        if item_id in values:
            ws.cell(row, col).value = values[item_id]  # type: ignore[assignment]
        if notes and item_id in notes:
            ws.cell(row, head.index("备注") + 1).value = notes[item_id]
    book.save(path)


def test_collect_takes_a_decrease_as_a_correction_with_its_reason(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    february = run("update", "budget-revenue", "500", "--month", "2025-02", "-l", str(root))
    assert february.exit_code == 0, february.output
    march = form_for(root, tmp_path / "f", "2025-03", "财政所")
    fill(march, {"budget-revenue": 480})
    refused = run("collect", str(march), "-l", str(root))
    assert refused.exit_code == 3, refused.output
    assert "--corrections" in refused.stderr and "备注" in refused.stderr
    assert "--allow-decrease" not in refused.stderr and "--note" not in refused.stderr
    no_reason = run("collect", str(march), "--corrections", "-l", str(root))
    assert no_reason.exit_code == 3 and "备注" in no_reason.stderr, no_reason.output
    assert "2025-03" not in history(root, "budget-revenue")
    fill(march, {}, {"budget-revenue": "2月多报20万元，已核减"})
    done = run("collect", str(march), "--corrections", "-l", str(root))
    assert done.exit_code == 0, done.output
    assert history(root, "budget-revenue")["2025-03"] == 480
    text = (root / "2025" / "targets.toml").read_text(encoding="utf-8")
    assert "2月多报20万元，已核减" in text


def test_update_names_its_own_options_for_a_decrease(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    february = run("update", "budget-revenue", "500", "--month", "2025-02", "-l", str(root))
    assert february.exit_code == 0, february.output
    for args in (["一般公共预算收入=480"], ["budget-revenue", "480"]):
        refused = run("update", *args, "--month", "2025-03", "-l", str(root))
        assert refused.exit_code == 3, refused.output
        assert "--allow-decrease" in refused.stderr and "--corrections" not in refused.stderr
    many = run(
        "update", "一般公共预算收入=480", "--month", "2025-03", "--allow-decrease",
        "--note", "2月多报", "-l", str(root),
    )  # fmt: skip
    assert many.exit_code == 0, many.output
    assert history(root, "budget-revenue")["2025-03"] == 480


def test_the_form_says_zero_is_nothing_happened_and_blank_is_no_data(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    ws = openpyxl.load_workbook(form_for(root, tmp_path / "f", "2025-06", "经发办")).active
    assert ws is not None
    number = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    wording = "未发生请填 0；未统计（无数据）请留空"
    assert wording in number.prompt and wording in number.error
    assert "不要填 0" not in number.prompt and "未发生请留空" not in number.error
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert wording in readme


def test_the_fill_in_cells_let_a_figure_with_its_unit_in(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    path = form_for(root, tmp_path / "f", "2025-06", "经发办")
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    number = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    # "stop" (openpyxl's None or "stop") would refuse text; warning/information keep it
    assert number.errorStyle in ("warning", "information")
    assert "2.3亿元" in number.prompt
    fill(path, {"fixed-investment": "2.3亿元", "retail-sales": "8500万元",
                "industrial-output": "1.8亿", "new-enterprises": 0})  # fmt: skip
    done = run("collect", str(path), "-l", str(root))
    assert done.exit_code == 0, done.output
    assert history(root, "fixed-investment")["2025-06"] == Decimal("2.3")
    assert history(root, "retail-sales")["2025-06"] == 8500
    assert history(root, "industrial-output")["2025-06"] == Decimal("1.8")
    assert history(root, "new-enterprises")["2025-06"] == 0  # nothing happened is 0


def test_last_months_figure_says_its_month_when_a_month_was_skipped(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    for args in (("budget-revenue", "310", "2025-01"), ("tax-revenue", "200", "2025-01"),
                 ("tax-revenue", "260", "2025-02")):  # fmt: skip
        done = run("update", args[0], args[1], "--month", args[2], "-l", str(root))
        assert done.exit_code == 0, done.output
    ws = openpyxl.load_workbook(form_for(root, tmp_path / "f", "2025-03", "财政所")).active
    assert ws is not None
    previous = {ws.cell(r, 2).value: ws.cell(r, 6).value for r in range(4, ws.max_row + 1)}
    assert previous["budget-revenue"] == "310（1月）"  # February was skipped
    assert previous["tax-revenue"] == 260  # February's: no mark
    csv_form = run("forms", "--month", "2025-03", "-l", str(root), "-o", str(tmp_path / "c"),
                   "--owner", "财政所", "--format", "csv")  # fmt: skip
    text = Path(csv_form.stdout.strip()).read_text(encoding="utf-8-sig")
    assert "310（1月）" in text


def test_small_things_a_clerk_met(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    january = form_for(root, tmp_path / "f", "2025-01", "财政所")
    ws = openpyxl.load_workbook(january).active
    assert ws is not None
    assert ws["A1"].value == "测试镇2025年1月目标任务完成情况填报表"  # not 1-1月
    assert "FILE..." in run("collect", "--help").stdout
    fill(january, {"budget-revenue": 300, "tax-revenue": 250})
    dry = run("collect", str(january), "--dry-run", "-l", str(root))
    assert dry.exit_code == 0, dry.output
    assert "2 项未填报" in dry.stderr
    assert "未填报 财政所：非税收入、土地出让收入" in dry.stderr
    # update confirms in one style, whichever way the figure is typed
    one = run("update", "elderly-care", "700", "--month", "2025-03", "-l", str(root))
    many = run("update", "养老服务补贴发放=720", "--month", "2025-03", "-l", str(root))
    assert one.stderr.strip() == "「养老服务补贴发放」(elderly-care)：2025-03 — → 700人次"
    assert many.stderr.strip() == "「养老服务补贴发放」(elderly-care)：2025-03 700人次 → 720人次"


def test_status_at_80_columns_keeps_expected_progress() -> None:
    from plancheck.cli import app as cli

    root = Path(__file__).parent.parent / "targets"
    for args in (["--year", "2023"], ["--year", "2024", "--as-of", "2024-06"]):
        out = CliRunner().invoke(cli, ["status", "-l", str(root), *args], env={"COLUMNS": "80"})
        assert out.exit_code == 0, out.output
        header = next(line for line in out.stdout.splitlines() if line.startswith("目标任务"))
        assert "序时进度" in header and "同比" not in header, header
        assert all(len(line) <= 80 for line in out.stdout.splitlines())


def test_init_no_example_and_import_names_the_example_left(tmp_path: Path) -> None:
    from plancheck.read.load import load_ledger

    table = tmp_path / "分解表.csv"
    table.write_text("指标名称,单位,目标值,责任单位\n新增规上企业,家,3,经发办\n", encoding="utf-8")
    bare = tmp_path / "bare"
    made = run("init", str(bare), "--entity", "甲镇", "--year", "2025", "--no-example")
    assert made.exit_code == 0, made.output
    text = (bare / "2025" / "targets.toml").read_text(encoding="utf-8")
    assert "[example-target]" not in text and "# 其他类型的写法" in text
    imported = run("import", str(table), "--year", "2025", "-l", str(bare))
    assert imported.exit_code == 0 and "示例条目" not in imported.stderr, imported.output
    assert [i.name for i in load_ledger(bare).items] == ["新增规上企业"]

    full = tmp_path / "full"
    assert run("init", str(full), "--entity", "甲镇", "--year", "2025").exit_code == 0
    imported = run("import", str(table), "--year", "2025", "-l", str(full))
    assert imported.exit_code == 0, imported.output
    assert "示例条目仍在台账中" in imported.stderr and "--no-example" in imported.stderr
    assert "targets.toml" in imported.stderr  # where it is, to delete it
