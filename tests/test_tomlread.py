"""The ledger's TOML reader gives the reference parser's answer, whichever parser ran.

`tomlread.loads` tries the fast parser first; these tests hold it to the contract that the
result is exactly what the reference parser (tomli) gives: the same values, Decimal
exponents and key order included, and for a document it refuses, its error and message.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancheck.read import tomlread

ROOT = Path(__file__).resolve().parent.parent


def outcome(parse, text: str) -> str:
    """What a parser makes of `text`, as one comparable string (repr keeps Decimal('3.50')
    apart from Decimal('3.5'), and dict order)."""
    try:
        return "ok " + repr(parse(text))
    except Exception as exc:  # the exception's type and message are part of the answer
        return f"{type(exc).__name__} {exc}"


def reference(text: str) -> object:
    return tomlread.reference_loads(text, parse_float=Decimal)


def same_answer(text: str) -> None:
    assert outcome(tomlread.loads, text) == outcome(reference, text)


def test_fast_parser_is_installed_where_it_has_wheels() -> None:
    # CI runs on Linux x86_64, where the dependency's marker installs it: the fast path is
    # what these tests exercise, not only the fallback.
    import platform
    import sys

    if sys.platform == "linux" and platform.machine() in ("x86_64", "aarch64"):
        assert tomlread.fast_parser() is not None


@pytest.mark.parametrize(
    "text",
    [
        "a = 3.50\nb = 1e3\nc = -0.0\nd = 1_000.5\n",
        "x = 99999999999999999999999\n",  # beyond 64 bits: the fast parser refuses, tomli not
        "a = 1\na = 2\n",  # duplicate key
        "x = 2024-5-1\n",
        "x = [1, 2,\n",
        'x = "\\u00e9\\x41"\n',
        "x = nan\ny = -inf\n",
        "[a]\nb = 1\n[a]\nc = 2\n",
        "[[a]]\nb = 1\n[a]\n",
        "a.b.c = 1\n[a.d]\ne = 2\n",
        "x = " + "[" * 401 + "]" * 401 + "\n",  # deeper than the reference allows
        "x = " + "[" * 399 + "]" * 399 + "\n",
        "x = " + "{a = " * 401 + "1" + "}" * 401 + "\n",
        ".".join(["k"] * 1200) + " = 1\n",
        ".".join(["k"] * 500) + " = 1\n",
        "x = 1979-05-27T07:32:00+08:00\ny = 07:32:00\nz = 1979-05-27T07:32:00\n",
        "\ufeffx = 1\n",
        "x = 1\r\ny = 2\r\n",
        "x = '''\na\\b'''\n",
        'x = """\\\n   a"""\n',
        "x = 0x1F\ny = 0o17\nz = 0b101\n",
        "x = +1\ny = 01\n",
        "x = 1.\n",
        "x = .5\n",
        "",
    ],
)
def test_edge_cases_answer_as_the_reference(text: str) -> None:
    same_answer(text)


def test_nesting_thousands_deep_is_the_references_error_not_a_crash() -> None:
    # toml-rs recurses on the machine stack: about 7,000 levels kill the process (SIGSEGV),
    # which no except clause can catch.  Run in a child so a crash fails this test only.
    import subprocess
    import sys

    script = (
        "from plancheck.read import tomlread\n"
        "for text in ('x = ' + '[' * 20000 + ']' * 20000, 'x = ' + '{a = ' * 20000 + '1'"
        " + '}' * 20000, 'x = [' + '[1], ' * 5000 + ']'):\n"
        "    try:\n"
        "        tomlread.loads(text)\n"
        "        print('ok')\n"
        "    except RecursionError:\n"
        "        print('RecursionError')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["RecursionError", "RecursionError", "ok"]


def test_bundled_ledger_parses_identically() -> None:
    files = sorted((ROOT / "targets").rglob("*.toml"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert outcome(tomlread.loads, text) == outcome(reference, text), path


KEY = st.one_of(
    st.sampled_from(["a", "b", "name", "2024-05", '"quoted"', "'lit'", "a.b", "x-y_z", "名称"]),
    st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True),
)
VALUE = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.floats().map(repr),
    st.text(max_size=12).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.from_regex(r"[0-9+\-._eExob:TZ]{1,12}", fullmatch=True),
    st.sampled_from(
        [
            "true",
            "false",
            "[]",
            "[1, 2.50, 3]",
            '["a", "b",]',
            "{ a = 1, b.c = 2 }",
            "{}",
            "2024-05-01",
            "2024-13-01",
            "1979-05-27 07:32:00",
            "07:32",
            "'lit\\eral'",
            '"""multi\nline"""',
            "'''x'''",
            "inf",
            "-nan",
            '"\\uD800"',
            '"\\U0001F600"',
        ]
    ),
)
LINE = st.one_of(
    st.tuples(KEY, VALUE).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    KEY.map(lambda k: f"[{k}]"),
    KEY.map(lambda k: f"[[{k}]]"),
    st.sampled_from(["", "# comment", "  ", "[", "=", "a =", "= 1", "a = 1 # c", "[a]]"]),
)


@given(st.lists(LINE, max_size=15), st.sampled_from(["\n", "\r\n"]))
def test_random_documents_answer_as_the_reference(lines: list[str], newline: str) -> None:
    same_answer(newline.join(lines) + newline)


@given(st.text(max_size=200))
def test_random_text_answers_as_the_reference(text: str) -> None:
    same_answer(text)
