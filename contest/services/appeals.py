"""Appeals (申诉), first instance: the supervisor (or the arbitration panel) records a written appeal within the
appeal deadline, the chief judge (or the supervisor) rules on it (复核) and may reopen named judges' sheets;
every step is audited, and results printed afterwards say they changed.

Owns lodging, the deadline (``[appeals] deadline_minutes`` after the module's end: its first sign-off), the first
ruling, reopening sheets, and the appeal log. Escalation to the arbitration panel, its final decision, objections
during publication and publication itself are in :mod:`contest.services.arbitration`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from contest.errors import ContestError, InvalidState, NotFound
from contest.i18n import Msg
from contest.intake_bridge import typed_station
from contest.services.core import Correction, _aware
from contest.services.theory import TheoryServices
from contest.services.views import Actor, AppealView, Role, SheetState
from contest.store.tables import (
    AppealRow,
    ArbitrationRow,
    ContestantRow,
    ContestRow,
    EventRow,
    JudgeRow,
    ModuleRow,
    SheetRow,
)

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

APPEAL_STATES = {
    "lodged": "已登记",
    "ruled": "已复核",
    "closed": "复核结论生效",
    "escalated": "已提请仲裁",
    "final": "仲裁终局",
}
"""An appeal's state (see :meth:`AppealServices.appeals`) → how documents and the log name it."""
KINDS = {"appeal": "申诉", "objection": "公示期异议"}


