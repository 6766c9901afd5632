"""plancheck extract / proof / confirm on short made-up reports (no real report's text)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.extract import draft_files, extract, proof, read_report
from plancheck.extract.figures import find_figures
from plancheck.model import Kind
from plancheck.read.load import load_ledger

# 青石镇: deliberate errors — the parts of 人员 do not add up (120 ≠ 50 + 40 + 20), the
# growth of 税收 is wrong (230 ÷ 200 − 1 = 15 %, not 25 %), the village average is wrong
# (300 ÷ 10 = 30, not 35), 调解纠纷 is stated twice (40 and 45), and 低保 grows by 20
# from the levels (500 − 480) but by 15 from the flows (30 − 15).
BAD = """\
2023年度青石镇政府工作报告

2023年，全年税收收入230万元，比去年200万元增长25%。现将工作汇报如下：
一、2023年工作总结
（一）抓经济、促发展
全镇10个村集体经济总收入300万元，村均收入由20万元提高到35万元。新增规上企业三家，投资约2.5亿元。孕检全年任务数100对，完成110对。
新建项目翠竹食品5月投产。
（二）保民生、促和谐
共有服务人员120人，其中医生50人、护士40人、其他人员20人。参保人数900人，参保率92.5%。
共调解纠纷40件；2023年共办理调解纠纷45件，成功化解44件。
新增农村低保对象30人，取消农村低保对象15人。共有农村低保对象500人，相对于上年480人，增加低保对象20人。
二、2024年工作计划
（一）经济目标
确保新增规上企业5家，税收收入增长10%。
一是优化营商环境，提升服务水平。
"""

# 白沙乡: the same shape, every figure consistent.
GOOD = """\
2023年度白沙乡政府工作报告

