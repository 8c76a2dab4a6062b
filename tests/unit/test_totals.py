"""Part and contest totals: weighted practical, theory share, half-up at each configured point, missing parts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoresheets import ContestantScores, Rounding, ScoresheetError, Weights, compute_total

D = Decimal
W_30_25_25_20 = Weights(D("0.2"), {"A": D(30), "B": D(25), "C": D(25), "D": D(20)})


def test_weighted_total_hand_worked() -> None:
    """Modules A 88.50 ×30, B 92.25 ×25, C 79.00 ×25, D 85.33 ×20:
    practical = (2655 + 2306.25 + 1975 + 1706.60) / 100 = 8642.85 / 100 = 86.4285 → 86.43.
    total = 91.50 × 0.2 + 86.43 × 0.8 = 18.30 + 69.144 = 87.444 → 87.44."""
    t = compute_total(
        ContestantScores("07", D("91.5"), {"A": D("88.5"), "B": D("92.25"), "C": D(79), "D": D("85.33")}),
        W_30_25_25_20,
    )
    assert t.practical == D("86.43") and t.theory == D("91.50") and t.total == D("87.44")
    assert str(t.total) == "87.44" and t.complete and t.modules["A"] == D("88.50")


def test_half_up_at_part_and_total() -> None:
    """Two modules weighted 1 : 1: (90.00 + 85.01)/2 = 87.505 → 87.51 (half-even would give 87.50).
    total = 80 × 0.2 + 87.51 × 0.8 = 16 + 70.008 = 86.008 → 86.01."""
    t = compute_total(
        ContestantScores("07", D(80), {"A": D(90), "B": D("85.01")}),
        Weights(D("0.2"), {"A": D(1), "B": D(1)}),
    )
    assert t.practical == D("87.51") and t.total == D("86.01")


def test_rounding_only_at_total() -> None:
    """Parts unrounded: practical 87.505 stays; total = 16 + 87.505 × 0.8 = 16 + 70.004 = 86.004 → 86.00."""
    t = compute_total(
        ContestantScores("07", D(80), {"A": D(90), "B": D("85.01")}),
        Weights(D("0.2"), {"A": D(1), "B": D(1)}),
        Rounding(at=frozenset({"total"})),
    )
    assert t.practical == D("87.505") and t.total == D("86.00")


def test_theory_weight_30_70() -> None:
    """天津 30 : 70. theory 85, one module 90: 25.5 + 63 = 88.5."""
    t = compute_total(ContestantScores("07", D(85), {"A": D(90)}), Weights(D("0.3"), {"A": D(1)}))
    assert t.total == D("88.50")


def test_missing_parts_count_zero_and_mark_incomplete() -> None:
    """Module B not yet in: practical = (90 × 1 + 0 × 1)/2 = 45; total = 80 × 0.2 + 45 × 0.8 = 52; incomplete.
    No theory: total = 0 × 0.2 + 90 × 0.8 = 72; incomplete — unless theory has weight 0."""
    w = Weights(D("0.2"), {"A": D(1), "B": D(1)})
    t = compute_total(ContestantScores("07", D(80), {"A": D(90), "B": None}), w)
    assert t.practical == D(45) and t.total == D(52) and not t.complete
    t = compute_total(ContestantScores("07", D(80), {"A": D(90)}), w)
    assert not t.complete and t.practical == D(45)
    t = compute_total(ContestantScores("07", None, {"A": D(90)}), Weights(D("0.2"), {"A": D(1)}))
    assert t.total == D(72) and t.theory is None and not t.complete
    t = compute_total(ContestantScores("07", None, {"A": D(90)}), Weights(D(0), {"A": D(1)}))
    assert t.total == D(90) and t.complete


def test_disqualification_and_time_are_carried() -> None:
    t = compute_total(
        ContestantScores("07", D(80), {"A": D(90)}, disqualified="A-V3", seconds_used=1111),
        Weights(D("0.2"), {"A": D(1)}),
    )
    assert t.disqualified == "A-V3" and t.seconds_used == 1111


def test_weight_errors() -> None:
    with pytest.raises(ScoresheetError, match="theory weight"):
        Weights(D("1.5"))
    with pytest.raises(ScoresheetError, match="negative"):
        Weights(D("0.2"), {"A": D(-1)})
    with pytest.raises(ScoresheetError, match="all be zero"):
        Weights(D("0.2"), {"A": D(0), "B": D(0)})
    with pytest.raises(ScoresheetError, match="no weight configured for module"):
        compute_total(ContestantScores("07", D(80), {"Z": D(90)}), Weights(D("0.2"), {"A": D(1)}))
