"""Many files as one transaction (write/batch.py): collect and import --overwrite land whole
or not at all — also when the process is killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.read.load import load_ledger
from plancheck.write import batch
from tests import cycle_ledger

TODAY = {"PLANCHECK_TODAY": "2025-07-03"}


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=TODAY)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != batch.JOURNAL and not p.name.startswith(".plancheck.lock")
    }


def filled_forms(root: Path, out: Path, month: int = 6) -> list[Path]:
    """Every office's form for the month, filled with 40 % of each target."""
    made = run("forms", "--month", f"2025-{month:02d}", "-l", str(root), "-o", str(out))
    assert made.exit_code == 0, made.output
    files = [Path(line) for line in made.stdout.splitlines()]
    targets = {i: Decimal(t) for i, _, _, t, _ in cycle_ledger.AMOUNTS}
    for path in files:
        book = openpyxl.load_workbook(path)
        ws = book.active
        assert ws is not None
        for row in range(4, ws.max_row + 1):
            item_id = ws.cell(row, 2).value
            if item_id in targets:
                ws.cell(row, 7).value = float(targets[item_id] * Decimal("0.4"))
        book.save(path)
    return files


# --------------------------------------------------------------------------- in process


def _changes(root: Path) -> list[batch.Change]:
    files = sorted((root / "2025").glob("*.toml"))
    return [(p, p.read_bytes(), p.read_bytes() + b"# changed\n") for p in files]


