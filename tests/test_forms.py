"""forms (the fill-in sheets), collect of an office's own sheet, names for ids, the
plausibility guard, counties — and a form opened by a real spreadsheet application."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from plancheck.cli import app
from tests import cycle_ledger
from tests.conftest import FIXTURES

TODAY = {"PLANCHECK_TODAY": "2025-07-03"}


def run(*args: str, today: dict[str, str] = TODAY):
    return CliRunner().invoke(app, list(args), env=today)


def history(root: Path, item_id: str, year: int = 2025) -> dict[str, Decimal]:
    from plancheck.read.load import load_ledger

    item = next(i for i in load_ledger(root).items if i.id == item_id and i.year == year)
    return dict(item.history)


def make_form(tmp_path: Path, *extra: str) -> Path:
    root = cycle_ledger.make(tmp_path / "ledger")
    result = run("forms", "--month", "2025-06", "-l", str(root), "-o", str(tmp_path / "f"), *extra)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.splitlines()[0])


def test_a_form_is_protected_validated_titled_and_printable(tmp_path: Path) -> None:
    path = make_form(tmp_path, "--owner", "应急办")
    assert path.name == "应急办-测试镇-2025年1-6月.xlsx"
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["A1"].value == "测试镇2025年1-6月目标任务完成情况填报表"
    assert "应急办" in str(ws["A2"].value) and "2025-07-05" in str(ws["A2"].value)
    head = [c.value for c in ws[3]]
    assert head == [
        "序号", "编号", "目标任务", "单位", "年度目标", "上月累计", "1-6月累计", "完成日期", "备注",
    ]  # fmt: skip
    assert ws.protection.sheet
    rows = range(4, ws.max_row + 1)
    for r in rows:
        milestone = ws.cell(r, 2).value == cycle_ledger.MILESTONE[0]
        unlocked = {c for c in range(1, 10) if not ws.cell(r, c).protection.locked}
        assert unlocked == ({7, 8, 9} if milestone else {7, 9}), r
    validations = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert set(validations) == {"decimal", "list", "date"}
    decimal = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    assert decimal.operator == "greaterThanOrEqual" and decimal.formula1 == "0"
    states = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert states.formula1 == '"未开始,推进中,已完成,受阻"'
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize or 0) == 9
    assert ws.print_title_rows == "$3:$3" or ws.print_title_rows == "3:3"
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_items_without_a_target_only_with_all(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    path = root / "2025" / "targets.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[fiscal-indicator]\nname = "财政支出"\nkind = "indicator"\nunit = "万元"\n'
        'owner = "财政所"\n',
        encoding="utf-8",
    )
    for extra, present in (((), False), (("--all",), True)):
        out = tmp_path / f"f{present}"
        args = ["forms", "--month", "2025-06", "-l", str(root), "-o", str(out), "--owner", "财政所"]
        result = run(*args, *extra)
        assert result.exit_code == 0, result.output
        ws = openpyxl.load_workbook(Path(result.stdout.strip())).active
        assert ws is not None
        names = [ws.cell(r, 3).value for r in range(4, ws.max_row + 1)]
        assert ("财政支出" in names) is present


def test_a_form_opens_in_libreoffice_and_prints_title_and_fill_in_header(tmp_path: Path) -> None:
    path = make_form(tmp_path, "--owner", "经发办")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (.ci/run installs libreoffice-calc)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / path.with_suffix(".pdf").name
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "测试镇2025年1-6月目标任务完成情况填报表" in text
    assert "1-6月累计" in text and "固定资产投资" in text
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert "Pages:           1" in info.stdout and "841.89 x 595.3" in info.stdout  # A4 across


def test_csv_forms_and_an_offices_own_sheet_are_read_back(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    result = run("forms", "--month", "2025-01", "-l", str(root), "-o", str(tmp_path / "f"),
                 "--format", "csv", "--owner", "财政所")  # fmt: skip
    form = Path(result.stdout.strip())
    assert form.name == "财政所-测试镇-2025年1月.csv"
    lines = form.read_text(encoding="utf-8-sig").splitlines()
    assert lines[2] == "序号,编号,目标任务,单位,年度目标,上月累计,1月累计,完成日期,备注"
    form.write_text(
        "\n".join([*lines[:3], lines[3].replace(",,,,", ",,150,,"), *lines[4:]]),
        encoding="utf-8-sig",
    )
    # an office's own sheet: no ids, a unit in the header, a figure with its own unit
    own = tmp_path / "财政所自制.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["财政所2025年1月报表"])
    ws.append(["指标名称", "本月累计（万元）", "备注"])
    ws.append(["税收收入", 120, ""])
    ws.append(["土地出让收入", "800万元", ""])
    ws.append(["非税收入", None, "未发生"])
    book.save(own)
    done = run("collect", str(form), str(own), "--month", "2025-01", "-l", str(root))
    assert done.exit_code == 0, done.output
    assert history(root, "budget-revenue") == {"2025-01": Decimal(150)}
    assert history(root, "tax-revenue") == {"2025-01": Decimal(120)}
    assert history(root, "land-sales") == {"2025-01": Decimal("0.08")}  # 800万元 in 亿元
    assert history(root, "non-tax-revenue") == {}  # empty: not reported, never 0
    assert "1 项未填报" in done.stderr or "未填报" in done.stderr
    dry = run("collect", str(own), "--month", "2025-01", "-l", str(root), "--dry-run")
    assert dry.exit_code == 0 and "0 项将写入" in dry.stderr


def test_names_not_ids_several_figures_at_once(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    ok = run("update", "--month", "2025-06", "一般公共预算收入=900", "固定资产投资=2.3亿元",
             "新增规上企业=1", "社会消费品=2.4亿", "-l", str(root))  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "「固定资产投资」(fixed-investment)：2025-06 — → 2.3亿元" in ok.stderr
    assert history(root, "retail-sales") == {"2025-06": Decimal(24000)}  # 2.4亿 in 万元
    again = run("update", "--month", "2025-06", "一般公共预算收入=900", "-l", str(root))
    assert again.exit_code == 0 and "已是 900万元" in again.stderr
    ambiguous = run("update", "--month", "2025-06", "收入=1", "-l", str(root))
    assert ambiguous.exit_code == 2
    assert "(budget-revenue)" in ambiguous.stderr and "(tax-revenue)" in ambiguous.stderr
    one = run("update", "厕所", "40", "--month", "2025-06", "-l", str(root))
    assert one.exit_code == 0 and "「农村问题厕所整改」(toilets)" in one.stderr
    shown = run("show", "厕所", "-l", str(root), "--year", "2025")
    assert shown.exit_code == 0 and "toilets" in shown.stdout
    target = run(
        "set-target", "消防演练", "14", "--year", "2025", "--reason", "调整", "-l", str(root)
    )
    assert target.exit_code == 0 and "target 12 → 14" in target.stderr
    ids = run("status", "-l", str(root), "--ids")
    assert "budget-revenue" in ids.stdout


def test_a_figure_that_looks_like_a_slip_is_refused_with_the_likely_value(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    assert (
        run("update", "固定资产投资", "1.9", "--month", "2025-05", "-l", str(root)).exit_code == 0
    )
    slip = run("update", "固定资产投资", "23000", "--month", "2025-06", "-l", str(root))
    assert slip.exit_code == 2 and "2.3亿元" in slip.stderr and "--force" in slip.stderr
    many = run("update", "--month", "2025-06", "固定资产投资=23000", "税收收入=100",
               "-l", str(root))  # fmt: skip
    assert many.exit_code == 3 and "2.3亿元" in many.stderr
    assert history(root, "tax-revenue") == {}  # one refused: none written
    big = run("update", "新增规上企业", "16", "--month", "2025-06", "-l", str(root))
    assert big.exit_code == 2 and "5 倍" in big.stderr  # 16 > 5 × 3
    forced = run("update", "新增规上企业", "16", "--month", "2025-06", "--force", "-l", str(root))
    assert forced.exit_code == 0
    assert history(root, "new-enterprises") == {"2025-06": Decimal(16)}


def test_county_forms_name_the_township_and_collect_routes_them(tmp_path: Path) -> None:
    county = tmp_path / "county"
    shutil.copytree(FIXTURES / "county", county)
    today = {"PLANCHECK_TODAY": "2024-08-03"}
    made = run("forms", "--month", "2024-07", "-l", str(county), "-o", str(tmp_path / "f"),
               "--entity", "甲镇", today=today)  # fmt: skip
    assert made.exit_code == 0, made.output
    files = [Path(p) for p in made.stdout.splitlines()]
    assert {p.name for p in files} == {
        "经发办-甲镇-2024年1-7月.xlsx",
        "农业农村办-甲镇-2024年1-7月.xlsx",
    }
    path = files[0]
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None and "甲镇" in str(ws["A1"].value)
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "investment")
    ws.cell(row, 7).value = 1.4
    book.save(path)
    before = (county / "乙镇" / "2024" / "targets.toml").read_bytes()
    done = run("collect", str(path), "-l", str(county), today=today)
    assert done.exit_code == 0, done.output
    assert history(county / "甲镇", "investment", 2024)["2024-07"] == Decimal("1.4")
    assert (county / "乙镇" / "2024" / "targets.toml").read_bytes() == before


def test_an_item_reported_month_by_month_is_filled_in_year_to_date(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    path = root / "2025" / "targets.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[visits]\nname = "走访企业"\nkind = "amount"\nunit = "次"\ntarget = 120\n'
        'owner = "经发办"\nreporting = "monthly"\n\n[visits.history]\n2025-01 = 10\n2025-02 = 12\n',
        encoding="utf-8",
    )
    made = run("forms", "--month", "2025-03", "-l", str(root), "-o", str(tmp_path / "f"),
               "--owner", "经发办")  # fmt: skip
    form = Path(made.stdout.strip())
    book = openpyxl.load_workbook(form)
    ws = book.active
    assert ws is not None
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "visits")
    assert ws.cell(3, 7).value == "1-3月累计" and ws.cell(row, 6).value == 22  # 10 + 12
    ws.cell(row, 7).value = 35
    book.save(form)
    done = run("collect", str(form), "-l", str(root))
    assert done.exit_code == 0, done.output
    assert "22次 → 35次" not in done.stdout and "— → 35次" in done.stdout
    assert history(root, "visits")["2025-03"] == 13  # the month's own value
    again = run("collect", str(form), "-l", str(root))
    assert "0 项写入" in again.stderr


def test_collect_table_is_tabulates_simple_table_without_importing_it() -> None:
    """collect's change table is laid out in-house (tabulate's import cost a tenth of a
    collect): the same text as tabulate's "simple" format, wide, full-width, ambiguous and
    combining characters, blanks and padded cells included."""
    import random

    from tabulate import tabulate

    from plancheck.render.forms import simple_table

    rng = random.Random(13)
    alphabet = "ab1 ,.-0财政收入亿元（）→·…%Ａ\u0300"
    for _ in range(1500):
        cols = rng.randint(1, 5)

        def text(n: int) -> str:
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))

        head = [text(6) for _ in range(cols)]
        rows = [[text(9) for _ in range(cols)] for _ in range(rng.randint(1, 4))]
        want = tabulate(rows, headers=head, tablefmt="simple", disable_numparse=True) + "\n"
        assert simple_table(head, rows) == want, (head, rows)
