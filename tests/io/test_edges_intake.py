"""Issue 14 at import: ID, phone and station numbers in look-alike digits (NFKC, then ASCII digits only), field
length limits, formula cells without cached values, organisers' spellings of the project."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from contest.intake import import_contestants
from contest.intake.idcard import validate_id
from contest.intake.normalise import clean_code, clean_id_number, clean_phone

DAY = date(2026, 5, 20)
ARABIC_INDIC = {str(d): chr(0x0660 + d) for d in range(10)}
DEVANAGARI = {str(d): chr(0x0966 + d) for d in range(10)}
FULLWIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}


def spell(text: str, digits: dict[str, str]) -> str:
    return "".join(digits.get(c, c) for c in text)


def test_look_alike_digits_become_ascii(files) -> None:
    number = files.person_id(4, False)
    for digits in (ARABIC_INDIC, DEVANAGARI, FULLWIDTH):
        assert clean_id_number(spell(number, digits)) == number
        check = validate_id(spell(number, digits), on=DAY)
        assert check.ok and check.number == number
        assert clean_phone(spell("139-1234-5678", digits)) == "13912345678"
        assert clean_code(spell("A-07", digits)) == "A-07"
    # a digit that is not a decimal digit (superscript, circled) is not silently accepted
    assert not validate_id(number[:-2] + "²" + number[-1], on=DAY).ok or number[-2] == "2"
    assert not validate_id(number[:-2] + "①" + number[-1], on=DAY).ok


def test_the_same_id_in_arabic_indic_digits_is_a_duplicate(tmp_path: Path, files) -> None:
    number = files.person_id(4, False)
    rows = [
        files.header,
        [1, "张三", "女", number, "蓬江区社会福利院", "13912345678", "", ""],
        [
            2,
            "张三",
            "女",
            spell(number, ARABIC_INDIC),
            "蓬江区社会福利院",
            spell("13912345678", ARABIC_INDIC),
            "",
            "",
        ],
    ]
    path = files.xlsx(tmp_path / "list.xlsx", rows, text_columns=(4,))
    result = import_contestants(path, contest_date=DAY)
    assert not result.records
    assert any("重复" in p.message for p in result.problems), result.problems


def test_overlong_fields_are_refused_at_their_cell(tmp_path: Path, files) -> None:
    rows = [
        files.header,
        [1, "张三", "女", files.person_id(4, False), "蓬江区" * 200, "13912345678", "", ""],
        [2, "李四", "男", files.person_id(5, True), "蓬江区社会福利院", "13912345679", "", "备注" * 3000],
        [3, "王五", "男", files.person_id(7, True), "蓬江区社会福利院", "13912345670", "", ""],
    ]
    path = files.xlsx(tmp_path / "list.xlsx", rows, text_columns=(4,))
    result = import_contestants(path, contest_date=DAY)
    long = [p for p in result.problems if "太长" in p.message]
    assert {(p.row, p.column) for p in long} == {(2, "E"), (3, "H")}, result.problems
    assert "600" in long[0].message and all(len(p.message) < 500 for p in long)
    assert [r.name for r in result.records] == ["王五"]


def test_a_formula_without_a_cached_value_is_not_called_empty(tmp_path: Path, files) -> None:
    rows = [
        files.header,
        [
            1,
            "张三",
            "女",
            files.person_id(4, False),
            '=CONCATENATE("蓬江区","福利院")',
            "13912345678",
            "",
            "",
        ],
        [2, "李四", "男", files.person_id(5, True), "", "13912345679", "", ""],
    ]
    path = files.xlsx(tmp_path / "list.xlsx", rows, text_columns=(4,))  # openpyxl saves formulas uncalculated
    result = import_contestants(path, contest_date=DAY)
    by_row = {p.row: p.message for p in result.problems}
    assert "公式" in by_row[2] and "WPS" in by_row[2] and "未填写" not in by_row[2], by_row
    assert "未填写" in by_row[3]


def _people(files, projects: list[str]) -> list[list[object]]:
    return [files.header] + [
        [i + 1, f"选手{chr(0x4E00 + i)}", "男", files.person_id(i, True), "蓬江区社会福利院", "", p, ""]
        for i, p in enumerate(projects)
    ]


def test_a_configured_alias_is_the_project(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "list.xlsx", _people(files, ["养老护理", "养老 护理员", "养老护理员"]), text_columns=(4,)
    )
    result = import_contestants(
        path, contest_date=DAY, projects=["养老护理员", "健康照护师"], aliases={"养老护理员": ["养老护理"]}
    )
    assert result.problems == ()
    assert {r.project for r in result.records} == {"养老护理员"}


def test_one_repeated_unknown_project_is_reported_once_with_its_row_count(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "list.xlsx", _people(files, ["养老护理"] * 25 + ["健康照护师"]), text_columns=(4,)
    )
    result = import_contestants(path, contest_date=DAY, projects=["养老护理员", "健康照护师"])
    assert len(result.problems) == 1, result.problems
    p = result.problems[0]
    assert p.row == 2 and p.column == "G" and "25" in p.message and "养老护理" in p.message
    assert [r.source_row for r in result.records] == [
        27
    ]  # only the row without a problem (nothing is stored)


def test_a_single_project_contest_treats_the_column_as_informational(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "list.xlsx", _people(files, ["养老护理"] * 25 + ["养老护理员"]), text_columns=(4,)
    )
    result = import_contestants(path, contest_date=DAY, projects=["养老护理员"])
    assert result.problems == ()
    assert len(result.records) == 26 and {r.project for r in result.records} == {"养老护理员"}
    assert len(result.notes) == 1 and "25" in result.notes[0] and "养老护理" in result.notes[0]


def test_an_overlong_judge_unit_is_refused_at_its_cell(tmp_path: Path, files) -> None:
    from contest.intake import import_judges

    rows = [
        ["编号", "姓名", "工作单位", "角色", "评分模块"],
        ["J01", "周敏", "蓬江区" * 200, "评分裁判", "A"],
        ["J02", "吴志坚", "蓬江区社会福利院", "评分裁判", "A"],
    ]
    result = import_judges(files.xlsx(tmp_path / "judges.xlsx", rows, sheet="裁判"))
    long = [p for p in result.problems if "太长" in p.message]
    assert [(p.row, p.column) for p in long] == [(2, "C")], result.problems
    assert [r.code for r in result.records] == ["J02"]
