"""Theory item analysis: share correct per question, flags for questions nobody or everybody got right, negative
discrimination with enough papers, and the .xlsx the organiser gets. Hand-worked on a 5-question paper."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from contest.intake import AnswerSheet, KeyQuestion, answer_key, mark_answers
from contest.intake.analysis import (
    ItemFlag,
    analyse_items,
    flag_text,
    percent,
    shown_answer,
    write_item_analysis,
    wrong_text,
)
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

BLUEPRINT = TheoryBlueprint(
    id="tiny",
    title=Text("小卷"),
    standard="",
    duration_minutes=10,
    max_points=D(6),
    multiple_rule=MultipleRule.ALL_OR_NOTHING,
    sections=(
        TheorySection(
            "ethics",
            Text("职业道德"),
            (SubArea("code", Text("职业守则"), (QuestionGroup(S, 2, D(1)), QuestionGroup(TF, 1, D(1)))),),
        ),
        TheorySection(
            "related", Text("相关知识"), (SubArea("daily", Text("生活照护"), (QuestionGroup(M, 2, D(1.5)),)),)
        ),
    ),
)
QUESTIONS = (
    KeyQuestion(1, S, "B", "ethics", "code", D(1), 2),
    KeyQuestion(2, S, "D", "ethics", "code", D(1), 3),
    KeyQuestion(3, TF, "T", "ethics", "code", D(1), 4),
    KeyQuestion(4, M, "ACD", "related", "daily", D("1.5"), 5),
    KeyQuestion(5, M, "BC", "related", "daily", D("1.5"), 6),
)


def _marks(answers: list[tuple[str, ...]], rule: MultipleRule | None = None):
    key = answer_key(BLUEPRINT, QUESTIONS)
    sheets = [AnswerSheet(f"{i + 1:03d}", tuple(enumerate(a, start=1)), i + 2) for i, a in enumerate(answers)]
    return key, mark_answers(key, sheets, rule=rule)


def test_hand_worked_shares_and_flags() -> None:
    """Four papers. q1 B: 3 of 4 (one C); q2 D: nobody (A, A, C, blank); q3 T: everybody; q4 ACD: 2 of 4 (AC, blank);
    q5 BC: 1 of 4 (B twice, C once). Totals: 1+0+1+1.5+1.5 = 5, 1+0+1+1.5 = 3.5, 1+0+1 = 2, 0+0+1 = 1."""
    key, marks = _marks(
        [
            ("B", "A", "T", "ACD", "BC"),
            ("B", "A", "T", "ACD", "B"),
            ("B", "C", "T", "AC", "B"),
            ("C", "", "T", "", "C"),
        ]
    )
    a = analyse_items(key, marks)
    assert [m.total for m in marks] == [D(5), D("3.5"), D(2), D(1)]
    assert a.papers == 4 and a.max_points == D(6)
    assert (a.mean, a.highest, a.lowest) == (D("2.88"), D(5), D(1))
    assert [i.share_correct for i in a.items] == [D("0.75"), D(0), D(1), D("0.5"), D("0.25")]
    assert [i.correct for i in a.items] == [3, 0, 4, 2, 1]
    assert [i.blank for i in a.items] == [0, 1, 0, 1, 0]
    assert a.items[1].wrong_answers == (("A", 2), ("C", 1))
    assert a.items[4].wrong_answers == (("B", 2), ("C", 1))
    assert a.with_flag(ItemFlag.NONE_CORRECT) == (2,)
    assert a.with_flag(ItemFlag.ALL_CORRECT) == (3,)
    assert [i.number for i in a.flagged] == [2, 3]
    # too few papers for upper/lower groups
    assert all(i.discrimination is None for i in a.items)
    assert a.with_flag(ItemFlag.NEGATIVE) == ()


def test_partial_credit_is_not_counted_as_correct() -> None:
    key, marks = _marks([("B", "D", "T", "AC", "BC"), ("B", "D", "F", "ACD", "B")], rule=MultipleRule.PARTIAL)
    a = analyse_items(key, marks)
    q4, q5 = a.items[3], a.items[4]
    assert (q4.correct, q4.partial, q4.share_correct) == (1, 1, D("0.5"))
    assert (q5.correct, q5.partial) == (1, 1)
    assert a.items[2].wrong_answers == (("F", 1),)


def test_discrimination_with_enough_papers_flags_a_reversed_question() -> None:
    """Ten papers; 27 % of 10 rounds to 3 per group. Strong candidates (papers 1–3) answer q1 with C, the key says
    B, which only the weak ones (papers 8–10) chose: D = 0/3 − 3/3 = −1. q2 separates the right way: +1."""
    strong = ("C", "D", "T", "ACD", "BC")
    middle = ("C", "A", "T", "ACD", "")
    weak = ("B", "A", "F", "", "")
    key, marks = _marks([strong] * 3 + [middle] * 4 + [weak] * 3)
    a = analyse_items(key, marks)
    assert a.items[0].discrimination == D(-1)
    assert a.items[1].discrimination == D(1)
    assert ItemFlag.NEGATIVE in a.items[0].flags
    assert a.with_flag(ItemFlag.NEGATIVE) == (1,)
    assert "高分组" in flag_text(a.items[0])


def test_no_papers() -> None:
    key = answer_key(BLUEPRINT, QUESTIONS)
    a = analyse_items(key, [])
    assert a.papers == 0 and a.mean is None and a.flagged == ()
    assert all(i.share_correct is None for i in a.items)
    assert percent(None) == "—"


def test_text_helpers() -> None:
    assert shown_answer("T", TF) == "对" and shown_answer("F", TF, "en") == "×"
    assert shown_answer("ACD", M) == "ACD"
    assert percent(D("0.6667")) == "66.7%"
    key, marks = _marks([("B", "A", "F", "", "")] * 2 + [("B", "C", "F", "", "")])
    a = analyse_items(key, marks)
    assert wrong_text(a.items[1]) == "A×2、C×1"
    assert wrong_text(a.items[2]) == "错×3"
    assert flag_text(a.items[0]) == "全部答对"
    assert flag_text(a.items[2], "en") == "nobody correct: check the key"


def test_workbook(tmp_path: Path) -> None:
    key, marks = _marks([("B", "A", "T", "ACD", "BC"), ("B", "C", "T", "AC", "B")])
    a = analyse_items(key, marks)
    out = write_item_analysis(
        a, tmp_path / "out" / "题目分析.xlsx", section_titles={"ethics": "职业道德", "related": "相关知识"}
    )
    wb = openpyxl.load_workbook(out)
    ws = wb["题目分析"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "题号"))
    body = rows[header + 1 :]
    assert [r[0] for r in body] == [1, 2, 3, 4, 5]
    q2 = body[1]
    assert q2[1:5] == ("单选", "职业道德", 1.0, "D")
    assert q2[9] == 0.0 and "无人答对" in q2[12]
    assert body[0][12] == "全部答对" and body[3][11] == "AC×1"
    assert ws.cell(row=header + 3, column=1).fill.start_color.rgb == "FFFFC7CE"
    assert ws.cell(row=header + 2, column=1).fill.start_color.rgb == "FFFFEB9C"
    assert "答卷 2 份" in rows[1][0]
