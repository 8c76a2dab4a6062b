"""Marking-judge services: station lists, sheets, item-by-item draft marks (append-only), submission.

Every call takes and returns station numbers only, and always the stations of the module the call is about
(with ``[draw] scope = "module"`` a contestant has a different station in each module). A mark is durable the
moment the call returns.

Owns :class:`MarkingServices` (what a marking judge does) and the mark and sheet helpers other modules share
(:class:`DrawnField`, :func:`current_marks`, ...). The reads several services make inside their transactions (a
module by code, a station, may this judge mark this sheet) are in :mod:`contest.services.queries`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from contest import audit
from contest.errors import ContestError, InvalidState, NotFound, PermissionDenied, StaleWrite
from contest.i18n import Msg
from contest.services.conflicts import (
    avoided_pairs,
    excluded_pairs,
    judge_groups,
    off_group_pairs,
)
from contest.services.views import Actor, MySessions, SheetState, SheetView, StationStatus
from contest.services.wording import entry_refused
from contest.store.tables import (
    AssignmentRow,
    CalibrationRow,
    ContestantRow,
    MarkRow,
    ModuleRow,
    SessionRow,
    SheetRow,
)
from rubrics.model import ItemKind, ModuleRubric
from scoresheets.arithmetic import check_entry
from scoresheets.errors import EntryRefused, SheetIncomplete
from scoresheets.model import Applied, ItemEntry
from scoresheets.numbers import from_cents, to_cents
from scoresheets.typed import typed_score_refusal

if TYPE_CHECKING:
    from sqlalchemy.orm import Mapped

    from contest.config import ContestConfig
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

SHEET_ID = cast("Mapped[int]", col(SheetRow.id))
"""``sheet.id`` for Core selects, typed as it is in every stored row: never NULL (SQLModel types the primary key
``int | None`` only because a row not yet added has none)."""

EDITABLE = (SheetState.DRAFT, SheetState.RETURNED)

_SHEET = select(SheetRow).where(
    SheetRow.module_id == bindparam("module_id"),
    SheetRow.contestant_id == bindparam("contestant_id"),
    SheetRow.judge_id == bindparam("judge_id"),
)
"""One judge's sheet of one contestant in one module (built once: every write of a mark runs it in the write
lock, and building a statement costs more than running it)."""


def calibration_closed(s: Session, module_id: int) -> bool:
    """Whether a calibration round (评分标定) of the module has been closed: the live-marking gate of the
    ``[calibration] required`` modules (see :mod:`contest.services.calibration`)."""
    return (
        s.exec(
            select(CalibrationRow.id).where(
                CalibrationRow.module_id == module_id,
                CalibrationRow.closed_at != None,  # noqa: E711
            )
        ).first()
        is not None
    )


def encode_deductions(applied: tuple[Applied, ...]) -> str:
    """``A1-1*2,A1-3`` form of applied deductions."""
    return ",".join(a.code if a.count == 1 else f"{a.code}*{a.count}" for a in applied)


def decode_deductions(text: str) -> tuple[Applied, ...]:
    """Inverse of :func:`encode_deductions`."""
    out = []
    for part in filter(None, text.split(",")):
        code, _, n = part.partition("*")
        out.append(Applied(code, int(n) if n else 1))
    return tuple(out)


def mark_to_entry(m: Any) -> ItemEntry:
    """The entry a stored mark carries."""
    return ItemEntry(
        item_id=m.item_id,
        deductions=decode_deductions(m.deductions),
        level=m.level,
        score=None if m.score_cents is None else from_cents(m.score_cents),
    )


_WRITTEN = "contest_marks_written"
"""``session.info`` key: (table, sheet id) → item id → current mark, for the sheets whose marks this transaction
wrote (see :func:`remember_marks`)."""


def remember_marks(session: Session, table: type[Any], sheet_id: int, marks: dict[str, Any]) -> None:
    """Record a sheet's current marks as this transaction has just made them (a sheet it created has none; marks it
    appended supersede what it read under the write lock), so that reading them again in the same transaction —
    the sheet's view, its stored result — needs no statement. Only the mark writers of this module call it; a
    write transaction holds the write lock, so no other transaction changes these marks meanwhile."""
    session.info.setdefault(_WRITTEN, {})[(table, sheet_id)] = marks


def remembered(session: Session, table: type[Any] = MarkRow) -> set[int]:
    """The sheets whose current marks this transaction knows without reading them (see :func:`remember_marks`)."""
    return {sid for t, sid in session.info.get(_WRITTEN, {}) if t is table}


def current_marks(
    session: Session, sheet_ids: list[int], table: type[Any] = MarkRow
) -> dict[int, dict[str, Any]]:
    """The latest mark per (sheet, item), withdrawn ones removed: the derived current state (of live marks, or of
    calibration marks with ``table=CalibrationMarkRow``). Read-only rows with the table's columns as attributes
    (not ORM objects: a submit reads its sheet's marks three times inside the write lock); the marks of a sheet
    this transaction wrote are the ones it remembered (:func:`remember_marks`), not read again."""
    known: dict[tuple[type[Any], int], dict[str, Any]] = session.info.get(_WRITTEN, {})
    out: dict[int, dict[str, Any]] = {
        sid: dict(known[(table, sid)]) if (table, sid) in known else {} for sid in sheet_ids
    }
    missing = [sid for sid in sheet_ids if (table, sid) not in known]
    if not missing:
        return out
    session.flush()  # what this transaction added through the ORM is read too
    columns = table.__table__.c
    rows = (
        session.connection()
        .execute(sa_select(*columns).where(columns.sheet_id.in_(missing)).order_by(columns.id))
        .all()
    )
    for m in rows:
        if m.withdrawn:
            out[m.sheet_id].pop(m.item_id, None)
        else:
            out[m.sheet_id][m.item_id] = m
    return out


refused = entry_refused
"""A refused entry whose reason is a catalogue message (see :func:`contest.services.wording.entry_refused`)."""


def check_sheet_info(rubric: ModuleRubric, veto: str | None, seconds_used: int | None) -> None:
    """Refuse a veto the module's rubric does not have, or a time used outside 0–24 hours: a live sheet's and a
    calibration sheet's time and veto are checked alike, before the write."""
    if veto is not None and rubric.veto(veto) is None:
        raise refused(
            Msg(
                "marking.veto_not_in_rubric_choices",
                veto=veto,
                choices=", ".join(v.code for v in rubric.vetoes),
            )
        )
    if seconds_used is not None and not 0 <= seconds_used <= 24 * 3600:
        raise refused(Msg("marking.time_out_of_range", seconds=seconds_used))


def check_rubric_entry(rubric: ModuleRubric, entry: ItemEntry) -> None:
    """Refuse an entry the module's rubric does not allow, as the judge's screen is refused: an unknown item, a
    typed score the item does not take (checked first, so the refusal says why), anything else off the item."""
    item = rubric.item(entry.item_id)
    if item is None:
        raise refused(Msg("marking.item_not_in_rubric", item=entry.item_id), entry.item_id)
    if entry.score is not None:
        # typed only where the rubric allows it, on the item's step and range (a rule item's score says why)
        refusal = typed_score_refusal(item, entry.score)
        if refusal is not None:
            raise EntryRefused(entry.item_id, str(refusal))
    check_entry(item, entry)
    if item.kind != ItemKind.JUDGEMENT and entry.score is not None:
        to_cents(entry.score)


def append_marks(
    session: Session,
    sheet_id: int,
    entries: list[ItemEntry],
    *,
    judge_code: str,
    at: datetime,
    reason: str = "",
    table: type[Any] = MarkRow,
) -> None:
    """Add one mark per entry, each superseding its item's current mark: marks are append-only, a change is a new
    row pointing at the one it replaces. ``table=CalibrationMarkRow`` for calibration marks (which carry no
    reason)."""
    current = current_marks(session, [sheet_id], table)[sheet_id]
    extra = {"reason": reason} if table is MarkRow else {}
    rows = []
    for entry in entries:
        prev = current.get(entry.item_id)
        rows.append(
            {
                "sheet_id": sheet_id,
                "item_id": entry.item_id,
                "withdrawn": False,
                "deductions": encode_deductions(entry.deductions),
                "level": entry.level,
                "score_cents": None if entry.score is None else to_cents(entry.score),
                "judge_code": judge_code,
                "created_at": at,
                "supersedes_id": prev.id if prev else None,
                **extra,
            }
        )
    ids = audit.insert_tracked(session, table, rows, unique="item_id")
    for mark_id, row in zip(ids, rows, strict=True):
        current[str(row["item_id"])] = SimpleNamespace(id=mark_id, **row)
    remember_marks(session, table, sheet_id, current)


def append_withdrawal(
    session: Session,
    sheet_id: int,
    item_id: str,
    *,
    judge_code: str,
    at: datetime,
    table: type[Any] = MarkRow,
) -> None:
    """Withdraw an item's current mark with a new row superseding it (the item becomes open again)."""
    current = current_marks(session, [sheet_id], table)[sheet_id]
    prev = current.pop(item_id, None)
    if prev is None:
        raise InvalidState(Msg("marking.nothing_to_withdraw", item=item_id))
    session.add(
        table(
            sheet_id=sheet_id,
            item_id=item_id,
            withdrawn=True,
            judge_code=judge_code,
            created_at=at,
            supersedes_id=prev.id,
        )
    )
    remember_marks(session, table, sheet_id, current)


def current_entries(session: Session, sheet_filter: Any) -> dict[int, dict[str, ItemEntry]]:
    """Current entries of every sheet matched by ``sheet_filter`` (a SQL condition on the sheet table), read as
    plain tuples with a join — no id list, so it works for any number of sheets on PostgreSQL too."""
    stmt = (
        sa_select(
            col(MarkRow.sheet_id),
            col(MarkRow.item_id),
            col(MarkRow.withdrawn),
            col(MarkRow.deductions),
            col(MarkRow.level),
            col(MarkRow.score_cents),
        )
        .join(SheetRow, col(SheetRow.id) == MarkRow.sheet_id)
        .where(sheet_filter)
        .order_by(col(MarkRow.id))
    )
    decoded: dict[str, tuple[Applied, ...]] = {}
    out: dict[int, dict[str, ItemEntry]] = {}
    # Core (not ORM) result rows: plain tuples, several times cheaper for a million marks
    rows = (row for part in session.connection().execute(stmt).partitions(20_000) for row in part)
    for sheet_id, item_id, withdrawn, deductions, level, cents in rows:  # fetched in batches: fewer calls
        per = out.setdefault(sheet_id, {})
        if withdrawn:
            per.pop(item_id, None)
            continue
        applied = decoded.get(deductions)
        if applied is None:
            applied = decoded[deductions] = decode_deductions(deductions)
        per[item_id] = ItemEntry(item_id, applied, level, None if cents is None else from_cents(cents))
    return out


@dataclass(frozen=True)
class DrawnField:
    """The drawn contestants and their station numbers, for views with one line per contestant.

    Such views (standings, the chief judge's console, the anonymous result sheet, the recompute bundle) identify a
    contestant before decryption by :meth:`label`: with ``[draw] scope = "contest"`` the one station number the
    contestant has in every module (``"012"``); with ``"module"`` the station of every module, in module order
    (``"A 012 · B 031 · C 005 · D 017"``), so the chief judge can find each module's paper sheets. No single
    number stands for the contestant there: the stations are shown side by side only to officials who already
    see every module. Views about one module use :meth:`station` of that module.
    """

    people: tuple[ContestantRow, ...]
    """Drawn contestants not withdrawn, in the order of their station in the first module."""
    stations: dict[int, dict[str, str]]
    """Contestant id → module code → station."""
    modules: tuple[str, ...]
    """Module codes in contest order."""
    scope: str
    """``[draw] scope``: "contest" or "module"."""

    def station(self, contestant_id: int, module_code: str) -> str:
        """The contestant's station in one module ("" if none)."""
        return self.stations.get(contestant_id, {}).get(module_code, "")

    def in_module(self, module_code: str) -> tuple[ContestantRow, ...]:
        """The contestants with a station in one module, in that module's station order (per-module documents
        must not list them in another module's order: with a per-module draw, row order would link the
        modules' stations)."""
        return tuple(
            sorted(
                (p for p in self.people if module_code in self.stations.get(p.id or 0, {})),
                key=lambda p: self.stations[p.id or 0][module_code],
            )
        )

    def label(self, contestant_id: int) -> str:
        """The anonymous identifier of a contestant on a one-line-per-contestant view (see the class)."""
        mine = self.stations.get(contestant_id, {})
        if self.scope != "module":
            return next((mine[c] for c in self.modules if c in mine), "")
        return " · ".join(f"{c} {mine[c]}" for c in self.modules if c in mine)


class MarkingServices:
    """What a marking judge does."""

    def __init__(self, ctx: ServiceContext, q: Queries) -> None:
        self.ctx = ctx
        self.q = q

    def my_modules(self, actor: Actor) -> list[tuple[str, str, int, int]]:
        """(module code, title, submitted, expected) for each module the judge is assigned to."""
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            out = []
            for a in s.exec(select(AssignmentRow).where(AssignmentRow.judge_id == actor.judge_id)).all():
                m = s.get(ModuleRow, a.module_id)
                assert m is not None
                avoided = {cid for _, cid in excluded_pairs(s, m.id or 0, judge_id=actor.judge_id or 0)}
                n = len([cid for _, cid in self.q.marked_stations(s, m) if cid not in avoided])
                done = len(
                    s.exec(
                        select(SheetRow.id).where(
                            SheetRow.module_id == m.id,
                            SheetRow.judge_id == actor.judge_id,
                            col(SheetRow.state).in_((SheetState.SUBMITTED, SheetState.SIGNED_OFF)),
                        )
                    ).all()
                )
                out.append((m.code, cfg.module(m.code).rubric.title.zh, done, n))
            return sorted(out)

    def my_sessions(self, actor: Actor, module_code: str) -> MySessions | None:
        """The judge's group and its 场次 in a module marked by judge groups (None: the module has one panel)."""
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            groups = judge_groups(s, m.id or 0)
            if groups is None:
                return None
            mine = groups.get(actor.judge_id or 0, "")
            rows = s.exec(
                select(SessionRow)
                .where(SessionRow.module_id == m.id, SessionRow.judge_group == mine)
                .order_by(col(SessionRow.number))
            ).all()
            return MySessions(
                mine,
                tuple(
                    (r.number, r.starts, r.track, tuple(filter(None, r.stations.split(",")))) for r in rows
                ),
            )

    def stations(self, actor: Actor, module_code: str) -> list[StationStatus]:
        """The judge's stations in a module with state and progress — numbers only."""
        cfg = self.ctx.config()
        n_items = len(cfg.module(module_code).rubric.items)
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sheets = {
                sh.contestant_id: sh
                for sh in s.exec(
                    select(SheetRow).where(SheetRow.module_id == m.id, SheetRow.judge_id == actor.judge_id)
                ).all()
            }
            marks = current_marks(s, [sh.id for sh in sheets.values() if sh.id])
            avoided = {cid for _, cid in avoided_pairs(s, m.id or 0, judge_id=actor.judge_id or 0)}
            others = {cid for _, cid in off_group_pairs(s, m.id or 0, judge_id=actor.judge_id or 0)}
            out = []
            for station, cid in self.q.marked_stations(s, m):
                if cid in others:  # another judge group's 场次: not on this judge's list
                    continue
                sh = sheets.get(cid)
                entered = len(marks.get(sh.id or 0, {})) if sh else 0
                out.append(
                    StationStatus(station, sh.state if sh else "none", entered, n_items, cid in avoided)
                )
            return out

    def _sheet_row(
        self, s: Session, actor: Actor, module: ModuleRow, station: str, create: bool
    ) -> SheetRow | None:
        cid = self.q.station(s, module, station)
        self.q.check_markable(s, actor, module, station, cid)
        sh = s.exec(
            _SHEET, params={"module_id": module.id, "contestant_id": cid, "judge_id": actor.judge_id}
        ).first()
        if sh is None and create:
            if module.signed_off_at is not None:
                raise InvalidState(Msg("marking.signed_off_no_new_sheet", module=module.code))
            sh = SheetRow(
                module_id=module.id or 0,
                contestant_id=cid,
                judge_id=actor.judge_id or 0,
                updated_at=self.ctx.clock(),
                updated_by=actor.code,
            )
            s.add(sh)
            s.flush()
            remember_marks(s, MarkRow, sh.id or 0, {})  # a new sheet: nothing to read
        return sh

    def _view(
        self, s: Session, module: ModuleRow, station: str, judge_code: str, sh: SheetRow | None
    ) -> SheetView:
        entries: dict[str, ItemEntry] = {}
        if sh is not None and sh.id is not None:
            entries = {k: mark_to_entry(m) for k, m in current_marks(s, [sh.id])[sh.id].items()}
        return self.q.sheet_view(s, module, station, judge_code, sh, entries)

    def open_sheet(self, actor: Actor, module_code: str, station: str) -> SheetView:
        """The judge's sheet for a station (an empty draft view if nothing is entered yet)."""
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            return self._view(s, m, station, actor.code, sh)

    def _editable(
        self, actor: Actor, sh: SheetRow, expected_version: int | None, module: ModuleRow | None = None
    ) -> None:
        if module is not None and module.signed_off_at is not None:
            raise InvalidState(Msg("marking.signed_off_read_only", module=module.code))
        if sh.state not in EDITABLE:
            raise InvalidState(
                Msg("marking.sheet_submitted")
                if sh.state == SheetState.SUBMITTED
                else Msg("marking.sheet_signed_off")
                if sh.state == SheetState.SIGNED_OFF
                else Msg("marking.sheet_not_editable", state=sh.state)
            )
        if expected_version is not None and sh.version != expected_version:
            when = "—" if sh.updated_at is None else f"{self.ctx.local_time(sh.updated_at):%H:%M:%S}"
            raise StaleWrite(
                Msg("marking.stale", by=sh.updated_by, when=when, version=sh.version, seen=expected_version)
            )

    def save_mark(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        entry: ItemEntry,
        expected_version: int | None = None,
        reason: str = "",
    ) -> SheetView:
        """Store one item entry as a draft mark (append-only; a change supersedes the previous mark)."""

        def check(cfg: ContestConfig) -> None:
            check_rubric_entry(cfg.module(module_code).rubric, entry)

        checked = self.ctx.checked_config(check)
        with self.ctx.write(
            actor, "mark", {"module": module_code, "station": station, "item": entry.item_id}
        ) as s:
            if self.ctx.config(s) is not checked:
                check(self.ctx.config(s))
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=True)
            assert sh is not None and sh.id is not None
            self._editable(actor, sh, expected_version, m)
            append_marks(s, sh.id, [entry], judge_code=actor.code, at=self.ctx.clock(), reason=reason)
            self.q.touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def withdraw_mark(
        self, actor: Actor, module_code: str, station: str, item_id: str, expected_version: int | None = None
    ) -> SheetView:
        """Withdraw an item's entry (a new row; the item becomes open again)."""
        with self.ctx.write(
            actor, "withdraw_mark", {"module": module_code, "station": station, "item": item_id}
        ) as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            if sh is None or sh.id is None:
                raise NotFound(Msg("marking.no_sheet"))
            self._editable(actor, sh, expected_version, m)
            append_withdrawal(s, sh.id, item_id, judge_code=actor.code, at=self.ctx.clock())
            self.q.touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def set_sheet_info(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        *,
        seconds_used: int | None = None,
        veto: str | None = None,
        clear_veto: bool = False,
        comment: str | None = None,
        expected_version: int | None = None,
    ) -> SheetView:
        """Record time used, a veto (with its rule code) or a comment on the sheet."""

        def check(cfg: ContestConfig) -> None:
            check_sheet_info(cfg.module(module_code).rubric, veto, seconds_used)

        checked = self.ctx.checked_config(check)
        with self.ctx.write(
            actor,
            "sheet_info",
            {"module": module_code, "station": station, "veto": veto, "seconds_used": seconds_used},
        ) as s:
            if self.ctx.config(s) is not checked:
                check(self.ctx.config(s))
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=True)
            assert sh is not None
            self._editable(actor, sh, expected_version, m)
            if seconds_used is not None:
                sh.seconds_used = seconds_used
            if veto is not None:
                sh.veto_code = veto
            if clear_veto:
                sh.veto_code = None
            if comment is not None:
                sh.comment = comment.strip()[:2000]
            self.q.touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def submit_sheet(
        self, actor: Actor, module_code: str, station: str, expected_version: int | None = None
    ) -> SheetView:
        """Submit: every item must have an explicit entry; the sheet becomes read-only to the judge."""
        with self.ctx.write(actor, "submit", {"module": module_code, "station": station}) as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            if sh is None:
                raise SheetIncomplete([i.id for i in self.ctx.config(s).module(module_code).rubric.items])
            self._editable(actor, sh, expected_version, m)
            view = self._view(s, m, station, actor.code, sh)
            if view.open_items:
                raise SheetIncomplete(view.open_items)
            if sh.seconds_used is None:
                raise ContestError(Msg("marking.time_first"))
            sh.state = SheetState.SUBMITTED
            sh.submissions += 1
            sh.return_reason = sh.return_reason if sh.submissions == 1 else sh.return_reason
            self.q.touch(sh, actor)
            s.info["event_details"]["total_cents"] = to_cents(view.total.quantize(Decimal("0.01")))
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def enter_sheet(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        entries: list[ItemEntry],
        *,
        seconds_used: int,
        veto: str | None = None,
        comment: str = "",
        submit: bool = True,
        expected_version: int | None = None,
    ) -> SheetView:
        """A whole sheet in one action (a paper sheet typed in, or a judge's batch): every entry is checked
        first, then all marks are written, and the sheet is submitted if asked — all or nothing."""

        def check(cfg: ContestConfig) -> None:
            rubric = cfg.module(module_code).rubric
            for entry in entries:
                check_rubric_entry(
                    rubric, entry
                )  # as on the judge's screen: a typed score only where allowed
            if veto is not None and rubric.veto(veto) is None:
                raise refused(Msg("marking.veto_not_in_rubric", veto=veto))

        checked = self.ctx.checked_config(check)
        with self.ctx.write(
            actor,
            "enter_sheet",
            {"module": module_code, "station": station, "items": len(entries), "submit": submit},
        ) as s:
            if self.ctx.config(s) is not checked:
                check(self.ctx.config(s))
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=True)
            assert sh is not None and sh.id is not None
            self._editable(actor, sh, expected_version, m)
            append_marks(s, sh.id, entries, judge_code=actor.code, at=self.ctx.clock())
            sh.seconds_used = seconds_used
            sh.veto_code = veto
            sh.comment = comment
            view = self._view(s, m, station, actor.code, sh)  # the marks as stored, scored once
            if submit:
                if view.open_items:
                    raise SheetIncomplete(view.open_items)
                sh.state = SheetState.SUBMITTED
                sh.submissions += 1
            self.q.touch(sh, actor)
            s.flush()
            return replace(view, state=sh.state, version=sh.version)


__all__ = [
    "DrawnField",
    "MarkingServices",
    "PermissionDenied",
    "append_marks",
    "append_withdrawal",
    "check_rubric_entry",
    "current_marks",
    "mark_to_entry",
    "remember_marks",
    "remembered",
]
