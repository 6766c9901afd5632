"""The dashboard (`plancheck report --html`): the page, the command, and a real browser.

The unit tests parse the page with the standard library and run anywhere.  The browser
tests (at the end) open it in headless Chromium (tests/browser.py): no console error, no
request but the page itself, Chinese drawn with a CJK font, the key figures in the DOM, a
screenshot.  Without Chromium they FAIL, saying how to install it; set PLANCHECK_NO_BROWSER=1
to skip them instead.  PLANCHECK_UPDATE_SCREENSHOT=1 rewrites docs/dashboard.png.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import struct
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.model import Item, Kind, Ledger, Location, MilestoneState, Settings
from plancheck.read.load import load_ledger
from plancheck.render.html import FONT_STACK, render_html
from plancheck.render.jsonout import report_json
from plancheck.render.numbers import amount, pct
from plancheck.report.evaluate import SEVERITY_RANK, Options, Report, Status, evaluate

from .browser import NO_BROWSER, Chromium, find_chromium
from .conftest import FIXTURES, REPO
from .reports import sample_report

D = Decimal
LOC = Location(Path("t.toml"), 1)
NASTY = '<script>alert("x")</script> & <b>粗</b> \'"><img src=x onerror=alert(1)>'
TODAY = {"PLANCHECK_TODAY": "2026-11-29"}


# --------------------------------------------------------------------------- a small DOM


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, tag: str = "", **attrs: str) -> list[Node]:
        """Elements with this tag (any if "") whose attributes have these values
        (attribute names with - written as _; class matches one of the classes)."""
        out = []
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            ok = True
            for key, want in attrs.items():
                name = key.rstrip("_").replace("_", "-")
                have = n.attrs.get(name)
                if name == "class":
                    ok = ok and want in (have or "").split()
                else:
                    ok = ok and have == want
            if ok:
                out.append(n)
        return out

    def one(self, tag: str = "", **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]


VOID = {"meta", "br", "link", "img", "input", "hr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def rows(doc: Node, section: str) -> dict[str, list[str]]:
    """The cells' text of every item row of a table, by item id."""
    table = doc.one("section", id=section)
    return {
        str(tr.attrs["data-id"]): [td.text for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if "data-id" in tr.attrs
    }


# --------------------------------------------------------------------------- reports


def _item(**kw: object) -> Item:
    base: dict[str, object] = {"year": 2023, "kind": Kind.AMOUNT, "location": LOC, "unit": "户"}
    base.update(kw)
    return Item(**base)  # type: ignore[arg-type]


def _report(items: tuple[Item, ...], as_of: dt.date, settings: Settings | None = None) -> Report:
    ledger = Ledger(Path("."), settings or Settings(entity="测试镇"), items)
    return evaluate(ledger, Options(year=2023, as_of=as_of))


def _milestone(ident: str, state: MilestoneState, due: dt.date) -> Item:
    return _item(id=ident, name=ident, kind=Kind.MILESTONE, unit="", state=state, due=due)


SHORTFALLS = (
    _item(id="a-met", name="完成", target=D(10), actual=D(10)),
    _item(id="b-far", name="差得远", target=D(100), actual=D(20)),  # 20 %
    _item(id="c-near", name="差一点", target=D(100), actual=D(90)),  # 90 %
    _item(id="d-lagging", name="落后多", target=D(100), actual=D(10)),  # 10 %
    _milestone("e-blocked", MilestoneState.BLOCKED, dt.date(2023, 3, 31)),
    _milestone("f-overdue-late", MilestoneState.STARTED, dt.date(2023, 5, 31)),
    _milestone("g-overdue-early", MilestoneState.PLANNED, dt.date(2023, 2, 28)),
    _item(id="h-slightly", name="略落后", target=D(100), actual=D(45)),  # 45 %
)


# --------------------------------------------------------------------------- the page


def test_every_ledger_string_is_escaped() -> None:
    item = _item(
        id="x",
        name=NASTY,
        section=NASTY,
        owner=NASTY,
        note=NASTY,
        source=NASTY,
        unit=NASTY,
        target=D(10),
        actual=D(1),
    )
    report = _report((item,), dt.date(2023, 12, 31), Settings(entity=NASTY, parent=NASTY))
    for lang in ("zh", "en"):
        page = render_html(report, lang, Settings(entity=NASTY, parent=NASTY), (NASTY,))
        assert "<script" not in page and "<img" not in page and "<b>粗" not in page
        doc = parse(page)
        tags = {n.tag for n in doc.walk()}
        assert not tags & {"script", "img", "iframe", "object", "link"}, tags
        assert all(b.text != "粗" for b in doc.find_all("b"))
        for node in doc.walk():
            assert not any(name.startswith("on") for name in node.attrs), node.attrs
        text = doc.text
        # shown as text: heading, scope, bar names, red list, table (name, unit, owner, note)
        assert text.count(NASTY) >= 9, text.count(NASTY)
        name = doc.one("section", id="items").one("td", class_="name")
        assert name.text == NASTY and name.attrs["title"] == f"x\n{NASTY}"
        assert len(doc.find_all("div", class_="group", data_key=NASTY)) == 2  # section, owner


def test_page_is_self_contained() -> None:
    page = render_html(sample_report(), "zh")
    lowered = page.lower()
    for banned in ("<script", "<link", "<img", "<iframe", "@import", "url(", "http:", "https:"):
        assert banned not in lowered, banned
    assert "//" not in page.replace("://", "")  # no protocol-relative reference either
    doc = parse(page)
    for node in doc.walk():
        assert "src" not in node.attrs and "href" not in node.attrs, node.tag


def test_fonts_print_and_language() -> None:
    zh = render_html(sample_report(), "zh")
    en = render_html(sample_report(), "en")
    assert zh.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<html lang="en">' in en
    for page in (zh, en):
        assert '<meta charset="utf-8">' in page
        assert FONT_STACK in page
        for family in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"):
            assert f'"{family}"' in FONT_STACK
        assert "@page { size: A4;" in page
        assert "break-inside: avoid" in page and "display: table-header-group" in page
        assert "print-color-adjust: exact" in page
    assert "未完成、逾期、受阻和滞后事项" in zh and "全部目标任务" in zh and "分责任单位进度" in zh
    assert "Red list" in en and "All targets" in en and "Progress by owner" in en
    assert "超额完成" in zh and "exceeded" in en


def test_headline_counts() -> None:
    report = sample_report()
    doc = parse(render_html(report, "zh"))
    data = report_json(report)
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert doc.one(data_count="items").one("b").text == str(totals["items"])
    with_target = report.totals.items - report.totals.status(Status.NO_TARGET)
    assert doc.one(data_count="with_target").one("b").text == str(with_target)
    lights = {n.attrs["data-light"]: int(n.one("b").text) for n in doc.find_all(class_="card")
              if "data-light" in n.attrs}  # fmt: skip
    assert lights == {"green": 0, "yellow": 0, "red": 0, **totals["by_light"]}  # type: ignore[dict-item]
    chips = {n.attrs["data-status"]: int(n.one("b").text) for n in doc.find_all("li")}
    assert chips == totals["by_status"]


@pytest.mark.parametrize("as_of", [dt.date(2023, 6, 30), dt.date(2023, 12, 31)])
def test_figures_equal_the_json(as_of: dt.date) -> None:
    """Every percentage is the JSON's, with a % sign; amounts are the JSON's exact values."""
    report = sample_report(as_of)
    table = rows(parse(render_html(report, "zh")), "items")
    items = report_json(report)["items"]
    assert isinstance(items, list)
    assert list(table) == [i["id"] for i in items]  # type: ignore[index]
    columns = ["name", "unit", "target", "actual", "completion", "expected", "gap", "yoy"]
    for item in items:
        assert isinstance(item, dict)
        cells = dict(zip(columns, table[str(item["id"])], strict=False))
        assert cells["name"] == item["name"]
        assert cells["completion"] == pct(item["completion_pct"])  # type: ignore[arg-type]
        assert cells["expected"] == pct(item["expected_pct"])  # type: ignore[arg-type]
        assert cells["yoy"] == pct(item["yoy_pct"], sign=True)  # type: ignore[arg-type]
        assert cells["actual"] in (amount(item["actual"]), "2023-08")  # type: ignore[arg-type]
        if item["kind"] != "rate":
            assert cells["gap"] == amount(item["gap"])  # type: ignore[arg-type]
    assert table["fiscal-revenue"][4] == "101.3%"
    assert table["invest"][3] == "0.3956"


def test_every_section_and_owner_has_a_bar() -> None:
    report = sample_report()
    doc = parse(render_html(report, "zh"))
    data = report_json(report)
    for kind in ("section", "owner"):
        groups = doc.one(id=f"by-{kind}").find_all("div", class_="group")
        expected = data[f"by_{kind}"]
        assert isinstance(expected, list)
        assert [g.attrs["data-key"] for g in groups] == [e[kind] for e in expected]  # type: ignore[index]
        for node, group in zip(groups, expected, strict=True):
            assert isinstance(group, dict)
            assert node.attrs["data-items"] == str(group["items"])
            by_light = group["by_light"]
            assert isinstance(by_light, dict)
            segments = node.one(class_="bar").find_all("span", class_="seg")
            assert [s.attrs["class"] for s in segments] == [f"seg {lt}" for lt in by_light]
            for light in ("green", "yellow", "red"):
                assert node.attrs[f"data-{light}"] == str(by_light.get(light, 0))
            for seg, (light, n) in zip(segments, by_light.items(), strict=True):
                assert seg.attrs["style"] == f"flex: {n} 1 0", light
    owner_bar = doc.one(data_key="农业农村办")
    assert owner_bar.one(class_="gcount").text == "红1 · 1/2项亮灯"


def test_red_list_worst_first_at_year_end() -> None:
    report = _report(SHORTFALLS, dt.date(2023, 12, 31))
    red = rows(parse(render_html(report, "zh")), "red-list")
    # missed (lowest completion first), overdue (earliest due first), blocked
    assert list(red) == [
        "d-lagging",
        "b-far",
        "h-slightly",
        "c-near",
        "g-overdue-early",
        "f-overdue-late",
        "e-blocked",
    ]
    assert [cells[0] for cells in red.values()] == [str(n) for n in range(1, 8)]
    assert red["b-far"][1:] == [
        "差得远", "户", "100", "20", "20.0%", "100.0%", "80", "未完成", "红", "", ""
    ]  # fmt: skip


def test_red_list_worst_first_mid_year() -> None:
    report = _report(SHORTFALLS, dt.date(2023, 6, 30))
    red = rows(parse(render_html(report, "zh")), "red-list")
    # overdue, blocked, then behind: the most points behind expected progress first, even
    # when so little behind that the light is still green
    assert list(red) == [
        "g-overdue-early",
        "f-overdue-late",
        "e-blocked",
        "d-lagging",
        "b-far",
        "h-slightly",
    ]
    assert red["h-slightly"][9] == "绿"
    ranks = [SEVERITY_RANK[r.status] for r in report.items if r.item.id in red]
    assert sorted(ranks) == sorted(SEVERITY_RANK[s] for s in [r.status for r in report.items
                                                               if r.is_shortfall])  # fmt: skip
    assert red["d-lagging"][8] == "滞后落后序时40.0个百分点"
    assert red["b-far"][9] == "黄"  # 30 points behind: yellow, still on the red list


def test_no_shortfall_and_empty_report() -> None:
    met = _report((SHORTFALLS[0],), dt.date(2023, 12, 31))
    doc = parse(render_html(met, "en"))
    assert "No target is missed" in doc.one("section", id="red-list").text
    empty = _report((), dt.date(2023, 12, 31))
    page = render_html(empty, "zh")
    doc = parse(page)
    assert doc.one(data_count="items").one("b").text == "0"
    assert rows(doc, "items") == {}


def test_score_and_thresholds_from_settings() -> None:
    item = _item(id="w", name="加权", target=D(100), actual=D(50), weight=D(10))
    settings = Settings(entity="测试镇", parent="定远县")
    report = _report((item,), dt.date(2023, 12, 31), settings)
    doc = parse(render_html(report, "zh", settings))
    assert doc.one("h1").text == "定远县测试镇2023年目标任务完成情况"
    assert doc.one(data_count="score").one("b").text == "5.00/10"
    assert "落后10至30个百分点" in doc.one(class_="legend").text


def test_county_ledger_has_entities() -> None:
    ledger = load_ledger(FIXTURES / "county")
    report = evaluate(ledger, Options(2024, dt.date(2024, 6, 30)))
    doc = parse(render_html(report, "zh", ledger.settings))
    entities = [g.attrs["data-key"] for g in doc.one(id="by-entity").find_all(class_="group")]
    assert entities == [g.key for g in report.by_entity]
    assert doc.one("section", id="items").find_all("th")[0].text == "乡镇"
    single = parse(render_html(sample_report(), "zh"))
    assert not single.find_all(id="by-entity")
    assert single.one("section", id="items").find_all("th")[0].text == "目标任务"


# --------------------------------------------------------------------------- the command

GOOD = {
    "2023/a.toml": """\
    section = "S"
    owner = "经发办"

    [fiscal-revenue]
    name = "财政收入"
    kind = "amount"
    unit = "万元"
    target = 1900
    actual = 1924

    [toilets]
    name = "问题厕所整改"
    kind = "amount"
    unit = "户"
    owner = "农业农村办"
    target = 636
    actual = 374
    """
}


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=TODAY)


