"""Every SQLModel table, in one place. Rows never leave the store: services return domain objects.

Scores are integer hundredths (``*_cents``), identical on SQLite and PostgreSQL. Marks are append-only: a
correction is a new row naming the one it supersedes. ``EventRow`` is the audit chain.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ContestRow(SQLModel, table=True):
    __tablename__ = "contest"
    id: int | None = Field(default=None, primary_key=True)
    name_zh: str
    name_en: str = ""
    config_text: str = Field(sa_column=Column(Text, nullable=False))
    theory_snapshot: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime
    draw_seed: str = ""
    """二次加密's seed (with one stage, the seed of both stages). Internal: printed only on the sealed draw sheets."""
    drawn_at: datetime | None = None
    """When the station numbers (二次加密) were drawn: marking can start."""
    drawn_by: str | None = None
    """Who drew the station numbers: the holder of 二次加密's key (None in contests drawn before 0008)."""
    lots_at: datetime | None = None
    """When 一次加密 (the 抽签号) was sealed; with one stage, the time of the draw."""
    lots_by: str | None = None
    """Who sealed 一次加密: the holder of its key. With ``[draw] stages = 2`` never the holder of 二次加密."""
    lots_seed: str | None = None
    """一次加密's seed for a computer draw; None when the lots were drawn by hand at 检录 and keyed in."""
    decrypted_at: datetime | None = None
    decrypted_by: str = ""
    published_at: datetime | None = None


