"""The monthly cycle as a clerk runs it: forms → offices fill them → collect → meeting.

A made-up township (tests/cycle_ledger.py): 20 targets, 5 offices, January to June; one
office answers in csv, one office sends nothing for two months, one 万/亿 slip is refused,
one correction is made; at the end `status --format json` holds exactly the forms' figures.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from plancheck.cli import app
from tests import cycle_ledger

TODAY = {"PLANCHECK_TODAY": "2025-07-03"}
CSV_OFFICE = "农业农村办"
SILENT = ("民政办", (3, 4))
TARGETS = {i: Decimal(t) for i, _, _, t, _ in cycle_ledger.AMOUNTS}
OWNER = {i: o for i, _, _, _, o in cycle_ledger.AMOUNTS}


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=TODAY)


def figure(item_id: str, month: int) -> Decimal:
    """The year-to-date figure the office reports: 9 % of the target a month."""
    return TARGETS[item_id] * month * Decimal("0.09")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def fill_xlsx(path: Path, values: dict[str, object], notes: dict[str, str] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    head = [c.value for c in ws[3]]
    note_col = head.index("备注") + 1
    col = next(i for i, h in enumerate(head, 1) if str(h).endswith("月累计") and h != "上月累计")
    for row in range(4, ws.max_row + 1):
        item_id = ws.cell(row, 2).value
        if item_id in values:
            ws.cell(row, col).value = values[item_id]  # type: ignore[assignment]
        if notes and item_id in notes:
            ws.cell(row, note_col).value = notes[item_id]
    book.save(path)


def fill_csv(path: Path, values: dict[str, object]) -> None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    col = rows[2].index(next(h for h in rows[2] if h.endswith("月累计") and h != "上月累计"))
    for row in rows[3:]:
        if row[1] in values:
            row[col] = str(values[row[1]])
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def month_forms(root: Path, out: Path, month: int) -> list[Path]:
    """forms for the month: xlsx for every office but one, csv for that one."""
    m = f"2025-{month:02d}"
    result = run("forms", "--month", m, "-l", str(root), "-o", str(out))
    assert result.exit_code == 0, result.output
    made = [Path(line) for line in result.stdout.splitlines()]
    assert {p.name for p in made} == {
        f"{o}-测试镇-2025年{'1' if month == 1 else f'1-{month}'}月.xlsx"
        for o in cycle_ledger.OFFICES
    }
    result = run("forms", "--month", m, "-l", str(root), "-o", str(out), "--format", "csv",
                 "--owner", CSV_OFFICE)  # fmt: skip
    assert result.exit_code == 0, result.output
    csv_form = Path(result.stdout.strip())
    return [p for p in made if not p.name.startswith(CSV_OFFICE)] + [csv_form]


def test_the_monthly_cycle_from_forms_to_meeting(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "ledger")
    reported: dict[tuple[str, int], Decimal] = {}
    for month in range(1, 7):
        out = tmp_path / f"m{month}"
        files = month_forms(root, out, month)
        for path in files:
            office = path.name.split("-")[0]
            if office == SILENT[0] and month in SILENT[1]:
                continue  # the form comes back empty: not reported, never 0
            values: dict[str, object] = {
                i: figure(i, month) for i, o in OWNER.items() if o == office
            }
            if office == "应急办" and month == 6:
                values[cycle_ledger.MILESTONE[0]] = "推进中"
            for item_id, value in values.items():
                if isinstance(value, Decimal):
                    reported[(item_id, month)] = value
            if path.suffix == ".csv":
                fill_csv(path, {k: str(v) for k, v in values.items()})
            else:
                fill_xlsx(path, {k: float(v) if isinstance(v, Decimal) else v
                                 for k, v in values.items()})  # fmt: skip
        if month == 4:
            # 土地出让收入 is in 亿元; the office types the 万元 figure: refused, nothing written
            finance = next(p for p in files if p.name.startswith("财政所"))
            right = figure("land-sales", 4)
            fill_xlsx(finance, {"land-sales": float(right * 10_000)})
            before = snapshot(root)
            refused = run("collect", *map(str, files), "-l", str(root))
            assert refused.exit_code == 3, refused.output
            assert "万/亿" in refused.stderr and f"{right}亿元" in refused.stderr
            assert snapshot(root) == before
            fill_xlsx(finance, {"land-sales": float(right)})
        done = run("collect", *map(str, files), "-l", str(root))
        assert done.exit_code == 0, done.output
        assert "一般公共预算收入" in done.stdout and "→" in done.stdout
        again = run("collect", *map(str, files), "-l", str(root))
        assert again.exit_code == 0 and "0 项写入" in again.stderr, again.output
        if month == 5:
            may_files = files
    # A correction of May's budget revenue: refused without --corrections, then accepted.
    finance = next(p for p in may_files if p.name.startswith("财政所"))
    corrected = figure("budget-revenue", 5) + 12
    fill_xlsx(finance, {"budget-revenue": float(corrected)}, {"budget-revenue": "漏报一笔非税收入"})
    before = snapshot(root)
    refused = run("collect", str(finance), "-l", str(root))
    assert refused.exit_code == 3 and "--corrections" in refused.stderr
    assert snapshot(root) == before
    fixed = run("collect", str(finance), "--corrections", "-l", str(root))
    assert fixed.exit_code == 0, fixed.output
    assert "810万元 → 822万元" in fixed.stdout
    reported[("budget-revenue", 5)] = corrected

    meeting = run(
        "meeting", "--month", "2025-06", "-l", str(root), "-o", str(tmp_path / "6月调度会")
    )
    assert meeting.exit_code == 0, meeting.output
    written = [Path(p) for p in meeting.stdout.splitlines()]
    assert len(written) == 6 and all(p.stat().st_size > 0 for p in written)
    assert "测试镇" in (tmp_path / "6月调度会" / "通报.txt").read_text(encoding="utf-8")

    for month in range(1, 7):
        status = run("status", "-l", str(root), "--as-of", f"2025-{month:02d}", "--format", "json")
        assert status.exit_code == 0, status.output
        actual = {i["id"]: i["actual"] for i in json.loads(status.stdout)["items"]}
        for item_id in TARGETS:
            months = [m for m in range(1, month + 1) if (item_id, m) in reported]
            want = reported[(item_id, max(months))] if months else None
            got = actual[item_id]
            assert (None if got is None else Decimal(str(got))) == want, (item_id, month)
    milestone = run("show", "应急物资储备库", "-l", str(root), "--year", "2025")
    assert milestone.exit_code == 0, milestone.output
    assert "推进中" in milestone.stdout
