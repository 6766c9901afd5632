"""Words of the outputs in Chinese and English."""

from __future__ import annotations

from plancheck.model import Kind
from plancheck.report.evaluate import Light, Status

STATUS: dict[str, dict[Status, str]] = {
    "zh": {
        Status.EXCEEDED: "超额完成",
        Status.MET: "完成",
        Status.ON_PACE: "达序时",
        Status.BEHIND: "滞后",
        Status.MISSED: "未完成",
        Status.NO_DATA: "无数据",
        Status.NO_TARGET: "无目标",
        Status.PLANNED: "未开始",
        Status.STARTED: "推进中",
        Status.DONE: "已完成",
        Status.BLOCKED: "受阻",
        Status.OVERDUE: "逾期",
    },
    "en": {
        Status.EXCEEDED: "exceeded",
        Status.MET: "met",
        Status.ON_PACE: "on pace",
        Status.BEHIND: "behind",
        Status.MISSED: "missed",
        Status.NO_DATA: "no data",
        Status.NO_TARGET: "no target",
        Status.PLANNED: "planned",
        Status.STARTED: "started",
        Status.DONE: "done",
        Status.BLOCKED: "blocked",
        Status.OVERDUE: "overdue",
    },
}

LIGHT: dict[str, dict[Light, str]] = {
    "zh": {Light.GREEN: "绿", Light.YELLOW: "黄", Light.RED: "红"},
    "en": {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red"},
}

KIND: dict[str, dict[Kind, str]] = {
    "zh": {
        Kind.AMOUNT: "数量",
        Kind.GROWTH: "增速",
        Kind.RATE: "比率",
        Kind.MILESTONE: "节点",
        Kind.INDICATOR: "指标",
    },
    "en": {k: k.value for k in Kind},
}

COLUMNS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号",
        "section": "板块",
        "name": "目标任务",
        "unit": "单位",
        "target": "目标",
        "actual": "完成",
        "completion": "完成率",
        "expected": "序时进度",
        "gap": "差距",
        "yoy": "同比",
        "status": "状态",
        "light": "灯",
        "owner": "责任单位",
        "note": "备注",
        "kind": "类型",
        "baseline": "上年",
        "stale": "未更新",
        "entity": "乡镇",
    },
    "en": {
        "id": "id",
        "section": "section",
        "name": "target",
        "unit": "unit",
        "target": "goal",
        "actual": "actual",
        "completion": "done",
        "expected": "expected",
        "gap": "gap",
        "yoy": "yoy",
        "status": "status",
        "light": "light",
        "owner": "owner",
        "note": "note",
        "kind": "kind",
        "baseline": "last year",
        "stale": "stale",
        "entity": "entity",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{entity} {year}年目标任务完成情况（截至{as_of}，时间进度{elapsed}）",
        "total": "共{n}项",
        "stale_mark": "未更新",
        "draft_mark": "〔草稿〕",
        "no_section": "（未分板块）",
        "no_owner": "（未定责任单位）",
        "pp": "个百分点",
    },
    "en": {
        "title": "{entity} {year} targets (as of {as_of}, {elapsed} of the year elapsed)",
        "total": "{n} items",
        "stale_mark": "stale",
        "draft_mark": "[draft] ",
        "no_section": "(no section)",
        "no_owner": "(no owner)",
        "pp": " pp",
    },
}


def lang_of(lang: str) -> str:
    return "en" if lang == "en" else "zh"
