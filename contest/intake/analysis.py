"""Theory item analysis (题目分析) for the organiser: how each question of the paper fared.

Owns :func:`analyse_items` (pure: answer key + marked papers → per-question statistics and flags) and
:func:`write_item_analysis` (the same as an .xlsx, openpyxl loaded only when called). A question nobody answered
correctly usually means a wrong key; one everybody answered correctly tells the organiser nothing about ability;
a question the strong candidates got wrong more often than the weak ones (negative discrimination) is worth a look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path

from contest.i18n import tr
from contest.intake.theory import TYPE_LABELS, AnswerKey, TheoryMark
from rubrics.model import QuestionType

MIN_FOR_DISCRIMINATION = 10
"""Fewest papers for the upper/lower-group discrimination index; below this it is not computed."""
GROUP_SHARE = Decimal("0.27")
"""Share of papers in each of the upper and lower groups (Kelley's 27 %)."""
_PLACES = Decimal("0.0001")


class ItemFlag(StrEnum):
    """Why a question deserves a look."""

    NONE_CORRECT = "none_correct"
    """Nobody answered it correctly: check the key."""
    ALL_CORRECT = "all_correct"
    """Everybody answered it correctly: it does not separate candidates."""
    NEGATIVE = "negative_discrimination"
    """The upper group did worse than the lower group: check the key and the wording."""


FLAG_TEXT: dict[ItemFlag, str] = {flag: f"intake.analysis.flag.{flag.value}" for flag in ItemFlag}
"""Each flag's catalogue key (:mod:`contest.texts.intake`)."""


@dataclass(frozen=True)
class ItemStat:
    """Statistics of one question over all marked papers."""

    number: int
    type: QuestionType
    section: str
    """Blueprint section id ("" when the key carries no sections)."""
    subarea: str
    answer: str
    """The keyed answer (normalised)."""
    points: Decimal
    papers: int
    """Papers marked."""
    correct: int
    """Papers with full points on this question."""
    partial: int
    """Papers with some but not full points (多选 under the partial-credit rule)."""
    blank: int
    """Papers with no answer to this question."""
    share_correct: Decimal | None
    """``correct / papers`` to 4 places (``None`` without papers); the classical difficulty index P."""
    discrimination: Decimal | None
    """Share correct in the top 27 % minus the bottom 27 % by total (``None`` with fewer than
    :data:`MIN_FOR_DISCRIMINATION` papers)."""
    wrong_answers: tuple[tuple[str, int], ...]
    """Wrong (non-blank) answers given, most frequent first."""
    flags: tuple[ItemFlag, ...]

    @property
    def type_label(self) -> str:
        """单选/多选/判断."""
        return TYPE_LABELS[self.type]


@dataclass(frozen=True)
class ItemAnalysis:
    """The item analysis of a whole paper."""

    items: tuple[ItemStat, ...]
    """By question number."""
    papers: int
    max_points: Decimal
    mean: Decimal | None
    """Mean total to 2 places (``None`` without papers)."""
    highest: Decimal | None
    lowest: Decimal | None

    @property
    def flagged(self) -> tuple[ItemStat, ...]:
        """Questions with at least one flag."""
        return tuple(i for i in self.items if i.flags)

    def with_flag(self, flag: ItemFlag) -> tuple[int, ...]:
        """Numbers of the questions carrying ``flag``."""
        return tuple(i.number for i in self.items if flag in i.flags)


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(_PLACES, rounding=ROUND_HALF_UP)


def analyse_items(key: AnswerKey, marks: Sequence[TheoryMark]) -> ItemAnalysis:
    """Per-question statistics of ``marks`` (papers marked against ``key``).

    A question counts as correct on a paper when it scored its full points. Flags: nobody or everybody correct
    (only with at least one paper) and negative discrimination (only with enough papers for upper/lower groups).
    """
    papers = len(marks)
    by_number = [{qm.number: qm for qm in m.questions} for m in marks]
    group = 0
    upper: list[int] = []
    lower: list[int] = []
    if papers >= MIN_FOR_DISCRIMINATION:
        group = max(1, int((GROUP_SHARE * papers).to_integral_value(rounding=ROUND_HALF_UP)))
        order = sorted(range(papers), key=lambda i: (marks[i].total, -i), reverse=True)
        upper, lower = order[:group], order[-group:]
    items: list[ItemStat] = []
    for q in key.questions:
        correct = partial = blank = 0
        wrong: Counter[str] = Counter()
        full: list[bool] = []
        for marked in by_number:
            qm = marked.get(q.number)
            given = qm.given if qm is not None else ""
            points = qm.points if qm is not None else Decimal(0)
            is_full = points >= q.points and q.points > 0
            full.append(is_full)
            if is_full:
                correct += 1
            elif points > 0:
                partial += 1
            if not given:
                blank += 1
            elif not is_full:
                wrong[given] += 1
        share = _share(correct, papers) if papers else None
        disc: Decimal | None = None
        if group:
            hi = sum(1 for i in upper if full[i])
            lo = sum(1 for i in lower if full[i])
            disc = _share(hi - lo, group) if hi >= lo else -_share(lo - hi, group)
        flags: list[ItemFlag] = []
        if papers and correct == 0:
            flags.append(ItemFlag.NONE_CORRECT)
        if papers and correct == papers:
            flags.append(ItemFlag.ALL_CORRECT)
        if disc is not None and disc < 0:
            flags.append(ItemFlag.NEGATIVE)
        items.append(
            ItemStat(
                number=q.number,
                type=q.type,
                section=q.section,
                subarea=q.subarea,
                answer=q.answer,
                points=q.points,
                papers=papers,
                correct=correct,
                partial=partial,
                blank=blank,
                share_correct=share,
                discrimination=disc,
                wrong_answers=tuple(sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))),
                flags=tuple(flags),
            )
        )
    totals = [m.total for m in marks]
    mean = (sum(totals, Decimal(0)) / papers).quantize(Decimal("0.01"), ROUND_HALF_UP) if papers else None
    return ItemAnalysis(
        items=tuple(items),
        papers=papers,
        max_points=key.max_points,
        mean=mean,
        highest=max(totals) if totals else None,
        lowest=min(totals) if totals else None,
    )


