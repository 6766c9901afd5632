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
