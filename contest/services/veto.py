"""Veto confirmation by the chief judge (``[scoring] veto_confirmation = "chief"``): the pending proposals
(否决建议) of each module, and confirming one with a written 情况说明 or rejecting it with a reason.

Owns these three services and their rules: chief judge only; a statement is required (at most
:data:`STATEMENT_MAX` characters); refused once the module is signed off, and after decryption only through the
更正 procedure (chief judge and supervisor, with a reason). A decision answers the proposals on the panel's
submitted sheets at that moment; a proposal recorded later makes the panel's veto pending again. Sign-off waits
for every decision (:meth:`ChiefServices.sign_off`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import select

from contest.errors import ContestError, InvalidState
from contest.i18n import Msg
from contest.services.chief import ChiefServices
from contest.services.core import Correction
from contest.services.veto_decisions import newest_decisions, panel_votes, votes_text
from contest.services.views import Actor, Role
from contest.store.tables import ModuleRow, VetoDecisionRow
from rubrics.model import VetoEffect
from scoresheets.panel import VetoConfirmation

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

STATEMENT_MAX = 500
"""Longest 情况说明 or rejection reason, in characters (it is printed under the score sheet's table)."""


@dataclass(frozen=True)
class VetoVote:
    """One judge's veto proposal: the judge, the rule's code and text, and whether it disqualifies."""

    judge: str
    code: str
    text: str
    disqualifies: bool


@dataclass(frozen=True)
class VetoProposal:
    """The veto proposals of one contestant's panel in one module (station numbers only), and their state."""

    module_code: str
    station: str
    votes: tuple[VetoVote, ...]
    state: str
    """pending (待确认) | confirmed (已确认: the module is zeroed) | rejected (已驳回: the marks count)."""
    statement: str = ""
    """The decision's 情况说明 or rejection reason (empty while pending)."""
    decided_by: str = ""
    decided_at: datetime | None = None
    signed_off: bool = False


class VetoServices:
    """The chief judge's decisions on veto proposals."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief

    def veto_proposals(self, actor: Actor, module_code: str | None = None) -> list[VetoProposal]:
        """Every panel with a veto proposal (all modules, or one), pending ones first, by module and station.
        Empty when the contest's vetoes are decided by the panel's quorum."""
        self.ctx.require(actor, "查看否决建议", Role.CHIEF, Role.SUPERVISOR)
        cfg = self.ctx.config()
        if cfg.veto_confirmation != VetoConfirmation.CHIEF:
            return []
        with self.ctx.read() as s:
            st, field = self.chief.compute(s)
            mods = {
                m.code: m
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
            }
            rows = newest_decisions(s, self.ctx.contest_id)
        out = []
        for m in cfg.modules:
            code = m.rubric.code
            if module_code and code != module_code:
                continue
            for (cid, rid), pr in st.panels.items():
                if rid != m.rubric.id or not pr.veto_votes:
                    continue
                votes = tuple(
                    VetoVote(sh.judge, sh.veto.code, sh.veto.text.zh, sh.veto.effect == VetoEffect.DISQUALIFY)
                    for sh in pr.sheets
                    if sh.veto is not None
                )
                row = rows.get((mods[code].id or 0, int(cid)))
                state = "pending" if pr.veto_pending else ("confirmed" if pr.veto is not None else "rejected")
                decided = row is not None and state != "pending"
                out.append(
                    VetoProposal(
                        code,
                        field.station(int(cid), code),
                        votes,
                        state,
                        row.statement if decided and row else "",
                        row.decided_by if decided and row else "",
                        row.decided_at if decided and row else None,
                        mods[code].signed_off_at is not None,
                    )
                )
        return sorted(out, key=lambda p: (p.state != "pending", p.module_code, p.station))

    def confirm_veto(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        statement: str,
        *,
        correction: Correction | None = None,
    ) -> None:
        """Confirm the veto proposals of a station's panel with a written 情况说明: the module is zeroed (or the
        contestant disqualified, if a proposed rule says so) and the statement is printed on the score sheet."""
        self._decide(actor, module_code, station, statement, True, correction)

    def reject_veto(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        reason: str,
        *,
        correction: Correction | None = None,
    ) -> None:
        """Reject the veto proposals of a station's panel with a reason: the marks count."""
        self._decide(actor, module_code, station, reason, False, correction)

    def _decide(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        statement: str,
        confirmed: bool,
        correction: Correction | None,
    ) -> None:
        action = "确认否决" if confirmed else "驳回否决"
        self.ctx.require(actor, action, Role.CHIEF)
        if self.ctx.config().veto_confirmation != VetoConfirmation.CHIEF:
            raise InvalidState(Msg("veto.decided_by_panel"))
        text = statement.strip()
        if not text:
            raise ContestError(Msg("veto.statement_required" if confirmed else "veto.reason_required"))
        if len(text) > STATEMENT_MAX:
            raise ContestError(Msg("veto.statement_too_long", max=STATEMENT_MAX, n=len(text)))
        kind = "veto_confirm" if confirmed else "veto_reject"
        with self.ctx.write(actor, kind, {"module": module_code, "station": station, "statement": text}) as s:
            m = self.q.module(s, module_code)
            cid = self.q.station(s, m, station)
            record = self.ctx.correction_gate(
                s, actor, action, f"模块{module_code} 赛位 {station} {action}", correction
            )
            if record is None and m.signed_off_at is not None:
                raise InvalidState(
                    Msg(
                        "veto.signed_off_confirm" if confirmed else "veto.signed_off_reject",
                        module=module_code,
                    )
                )
            votes = panel_votes(s, m.id or 0, cid)
            if not votes:
                raise InvalidState(Msg("veto.no_proposal", module=module_code, station=station))
            s.add(
                VetoDecisionRow(
                    module_id=m.id or 0,
                    contestant_id=cid,
                    confirmed=confirmed,
                    votes=votes_text(votes),
                    statement=text,
                    decided_at=self.ctx.clock(),
                    decided_by=actor.code if record is None else f"{actor.code}+{record['supervisor']}",
                )
            )
            s.info["event_details"]["votes"] = votes_text(votes)
            self.chief.close_correction(
                s, record, f"模块{module_code} 赛位 {station} 否决{'确认' if confirmed else '驳回'}：{text}"
            )
