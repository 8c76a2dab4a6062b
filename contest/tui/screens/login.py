"""Login: judge code and PIN (masked). A wrong PIN or a lockout shows the service's message and stays here."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Input, Label, Static

from contest.errors import ContestError
from contest.tui.catalogue import message
from contest.tui.messages import LoggedIn, LoginRefused
from contest.tui.screens.base import BaseScreen


class LoginScreen(BaseScreen):
    """The first screen of every terminal."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as the key arrives, so "J1⏎1234⏎" typed fast cannot land in the wrong field
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__(id="login-screen")
        self.busy = False

    @property
    def accepts_input(self) -> bool:
        """Keys typed while the PIN is checked wait: they belong to the screen that follows (the judge's home
        after a good PIN, the PIN field again after a wrong one)."""
        return not self.busy

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="login-box"):
            yield Static(id="login-contest", classes="dialog-title")
            yield Static(id="login-heading")
            yield Label(id="login-code-label")
            yield Input(id="login-code", max_length=32)
            yield Label(id="login-pin-label")
            yield Input(id="login-pin", password=True, restrict=r"[0-9]*", max_length=12)
            yield Button(id="login-button", variant="primary")
            yield Static(id="login-error", classes="dialog-error")
            yield Static(id="login-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#login-code", Input).focus()

    def render_text(self) -> None:
        info = self.contest_app.info
        name = ""
        if info is not None:
            name = f"{info.name_en or info.name_zh if self.lang == 'en' else info.name_zh} {info.edition}"
        self.query_one("#login-contest", Static).update(name or self.t("app.title"))
        self.query_one("#login-heading", Static).update(self.t("login.heading"))
        self.query_one("#login-code-label", Label).update(self.t("login.code"))
        self.query_one("#login-pin-label", Label).update(self.t("login.pin"))
        self.query_one("#login-button", Button).label = self.t("login.button")
        self.query_one("#login-hint", Static).update(self.t("login.hint"))

    def reset(self) -> None:
        """Clear the form (after logout)."""
        self.query_one("#login-code", Input).value = ""
        self.query_one("#login-pin", Input).value = ""
        self.query_one("#login-error", Static).update("")
        self.set_focus(self.query_one("#login-code", Input))

    def action_enter(self) -> None:
        """Enter: from the code to the PIN field, from the PIN (or the button) to the check."""
        if self.focused is self.query_one("#login-code", Input):
            self.set_focus(self.query_one("#login-pin", Input))
        else:
            # keys are applied in order (contest.tui.input_order): every key typed before Enter is in the field
            self._submit()

    @on(Button.Pressed, "#login-button")
    def _submit(self) -> None:
        code = self.query_one("#login-code", Input).value.strip()
        pin = self.query_one("#login-pin", Input).value
        error = self.query_one("#login-error", Static)
        if not code:
            error.update(self.t("login.need_code"))
            self.set_focus(self.query_one("#login-code", Input))
            return
        if not pin:
            error.update(self.t("login.need_pin"))
            self.set_focus(self.query_one("#login-pin", Input))
            return
        if self.busy:
            return
        self.busy = True
        error.update(self.t("login.checking"))
        self._login(code, pin)

    @work(thread=True, exclusive=True, group="login", exit_on_error=False)
    def _login(self, code: str, pin: str) -> None:
        # argon2 verification takes ~0.1 s, so the check runs off the UI thread
        try:
            actor = self.services.login(code, pin)
            info = self.contest_app.info or self.services.info()
        except ContestError as error:
            self.post_message(LoginRefused(error))
            return
        self.post_message(LoggedIn(actor, info))

    def on_login_refused(self, event: LoginRefused) -> None:
        self.busy = False
        self.query_one("#login-error", Static).update(message(event.error, self.lang))
        self.show_error(event.error)
        pin = self.query_one("#login-pin", Input)
        pin.value = ""
        self.set_focus(pin)

    def on_logged_in(self, event: LoggedIn) -> None:
        self.busy = False
        self.query_one("#login-error", Static).update("")
        self.query_one("#login-pin", Input).value = ""
        self.contest_app.logged_in(event.actor, event.info)

    def worker_failed(self, worker: object) -> None:
        self.busy = False
