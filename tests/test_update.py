"""Monthly updates: surgical, atomic, serialised, and refusing bad input without a trace."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.model import Kind, MilestoneState
from plancheck.read.load import LedgerError, load_ledger
from plancheck.write import atomic as safewrite
from plancheck.write import block as itemedit
from plancheck.write import edit

from .conftest import FIXTURES, REPO

TARGETS = REPO / "targets"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    return root


@pytest.fixture
def comments(tmp_path: Path) -> Path:
    root = tmp_path / "comments"
    shutil.copytree(FIXTURES / "comments", root)
    return root


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"PLANCHECK_TODAY": "2024-07-10"})


# --------------------------------------------------------------------------- surgical edits


def _editable_items(root: Path):
    ledger = load_ledger(root)
    by_file: dict[Path, list] = {}
    for item in ledger.items:
        by_file.setdefault(item.location.file, []).append(item)
    return by_file


@pytest.mark.parametrize(
    "rel",
    sorted({str(i.location.file.relative_to(TARGETS)) for i in load_ledger(TARGETS).items}),
)
def test_update_changes_only_its_lines_in_every_bundled_file(bundled: Path, rel: str) -> None:
    path = bundled / rel
    items = _editable_items(bundled)[path]
    before = path.read_text(encoding="utf-8")
    numeric = [i for i in items if i.kind in (Kind.AMOUNT, Kind.INDICATOR, Kind.RATE)]
    if numeric:
        item = numeric[len(numeric) // 2]
        edit.record_actual(bundled, item.id, "7", month=f"{item.year}-12")
        removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
        # the actual changes; a dated single actual moves into the history with its month
        assert all(line.startswith(("actual =", "reported =")) for line in removed), removed
        month_line = re.compile(rf"^{item.year}-\d\d = [0-9.]+$")
        # restating a December (or undated year-end) figure keeps the one it replaces
        correction = re.compile(
            rf'^(\[\[{item.id}\.corrections\]\]|month = "{item.year}-12"|was = [0-9.]+'
            rf"|date = \d{{4}}-\d\d-\d\d)$"
        )
        for line in added:
            assert (
                not line
                or line == f"[{item.id}.history]"
                or line.startswith("actual = 7")
                or month_line.match(line)
                or correction.match(line)
            ), line
        assert f"{item.year}-12 = 7" in added
    else:
        item = items[0]
        edit.set_milestone(bundled, item.id, item.year, MilestoneState.STARTED, None)
        removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
        assert all(line.startswith("state =") for line in removed + added)
    # every other item of the ledger is exactly as before
    after = {i.id: i for i in load_ledger(bundled).items if i.year == item.year}
    original = {i.id: i for i in load_ledger(TARGETS).items if i.year == item.year}
    for other_id, other in original.items():
        if other_id != item.id:
            assert after[other_id] == replace(other, location=after[other_id].location)


def test_comment_heavy_file_keeps_everything(comments: Path) -> None:
    path = comments / "2024" / "plan.toml"
    before = path.read_text(encoding="utf-8")
    edit.record_actual(comments, "trips", "6", month="2024-06", note="6月外出1次")
    after = path.read_text(encoding="utf-8")
    expected = before.replace("actual = 5    # 1-5月", "actual = 6    # 1-5月").replace(
        "2024-05 = 5   # 5月\n",
        '2024-05 = 5   # 5月\n2024-06 = 6\n\n[trips.notes]\n2024-06 = "6月外出1次"\n',
    )
    # the month's note goes beside the month; the item's own (multi-line) note stays
    assert after == expected
    data = tomllib.loads(after)
    assert data["trips"]["note"] == "多行备注\n第二行"
    assert data["trips"]["kind"] == "amount" and "kind = 'amount'" in after


def test_new_history_goes_before_the_next_entrys_comment(comments: Path) -> None:
    path = comments / "2024" / "plan.toml"
    edit.record_actual(comments, "toilets", "100", month="2024-06")
    text = path.read_text(encoding="utf-8")
    toilets = text.index("[toilets]")
    assert text.index("[toilets.history]") > toilets
    assert text.index("actual = 100") < text.index("[[toilets.claims]]")
    assert tomllib.loads(text)["toilets"]["claims"][0]["value"] == 262


def test_crlf_files_stay_crlf(comments: Path) -> None:
    path = comments / "2024" / "crlf.toml"
    edit.record_actual(comments, "count", "3", month="2024-03")
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    edit.set_milestone(
        comments, "road", 2024, MilestoneState.DONE, __import__("datetime").date(2024, 7, 1)
    )
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b'state = "done"   # \xe8\xae\xa1\xe5\x88\x92' in data  # comment kept


def test_set_target_keeps_the_original(bundled: Path) -> None:
    edit.set_target(bundled, "textile-park-enterprises", 2024, "42", reason="新签约3家")
    item = load_ledger(bundled).find(2024, "textile-park-enterprises")
    assert item is not None
    assert (item.target, item.original_target, item.target_reason) == (42, 39, "新签约3家")
    edit.set_target(bundled, "textile-park-enterprises", 2024, "45")
    item = load_ledger(bundled).find(2024, "textile-park-enterprises")
    assert item is not None and (item.target, item.original_target) == (45, 39)


GROWTH = """\
[energy]
name = "单位产值能耗"
kind = "growth"
unit = "吨"
direction = "down"
target_growth_pct = -3   # 县下达
baseline = 100

