"""Starting a ledger: `init`, `add` (options or answers on stdin), appending safely, ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import PlancheckError
from plancheck.model import Direction, Kind
from plancheck.read.load import load_ledger
from plancheck.tables import entry, ids
from plancheck.write import append
from plancheck.write.scaffold import EXAMPLE_ID, create_ledger, ledger_files

TODAY = {"PLANCHECK_TODAY": "2025-03-15", "PLANCHECK_NO_CACHE": "1"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=TODAY)


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".plancheck.lock"
    }


@pytest.fixture
def new_ledger(tmp_path: Path) -> Path:
    root = tmp_path / "新桥镇"
    result = run(
        "init", str(root), "--entity", "新桥镇", "--year", "2025", "--owner", "党政办,经发办",
        "--owner", "农业农村办",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return root


# --------------------------------------------------------------------------- done when


def test_init_add_by_options_and_by_answers_then_status(tmp_path: Path) -> None:
    """The issue's test: init, add (options, then answers on stdin), status."""
    root = tmp_path / "ledger"
    result = run("init", str(root), "--entity", "新桥镇", "--year", "2025", "--owner", "经发办")
    assert result.exit_code == 0, result.output
    status = run("status", "--ledger", str(root))
    assert status.exit_code == 0, status.output
    assert "新桥镇" in status.stdout and "示例" in status.stdout

    result = run(
        "add", "--ledger", str(root), "--name", "新增规上企业", "--kind", "amount",
        "--unit", "家", "--target", "3", "--owner", "经发办", "--id", "new-enterprises",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "new-enterprises" in result.stderr

    answers = "\n".join(
        [
            "问题厕所整改",  # name
            "1",  # kind: amount
            "户",  # unit
            "",  # direction: up
            "636",  # target
            "1",  # owner: the first of the list
            "（三）改善民生",  # section
            "toilet-rectification",  # id
            "剩262户整改中",  # note
        ]
    )
    result = run("add", "--ledger", str(root), input=answers + "\n")
    assert result.exit_code == 0, result.output

    status = run("status", "--ledger", str(root), "--format", "json")
    assert status.exit_code == 0, status.output
    items = {i["id"]: i for i in json.loads(status.stdout)["items"]}
    assert set(items) == {EXAMPLE_ID, "new-enterprises", "toilet-rectification"}
    assert items["new-enterprises"]["target"] == 3
    assert items["new-enterprises"]["owner"] == "经发办"
    toilets = items["toilet-rectification"]
    assert (toilets["name"], toilets["unit"], toilets["target"]) == ("问题厕所整改", "户", 636)
    assert toilets["owner"] == "经发办" and toilets["section"] == "（三）改善民生"
    assert toilets["note"] == "剩262户整改中"
    # the new item can be updated at once, like any other
    update = run(
        "update", "toilet-rectification", "374", "--month", "2025-02", "--ledger", str(root)
    )
    assert update.exit_code == 0, update.output


# --------------------------------------------------------------------------- init


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("owners", [(), ("党政办", "经发办")])
def test_init_templates_load_and_explain(
    tmp_path: Path, lang: str, owners: tuple[str, ...]
) -> None:
    root = tmp_path / "t"
    files = ledger_files("新桥镇", 2025, lang, owners, "定远县")
    create_ledger(root, files)
    ledger = load_ledger(root)
    assert ledger.settings.entity == "新桥镇"
    assert ledger.settings.language == lang and ledger.settings.parent == "定远县"
    assert ledger.settings.owners == owners
    assert [i.id for i in ledger.items] == [EXAMPLE_ID]
    assert ledger.items[0].owner == (owners[0] if owners else "")
    assert not ledger.problems
    example = (root / "2025" / "targets.toml").read_text(encoding="utf-8")
    for key in ("name", "kind", "unit", "target", "direction", "actual", "note", "source"):
        assert re.search(rf"^#? ?{key} = .*# \S", example, re.M), key
    if lang == "zh":
        assert "不要写 0" in example and "责任单位" in example
    else:
        assert "never write 0" in example and "responsible office" in example


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_commented_examples_are_valid_when_uncommented(tmp_path: Path, lang: str) -> None:
    root = tmp_path / "t"
    create_ledger(root, ledger_files("新桥镇", 2025, lang))
    path = root / "2025" / "targets.toml"
    text = path.read_text(encoding="utf-8")
    tail = text[text.index("# [gdp-growth]") :]  # the other kinds, all commented out
    assert tail.count("# [") == 3
    path.write_text(
        text + "\n" + "\n".join(line[2:] for line in tail.splitlines() if line.startswith("# ")),
        encoding="utf-8",
    )
    kinds = {i.id: i.kind for i in load_ledger(root).items}
    assert kinds["gdp-growth"] is Kind.GROWTH and kinds["service-center"] is Kind.MILESTONE


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_writes_a_commented_summary_block_that_works_uncommented(
    tmp_path: Path, lang: str
) -> None:
    root = tmp_path / "t"
    create_ledger(root, ledger_files("新桥镇", 2025, lang))
    path = root / "plancheck.toml"
    text = path.read_text(encoding="utf-8")
    assert load_ledger(root).settings.summary.issuer == ""  # commented out: not in force
    block = text[text.index("# [summary]") :].splitlines()
    keys = [line.split("=")[0][2:].strip() for line in block[1:] if " = " in line]
    assert keys == ["recipients", "issuer", "key_indicators", "sections"]
    path.write_text(
        text.replace("# [summary]", "[summary]")
        .replace("\n# recipients", "\nrecipients")
        .replace("\n# issuer", "\nissuer")
        .replace("\n# key_indicators", "\nkey_indicators")
        .replace("\n# sections", "\nsections"),
        encoding="utf-8",
    )
    ledger = load_ledger(root)
    assert not ledger.problems
    assert ledger.settings.summary.issuer == "新桥镇党政办公室"
    assert ledger.settings.summary.recipients == "各村（社区）、镇直各单位"


def test_init_refuses_an_existing_ledger_and_changes_nothing(new_ledger: Path) -> None:
    before = digests(new_ledger)
    result = run("init", str(new_ledger), "--entity", "别的镇", "--year", "2026")
    assert result.exit_code == 2
    assert "已是台账" in result.stderr
    assert digests(new_ledger) == before


def test_init_into_an_existing_folder_keeps_its_files(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("mine", encoding="utf-8")
    (root / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    result = run("init", str(root), "--entity", "新桥镇", "--year", "2025", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (root / "README.md").read_text(encoding="utf-8") == "mine"
    assert (root / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n"
    assert load_ledger(root).settings.language == "en"
    assert "created the ledger" in result.stderr


def test_init_refuses_when_the_year_file_exists(tmp_path: Path) -> None:
    root = tmp_path / "t"
    (root / "2025").mkdir(parents=True)
    (root / "2025" / "targets.toml").write_text("# mine\n", encoding="utf-8")
    result = run("init", str(root), "--entity", "新桥镇", "--year", "2025")
    assert result.exit_code == 2
    assert not (root / "plancheck.toml").exists()
    assert (root / "2025" / "targets.toml").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(
    "args", [["--entity", " "], ["--entity", "新桥镇", "--year", "25"], ["--year", "2025"]]
)
def test_init_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = run("init", str(tmp_path / "t"), *args)
    assert result.exit_code == 2
    assert not (tmp_path / "t").exists()


def test_init_defaults_to_the_ledger_variable_and_this_year(tmp_path: Path) -> None:
    root = tmp_path / "default"
    result = CliRunner().invoke(
        app, ["init", "--entity", "新桥镇"], env={**TODAY, "PLANCHECK_LEDGER": str(root)}
    )
    assert result.exit_code == 0, result.output
    assert (root / "2025" / "targets.toml").exists()
    assert "plancheck add " in result.stderr and "--ledger" not in result.stderr


# --------------------------------------------------------------------------- add


def test_add_validates_each_answer_and_asks_again(new_ledger: Path) -> None:
    answers = [
        "",  # empty name: asked again
        "粮食播种面积",
        "9",  # no such kind
        "数量",
        "公担",  # unknown unit (did you mean 公顷?)
        "万亩",
        "down",
        "five",  # not a number
        "5000亩",  # converted to 万亩
        "财政所",  # not in the owners' list
        "3",
        "",
        "Bad Id",  # not a valid id
        "",  # accept the suggested id
        "",
    ]
    result = run("add", "--ledger", str(new_ledger), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "未知单位 公担，是否应为 公顷？" in result.stderr
    assert "财政所 不在设置的列表中" in result.stderr
    assert "编号 Bad Id 无效" in result.stderr
    item = next(i for i in load_ledger(new_ledger).items if i.name == "粮食播种面积")
    assert (item.unit, item.target, item.direction) == ("万亩", Decimal("0.5"), Direction.DOWN)
    assert item.owner == "农业农村办"
    assert item.id == ids.base_id("粮食播种面积")


def test_add_milestone_and_growth_by_answers(new_ledger: Path) -> None:
    milestone = "\n".join(["建成村级综合服务中心", "4", "2025-10", "2", "", "", ""]) + "\n"
    result = run("add", "--ledger", str(new_ledger), input=milestone)
    assert result.exit_code == 0, result.output
    growth = "\n".join(["地区生产总值增长", "growth", "亿元", "6.5", "", "", "gdp", ""]) + "\n"
    result = run("add", "--ledger", str(new_ledger), input=growth)
    assert result.exit_code == 0, result.output
    items = {i.name: i for i in load_ledger(new_ledger).items}
    center = items["建成村级综合服务中心"]
    assert center.kind is Kind.MILESTONE and center.due == dt.date(2025, 10, 31)
    assert center.owner == "经发办" and center.unit == ""
    gdp = items["地区生产总值增长"]
    assert gdp.id == "gdp" and gdp.target_growth_pct == Decimal("6.5") and gdp.unit == "亿元"


def test_add_without_input_refuses_and_writes_nothing(new_ledger: Path) -> None:
    before = digests(new_ledger)
    result = run("add", "--ledger", str(new_ledger), "--name", "某任务", input="")
    assert result.exit_code == 2
    assert "输入中断" in result.stderr
    assert digests(new_ledger) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--kind", "amonut"], "kind"),
        (["--unit", "公担"], "公担"),
        (["--target", "-3"], "-3"),
        (["--target", "3亩"], "亩"),
        (["--owner", "财政所"], "财政所"),
        (["--id", "example-target"], "example-target"),
        (["--id", "坏编号"], "坏编号"),
        (["--file", "../evil.toml"], "evil"),
        (["--kind", "indicator"], "indicator"),
        (["--kind", "milestone"], "--target"),
        (["--due", "2025-10"], "--due"),
    ],
)
def test_add_refuses_bad_options_and_writes_nothing(
    new_ledger: Path, args: list[str], needle: str
) -> None:
    before = digests(new_ledger)
    base = {"--name": "新增规上企业", "--kind": "amount", "--unit": "家", "--target": "3"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value
    flat = [x for kv in base.items() for x in kv]
    result = run("add", "--ledger", str(new_ledger), *flat)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr
    assert digests(new_ledger) == before


def test_add_to_a_rate_checks_the_range(new_ledger: Path) -> None:
    result = run(
        "add", "--ledger", str(new_ledger), "--name", "参保率", "--kind", "rate", "--unit", "%",
        "--target", "101",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "不能超过 100%" in result.stderr


def test_add_creates_the_year_file_and_lends_last_years_id(new_ledger: Path) -> None:
    result = run(
        "add", "--ledger", str(new_ledger), "--name", "示例：问题厕所整改（可删除）",
        "--kind", "amount", "--unit", "户", "--year", "2026", "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = new_ledger / "2026" / "targets.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 新桥镇: targets for 2026\n")
    assert f"[{EXAMPLE_ID}]" in text  # the same indicator keeps its id across years
    assert "added example-target" in result.stderr


def test_add_to_a_named_file_of_the_bundled_ledger(tmp_path: Path) -> None:
    import shutil

    from .conftest import REPO

    root = tmp_path / "targets"
    shutil.copytree(REPO / "targets", root)
    path = root / "2024" / "02-investment.toml"
    before = path.read_bytes()
    result = run(
        "add", "--ledger", str(root), "--year", "2024", "--file", "02-investment.toml",
        "--name", "新引进亿元以上项目", "--kind", "amount", "--unit", "个", "--target", "2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(before)
    item = next(i for i in load_ledger(root).items if i.name == "新引进亿元以上项目")
    # the file's defaults apply to the new item
    assert item.section == "（二）招商引资推动经济发展" and item.owner == "招商办"


# --------------------------------------------------------------------------- append


def _item(item_id: str = "new-one", **table: object) -> append.NewItem:
    fields: dict[str, object] = {"name": "新条目", "kind": "amount", "unit": "户", "target": 5}
    fields.update(table)
    return append.NewItem(item_id, fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "original",
    [
        b'section = "S"\n\n[a]\nname = "A"\nkind = "amount"\nunit = "\xe6\x88\xb7"\n',
        b'[a]\r\nname = "A"\r\nkind = "amount"\r\nunit = "\xe6\x88\xb7"\r\n',
        b'\xef\xbb\xbf[a]\nname = "A"\nkind = "amount"\nunit = "\xe6\x88\xb7"  # no newline',
        b"# only a comment\n",
        b"",
    ],
    ids=["lf", "crlf", "bom-no-final-newline", "comment", "empty"],
)
def test_append_keeps_the_old_text_as_a_prefix(make_ledger, original: bytes) -> None:
    root = make_ledger({})
    path = root / "2025" / "targets.toml"
    path.parent.mkdir()
    path.write_bytes(original)
    append.append_items(root, 2025, [_item(note='引号"和\\反斜杠\n换行'), _item("two")])
    data = path.read_bytes()
    separator = b"" if not original or original.endswith(b"\n") else b"\n"
    if b"\r\n" in original:
        separator = separator.replace(b"\n", b"\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.startswith(original + separator)
    parsed = tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"))
    assert parsed["new-one"]["note"] == '引号"和\\反斜杠\n换行'
    assert {i.id for i in load_ledger(root).items} >= {"new-one", "two"}


def test_append_refuses_an_id_of_another_file_of_the_year(make_ledger) -> None:
    root = make_ledger(
        {"2025/a.toml": '[taken]\nname = "A"\nkind = "amount"\nunit = "户"\n', "2025/b.toml": ""}
    )
    before = digests(root)
    with pytest.raises(PlancheckError) as info:
        append.append_items(root, 2025, [_item("taken")], file="b.toml")
    assert info.value.code == "append.id_taken"
    with pytest.raises(PlancheckError) as info:
        append.append_items(root, 2025, [_item("x"), _item("x")], file="b.toml")
    assert info.value.code == "append.id_twice"
    assert digests(root) == before


def test_append_refuses_an_invalid_item_and_a_broken_file(make_ledger) -> None:
    root = make_ledger({"2025/bad.toml": "[oops\n"})
    before = digests(root)
    with pytest.raises(PlancheckError) as info:
        append.append_items(root, 2025, [_item(unit="公担")], file="new.toml")
    assert info.value.code == "ledger.errors"  # the year's broken file is reported first
    (root / "2025" / "bad.toml").unlink()
    before = digests(root)
    with pytest.raises(PlancheckError) as info:
        append.append_items(root, 2025, [_item(unit="公担")])
    assert info.value.code == "append.invalid"
    assert info.value.problems[0].code in ("unit.unknown", "unit.unknown_suggest")
    assert digests(root) == before


def test_append_verification_catches_a_wrong_rendering(make_ledger, monkeypatch) -> None:
    root = make_ledger({"2025/targets.toml": '[a]\nname = "A"\nkind = "amount"\nunit = "户"\n'})
    before = digests(root)
    monkeypatch.setattr(append, "item_block", lambda item: f"[{item.id}]\nname = 'x'\n")
    with pytest.raises(PlancheckError) as info:
        append.append_items(root, 2025, [_item()])
    assert info.value.code == "edit.unsafe"
    assert digests(root) == before


def test_append_dry_run_writes_nothing(make_ledger) -> None:
    root = make_ledger({})
    result = append.append_items(root, 2025, [_item()], dry_run=True)
    assert "[new-one]" in result.block and result.created
    assert not (root / "2025").exists()


def test_toml_strings_escape_control_characters() -> None:
    text = append.toml_string('a"\\\t\x01\x7f中')
    assert tomllib.loads(f"x = {text}")["x"] == 'a"\\\t\x01\x7f中'


# --------------------------------------------------------------------------- fields and ids


def test_ids_are_stable_readable_and_unique() -> None:
    assert ids.base_id("问题厕所整改") == ids.base_id(" 问题厕所 整改 ")
    assert ids.base_id("问题厕所整改") != ids.base_id("问题厕所整改到位")
    assert re.fullmatch(r"item-[0-9a-f]{6}", ids.base_id("问题厕所整改"))
    assert ids.base_id("S329道路配套").startswith("s329-")
    assert ids.base_id("ＧＤＰ增长").startswith("gdp-")  # full-width letters fold
    assert ids.base_id("2024年财政收入").startswith("item-")  # a bare year says little
    assert ids.unique_id("a", {"a", "a-2"}) == "a-3"
    for name in ("问题厕所整改", "S329道路配套", "GDP增长", "x" * 100):
        assert ids.is_valid_id(ids.base_id(name))


def test_field_parsers() -> None:
    from plancheck.model import Settings

    settings = Settings("镇", units=("棚",))
    assert entry.parse_kind("3") is Kind.RATE and entry.parse_kind("节点") is Kind.MILESTONE
    assert entry.parse_unit("棚", settings) == "棚"
    assert entry.parse_target("1.2亿元", Kind.AMOUNT, "万元", settings) == Decimal("12000")
    assert entry.parse_target("６％", Kind.GROWTH, "亿元", settings) == Decimal(6)
    assert entry.parse_target("", Kind.AMOUNT, "万元", settings) is None
    assert entry.parse_due("2025-7", 2025) == "2025-07"
    assert entry.parse_due("2025-07-20", 2025) == dt.date(2025, 7, 20)
    assert entry.parse_owner("2", ("a", "b")) == "b"
    assert entry.parse_owner("", ("a", "b")) == ""
    assert entry.parse_owner("新办", ()) == "新办"
    for bad in (
        lambda: entry.parse_kind("0"),
        lambda: entry.parse_due("2025-13", 2025),
        lambda: entry.parse_target("NaN", Kind.AMOUNT, "户", settings),
        lambda: entry.parse_target("5%", Kind.AMOUNT, "户", settings),
        lambda: entry.parse_id("a b", set()),
    ):
        with pytest.raises(PlancheckError):
            bad()


def test_add_and_import_refuse_a_county_folder(tmp_path: Path) -> None:
    import shutil

    from .conftest import FIXTURES

    root = tmp_path / "county"
    shutil.copytree(FIXTURES / "county", root)
    before = digests(root)
    result = run("add", "--ledger", str(root), "--name", "x", "--kind", "amount", "--unit", "户")
    assert result.exit_code == 2
    assert "--ledger" in result.stderr and "乙镇" in result.stderr
    source = tmp_path / "t.csv"
    source.write_text("指标名称,单位,目标值\n财政收入,万元,1\n", encoding="utf-8")
    result = run("import", str(source), "--year", "2024", "--ledger", str(root))
    assert result.exit_code == 2
    assert digests(root) == before
    assert load_ledger(root).entities  # still a county


def test_add_checks_options_before_asking(new_ledger: Path) -> None:
    result = run("add", "--ledger", str(new_ledger), "--owner", "财政所", input="")
    assert result.exit_code == 2
    assert "财政所 不在设置的列表中" in result.stderr and "目标任务名称" not in result.stderr


def test_add_takes_baseline_actual_phasing_and_weight(tmp_path: Path) -> None:
    root = tmp_path / "l"
    assert (
        CliRunner()
        .invoke(app, ["init", str(root), "--entity", "新桥镇", "--year", "2025"])
        .exit_code
        == 0
    )
    base = ["add", "--ledger", str(root), "--year", "2025", "--owner", "经发办",
            "--section", "经济", "--note", ""]  # fmt: skip
    result = CliRunner().invoke(app, [
        *base, "--name", "财政收入", "--kind", "amount", "--unit", "万元", "--target", "2000",
        "--baseline", "0.18亿元", "--actual", "900", "--phasing", "year_end", "--weight", "5",
        "--id", "revenue",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    growth = CliRunner().invoke(app, [
        *base, "--name", "地区生产总值", "--kind", "growth", "--unit", "亿元", "--target", "7",
        "--actual", "-1.5%", "--id", "gdp",
    ])  # fmt: skip
    assert growth.exit_code == 0, growth.output
    items = {i.id: i for i in load_ledger(root).items}
    revenue = items["revenue"]
    assert (revenue.baseline, revenue.actual, revenue.weight) == (1800, 900, 5)
    assert revenue.phasing is not None and revenue.phasing.value == "year_end"
    assert items["gdp"].actual_growth_pct == Decimal("-1.5")
    for bad, needle in ((["--phasing", "plan"], "plan"), (["--weight", "x"], "x"),
                        (["--baseline", "3亩"], "亩")):  # fmt: skip
        before = sorted(p.read_bytes() for p in root.rglob("*.toml"))
        wrong = CliRunner().invoke(app, [
            *base, "--name", "甲", "--kind", "amount", "--unit", "万元", "--target", "1",
            "--id", "x1", *bad,
        ])  # fmt: skip
        assert wrong.exit_code == 2 and needle in wrong.stderr, wrong.output
        assert sorted(p.read_bytes() for p in root.rglob("*.toml")) == before
