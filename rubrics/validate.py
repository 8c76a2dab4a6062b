"""Semantic checks of a loaded rubric or blueprint: every problem, each with its file and item id."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from rubrics.errors import Problem, values
from rubrics.model import Item, ItemKind, ModuleRubric, TheoryBlueprint

LEVEL_COUNT = 4
CENT = Decimal("0.01")


def _dupes(ids: list[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1 and i]


def _sections_twice(f: str, ids: list[str]) -> list[Problem]:
    """A problem for each section id a module or a theory blueprint uses more than once."""
    return [
        Problem(
            f,
            f"sections[{dup}]",
            f"section id '{dup}' is used more than once",
            "section_twice",
            values(id=dup),
        )
        for dup in _dupes(ids)
    ]


def validate(obj: ModuleRubric | TheoryBlueprint) -> list[Problem]:
    """Every semantic problem of ``obj`` (empty if it is sound)."""
    if isinstance(obj, ModuleRubric):
        return _validate_module(obj)
    return _validate_blueprint(obj)


def _validate_module(m: ModuleRubric) -> list[Problem]:
    f = m.source
    out: list[Problem] = []
    if m.max_points <= 0:
        out.append(
            Problem(
                f,
                "max_points",
                f"must be positive, got {m.max_points}",
                "not_positive",
                values(got=m.max_points),
            )
        )
    if m.time_limit_minutes <= 0:
        out.append(
            Problem(
                f,
                "time_limit_minutes",
                f"must be positive, got {m.time_limit_minutes}",
                "not_positive",
                values(got=m.time_limit_minutes),
            )
        )
    if m.overtime.stop_after_minutes < 0:
        out.append(
            Problem(
                f,
                "overtime.stop_after_minutes",
                f"must not be negative, got {m.overtime.stop_after_minutes}",
                "negative",
                values(got=m.overtime.stop_after_minutes),
            )
        )
    if m.overtime.points_per_started_minute < 0:
        out.append(Problem(f, "overtime.points_per_started_minute", "must not be negative", "negative_rate"))
    out.extend(_sections_twice(f, [s.id for s in m.sections]))
    for dup in _dupes([i.id for i in m.items]):
        out.append(
            Problem(
                f, f"items[{dup}]", f"item id '{dup}' is used more than once", "item_twice", values(id=dup)
            )
        )
    for dup in _dupes([v.code for v in m.vetoes]):
        out.append(
            Problem(
                f,
                f"vetoes[{dup}]",
                f"veto code '{dup}' is used more than once",
                "veto_twice",
                values(code=dup),
            )
        )
    all_codes = [d.code for i in m.items for d in i.deductions]
    for dup in _dupes(all_codes):
        holders = ", ".join(i.id for i in m.items if any(d.code == dup for d in i.deductions))
        out.append(
            Problem(
                f,
                f"deductions[{dup}]",
                f"deduction code '{dup}' is used more than once in the module (items {holders})",
                "deduction_twice",
                values(code=dup, items=holders),
            )
        )
    for s in m.sections:
        if not s.items:
            out.append(Problem(f, f"sections[{s.id}]", "section has no items", "section_empty"))
    for item in m.items:
        where = f"items[{item.id}]"
        if item.points <= 0:
            out.append(
                Problem(
                    f,
                    f"{where}.points",
                    f"points must be positive, got {item.points}",
                    "points_not_positive",
                    values(got=item.points),
                )
            )
        if item.kind == ItemKind.JUDGEMENT:
            if len(item.levels) != LEVEL_COUNT or any(not lv.zh for lv in item.levels):
                out.append(
                    Problem(
                        f,
                        f"{where}.levels",
                        f"a judgement item needs exactly four non-empty descriptors (levels 0–3), got {len(item.levels)}",
                        "judgement_levels",
                        values(got=len(item.levels)),
                    )
                )
            if item.deductions:
                out.append(
                    Problem(
                        f,
                        f"{where}.deductions",
                        "a judgement item is scored by level, not deductions",
                        "judgement_deductions",
                    )
                )
        elif item.kind == ItemKind.SCORE:
            if item.deductions:
                out.append(
                    Problem(
                        f,
                        f"{where}.deductions",
                        "a score item is typed directly; it has no deduction rules (use a measurement item "
                        "with typed = true for rules and a typed score)",
                        "score_deductions",
                    )
                )
            if item.levels:
                out.append(_levels_not_judgement(f, where))
        else:
            if item.levels:
                out.append(_levels_not_judgement(f, where))
            if not item.deductions:
                out.append(
                    Problem(
                        f,
                        f"{where}.deductions",
                        "a measurement item needs at least one deduction rule",
                        "measurement_rules",
                    )
                )
        out.extend(_typing_problems(f, where, item))
        for d in item.deductions:
            dw = f"{where}.deductions[{d.code}]"
            if d.points <= 0:
                out.append(
                    Problem(
                        f,
                        f"{dw}.points",
                        f"deduction points must be positive, got {d.points}",
                        "deduction_not_positive",
                        values(got=d.points),
                    )
                )
            if d.points > item.points:
                out.append(
                    Problem(
                        f,
                        f"{dw}.points",
                        f"deduction of {d.points} is larger than the item's {item.points} points",
                        "deduction_too_large",
                        values(points=d.points, item_points=item.points),
                    )
                )
            if d.cap is not None:
                if not d.repeatable:
                    out.append(
                        Problem(
                            f,
                            f"{dw}.cap",
                            "a cap only makes sense on a repeatable deduction",
                            "cap_not_repeatable",
                        )
                    )
                if d.cap <= 0 or d.cap > item.points:
                    out.append(
                        Problem(
                            f,
                            f"{dw}.cap",
                            f"cap must be between 0 and {item.points}, got {d.cap}",
                            "cap_range",
                            values(most=item.points, got=d.cap),
                        )
                    )
    total = sum((i.points for i in m.items), Decimal(0))
    if total != m.max_points:
        per_section = ", ".join(f"{s.id}={sum((i.points for i in s.items), Decimal(0))}" for s in m.sections)
        out.append(
            Problem(
                f,
                "max_points",
                f"items sum to {total} but max_points is {m.max_points} (difference {m.max_points - total}; "
                f"by section: {per_section})",
                "items_sum",
                values(total=total, max=m.max_points, difference=m.max_points - total, sections=per_section),
            )
        )
    return out


def _typing_problems(f: str, where: str, item: Item) -> list[Problem]:
    """Problems of the ``typed`` and ``step`` keys of one item."""
    out: list[Problem] = []
    if item.typed and item.kind != ItemKind.MEASUREMENT:
        if item.kind == ItemKind.SCORE:
            out.append(
                Problem(f, f"{where}.typed", "a score item is always typed; drop typed", "typed_score")
            )
        else:
            out.append(
                Problem(
                    f,
                    f"{where}.typed",
                    "typed = true applies to measurement items only (a judgement item takes a level)",
                    "typed_judgement",
                )
            )
    if not item.typing_allowed:
        if item.step is not None:
            out.append(
                Problem(
                    f,
                    f"{where}.step",
                    'a step applies only to typed scores (typed = true on a measurement item, or kind = "score")',
                    "step_untyped",
                )
            )
        return out
    step = item.step
    if step is None:
        out.append(
            Problem(f, f"{where}.step", 'a typed score needs a step, e.g. step = "0.5"', "step_missing")
        )
        return out
    if step <= 0 or step > item.points:
        out.append(
            Problem(
                f,
                f"{where}.step",
                f"step must be above 0 and at most {item.points}, got {step}",
                "step_range",
                values(most=item.points, got=step),
            )
        )
    elif step != step.quantize(CENT):
        out.append(
            Problem(
                f,
                f"{where}.step",
                f"step has more than 2 decimals: {step}",
                "step_decimals",
                values(step=step),
            )
        )
    elif item.points % step:
        out.append(
            Problem(
                f,
                f"{where}.step",
                f"the item's {item.points} points are not a multiple of the step {step} (full marks could not be typed)",
                "step_divides",
                values(points=item.points, step=step),
            )
        )
    return out


def _levels_not_judgement(f: str, where: str) -> Problem:
    return Problem(
        f, f"{where}.levels", "level descriptors belong to judgement items only", "levels_not_judgement"
    )


def _validate_blueprint(b: TheoryBlueprint) -> list[Problem]:
    f = b.source
    out: list[Problem] = []
    out.extend(_sections_twice(f, [s.id for s in b.sections]))
    for s in b.sections:
        for dup in _dupes([a.id for a in s.subareas]):
            out.append(
                Problem(
                    f,
                    f"sections[{s.id}].subareas[{dup}]",
                    f"sub-area id '{dup}' is used more than once",
                    "subarea_twice",
                    values(id=dup),
                )
            )
        for a in s.subareas:
            types = [g.type.value for g in a.groups]
            for dup in _dupes(types):
                out.append(
                    Problem(
                        f,
                        f"sections[{s.id}].subareas[{a.id}]",
                        f"question type '{dup}' listed twice",
                        "question_type_twice",
                        values(type=dup),
                    )
                )
            for g in a.groups:
                gw = f"sections[{s.id}].subareas[{a.id}].questions[{g.type.value}]"
                if g.count <= 0:
                    out.append(
                        Problem(
                            f,
                            f"{gw}.count",
                            f"count must be positive, got {g.count}",
                            "count_not_positive",
                            values(got=g.count),
                        )
                    )
                if g.points_each <= 0:
                    out.append(
                        Problem(
                            f,
                            f"{gw}.points_each",
                            f"points must be positive, got {g.points_each}",
                            "points_not_positive",
                            values(got=g.points_each),
                        )
                    )
    total = sum((s.points for s in b.sections), Decimal(0))
    if total != b.max_points:
        out.append(
            Problem(
                f,
                "max_points",
                f"questions sum to {total} but max_points is {b.max_points}",
                "questions_sum",
                values(total=total, max=b.max_points),
            )
        )
    return out
