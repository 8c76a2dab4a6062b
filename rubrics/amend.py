"""Amending a rubric mid-contest (评分细则更正): a corrected item's points or deduction amount.

Owns three questions about a proposed rubric for a module that has marks already: the corrected rubric's text
when the change is given as ``KEY=VALUE`` edits of the stored one (:func:`amended_text`), whether the stored marks
still fit it (:func:`fit_problems`: every item, kind, deduction rule, level scale and veto they may name must be
there), and what changed, in words (:func:`differences`). Points and amounts may change; the structure the marks
refer to may not. The amended text is a whole rubric file, validated like any other (points must still add up to
the module's maximum unless ``max`` is edited too).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import tomli_w

from rubrics.errors import Problem, values
from rubrics.model import ModuleRubric

__all__ = ["Difference", "amended_text", "differences", "fit_problems", "parse_edits"]

MAX_KEY = "max"
"""Edit key for the module's ``max_points``."""


@dataclass(frozen=True)
class Difference:
    """One changed value, e.g. ``A2-1`` 扣分 1 → 0.5."""

    where: str
    """Item id, deduction code, ``max`` or ``overtime``."""
    what: str
    """``points`` (an item's 配分), ``deduction`` (a rule's amount), ``cap``, ``max_points``, ``overtime``."""
    before: Decimal
    after: Decimal


def parse_edits(edits: list[str], file: str = "--set") -> tuple[dict[str, Decimal], list[Problem]]:
    """``["A7=6", "A2-1=0.5", "max=101"]`` as a mapping; each malformed edit is a located problem."""
    out: dict[str, Decimal] = {}
    problems = []
    for k, edit in enumerate(edits, 1):
        key, sep, value = edit.partition("=")
        key, value = key.strip(), value.strip()
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not sep or not key or not number.is_finite() or number < 0:
            problems.append(
                Problem(
                    file, f"#{k} {edit!r}", "write ITEM=points, RULE=amount or max=points", "edit_malformed"
                )
            )
            continue
        out[key] = number
    return out, problems


def amended_text(
    snapshot: str, edits: Mapping[str, Decimal], file: str = "--set"
) -> tuple[str, list[Problem]]:
    """The stored rubric's TOML with ``edits`` applied: an item id sets the item's ``points``, a deduction code
    the rule's ``points``, ``max`` the module's ``max_points``. An edit naming nothing is a problem."""
    data: dict[str, Any] = tomllib.loads(snapshot, parse_float=Decimal)
    found: set[str] = set()
    for section in data.get("sections", []):
        for item in section.get("items", []):
            if item.get("id") in edits:
                item["points"] = edits[item["id"]]
                found.add(item["id"])
            for rule in item.get("deductions", []):
                if rule.get("code") in edits:
                    rule["points"] = edits[rule["code"]]
                    found.add(rule["code"])
    if MAX_KEY in edits:
        data["max_points"] = edits[MAX_KEY]
        found.add(MAX_KEY)
    problems = [
        Problem(
            file, key, "no item or deduction rule of this module has this id (or use max=…)", "edit_unknown"
        )
        for key in edits
        if key not in found
    ]
    return tomli_w.dumps(data), problems


def fit_problems(old: ModuleRubric, new: ModuleRubric, file: str) -> list[Problem]:
    """Why the stored marks (made on ``old``) cannot be scored on ``new``; empty when they can."""
    out: list[Problem] = []
    if new.id != old.id or new.code != old.code:
        out.append(
            Problem(
                file,
                "id",
                f"must stay {old.id} (code {old.code}), got {new.id} (code {new.code})",
                "id_changed",
                values(id=old.id, code=old.code, new_id=new.id, new_code=new.code),
            )
        )
    for item in old.items:
        other = new.item(item.id)
        where = f"items[{item.id}]"
        if other is None:
            out.append(Problem(file, where, "the item is missing: stored marks name it", "item_gone"))
            continue
        if other.kind != item.kind:
            out.append(
                Problem(
                    file,
                    f"{where}.kind",
                    f"was {item.kind.value}, now {other.kind.value}",
                    "kind_changed",
                    values(was=item.kind.value, now=other.kind.value),
                )
            )
        if len(other.levels) != len(item.levels):
            out.append(Problem(file, f"{where}.levels", "the level scale changed", "levels_changed"))
        for rule in item.deductions:
            if other.deduction(rule.code) is None:
                out.append(
                    Problem(
                        file,
                        f"{where}.deductions[{rule.code}]",
                        "the rule is missing: marks apply it",
                        "rule_gone",
                    )
                )
            elif rule.repeatable and not other.deduction(rule.code).repeatable:  # type: ignore[union-attr]
                out.append(
                    Problem(
                        file,
                        f"{where}.deductions[{rule.code}]",
                        "was repeatable: marks count it",
                        "rule_not_repeatable",
                    )
                )
        if item.typing_allowed and not other.typing_allowed:
            out.append(
                Problem(
                    file, f"{where}.typed", "typed scores were allowed: marks may hold one", "typing_gone"
                )
            )
    for item in new.items:
        if old.item(item.id) is None:
            out.append(
                Problem(file, f"items[{item.id}]", "a new item: no stored mark could score it", "item_new")
            )
    for veto in old.vetoes:
        if new.veto(veto.code) is None:
            out.append(
                Problem(
                    file, f"vetoes[{veto.code}]", "the veto is missing: sheets may record it", "veto_gone"
                )
            )
    return out


def differences(old: ModuleRubric, new: ModuleRubric) -> list[Difference]:
    """Every changed number the marks are scored with, in rubric order."""
    out = []
    if new.max_points != old.max_points:
        out.append(Difference(MAX_KEY, "max_points", old.max_points, new.max_points))
    for item in old.items:
        other = new.item(item.id)
        if other is None:
            continue
        if other.points != item.points:
            out.append(Difference(item.id, "points", item.points, other.points))
        for rule in item.deductions:
            changed = other.deduction(rule.code)
            if changed is None:
                continue
            if changed.points != rule.points:
                out.append(Difference(rule.code, "deduction", rule.points, changed.points))
            if changed.cap != rule.cap and changed.cap is not None and rule.cap is not None:
                out.append(Difference(rule.code, "cap", rule.cap, changed.cap))
    if new.overtime.points_per_started_minute != old.overtime.points_per_started_minute:
        out.append(
            Difference(
                "overtime",
                "overtime",
                old.overtime.points_per_started_minute,
                new.overtime.points_per_started_minute,
            )
        )
    return out
