"""Messages and cosmetics: a `[id]` line inside a multi-line string (#18), traditional
units (#19), negative zero (#20)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.messages import format_problem
from plancheck.read.load import LedgerError, load_ledger

ENV = {"PLANCHECK_TODAY": "2024-06-30", "PLANCHECK_NO_CACHE": "1"}
ITEM = '[{id}]\nname = "{id}"\nkind = "amount"\nunit = "{unit}"\ntarget = 100\n'


def problems(root) -> list[str]:
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    return [format_problem(p, "en") for p in info.value.problems]


def test_duplicate_is_located_at_the_real_header(make_ledger) -> None:
    b = (
        ITEM.format(id="n", unit="户")
        + 'note = """\n上年情况：\n[x]\n"""\n'  # line 8: text, not a header
        + "\n"
        + ITEM.format(id="x", unit="户")  # line 11: the header
    )
    root = make_ledger({"2024/a.toml": ITEM.format(id="x", unit="户"), "2024/b.toml": b})
    lines = problems(root)
    assert len(lines) == 1 and "x" in lines[0]
    assert lines[0].startswith(f"{root / '2024' / 'b.toml'}:11:"), lines


@pytest.mark.parametrize(("written", "meant"), [("2億元", "亿元"), ("30萬元", "万元")])
def test_traditional_unit_suggests_its_simplified_form(make_ledger, written, meant) -> None:
    text = ITEM.format(id="a", unit="亿元") + f'actual = "{written}"\n'
    root = make_ledger({"2024/a.toml": text})
    lines = problems(root)
    assert len(lines) == 1 and f"did you mean {meant}?" in lines[0], lines


def test_negative_zero_completion(make_ledger) -> None:
    root = make_ledger({"2024/a.toml": ITEM.format(id="a", unit="户") + "actual = -0.0\n"})
    result = CliRunner().invoke(app, ["status", "-f", "json", "-l", str(root)], env=ENV)
    assert result.exit_code == 0, result.output
    item = json.loads(result.stdout)["items"][0]
    assert str(item["completion_pct"]) == "0.0"
    assert "-0.0%" not in CliRunner().invoke(app, ["status", "-l", str(root)], env=ENV).output
