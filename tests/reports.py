"""Hand-built reports for renderer tests (no files involved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from plancheck.model import Item, Kind, Ledger, Location, MilestoneState, Settings
from plancheck.report.evaluate import Options, Report, evaluate

D = Decimal
LOC = Location(Path("t.toml"), 1)


def _item(**kw: object) -> Item:
    base: dict[str, object] = {"year": 2023, "kind": Kind.AMOUNT, "location": LOC}
    base.update(kw)
    return Item(**base)  # type: ignore[arg-type]


ITEMS = (
    _item(
        id="fiscal-revenue",
        name="财政收入",
        unit="万元",
        section="总体情况",
        owner="财政所",
        target=D(1900),
        actual=D(1924),
        source="全年财政收入1924万元，较年初预算1900万元",
    ),
    _item(
        id="retail-sales",
        name="社会消费品零售额",
        unit="亿元",
        section="总体情况",
        owner="经发办",
        kind=Kind.INDICATOR,
        actual=D("1.38"),
    ),
    _item(
        id="output",
        name="规上工业产值",
        unit="亿元",
        section="（一）扩投资、强支撑",
        owner="经发办",
        kind=Kind.INDICATOR,
        actual=D("5.46"),
        baseline=D(4),
    ),
    _item(
        id="invest",
        name="璟晨纺织年产5000万米化纤面料项目投资",
        unit="亿元",
        section="（一）扩投资、强支撑",
        owner="经发办",
        target=D("1.2"),
        actual=D("0.3956"),
    ),
    _item(
        id="toilets",
        name="问题厕所整改",
        unit="户",
        section="（二）强产业、富农民",
        owner="农业农村办",
        target=D(636),
        actual=D(374),
        note="剩262户问题厕所整改中",
    ),
    _item(
        id="toilet-task",
        name="年度改厕任务",
        unit="户",
        section="（二）强产业、富农民",
        owner="农业农村办",
        target=D(331),
        note="目前已基本完成",
    ),
    _item(
        id="rate",
        name="意外险参保率",
        unit="%",
        section="（二）强产业、富农民",
        owner="卫健办",
        kind=Kind.RATE,
        target=D(90),
        actual=D("85.1"),
    ),
    _item(
        id="plant",
        name="璟晨纺织投产",
        unit="",
        section="（一）扩投资、强支撑",
        owner="经发办",
        kind=Kind.MILESTONE,
        state=MilestoneState.DONE,
        done=dt.date(2023, 8, 31),
        done_text="2023-08",
    ),
)


def sample_report(as_of: dt.date = dt.date(2023, 12, 31)) -> Report:
    ledger = Ledger(Path("."), Settings(entity="测试镇"), ITEMS)
    return evaluate(ledger, Options(year=2023, as_of=as_of))
