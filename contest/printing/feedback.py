"""The 以赛促训 documents: 培训反馈报告 (one unit's results, where its contestants lost points against the field, its
strengths and weaknesses, a chart per module) and 个人成绩反馈单 (one page per contestant). A4 portrait.

Owns the layout and the fixed words of these two documents only; every figure arrives computed in
:mod:`contest.printing.feedback_pages` / :mod:`scoresheets.feedback`. Percentages are written half-up (whole %).
The charts are reportlab's own graphics.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from contest.i18n import tr
from contest.printing import text as tx
from contest.printing.feedback_pages import (
    ContestantFeedbackData,
    ContestantSheet,
    UnitFeedbackData,
    UnitReport,
)
from contest.printing.parts import notes, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import MARGIN_X, PORTRAIT, SHADE, RunStart, grid, widths
from scoresheets.feedback import GroupFeedback, ModuleFeedback, Quartiles, Share, percent
from scoresheets.numbers import half_up

WIDTH = PORTRAIT[0] - 2 * MARGIN_X
UNIT_COLOUR = colors.HexColor("#2f6f9f")
FIELD_COLOUR = colors.HexColor("#b9c4cf")


def _pct(share: Share | None) -> str:
    return f"{percent(share.rate)}%" if share is not None else "—"


def _gap(a: Share | None, b: Share | None) -> str:
    if a is None or b is None:
        return "—"
    d = percent(a.rate) - percent(b.rate)
    return f"{d:+d}" if d else "0"


# -- unit report -------------------------------------------------------------------------------------------------
def render_unit_feedback(
    data: UnitFeedbackData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 培训反馈报告 of every unit in ``data`` (each starts on a new page) as PDF bytes."""
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t("feedback.unit_title")
    story: list[Flowable] = [RunStart()]
    for k, report in enumerate(data.reports):
        if k:
            story.append(PageBreak())
        story += _unit(ink, data, report, title)
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _basis(ink: Ink, g: GroupFeedback) -> str:
    if g.basis == "unit":
        return ink.t("feedback.basis_unit", n=g.count)
    if g.basis == "merged":
        return ink.t(
            "feedback.basis_merged", min=g.min_count, units=ink.t("print.list_sep").join(g.units), n=g.count
        )
    return ink.t("feedback.basis_suppressed", min=g.min_count)


def _unit(ink: Ink, data: UnitFeedbackData, r: UnitReport, title: str) -> list[Flowable]:
    g = r.stats
    c, h = ink.st.cell_center, ink.st.head
    out: list[Flowable] = [
        *title_block(ink, title, r.unit),
        ink.p(_basis(ink, g), ink.st.body),
        Spacer(1, 2 * mm),
    ]
    # 1. results
    head: list[Flowable | str] = [
        ink.p(ink.t(k), h) for k in ("feedback.col_name", "feedback.col_rank", "feedback.col_theory")
    ]
    head += [ink.p(ink.s(code), h) for code in data.module_codes]
    head += [ink.p(ink.t(k), h) for k in ("feedback.col_total", "feedback.col_award")]
    rows: list[list[Flowable | str]] = [head]
    for line in r.results:
        rows.append(
            [
                ink.p(line.name, c),
                ink.p(str(line.rank) if line.rank is not None else "—", c),
                ink.p(ink.score(line.theory), c),
                *[ink.p(ink.score(v), c) for v in line.modules],
                ink.p(ink.score(line.total), c),
                ink.p(line.award or "—", c),
            ]
        )
    n = len(data.module_codes)
    out += [
        ink.p(ink.t("feedback.results"), ink.st.section),
        Table(
            rows,
            colWidths=widths(WIDTH, [26 * mm, 14 * mm, 18 * mm, *([18 * mm] * n), 20 * mm, None]),
            repeatRows=1,
            style=grid(),
        ),
        Spacer(1, 3 * mm),
    ]
    # 2. findings
    out.append(ink.p(ink.t("feedback.findings"), ink.st.section))
    for key, found in (("feedback.strengths", g.strengths), ("feedback.weaknesses", g.weaknesses)):
        lines = [f"{k}. {f.text(ink.lang)}" for k, f in enumerate(found, 1)] or [ink.t("feedback.none")]
        out.append(ink.p(ink.t(key), ink.st.body))
        out += [ink.p(line, ink.st.cell) for line in lines]
    out.append(Spacer(1, 3 * mm))
    # 3. modules
    out.append(ink.p(ink.t("feedback.modules"), ink.st.section))
    for m in g.modules:
        out += _module(ink, m)
    # 4. theory
    if g.theory:
        rows = [
            [
                ink.p(ink.t(k), h)
                for k in (
                    "feedback.col_theory_section",
                    "feedback.col_unit_rate",
                    "feedback.col_field_rate",
                    "feedback.col_gap",
                )
            ]
        ]
        for sec in g.theory:
            rows.append(
                [
                    ink.p(ink.s(sec.title.get(ink.lang)), c),
                    ink.p(ink.s(_pct(sec.group)), c),
                    ink.p(ink.s(_pct(sec.field)), c),
                    ink.p(ink.s(_gap(sec.group, sec.field)), c),
                ]
            )
        out += [
            KeepTogether(
                [
                    ink.p(ink.t("feedback.theory"), ink.st.section),
                    Table(rows, colWidths=widths(WIDTH, [None, 30 * mm, 30 * mm, 20 * mm]), style=grid()),
                ]
            ),
            Spacer(1, 3 * mm),
        ]
    out += [ink.p(ink.t("feedback.rules"), ink.st.section), *notes(ink, [ink.s(x) for x in data.rules])]
    return out


