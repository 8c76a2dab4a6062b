"""以赛促训 feedback: where a unit's contestants (a training school's, an employer's) lost points, against the field;
and one contestant's own feedback sheet.

Pure and exact: marks in (panel results and the judges' sheets of each module, theory section scores), frozen
dataclasses out. Decimal only; rates are exact quotients, rounded half-up only when written as a percentage
(:func:`percent`). Who may see it, and when, is decided elsewhere.

Definitions (printed on the reports):

* A contestant's mark on an item is the panel's aggregated item score when the module aggregates per item, else
  the mean of the judges' item scores (a sheet-level panel has no official item score).
* A unit's 得分率 on an item is the sum of its contestants' marks over (contestants × item points); the field's
  likewise over every contestant with a panel in the module.
* A deduction rule counts once for a contestant (人次) when at least half of the panel's judges applied it.
* Judgement items: the distribution of the levels all judges chose.
* Small units: a statistic over fewer than ``min_count`` contestants is never shown. Units below the minimum are
  merged into one group (其他单位合并); if that group is still below it, their statistics are suppressed. The
  field's own figures follow the same rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubrics.model import Item, ItemKind, ModuleRubric, QuestionType, Text, TheoryBlueprint
from scoresheets.model import JudgeSheet
from scoresheets.numbers import ZERO, dsum, half_up
from scoresheets.panel import PanelResult

MERGED = "其他单位合并"
"""Label of the group the small units are merged into."""
TOP_RULES = 3
"""Most frequent deduction rules shown per item."""
FINDINGS = 3
"""Strengths and weaknesses stated per unit."""


# -- input ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ModuleMarks:
    """One module's marks: per contestant key, the panel result and the judges' sheets."""

    rubric: ModuleRubric
    panels: Mapping[str, PanelResult]
    sheets: Mapping[str, Sequence[JudgeSheet]]


@dataclass(frozen=True)
class TheorySectionSpec:
    """A theory section: id, title and the points it carries."""

    id: str
    title: Text
    points: Decimal


TYPE_KEY = "type:"
"""Theory breakdown keys of question types: ``type:single`` … beside the section ids (see :func:`type_specs`)."""
TYPE_TITLES = {
    QuestionType.SINGLE: Text("单项选择题", "Single choice"),
    QuestionType.MULTIPLE: Text("多项选择题", "Multiple choice"),
    QuestionType.TRUE_FALSE: Text("判断题", "True / false"),
}


def type_specs(blueprint: TheoryBlueprint) -> tuple[TheorySectionSpec, ...]:
    """The blueprint's question types as feedback rows (``type:<type>``, with the points the type carries), in
    the order 单选, 多选, 判断; a type the blueprint does not use is left out."""
    out = []
    for qtype in QuestionType:
        points = sum(
            (
                g.points
                for sec in blueprint.sections
                for a in sec.subareas
                for g in a.groups
                if g.type == qtype
            ),
            Decimal(0),
        )
        if points:
            out.append(TheorySectionSpec(f"{TYPE_KEY}{qtype.value}", TYPE_TITLES[qtype], points))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class FieldMarks:
    """Every mark of the contest the feedback is computed from."""

    modules: tuple[ModuleMarks, ...]
    theory_sections: tuple[TheorySectionSpec, ...] = ()
    theory: Mapping[str, Mapping[str, Decimal]] | None = None
    """Contestant key → theory section id → score."""


# -- output --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Share:
    """Points got out of points possible, over ``count`` contestants."""

    got: Decimal
    possible: Decimal
    count: int

    @property
    def rate(self) -> Decimal:
        """得分率, exact (0–1)."""
        return self.got / self.possible if self.possible else ZERO

    @property
    def mean(self) -> Decimal:
        """Mean points per contestant."""
        return self.got / self.count if self.count else ZERO


@dataclass(frozen=True)
class RuleCount:
    """A deduction rule (or a veto) and how many contestants (人次) it counted for."""

    code: str
    text: Text
    count: int


@dataclass(frozen=True)
class ItemFeedback:
    """One rubric item: the group's share against the field's."""

    section: Text
    item: Item
    group: Share | None
    """``None``: fewer than the minimum number of contestants (suppressed)."""
    field: Share | None
    rules: tuple[RuleCount, ...] = ()
    """The group's most frequent deduction rules on this item (at most :data:`TOP_RULES`)."""
    levels: tuple[int, ...] | None = None
    """Judgement items: how many of the group's judges' marks chose level 0, 1, 2, 3."""
    field_levels: tuple[int, ...] | None = None

    @property
    def gap(self) -> Decimal | None:
        """Group rate − field rate (``None`` when either is suppressed)."""
        if self.group is None or self.field is None:
            return None
        return self.group.rate - self.field.rate


