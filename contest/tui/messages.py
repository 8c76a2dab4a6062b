"""Messages the thread workers post back to their screens: one past-tense event per service result.

Workers never touch widgets; they call a service and post one of these (``post_message`` is thread-safe). The
screen's handler then updates the widgets on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

from contest.services.clerk import DoubleEntryResult
from contest.services.views import (
    Actor,
    AlertView,
    ContestInfo,
    ModuleProgress,
    MySessions,
    SheetView,
    StandingsView,
    StationStatus,
)
from rubrics.model import ModuleRubric, Text
from scoresheets.model import ItemEntry
from scoresheets.numbers import Rounding


class LoggedIn(Message):
    """Code and PIN were accepted."""

    def __init__(self, actor: Actor, info: ContestInfo | None) -> None:
        super().__init__()
        self.actor = actor
        self.info = info


class LoginRefused(Message):
    """Wrong code or PIN, or the account is locked; ``error`` carries the service's message."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class ServiceFailed(Message):
    """A service refused an action; nothing was stored."""

    def __init__(self, error: Exception, action: str = "") -> None:
        super().__init__()
        self.error = error
        self.action = action


@dataclass(frozen=True)
class SheetOp:
    """One queued write to the open sheet: a label for the user and the service call, given the version."""

    label: str
    call: Callable[[int], SheetView]
    entry: ItemEntry | None = None
    """The item entry being stored (kept so a refused write can be put back on screen)."""
    submit: bool = False

    @property
    def item_id(self) -> str | None:
        """The item this write is for, if any."""
        return self.entry.item_id if self.entry is not None else None


class SheetLoaded(Message):
    """The sheet was (re)read from the database."""

    def __init__(self, view: SheetView) -> None:
        super().__init__()
        self.view = view


class SheetSaved(Message):
    """A mark, the time, a veto, a comment or the submission is stored; ``view`` is the sheet afterwards."""

    def __init__(self, view: SheetView, op: SheetOp) -> None:
        super().__init__()
        self.view = view
        self.op = op


class SheetSaveFailed(Message):
    """A write to the sheet was refused; the entry stays on screen so the judge can retry."""

    def __init__(self, error: Exception, op: SheetOp) -> None:
        super().__init__()
        self.error = error
        self.op = op


class StationsLoaded(Message):
    """The judge's modules and the stations of the chosen module."""

    def __init__(
        self,
        modules: list[tuple[str, str, int, int]],
        module_code: str | None,
        stations: list[StationStatus],
        sessions: MySessions | None = None,
    ) -> None:
        super().__init__()
        self.modules = modules
        self.module_code = module_code
        self.stations = stations
        self.sessions = sessions
        """The judge's group and its 场次 when the module is marked by judge groups."""


class ChiefDataLoaded(Message):
    """Progress matrix, spread alerts and standings for the chief judge."""

    def __init__(
        self,
        progress: list[ModuleProgress],
        alerts: list[AlertView],
        standings: StandingsView,
        titles: dict[str, Text],
    ) -> None:
        super().__init__()
        self.titles = titles
        """Module code -> rubric title (both languages)."""
        self.progress = progress
        self.alerts = alerts
        self.standings = standings


class ChiefActionDone(Message):
    """A return, sign-off or decryption succeeded; ``text`` says what happened."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SignOffRefused(Message):
    """Sign-off refused while sheets are open or alerts stand; the chief may give an override reason."""

    def __init__(self, module_code: str, error: Exception) -> None:
        super().__init__()
        self.module_code = module_code
        self.error = error


class OrganiserDataLoaded(Message):
    """Contest info, progress, standings (if the role may see them) and the newest events."""

    def __init__(
        self,
        info: ContestInfo,
        progress: list[ModuleProgress],
        standings: StandingsView | None,
        events: list[tuple[int, str, str, str, str]],
        head: str,
    ) -> None:
        super().__init__()
        self.info = info
        self.progress = progress
        self.standings = standings
        self.events = events
        self.head = head


class ClerkHomeLoaded(Message):
    """What a clerk chooses from: modules with their marking judges and stations (numbers only), sheet states."""

    def __init__(
        self, progress: list[ModuleProgress], judge_names: dict[str, str], titles: dict[str, Text]
    ) -> None:
        super().__init__()
        self.progress = progress
        self.judge_names = judge_names
        """Judge code -> name (the name printed on the paper sheet)."""
        self.titles = titles


class ClerkKeyed(Message):
    """The service took a complete keying: first, mismatch or matched."""

    def __init__(self, result: DoubleEntryResult) -> None:
        super().__init__()
        self.result = result


class ClerkWithdrawn(Message):
    """The unconfirmed first keying of the sheet was withdrawn."""


class RubricLoaded(Message):
    """The rubric (and the contest's rounding) of the module a clerk keys."""

    def __init__(self, rubric: ModuleRubric, rounding: Rounding | None) -> None:
        super().__init__()
        self.rubric = rubric
        self.rounding = rounding
