"""The validator and the loader's located problems: every kind of problem, with file and location, all at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import (
    MODULE_TOML,
    THEORY_TOML,
    ded,
    edit,
    judgement,
    measurement,
    module,
    problems_of,
    veto,
)

from rubrics import Problem, validate
from rubrics.load import check_library

D = Decimal
FILE = "A_basic.toml"

# A third item (measurement, 2 points, rule X3a) appended to the README example: 7 + 3 + 2 = 12.
ITEM_X3 = """
[[sections.items]]
id = "X3"
title = "整理用物"
points = 2
kind = "measurement"

[[sections.items.deductions]]
code = "X3a"
text = "未整理用物扣2分"
points = 2
"""
X3A_RULE = 'code = "X3a"\ntext = "未整理用物扣2分"\npoints = 2\n'
THREE_ITEMS = edit(MODULE_TOML, "\n[[vetoes]]", ITEM_X3 + "\n[[vetoes]]").replace(
    "max_points = 10", "max_points = 12"
)


def only(problems: list[Problem]) -> Problem:
    """The single problem of a list (fails with the whole list otherwise)."""
    assert len(problems) == 1, problems
    return problems[0]


def test_fixtures_are_clean() -> None:
    """The starting points of every test below have no problem, so each problem found is the one introduced."""
    assert problems_of(MODULE_TOML, FILE) == []
    assert problems_of(THREE_ITEMS, FILE) == []
    assert problems_of(THEORY_TOML, FILE) == []


def test_items_not_summing_to_max_states_the_difference() -> None:
    """Items 7 + 3 = 10 but max_points = 12: difference 12 − 10 = 2, by section wash=10."""
    p = only(problems_of(edit(MODULE_TOML, "max_points = 10", "max_points = 12"), FILE))
    assert p.file == FILE and p.where == "max_points"
    assert "items sum to 10" in p.message and "max_points is 12" in p.message
    assert "difference 2" in p.message and "wash=10" in p.message


def test_items_summing_above_max_states_a_negative_difference() -> None:
    """Items 7 + 3 = 10 but max_points = 9.5: difference 9.5 − 10 = −0.5."""
    p = only(problems_of(edit(MODULE_TOML, "max_points = 10", "max_points = 9.5"), FILE))
    assert p.where == "max_points" and "difference -0.5" in p.message


def test_duplicate_item_id() -> None:
    """X3 renamed X1: the id X1 appears twice."""
    p = only(problems_of(edit(THREE_ITEMS, 'id = "X3"', 'id = "X1"'), FILE))
    assert p.file == FILE and p.where == "items[X1]" and "more than once" in p.message


def test_duplicate_deduction_code_across_items() -> None:
    """X3's rule renamed X1a: deduction codes are unique in the whole module."""
    p = only(problems_of(edit(THREE_ITEMS, 'code = "X3a"', 'code = "X1a"'), FILE))
    assert p.file == FILE and "X1a" in p.where and "more than once" in p.message


def test_duplicate_deduction_code_names_the_items() -> None:
    """The problem must say where to look: both items holding the code X1a (X1 and X3)."""
    p = only(problems_of(edit(THREE_ITEMS, 'code = "X3a"', 'code = "X1a"'), FILE))
    located = p.where + " " + p.message
    assert "X1" in located.replace("X1a", "") and "X3" in located


def test_duplicate_veto_code() -> None:
    src = THREE_ITEMS + '\n[[vetoes]]\ncode = "V1"\ntext = "重复"\neffect = "disqualify"\n'
    p = only(problems_of(src, FILE))
    assert p.file == FILE and p.where == "vetoes[V1]" and "more than once" in p.message


def test_duplicate_section_id() -> None:
    """X3 moved into a second section that is also called "wash"."""
    src = edit(
        THREE_ITEMS,
        '\n[[sections.items]]\nid = "X3"',
        '\n[[sections]]\nid = "wash"\ntitle = "收尾"\n\n[[sections.items]]\nid = "X3"',
    )
    p = only(problems_of(src, FILE))
    assert p.where == "sections[wash]" and "more than once" in p.message


