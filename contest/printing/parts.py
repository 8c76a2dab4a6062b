"""Reusable flowables shared by the documents: signature blocks, title blocks, tick boxes and bars.

Owns small building blocks only; each document module assembles them. Strings go through the document's
:class:`~contest.printing.render.Ink` so the glyph check sees them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from contest.printing.render import Ink
from contest.printing.styles import HEAD_BG, INK, RULE, plain


def title_block(ink: Ink, title: str, subtitle: str = "") -> list[Flowable]:
    """The document title, centred, with an optional subtitle line."""
    out: list[Flowable] = [ink.p(title, ink.st.title)]
    if subtitle:
        out.append(ink.p(subtitle, ink.st.subtitle))
    return out


def signature_block(
    ink: Ink,
    signers: Sequence[tuple[str, str]],
    width: float,
    *,
    per_row: int = 2,
    gap: float = 9 * mm,
    dated: bool = True,
) -> Table:
    """Signature lines, ``per_row`` to a row (``role（签字）：________``), then a date line if ``dated``.

    ``signers`` are (role, printed name) pairs; a name, when given, is printed small at the start of the line.
    Returned as one table, not a KeepTogether: reportlab cannot nest KeepTogether (the inner one reports an
    infinite height and pushes the outer one to a new page), so callers keep it with what precedes it.
    """
    slots = [(ink.t("print.signature", role=role), name) for role, name in signers]
    if dated:
        slots.append((ink.t("print.sign_date"), ""))
    size = ink.st.sign.fontSize
    label_w = max(stringWidth(label, ink.font.name, size) for label, _ in slots) + 2 * mm
    col = width / per_row
    label_w = min(label_w, col * 0.6)
    rows: list[list[Flowable | str]] = []
    lines: list[tuple[object, ...]] = []
    for k, (label, name) in enumerate(slots):
        r, slot = divmod(k, per_row)
        if slot == 0:
            rows.append([""] * (2 * per_row))
        rows[r][2 * slot] = ink.p(label, ink.st.sign)
        rows[r][2 * slot + 1] = ink.p(name, ink.st.note) if name else ""
        lines.append(("LINEBELOW", (2 * slot + 1, r), (2 * slot + 1, r), 0.6, INK))
    style = plain([*lines, ("TOPPADDING", (0, 0), (-1, -1), gap)])
    for slot in range(per_row):
        style.add("RIGHTPADDING", (2 * slot + 1, 0), (2 * slot + 1, -1), 6 * mm)
    return Table(rows, colWidths=[label_w, col - label_w] * per_row, style=style, hAlign="LEFT")


def notes(ink: Ink, lines: Sequence[str]) -> list[Flowable]:
    """Small grey note paragraphs."""
    return [ink.p(line, ink.st.note) for line in lines if line]


def bar(value: int, most: int, width: float, height: float = 3 * mm) -> Drawing:
    """A horizontal bar ``value / most`` of ``width`` long."""
    d = Drawing(width, height)
    # types-reportlab annotates Rect's **kw with the keyword TypedDict itself (not Unpack of it)
    d.add(Rect(0, 0, width, height, strokeColor=None, fillColor=HEAD_BG))  # type: ignore[arg-type, unused-ignore]
    if most > 0 and value > 0:
        d.add(Rect(0, 0, width * value / most, height, strokeColor=None, fillColor=RULE))  # type: ignore[arg-type, unused-ignore]
    return d


def info_line(ink: Ink, facts: Sequence[str], width: float) -> Table:
    """One line of facts (station, contestant, unit, limits) spread over the width.

    Each fact gets its natural width and the spare room is shared out between them; when they do not fit on one
    line, the widths shrink in proportion and the longest facts wrap.
    """
    size = ink.st.body.fontSize
    natural = [float(stringWidth(ink.s(f), ink.font.name, size)) + 4 * mm for f in facts]
    total = sum(natural)
    if total <= width:
        col_widths = [w + (width - total) / len(facts) for w in natural]
    else:
        col_widths = [w * width / total for w in natural]
    cells = [[ink.p(f, ink.st.body) for f in facts]]
    return Table(cells, colWidths=col_widths, style=plain(), hAlign="LEFT")


def fields_line(ink: Ink, fields: Sequence[tuple[str, str | None]], width: float) -> Table:
    """A line of ``label value`` fields; a ``None`` value leaves an underlined blank to write in.

    Labels and given values take their own width, blanks 26 mm; what is left spreads between the fields.
    """
    size = ink.st.body.fontSize

    def w(text: str) -> float:
        natural: float = float(stringWidth(ink.s(text), ink.font.name, size)) + 1.5 * mm
        return natural

    label_ws = [w(label) for label, _ in fields]
    value_ws = [26 * mm if v is None else (w(v) if v else 0.0) for _, v in fields]
    gap = max(width - sum(label_ws) - sum(value_ws), 0.0) / max(len(fields) - 1, 1)
    cells: list[Flowable | str] = []
    col_widths: list[float] = []
    style = plain([("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    for k, ((label, value), lw, vw) in enumerate(zip(fields, label_ws, value_ws, strict=True)):
        if k:
            cells.append("")
            col_widths.append(gap)
        if value is None:
            style.add("LINEBELOW", (len(cells) + 1, 0), (len(cells) + 1, 0), 0.6, INK)
        cells += [ink.p(label, ink.st.body), ink.p(value, ink.st.body) if value else ""]
        col_widths += [lw, vw]
    return Table([cells], colWidths=col_widths, style=style, hAlign="LEFT")


def paragraphs(ink: Ink, lines: Sequence[str]) -> list[Paragraph]:
    """Body paragraphs of plain text."""
    return [ink.p(line, ink.st.body) for line in lines if line]
