"""Rubric-change impact preview: the standings and awards a corrected module rubric would produce, side by side
with today's, and who moves.

Pure: scores the same judges' sheets twice with :func:`scoresheets.standings.compute_standings`, once with the
module's current rubric and once with the proposed one (same items and rules, other points or amounts), and lists
every contestant whose module score, total, rank or award differs. It changes nothing; applying a change is a
logged, two-person correction in the application.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubrics.model import ModuleRubric
from scoresheets.model import JudgeSheet
from scoresheets.panel import VetoDecision
from scoresheets.standings import Standings, StandingsRules, rank_panels, score_panel

__all__ = ["ChangeLine", "ChangePreview", "preview_rubric_change"]


@dataclass(frozen=True)
class ChangeLine:
    """One contestant, today and under the proposed rubric."""

    contestant: str
    module_before: Decimal | None
    module_after: Decimal | None
    total_before: Decimal
    total_after: Decimal
    rank_before: int | None
    rank_after: int | None
    award_before: str | None
    award_after: str | None

    @property
    def moved(self) -> bool:
        """Whether the rank or the award changes."""
        return self.rank_before != self.rank_after or self.award_before != self.award_after

    @property
    def changed(self) -> bool:
        """Whether anything shown changes (a score without a move counts)."""
        return self.moved or self.module_before != self.module_after or self.total_before != self.total_after


@dataclass(frozen=True)
class ChangePreview:
    """Every contestant in today's rank order, with their figures under the proposed rubric."""

    module_id: str
    lines: tuple[ChangeLine, ...]

    @property
    def moved(self) -> tuple[ChangeLine, ...]:
        """Contestants whose rank or award changes."""
        return tuple(line for line in self.lines if line.moved)

    @property
    def award_changes(self) -> tuple[ChangeLine, ...]:
        """Contestants whose award changes."""
        return tuple(line for line in self.lines if line.award_before != line.award_after)


def _award(st: Standings, contestant: str) -> str | None:
    return st.awards.award_of(contestant) if st.awards is not None else None


def preview_rubric_change(
    rules: StandingsRules,
    new_rubric: ModuleRubric,
    contestants: Sequence[str],
    sheets: Mapping[tuple[str, str], Sequence[JudgeSheet]],
    theory: Mapping[str, Decimal | None],
    *,
    lots: Mapping[str, int] | None = None,
    disqualified: Mapping[str, str] | None = None,
    barred: Mapping[str, str] | None = None,
    panel_sizes: Mapping[tuple[str, str], int] | None = None,
    veto_decisions: Mapping[tuple[str, str], VetoDecision] | None = None,
) -> ChangePreview:
    """Today's standings against those with ``new_rubric`` in place of the module rubric with the same id.

    The keyword arguments are those of :func:`~scoresheets.standings.rank_panels` (检录 and 回避 verdicts) and the
    chief judge's veto decisions, so today's side is exactly the standings the contest shows.

    Raises:
        KeyError: no module of ``rules`` has ``new_rubric``'s id.
        EntryRefused: a stored entry the new rubric cannot score (check the fit first).
    """
    module_id = new_rubric.id
    if not any(p.rubric.id == module_id for p in rules.modules):
        raise KeyError(module_id)
    proposed = dataclasses.replace(
        rules,
        modules=tuple(
            dataclasses.replace(p, rubric=new_rubric) if p.rubric.id == module_id else p
            for p in rules.modules
        ),
    )
    decided = veto_decisions or {}
    outcomes = {
        key: score_panel(rules.plan(key[1]), given, rules.rounding, veto_decision=decided.get(key))
        for key, given in sheets.items()
    }
    changed = {
        key: score_panel(proposed.plan(key[1]), given, rules.rounding, veto_decision=decided.get(key))
        if key[1] == module_id
        else outcomes[key]
        for key, given in sheets.items()
    }
    before, after = (
        rank_panels(
            r,
            contestants,
            o,
            theory,
            lots=lots,
            disqualified=disqualified,
            barred=barred,
            panel_sizes=panel_sizes,
        )
        for r, o in ((rules, outcomes), (proposed, changed))
    )
    lines = []
    for entry in before.entries:
        c = entry.contestant
        other = after.entry(c)
        lines.append(
            ChangeLine(
                c,
                entry.result.modules.get(module_id),
                other.result.modules.get(module_id),
                entry.result.total,
                other.result.total,
                entry.rank,
                other.rank,
                _award(before, c),
                _award(after, c),
            )
        )
    return ChangePreview(module_id, tuple(lines))
