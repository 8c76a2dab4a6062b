"""检录 and 回避 exceptions: recording a contestant's check-in state per module (organiser or chief judge) and
the chief judge's override of a 回避 pair, each one audited action. Stations only, never names: a state is
recorded against the station of the module at hand.

Which pairs are in 回避 and who is off the marking lists is read by :mod:`contest.services.conflicts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import InvalidState, NotFound
from contest.i18n import Msg
from contest.services.conflicts import CHECKIN_STATES, avoided_pairs
from contest.services.core import listing
from contest.services.views import Actor, Role
from contest.store.tables import AvoidOverrideRow, CheckinRow, JudgeRow, ModuleRow

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries


@dataclass(frozen=True)
class CheckinView:
    """One recorded 检录 state, by station."""

    module_code: str
    station: str
    state: str
    recorded_at: datetime
    recorded_by: str
    note: str = ""


@dataclass(frozen=True)
class AvoidView:
    """A 回避 pair of a module, by station: overridden (with the reason) or not."""

    module_code: str
    station: str
    judge_code: str
    overridden: bool
    reason: str = ""
    granted_by: str = ""


class CheckinServices:
    """检录 states and 回避 overrides."""

    def __init__(self, ctx: ServiceContext, q: Queries) -> None:
        self.ctx = ctx
        self.q = q

    def checkin(self, actor: Actor, station: str, module_code: str, state: str, note: str = "") -> None:
        """Record the 检录 state of the contestant at ``station`` of the module: present, absent (缺考), withdrew
        (弃权) or disqualified (取消资格). Recorded again, the new state replaces the old (the chain keeps both).
        A contestant not present leaves the module's marking lists, progress counts and sign-off quorum."""
        self.ctx.require(actor, "登记检录", Role.ORGANISER, Role.CHIEF)
        if state not in CHECKIN_STATES:
            choices = listing(
                Msg("checkin.choice", state=k, label=Msg(f"conflicts.checkin.{k}")) for k in CHECKIN_STATES
            )
            raise InvalidState(Msg("checkin.unknown_state", state=state, choices=choices))
        with self.ctx.write(
            actor, "checkin", {"module": module_code, "station": station, "state": state, "note": note}
        ) as s:
            self._record_checkin(s, actor, self.q.module(s, module_code), station, state, note)

    def import_checkins(self, actor: Actor, records: Sequence[tuple[str, str, str, str]]) -> int:
        """A 检录表 at once: (station, module code, state, note) per row, all or nothing, one audit event. A
        station typed without its leading zeros (``7`` for ``007``) is found. Returns the rows recorded."""
        self.ctx.require(actor, "登记检录", Role.ORGANISER, Role.CHIEF)
        bad = sorted({state for _, _, state, _ in records if state not in CHECKIN_STATES})
        if bad:
            raise InvalidState(Msg("checkin.unknown_states", states=listing(bad)))
        with self.ctx.write(actor, "import_checkins", {"rows": len(records)}) as s:
            mods: dict[str, ModuleRow] = {}
            for station, module_code, state, note in records:
                m = mods.get(module_code) or mods.setdefault(module_code, self.q.module(s, module_code))
                typed = station.strip()
                if typed.isdigit():
                    typed = next(
                        (
                            st
                            for st, _ in self.q.module_stations(s, m)
                            if st.isdigit() and int(st) == int(typed)
                        ),
                        typed,
                    )
                self._record_checkin(s, actor, m, typed, state, note)
        return len(records)

    def _record_checkin(
        self, s: Session, actor: Actor, m: ModuleRow, station: str, state: str, note: str
    ) -> None:
        if m.signed_off_at is not None:
            raise InvalidState(Msg("checkin.signed_off", module=m.code))
        cid = self.q.station(s, m, station)
        row = s.get(CheckinRow, (m.id, cid))
        if row is None:
            row = CheckinRow(
                module_id=m.id or 0,
                contestant_id=cid,
                state=state,
                recorded_at=self.ctx.clock(),
                recorded_by=actor.code,
                note=note.strip(),
            )
        else:
            row.state, row.recorded_at, row.recorded_by = state, self.ctx.clock(), actor.code
            row.note = note.strip()
        s.add(row)

    def checkins(self, actor: Actor, module_code: str | None = None) -> list[CheckinView]:
        """Every recorded 检录 state (of one module, or all), by module and station."""
        self.ctx.require(actor, "查看检录", Role.ORGANISER, Role.CHIEF, Role.SUPERVISOR, Role.CLERK)
        with self.ctx.read() as s:
            field = self.q.field(s)
            out = []
            for m in self._contest_modules(s):
                if module_code and m.code != module_code:
                    continue
                for r in s.exec(select(CheckinRow).where(CheckinRow.module_id == m.id)).all():
                    out.append(
                        CheckinView(
                            m.code,
                            field.station(r.contestant_id, m.code),
                            r.state,
                            r.recorded_at,
                            r.recorded_by,
                            r.note,
                        )
                    )
            return sorted(out, key=lambda v: (v.module_code, v.station))

    def avoid_override(
        self, actor: Actor, station: str, module_code: str, judge_code: str, reason: str
    ) -> None:
        """The chief judge lets ``judge_code`` mark the contestant at ``station`` despite 回避, for a reason that is
        logged and printed on the contestant's score sheet."""
        self.ctx.require(actor, "回避例外", Role.CHIEF)
        if not reason.strip():
            raise InvalidState(Msg("checkin.override_reason"))
        with self.ctx.write(
            actor,
            "avoid_override",
            {"module": module_code, "station": station, "judge": judge_code, "reason": reason.strip()},
        ) as s:
            m = self.q.module(s, module_code)
            cid = self.q.station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            if j is None or j.id is None:
                raise NotFound(Msg("core.no_judge", judge=judge_code))
            if (j.id, cid) not in avoided_pairs(s, m.id or 0, judge_id=j.id, contestant_id=cid):
                raise InvalidState(
                    Msg("checkin.no_recusal", judge=judge_code, module=module_code, station=station)
                )
            s.add(
                AvoidOverrideRow(
                    module_id=m.id or 0,
                    judge_id=j.id,
                    contestant_id=cid,
                    reason=reason.strip(),
                    granted_at=self.ctx.clock(),
                    granted_by=actor.code,
                )
            )

    def avoidances(self, actor: Actor, module_code: str | None = None) -> list[AvoidView]:
        """Every 回避 pair (of one module, or all) by station and judge, overridden ones with their reason."""
        self.ctx.require(actor, "查看回避", Role.ORGANISER, Role.CHIEF, Role.SUPERVISOR)
        with self.ctx.read() as s:
            field = self.q.field(s)
            codes: dict[int, str] = dict(
                s.connection()
                .execute(select(JudgeRow.id, JudgeRow.code).where(JudgeRow.contest_id == self.ctx.contest_id))
                .all()
            )
            out = []
            for m in self._contest_modules(s):
                if module_code and m.code != module_code:
                    continue
                for jid, cid in avoided_pairs(s, m.id or 0):
                    out.append(AvoidView(m.code, field.station(cid, m.code), codes[jid], False))
                for o in s.exec(select(AvoidOverrideRow).where(AvoidOverrideRow.module_id == m.id)).all():
                    out.append(
                        AvoidView(
                            m.code,
                            field.station(o.contestant_id, m.code),
                            codes[o.judge_id],
                            True,
                            o.reason,
                            o.granted_by,
                        )
                    )
            return sorted(out, key=lambda v: (v.module_code, v.station, v.judge_code))

    def _contest_modules(self, s: Session) -> Sequence[ModuleRow]:
        return s.exec(
            select(ModuleRow)
            .where(ModuleRow.contest_id == self.ctx.contest_id)
            .order_by(col(ModuleRow.position))
        ).all()
