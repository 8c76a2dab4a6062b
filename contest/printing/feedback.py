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

from contest.i18n import pick
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

W: dict[str, dict[str, str]] = {
    "unit_title": {"zh": "培训反馈报告", "en": "Training feedback report"},
    "sheet_title": {"zh": "个人成绩反馈单", "en": "Contestant feedback sheet"},
    "basis_unit": {"zh": "统计口径：本单位 {n} 人", "en": "Figures: this unit, {n} contestants"},
    "basis_merged": {
        "zh": "统计口径：本单位人数少于 {min} 人，与其他小单位合并统计（{units}，共 {n} 人）",
        "en": "Figures: fewer than {min} contestants; merged with the other small units ({units}, {n} in all)",
    },
    "basis_suppressed": {
        "zh": "本单位人数少于 {min} 人，合并后仍不足 {min} 人：不显示本单位统计，只列全场数据",
        "en": "Fewer than {min} contestants even merged: no unit figures, only the field's",
    },
    "results": {"zh": "一、本单位选手成绩", "en": "1. This unit's results"},
    "findings": {"zh": "二、优势与不足", "en": "2. Strengths and weaknesses"},
    "strengths": {"zh": "优势", "en": "Strengths"},
    "weaknesses": {"zh": "不足", "en": "Weaknesses"},
    "none": {"zh": "无", "en": "none"},
    "modules": {"zh": "三、各模块失分情况", "en": "3. Where points were lost, per module"},
    "theory": {"zh": "四、理论知识（按部分和题型）", "en": "4. Theory, by section and question type"},
    "rules": {"zh": "说明", "en": "Notes"},
    "module_head": {
        "zh": "{title}：本单位平均 {unit} 分，全场平均 {field} 分（满分 {max}）",
        "en": "{title}: this unit's mean {unit}, the field's {field} (of {max})",
    },
    "col_section": {"zh": "环节", "en": "Section"},
    "col_item": {"zh": "评分项", "en": "Item"},
    "col_points": {"zh": "配分", "en": "Points"},
    "col_unit_rate": {"zh": "本单位得分率", "en": "Unit"},
    "col_field_rate": {"zh": "全场得分率", "en": "Field"},
    "col_gap": {"zh": "差", "en": "Gap"},
    "col_rules": {"zh": "最常见扣分（人次）/ 评价等级分布", "en": "Most frequent deductions / levels"},
    "levels": {"zh": "等级0/1/2/3：{a}", "en": "levels 0/1/2/3: {a}"},
    "vetoes": {"zh": "否决：{v}", "en": "Vetoes: {v}"},
    "legend_unit": {"zh": "本单位", "en": "This unit"},
    "legend_field": {"zh": "全场", "en": "Field"},
    "chart_note": {"zh": "图：各评分项得分率（%）", "en": "Chart: share of points per item (%)"},
    "col_name": {"zh": "姓名", "en": "Name"},
    "col_rank": {"zh": "名次", "en": "Rank"},
    "col_theory": {"zh": "理论", "en": "Theory"},
    "col_total": {"zh": "总成绩", "en": "Total"},
    "col_award": {"zh": "奖项", "en": "Award"},
    "col_theory_section": {"zh": "部分", "en": "Section"},
    "col_score": {"zh": "得分", "en": "Score"},
    "col_quartiles": {"zh": "全场 下四分位/中位数/上四分位", "en": "Field Q1 / median / Q3"},
    "sheet_info": {
        "zh": "姓名：{name}　单位：{unit}　名次：{rank}　总成绩：{total}　{award}",
        "en": "Name: {name}  Unit: {unit}  Rank: {rank}  Total: {total}  {award}",
    },
    "losses": {"zh": "失分较多的评分项（与全场平均相比）", "en": "Items lost most against the field's mean"},
    "loss": {
        "zh": "{item}：本人 {own} 分，全场平均 {mean} 分（配分 {points}）",
        "en": "{item}: {own}, field mean {mean} (of {points})",
    },
    "applied": {
        "zh": "扣分条目（评分细则原文；n/m 表示 m 位裁判中 n 位扣分）",
        "en": "Deductions (n of m judges)",
    },
    "comments": {"zh": "裁判评语（匿名）", "en": "Judges' comments (anonymous)"},
    "veto": {"zh": "否决项：{text}（本模块计 0 分）", "en": "Veto: {text} (module scores 0)"},
    "absent": {"zh": "无评分", "en": "not marked"},
}


def _w(ink: Ink, key: str, **fmt: object) -> str:
    return ink.s(pick(W[key], ink.lang).format(**fmt))


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
    title = _w(ink, "unit_title")
    story: list[Flowable] = [RunStart()]
    for k, report in enumerate(data.reports):
        if k:
            story.append(PageBreak())
        story += _unit(ink, data, report, title)
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _basis(ink: Ink, g: GroupFeedback) -> str:
    if g.basis == "unit":
        return _w(ink, "basis_unit", n=g.count)
    if g.basis == "merged":
        return _w(ink, "basis_merged", min=g.min_count, units="、".join(g.units), n=g.count)
    return _w(ink, "basis_suppressed", min=g.min_count)


