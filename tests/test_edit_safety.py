"""set-target, remove and rename have the edit safety of update: bad input refused without
a trace, a file changed underneath refused, a crash or a kill never leaves a torn ledger,
concurrent edits serialised."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.read.load import load_ledger
from plancheck.write import atomic, batch, edit, rename
from plancheck.write import block as itemedit

from .conftest import REPO

TARGETS = REPO / "targets"
INVESTMENT = Path("2024") / "02-investment.toml"
LIVELIHOOD = Path("2023") / "04-livelihood.toml"


def digests(root: Path) -> dict[Path, str]:
    return {
        p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.toml"))
    }


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"PLANCHECK_TODAY": "2024-07-10"})


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    return root


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["set-target", "textile-park-enterprises", "4x", "--year", "2024"], "unknown unit x"),
        (["set-target", "textile-park-enterprises", "-4", "--year", "2024"], "-4"),
        (["set-target", "textile-park-enterprises", "40", "--from", "2024-13"], "2024-13"),
        (["set-target", "textile-park-enterprises", "40", "--from", "2023-07", "--year", "2024"],
         "2023-07"),
        (["set-target", "no-such-target", "40", "--year", "2024"], "no-such-target"),
        (["remove", "textile-park-enterprise", "--year", "2024", "--yes"],
         "textile-park-enterprises"),
        (["remove", "destitute-support-persons", "--year", "2023", "--yes"],
         "destitute-supervision-agreements"),
        (["remove", "textile-park-enterprises", "--year", "2024"], "not confirmed"),
        (["rename", "textile-park-enterprises", "Textile Park", "--year", "2024"], "Textile Park"),
        (["rename", "textile-park-enterprises", "investment-info-collection", "--year", "2024"],
         "already has an item investment-info-collection"),
        (["rename", "no-such-item", "x", "--year", "2024"], "no-such-item"),
    ],
)  # fmt: skip
def test_each_refusal_leaves_every_file_unchanged(bundled: Path, args, needle) -> None:
    before = digests(bundled)
    result = run(*args, "--ledger", str(bundled), "--lang", "en")
    assert result.exit_code in (1, 2, 3), result.output
    assert needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert digests(bundled) == before
    assert not list(bundled.rglob("*.tmp"))


def test_removal_asks_and_removes_only_the_items_tables(bundled: Path) -> None:
    path = bundled / INVESTMENT
    text = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["remove", "textile-park-enterprises", "--year", "2024", "--ledger", str(bundled)],
        input="y\n",
    )
    assert result.exit_code == 0, result.output
    assert "textile-park-enterprises" not in path.read_text(encoding="utf-8")
    after = {i.id: i for i in load_ledger(bundled).items if i.year == 2024}
    original = {i.id: i for i in load_ledger(TARGETS).items if i.year == 2024}
    assert set(original) - set(after) == {"textile-park-enterprises"}
    # every comment of the file that is not inside the item's own tables is still there
    start = text.index("[textile-park-enterprises]")
    for line in text.splitlines():
        if line.lstrip().startswith("#") and text.index(line) < start:
            assert line in path.read_text(encoding="utf-8")


def test_rename_changes_every_reference_in_one_transaction(bundled: Path) -> None:
    result = run(
        "rename", "destitute-support-persons", "destitute-persons", "--year", "2023",
        "--ledger", str(bundled),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = {i.id: i for i in load_ledger(bundled).items if i.year == 2023}
    assert "destitute-support-persons" not in items and "destitute-persons" in items
    assert items["destitute-supervision-agreements"].same_as == "destitute-persons"


def test_rename_follows_carried_from_into_later_years(make_ledger) -> None:
    root = make_ledger({
        "2024/a.toml": '[roads]\nname = "道路"\nkind = "amount"\nunit = "条"\ntarget = 5\n'
                       'actual = 3\n',
        "2025/b.toml": '[roads-carried]\nname = "道路（结转）"\nkind = "amount"\nunit = "条"\n'
                       'target = 2\ncarried_from = "2024/roads"   # 2024年未完成\n'
                       '[roads]\nname = "道路"\nkind = "amount"\nunit = "条"\ntarget = 4\n'
                       'parts = ["roads-carried"]\n',
    })  # fmt: skip
    rename.rename_item(root, 2024, "roads", "village-roads")
    items = {(i.year, i.id): i for i in load_ledger(root).items}
    assert items[(2025, "roads-carried")].carried_from == "2024/village-roads"
    assert items[(2025, "roads")].parts == ("roads-carried",)  # 2025's own roads untouched
    text = (root / "2025" / "b.toml").read_text(encoding="utf-8")
    assert 'carried_from = "2024/village-roads"   # 2024年未完成' in text


# --------------------------------------------------------------------------- underneath


def test_set_target_refuses_when_the_file_changed_underneath(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled / INVESTMENT
    real = itemedit._verify_only

    def meddle(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        with path.open("a", encoding="utf-8") as f:
            f.write("# someone else's edit\n")

    monkeypatch.setattr(itemedit, "_verify_only", meddle)
    with pytest.raises(PlancheckError) as info:
        edit.set_target(bundled, "textile-park-enterprises", 2024, "45", from_month="2024-07")
    assert info.value.code == "edit.changed_underneath"
    assert path.read_text(encoding="utf-8").endswith("# someone else's edit\n")


@pytest.mark.parametrize("action", ["remove", "rename"])
def test_remove_and_rename_refuse_when_a_file_changed_underneath(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    path = bundled / LIVELIHOOD
    real = rename._commit

    def meddle(root: Path, changes) -> None:  # type: ignore[no-untyped-def]
        with path.open("a", encoding="utf-8") as f:
            f.write("# someone else's edit\n")
        real(root, changes)

    monkeypatch.setattr(rename, "_commit", meddle)
    with pytest.raises(PlancheckError) as info:
        if action == "remove":
            rename.remove_item(bundled, 2023, "joint-review-meetings")
        else:
            rename.rename_item(bundled, 2023, "destitute-support-persons", "destitute-persons")
    assert info.value.code == "edit.changed_underneath"
    assert path.read_text(encoding="utf-8").endswith("# someone else's edit\n")
    assert "[joint-review-meetings]" in path.read_text(encoding="utf-8")
    assert "[destitute-support-persons]" in path.read_text(encoding="utf-8")
    assert not (bundled / batch.JOURNAL).exists()
    assert not list(bundled.rglob("*.tmp"))


def test_a_failure_while_writing_leaves_every_original(
    make_ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ledger({
        "2024/a.toml": '[roads]\nname = "道路"\nkind = "amount"\nunit = "条"\ntarget = 5\n',
        "2024/b.toml": '[total]\nname = "合计"\nkind = "amount"\nunit = "条"\ntarget = 5\n'
                       'parts = ["roads"]\n',
    })  # fmt: skip
    before = digests(root)
    real = batch.write_temporary
    calls = []

    def second_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "write_temporary", second_fails)
    with pytest.raises((OSError, PlancheckError)):
        rename.rename_item(root, 2024, "roads", "village-roads")
    assert digests(root) == before
    assert not list(root.rglob("*.tmp"))


# --------------------------------------------------------------------------- kill


_SET_TARGET = textwrap.dedent("""
    import datetime as dt, sys, time
    from pathlib import Path
    from plancheck.write import edit
    from plancheck.write import atomic
    pause = float(sys.argv[2])
    if pause:
        def wait():
            print("ready", flush=True)
            time.sleep(pause)
        atomic._before_replace = wait
    edit.set_target(Path(sys.argv[1]), "textile-park-enterprises", 2024, sys.argv[3],
                    from_month=sys.argv[4], today=dt.date(2024, 7, 10))
    print("done", flush=True)
