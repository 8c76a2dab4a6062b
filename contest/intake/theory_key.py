"""Reading a theory exam's answer key (题号/题型/答案, with 模块 and 子领域 tying each question to the blueprint).

Owns the answer-key columns, the accepted spellings of 题型, and every check of a key against its blueprint
(known sections and sub-areas, points per question, the number of questions per group). The records it returns
are bound to the blueprint with :func:`contest.intake.theory_marking.answer_key`. It also owns reading a question
number typed in a cell (``3``, ``第3题``, ``Q3``), which answer sheets share.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from contest.i18n import tr
from contest.intake.columns import FieldSpec, data_rows, report_duplicates, report_missing
from contest.intake.normalise import Cell, cell_text, clean_text
from contest.intake.opening import open_columns
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow
from contest.intake.theory_marking import KeyQuestion, answer_advice, normalise_answer, type_label
from rubrics.model import QuestionType, TheoryBlueprint

QUESTION_HEADER = re.compile(r"^(?:第|题|q|no\.?|#)?(\d{1,4})(?:题)?$")
"""A question number as typed in a key cell or an answer-sheet header (after NFKC, lower case)."""

TYPE_NAMES: dict[str, QuestionType] = {
    "单选": QuestionType.SINGLE,
    "单选题": QuestionType.SINGLE,
    "单项选择": QuestionType.SINGLE,
    "单项选择题": QuestionType.SINGLE,
    "single": QuestionType.SINGLE,
    "多选": QuestionType.MULTIPLE,
    "多选题": QuestionType.MULTIPLE,
    "多项选择": QuestionType.MULTIPLE,
    "多项选择题": QuestionType.MULTIPLE,
    "multiple": QuestionType.MULTIPLE,
    "判断": QuestionType.TRUE_FALSE,
    "判断题": QuestionType.TRUE_FALSE,
    "是非题": QuestionType.TRUE_FALSE,
    "true_false": QuestionType.TRUE_FALSE,
}
"""Accepted 题型 spellings (after NFKC, no spaces, lower case)."""

KEY_FIELDS = (
    FieldSpec("number", "题号", "No.", ("题目编号", "题次", "题目序号"), required=True),
    FieldSpec("type", "题型", "Type", ("题目类型", "类型"), required=True),
    FieldSpec("answer", "答案", "Answer", ("标准答案", "正确答案", "参考答案"), required=True),
    FieldSpec("section", "模块", "Section", ("部分", "考核模块", "知识模块", "板块", "鉴定模块")),
    FieldSpec("subarea", "子领域", "Sub-area", ("子模块", "领域", "考核内容")),
)
"""Answer-key columns; the first name of each is the template header."""

NUMBER_TEXT = "intake.theory_key.number"
"""The message for a question number that is not a positive whole number (answer sheets use it too)."""


def fold(text: str) -> str:
    """A key for comparing names typed by people: NFKC, no whitespace, case-folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _resolve_section(
    blueprint: TheoryBlueprint, raw_section: str, raw_subarea: str, lang: str = "zh"
) -> tuple[str, str, tuple[str, dict[str, object]] | None]:
    """Section and sub-area ids for the texts in a key row, or the problem key and its format values."""
    sec = next(
        (
            s
            for s in blueprint.sections
            if fold(raw_section) in {fold(s.id), fold(s.title.zh), fold(s.title.en)}
        ),
        None,
    )
    if sec is None:
        known = tr(lang, "intake.list_separator").join(s.title.get(lang) for s in blueprint.sections)
        return "", "", ("section", {"known": known})
    known_sub = tr(lang, "intake.list_separator").join(a.title.get(lang) for a in sec.subareas)
    if not raw_subarea:
        if len(sec.subareas) == 1:
            return sec.id, sec.subareas[0].id, None
        return sec.id, "", ("subarea_missing", {"section": sec.title.get(lang), "known": known_sub})
    sub = next(
        (a for a in sec.subareas if fold(raw_subarea) in {fold(a.id), fold(a.title.zh), fold(a.title.en)}),
        None,
    )
    if sub is None:
        return sec.id, "", ("subarea", {"section": sec.title.get(lang), "known": known_sub})
    return sec.id, sub.id, None


