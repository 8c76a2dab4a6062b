"""Issue 14 case 5: text longer than any box (600 and 5,000 characters, and a 10,000-character unit) never crashes a
document: it wraps, shrinks, or is cut with a visible mark."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from test_printing_samples import certificates, result_sheet, score_sheet_data

from contest.printing import render_certificates, render_result_sheet, render_score_sheets

UNIT = "蓬江区社会福利院康复护理部第二分队"


def long_text(n: int) -> str:
    return (UNIT * (n // len(UNIT) + 1))[:n]


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("n", [600, 5_000, 10_000])
def test_result_sheet_with_a_long_unit_and_name(n: int) -> None:
    data = result_sheet(rows=3)
    groups = tuple(
        dataclasses.replace(
            g,
            rows=tuple(dataclasses.replace(r, unit=long_text(n), name=long_text(n // 10)) for r in g.rows),
        )
        for g in data.groups
    )
    pdf = render_result_sheet(dataclasses.replace(data, groups=groups))
    assert 0 < pages(pdf) < 40
    assert "已截断" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("n", [600, 5_000, 10_000])
def test_score_sheets_with_a_long_unit(n: int) -> None:
    data = score_sheet_data(stations=1)
    sheets = tuple(dataclasses.replace(p, unit=long_text(n), name=long_text(n // 10)) for p in data.sheets)
    pdf = render_score_sheets(dataclasses.replace(data, sheets=sheets))
    assert 0 < pages(pdf) < 40


@pytest.mark.parametrize("n", [600, 5_000])
def test_certificates_with_a_long_unit(n: int) -> None:
    data = certificates()
    certs = tuple(
        dataclasses.replace(c, unit=long_text(n), name=long_text(n // 20)) for c in data.certificates
    )
    pdf = render_certificates(dataclasses.replace(data, certificates=certs))
    assert pages(pdf) == len(certs)


@pytest.mark.parametrize("n", [600, 5_000])
def test_draw_sheet_with_a_long_unit(n: int) -> None:
    from test_printing_samples import header

    from contest.printing import render_draw_sheet
    from contest.printing.pages import DrawSheetData, DrawSheetRow

    rows = tuple(
        DrawSheetRow(k + 1, long_text(n // 10), long_text(n), "440703********1234", (f"A-{k + 1:02d}",))
        for k in range(3)
    )
    pdf = render_draw_sheet(DrawSheetData(header(), ("A",), rows))
    assert 0 < pages(pdf) < 40


def test_the_page_label_never_overlaps_the_footer_texts() -> None:
    """English on a portrait page: print time, "Page 1 of 2" and the data check code do not fit centred on one
    line; the label moves into the room between them, or onto a line of its own, never over them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from contest.printing.fonts import load_font
    from contest.printing.styles import Furniture

    font = load_font().name
    drawn: list[tuple[str, float, float, str]] = []

    class Spy(Canvas):
        def drawString(self, x, y, text, *a, **k):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202, N802
            drawn.append(("l", x, y, text))

        def drawRightString(self, x, y, text, *a, **k):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202, N802
            drawn.append(("r", x, y, text))

        def drawCentredString(self, x, y, text, *a, **k):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202, N802
            drawn.append(("c", x, y, text))

    for right in ("Data check code: e6b965f9 60d52f03 1ddb30d3 e81535ec", "Data check code: " + "f" * 70):
        drawn.clear()
        canv = Spy("/dev/null", pagesize=A4)
        Furniture(
            font, "Contest", "Schedule", "Printed 2026-12-08 00:16", right, "Page {page} of {pages}"
        ).draw(canv, 1, 2)
        spans = []
        for kind, x, y, text in drawn:
            w = canv.stringWidth(text, font, 8.5)
            x0 = {"l": x, "r": x - w, "c": x - w / 2}[kind]
            spans.append((round(y, 1), x0, x0 + w, text))
        for a in spans:
            for b in spans:
                if a is not b and a[0] == b[0]:
                    assert a[2] <= b[1] or b[2] <= a[1], f"{a[3]!r} overlaps {b[3]!r}"
        assert any(text == "Page 1 of 2" for *_, text in spans)