class ModuleRow(SQLModel, table=True):
    __tablename__ = "module"
    __table_args__ = (UniqueConstraint("contest_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    code: str
    rubric_id: str
    rubric_hash: str
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    position: int = 0
    signed_off_at: datetime | None = None
    signed_off_by: str = ""
    signoff_note: str = ""


class ContestantRow(SQLModel, table=True):
    __tablename__ = "contestant"
    __table_args__ = (UniqueConstraint("contest_id", "id_number"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    name: str
    gender: str
    id_number: str
    unit: str
    phone: str = ""
    project: str = ""
    note: str = ""
    draw_no: int | None = None
    """一次加密: the draw number (抽签号), one per contestant for the whole contest. Station numbers (二次加密) are
    kept apart, per module, in :class:`ModuleStationRow`."""
    withdrawn: bool = False


class ModuleStationRow(SQLModel, table=True):
    """二次加密: the station number (赛位号) of one contestant in one module — the only place a station is kept.

    The draw fills it for every module: with ``[draw] scope = "contest"`` a contestant has the same station in every
    module; with ``"module"`` each module's stations are drawn independently. Every station lookup (judges, clerks,
    the chief judge, documents) reads this table for the module at hand.
    """

    __tablename__ = "module_station"
    __table_args__ = (UniqueConstraint("module_id", "station"),)
    module_id: int = Field(foreign_key="module.id", primary_key=True)
    contestant_id: int = Field(foreign_key="contestant.id", primary_key=True)
    station: str


class JudgeRow(SQLModel, table=True):
    __tablename__ = "judge"
    __table_args__ = (UniqueConstraint("contest_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    code: str
    name: str
    unit: str = ""
    roles: str = ""
    """Comma-separated: organiser, encryption, marking, chief, supervisor, clerk."""
    pin_hash: str = ""


class LoginStateRow(SQLModel, table=True):
    """Failed-attempt counter and lockout; kept apart from the judge row so logins do not touch it."""

    __tablename__ = "login_state"
    judge_id: int = Field(foreign_key="judge.id", primary_key=True)
    failures: int = 0
    locked_until: datetime | None = None


class AssignmentRow(SQLModel, table=True):
    __tablename__ = "assignment"
    judge_id: int = Field(foreign_key="judge.id", primary_key=True)
    module_id: int = Field(foreign_key="module.id", primary_key=True)
    judge_group: str | None = None
    """评分组: the judge group the judge marks with in this module; None = the module has one panel. When any
    judge of a module has a group, each judge marks only the stations of their group's 场次 (:class:`SessionRow`)."""


class SessionRow(SQLModel, table=True):
    """场次: one session of a module — when it runs, where, which stations compete in it and which judge group
    marks them. A module with judge groups is marked only once its sessions cover every station."""

    __tablename__ = "session_slot"
    module_id: int = Field(foreign_key="module.id", primary_key=True)
    number: int = Field(primary_key=True)
    judge_group: str
    stations: str = Field(sa_column=Column(Text, nullable=False))
    """Comma-separated station numbers in order."""
    starts: str = ""
    """Local start, as printed (``2026-12-10 08:30``); empty when not scheduled."""
    ends: str = ""
    track: str = ""
    """赛道 or room, as printed; empty when the contest has one."""


class SheetRow(SQLModel, table=True):
    __tablename__ = "sheet"
    __table_args__ = (UniqueConstraint("module_id", "contestant_id", "judge_id"),)
    id: int | None = Field(default=None, primary_key=True)
    module_id: int = Field(foreign_key="module.id", index=True)
    contestant_id: int = Field(foreign_key="contestant.id", index=True)
    judge_id: int = Field(foreign_key="judge.id", index=True)
    state: str = "draft"
    """draft | submitted | returned (→ draft again by the judge) | signed_off."""
    version: int = 0
    seconds_used: int | None = None
    veto_code: str | None = None
    comment: str = ""
    return_reason: str = ""
    submissions: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""


class MarkRow(SQLModel, table=True):
    __tablename__ = "mark"
    __table_args__ = (Index("ix_mark_sheet_item", "sheet_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sheet_id: int = Field(foreign_key="sheet.id")
    item_id: str
    withdrawn: bool = False
    deductions: str = ""
    """Applied deduction codes with counts, e.g. ``A1-1*2,A1-3``; empty = no deduction."""
    level: int | None = None
    score_cents: int | None = None
    judge_code: str
    created_at: datetime
    supersedes_id: int | None = Field(default=None, foreign_key="mark.id")
    reason: str = ""


class SheetResultRow(SQLModel, table=True):
    """What one submitted (or signed-off) sheet scores, written in the transaction that submits it, so standings
    are computed without reading marks (see :mod:`contest.services.sheet_results`). Derived: ``audit verify``
    re-scores every sheet from its marks and reports a stored result that differs."""

    __tablename__ = "sheet_result"
    sheet_id: int = Field(foreign_key="sheet.id", primary_key=True)
    version: int
    """The sheet's version the result was derived from."""
    basis: str
    """Hash of the rubric and rounding it was derived under (a rubric amendment changes it)."""
    total_cents: int
    """The sheet total before any veto, in hundredths (half up when the contest keeps more decimals)."""
    items: str = Field(sa_column=Column(Text, nullable=False))
    """JSON, item id → score in rubric order: integer hundredths, or the exact decimal as a string when the
    score is not a whole number of hundredths with two decimals."""
    levels: str = Field(sa_column=Column(Text, nullable=False))
    """JSON, judgement item id → the level the judge chose."""


class ClerkEntryRow(SQLModel, table=True):
    """One clerk's keying of a judge's paper sheet (double entry). Never deleted; ``status`` records the outcome."""

    __tablename__ = "clerk_entry"
    id: int | None = Field(default=None, primary_key=True)
    module_id: int = Field(foreign_key="module.id", index=True)
    contestant_id: int = Field(foreign_key="contestant.id")
    judge_id: int = Field(foreign_key="judge.id")
    clerk_code: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    """JSON: entries, seconds_used, veto."""
    status: str = "pending"
    """pending (first keying) | mismatch (a second keying that differed) | matched | withdrawn."""
    created_at: datetime


class TheoryRow(SQLModel, table=True):
    __tablename__ = "theory"
    contestant_id: int = Field(foreign_key="contestant.id", primary_key=True)
    total_cents: int
    breakdown: str = ""
    """JSON: section id → cents."""
    source: str = ""


class AppealRow(SQLModel, table=True):
    __tablename__ = "appeal"
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    contestant_id: int = Field(foreign_key="contestant.id")
    module_id: int | None = Field(default=None, foreign_key="module.id")
    text: str
    lodged_at: datetime
    lodged_by: str
    ruling: str = ""
    ruled_at: datetime | None = None
    ruled_by: str = ""
    reopened: str = ""
    """Comma-separated sheet ids the ruling reopened."""


class ArbitrationRow(SQLModel, table=True):
    """The arbitration panel's (仲裁组) file on one appeal: how the appeal reached the panel — escalated by the
    contestant after the first ruling (``kind = "appeal"``), or lodged as an objection during publication
    (``kind = "objection"``, 公示期异议) — and the panel's final decision. An appeal without a row has not reached
    the panel."""

    __tablename__ = "arbitration"
    appeal_id: int = Field(foreign_key="appeal.id", primary_key=True)
    kind: str
    """appeal (escalated 申诉) | objection (公示期异议)."""
    objector: str = ""
    """An objection's real-name objector (异议人, with contact as written); empty for an escalated appeal."""
    escalated_at: datetime | None = None
    escalated_by: str = ""
    escalation: str = ""
    """Why the contestant does not accept the first ruling (escalated appeals only)."""
    decided_at: datetime | None = None
    decided_by: str = ""
    opinion: str = ""
    """仲裁意见: what the panel found."""
    decision: str = ""
    """决定: what the panel decided (final)."""
    panel: str = ""
    """Comma-separated codes of the arbitration panel members when it decided (the recorder first)."""
    reopened: str = ""
    """Comma-separated sheet ids the decision reopened."""


class CheckinRow(SQLModel, table=True):
    """检录: a contestant's check-in state in one module, as last recorded (the audit chain keeps every change)."""

    __tablename__ = "checkin"
    module_id: int = Field(foreign_key="module.id", primary_key=True)
    contestant_id: int = Field(foreign_key="contestant.id", primary_key=True)
    state: str
    """present | absent (缺考) | withdrew (弃权) | disqualified (取消资格)."""
    recorded_at: datetime
    recorded_by: str
    note: str = ""


class AvoidOverrideRow(SQLModel, table=True):
    """回避 exception: the chief judge lets one judge mark one contestant despite a conflict, for a reason."""

    __tablename__ = "avoid_override"
    module_id: int = Field(foreign_key="module.id", primary_key=True)
    judge_id: int = Field(foreign_key="judge.id", primary_key=True)
    contestant_id: int = Field(foreign_key="contestant.id", primary_key=True)
    reason: str
    granted_at: datetime
    granted_by: str


class CalibrationRow(SQLModel, table=True):
    """评分标定: one calibration performance of a module (a demonstration or a video) that every judge of the module
    marks before live marking. Its sheets live in their own tables and never count towards any result."""

    __tablename__ = "calibration"
    __table_args__ = (UniqueConstraint("module_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    module_id: int = Field(foreign_key="module.id", index=True)
    code: str
    """``K1``, ``K2`` …: what the judges see instead of a station number."""
    title: str = ""
    created_at: datetime
    created_by: str
    closed_at: datetime | None = None
    """When the chief judge closed the round: no more calibration marks; live marking may begin."""
    closed_by: str = ""


class CalibrationSheetRow(SQLModel, table=True):
    """One judge's sheet for one calibration performance (the counterpart of :class:`SheetRow`)."""

    __tablename__ = "calibration_sheet"
    __table_args__ = (UniqueConstraint("calibration_id", "judge_id"),)
    id: int | None = Field(default=None, primary_key=True)
    calibration_id: int = Field(foreign_key="calibration.id", index=True)
    judge_id: int = Field(foreign_key="judge.id")
    state: str = "draft"
    """draft | submitted."""
    version: int = 0
    seconds_used: int | None = None
    veto_code: str | None = None
    comment: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""


class CalibrationMarkRow(SQLModel, table=True):
    """A calibration mark, append-only like :class:`MarkRow`."""

    __tablename__ = "calibration_mark"
    __table_args__ = (Index("ix_calibration_mark_sheet_item", "sheet_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sheet_id: int = Field(foreign_key="calibration_sheet.id")
    item_id: str
    withdrawn: bool = False
    deductions: str = ""
    level: int | None = None
    score_cents: int | None = None
    judge_code: str
    created_at: datetime
    supersedes_id: int | None = Field(default=None, foreign_key="calibration_mark.id")


class VetoDecisionRow(SQLModel, table=True):
    """The chief judge's decision on the veto proposals (否决建议) of one contestant's panel in one module, under
    ``[scoring] veto_confirmation = "chief"``. Append-only: the newest row of a (module, contestant) pair holds, and
    only while the panel's proposals are still exactly ``votes`` (see :class:`scoresheets.VetoDecision`)."""

    __tablename__ = "veto_decision"
    id: int | None = Field(default=None, primary_key=True)
    module_id: int = Field(foreign_key="module.id", index=True)
    contestant_id: int = Field(foreign_key="contestant.id")
    confirmed: bool
    votes: str
    """Comma-separated ``judge:veto code`` of the proposals decided, sorted."""
    statement: str = Field(sa_column=Column(Text, nullable=False))
    """情况说明 (confirmed) or the reason for rejecting."""
    decided_at: datetime
    decided_by: str


class EventRow(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (UniqueConstraint("contest_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(index=True)
    seq: int
    at: datetime
    actor: str
    kind: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str
    hash: str


AUDITED_TABLES: tuple[type[SQLModel], ...] = (
    ContestRow,
    ModuleRow,
    ContestantRow,
    ModuleStationRow,
    JudgeRow,
    AssignmentRow,
    SessionRow,
    SheetRow,
    MarkRow,
    SheetResultRow,
    TheoryRow,
    AppealRow,
    ArbitrationRow,
    ClerkEntryRow,
    CheckinRow,
    AvoidOverrideRow,
    CalibrationRow,
    CalibrationSheetRow,
    CalibrationMarkRow,
    VetoDecisionRow,
)
"""Tables whose every row is reproduced by replaying the audit chain (login state is audited as events only)."""