def test_commit_writes_every_file_and_leaves_no_journal(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    batch.commit(root, changes)
    assert all(p.read_bytes() == new for p, _, new in changes)
    assert not (root / batch.JOURNAL).exists()
    assert not list(root.rglob(f"*{batch.TMP_SUFFIX}"))


def test_a_file_changed_since_it_was_read_refuses_the_whole_batch(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    last = changes[-1][0]
    last.write_bytes(last.read_bytes() + b"# someone else\n")
    before = snapshot(root)
    with pytest.raises(PlancheckError) as refused:
        batch.commit(root, changes)
    assert refused.value.code == "edit.changed_underneath"
    assert snapshot(root) == before


def test_a_crash_after_the_commit_point_is_rolled_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    real = os.replace
    calls: list[str] = []

    def crash_after_two(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 4:  # the journal, two files, then the "crash"
            raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(batch.os, "replace", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        batch.commit(root, changes)
    monkeypatch.setattr(batch.os, "replace", real)
    states = [p.read_bytes() == new for p, _, new in changes]
    assert states.count(True) == 2 and batch.pending(root)
    load_ledger(root)  # half-applied, but every file whole: the ledger loads
    assert batch.recover(root) == []
    assert all(p.read_bytes() == new for p, _, new in changes)
    assert not batch.pending(root) and not list(root.rglob(f"*{batch.TMP_SUFFIX}"))


def test_a_crash_before_the_commit_point_leaves_every_file_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    before = snapshot(root)
    # a kill leaves temporaries and no journal: they are removed, the originals untouched
    for path, _, new in changes[:2]:
        path.with_name(f".{path.name}{batch.TMP_SUFFIX}").write_bytes(new)
    batch.recover(root)
    assert snapshot(root) == before


def test_a_kill_while_the_journal_is_written_leaves_nothing_behind(tmp_path: Path) -> None:
    # The journal is written whole through the atomic writer; a kill before its rename leaves
    # the writer's temporary (.plancheck.journal.*.tmp), which the next recovery removes.
    from plancheck.write.atomic import write_temporary

    root = cycle_ledger.make(tmp_path / "l", split=True)
    before = snapshot(root)
    left = write_temporary(root / batch.JOURNAL, b"[]")  # named as the writer names it
    assert left.exists() and left.name.endswith(".tmp")
    assert batch.recover(root) == []
    assert not left.exists()
    assert snapshot(root) == before and not batch.pending(root)


def test_roll_forward_never_overwrites_a_file_changed_since(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    import json

    entries = []
    for path, old, new in changes:
        tmp = path.with_name(f".{path.name}{batch.TMP_SUFFIX}")
        tmp.write_bytes(new)
        entries.append(
            {
                "path": os.path.relpath(path, root),
                "tmp": os.path.relpath(tmp, root),
                "old": batch._digest(old),
                "new": batch._digest(new),
            }
        )
    (root / batch.JOURNAL).write_text(json.dumps(entries), encoding="utf-8")
    edited = changes[0][0]
    edited.write_bytes(b"# edited by hand meanwhile\n")
    assert batch.recover(root) == [edited]
    assert edited.read_bytes() == b"# edited by hand meanwhile\n"
    assert all(p.read_bytes() == new for p, _, new in changes[1:])


# --------------------------------------------------------------------------- collect


def test_a_bad_row_in_one_file_leaves_every_file_byte_identical(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    files = filled_forms(root, tmp_path / "forms")
    book = openpyxl.load_workbook(files[-1])
    ws = book.active
    assert ws is not None
    ws.cell(5, 7).value = "约三百"  # not a figure
    book.save(files[-1])
    before = snapshot(root)
    result = run("collect", *map(str, files), "-l", str(root))
    assert result.exit_code == 3
    assert f"{files[-1]}:5:" in result.stderr and "约三百" in result.stderr
    assert snapshot(root) == before
    # an unknown row is refused with the closest names
    ws.cell(5, 7).value = 1
    ws.cell(5, 2).value = None
    ws.cell(5, 3).value = "消防演练次数"
    book.save(files[-1])
    result = run("collect", *map(str, files), "-l", str(root))
    assert result.exit_code == 3 and "「消防演练」(fire-drills)" in result.stderr
    assert snapshot(root) == before


def _kill_at_random(cmd: list[str], root: Path, runs: int, env: dict[str, str]) -> set[str]:
    """Run `cmd` `runs` times, SIGKILL it at a random moment; after each kill every file is
    old or new and the ledger loads; once recovered, all are old or all new."""
    old = snapshot(root)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    span = time.perf_counter() - start
    new = snapshot(root)
    assert new != old
    outcomes: set[str] = set()
    rng = random.Random(13)
    for _ in range(runs):
        for name, data in old.items():
            (root / name).write_bytes(data)
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, span * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = snapshot(root)
        for name in old:
            assert now.get(name) in (old[name], new[name]), name
        load_ledger(root)
        batch.recover(root)
        now = snapshot(root)
        assert now in (old, new)
        outcomes.add("new" if now == new else "old")
    return outcomes


@pytest.mark.slow
def test_killing_collect_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    files = filled_forms(root, tmp_path / "forms")
    env = {**os.environ, **TODAY, "PLANCHECK_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "plancheck", "collect", *map(str, files), "-l", str(root)]
    outcomes = _kill_at_random(cmd, root, 24, env)
    assert outcomes  # (which outcomes occur depends on timing; both are correct)


@pytest.mark.slow
def test_killing_import_overwrite_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    table = tmp_path / "revised.csv"
    rows = ["指标名称,单位,目标值,责任单位"]
    for _, name, unit, target, owner in cycle_ledger.AMOUNTS:
        rows.append(f"{name},{unit},{Decimal(target) * 2},{owner}")
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = {**os.environ, **TODAY, "PLANCHECK_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "plancheck", "import", str(table), "--year", "2025",
           "--overwrite", "-l", str(root)]  # fmt: skip
    outcomes = _kill_at_random(cmd, root, 20, env)
    assert outcomes


def test_an_update_after_an_interrupted_batch_finishes_the_batch_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = cycle_ledger.make(tmp_path / "l", split=True)
    changes = _changes(root)
    real = os.replace
    calls: list[str] = []

    def crash_after_one(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 3:  # the journal, one file, then the "crash"
            raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(batch.os, "replace", crash_after_one)
    with pytest.raises(KeyboardInterrupt):
        batch.commit(root, changes)
    monkeypatch.setattr(batch.os, "replace", real)
    assert batch.pending(root)
    result = run("update", "消防演练", "2", "--month", "2025-02", "-l", str(root))
    assert result.exit_code == 0, result.output
    assert not batch.pending(root)
    for path, _, new in changes:  # every file of the batch is new, one also has the update
        if "应急办" in path.name:
            assert b"2025-02 = 2" in path.read_bytes() and path.read_bytes().endswith(
                b"# changed\n"
            )
        else:
            assert path.read_bytes() == new


def test_figures_for_items_of_one_file_land_from_one_read_of_settings_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several figures for items of one file, planned as one batch: each lands, the rest of
    the file stays byte for byte, the settings and the file are read once per batch, and the
    whole new file is parsed once (by `verify`), not once per figure."""
    from plancheck.read import tomlread
    from plancheck.write import block
    from plancheck.write.edit import record_actual

    root = cycle_ledger.make(tmp_path / "l")
    (path,) = sorted((root / "2025").glob("*.toml"))
    before = path.read_bytes()
    calls = {"settings": 0, "reads": 0, "whole": 0}
    real_settings, real_read, real_loads = block.load_settings, Path.read_bytes, tomlread.loads

    def settings(*args: object) -> object:
        calls["settings"] += 1
        return real_settings(*args)  # type: ignore[arg-type]

    def read(self: Path) -> bytes:
        calls["reads"] += self == path
        return real_read(self)

    def whole(text: str, *args: object, **kwargs: object) -> object:
        calls["whole"] += "[budget-revenue]" in text  # the items' file, not the settings
        return real_loads(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(block, "load_settings", settings)
    monkeypatch.setattr(Path, "read_bytes", read)
    monkeypatch.setattr(tomlread, "loads", whole)
    figures = {"budget-revenue": "700", "tax-revenue": "610", "fire-drills": "5", "toilets": "90"}
    with batch.staging() as stage:
        for item_id, value in figures.items():
            record_actual(root, item_id, value, month="2025-06", allow_decrease=True)
        batch.verify(stage)
    assert calls == {"settings": 1, "reads": 1, "whole": 1}
    monkeypatch.undo()
    batch.commit(root, stage.changes())
    after = path.read_bytes().decode()
    items = {i.id: i for i in load_ledger(root).items}
    for item_id, value in figures.items():
        assert items[item_id].actual == Decimal(value)
        assert dict(items[item_id].history)["2025-06"] == Decimal(value)
    untouched = [line for line in before.decode().splitlines() if "2025-06" not in line]
    assert all(line in after.splitlines() for line in untouched)
