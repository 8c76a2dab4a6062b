"""Every user-facing string of the judge terminal, in Simplified Chinese (default) and English, plus the small
formatting helpers the screens share (scores, mm:ss, sheet states, service messages).

Owns no widgets and no state: screens pass the language in. Rubric texts come from the rubric itself
(:meth:`rubrics.model.Text.get`); service messages arrive as ``"中文 / English"`` and are split here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from scoresheets.errors import EntryRefused, SheetIncomplete
from scoresheets.numbers import half_up

TEXT: dict[str, tuple[str, str]] = {
    # app and login
    "app.title": ("养老护理员技能竞赛 评分终端", "Elderly-care skills contest — judge terminal"),
    "app.quit_title": ("要退出吗？", "Do you want to quit?"),
    "app.quit_hint": (
        "Ctrl+C 不会退出。要退出请按 {quit_key}",
        "Ctrl+C does not quit. Press {quit_key} to quit",
    ),
    # Textual's own command palette entries (by their English title), in the terminal's language
    "palette.placeholder": ("搜索命令…", "Search for commands…"),
    "palette.Theme": ("主题", "Theme"),
    "palette.Theme.help": ("更换界面配色", "Change the current theme"),
    "palette.Quit": ("退出", "Quit"),
    "palette.Quit.help": ("立即退出程序", "Quit the application as soon as possible"),
    "palette.Keys": ("按键帮助", "Keys"),
    "palette.Keys.help": ("显示或隐藏按键帮助", "Show or hide the summary of available keys"),
    "palette.Maximize": ("最大化", "Maximize"),
    "palette.Maximize.help": ("最大化当前部件", "Maximize the focused widget"),
    "palette.Minimize": ("还原", "Minimize"),
    "palette.Minimize.help": ("还原为正常大小", "Restore the widget to normal size"),
    "palette.Screenshot": ("截图", "Screenshot"),
    "palette.Screenshot.help": ("保存当前屏幕的 SVG 截图", "Save an SVG screenshot of the current screen"),
    "lang.other": ("English", "中文"),
    "login.heading": ("裁判登录", "Judge login"),
    "login.code": ("裁判编号", "Judge code"),
    "login.pin": ("PIN（数字）", "PIN (digits)"),
    "login.button": ("登录", "Log in"),
    "login.checking": ("正在核对…", "Checking…"),
    "login.need_code": ("请输入裁判编号", "Enter your judge code"),
    "login.need_pin": ("请输入PIN", "Enter your PIN"),
    "login.hint": ("Tab 切换输入框 · Enter 登录 · F2 English", "Tab next field · Enter log in · F2 中文"),
    "login.no_contest": ("数据库中还没有竞赛", "No contest in this database yet"),
    "login.no_home": (
        "您的角色没有可用的终端界面",
        "Your role has no screen in this terminal",
    ),
    "action.logout": ("退出登录", "Log out"),
    "action.back": ("返回", "Back"),
    "action.refresh": ("刷新", "Refresh"),
    "logout.confirm": ("退出登录？", "Log out?"),
    "role.marking": ("评分裁判", "Marking judge"),
    "role.chief": ("裁判长", "Chief judge"),
    "role.organiser": ("组织者", "Organiser"),
    "role.supervisor": ("监督", "Supervisor"),
    "role.encryption": ("加密裁判", "Encryption judge"),
    "role.clerk": ("统分员", "Clerk"),
    # states
    "state.none": ("未评", "not started"),
    "state.draft": ("草稿", "draft"),
    "state.submitted": ("已提交", "submitted"),
    "state.returned": ("退回", "returned"),
    "state.signed_off": ("已签核", "signed off"),
    "state.avoid": ("回避", "recused"),
    "state.other": ("他组", "other group"),
    "home.avoid": (
        "回避：赛位 {station} 的选手与您存在回避关系，不能评分",
        "Recusal: you may not mark the contestant at station {station}",
    ),
    # judge home
    "home.modules": ("我的模块", "My modules"),
    "home.stations": ("模块{module} · 赛位", "Module {module} · stations"),
    "home.no_modules": ("您没有被分配到任何模块，请联系裁判长", "You are not assigned to any module"),
    "home.no_stations": ("尚未抽签，还没有赛位号", "No station numbers yet (the draw has not been made)"),
    "home.no_sessions": (
        "本模块分组评分（您在{group}），场次尚未安排，请联系组织者",
        "This module is marked by judge groups (you are in {group}); its sessions are not planned yet",
    ),
    "home.sessions": ("{group}评分：{sessions}", "{group} marks: {sessions}"),
    "home.session": ("第{number}场 {starts} {track}", "session {number} {starts} {track}"),
    "home.sessions.sep": ("；", "; "),
    "home.col.station": ("赛位号", "Station"),
    "home.calibration": ("标定 {code}", "Calib. {code}"),
    "home.col.state": ("状态", "State"),
    "home.col.progress": ("已录/项数", "Entered/items"),
    "home.jump": ("赛位号", "Station"),
    "home.jump.placeholder": ("输入赛位号后按 Enter", "type a number, Enter"),
    "home.jump.unknown": (
        "赛位号 {station} 不在本模块名单中",
        "Station {station} is not on this module's list",
    ),
    "home.open": ("打开", "Open"),
    "home.jump.key": ("输入赛位号", "Go to station"),
    "home.counts": ("已提交 {done}/{total}", "submitted {done}/{total}"),
    # scoring
    "sheet.module": ("模块{code} {title}", "Module {code} {title}"),
    "sheet.station": ("赛位 {station}", "Station {station}"),
    "sheet.calibration": ("评分标定 {station}（不计成绩）", "Calibration {station} (never counts)"),
    "sheet.open": ("待录 {open}/{items}", "open {open}/{items}"),
    "sheet.all_entered": ("全部已录 {items}/{items}", "all entered {items}/{items}"),
    "sheet.items_total": ("项目合计 {value}", "Items {value}"),
    "sheet.time": ("用时 {used}/{limit}", "Time {used}/{limit}"),
    "sheet.overtime": ("超时扣 {value}", "overtime −{value}"),
    "sheet.veto": ("否决 {code}", "veto {code}"),
    "sheet.total": ("总分 {value}", "Total {value}"),
    "sheet.returned": ("退回原因：{reason}", "Returned: {reason}"),
    "sheet.readonly": ("评分表{state}，只读", "Sheet {state}: read-only"),
    "sheet.loading": ("正在打开评分表…", "Opening the sheet…"),
    "sheet.scenario": ("情境（i 展开/收起）", "Scenario (i to expand/collapse)"),
    "sheet.kind.measurement": ("测量", "measurement"),
    "sheet.kind.judgement": ("评价", "judgement"),
    "sheet.points": ("配分 {points}", "{points} pts"),
    "sheet.item_score": ("得分 {value}", "score {value}"),
    "sheet.item_open": ("◌ 未录入", "◌ no entry yet"),
    "sheet.no_deduction_entered": ("无扣分", "no deduction"),
    "sheet.score_label": ("直接输入得分", "Or type the score"),
    "sheet.score_placeholder": ("0–{points}，Enter确认", "0–{points}, Enter"),
    "sheet.deduction_preview": (
        "已勾选扣 {taken} 分 → 得 {score}（Enter 确认）",
        "ticked −{taken} → {score} (Enter)",
    ),
    "sheet.hint.measurement": (
        "n 无扣分 · Enter 勾选扣分项（空格勾选，+/− 或数字为次数，Enter 确认）",
        "n no deduction · Enter: tick rules (space, +/− or a digit for the count, Enter)",
    ),
    "sheet.hint.judgement": (
        "按 0–3 选择等级（或 Enter 后用 ↑↓ 选择）",
        "Press 0–3 for the level (or Enter, ↑↓)",
    ),
    "sheet.hint.no_rules": (
        "本项没有扣分细则：按 n 确认无扣分",
        "No rules: n for no deduction",
    ),
    "sheet.only_levels": ("评价项只能选择等级 0–3", "A judgement item takes a level 0–3"),
    "sheet.bad_level": ("等级只能是 0、1、2 或 3", "The level must be 0, 1, 2 or 3"),
    "sheet.not_levels": (
        "测量项不用等级：按 n 确认无扣分、勾选扣分项或输入得分",
        "Measurement item: n for no deduction, tick rules, or type the score",
    ),
    "sheet.none_ticked": (
        "没有勾选扣分项；若确无扣分请按 n",
        "No rule ticked; press n if there is no deduction",
    ),
    "sheet.score_range": ("得分须在 0 到 {points} 之间", "The score must be between 0 and {points}"),
    "sheet.score_decimals": ("得分最多两位小数", "At most two decimals"),
    "sheet.score_number": ("请输入数字，如 4 或 4.5", "Type a number such as 4 or 4.5"),
    "sheet.read_only": ("评分表{state}，不能修改", "The sheet is {state} and cannot be changed"),
    "sheet.saving": ("保存中…", "Saving…"),
    "sheet.saved": ("已保存 {item}", "Saved {item}"),
    "sheet.saved_info": ("已保存", "Saved"),
    "sheet.wait_saving": ("正在保存，请稍候", "Still saving — one moment"),
    "sheet.reloaded": ("评分表已重新载入，请重新确认该项", "The sheet was reloaded; confirm the item again"),
    "sheet.submitted": ("赛位 {station} 评分表已提交", "Station {station}: sheet submitted"),
    "sheet.level_line": ("{level} 级", "level {level}"),
    "sheet.time_none": ("未录", "—"),
    "sheet.rule_repeat": ("每次 −{points}", "−{points} each"),
    "sheet.rule_cap": ("上限 {cap}", "cap {cap}"),
    "sheet.rule_once": ("−{points}", "−{points}"),
    "sheet.incomplete": ("还有 {n} 项未录入：{items}", "{n} item(s) have no entry: {items}"),
    # scoring bindings
    "key.no_deduction": ("无扣分", "No deduction"),
    "key.levels": ("等级", "Level"),
    "key.submit": ("提交", "Submit"),
    "key.time": ("用时", "Time"),
    "key.veto": ("否决", "Veto"),
    "key.comment": ("备注", "Comment"),
    "key.toggle": ("勾选", "Tick"),
    "key.more": ("次数+1", "Count +1"),
    "key.less": ("次数−1", "Count −1"),
    "key.confirm": ("确认", "Confirm"),
    "key.scenario": ("情境", "Scenario"),
    "key.next_open": ("下一未录", "Next open"),
    "key.typed_score": ("输入得分", "Type score"),
    "key.count": ("次数", "Count"),
    # sheet entry: one meaning per key, nothing discarded without a question
    "sheet.kind.score": ("直接打分", "typed score"),
    "sheet.hint.score": (
        "输入得分（0–{points}，步长 {step}），Enter 确认",
        "Type the score (0–{points}, in steps of {step}), Enter",
    ),
    "sheet.drafted": (
        "✎ 本项有勾选但未确认的扣分：Enter 进入后再按 Enter 确认",
        "✎ Rules ticked here are not confirmed: Enter, then Enter to confirm",
    ),
    "sheet.hint.typed_too": ("· 或按 f 直接输入得分", "· or f to type the score"),
    "sheet.only_score": ("本项直接输入得分：请输入数字", "This item takes a typed score: type a number"),
    "sheet.no_deduction_kept": ("未改动：{item} 的扣分保持不变", "Nothing changed: {item} keeps its rules"),
    "sheet.no_deduction.title": ("改为无扣分？", "Record no deduction?"),
    "sheet.no_deduction.body": (
        "{item} 已勾选扣分：{rules}\n确定清除这些扣分，记为无扣分？",
        "{item} has rules ticked: {rules}\nClear them and record no deduction?",
    ),
    "sheet.digit_refused": (
        "本项按扣分细则评分，数字无效：Enter 勾选扣分项，n 无扣分",
        "This item is scored by its rules, digits do nothing: Enter to tick rules, n for no deduction",
    ),
    "sheet.digit_refused_typed": (
        "数字无效：Enter 勾选扣分项，n 无扣分，f 直接输入得分",
        "Digits do nothing here: Enter to tick rules, n for no deduction, f to type the score",
    ),
    "sheet.typing_not_allowed": (
        "本项不能直接输入得分：请按扣分细则勾选",
        "This item does not take a typed score: tick its rules",
    ),
    "sheet.count_not_repeatable": (
        "此条不可重复扣分：空格勾选或取消",
        "This rule applies once: space ticks or unticks it",
    ),
    "sheet.count_too_many": ("次数超过此条的上限", "More often than this rule can apply"),
    "sheet.level_armed": (
        "已选 {level} 级：再点一次或点“确认”记录",
        "Level {level} selected: tap again or tap Confirm to record it",
    ),
    "sheet.level_first": ("请先点选一个等级", "Tap a level first"),
    "sheet.keys_stopped": (
        "其后的 {entries} 项录入未保存、{keys} 个按键未执行：请核对后重新录入",
        "The {entries} entries after it were not saved and {keys} keys were not applied: check and enter again",
    ),
    # dialogs
    "dialog.yes": ("确定", "OK"),
    "dialog.no": ("取消", "Cancel"),
    "dialog.close": ("返回", "Back"),
    "dialog.enter_mark": (" (Enter)", " (Enter)"),
    "dialog.enter_does": (
        "按 Enter：{action}（← → 切换按钮，Esc 取消）",
        "Enter: {action} (← → switch buttons, Esc cancels)",
    ),
    "time.title": ("录入用时", "Time used"),
    "time.body": (
        "时限{limit}分钟。{rule}\n请输入选手实际用时：21:30 或 21 30（分:秒，秒为两位）、21（整分钟）、"
        "1290s（秒）。不要用小数点。",
        "Time limit {limit} min. {rule}\nType the time used: 21:30 or 21 30 (min:sec, two-digit seconds), "
        "21 (whole minutes) or 1290s (seconds). No decimal point.",
    ),
    "time.echo": ("= {words}", "= {words}"),
    "time.echo_over": (
        "= {words}，超时 {over}，扣 {points} 分",
        "= {words}; {over} over, {points} points off",
    ),
    "time.empty": ("请输入用时，例如 21:30", "Type the time used, e.g. 21:30"),
    "time.decimal": (
        "“{text}”有歧义，不会被猜测：21分30秒 请输入 21:30（或 21 30），21分3秒 请输入 21:03，或输入秒数如 1290s",
        "“{text}” is ambiguous and is not guessed: for 21 min 30 s type 21:30 (or 21 30), for 21 min 3 s type "
        "21:03, or type seconds such as 1290s",
    ),
    "time.seconds": (
        "秒数须为两位数 00–59：例如 21:03、21:30",
        "Seconds must be two digits 00–59: e.g. 21:03, 21:30",
    ),
    "time.too_long": (
        "“{text}”超过 24 小时，不是选手用时。请输入如 21:30",
        "“{text}” is over 24 hours: not a contestant's time. Type e.g. 21:30",
    ),
    "time.too_long_guess": (
        "“{text}”按整分钟算超过 24 小时。若指 {guess}，请输入 {guess}",
        "“{text}” as whole minutes is over 24 hours. If you mean {guess}, type {guess}",
    ),
    "time.form": (
        "无法识别“{text}”。可输入 21:30、21 30、21（整分钟）或 1290s（秒）",
        "“{text}” is not a time. Type 21:30, 21 30, 21 (whole minutes) or 1290s (seconds)",
    ),
    "time.past_stop": (
        "{words} 已超过强制终止时间 {stop}（时限{limit}分钟）。确实如此？再按 Enter 或点下方按钮记录，或修改",
        "{words} is past the forced stop at {stop} (limit {limit} min). Really? Press Enter again or the button "
        "below to record it, or correct it",
    ),
    "time.implausible": (
        "{words} 不太可能（时限{limit}分钟）。确认无误？再按 Enter 或点下方按钮记录，或修改",
        "{words} is implausible (limit {limit} min). Is it right? Press Enter again or the button below to "
        "record it, or correct it",
    ),
    "time.confirm": ("确认记录 {time}", "Record {time}"),
    "time.invalid": ("格式为 mm:ss，秒数 00–59，例如 21:30", "Use mm:ss with seconds 00–59, e.g. 21:30"),
    "veto.title": ("否决项", "Veto"),
    "veto.body": ("选择否决规则（Enter），Esc 取消", "Choose the veto rule (Enter), Esc to cancel"),
    "veto.clear": ("清除否决", "Clear the veto"),
    "veto.none": ("本模块没有否决项", "This module has no veto rules"),
    "veto.effect.zero_module": ("本模块记0分", "module scores 0"),
    "veto.effect.disqualify": ("取消竞赛资格", "disqualified"),
    "veto.confirm.title": ("确认否决", "Confirm the veto"),
    "veto.clear.title": ("清除否决", "Clear the veto"),
    "veto.confirm.body": (
        "赛位 {station}：{code} {text}\n后果：{effect}。\n确认记录该否决？",
        "Station {station}: {code} {text}\nEffect: {effect}.\nRecord this veto?",
    ),
    "veto.clear.body": ("清除赛位 {station} 的否决 {code}？", "Clear veto {code} for station {station}?"),
    "comment.title": ("评分备注", "Comment"),
    "comment.body": ("备注（最多2000字），Enter 保存", "Comment (up to 2000 characters), Enter saves"),
    "submit.title": ("提交评分表", "Submit the sheet"),
    "submit.summary": (
        "模块{module} · 赛位 {station}\n项目合计 {items_total}　超时扣分 {overtime}　否决 {veto}\n总分 {total}",
        "Module {module} · station {station}\nItems {items_total}  overtime −{overtime}  veto {veto}\nTotal {total}",
    ),
    "submit.open": ("还有 {n} 项未录入：{items}", "{n} item(s) still open: {items}"),
    "submit.no_time": ("还没有录入用时（按 t）", "The time used is missing (press t)"),
    "submit.ready": (
        "全部 {n} 项已录入。提交后评分表只读。",
        "All {n} items entered. Submitted sheets are read-only.",
    ),
    "submit.button": ("提交", "Submit"),
    "none": ("无", "none"),
    # chief
    "chief.tab.progress": ("进度", "Progress"),
    "chief.tab.alerts": ("分差", "Spread"),
    "chief.tab.standings": ("成绩", "Standings"),
    "chief.tab.stability": ("奖项稳定性", "Medal stability"),
    "chief.summary": (
        "已提交 {submitted}/{expected} · 分差警示 {alerts} · {decrypted}",
        "submitted {submitted}/{expected} · alerts {alerts} · {decrypted}",
    ),
    "chief.decrypted": ("已解密", "decrypted"),
    "chief.not_decrypted": ("未解密（按赛位号）", "not decrypted (stations only)"),
    "chief.module_head": (
        "模块{code} {title} · 已提交 {submitted}/{expected}{signed}",
        "Module {code} {title} · submitted {submitted}/{expected}{signed}",
    ),
    "chief.signed": (" · ✔ 已签核", " · ✔ signed off"),
    "chief.legend": (
        "- 未评  ✎ 草稿(已录项数)  ✓ 已提交  ↩ 退回  ✔ 已签核  / 回避  · 他组场次",
        "- none  ✎ draft(entered)  ✓ submitted  ↩ returned  ✔ signed off  / recused  · other group",
    ),
    "chief.no_alerts": ("没有分差警示", "No spread alerts"),
    "chief.alerts_note": (
        "分差警示 {n} 条：各裁判评分并列显示",
        "{n} spread alert(s), judges' marks side by side",
    ),
    "chief.col.module": ("模块", "Module"),
    "chief.col.item": ("评分项", "Item"),
    "chief.col.spread": ("分差/限", "Spread/limit"),
    "chief.col.rank": ("名次", "Rank"),
    "chief.col.name": ("姓名", "Name"),
    "chief.col.unit": ("单位", "Unit"),
    "chief.col.theory": ("理论", "Theory"),
    "chief.col.practical": ("实操", "Practical"),
    "chief.col.total": ("总分", "Total"),
    "chief.col.award": ("奖项", "Award"),
    "chief.col.remark": ("备注", "Remark"),
    "chief.standings_note": ("{decrypted} · 审计链 {head} · {final}", "{decrypted} · audit {head} · {final}"),
    "chief.stability.intro": (
        "逐一去掉每位裁判、或改用另一计分规则后重新计算奖项（打开本页或按 F5 时计算）",
        "Awards recomputed with each judge left out, or under the other panel rule (on opening this tab or F5)",
    ),
    "chief.stability.computing": ("正在计算奖项稳定性…", "Computing medal stability…"),
    "chief.stability.col.contestant": ("选手", "Contestant"),
    "chief.stability.col.current": ("当前奖项", "Current award"),
    "chief.stability.col.changes": ("会改变的情形", "Would change under"),
    "chief.stability.change": ("{scenario}→{award}", "{scenario}→{award}"),
    "chief.stability.sep": ("；", "; "),
    "chief.final": ("最终成绩", "final"),
    "chief.provisional": ("临时成绩", "provisional"),
    "chief.pick_sheet": (
        "请先在进度表中选中一位裁判的格子，或在分差表中选中一行",
        "Select a judge's cell in the progress matrix or a row of the spread table first",
    ),
    "chief.not_submitted": (
        "只能退回已提交的评分表（当前：{state}）",
        "Only a submitted sheet can be returned ({state})",
    ),
    "chief.returned": (
        "已退回：模块{module} 赛位 {station} 裁判 {judge}",
        "Returned: module {module} station {station} judge {judge}",
    ),
    "chief.already_signed": ("模块{module} 已签核", "Module {module} is already signed off"),
    "chief.signoff.title": ("签核模块", "Sign off a module"),
    "chief.signoff.body": (
        "签核模块{module} {title}？\n已提交 {submitted}/{expected}。签核后评分表不能再修改。",
        "Sign off module {module} {title}?\nSubmitted {submitted}/{expected}. Signed-off sheets cannot change.",
    ),
    "chief.signed_off": ("模块{module} 已签核", "Module {module} signed off"),
    "chief.choose_module": ("选择要签核的模块", "Choose the module to sign off"),
    "chief.all_signed": ("所有模块均已签核", "Every module is signed off"),
    "chief.override.title": ("签核被拒绝", "Sign-off refused"),
    "chief.override.body": (
        "{message}\n\n如确需签核，请填写理由（将记入审计日志）：",
        "{message}\n\nTo sign off anyway, give a reason (it is logged):",
    ),
    "chief.override.button": ("强制签核", "Sign off anyway"),
    "chief.override.need": ("请填写理由", "A reason is required"),
    "chief.return.title": ("退回评分表", "Return a sheet"),
    "chief.return.body": ("模块{module} · 赛位 {station}", "Module {module} · station {station}"),
    "chief.return.judge": ("裁判", "Judge"),
    "chief.return.reason": ("退回原因（必填）", "Reason (required)"),
    "chief.return.need_reason": ("必须填写退回原因", "A reason is required"),
    "chief.return.button": ("退回", "Return"),
    "chief.decrypt.title": ("解密（裁判长 + 监督）", "Decrypt (chief judge + supervisor)"),
    "chief.decrypt.body": (
        "解密需两人在同一对话框中确认。全部模块签核后才能解密。",
        "Two officials confirm together. Every module must be signed off first.",
    ),
    "chief.decrypt.chief_code": ("裁判长编号", "Chief judge code"),
    "chief.decrypt.chief_pin": ("裁判长PIN", "Chief judge PIN"),
    "chief.decrypt.sup_code": ("监督编号", "Supervisor code"),
    "chief.decrypt.sup_pin": ("监督PIN", "Supervisor PIN"),
    "chief.decrypt.button": ("解密", "Decrypt"),
    "chief.decrypt.need": ("四项都必须填写", "All four fields are required"),
    "chief.decrypt.done": ("已解密，成绩表显示姓名", "Decrypted: standings now show names"),
    "chief.working": ("处理中…", "Working…"),
    "key.return": ("退回", "Return"),
    "key.sign_off": ("签核", "Sign off"),
    "key.decrypt": ("解密", "Decrypt"),
    "key.progress": ("进度", "Progress"),
    "key.alerts": ("分差", "Spread"),
    "key.standings": ("成绩", "Standings"),
    "key.stability": ("稳定性", "Stability"),
    "key.my_marking": ("我的评分", "My marking"),
    # clerk double entry
    "key.overview": ("总览", "Overview"),
    "clerk.modules": ("模块", "Modules"),
    "clerk.judges": ("纸质表的裁判", "Judge on the sheet"),
    "clerk.stations": ("模块{module} · 裁判 {judge} · 赛位", "Module {module} · judge {judge} · stations"),
    "clerk.pick": (
        "选模块和裁判（Tab 切换），再输入纸质评分表上的赛位号，Enter 开始录入",
        "Choose module and judge (Tab), then type the sheet's station number and Enter",
    ),
    "clerk.col.state": ("该裁判评分表", "Judge's sheet"),
    "clerk.no_judges": ("本模块没有评分裁判", "No marking judges in this module"),
    "clerk.already": (
        "裁判 {judge} 在赛位 {station} 的评分表{state}，不需要录入",
        "Judge {judge}'s sheet for station {station} is {state}: nothing to key",
    ),
    "clerk.signed_off": (
        "模块{module}已签核，不能再录入纸质评分表",
        "Module {module} is signed off: no more paper sheets can be keyed",
    ),
    "clerk.status.keying": ("统分录入 · 裁判 {judge}", "clerk keying · judge {judge}"),
    "clerk.status.first": ("等待第二人盲录", "waiting for the second clerk"),
    "clerk.status.matched": ("双人录入一致", "both keyings match"),
    "clerk.status.locked": ("裁判评分表{state}", "judge's sheet {state}"),
    "clerk.banner.first": (
        "已保存第一次录入（{clerk}），等待第二人盲录：请把纸质评分表交给另一位统分员",
        "First keying stored ({clerk}), waiting for the second clerk to key the paper sheet blind",
    ),
    "clerk.banner.mismatch": (
        "与第一次录入（{clerk}）不一致：{items}\n请对照纸质评分表重新录入标 ✗ 的项，再按 s 提交录入",
        "Differs from the first keying ({clerk}): {items}\nKey the ✗ items again from the paper, then s",
    ),
    "clerk.banner.matched": (
        "双人录入一致，已保存为裁判 {judge} 的评分表（{clerks}）",
        "Both keyings match: stored as judge {judge}'s sheet ({clerks})",
    ),
    "clerk.banner.refused": ("未保存：{message}", "Not stored: {message}"),
    "clerk.banner.locked": (
        "裁判 {judge} 的评分表{state}，不能录入",
        "Judge {judge}'s sheet is {state}: it cannot be keyed",
    ),
    "clerk.read_only.first": (
        "第一次录入已保存；如发现自己录错，按 w 撤回后重新录入",
        "First keying stored; if you made a mistake, w withdraws it",
    ),
    "clerk.read_only.matched": ("已保存为裁判的评分表，不能再修改", "Stored as the judge's sheet: read-only"),
    "clerk.rekey": (
        "✗ 与第一次录入不一致：请对照纸质表重新录入本项",
        "✗ differs from the first keying: key this item again from the paper",
    ),
    "clerk.mismatch.time": ("用时", "time used"),
    "clerk.mismatch.veto": ("否决项", "veto"),
    "clerk.submit.title": ("提交录入 · 裁判 {judge}", "Submit the keying · judge {judge}"),
    "clerk.submit.ready": (
        "全部 {n} 项已录入。提交后与另一位统分员的录入逐项比对。",
        "All {n} items keyed. They are compared item by item with the other clerk's keying.",
    ),
    "clerk.submit.veto": (
        "否决项需重新录入（按 v，可选“无否决”）",
        "Key the veto again (v; “no veto” is a choice)",
    ),
    "clerk.key.submit": ("提交录入", "Submit keying"),
    "clerk.key.withdraw": ("撤回录入", "Withdraw keying"),
    "clerk.withdraw.title": ("撤回待确认的录入", "Withdraw the unconfirmed keying"),
    "clerk.withdraw.body": (
        "撤回模块{module} 赛位 {station} 裁判 {judge} 待第二人确认的录入？撤回后需重新双人录入。",
        "Withdraw the unconfirmed keying of module {module}, station {station}, judge {judge}? "
        "Two clerks must then key it again.",
    ),
    "clerk.withdraw.button": ("撤回", "Withdraw"),
    "clerk.withdrawn": (
        "已撤回待确认的录入，可重新录入",
        "The unconfirmed keying was withdrawn; key it again",
    ),
    "clerk.leave.title": ("放弃本次录入？", "Discard this keying?"),
    "clerk.leave.body": ("本页的录入尚未提交，不会保存。", "Nothing keyed on this page has been stored."),
    "clerk.leave.button": ("放弃", "Discard"),
    "clerk.working": ("正在比对…", "Comparing…"),
    "clerk.first_done": (
        "赛位 {station}：第一次录入已保存，等待第二人盲录",
        "Station {station}: first keying stored, waiting for the second clerk",
    ),
    "clerk.mismatch_done": (
        "赛位 {station}：{n} 处与第一次录入不一致，未保存",
        "Station {station}: {n} difference(s) from the first keying, nothing stored",
    ),
    # chief console: one module at a time, panel columns, quorum co-signature, partial panels, clerk mismatches
    "chief.tab.disputes": ("录入核对", "Keying mismatches"),
    # veto proposals decided by the chief judge ([scoring] veto_confirmation = "chief")
    "chief.tab.vetoes": ("否决确认", "Vetoes"),
    "key.vetoes": ("否决确认", "Vetoes"),
    "chief.summary.vetoes": (" · 否决待确认 {n}", " · vetoes to decide {n}"),
    "chief.vetoes_note": (
        "{n} 项否决建议待确认：选中后 Enter，确认（填写情况说明，模块记0分）或驳回（填写理由，按评分计分）；未决不能签核",
        "{n} veto proposal(s) to decide: select and press Enter to confirm (with a statement; module 0) or reject "
        "(with a reason; the marks count); sign-off waits for every decision",
    ),
    "chief.no_vetoes": ("没有待确认的否决建议", "No veto proposal awaits a decision"),
    "chief.vetoes_panel": (
        '本竞赛的否决由评分组按多数决定（veto_confirmation = "panel"），无需裁判长确认',
        "This contest's vetoes are decided by the panel's quorum (veto_confirmation = \"panel\")",
    ),
    "chief.col.proposals": ("否决建议（裁判：否决项）", "Proposals (judge: rule)"),
    "chief.col.veto_state": ("状态", "State"),
    "chief.col.statement": ("情况说明 / 理由", "Statement / reason"),
    "chief.veto.state.pending": ("待确认", "pending"),
    "chief.veto.state.confirmed": ("已确认", "confirmed"),
    "chief.veto.state.rejected": ("已驳回", "rejected"),
    "chief.veto.choose": ("否决建议：确认还是驳回？", "Veto proposal: confirm or reject?"),
    "chief.veto.confirm": ("确认否决（模块记0分）", "Confirm the veto (module scores 0)"),
    "chief.veto.reject": ("驳回（按评分计分）", "Reject (the marks count)"),
    "chief.veto.statement": (
        "情况说明（必填，印在评分汇总表上）",
        "Statement (required; printed on the score sheet)",
    ),
    "chief.veto.reason": ("驳回理由（必填）", "Reason for rejecting (required)"),
    "chief.veto.required": ("必须填写 / required", "Required"),
    "chief.veto.signed": (
        "模块{module}已签核，否决不能再改（解密后须走更正）",
        "Module {module} is signed off",
    ),
    "chief.veto.confirmed": (
        "模块{module} 赛位 {station}：否决已确认",
        "Module {module} station {station}: veto confirmed",
    ),
    "chief.veto.rejected": (
        "模块{module} 赛位 {station}：否决建议已驳回",
        "Module {module} station {station}: veto rejected",
    ),
    "key.disputes": ("录入核对", "Mismatches"),
    "key.calibration": ("评分标定", "Calibration"),
    # calibration round (评分标定)
    "calib.loading": ("正在读取模块{module}的评分标定…", "Reading module {module}'s calibration…"),
    "calib.bar": (
        "模块{module} {title} · 评分标定（不计成绩）",
        "Module {module} {title} · calibration (never counts)",
    ),
    "calib.col.code": ("标定", "Perf."),
    "calib.col.title": ("名称", "Title"),
    "calib.col.state": ("状态", "State"),
    "calib.col.submitted": ("已提交", "Submitted"),
    "calib.open": ("进行中", "open"),
    "calib.closed": ("已结束", "closed"),
    "calib.items": (
        "评分项：{flagged}/{items} 项需在评判说明会上讨论（各裁判与中位数的平均偏差）",
        "Items: {flagged}/{items} to discuss at the briefing (each judge's mean deviation from the median)",
    ),
    "calib.col.item": ("评分项", "Item"),
    "calib.col.points": ("配分", "Points"),
    "calib.col.spread": ("极差", "Range"),
    "calib.col.mad": ("平均偏差", "MAD"),
    "calib.col.flags": ("提示", "Flags"),
    "calib.flag.levels": ("等级相差大于1", "levels apart"),
    "calib.flag.spread": ("偏差超限", "spread"),
    "calib.flag.rules": ("扣分点不一致", "rules split"),
    "calib.judges": ("裁判一致性", "Judges"),
    "calib.w": (
        "肯德尔和谐系数 W = {w}（{m} 名裁判 × {n} 个标定，1 为排序完全一致）",
        "Kendall's W = {w} ({m} judges × {n} performances; 1 = the same order)",
    ),
    "calib.w_none": (
        "W：至少需要 2 个标定和 2 名裁判全部提交",
        "W: needs 2 performances fully marked by 2 judges",
    ),
    "calib.col.judge": ("裁判", "Judge"),
    "calib.col.marked": ("已交", "Marked"),
    "calib.col.judge_mad": ("平均偏差（占配分）", "MAD (share)"),
    "calib.col.bias": ("总分偏差", "Total bias"),
    "calib.col.far": ("偏离较大的评分项", "Items far off"),
    "calib.strict": ("偏严", "strict"),
    "calib.lenient": ("偏宽", "lenient"),
    "calib.note": (
        "偏差以本标定全体裁判的中位数为准；平均偏差超过配分的 {tolerance} 或等级相差超过 {gap} 即提示。",
        "Deviations are from the panel median; flagged above {tolerance} of the points or {gap} level(s) apart.",
    ),
    "calib.missing": ("未提交：{missing}", "Not submitted: {missing}"),
    "calib.key.add": ("新增标定", "New performance"),
    "calib.key.close": ("结束标定", "Close round"),
    "calib.add.title": ("新增评分标定", "New calibration performance"),
    "calib.add.body": (
        "名称（示范录像或示范操作，例如“示范录像一”），留空则自动编号：",
        "Title (the video or demonstration), blank for a number:",
    ),
    "calib.added": ("已新增标定 {code}（模块{module}）", "Added calibration {code} (module {module})"),
    "calib.close.title": ("结束评分标定", "Close the calibration round"),
    "calib.close.body": (
        "结束后裁判不能再修改模块{module}的标定评分；要求标定的模块随即可以正式评分。",
        "Judges can no longer change module {module}'s calibration sheets; a gated module may then be marked.",
    ),
    "calib.closed_n": (
        "模块{module}已结束 {n} 个标定",
        "Closed {n} calibration performance(s) of module {module}",
    ),
    "key.module_prev": ("上一模块", "Prev module"),
    "key.module_next": ("下一模块", "Next module"),
    "chief.legend.clerk": ("½ 统分员已录一次  ≠ 两次录入不一致", "½ keyed once by a clerk  ≠ keyings differ"),
    "chief.summary.disputes": (" · 录入不一致 {n}", " · keying mismatches {n}"),
    "chief.col.seat": ("裁判{n}", "Judge {n}"),
    "chief.alerts_accepted": (
        "；另有 {n} 条已在签核时确认（灰色）",
        "; {n} more accepted at sign-off (dimmed)",
    ),
    "chief.alert.accepted": (" 已确认", " accepted"),
    "chief.partial": ("部分", "partial"),
    "chief.partial.legend": (
        "部分 = 该模块成绩只来自部分裁判的评分表（裁判组未评齐），是临时成绩",
        "partial = the module score comes from only some of the panel's sheets (provisional)",
    ),
    "chief.stability.nothing": (
        "还没有任何奖项（评分表未提交或未达获奖条件），暂无可评估的奖项稳定性",
        "No award exists yet (no sheets submitted or none qualifies): nothing to assess yet",
    ),
    "chief.no_disputes": ("没有待核对的双人录入", "No clerk keyings differ"),
    "chief.disputes_note": (
        "{n} 份纸质评分表的两次录入不一致：选中一行按 Enter，对照各次录入逐项裁决",
        "{n} paper sheet(s) keyed differently: select a row and press Enter to decide field by field",
    ),
    "chief.col.clerks": ("统分员", "Clerks"),
    "chief.col.differing": ("不一致处", "Differences"),
    "chief.cosign.title": ("签核须监督会签", "Sign-off needs the supervisor's co-signature"),
    "chief.cosign.body": (
        "模块{module}：{message}\n填写理由，并由监督输入编号和PIN会签（记入审计）。",
        "Module {module}: {message}\nGive a reason; the supervisor co-signs with code and PIN (logged).",
    ),
    "chief.cosign.reason": ("签核理由", "Reason"),
    "chief.cosign.button": ("会签并签核", "Co-sign and sign off"),
    "chief.cosign.need": ("理由、监督编号和PIN都必须填写", "Reason, supervisor code and PIN are required"),
    "chief.resolve.title": ("裁决双人录入不一致", "Decide a keying mismatch"),
    "chief.resolve.body": (
        "模块{module} · 赛位 {station} · 裁判 {judge}：在每个不一致处选定与纸质表相符的录入（Enter），再按 s 保存",
        "Module {module} · station {station} · judge {judge}: at each difference choose the keying that matches "
        "the paper (Enter), then s",
    ),
    "chief.resolve.button": ("保存裁决", "Store decision"),
    "chief.resolve.need": ("还有不一致处未选定：{fields}", "Not yet decided: {fields}"),
    "chief.resolve.done": (
        "模块{module} 赛位 {station} 裁判 {judge}：已按裁决保存",
        "Module {module} station {station} judge {judge}: stored as decided",
    ),
    "chief.resolve.level": ("等级 {level}", "level {level}"),
    "chief.resolve.score": ("得 {score}", "score {score}"),
    "chief.resolve.rules": ("扣分：{rules}", "deducted: {rules}"),
    "chief.resolve.none": ("不扣分", "no deduction"),
    # clerk double entry: a mismatch keeps every keying (no re-keying until it matches)
    "state.clerk_pending": ("待核对", "awaiting 2nd keying"),
    "state.clerk_mismatch": ("不一致", "keyings differ"),
    "clerk.status.mismatch": ("录入不一致 · 待核对", "keyings differ · to be settled"),
    "clerk.status.third": ("第三人盲录 · 裁判 {judge}", "third keying · judge {judge}"),
    "clerk.banner.differs": (
        "与之前的录入不一致（{n} 处）。各次录入均已原样保存，不能再改；"
        "请交第三位统分员盲录，或由裁判长对照两次录入裁决",
        "Differs from the earlier keying ({n} difference(s)). Every keying is kept as it is and cannot be "
        "changed; a third clerk keys the paper blind, or the chief judge decides",
    ),
    "clerk.banner.third": (
        "此表之前的录入（{clerks}）不一致：请对照纸质评分表完整盲录；与其中一次一致即保存",
        "The earlier keyings ({clerks}) differ: key the whole paper sheet blind; it is stored when it equals "
        "one of them",
    ),
    "clerk.read_only.mismatch": (
        "录入不一致，已交第三位统分员或裁判长核对",
        "The keyings differ: a third clerk or the chief judge settles them",
    ),
    "clerk.mismatch.wait": (
        "赛位 {station} 裁判 {judge}：录入不一致（{clerks}），待第三位统分员盲录或裁判长裁决",
        "Station {station}, judge {judge}: the keyings differ ({clerks}); a third clerk or the chief judge "
        "settles them",
    ),
    "clerk.differs_done": (
        "赛位 {station}：与之前的录入有 {n} 处不一致，未保存为裁判评分表",
        "Station {station}: {n} difference(s) from the earlier keying; nothing stored for the judge",
    ),
    "clerk.notify.stored": (
        "模块{module} 赛位 {station} 裁判 {judge}：你的录入已核对，保存为裁判的评分表",
        "Module {module} station {station} judge {judge}: your keying was settled and stored",
    ),
    "clerk.notify.mismatch": (
        "模块{module} 赛位 {station} 裁判 {judge}：两次录入不一致，待第三位统分员盲录或裁判长裁决",
        "Module {module} station {station} judge {judge}: the keyings differ; a third clerk or the chief "
        "judge settles them",
    ),
    "veto.no_veto": ("无否决", "No veto"),
    # organiser
    "org.info": (
        "{name} {edition}\n选手 {contestants} 人 · 裁判 {judges} 人 · {drawn} · {decrypted}\n审计链头 {head}",
        "{name} {edition}\n{contestants} contestants · {judges} judges · {drawn} · {decrypted}\naudit head {head}",
    ),
    "org.drawn": ("已抽签", "drawn"),
    "org.not_drawn": ("未抽签", "not drawn"),
    "org.modules": ("模块", "Modules"),
    "org.col.code": ("代码", "Code"),
    "org.col.title": ("名称", "Title"),
    "org.col.progress": ("已提交/应交", "Submitted/expected"),
    "org.col.signed": ("签核", "Sign-off"),
    "org.standings": ("成绩", "Standings"),
    "org.events": ("最近事件", "Recent events"),
    "org.col.seq": ("序号", "Seq"),
    "org.col.time": ("时间", "Time"),
    "org.col.actor": ("操作人", "Actor"),
    "org.col.kind": ("类型", "Kind"),
    "org.col.details": ("内容", "Details"),
    "org.no_standings": ("（当前角色不能查看成绩）", "(your role cannot view standings)"),
}


def tr(lang: str, key: str, **fmt: Any) -> str:
    """The catalogue text ``key`` in ``lang`` ("zh" or "en"), formatted with ``fmt``."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def state_label(lang: str, state: str) -> str:
    """A sheet state (none/draft/submitted/returned/signed_off) in words."""
    key = f"state.{state}"
    return tr(lang, key) if key in TEXT else state