@dataclass(frozen=True)
class SectionFeedback:
    """A rubric section or a theory section: the group's share against the field's."""

    id: str
    title: Text
    group: Share | None
    field: Share | None


@dataclass(frozen=True)
class ModuleFeedback:
    """One module of a group's report."""

    code: str
    title: Text
    max_points: Decimal
    group: Share | None
    """Module scores (veto zeroes included)."""
    field: Share | None
    sections: tuple[SectionFeedback, ...]
    items: tuple[ItemFeedback, ...]
    vetoes: tuple[RuleCount, ...] = ()
    """Vetoes the panels applied to the group's contestants."""


@dataclass(frozen=True)
class Finding:
    """A strength or a weakness: one item, the group's rate against the field's, and its most frequent rule."""

    module_code: str
    module_title: Text
    item: Item
    group_rate: Decimal
    field_rate: Decimal
    rule: RuleCount | None = None

    def text(self, lang: str = "zh") -> str:
        """The finding in words, e.g. ``基础照护 A7 测量血压：本单位平均得分率 54%，全场 78%；最常见扣分：袖带位置
        不正确（6 人次）``."""
        g, f = percent(self.group_rate), percent(self.field_rate)
        head = f"{self.module_title.get(lang)} {self.item.id} {self.item.title.get(lang)}"
        if lang == "en":
            out = f"{head}: this unit's mean share {g}%, the field's {f}%"
            if self.rule:
                out += f"; most frequent deduction: {self.rule.text.get(lang)} ({self.rule.count}×)"
            return out
        out = f"{head}：本单位平均得分率 {g}%，全场 {f}%"
        if self.rule:
            out += f"；最常见扣分：{self.rule.text.zh}（{self.rule.count} 人次）"
        return out


@dataclass(frozen=True)
class GroupFeedback:
    """The statistics behind one unit's report."""

    basis: str
    """``"unit"`` (the unit's own contestants), ``"merged"`` (the small units together) or ``"suppressed"``."""
    units: tuple[str, ...]
    """The units whose contestants make up the group."""
    count: int
    """Contestants in the group."""
    min_count: int
    modules: tuple[ModuleFeedback, ...]
    theory: tuple[SectionFeedback, ...]
    strengths: tuple[Finding, ...]
    weaknesses: tuple[Finding, ...]


def percent(rate: Decimal) -> int:
    """A rate (0–1) as a whole percentage, half up."""
    return int(half_up(rate * 100, 0))


# -- grouping ------------------------------------------------------------------------------------------------
def feedback_groups(units: Mapping[str, str], min_count: int) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Unit → (basis, the units its statistics are computed over).

    A unit with at least ``min_count`` contestants is its own group; the smaller ones are merged; a merged group
    still below the minimum is suppressed (basis ``"suppressed"``, no units)."""
    sizes = Counter(units.values())
    small = tuple(sorted(u for u, n in sizes.items() if n < min_count))
    merged_size = sum(sizes[u] for u in small)
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for unit, n in sizes.items():
        if n >= min_count:
            out[unit] = ("unit", (unit,))
        elif merged_size >= min_count:
            out[unit] = ("merged", small)
        else:
            out[unit] = ("suppressed", ())
    return out


# -- marks ---------------------------------------------------------------------------------------------------
def item_mark(panel: PanelResult, item_id: str) -> Decimal | None:
    """The contestant's mark on an item: the panel's aggregated item score, else the judges' mean."""
    if item_id in panel.item_scores:
        return panel.item_scores[item_id]
    values = [r.item_scores[item_id] for r in panel.sheets if item_id in r.item_scores]
    return dsum(values) / len(values) if values else None


