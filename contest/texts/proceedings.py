"""Errors and notices of the services that run the proceedings after marking (:mod:`contest.services` documents, appeals, arbitration, calibration, encryption, feedback, rubric changes, vetoes).

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {
    # list separators (contest.services.wording.joined)
    "documents.join_semicolon": ("{a}；{b}", "{a}; {b}"),
    "documents.join_comma": ("{a}，{b}", "{a}, {b}"),
    "documents.join_enum": ("{a}、{b}", "{a}, {b}"),
    # encryption (抽签加密)
    "encryption.one_stage_no_stage": (
        "本竞赛一次完成抽签加密（[draw] stages = 1），不分一次、二次加密",
        "this contest draws in one step ([draw] stages = 1): give no stage",
    ),
    "encryption.two_stages_give_stage": (
        "本竞赛分两步加密：一次加密 --stage 1，二次加密 --stage 2（由另一名加密裁判）",
        "this contest encrypts in two stages: --stage 1, then --stage 2 by another encryption judge",
    ),
    "encryption.stage1_held_by": (
        "一次加密（抽签号）由加密裁判 {holder} 负责（[draw] stage1_holder）",
        "stage 1 is held by {holder}",
    ),
    "encryption.stage2_held_by": (
        "二次加密（赛位号）由加密裁判 {holder} 负责（[draw] stage2_holder）",
        "stage 2 is held by {holder}",
    ),
    "encryption.hand_drawn_no_seed": (
        '抽签号由选手在检录时抽取并录入（[draw] lots = "drawn"），一次加密不用种子',
        "the lots are drawn by hand: stage 1 takes no seed",
    ),
    "encryption.already_drawn": ("已经抽过签", "the draw has already been made"),
    "encryption.no_contestants": ("还没有选手", "no contestants to draw"),
    "encryption.stage1_not_sealed": ("一次加密（抽签号）尚未封存，不能二次加密", "stage 1 is not sealed yet"),
    "encryption.stage2_needs_other_judge": (
        "二次加密须由另一名加密裁判完成（{judge} 已完成一次加密）",
        "stage 2 needs another encryption judge than stage 1 ({judge} did stage 1)",
    ),
    "encryption.stage1_sealed": ("一次加密已经封存", "stage 1 is already sealed"),
    "encryption.cannot_seal_stage1": (
        "不能封存一次加密：{why}",
        "cannot seal stage 1: lots missing, repeated or out of range ({why})",
    ),
    "encryption.lots_missing": (
        "{n} 名选手还没有抽签号：{names}",
        "{n} contestant(s) have no lot yet: {names}",
    ),
    "encryption.lots_wrong": (
        "抽签号 {numbers} 重复或超出 1–{n}",
        "lot number(s) {numbers} repeated or outside 1–{n}",
    ),
    "encryption.lot_refused": ("{problems}", "{problems}"),
    "encryption.lot_row": ("第 {row} 行：{problem}", "row {row}: {problem}"),
    "encryption.lots_by_computer": (
        '本竞赛由计算机抽取抽签号（[draw] lots = "computer"），不录入',
        "this contest's lots are drawn by the computer",
    ),
    "encryption.lots_sealed": ("一次加密已封存，抽签号不能再改", "stage 1 is sealed: lots cannot change"),
    "encryption.lot_out_of_range": ("抽签号 {number} 超出范围 1–{n}", "lot {number} is out of range 1–{n}"),
    "encryption.lot_listed_twice": (
        "{name} 在第 {row} 行已有抽签号",
        "{name} is listed twice (first at row {row})",
    ),
    "encryption.lot_repeats": (
        "抽签号 {number} 重复：也属于 {others}",
        "number {number} repeats: also {others}'s",
    ),
    "encryption.lot_name_ambiguous": (
        "重名选手 {name}：请用身份证号",
        "several contestants are named {name}: give the ID number",
    ),
    "encryption.lot_no_such_contestant": ("没有这名选手：{name}", "no such contestant: {name}"),
    "encryption.one_stage_one_sheet": (
        "本竞赛一次完成抽签加密，只有一张加密对照表（不用 --stage）",
        "one stage: one draw sheet",
    ),
    "encryption.give_stage": ("请指明 --stage 1（一次加密）或 --stage 2（二次加密）", "give --stage 1 or 2"),
    "encryption.stage1_not_done": ("一次加密（抽签号）尚未完成", "stage 1 is not done yet"),
    "encryption.stage2_not_done": ("二次加密（赛位号）尚未完成", "stage 2 is not done yet"),
    "encryption.stage1_sheet_held_by": (
        "只有一次加密（抽签号）的加密裁判 {holder} 可以打印这张对照表",
        "only {holder} holds stage 1's sheet",
    ),
    "encryption.stage2_sheet_held_by": (
        "只有二次加密（赛位号）的加密裁判 {holder} 可以打印这张对照表",
        "only {holder} holds stage 2's sheet",
    ),
    "encryption.decrypt_needs_keys": (
        "解密须由各阶段加密裁判（{holders}）到场输入PIN开启各自的对照表{missing}{extra}",
        "decryption needs the key holders {holders} with their PINs{missing}{extra}",
    ),
    "encryption.decrypt_keys_missing": ("（缺 {judges}）", " (missing: {judges})"),
    "encryption.decrypt_keys_extra": ("（{judges} 不持有加密对照表）", " ({judges} hold no draw sheet)"),
    "encryption.decrypt_key_failed": (
        "{judge}：{why}；解密未执行",
        "{judge}: {why}; decryption was not carried out",
    ),
    # arbitration (仲裁) and objections (公示期异议)
    "arbitration.final": ("仲裁决定为最终决定，不再变更", "the arbitration decision is final"),
    "arbitration.escalation_reason_empty": ("提请仲裁的理由不能为空", "the reason for escalation is empty"),
    "arbitration.objection_before_panel": (
        "公示期异议直接由仲裁组决定",
        "already before the arbitration panel",
    ),
    "arbitration.escalated": ("该申诉已提请仲裁", "already before the arbitration panel"),
    "arbitration.no_first_ruling": (
        "该申诉尚未复核：须先由裁判长（或监督）作出复核结论，对结论不服再提请仲裁",
        "the appeal has no first ruling yet (contest ruling)",
    ),
    "arbitration.escalation_too_late": (
        "已超过提请仲裁期限：复核结论于 {ruled} 作出，期限 {minutes} 分钟，截止 {until}，现在 {now}；复核结论已生效",
        "too late to escalate: the first ruling was given at {ruled}, escalation was open for {minutes} minutes "
        "until {until}, it is now {now}; the ruling stands",
    ),
    "arbitration.objection_empty": ("异议内容不能为空", "the objection is empty"),
    "arbitration.objector_unnamed": (
        "公示期异议须实名：请填写异议人姓名及联系方式",
        "an objection needs the objector's real name",
    ),
    "arbitration.not_published": (
        "成绩尚未公示（contest publish），不能登记公示期异议；比赛结束后的申诉请用 contest appeal",
        "results are not published yet: objections open at publication",
    ),
    "arbitration.publication_over": (
        "公示期已结束，不予受理：成绩于 {start} 公示，公示期 {days} 天，截止 {until}，现在 {now}",
        "the publication period is over: published at {start} for {days} days until {until}, it is now {now}",
    ),
    "arbitration.opinion_decision_empty": (
        "仲裁意见和决定都不能为空",
        "the opinion and the decision are both required",
    ),
    "arbitration.not_escalated": (
        "该申诉未提请仲裁：须先经裁判长（或监督）复核，选手对复核结论不服再提请仲裁（contest escalate）",
        "the appeal is not before the arbitration panel: first ruling, then escalation",
    ),
    "arbitration.ruler_recused": (
        "作出复核结论的人不能参与仲裁该申诉（回避）",
        "who gave the first ruling cannot arbitrate it",
    ),
    "arbitration.already_published": ("成绩已于 {at} 公示", "already published at {at}"),
    "arbitration.publish_too_early": (
        "须全部模块签核并解密后才能公示",
        "publish after every module is signed off and decrypted",
    ),
    # calibration (评分标定)
    "calibration.title_too_long": (
        "标定名称最长 {max} 字，现有 {n} 字",
        "the title is longer than {max} characters ({n})",
    ),
    "calibration.module_signed_off": ("模块 {module} 已签核，不能再标定", "module {module} is signed off"),
    "calibration.none_open": (
        "模块 {module} 没有进行中的标定",
        "module {module} has no open calibration performance",
    ),
    "calibration.time_first": ("请先录入用时（mm:ss）", "enter the time used first"),
    "calibration.not_found": (
        "模块 {module} 没有标定 {code}",
        "no calibration performance {code} in module {module}",
    ),
    "calibration.closed": ("标定 {code} 已结束，不能修改", "calibration {code} is closed"),
    "calibration.sheet_submitted": (
        "标定评分表已提交，不能修改",
        "the calibration sheet is submitted and read-only",
    ),
    "calibration.stale": (
        "标定评分表已在别处修改（版本 {version}，您看到的是 {seen}），请刷新后再录入",
        "the calibration sheet changed elsewhere (version {version}, you saw {seen}); reload and re-enter",
    ),
    # appeals (申诉)
    "appeals.text_empty": ("申诉内容不能为空", "the appeal text is empty"),
    "appeals.ruling_empty": ("裁决内容不能为空", "the ruling is empty"),
    "appeals.objection_no_ruling": (
        "公示期异议由仲裁组决定，不经复核",
        "an objection during publication is decided by the arbitration panel (contest arbitrate)",
    ),
    "appeals.already_ruled": ("该申诉已裁决", "already ruled"),
    "appeals.not_found": ("申诉 {appeal} 不存在", "no appeal {appeal}"),
    "appeals.no_module": ("该申诉未指明模块，不能重开评分表", "the appeal names no module"),
    "appeals.no_sheet": ("裁判 {judge} 没有该选手的评分表", "judge {judge} has no sheet for this contestant"),
    "appeals.deadline_module": ("模块 {module} ", "module {module}"),
    "appeals.deadline_all_modules": ("全部模块", "the last module"),
    "appeals.deadline_passed": (
        "已超过申诉期限，不予受理：{what}于 {ended} 结束（签核），申诉期限 {minutes} 分钟，截止 {due}，现在 {now}；"
        "成绩公示期内可提出异议",
        "the appeal deadline has passed: {what} ended (signed off) at {ended}, appeals were open for {minutes} "
        "minutes until {due}, it is now {now}; an objection can be lodged during publication",
    ),
    "appeals.no_draw_number": (
        "抽签号 {number} 不存在（按模块抽签时，未指明模块的申诉以抽签号登记）",
        "no draw number {number} (with a per-module draw an appeal naming no module gives the draw number)",
    ),
    "appeals.no_station": ("赛位号 {station} 不存在", "no station {station}"),
    # rubric corrections (评分细则更正)
    "rubric_change.invalid": (
        "更正后的评分细则不能使用（{n} 处）：\n{lines}",
        "the proposed rubric cannot be used ({n} problem(s)):\n{lines}",
    ),
    "rubric_change.nothing_to_change": (
        "请给出修改内容（--set 评分项=配分 或 --file 更正后的评分细则）",
        "nothing to change",
    ),
    "rubric_change.file_too_large": ("{source}：文件过大", "{source}: the file is too large"),
    "rubric_change.not_module_rubric": (
        '{source}：须为模块评分细则（type = "module"）',
        "{source}: not a module rubric",
    ),
    "rubric_change.needs_two": (
        "评分细则更正须由裁判长和监督两人共同决定并填写理由",
        "a rubric correction needs the chief judge, the supervisor and a reason",
    ),
    "rubric_change.unchanged": ("更正后的评分细则与现用的相同", "the proposed rubric is the one in use"),
    # vetoes decided by the chief judge (否决确认)
    "veto.decided_by_panel": (
        "本竞赛的否决由评分组按 veto_quorum 决定，无需裁判长确认",
        "this contest's vetoes are decided by the panel's quorum ([scoring] veto_confirmation = \"panel\")",
    ),
    "veto.statement_required": ("须填写情况说明", "a written statement is required"),
    "veto.reason_required": ("须填写驳回理由", "a reason is required"),
    "veto.statement_too_long": ("情况说明最多 {max} 字，现为 {n} 字", "at most {max} characters, got {n}"),
    "veto.signed_off_confirm": (
        "模块 {module} 已签核，不能再确认否决",
        "module {module} is signed off: the veto can no longer be decided",
    ),
    "veto.signed_off_reject": (
        "模块 {module} 已签核，不能再驳回否决",
        "module {module} is signed off: the veto can no longer be decided",
    ),
    "veto.no_proposal": (
        "模块 {module} 赛位 {station} 没有否决建议",
        "no veto proposal at station {station} (module {module})",
    ),
    "arbitration.no_decision_yet": (
        "申诉 {appeal} 尚无仲裁决定",
        "appeal {appeal} has no arbitration decision yet",
    ),
    # documents: their names, the print gate, the page data
    "documents.name.results": ("成绩公示表", "results notice"),
    "documents.name.score_sheets": ("评分表", "score sheets"),
    "documents.name.blank_sheets": ("空白评分表", "blank score sheets"),
    "documents.name.statistics": ("成绩统计", "statistics"),
    "documents.name.certificates": ("获奖证书", "certificates"),
    "documents.name.draw_sheet": ("加密对照表", "draw sheet"),
    "documents.name.draw_sheet_stage1": ("加密对照表（一次加密）", "draw sheet (stage 1)"),
    "documents.name.draw_sheet_stage2": ("加密对照表（二次加密）", "draw sheet (stage 2)"),
    "documents.name.calibration_report": ("评分标定报告", "calibration report"),
    "documents.name.sessions": ("场次安排表", "session schedule"),
    "documents.name.group_figures": ("分组评分宽严对照表", "group leniency comparison"),
    "documents.name.appeal_register": ("申诉登记表", "appeal register"),
    "documents.name.arbitration_decision": ("仲裁决定书", "arbitration decision"),
    "documents.name.unit_feedback": ("培训反馈报告", "unit feedback report"),
    "documents.name.contestant_feedback": ("个人成绩反馈单", "contestant feedback sheets"),
    "documents.gate.not_signed_off": ("模块 {modules} 未签核", "module(s) {modules} not signed off"),
    "documents.gate.not_decrypted": ("尚未解密", "not decrypted yet"),
    "documents.gate.not_final": (
        "不能打印{document}：{why}。如确需打印草稿，请由裁判长/组织者填写理由（--override）",
        "cannot print the {document} before sign-off and decryption ({why}); give an override reason for a draft",
    ),
    "documents.gate.officials": (
        "只有裁判长、监督或组织者可以越过打印闸门",
        "only the chief judge, the supervisor or an organiser can override the print gate",
    ),
    "documents.gate.incomplete": (
        "不能打印{document}：成绩不完整（{missing}）。如确需打印，请由裁判长/监督/组织者填写理由（--override），"
        "文件将注明“成绩不完整”",
        "cannot print the {document}: results are incomplete ({missing}); give an override reason to print them "
        "marked as incomplete",
    ),
    "documents.missing.theory": ("理论成绩缺 {n} 人", "theory scores missing for {n}"),
    "documents.missing.module": ("模块 {module} 缺评分 {n} 人", "module {module}: scores missing for {n}"),
    "documents.missing.sheets": (
        "模块 {module} 评分表不足 {n} 人",
        "module {module}: too few sheets for {n}",
    ),
    "documents.audit.broken": (
        "不能打印{document}：审计链校验失败（{problems}{more}），数据可能被直接改动；请运行 contest audit verify",
        "cannot print the {document}: the audit chain does not verify ({problems}{more}): the data may have been "
        "edited behind the system's back; run contest audit verify",
    ),
    "documents.audit.more": (" 等 {n} 处", " and others, {n} in all"),
    "documents.bundle_before_decryption": (
        "解密前不能导出重算包：包内的审计链含选手姓名",
        "the bundle carries the audit chain, names included: export it after decryption",
    ),
    "documents.no_submitted_sheets": ("没有已提交的评分表可打印", "no submitted sheets to print"),
    "documents.no_draw": ("还没有抽签", "no draw yet"),
    "documents.no_winners": ("没有获奖者", "no award winners"),
    # feedback documents (培训反馈)
    "feedback.after_decryption": (
        "不能打印{document}：成绩公布（解密）后才能打印",
        "the {document} is printed only after decryption",
    ),
    "feedback.no_unit": ("没有单位“{unit}”的选手", "no contestants of unit {unit!r}"),
    "feedback.sheets_not_configured": (
        "本竞赛未配置发放个人成绩反馈单（contest.toml [feedback] contestant_sheets = true）",
        "contestant feedback sheets are not configured for this contest",
    ),
    # the score sheet's notes on a veto decided by the chief judge (veto_decisions.veto_notes)
    "veto.note.pending": (
        "否决建议待裁判长确认，本表模块得分未计否决",
        "veto proposal awaiting the chief judge",
    ),
    "veto.note.confirmed": (
        "否决情况说明（裁判长 {chief} 确认，{when}）：{statement}",
        "Veto statement (confirmed by chief judge {chief}, {when}): {statement}",
    ),
    "veto.note.rejected": (
        "否决建议已驳回（裁判长 {chief}，{when}），按评分计分。驳回理由：{statement}",
        "Veto proposal rejected (chief judge {chief}, {when}); scored as marked. Reason: {statement}",
    ),
    # rules printed on the feedback documents
    "feedback.rule.small_units": (
        "小单位规则：本单位统计人数少于 {n} 人时不单独统计，与其他小单位合并为“其他单位合并”组；合并后仍少于"
        " {n} 人则不显示统计。全场统计同样遵守此规则。（contest.toml [feedback] min_unit_count = {n}）",
        "Small units: a unit with fewer than {n} contestants counted is not reported on its own but merged with the "
        'other small units into one group ("other units combined"); if that group still has fewer than {n}, no '
        "figures are shown. The whole field's figures follow the same rule. (contest.toml [feedback] "
        "min_unit_count = {n})",
    ),
    "feedback.rule.score_rate": (
        "得分率 = 各选手该项得分之和 ÷（人数 × 该项配分）。按项计分的模块取最终项目得分，按表计分的模块取各裁判项目得分"
        "的平均。",
        "Score rate = the sum of the contestants' scores on the item ÷ (contestants × the item's points). Modules "
        "aggregated by item use the final item score; modules aggregated by sheet use the mean of the judges' item "
        "scores.",
    ),
    "feedback.rule.deductions": (
        "扣分人次：同一选手有半数以上（含半数）裁判扣了该条，计 1 人次。评价项等级分布按全部裁判的评定计。",
        "Deductions: a contestant counts once for a rule when at least half of the judges deducted it. The level "
        "distribution of judged items counts every judge's assessment.",
    ),
    "feedback.rule.strengths": (
        "优势与不足：本单位得分率高于（低于）全场最多的三项。",
        "Strengths and weaknesses: the three items where the unit's score rate is furthest above (below) the "
        "field's.",
    ),
    "feedback.rule.own_results": (
        "本单只反映本人成绩；扣分条目按评分细则原文列出，不注明评分裁判；裁判评语已匿名。",
        "This sheet shows only your own results; deductions are listed in the rubric's words without naming the "
        "judge; judges' comments are anonymised.",
    ),
    "feedback.rule.quartiles": (
        "全场四分位数（下四分位、中位数、上四分位）在全场少于 {n} 人时不显示。",
        "The field's quartiles (lower quartile, median, upper quartile) are not shown when the field has fewer "
        "than {n} contestants.",
    ),
    "appeals.register_rules": (
        "申诉期限：模块结束（首次签核）后 {appeal} 分钟内；对复核结论不服的，{escalation} 分钟内提请仲裁组，"
        "仲裁决定为最终决定；公示期异议：公示后 {days} 日内，实名书面提出，由仲裁组决定。",
        "Appeals: within {appeal} minutes after the module ends (first sign-off); against the first ruling, an "
        "escalation to the arbitration panel within {escalation} minutes, whose decision is final; objections "
        "during publication: within {days} days of publication, in writing and under the objector's real name, "
        "decided by the arbitration panel.",
    ),
    # the appeal register's entries (申诉登记表)
    "appeals.doc.draw_no": (" · 抽签号 {number}", " · draw no. {number}"),
    "appeals.doc.station": ("赛位 {station}{draw}", "station {station}{draw}"),
    "appeals.doc.named": ("{name}（{station}）", "{name} ({station})"),
    "appeals.doc.lodged_by": ("登记：{who}", "Lodged: {who}"),
    "appeals.doc.objector": ("异议人：{name}", "Objector: {name}"),
    "appeals.doc.ruling": ("复核（{at}）：{text}", "First ruling ({at}): {text}"),
    "appeals.doc.ruled_by": ("复核：{who}", "Ruled: {who}"),
    "appeals.doc.reopened": ("重开评分表 {n} 份", "{n} score sheet(s) reopened"),
    "appeals.doc.escalation": ("提请仲裁（{at}）：{text}", "Escalated ({at}): {text}"),
    "appeals.doc.decision": ("仲裁决定（{at}）：{text}", "Arbitration decision ({at}): {text}"),
    "appeals.doc.decided_by": ("仲裁：{who}", "Arbitrated: {who}"),
    "appeals.doc.arbitration_reopened": (
        "仲裁重开评分表 {n} 份",
        "{n} score sheet(s) reopened by arbitration",
    ),
    "appeals.doc.no_module": ("理论/总分", "theory/total"),
    "appeals.doc.pending": ("待处理", "pending"),
    "appeals.doc.kind.appeal": ("申诉", "appeal"),
    "appeals.doc.kind.objection": ("公示期异议", "objection during publication"),
    "appeals.doc.state.lodged": ("已登记", "lodged"),
    "appeals.doc.state.ruled": ("已复核", "ruled"),
    "appeals.doc.state.closed": ("复核结论生效", "first ruling stands"),
    "appeals.doc.state.escalated": ("已提请仲裁", "escalated"),
    "appeals.doc.state.final": ("仲裁终局", "final (arbitration)"),
    # the data of the printed documents, in the document's language
    "documents.date_range": ("{first}至{last}", "{first} to {last}"),
    "documents.results.heading": ("{contest}{project}成绩公示", "{contest}, {project}: results notice"),
    "documents.results.project": ("{project}项目", "{project}"),
    "documents.results.title": ("成绩公示", "Results notice"),
    "documents.results.anon_title": ("成绩确认表（解密前）", "Results check (before decryption)"),
    "documents.results.period": ("公示期：{period}。", "Publication period: {period}. "),
    "documents.results.objections": (
        "公示期间如有异议，请以书面形式实名向{contact}反映。",
        "Objections during publication: in writing, under your real name, to {contact}.",
    ),
    "documents.results.veto": (
        "模块{module}否决（{code}）记0分",
        "module {module} vetoed ({code}): scored 0",
    ),
    "documents.role.chief": ("裁判长", "Chief judge"),
    "documents.role.supervisor": ("监督", "Supervisor"),
    "documents.role.scorer": ("统分员", "Scorer"),
    "documents.correction": (
        "{n}. {at} {what}；经裁判长 {chief}、监督 {supervisor} 决定，理由：{reason}",
        "{n}. {at} {what}; decided by chief judge {chief} and supervisor {supervisor}, reason: {reason}",
    ),
    "documents.stability.without": ("去掉裁判 {judge}", "without judge {judge}"),
    "documents.stability.rule": ("改用 {rule}", "under {rule}"),
    "documents.stability.changed": (
        "共 {scenarios} 种情形；{n} 名选手的奖项会因单个裁判或计分规则而改变。",
        "{scenarios} scenario(s); the award of {n} contestant(s) changes with a single judge or the scoring rule.",
    ),
    "documents.stability.stable": (
        "共 {scenarios} 种情形；所有选手的奖项均不受单个裁判或计分规则影响。",
        "{scenarios} scenario(s); no contestant's award depends on a single judge or the scoring rule.",
    ),
    "documents.stats.sheet_total": ("评分表总分", "score sheet total"),
    "documents.stats.total": ("总成绩", "Total"),
    "documents.stats.returned": ("已退回 {judge} 复核", "returned to {judge} for review"),
    "documents.stats.confirmed": ("签核时确认", "confirmed at sign-off"),
    "documents.stats.pending": ("待裁判长处理", "awaiting the chief judge"),
    "documents.stats.separator": ("；", "; "),
    "documents.workbook.veto": ("否决 {code}", "veto {code}"),
    "documents.remark.corrected": ("申诉后更正", "corrected after an appeal"),
    "documents.remark.incomplete": ("成绩不完整", "results incomplete"),
    "documents.remark.veto_pending": (
        "模块{module}否决待确认",
        "module {module}: veto awaiting confirmation",
    ),
    "appeal_documents.number": ("仲裁〔{year}〕第 {n} 号", "Arbitration {year} No. {n}"),
    "appeal_documents.first_ruling": ("{ruling}（{by}，{at}）", "{ruling} ({by}, {at})"),
    "appeal_documents.ruled_by": ("{name}（{code}）", "{name} ({code})"),
    "appeal_documents.issuer": ("{contest}仲裁组", "Arbitration panel, {contest}"),
    # -- the standings' remarks (contest.services.standing_remarks) ------------------------------------------
    "standings.remark.out": ("取消资格：{reason}", "disqualified: {reason}"),
    "standings.remark.shared": ("并列", "shared rank"),
    "standings.remark.tie_break": ("总成绩相同，按{by}排序", "tied on total, separated by {by}"),
    "standings.remark.ahead": ("总成绩相同，按{by}排序（领先）", "tied on total, ahead on {by}"),
    "standings.remark.plain": ("{text}", "{text}"),
    "standings.by.total": ("总成绩", "total"),
    "standings.by.practical": ("实操成绩", "practical"),
    "standings.by.theory": ("理论成绩", "theory"),
    "standings.by.time": ("用时", "time"),
    "standings.by.lot": ("抽签", "lot"),
    "standings.by.module": ("模块 {code}", "module {code}"),
    "standings.by.other": ("{name}", "{name}"),
    "award.remark.tie_awarded": (
        "第{rank}名并列跨越{tier}分界线，并列者均获{tier}",
        "rank {rank} is shared across the {tier} cut-off: all who share it receive {tier}",
    ),
    "award.remark.tie_not_awarded": (
        "第{rank}名并列跨越{tier}分界线，并列者均不获{tier}",
        "rank {rank} is shared across the {tier} cut-off: none who share it receive {tier}",
    ),
    "award.remark.above_median": (
        "{tier}: 实操成绩高于中位数 {median}",
        "{tier}: practical score above the median {median}",
    ),
    "award.remark.theory_below": ("理论成绩未达获奖线 {line}", "theory score below the award line {line}"),
    "award.remark.practical_below": (
        "实操成绩未达获奖线 {line}",
        "practical score below the award line {line}",
    ),
    "award.remark.tied": ("{remark}（{tied}）", "{remark} ({tied})"),
    "award.remark.stations": ("赛位号 {stations}", "stations {stations}"),
    "conflicts.module_state": ("模块{module}{state}", "module {module} {state}"),
    "conflicts.barred": ("{modules}，不授奖", "{modules}: no award"),
    "conflicts.disqualified": ("模块{modules}检录取消资格", "disqualified at check-in in module {modules}"),
}
