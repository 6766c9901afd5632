"""A made-up township for the monthly-cycle tests: 20 targets, 5 offices (no real figures)."""

from __future__ import annotations

from pathlib import Path

SETTINGS = """\
entity = "测试镇"
language = "zh"
owners = ["财政所", "经发办", "农业农村办", "民政办", "应急办"]
"""

# (id, name, unit, target, owner); a figure is reported year-to-date.
AMOUNTS = [
    ("budget-revenue", "一般公共预算收入", "万元", "1800", "财政所"),
    ("tax-revenue", "税收收入", "万元", "1500", "财政所"),
    ("non-tax-revenue", "非税收入", "万元", "300", "财政所"),
    ("land-sales", "土地出让收入", "亿元", "1.2", "财政所"),
    ("fixed-investment", "固定资产投资", "亿元", "4.6", "经发办"),
    ("industrial-output", "规上工业产值", "亿元", "12", "经发办"),
    ("new-enterprises", "新增规上企业", "家", "3", "经发办"),
    ("investment-funds", "招商引资到位资金", "亿元", "3", "经发办"),
    ("retail-sales", "社会消费品零售总额", "万元", "52000", "经发办"),
    ("grain-area", "粮食播种面积", "万亩", "8.5", "农业农村办"),
    ("farmland", "高标准农田建设", "亩", "12000", "农业农村办"),
    ("toilets", "农村问题厕所整改", "户", "300", "农业农村办"),
    ("collective-income", "村集体经济收入", "万元", "600", "农业农村办"),
    ("elderly-care", "养老服务补贴发放", "人次", "1200", "民政办"),
    ("subsistence", "低保动态调整", "户", "40", "民政办"),
    ("disabled-aid", "残疾人两项补贴发放", "人次", "900", "民政办"),
    ("fire-drills", "消防演练", "次", "12", "应急办"),
    ("hazards", "安全隐患整改", "件", "200", "应急办"),
    ("safety-training", "安全生产培训", "人次", "1500", "应急办"),
]
MILESTONE = ("emergency-depot", "应急物资储备库建设", "应急办", "2025-09-30")
OFFICES = ["财政所", "经发办", "农业农村办", "民政办", "应急办"]


def ledger_text(office: str | None = None) -> str:
    parts = ['section = "重点工作"\n']
    for item_id, name, unit, target, owner in AMOUNTS:
        if office is not None and owner != office:
            continue
        parts.append(
            f'\n[{item_id}]\nname = "{name}"\nkind = "amount"\nunit = "{unit}"\n'
            f'target = {target}\nowner = "{owner}"\n'
        )
    item_id, name, owner, due = MILESTONE
    if office is not None and owner != office:
        return "".join(parts)
    parts.append(
        f'\n[{item_id}]\nname = "{name}"\nkind = "milestone"\nstate = "planned"\n'
        f'due = {due}\nowner = "{owner}"\n'
    )
    return "".join(parts)


def make(root: Path, split: bool = False) -> Path:
    """The ledger in one file, or (`split`) in one file per office."""
    root.mkdir(parents=True)
    (root / "plancheck.toml").write_text(SETTINGS, encoding="utf-8")
    (root / "2025").mkdir()
    head = "# 测试镇2025年目标任务（虚构数据，仅供测试）\n"
    if not split:
        (root / "2025" / "targets.toml").write_text(head + ledger_text(), encoding="utf-8")
        return root
    for number, office in enumerate(OFFICES, 1):
        path = root / "2025" / f"{number:02d}-{office}.toml"
        path.write_text(head + ledger_text(office), encoding="utf-8")
    return root
