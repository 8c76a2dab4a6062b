"""The command line's words: option help, progress lines, tables and summaries.

Part of the one catalogue (:mod:`contest.i18n`). Rich markup (``[green]…[/]``) may stand in a text where only part
of the line is styled; parameters that come from users are escaped by the caller.
"""

TEXT: dict[str, tuple[str, str]] = {
    # -- the error handler every command wears (contest.cli.output.friendly) -----------------------------------
    "cli.error": ("[red]错误：[/]{message}", "[red]error:[/] {message}"),
    "cli.config_problems": ("[red]配置文件有问题：[/]", "[red]the configuration has problems:[/]"),
    "cli.import.annotated": (
        "已生成标注问题的工作簿：[bold]{path}[/]",
        "annotated copy of the file with its problems: [bold]{path}[/]",
    ),
    "cli.import.nothing_imported": (
        "[red]共 {n} 个问题，未导入任何数据[/]",
        "[red]{n} problem(s); nothing was imported[/]",
    ),
    "cli.problems.title": ("问题清单", "Problems"),
    "cli.problems.sheet": ("工作表", "Sheet"),
    "cli.problems.row": ("行", "Row"),
    "cli.problems.column": ("列", "Col"),
    "cli.problems.field": ("字段", "Field"),
    "cli.problems.value": ("值", "Value"),
    "cli.problems.problem": ("问题", "Problem"),
    "cli.problems.more": ("……另有 {n} 个问题，见标注工作簿", "… and {n} more (see the annotated copy)"),
    # -- the standings table ---------------------------------------------------------------------------------------
    "cli.standings.title": ("成绩排名", "Standings"),
    "cli.standings.before_decryption": ("（解密前，按赛位号）", " (before decryption, by station)"),
    "cli.standings.rank": ("名次", "Rank"),
    "cli.standings.station": ("赛位号", "Station"),
    "cli.standings.name": ("姓名", "Name"),
    "cli.standings.unit": ("单位", "Unit"),
    "cli.standings.theory": ("理论", "Theory"),
    "cli.standings.practical": ("实操", "Practical"),
    "cli.standings.total": ("总分", "Total"),
    "cli.standings.award": ("奖项", "Award"),
    "cli.standings.remark": ("备注", "Remark"),
    # -- printing and exporting ------------------------------------------------------------------------------------
    "cli.print.saved": ("[green]✓[/] {path}", "[green]✓[/] {path}"),
    "cli.print.calibration_hint": (
        "（在空白纸上打印，与证书纸对照后调整 offset/boxes）",
        " (print it on blank paper, lay it on the certificate stock, then adjust offset/boxes)",
    ),
    # -- the steps every import shares (contest.cli.imports.steps) -------------------------------------------------
    "cli.import.file_missing": ("找不到文件 {path}", "File not found: {path}"),
    "cli.import.not_a_file": ("{path} 不是文件", "{path} is not a file"),
    "cli.import.bad_map": (
        "--map 的格式应为 字段=表头（如 身份证号=证件号码），得到“{item}”",
        "--map takes field=header or column letter (e.g. phone=F), got “{item}”",
    ),
    "cli.import.no_annotated_copy": (
        "[yellow]无法写入标注副本（{reason}），请根据下表逐项修改[/]",
        "[yellow]could not write the annotated copy ({reason}); fix the problems listed[/]",
    ),
    "cli.import.read": (
        "读取 {file}{sheet}，表头在第 {header_row} 行：{count} {noun}",
        "Read {file}{sheet}, header in row {header_row}: {count} {noun}",
    ),
    "cli.import.read_sheet": ("，工作表“{sheet}”", ", sheet “{sheet}”"),
    "cli.import.storing": ("正在保存…", "Storing…"),
    "cli.import.dry_run": ("[yellow]试运行，未写入[/]", "[yellow]Dry run, nothing stored[/]"),
    "cli.import.list_sep": ("、", ", "),
    # what a file held none of (after the file's name), and what it held (after the count)
    "cli.import.empty.contestants": (
        "{file} 中没有选手数据，未导入",
        "{file} holds no contestants; nothing imported",
    ),
    "cli.import.empty.judges": ("{file} 中没有裁判数据，未导入", "{file} holds no judges; nothing imported"),
    "cli.import.empty.lots": ("{file} 中没有抽签号，未导入", "{file} holds no lots; nothing imported"),
    "cli.import.empty.checkin": (
        "{file} 中没有检录记录，未导入",
        "{file} holds no check-in rows; nothing imported",
    ),
    "cli.import.empty.questions": ("{file} 中没有题目", "{file} holds no questions"),
    "cli.import.empty.answer_sheets": ("{file} 中没有答卷", "{file} holds no answer sheets"),
    "cli.import.empty.scores": ("{file} 中没有成绩", "{file} holds no scores"),
    "cli.import.noun.contestants": ("名选手", "contestants"),
    "cli.import.noun.judges": ("名裁判", "judges"),
    "cli.import.noun.lots": ("个抽签号", "lots"),
    "cli.import.noun.checkin": ("条检录记录", "check-in rows"),
    "cli.import.noun.answer_sheets": ("份答卷", "answer sheets"),
    "cli.import.noun.candidates": ("人", "candidates"),
    # -- contest import lots / checkin -----------------------------------------------------------------------------
    "cli.import.reading_lots": ("正在读取并检查抽签表…", "Reading and checking the lots…"),
    "cli.import.lots_done": (
        "[green]✓ 已登记 {n} 个抽签号[/]（已录入 {keyed}/{contestants}）",
        "[green]✓ {n} lots recorded[/] ({keyed}/{contestants} keyed so far)",
    ),
    "cli.import.reading_checkin": ("正在读取并检查检录表…", "Reading and checking the check-in list…"),
    "cli.import.checkin_done": (
        "[green]✓ 已登记 {n} 条检录记录[/]",
        "[green]✓ {n} check-in rows recorded[/]",
    ),
    # -- contest import contestants / judges -----------------------------------------------------------------------
    "cli.import.reading_contestants": ("正在读取并检查报名表…", "Reading and checking the list…"),
    "cli.import.contestant_counts": (
        "新增 {added}，更新 {updated}，未变 {unchanged}，移出 {removed}",
        "added {added}, updated {updated}, unchanged {unchanged}, removed {removed}",
    ),
    "cli.import.contestants_dry_run": (
        "[yellow]试运行，未写入[/]：将{counts}",
        "[yellow]Dry run, nothing stored[/]: {counts}",
    ),
    "cli.import.contestants_done": (
        "[green]✓ 选手导入完成[/]：{counts}",
        "[green]✓ Contestants imported[/]: {counts}",
    ),
    "cli.import.reading_judges": ("正在读取并检查裁判名单…", "Reading and checking the list…"),
    "cli.import.judges_dry_run_title": (
        "试运行：将导入的裁判（未写入）",
        "Dry run: judges to import (nothing stored)",
    ),
    "cli.import.col.code": ("编号", "Code"),
    "cli.import.col.name": ("姓名", "Name"),
    "cli.import.col.roles": ("角色", "Roles"),
    "cli.import.col.modules": ("模块", "Modules"),
    "cli.import.roles_sep": ("、", ","),
    "cli.import.role.organiser": ("组织者", "organiser"),
    "cli.import.role.encryption": ("加密裁判", "encryption"),
    "cli.import.role.marking": ("评分裁判", "marking"),
    "cli.import.role.chief": ("裁判长", "chief"),
    "cli.import.role.supervisor": ("监督", "supervisor"),
    "cli.import.role.clerk": ("统分", "clerk"),
    "cli.import.role.arbitration": ("仲裁组", "arbitration"),
    "cli.import.judge_update": ("更新", "update"),
    "cli.import.judge_new": ("新增", "new"),
    "cli.import.judges_dry_run": (
        "[yellow]试运行，未写入[/]：将新增 {new}，更新 {updated}",
        "[yellow]Dry run, nothing stored[/]: {new} new, {updated} updated",
    ),
    "cli.import.judges_done": (
        "[green]✓ 裁判导入完成[/]：新增 {new}，更新 {updated}（已有裁判的 PIN 不变）",
        "[green]✓ Judges imported[/]: {new} new, {updated} updated (existing PINs unchanged)",
    ),
    "cli.import.pins_title": (
        "新裁判的登录 PIN（只显示这一次）",
        "Login PINs of the new judges (shown once)",
    ),
    "cli.import.pins_warning": (
        "[bold yellow]请当面把 PIN 发给裁判本人。PIN 只显示这一次，系统只保存其加密摘要；"
        "不要保存、打印或拍照本页。PIN 遗失后无法找回，只能重新设置。[/]",
        "[bold yellow]Hand each PIN to its judge in person. They are shown this once and stored only as "
        "hashes; do not save, print or photograph this screen. A lost PIN cannot be recovered, only set anew.[/]",
    ),
    # -- contest template ------------------------------------------------------------------------------------------
    "cli.template.not_xlsx": ("模板须保存为 .xlsx：{path}", "templates are .xlsx files: {path}"),
    "cli.template.exists": (
        "{path} 已存在，未覆盖（确需覆盖请加 --force）",
        "{path} exists; not overwritten (add --force to overwrite)",
    ),
    "cli.template.generic": (
        "未找到竞赛数据库，按通用格式生成",
        "No contest database found; generic template",
    ),
    "cli.template.builtin_blueprint": (
        "未找到竞赛数据库，按内置组卷蓝图 {blueprint} 生成",
        "No contest database found; using the built-in blueprint {blueprint}",
    ),
    "cli.template.no_theory": (
        "本竞赛没有配置理论考试，无法生成答案模板",
        "This contest has no theory exam configured",
    ),
    "cli.template.needs_blueprint": ("答题表模板需要组卷蓝图", "The answer-sheet template needs a blueprint"),
    "cli.template.done": ("[green]✓ 模板已生成[/] {path}", "[green]✓ Template written[/] {path}"),
    # -- station and draw numbers in a theory file (contest.cli.imports.stations) ----------------------------------
    "cli.theory.noun.draw": ("抽签号", "draw number"),
    "cli.theory.noun.station": ("赛位号", "station"),
    "cli.theory.more_rows": ("（此{noun}另有 {more} 行）", " ({more} more row(s) with this {noun})"),
    "cli.theory.unknown_draw": (
        "抽签号“{typed}”不是本竞赛的抽签号（本竞赛的抽签号为 {shown}）{also}。请核对",
        "Draw number “{typed}” is not a draw number of this contest ({shown}){also}. Check it",
    ),
    "cli.theory.unknown_station": (
        "赛位号“{typed}”不是本竞赛的赛位（本竞赛的赛位号为 {shown}）{also}。请核对",
        "Station “{typed}” is not a station of this contest ({shown}){also}. Check it",
    ),
    "cli.theory.spelling": ("“{typed}”（第 {row} 行）", "“{typed}” (row {row})"),
    "cli.theory.same_draw": (
        "抽签号“{typed}”与{others}是同一个抽签号 {found}。每位考生只能出现一次，请核对",
        "Draw number “{typed}” is the same draw number {found} as {others}. Check which is right",
    ),
    "cli.theory.same_station": (
        "赛位号“{typed}”与{others}是同一个赛位 {found}。每位考生只能出现一次，请核对",
        "Station “{typed}” is the same station {found} as {others}. Check which is right",
    ),
    # -- the theory exam's imports (contest.cli.imports.theory) ----------------------------------------------------
    "cli.theory.not_configured": (
        "本竞赛没有配置理论考试（contest.toml 的 scoring.theory_blueprint）",
        "This contest has no theory exam (scoring.theory_blueprint in contest.toml)",
    ),
    "cli.theory.reading_key": ("正在读取并检查答案…", "Reading and checking the key…"),
    "cli.theory.rule_partial": (
        "多选题少选（无错选）得一半分",
        "multiple choice: half points for a correct subset",
    ),
    "cli.theory.rule_all": ("多选题全对才得分", "multiple choice: all or nothing"),
    "cli.theory.type.single": ("单选", "single"),
    "cli.theory.type.multiple": ("多选", "multiple"),
    "cli.theory.type.true_false": ("判断", "true_false"),
    "cli.theory.key_title": ("答案概况", "Answer key"),
    "cli.theory.col.section": ("模块", "Section"),
    "cli.theory.col.questions": ("题数", "Questions"),
    "cli.theory.col.points": ("分值", "Points"),
    "cli.theory.total_row": ("合计", "Total"),
    "cli.theory.whole_paper": ("全卷", "Paper"),
    "cli.theory.key_note": (
        "组卷蓝图 {blueprint}（{title}）；{rule}。单元格为“题数 / 分值”",
        "Blueprint {blueprint} ({title}); {rule}. Cells are questions / points",
    ),
    "cli.theory.key_valid": (
        "[green]✓ 答案无误[/]：{questions} 题，共 {points} 分。答案不存入数据库；"
        "导入答卷时请用 [bold]contest import answers 答卷.xlsx --key {file}[/]",
        "[green]✓ The key is valid[/]: {questions} questions, {points} points. It is not "
        "stored; mark papers with [bold]contest import answers SHEETS.xlsx --key {file}[/]",
    ),
    "cli.theory.marks_title": ("理论成绩（自动评分）", "Theory scores (auto-marked)"),
    "cli.theory.col.draw": ("抽签号", "Draw number"),
    "cli.theory.col.station": ("赛位号", "Station"),
    "cli.theory.col.total": ("总分", "Total"),
    "cli.theory.col.blank": ("未答", "Blank"),
    "cli.theory.analysis_title": ("题目分析", "Item analysis"),
    "cli.theory.col.number": ("题号", "No."),
    "cli.theory.col.type": ("题型", "Type"),
    "cli.theory.col.key": ("答案", "Key"),
    "cli.theory.col.correct": ("答对率", "Correct"),
    "cli.theory.col.discrimination": ("区分度", "Discr."),
    "cli.theory.col.wrong": ("常见错答", "Wrong answers"),
    "cli.theory.col.note": ("提示", "Note"),
    "cli.theory.analysis_summary": (
        "答卷 {papers} 份，平均分 {mean}，最高 {highest}，最低 {lowest}（卷面 {max_points} 分）",
        "{papers} papers, mean {mean}, highest {highest}, lowest {lowest} (out of {max_points})",
    ),
    "cli.theory.more_questions": (" 等（共 {n} 题）", " … ({n} questions)"),
    "cli.theory.none_correct": (
        "[red]无人答对的题：{numbers}。请核对这些题的答案是否正确[/]",
        "[red]Nobody answered correctly: {numbers}. Check the key for these questions[/]",
    ),
    "cli.theory.negative": (
        "[red]高分组答对率低于低分组的题：{numbers}。请核对答案和题目[/]",
        "[red]Negative discrimination: {numbers}. Check key and wording[/]",
    ),
    "cli.theory.all_correct": (
        "[yellow]全部答对的题：{numbers}[/]",
        "[yellow]Everybody answered correctly: {numbers}[/]",
    ),
    "cli.theory.nothing_flagged": ("没有需要特别核对的题目", "No question needs a second look"),
    "cli.theory.no_draw_numbers": (
        "还没有抽签，没有抽签号。答卷按抽签号评分，请先抽签（contest draw）",
        "No draw yet, so no draw numbers. Answer sheets are matched by draw number: run contest draw first",
    ),
    "cli.theory.no_stations": (
        "还没有抽签，没有赛位号。答卷按赛位号评分，请先抽签（contest draw）",
        "No draw yet, so no station numbers. Answer sheets are matched by station: run contest draw first",
    ),
    "cli.theory.reading_answers": ("正在读取答卷…", "Reading the answer sheets…"),
    "cli.theory.analysis_workbook_title": ("理论考试题目分析（{file}）", "Theory item analysis ({file})"),
    "cli.theory.analysis_written": ("题目分析已写入 {path}", "Item analysis written to {path}"),
    "cli.theory.missing_draw": (
        "[yellow]这些抽签号没有答卷，理论成绩暂缺：{numbers}[/]",
        "[yellow]No answer sheet for these draw numbers (theory score still empty): {numbers}[/]",
    ),
    "cli.theory.missing_stations": (
        "[yellow]这些赛位没有答卷，理论成绩暂缺：{numbers}[/]",
        "[yellow]No answer sheet for these stations (theory score still empty): {numbers}[/]",
    ),
    "cli.theory.marked_dry_run": (
        "[yellow]试运行，未写入[/]：{n} 份答卷已评分（{rule}）",
        "[yellow]Dry run, nothing stored[/]: {n} papers marked ({rule})",
    ),
    "cli.theory.marked_done": (
        "[green]✓ 理论成绩已保存[/]：{n} 人（{rule}）",
        "[green]✓ Theory scores stored[/]: {n} candidates ({rule})",
    ),
    "cli.theory.reading_scores": ("正在读取理论成绩…", "Reading the scores…"),
    "cli.theory.no_draw_for_numbers": (
        "还没有抽签，不能按{noun}导入。请先抽签，或在每一行填写身份证号",
        "No draw yet, so {noun}s cannot be matched. Draw first, or give every row an ID number",
    ),
    "cli.theory.row_without_id": (
        "这一行没有身份证号，而其他行有。同一文件请统一：每行都填身份证号，或每行都填{noun}",
        "This row has no ID number while others do. Give every row an ID number, or every row a {noun}",
    ),
    "cli.theory.scores_title": ("理论成绩", "Theory scores"),
    "cli.theory.col.row": ("行", "Row"),
    "cli.theory.col.id_number": ("身份证号", "ID number"),
    "cli.theory.col.score": ("成绩", "Score"),
    "cli.theory.absent_zero": ("缺考（按 0 分）", "absent (0)"),
    "cli.theory.absent_note": (
        "[yellow]注意：第 {row} 行 {who} 缺考，理论成绩按 0 分计[/]",
        "[yellow]Note: row {row} {who} was absent; theory score counts as 0[/]",
    ),
    "cli.theory.by_id": ("按身份证号匹配", "matched by ID number"),
    "cli.theory.by_number": ("按{noun}匹配", "matched by {noun}"),
    "cli.theory.scores_dry_run": (
        "[yellow]试运行，未写入[/]：{n} 人，{how}",
        "[yellow]Dry run, nothing stored[/]: {n} candidates, {how}",
    ),
    "cli.theory.scores_done": (
        "[green]✓ 理论成绩已保存[/]：{n} 人，{how}",
        "[green]✓ Theory scores stored[/]: {n} candidates, {how}",
    ),
}
