"""The notice's wording as a clerk reads it (issue 16, second round): amounts of money in
万元 below one 亿元, projects are not key indicators, no ledger ids, the gap said once,
year-end wording, the items with new figures named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.model import Item, Kind, Ledger, Location, Settings
from plancheck.render import sentences
from plancheck.report.evaluate import Options, evaluate
from plancheck.report.summary import build_summary

from .conftest import FIXTURES

D = Decimal
LOC = Location(Path("2024/a.toml"), 1)


def run(*args: str, today: str = "2024-07-10") -> Any:
    env = {"PLANCHECK_TODAY": today, "PLANCHECK_NO_CACHE": "1", "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


def item(**kw: Any) -> Item:
    base: dict[str, Any] = {"year": 2024, "kind": Kind.AMOUNT, "unit": "亿元", "location": LOC}
    base.update(kw)
    base.setdefault("name", base["id"])
    return Item(**base)


def summary_of(items: list[Item], as_of: dt.date = dt.date(2024, 6, 30)) -> Any:
    ledger = Ledger(Path("."), Settings(entity="测试镇"), tuple(items))
    report = evaluate(ledger, Options(year=2024, as_of=as_of))
    return build_summary(report, ledger)


def test_money_below_one_yi_is_said_in_wan_exactly_in_prose_only() -> None:
    assert sentences.qty(D("0.3956"), "亿元", "zh") == "3956万元"
    assert sentences.qty(D("0.80441"), "亿元", "zh") == "8044.1万元"  # exact, not rounded
    assert sentences.qty(D("3.1352"), "亿元", "zh") == "3.1352亿元"
    assert sentences.qty(D("0.5"), "亿元", "en") == "5000 万元"
    assert sentences.qty(D("0.5"), "万亩", "zh") == "0.5万亩"  # only money


def test_project_investment_is_not_a_key_indicator_and_prose_says_wan(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": (
                '[fiscal]\nname = "财政收入"\nkind = "amount"\nunit = "万元"\n'
                "target = 1900\nactual = 1000\n"
                'owner = "财政所"\n\n'
                '[plant]\nname = "纺织项目投资"\nkind = "amount"\nunit = "亿元"\n'
                "target = 1.2\nactual = 0.3956\n"
                'owner = "经发办"\n'
            )
        }
    )
    out = run("summary", "--ledger", str(root), "--as-of", "2024-06").stdout
    key = out.split("主要经济指标")[1].split("\n\n")[0]
    assert "财政收入" in key and "纺织项目投资" not in key
    assert "已完成3956万元" in out and "尚有8044万元未完成" in out and "0.3956" not in out
    # the tables keep the item's unit
    md = run("summary", "--ledger", str(root), "--as-of", "2024-06", "-f", "markdown").stdout
    assert "0.3956" in md


def test_a_note_names_items_not_ledger_ids() -> None:
    items = [
        item(id="screened", name="各村研判矛盾纠纷", unit="件", kind=Kind.INDICATOR),
        item(
            id="disputes",
            name="矛盾纠纷化解",
            unit="件",
            target=D(55),
            history=(("2024-06", D(10)),),
            note="另称78件，与55件不一致（见 screened）；详见 screened-x",
        ),
    ]
    s = summary_of(items)
    text = sentences.shortfall_sentence(s.shortfalls[0], s.report, "zh")
    assert "（见各村研判矛盾纠纷）；详见 screened-x。" in text  # not an id: kept


def test_month_on_month_names_the_items_up_to_three_then_deng() -> None:
    common = ("--ledger", str(FIXTURES / "midyear"), "--year", "2024", "--as-of", "2024-06")
    zh = run("summary", *common).stdout
    assert "新完成1项（固定资产投资）" in zh
    assert (
        "有新进展6项（协议引进外省投资、党政主要领导外出招商引资、城乡居民养老保险参保率等）" in zh
    )
    en = run("summary", *common, "--lang", "en").stdout
    assert (
        "6 with new figures (协议引进外省投资, 党政主要领导外出招商引资, "
        "城乡居民养老保险参保率 and 3 more)." in en
    )


def test_issue_date_is_today_only_for_the_current_period_or_given() -> None:
    from plancheck.report.summary import issue_date

    today = dt.date(2026, 12, 1)
    assert issue_date(dt.date(2023, 12, 31), today) is None  # a 2023 notice is not dated 2026
    assert issue_date(dt.date(2026, 11, 30), today) == today  # last month's notice
    assert issue_date(dt.date(2026, 12, 1), today) == today
    given = dt.date(2024, 1, 8)
    assert issue_date(dt.date(2023, 12, 31), today, given) == given


def test_summary_date_option(make_ledger) -> None:
    settings = 'entity = "测试镇"\n[summary]\nissuer = "测试镇党政办公室"\n'
    root = make_ledger(
        {
            "2023/a.toml": '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\n'
            "target = 10\nactual = 5\n"
        },
        settings=settings,
    )
    common = ("summary", "--ledger", str(root), "--year", "2023", "--as-of", "2023-12")
    old = run(*common, today="2026-12-01")
    assert old.exit_code == 0 and old.stdout.rstrip().endswith("测试镇党政办公室")
    dated = run(*common, "--date", "2024-01-08", today="2026-12-01")
    assert dated.stdout.rstrip().endswith("测试镇党政办公室\n2024年1月8日")
    now = run(*common, today="2024-01-10")
    assert now.stdout.rstrip().endswith("2024年1月10日")
    bad = run(*common, "--date", "2024-1-8")
    assert bad.exit_code == 2 and "--date 应为 YYYY-MM-DD：2024-1-8" in bad.stderr
