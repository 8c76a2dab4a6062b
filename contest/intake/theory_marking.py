"""Theory papers and their marking: the answer key, a contestant's answers, and the points they earn.

Owns the records of a theory exam (:class:`KeyQuestion`, :class:`AnswerKey`, :class:`AnswerSheet`, the marks
:class:`QuestionMark` and :class:`TheoryMark`), the canonical spelling of an answer (A–E, sorted letters for 多选,
T/F for 判断) and the marking rules (the blueprint's points and multiple-choice rule). Every score is a
:class:`~decimal.Decimal`. It reads no file: :mod:`contest.intake.theory_key` reads an answer key and
:mod:`contest.intake.theory` reads answer sheets and score lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from contest.i18n import tr
from contest.intake.normalise import Cell, clean_text
from rubrics.model import MultipleRule, QuestionType, TheoryBlueprint
from scoresheets.feedback import TYPE_KEY

OPTIONS = "ABCDE"
"""Option letters accepted (单选 has A–D; 多选 papers often have A–E)."""

_TRUE = frozenset({"T", "对", "√", "✓", "✔", "正确", "是", "Y", "TRUE", "V", "YES"})
_FALSE = frozenset({"F", "错", "×", "✗", "✘", "X", "错误", "否", "N", "FALSE", "NO"})
_ANSWER_SEPARATORS = re.compile(r"[\s,，、;；/|.．]+")

TYPE_LABELS = {QuestionType.SINGLE: "单选", QuestionType.MULTIPLE: "多选", QuestionType.TRUE_FALSE: "判断"}


def answer_advice(qtype: QuestionType, lang: str) -> str:
    """How an answer of ``qtype`` is written, in ``lang`` (quoted when a key or a paper holds one that cannot be
    read)."""
    return tr(lang, f"intake.answer_advice.{qtype.value}")


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
    with :data:`~contest.intake.theory.DRAW`; a number typed as 001 in Excel arrives as "1"."""
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


def type_label(qtype: QuestionType, lang: str) -> str:
    """A question type as messages name it: 单选/多选/判断, or single/multiple/true/false in English."""
    return tr(lang, f"intake.qtype.{qtype.value}")


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
