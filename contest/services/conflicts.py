"""Who may not mark whom, and who is not there: the 回避 pairs, the judge groups and the 检录 states of a module,
read from the store.

Owns three questions every list, quorum and refusal asks: which (judge, contestant) pairs of a module are in 回避
(a marking judge whose 工作单位 is the contestant's, compared as typed in different files, unless the chief judge
granted an override), which pairs are outside each other's judge group (评分分组: a judge marks only the stations
of their group's 场次), and which contestants of a module were checked in as absent, withdrawn or disqualified.
Nothing here writes; :mod:`contest.services.checkin` records states and overrides, :mod:`contest.services.groups`
groups and sessions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from contest.i18n import Joined, Msg
from contest.store.tables import (
    AssignmentRow,
    AvoidOverrideRow,
    CheckinRow,
    ContestantRow,
    JudgeRow,
    ModuleRow,
    ModuleStationRow,
    SessionRow,
)
from contest.texts.services import TEXT as SERVICE_TEXT

CHECKIN_STATES = ("present", "absent", "withdrew", "disqualified")
"""检录 states; every state but ``present`` takes the contestant off the module's marking lists."""

CHECKIN_LABELS: dict[str, tuple[str, str]] = {
    state: SERVICE_TEXT[f"conflicts.checkin.{state}"] for state in CHECKIN_STATES
}
"""检录 state → (中文, English) label, from the catalogue (``conflicts.checkin.<state>``)."""


def unit_key(unit: str) -> str:
    """A unit as compared for 回避: NFKC, no whitespace, case-folded (``蓬江区 社会福利院`` = ``蓬江区社会福利院``)."""
    return "".join(unicodedata.normalize("NFKC", unit or "").split()).casefold()


def judge_groups(session: Session, module_id: int, *, judge_id: int | None = None) -> dict[int, str] | None:
    """Judge id → 评分组 of every marking judge of the module when the module is marked by judge groups (a judge
    with no group then marks nothing: ``""``); None when the module has one panel. With ``judge_id`` the map
    holds that judge and the grouped judges only (what one write needs to know, without reading every
    assignment of the module inside the write lock)."""
    stmt = (
        select(AssignmentRow.judge_id, AssignmentRow.judge_group, JudgeRow.roles)
        .join(JudgeRow, col(JudgeRow.id) == AssignmentRow.judge_id)
        .where(AssignmentRow.module_id == module_id)
    )
    if judge_id is not None:
        stmt = stmt.where(or_(col(AssignmentRow.judge_group) != "", col(AssignmentRow.judge_id) == judge_id))
    rows = session.exec(stmt).all()
    marking = [(jid, group) for jid, group, roles in rows if "marking" in roles.split(",")]
    if not any(group for _, group in marking):
        return None
    return {jid: group or "" for jid, group in marking}


def station_groups(session: Session, module_id: int) -> dict[str, tuple[int, str]]:
    """Station → (场次 number, judge group) from the module's sessions (empty when none are planned)."""
    out: dict[str, tuple[int, str]] = {}
    for row in session.exec(select(SessionRow).where(SessionRow.module_id == module_id)).all():
        for station in filter(None, row.stations.split(",")):
            out[station] = (row.number, row.judge_group)
    return out


def off_group_pairs(
    session: Session, module_id: int, *, judge_id: int | None = None, contestant_id: int | None = None
) -> set[tuple[int, int]]:
    """(judge id, contestant id) pairs of a grouped module where the contestant's station is not in a 场次 of
    the judge's group (a station in no session is nobody's yet); empty for a module with one panel. ``judge_id``
    and ``contestant_id`` keep only that judge's or contestant's pairs (one write checks one pair: it need not
    read the whole module)."""
    groups = judge_groups(session, module_id, judge_id=judge_id)
    if groups is None:
        return set()
    if judge_id is not None:
        groups = {jid: g for jid, g in groups.items() if jid == judge_id}
    planned = station_groups(session, module_id)
    out: set[tuple[int, int]] = set()
    stations = select(ModuleStationRow.station, ModuleStationRow.contestant_id).where(
        ModuleStationRow.module_id == module_id
    )
    if contestant_id is not None:
        stations = stations.where(ModuleStationRow.contestant_id == contestant_id)
    for station, cid in session.exec(stations).all():
        group = planned.get(station, (0, None))[1]
        out.update((jid, cid) for jid, g in groups.items() if not g or g != group)
    return out


def excluded_pairs(session: Session, module_id: int, *, judge_id: int | None = None) -> set[tuple[int, int]]:
    """Every (judge id, contestant id) pair of the module that is not marked: 回避 and other groups' stations
    (only ``judge_id``'s pairs when given)."""
    return avoided_pairs(session, module_id, judge_id=judge_id) | off_group_pairs(
        session, module_id, judge_id=judge_id
    )