[output]
name = "规上工业产值"
kind = "growth"
unit = "亿元"
target_growth_pct = 8
baseline = 10
"""


def test_set_target_revises_a_growth_rate_keeping_the_original(make_ledger) -> None:
    root = make_ledger({"2024/g.toml": GROWTH})
    edit.set_target(root, "output", 2024, "10%", reason="县里调高")
    edit.set_target(root, "output", 2024, "12")
    edit.set_target(root, "energy", 2024, "-5%")  # a planned fall is a negative growth
    items = {i.id: i for i in load_ledger(root).items}
    out, energy = items["output"], items["energy"]
    assert (out.target_growth_pct, out.original_target_growth_pct) == (12, 8)
    assert out.target_reason == "县里调高" and out.original_target is None
    assert (energy.target_growth_pct, energy.original_target_growth_pct) == (-5, -3)
    text = (root / "2024" / "g.toml").read_text(encoding="utf-8")
    assert "target_growth_pct = -5   # 县下达" in text  # the comment stays with its line
    result = CliRunner().invoke(
        app, ["status", "--ledger", str(root), "--year", "2024"], env={"COLUMNS": "160"}
    )
    # stated growth targets keep the digits they are written with
    assert "+12%（原+8%）" in result.stdout and "-5%（原-3%）" in result.stdout
    shown = CliRunner().invoke(app, ["show", "output", "--ledger", str(root), "--year", "2024"])
    assert re.search(r"原目标\s+\+8%", shown.stdout), shown.stdout
    before = digest(root / "2024" / "g.toml")
    for bad in ("8亿元", "abc"):
        with pytest.raises(PlancheckError):
            edit.set_target(root, "output", 2024, bad)
    assert digest(root / "2024" / "g.toml") == before


def test_original_growth_is_only_for_growth_items(make_ledger) -> None:
    body = '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\noriginal_target_growth_pct = 5\n'
    with pytest.raises(LedgerError) as info:
        load_ledger(make_ledger({"2024/a.toml": body}))
    assert [(p.key, p.code) for p in info.value.problems] == [
        ("a.original_target_growth_pct", "growth.only_growth")
    ]


def test_units_are_converted_exactly(bundled: Path) -> None:
    edit.record_actual(bundled, "jingchen-investment", "5000万元", month="2023-12")
    item = load_ledger(bundled).find(2023, "jingchen-investment")
    assert item is not None and str(item.actual) == "0.5"


def test_as_of_reproduces_the_meeting(bundled: Path) -> None:
    for month, value in (("2024-05", "20"), ("2024-06", "24"), ("2024-07", "30")):
        result = run(
            "update", "textile-park-enterprises", value, "--month", month, "--ledger", str(bundled)
        )
        assert result.exit_code == 0, result.output
    june = run("status", "--ledger", str(bundled), "--as-of", "2024-06", "-f", "json")
    import json

    items = {i["id"]: i for i in json.loads(june.stdout)["items"]}
    assert items["textile-park-enterprises"]["actual"] == 24
    assert items["textile-park-enterprises"]["expected_pct"] == 50.0
    assert items["leaders-investment-trips"]["stale"] is True


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["update", "toilet-rectificaton", "5", "--month", "2024-06"], "toilet-rectification"),
        (["update", "textile-park-enterprises", "5", "--month", "2024-13"], "2024-13"),
        (
            ["update", "textile-park-enterprises", "5", "--month", "2023-06", "--year", "2024"],
            "2023-06",
        ),
        (["update", "textile-park-enterprises", "5x", "--month", "2024-06"], "unknown unit x"),
        (["update", "textile-park-enterprises", "five", "--month", "2024-06"], "five"),
        (["update", "textile-park-enterprises", "-5", "--month", "2024-06"], "-5"),
        (["update", "textile-park-enterprises", "5亩", "--month", "2024-06"], "亩"),
        (["update", "textile-park-enterprises", "1", "--month", "2024-06"], "--allow-decrease"),
        (
            ["update", "textile-park-enterprises", "1", "--month", "2024-06", "--allow-decrease"],
            "--note",
        ),
        (["update", "s329-road-support", "5", "--month", "2024-06"], "--state"),
        (["update", "textile-park-enterprises", "--state", "done", "--year", "2024"], "milestone"),
        (["update", "textile-park-enterprises"], "VALUE"),
        (["set-target", "s329-road-support", "5", "--year", "2024"], "milestone"),
    ],
)
def test_each_refusal_leaves_the_file_unchanged(
    bundled: Path, args: list[str], needle: str
) -> None:
    run("update", "textile-park-enterprises", "20", "--month", "2024-05", "--ledger", str(bundled))
    files = sorted(bundled.rglob("*.toml"))
    hashes = [digest(p) for p in files]
    result = run(*args, "--ledger", str(bundled), "--lang", "en")
    assert result.exit_code != 0
    assert needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert [digest(p) for p in files] == hashes
    assert not list(bundled.rglob("*.tmp"))


def test_refusal_is_located(bundled: Path) -> None:
    run("update", "textile-park-enterprises", "20", "--month", "2024-05", "--ledger", str(bundled))
    result = run(
        "update",
        "textile-park-enterprises",
        "19",
        "--month",
        "2024-06",
        "--ledger",
        str(bundled),
        "--lang",
        "en",
    )
    first = result.stderr.splitlines()[0]
    path = bundled / "2024" / "02-investment.toml"
    line = path.read_text(encoding="utf-8").splitlines().index("[textile-park-enterprises.history]")
    assert first.startswith(f"{path}:{line + 1}: textile-park-enterprises.history.2024-06:")


def test_refuses_when_the_file_changed_underneath(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled / "2024" / "02-investment.toml"
    real = itemedit._verify_only

    def meddle(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        with path.open("a", encoding="utf-8") as f:
            f.write("# someone else's edit\n")

    monkeypatch.setattr(itemedit, "_verify_only", meddle)
    with pytest.raises(PlancheckError) as info:
        edit.record_actual(bundled, "textile-park-enterprises", "3", month="2024-02")
    assert info.value.code == "edit.changed_underneath"
    assert path.read_text(encoding="utf-8").endswith("# someone else's edit\n")
    assert not list(bundled.rglob("*.tmp"))


# --------------------------------------------------------------------------- crash safety


def test_failure_before_replace_leaves_the_old_file(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled / "2024" / "02-investment.toml"
    before = digest(path)

    def boom() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite, "_before_replace", boom)
    with pytest.raises(PlancheckError) as info:
        edit.record_actual(bundled, "textile-park-enterprises", "3", month="2024-02")
    assert info.value.code == "write.no_space"
    assert info.value.problems[0].location.file == path
    assert digest(path) == before
    assert not list(path.parent.glob(".*.tmp"))


_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from plancheck.write import edit
    from plancheck.write import atomic as safewrite
    pause = float(sys.argv[2])
    if pause:
        def wait():
            print("ready", flush=True)
            time.sleep(pause)
        safewrite._before_replace = wait
    edit.record_actual(Path(sys.argv[1]), "textile-park-enterprises", sys.argv[3],
                       month=sys.argv[4])
    print("done", flush=True)
""")