def test_report_writes_the_file(make_ledger, tmp_path: Path) -> None:
    root = make_ledger(GOOD)
    out = tmp_path / "看板.html"
    result = run("report", "--ledger", str(root), "--html", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(out) in result.stderr and "已写入" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "101.3%" in page and "问题厕所整改" in page
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    en = run("report", "--ledger", str(root), "--html", str(out), "--lang", "en")
    assert en.exit_code == 0 and "dashboard written" in en.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


def test_report_to_stdout_and_filters(make_ledger) -> None:
    root = make_ledger(GOOD)
    result = run("report", "-l", str(root), "--html", "-", "--owner", "农业农村办")
    assert result.exit_code == 0, result.output
    doc = parse(result.stdout)
    assert list(rows(doc, "items")) == ["toilets"]
    assert "范围：农业农村办" in doc.one("p", class_="scope").text
    mid = run("report", "-l", str(root), "--html", "-", "--as-of", "2023-06")
    assert "截至2023-06-30" in mid.stdout and "时间进度50.0%" in mid.stdout
    none = run("report", "-l", str(root), "--html", "-", "--section", "没有这个板块")
    assert none.exit_code == 2 and none.stdout == ""


def test_report_needs_html(make_ledger) -> None:
    root = make_ledger(GOOD)
    assert run("report", "-l", str(root)).exit_code == 2


def test_nothing_written_on_errors(make_ledger, tmp_path: Path, monkeypatch) -> None:
    root = make_ledger(GOOD)
    out = tmp_path / "d.html"
    out.write_text("old", encoding="utf-8")
    bad = make_ledger({"2023/a.toml": "[a]\nname = = 1\n"}, name="bad")
    result = run("report", "-l", str(bad), "--html", str(out))
    assert result.exit_code == 3 and out.read_text(encoding="utf-8") == "old"

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr("plancheck.render.html.render_html", broken)
    failed = run("report", "-l", str(root), "--html", str(out))
    assert failed.exit_code != 0 and out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d.html", "ledger", "bad"])


def test_unwritable_target_is_a_usage_error(make_ledger, tmp_path: Path) -> None:
    root = make_ledger(GOOD)
    result = run("report", "-l", str(root), "--html", str(tmp_path / "no" / "such" / "d.html"))
    assert result.exit_code == 2
    assert "无法写入" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- a real browser

FIGURES = """(() => {
  const all = (s) => [...document.querySelectorAll(s)];
  const groups = (id) => all(`#${id} .group`).map((g) => ({
    key: g.dataset.key, items: +g.dataset.items,
    green: +g.dataset.green, yellow: +g.dataset.yellow, red: +g.dataset.red,
    text: g.querySelector('.gcount').innerText,
    bar: g.querySelector('.bar').getBoundingClientRect().width,
    segs: [...g.querySelectorAll('.seg')].map((s) => [s.classList[1],
                                                      s.getBoundingClientRect().width]),
  }));
  return {
    title: document.title,
    h1: document.querySelector('h1').innerText,
    scripts: document.scripts.length,
    items: +document.querySelector('[data-count=items] b').innerText,
    lights: Object.fromEntries(all('.card[data-light]').map(
      (c) => [c.dataset.light, +c.querySelector('b').innerText])),
    statuses: Object.fromEntries(all('.chips li').map(
      (c) => [c.dataset.status, +c.querySelector('b').innerText])),
    sections: groups('by-section'),
    owners: groups('by-owner'),
    red: all('#red-list tbody tr').map((r) => r.dataset.id),
    rows: Object.fromEntries(all('#items tbody tr[data-id]').map((r) => [r.dataset.id,
      [r.querySelector('.name').innerText, r.querySelector('.completion').innerText,
       r.querySelector('.status').innerText]])),
    text: document.body.innerText,
  };
})()"""

CJK_FONTS = ("PingFang", "YaHei", "CJK", "WenQuanYi", "Source Han")


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get(NO_BROWSER) == "1":
            pytest.skip(f"no Chromium, and {NO_BROWSER}=1")
        pytest.fail(
            "The dashboard tests need Chromium and found none (chromium, chromium-browser,"
            " google-chrome, or $PLANCHECK_CHROMIUM). Install it (Debian: apt-get install -y"
            f" chromium fonts-noto-cjk), or set {NO_BROWSER}=1 to skip these tests.",
            pytrace=False,
        )
    chromium = Chromium(executable)
    yield chromium
    chromium.close()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
def test_console_errors_are_caught(browser: Chromium, tmp_path: Path) -> None:
    """The checks below can fail: a broken page shows every kind of error."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><p>坏</p><img src="missing.png">'
        '<script>console.error("bad"); throw new Error("boom")</script>',
        encoding="utf-8",
    )
    shown = browser.open_page(page, "document.querySelector('p').innerText")
    assert shown.value == "坏"
    assert len(shown.errors) == 3, shown.errors
    assert any("boom" in e for e in shown.errors) and any("bad" in e for e in shown.errors)
    assert len(shown.requests) == 2


@pytest.mark.slow
def test_dashboard_of_the_bundled_ledger_in_a_browser(browser: Chromium, tmp_path: Path) -> None:
    ledger = str(REPO / "targets")
    out = tmp_path / "dashboard.html"
    made = run("report", "-l", ledger, "--year", "2023", "--html", str(out))
    assert made.exit_code == 0, made.output
    status = run("status", "-l", ledger, "--year", "2023", "--format", "json")
    data = json.loads(status.stdout)

    shown = browser.open_page(out, FIGURES, width=1280, height=2000, font_selector="h1")
    assert shown.errors == []
    assert shown.requests == [out.resolve().as_uri()]  # loads nothing else
    assert any(name in font for font in shown.fonts for name in CJK_FONTS), (
        f"the Chinese heading was drawn with {shown.fonts}, not a CJK font: install one"
        " (Debian: apt-get install -y fonts-noto-cjk)"
    )
    assert _png_size(shown.screenshot) == (1280, 2000)
    (tmp_path / "dashboard.png").write_bytes(shown.screenshot)
    if os.environ.get("PLANCHECK_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs" / "dashboard.png").write_bytes(shown.screenshot)

    dom = shown.value
    assert dom["scripts"] == 0
    assert dom["h1"] == f"定远县{data['entity']}2023年目标任务完成情况"
    totals = data["totals"]
    assert dom["items"] == totals["items"]
    assert dom["lights"] == {"green": 0, "yellow": 0, "red": 0, **totals["by_light"]}
    assert dom["statuses"] == totals["by_status"]
    for kind in ("section", "owner"):
        groups = dom[f"{kind}s"]
        assert [g["key"] for g in groups] == [g[kind] for g in data[f"by_{kind}"]]
        for g, want in zip(groups, data[f"by_{kind}"], strict=True):
            lights = want["by_light"]
            assert g["items"] == want["items"]
            assert [g[lt] for lt in ("green", "yellow", "red")] == [
                lights.get(lt, 0) for lt in ("green", "yellow", "red")
            ]
            lit = sum(lights.values())
            assert g["bar"] > 100  # drawn, and wide enough to read
            for light, width in g["segs"]:  # each colour's share of the bar, to a pixel
                assert abs(width - g["bar"] * lights[light] / lit) < 1.5, (g["key"], light)
    shortfalls = [i for i in data["items"] if i["status"] in ("missed", "overdue", "blocked",
                                                               "behind")]  # fmt: skip
    assert sorted(dom["red"]) == sorted(i["id"] for i in shortfalls)
    assert len(dom["red"]) == totals["by_status"].get("missed", 0) > 0
    for item in data["items"]:
        name, completion, _ = dom["rows"][item["id"]]
        assert name == item["name"]
        want = item["completion_pct"]
        stated = item.get("written", {}).get("completion_pct")  # a rate as the report states it
        expected = stated["text"] if stated else ("—" if want is None else f"{want:.1f}%")
        assert completion == expected, item["id"]
    assert "101.3%" in dom["text"] and "58.8%" in dom["text"]


@pytest.mark.slow
def test_script_names_are_text_in_a_browser(browser: Chromium, make_ledger, tmp_path: Path) -> None:
    root = make_ledger(
        {
            "2023/a.toml": """\
            section = "<script>alert('s')</script>"
            owner = "<img src=x onerror=alert('o')>"

            [x]
            name = "<script>document.title='pwned'</script>"
            kind = "amount"
            unit = "户"
            target = 10
            actual = 1
            note = "</style><script>alert(1)</script>"
            """
        },
        settings="entity = \"<script>alert('e')</script>镇\"\n",
    )
    out = tmp_path / "x.html"
    assert run("report", "-l", str(root), "--html", str(out)).exit_code == 0
    shown = browser.open_page(
        out, "({title: document.title, scripts: document.scripts.length,"
        " imgs: document.images.length, text: document.body.innerText})",
    )  # fmt: skip
    assert shown.errors == [] and shown.requests == [out.resolve().as_uri()]
    assert shown.value["scripts"] == 0 and shown.value["imgs"] == 0
    assert "pwned" not in shown.value["title"]
    text = shown.value["text"]
    for literal in (
        "<script>document.title='pwned'</script>",
        "<img src=x onerror=alert('o')>",
        "</style><script>alert(1)</script>",
        "<script>alert('e')</script>镇",
    ):
        assert literal in text, literal
