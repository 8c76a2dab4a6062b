"""Theory exam intake: the answer key, contestants' answer sheets, auto-marking, and direct theory-score lists.

Owns reading the answer key (题号/题型/答案 with 模块 and 子领域 tying each question to the blueprint), reading
answer sheets (wide: one column per question; or long: 赛位号/题号/答案), normalising answers (A–E, sorted
letters for 多选, T/F for 判断), marking them with the blueprint's points and multiple-choice rule, and reading a
list of theory scores (赛位号 or 身份证号 + 理论成绩). Papers and score lists are keyed by the column the caller
names: :data:`STATION` (赛位号, a contest-wide station) by default, or :data:`DRAW` (抽签号) when the contest has
no contest-wide station (``[draw] scope = "module"``). Every score is a :class:`~decimal.Decimal`. It never
stores anything and knows nothing about contestants' names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from contest.intake.columns import (
    Columns,
    FieldSpec,
    data_rows,
    field_matcher,
    report_duplicates,
    report_missing,
    resolve_columns,
)
from contest.intake.idcard import validate_id
from contest.intake.normalise import Cell, cell_text, clean_code, clean_text, header_key
from contest.intake.opening import open_columns, open_table
from contest.intake.problems import ImportResult, ProblemSink, column_letter
from contest.intake.reader import Table, TableRow
from rubrics.model import MultipleRule, QuestionType, TheoryBlueprint
from scoresheets.feedback import TYPE_KEY

OPTIONS = "ABCDE"
"""Option letters accepted (单选 has A–D; 多选 papers often have A–E)."""
MAX_THEORY_SCORE = Decimal(100)

_TRUE = frozenset({"T", "对", "√", "✓", "✔", "正确", "是", "Y", "TRUE", "V", "YES"})
_FALSE = frozenset({"F", "错", "×", "✗", "✘", "X", "错误", "否", "N", "FALSE", "NO"})
_ANSWER_SEPARATORS = re.compile(r"[\s,，、;；/|.．]+")
_QUESTION_HEADER = re.compile(r"^(?:第|题|q|no\.?|#)?(\d{1,4})(?:题)?$")
_ABSENT = frozenset({"缺考", "缺席", "弃考", "未参加", "absent"})

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
TYPE_LABELS = {QuestionType.SINGLE: "单选", QuestionType.MULTIPLE: "多选", QuestionType.TRUE_FALSE: "判断"}

KEY_FIELDS = (
    FieldSpec("number", "题号", "No.", ("题目编号", "题次", "题目序号"), required=True),
    FieldSpec("type", "题型", "Type", ("题目类型", "类型"), required=True),
    FieldSpec("answer", "答案", "Answer", ("标准答案", "正确答案", "参考答案"), required=True),
    FieldSpec("section", "模块", "Section", ("部分", "考核模块", "知识模块", "板块", "鉴定模块")),
    FieldSpec("subarea", "子领域", "Sub-area", ("子模块", "领域", "考核内容")),
)
"""Answer-key columns; the first name of each is the template header."""
STATION = FieldSpec("station", "赛位号", "Station", ("准考证号", "考号", "座位号", "考生号"), required=True)
"""The contest-wide station number papers are keyed by with ``[draw] scope = "contest"`` (the default). A column
headed 抽签号 is not read as stations: draw numbers and stations differ, and mixing them up would give papers to
the wrong contestants."""
DRAW = FieldSpec(
    "draw_no",
    "抽签号",
    "Draw number",
    ("抽签序号", "抽签编号", "抽签顺序号", "检录号", "draw number", "draw no", "draw no."),
    required=True,
)
"""The contestant's 抽签号 (一次加密, contest-wide, anonymous): what papers are keyed by with ``[draw] scope =
"module"``, where every module has its own stations. A column named like :data:`STATION` is then refused."""
LONG_FIELDS = (
    STATION,
    FieldSpec("number", "题号", "No.", ("题目编号", "题次"), required=True),
    FieldSpec("answer", "答案", "Answer", ("作答", "考生答案", "选项", "所选答案"), required=True),
)
"""Long answer-sheet columns when keyed by :data:`STATION` (the first is replaced by the number column used)."""
SCORE_FIELDS = (
    FieldSpec("seq", "序号", "No.", (), ignored=True),
    FieldSpec("name", "姓名", "Name", (), ignored=True),
    FieldSpec("station", STATION.zh, STATION.en, STATION.synonyms),
    FieldSpec("id_number", "身份证号", "ID number", ("身份证号码", "证件号码", "公民身份号码", "身份证")),
    FieldSpec(
        "score",
        "理论成绩",
        "Theory score",
        ("理论得分", "理论分数", "理论考试成绩", "成绩", "得分", "分数"),
        required=True,
    ),
)
"""Direct theory-score columns when keyed by :data:`STATION` (see :func:`score_fields`)."""
_NOUNS = {STATION.key: ("赛位号", "station number"), DRAW.key: ("抽签号", "draw number")}


def long_fields(by: FieldSpec = STATION) -> tuple[FieldSpec, ...]:
    """The long answer-sheet columns with ``by`` (:data:`STATION` or :data:`DRAW`) as the key column."""
    return (by, *LONG_FIELDS[1:])


def score_fields(by: FieldSpec = STATION) -> tuple[FieldSpec, ...]:
    """The direct theory-score columns with ``by`` (:data:`STATION` or :data:`DRAW`) as the (optional) key
    column beside 身份证号."""
    if by.key == STATION.key:
        return SCORE_FIELDS
    return tuple(replace(by, required=False) if f.key == STATION.key else f for f in SCORE_FIELDS)


def _noun(by: FieldSpec, lang: str) -> str:
    zh, en = _NOUNS.get(by.key, (by.zh, by.en))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class KeyQuestion:
    """One question of the answer key."""

    number: int
    type: QuestionType
    answer: str
    """Normalised: one letter (单选), sorted letters such as "ACD" (多选), "T" or "F" (判断)."""
    section: str
    """Blueprint section id ("" when the key has no 模块 column)."""
    subarea: str
    """Blueprint sub-area id ("" when the key has no 子领域 column)."""
    points: Decimal
    """Points for a fully correct answer, from the blueprint."""
    source_row: int


@dataclass(frozen=True)
class AnswerKey:
    """A checked answer key bound to its blueprint."""

    blueprint_id: str
    multiple_rule: MultipleRule
    """The blueprint's rule; :func:`mark_answers` may override it."""
    sections: tuple[str, ...]
    """Section ids in blueprint order (empty when the key carries no section information)."""
    subareas: tuple[tuple[str, str], ...]
    """(section id, sub-area id) in blueprint order (empty likewise)."""
    questions: tuple[KeyQuestion, ...]
    """By question number."""

    @property
    def max_points(self) -> Decimal:
        """Sum of all questions' points."""
        return sum((q.points for q in self.questions), Decimal(0))

    def question(self, number: int) -> KeyQuestion | None:
        """The question with ``number``, or ``None``."""
        return next((q for q in self.questions if q.number == number), None)


