"""The progress notice (summary), the red list (shortfalls) and the roll-up (status --by).

Golden files: the bundled 2023 ledger at year end, and a mid-year fixture (June 2024:
items on pace, behind, stale, exceeded, an overdue, a blocked and a soon-due milestone).
Regenerate with `pytest --update-golden` and read the diff: it is prose a clerk reads out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.commands.common import parse_as_of
from plancheck.model import (
    Direction,
    Item,
    Kind,
    Ledger,
    Location,
    MilestoneState,
    Settings,
    Weakness,
)
from plancheck.read.load import load_ledger
from plancheck.render import (
    Format,
    GroupBy,
    ShortfallFormat,
    SummaryFormat,
    render_rollup,
    render_shortfalls,
    render_summary,
)
from plancheck.render.numbers import round_pct
from plancheck.report.evaluate import ItemResult, Options, Report, Status, evaluate
from plancheck.report.standing import previous_month_end
from plancheck.report.summary import (
    Summary,
    build_summary,
    excess,
    key_indicators,
    next_month,
    ordered_sections,
)

from .conftest import FIXTURES, REPO, Golden

TARGETS = REPO / "targets"
MIDYEAR = FIXTURES / "midyear"
D = Decimal
ISSUED = dt.date(2024, 7, 10)


def run(*args: str) -> Any:
    env = {"PLANCHECK_TODAY": "2024-07-10", "PLANCHECK_NO_CACHE": "1", "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


def summarise(root: Path, year: int, as_of: dt.date, owners: tuple[str, ...] = ()) -> Summary:
    ledger = load_ledger(root)
    options = Options(
        year,
        as_of,
        lights=ledger.settings.lights,
        score_cap=ledger.settings.score_cap,
        owners=owners,
    )
    before = previous_month_end(as_of)
    previous = evaluate(ledger, replace(options, as_of=before)) if before else None
    return build_summary(evaluate(ledger, options), ledger, owners, previous, ISSUED)


@pytest.fixture(scope="module")
def bundled() -> Summary:
    return summarise(TARGETS, 2023, dt.date(2023, 12, 31))


@pytest.fixture(scope="module")
def midyear() -> Summary:
    return summarise(MIDYEAR, 2024, dt.date(2024, 6, 30))


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_bundled_2023(golden: Golden, bundled: Summary, lang: str) -> None:
    golden(f"summary_2023_{lang}.txt", render_summary(bundled, SummaryFormat.TEXT, lang=lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_midyear(golden: Golden, midyear: Summary, lang: str) -> None:
    golden(f"summary_midyear_{lang}.txt", render_summary(midyear, SummaryFormat.TEXT, lang=lang))


def test_golden_midyear_markdown(golden: Golden, midyear: Summary) -> None:
    golden("summary_midyear_zh.md", render_summary(midyear, SummaryFormat.MARKDOWN, lang="zh"))


def test_golden_rollup_by_owner(golden: Golden, midyear: Summary) -> None:
    text = render_rollup(midyear.report, GroupBy.OWNER, Format.TABLE, lang="zh")
    golden("status_by_owner_midyear_zh.txt", text)


# --------------------------------------------------------------------------- the bundled notice


def test_bundled_names_the_262_pending_households_with_their_owner(bundled: Summary) -> None:
    text = render_summary(bundled, SummaryFormat.TEXT, lang="zh")
    line = next(ln for ln in text.splitlines() if "问题厕所整改：" in ln)
    assert "已完成374户" in line and "尚有262户未完成" in line and "完成率58.8%" in line
    assert "责任单位：农业农村办" in line
    en = render_summary(bundled, SummaryFormat.TEXT, lang="en")
    assert "262 户 still to do; owner: 农业农村办" in en


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATES = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:底|\d{1,2}日)?"
    rf"|(?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{4}})?|the \d{{4}} targets|\d{{4}}-\d{{2}}(?:-\d{{2}})?"
)
_LIST_MARK = re.compile(r"^\s*\|?\s*\d+(?:[．.]|\s*\|)", re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _figures(data: dict[str, Any]) -> set[Decimal]:
    """Every figure `status --format json` gives, and the sums and differences of them
    that the notice states (the counts it adds up, the amounts exceeded, the points behind)."""
    out: set[Decimal] = set()

    def add(value: object) -> None:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            out.add(abs(D(str(value))))

    items = data["items"]
    for i in items:
        for key in ("target", "actual", "baseline", "completion_pct", "expected_pct", "gap"):
            add(i[key])
            if i["unit"] == "亿元" and i[key] is not None:  # prose says < 1亿元 in 万元
                add(D(str(i[key])) * 10000)
        for key in ("yoy_pct", "target_growth_pct", "weight"):
            add(i[key])
        if i["score"] is not None:
            add(D(str(i["score"])).quantize(D("0.01")))
        if i["status"] == "exceeded" and i["kind"] != "growth":
            add(D(str(i["actual"])) - D(str(i["target"])))
        if i["status"] == "exceeded" and i["kind"] == "growth":
            add(D(str(i["yoy_pct"])) - D(str(i["target_growth_pct"])))
        if i["status"] == "behind" and i["expected_pct"] is not None:
            add(D(str(i["expected_pct"])) - D(str(i["completion_pct"])))
    groups = [data["totals"], *data["by_owner"]]
    for c in groups:
        add(c["items"])
        for n in (*c["by_status"].values(), *c["by_light"].values()):
            add(n)
        if c["score"] is not None:
            add(D(str(c["score"])).quantize(D("0.01")))
        add(c["weight"])
    add(data["elapsed_pct"])
    totals = data["totals"]["by_status"]
    kinds = [i["kind"] for i in items]
    with_target = data["totals"]["items"] - totals.get("no_target", 0)
    add(with_target)
    add(with_target - kinds.count("milestone"))
    add(kinds.count("milestone"))
    add(kinds.count("indicator"))
    add(totals.get("met", 0) + totals.get("exceeded", 0))
    add(sum(1 for i in items if i["stale"] and i["actual"] is not None))
    add(100)  # the score cap stated beside a score
    return out


def _changes(data: dict[str, Any], before: dict[str, Any]) -> set[Decimal]:
    """The month-on-month figures and ranking rates the notice derives from this month's
    and last month's `status --format json`: changes of actuals, growth and scores,
    score ÷ full marks and green shares (rounded as printed)."""
    out: set[Decimal] = set()
    then = {i["id"]: i for i in before["items"]}
    for i in data["items"]:
        old = then.get(i["id"])
        if old is None:
            continue
        if i["actual"] is not None and old["actual"] is not None:
            change = abs(D(str(i["actual"])) - D(str(old["actual"])))
            out.add(change * 10000 if i["unit"] == "亿元" and change < 1 else change)
        if i["yoy_pct"] is not None and old["yoy_pct"] is not None:
            out.add(abs(D(str(i["yoy_pct"])) - D(str(old["yoy_pct"]))))
    owners_before = {g["owner"]: g for g in before["by_owner"]}
    for g in data["by_owner"]:
        old = owners_before.get(g["owner"])
        if g["score"] is not None and g["weight"]:
            out.add(round_pct(D(str(g["score"])) / D(str(g["weight"])) * 100))
            if old is not None and old["score"] is not None:
                change = D(str(g["score"])).quantize(D("0.01")) - D(str(old["score"])).quantize(
                    D("0.01")
                )
                out.add(abs(change))
        lit = sum(g["by_light"].values())
        if lit:
            out.add(round_pct(D(g["by_light"].get("green", 0)) / D(lit) * 100))
        if old is not None:
            out.add(D(abs(g["by_light"].get("green", 0) - old["by_light"].get("green", 0))))
    return out


def _numbers_in(text: str, data: dict[str, Any], prose_texts: list[str]) -> list[Decimal]:
    """The numbers of `text` other than those inside names, notes, dates and list marks."""
    for words in sorted(prose_texts, key=len, reverse=True):
        if words:
            text = text.replace(words, " ")
    text = _DATES.sub(" ", text)
    text = _LIST_MARK.sub(" ", text)
    return [D(n) for n in _NUMBER.findall(text)]


@pytest.mark.parametrize(
    ("root", "year", "as_of", "lang", "fmt"),
    [
        (TARGETS, "2023", "2023-12-31", "zh", "text"),
        (TARGETS, "2023", "2023-12-31", "en", "text"),
        (TARGETS, "2023", "2023-12-31", "zh", "markdown"),
        (MIDYEAR, "2024", "2024-06", "zh", "text"),
        (MIDYEAR, "2024", "2024-06", "en", "markdown"),
    ],
)
def test_every_number_equals_a_status_json_figure(
    root: Path, year: str, as_of: str, lang: str, fmt: str
) -> None:
    common = ("--ledger", str(root), "--year", year, "--as-of", as_of)
    status = run("status", *common, "--format", "json")
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    result = run("summary", *common, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    ledger = load_ledger(root)
    prose_texts = [i["name"] for i in data["items"]] + [i["note"] or "" for i in data["items"]]
    prose_texts += [w.text.rstrip("。") for w in ledger.weaknesses]
    previous = previous_month_end(parse_as_of(as_of))
    assert previous is not None
    before = run("status", *common[:4], "--as-of", previous.isoformat(), "--format", "json")
    figures = _figures(data) | _changes(data, json.loads(before.stdout))
    numbers = _numbers_in(result.stdout, data, prose_texts)
    assert numbers, "no figures found"
    stray = sorted({n for n in numbers if n not in figures})
    assert not stray, f"figures not in status --format json: {stray}"


def test_shortfall_lines_carry_each_items_json_figures(bundled: Summary) -> None:
    result = run(
        "status", "--ledger", str(TARGETS), "--year", "2023", "--as-of", "2023-12-31", "-f", "json"
    )
    by_name = {i["name"]: i for i in json.loads(result.stdout)["items"]}
    text = render_shortfalls(bundled, ShortfallFormat.TEXT, lang="zh")
    lines = [ln for ln in text.splitlines() if re.match(r"\d+．", ln)]
    assert len(lines) == len(bundled.shortfalls) >= 6
    for line in lines:
        name = line.split("．", 1)[1].split("：", 1)[0]
        item = by_name[name]
        unit = item["unit"]

        def said(value: Any, unit: str = unit) -> str:  # prose: below 1亿元 in 万元
            if unit == "亿元" and D(str(value)) < 1:
                return f"{D(str(value)) * 10000:f}".rstrip("0").rstrip(".") + "万元"
            return f"{value}{unit}"

        assert f"目标{said(item['target'])}" in line
        assert f"已完成{said(item['actual'])}" in line
        assert f"完成率{item['completion_pct']:.1f}%" in line
        assert f"尚有{said(item['gap'])}未完成" in line
        assert f"责任单位：{item['owner']}" in line


# --------------------------------------------------------------------------- mid-year content


def test_midyear_has_every_kind_of_entry(midyear: Summary) -> None:
    ids = lambda rs: [r.item.id for r in rs]  # noqa: E731
    assert ids(midyear.shortfalls) == [
        "jingchen-phase2",  # overdue
        "shengze-phase2-land",  # blocked
        "investment-agreed",  # behind 32.0 pp
        "linked-fund-income",  # behind 24.0 pp (against its monthly plan)
        "textile-park-enterprises",  # behind 19.2 pp, stale
        "pension-insurance-rate",  # behind 7.4 pp (a rate)
        "toilet-rectification",  # behind 7.3 pp (lower is better)
        "industrial-output-above-size",  # behind 6.7 pp
    ]
    assert ids(midyear.highlights) == ["chrysanthemum-area", "fixed-asset-investment"]
    assert ids(midyear.due_soon) == ["ruimeite-expansion"]
    assert midyear.due_until == dt.date(2024, 7, 31)
    assert ids(midyear.overdue) == ["jingchen-phase2"]
    assert ids(midyear.stale) == ["textile-park-enterprises", "chrysanthemum-area"]
    assert ids(midyear.no_data) == ["high-standard-farmland"]
    assert len(midyear.weaknesses) == 2
    t = midyear.tally
    # mid-year 已完成 counts only the amount at its full-year target (滁菊, exceeded); the
    # ceiling (no major accident) is 控制在目标内, the growth target is 达到目标水平
    assert (t.on_pace, t.behind, t.met, t.exceeded, t.no_data) == (4, 6, 1, 1, 1)
    assert (t.within_ceiling, t.at_level) == (1, 1)
    assert (t.green, t.yellow, t.red) == (12, 2, 3)


def test_midyear_zh_reads_as_a_notice(midyear: Summary) -> None:
    text = render_summary(midyear, SummaryFormat.TEXT, lang="zh")
    assert text.startswith(
        "张桥镇2024年目标任务推进情况通报\n\n各村（社区）、镇直各单位：\n截至6月底"
    )
    assert text.endswith("\n\n张桥镇党政办公室\n2024年7月10日\n")
    assert "落后32.0个百分点" in text
    assert "7月底前到期的节点任务1项：瑞美特公司扩产项目投产（计划2024年7月20日完成" in text
    assert "以下2项未报送6月数据" in text
    assert "一是招商引资项目落地偏慢，签约项目开工率不高；二是" in text
    assert "已完成1项（其中超额完成1项），控制在目标内1项，增速或比率达到目标1项" in text
    # the lights agree with the red list: the green item behind is said to be behind
    assert (
        "第6名　经发办：得分率35.5%（得分12.41分，满分35分），绿灯4项（其中1项滞后序时进度），"
        "黄灯1项，红灯1项；得分较上月增加7.33分，新完成1项（固定资产投资），"
        "新滞后1项（璟晨纺织二期厂房竣工）。"
    ) in text
    assert "尚有4.1亿元未完成，已连续4个月滞后；责任单位：招商办" in text
    assert "请农业农村办加快推进，确保完成压减目标。" in text
    assert (
        "规上工业产值2.6亿元，完成年度目标6亿元的43.3%，序时进度50.0%，同比增长18.2%，较上月增加1.4亿元"
        in text
    )


def test_owner_filter_keeps_its_items_and_drops_the_weaknesses() -> None:
    s = summarise(MIDYEAR, 2024, dt.date(2024, 6, 30), owners=("招商办",))
    assert {r.item.owner for r in s.report.items} == {"招商办"}
    assert s.weaknesses == ()
    text = render_summary(s, SummaryFormat.TEXT, lang="zh")
    assert text.startswith("张桥镇2024年目标任务推进情况通报（招商办）")
    assert "存在不足" not in text


# --------------------------------------------------------------------------- pure rules

LOC = Location(Path("t.toml"), 1)


def item(**kw: Any) -> Item:
    base: dict[str, Any] = {"year": 2024, "kind": Kind.AMOUNT, "unit": "万元", "location": LOC}
    base.update(kw)
    base.setdefault("name", base["id"])
    return Item(**base)


def report_of(items: list[Item], as_of: dt.date = dt.date(2024, 6, 30)) -> tuple[Report, Ledger]:
    ledger = Ledger(Path("."), Settings(entity="测试镇"), tuple(items))
    return evaluate(ledger, Options(year=items[0].year, as_of=as_of)), ledger


def test_severity_order_status_then_distance_then_id() -> None:
    items = [
        item(id="b-behind-10", target=D(100), history=(("2024-06", D(40)),)),
        item(id="a-behind-10", target=D(100), history=(("2024-06", D(40)),)),
        item(id="behind-40", target=D(100), history=(("2024-06", D(10)),)),
        item(id="green", target=D(100), history=(("2024-06", D(60)),)),
        item(
            id="late",
            kind=Kind.MILESTONE,
            unit="",
            state=MilestoneState.STARTED,
            due=dt.date(2024, 5, 31),
        ),
        item(
            id="later",
            kind=Kind.MILESTONE,
            unit="",
            state=MilestoneState.PLANNED,
            due=dt.date(2024, 3, 31),
        ),
        item(id="stuck", kind=Kind.MILESTONE, unit="", state=MilestoneState.BLOCKED),
    ]
    report, ledger = report_of(items)
    s = build_summary(report, ledger)
    assert [r.item.id for r in s.shortfalls] == [
        "later",  # overdue since March
        "late",  # overdue since May
        "stuck",  # blocked
        "behind-40",
        "a-behind-10",  # ties by id
        "b-behind-10",
    ]


def test_missed_lowest_completion_first() -> None:
    items = [
        item(id="a", target=D(100), actual=D(90)),
        item(id="b", target=D(100), actual=D(30)),
        item(id="c", target=D(100), actual=D(100)),
    ]
    report, ledger = report_of([dict_replace(i, year=2023) for i in items], dt.date(2023, 12, 31))
    assert [r.item.id for r in build_summary(report, ledger).shortfalls] == ["b", "a"]


def dict_replace(i: Item, **changes: Any) -> Item:
    from dataclasses import replace

    return replace(i, **changes)


def test_key_indicators_default_rule() -> None:
    items = [
        item(id="accidents", name="安全生产事故", section="总体情况", unit="起", actual=D(0)),
        item(id="revenue", name="财政收入", section="（二）财政", target=D(100), actual=D(50)),
        item(
            id="output-head",
            name="产值",
            section="总体情况",
            kind=Kind.INDICATOR,
            unit="亿元",
            same_as="output",
        ),
        item(id="plan", name="投资项目开工", section="（一）投资", kind=Kind.MILESTONE, unit=""),
        item(
            id="output",
            name="工业产值",
            section="（一）投资",
            kind=Kind.INDICATOR,
            unit="亿元",
            actual=D(5),
            baseline=D(4),
            parts=("firm",),
        ),
        item(
            id="firm",
            name="某企业产值",
            section="（一）投资",
            kind=Kind.INDICATOR,
            actual=D(1),
            actual_growth_pct=D(3),
        ),
        item(
            id="people",
            name="经济普查人数",
            section="（二）财政",
            kind=Kind.INDICATOR,
            unit="人",
            actual=D(5),
        ),
        item(id="roads", name="道路", section="（三）环境", actual=D(5)),
        item(
            id="income",
            name="村集体收入",
            section="（三）环境",
            kind=Kind.INDICATOR,
            actual=D(5),
            baseline=D(4),
        ),
        item(
            id="firm-income",
            name="某企业收入",
            section="（三）环境",
            kind=Kind.INDICATOR,
            actual=D(5),
        ),
    ]
    report, _ = report_of([dict_replace(i, year=2023) for i in items], dt.date(2023, 12, 31))
    sections = ("总体情况", "（一）投资", "（二）财政", "（三）环境")
    keys = [r.item.id for r in key_indicators(report, (), sections)]
    # money items whose section or name says 经济/财政/投资/产值/收入, with a target or a
    # growth (firm-income has neither), in section order; the same_as one shown as the
    # item it names; not a milestone, not a part of one listed, not a non-money unit
    assert keys == ["output", "revenue", "income"]
    chosen = [r.item.id for r in key_indicators(report, ("income", "accidents", "nope"))]
    assert chosen == ["income", "accidents"]  # configured: in the configured order


def test_key_indicators_is_linear() -> None:
    """Each chosen item's parts are looked at once, not once per later candidate (the
    quadratic rule took 245 s at 50,000 items).  Counted, not timed."""
    looked = [0]

    class Parts(tuple[str, ...]):
        def __iter__(self) -> Any:
            looked[0] += 1
            return super().__iter__()

        def __contains__(self, key: object) -> bool:
            looked[0] += 1
            return super().__contains__(key)

    n = 2_000
    items = [
        item(id=f"i{k}", name=f"产值{k}", year=2023, actual=D(k), parts=Parts((f"p{k}",)))
        for k in range(n)
    ]
    report, _ = report_of(items, dt.date(2023, 12, 31))
    looked[0] = 0
    assert len(key_indicators(report)) == n
    assert looked[0] <= 2 * n, looked[0]


@pytest.mark.parametrize(
    ("sections", "order", "expected"),
    [
        (["（四）丁", "（一）甲", "（三）丙"], (), ["（一）甲", "（三）丙", "（四）丁"]),
        (
            ["三、丙", "总体情况", "十一、壹", "二、乙"],
            (),
            ["总体情况", "二、乙", "三、丙", "十一、壹"],
        ),
        (["（二）乙", "（一）甲", "总体"], ("乙", "总体"), ["（二）乙", "总体", "（一）甲"]),
    ],
)
def test_sections_in_numeral_or_configured_order(
    sections: list[str], order: tuple[str, ...], expected: list[str]
) -> None:
    items = [item(id=f"s{n}", section=s, target=D(1), actual=D(1)) for n, s in enumerate(sections)]
    report, _ = report_of(items)
    assert list(ordered_sections(report, order)) == expected


@pytest.mark.parametrize(
    ("as_of", "until"),
    [
        ("2024-06-30", "2024-07-31"),
        ("2024-06-15", "2024-07-15"),
        ("2024-01-30", "2024-02-29"),
        ("2024-01-31", "2024-02-29"),
        ("2024-12-31", "2025-01-31"),
    ],
)
def test_next_month(as_of: str, until: str) -> None:
    assert next_month(dt.date.fromisoformat(as_of)) == dt.date.fromisoformat(until)


def test_excess_by_kind() -> None:
    items = [
        item(id="up", target=D(10), actual=D(12)),
        item(id="down", direction=Direction.DOWN, baseline=D(100), target=D(50), actual=D(40)),
        item(id="rate", kind=Kind.RATE, unit="%", target=D(90), actual=D("92.5")),
        item(id="grow", kind=Kind.GROWTH, target_growth_pct=D(10), actual_growth_pct=D(15)),
    ]
    report, _ = report_of([dict_replace(i, year=2023) for i in items], dt.date(2023, 12, 31))
    by_id: dict[str, ItemResult] = {r.item.id: r for r in report.items}
    assert all(r.status is Status.EXCEEDED for r in by_id.values())
    assert [excess(by_id[k]) for k in ("up", "down", "rate", "grow")] == [2, 10, D("2.5"), 5]


def test_weaknesses_of_the_year_only() -> None:
    items = [item(id="a", target=D(10), actual=D(4))]
    report, ledger = report_of(items)
    ledger = Ledger(
        ledger.root,
        ledger.settings,
        ledger.items,
        weaknesses=(Weakness(2024, "甲", LOC), Weakness(2023, "乙", LOC)),
    )
    assert build_summary(report, ledger).weaknesses == ("甲",)


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", list(SummaryFormat))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_summary_format_renders(midyear: Summary, fmt: SummaryFormat, lang: str) -> None:
    out = render_summary(midyear, fmt, lang=lang)
    if isinstance(out, bytes):  # a Word file: its paragraphs and tables
        import io

        from docx import Document

        doc = Document(io.BytesIO(out))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        out = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert "协议引进外省投资" in out and "18.0%" in out


@pytest.mark.parametrize("fmt", list(ShortfallFormat))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_shortfall_format_renders(midyear: Summary, fmt: ShortfallFormat, lang: str) -> None:
    text = render_shortfalls(midyear, fmt, lang=lang)
    if fmt is ShortfallFormat.JSON:
        data = json.loads(text)
        assert [i["rank"] for i in data["items"]] == list(range(1, 9))
        first_behind = data["items"][2]
        assert first_behind["id"] == "investment-agreed" and first_behind["behind_pp"] == 32.0
    else:
        assert "协议引进外省投资" in text


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("by", [GroupBy.OWNER, GroupBy.SECTION])  # ENTITY: test_rollup.py
def test_every_rollup_format_renders(midyear: Summary, fmt: Format, by: GroupBy) -> None:
    text = render_rollup(midyear.report, by, fmt, lang="zh")
    key = "招商办" if by is GroupBy.OWNER else "（一）扩投资、强支撑"
    assert key in text
    if fmt is Format.JSON:
        data = json.loads(text)
        assert data["by"] == by.value and data["totals"]["items"] == 20


def test_markdown_tables_stay_aligned_with_chinese(midyear: Summary) -> None:
    text = render_summary(midyear, SummaryFormat.MARKDOWN, lang="zh")
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    tables = [b for b in blocks if b]
    assert len(tables) >= 5
    for block in tables:
        assert len({cell_len(ln) for ln in block}) == 1, block


def test_no_shortfalls_is_said_plainly(make_ledger: Any) -> None:
    root = make_ledger(
        {"2023/a.toml": '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 5\nactual = 6\n'}
    )
    s = summarise(root, 2023, dt.date(2023, 12, 31))
    assert s.shortfalls == ()
    text = render_shortfalls(s, ShortfallFormat.TEXT, lang="zh")
    assert text == "测试镇2023年：截至12月底，没有未完成、逾期、受阻或滞后的目标任务。\n"
    summary = render_summary(s, SummaryFormat.TEXT, lang="zh")
    assert "请" not in summary.splitlines()[-1]


# --------------------------------------------------------------------------- commands


MID = ("--ledger", str(MIDYEAR), "--as-of", "2024-06")


def test_summary_output_writes_the_same_text(tmp_path: Path) -> None:
    target = tmp_path / "通报.md"
    shown = run("summary", *MID, "--format", "markdown")
    written = run("summary", *MID, "--format", "markdown", "--output", str(target))
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert str(target) in written.stderr
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["通报.md"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's 0600


def test_summary_output_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "s.txt"
    result = run("summary", *MID, "--output", str(target))
    assert result.exit_code == 2
    assert "s.txt" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()


def test_summary_output_not_written_when_rendering_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plancheck.render.summary_text as summary_text

    def broken(summary: Summary, lang: str = "zh") -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(summary_text, "render_summary_text", broken)
    target = tmp_path / "s.txt"
    result = run("summary", *MID, "--output", str(target))
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []


def test_summary_output_keeps_the_old_file_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "s.txt"
    target.write_text("上月通报\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("summary", *MID, "--output", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"{target}: 错误: 无法写入：磁盘空间不足\n"  # one located line
    assert target.read_text(encoding="utf-8") == "上月通报\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s.txt"]


def test_shortfalls_fail_on_shortfall_exits_1() -> None:
    listed = run("shortfalls", *MID)
    assert listed.exit_code == 0 and listed.stdout.count("\n") == 10
    failing = run("shortfalls", *MID, "--fail-on-shortfall")
    assert failing.exit_code == 1
    assert failing.stdout == listed.stdout
    fine = run("shortfalls", *MID, "--owner", "应急办", "--fail-on-shortfall")
    assert fine.exit_code == 0 and "没有未完成" in fine.stdout


def test_shortfalls_json_is_ranked_and_parses() -> None:
    result = run("shortfalls", *MID, "--format", "json", "--section", "（二）")
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["items"]] == [
        "linked-fund-income",
        "pension-insurance-rate",
        "toilet-rectification",
    ]


def test_summary_unknown_owner_is_a_usage_error() -> None:
    result = run("summary", *MID, "--owner", "不存在办")
    assert result.exit_code == 2 and result.stdout == ""


def test_status_by_owner_matches_status_json() -> None:
    table = run("status", *MID, "--by", "owner")
    assert table.exit_code == 0, table.output
    assert "按责任单位汇总" in table.stdout and "得分" in table.stdout
    rolled = json.loads(run("status", *MID, "--by", "owner", "-f", "json").stdout)
    plain = json.loads(run("status", *MID, "-f", "json").stdout)
    assert rolled["groups"] == plain["by_owner"]
    assert rolled["totals"] == plain["totals"]
    sections = json.loads(run("status", *MID, "--by", "section", "-f", "json").stdout)
    assert sections["groups"] == plain["by_section"]
    assert run("status", *MID, "--by", "leader").exit_code == 2


def test_scores_are_capped_and_summed() -> None:
    plain = json.loads(run("status", *MID, "-f", "json").stdout)
    by_id = {i["id"]: i for i in plain["items"]}
    # 650 of 600 亩 is 108.3 %, counted as 100 % of its 5 points
    assert by_id["chrysanthemum-area"]["score"] == 5
    total = sum(D(str(i["score"])) for i in plain["items"] if i["score"] is not None)
    assert round_pct(D(str(plain["totals"]["score"]))) == round_pct(total)


def test_wording_of_reductions_and_unchanged_growth(make_ledger) -> None:
    root = make_ledger(
        {
            "2024/a.toml": (
                '[energy]\nname = "单位GDP能耗"\nkind = "growth"\ndirection = "down"\nunit = "吨"\n'
                "target_growth_pct = -3\nbaseline = 100\nactual = 95\n\n"
                '[tax]\nname = "税收"\nkind = "indicator"\nunit = "万元"\nactual = 1000\n'
                "baseline = 1000\n"
            )
        }
    )
    zh = run("summary", "--ledger", str(root), "--as-of", "2024-12")
    assert "目标下降3%" in zh.stdout and "目标增长-3" not in zh.stdout  # as stated
    assert "比目标多下降2.0个百分点" in zh.stdout
    assert "税收1000万元，同比持平" in zh.stdout
    en = run("summary", "--ledger", str(root), "--as-of", "2024-12", "--lang", "en")
    assert "target: down 3%" in en.stdout and "2.0 pp further down than the target" in en.stdout


# --------------------------------------------------------------------------- issue 16


def test_ranking_ties_share_a_rank_and_the_next_skips() -> None:
    # no weights: ranked by share of green; 甲 and 乙 both 50 %, 丙 100 %, 丁 0 %
    items = [
        item(id="a1", owner="甲", target=D(100), history=(("2024-06", D(60)),)),
        item(id="a2", owner="甲", target=D(100), history=(("2024-06", D(10)),)),
        item(id="b1", owner="乙", target=D(100), history=(("2024-06", D(60)),)),
        item(id="b2", owner="乙", target=D(100), history=(("2024-06", D(5)),)),
        item(id="c1", owner="丙", target=D(100), history=(("2024-06", D(55)),)),
        item(id="d1", owner="丁", target=D(100), history=(("2024-06", D(1)),)),
        item(id="e1", target=D(100), history=(("2024-06", D(1)),)),  # no owner: not ranked
    ]
    report, ledger = report_of(items)
    ranked = build_summary(report, ledger).ranking
    assert [(s.owner, s.rank) for s in ranked] == [("丙", 1), ("甲", 2), ("乙", 2), ("丁", 4)]
    assert ranked[1].rate == 50 and ranked[1].score is None


def test_ranking_by_score_rate_when_weighted(midyear: Summary) -> None:
    rates = [s.rate for s in midyear.ranking]
    assert rates == sorted(rates, key=lambda r: -(r or 0))
    first = midyear.ranking[0]
    assert first.owner == "社保所" and first.score is not None and first.weight == 5
    assert first.rate == first.score / 5 * 100


def test_next_step_names_the_office_or_prints_the_measures_and_says_the_gap_once(
    bundled: Summary, midyear: Summary
) -> None:
    text = render_summary(bundled, SummaryFormat.TEXT, lang="zh")
    # year end: the miss is accounted for and carried over, not "加快推进"
    entry = next(line for line in text.splitlines() if "问题厕所整改：" in line)
    step = "请农业农村办认真分析原因，结转至下年度继续推进。"
    assert entry.endswith("备注：剩262户问题厕所整改中。" + step)
    assert entry.count("尚有262户未完成") == 1 and "加快推进" not in text.split("四、")[0]
    en = render_summary(bundled, SummaryFormat.TEXT, lang="en")
    assert "农业农村办 to analyse the causes and carry it over to next year." in en
    mid = render_summary(midyear, SummaryFormat.TEXT, lang="zh")
    entry = next(line for line in mid.splitlines() if "衔接资金项目收益：" in line)
    assert entry.count("320万元") == 1
    assert entry.endswith("请乡村振兴办加快推进，确保完成年度目标。")
    assert "下步措施：7月底前赴苏州对接两个意向项目，力争9月签约。" in mid
    assert "请招商办加快推进，尚有4.1亿元未完成" not in mid  # measures replace the sentence
    assert "请招商办协调解决受阻问题" in mid  # blocked milestone
    md = render_summary(midyear, SummaryFormat.MARKDOWN, lang="zh")
    assert "3．协议引进外省投资：7月底前赴苏州对接两个意向项目，力争9月签约。" in md


def test_summary_settings_are_read_and_checked(make_ledger: Any) -> None:
    from plancheck.read.load import LedgerError

    settings = (
        'entity = "镇"\n[summary]\nkey_indicators = ["b", "a"]\nrecipients = "各村："\n'
        'issuer = "镇党政办"\nsections = ["（二）"]\n'
    )
    root = make_ledger({"2024/a.toml": '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\n'})
    (root / "plancheck.toml").write_text(settings, encoding="utf-8")
    s = load_ledger(root).settings.summary
    assert (s.key_indicators, s.recipients, s.issuer, s.sections) == (
        ("b", "a"),
        "各村：",
        "镇党政办",
        ("（二）",),
    )
    (root / "plancheck.toml").write_text(
        'entity = "镇"\n[summary]\nkey_indicators = "a"\nissuer = 3\nsender = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(LedgerError) as caught:
        load_ledger(root)
    codes = {(p.key, p.code) for p in caught.value.problems}
    assert ("summary.key_indicators", "type.string_list") in codes
    assert ("summary.issuer", "type.string") in codes
    assert any(p.code == "key.unknown" for p in caught.value.problems)


def test_every_count_in_the_summary_equals_one_from_status_json() -> None:
    """The overview's counts and each office's lights, recomputed from the JSON alone."""
    common = ("--ledger", str(MIDYEAR), "--year", "2024", "--as-of", "2024-06")
    data = json.loads(run("status", *common, "--format", "json").stdout)
    text = run("summary", *common).stdout
    items = data["items"]
    done = ("met", "exceeded")
    quantified = [i for i in items if i["kind"] not in ("milestone", "indicator")]
    quantified = [i for i in quantified if i["status"] != "no_target"]
    met = [i for i in quantified if i["status"] in done]
    amounts = [i for i in met if i["kind"] == "amount" and i["direction"] == "up"]
    # a ceiling kept mid-year is on pace in status (not 完成), 控制在目标内 in the notice
    kept = [
        i for i in quantified
        if i["status"] == "on_pace" and i["direction"] == "down" and i["actual"] <= i["target"]
    ]  # fmt: skip
    ceilings = [i for i in met if i["direction"] == "down"] + kept
    level = [i for i in met if i not in amounts and i not in ceilings]
    counts = {
        "有目标的任务": sum(1 for i in items if i["status"] != "no_target"),
        "数量目标": len(quantified),
        "节点任务": sum(1 for i in items if i["kind"] == "milestone"),
        "已完成": len(amounts),
        "超额完成": sum(1 for i in amounts if i["status"] == "exceeded"),
        "控制在目标内": len(ceilings),
        "增速或比率达到目标": len(level),
        "达到序时进度": sum(1 for i in items if i["status"] == "on_pace") - len(kept),
        "滞后序时进度": sum(1 for i in items if i["status"] == "behind"),
        "无数据": sum(1 for i in items if i["status"] == "no_data"),
    }
    overview = text.split("一、总体情况\n", 1)[1].split("\n", 1)[0]
    for word, n in counts.items():
        assert f"{word}{n}项" in overview, (word, n, overview)
    for light, word in (("green", "绿灯"), ("yellow", "黄灯"), ("red", "红灯")):
        n = sum(1 for i in items if i["light"] == light)
        assert f"{word}{n}项" in overview
    ranking = text.split("各责任单位完成情况排名\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(ranking) == sum(1 for g in data["by_owner"] if g["by_light"])
    for g in data["by_owner"]:
        if not g["by_light"]:
            continue
        line = next(ln for ln in ranking if f"　{g['owner']}：" in ln)
        for light, word in (("green", "绿灯"), ("yellow", "黄灯"), ("red", "红灯")):
            n = g["by_light"].get(light, 0)
            assert (f"{word}{n}项" in line) == (n > 0), (line, light)
        behind_green = sum(
            1
            for i in items
            if i["owner"] == g["owner"] and i["status"] == "behind" and i["light"] == "green"
        )
        assert (f"其中{behind_green}项滞后序时进度" in line) == (behind_green > 0), line