def _module(ink: Ink, m: ModuleFeedback) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    title = f"{m.code} {m.title.get(ink.lang)}"
    head = ink.t(
        "feedback.module_head",
        title=title,
        unit=tx.score(half_up(m.group.mean, ink.header.places), ink.header.places) if m.group else "—",
        field=tx.score(half_up(m.field.mean, ink.header.places), ink.header.places) if m.field else "—",
        max=tx.points(m.max_points),
    )
    rows: list[list[Flowable | str]] = [
        [
            ink.p(ink.t(k), h)
            for k in (
                "feedback.col_section",
                "feedback.col_item",
                "feedback.col_points",
                "feedback.col_unit_rate",
                "feedback.col_field_rate",
                "feedback.col_gap",
                "feedback.col_rules",
            )
        ]
    ]
    shade = []
    for r, it in enumerate(m.items, start=1):
        what = [x.text.get(ink.lang) + ink.t("print.paren", text=x.count) for x in it.rules]
        if it.levels is not None:
            what.append(tr(ink.lang, "feedback.levels", a="/".join(str(x) for x in it.levels)))
        rows.append(
            [
                ink.p(ink.s(it.section.get(ink.lang)), ink.st.cell_small),
                ink.p(ink.s(f"{it.item.id} {it.item.title.get(ink.lang)}")),
                ink.p(ink.points(it.item.points), c),
                ink.p(ink.s(_pct(it.group)), c),
                ink.p(ink.s(_pct(it.field)), c),
                ink.p(ink.s(_gap(it.group, it.field)), c),
                ink.p(ink.s(ink.t("print.clause_sep").join(what)), ink.st.cell_small),
            ]
        )
        if it.gap is not None and it.gap < 0:
            shade.append(("BACKGROUND", (5, r), (5, r), SHADE))
    table = Table(
        rows,
        colWidths=widths(WIDTH, [22 * mm, 40 * mm, 12 * mm, 20 * mm, 20 * mm, 12 * mm, None]),
        repeatRows=1,
        style=grid(extra=shade),
    )
    vetoes = ink.t("print.list_sep").join(
        v.text.get(ink.lang) + ink.t("print.paren", text=v.count) for v in m.vetoes
    )
    out: list[Flowable] = [
        KeepTogether(
            [
                ink.p(ink.s(head), ink.st.heading),
                _chart(ink, m),
                notes(ink, [ink.t("feedback.chart_note")])[0],
            ]
        ),
        table,
    ]
    if vetoes:
        out += notes(ink, [ink.t("feedback.vetoes", v=vetoes)])
    out.append(Spacer(1, 3 * mm))
    return out


def _chart(ink: Ink, m: ModuleFeedback) -> Drawing:
    """Horizontal bars per item: the unit's share and the field's (whole percent)."""
    items = list(m.items)
    unit = [percent(i.group.rate) if i.group else 0 for i in reversed(items)]
    field = [percent(i.field.rate) if i.field else 0 for i in reversed(items)]
    has_unit = any(i.group is not None for i in items)
    series = [field, unit] if has_unit else [field]
    per = 9.0 if has_unit else 6.0
    height = max(len(items), 1) * per + 18
    d = Drawing(WIDTH, height + 14)
    chart = HorizontalBarChart()
    chart.x, chart.y = 24 * mm, 12  # type: ignore[assignment, unused-ignore]  # types-reportlab declares widget positions and sizes int
    chart.width, chart.height = WIDTH - 30 * mm, height - 8  # type: ignore[assignment, unused-ignore]  # types-reportlab declares widget positions and sizes int
    chart.data = series
    chart.categoryAxis.categoryNames = [ink.s(i.item.id) for i in reversed(items)]
    chart.categoryAxis.labels.fontName = ink.font.name
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = ink.font.name
    chart.valueAxis.labels.fontSize = 6.5
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = FIELD_COLOUR
    if has_unit:
        chart.bars[1].fillColor = UNIT_COLOUR
    chart.barSpacing = 0.5  # type: ignore[assignment, unused-ignore]  # types-reportlab declares it int
    chart.groupSpacing = 2
    d.add(chart)
    legend = Legend()
    legend.fontName = ink.font.name
    legend.fontSize = 7
    legend.x, legend.y = 24 * mm, height + 10  # type: ignore[assignment, unused-ignore]  # types-reportlab declares widget positions and sizes int
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 6
    pairs = [(UNIT_COLOUR, ink.t("feedback.legend_unit"))] if has_unit else []
    pairs.append((FIELD_COLOUR, ink.t("feedback.legend_field")))
    legend.colorNamePairs = pairs
    legend.deltax = 40
    d.add(legend)
    return d