@pytest.mark.parametrize(
    ("old", "new", "max_points", "where", "got"),
    [
        ("points = 3\n", "points = 0\n", "7", "items[X2].points", "got 0"),
        ("points = 3\n", "points = -3\n", "4", "items[X2].points", "got -3"),
        ("points = 1\n", "points = 0\n", "10", "items[X1].deductions[X1a].points", "got 0"),
        ("points = 1\n", "points = -1\n", "10", "items[X1].deductions[X1a].points", "got -1"),
    ],
)
def test_zero_or_negative_points(old: str, new: str, max_points: str, where: str, got: str) -> None:
    """Item and deduction points must be positive; max_points is adjusted so only this problem remains."""
    src = edit(edit(MODULE_TOML, old, new), "max_points = 10", f"max_points = {max_points}")
    p = only(problems_of(src, FILE))
    assert p.file == FILE and p.where == where and got in p.message


def test_deduction_larger_than_its_item() -> None:
    """X3 has 2 points; a single deduction of 3 cannot be taken from it."""
    p = only(problems_of(edit(THREE_ITEMS, X3A_RULE, X3A_RULE.replace("points = 2", "points = 3")), FILE))
    assert p.where == "items[X3].deductions[X3a].points"
    assert "larger than the item's 2 points" in p.message


def test_cap_problems() -> None:
    """A cap above the item's points, and a cap on a rule that cannot repeat."""
    p = only(problems_of(edit(MODULE_TOML, "cap = 7", "cap = 8"), FILE))
    assert p.where == "items[X1].deductions[X1a].cap" and "got 8" in p.message
    p = only(problems_of(edit(MODULE_TOML, "repeatable = true", "repeatable = false"), FILE))
    assert p.where == "items[X1].deductions[X1a].cap" and "repeatable" in p.message


def test_judgement_item_with_three_descriptors() -> None:
    """Levels 0–3 need four descriptors; three are given."""
    src = edit(MODULE_TOML, '"未完成或明显错误", ', "")
    p = only(problems_of(src, FILE))
    assert p.file == FILE and p.where == "items[X2].levels" and "got 3" in p.message


def test_judgement_item_with_an_empty_descriptor() -> None:
    src = edit(MODULE_TOML, '"未完成或明显错误"', '"  "')
    assert only(problems_of(src, FILE)).where == "items[X2].levels"


def test_kind_mismatches() -> None:
    """Levels on a measurement item; a measurement item without rules."""
    src = edit(
        THREE_ITEMS,
        'points = 2\nkind = "measurement"',
        'points = 2\nkind = "measurement"\nlevels = ["a", "b", "c", "d"]',
    )
    assert only(problems_of(src, FILE)).where == "items[X3].levels"
    src = edit(THREE_ITEMS, "[[sections.items.deductions]]\n" + X3A_RULE, "")
    p = only(problems_of(src, FILE))
    assert p.where == "items[X3].deductions" and "at least one" in p.message


def test_unknown_key_typo() -> None:
    """`pionts` instead of `points` is an unknown key (not silently ignored) and the points are missing."""
    src = edit(MODULE_TOML, "points = 7\n", "pionts = 7\n")
    problems = problems_of(src, FILE)
    typo = [p for p in problems if "pionts" in p.where]
    assert len(typo) == 1
    assert typo[0].file == FILE and typo[0].where.startswith("sections[1].items[")
    assert "unknown key 'pionts'" in typo[0].message and "points" in typo[0].message
    assert any(p.where == "sections[1].items[X1].points" and "missing" in p.message for p in problems)


def test_unknown_key_in_an_item_is_located_by_item_id() -> None:
    problems = problems_of(edit(MODULE_TOML, "points = 7\n", "pionts = 7\n"), FILE)
    assert any(p.where == "sections[1].items[X1].pionts" for p in problems), problems


