"""The judges list: codes, Chinese role names, module lists, and every problem located."""

from __future__ import annotations

from pathlib import Path

from contest.intake import JudgeRecord, import_judges
from contest.intake.judges import parse_modules, parse_roles

HEADER = ["序号", "裁判编号", "姓名", "单位", "角色", "评分模块"]


def test_roles_and_modules_are_parsed(tmp_path: Path, files) -> None:
    rows = [
        HEADER,
        [1, "j01", "评委甲", "江门市人民医院", "评分裁判", "A、B"],
        [2, "J02", "评委乙", "江门职业技术学院", "裁判长，监督", None],
        [3, "Ｊ０３", "评委丙", "蓬江区民政局", "赛务/加密裁判 统分", ""],
        [4, "J04", "评委丁", "五邑大学", "仲裁、记分员、组织者", None],
    ]
    path = files.xlsx(tmp_path / "裁判.xlsx", rows, sheet="裁判名单", title="裁判名单")
    result = import_judges(path, modules=["A", "B", "C"])
    assert result.problems == ()
    assert result.records[0] == JudgeRecord(
        code="J01",
        name="评委甲",
        unit="江门市人民医院",
        roles=("marking",),
        modules=("A", "B"),
        source_row=3,
    )
    assert result.records[1].roles == ("chief", "supervisor")
    assert result.records[2].code == "J03"
    assert result.records[2].roles == ("organiser", "encryption", "clerk")
    assert result.records[3].roles == ("arbitration", "clerk", "organiser")  # 仲裁 is the 仲裁组 (issue 15)


def test_problems_are_located(tmp_path: Path, files) -> None:
    rows = [
        HEADER,
        [1, "J01", "评委甲", "医院", "评分裁判", "A"],
        [2, "J01", "评委乙", "学院", "评分裁判", None],  # dup code (B3 and B2), no module (F3)
        [3, "J 03!", "评委丙", "", "校长", "Z"],  # code (B4), unit missing (D4), role (E4), module (F4)
    ]
    result = import_judges(files.xlsx(tmp_path / "t.xlsx", rows), modules=["A", "B"])
    cells = {(p.row, p.column): p.message for p in result.problems}
    assert set(cells) == {(2, "B"), (3, "B"), (3, "F"), (4, "B"), (4, "D"), (4, "E"), (4, "F")}
    assert "第 3 行" in cells[(2, "B")] and "第 2 行" in cells[(3, "B")]
    assert "评分模块" in cells[(3, "F")]
    assert "“校长”" in cells[(4, "E")] and "裁判长" in cells[(4, "E")]
    assert "“Z”" in cells[(4, "F")] and "A、B" in cells[(4, "F")]
    assert result.records == ()


def test_parse_helpers() -> None:
    assert parse_roles("评分裁判、 裁判长;chief") == (("marking", "chief"), [])
    assert parse_roles("评分裁判/副组长") == (("marking",), ["副组长"])
    assert parse_roles("仲裁组成员、Arbitrator") == (("arbitration",), [])
    assert parse_roles("监督仲裁") == (("supervisor",), [])
    assert parse_modules("a、B,a ／c") == ("A", "B", "C")


def test_a_judge_group_column_is_read_and_only_marking_judges_have_groups(tmp_path: Path, files) -> None:
    rows = [
        [*HEADER, "评分组"],
        [1, "J01", "评委甲", "江门市人民医院", "评分裁判", "A", "第1组"],
        [2, "J02", "评委乙", "五邑大学", "评分裁判", "A", " 2 "],
        [3, "C01", "评委丙", "蓬江区民政局", "裁判长", None, "1"],
    ]
    path = files.xlsx(tmp_path / "裁判.xlsx", rows, sheet="裁判名单", title="裁判名单")
    result = import_judges(path, modules=["A"])
    assert [(p.row, p.column, p.field) for p in result.problems] == [(5, "G", "group")]
    assert "只有评分裁判分评分组" in result.problems[0].message
    assert [(r.code, r.group) for r in result.records] == [("J01", "第1组"), ("J02", "2")]
