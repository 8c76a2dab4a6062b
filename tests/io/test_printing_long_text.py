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
