"""Certificates (获奖证书): one A4 landscape page per winner with name, unit, contest and edition, project, award,
issuing bodies, date, certificate number and a QR code carrying the verification string (printed under it).

A text-only mode prints just the variable text at the same places, shifted by millimetre offsets, for
pre-printed certificate paper. Owns the layout of that document; who wins what comes decided in
:class:`~contest.printing.pages.CertificateData`.

Certificates are one fixed layout repeated page after page, so they are drawn straight on the canvas
(:mod:`contest.printing.boxes`) rather than through platypus; what every certificate of a batch shares (border,
seal space, title, issuers and date) is drawn once as form XObjects placed on each page, and the QR code is
encoded by zxing-cpp and drawn as one small 1-bit image: a thousand certificates take about half a second here
(``benchmarks/run.py --only P5``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import zxingcpp
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer

from contest.printing import text as tx
from contest.printing.boxes import Item, Qr, Space, Text, draw_box
from contest.printing.pages import Certificate, CertificateData
from contest.printing.render import FontPath, Ink
from contest.printing.styles import CERT_GOLD, CERT_RED, INK, LANDSCAPE, MUTED

QR_SIZE = 27 * mm
"""Printed size of the QR code (error correction M: readable by phones at arm's length)."""

# Where things go on the page, in millimetres from the bottom-left corner of A4 landscape (297 × 210):
# (x, y, width, height). The same boxes serve both modes, so pre-printed paper designed for one fits the other.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "title": (30, 158, 237, 30),
    "body": (42, 76, 213, 82),
    "seal": (30, 20, 100, 54),
    "issuers": (150, 20, 115, 54),
}

_LIGHT_DARK = bytes.maketrans(bytes(range(256)), bytes(1 if b < 128 else 0 for b in range(256)))


