"""Messages for problems, in Chinese and English.

The core reports problems as codes with named arguments; this module turns them into
sentences in the user's language.  A test checks that every code has both languages.
"""

from __future__ import annotations

from plancheck.model import Problem, Severity

CATALOG: dict[str, tuple[str, str]] = {
    # files and folders
    "ledger.errors": ("台账有错误，未输出结果", "the ledger has errors; nothing was output"),
    "ledger.duplicate_entity": ("乡镇名称 {entity} 重复", "entity {entity} appears twice"),
    "ledger.missing": ("台账目录不存在", "the ledger folder does not exist"),
    "ledger.not_directory": (
        "台账应为目录，这是一个文件",
        "the ledger must be a folder, this is a file",
    ),
    "ledger.no_settings": (
        "不是台账目录：{root} 下缺少 plancheck.toml（可用 plancheck init 创建）",
        "not a ledger: no plancheck.toml in {root} (plancheck init creates one)",
    ),
    "ledger.no_items": ("台账中没有 {year} 年的条目", "the ledger has no items for {year}"),
    "ledger.no_years": ("台账中还没有任何年度条目", "the ledger has no items yet"),
    "file.is_directory": ("应为文件，这是一个目录", "a file was expected, this is a folder"),
    "file.permission": ("没有读取权限", "permission denied"),
    "file.unreadable": ("无法读取：{reason}", "cannot be read: {reason}"),
    "file.not_utf8": (
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
        "the file is not UTF-8 (save it as UTF-8)",
    ),
    "file.unknown_top_key": (
        "文件顶层未知键 {key}（可用：section、owner、owner_inferred、leader、weaknesses；"
        "条目须写成 [id] 表）",
        "unknown top-level key {key} (allowed: section, owner, owner_inferred, leader, weaknesses;"
        " items are [id] tables)",
    ),
    "toml.syntax": ("TOML 语法错误：{detail}", "TOML syntax error: {detail}"),
    "toml.too_deep": ("嵌套层数过多，无法读取", "nested too deeply to be read"),
    # keys and types
    "key.unknown": ("未知键 {key}", "unknown key {key}"),
    "key.unknown_suggest": (
        "未知键 {key}，是否应为 {suggestion}？",
        "unknown key {key}; did you mean {suggestion}?",
    ),
    "key.missing": ("缺少必填键 {key}", "missing required key {key}"),
    "type.string": ("{key} 应为文本（加引号）", "{key} must be a string (in quotes)"),
    "type.string_list": (
        '{key} 应为文本列表，如 ["a", "b"]',
        '{key} must be a list of strings, e.g. ["a", "b"]',
    ),
    "type.boolean": ("{key} 应为 true 或 false", "{key} must be true or false"),
    "type.number": ("{key} 应为数字，实际为{got}", "{key} must be a number, got {got}"),
    "type.table": ("{key} 应为表", "{key} must be a table"),
    "type.claims": (
        "claims 应为 [[id.claims]] 表数组",
        "claims must be an array of tables ([[id.claims]])",
    ),
    # values
    "value.choice": (
        "{key} 的值 {value} 无效，可选：{choices}",
        "{key} = {value} is not valid; choose one of: {choices}",
    ),
    "value.choice_suggest": (
        "{key} 的值 {value} 无效，是否应为 {suggestion}？（可选：{choices}）",
        "{key} = {value} is not valid; did you mean {suggestion}? (choices: {choices})",
    ),
    "value.quantity": (
        '{key} 无法识别为数量：{value}（应如 3956 或 "3956万元"）',
        '{key}: {value} is not a quantity (write 3956 or "3956万元")',
    ),
    "value.negative": ("{key} 不能为负数：{value}", "{key} cannot be negative: {value}"),
    "value.rate_range": (
        "{key} 为比率，不能超过 100%：{value}",
        "{key} is a rate and cannot exceed 100 %: {value}",
    ),
    "value.percent": ("{key} 应为百分数：{value}", "{key} must be a percentage: {value}"),
    "value.date": (
        '{key} 不是有效日期：{value}（应如 2024-07-20 或 "2024-07"）',
        '{key}: {value} is not a date (write 2024-07-20 or "2024-07")',
    ),
    "value.month": (
        '{key} 不是有效月份：{value}（应如 "2024-06"）',
        '{key}: {value} is not a month (write "2024-06")',
    ),
    "value.month_year": (
        "月份 {month} 不在本年度 {year} 内",
        "month {month} is outside the item's year {year}",
    ),
    # units
    "unit.unknown": ("未知单位 {unit}", "unknown unit {unit}"),
    "unit.unknown_suggest": (
        "未知单位 {unit}，是否应为 {suggestion}？",
        "unknown unit {unit}; did you mean {suggestion}?",
    ),
    "unit.mismatch": (
        "{key} 的单位 {given} 与条目单位 {unit} 不可换算",
        "{key} is in {given}, which does not convert to the item's unit {unit}",
    ),
    # ids
    "id.invalid": (
        "编号 {id} 无效：只能用小写字母、数字、- 和 _",
        "id {id} is not valid: use lower-case ASCII letters, digits, - and _",
    ),
    "id.duplicate": (
        "编号 {id} 重复，首次出现于 {first}",
        "duplicate id {id}; first defined at {first}",
    ),
    "owner.unknown": (
        "责任单位 {owner} 不在设置的单位列表中",
        "owner {owner} is not in the settings' list of owners",
    ),
    # kinds
    "growth.use_target_growth": (
        "增速目标请用 target_growth_pct 填写（百分数）",
        "growth targets are written as target_growth_pct (a percentage)",
    ),
    "growth.only_growth": (
        '只有 kind = "growth" 的条目可填 target_growth_pct',
        'only kind = "growth" items take target_growth_pct',
    ),
    "indicator.has_target": (
        "指标（indicator）不设目标；有目标请改用 amount、rate 等",
        "an indicator has no target; use amount, rate … for a target",
    ),
    "milestone.no_numbers": (
        "节点任务（milestone）不填 {key}，请用 state 和日期",
        "a milestone has no {key}; use state and dates",
    ),
    "milestone.only_milestone": (
        '{key} 只用于节点任务（kind = "milestone"）',
        '{key} is only for milestones (kind = "milestone")',
    ),
    "milestone.order": (
        "完成日期 {done} 早于开工日期 {started}",
        "done date {done} is before the start date {started}",
    ),
    "milestone.done_state": (
        "填了完成日期 done，但状态为 {state}",
        "a done date is given but state is {state}",
    ),
    "phasing.plan_missing": (
        'phasing = "plan" 需要 [id.plan] 月度计划',
        'phasing = "plan" needs an [id.plan] table',
    ),
    "claim.refs": (
        "{kind} 类推算数需在 of 中列出至少两个来源",
        "a {kind} claim needs at least two references in of",
    ),
    "settings.lights_order": (
        "红黄灯阈值无效：yellow={yellow}，red={red}（需 0 ≤ yellow ≤ red）",
        "invalid light thresholds yellow={yellow}, red={red} (need 0 ≤ yellow ≤ red)",
    ),
    # command-line values
    "cli.as_of": (
        "--as-of 应为 YYYY-MM 或 YYYY-MM-DD：{value}",
        "--as-of must be YYYY-MM or YYYY-MM-DD: {value}",
    ),
    "cli.as_of_year": ("--as-of {value} 不在 {year} 年内", "--as-of {value} is not in {year}"),
    "cli.status": (
        "未知状态 {value}，可选：{choices}",
        "unknown status {value}; choose from: {choices}",
    ),
    "cli.no_match": ("没有符合筛选条件的条目", "no items match the filters"),
    "cli.entity": (
        "台账中没有乡镇 {value}（有：{choices}）",
        "the ledger has no entity {value} (it has: {choices})",
    ),
    # --- update, set-target, show, diff ---
    "edit.lock_open": (
        "无法创建台账锁文件：{reason}",
        "cannot create the ledger's lock file: {reason}",
    ),
    "edit.locked": (
        "台账正被另一个更新占用，已等待{seconds}秒，请稍后重试",
        "another update holds the ledger; waited {seconds} s, try again",
    ),
    "edit.unknown_id": ("{year}年没有编号为 {id} 的条目", "no item {id} in {year}"),
    "edit.unknown_id_suggest": (
        "{year}年没有编号为 {id} 的条目，相近的有：{suggestions}",
        "no item {id} in {year}; closest: {suggestions}",
    ),
    "edit.bad_value": (
        '无法识别的数值：{value}（应如 3956、"3956万元"、85.1%）',
        "not a value: {value} (write 3956, 3956万元 or 85.1%)",
    ),
    "edit.decrease": (
        "{month} 的累计值 {value} 小于 {other} 的 {other_value}；"
        "如确需更正，请加 --allow-decrease 并用 --note 说明",
        "the year-to-date value {value} for {month} is below {other_value} of {other};"
        " to correct it, add --allow-decrease with a --note",
    ),
    "edit.decrease_needs_note": (
        "--allow-decrease 需要用 --note 说明原因",
        "--allow-decrease needs a --note giving the reason",
    ),
    "edit.milestone_value": (
        "节点任务不填数值，请用 --state 和 --date",
        "a milestone takes no value; use --state and --date",
    ),
    "edit.not_milestone": (
        "该条目不是节点任务，不能设置状态",
        "the item is not a milestone; it has no state",
    ),
    "edit.no_target_kind": ("{kind} 类条目不设目标", "a {kind} item has no target"),
    "edit.unsafe": (
        "内部检查：本次修改会改动无关的行，已放弃（文件未改动）：{text}",
        "internal check: the edit would change an unrelated line, so nothing was written: {text}",
    ),
    "edit.changed_underneath": (
        "文件在读取后被其他程序修改，未写入；请重新运行",
        "the file changed since it was read; nothing was written, run the command again",
    ),
    "edit.need_value_or_state": (
        "请给出数值 VALUE，或节点任务的 --state",
        "give a VALUE, or --state for a milestone",
    ),
    "edit.updated": ("已更新 {file}：{changes}", "updated {file}: {changes}"),
    "cli.diff_years": ("--from 与 --to 须在同一年度内", "--from and --to must be in the same year"),
    # --- check ---
    "check.parts_sum": (
        "分项之和与合计不符（{field}）：{parts}",
        "the parts do not add up to the total ({field}): {parts}",
    ),
    "check.parts_exceed": (
        "分项之和超过合计（{field}）：{parts}",
        "the parts exceed the total ({field}): {parts}",
    ),
    "check.claim_growth": (
        "所述增速与所据数字不符：{formula}",
        "the stated growth does not follow from {formula}",
    ),
    "check.claim_share": (
        "所述比率与分子、分母不符：{formula}",
        "the stated share does not match its numerator and denominator: {formula}",
    ),
    "check.claim_ratio": (
        "所述平均数与总数、个数不符：{formula}",
        "the stated average does not follow from {formula}",
    ),
    "check.claim_difference": (
        "所述差额（净增减、剩余）与各数不符：{formula}",
        "the stated difference (net change, remainder) does not follow from {formula}",
    ),
    "check.claim_sum": (
        "所述合计与各数之和不符：{formula}",
        "the stated total does not follow from {formula}",
    ),
    "check.share_over": (
        "比率超过100%，分子大于分母：{formula}",
        "a share above 100 %: the numerator is more than the denominator: {formula}",
    ),
    "check.claim_missing": (
        "无法核对：{ref} 没有数值",
        "cannot be checked: {ref} has no value",
    ),
    "check.claim_zero": ("无法核对：除数 {ref} 为 0", "cannot be checked: the divisor {ref} is 0"),
    "check.claim_units": (
        "所据数字的单位 {units} 无法换算为 {unit}",
        "the units {units} of the figures do not convert to {unit}",
    ),
    "check.units": (
        "{ref} 的单位 {other} 与本条单位 {unit} 不可比较",
        "{ref} is in {other}, which does not compare with this item's {unit}",
    ),
    "check.ref_unknown": (
        "引用的编号 {ref} 在 {year} 年不存在",
        "refers to {ref}, which does not exist in {year}",
    ),
    "check.ref_field": (
        "引用 {ref} 无效（应为 id、id.target 或 id.baseline）",
        "reference {ref} is not valid (write id, id.target or id.baseline)",
    ),
    "check.same_as_differs": (
        "与 {ref} 记录同一数量，数值不同",
        "records the same quantity as {ref}, with a different value",
    ),
    "check.same_as_dates": (
        "与 {ref} 记录同一数量，数值不同，但日期不同（{date} 与 {other_date}）",
        "records the same quantity as {ref} with a different value, at another date"
        " ({date} and {other_date})",
    ),
    "check.carried_format": (
        'carried_from 应写作 "YYYY/id"（往年）：{value}',
        'carried_from must be "YYYY/id" of an earlier year: {value}',
    ),
    "check.carried_missing": (
        "结转来源 {value} 不存在",
        "the origin {value} of this carried item does not exist",
    ),
    "check.carried_changed": (
        "结转来源 {value} 已变化：其剩余差距不再等于本条的 {key}",
        "the origin {value} changed: its remaining gap no longer equals this item's {key}",
    ),
    "check.figures": (
        "（所述 {stated}，计算 {computed}）",
        "(stated {stated}, computed {computed})",
    ),
    "check.summary": (
        "发现 {errors} 个错误、{warnings} 个警告",
        "{errors} error(s), {warnings} warning(s) found",
    ),
    # --- summary, shortfalls, carryover ---
    "summary.output": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "summary.written": ("已写入 {path}", "written to {path}"),
    # --- init, add, import, export ---
    # --- report --html ---
    "report.output": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "report.written": ("已写入仪表板 {path}", "dashboard written to {path}"),
}

_SEVERITY = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def message(code: str, args: dict[str, str] | tuple[tuple[str, str], ...], lang: str = "zh") -> str:
    """The sentence for a code, filled in."""
    templates = CATALOG.get(code)
    values = dict(args)
    if templates is None:
        return f"{code} {values}"
    template = templates[1 if lang == "en" else 0]
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def format_problem(problem: Problem, lang: str = "zh") -> str:
    """`file:line: key: severity: message`, one line."""
    where = str(problem.location)
    key = f" {problem.key}:" if problem.key else ""
    severity = _SEVERITY["en" if lang == "en" else "zh"][problem.severity]
    return f"{where}:{key} {severity}: {message(problem.code, problem.args, lang)}"
