"""The red list (`plancheck shortfalls`): numbered text, a Markdown table, or JSON.

The items are those of `Summary.shortfalls`, worst first.  In JSON each item has the
fields of `status --format json` plus `rank` and, for items behind, `behind_pp`
(expected progress minus completion, both as rounded in the JSON, so the three agree).
"""

from __future__ import annotations

from plancheck.escape import markdown_inline
from plancheck.render import figures, prose, sentences
from plancheck.render.grid import to_markdown
from plancheck.render.jsonout import JSON_VERSION, Json, dumps, item_json
from plancheck.render.numbers import pct, round_pct
from plancheck.render.summary_tables import shortfall_grid
from plancheck.render.summary_text import numbered
from plancheck.report.evaluate import Status
from plancheck.report.summary import Summary


def shortfalls_title(summary: Summary, lang: str) -> str:
    """张桥镇2023年未完成的目标任务（截至12月底，时间进度100.0%）"""
    report = summary.report
    when = figures.as_of_text(report.as_of, lang)
    elapsed = pct(report.elapsed_pct)
    what = prose.shortfall_heading(summary.shortfalls, lang)
    if lang == "zh":
        scope = f"（{'、'.join(summary.owners)}）" if summary.owners else ""
        return f"{report.entity}{report.year}年{what}{scope}（{when}，时间进度{elapsed}）"
    scope = f" ({', '.join(summary.owners)})" if summary.owners else ""
    return (
        f"{report.entity} {report.year}{scope}: {what[0].lower()}{what[1:]}"
        f" ({when}, {elapsed} of the year elapsed)"
    )


def _none(summary: Summary, lang: str) -> str:
    report = summary.report
    when = figures.as_of_text(report.as_of, lang)
    if lang == "zh":
        return f"{report.entity}{report.year}年：{when}，没有未完成、逾期、受阻或滞后的目标任务。"
    return f"{report.entity} {report.year}: no target is missed, overdue, blocked or behind {when}."


def _count(n: int, lang: str) -> str:
    return f"共{n}项。" if lang == "zh" else f"{n} item{'s' if n != 1 else ''}."


def render_shortfalls_text(summary: Summary, lang: str = "zh") -> str:
    if not summary.shortfalls:
        return _none(summary, lang) + "\n"
    lines = [sentences.shortfall_sentence(r, summary.report, lang) for r in summary.shortfalls]
    out = [shortfalls_title(summary, lang), *numbered(lines, lang), _count(len(lines), lang)]
    return "\n".join(out) + "\n"


def render_shortfalls_markdown(summary: Summary, lang: str = "zh") -> str:
    if not summary.shortfalls:
        return markdown_inline(_none(summary, lang)) + "\n"
    out = [
        f"# {markdown_inline(shortfalls_title(summary, lang))}",
        "",
        to_markdown(shortfall_grid(summary, lang)),
        "",
    ]
    out.append(_count(len(summary.shortfalls), lang))
    return "\n".join(out) + "\n"


def render_shortfalls_json(summary: Summary) -> str:
    report = summary.report
    items: list[Json] = []
    for rank, r in enumerate(summary.shortfalls, 1):
        behind = figures.behind_pp(r) if r.status is Status.BEHIND else None
        items.append({"rank": rank, **item_json(r), "behind_pp": behind})
    data: dict[str, Json] = {
        "version": JSON_VERSION,
        "entity": report.entity,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "elapsed_pct": round_pct(report.elapsed_pct),
        "count": len(items),
        "items": items,
    }
    return dumps(data) + "\n"