def rules_applied(sheets: Sequence[JudgeSheet]) -> set[tuple[str, str]]:
    """(item id, rule code) applied by at least half of the panel's judges."""
    counts = Counter((e.item_id, a.code) for sh in sheets for e in sh.entries for a in e.deductions)
    return {k for k, n in counts.items() if 2 * n >= len(sheets)}


def _share(values: Sequence[Decimal], points: Decimal, min_count: int) -> Share | None:
    if len(values) < min_count or len(values) == 0:
        return None
    return Share(dsum(values), points * len(values), len(values))


def _levels(rubric_item: Item, panels: Sequence[PanelResult], min_count: int) -> tuple[int, ...] | None:
    if rubric_item.kind != ItemKind.JUDGEMENT or len(panels) < min_count:
        return None
    counts = Counter(r.levels[rubric_item.id] for p in panels for r in p.sheets if rubric_item.id in r.levels)
    return tuple(counts.get(k, 0) for k in range(4))


def _module(
    m: ModuleMarks, members: Sequence[str] | None, min_count: int
) -> tuple[ModuleFeedback, list[tuple[int, ItemFeedback]]]:
    everyone = sorted(m.panels)
    wanted = set(members or ())
    mine = [c for c in everyone if c in wanted]
    field_panels = [m.panels[c] for c in everyone]
    my_panels = [m.panels[c] for c in mine]
    applied = Counter(
        rule for c in mine for rule in rules_applied(m.sheets.get(c, ()))
    )  # (item, code) → contestants
    items: list[tuple[int, ItemFeedback]] = []
    sections: list[SectionFeedback] = []
    order = 0
    for sec in m.rubric.sections:
        sec_points = dsum(i.points for i in sec.items)
        sec_mine: list[Decimal] = []
        sec_field: list[Decimal] = []
        for c in everyone:
            marks = [item_mark(m.panels[c], i.id) for i in sec.items]
            value = dsum(x for x in marks if x is not None)
            sec_field.append(value)
            if c in mine:
                sec_mine.append(value)
        sections.append(
            SectionFeedback(
                sec.id,
                sec.title,
                _share(sec_mine, sec_points, min_count),
                _share(sec_field, sec_points, min_count),
            )
        )
        for it in sec.items:
            fv = [v for p in field_panels if (v := item_mark(p, it.id)) is not None]
            gv = [v for p in my_panels if (v := item_mark(p, it.id)) is not None]
            group = _share(gv, it.points, min_count)
            rules: tuple[RuleCount, ...] = ()
            if group is not None:
                ranked = sorted(
                    ((n, d.code, d.text) for d in it.deductions if (n := applied.get((it.id, d.code), 0))),
                    key=lambda x: (-x[0], x[1]),
                )
                rules = tuple(RuleCount(code, text, n) for n, code, text in ranked[:TOP_RULES])
            items.append(
                (
                    order,
                    ItemFeedback(
                        sec.title,
                        it,
                        group,
                        _share(fv, it.points, min_count),
                        rules,
                        _levels(it, my_panels, min_count),
                        _levels(it, field_panels, min_count),
                    ),
                )
            )
            order += 1
    vetoes: tuple[RuleCount, ...] = ()
    if len(my_panels) >= min_count:
        vc = Counter(p.veto.code for p in my_panels if p.veto is not None)
        vetoes = tuple(RuleCount(v.code, v.text, vc[v.code]) for v in m.rubric.vetoes if vc.get(v.code))
    return (
        ModuleFeedback(
            m.rubric.code,
            m.rubric.title,
            m.rubric.max_points,
            _share([p.score for p in my_panels], m.rubric.max_points, min_count),
            _share([p.score for p in field_panels], m.rubric.max_points, min_count),
            tuple(sections),
            tuple(f for _, f in items),
            vetoes,
        ),
        items,
    )


