"""Standard competition ranking (1, 2, 2, 4), the tie-break cascade with its recorded reason, and disqualification."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import ctotal

from scoresheets import (
    ContestantScores,
    ScoresheetError,
    TieBreak,
    UnresolvedTie,
    Weights,
    compute_total,
    explain,
    rank,
)

D = Decimal


def _t(c: str, theory: str, practical: str, **kw: object):  # type: ignore[no-untyped-def]
    """A total from its parts with the default 20 : 80 weighting (one module)."""
    return compute_total(
        ContestantScores(c, D(theory), {"m": D(practical)}, **kw), Weights(D("0.2"), {"m": D(1)})
    )


def by_contestant(entries):  # type: ignore[no-untyped-def]
    return {e.contestant: e for e in entries}


def test_tie_on_total_broken_by_practical() -> None:
    """P: theory 80, practical 95 → 16 + 76 = 92.00.  Q: theory 90, practical 92.50 → 18 + 74 = 92.00.
    Equal totals; P's practical is higher by 2.50, so P is 1st and Q 2nd, "decided by practical"."""
    p, q = _t("P", "80", "95"), _t("Q", "90", "92.5")
    assert p.total == q.total == D("92.00")
    entries = rank([q, p])
    assert [(e.contestant, e.rank, e.shared) for e in entries] == [("P", 1, False), ("Q", 2, False)]
    assert entries[1].decided_by == "practical" and entries[1].margin == D("2.50")
    assert entries[0].decided_by is None
    assert explain(entries[1]) == "总成绩相同，按实操成绩排序"
    assert explain(entries[1], "en") == "tied on total, separated by practical"
    assert explain(entries[0]) == ""


def test_tie_on_total_and_practical_broken_by_theory() -> None:
    """R: theory 85.02, practical 90 → 17.004 + 72 = 89.004 → 89.00.  S: theory 85, practical 90 → 89.00.
    Equal on total (after rounding) and practical; R's theory is 0.02 higher → R 1st, S 2nd "by theory"."""
    r, s = _t("R", "85.02", "90"), _t("S", "85", "90")
    assert r.total == s.total == D("89.00")
    entries = rank([s, r])
    assert [e.contestant for e in entries] == ["R", "S"]
    assert entries[1].decided_by == "theory" and entries[1].margin == D("0.02") and entries[1].rank == 2
    assert explain(entries[1]) == "总成绩相同，按理论成绩排序"


def test_tie_left_shared_1_2_2_4() -> None:
    """A: theory 80, practical 95 → 92.00.  B and C: theory 85, practical 90 → 17 + 72 = 89.00, equal on the
    whole cascade.  D: theory 70, practical 85 → 14 + 68 = 82.00.
    Standard competition ranking: 1, 2, 2, 4 (rank 3 is skipped)."""
    entries = rank([_t("D", "70", "85"), _t("C", "85", "90"), _t("B", "85", "90"), _t("A", "80", "95")])
    assert [(e.contestant, e.rank) for e in entries] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]
    assert [e.shared for e in entries] == [False, True, True, False]
    e = by_contestant(entries)
    assert e["B"].decided_by == "total" and e["B"].margin == D(3)
    assert e["C"].decided_by is None and e["C"].margin is None
    assert e["D"].decided_by == "total" and e["D"].margin == D(7)
    assert explain(e["B"]) == "并列" == explain(e["C"]) and explain(e["D"]) == ""
    assert explain(e["C"], "en") == "shared rank"


def test_three_way_tie_and_ranks_after_it() -> None:
    """Totals 90, 80, 80, 80, 70 → ranks 1, 2, 2, 2, 5."""
    entries = rank([ctotal(c, t) for c, t in [("a", 90), ("b", 80), ("c", 80), ("d", 80), ("e", 70)]])
    assert [e.rank for e in entries] == [1, 2, 2, 2, 5]


def test_shared_ranks_can_be_forbidden() -> None:
    """Medal places may not be shared: a remaining tie is an error that names the tied contestants."""
    with pytest.raises(UnresolvedTie) as info:
        rank(
            [ctotal("x", 80, 80, 80), ctotal("y", 80, 80, 80), ctotal("z", 70)], TieBreak(allow_shared=False)
        )
    assert info.value.groups == [["x", "y"]]


def test_lot_ends_the_cascade() -> None:
    """x and y are equal on total/practical/theory; the recorded lot draw puts y (lot 1) before x (lot 2)."""
    tb = TieBreak(("total", "practical", "theory", "lot"), allow_shared=False)
    entries = rank([ctotal("x", 80, 80, 80), ctotal("y", 80, 80, 80)], tb, lots={"x": 2, "y": 1})
    assert [(e.contestant, e.rank, e.decided_by) for e in entries] == [("y", 1, None), ("x", 2, "lot")]
    assert explain(entries[1]) == "总成绩相同，按抽签排序"


def test_time_criterion_prefers_the_shorter_time() -> None:
    """古镇 cascade: total → time → practical. Same total; u took 1000 s, v 900 s → v first, margin 100 s."""
    tb = TieBreak(("total", "time", "practical"))
    entries = rank([ctotal("u", 80, 90, seconds_used=1000), ctotal("v", 80, 70, seconds_used=900)], tb)
    assert [e.contestant for e in entries] == ["v", "u"]
    assert entries[1].decided_by == "time" and entries[1].margin == D(100)
    # a missing time sorts last
    entries = rank([ctotal("u", 80, seconds_used=None), ctotal("v", 80, seconds_used=2000)], tb)
    assert [e.contestant for e in entries] == ["v", "u"] and entries[1].margin is None


def test_module_criterion() -> None:
    tb = TieBreak(("total", "module:B"))
    a = ctotal("a", 80, modules={"B": D(70)})
    b = ctotal("b", 80, modules={"B": D(75)})
    entries = rank([a, b], tb)
    assert [e.contestant for e in entries] == ["b", "a"] and entries[1].decided_by == "module:B"
    assert explain(entries[1]) == "总成绩相同，按模块 B排序"


def test_disqualified_come_last_without_rank() -> None:
    """The disqualified contestant has the highest total but no rank, after everyone else."""
    entries = rank([ctotal("dq", 99, disqualified="A-V3 伤害老人"), ctotal("b", 70), ctotal("a", 80)])
    assert [(e.contestant, e.rank) for e in entries] == [("a", 1), ("b", 2), ("dq", None)]
    assert explain(entries[-1]) == "取消资格：A-V3 伤害老人"
    assert explain(entries[-1], "en") == "disqualified: A-V3 伤害老人"


def test_missing_theory_sorts_last_within_a_tie() -> None:
    entries = rank([ctotal("none", 80, 80, None), ctotal("some", 80, 80, 10)])
    assert [e.contestant for e in entries] == ["some", "none"] and entries[1].decided_by == "theory"


def test_tiebreak_configuration_errors() -> None:
    with pytest.raises(ScoresheetError, match="start with 'total'"):
        TieBreak(("practical", "total"))
    with pytest.raises(ScoresheetError, match="unknown tie-break criterion 'speed'"):
        TieBreak(("total", "speed"))
    with pytest.raises(ScoresheetError):
        TieBreak(("total", "module:"))


def test_empty_ranking() -> None:
    assert rank([]) == []
