"""Sheets officials sign (issue 16): the 评分汇总表 names the chief judge and has 统分员, 复核 and 监督 lines; the
blank sheet says 统分员 too and its 裁判编号 blank stays clear of the scenario text; the award-stability table keeps
its headers readable with many judges."""

from __future__ import annotations

import dataclasses
import io
import re

from pypdf import PdfReader
from test_printing_samples import blank_sheets, score_sheet_data, stats_data

from contest.printing import render_blank_sheets, render_score_sheets, render_statistics
from contest.printing.pages import StabilityRow, StabilityTable


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_score_summary_sheet_is_signed_by_the_chief_judge_by_name_and_the_scorer_checker_supervisor() -> None:
    data = dataclasses.replace(score_sheet_data(stations=1), chief_judge="王建国", supervisor="李监督")
    text = _flat("".join(_pages(render_score_sheets(data))))
    assert "评分汇总表" in text
    for line in ("裁判长（签字）：王建国", "统分员（签字）：", "复核（签字）：", "监督（签字）：李监督"):
        assert line in text
    assert "核分员" not in text


def test_blank_sheet_says_scorer_and_its_judge_code_blank_stays_clear_of_the_scenario() -> None:
    pdf = render_blank_sheets(blank_sheets())
    text = "".join(_pages(pdf))
    assert "统分员（签字）" in text and "核分员" not in text
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    # where the 裁判编号 underline is drawn, and where the scenario's first line is
    ctm, stack, start, rules, lines = [1.0, 0, 0, 1.0, 0, 0], [], None, [], []

    def before(op: bytes, args: list, cm: list, tm: list) -> None:  # type: ignore[type-arg]
        nonlocal ctm, start
        if op == b"q":
            stack.append(list(ctm))
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            a = [float(x) for x in args]
            ctm = [
                a[0] * ctm[0] + a[1] * ctm[2],
                a[0] * ctm[1] + a[1] * ctm[3],
                a[2] * ctm[0] + a[3] * ctm[2],
                a[2] * ctm[1] + a[3] * ctm[3],
                a[4] * ctm[0] + a[5] * ctm[2] + ctm[4],
                a[4] * ctm[1] + a[5] * ctm[3] + ctm[5],
            ]
        elif op == b"m":
            start = (float(args[0]), float(args[1]))
        elif op == b"l" and start and abs(float(args[1]) - start[1]) < 0.01:
            rules.append(ctm[3] * start[1] + ctm[5])

    def seen(text: str, cm: list, tm: list, font: object, size: float) -> None:  # type: ignore[type-arg]
        if text.strip():
            lines.append((text, tm[5] * cm[3] + cm[5], size))

    page.extract_text(visitor_operand_before=before, visitor_text=seen)
    code_y = next(y for t, y, _ in lines if t.startswith("裁判编号"))
    scenario_y, size = next((y, s) for t, y, s in lines if t.startswith("情境"))
    underline = max(y for y in rules if y < code_y)  # the blank's rule under the 裁判编号 line
    assert underline - (scenario_y + size) >= 2, (underline, scenario_y, size)


def test_award_stability_headers_stay_readable_with_many_judges() -> None:
    columns = tuple(f"去掉裁判 J{k:02d}" for k in range(1, 21)) + ("改用 按评分项取中位数",)
    rows = (StabilityRow("李龘", "一等奖", tuple("一等奖" if k % 3 else "二等奖" for k in range(21))),)
    data = dataclasses.replace(stats_data(), stability=StabilityTable(columns, rows, "共 21 种情形"))
    text = "".join(_pages(render_statistics(data)))
    for col in columns:
        assert col in text  # a header is never stacked one character per line