@dataclass(frozen=True)
class AnswerSheet:
    """One contestant's answers, identified by an anonymous number only (station or draw number)."""

    station: str
    """The number the sheet is keyed by, as text, upper case: the 赛位号 (or 准考证号), or the 抽签号 when read
    with :data:`DRAW`; a number typed as 001 in Excel arrives as "1"."""
    answers: tuple[tuple[int, str], ...]
    """(question number, normalised answer) by number; "" = not answered."""
    source_row: int
    """Excel row of the contestant's (first) row."""

    def answer(self, number: int) -> str:
        """The normalised answer to question ``number`` ("" if none)."""
        return next((a for n, a in self.answers if n == number), "")


@dataclass(frozen=True)
class QuestionMark:
    """How one question was marked."""

    number: int
    given: str
    correct: str
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True)
class TheoryMark:
    """A contestant's auto-marked theory paper."""

    station: str
    total: Decimal
    sections: tuple[tuple[str, Decimal], ...]
    """(section id, points) in blueprint order; empty when the key has no section information."""
    subareas: tuple[tuple[str, str, Decimal], ...]
    """(section id, sub-area id, points) in blueprint order; empty likewise."""
    questions: tuple[QuestionMark, ...]
    source_row: int
    types: tuple[tuple[str, Decimal], ...] = ()
    """(question type, points) for each type the key has (单选, 多选, 判断), in that order."""

    def breakdown(self) -> dict[str, Decimal]:
        """What is stored with the score: points per section id and, under ``type:<question type>``, per type."""
        return {**dict(self.sections), **{f"{TYPE_KEY}{t}": p for t, p in self.types}}

    def section(self, section_id: str) -> Decimal:
        """Points in section ``section_id`` (0 if unknown)."""
        return next((p for s, p in self.sections if s == section_id), Decimal(0))


