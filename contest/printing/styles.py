"""Page styles of every printed document: page sizes and margins, paragraph styles, table styles, and the page
furniture (header, footer with "第 x 页 共 y 页", print time, audit code, and the draft watermark).

Owns how documents look. It does not decide what they say (:mod:`contest.printing.pages`, the renderers) or
which words are used (:mod:`contest.printing.text`). Everything here is a pure function of the font name and
language, so styles are built once per font and language.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, TableStyle

PORTRAIT = A4
"""A4 portrait (score sheets, blank sheets, statistics)."""
LANDSCAPE = landscape(A4)
"""A4 landscape (result sheet, certificates)."""
MARGIN_X = 15 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#7d7d7d")
HEAD_BG = colors.HexColor("#e6ebf0")
SECTION_BG = colors.HexColor("#f3f4f6")
TOTAL_BG = colors.HexColor("#fbf6e9")
SHADE = colors.HexColor("#fde3cf")
DROPPED = colors.HexColor("#8c8c8c")
DRAFT = colors.HexColor("#c0392b")
CERT_RED = colors.HexColor("#9e1b1b")
CERT_GOLD = colors.HexColor("#b8860b")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one font and language."""

    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_small: ParagraphStyle
    head: ParagraphStyle
    section: ParagraphStyle
    sign: ParagraphStyle
    cert_small: ParagraphStyle


@functools.lru_cache(maxsize=8)
def styles_for(font: str, lang: str) -> Styles:
    """Paragraph styles set in ``font``; Chinese text wraps between any two characters, English between words
    (over-long words, such as Chinese names in an English document, are still split)."""
    wrap = None if lang == "en" else "CJK"

    def style(name: str, size: float, *, leading: float | None = None, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading or size * 1.3, wordWrap=wrap, **kw
        )

    return Styles(
        font=font,
        title=style("title", 18, leading=24, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=style("subtitle", 11.5, leading=15, alignment=TA_CENTER, spaceAfter=3 * mm),
        heading=style("heading", 12.5, leading=16, spaceBefore=3 * mm, spaceAfter=2 * mm),
        body=style("body", 10, leading=14),
        note=style("note", 8.5, leading=11.5, textColor=MUTED),
        cell=style("cell", 8.5, leading=10.5),
        cell_center=style("cell_center", 8.5, leading=10.5, alignment=TA_CENTER),
        cell_small=style("cell_small", 7.5, leading=9.2),
        head=style("head", 8.5, leading=10.5, alignment=TA_CENTER),
        section=style("section", 9, leading=11.5),
        sign=style("sign", 10, leading=14),
        cert_small=style("cert_small", 9, leading=12, alignment=TA_CENTER, textColor=MUTED),
    )


def grid(*, header_rows: int = 1, extra: Sequence[tuple[Any, ...]] = (), padding: float = 2.2) -> TableStyle:
    """The table style of data tables: a fine grid, shaded header rows, middle-aligned cells."""
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, INK),
        ]
    cmds += list(extra)
    return TableStyle(cmds)


