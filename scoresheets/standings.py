"""The whole computation from raw sheets to ranked, awarded standings — pure, given the contest's rules.

The store gathers sheets and theory scores; this module decides nothing about who may see what.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from rubrics.model import ModuleRubric, VetoEffect
from scoresheets.arithmetic import score_sheet
from scoresheets.awards import AwardPolicy, AwardResult, assign_awards
from scoresheets.model import JudgeSheet, SheetResult
from scoresheets.numbers import Rounding
from scoresheets.panel import (
    AggregationLevel,
    AggregationRule,
    PanelResult,
    SpreadAlert,
    Tolerance,
    VetoConfirmation,
    VetoDecision,
    VetoQuorum,
    panel_score,
    spread_alerts,
)
from scoresheets.ranking import RankedEntry, TieBreak, rank
from scoresheets.totals import ContestantScores, ContestantTotal, Weights, compute_total


@dataclass(frozen=True)
class ModulePlan:
    """How one practical module is judged and weighted."""

    rubric: ModuleRubric
    weight: Decimal = Decimal(1)
    rule: AggregationRule = AggregationRule.TRIMMED_MEAN
    level: AggregationLevel = AggregationLevel.SHEET
    panel_size: int = 5
    veto_quorum: VetoQuorum = VetoQuorum.MAJORITY
    tolerance: Tolerance = field(default_factory=Tolerance)
    veto_confirmation: VetoConfirmation = VetoConfirmation.PANEL


@dataclass(frozen=True)
class StandingsRules:
    """Everything the contest configuration says about turning marks into standings."""

    modules: tuple[ModulePlan, ...]
    theory_weight: Decimal = Decimal("0.2")
    rounding: Rounding = field(default_factory=Rounding)
    tiebreak: TieBreak = field(default_factory=TieBreak)
    awards: AwardPolicy | None = None

    def plan(self, module_id: str) -> ModulePlan:
        """The plan of ``module_id``."""
        return next(p for p in self.modules if p.rubric.id == module_id)

    @property
    def weights(self) -> Weights:
        """Theory and module weights."""
        return Weights(self.theory_weight, {p.rubric.id: p.weight for p in self.modules})


@dataclass(frozen=True)
class Standings:
    """Standings with everything needed to explain them."""

    entries: tuple[RankedEntry, ...]
    awards: AwardResult | None
    panels: Mapping[tuple[str, str], PanelResult]
    alerts: tuple[SpreadAlert, ...]
    short_panels: Mapping[tuple[str, str], int]
    """(contestant, module) → number of complete sheets, where fewer than the panel size are in."""

    def entry(self, contestant: str) -> RankedEntry:
        """The entry of one contestant."""
        return next(e for e in self.entries if e.contestant == contestant)

    def total(self, contestant: str) -> ContestantTotal:
        """The total of one contestant."""
        return self.entry(contestant).result


@dataclass(frozen=True)
class PanelOutcome:
    """What one panel (a contestant's sheets in one module) contributes to the standings."""

    result: PanelResult | None
    """The aggregated module score; ``None`` when fewer than the minimum number of sheets are in."""
    sheets: int
    """How many submitted sheets the panel had."""
    alerts: tuple[SpreadAlert, ...] = ()


def score_panel(
    plan: ModulePlan,
    sheets: Sequence[JudgeSheet],
    rounding: Rounding,
    *,
    min_sheets: int = 1,
    veto_decision: VetoDecision | None = None,
) -> PanelOutcome:
    """Score one panel's sheets and aggregate them. Depends on nothing but its arguments, so a caller may keep
    the outcome for as long as the panel's sheets, the chief judge's ``veto_decision`` and the rules are
    unchanged."""
    results = [score_sheet(plan.rubric, s, rounding=rounding) for s in sheets]
    return panel_outcome(plan, results, rounding, min_sheets=min_sheets, veto_decision=veto_decision)


def panel_outcome(
    plan: ModulePlan,
    results: Sequence[SheetResult],
    rounding: Rounding,
    *,
    min_sheets: int = 1,
    veto_decision: VetoDecision | None = None,
) -> PanelOutcome:
    """:func:`score_panel` from the sheets' results (each as :func:`~scoresheets.arithmetic.score_sheet` gives
    it, or rebuilt from stored item scores by :func:`~scoresheets.arithmetic.sheet_result`)."""
    if len(results) < max(1, min_sheets):
        return PanelOutcome(None, len(results))
    rule = plan.rule
    if rule == AggregationRule.TRIMMED_MEAN and len(results) < 3:
        rule = AggregationRule.MEAN
    pr = panel_score(
        plan.rubric,
        results,
        rule=rule,
        level=plan.level,
        veto_quorum=plan.veto_quorum,
        rounding=rounding,
        veto_confirmation=plan.veto_confirmation,
        veto_decision=veto_decision,
    )
    alerts = spread_alerts(
        plan.rubric,
        results,
        plan.tolerance,
        before_veto=plan.veto_confirmation == VetoConfirmation.CHIEF,
    )
    return PanelOutcome(pr, len(results), tuple(alerts))


def compute_standings(
    rules: StandingsRules,
    contestants: Sequence[str],
    sheets: Mapping[tuple[str, str], Sequence[JudgeSheet]],
    theory: Mapping[str, Decimal | None],
    *,
    lots: Mapping[str, int] | None = None,
    times: Mapping[str, int] | None = None,
    disqualified: Mapping[str, str] | None = None,
    min_sheets: int = 1,
    veto_decisions: Mapping[tuple[str, str], VetoDecision] | None = None,
) -> Standings:
    """Score every sheet, aggregate panels, total, rank and award.

    ``sheets`` maps (contestant, module id) to that panel's submitted sheets. A panel with fewer than
    ``min_sheets`` sheets leaves the module score missing (and the total incomplete). ``veto_decisions`` are the
    chief judge's decisions on veto proposals by (contestant, module id), for modules whose vetoes the chief
    judge confirms.
    """
    outcomes = {
        (c, plan.rubric.id): score_panel(
            plan,
            sheets.get((c, plan.rubric.id), ()),
            rules.rounding,
            min_sheets=min_sheets,
            veto_decision=(veto_decisions or {}).get((c, plan.rubric.id)),
        )
        for c in contestants
        for plan in rules.modules
    }
    return rank_panels(
        rules, contestants, outcomes, theory, lots=lots, times=times, disqualified=disqualified
    )


def rank_panels(
    rules: StandingsRules,
    contestants: Sequence[str],
    outcomes: Mapping[tuple[str, str], PanelOutcome],
    theory: Mapping[str, Decimal | None],
    *,
    lots: Mapping[str, int] | None = None,
    times: Mapping[str, int] | None = None,
    disqualified: Mapping[str, str] | None = None,
    barred: Mapping[str, str] | None = None,
    panel_sizes: Mapping[tuple[str, str], int] | None = None,
) -> Standings:
    """Total, rank and award from each panel's outcome (see :func:`score_panel`); a (contestant, module) pair
    missing from ``outcomes`` counts as a panel with no sheets. ``barred`` contestants are ranked but get no
    award (see :func:`~scoresheets.awards.assign_awards`). ``panel_sizes`` gives the panel size of a
    (contestant, module) pair when it is not the plan's (a judge in 回避 leaves a smaller panel; a contestant not
    marked in the module has 0): a panel is short only below its own size."""
    panels: dict[tuple[str, str], PanelResult] = {}
    alerts: list[SpreadAlert] = []
    short: dict[tuple[str, str], int] = {}
    dq: dict[str, str] = dict(disqualified or {})
    totals: list[ContestantTotal] = []
    empty = PanelOutcome(None, 0)
    for c in contestants:
        module_scores: dict[str, Decimal | None] = {}
        for plan in rules.modules:
            mid = plan.rubric.id
            outcome = outcomes.get((c, mid), empty)
            if outcome.sheets < (panel_sizes or {}).get((c, mid), plan.panel_size):
                short[(c, mid)] = outcome.sheets
            pr = outcome.result
            if pr is None:
                module_scores[mid] = None
                continue
            panels[(c, mid)] = pr
            alerts.extend(outcome.alerts)
            module_scores[mid] = pr.score
            if pr.veto is not None and pr.veto.effect == VetoEffect.DISQUALIFY and c not in dq:
                dq[c] = f"{plan.rubric.code} {pr.veto.code} {pr.veto.text.zh}"
        scores = ContestantScores(
            contestant=c,
            theory=theory.get(c),
            modules=module_scores,
            disqualified=dq.get(c),
            seconds_used=(times or {}).get(c),
        )
        totals.append(compute_total(scores, rules.weights, rules.rounding))
    entries = rank(totals, rules.tiebreak, lots)
    awards = assign_awards(entries, rules.awards, barred) if rules.awards else None
    return Standings(tuple(entries), awards, panels, tuple(alerts), short)