2023年，全年税收收入230万元，比去年200万元增长15%。
一、2023年工作总结
（一）抓经济
全乡10个村集体经济总收入300万元，村均收入由20万元提高到30万元。
共有服务人员110人，其中医生50人、护士40人、其他人员20人。
"""


def _by_name(draft, name):  # type: ignore[no-untyped-def]
    return [e for e in draft.entries if e.name == name]


def test_outline_entity_sections_and_plan_year() -> None:
    draft = extract(BAD, 2023)
    assert draft.entity == "青石镇"
    titles = [s.title for s in draft.sections]
    assert titles[0] == "总体情况"
    assert "（一）抓经济、促发展" in titles and "（二）保民生、促和谐" in titles
    plan = [e for e in draft.entries if e.year == 2024]
    assert {e.name for e in plan} >= {"新增规上企业"}
    target = _by_name(draft, "新增规上企业")
    assert [(e.year, e.kind, e.target) for e in target if e.year == 2024] == [
        (2024, Kind.AMOUNT, Decimal(5))
    ]
    growth = next(e for e in plan if e.kind is Kind.GROWTH)
    assert (growth.name, growth.target_growth_pct) == ("税收收入", Decimal(10))
    task = next(e for e in plan if e.kind is Kind.MILESTONE)
    assert (task.name, task.state, task.due) == ("优化营商环境", "planned", "")


def test_figures_values_units_chinese_numerals_and_qualifiers() -> None:
    figures = find_figures(
        "新增规上企业三家，投资约2.5亿元，2023年5月投产，第15个，G329国道61处，“五清一改”"
    )
    assert [(f.value, f.unit, f.qualifier) for f in figures] == [
        (Decimal(3), "家", ""),
        (Decimal("2.5"), "亿元", "约"),
        (Decimal(61), "处", ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2023年工作总结",  # a year
        "8月份开工，7月20日投产，1-12月份",  # dates
        "第15个全国防灾减灾日",  # an ordinal
        "办理12345举报事件",  # a hotline number
        "排查G329国道风险隐患",  # a road
        "落实“1+5+N”工作机制、“五清一改”",  # codes and quoted names
        "开展5.12地震应急演练",  # a date written with a dot
        "一是强化村企联建，一期产业园",  # Chinese numerals that are words
    ],
)
def test_numbers_that_are_no_quantities(text: str) -> None:
    assert find_figures(text) == []


def test_entries_kinds_claims_parts() -> None:
    draft = extract(BAD, 2023)
    tax = _by_name(draft, "税收收入")[0]
    assert (tax.actual, tax.baseline) == (Decimal(230), Decimal(200))
    assert [(c.kind.value, c.value) for c in tax.claims] == [("growth", Decimal(25))]
    staff = _by_name(draft, "服务人员")[0]
    assert len(staff.parts) == 3 and staff.parts_exhaustive
    task = _by_name(draft, "孕检")[0]
    assert (task.kind, task.target, task.actual) == (Kind.AMOUNT, Decimal(100), Decimal(110))
    rate = _by_name(draft, "参保率")[0]
    assert (rate.kind, rate.actual, rate.unit) == (Kind.RATE, Decimal("92.5"), "%")
    invest = _by_name(draft, "投资")[0]
    assert invest.actual == Decimal("2.5") and "qualified" in invest.flags and "约" in invest.note
    milestone = [e for e in draft.entries if e.kind is Kind.MILESTONE and e.year == 2023]
    assert [(m.done, m.state) for m in milestone] == [("2023-05", "done")]
    assert all(e.source in BAD for e in draft.entries)  # verbatim sentences


def test_never_invents_a_figure() -> None:
    draft = extract(BAD, 2023)
    written = {f.text for e in draft.entries for f in e.figures}
    for text in written:
        assert text in BAD
    assert all(e.figure is None or e.figure.text in e.source for e in draft.entries)


def test_proof_finds_every_deliberate_error() -> None:
    found = proof(extract(BAD, 2023), Path("bad.txt"))
    codes = sorted(p.finding.code for p in found)
    assert codes == sorted(
        [
            "check.claim_difference",
            "check.claim_growth",
            "check.claim_ratio",
            "check.parts_sum",
            "check.same_as_differs",
        ]
    )
    twice = next(p for p in found if p.finding.code == "check.same_as_differs")
    quoted = twice.finding.source + "".join(twice.sentences)
    assert "40件" in quoted and "45件" in quoted
    assert all(p.finding.location.file == Path("bad.txt") for p in found)


def test_proof_is_silent_on_a_consistent_report() -> None:
    assert proof(extract(GOOD, 2023), Path("good.txt")) == []


def test_draft_files_load_and_every_item_is_a_draft(tmp_path: Path) -> None:
    draft = extract(BAD, 2023)
    for rel, text in draft_files(draft, "bad.txt").items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    ledger = load_ledger(tmp_path)
    assert ledger.settings.entity == "青石镇"
    assert ledger.items and all(i.draft for i in ledger.items)
    assert ledger.years == (2023, 2024)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"PLANCHECK_TODAY": "2024-01-15"})


def _report(tmp_path: Path, text: str = BAD, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_extract_then_status_then_confirm(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = run("extract", str(_report(tmp_path)), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "【230万元】" in result.stdout
    status = run("status", "--ledger", str(out), "--year", "2023", "--format", "json")
    assert status.exit_code == 0, status.output
    items = json.loads(status.stdout)["items"]
    assert items and all(i["draft"] is True for i in items)
    table = run("status", "--ledger", str(out), "--year", "2023")
    assert "〔草稿〕税收收入" in table.stdout
    first = items[0]["id"]
    assert run("confirm", first, "--year", "2023", "--ledger", str(out)).exit_code == 0
    again = json.loads(run("status", "--ledger", str(out), "--year", "2023", "-f", "json").stdout)
    assert "draft" not in again["items"][0] and again["items"][1]["draft"] is True
    before = {p: p.read_bytes() for p in out.rglob("*.toml")}
    again = run("confirm", first, "--year", "2023", "--ledger", str(out))
    assert again.exit_code == 0 and "此前已确认，未作改动" in again.stderr  # a no-op
    assert {p: p.read_bytes() for p in out.rglob("*.toml")} == before


def test_cli_confirm_is_all_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    run("extract", str(_report(tmp_path)), "--year", "2023", "-o", str(out))
    before = {p: p.read_bytes() for p in out.rglob("*.toml")}
    result = run("confirm", "s00-001", "s99-999", "--year", "2023", "--ledger", str(out))
    assert result.exit_code != 0
    assert {p: p.read_bytes() for p in out.rglob("*.toml")} == before


def test_cli_extract_review_json_and_refuses_an_existing_ledger(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = run("extract", str(_report(tmp_path)), "-y", "2023", "-o", str(out), "-f", "json")
    rows = json.loads(result.stdout)
    assert any("qualified" in r["uncertain"] for r in rows)
    assert all(r["sentence"] in BAD for r in rows if r["sentence"] is not None)
    assert rows[-1]["uncertain"] == ["owners_unknown"]  # BAD names no office
    assert run("extract", str(_report(tmp_path)), "-y", "2023", "-o", str(out)).exit_code == 2


def test_cli_proof_exit_codes(tmp_path: Path) -> None:
    bad = run("proof", str(_report(tmp_path)), "--year", "2023")
    assert bad.exit_code == 1
    assert "report.txt:" in bad.stdout and "«" in bad.stdout
    good = run("proof", str(_report(tmp_path, GOOD, "good.md")), "--year", "2023")
    assert (good.exit_code, good.stdout) == (0, "")


def test_cli_refuses_unknown_formats_and_missing_files(tmp_path: Path) -> None:
    assert run("proof", str(_report(tmp_path, BAD, "r.pdf"))).exit_code == 2
    assert run("proof", str(tmp_path / "none.txt")).exit_code == 2


def test_docx_report(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")  # in the [extract] and [test] extras
    document = docx.Document()
    for line in BAD.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert read_report(path).splitlines()[0] == "2023年度青石镇政府工作报告"
    assert len(extract(read_report(path), 2023).entries) == len(extract(BAD, 2023).entries)


def test_status_start_up_loads_no_extraction_library() -> None:
    code = "import plancheck.cli, sys, json; print(json.dumps(list(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert not {"cn2an", "docx", "jieba", "plancheck.extract"} & loaded


def test_ranges_and_trailing_qualifiers_keep_the_written_text() -> None:
    figures = find_figures("新建3-5个站点，参与人数700余人，投资1亿元左右")
    assert [(f.value, f.high, f.qualifier, f.text) for f in figures] == [
        (Decimal(3), Decimal(5), "range", "3-5个"),
        (Decimal(700), None, "余", "700余人"),
        (Decimal(1), None, "左右", "1亿元左右"),
    ]


def test_cli_year_defaults_to_the_title_and_review_speaks_english(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = run("extract", str(_report(tmp_path)), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (out / "2023").is_dir() and (out / "2024").is_dir()
    assert "approximate or range" in result.stdout


def test_confirm_keeps_crlf_and_every_other_byte(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    run("extract", str(_report(tmp_path)), "-y", "2023", "-o", str(out))
    path = out / "2023" / "00-总体情况.toml"
    original = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    assert run("confirm", "s00-001", "--ledger", str(out)).exit_code == 0
    after = path.read_bytes().decode("utf-8")
    lines = original.splitlines(keepends=True)
    at = lines.index("draft = true\r\n")  # s00-001's, the first item
    assert after == "".join(lines[:at] + lines[at + 1 :])


# 青山镇: a 政府工作报告 given in 2026 (its title names the meeting's year): it reviews 2025
# and plans 2026.  Deliberate errors: 财政收入 is 2150万元 in the opening and 2105万元 later;
# the parts of 固定资产投资 add up to 5.5亿元, not 5.3亿元.
QINGSHAN = """\
青山镇2026年政府工作报告

