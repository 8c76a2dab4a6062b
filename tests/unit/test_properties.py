"""Properties of the scoring core, checked on generated rubrics, panels and contests.

The exactness properties compare against an independent oracle written with :class:`fractions.Fraction` and
integer half-up rounding (``floor(x × 100 + ½)``), so they do not share code or Decimal contexts with the
implementation.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from factories import Mark, ctotal, ded, judgement, measurement, module, sheet, veto
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rubrics import Item, ItemKind, ModuleRubric, VetoEffect
from scoresheets import (
    AggregationLevel,
    AggregationRule,
    AwardPolicy,
    AwardTier,
    ContestantScores,
    ModulePlan,
    Rounding,
    StandingsRules,
    TiePolicy,
    TierMode,
    VetoQuorum,
    Weights,
    assign_awards,
    compute_standings,
    compute_total,
    half_up,
    panel_score,
    rank,
    score_sheet,
    spread_alerts,
)
from scoresheets.model import JudgeSheet
from scoresheets.panel import Tolerance

D = Decimal
JUDGES = "ABCDE"
ROUNDINGS = {
    "everywhere": Rounding(),
    "module only": Rounding(at=frozenset({"module", "part", "total"})),
}

# HYPOTHESIS_PROFILE=thorough (see conftest.py) runs twenty times as many examples of every property.
SCALE = 20 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1


def examples(n: int) -> settings:
    """``n`` examples in the everyday run (the whole unit suite stays well under a minute)."""
    return settings(max_examples=n * SCALE)


# ---------------------------------------------------------------- the oracle


def fhalf_up(q: Fraction, places: int = 2) -> Fraction:
    """Half away from zero, on exact fractions, with integer arithmetic only."""
    scale = 10**places
    n = abs(q) * scale
    r = math.floor(n + Fraction(1, 2))
    return Fraction(r if q >= 0 else -r, scale)


def F(x: Decimal | int | str) -> Fraction:
    return Fraction(str(x))


# ---------------------------------------------------------------- strategies


@st.composite
def items(draw: st.DrawFn, k: int) -> Item:
    if draw(st.booleans()):
        return judgement(f"J{k}", draw(st.sampled_from(["1", "2", "2.5", "3", "5", "7", "10", "11", "20"])))
    points = D(draw(st.integers(2, 40))) / 2  # 1, 1.5, …, 20
    step = draw(st.sampled_from([D("0.5"), D(1)]))
    cap = draw(st.none() | st.integers(1, int(points * 2)).map(lambda h: D(h) / 2))  # 0.5 … points
    return measurement(
        f"M{k}", points, ded(f"a{k}", step, repeatable=True, cap=cap), ded(f"b{k}", min(points, D(2)))
    )


@st.composite
def rubrics(draw: st.DrawFn, module_id: str = "m1") -> ModuleRubric:
    n = draw(st.integers(1, 5))
    return module(
        *(draw(items(k)) for k in range(n)),
        module_id=module_id,
        vetoes=[veto("V1", VetoEffect.ZERO_MODULE), veto("V3", VetoEffect.DISQUALIFY)],
    )


def mark_strategy(item: Item) -> st.SearchStrategy[Mark]:
    if item.kind == ItemKind.JUDGEMENT:
        return st.integers(0, 3)
    a, b = item.deductions
    direct = st.integers(0, int(item.points * 100)).map(lambda c: str(D(c) / 100))
    deductions = st.tuples(st.integers(0, 8), st.integers(0, 1)).map(
        lambda ab: tuple((code, n) for code, n in ((a.code, ab[0]), (b.code, ab[1])) if n)
    )
    return st.one_of(direct, deductions)


@dataclass
class Raw:
    """One judge's marks before they become a JudgeSheet (so that a test can change one mark)."""

    judge: str
    marks: dict[str, Mark]
    veto: str | None
    seconds: int | None

    def sheet(self, rubric: ModuleRubric, contestant: str) -> JudgeSheet:
        return sheet(rubric, self.judge, contestant, self.marks, veto=self.veto, seconds_used=self.seconds)


@st.composite
def raw_panels(
    draw: st.DrawFn, rubric: ModuleRubric, size: int, vetoes: bool = True, times: bool = True
) -> list[Raw]:
    out = []
    for j in JUDGES[:size]:
        marks = {i.id: draw(mark_strategy(i)) for i in rubric.items}
        v = draw(st.sampled_from([None, None, None, "V1", "V3"])) if vetoes else None
        t = draw(st.none() | st.integers(0, 700)) if times else None
        out.append(Raw(j, marks, v, t))
    return out


