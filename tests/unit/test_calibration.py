"""Calibration agreement figures, worked out by hand (scoresheets/calibration.py).

The contest below uses the README's example module: X1 (7 points, rule X1a −1 each, repeatable) and X2 (a 3-point
judgement item, so its score equals the level). Three judges mark three calibration performances:

======  =========================  ==================  ==============
perf    X1a applied (J1, J2, J3)   X1 scores            X2 levels
======  =========================  ==================  ==============
P1      1, 1, 3                    6, 6, 4  (med 6)     3, 2, 1 (med 2)
P2      0, 2, 0                    7, 5, 7  (med 7)     2, 2, 2 (med 2)
P3      2, 2, 2                    5, 5, 5  (med 5)     1, 2, 1 (med 1)
======  =========================  ==================  ==============

- X1: |deviations| 0,0,2 · 0,2,0 · 0,0,0 → MAD 4/9, share 4/63 ≈ 6.3 % (under 10 %), spread 2. On P2 only J2
  applied X1a → a rule split, flagged "rules".
- X2: |deviations| 1,0,1 · 0,0,0 · 0,1,0 → MAD 3/9 = 1/3, share 1/9 ≈ 11.1 % > 10 % → "spread"; on P1 levels 3 and 1
  are 2 apart > 1 → "levels".
- Totals: P1 9, 8, 5 (med 8) · P2 9, 7, 9 (med 9) · P3 6, 7, 6 (med 6). Bias J1 (1+0+0)/3 = 1/3, J2 (0−2+1)/3 = −1/3,
  J3 (−3+0+0)/3 = −1.
- Judge MAD over 6 item marks: J1 (0,0,0,1,0,0) = 1/6, J2 (0,2,0,0,0,1) = 1/2, J3 (2,0,0,1,0,0) = 1/2.
- Kendall's W of the totals. Ranks (1 = best, ties averaged): J1 P1 1.5, P2 1.5, P3 3; J2 1, 2.5, 2.5; J3 3, 1, 2.
  Rank sums 5.5, 5, 7.5, mean 6, S = 0.25 + 1 + 2.25 = 3.5. Ties: J1 and J2 one pair each, T = 6 + 6 = 12.
  W = 12·3.5 / (3²·(27 − 3) − 3·12) = 42 / 180 = 7/30 ≈ 0.233.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from scoresheets.calibration import CalibrationRules, calibration_report, kendall_w, median
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from tests.unit.factories import load_module

D = Decimal


def _sheet(judge: str, perf: str, x1a: int, level: int, veto: str | None = None) -> JudgeSheet:
    deductions = (Applied("X1a", x1a),) if x1a else ()
    return JudgeSheet(judge, perf, (ItemEntry("X1", deductions), ItemEntry("X2", level=level)), veto, 300)


MARKS = {
    "P1": [("J1", 1, 3), ("J2", 1, 2), ("J3", 3, 1)],
    "P2": [("J1", 0, 2), ("J2", 2, 2), ("J3", 0, 2)],
    "P3": [("J1", 2, 1), ("J2", 2, 2), ("J3", 2, 1)],
}


def _report(rules: CalibrationRules | None = None):
    sheets = {p: [_sheet(j, p, x, lv) for j, x, lv in marks] for p, marks in MARKS.items()}
    return calibration_report(load_module(), sheets, rules)


def test_item_figures_match_the_hand_worked_table() -> None:
    report = _report()
    x1, x2 = report.items
    assert x1.medians == {"P1": D(6), "P2": D(7), "P3": D(5)}
    assert x1.mad == D(4) / 9 and x1.mad_share == D(4) / 9 / 7
    assert x1.spread == 2 and x1.level_range is None
    assert [(s.performance, s.code, s.applied_by, s.judges) for s in x1.rule_splits] == [
        ("P2", "X1a", ("J2",), 3)
    ]
    assert x1.flags == ("rules",)
    assert x2.mad == D(1) / 3 and x2.level_range == 2
    assert x2.flags == ("levels", "spread")
    assert report.flagged == (x2, x1)  # worst share first


def test_judge_figures_and_bias() -> None:
    report = _report()
    by = {j.judge: j for j in report.judge_figures}
    assert report.median_totals == {"P1": D(8), "P2": D(9), "P3": D(6)}
    assert by["J1"].bias == D(1) / 3 and by["J2"].bias == D(-1) / 3 and by["J3"].bias == D(-1)
    assert by["J1"].mad == D(1) / 6 and by["J2"].mad == D("0.5") and by["J3"].mad == D("0.5")
    assert by["J2"].deviations == {"X1": D(-2) / 3, "X2": D(1) / 3}
    assert by["J1"].far_items == ("X2",) and by["J2"].far_items == ("X2",)
    assert all(j.marked == 3 for j in report.judge_figures)


def test_kendall_w_with_ties() -> None:
    report = _report()
    assert report.kendall_w == D(7) / 30
    assert report.w_judges == ("J1", "J2", "J3")


def test_tolerances_are_configuration() -> None:
    """With a 12 % tolerance X2's 11.1 % is no longer a spread; a level gap of 2 is tolerated at level_gap 2."""
    x2 = _report(CalibrationRules(share_tolerance=D("0.12"), level_gap=2)).items[1]
    assert x2.flags == ()


