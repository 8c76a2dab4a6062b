"""An English document prints no Chinese but the user's data: every kind of document the io fixtures reach is
rendered in English, read back (pypdf for PDFs, openpyxl for workbooks), and every run of Chinese characters left in
it must come from the data it was given (names, units, rubric texts, titles) — never from a fixed word."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from test_printing_samples import (
    blank_sheets,
    certificates,
    header,
    result_sheet,
    score_sheet_data,
    stats_data,
    workbook_data,
)

from contest.export import write_results_workbook
from contest.export_feedback import write_feedback_workbook
from contest.printing import (
    render_blank_sheets,
    render_certificates,
    render_draw_sheet,
    render_result_sheet,
    render_score_sheets,
    render_statistics,
)
from contest.printing.certificates import render_calibration
from contest.printing.feedback import render_unit_feedback
from contest.printing.feedback_pages import UnitFeedbackData, UnitReport, UnitResultLine
from contest.printing.pages import DocHeader, DrawSheetData, DrawSheetRow, GroupFairnessDocData
from contest.printing.schedule import render_group_fairness
from contest.services.feedback import feedback_rules
from scoresheets.feedback import unit_feedback
from scoresheets.groups import FairnessRules, GroupFairness, GroupFigures
from tests.unit.test_feedback import UNITS, _marks

CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\U00020000-\U0002ffff]+")


def user_strings(data: object) -> set[str]:
    """Every string inside ``data`` (dataclasses, pydantic models, mappings, sequences): what the user gave."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
            return
        if id(value) in seen or isinstance(value, int | float | Decimal | datetime | bytes) or value is None:
            return
        seen.add(id(value))
        if isinstance(value, DocHeader):  # the contest's name joined with its edition: still the user's words
            found.add(value.contest_line)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, Mapping):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, Iterable):
            for v in value:
                walk(v)
        elif hasattr(value, "model_dump"):
            walk(value.model_dump())
        elif hasattr(value, "__dict__"):
            walk(vars(value))

    walk(data)
    return found


def foreign_chinese(text: str, data: object) -> list[str]:
    """Runs of Chinese in ``text`` that are not part of any string of ``data``."""
    strings = user_strings(data)
    return sorted({run for run in CJK_RUN.findall(text) if not any(run in s for s in strings)})


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _incomplete(data: Any) -> Any:
    """The same document printed with incomplete results (watermark and notice on every page)."""
    return dataclasses.replace(
        data, header=dataclasses.replace(data.header, incomplete="theory missing for 4 contestants")
    )


def _draw(stage: int) -> DrawSheetData:
    rows = tuple(
        DrawSheetRow(k + 1, name, unit, id_masked, (f"A-{k + 1:02d}",))
        for k, (name, unit, id_masked) in enumerate((("张三", "甲单位", "440703********1234"),))
    )
    return DrawSheetData(header(), ("A",), rows, stage=stage)


def _fairness() -> GroupFairnessDocData:
    groups = (
        GroupFigures(
            "1", ("J1", "J2"), 9, Decimal("80.50"), Decimal("3.10"), Decimal("0.40"), None, None, ()
        ),
        GroupFigures("B", ("J3",), 2, Decimal("80.00"), Decimal("1.00"), None, None, None, ()),
    )
    return GroupFairnessDocData(
        header=DocHeader("测试竞赛", "第一届", datetime(2026, 12, 10, 18, 0, tzinfo=UTC), "ab" * 32),
        module_code="A",
        module_title="基础照护",
        fairness=GroupFairness("A", groups, FairnessRules()),
        judges={"J1": "张三", "J2": "李四", "J3": "赵六"},
        calibrated=False,
        signed_off=False,
        signoff_note="",
    )


def _feedback() -> UnitFeedbackData:
    fb = unit_feedback(_marks(), UNITS, 3)
    return UnitFeedbackData(
        header=DocHeader("测试竞赛", "", datetime(2026, 5, 20, tzinfo=UTC), "ab" * 32),
        module_codes=("A",),
        reports=tuple(
            UnitReport(u, (UnitResultLine("选手", 1, None, (None,), None, "一等奖"),), fb[u])
            for u in sorted(fb)
        ),
        min_count=3,
        rules=feedback_rules(3),
    )


DOCUMENTS = {
    "result sheet": (result_sheet, render_result_sheet),
    "result sheet, anonymous": (lambda: result_sheet(anonymous=True), render_result_sheet),
    "result sheet, draft": (lambda: result_sheet(draft=True), render_result_sheet),
    "result sheet, incomplete": (lambda: _incomplete(result_sheet()), render_result_sheet),
    "score sheets": (score_sheet_data, render_score_sheets),
    "blank sheets": (blank_sheets, render_blank_sheets),
    "certificates": (certificates, render_certificates),
    "certificate calibration page": (lambda: certificates(text_only=True, dx=1.5), render_calibration),
    "statistics": (stats_data, render_statistics),
    "draw sheet": (lambda: _draw(0), render_draw_sheet),
    "draw sheet, first stage": (lambda: _draw(1), render_draw_sheet),
    "draw sheet, second stage": (lambda: _draw(2), render_draw_sheet),
    "judge groups compared": (_fairness, render_group_fairness),
    "unit feedback report": (_feedback, render_unit_feedback),
}


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_an_english_document_prints_no_chinese_but_the_data(kind: str) -> None:
    make, render = DOCUMENTS[kind]
    data = make()
    text = pdf_text(render(data, lang="en"))
    assert text.strip()
    assert foreign_chinese(text, data) == []


def test_the_chinese_document_still_prints_its_words() -> None:
    data = _incomplete(result_sheet())
    text = pdf_text(render_result_sheet(data, lang="zh"))
    assert "成绩不完整" in text and "成绩公示表" in text


def _cells(book: bytes) -> tuple[str, list[str]]:
    wb = load_workbook(io.BytesIO(book))
    values = [ws.title for ws in wb.worksheets]
    for ws in wb.worksheets:
        values += [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    return str(wb.properties.title), values


@pytest.mark.parametrize("draft", [False, True])
def test_the_english_results_workbook_has_english_headers(draft: bool) -> None:
    data = workbook_data(draft=draft)
    title, values = _cells(write_results_workbook(data, lang="en"))
    assert foreign_chinese("\n".join([title, *values]), data) == []
    assert "Results" in values and "Rank" in values


def test_the_english_feedback_workbook_has_english_headers() -> None:
    data = _feedback()
    title, values = _cells(write_feedback_workbook(data, lang="en"))
    assert foreign_chinese("\n".join([title, *values]), data) == []
    assert title.endswith("Training feedback") and "Units" in values
