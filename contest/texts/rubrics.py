"""Problems of a rubric or theory-blueprint file (and of a rubric amendment) that :mod:`rubrics` reports by code.

Part of the one catalogue (:mod:`contest.i18n`). :class:`rubrics.errors.Problem` carries a code and its values; the
key is ``rubric.<code>``. The file and the place in it (``sections[2].items[A6].points``) are shown as they are, in
both languages; only the message is worded here. The English is exactly the problem's own ``message``. Values from
the file (``got …``), key names, ids and codes are parameters, shown as they are written.
"""

TEXT: dict[str, tuple[str, str]] = {
    # -- how problems are shown (contest.rubric_problems): the file and the place as they are ----------------------
    "rubric.in_file": ("{file}: {message}", "{file}: {message}"),
    "rubric.lines": ("{lines}", "{lines}"),
    "rubric.invalid": ("{n} 处问题：\n{lines}", "{n} problem(s):\n{lines}"),
    # -- the file and its TOML ------------------------------------------------------------------------------------
    "rubric.unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "rubric.file_too_large": (
        "文件大于 {mb} MB，不是评分细则文件",
        "larger than {mb} MB: not a rubric",
    ),
    "rubric.no_such_path": ("没有这个文件或文件夹", "no such file or folder"),
    "rubric.folder_empty": ("此文件夹中没有 *.toml 评分细则文件", "no *.toml rubric file in this folder"),
    "rubric.not_utf8": ("文件不是有效的 UTF-8 编码", "file is not valid UTF-8"),
    "rubric.not_utf8_gbk": (
        "文件不是有效的 UTF-8 编码；看起来是 GBK/GB18030 编码，请另存为 UTF-8",
        "file is not valid UTF-8; it looks like GBK/GB18030 — save it as UTF-8",
    ),
    "rubric.toml_syntax": ("TOML 语法错误：{error}", "TOML syntax error: {error}"),
    "rubric.toml_syntax_at": (
        "TOML 语法错误（第 {line} 行第 {column} 列）：{error}",
        "TOML syntax error: {error} (at line {line}, column {column})",
    ),
    "rubric.nested_too_deeply": ("表或数组嵌套过深", "tables or arrays are nested too deeply"),
    "rubric.number_unreadable": ("无法读取数字：{error}", "a number cannot be read: {error}"),
    "rubric.nested_deeper": ("嵌套超过 {most} 层", "nested more than {most} levels deep"),
    "rubric.wrong_schema": ("schema 必须为 {schema}，实际为 {got}", "schema must be {schema}, got {got}"),
    "rubric.wrong_type": (
        'type 必须为 "module"（实操模块）或 "theory"（理论试卷），实际为 {got}',
        'type must be "module" or "theory", got {got}',
    ),
    # -- keys and their values ----------------------------------------------------------------------------------
    "rubric.unknown_key": (
        "未知的键 {name}（允许的键：{allowed}）",
        "unknown key {name} (allowed: {allowed})",
    ),
    "rubric.text_missing": ("缺少必填的文字", "required text is missing"),
    "rubric.bilingual_missing": (
        '缺少必填的文字（写作 { zh = "…", en = "…" }）',
        'required text is missing (give { zh = "…", en = "…" })',
    ),
    "rubric.not_text": ("必须是文字，实际为 {got}", "must be text, got {got}"),
    "rubric.not_text_or_table": (
        "必须是文字或 {{ zh, en }} 表，实际为 {got}",
        "must be text or a {{ zh, en }} table, got {got}",
    ),
    "rubric.text_empty": ("不能为空", "must not be empty"),
    "rubric.whole_number_missing": ("缺少必填的整数", "required whole number is missing"),
    "rubric.not_whole_number": ("必须是整数，实际为 {got}", "must be a whole number, got {got}"),
    "rubric.number_missing": ("缺少必填的数字", "required number is missing"),
    "rubric.not_a_number": ("必须是数字，实际为 {got}", "must be a number, got {got}"),
    "rubric.not_finite": ("必须是有限的数字，实际为 {got}", "must be a finite number, got {got}"),
    "rubric.too_large": (
        "数值过大（绝对值最大为 {most}），实际为 {got}",
        "is too large (at most {most} in size), got {got}",
    ),
    "rubric.not_bool": ("必须是 true 或 false，实际为 {got}", "must be true or false, got {got}"),
    "rubric.value_missing": ("缺少必填的值", "required value is missing"),
    "rubric.unknown_value": (
        "未知的值 {got}（允许的值：{allowed}）",
        "unknown value {got} (allowed: {allowed})",
    ),
    "rubric.list_missing": ("缺少必填的列表 [[{name}]]", "required list [[{name}]] is missing"),
    "rubric.not_list_of_tables": ("必须是表的列表（[[{name}]]）", "must be a list of tables ([[{name}]])"),
    "rubric.not_a_table": ("必须是表 [{name}]", "must be a table [{name}]"),
    "rubric.levels_not_list": (
        "必须是四个等级描述组成的列表（等级 0、1、2、3）",
        "must be a list of four descriptors (levels 0, 1, 2, 3)",
    ),
    # -- the rubric's content ------------------------------------------------------------------------------------
    "rubric.not_positive": ("必须大于 0，实际为 {got}", "must be positive, got {got}"),
    "rubric.negative": ("不能为负数，实际为 {got}", "must not be negative, got {got}"),
    "rubric.negative_rate": ("不能为负数", "must not be negative"),
    "rubric.section_twice": ("部分 id '{id}' 重复使用", "section id '{id}' is used more than once"),
    "rubric.item_twice": ("评分项 id '{id}' 重复使用", "item id '{id}' is used more than once"),
    "rubric.veto_twice": ("否决项代码 '{code}' 重复使用", "veto code '{code}' is used more than once"),
    "rubric.deduction_twice": (
        "扣分项代码 '{code}' 在本模块中重复使用（评分项 {items}）",
        "deduction code '{code}' is used more than once in the module (items {items})",
    ),
    "rubric.section_empty": ("该部分没有评分项", "section has no items"),
    "rubric.points_not_positive": ("配分必须大于 0，实际为 {got}", "points must be positive, got {got}"),
    "rubric.judgement_levels": (
        "评价项须有恰好四个非空的等级描述（等级 0–3），实际为 {got} 个",
        "a judgement item needs exactly four non-empty descriptors (levels 0–3), got {got}",
    ),
    "rubric.judgement_deductions": (
        "评价项按等级评分，不设扣分项",
        "a judgement item is scored by level, not deductions",
    ),
    "rubric.score_deductions": (
        "直接打分项直接填写分数，不设扣分项（如需既有扣分细则又直接打分，请用测量项并设 typed = true）",
        "a score item is typed directly; it has no deduction rules (use a measurement item with typed = true for "
        "rules and a typed score)",
    ),
    "rubric.levels_not_judgement": (
        "等级描述只用于评价项",
        "level descriptors belong to judgement items only",
    ),
    "rubric.measurement_rules": (
        "测量项至少需要一条扣分项",
        "a measurement item needs at least one deduction rule",
    ),
    "rubric.deduction_not_positive": (
        "扣分必须大于 0，实际为 {got}",
        "deduction points must be positive, got {got}",
    ),
    "rubric.deduction_too_large": (
        "扣分 {points} 大于该评分项的配分 {item_points}",
        "deduction of {points} is larger than the item's {item_points} points",
    ),
    "rubric.cap_not_repeatable": (
        "cap（扣分上限）只适用于可重复扣分（repeatable = true）的扣分项",
        "a cap only makes sense on a repeatable deduction",
    ),
    "rubric.cap_range": (
        "cap 必须在 0 到 {most} 之间，实际为 {got}",
        "cap must be between 0 and {most}, got {got}",
    ),
    "rubric.items_sum": (
        "各评分项配分合计 {total}，但 max_points 为 {max}（相差 {difference}；各部分：{sections}）",
        "items sum to {total} but max_points is {max} (difference {difference}; by section: {sections})",
    ),
    "rubric.typed_score": (
        "直接打分项本来就是直接打分，请删去 typed",
        "a score item is always typed; drop typed",
    ),
    "rubric.typed_judgement": (
        "typed = true 只适用于测量项（评价项按等级评分）",
        "typed = true applies to measurement items only (a judgement item takes a level)",
    ),
    "rubric.step_untyped": (
        'step 只适用于直接打分的评分项（测量项设 typed = true，或 kind = "score"）',
        'a step applies only to typed scores (typed = true on a measurement item, or kind = "score")',
    ),
    "rubric.step_missing": (
        '直接打分需要 step（步长），例如 step = "0.5"',
        'a typed score needs a step, e.g. step = "0.5"',
    ),
    "rubric.step_range": (
        "step 必须大于 0 且不超过 {most}，实际为 {got}",
        "step must be above 0 and at most {most}, got {got}",
    ),
    "rubric.step_decimals": ("step 的小数超过 2 位：{step}", "step has more than 2 decimals: {step}"),
    "rubric.step_divides": (
        "该评分项的配分 {points} 不是 step {step} 的整数倍（满分无法打出）",
        "the item's {points} points are not a multiple of the step {step} (full marks could not be typed)",
    ),
    "rubric.subarea_twice": ("子领域 id '{id}' 重复使用", "sub-area id '{id}' is used more than once"),
    "rubric.question_type_twice": ("题型 '{type}' 重复列出", "question type '{type}' listed twice"),
    "rubric.count_not_positive": ("题数必须大于 0，实际为 {got}", "count must be positive, got {got}"),
    "rubric.questions_sum": (
        "各题分值合计 {total}，但 max_points 为 {max}",
        "questions sum to {total} but max_points is {max}",
    ),
    # -- a set of files ------------------------------------------------------------------------------------------
    "rubric.id_in_library": (
        "id '{id}' 已被评分细则库中的另一个文件使用",
        "id '{id}' is already used by another library file",
    ),
    "rubric.id_used_twice": ("id '{id}' 已被另一个文件使用", "id '{id}' is already used by another file"),
    # -- an amendment of a stored rubric (评分细则更正) -------------------------------------------------------------
    "rubric.edit_malformed": (
        "请写作 评分项=配分、扣分项=扣分 或 max=总分",
        "write ITEM=points, RULE=amount or max=points",
    ),
    "rubric.edit_unknown": (
        "本模块没有这个 id 的评分项或扣分项（修改总分请用 max=…）",
        "no item or deduction rule of this module has this id (or use max=…)",
    ),
    "rubric.id_changed": (
        "必须保持为 {id}（代码 {code}），实际为 {new_id}（代码 {new_code}）",
        "must stay {id} (code {code}), got {new_id} (code {new_code})",
    ),
    "rubric.item_gone": ("缺少该评分项：已有评分记录引用了它", "the item is missing: stored marks name it"),
    "rubric.kind_changed": ("原为 {was}，现为 {now}", "was {was}, now {now}"),
    "rubric.levels_changed": ("等级划分改变了", "the level scale changed"),
    "rubric.rule_gone": ("缺少该扣分项：已有评分记录使用了它", "the rule is missing: marks apply it"),
    "rubric.rule_not_repeatable": (
        "原为可重复扣分：已有评分记录按次数计",
        "was repeatable: marks count it",
    ),
    "rubric.typing_gone": (
        "原允许直接打分：已有评分记录可能含直接打出的分数",
        "typed scores were allowed: marks may hold one",
    ),
    "rubric.item_new": (
        "新增的评分项：已有评分记录无法为其评分",
        "a new item: no stored mark could score it",
    ),
    "rubric.veto_gone": ("缺少该否决项：评分表可能已记录它", "the veto is missing: sheets may record it"),
}
