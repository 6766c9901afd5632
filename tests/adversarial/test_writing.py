"""Issue 18, the writing defects: every output and every edit goes through the one atomic
writer, which replaces only a regular file (or an absent path) and says why it refuses.

#1 outputs write through to devices, FIFOs and open descriptors, write a symbolic link's
target, and never overwrite a ledger file; #2 a ledger file that is a link is edited in its
target; #3 a read-only file is refused; #11 a failed write is one located line, no
traceback; #22 stale temporary files go, a lock file that is a link is not followed.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from tests.conftest import LedgerMaker

ENV = {"PLANCHECK_TODAY": "2024-07-10", "PLANCHECK_LANG": "zh"}

FILES = {
    "2024/a.toml": """\
        [toilets]
        name = "问题厕所整改"
        kind = "amount"
        unit = "户"
        owner = "农业农村办"
        target = 636

        [toilets.history]
        2024-05 = 300
        """,
}


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), env=ENV)


def cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """plancheck in a child process (for real descriptors)."""
    code = "import sys; from plancheck.__main__ import main; sys.argv[0] = 'plancheck'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, **ENV},
        capture_output=True,
        timeout=60,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def ledger(make_ledger: LedgerMaker) -> Path:
    return make_ledger(FILES)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    if lines and lines[0].startswith(("（未指定", "(no year")):
        lines = lines[1:]  # the year and date the command chose itself, said first
    assert len(lines) == 1, stderr
    return lines[0]


# --------------------------------------------------------------------------- #1 outputs


def test_an_open_descriptor_is_written_through(ledger: Path) -> None:
    """`--output >(wc)` and `/proc/self/fd/1`: the descriptor is written, nothing created."""
    shown = cli("summary", "--ledger", str(ledger))
    assert shown.returncode == 0 and shown.stdout
    read, write = os.pipe()
    try:
        proc = cli("summary", "--ledger", str(ledger), "-o", f"/dev/fd/{write}", pass_fds=[write])
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as stream:
        assert stream.read() == shown.stdout
    assert proc.returncode == 0, proc.stderr
    own = cli("report", "--ledger", str(ledger), "--html", "/proc/self/fd/1")
    assert own.returncode == 0, own.stderr
    assert own.stdout.startswith(b"<!DOCTYPE html>")


def test_a_fifo_is_written_through_not_replaced(ledger: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "--ledger", str(ledger), "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith("\ufeff".encode()) and "问题厕所整改".encode() in got[0]


def test_a_terminal_is_written_through(ledger: Path) -> None:
    """A character device (here a pseudo-terminal) is written, never replaced by a file."""
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        result = run("summary", "--ledger", str(ledger), "--output", name)
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(os.stat(name).st_mode)
        shown = run("summary", "--ledger", str(ledger)).stdout
        got = b""
        while select.select([master], [], [], 0.5)[0]:
            got += os.read(master, 65536)
        assert got.decode("utf-8") == shown.replace("\n", "\r\n")  # as the terminal has it
    finally:
        os.close(master)
        os.close(slave)


def test_a_symlink_output_writes_its_target(ledger: Path, tmp_path: Path) -> None:
    real = tmp_path / "real" / "dashboard.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    result = run("report", "--ledger", str(ledger), "--html", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in real.parent.iterdir()) == ["dashboard.html"]


@pytest.mark.parametrize(
    "rel", ["2024/a.toml", "plancheck.toml", "2024/new.toml", ".plancheck.lock"]
)
@pytest.mark.parametrize("command", ["summary", "export", "report"])
def test_an_output_never_overwrites_a_ledger_file(ledger: Path, rel: str, command: str) -> None:
    path = ledger / rel
    before = path.read_bytes() if path.exists() else None
    flag = "--html" if command == "report" else "--output"
    extra = ["--format", "csv"] if command == "export" else []
    result = run(command, "--ledger", str(ledger), flag, str(path), *extra)
    assert result.exit_code == 2
    line = _one_line(result.stderr)
    assert line == f"{path}: 错误: 这是台账文件，输出不能覆盖它；请换一个文件名"
    assert (path.read_bytes() if path.exists() else None) == before


def test_another_ledgers_files_and_links_to_them_are_refused(
    ledger: Path, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    other = make_ledger(FILES, name="other")
    before = (other / "2024" / "a.toml").read_bytes()
    link = tmp_path / "notes.toml"
    link.symlink_to(other / "2024" / "a.toml")
    for path in (other / "2024" / "a.toml", link):
        result = run("summary", "--ledger", str(ledger), "-o", str(path))
        assert result.exit_code == 2 and "台账文件" in result.stderr
    assert (other / "2024" / "a.toml").read_bytes() == before and link.is_symlink()
    plain = tmp_path / "notes.md"  # a file of another kind beside the ledger is an output
    assert run("summary", "--ledger", str(ledger), "-o", str(plain)).exit_code == 0


def test_a_folder_is_refused(ledger: Path, tmp_path: Path) -> None:
    result = run("summary", "--ledger", str(ledger), "-o", str(tmp_path))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert tmp_path.is_dir()


# --------------------------------------------------------------------------- #3 read-only


def test_a_read_only_output_is_refused(ledger: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.txt"
    out.write_text("上月通报\n", encoding="utf-8")
    out.chmod(0o444)
    result = run("summary", "--ledger", str(ledger), "-o", str(out))
    assert result.exit_code == 2
    assert _one_line(result.stderr) == (
        f"{out}: 错误: 文件为只读（权限 0444），未写入；如确需修改，请先改为可写"
    )
    assert out.read_text(encoding="utf-8") == "上月通报\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


@pytest.mark.parametrize(
    "args",
    [
        ["update", "toilets", "320", "--month", "2024-06"],
        ["set-target", "toilets", "640", "--year", "2024", "--reason", "县调整"],
        ["add", "--name", "新增企业", "--kind", "amount", "--unit", "家", "--target", "3",
         "--year", "2024", "--file", "a.toml"],
    ],
)  # fmt: skip
def test_a_read_only_ledger_file_is_refused(ledger: Path, args: list[str]) -> None:
    path = ledger / "2024" / "a.toml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = run(*args, "--ledger", str(ledger))
    assert result.exit_code == 3, result.output
    line = _one_line(result.stderr)
    assert line.startswith(f"{path}: 错误: 文件为只读（权限 0444）")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["a.toml"]


# --------------------------------------------------------------------------- #2 symlinks


def test_update_of_a_symlinked_ledger_file_edits_its_target(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger({})
    shared = tmp_path / "shared" / "a.toml"
    shared.parent.mkdir()
    shared.write_text(FILES["2024/a.toml"].replace("        ", ""), encoding="utf-8")
    (root / "2024").mkdir()
    link = root / "2024" / "a.toml"
    link.symlink_to(shared)
    result = run("update", "toilets", "320", "--month", "2024-06", "--ledger", str(root))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert "2024-06 = 320" in shared.read_text(encoding="utf-8")
    assert sorted(p.name for p in shared.parent.iterdir()) == ["a.toml"]
    status = run("status", "--ledger", str(root), "--format", "json", "--as-of", "2024-06")
    assert '"actual": "320"' in status.stdout or '"actual": 320' in status.stdout


# --------------------------------------------------------------------------- #11 failures


def _fail_mkstemp(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    return fail


def _fail_fsync(code: int):  # type: ignore[no-untyped-def]
    real = os.fsync

    def fail(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(code, os.strerror(code))
        real(fd)

    return fail


IMPORT_CSV = "指标名称,单位,目标值,责任单位\n新增企业,家,3,经发办\n"

COMMANDS = {
    "update": ["update", "toilets", "320", "--month", "2024-06"],
    "set-target": ["set-target", "toilets", "640", "--year", "2024", "--reason", "县调整"],
    "add": ["add", "--name", "新增企业", "--kind", "amount", "--unit", "家", "--target", "3",
            "--year", "2024", "--file", "a.toml"],
    "import": ["import", "{csv}", "--year", "2024", "--file", "a.toml"],
    "carryover": ["carryover", "--from", "2024", "--to", "2025"],
}  # fmt: skip

FAILURES = {
    "read-only folder": ("mkstemp", errno.EACCES, "无法写入：没有写入权限"),
    "full disk": ("fsync", errno.ENOSPC, "无法写入：磁盘空间不足"),
    "read-only file system": ("fsync", errno.EROFS, "无法写入：文件系统为只读"),
}


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_failed_write_is_one_located_line(
    make_ledger: LedgerMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    failure: str,
) -> None:
    files = dict(FILES)
    if command == "carryover":  # a year that ended behind: the toilets carry over
        files = {"2024/a.toml": FILES["2024/a.toml"].replace("2024-05 = 300", "2024-12 = 300")}
    root = make_ledger(files)
    csv = tmp_path / "表.csv"
    csv.write_text(IMPORT_CSV, encoding="utf-8")
    before = _contents(root)
    where, code, text = FAILURES[failure]
    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _fail_mkstemp(code))
    else:
        monkeypatch.setattr(os, "fsync", _fail_fsync(code))
    args = [a.replace("{csv}", str(csv)) for a in COMMANDS[command]]
    result = run(*args, "--ledger", str(root))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 3, result.output
    line = _one_line(result.stderr.split("\n", 1)[-1] if command == "import" else result.stderr)
    written = "2025/carryover.toml" if command == "carryover" else "2024/a.toml"
    assert line == f"{root / written}: 错误: {text}"
    assert _contents(root) == before


def _contents(root: Path) -> dict[Path, bytes]:
    """Every file of the ledger (the lock file aside) and its bytes."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.suffix != ".lock"}


