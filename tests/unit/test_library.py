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


def test_library_has_six_modules_and_one_theory_blueprint() -> None:
    """The seed's four modules (A–D) plus 生活照护 (E) and the second 基础照护 scenario (F)."""
    assert len(LIB.modules) == 6
    assert len(LIB.blueprints) == 1
    assert [m.code for m in MODULES] == ["A", "B", "C", "D", "E", "F"]
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


def module(code: str) -> ModuleRubric:
    """The library module with ``code``."""
    (m,) = (m for m in MODULES if m.code == code)
    return m


def all_text(m: ModuleRubric) -> str:
    """Every Chinese text of a module: scenario, items, rules, levels and vetoes."""
    parts = [m.title.zh, m.scenario.zh, m.overtime.text.zh]
    for i in m.items:
        parts += [
            i.title.zh,
            i.requirement.zh,
            *(d.text.zh for d in i.deductions),
            *(lv.zh for lv in i.levels),
        ]
    parts += [v.text.zh for v in m.vetoes]
    return "\n".join(parts)


def test_daily_life_care_module_covers_the_five_skills() -> None:
    """生活照护 (E): oral care, bed bath, dressing a hemiplegic resident, diaper change and 鼻饲, each scored."""
    e = module("E")
    assert e.id == "elderly_care.daily_life_care" and e.title.zh == "生活照护"
    assert "生活照护" in e.standard
    assert Path(e.source).name == "daily_life_care.toml"
    titles = {i.id: i.title.zh for i in e.items}
    assert titles["E4"] == "口腔清洁"
    assert "擦浴" in titles["E5"]
    assert "偏瘫" in titles["E6"] and "更换上衣" in titles["E6"]
    assert titles["E8"] == "更换纸尿裤"
    assert {"E9", "E10", "E11", "E12"} <= titles.keys()
    assert [s.id for s in e.sections if s.id == "tube_feeding"] == ["tube_feeding"]
    tube = next(s for s in e.sections if s.id == "tube_feeding")
    assert sum((i.points for i in tube.items), Decimal(0)) == 26
    # dressing order for hemiplegia: off with the healthy side first, on with the affected side first
    e6 = e.item("E6")
    assert e6 is not None and "先脱健侧" in e6.requirement.zh and "先穿患侧" in e6.requirement.zh


def test_tube_feeding_without_a_position_check_is_a_veto_and_aspiration_is_guarded() -> None:
    e = module("E")
    v1 = e.veto("E-V1")
    assert v1 is not None and "确认胃管在胃内" in v1.text.zh and v1.effect.value == "zero_module"
    v2 = e.veto("E-V2")
    assert v2 is not None and "误吸" in v2.text.zh
    flat = e.item("E9")
    assert flat is not None
    rule = flat.deduction("E9-1")
    assert rule is not None and "床头未抬高" in rule.text.zh and rule.points == 4
    after = e.item("E12")
    assert after is not None and "30分钟" in after.requirement.zh


def test_medication_and_emergency_module_performs_cpr_and_heimlich() -> None:
    """F (基础照护 per the 2019 standard): 用药照护, 跌倒处置, performed 海姆立克 and 心肺复苏."""
    f = module("F")
    assert f.id == "elderly_care.medication_and_emergency"
    assert "基础照护" in f.standard and "用药照护" in f.standard
    sections = {s.id: s for s in f.sections}
    assert {"medication", "fall_response", "choking", "cpr"} <= sections.keys()
    points = {k: sum((i.points for i in s.items), Decimal(0)) for k, s in sections.items()}
    assert points["medication"] == 21 and points["fall_response"] == 24
    assert points["choking"] == 16 and points["cpr"] == 26
    f12 = f.item("F12")
    assert f12 is not None and "5–6 cm" in f12.requirement.zh and "100–120次/分" in f12.requirement.zh
    f10 = f.item("F10")
    assert f10 is not None and "向内、向上" in f10.requirement.zh and "训练模拟人" in f10.requirement.zh
    f2 = f.item("F2")
    assert f2 is not None and "三查八对" in f2.requirement.zh
    assert f.veto("F-V3") is not None and "真人" in f.veto("F-V3").text.zh  # type: ignore[union-attr]
    assert f.veto("F-V4") is not None and "心肺复苏" in f.veto("F-V4").text.zh  # type: ignore[union-attr]
    fall = f.item("F5")
    assert fall is not None and "不急于扶起" in fall.requirement.zh
