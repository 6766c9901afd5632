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
from plancheck.escape import visible
from plancheck.model import LightThresholds, Settings
from plancheck.render import labels
from plancheck.render.cells import EMPTY, cells, title
from plancheck.render.htmlstyle import CSS, FONT_STACK, WORDS
from plancheck.render.numbers import amount, pct, plain, round_pct, score
from plancheck.report.evaluate import (
    HUNDRED,
    LIGHT_ORDER,
    Counts,
    Group,
    ItemResult,
    Light,
    Report,
    Status,
)
from plancheck.report.summary import shortfalls

__all__ = ["FONT_STACK", "RED_COLUMNS", "TABLE_COLUMNS", "render_html"]

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


def _e(text: object) -> str:
    """Escape for text and for double-quoted attribute values; control characters shown
    as visible escapes (a page printed with `-o -` may land on a terminal)."""
    return escape(visible(str(text)), quote=True)


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
