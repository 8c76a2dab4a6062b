"""The words and number formats of printed documents, in Simplified Chinese and English.

Owns every fixed label the renderers print (column heads, signature lines, footers) and how a score, a number of
points, a time or a date is written. It owns no layout (:mod:`contest.printing.styles`) and no data
(:mod:`contest.printing.pages`). Scores arrive already rounded; formatting only pads them to the contest's number
of decimals and never rounds: a value with more decimals than that is printed exactly as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from contest.i18n import pick

LABELS: dict[str, dict[str, str]] = {
    # page furniture
    "page_of": {"zh": "第 {page} 页 共 {pages} 页", "en": "Page {page} of {pages}"},
    "printed_at": {"zh": "打印时间：{when}", "en": "Printed {when}"},
    "audit": {"zh": "数据校验码：{code}", "en": "Data check code: {code}"},
    "draft_mark": {"zh": "草稿 未定稿", "en": "DRAFT · NOT FINAL"},
    "draft_reason": {"zh": "草稿（未定稿）：{reason}", "en": "Draft (not final): {reason}"},
    "signature": {"zh": "{role}（签字）：", "en": "{role} (signature):"},
    "sign_date": {"zh": "日期：", "en": "Date:"},
    "dash": {"zh": "—", "en": "—"},
    # result sheet
    "results_title": {"zh": "成绩公示表", "en": "Published results"},
    "results_anon_title": {
        "zh": "成绩确认表（解密前）",
        "en": "Results confirmation before decryption (station numbers only)",
    },
    "col_rank": {"zh": "名次", "en": "Rank"},
    "col_name": {"zh": "姓名", "en": "Name"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_id": {"zh": "身份证号", "en": "ID number"},
    "col_station": {"zh": "赛位号", "en": "Station"},
    "col_theory": {"zh": "理论成绩", "en": "Theory"},
    "col_practical": {"zh": "实操成绩", "en": "Practical"},
    "col_total": {"zh": "总成绩", "en": "Total"},
    "col_award": {"zh": "奖项", "en": "Award"},
    "col_remarks": {"zh": "备注", "en": "Remarks"},
    "chief_judge": {"zh": "裁判长", "en": "Chief judge"},
    "notice_head": {"zh": "公示说明：", "en": "Notice:"},
    "seal": {"zh": "（盖章）", "en": "(seal)"},
    # draw sheet
    "draw_title": {"zh": "加密对照表（密封保存）", "en": "Draw sheet (keep sealed)"},
    "draw_title_1": {"zh": "一次加密对照表（密封保存）", "en": "First encryption sheet (keep sealed)"},
    "draw_title_2": {"zh": "二次加密对照表（密封保存）", "en": "Second encryption sheet (keep sealed)"},
    "draw_note_1": {
        "zh": "一次加密：选手与抽签号的对照。本表由一次加密裁判在监督下密封保存，解密时在监督见证下开启。",
        "en": "First encryption: contestants and their draw numbers. The first encryption judge keeps this sheet "
        "sealed under supervision and opens it at decryption before the supervisor.",
    },
    "draw_note_2": {
        "zh": "二次加密：抽签号与赛位号的对照，不含选手身份。本表由二次加密裁判在监督下密封保存，解密时在监督见证下开启。",
        "en": "Second encryption: draw numbers and stations, without identities. The second encryption judge keeps "
        "this sheet sealed under supervision and opens it at decryption before the supervisor.",
    },
    "col_draw": {"zh": "抽签号", "en": "Draw no."},
    "col_station_in": {"zh": "{module} 赛位号", "en": "{module} station"},
    "encryption_judge": {"zh": "加密裁判", "en": "Encryption judge"},
    "draw_note": {
        "zh": "抽签号为一次加密，赛位号为二次加密。本表由加密裁判在监督下密封保存，解密前不得向评分裁判出示。",
        "en": "Draw numbers are the first encryption, stations the second. The encryption judge keeps this sheet "
        "sealed under supervision; it is not shown to marking judges before decryption.",
    },
    "supervisor": {"zh": "监督", "en": "Supervisor"},
    "contestants": {"zh": "参赛人数：{n}", "en": "Contestants: {n}"},
    "anon_notice": {
        "zh": "本表在解密前打印，只列赛位号，不含姓名、单位和身份证号；经裁判长、监督和统分员核对签字后解密。",
        "en": "Printed before decryption: station numbers only, no names, units or ID numbers; the chief judge, "
        "the supervisor and the scorer check and sign it before decryption.",
    },
    # score sheets
    "scores_title": {"zh": "评分汇总表", "en": "Score summary sheet"},
    "scorer": {"zh": "统分员", "en": "Scorer"},
    "reviewer": {"zh": "复核", "en": "Checked by"},
    "module": {"zh": "模块{code} {title}", "en": "Module {code}: {title}"},
    "col_item": {"zh": "编号", "en": "No."},
    "col_item_title": {"zh": "评分项", "en": "Item"},
    "col_points": {"zh": "配分", "en": "Pts"},
    "col_panel": {"zh": "最终得分", "en": "Final score"},
    "judge_col": {"zh": "裁判 {code}", "en": "Judge {code}"},
    "row_items_total": {"zh": "评分项小计", "en": "Items subtotal"},
    "row_time": {"zh": "用时", "en": "Time used"},
    "row_overtime": {"zh": "超时扣分", "en": "Overtime deduction"},
    "row_veto": {"zh": "否决项", "en": "Veto"},
    "row_sheet_total": {"zh": "评分表合计", "en": "Sheet total"},
    "module_score": {"zh": "模块得分", "en": "Module score"},
    "level": {"zh": "等级 {level}", "en": "level {level}"},
    "station": {"zh": "赛位号：{station}", "en": "Station: {station}"},
    "contestant": {"zh": "选手：{name}", "en": "Contestant: {name}"},
    "unit": {"zh": "单位：{unit}", "en": "Unit: {unit}"},
    "max_points": {"zh": "满分 {points} 分", "en": "Maximum {points}"},
    "time_limit": {"zh": "限时 {minutes} 分钟", "en": "time limit {minutes} min"},
    "rule": {"zh": "计分规则：{rule}", "en": "Scoring rule: {rule}"},
    "dropped_legend": {
        "zh": "划线并标“去掉”的分数按计分规则不计入。",
        "en": "Struck-through marks labelled 'dropped' are left out by the aggregation rule.",
    },
    "dropped": {"zh": "去掉", "en": "dropped"},
    "none": {"zh": "无", "en": "none"},
    "judge_sign": {"zh": "裁判 {code}", "en": "Judge {code}"},
    "rubric_version": {"zh": "评分细则版本：{hash}", "en": "Rubric version: {hash}"},
    "panel_veto": {"zh": "否决：{veto}", "en": "Veto: {veto}"},
    "vetoed": {"zh": "否决", "en": "vetoed"},
    "notes": {"zh": "说明", "en": "Notes"},
    "section_points": {"zh": "{title}（{points}分）", "en": "{title} ({points} pts)"},
    # blank sheets
    "blank_title": {"zh": "评分表（纸质评分用）", "en": "Score sheet (paper marking)"},
    "col_requirement": {"zh": "评分项及要求", "en": "Item and requirement"},
    "col_rules": {"zh": "扣分细则 / 评价等级", "en": "Deduction rules / levels"},
    "col_deducted": {"zh": "扣分", "en": "Deduct."},
    "col_score": {"zh": "得分", "en": "Score"},
    "measurement": {"zh": "测量", "en": "measurement"},
    "judgement": {"zh": "评价", "en": "judgement"},
    "score": {"zh": "直接打分", "en": "typed score"},
    "score_rule": {
        "zh": "直接填写本项得分：0–{points}分，按{step}分为单位",
        "en": "Write the item score: 0–{points}, in steps of {step}",
    },
    "typed_too": {"zh": "也可直接填写得分（按{step}分为单位）", "en": "or write the score (steps of {step})"},
    "repeatable": {"zh": "可累计", "en": "repeatable"},
    "cap": {"zh": "最多扣{cap}分", "en": "at most {cap}"},
    "each": {"zh": "扣{points}分", "en": "−{points} each"},
    "floor": {"zh": "本项扣完为止", "en": "not below 0 within the item"},
    "judgement_rule": {
        "zh": "圈选等级：得分 = 配分 × 等级 ÷ 3",
        "en": "Circle a level: score = points × level ÷ 3",
    },
    "station_blank": {"zh": "赛位号：", "en": "Station:"},
    "judge_code": {"zh": "裁判编号：", "en": "Judge code:"},
    "date_blank": {"zh": "日期：", "en": "Date:"},
    "check_total": {"zh": "评分项合计（核分）", "en": "Items total (checked)"},
    "time_used_blank": {"zh": "用时：______ 分 ______ 秒", "en": "Time used: ______ min ______ s"},
    "overtime_rule": {"zh": "超时规定：{rule}", "en": "Overtime: {rule}"},
    "overtime_points": {
        "zh": "每超时 1 分钟（不足 1 分钟按 1 分钟计）扣 {points} 分，超时 {stop} 分钟终止",
        "en": "−{points} per started minute over, stopped at {stop} min over",
    },
    "overtime_blank": {"zh": "超时扣分", "en": "Overtime deduction"},
    "veto_title": {"zh": "否决项（符合的打 ✓）", "en": "Vetoes (tick if it applies)"},
    "veto_zero": {"zh": "本模块记 0 分", "en": "module scores 0"},
    "veto_dq": {"zh": "取消比赛资格", "en": "disqualified"},
    "final_blank": {"zh": "本表得分", "en": "Sheet score"},
    "marker": {"zh": "评分裁判", "en": "Marking judge"},
    "checker": {"zh": "统分员", "en": "Scorer"},
    "scenario": {"zh": "情境：{scenario}", "en": "Scenario: {scenario}"},
    # certificates
    "cert_title": {"zh": "获奖证书", "en": "Certificate of Award"},
    "cert_name": {"zh": "{name}：", "en": "{name}"},
    "cert_body": {
        "zh": "在{contest}{project}中成绩优异，荣获",
        "en": "has distinguished themselves in {project} at the {contest} and is awarded",
    },
    "cert_end": {"zh": "特发此证，以资鼓励。", "en": "Presented in recognition of this achievement."},
    "cert_no": {"zh": "证书编号：{no}", "en": "Certificate No. {no}"},
    # statistics
    "stats_title": {"zh": "成绩统计", "en": "Score statistics"},
    "stat_count": {"zh": "人数", "en": "Count"},
    "stat_mean": {"zh": "平均分", "en": "Mean"},
    "stat_median": {"zh": "中位数", "en": "Median"},
    "stat_min": {"zh": "最低分", "en": "Min"},
    "stat_max": {"zh": "最高分", "en": "Max"},
    "bands_title": {"zh": "分数段分布", "en": "Distribution"},
    "col_band": {"zh": "分数段", "en": "Band"},
    "col_count": {"zh": "人数", "en": "Count"},
    "judges_title": {"zh": "裁判评分统计", "en": "Judges"},
    "col_judge": {"zh": "裁判", "en": "Judge"},
    "col_sheets": {"zh": "评分表数", "en": "Sheets"},
    "col_mean_dev": {"zh": "平均偏差", "en": "Mean deviation"},
    "col_mean_abs_dev": {"zh": "平均绝对偏差", "en": "Mean abs. deviation"},
    "col_max_abs_dev": {"zh": "最大绝对偏差", "en": "Max abs. deviation"},
    "dev_note": {
        "zh": "偏差 = 裁判评分表合计 − 模块最终得分；正数偏宽，负数偏严。",
        "en": "Deviation = judge's sheet total − panel module score; positive is lenient, negative severe.",
    },
    "alerts_title": {"zh": "评分差异提示", "en": "Spread alerts"},
    "alerts_none": {"zh": "无评分差异提示。", "en": "No spread alerts."},
    "col_where": {"zh": "评分项", "en": "Item"},
    "col_spread": {"zh": "差值", "en": "Spread"},
    "col_limit": {"zh": "允许", "en": "Limit"},
    "col_marks": {"zh": "各裁判评分", "en": "Marks"},
    "col_resolution": {"zh": "处理", "en": "Resolution"},
    "sheet_total_item": {"zh": "评分表合计", "en": "sheet total"},
    "stability_title": {"zh": "奖项稳定性", "en": "Award stability"},
    "col_current": {"zh": "当前奖项", "en": "Current award"},
    "stability_note": {
        "zh": "与当前奖项不同的格子加底色。",
        "en": "Shaded cells differ from the current award.",
    },
    "no_award": {"zh": "—", "en": "—"},
}


CLIP_MARK = {"zh": "…（过长，已截断）", "en": "… (too long, cut)"}
"""Printed after text cut to fit its box, so a reader sees that something is missing."""
CLIP = {"name": 40, "unit": 120, "remarks": 400, "fact": 80, "signer": 24}
"""Most characters a table cell or fact line of each kind prints (a table row cannot break across pages: a
600-character unit once made the result sheet's row taller than the page). Import limits keep real data below
these; they catch what still gets through (a database edited by hand, an older import)."""


def clip(value: str, limit: int, lang: str) -> str:
    """``value`` if it has at most ``limit`` characters, else its first characters and :data:`CLIP_MARK`."""
    if len(value) <= limit:
        return value
    mark = pick(CLIP_MARK, lang)
    return value[: max(limit - len(mark), 1)] + mark


def label(key: str, lang: str, **fmt: object) -> str:
    """The label ``key`` in ``lang`` (Chinese when there is no English), formatted with ``fmt``."""
    return pick(LABELS[key], lang, **fmt)


def score(value: Decimal | None, places: int = 2, empty: str = "—") -> str:
    """A score padded to ``places`` decimals, never rounded (``None`` prints ``empty``)."""
    if value is None:
        return empty
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -places:
        value = value.quantize(Decimal(1).scaleb(-places))  # only adds zeros: exact
    return format(value, "f")


def signed(value: Decimal | None, places: int = 2) -> str:
    """A score with an explicit sign, for deviations (``+1.25``, ``−0.50``, ``0.00``)."""
    if value is None:
        return "—"
    text = score(abs(value), places)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text
    return text


def points(value: Decimal) -> str:
    """Points of a rubric item or rule, without trailing zeros (``6``, ``2.5``)."""
    text = format(value.normalize(), "f")
    return text


def duration(seconds: int | None, lang: str) -> str:
    """Minutes and seconds, e.g. ``18分05秒`` / ``18 min 05 s``."""
    if seconds is None:
        return "—"
    m, s = divmod(seconds, 60)
    return f"{m} min {s:02d} s" if lang == "en" else f"{m}分{s:02d}秒"


def timestamp(when: datetime) -> str:
    """A print time as ``2025-06-14 16:30`` (in the zone the caller gave)."""
    return when.strftime("%Y-%m-%d %H:%M")


def titled_contest(name: str, edition: str) -> str:
    """The contest's name with its edition where Chinese puts it: ``第三届`` before the name, or after a leading
    year (``2026年第三届蓬江区…``); an edition already in the name is not repeated."""
    name, edition = name.strip(), edition.strip()
    if not edition or edition in name:
        return name
    year = re.match(r"(\d{4}年)(.*)", name)
    if year and not re.search(r"\d{4}", edition):
        return f"{year.group(1)}{edition}{year.group(2)}"
    return edition + name


def project_phrase(contest: str, project: str) -> str:
    """How the project follows the contest name: ``养老护理员项目``, or only its group (``（职工组）``) when the
    contest name already says the occupation, so it is never written twice."""
    project = project.strip()
    base = project.split("（", 1)[0].split("(", 1)[0]
    if base and base in contest:
        return project[len(base) :]
    return f"{project}项目" if project else ""


def chinese_date(day: date) -> str:
    """A date as ``2026年5月22日``."""
    return f"{day.year}年{day.month}月{day.day}日"


CERTIFICATE_WORDING: dict[str, tuple[str, str, str]] = {
    "award": ("获奖证书", "在{contest}{project}中成绩优异，荣获", "特发此证，以资鼓励。"),
    "honour": ("荣誉证书", "在{contest}{project}中成绩突出，获评", "特发此证，以资鼓励。"),
    "participation": ("参赛证明", "参加{contest}{project}。", "特此证明。"),
}
"""Default (title, body, end) of each kind of certificate; ``[certificates] award/honour/participation`` in
contest.toml overrides any part. The body may use {contest}, {project}, {award}, {name}, {unit} and {date}."""
