"""Page data of the 以赛促训 feedback documents: the 培训反馈报告 per unit and the 个人成绩反馈单 per contestant.

Plain frozen dataclasses (no reportlab): :mod:`contest.services.feedback` builds them, :mod:`contest.printing.feedback`
and :mod:`contest.export_feedback` render them. The statistics themselves are :mod:`scoresheets.feedback` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from contest.printing.pages import DocHeader
from scoresheets.feedback import ContestantFeedback, GroupFeedback


@dataclass(frozen=True)
class UnitResultLine:
    """One of the unit's contestants on its report (as published on the 成绩公示表)."""

    name: str
    rank: int | None
    theory: Decimal | None
    modules: tuple[Decimal | None, ...]
    total: Decimal | None
    award: str


@dataclass(frozen=True)
class UnitReport:
    """One unit's 培训反馈报告."""

    unit: str
    results: tuple[UnitResultLine, ...]
    stats: GroupFeedback


@dataclass(frozen=True)
class UnitFeedbackData:
    """Every unit report of one print (one unit, or all of them for the workbook)."""

    header: DocHeader
    module_codes: tuple[str, ...]
    reports: tuple[UnitReport, ...]
    min_count: int
    rules: tuple[str, ...]
    """How the figures are computed and the small-unit rule, printed on every report."""


@dataclass(frozen=True)
class ContestantSheet:
    """One contestant's 个人成绩反馈单."""

    name: str
    unit: str
    rank: int | None
    total: Decimal | None
    award: str
    feedback: ContestantFeedback


@dataclass(frozen=True)
class ContestantFeedbackData:
    """The 个人成绩反馈单 of one print."""

    header: DocHeader
    sheets: tuple[ContestantSheet, ...]
    rules: tuple[str, ...]
