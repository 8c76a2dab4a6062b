"""One judge's sheet: deductions (扣完为止), levels, refused entries, overtime, veto, and the exact number helpers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import judgement, load_module, measurement, module, sheet, veto

from rubrics import OvertimeRule, VetoEffect
from scoresheets import (
    Applied,
    EntryRefused,
    ItemEntry,
    JudgeSheet,
    Rounding,
    SheetIncomplete,
    check_entry,
    from_cents,
    half_up,
    item_score,
    score_sheet,
    to_cents,
)
from scoresheets.numbers import half_up_int

D = Decimal
HAND = load_module()  # README example: X1 measurement 7 (X1a 1 each, repeatable, cap 7), X2 judgement 3
X1, X2 = HAND.items


# ---------------------------------------------------------------- items


@pytest.mark.parametrize(
    ("applied", "expected"),
    [
        ((), "7"),  # no deduction: full 7
        ((("X1a", 1),), "6"),  # 7 − 1
        ((("X1a", 3),), "4"),  # 7 − 3 × 1
        ((("X1a", 7),), "0"),  # 7 − 7
        ((("X1a", 9),), "0"),  # 9 × 1 = 9 is capped at 7: 7 − 7 = 0
    ],
)
def test_measurement_item(applied: tuple[tuple[str, int], ...], expected: str) -> None:
    entry = ItemEntry("X1", deductions=tuple(Applied(c, n) for c, n in applied))
    assert item_score(X1, entry) == D(expected)


def test_cap_limits_one_rule_and_floor_limits_the_item() -> None:
    """Item 6: rule a 1 each (cap 4), rule b 3 once, rule c 2 once.
    a×5 → min(5, 4) = 4 → 6 − 4 = 2.   a×5 + b → 6 − 4 − 3 = −1 → floored at 0 (扣完为止).
    b + c → 6 − 3 − 2 = 1."""
    from factories import ded

    item = measurement("M", 6, ded("a", 1, repeatable=True, cap=4), ded("b", 3), ded("c", 2))
    assert item_score(item, ItemEntry("M", deductions=(Applied("a", 5),))) == D(2)
    assert item_score(item, ItemEntry("M", deductions=(Applied("a", 5), Applied("b")))) == D(0)
    assert item_score(item, ItemEntry("M", deductions=(Applied("b"), Applied("c")))) == D(1)


def test_repeatable_rule_without_cap_is_floored_by_the_item() -> None:
    """Item 2, rule 1 each without cap, applied 5 times: 2 − 5 = −3 → 0."""
    item = measurement("M", 2)
    assert item_score(item, ItemEntry("M", deductions=(Applied("Ma", 5),))) == D(0)


@pytest.mark.parametrize(("level", "expected"), [(0, "0"), (1, "1"), (2, "2"), (3, "3")])
def test_judgement_item_on_3_points(level: int, expected: str) -> None:
    """3 points × level ÷ 3 = level."""
    assert item_score(X2, ItemEntry("X2", level=level)) == D(expected)


def test_judgement_thirds_are_exact_until_rounded() -> None:
    """7 points × 1 ÷ 3 = 2.333…: item_score keeps all 28 digits; a sheet rounds it at item level to 2.33;
    7 × 2 ÷ 3 = 4.666… → 4.67."""
    item = judgement("J", 7)
    assert item_score(item, ItemEntry("J", level=1)) == D(7) / 3 != D("2.33")
    m = module(item)
    assert score_sheet(m, sheet(m, "A", "01", {"J": 1})).item_scores["J"] == D("2.33")
    assert score_sheet(m, sheet(m, "A", "01", {"J": 2})).item_scores["J"] == D("4.67")
    unrounded = score_sheet(m, sheet(m, "A", "01", {"J": 2}), rounding=Rounding(at=frozenset({"module"})))
    assert unrounded.item_scores["J"] != D("4.67") and half_up(unrounded.item_scores["J"]) == D("4.67")


def test_direct_score_on_a_measurement_item() -> None:
    assert item_score(X1, ItemEntry("X1", score=D("6.5"))) == D("6.5")
    assert item_score(X1, ItemEntry("X1", score=D(0))) == D(0)
    assert item_score(X1, ItemEntry("X1", score=D(7))) == D(7)


@pytest.mark.parametrize(
    ("item_index", "entry", "fragment"),
    [
        (0, ItemEntry("X1", level=2), "not a level"),
        (0, ItemEntry("X1", deductions=(Applied("nope"),)), "'nope' is not in the rubric"),
        (0, ItemEntry("X1", deductions=(Applied("X1a"), Applied("X1a"))), "listed twice"),
        (0, ItemEntry("X1", deductions=(Applied("X1a", 0),)), "at least 1"),
        (0, ItemEntry("X1", score=D("7.01")), "between 0 and 7"),
        (0, ItemEntry("X1", score=D("-0.5")), "between 0 and 7"),
        (0, ItemEntry("X1", score=D("NaN")), "between 0 and 7"),
        (0, ItemEntry("X1", score=D("6.125")), "more than 2 decimals"),
        (0, ItemEntry("X1", score=D(1), deductions=(Applied("X1a"),)), "not both"),
        (1, ItemEntry("X2", level=4), "0, 1, 2 or 3"),
        (1, ItemEntry("X2", level=-1), "0, 1, 2 or 3"),
        (1, ItemEntry("X2"), "choose a level"),
        (1, ItemEntry("X2", level=1, score=D(1)), "takes a level"),
        (1, ItemEntry("X2", level=1, deductions=(Applied("X1a"),)), "takes a level"),
        (1, ItemEntry("X1", level=1), "not X2"),
    ],
)
def test_impossible_entries_are_refused(item_index: int, entry: ItemEntry, fragment: str) -> None:
    item = HAND.items[item_index]
    with pytest.raises(EntryRefused) as info:
        check_entry(item, entry)
    assert fragment in str(info.value)


def test_non_repeatable_rule_applies_at_most_once() -> None:
    from factories import ded

    item = measurement("M", 5, ded("once", 2))
    with pytest.raises(EntryRefused, match="at most once"):
        check_entry(item, ItemEntry("M", deductions=(Applied("once", 2),)))
    assert item_score(item, ItemEntry("M", deductions=(Applied("once"),))) == D(3)


# ---------------------------------------------------------------- sheets


def test_sheet_total_hand_worked() -> None:
    """X1: X1a × 2 → 7 − 2 = 5; X2 level 2 → 3 × 2 ÷ 3 = 2; total 7; within the 5 minutes (299 s): no overtime."""
    r = score_sheet(HAND, sheet(HAND, "J1", "07", {"X1": (("X1a", 2),), "X2": 2}, seconds_used=299))
    assert r.item_scores == {"X1": D(5), "X2": D(2)}
    assert r.levels == {"X2": 2}
    assert r.items_total == D(7) and r.overtime_deduction == D(0) and r.total == D(7)
    assert r.judge == "J1" and r.contestant == "07" and r.veto is None and r.total_after_veto == D(7)


@pytest.mark.parametrize(
    ("seconds_over", "points"),
    [
        (0, 0),  # on the bell: nothing
        (1, 2),  # 1 s over: the first minute has started → 1 × 2
        (60, 2),  # exactly 1 min over: still the first minute → 2
        (61, 4),  # 61 s: the second minute has started (不足1分钟按1分钟计) → 2 × 2 = 4
        (120, 4),  # 2 min over → 2 × 2
        (125, 6),  # 125 s: 3 started minutes → 3 × 2 = 6
        (299, 10),  # 5 started minutes → 10
        (300, 10),  # 5 min over: stopped → 5 × 2 = 10
        (301, 10),  # 6 started minutes, but the contestant is stopped after 5 → capped at 10
        (1200, 10),  # 20 min over → still 5 × 2 = 10
    ],
)
def test_overtime_two_points_per_started_minute_stop_after_five(seconds_over: int, points: int) -> None:
    """Limit 5 min = 300 s. Deduction = 2 × min(⌈seconds over ÷ 60⌉, 5)."""
    assert HAND.overtime.deduction(seconds_over) == D(points)
    r = score_sheet(HAND, sheet(HAND, "J1", "07", {"X1": (), "X2": 3}, seconds_used=300 + seconds_over))
    assert r.overtime_deduction == D(points)
    assert r.total == D(10) - D(points)


def test_overtime_floors_the_sheet_at_zero() -> None:
    """Items 0 + 1 = 1, overtime 20 min → 10: max(0, 1 − 10) = 0."""
    r = score_sheet(HAND, sheet(HAND, "J1", "07", {"X1": (("X1a", 7),), "X2": 1}, seconds_used=300 + 1200))
    assert r.items_total == D(1) and r.overtime_deduction == D(10) and r.total == D(0)


def test_overtime_variants() -> None:
    """0 points per minute = stop at the bell (no deduction); no stop = uncapped: 20 min × 2 = 40;
    unknown time = no deduction; negative 'over' = nothing."""
    assert OvertimeRule(D(0), 0).deduction(600) == D(0)
    assert OvertimeRule(D(2), 0).deduction(1200) == D(40)
    assert OvertimeRule(D("0.5"), 3).deduction(121) == D("1.5")
    assert OvertimeRule(D(2), 5).deduction(-30) == D(0)
    r = score_sheet(HAND, sheet(HAND, "J1", "07", {"X1": (), "X2": 3}))
    assert r.overtime_deduction == D(0)


def test_veto_on_a_sheet() -> None:
    """The judge records V1: the sheet keeps its item total (10) for review, but scores 0 after the veto."""
    r = score_sheet(HAND, sheet(HAND, "J1", "07", {"X1": (), "X2": 3}, veto="V1"))
    assert r.veto is not None and r.veto.code == "V1" and r.veto.effect == VetoEffect.ZERO_MODULE
    assert r.total == D(10) and r.total_after_veto == D(0)


def test_sheet_refusals() -> None:
    good = {"X1": (), "X2": 3}
    with pytest.raises(EntryRefused, match="veto 'V9' is not in rubric"):
        score_sheet(HAND, sheet(HAND, "J1", "07", good, veto="V9"))
    with pytest.raises(EntryRefused, match="cannot be negative"):
        score_sheet(HAND, sheet(HAND, "J1", "07", good, seconds_used=-1))
    with pytest.raises(EntryRefused, match="'Z9' is not in rubric"):
        score_sheet(HAND, JudgeSheet("J1", "07", (ItemEntry("Z9", level=1),)))
    with pytest.raises(EntryRefused, match="two entries"):
        score_sheet(HAND, JudgeSheet("J1", "07", (ItemEntry("X2", level=1), ItemEntry("X2", level=2))))


def test_incomplete_sheet() -> None:
    """No entry for X1 — an empty deduction list would be an entry, a missing item is not."""
    s = sheet(HAND, "J1", "07", {"X2": 3})
    with pytest.raises(SheetIncomplete) as info:
        score_sheet(HAND, s)
    assert info.value.missing == ["X1"]
    r = score_sheet(HAND, s, require_complete=False)
    assert r.missing == ("X1",) and r.total == D(3)


def test_veto_rule_effects_are_kept() -> None:
    m = module(
        measurement("M", 10), vetoes=[veto("Z", VetoEffect.ZERO_MODULE), veto("Q", VetoEffect.DISQUALIFY)]
    )
    r = score_sheet(m, sheet(m, "J1", "07", {"M": ()}, veto="Q"))
    assert r.veto is not None and r.veto.effect == VetoEffect.DISQUALIFY


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.675", 2, "2.68"),  # float round(2.675, 2) == 2.67
        ("0.125", 2, "0.13"),  # round(Decimal("0.125"), 2) == 0.12 (half to even)
        ("2.665", 2, "2.67"),
        ("0.005", 2, "0.01"),
        ("2.5", 0, "3"),  # round(2.5) == 2
        ("0.5", 0, "1"),  # round(0.5) == 0
        ("89.995", 2, "90.00"),
        ("-2.675", 2, "-2.68"),  # half away from zero
        ("2.674999", 2, "2.67"),
        ("7", 2, "7.00"),
    ],
)
def test_half_up(value: str, places: int, expected: str) -> None:
    result = half_up(D(value), places)
    assert result == D(expected)
    assert str(result) == expected  # and at the stated number of places


def test_half_up_differs_from_builtin_round_on_halves() -> None:
    """The reason half_up exists: Python's round() gives the other answer on these halves."""
    assert round(2.675, 2) == 2.67 and half_up(D("2.675")) == D("2.68")
    assert round(D("0.125"), 2) == D("0.12") and half_up(D("0.125")) == D("0.13")
    assert round(D("2.5")) == 2 and half_up(D("2.5"), 0) == D(3)


