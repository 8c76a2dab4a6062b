"""Filled score sheets (评分表): per contestant and module, every judge's marks item by item, how each mark arose,
the marks the panel rule dropped (struck through, 去掉), each sheet's total and the module score, with signature
lines for every judge, the chief judge, the 统分员, the 复核 and the supervisor (评分汇总表). A4 portrait; long rubrics run over pages with the header repeated.

Owns the layout of that document. The marks and the aggregation come decided in
:class:`~contest.printing.pages.ScoreSheetData` (see :func:`contest.printing.build.score_sheet_page`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from contest.errors import PrintRefused
from contest.i18n import Msg
from contest.printing import text as tx
from contest.printing.pages import Mark, ScoreSheet, ScoreSheetData
from contest.printing.parts import info_line, notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import DROPPED, MARGIN_X, PORTRAIT, SECTION_BG, TOTAL_BG, RunStart, grid


def render_score_sheets(
    data: ScoreSheetData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The filled score sheets as PDF bytes (also written to ``out`` if given); each sheet starts a page.

    Raises:
        PrintRefused: a draft without a reason, marks that do not match the judges, or a missing glyph.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    for sheet in data.sheets:
        for item in sheet.items:
            if len(item.marks) != len(sheet.judges):
                raise PrintRefused(
                    Msg(
                        "print.error.mark_count",
                        station=sheet.station,
                        module=sheet.module_code,
                        item=item.item_id,
                        got=len(item.marks),
                        want=len(sheet.judges),
                    )
                )
    title = data.title or ink.t("print.scores_title")
    story: list[Flowable] = []
    for k, sheet in enumerate(data.sheets):
        if k:
            story.append(PageBreak())
        story.append(RunStart())
        story += _sheet(ink, data, sheet, title)
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _mark(ink: Ink, mark: Mark) -> Paragraph:
    st = ink.st.cell_center
    if mark.value is None:
        return ink.p(ink.t("print.dash"), st)
    color = tx_hex(DROPPED) if mark.dropped else None
    parts = [ink.markup(ink.score(mark.value), strike=mark.dropped, color=color)]
    if mark.dropped:
        parts.append(ink.markup(" " + ink.t("print.dropped"), color=tx_hex(DROPPED), size=6.5))
    if mark.detail:
        parts.append(
            "<br/>" + ink.markup(mark.detail, color=tx_hex(DROPPED) if mark.dropped else "#555555", size=6.5)
        )
    return ink.rich(parts, st)


def tx_hex(color: Any) -> str:
    """A reportlab colour as ``#rrggbb`` for paragraph markup."""
    return "#" + str(color.hexval())[2:]


