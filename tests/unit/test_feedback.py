"""Issue 19 §1–2: the pure 以赛促训 feedback (scoresheets.feedback) on a hand-made contest.

One module A 基础照护 (mean of 3 judges per item, items rounded to 2 decimals):

* A1 测量血压, measurement, 10 points; rules A1-1 袖带位置不正确 −4, A1-2 未核对医嘱 −2.
* A2 沟通, judgement, 6 points (level × 2).
* Veto V1 未测量即记录 (zeroes the module).

Contestants and units (min_count 3):

========  =====  =====================================================  =======  ==========
unit      who    A1 (judges J1, J2, J3)                                 A1 mark  A2 level
========  =====  =====================================================  =======  ==========
甲校      c1     A1-1 by all three → 6, 6, 6                             6        3 (6)
甲校      c2     A1-1 by all three                                       6        3 (6)
甲校      c3     A1-1 by J1 only → 6, 10, 10 (1 of 3: not counted)       8.67     3 (6)
乙校      c4     none                                                    10       1 (2)
乙校      c5     none                                                    10       1 (2)
乙校      c6     none; J1 and J2 record veto V1 (majority: module 0)     10       1 (2)
丙校      c7     A1-2 by all three                                       8        2 (4)
丙校      c8     A1-2 by all three                                       8        2 (4)
丁校      c9     none                                                    10       2 (4)
========  =====  =====================================================  =======  ==========

Field A1: 6 + 6 + 8.67 + 30 + 16 + 10 = 76.67 of 90 → 85.19 % → 85 %; A2: 18 + 6 + 8 + 4 = 36 of 54 → 67 %.

* 甲校 (3): A1 20.67/30 = 68.9 % → 69 % (weakness, 袖带位置不正确 2 人次: c3's single judge does not count);
  A2 18/18 = 100 % (strength).
* 乙校 (3): A1 100 % (strength), A2 6/18 = 33 % (weakness, no rule); veto V1 once; module mean (12+12+0)/3 = 8.
* 丙校 (2) and 丁校 (1) are below 3: merged (其他单位合并, 3 contestants): A1 26/30 = 87 % (strength); A2 12/18
  equals the field's 36/54 exactly: neither strength nor weakness.
* With min_count 4 every unit is small; merged they are 9 ≥ 4: one merged group. With min_count 10 everything is
  suppressed, the field too (9 < 10).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rubrics.model import (
    Deduction,
    Item,
    ItemKind,
    ModuleRubric,
    OvertimeRule,
    Section,
    Text,
    VetoEffect,
    VetoRule,
)
from scoresheets.arithmetic import score_sheet
from scoresheets.feedback import (
    FieldMarks,
    ModuleMarks,
    TheorySectionSpec,
    contestant_feedback,
    feedback_groups,
    percent,
    quartiles,
    unit_feedback,
)
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from scoresheets.panel import AggregationLevel, AggregationRule, panel_score

D = Decimal

RUBRIC = ModuleRubric(
    id="t.basic",
    code="A",
    title=Text("基础照护", "Basic care"),
    standard="",
    scenario=Text(""),
    time_limit_minutes=20,
    overtime=OvertimeRule(),
    max_points=D(16),
    sections=(
        Section(
            "s1",
            Text("生命体征"),
            (
                Item(
                    "A1",
                    Text("测量血压", "Blood pressure"),
                    D(10),
                    ItemKind.MEASUREMENT,
                    deductions=(
                        Deduction("A1-1", Text("袖带位置不正确", "Cuff misplaced"), D(4)),
                        Deduction("A1-2", Text("未核对医嘱"), D(2)),
                    ),
                ),
            ),
        ),
        Section(
            "s2",
            Text("沟通"),
            (
                Item(
                    "A2",
                    Text("沟通"),
                    D(6),
                    ItemKind.JUDGEMENT,
                    levels=(Text("0"), Text("1"), Text("2"), Text("3")),
                ),
            ),
        ),
    ),
    vetoes=(VetoRule("V1", Text("未测量即记录"), VetoEffect.ZERO_MODULE),),
)

UNITS = {
    "c1": "甲校",
    "c2": "甲校",
    "c3": "甲校",
    "c4": "乙校",
    "c5": "乙校",
    "c6": "乙校",
    "c7": "丙校",
    "c8": "丙校",
    "c9": "丁校",
}
# contestant → (A1 rule codes per judge J1, J2, J3; A2 level; judges recording veto V1)
PLAN: dict[str, tuple[tuple[tuple[str, ...], ...], int, tuple[str, ...]]] = {
    "c1": ((("A1-1",), ("A1-1",), ("A1-1",)), 3, ()),
    "c2": ((("A1-1",), ("A1-1",), ("A1-1",)), 3, ()),
    "c3": ((("A1-1",), (), ()), 3, ()),
    "c4": (((), (), ()), 1, ()),
    "c5": (((), (), ()), 1, ()),
    "c6": (((), (), ()), 1, ("J1", "J2")),
    "c7": ((("A1-2",), ("A1-2",), ("A1-2",)), 2, ()),
    "c8": ((("A1-2",), ("A1-2",), ("A1-2",)), 2, ()),
    "c9": (((), (), ()), 2, ()),
}
THEORY = {c: {"t1": D(40) if UNITS[c] == "甲校" else D(30)} for c in UNITS}


def _marks() -> FieldMarks:
    panels, sheets = {}, {}
    for c, (rules, level, vetoes) in PLAN.items():
        js = []
        for n, codes in enumerate(rules, 1):
            j = f"J{n}"
            js.append(
                JudgeSheet(
                    j,
                    c,
                    (
                        ItemEntry("A1", tuple(Applied(code) for code in codes)),
                        ItemEntry("A2", level=level),
                    ),
                    veto="V1" if j in vetoes else None,
                    comment=f"{c} 的评语" if n == 1 else "",
                )
            )
        sheets[c] = js
        panels[c] = panel_score(
            RUBRIC,
            [score_sheet(RUBRIC, s) for s in js],
            rule=AggregationRule.MEAN,
            level=AggregationLevel.ITEM,
        )
    return FieldMarks(
        (ModuleMarks(RUBRIC, panels, sheets),),
        (TheorySectionSpec("t1", Text("基础知识"), D(50)),),
        THEORY,
    )


def test_unit_weaknesses_strengths_and_percentages_by_hand() -> None:
    fb = unit_feedback(_marks(), UNITS, 3)
    jia = fb["甲校"]
    assert (jia.basis, jia.count) == ("unit", 3)
    a1, a2 = jia.modules[0].items
    assert a1.group is not None and a1.field is not None
    assert (a1.group.got, a1.group.possible) == (D("20.67"), D(30))
    assert (a1.field.got, a1.field.possible) == (D("76.67"), D(90))
    assert (percent(a1.group.rate), percent(a1.field.rate)) == (69, 85)
    assert [(r.text.zh, r.count) for r in a1.rules] == [("袖带位置不正确", 2)]
    assert [w.text() for w in jia.weaknesses] == [
        "基础照护 A1 测量血压：本单位平均得分率 69%，全场 85%；最常见扣分：袖带位置不正确（2 人次）"
    ]
    assert [s.text() for s in jia.strengths] == ["基础照护 A2 沟通：本单位平均得分率 100%，全场 67%"]
    assert a2.levels == (0, 0, 0, 9) and a2.field_levels == (0, 9, 9, 9)  # 3 contestants × 3 judges each
    assert jia.theory[0].group is not None and percent(jia.theory[0].group.rate) == 80

    yi = fb["乙校"]
    assert [w.text() for w in yi.weaknesses] == ["基础照护 A2 沟通：本单位平均得分率 33%，全场 67%"]
    assert [s.item.id for s in yi.strengths] == ["A1"]
    assert [(v.text.zh, v.count) for v in yi.modules[0].vetoes] == [("未测量即记录", 1)]
    assert yi.modules[0].group is not None and yi.modules[0].group.mean == D(8)


def test_small_units_are_merged_and_the_merged_tie_is_no_finding() -> None:
    fb = unit_feedback(_marks(), UNITS, 3)
    bing, ding = fb["丙校"], fb["丁校"]
    assert bing is ding
    assert (bing.basis, bing.units, bing.count) == ("merged", ("丁校", "丙校"), 3)
    a1 = bing.modules[0].items[0]
    assert a1.group is not None and percent(a1.group.rate) == 87
    assert [s.item.id for s in bing.strengths] == ["A1"]
    assert bing.weaknesses == ()


def test_minimum_four_merges_everyone_and_ten_suppresses_everything() -> None:
    four = unit_feedback(_marks(), UNITS, 4)
    assert {g.basis for g in four.values()} == {"merged"} and four["甲校"].count == 9
    ten = unit_feedback(_marks(), UNITS, 10)
    for g in ten.values():
        assert g.basis == "suppressed" and g.count == 0
        assert g.strengths == g.weaknesses == ()
        for m in g.modules:
            assert m.group is None and m.field is None and m.vetoes == ()
            assert all(i.group is None and i.field is None and not i.rules for i in m.items)


def test_contestant_sheet() -> None:
    """c3: module 8.67 + 6 = 14.67. Field module scores (sorted): 0 (c6 vetoed), 12, 12, 12, 12, 12, 12, 14,
    14.67 → Q1 = 12 (position 2), median 12, Q3 = 12 (position 6). c3's A1 8.67 is above the field's mean
    76.67/9 = 8.52 and A2 6 above the mean 36/9 = 4: no losses. c4 (乙校) loses on A2: 2 against 4.
    Rules applied to c3 (by text, with how many judges): 袖带位置不正确 × 1. Comments without judge codes."""
    fb = contestant_feedback(_marks(), "c3", 3)
    m = fb.modules[0]
    assert m.score == D("14.67")
    assert m.field is not None and (m.field.q1, m.field.median, m.field.q3) == (D(12), D(12), D(12))
    assert m.losses == ()
    assert [(r.text.zh, r.count) for r in m.rules] == [("袖带位置不正确", 1)]
    assert m.comments == ("c3 的评语",) and m.judges == 3
    c4 = contestant_feedback(_marks(), "c4", 3).modules[0]
    assert [(x.item.id, x.own, x.field_mean) for x in c4.losses] == [("A2", D(2), D(4))]
    c6 = contestant_feedback(_marks(), "c6", 3).modules[0]
    assert c6.veto is not None and c6.veto.zh == "未测量即记录" and c6.score == 0
    assert fb.theory[0].score == D(40)


def test_quartiles_by_hand() -> None:
    q = quartiles([D(1), D(2), D(3), D(4)])
    assert q is not None and (q.q1, q.median, q.q3) == (D("1.75"), D("2.5"), D("3.25"))
    assert quartiles([D(1), D(2)], 3) is None


units_st = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=3),
    st.sampled_from(["甲", "乙", "丙", "丁", "戊"]),
    min_size=0,
    max_size=20,
)


@given(units=units_st, min_count=st.integers(1, 6))
def test_groups_never_show_fewer_than_the_minimum(units: dict[str, str], min_count: int) -> None:
    sizes = {u: sum(1 for v in units.values() if v == u) for u in set(units.values())}
    for unit, (basis, over) in feedback_groups(units, min_count).items():
        if basis == "suppressed":
            assert over == ()
        else:
            assert sum(sizes[u] for u in over) >= min_count
            assert unit in over
        assert (basis == "unit") == (sizes[unit] >= min_count)


@given(
    chosen=st.dictionaries(st.sampled_from(sorted(UNITS)), st.sampled_from(["甲", "乙", "丙"]), min_size=1),
    min_count=st.integers(1, 5),
)
def test_no_shown_statistic_counts_fewer_than_the_minimum(chosen: dict[str, str], min_count: int) -> None:
    marks = _marks()
    for g in unit_feedback(marks, chosen, min_count).values():
        assert g.basis == "suppressed" or g.count >= min_count
        for m in g.modules:
            shares = [m.group, m.field] + [s for i in m.items for s in (i.group, i.field)]
            shares += [s for sec in m.sections for s in (sec.group, sec.field)]
            assert all(s is None or s.count >= min_count for s in shares)
            for i in m.items:
                if i.levels is not None:
                    assert sum(i.levels) >= min_count
        assert all(s is None or s.count >= min_count for t in g.theory for s in (t.group, t.field))
