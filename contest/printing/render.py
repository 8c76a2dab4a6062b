"""The shared machinery of the renderers: every printed string passes through an :class:`Ink`, which records it,
so the font can be checked against all of it before anything is drawn; then :meth:`Ink.pdf` builds the document.

Owns the glyph check, the draft rules (a draft needs a reason), reproducible output (``invariant``: the same data
gives the same bytes) and writing the file. It does not lay out any particular document.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, SimpleDocTemplate

from contest.errors import PrintRefused
from contest.i18n import Msg, tr
from contest.printing import text as tx
from contest.printing.fonts import BUNDLED_FONT, CJKFont, face_path, load_font
from contest.printing.output import write_atomic
from contest.printing.pages import DocHeader
from contest.printing.styles import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PORTRAIT,
    Furniture,
    Styles,
    canvas_maker,
    styles_for,
)

FontPath = str | os.PathLike[str] | None


class Ink:
    """Makes the strings and paragraphs of one document and remembers every one of them."""

    def __init__(self, header: DocHeader, *, lang: str = "zh", font_path: FontPath = None) -> None:
        self.lang = "en" if lang == "en" else "zh"
        self.header = header
        if header.draft and not header.draft_reason.strip():
            raise PrintRefused(Msg("print.error.draft_needs_reason"))
        choice: FontPath = font_path
        if choice is None and header.font:
            choice = face_path(header.font, self.lang, soft=not header.font_strict)
        self.font: CJKFont = load_font(choice, self.lang)
        self.fallback: CJKFont | None = None
        """The bundled face, for the characters a configured face lacks (rare name characters, Extension B)."""
        if self.font.path != BUNDLED_FONT:
            self.fallback = load_font(None, self.lang)
        self.st: Styles = styles_for(self.font.name, self.lang)
        self._texts: list[str] = []

    # ------------------------------------------------------------------------------------------ strings

    def s(self, value: str) -> str:
        """Record a data string that will be printed, and return it."""
        self._texts.append(value)
        return value

    @property
    def gap(self) -> str:
        """The space between a code and its text: an ideographic space in Chinese, a plain one in English."""
        return "\u3000" if self.lang == "zh" else " "

    def t(self, key: str, **fmt: object) -> str:
        """The catalogue text ``key`` in the document's language (recorded)."""
        return self.s(tr(self.lang, key, **fmt))

    def score(self, value: Decimal | None) -> str:
        """A score padded to the contest's decimals (recorded)."""
        return self.s(tx.score(value, self.header.places))

    def points(self, value: Decimal) -> str:
        """Rubric points without trailing zeros (recorded)."""
        return self.s(tx.points(value))

    def p(
        self,
        value: str,
        style: ParagraphStyle | None = None,
        *,
        strike: bool = False,
        color: str | None = None,
        size: float | None = None,
    ) -> Paragraph:
        """A paragraph of plain text (escaped; newlines become line breaks), recorded for the glyph check."""
        self._texts.append(value)
        return Paragraph(self.markup(value, strike=strike, color=color, size=size), style or self.st.cell)

    def markup(
        self, value: str, *, strike: bool = False, color: str | None = None, size: float | None = None
    ) -> str:
        """Paragraph markup for plain text, recorded; compose several pieces into one :meth:`rich` paragraph."""
        self._texts.append(value)
        out = self._escaped(value).replace("\n", "<br/>")
        if strike:
            out = f"<strike>{out}</strike>"
        attrs = (f' color="{color}"' if color else "") + (f' size="{size}"' if size else "")
        return f"<font{attrs}>{out}</font>" if attrs else out

    def _escaped(self, value: str) -> str:
        """``value`` escaped for a paragraph; characters the face lacks are set in the fallback face."""
        fallback = self.fallback
        if fallback is None or all(self.font.has(ch) for ch in value):
            return escape(value)
        out = []
        for ch in value:
            if not self.font.has(ch) and fallback.has(ch):
                out.append(f'<font name="{fallback.name}">{escape(ch)}</font>')
            else:
                out.append(escape(ch))
        return "".join(out)

    def canvas_font(self, texts: Sequence[str]) -> CJKFont:
        """The face for text drawn straight on the canvas (no per-character markup): this document's face if it
        has every character of ``texts``, else the bundled fallback."""
        if self.fallback is not None and not all(self.font.has(ch) for t in texts for ch in t):
            return self.fallback
        return self.font

    def rich(self, parts: Sequence[str], style: ParagraphStyle | None = None, sep: str = "") -> Paragraph:
        """A paragraph of pieces made by :meth:`markup` (already recorded)."""
        return Paragraph(sep.join(p for p in parts if p), style or self.st.cell)

    # ------------------------------------------------------------------------------------------ building

    def furniture(self, title: str, *, header_footer: bool = True) -> Furniture:
        """Header, footer and watermark strings of this document (recorded)."""
        h = self.header
        watermark = (
            self.t("print.draft_mark")
            if h.draft
            else (self.t("print.incomplete_mark") if h.incomplete else "")
        )
        draft_line = self.t("print.draft_reason", reason=h.draft_reason) if h.draft else ""
        if h.incomplete:
            draft_line = self.gap.join(filter(None, [draft_line, h.incomplete]))
        drawn = [watermark, draft_line, h.contest_line, title]
        font = self.canvas_font(drawn).name  # drawn on the canvas: one face for the whole line
        if not header_footer:
            return Furniture(font=font, watermark=watermark, draft_line=draft_line)
        return Furniture(
            font=font,
            header_left=self.s(h.contest_line),
            header_right=self.s(title),
            footer_left=self.t("print.printed_at", when=tx.timestamp(h.printed_at)),
            footer_right=self.t("print.audit", code=h.audit_code),
            page_label=self.t("print.page_of", page="{page}", pages="{pages}"),
            watermark=watermark,
            draft_line=draft_line,
        )

    def pdf(
        self,
        story: list[Flowable],
        *,
        title: str,
        pagesize: tuple[float, float] = PORTRAIT,
        header_footer: bool = True,
        frames: Sequence[Frame] | None = None,
        on_page: Callable[[Any, Any], None] | None = None,
        out: str | os.PathLike[str] | None = None,
    ) -> bytes:
        """Check every recorded string against the font, build the PDF and return its bytes (and write ``out``).

        Raises:
            PrintRefused: the font lacks a glyph (every missing character is listed).
        """
        furniture = self.furniture(title, header_footer=header_footer)
        self.s(title)
        self.font.require(self._texts, self.lang, self.fallback)
        buf = io.BytesIO()
        meta: dict[str, Any] = {
            "pagesize": pagesize,
            "invariant": 1,
            "pageCompression": 1,
            "displayDocTitle": 1,
            "title": title,
            "author": self.header.contest_line,
            "subject": f"{self.header.contest_line} {title}".strip(),
            "creator": "contest",
            "lang": self._pdf_lang,
        }
        doc: BaseDocTemplate
        if frames is None:
            doc = SimpleDocTemplate(
                buf,
                leftMargin=MARGIN_X,
                rightMargin=MARGIN_X,
                topMargin=MARGIN_TOP,
                bottomMargin=MARGIN_BOTTOM,
                **meta,
            )
        else:
            doc = BaseDocTemplate(buf, **meta)
            doc.addPageTemplates([PageTemplate(id="page", frames=list(frames), onPage=on_page or _nothing)])
        doc.build(story, canvasmaker=canvas_maker(furniture))
        data = buf.getvalue()
        if out is not None:
            write_atomic(out, data)
        return data

    def drawn_pdf(
        self,
        draw_page: Callable[[Canvas, int], None],
        pages: int,
        *,
        title: str,
        pagesize: tuple[float, float] = PORTRAIT,
        out: str | os.PathLike[str] | None = None,
    ) -> bytes:
        """A document drawn page by page straight on the canvas (no platypus, no header or footer; the draft
        watermark and reason are drawn on every page): check every recorded string against the font, call
        ``draw_page(canvas, k)`` for ``k`` in ``range(pages)``, return the bytes (and write ``out``).

        Raises:
            PrintRefused: the font lacks a glyph (every missing character is listed).
        """
        furniture = self.furniture(title, header_footer=False)
        self.s(title)
        self.font.require(self._texts, self.lang, self.fallback)
        buf = io.BytesIO()
        canv = Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=1, lang=self._pdf_lang)
        canv.setTitle(title)
        canv.setAuthor(self.header.contest_line)
        canv.setSubject(f"{self.header.contest_line} {title}".strip())
        canv.setCreator("contest")
        canv.setViewerPreference("DisplayDocTitle", "true")
        for k in range(pages):
            draw_page(canv, k)
            furniture.draw(canv, k + 1, pages)
            canv.showPage()
        canv.save()
        data = buf.getvalue()
        if out is not None:
            write_atomic(out, data)
        return data

    @property
    def _pdf_lang(self) -> str:
        return "en" if self.lang == "en" else "zh-CN"


def _nothing(canv: Any, doc: Any) -> None:
    """No page decoration."""
