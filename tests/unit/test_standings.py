"""From raw sheets to ranked, awarded standings: a small contest worked by hand, with a zero-module veto, a
disqualification, a practical tie-break, a shared rank and short panels."""

from __future__ import annotations

from decimal import Decimal

from factories import ded, judgement, measurement, module, sheet, veto

from rubrics import VetoEffect
from scoresheets import (
    AwardPolicy,
    AwardTier,
    ModulePlan,
    StandingsRules,
    TierMode,
    compute_standings,
    explain,
)

D = Decimal

# One module out of 100: M measurement 70 (a: 5 each, repeatable, cap 35; b: 10 once), J judgement 30 (10 a level).
RUBRIC = module(
    measurement("M", 70, ded("a", 5, repeatable=True, cap=35), ded("b", 10)),
    judgement("J", 30),
    module_id="care",
    code="A",
    vetoes=[veto("V1", VetoEffect.ZERO_MODULE), veto("V3", VetoEffect.DISQUALIFY)],
)
RULES = StandingsRules(
    modules=(ModulePlan(RUBRIC, panel_size=3),),
    awards=AwardPolicy(
        (
            AwardTier("一等奖", TierMode.RATIO, D("0.1")),
            AwardTier("二等奖", TierMode.RATIO, D("0.2")),
            AwardTier("三等奖", TierMode.RATIO, D("0.3")),
        ),
        min_total=D(60),
    ),
)
JUDGES = "XYZ"


def panel(
    contestant: str, m: tuple, levels: str, vetoes: str = "", times: tuple = (None, None, None)
) -> list:  # type: ignore[type-arg]
    """Three sheets: the same deductions ``m``, J levels per judge, vetoes (``"V3V3-"`` style per judge)."""
    out = []
    for n, j in enumerate(JUDGES):
        v = vetoes[2 * n : 2 * n + 2] if vetoes else ""
        out.append(
            sheet(
                RUBRIC,
                j,
                contestant,
                {"M": m, "J": int(levels[n])},
                veto=v if v.strip("-") else None,
                seconds_used=times[n],
            )
        )
    return out


SHEETS = {
    # 01: M 70, J 3 3 2 → median 30 → 100; but X and Y record V3 (disqualify): the module scores 0
    #     (total 90 × 0.2 = 18.00) and 01 is out: last, no rank, although the marks were the best.
    ("01", "care"): panel("01", (), "332", vetoes="V3V3--"),
    # 02: M 70 − 5 = 65; J 3 3 3 → 30 → 95.   theory 80: 16 + 76 = 92.00
    ("02", "care"): panel("02", (("a", 1),), "333"),
    # 03: M 70; J 2 2 2 → 20 → 90.            theory 100: 20 + 72 = 92.00 → tie with 02; 02 has more practical
    ("03", "care"): panel("03", (), "222"),
    # 04: M 70 − 10 = 60; J 3 3 3 → 90.       theory 80: 16 + 72 = 88.00
    ("04", "care"): panel("04", (("b", 1),), "333"),
    # 05: same as 04 → 88.00 → shares rank 3
    ("05", "care"): panel("05", (("b", 1),), "333"),
    # 06: M 70 − 10 = 60; J 2 2 2 → 20 → 80.  theory 80: 16 + 64 = 80.00
    ("06", "care"): panel("06", (("a", 2),), "222"),
    # 07: perfect 100, but Y and Z record V1 (zero module): module 0. theory 100: 20 + 0 = 20.00
    ("07", "care"): panel("07", (), "333", vetoes="--V1V1"),
    # 08: only two sheets in (panel of 3): trimmed mean falls back to the mean; M 70, J (3 + 2)/2 → 25 → 95.
    #     theory 50: 10 + 76 = 86.00
    ("08", "care"): panel("08", (), "323")[:2],
}
THEORY = {
    "01": D(90),
    "02": D(80),
    "03": D(100),
    "04": D(80),
    "05": D(80),
    "06": D(80),
    "07": D(100),
    "08": D(50),
}
CONTESTANTS = sorted(THEORY)


