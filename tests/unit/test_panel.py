"""Panels: 3- and 5-judge trimmed means per item and per sheet, medians, vetoes with a quorum, spread alerts and
judge statistics. Every expected number is worked by hand in the docstring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import ded, judgement, measurement, module, sheet, veto

from rubrics import VetoEffect
from scoresheets import (
    AggregationLevel,
    AggregationRule,
    Rounding,
    ScoresheetError,
    Tolerance,
    VetoQuorum,
    aggregate,
    half_up,
    judge_stats,
    panel_score,
    score_sheet,
    spread_alerts,
)

D = Decimal

# M1 measurement 6 (M1a 1 each, cap 4; M1b 2), J1 judgement 7, M2 measurement 2 (scored directly) = 15 points.
RUBRIC = module(
    measurement("M1", 6, ded("M1a", 1, repeatable=True, cap=4), ded("M1b", 2)),
    judgement("J1", 7),
    measurement("M2", 2),
    vetoes=[veto("V1", VetoEffect.ZERO_MODULE), veto("V2", VetoEffect.DISQUALIFY)],
)
MARKS = {
    #     M1 deductions → score        J1 level → 7×L/3   M2 direct
    "A": {"M1": (("M1a", 1),), "J1": 2, "M2": "2"},  # 5     4.67    2    = 11.67
    "B": {"M1": (("M1a", 2), ("M1b", 1)), "J1": 3, "M2": "2"},  # 2     7.00    2    = 11.00
    "C": {"M1": (), "J1": 1, "M2": "0"},  # 6     2.33    0    =  8.33
    "D": {"M1": (("M1a", 2),), "J1": 2, "M2": "1"},  # 4     4.67    1    =  9.67
    "E": {"M1": (("M1a", 1), ("M1b", 1)), "J1": 3, "M2": "2"},  # 3     7.00    2    = 12.00
}


def results(judges: str, contestant: str = "07", rounding: Rounding | None = None, **kw: object) -> list:
    """Scored sheets of the named judges for one contestant; ``kw`` maps judge → veto code or seconds."""
    out = []
    for j in judges:
        extra = kw.get(j, {})
        assert isinstance(extra, dict)
        out.append(score_sheet(RUBRIC, sheet(RUBRIC, j, contestant, MARKS[j], **extra), rounding=rounding))
    return out


def test_sheet_totals_used_below() -> None:
    """The per-judge sheets behind every example (item scores rounded at item level, as on paper)."""
    totals = {r.judge: r.total for r in results("ABCDE")}
    assert totals == {"A": D("11.67"), "B": D("11.00"), "C": D("8.33"), "D": D("9.67"), "E": D("12.00")}
    assert results("A")[0].item_scores == {"M1": D(5), "J1": D("4.67"), "M2": D(2)}


def test_three_judges_trimmed_mean_per_item() -> None:
    """Three judges, trimmed mean per item (= the median):
    M1: B 2, A 5, C 6 → keep A 5; drop B (low) and C (high).
    J1: C 2.33, A 4.67, B 7.00 → keep 4.67; drop C and B.
    M2: C 0, A 2, B 2 → keep 2; the tie 2 = 2 is broken by judge code, so A is kept and B dropped as high.
    Module = 5 + 4.67 + 2 = 11.67."""
    p = panel_score(RUBRIC, results("ABC"))
    assert p.item_scores == {"M1": D(5), "J1": D("4.67"), "M2": D(2)}
    assert p.dropped == {"M1": ("B", "C"), "J1": ("C", "B"), "M2": ("C", "B")}
    assert p.score == D("11.67")
    assert p.veto is None and p.veto_votes == 0 and not p.disqualified
    assert [s.judge for s in p.sheets] == ["A", "B", "C"]


def test_three_judges_other_rules() -> None:
    """Per item mean: M1 (5+2+6)/3 = 4.33; J1 (4.67+7+2.33)/3 = 14/3 = 4.67; M2 (2+2+0)/3 = 1.33 → 10.33.
    Per sheet trimmed: C 8.33, B 11.00, A 11.67 → keep B 11.00; drop C (low) and A (high) — not the same as
    per item (11.67), because per item each item's middle mark may come from a different judge.
    Per item median = per item trimmed mean for three judges."""
    mean = panel_score(RUBRIC, results("ABC"), rule=AggregationRule.MEAN)
    assert mean.item_scores == {"M1": D("4.33"), "J1": D("4.67"), "M2": D("1.33")}
    assert mean.score == D("10.33") and mean.dropped == {}
    per_sheet = panel_score(RUBRIC, results("ABC"), level=AggregationLevel.SHEET)
    assert per_sheet.score == D("11.00") and per_sheet.dropped == {"sheet": ("C", "A")}
    assert per_sheet.item_scores == {}
    median = panel_score(RUBRIC, results("ABC"), rule=AggregationRule.MEDIAN)
    assert (
        median.score == D("11.67") and median.item_scores == panel_score(RUBRIC, results("ABC")).item_scores
    )


def test_five_judges_trimmed_mean_per_item() -> None:
    """Five judges, drop one highest and one lowest per item, mean of the other three:
    M1: B 2, E 3, D 4, A 5, C 6 → drop B, C → (3+4+5)/3 = 4.00.
    J1: C 2.33, A 4.67, D 4.67, B 7.00, E 7.00 → drop C and E (7 = 7, E sorts after B) →
        (4.67+4.67+7.00)/3 = 16.34/3 = 5.4466… → 5.45.
    M2: C 0, D 1, A 2, B 2, E 2 → drop C, E → (1+2+2)/3 = 1.666… → 1.67.
    Module = 4.00 + 5.45 + 1.67 = 11.12 (and the items sum to the module score to the cent)."""
    p = panel_score(RUBRIC, results("ABCDE"))
    assert p.item_scores == {"M1": D("4.00"), "J1": D("5.45"), "M2": D("1.67")}
    assert p.dropped == {"M1": ("B", "C"), "J1": ("C", "E"), "M2": ("C", "E")}
    assert p.score == D("11.12") == sum(p.item_scores.values())


def test_five_judges_without_item_rounding() -> None:
    """Rounding only the module: J1 keeps thirds, (14/3 + 14/3 + 7)/3 = 49/9 = 5.444…; M2 5/3;
    module = 4 + 49/9 + 15/9 = 4 + 64/9 = 100/9 = 11.111… → 11.11 (not 11.12: where rounding happens matters)."""
    only_module = Rounding(at=frozenset({"module"}))
    p = panel_score(RUBRIC, results("ABCDE", rounding=only_module), rounding=only_module)
    assert p.score == D("11.11")
    assert abs(p.item_scores["J1"] - D(49) / 9) < D("1e-25") and half_up(p.item_scores["J1"]) == D("5.44")


def test_five_judges_per_sheet_and_median() -> None:
    """Sheets: C 8.33, D 9.67, B 11.00, A 11.67, E 12.00.
    Trimmed: drop C and E → (11.00 + 11.67 + 9.67)/3 = 32.34/3 = 10.78.  Median: B 11.00."""
    trimmed = panel_score(RUBRIC, results("ABCDE"), level=AggregationLevel.SHEET)
    assert trimmed.score == D("10.78") and trimmed.dropped == {"sheet": ("C", "E")}
    median = panel_score(RUBRIC, results("ABCDE"), level=AggregationLevel.SHEET, rule=AggregationRule.MEDIAN)
    assert median.score == D("11.00") and median.dropped == {"sheet": ("C", "D", "A", "E")}


def test_overtime_is_aggregated_like_a_mark() -> None:
    """Limit 300 s. A timed 361 s (61 s over → 2 started minutes → 4), B 425 s (125 s → 3 → 6), C 300 s (0).
    Median overtime = 4; module = 11.67 − 4 = 7.67."""
    p = panel_score(
        RUBRIC, results("ABC", A={"seconds_used": 361}, B={"seconds_used": 425}, C={"seconds_used": 300})
    )
    assert [s.overtime_deduction for s in p.sheets] == [D(4), D(6), D(0)]
    assert p.overtime_deduction == D(4) and p.score == D("7.67")


def test_zero_module_veto_needs_a_majority() -> None:
    """Two of three judges record V1 (zero_module): the module scores 0, the contestant stays in the ranking.
    One of three: no veto (score 11.67), but the vote is counted."""
    p = panel_score(RUBRIC, results("ABC", A={"veto": "V1"}, C={"veto": "V1"}))
    assert p.score == D(0) and p.veto is not None and p.veto.code == "V1"
    assert p.veto_votes == 2 and not p.disqualified
    assert p.item_scores["J1"] == D("4.67")  # kept for review
    p = panel_score(RUBRIC, results("ABC", B={"veto": "V1"}))
    assert p.score == D("11.67") and p.veto is None and p.veto_votes == 1


@pytest.mark.parametrize(
    ("quorum", "votes", "applies"),
    [
        (VetoQuorum.ANY, "A", True),
        (VetoQuorum.MAJORITY, "A", False),
        (VetoQuorum.MAJORITY, "AB", True),
        (VetoQuorum.ALL, "AB", False),
        (VetoQuorum.ALL, "ABC", True),
    ],
)
def test_veto_quorum(quorum: VetoQuorum, votes: str, applies: bool) -> None:
    p = panel_score(RUBRIC, results("ABC", **{j: {"veto": "V1"} for j in votes}), veto_quorum=quorum)
    assert (p.veto is not None) is applies
    assert p.score == (D(0) if applies else D("11.67"))


def test_disqualify_veto() -> None:
    """Two of three record V2 (disqualify): module 0 and the panel says disqualified."""
    p = panel_score(RUBRIC, results("ABC", A={"veto": "V2"}, B={"veto": "V2"}))
    assert p.disqualified and p.score == D(0) and p.veto is not None and p.veto.code == "V2"


def test_most_severe_recorded_veto_applies() -> None:
    """A records V1 (zero), B records V2 (disqualify): two votes reach the majority; the severer rule applies."""
    p = panel_score(RUBRIC, results("ABC", A={"veto": "V1"}, B={"veto": "V2"}))
    assert p.veto is not None and p.veto.code == "V2" and p.veto_votes == 2


def test_panel_refusals() -> None:
    with pytest.raises(ScoresheetError, match="at least one sheet"):
        panel_score(RUBRIC, [])
    a = results("A")[0]
    with pytest.raises(ScoresheetError, match="judge appears twice"):
        panel_score(RUBRIC, [a, a, results("B")[0]])
    with pytest.raises(ScoresheetError, match="different contestants"):
        panel_score(RUBRIC, [a, results("B", contestant="08")[0], results("C")[0]])
    with pytest.raises(ScoresheetError, match="at least 3 judges"):
        panel_score(RUBRIC, results("AB"))
    partial = score_sheet(RUBRIC, sheet(RUBRIC, "C", "07", {"J1": 1}), require_complete=False)
    with pytest.raises(ScoresheetError, match="incomplete"):
        panel_score(RUBRIC, [*results("AB"), partial])


def test_aggregate_directly() -> None:
    """Median of four = mean of the middle two: (2 + 3)/2 = 2.5, dropping the extremes.
    Trimmed mean of four: drop 1 and 4 → (2 + 3)/2 = 2.5.  Mean: 10/4 = 2.5, nothing dropped."""
    marks = [("w", D(4)), ("x", D(1)), ("y", D(3)), ("z", D(2))]
    med = aggregate(marks, AggregationRule.MEDIAN)
    assert med.value == D("2.5") and med.dropped == ("x", "w")
    tm = aggregate(marks, AggregationRule.TRIMMED_MEAN)
    assert tm.value == D("2.5") and tm.dropped == ("x", "w")
    assert aggregate(marks, AggregationRule.MEAN).dropped == ()
    with pytest.raises(ScoresheetError):
        aggregate([], AggregationRule.MEAN)


# ---------------------------------------------------------------- spread alerts


def test_spread_alerts() -> None:
    """J1 levels: A 2, B 3, C 1 → spread 2 > 1 → alert. Sheet totals 11.67, 11.00, 8.33 → spread 3.34:
    no alert at the default limit 10, an alert at limit 3. Measurement check off by default; at limit 3,
    M1 (5, 2, 6) spread 4 alerts and M2 (2, 2, 0) spread 2 does not."""
    sheets = results("CBA")  # arrival order does not matter: marks are listed by judge code
    (alert,) = spread_alerts(RUBRIC, sheets, Tolerance())
    assert alert.item_id == "J1" and alert.spread == D(2) and alert.limit == D(1)
    assert alert.marks == (("A", D(2)), ("B", D(3)), ("C", D(1)))
    alerts = spread_alerts(
        RUBRIC, sheets, Tolerance(judgement_levels=None, measurement_points=D(3), sheet_total=D(3))
    )
    assert [(a.item_id, a.spread) for a in alerts] == [("M1", D(4)), (None, D("3.34"))]
    assert spread_alerts(RUBRIC, results("ABD"), Tolerance(judgement_levels=1)) == []  # levels 2, 3, 2


def test_spread_alert_counts_a_veto_as_zero() -> None:
    """A records V1: A's sheet counts 0 after the veto, so totals 0, 11.00, 8.33 spread 11.00 > 10."""
    alerts = spread_alerts(RUBRIC, results("ABC", A={"veto": "V1"}), Tolerance(judgement_levels=None))
    assert [(a.item_id, a.spread) for a in alerts] == [(None, D("11.00"))]


