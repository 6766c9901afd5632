"""#9: ledger text cannot drive the terminal.  Each human-facing output is run on a real
pseudo-terminal and its bytes inspected: the only escape sequences are plancheck's own
colours; the ledger's ESC, OSC, CR, BEL, C1 and bidi controls show as visible escapes."""

from __future__ import annotations

import os
import pty
import sys

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.escape import COLOURS, markdown_inline, terminal_text, visible

HOSTILE = "真实名称\\r伪造名称\\u001b]0;pwned\\u0007\\u001b[2J\\u001b]8;;http://x.invalid\\u001b\\\\链接\\u009b31m\\u202e"
LEDGER = {
    "2024/a.toml": f"""\
    section = "一、经济{HOSTILE}"
    owner = "经发办{HOSTILE}"
    weaknesses = ["短板{HOSTILE}"]

    [bad]
    name = "{HOSTILE}"
    kind = "amount"
    unit = "万元"
    target = 100
    note = "说明{HOSTILE}"

    [bad.history]
    "2024-01" = 5
    "2024-02" = 8
    """
}
SETTINGS = 'entity = "测试镇"\nlanguage = "zh"\nowners = ["经发办"]\n'

COMMANDS = [
    ["status"],
    ["status", "--by", "owner"],
    ["status", "-f", "markdown"],
    ["show", "bad"],
    ["summary"],
    ["summary", "-f", "markdown"],
    ["shortfalls"],
    ["shortfalls", "-f", "markdown"],
    ["diff", "--from", "2024-01", "--to", "2024-02"],
    ["check"],
]


def _tty_bytes(args: list[str], env: dict[str, str]) -> bytes:
    """Run plancheck with stdout and stderr on a pseudo-terminal; all the bytes it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: plancheck on the terminal
        try:
            os.execve(sys.executable, [sys.executable, "-m", "plancheck", *args], env)
        finally:
            os._exit(127)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return out


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_no_control_reaches_the_terminal(make_ledger, args: list[str]) -> None:
    root = make_ledger(LEDGER, settings=SETTINGS)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(sys.path),
        "PLANCHECK_TODAY": "2024-03-15",
        "PLANCHECK_CACHE_DIR": str(root.parent / "cache"),
        "TERM": "xterm-256color",
        "COLUMNS": "200",
    }
    out = _tty_bytes([*args, "-l", str(root)], env)
    assert b"\\x1b" in out or b"\\\\x1b" in out, out.decode("utf-8", "replace")  # shown
    rest = out
    for code in COLOURS:
        rest = rest.replace(code.encode(), b"")
    text = rest.decode("utf-8")
    bad = [c for c in text if c == "\x1b" or c == "\x07" or "\x80" <= c <= "\x9f"]
    bad += [c for c in text if c in "\u202e\u2066"]
    # the terminal turns "\n" into "\r\n": any other CR came from the ledger
    bad += ["\r"] * (text.count("\r") - text.count("\r\n"))
    assert not bad, text


def test_escapes() -> None:
    assert visible("a\rb\x1b[2J\x9b\u202ec\td\n") == "a\\rb\\x1b[2J\\x9b\\u202ec\td\n"
    assert terminal_text("\x1b[32m绿\x1b[0m\x1b[2J", colour=True) == "\x1b[32m绿\x1b[0m\\x1b[2J"
    assert terminal_text("\x1b[32m绿", colour=False) == "\\x1b[32m绿"
    cell = markdown_inline("名称\n# 标题 ![x](http://e.invalid/a.png) [点](http://e.invalid) <b>|")
    assert "\n" not in cell and "<b>" not in cell
    assert "\\!\\[x\\](http" in cell and "\\[点\\]" in cell and "\\<b\\>\\|" in cell


def test_json_escapes_c1_and_keeps_the_text(make_ledger) -> None:
    import json

    root = make_ledger(LEDGER, settings=SETTINGS)
    result = CliRunner().invoke(
        app, ["status", "-f", "json", "-l", str(root)], env={"PLANCHECK_TODAY": "2024-03-15"}
    )
    assert result.exit_code == 0, result.output
    assert "\x9b" not in result.stdout and "\x1b" not in result.stdout
    names = [i["name"] for i in json.loads(result.stdout)["items"]]
    assert names == [
        "真实名称\r伪造名称\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://x.invalid\x1b\\链接\x9b31m\u202e"
    ]


def test_file_paths_in_messages(make_ledger) -> None:
    root = make_ledger({"2024/\x1b[2Jevil.toml": "[x]\nname = 1\n"}, settings=SETTINGS)
    result = CliRunner().invoke(
        app, ["status", "-l", str(root)], env={"PLANCHECK_TODAY": "2024-03-15"}
    )
    assert result.exit_code == 3
    assert "\x1b" not in result.output and "\\x1b[2Jevil.toml" in result.output


def test_summary_file_is_escaped_too(make_ledger, tmp_path) -> None:
    root = make_ledger(LEDGER, settings=SETTINGS)
    out = tmp_path / "通报.txt"
    args = ["summary", "-l", str(root), "--output", str(out)]
    result = CliRunner().invoke(app, args, env={"PLANCHECK_TODAY": "2024-03-15"})
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x9b" not in text and "\r" not in text
    assert "真实名称\\r伪造名称" in text


def test_html_page_carries_no_controls(make_ledger) -> None:
    root = make_ledger(LEDGER, settings=SETTINGS)
    args = ["report", "-l", str(root), "--html", "-"]
    result = CliRunner().invoke(app, args, env={"PLANCHECK_TODAY": "2024-03-15"})
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert not [c for c in page if c in "\x1b\x07\x9b\u202e" or c == "\r"]
    assert "真实名称\\r伪造名称\\x1b]0;pwned" in page
