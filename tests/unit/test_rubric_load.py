"""Loading rubric TOML: exact numbers, texts, overtime, theory blueprints, files on disk, and the content hash."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import MODULE_TOML, THEORY_TOML, edit, load_module, parse

from rubrics import ItemKind, ModuleRubric, RubricInvalid, TheoryBlueprint, VetoEffect, load_file
from rubrics.model import MultipleRule, QuestionType

D = Decimal


def _walk_numbers(obj: object) -> list[object]:
    """Every number-like attribute value reachable in a loaded rubric (to prove no float slipped in)."""
    found: list[object] = []
    if isinstance(obj, bool | int | float | Decimal):
        found.append(obj)
    elif isinstance(obj, tuple | list):
        for x in obj:
            found.extend(_walk_numbers(x))
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            found.extend(_walk_numbers(getattr(obj, name)))
    return found


def test_readme_example_loads_with_every_field() -> None:
    """The README's complete example: 2 items (7 measurement + 3 judgement = 10), one veto, 5 min limit."""
    m = load_module()
    assert m.id == "example.hand_hygiene"
    assert m.code == "X"
    assert m.title.zh == "手卫生" and m.title.en == "Hand hygiene"
    assert m.title.get("en") == "Hand hygiene" and m.title.get("zh") == "手卫生"
    assert m.time_limit_minutes == 5
    assert m.max_points == D(10)
    assert [i.id for i in m.items] == ["X1", "X2"]
    x1, x2 = m.items
    assert x1.kind == ItemKind.MEASUREMENT and x1.points == D(7)
    assert x1.deductions[0].code == "X1a"
    assert x1.deductions[0].repeatable is True and x1.deductions[0].cap == D(7)
    assert x1.requirement.zh.startswith("内、外、夹")
    assert x2.kind == ItemKind.JUDGEMENT and len(x2.levels) == 4 and x2.levels[3].zh == "熟练规范"
    assert m.veto("V1") is not None and m.veto("V1").effect == VetoEffect.ZERO_MODULE
    assert m.overtime.points_per_started_minute == D(2) and m.overtime.stop_after_minutes == 5
    assert m.source == "test.toml"
    assert len(m.content_hash) == 64 and m.short_hash == m.content_hash[:12]


def test_numbers_are_decimals_never_floats() -> None:
    """`points = 5.5` and `points = "1.5"` give Decimal('5.5') and Decimal('1.5'); nothing is a float.

    5.5 + 1.5 = 7 exactly, so `max_points = 7.0` validates.
    """
    src = edit(MODULE_TOML, "points = 7\n", "points = 5.5\n")
    src = edit(src, "cap = 7", "cap = 5")
    src = edit(src, "points = 3\n", 'points = "1.5"\n')
    src = edit(src, "max_points = 10", "max_points = 7.0")
    m = load_module(src)
    assert m.items[0].points == D("5.5") and isinstance(m.items[0].points, Decimal)
    assert m.items[1].points == D("1.5") and isinstance(m.items[1].points, Decimal)
    assert m.max_points == D(7)
    assert not [x for x in _walk_numbers(m) if isinstance(x, float)]


def test_binary_fractions_sum_exactly() -> None:
    """0.1 + 0.2 = 0.3 exactly in decimal (as floats it is 0.30000000000000004): `max_points = 0.3` validates."""
    src = edit(MODULE_TOML, "points = 7\n", "points = 0.1\n")
    src = edit(src, "points = 1\n", "points = 0.1\n")
    src = edit(src, "cap = 7", "cap = 0.1")
    src = edit(src, "points = 3\n", "points = 0.2\n")
    src = edit(src, "max_points = 10", "max_points = 0.3")
    m = load_module(src)
    assert m.items[0].points + m.items[1].points == m.max_points == D("0.3")


def test_plain_string_text_and_table_text() -> None:
    """A text may be a plain (Chinese) string or a { zh, en } table; `get("en")` falls back to Chinese."""
    src = edit(MODULE_TOML, 'title = { zh = "手卫生", en = "Hand hygiene" }', 'title = "手卫生"')
    m = load_module(src)
    assert m.title.zh == "手卫生" and m.title.en == "" and m.title.get("en") == "手卫生"


def test_utf8_bom_is_accepted() -> None:
    """Windows editors write a BOM; the file still loads."""
    obj, problems = parse(b"\xef\xbb\xbf" + MODULE_TOML.encode("utf-8"))
    assert problems == [] and isinstance(obj, ModuleRubric)


def test_theory_blueprint_loads() -> None:
    """README theory example: 10 single × 0.5 + 10 true/false × 0.5 = 10 points, 20 questions."""
    obj, problems = parse(THEORY_TOML)
    assert problems == []
    assert isinstance(obj, TheoryBlueprint)
    assert obj.max_points == D(10) and obj.question_count == 20
    assert obj.multiple_rule == MultipleRule.ALL_OR_NOTHING
    assert obj.points_each("ethics", "ethics", QuestionType.SINGLE) == D("0.5")
    assert obj.points_each("ethics", "ethics", QuestionType.MULTIPLE) is None
    assert obj.sections[0].points == D(10)


