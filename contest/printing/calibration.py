"""评分标定报告: a module's calibration round, for the chief judge's briefing before live marking. A4 landscape.

Owns the layout and the fixed words of this document only: the items to discuss (worst first, with the rules the
judges applied differently), each judge's deviation from the panel median per item, the judges' agreement
figures, the sheet totals per performance with Kendall's W, and how the figures are read. Every figure arrives
computed by :mod:`scoresheets.calibration`; figures are written half-up here, for display only.
"""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from contest.i18n import pick
from contest.printing.pages import CalibrationDocData
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, SHADE, grid, widths
from scoresheets.numbers import half_up

WIDTH = LANDSCAPE[0] - 2 * MARGIN_X

W: dict[str, dict[str, str]] = {
    "title": {"zh": "评分标定报告", "en": "Calibration report"},
    "subtitle": {
        "zh": "模块{module} {title} · 标定评分不计入任何成绩",
        "en": "Module {module} {title} · calibration marks never count",
    },
    "performances": {"zh": "标定：{list}", "en": "Performances: {list}"},
    "closed": {"zh": "已结束", "en": "closed"},
    "open": {"zh": "进行中", "en": "open"},
    "submitted": {"zh": "{n}/{m} 名裁判已提交", "en": "{n} of {m} judges submitted"},
    "missing": {
        "zh": "未提交（不计入统计）：{list}",
        "en": "Not submitted (left out of the figures): {list}",
    },
    "s1": {"zh": "一、需要在评判说明会上统一尺度的评分项", "en": "1. Items to discuss at the briefing"},
    "s1_none": {
        "zh": "各评分项裁判评分一致，没有需要讨论的评分项。",
        "en": "The judges agree on every item: nothing to discuss.",
    },
    "s2": {
        "zh": "二、各裁判与中位数的平均偏差（分，按评分项）",
        "en": "2. Each judge's mean deviation from the median",
    },
    "s2_note": {
        "zh": "正数偏宽、负数偏严；底色表示该裁判在该项的平均绝对偏差超过配分的 {tol}（正负相抵时平均偏差可能接近 0）。",
        "en": "Positive: lenient, negative: strict. Shaded: this judge's mean absolute deviation on the item exceeds "
        "{tol} of its points (deviations of both signs can cancel out in the mean).",
    },
    "s3": {"zh": "三、裁判一致性", "en": "3. Judges' agreement"},
    "s4": {"zh": "四、各标定总分", "en": "4. Sheet totals per performance"},
    "col_item": {"zh": "评分项", "en": "Item"},
    "col_points": {"zh": "配分", "en": "Points"},
    "col_medians": {"zh": "中位数（各标定）", "en": "Median (per perf.)"},
    "col_spread": {"zh": "极差", "en": "Range"},
    "col_mad": {"zh": "平均偏差（占配分）", "en": "MAD (share)"},
    "col_why": {"zh": "原因", "en": "Why"},
    "col_judge": {"zh": "裁判", "en": "Judge"},
    "col_marked": {"zh": "已交", "en": "Marked"},
    "col_bias": {"zh": "总分偏差", "en": "Total bias"},
    "col_far": {"zh": "偏离较大的评分项", "en": "Items far off"},
    "col_perf": {"zh": "标定", "en": "Perf."},
    "col_median": {"zh": "中位数", "en": "Median"},
    "levels": {"zh": "评价等级相差 {gap} 级", "en": "levels {gap} apart"},
    "spread": {"zh": "平均偏差超过配分的 {tol}", "en": "MAD above {tol} of the points"},
    "rule": {
        "zh": "{perf}：{n}/{m} 名裁判扣“{text}”（{who}）",
        "en": "{perf}: {n} of {m} judges applied “{text}” ({who})",
    },
    "strict": {"zh": "偏严", "en": "strict"},
    "lenient": {"zh": "偏宽", "en": "lenient"},
    "veto": {"zh": "否决", "en": "veto"},
    "w": {
        "zh": "肯德尔和谐系数 W = {w}（{m} 名裁判 × {n} 个标定的总分排序；1 表示排序完全一致，0 表示毫无关联）。",
        "en": "Kendall's W = {w} ({m} judges ordering {n} performances by total; 1 = the same order, 0 = unrelated).",
    },
    "w_few": {
        "zh": "标定只有 {n} 个，W 只能粗略反映排序是否一致。",
        "en": "With only {n} performances W is a coarse figure.",
    },
    "w_none": {
        "zh": "W 需要至少 2 个标定且至少 2 名裁判全部提交，本次未计算。",
        "en": "W needs at least 2 performances fully marked by at least 2 judges: not computed.",
    },
    "method": {
        "zh": "读法：每个标定、每个评分项以全体裁判评分的中位数为参照（个别裁判的极端评分不会拉动中位数）；"
        "平均偏差 = 各裁判评分与中位数之差的绝对值的平均数，单位为分；占配分 = 平均偏差 ÷ 该项配分。"
        "总分偏差为负表示比中位数偏严，为正表示偏宽。W 只看排序、不看宽严：每项都偏严 2 分的裁判仍可完全一致。",
        "en": "How to read: for each performance and item the panel median is the reference (one extreme mark does not "
        "move it); MAD is the mean of |mark − median| in points, its share is MAD ÷ the item's points. A negative "
        "total bias is stricter than the median, positive more lenient. W looks at order only, not severity.",
    },
    "thresholds": {
        "zh": "提示标准（contest.toml [calibration]）：平均偏差超过配分的 {tol}；评价等级相差超过 {gap} 级；"
        "同一扣分条目有的裁判扣、有的裁判不扣。",
        "en": "Flagged ([calibration] in contest.toml): MAD above {tol} of the points; levels more than {gap} apart; "
        "a deduction rule applied by some judges and not others.",
    },
    "chief": {"zh": "裁判长", "en": "Chief judge"},
    "supervisor": {"zh": "监督", "en": "Supervisor"},
}