class AppealServices:
    """Lodging, ruling on and listing appeals."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices, theory: TheoryServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.theory = theory

    def lodge_appeal(self, actor: Actor, station: str, module_code: str | None, text: str) -> int:
        """Record a written appeal (申诉) with its time. ``station`` is the contestant's station in the appealed
        module; for an appeal naming no module, the contest-wide station, or with a per-module draw the
        contestant's 抽签号 (draw number).

        Refused after the deadline: ``[appeals] deadline_minutes`` after the module's end (its first sign-off;
        an appeal naming no module: the last module's first sign-off). Before that end it is always in time."""
        self.ctx.require(actor, "登记申诉", Role.SUPERVISOR, Role.ARBITRATION)
        if not text.strip():
            raise ContestError(Msg("appeals.text_empty"))
        with self.ctx.write(actor, "appeal", {"station": station, "module": module_code}) as s:
            m = self.q.module(s, module_code) if module_code else None
            cid = self.contestant_at(s, station, m)
            self._check_deadline(s, m)
            row = AppealRow(
                contest_id=self.ctx.contest_id,
                contestant_id=cid,
                module_id=m.id if m else None,
                text=text.strip(),
                lodged_at=self.ctx.clock(),
                lodged_by=actor.code,
            )
            s.add(row)
            s.flush()
            return row.id or 0

    def rule_appeal(
        self,
        actor: Actor,
        appeal_id: int,
        ruling: str,
        reopen_judges: Sequence[str] = (),
        *,
        correction: Correction | None = None,
    ) -> None:
        """The first ruling (复核) by the chief judge or the supervisor; it may reopen named judges' sheets of the
        appealed module (they go back to the judges as returned, and the module needs signing off again). After
        decryption, reopening is a 更正 and needs ``correction`` (the chief judge and the supervisor, with a
        reason). The contestant may then take the appeal to the arbitration panel
        (:meth:`~contest.services.arbitration.ArbitrationServices.escalate_appeal`)."""
        self.ctx.require(actor, "裁决申诉", Role.CHIEF, Role.SUPERVISOR)
        if not ruling.strip():
            raise ContestError(Msg("appeals.ruling_empty"))
        with self.ctx.write(
            actor, "ruling", {"appeal": appeal_id, "ruling": ruling, "reopen": list(reopen_judges)}
        ) as s:
            a = self.appeal(s, appeal_id)
            case = s.get(ArbitrationRow, appeal_id)
            if case is not None and case.kind == "objection":
                raise InvalidState(Msg("appeals.objection_no_ruling"))
            if a.ruled_at is not None:
                raise InvalidState(Msg("appeals.already_ruled"))
            reopened, record = self.reopen(
                s, actor, a, reopen_judges, f"申诉裁决：{ruling.strip()}", "裁决申诉", correction
            )
            a.ruling = ruling.strip()
            a.ruled_at = self.ctx.clock()
            a.ruled_by = actor.code
            a.reopened = ",".join(reopened)
            s.add(a)
            if record is not None:
                p = s.get(ContestantRow, a.contestant_id)
                self.chief.close_correction(
                    s,
                    record,
                    f"{p.name if p else ''} 模块评分表重开（{', '.join(reopen_judges)}）：{a.ruling}",
                )

    # -- helpers shared with the arbitration panel ---------------------------------------------------------
    def appeal(self, s: Session, appeal_id: int) -> AppealRow:
        a = s.get(AppealRow, appeal_id)
        if a is None or a.contest_id != self.ctx.contest_id:
            raise NotFound(Msg("appeals.not_found", appeal=appeal_id))
        return a

    def reopen(
        self,
        s: Session,
        actor: Actor,
        a: AppealRow,
        judges: Sequence[str],
        reason: str,
        action: str,
        correction: Correction | None,
    ) -> tuple[list[str], dict[str, Any] | None]:
        """Return the named judges' sheets of the appealed module to them (``reason`` shown to the judge) and
        unsign the module: the sheet ids and the 更正 record (after decryption; see ``_correction_gate``)."""
        if not judges:
            return [], None
        if a.module_id is None:
            raise ContestError(Msg("appeals.no_module"))
        m = s.get(ModuleRow, a.module_id)
        assert m is not None
        record = self.ctx.correction_gate(
            s, actor, action, f"申诉 #{a.id} {action}重开模块 {m.code} 评分表", correction
        )
        reopened = []
        for code in judges:
            j = s.exec(
                select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == code)
            ).first()
            sh = (
                j
                and s.exec(
                    select(SheetRow).where(
                        SheetRow.module_id == m.id,
                        SheetRow.contestant_id == a.contestant_id,
                        SheetRow.judge_id == j.id,
                    )
                ).first()
            )
            if not sh:
                raise NotFound(Msg("appeals.no_sheet", judge=code))
            sh.state = SheetState.RETURNED
            sh.return_reason = reason
            self.q.touch(sh, actor)
            reopened.append(str(sh.id))
        m.signed_off_at = None
        m.signed_off_by = ""
        s.add(m)
        return reopened, record

    def _first_signoffs(self, s: Session) -> dict[str, datetime]:
        """Module code → its first sign-off (the module's end for the appeal deadline): a module reopened by an
        appeal and signed off again does not open a new window for everyone."""
        out: dict[str, datetime] = {}
        for ev in s.exec(
            select(EventRow)
            .where(EventRow.contest_id == self.ctx.contest_id, EventRow.kind == "sign_off")
            .order_by(col(EventRow.seq))
        ).all():
            code = json.loads(ev.payload).get("details", {}).get("module")
            if isinstance(code, str) and code not in out:
                out[code] = _aware(ev.at)
        for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all():
            if m.signed_off_at is not None and m.code not in out:  # a contest written before events said so
                out[m.code] = _aware(m.signed_off_at)
        return out

    def appeal_end(self, s: Session, module: ModuleRow | None) -> tuple[str, datetime] | None:
        """What the appeal deadline counts from: (the module's code, or "" for all modules; when it ended) — the
        module's first sign-off, or for an appeal naming no module the last module's; None while it has not
        ended."""
        ends = self._first_signoffs(s)
        if module is not None:
            end = ends.get(module.code)
            return (module.code, end) if end else None
        codes = [
            m.code for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
        ]
        if not codes or any(c not in ends for c in codes):
            return None
        return "", max(ends[c] for c in codes)

    def _check_deadline(self, s: Session, module: ModuleRow | None) -> None:
        end = self.appeal_end(s, module)
        if end is None:
            return
        code, at = end
        minutes = self.ctx.config(s).appeal_deadline_minutes
        deadline = at + timedelta(minutes=minutes)
        now = self.ctx.clock()
        if now <= deadline:
            return
        fmt = "%Y-%m-%d %H:%M:%S"
        ended, due, told = (f"{self.ctx.local_time(t, s):{fmt}}" for t in (at, deadline, now))
        what = Msg("appeals.deadline_module", module=code) if code else Msg("appeals.deadline_all_modules")
        raise InvalidState(
            Msg("appeals.deadline_passed", what=what, ended=ended, minutes=minutes, due=due, now=told)
        )

    def contestant_at(self, s: Session, station: str, module: ModuleRow | None) -> int:
        """The contestant at ``station`` of ``module``, or at the contest-wide station when no module is named.
        With a per-module draw there is no contest-wide station: an appeal naming no module (theory, total)
        gives the contestant's 抽签号 (draw number, 一次加密, the same for every module) instead."""
        station = typed_station(station)
        if module is not None:
            return self.q.station(s, module, station)
        if self.ctx.config(s).draw_scope == "module":
            number = station.strip()
            cid = (
                s.exec(
                    select(ContestantRow.id).where(
                        ContestantRow.contest_id == self.ctx.contest_id,
                        ContestantRow.draw_no == int(number),
                        ContestantRow.withdrawn == False,  # noqa: E712
                    )
                ).first()
                if number.isdigit()
                else None
            )
            if cid is None:
                raise NotFound(Msg("appeals.no_draw_number", number=station))
            return cid
        cid = self.theory.contest_stations(s, "请指明申诉的模块 / name the module (--module)").get(station)
        if cid is None:
            raise NotFound(Msg("appeals.no_station", station=station))
        return cid

    def appeals(self) -> list[AppealView]:
        """Every appeal and objection with its rulings and state; the station is the one in the appealed module
        (see :meth:`DrawnField.label` for an appeal naming no module). Names only after decryption."""
        with self.ctx.read() as s:
            dec = self.q.decrypted(s)
            field = self.q.field(s)
            cfg = self.ctx.config(s)
            now = self.ctx.clock()
            cases = {
                c.appeal_id: c
                for c in s.exec(
                    select(ArbitrationRow)
                    .join(AppealRow, col(AppealRow.id) == ArbitrationRow.appeal_id)
                    .where(AppealRow.contest_id == self.ctx.contest_id)
                ).all()
            }

            def when(t: datetime | None) -> str:
                return f"{self.ctx.local_time(t, s):%Y-%m-%d %H:%M}" if t is not None else ""

            out = []
            for a in s.exec(
                select(AppealRow)
                .where(AppealRow.contest_id == self.ctx.contest_id)
                .order_by(col(AppealRow.id))
            ).all():
                c = s.get(ContestantRow, a.contestant_id)
                m = s.get(ModuleRow, a.module_id) if a.module_id else None
                case = cases.get(a.id or 0)
                if case is not None and case.decided_at is not None:
                    state = "final"
                elif case is not None and case.kind == "appeal":
                    state = "escalated"
                elif a.ruled_at is not None:
                    window = _aware(a.ruled_at) + timedelta(minutes=cfg.escalation_minutes)
                    state = "closed" if now > window else "ruled"
                else:
                    state = "lodged"
                out.append(
                    AppealView(
                        a.id or 0,
                        field.station(a.contestant_id, m.code) if m else field.label(a.contestant_id),
                        c.name if (c and dec) else "",
                        m.code if m else None,
                        a.text,
                        when(a.lodged_at),
                        a.ruling,
                        tuple(filter(None, a.reopened.split(","))),
                        kind=case.kind if case else "appeal",
                        state=state,
                        lodged_by=a.lodged_by,
                        ruled_by=a.ruled_by,
                        ruled_at=when(a.ruled_at),
                        objector=case.objector if case else "",
                        escalation=case.escalation if case else "",
                        escalated_at=when(case.escalated_at) if case else "",
                        opinion=case.opinion if case else "",
                        decision=case.decision if case else "",
                        decided_by=case.decided_by if case else "",
                        decided_at=when(case.decided_at) if case else "",
                        panel=tuple(filter(None, case.panel.split(","))) if case else (),
                        arbitration_reopened=tuple(filter(None, case.reopened.split(","))) if case else (),
                        draw_no=c.draw_no if c else None,
                    )
                )
            return out

    def published_at(self, s: Session) -> datetime | None:
        c = s.get(ContestRow, self.ctx.contest_id)
        return _aware(c.published_at) if c is not None and c.published_at is not None else None
