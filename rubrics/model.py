"""The rubric model: what is judged in a practical module and how a theory paper is built.

Owns frozen dataclasses only. Loading TOML lives in :mod:`rubrics.load`, checking in :mod:`rubrics.validate`.
Points are :class:`~decimal.Decimal`; nothing here is ever a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True)
class Text:
    """A text in Simplified Chinese with an optional English rendering."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or "en"), falling back to Chinese."""
        return self.en if lang == "en" and self.en else self.zh


class ItemKind(StrEnum):
    """How an item is scored."""

    MEASUREMENT = "measurement"
    """测量: listed deductions from the item's points, floored at 0 within the item (扣完为止)."""
    JUDGEMENT = "judgement"
    """评价: a level 0–3 against written descriptors; item score = points × level / 3."""
    SCORE = "score"
    """直接打分: the judge types the item score (e.g. 操作总分), from 0 to the points on the item's ``step``."""


class VetoEffect(StrEnum):
    """What a veto (否决项) does."""

    ZERO_MODULE = "zero_module"
    """The module scores 0."""
    DISQUALIFY = "disqualify"
    """The contestant is disqualified from the whole contest."""


@dataclass(frozen=True)
class Deduction:
    """One deduction rule (扣分细则) of a measurement item."""

    code: str
    text: Text
    points: Decimal
    """Points taken off each time the rule is applied."""
    repeatable: bool = False
    """Whether the rule may be applied more than once (每处/每次)."""
    cap: Decimal | None = None
    """Most points this rule may take off in total, if repeatable."""


@dataclass(frozen=True)
class Item:
    """One rubric item (评分项)."""

    id: str
    title: Text
    points: Decimal
    """配分: the most the item can score."""
    kind: ItemKind
    requirement: Text = Text("")
    """考核内容/技术要求: what the contestant must do."""
    deductions: tuple[Deduction, ...] = ()
    levels: tuple[Text, ...] = ()
    """Judgement items: the four descriptors of levels 0, 1, 2 and 3."""
    notes: str = ""
    typed: bool = False
    """Measurement items: the judge may type the item score instead of applying rules (off by default: a typed
    score says nothing about why points were lost). Score items are always typed."""
    step: Decimal | None = None
    """Typed scores: the increment a typed score must be a multiple of (e.g. 0.5); required when typing is
    allowed."""

    def deduction(self, code: str) -> Deduction | None:
        """The deduction rule with ``code``, or ``None``."""
        return next((d for d in self.deductions if d.code == code), None)

    @property
    def typing_allowed(self) -> bool:
        """Whether a judge may type this item's score (a score item, or a measurement item marked ``typed``)."""
        return self.kind == ItemKind.SCORE or (self.kind == ItemKind.MEASUREMENT and self.typed)


@dataclass(frozen=True)
class Section:
    """A group of items (考核环节)."""

    id: str
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class VetoRule:
    """A veto (否决项 / 一票否决)."""

    code: str
    text: Text
    effect: VetoEffect


