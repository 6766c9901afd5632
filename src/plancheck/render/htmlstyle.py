"""The dashboard's words and style: its labels in Chinese and English, and its CSS.

Kept apart from `plancheck.render.html`, which builds the page, so that the look can be
changed without reading the code that lays it out (and the other way round).
"""

from __future__ import annotations

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
