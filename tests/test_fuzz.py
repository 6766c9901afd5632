"""Robustness: whatever bytes a year file holds, the loader accepts it or reports located
problems — it never raises anything else.  Evaluation invariants hold for any figures.

Profiles (see conftest.py): `ci` (default, small), `fuzz` (10,000+ examples):
    PLANCHECK_HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.model import Direction, Item, Kind, Location
from plancheck.read.load import LedgerError, load_ledger
from plancheck.report.evaluate import HUNDRED, Light, Options, Status, evaluate_item

SETTINGS = 'entity = "测试镇"\nowners = ["经发办"]\n'
VALID = """\
[fiscal-revenue]
name = "财政收入"
kind = "amount"
unit = "万元"
target = 1900
actual = "1924万元"
baseline = 1800
note = "备注"

[fiscal-revenue.history]
2023-06 = 900

[[fiscal-revenue.claims]]
kind = "growth"
value = 1.2
of = ["fiscal-revenue", "fiscal-revenue.target"]

[m]
name = "投产"
kind = "milestone"
state = "done"
done = 2023-08-01
"""

FIELD_VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("inf", "inf")),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(
        [
            "true",
            "false",
            "[]",
            "{}",
            "[1, 2]",
            "{ a = 1 }",
            "2023-13-45",
            "1979-05-27T07:32:00Z",
            '"3956万元"',
            '"1.2亿元"',
            '"5亩"',
            '"-3户"',
            '"1e400"',
            "1e400",
            "-0.0",
            "0x1F",
            "[[1], [2]]",
            '"\\u0000"',
        ]
    ),
)
KEYS = st.sampled_from(
    [
        "name",
        "kind",
        "unit",
        "target",
        "actual",
        "baseline",
        "direction",
        "history",
        "state",
        "due",
        "done",
        "started",
        "parts",
        "claims",
        "phasing",
        "plan",
        "reported",
        "owner",
        "weight",
        "target_growth_pct",
        "nature",
        "reporting",
        "same_as",
        "x",
        "名称",
        '"quoted key"',
    ]
)


def _check(tmp_path: Path, data: bytes) -> None:
    root = tmp_path / "ledger"
    (root / "2023").mkdir(parents=True, exist_ok=True)
    (root / "plancheck.toml").write_text(SETTINGS, encoding="utf-8")
    (root / "2023" / "a.toml").write_bytes(data)
    try:
        ledger = load_ledger(root)
    except LedgerError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.location.file.name in ("a.toml", "plancheck.toml")
            assert problem.location.line >= 0
        return
    for item in ledger.items:  # what loaded evaluates without error
        evaluate_item(item, Options(2023, dt.date(2023, 6, 30)))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _check(tmp_path, data)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_text(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text.encode("utf-8", "surrogatepass"))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(KEYS, FIELD_VALUES), max_size=12), st.booleans())
def test_items_with_wrong_types_and_values(tmp_path: Path, pairs, with_header) -> None:
    body = "\n".join(f"{k} = {v}" for k, v in pairs)
    text = ("[x]\n" if with_header else "") + body + "\n"
    _check(tmp_path, text.encode("utf-8", "surrogatepass"))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_valid_file(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(VALID.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "dup"]))
        at = data.draw(st.integers(0, len(raw) - 1)) if raw else 0
        if op == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif op == "delete" and raw:
            del raw[at : at + data.draw(st.integers(1, 20))]
        elif op == "insert":
            chunk = data.draw(
                st.sampled_from(
                    [
                        b"[",
                        b"]",
                        b"=",
                        b'"',
                        b"\n",
                        b"[[x]]\n",
                        b"\xff\xfe",
                        b"#",
                        b"'''",
                        b'"""',
                        b"{",
                        b".",
                    ]
                )
            )
            raw[at:at] = chunk
        elif op == "dup" and raw:
            raw[at:at] = raw[at : at + 40]
    _check(tmp_path, bytes(raw))


