"""A new ledger: the settings file and a commented example file for the year.

`plancheck init` writes them in the ledger's language (zh or en).  The example file holds
one real item, so that `plancheck status` shows a table at once, and explains every key in
comments; the clerk rewrites or deletes it.  Nothing existing is ever overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from plancheck.errors import PlancheckError, UsageError
from plancheck.read.load import SETTINGS_FILE
from plancheck.write.append import DEFAULT_FILE, toml_string
from plancheck.write.atomic import write_atomic

EXAMPLE_ID = "example-target"

_SETTINGS = {
    "zh": """\
# plancheck 台账设置 — {entity}
# 本目录即“台账”：本文件为设置，每个年度一个文件夹（如 {year}/），其中的 .toml 文件记录目标任务。
# 完整格式说明见 plancheck 的 docs/file-format.md。

entity = {entity_q}       # 乡镇（单位）名称，报表标题中使用
level = {level_q}         # township 乡镇 / county 县 / city 市
parent = {parent_q}       # 上级，如 "定远县"
language = "zh"           # 输出语言：zh 中文 / en English（命令行 --lang 可临时改变）

# 责任单位。条目的 owner 不在此列表时给出警告；plancheck add 从此列表中选择。
# 例如：owners = ["党政办", "财政所", "经发办", "农业农村办"]
owners = {owners}

# 本台账另用的计数单位（内置：元 万元 亿元 亩 万亩 人 万人 户 家 个 件 项 % 等）。
units = []

# 红黄绿灯：落后序时进度不足 yellow 个百分点仍为绿灯，
# yellow 至 red 个百分点为黄灯，超过 red 个百分点或期末未完成为红灯。
[lights]
yellow = 10
red = 30

# 通报（plancheck summary）的设置：去掉行首的 # 即可启用。
# [summary]
# recipients = "各村（社区）、镇直各单位"   # 主送，印在标题下
# issuer = "{entity}党政办公室"     # 落款，与成文日期印在文末（日期：summary --date）
# key_indicators = []   # 主要经济指标的条目 id，按此顺序，如 ["fiscal-revenue"]；空则自动选取
# sections = []         # 各部分的顺序，如 ["总体情况", "（一）", "（二）"]；空则按一二三
""",
    "en": """\
# plancheck ledger settings — {entity}
# This folder is the ledger: this file holds its settings; each year has a folder (such as
# {year}/) whose .toml files hold the targets.  The full format: plancheck's docs/file-format.md.

entity = {entity_q}       # the township (or office) the ledger is for; shown in titles
level = {level_q}         # township / county / city
parent = {parent_q}       # the level above, e.g. "定远县"
language = "en"           # output language: zh or en (--lang overrides it)

# The responsible offices (责任单位). An item whose owner is not listed gets a warning;
# plancheck add offers this list.  For example: owners = ["党政办", "财政所", "经发办"]
owners = {owners}

# Extra counting units this ledger uses (built in: 元 万元 亿元 亩 万亩 人 万人 户 家 个 件 项 % …).
units = []

# Traffic lights: an item less than `yellow` percentage points behind expected progress is
# still green; from `yellow` to `red` points it is yellow; more than `red` points behind, or
# missed at the end of the period, it is red.
[lights]
yellow = 10
red = 30

# The progress notice (plancheck summary): remove the leading # to use these.
# [summary]
# recipients = "各村（社区）、镇直各单位"   # 主送: the addressees, under the title
# issuer = "{entity}党政办公室"     # 落款: printed with the date at the end (summary --date)
# key_indicators = []   # ids of the key economic indicators in order, e.g. ["fiscal-revenue"];
#                       # empty: chosen by the rule in the README
# sections = []         # the order of sections, e.g. ["总体情况", "（一）"]; empty: 一二三
""",
}

EXAMPLE_NAMES = ("示例：问题厕所整改（可删除）", "Example: rectify problem toilets (delete me)")
"""The example item's name as init writes it (an item still named so is untouched)."""
_EXAMPLE_SPAN = {
    "zh": ("# 下面是一个示例条目", "# 其他类型的写法"),
    "en": ("# An example item", "# Other kinds"),
}
"""Where the example item starts and ends in the example file (left out by --no-example)."""

