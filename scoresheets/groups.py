"""Judge groups (评分分组) and sessions (场次): how a module's stations are split among its groups, and whether the
groups marked alike.

Owns two pure questions. :func:`plan_sessions` cuts a module's drawn stations into 场次 of at most
``per_session`` stations and gives the sessions to the judge groups in turn (第1场 → group 1, 第2场 → group 2, …),
so every group marks a share of the whole field. :func:`group_fairness` compares the groups: each group's
contestants' mean module score against the other groups' (the draw makes the groups' fields alike, so a large gap
says one group was stricter), and — when the module ran a calibration round that every judge marked — each group's
mean deviation from the panel median on the same performance, which does not depend on who drew which session.
A group beyond a tolerance is flagged; nothing here changes a score (normalising across groups is not offered).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoresheets.numbers import half_up


@dataclass(frozen=True)
class PlannedSession:
    """One 场次 of a module: its number, the judge group that marks it and its stations in order."""

    number: int
    round: int
    """Sessions of the same round run at the same time, one per group (in different tracks or rooms)."""
    group: str
    stations: tuple[str, ...]


def plan_sessions(stations: Sequence[str], groups: Sequence[str], per_session: int) -> list[PlannedSession]:
    """Cut ``stations`` (in station order) into sessions of at most ``per_session``, evenly sized, and give them
    to ``groups`` in turn, one session per group a round. The session count is rounded up to a multiple of the
    groups (when there are enough stations), so the groups mark equal shares of the field, give or take one
    station a session. Raises ``ValueError`` for no group or a session size below 1."""
    if not groups:
        raise ValueError("no judge group")
    if per_session < 1:
        raise ValueError("a session holds at least one station")
    ordered = sorted(stations)
    if not ordered:
        return []
    count = max(math.ceil(len(ordered) / per_session), 1)
    if len(ordered) >= len(groups):
        count = min(math.ceil(count / len(groups)) * len(groups), len(ordered))  # never an empty session
    base, extra = divmod(len(ordered), count)
    out: list[PlannedSession] = []
    start = 0
    for k in range(count):
        size = base + (1 if k < extra else 0)
        out.append(
            PlannedSession(
                k + 1, k // len(groups) + 1, groups[k % len(groups)], tuple(ordered[start : start + size])
            )
        )
        start += size
    return out


@dataclass(frozen=True)
class FairnessRules:
    """``[groups]``: when a judge group is flagged before sign-off ([D]: no national rule; the bureau sets them)."""

    mean_gap: Decimal = Decimal(5)
    """Points of the module score (0–100): a group whose contestants' mean differs from the other groups' mean by
    more is flagged."""
    calibration_gap: Decimal = Decimal(3)
    """Points of the calibration sheet total: a group whose judges' mean bias (sheet total − the panel's median)
    differs from the other groups' by more is flagged."""
    min_contestants: int = 3
    """A group that marked fewer contestants than this is reported but not compared on scores (too few to say)."""


@dataclass(frozen=True)
class GroupFigures:
    """One judge group against the others."""

    group: str
    judges: tuple[str, ...]
    contestants: int
    """Contestants of the group with a module score."""
    mean: Decimal | None
    """Mean module score of those contestants (2 dp, half-up); None when there are none."""
    spread: Decimal | None
    """Sample standard deviation of those scores (2 dp); None below two contestants."""
    gap: Decimal | None
    """``mean`` − the mean over the other groups' contestants; None when either side is empty or the group is
    below ``min_contestants``. Negative = this group scored lower (stricter, if the fields are alike)."""
    calibration_bias: Decimal | None
    """Mean over the group's judges of their calibration bias (2 dp); None without calibration sheets."""
    calibration_gap: Decimal | None
    """``calibration_bias`` − the other groups' mean calibration bias; None when either side has none."""
    flags: tuple[str, ...]
    """``"mean"`` and/or ``"calibration"``: which tolerance the group exceeds."""


@dataclass(frozen=True)
class GroupFairness:
    """Every group of one module, with the rules that flagged them."""

    module: str
    groups: tuple[GroupFigures, ...]
    rules: FairnessRules

    @property
    def flagged(self) -> tuple[GroupFigures, ...]:
        return tuple(g for g in self.groups if g.flags)


def _q(value: Decimal) -> Decimal:
    return half_up(value, 2)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _sd(values: Sequence[Decimal]) -> Decimal | None:
    if len(values) < 2:
        return None
    m = _mean(values)
    return _q((sum(((v - m) ** 2 for v in values), Decimal(0)) / (len(values) - 1)).sqrt())


def group_fairness(
    module: str,
    members: Mapping[str, Sequence[str]],
    scores: Mapping[str, Sequence[Decimal]],
    biases: Mapping[str, Decimal],
    rules: FairnessRules = FairnessRules(),
) -> GroupFairness:
    """Compare the judge groups of one module.

    ``members``: group → its judges' codes. ``scores``: group → the module scores of the contestants it marked.
    ``biases``: judge code → calibration bias (judges without calibration sheets are left out). Comparisons are
    made against the pooled other groups, unrounded; the figures shown are rounded half-up to 2 dp."""
    out: list[GroupFigures] = []
    for group, judges in members.items():
        mine = list(scores.get(group, ()))
        rest = [v for g, vs in scores.items() if g != group for v in vs]
        gap = None
        if len(mine) >= max(rules.min_contestants, 1) and rest:
            gap = _mean(mine) - _mean(rest)
        own_b = [biases[j] for j in judges if j in biases]
        other_b = [biases[j] for g, js in members.items() if g != group for j in js if j in biases]
        cal_gap = _mean(own_b) - _mean(other_b) if own_b and other_b else None
        flags = tuple(
            name
            for name, value, limit in (
                ("mean", gap, rules.mean_gap),
                ("calibration", cal_gap, rules.calibration_gap),
            )
            if value is not None and abs(value) > limit
        )
        out.append(
            GroupFigures(
                group,
                tuple(judges),
                len(mine),
                _q(_mean(mine)) if mine else None,
                _sd(mine),
                _q(gap) if gap is not None else None,
                _q(_mean(own_b)) if own_b else None,
                _q(cal_gap) if cal_gap is not None else None,
                flags,
            )
        )
    return GroupFairness(module, tuple(out), rules)
