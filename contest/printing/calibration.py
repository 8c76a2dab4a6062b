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

from contest.i18n import Msg
from contest.printing.pages import CalibrationDocData
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, SHADE, grid, widths
from scoresheets.numbers import half_up

WIDTH = LANDSCAPE[0] - 2 * MARGIN_X


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
    title = ink.t("print.calibration.title")
    perf_list = ink.t("print.clause_sep").join(
        ink.t(
            "print.calibration.performance",
            code=p.code,
            title=p.title,
            state=Msg("print.calibration.closed" if p.closed else "print.calibration.open"),
            submitted=Msg("print.calibration.submitted", n=len(p.submitted), m=len(data.judges)),
        )
        for p in data.performances
    )
    story: list[Flowable] = [
        *title_block(
            ink, title, ink.t("print.calibration.subtitle", module=data.module_code, title=data.module_title)
        ),
        ink.p(ink.t("print.calibration.performances", list=perf_list), ink.st.body),
    ]
    if data.missing:
        who = ink.t("print.list_sep").join(
            f"{p}/{j} {data.judges.get(j, '')}".strip() for p, j in data.missing
        )
        story.append(ink.p(ink.t("print.calibration.missing", list=who), ink.st.note))
    story.append(Spacer(1, 2 * mm))
    story += _flagged(ink, data)
    story += _deviations(ink, data)
    story += _judges(ink, data)
    story += _totals(ink, data)
    tol = _pct(report.rules.share_tolerance)
    story += [
        Spacer(1, 2 * mm),
        *notes(
            ink,
            [
                ink.t("print.calibration.method"),
                ink.t("print.calibration.thresholds", tol=tol, gap=report.rules.level_gap),
            ],
        ),
        Spacer(1, 5 * mm),
        signature_block(
            ink,
            [(ink.t("print.calibration.chief"), ""), (ink.t("print.calibration.supervisor"), "")],
            WIDTH,
            per_row=3,
        ),
    ]
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def _item_label(ink: Ink, data: CalibrationDocData, item_id: str) -> str:
    title = data.item_titles.get(item_id)
    return f"{item_id} {title.get(ink.lang) if title else ''}".strip()


def _flagged(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    out: list[Flowable] = [ink.p(ink.t("print.calibration.s1"), ink.st.section)]
    flagged = report.flagged
    if not flagged:
        return [*out, ink.p(ink.t("print.calibration.s1_none"), ink.st.body), Spacer(1, 3 * mm)]
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(ink.t(k), h)
        for k in (
            "print.calibration.col_item",
            "print.calibration.col_points",
            "print.calibration.col_medians",
            "print.calibration.col_spread",
            "print.calibration.col_mad",
            "print.calibration.col_why",
        )
    ]
    rows: list[list[Flowable | str]] = [head]
    tol = _pct(report.rules.share_tolerance)
    for item in flagged:
        why = []
        if "levels" in item.flags:
            why.append(ink.t("print.calibration.levels", gap=item.level_range))
        if "spread" in item.flags:
            why.append(ink.t("print.calibration.spread", tol=tol))
        for split in item.rule_splits:
            why.append(
                ink.t(
                    "print.calibration.rule",
                    perf=split.performance,
                    n=len(split.applied_by),
                    m=split.judges,
                    text=rule.get(ink.lang) if (rule := data.rule_texts.get(split.code)) else split.code,
                    who=ink.t("print.list_sep").join(split.applied_by),
                )
            )
        medians = " / ".join(f"{p} {_num(v)}" for p, v in item.medians.items())
        rows.append(
            [
                ink.p(_item_label(ink, data, item.item_id), ink.st.cell),
                ink.p(ink.points(item.points), c),
                ink.p(medians, c),
                ink.p(_num(item.spread), c),
                ink.p(_num(item.mad) + ink.t("print.paren", text=_pct(item.mad_share)), c),
                ink.p(ink.t("print.clause_sep").join(why), ink.st.cell),
            ]
        )
    cols = widths(WIDTH, [52 * mm, 14 * mm, 40 * mm, 14 * mm, 30 * mm, None])
    return [*out, Table(rows, colWidths=cols, repeatRows=1, style=grid()), Spacer(1, 3 * mm)]


