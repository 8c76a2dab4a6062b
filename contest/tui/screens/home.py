"""What the home screens share: Esc logs out after a confirmation (or goes back when the screen was opened from
another home screen), and the station-number field of the judge's and the clerk's station lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Input

from contest.errors import ContestError
from contest.tui.catalogue import key_label
from contest.tui.messages import ServiceFailed
from contest.tui.screens.base import BaseScreen
from contest.tui.screens.dialogs import ConfirmDialog

STATION_JUMP_BINDINGS: tuple[BindingType, ...] = (
    # Digits and Enter are priority bindings (handled as each key arrives, in order) so that a station number
    # typed fast is never split between the lists and the field; they stand aside while the station field itself
    # has focus (see StationHomeScreen.check_action).
    *(Binding(str(d), f"type_digit('{d}')", show=False, priority=True) for d in range(10)),
    Binding("enter", "jump_enter", show=False, priority=True),
    Binding("slash", "jump", key_label("home.jump.key"), key_display="/"),
)
"""The station field's keys, first in the BINDINGS of a :class:`StationHomeScreen` (the footer keeps that order)."""


class HomeScreen(BaseScreen):
    """A screen a login lands on."""

    nested: bool = False
    """Opened from another home screen (the chief judge's own marking, a clerk's overview): Esc goes back."""

    def action_logout(self) -> None:
        """Esc: log out after a confirmation (or, nested, back to the screen it was opened from)."""
        if self.nested:
            self.app.pop_screen()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.contest_app.logout()

        self.app.push_screen(ConfirmDialog("logout.confirm", "", "action.logout"), done)


class StationHomeScreen(HomeScreen):
    """A home screen with a station table and a station-number field: digits typed anywhere start a number,
    Enter opens that station, Esc leaves the field before it logs out.

    Its lists are read off the UI thread on mount, on return to the screen, on F5 and every few seconds; the
    screen says what to read (:meth:`read`) and handles the message it gives.
    """

    JUMP: ClassVar[str] = "#station-jump"
    """The station-number field."""
    TABLE: ClassVar[str] = "#station-table"
    """The station table (focused again once a number is taken)."""
    LOAD_ACTION: ClassVar[str] = "load"
    """The ``action`` of the :class:`~contest.tui.messages.ServiceFailed` posted when a read is refused."""

    module_code: str | None = None
    """The chosen module (passed to :meth:`read` as it was when the read started)."""

    def on_mount(self) -> None:
        self.query_one(self.TABLE, DataTable).focus()
        self.reload()
        self.set_interval(self.contest_app.poll_seconds, self.reload)

    def on_screen_resume(self) -> None:
        self.reload()

    def action_refresh(self) -> None:
        """F5: re-read now."""
        self.reload()

    def reload(self) -> None:
        """Re-read the screen's lists (off the UI thread)."""
        if self.contest_app.actor is not None:
            self._load(self.module_code)

    def read(self, module_code: str | None) -> Message:
        """Call the services for the screen's lists (on a worker thread) and return the message that carries
        them; a :class:`~contest.errors.ContestError` is shown as a notice."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _load(self, module_code: str | None) -> None:
        try:
            loaded = self.read(module_code)
        except ContestError as error:
            self.post_message(ServiceFailed(error, self.LOAD_ACTION))
            return
        self.post_fresh(loaded)

    def jump_stations(self) -> Iterable[str]:
        """The stations a typed number is looked up in."""
        raise NotImplementedError

    def open_station(self, station: str) -> None:
        """Open ``station`` (one of :meth:`jump_stations`)."""
        raise NotImplementedError

    @classmethod
    def jump_input(cls) -> Input:
        """The station-number field, for ``compose``."""
        return Input(
            id=cls.JUMP.removeprefix("#"),
            restrict=r"[0-9]*",
            max_length=6,
            compact=True,
            select_on_focus=False,
        )

    def action_jump(self) -> None:
        """/: focus the station-number field."""
        self.query_one(self.JUMP, Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Digits and Enter are ours only while the station field is not focused (and, for Enter, not empty)."""
        if action in ("type_digit", "jump_enter"):
            jump = self.query_one(self.JUMP, Input)
            if self.focused is jump or self.app.screen is not self:
                return False
            return action == "type_digit" or bool(jump.value)
        return True

    def action_type_digit(self, digit: str) -> None:
        """Typing digits anywhere on this screen starts a station number."""
        self.query_one(self.JUMP, Input).insert_text_at_cursor(digit)

    def action_jump_enter(self) -> None:
        """Enter after typed digits opens that station."""
        self._jump(self.query_one(self.JUMP, Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.JUMP.removeprefix("#"):
            self._jump(event.input)

    def _jump(self, field: Input) -> None:
        typed = field.value.strip()
        if not typed:
            return
        match = next(
            (s for s in self.jump_stations() if s == typed or (s.isdigit() and int(s) == int(typed))),
            None,
        )
        field.value = ""
        if match is None:
            self.show_error(self.t("home.jump.unknown", station=typed))
            return
        self.set_focus(self.query_one(self.TABLE, DataTable))
        self.open_station(match)

    def action_logout(self) -> None:
        """Esc: leave the station field, else log out after a confirmation (or, nested, go back)."""
        jump = self.query_one(self.JUMP, Input)
        if self.focused is jump:
            jump.value = ""
            self.query_one(self.TABLE, DataTable).focus()
            return
        super().action_logout()
