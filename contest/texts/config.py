"""Problems of a contest configuration (``contest.toml``): what a key's value or the keys together get wrong.

Part of the one catalogue (:mod:`contest.i18n`). Each problem is located by its file and key path
(:class:`contest.errors.ConfigProblem`), which are the same in both languages; only the message is worded here.
Values from the file (``got …``), key names, ids and codes are parameters, shown as they are written.
"""

TEXT: dict[str, tuple[str, str]] = {
    # -- the list as a whole (ConfigInvalid) and what the rubric reader says (it speaks English only) ---------------
    "config.problem_list": ("{problems}", "{problems}"),
    "config.as_written": ("{text}", "{text}"),
    "config.rubric_problem": ("{message}", "{message}"),
    # -- the file itself -----------------------------------------------------------------------------------------
    "config.file.unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "config.file.not_utf8": (
        "第 {byte} 字节：不是 UTF-8 编码；请将文件另存为 UTF-8",
        "byte {byte}: not UTF-8; save the file as UTF-8",
    ),
    # -- one key's value (config_schema) -------------------------------------------------------------------------
    "config.value.number": ("应为数字，实际为 {value}", "must be a number, got {value}"),
    "config.value.finite": ("应为有限的数字，实际为 {value}", "must be a finite number, got {value}"),
    "config.value.too_large": (
        "数值过大（绝对值最大 {max}），实际为 {value}",
        "is too large (at most {max} in size), got {value}",
    ),
    "config.value.text": ("应为文本，实际为 {value}", "must be text, got {value}"),
    "config.value.texts": ("应为文本列表，实际为 {value}", "must be a list of texts, got {value}"),
    "config.value.flag": ("应为 true 或 false，实际为 {value}", "must be true or false, got {value}"),
    "config.value.whole": (
        "应为 {lo}–{hi} 之间的整数，实际为 {value}",
        "must be a whole number {lo}–{hi}, got {value}",
    ),
    "config.value.whole_minutes": (
        "应为 {lo}–{hi} 之间的整数（分钟），实际为 {value}",
        "must be a whole number {lo}–{hi} (minutes), got {value}",
    ),
    "config.value.whole_days": (
        "应为 {lo}–{hi} 之间的整数（自然日），实际为 {value}",
        "must be a whole number {lo}–{hi} (calendar days), got {value}",
    ),
    "config.value.whole_panel": (
        "应为 {lo}–{hi} 之间的整数（通常为 3 或 5），实际为 {value}",
        "must be a whole number {lo}–{hi} (usually 3 or 5), got {value}",
    ),
    "config.value.whole_stages": (
        "应为 {lo}–{hi} 之间的整数（1：一次抽签；2：一次加密和二次加密由两人分别进行），实际为 {value}",
        "must be a whole number {lo}–{hi} (1: one draw; 2: first and second encryption by two people), "
        "got {value}",
    ),
    "config.value.enum": (
        "未知的取值 {value}（可选：{allowed}）",
        "unknown value {value} (allowed: {allowed})",
    ),
    "config.value.theory_weight": (
        "应在 0 到 1 之间（如 0.2 表示理论 20%、实操 80%），实际为 {value}",
        "must be between 0 and 1 (e.g. 0.2 for 20/80), got {value}",
    ),
    "config.value.pass_line_total": (
        "应在 0 到 100 之间（总成绩按百分制），实际为 {value}",
        "must be between 0 and 100 (the total is out of 100), got {value}",
    ),
    "config.value.pass_line_theory": (
        "应在 0 到 100 之间（理论成绩按百分制），实际为 {value}",
        "must be between 0 and 100 (the theory is out of 100), got {value}",
    ),
    "config.value.pass_line_practical": (
        "应在 0 到 100 之间（实操成绩按百分制），实际为 {value}",
        "must be between 0 and 100 (the practical part is out of 100), got {value}",
    ),
    "config.value.tolerance_negative": (
        "容差不能为负数，实际为 {value}",
        "a tolerance cannot be negative, got {value}",
    ),
    "config.value.negative": ("不能为负数，实际为 {value}", "must not be negative, got {value}"),
    "config.value.positive": ("应为正数，实际为 {value}", "must be positive, got {value}"),
    "config.value.positive_whole": (
        "应为正整数，实际为 {value}",
        "must be a positive whole number, got {value}",
    ),
    "config.value.face": (
        "未知的字体 {face}（可用 {faces}，或 .ttf/.ttc 字体文件的路径）",
        "unknown face {face} (use {faces} or the path of a .ttf/.ttc file)",
    ),
    "config.value.wording": (
        "{text} 中有未知或格式错误的 {{…}}（可用：{allowed}）",
        "unknown or malformed {{…}} in {text} (allowed: {allowed})",
    ),
    "config.value.date": (
        "应为日期，如 2026-05-20，实际为 {value}",
        "must be a date like 2026-05-20, got {value}",
    ),
    "config.value.dates": (
        '应为日期列表，如 ["2026-05-20", "2026-05-21"]，实际为 {value}',
        'must be a list of dates like ["2026-05-20", "2026-05-21"], got {value}',
    ),
    "config.value.contest_name": (
        '必填：{{ zh = "…", en = "…" }}（文本），实际为 {value}',
        'required: {{ zh = "…", en = "…" }} (texts), got {value}',
    ),
    "config.value.signoff_quorum": (
        '应为 1–9 之间的整数或 "all"（全部裁判），实际为 {value}',
        'must be a whole number 1–9 or "all" (every judge), got {value}',
    ),
    "config.value.rounding_point": (
        "未知的修约环节 {points}（可选：{allowed}）",
        "unknown rounding point {points} (allowed: {allowed})",
    ),
    "config.value.tiebreak": (
        "必须以 'total' 开头，可用 total、practical、theory、module:<模块代码>、time、lot；实际为 {value}",
        "must start with 'total' and use total, practical, theory, module:<code>, time, lot; got {value}",
    ),
    "config.value.blueprint_id": (
        "应为文本（理论组卷方案的 id），实际为 {value}",
        "must be text (a blueprint id), got {value}",
    ),
    "config.value.box_name": ("未知的文字框（可选：{allowed}）", "unknown box (allowed: {allowed})"),
    "config.value.box": (
        "应为页面内的 [x, y, 宽, 高]（毫米），实际为 {value}",
        "must be [x, y, width, height] in mm within the page, got {value}",
    ),
    "config.value.boxes": (
        "应为表，如 {{ body = [42, 76, 213, 82] }}，实际为 {value}",
        "must be a table like {{ body = [42, 76, 213, 82] }}, got {value}",
    ),
    "config.value.columns": ("应为 full 或 public，实际为 {value}", "must be full or public, got {value}"),
    "config.value.language": ("应为 zh 或 en，实际为 {value}", "must be zh or en, got {value}"),
    "config.value.timezone": (
        "未知的时区 {value}（应为 IANA 时区名，如 Asia/Shanghai）",
        "unknown time zone {value} (an IANA name such as Asia/Shanghai)",
    ),
    "config.value.draw_scope": (
        "未知的范围 {value}（可选：'contest' — 每名选手一个赛位号，所有模块通用；'module' — 各模块分别抽取赛位号）",
        "unknown scope {value} (allowed: 'contest' — one station number per contestant for every module; "
        "'module' — each module draws its own station numbers)",
    ),
    "config.value.draw_lots": (
        "未知的取值 {value}（可选：'computer' — 由记录的随机种子抽取；'drawn' — 检录时人工抽签，再录入或导入）",
        "unknown value {value} (allowed: 'computer' — drawn from a recorded seed; 'drawn' — drawn by hand at "
        "check-in and keyed in or imported)",
    ),
    "config.value.offset": (
        "应在 -100 到 100 毫米之间，实际为 {value}",
        "must be between -100 and 100 mm, got {value}",
    ),
    # -- what pydantic itself finds (config_schema._message) --------------------------------------------------
    "config.value.unknown_key": ("未知的键（可用：{allowed}）", "unknown key (allowed: {allowed})"),
    "config.value.table": ("应为表，实际为 {value}", "must be a table, got {value}"),
    "config.value.list_of_tables": ("应为表的列表，实际为 {value}", "must be a list of tables, got {value}"),
    "config.value.list_of_values": ("应为值的列表，实际为 {value}", "must be a list of values, got {value}"),
    "config.value.invalid": ("取值无效（{detail}），实际为 {value}", "{detail}, got {value}"),
    # -- keys together (config.parse_config) ---------------------------------------------------------------------
    "config.contest.dates_missing": ("至少需要一个竞赛日期", "at least one contest date is required"),
    "config.contest.no_such_project": (
        "没有这个项目（项目为 {projects}）",
        "no such project (the projects are {projects})",
    ),
    "config.scoring.no_blueprint": (
        "评分标准库中没有理论组卷方案 {blueprint}（现有：{blueprints}）",
        "no blueprint {blueprint} in the library ({blueprints})",
    ),
    "config.no_module_code": (
        "{code}：没有这个模块代码（现有：{codes}）",
        "{code}: no such module code (have {codes})",
    ),
    "config.modules.none": ("至少需要一个 [[modules]] 条目", "at least one [[modules]] entry is required"),
    "config.required_text": ("缺少必填的文本", "required text is missing"),
    "config.modules.rubric_not_file_id": (
        "应为 {file} 中写明的 id：rubric = {id}",
        "must be the id written in {file}: rubric = {id}",
    ),
    "config.modules.rubric_not_file_id_got": (
        "应为 {file} 中写明的 id：rubric = {id}（实际为 {got}）",
        "must be the id written in {file}: rubric = {id} (got {got})",
    ),
    "config.modules.rubric_id_required": ("必填：{file} 中写明的 id", "required: the id written in {file}"),
    "config.modules.no_rubric": (
        "评分标准库中没有模块评分标准 {rubric}（现有：{rubrics}）",
        "no module rubric {rubric} in the library ({rubrics})",
    ),
    "config.modules.hash_mismatch": (
        "评分标准 {rubric} 的哈希为 {hash}…，配置固定的是 {pin}：竞赛设置后评分标准已改动（至少固定 12 位十六进制数字）",
        "rubric {rubric} has hash {hash}…, the configuration pins {pin}: the rubric changed since the contest was "
        "set up (pin at least 12 hex digits)",
    ),
    "config.modules.trimmed_mean_panel": (
        "去掉最高最低分取平均需要至少 3 人的裁判组，panel_size 为 {size}",
        "a trimmed mean needs a panel of at least 3, panel_size is {size}",
    ),
    "config.modules.listed_twice": ("模块 {code} 重复列出", "module {code} is listed more than once"),
    "config.modules.file_unreadable": ("{detail}", "{detail}"),
    "config.modules.file_is_blueprint": (
        "{path} 是理论组卷方案，不是模块评分标准",
        "{path} is a theory blueprint, not a module rubric",
    ),
    "config.draw.holder_one_stage": (
        "仅在 stages = 2 时可用（一次抽签只有一名加密裁判）",
        "only with stages = 2 (one draw has one encryption judge)",
    ),
    "config.draw.same_holder": (
        "{holder} 也负责第一阶段：两个阶段需要两个人",
        "{holder} also holds stage 1: the two stages need two people",
    ),
    "config.awards.ratio": (
        "比例应在 0 到 1 之间（如 0.1 表示 10%），实际为 {value}",
        "a ratio must be between 0 and 1 (e.g. 0.1 for 10 %), got {value}",
    ),
    "config.awards.count": (
        "人数应为正整数，实际为 {value}",
        "a count must be a positive whole number, got {value}",
    ),
    "config.awards.name_twice": (
        "{name} 用作两个奖项等级的名称（每个等级需有自己的名称）",
        "{name} names two tiers (each tier needs its own name)",
    ),
    "config.awards.ratios_everyone": (
        "各比例等级合计获奖比例为选手的 {percent} %：人人都会获奖（比例按等级分别填写，如 0.1、0.2、0.3 表示 "
        "10%、20%、30%；若要人人有份，请使用参赛证明）",
        "the ratio tiers together award {percent} % of the contestants: everyone would get a prize (ratios are "
        "per tier, e.g. 0.1, 0.2, 0.3 for 10 %, 20 % and 30 %; for everyone use participation certificates)",
    ),
    "config.awards.theory_pass_line": (
        "理论合格线需要有理论部分（scoring.theory_weight 为 0）",
        "a theory pass line needs a theory part (scoring.theory_weight is 0)",
    ),
    "config.roles.not_a_pair": (
        "{pair}：不是需分开的角色组合（可用：{pairs}）",
        "{pair}: not a separated pair (have {pairs})",
    ),
}
