"""Calibration round services (评分标定): before a module's live marking, its judges all mark the same
calibration performances (a demonstration or a video), and the chief judge reads how far they agree.

Owns the calibration performances of a module (``K1``, ``K2`` … in place of station numbers), the judges' calibration
sheets and marks (kept in their own tables, append-only and in the audit chain like every row, and read by nothing
but this module: they can never reach a result, a ranking or a document other than the 标定报告), closing the
round, the live-marking gate for ``[calibration] required`` modules, and the report's figures
(:mod:`scoresheets.calibration`).

A judge marks a calibration performance with the same calls, the same rubric checks and the same screen as a
live station: ``open_calibration_sheet`` … ``submit_calibration_sheet`` mirror :mod:`contest.services.marking`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import ContestError, InvalidState, NotFound, StaleWrite
from contest.i18n import Msg
from contest.printing.pages import CalibrationDocData, CalibrationPerformance
from contest.services.calibration_sheets import calibration_sheets
from contest.services.documents import DocumentServices
from contest.services.marking import (
    EDITABLE,
    append_marks,
    append_withdrawal,
    check_rubric_entry,
    check_sheet_info,
    current_marks,
    mark_to_entry,
)
from contest.services.views import Actor, Role, SheetState, SheetView, StationStatus
from contest.store.tables import (
    AssignmentRow,
    CalibrationMarkRow,
    CalibrationRow,
    CalibrationSheetRow,
    JudgeRow,
    ModuleRow,
)
from scoresheets.calibration import CalibrationReport, calibration_report
from scoresheets.errors import SheetIncomplete
from scoresheets.model import ItemEntry

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

MAX_TITLE = 60
"""Longest title of a calibration performance (it is printed in a table heading)."""


@dataclass(frozen=True)
class CalibrationInfo:
    """One calibration performance of a module, for the chief judge."""

    code: str
    title: str
    closed: bool
    submitted: tuple[str, ...]
    """Judge codes whose sheet is submitted."""
    drafts: tuple[str, ...]
    """Judge codes with a draft only."""


@dataclass(frozen=True)
class CalibrationReportView:
    """The 标定报告 of a module: the figures, and who is who."""

    module_code: str
    module_title: str
    performances: tuple[CalibrationInfo, ...]
    judges: dict[str, str]
    """Judge code → name, every marking judge of the module."""
    report: CalibrationReport
    """Over submitted sheets only."""
    missing: tuple[tuple[str, str], ...]
    """(performance, judge code) pairs with no submitted sheet."""


class CalibrationServices:
    """The calibration round."""

    def __init__(self, ctx: ServiceContext, q: Queries, documents: DocumentServices) -> None:
        self.ctx = ctx
        self.q = q
        self.documents = documents

    # -- the chief judge ---------------------------------------------------------------------------------------
    def add_calibration(self, actor: Actor, module_code: str, title: str = "") -> str:
        """A new calibration performance for the module (chief judge); returns its code (``K1``, ``K2`` …)."""
        self.ctx.require(actor, "新增标定", Role.CHIEF)
        title = " ".join(title.split())
        if len(title) > MAX_TITLE:
            raise ContestError(Msg("calibration.title_too_long", max=MAX_TITLE, n=len(title)))
        with self.ctx.write(actor, "calibration_add", {"module": module_code, "title": title}) as s:
            m = self.q.module(s, module_code)
            if m.signed_off_at is not None:
                raise InvalidState(Msg("calibration.module_signed_off", module=m.code))
            taken = s.exec(select(CalibrationRow.code).where(CalibrationRow.module_id == m.id)).all()
            code = f"K{len(taken) + 1}"
            s.add(
                CalibrationRow(
                    module_id=m.id or 0,
                    code=code,
                    title=title or f"标定{len(taken) + 1}",
                    created_at=self.ctx.clock(),
                    created_by=actor.code,
                )
            )
            s.info["event_details"]["code"] = code
            return code

    def close_calibration(self, actor: Actor, module_code: str) -> int:
        """Close the module's open calibration performances (chief judge): no more calibration marks, and a
        ``[calibration] required`` module may begin live marking. Returns how many were closed."""
        self.ctx.require(actor, "结束标定", Role.CHIEF)
        with self.ctx.write(actor, "calibration_close", {"module": module_code}) as s:
            m = self.q.module(s, module_code)
            rows = s.exec(
                select(CalibrationRow).where(
                    CalibrationRow.module_id == m.id,
                    CalibrationRow.closed_at == None,  # noqa: E711
                )
            ).all()
            if not rows:
                raise InvalidState(Msg("calibration.none_open", module=m.code))
            now = self.ctx.clock()
            for row in rows:
                row.closed_at, row.closed_by = now, actor.code
                s.add(row)
            s.info["event_details"]["closed"] = [r.code for r in rows]
            return len(rows)

    def calibrations(self, actor: Actor, module_code: str) -> list[CalibrationInfo]:
        """The module's calibration performances with who has submitted (chief judge, supervisor)."""
        self.ctx.require(actor, "查看标定", Role.CHIEF, Role.SUPERVISOR)
        with self.ctx.read() as s:
            return self._infos(s, self.q.module(s, module_code))

    def calibration_report(self, actor: Actor, module_code: str) -> CalibrationReportView:
        """The 标定报告 figures over the submitted calibration sheets (chief judge, supervisor)."""
        self.ctx.require(actor, "标定报告", Role.CHIEF, Role.SUPERVISOR)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            rubric = cfg.module(m.code).rubric
            infos = self._infos(s, m)
            judges = {
                j.code: j.name
                for j in s.exec(
                    select(JudgeRow)
                    .join(AssignmentRow, col(AssignmentRow.judge_id) == JudgeRow.id)
                    .where(AssignmentRow.module_id == m.id)
                    .order_by(col(JudgeRow.code))
                ).all()
                if "marking" in j.roles.split(",")
            }
            sheets = calibration_sheets(s, m.id or 0)
            report = calibration_report(rubric, sheets, cfg.calibration_rules)
            missing = tuple((info.code, j) for info in infos for j in judges if j not in info.submitted)
            return CalibrationReportView(m.code, rubric.title.zh, tuple(infos), judges, report, missing)

    def calibration_document(self, actor: Actor, module_code: str) -> CalibrationDocData:
        """评分标定报告 for printing (chief judge, supervisor): the report's figures with the rubric's words. An
        internal document: it needs no sign-off or decryption, and the printing is logged."""
        view = self.calibration_report(actor, module_code)
        rubric = self.ctx.config().module(module_code).rubric
        with self.ctx.read() as s:
            header = self.documents.header(s, actor, "评分标定报告", None, needs_final=False)
        data = CalibrationDocData(
            header=header,
            module_code=view.module_code,
            module_title=view.module_title,
            item_titles={i.id: i.title for i in rubric.items},
            rule_texts={d.code: d.text for i in rubric.items for d in i.deductions},
            performances=tuple(
                CalibrationPerformance(p.code, p.title, p.closed, p.submitted) for p in view.performances
            ),
            judges=view.judges,
            missing=view.missing,
            report=view.report,
        )
        self.documents.log_print(actor, "评分标定报告", header, len(view.performances))
        return data

    # -- the judges --------------------------------------------------------------------------------------------
    def my_calibrations(self, actor: Actor, module_code: str) -> list[StationStatus]:
        """The judge's calibration performances of a module, open ones only, as station lines (code, state, entered,
        items)."""
        n_items = len(self.ctx.config().module(module_code).rubric.items)
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            out = []
            for row, code in self._performances(s, m, open_only=True):
                sh = self._calibration_sheet(s, actor, row, create=False)
                entered = 0
                if sh is not None and sh.id is not None:
                    entered = len(current_marks(s, [sh.id], CalibrationMarkRow)[sh.id])
                out.append(
                    StationStatus(code, sh.state if sh else "none", entered, n_items, calibration=True)
                )
            return out

    def open_calibration_sheet(self, actor: Actor, module_code: str, code: str) -> SheetView:
        """The judge's sheet for a calibration performance (an empty draft view if nothing is entered yet)."""
        with self.ctx.read() as s:
            m = self.q.module(s, module_code)
            self.q.check_assigned(s, actor, m)
            row = self._performance(s, m, code)
            return self._calibration_view(
                s, m, row, actor, self._calibration_sheet(s, actor, row, create=False)
            )

    def save_calibration_mark(
        self,
        actor: Actor,
        module_code: str,
        code: str,
        entry: ItemEntry,
        expected_version: int | None = None,
        reason: str = "",
    ) -> SheetView:
        """Store one calibration item entry (append-only), checked against the rubric exactly as a live mark."""
        del (
            reason
        )  # calibration marks carry no reason; the signature matches save_mark for the scoring screen
        check_rubric_entry(self.ctx.config().module(module_code).rubric, entry)
        with self.ctx.write(
            actor, "calibration_mark", {"module": module_code, "calibration": code, "item": entry.item_id}
        ) as s:
            m, row, sh = self._editable_calibration(s, actor, module_code, code, expected_version)
            append_marks(
                s, sh.id or 0, [entry], judge_code=actor.code, at=self.ctx.clock(), table=CalibrationMarkRow
            )
            self._touch_calibration(sh, actor)
            s.flush()
            return self._calibration_view(s, m, row, actor, sh)

    def withdraw_calibration_mark(
        self, actor: Actor, module_code: str, code: str, item_id: str, expected_version: int | None = None
    ) -> SheetView:
        """Withdraw a calibration item entry (a new row; the item becomes open again)."""
        with self.ctx.write(
            actor, "calibration_withdraw", {"module": module_code, "calibration": code, "item": item_id}
        ) as s:
            m, row, sh = self._editable_calibration(s, actor, module_code, code, expected_version)
            append_withdrawal(
                s, sh.id or 0, item_id, judge_code=actor.code, at=self.ctx.clock(), table=CalibrationMarkRow
            )
            self._touch_calibration(sh, actor)
            s.flush()
            return self._calibration_view(s, m, row, actor, sh)

    def set_calibration_info(
        self,
        actor: Actor,
        module_code: str,
        code: str,
        *,
        seconds_used: int | None = None,
        veto: str | None = None,
        clear_veto: bool = False,
        comment: str | None = None,
        expected_version: int | None = None,
    ) -> SheetView:
        """Time used, a veto or a comment on a calibration sheet."""
        check_sheet_info(self.ctx.config().module(module_code).rubric, veto, seconds_used)
        with self.ctx.write(
            actor,
            "calibration_info",
            {"module": module_code, "calibration": code, "veto": veto, "seconds_used": seconds_used},
        ) as s:
            m, row, sh = self._editable_calibration(s, actor, module_code, code, expected_version)
            if seconds_used is not None:
                sh.seconds_used = seconds_used
            if veto is not None:
                sh.veto_code = veto
            if clear_veto:
                sh.veto_code = None
            if comment is not None:
                sh.comment = comment.strip()[:2000]
            self._touch_calibration(sh, actor)
            s.flush()
            return self._calibration_view(s, m, row, actor, sh)

    def submit_calibration_sheet(
        self, actor: Actor, module_code: str, code: str, expected_version: int | None = None
    ) -> SheetView:
        """Submit a calibration sheet: every item needs an explicit entry, as on a live sheet."""
        with self.ctx.write(actor, "calibration_submit", {"module": module_code, "calibration": code}) as s:
            m, row, sh = self._editable_calibration(s, actor, module_code, code, expected_version)
            view = self._calibration_view(s, m, row, actor, sh)
            if view.open_items:
                raise SheetIncomplete(view.open_items)
            if sh.seconds_used is None:
                raise ContestError(Msg("calibration.time_first"))
            sh.state = SheetState.SUBMITTED
            self._touch_calibration(sh, actor)
            s.flush()
            return self._calibration_view(s, m, row, actor, sh)

    # -- shared ------------------------------------------------------------------------------------------------
    def _performances(
        self, s: Session, m: ModuleRow, open_only: bool = False
    ) -> list[tuple[CalibrationRow, str]]:
        stmt = select(CalibrationRow).where(CalibrationRow.module_id == m.id)
        if open_only:
            stmt = stmt.where(CalibrationRow.closed_at == None)  # noqa: E711
        rows = s.exec(stmt.order_by(col(CalibrationRow.id))).all()
        return [(r, r.code) for r in rows]

    def _performance(self, s: Session, m: ModuleRow, code: str) -> CalibrationRow:
        wanted = code.strip().upper()
        row = s.exec(
            select(CalibrationRow).where(CalibrationRow.module_id == m.id, CalibrationRow.code == wanted)
        ).first()
        if row is None:
            raise NotFound(Msg("calibration.not_found", module=m.code, code=code))
        return row

    def _infos(self, s: Session, m: ModuleRow) -> list[CalibrationInfo]:
        out = []
        for row, code in self._performances(s, m):
            states = s.exec(
                select(JudgeRow.code, CalibrationSheetRow.state)
                .join(JudgeRow, col(JudgeRow.id) == CalibrationSheetRow.judge_id)
                .where(CalibrationSheetRow.calibration_id == row.id)
            ).all()
            out.append(
                CalibrationInfo(
                    code,
                    row.title,
                    row.closed_at is not None,
                    tuple(sorted(j for j, st in states if st == SheetState.SUBMITTED)),
                    tuple(sorted(j for j, st in states if st != SheetState.SUBMITTED)),
                )
            )
        return out

    def _calibration_sheet(
        self, s: Session, actor: Actor, row: CalibrationRow, create: bool
    ) -> CalibrationSheetRow | None:
        sh = s.exec(
            select(CalibrationSheetRow).where(
                CalibrationSheetRow.calibration_id == row.id,
                CalibrationSheetRow.judge_id == actor.judge_id,
            )
        ).first()
        if sh is None and create:
            sh = CalibrationSheetRow(
                calibration_id=row.id or 0,
                judge_id=actor.judge_id or 0,
                updated_at=self.ctx.clock(),
                updated_by=actor.code,
            )
            s.add(sh)
            s.flush()
        return sh

    def _editable_calibration(
        self, s: Session, actor: Actor, module_code: str, code: str, expected_version: int | None
    ) -> tuple[ModuleRow, CalibrationRow, CalibrationSheetRow]:
        m = self.q.module(s, module_code)
        self.q.check_assigned(s, actor, m)
        row = self._performance(s, m, code)
        if row.closed_at is not None:
            raise InvalidState(Msg("calibration.closed", code=row.code))
        sh = self._calibration_sheet(s, actor, row, create=True)
        assert sh is not None
        if sh.state not in EDITABLE:
            raise InvalidState(Msg("calibration.sheet_submitted"))
        if expected_version is not None and sh.version != expected_version:
            raise StaleWrite(Msg("calibration.stale", version=sh.version, seen=expected_version))
        return m, row, sh

    def _calibration_view(
        self, s: Session, m: ModuleRow, row: CalibrationRow, actor: Actor, sh: CalibrationSheetRow | None
    ) -> SheetView:
        entries: dict[str, ItemEntry] = {}
        if sh is not None and sh.id is not None:
            entries = {
                k: mark_to_entry(x) for k, x in current_marks(s, [sh.id], CalibrationMarkRow)[sh.id].items()
            }
        return self.q.sheet_view(s, m, row.code, actor.code, sh, entries, calibration=True)

    def _touch_calibration(self, sh: CalibrationSheetRow, actor: Actor) -> None:
        sh.version += 1
        sh.updated_at = self.ctx.clock()
        sh.updated_by = actor.code
