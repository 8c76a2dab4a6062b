"""The judge groups of a module against each other, read from the store (评分分组的宽严对照).

Owns one read: for a module marked by judge groups, each group's judges, the module scores of the contestants its
场次 held (vetoed and unmarked panels left out: they say nothing about strictness), and the judges' calibration
bias when the module ran a calibration round — handed to :func:`scoresheets.groups.group_fairness`. The chief
judge's sign-off and the printed 分组评分宽严对照表 both read it here.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, col, select

from contest.config import ContestConfig
from contest.services.calibration_sheets import calibration_sheets
from contest.services.conflicts import judge_groups, station_groups
from contest.services.grouping import group_key
from contest.services.marking import DrawnField
from contest.store.tables import JudgeRow, ModuleRow
from scoresheets.calibration import calibration_report
from scoresheets.errors import EntryRefused
from scoresheets.groups import GroupFairness, group_fairness
from scoresheets.standings import Standings


def group_members(s: Session, module_id: int) -> dict[str, list[str]] | None:
    """Group → its marking judges' codes (sorted), groups in natural order; None when the module has one panel."""
    groups = judge_groups(s, module_id)
    if groups is None:
        return None
    codes: dict[int, str] = dict(
        s.connection()
        .execute(select(JudgeRow.id, JudgeRow.code).where(col(JudgeRow.id).in_(list(groups))))
        .all()
    )
    members: dict[str, list[str]] = {}
    for jid, group in sorted(groups.items(), key=lambda pair: codes[pair[0]]):
        if group:
            members.setdefault(group, []).append(codes[jid])
    return {g: members[g] for g in sorted(members, key=group_key)}


def fairness_of(
    s: Session, cfg: ContestConfig, module: ModuleRow, standings: Standings, field: DrawnField
) -> GroupFairness | None:
    """The groups of ``module`` compared, or None when the module has one panel."""
    members = group_members(s, module.id or 0)
    if members is None:
        return None
    planned = station_groups(s, module.id or 0)
    rubric = cfg.module(module.code).rubric
    scores: dict[str, list[Decimal]] = {g: [] for g in members}
    for (contestant, rubric_id), panel in standings.panels.items():
        if rubric_id != rubric.id or panel.veto is not None:
            continue
        slot = planned.get(field.station(int(contestant), module.code))
        if slot is not None and slot[1] in scores:
            scores[slot[1]].append(panel.score)
    biases: dict[str, Decimal] = {}
    sheets = calibration_sheets(s, module.id or 0)
    if any(sheets.values()):
        try:
            report = calibration_report(rubric, sheets, cfg.calibration_rules)
        except EntryRefused:  # a calibration mark the rubric no longer allows: no calibration comparison
            report = None
        if report is not None:
            biases = {j.judge: j.bias for j in report.judge_figures if j.marked}
    return group_fairness(module.code, members, scores, biases, cfg.fairness_rules)
