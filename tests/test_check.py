"""`plancheck check`: fixture ledgers per finding kind, a clean one, the CLI, the bundled ledger."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import plancheck.check.run as check_module
from plancheck.check.run import Finding, agrees, check_ledger, decimals, problem_findings
from plancheck.cli import app
from plancheck.model import Location, Severity
from plancheck.read.load import LedgerError, load_ledger
from plancheck.render.findings import CheckFormat, finding_line, render_findings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
TARGETS = Path(__file__).resolve().parent.parent / "targets"
E, W = Severity.ERROR, Severity.WARNING

# kind → expected findings: (file, line, id, code, severity, stated, computed rounded to 4)
CASES: dict[str, list[tuple[str, int, str, str, Severity, str | None, str | None]]] = {
    "standing": [
        ("2023/a.toml", 11, "forest", "check.standing", E, "2", "1"),
    ],
    "parts_sum": [
        ("2023/a.toml", 9, "total", "check.parts_sum", E, "6.82", "6.28"),
        ("2023/a.toml", 31, "destitute", "check.parts_sum", E, "292", "291"),
    ],
    "parts_exceed": [
        ("2023/a.toml", 9, "toilets-surveyed", "check.parts_exceed", E, "3251", "3300"),
        ("2023/a.toml", 25, "measures", "check.parts_exceed", E, "23455", "24303.68"),
    ],
    "claim_growth": [
        ("2023/a.toml", 12, "industrial-investment", "check.claim_growth", E, "90", "96.1461"),
        ("2023/a.toml", 23, "average", "check.claim_growth", E, "50", "54.0476"),
    ],
    "claim_share": [
        ("2023/a.toml", 25, "insurance-rate", "check.claim_share", E, "85.1", "88.7125"),
    ],
    "claim_ratio": [
        ("2023/a.toml", 25, "collective-income-average", "check.claim_ratio", E, "64.7", "64.6433"),
    ],
    "claim_difference": [
        ("2023/a.toml", 33, "dibao", "check.claim_difference", E, "133", "88"),
    ],
    "claim_sum": [
        ("2023/a.toml", 12, "problems", "check.claim_sum", E, "42", "43"),
    ],
    "share_over": [
        ("2023/a.toml", 20, "hazards-fixed", "check.share_over", E, "100", "114.2857"),
    ],
    "same_as_differs": [
        ("2023/a.toml", 9, "disputes-screened-villages", "check.same_as_differs", E, "78", "55"),
        ("2023/a.toml", 30, "production-april", "check.same_as_differs", E, "2023-04", "2023-08"),
    ],
    "same_as_dates": [
        ("2023/a.toml", 17, "destitute-agreements", "check.same_as_dates", W, "294", "292"),
    ],
    "ref_unknown": [
        ("2023/a.toml", 9, "total", "check.ref_unknown", E, None, None),
        ("2023/a.toml", 19, "rate", "check.ref_unknown", E, None, None),
        ("2023/a.toml", 30, "copy", "check.ref_unknown", E, None, None),
        ("2024/a.toml", 9, "plan", "check.ref_unknown", E, None, None),
    ],
    "ref_field": [("2023/a.toml", 12, "toilets", "check.ref_field", E, None, None)],
    "carried_missing": [
        ("2024/a.toml", 9, "toilet-rectification", "check.carried_missing", E, None, None),
    ],
    "carried_format": [("2024/a.toml", 9, "toilets", "check.carried_format", E, None, None)],
    "text_control": [("2023/a.toml", 5, "toilets", "check.text_control", W, None, None)],
    "carried_changed": [
        ("2024/a.toml", 9, "toilets", "check.carried_changed", W, "300", "262"),
    ],
    "claim_missing": [("2023/a.toml", 11, "output", "check.claim_missing", W, None, None)],
    "claim_zero": [("2023/a.toml", 18, "fixed", "check.claim_zero", W, None, None)],
    "claim_units": [("2023/a.toml", 18, "villages", "check.claim_units", E, None, None)],
    "units": [("2023/a.toml", 9, "households", "check.units", E, None, None)],
    "loader_warning": [
        ("2023/a.toml", 8, "fiscal-revenue.owner", "owner.unknown", W, None, None),
    ],
}


def _shown(value: Decimal | str | None) -> str | None:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.0001")).normalize(), "f")
    return value


def _summary(root: Path, findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (
            f.location.file.relative_to(root).as_posix(),
            f.location.line,
            f.item,
            f.code,
            f.severity,
            _shown(f.stated),
            _shown(f.computed),
        )
        for f in findings
    ]


def test_every_fixture_folder_is_covered() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == {*CASES, "clean", "loader_error"}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_finding_location_and_figures(kind: str) -> None:
    root = FIXTURES / kind
    findings = check_ledger(load_ledger(root))
    assert _summary(root, findings) == [
        (file, line, item, code, sev, stated, computed)
        for file, line, item, code, sev, stated, computed in CASES[kind]
    ]
    for f in findings:
        assert f.source or not f.code.startswith("check."), f  # quotes the report's sentence
        assert f.year == int(f.location.file.relative_to(root).parts[0])


def test_clean_fixture_is_silent() -> None:
    assert check_ledger(load_ledger(FIXTURES / "clean")) == []


def test_claim_findings_carry_the_claims_words_and_unit() -> None:
    [finding] = check_ledger(load_ledger(FIXTURES / "claim_ratio"))
    assert finding.says == "村均收入由42万元提高到64.7万元"
    assert finding.unit == "万元"
    assert finding.source == "村均收入由42万元提高到64.7万元"
    assert dict(finding.args)["formula"] == ("collective-income 0.096965亿元 ÷ villages 15个")


def test_loader_errors_become_findings() -> None:
    root = FIXTURES / "loader_error"
    with pytest.raises(LedgerError) as caught:
        load_ledger(root)
    [finding] = problem_findings(caught.value.problems, root)
    assert finding.location == Location(root / "2023" / "a.toml", 8)
    assert (finding.item, finding.code, finding.severity) == (
        "fiscal-revenue.traget",
        "key.unknown_suggest",
        Severity.ERROR,
    )
    assert finding.year == 2023


def test_year_restricts_the_findings() -> None:
    ledger = load_ledger(FIXTURES / "ref_unknown")
    assert [f.item for f in check_ledger(ledger, year=2024)] == ["plan"]
    assert len(check_ledger(ledger, year=2023)) == 3


def test_each_file_is_scanned_for_lines_at_most_once(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[int] = []
    real = check_module.key_lines

    def counting(text: str) -> dict[str, int]:
        scanned.append(len(text))
        return real(text)

    monkeypatch.setattr(check_module, "key_lines", counting)
    findings = check_ledger(load_ledger(FIXTURES / "ref_unknown"))
    assert len(findings) == 4
    assert len(scanned) == 2  # two files, four findings


@pytest.mark.parametrize(
    ("stated", "computed", "ok"),
    [
        ("1.2", "1.2631578", True),  # truncated
        ("1.3", "1.2631578", True),  # rounded half up
        ("1.26", "1.2631578", True),
        ("1.27", "1.2631578", False),
        ("64.7", "64.6433333", False),
        ("54", "54.047619", True),
        ("96", "96.146146", True),
        ("133", "88", False),
        ("100", "99.96", True),
        ("100", "100.4", True),
        ("100", "100.5", True),  # rounds to 101, truncates to 100
        ("100", "101.2", False),
    ],
)
def test_agreement_by_rounding_or_truncation(stated: str, computed: str, ok: bool) -> None:
    assert agrees(Decimal(stated), Decimal(computed)) is ok


def test_decimals_as_written() -> None:
    assert [decimals(Decimal(s)) for s in ("64.70", "1900", "0.3956", "5.4")] == [2, 0, 4, 1]


# --------------------------------------------------------------------------- rendering

SAMPLE = Finding(
    Location(Path("targets/2023/02-rural.toml"), 207),
    "village-collective-income-average",
    "check.claim_ratio",
    (("formula", "village-collective-income 969.65万元 ÷ collective-economy-villages 15个"),),
    Severity.ERROR,
    Decimal("64.7"),
    Decimal("969.65") / Decimal(15),
    "万元",
    "村均收入由42万元提高到64.7万元。",
    "村均收入64.7万元",
    2023,
)


def test_text_line_en_and_zh() -> None:
    assert finding_line(SAMPLE, "en") == (
        "targets/2023/02-rural.toml:207: village-collective-income-average: error: "
        "the stated average does not follow from village-collective-income 969.65万元 ÷ "
        "collective-economy-villages 15个 (stated 64.7万元, computed 64.643万元) "
        "«村均收入由42万元提高到64.7万元。»"
    )
    assert finding_line(SAMPLE, "zh") == (
        "targets/2023/02-rural.toml:207: village-collective-income-average: 错误: "
        "所述平均数与总数、个数不符：village-collective-income 969.65万元 ÷ "
        "collective-economy-villages 15个（所述 64.7万元，计算 64.643万元） "
        "«村均收入由42万元提高到64.7万元。»"
    )


def test_without_figures_or_source_the_line_ends_with_the_message() -> None:
    bare = Finding(Location(Path("a.toml"), 3), "x", "check.ref_field", (("ref", "x.goal"),))
    assert finding_line(bare, "en") == (
        "a.toml:3: x: error: reference x.goal is not valid (write id, id.target or id.baseline)"
    )


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_format_renders(fmt: CheckFormat) -> None:
    out = render_findings([SAMPLE], fmt, "en")
    assert out.endswith("\n") and "village-collective-income-average" in out
    assert render_findings([], fmt, "en") in ("", "[]\n")


def test_json_shape() -> None:
    [data] = json.loads(render_findings([SAMPLE], CheckFormat.JSON, "en"))
    assert data == {
        "file": "targets/2023/02-rural.toml",
        "line": 207,
        "id": "village-collective-income-average",
        "year": 2023,
        "severity": "error",
        "code": "check.claim_ratio",
        "message": "the stated average does not follow from village-collective-income "
        "969.65万元 ÷ collective-economy-villages 15个",
        "stated": 64.7,
        "computed": 64.643333,
        "unit": "万元",
        "source": "村均收入由42万元提高到64.7万元。",
        "says": "村均收入64.7万元",
    }


# --------------------------------------------------------------------------- CLI


def run(*args: str):
    runner = CliRunner()
    env = {"PLANCHECK_NO_CACHE": "1", "PLANCHECK_LANG": ""}
    return runner.invoke(app, ["check", *args], env=env)


def test_cli_clean_is_silent_and_exits_0() -> None:
    result = run("--ledger", str(FIXTURES / "clean"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    as_json = run("--ledger", str(FIXTURES / "clean"), "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []


def test_cli_errors_exit_1_one_line_each_summary_on_stderr() -> None:
    root = FIXTURES / "parts_sum"
    result = run("--ledger", str(root), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{root / '2023' / 'a.toml'}:9: total: error: the parts do not")
    assert "(stated 6.82亿元, computed 6.28亿元)" in lines[0]
    assert lines[0].endswith("«合计6.82亿元，其中甲3.14亿元、乙3.14亿元。»")
    assert result.stderr == "plancheck: 2 error(s), 0 warning(s) found\n"


def test_cli_warnings_alone_exit_0_but_are_printed() -> None:
    result = run("--ledger", str(FIXTURES / "same_as_dates"))
    assert result.exit_code == 0
    assert ": 警告: " in result.stdout and "（所述 294人，计算 292人）" in result.stdout
    assert "1 个警告" in result.stderr


def test_cli_json_lists_the_findings() -> None:
    result = run("--ledger", str(FIXTURES / "claim_difference"), "--format", "json")
    assert result.exit_code == 1
    [data] = json.loads(result.stdout)
    assert (data["line"], data["id"], data["code"]) == (33, "dibao", "check.claim_difference")
    assert (data["stated"], data["computed"], data["unit"]) == (133, 88, "人")


def test_cli_loader_errors_are_findings_with_exit_1() -> None:
    root = FIXTURES / "loader_error"
    result = run("--ledger", str(root), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{root / '2023' / 'a.toml'}:8: fiscal-revenue.traget: error: "
        "unknown key traget; did you mean target?\n"
    )
    missing = run("--ledger", str(FIXTURES / "nowhere"))
    assert missing.exit_code == 1 and "台账目录不存在" in missing.stdout


def test_cli_year_and_usage() -> None:
    root = str(FIXTURES / "ref_unknown")
    only_2024 = run("--ledger", root, "--year", "2024")
    assert only_2024.exit_code == 1 and len(only_2024.stdout.splitlines()) == 1
    assert run("--ledger", root, "--year", "2031").exit_code == 3
    assert run("--ledger", root, "--lang", "fr").exit_code == 2
    assert run("--ledger", root, "--format", "xml").exit_code == 2


def test_cli_rule_runs_only_the_rules_named() -> None:
    root = str(FIXTURES / "ref_unknown")  # findings of the parts, claims and same_as rules
    every = run("--ledger", root, "--format", "json", "--lang", "en")
    parts = run("--ledger", root, "--format", "json", "--lang", "en", "--rule", "parts")
    two = run(
        "--ledger", root, "--format", "json", "--lang", "en", "--rule", "same_as", "--rule", "parts"
    )  # fmt: skip

    def where(result: Result) -> list[tuple[int, int]]:
        return [(f["year"], f["line"]) for f in json.loads(result.stdout)]

    assert where(every) == [(2023, 9), (2023, 19), (2023, 30), (2024, 9)]
    assert where(parts) == [(2023, 9), (2024, 9)]
    assert where(two) == [(2023, 9), (2023, 30), (2024, 9)]  # file and line order
    none = run("--ledger", root, "--rule", "carried_from")
    assert (none.exit_code, none.stdout) == (0, "")


def test_cli_unknown_rule_is_a_usage_error_listing_the_rules() -> None:
    got = run("--ledger", str(FIXTURES / "clean"), "--rule", "partz", "--lang", "en")
    assert got.exit_code == 2
    assert "unknown check rule partz; choose from: parts, claims, growth, same_as," in got.stderr


def test_every_rule_has_a_unique_name_and_finds_something_in_the_fixtures() -> None:
    from plancheck.check.rules import RULES

    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    for rule in RULES:
        found = [
            f for kind in sorted(CASES)
            for f in check_ledger(load_ledger(FIXTURES / kind), rules=[rule])
            if f.code.startswith("check.")
        ]  # fmt: skip
        assert found, rule.name


# --------------------------------------------------------------------------- bundled ledger

# Every finding on the bundled ledger is an inconsistency of the 2023 report itself.
BUNDLED = [
    ("2023/01-investment.toml", "jingchen-production-april", "check.same_as_differs"),
    ("2023/02-rural.toml", "village-collective-income-average", "check.claim_ratio"),
    ("2023/02-rural.toml", "assistance-measures", "check.parts_exceed"),
    ("2023/04-livelihood.toml", "rural-dibao-persons", "check.claim_difference"),
    ("2023/04-livelihood.toml", "destitute-supervision-agreements", "check.same_as_dates"),
    ("2023/05-governance.toml", "disputes-screened-villages", "check.same_as_differs"),
]


def test_bundled_ledger_findings_are_the_reports_own() -> None:
    findings = check_ledger(load_ledger(TARGETS))
    got = [(f.location.file.relative_to(TARGETS).as_posix(), f.item, f.code) for f in findings]
    assert got == BUNDLED
    figures = {f.item: (_shown(f.stated), _shown(f.computed)) for f in findings}
    assert figures["village-collective-income-average"] == ("64.7", "64.6433")
    assert figures["rural-dibao-persons"] == ("133", "88")
    assert figures["assistance-measures"] == ("23455", "24303.68")
    assert figures["disputes-screened-villages"] == ("78", "55")
    assert figures["jingchen-production-april"] == ("2023-04", "2023-08")
    assert "fiscal-revenue" not in figures  # 1.2 % is 1.26 % truncated: not a finding


def test_parts_are_compared_at_the_month_they_share(make_ledger) -> None:
    from plancheck.check.run import check_ledger
    from plancheck.read.load import load_ledger

    body = (
        '[total]\nname = "企业"\nkind = "indicator"\nunit = "家"\nparts = ["a", "b"]\n'
        "[total.history]\n2024-05 = 10\n2024-06 = 12\n\n"
        '[a]\nname = "甲"\nkind = "indicator"\nunit = "家"\n[a.history]\n2024-05 = 6\n\n'
        '[b]\nname = "乙"\nkind = "indicator"\nunit = "家"\n[b.history]\n2024-05 = 4\n'
    )
    findings = check_ledger(load_ledger(make_ledger({"2024/x.toml": body})))
    assert findings == []  # May agrees (6 + 4 = 10); June is not reported by the parts yet
    behind = body.replace("2024-05 = 10\n", "").replace("2024-05 = 6", "2024-06 = 7")
    findings = check_ledger(load_ledger(make_ledger({"2024/x.toml": behind}, name="l2")))
    assert [f.code for f in findings] == ["check.parts_months"]
    assert findings[0].severity.value == "warning"


def test_a_mid_year_total_is_not_held_to_a_full_year_growth(make_ledger) -> None:
    from plancheck.check.run import check_ledger
    from plancheck.read.load import load_ledger

    body = (
        '[tax]\nname = "税收"\nkind = "amount"\nunit = "万元"\ntarget = 2000\nbaseline = 1900\n'
        "actual_growth_pct = 10\n[tax.history]\n2024-06 = 1045\n"
    )
    assert check_ledger(load_ledger(make_ledger({"2024/x.toml": body}))) == []


@pytest.mark.parametrize(
    ("mine", "theirs", "agree"),
    [
        ("1.2亿元", "12400万元", True),  # 1.2亿元 stands for 1.15–1.25亿元
        ("12000万元", "1.24亿元", False),  # an exact 12000 is not 1.235–1.245亿元
        ("0.5亿元", "0.54亿元", True),
        ("0.5亿元", "0.55亿元", False),  # 0.55 rounds half up to 0.6
        ("0.5亿元", "0.6亿元", False),
        ("294人", "292人", False),
        ("1.20亿元", "1.2亿元", True),
        ("9斤", "5公斤", True),  # 5公斤 is 10斤 to 2斤: 9斤 rounds to it; no power of ten
        ("6900斤", "3吨", True),  # 3吨 is 2.5–3.5吨
        ("1500公斤", "3吨", False),
        ("0斤", "0.00吨", True),
    ],
)
def test_same_as_agrees_the_same_way_from_either_side(
    make_ledger, mine: str, theirs: str, agree: bool
) -> None:
    from plancheck.check.run import check_ledger
    from plancheck.read.load import load_ledger

    unit_a, unit_b = mine.lstrip("0123456789."), theirs.lstrip("0123456789.")
    for n, (a, b, ua, ub) in enumerate(
        ((mine, theirs, unit_a, unit_b), (theirs, mine, unit_b, unit_a))
    ):
        body = (
            f'[a]\nname = "甲"\nkind = "indicator"\nunit = "{ua}"\nactual = "{a}"\n'
            f'same_as = "b"\n\n[b]\nname = "乙"\nkind = "indicator"\nunit = "{ub}"\n'
            f'actual = "{b}"\n'
        )
        findings = check_ledger(load_ledger(make_ledger({"2024/x.toml": body}, name=f"l{n}")))
        assert [f.code for f in findings] == ([] if agree else ["check.same_as_differs"]), (a, b)


@pytest.mark.parametrize(
    ("total", "parts", "found"),
    [
        ("5.3", ("3.1", "1.5", "0.9"), True),  # 5.5: at least 5.35, which is 5.4, not 5.3
        ("5.4", ("3.1", "1.5", "0.9"), False),  # 5.35 … 5.65 meets 5.35 … 5.45
        ("5.6", ("3.1", "1.5", "0.9"), False),  # 5.55 … 5.65 meets 5.35 … 5.65
        ("5.7", ("3.1", "1.5", "0.9"), True),  # below 5.65 is not 5.65
        ("1", ("0.6", "0.5"), False),  # 0.55 + 0.45 = 1: a whole total may be that low end
        ("10", ("6", "4"), False),  # exact figures, equal
        ("10", ("6", "5"), True),
    ],
)
def test_parts_ranges_that_only_touch_do_not_meet(
    make_ledger, total: str, parts: tuple[str, ...], found: bool
) -> None:
    from plancheck.check.run import check_ledger
    from plancheck.read.load import load_ledger

    ids = [f"p{n}" for n in range(len(parts))]
    body = (
        f'[total]\nname = "投资"\nkind = "indicator"\nunit = "亿元"\nactual = {total}\n'
        f"parts = {json.dumps(ids)}\n"
    )
    for part_id, value in zip(ids, parts, strict=True):
        body += f'[{part_id}]\nname = "{part_id}"\nkind = "indicator"\nunit = "亿元"\n'
        body += f"actual = {value}\n"
    findings = check_ledger(load_ledger(make_ledger({"2024/x.toml": body})))
    assert [f.code for f in findings] == (["check.parts_sum"] if found else [])
