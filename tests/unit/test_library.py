"""The shipped 养老护理员 library: it validates clean and has the shape the contest needs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rubrics import ItemKind, ModuleRubric, TheoryBlueprint, library_dir, load_library
from rubrics.load import check_library
from scoresheets import Applied, ItemEntry, JudgeSheet, score_sheet

LIB, PROBLEMS = check_library()
MODULES = sorted(LIB.modules.values(), key=lambda m: m.code)


def test_library_validates_clean() -> None:
    assert PROBLEMS == []
    assert load_library().modules.keys() == LIB.modules.keys()


def test_library_has_four_modules_and_one_theory_blueprint() -> None:
    assert len(LIB.modules) == 4
    assert len(LIB.blueprints) == 1
    assert [m.code for m in MODULES] == ["A", "B", "C", "D"]
    assert all(m.id.startswith("elderly_care.") for m in MODULES)
    files = sorted(
        Path(p).name for p in (*(m.source for m in MODULES), *(b.source for b in LIB.blueprints.values()))
    )
    assert files == sorted(p.name for p in library_dir().rglob("*.toml"))


@pytest.mark.parametrize("m", MODULES, ids=lambda m: m.code)
def test_module_shape(m: ModuleRubric) -> None:
    """12–20 items summing to 100; both item kinds present; a time limit, an overtime rule and vetoes."""
    assert 12 <= len(m.items) <= 20
    assert m.max_points == Decimal(100)
    assert sum((i.points for i in m.items), Decimal(0)) == Decimal(100)
    kinds = {i.kind for i in m.items}
    assert kinds == {ItemKind.MEASUREMENT, ItemKind.JUDGEMENT}
    assert 10 <= m.time_limit_minutes <= 30
    assert m.overtime.points_per_started_minute == Decimal(2) and m.overtime.stop_after_minutes == 5
    assert m.vetoes
    assert len({i.id for i in m.items}) == len(m.items)
    assert all(i.title.zh and i.title.en for i in m.items)


@pytest.mark.parametrize("m", MODULES, ids=lambda m: m.code)
def test_module_scores_100_when_perfect(m: ModuleRubric) -> None:
    """A sheet with no deduction and level 3 everywhere scores exactly 100.00 (thirds included)."""
    perfect = tuple(
        ItemEntry(i.id, level=3) if i.kind == ItemKind.JUDGEMENT else ItemEntry(i.id) for i in m.items
    )
    result = score_sheet(m, JudgeSheet("J1", "01", perfect))
    assert result.total == Decimal(100) and result.overtime_deduction == 0


@pytest.mark.parametrize("m", MODULES, ids=lambda m: m.code)
def test_module_floors_every_item_at_zero(m: ModuleRubric) -> None:
    """Level 0 and every rule applied 50 times (once if not repeatable): each measurement item scores
    max(0, points − Σ min(count × rule points, cap)) and never below 0 (扣完为止); judgement items score 0."""
    worst = []
    expected: dict[str, Decimal] = {}
    for i in m.items:
        if i.kind == ItemKind.JUDGEMENT:
            worst.append(ItemEntry(i.id, level=0))
            expected[i.id] = Decimal(0)
            continue
        applied = tuple(Applied(d.code, 50 if d.repeatable else 1) for d in i.deductions)
        worst.append(ItemEntry(i.id, deductions=applied))
        taken = sum(
            (
                min(
                    d.points * (50 if d.repeatable else 1),
                    d.cap if d.cap is not None else Decimal("Infinity"),
                )
                for d in i.deductions
            ),
            Decimal(0),
        )
        expected[i.id] = max(Decimal(0), i.points - taken)
    result = score_sheet(m, JudgeSheet("J1", "01", tuple(worst)))
    assert result.item_scores == expected
    assert result.total == sum(expected.values(), Decimal(0)) < Decimal(100)


def test_theory_blueprint_sums_to_100() -> None:
    (b,) = LIB.blueprints.values()
    assert isinstance(b, TheoryBlueprint)
    assert b.max_points == Decimal(100)
    assert sum((s.points for s in b.sections), Decimal(0)) == Decimal(100)
    assert b.duration_minutes >= 90
    assert b.question_count > 0


def test_library_hashes_are_distinct_and_reproducible() -> None:
    again, _ = check_library()
    assert {k: m.content_hash for k, m in again.modules.items()} == {
        k: m.content_hash for k, m in LIB.modules.items()
    }
    hashes = [m.content_hash for m in MODULES] + [b.content_hash for b in LIB.blueprints.values()]
    assert len(set(hashes)) == len(hashes)