各位代表：过去一年，全镇上下攻坚克难，各项工作取得新成效。2025年，全镇财政收入2150万元，比上年增长5.2%。
一、2025年工作回顾
（一）产业发展
粮食播种面积3.5万亩，粮食总产量4.2万吨，增长3.1%。生猪出栏1.2万头，增长2%。县下达任务800亩，完成820亩。全镇12个村，村集体经济总收入1020万元，村均85万元。农贸市场改造项目于2025年竣工，污水管网于2025年9月完工。固定资产投资5.3亿元，其中工业投资3.1亿元、基础设施投资1.5亿元、民生投资0.9亿元。
（二）民生保障
全年财政收入2105万元，用于民生支出1500万元。城乡居民医保参保率稳定在96%，较上年提高0.7个百分点。排查问题12个，已整改10个，剩余2个正在整改中。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资6亿元，城乡居民医保参保率稳定在96%以上，新增城镇就业不少于300人。
"""


def test_a_government_report_reviews_the_year_before_its_title() -> None:
    from plancheck.extract import report_years

    assert report_years(QINGSHAN) == (2025, 2026)
    assert report_years(BAD) == (2023, 2024)  # 一、2023年工作总结
    # no heading names a year: the dated sentences, then 过去一年 / 今年以来, then the title
    assert report_years("青山镇2026年政府工作报告\n2025年，全镇财政收入1亿元。\n") == (2025, 2026)
    assert report_years("青山镇2026年政府工作报告\n过去一年，财政收入1亿元。\n") == (2025, 2026)
    assert report_years("青山镇2026年工作报告\n今年以来，财政收入1亿元。\n") == (2026, 2027)
    assert report_years("青山镇2026年政府工作报告\n财政收入1亿元。\n") == (2025, 2026)
    assert report_years("2025年度青山镇工作报告\n财政收入1亿元。\n") == (2025, 2026)


def test_cli_default_years_come_from_the_report(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = run("extract", str(_report(tmp_path, QINGSHAN)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["2025", "2026"]


def test_milestone_dates_follow_their_own_sentence() -> None:
    draft = extract(QINGSHAN, 2025, 2026)
    done = {e.name: e for e in draft.entries if e.kind is Kind.MILESTONE}
    market = done["农贸市场改造项目竣工"]
    assert (market.year, market.state, market.done) == (2025, "done", "")  # no month: no date
    assert "2025年竣工" in market.note
    assert done["污水管网完工"].done == "2025-09"
    # a report run with the wrong --year still dates an event by its own sentence
    assert {e.done for e in extract(QINGSHAN, 2026, 2027).entries if e.done} == {"2025-09"}


def test_entity_without_the_title_year() -> None:
    assert extract(QINGSHAN, 2025).entity == "青山镇"
    assert extract(BAD, 2023).entity == "青石镇"


def test_a_quantity_stated_twice_is_linked_and_a_different_figure_found() -> None:
    agreeing = QINGSHAN.replace("2105万元", "2150万元")
    first, second = _by_name(extract(agreeing, 2025), "财政收入")
    assert (first.section, second.section) == (0, 2)  # the opening and a section
    assert second.same_as == first.id
    assert not [
        p for p in proof(extract(agreeing, 2025), Path("q.txt")) if "same_as" in p.finding.code
    ]
    found = [
        p for p in proof(extract(QINGSHAN, 2025), Path("q.txt")) if "same_as" in p.finding.code
    ]
    assert [(p.finding.stated, p.finding.computed) for p in found] == [
        (Decimal(2105), Decimal(2150))
    ]
    assert "2150万元" in found[0].sentences[0]


def test_proof_finds_parts_that_only_touch_their_total() -> None:
    found = [p.finding for p in proof(extract(QINGSHAN, 2025), Path("q.txt"))]
    sums = [(f.stated, f.computed) for f in found if f.code == "check.parts_sum"]
    assert sums == [(Decimal("5.3"), Decimal("5.5"))]


def test_a_unit_the_table_does_not_know_is_kept_as_written_and_flagged(tmp_path: Path) -> None:
    text = "2025年度白石镇工作报告\n一、2025年工作总结\n（一）农业\n家禽出栏3.6万羽，增长4%。\n"
    draft = extract(text, 2025)
    [poultry] = _by_name(draft, "家禽出栏")
    assert (poultry.actual, poultry.unit, poultry.actual_growth_pct) == (
        Decimal("3.6"),
        "万羽",
        Decimal(4),
    )
    assert "unit_unknown" in poultry.flags and draft.units == ("万羽",)
    for rel, body in draft_files(draft, "r.txt").items():  # declared in the settings: loads
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(body, encoding="utf-8")
    assert load_ledger(tmp_path).items[0].unit == "万羽"
    # 万吨 is kept whether or not the unit table knows it
    [grain] = _by_name(extract(QINGSHAN, 2025), "粮食总产量")
    assert (grain.actual, grain.unit) == (Decimal("4.2"), "万吨")


def test_a_growth_rate_belongs_to_the_figure_just_before_it() -> None:
    text = "2025年度白石镇工作报告\n粮食播种面积3.5万亩，粮食总产量8000吨，增长3.1%。\n"
    area, grain = extract(text, 2025).entries
    assert (area.name, area.actual_growth_pct) == ("粮食播种面积", None)
    assert (grain.name, grain.actual_growth_pct) == ("粮食总产量", Decimal("3.1"))


def test_every_figure_of_a_list_of_main_targets_is_a_plan_year_target() -> None:
    plan = [e for e in extract(QINGSHAN, 2025, 2026).entries if e.section == 3]
    got = [(e.year, e.kind, e.target, e.target_growth_pct, e.unit) for e in plan]
    assert got == [
        (2026, Kind.GROWTH, None, Decimal(6), "%"),
        (2026, Kind.AMOUNT, Decimal(6), None, "亿元"),
        (2026, Kind.RATE, Decimal(96), None, "%"),
        (2026, Kind.AMOUNT, Decimal(300), None, "人"),
    ]
    # the same list in a report's opening is the plan year's too
    opening = "青山镇2026年政府工作报告\n今年的主要预期目标是：固定资产投资6亿元，新增就业300人。\n"
    assert {(e.year, e.target) for e in extract(opening, 2025, 2026).entries} == {
        (2026, Decimal(6)),
        (2026, Decimal(300)),
    }
    # the reviewed year's own targets are no plan
    review = "青山镇2026年政府工作报告\n2025年主要目标任务是：财政收入2000万元。\n"
    assert [(e.year, e.actual) for e in extract(review, 2025, 2026).entries] == [
        (2025, Decimal(2000))
    ]


def test_percentage_points_are_a_change_of_the_rate_before_them() -> None:
    draft = extract(QINGSHAN, 2025)
    assert not [e for e in draft.entries if e.unit in ("个", "个百分点") and "提高" in e.name]
    [rate] = [e for e in draft.entries if e.kind is Kind.RATE and e.year == 2025]
    assert rate.actual == Decimal(96) and "较上年提高0.7个百分点" in rate.note
    stated = "2025年度白石镇工作报告\n医保参保率96%，比上年95.3%提高0.8个百分点。\n"
    [rate] = extract(stated, 2025).entries
    assert (rate.baseline, [(c.kind.value, c.value) for c in rate.claims]) == (
        Decimal("95.3"),
        [("difference", Decimal("0.8"))],
    )
    found = proof(extract(stated, 2025), Path("r.txt"))
    assert [(p.finding.stated, p.finding.computed) for p in found] == [
        (Decimal("0.8"), Decimal("0.7"))
    ]


def test_names_keep_every_character_and_leave_out_lead_ins_verbs_and_figures() -> None:
    draft = extract(QINGSHAN, 2025, 2026)
    names = {e.name for e in draft.entries}
    assert {"县下达任务", "粮食总产量", "村集体经济总收入", "村均集体经济收入"} <= names
    assert {"地区生产总值", "城乡居民医保参保率", "新增城镇就业", "农贸市场改造项目竣工"} <= names
    assert "民生支出" in names  # 用于民生支出: 用于 is no part of the name
    assert not [n for n in names if re.search(r"\d|：|稳定在|不少于|剩余|正在", n)]
    [jobs] = _by_name(draft, "新增城镇就业")
    assert (jobs.target, "qualified" in jobs.flags) == (Decimal(300), True)
    assert "不少于300人" in jobs.note and "下限" in jobs.note
    counted = extract("x\n12个村集体经济总收入1020万元，村均85万元。", 2025).entries
    assert [e.name for e in counted] == ["村", "村集体经济总收入", "村均集体经济收入"]


def test_a_claim_says_whole_figures_and_a_remainder_is_a_claim() -> None:
    draft = extract(QINGSHAN, 2025)
    says = [(e.source, c.says) for e in draft.entries for c in e.claims]
    assert "村均85万元" in [w for _, w in says]
    for source, words in says:  # never cut in the middle of a number
        at = source.index(words)
        assert not (at and source[at - 1].isdigit() and words[0].isdigit())
    [pair] = [e for e in draft.entries if e.quantity == "target"]
    assert [(c.kind.value, c.value, c.of) for c in pair.claims] == [
        ("difference", Decimal(2), [f"{pair.id}.target", pair.id])
    ]
    wrong = QINGSHAN.replace("剩余2个", "剩余3个")
    found = [p.finding for p in proof(extract(wrong, 2025), Path("q.txt"))]
    assert [(f.stated, f.computed) for f in found if f.code == "check.claim_difference"] == [
        (Decimal(3), Decimal(2))
    ]


def test_owners_only_from_the_report_and_said_when_none(tmp_path: Path) -> None:
    assert extract(QINGSHAN, 2025).owners == ()
    review = run("extract", str(_report(tmp_path, QINGSHAN)), "-o", str(tmp_path / "d"))
    assert "报告未写明责任单位" in review.stdout
    assert "owners = []" in (tmp_path / "d" / "plancheck.toml").read_text(encoding="utf-8")
    named = QINGSHAN.replace(
        "剩余2个正在整改中。", "剩余2个正在整改中（责任单位：综治办、司法所）。"
    )
    named = named.replace("县下达任务", "农业站承担县下达任务")
    assert extract(named, 2025).owners == ("农业站", "综治办", "司法所")
    rows = json.loads(run("extract", str(_report(tmp_path, named, "n.txt")), "-o",
                          str(tmp_path / "n"), "-f", "json").stdout)  # fmt: skip
    assert not [r for r in rows if "owners_unknown" in r["uncertain"]]
    assert load_ledger(tmp_path / "n").settings.owners == ("农业站", "综治办", "司法所")


def test_file_names_are_the_section_headings_and_load(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    assert run("extract", str(_report(tmp_path, QINGSHAN)), "-o", str(out)).exit_code == 0
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*.toml"))
    assert names == [
        "2025/00-总体情况.toml",
        "2025/01-产业发展.toml",
        "2025/02-民生保障.toml",
        "2026/03-2026年工作安排.toml",
        "plancheck.toml",
    ]
    assert run("status", "--ledger", str(out), "--year", "2025").exit_code == 0


def test_cli_confirm_says_where_it_looked(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    run("extract", str(_report(tmp_path, QINGSHAN)), "-o", str(out))
    nowhere = run("confirm", "nonexist", "--ledger", str(out))
    assert nowhere.exit_code == 2  # a usage error, as for `update`
    assert "没有编号为 nonexist 的条目（已查找 2025、2026 年）" in nowhere.stderr
    assert "—年" not in nowhere.stderr
    in_year = run("confirm", "nonexist", "--year", "2025", "--ledger", str(out))
    assert in_year.exit_code == 2 and "2025年没有编号为 nonexist 的条目" in in_year.stderr
    both = run("confirm", "s01-001", "s01-002", "--ledger", str(out))
    assert both.exit_code == 0 and "已确认 2 条：s01-001, s01-002" in both.stderr
    mixed = run("confirm", "s01-001", "s01-003", "--ledger", str(out), "--lang", "en")
    assert mixed.exit_code == 0
    assert "confirmed 1 item(s): s01-003" in mixed.stderr
    assert "s01-001: confirmed already" in mixed.stderr


def test_proof_speaks_of_names_in_the_users_language(tmp_path: Path) -> None:
    result = run("proof", str(_report(tmp_path, QINGSHAN)))
    assert result.exit_code == 1
    parts = next(line for line in result.stdout.splitlines() if "分项之和" in line)
    assert "固定资产投资［s01-" in parts and "（完成值）" in parts
    assert "工业投资 3.1亿元 + 基础设施投资 1.5亿元 + 民生投资 0.9亿元" in parts
    assert "actual" not in result.stdout
    twice = next(line for line in result.stdout.splitlines() if "同一数量" in line)
    assert "与 财政收入［s00-001］ 记录同一数量" in twice
    as_json = json.loads(run("proof", str(_report(tmp_path, QINGSHAN)), "-f", "json").stdout)
    assert {r["name"] for r in as_json} == {"固定资产投资", "财政收入"}
    assert all(re.fullmatch(r"s\d\d-\d{3}", r["id"]) for r in as_json)
