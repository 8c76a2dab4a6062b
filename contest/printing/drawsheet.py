"""The sealed draw sheet (加密对照表): every contestant's 抽签号 (一次加密) and station in each module (二次加密),
in draw-number order — or, with two encryption stages, one stage's sheet: names ↔ 抽签号, or 抽签号 ↔ stations, with signature lines for the encryption judge and the supervisor. The encryption judge
prints it right after the draw, seals it, and uses it at check-in (contestants learn their 抽签号) and at
decryption. A4 portrait.

Owns the layout of that document; who may print it is decided by the service.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from contest.printing import text as tx
from contest.printing.pages import DrawSheetData
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import MARGIN_X, PORTRAIT, grid, widths


def render_draw_sheet(
    data: DrawSheetData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The draw sheet as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t(("print.draw_title", "print.draw_title_1", "print.draw_title_2")[data.stage])
    width = PORTRAIT[0] - 2 * MARGIN_X
    who = data.stage != 2  # the second stage's sheet carries no identity
    head: list[Flowable] = [ink.p(ink.t("print.col_draw"), ink.st.head)]
    if who:
        head += [ink.p(ink.t(k), ink.st.head) for k in ("print.col_name", "print.col_id", "print.col_unit")]
    head += [ink.p(ink.t("print.col_station_in", module=code), ink.st.head) for code in data.module_codes]
    rows: list[list[Flowable]] = [head]
    for r in data.rows:
        cells: list[Flowable] = [ink.p(str(r.draw_no), ink.st.cell_center)]
        if who:
            cells += [
                ink.p(tx.clip(r.name, tx.CLIP["name"], ink.lang), ink.st.cell),
                ink.p(r.id_masked, ink.st.cell),
                ink.p(tx.clip(r.unit, tx.CLIP["unit"], ink.lang), ink.st.cell),
            ]
        cells += [ink.p(st, ink.st.cell_center) for st in r.stations]
        rows.append(cells)
    n = len(data.module_codes)
    fixed: list[float | None] = [14 * mm, 22 * mm, 36 * mm, None] if who else [20 * mm]
    cols = widths(width, [*fixed, *([16 * mm if who else None] * n)])
    table = Table(rows, colWidths=cols, repeatRows=1)
    table.setStyle(grid())
    story: list[Flowable] = [
        *title_block(ink, title, data.seed_note),
        table,
        Spacer(1, 4 * mm),
        *notes(ink, [ink.t(("print.draw_note", "print.draw_note_1", "print.draw_note_2")[data.stage])]),
        Spacer(1, 6 * mm),
        signature_block(ink, [(ink.t("print.encryption_judge"), ""), (ink.t("print.supervisor"), "")], width),
    ]
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)
