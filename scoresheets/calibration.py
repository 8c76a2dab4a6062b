"""Calibration round (评分标定) statistics: how closely a module's judges agree when they all mark the same
performances before live marking.

Owns the agreement figures of the calibration report; nothing here is ever part of a result. Every judge marks
every calibration performance (a demonstration or a video) on the module's rubric; for each performance and item
the panel median is the reference, because one deviant judge cannot drag it (a mean would move towards them).

- **Mean absolute deviation (MAD) from the panel median**, per item and per judge, in points and as a share of
  the item's points. It is what a briefing needs: "on A7 you are on average 1.2 points away from your colleagues"
  is read without statistics, and unlike a standard deviation one wild mark does not dominate it.
- **Bias** per judge: the mean of (judge's sheet total − the panel's median total), negative = stricter.
- **Kendall's W** (coefficient of concordance, with the tie correction) of the judges' totals over the
  performances: 1 when every judge orders the performances the same way, 0 when their orders are unrelated.
  It is blind to severity (a judge two points stricter on everything agrees perfectly), and orders are what
  ranks and medals are made of. It needs at least two performances and two judges who marked all of them, and
  with only two or three performances it is coarse; the report says so rather than overstating it.
- Judgement items whose levels differ by more than ``level_gap`` on one performance, items whose MAD exceeds
  ``share_tolerance`` of their points, and deduction rules applied by some judges but not others are flagged for
  the briefing: those are the descriptors the judges read differently.

Figures are exact ``Decimal`` quotients (28 significant digits); rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from rubrics.model import ItemKind, ModuleRubric
from scoresheets.arithmetic import score_sheet
from scoresheets.model import JudgeSheet, SheetResult
from scoresheets.numbers import ZERO, dsum

__all__ = [
    "CalibrationReport",
    "CalibrationRules",
    "ItemAgreement",
    "JudgeAgreement",
    "RuleSplit",
    "calibration_report",
    "kendall_w",
    "median",
]


@dataclass(frozen=True)
class CalibrationRules:
    """When an item is flagged for the briefing (``[calibration]`` in ``contest.toml``)."""

    share_tolerance: Decimal = Decimal("0.10")
    """An item whose MAD from the median exceeds this share of its points is flagged."""
    level_gap: int = 1
    """A judgement item whose levels on one performance differ by more than this is flagged."""


@dataclass(frozen=True)
class RuleSplit:
    """A deduction rule some judges applied to a performance and others did not."""

    performance: str
    code: str
    applied_by: tuple[str, ...]
    judges: int
    """How many judges marked the item on that performance."""


@dataclass(frozen=True)
class ItemAgreement:
    """One item across the calibration performances."""

    item_id: str
    points: Decimal
    kind: ItemKind
    scores: dict[str, dict[str, Decimal]]
    """Performance → judge → item score."""
    medians: dict[str, Decimal]
    """Performance → panel median of the item score."""
    levels: dict[str, dict[str, int]]
    """Judgement items: performance → judge → level."""
    spread: Decimal
    """Largest (max − min) item score on any one performance."""
    mad: Decimal
    """Mean over judges and performances of |score − median|."""
    mad_share: Decimal
    """``mad`` ÷ the item's points (0 for an item worth nothing)."""
    level_range: int | None
    """Judgement items: the largest (max − min) level on any one performance."""
    rule_splits: tuple[RuleSplit, ...]
    flags: tuple[str, ...]
    """Why the item is flagged: ``"levels"``, ``"spread"``, ``"rules"``; empty when the panel agrees."""


@dataclass(frozen=True)
class JudgeAgreement:
    """One judge against the panel."""

    judge: str
    marked: int
    """Performances this judge submitted."""
    mad: Decimal
    """Mean over items and performances of |item score − panel median|, in points."""
    mad_share: Decimal
    """Mean over items and performances of |item score − median| ÷ item points."""
    bias: Decimal
    """Mean over performances of (sheet total − the panel's median total): negative = stricter."""
    deviations: dict[str, Decimal]
    """Item → mean signed deviation from the median over the performances."""
    far_items: tuple[str, ...]
    """Items where this judge's mean |deviation| exceeds ``share_tolerance`` of the points."""