def test_small_contest_end_to_end() -> None:
    """Ranks: 02 1st (92.00, practical 95), 03 2nd (92.00, practical 90, decided by practical), 04 = 05 3rd
    (88.00, shared), 08 5th (86.00), 06 6th (80.00), 07 7th (20.00, module vetoed), 01 disqualified (last,
    no rank).  Awards over the 7 ranked: 10 % × 7 = 0.7 → 1, 20 % → 1.4 → 1, 30 % → 2.1 → 2:
    一等 02, 二等 03, 三等 04 and 05 (no tie at the cut: 08 is 5th)."""
    st = compute_standings(RULES, CONTESTANTS, SHEETS, THEORY)
    assert [(e.contestant, e.rank) for e in st.entries] == [
        ("02", 1),
        ("03", 2),
        ("04", 3),
        ("05", 3),
        ("08", 5),
        ("06", 6),
        ("07", 7),
        ("01", None),
    ]
    totals = {c: st.total(c).total for c in CONTESTANTS}
    assert totals == {
        "01": D("18.00"),
        "02": D("92.00"),
        "03": D("92.00"),
        "04": D("88.00"),
        "05": D("88.00"),
        "06": D("80.00"),
        "07": D("20.00"),
        "08": D("86.00"),
    }
    assert (
        st.entry("03").decided_by == "practical" and explain(st.entry("03")) == "总成绩相同，按实操成绩排序"
    )
    assert st.entry("04").shared and st.entry("05").shared and not st.entry("08").shared
    # the disqualification names the module, the rule and its text
    assert st.total("01").disqualified == "A V3 veto V3" and explain(st.entry("01")).startswith(
        "取消资格：A V3"
    )
    assert st.panels[("01", "care")].disqualified
    assert st.panels[("07", "care")].score == D(0) and st.total("07").practical == D(0)
    assert st.panels[("07", "care")].veto_votes == 2
    assert st.awards is not None
    assert [st.awards.award_of(c) for c in ("02", "03", "04", "05", "08", "06", "07", "01")] == [
        "一等奖",
        "二等奖",
        "三等奖",
        "三等奖",
        None,
        None,
        None,
        None,
    ]
    assert st.short_panels == {("08", "care"): 2}


def test_min_sheets_leaves_the_module_missing() -> None:
    """With min_sheets = 3, 08's panel of 2 leaves the module score missing: practical 0, total 10.00
    (theory 50 × 0.2), incomplete."""
    st = compute_standings(RULES, CONTESTANTS, SHEETS, THEORY, min_sheets=3)
    t = st.total("08")
    assert t.modules["care"] is None and t.total == D("10.00") and not t.complete
    assert ("08", "care") not in st.panels


def test_ruling_disqualifies_and_lots_and_times_are_used() -> None:
    """A ruling may disqualify a contestant with no veto; the lot and the time feed the tie-break."""
    st = compute_standings(RULES, CONTESTANTS, SHEETS, THEORY, disqualified={"02": "冒名顶替"})
    assert st.entry("02").rank is None and st.total("02").disqualified == "冒名顶替"
    assert st.entry("03").rank == 1
    from scoresheets import TieBreak

    rules = StandingsRules(
        RULES.modules, tiebreak=TieBreak(("total", "practical", "theory", "lot"), allow_shared=False)
    )
    st = compute_standings(rules, CONTESTANTS, SHEETS, THEORY, lots={"04": 2, "05": 1}, times={"04": 900})
    assert (st.entry("05").rank, st.entry("04").rank) == (3, 4)
    assert st.entry("04").decided_by == "lot" and st.total("04").seconds_used == 900


def test_spread_alerts_are_collected() -> None:
    """No judgement alerts: every panel's levels lie within 1 (01: 3, 3, 2; 08: 3, 2). Sheet totals count 0 under
    the judge's own veto: 01 → X 0, Y 0, Z 90 (spread 90); 07 → X 100, Y 0, Z 0 (spread 100); both above 10."""
    st = compute_standings(RULES, CONTESTANTS, SHEETS, THEORY)
    assert sorted((a.contestant, a.item_id, a.spread) for a in st.alerts) == [
        ("01", None, D(90)),
        ("07", None, D(100)),
    ]
