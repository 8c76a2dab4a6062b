"""The only door to state for the TUI and the CLI. Each public method is one user action: one transaction and
one audit event. Judge-facing methods speak station numbers only."""

from contest.services.appeal_documents import AppealDocumentServices
from contest.services.calibration import CalibrationServices
from contest.services.checkin import CheckinServices
from contest.services.clerk import ClerkServices, DoubleEntryResult
from contest.services.documents import WorkbookServices
from contest.services.encryption import EncryptionServices, LotIn
from contest.services.feedback import FeedbackServices
from contest.services.groups import GroupServices, SessionIn
from contest.services.rubric_change import RubricChangeServices
from contest.services.setup import ContestantIn, JudgeIn, SetupServices
from contest.services.veto import VetoServices
from contest.services.views import CONSOLE, Actor


class Services(
    EncryptionServices,
    GroupServices,
    RubricChangeServices,
    CalibrationServices,
    FeedbackServices,
    WorkbookServices,
    AppealDocumentServices,
    CheckinServices,
    ClerkServices,
    SetupServices,
    VetoServices,
):
    """Every service of a running contest."""


__all__ = [
    "DoubleEntryResult",
    "CONSOLE",
    "Actor",
    "ContestantIn",
    "JudgeIn",
    "LotIn",
    "Services",
    "SessionIn",
]
