"""Text in fixed boxes, drawn straight on a reportlab canvas: for documents that are one fixed layout repeated
page after page (certificates), where platypus' per-page flowable machinery costs more than the drawing.

Owns line breaking (Chinese between any two characters, never starting a line with closing punctuation; English
between words, over-long words split), stacking paragraphs, spaces and QR codes top-down in a box, and shrinking
the whole box's content when it would not fit (like platypus' ``KeepInFrame(mode="shrink")``: text and QR codes
stay inside their box, except a single character wider than the whole box). It does not decide what is printed or where the boxes are.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

Align = Literal["left", "centre", "right"]

NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…·%,.;:?!)]}")
"""Characters a Chinese line must not start with (避头点): the character before them moves down with them."""


@dataclass(frozen=True)
class Text:
    """A paragraph: wrapped to the box width, ``leading`` points per line, first baseline ``size`` below the top."""

    text: str
    size: float
    leading: float
    align: Align = "left"
    color: Color | None = None
    indent: float = 0.0
    """Left indent of every line."""
    first_indent: float = 0.0
    """Extra indent of the first line."""


@dataclass(frozen=True)
class Space:
    """Vertical space in points."""

    height: float


@dataclass(frozen=True)
class Qr:
    """A QR code ``size`` points square including its quiet zone, centred; ``modules`` are its rows of dark (1) and
    light (0) modules."""

    modules: tuple[bytes, ...]
    size: float


Item = Text | Space | Qr


@functools.lru_cache(maxsize=4096)
def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points, as reportlab measures it (remembered: a batch repeats most of its texts)."""
    width: float = stringWidth(text, font, size)
    return width


@functools.lru_cache(maxsize=4096)
def wrap(text: str, font: str, size: float, width: float, first_width: float, cjk: bool) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``first_width`` (first line) and ``width`` (the rest).

    Chinese (``cjk``) breaks between any two characters; when a line would start with closing punctuation, the
    character before it moves down too (a line holding a single character keeps it); otherwise lines break at spaces and a word wider than the line is
    split between characters. Explicit newlines always break. Remembered: the certificates of a batch repeat
    most of their texts.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        avail = first_width if not lines else width
        if text_width(part, font, size) <= avail:
            lines.append(part)
            continue
        lines += _break(part, font, size, width, avail, cjk)
    return tuple(lines)


def _break(text: str, font: str, size: float, width: float, first: float, cjk: bool) -> list[str]:
    return _break_cjk(text, font, size, width, first) if cjk else _break_words(text, font, size, width, first)


def _prefix(text: str, start: int, avail: float, font: str, size: float) -> int:
    """End of the longest ``text[start:end]`` no wider than ``avail``, at least one character (bisection: a
    handful of measurements)."""
    lo, hi = start + 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[start:mid], font, size) <= avail:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _break_cjk(text: str, font: str, size: float, width: float, first: float) -> list[str]:
    """Chinese: each line takes as many characters as fit, at least one; when the next line would start with
    closing punctuation, the character before that punctuation moves down with it."""
    lines: list[str] = []
    start, avail = 0, first
    while start < len(text):
        end = _prefix(text, start, avail, font, size)
        if end < len(text) and text[end] in NO_LINE_START:
            k = end
            while k > start and text[k - 1] in NO_LINE_START:
                k -= 1  # back over punctuation already on this line
            if k - 1 > start:
                end = k - 1
        lines.append(text[start:end])
        start, avail = end, width
    return lines


def _break_words(text: str, font: str, size: float, width: float, first: float) -> list[str]:
    """Other languages: break at spaces; a word wider than the line is split between characters."""
    lines: list[str] = []
    line = ""
    avail = first
    for token in _words(text):
        if text_width((line + token).rstrip(), font, size) <= avail:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
            avail = width
        word = token.rstrip()
        while len(word) > 1 and text_width(word, font, size) > avail:
            end = _prefix(word, 0, avail, font, size)  # an over-long word (a Chinese name) splits anywhere
            lines.append(word[:end])
            word, avail = word[end:], width
        line = word + token[len(token.rstrip()) :]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _words(text: str) -> list[str]:
    """Words with their following space attached, so joining them gives the text back."""
    out: list[str] = []
    for word in text.split(" "):
        out.append(word + " ")
    out[-1] = out[-1][:-1]
    return [w for w in out if w]


@dataclass(frozen=True)
class _Placed:
    """A laid-out item: its lines (texts) and its height."""

    item: Item
    lines: tuple[str, ...]
    height: float


