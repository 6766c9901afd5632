"""Text for `plancheck show` (one item with its monthly chart) and `plancheck diff`."""

from __future__ import annotations

from decimal import Decimal

from rich.cells import cell_len

from plancheck.render import labels
from plancheck.render.cells import actual_cell, display_name, gap_cell, target_cell, yoy_cell
from plancheck.render.numbers import amount, pct, stated_pct
from plancheck.report import Change, ChangeKind
from plancheck.report.evaluate import HUNDRED, ItemResult, Options, Report

_FIELDS = {
    "zh": {
        "id": "编号", "year": "年度", "section": "板块", "owner": "责任单位", "kind": "类型",
        "unit": "单位", "target": "目标", "actual": "完成", "completion": "完成率",
        "expected": "序时进度", "gap": "差距", "yoy": "同比", "baseline": "上年同期",
        "status": "状态", "note": "备注", "source": "出处", "file": "文件",
        "history": "月度累计（█ 完成率，│ 序时进度）", "original": "原目标", "reason": "调整原因",
        "inferred": "（推断）", "as_of": "截至", "standing": "排名与比较",
        "real": "扣除价格因素", "due": "完成期限",
    },
    "en": {
        "id": "id", "year": "year", "section": "section", "owner": "owner", "kind": "kind",
        "unit": "unit", "target": "target", "actual": "actual", "completion": "completion",
        "expected": "expected", "gap": "gap", "yoy": "yoy", "baseline": "last year",
        "status": "status", "note": "note", "source": "source", "file": "file",
        "history": "monthly year-to-date (█ completion, │ expected progress)",
        "original": "original target", "reason": "reason", "inferred": " (inferred)",
        "as_of": "as of", "standing": "rank, comparison", "real": "after CPI", "due": "due",
    },
}  # fmt: skip

_CHART = 24


def chart(result: ItemResult) -> list[str]:
    """One line per month of history: value, completion bar and the expected-progress mark."""
    from plancheck.model import Kind
    from plancheck.report.evaluate import completion_for, expected_for

    item = result.item
    target = result.target
    lines: list[str] = []
    for month, value in item.history:
        m = int(month[5:7])
        done = None
        if target is not None and item.kind is not Kind.GROWTH:
            done = completion_for(item, target, value)
        if done is None:
            lines.append(f"  {month}  {amount(value):>10}")
            continue
        filled = int(min(max(done, Decimal(0)), HUNDRED) * _CHART / HUNDRED)
        cells = ["█"] * filled + ["·"] * (_CHART - filled)
        expected = expected_for(item, target, m)
        if expected is not None and expected < HUNDRED:
            mark = int(expected * _CHART / HUNDRED)
            if 0 <= mark < _CHART:
                cells[mark] = "│"
        lines.append(f"  {month}  {amount(value):>10}  {''.join(cells)} {pct(done):>7}")
    return lines


