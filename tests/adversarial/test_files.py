"""Files that are not what they seem: unreadable folders (#5), FIFOs and devices named
`*.toml` (#12), and paths whose bytes are not UTF-8 (#13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.messages import format_problem
from plancheck.read.cache import load_cached
from plancheck.read.load import LedgerError, load_ledger

ITEM = '[{id}]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nactual = 3\n'


def problems_of(root: Path) -> list[str]:
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    return [format_problem(p, "en") for p in info.value.problems]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"PLANCHECK_TODAY": "2026-11-29"})


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user may enter (pytest's are private to root)."""
    path = Path(tempfile.mkdtemp())
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path)


def _as_unprivileged(args: list[str]) -> list[str]:
    """Run as `nobody` when running as root (root may read any folder, whatever its mode)."""
    if os.geteuid() != 0:
        return args
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *args]


@pytest.mark.parametrize("locked", ["2023/sub", "2024"])
def test_unreadable_folder_is_a_located_error(shared_tmp: Path, locked: str) -> None:
    root = shared_tmp / "ledger"
    for rel in ("2023/a.toml", "2023/sub/b.toml", "2024/c.toml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(ITEM.format(id=Path(rel).stem), encoding="utf-8")
    (root / "plancheck.toml").write_text('entity = "测试镇"\n', encoding="utf-8")
    for sub in root.rglob("*"):
        sub.chmod(0o755 if sub.is_dir() else 0o644)
    (root / locked).chmod(0)
    env = {**os.environ, "PLANCHECK_NO_CACHE": "1", "PLANCHECK_TODAY": "2026-11-29"}
    cmd = [sys.executable, "-m", "plancheck", "status", "-l", str(root), "--lang", "en"]
    done = subprocess.run(_as_unprivileged(cmd), capture_output=True, text=True, env=env)
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"{root / locked}: error: permission denied" in done.stderr
    check = [sys.executable, "-m", "plancheck", "check", "-l", str(root), "--lang", "en"]
    done = subprocess.run(_as_unprivileged(check), capture_output=True, text=True, env=env)
    assert done.returncode == 1 and str(root / locked) in done.stdout + done.stderr


def test_unlistable_folder_in_process(make_ledger, monkeypatch) -> None:
    root = make_ledger({"2023/a.toml": ITEM.format(id="a"), "2023/sub/b.toml": ITEM.format(id="b")})
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    lines = problems_of(root)
    assert lines == [f"{root / '2023' / 'sub'}: error: permission denied"]


def test_fifo_named_toml_is_refused_without_blocking(make_ledger) -> None:
    root = make_ledger({"2023/a.toml": ITEM.format(id="a")})
    os.mkfifo(root / "2023" / "x.toml")
    (root / "2023" / "zero.toml").symlink_to("/dev/zero")
    env = {**os.environ, "PLANCHECK_TODAY": "2026-11-29"}
    cmd = [sys.executable, "-m", "plancheck", "status", "-l", str(root), "--lang", "en"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=20)
    assert done.returncode == 3
    for name in ("x.toml", "zero.toml"):
        assert f"{root / '2023' / name}: error: not a regular file" in done.stderr


def test_non_utf8_path_bytes(tmp_path: Path) -> None:
    base = os.fsencode(tmp_path)
    root = Path(os.fsdecode(base + b"/\xb2\xe2\xca\xd4"))  # "测试" in GBK
    (root / "2023").mkdir(parents=True)
    (root / "plancheck.toml").write_text('entity = "测试镇"\n', encoding="utf-8")
    (root / "2023" / os.fsdecode(b"\xc4\xea.toml")).write_text(ITEM.format(id="a"), "utf-8")
    cache = tmp_path / "cache"
    assert [i.id for i in load_cached(root, cache).items] == ["a"]
    assert [i.id for i in load_cached(root, cache).items] == ["a"]  # and from the cache
    assert list(cache.glob("*.pickle"))
    result = run("status", "-l", str(root), "--lang", "en")
    assert result.exit_code == 0, result.output


def test_unreadable_township_folder_of_a_county(shared_tmp: Path) -> None:
    county = shared_tmp / "county"
    for town in ("甲镇", "乙镇"):
        (county / town / "2024").mkdir(parents=True)
        (county / town / "plancheck.toml").write_text(f'entity = "{town}"\n', "utf-8")
        (county / town / "2024" / "a.toml").write_text(ITEM.format(id="a"), "utf-8")
    for sub in county.rglob("*"):
        sub.chmod(0o755 if sub.is_dir() else 0o644)
    (county / "乙镇").chmod(0)
    env = {**os.environ, "PLANCHECK_TODAY": "2026-11-29"}
    env["PLANCHECK_CACHE_DIR"] = str(shared_tmp / "cache")
    (shared_tmp / "cache").mkdir(mode=0o777)
    (shared_tmp / "cache").chmod(0o777)
    cmd = [sys.executable, "-m", "plancheck", "status", "-l", str(county), "--lang", "en"]
    for _ in range(2):  # and not served from the cache the second time
        done = subprocess.run(_as_unprivileged(cmd), capture_output=True, text=True, env=env)
        assert done.returncode == 3, done.stdout + done.stderr
        assert f"{county / '乙镇'}: error: permission denied" in done.stderr