def test_half_up_snaps_representation_error_of_thirds() -> None:
    """0.055 ÷ 3 × 3 is 0.05499…9 in 28 digits; the true value 0.055 rounds to 0.06, so must this.
    Likewise 0.075 ÷ 7 × 7 = 0.07499…97 → 0.08, and 1 ÷ 3 × 3 = 0.999…9 gives 1.00."""
    assert D("0.055") / 3 * 3 < D("0.055")
    assert half_up(D("0.055") / 3 * 3) == D("0.06")
    assert half_up(D("0.075") / 7 * 7) == D("0.08")
    assert half_up(D(1) / 3 * 3) == D("1.00")


def test_half_up_int() -> None:
    """Award counts: 1.5 → 2, 2.5 → 3, 4.5 → 5 (round() would give 2, 2, 4)."""
    assert [half_up_int(D(x)) for x in ("0.4", "0.5", "1.5", "2.5", "4.5", "7.5", "2.49")] == [
        0,
        1,
        2,
        3,
        5,
        8,
        2,
    ]


def test_cents() -> None:
    assert to_cents(D("12.34")) == 1234 and to_cents(D(100)) == 10000 and to_cents(D("0.1")) == 10
    assert (
        from_cents(1234) == D("12.34") and str(from_cents(1234)) == "12.34" and from_cents(-5) == D("-0.05")
    )
    with pytest.raises(ValueError, match="hundredths"):
        to_cents(D("1.005"))


def test_rounding_points() -> None:
    """Rounding happens only where configured."""
    third = D(7) / 3
    assert Rounding().apply("item", third) == D("2.33")
    only_total = Rounding(at=frozenset({"total"}))
    assert only_total.apply("item", third) == third
    assert only_total.apply("total", third) == D("2.33")
    assert Rounding(places=1).apply("module", D("2.25")) == D("2.3")