@dataclass(frozen=True)
class CalibrationReport:
    """Every figure of a module's calibration round."""

    module: str
    performances: tuple[str, ...]
    judges: tuple[str, ...]
    items: tuple[ItemAgreement, ...]
    judge_figures: tuple[JudgeAgreement, ...]
    totals: dict[str, dict[str, Decimal]]
    """Performance → judge → sheet total (after a veto)."""
    median_totals: dict[str, Decimal]
    vetoes: dict[str, dict[str, str]]
    """Performance → judge → veto code, for the judges who recorded one."""
    kendall_w: Decimal | None
    """Concordance of the judges' totals over the performances; ``None`` when it cannot be computed."""
    w_judges: tuple[str, ...]
    """The judges W was computed over (those who marked every performance)."""
    rules: CalibrationRules

    @property
    def flagged(self) -> tuple[ItemAgreement, ...]:
        """Items to discuss at the briefing, worst (largest MAD share) first."""
        return tuple(sorted((i for i in self.items if i.flags), key=lambda i: (-i.mad_share, i.item_id)))


def median(values: Sequence[Decimal]) -> Decimal:
    """The median (the mean of the two middle values for an even count); exact."""
    if not values:
        raise ValueError("median of nothing")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def _mean(values: Sequence[Decimal]) -> Decimal:
    return dsum(values) / len(values) if values else ZERO