def real_row(result: ItemResult, f: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """扣除价格因素  下降0.8%: the growth with the CPI taken out, when it is known."""
    from plancheck.render.figures import growth

    if result.real_yoy_pct is None:
        return []
    return [(f["real"], growth(result.real_yoy_pct, lang))]


def _due_row(result: ItemResult, f: dict[str, str]) -> list[tuple[str, str]]:
    """完成期限 of an amount (a county's deadline); a milestone shows its date as its target."""
    from plancheck.model import Kind

    item = result.item
    if item.due is None or item.kind is Kind.MILESTONE:
        return []
    return [(f["due"], item.due_text or item.due.isoformat())]


def render_show(result: ItemResult, options: Options, lang: str, width: int | None) -> str:
    lang = labels.lang_of(lang)
    f = _FIELDS[lang]
    item = result.item
    rows: list[tuple[str, str]] = [
        (f["id"], item.id),
        (
            f["year"],
            f"{item.year}（{f['as_of']} {options.as_of.isoformat()}）"
            if lang == "zh"
            else f"{item.year} ({f['as_of']} {options.as_of.isoformat()})",
        ),
        (f["section"], item.section),
        (f["owner"], item.owner + (f["inferred"] if item.owner_inferred else "")),
        (f["kind"], labels.KIND[lang][item.kind]),
        (f["unit"], item.unit or "—"),
        (f["target"], target_cell(result, lang)),
    ]
    if item.original_target is not None:
        rows.append((f["original"], amount(item.original_target)))
    if item.original_target_growth_pct is not None:
        rows.append((f["original"], stated_pct(item.original_target_growth_pct, sign=True)))
    if item.target_reason:
        rows.append((f["reason"], item.target_reason))
    rows += [
        (
            f["actual"],
            actual_cell(result, lang)
            + (f"（{result.actual_month}）" if result.actual_month else ""),
        ),
        (f["completion"], pct(result.completion_pct)),
        (f["expected"], pct(result.expected_pct)),
        *_due_row(result, f),
        (f["gap"], gap_cell(result, lang)),
        (f["baseline"], amount(result.baseline)),
        (f["yoy"], yoy_cell(result, lang)),
        *real_row(result, f, lang),
        (
            f["status"],
            labels.STATUS[lang][result.status]
            + (f" · {labels.LIGHT[lang][result.light]}" if result.light else ""),
        ),
    ]
    if item.standing:
        rows.append((f["standing"], "；".join(s.text for s in item.standing)))
    if item.note:
        rows.append((f["note"], item.note))
    if item.source:
        rows.append((f["source"], item.source))
    rows.append((f["file"], str(item.location)))
    label_width = max(cell_len(k) for k, _ in rows)
    out = [display_name(item), ""]
    for key, value in rows:
        out.append(f"{key}{' ' * (label_width - cell_len(key))}  {value}")
    from plancheck.render.trail import trail, with_notes

    if item.history or (item.month_notes and not item.growth_history):
        out += ["", f["history"], *with_notes(item, chart(result))]
    out += trail(item, lang)
    return "\n".join(out) + "\n"


_CHANGE = {
    "zh": {
        ChangeKind.COMPLETED: "新完成目标",
        ChangeKind.MILESTONE_REACHED: "节点完成",
        ChangeKind.FELL_BEHIND: "转为滞后",
        ChangeKind.RECOVERED: "恢复进度",
        ChangeKind.NEW_DATA: "数据更新",
    },
    "en": {
        ChangeKind.COMPLETED: "newly met",
        ChangeKind.MILESTONE_REACHED: "milestones reached",
        ChangeKind.FELL_BEHIND: "fell behind",
        ChangeKind.RECOVERED: "recovered",
        ChangeKind.NEW_DATA: "new figures",
    },
}


def _describe(r: ItemResult, lang: str) -> str:
    parts = [labels.STATUS[lang][r.status]]
    if r.completion_pct is not None:
        parts.append(pct(r.completion_pct))
    if r.actual is not None:
        parts.append(f"{amount(r.actual)}{r.item.unit}")
    return " ".join(parts)


def render_diff(before: Report, after: Report, changes: tuple[Change, ...], lang: str) -> str:
    lang = labels.lang_of(lang)
    if lang == "zh":
        head = (
            f"{after.entity} {after.year}年：{before.as_of.isoformat()} → {after.as_of.isoformat()}"
        )
        none = "两个时点之间没有变化。"
    else:
        head = (
            f"{after.entity} {after.year}: {before.as_of.isoformat()} → {after.as_of.isoformat()}"
        )
        none = "Nothing changed between the two dates."
    out = [head]
    if not changes:
        out.append(none)
    for kind in ChangeKind:
        group = [c for c in changes if c.kind is kind]
        if not group:
            continue
        out += [
            "",
            f"{_CHANGE[lang][kind]}（{len(group)}）"
            if lang == "zh"
            else f"{_CHANGE[lang][kind]} ({len(group)})",
        ]
        for c in group:
            out.append(
                f"  {display_name(c.after.item)} [{c.after.item.id}]："
                f"{_describe(c.before, lang)} → {_describe(c.after, lang)}"
                if lang == "zh"
                else f"  {display_name(c.after.item)} [{c.after.item.id}]: "
                f"{_describe(c.before, lang)} → {_describe(c.after, lang)}"
            )
    return "\n".join(out) + "\n"


def render_diff_json(before: Report, after: Report, changes: tuple[Change, ...]) -> str:
    from plancheck.render.jsonout import Json, dumps, item_json

    data: dict[str, Json] = {
        "entity": after.entity,
        "year": after.year,
        "from": before.as_of.isoformat(),
        "to": after.as_of.isoformat(),
        "changes": [
            {
                "kind": c.kind.value,
                "id": c.after.item.id,
                "before": item_json(c.before),
                "after": item_json(c.after),
            }
            for c in changes
        ],
    }
    return dumps(data) + "\n"