def _unit(ink: Ink, data: UnitFeedbackData, r: UnitReport, title: str) -> list[Flowable]:
    g = r.stats
    c, h = ink.st.cell_center, ink.st.head
    out: list[Flowable] = [
        *title_block(ink, title, r.unit),
        ink.p(_basis(ink, g), ink.st.body),
        Spacer(1, 2 * mm),
    ]
    # 1. results
    head: list[Flowable | str] = [ink.p(_w(ink, k), h) for k in ("col_name", "col_rank", "col_theory")]
    head += [ink.p(ink.s(code), h) for code in data.module_codes]
    head += [ink.p(_w(ink, k), h) for k in ("col_total", "col_award")]
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
        ink.p(_w(ink, "results"), ink.st.section),
        Table(
            rows,
            colWidths=widths(WIDTH, [26 * mm, 14 * mm, 18 * mm, *([18 * mm] * n), 20 * mm, None]),
            repeatRows=1,
            style=grid(),
        ),
        Spacer(1, 3 * mm),
    ]
    # 2. findings
    out.append(ink.p(_w(ink, "findings"), ink.st.section))
    for key, found in (("strengths", g.strengths), ("weaknesses", g.weaknesses)):
        lines = [f"{k}. {f.text(ink.lang)}" for k, f in enumerate(found, 1)] or [_w(ink, "none")]
        out.append(ink.p(_w(ink, key), ink.st.body))
        out += [ink.p(line, ink.st.cell) for line in lines]
    out.append(Spacer(1, 3 * mm))
    # 3. modules
    out.append(ink.p(_w(ink, "modules"), ink.st.section))
    for m in g.modules:
        out += _module(ink, m)
    # 4. theory
    if g.theory:
        rows = [
            [
                ink.p(_w(ink, k), h)
                for k in ("col_theory_section", "col_unit_rate", "col_field_rate", "col_gap")
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
                    ink.p(_w(ink, "theory"), ink.st.section),
                    Table(rows, colWidths=widths(WIDTH, [None, 30 * mm, 30 * mm, 20 * mm]), style=grid()),
                ]
            ),
            Spacer(1, 3 * mm),
        ]
    out += [ink.p(_w(ink, "rules"), ink.st.section), *notes(ink, [ink.s(x) for x in data.rules])]
    return out


def _module(ink: Ink, m: ModuleFeedback) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    title = f"{m.code} {m.title.get(ink.lang)}"
    head = _w(
        ink,
        "module_head",
        title=title,
        unit=tx.score(half_up(m.group.mean, ink.header.places), ink.header.places) if m.group else "—",
        field=tx.score(half_up(m.field.mean, ink.header.places), ink.header.places) if m.field else "—",
        max=tx.points(m.max_points),
    )
    rows: list[list[Flowable | str]] = [
        [
            ink.p(_w(ink, k), h)
            for k in (
                "col_section",
                "col_item",
                "col_points",
                "col_unit_rate",
                "col_field_rate",
                "col_gap",
                "col_rules",
            )
        ]
    ]
    shade = []
    for r, it in enumerate(m.items, start=1):
        what = [f"{x.text.get(ink.lang)}（{x.count}）" for x in it.rules]
        if it.levels is not None:
            what.append(pick(W["levels"], ink.lang).format(a="/".join(str(x) for x in it.levels)))
        rows.append(
            [
                ink.p(ink.s(it.section.get(ink.lang)), ink.st.cell_small),
                ink.p(ink.s(f"{it.item.id} {it.item.title.get(ink.lang)}")),
                ink.p(ink.points(it.item.points), c),
                ink.p(ink.s(_pct(it.group)), c),
                ink.p(ink.s(_pct(it.field)), c),
                ink.p(ink.s(_gap(it.group, it.field)), c),
                ink.p(ink.s("；".join(what)), ink.st.cell_small),
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
    vetoes = "、".join(f"{v.text.get(ink.lang)}（{v.count}）" for v in m.vetoes)
    out: list[Flowable] = [
        KeepTogether(
            [ink.p(ink.s(head), ink.st.heading), _chart(ink, m), notes(ink, [_w(ink, "chart_note")])[0]]
        ),
        table,
    ]
    if vetoes:
        out += notes(ink, [_w(ink, "vetoes", v=vetoes)])
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
    pairs = [(UNIT_COLOUR, _w(ink, "legend_unit"))] if has_unit else []
    pairs.append((FIELD_COLOUR, _w(ink, "legend_field")))
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
    title = _w(ink, "sheet_title")
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
            _w(
                ink,
                "sheet_info",
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
        [ink.p(_w(ink, k), h) for k in ("col_item", "col_points", "col_score", "col_quartiles")]
    ]
    for m in s.feedback.modules:
        rows.append(
            [
                ink.p(ink.s(f"{m.code} {m.title.get(ink.lang)}")),
                ink.p(ink.points(m.max_points), c),
                ink.p(ink.score(m.score) if m.score is not None else _w(ink, "absent"), c),
                ink.p(ink.s(_q(ink, m.field)), c),
            ]
        )
    for t in s.feedback.theory:
        rows.append(
            [
                ink.p(ink.s(f"{_w(ink, 'col_theory')}：{t.title.get(ink.lang)}")),
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
            block.append(ink.p(_w(ink, "veto", text=m.veto.get(ink.lang)), ink.st.body))
        if m.losses:
            block.append(ink.p(_w(ink, "losses"), ink.st.section))
            block += [
                ink.p(
                    _w(
                        ink,
                        "loss",
                        item=f"{x.item.id} {x.item.title.get(ink.lang)}",
                        own=tx.score(half_up(x.own, places), places),
                        mean=tx.score(half_up(x.field_mean, places), places),
                        points=tx.points(x.item.points),
                    )
                )
                for x in m.losses
            ]
        if m.rules:
            block.append(ink.p(_w(ink, "applied"), ink.st.section))
            block += [ink.p(ink.s(f"{r.text.get(ink.lang)}（{r.count}/{m.judges}）")) for r in m.rules]
        if m.comments:
            block.append(ink.p(_w(ink, "comments"), ink.st.section))
            block += [ink.p(ink.s(f"· {text}")) for text in m.comments]
        out += [*block, Spacer(1, 2 * mm)]
    out += notes(ink, [ink.s(x) for x in rules])
    return out
