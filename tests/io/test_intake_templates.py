"""Templates: expected headers, text-formatted ID and phone columns, drop-downs, frozen header, 填写说明, and a
filled-in template that imports cleanly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from contest.intake import import_contestants, import_judges, write_template
from contest.intake.templates import INSTRUCTIONS_SHEET, LISTS_SHEET


def _validations(ws) -> dict[str, object]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[str(rng).split(":")[0]] = dv
    return out


def test_contestant_template(tmp_path: Path) -> None:
    path = write_template("contestants", tmp_path / "报名模板.xlsx", projects=("生活照护", "基础照护"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["报名表", INSTRUCTIONS_SHEET]
    ws = wb["报名表"]
    assert [c.value for c in ws[1]] == [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "工作单位",
        "联系电话",
        "参赛项目",
        "备注",
    ]
    assert ws.freeze_panes == "A2"
    assert ws["D2"].number_format == "@" and ws["D501"].number_format == "@"
    assert ws["F2"].number_format == "@"
    assert ws["B2"].number_format == "General"
    dvs = _validations(ws)
    assert dvs["C2"].type == "list" and dvs["C2"].formula1 == '"男,女"'
    assert dvs["G2"].type == "list" and dvs["G2"].formula1 == '"生活照护,基础照护"'
    assert dvs["D2"].type == "textLength" and dvs["D2"].formula1 == "18"
    assert ws.column_dimensions["D"].width >= 20
    notes = " ".join(str(c.value) for c in wb[INSTRUCTIONS_SHEET]["A"] if c.value)
    assert "文本" in notes and "15 位有效数字" in notes


def test_long_project_lists_go_to_a_hidden_sheet(tmp_path: Path) -> None:
    projects = tuple(f"项目{i:02d}——很长的名称用于测试" for i in range(30))
    wb = openpyxl.load_workbook(write_template("contestants", tmp_path / "t.xlsx", projects))
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert _validations(wb["报名表"])["G2"].formula1 == f"'{LISTS_SHEET}'!$A$1:$A$30"


def test_filled_contestant_template_imports(tmp_path: Path, files) -> None:
    path = write_template("contestants", tmp_path / "报名模板.xlsx", projects=("生活照护",))
    wb = openpyxl.load_workbook(path)
    ws = wb["报名表"]
    for i, row in enumerate(files.good_rows(3), start=2):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j).value = v
    wb.save(path)
    result = import_contestants(path, contest_date=date(2026, 5, 20), projects=("生活照护",))
    assert result.problems == ()
    assert len(result.records) == 3


def test_judge_template(tmp_path: Path) -> None:
    path = write_template("judges", tmp_path / "裁判模板.xlsx", modules=("A", "B"))
    wb = openpyxl.load_workbook(path)
    ws = wb["裁判名单"]
    assert [c.value for c in ws[1]] == [
        "序号",
        "编号",
        "姓名",
        "工作单位",
        "角色",
        "评分模块",
        "联系电话",
        "备注",
    ]
    assert ws["B2"].number_format == "@"
    assert "评分裁判" in _validations(ws)["E2"].prompt
    ws.append([1, "J01", "评委甲", "医院", "评分裁判", "A"])
    wb.save(path)
    assert import_judges(path, modules=("A", "B")).ok


def test_answer_templates(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template("answers", tmp_path / "答案.xlsx"))
    ws = wb["答案"]
    assert [c.value for c in ws[1]] == ["题号", "题型", "答案", "模块", "子领域"]
    assert _validations(ws)["B2"].formula1 == '"单选,多选,判断"'
    scores = openpyxl.load_workbook(write_template("theory_scores", tmp_path / "成绩.xlsx"))
    assert [c.value for c in scores["理论成绩"][1]] == ["序号", "赛位号", "身份证号", "理论成绩"]
    with pytest.raises(ValueError, match="blueprint"):
        write_template("answer_sheets", tmp_path / "答题.xlsx")
    with pytest.raises(ValueError, match="unknown"):
        write_template("nonsense", tmp_path / "x.xlsx")  # type: ignore[arg-type]