def avoided_pairs(
    session: Session,
    module_id: int,
    *,
    overridden: bool = False,
    judge_id: int | None = None,
    contestant_id: int | None = None,
) -> set[tuple[int, int]]:
    """(judge id, contestant id) of every marking judge of the module and contestant with a station in it who
    share a unit, minus the pairs the chief judge overrode (``overridden=True``: only those). In a module with
    judge groups only pairs within a group count: a judge never marks another group's stations anyway."""
    assigned = (
        select(JudgeRow)
        .join(AssignmentRow, col(AssignmentRow.judge_id) == JudgeRow.id)
        .where(AssignmentRow.module_id == module_id)
    )
    if judge_id is not None:
        assigned = assigned.where(JudgeRow.id == judge_id)
    judges = {
        j.id: unit_key(j.unit)
        for j in session.exec(assigned).all()
        if "marking" in j.roles and unit_key(j.unit)
    }
    if not judges:
        return set()
    stationed = (
        select(ContestantRow.id, ContestantRow.unit)
        .join(ModuleStationRow, col(ModuleStationRow.contestant_id) == ContestantRow.id)
        .where(ModuleStationRow.module_id == module_id)
    )
    if contestant_id is not None:
        stationed = stationed.where(ContestantRow.id == contestant_id)
    people = session.exec(stationed).all()
    pairs = {
        (jid or 0, cid or 0)
        for cid, unit in people
        if (key := unit_key(unit))
        for jid, junit in judges.items()
        if junit == key
    }
    overrides = select(AvoidOverrideRow).where(AvoidOverrideRow.module_id == module_id)
    if judge_id is not None:
        overrides = overrides.where(AvoidOverrideRow.judge_id == judge_id)
    if contestant_id is not None:
        overrides = overrides.where(AvoidOverrideRow.contestant_id == contestant_id)
    granted = {(o.judge_id, o.contestant_id) for o in session.exec(overrides).all()}
    pairs -= off_group_pairs(session, module_id, judge_id=judge_id, contestant_id=contestant_id)
    return pairs & granted if overridden else pairs - granted


def is_avoided(session: Session, module_id: int, judge_id: int, contestant_id: int) -> bool:
    """Whether this judge is in 回避 for this contestant in this module (no override)."""
    return (judge_id, contestant_id) in avoided_pairs(
        session, module_id, judge_id=judge_id, contestant_id=contestant_id
    )


@dataclass(frozen=True)
class PairGate:
    """What one write needs to know about one (judge, contestant) pair of a module: the contestant's 检录 state,
    whether the contestant's station is outside the judge's group's 场次, whether the pair is in 回避."""

    checkin: str
    """The recorded 检录 state (``present`` when none is recorded)."""
    off_group: bool
    """The pair is in :func:`off_group_pairs`."""
    avoided: bool
    """The pair is in :func:`avoided_pairs` (no override)."""


_PERSON = (
    sa_select(
        col(ModuleStationRow.station),
        col(ContestantRow.unit),
        col(CheckinRow.state),
        col(AvoidOverrideRow.judge_id),
    )
    .select_from(ContestantRow)
    .outerjoin(
        ModuleStationRow,
        and_(
            col(ModuleStationRow.contestant_id) == ContestantRow.id,
            col(ModuleStationRow.module_id) == bindparam("module_id"),
        ),
    )
    .outerjoin(
        CheckinRow,
        and_(
            col(CheckinRow.contestant_id) == ContestantRow.id,
            col(CheckinRow.module_id) == bindparam("module_id"),
        ),
    )
    .outerjoin(
        AvoidOverrideRow,
        and_(
            col(AvoidOverrideRow.contestant_id) == ContestantRow.id,
            col(AvoidOverrideRow.module_id) == bindparam("module_id"),
            col(AvoidOverrideRow.judge_id) == bindparam("judge_id"),
        ),
    )
    .where(col(ContestantRow.id) == bindparam("contestant_id"))
)
"""One contestant's station, unit, 检录 state and 回避 override for one judge in one module (built once: a write
runs it inside the write lock, and building a statement costs more than running it)."""

_ASSIGNED = (
    sa_select(
        col(AssignmentRow.judge_id),
        col(AssignmentRow.judge_group),
        col(JudgeRow.roles),
        col(JudgeRow.unit),
    )
    .join(JudgeRow, col(JudgeRow.id) == AssignmentRow.judge_id)
    .where(
        col(AssignmentRow.module_id) == bindparam("module_id"),
        or_(col(AssignmentRow.judge_group) != "", col(AssignmentRow.judge_id) == bindparam("judge_id")),
    )
)
"""The module's judges who are in a group, and one judge (built once, like :data:`_PERSON`)."""


