"""Award policies: ratio tiers with half-up counts, ties at a cut-off (higher / lower), top-N and the top half after
the medals, above the practical median, a minimum total, and the eligible-title list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import ctotal

from scoresheets import AwardPolicy, AwardTier, TiePolicy, TierMode, TitleRule, assign_awards, rank
from scoresheets.ranking import RankedEntry

D = Decimal
RATIO = (
    AwardTier("一等奖", TierMode.RATIO, D("0.1")),
    AwardTier("二等奖", TierMode.RATIO, D("0.2")),
    AwardTier("三等奖", TierMode.RATIO, D("0.3")),
)
MEDALS = (
    AwardTier("金牌", TierMode.COUNT, D(1)),
    AwardTier("银牌", TierMode.COUNT, D(1)),
    AwardTier("铜牌", TierMode.COUNT, D(1)),
)


def ranked(
    totals: list[str | int], practicals: list[str | int] | None = None, **kw: object
) -> list[RankedEntry]:
    """Contestants c01, c02, … with the given totals (and practical scores), ranked."""
    ps = practicals or totals
    return rank([ctotal(f"c{n:02}", t, p) for n, (t, p) in enumerate(zip(totals, ps, strict=True), 1)], **kw)  # type: ignore[arg-type]


def awards_by_name(result) -> dict[str | None, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str | None, list[str]] = {}
    for line in result.lines:
        out.setdefault(line.award, []).append(line.contestant)
    return out


TEN = [95, 90, 85, 80, 75, 70, 65, 60, 55, 50]


def test_ratio_ten_contestants() -> None:
    """N = 10: 一等 10 % × 10 = 1, 二等 20 % × 10 = 2, 三等 30 % × 10 = 3; the other 4 get nothing."""
    r = assign_awards(ranked(TEN), AwardPolicy(RATIO))
    assert awards_by_name(r) == {
        "一等奖": ["c01"],
        "二等奖": ["c02", "c03"],
        "三等奖": ["c04", "c05", "c06"],
        None: ["c07", "c08", "c09", "c10"],
    }
    assert r.counts == r.planned == {"一等奖": 1, "二等奖": 2, "三等奖": 3}
    assert r.notes == () and r.award_of("c05") == "三等奖" and r.award_of("c07") is None


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (5, (1, 1, 2)),  # 0.5 → 1, 1.0 → 1, 1.5 → 2
        (7, (1, 1, 2)),  # 0.7 → 1, 1.4 → 1, 2.1 → 2
        (15, (2, 3, 5)),  # 1.5 → 2, 3.0 → 3, 4.5 → 5   (round() would give 2, 3, 4)
        (25, (3, 5, 8)),  # 2.5 → 3, 5.0 → 5, 7.5 → 8   (round() would give 2, 5, 8)
        (1, (0, 0, 0)),  # 0.1, 0.2, 0.3 → 0
        (2, (0, 0, 1)),  # 0.2 → 0, 0.4 → 0, 0.6 → 1
    ],
)
def test_ratio_counts_round_half_up(n: int, expected: tuple[int, int, int]) -> None:
    r = assign_awards(ranked(list(range(100, 100 - n, -1))), AwardPolicy(RATIO))
    assert (r.counts["一等奖"], r.counts["二等奖"], r.counts["三等奖"]) == expected


TIED = [95, 90, 85, 85, 80, 75, 70, 65, 60, 55]  # ranks 1, 2, 3, 3, 5, 6, …: c03 = c04 straddle the 二等 cut


def test_tie_at_cut_off_default_all_get_the_higher_award() -> None:
    """N = 10 → planned 1 / 2 / 3. Ranks 1, 2, 3, 3, 5 …: the 二等 cut falls between c03 and c04, both 3rd.
    Default policy (higher): both get 二等, which grows to 3; 三等 then takes the next 3 (c05–c07)."""
    r = assign_awards(ranked(TIED), AwardPolicy(RATIO))
    assert awards_by_name(r) == {
        "一等奖": ["c01"],
        "二等奖": ["c02", "c03", "c04"],
        "三等奖": ["c05", "c06", "c07"],
        None: ["c08", "c09", "c10"],
    }
    assert r.planned["二等奖"] == 2 and r.counts["二等奖"] == 3
    lines = {line.contestant: line for line in r.lines}
    assert lines["c03"].note == lines["c04"].note == "第3名并列跨越二等奖分界线，并列者均获二等奖"
    assert lines["c02"].note == ""
    assert r.notes == ("第3名并列跨越二等奖分界线，并列者均获二等奖（c03、c04）",)


def test_tie_at_cut_off_lower_policy() -> None:
    """Same ranks, policy "lower": neither of the tied 3rds gets 二等 (which shrinks to 1); they fall into
    三等 with c05 (3 places)."""
    r = assign_awards(ranked(TIED), AwardPolicy(RATIO, tie_policy=TiePolicy.LOWER))
    assert awards_by_name(r) == {
        "一等奖": ["c01"],
        "二等奖": ["c02"],
        "三等奖": ["c03", "c04", "c05"],
        None: ["c06", "c07", "c08", "c09", "c10"],
    }
    assert r.counts == {"一等奖": 1, "二等奖": 1, "三等奖": 3}
    assert {line.contestant: line.note for line in r.lines}[
        "c03"
    ] == "第3名并列跨越二等奖分界线，并列者均不获二等奖"


def test_tie_not_at_a_cut_changes_nothing() -> None:
    """Ranks 1, 2, 2, 4 …: c02 = c03 are both inside 二等 (places 2–3), so no note and no change."""
    r = assign_awards(ranked([95, 90, 90, 80, 75, 70, 65, 60, 55, 50]), AwardPolicy(RATIO))
    assert r.counts == r.planned and r.notes == ()


def test_medals_and_top_half_after() -> None:
    """1st 全国技能大赛 model: gold / silver / bronze to the top 3; 优胜奖 to the top half of the rest.
    N = 10: 7 remain → 7 / 2 = 3.5 → 4 (half up) → c04–c07.   N = 9: 6 / 2 = 3 → c04–c06."""
    policy = AwardPolicy((*MEDALS, AwardTier("优胜奖", TierMode.TOP_HALF_AFTER)))
    r = assign_awards(ranked(TEN), policy)
    assert awards_by_name(r) == {
        "金牌": ["c01"],
        "银牌": ["c02"],
        "铜牌": ["c03"],
        "优胜奖": ["c04", "c05", "c06", "c07"],
        None: ["c08", "c09", "c10"],
    }
    r = assign_awards(ranked(TEN[:9]), policy)
    assert r.counts["优胜奖"] == 3


def test_top_half_after_a_tied_bronze() -> None:
    """Ranks 1, 2, 3, 3, 5 …: both 3rds get bronze (higher); 6 of 10 remain → 3 get 优胜奖 (c05–c07)."""
    policy = AwardPolicy((*MEDALS, AwardTier("优胜奖", TierMode.TOP_HALF_AFTER)))
    r = assign_awards(ranked(TIED), policy)
    assert awards_by_name(r)["铜牌"] == ["c03", "c04"]
    assert awards_by_name(r)["优胜奖"] == ["c05", "c06", "c07"]


def test_above_practical_median() -> None:
    """Guangzhou model: medals to the top 3, then 优胜奖 to everyone else whose practical is above the median.
    Practical scores (by rank): 95, 90, 70, 88, 60, 85 → sorted 60, 70, 85, 88, 90, 95, median (85 + 88)/2 =
    86.5.  Not yet awarded: c04 (88 > 86.5: yes), c05 (60: no), c06 (85: no)."""
    totals = [95, 92, 90, 85, 80, 75]
    practicals = [95, 90, 70, 88, 60, 85]
    policy = AwardPolicy((*MEDALS, AwardTier("优胜奖", TierMode.ABOVE_PRACTICAL_MEDIAN)))
    r = assign_awards(ranked(totals, practicals), policy)
    assert awards_by_name(r)["优胜奖"] == ["c04"]
    assert r.counts["优胜奖"] == 1 and "中位数 86.5" in r.notes[0]


def test_at_the_median_is_not_above_it() -> None:
    """Five contestants, no medals: practical 90, 80, 70, 60, 50 → median 70; only 90 and 80 are above it."""
    policy = AwardPolicy((AwardTier("优胜奖", TierMode.ABOVE_PRACTICAL_MEDIAN),))
    r = assign_awards(ranked([90, 80, 70, 60, 50]), policy)
    assert awards_by_name(r)["优胜奖"] == ["c01", "c02"]


def test_min_total_gate() -> None:
    """min_total 60. Totals 95, 90, 85, 80, 70, 59.99, 50, 45, 40, 30: N = 10 → planned 1 / 2 / 3, but c06 has
    59.99 < 60, so 三等 gets only c04 and c05. Counts stay taken over all 10 ranked contestants."""
    totals = ["95", "90", "85", "80", "70", "59.99", "50", "45", "40", "30"]
    r = assign_awards(ranked(totals), AwardPolicy(RATIO, min_total=D(60)))
    assert awards_by_name(r)["三等奖"] == ["c04", "c05"]
    assert r.planned["三等奖"] == 3 and r.counts["三等奖"] == 2
    assert r.award_of("c06") is None


def test_min_total_gate_at_exactly_the_minimum() -> None:
    """A total of exactly 60.00 is not below 60: it can be awarded."""
    r = assign_awards(
        ranked(["60", "59.99"]), AwardPolicy((AwardTier("合格", TierMode.COUNT, D(2)),), min_total=D(60))
    )
    assert r.award_of("c01") == "合格" and r.award_of("c02") is None


def test_title_list_top_4() -> None:
    """广东省技术能手 to the top 4. Totals 95, 90, 85, 80, 80, 70 → ranks 1, 2, 3, 4, 4, 6: both 4ths are
    eligible; with min_total 85 only the top 3 (≥ 85) are."""
    title = TitleRule("技术能手", 4, "Technical expert")
    entries = ranked([95, 90, 85, 80, 80, 70])
    r = assign_awards(entries, AwardPolicy((), titles=(title,)))
    assert [line.contestant for line in r.lines if line.titles == ("技术能手",)] == [
        "c01",
        "c02",
        "c03",
        "c04",
        "c05",
    ]
    assert all(line.award is None for line in r.lines)
    r = assign_awards(entries, AwardPolicy((), titles=(title,), min_total=D(85)))
    assert [line.contestant for line in r.lines if line.titles] == ["c01", "c02", "c03"]


def test_disqualified_are_neither_awarded_nor_counted() -> None:
    """11 contestants, one disqualified (with the top total): N = 10 ranked → 1 / 2 / 3, and dq has no line."""
    totals = [ctotal(f"c{n:02}", t) for n, t in enumerate(TEN, 1)] + [ctotal("dq", 99, disqualified="A-V3")]
    r = assign_awards(rank(totals), AwardPolicy(RATIO, titles=(TitleRule("技术能手", 4),)))
    assert "dq" not in [line.contestant for line in r.lines] and r.award_of("dq") is None
    assert r.counts == {"一等奖": 1, "二等奖": 2, "三等奖": 3} and r.award_of("c01") == "一等奖"


def test_tiers_run_out_of_contestants() -> None:
    """Three contestants, medals COUNT 2 + 2: gold takes 2, silver only the 1 left."""
    policy = AwardPolicy((AwardTier("金", TierMode.COUNT, D(2)), AwardTier("银", TierMode.COUNT, D(2))))
    r = assign_awards(ranked([90, 80, 70]), policy)
    assert r.counts == {"金": 2, "银": 1} and r.planned == {"金": 2, "银": 2}


def test_no_contestants() -> None:
    r = assign_awards([], AwardPolicy(RATIO))
    assert r.lines == () and r.counts == {"一等奖": 0, "二等奖": 0, "三等奖": 0}


def test_a_barred_contestant_keeps_the_rank_but_gets_no_award_and_the_next_moves_up() -> None:
    """检录: c01 was absent from a module; ranked first on what was scored, but 一等奖 goes to c02 and the count of
    the tiers is still taken over all ten ranked contestants."""
    r = assign_awards(ranked(TEN), AwardPolicy(RATIO), barred={"c01": "模块B缺考，不授奖"})
    assert awards_by_name(r)["一等奖"] == ["c02"]
    assert awards_by_name(r)["二等奖"] == ["c03", "c04"]
    first = next(line for line in r.lines if line.contestant == "c01")
    assert first.award is None and first.note == "模块B缺考，不授奖"
