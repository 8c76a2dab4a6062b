"""Combining a panel of judges' sheets into one module score, and the spread check before sign-off.

Rules: mean, trimmed mean (drop one highest and one lowest; the median for three judges), median; applied per
item or per sheet. Which judge's mark was dropped is recorded (ties between equal marks are broken by judge code,
so the outcome never depends on the order sheets arrive in).

Owns how a panel's veto is decided: by the panel's quorum (:class:`VetoConfirmation` ``PANEL``), or as the judges'
proposals (否决建议) that apply only once the chief judge has confirmed exactly those proposals (``CHIEF``, with a
:class:`VetoDecision` given by the caller).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import NamedTuple

from rubrics.model import ItemKind, ModuleRubric, VetoEffect, VetoRule
from scoresheets.errors import ScoresheetError
from scoresheets.model import SheetResult
from scoresheets.numbers import ZERO, Rounding, dsum


class AggregationRule(StrEnum):
    """How a panel's marks become one mark."""

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    MEDIAN = "median"


class AggregationLevel(StrEnum):
    """What is aggregated."""

    ITEM = "item"
    """Each item across the judges, then summed."""
    SHEET = "sheet"
    """Each judge's sheet total, then aggregated."""


class VetoQuorum(StrEnum):
    """How many of the panel must record a veto for it to apply."""

    ANY = "any"
    MAJORITY = "majority"
    ALL = "all"


class VetoConfirmation(StrEnum):
    """Who decides that a veto recorded on the judges' sheets applies."""

    PANEL = "panel"
    """The panel: enough judges record a veto (:class:`VetoQuorum`)."""
    CHIEF = "chief"
    """The chief judge: any judge's veto is a proposal until the chief judge confirms it (or rejects it)."""


@dataclass(frozen=True)
class VetoDecision:
    """The chief judge's decision on a panel's veto proposals, and the proposals it answered.

    A decision holds only while the panel's proposals are exactly ``votes``: a veto recorded, changed or withdrawn
    afterwards makes the panel's veto pending again (the chief judge has not seen it)."""

    confirmed: bool
    votes: frozenset[tuple[str, str]]
    """(judge, veto code) of every proposal the decision answered."""


def veto_votes(sheets: Sequence[SheetResult]) -> frozenset[tuple[str, str]]:
    """(judge, veto code) of every sheet of the panel that records a veto."""
    return frozenset((s.judge, s.veto.code) for s in sheets if s.veto is not None)


_BY_MARK = itemgetter(1, 0)
"""Sort key of a (judge, mark) pair: by mark, then judge."""
_BY_JUDGE = attrgetter("judge")


@dataclass(frozen=True)
class Aggregate:
    """An aggregated mark and which judges' marks were dropped."""

    value: Decimal
    dropped: tuple[str, ...]


def aggregate(marks: Sequence[tuple[str, Decimal]], rule: AggregationRule) -> Aggregate:
    """Aggregate ``(judge, mark)`` pairs exactly.

    Trimmed mean needs at least three marks; with fewer it is refused (a panel that small cannot be trimmed).
    """
    if not marks:
        raise ScoresheetError("no marks to aggregate")
    ordered = sorted(marks, key=_BY_MARK)
    values = [m for _, m in ordered]
    n = len(values)
    if rule == AggregationRule.MEAN:
        return Aggregate(dsum(values) / n, ())
    if rule == AggregationRule.MEDIAN:
        if n % 2:
            mid = n // 2
            dropped = tuple(j for k, (j, _) in enumerate(ordered) if k != mid)
            return Aggregate(values[mid], dropped)
        lo, hi = n // 2 - 1, n // 2
        dropped = tuple(j for k, (j, _) in enumerate(ordered) if k not in (lo, hi))
        return Aggregate((values[lo] + values[hi]) / 2, dropped)
    if n < 3:
        raise ScoresheetError(f"a trimmed mean needs at least 3 judges, got {n}")
    kept = values[1:-1]
    return Aggregate(dsum(kept) / len(kept), (ordered[0][0], ordered[-1][0]))


