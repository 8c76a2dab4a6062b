"""Certificates (获奖证书): one A4 landscape page per winner with name, unit, contest and edition, project, award,
issuing bodies, date, certificate number and a QR code carrying the verification string (printed under it).

A text-only mode prints just the variable text at the same places, shifted by millimetre offsets, for
pre-printed certificate paper. Owns the layout of that document; who wins what comes decided in
:class:`~contest.printing.pages.CertificateData`.
"""

from __future__ import annotations

import os

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, FrameBreak, KeepInFrame, Spacer

from contest.printing.pages import Certificate, CertificateData
from contest.printing.render import FontPath, Ink
from contest.printing.styles import CERT_GOLD, CERT_RED, LANDSCAPE

QR_SIZE = 27 * mm
"""Printed size of the QR code (error correction M: readable by phones at arm's length)."""

# Where things go on the page, in millimetres from the bottom-left corner of A4 landscape (297 × 210):
# (x, y, width, height). The same boxes serve both modes, so pre-printed paper designed for one fits the other.
BOXES = {
    "title": (30, 158, 237, 30),
    "body": (42, 76, 213, 82),
    "seal": (30, 20, 100, 54),
    "issuers": (150, 20, 115, 54),
}


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
    title = data.title or ink.label("cert_title")
    dx, dy = data.offset_x_mm * mm, -data.offset_y_mm * mm
    boxes = layout(data)
    frames = [
        Frame(
            x * mm + dx,
            y * mm + dy,
            w * mm,
            h * mm,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        for name, (x, y, w, h) in boxes.items()
    ]
    story: list[Flowable] = []
    for k, cert in enumerate(data.certificates):
        if k:
            story.append(FrameBreak())
        story += _certificate(ink, data, cert, title, boxes)
    on_page = None if data.text_only else _border
    return ink.pdf(
        story, title=title, pagesize=LANDSCAPE, header_footer=False, frames=frames, on_page=on_page, out=out
    )


def layout(data: CertificateData) -> dict[str, tuple[float, float, float, float]]:
    """The boxes in millimetres: the standard layout with the data's per-field positions applied."""
    boxes = dict(BOXES)
    for name, box in data.boxes:
        if name not in boxes:
            from contest.errors import PrintRefused

            raise PrintRefused(
                f"证书没有名为 {name} 的位置（可用：{', '.join(BOXES)}）/ unknown certificate box {name}"
            )
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
        for x in range(0, int(width / mm) + 1, 10):
            canv.line(x * mm, 0, x * mm, height)
        for y in range(0, int(height / mm) + 1, 10):
            canv.line(0, y * mm, width, y * mm)
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

    note = (
        f"校准页：偏移 x={data.offset_x_mm:g} mm，y={data.offset_y_mm:g} mm；网格 10 mm"
        if lang == "zh"
        else f"Calibration: offset x={data.offset_x_mm:g} mm, y={data.offset_y_mm:g} mm; grid 10 mm"
    )
    story: list[Flowable] = [Spacer(1, 2 * mm), Paragraph(ink.s(note), ink.st.cert_small)]
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


def _fit(
    name: str, content: list[Flowable], boxes: dict[str, tuple[float, float, float, float]] | None = None
) -> Flowable:
    """Content of one box, shrunk if it would not fit (it never spills into the next box)."""
    _, _, w, h = (boxes or BOXES)[name]
    return KeepInFrame(w * mm, h * mm, content, mode="shrink", name=name)


def qr_drawing(value: str, size: float = QR_SIZE) -> Drawing:
    """A QR code of ``value`` as a drawing ``size`` points square."""
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return drawing


def _certificate(
    ink: Ink,
    data: CertificateData,
    cert: Certificate,
    title: str,
    boxes: dict[str, tuple[float, float, float, float]] | None = None,
) -> list[Flowable]:
    st = ink.st
    h = data.header
    contest = h.contest_line
    text_only = data.text_only
    title_box = [] if text_only else [Spacer(1, 4 * mm), ink.p(title, st.cert_title)]
    award = ink.p(cert.award, st.cert_award_plain if text_only else st.cert_award)
    body = [
        Spacer(1, 5 * mm),
        ink.p(ink.label("cert_name", name=cert.name), st.cert_name),
        ink.p(cert.unit, st.cert_unit),
        Spacer(1, 2 * mm),
        ink.p(ink.label("cert_body", contest=contest, project=cert.project), st.cert_body),
        Spacer(1, 3 * mm),
        award,
        Spacer(1, 1 * mm),
        ink.p(ink.label("cert_end"), st.cert_body),
    ]
    seal: list[Flowable] = []
    if not text_only:
        seal += [
            qr_drawing(ink.s(cert.verification)),
            Spacer(1, 1 * mm),
            ink.p(cert.verification, st.cert_small),
        ]
    seal.append(ink.p(ink.label("cert_no", no=cert.number), st.cert_small))
    issuers: list[Flowable] = [Spacer(1, 6 * mm)]
    if not text_only:
        issuers += [ink.p(i, st.cert_issuer) for i in data.issuers]
    issuers.append(ink.p(data.date, st.cert_issuer))
    return [
        _fit("title", title_box or [Spacer(1, 1)], boxes),
        FrameBreak(),
        _fit("body", body, boxes),
        FrameBreak(),
        _fit("seal", seal, boxes),
        FrameBreak(),
        _fit("issuers", issuers, boxes),
    ]


def _border(canv: Canvas, doc: object) -> None:
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
