"""Issue 19: the 以赛促训 workbook (every unit) stores user text as text — a unit named like a formula, a rule text
starting with ``=`` — and its rates as whole percentages matching the reports (hand-made contest of
tests/unit/test_feedback.py: 甲校 A1 69 % against the field's 85 %)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from contest.export_feedback import write_feedback_workbook
from contest.printing.feedback_pages import UnitFeedbackData, UnitReport, UnitResultLine
from contest.printing.pages import DocHeader
from contest.services.feedback import feedback_rules
from scoresheets.feedback import unit_feedback
from tests.unit.test_feedback import UNITS, _marks

EVIL = '=HYPERLINK("http://x","点我")'


def test_formula_like_text_stays_text_and_rates_match(tmp_path: Path) -> None:
    units = {c: (EVIL if u == "甲校" else u) for c, u in UNITS.items()}
    fb = unit_feedback(_marks(), units, 3)
    data = UnitFeedbackData(
        header=DocHeader("测试竞赛", "", datetime(2026, 5, 20, tzinfo=UTC), "ab" * 32),
        module_codes=("A",),
        reports=tuple(
            UnitReport(u, (UnitResultLine("-选手", 1, None, (None,), None, "@奖"),), fb[u])
            for u in sorted(fb)
        ),
        min_count=3,
        rules=feedback_rules(3),
    )
    out = tmp_path / "fb.xlsx"
    write_feedback_workbook(data, out)
    wb = load_workbook(out)
    seen = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.value == EVIL:
                    seen = True
                    assert cell.quotePrefix
    assert seen
    items = [
        r for r in wb["评分项得分率"].iter_rows(min_row=2, values_only=True) if r[0] == EVIL and r[4] == "A1"
    ]
    assert items[0][7:10] == (69, 85, -16)
    over = {r[0]: r for r in wb["单位汇总"].iter_rows(min_row=2, values_only=True)}
    assert over["丙校"][1] == "合并：丁校、丙校" and over["丙校"][2] == 3
