"""Intake: reading organisers' workbooks (contestants, judges, theory answers and scores) into plain records.

Every importer returns an :class:`ImportResult` of frozen records plus every located problem; none raises on bad
data, writes to a database or imports the store, Textual or reportlab. :func:`write_annotated` marks the problems
in a copy of the file; :func:`write_template` writes blank templates.

Names are loaded on first use, so ``import contest.intake`` loads neither python-calamine nor openpyxl.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "RowProblem": "problems",
    "ImportResult": "problems",
    "column_letter": "problems",
    "problem_order": "problems",
    "Cell": "normalise",
    "clean_text": "normalise",
    "clean_name": "normalise",
    "clean_id_number": "normalise",
    "clean_phone": "normalise",
    "header_key": "normalise",
    "match_key": "normalise",
    "Table": "reader",
    "TableRow": "reader",
    "read_table": "reader",
    "MAX_DATA_ROWS": "reader",
    "MAX_COLUMNS": "reader",
    "IdInfo": "idcard",
    "IdIssue": "idcard",
    "IdCheck": "idcard",
    "validate_id": "idcard",
    "is_valid_id": "idcard",
    "mask_id": "idcard",
    "make_valid_id": "idcard",
    "check_phone": "phone",
    "ContestantRecord": "contestants",
    "import_contestants": "contestants",
    "JudgeRecord": "judges",
    "import_judges": "judges",
    "ROLES": "judges",
    "KeyQuestion": "theory_marking",
    "AnswerKey": "theory_marking",
    "AnswerSheet": "theory_marking",
    "QuestionMark": "theory_marking",
    "TheoryMark": "theory_marking",
    "TheoryScore": "theory",
    "read_answer_key": "theory_key",
    "answer_key": "theory_marking",
    "read_answer_sheets": "theory",
    "normalise_answer": "theory_marking",
    "score_question": "theory_marking",
    "mark_answer_sheet": "theory_marking",
    "mark_answers": "theory_marking",
    "import_theory_scores": "theory",
    "write_annotated": "annotate",
    "annotated_path": "annotate",
    "write_template": "templates",
}

__all__ = [
    "AnswerKey",
    "AnswerSheet",
    "Cell",
    "ContestantRecord",
    "IdCheck",
    "IdInfo",
    "IdIssue",
    "ImportResult",
    "JudgeRecord",
    "KeyQuestion",
    "MAX_COLUMNS",
    "MAX_DATA_ROWS",
    "QuestionMark",
    "ROLES",
    "RowProblem",
    "Table",
    "TableRow",
    "TheoryMark",
    "TheoryScore",
    "annotated_path",
    "answer_key",
    "check_phone",
    "clean_id_number",
    "clean_name",
    "clean_phone",
    "clean_text",
    "column_letter",
    "header_key",
    "import_contestants",
    "import_judges",
    "import_theory_scores",
    "is_valid_id",
    "make_valid_id",
    "mark_answer_sheet",
    "mark_answers",
    "mask_id",
    "match_key",
    "normalise_answer",
    "problem_order",
    "read_answer_key",
    "read_answer_sheets",
    "read_table",
    "score_question",
    "validate_id",
    "write_annotated",
    "write_template",
]

if TYPE_CHECKING:
    from contest.intake.annotate import annotated_path, write_annotated
    from contest.intake.contestants import ContestantRecord, import_contestants
    from contest.intake.idcard import (
        IdCheck,
        IdInfo,
        IdIssue,
        is_valid_id,
        make_valid_id,
        mask_id,
        validate_id,
    )
    from contest.intake.judges import ROLES, JudgeRecord, import_judges
    from contest.intake.normalise import (
        Cell,
        clean_id_number,
        clean_name,
        clean_phone,
        clean_text,
        header_key,
        match_key,
    )
    from contest.intake.phone import check_phone
    from contest.intake.problems import ImportResult, RowProblem, column_letter, problem_order
    from contest.intake.reader import MAX_COLUMNS, MAX_DATA_ROWS, Table, TableRow, read_table
    from contest.intake.templates import write_template
    from contest.intake.theory import TheoryScore, import_theory_scores, read_answer_sheets
    from contest.intake.theory_key import read_answer_key
    from contest.intake.theory_marking import (
        AnswerKey,
        AnswerSheet,
        KeyQuestion,
        QuestionMark,
        TheoryMark,
        answer_key,
        mark_answer_sheet,
        mark_answers,
        normalise_answer,
        score_question,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
