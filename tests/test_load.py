"""The loader: exact values, defaults, and every problem located with file and line."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from plancheck.messages import format_problem
from plancheck.model import Kind, MilestoneState, Severity
from plancheck.read.load import LedgerError, load_ledger


def problems_of(root: Path) -> list[str]:
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    return [format_problem(p, "en") for p in info.value.problems]


def test_loads_values_exactly(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
        section = "S"
        owner = "经发办"

        [invest]
        name = "项目投资"
        kind = "amount"
        unit = "亿元"
        target = 1.2
        actual = "3956万元"

        [rate]
        name = "参保率"
        kind = "rate"
        unit = "%"
        owner = "财政所"
        target = 85
        actual = 85.1
        """
        }
    )
    ledger = load_ledger(root)
    invest, rate = ledger.items
    assert invest.target == Decimal("1.2") and isinstance(invest.target, Decimal)
    assert invest.actual == Decimal("0.3956")
    assert invest.section == "S" and invest.owner == "经发办"
    assert invest.location.line == 4
    assert rate.owner == "财政所" and rate.kind is Kind.RATE
    assert rate.actual == Decimal("85.1")
    assert ledger.problems == ()


def test_absent_actual_is_none_not_zero(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
        [x]
        name = "改厕任务"
        kind = "amount"
        unit = "户"
        target = 331
        """
        }
    )
    assert load_ledger(root).items[0].actual is None


def test_syntax_error_unit_and_duplicate_all_reported(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
            [a]
            name = "甲"
            kind = "amount"
            unit = "亩"
            target = 10
            actual = "5户"

            [dup]
            name = "重复"
            kind = "indicator"
            unit = "个"
            """,
            "2023/b.toml": """\
            [dup]
            name = "重复"
            kind = "indicator"
            unit = "个"
            """,
            "2023/c.toml": """\
            [c]
            name = "语法错误"
            kind = = "amount"
            """,
        }
    )
    lines = problems_of(root)
    text = "\n".join(lines)
    assert any("a.toml:6: a.actual:" in line and "户" in line and "亩" in line for line in lines)
    assert any(
        "b.toml:1: dup:" in line and "duplicate id dup" in line and "a.toml:8" in line
        for line in lines
    )
    assert any("c.toml:3:" in line and "syntax" in line for line in lines), text


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        ('name = "x"\nkind = "amount"\nunit = "户"\ntraget = 5\n', 5, "did you mean target"),
        ('name = "x"\nunit = "户"\n', 1, "missing required key kind"),
        ('kind = "amount"\nunit = "户"\n', 1, "missing required key name"),
        ('name = "x"\nkind = "amount"\n', 1, "missing required key unit"),
        ('name = "x"\nkind = "amout"\nunit = "户"\n', 3, "did you mean amount"),
        ('name = "x"\nkind = "amount"\nunit = "户"\ndirection = "sideways"\n', 5, "direction"),
        ('name = "x"\nkind = "amount"\nunit = "万无"\n', 4, "unknown unit 万无; did you mean 万"),
        ('name = "x"\nkind = "amount"\nunit = "户"\ntarget = "many"\n', 5, "not a quantity"),
        ('name = "x"\nkind = "amount"\nunit = "户"\ntarget = true\n', 5, "must be a number"),
        ('name = "x"\nkind = "amount"\nunit = "户"\nactual = -3\n', 5, "cannot be negative"),
        ('name = "x"\nkind = "rate"\nunit = "%"\nactual = 120\n', 5, "cannot exceed 100"),
        ('name = 5\nkind = "amount"\nunit = "户"\n', 2, "name must be a string"),
        (
            'name = "x"\nkind = "milestone"\nstarted = 2023-05-01\ndone = 2023-04-01\n',
            5,
            "before the start date",
        ),
        ('name = "x"\nkind = "milestone"\ndue = "next week"\n', 4, "not a date"),
        (
            'name = "x"\nkind = "amount"\nunit = "户"\n[x.history]\n2022-05 = 3\n',
            6,
            "outside the item's year",
        ),
        ('name = "x"\nkind = "amount"\nunit = "户"\n[x.history]\n2023-13 = 3\n', 6, "not a month"),
        ('name = "x"\nkind = "indicator"\nunit = "户"\ntarget = 3\n', 5, "indicator has no target"),
        ('name = "x"\nkind = "growth"\nunit = "亿元"\ntarget = 3\n', 5, "target_growth_pct"),
    ],
)
def test_each_problem_is_located(make_ledger, body: str, line: int, needle: str) -> None:
    root = make_ledger({"2023/a.toml": "[x]\n" + body})
    lines = problems_of(root)
    assert any(f"a.toml:{line}:" in text and needle in text for text in lines), lines