rules_ = st.sampled_from(list(AggregationRule))
levels_ = st.sampled_from(list(AggregationLevel))
sizes = st.sampled_from([3, 5])


# ---------------------------------------------------------------- oracle for a panel


def oracle_item(item: Item, mark: Mark, round_items: bool) -> Fraction:
    if item.kind == ItemKind.JUDGEMENT:
        assert isinstance(mark, int)
        v = F(item.points) * mark / 3
        return fhalf_up(v) if round_items else v
    if isinstance(mark, tuple):
        taken = Fraction(0)
        for code, n in mark:
            rule = item.deduction(code)
            assert rule is not None
            amount = F(rule.points) * n
            taken += min(amount, F(rule.cap)) if rule.cap is not None else amount
        return max(Fraction(0), F(item.points) - taken)
    return F(mark)


def oracle_aggregate(values: Sequence[Fraction], rule: AggregationRule) -> Fraction:
    v = sorted(values)
    n = len(v)
    if rule == AggregationRule.MEAN:
        return sum(v, Fraction(0)) / n
    if rule == AggregationRule.MEDIAN:
        return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    kept = v[1:-1]
    return sum(kept, Fraction(0)) / len(kept)


def oracle_overtime(seconds: int | None) -> Fraction:
    """Limit 5 min; 2 points per started minute over; stopped after 5 minutes."""
    if seconds is None or seconds <= 300:
        return Fraction(0)
    return Fraction(2 * min(-(-(seconds - 300) // 60), 5))


def oracle_panel(
    rubric: ModuleRubric,
    raws: Sequence[Raw],
    rule: AggregationRule,
    level: AggregationLevel,
    rounding: Rounding,
) -> Fraction:
    round_items = "item" in rounding.at
    votes = sum(1 for r in raws if r.veto)
    if votes >= len(raws) // 2 + 1:
        return Fraction(0)
    per_sheet = [{i.id: oracle_item(i, r.marks[i.id], round_items) for i in rubric.items} for r in raws]
    ots = [oracle_overtime(r.seconds) for r in raws]
    if level == AggregationLevel.ITEM:
        total = Fraction(0)
        for i in rubric.items:
            agg = oracle_aggregate([s[i.id] for s in per_sheet], rule)
            total += fhalf_up(agg) if round_items else agg
        score = max(Fraction(0), total - oracle_aggregate(ots, rule))
    else:
        totals = [
            max(Fraction(0), sum(s.values(), Fraction(0)) - ot) for s, ot in zip(per_sheet, ots, strict=True)
        ]
        score = oracle_aggregate(totals, rule)
    return fhalf_up(score)


# ---------------------------------------------------------------- exactness


@examples(150)
@given(
    data=st.data(),
    rubric=rubrics(),
    size=sizes,
    rule=rules_,
    level=levels_,
    rkey=st.sampled_from(sorted(ROUNDINGS)),
)
def test_panel_score_equals_the_exact_oracle(
    data: st.DataObject,
    rubric: ModuleRubric,
    size: int,
    rule: AggregationRule,
    level: AggregationLevel,
    rkey: str,
) -> None:
    """Every panel score (any rule, level, rounding point, veto, overtime) equals the Fraction oracle exactly."""
    rounding = ROUNDINGS[rkey]
    raws = data.draw(raw_panels(rubric, size))
    results = [score_sheet(rubric, r.sheet(rubric, "07"), rounding=rounding) for r in raws]
    p = panel_score(rubric, results, rule=rule, level=level, rounding=rounding)
    assert F(p.score) == oracle_panel(rubric, raws, rule, level, rounding)
    assert p.score.as_tuple().exponent == -2 or p.score == 0


@examples(100)
@given(data=st.data(), rubric=rubrics(), size=sizes, rule=rules_)
def test_rounded_item_scores_sum_to_the_module_score(
    data: st.DataObject, rubric: ModuleRubric, size: int, rule: AggregationRule
) -> None:
    """With item rounding on (and no veto or overtime), the printed item columns add up to the printed module
    score to the cent."""
    raws = data.draw(raw_panels(rubric, size, vetoes=False, times=False))
    results = [score_sheet(rubric, r.sheet(rubric, "07")) for r in raws]
    p = panel_score(rubric, results, rule=rule)
    assert all(v == half_up(v) for v in p.item_scores.values())
    assert sum(p.item_scores.values(), D(0)) == p.score
    for r in results:
        assert sum(r.item_scores.values(), D(0)) == r.total


cents = st.integers(0, 10000).map(lambda c: D(c) / 100)


@examples(200)
@given(
    theory=st.none() | cents,
    modules=st.lists(st.tuples(st.none() | cents, st.integers(0, 40)), min_size=1, max_size=5),
    theory_weight=st.integers(0, 100).map(lambda p: D(p) / 100),
    rkey=st.sampled_from(sorted(ROUNDINGS)),
)
def test_totals_are_exact(
    theory: Decimal | None, modules: list[tuple[Decimal | None, int]], theory_weight: Decimal, rkey: str
) -> None:
    """practical = half-up(Σ module × w ÷ Σ w); total = half-up(theory × w + practical × (1 − w))."""
    assume(any(w for _, w in modules))
    rounding = ROUNDINGS[rkey]
    weights = Weights(theory_weight, {f"m{k}": D(w) for k, (_, w) in enumerate(modules)})
    t = compute_total(
        ContestantScores("07", theory, {f"m{k}": s for k, (s, _) in enumerate(modules)}), weights, rounding
    )
    wsum = sum(w for _, w in modules)
    practical = sum(((F(s) if s is not None else Fraction(0)) * w for s, w in modules), Fraction(0)) / wsum
    th = F(theory) if theory is not None else Fraction(0)
    w = F(theory_weight)
    if "part" in rounding.at:
        practical = fhalf_up(practical)
        th = fhalf_up(th)
    assert F(t.practical) == practical
    assert F(t.total) == fhalf_up(th * w + practical * (1 - w))
    assert t.total.as_tuple().exponent == -2 or t.total == 0


@examples(300)
@given(
    data=st.data(),
    places=st.integers(0, 4),
)
def test_half_up_equals_the_integer_oracle(data: st.DataObject, places: int) -> None:
    """Any decimal, but often one digit longer than ``places`` so that exact halves come up a lot."""
    value = data.draw(
        st.one_of(
            st.decimals(
                min_value=-1_000_000, max_value=1_000_000, places=6, allow_nan=False, allow_infinity=False
            ),
            st.integers(-(10**8), 10**8).map(lambda n: D(n).scaleb(-(places + 1))),
        )
    )
    assert F(half_up(value, places)) == fhalf_up(F(value), places)


@examples(200)
@given(cents_=st.integers(0, 10_000_000))
def test_half_up_rounds_every_half_away_from_zero_unlike_round(cents_: int) -> None:
    """x = n.nn5 (a half at the third decimal): half_up gives x + 0.005; Python's round() on a Decimal rounds
    half to even, so it rounds down whenever the cent digit is even (2.675 → 2.68 both, 0.125 → 0.12 vs 0.13)."""
    x = D(cents_ * 10 + 5) / 1000
    assert half_up(x) == x + D("0.005")
    assert half_up(-x) == -x - D("0.005")
    if cents_ % 2 == 0:
        assert half_up(x) != round(x, 2)
        assert half_up(x) - round(x, 2) == D("0.01")


# ---------------------------------------------------------------- judge order


@examples(100)
@given(
    data=st.data(),
    rubric=rubrics(),
    size=sizes,
    rule=rules_,
    level=levels_,
    quorum=st.sampled_from(list(VetoQuorum)),
)
def test_judge_order_does_not_change_the_panel(
    data: st.DataObject,
    rubric: ModuleRubric,
    size: int,
    rule: AggregationRule,
    level: AggregationLevel,
    quorum: VetoQuorum,
) -> None:
    """Sheets arriving in any order give the same score, item scores, dropped judges, veto and sheet list."""
    raws = data.draw(raw_panels(rubric, size))
    results = [score_sheet(rubric, r.sheet(rubric, "07")) for r in raws]
    shuffled = data.draw(st.permutations(results))
    a = panel_score(rubric, results, rule=rule, level=level, veto_quorum=quorum)
    b = panel_score(rubric, shuffled, rule=rule, level=level, veto_quorum=quorum)
    assert a == b
    assert (a.score, a.item_scores, a.dropped) == (b.score, b.item_scores, b.dropped)


@examples(150)
@given(
    data=st.data(),
    rubric=rubrics(),
    size=st.sampled_from([2, 3, 5]),
    levels_limit=st.none() | st.integers(0, 3),
    points_limit=st.none() | st.sampled_from(["0", "0.5", "1", "2.25"]),
    total_limit=st.none() | st.sampled_from(["0", "1", "3.5", "10"]),
    before_veto=st.booleans(),
)
def test_spread_alerts_equal_the_oracle(
    data: st.DataObject,
    rubric: ModuleRubric,
    size: int,
    levels_limit: int | None,
    points_limit: str | None,
    total_limit: str | None,
    before_veto: bool,
) -> None:
    """Every item every sheet scores, in rubric order, then the sheet totals: an alert where max − min exceeds the
    limit, with the judges' marks (levels for judgement items) in judge order; sheets arrive in any order, and an
    item one sheet leaves out is not compared."""
    raws = data.draw(raw_panels(rubric, size))
    results = [score_sheet(rubric, r.sheet(rubric, "07")) for r in raws]
    left_out = data.draw(
        st.sets(st.sampled_from([(r.judge, i.id) for r in raws for i in rubric.items]), max_size=2)
    )
    for judge, item_id in left_out:
        sheet_ = next(r for r in results if r.judge == judge)
        del sheet_.item_scores[item_id]
    tolerance = Tolerance(
        judgement_levels=levels_limit,
        measurement_points=None if points_limit is None else D(points_limit),
        sheet_total=None if total_limit is None else D(total_limit),
    )
    shuffled = data.draw(st.permutations(results))
    got = spread_alerts(rubric, shuffled, tolerance, before_veto=before_veto)
    expected: list[tuple[str | None, Fraction, Fraction, list[tuple[str, Fraction]]]] = []
    ordered = sorted(results, key=lambda r: r.judge)
    if size >= 2:
        for i in rubric.items:
            if any(i.id not in r.item_scores for r in ordered):
                continue
            judged = i.kind == ItemKind.JUDGEMENT
            limit = levels_limit if judged else points_limit
            if limit is None:
                continue
            marks = [(r.judge, F(r.levels[i.id]) if judged else F(r.item_scores[i.id])) for r in ordered]
            spread = max(m for _, m in marks) - min(m for _, m in marks)
            if spread > F(limit):
                expected.append((i.id, spread, F(limit), marks))
        if total_limit is not None:
            marks = [(r.judge, F(r.total) if before_veto or r.veto is None else Fraction(0)) for r in ordered]
            spread = max(m for _, m in marks) - min(m for _, m in marks)
            if spread > F(total_limit):
                expected.append((None, spread, F(total_limit), marks))
    assert [(a.item_id, F(a.spread), F(a.limit), [(j, F(m)) for j, m in a.marks]) for a in got] == expected
    assert all((a.contestant, a.module_id) == ("07", rubric.id) for a in got)
    assert all(isinstance(a.spread, Decimal) and all(isinstance(m, Decimal) for _, m in a.marks) for a in got)


# ---------------------------------------------------------------- whole contests


@dataclass
class Contest:
    rules: StandingsRules
    contestants: list[str]
    raws: dict[tuple[str, str], list[Raw]]
    theory: dict[str, Decimal | None]

    def sheets(self) -> dict[tuple[str, str], list[JudgeSheet]]:
        by_id = {p.rubric.id: p.rubric for p in self.rules.modules}
        return {(c, m): [r.sheet(by_id[m], c) for r in rs] for (c, m), rs in self.raws.items()}

    def standings(self):  # type: ignore[no-untyped-def]
        return compute_standings(self.rules, self.contestants, self.sheets(), self.theory)


@st.composite
def contests(draw: st.DrawFn, vetoes: bool = True) -> Contest:
    n_modules = draw(st.integers(1, 2))
    plans = []
    for k in range(n_modules):
        size = draw(sizes)
        plans.append(
            ModulePlan(
                draw(rubrics(module_id=f"m{k}")),
                weight=D(draw(st.integers(1, 3))),
                rule=draw(rules_),
                level=draw(levels_),
                panel_size=size,
            )
        )
    policy = AwardPolicy(
        (
            AwardTier("一等奖", TierMode.RATIO, D("0.1")),
            AwardTier("二等奖", TierMode.RATIO, D("0.2")),
            AwardTier("三等奖", TierMode.RATIO, D("0.3")),
        ),
        tie_policy=draw(st.sampled_from(list(TiePolicy))),
    )
    rules = StandingsRules(
        tuple(plans), theory_weight=D(draw(st.sampled_from([0, 20, 30]))) / 100, awards=policy
    )
    n = draw(st.integers(2, 6))
    contestants = [f"{k + 1:02}" for k in range(n)]
    raws = {}
    for c in contestants:
        for p in plans:
            raws[(c, p.rubric.id)] = draw(raw_panels(p.rubric, p.panel_size, vetoes=vetoes))
    theory = {c: draw(st.none() | cents) for c in contestants}
    return Contest(rules, contestants, raws, theory)


def summary(st_):  # type: ignore[no-untyped-def]
    """Everything published: order, ranks, reasons, totals, awards."""
    entries = [(e.contestant, e.rank, e.shared, e.decided_by, e.margin, e.result) for e in st_.entries]
    return entries, st_.awards


@examples(60)
@given(contest=contests(), data=st.data())
def test_judge_and_contestant_order_do_not_change_the_standings(
    contest: Contest, data: st.DataObject
) -> None:
    before = summary(contest.standings())
    contest.raws = {k: data.draw(st.permutations(v)) for k, v in contest.raws.items()}
    contest.contestants = data.draw(st.permutations(contest.contestants))
    assert summary(contest.standings()) == before


def raised(item: Item, mark: Mark, data: st.DataObject) -> Mark | None:
    """A strictly better mark for ``item`` than ``mark`` (or None if it is already the best)."""
    if item.kind == ItemKind.JUDGEMENT:
        assert isinstance(mark, int)
        return data.draw(st.integers(mark + 1, 3)) if mark < 3 else None
    if isinstance(mark, tuple):
        if not mark:
            return None
        k = data.draw(st.integers(0, len(mark) - 1))
        code, n = mark[k]
        rest = mark[:k] + mark[k + 1 :]
        return rest if n == 1 else rest[:k] + ((code, n - 1),) + rest[k:]
    top = int(item.points * 100)
    now = int(D(mark) * 100)
    return str(D(data.draw(st.integers(now + 1, top))) / 100) if now < top else None


@examples(80)
@given(contest=contests(), data=st.data())
def test_raising_one_mark_never_lowers_module_total_or_rank(contest: Contest, data: st.DataObject) -> None:
    """One judge raises one mark of one contestant (a higher level, one deduction fewer or a higher direct
    score): that contestant's module score, total and rank never get worse."""
    options = []
    by_id = {p.rubric.id: p.rubric for p in contest.rules.modules}
    for (c, m), rs in contest.raws.items():
        for ri, _r in enumerate(rs):
            for item in by_id[m].items:
                options.append((c, m, ri, item))
    c, m, ri, item = data.draw(st.sampled_from(options))
    better = raised(item, contest.raws[(c, m)][ri].marks[item.id], data)
    assume(better is not None)
    before = contest.standings()
    old = contest.raws[(c, m)][ri]
    contest.raws[(c, m)] = list(contest.raws[(c, m)])
    contest.raws[(c, m)][ri] = Raw(old.judge, {**old.marks, item.id: better}, old.veto, old.seconds)  # type: ignore[dict-item]
    after = contest.standings()
    assert after.panels[(c, m)].score >= before.panels[(c, m)].score
    assert after.total(c).total >= before.total(c).total
    assert after.total(c).practical >= before.total(c).practical
    rb, ra = before.entry(c).rank, after.entry(c).rank
    assert (rb is None) == (ra is None)
    if rb is not None and ra is not None:
        assert ra <= rb


@examples(60)
@given(contest=contests(), data=st.data())
def test_identical_contestants_share_a_rank(contest: Contest, data: st.DataObject) -> None:
    """A contestant given exactly the same sheets and theory score as another gets the same rank and both are
    marked shared (or both are disqualified)."""
    src = data.draw(st.sampled_from(contest.contestants))
    twin = "99"
    for p in contest.rules.modules:
        contest.raws[(twin, p.rubric.id)] = contest.raws[(src, p.rubric.id)]
    contest.theory[twin] = contest.theory[src]
    contest.contestants.append(twin)
    s = contest.standings()
    a, b = s.entry(src), s.entry(twin)
    assert a.rank == b.rank
    assert a.result.total == b.result.total
    if a.rank is not None:
        assert a.shared and b.shared
    if s.awards is not None:
        assert s.awards.award_of(src) == s.awards.award_of(twin)


# ---------------------------------------------------------------- ranking


def cascade(t) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    return (t.total, t.practical, (1, t.theory) if t.theory is not None else (0, D(0)))


totals_lists = st.lists(
    st.tuples(st.integers(50, 60), st.integers(50, 60), st.none() | st.integers(50, 52), st.booleans()),
    min_size=0,
    max_size=25,
)


@examples(200)
@given(rows=totals_lists, data=st.data())
def test_rank_is_standard_competition_ranking(
    rows: list[tuple[int, int, int | None, bool]], data: st.DataObject
) -> None:
    """rank = 1 + the number of contestants strictly ahead on (total, practical, theory); equal inputs give equal
    ranks; disqualified come last without rank; input order does not matter."""
    totals = [
        ctotal(f"c{k:02}", t, p, th, disqualified="x" if dq and k % 3 == 0 else None)
        for k, (t, p, th, dq) in enumerate(rows)
    ]
    entries = rank(totals)
    assert entries == rank(data.draw(st.permutations(totals)))
    ok = [t for t in totals if not t.disqualified]
    expected = {t.contestant: 1 + sum(cascade(o) > cascade(t) for o in ok) for t in ok}
    got = {e.contestant: e.rank for e in entries if e.rank is not None}
    assert got == expected
    assert [e.contestant for e in entries[len(ok) :]] == sorted(
        t.contestant for t in totals if t.disqualified
    )
    for e in entries[: len(ok)]:
        twins = [o for o in ok if cascade(o) == cascade(e.result) and o.contestant != e.contestant]
        assert e.shared == bool(twins)


# ---------------------------------------------------------------- awards


def want(n: int, percent: int) -> int:
    """half-up(n × percent / 100) in integers."""
    return (n * percent * 2 + 100) // 200


percent_sets = st.lists(st.integers(0, 40), min_size=1, max_size=4).filter(lambda ps: sum(ps) <= 100)


@examples(200)
@given(n=st.integers(0, 80), percents=percent_sets, policy=st.sampled_from(list(TiePolicy)))
def test_ratio_counts_without_ties(n: int, percents: list[int], policy: TiePolicy) -> None:
    """Distinct totals: every tier gets exactly half-up(N × r) contestants, in rank order."""
    entries = rank([ctotal(f"c{k:03}", 1000 - k) for k in range(n)])
    tiers = tuple(AwardTier(f"T{k}", TierMode.RATIO, D(p) / 100) for k, p in enumerate(percents))
    r = assign_awards(entries, AwardPolicy(tiers, tie_policy=policy))
    wants = [want(n, p) for p in percents]
    assume(sum(wants) <= n)
    assert [r.counts[t.name] for t in tiers] == wants == [r.planned[t.name] for t in tiers]
    expected = [t.name for t, w in zip(tiers, wants, strict=True) for _ in range(w)]
    assert [line.award for line in r.lines] == expected + [None] * (n - len(expected))
    assert r.notes == ()


@examples(300)
@given(
    scores=st.lists(st.integers(0, 8), min_size=1, max_size=40),
    percents=percent_sets,
    policy=st.sampled_from(list(TiePolicy)),
)
def test_ratio_counts_with_ties_follow_the_tie_policy(
    scores: list[int], percents: list[int], policy: TiePolicy
) -> None:
    """With ties: tied contestants always get the same award; a tier grows (higher) or shrinks (lower) from
    half-up(N × r) only by the tied group that straddles its cut, and the awarded contestants form a prefix."""
    entries = rank([ctotal(f"c{k:03}", s) for k, s in enumerate(scores)])
    n = len(entries)
    tiers = tuple(AwardTier(f"T{k}", TierMode.RATIO, D(p) / 100) for k, p in enumerate(percents))
    r = assign_awards(entries, AwardPolicy(tiers, tie_policy=policy))
    ranks = [e.rank for e in sorted(entries, key=lambda e: (e.rank, e.contestant))]
    awards = [line.award for line in r.lines]
    for i in range(n):
        for j in range(n):
            if ranks[i] == ranks[j]:
                assert awards[i] == awards[j]
    pos = 0
    for t, p in zip(tiers, percents, strict=True):
        w, count = want(n, p), r.counts[t.name]
        assert r.planned[t.name] == w
        assert awards[pos : pos + count] == [t.name] * count
        planned_end = min(pos + w, n)
        end = pos + count
        if w == 0 or planned_end == pos:
            assert count == 0
        elif policy == TiePolicy.HIGHER:
            assert end >= planned_end
            if end > planned_end:
                assert len(set(ranks[planned_end - 1 : end])) == 1  # only the tied group was added
        else:
            assert end <= planned_end
            if end < planned_end:
                assert len(set(ranks[end:planned_end])) == 1 and ranks[planned_end - 1] == ranks[planned_end]
        pos = end
    assert all(a is None for a in awards[pos:])