def test_unknown_top_level_and_deduction_keys() -> None:
    src = edit(MODULE_TOML, "time_limit_minutes = 5", "time_limit_minutes = 5\ntime_limit = 5")
    p = only(problems_of(src, FILE))
    assert p.where == "time_limit" and "unknown key" in p.message
    src = edit(MODULE_TOML, "repeatable = true", "repeatable = true\nrepeat = true")
    p = only(problems_of(src, FILE))
    assert p.where == "sections[1].items[X1].deductions[1].repeat"


def test_gbk_bytes_ask_for_utf8() -> None:
    """A file saved as GBK (common on Chinese Windows) is refused with a hint to save it as UTF-8."""
    p = only(problems_of(MODULE_TOML.encode("gbk"), FILE))
    assert p.file == FILE and "UTF-8" in p.message and "GBK" in p.message
    assert p.where.startswith("byte ")


def test_toml_syntax_error() -> None:
    p = only(problems_of(edit(MODULE_TOML, 'code = "X"', 'code = "X'), FILE))
    assert (
        p.file == FILE and p.where == "syntax" and "TOML syntax error" in p.message and "line 4" in p.message
    )


def test_unknown_kind_value() -> None:
    """`kind = "measurment"` (typo) is an unknown value; the allowed values are listed."""
    p = only(problems_of(edit(MODULE_TOML, 'kind = "measurement"', 'kind = "measurment"'), FILE))
    assert p.file == FILE and p.where == "sections[1].items[X1].kind"
    assert "'measurment'" in p.message and "measurement" in p.message and "judgement" in p.message


def test_unknown_veto_effect() -> None:
    p = only(problems_of(edit(MODULE_TOML, 'effect = "zero_module"', 'effect = "zero"'), FILE))
    assert p.where == "vetoes[1].effect" and "disqualify" in p.message


def test_unknown_type_and_wrong_schema() -> None:
    p = only(problems_of(edit(MODULE_TOML, 'type = "module"', 'type = "modul"'), FILE))
    assert p.where == "type" and "'modul'" in p.message
    p = only(problems_of(edit(MODULE_TOML, "schema = 1", "schema = 2"), FILE))
    assert p.where == "schema" and "got 2" in p.message


def test_wrong_value_types_are_located() -> None:
    src = edit(MODULE_TOML, "time_limit_minutes = 5", 'time_limit_minutes = "five"')
    problems = problems_of(src, FILE)
    assert any(p.where == "time_limit_minutes" and "whole number" in p.message for p in problems)
    src = edit(MODULE_TOML, "points = 1\n", 'points = "one"\n')
    problems = problems_of(src, FILE)
    assert any(
        p.where == "sections[1].items[X1].deductions[1].points" and "number" in p.message for p in problems
    )


def test_all_problems_of_a_file_are_reported_at_once() -> None:
    """Three independent problems in one file: a deduction larger than its item (X3a 3 > 2), a judgement item
    with 3 descriptors (X2) and a duplicate deduction code (X1a in X1 and X3, via a second rule on X3).
    The sum still matches (7 + 3 + 2 = 12), so exactly three problems are expected."""
    src = edit(THREE_ITEMS, X3A_RULE, X3A_RULE.replace("points = 2", "points = 3"))
    src = edit(src, '"未完成或明显错误", ', "")
    src = edit(
        src,
        "\n[[vetoes]]",
        '\n[[sections.items.deductions]]\ncode = "X1a"\ntext = "dup"\npoints = 1\n\n[[vetoes]]',
    )
    problems = problems_of(src, FILE)
    assert len(problems) == 3, problems
    assert {p.file for p in problems} == {FILE}
    wheres = sorted(p.where for p in problems)
    assert wheres == sorted(["items[X3].deductions[X3a].points", "items[X2].levels", "deductions[X1a]"])


