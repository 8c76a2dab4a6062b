"""Errors and notices raised by the services (:mod:`contest.services`): what a user tried and why it was refused.

Part of the one catalogue (:mod:`contest.i18n`).

Two Chinese texts name something that exists only in Chinese (the label of the refused action, the thing a correction
would change: both passed in by the caller as Chinese words): the English takes the same parameter with the format
spec ``:.0``, which prints nothing, so both languages keep the same placeholders and the English holds no Chinese.
"""

TEXT: dict[str, tuple[str, str]] = {
    # -- core: the shared context (contest, login, permissions, corrections) ---------------------------------------
    "core.no_contest": (
        "数据库中还没有竞赛，请先运行 contest init",
        "no contest in this database yet",
    ),
    "core.contest_not_found": ("竞赛 {contest} 不存在", "contest {contest}"),
    "core.no_judge": ("裁判 {judge} 不存在", "no judge {judge}"),
    "core.no_module": ("模块 {module} 不存在", "no module {module}"),
    "core.wrong_code_or_pin": ("编号或PIN错误", "wrong code or PIN"),
    "core.locked": ("账户已锁定，请 {minutes} 分钟后再试", "locked, retry in {minutes} min"),
    "core.locked_now": (
        "连续{failures}次错误，账户锁定{minutes}分钟",
        "{failures} failures: locked for {minutes} minutes",
    ),
    "core.requires_role": ("{action}：需要{roles}权限", "{action:.0}requires role {roles}"),
    "core.list": ("{first}、{rest}", "{first}, {rest}"),
    "core.role.organiser": ("组织者", "organiser"),
    "core.role.encryption": ("加密裁判", "encryption"),
    "core.role.marking": ("评分裁判", "marking"),
    "core.role.chief": ("裁判长", "chief"),
    "core.role.supervisor": ("监督", "supervisor"),
    "core.role.clerk": ("统分员", "clerk"),
    "core.role.arbitration": ("仲裁组", "arbitration"),
    "core.correction_needed": (
        "已解密：{what}会改变成绩，须走更正程序（裁判长与监督共同决定并说明理由）",
        "{what:.0}after decryption this change needs the correction procedure: the chief judge and the supervisor, "
        "with a reason",
    ),
    "core.correction_incomplete": (
        "更正须由裁判长和监督两人共同决定并填写理由",
        "a correction needs the chief judge, the supervisor and a reason",
    ),
    # -- chief: return, sign-off, co-signature, decryption -----------------------------------------------------
    "chief.reason_required": ("退回必须填写原因", "a reason is required"),
    "chief.signed_off_reopen_by_appeal": (
        "模块已签核，需经申诉裁决才能重开",
        "the module is signed off; reopen through an appeal",
    ),
    "chief.return_only_submitted": ("只能退回已提交的评分表", "only a submitted sheet can be returned"),
    "chief.already_signed_off": ("模块 {module} 已签核", "{module}: already signed off"),
    "chief.veto_pending": (
        "不能签核：赛位 {stations} 的否决建议待裁判长确认或驳回（contest veto confirm|reject）",
        "cannot sign off: the veto proposal at station {stations} awaits the chief judge's confirmation or "
        "rejection",
    ),
    "chief.stations_unplanned": (
        "不能签核：模块 {module} 分组评分，赛位 {stations} 未排入任何场次",
        "cannot sign off: station(s) {stations} of module {module} are in no session",
    ),
    "chief.no_contestants_or_judges": ("没有选手或评分裁判", "no contestants or judges"),
    "chief.below_quorum": (
        "不能签核：{short} 位选手的评分表不足签核法定数（每位 {quorum} 份），共 {missing} 份未提交；"
        "强制签核理由只适用于分差警示，缺评分表须由监督会签",
        "cannot sign off: {short} panels below the quorum of {quorum} sheets ({missing} sheets open); an "
        "override covers alerts, not missing sheets: the supervisor must co-sign",
    ),
    "chief.uneven_groups": (
        "，评分组 {groups} 与其他组宽严差距超出容差",
        ", judge group(s) {groups} beyond the groups' tolerance",
    ),
    "chief.open_sheets_or_alerts": (
        "不能签核：{missing} 份评分表未提交，{alerts} 条分差警示未处理{groups}；如确需签核请填写理由",
        "cannot sign off: {missing} sheets open, {alerts} alerts{groups}",
    ),
    "chief.cosign_same_person": ("会签须由另一位监督", "the supervisor must be another person"),
    "chief.cosign_login_failed": ("{code}：{error}；未签核", "{code}: {error}; not signed off"),
    "chief.not_supervisor": ("{code} 不是监督", "{code} lacks role supervisor"),
    "chief.decrypt_two_officials": ("解密须由裁判长和监督两人共同确认", "needs two different officials"),
    "chief.decrypt_login_failed": ("{code}：{error}；解密未执行", "{code}: {error}; not decrypted"),
    "chief.decrypt_lacks_role": ("{code} 不是{role}", "{code} lacks role {role}"),
    "chief.already_decrypted": ("已经解密", "already decrypted"),
    "chief.decrypt_not_signed_off": ("模块 {modules} 尚未签核，不能解密", "not signed off: {modules}"),
    # -- marking: a judge's sheet ----------------------------------------------------------------------------------
    "marking.item_not_in_rubric": ("评分项 {item} 不在评分细则中", "{item}: not in the rubric"),
    "marking.nothing_to_withdraw": ("{item} 没有可撤回的评分", "{item}: nothing to withdraw"),
    "marking.signed_off_no_new_sheet": (
        "模块 {module} 已签核，不能新增评分表",
        "{module}: the module is signed off",
    ),
    "marking.signed_off_read_only": ("模块 {module} 已签核，不能修改", "{module}: the module is signed off"),
    "marking.sheet_submitted": ("评分表已提交，不能修改", "the sheet is submitted and read-only"),
    "marking.sheet_signed_off": ("模块已签核，不能修改", "the module is signed off"),
    "marking.sheet_not_editable": ("评分表状态为 {state}，不能修改", "the sheet is {state} and read-only"),
    "marking.stale": (
        "评分表已被 {by} 于 {when} 修改（版本 {version}，您看到的是 {seen}），请刷新后再录入",
        "the sheet was changed by {by} at {when} (version {version}, you saw {seen}); reload and re-enter",
    ),
    "marking.no_sheet": ("评分表不存在", "no such sheet"),
    "marking.veto_not_in_rubric": ("否决项 {veto} 不在评分细则中", "veto {veto} is not in the rubric"),
    "marking.veto_not_in_rubric_choices": (
        "否决项 {veto} 不在评分细则中（可选 {choices}）",
        "veto {veto} is not in the rubric (choose from {choices})",
    ),
    "marking.time_out_of_range": (
        "用时必须在 0 到 24 小时之间（收到 {seconds} 秒）",
        "time used out of range: {seconds}",
    ),
    "marking.time_first": ("请先录入用时（mm:ss）", "enter the time used first"),
    # -- clerk: paper sheets keyed twice -------------------------------------------------------------------------
    "clerk.not_marking_judge": (
        "{judge} 不是模块 {module} 的评分裁判",
        "{judge}: not a marking judge of module {module}",
    ),
    "clerk.module_signed_off": ("模块 {module} 已签核", "{module}: the module is signed off"),
    "clerk.judge_sheet_submitted": ("裁判的评分表已提交", "the judge's sheet is already submitted"),
    "clerk.first_clerk_cannot_confirm": (
        "第一次录入的人不能确认；请由另一位统分员盲录",
        "the first clerk cannot confirm",
    ),
    "clerk.already_keyed": ("你已录入过这份评分表；请由另一位统分员盲录", "you already keyed this sheet"),
    "clerk.nothing_to_withdraw": ("没有待确认的录入", "nothing to withdraw"),
    "clerk.mismatch_no_withdraw": (
        "两次录入不一致，已交第三位统分员或裁判长核对，不能撤回",
        "the keyings differ: kept for a third keying or the chief judge",
    ),
    "clerk.only_first_clerk_withdraws": (
        "只有录入人 {clerk} 或裁判长可以撤回",
        "only the first clerk ({clerk}) or the chief",
    ),
    "clerk.no_mismatch": ("这份评分表没有不一致的录入", "no differing keyings for this sheet"),
    "clerk.not_differing": ("这些项两次录入一致，无需裁决：{items}", "not differing: {items}"),
    "clerk.pick_each": ("请为每个不一致处选定一位统分员的录入：{items}", "pick a keying for each: {items}"),
    "clerk.already_confirmed": ("该评分表已完成双人录入", "this sheet has already been confirmed"),
    "clerk.judge_sheet_done": ("裁判的评分表已提交或已签核", "the judge's sheet is already submitted"),
    # -- setup: the contest, contestants, judges, PINs ----------------------------------------------------------
    "setup.contest_exists": (
        "该数据库已有一个竞赛；请用新的数据库文件（--db）",
        "this database already holds a contest",
    ),
    "setup.duplicate_id": ("身份证号 {id_number} 在名单中重复", "{id_number}: duplicate ID in the list"),
    "setup.no_new_after_draw": (
        "抽签后不能新增选手（{name}）",
        "cannot add contestants after the draw ({name})",
    ),
    "setup.unknown_roles": ("裁判 {judge}：未知角色 {roles}", "judge {judge}: unknown roles {roles}"),
    "setup.separated_roles": (
        "裁判 {judge}：同一人不能同时担任 {roles}（评分裁判不能兼任监督或加密裁判，统分员不能评分，仲裁组成员不评分、"
        "不任裁判长；确需兼任请在 contest.toml 的 [roles] combine 中列出）",
        "judge {judge}: separated roles {roles} (list them under [roles] combine in contest.toml to allow them)",
    ),
    "setup.unknown_modules": (
        "裁判 {judge}：未知模块 {modules}（现有 {known}）",
        "judge {judge}: unknown modules {modules} (the contest has {known})",
    ),
    "setup.pin_digits": ("PIN 须为4–12位数字", "the PIN must be 4–12 digits"),
    "setup.official_pin": (
        "{judge} 是官员：重置其PIN须由本人（凭旧PIN）或两名官员（组织者/裁判长，加另一名裁判长、监督或组织者）共同办理",
        "{judge} is an official: their PIN is changed by themself (with the old PIN) or by two officials",
    ),
    "setup.unlock_reason": ("解除锁定须填写理由", "give a reason for clearing the lockout"),
    "core.sentences": ("{first}；{rest}", "{first}; {rest}"),
    # -- groups: judge groups and the schedule of sessions --------------------------------------------------------
    "groups.start_format": (
        "开始时间应写作 2026-12-10 08:30，收到 {start}",
        "the start must read like 2026-12-10 08:30, not {start}",
    ),
    "groups.not_assigned": (
        "裁判 {judge} 未分配到模块 {module}",
        "judge {judge} is not assigned to module {module}",
    ),
    "groups.per_session": ("每场至少1个赛位", "a session holds at least one station"),
    "groups.tracks": (
        "赛道数（{tracks}）须与评分组数（{groups}）相同",
        "give one track per group ({tracks} tracks for {groups} groups)",
    ),
    "groups.draw_first": ("须先完成抽签加密（赛位号）再编排场次", "draw the stations before the schedule"),
    "groups.has_sheets": (
        "模块 {module} 已开始评分，不能重排场次",
        "module {module} has sheets: its sessions can no longer change",
    ),
    "groups.no_sessions": ("还没有编排场次（contest schedule plan）", "no sessions are planned yet"),
    "groups.no_groups": ("模块 {module} 没有评分分组", "module {module} has no judge groups"),
    "groups.no_groups_set": (
        "模块 {module} 未设评分组：先用 contest judges assign … --group 或名单“评分组”列分组",
        "module {module} has no judge groups",
    ),
    "groups.judges_without_group": (
        "模块 {module} 分组评分，但裁判 {judges} 未分组",
        "module {module} is marked by groups but judge(s) {judges} have no group",
    ),
    "groups.session": ("第{number}场", "session {number}"),
    "groups.session_number": (
        "{where}：场次号须为正整数且不重复",
        "{where}: session numbers must be unique and ≥ 1",
    ),
    "groups.group_no_judges": (
        "{where}：评分组 {group} 没有评分裁判（本模块的组：{groups}）",
        "{where}: group {group} has no marking judges (this module's groups: {groups})",
    ),
    "groups.session_empty": ("{where}：没有赛位", "{where}: no stations"),
    "groups.no_station": (
        "{where}：模块 {module} 没有赛位 {station}",
        "{where}: no station {station} in module {module}",
    ),
    "groups.station_twice": (
        "{where}：赛位 {station} 已在第{other}场",
        "{where}: station {station} is already in session {other}",
    ),
    "groups.stations_left": ("赛位 {stations} 不在任何场次", "station(s) {stations} are in no session"),
    "groups.schedule_problems": ("{problems}", "{problems}"),
    # -- conflicts: check-in states (also the labels of CHECKIN_LABELS) ------------------------------------------
    "conflicts.checkin.present": ("已检录", "present"),
    "conflicts.checkin.absent": ("缺考", "absent"),
    "conflicts.checkin.withdrew": ("弃权", "withdrew"),
    "conflicts.checkin.disqualified": ("取消资格", "disqualified"),
    # -- queries: what every marking action checks first -------------------------------------------------------
    "queries.marking_judges_only": ("只有评分裁判可以评分", "only marking judges enter marks"),
    "queries.not_assigned": ("您未被分配到模块 {module}", "you are not assigned to module {module}"),
    "queries.not_drawn": (
        "抽签加密（二次加密）尚未完成，还没有赛位号，不能评分",
        "the stations are not drawn yet: no marking before the encryption is complete",
    ),
    "queries.no_station": ("模块 {module} 没有赛位号 {station}", "no station {station} in module {module}"),
    "queries.calibrate_first": (
        "模块 {module} 须先完成评分标定（裁判长结束标定后才能正式评分）",
        "module {module} is marked only after its calibration round is closed by the chief judge",
    ),
    "queries.checked_in_as": (
        "模块 {module} 赛位 {station} 检录为{state}，不评分",
        "station {station} of module {module} was checked in as {state}: not marked",
    ),
    "queries.station_unplanned": (
        "模块 {module} 分组评分，赛位 {station} 尚未排入场次（contest schedule）",
        "module {module} is marked by judge groups and station {station} is in no session yet",
    ),
    "queries.other_group": (
        "赛位 {station} 属第{session}场，由第 {group} 评分组评分，您不在该组",
        "station {station} is in session {session}, marked by judge group {group}, not yours",
    ),
    "queries.other_group_judge": (
        "赛位 {station} 属第{session}场，由第 {group} 评分组评分，裁判 {judge} 不在该组",
        "station {station} is in session {session}, marked by judge group {group}, not by judge {judge}",
    ),
    "queries.recusal_judge": (
        "回避：裁判 {judge} 与模块 {module} 赛位 {station} 的选手存在回避关系，不能录入其评分表",
        "recusal: judge {judge} may not mark station {station} of module {module}",
    ),
    "queries.recusal": (
        "回避：该赛位选手与您存在回避关系（模块 {module} 赛位 {station}）",
        "recusal: you may not mark the contestant at station {station} of module {module}",
    ),
    # -- checkin: 检录 and 回避 exceptions -----------------------------------------------------------------------
    "checkin.choice": ("{state}（{label}）", "{state} ({label})"),
    "checkin.unknown_state": (
        "检录状态 {state} 无效，可用：{choices}",
        "unknown check-in state {state}; use one of {choices}",
    ),
    "checkin.unknown_states": ("检录状态 {states} 无效", "unknown check-in states {states}"),
    "checkin.signed_off": ("模块 {module} 已签核，不能更改检录", "{module}: the module is signed off"),
    "checkin.override_reason": ("回避例外须填写理由", "a recusal exception needs a reason"),
    "checkin.no_recusal": (
        "裁判 {judge} 与模块 {module} 赛位 {station} 不存在回避关系",
        "judge {judge} is not in recusal for station {station} of module {module}: nothing to override",
    ),
    # -- theory: theory scores and the numbers theory papers carry ------------------------------------------------
    "theory.by_id": ("理论成绩请按抽签号或身份证号导入", "import theory scores by draw number or ID number"),
    "theory.no_contest_stations": (
        '按模块抽签（[draw] scope = "module"）时各模块的赛位号不同，没有全场统一的赛位号；{why}',
        "with a per-module draw each module has its own station numbers: there is no contest-wide one; {why}",
    ),
    "theory.match_key": (
        "理论成绩的匹配方式须为 {keys}，得到 {given}",
        "theory scores are matched by one of {keys}, not {given}",
    ),
    "theory.by_station": (
        "全场统一赛位号时理论成绩按赛位号（或身份证号）导入",
        "with a contest-wide station, theory scores are matched by station (or ID number)",
    ),
    "theory.draw_twice": (
        "同一抽签号出现两次（如 1 和 001）",
        "one draw number given twice (such as 1 and 001)",
    ),
    "theory.noun.station": ("赛位号", "station number"),
    "theory.noun.draw": ("抽签号", "draw number"),
    "theory.noun.id": ("身份证号", "ID number"),
    "theory.not_found": ("找不到这些{noun}：{keys}", "no such {noun}: {keys}"),
    "theory.out_of_range": (
        "{number}：理论成绩须在0–100之间，得到 {total}",
        "{number}: a theory score must be between 0 and 100, not {total}",
    ),
    # -- grouping: a judge's group in a module -------------------------------------------------------------------
    "grouping.name_too_long": ("评分组名称过长（至多{most}字）", "group name too long (at most {most})"),
    "grouping.judge_has_marked": (
        "裁判 {judge} 已在模块 {module} 评分，不能调整评分组",
        "judge {judge} has already marked in module {module}: their group cannot change",
    ),
    "setup.recusal_warning": (
        "回避提示：裁判 {judge} {name} 与 {n} 名选手同属「{unit}」",
        "recusal: judge {judge} {name} is of the same unit as {n} contestant(s): {unit}",
    ),
    "encryption.note.stage1": ("一次加密 · {how}", "first encryption · {how}"),
    "encryption.note.seed": ("抽签种子 {seed}", "draw seed {seed}"),
    "encryption.note.lots_at_checkin": (
        "抽签号由选手检录时抽取",
        "lot numbers drawn by the contestants at check-in",
    ),
    "encryption.note.stage2": (
        "二次加密 · 抽签种子 {seed} · 赛位号：{scope}",
        "second encryption · draw seed {seed} · stations: {scope}",
    ),
    "encryption.note.one_stage": (
        "抽签种子 {seed} · 二次加密：{scope}",
        "draw seed {seed} · second encryption: {scope}",
    ),
    "encryption.note.scope.module": ("按模块", "per module"),
    "encryption.note.scope.contest": ("全场统一", "one for the whole contest"),
    "certificates.unknown_number": ("查无此证书编号", "unknown certificate number"),
    "certificates.code_mismatch": ("验证码不符：证书内容或验证码被改动", "code does not match"),
    "certificates.contestant_missing": ("证书对应的选手记录不存在", "contestant record missing"),
    "certificates.content_changed": ("证书信息与记录不符（姓名或身份证号已改动）", "content changed"),
    "certificates.chain_broken": ("审计链校验失败，无法确认证书", "the audit chain is broken"),
    "certificates.revoked": ("证书已作废", "revoked"),
    "certificates.draft": ("该证书为草稿（打印闸门被越过）", "a draft certificate"),
    "certificates.valid": ("证书有效", "valid"),
    "certificates.head_too_short": (
        "链头太短（至少8位，文件上印有32位）",
        "too short: type the 32 printed digits",
    ),
    "certificates.head_unknown": ("审计链中从未有过这个链头", "the chain never had this head"),
    "certificates.head_found": ("审计链在第 {seq} 条事件时的链头", "the chain had this head at event #{seq}"),
    "certificates.head_found_weak": (
        "审计链在第 {seq} 条事件时的链头（少于32位，只能作参考）",
        "the chain had this head at event #{seq} (fewer than 32 digits prove little)",
    ),
}
