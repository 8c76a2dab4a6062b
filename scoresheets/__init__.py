"""How marks become results: one judge's sheet, panel aggregation, totals, ranking, awards, judge statistics.

Pure and exact: Decimal everywhere, half-up rounding only where :class:`~scoresheets.numbers.Rounding` says.
"""

from scoresheets.arithmetic import check_entry, item_score, score_sheet
from scoresheets.awards import (
    AwardLine,
    AwardPolicy,
    AwardResult,
    AwardTier,
    Remark,
    TiePolicy,
    TierMode,
    TitleRule,
    assign_awards,
)
from scoresheets.errors import EntryRefused, ScoresheetError, SheetIncomplete, UnresolvedTie
from scoresheets.model import Applied, ItemEntry, JudgeSheet, SheetResult
from scoresheets.numbers import Rounding, from_cents, half_up, to_cents
from scoresheets.panel import (
    AggregationLevel,
    AggregationRule,
    PanelResult,
    SpreadAlert,
    Tolerance,
    VetoConfirmation,
    VetoDecision,
    VetoQuorum,
    aggregate,
    panel_score,
    spread_alerts,
    veto_votes,
)
from scoresheets.ranking import RankedEntry, TieBreak, explain, rank
from scoresheets.stability import StabilityReport, medal_stability
from scoresheets.standings import (
    ModulePlan,
    PanelOutcome,
    Standings,
    StandingsRules,
    compute_standings,
    rank_panels,
    score_panel,
)
from scoresheets.stats import JudgeStats, judge_stats
from scoresheets.totals import ContestantScores, ContestantTotal, Weights, compute_total
from scoresheets.typed import (
    TypedProblem,
    TypedScoreRefusal,
    parse_typed_score,
    typed_score_allowed,
    typed_score_refusal,
)

__all__ = [
    "StabilityReport",
    "medal_stability",
    "AggregationLevel",
    "AggregationRule",
    "Applied",
    "AwardLine",
    "AwardPolicy",
    "AwardResult",
    "AwardTier",
    "ContestantScores",
    "ContestantTotal",
    "EntryRefused",
    "ItemEntry",
    "JudgeSheet",
    "JudgeStats",
    "ModulePlan",
    "PanelResult",
    "RankedEntry",
    "Remark",
    "Rounding",
    "ScoresheetError",
    "SheetIncomplete",
    "SheetResult",
    "SpreadAlert",
    "Standings",
    "StandingsRules",
    "TieBreak",
    "TiePolicy",
    "TierMode",
    "TitleRule",
    "Tolerance",
    "UnresolvedTie",
    "VetoConfirmation",
    "VetoDecision",
    "VetoQuorum",
    "veto_votes",
    "Weights",
    "aggregate",
    "assign_awards",
    "check_entry",
    "compute_standings",
    "PanelOutcome",
    "rank_panels",
    "score_panel",
    "compute_total",
    "explain",
    "from_cents",
    "half_up",
    "item_score",
    "judge_stats",
    "panel_score",
    "rank",
    "score_sheet",
    "spread_alerts",
    "to_cents",
    "TypedProblem",
    "TypedScoreRefusal",
    "parse_typed_score",
    "typed_score_allowed",
    "typed_score_refusal",
]