STATE_GLYPHS = {
    "none": "-",
    "draft": "✎",
    "submitted": "✓",
    "returned": "↩",
    "signed_off": "✔",
    "avoid": "/",
    "other": "·",
}
"""Narrow (non-ambiguous-width) glyphs for the chief judge's matrix, so CJK terminals keep the columns aligned."""


def role_label(lang: str, roles: frozenset[str]) -> str:
    """The actor's roles in words, most senior first."""
    order = ("chief", "supervisor", "organiser", "marking", "encryption", "clerk")
    separator = ", " if lang == "en" else "、"
    return separator.join(tr(lang, f"role.{r}") for r in order if r in roles) or "-"


def score(value: Decimal | None) -> str:
    """A score for display: half-up to 2 decimals (display only; stored values stay exact)."""
    return "—" if value is None else format(half_up(value, 2), "f")


def points(value: Decimal) -> str:
    """Item points without trailing zeros (6, 4.5)."""
    return format(value.normalize(), "f")


def mmss(seconds: int | None) -> str:
    """Seconds as ``mm:ss``; ``—`` when unknown."""
    if seconds is None:
        return "—"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


_MMSS = re.compile(r"^(\d{1,4})(?::([0-5]\d))?$")


def parse_mmss(text: str) -> int | None:
    """``mm:ss`` or whole minutes to seconds; ``None`` when the text is not a time."""
    m = _MMSS.match(text.strip())
    if not m:
        return None
    return int(m.group(1)) * 60 + int(m.group(2) or 0)


def message(error: BaseException | str, lang: str) -> str:
    """A user-facing message for a service error, in ``lang`` where the service gave both languages."""
    if isinstance(error, SheetIncomplete):
        return tr(lang, "sheet.incomplete", n=len(error.missing), items=", ".join(error.missing))
    if isinstance(error, EntryRefused):
        text = error.reason
        prefix = f"{error.item_id}: " if error.item_id else ""
    else:
        text = str(error)
        prefix = ""
    zh, sep, en = text.partition(" / ")
    if sep:
        text = en.strip() if lang == "en" else zh.strip()
    return prefix + text


def relabel(node: Any, labels: Mapping[str, str], lang: str) -> None:
    """Rewrite the footer descriptions of ``node``'s bindings in ``lang``.

    ``labels`` maps an action string to a catalogue key. Textual builds a per-instance copy of the bindings
    (``_bindings``) at construction; replacing the frozen ``Binding`` objects in that copy is the one way to
    change a description at run time, which F2 (language) needs.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=tr(lang, labels[b.action])) if b.action in labels else b for b in items
        ]
