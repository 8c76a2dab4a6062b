"""A rubric corrected mid-contest: the edit, whether the stored marks fit, and who moves (worked by hand).

Module out of 100: M measurement 70 (rule a −5 each, repeatable, cap 35; rule b −10 once), J judgement 30. Theory
weighs 20 %, the module 80 %; three judges give every contestant the same marks.

=====  ===================  ======  ========  =======  ==============================
who    M marks              J       module    theory   total today → rule b at −2
=====  ===================  ======  ========  =======  ==============================
P      b once → 60          3 → 30  90        80       16 + 72 = 88.00 → M 68, 98: 94.40
Q      none → 70            2 → 20  90        70       14 + 72 = 86.00 (unchanged)
R      a twice → 60         3 → 30  90        90       18 + 72 = 90.00 (unchanged)
=====  ===================  ======  ========  =======  ==============================

Today R 1st (一等奖), P 2nd (二等奖), Q 3rd (三等奖); with b at −2, P 1st (一等奖), R 2nd (二等奖): P and R move.
"""

from __future__ import annotations

from decimal import Decimal

from factories import MODULE_TOML, ded, judgement, load_module, measurement, module, sheet

from rubrics.amend import amended_text, differences, fit_problems, parse_edits
from rubrics.load import read_bytes
from rubrics.model import ModuleRubric
from scoresheets import AwardPolicy, AwardTier, ModulePlan, StandingsRules, TierMode
from scoresheets.rubric_change import preview_rubric_change

D = Decimal
RUBRIC = module(
    measurement("M", 70, ded("a", 5, repeatable=True, cap=35), ded("b", 10)),
    judgement("J", 30),
    module_id="care",
    code="A",
)
RULES = StandingsRules(
    modules=(ModulePlan(RUBRIC, panel_size=3),),
    awards=AwardPolicy(
        (
            AwardTier("一等奖", TierMode.COUNT, D(1)),
            AwardTier("二等奖", TierMode.COUNT, D(1)),
            AwardTier("三等奖", TierMode.COUNT, D(1)),
        ),
        min_total=D(60),
    ),
)
MARKS = {"P": ((("b", 1),), 3), "Q": ((), 2), "R": ((("a", 2),), 3)}
THEORY = {"P": D(80), "Q": D(70), "R": D(90)}


def _sheets(rubric: ModuleRubric) -> dict:  # type: ignore[type-arg]
    return {
        (c, "care"): [sheet(rubric, j, c, {"M": m, "J": lv}) for j in "XYZ"] for c, (m, lv) in MARKS.items()
    }


def _with_b(points: str) -> ModuleRubric:
    return module(
        measurement("M", 70, ded("a", 5, repeatable=True, cap=35), ded("b", points)),
        judgement("J", 30),
        module_id="care",
        code="A",
    )


def test_a_smaller_deduction_moves_p_above_r() -> None:
    preview = preview_rubric_change(RULES, _with_b("2"), list(MARKS), _sheets(RUBRIC), THEORY)
    by = {line.contestant: line for line in preview.lines}
    assert [line.contestant for line in preview.lines] == ["R", "P", "Q"]  # today's order
    assert (by["P"].module_before, by["P"].module_after) == (D(90), D(98))
    assert (by["P"].total_before, by["P"].total_after) == (D("88.00"), D("94.40"))
    assert (by["P"].rank_before, by["P"].rank_after) == (2, 1)
    assert (by["P"].award_before, by["P"].award_after) == ("二等奖", "一等奖")
    assert (by["R"].rank_before, by["R"].rank_after, by["R"].award_after) == (1, 2, "二等奖")
    assert not by["Q"].changed
    assert {line.contestant for line in preview.moved} == {"P", "R"}
    assert {line.contestant for line in preview.award_changes} == {"P", "R"}


def test_the_same_rubric_moves_nobody() -> None:
    preview = preview_rubric_change(RULES, RUBRIC, list(MARKS), _sheets(RUBRIC), THEORY)
    assert not any(line.changed for line in preview.lines)


def test_edits_of_the_stored_text_and_what_they_change() -> None:
    base = load_module()
    edits, problems = parse_edits(["X1a=0.5", "X2=4", "max=11"])
    assert problems == [] and edits == {"X1a": D("0.5"), "X2": D(4), "max": D(11)}
    text, problems = amended_text(MODULE_TOML, edits)
    assert problems == []
    new, problems = read_bytes(text.encode(), "amended")
    assert problems == [] and isinstance(new, ModuleRubric)
    assert new.content_hash != base.content_hash
    assert [(d.where, d.what, d.before, d.after) for d in differences(base, new)] == [
        ("max", "max_points", D(10), D(11)),
        ("X1a", "deduction", D(1), D("0.5")),
        ("X2", "points", D(3), D(4)),
    ]
    assert fit_problems(base, new, "amended") == []


def test_an_edit_that_breaks_the_total_or_names_nothing_is_refused() -> None:
    text, problems = amended_text(MODULE_TOML, {"X2": D(4)})
    assert problems == []
    _, invalid = read_bytes(text.encode(), "amended")
    assert [p.where for p in invalid] == ["max_points"]  # 7 + 4 ≠ 10: max must be edited too
    _, problems = amended_text(MODULE_TOML, {"X9": D(1)})
    assert [p.where for p in problems] == ["X9"]
    _, problems = parse_edits(["X1a", "X2=abc", "X2=-1"])
    assert len(problems) == 3


def test_a_rubric_the_marks_do_not_fit_is_named() -> None:
    base = load_module()
    renamed = MODULE_TOML.replace('code = "X1a"', 'code = "X1z"')
    new, _ = read_bytes(renamed.encode(), "renamed")
    assert isinstance(new, ModuleRubric)
    (problem,) = fit_problems(base, new, "renamed")
    assert problem.where == "items[X1].deductions[X1a]"
