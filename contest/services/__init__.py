"""The only door to state for the TUI and the CLI: :class:`Services` (see :mod:`contest.services.facade`). Each
public method is one user action: one transaction and one audit event. Judge-facing methods speak station numbers
only."""

from contest.services.clerk import DoubleEntryResult
from contest.services.encryption import LotIn
from contest.services.facade import Services
from contest.services.groups import SessionIn
from contest.services.setup import ContestantIn, JudgeIn
from contest.services.views import CONSOLE, Actor

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
