"""The arbitration panel (仲裁组) and publication (公示): escalating an appeal after its first ruling, the panel's
final decision, objections lodged during publication (公示期异议), and the moment results are published.

Owns the second half of the appeal state machine::

    appeal:    lodged ──(chief judge / supervisor: 复核)──▶ ruled ──(contestant, within escalation_minutes)──▶
               escalated ──(arbitration panel)──▶ final
    objection: lodged (within objection_days of publication) ──(arbitration panel)──▶ final

A final decision admits no further ruling, escalation or decision. A decision that reopens sheets after
decryption is a 更正 and needs the chief judge and the supervisor (``Correction``), like any other change that
moves a result. The first half (lodging, the deadline, the first ruling) is in :mod:`contest.services.appeals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import col, select

from contest.errors import ContestError, InvalidState
from contest.i18n import Msg
from contest.services.appeals import AppealServices
from contest.services.core import Correction, _aware
from contest.services.views import Actor, Role
from contest.services.wording import refusal
from contest.store.tables import AppealRow, ArbitrationRow, ContestantRow, ContestRow, JudgeRow, ModuleRow

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

FINAL = Msg("arbitration.final")
"""The arbitration decision is final."""


class ArbitrationServices:
    """Escalation, the arbitration panel's decision, objections and publication."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, chief: ChiefServices, appeals: AppealServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.appeals = appeals

    def escalate_appeal(self, actor: Actor, appeal_id: int, text: str) -> None:
        """The contestant does not accept the first ruling and takes the appeal to the arbitration panel (the
        written request is recorded by the supervisor or the panel). Only after a first ruling, once, and within
        ``[appeals] escalation_minutes`` of it."""
        self.ctx.require(actor, "提请仲裁", Role.SUPERVISOR, Role.ARBITRATION)
        if not text.strip():
            raise ContestError(Msg("arbitration.escalation_reason_empty"))
        with self.ctx.write(actor, "escalation", {"appeal": appeal_id}) as s:
            a = self.appeals.appeal(s, appeal_id)
            case = s.get(ArbitrationRow, appeal_id)
            if case is not None and case.decided_at is not None:
                raise InvalidState(FINAL)
            if case is not None:
                raise InvalidState(
                    Msg(
                        "arbitration.objection_before_panel"
                        if case.kind == "objection"
                        else "arbitration.escalated"
                    )
                )
            if a.ruled_at is None:
                raise InvalidState(Msg("arbitration.no_first_ruling"))
            minutes = self.ctx.config(s).escalation_minutes
            due = _aware(a.ruled_at) + timedelta(minutes=minutes)
            now = self.ctx.clock()
            if now > due:
                fmt = "%Y-%m-%d %H:%M:%S"
                ruled, until, told = (f"{self.ctx.local_time(t, s):{fmt}}" for t in (a.ruled_at, due, now))
                raise InvalidState(
                    Msg(
                        "arbitration.escalation_too_late", ruled=ruled, minutes=minutes, until=until, now=told
                    )
                )
            s.add(
                ArbitrationRow(
                    appeal_id=appeal_id,
                    kind="appeal",
                    escalated_at=now,
                    escalated_by=actor.code,
                    escalation=text.strip(),
                )
            )

    def lodge_objection(
        self, actor: Actor, station: str, module_code: str | None, text: str, objector: str
    ) -> int:
        """An objection (公示期异议) to published results: written and in the objector's real name, lodged with
        the organiser or the arbitration panel within ``[appeals] objection_days`` calendar days of publication
        (``publish``). It goes straight to the arbitration panel. ``station`` identifies the contestant as for
        an appeal (the station in the module, or the contest-wide station / 抽签号)."""
        self.ctx.require(actor, "登记公示期异议", Role.ORGANISER, Role.SUPERVISOR, Role.ARBITRATION)
        if not text.strip():
            raise ContestError(Msg("arbitration.objection_empty"))
        if not objector.strip():
            raise ContestError(Msg("arbitration.objector_unnamed"))
        with self.ctx.write(actor, "objection", {"station": station, "module": module_code}) as s:
            published = self.appeals.published_at(s)
            now = self.ctx.clock()
            if published is None:
                raise InvalidState(Msg("arbitration.not_published"))
            days = self.ctx.config(s).objection_days
            due = published + timedelta(days=days)
            if now > due:
                fmt = "%Y-%m-%d %H:%M:%S"
                start, until, told = (f"{self.ctx.local_time(t, s):{fmt}}" for t in (published, due, now))
                raise InvalidState(
                    Msg("arbitration.publication_over", start=start, days=days, until=until, now=told)
                )
            m = self.q.module(s, module_code) if module_code else None
            row = AppealRow(
                contest_id=self.ctx.contest_id,
                contestant_id=self.appeals.contestant_at(s, station, m),
                module_id=m.id if m else None,
                text=text.strip(),
                lodged_at=now,
                lodged_by=actor.code,
            )
            s.add(row)
            s.flush()
            s.add(ArbitrationRow(appeal_id=row.id or 0, kind="objection", objector=objector.strip()))
            return row.id or 0

    def arbitrate(
        self,
        actor: Actor,
        appeal_id: int,
        opinion: str,
        decision: str,
        reopen_judges: Sequence[str] = (),
        *,
        correction: Correction | None = None,
    ) -> None:
        """The arbitration panel's final decision (仲裁意见 and 决定) on an escalated appeal or an objection.
        Recorded by a panel member who did not give the first ruling; the panel as it stands is named in the
        record. It may reopen named judges' sheets (after decryption only as a 更正, with ``correction``)."""
        self.ctx.require(actor, "仲裁决定", Role.ARBITRATION)
        if not opinion.strip() or not decision.strip():
            raise ContestError(Msg("arbitration.opinion_decision_empty"))
        with self.ctx.write(
            actor, "arbitration", {"appeal": appeal_id, "decision": decision, "reopen": list(reopen_judges)}
        ) as s:
            a = self.appeals.appeal(s, appeal_id)
            case = s.get(ArbitrationRow, appeal_id)
            if case is not None and case.decided_at is not None:
                raise InvalidState(FINAL)
            if case is None:
                raise InvalidState(Msg("arbitration.not_escalated"))
            if a.ruled_by and a.ruled_by == actor.code:
                recused = Msg("arbitration.ruler_recused")
                raise refusal(self.ctx.deny(actor, "仲裁决定", str(recused)), recused)
            reopened, record = self.appeals.reopen(
                s, actor, a, reopen_judges, f"仲裁决定：{decision.strip()}", "仲裁决定", correction
            )
            members = [
                j.code
                for j in s.exec(
                    select(JudgeRow)
                    .where(JudgeRow.contest_id == self.ctx.contest_id)
                    .order_by(col(JudgeRow.code))
                ).all()
                if "arbitration" in j.roles.split(",") and j.code != actor.code
            ]
            case.decided_at = self.ctx.clock()
            case.decided_by = actor.code
            case.opinion = opinion.strip()
            case.decision = decision.strip()
            case.panel = ",".join([actor.code, *members])
            case.reopened = ",".join(reopened)
            s.add(case)
            if record is not None:
                p = s.get(ContestantRow, a.contestant_id)
                self.chief.close_correction(
                    s,
                    record,
                    f"{p.name if p else ''} 仲裁决定重开评分表（{', '.join(reopen_judges)}）：{case.decision}",
                )

    def publish(self, actor: Actor) -> None:
        """成绩公示: record that the results were published (posted), which opens the objection period. Only after
        every module is signed off and the results are decrypted; once."""
        self.ctx.require(actor, "公示成绩", Role.ORGANISER, Role.CHIEF)
        with self.ctx.write(actor, "publish", {}) as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            if c.published_at is not None:
                at = f"{self.ctx.local_time(c.published_at, s):%Y-%m-%d %H:%M}"
                raise InvalidState(Msg("arbitration.already_published", at=at))
            open_mods = [
                m.code
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
                if m.signed_off_at is None
            ]
            if c.decrypted_at is None or open_mods:
                raise InvalidState(Msg("arbitration.publish_too_early"))
            c.published_at = self.ctx.clock()
            s.add(c)

    def arbitration_members(self) -> list[tuple[str, str]]:
        """(code, name) of every arbitration panel member."""
        with self.ctx.read() as s:
            return [
                (j.code, j.name)
                for j in s.exec(
                    select(JudgeRow)
                    .where(JudgeRow.contest_id == self.ctx.contest_id)
                    .order_by(col(JudgeRow.code))
                ).all()
                if "arbitration" in j.roles.split(",")
            ]
