"""Text for `plancheck carryover`: one line per unmet target and what happens to it."""

from __future__ import annotations

from decimal import Decimal

from plancheck.model import Kind
from plancheck.render import labels
from plancheck.render.cells import display_name, gap_cell
from plancheck.render.numbers import amount, pct
from plancheck.report.carryover import Outcome, Proposal

_WORDS = {
    "zh": {
        "head": "{start}年未完成目标任务结转至{end}年{mode}：",
        "dry": "（试算，未写入）",
        "none": "{start}年没有未完成的目标任务。",
        Outcome.CARRY: "结转，{end}年目标 {target}",
        "milestone": "结转为{end}年节点任务（原定{due}，{status}）",
        Outcome.LINKED: "{end}年已有结转条目 {existing}，不重复",
        Outcome.SAME_ID: "{end}年已有同编号条目 {existing}（同一指标延续），未结转",
        Outcome.NO_DATA: "无完成数据，是否完成不明，未结转",
        Outcome.RECURRING: "逐年延续的指标（另有 {existing}），未结转（需要时加 --recurring）",
        "gap": "差距",
    },
    "en": {
        "head": "Carry-over of {start}'s unmet targets into {end}{mode}:",
        "dry": " (dry run, nothing written)",
        "none": "{start} has no unmet target.",
        Outcome.CARRY: "carried: {end} target {target}",
        "milestone": "carried as a {end} milestone (due {due}, {status})",
        Outcome.LINKED: "already carried in {end} as {existing}",
        Outcome.SAME_ID: "{end} already has {existing} (the indicator continues); not carried",
        Outcome.NO_DATA: "no actual reported, so not known to be unmet; not carried",
        Outcome.RECURRING: "a yearly indicator (also {existing}); not carried (--recurring to)",
        "gap": "gap",
    },
}


def render_proposals(
    proposals: list[Proposal], start: int, end: int, lang: str, dry_run: bool
) -> str:
    lang = labels.lang_of(lang)
    w = _WORDS[lang]
    if not proposals:
        return str(w["none"]).format(start=start) + "\n"
    out = [str(w["head"]).format(start=start, end=end, mode=w["dry"] if dry_run else "")]
    for p in proposals:
        r = p.origin
        target = ""
        if p.new is not None:
            table = p.new.table
            if "target" in table:
                target = f"{table['target']}{r.item.unit}"
            elif "target_growth_pct" in table:  # a growth rate, not an amount
                target = pct(Decimal(str(table["target_growth_pct"])), sign=True)
            else:
                target = labels.STATUS[lang][r.status]
        status = labels.STATUS[lang][r.status]
        what = str(w[p.outcome]).format(end=end, existing=p.existing, target=target)
        if p.new is not None and r.item.kind is Kind.MILESTONE:  # what is carried: the node
            due = r.item.due_text or (r.item.due.isoformat() if r.item.due else "—")
            what = str(w["milestone"]).format(end=end, due=due, status=status)
        # a rate's gap is in percentage points, which the cell already says: no "%" after it
        unit = "" if r.item.unit == "%" else r.item.unit
        gap = f"，{w['gap']} {gap_cell(r, lang)}{unit}" if r.gap is not None else ""
        if lang == "en":
            gap = f", {w['gap']} {gap_cell(r, lang)} {unit}".rstrip() if r.gap is not None else ""
        owner = f"（{r.item.owner}）" if r.item.owner else ""
        out.append(
            f"  {r.item.id}  {display_name(r.item)}{owner}：{status}{gap} → {what}"
            if lang == "zh"
            else f"  {r.item.id}  {display_name(r.item)}: {status}{gap} → {what}"
        )
    carried = sum(1 for p in proposals if p.outcome is Outcome.CARRY)
    out.append(f"共{carried}项结转。" if lang == "zh" else f"{carried} to carry over.")
    return "\n".join(out) + "\n"


__all__ = ["amount", "render_proposals"]