def shown_answer(answer: str, qtype: QuestionType, lang: str = "zh") -> str:
    """An answer as people write it: 判断 T/F as 对/错 (√/× in English), letters unchanged."""
    if qtype == QuestionType.TRUE_FALSE and answer in ("T", "F"):
        return tr(lang, f"intake.analysis.answer_{answer.lower()}")
    return answer


def percent(share: Decimal | None) -> str:
    """``0.8333`` → ``"83.3%"``; ``None`` → ``"—"``."""
    if share is None:
        return "—"
    return f"{(share * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


_HEADERS = (
    "number",
    "type",
    "section",
    "points",
    "key",
    "papers",
    "correct",
    "partial",
    "blank",
    "share",
    "discrimination",
    "wrong",
    "note",
)
"""The sheet's columns, each ``intake.analysis.col_<name>`` in the catalogue."""


def wrong_text(item: ItemStat, lang: str = "zh", top: int = 3) -> str:
    """The most frequent wrong answers, e.g. "B×5、C×2"."""
    return tr(lang, "intake.list_separator").join(
        f"{shown_answer(a, item.type, lang)}×{n}" for a, n in item.wrong_answers[:top]
    )


def flag_text(item: ItemStat, lang: str = "zh") -> str:
    """The item's flags in words."""
    return tr(lang, "intake.analysis.flag_separator").join(tr(lang, FLAG_TEXT[f]) for f in item.flags)


def write_item_analysis(
    analysis: ItemAnalysis,
    path: Path | str,
    *,
    section_titles: Mapping[str, str] | None = None,
    title: str = "",
    lang: str = "zh",
) -> Path:
    """Write ``analysis`` as an .xlsx (one row per question, flagged rows highlighted) and return its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from contest.textcells import inert_sheet

    titles = section_titles or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tr(lang, "intake.analysis.sheet")
    heading = title or tr(lang, "intake.analysis.heading")
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=13)
    summary = tr(
        lang,
        "intake.analysis.summary",
        papers=analysis.papers,
        mean=analysis.mean,
        highest=analysis.highest,
        lowest=analysis.lowest,
        max_points=analysis.max_points,
    )
    ws.append([summary])
    ws.append([tr(lang, f"intake.analysis.col_{name}") for name in _HEADERS])
    header_row = ws.max_row
    for c in ws[header_row]:
        c.font = Font(bold=True)
    red = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
    yellow = PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C")
    for item in analysis.items:
        ws.append(
            [
                item.number,
                tr(lang, f"intake.analysis.qtype.{item.type.value}"),
                titles.get(item.section, item.section),
                item.points,
                shown_answer(item.answer, item.type, lang),
                item.papers,
                item.correct,
                item.partial,
                item.blank,
                item.share_correct,
                item.discrimination,
                wrong_text(item, lang, top=5),
                flag_text(item, lang),
            ]
        )
        r = ws.max_row
        ws.cell(row=r, column=10).number_format = "0.0%"
        ws.cell(row=r, column=11).number_format = "0.00"
        if item.flags:
            fill = red if ItemFlag.ALL_CORRECT not in item.flags else yellow
            for c in ws[r]:
                c.fill = fill
    for letter, width in zip("ABCDEFGHIJKLM", (6, 8, 14, 7, 7, 8, 7, 9, 7, 9, 9, 22, 36), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    inert_sheet(ws)  # answers given and section titles are user text: never a formula
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    from contest.export import exact_decimals  # imported late: intake does not load the document writers

    with exact_decimals():  # rates and points keep their own digits, as in every other workbook written
        wb.save(out)
    wb.close()
    return out
