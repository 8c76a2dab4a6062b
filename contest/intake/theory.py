"""Theory exam intake: contestants' answer sheets and direct theory-score lists.

Owns reading answer sheets (wide: one column per question; or long: 赛位号/题号/答案) and a list of theory scores
(赛位号 or 身份证号 + 理论成绩). Papers and score lists are keyed by the column the caller names: :data:`STATION`
(赛位号, a contest-wide station) by default, or :data:`DRAW` (抽签号) when the contest has no contest-wide station
(``[draw] scope = "module"``). Every score is a :class:`~decimal.Decimal`. It never stores anything and knows
nothing about contestants' names.

The answer key is read by :mod:`contest.intake.theory_key`, and papers are marked by
:mod:`contest.intake.theory_marking`; their public names are re-exported here, where callers have always found
them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from contest.i18n import tr
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
from contest.intake.opening import open_table
from contest.intake.problems import ImportResult, ProblemSink, column_letter
from contest.intake.reader import Table, TableRow
from contest.intake.theory_key import KEY_FIELDS as KEY_FIELDS
from contest.intake.theory_key import NUMBER_TEXT, QUESTION_HEADER, fold, question_number
from contest.intake.theory_key import TYPE_NAMES as TYPE_NAMES
from contest.intake.theory_key import read_answer_key as read_answer_key
from contest.intake.theory_marking import OPTIONS as OPTIONS
from contest.intake.theory_marking import TYPE_LABELS as TYPE_LABELS
from contest.intake.theory_marking import AnswerKey as AnswerKey
from contest.intake.theory_marking import AnswerSheet as AnswerSheet
from contest.intake.theory_marking import KeyQuestion as KeyQuestion
from contest.intake.theory_marking import QuestionMark as QuestionMark
from contest.intake.theory_marking import TheoryMark as TheoryMark
from contest.intake.theory_marking import answer_advice, type_label
from contest.intake.theory_marking import answer_key as answer_key
from contest.intake.theory_marking import mark_answer_sheet as mark_answer_sheet
from contest.intake.theory_marking import mark_answers as mark_answers
from contest.intake.theory_marking import normalise_answer as normalise_answer
from contest.intake.theory_marking import score_question as score_question

MAX_THEORY_SCORE = Decimal(100)

_ABSENT = frozenset({"缺考", "缺席", "弃考", "未参加", "absent"})

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
_NOUNS = {STATION.key: "intake.theory.noun_station", DRAW.key: "intake.theory.noun_draw"}


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
    key = _NOUNS.get(by.key)
    return tr(lang, key) if key else by.label(lang)


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
            sink.add(
                "intake.theory.station_column",
                row=table.header_row,
                col=c,
                field=by.key,
                value=text,
                header=text,
            )
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
        return k in number_keys or k in long_keys or QUESTION_HEADER.match(k) is not None

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
        n = question_number(h) if not isinstance(h, float) else None
        if n is None:
            continue
        if key.question(n) is None:
            sink.add(
                "intake.theory.not_in_key",
                row=table.header_row,
                col=c,
                field="answers",
                value=cell_text(h),
                header=cell_text(h),
                number=n,
            )
        elif n in questions:
            letters = tr(lang, "intake.list_separator").join((column_letter(questions[n]), column_letter(c)))
            sink.add(
                "intake.theory.dup_column",
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
        sink.add("intake.theory.no_questions", row=table.header_row, field="answers")
    missing = [q.number for q in key.questions if q.number not in questions]
    if questions and missing:
        sink.add(
            "intake.theory.missing_questions",
            row=table.header_row,
            field="answers",
            numbers=_ranges(missing, lang),
        )
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
                    "intake.theory.answer",
                    row=row.number,
                    col=c,
                    field="answers",
                    value=cell_text(raw),
                    header=table.header_text(c),
                    number=q.number,
                    qtype=type_label(q.type, lang),
                    advice=answer_advice(q.type, lang),
                )
            else:
                answers.append((q.number, given))
        if len(sink) == before and station:
            out.append(AnswerSheet(station, tuple(answers), row.number))
    dup = report_duplicates(sink, wide, ident, by_station, "intake.theory.dup_station")
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
        number = question_number(raw_number)
        q = key.question(number) if number is not None else None
        if clean_text(raw_number) == "":
            report_missing(sink, cols, row, spec["number"])
        elif number is None:
            sink.add(
                NUMBER_TEXT,
                row=row.number,
                col=cols.col("number"),
                field="number",
                value=cell_text(raw_number),
                header=cols.header("number"),
            )
        elif q is None:
            sink.add(
                "intake.theory.not_in_key",
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
                    "intake.theory.answer",
                    row=row.number,
                    col=cols.col("answer"),
                    field="answer",
                    value=cell_text(raw),
                    header=cols.header("answer"),
                    number=q.number,
                    qtype=type_label(q.type, lang),
                    advice=answer_advice(q.type, lang),
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
                others = tr(lang, "intake.list_separator").join(
                    str(o.number) for o in rows if o.number != r.number
                )
                sink.add(
                    "intake.theory.dup_station_question",
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


def _ranges(numbers: Sequence[int], lang: str = "zh") -> str:
    """ "1、3–5、9" for [1, 3, 4, 5, 9]."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return tr(lang, "intake.list_separator").join(
        str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs
    )


# ------------------------------------------------------------------------------------------- direct theory scores


def parse_score(raw: Cell, top: Decimal = MAX_THEORY_SCORE) -> tuple[Decimal | None, bool, str | None]:
    """A theory score cell as (score, absent, problem key or ``None``).

    Numbers from Excel are read as Excel shows them (15 significant digits), so a formula result such as
    17.060000000000002 reads as 17.06. 缺考/缺席/弃考 mean absent.
    """
    text = unicodedata.normalize("NFKC", cell_text(raw)).strip()
    if fold(text) in _ABSENT:
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
        alt = tr(lang, "intake.theory.or_admission") if by.key == STATION.key else ""
        sink.add(
            "intake.theory.no_identifier",
            row=table.header_row,
            field=by.key,
            header=by.zh,
            label=by.label(lang),
            alt=alt,
        )
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
                    "intake.theory.id",
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
                "intake.theory.row_identifier",
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
                    f"intake.theory.{problem}",
                    row=row.number,
                    col=cols.col("score"),
                    field="score",
                    value=cell_text(raw_score),
                    header=cols.header("score"),
                    top=max_score,
                )
        if len(sink) == before:
            out.append(TheoryScore(station, id_number, score, absent, row.number))
    dup = report_duplicates(sink, cols, spec[by.key], by_station, "intake.theory.dup_station")
    dup |= report_duplicates(sink, cols, spec["id_number"], by_id, "intake.theory.dup_station")
    bad = sink.rows_with_problems() | dup
    return opened.result(s for s in out if s.source_row not in bad)
