"""Medal stability: would any award change if one judge were left out, or under the alternative panel rule?

Pure: recomputes :func:`scoresheets.standings.compute_standings` under each alternative and lists every
contestant whose award differs. For the chief judge before publication; it changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoresheets.model import JudgeSheet
from scoresheets.panel import AggregationRule, VetoDecision
from scoresheets.standings import StandingsRules, compute_standings

ALTERNATIVE_RULE = {
    AggregationRule.TRIMMED_MEAN: AggregationRule.MEDIAN,
    AggregationRule.MEDIAN: AggregationRule.MEAN,
    AggregationRule.MEAN: AggregationRule.TRIMMED_MEAN,
}


@dataclass(frozen=True)
class Scenario:
    """One alternative: a judge left out, or another aggregation rule."""

    key: str
    """``without:<judge>`` or ``rule:<rule>``."""
    awards: Mapping[str, str | None]


@dataclass(frozen=True)
class StabilityReport:
    """Current awards, every scenario, and the contestants whose award changes in at least one."""

    current: Mapping[str, str | None]
    scenarios: tuple[Scenario, ...]
    unstable: tuple[str, ...]


def _awards(
    rules: StandingsRules,
    contestants: Sequence[str],
    sheets: Mapping[tuple[str, str], Sequence[JudgeSheet]],
    theory: Mapping[str, Decimal | None],
    lots: Mapping[str, int] | None,
    decisions: Mapping[tuple[str, str], VetoDecision] | None = None,
) -> dict[str, str | None]:
    st = compute_standings(rules, contestants, sheets, theory, lots=lots, veto_decisions=decisions)
    if st.awards is None:
        return dict.fromkeys(contestants)
    return {c: st.awards.award_of(c) for c in contestants}


def medal_stability(
    rules: StandingsRules,
    contestants: Sequence[str],
    sheets: Mapping[tuple[str, str], Sequence[JudgeSheet]],
    theory: Mapping[str, Decimal | None],
    *,
    lots: Mapping[str, int] | None = None,
    veto_decisions: Mapping[tuple[str, str], VetoDecision] | None = None,
) -> StabilityReport:
    """Recompute awards leaving each judge out in turn, and with each module's alternative rule (the chief
    judge's ``veto_decisions`` hold in every scenario, as far as the scenario's proposals are the ones decided)."""
    current = _awards(rules, contestants, sheets, theory, lots, veto_decisions)
    judges = sorted({s.judge for panel in sheets.values() for s in panel})
    scenarios: list[Scenario] = []
    for j in judges:
        reduced = {k: [s for s in v if s.judge != j] for k, v in sheets.items()}
        scenarios.append(
            Scenario(f"without:{j}", _awards(rules, contestants, reduced, theory, lots, veto_decisions))
        )
    alt_plans = tuple(dataclasses.replace(p, rule=ALTERNATIVE_RULE[p.rule]) for p in rules.modules)
    alt_rules = dataclasses.replace(rules, modules=alt_plans)
    label = "/".join(sorted({p.rule.value for p in alt_plans}))
    scenarios.append(
        Scenario(f"rule:{label}", _awards(alt_rules, contestants, sheets, theory, lots, veto_decisions))
    )
    unstable = tuple(c for c in contestants if any(s.awards.get(c) != current.get(c) for s in scenarios))
    return StabilityReport(current, tuple(scenarios), unstable)
