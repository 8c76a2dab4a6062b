"""The chief judge's stored veto decisions (``[scoring] veto_confirmation = "chief"``) as the pure scoring takes
them, and the proposals on a panel's submitted sheets.

Owns reading :class:`~contest.store.tables.VetoDecisionRow` (the newest row of a module and contestant holds), the
text form of a decision's votes and the score sheet's wording of a decision; nothing here writes or checks
permissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from contest.i18n import tr
from contest.services.views import SheetState
from contest.store.tables import JudgeRow, ModuleRow, SheetRow, VetoDecisionRow
from scoresheets.panel import PanelResult, VetoDecision

DONE = (SheetState.SUBMITTED, SheetState.SIGNED_OFF)
"""Sheet states that count (as in the standings)."""


def votes_text(votes: Iterable[tuple[str, str]]) -> str:
    """``J1:A-V1,J3:A-V2``: (judge, veto code) pairs, sorted, as stored."""
    return ",".join(f"{j}:{v}" for j, v in sorted(votes))


def parse_votes(text: str) -> frozenset[tuple[str, str]]:
    """The inverse of :func:`votes_text`."""
    out = set()
    for part in filter(None, text.split(",")):
        judge, _, code = part.partition(":")
        out.add((judge, code))
    return frozenset(out)


def newest_decisions(s: Session, contest_id: int) -> dict[tuple[int, int], VetoDecisionRow]:
    """(module id, contestant id) → the newest decision row of the contest."""
    out: dict[tuple[int, int], VetoDecisionRow] = {}
    for row in s.exec(
        select(VetoDecisionRow)
        .join(ModuleRow, col(ModuleRow.id) == VetoDecisionRow.module_id)
        .where(ModuleRow.contest_id == contest_id)
        .order_by(col(VetoDecisionRow.id))
    ).all():
        out[(row.module_id, row.contestant_id)] = row
    return out


def as_decision(row: VetoDecisionRow) -> VetoDecision:
    """A stored decision as the pure scoring takes it."""
    return VetoDecision(row.confirmed, parse_votes(row.votes))


def panel_votes(s: Session, module_id: int, contestant_id: int) -> frozenset[tuple[str, str]]:
    """(judge code, veto code) of every submitted sheet of one panel that records a veto: the proposals."""
    rows = s.exec(
        select(JudgeRow.code, SheetRow.veto_code)
        .join(JudgeRow, col(JudgeRow.id) == SheetRow.judge_id)
        .where(
            SheetRow.module_id == module_id,
            SheetRow.contestant_id == contestant_id,
            col(SheetRow.state).in_(DONE),
            col(SheetRow.veto_code).is_not(None),
        )
    ).all()
    return frozenset((j, v) for j, v in rows if v)


def veto_notes(
    panel: PanelResult, row: VetoDecisionRow | None, at: datetime | None, lang: str = "zh"
) -> tuple[str, ...]:
    """The score sheet's lines on a panel's veto decided by the chief judge, in the sheet's language ``lang``: the
    情况说明 of a confirmed veto, the reason of a rejected one, or that a proposal is still pending. Nothing for a
    panel without proposals, or one whose veto the panel's quorum decided (no decision row)."""
    if not panel.veto_votes:
        return ()
    if panel.veto_pending:
        return (tr(lang, "veto.note.pending"),)
    if row is None:
        return ()
    when = f"{at:%Y-%m-%d %H:%M}" if at is not None else ""
    key = "veto.note.confirmed" if panel.veto is not None else "veto.note.rejected"
    return (tr(lang, key, chief=row.decided_by, when=when, statement=row.statement),)