def test_unknown_owner_is_a_warning(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
        [x]
        name = "x"
        kind = "indicator"
        unit = "户"
        owner = "不存在办"
        """
        }
    )
    ledger = load_ledger(root)
    assert [p.severity for p in ledger.problems] == [Severity.WARNING]
    assert ledger.problems[0].location.line == 5


def test_milestone_done_date_implies_done(make_ledger) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
        [m]
        name = "投产"
        kind = "milestone"
        done = "2023-08"
        """
        }
    )
    item = load_ledger(root).items[0]
    assert item.state is MilestoneState.DONE
    assert item.done is not None and item.done.isoformat() == "2023-08-31"
    assert item.done_text == "2023-08"


def test_not_a_ledger(tmp_path: Path) -> None:
    lines = problems_of(tmp_path)
    assert "no plancheck.toml" in lines[0]
    with pytest.raises(LedgerError):
        load_ledger(tmp_path / "missing")


def test_non_utf8_and_unreadable(make_ledger) -> None:
    root = make_ledger({})
    (root / "2023").mkdir()
    (root / "2023" / "bad.toml").write_bytes(b'[x]\nname = "\xb2\xc6"\n')
    (root / "2023" / "dir.toml").mkdir()
    lines = problems_of(root)
    assert any("bad.toml:2:" in text and "UTF-8" in text for text in lines)
    assert any("dir.toml" in text and "folder" in text for text in lines)