def test_multiple_rule_defaults_to_all_or_nothing() -> None:
    obj, problems = parse(edit(THEORY_TOML, 'multiple_rule = "all_or_nothing"\n', ""))
    assert problems == [] and isinstance(obj, TheoryBlueprint)
    assert obj.multiple_rule == MultipleRule.ALL_OR_NOTHING


def test_load_file_reads_a_good_file(tmp_path: Path) -> None:
    p = tmp_path / "hand.toml"
    p.write_text(MODULE_TOML, encoding="utf-8")
    m = load_file(p)
    assert isinstance(m, ModuleRubric) and m.source == str(p)


def test_load_file_raises_with_every_problem(tmp_path: Path) -> None:
    """Two independent problems (a typo'd top-level key and a sum off by 1) are both in the exception."""
    p = tmp_path / "bad.toml"
    p.write_text(
        edit(edit(MODULE_TOML, "max_points = 10", "max_points = 11"), "code = ", "kode = ", 1), "utf-8"
    )
    with pytest.raises(RubricInvalid) as info:
        load_file(p)
    wheres = {pr.where for pr in info.value.problems}
    assert {"kode", "max_points"} <= wheres
    assert all(pr.file == str(p) for pr in info.value.problems)
    assert f"{len(info.value.problems)} problem(s)" in str(info.value)


def test_load_file_missing_file_is_a_located_problem(tmp_path: Path) -> None:
    p = tmp_path / "nope.toml"
    with pytest.raises(RubricInvalid) as info:
        load_file(p)
    (problem,) = info.value.problems
    assert problem.file == str(p) and "cannot read" in problem.message


# ---------------------------------------------------------------- content hash


def _hash(src: str) -> str:
    obj, problems = parse(src)
    assert obj is not None, problems
    return obj.content_hash


BASE_HASH_SRC = MODULE_TOML


@pytest.mark.parametrize(
    ("label", "old", "new"),
    [
        ("comment added", "schema = 1\n", "# 模块X 手卫生\nschema = 1  # version\n"),
        ("blank lines and indentation", "[[sections.items]]\n", "\n\n[[sections.items]]\n  "),
        ("spaces around =", 'code = "X"', 'code   =    "X"'),
        ("6 vs 6.0 (int vs float spelling)", "points = 7\n", "points = 7.0\n"),
        ("trailing zeros", "max_points = 10", "max_points = 10.00"),
        (
            "top-level key order",
            'id = "example.hand_hygiene"\ncode = "X"\n',
            'code = "X"\nid = "example.hand_hygiene"\n',
        ),
        (
            "inline table key order",
            'title = { zh = "手卫生", en = "Hand hygiene" }',
            'title = { en = "Hand hygiene", zh = "手卫生" }',
        ),
        (
            "inline table vs sub-table",
            'scenario = { zh = "护理前进行七步洗手。", en = "Wash hands (seven steps) before care." }\n',
            "",
        ),
    ],
)
def test_content_hash_is_stable_under_cosmetic_edits(label: str, old: str, new: str) -> None:
    """Whitespace, comments, key order, table style and number spelling do not change the hash."""
    src = edit(BASE_HASH_SRC, old, new)
    if label == "inline table vs sub-table":
        # a [header] is an absolute path, so the sub-table may come last
        src += '\n[scenario]\nzh = "护理前进行七步洗手。"\nen = "Wash hands (seven steps) before care."\n'
    assert _hash(src) == _hash(BASE_HASH_SRC), label


@pytest.mark.parametrize(
    ("label", "old", "new"),
    [
        ("a Chinese text", "每漏一步扣1分", "每漏一步扣2分"),
        ("an English text", "Seven steps", "Seven Steps"),
        ("a number (item points)", "points = 1\n", "points = 2\n"),
        ("a number (0.5 off)", "max_points = 10", "max_points = 10.5"),
        ("a flag", "repeatable = true", "repeatable = false"),
        ("an id", 'id = "X2"', 'id = "X3"'),
        ("veto effect", 'effect = "zero_module"', 'effect = "disqualify"'),
        ("level order", '"完成，个别不规范", "熟练规范"', '"熟练规范", "完成，个别不规范"'),
    ],
)
def test_content_hash_changes_with_content(label: str, old: str, new: str) -> None:
    """Any change of a text, a number or the structure gives a different hash."""
    assert _hash(edit(BASE_HASH_SRC, old, new)) != _hash(BASE_HASH_SRC), label


def test_content_hash_changes_when_a_table_is_added() -> None:
    extra = '\n[[vetoes]]\ncode = "V2"\ntext = "伤害老人"\neffect = "disqualify"\n'
    assert _hash(BASE_HASH_SRC + extra) != _hash(BASE_HASH_SRC)


def test_content_hash_of_theory_blueprint_ignores_number_spelling() -> None:
    assert _hash(edit(THEORY_TOML, "count = 10", "count = +1_0", 2)) == _hash(THEORY_TOML)
    assert _hash(edit(THEORY_TOML, "points_each = 0.5", "points_each = 0.50")) == _hash(THEORY_TOML)
    assert _hash(edit(THEORY_TOML, "points_each = 0.5", "points_each = 0.6")) != _hash(THEORY_TOML)
