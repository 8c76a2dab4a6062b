"""The services facade (:class:`Services`): the one object the TUI, the CLI, the tests and the benchmarks call.
Owns the wiring: one :class:`~contest.services.core.ServiceContext` and one :class:`~contest.services.queries.Queries`
shared by the sibling services (setup, marking, theory, appeals, arbitration, chief, documents, workbooks,
calibration, check-in, clerk, encryption, feedback, groups, rubric change, veto, appeal documents), each built once
with the siblings it builds on. Every public method only delegates; the use cases live in the sibling modules.
Each public method is one user action: one transaction and one audit event. Judge-facing methods speak station
numbers only."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from contest import audit
from contest.config import ContestConfig
from contest.errors import PermissionDenied
from contest.i18n import Msg
from contest.printing.appeal_pages import AppealRegisterData, ArbitrationDecisionData
from contest.printing.feedback_pages import ContestantFeedbackData, UnitFeedbackData
from contest.printing.pages import (
    BlankSheetData,
    CalibrationDocData,
    CertificateData,
    DrawSheetData,
    GroupFairnessDocData,
    ResultSheetData,
    ScheduleDocData,
    ScoreSheetData,
    StabilityTable,
    StatsData,
)
from contest.services.appeal_documents import AppealDocumentServices
from contest.services.appeals import AppealServices
from contest.services.arbitration import ArbitrationServices
from contest.services.calibration import CalibrationInfo, CalibrationReportView, CalibrationServices
from contest.services.certificates import CertificateCheck, CertificateServices, HeadCheck
from contest.services.checkin import AvoidView, CheckinServices, CheckinView
from contest.services.chief import ChiefServices
from contest.services.clerk import ClerkDispute, ClerkServices, DoubleEntryResult
from contest.services.core import Correction, PinHasher, ServiceContext, utcnow
from contest.services.documents import DocumentServices, WorkbookServices
from contest.services.encryption import EncryptionServices, EncryptionState, LotIn
from contest.services.feedback import FeedbackServices
from contest.services.groups import GroupServices, SessionIn, SessionView
from contest.services.marking import DrawnField, MarkingServices
from contest.services.panel_cache import PanelCache
from contest.services.queries import Queries
from contest.services.rubric_change import RubricChangeServices, RubricChangeView
from contest.services.setup import ContestantIn, JudgeIn, SetupServices
from contest.services.theory import TheoryServices
from contest.services.veto import VetoProposal, VetoServices
from contest.services.views import (
    Actor,
    AlertView,
    AppealView,
    ContestInfo,
    ImportReport,
    ModuleProgress,
    MySessions,
    SheetView,
    StandingsView,
    StationStatus,
    TheoryNumbers,
)
from contest.store.tables import ModuleRow
from scoresheets.groups import GroupFairness
from scoresheets.model import ItemEntry
from scoresheets.standings import Standings


class Services:
    """Every service of a running contest, behind one object."""

    def __init__(
        self,
        engine: Engine,
        contest_id: int | None = None,
        clock: Callable[[], datetime] = utcnow,
        *,
        hasher: PinHasher | None = None,
    ) -> None:
        ctx = ServiceContext(engine, contest_id, clock, hasher=hasher)
        q = Queries(ctx)
        self._ctx = ctx
        # built in dependency order: each sibling receives the ones it builds on
        self._chief = ChiefServices(ctx, q)
        self._marking = MarkingServices(ctx, q)
        self._setup = SetupServices(ctx, q, self._chief)
        self._theory = TheoryServices(ctx, q, self._chief)
        self._appeals = AppealServices(ctx, q, self._chief, self._theory)
        self._arbitration = ArbitrationServices(ctx, q, self._chief, self._appeals)
        self._documents = DocumentServices(ctx, q, self._chief)
        self._certificates = CertificateServices(ctx, self._documents, self._chief)
        self._workbooks = WorkbookServices(ctx, q, self._chief, self._documents)
        self._appeal_documents = AppealDocumentServices(ctx, q, self._documents, self._appeals)
        self._calibration = CalibrationServices(ctx, q, self._documents)
        self._checkin = CheckinServices(ctx, q)
        self._clerk = ClerkServices(ctx, q)
        self._encryption = EncryptionServices(ctx, q, self._chief, self._documents)
        self._feedback = FeedbackServices(ctx, q, self._chief, self._documents)
        self._groups = GroupServices(ctx, q, self._chief, self._documents)
        self._rubric_change = RubricChangeServices(ctx, q, self._chief)
        self._veto = VetoServices(ctx, q, self._chief)

    # -- shared state ------------------------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The database engine."""
        return self._ctx.engine

    @property
    def clock(self) -> Callable[[], datetime]:
        """The clock every service reads (UTC, timezone-aware)."""
        return self._ctx.clock

    @property
    def hasher(self) -> PinHasher:
        """Hashes new PINs and checks logins (default :data:`~contest.services.core.PIN_HASHER`)."""
        return self._ctx.hasher

    @hasher.setter
    def hasher(self, hasher: PinHasher) -> None:
        self._ctx.hasher = hasher

    @property
    def panels(self) -> PanelCache:
        """The chief services' panel cache (see :meth:`ChiefServices.compute`)."""
        return self._chief.panels

    # -- the public methods, by name ---------------------------------------------------------------------------
    def add_calibration(self, actor: Actor, module_code: str, title: str = "") -> str:
        """See :meth:`CalibrationServices.add_calibration`."""
        return self._calibration.add_calibration(actor, module_code, title)

    def alerts(self, actor: Actor, module_code: str | None = None) -> list[AlertView]:
        """See :meth:`ChiefServices.alerts`."""
        return self._chief.alerts(actor, module_code)

    def allowed(self, actor: Actor, *roles: str) -> bool:
        """See :meth:`ServiceContext.allowed`."""
        return self._ctx.allowed(actor, *roles)

    def amend_rubric(
        self,
        actor: Actor,
        module_code: str,
        correction: Correction,
        *,
        text: str | None = None,
        edits: list[str] | None = None,
        source: str = "",
    ) -> str:
        """See :meth:`RubricChangeServices.amend_rubric`."""
        return self._rubric_change.amend_rubric(
            actor, module_code, correction, text=text, edits=edits, source=source
        )

    def appeal_end(self, s: Session, module: ModuleRow | None) -> tuple[str, datetime] | None:
        """See :meth:`AppealServices.appeal_end`."""
        return self._appeals.appeal_end(s, module)

    def appeal_register(self, actor: Actor, lang: str = "zh") -> AppealRegisterData:
        """See :meth:`AppealDocumentServices.appeal_register`."""
        return self._appeal_documents.appeal_register(actor, lang)

    def appeals(self) -> list[AppealView]:
        """See :meth:`AppealServices.appeals`."""
        return self._appeals.appeals()

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
        """See :meth:`ArbitrationServices.arbitrate`."""
        self._arbitration.arbitrate(actor, appeal_id, opinion, decision, reopen_judges, correction=correction)

    def arbitration_decision(self, actor: Actor, appeal_id: int, lang: str = "zh") -> ArbitrationDecisionData:
        """See :meth:`AppealDocumentServices.arbitration_decision`."""
        return self._appeal_documents.arbitration_decision(actor, appeal_id, lang)

    def arbitration_members(self) -> list[tuple[str, str]]:
        """See :meth:`ArbitrationServices.arbitration_members`."""
        return self._arbitration.arbitration_members()

    def assign(
        self, actor: Actor, judge_code: str, module_codes: Sequence[str], group: str | None = None
    ) -> list[Msg]:
        """See :meth:`SetupServices.assign`."""
        return self._setup.assign(actor, judge_code, module_codes, group)

    def audit_head(self) -> str:
        """See :meth:`ServiceContext.audit_head`."""
        return self._ctx.audit_head()

    def avoid_override(
        self, actor: Actor, station: str, module_code: str, judge_code: str, reason: str
    ) -> None:
        """See :meth:`CheckinServices.avoid_override`."""
        self._checkin.avoid_override(actor, station, module_code, judge_code, reason)

    def avoidances(self, actor: Actor, module_code: str | None = None) -> list[AvoidView]:
        """See :meth:`CheckinServices.avoidances`."""
        return self._checkin.avoidances(actor, module_code)

    def blank_sheets(self, actor: Actor, module_code: str) -> BlankSheetData:
        """See :meth:`DocumentServices.blank_sheets`."""
        return self._documents.blank_sheets(actor, module_code)

    def calibration_document(self, actor: Actor, module_code: str) -> CalibrationDocData:
        """See :meth:`CalibrationServices.calibration_document`."""
        return self._calibration.calibration_document(actor, module_code)

    def calibration_report(self, actor: Actor, module_code: str) -> CalibrationReportView:
        """See :meth:`CalibrationServices.calibration_report`."""
        return self._calibration.calibration_report(actor, module_code)

    def calibrations(self, actor: Actor, module_code: str) -> list[CalibrationInfo]:
        """See :meth:`CalibrationServices.calibrations`."""
        return self._calibration.calibrations(actor, module_code)

    def certificates(
        self, actor: Actor, *, override: str | None = None, participation: bool = False, lang: str = "zh"
    ) -> CertificateData:
        """See :meth:`CertificateServices.certificates`."""
        return self._certificates.certificates(
            actor, override=override, participation=participation, lang=lang
        )

    def check_head(self, typed: str) -> HeadCheck:
        """See :meth:`CertificateServices.check_head`."""
        return self._certificates.check_head(typed)

    def checkin(self, actor: Actor, station: str, module_code: str, state: str, note: str = "") -> None:
        """See :meth:`CheckinServices.checkin`."""
        self._checkin.checkin(actor, station, module_code, state, note)

    def checkins(self, actor: Actor, module_code: str | None = None) -> list[CheckinView]:
        """See :meth:`CheckinServices.checkins`."""
        return self._checkin.checkins(actor, module_code)

    def clerk_disputes(self, actor: Actor) -> list[ClerkDispute]:
        """See :meth:`ClerkServices.clerk_disputes`."""
        return self._clerk.clerk_disputes(actor)

    def clerk_enter(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        judge_code: str,
        entries: list[ItemEntry],
        *,
        seconds_used: int,
        veto: str | None = None,
    ) -> DoubleEntryResult:
        """See :meth:`ClerkServices.clerk_enter`."""
        return self._clerk.clerk_enter(
            actor, module_code, station, judge_code, entries, seconds_used=seconds_used, veto=veto
        )

    def clerk_resolve(
        self, actor: Actor, module_code: str, station: str, judge_code: str, picks: Mapping[str, str]
    ) -> None:
        """See :meth:`ClerkServices.clerk_resolve`."""
        self._clerk.clerk_resolve(actor, module_code, station, judge_code, picks)

    def clerk_withdraw(self, actor: Actor, module_code: str, station: str, judge_code: str) -> None:
        """See :meth:`ClerkServices.clerk_withdraw`."""
        self._clerk.clerk_withdraw(actor, module_code, station, judge_code)

    def close_calibration(self, actor: Actor, module_code: str) -> int:
        """See :meth:`CalibrationServices.close_calibration`."""
        return self._calibration.close_calibration(actor, module_code)

    def compute(self, s: Session | None = None, *, fresh: bool = False) -> tuple[Standings, DrawnField]:
        """See :meth:`ChiefServices.compute`."""
        return self._chief.compute(s, fresh=fresh)

    def config(self, session: Session | None = None) -> ContestConfig:
        """See :meth:`ServiceContext.config`."""
        return self._ctx.config(session)

    def confirm_veto(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        statement: str,
        *,
        correction: Correction | None = None,
    ) -> None:
        """See :meth:`VetoServices.confirm_veto`."""
        self._veto.confirm_veto(actor, module_code, station, statement, correction=correction)

    @property
    def contest_id(self) -> int:
        """See :attr:`ServiceContext.contest_id`."""
        return self._ctx.contest_id

    def contestant_feedback(
        self, actor: Actor, *, unit: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> ContestantFeedbackData:
        """See :meth:`FeedbackServices.contestant_feedback`."""
        return self._feedback.contestant_feedback(actor, unit=unit, override=override, lang=lang)

    def correction_notes(self, lang: str = "zh") -> tuple[str, ...]:
        """See :meth:`DocumentServices.correction_notes`."""
        return self._documents.correction_notes(lang)

    def corrections(self) -> list[tuple[int, datetime, str, dict[str, Any]]]:
        """See :meth:`ServiceContext.corrections`."""
        return self._ctx.corrections()

    @staticmethod
    def create_contest(
        engine: Engine,
        config_text: str,
        file: str = "contest.toml",
        *,
        organiser_pin: str | None = None,
        hasher: PinHasher | None = None,
    ) -> int:
        """See :meth:`SetupServices.create_contest`."""
        return SetupServices.create_contest(
            engine, config_text, file, organiser_pin=organiser_pin, hasher=hasher
        )

    def decrypt(
        self,
        chief_code: str,
        chief_pin: str,
        supervisor_code: str,
        supervisor_pin: str,
        keys: Sequence[tuple[str, str]] = (),
    ) -> None:
        """See :meth:`EncryptionServices.decrypt`."""
        self._encryption.decrypt(chief_code, chief_pin, supervisor_code, supervisor_pin, keys)

    def draw(self, actor: Actor, seed: str | None = None, *, stage: int | None = None) -> str:
        """See :meth:`EncryptionServices.draw`."""
        return self._encryption.draw(actor, seed, stage=stage)

    def draw_sheet(self, actor: Actor, stage: int | None = None, lang: str = "zh") -> DrawSheetData:
        """See :meth:`EncryptionServices.draw_sheet`."""
        return self._encryption.draw_sheet(actor, stage, lang)

    def encryption(self) -> EncryptionState:
        """See :meth:`EncryptionServices.encryption`."""
        return self._encryption.encryption()

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
        """See :meth:`MarkingServices.enter_sheet`."""
        return self._marking.enter_sheet(
            actor,
            module_code,
            station,
            entries,
            seconds_used=seconds_used,
            veto=veto,
            comment=comment,
            submit=submit,
            expected_version=expected_version,
        )

    def escalate_appeal(self, actor: Actor, appeal_id: int, text: str) -> None:
        """See :meth:`ArbitrationServices.escalate_appeal`."""
        self._arbitration.escalate_appeal(actor, appeal_id, text)

    def events(self, limit: int = 50, *, kinds: tuple[str, ...] = ()) -> list[tuple[int, str, str, str, str]]:
        """See :meth:`ServiceContext.events`."""
        return self._ctx.events(limit, kinds=kinds)

    def feedback_units(self, actor: Actor) -> list[str]:
        """See :meth:`FeedbackServices.feedback_units`."""
        return self._feedback.feedback_units(actor)

    def group_fairness(self, actor: Actor, module_code: str) -> GroupFairness | None:
        """See :meth:`GroupServices.group_fairness`."""
        return self._groups.group_fairness(actor, module_code)

    def group_fairness_document(self, actor: Actor, module_code: str) -> GroupFairnessDocData:
        """See :meth:`GroupServices.group_fairness_document`."""
        return self._groups.group_fairness_document(actor, module_code)

    def import_checkins(self, actor: Actor, records: Sequence[tuple[str, str, str, str]]) -> int:
        """See :meth:`CheckinServices.import_checkins`."""
        return self._checkin.import_checkins(actor, records)

    def import_contestants(
        self,
        actor: Actor,
        people: Sequence[ContestantIn],
        *,
        dry_run: bool = False,
        remove_missing: bool = False,
        source: str = "",
        correction: Correction | None = None,
    ) -> ImportReport:
        """See :meth:`SetupServices.import_contestants`."""
        return self._setup.import_contestants(
            actor,
            people,
            dry_run=dry_run,
            remove_missing=remove_missing,
            source=source,
            correction=correction,
        )

    def import_judges(self, actor: Actor, judges: Sequence[JudgeIn]) -> dict[str, str]:
        """See :meth:`SetupServices.import_judges`."""
        return self._setup.import_judges(actor, judges)

    def import_lots(
        self, actor: Actor, lots: Sequence[LotIn], *, sheet: str = "", kind: str = "import_lots"
    ) -> int:
        """See :meth:`EncryptionServices.import_lots`."""
        return self._encryption.import_lots(actor, lots, sheet=sheet, kind=kind)

    def import_theory_scores(
        self,
        actor: Actor,
        scores: Mapping[str, tuple[Decimal, Mapping[str, Decimal]]],
        key: str = "station",
        source: str = "",
        *,
        correction: Correction | None = None,
    ) -> int:
        """See :meth:`TheoryServices.import_theory_scores`."""
        return self._theory.import_theory_scores(actor, scores, key, source, correction=correction)

    def info(self) -> ContestInfo:
        """See :meth:`SetupServices.info`."""
        return self._setup.info()

    def judges(self) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
        """See :meth:`SetupServices.judges`."""
        return self._setup.judges()

    def local_time(self, t: datetime, session: Session | None = None) -> datetime:
        """See :meth:`ServiceContext.local_time`."""
        return self._ctx.local_time(t, session)

    def lodge_appeal(self, actor: Actor, station: str, module_code: str | None, text: str) -> int:
        """See :meth:`AppealServices.lodge_appeal`."""
        return self._appeals.lodge_appeal(actor, station, module_code, text)

    def lodge_objection(
        self, actor: Actor, station: str, module_code: str | None, text: str, objector: str
    ) -> int:
        """See :meth:`ArbitrationServices.lodge_objection`."""
        return self._arbitration.lodge_objection(actor, station, module_code, text, objector)

    def log_printed(self, pending: list[tuple[Actor, dict[str, object]]], file: str) -> None:
        """See :meth:`DocumentServices.log_printed`."""
        self._documents.log_printed(pending, file)

    def login(self, code: str, pin: str) -> Actor:
        """See :meth:`SetupServices.login`."""
        return self._setup.login(code, pin)

    def logout(self, actor: Actor) -> None:
        """See :meth:`ServiceContext.logout`."""
        self._ctx.logout(actor)

    def my_calibrations(self, actor: Actor, module_code: str) -> list[StationStatus]:
        """See :meth:`CalibrationServices.my_calibrations`."""
        return self._calibration.my_calibrations(actor, module_code)

    def my_modules(self, actor: Actor) -> list[tuple[str, str, int, int]]:
        """See :meth:`MarkingServices.my_modules`."""
        return self._marking.my_modules(actor)

    def my_sessions(self, actor: Actor, module_code: str) -> MySessions | None:
        """See :meth:`MarkingServices.my_sessions`."""
        return self._marking.my_sessions(actor, module_code)

    def open_calibration_sheet(self, actor: Actor, module_code: str, code: str) -> SheetView:
        """See :meth:`CalibrationServices.open_calibration_sheet`."""
        return self._calibration.open_calibration_sheet(actor, module_code, code)

    def open_sheet(self, actor: Actor, module_code: str, station: str) -> SheetView:
        """See :meth:`MarkingServices.open_sheet`."""
        return self._marking.open_sheet(actor, module_code, station)

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
        """See :meth:`GroupServices.plan_schedule`."""
        return self._groups.plan_schedule(
            actor, module_code, per_session, start=start, minutes=minutes, gap=gap, tracks=tracks
        )

    def preview_rubric_change(
        self,
        actor: Actor,
        module_code: str,
        *,
        text: str | None = None,
        edits: list[str] | None = None,
        source: str = "",
    ) -> RubricChangeView:
        """See :meth:`RubricChangeServices.preview_rubric_change`."""
        return self._rubric_change.preview_rubric_change(
            actor, module_code, text=text, edits=edits, source=source
        )

    @contextmanager
    def print_job(self) -> Iterator[list[tuple[Actor, dict[str, object]]]]:
        """See :meth:`DocumentServices.print_job`."""
        with self._documents.print_job() as pending:
            yield pending

    def progress(self, actor: Actor) -> list[ModuleProgress]:
        """See :meth:`ChiefServices.progress`."""
        return self._chief.progress(actor)

    def publish(self, actor: Actor) -> None:
        """See :meth:`ArbitrationServices.publish`."""
        self._arbitration.publish(actor)

    def recompute_bundle(self, actor: Actor) -> dict[str, str]:
        """See :meth:`DocumentServices.recompute_bundle`."""
        return self._documents.recompute_bundle(actor)

    def recusals(self, judge_code: str | None = None) -> list[Msg]:
        """See :meth:`SetupServices.recusals`."""
        return self._setup.recusals(judge_code)

    def refuse_unproven(self, action: str, why: str) -> PermissionDenied:
        """See :meth:`ServiceContext.refuse_unproven`."""
        return self._ctx.refuse_unproven(action, why)

    def reject_veto(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        reason: str,
        *,
        correction: Correction | None = None,
    ) -> None:
        """See :meth:`VetoServices.reject_veto`."""
        self._veto.reject_veto(actor, module_code, station, reason, correction=correction)

    def result_sheet(
        self,
        actor: Actor,
        *,
        override: str | None = None,
        anonymous: bool = False,
        show_station: bool = False,
        lang: str = "zh",
    ) -> ResultSheetData:
        """See :meth:`DocumentServices.result_sheet`."""
        return self._documents.result_sheet(
            actor, override=override, anonymous=anonymous, show_station=show_station, lang=lang
        )

    def results_workbook(self, actor: Actor, *, override: str | None = None, lang: str = "zh") -> object:
        """See :meth:`WorkbookServices.results_workbook`."""
        return self._workbooks.results_workbook(actor, override=override, lang=lang)

    def return_sheet(
        self, actor: Actor, module_code: str, station: str, judge_code: str, reason: str
    ) -> None:
        """See :meth:`ChiefServices.return_sheet`."""
        self._chief.return_sheet(actor, module_code, station, judge_code, reason)

    def rule_appeal(
        self,
        actor: Actor,
        appeal_id: int,
        ruling: str,
        reopen_judges: Sequence[str] = (),
        *,
        correction: Correction | None = None,
    ) -> None:
        """See :meth:`AppealServices.rule_appeal`."""
        self._appeals.rule_appeal(actor, appeal_id, ruling, reopen_judges, correction=correction)

    def save_calibration_mark(
        self,
        actor: Actor,
        module_code: str,
        code: str,
        entry: ItemEntry,
        expected_version: int | None = None,
        reason: str = "",
    ) -> SheetView:
        """See :meth:`CalibrationServices.save_calibration_mark`."""
        return self._calibration.save_calibration_mark(
            actor, module_code, code, entry, expected_version, reason
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
        """See :meth:`MarkingServices.save_mark`."""
        return self._marking.save_mark(actor, module_code, station, entry, expected_version, reason)

    def schedule(self, actor: Actor, module_code: str | None = None) -> list[SessionView]:
        """See :meth:`GroupServices.schedule`."""
        return self._groups.schedule(actor, module_code)

    def schedule_document(self, actor: Actor) -> ScheduleDocData:
        """See :meth:`GroupServices.schedule_document`."""
        return self._groups.schedule_document(actor)

    def score_sheets(
        self, actor: Actor, *, module_code: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> ScoreSheetData:
        """See :meth:`DocumentServices.score_sheets`."""
        return self._documents.score_sheets(actor, module_code=module_code, override=override, lang=lang)

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
        """See :meth:`CalibrationServices.set_calibration_info`."""
        return self._calibration.set_calibration_info(
            actor,
            module_code,
            code,
            seconds_used=seconds_used,
            veto=veto,
            clear_veto=clear_veto,
            comment=comment,
            expected_version=expected_version,
        )

    def set_group(self, actor: Actor, judge_code: str, module_code: str, group: str) -> None:
        """See :meth:`GroupServices.set_group`."""
        self._groups.set_group(actor, judge_code, module_code, group)

    def set_lot(self, actor: Actor, who: str, number: int) -> None:
        """See :meth:`EncryptionServices.set_lot`."""
        self._encryption.set_lot(actor, who, number)

    def set_pin(self, actor: Actor, code: str, pin: str, *, second: Actor | None = None) -> None:
        """See :meth:`SetupServices.set_pin`."""
        self._setup.set_pin(actor, code, pin, second=second)

    def set_schedule(
        self, actor: Actor, module_code: str, sessions: Sequence[SessionIn], *, source: str = "import"
    ) -> list[SessionView]:
        """See :meth:`GroupServices.set_schedule`."""
        return self._groups.set_schedule(actor, module_code, sessions, source=source)

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
        """See :meth:`MarkingServices.set_sheet_info`."""
        return self._marking.set_sheet_info(
            actor,
            module_code,
            station,
            seconds_used=seconds_used,
            veto=veto,
            clear_veto=clear_veto,
            comment=comment,
            expected_version=expected_version,
        )

    def sign_off(
        self,
        actor: Actor,
        module_code: str,
        override_reason: str | None = None,
        *,
        supervisor: tuple[str, str] | None = None,
    ) -> None:
        """See :meth:`ChiefServices.sign_off`."""
        self._chief.sign_off(actor, module_code, override_reason, supervisor=supervisor)

    def stability(self, actor: Actor, lang: str = "zh") -> StabilityTable:
        """See :meth:`DocumentServices.stability`."""
        return self._documents.stability(actor, lang)

    def standings(self, actor: Actor) -> StandingsView:
        """See :meth:`ChiefServices.standings`."""
        return self._chief.standings(actor)

    def stations(self, actor: Actor, module_code: str) -> list[StationStatus]:
        """See :meth:`MarkingServices.stations`."""
        return self._marking.stations(actor, module_code)

    def statistics(
        self, actor: Actor, *, override: str | None = None, with_stability: bool = True, lang: str = "zh"
    ) -> StatsData:
        """See :meth:`DocumentServices.statistics`."""
        return self._documents.statistics(actor, override=override, with_stability=with_stability, lang=lang)

    def submit_calibration_sheet(
        self, actor: Actor, module_code: str, code: str, expected_version: int | None = None
    ) -> SheetView:
        """See :meth:`CalibrationServices.submit_calibration_sheet`."""
        return self._calibration.submit_calibration_sheet(actor, module_code, code, expected_version)

    def submit_sheet(
        self, actor: Actor, module_code: str, station: str, expected_version: int | None = None
    ) -> SheetView:
        """See :meth:`MarkingServices.submit_sheet`."""
        return self._marking.submit_sheet(actor, module_code, station, expected_version)

    def theory_breakdown(self) -> dict[int, tuple[Decimal, dict[str, Decimal]]]:
        """See :meth:`DocumentServices.theory_breakdown`."""
        return self._documents.theory_breakdown()

    def theory_numbers(self, actor: Actor) -> TheoryNumbers:
        """See :meth:`TheoryServices.theory_numbers`."""
        return self._theory.theory_numbers(actor)

    def theory_stations(self, actor: Actor) -> list[str]:
        """See :meth:`TheoryServices.theory_stations`."""
        return self._theory.theory_stations(actor)

    def unit_feedback(
        self, actor: Actor, *, unit: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> UnitFeedbackData:
        """See :meth:`FeedbackServices.unit_feedback`."""
        return self._feedback.unit_feedback(actor, unit=unit, override=override, lang=lang)

    def unlock(self, actor: Actor, code: str, reason: str) -> None:
        """See :meth:`SetupServices.unlock`."""
        self._setup.unlock(actor, code, reason)

    def verify(self) -> audit.VerifyReport:
        """See :meth:`ChiefServices.verify`."""
        return self._chief.verify()

    def verify_certificate(self, code: str) -> CertificateCheck:
        """See :meth:`CertificateServices.verify_certificate`."""
        return self._certificates.verify_certificate(code)

    def veto_proposals(self, actor: Actor, module_code: str | None = None) -> list[VetoProposal]:
        """See :meth:`VetoServices.veto_proposals`."""
        return self._veto.veto_proposals(actor, module_code)

    def withdraw_calibration_mark(
        self, actor: Actor, module_code: str, code: str, item_id: str, expected_version: int | None = None
    ) -> SheetView:
        """See :meth:`CalibrationServices.withdraw_calibration_mark`."""
        return self._calibration.withdraw_calibration_mark(
            actor, module_code, code, item_id, expected_version
        )

    def withdraw_mark(
        self, actor: Actor, module_code: str, station: str, item_id: str, expected_version: int | None = None
    ) -> SheetView:
        """See :meth:`MarkingServices.withdraw_mark`."""
        return self._marking.withdraw_mark(actor, module_code, station, item_id, expected_version)


__all__ = ["Services"]
