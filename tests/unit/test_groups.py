"""Judge groups (scoresheets.groups): the session plan covers every station once and shares them fairly; the
fairness figures are exact, hand-checkable and flag only beyond the tolerance."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoresheets.groups import FairnessRules, group_fairness, plan_sessions


@given(
    n=st.integers(0, 80),
    groups=st.integers(1, 5),
    per=st.integers(1, 12),
)
def test_every_station_is_in_one_session_and_groups_get_equal_shares(n: int, groups: int, per: int) -> None:
    stations = [f"A-{k:02d}" for k in range(n, 0, -1)]  # any order in: station order out
    names = [str(g + 1) for g in range(groups)]
    plan = plan_sessions(stations, names, per)
    flat = [s for p in plan for s in p.stations]
    assert flat == sorted(stations)
    assert all(1 <= len(p.stations) <= per for p in plan)
    assert [p.number for p in plan] == list(range(1, len(plan) + 1))
    if n >= groups:
        shares = [sum(len(p.stations) for p in plan if p.group == g) for g in names]
        assert max(shares) - min(shares) <= len(plan) // groups  # at most one station a session apart
        assert all(p.round == (p.number - 1) // groups + 1 for p in plan)


def test_a_plan_needs_a_group_and_a_size() -> None:
    with pytest.raises(ValueError, match="no judge group"):
        plan_sessions(["01"], [], 3)
    with pytest.raises(ValueError, match="at least one station"):
        plan_sessions(["01"], ["1"], 0)


def test_fairness_by_hand() -> None:
    d = Decimal
    fair = group_fairness(
        "A",
        {"1": ["J1", "J2"], "2": ["J3", "J4"], "3": ["J5"]},
        {"1": [d(80), d(84), d(85)], "2": [d(70), d(74), d(76)], "3": [d(90)]},
        {"J1": d("1.5"), "J2": d("0.5"), "J3": d(-2), "J4": d(-1)},
        FairnessRules(mean_gap=d(5), calibration_gap=d(2), min_contestants=3),
    )
    g1, g2, g3 = fair.groups
    # group 1: mean 83; the others (70, 74, 76, 90): mean 77.5 → gap +5.5 > 5
    assert (g1.mean, g1.gap) == (d("83.00"), d("5.50"))
    assert g1.spread == d("2.65")  # sqrt(7) = 2.6457…, half-up
    # group 2: mean 73.33…; the others (80, 84, 85, 90): 84.75 → −11.42
    assert (g2.mean, g2.gap) == (d("73.33"), d("-11.42"))
    # group 3 has one contestant: shown, not compared
    assert (g3.mean, g3.gap, g3.calibration_bias) == (d("90.00"), None, None)
    # calibration: group 1 mean bias 1.0, others −1.5 → +2.5 > 2; group 2: −1.5 vs 1.0 → −2.5
    assert (g1.calibration_gap, g2.calibration_gap) == (d("2.50"), d("-2.50"))
    assert g1.flags == ("mean", "calibration") and g2.flags == ("mean", "calibration") and g3.flags == ()
    assert [g.group for g in fair.flagged] == ["1", "2"]


def test_exactly_at_the_tolerance_is_not_flagged() -> None:
    d = Decimal
    fair = group_fairness("A", {"1": ["J1"], "2": ["J2"]}, {"1": [d(80)] * 3, "2": [d(75)] * 3}, {})
    assert [g.gap for g in fair.groups] == [d("5.00"), d("-5.00")]
    assert fair.flagged == ()