@pytest.mark.slow
def test_killed_writer_leaves_old_or_new_never_torn(bundled: Path) -> None:
    path = bundled / "2024" / "02-investment.toml"
    old = path.read_bytes()
    # killed while the temporary file is written and the original not yet replaced
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(bundled), "30", "7", "2024-03"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    assert list(path.parent.glob(".*.tmp"))  # the new text is on disk beside the original
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert path.read_bytes() == old
    load_ledger(bundled)  # a stray temporary file is not read as part of the ledger
    # killed at arbitrary moments: every outcome is the old file or a complete new one
    seen = set()
    for attempt in range(8):
        before = path.read_bytes()
        value = str(10 + attempt)
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(bundled), "0", value, f"2024-{4 + attempt:02d}"],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.05 * attempt)
        proc.kill()
        proc.wait()
        after = path.read_bytes()
        data = tomllib.loads(after.decode("utf-8"))
        assert after == before or data["textile-park-enterprises"]["actual"] == int(value)
        seen.add(after == before)
    load_ledger(bundled)


@pytest.mark.slow
def test_concurrent_updates_are_serialised(bundled: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(bundled), "0", value, month],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for value, month in (("3", "2024-02"), ("5", "2024-03"), ("8", "2024-04"))
    ]
    outcomes = [p.communicate(timeout=60) for p in procs]
    codes = [p.returncode for p in procs]
    history = tomllib.loads((bundled / "2024" / "02-investment.toml").read_text("utf-8"))[
        "textile-park-enterprises"
    ]["history"]
    for (value, month), code, (_, err) in zip(
        (("3", "2024-02"), ("5", "2024-03"), ("8", "2024-04")), codes, outcomes, strict=True
    ):
        if code == 0:
            assert history[month] == int(value)
        else:  # refused clearly, never lost silently
            assert "edit.locked" in err or "another update" in err
    assert codes.count(0) >= 1