# --------------------------------------------------------------------------- #22 leftovers


def test_a_stale_temporary_file_is_removed_by_the_next_edit(ledger: Path) -> None:
    folder = ledger / "2024"
    stale = folder / ".a.toml.k1ll3d.tmp"
    stale.write_text("half", encoding="utf-8")
    other = folder / ".b.toml.k1ll3d.tmp"  # another file's: left for that file's next edit
    other.write_text("half", encoding="utf-8")
    result = run("update", "toilets", "320", "--month", "2024-06", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [".b.toml.k1ll3d.tmp", "a.toml"]


def test_a_dangling_symlink_lock_is_not_followed(ledger: Path, tmp_path: Path) -> None:
    planted = tmp_path / "elsewhere" / "owned"
    planted.parent.mkdir()
    lock = ledger / ".plancheck.lock"
    lock.symlink_to(planted)
    before = (ledger / "2024" / "a.toml").read_bytes()
    result = run("update", "toilets", "320", "--month", "2024-06", "--ledger", str(ledger))
    assert result.exit_code == 3
    assert _one_line(result.stderr) == (
        f"{lock}: 错误: 台账锁文件是符号链接，未跟随；请删除它后重试"
    )
    assert not planted.exists() and lock.is_symlink()
    assert (ledger / "2024" / "a.toml").read_bytes() == before


def test_import_overwrite_refuses_a_read_only_file_before_writing_any(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    """A batch is checked whole: the read-only second file stops it before the first is
    revised."""
    second = FILES["2024/a.toml"].replace("toilets", "roads").replace("问题厕所整改", "道路硬化")
    root = make_ledger({"2024/a.toml": FILES["2024/a.toml"], "2024/b.toml": second})
    (root / "2024" / "b.toml").chmod(0o444)
    csv = tmp_path / "表.csv"
    rows = "编号,指标名称,单位,目标值\ntoilets,问题厕所整改,户,700\nroads,道路硬化,户,800\n"
    csv.write_text(rows, encoding="utf-8")
    before = _contents(root)
    result = run("import", str(csv), "--year", "2024", "--overwrite", "--ledger", str(root))
    assert result.exit_code == 3, result.output
    assert "文件为只读" in result.stderr and "Traceback" not in result.stderr
    assert _contents(root) == before
