"""Every message exists in both languages and fills in its arguments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancheck.messages import CATALOG, message

SRC = Path(__file__).resolve().parent.parent / "src" / "plancheck"


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_both_languages_with_the_same_fields(code: str) -> None:
    zh, en = CATALOG[code]
    assert zh and en
    fields = re.compile(r"{(\w+)}")
    assert set(fields.findall(zh)) == set(fields.findall(en)), code


def test_every_code_used_in_the_source_is_in_the_catalog() -> None:
    used: set[str] = set()
    pattern = re.compile(r'"([a-z_]+\.[a-z_]+)"')
    for path in SRC.rglob("*.py"):
        for match in pattern.findall(path.read_text(encoding="utf-8")):
            prefix = match.split(".")[0]
            if prefix in {p.split(".")[0] for p in CATALOG}:
                used.add(match)
    not_codes = {"id.baseline", "id.target"}  # reference syntax in docstrings
    missing = {code for code in used if code not in CATALOG} - not_codes
    assert not missing


def test_message_fills_arguments() -> None:
    assert message("key.unknown", {"key": "traget"}, "en") == "unknown key traget"
    assert message("key.unknown", {"key": "traget"}, "zh") == "未知键 traget"


def test_what_a_value_was_instead_of_a_number_is_said_in_the_users_language(make_ledger) -> None:
    from plancheck.messages import format_problem
    from plancheck.read.load import LedgerError, load_ledger

    body = '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = "很多"\nactual = [1]\n'
    try:
        load_ledger(make_ledger({"2024/a.toml": body}))
    except LedgerError as exc:
        zh = [format_problem(p, "zh") for p in exc.problems]
        en = [format_problem(p, "en") for p in exc.problems]
    else:
        raise AssertionError("the ledger loaded")
    assert any("actual 应为数字，实际为数组" in line for line in zh), zh
    assert any("actual must be a number, not an array" in line for line in en), en
    assert not any("array" in line for line in zh)
