"""Errors met below the services: the store, the configuration, a rubric entry refused by :mod:`scoresheets` (``entry.<code>``).

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {
    # --- an entry refused by scoresheets (EntryRefused.code, its params); shown after "<item>: " ---
    "entry.wrong_item": ("录入的是评分项 {given}，不是 {item}", "entry is for item {given}, not {item}"),
    "entry.level_only": (
        "评价项只能选择等级 0–3，不能扣分或输入得分",
        "a judgement item takes a level 0–3, not deductions or a score",
    ),
    "entry.level_missing": ("请选择等级 0–3", "choose a level 0–3"),
    "entry.level_range": (
        "等级只能是 0、1、2 或 3，输入的是 {level}",
        "level must be 0, 1, 2 or 3, got {level}",
    ),
    "entry.score_only": (
        "本项直接输入得分，不能扣分或选择等级",
        "a score item takes a typed score, not deductions or a level",
    ),
    "entry.score_missing": ("请输入本项得分", "type the item's score"),
    "entry.measurement_level": (
        "测量项不用等级：请扣分或输入得分",
        "a measurement item takes deductions or a score, not a level",
    ),
    "entry.deductions_and_score": (
        "扣分和直接输入得分只能二选一",
        "give either deductions or a score, not both",
    ),
    "entry.score_range": (
        "得分须在 0 到 {points} 之间，输入的是 {score}",
        "score must be between 0 and {points}, got {score}",
    ),
    "entry.too_many_decimals": (
        "得分最多两位小数，输入的是 {score}",
        "score has more than 2 decimals: {score}",
    ),
    "entry.deduction_unknown": (
        "扣分项 {deduction} 不在本项的评分细则中（可选：{allowed}）",
        "deduction '{deduction}' is not in the rubric for this item (allowed: {allowed})",
    ),
    "entry.deduction_twice": (
        "扣分项 {deduction} 列出了两次：请只列一次并填写次数",
        "deduction '{deduction}' is listed twice; give one entry with a count",
    ),
    "entry.deduction_count": (
        "扣分项 {deduction} 的次数至少为 1，输入的是 {count}",
        "deduction '{deduction}' count must be at least 1, got {count}",
    ),
    "entry.deduction_once": (
        "扣分项 {deduction} 只能扣一次，输入的次数是 {count}",
        "deduction '{deduction}' applies at most once, got {count}",
    ),
    "entry.item_unknown": (
        "评分项 {item} 不在评分细则 {rubric} 中",
        "item '{item}' is not in rubric {rubric}",
    ),
    "entry.item_twice": ("本项在同一张评分表上录入了两次", "the item has two entries on one sheet"),
    "entry.veto_unknown": (
        "否决项 {veto} 不在评分细则 {rubric} 中（可选：{allowed}）",
        "veto '{veto}' is not in rubric {rubric} (allowed: {allowed})",
    ),
    "entry.veto_none": (
        "否决项 {veto} 不在评分细则 {rubric} 中（本细则没有否决项）",
        "veto '{veto}' is not in rubric {rubric} (allowed: none)",
    ),
    "entry.time_negative": (
        "用时不能为负数，输入的是 {seconds} 秒",
        "time used cannot be negative, got {seconds} s",
    ),
    # the services' own checks before scoresheets' (contest.services marking, clerk, calibration)
    "entry.item_not_in_rubric": ("评分项 {item} 不在评分细则中", "item {item} is not in the rubric"),
    "entry.veto_not_in_rubric": (
        "否决项 {veto} 不在评分细则中（可选 {allowed}）",
        "veto {veto} is not in the rubric (allowed: {allowed})",
    ),
    "entry.time_out_of_range": (
        "用时必须在 0 到 24 小时之间，输入的是 {seconds} 秒",
        "time used must be between 0 and 24 hours, got {seconds} s",
    ),
    # a typed score refused (scoresheets.typed.TypedScoreRefusal: the same words as its text())
    "entry.typed_not_allowed_level": (
        "本项按等级评分（0–3），不能直接输入分数",
        "this item takes a level 0–3, not a typed score",
    ),
    "entry.typed_not_allowed": (
        "本项不能直接输入分数：请按扣分细则逐条扣分",
        "this item does not take a typed score: apply its deduction rules",
    ),
    "entry.typed_not_a_number": (
        "“{value}” 不是分数：请输入数字，如 {top} 或 0",
        "“{value}” is not a score: type a number such as {top} or 0",
    ),
    "entry.typed_out_of_range": (
        "分数须在 0 到 {top} 之间，输入的是 {value}",
        "the score must be between 0 and {top}; got {value}",
    ),
    "entry.typed_off_step": (
        "分数须是 {step} 的整数倍（如 {below} 或 {above}），输入的是 {value}",
        "the score must be a multiple of {step} (e.g. {below} or {above}); got {value}",
    ),
    # --- the store (StoreUnavailable): the entry stays on screen, retry works ---
    "store.file_deleted": (
        "数据库文件 {path} 已被删除：本次录入没有保存，请留在本屏幕，通知主机管理员恢复数据库后重启评分终端",
        "the database file {path} has been deleted: this entry was NOT saved; stay on this screen and ask the host"
        " operator to restore the database, then restart the terminals",
    ),
    "store.file_replaced": (
        "数据库文件 {path} 已被另一个文件替换（复制、恢复或移动）：本次录入没有保存，请留在本屏幕，"
        "通知主机管理员恢复数据库后重启评分终端",
        "the database file {path} has been replaced by another file (copied, restored or moved): this entry was"
        " NOT saved; stay on this screen and ask the host operator to restore the database, then restart the"
        " terminals",
    ),
    "store.cannot_open": ("无法打开数据库 {path}：{why}", "cannot open the database {path}: {why}"),
    "store.open.no_folder": (
        "文件夹 {folder} 不存在（请检查 --db 或 CONTEST_DATABASE_URL；文件夹不会自动新建，数据库只由 contest init 新建）",
        "the folder {folder} does not exist (check --db or CONTEST_DATABASE_URL; folders are never created,"
        " and only contest init creates a database)",
    ),
    "store.open.folder_read_only": (
        "文件夹 {folder} 只读，无法新建数据库",
        "the folder {folder} is read-only",
    ),
    "store.open.no_file": (
        "文件不存在。只有 contest init（或 contest demo）会新建数据库；请检查 --db 路径或先运行 contest init",
        "no such file. Only contest init (or contest demo) creates a database; check the --db path or run"
        " contest init first",
    ),
    "store.open.not_a_file": ("这不是一个文件", "it is not a file"),
    "store.open.unreadable": ("无法读取（{error}）", "cannot read it ({error})"),
    "store.open.not_sqlite": ("这不是 SQLite 数据库文件", "it is not a SQLite database file"),
    "store.open.read_only": (
        "文件或其所在文件夹只读（评分需要写入；如只是查看备份，请先把它复制到可写的文件夹）",
        "the file or its folder is read-only (marking writes to it; to look at a backup, copy it to a"
        " writable folder first)",
    ),
    "store.unreachable": ("无法连接数据库 {where}：{why}", "cannot reach the database {where}: {why}"),
    "store.busy": ("数据库繁忙，请稍后重试（{detail}）", "the database is busy, please retry ({detail})"),
    "store.file_unopenable": (
        "无法打开数据库文件（已被删除、移动或无权限？）（{detail}）",
        "the database file cannot be opened (deleted, moved or no permission?) ({detail})",
    ),
    "store.read_only": ("数据库只读，无法写入（{detail}）", "the database is read-only ({detail})"),
    "store.disk_full": (
        "数据库磁盘已满或不可写（{detail}）",
        "the database disk is full or read-only ({detail})",
    ),
    "store.unavailable": ("无法访问数据库（{detail}）", "the database is unavailable ({detail})"),
    "store.queue.stuck": (
        "数据库繁忙：{seconds:.0f} 秒内未轮到写入（另一个终端卡住或已暂停），本次录入没有保存，请重试",
        "the database is busy: no turn to write within {seconds:.0f} s (another terminal is stuck or suspended);"
        " this entry was NOT saved, retry",
    ),
    "store.queue.slow": (
        "数据库繁忙：{seconds:.0f} 秒内未轮到写入（写入排队过久），本次录入没有保存，请重试",
        "the database is busy: no turn to write within {seconds:.0f} s (the queue did not move); this entry was"
        " NOT saved, retry",
    ),
    # --- contest backup ---
    "backup.no_folder": (
        "备份目标文件夹 {folder} 不存在（U 盘是否已插好并挂载？）",
        "the backup folder {folder} does not exist (is the USB drive plugged in and mounted?)",
    ),
    "backup.onto_live": ("备份不能写到数据库本身", "the backup cannot overwrite the live database"),
    "backup.unreadable": ("无法读取数据库 {source}：{error}", "cannot read the database {source}: {error}"),
    "backup.write_failed": ("备份写入 {target} 失败：{error}", "writing the backup {target} failed: {error}"),
    "backup.integrity": ("备份校验失败：{problems}", "the copy failed integrity_check: {problems}"),
    "backup.not_contest": ("这不是竞赛数据库（{error}）", "this is not a contest database ({error})"),
    "backup.mismatch": (
        "备份与数据库不一致（审计链头或事件数不同）",
        "the copy does not match the database (chain head or count)",
    ),
    "backup.schedule": ("--every 须大于 0，--keep 至少为 1", "--every must be above 0 and --keep at least 1"),
    "backup.removed": ("删除旧备份 {name}", "removed {name}"),
    "backup.anchor.count_not_number": (
        "事件数须为数字，如 #73（不是 {anchor}）",
        "an event count is a number, e.g. #73 (not {anchor})",
    ),
    "backup.anchor.malformed": (
        "锚点须为事件数或至少 6 位审计码",
        "the anchor must be an event count or an audit code of 6+ characters",
    ),
    "backup.anchor.unreadable": ("无法读取审计链（{error}）", "cannot read the chain ({error})"),
    "backup.anchor.stale": (
        "事件只有 {count} 条，比已知的 {known} 条少 {fewer} 条：这是旧的或不完整的副本",
        "{count} events, {fewer} fewer than the known {known}: a stale or incomplete copy",
    ),
    "backup.anchor.unknown_code": (
        "审计链中没有审计码 {anchor} 的事件：这是旧的副本（早于该点），或来自另一个数据库",
        "no event with audit code {anchor}: a stale copy (older than that point) or another database",
    ),
    # --- contest serve ---
    "serve.path_unsafe": (
        "数据库路径含有数据库地址无法表示的字符（? # %），请改用不含这些字符的文件夹：{typed}",
        "the path {typed!r} has characters a database URL cannot carry (? # %); move the database to a folder"
        " without them",
    ),
    "serve.no_file": (
        "数据库文件不存在，不能提供给平板：{where}",
        "no database file at {where}; nothing served (check --db)",
    ),
    "serve.no_contest": (
        "{where} 中没有竞赛（先运行 contest init）：{detail}",
        "no contest in {where} (run contest init first): {detail}",
    ),
    # --- contest.errors ---
    "errors.import_refused": ("共 {n} 个问题，未导入任何数据", "{n} problem(s); nothing was imported"),
    # --- recompute bundles ---
    "bundle.not_a_bundle": ("{path}: 不是有效的重算包（{error}）", "{path}: not a bundle: {error}"),
    "bundle.unknown_format": (
        "{path}: 未知的重算包格式 {format!r}",
        "{path}: unknown bundle format {format!r}",
    ),
}
