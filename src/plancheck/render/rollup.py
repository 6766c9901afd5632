"""The roll-up (`status --by owner|section`): one row per owner or section.

Each row counts the group's items by light and by status, with the weighted score (分值)
when any item has a weight, and a total row.  The table and Markdown show the statuses
that occur; CSV and JSON always carry every status, so that their shape does not depend
on the data.
"""

from __future__ import annotations

import csv
import io

from rich.cells import cell_len

from plancheck.escape import visible
from plancheck.render import labels
from plancheck.render.cells import title
from plancheck.render.grid import Grid, to_markdown
from plancheck.render.jsonout import JSON_VERSION, Json, counts_json, dumps
from plancheck.render.numbers import amount, plain, round_pct, score
from plancheck.report.evaluate import (
    LIGHT_ORDER,
    STATUS_ORDER,
    Counts,
    Group,
    Light,
    Report,
    Status,
)

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "owner": "责任单位",
        "section": "板块",
        "items": "事项",
        "green": "绿灯",
        "yellow": "黄灯",
        "red": "红灯",
        "score": "得分",
        "weight": "满分",
        "total": "合计",
        "by_owner": "按责任单位汇总",
        "by_section": "按板块汇总",
        "entity": "乡镇",
        "by_entity": "按乡镇汇总",
    },
    "en": {
        "owner": "owner",
        "section": "section",
        "items": "items",
        "green": "green",
        "yellow": "yellow",
        "red": "red",
        "score": "score",
        "weight": "of",
        "total": "total",
        "by_owner": "by owner",
        "by_section": "by section",
        "entity": "entity",
        "by_entity": "by entity",
    },
}
_ANSI = {Light.GREEN: "\x1b[32m", Light.YELLOW: "\x1b[33m", Light.RED: "\x1b[1;31m"}
_RESET = "\x1b[0m"
_GAP = "  "


def groups(report: Report, by: str) -> tuple[Group, ...]:
    if by == "entity":
        return report.by_entity
    return report.by_owner if by == "owner" else report.by_section


def _with_totals(report: Report, by: str) -> Report:
    from dataclasses import replace

    return replace(report, totals=totals(report, by)) if by == "entity" else report


def totals(report: Report, by: str) -> Counts:
    """The total row: the report's totals, or for entities the sum of their own counts
    (the report's items are then the county's sums)."""
    if by != "entity":
        return report.totals
    from collections import Counter
    from decimal import Decimal

    statuses: Counter[Status] = Counter()
    lights: Counter[Light] = Counter()
    items = 0
    scores: list[Decimal] = []
    weights: list[Decimal] = []
    for g in report.by_entity:
        items += g.counts.items
        statuses.update(dict(g.counts.by_status))
        lights.update(dict(g.counts.by_light))
        if g.counts.score is not None:
            scores.append(g.counts.score)
        if g.counts.weight is not None:
            weights.append(g.counts.weight)
    return Counts(
        items=items,
        by_status=tuple((s, statuses[s]) for s in Status if statuses[s]),
        by_light=tuple((lt, lights[lt]) for lt in LIGHT_ORDER if lights[lt]),
        score=sum(scores, Decimal(0)) if weights else None,
        weight=sum(weights, Decimal(0)) if weights else None,
    )


def _name(key: str, by: str, lang: str) -> str:
    if key:
        return key
    return labels.TEXT[lang]["no_owner" if by == "owner" else "no_section"]


def _statuses(report: Report) -> list[Status]:
    return [s for s, _ in report.totals.by_status]


def _scored(report: Report) -> bool:
    return report.totals.weight is not None


def _header(report: Report, by: str, lang: str) -> list[str]:
    w = _WORDS[lang]
    head = [w[by], w["items"], w["green"], w["yellow"], w["red"]]
    head += [labels.STATUS[lang][s] for s in _statuses(report)]
    return head + ([w["score"], w["weight"]] if _scored(report) else [])


def _row(name: str, c: Counts, report: Report) -> list[str]:
    row = [name, str(c.items)] + [str(c.light(lt)) for lt in LIGHT_ORDER]
    row += [str(c.status(s)) for s in _statuses(report)]
    if _scored(report):
        row += [score(c.score), amount(c.weight, empty="—")]
    return row


def _rows(report: Report, by: str, lang: str) -> list[list[str]]:
    rows = [_row(_name(g.key, by, lang), g.counts, report) for g in groups(report, by)]
    return [*rows, _row(_WORDS[lang]["total"], report.totals, report)]


def _caption(report: Report, by: str, lang: str) -> str:
    sep = " — " if lang == "en" else "，"
    return f"{title(report, lang)}{sep}{_WORDS[lang]['by_' + by]}"


def render_rollup_table(report: Report, by: str, lang: str = "zh", color: bool = False) -> str:
    """Columns padded to their widest cell (Chinese counts double); no wrapping."""
    report = _with_totals(report, by)
    lang = labels.lang_of(lang)
    head = _header(report, by, lang)
    rows = [[visible(cell) for cell in row] for row in _rows(report, by, lang)]
    widths = [max(cell_len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str], paint: bool = False) -> str:
        out = []
        for i, (text, width) in enumerate(zip(cells, widths, strict=True)):
            space = " " * (width - cell_len(text))
            cell = text + space if i == 0 else space + text
            if paint and 2 <= i <= 4 and text != "0":
                cell = f"{_ANSI[LIGHT_ORDER[i - 2]]}{cell}{_RESET}"
            out.append(cell)
        return _GAP.join(out).rstrip()

    rule = "─" * (sum(widths) + len(_GAP) * (len(widths) - 1))
    body = [line(r, color) for r in rows[:-1]]
    return (
        "\n".join([visible(_caption(report, by, lang)), line(head), rule, *body, rule])
        + f"\n{line(rows[-1])}\n"
    )


def render_rollup_markdown(report: Report, by: str, lang: str = "zh") -> str:
    report = _with_totals(report, by)
    lang = labels.lang_of(lang)
    head = _header(report, by, lang)
    text = to_markdown(Grid.of(head, _rows(report, by, lang), set(range(1, len(head)))))
    return f"# {_caption(report, by, lang)}\n\n{text}\n"


def render_rollup_csv(report: Report, by: str, lang: str = "zh", bom: bool = False) -> str:
    """Fixed columns: group, items, green, yellow, red, every status, score, weight; no
    total row (it is the sum)."""
    report = _with_totals(report, by)
    lang = labels.lang_of(lang)
    w = _WORDS[lang]
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    head = [w[by], w["items"], w["green"], w["yellow"], w["red"]]
    head += [labels.STATUS[lang][s] for s in STATUS_ORDER] + [w["score"], w["weight"]]
    writer.writerow(head)
    for g in groups(report, by):
        c = g.counts
        row: list[object] = [g.key, c.items, *(c.light(lt) for lt in LIGHT_ORDER)]
        row += [c.status(s) for s in STATUS_ORDER]
        row += [plain(c.score) if c.score is not None else ""]
        row += [plain(c.weight) if c.weight is not None else ""]
        writer.writerow(row)
    return out.getvalue()


def render_rollup_json(report: Report, by: str) -> str:
    report = _with_totals(report, by)
    data: dict[str, Json] = {
        "version": JSON_VERSION,
        "entity": report.entity,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "elapsed_pct": round_pct(report.elapsed_pct),
        "by": by,
        "groups": [{by: g.key, **counts_json(g.counts)} for g in groups(report, by)],
        "totals": counts_json(report.totals),
    }
    return dumps(data) + "\n"