@dataclass(frozen=True)
class TheoryScore:
    """One directly imported theory score."""

    station: str
    """赛位号/准考证号, or the 抽签号 when read with :data:`DRAW`, as text ("" if the row identifies the
    contestant by ID number only)."""
    id_number: str
    """Validated 18-character ID ("" if identified by station only)."""
    score: Decimal | None
    """0–100 with at most 2 decimals; ``None`` when absent."""
    absent: bool
    """缺考."""
    source_row: int


_T = {
    "type": {
        "zh": "题型“{value}”无法识别。请填写 单选、多选 或 判断",
        "en": "Question type “{value}” is not recognised. Use 单选, 多选 or 判断",
    },
    "number": {
        "zh": "题号“{value}”不是正整数",
        "en": "Question number “{value}” is not a positive whole number",
    },
    "key_answer": {
        "zh": "{qtype}题的答案“{value}”不对：{advice}",
        "en": "Answer “{value}” is not valid for a {qtype} question: {advice}",
    },
    "dup_number": {
        "zh": "题号与第 {others} 行重复。每道题只能出现一次",
        "en": "The question number repeats row(s) {others}. Each question appears once",
    },
    "section": {
        "zh": "模块“{value}”不在组卷蓝图中。可填：{known}",
        "en": "Section “{value}” is not in the blueprint: {known}",
    },
    "subarea": {
        "zh": "子领域“{value}”不在模块“{section}”中。可填：{known}",
        "en": "Sub-area “{value}” is not in section “{section}”: {known}",
    },
    "subarea_missing": {
        "zh": "模块“{section}”有多个子领域，请填写子领域：{known}",
        "en": "Section “{section}” has several sub-areas; fill in the sub-area: {known}",
    },
    "no_group": {
        "zh": "组卷蓝图中“{where}”没有{qtype}题。请核对模块、子领域和题型",
        "en": "The blueprint has no {qtype} questions in “{where}”. Check section, sub-area and type",
    },
    "points_vary": {
        "zh": "组卷蓝图中{qtype}题的分值不止一种，答案表必须有“模块”和“子领域”列才能确定每题分值",
        "en": "{qtype} questions carry different points in the blueprint; the key needs 模块 and 子领域 columns",
    },
    "count": {
        "zh": "“{where}”的{qtype}题应有 {want} 道（组卷蓝图），答案表中有 {got} 道",
        "en": "“{where}” should have {want} {qtype} question(s) by the blueprint; the key has {got}",
    },
    "dup_column": {
        "zh": "第 {number} 题有两列（{cols} 列）。请删除多余的一列",
        "en": "Question {number} has two columns ({cols}). Delete the extra one",
    },
    "dup_station": {
        "zh": "{label}与第 {others} 行重复。每位考生只能有一行",
        "en": "{label} repeats row(s) {others}. Each contestant has one row",
    },
    "dup_station_question": {
        "zh": "{label} {station} 的第 {number} 题与第 {others} 行重复",
        "en": "{label} {station} question {number} repeats row(s) {others}",
    },
    "answer": {
        "zh": "第 {number} 题（{qtype}）的作答“{value}”无法识别。{advice}",
        "en": "The answer “{value}” to question {number} ({qtype}) is not recognised. {advice}",
    },
    "not_in_key": {
        "zh": "第 {number} 题不在答案表中。请核对题号",
        "en": "Question {number} is not in the answer key. Check the number",
    },
    "missing_questions": {
        "zh": "答题表缺少这些题的列：{numbers}",
        "en": "The answer sheet has no column for question(s): {numbers}",
    },
    "no_questions": {
        "zh": "表头中没有题号列（如 1、2、3 或 第1题）",
        "en": "The header has no question columns (1, 2, 3 … or 第1题)",
    },
    "no_identifier": {
        "zh": "表头中需要“{label}”{alt}或“身份证号”列",
        "en": "The header needs a {label}{alt} column or a 身份证号 column",
    },
    "row_identifier": {
        "zh": "这一行没有{noun}也没有身份证号。请补上",
        "en": "This row has neither a {noun} nor an ID number. Fill one in",
    },
    "station_column": {
        "zh": "“{value}”列不能用来匹配：按模块抽签时各模块的赛位号不同，没有全场统一的赛位号，"
        "理论答卷和成绩按抽签号匹配。请把这一列换成“抽签号”，填每位考生的抽签号",
        "en": "Column “{value}” cannot be matched: with a per-module draw every module has its own station "
        "numbers, so theory papers and scores are matched by draw number. Replace it with a 抽签号 column "
        "holding each contestant's draw number",
    },
    "score": {
        "zh": "理论成绩“{value}”不是数字。请填写 0–100 的分数（最多两位小数），缺考请填“缺考”",
        "en": "Theory score “{value}” is not a number. Enter 0–100 (at most 2 decimals), or 缺考 if absent",
    },
    "score_range": {
        "zh": "理论成绩 {value} 不在 0–{top} 之间",
        "en": "Theory score {value} is outside 0–{top}",
    },
    "score_places": {
        "zh": "理论成绩 {value} 超过两位小数。请保留两位小数",
        "en": "Theory score {value} has more than 2 decimals. Round it to 2 decimals",
    },
    "id": {"zh": "{message}", "en": "{message}"},
}
_ADVICE = {
    QuestionType.SINGLE: {
        "zh": "单选题填一个字母 A–D（或 E）",
        "en": "a single-choice answer is one letter A–D (or E)",
    },
    QuestionType.MULTIPLE: {
        "zh": "多选题填字母组合，如 ACD 或 A,C,D",
        "en": "a multiple-choice answer is letters such as ACD or A,C,D",
    },
    QuestionType.TRUE_FALSE: {
        "zh": "判断题填 对/错、√/×、T/F 或 正确/错误",
        "en": "a true/false answer is 对/错, √/×, T/F or 正确/错误",
    },
}


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _type_label(qtype: QuestionType, lang: str) -> str:
    return qtype.value.replace("_", "/") if lang == "en" else TYPE_LABELS[qtype]