# -- contestant sheets -------------------------------------------------------------------------------------------
def render_contestant_feedback(
    data: ContestantFeedbackData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """One 个人成绩反馈单 per contestant, each on its own page."""
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t("feedback.sheet_title")
    story: list[Flowable] = [RunStart()]
    for k, sheet in enumerate(data.sheets):
        if k:
            story.append(PageBreak())
        story += _sheet(ink, sheet, title, data.rules)
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _q(ink: Ink, q: Quartiles | None) -> str:
    if q is None:
        return "—"
    places = ink.header.places
    return " / ".join(tx.score(half_up(v, places), places) for v in (q.q1, q.median, q.q3))


def _sheet(ink: Ink, s: ContestantSheet, title: str, rules: Sequence[str]) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    places = ink.header.places
    out: list[Flowable] = [
        *title_block(ink, title),
        ink.p(
            ink.t(
                "feedback.sheet_info",
                name=s.name,
                unit=s.unit,
                rank=s.rank if s.rank is not None else "—",
                total=tx.score(s.total, places),
                award=s.award,
            ),
            ink.st.body,
        ),
        Spacer(1, 2 * mm),
    ]
    rows: list[list[Flowable | str]] = [
        [
            ink.p(ink.t(k), h)
            for k in (
                "feedback.col_item",
                "feedback.col_points",
                "feedback.col_score",
                "feedback.col_quartiles",
            )
        ]
    ]
    for m in s.feedback.modules:
        rows.append(
            [
                ink.p(ink.s(f"{m.code} {m.title.get(ink.lang)}")),
                ink.p(ink.points(m.max_points), c),
                ink.p(ink.score(m.score) if m.score is not None else ink.t("feedback.absent"), c),
                ink.p(ink.s(_q(ink, m.field)), c),
            ]
        )
    for t in s.feedback.theory:
        rows.append(
            [
                ink.p(ink.s(ink.t("feedback.col_theory") + ink.t("print.label_sep") + t.title.get(ink.lang))),
                ink.p(ink.points(t.points), c),
                ink.p(ink.score(t.score), c),
                ink.p(ink.s(_q(ink, t.field)), c),
            ]
        )
    out += [
        Table(rows, colWidths=widths(WIDTH, [None, 16 * mm, 22 * mm, 56 * mm]), style=grid()),
        Spacer(1, 3 * mm),
    ]
    for m in s.feedback.modules:
        block: list[Flowable] = [ink.p(ink.s(f"{m.code} {m.title.get(ink.lang)}"), ink.st.heading)]
        if m.veto is not None:
            block.append(ink.p(ink.t("feedback.veto", text=m.veto.get(ink.lang)), ink.st.body))
        if m.losses:
            block.append(ink.p(ink.t("feedback.losses"), ink.st.section))
            block += [
                ink.p(
                    ink.t(
                        "feedback.loss",
                        item=f"{x.item.id} {x.item.title.get(ink.lang)}",
                        own=tx.score(half_up(x.own, places), places),
                        mean=tx.score(half_up(x.field_mean, places), places),
                        points=tx.points(x.item.points),
                    )
                )
                for x in m.losses
            ]
        if m.rules:
            block.append(ink.p(ink.t("feedback.applied"), ink.st.section))
            block += [
                ink.p(ink.s(r.text.get(ink.lang) + ink.t("print.paren", text=f"{r.count}/{m.judges}")))
                for r in m.rules
            ]
        if m.comments:
            block.append(ink.p(ink.t("feedback.comments"), ink.st.section))
            block += [ink.p(ink.s(f"· {text}")) for text in m.comments]
        out += [*block, Spacer(1, 2 * mm)]
    out += notes(ink, [ink.s(x) for x in rules])
    return out