def test_lock_refuses_a_second_writer(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safewrite, "LOCK_TIMEOUT", 0.2)
    path = bundled / "2024" / "02-investment.toml"
    before = digest(path)
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with edit.ledger_lock(bundled):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    try:
        result = run(
            "update",
            "textile-park-enterprises",
            "3",
            "--month",
            "2024-02",
            "--ledger",
            str(bundled),
            "--lang",
            "en",
        )
    finally:
        release.set()
        thread.join()
    assert result.exit_code != 0 and "another update holds the ledger" in result.stderr
    assert digest(path) == before
    # once released, the same update lands
    assert (
        run(
            "update",
            "textile-park-enterprises",
            "3",
            "--month",
            "2024-02",
            "--ledger",
            str(bundled),
        ).exit_code
        == 0
    )


def test_a_year_end_actual_is_not_overwritten_by_an_earlier_month(bundled: Path) -> None:
    path = bundled / "2023" / "02-rural.toml"
    before = digest(path)
    result = run(
        "update",
        "toilet-rectification",
        "200",
        "--month",
        "2023-06",
        "--ledger",
        str(bundled),
        "--lang",
        "en",
    )
    assert result.exit_code == 3 and "without a month (374" in result.stderr
    assert digest(path) == before
    # restating the year-end figure itself is an ordinary update
    assert (
        run(
            "update", "toilet-rectification", "380", "--month", "2023-12", "--ledger", str(bundled)
        ).exit_code
        == 0
    )


def test_a_dated_actual_moves_into_the_history(bundled: Path) -> None:
    edit.record_actual(bundled, "sewage-pipe-blockages", "1", month="2023-02")
    item = load_ledger(bundled).find(2023, "sewage-pipe-blockages")
    assert item is not None
    assert dict(item.history) == {"2023-02": 1, "2023-05": 2} and item.actual == 2
    assert item.reported is None


