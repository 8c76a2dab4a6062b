"""Shared queries: the reads and checks several services make inside their transactions (a module by code, a
station's contestant, the drawn field, whether a judge may mark a sheet, ...). Owns no transaction and writes no
audit event: each method runs inside the caller's session. Services reach it as ``self.q``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from contest.errors import InvalidState, NotFound
from contest.i18n import Msg
from contest.intake_bridge import typed_station
from contest.services.conflicts import not_marked, pair_gate, station_groups
from contest.services.core import ServiceContext
from contest.services.marking import DrawnField, calibration_closed
from contest.services.views import Actor, Role, SheetView
from contest.store.tables import (
    AssignmentRow,
    ContestantRow,
    ContestRow,
    JudgeRow,
    ModuleRow,
    ModuleStationRow,
    SheetRow,
)
from scoresheets.arithmetic import score_sheet
from scoresheets.model import ItemEntry, JudgeSheet

# the statements every write runs inside the write lock, built once (building one costs more than running it)
_MODULE = select(ModuleRow).where(
    ModuleRow.contest_id == bindparam("contest_id"), ModuleRow.code == bindparam("code")
)
_STATION = (
    select(ModuleStationRow.contestant_id)
    .join(ContestantRow, col(ContestantRow.id) == ModuleStationRow.contestant_id)
    .where(
        ModuleStationRow.module_id == bindparam("module_id"),
        ModuleStationRow.station == bindparam("station"),
        ContestantRow.withdrawn == False,  # noqa: E712
    )
)


class Queries:
    """The shared queries of one contest's services, bound to their :class:`ServiceContext`."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def module(self, s: Session, code: str) -> ModuleRow:
        m = s.exec(_MODULE, params={"contest_id": self.ctx.contest_id, "code": code}).first()
        if m is None:
            raise NotFound(Msg("core.no_module", module=code))
        return m

    def check_assigned(self, s: Session, actor: Actor, module: ModuleRow) -> None:
        if actor.judge_id is None or not actor.has(Role.MARKING):
            raise self.ctx.deny(actor, "评分", Msg("queries.marking_judges_only"))
        if s.get(AssignmentRow, (actor.judge_id, module.id)) is None:
            raise self.ctx.deny(
                actor,
                "评分",
                Msg("queries.not_assigned", module=module.code),
            )

    def station(self, s: Session, module: ModuleRow, station: str) -> int:
        """The id of the contestant at ``station`` in ``module``; a station of another module is not found.
        The station may be typed in any digits (``Ａ－０７``, ``A-٠٧``): it is looked up as ``A-07``."""
        station = typed_station(station)
        cid = s.exec(_STATION, params={"module_id": module.id, "station": station}).first()
        if cid is None:
            contest = s.get(ContestRow, self.ctx.contest_id)
            if contest is not None and contest.drawn_at is None:
                raise InvalidState(Msg("queries.not_drawn"))
            raise NotFound(Msg("queries.no_station", module=module.code, station=station))
        return cid

    def module_stations(self, s: Session, module: ModuleRow) -> list[tuple[str, int]]:
        """(station, contestant id) of every drawn contestant not withdrawn, in ``module``, by station."""
        rows = s.exec(
            select(ModuleStationRow.station, ModuleStationRow.contestant_id)
            .join(ContestantRow, col(ContestantRow.id) == ModuleStationRow.contestant_id)
            .where(ModuleStationRow.module_id == module.id, ContestantRow.withdrawn == False)  # noqa: E712
            .order_by(col(ModuleStationRow.station))
        ).all()
        return [(st, cid) for st, cid in rows]

    def marked_stations(self, s: Session, module: ModuleRow) -> list[tuple[str, int]]:
        """:meth:`_module_stations` without the contestants checked in as absent, withdrawn or disqualified
        (检录): the stations that are marked."""
        gone = not_marked(s, module.id or 0)
        return [(st, cid) for st, cid in self.module_stations(s, module) if cid not in gone]

    def check_markable(
        self,
        s: Session,
        actor: Actor,
        module: ModuleRow,
        station: str,
        cid: int,
        judge: JudgeRow | None = None,
    ) -> None:
        """Refused when the contestant is off the marking list (检录: absent, withdrawn, disqualified), and refused
        and logged when the judge (``judge``, a clerk keying that judge's paper sheet; default the actor) is in 回避 for the contestant. The station is
        named, never the contestant or the unit."""
        if module.code in self.ctx.config(s).calibration_required and not calibration_closed(
            s, module.id or 0
        ):
            raise InvalidState(Msg("queries.calibrate_first", module=module.code))
        jid = actor.judge_id if judge is None else judge.id
        gate = pair_gate(s, module.id or 0, jid or 0, cid)
        state = gate.checkin
        if state != "present":
            raise InvalidState(
                Msg(
                    "queries.checked_in_as",
                    module=module.code,
                    station=station,
                    state=Msg(f"conflicts.checkin.{state}"),
                )
            )
        if gate.off_group:
            planned = station_groups(s, module.id or 0).get(station)
            if planned is None:
                raise InvalidState(Msg("queries.station_unplanned", module=module.code, station=station))
            raise self.ctx.deny(
                actor,
                "录入纸质评分表" if judge is not None else "评分",
                Msg(
                    "queries.other_group_judge",
                    station=station,
                    session=planned[0],
                    group=planned[1],
                    judge=judge.code,
                )
                if judge is not None
                else Msg("queries.other_group", station=station, session=planned[0], group=planned[1]),
            )
        if gate.avoided:
            if judge is not None:
                raise self.ctx.deny(
                    actor,
                    "录入纸质评分表",
                    Msg("queries.recusal_judge", judge=judge.code, module=module.code, station=station),
                )
            raise self.ctx.deny(actor, "评分", Msg("queries.recusal", module=module.code, station=station))

    def field(self, s: Session) -> DrawnField:
        """Every drawn contestant (not withdrawn) with their station in each module."""
        mods = s.exec(
            select(ModuleRow)
            .where(ModuleRow.contest_id == self.ctx.contest_id)
            .order_by(col(ModuleRow.position))
        ).all()
        code = {m.id: m.code for m in mods}
        stations: dict[int, dict[str, str]] = {}
        for mid, cid, st in s.exec(
            select(
                ModuleStationRow.module_id, ModuleStationRow.contestant_id, ModuleStationRow.station
            ).where(col(ModuleStationRow.module_id).in_(list(code)))
        ).all():
            stations.setdefault(cid, {})[code[mid]] = st
        codes = tuple(m.code for m in mods)
        people = [
            p
            for p in s.exec(
                select(ContestantRow).where(
                    ContestantRow.contest_id == self.ctx.contest_id,
                    ContestantRow.withdrawn == False,  # noqa: E712
                )
            ).all()
            if p.id in stations
        ]
        first = codes[0] if codes else ""

        def order(p: ContestantRow) -> tuple[str, str]:
            mine = stations[p.id or 0]
            return (mine.get(first, ""), min(mine.values()))

        people.sort(key=order)
        return DrawnField(tuple(people), stations, codes, self.ctx.config(s).draw_scope)

    def sheet_view(
        self,
        s: Session,
        module: ModuleRow,
        station: str,
        judge_code: str,
        sh: Any,
        entries: dict[str, ItemEntry],
        calibration: bool = False,
    ) -> SheetView:
        """The view of a sheet row (live or calibration; ``None`` before anything is entered) and its entries."""
        rubric = self.ctx.config(s).module(module.code).rubric
        sheet = JudgeSheet(
            judge_code,
            station,
            tuple(entries.values()),
            sh.veto_code if sh else None,
            sh.seconds_used if sh else None,
        )
        res = score_sheet(rubric, sheet, require_complete=False, rounding=self.ctx.config(s).rounding)
        return SheetView(
            module_code=module.code,
            station=station,
            judge_code=judge_code,
            rubric=rubric,
            state=sh.state if sh else "none",
            version=sh.version if sh else 0,
            entries=entries,
            item_scores=res.item_scores,
            items_total=res.items_total,
            overtime_deduction=res.overtime_deduction,
            total=res.total_after_veto,
            seconds_used=sh.seconds_used if sh else None,
            veto=sh.veto_code if sh else None,
            comment=sh.comment if sh else "",
            return_reason=getattr(sh, "return_reason", "") if sh else "",
            calibration=calibration,
        )

    def touch(self, sh: SheetRow, actor: Actor) -> None:
        sh.version += 1
        sh.updated_at = self.ctx.clock()
        sh.updated_by = actor.code

    def decrypted(self, s: Session) -> bool:
        c = s.get(ContestRow, self.ctx.contest_id)
        return bool(c and c.decrypted_at)
