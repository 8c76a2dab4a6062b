"""Text in fixed boxes (contest.printing.boxes): line breaking, shrink-to-fit and where text lands on the page."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from contest.printing.boxes import NO_LINE_START, Space, Text, draw_box, text_width, wrap
from contest.printing.fonts import load_font

FONT = load_font().name

CJK_TEXT = st.text(
    alphabet="养老护理员职工组江门市竞赛荣获一等奖，。、；：！？）》」”", min_size=1, max_size=80
)
WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz李龘", min_size=1, max_size=14), min_size=1, max_size=20
)


@settings(max_examples=300, deadline=None)
@given(
    text=CJK_TEXT, width=st.floats(min_value=20, max_value=400), first=st.floats(min_value=20, max_value=400)
)
def test_chinese_lines_keep_every_character_fit_and_never_start_with_closing_punctuation(
    text: str, width: float, first: float
) -> None:
    lines = wrap(text, FONT, 12, width, first, cjk=True)
    assert "".join(lines) == text
    for k, line in enumerate(lines):
        avail = first if k == 0 else width
        # a line is too wide only when one character (or a character with its punctuation) could not be split
        assert text_width(line, FONT, 12) <= avail + 1e-9 or len(line) <= 2
        if k and line[0] in NO_LINE_START:  # only when nothing could move down with it
            assert len(lines[k - 1].rstrip("".join(NO_LINE_START))) <= 1


@settings(max_examples=200, deadline=None)
@given(words=WORDS, width=st.floats(min_value=30, max_value=300))
def test_english_lines_break_at_spaces_and_split_only_overlong_words(words: list[str], width: float) -> None:
    text = " ".join(words)
    lines = wrap(text, FONT, 10, width, width, cjk=False)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert text_width(line, FONT, 10) <= width + 1e-9 or len(line) == 1
    fitting = [w for w in words if text_width(w, FONT, 10) <= width]
    joined = " " + " ".join(lines) + " "
    for w in fitting:  # a word that fits a line is never cut
        assert f" {w} " in joined


def test_explicit_newlines_break() -> None:
    assert wrap("第一行\n第二行", FONT, 12, 500, 500, cjk=True) == ("第一行", "第二行")


def test_closing_punctuation_takes_the_last_character_with_it() -> None:
    width = text_width("养老护理员", FONT, 12)
    assert wrap("养老护理员，职工组", FONT, 12, width, width, cjk=True) == ("养老护理", "员，职工组")


def _draw(
    items: list[Text | Space], box: tuple[float, float, float, float]
) -> list[tuple[str, float, float, float]]:
    """Draw into one page and read back (text, x, y, font size) of every string."""
    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1)
    draw_box(canv, items, box, font=FONT, cjk=True, ink=black)
    canv.showPage()
    canv.save()
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((text.strip(), tm[4], tm[5], size * tm[0]))

    PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text(visitor_text=visit)
    return found


def test_text_is_placed_top_down_from_the_box_top_with_its_alignment() -> None:
    box = (100.0, 100.0, 300.0, 200.0)
    placed = _draw(
        [Space(10), Text("左边", 20, 30), Text("居中", 20, 30, "centre"), Text("右边", 20, 30, "right")], box
    )
    (t1, x1, y1, s1), (t2, x2, y2, _), (t3, x3, y3, _) = placed
    assert (t1, s1) == ("左边", 20)
    assert x1 == pytest.approx(100) and y1 == pytest.approx(300 - 10 - 20)
    assert y2 == pytest.approx(y1 - 30) and y3 == pytest.approx(y2 - 30)
    assert x2 + text_width("居中", FONT, 20) / 2 == pytest.approx(250)
    assert x3 + text_width("右边", FONT, 20) == pytest.approx(400)


def test_content_too_tall_for_its_box_shrinks_and_stays_inside() -> None:
    box = (50.0, 50.0, 200.0, 60.0)
    long = "在江门市“南粤家政”养老护理员职业技能竞赛中成绩优异，荣获一等奖。" * 3
    placed = _draw([Text("张三：", 24, 32), Text(long, 17, 28)], box)
    sizes = {round(size, 3) for _, _, _, size in placed}
    assert max(sizes) < 24  # shrunk
    assert "".join(t for t, *_ in placed[1:]) == long  # nothing lost
    for text, x, y, size in placed:
        assert x >= 50 - 1e-6 and x + text_width(text, FONT, size) <= 250 + 1e-6
        assert (
            y - size * 0.2 >= 50 and y + size * 0.9 <= 110 + 1e-6
        )  # baseline, descent and ascent in the box


def test_content_that_fits_is_not_shrunk() -> None:
    placed = _draw([Text("张三：", 24, 32)], (50.0, 50.0, 200.0, 60.0))
    assert placed[0][3] == 24


def test_a_qr_code_wider_than_its_box_shrinks_the_box_content() -> None:
    from contest.printing.boxes import Qr

    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1)
    modules = (b"\x01\x00\x01", b"\x00\x01\x00", b"\x01\x01\x01")
    draw_box(
        canv,
        [Qr(modules, 80), Text("证书编号", 9, 12, "centre")],
        (100.0, 100.0, 40.0, 200.0),
        font=FONT,
        cjk=True,
        ink=black,
    )
    canv.showPage()
    canv.save()
    content = PdfReader(io.BytesIO(buf.getvalue())).pages[0].get_contents().get_data().decode("latin-1")
    found = re.search(
        r"q 0 g ([-\d. ]+) cm\s+BI /W 3 /H 3 /IM true /BPC 1 /F /AHx ID\s+(\w+)>\s+EI Q", content
    )
    assert found is not None  # the code is one inline 1-bit image mask, painted black
    cm = [float(v) for v in found.group(1).split()]
    cell = cm[0] / 3  # one image pixel per module, scaled up
    assert cm[3] == pytest.approx(cm[0]) and cm[1] == cm[2] == 0
    assert cell * (3 + 8) == pytest.approx(40)  # the whole code, quiet zone included, is the box's width
    assert cm[4] - 4 * cell == pytest.approx(100)
    # rows top-down, a 0 bit painted (dark), each row padded with unpainted bits to a whole byte
    assert found.group(2) == f"{0b01011111:02x}{0b10111111:02x}{0b00011111:02x}"
