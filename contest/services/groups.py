"""Judge groups and sessions (评分分组与场次): putting judges in groups, planning or importing a module's 场次, and
reading the schedule and the groups' fairness figures.

Owns the writes of :class:`~contest.store.tables.SessionRow` and of an assignment's group, each one audited action.
A module is marked by judge groups as soon as one of its marking judges has a group; from then on a judge marks
only the stations of their group's sessions — the lists, refusals, quorums and panel sizes that enforce it read
:mod:`contest.services.conflicts`. A module's sessions may be planned or replaced only before its first sheet: moving
a station to another group afterwards would change whose marks make its panel.

Sessions name stations (二次加密), never contestants: the schedule is printed and posted at the venue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import ContestError, InvalidState, NotFound
from contest.i18n import Msg
from contest.intake_bridge import typed_station
from contest.printing.pages import GroupFairnessDocData, ScheduleDocData, SessionLine
from contest.services.calibration_sheets import calibration_sheets
from contest.services.conflicts import judge_groups
from contest.services.core import listing
from contest.services.documents import DocumentServices
from contest.services.group_figures import fairness_of, group_members
from contest.services.grouping import apply_group, clean_group, group_key
from contest.services.views import Actor, Role
from contest.store.tables import (
    AssignmentRow,
    ContestRow,
    JudgeRow,
    ModuleRow,
    ModuleStationRow,
    SessionRow,
    SheetRow,
)
from scoresheets.groups import GroupFairness, plan_sessions

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

TIME_FORMAT = "%Y-%m-%d %H:%M"
"""How session times are typed and printed (local time of the venue)."""


@dataclass(frozen=True)
class SessionIn:
    """One 场次 as planned or imported: stations in order."""

    number: int
    group: str
    stations: tuple[str, ...]
    starts: str = ""
    ends: str = ""
    track: str = ""


@dataclass(frozen=True)
class SessionView:
    """One 场次 of a module with its group's judges (codes)."""

    module_code: str
    number: int
    group: str
    stations: tuple[str, ...]
    starts: str
    ends: str
    track: str
    judges: tuple[str, ...]


def _times(start: str, minutes: int, gap: int, round_no: int) -> tuple[str, str]:
    if not start:
        return "", ""
    try:
        t0 = datetime.strptime(start.strip(), TIME_FORMAT)  # noqa: DTZ007 — the venue's wall clock, as printed
    except ValueError as exc:
        raise ContestError(Msg("groups.start_format", start=repr(start))) from exc
    t = t0 + timedelta(minutes=(round_no - 1) * (minutes + gap))
    return t.strftime(TIME_FORMAT), (t + timedelta(minutes=minutes)).strftime(TIME_FORMAT) if minutes else ""


