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


@pytest.mark.parametrize("m", MODULES, ids=lambda m: m.code)
def test_module_says_who_plays_the_resident(m: ModuleRubric) -> None:
    """Every practical scenario says whether a manikin (模拟人) or an actor (标准化老人/工作人员) is used."""
    assert "模拟人" in m.scenario.zh or "标准化老人" in m.scenario.zh or "工作人员" in m.scenario.zh
    assert "manikin" in m.scenario.en or "actor" in m.scenario.en or "staff" in m.scenario.en


def test_basic_care_prepares_carer_and_resident_and_checks_the_30_minutes() -> None:
    """A1 has 护理员准备; A2 has 老年人准备 with the 30-minute check before measuring; ids and points unchanged."""
    a = module("A")
    a1, a2 = a.item("A1"), a.item("A2")
    assert a1 is not None and "护理员准备" in a1.requirement.zh and a1.deduction("A1-4") is not None
    assert a2 is not None and "老年人准备" in a2.requirement.zh and "老年人准备" in a2.title.zh
    for factor in ("30分钟", "运动", "进食", "吸烟", "洗澡"):
        assert factor in a2.requirement.zh
    rule = a2.deduction("A2-3")
    assert rule is not None and "30分钟" in rule.text.zh and rule.points == 2
    assert a2.deduction("A2-4") is not None
    assert {i.id: int(i.points) for i in a.items} == {
        "A1": 6, "A2": 6, "A3": 4, "A4": 5, "A5": 6, "A6": 10, "A7": 5, "A8": 4,
        "A9": 10, "A10": 8, "A11": 8, "A12": 5, "A13": 5, "A14": 6, "A15": 6, "A16": 6,
    }  # fmt: skip


def test_temperature_is_taken_without_a_mercury_thermometer() -> None:
    """Mercury thermometers are no longer made in China from 2026: A4 uses an electronic thermometer."""
    a = module("A")
    a4 = a.item("A4")
    assert a4 is not None
    text = "\n".join([a4.title.zh, a4.requirement.zh, *(d.text.zh for d in a4.deductions)])
    for word in ("水银", "汞", "甩至", "35℃以下"):
        assert word not in text
    assert "电子体温计" in a4.requirement.zh and "提示音" in a4.requirement.zh
    assert "水银" not in all_text(a) and "汞" not in all_text(a)


def test_rehabilitation_scores_pushing_the_wheelchair() -> None:
    """B16 轮椅推行 (5 points incl. backwards down the ramp) came from B1, B4, B7, B10 and B12, one point each."""
    b = module("B")
    b16 = b.item("B16")
    assert b16 is not None and b16.title.zh == "轮椅推行" and b16.points == 5
    assert b16.kind == ItemKind.MEASUREMENT
    down = b16.deduction("B16-3")
    assert down is not None and "倒退" in down.text.zh
    assert "缓坡" in b.scenario.zh
    transfer = next(s for s in b.sections if s.id == "transfer")
    assert "B16" in [i.id for i in transfer.items]
    assert {i.id: int(i.points) for i in b.items} == {
        "B1": 7, "B2": 8, "B3": 5, "B4": 7, "B5": 6, "B6": 12, "B7": 4, "B16": 5,
        "B8": 6, "B9": 10, "B10": 7, "B11": 4, "B12": 5, "B13": 6, "B14": 4, "B15": 4,
    }  # fmt: skip


def test_psychological_support_suicide_risk_and_identity_rules() -> None:
    """C7: do not leave her alone, remove dangerous items. C2: no name or unit in an encrypted contest (veto)."""
    c = module("C")
    c7 = c.item("C7")
    assert c7 is not None and c7.points == 12
    assert "不让老人独处" in c7.requirement.zh and "危险物品" in c7.requirement.zh
    alone, items = c7.deduction("C7-5"), c7.deduction("C7-6")
    assert alone is not None and "独处" in alone.text.zh
    assert items is not None and "危险物品" in items.text.zh
    c2 = c.item("C2")
    assert c2 is not None and c2.points == 5
    assert "不说出本人姓名和工作单位" in c2.requirement.zh
    veto = c.veto("C-V4")
    assert veto is not None and "加密" in veto.text.zh and "姓名" in veto.text.zh
    assert veto.effect.value == "zero_module"


def test_technical_guidance_keeps_the_seed_name_and_cites_the_standards_function() -> None:
    d = module("D")
    assert d.title.zh == "技术指导"
    assert "培训指导" in d.standard


def test_theory_blueprint_section_weights_are_data() -> None:
    """职业道德 5 : 基础知识 20 : 相关知识 75 ([D], the 2019 三级 table being unverified), every 相关知识 sub-area
    one of the standard's functions examined at 三级."""
    (b,) = LIB.blueprints.values()
    assert {s.id: int(s.points) for s in b.sections} == {"ethics": 5, "foundation": 20, "related": 75}
    related = next(s for s in b.sections if s.id == "related")
    assert [a.title.zh.split("（")[0] for a in related.subareas] == [
        "生活照护",
        "基础照护",
        "康复服务",
        "心理支持",
        "培训指导",
    ]