def test_validate_on_a_model_built_in_code() -> None:
    """validate() works on objects built without TOML: a sum off by 1 and a duplicate item id."""
    m = module(measurement("A1", 5), measurement("A1", 4, ded("B1", 1)), judgement("A2", 3), max_points=13)
    problems = validate(m)
    assert sorted(p.where for p in problems) == ["items[A1]", "max_points"]
    assert all(p.file == "t.toml" for p in problems)
    assert validate(module(measurement("A1", 5), judgement("A2", 3), vetoes=[veto("V1")])) == []


# ---------------------------------------------------------------- numbers TOML allows but points must not be


def test_nan_points_are_a_located_problem_not_a_crash() -> None:
    problems = problems_of(edit(MODULE_TOML, "points = 7\n", "points = nan\n"), FILE)
    assert any("X1" in p.where and p.where.endswith("points") for p in problems), problems


def test_infinite_points_are_located_at_the_item() -> None:
    problems = problems_of(edit(MODULE_TOML, "points = 7\n", "points = inf\n"), FILE)
    assert any(p.where.endswith("items[X1].points") for p in problems), problems


def test_string_nan_points_are_refused() -> None:
    """The string spelling is checked: `points = "NaN"` is a located problem."""
    problems = problems_of(edit(MODULE_TOML, "points = 7\n", 'points = "NaN"\n'), FILE)
    assert any(p.where == "sections[1].items[X1].points" and "finite" in p.message for p in problems)


def test_negative_stop_after_minutes_is_refused() -> None:
    problems = problems_of(edit(MODULE_TOML, "stop_after_minutes = 5", "stop_after_minutes = -1"), FILE)
    assert any(p.where == "overtime.stop_after_minutes" for p in problems), problems


def test_negative_overtime_points_are_refused() -> None:
    p = only(
        problems_of(
            edit(MODULE_TOML, "points_per_started_minute = 2", "points_per_started_minute = -2"), FILE
        )
    )
    assert p.where == "overtime.points_per_started_minute"


# ---------------------------------------------------------------- theory blueprints


def test_theory_sum_count_and_duplicate_type() -> None:
    """Blueprint: 20 × 0.5 = 10; max_points 12 is off; count 0 and a type listed twice are problems too."""
    p = only(problems_of(edit(THEORY_TOML, "max_points = 10", "max_points = 12"), FILE))
    assert p.where == "max_points" and "questions sum to 10" in p.message
    problems = problems_of(
        edit(edit(THEORY_TOML, "count = 10", "count = 0"), "max_points = 10", "max_points = 5"), FILE
    )
    assert [p.where for p in problems] == ["sections[ethics].subareas[ethics].questions[single].count"]
    problems = problems_of(edit(THEORY_TOML, 'type = "true_false"', 'type = "single"'), FILE)
    assert [p.where for p in problems] == ["sections[ethics].subareas[ethics]"]
    p = only(
        problems_of(edit(THEORY_TOML, 'multiple_rule = "all_or_nothing"', 'multiple_rule = "some"'), FILE)
    )
    assert p.where == "multiple_rule"


# ---------------------------------------------------------------- libraries


def test_library_with_duplicate_ids_and_a_bad_file(tmp_path: Path) -> None:
    """Two files with the same id: the second is a problem; a broken file's problems carry its own path."""
    (tmp_path / "a.toml").write_text(MODULE_TOML, encoding="utf-8")
    (tmp_path / "b.toml").write_text(MODULE_TOML, encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        edit(MODULE_TOML, "max_points = 10", "max_points = 11"), encoding="utf-8"
    )
    lib, problems = check_library(tmp_path)
    assert list(lib.modules) == ["example.hand_hygiene"]
    assert [(Path(p.file).name, p.where) for p in problems] == [("b.toml", "id"), ("c.toml", "max_points")]
    assert "already used" in problems[0].message
