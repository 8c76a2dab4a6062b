"""The words of intake: located problems found in the organisers' workbooks (with where they are), the annotated
copy, the theory item analysis, and the templates' sheet names, prompts and instructions.

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {
    # words shared by the readers: lists, row numbers, genders, roles, question types and how answers are written
    "intake.list_separator": ("、", ", "),
    "intake.none": ("（无）", "(none)"),
    "intake.rows": ("第 {rows} 行", "rows {rows}"),
    "intake.more_rows": ("……", ", …"),
    "intake.gender_male": ("男", "male"),
    "intake.gender_female": ("女", "female"),
    "intake.qtype.single": ("单选", "single"),
    "intake.qtype.multiple": ("多选", "multiple"),
    "intake.qtype.true_false": ("判断", "true/false"),
    "intake.answer_advice.single": (
        "单选题填一个字母 A–D（或 E）",
        "a single-choice answer is one letter A–D (or E)",
    ),
    "intake.answer_advice.multiple": (
        "多选题填字母组合，如 ACD 或 A,C,D",
        "a multiple-choice answer is letters such as ACD or A,C,D",
    ),
    "intake.answer_advice.true_false": (
        "判断题填 对/错、√/×、T/F 或 正确/错误",
        "a true/false answer is T/F, Y/N or √/×",
    ),
    "intake.theory.noun_station": ("赛位号", "station number"),
    "intake.theory.noun_draw": ("抽签号", "draw number"),
    "intake.theory.or_admission": ("（或准考证号）", " (or admission number)"),
    # the annotated copy (annotate.py)
    "intake.annotate.problem_sheet": ("问题清单", "Problems"),
    "intake.annotate.data_sheet": ("数据", "Data"),
    "intake.annotate.col_sheet": ("工作表", "Sheet"),
    "intake.annotate.col_row": ("行", "Row"),
    "intake.annotate.col_column": ("列", "Column"),
    "intake.annotate.col_field": ("字段", "Field"),
    "intake.annotate.col_value": ("值", "Value"),
    "intake.annotate.col_problem": ("问题", "Problem"),
    "intake.annotate.overwrite": (
        "标注副本不能覆盖原文件",
        "the annotated copy must not overwrite the original",
    ),
    # theory item analysis (analysis.py)
    "intake.analysis.flag.none_correct": ("无人答对，请核对答案", "nobody correct: check the key"),
    "intake.analysis.flag.all_correct": ("全部答对", "everybody correct"),
    "intake.analysis.flag.negative_discrimination": (
        "高分组答对率低于低分组，请核对答案和题目",
        "high scorers did worse than low scorers: check key and wording",
    ),
    "intake.analysis.flag_separator": ("；", "; "),
    "intake.analysis.answer_t": ("对", "√"),
    "intake.analysis.answer_f": ("错", "×"),
    "intake.analysis.qtype.single": ("单选", "single"),
    "intake.analysis.qtype.multiple": ("多选", "multiple"),
    "intake.analysis.qtype.true_false": ("判断", "true_false"),
    "intake.analysis.sheet": ("题目分析", "Item analysis"),
    "intake.analysis.heading": ("理论考试题目分析", "Theory item analysis"),
    "intake.analysis.summary": (
        "答卷 {papers} 份；平均分 {mean}；最高 {highest}；最低 {lowest}；卷面 {max_points} 分",
        "Papers {papers}; mean {mean}; highest {highest}; lowest {lowest}; paper {max_points} points",
    ),
    "intake.analysis.col_number": ("题号", "No."),
    "intake.analysis.col_type": ("题型", "Type"),
    "intake.analysis.col_section": ("模块", "Section"),
    "intake.analysis.col_points": ("分值", "Points"),
    "intake.analysis.col_key": ("答案", "Key"),
    "intake.analysis.col_papers": ("答卷数", "Papers"),
    "intake.analysis.col_correct": ("答对", "Correct"),
    "intake.analysis.col_partial": ("部分得分", "Partial"),
    "intake.analysis.col_blank": ("未答", "Blank"),
    "intake.analysis.col_share": ("答对率", "Share correct"),
    "intake.analysis.col_discrimination": ("区分度", "Discrimination"),
    "intake.analysis.col_wrong": ("常见错答", "Common wrong answers"),
    "intake.analysis.col_note": ("提示", "Note"),
    # programming errors and technical details raised by intake
    "intake.idcard.need_17_digits": ("需要正好 17 位数字", "need exactly 17 digits"),
    "intake.idcard.bad_region": (
        "地区代码须是以省级代码开头的 6 位数字，得到 {region}",
        "region must be 6 digits starting with a province code, got {region}",
    ),
    "intake.idcard.bad_seq": ("顺序号须在 0–499 之间", "seq must be 0–499"),
    "intake.template.needs_blueprint": (
        "答题表模板需要组卷蓝图（用于确定题数）",
        "an answer-sheet template needs the blueprint (for the number of questions)",
    ),
    "intake.template.unknown_kind": ("未知的模板种类 {kind}", "unknown template kind {kind}"),
    "intake.damaged_detail": ("{kind}: {detail}", "{kind}: {detail}"),
    # templates (templates.py): sheet names, drop-down values, prompts and instructions; the headers stay the
    # canonical Chinese column names the importers read first
    "intake.template.sheet.contestants": ("报名表", "Contestants"),
    "intake.template.sheet.judges": ("裁判名单", "Judges"),
    "intake.template.sheet.answers": ("答案", "Answer key"),
    "intake.template.sheet.answer_sheets": ("答题", "Answers"),
    "intake.template.sheet.theory_scores": ("理论成绩", "Theory scores"),
    "intake.template.sheet.rubric": ("评分标准", "Marking scheme"),
    "intake.template.sheet.instructions": ("填写说明", "Instructions"),
    "intake.template.heading": ("填写说明", "Instructions"),
    "intake.template.heading_titled": ("{title} 填写说明", "{title}: instructions"),
    "intake.template.required": ("必填", "Required"),
    "intake.template.choose": ("请从下拉列表中选择{header}", "Choose the {header} from the drop-down list"),
    "intake.template.length": ("{header}应为 {n} 位", "{header} must have {n} characters"),
    "intake.template.characters": ("{n} 位", "{n} characters"),
    "intake.template.role.organiser": ("组织者", "organiser"),
    "intake.template.role.encryption": ("加密裁判", "encryption"),
    "intake.template.role.marking": ("评分裁判", "marking"),
    "intake.template.role.chief": ("裁判长", "chief"),
    "intake.template.role.supervisor": ("监督", "supervisor"),
    "intake.template.role.clerk": ("统分", "clerk"),
    "intake.template.role.arbitration": ("仲裁组", "arbitration"),
    "intake.template.qtype.single": ("单选", "single"),
    "intake.template.qtype.multiple": ("多选", "multiple"),
    "intake.template.qtype.true_false": ("判断", "true_false"),
    "intake.template.kind.measurement": ("测量", "measurement"),
    "intake.template.kind.judgement": ("评价", "judgement"),
    "intake.template.kind.score": ("直接打分", "score"),
    "intake.template.kind.veto": ("否决", "veto"),
    "intake.template.prompt.theory_score": (
        "0–100，最多两位小数；缺考填“缺考”",
        "0–100, at most two decimals; absent for a contestant who was absent",
    ),
    "intake.template.prompt.id_number": ("18 位，末位可为 X", "18 characters; the last may be X"),
    "intake.template.prompt.phone": (
        "11 位手机号，或带区号的固定电话",
        "An 11-digit mobile, or a landline with area code",
    ),
    "intake.template.prompt.code": ("登录用编号，如 J01，不能重复", "Login code, e.g. J01; must be unique"),
    "intake.template.prompt.roles": (
        "可填：{roles}；多个用“、”分隔",
        "One of: {roles}; separate several with commas",
    ),
    "intake.template.prompt.module_hint": ("本次模块：{modules}；", "This contest's modules: {modules}; "),
    "intake.template.prompt.modules": (
        "{hint}评分裁判必填，如 A 或 A、B",
        "{hint}required for a marking judge, e.g. A or A,B",
    ),
    "intake.template.prompt.answer": (
        "单选 A–D；多选如 ACD；判断 对/错",
        "single: A–D; multiple: e.g. ACD; true/false: T or F",
    ),
    "intake.template.prompt.rubric_number": (
        "同一评分项的各行序号相同（可合并单元格）",
        "The rows of one item share its No. (the cells may be merged)",
    ),
    "intake.template.prompt.rubric_section": (
        "选填：考核环节，如 工作准备；可合并单元格",
        "Optional: the section, e.g. preparation; the cells may be merged",
    ),
    "intake.template.prompt.rubric_criteria": (
        "测量项每行一条扣分标准，写明“扣N分”；评价项四行为 0–3 级",
        "Measurement: one deduction rule per row, its points in the Deduction column; judgement: four rows, levels 0–3",
    ),
    "intake.template.prompt.rubric_points": (
        "该评分项的配分（写在第一行或合并单元格）",
        "The item's points (on its first row, or merge the cells)",
    ),
    "intake.template.prompt.rubric_deduct": (
        "选填：该条扣几分（不填则读“扣N分”）",
        "Optional: the points this rule deducts",
    ),
    "intake.template.prompt.rubric_kind": (
        "测量（默认）、评价、直接打分、否决",
        "measurement (default), judgement, score, veto",
    ),
    "intake.template.prompt.rubric_step": (
        "直接打分项的步长，默认 0.5",
        "Step of a typed score, default 0.5",
    ),
    "intake.template.common.0": ("通用要求：", "General rules:"),
    "intake.template.common.1": (
        "· 第一行是表头，请不要修改列名、不要合并单元格；表头上方可以加标题行。",
        "· The first row is the header: do not change the column names or merge cells; title rows may be added above the header.",
    ),
    "intake.template.common.2": (
        "· 每人（每题）占一行，中间不要留空行；不需要的行请整行删除。",
        "· One person (or question) per row, with no empty rows in between; delete rows you do not need entirely.",
    ),
    "intake.template.common.3": (
        "· 红色列名为必填项。带下拉框的列请从下拉列表中选择。",
        "· Column names in red are required. For columns with a drop-down, choose from the list.",
    ),
    "intake.template.common.4": (
        "· 导入时会一次列出所有问题，并生成一份标注了问题的副本（问题单元格填红色并附批注，另有“问题清单”工作表）。",
        "· An import lists every problem at once and writes an annotated copy (problem cells filled red with a comment, plus a sheet listing the problems).",
    ),
    "intake.template.common.5": (
        "· 本表可另存为 .xlsx、.xls、.ods 或 CSV（UTF-8 或 GBK 编码）后导入。",
        "· This sheet may be saved as .xlsx, .xls, .ods or CSV (UTF-8 or GBK encoding) before importing.",
    ),
    "intake.template.contestants.0": ("报名表：", "Contestant list:"),
    "intake.template.contestants.1": (
        "· 必填：姓名、性别、身份证号、工作单位。选填：联系电话、参赛项目、备注。序号列不导入，可留空。",
        "· Required: name, gender, ID number, unit. Optional: phone, project, note. The No. column is not imported and may be left empty.",
    ),
    "intake.template.contestants.2": (
        "· 身份证号必须是 18 位居民身份证号，末位 X 大小写均可。本列已设置为“文本”格式：请勿改成数字格式，否则 Excel 只保留 15 位有效数字，末几位会变成 0。",
        "· The ID number must be the 18-character resident ID; a final X may be upper or lower case. The column is formatted as Text: do not change it to a number format, or Excel keeps only 15 significant digits and the last digits become 0.",
    ),
    "intake.template.contestants.3": (
        "· 从其他表格复制身份证号时，请用“选择性粘贴→数值”，粘贴后确认没有变成 4.40703E+17 这样的形式。",
        "· When copying ID numbers from another sheet, paste values only, and check that none has turned into a form like 4.40703E+17.",
    ),
    "intake.template.contestants.4": (
        "· 性别填“男”或“女”，须与身份证号第 17 位一致（奇数为男，偶数为女）。",
        "· Gender is male or female and must agree with the 17th digit of the ID number (odd for male, even for female).",
    ),
    "intake.template.contestants.5": (
        "· 联系电话填 11 位手机号，或带区号的固定电话（如 0750-3201234）；只填一个号码。",
        "· Phone: an 11-digit mobile number, or a landline with area code (e.g. 0750-3201234); one number only.",
    ),
    "intake.template.contestants.6": (
        "· 同一身份证号只能出现一次。15 位旧身份证号不能使用。",
        "· Each ID number may appear only once. Old 15-digit IDs are not accepted.",
    ),
    "intake.template.judges.0": ("裁判名单：", "Judges list:"),
    "intake.template.judges.1": (
        "· 必填：编号、姓名、工作单位、角色。编号用于登录评分终端，只能用字母、数字、- 和 _，不能重复（如 J01）。",
        "· Required: code, name, unit, roles. The code is used to log in at a marking terminal: letters, digits, - and _ only, unique (e.g. J01).",
    ),
    "intake.template.judges.2": (
        "· 角色可填：组织者（赛务）、加密裁判、评分裁判、裁判长、监督、仲裁组、统分（记分）；一人多个角色用“、”分隔。",
        "· Roles: organiser, encryption, marking, chief, supervisor, arbitration, clerk; separate several with commas.",
    ),
    "intake.template.judges.3": (
        "· 评分裁判必须填写评分模块（如 A，或 A、B）。",
        "· A marking judge must have the module(s) they mark (e.g. A, or A,B).",
    ),
    "intake.template.judges.4": (
        "· 工作单位用于回避：裁判不评本单位选手，请填写全称。",
        "· The unit is used for conflicts of interest (a judge does not mark contestants of their own unit): write it in full.",
    ),
    "intake.template.answers.0": ("理论答案：", "Theory answer key:"),
    "intake.template.answers.1": (
        "· 每题一行：题号、题型（单选/多选/判断）、答案，以及该题所属的模块和子领域（与组卷蓝图一致，用于确定分值和分项成绩）。",
        "· One question per row: number, type (single/multiple/true_false), answer, and the section and sub-area it belongs to (as in the paper blueprint, which gives its points and the section scores).",
    ),
    "intake.template.answers.2": (
        "· 单选答案填一个字母（A–D）；多选答案填全部正确选项，如 ACD 或 A,C,D；判断填 对/错（也可填 √/×、T/F、正确/错误）。",
        "· A single-choice answer is one letter (A–D); a multiple-choice answer is every correct option, e.g. ACD or A,C,D; a true/false answer is T or F (√/× also accepted).",
    ),
    "intake.template.answers.3": (
        "· 每个子领域各题型的题数必须与组卷蓝图一致。",
        "· The number of questions of each type in each sub-area must match the blueprint.",
    ),
    "intake.template.answer_sheets.0": ("理论答题：", "Theory answers:"),
    "intake.template.answer_sheets.1": (
        "· 每位考生一行：第一列赛位号（或准考证号），之后每题一列，列名为题号。",
        "· One contestant per row: first the station number (or admission number), then one column per question, named by its number.",
    ),
    "intake.template.answer_sheets.2": (
        "· 单选填一个字母；多选填字母组合（如 ACD）；判断填 对/错。未作答留空。",
        "· Single choice: one letter; multiple choice: letters (e.g. ACD); true/false: T or F. Leave unanswered questions empty.",
    ),
    "intake.template.theory_scores.0": ("理论成绩：", "Theory scores:"),
    "intake.template.theory_scores.1": (
        "· 每位考生一行：赛位号或身份证号（至少一个）和理论成绩。",
        "· One contestant per row: the station number or the ID number (at least one) and the theory score.",
    ),
    "intake.template.theory_scores.2": (
        "· 理论成绩为 0–100 的分数，最多两位小数；缺考填“缺考”。",
        "· The theory score is 0–100 with at most two decimals; write absent for a contestant who was absent.",
    ),
    "intake.template.by_draw": (
        "· 本竞赛按模块抽签，各模块的赛位号不同，没有全场统一的赛位号：请填选手的抽签号，不要填赛位号。",
        "· This contest draws lots per module, so each module has its own station numbers and there is no contest-wide station number: write the contestant's draw number, not a station number.",
    ),
    "intake.template.draw_answer_sheets.0": ("理论答题：", "Theory answers:"),
    "intake.template.draw_answer_sheets.1": (
        "· 每位考生一行：第一列抽签号，之后每题一列，列名为题号。",
        "· One contestant per row: first the draw number, then one column per question, named by its number.",
    ),
    "intake.template.draw_answer_sheets.3": (
        "· 单选填一个字母；多选填字母组合（如 ACD）；判断填 对/错。未作答留空。",
        "· Single choice: one letter; multiple choice: letters (e.g. ACD); true/false: T or F. Leave unanswered questions empty.",
    ),
    "intake.template.draw_theory_scores.0": ("理论成绩：", "Theory scores:"),
    "intake.template.draw_theory_scores.1": (
        "· 每位考生一行：抽签号或身份证号（至少一个）和理论成绩。",
        "· One contestant per row: the draw number or the ID number (at least one) and the theory score.",
    ),
    "intake.template.draw_theory_scores.3": (
        "· 理论成绩为 0–100 的分数，最多两位小数；缺考填“缺考”。",
        "· The theory score is 0–100 with at most two decimals; write absent for a contestant who was absent.",
    ),
    "intake.template.rubric.0": (
        "评分标准（导入：contest rubrics import 本表.xlsx -o 模块.toml --code A --title 模块名称）：",
        'Marking scheme (import: contest rubrics import this.xlsx -o module.toml --code A --title "Module title"):',
    ),
    "intake.template.rubric.1": (
        "· 每条评分标准一行。同一评分项（同一序号）的各行可合并“序号”“考核内容”“配分”单元格，也可每行重复填写。",
        "· One rule per row. The rows of one item (same No.) may merge the No., content and points cells, or repeat them on every row.",
    ),
    "intake.template.rubric.2": (
        "· 类型：测量（默认）——每行一条扣分标准，写明“扣N分”或填“扣分”列；含“每”（每处、每次、每漏一项）的可重复扣分，最多扣完该项配分。",
        "· Kind measurement (the default): one deduction rule per row, with the points it deducts in the Deduction column; a rule that applies per occurrence can deduct repeatedly, at most the item's points.",
    ),
    "intake.template.rubric.3": (
        "· 类型：评价——正好四行，依次为 0、1、2、3 级的描述（或每行以等级开头，如“3：熟练规范”）；得分 = 配分 × 等级 ÷ 3。",
        '· Kind judgement: exactly four rows, the descriptors of levels 0, 1, 2 and 3 in order (or each row starting with its level, e.g. "3: fluent and correct"); score = points × level ÷ 3.',
    ),
    "intake.template.rubric.4": (
        "· 类型：直接打分（操作总分）——一行，裁判直接填分，0 至配分，按“步长”（默认 0.5）。",
        "· Kind score (typed total): one row; the judge types the score, 0 to the item's points, in steps of the Step column (default 0.5).",
    ),
    "intake.template.rubric.5": (
        "· 类型：否决——否决项一行，写在“评分要求或扣分标准”列；含“取消”（取消资格）的取消竞赛资格，否则该模块记 0 分。",
        "· Kind veto: one row per veto, written in the criteria column; a veto that mentions disqualification disqualifies the contestant, otherwise the module scores 0.",
    ),
    "intake.template.rubric.6": (
        "· “环节”列选填：同一环节的评分项归为一组；不填时，考核内容相同的相邻评分项归为一组。",
        "· The Section column is optional: items of one section form a group; without it, adjacent items with the same content form a group.",
    ),
    "intake.template.rubric.7": (
        "· 模块满分为各评分项配分之和。导入时列出全部问题（工作表、行、列），没有问题才生成评分细则文件。",
        "· The module's full marks are the sum of the items' points. An import lists every problem (sheet, row, column); the rubric file is written only when there is none.",
    ),
    "intake.template.rubric_common.0": ("通用要求：", "General rules:"),
    "intake.template.rubric_common.1": (
        "· 第一行是表头，请不要修改列名；表头上方可以加标题行。",
        "· The first row is the header: do not change the column names; title rows may be added above the header.",
    ),
    "intake.template.rubric_common.2": (
        "· 红色列名为必填项。带下拉框的列请从下拉列表中选择。",
        "· Column names in red are required. For columns with a drop-down, choose from the list.",
    ),
    "intake.template.rubric_common.3": (
        "· 本表可另存为 .xlsx、.xls、.ods 或 CSV（UTF-8 或 GBK 编码）后导入。",
        "· This sheet may be saved as .xlsx, .xls, .ods or CSV (UTF-8 or GBK encoding) before importing.",
    ),
    # where a problem is, and the problem list itself (problems.py)
    "intake.where.file": ("文件 {file}", "File {file}"),
    "intake.where.sheet": ("工作表 {sheet}", "sheet {sheet}"),
    "intake.where.row": ("第 {row} 行", "row {row}"),
    "intake.where.column": ("{column} 列", "column {column}"),
    "intake.where.column_header": ("{column} 列（{header}）", "column {column} ({header})"),
    "intake.where.header": ("列（{header}）", "column {header}"),
    "intake.where.separator": ("，", ", "),
    "intake.where.problem": ("{location}：{message}", "{location}: {message}"),
    "intake.too_many": (
        "问题太多，只列出了前 {limit} 个。请先改正这些问题（多半是选错了文件或工作表），再重新导入",
        "Too many problems; only the first {limit} are listed. Fix these first (most likely the wrong file or "
        "sheet was chosen) and import again",
    ),
    "intake.bad_column_index": (
        "列序号须不小于 0（得到 {index}）",
        "column index must be >= 0 (got {index})",
    ),
    # columns
    "intake.columns.map_field": (
        "列映射中的字段“{name}”不认识。可用的字段：{fields}",
        "Unknown field “{name}” in the column mapping. Fields: {fields}",
    ),
    "intake.columns.map_header": (
        "列映射中的列“{name}”在表头中找不到。表头有：{headers}",
        "Column “{name}” from the column mapping is not in the header. The header has: {headers}",
    ),
    "intake.columns.twice": (
        "有多列都表示“{label}”（{cols} 列）。请删除或改名多余的列",
        "Several columns mean “{label}” (columns {cols}). Delete or rename the extra ones",
    ),
    "intake.columns.missing_col": (
        "缺少“{label}”列（可用列名：{names}）。表头中有：{headers}",
        "Missing column “{label}” (accepted names: {names}). The header has: {headers}",
    ),
    "intake.columns.missing_value": (
        "“{label}”未填写。请补上；如果这一行不需要，请整行删除",
        "“{label}” is empty. Fill it in, or delete the whole row if it is not needed",
    ),
    "intake.columns.uncalculated": (
        "“{label}”是公式（={formula}），但文件里没有保存计算结果（由不计算公式的程序生成，或保存时未重新计算）。请用 Excel 或 WPS 打开后保存一次，或把这一列复制后“选择性粘贴 → 数值”，再导入",
        "“{label}” is a formula (={formula}) whose result was never calculated and saved (the file was made by a program that does not calculate). Open and save it once in Excel or WPS, or copy the column and paste values only, then import again",
    ),
    # contestants
    "intake.contestants.name_digits": (
        "姓名中含有数字“{value}”。请只填写姓名（序号、电话等放在各自的列）",
        "The name contains digits (“{value}”). Put only the name here",
    ),
    "intake.contestants.name_symbols": (
        "姓名“{value}”中含有不能用于姓名的字符“{chars}”（表情符号、符号、括号或 Excel 错误值等）。请只填写姓名",
        "The name “{value}” contains characters that are not part of a name (“{chars}”: emoji, symbols, brackets, Excel errors …). Put only the name here",
    ),
    "intake.contestants.too_long": (
        "内容太长（{n} 个字，最多 {limit} 个字）。请删减，或把多余的内容放到“备注”",
        "Too long ({n} characters, at most {limit}). Shorten it, or move the rest to the note column",
    ),
    "intake.contestants.name_long": (
        "姓名太长（{n} 个字）。请只填写姓名",
        "The name is too long ({n} characters). Put only the name here",
    ),
    "intake.contestants.gender": (
        "性别“{value}”无法识别。请填写“男”或“女”",
        "Gender “{value}” is not recognised. Enter male or female (M or F)",
    ),
    "intake.contestants.gender_id": (
        "性别填写为“{given}”，但身份证号第 17 位表示“{by_id}”。请核对性别或身份证号",
        "Gender is “{given}” but the 17th digit of the ID number says “{by_id}”. Check the gender or the ID",
    ),
    "intake.contestants.gender_missing": (
        "“性别”未填写（按身份证号应为“{by_id}”）。请补上",
        "Gender is empty (the ID number says “{by_id}”). Fill it in",
    ),
    "intake.contestants.duplicate_id": (
        "身份证号与第 {others} 行重复。同一人只能报名一次，请删除重复行或核对号码",
        "The ID number repeats row(s) {others}. A person may enter only once: delete the duplicate or check the number",
    ),
    "intake.contestants.id": (
        "{message}",
        "{message}",
    ),
    "intake.contestants.project": (
        "参赛项目“{value}”不在本次比赛的项目中（共 {n} 行：{rows}）。可选：{allowed}；如果这是同一项目的另一种写法，请在 contest.toml 的 [contest] project_aliases 中登记",
        "Project “{value}” is not one of this contest's projects ({n} row(s): {rows}). Allowed: {allowed}; if it is another spelling of one of them, add it to project_aliases under [contest] in contest.toml",
    ),
    "intake.contestants.project_note": (
        "参赛项目列写的是“{value}”（共 {n} 行），与本竞赛唯一的项目“{project}”不同；本竞赛只有一个项目，该列仅供参考，这些选手按“{project}”导入",
        "The project column says “{value}” ({n} row(s)), not this contest's only project “{project}”; with one project the column is informational, and these contestants are imported under “{project}”",
    ),
    # judges
    "intake.judges.group_marking": (
        "只有评分裁判分评分组：请清空此格，或在角色中加上评分裁判",
        "Only marking judges are put in judge groups: empty this cell or add the marking role",
    ),
    "intake.judges.too_long": (
        "内容太长（{n} 个字，最多 {limit} 个字）。请删减",
        "Too long ({n} characters, at most {limit}). Shorten it",
    ),
    "intake.judges.code": (
        "编号“{value}”不合适：只能用字母、数字、- 和 _，最多 20 个字符（如 J01）",
        "Code “{value}” is not usable: letters, digits, - and _ only, at most 20 characters (e.g. J01)",
    ),
    "intake.judges.name_symbols": (
        "姓名“{value}”中含有不能用于姓名的字符“{chars}”（表情符号、符号、括号或 Excel 错误值等）。请只填写姓名",
        "The name “{value}” contains characters that are not part of a name (“{chars}”: emoji, symbols, brackets, Excel errors …). Put only the name here",
    ),
    "intake.judges.name_digits": (
        "姓名中含有数字“{value}”。请只填写姓名",
        "The name contains digits (“{value}”). Put only the name here",
    ),
    "intake.judges.role": (
        "角色“{part}”无法识别。可填：组织者/赛务、加密裁判、评分裁判、裁判长、监督、仲裁组、统分/记分，多个角色用“、”分隔",
        "Role “{part}” is not recognised. Use organiser, encryption, marking, chief, supervisor, arbitration or clerk; several separated by commas",
    ),
    "intake.judges.module": (
        "模块“{part}”不对。{advice}",
        "Module “{part}” is not valid. {advice}",
    ),
    "intake.judges.module_needed": (
        "评分裁判必须填写评分模块（如 A 或 A、B）",
        "A marking judge needs the module(s) they mark (e.g. A, or A,B)",
    ),
    "intake.judges.role_conflict": (
        "同一人不能同时担任{part}（评分裁判不能兼任监督或加密裁判，统分员不能评分，仲裁组成员不评分、不任裁判长）",
        "One person cannot hold {part} (a marking judge is not the supervisor or encryption judge; a clerk does not mark; the arbitration panel neither marks nor is the chief judge)",
    ),
    "intake.judges.duplicate_code": (
        "编号与第 {others} 行重复。每位裁判的编号必须唯一",
        "The code repeats row(s) {others}. Each judge needs a unique code",
    ),
    "intake.judges.role_join": ("、", " and "),
    "intake.role.organiser": ("组织者", "organiser"),
    "intake.role.encryption": ("加密裁判", "encryption judge"),
    "intake.role.marking": ("评分裁判", "marking judge"),
    "intake.role.chief": ("裁判长", "chief judge"),
    "intake.role.supervisor": ("监督", "supervisor"),
    "intake.role.clerk": ("统分", "clerk"),
    "intake.role.arbitration": ("仲裁组", "arbitration panel"),
    "intake.judges.known": (
        "本次比赛的模块有：{known}",
        "This contest's modules are: {known}",
    ),
    "intake.judges.format": (
        "模块代码应为字母或数字，如 A、B；多个用“、”分隔",
        "Module codes are letters or digits such as A, B; separate several with commas",
    ),
    # checkin
    "intake.checkin.state": (
        "检录状态“{value}”无法识别。可填：已检录/到场、缺考、弃权、取消资格",
        "Check-in state “{value}” is not recognised. Use present, absent, withdrew or disqualified",
    ),
    "intake.checkin.module": (
        "模块“{value}”不对。本次比赛的模块有：{known}",
        "Module “{value}” is not valid. This contest's modules are: {known}",
    ),
    "intake.checkin.module_needed": (
        "未填写模块：请在表中加“模块”列，或导入时指定模块（--module）",
        "No module: add a Module column, or name the module when importing (--module)",
    ),
    "intake.checkin.duplicate": (
        "同一模块的赛位号与第 {others} 行重复。每个赛位每个模块只登记一次",
        "The station repeats row(s) {others} in the same module. Record each station once per module",
    ),
    # lots
    "intake.lots.number": (
        "抽签号“{value}”不是正整数。请填写选手抽到的号码，如 7",
        "Draw number “{value}” is not a whole number from 1. Write the number the contestant drew, e.g. 7",
    ),
    "intake.lots.who": (
        "未填写姓名或身份证号：每行至少填一项，重名时填身份证号",
        "No name or ID number: fill in at least one (the ID number when names repeat)",
    ),
    "intake.lots.duplicate": (
        "抽签号与第 {others} 行重复。每个号码只能抽到一次",
        "The draw number repeats row(s) {others}. Each number is drawn once",
    ),
    # schedule
    "intake.schedule.number": (
        "场次“{value}”不是正整数。请填写 1、2、3 或 第1场",
        "Session “{value}” is not a whole number from 1. Write 1, 2, 3 …",
    ),
    "intake.schedule.range": (
        "赛位范围“{value}”无法展开：起止赛位须同一写法，如 A-01至A-06 或 01～06",
        "Station range “{value}” cannot be expanded: write both ends alike, e.g. A-01~A-06 or 01~06",
    ),
    "intake.schedule.time": (
        "时间“{value}”应写作 2026-12-10 08:30",
        "Time “{value}” should read like 2026-12-10 08:30",
    ),
    "intake.schedule.duplicate": (
        "场次与第 {others} 行重复。每场一行",
        "The session repeats row(s) {others}. One row per session",
    ),
    # reader
    "intake.reader.missing": (
        "找不到文件 {path}",
        "File not found: {path}",
    ),
    "intake.reader.empty": (
        "文件是空的（0 字节）。请重新导出或重新保存后再导入",
        "The file is empty (0 bytes). Export or save it again and retry",
    ),
    "intake.reader.too_big": (
        "文件太大（{mb} MB，上限 {limit} MB）。请确认选对了文件",
        "The file is too large ({mb} MB, limit {limit} MB). Check that it is the right file",
    ),
    "intake.reader.pdf": (
        "这是 PDF 文件（只是扩展名改成了 {ext}），无法读取数据。请提供 Excel 原文件（.xlsx）",
        "This is a PDF file renamed to {ext}; its data cannot be read. Provide the original Excel file (.xlsx)",
    ),
    "intake.reader.html": (
        "这是网页（HTML）格式的文件，只是扩展名为 {ext}。请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入",
        "This is a web page (HTML) with a {ext} extension. Open it in Excel or WPS and Save As .xlsx",
    ),
    "intake.reader.xml2003": (
        "这是 Excel 2003 XML 格式的文件（扩展名为 {ext}），无法直接读取。请用 Excel 打开后“另存为” .xlsx 再导入",
        "This is an Excel 2003 XML spreadsheet ({ext}), which cannot be read. Open it in Excel and Save As .xlsx",
    ),
    "intake.reader.encrypted": (
        "工作簿设置了打开密码，无法读取。请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再导入",
        "The workbook is password-protected and cannot be read. Remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it), save, and retry",
    ),
    "intake.reader.corrupt": (
        "文件无法打开：内容不完整或已损坏，或不是 Excel/WPS 表格文件（{detail}）。请用 Excel 打开确认后另存为 .xlsx 再导入",
        "The file cannot be opened: it is incomplete or damaged, or not an Excel/WPS spreadsheet ({detail}). Open it in Excel, Save As .xlsx and retry",
    ),
    "intake.reader.not_sheet": (
        "文件内容不是 Excel 工作簿，也不是 CSV（扩展名为 {ext}）。支持 .xlsx、.xlsm、.xls、.ods 和 .csv",
        "The file is neither an Excel workbook nor CSV (extension {ext}). Supported: .xlsx, .xlsm, .xls, .ods, .csv",
    ),
    "intake.reader.encoding": (
        "CSV 文件的文字编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。请用 Excel 另存为“CSV UTF-8”或 .xlsx",
        "The CSV file's text encoding is not UTF-8 or GBK/GB18030. Save it as “CSV UTF-8” or .xlsx",
    ),
    "intake.reader.csv_error": (
        "CSV 文件格式有误（{detail}）。请用 Excel 打开后另存为 .xlsx 再导入",
        "The CSV file is malformed ({detail}). Open it in Excel, Save As .xlsx and retry",
    ),
    "intake.reader.no_sheet_name": (
        "找不到名为“{name}”的工作表。文件中的工作表有：{names}",
        "There is no sheet named “{name}”. The sheets are: {names}",
    ),
    "intake.reader.no_sheet_index": (
        "没有第 {n} 个工作表（从 0 起数）。文件中的工作表有：{names}",
        "There is no sheet number {n} (counting from 0). The sheets are: {names}",
    ),
    "intake.reader.no_data": (
        "文件中没有任何数据（所有工作表都是空的）",
        "The file contains no data (every sheet is empty)",
    ),
    "intake.reader.no_header": (
        "在前 {n} 行中找不到表头行。表头应包含以下列名中的至少 {k} 个：{expected}",
        "No header row in the first {n} rows. The header should contain at least {k} of: {expected}",
    ),
    "intake.reader.bad_header_row": (
        "指定的表头行第 {given} 行超出了数据范围（共 {total} 行）",
        "The given header row {given} is beyond the data ({total} rows)",
    ),
    "intake.reader.too_many_rows": (
        "数据行太多（{n} 行，上限 {limit} 行）。请确认选对了文件和工作表，或删除多余的行",
        "Too many data rows ({n}, limit {limit}). Check the file and sheet, or delete the extra rows",
    ),
    "intake.reader.too_many_cols": (
        "列太多（{n} 列，上限 {limit} 列）。请确认选对了文件和工作表，或删除多余的列",
        "Too many columns ({n}, limit {limit}). Check the file and sheet, or delete the extra columns",
    ),
    "intake.reader.too_many_cells": (
        "工作表太大（已用区域 {rows} 行 × {cols} 列，超过 {limit} 个单元格）。请删除多余的行和列，或确认选对了文件",
        "The sheet is too large (used area {rows} rows × {cols} columns, over {limit} cells). Delete the extra rows and columns, or check that it is the right file",
    ),
    "intake.reader.unpacked_too_big": (
        "文件解压后太大（超过 {limit} MB），可能已损坏，或不是正常的表格文件。请用 Excel 打开确认后另存为 .xlsx 再导入",
        "The file unpacks to more than {limit} MB; it is damaged or not an ordinary spreadsheet. Open it in Excel, Save As .xlsx and retry",
    ),
    "intake.reader.text_too_big": (
        "工作表中的文字总量太大（约 {n} 个字符，上限 {limit}）。请确认选对了文件和工作表",
        "The sheet holds too much text (about {n} characters, limit {limit}). Check the file and sheet",
    ),
    "intake.reader.cell_too_long": (
        "单元格内容太长（{n} 个字符，Excel 单元格最多 {limit} 个字符）。请检查这个单元格",
        "The cell holds {n} characters; an Excel cell holds at most {limit}. Check this cell",
    ),
    "intake.reader.huge_cell": (
        "工作表中有单元格内容太长（超过 {n} 个字符，Excel 单元格最多 {limit} 个字符）。请确认选对了文件",
        "A cell in the sheet holds more than {n} characters; an Excel cell holds at most {limit}. Check that it is the right file",
    ),
    "intake.reader.csv_field_too_long": (
        "CSV 文件第 {line} 行附近有一个单元格内容太长（超过 {limit} 个字符），或引号没有配对。请用 Excel 打开检查后另存为 .xlsx 再导入",
        "Near line {line} of the CSV file a cell is too long (over {limit} characters) or a quote is not closed. Open it in Excel, check it, Save As .xlsx and retry",
    ),
    # rubric_import
    "intake.rubric_import.number": (
        "“{label}”须是数字，填写的是“{value}”",
        "“{label}” must be a number, got “{value}”",
    ),
    "intake.rubric_import.positive": (
        "“{label}”须大于 0，填写的是“{value}”",
        "“{label}” must be above 0, got “{value}”",
    ),
    "intake.rubric_import.kind": (
        "不认识的类型“{value}”（可填：{kinds}）",
        "Unknown kind “{value}” (allowed: {kinds})",
    ),
    "intake.rubric_import.points_differ": (
        "同一序号的各行配分不同（{first} 与 {value}）。配分写在该项第一行，或合并单元格",
        "Rows of one item give different points ({first} and {value}); write the points once or merge the cell",
    ),
    "intake.rubric_import.kind_differ": (
        "同一序号的各行类型不同（{first} 与 {value}）",
        "Rows of one item give different kinds ({first} and {value})",
    ),
    "intake.rubric_import.no_deduct": (
        "扣分标准没有写扣几分：请写明“扣N分”，或填“扣分”列",
        "The rule does not say how much it deducts: fill the Deduction column with the points it deducts",
    ),
    "intake.rubric_import.levels": (
        "评价项须正好四行，依次为 0、1、2、3 级的描述（该项有 {n} 行）",
        "A judgement item needs exactly four rows, the descriptors of levels 0, 1, 2 and 3 (it has {n})",
    ),
    "intake.rubric_import.level_order": (
        "评价项各行以等级开头时须是 0、1、2、3 各一行（找到 {found}）",
        "When rows start with their level they must be 0, 1, 2 and 3 once each (found {found})",
    ),
    "intake.rubric_import.score_rows": (
        "直接打分项只能有一行（该项有 {n} 行）",
        "A typed-score item has one row only (it has {n})",
    ),
    "intake.rubric_import.repeat": (
        "序号“{value}”在第 {others} 行已用过（不相邻的行不能同一序号）",
        "No. “{value}” is already used in row(s) {others} (an item's rows must be together)",
    ),
    "intake.rubric_import.empty_text": (
        "“{label}”未填写",
        "“{label}” is empty",
    ),
    "intake.rubric_import.no_items": (
        "表中没有任何评分项（序号、考核内容、配分都已填写的行）",
        "The table has no items (rows with the number, content and points filled in)",
    ),
    "intake.rubric_import.rubric": (
        "生成的评分细则未通过校验：{detail}",
        "The rubric made from the table does not validate: {detail}",
    ),
    # theory_key
    "intake.theory_key.type": (
        "题型“{value}”无法识别。请填写 单选、多选 或 判断",
        "Question type “{value}” is not recognised. Use single, multiple or true_false",
    ),
    "intake.theory_key.number": (
        "题号“{value}”不是正整数",
        "Question number “{value}” is not a positive whole number",
    ),
    "intake.theory_key.key_answer": (
        "{qtype}题的答案“{value}”不对：{advice}",
        "Answer “{value}” is not valid for a {qtype} question: {advice}",
    ),
    "intake.theory_key.dup_number": (
        "题号与第 {others} 行重复。每道题只能出现一次",
        "The question number repeats row(s) {others}. Each question appears once",
    ),
    "intake.theory_key.section": (
        "模块“{value}”不在组卷蓝图中。可填：{known}",
        "Section “{value}” is not in the blueprint: {known}",
    ),
    "intake.theory_key.subarea": (
        "子领域“{value}”不在模块“{section}”中。可填：{known}",
        "Sub-area “{value}” is not in section “{section}”: {known}",
    ),
    "intake.theory_key.subarea_missing": (
        "模块“{section}”有多个子领域，请填写子领域：{known}",
        "Section “{section}” has several sub-areas; fill in the sub-area: {known}",
    ),
    "intake.theory_key.no_group": (
        "组卷蓝图中“{where}”没有{qtype}题。请核对模块、子领域和题型",
        "The blueprint has no {qtype} questions in “{where}”. Check section, sub-area and type",
    ),
    "intake.theory_key.points_vary": (
        "组卷蓝图中{qtype}题的分值不止一种，答案表必须有“模块”和“子领域”列才能确定每题分值",
        "{qtype} questions carry different points in the blueprint; the key needs Section and Sub-area columns",
    ),
    "intake.theory_key.count": (
        "“{where}”的{qtype}题应有 {want} 道（组卷蓝图），答案表中有 {got} 道",
        "“{where}” should have {want} {qtype} question(s) by the blueprint; the key has {got}",
    ),
    # phone
    "intake.phone.phone_local": (
        "固定电话缺少区号：“{value}”。请加上区号，如 0750-3201234",
        "The landline “{value}” has no area code. Add it, e.g. 0750-3201234",
    ),
    "intake.phone.phone": (
        "电话号码格式不对：“{value}”。应为 11 位手机号（如 13912345678）或带区号的固定电话（如 0750-3201234），只填一个号码",
        "Malformed phone number “{value}”. Use an 11-digit mobile (e.g. 13912345678) or a landline with area code (e.g. 0750-3201234); one number only",
    ),
    # idcard
    "intake.idcard.number": (
        '身份证号被 Excel 存成了数字：Excel 只保留 15 位有效数字，末几位可能已经丢失。请把该列设置单元格格式为"文本"，再重新输入完整的 18 位身份证号',
        "The ID was stored as a number: Excel keeps only 15 significant digits, so the last digits may already be lost. Format the column as Text and re-enter the full 18-character ID",
    ),
    "intake.idcard.old15": (
        "这是 15 位旧身份证号，已不能使用。请填写 18 位居民身份证号（见身份证正面或反面）",
        "This is an old 15-digit ID, which is no longer accepted. Enter the 18-character resident ID",
    ),
    "intake.idcard.length": (
        "身份证号应为 18 位，这里是 {n} 位。请核对是否多打或漏打",
        "An ID number has 18 characters; this one has {n}. Check for missing or extra digits",
    ),
    "intake.idcard.charset": (
        "身份证号只能是 17 位数字加 1 位数字或 X，这里含有“{chars}”",
        "An ID number is 17 digits followed by a digit or X; this one contains “{chars}”",
    ),
    "intake.idcard.region": (
        "前两位 {prefix} 不是有效的省级行政区划代码。请核对身份证号",
        "The first two digits {prefix} are not a valid province code. Check the ID number",
    ),
    "intake.idcard.birth": (
        "第 7–14 位 {digits} 不是有效的出生日期。请核对身份证号",
        "Digits 7–14 ({digits}) are not a valid date of birth. Check the ID number",
    ),
    "intake.idcard.future": (
        "出生日期 {birth} 在比赛日期之后。请核对身份证号",
        "The date of birth {birth} is after the contest date. Check the ID number",
    ),
    "intake.idcard.age": (
        "按身份证号，比赛日 {day} 时年龄为 {age} 岁，不在 {lo}–{hi} 岁之间。请核对身份证号",
        "By this ID the holder is {age} on the contest day {day}, outside {lo}–{hi}. Check the ID number",
    ),
    "intake.idcard.check": (
        "校验位不对：最后一位是 {got}，按前 17 位应为 {want}。通常是某一位抄错了，请对照身份证核对",
        "Wrong check character: the last character is {got} but the first 17 digits give {want}. Usually one digit was mistyped; compare with the ID card",
    ),
    "intake.idcard.check_zeros": (
        '校验位不对：最后一位是 {got}，按前 17 位应为 {want}。末三位是 000，多半是 Excel 把身份证号当数字截断了：请把该列设置单元格格式为"文本"后重新输入',
        "Wrong check character: the last character is {got} but the first 17 digits give {want}. The ID ends in 000, so Excel most likely truncated it as a number: format the column as Text and re-enter it",
    ),
    # theory
    "intake.theory.dup_column": (
        "第 {number} 题有两列（{cols} 列）。请删除多余的一列",
        "Question {number} has two columns ({cols}). Delete the extra one",
    ),
    "intake.theory.dup_station": (
        "{label}与第 {others} 行重复。每位考生只能有一行",
        "{label} repeats row(s) {others}. Each contestant has one row",
    ),
    "intake.theory.dup_station_question": (
        "{label} {station} 的第 {number} 题与第 {others} 行重复",
        "{label} {station} question {number} repeats row(s) {others}",
    ),
    "intake.theory.answer": (
        "第 {number} 题（{qtype}）的作答“{value}”无法识别。{advice}",
        "The answer “{value}” to question {number} ({qtype}) is not recognised. {advice}",
    ),
    "intake.theory.not_in_key": (
        "第 {number} 题不在答案表中。请核对题号",
        "Question {number} is not in the answer key. Check the number",
    ),
    "intake.theory.missing_questions": (
        "答题表缺少这些题的列：{numbers}",
        "The answer sheet has no column for question(s): {numbers}",
    ),
    "intake.theory.no_questions": (
        "表头中没有题号列（如 1、2、3 或 第1题）",
        "The header has no question columns (1, 2, 3 … or Q1)",
    ),
    "intake.theory.no_identifier": (
        "表头中需要“{label}”{alt}或“身份证号”列",
        "The header needs a {label}{alt} column or an ID number column",
    ),
    "intake.theory.row_identifier": (
        "这一行没有{noun}也没有身份证号。请补上",
        "This row has neither a {noun} nor an ID number. Fill one in",
    ),
    "intake.theory.station_column": (
        "“{value}”列不能用来匹配：按模块抽签时各模块的赛位号不同，没有全场统一的赛位号，理论答卷和成绩按抽签号匹配。请把这一列换成“抽签号”，填每位考生的抽签号",
        "Column “{value}” cannot be matched: with a per-module draw every module has its own station numbers, so theory papers and scores are matched by draw number. Replace it with a draw number column holding each contestant's draw number",
    ),
    "intake.theory.score": (
        "理论成绩“{value}”不是数字。请填写 0–100 的分数（最多两位小数），缺考请填“缺考”",
        "Theory score “{value}” is not a number. Enter 0–100 (at most 2 decimals), or absent if the contestant was absent",
    ),
    "intake.theory.score_range": (
        "理论成绩 {value} 不在 0–{top} 之间",
        "Theory score {value} is outside 0–{top}",
    ),
    "intake.theory.score_places": (
        "理论成绩 {value} 超过两位小数。请保留两位小数",
        "Theory score {value} has more than 2 decimals. Round it to 2 decimals",
    ),
    "intake.theory.id": (
        "{message}",
        "{message}",
    ),
}