_EXAMPLE = {
    "zh": """\
# {entity} {year}年目标任务
#
# 每个 [编号] 表是一项目标任务。编号只用小写英文字母、数字、- 和 _，同一年内不能重复；
# 同一指标在不同年度用同一个编号（计算同比时据此对应）。
# 新增条目：plancheck add（逐项提问）；从表格导入：
#   plancheck import 目标任务分解表.xlsx --year {year} --map name=指标名称,target=目标值,unit=单位
#
# 写在所有 [编号] 之前的键是本文件各条目的默认值，例如：
# section = "（一）经济发展"      # 板块
# owner = "经发办"                # 责任单位

# 下面是一个示例条目：看懂后改写或删除（plancheck status 现在就能显示它）。
[{example_id}]
name = "示例：问题厕所整改（可删除）"   # 目标任务（必填）
kind = "amount"     # 类型（必填）：amount 数量、growth 增速、rate 比率、milestone 节点、
                    #   indicator 指标（只跟踪、不设目标）
unit = "户"         # 单位（节点任务不填）：元 万元 亿元 亩 人 户 家 个 项 % 等
target = 100        # 全年目标，以上面的单位计；也可写带单位的文本，如 "1.2亿元"
{owner_line}
# direction = "down"  # 越低越好（控制在…以内、下降）时填写；默认越高越好
# baseline = 80       # 上年同期数（基数），用于计算同比
# actual = 40         # 完成值（1-N月累计）。未上报时不写这一行——不要写 0
# note = ""           # 备注，如未完成的原因
# source = ""         # 报告原文，便于核对
#
# 每月调度前更新完成值（写入 [{example_id}.history] 月度累计表，并更新 actual）：
#   plancheck update {example_id} 40 --month {year}-06

# 其他类型的写法：
#
# [gdp-growth]                  # 增速目标
# name = "地区生产总值增长"
# kind = "growth"
# unit = "亿元"
# target_growth_pct = 6         # 目标增长 6%
# baseline = 12.5               # 上年数
#
# [insurance-rate]              # 比率目标
# name = "城乡居民医保参保率"
# kind = "rate"
# unit = "%"
# target = 95
#
# [service-center]              # 节点任务
# name = "建成村级综合服务中心"
# kind = "milestone"
# state = "planned"             # planned 未开始、started 推进中、done 已完成、blocked 受阻
# due = "{year}-10"             # 完成期限：月份（指月末）或日期 {year}-10-15
""",
    "en": """\
# {entity}: targets for {year}
#
# Each [id] table is one target.  Ids use lower-case ASCII letters, digits, - and _, are
# unique within the year, and stay the same across years for the same indicator (that is
# how year-over-year growth finds last year's figure).
# Add items with `plancheck add` (it asks for each field), or from a spreadsheet:
#   plancheck import targets.xlsx --year {year} --map name=指标名称,target=目标值,unit=单位
#
# Keys written before the first [id] are defaults for every item of this file, e.g.:
# section = "Economy"           # the section of the report
# owner = "经发办"               # the responsible office (责任单位)

# An example item: rewrite or delete it (plancheck status shows it already).
[{example_id}]
name = "Example: rectify problem toilets (delete me)"   # what is measured (required)
kind = "amount"     # required: amount, growth, rate, milestone or indicator
unit = "户"         # required except for milestones: 元 万元 亿元 亩 人 户 家 个 项 % …
target = 100        # the year's target in that unit; or text with a unit, e.g. "1.2亿元"
{owner_line}
# direction = "down"  # lower is better (ceilings, reductions); the default is higher is better
# baseline = 80       # last year's figure, for year-over-year growth
# actual = 40         # the year-to-date actual.  Leave it out until reported — never write 0
# note = ""           # remarks, e.g. the reason for a shortfall
# source = ""         # the sentence of the report this item encodes
#
# Each month, record the year-to-date figure (kept in [{example_id}.history]):
#   plancheck update {example_id} 40 --month {year}-06

# Other kinds:
#
# [gdp-growth]                  # a growth target
# name = "GDP growth"
# kind = "growth"
# unit = "亿元"
# target_growth_pct = 6         # grow by 6 %
# baseline = 12.5               # last year's amount
#
# [insurance-rate]              # a rate target
# name = "Medical insurance coverage"
# kind = "rate"
# unit = "%"
# target = 95
#
# [service-center]              # a milestone
# name = "Village service centre built"
# kind = "milestone"
# state = "planned"             # planned, started, done or blocked
# due = "{year}-10"             # a month (its last day) or a date such as {year}-10-15
""",
}

