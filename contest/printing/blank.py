"""Blank score sheets for paper marking, printed straight from a module rubric: items with 配分 and requirements,
every deduction rule, level descriptors with boxes for 0/1/2/3, columns 扣分/得分, a checked total, time used,
overtime, veto tick boxes and signature lines. A4 portrait; long rubrics run over pages with the header repeated.

Owns the layout of that document. It reads a :class:`rubrics.model.ModuleRubric` and prints it; nothing is scored.
"""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from contest.printing.pages import BlankSheet, BlankSheetData
from contest.printing.parts import fields_line, notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import MARGIN_X, PORTRAIT, SECTION_BG, TOTAL_BG, RunStart, grid, widths
from rubrics.model import Item, ItemKind, VetoEffect

BOX = "□"
"""An empty tick box (U+25A1, which the bundled font has)."""


def render_blank_sheets(
    data: BlankSheetData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """Blank paper score sheets as PDF bytes (also written to ``out`` if given); each sheet starts a page.

    Raises:
        PrintRefused: a draft without a reason, or a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t("print.blank_title")
    story: list[Flowable] = []
    for k, sheet in enumerate(data.sheets):
        if k:
            story.append(PageBreak())
        story.append(RunStart())
        story += _sheet(ink, data, sheet, title)
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _rules(ink: Ink, item: Item) -> Flowable:
    """The rules cell: deduction rules of a measurement item, level descriptors of a judgement item."""
    small = ink.st.cell_small
    if item.kind == ItemKind.JUDGEMENT:
        parts = [ink.markup(ink.t("print.judgement_rule"), color="#555555")]
        for level, text in enumerate(item.levels):
            parts.append(ink.markup(f"{BOX}{level}{ink.gap}{text.get(ink.lang)}"))
        return ink.rich(parts, small, sep="<br/>")
    step = ink.points(item.step) if item.step is not None else ink.points(Decimal("0.01"))
    if item.kind == ItemKind.SCORE:
        return ink.rich(
            [ink.markup(ink.t("print.score_rule", points=ink.points(item.points), step=step))], small
        )
    parts = []
    for d in item.deductions:
        # The rule texts usually state their points ("…，扣1分") but rarely the cap; add only what is missing.
        rule = d.text.get(ink.lang)
        extra = []
        if ink.points(d.points) not in rule:
            extra.append(ink.t("print.each", points=ink.points(d.points)))
        if d.repeatable and d.cap is not None:
            extra.append(ink.t("print.cap", cap=ink.points(d.cap)))
        tail = (
            ink.markup(ink.t("print.rule_extra", text=ink.t("print.comma").join(extra)), color="#555555")
            if extra
            else ""
        )
        parts.append(ink.markup(f"{d.code}{ink.gap}{rule}") + tail)
    parts.append(ink.markup(ink.t("print.floor"), color="#555555"))
    if item.typing_allowed:
        parts.append(ink.markup(ink.t("print.typed_too", step=step), color="#555555"))
    return ink.rich(parts, small, sep="<br/>")


_KIND = {
    ItemKind.MEASUREMENT: "print.measurement",
    ItemKind.JUDGEMENT: "print.judgement",
    ItemKind.SCORE: "print.score",
}


def _item_cell(ink: Ink, item: Item) -> Flowable:
    kind = ink.t(_KIND[item.kind])
    parts = [
        ink.markup(item.title.get(ink.lang)),
        ink.markup(ink.t("print.kind_tag", kind=kind), color="#555555", size=7),
    ]
    requirement = item.requirement.get(ink.lang)
    if requirement:
        parts.append("<br/>" + ink.markup(requirement, color="#444444", size=7))
    return ink.rich(parts, ink.st.cell)


def _sheet(ink: Ink, data: BlankSheetData, sheet: BlankSheet, title: str) -> list[Flowable]:
    rubric = sheet.rubric
    width = PORTRAIT[0] - 2 * MARGIN_X
    module = ink.t("print.module", code=rubric.code, title=rubric.title.get(ink.lang))
    heading = f"{module}　{title}" if ink.lang == "zh" else f"{title}: {module}"
    story: list[Flowable] = title_block(ink, ink.s(heading), ink.s(data.project) if data.project else "")
    limits = (
        ink.t("print.max_points", points=ink.points(rubric.max_points))
        + (ink.gap if ink.lang == "zh" else ", ")
        + ink.t("print.time_limit", minutes=rubric.time_limit_minutes)
    )
    fields = [
        (ink.t("print.station_blank"), sheet.station or None),
        (ink.t("print.judge_code"), None),
        (ink.t("print.date_blank"), data.date or None),
        (limits, ""),
    ]
    story += [fields_line(ink, fields, width), Spacer(1, 2.5 * mm)]  # the blanks' rules clear the scenario
    if data.show_scenario and rubric.scenario.get(ink.lang):
        story += notes(ink, [ink.t("print.scenario", scenario=rubric.scenario.get(ink.lang))])
    story.append(Spacer(1, 1.5 * mm))

    c = ink.st.cell_center
    col_widths = widths(width, [10 * mm, 44 * mm, 9 * mm, None, 14 * mm, 14 * mm])
    rows: list[list[Flowable | str]] = [
        [
            ink.p(ink.t("print.col_item"), ink.st.head),
            ink.p(ink.t("print.col_requirement"), ink.st.head),
            ink.p(ink.t("print.col_points"), ink.st.head),
            ink.p(ink.t("print.col_rules"), ink.st.head),
            ink.p(ink.t("print.col_deducted"), ink.st.head),
            ink.p(ink.t("print.col_score"), ink.st.head),
        ]
    ]
    extra: list[tuple[object, ...]] = []
    for section in rubric.sections:
        r = len(rows)
        points = sum((i.points for i in section.items), rubric.max_points * 0)
        heading = ink.t("print.section_points", title=section.title.get(ink.lang), points=ink.points(points))
        rows.append([ink.p(heading, ink.st.section), "", "", "", "", ""])
        extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION_BG)]
        for item in section.items:
            judged = item.kind == ItemKind.JUDGEMENT
            rows.append(
                [
                    ink.p(item.id, c),
                    _item_cell(ink, item),
                    ink.p(ink.points(item.points), c),
                    _rules(ink, item),
                    ink.p(ink.t("print.dash"), c) if judged else "",
                    "",
                ]
            )
            if judged:
                extra.append(("BACKGROUND", (4, len(rows) - 1), (4, len(rows) - 1), SECTION_BG))
    extra.append(("VALIGN", (0, 1), (-1, -1), "TOP"))
    extra.append(("VALIGN", (0, 1), (0, -1), "MIDDLE"))
    extra.append(("VALIGN", (2, 1), (2, -1), "MIDDLE"))
    table = Table(rows, colWidths=col_widths, repeatRows=1, style=grid(extra=extra, padding=1.8))
    story.append(table)
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether(_tail(ink, sheet, width)))
    return story


def _tail(ink: Ink, sheet: BlankSheet, width: float) -> list[Flowable]:
    """Totals, time, overtime, vetoes and signatures: one block that is never split."""
    rubric = sheet.rubric
    rule = rubric.overtime.text.get(ink.lang)
    if not rule and rubric.overtime.points_per_started_minute:
        rule = ink.t(
            "print.overtime_points",
            points=ink.points(rubric.overtime.points_per_started_minute),
            stop=rubric.overtime.stop_after_minutes,
        )
    body, small = ink.st.body, ink.st.cell_small
    rows: list[list[Flowable | str]] = [
        [ink.p(ink.t("print.check_total"), body), "", ink.p(ink.t("print.time_used_blank"), body)],
        [
            ink.p(ink.t("print.overtime_blank"), body),
            "",
            ink.p(ink.t("print.overtime_rule", rule=rule), small) if rule else "",
        ],
    ]
    extra: list[tuple[object, ...]] = []
    if rubric.vetoes:
        r = len(rows)
        lines = []
        for v in rubric.vetoes:
            effect = ink.t("print.veto_dq" if v.effect == VetoEffect.DISQUALIFY else "print.veto_zero")
            lines.append(
                ink.markup(
                    f"{BOX} {v.code}{ink.gap}{v.text.get(ink.lang)}" + ink.t("print.paren", text=effect)
                )
            )
        rows.append([ink.p(ink.t("print.veto_title"), body), ink.rich(lines, ink.st.cell, sep="<br/>"), ""])
        extra.append(("SPAN", (1, r), (2, r)))
    r = len(rows)
    rows.append([ink.p(ink.t("print.final_blank"), body), "", ""])
    extra += [("BACKGROUND", (0, r), (1, r), TOTAL_BG), ("LINEABOVE", (0, r), (-1, r), 0.9, "#1b1b1b")]
    table = Table(
        rows,
        colWidths=widths(width, [46 * mm, 28 * mm, None]),
        style=grid(header_rows=0, extra=extra, padding=3.5),
    )
    signers = [(ink.t("print.marker"), ""), (ink.t("print.checker"), ""), (ink.t("print.chief_judge"), "")]
    return [table, signature_block(ink, signers, width, per_row=2, gap=7 * mm)]