def _theory(marks: FieldMarks, members: Sequence[str] | None, min_count: int) -> tuple[SectionFeedback, ...]:
    scores = marks.theory or {}
    mine = set(members or ())
    out = []
    for sec in marks.theory_sections:
        fv = [v[sec.id] for v in scores.values() if sec.id in v]
        gv = [v[sec.id] for c, v in scores.items() if c in mine and sec.id in v]
        out.append(
            SectionFeedback(
                sec.id, sec.title, _share(gv, sec.points, min_count), _share(fv, sec.points, min_count)
            )
        )
    return tuple(out)


def group_feedback(
    marks: FieldMarks, members: Sequence[str] | None, *, basis: str, units: tuple[str, ...], min_count: int
) -> GroupFeedback:
    """The statistics of one group of contestants (``None`` or fewer than ``min_count``: suppressed)."""
    if members is not None and len(members) < min_count:
        members, basis = None, "suppressed"
    modules = []
    ranked: list[tuple[int, int, ItemFeedback, ModuleFeedback]] = []
    for k, m in enumerate(marks.modules):
        mf, items = _module(m, members, min_count)
        modules.append(mf)
        ranked += [(k, n, f, mf) for n, f in items]
    rated = [(k, n, f, mf) for k, n, f, mf in ranked if f.gap is not None]

    def finding(f: ItemFeedback, mf: ModuleFeedback, *, with_rule: bool) -> Finding:
        assert f.group is not None and f.field is not None
        return Finding(
            mf.code,
            mf.title,
            f.item,
            f.group.rate,
            f.field.rate,
            f.rules[0] if with_rule and f.rules else None,
        )

    weak = sorted((x for x in rated if (x[2].gap or ZERO) < 0), key=lambda x: (x[2].gap, x[0], x[1]))
    strong = sorted(
        (x for x in rated if (x[2].gap or ZERO) > 0), key=lambda x: (-(x[2].gap or ZERO), x[0], x[1])
    )
    return GroupFeedback(
        basis=basis if members is not None else "suppressed",
        units=units if members is not None else (),
        count=len(members) if members is not None else 0,
        min_count=min_count,
        modules=tuple(modules),
        theory=_theory(marks, members, min_count),
        strengths=tuple(finding(f, mf, with_rule=False) for _, _, f, mf in strong[:FINDINGS]),
        weaknesses=tuple(finding(f, mf, with_rule=True) for _, _, f, mf in weak[:FINDINGS]),
    )


def unit_feedback(marks: FieldMarks, units: Mapping[str, str], min_count: int) -> dict[str, GroupFeedback]:
    """Per unit, the statistics its report shows. ``units``: contestant key → unit."""
    groups = feedback_groups(units, min_count)
    members: dict[str, list[str]] = {}
    for c, u in units.items():
        members.setdefault(u, []).append(c)
    cache: dict[tuple[str, tuple[str, ...]], GroupFeedback] = {}
    out: dict[str, GroupFeedback] = {}
    for unit in sorted(groups):
        basis, over = groups[unit]
        key = (basis, over)
        if key not in cache:
            people = sorted(c for u in over for c in members.get(u, ())) if basis != "suppressed" else None
            cache[key] = group_feedback(marks, people, basis=basis, units=over, min_count=min_count)
        out[unit] = cache[key]
    return out


# -- one contestant ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quartiles:
    """The field's lower quartile, median and upper quartile (exact; linear between ranks)."""

    q1: Decimal
    median: Decimal
    q3: Decimal
    count: int