def normalise_answer(raw: Cell, qtype: QuestionType) -> str | None:
    """An answer in canonical form, "" if blank, or ``None`` if it cannot be read.

    单选/多选: letters A–E in any case, width or separators ("a, c d" → "ACD"), sorted, repeats dropped.
    判断: 对/错, √/×, T/F, 正确/错误, 是/否, Y/N, TRUE/FALSE (and Excel booleans) → "T"/"F".
    """
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return ("T" if raw else "F") if qtype == QuestionType.TRUE_FALSE else None
    text = unicodedata.normalize("NFKC", clean_text(raw)).upper()
    if not text:
        return ""
    if qtype == QuestionType.TRUE_FALSE:
        compact = "".join(text.split())
        if compact in _TRUE:
            return "T"
        if compact in _FALSE:
            return "F"
        return None
    letters = _ANSWER_SEPARATORS.sub("", text)
    if not letters or any(ch not in OPTIONS for ch in letters):
        return None
    return "".join(sorted(set(letters)))


def score_question(question: KeyQuestion, given: str, rule: MultipleRule) -> Decimal:
    """Points for ``given`` (normalised) on ``question``.

    Exact match scores the question's points. For 多选 under :attr:`MultipleRule.PARTIAL`, a non-empty proper
    subset of the keyed options with no wrong option scores half the points; anything else scores 0.
    """
    if given == question.answer:
        return question.points
    if (
        question.type == QuestionType.MULTIPLE
        and rule == MultipleRule.PARTIAL
        and given
        and set(given) < set(question.answer)
    ):
        return question.points / 2
    return Decimal(0)


def answer_key(blueprint: TheoryBlueprint, questions: Iterable[KeyQuestion]) -> AnswerKey:
    """Bind checked key questions (the records of :func:`read_answer_key`) to their blueprint."""
    qs = tuple(sorted(questions, key=lambda q: q.number))
    with_sections = bool(qs) and all(q.section for q in qs)
    return AnswerKey(
        blueprint_id=blueprint.id,
        multiple_rule=blueprint.multiple_rule,
        sections=tuple(s.id for s in blueprint.sections) if with_sections else (),
        subareas=tuple((s.id, a.id) for s in blueprint.sections for a in s.subareas) if with_sections else (),
        questions=qs,
    )


