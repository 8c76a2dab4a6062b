"""Domain objects the services hand to the TUI, CLI and printing. No table row ever leaves the store.

Judge-facing views carry station numbers (赛位号) only — never a name, unit or ID number.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from contest.i18n import Msg, tr
from rubrics.model import ModuleRubric
from scoresheets.model import ItemEntry


class Role(StrEnum):
    """A judge's or official's role; the value is what the database and the configuration store."""

    ORGANISER = "organiser"
    ENCRYPTION = "encryption"
    MARKING = "marking"
    CHIEF = "chief"
    SUPERVISOR = "supervisor"
    CLERK = "clerk"
    ARBITRATION = "arbitration"


class SheetState(StrEnum):
    """A score sheet's state (``sheet.state``, also a calibration sheet's); the value is what the database stores."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    RETURNED = "returned"


ROLES: tuple[str, ...] = tuple(Role)
ROLE_NAMES_ZH: dict[str, str] = {
    Role.ORGANISER: "组织者",
    Role.ENCRYPTION: "加密裁判",
    Role.MARKING: "评分裁判",
    Role.CHIEF: "裁判长",
    Role.SUPERVISOR: "监督",
    Role.CLERK: "统分员",
    Role.ARBITRATION: "仲裁组",
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in judge or official (or the host console)."""

    code: str
    name: str
    roles: frozenset[str]
    judge_id: int | None = None

    def has(self, role: str) -> bool:
        """Whether the actor holds ``role``."""
        return role in self.roles


CONSOLE = Actor("console", "主机控制台", frozenset({Role.ORGANISER, Role.CLERK}))
"""The organiser at the host machine (who holds the database file)."""


@dataclass(frozen=True)
class ContestInfo:
    """The contest's identity and state."""

    id: int
    name_zh: str
    name_en: str
    edition: str
    drawn: bool
    decrypted: bool
    modules: tuple[ModuleInfo, ...]
    contestants: int
    judges: int


@dataclass(frozen=True)
class ModuleInfo:
    """A module of the contest."""

    code: str
    title_zh: str
    title_en: str
    rubric_id: str
    rubric_hash: str
    signed_off: bool
    signed_off_by: str = ""


@dataclass(frozen=True)
class StationStatus:
    """A station on a judge's list: number and state, never a name."""

    station: str
    state: str
    """未评 none | draft | submitted | returned | signed_off"""
    entered: int
    items: int
    avoid: bool = False
    """回避: the judge may not mark this station's contestant (same unit, no override); the sheet cannot be opened."""
    calibration: bool = False
    """A calibration performance (评分标定, ``K1`` …), not a contestant: its marks never count."""


@dataclass(frozen=True)
class SheetView:
    """One judge's sheet for one station and module, as the scoring screen shows it."""

    module_code: str
    station: str
    judge_code: str
    rubric: ModuleRubric
    state: str
    version: int
    entries: dict[str, ItemEntry]
    item_scores: dict[str, Decimal]
    items_total: Decimal
    overtime_deduction: Decimal
    total: Decimal
    seconds_used: int | None
    veto: str | None
    comment: str
    return_reason: str
    calibration: bool = False
    """A calibration sheet (评分标定): ``station`` is the performance's code (``K1``) and nothing counts."""

    @property
    def open_items(self) -> list[str]:
        """Items with no explicit entry yet."""
        return [i.id for i in self.rubric.items if i.id not in self.entries]

    @property
    def editable(self) -> bool:
        """Whether the judge may still change the sheet."""
        return self.state in ("none", SheetState.DRAFT, SheetState.RETURNED)


@dataclass(frozen=True)
class ProgressCell:
    """State of one judge × station sheet in the chief judge's matrix."""

    judge_code: str
    station: str
    state: str
    entered: int
    clerk: str = ""
    """Clerk double entry of the judge's paper sheet: "" (none), ``pending`` (keyed once: 待核对) or
    ``mismatch`` (keyings differ, waiting for a third keying or the chief judge: 不一致)."""
    clerks: tuple[str, ...] = ()
    """The clerks whose keyings are kept, in keying order."""


@dataclass(frozen=True)
class ModuleProgress:
    """Progress of one module: expected vs entered and submitted sheets."""

    code: str
    title: str
    judges: tuple[str, ...]
    stations: tuple[str, ...]
    cells: tuple[ProgressCell, ...]
    expected: int
    submitted: int
    signed_off: bool

    def cell(self, judge: str, station: str) -> ProgressCell | None:
        """The cell of one judge and station."""
        return self._by_place.get((judge, station))

    @functools.cached_property
    def _by_place(self) -> dict[tuple[str, str], ProgressCell]:
        return {(c.judge_code, c.station): c for c in self.cells}


@dataclass(frozen=True)
class AlertView:
    """A spread alert with the judges' marks side by side, by station."""

    module_code: str
    station: str
    item_id: str | None
    item_title: str
    spread: Decimal
    limit: Decimal
    marks: tuple[tuple[str, Decimal], ...]
    accepted: bool = False
    """The module is signed off: the chief judge accepted the alert then (it no longer counts as open)."""


@dataclass(frozen=True)
class StandingLine:
    """One line of the standings. ``name``/``unit``/``id_masked`` are empty before decryption."""

    rank: int | None
    station: str
    """The contestant's anonymous label: the station number with a contest-scope draw, every module's station
    side by side (``A 012 · B 031``) with a per-module draw (see ``DrawnField.label``)."""
    name: str
    unit: str
    id_masked: str
    project: str
    theory: Decimal | None
    modules: dict[str, Decimal | None]
    practical: Decimal
    total: Decimal
    award: str | None
    titles: tuple[str, ...]
    remarks: tuple[Msg, ...]
    """Tie-break, award remarks, correction after an appeal, incomplete results, a veto awaiting confirmation:
    put into words by whoever shows them (:meth:`remark_in`)."""
    complete: bool
    disqualified: str | None = None
    contestant_id: int = 0
    partial: frozenset[str] = field(default_factory=frozenset)
    """Module codes whose score comes from a partial panel (fewer submitted sheets than the module's marking
    judges, e.g. one judge's sheet): shown as provisional (部分)."""
    checkin: dict[str, str] = field(default_factory=dict)
    """检录: module code → absent | withdrew | disqualified for the modules the contestant was not marked in;
    such a module's score is shown as the state (缺考, 弃权, 取消资格), not a number."""

    def remark_in(self, lang: str) -> str:
        """The remarks in ``lang``, one clause each."""
        return tr(lang, "word.sep.clause").join(r.text(lang) for r in self.remarks)

    @property
    def remark(self) -> str:
        """The remarks in Chinese."""
        return self.remark_in("zh")


@dataclass(frozen=True)
class StandingsView:
    """The standings, with what is needed to print or explain them."""

    decrypted: bool
    lines: tuple[StandingLine, ...]
    module_codes: tuple[str, ...]
    module_titles: tuple[str, ...]
    award_remarks: tuple[Msg, ...]
    """Notes on the award result as a whole (ties at a cut-off, with who shares the rank)."""
    audit_head: str
    final: bool
    """Every module signed off and decrypted."""
    alerts: int = 0
    """Open spread alerts (alerts of signed-off modules were accepted at sign-off and are not counted)."""
    changed_after_appeal: frozenset[int] = field(default_factory=frozenset)

    def award_notes_in(self, lang: str) -> tuple[str, ...]:
        """:attr:`award_remarks` in ``lang``."""
        return tuple(r.text(lang) for r in self.award_remarks)

    @property
    def award_notes(self) -> tuple[str, ...]:
        """:attr:`award_remarks` in Chinese."""
        return self.award_notes_in("zh")


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    added: int
    updated: int
    unchanged: int
    removed: int
    changes: tuple[str, ...]
    dry_run: bool


@dataclass(frozen=True)
class TheoryNumbers:
    """The anonymous numbers theory papers (and theory scores without ID numbers) are matched by."""

    kind: str
    """"station": the contest-wide station numbers (``[draw] scope = "contest"``); "draw": the contestants'
    抽签号 (``[draw] scope = "module"``, where there is no contest-wide station)."""
    numbers: tuple[str, ...]
    """Every such number of a contestant not withdrawn, in order (empty before the draw). Draw numbers are plain
    integers ("1", "2" …), as an appeal naming no module takes them."""


@dataclass(frozen=True)
class AppealView:
    """An appeal and its ruling."""

    id: int
    station: str
    """The station in the appealed module (the anonymous label when the appeal names no module)."""
    name: str
    module_code: str | None
    text: str
    lodged_at: str
    ruling: str
    """The first ruling (复核), by the chief judge or the supervisor."""
    reopened: tuple[str, ...]
    kind: str = "appeal"
    """appeal (申诉) | objection (公示期异议)."""
    state: str = "lodged"
    """lodged → ruled (复核; ``closed`` once the escalation window has passed) → escalated → final (仲裁终局);
    an objection goes lodged → final."""
    lodged_by: str = ""
    ruled_by: str = ""
    ruled_at: str = ""
    objector: str = ""
    """An objection's real-name objector."""
    escalation: str = ""
    escalated_at: str = ""
    opinion: str = ""
    """仲裁意见."""
    decision: str = ""
    """The arbitration panel's final decision."""
    decided_by: str = ""
    decided_at: str = ""
    panel: tuple[str, ...] = ()
    """Codes of the arbitration panel members when it decided."""
    arbitration_reopened: tuple[str, ...] = ()
    draw_no: int | None = None
    """The contestant's 抽签号 (printed on the appeal register before decryption, never a name)."""


@dataclass(frozen=True)
class MySessions:
    """A judge's group in a module marked by judge groups, and that group's 场次 (number, start, track, stations)."""

    group: str
    sessions: tuple[tuple[int, str, str, tuple[str, ...]], ...]
