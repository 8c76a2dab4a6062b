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

from contest.i18n import tr
from contest.printing import text as tx
from contest.printing.pages import GroupFairnessDocData, ScheduleDocData, SessionLine
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, PORTRAIT, SHADE, grid, widths
from scoresheets.groups import GroupFigures

_STATION = re.compile(r"^(.*?)(\d+)$")


def _group(ink: Ink, group: str) -> str:
    """A group as named on paper, as :func:`contest.services.grouping.group_label` names it: 第1组, A组."""
    return ink.t("print.schedule.group_digit" if group.isdigit() else "print.schedule.group_name", g=group)


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
            parts.append(tr(lang, "print.schedule.run", first=run[0], last=run[-1]))
        else:
            parts += run
    return tr(lang, "print.list_sep").join(parts)


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
    title = ink.t("print.schedule.s_title")
    story: list[Flowable] = [*title_block(ink, title, ink.t("print.schedule.s_subtitle"))]
    for code, module_title in data.modules:
        lines = [x for x in data.sessions if x.module_code == code]
        if lines:
            story += _module_sessions(ink, code, module_title, lines, width)
    story += [
        Spacer(1, 2 * mm),
        *notes(ink, [ink.t("print.schedule.s_note_stations"), ink.t("print.schedule.s_note_groups")]),
        Spacer(1, 5 * mm),
        signature_block(
            ink,
            [(ink.t("print.schedule.chief"), ""), (ink.t("print.schedule.organiser"), "")],
            width,
            per_row=3,
        ),
    ]
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _module_sessions(
    ink: Ink, code: str, module_title: str, lines: Sequence[SessionLine], width: float
) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(ink.t(k), h)
        for k in (
            "print.schedule.col_session",
            "print.schedule.col_time",
            "print.schedule.col_track",
            "print.schedule.col_group",
            "print.schedule.col_stations",
            "print.schedule.col_count",
        )
    ]
    rows: list[list[Flowable | str]] = [head]
    for x in lines:
        rows.append(
            [
                ink.p(ink.t("print.schedule.session", n=x.number), c),
                ink.p(_time(x), c),
                ink.p(x.track, c),
                ink.p(_group(ink, x.group), c),
                ink.p(stations_text(x.stations, ink.lang), ink.st.cell),
                ink.p(str(len(x.stations)), c),
            ]
        )
    cols = widths(width, [15 * mm, 38 * mm, 26 * mm, 18 * mm, None, 12 * mm])
    count = ink.t("print.schedule.s_counts", n=len(lines), m=sum(len(x.stations) for x in lines))
    heading = ink.rich(
        [
            ink.markup(ink.t("print.schedule.module", code=code, title=module_title)),
            ink.markup(f"{ink.gap}{count}", color="#5f6368", size=9),
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
    title = ink.t("print.schedule.f_title")
    status: list[str] = []
    if data.signed_off:
        note = data.signoff_note.strip()
        status.append(
            ink.t("print.schedule.signed_note", note=note) if note else ink.t("print.schedule.signed")
        )
    else:
        status.append(
            ink.t("print.schedule.unsigned_flagged" if fairness.flagged else "print.schedule.unsigned")
        )
    if not data.calibrated:
        status.append(ink.t("print.schedule.uncalibrated"))
    story: list[Flowable] = [
        *title_block(
            ink, title, ink.t("print.schedule.f_subtitle", code=data.module_code, title=data.module_title)
        ),
        *[ink.p(line, ink.st.body) for line in status],
        Spacer(1, 3 * mm),
        _fairness_table(ink, data, width),
        Spacer(1, 3 * mm),
        *notes(
            ink,
            [
                ink.t("print.schedule.read_mean"),
                ink.t("print.schedule.read_cal"),
                ink.t("print.schedule.read_few", n=rules.min_contestants),
                ink.t(
                    "print.schedule.read_rules",
                    mean=ink.points(rules.mean_gap),
                    cal=ink.points(rules.calibration_gap),
                ),
                ink.t("print.schedule.read_none"),
            ],
        ),
        Spacer(1, 5 * mm),
        signature_block(
            ink,
            [(ink.t("print.schedule.chief"), ""), (ink.t("print.schedule.supervisor"), "")],
            width,
            per_row=3,
        ),
    ]
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def _fairness_table(ink: Ink, data: GroupFairnessDocData, width: float) -> Table:
    c, h = ink.st.cell_center, ink.st.head
    keys = (
        "print.schedule.col_group",
        "print.schedule.col_judges",
        "print.schedule.col_contestants",
        "print.schedule.col_mean",
        "print.schedule.col_sd",
        "print.schedule.col_gap",
        "print.schedule.col_bias",
        "print.schedule.col_cal_gap",
        "print.schedule.col_verdict",
    )
    rows: list[list[Flowable | str]] = [[ink.p(ink.t(k), h) for k in keys]]
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
        return (
            ink.t("print.schedule.strict")
            if value is not None and value < 0
            else ink.t("print.schedule.lenient")
        )

    if g.flags:
        over = []
        if "mean" in g.flags:
            over.append(ink.t("print.schedule.over_mean", tol=ink.points(rules.mean_gap), lean=lean(g.gap)))
        if "calibration" in g.flags:
            over.append(
                ink.t(
                    "print.schedule.over_cal",
                    tol=ink.points(rules.calibration_gap),
                    lean=lean(g.calibration_gap),
                )
            )
        return ink.t("print.schedule.over", list=ink.t("print.clause_sep").join(over))
    if g.gap is None and g.contestants < rules.min_contestants:
        few = ink.t("print.schedule.few", n=rules.min_contestants)
        if g.calibration_gap is None:
            return few
        return ink.t("print.clause_sep").join([few, ink.t("print.schedule.within_cal")])
    if g.gap is None and g.calibration_gap is None:
        return ink.t("print.schedule.not_compared")
    return ink.t("print.schedule.within")
