"""Veto confirmation by the chief judge (``[scoring] veto_confirmation = "chief"``): a judge's veto is a proposal
(否决建议); the module is zeroed only when the chief judge confirms exactly the proposals on the sheets. Every
expected number is worked by hand in the docstring (the sheets are those of ``test_panel``)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from test_panel import RUBRIC, results

from scoresheets import (
    ItemEntry,
    JudgeSheet,
    ModulePlan,
    Rounding,
    StandingsRules,
    VetoConfirmation,
    VetoDecision,
    VetoQuorum,
    compute_standings,
    panel_score,
    score_panel,
)

D = Decimal
CHIEF = VetoConfirmation.CHIEF


def test_one_judges_veto_is_a_pending_proposal_not_a_zero() -> None:
    """Judges A, B, C (sheet totals 11.67, 11.00, 8.33; trimmed mean per item 5 + 4.67 + 2 = 11.67). Only B records
    V1. Under the panel's majority nothing happens (1 of 3); under the chief judge's confirmation it is a
    proposal: the marks count (11.67) and the veto is pending."""
    sheets = results("ABC", B={"veto": "V1"})
    panel = panel_score(RUBRIC, sheets)
    assert panel.score == D("11.67") and panel.veto is None and not panel.veto_pending
    p = panel_score(RUBRIC, sheets, veto_confirmation=CHIEF)
    assert p.score == D("11.67") and p.veto is None and p.veto_pending and p.veto_votes == 1


def test_even_a_unanimous_veto_waits_for_the_chief_judge() -> None:
    """All three record V1: the panel's majority would zero the module; under ``chief`` it is still pending and the
    quorum is not used (not even ``all``)."""
    sheets = results("ABC", A={"veto": "V1"}, B={"veto": "V1"}, C={"veto": "V1"})
    assert panel_score(RUBRIC, sheets).score == D(0)
    p = panel_score(RUBRIC, sheets, veto_quorum=VetoQuorum.ALL, veto_confirmation=CHIEF)
    assert p.score == D("11.67") and p.veto is None and p.veto_pending and p.veto_votes == 3


def test_confirmed_proposal_zeroes_the_module() -> None:
    """B's V1 confirmed by the chief judge (the decision answered {(B, V1)}): the module scores 0, V1 applies."""
    sheets = results("ABC", B={"veto": "V1"})
    yes = VetoDecision(True, frozenset({("B", "V1")}))
    p = panel_score(RUBRIC, sheets, veto_confirmation=CHIEF, veto_decision=yes)
    assert p.score == D(0) and p.veto is not None and p.veto.code == "V1" and not p.veto_pending
    assert p.item_scores["J1"] == D("4.67")  # the marks are kept for review


def test_rejected_proposal_counts_normally() -> None:
    """B's V1 rejected: the module scores as marked, 11.67, and nothing is pending."""
    sheets = results("ABC", B={"veto": "V1"})
    no = VetoDecision(False, frozenset({("B", "V1")}))
    p = panel_score(RUBRIC, sheets, veto_confirmation=CHIEF, veto_decision=no)
    assert p.score == D("11.67") and p.veto is None and not p.veto_pending and p.veto_votes == 1


def test_a_decision_answers_only_the_proposals_it_saw() -> None:
    """The chief judge confirmed B's V1; then A records V2 as well. The confirmation did not see A's proposal, so the
    panel's veto is pending again and the marks count (11.67) until the chief judge decides anew. A confirmation of
    both applies the severer rule, V2 (disqualify)."""
    sheets = results("ABC", A={"veto": "V2"}, B={"veto": "V1"})
    old = VetoDecision(True, frozenset({("B", "V1")}))
    p = panel_score(RUBRIC, sheets, veto_confirmation=CHIEF, veto_decision=old)
    assert p.veto is None and p.veto_pending and p.score == D("11.67")
    both = VetoDecision(True, frozenset({("A", "V2"), ("B", "V1")}))
    p = panel_score(RUBRIC, sheets, veto_confirmation=CHIEF, veto_decision=both)
    assert p.veto is not None and p.veto.code == "V2" and p.disqualified and p.score == D(0)


def test_a_decision_without_proposals_does_nothing() -> None:
    """B withdrew the veto after it was confirmed: no proposal, no veto, nothing pending (11.67)."""
    old = VetoDecision(True, frozenset({("B", "V1")}))
    p = panel_score(RUBRIC, results("ABC"), veto_confirmation=CHIEF, veto_decision=old)
    assert p.veto is None and not p.veto_pending and p.score == D("11.67")


def _sheet(judge: str, contestant: str, veto: str | None = None) -> JudgeSheet:
    """M1 no deduction (6), J1 level 3 (7), M2 2: 15 points."""
    return JudgeSheet(
        judge, contestant, (ItemEntry("M1"), ItemEntry("J1", level=3), ItemEntry("M2", score=D(2))), veto
    )


def test_standings_take_the_decisions_by_contestant_and_module() -> None:
    """Two contestants, both with one proposal by judge A (V1) on perfect sheets (15 each). X's is confirmed
    (module 0, total 0), Y's is undecided (module 15, pending): Y ranks first on 15 × 0.8 = 12.00 (theory 0)."""
    rules = StandingsRules(
        (ModulePlan(RUBRIC, panel_size=3, veto_confirmation=CHIEF),), theory_weight=D("0.2")
    )
    sheets = {(c, RUBRIC.id): [_sheet("A", c, "V1"), _sheet("B", c), _sheet("C", c)] for c in ("X", "Y")}
    decisions = {("X", RUBRIC.id): VetoDecision(True, frozenset({("A", "V1")}))}
    st = compute_standings(rules, ["X", "Y"], sheets, {"X": D(0), "Y": D(0)}, veto_decisions=decisions)
    assert st.panels[("X", RUBRIC.id)].score == D(0)
    assert st.panels[("Y", RUBRIC.id)].score == D(15) and st.panels[("Y", RUBRIC.id)].veto_pending
    assert st.total("Y").total == D("12.00") and st.entry("Y").rank == 1
    assert st.total("X").total == D(0)


def test_a_proposal_is_no_spread_alert_when_the_chief_judge_decides() -> None:
    """A records V1 on a perfect sheet (15) beside B and C (15 each), tolerance 10 on sheet totals. Under the
    panel's quorum the sheets differ by 15 − 0 = 15 > 10 (an alert, as before); under ``chief`` the totals are
    compared before the veto (0 apart): the proposal is settled by the decision, not by returning a sheet."""
    plan = ModulePlan(RUBRIC, panel_size=3)
    sheets = [_sheet("A", "X", "V1"), _sheet("B", "X"), _sheet("C", "X")]
    panel = score_panel(plan, sheets, Rounding())
    assert [(a.item_id, a.spread) for a in panel.alerts] == [(None, D(15))]
    chief = score_panel(replace(plan, veto_confirmation=CHIEF), sheets, Rounding())
    assert chief.alerts == () and chief.result is not None and chief.result.veto_pending