def render_certificates(
    data: CertificateData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """Certificates as PDF bytes (also written to ``out`` if given), one page each.

    Raises:
        PrintRefused: a draft without a reason, or a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = data.title or ink.t("print.cert_title")
    dx, dy = data.offset_x_mm * mm, -data.offset_y_mm * mm
    boxes = {name: (x * mm + dx, y * mm + dy, w * mm, h * mm) for name, (x, y, w, h) in layout(data).items()}
    fixed = _Fixed.of(ink, data, title)
    pages = [_certificate(ink, data, cert, fixed) for cert in data.certificates]
    common = _texts(fixed.title + fixed.issuers)
    texts = [common + _texts(i for items in page.values() for i in items) for page in pages]
    cjk = ink.lang != "en"
    forms: dict[tuple[str, str], str] = {}

    def shared(canv: Canvas, part: str, font: str) -> None:
        """Place ``part`` of what the certificates share, set in ``font``: ``"frame"`` (the border, the seal
        space and the batch's title), ``"frame without title"`` (for a certificate with its own title) or
        ``"issuers"`` (the issuers and date). Each is drawn once, as a form XObject, and placed on every page."""
        key = (part, font)
        if key not in forms:
            forms[key] = f"certificate{len(forms)}"
            canv.beginForm(forms[key])
            if part == "issuers":
                draw_box(canv, fixed.issuers, boxes["issuers"], font=font, cjk=cjk, ink=INK)
            else:
                _border(canv)
                _seal_space(canv, boxes["issuers"])
                if part == "frame":
                    draw_box(canv, fixed.title, boxes["title"], font=font, cjk=cjk, ink=INK)
            canv.endForm()
        canv.doForm(forms[key])

    def draw(canv: Canvas, k: int) -> None:
        page = pages[k]
        # a rare character the configured face lacks sets this whole certificate in the bundled face
        font = ink.canvas_font(texts[k]).name
        if not data.text_only:  # the same order as drawn before: frame, title, body, seal box, issuers
            shared(canv, "frame without title" if "title" in page else "frame", font)
        for name, items in page.items():
            draw_box(canv, items, boxes[name], font=font, cjk=cjk, ink=INK)
        shared(canv, "issuers", font)

    return ink.drawn_pdf(draw, len(pages), title=title, pagesize=LANDSCAPE, out=out)


def _texts(items: Iterable[Item]) -> list[str]:
    """The strings of the paragraphs among ``items``."""
    return [i.text for i in items if isinstance(i, Text)]


def layout(data: CertificateData) -> dict[str, tuple[float, float, float, float]]:
    """The boxes in millimetres: the standard layout with the data's per-field positions applied."""
    boxes = dict(BOXES)
    for name, box in data.boxes:
        if name not in boxes:
            from contest.errors import PrintRefused
            from contest.i18n import Msg

            raise PrintRefused(Msg("print.error.unknown_box", name=name, boxes=", ".join(BOXES)))
        boxes[name] = box
    return boxes


def render_calibration(
    data: CertificateData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """A calibration page for pre-printed paper: a millimetre grid and every box outlined and labelled, with the
    offsets and per-field positions applied. Print it on a blank sheet, hold it against the certificate paper, and
    adjust ``offset``/``boxes`` until the outlines sit on the paper's blanks."""
    from reportlab.platypus import Paragraph

    ink = Ink(data.header, lang=lang, font_path=font_path)
    boxes = layout(data)
    dx, dy = data.offset_x_mm, -data.offset_y_mm
    width, height = LANDSCAPE

    def draw(canv: Canvas, doc: object) -> None:
        canv.saveState()
        canv.setLineWidth(0.2)
        canv.setStrokeColorRGB(0.75, 0.75, 0.75)
        for gx in range(0, int(width / mm) + 1, 10):
            canv.line(gx * mm, 0, gx * mm, height)
        for gy in range(0, int(height / mm) + 1, 10):
            canv.line(0, gy * mm, width, gy * mm)
        canv.setStrokeColor(CERT_RED)
        canv.setLineWidth(0.8)
        for name, (x, y, w, h) in boxes.items():
            canv.rect((x + dx) * mm, (y + dy) * mm, w * mm, h * mm)
            canv.setFont(ink.font.name, 9)
            canv.drawString(
                (x + dx) * mm + 2,
                (y + dy + h) * mm - 11,
                f"{name}  x={x + dx:g} y={y + dy:g} w={w:g} h={h:g} mm",
            )
        canv.restoreState()

    note = ink.t("print.cert_calibration", x=data.offset_x_mm, y=data.offset_y_mm)
    story: list[Flowable] = [Spacer(1, 2 * mm), Paragraph(note, ink.st.cert_small)]
    frame = Frame(20 * mm, 190 * mm, 250 * mm, 12 * mm, id="note")
    return ink.pdf(
        story,
        title="calibration",
        pagesize=LANDSCAPE,
        header_footer=False,
        frames=[frame],
        on_page=draw,
        out=out,
    )


def qr_modules(value: str) -> tuple[bytes, ...]:
    """The QR code of ``value`` (error correction M, the smallest version that holds it) as rows of modules,
    1 for dark and 0 for light, without the quiet zone."""
    code = zxingcpp.create_barcode(value, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    n = image.shape[1]
    raw = bytes(image).translate(_LIGHT_DARK)  # type: ignore[call-overload]  # zxingcpp's stub omits Image's buffer protocol
    return tuple(raw[r * n : (r + 1) * n] for r in range(len(raw) // n))


def _certificate(ink: Ink, data: CertificateData, cert: Certificate, fixed: _Fixed) -> dict[str, list[Item]]:
    """What goes in the boxes of one certificate that are its own (every string recorded for the glyph check):
    the body and the seal box, and the title box if the certificate has its own title; the rest is the batch's
    (:class:`_Fixed`)."""
    text_only = data.text_only
    wording = (
        ink.s(cert.body)
        if cert.body
        else ink.t(
            "print.cert_body",
            contest=fixed.contest,
            project=cert.project if ink.lang == "en" else tx.project_phrase(fixed.contest, cert.project),
        )
    )
    body: list[Item] = [
        _SPACE_5,
        Text(ink.t("print.cert_name", name=cert.name), 24, 32),
        Text(ink.s(cert.unit), 14, 20, indent=34),
        _SPACE_2,
        Text(wording, 17, 28, first_indent=34),
        _SPACE_3,
    ]
    if cert.award:
        body.append(Text(ink.s(cert.award), 34, 44, "centre", None if text_only else CERT_RED))
    body += [_SPACE_1, Text(ink.s(cert.end), 17, 28, first_indent=34) if cert.end else fixed.end]
    seal: list[Item] = []
    if not text_only:
        seal += [
            Qr(qr_modules(ink.s(cert.verification)), QR_SIZE),
            _SPACE_1,
            Text(cert.verification, 9, 12, "centre", MUTED),
        ]
    seal.append(Text(ink.t("print.cert_no", no=cert.number), 9, 12, "centre", MUTED))
    if cert.title and not text_only:
        return {
            "title": [Space(4 * mm), Text(ink.s(cert.title), 40, 50, "centre", CERT_RED)],
            "body": body,
            "seal": seal,
        }
    return {"body": body, "seal": seal}


_SPACE_1, _SPACE_2, _SPACE_3, _SPACE_5 = (Space(k * mm) for k in (1, 2, 3, 5))


@dataclass(frozen=True)
class _Fixed:
    """What every certificate of a batch shares."""

    contest: str
    title: list[Item]
    end: Text
    issuers: list[Item]

    @classmethod
    def of(cls, ink: Ink, data: CertificateData, title: str) -> _Fixed:
        issuers: list[Item] = [Space(6 * mm)]
        if not data.text_only:
            issuers += [Text(ink.s(i), 14, 20, "right") for i in data.issuers]
        issuers.append(Text(ink.s(data.date), 14, 20, "right"))
        return cls(
            contest=data.header.contest_line,
            title=[] if data.text_only else [Space(4 * mm), Text(title, 40, 50, "centre", CERT_RED)],
            end=Text(ink.t("print.cert_end"), 17, 28, first_indent=34),
            issuers=issuers,
        )


SEAL_MM = 42
"""Diameter of the seal space: a standard official seal is 40–42 mm across."""


def _seal_space(canv: Canvas, box: tuple[float, float, float, float]) -> None:
    """Where the issuing body's seal goes: a faint dashed circle in the free left part of the issuers box, beside
    the right-aligned issuers and date, so the seal sits on the certificate without covering the text."""
    x, y, _w, h = box
    r = SEAL_MM * mm / 2
    canv.saveState()
    canv.setStrokeColorRGB(0.85, 0.85, 0.85)
    canv.setLineWidth(0.5)
    canv.setDash(2, 2)
    canv.circle(x + r + 2 * mm, y + h / 2, r)
    canv.restoreState()


def _border(canv: Canvas) -> None:
    """The printed certificate's frame: a gold outer rule and a red inner rule."""
    width, height = LANDSCAPE
    canv.saveState()
    canv.setStrokeColor(CERT_GOLD)
    canv.setLineWidth(3)
    canv.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm)
    canv.setStrokeColor(CERT_RED)
    canv.setLineWidth(0.8)
    canv.rect(12.5 * mm, 12.5 * mm, width - 25 * mm, height - 25 * mm)
    canv.restoreState()