def _sheet(ink: Ink, data: ScoreSheetData, sheet: ScoreSheet, title: str) -> list[Flowable]:
    width = PORTRAIT[0] - 2 * MARGIN_X
    c = ink.st.cell_center
    module = ink.t("print.module", code=sheet.module_code, title=sheet.module_title)
    story: list[Flowable] = title_block(
        ink, ink.s(f"{module}　{title}" if ink.lang == "zh" else f"{title}: {module}")
    )
    facts = [ink.t("print.station", station=sheet.station)]
    if sheet.name:
        facts.append(ink.t("print.contestant", name=tx.clip(sheet.name, tx.CLIP["name"], ink.lang)))
    if sheet.unit:
        facts.append(ink.t("print.unit", unit=tx.clip(sheet.unit, tx.CLIP["fact"], ink.lang)))
    limits = ink.t("print.max_points", points=ink.points(sheet.max_points))
    if sheet.time_limit_minutes:
        sep = "　" if ink.lang == "zh" else ", "
        limits += sep + ink.t("print.time_limit", minutes=sheet.time_limit_minutes)
    facts.append(limits)
    story.append(info_line(ink, facts, width))
    story.append(Spacer(1, 1.5 * mm))

    n = len(sheet.judges)
    code_w, pts_w, panel_w = 11 * mm, 10 * mm, 17 * mm
    judge_w = min(22 * mm, (width - code_w - pts_w - panel_w - 48 * mm) / max(n, 1))
    title_w = width - code_w - pts_w - panel_w - judge_w * n
    col_widths = [code_w, title_w, pts_w, *([judge_w] * n), panel_w]
    last = 3 + n  # index of the panel column

    head = [
        ink.p(ink.t("print.col_item"), ink.st.head),
        ink.p(ink.t("print.col_item_title"), ink.st.head),
        ink.p(ink.t("print.col_points"), ink.st.head),
        *[ink.p(ink.t("print.judge_col", code=j.code), ink.st.head) for j in sheet.judges],
        ink.p(ink.t("print.col_panel"), ink.st.head),
    ]
    rows: list[list[Any]] = [head]
    extra: list[tuple[Any, ...]] = []
    section = None
    for item in sheet.items:
        if item.section and item.section != section:
            section = item.section
            r = len(rows)
            rows.append([ink.p(item.section, ink.st.section)] + [""] * (last))
            extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION_BG)]
        rows.append(
            [
                ink.p(item.item_id, c),
                ink.p(item.title),
                ink.p(ink.points(item.points), c),
                *[_mark(ink, m) for m in item.marks],
                ink.p(ink.score(item.panel), c) if item.panel is not None else "",
            ]
        )

    def summary(key: str, cell: Callable[[Any], Any], panel: Any = "") -> None:
        r = len(rows)
        rows.append([ink.p(ink.t(key)), "", "", *[cell(j) for j in sheet.judges], panel])
        extra.append(("SPAN", (0, r), (2, r)))

    first_summary = len(rows)
    summary("print.row_items_total", lambda j: ink.p(ink.score(j.items_total), c))
    summary("print.row_time", lambda j: ink.p(ink.s(tx.duration(j.seconds_used, ink.lang)), c))
    summary(
        "print.row_overtime",
        lambda j: ink.p(ink.score(j.overtime), c),
        ink.p(ink.score(sheet.panel_overtime), c) if sheet.panel_overtime is not None else "",
    )
    summary(
        "print.row_veto",
        lambda j: ink.p(j.veto or ink.t("print.none"), c),
        ink.p(ink.t("print.vetoed") if sheet.panel_veto else ink.t("print.none"), c),
    )
    summary(
        "print.row_sheet_total",
        lambda j: _mark(ink, Mark(j.total, dropped=j.dropped)),
    )
    r = len(rows)
    rows.append(
        [ink.p(ink.t("print.module_score"), ink.st.section)]
        + [""] * (last - 1)
        + [ink.p(ink.score(sheet.module_score), ink.st.section)]
    )
    extra += [
        ("SPAN", (0, r), (last - 1, r)),
        ("BACKGROUND", (0, r), (-1, r), TOTAL_BG),
        ("LINEABOVE", (0, first_summary), (-1, first_summary), 0.9, "#1b1b1b"),
        ("LINEABOVE", (0, r), (-1, r), 0.9, "#1b1b1b"),
        ("ALIGN", (last, 1), (last, -1), "CENTER"),
    ]
    story.append(Table(rows, colWidths=col_widths, repeatRows=1, style=grid(extra=extra, padding=1.2)))
    story.append(Spacer(1, 2 * mm))
    # the rule, its legend and the rubric version share a line, leaving room for every signature on the page
    rule = [ink.t("print.rule", rule=sheet.rule)]
    if any(m.dropped for i in sheet.items for m in i.marks) or any(j.dropped for j in sheet.judges):
        rule.append(ink.t("print.dropped_legend"))
    if sheet.rubric_hash:
        rule.append(ink.t("print.rubric_version", hash=sheet.rubric_hash))
    lines = [ink.s("　".join(rule) if ink.lang == "zh" else "  ".join(rule))]
    if sheet.panel_veto:
        lines.append(ink.t("print.panel_veto", veto=sheet.panel_veto))
    lines += list(sheet.notes)
    signers = [(ink.t("print.judge_sign", code=j.code), j.name) for j in sheet.judges]
    officials = [
        (ink.t("print.chief_judge"), data.chief_judge),
        (ink.t("print.scorer"), data.scorer),
        (ink.t("print.reviewer"), ""),
        (ink.t("print.supervisor"), data.supervisor),
    ]
    # The notes stay with the signatures: nobody signs a page that does not show what they sign for.
    story.append(
        KeepTogether(
            [
                *notes(ink, lines),
                signature_block(ink, [*signers, *officials], width, per_row=3, gap=3 * mm, dated=False),
            ]
        )
    )
    return story