def _lay(items: Sequence[Item], font: str, width: float, cjk: bool) -> tuple[list[_Placed], float]:
    placed = []
    total = 0.0
    for it in items:
        if isinstance(it, Text):
            lines = wrap(it.text, font, it.size, width - it.indent, width - it.indent - it.first_indent, cjk)
            height = it.leading * len(lines)
            placed.append(_Placed(it, tuple(lines), height))
        elif isinstance(it, Space):
            height = it.height
            placed.append(_Placed(it, (), height))
        else:
            height = it.size
            placed.append(_Placed(it, (), height))
        total += height
    return placed, total


def draw_box(
    canv: Canvas,
    items: Sequence[Item],
    box: tuple[float, float, float, float],
    *,
    font: str,
    cjk: bool,
    ink: Color,
) -> None:
    """Draw ``items`` top-down in ``box`` (x, y, width, height in points, y at the bottom), shrunk to fit.

    The fill colour is left as the last item set it; callers that draw other things afterwards set their own.
    """
    x, y, w, h = box
    # a QR code cannot wrap: it caps the scale so that it fits the width
    scale = min([1.0] + [w / it.size for it in items if isinstance(it, Qr)])
    placed, height = _lay(items, font, w / scale, cjk)
    if height * scale > h:
        lo, hi = 0.05, scale  # the largest scale at which the content, wrapped to w/scale, fits h/scale
        for _ in range(14):
            mid = (lo + hi) / 2
            _, need = _lay(items, font, w / mid, cjk)
            lo, hi = (mid, hi) if need * mid <= h else (lo, mid)
        scale = lo
        placed, height = _lay(items, font, w / scale, cjk)
    # Drawn in page coordinates, everything multiplied by the scale (no transformation: fewer operators), and all
    # the box's lines in one text object (one BT ... ET, each line placed with Tm).
    width = w / scale
    top = y + h
    color = None
    text = canv.beginText()
    for p in placed:
        it = p.item
        if isinstance(it, Text):
            text.setFont(font, it.size * scale, it.leading * scale)
            if (it.color or ink) != color:
                color = it.color or ink
                text.setFillColor(color)
            for k, line in enumerate(p.lines):
                left = it.indent + (it.first_indent if k == 0 else 0.0)
                if it.align != "left":
                    spare = width - left - text_width(line, font, it.size)
                    left += spare / 2 if it.align == "centre" else spare
                text.setTextOrigin(x + left * scale, top - (it.size + k * it.leading) * scale)
                text.textOut(line)
        elif isinstance(it, Qr):
            side = it.size * scale
            draw_qr(canv, it.modules, x + (w - side) / 2, top - side, side)
        top -= p.height * scale
    canv.drawText(text)


QUIET_ZONE = 4
"""Light modules around a QR code (ISO/IEC 18004 asks for 4), kept inside the printed size."""
_MASK_BITS = bytes.maketrans(b"\x00\x01", b"10")
"""Module to stencil-mask bit, as ASCII binary digits: a 0 bit is painted (a dark module)."""


def draw_qr(canv: Canvas, modules: Sequence[bytes], x: float, y: float, size: float) -> None:
    """Draw a module matrix ``size`` points square (quiet zone included) with its bottom-left corner at (x, y).

    The matrix is one inline 1-bit image mask (ISO 32000-1, 8.9.6.2 and 8.9.7), one pixel per module, scaled up
    to the printed size: the dark modules are painted black and the light ones leave the paper as it is. Viewers
    do not smooth a mask without ``/Interpolate``, so the modules stay crisp; a code costs a few hundred bytes
    instead of a path of hundreds of rectangles.
    """
    n = len(modules)
    if not n:
        return
    width = len(modules[0])
    light = b"\x00" * (-width % 8)  # each row of the image starts on a byte: padded with light modules
    bits = (light.join(modules) + light).translate(_MASK_BITS)
    data = f"{int(bits, 2):0{len(bits) // 4}x}"
    cell = size / (n + 2 * QUIET_ZONE)
    left, bottom = x + QUIET_ZONE * cell, y + QUIET_ZONE * cell
    canv.addLiteral(
        f"q 0 g {fp_str(width * cell, 0, 0, n * cell, left, bottom)} cm\n"
        f"BI /W {width} /H {n} /IM true /BPC 1 /F /AHx ID\n{data}>\nEI Q"
    )
