"""Theory intake: answer key bound to the blueprint, answer sheets (wide and long), auto-marking with the
multiple-choice rule, and directly imported theory scores. Every score is a Decimal."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from contest.intake import (
    answer_key,
    import_theory_scores,
    mark_answers,
    normalise_answer,
    read_answer_key,
    read_answer_sheets,
    write_template,
)
from contest.intake.idcard import make_valid_id
from contest.intake.theory import DRAW
from rubrics import library_dir, load_file
from rubrics.model import (
    MultipleRule,
    QuestionGroup,
    QuestionType,
    SubArea,
    Text,
    TheoryBlueprint,
    TheorySection,
)

D = Decimal
S, M, TF = QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE

# A 9-point paper: 职业道德 (2 单选 ×1, 2 判断 ×1) and 相关知识 (2 多选 ×2 in 生活照护, 1 单选 ×1 in 康复服务).
BLUEPRINT = TheoryBlueprint(
    id="tiny",
    title=Text("小卷"),
    standard="",
    duration_minutes=10,
    max_points=D(9),
    multiple_rule=MultipleRule.ALL_OR_NOTHING,
    sections=(
        TheorySection(
            "ethics",
            Text("职业道德"),
            (SubArea("code", Text("职业守则"), (QuestionGroup(S, 2, D(1)), QuestionGroup(TF, 2, D(1)))),),
        ),
        TheorySection(
            "related",
            Text("相关知识"),
            (
                SubArea("daily", Text("生活照护"), (QuestionGroup(M, 2, D(2)),)),
                SubArea("rehab", Text("康复服务"), (QuestionGroup(S, 1, D(1)),)),
            ),
        ),
    ),
)
KEY_HEADER = ["题号", "题型", "答案", "模块", "子领域"]
KEY_ROWS = [
    [1, "单选", "B", "职业道德", "职业守则"],
    [2, "单选题", "d", "ethics", "code"],
    [3, "判断", "对", "职业道德", None],  # the section has one sub-area, so it may be left out
    [4, "判断题", "×", "职业道德", "职业守则"],
    [5, "多选", "A,C,D", "相关知识", "生活照护"],
    [6, "多项选择题", "c b", "相关知识", "生活照护"],
    [7, "单选", "A", "相关知识", "康复服务"],
]


@pytest.fixture
def key_xlsx(tmp_path: Path, files) -> Path:
    return files.xlsx(tmp_path / "答案.xlsx", [KEY_HEADER, *KEY_ROWS], sheet="答案", title="理论答案")


def _key(path: Path):
    result = read_answer_key(path, BLUEPRINT)
    assert result.problems == (), [str(p) for p in result.problems]
    return answer_key(BLUEPRINT, result.records)


def test_answer_key_is_normalised_and_bound_to_the_blueprint(key_xlsx: Path) -> None:
    key = _key(key_xlsx)
    assert [(q.number, q.type, q.answer, q.section, q.subarea, q.points) for q in key.questions] == [
        (1, S, "B", "ethics", "code", D(1)),
        (2, S, "D", "ethics", "code", D(1)),
        (3, TF, "T", "ethics", "code", D(1)),
        (4, TF, "F", "ethics", "code", D(1)),
        (5, M, "ACD", "related", "daily", D(2)),
        (6, M, "BC", "related", "daily", D(2)),
        (7, S, "A", "related", "rehab", D(1)),
    ]
    assert key.max_points == D(9)
    assert key.sections == ("ethics", "related")


@pytest.mark.parametrize(
    ("raw", "qtype", "want"),
    [
        ("a", S, "A"),
        ("Ｂ", S, "B"),
        ("A,C,D", M, "ACD"),
        ("a c d", M, "ACD"),
        ("D、A，C", M, "ACD"),
        ("√", TF, "T"),
        ("×", TF, "F"),
        ("正确", TF, "T"),
        ("错误", TF, "F"),
        ("t", TF, "T"),
        (False, TF, "F"),
        (None, M, ""),
        ("  ", S, ""),
        ("G", S, None),
        ("也许", TF, None),
    ],
)
def test_normalise_answer(raw: object, qtype: QuestionType, want: str | None) -> None:
    assert normalise_answer(raw, qtype) == want  # type: ignore[arg-type]


def _sheets(tmp_path: Path, files, key):
    rows = [
        ["赛位号", "姓名", 1, 2, 3, 4, 5, 6, 7],
        ["01", "（不导入）", "b", "C", "√", "T", "A,C", "bc", "A"],
        ["02", None, None, None, None, None, "ABD", "B", None],
    ]
    result = read_answer_sheets(files.xlsx(tmp_path / "答题.xlsx", rows, sheet="答题"), key)
    assert result.problems == (), [str(p) for p in result.problems]
    return result.records


def test_hand_worked_marking_all_or_nothing_and_partial(tmp_path: Path, key_xlsx: Path, files) -> None:
    """Contestant 01: q1 B ✓1, q2 C ✗0, q3 对 ✓1, q4 对 ✗0, q5 AC (subset of ACD), q6 BC ✓2, q7 A ✓1.
    all_or_nothing: 1+0+1+0+0+2+1 = 5 (职业道德 2, 相关知识 3); partial: q5 = 2/2 = 1 → 6 (相关知识 4).
    Contestant 02: q5 ABD has the wrong option B → 0 under both; q6 B is a proper subset of BC → 0 / 1."""
    key = _key(key_xlsx)
    sheets = _sheets(tmp_path, files, key)
    assert [s.station for s in sheets] == ["01", "02"]
    strict = mark_answers(key, sheets)
    assert [m.total for m in strict] == [D(5), D(0)]
    assert strict[0].sections == (("ethics", D(2)), ("related", D(3)))
    assert strict[0].subareas == (
        ("ethics", "code", D(2)),
        ("related", "daily", D(2)),
        ("related", "rehab", D(1)),
    )
    assert [q.points for q in strict[0].questions] == [D(1), D(0), D(1), D(0), D(0), D(2), D(1)]
    # by type: 单选 q1 + q2 + q7 = 2, 多选 q5 + q6 = 2, 判断 q3 + q4 = 1 (stored beside the sections)
    assert strict[0].types == (("single", D(2)), ("multiple", D(2)), ("true_false", D(1)))
    assert strict[0].breakdown() == {
        "ethics": D(2),
        "related": D(3),
        "type:single": D(2),
        "type:multiple": D(2),
        "type:true_false": D(1),
    }
    partial = mark_answers(key, sheets, rule=MultipleRule.PARTIAL)
    assert [m.total for m in partial] == [D(6), D(1)]
    assert partial[0].section("related") == D(4)
    assert partial[1].questions[5].points == D(1)
    assert all(isinstance(m.total, Decimal) for m in (*strict, *partial))


def test_long_format_gives_the_same_marks(tmp_path: Path, key_xlsx: Path, files) -> None:
    key = _key(key_xlsx)
    wide = mark_answers(key, _sheets(tmp_path, files, key))
    answers01 = ["b", "C", "√", "T", "A,C", "bc", "A"]
    rows = [["赛位号", "题号", "答案"]]
    rows += [["01", n, a] for n, a in enumerate(answers01, start=1)]
    rows += [["02", 5, "ABD"], ["02", 6, "B"]]
    result = read_answer_sheets(files.csv(tmp_path / "答题.csv", rows, "utf-8-sig"), key)
    assert result.problems == ()
    long = mark_answers(key, result.records)
    assert [(m.station, m.total) for m in long] == [(m.station, m.total) for m in wide]


def test_answer_sheet_problems(tmp_path: Path, key_xlsx: Path, files) -> None:
    key = _key(key_xlsx)
    rows = [
        ["赛位号", 1, 2, 3, 4, 5, 6, 7, 8],
        ["01", "A", "Z", "也许", "T", "AC", "B", "A", "A"],
        ["01", "A", "B", "T", "T", "AC", "B", "A", "A"],
    ]
    result = read_answer_sheets(files.xlsx(tmp_path / "t.xlsx", rows), key)
    # column 8 is not in the key: reported at the header, nothing else is read
    assert [(p.row, p.column) for p in result.problems] == [(1, "I")]
    rows = [row[:-1] for row in rows]
    result = read_answer_sheets(files.xlsx(tmp_path / "t2.xlsx", rows), key)
    cells = {(p.row, p.column): p.message for p in result.problems}
    assert set(cells) == {(2, "A"), (2, "C"), (2, "D"), (3, "A")}
    assert "判断" in cells[(2, "D")]
    assert "重复" in cells[(3, "A")]
    missing = read_answer_sheets(
        files.xlsx(tmp_path / "t3.xlsx", [["赛位号", 1, 2, 3], ["01", "A", "B", "T"]]), key
    )
    assert "4–7" in missing.problems[0].message


def test_key_problems(tmp_path: Path, files) -> None:
    rows = [
        KEY_HEADER,
        [1, "单选", "AB", "职业道德", "职业守则"],  # single with two letters (C2)
        [1, "单选", "B", "职业道德", "职业守则"],  # duplicate number (A2, A3)
        [3, "问答", "对", "职业道德", None],  # type (B4)
        [4, "判断", "是的吧", "职业道德", None],  # answer (C5)
        [5, "多选", "ACD", "护理", "生活照护"],  # section (D6)
        [6, "多选", "BC", "相关知识", None],  # sub-area needed (E7)
        [7, "判断", "T", "相关知识", "康复服务"],  # no 判断 in that group (B8)
    ]
    result = read_answer_key(files.xlsx(tmp_path / "k.xlsx", rows), BLUEPRINT)
    cells = {(p.row, p.column) for p in result.problems}
    assert cells == {(2, "C"), (2, "A"), (3, "A"), (4, "B"), (5, "C"), (6, "D"), (7, "E"), (8, "B")}


def test_key_counts_must_match_the_blueprint(tmp_path: Path, files) -> None:
    rows = [KEY_HEADER, *KEY_ROWS[:-1]]
    result = read_answer_key(files.xlsx(tmp_path / "k.xlsx", rows), BLUEPRINT)
    assert len(result.problems) == 1
    p = result.problems[0]
    assert p.row is None
    assert "康复服务" in p.message and "应有 1 道" in p.message and "有 0 道" in p.message


def test_key_without_sections_uses_points_by_type_when_unambiguous(tmp_path: Path, files) -> None:
    rows = [["题号", "题型", "答案"], *[r[:3] for r in KEY_ROWS]]
    # the tiny blueprint has 单选 at 1 point everywhere, 判断 at 1 and 多选 at 2: unambiguous
    result = read_answer_key(files.xlsx(tmp_path / "k.xlsx", rows), BLUEPRINT)
    assert result.problems == ()
    key = answer_key(BLUEPRINT, result.records)
    assert key.sections == () and key.max_points == D(9)


def test_real_blueprint_round_trip_through_the_template(tmp_path: Path) -> None:
    bp = load_file(library_dir() / "elderly_care" / "theory.toml")
    assert isinstance(bp, TheoryBlueprint)
    path = write_template("answers", tmp_path / "答案模板.xlsx", blueprint=bp)
    wb = openpyxl.load_workbook(path)
    ws = wb["答案"]
    for row in ws.iter_rows(min_row=2, max_row=bp.question_count + 1):
        kind = row[1].value
        row[2].value = {"单选": "C", "多选": "ABD", "判断": "错"}[kind]
    wb.save(path)
    result = read_answer_key(path, bp)
    assert result.problems == (), [str(p) for p in result.problems[:5]]
    key = answer_key(bp, result.records)
    assert len(key.questions) == bp.question_count
    assert key.max_points == bp.max_points == D(100)


def test_theory_scores(tmp_path: Path, files) -> None:
    pid = make_valid_id("440703", files.day.replace(year=1980), 4, True)
    rows = [
        ["序号", "赛位号", "身份证号", "姓名", "理论成绩"],
        [1, "01", None, "甲", 85.5],
        [2, None, pid, "乙", "92"],
        [3, "03", None, "丙", "缺考"],
        [4, "04", None, "丁", 101],  # range (E5)
        [5, "05", None, "戊", "85.555"],  # places (E6)
        [6, "01", None, "己", 70],  # duplicate station (B7, B2)
        [7, None, None, "庚", 60],  # no identifier (row 8)
        [8, "08", pid[:-1] + "0" if pid[-1] != "0" else pid[:-1] + "1", "辛", 60],  # bad ID (C9)
        [9, "09", None, "壬", "八十"],  # not a number (E10)
        [10, "10", None, "癸", 17.060000000000002],  # a formula's float: 17.06
    ]
    result = import_theory_scores(files.xlsx(tmp_path / "理论.xlsx", rows))
    cells = {(p.row, p.column) for p in result.problems}
    assert cells == {(5, "E"), (6, "E"), (7, "B"), (2, "B"), (8, ""), (9, "C"), (10, "E")}
    good = {(s.station, s.id_number): (s.score, s.absent) for s in result.records}
    assert good == {
        ("", pid): (D(92), False),
        ("03", ""): (None, True),
        ("10", ""): (D("17.06"), False),
    }
    assert all(isinstance(s.score, Decimal) for s in result.records if s.score is not None)


# -- keyed by 抽签号 (a per-module draw has no contest-wide station) ------------------------------------------------
def test_answer_sheets_keyed_by_draw_number_wide_and_long(tmp_path: Path, key_xlsx: Path, files) -> None:
    key = _key(key_xlsx)
    wide_rows = [
        ["抽签号", "姓名", 1, 2, 3, 4, 5, 6, 7],
        [1, "（不导入）", "b", "C", "√", "T", "A,C", "bc", "A"],
        ["002", None, None, None, None, None, "ABD", "B", None],
    ]
    wide = read_answer_sheets(files.xlsx(tmp_path / "答题.xlsx", wide_rows), key, by=DRAW)
    assert wide.problems == (), [str(p) for p in wide.problems]
    assert [s.station for s in wide.records] == ["1", "002"]
    answers01 = ["b", "C", "√", "T", "A,C", "bc", "A"]
    long_rows = [["抽签序号", "题号", "答案"]]
    long_rows += [[1, n, a] for n, a in enumerate(answers01, start=1)]
    long_rows += [["002", 5, "ABD"], ["002", 6, "B"]]
    long = read_answer_sheets(files.csv(tmp_path / "答题.csv", long_rows, "utf-8-sig"), key, by=DRAW)
    assert long.problems == ()
    assert [(m.station, m.total) for m in mark_answers(key, long.records)] == [("1", D(5)), ("002", D(0))]
    assert [m.total for m in mark_answers(key, wide.records)] == [D(5), D(0)]
    # a repeated draw number is named as such
    dup = read_answer_sheets(
        files.xlsx(tmp_path / "重复.xlsx", [["抽签号", *range(1, 8)], [1, *answers01], [1, *answers01]]),
        key,
        by=DRAW,
    )
    assert {(p.row, p.column, p.field) for p in dup.problems} == {(2, "A", "draw_no"), (3, "A", "draw_no")}
    assert all("抽签号" in p.message for p in dup.problems)
    # one question answered twice in the long layout names the number column in use
    twice = [["题号", "答案"], [1, "B"], [1, "C"]]
    by_draw = read_answer_sheets(
        files.xlsx(tmp_path / "两次.xlsx", [["抽签号", *twice[0]], [1, *twice[1]], [1, *twice[2]]]),
        key,
        by=DRAW,
    )
    assert [p.message for p in by_draw.problems] == [
        "抽签号 1 的第 1 题与第 3 行重复",
        "抽签号 1 的第 1 题与第 2 行重复",
    ]
    by_station = read_answer_sheets(
        files.xlsx(tmp_path / "两次2.xlsx", [["赛位号", *twice[0]], ["01", *twice[1]], ["01", *twice[2]]]),
        key,
    )
    assert by_station.problems[0].message == "赛位号 01 的第 1 题与第 3 行重复"


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_station_column_is_refused_when_keyed_by_draw_number(
    tmp_path: Path, key_xlsx: Path, files, layout: str
) -> None:
    key = _key(key_xlsx)
    if layout == "wide":
        rows = [["姓名", "赛位号", *range(1, 8)], ["甲", "001", "B", "D", "对", "错", "ACD", "BC", "A"]]
    else:
        rows = [["姓名", "赛位号", "题号", "答案"], ["甲", "001", 1, "B"]]
    result = read_answer_sheets(files.xlsx(tmp_path / "答题.xlsx", rows), key, by=DRAW)
    assert result.records == ()
    assert [(p.row, p.column, p.field, p.header) for p in result.problems] == [(1, "B", "draw_no", "赛位号")]
    message = result.problems[0].message
    assert "抽签号" in message and "按模块抽签" in message
    english = read_answer_sheets(files.xlsx(tmp_path / "en.xlsx", rows), key, by=DRAW, lang="en")
    assert "draw number" in english.problems[0].message
    # without either column the missing 抽签号 column is named, with its accepted names
    bare = [["姓名", *range(1, 8)], ["甲", "B", "D", "对", "错", "ACD", "BC", "A"]]
    missing = read_answer_sheets(files.xlsx(tmp_path / "无.xlsx", bare), key, by=DRAW)
    assert len(missing.problems) == 1 and "“抽签号”" in missing.problems[0].message
    # the same station file is read as before by default
    assert read_answer_sheets(files.xlsx(tmp_path / "赛位.xlsx", rows), key).records


def test_theory_scores_keyed_by_draw_number(tmp_path: Path, files) -> None:
    pid = make_valid_id("440703", files.day.replace(year=1980), 4, True)
    rows = [
        ["序号", "抽签号", "身份证号", "理论成绩"],
        [1, 3, None, 85.5],
        [2, None, pid, 92],
        [3, 3, None, 70],
    ]
    result = import_theory_scores(files.xlsx(tmp_path / "理论.xlsx", rows), by=DRAW)
    assert {(p.row, p.column, p.field) for p in result.problems} == {(2, "B", "draw_no"), (4, "B", "draw_no")}
    assert [(s.station, s.id_number, s.score) for s in result.records] == [("", pid, D(92))]
    blank = import_theory_scores(
        files.xlsx(tmp_path / "空.xlsx", [["抽签号", "理论成绩"], [None, 80]]), by=DRAW
    )
    assert "没有抽签号也没有身份证号" in blank.problems[0].message
    # a station column alone cannot identify anyone: refused at that column, naming 抽签号
    stations = [["赛位号", "理论成绩"], ["001", 80]]
    refused = import_theory_scores(files.xlsx(tmp_path / "赛位.xlsx", stations), by=DRAW)
    assert [(p.row, p.column, p.field) for p in refused.problems] == [(1, "A", "draw_no")]
    assert "抽签号" in refused.problems[0].message
    # beside an ID column it is ignored like any other column
    with_ids = [["赛位号", "身份证号", "理论成绩"], ["001", pid, 80]]
    assert import_theory_scores(files.xlsx(tmp_path / "id.xlsx", with_ids), by=DRAW).problems == ()
    neither = import_theory_scores(
        files.xlsx(tmp_path / "无.xlsx", [["姓名", "理论成绩"], ["甲", 80]]), by=DRAW
    )
    assert "“抽签号”或“身份证号”" in neither.problems[0].message