def test_an_edit_the_loader_would_reject_is_refused(bundled: Path) -> None:
    path = bundled / "2023" / "02-rural.toml"
    before = digest(path)
    result = run(
        "update",
        "accident-insurance-rate",
        "120",
        "--month",
        "2023-12",
        "--ledger",
        str(bundled),
        "--lang",
        "en",
    )
    assert result.exit_code == 3 and "cannot exceed 100" in result.stderr
    assert digest(path) == before


def test_a_milestone_set_back_loses_its_done_date(bundled: Path) -> None:
    import datetime as dt

    edit.set_milestone(
        bundled, "s329-road-support", 2024, MilestoneState.DONE, dt.date(2024, 7, 20)
    )
    edit.set_milestone(
        bundled, "s329-road-support", 2024, MilestoneState.STARTED, dt.date(2024, 8, 1)
    )
    item = load_ledger(bundled).find(2024, "s329-road-support")
    assert item is not None and item.done is None and item.started == dt.date(2024, 8, 1)
    edit.set_milestone(bundled, "s329-road-support", 2024, MilestoneState.PLANNED, None)
    item = load_ledger(bundled).find(2024, "s329-road-support")
    assert item is not None and item.started is None


@pytest.mark.parametrize(
    "layout",
    [
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nhistory.2024-01 = 1\n',
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\n\n[b]\nname = "乙"\n'
        'kind = "indicator"\nunit = "户"\n\n[a.history]\n2024-01 = 1\n',
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nhistory = { 2024-01 = 1 }\n',
        '["a"]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nactual = 1\n'
        'reported = "2024-01"\n\n[b]\nname = "乙"\nkind = "indicator"\nunit = "户"\n',
    ],
    ids=["dotted", "split", "inline", "quoted"],
)
def test_unusual_layouts_are_edited_or_refused_cleanly(make_ledger, layout: str) -> None:
    root = make_ledger({"2024/x.toml": layout})
    path = root / "2024" / "x.toml"
    before = path.read_bytes()
    result = run("update", "a", "3", "--month", "2024-02", "--ledger", str(root))
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        item = load_ledger(root).find(2024, "a")
        assert item is not None and dict(item.history) == {"2024-01": 1, "2024-02": 3}
    else:
        assert result.exit_code in (2, 3) and path.read_bytes() == before


def test_a_quoted_id_is_edited(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/x.toml": '["a"]\nname = "甲"\nkind = "amount"\nunit = "户"\n'
            'target = 10\n\n[b]\nname = "乙"\nkind = "indicator"\n'
            'unit = "户"\n'
        }
    )
    result = run("update", "a", "3", "--month", "2024-02", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    item = load_ledger(root).find(2024, "a")
    assert item is not None and dict(item.history) == {"2024-02": 3}


def test_a_negative_growth_rate_is_given_on_the_command_line(make_ledger) -> None:
    root = make_ledger({"2024/g.toml": GROWTH})
    args = ["set-target", "energy", "-5%", "--year", "2024", "--reason", "r", "--ledger", str(root)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    item = load_ledger(root).find(2024, "energy")
    assert item is not None and item.target_growth_pct == -5
    wrong = CliRunner().invoke(app, [*args[:2], "-4%", "--bogus", *args[3:]])
    assert wrong.exit_code == 2  # an unknown option is still a usage error
    assert load_ledger(root).find(2024, "energy").target_growth_pct == -5  # type: ignore[union-attr]


def test_a_month_written_in_full_width_digits_is_updated_in_place(make_ledger) -> None:
    body = (
        '[x]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10  # 全年\n\n'
        '[x.history]\n2024-02 = 3\n"2024-０３" = 5   # 3月\n'
    )
    root = make_ledger({"2024/a.toml": body})
    path = root / "2024" / "a.toml"
    before = path.read_text(encoding="utf-8")
    edit.record_actual(root, "x", "7", month="2024-03", today=dt.date(2024, 4, 9))
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ['"2024-０３" = 5   # 3月']
    correction = ["[[x.corrections]]", 'month = "2024-03"', "was = 5", "date = 2024-04-09"]
    assert sorted(a for a in added if a) == sorted(
        ['"2024-０３" = 7   # 3月', "actual = 7", *correction]
    )
    item = load_ledger(root).find(2024, "x")
    assert item is not None and item.history == (("2024-02", 3), ("2024-03", 7))