def question_number(raw: Cell) -> int | None:
    """A question number typed in a cell (3, "3", "第3题", "Q3"), or ``None`` unless it is a positive whole
    number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw > 0 else None
    text = unicodedata.normalize("NFKC", clean_text(raw))
    m = QUESTION_HEADER.match(text.lower())
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


def _unique_points(blueprint: TheoryBlueprint) -> dict[QuestionType, Decimal | None]:
    seen: dict[QuestionType, set[Decimal]] = {}
    for s in blueprint.sections:
        for a in s.subareas:
            for g in a.groups:
                seen.setdefault(g.type, set()).add(g.points_each)
    return {t: (next(iter(p)) if len(p) == 1 else None) for t, p in seen.items()}


def read_answer_key(
    path: Path | str,
    blueprint: TheoryBlueprint,
    *,
    sheet: str | int | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
    lang: str = "zh",
) -> ImportResult[KeyQuestion]:
    """Read and check an answer key against ``blueprint``; never raises on bad data.

    The key has 题号, 题型 (单选/多选/判断) and 答案, and normally 模块 and 子领域 naming the blueprint's
    section and sub-area (by id or Chinese title) so each question gets its points and counts towards its section.
    Without them, points come from the type alone, which works only if every group of that type carries the same
    points. The number of questions per group must match the blueprint. Bind the records with
    :func:`answer_key`.
    """
    opened = open_columns(
        path,
        KEY_FIELDS,
        mapping=mapping,
        sheet=sheet,
        header_row=header_row,
        lang=lang,
        expected=[f.zh for f in KEY_FIELDS],
    )
    if isinstance(opened, ImportResult):
        return opened
    table, sink, cols = opened.table, opened.sink, opened.columns
    has_sections = cols.col("section") is not None
    type_points = _unique_points(blueprint)
    if not has_sections:
        for group_type, pts in type_points.items():
            if pts is None:
                sink.add(
                    "intake.theory_key.points_vary",
                    row=table.header_row,
                    field="section",
                    header="模块",
                    qtype=type_label(group_type, lang),
                )
        if sink.items:
            return opened.refused()
    spec = {f.key: f for f in KEY_FIELDS}
    candidates: list[KeyQuestion] = []
    by_number: dict[str, list[TableRow]] = {}
    for row in data_rows(cols):
        before = len(sink)

        def add(key: str, field: str, _row: TableRow = row, /, **fmt: object) -> None:
            sink.add(
                f"intake.theory_key.{key}",
                row=_row.number,
                col=cols.col(field),
                field=field,
                value=cell_text(cols.raw(_row, field)),
                header=cols.header(field),
                **fmt,
            )

        raw_number = cols.raw(row, "number")
        number = question_number(raw_number)
        if clean_text(raw_number) == "":
            report_missing(sink, cols, row, spec["number"])
        elif number is None:
            add("number", "number")
        else:
            by_number.setdefault(str(number), []).append(row)
        type_text = clean_text(cols.raw(row, "type"))
        qtype = TYPE_NAMES.get(fold(type_text)) if type_text else None
        if not type_text:
            report_missing(sink, cols, row, spec["type"])
        elif qtype is None:
            add("type", "type")
        raw_answer = cols.raw(row, "answer")
        answer = normalise_answer(raw_answer, qtype) if qtype else ""
        if clean_text(raw_answer) == "":
            report_missing(sink, cols, row, spec["answer"])
        elif qtype is not None and (answer is None or (qtype == QuestionType.SINGLE and len(answer) != 1)):
            add(
                "key_answer",
                "answer",
                qtype=type_label(qtype, lang),
                advice=answer_advice(qtype, lang),
            )
        section = subarea = ""
        points: Decimal | None = None
        if has_sections:
            section, subarea, problem = _resolve_section(
                blueprint, clean_text(cols.raw(row, "section")), clean_text(cols.raw(row, "subarea")), lang
            )
            if not clean_text(cols.raw(row, "section")):
                report_missing(sink, cols, row, spec["section"])
            elif problem is not None:
                pkey, fmt = problem
                add(pkey, "subarea" if pkey.startswith("subarea") else "section", **fmt)
            elif qtype is not None:
                points = blueprint.points_each(section, subarea, qtype)
                if points is None:
                    add(
                        "no_group",
                        "type",
                        where=_where(blueprint, section, subarea, lang),
                        qtype=type_label(qtype, lang),
                    )
        elif qtype is not None:
            points = type_points.get(qtype)
            if points is None:
                add("no_group", "type", where=blueprint.title.get(lang), qtype=type_label(qtype, lang))
        if len(sink) == before and number is not None and qtype is not None and answer and points is not None:
            candidates.append(KeyQuestion(number, qtype, answer, section, subarea, points, row.number))
    dup_rows = report_duplicates(sink, cols, spec["number"], by_number, "intake.theory_key.dup_number")
    bad = sink.rows_with_problems() | dup_rows
    records = tuple(sorted((q for q in candidates if q.source_row not in bad), key=lambda q: q.number))
    if not sink.items:
        _check_counts(blueprint, records, has_sections, sink)
    return opened.result(records)


def _where(blueprint: TheoryBlueprint, section: str, subarea: str, lang: str) -> str:
    for s in blueprint.sections:
        for a in s.subareas:
            if s.id == section and a.id == subarea:
                return f"{s.title.get(lang)} / {a.title.get(lang)}"
    return section


def _check_counts(
    blueprint: TheoryBlueprint, questions: Sequence[KeyQuestion], has_sections: bool, sink: ProblemSink
) -> None:
    lang = sink.lang
    if has_sections:
        got = Counter((q.section, q.subarea, q.type) for q in questions)
        for s in blueprint.sections:
            for a in s.subareas:
                for g in a.groups:
                    n = got.get((s.id, a.id, g.type), 0)
                    if n != g.count:
                        where = f"{s.title.get(lang)} / {a.title.get(lang)}"
                        sink.add(
                            "intake.theory_key.count",
                            field="number",
                            where=where,
                            qtype=type_label(g.type, lang),
                            want=g.count,
                            got=n,
                        )
        return
    totals: Counter[QuestionType] = Counter()
    for s in blueprint.sections:
        for a in s.subareas:
            for g in a.groups:
                totals[g.type] += g.count
    got_types = Counter(q.type for q in questions)
    for qtype, want in totals.items():
        if got_types.get(qtype, 0) != want:
            sink.add(
                "intake.theory_key.count",
                field="number",
                where=blueprint.title.get(lang),
                qtype=type_label(qtype, lang),
                want=want,
                got=got_types.get(qtype, 0),
            )
