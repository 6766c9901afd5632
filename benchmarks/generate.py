"""Generate synthetic ledgers for benchmarks: realistic Chinese names, units, kinds, history.

    python benchmarks/generate.py OUT --targets 20000 [--per-file 100] [--entities 1]
        [--year 2024] [--months 6] [--seed 1]

With --entities 1 (default) OUT is one ledger; with more, OUT holds one sub-folder per
entity (乡镇), each a ledger, and the targets are split among them.  Deterministic for a
given seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

OWNERS = ["党政办", "财政所", "经发办", "招商办", "农业农村办", "乡村振兴办", "生态环境办",
          "民政办", "社保所", "卫健办", "综治中心", "司法所", "应急办", "纪委"]  # fmt: skip
SECTIONS = ["扩投资、强支撑", "强产业、富农民", "提品质、塑形象", "办实事、暖民心",
            "优环境、固底板", "强党性、重廉洁"]  # fmt: skip
SUBJECTS = [("财政收入", "万元", 1500, 3000), ("规上工业产值", "亿元", 3, 9),
            ("固定资产投资", "亿元", 2, 8), ("招商引资到位资金", "亿元", 1, 6),
            ("新增入规企业", "家", 3, 15), ("粮食播种面积", "万亩", 5, 20),
            ("高标准农田建设", "亩", 3000, 12000), ("农村改厕", "户", 200, 900),
            ("新增就业", "人", 200, 1500), ("孕优检查", "对", 100, 300),
            ("叶酸发放", "人次", 150, 400), ("矛盾纠纷化解", "件", 30, 120),
            ("安全隐患整改", "处", 20, 100), ("道路建设", "公里", 5, 40),
            ("集体经济收入", "万元", 500, 1500), ("秸秆综合利用", "吨", 5000, 30000)]  # fmt: skip
RATES = [("城乡居民医保参保率", 95), ("养老保险参保率", 90), ("意外险参保率", 85)]
PLACES = (
    "张桥 池河 藕塘 炉桥 吴圩 西卅店 永康 桑涧 严桥 朱湾 "
    "蒋集 界牌集 拂晓 张桥东 能仁 大桥 仓镇 七里塘 三和 青山"
).split()
MILESTONES = ["开工建设", "竣工验收", "投产达效", "完成招标", "完成规划编制"]


def _item(rng: random.Random, index: int, year: int, months: int, place: str) -> str:
    # What an id measures (kind, subject, unit, owner) is the same in every entity, as when
    # a county hands the same indicators to its townships; the figures differ.
    shape = random.Random(index)
    kind_roll = shape.random()
    ident = f"t{index:06d}"
    owner = shape.choice(OWNERS)
    if kind_roll < 0.08:
        state = rng.choice(["planned", "started", "done"])
        month = rng.randint(1, 12)
        lines = [
            f"[{ident}]",
            f'name = "{place}{rng.choice(MILESTONES)}项目{index}"',
            'kind = "milestone"',
            f'owner = "{owner}"',
            f'state = "{state}"',
            f'due = "{year}-{month:02d}"',
        ]
        if state == "done":
            lines.append(f'done = "{year}-{min(month, months or 1):02d}"')
        return "\n".join(lines) + "\n"
    if kind_roll < 0.18:
        name, target = shape.choice(RATES)
        actual = round(target * rng.uniform(0.85, 1.05), 1)
        return (
            f'[{ident}]\nname = "{name}"\nkind = "rate"\nunit = "%"\n'
            f'owner = "{owner}"\ntarget = {target}\nactual = {min(actual, 100.0)}\n'
        )
    name, unit, low, high = shape.choice(SUBJECTS)
    target = rng.randint(low, high) if high > 50 else round(rng.uniform(low, high), 2)
    lines = [
        f"[{ident}]",
        f'name = "{name}"',
        f'kind = "{"indicator" if kind_roll > 0.95 else "amount"}"',
        f'unit = "{unit}"',
        f'owner = "{owner}"',
    ]
    if kind_roll <= 0.95:
        lines.append(f"target = {target}")
    if shape.random() < 0.5:
        lines.append(f"baseline = {round(target * rng.uniform(0.7, 1.0), 2)}")
    lines.append(f'source = "{place}{name}目标{target}{unit}。"')
    value = 0.0
    history = []
    for month in range(1, months + 1):
        value += target / 12 * rng.uniform(0.5, 1.4)
        history.append(f"{year}-{month:02d} = {round(value, 2)}")
    if history and rng.random() > 0.05:  # a few items are stale
        lines.append(f"actual = {history[-1].split(' = ')[1]}")
        lines += ["", f"[{ident}.history]", *history]
    return "\n".join(lines) + "\n"


def write_ledger(
    root: Path,
    entity: str,
    targets: int,
    per_file: int,
    year: int,
    months: int,
    rng: random.Random,
    start: int = 0,
) -> None:
    (root / str(year)).mkdir(parents=True, exist_ok=True)
    owners = ", ".join(f'"{o}"' for o in OWNERS)
    (root / "plancheck.toml").write_text(
        f'entity = "{entity}"\nlevel = "township"\nowners = [{owners}]\n', encoding="utf-8"
    )
    place = entity.removesuffix("镇")
    for file_index, first in enumerate(range(0, targets, per_file)):
        section = SECTIONS[file_index % len(SECTIONS)]
        body = [f'# 合成数据 {entity} {year}\nsection = "（{file_index + 1}）{section}"\n']
        for index in range(first, min(first + per_file, targets)):
            body.append(_item(rng, start + index, year, months, place))
        (root / str(year) / f"{file_index:04d}.toml").write_text("\n".join(body), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--targets", type=int, default=20_000)
    parser.add_argument("--per-file", type=int, default=100)
    parser.add_argument("--entities", type=int, default=1)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.entities == 1:
        write_ledger(args.out, "合成镇", args.targets, args.per_file, args.year, args.months, rng)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    each = args.targets // args.entities
    for n in range(args.entities):
        name = f"{PLACES[n % len(PLACES)]}{'' if n < len(PLACES) else n}镇"
        write_ledger(
            args.out / name, name, each, args.per_file, args.year, args.months, rng, start=0
        )


if __name__ == "__main__":
    main()