def mark_answer_sheet(key: AnswerKey, sheet: AnswerSheet, *, rule: MultipleRule | None = None) -> TheoryMark:
    """Mark one answer sheet against ``key`` (``rule`` overrides the blueprint's multiple-choice rule)."""
    use = rule or key.multiple_rule
    marks: list[QuestionMark] = []
    by_section: dict[str, Decimal] = dict.fromkeys(key.sections, Decimal(0))
    by_subarea: dict[tuple[str, str], Decimal] = dict.fromkeys(key.subareas, Decimal(0))
    by_type: dict[str, Decimal] = {
        t.value: Decimal(0) for t in QuestionType if any(q.type == t for q in key.questions)
    }
    for q in key.questions:
        given = sheet.answer(q.number)
        points = score_question(q, given, use)
        marks.append(QuestionMark(q.number, given, q.answer, points, q.points))
        by_type[q.type.value] += points
        if key.sections:
            by_section[q.section] += points
            by_subarea[(q.section, q.subarea)] += points
    return TheoryMark(
        station=sheet.station,
        total=sum((m.points for m in marks), Decimal(0)),
        sections=tuple(by_section.items()),
        subareas=tuple((sec, sub, p) for (sec, sub), p in by_subarea.items()),
        questions=tuple(marks),
        source_row=sheet.source_row,
        types=tuple(by_type.items()),
    )


def mark_answers(
    key: AnswerKey, sheets: Sequence[AnswerSheet], *, rule: MultipleRule | None = None
) -> tuple[TheoryMark, ...]:
    """Mark every sheet against ``key``, in the order given."""
    return tuple(mark_answer_sheet(key, s, rule=rule) for s in sheets)


# ---------------------------------------------------------------------------------------------------- answer key


def _resolve_section(
    blueprint: TheoryBlueprint, raw_section: str, raw_subarea: str
) -> tuple[str, str, tuple[str, dict[str, object]] | None]:
    """Section and sub-area ids for the texts in a key row, or the problem key and its format values."""
    sec = next(
        (
            s
            for s in blueprint.sections
            if _fold(raw_section) in {_fold(s.id), _fold(s.title.zh), _fold(s.title.en)}
        ),
        None,
    )
    if sec is None:
        known = "、".join(s.title.zh for s in blueprint.sections)
        return "", "", ("section", {"known": known})
    known_sub = "、".join(a.title.zh for a in sec.subareas)
    if not raw_subarea:
        if len(sec.subareas) == 1:
            return sec.id, sec.subareas[0].id, None
        return sec.id, "", ("subarea_missing", {"section": sec.title.zh, "known": known_sub})
    sub = next(
        (
            a
            for a in sec.subareas
            if _fold(raw_subarea) in {_fold(a.id), _fold(a.title.zh), _fold(a.title.en)}
        ),
        None,
    )
    if sub is None:
        return sec.id, "", ("subarea", {"section": sec.title.zh, "known": known_sub})
    return sec.id, sub.id, None


def _whole_number(raw: Cell) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw > 0 else None
    text = unicodedata.normalize("NFKC", clean_text(raw))
    m = _QUESTION_HEADER.match(text.lower())
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
                    _T["points_vary"],
                    row=table.header_row,
                    field="section",
                    header="模块",
                    qtype=_type_label(group_type, lang),
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
                _T[key],
                row=_row.number,
                col=cols.col(field),
                field=field,
                value=cell_text(cols.raw(_row, field)),
                header=cols.header(field),
                **fmt,
            )

        raw_number = cols.raw(row, "number")
        number = _whole_number(raw_number)
        if clean_text(raw_number) == "":
            report_missing(sink, cols, row, spec["number"])
        elif number is None:
            add("number", "number")
        else:
            by_number.setdefault(str(number), []).append(row)
        type_text = clean_text(cols.raw(row, "type"))
        qtype = TYPE_NAMES.get(_fold(type_text)) if type_text else None
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
                qtype=_type_label(qtype, lang),
                advice=_ADVICE[qtype][lang if lang == "en" else "zh"],
            )
        section = subarea = ""
        points: Decimal | None = None
        if has_sections:
            section, subarea, problem = _resolve_section(
                blueprint, clean_text(cols.raw(row, "section")), clean_text(cols.raw(row, "subarea"))
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
                        where=_where(blueprint, section, subarea),
                        qtype=_type_label(qtype, lang),
                    )
        elif qtype is not None:
            points = type_points.get(qtype)
            if points is None:
                add("no_group", "type", where=blueprint.title.zh, qtype=_type_label(qtype, lang))
        if len(sink) == before and number is not None and qtype is not None and answer and points is not None:
            candidates.append(KeyQuestion(number, qtype, answer, section, subarea, points, row.number))
    dup_rows = report_duplicates(sink, cols, spec["number"], by_number, _T["dup_number"])
    bad = sink.rows_with_problems() | dup_rows
    records = tuple(sorted((q for q in candidates if q.source_row not in bad), key=lambda q: q.number))
    if not sink.items:
        _check_counts(blueprint, records, has_sections, sink)
    return opened.result(records)