def test_messages_in_chinese(make_ledger) -> None:
    root = make_ledger(
        {"2023/a.toml": '[x]\nname = "x"\nkind = "amount"\nunit = "户"\ntraget = 5\n'}
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(root)
    assert "未知键 traget，是否应为 target？" in format_problem(info.value.problems[0], "zh")
    assert "错误" in format_problem(info.value.problems[0], "zh")


def test_fast_path_builds_the_same_items_as_the_full_reader(monkeypatch) -> None:
    from plancheck.read import itemreader, load

    from .conftest import FIXTURES, REPO

    built = []

    def counting(*args: object) -> object:
        item = itemreader.plain_item(*args)  # type: ignore[arg-type]
        built.append(item is not None)
        return item

    for root in (REPO / "targets", FIXTURES / "county", FIXTURES / "midyear"):
        built.clear()
        monkeypatch.setattr(load, "plain_item", counting)
        fast = load_ledger(root)
        assert any(built)  # the fast path did build items here
        monkeypatch.setattr(load, "plain_item", lambda *args: None)
        monkeypatch.setattr(itemreader, "plain_item", lambda *args: None)
        full = load_ledger(root)
        monkeypatch.undo()
        # repr, not ==: Decimal("1.50") == Decimal("1.5"), and the written precision matters
        assert [repr(i) for i in fast.items] == [repr(i) for i in full.items]
        assert fast.problems == full.problems


def test_unreadable_files_are_located_problems(make_ledger, monkeypatch) -> None:
    root = make_ledger({"2023/ok.toml": '[a]\nname = "甲"\nkind = "indicator"\nunit = "户"\n'})
    year = root / "2023"
    (year / "a.toml").symlink_to("b.toml")
    (year / "b.toml").symlink_to("a.toml")
    (year / "gone.toml").symlink_to("nowhere.toml")
    (year / "dir.toml").mkdir()
    secret = year / "secret.toml"
    secret.write_text("[s]\n", encoding="utf-8")
    real = os.open

    def os_open(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name == "secret.toml":  # tests run as root, who may read anything
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    lines = problems_of(root)
    assert any("a.toml" in line and "loop of symbolic links" in line for line in lines)
    assert any("gone.toml" in line and "does not exist" in line for line in lines)
    assert any("dir.toml" in line and "folder" in line for line in lines)
    assert any("secret.toml" in line and "permission denied" in line for line in lines)


@pytest.mark.parametrize(
    "extra",
    [
        {"target": -1},
        {"actual": Decimal("NaN")},
        {"unit": "%", "target": 101},
        {"kind": "indicator", "target": 5},
        {"history": {"2022-05": 1}},
        {"history": {"2023-13": 1}},
        {"history": {"2023-5": 1}},
        {"history": {"2023-05": "1"}},
        {"history": [1]},
        {"owner": 3},
        {"note": ["a"]},
        {"kind": ["amount"]},
        {"unit": "斤斤"},
        {"direction": "down"},
        {"target": True},
    ],
)
def test_plain_path_leaves_anything_unusual_to_the_full_reader(extra: dict[str, object]) -> None:
    from plancheck.read.itemreader import plain_item
    from plancheck.units import unit_table

    raw: dict[str, object] = {"name": "甲", "kind": "amount", "unit": "户", "target": 5}
    args = (Path("a.toml"), 2023, "a", raw, unit_table(()), {}, 1, "")
    assert plain_item(*args) is not None  # type: ignore[arg-type]
    raw.update(extra)
    assert plain_item(*args) is None  # type: ignore[arg-type]


def test_a_month_written_twice_is_an_error(make_ledger) -> None:
    body = (
        '[x]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\n'
        '[x.history]\n2024-03 = 5\n"2024-０３" = 6\n"２０２４-03" = 7\n2024-04 = 8\n'
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(make_ledger({"2024/a.toml": body}))
    assert [(p.key, p.code) for p in info.value.problems] == [("x.history", "value.month_twice")]
    once = body.replace("2024-03 = 5\n", "").replace('"２０２４-03" = 7\n', "")
    # full-width digits alone are that month
    item = load_ledger(make_ledger({"2024/a.toml": once}, name="l2")).items[0]
    assert item.history == (("2024-03", Decimal(6)), ("2024-04", Decimal(8)))


def test_every_wrong_text_key_is_reported_and_no_item_is_built(make_ledger) -> None:
    body = (
        '[x]\nname = "甲"\nkind = "amount"\nunit = "户"\ndirection = "down"\n'
        "leader = 5\nnote = []\nsame_as = 3\n"
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(make_ledger({"2024/a.toml": body}))
    assert sorted(p.key for p in info.value.problems) == ["x.leader", "x.note", "x.same_as"]
    from plancheck.read.itemreader import ItemReader, SourceFile
    from plancheck.units import unit_table

    raw = {"name": "甲", "kind": "amount", "unit": "户", "direction": "down", "leader": 5}
    f = SourceFile(Path("a.toml"), "", [])
    assert ItemReader(f, 2024, "x", raw, unit_table(())).read({}, 1) is None


@pytest.mark.parametrize("figure", ["1e1000000", "1e101", "-1e-101", "1" + "0" * 101])
def test_a_figure_beyond_ten_to_the_hundred_is_a_located_error(make_ledger, figure: str) -> None:
    body = f'[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = {figure}\nactual = 5\n'
    with pytest.raises(LedgerError) as info:
        load_ledger(make_ledger({"2024/a.toml": body}))
    assert [(p.key, p.location.line) for p in info.value.problems] == [("a.target", 5)]


def test_figures_up_to_ten_to_the_hundred_and_zero_in_any_form_load(make_ledger) -> None:
    body = (
        '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 1e100\nactual = 0e-500\n'
        "baseline = 1e-100\n"
    )
    item = load_ledger(make_ledger({"2024/a.toml": body})).items[0]
    assert (item.target, item.actual, item.baseline) == (
        Decimal("1e100"),
        0,
        Decimal("1e-100"),
    )
