"""The annotated copy: problem cells filled red with a comment, a 问题清单 sheet, the original untouched, and
CSV/.ods inputs rebuilt as .xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from contest.intake import RowProblem, annotated_path, import_contestants, write_annotated
from contest.intake.annotate import PROBLEM_COLOR, PROBLEM_SHEET

DAY = date(2026, 5, 20)


def _bad_rows(files) -> list[list[object]]:
    dup = files.person_id(1, False)
    return [
        files.header,
        [1, "甲", "男", files.person_id(0, True), "单位一", "13912345678", "", ""],
        [2, "乙", "男", dup, "单位一", "123", "", ""],  # gender (C), duplicate (D), phone (F)
        [3, "丙", "女", dup, "单位二", "", "", ""],  # duplicate (D)
        [4, "丁", "", None, "单位三", "", "", ""],  # gender and ID missing (C, D)
    ]


def _comments(ws) -> dict[str, str]:
    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment is not None}


def test_annotated_xlsx_has_red_cells_comments_and_a_problem_sheet(tmp_path: Path, files) -> None:
    source = files.xlsx(tmp_path / "报名表.xlsx", _bad_rows(files), title=files.title)
    before = source.read_bytes()
    result = import_contestants(source, contest_date=DAY)
    out = write_annotated(source, result.problems)
    assert out == annotated_path(source) == tmp_path / "报名表.问题标注.xlsx"
    assert source.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报名表", PROBLEM_SHEET]
    assert wb.active is not None and wb.active.title == PROBLEM_SHEET
    ws = wb["报名表"]
    comments = _comments(ws)
    expected = {f"{p.column}{p.row}" for p in result.problems}
    assert set(comments) == expected == {"C4", "D4", "F4", "D5", "C6", "D6"}  # a title row sits above
    for coord in expected:
        assert ws[coord].fill.fgColor.rgb == PROBLEM_COLOR
    assert ws["B3"].fill.fgColor.rgb != PROBLEM_COLOR
    assert "第 17 位" in comments["C4"]
    assert "重复" in comments["D4"] and "重复" in comments["D5"]
    assert ws["A1"].value == files.title and "A1:H1" in {str(r) for r in ws.merged_cells.ranges}
    listing = list(wb[PROBLEM_SHEET].iter_rows(values_only=True))
    assert listing[0] == ("工作表", "行", "列", "字段", "值", "问题")
    assert len(listing) == 1 + len(result.problems)
    rows = {(r[1], r[2]): r for r in listing[1:]}
    assert rows[(4, "F")][:5] == ("报名表", 4, "F", "联系电话", "123")
    assert wb[PROBLEM_SHEET]["B2"].hyperlink is not None


def test_two_problems_in_one_cell_share_a_comment(tmp_path: Path, files) -> None:
    source = files.xlsx(tmp_path / "t.xlsx", [files.header, *files.good_rows(1)])
    problems = [
        RowProblem("t.xlsx", "报名表", 2, "B", "name", "测试甲", "第一个问题"),
        RowProblem("t.xlsx", "报名表", 2, "B", "name", "测试甲", "第二个问题"),
        RowProblem("t.xlsx", "", None, "", "", "", "整个文件的问题"),
    ]
    out = write_annotated(source, problems, tmp_path / "out" / "标注.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb["报名表"]["B2"].comment.text == "第一个问题\n第二个问题"
    assert wb[PROBLEM_SHEET].max_row == 4


def test_csv_is_rebuilt_as_xlsx(tmp_path: Path, files) -> None:
    source = files.csv(tmp_path / "报名.csv", _bad_rows(files), "gbk")
    result = import_contestants(source, contest_date=DAY)
    out = write_annotated(source, result.problems)
    assert out.suffix == ".xlsx"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["数据", PROBLEM_SHEET]
    ws = wb["数据"]
    assert ws["B2"].value == "甲"
    assert ws["D3"].value == files.person_id(1, False)  # kept as text, all 18 characters
    assert set(_comments(ws)) == {"C3", "D3", "F3", "D4", "C5", "D5"}
    assert ws["C3"].fill.fgColor.rgb == PROBLEM_COLOR


def test_ods_is_rebuilt_as_xlsx(tmp_path: Path, files) -> None:
    source = files.ods(tmp_path / "报名.ods", _bad_rows(files))
    result = import_contestants(source, contest_date=DAY)
    wb = openpyxl.load_workbook(write_annotated(source, result.problems))
    assert wb.sheetnames == ["报名表", PROBLEM_SHEET]
    assert "C3" in _comments(wb["报名表"])


def test_unreadable_file_still_gets_a_problem_list(tmp_path: Path) -> None:
    source = tmp_path / "坏.xlsx"
    source.write_bytes(b"%PDF-1.4")
    result = import_contestants(source)
    wb = openpyxl.load_workbook(write_annotated(source, result.problems))
    assert PROBLEM_SHEET in wb.sheetnames
    assert "PDF" in wb[PROBLEM_SHEET]["F2"].value


def test_refuses_to_overwrite_the_original(tmp_path: Path, files) -> None:
    source = files.xlsx(tmp_path / "t.xlsx", [files.header])
    with pytest.raises(ValueError, match="overwrite"):
        write_annotated(source, [], source)