@dataclass(frozen=True)
class PanelResult:
    """A module score for one contestant from a panel of sheets."""

    contestant: str
    module_id: str
    score: Decimal
    """Exact (unrounded) module score; 0 under a veto."""
    item_scores: dict[str, Decimal]
    """Aggregated item scores (per-item aggregation) or empty (per-sheet)."""
    dropped: dict[str, tuple[str, ...]]
    """Per item id (or ``"sheet"``) the judges whose marks were dropped."""
    overtime_deduction: Decimal
    sheets: tuple[SheetResult, ...]
    veto: VetoRule | None = None
    veto_votes: int = 0
    veto_pending: bool = False
    """A veto proposal awaits the chief judge (``VetoConfirmation.CHIEF``): the score counts the marks meanwhile."""

    @property
    def disqualified(self) -> bool:
        """Whether the applied veto disqualifies the contestant."""
        return self.veto is not None and self.veto.effect == VetoEffect.DISQUALIFY


def _panel_veto(
    sheets: Sequence[SheetResult],
    quorum: VetoQuorum,
    confirmation: VetoConfirmation = VetoConfirmation.PANEL,
    decision: VetoDecision | None = None,
) -> tuple[VetoRule | None, int, bool]:
    """(veto applied, number of votes, pending)."""
    votes = [s.veto for s in sheets if s.veto is not None]
    if not votes:
        return None, 0, False
    if confirmation == VetoConfirmation.CHIEF:
        if decision is None or decision.votes != veto_votes(sheets):
            return None, len(votes), True
        if not decision.confirmed:
            return None, len(votes), False
    else:
        n = len(sheets)
        needed = {VetoQuorum.ANY: 1, VetoQuorum.MAJORITY: n // 2 + 1, VetoQuorum.ALL: n}[quorum]
        if len(votes) < needed:
            return None, len(votes), False
    # the most severe recorded rule applies: disqualification over zeroing, then by code for determinism
    chosen = sorted(votes, key=lambda v: (v.effect != VetoEffect.DISQUALIFY, v.code))[0]
    return chosen, len(votes), False


def panel_score(
    rubric: ModuleRubric,
    sheets: Sequence[SheetResult],
    *,
    rule: AggregationRule = AggregationRule.TRIMMED_MEAN,
    level: AggregationLevel = AggregationLevel.ITEM,
    veto_quorum: VetoQuorum = VetoQuorum.MAJORITY,
    rounding: Rounding | None = None,
    veto_confirmation: VetoConfirmation = VetoConfirmation.PANEL,
    veto_decision: VetoDecision | None = None,
) -> PanelResult:
    """Aggregate complete sheets of one contestant in one module.

    With ``veto_confirmation`` ``CHIEF`` the quorum is not used: a veto applies only when ``veto_decision``
    confirms exactly the proposals on the sheets; until then it is pending and the marks count."""
    if not sheets:
        raise ScoresheetError("a panel needs at least one sheet")
    contestant = sheets[0].contestant
    judges = [s.judge for s in sheets]
    if len(set(judges)) != len(judges):
        raise ScoresheetError(f"judge appears twice on the panel for {contestant}: {judges}")
    for s in sheets:
        if s.contestant != contestant:
            raise ScoresheetError("sheets of different contestants in one panel")
        if s.missing:
            raise ScoresheetError(f"sheet of judge {s.judge} is incomplete: {', '.join(s.missing)}")
    veto, votes, pending = _panel_veto(sheets, veto_quorum, veto_confirmation, veto_decision)
    rnd = rounding or Rounding()
    dropped: dict[str, tuple[str, ...]] = {}
    item_scores: dict[str, Decimal] = {}
    if level == AggregationLevel.ITEM:
        for item in rubric.items:
            agg = aggregate([(s.judge, s.item_scores[item.id]) for s in sheets], rule)
            item_scores[item.id] = rnd.apply("item", agg.value)
            if agg.dropped:
                dropped[item.id] = agg.dropped
        ot = aggregate([(s.judge, s.overtime_deduction) for s in sheets], rule).value
        score = max(ZERO, dsum(item_scores.values()) - ot)
    else:
        agg = aggregate([(s.judge, s.total) for s in sheets], rule)
        if agg.dropped:
            dropped["sheet"] = agg.dropped
        ot = aggregate([(s.judge, s.overtime_deduction) for s in sheets], rule).value
        score = agg.value
    return PanelResult(
        contestant=contestant,
        module_id=rubric.id,
        score=ZERO if veto else rnd.apply("module", score),
        item_scores=item_scores,
        dropped=dropped,
        overtime_deduction=ot,
        sheets=tuple(sorted(sheets, key=_BY_JUDGE)),
        veto=veto,
        veto_votes=votes,
        veto_pending=pending,
    )


@dataclass(frozen=True)
class Tolerance:
    """Spread limits that raise an alert to the chief judge. ``None`` switches a check off."""

    judgement_levels: int | None = 1
    """Largest allowed difference between judges' levels on a judgement item."""
    measurement_points: Decimal | None = None
    """Largest allowed difference between judges' scores on a measurement item."""
    sheet_total: Decimal | None = Decimal(10)
    """Largest allowed difference between judges' sheet totals."""


@dataclass(frozen=True)
class SpreadAlert:
    """A place where the panel disagrees more than the tolerance allows."""

    contestant: str
    module_id: str
    item_id: str | None
    """``None`` for a sheet-total alert."""
    spread: Decimal
    limit: Decimal
    marks: tuple[tuple[str, Decimal], ...]
    """(judge, mark) side by side; levels for judgement items."""


def spread_alerts(
    rubric: ModuleRubric, sheets: Sequence[SheetResult], tolerance: Tolerance, *, before_veto: bool = False
) -> list[SpreadAlert]:
    """Every item and sheet of one contestant's panel whose spread exceeds the tolerance. Sheet totals are
    compared after each judge's veto, or ``before_veto`` (when the chief judge decides vetoes, a proposal is not
    a difference in marking: it is settled by the decision, not by a returned sheet). An item is compared only
    when every sheet scores it."""
    out: list[SpreadAlert] = []
    if len(sheets) < 2:
        return out
    ordered = sorted(sheets, key=_BY_JUDGE)
    contestant = ordered[0].contestant
    levels_limit = tolerance.judgement_levels
    points_limit = tolerance.measurement_points
    if levels_limit is not None or points_limit is not None:
        kinds = _item_kinds(rubric)
        if levels_limit is not None and points_limit is not None:
            compared = kinds.every
        else:
            compared = kinds.judgement if levels_limit is not None else kinds.measurement
        scores = [s.item_scores for s in ordered]
        whole = all(sc.keys() == kinds.ids for sc in scores)  # as usual, every sheet scores every item
        for iid, judgement in compared:
            if not whole and not all(iid in sc for sc in scores):
                continue
            if judgement:
                assert levels_limit is not None
                # levels are whole numbers: compared as ints, made Decimal only for an alert
                levels = [s.levels[iid] for s in ordered]
                if max(levels) - min(levels) > levels_limit:
                    marks = tuple((s.judge, Decimal(lv)) for s, lv in zip(ordered, levels, strict=True))
                    out.append(_alert(contestant, rubric.id, iid, marks, Decimal(levels_limit)))
            else:
                assert points_limit is not None
                values = [sc[iid] for sc in scores]
                if max(values) - min(values) > points_limit:
                    marks = tuple((s.judge, v) for s, v in zip(ordered, values, strict=True))
                    out.append(_alert(contestant, rubric.id, iid, marks, points_limit))
    if tolerance.sheet_total is not None:
        totals = [s.total if before_veto or s.veto is None else ZERO for s in ordered]
        if max(totals) - min(totals) > tolerance.sheet_total:
            marks = tuple((s.judge, t) for s, t in zip(ordered, totals, strict=True))
            out.append(_alert(contestant, rubric.id, None, marks, tolerance.sheet_total))
    return out


def _alert(
    contestant: str,
    module_id: str,
    item_id: str | None,
    marks: tuple[tuple[str, Decimal], ...],
    limit: Decimal,
) -> SpreadAlert:
    values = [m for _, m in marks]
    return SpreadAlert(contestant, module_id, item_id, max(values) - min(values), limit, marks)


class _ItemKinds(NamedTuple):
    """A rubric's items as :func:`spread_alerts` compares them: (item id, is a judgement item), in order."""

    every: tuple[tuple[str, bool], ...]
    judgement: tuple[tuple[str, bool], ...]
    measurement: tuple[tuple[str, bool], ...]
    ids: frozenset[str]


_KINDS: dict[int, tuple[ModuleRubric, _ItemKinds]] = {}


def _item_kinds(rubric: ModuleRubric) -> _ItemKinds:
    """The rubric's items by kind, kept by the rubric's identity (the rubric itself is kept with them, so its id
    is not reused) since a standings computation asks for every panel."""
    got = _KINDS.get(id(rubric))
    if got is None or got[0] is not rubric:
        if len(_KINDS) > 1_000:
            _KINDS.clear()
        every = tuple((i.id, i.kind == ItemKind.JUDGEMENT) for i in rubric.items)
        kinds = _ItemKinds(
            every,
            tuple(k for k in every if k[1]),
            tuple(k for k in every if not k[1]),
            frozenset(i for i, _ in every),
        )
        got = _KINDS[id(rubric)] = (rubric, kinds)
    return got[1]