def _where(blueprint: TheoryBlueprint, section: str, subarea: str) -> str:
    for s in blueprint.sections:
        for a in s.subareas:
            if s.id == section and a.id == subarea:
                return f"{s.title.zh} / {a.title.zh}"
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
                        where = f"{s.title.zh} / {a.title.zh}"
                        sink.add(
                            _T["count"],
                            field="number",
                            where=where,
                            qtype=_type_label(g.type, lang),
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
                _T["count"],
                field="number",
                where=blueprint.title.get(lang),
                qtype=_type_label(qtype, lang),
                want=want,
                got=got_types.get(qtype, 0),
            )


# ------------------------------------------------------------------------------------------------- answer sheets


def _station_text(raw: Cell) -> str:
    return clean_code(raw)


def _station_columns(table: Table, by: FieldSpec, sink: ProblemSink) -> bool:
    """When keyed by :data:`DRAW`, refuse every column named like a station number (赛位号, 准考证号 …), at that
    column: such a file was filled in for a contest-wide station that does not exist. Returns whether any was."""
    if by.key != DRAW.key:
        return False
    wrong = STATION.header_keys() - by.header_keys()
    found = False
    for c, h in enumerate(table.headers):
        if h is not None and header_key(h) in wrong:
            text = cell_text(h)
            sink.add(_T["station_column"], row=table.header_row, col=c, field=by.key, value=text, header=text)
            found = True
    return found


def read_answer_sheets(
    path: Path | str,
    key: AnswerKey,
    *,
    by: FieldSpec = STATION,
    sheet: str | int | None = None,
    header_row: int | None = None,
    lang: str = "zh",
) -> ImportResult[AnswerSheet]:
    """Read contestants' answers; never raises on bad data.

    Wide layout: a number column and one column per question, headed by its number (1, 2 … or 第1题/Q1). Long
    layout: number, 题号 and 答案 columns, one row per answer. Other columns (姓名 …) are ignored. Blank answers
    count as unanswered; unreadable ones are problems.

    Args:
        by: The column papers are keyed by: :data:`STATION` (赛位号, or 准考证号/考号/座位号/抽签号; the
            default) or :data:`DRAW` (抽签号), under which a station-number column is refused at that column.
    """
    number_keys = by.header_keys() | STATION.header_keys()
    long_keys = frozenset().union(*(f.header_keys() for f in LONG_FIELDS[1:]))

    def match(k: str) -> bool:
        return k in number_keys or k in long_keys or _QUESTION_HEADER.match(k) is not None

    opened = open_table(
        path, match=match, expected=[by.zh, "1", "2", "3", "…"], sheet=sheet, header_row=header_row, lang=lang
    )
    if isinstance(opened, ImportResult):
        return opened
    table, sink = opened.table, opened.sink
    keys = [header_key(h) for h in table.headers]
    question_keys = LONG_FIELDS[1].header_keys()
    if any(k in question_keys for k in keys):
        sheets = _read_long(table, key, by, sink)
    else:
        sheets = _read_wide(table, key, by, sink)
    return opened.result(sheets)


def _read_wide(table: Table, key: AnswerKey, ident: FieldSpec, sink: ProblemSink) -> tuple[AnswerSheet, ...]:
    lang = sink.lang
    wrong = _station_columns(table, ident, sink)
    cols = resolve_columns(table, (replace(ident, required=False) if wrong else ident,), None, sink)
    questions: dict[int, int] = {}
    for c, h in enumerate(table.headers):
        if c == cols.col(ident.key) or h is None:
            continue
        n = _whole_number(h) if not isinstance(h, float) else None
        if n is None:
            continue
        if key.question(n) is None:
            sink.add(
                _T["not_in_key"],
                row=table.header_row,
                col=c,
                field="answers",
                value=cell_text(h),
                header=cell_text(h),
                number=n,
            )
        elif n in questions:
            letters = f"{column_letter(questions[n])}、{column_letter(c)}"
            sink.add(
                _T["dup_column"],
                row=table.header_row,
                col=c,
                field="answers",
                value=cell_text(h),
                number=n,
                cols=letters,
            )
        else:
            questions[n] = c
    if not questions:
        sink.add(_T["no_questions"], row=table.header_row, field="answers")
    missing = [q.number for q in key.questions if q.number not in questions]
    if questions and missing:
        sink.add(_T["missing_questions"], row=table.header_row, field="answers", numbers=_ranges(missing))
    if sink.items:
        return ()
    read_cols = dict(cols.index) | {f"q{n}": c for n, c in questions.items()}
    wide = Columns(read_cols, table, {ident.key: ident})
    out: list[AnswerSheet] = []
    by_station: dict[str, list[TableRow]] = {}
    for row in data_rows(wide):
        before = len(sink)
        raw_station = wide.raw(row, ident.key)
        station = _station_text(raw_station)
        if not station:
            report_missing(sink, wide, row, ident)
        else:
            by_station.setdefault(station, []).append(row)
        answers: list[tuple[int, str]] = []
        for q in key.questions:
            c = questions[q.number]
            raw = row.get(c)
            given = normalise_answer(raw, q.type)
            if given is None:
                sink.add(
                    _T["answer"],
                    row=row.number,
                    col=c,
                    field="answers",
                    value=cell_text(raw),
                    header=table.header_text(c),
                    number=q.number,
                    qtype=_type_label(q.type, lang),
                    advice=_ADVICE[q.type]["en" if lang == "en" else "zh"],
                )
            else:
                answers.append((q.number, given))
        if len(sink) == before and station:
            out.append(AnswerSheet(station, tuple(answers), row.number))
    dup = report_duplicates(sink, wide, ident, by_station, _T["dup_station"])
    bad = sink.rows_with_problems() | dup
    return tuple(s for s in out if s.source_row not in bad)