""")

_RENAME = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from plancheck.write import batch, rename
    pause = float(sys.argv[2])
    if pause:
        real = batch._roll_forward
        def wait(root, entries):
            print("ready", flush=True)  # the journal is written, nothing replaced yet
            time.sleep(pause)
            return real(root, entries)
        batch._roll_forward = wait
    rename.rename_item(Path(sys.argv[1]), 2024, "roads", sys.argv[3])
    print("done", flush=True)
""")


@pytest.mark.slow
def test_a_killed_set_target_leaves_the_old_file(bundled: Path) -> None:
    path = bundled / INVESTMENT
    old = path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SET_TARGET, str(bundled), "30", "45", "2024-08"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert path.read_bytes() == old
    load_ledger(bundled)
    for attempt in range(6):
        before = path.read_bytes()
        proc = subprocess.Popen(
            [sys.executable, "-c", _SET_TARGET, str(bundled), "0", str(45 + attempt),
             f"2024-{7 + attempt:02d}"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.05 * attempt)
        proc.kill()
        proc.wait()
        item = load_ledger(bundled).find(2024, "textile-park-enterprises")
        assert item is not None
        assert path.read_bytes() == before or item.target == 45 + attempt


TWO_FILES = {
    "2024/a.toml": '[roads]\nname = "道路"\nkind = "amount"\nunit = "条"\ntarget = 5\n',
    "2024/b.toml": '[total]\nname = "合计"\nkind = "amount"\nunit = "条"\ntarget = 5\n'
    'parts = ["roads"]\n',
}


@pytest.mark.slow
def test_a_killed_rename_ends_all_old_or_all_new(make_ledger) -> None:
    root = make_ledger(TWO_FILES)
    # killed between replacing the first file and the second: the journal finishes it
    proc = subprocess.Popen(
        [sys.executable, "-c", _RENAME, str(root), "30", "village-roads"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (root / batch.JOURNAL).exists()
    batch.recover(root)
    assert not (root / batch.JOURNAL).exists()
    ids = {i.id for i in load_ledger(root).items}
    assert ids == {"village-roads", "total"}
    assert load_ledger(root).find(2024, "total").parts == ("village-roads",)  # type: ignore[union-attr]
    # killed at arbitrary moments: after recovery, every file old or every file new
    for attempt in range(6):
        old_id = "village-roads" if attempt % 2 == 0 else "roads"
        new_id = "roads" if attempt % 2 == 0 else "village-roads"
        proc = subprocess.Popen(
            [sys.executable, "-c", _RENAME.replace('"roads"', repr(old_id)), str(root), "0",
             new_id],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.04 * attempt)
        proc.kill()
        proc.wait()
        batch.recover(root)
        ledger = load_ledger(root)
        named = {i.id for i in ledger.items} - {"total"}
        total = ledger.find(2024, "total")
        assert total is not None and total.parts == tuple(named)
        if named != {new_id}:  # killed before it began: redo it, to keep the ids alternating
            rename.rename_item(root, 2024, old_id, new_id)
    assert not list(root.rglob("*.tmp"))


# --------------------------------------------------------------------------- concurrency


@pytest.mark.slow
def test_concurrent_set_targets_are_serialised(bundled: Path) -> None:
    runs = (("45", "2024-08"), ("47", "2024-09"), ("50", "2024-10"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SET_TARGET, str(bundled), "0", value, month],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for value, month in runs
    ]
    outcomes = [p.communicate(timeout=60) for p in procs]
    item = load_ledger(bundled).find(2024, "textile-park-enterprises")
    assert item is not None
    kept = {(r.month, r.target) for r in item.revisions}
    for (value, month), proc, (_, err) in zip(runs, procs, outcomes, strict=True):
        if proc.returncode == 0:
            assert (month, int(value)) in kept
        else:  # refused clearly: the lock, or a month before a revision already made
            assert "edit.locked" in err or "revision.not_after" in err, err


@pytest.mark.slow
def test_concurrent_renames_are_serialised(make_ledger) -> None:
    root = make_ledger(TWO_FILES)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RENAME, str(root), "0", new],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for new in ("roads-a", "roads-b", "roads-c")
    ]
    for p in procs:
        p.communicate(timeout=60)
    assert [p.returncode for p in procs].count(0) == 1  # the others find no "roads" left
    ledger = load_ledger(root)
    named = {i.id for i in ledger.items} - {"total"}
    assert len(named) == 1 and ledger.find(2024, "total").parts == tuple(named)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "args",
    [
        ["set-target", "textile-park-enterprises", "45", "--from", "2024-08", "--reason", "r"],
        ["remove", "textile-park-enterprises", "--year", "2024", "--yes"],
        ["rename", "textile-park-enterprises", "textile-firms", "--year", "2024"],
    ],
)
def test_the_lock_refuses_a_second_writer(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setattr(atomic, "LOCK_TIMEOUT", 0.2)
    before = digests(bundled)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with atomic.ledger_lock(bundled):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    try:
        result = run(*args, "--ledger", str(bundled), "--lang", "en")
    finally:
        release.set()
        thread.join()
    assert result.exit_code != 0 and "another update holds the ledger" in result.stderr
    assert digests(bundled) == before
    assert run(*args, "--ledger", str(bundled)).exit_code == 0  # once released, it lands


def test_an_id_defined_in_two_files_is_not_guessed(make_ledger) -> None:
    body = '[roads]\nname = "道路"\nkind = "amount"\nunit = "条"\ntarget = 5\n'
    root = make_ledger({"2024/a.toml": body, "2024/sub/b.toml": body})
    before = digests(root)
    for action in (
        lambda: rename.rename_item(root, 2024, "roads", "village-roads"),
        lambda: rename.remove_item(root, 2024, "roads"),
    ):
        with pytest.raises(PlancheckError) as info:
            action()
        assert info.value.code == "edit.id_twice"
    assert digests(root) == before


def test_the_next_edit_finishes_an_interrupted_rename(
    make_ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ledger(TWO_FILES)

    def killed(root: Path, entries) -> None:  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the process dies with the journal written, nothing replaced

    monkeypatch.setattr(batch, "_roll_forward", killed)
    with pytest.raises(KeyboardInterrupt):
        rename.rename_item(root, 2024, "roads", "village-roads")
    monkeypatch.undo()
    assert (root / batch.JOURNAL).exists()
    result = run("update", "total", "3", "--month", "2024-05", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    assert not (root / batch.JOURNAL).exists()
    ledger = load_ledger(root)
    assert {i.id for i in ledger.items} == {"village-roads", "total"}
    assert ledger.find(2024, "total").parts == ("village-roads",)  # type: ignore[union-attr]