def test_deep_nesting_and_huge_numbers(tmp_path: Path) -> None:
    _check(tmp_path, ("x = " + "[" * 2000 + "]" * 2000 + "\n").encode())
    _check(
        tmp_path,
        b'[x]\nname = "x"\nkind = "amount"\nunit = "\xe6\x88\xb7"\n'
        b"target = 1" + b"0" * 5000 + b"\n",
    )
    _check(
        tmp_path,
        b'[x]\nname = "x"\nkind = "amount"\nunit = "\xe6\x88\xb7"\n'
        b"target = 1e-400\nactual = 1.0e308\n",
    )
    _check(tmp_path, b"")
    _check(tmp_path, '\ufeff[x]\nname = "\u202e\U0001f600"\n'.encode())


# --------------------------------------------------------------------------- invariants

AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
AS_OF = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2023, 12, 31))


def _item(**kw: object) -> Item:
    base: dict[str, object] = {
        "id": "x",
        "year": 2023,
        "name": "x",
        "kind": Kind.AMOUNT,
        "unit": "万元",
        "location": Location(Path("t.toml"), 1),
    }
    base.update(kw)
    return Item(**base)  # type: ignore[arg-type]


@given(AMOUNTS.filter(lambda d: d > 0), AMOUNTS, AMOUNTS, AS_OF)
def test_completion_grows_with_actual_up(
    target: Decimal, a: Decimal, b: Decimal, as_of: dt.date
) -> None:
    low, high = sorted((a, b))
    options = Options(2023, as_of)
    r1 = evaluate_item(_item(target=target, actual=low), options)
    r2 = evaluate_item(_item(target=target, actual=high), options)
    assert r1.completion_pct is not None and r2.completion_pct is not None
    assert r1.completion_pct <= r2.completion_pct
    assert r2.gap is not None and r1.gap is not None and r2.gap <= r1.gap


@given(AMOUNTS, AMOUNTS, AMOUNTS, AS_OF)
def test_completion_falls_with_actual_down(
    base: Decimal, a: Decimal, b: Decimal, as_of: dt.date
) -> None:
    low, high = sorted((a, b))
    options = Options(2023, as_of)
    kw = {"direction": Direction.DOWN, "target": Decimal(0), "baseline": base + 1}
    r1 = evaluate_item(_item(actual=low, **kw), options)
    r2 = evaluate_item(_item(actual=high, **kw), options)
    assert r1.completion_pct is not None and r2.completion_pct is not None
    assert r1.completion_pct >= r2.completion_pct


@given(AMOUNTS.filter(lambda d: d > 0), AMOUNTS, AMOUNTS, AS_OF)
def test_same_quantities_in_wan_or_yi_give_identical_results(
    target: Decimal, actual: Decimal, baseline: Decimal, as_of: dt.date
) -> None:
    options = Options(2023, as_of)
    wan = evaluate_item(
        _item(unit="万元", target=target, actual=actual, baseline=baseline), options
    )
    yi = evaluate_item(
        _item(unit="亿元", target=target / 10000, actual=actual / 10000, baseline=baseline / 10000),
        options,
    )
    assert wan.completion_pct == yi.completion_pct
    assert wan.yoy_pct == yi.yoy_pct
    assert wan.status is yi.status and wan.light is yi.light
    assert wan.gap is not None and yi.gap is not None and wan.gap == yi.gap * 10000


@given(AMOUNTS.filter(lambda d: d > 0), AMOUNTS, AS_OF)
def test_status_and_light_follow_completion_and_expected(
    target: Decimal, actual: Decimal, as_of: dt.date
) -> None:
    r = evaluate_item(_item(target=target, actual=actual), Options(2023, as_of))
    c, e = r.completion_pct, r.expected_pct
    assert c is not None and e is not None
    if c > HUNDRED:
        assert r.status is Status.EXCEEDED
    elif c == HUNDRED:
        assert r.status is Status.MET
    elif as_of == dt.date(2023, 12, 31):
        assert r.status is Status.MISSED and r.light is Light.RED
    elif c >= e:
        assert r.status is Status.ON_PACE and r.light is Light.GREEN
    else:
        assert r.status is Status.BEHIND
        behind = e - c
        expected = Light.RED if behind > 30 else Light.YELLOW if behind >= 10 else Light.GREEN
        assert r.light is expected