def _read_long(table: Table, key: AnswerKey, ident: FieldSpec, sink: ProblemSink) -> tuple[AnswerSheet, ...]:
    lang = sink.lang
    wrong = _station_columns(table, ident, sink)
    fields = long_fields(replace(ident, required=False) if wrong else ident)
    cols = resolve_columns(table, fields, None, sink)
    if sink.items:
        return ()
    spec = {f.key: f for f in fields}
    answers: dict[str, dict[int, str]] = {}
    first_row: dict[str, int] = {}
    seen: dict[str, list[TableRow]] = {}
    bad_stations: set[str] = set()
    for row in data_rows(cols):
        before = len(sink)
        station = _station_text(cols.raw(row, ident.key))
        if not station:
            report_missing(sink, cols, row, spec[ident.key])
        raw_number = cols.raw(row, "number")
        number = _whole_number(raw_number)
        q = key.question(number) if number is not None else None
        if clean_text(raw_number) == "":
            report_missing(sink, cols, row, spec["number"])
        elif number is None:
            sink.add(
                _T["number"],
                row=row.number,
                col=cols.col("number"),
                field="number",
                value=cell_text(raw_number),
                header=cols.header("number"),
            )
        elif q is None:
            sink.add(
                _T["not_in_key"],
                row=row.number,
                col=cols.col("number"),
                field="number",
                value=cell_text(raw_number),
                header=cols.header("number"),
                number=number,
            )
        given: str | None = ""
        if q is not None:
            raw = cols.raw(row, "answer")
            given = normalise_answer(raw, q.type)
            if given is None:
                sink.add(
                    _T["answer"],
                    row=row.number,
                    col=cols.col("answer"),
                    field="answer",
                    value=cell_text(raw),
                    header=cols.header("answer"),
                    number=q.number,
                    qtype=_type_label(q.type, lang),
                    advice=_ADVICE[q.type]["en" if lang == "en" else "zh"],
                )
        if station and q is not None:
            seen.setdefault(f"{station}\t{q.number}", []).append(row)
        if station:
            first_row.setdefault(station, row.number)
            if len(sink) > before:
                bad_stations.add(station)
            elif q is not None and given is not None:
                answers.setdefault(station, {})[q.number] = given
    for pair, rows in seen.items():
        if len(rows) > 1:
            station, qnum = pair.split("\t")
            bad_stations.add(station)
            for r in rows:
                others = "、".join(str(o.number) for o in rows if o.number != r.number)
                sink.add(
                    _T["dup_station_question"],
                    row=r.number,
                    col=cols.col("number"),
                    field="number",
                    value=qnum,
                    header=cols.header("number"),
                    station=station,
                    number=qnum,
                    others=others,
                    label=ident.label(lang),
                )
    out = []
    for station, row_number in first_row.items():
        if station in bad_stations:
            continue
        given_by_number = answers.get(station, {})
        pairs = tuple((q.number, given_by_number.get(q.number, "")) for q in key.questions)
        out.append(AnswerSheet(station, pairs, row_number))
    return tuple(out)


