"""From the pure domain to pages: turn a rubric, a panel's judge sheets and its :class:`PanelResult` into a
:class:`~contest.printing.pages.ScoreSheet`, and judge statistics into rows.

Owns only the translation: which judge's mark was dropped, how deductions and levels are worded, which texts are
picked in which language. It scores nothing (the results come computed by :mod:`scoresheets`) and imports no
reportlab, so services can call it cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from contest.i18n import catalogue, tr
from contest.printing.pages import ItemLine, JudgeRow, Mark, ScoreSheet, SheetJudge
from rubrics.model import ItemKind, ModuleRubric, VetoEffect, VetoRule
from scoresheets.model import ItemEntry, JudgeSheet
from scoresheets.numbers import half_up
from scoresheets.panel import PanelResult
from scoresheets.stats import JudgeStats


def rule_text(rule: str, level: str, lang: str = "zh") -> str:
    """The aggregation rule as printed, e.g. ``按评分项去掉一个最高分和一个最低分后取平均``."""

    def part(value: str) -> str:
        key = f"print.rule.{value}"
        return tr(lang, key) if key in catalogue() else str(value)

    return tr(lang, "print.rule.text", how=part(str(rule)), where=part(str(level)))


def veto_text(veto: VetoRule, lang: str = "zh") -> str:
    """A veto rule as printed: code, text and effect."""
    effect = tr(lang, "print.veto_dq" if veto.effect == VetoEffect.DISQUALIFY else "print.veto_zero")
    sep = tr(lang, "print.label_sep")
    return f"{veto.code} {veto.text.get(lang)}{sep}{effect}"


def _code(veto: VetoRule | None) -> str:
    return veto.code if veto is not None else ""


def _detail(entry: ItemEntry | None, kind: ItemKind, level: int | None, lang: str) -> str:
    if kind == ItemKind.JUDGEMENT:
        return tr(lang, "print.level", level=level) if level is not None else ""
    if entry is None:
        return ""
    if entry.score is not None:
        return tr(lang, "print.rule.direct")
    sep = tr(lang, "print.list_sep")
    return sep.join(a.code if a.count == 1 else f"{a.code}×{a.count}" for a in entry.deductions)


def score_sheet_page(
    rubric: ModuleRubric,
    sheets: Sequence[JudgeSheet],
    panel: PanelResult,
    *,
    station: str,
    rule: str,
    name: str = "",
    unit: str = "",
    judge_names: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    places: int = 2,
    lang: str = "zh",
) -> ScoreSheet:
    """The score-sheet page of one contestant in one module.

    Args:
        rubric: the module's rubric.
        sheets: the judges' sheets as entered (for the deduction codes and levels).
        panel: what :func:`scoresheets.panel.panel_score` made of them.
        station: 赛位号.
        rule: the aggregation rule as printed (see :func:`rule_text`).
        name: contestant name, once decrypted.
        unit: contestant unit, once decrypted.
        judge_names: judge code → name for the signature lines.
        notes: corrections and appeal rulings, already worded.
        places: decimals of the contest; the panel's overtime deduction (an unrounded mean) is shown rounded
            half-up to them, as an intermediate figure.
        lang: "zh" or "en" for the rubric texts.
    """
    by_judge = {s.judge: s for s in sheets}
    results = {r.judge: r for r in panel.sheets}
    order = [r.judge for r in panel.sheets]
    names = judge_names or {}
    items: list[ItemLine] = []
    for section in rubric.sections:
        for item in section.items:
            dropped = set(panel.dropped.get(item.id, ()))
            marks = []
            for j in order:
                entry = (
                    next((e for e in by_judge[j].entries if e.item_id == item.id), None)
                    if j in by_judge
                    else None
                )
                res = results[j]
                marks.append(
                    Mark(
                        value=res.item_scores.get(item.id),
                        detail=_detail(entry, item.kind, res.levels.get(item.id), lang),
                        dropped=j in dropped,
                    )
                )
            items.append(
                ItemLine(
                    item_id=item.id,
                    title=item.title.get(lang),
                    points=item.points,
                    marks=tuple(marks),
                    panel=panel.item_scores.get(item.id),
                    section=section.title.get(lang),
                    judgement=item.kind == ItemKind.JUDGEMENT,
                )
            )
    sheet_dropped = set(panel.dropped.get("sheet", ()))
    judges = tuple(
        SheetJudge(
            code=j,
            name=names.get(j, ""),
            items_total=results[j].items_total,
            total=results[j].total_after_veto,
            seconds_used=by_judge[j].seconds_used if j in by_judge else None,
            overtime=results[j].overtime_deduction,
            veto=_code(results[j].veto),
            dropped=j in sheet_dropped,
        )
        for j in order
    )
    return ScoreSheet(
        module_code=rubric.code,
        module_title=rubric.title.get(lang),
        max_points=rubric.max_points,
        station=station,
        judges=judges,
        items=tuple(items),
        module_score=panel.score,
        rule=rule,
        name=name,
        unit=unit,
        time_limit_minutes=rubric.time_limit_minutes,
        panel_overtime=half_up(panel.overtime_deduction, places),
        panel_veto=veto_text(panel.veto, lang) if panel.veto is not None else "",
        notes=tuple(notes),
        rubric_hash=rubric.short_hash,
    )


def judge_rows(stats: Iterable[JudgeStats], places: int = 2) -> tuple[JudgeRow, ...]:
    """Judge statistics as printed rows; the means (exact, often repeating) are shown rounded half-up."""
    return tuple(
        JudgeRow(
            judge=s.judge,
            sheets=s.sheets,
            mean_deviation=half_up(s.mean_deviation, places),
            mean_abs_deviation=half_up(s.mean_abs_deviation, places),
            max_abs_deviation=half_up(s.max_abs_deviation, places),
        )
        for s in stats
    )


def rounded_for_print(value: Decimal | None, places: int = 2) -> Decimal | None:
    """An exact statistic (a mean or median, often repeating) rounded half-up for printing, or ``None``."""
    return None if value is None else half_up(value, places)
