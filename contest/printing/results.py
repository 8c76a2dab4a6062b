"""The result sheet (成绩公示), A4 landscape, one project/group per page run: a postable notice (title, table, 公示说明,
落款 with the issuing bodies, 发布日期 and a seal space), optionally with only the columns the public needs; and its
anonymous variant printed before decryption (stations only, no names) that officials sign (成绩确认表).

Owns the layout of that document. The rows, remarks and awards come decided in
:class:`~contest.printing.pages.ResultSheetData`; nothing is ranked or computed here.
"""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from contest.errors import PrintRefused
from contest.i18n import Msg
from contest.printing import text as tx
from contest.printing.pages import ResultGroup, ResultRow, ResultSheetData
from contest.printing.parts import notes, paragraphs, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, MUTED, RunStart, grid, plain, widths


def render_result_sheet(
    data: ResultSheetData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The result sheet as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a draft without a reason, a name on the anonymous variant, a row whose module scores do
            not match the columns, or a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    _check(data, ink.lang)
    title = data.title or ink.t("print.results_anon_title" if data.anonymous else "print.results_title")
    story: list[Flowable] = []
    for k, group in enumerate(data.groups):
        if k:
            story.append(PageBreak())
        story.append(RunStart())
        story += _group(ink, data, group, title)
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def _check(data: ResultSheetData, lang: str) -> None:
    for group in data.groups:
        for n, row in enumerate(group.rows, start=1):
            if data.anonymous and (row.name or row.unit or row.id_masked):
                raise PrintRefused(Msg("print.error.named_on_anonymous", row=n, group=group.title))
            if len(row.modules) != len(group.module_titles):
                raise PrintRefused(
                    Msg(
                        "print.error.module_count",
                        group=group.title,
                        row=n,
                        got=len(row.modules),
                        want=len(group.module_titles),
                    )
                )


def _columns(ink: Ink, data: ResultSheetData, group: ResultGroup) -> list[tuple[str, float | None, float]]:
    """(heading, fixed width or None, flex weight) of each column in order."""
    cols: list[tuple[str, float | None, float]] = [(ink.t("print.col_rank"), 11 * mm, 0)]
    if not data.anonymous:
        cols += [(ink.t("print.col_name"), 19 * mm, 0), (ink.t("print.col_unit"), None, 3)]
        if data.show_id:
            cols.append((ink.t("print.col_id"), 32 * mm, 0))
    if data.anonymous or data.show_station:
        per_module = any(MODULE_SEP in r.station for r in group.rows)
        cols.append((ink.t("print.col_station"), (26 if per_module else 13) * mm, 0))
    if _public(data):
        if data.show_scores:
            cols.append((ink.t("print.col_total"), 16 * mm, 0))
        cols += [(ink.t("print.col_award"), 30 * mm, 0), (ink.t("print.col_remarks"), None, 3)]
        return cols
    cols.append((ink.t("print.col_theory"), 14 * mm, 0))
    # "模块A 基础照护" breaks after the module letter rather than wherever the narrow column ends
    cols += [(ink.s(t.replace(" ", "\n", 1)), 15.5 * mm, 0) for t in group.module_titles]
    cols += [
        (ink.t("print.col_practical"), 16 * mm if ink.lang == "en" else 14 * mm, 0),
        (ink.t("print.col_total"), 14 * mm, 0),
        (ink.t("print.col_award"), 27 * mm if any(r.titles for r in group.rows) else 15 * mm, 0),
        (ink.t("print.col_remarks"), None, 4),
    ]
    return cols


def _public(data: ResultSheetData) -> bool:
    """The minimal public columns (名次、姓名、单位、奖项 …), never on the anonymous variant."""
    return data.columns == "public" and not data.anonymous


def _award(ink: Ink, row: ResultRow) -> Flowable:
    """The award with any title nomination under it."""
    c = ink.st.cell_center
    return ink.p("\n".join(filter(None, [row.award, *row.titles])), c)


MODULE_SEP = " · "
"""Separates the modules' stations in a per-module draw's label (``A 012 · B 031 · C 005 · D 017``)."""


def _station_text(station: str) -> str:
    """A per-module draw's label two modules to a line, so no station number is split; a plain station as is."""
    parts = station.split(MODULE_SEP)
    return "\n".join(MODULE_SEP.join(parts[i : i + 2]) for i in range(0, len(parts), 2))


def _cells(ink: Ink, data: ResultSheetData, row: ResultRow) -> list[Flowable]:
    c = ink.st.cell_center
    rank = str(row.rank) if row.rank is not None else ink.t("print.dash")
    out: list[Flowable] = [ink.p(rank, c)]
    if not data.anonymous:
        out += [
            ink.p(tx.clip(row.name, tx.CLIP["name"], ink.lang), c),
            ink.p(tx.clip(row.unit, tx.CLIP["unit"], ink.lang)),
        ]
        if data.show_id:
            out.append(ink.p(row.id_masked, c))
    if data.anonymous or data.show_station:
        out.append(ink.p(_station_text(row.station), c))

    def num(v: Decimal | None) -> Flowable:
        return ink.p(ink.score(v), c)

    if _public(data):
        out += [num(row.total)] if data.show_scores else []
    else:
        out.append(num(row.theory))
        states = row.module_states or ("",) * len(row.modules)
        out += [
            ink.p(state, c) if v is None and state else num(v)
            for v, state in zip(row.modules, states, strict=True)
        ]
        out += [num(row.practical), num(row.total)]
    out.append(_award(ink, row))
    remarks = ink.t("print.clause_sep").join(row.remarks)
    out.append(ink.p(tx.clip(remarks, tx.CLIP["remarks"], ink.lang)))
    return out


def _group(ink: Ink, data: ResultSheetData, group: ResultGroup, title: str) -> list[Flowable]:
    width = LANDSCAPE[0] - 2 * MARGIN_X
    subtitle = f"{group.title}{ink.gap}{ink.t('print.contestants', n=len(group.rows))}"
    story = title_block(ink, group.heading or title, ink.s(subtitle))
    if data.anonymous:
        story += notes(ink, [ink.t("print.anon_notice")])
        story.append(Spacer(1, 1.5 * mm))
    cols = _columns(ink, data, group)
    col_widths = widths(width, [c[1] for c in cols], [c[2] for c in cols if c[1] is None])
    rows: list[list[Flowable]] = [[ink.p(h, ink.st.head) for h, _, _ in cols]]
    rows += [_cells(ink, data, r) for r in group.rows]
    zebra = [("BACKGROUND", (0, i), (-1, i), "#f7f8fa") for i in range(2, len(rows), 2)]
    story.append(Table(rows, colWidths=col_widths, repeatRows=1, style=grid(extra=zebra)))
    story.append(Spacer(1, 2.5 * mm))
    story += notes(ink, group.notes)
    if data.corrections:
        story += notes(ink, [ink.t("print.correction", line=line) for line in data.corrections])
    tail: list[Flowable] = [Spacer(1, 2 * mm)]
    if data.notice:
        tail += paragraphs(ink, [ink.t("print.notice_head") + "".join(data.notice)])
    else:
        tail += paragraphs(ink, [data.publication, data.contact])
    if data.signatories:
        signers = [
            (ink.s(role), ink.s(tx.clip(name, tx.CLIP["signer"], ink.lang)))
            for role, name in data.signatories
        ]
        tail.append(signature_block(ink, signers, width * 0.9, per_row=min(len(signers) + 1, 4)))
    if data.issuers or data.issue_date:
        tail.append(_issued(ink, data, width))
    story.append(KeepTogether(tail))
    return story


def _issued(ink: Ink, data: ResultSheetData, width: float) -> Table:
    """落款 at the bottom right: a seal space (a faint （盖章） where the seal goes, over the issuers as is the
    custom), the issuing bodies one per line, and the 发布日期."""
    centred = ParagraphStyle("issued", parent=ink.st.body, alignment=TA_CENTER)
    seal = ParagraphStyle("seal", parent=centred, textColor=MUTED)
    rows: list[list[Flowable]] = [[ink.p(ink.t("print.seal"), seal)]]
    rows += [[ink.p(tx.clip(body, tx.CLIP["unit"], ink.lang), centred)] for body in data.issuers]
    if data.issue_date:
        rows.append([ink.p(data.issue_date, centred)])
    col = min(95 * mm, width * 0.45)
    style = plain([("TOPPADDING", (0, 0), (0, 0), 12 * mm), ("BOTTOMPADDING", (0, 0), (0, 0), 2 * mm)])
    return Table(rows, colWidths=[col], style=style, hAlign="RIGHT")