def test_a_judge_missing_a_performance_is_left_out_of_w_only() -> None:
    sheets = {p: [_sheet(j, p, x, lv) for j, x, lv in marks] for p, marks in MARKS.items()}
    sheets["P3"] = sheets["P3"][:2]  # J3 has not submitted P3
    report = calibration_report(load_module(), sheets)
    assert report.w_judges == ("J1", "J2")
    j3 = next(j for j in report.judge_figures if j.judge == "J3")
    assert j3.marked == 2
    assert report.median_totals["P3"] == D("6.5")  # J1 6, J2 7


def test_a_veto_zeroes_the_total_and_is_listed() -> None:
    sheets = {"P1": [_sheet("J1", "P1", 0, 3), _sheet("J2", "P1", 0, 3, veto="V1"), _sheet("J3", "P1", 0, 3)]}
    report = calibration_report(load_module(), sheets)
    assert report.totals["P1"] == {"J1": D(10), "J2": D(0), "J3": D(10)}
    assert report.vetoes == {"P1": {"J2": "V1"}}
    assert report.kendall_w is None  # one performance: nothing to order


def test_kendall_w_by_hand() -> None:
    # ranks J1 1,2,3 · J2 1,2,3 · J3 2,1,3 → R 4,5,9, S = 4+1+9 = 14, W = 12·14 / (9·24) = 7/9
    table = [[D(80), D(70), D(60)], [D(82), D(71), D(65)], [D(70), D(75), D(60)]]
    assert kendall_w(table) == D(7) / 9
    assert kendall_w([[D(1), D(2)], [D(1), D(2)]]) == 1
    assert kendall_w([[D(5), D(5)], [D(3), D(3)]]) is None  # every judge tied everything
    assert kendall_w([[D(5)], [D(3)]]) is None
    assert kendall_w([[D(5), D(3)]]) is None


def test_median() -> None:
    assert median([D(3), D(1), D(2)]) == 2
    assert median([D("1.25"), D("1.30")]) == D("1.275")


scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(
    st.integers(2, 6).flatmap(
        lambda n: st.lists(st.lists(scores, min_size=n, max_size=n), min_size=2, max_size=6)
    )
)
def test_w_is_between_0_and_1_and_blind_to_severity(table: list[list[Decimal]]) -> None:
    w = kendall_w(table)
    if w is None:
        return
    assert 0 <= w <= 1
    shifted = [table[0]] + [[v - 7 for v in row] for row in table[1:]]  # one judge stricter on everything
    assert kendall_w(shifted) == w