def _w(ink: Ink, key: str, **fmt: object) -> str:
    return ink.s(pick(W[key], ink.lang).format(**fmt))


def _num(value: Decimal) -> str:
    return f"{half_up(value, 2):.2f}"


def _signed(value: Decimal) -> str:
    shown = half_up(value, 2)
    return f"+{shown:.2f}" if shown > 0 else f"−{-shown:.2f}" if shown < 0 else "0.00"


def _pct(value: Decimal) -> str:
    return f"{half_up(value * 100, 1):.1f}%"


def render_calibration_report(
    data: CalibrationDocData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 评分标定报告 as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    report = data.report
    title = _w(ink, "title")
    perf_list = "；".join(
        f"{p.code} {p.title}（{_w(ink, 'closed' if p.closed else 'open')}，"
        f"{_w(ink, 'submitted', n=len(p.submitted), m=len(data.judges))}）"
        for p in data.performances
    )
    story: list[Flowable] = [
        *title_block(ink, title, _w(ink, "subtitle", module=data.module_code, title=data.module_title)),
        ink.p(_w(ink, "performances", list=perf_list), ink.st.body),
    ]
    if data.missing:
        who = "、".join(f"{p}/{j} {data.judges.get(j, '')}".strip() for p, j in data.missing)
        story.append(ink.p(_w(ink, "missing", list=who), ink.st.note))
    story.append(Spacer(1, 2 * mm))
    story += _flagged(ink, data)
    story += _deviations(ink, data)
    story += _judges(ink, data)
    story += _totals(ink, data)
    tol = _pct(report.rules.share_tolerance)
    story += [
        Spacer(1, 2 * mm),
        *notes(ink, [_w(ink, "method"), _w(ink, "thresholds", tol=tol, gap=report.rules.level_gap)]),
        Spacer(1, 5 * mm),
        signature_block(ink, [(_w(ink, "chief"), ""), (_w(ink, "supervisor"), "")], WIDTH, per_row=3),
    ]
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def _item_label(ink: Ink, data: CalibrationDocData, item_id: str) -> str:
    title = data.item_titles.get(item_id)
    return f"{item_id} {title.get(ink.lang) if title else ''}".strip()


def _flagged(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    out: list[Flowable] = [ink.p(_w(ink, "s1"), ink.st.section)]
    flagged = report.flagged
    if not flagged:
        return [*out, ink.p(_w(ink, "s1_none"), ink.st.body), Spacer(1, 3 * mm)]
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(_w(ink, k), h)
        for k in ("col_item", "col_points", "col_medians", "col_spread", "col_mad", "col_why")
    ]
    rows: list[list[Flowable | str]] = [head]
    tol = _pct(report.rules.share_tolerance)
    for item in flagged:
        why = []
        if "levels" in item.flags:
            why.append(_w(ink, "levels", gap=item.level_range))
        if "spread" in item.flags:
            why.append(_w(ink, "spread", tol=tol))
        for split in item.rule_splits:
            why.append(
                _w(
                    ink,
                    "rule",
                    perf=split.performance,
                    n=len(split.applied_by),
                    m=split.judges,
                    text=rule.get(ink.lang) if (rule := data.rule_texts.get(split.code)) else split.code,
                    who="、".join(split.applied_by),
                )
            )
        medians = " / ".join(f"{p} {_num(v)}" for p, v in item.medians.items())
        rows.append(
            [
                ink.p(_item_label(ink, data, item.item_id), ink.st.cell),
                ink.p(ink.points(item.points), c),
                ink.p(medians, c),
                ink.p(_num(item.spread), c),
                ink.p(f"{_num(item.mad)}（{_pct(item.mad_share)}）", c),
                ink.p("；".join(why), ink.st.cell),
            ]
        )
    cols = widths(WIDTH, [52 * mm, 14 * mm, 40 * mm, 14 * mm, 30 * mm, None])
    return [*out, Table(rows, colWidths=cols, repeatRows=1, style=grid()), Spacer(1, 3 * mm)]


def _deviations(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    """Items × judges: each judge's mean signed deviation from the median; shaded where it is far off."""
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [ink.p(_w(ink, "col_item"), h), ink.p(_w(ink, "col_points"), h)]
    head += [ink.p(ink.s(j), h) for j in report.judges]
    rows: list[list[Flowable | str]] = [head]
    shade: list[tuple[object, ...]] = []
    by_judge = {j.judge: j for j in report.judge_figures}
    for r, item in enumerate(report.items, 1):
        cells: list[Flowable | str] = [
            ink.p(_item_label(ink, data, item.item_id), ink.st.cell),
            ink.p(ink.points(item.points), c),
        ]
        for k, judge in enumerate(report.judges):
            dev = by_judge[judge].deviations.get(item.item_id)
            cells.append(ink.p("—" if dev is None else _signed(dev), c))
            if item.item_id in by_judge[judge].far_items:
                shade.append(("BACKGROUND", (2 + k, r), (2 + k, r), SHADE))
        rows.append(cells)
    n = len(report.judges)
    cols = widths(WIDTH, [70 * mm, 14 * mm, *([None] * n)]) if n else widths(WIDTH, [None, 14 * mm])
    return [
        ink.p(_w(ink, "s2"), ink.st.section),
        ink.p(_w(ink, "s2_note", tol=_pct(report.rules.share_tolerance)), ink.st.note),
        Table(rows, colWidths=cols, repeatRows=1, style=grid(extra=shade)),
        Spacer(1, 3 * mm),
    ]


def _judges(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(_w(ink, k), h) for k in ("col_judge", "col_marked", "col_mad", "col_bias", "col_far")
    ]
    rows: list[list[Flowable | str]] = [head]
    for j in report.judge_figures:
        lean = _w(ink, "strict") if j.bias < 0 else _w(ink, "lenient") if j.bias > 0 else ""
        rows.append(
            [
                ink.p(f"{j.judge} {data.judges.get(j.judge, '')}".strip(), ink.st.cell),
                ink.p(str(j.marked), c),
                ink.p(f"{_num(j.mad)}（{_pct(j.mad_share)}）", c),
                ink.p(f"{_signed(j.bias)} {lean}".strip(), c),
                ink.p("、".join(j.far_items) or "—", ink.st.cell),
            ]
        )
    cols = widths(WIDTH, [44 * mm, 16 * mm, 36 * mm, 30 * mm, None])
    return [
        KeepTogether(
            [ink.p(_w(ink, "s3"), ink.st.section), Table(rows, colWidths=cols, repeatRows=1, style=grid())]
        ),
        Spacer(1, 3 * mm),
    ]


def _totals(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [ink.p(_w(ink, "col_perf"), h), *(ink.p(ink.s(j), h) for j in report.judges)]
    head.append(ink.p(_w(ink, "col_median"), h))
    rows: list[list[Flowable | str]] = [head]
    for perf in report.performances:
        cells: list[Flowable | str] = [ink.p(perf, c)]
        for judge in report.judges:
            total = report.totals[perf].get(judge)
            veto = report.vetoes.get(perf, {}).get(judge)
            text = "—" if total is None else _num(total) + (f"（{_w(ink, 'veto')} {veto}）" if veto else "")
            cells.append(ink.p(text, c))
        cells.append(ink.p(_num(report.median_totals[perf]), c))
        rows.append(cells)
    n = len(report.judges)
    cols = widths(WIDTH, [24 * mm, *([None] * n), 24 * mm])
    w = report.kendall_w
    if w is None:
        line = _w(ink, "w_none")
    else:
        line = _w(ink, "w", w=_num(w), m=len(report.w_judges), n=len(report.performances))
        if len(report.performances) < 4:
            line += _w(ink, "w_few", n=len(report.performances))
    return [
        KeepTogether(
            [
                ink.p(_w(ink, "s4"), ink.st.section),
                Table(rows, colWidths=cols, repeatRows=1, style=grid()),
                Spacer(1, 1.5 * mm),
                ink.p(line, ink.st.body),
            ]
        )
    ]