def test_no_alerts_for_a_single_sheet() -> None:
    assert spread_alerts(RUBRIC, results("A"), Tolerance(judgement_levels=0, sheet_total=D(0))) == []


# ---------------------------------------------------------------- judge statistics


def test_judge_stats() -> None:
    """Panel 1 (contestant 07, A B C): score 11.67; deviations A 0, B −0.67, C −3.34.
    Panel 2 (contestant 08, same marks, A and B veto) is left out.
    Panel 3 (contestant 09, A B D): per item M1 (5,2,4) → 4; J1 (4.67,7,4.67) → 4.67; M2 (2,2,1) → 2 → 10.67;
    deviations A +1.00, B +0.33, D −1.00.
    A: mean (0 + 1)/2 = 0.5, max 1.  B: mean (−0.67 + 0.33)/2 = −0.17, |mean| (0.67 + 0.33)/2 = 0.5."""
    p1 = panel_score(RUBRIC, results("ABC"))
    p2 = panel_score(RUBRIC, results("ABC", contestant="08", A={"veto": "V1"}, B={"veto": "V1"}))
    p3 = panel_score(RUBRIC, results("ABD", contestant="09"))
    assert p3.score == D("10.67")
    stats = {s.judge: s for s in judge_stats([p1, p2, p3])}
    assert list(stats) == ["A", "B", "C", "D"]
    assert (
        stats["A"].sheets == 2
        and stats["A"].mean_deviation == D("0.5")
        and stats["A"].max_abs_deviation == D(1)
    )
    assert stats["B"].mean_deviation == D("-0.17") and stats["B"].mean_abs_deviation == D("0.5")
    assert stats["C"].sheets == 1 and stats["C"].mean_deviation == D("-3.34")
    assert stats["D"].mean_deviation == D("-1.00")
