"""Marking-judge services: station lists, sheets, item-by-item draft marks (append-only), submission.

Every call takes and returns station numbers only, and always the stations of the module the call is about
(with ``[draw] scope = "module"`` a contestant has a different station in each module). A mark is durable the
moment the call returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from contest.errors import ContestError, InvalidState, NotFound, PermissionDenied, StaleWrite
from contest.intake_bridge import typed_station
from contest.services.conflicts import (
    AVOID_REFUSAL,
    CHECKIN_LABELS,
    avoided_pairs,
    checkin_states,
    excluded_pairs,
    judge_groups,
    not_marked,
    off_group_pairs,
    station_groups,
)
from contest.services.core import ServiceBase
from contest.services.views import Actor, MySessions, SheetView, StationStatus
from contest.store.tables import (
    AssignmentRow,
    CalibrationRow,
    ContestantRow,
    ContestRow,
    JudgeRow,
    MarkRow,
    ModuleRow,
    ModuleStationRow,
    SessionRow,
    SheetRow,
)
from rubrics.model import ItemKind, ModuleRubric
from scoresheets.arithmetic import check_entry, score_sheet
from scoresheets.errors import EntryRefused, SheetIncomplete
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from scoresheets.numbers import from_cents, to_cents
from scoresheets.typed import typed_score_refusal

EDITABLE = ("draft", "returned")


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


def current_marks(
    session: Session, sheet_ids: list[int], table: type[Any] = MarkRow
) -> dict[int, dict[str, Any]]:
    """The latest mark per (sheet, item), withdrawn ones removed: the derived current state (of live marks, or of
    calibration marks with ``table=CalibrationMarkRow``)."""
    out: dict[int, dict[str, Any]] = {sid: {} for sid in sheet_ids}
    if not sheet_ids:
        return out
    rows = session.exec(select(table).where(table.sheet_id.in_(sheet_ids)).order_by(table.id)).all()
    for m in rows:
        if m.withdrawn:
            out[m.sheet_id].pop(m.item_id, None)
        else:
            out[m.sheet_id][m.item_id] = m
    return out


def check_rubric_entry(rubric: ModuleRubric, entry: ItemEntry) -> None:
    """Refuse an entry the module's rubric does not allow, as the judge's screen is refused: an unknown item, a
    typed score the item does not take (checked first, so the refusal says why), anything else off the item."""
    item = rubric.item(entry.item_id)
    if item is None:
        raise EntryRefused(entry.item_id, f"评分项 {entry.item_id} 不在评分细则中 / not in the rubric")
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
    extra = {"reason": reason} if reason else {}
    for entry in entries:
        prev = current.get(entry.item_id)
        session.add(
            table(
                sheet_id=sheet_id,
                item_id=entry.item_id,
                deductions=encode_deductions(entry.deductions),
                level=entry.level,
                score_cents=None if entry.score is None else to_cents(entry.score),
                judge_code=judge_code,
                created_at=at,
                supersedes_id=prev.id if prev else None,
                **extra,
            )
        )


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
    prev = current_marks(session, [sheet_id], table)[sheet_id].get(item_id)
    if prev is None:
        raise InvalidState(f"{item_id} 没有可撤回的评分 / nothing to withdraw")
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


def current_entries(session: Session, sheet_filter: Any) -> dict[int, dict[str, ItemEntry]]:
    """Current entries of every sheet matched by ``sheet_filter`` (a SQL condition on the sheet table), read as
    plain tuples with a join — no id list, so it works for any number of sheets on PostgreSQL too."""
    stmt = (
        select(
            MarkRow.sheet_id,
            MarkRow.item_id,
            MarkRow.withdrawn,
            MarkRow.deductions,
            MarkRow.level,
            MarkRow.score_cents,
        )
        .join(SheetRow, SheetRow.id == MarkRow.sheet_id)  # type: ignore[arg-type]
        .where(sheet_filter)
        .order_by(MarkRow.id)  # type: ignore[arg-type]
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


class MarkingServices(ServiceBase):
    """What a marking judge does."""

    def _module(self, s: Session, code: str) -> ModuleRow:
        m = s.exec(
            select(ModuleRow).where(ModuleRow.contest_id == self.contest_id, ModuleRow.code == code)
        ).first()
        if m is None:
            raise NotFound(f"模块 {code} 不存在 / no module {code}")
        return m

    def _check_assigned(self, s: Session, actor: Actor, module: ModuleRow) -> None:
        if actor.judge_id is None or not actor.has("marking"):
            raise self._deny(actor, "评分", "只有评分裁判可以评分 / only marking judges enter marks")
        if s.get(AssignmentRow, (actor.judge_id, module.id)) is None:
            raise self._deny(
                actor,
                "评分",
                f"您未被分配到模块 {module.code} / you are not assigned to module {module.code}",
            )

    def _station(self, s: Session, module: ModuleRow, station: str) -> int:
        """The id of the contestant at ``station`` in ``module``; a station of another module is not found.
        The station may be typed in any digits (``Ａ－０７``, ``A-٠٧``): it is looked up as ``A-07``."""
        station = typed_station(station)
        cid = s.exec(
            select(ModuleStationRow.contestant_id)
            .join(ContestantRow, ContestantRow.id == ModuleStationRow.contestant_id)  # type: ignore[arg-type]
            .where(
                ModuleStationRow.module_id == module.id,
                ModuleStationRow.station == station,
                ContestantRow.withdrawn == False,  # noqa: E712
            )
        ).first()
        if cid is None:
            contest = s.get(ContestRow, self.contest_id)
            if contest is not None and contest.drawn_at is None:
                raise InvalidState(
                    "抽签加密（二次加密）尚未完成，还没有赛位号，不能评分 / the stations are not drawn yet: no "
                    "marking before the encryption is complete"
                )
            raise NotFound(
                f"模块 {module.code} 没有赛位号 {station} / no station {station} in module {module.code}"
            )
        return cid

    def _module_stations(self, s: Session, module: ModuleRow) -> list[tuple[str, int]]:
        """(station, contestant id) of every drawn contestant not withdrawn, in ``module``, by station."""
        rows = s.exec(
            select(ModuleStationRow.station, ModuleStationRow.contestant_id)
            .join(ContestantRow, ContestantRow.id == ModuleStationRow.contestant_id)  # type: ignore[arg-type]
            .where(ModuleStationRow.module_id == module.id, ContestantRow.withdrawn == False)  # noqa: E712
            .order_by(ModuleStationRow.station)
        ).all()
        return [(st, cid) for st, cid in rows]

    def _marked_stations(self, s: Session, module: ModuleRow) -> list[tuple[str, int]]:
        """:meth:`_module_stations` without the contestants checked in as absent, withdrawn or disqualified
        (检录): the stations that are marked."""
        gone = not_marked(s, module.id or 0)
        return [(st, cid) for st, cid in self._module_stations(s, module) if cid not in gone]

    def _check_markable(
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
        if module.code in self.config(s).calibration_required and not calibration_closed(s, module.id or 0):
            raise InvalidState(
                f"模块 {module.code} 须先完成评分标定（裁判长结束标定后才能正式评分）/ module {module.code} is marked"
                " only after its calibration round is closed by the chief judge"
            )
        state = checkin_states(s, module.id or 0).get(cid, "present")
        if state != "present":
            zh, en = CHECKIN_LABELS[state]
            raise InvalidState(
                f"模块 {module.code} 赛位 {station} 检录为{zh}，不评分 / station {station} of module {module.code}"
                f" was checked in as {en}: not marked"
            )
        jid = actor.judge_id if judge is None else judge.id
        if (jid or 0, cid) in off_group_pairs(s, module.id or 0):
            planned = station_groups(s, module.id or 0).get(station)
            if planned is None:
                raise InvalidState(
                    f"模块 {module.code} 分组评分，赛位 {station} 尚未排入场次（contest schedule）/ module "
                    f"{module.code} is marked by judge groups and station {station} is in no session yet"
                )
            who = f"裁判 {judge.code} " if judge is not None else "您"
            raise self._deny(
                actor,
                "录入纸质评分表" if judge is not None else "评分",
                f"赛位 {station} 属第{planned[0]}场，由第 {planned[1]} 评分组评分，{who}不在该组 / station "
                f"{station} is in session {planned[0]}, marked by judge group {planned[1]}"
                f"{f', not by judge {judge.code}' if judge is not None else ', not yours'}",
            )
        if (jid or 0, cid) in avoided_pairs(s, module.id or 0):
            if judge is not None:
                raise self._deny(
                    actor,
                    "录入纸质评分表",
                    f"回避：裁判 {judge.code} 与模块 {module.code} 赛位 {station} 的选手存在回避关系，不能录入其评分表"
                    f" / recusal: judge {judge.code} may not mark station {station} of module {module.code}",
                )
            raise self._deny(actor, "评分", f"{AVOID_REFUSAL}（模块 {module.code} 赛位 {station}）")

    def _field(self, s: Session) -> DrawnField:
        """Every drawn contestant (not withdrawn) with their station in each module."""
        mods = s.exec(
            select(ModuleRow).where(ModuleRow.contest_id == self.contest_id).order_by(ModuleRow.position)
        ).all()
        code = {m.id: m.code for m in mods}
        stations: dict[int, dict[str, str]] = {}
        for mid, cid, st in s.exec(
            select(
                ModuleStationRow.module_id, ModuleStationRow.contestant_id, ModuleStationRow.station
            ).where(
                ModuleStationRow.module_id.in_(list(code))  # type: ignore[attr-defined]
            )
        ).all():
            stations.setdefault(cid, {})[code[mid]] = st
        codes = tuple(m.code for m in mods)
        people = [
            p
            for p in s.exec(
                select(ContestantRow).where(
                    ContestantRow.contest_id == self.contest_id,
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
        return DrawnField(tuple(people), stations, codes, self.config(s).draw_scope)

    def my_modules(self, actor: Actor) -> list[tuple[str, str, int, int]]:
        """(module code, title, submitted, expected) for each module the judge is assigned to."""
        cfg = self.config()
        with self._read() as s:
            out = []
            for a in s.exec(select(AssignmentRow).where(AssignmentRow.judge_id == actor.judge_id)).all():
                m = s.get(ModuleRow, a.module_id)
                assert m is not None
                avoided = {cid for jid, cid in excluded_pairs(s, m.id or 0) if jid == actor.judge_id}
                n = len([cid for _, cid in self._marked_stations(s, m) if cid not in avoided])
                done = len(
                    s.exec(
                        select(SheetRow.id).where(
                            SheetRow.module_id == m.id,
                            SheetRow.judge_id == actor.judge_id,
                            SheetRow.state.in_(("submitted", "signed_off")),
                        )
                    ).all()
                )  # type: ignore[attr-defined]
                out.append((m.code, cfg.module(m.code).rubric.title.zh, done, n))
            return sorted(out)

    def my_sessions(self, actor: Actor, module_code: str) -> MySessions | None:
        """The judge's group and its 场次 in a module marked by judge groups (None: the module has one panel)."""
        with self._read() as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            groups = judge_groups(s, m.id or 0)
            if groups is None:
                return None
            mine = groups.get(actor.judge_id or 0, "")
            rows = s.exec(
                select(SessionRow)
                .where(SessionRow.module_id == m.id, SessionRow.judge_group == mine)
                .order_by(SessionRow.number)  # type: ignore[arg-type]
            ).all()
            return MySessions(
                mine,
                tuple(
                    (r.number, r.starts, r.track, tuple(filter(None, r.stations.split(",")))) for r in rows
                ),
            )

    def stations(self, actor: Actor, module_code: str) -> list[StationStatus]:
        """The judge's stations in a module with state and progress — numbers only."""
        cfg = self.config()
        n_items = len(cfg.module(module_code).rubric.items)
        with self._read() as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sheets = {
                sh.contestant_id: sh
                for sh in s.exec(
                    select(SheetRow).where(SheetRow.module_id == m.id, SheetRow.judge_id == actor.judge_id)
                ).all()
            }
            marks = current_marks(s, [sh.id for sh in sheets.values() if sh.id])
            avoided = {cid for jid, cid in avoided_pairs(s, m.id or 0) if jid == actor.judge_id}
            others = {cid for jid, cid in off_group_pairs(s, m.id or 0) if jid == actor.judge_id}
            out = []
            for station, cid in self._marked_stations(s, m):
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
        cid = self._station(s, module, station)
        self._check_markable(s, actor, module, station, cid)
        sh = s.exec(
            select(SheetRow).where(
                SheetRow.module_id == module.id,
                SheetRow.contestant_id == cid,
                SheetRow.judge_id == actor.judge_id,
            )
        ).first()
        if sh is None and create:
            if module.signed_off_at is not None:
                raise InvalidState(f"模块 {module.code} 已签核，不能新增评分表 / the module is signed off")
            sh = SheetRow(
                module_id=module.id or 0,
                contestant_id=cid,
                judge_id=actor.judge_id or 0,
                updated_at=self.clock(),
                updated_by=actor.code,
            )
            s.add(sh)
            s.flush()
        return sh

    def _view(
        self, s: Session, module: ModuleRow, station: str, judge_code: str, sh: SheetRow | None
    ) -> SheetView:
        entries: dict[str, ItemEntry] = {}
        if sh is not None and sh.id is not None:
            entries = {k: mark_to_entry(m) for k, m in current_marks(s, [sh.id])[sh.id].items()}
        return self._sheet_view(s, module, station, judge_code, sh, entries)

    def _sheet_view(
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
        rubric = self.config(s).module(module.code).rubric
        sheet = JudgeSheet(
            judge_code,
            station,
            tuple(entries.values()),
            sh.veto_code if sh else None,
            sh.seconds_used if sh else None,
        )
        res = score_sheet(rubric, sheet, require_complete=False, rounding=self.config(s).rounding)
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

    def open_sheet(self, actor: Actor, module_code: str, station: str) -> SheetView:
        """The judge's sheet for a station (an empty draft view if nothing is entered yet)."""
        with self._read() as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            return self._view(s, m, station, actor.code, sh)

    def _editable(
        self, actor: Actor, sh: SheetRow, expected_version: int | None, module: ModuleRow | None = None
    ) -> None:
        if module is not None and module.signed_off_at is not None:
            raise InvalidState(f"模块 {module.code} 已签核，不能修改 / the module is signed off")
        if sh.state not in EDITABLE:
            raise InvalidState(
                {
                    "submitted": "评分表已提交，不能修改 / the sheet is submitted and read-only",
                    "signed_off": "模块已签核，不能修改 / the module is signed off",
                }.get(sh.state, sh.state)
            )
        if expected_version is not None and sh.version != expected_version:
            raise StaleWrite(
                f"评分表已被 {sh.updated_by} 于 {self.local_time(sh.updated_at):%H:%M:%S} 修改（版本 {sh.version}，您看到的是 {expected_version}），"
                f"请刷新后再录入 / the sheet was changed by {sh.updated_by}; reload and re-enter"
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
        check_rubric_entry(self.config().module(module_code).rubric, entry)
        with self._write(
            actor, "mark", {"module": module_code, "station": station, "item": entry.item_id}
        ) as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=True)
            assert sh is not None and sh.id is not None
            self._editable(actor, sh, expected_version, m)
            append_marks(s, sh.id, [entry], judge_code=actor.code, at=self.clock(), reason=reason)
            self._touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def withdraw_mark(
        self, actor: Actor, module_code: str, station: str, item_id: str, expected_version: int | None = None
    ) -> SheetView:
        """Withdraw an item's entry (a new row; the item becomes open again)."""
        with self._write(
            actor, "withdraw_mark", {"module": module_code, "station": station, "item": item_id}
        ) as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            if sh is None or sh.id is None:
                raise NotFound("评分表不存在 / no such sheet")
            self._editable(actor, sh, expected_version, m)
            append_withdrawal(s, sh.id, item_id, judge_code=actor.code, at=self.clock())
            self._touch(sh, actor)
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
        rubric = self.config().module(module_code).rubric
        if veto is not None and rubric.veto(veto) is None:
            raise EntryRefused(
                "", f"否决项 {veto} 不在评分细则中（可选 {', '.join(v.code for v in rubric.vetoes)}）"
            )
        if seconds_used is not None and not 0 <= seconds_used <= 24 * 3600:
            raise EntryRefused("", f"用时必须在 0 到 24 小时之间 / time used out of range: {seconds_used}")
        with self._write(
            actor,
            "sheet_info",
            {"module": module_code, "station": station, "veto": veto, "seconds_used": seconds_used},
        ) as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
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
            self._touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def submit_sheet(
        self, actor: Actor, module_code: str, station: str, expected_version: int | None = None
    ) -> SheetView:
        """Submit: every item must have an explicit entry; the sheet becomes read-only to the judge."""
        with self._write(actor, "submit", {"module": module_code, "station": station}) as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=False)
            if sh is None:
                raise SheetIncomplete([i.id for i in self.config(s).module(module_code).rubric.items])
            self._editable(actor, sh, expected_version, m)
            view = self._view(s, m, station, actor.code, sh)
            if view.open_items:
                raise SheetIncomplete(view.open_items)
            if sh.seconds_used is None:
                raise ContestError("请先录入用时（mm:ss）/ enter the time used first")
            sh.state = "submitted"
            sh.submissions += 1
            sh.return_reason = sh.return_reason if sh.submissions == 1 else sh.return_reason
            self._touch(sh, actor)
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
        rubric = self.config().module(module_code).rubric
        for entry in entries:
            check_rubric_entry(rubric, entry)  # as on the judge's screen: a typed score only where allowed
        if veto is not None and rubric.veto(veto) is None:
            raise EntryRefused("", f"否决项 {veto} 不在评分细则中")
        with self._write(
            actor,
            "enter_sheet",
            {"module": module_code, "station": station, "items": len(entries), "submit": submit},
        ) as s:
            m = self._module(s, module_code)
            self._check_assigned(s, actor, m)
            sh = self._sheet_row(s, actor, m, station, create=True)
            assert sh is not None and sh.id is not None
            self._editable(actor, sh, expected_version, m)
            append_marks(s, sh.id, entries, judge_code=actor.code, at=self.clock())
            sh.seconds_used = seconds_used
            sh.veto_code = veto
            sh.comment = comment
            s.flush()
            view = self._view(s, m, station, actor.code, sh)
            if submit:
                if view.open_items:
                    raise SheetIncomplete(view.open_items)
                sh.state = "submitted"
                sh.submissions += 1
            self._touch(sh, actor)
            s.flush()
            return self._view(s, m, station, actor.code, sh)

    def _touch(self, sh: SheetRow, actor: Actor) -> None:
        sh.version += 1
        sh.updated_at = self.clock()
        sh.updated_by = actor.code

    def _decrypted(self, s: Session) -> bool:
        c = s.get(ContestRow, self.contest_id)
        return bool(c and c.decrypted_at)


__all__ = [
    "DrawnField",
    "MarkingServices",
    "PermissionDenied",
    "append_marks",
    "append_withdrawal",
    "check_rubric_entry",
    "current_marks",
    "mark_to_entry",
]