def plain(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """The table style of layout tables (info lines, signature blocks): no grid, no padding on the sides."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *extra,
        ]
    )


def widths(total: float, fixed: Sequence[float | None], flex: Sequence[float] | None = None) -> list[float]:
    """Column widths: ``fixed`` widths (``None`` for a flexible column) and the rest shared by ``flex`` weights."""
    weights = list(flex or [1.0] * sum(1 for f in fixed if f is None))
    spare = max(total - sum(f for f in fixed if f is not None), 0.0)
    share = sum(weights) or 1.0
    it = iter(weights)
    return [f if f is not None else spare * next(it) / share for f in fixed]


@dataclass(frozen=True)
class Furniture:
    """What is drawn on every page besides the story: header, footer and draft watermark.

    All strings are prepared (and glyph-checked) before the document is built; only the page numbers are filled
    in at the end, when the page count is known.
    """

    font: str
    header_left: str = ""
    """Contest name and edition, top left. Empty: no header or footer at all (certificates)."""
    header_right: str = ""
    """Document title, top right."""
    footer_left: str = ""
    """Print time."""
    footer_right: str = ""
    """Audit code."""
    page_label: str = ""
    """``第 {page} 页 共 {pages} 页`` with the two fields left to fill."""
    watermark: str = ""
    """Draft watermark text; empty for final documents."""
    draft_line: str = ""
    """Draft reason line printed under the footer."""

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        """Draw the furniture of page ``page`` of ``pages``."""
        width, height = canv._pagesize  # type: ignore[attr-defined, unused-ignore]  # reportlab keeps it private
        canv.saveState()
        if self.header_left:
            canv.setFont(self.font, 8.5)
            canv.setFillColor(MUTED)
            y = height - MARGIN_TOP + 6 * mm
            canv.drawString(MARGIN_X, y, self.header_left)
            canv.drawRightString(width - MARGIN_X, y, self.header_right)
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(MARGIN_X, y - 1.8 * mm, width - MARGIN_X, y - 1.8 * mm)
            fy = MARGIN_BOTTOM - 9 * mm
            canv.line(MARGIN_X, fy + 4 * mm, width - MARGIN_X, fy + 4 * mm)
            canv.drawString(MARGIN_X, fy, self.footer_left)
            canv.drawRightString(width - MARGIN_X, fy, self.footer_right)
            label = self.page_label.format(page=page, pages=pages)
            # the page label is centred on the page, or in the room between the two footer texts, or (English on
            # a portrait page: the three are too long for one line) right-aligned on a line of its own below
            left_end = MARGIN_X + canv.stringWidth(self.footer_left, self.font, 8.5) + 3 * mm
            right_start = width - MARGIN_X - canv.stringWidth(self.footer_right, self.font, 8.5) - 3 * mm
            half = canv.stringWidth(label, self.font, 8.5) / 2
            below = 0
            if left_end <= width / 2 - half and width / 2 + half <= right_start:
                canv.drawCentredString(width / 2, fy, label)
            elif right_start - left_end >= 2 * half:
                canv.drawCentredString((left_end + right_start) / 2, fy, label)
            else:
                below = 1
                canv.drawRightString(width - MARGIN_X, fy - 3.6 * mm, label)
            if self.draft_line:
                canv.setFillColor(DRAFT)
                canv.setFont(self.font, 8)
                for k, line in enumerate(
                    simpleSplit(self.draft_line, self.font, 8, width - 2 * MARGIN_X)[:2]
                ):
                    canv.drawString(MARGIN_X, fy - (k + 1 + below) * 3.6 * mm, line)
        elif self.draft_line:  # no footer (certificates): the reason goes at the foot of the page
            canv.setFillColor(DRAFT)
            canv.setFont(self.font, 8)
            canv.drawString(
                MARGIN_X, 4 * mm, simpleSplit(self.draft_line, self.font, 8, width - 2 * MARGIN_X)[0]
            )
        if self.watermark:
            canv.setFillColor(DRAFT)
            canv.setFillAlpha(0.16)
            canv.translate(width / 2, height / 2)
            canv.rotate(35)
            size = min(width, height) / max(len(self.watermark), 1) * 1.35
            canv.setFont(self.font, size)
            canv.drawCentredString(0, -size / 3, self.watermark)
        canv.restoreState()


class RunStart(Flowable):  # type: ignore[misc, unused-ignore]  # Flowable is Any without types-reportlab
    """Starts a new page-numbering run (one sheet of a batch, one group of the result sheet).

    Zero-sized: when drawn it tags the canvas, and every page held from then on belongs to the new run, so a
    judge's sheet says "第 1 页 共 2 页" rather than its place in the whole batch.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv._contest_run = getattr(canv, "_contest_run", 0) + 1  # type: ignore[attr-defined, unused-ignore]  # our tag


def canvas_maker(furniture: Furniture) -> type[Canvas]:
    """A canvas class that holds every page until the end, so each footer can say how many pages its run has."""

    class _Canvas(Canvas):  # type: ignore[misc, unused-ignore]  # Canvas is Any without types-reportlab
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined, unused-ignore]  # reportlab's, private: the stubs omit it

        def save(self) -> None:
            runs = [state.get("_contest_run", 0) for state in self._held]
            totals = {run: runs.count(run) for run in runs}
            seen: dict[int, int] = {}
            for state, run in zip(self._held, runs, strict=True):
                seen[run] = seen.get(run, 0) + 1
                self.__dict__.update(state)
                furniture.draw(self, seen[run], totals[run])
                Canvas.showPage(self)
            Canvas.save(self)

    return _Canvas