def quartiles(values: Sequence[Decimal], min_count: int = 1) -> Quartiles | None:
    """Quartiles by linear interpolation between order statistics (position ``(n − 1)·p``, the "inclusive"
    method); ``None`` below ``min_count`` values."""
    xs = sorted(values)
    n = len(xs)
    if n == 0 or n < min_count:
        return None

    def at(p: Decimal) -> Decimal:
        pos = (n - 1) * p
        lo = int(pos)
        frac = pos - lo
        if lo + 1 >= n:
            return xs[lo]
        return xs[lo] + (xs[lo + 1] - xs[lo]) * frac

    return Quartiles(at(Decimal("0.25")), at(Decimal("0.5")), at(Decimal("0.75")), n)


@dataclass(frozen=True)
class ItemLoss:
    """An item where the contestant got less than the field's mean."""

    item: Item
    own: Decimal
    field_mean: Decimal

    @property
    def behind(self) -> Decimal:
        """Points behind the field's mean."""
        return self.field_mean - self.own


@dataclass(frozen=True)
class ContestantModule:
    """One module of a contestant's feedback sheet."""

    code: str
    title: Text
    max_points: Decimal
    score: Decimal | None
    field: Quartiles | None
    losses: tuple[ItemLoss, ...]
    rules: tuple[RuleCount, ...]
    """Deduction rules applied to the contestant, by text; ``count``: how many of the panel's judges applied it."""
    judges: int
    """Judges on the panel."""
    comments: tuple[str, ...]
    veto: Text | None = None


@dataclass(frozen=True)
class ContestantTheory:
    """One theory section of a contestant's sheet."""

    title: Text
    points: Decimal
    score: Decimal | None
    field: Quartiles | None


@dataclass(frozen=True)
class ContestantFeedback:
    """A contestant's 个人成绩反馈单."""

    contestant: str
    modules: tuple[ContestantModule, ...]
    theory: tuple[ContestantTheory, ...]


LOSSES = 3
"""Items listed where the contestant lost most against the field."""


def contestant_feedback(marks: FieldMarks, contestant: str, min_count: int) -> ContestantFeedback:
    """One contestant's sheet. Comments come sorted by text (never in judge order) and without judge codes."""
    mods = []
    for m in marks.modules:
        panel = m.panels.get(contestant)
        field_q = quartiles([p.score for p in m.panels.values()], min_count)
        if panel is None:
            mods.append(
                ContestantModule(
                    m.rubric.code, m.rubric.title, m.rubric.max_points, None, field_q, (), (), 0, ()
                )
            )
            continue
        losses = []
        if len(m.panels) >= min_count:
            for it in m.rubric.items:
                own = item_mark(panel, it.id)
                fv = [v for p in m.panels.values() if (v := item_mark(p, it.id)) is not None]
                if own is None or not fv:
                    continue
                mean = dsum(fv) / len(fv)
                if mean > own:
                    losses.append(ItemLoss(it, own, mean))
        order = {it.id: n for n, it in enumerate(m.rubric.items)}
        losses.sort(key=lambda x: (-x.behind, order[x.item.id]))
        sheets = m.sheets.get(contestant, ())
        counts = Counter((e.item_id, a.code) for sh in sheets for e in sh.entries for a in e.deductions)
        rules = []
        for it in m.rubric.items:
            for d in it.deductions:
                if counts.get((it.id, d.code)):
                    rules.append(RuleCount(d.code, d.text, counts[(it.id, d.code)]))
        mods.append(
            ContestantModule(
                m.rubric.code,
                m.rubric.title,
                m.rubric.max_points,
                panel.score,
                field_q,
                tuple(losses[:LOSSES]),
                tuple(rules),
                len(panel.sheets),
                tuple(sorted({sh.comment.strip() for sh in sheets if sh.comment.strip()})),
                panel.veto.text if panel.veto else None,
            )
        )
    scores = marks.theory or {}
    mine = scores.get(contestant, {})
    theory = tuple(
        ContestantTheory(
            sec.title,
            sec.points,
            mine.get(sec.id),
            quartiles([v[sec.id] for v in scores.values() if sec.id in v], min_count),
        )
        for sec in marks.theory_sections
    )
    return ContestantFeedback(contestant, tuple(mods), theory)