def _deviations(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    """Items × judges: each judge's mean signed deviation from the median; shaded where it is far off."""
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(ink.t("print.calibration.col_item"), h),
        ink.p(ink.t("print.calibration.col_points"), h),
    ]
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
        ink.p(ink.t("print.calibration.s2"), ink.st.section),
        ink.p(ink.t("print.calibration.s2_note", tol=_pct(report.rules.share_tolerance)), ink.st.note),
        Table(rows, colWidths=cols, repeatRows=1, style=grid(extra=shade)),
        Spacer(1, 3 * mm),
    ]


def _judges(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(ink.t(k), h)
        for k in (
            "print.calibration.col_judge",
            "print.calibration.col_marked",
            "print.calibration.col_mad",
            "print.calibration.col_bias",
            "print.calibration.col_far",
        )
    ]
    rows: list[list[Flowable | str]] = [head]
    for j in report.judge_figures:
        lean = (
            ink.t("print.calibration.strict")
            if j.bias < 0
            else ink.t("print.calibration.lenient")
            if j.bias > 0
            else ""
        )
        rows.append(
            [
                ink.p(f"{j.judge} {data.judges.get(j.judge, '')}".strip(), ink.st.cell),
                ink.p(str(j.marked), c),
                ink.p(_num(j.mad) + ink.t("print.paren", text=_pct(j.mad_share)), c),
                ink.p(f"{_signed(j.bias)} {lean}".strip(), c),
                ink.p(ink.t("print.list_sep").join(j.far_items) or "—", ink.st.cell),
            ]
        )
    cols = widths(WIDTH, [44 * mm, 16 * mm, 36 * mm, 30 * mm, None])
    return [
        KeepTogether(
            [
                ink.p(ink.t("print.calibration.s3"), ink.st.section),
                Table(rows, colWidths=cols, repeatRows=1, style=grid()),
            ]
        ),
        Spacer(1, 3 * mm),
    ]


def _totals(ink: Ink, data: CalibrationDocData) -> list[Flowable]:
    report = data.report
    c, h = ink.st.cell_center, ink.st.head
    head: list[Flowable | str] = [
        ink.p(ink.t("print.calibration.col_perf"), h),
        *(ink.p(ink.s(j), h) for j in report.judges),
    ]
    head.append(ink.p(ink.t("print.calibration.col_median"), h))
    rows: list[list[Flowable | str]] = [head]
    for perf in report.performances:
        cells: list[Flowable | str] = [ink.p(perf, c)]
        for judge in report.judges:
            total = report.totals[perf].get(judge)
            veto = report.vetoes.get(perf, {}).get(judge)
            text = (
                "—"
                if total is None
                else _num(total)
                + (ink.t("print.paren", text=f"{ink.t('print.calibration.veto')} {veto}") if veto else "")
            )
            cells.append(ink.p(text, c))
        cells.append(ink.p(_num(report.median_totals[perf]), c))
        rows.append(cells)
    n = len(report.judges)
    cols = widths(WIDTH, [24 * mm, *([None] * n), 24 * mm])
    w = report.kendall_w
    if w is None:
        line = ink.t("print.calibration.w_none")
    else:
        line = ink.t("print.calibration.w", w=_num(w), m=len(report.w_judges), n=len(report.performances))
        if len(report.performances) < 4:
            line += ink.t("print.calibration.w_few", n=len(report.performances))
    return [
        KeepTogether(
            [
                ink.p(ink.t("print.calibration.s4"), ink.st.section),
                Table(rows, colWidths=cols, repeatRows=1, style=grid()),
                Spacer(1, 1.5 * mm),
                ink.p(line, ink.st.body),
            ]
        )
    ]