class GroupServices:
    """What the organiser does with judge groups and sessions, and what the chief judge reads of them."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, chief: ChiefServices, documents: DocumentServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.documents = documents

    def set_group(self, actor: Actor, judge_code: str, module_code: str, group: str) -> None:
        """Put a marking judge of a module in a judge group (``""``: no group). Refused once the judge has a sheet
        in the module: their marks would move to another group's panels."""
        self.ctx.require(actor, "设置评分组", Role.ORGANISER)
        with self.ctx.write(
            actor, "set_group", {"judge": judge_code, "module": module_code, "group": group}
        ) as s:
            m = self.q.module(s, module_code)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            if j is None:
                raise NotFound(Msg("core.no_judge", judge=judge_code))
            a = s.get(AssignmentRow, (j.id, m.id))
            if a is None:
                raise NotFound(Msg("groups.not_assigned", judge=judge_code, module=module_code))
            apply_group(s, a, judge_code, module_code, group)

    def plan_schedule(
        self,
        actor: Actor,
        module_code: str,
        per_session: int,
        *,
        start: str = "",
        minutes: int = 0,
        gap: int = 0,
        tracks: Sequence[str] = (),
    ) -> list[SessionView]:
        """Cut the module's drawn stations into 场次 of at most ``per_session`` and give them to its judge groups in
        turn (:func:`scoresheets.groups.plan_sessions`). With ``start`` (``2026-12-10 08:30``) and ``minutes``,
        each round of sessions starts ``minutes + gap`` after the previous; ``tracks`` names the 赛道 of each
        group in group order (sessions of one round run side by side)."""
        self.ctx.require(actor, "编排场次", Role.ORGANISER)
        if per_session < 1:
            raise ContestError(Msg("groups.per_session"))
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            groups = self._groups_of(s, m)
            stations = [
                st
                for (st,) in s.connection().execute(
                    select(ModuleStationRow.station).where(ModuleStationRow.module_id == m.id)
                )
            ]
        if len(tracks) not in (0, len(groups)):
            raise ContestError(Msg("groups.tracks", tracks=len(tracks), groups=len(groups)))
        plan = plan_sessions(stations, groups, per_session)
        sessions = []
        for p in plan:
            starts, ends = _times(start, minutes, gap, p.round)
            track = tracks[groups.index(p.group)].strip() if tracks else ""
            sessions.append(SessionIn(p.number, p.group, p.stations, starts, ends, track))
        return self.set_schedule(actor, module_code, sessions, source="plan")

    def set_schedule(
        self, actor: Actor, module_code: str, sessions: Sequence[SessionIn], *, source: str = "import"
    ) -> list[SessionView]:
        """Replace the module's 场次 with ``sessions`` (planned, or imported from the organiser's workbook). Every
        drawn station of the module must be in exactly one session, every session's group must have judges, and
        no sheet of the module may exist yet."""
        self.ctx.require(actor, "编排场次", Role.ORGANISER)
        details = {
            "module": module_code,
            "source": source,
            "sessions": [
                [x.number, x.group, ",".join(x.stations), x.starts, x.ends, x.track] for x in sessions
            ],
        }
        with self.ctx.write(actor, "set_schedule", details) as s:
            m = self.q.module(s, module_code)
            groups = self._groups_of(s, m)
            contest = s.get(ContestRow, self.ctx.contest_id)
            if contest is None or contest.drawn_at is None:
                raise InvalidState(Msg("groups.draw_first"))
            if s.exec(select(SheetRow.id).where(SheetRow.module_id == m.id)).first() is not None:
                raise InvalidState(Msg("groups.has_sheets", module=module_code))
            drawn = {
                st
                for (st,) in s.connection().execute(
                    select(ModuleStationRow.station).where(ModuleStationRow.module_id == m.id)
                )
            }
            self._check_sessions(module_code, sessions, groups, drawn)
            for old in s.exec(select(SessionRow).where(SessionRow.module_id == m.id)).all():
                s.delete(old)
            s.flush()
            for x in sessions:
                s.add(
                    SessionRow(
                        module_id=m.id or 0,
                        number=x.number,
                        judge_group=clean_group(x.group),
                        stations=",".join(typed_station(st) for st in x.stations),
                        starts=x.starts.strip(),
                        ends=x.ends.strip(),
                        track=x.track.strip(),
                    )
                )
        return self.schedule(actor, module_code)

    def schedule(self, actor: Actor, module_code: str | None = None) -> list[SessionView]:
        """The 场次 of one module (or all), in module and session order, with each group's judges."""
        self.ctx.require(actor, "查看场次", Role.ORGANISER, Role.CHIEF, Role.SUPERVISOR, Role.CLERK)
        with self.ctx.read() as s:
            out: list[SessionView] = []
            for m in s.exec(
                select(ModuleRow)
                .where(ModuleRow.contest_id == self.ctx.contest_id)
                .order_by(col(ModuleRow.position))
            ).all():
                if module_code and m.code != module_code:
                    continue
                members = group_members(s, m.id or 0) or {}
                for row in s.exec(
                    select(SessionRow).where(SessionRow.module_id == m.id).order_by(col(SessionRow.number))
                ).all():
                    out.append(
                        SessionView(
                            m.code,
                            row.number,
                            row.judge_group,
                            tuple(filter(None, row.stations.split(","))),
                            row.starts,
                            row.ends,
                            row.track,
                            tuple(members.get(row.judge_group, ())),
                        )
                    )
            if module_code and not out:
                self.q.module(s, module_code)  # an unknown module is refused, not shown as empty
            return out

    def group_fairness(self, actor: Actor, module_code: str) -> GroupFairness | None:
        """分组评分宽严对照: each judge group against the others (None when the module has one panel)."""
        self.ctx.require(actor, "分组宽严对照", Role.CHIEF, Role.SUPERVISOR)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            st, field = self.chief.compute(s)
            return fairness_of(s, cfg, m, st, field)

    def schedule_document(self, actor: Actor) -> ScheduleDocData:
        """赛程/场次安排表 for printing (organiser, chief judge, supervisor): stations only, so it can be posted.
        Refused while no module has sessions; the printing is logged."""
        sessions = self.schedule(actor)
        if not sessions:
            raise InvalidState(Msg("groups.no_sessions"))
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self.documents.header(s, actor, "场次安排表", None, needs_final=False)
        codes = list(dict.fromkeys(v.module_code for v in sessions))
        data = ScheduleDocData(
            header=header,
            modules=tuple((c, cfg.module(c).rubric.title.zh) for c in codes),
            sessions=tuple(
                SessionLine(v.module_code, v.number, v.group, v.starts, v.ends, v.track, v.stations)
                for v in sessions
            ),
        )
        self.documents.log_print(actor, "场次安排表", header, len(sessions))
        return data

    def group_fairness_document(self, actor: Actor, module_code: str) -> GroupFairnessDocData:
        """分组评分宽严对照表 for printing (chief judge, supervisor); the printing is logged."""
        fairness = self.group_fairness(actor, module_code)
        if fairness is None:
            raise InvalidState(Msg("groups.no_groups", module=module_code))
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            header = self.documents.header(s, actor, "分组评分宽严对照表", None, needs_final=False)
            names = {
                j.code: j.name
                for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            }
            calibrated = any(calibration_sheets(s, m.id or 0).values())
        data = GroupFairnessDocData(
            header=header,
            module_code=m.code,
            module_title=self.ctx.config().module(m.code).rubric.title.zh,
            fairness=fairness,
            judges={c: names.get(c, "") for g in fairness.groups for c in g.judges},
            calibrated=calibrated,
            signed_off=m.signed_off_at is not None,
            signoff_note=m.signoff_note,
        )
        self.documents.log_print(actor, "分组评分宽严对照表", header, len(fairness.groups))
        return data

    # -- shared ------------------------------------------------------------------------------------------------
    def _groups_of(self, s: Session, m: ModuleRow) -> list[str]:
        """The module's judge groups in natural order; refused when it has none or a marking judge has none."""
        groups = judge_groups(s, m.id or 0)
        if groups is None:
            raise InvalidState(Msg("groups.no_groups_set", module=m.code))
        loose = sorted(code for jid, g in groups.items() if not g for code in [s.get_one(JudgeRow, jid).code])
        if loose:
            raise InvalidState(Msg("groups.judges_without_group", module=m.code, judges=listing(loose)))
        return sorted(set(groups.values()), key=group_key)

    @staticmethod
    def _check_sessions(
        module_code: str, sessions: Sequence[SessionIn], groups: Sequence[str], drawn: set[str]
    ) -> None:
        problems: list[Msg] = []
        seen: dict[str, int] = {}
        numbers: set[int] = set()
        for x in sessions:
            where = Msg("groups.session", number=x.number)
            if x.number < 1 or x.number in numbers:
                problems.append(Msg("groups.session_number", where=where))
            numbers.add(x.number)
            if clean_group(x.group) not in groups:
                problems.append(
                    Msg("groups.group_no_judges", where=where, group=repr(x.group), groups=listing(groups))
                )
            if not x.stations:
                problems.append(Msg("groups.session_empty", where=where))
            for raw in x.stations:
                st = typed_station(raw)
                if st not in drawn:
                    problems.append(Msg("groups.no_station", where=where, module=module_code, station=st))
                elif st in seen:
                    problems.append(Msg("groups.station_twice", where=where, station=st, other=seen[st]))
                else:
                    seen[st] = x.number
        left = sorted(drawn - set(seen))
        if left:
            problems.append(Msg("groups.stations_left", stations=listing(left)))
        if problems:
            raise ContestError(Msg("groups.schedule_problems", problems=listing(problems, "core.sentences")))
