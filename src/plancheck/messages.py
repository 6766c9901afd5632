"""Messages for problems, in Chinese and English.

The core reports problems as codes with named arguments; this module turns them into
sentences in the user's language.  A test checks that every code has both languages.
"""

from __future__ import annotations

from plancheck.escape import visible
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
    "file.not_regular": (
        "不是普通文件（管道、设备或套接字），未读取",
        "not a regular file (a pipe, device or socket); it was not read",
    ),
    "file.symlink_loop": (
        "符号链接形成循环，无法读取",
        "a loop of symbolic links; it cannot be read",
    ),
    "file.dangling": ("符号链接指向不存在的文件", "a symbolic link to a file that does not exist"),
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
    "type.number": ("{key} 应为数字，实际为{got}", "{key} must be a number, not {got}"),
    "type.table": ("{key} 应为表", "{key} must be a table"),
    "type.tables": (
        "{key} 应为表数组，写作 [[id.{key}]]",
        "{key} must be an array of tables, written [[id.{key}]]",
    ),
    "revision.order": (
        "调整目标（revisions）应按起始月份 from 排列，且每月至多一次",
        "target revisions must be in order of their month (from), at most one a month",
    ),
    "revision.last": (
        "最后一次调整目标为 {value}，与 target = {target} 不一致",
        "the last revision's target {value} differs from target = {target}",
    ),
    "revision.not_after": (
        "调整目标起始月份 {month} 应晚于上次调整（{last}）",
        "a revision from {month} must come after the last one (from {last})",
    ),
    "revision.no_original": (
        "有调整目标记录但缺少原目标（original_target）",
        "target revisions without the original target (original_target)",
    ),
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
    "value.month_twice": (
        "{key} 中 {month} 出现不止一次（写法不同）",
        "{key} gives {month} more than once (written different ways)",
    ),
    "value.year": (
        "{key} 应为年份（如 2020），实际为 {value}",
        "{key} must be a year (e.g. 2020), not {value}",
    ),
    "type.standing": (
        '{key} 应为表的数组，如 [[id.standing]] says = "排名全市第三"',
        '{key} must be an array of tables, e.g. [[id.standing]] says = "排名全市第三"',
    ),
    "standing.unreadable": (
        "无法识别的排名或比较：{value}（应如“排名全市第三”“高于全市平均水平1.2个百分点”）",
        "not a rank or comparison plancheck can read: {value} (write 排名全市第三 or"
        " 高于全市平均水平1.2个百分点)",
    ),
    "check.standing": (
        "所述比较与参照数不符：{formula}",
        "the stated comparison does not follow from the reference figure: {formula}",
    ),
    "figure.completion_kind": (
        "completion_pct（所述完成率）只用于 amount 条目",
        "completion_pct (a stated completion rate) is for amount items only",
    ),
    "figure.cap_up": (
        '目标 {value} 是上限（以内），与 direction = "up" 矛盾'
        '（上限请写 direction = "down" 或不写）',
        'the target {value} is a cap (以内), which contradicts direction = "up" (write "down" or'
        " leave direction out)",
    ),
    "figure.multiple_amount": (
        "{key} 不能写成倍数 {value}：翻番、增长N倍是增速，"
        "请写在 target_growth_pct 或 actual_growth_pct",
        "{key} cannot be the multiple {value}: 翻番 and 增长N倍 are growth rates; write them in"
        " target_growth_pct or actual_growth_pct",
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
    "cli.year_env": (
        "PLANCHECK_YEAR={value} 不是四位年份",
        "PLANCHECK_YEAR={value} is not a four-digit year",
    ),
    "cli.defaults_year": ("（未指定年度，按 {year} 年）", "(no year given: {year})"),
    "cli.defaults_month": (
        "（未指定年度或月份，按 {year} 年、{month}）",
        "(no year or month given: {year}, {month})",
    ),
    "cli.defaults_as_of": (
        "（未指定年度或日期，按 {year} 年、截至 {date}）",
        "(no year or date given: {year}, as of {date})",
    ),
    "cli.as_of_year": ("--as-of {value} 不在 {year} 年内", "--as-of {value} is not in {year}"),
    "cli.date": (
        "--date 应为 YYYY-MM-DD：{value}",
        "--date must be YYYY-MM-DD: {value}",
    ),
    "cli.status": (
        "未知状态 {value}，可选：{choices}",
        "unknown status {value}; choose from: {choices}",
    ),
    "cli.no_match": ("没有符合筛选条件的条目", "no items match the filters"),
    "cli.rule": (
        "未知检查规则 {value}，可选：{choices}",
        "unknown check rule {value}; choose from: {choices}",
    ),
    "cli.entity": (
        "台账中没有乡镇 {value}（有：{choices}）",
        "the ledger has no entity {value} (it has: {choices})",
    ),
    # --- update, set-target, show, diff ---
    "edit.lock_open": (
        "无法创建台账锁文件：{reason}",
        "cannot create the ledger's lock file: {reason}",
    ),
    "edit.lock_symlink": (
        "台账锁文件是符号链接，未跟随；请删除它后重试",
        "the ledger's lock file is a symbolic link and is not followed; remove it and try again",
    ),
    "edit.locked": (
        "台账正被另一个更新占用，已等待{seconds}秒，请稍后重试",
        "another update holds the ledger; waited {seconds} s, try again",
    ),
    # --- writing any file (ledger edits and outputs) ---
    "write.permission": ("无法写入：没有写入权限", "cannot be written: permission denied"),
    "write.no_space": ("无法写入：磁盘空间不足", "cannot be written: no space left on the disk"),
    "write.read_only_fs": (
        "无法写入：文件系统为只读",
        "cannot be written: a read-only file system",
    ),
    "write.no_folder": ("无法写入：所在目录不存在", "cannot be written: its folder does not exist"),
    "write.failed": ("无法写入：{reason}", "cannot be written: {reason}"),
    "write.read_only": (
        "文件为只读（权限 {mode}），未写入；如确需修改，请先改为可写",
        "the file is read-only (mode {mode}); nothing was written — make it writable first",
    ),
    "write.not_regular": (
        "不是普通文件，不能替换，未写入",
        "not a regular file; it cannot be replaced, nothing was written",
    ),
    "write.ledger_file": (
        "这是台账文件，输出不能覆盖它；请换一个文件名",
        "a file of the ledger; an output never overwrites it — choose another name",
    ),
    "write.exists": ("文件已存在，未覆盖", "the file exists already; it was not overwritten"),
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
    "edit.above_later": (
        "{month} 的累计值 {value} 大于其后 {other} 的 {other_value}；"
        "如确需更正，请加 --allow-decrease 并用 --note 说明",
        "the year-to-date value {value} for {month} is above {other_value} of the later month"
        " {other}; to correct it, add --allow-decrease with a --note",
    ),
    "edit.decrease_needs_note": (
        "--allow-decrease 需要用 --note 说明原因",
        "--allow-decrease needs a --note giving the reason",
    ),
    "edit.growth_needs_unit": (
        "增速类条目：{value} 是增速还是总量？增速请写 {value}%，总量请带单位（如 {value}{unit}）",
        "a growth item: is {value} a rate or an amount? Write {value}% for the growth rate, "
        "or give the unit for the amount ({value}{unit})",
    ),
    "edit.id_twice": (
        "{id} 在本年度还见于 {other}，无法确定是哪一个（请用 --ledger 指定乡镇台账）",
        "{id} is also defined in {other}: which one is meant is unclear (name the township's "
        "ledger with --ledger)",
    ),
    "edit.id_taken": ("{year}年已有编号为 {id} 的条目", "{year} already has an item {id}"),
    "edit.referenced": (
        "{id} 仍被 {by} 引用，未删除（可先用 plancheck rename 或修改这些条目）",
        "{id} is still named by {by}; nothing removed (rename or edit those items first)",
    ),
    "edit.not_contiguous": (
        "{id} 的各个表不相连，无法安全删除，请手工编辑",
        "the tables of {id} are not together; it cannot be removed safely, edit by hand",
    ),
    "edit.not_confirmed": ("未确认，未作改动", "not confirmed; nothing changed"),
    "edit.removed": ("已从 {file} 删除 {id}", "removed {id} from {file}"),
    "edit.renamed": (
        "已将 {id} 改名为 {new}：{files}",
        "renamed {id} to {new}: {files}",
    ),
    "edit.confirm_remove": (
        "删除 {year} 年的 {id}（{name}，{file}）？",
        "remove {id} of {year} ({name}, {file})?",
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
    "edit.undated_actual": (
        "该条目已有不带月份的完成值 {value}（视为{year}年年底数）；请先用 --month {year}-12 记录，"
        "或在条目中写明 reported 月份",
        "the item has an actual without a month ({value}, taken as {year}'s year-end figure);"
        " record it with --month {year}-12, or give its month with `reported`",
    ),
    "edit.revision_reason": (
        '{item} 已有目标，这是调整目标：请用 --reason 说明原因（如 --reason "县调整计划"），未改动',
        "{item} has a target already, so this is a revision: give its reason with --reason"
        ' (e.g. --reason "county revised the plan"); nothing was changed',
    ),
    "edit.updated": ("已更新 {file}：{changes}", "updated {file}: {changes}"),
    "cli.ambiguous_id": (
        "编号 {id} 在多个乡镇各有条目（{entities}），且不能合计；请用 --entity 指定乡镇",
        "{id} is an item of several townships ({entities}) that cannot be summed;"
        " choose one with --entity",
    ),
    "cli.diff_order": (
        "--from {start} 须早于 --to {end}",
        "--from {start} must come before --to {end}",
    ),
    "settings.cap": ("[scoring] cap 须为正数：{value}", "[scoring] cap must be positive: {value}"),
    "cli.diff_years": ("--from 与 --to 须在同一年度内", "--from and --to must be in the same year"),
    # --- check ---
    "check.parts_months": (
        "合计与分项的最新数据不在同一月份，暂不核对（{months}）",
        "the total and its parts were last reported for different months; not compared ({months})",
    ),
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
    "check.unit_slip": (
        "两数相差恰好 {factor} 倍：可能是单位写错（{units}）",
        "the figures differ by a factor of exactly {factor}: a unit slip? ({units})",
    ),
    "check.real_growth": (
        "按可比价（不变价）增速不与名义总量之比核对（价格变动）：名义 {formula}",
        "a growth at comparable prices (real) is not checked against the ratio of nominal"
        " levels (prices moved): nominal {formula}",
    ),
    "check.growth_real_nominal": (
        "所述增速低于名义总量之比，可能是按可比价（实际）增速：{formula}",
        "the stated growth is below the ratio of the nominal levels; it may be a real growth"
        " (at comparable prices): {formula}",
    ),
    "check.claim_points": (
        "所述百分点变化与所据比率不符：{formula}",
        "the stated change in percentage points does not match the rates: {formula}",
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
    "carry.order": (
        "--to 须晚于 --from（{start} → {end}）",
        "--to must follow --from ({start} → {end})",
    ),
    "carry.data_ends": (
        "警告：{year}年的数据只到 {month}，结转按此时的完成情况计算（可先补录12月数据）",
        "warning: {year}'s figures end in {month}; carry-over judges the year by them "
        "(record December first)",
    ),
    "carry.written": ("已写入 {file}：{n} 项结转", "written to {file}: {n} item(s) carried over"),
    "summary.written": ("已写入 {path}", "written to {path}"),
    "docx.needs_python_docx": (
        "生成 Word 文件需要 python-docx：pip install 'plancheck[docx]'（或改用 text、markdown）",
        "Word output needs python-docx: pip install 'plancheck[docx]' (or use text or markdown)",
    ),
    "report.no_output": (
        "请指定输出文件：--html 看板.html，或 --format docx -o 台账.docx",
        "name the file to write: --html dashboard.html, or --format docx -o table.docx",
    ),
    "docx.stdout": (
        "Word 文件不能写到标准输出，请用 -o 指定文件（如 -o 通报.docx）",
        "a Word file cannot go to stdout: name one with -o (e.g. -o notice.docx)",
    ),
    # --- init, add, import, export ---
    "import.formula": (
        "公式 {formula} 没有计算结果（文件未在 Excel 或 WPS 中保存过），此行未导入；"
        "请打开文件、保存后再导入",
        "the formula {formula} has no stored result (the file was never saved by Excel or "
        "WPS); the row was not taken: open the file, save it, and import again",
    ),
    "import.extra_cells": (
        "此行比表头多出 {count} 个有内容的单元格（是否多了逗号？），未导入",
        "the row has {count} filled cell(s) beyond the header (a comma too many?); not taken",
    ),
    "init.entity": ("请用 --entity 给出乡镇（单位）名称", "give the township's name with --entity"),
    "init.year": ("年度 {year} 无效", "{year} is not a valid year"),
    "init.not_directory": ("{path} 是文件，不能作台账目录", "{path} is a file, not a folder"),
    "init.exists": (
        "{path} 已是台账（有 plancheck.toml），未改动任何文件",
        "{path} is a ledger already (it has plancheck.toml); nothing was changed",
    ),
    "init.file_exists": (
        "{path} 已存在，未改动任何文件",
        "{path} exists already; nothing was changed",
    ),
    "init.cannot_write": ("无法创建 {path}：{reason}", "cannot create {path}: {reason}"),
    "init.created": ("已创建台账 {path}：{files}", "created the ledger {path}: {files}"),
    "init.next": (
        "下一步：编辑或删除示例条目，用 {add} 添加目标任务，用 {status} 查看",
        "next: edit or delete the example item, add targets with {add}, see them with {status}",
    ),
    "init.next_empty": (
        "下一步：用 {add} 添加目标任务（或用 plancheck import 导入），用 {status} 查看",
        "next: add targets with {add} (or bring them in with plancheck import),"
        " see them with {status}",
    ),
    "append.file_name": (
        "文件名 {file} 无效：应为年度目录中的 .toml 文件名，如 targets.toml",
        "{file} is not a valid file name: give a .toml file of the year's folder,"
        " e.g. targets.toml",
    ),
    "append.id_taken": (
        "编号 {id} 已在 {file} 中使用，未写入",
        "the id {id} is used already in {file}; nothing was written",
    ),
    "append.id_twice": ("编号 {id} 重复", "the id {id} is given twice"),
    "append.group": (
        "{path} 是由各乡镇台账组成的汇总台账，请添加到某个乡镇的台账中，如 --ledger {example}",
        "{path} is a county's folder of township ledgers; add to one of them, e.g."
        " --ledger {example}",
    ),
    "append.invalid": ("新条目有错误，未写入", "the new item has errors; nothing was written"),
    "append.header": ("{entity} {year}年目标任务", "{entity}: targets for {year}"),
    "add.name_empty": ("名称不能为空", "the name cannot be empty"),
    "add.owner_unknown": (
        "责任单位 {owner} 不在设置的列表中（可选：{owners}；"
        "可先在 plancheck.toml 的 owners 中添加）",
        "{owner} is not one of the settings' owners ({owners}); add it to owners in"
        " plancheck.toml first",
    ),
    "add.id_taken": ("编号 {id} 本年度已有", "the id {id} is taken in this year"),
    "add.aborted": (
        "输入中断，未写入任何内容（脚本中可用选项给出各项，如 --name、--kind、--unit）",
        "input ended; nothing was written (scripts can give every field as an option:"
        " --name, --kind, --unit …)",
    ),
    "add.added": ("已添加 {id} 到 {file}", "added {id} to {file}"),
    "add.next": ("每月更新完成值：{command}", "record its figures each month: {command}"),
    "add.ask_name": ("目标任务名称", "Name of the target"),
    "add.ask_kind": ("类型 {choices}", "Kind {choices}"),
    "add.ask_unit": ("单位", "Unit"),
    "add.units": ("可用单位：{units}", "units: {units}"),
    "add.ask_direction": (
        "方向（up 越高越好 / down 越低越好，如控制在…以内）",
        "Direction (up: higher is better / down: lower is better, a ceiling)",
    ),
    "add.ask_target": (
        "全年目标（{unit}，可带单位，可空）",
        "Target for the year ({unit}; may be empty)",
    ),
    "add.ask_growth": ("目标增速（%，如 6）", "Target growth in % (e.g. 6)"),
    "add.ask_due": (
        "完成期限（YYYY-MM 或 YYYY-MM-DD，可空）",
        "Due (YYYY-MM or YYYY-MM-DD; may be empty)",
    ),
    "add.owners": ("责任单位：{owners}", "owners: {owners}"),
    "add.ask_owner": ("责任单位（序号或名称，可空）", "Owner (number or name; may be empty)"),
    "add.ask_section": ("板块（可空）", "Section (may be empty)"),
    "add.ask_id": ("编号（小写字母、数字、-）", "Id (lower-case letters, digits, -)"),
    "add.ask_note": ("备注（可空）", "Note (may be empty)"),
    "table.needs_openpyxl": (
        "读写 xlsx 需要 openpyxl：pip install 'plancheck[xlsx]'（或改用 csv）",
        "xlsx needs openpyxl: pip install 'plancheck[xlsx]' (or use csv)",
    ),
    "import.no_file": ("找不到文件 {path}", "no such file: {path}"),
    "import.format": (
        "无法识别 {path} 的格式：请用 .xlsx 或 .csv（WPS/Excel 可另存为这两种格式）",
        "{path}: unknown format; use .xlsx or .csv (WPS and Excel save both)",
    ),
    "import.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "import.no_sheet": (
        "没有工作表 {sheet}（有：{sheets}）",
        "no sheet {sheet} (there are: {sheets})",
    ),
    "check.text_control": (
        "{key} 含控制字符：{text}（多为从 Word 或网页粘贴带入，请删去；导出 xlsx 时会替换）",
        "{key} holds control characters: {text} (usually pasted from Word or a web page;"
        " remove them; an xlsx export replaces them)",
    ),
    "cli.interrupted": ("已中断（Ctrl-C）", "interrupted (Ctrl-C)"),
    "import.too_large": (
        "文件解开后约 {size} MB，超过上限 {limit} MB（上限随 --max-rows 增加）",
        "the file unpacks to about {size} MB, above the limit of {limit} MB (--max-rows raises it)",
    ),
    "import.too_many_rows": (
        "超过 {limit} 行的上限，此行仍有内容（确需导入请加 --max-rows）",
        "beyond the limit of {limit} rows, this row still has content (--max-rows raises it)",
    ),
    "import.too_many_columns": (
        "此行第 {limit} 列之后仍有内容，超过列数上限（确需导入请加 --max-columns）",
        "this row has content beyond column {limit}, the limit (--max-columns raises it)",
    ),
    "import.cell_too_long": (
        "此行有单元格超过 {limit} 个字符（Excel 单元格的上限）",
        "a cell of this row holds more than {limit} characters (Excel's own limit)",
    ),
    "import.csv_quote": (
        "此行的引号没有闭合：其后各行都会并入一个单元格（请补上引号或去掉多余的引号）",
        "a quote opened on this row is never closed: every later row would fall into one cell"
        " (close the quote or remove the stray one)",
    ),
    "import.no_visible_sheet": (
        "工作簿没有可见的工作表（可用 --sheet 指定）",
        "the workbook has no visible sheet (name one with --sheet)",
    ),
    "import.hidden_sheets": (
        "读取工作表 {sheet}，跳过隐藏的工作表：{hidden}（可用 --sheet 指定）",
        "reading sheet {sheet}; hidden sheets passed over: {hidden} (--sheet names one)",
    ),
    "import.encoding": (
        "文件编码无法识别（请另存为 UTF-8 的 CSV）",
        "unknown text encoding (save the file as UTF-8 CSV)",
    ),
    "import.map_syntax": (
        "--map 中的 {pair} 应写作 字段=列名，如 name=指标名称",
        "--map: {pair} must be field=header, e.g. name=指标名称",
    ),
    "import.map_field": (
        "--map 中的字段 {field} 无效（可用：{fields}）",
        "--map: {field} is not a field (fields: {fields})",
    ),
    "import.map_field_suggest": (
        "--map 中的字段 {field} 无效，是否应为 {suggestion}？（可用：{fields}）",
        "--map: {field} is not a field; did you mean {suggestion}? (fields: {fields})",
    ),
    "import.map_twice": ("--map 中字段 {field} 出现两次", "--map gives {field} twice"),
    "import.no_name_column": (
        "没有目标任务名称列：请用 --map name=列名 指明",
        "no column for the name: give it with --map name=HEADER",
    ),
    "import.no_header": (
        "前30行中没有同时含有 {headers} 的表头行（找到的列名：{found}）",
        "no header row with {headers} in the first 30 rows (headers found: {found})",
    ),
    "import.no_header_encoding": (
        "前30行中没有同时含有 {headers} 的表头行（找到的列名：{found}）。文件不是 UTF-8，已按"
        " {encoding} 读取：若列名是乱码，多半是繁体 Big5 等其他编码，请在 WPS/Excel 中另存为"
        " UTF-8 的 CSV",
        "no header row with {headers} in the first 30 rows (headers found: {found}). The file"
        " is not UTF-8 and was read as {encoding}: if the headers look garbled, it is in"
        " another encoding (Big5 …); save it as UTF-8 CSV",
    ),
    "import.no_known_header_encoding": (
        "找不到表头行（找到的列名：{found}）。文件不是 UTF-8，已按 {encoding} 读取：若列名是"
        "乱码，多半是繁体 Big5 等其他编码，请在 WPS/Excel 中另存为 UTF-8 的 CSV；否则请用"
        " --map 指明各列",
        "no header row found (headers found: {found}). The file is not UTF-8 and was read as"
        " {encoding}: if the headers look garbled, it is in another encoding (Big5 …); save it"
        " as UTF-8 CSV; otherwise map the columns with --map",
    ),
    "import.name_controls": (
        "文件名含控制字符，不予导入：{name}（请改名后再导入）",
        "the file name holds control characters: {name}; rename the file to import it",
    ),
    "import.no_known_header": (
        "找不到表头行：请用 --map 指明各列，如 --map name=指标名称,target=目标值,unit=单位"
        "（找到的列名：{found}）",
        "no header row found: map the columns with --map, e.g."
        " --map name=指标名称,target=目标值,unit=单位 (headers found: {found})",
    ),
    "import.no_name": ("此行没有名称", "the row has no name"),
    "import.same_row": (
        "与第 {row} 行是同一条目 {id}",
        "the same item {id} as row {row}",
    ),
    "import.conflict": (
        "台账中 {id} 的类型为 {kind}、单位为 {unit}，与此行不同；导入不改变已有条目的类型或单位",
        "the ledger's {id} is a {kind} in {unit}, unlike this row; import does not change"
        " an item's kind or unit",
    ),
    "import.exists_differs": (
        "{id} 已存在，目标为 {old}，表中为 {new}；未覆盖（加 --overwrite 更新目标）",
        "{id} exists with the target {old}, the table says {new}; not overwritten"
        " (--overwrite updates it)",
    ),
    "import.not_updated": (
        "{id} 已存在，{old} 与表中 {new} 不同；导入只更新目标值，请手工修改",
        "{id} exists with {old}, the table says {new}; import updates only targets,"
        " edit it by hand",
    ),
    "import.columns": ("列对应：{columns}", "columns: {columns}"),
    "import.refused": (
        "{count} 行无法导入，未写入任何内容；请修改表格后重新导入",
        "{count} row(s) cannot be imported; nothing was written — correct the table and"
        " import it again",
    ),
    "import.done": (
        "已导入到 {file}：新增 {new} 条，更新目标 {updated} 条，已存在未改动 {kept} 条",
        "imported into {file}: {new} new, {updated} target(s) updated, {kept} existing"
        " left as they are",
    ),
    "import.dry_run": (
        "试运行，未写入：将在 {file} 新增 {new} 条，更新目标 {updated} 条，已存在未改动 {kept} 条",
        "dry run, nothing written: {new} new in {file}, {updated} target(s) to update,"
        " {kept} existing left as they are",
    ),
    "import.comment": ("据 {file} 导入（{date}）", "imported from {file} ({date})"),
    "import.reason": ("据 {file} 导入", "imported from {file}"),
    "export.written": ("已导出 {count} 条到 {path}", "exported {count} item(s) to {path}"),
    "export.by_csv": (
        "--by 只用于 xlsx（csv 只有一张表）",
        "--by is for xlsx only (a csv file holds one table)",
    ),
    "export.stdout_xlsx": (
        "xlsx 不能写到标准输出，请用 --output 文件名",
        "xlsx cannot go to standard output; give --output FILE",
    ),
    # --- report --html ---
    "report.written": ("已写入仪表板 {path}", "dashboard written to {path}"),
    # --- extract / proof / confirm ---
    "extract.format": (
        "{path}：不支持的报告格式 {suffix}（可用 .txt、.md、.docx）",
        "{path}: unsupported report format {suffix} (use .txt, .md or .docx)",
    ),
    "extract.missing": ("报告 {path} 不存在", "the report {path} does not exist"),
    "extract.not_utf8": (
        "{path} 不是 UTF-8 编码（请另存为 UTF-8）",
        "{path} is not UTF-8 (save it as UTF-8)",
    ),
    "extract.unreadable": (
        "无法读取报告 {path}：{reason}",
        "cannot read the report {path}: {reason}",
    ),
    "extract.needs_docx": (
        "读取 .docx 需要 python-docx：pip install 'plancheck[extract]'",
        "reading .docx needs python-docx: pip install 'plancheck[extract]'",
    ),
    "extract.needs_libraries": (
        "缺少 {module}：pip install 'plancheck[extract]'",
        "{module} is missing: pip install 'plancheck[extract]'",
    ),
    "extract.written": (
        "已生成草稿台账 {path}：{entries} 条（均为草稿），{review} 处待核",
        "draft ledger written to {path}: {entries} entries (all drafts), {review} to review",
    ),
    "extract.no_figures": ("报告中没有找到数字", "no figures found in the report"),
    "proof.summary": (
        "发现 {count} 处数字不一致",
        "{count} inconsistenc(ies) found in the figures",
    ),
    "confirm.not_draft": (
        "条目 {id} 不是草稿（没有 draft = true）",
        "item {id} is no draft (no draft = true)",
    ),
    "confirm.which_year": (
        "多个年度都有编号为 {id} 的条目，请用 --year 指明",
        "several years have an item {id}; say which with --year",
    ),
    "confirm.done": ("已确认 {count} 条：{ids}", "confirmed {count} item(s): {ids}"),
    "confirm.already": (
        "{ids} 此前已确认，未作改动",
        "{ids}: confirmed already, left as they are",
    ),
    "confirm.unknown_id": (
        "没有编号为 {id} 的条目（已查找 {years} 年）",
        "no item {id} in any year ({years})",
    ),
}

# The monthly cycle: names for ids, several figures at once, forms and collect (issue 13).
CATALOG.update(
    {
        "item.ambiguous": (
            "「{text}」对应多个条目，请写得更具体或用编号：{candidates}",
            "“{text}” names several items; be more specific or use an id: {candidates}",
        ),
        "item.unknown": ("{year}年没有名为「{text}」的条目", "no item named “{text}” in {year}"),
        "item.unknown_suggest": (
            "{year}年没有名为「{text}」的条目，相近的有：{suggestions}",
            "no item named “{text}” in {year}; closest: {suggestions}",
        ),
        "item.pair": (
            "应写成 名称=数值，如 财政收入=1800：{text}",
            "write NAME=VALUE, e.g. 财政收入=1800: {text}",
        ),
        "figure.above_previous": (
            "「{item}」{value} 超过上月累计（{month}：{previous}）的 10 倍，疑为笔误；"
            "确认无误请加 --force",
            "{item}: {value} is more than 10× the previous figure ({month}: {previous}); "
            "probably a slip — add --force if it is right",
        ),
        "figure.above_previous_slip": (
            "「{item}」{value} 超过上月累计（{month}：{previous}）的 10 倍，疑为万/亿单位笔误，"
            "可能应为 {meant}；确认无误请加 --force",
            "{item}: {value} is more than 10× the previous figure ({month}: {previous}); "
            "a 万/亿 slip? probably {meant} — add --force if it is right",
        ),
        "figure.above_target": (
            "「{item}」{value} 超过年度目标 {target} 的 5 倍，疑为笔误；确认无误请加 --force",
            "{item}: {value} is more than 5× the target {target}; probably a slip — "
            "add --force if it is right",
        ),
        "figure.above_target_slip": (
            "「{item}」{value} 超过年度目标 {target} 的 5 倍，疑为万/亿单位笔误，"
            "可能应为 {meant}；确认无误请加 --force",
            "{item}: {value} is more than 5× the target {target}; a 万/亿 slip? probably "
            "{meant} — add --force if it is right",
        ),
        "collect.refused": (
            "有 {count} 处问题，未写入任何文件",
            "{count} problem(s); no file was written",
        ),
        "collect.twice": (
            "{item} 的 {month} 在表中出现两次且数值不同",
            "{item} {month} is given twice with different figures",
        ),
        "collect.correction": (
            "{item} 的 {month} 已记录为 {old}，表中为 {new}：这是更正，"
            "需加 --corrections 并在备注栏写明原因",
            "{item} {month} is recorded as {old}, the form says {new}: a correction needs "
            "--corrections and the reason in the note column",
        ),
        "collect.decrease": (
            "{item} 的 {month} 累计 {value} 小于 {other} 的 {other_value}（累计数只增不减）："
            "这是更正，需加 --corrections 并在备注栏写明原因",
            "{item}: the year-to-date figure {value} for {month} is below {other_value} of"
            " {other}: a correction needs --corrections and the reason in the note column",
        ),
        "collect.above_later": (
            "{item} 的 {month} 累计 {value} 大于其后 {other} 的 {other_value}：这是更正，"
            "需加 --corrections 并在备注栏写明原因",
            "{item}: the year-to-date figure {value} for {month} is above {other_value} of the"
            " later month {other}: a correction needs --corrections and the reason in the note"
            " column",
        ),
        "collect.correction_reason": (
            "{item} 的 {month} 是更正，请在备注栏写明原因",
            "{item} {month} is a correction: give the reason in the note column",
        ),
        "collect.no_header": (
            "找不到表头行（需有 目标任务/指标名称 列和 1-N月累计/本月累计/累计 列）",
            "no header row found (a column naming the item and a 1-N月累计/本月累计/累计 column)",
        ),
        "collect.no_month": (
            "无法确定月份：表头为「{header}」，请用 --month 指定",
            "cannot tell the month from the header “{header}”; give --month",
        ),
        "collect.month_differs": (
            "表头「{header}」是 {found}，与 --month {month} 不符",
            "the header “{header}” is for {found}, not --month {month}",
        ),
        "collect.unknown_row": ("找不到条目「{text}」", "no item “{text}”"),
        "collect.unknown_row_suggest": (
            "找不到条目「{text}」，相近的有：{suggestions}",
            "no item “{text}”; closest: {suggestions}",
        ),
        "collect.bad_value": ("「{text}」不是可读的数值", "“{text}” is not a figure"),
        "collect.bad_state": (
            "「{text}」不是进度状态（可用：{choices}）",
            "“{text}” is not a state ({choices})",
        ),
        "collect.bad_date": ("「{text}」不是日期（应为 YYYY-MM-DD）", "“{text}” is not a date"),
        "collect.done": (
            "已汇总 {files} 个文件：{changed} 项写入，{same} 项未变，{empty} 项未填报",
            "collected {files} file(s): {changed} figure(s) written, {same} unchanged, "
            "{empty} not reported",
        ),
        "collect.dry_run": (
            "（试运行，未写入）{changed} 项将写入，{same} 项未变，{empty} 项未填报",
            "(dry run, nothing written) {changed} figure(s) would be written, {same} "
            "unchanged, {empty} not reported",
        ),
        "collect.empty_items": (
            "  未填报 {office}：{items}",
            "  not reported by {office}: {items}",
        ),
        "collect.entity": (
            "无法确定表格属于哪个乡镇：{title}（请用 --entity 指定）",
            "cannot tell which township the form is for: {title} (give --entity)",
        ),
        "forms.written": ("已生成 {count} 份填报表：", "{count} form(s) written:"),
        "forms.none": ("没有需要填报的条目", "no items to fill in"),
        "forms.unknown_owner": (
            "没有责任单位「{owner}」（现有：{owners}）",
            "no owner “{owner}” (owners: {owners})",
        ),
        "meeting.written": ("调度会材料已写入 {folder}：", "meeting papers written to {folder}:"),
        "update.changed": (
            "{item}：{month} {before} → {after}",
            "{item}: {month} {before} → {after}",
        ),
        "update.corrected": (
            "{item}：{month} 已记为更正：{before} → {after}，原因：{reason}",
            "{item}: {month} recorded as a correction: {before} → {after}, reason: {reason}",
        ),
        "update.corrected_bare": (
            "{item}：{month} 已记为更正：{before} → {after}（未说明原因，可用 --reason）",
            "{item}: {month} recorded as a correction: {before} → {after}"
            " (no reason given; --reason gives one)",
        ),
        "update.growth": (
            "{item}：{month} 增速 {before} → {after}",
            "{item}: {month} growth {before} → {after}",
        ),
        "update.growth_corrected": (
            "{item}：{month} 增速已记为更正：{before} → {after}，原因：{reason}",
            "{item}: {month} growth recorded as a correction: {before} → {after}, reason: {reason}",
        ),
        "update.note": (
            "{item}：备注 {before} → {after}",
            "{item}: note {before} → {after}",
        ),
        "update.same": (
            "{item}：{month} 已是 {value}，未改动",
            "{item}: {month} is {value} already",
        ),
        "import.example_left": (
            "plancheck init 写入的示例条目仍在台账中：如不需要，请删除这个 [example-target] 表"
            "（新建台账时可用 plancheck init --no-example）",
            "the example item plancheck init wrote is still in the ledger: delete this"
            " [example-target] table unless you want it (plancheck init --no-example leaves it"
            " out)",
        ),
        "import.due_amount": (
            "完成时限「{due}」不是本年的某个月，已写入备注",
            "the deadline “{due}” names no month of the year; it is kept in the note",
        ),
    }
)

_SEVERITY = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


TYPE_WORDS = {
    "string": ("文本", "a string"),
    "number": ("数字", "a number"),
    "boolean": ("true/false", "true/false"),
    "table": ("表", "a table"),
    "array": ("数组", "an array"),
    "date": ("日期", "a date"),
    "nan/inf": ("nan/inf（不是数值）", "nan/inf (not a figure)"),
    "out_of_range": ("超出 10^±100 的数", "a figure beyond 10^±100"),
}
"""What a value was instead of a number ({got}), in each language."""


def message(code: str, args: dict[str, str] | tuple[tuple[str, str], ...], lang: str = "zh") -> str:
    """The sentence for a code, filled in."""
    templates = CATALOG.get(code)
    # arguments come from ledgers, file names and the command line: never raw controls
    values = {k: visible(v) for k, v in dict(args).items()}
    if values.get("got") in TYPE_WORDS:
        values["got"] = TYPE_WORDS[values["got"]][1 if lang == "en" else 0]
    if templates is None:
        return f"{code} {values}"
    template = templates[1 if lang == "en" else 0]
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def format_problem(problem: Problem, lang: str = "zh") -> str:
    """`file:line: key: severity: message`, one line."""
    where = visible(str(problem.location))
    key = f" {visible(problem.key)}:" if problem.key else ""
    severity = _SEVERITY["en" if lang == "en" else "zh"][problem.severity]
    return f"{where}:{key} {severity}: {message(problem.code, problem.args, lang)}"
