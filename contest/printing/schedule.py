"""场次安排表 and 分组评分宽严对照表: the two documents of a contest marked by judge groups (评分分组).

Owns the layout and the fixed words of these documents only. The 场次安排表 (A4 portrait) is posted at the venue:
per module, each 场次 with its time, 赛道, judge group and stations — station numbers (二次加密) only, never names.
The 分组评分宽严对照表 (A4 landscape) is internal, for the chief judge, the supervisor and the file: per module, each
group's judges, contestants, mean and spread, its gap to the other groups, its judges' calibration bias, and which
tolerance it exceeds; with how the figures are read and the chief judge's sign-off note. Every figure arrives
computed and rounded half-up (2 dp) by :mod:`scoresheets.groups`; here it is only written out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from contest.i18n import pick
from contest.printing import text as tx
from contest.printing.pages import GroupFairnessDocData, ScheduleDocData, SessionLine
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, PORTRAIT, SHADE, grid, widths
from scoresheets.groups import GroupFigures

W: dict[str, dict[str, str]] = {
    # both
    "module": {"zh": "模块 {code} {title}", "en": "Module {code} {title}"},
    "group_digit": {"zh": "第{g}组", "en": "Group {g}"},
    "group_name": {"zh": "{g}组", "en": "Group {g}"},
    "chief": {"zh": "裁判长", "en": "Chief judge"},
    # 场次安排表
    "s_title": {"zh": "场次安排表", "en": "Session schedule"},
    "s_subtitle": {
        "zh": "各模块场次、赛道、评分组与赛位号",
        "en": "Sessions, tracks, judge groups and stations of each module",
    },
    "s_counts": {"zh": "共 {n} 场，{m} 个赛位", "en": "{n} sessions, {m} stations"},
    "col_session": {"zh": "场次", "en": "Session"},
    "col_time": {"zh": "时间", "en": "Time"},
    "col_track": {"zh": "赛道", "en": "Track"},
    "col_group": {"zh": "评分组", "en": "Judge group"},
    "col_stations": {"zh": "赛位号", "en": "Stations"},
    "col_count": {"zh": "人数", "en": "Count"},
    "session": {"zh": "第{n}场", "en": "{n}"},
    "run": {"zh": "{first} 至 {last}", "en": "{first} to {last}"},
    "s_note_stations": {
        "zh": "本表只列赛位号（二次加密），不列选手姓名、单位或抽签号，可在赛场张贴。选手凭赛位号在所列时间到所列赛道参赛。",
        "en": "This schedule lists station numbers (second encryption) only — no names, units or draw numbers — "
        "and may be posted at the venue. Contestants go to the listed track at the listed time by station number.",
    },
    "s_note_groups": {
        "zh": "每场由所列评分组的裁判评分；同一时间的各场在不同赛道同时进行。时间为赛场当地时间，空白表示另行通知。",
        "en": "Each session is marked by the judges of the listed group; sessions at the same time run side by side "
        "on different tracks. Times are local to the venue; a blank time will be announced.",
    },
    "organiser": {"zh": "组织者", "en": "Organiser"},
    # 分组评分宽严对照表
    "f_title": {"zh": "分组评分宽严对照表", "en": "Judge groups compared"},
    "f_subtitle": {
        "zh": "模块 {code} {title} · 内部资料，不调整任何成绩",
        "en": "Module {code} {title} · internal; no score is adjusted",
    },
    "col_judges": {"zh": "裁判", "en": "Judges"},
    "col_contestants": {"zh": "选手数", "en": "Contestants"},
    "col_mean": {"zh": "平均分", "en": "Mean"},
    "col_sd": {"zh": "标准差", "en": "SD"},
    "col_gap": {"zh": "与其他组之差", "en": "Gap to others"},
    "col_bias": {"zh": "标定偏差", "en": "Calibration bias"},
    "col_cal_gap": {"zh": "标定偏差之差", "en": "Bias gap"},
    "col_verdict": {"zh": "结论", "en": "Conclusion"},
    "over": {"zh": "超出容差：{list}", "en": "Beyond tolerance: {list}"},
    "over_mean": {"zh": "平均分差 > {tol} 分（{lean}）", "en": "mean gap > {tol} ({lean})"},
    "over_cal": {"zh": "标定偏差之差 > {tol} 分（{lean}）", "en": "bias gap > {tol} ({lean})"},
    "strict": {"zh": "偏严", "en": "strict"},
    "lenient": {"zh": "偏宽", "en": "lenient"},
    "within": {"zh": "在容差内", "en": "Within tolerance"},
    "few": {
        "zh": "选手少于 {n} 名，平均分不作比较",
        "en": "Fewer than {n} contestants: the mean is not compared",
    },
    "within_cal": {"zh": "标定偏差在容差内", "en": "calibration bias within tolerance"},
    "not_compared": {"zh": "无可比较的数据", "en": "Nothing to compare"},
    "signed": {"zh": "本模块已签核。", "en": "This module is signed off."},
    "signed_note": {
        "zh": "本模块已签核。裁判长签核说明：{note}",
        "en": "This module is signed off. The chief judge's note: {note}",
    },
    "unsigned": {"zh": "本模块尚未签核。", "en": "This module is not signed off yet."},
    "unsigned_flagged": {
        "zh": "本模块尚未签核：有评分组超出容差，裁判长须说明理由方可签核。",
        "en": "This module is not signed off yet: a group is beyond tolerance, so the chief judge must give a "
        "reason to sign it off.",
    },
    "uncalibrated": {
        "zh": "本模块没有进行评分标定（或没有已提交的标定评分表），“标定偏差”两栏空缺。",
        "en": "This module ran no calibration round (or no calibration sheet was submitted): the two calibration "
        "columns are empty.",
    },
    "read_mean": {
        "zh": "读法：各组的场次经随机抽签分配，各组选手水平大体相当；因此一组选手的平均分明显低于（或高于）其他各组，"
        "提示该组评分偏严（或偏宽）。与其他组之差 = 本组平均分 − 其他各组选手合并的平均分；标准差为本组选手成绩的"
        "样本标准差。否决和未完成评分的选手不计入。",
        "en": "How to read: sessions are given to the groups by a random draw, so the groups' fields are alike; a "
        "group whose contestants' mean is clearly below (or above) the others' suggests strict (or lenient) "
        "marking. Gap to others = this group's mean − the mean of the other groups' contestants pooled; SD is the "
        "sample standard deviation of this group's scores. Vetoed and unmarked panels are left out.",
    },
    "read_cal": {
        "zh": "标定偏差 = 本组裁判在评分标定中的总分与全体裁判中位数之差的平均数（负数偏严、正数偏宽）。各组评的是同一"
        "示范，所以这一数字不受抽签影响；标定偏差之差 = 本组标定偏差 − 其他各组裁判的平均标定偏差。",
        "en": "Calibration bias = the mean, over this group's judges, of their calibration sheet total − the panel "
        "median (negative: strict, positive: lenient). Every group marked the same performance, so this figure "
        "does not depend on the draw; bias gap = this group's bias − the other groups' judges' mean bias.",
    },
    "read_few": {
        "zh": "选手少于 {n} 名的组只列出人数和平均分，不与其他组比较（人数太少，说明不了宽严）。",
        "en": "A group with fewer than {n} contestants is listed but its mean is not compared (too few to say).",
    },
    "read_rules": {
        "zh": "容差（contest.toml [groups]）：平均分差超过 {mean} 分，或标定偏差之差超过 {cal} 分，即标注并加底色；"
        "有组超出容差时，裁判长须说明理由方可签核。",
        "en": "Tolerances ([groups] in contest.toml): a mean gap above {mean} points or a bias gap above {cal} points "
        "is flagged and shaded; the chief judge must then give a reason to sign the module off.",
    },
    "read_none": {
        "zh": "本表只作对照，不对任何成绩作调整（不做分组标准化）。",
        "en": "This table is for comparison only: no score is adjusted (no normalisation across groups).",
    },
    "supervisor": {"zh": "监督", "en": "Supervisor"},
}

_STATION = re.compile(r"^(.*?)(\d+)$")


def _w(ink: Ink, key: str, **fmt: object) -> str:
    return ink.s(pick(W[key], ink.lang).format(**fmt))


def _group(ink: Ink, group: str) -> str:
    """A group as named on paper, as :func:`contest.services.grouping.group_label` names it: 第1组, A组."""
    return _w(ink, "group_digit" if group.isdigit() else "group_name", g=group)


def _num(value: Decimal | None) -> str:
    """A figure as it arrives (already rounded half-up to 2 dp); ``—`` for none."""
    return "—" if value is None else f"{value:.2f}"


def _signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"+{value:.2f}" if value > 0 else f"−{-value:.2f}" if value < 0 else f"{value:.2f}"


def stations_text(stations: Sequence[str], lang: str = "zh") -> str:
    """Stations in their printed order, runs of consecutive numbers (same prefix and width, each one more than the
    last) of three or more written as ``001 至 006``; the rest listed (``、``; ``, `` in English)."""
    runs: list[list[str]] = []
    last: tuple[str, int, int] | None = None
    for st in stations:
        m = _STATION.match(st)
        key = (m.group(1), int(m.group(2)), len(m.group(2))) if m else None
        if runs and key and last and key[0] == last[0] and key[2] == last[2] and key[1] == last[1] + 1:
            runs[-1].append(st)
        else:
            runs.append([st])
        last = key
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(pick(W["run"], lang, first=run[0], last=run[-1]))
        else:
            parts += run
    return ("、" if lang == "zh" else ", ").join(parts)


def _time(line: SessionLine) -> str:
    """``2026-12-10 08:30–09:10`` (the date once when both ends fall on it); blank when not scheduled."""
    starts, ends = line.starts.strip(), line.ends.strip()
    if not ends:
        return starts
    if not starts:
        return f"–{ends}"
    day, _, clock = ends.partition(" ")
    if clock and starts.startswith(day + " "):
        return f"{starts}–{clock}"
    return f"{starts}–\n{ends}"  # over two days: one end a line


# --------------------------------------------------------------------------------------------- 场次安排表


def render_schedule(
    data: ScheduleDocData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 场次安排表 as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    width = PORTRAIT[0] - 2 * MARGIN_X
    title = _w(ink, "s_title")
    story: list[Flowable] = [*title_block(ink, title, _w(ink, "s_subtitle"))]
    for code, module_title in data.modules:
        lines = [x for x in data.sessions if x.module_code == code]
        if lines:
            story += _module_sessions(ink, code, module_title, lines, width)
    story += [
        Spacer(1, 2 * mm),
        *notes(ink, [_w(ink, "s_note_stations"), _w(ink, "s_note_groups")]),
        Spacer(1, 5 * mm),
        signature_block(ink, [(_w(ink, "chief"), ""), (_w(ink, "organiser"), "")], width, per_row=3),
    ]
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _module_sessions(
    ink: Ink, code: str, module_title: str, lines: Sequence[SessionLine], width: float
) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(_w(ink, k), h)
        for k in ("col_session", "col_time", "col_track", "col_group", "col_stations", "col_count")
    ]
    rows: list[list[Flowable | str]] = [head]
    for x in lines:
        rows.append(
            [
                ink.p(_w(ink, "session", n=x.number), c),
                ink.p(_time(x), c),
                ink.p(x.track, c),
                ink.p(_group(ink, x.group), c),
                ink.p(stations_text(x.stations, ink.lang), ink.st.cell),
                ink.p(str(len(x.stations)), c),
            ]
        )
    cols = widths(width, [15 * mm, 38 * mm, 26 * mm, 18 * mm, None, 12 * mm])
    count = _w(ink, "s_counts", n=len(lines), m=sum(len(x.stations) for x in lines))
    heading = ink.rich(
        [
            ink.markup(_w(ink, "module", code=code, title=module_title)),
            ink.markup(f"　{count}", color="#5f6368", size=9),
        ],
        ink.st.heading,
    )
    # a new page when the heading and a few rows would not fit; a long table breaks with its header repeated
    return [CondPageBreak(40 * mm), heading, Table(rows, colWidths=cols, repeatRows=1, style=grid())]


# ------------------------------------------------------------------------------------- 分组评分宽严对照表


def render_group_fairness(
    data: GroupFairnessDocData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 分组评分宽严对照表 of one module as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    width = LANDSCAPE[0] - 2 * MARGIN_X
    fairness = data.fairness
    rules = fairness.rules
    title = _w(ink, "f_title")
    status: list[str] = []
    if data.signed_off:
        note = data.signoff_note.strip()
        status.append(_w(ink, "signed_note", note=note) if note else _w(ink, "signed"))
    else:
        status.append(_w(ink, "unsigned_flagged" if fairness.flagged else "unsigned"))
    if not data.calibrated:
        status.append(_w(ink, "uncalibrated"))
    story: list[Flowable] = [
        *title_block(ink, title, _w(ink, "f_subtitle", code=data.module_code, title=data.module_title)),
        *[ink.p(line, ink.st.body) for line in status],
        Spacer(1, 3 * mm),
        _fairness_table(ink, data, width),
        Spacer(1, 3 * mm),
        *notes(
            ink,
            [
                _w(ink, "read_mean"),
                _w(ink, "read_cal"),
                _w(ink, "read_few", n=rules.min_contestants),
                _w(ink, "read_rules", mean=ink.points(rules.mean_gap), cal=ink.points(rules.calibration_gap)),
                _w(ink, "read_none"),
            ],
        ),
        Spacer(1, 5 * mm),
        signature_block(ink, [(_w(ink, "chief"), ""), (_w(ink, "supervisor"), "")], width, per_row=3),
    ]
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def _fairness_table(ink: Ink, data: GroupFairnessDocData, width: float) -> Table:
    c, h = ink.st.cell_center, ink.st.head
    keys = (
        "col_group",
        "col_judges",
        "col_contestants",
        "col_mean",
        "col_sd",
        "col_gap",
        "col_bias",
        "col_cal_gap",
        "col_verdict",
    )
    rows: list[list[Flowable | str]] = [[ink.p(_w(ink, k), h) for k in keys]]
    shade: list[tuple[object, ...]] = []
    for r, g in enumerate(data.fairness.groups, 1):
        judges = "\n".join(
            f"{code} {tx.clip(data.judges.get(code, ''), tx.CLIP['name'], ink.lang)}".strip()
            for code in g.judges
        )
        rows.append(
            [
                ink.p(_group(ink, g.group), c),
                ink.p(judges or "—", ink.st.cell),
                ink.p(str(g.contestants), c),
                ink.p(_num(g.mean), c),
                ink.p(_num(g.spread), c),
                ink.p(_signed(g.gap), c),
                ink.p(_signed(g.calibration_bias), c),
                ink.p(_signed(g.calibration_gap), c),
                ink.p(_verdict(ink, data, g), ink.st.cell),
            ]
        )
        if "mean" in g.flags:
            shade.append(("BACKGROUND", (5, r), (5, r), SHADE))
        if "calibration" in g.flags:
            shade.append(("BACKGROUND", (7, r), (7, r), SHADE))
        if g.flags:
            shade.append(("BACKGROUND", (8, r), (8, r), SHADE))
    cols = widths(width, [20 * mm, 44 * mm, 19 * mm, 17 * mm, 17 * mm, 22 * mm, 20 * mm, 22 * mm, None])
    return Table(rows, colWidths=cols, repeatRows=1, style=grid(extra=shade))


def _verdict(ink: Ink, data: GroupFairnessDocData, g: GroupFigures) -> str:
    rules = data.fairness.rules

    def lean(value: Decimal | None) -> str:
        return _w(ink, "strict") if value is not None and value < 0 else _w(ink, "lenient")

    if g.flags:
        over = []
        if "mean" in g.flags:
            over.append(_w(ink, "over_mean", tol=ink.points(rules.mean_gap), lean=lean(g.gap)))
        if "calibration" in g.flags:
            over.append(
                _w(ink, "over_cal", tol=ink.points(rules.calibration_gap), lean=lean(g.calibration_gap))
            )
        return _w(ink, "over", list=("；" if ink.lang == "zh" else "; ").join(over))
    if g.gap is None and g.contestants < rules.min_contestants:
        few = _w(ink, "few", n=rules.min_contestants)
        if g.calibration_gap is None:
            return few
        return ("；" if ink.lang == "zh" else "; ").join([few, _w(ink, "within_cal")])
    if g.gap is None and g.calibration_gap is None:
        return _w(ink, "not_compared")
    return _w(ink, "within")