def _ranks(values: Sequence[Decimal]) -> list[Fraction]:
    """Ranks, 1 = highest; tied values share the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda k: -values[k])
    ranks = [Fraction(0)] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        shared = Fraction(i + 1 + j + 1, 2)
        for k in order[i : j + 1]:
            ranks[k] = shared
        i = j + 1
    return ranks


def kendall_w(table: Sequence[Sequence[Decimal]]) -> Decimal | None:
    """Kendall's W with the tie correction for ``table[judge][performance]`` (higher value = better).

    W = 12·S / (m²(n³ − n) − m·ΣT), S = Σ(Rᵢ − R̄)², Tⱼ = Σ(t³ − t) over judge j's groups of ties, for m judges and n
    performances. ``None`` with fewer than two of either, or when every judge tied everything (no order to agree
    on).
    """
    m = len(table)
    n = len(table[0]) if table else 0
    if m < 2 or n < 2 or any(len(row) != n for row in table):
        return None
    ranked = [_ranks(row) for row in table]
    sums = [sum((r[i] for r in ranked), Fraction(0)) for i in range(n)]
    mean = Fraction(m * (n + 1), 2)
    s = sum(((r - mean) ** 2 for r in sums), Fraction(0))
    ties = 0
    for row in table:
        for value in set(row):
            t = row.count(value)
            ties += t**3 - t
    denominator = m * m * (n**3 - n) - m * ties
    if denominator == 0:
        return None
    w = 12 * s / denominator
    return Decimal(w.numerator) / Decimal(w.denominator)


def _item(
    rubric_item_id: str,
    rubric: ModuleRubric,
    results: Mapping[str, Mapping[str, SheetResult]],
    sheets: Mapping[str, Mapping[str, JudgeSheet]],
    rules: CalibrationRules,
) -> ItemAgreement:
    item = rubric.item(rubric_item_id)
    assert item is not None
    scores: dict[str, dict[str, Decimal]] = {}
    levels: dict[str, dict[str, int]] = {}
    medians: dict[str, Decimal] = {}
    deviations: list[Decimal] = []
    spread = ZERO
    level_range: int | None = None
    splits: list[RuleSplit] = []
    for perf, by_judge in results.items():
        marked = {j: r.item_scores[item.id] for j, r in by_judge.items() if item.id in r.item_scores}
        if not marked:
            continue
        scores[perf] = marked
        medians[perf] = mid = median(list(marked.values()))
        deviations += [abs(v - mid) for v in marked.values()]
        spread = max(spread, max(marked.values()) - min(marked.values()))
        if item.kind == ItemKind.JUDGEMENT:
            lv = {j: r.levels[item.id] for j, r in by_judge.items() if item.id in r.levels}
            if lv:
                levels[perf] = lv
                gap = max(lv.values()) - min(lv.values())
                level_range = gap if level_range is None else max(level_range, gap)
        applied: dict[str, list[str]] = {}
        for judge in marked:
            entry = next((e for e in sheets[perf][judge].entries if e.item_id == item.id), None)
            for code in {a.code for a in entry.deductions} if entry else set():
                applied.setdefault(code, []).append(judge)
        splits += [
            RuleSplit(perf, code, tuple(sorted(who)), len(marked))
            for code, who in sorted(applied.items())
            if len(who) < len(marked)
        ]
    mad = _mean(deviations)
    share = mad / item.points if item.points else ZERO
    flags = []
    if level_range is not None and level_range > rules.level_gap:
        flags.append("levels")
    if share > rules.share_tolerance:
        flags.append("spread")
    if splits:
        flags.append("rules")
    return ItemAgreement(
        item.id,
        item.points,
        item.kind,
        scores,
        medians,
        levels,
        spread,
        mad,
        share,
        level_range,
        tuple(splits),
        tuple(flags),
    )


def _judge(
    judge: str,
    rubric: ModuleRubric,
    items: Sequence[ItemAgreement],
    totals: Mapping[str, Mapping[str, Decimal]],
    median_totals: Mapping[str, Decimal],
    rules: CalibrationRules,
) -> JudgeAgreement:
    absolute: list[Decimal] = []
    shares: list[Decimal] = []
    deviations: dict[str, Decimal] = {}
    far = []
    for it in items:
        signed = [by[judge] - it.medians[p] for p, by in it.scores.items() if judge in by]
        if not signed:
            continue
        absolute += [abs(d) for d in signed]
        if it.points:
            shares += [abs(d) / it.points for d in signed]
        deviations[it.item_id] = _mean(signed)
        if it.points and _mean([abs(d) for d in signed]) / it.points > rules.share_tolerance:
            far.append(it.item_id)
    mine = [totals[p][judge] - median_totals[p] for p in totals if judge in totals[p]]
    return JudgeAgreement(
        judge,
        len(mine),
        _mean(absolute),
        _mean(shares),
        _mean(mine),
        deviations,
        tuple(far),
    )


def calibration_report(
    rubric: ModuleRubric,
    sheets: Mapping[str, Sequence[JudgeSheet]],
    rules: CalibrationRules | None = None,
) -> CalibrationReport:
    """The agreement figures for the submitted calibration sheets, ``performance → sheets`` (one per judge).

    Sheets need not be complete: an item a judge left open is left out of that judge's figures. Raises
    :class:`~scoresheets.errors.EntryRefused` for an entry the rubric does not allow.
    """
    rules = rules or CalibrationRules()
    by_perf: dict[str, dict[str, JudgeSheet]] = {
        p: {s.judge: s for s in given} for p, given in sheets.items()
    }
    results = {
        p: {j: score_sheet(rubric, s, require_complete=False) for j, s in by_judge.items()}
        for p, by_judge in by_perf.items()
    }
    performances = tuple(p for p in sheets if by_perf[p])
    judges = tuple(sorted({j for by in by_perf.values() for j in by}))
    items = tuple(_item(i.id, rubric, results, by_perf, rules) for i in rubric.items)
    totals = {p: {j: r.total_after_veto for j, r in results[p].items()} for p in performances}
    median_totals = {p: median(list(totals[p].values())) for p in performances}
    vetoes = {p: {j: s.veto for j, s in by_perf[p].items() if s.veto} for p in performances}
    complete = tuple(j for j in judges if all(j in totals[p] for p in performances))
    w = kendall_w([[totals[p][j] for p in performances] for j in complete])
    return CalibrationReport(
        rubric.code,
        performances,
        judges,
        items,
        tuple(_judge(j, rubric, items, totals, median_totals, rules) for j in judges),
        totals,
        median_totals,
        {p: v for p, v in vetoes.items() if v},
        w,
        complete,
        rules,
    )