def _ranges(numbers: Sequence[int]) -> str:
    """ "1、3–5、9" for [1, 3, 4, 5, 9]."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


# ------------------------------------------------------------------------------------------- direct theory scores


def parse_score(raw: Cell, top: Decimal = MAX_THEORY_SCORE) -> tuple[Decimal | None, bool, str | None]:
    """A theory score cell as (score, absent, problem key or ``None``).

    Numbers from Excel are read as Excel shows them (15 significant digits), so a formula result such as
    17.060000000000002 reads as 17.06. 缺考/缺席/弃考 mean absent.
    """
    text = unicodedata.normalize("NFKC", cell_text(raw)).strip()
    if _fold(text) in _ABSENT:
        return None, True, None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, False, "score"
    if not value.is_finite():
        return None, False, "score"
    if not Decimal(0) <= value <= top:
        return None, False, "score_range"
    if value != value.quantize(Decimal("0.01")):
        return None, False, "score_places"
    return value, False, None


def import_theory_scores(
    path: Path | str,
    *,
    by: FieldSpec = STATION,
    sheet: str | int | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
    max_score: Decimal = MAX_THEORY_SCORE,
    lang: str = "zh",
) -> ImportResult[TheoryScore]:
    """Read a list of theory scores (赛位号 or 身份证号 + 理论成绩); never raises on bad data.

    Args:
        by: The number column beside 身份证号: :data:`STATION` (the default) or :data:`DRAW` (抽签号). Under
            :data:`DRAW` a file with neither column nor 身份证号 but a station-number column is refused at that
            column; beside a 身份证号 column such a column is ignored like any other.
    """
    fields = score_fields(by)
    opened = open_table(
        path,
        match=field_matcher((*fields, STATION)),
        expected=[f.zh for f in fields if not f.ignored],
        sheet=sheet,
        header_row=header_row,
        lang=lang,
    )
    if isinstance(opened, ImportResult):
        return opened
    table, sink = opened.table, opened.sink
    # resolved here, not by open_columns: a file without an identifying column gets one more problem first
    cols = resolve_columns(table, fields, mapping, sink)
    unidentified = not sink.items and cols.col(by.key) is None and cols.col("id_number") is None
    # with nothing to identify a row by, a station-number column under DRAW is what to point at
    if unidentified and not _station_columns(table, by, sink):
        alt = ("（或准考证号）" if lang != "en" else " (or 准考证号)") if by.key == STATION.key else ""
        sink.add(_T["no_identifier"], row=table.header_row, field=by.key, header=by.zh, label=by.zh, alt=alt)
    if sink.items:
        return opened.refused()
    spec = {f.key: f for f in fields}
    out: list[TheoryScore] = []
    by_station: dict[str, list[TableRow]] = {}
    by_id: dict[str, list[TableRow]] = {}
    for row in data_rows(cols):
        before = len(sink)
        station = _station_text(cols.raw(row, by.key))
        raw_id = cols.raw(row, "id_number")
        id_number = ""
        if clean_text(raw_id):
            check = validate_id(raw_id, min_age=0, max_age=200)
            for issue in check.issues:
                sink.add(
                    _T["id"],
                    row=row.number,
                    col=cols.col("id_number"),
                    field="id_number",
                    value=cell_text(raw_id),
                    header=cols.header("id_number"),
                    message=issue.message(lang),
                )
            id_number = check.number
            if check.ok:
                by_id.setdefault(id_number, []).append(row)
        if station:
            by_station.setdefault(station, []).append(row)
        if not station and not clean_text(raw_id):
            sink.add(
                _T["row_identifier"],
                row=row.number,
                field=by.key,
                header=cols.header(by.key),
                noun=_noun(by, lang),
            )
        raw_score = cols.raw(row, "score")
        score: Decimal | None = None
        absent = False
        if clean_text(raw_score) == "":
            report_missing(sink, cols, row, spec["score"])
        else:
            score, absent, problem = parse_score(raw_score, max_score)
            if problem:
                sink.add(
                    _T[problem],
                    row=row.number,
                    col=cols.col("score"),
                    field="score",
                    value=cell_text(raw_score),
                    header=cols.header("score"),
                    top=max_score,
                )
        if len(sink) == before:
            out.append(TheoryScore(station, id_number, score, absent, row.number))
    dup = report_duplicates(sink, cols, spec[by.key], by_station, _T["dup_station"])
    dup |= report_duplicates(sink, cols, spec["id_number"], by_id, _T["dup_station"])
    bad = sink.rows_with_problems() | dup
    return opened.result(s for s in out if s.source_row not in bad)
