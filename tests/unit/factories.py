"""Tiny builders for unit tests: rubrics in code or as TOML text, judges' sheets and contestant totals.

Everything is exact: numbers are given as ``str`` or ``int`` and become :class:`~decimal.Decimal`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from rubrics.errors import Problem
from rubrics.load import read_bytes
from rubrics.model import (
    Deduction,
    Item,
    ItemKind,
    ModuleRubric,
    OvertimeRule,
    Section,
    Text,
    TheoryBlueprint,
    VetoEffect,
    VetoRule,
)
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from scoresheets.totals import ContestantTotal

D = Decimal

# The complete example of rubrics/README.md: 7 + 3 = 10 points, 5 minutes, 2 points per started minute over,
# stop after 5 minutes.
MODULE_TOML = """\
schema = 1
type = "module"
id = "example.hand_hygiene"
code = "X"
title = { zh = "手卫生", en = "Hand hygiene" }
standard = "养老护理员国家职业技能标准（2019年版）"
scenario = { zh = "护理前进行七步洗手。", en = "Wash hands (seven steps) before care." }
time_limit_minutes = 5
max_points = 10

[overtime]
points_per_started_minute = 2
stop_after_minutes = 5
text = "超时每分钟扣2分，超时5分钟终止操作"

[[sections]]
id = "wash"
title = { zh = "洗手", en = "Washing" }

[[sections.items]]
id = "X1"
title = { zh = "七步洗手", en = "Seven steps" }
points = 7
kind = "measurement"
requirement = "内、外、夹、弓、大、立、腕，每步不少于15秒"

[[sections.items.deductions]]
code = "X1a"
text = "每漏一步扣1分"
points = 1
repeatable = true
cap = 7

[[sections.items]]
id = "X2"
title = { zh = "操作规范程度", en = "Fluency" }
points = 3
kind = "judgement"
levels = ["未完成或明显错误", "基本完成，有多处不规范", "完成，个别不规范", "熟练规范"]

[[vetoes]]
code = "V1"
text = { zh = "污染后未重新洗手即接触老人", en = "Touched the resident with contaminated hands" }
effect = "zero_module"
"""

THEORY_TOML = """\
schema = 1
type = "theory"
id = "example.theory"
title = "理论知识"
standard = "养老护理员国家职业技能标准（2019年版）"
duration_minutes = 90
max_points = 10
multiple_rule = "all_or_nothing"

[[sections]]
id = "ethics"
title = { zh = "职业道德", en = "Professional ethics" }

[[sections.subareas]]
id = "ethics"
title = "职业道德基本知识、职业守则"

[[sections.subareas.questions]]
type = "single"
count = 10
points_each = 0.5

[[sections.subareas.questions]]
type = "true_false"
count = 10
points_each = 0.5
"""


def edit(src: str, old: str, new: str, count: int = 1) -> str:
    """``src`` with ``old`` replaced by ``new``; fails loudly if ``old`` is not there (a test must not go stale)."""
    assert old in src, f"test fixture text not found: {old!r}"
    return src.replace(old, new, count)


def parse(
    src: str | bytes, file: str = "test.toml"
) -> tuple[ModuleRubric | TheoryBlueprint | None, list[Problem]]:
    """Parse TOML text or bytes through the real loader."""
    raw = src.encode("utf-8") if isinstance(src, str) else src
    return read_bytes(raw, file)


def problems_of(src: str | bytes, file: str = "test.toml") -> list[Problem]:
    """Every problem the loader and validator report for ``src``."""
    return parse(src, file)[1]


def load_module(src: str = MODULE_TOML, file: str = "test.toml") -> ModuleRubric:
    """A module rubric that must load clean."""
    obj, problems = parse(src, file)
    assert problems == [], problems
    assert isinstance(obj, ModuleRubric)
    return obj


def ded(code: str, points: str | int, repeatable: bool = False, cap: str | int | None = None) -> Deduction:
    """A deduction rule."""
    return Deduction(code, Text(code), D(points), repeatable, None if cap is None else D(cap))


def measurement(item_id: str, points: str | int, *deductions: Deduction) -> Item:
    """A measurement item; with no rule given it gets one 1-point repeatable rule ``<id>a``."""
    rules = deductions or (ded(f"{item_id}a", 1, repeatable=True),)
    return Item(item_id, Text(item_id), D(points), ItemKind.MEASUREMENT, deductions=tuple(rules))


def judgement(item_id: str, points: str | int) -> Item:
    """A judgement item with four descriptors."""
    levels = tuple(Text(f"L{n}") for n in range(4))
    return Item(item_id, Text(item_id), D(points), ItemKind.JUDGEMENT, levels=levels)


def module(
    *items: Item,
    module_id: str = "t.module",
    code: str = "T",
    vetoes: Iterable[VetoRule] = (),
    overtime: OvertimeRule | None = None,
    time_limit_minutes: int = 5,
    max_points: str | int | None = None,
    source: str = "t.toml",
) -> ModuleRubric:
    """A module rubric with one section holding ``items``; ``max_points`` defaults to their sum."""
    total = sum((i.points for i in items), D(0)) if max_points is None else D(max_points)
    return ModuleRubric(
        id=module_id,
        code=code,
        title=Text(module_id),
        standard="test",
        scenario=Text("scenario"),
        time_limit_minutes=time_limit_minutes,
        overtime=overtime or OvertimeRule(D(2), 5),
        max_points=total,
        sections=(Section("s", Text("s"), tuple(items)),),
        vetoes=tuple(vetoes),
        source=source,
    )


def veto(code: str, effect: VetoEffect = VetoEffect.ZERO_MODULE) -> VetoRule:
    """A veto rule."""
    return VetoRule(code, Text(f"veto {code}"), effect)


Mark = int | str | Decimal | tuple[tuple[str, int], ...]


def entry(item: Item, mark: Mark) -> ItemEntry:
    """One entry: a level for a judgement item; a direct score (str/Decimal) or ``((code, count), …)``."""
    if item.kind == ItemKind.JUDGEMENT:
        assert isinstance(mark, int)
        return ItemEntry(item.id, level=mark)
    if isinstance(mark, tuple):
        return ItemEntry(item.id, deductions=tuple(Applied(c, n) for c, n in mark))
    return ItemEntry(item.id, score=D(mark))


def sheet(
    rubric: ModuleRubric,
    judge: str,
    contestant: str,
    marks: Mapping[str, Mark],
    *,
    veto: str | None = None,
    seconds_used: int | None = None,
) -> JudgeSheet:
    """A judge's sheet with one entry per item named in ``marks``."""
    entries = tuple(entry(item, marks[item.id]) for item in rubric.items if item.id in marks)
    return JudgeSheet(judge, contestant, entries, veto=veto, seconds_used=seconds_used)


def ctotal(
    contestant: str,
    total: str | int,
    practical: str | int | None = None,
    theory: str | int | None = None,
    *,
    disqualified: str | None = None,
    seconds_used: int | None = None,
    modules: Mapping[str, Decimal | None] | None = None,
) -> ContestantTotal:
    """A contestant's (already rounded) total, for ranking and award tests."""
    return ContestantTotal(
        contestant=contestant,
        theory=None if theory is None else D(theory),
        modules=dict(modules or {}),
        practical=D(total if practical is None else practical),
        total=D(total),
        complete=True,
        disqualified=disqualified,
        seconds_used=seconds_used,
    )
