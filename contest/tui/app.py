"""The judge terminal: a Textual app over :class:`contest.services.Services`.

Owns the screen flow (login -> the home screen of the actor's role: chief judge, marking judge, clerk (double
entry of paper sheets), else the organiser's overview -> logout), the language (Simplified Chinese
by default, English via ``lang="en"`` or F2) and the command palette's list of the current screen's actions.
Screens call services only; blocking calls run in thread workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from contest.errors import ContestError
from contest.i18n import catalogue
from contest.services.views import Actor, ContestInfo
from contest.tui.catalogue import message, relabel, tr
from contest.tui.input_order import OrderedInput
from contest.tui.screens.base import Localised
from contest.tui.screens.chief import ChiefScreen
from contest.tui.screens.clerk_home import ClerkHomeScreen
from contest.tui.screens.judge_home import JudgeHomeScreen
from contest.tui.screens.login import LoginScreen
from contest.tui.screens.organiser import OrganiserScreen

if TYPE_CHECKING:
    from contest.services import Services


class ContestApp(OrderedInput):
    """The scoring terminal for judges, the chief judge and the organisers (keys applied in typing order, each to
    the screen the judge saw: :mod:`contest.tui.input_order`)."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "toggle_language", "English", priority=True),
    ]
    LABELS: ClassVar[dict[str, str]] = {"toggle_language": "lang.other"}

    def __init__(self, services: Services, lang: str = "zh", *, poll_seconds: float = 5.0) -> None:
        super().__init__()
        self.services = services
        self.lang = "en" if lang.lower().startswith("en") else "zh"
        self.poll_seconds = poll_seconds
        """How often the judge and chief screens re-read their lists (several terminals share one database)."""
        self.actor: Actor | None = None
        self.info: ContestInfo | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry service messages that quote what users typed (stations, names, paths): shown as
        plain text unless a caller asks for markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_mount(self) -> None:
        self.title = tr(self.lang, "app.title")
        relabel(self, self.LABELS, self.lang)
        try:
            self.info = self.services.info()
        except ContestError as error:
            self.notify(message(error, self.lang), severity="error", timeout=15)
        self.push_screen(LoginScreen())

    # -- language ----------------------------------------------------------------------------------------------
    def action_toggle_language(self) -> None:
        """F2: switch between Chinese and English everywhere, keeping what is on screen."""
        self.lang = "en" if self.lang == "zh" else "zh"
        self.title = tr(self.lang, "app.title")
        relabel(self, self.LABELS, self.lang)
        for screen in self.screen_stack:
            if isinstance(screen, Localised):
                screen.apply_language()
        self.refresh_bindings()

    # -- login flow --------------------------------------------------------------------------------------------
    def logged_in(self, actor: Actor, info: ContestInfo | None) -> None:
        """Open the home screen of the actor's role (earlier notices, e.g. a wrong PIN, are cleared first)."""
        self.clear_notifications()
        self.actor = actor
        self.info = info or self.info
        if actor.has("chief"):
            self.push_screen(ChiefScreen())
        elif actor.has("marking"):
            self.push_screen(JudgeHomeScreen())
        elif actor.has("clerk"):
            self.push_screen(ClerkHomeScreen())  # F3 there opens the overview for an organiser or supervisor
        elif actor.roles & {"organiser", "supervisor", "encryption"}:
            self.push_screen(OrganiserScreen())
        else:
            self.actor = None
            self.notify(tr(self.lang, "login.no_home"), severity="error")

    def logout(self) -> None:
        """Back to the login screen, forgetting the actor."""
        self.actor = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LoginScreen):
            self.pop_screen()
        if isinstance(self.screen, LoginScreen):
            self.screen.reset()

    # -- Textual's own texts, in the terminal's language ---------------------------------------------------------
    def action_help_quit(self) -> None:
        """Ctrl+C (which never quits): say how to quit, in the terminal's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    tr(self.lang, "app.quit_hint", quit_key=self.get_key_display(active.binding) or key),
                    title=tr(self.lang, "app.quit_title"),
                )
                return

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, with its search prompt in the terminal's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=tr(self.lang, "palette.placeholder"))
            )

    # -- command palette ---------------------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette lists the current screen's actions (with their keys) before Textual's own commands (those
        in the terminal's language)."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.key_display or key}",
                partial(self.run_action, binding.action, active.node),
            )
        for command in super().get_system_commands(screen):
            key = f"palette.{command.title}"
            if key in catalogue():
                command = command._replace(title=tr(self.lang, key), help=tr(self.lang, f"{key}.help"))
            yield command


def run_tui(services: Services, lang: str = "zh") -> None:
    """Open the terminal (the CLI calls this; it imports this module only when the TUI is wanted)."""
    ContestApp(services, lang=lang).run()
