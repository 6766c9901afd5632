"""The dashboard (`plancheck report --html`): one self-contained HTML page.

Headline counts by status and light, progress bars by section and by owner, the red list
and the full table, for the projector and for printing on A4.  The page has no script and
loads nothing: the CSS is inline and the fonts are the system's (a CJK stack first).

Every string that comes from the ledger goes through `html.escape`; every figure is the
text of the other formats (`render.cells`, `render.numbers`), so percentages equal those
of `status --format json` (one decimal, half up) and amounts are exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape

from plancheck import __version__
from plancheck.evaluate import (
    HUNDRED,
    LIGHT_ORDER,
    Counts,
    Group,
    ItemResult,
    Light,
    Report,
    Status,
)
from plancheck.model import LightThresholds, Settings
from plancheck.render import labels
from plancheck.render.cells import EMPTY, cells, title
from plancheck.render.numbers import amount, pct, plain, round_pct, score
from plancheck.summary import shortfalls

FONT_STACK = (
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)
"""System fonts that cover Chinese on macOS, Windows and Linux, then the generic family."""

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "heading": "{where}{year}年目标任务完成情况",
        "meta": "截至{as_of}　时间进度{elapsed}",
        "scope": "范围：{scope}",
        "overview": "总体进度",
        "items": "条目",
        "with_target": "有目标",
        "light": "{light}灯",
        "score": "得分",
        "legend": (
            "绿灯：达到序时进度或落后不足{yellow}个百分点；黄灯：落后{yellow}至{red}个百分点；"
            "红灯：落后超过{red}个百分点，或未完成、逾期、受阻；无目标、无数据的不亮灯。"
        ),
        "by_section": "分板块进度",
        "by_owner": "分责任单位进度",
        "by_entity": "分乡镇进度",
        "lit": "{lit}/{n}项亮灯",
        "unlit": "{n}项均无灯",
        "red_list": "未完成、逾期、受阻和滞后事项",
        "red_none": "没有未完成、逾期、受阻或滞后的目标任务。",
        "rank": "序号",
        "behind": "落后序时{pp}",
        "all_items": "全部目标任务",
        "footer": "由 plancheck {version} 生成",
    },
    "en": {
        "heading": "{where} {year} targets",
        "meta": "as of {as_of} · {elapsed} of the year elapsed",
        "scope": "scope: {scope}",
        "overview": "Overview",
        "items": "items",
        "with_target": "with a target",
        "light": "{light}",
        "score": "score",
        "legend": (
            "Green: on pace, or less than {yellow} points behind expected progress; yellow:"
            " {yellow} to {red} points behind; red: more than {red} points behind, or missed,"
            " overdue or blocked; no light without a target or data."
        ),
        "by_section": "Progress by section",
        "by_owner": "Progress by owner",
        "by_entity": "Progress by entity",
        "lit": "{lit} of {n} lit",
        "unlit": "none of {n} lit",
        "red_list": "Red list: missed, overdue, blocked, behind",
        "red_none": "No target is missed, overdue, blocked or behind.",
        "rank": "#",
        "behind": "{pp} behind",
        "all_items": "All targets",
        "footer": "made by plancheck {version}",
    },
}

TABLE_COLUMNS = (
    "name",
    "unit",
    "target",
    "actual",
    "completion",
    "expected",
    "gap",
    "yoy",
    "status",
    "light",
    "owner",
    "note",
)
"""The columns of the full table (the section heads its own group of rows); a ledger of
several entities (a county of townships) adds an entity column first."""

RED_COLUMNS = (
    "name",
    "unit",
    "target",
    "actual",
    "completion",
    "expected",
    "gap",
    "status",
    "light",
    "owner",
    "note",
)
"""The columns of the red list (after its rank)."""
_NUMERIC = {"target", "actual", "completion", "expected", "gap", "yoy"}

CSS = """
:root { --green: #1a7f37; --yellow: #c99a00; --red: #c62828; --none: #d8dee4;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 32px 40px; color: var(--ink);
  background: #fff; font-family: FONTS; font-size: 16px; line-height: 1.5; }
h1 { font-size: 30px; margin: 0; line-height: 1.3; }
h2 { font-size: 21px; margin: 30px 0 12px; padding-bottom: 4px;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 0 0 8px; }
.meta { color: var(--muted); margin: 4px 0 0; font-size: 18px; }
.num, .card b { font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-left-width: 8px; border-radius: 8px;
  padding: 8px 14px; }
.card b { display: block; font-size: 44px; line-height: 1.15; overflow-wrap: anywhere; }
.card b.long { font-size: 28px; }
.card span { color: var(--muted); }
.card.green { border-left-color: var(--green); }
.card.yellow { border-left-color: var(--yellow); }
.card.red { border-left-color: var(--red); }
.card.red b { color: var(--red); }
.chips { margin: 12px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap;
  gap: 6px 8px; }
.chips li { border: 1px solid var(--line); border-radius: 999px; padding: 1px 12px;
  background: var(--head); }
.legend { color: var(--muted); font-size: 14px; margin: 8px 0 0; }
.groups { display: grid; grid-template-columns: 1fr 1fr; gap: 0 40px; }
.group { display: grid; grid-template-columns: minmax(7em, 11em) 1fr 11em; gap: 10px;
  align-items: center; padding: 3px 0; }
.gname { overflow-wrap: anywhere; }
.gcount { font-size: 14px; color: var(--muted); }
.bar { display: flex; height: 18px; border-radius: 4px; overflow: hidden;
  background: var(--none); }
.seg.green { background: var(--green); }
.seg.yellow { background: var(--yellow); }
.seg.red { background: var(--red); }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.name { min-width: 12em; overflow-wrap: anywhere; }
td.note { overflow-wrap: anywhere; }
td.note { color: var(--muted); font-size: 13px; min-width: 10em; }
td.owner, td.status { white-space: nowrap; }
tr.sec th { background: #e6ebf0; font-size: 15px; padding-top: 6px; }
tr.red td { background: #fdf0ef; }
.lamp { display: inline-block; min-width: 1.9em; padding: 0 6px; border-radius: 999px;
  text-align: center; color: #fff; font-size: 13px; }
.lamp.green { background: var(--green); }
.lamp.yellow { background: var(--yellow); color: #000; }
.lamp.red { background: var(--red); }
.mini { display: inline-block; position: relative; width: 46px; height: 8px; margin-right: 6px;
  vertical-align: middle; background: var(--none); }
.mini > span { position: absolute; left: 0; top: 0; bottom: 0; background: var(--muted); }
.mini.green > span { background: var(--green); }
.mini.yellow > span { background: var(--yellow); }
.mini.red > span { background: var(--red); }
.mini > i { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }
.empty { color: var(--muted); }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm 10mm; }
@media screen and (max-width: 900px) { .groups { grid-template-columns: 1fr; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin: 12pt 0 6pt; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 10pt; }
  .meta { font-size: 10pt; }
  .cards { grid-template-columns: repeat(auto-fit, minmax(70pt, 1fr)); gap: 6pt; }
  .card { padding: 2pt 8pt; border-left-width: 5pt; }
  .card b { font-size: 20pt; }
  .chips li { padding: 0 6pt; }
  .legend, .gcount { font-size: 8pt; }
  .groups { grid-template-columns: 1fr; }
  .group { grid-template-columns: 12em 1fr 11em; gap: 8pt; padding: 1pt 0; }
  .bar { height: 8pt; }
  table { font-size: 7.5pt; }
  th, td { padding: 1.5pt 3pt; }
  td.name { min-width: 10em; }
  td.note { font-size: 7pt; min-width: 8em; }
  tr.sec th { font-size: 8.5pt; padding-top: 3pt; }
  .lamp { font-size: 7pt; min-width: 1.6em; padding: 0 3pt; }
  .mini { width: 22pt; height: 5pt; margin-right: 3pt; }
  .mini > i { top: -2pt; bottom: -2pt; width: 1pt; }
  thead { display: table-header-group; }
  tr, .card, .group { break-inside: avoid; page-break-inside: avoid; }
}
""".replace("FONTS", FONT_STACK)


def _e(text: object) -> str:
    """Escape for text and for double-quoted attribute values."""
    return escape(str(text), quote=True)


def _share(part: Decimal, whole: Decimal) -> str:
    """A CSS percentage for a bar, clamped to 0–100, one decimal."""
    if whole <= 0:
        return "0%"
    value = min(max(part / whole * HUNDRED, Decimal(0)), HUNDRED)
    return f"{plain(round_pct(value))}%"


def _group_name(key: str, kind: str, lang: str) -> str:
    if key or kind == "entity":
        return key
    return labels.TEXT[lang]["no_section" if kind == "section" else "no_owner"]


def _light_word(light: Light, lang: str) -> str:
    return WORDS[lang]["light"].format(light=labels.LIGHT[lang][light])


# --------------------------------------------------------------------------- parts


def _header(report: Report, lang: str, settings: Settings | None, scope: Iterable[str]) -> str:
    words = WORDS[lang]
    where = report.entity
    if settings is not None and settings.parent:
        where = (
            f"{settings.parent}{report.entity}"
            if lang == "zh"
            else f"{report.entity} ({settings.parent})"
        )
    out = [
        "<header>",
        f"<h1>{_e(words['heading'].format(where=where, year=report.year))}</h1>",
        '<p class="meta">'
        + _e(words["meta"].format(as_of=report.as_of.isoformat(), elapsed=pct(report.elapsed_pct)))
        + "</p>",
    ]
    scope = [s for s in scope if s]
    if scope:
        joined = ("、" if lang == "zh" else ", ").join(scope)
        out.append(f'<p class="meta scope">{_e(words["scope"].format(scope=joined))}</p>')
    out.append("</header>")
    return "\n".join(out)


def _overview(report: Report, lang: str, thresholds: LightThresholds) -> str:
    words = WORDS[lang]
    totals = report.totals
    with_target = totals.items - totals.status(Status.NO_TARGET)
    cards = [
        f'<div class="card" data-count="items"><b>{totals.items}</b>'
        f"<span>{_e(words['items'])}</span></div>",
        f'<div class="card" data-count="with_target"><b>{with_target}</b>'
        f"<span>{_e(words['with_target'])}</span></div>",
    ]
    for light in LIGHT_ORDER:
        cards.append(
            f'<div class="card {light.value}" data-light="{light.value}">'
            f"<b>{totals.light(light)}</b><span>{_e(_light_word(light, lang))}</span></div>"
        )
    if totals.score is not None and totals.weight is not None:
        points = f"{score(totals.score)}/{amount(totals.weight, 2)}"
        cards.append(
            f'<div class="card" data-count="score"><b class="long">{_e(points)}</b>'
            f"<span>{_e(words['score'])}</span></div>"
        )
    chips = [
        f'<li data-status="{s.value}">{_e(labels.STATUS[lang][s])} <b class="num">{n}</b></li>'
        for s, n in totals.by_status
    ]
    legend = words["legend"].format(yellow=plain(thresholds.yellow), red=plain(thresholds.red))
    return "\n".join(
        [
            '<section id="overview">',
            f"<h2>{_e(words['overview'])}</h2>",
            '<div class="cards">',
            *cards,
            "</div>",
            f'<ul class="chips">{"".join(chips)}</ul>',
            f'<p class="legend">{_e(legend)}</p>',
            "</section>",
        ]
    )


def _group_bar(group: Group, kind: str, lang: str) -> str:
    counts: Counts = group.counts
    lit = sum(n for _, n in counts.by_light)
    name = _group_name(group.key, kind, lang)
    segments = "".join(
        f'<span class="seg {light.value}" style="flex: {counts.light(light)} 1 0"></span>'
        for light in LIGHT_ORDER
        if counts.light(light)
    )
    gap = "" if lang == "zh" else " "
    shown = [f"{labels.LIGHT[lang][lt]}{gap}{n}" for lt, n in counts.by_light]
    if lit:
        words = WORDS[lang]["lit"].format(lit=lit, n=counts.items)
        text = f"{' '.join(shown)} · {words}"
    else:
        text = WORDS[lang]["unlit"].format(n=counts.items)
    data = " ".join(f'data-{light.value}="{counts.light(light)}"' for light in LIGHT_ORDER)
    return (
        f'<div class="group" data-key="{_e(group.key)}" data-items="{counts.items}" {data}>'
        f'<div class="gname">{_e(name)}</div>'
        f'<div class="bar" role="img" aria-label="{_e(text)}">{segments}</div>'
        f'<div class="gcount">{_e(text)}</div></div>'
    )


def _groups(report: Report, lang: str) -> str:
    words = WORDS[lang]
    out = ['<section id="groups" class="groups">']
    for kind, groups, heading in (
        ("section", report.by_section, words["by_section"]),
        ("owner", report.by_owner, words["by_owner"]),
        ("entity", report.by_entity, words["by_entity"]),
    ):
        if not groups and kind == "entity":
            continue
        out.append(f'<div id="by-{kind}"><h2>{_e(heading)}</h2>')
        out += [_group_bar(g, kind, lang) for g in groups]
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def _mini_bar(r: ItemResult) -> str:
    if r.completion_pct is None:
        return ""
    light = f" {r.light.value}" if r.light else ""
    mark = ""
    if r.expected_pct is not None and 0 < r.expected_pct < HUNDRED:
        mark = f'<i style="left: {_share(r.expected_pct, HUNDRED)}"></i>'
    fill = _share(r.completion_pct, HUNDRED)
    return f'<span class="mini{light}"><span style="width: {fill}"></span>{mark}</span>'


def _lamp(r: ItemResult, lang: str) -> str:
    if r.light is None:
        return f'<span class="empty">{EMPTY}</span>'
    return f'<span class="lamp {r.light.value}">{_e(labels.LIGHT[lang][r.light])}</span>'


def _cell(column: str, r: ItemResult, text: dict[str, str], lang: str) -> str:
    if column == "name":
        tip = "\n".join(t for t in (r.item.id, r.item.source) if t)
        return f'<td class="name" title="{_e(tip)}">{_e(text["name"])}</td>'
    if column == "light":
        return f'<td class="light">{_lamp(r, lang)}</td>'
    if column == "completion":
        return f'<td class="num completion">{_mini_bar(r)}{_e(text["completion"])}</td>'
    if column == "status" and r.status is Status.BEHIND and r.behind_pp is not None:
        behind = round_pct(r.expected_pct or Decimal(0)) - round_pct(r.completion_pct or Decimal(0))
        pp = f"{behind:f}{labels.TEXT[lang]['pp']}"
        extra = WORDS[lang]["behind"].format(pp=pp)
        return f'<td class="status">{_e(text["status"])}<br><small>{_e(extra)}</small></td>'
    css = f"num {column}" if column in _NUMERIC else column
    return f'<td class="{css}">{_e(text[column])}</td>'


def _head(columns: Iterable[str], lang: str, first: str = "") -> str:
    ths = [f"<th>{_e(first)}</th>"] if first else []
    for c in columns:
        css = ' class="num"' if c in _NUMERIC else ""
        ths.append(f"<th{css}>{_e(labels.COLUMNS[lang][c])}</th>")
    return f"<thead><tr>{''.join(ths)}</tr></thead>"


def _row(r: ItemResult, columns: Iterable[str], lang: str, first: str = "") -> str:
    text = cells(r, lang)
    css = ' class="red"' if r.light is Light.RED else ""
    tds = [f'<td class="num rank">{_e(first)}</td>'] if first else []
    tds += [_cell(c, r, text, lang) for c in columns]
    return (
        f'<tr{css} data-id="{_e(r.item.id)}" data-status="{r.status.value}"'
        f' data-light="{r.light.value if r.light else ""}">{"".join(tds)}</tr>'
    )


def _entity_first(report: Report, columns: tuple[str, ...]) -> tuple[str, ...]:
    if any(r.item.entity for r in report.items):
        return ("entity", *columns)
    return columns


def _red_list(report: Report, lang: str) -> str:
    words = WORDS[lang]
    red = shortfalls(report.items)
    out = ['<section id="red-list">', f"<h2>{_e(words['red_list'])}</h2>"]
    if not red:
        out.append(f'<p class="empty">{_e(words["red_none"])}</p>')
    else:
        columns = _entity_first(report, RED_COLUMNS)
        out.append("<table>")
        out.append(_head(columns, lang, words["rank"]))
        out.append("<tbody>")
        out += [_row(r, columns, lang, str(rank)) for rank, r in enumerate(red, 1)]
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def _full_table(report: Report, lang: str) -> str:
    words = WORDS[lang]
    out = ['<section id="items">', f"<h2>{_e(words['all_items'])}</h2>", "<table>"]
    columns = _entity_first(report, TABLE_COLUMNS)
    out.append(_head(columns, lang))
    section: str | None = None
    for r in report.items:
        if r.item.section != section:
            if section is not None:
                out.append("</tbody>")
            section = r.item.section
            name = _group_name(section, "section", lang)
            out.append(f'<tbody><tr class="sec"><th colspan="{len(columns)}">{_e(name)}</th></tr>')
        out.append(_row(r, columns, lang))
    if section is not None:
        out.append("</tbody>")
    out.append("</table></section>")
    return "\n".join(out)


# --------------------------------------------------------------------------- the page


def render_html(
    report: Report,
    lang: str = "zh",
    settings: Settings | None = None,
    scope: Iterable[str] = (),
) -> str:
    """The dashboard for `report` as one HTML document.

    `settings` adds the level above (定远县) to the heading and the ledger's light
    thresholds to the legend; `scope` names the filters the report was limited to."""
    lang = labels.lang_of(lang)
    thresholds = settings.lights if settings is not None else LightThresholds()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="plancheck {_e(__version__)}">',
        f"<title>{_e(title(report, lang))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(report, lang, settings, scope),
        "<main>",
        _overview(report, lang, thresholds),
        _groups(report, lang),
        _red_list(report, lang),
        _full_table(report, lang),
        "</main>",
        f"<footer>{_e(WORDS[lang]['footer'].format(version=__version__))}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