def pair_gate(session: Session, module_id: int, judge_id: int, contestant_id: int) -> PairGate:
    """The answers of :func:`checkin_states`, :func:`off_group_pairs` and :func:`avoided_pairs` for one pair, in
    two statements (three in a module marked by judge groups) instead of seven: a write asks them inside the
    write lock, where every statement keeps the other judges waiting. ``tests/db/test_groups.py`` holds it to
    the whole-module answers for every pair."""
    conn = session.connection()
    ids = {"module_id": module_id, "judge_id": judge_id, "contestant_id": contestant_id}
    person = conn.execute(_PERSON, ids).first()
    assigned = conn.execute(_ASSIGNED, ids).all()
    station, unit, state, granted = person if person is not None else (None, "", None, None)
    mine = next((r for r in assigned if r[0] == judge_id), None)
    # off_group_pairs: only in a module where some marking judge has a group, for a marking judge
    grouped = any(group for _, group, roles, _ in assigned if "marking" in roles.split(","))
    off = False
    if grouped and station is not None and mine is not None and "marking" in mine[2].split(","):
        group = mine[1] or ""
        off = not group or group != station_groups(session, module_id).get(station, (0, None))[1]
    # avoided_pairs: a marking judge of the module and a contestant with a station in it who share a unit,
    # not in another group, not overridden
    avoided = (
        mine is not None
        and "marking" in mine[2]
        and station is not None
        and bool(key := unit_key(mine[3]))
        and unit_key(unit) == key
        and not off
        and granted is None
    )
    return PairGate(state or "present", off, avoided)


def checkin_states(session: Session, module_id: int, *, contestant_id: int | None = None) -> dict[int, str]:
    """Contestant id → recorded 检录 state in the module (contestants never recorded are left out); only
    ``contestant_id``'s when given."""
    stmt = select(CheckinRow).where(CheckinRow.module_id == module_id)
    if contestant_id is not None:
        stmt = stmt.where(CheckinRow.contestant_id == contestant_id)
    return {r.contestant_id: r.state for r in session.exec(stmt).all()}


def not_marked(session: Session, module_id: int) -> set[int]:
    """Contestants of the module checked in as absent, withdrawn or disqualified: off every marking list."""
    return {cid for cid, state in checkin_states(session, module_id).items() if state != "present"}


def override_notes(session: Session, contest_id: int) -> dict[tuple[str, int], tuple[str, ...]]:
    """(module code, contestant id) → the 回避 exceptions the chief judge granted for that contestant in that
    module, worded for the score sheet's notes."""
    modules: dict[int, str] = dict(
        session.connection()
        .execute(select(ModuleRow.id, ModuleRow.code).where(ModuleRow.contest_id == contest_id))
        .all()
    )
    codes: dict[int, str] = dict(session.connection().execute(select(JudgeRow.id, JudgeRow.code)).all())
    out: dict[tuple[str, int], tuple[str, ...]] = {}
    for o in session.exec(
        select(AvoidOverrideRow).where(col(AvoidOverrideRow.module_id).in_(list(modules)))
    ).all():
        key = (modules[o.module_id], o.contestant_id)
        out[key] = (
            *out.get(key, ()),
            f"回避例外：裁判 {codes.get(o.judge_id, '')} 经裁判长 {o.granted_by} 批准评分，理由：{o.reason}",
        )
    return out


def contest_checkins(session: Session, contest_id: int) -> dict[int, dict[str, str]]:
    """Contestant id → module code → 检录 state, for every state but ``present`` (in module order)."""
    modules: dict[int, str] = dict(
        session.connection()
        .execute(
            select(ModuleRow.id, ModuleRow.code)
            .where(ModuleRow.contest_id == contest_id)
            .order_by(col(ModuleRow.position))
        )
        .all()
    )
    rows = session.exec(select(CheckinRow).where(col(CheckinRow.module_id).in_(list(modules)))).all()
    out: dict[int, dict[str, str]] = {}
    for mid, code in modules.items():
        for r in rows:
            if r.module_id == mid and r.state != "present":
                out.setdefault(r.contestant_id, {})[code] = r.state
    return out


def checkin_verdict_msgs(states: dict[int, dict[str, str]]) -> tuple[dict[str, Msg], dict[str, Msg]]:
    """From :func:`contest_checkins`: (disqualified, barred) reasons by contestant id. 取消资格 at 检录 takes the
    contestant out of the ranking; 缺考 or 弃权 in a module keeps the rank (the module scores nothing) but gives
    no award."""
    disqualified: dict[str, Msg] = {}
    barred: dict[str, Msg] = {}
    for cid, per in states.items():
        dq = [code for code, state in per.items() if state == "disqualified"]
        if dq:
            disqualified[str(cid)] = Msg("conflicts.disqualified", modules=Joined(dq))
        gone = [
            Msg("conflicts.module_state", module=code, state=Msg(f"conflicts.checkin.{state}"))
            for code, state in per.items()
            if state != "disqualified"
        ]
        if gone:
            barred[str(cid)] = Msg("conflicts.barred", modules=Joined(gone))
    return disqualified, barred


def checkin_verdicts(states: dict[int, dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """:func:`checkin_verdict_msgs` as the scoring takes them: text, in Chinese (the scoring keeps a reason as it
    is given); readers see the messages, in their own language."""
    disqualified, barred = checkin_verdict_msgs(states)
    return (
        {cid: why.text("zh") for cid, why in disqualified.items()},
        {cid: why.text("zh") for cid, why in barred.items()},
    )