_OWNER_LINE = {
    "zh": '# owner = "农业农村办"  # 责任单位，应为 plancheck.toml 中 owners 之一',
    "en": '# owner = "农业农村办"  # the responsible office, one of the settings\' owners',
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ledger_files(
    entity: str,
    year: int,
    lang: str = "zh",
    owners: tuple[str, ...] = (),
    parent: str = "",
    level: str = "township",
    example: bool = True,
) -> dict[str, str]:
    """The new ledger's files: relative path → text."""
    lang = "en" if lang == "en" else "zh"
    entity = _one_line(entity)
    if not entity:
        raise UsageError("init.entity")
    if not 1900 <= year <= 2200:
        raise UsageError("init.year", year=year)
    owners = tuple(_one_line(o) for o in owners if _one_line(o))
    owner_list = "[\n" + "".join(f"  {toml_string(o)},\n" for o in owners) + "]" if owners else "[]"
    settings = _SETTINGS[lang].format(
        entity=entity,
        year=year,
        entity_q=toml_string(entity),
        level_q=toml_string(_one_line(level) or "township"),
        parent_q=toml_string(_one_line(parent)),
        owners=owner_list,
    )
    if owners:
        label = "# 责任单位" if lang == "zh" else "# the responsible office"
        owner_line = f"owner = {toml_string(owners[0])}  {label}"
    else:
        owner_line = _OWNER_LINE[lang]
    text = _EXAMPLE[lang].format(
        entity=entity, year=year, example_id=EXAMPLE_ID, owner_line=owner_line
    )
    if not example:  # init --no-example: the comments, without the example item
        start, end = _EXAMPLE_SPAN[lang]
        text = text[: text.index(start)] + text[text.index(end) :]
    return {
        SETTINGS_FILE: settings,
        f"{year:04d}/{DEFAULT_FILE}": text,
        ".gitignore": ".plancheck.lock\n",
    }


def create_ledger(root: Path, files: dict[str, str]) -> list[Path]:
    """Write `files` under `root`; refuse, writing nothing, when any of them exists.

    A new folder is built beside `root` and renamed into place, so that it appears whole;
    in an existing folder (a fresh git clone, say) each file is created exclusively.
    """
    if root.exists() and not root.is_dir():
        raise UsageError("init.not_directory", path=root)
    if (root / SETTINGS_FILE).exists():
        raise UsageError("init.exists", path=root)
    for rel in files:
        if (root / rel).exists() and rel != ".gitignore":
            raise UsageError("init.file_exists", path=root / rel)
    if not root.exists():
        try:
            root.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.", suffix=".tmp"))
        except OSError as exc:
            raise UsageError("init.cannot_write", path=root, reason=exc) from None
        try:
            os.chmod(tmp, 0o755)
            _write_all(tmp, files, exclusive=False, created=[])
            os.rename(tmp, root)
        except (OSError, PlancheckError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise UsageError("init.cannot_write", path=root, reason=_reason(exc)) from None
        return [root / rel for rel in files]
    created: list[Path] = []
    try:
        _write_all(root, files, exclusive=True, created=created)
    except PlancheckError as exc:
        _undo(created, root)
        if exc.code == "write.exists":
            path = exc.problems[0].location.file
            raise UsageError("init.file_exists", path=path) from None
        raise UsageError(exc.code, exc.problems, **dict(exc.args_)) from None
    except OSError as exc:
        _undo(created, root)
        raise UsageError("init.cannot_write", path=root, reason=exc) from None
    return [p for p in created if p.is_file()]


def _reason(exc: OSError | PlancheckError) -> str:
    """What went wrong, for init.cannot_write."""
    if isinstance(exc, PlancheckError):
        return dict(exc.args_).get("reason") or exc.code
    return str(exc)


def _write_all(root: Path, files: dict[str, str], exclusive: bool, created: list[Path]) -> None:
    """Write each file with the atomic writer (`exclusive`: refusing one that exists),
    recording in `created` what was made, for `_undo`."""
    for rel, text in files.items():
        path = root / rel
        if rel == ".gitignore" and path.exists():
            continue  # an existing .gitignore is the user's; leave it be
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            created.append(path.parent)
        write_atomic(path, text, exclusive=exclusive)
        created.append(path)


def _undo(created: list[Path], root: Path) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
