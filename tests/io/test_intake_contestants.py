"""The contestant list: synonyms and shuffled columns, messy cells cleaned, and every problem in the file reported
at once with its row, column letter, header and advice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from contest.intake import ContestantRecord, RowProblem, import_contestants, match_key
from contest.intake.idcard import check_char, make_valid_id
from contest.intake.reader import TableRow

DAY = date(2026, 5, 20)


def _by_cell(problems: tuple[RowProblem, ...]) -> dict[tuple[int | None, str], list[str]]:
    out: dict[tuple[int | None, str], list[str]] = {}
    for p in problems:
        out.setdefault((p.row, p.column), []).append(p.message)
    return out


def test_clean_file_imports_every_row(contestants_xlsx: Path, files) -> None:
    result = import_contestants(contestants_xlsx, contest_date=DAY, projects=["生活照护", "基础照护"])
    assert result.problems == ()
    assert result.ok
    assert result.sheet == "报名表"
    assert result.header_row == 2
    assert len(result.records) == 3
    first = result.records[0]
    assert first == ContestantRecord(
        name="测试甲",
        gender="男",
        id_number=files.person_id(0, True),
        unit="蓬江区社会福利院",
        phone="13912340000",
        project="生活照护",
        note="",
        source_row=3,
    )


def test_synonyms_shuffled_columns_and_messy_cells(tmp_path: Path, files) -> None:
    male_id = files.person_id(3, True)
    female_x = next(
        make_valid_id("440703", date(1990, 6, d), s, False)
        for d in range(1, 29)
        for s in range(30)
        if make_valid_id("440703", date(1990, 6, d), s, False).endswith("X")
    )
    full_width = male_id.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows = [
        ["备注", "手机号码", "所在单位", "公民身份号码", "名字", "性别", "组别", "序号"],
        [
            "",
            "+86 139-1234-5678",
            "\u3000蓬江区\u00a0社会福利院 ",
            full_width,
            "张\u3000三",
            "男",
            "基础照护",
            1,
        ],
        [
            "队长",
            "0750－3201234",
            "江门市颐康养老中心",
            female_x.lower(),
            "\u200e李四",
            "女性",
            " 生活照护 ",
            2,
        ],
    ]
    path = files.xlsx(tmp_path / "乱序.xlsx", rows, title=files.title)
    result = import_contestants(path, contest_date=DAY, projects=["生活照护", "基础照护"])
    assert result.problems == ()
    a, b = result.records
    assert (a.name, a.gender, a.id_number, a.unit, a.phone, a.project) == (
        "张三",
        "男",
        male_id,
        "蓬江区 社会福利院",
        "13912345678",
        "基础照护",
    )
    assert (b.name, b.gender, b.id_number, b.phone, b.project, b.note) == (
        "李四",
        "女",
        female_x,
        "07503201234",
        "生活照护",
        "队长",
    )


def test_explicit_mapping_by_header_and_letter(tmp_path: Path, files) -> None:
    rows = [
        ["选手", "男女", "证号", "来自", "其他"],
        ["王五", "男", files.person_id(5, True), "白沙街道长者服务站", "x"],
    ]
    path = files.xlsx(tmp_path / "t.xlsx", rows)
    mapping = {"姓名": "选手", "gender": "B", "id_number": "证号", "unit": "D"}
    result = import_contestants(path, mapping=mapping, header_row=1, contest_date=DAY)
    assert result.problems == ()
    assert result.records[0].name == "王五"
    assert result.records[0].unit == "白沙街道长者服务站"
    bad = import_contestants(path, mapping={"姓名": "不存在", "年龄": "B"}, header_row=1, contest_date=DAY)
    text = " ".join(str(p) for p in bad.problems)
    assert "不存在" in text and "年龄" in text


def test_missing_required_column_is_reported_once_at_the_header(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "t.xlsx", [["姓名", "性别", "工作单位"], ["张三", "男", "福利院"]], title="标题"
    )
    result = import_contestants(path, contest_date=DAY)
    assert len(result.problems) == 1
    p = result.problems[0]
    assert p.row == 2 and p.column == "" and p.field == "id_number"
    assert "缺少“身份证号”列" in p.message and "证件号码" in p.message
    assert result.records == ()


def test_every_problem_is_reported_at_once(tmp_path: Path, files) -> None:
    ok = files.person_id(0, True)
    dup = files.person_id(1, False)
    wrong_check = ok[:-1] + ("1" if ok[-1] != "1" else "2")
    bad_birth_17 = "44070319851340001"
    bad_birth = bad_birth_17 + check_char(bad_birth_17)
    rows = [
        files.header,
        [1, "甲", "男", ok, "单位一", "13912345678", "", ""],  # row 3: fine
        [2, "乙", "男", wrong_check, "单位一", "", "", ""],  # row 4: check digit (D)
        [3, "丙", "男", bad_birth, "单位二", "", "", ""],  # row 5: birth date (D)
        [4, "丁", "男", dup, "单位二", "", "", ""],  # row 6: gender contradicts ID (C), duplicate (D)
        [5, "戊", "女", dup, "单位三", "1391234567", "", ""],  # row 7: duplicate (D), phone (F)
        [6, None, None, None, None, None, None, None],  # row 8: only 序号 → skipped
        [7, "己", "", None, "", None, None, None],  # row 9: partly empty → C, D, E missing
        [None, None, None, None, None, None, None, None],  # row 10: fully empty → skipped
        [9, "庚", "女", float(files.person_id(9, False)), "单位四", "", "", ""],  # row 11: number ID (D)
    ]
    path = files.xlsx(tmp_path / "五处错误.xlsx", rows, title=files.title)
    result = import_contestants(path, contest_date=DAY)
    cells = _by_cell(result.problems)
    assert set(cells) == {
        (4, "D"),
        (5, "D"),
        (6, "C"),
        (6, "D"),
        (7, "D"),
        (7, "F"),
        (9, "C"),
        (9, "D"),
        (9, "E"),
        (11, "D"),
    }
    assert len(result.problems) >= 5
    assert "校验位" in cells[(4, "D")][0]
    assert "出生日期" in " ".join(cells[(5, "D")])
    assert "第 17 位" in cells[(6, "C")][0]
    assert "与第 7 行重复" in cells[(6, "D")][0]
    assert "与第 6 行重复" in cells[(7, "D")][0]
    assert "手机号" in cells[(7, "F")][0]
    assert "未填写" in cells[(9, "E")][0]
    assert "15 位有效数字" in cells[(11, "D")][0]
    assert [r.source_row for r in result.records] == [3]
    # problems come in reading order
    assert [p.row for p in result.problems] == sorted(p.row or 0 for p in result.problems)
    located = next(p for p in result.problems if (p.row, p.column) == (4, "D"))
    assert str(located).startswith("文件 五处错误.xlsx，工作表 报名表，第 4 行，D 列（身份证号）：")
    assert located.value == wrong_check
    assert located.field == "id_number"
    assert located.header == "身份证号"


def test_gender_missing_says_what_the_id_implies(tmp_path: Path, files) -> None:
    rows = [files.header, [1, "甲", None, files.person_id(2, False), "单位", None, None, None]]
    result = import_contestants(files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY)
    assert len(result.problems) == 1
    assert "应为“女”" in result.problems[0].message


@pytest.mark.parametrize(("gender", "ok"), [("M", True), ("男性", True), (1, True), ("未知", False)])
def test_gender_spellings(tmp_path: Path, files, gender: object, ok: bool) -> None:
    rows = [files.header, [1, "甲", gender, files.person_id(2, True), "单位", None, None, None]]
    result = import_contestants(files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY)
    assert result.ok is ok
    if ok:
        assert result.records[0].gender == "男"


@pytest.mark.parametrize(
    ("phone", "advice"),
    [
        ("3201234", "区号"),
        ("12345678901", "手机号"),
        ("13912345678、13812345678", "只填一个号码"),
        ("0750-3201234", None),
    ],
)
def test_phone_checks(tmp_path: Path, files, phone: str, advice: str | None) -> None:
    rows = [files.header, [1, "甲", "男", files.person_id(2, True), "单位", phone, None, None]]
    result = import_contestants(files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY)
    if advice is None:
        assert result.ok
    else:
        assert [(p.column, advice in p.message) for p in result.problems] == [("F", True)]


def test_unknown_project_lists_the_allowed_ones(tmp_path: Path, files) -> None:
    rows = [files.header, [1, "甲", "男", files.person_id(2, True), "单位", None, "插花", None]]
    result = import_contestants(
        files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY, projects=["生活照护", "基础照护"]
    )
    assert result.problems[0].column == "G"
    assert "生活照护" in result.problems[0].message
    # with a single project the column is informational (issue 14): imported under that project, with a note
    single = import_contestants(
        files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY, projects=["生活照护"]
    )
    assert single.ok and single.records[0].project == "生活照护" and "插花" in single.notes[0]


def test_age_uses_the_contest_date(tmp_path: Path, files) -> None:
    young = make_valid_id("440703", date(2010, 6, 1), 3, True)
    rows = [files.header, [1, "甲", "男", young, "单位", None, None, None]]
    path = files.xlsx(tmp_path / "t.xlsx", rows)
    assert not import_contestants(path, contest_date=DAY).ok  # 15 on 2026-05-20
    assert import_contestants(path, contest_date=date(2026, 6, 1)).ok  # 16 that day


def test_english_messages(tmp_path: Path, files) -> None:
    rows = [files.header, [1, "甲", "女", files.person_id(2, True), "", None, None, None]]
    result = import_contestants(files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY, lang="en")
    texts = [str(p) for p in result.problems]
    assert any("17th digit" in t for t in texts)
    assert any(t.startswith("File t.xlsx, sheet 报名表, row 2, column E (工作单位): ") for t in texts)


def test_csv_import_with_gbk(tmp_path: Path, files) -> None:
    path = files.csv(tmp_path / "报名.csv", [[files.title], files.header, *files.good_rows(3)], "gbk")
    result = import_contestants(path, contest_date=DAY)
    assert result.problems == ()
    assert [r.source_row for r in result.records] == [3, 4, 5]
    assert result.sheet == ""


def test_unreadable_file_returns_problems_not_exceptions(tmp_path: Path) -> None:
    path = tmp_path / "报名.xlsx"
    path.write_bytes(b"%PDF-1.7\n")
    result = import_contestants(path, contest_date=DAY)
    assert result.records == () and result.header_row == 0
    assert "PDF" in str(result.problems[0])


def test_two_columns_for_one_field_is_a_header_problem(tmp_path: Path, files) -> None:
    rows = [
        ["姓名", "名字", "性别", "身份证号", "单位"],
        ["甲", "甲", "男", files.person_id(2, True), "单位"],
    ]
    result = import_contestants(files.xlsx(tmp_path / "t.xlsx", rows), contest_date=DAY)
    assert [(p.row, p.column) for p in result.problems] == [(1, "B")]
    assert "A、B" in result.problems[0].message


def test_match_key_for_comparing_units() -> None:
    assert (
        match_key("蓬江区 社会福利院") == match_key("蓬江区社会福利院\u3000") == match_key("蓬江区社会福利院")
    )


def _varied_rows(files: Any, n: int) -> list[list[object]]:
    """Rows mixing clean cells with every kind of messy or wrong one, in many combinations."""
    ids = [
        files.person_id(i % 500, i % 2 == 0, date(1960 + i % 45, 1 + i % 12, 1 + i % 28)) for i in range(n)
    ]
    names: list[object] = [
        "张三",
        "李四",
        "张 三",
        "张\u3000三",
        "Mary Jane",
        "玛丽·居里",
        "李4",
        "王😀",
        "𠮷田",
    ]
    names += ["㐀㐁", "龘", "甲" * 50, "甲" * 51, "", None, 123, " 王五", "王五 ", "ｗａｎｇ"]
    genders: list[object] = ["男", "女", "男性", "m", "1", 1, "", None, "x", "女 "]
    units: list[object] = [
        "蓬江区社会福利院",
        " 蓬江区 ",
        "Ｆｕｌｌ院",
        "٤号院",
        "院" * 61,
        "",
        None,
        123,
        "A  B",
    ]
    phones: list[object] = ["13912345678", "139 1234 5678", 13912345678, "12345", "0750-3201234", "", None]
    phones += ["１３９１２３４５６７８", "+8613912345678", "3201234"]
    projects: list[object] = [
        "生活照护",
        "基础照护",
        "其他",
        " 生活照护 ",
        "生活照护",
        None,
        "项" * 41,
        "基础 照护",
    ]
    notes: list[object] = ["", "备注", "注" * 201, None, "队长", 7]
    rows: list[list[object]] = []
    for i in range(n):
        number: object = ids[i]
        kind = i % 23
        if kind == 3:
            number = ids[i].lower()
        elif kind == 5:
            number = " " + ids[i]
        elif kind == 7:
            number = int(ids[i][:17])
        elif kind == 11:
            number = ids[i][:17] + ("0" if ids[i][17] != "0" else "1")
        elif kind == 13:
            number = ids[i - 1]  # a duplicate
        elif kind == 17:
            number = ""
        elif kind == 19:
            number = files.person_id(1, True, date(2015, 1, 1))  # too young
        male = int(ids[i][16]) % 2 == 1
        gender = ("男" if male else "女") if i % 3 else genders[i % len(genders)]
        rows.append(
            [
                i + 1,
                names[i % len(names)] if i % 2 else "测试" + "甲乙丙丁戊己庚辛壬癸"[i % 10],
                gender,
                number,
                units[i % len(units)] if i % 4 == 0 else "蓬江区社会福利院",
                phones[i % len(phones)] if i % 5 == 0 else f"1391234{i:04d}",
                projects[i % len(projects)],
                notes[i % len(notes)],
            ]
        )
    return rows


@pytest.mark.parametrize("projects", [["生活照护", "基础照护"], ["生活照护"], None])
def test_the_common_path_changes_no_result(
    tmp_path: Path, files: Any, monkeypatch: pytest.MonkeyPatch, projects: list[str] | None
) -> None:
    # Rows of clean, valid cells skip the full checks (contestants._CommonRows): the result must be exactly the
    # one the full checks give (records, every problem and its location and message, notes), for clean and
    # messy rows alike, with and without the optional columns, from a workbook and from a CSV file.
    from contest.intake import contestants

    rows = _varied_rows(files, 460)
    without_optional = [[r[0], r[1], r[2], r[3], r[4]] for r in [files.header, *rows]]
    paths = [
        files.xlsx(tmp_path / "a.xlsx", [files.header, *rows], title=files.title, text_columns=(4,)),
        files.xlsx(tmp_path / "b.xlsx", without_optional),
        files.csv(tmp_path / "c.csv", [files.header, *rows], "utf-8-sig"),
    ]
    taken = 0
    common = contestants._CommonRows.record

    def counting(self: contestants._CommonRows, row: TableRow) -> ContestantRecord | None:
        nonlocal taken
        record = common(self, row)
        taken += record is not None
        return record

    for path in paths:
        for lang in ("zh", "en"):
            monkeypatch.setattr(contestants._CommonRows, "record", counting)
            fast = import_contestants(path, contest_date=DAY, projects=projects, lang=lang)
            monkeypatch.setattr(contestants._CommonRows, "record", lambda self, row: None)
            full = import_contestants(path, contest_date=DAY, projects=projects, lang=lang)
            assert fast == full
            assert full.problems and full.records or path.name == "b.xlsx"
    assert taken > 300  # the common path was taken (for most clean rows)


def test_the_common_name_pattern_holds_only_letters_clean_name_keeps() -> None:
    import unicodedata

    from contest.intake.contestants import _CJK_NAME, name_symbols
    from contest.intake.normalise import clean_name

    chars = [chr(c) for c in range(0x3400, 0xA000) if _CJK_NAME.fullmatch(chr(c))]
    assert len(chars) == 0x4DC0 - 0x3400 + 0xA000 - 0x4E00
    for ch in chars:
        assert unicodedata.category(ch) == "Lo" and not ch.isdigit() and clean_name(ch) == ch, hex(ord(ch))
    assert name_symbols("".join(chars)) == ""