@dataclass(frozen=True)
class OvertimeRule:
    """What happens when a contestant exceeds the time limit.

    The deduction is ``points_per_started_minute`` for each started minute over the limit; at
    ``stop_after_minutes`` over the limit the contestant is stopped (unfinished items are marked 0 by the
    judges). ``points_per_started_minute = 0`` models "stop at the bell".
    """

    points_per_started_minute: Decimal = Decimal(0)
    stop_after_minutes: int = 0
    text: Text = Text("")

    def deduction(self, seconds_over: int) -> Decimal:
        """Points deducted for ``seconds_over`` seconds past the limit (0 if not over)."""
        if seconds_over <= 0:
            return Decimal(0)
        started_minutes = -(-seconds_over // 60)
        if self.stop_after_minutes:
            started_minutes = min(started_minutes, self.stop_after_minutes)
        return self.points_per_started_minute * started_minutes


@dataclass(frozen=True)
class ModuleRubric:
    """A practical module's rubric (评分细则)."""

    id: str
    code: str
    """Short letter or number printed on sheets, e.g. "A"."""
    title: Text
    standard: str
    """The standard the module cites."""
    scenario: Text
    time_limit_minutes: int
    overtime: OvertimeRule
    max_points: Decimal
    sections: tuple[Section, ...]
    vetoes: tuple[VetoRule, ...] = ()
    content_hash: str = ""
    """SHA-256 of the canonical content (see :func:`rubrics.load.content_hash`)."""
    source: str = ""
    """The file the rubric was loaded from."""

    @cached_property
    def items(self) -> tuple[Item, ...]:
        """All items in order."""
        return tuple(i for s in self.sections for i in s.items)

    @cached_property
    def _item_index(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def item(self, item_id: str) -> Item | None:
        """The item with ``item_id``, or ``None`` (first one, if a faulty rubric repeats an id)."""
        index = self._item_index
        if len(index) != len(self.items):
            return next((i for i in self.items if i.id == item_id), None)
        return index.get(item_id)

    def veto(self, code: str) -> VetoRule | None:
        """The veto rule with ``code``, or ``None``."""
        return next((v for v in self.vetoes if v.code == code), None)

    @property
    def short_hash(self) -> str:
        """First 12 hex digits of the content hash."""
        return self.content_hash[:12]


class QuestionType(StrEnum):
    """Theory question types."""

    SINGLE = "single"
    """单选"""
    MULTIPLE = "multiple"
    """多选"""
    TRUE_FALSE = "true_false"
    """判断"""


class MultipleRule(StrEnum):
    """How a multiple-choice (多选) answer is marked."""

    ALL_OR_NOTHING = "all_or_nothing"
    """Full points only for exactly the keyed options; anything else 0."""
    PARTIAL = "partial"
    """Half points for a correct but incomplete choice with no wrong option; a wrong option scores 0."""


@dataclass(frozen=True)
class QuestionGroup:
    """A number of questions of one type in one sub-area."""

    type: QuestionType
    count: int
    points_each: Decimal

    @property
    def points(self) -> Decimal:
        """Total points of the group."""
        return self.points_each * self.count


@dataclass(frozen=True)
class SubArea:
    """A sub-area of a theory section (e.g. 相关知识 / 康复服务)."""

    id: str
    title: Text
    groups: tuple[QuestionGroup, ...]

    @property
    def points(self) -> Decimal:
        """Total points of the sub-area."""
        return sum((g.points for g in self.groups), Decimal(0))


@dataclass(frozen=True)
class TheorySection:
    """A theory section: 职业道德, 基础知识 or 相关知识."""

    id: str
    title: Text
    subareas: tuple[SubArea, ...]

    @property
    def points(self) -> Decimal:
        """Total points of the section."""
        return sum((s.points for s in self.subareas), Decimal(0))


@dataclass(frozen=True)
class TheoryBlueprint:
    """The blueprint of a theory paper (理论知识考试结构)."""

    id: str
    title: Text
    standard: str
    duration_minutes: int
    max_points: Decimal
    multiple_rule: MultipleRule
    sections: tuple[TheorySection, ...]
    content_hash: str = ""
    source: str = ""

    @property
    def question_count(self) -> int:
        """Number of questions on the paper."""
        return sum(g.count for s in self.sections for a in s.subareas for g in a.groups)

    def points_each(self, section_id: str, subarea_id: str, qtype: QuestionType) -> Decimal | None:
        """Points per question of ``qtype`` in the given sub-area, or ``None``."""
        for s in self.sections:
            for a in s.subareas:
                if s.id == section_id and a.id == subarea_id:
                    for g in a.groups:
                        if g.type == qtype:
                            return g.points_each
        return None


@dataclass(frozen=True)
class Library:
    """A set of rubrics and blueprints, by id."""

    modules: dict[str, ModuleRubric] = field(default_factory=dict)
    blueprints: dict[str, TheoryBlueprint] = field(default_factory=dict)
