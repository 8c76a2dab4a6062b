"""Typed dialogs (``ModalScreen[T]``): confirmation, time used, veto, comment, submission summary, module choice,
returning a sheet, overriding a refused sign-off, and the dialogs where people prove who they are
(:class:`CredentialsDialog`: the two-person decryption here, the co-signed sign-off in ``chief_dialogs``).

Each returns its result through ``dismiss``; only the credentials dialogs call a service themselves, because the
officials must see a wrong PIN there and retry without losing what they typed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from contest.errors import ContestError
from contest.services.views import SheetView
from contest.tui.catalogue import key_label, message, mmss, points, score, tr
from contest.tui.messages import ChiefActionDone, ServiceFailed
from contest.tui.screens.base import BaseModal
from contest.tui.time_entry import (
    TimeProblem,
    TimeReading,
    forced_stop_seconds,
    minutes_seconds,
    parse_time_used,
    time_warning,
)
from contest.tui.widgets.entry import coded_line
from rubrics.model import ModuleRubric
from scoresheets.arithmetic import overtime_seconds

CLEAR_VETO = "__clear__"
NO_VETO = "__none__"
"""The veto dialog's explicit "no veto" choice (offered to clerks keying a paper sheet)."""


class ConfirmDialog(BaseModal[bool]):
    """Yes or no; Enter presses the focused button (OK, or Cancel for a dangerous action), ←/→ move between
    them, Esc cancels. The focused button is marked "(Enter)" and a line says what Enter will do, so a dialog
    that starts on Cancel says so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", key_label("dialog.no")),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(
        self, title_key: str, body: str, yes_key: str = "dialog.yes", *, danger: bool = False
    ) -> None:
        super().__init__()
        self.title_key = title_key
        self.body = body
        self.yes_key = yes_key
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog" + (" is-danger" if self.danger else "")):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(self.body, id="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="error" if self.danger else "primary")
                yield Button(id="no")
            yield Static(id="dialog-enter")

    def on_mount(self) -> None:
        # a dangerous confirmation (a veto) starts on "cancel", so a stray Enter does not record it
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t(self.title_key))
        labels = {"yes": self.t(self.yes_key), "no": self.t("dialog.no")}
        focused = self.focused.id if isinstance(self.focused, Button) else None
        for button_id, label in labels.items():
            mark = self.t("dialog.enter_mark") if button_id == focused else ""
            self.query_one(f"#{button_id}", Button).label = label + mark
        self.query_one("#dialog-enter", Static).update(
            self.t("dialog.enter_does", action=labels[focused]) if focused else ""
        )

    def on_descendant_focus(self) -> None:
        """←/→ (or a click) moved the focus: say what Enter does now."""
        self.render_text()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class TimeDialog(BaseModal[int | None]):
    """The contestant's time used: ``mm:ss``, ``mm ss``, whole minutes or ``1290s`` (see
    :mod:`contest.tui.time_entry`), echoed in words as it is typed. A refused text keeps the dialog open with what
    to type; a time past the forced stop or implausible is recorded only after a second Enter (or the confirm
    button) on the same value."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(self, rubric: ModuleRubric, seconds: int | None) -> None:
        super().__init__()
        self.rubric = rubric
        self.seconds = seconds
        self.pending: int | None = None
        """A reading that needs confirmation and was shown as such (the next Enter on it records it)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            yield Input(
                value="" if self.seconds is None else mmss(self.seconds),
                placeholder="mm:ss",
                max_length=12,
                id="time-input",
            )
            yield Static(id="time-echo")
            yield Static(id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="confirm-time", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#confirm-time", Button).display = False
        self.query_one("#time-input", Input).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t("time.title"))
        self.query_one("#dialog-body", Static).update(
            self.t(
                "time.body",
                limit=self.rubric.time_limit_minutes,
                rule=self.rubric.overtime.text.get(self.lang),
            )
        )
        self._echo(self.query_one("#time-input", Input).value)

    def _echo(self, text: str) -> TimeReading:
        """Show what ``text`` means (or nothing yet) and return the reading."""
        reading = parse_time_used(text)
        echo = ""
        if reading.seconds is not None:
            words = minutes_seconds(reading.seconds, self.lang)
            over = overtime_seconds(self.rubric, reading.seconds)
            if over:
                echo = self.t(
                    "time.echo_over",
                    words=words,
                    over=minutes_seconds(over, self.lang),
                    points=points(self.rubric.overtime.deduction(over)),
                )
            else:
                echo = self.t("time.echo", words=words)
        self.query_one("#time-echo", Static).update(echo)
        return reading

    def _problem_text(self, reading: TimeReading) -> str:
        problem = reading.problem
        if problem == TimeProblem.TOO_LONG:
            digits = reading.text.strip()
            if digits.isdigit() and len(digits) in (3, 4) and int(digits[-2:]) < 60:
                guess = f"{digits[:-2]}:{digits[-2:]}"
                return self.t("time.too_long_guess", text=digits, guess=guess)
            return self.t("time.too_long", text=reading.text.strip())
        return self.t(f"time.{problem}", text=reading.text.strip())

    @on(Input.Changed, "#time-input")
    def _changed(self, event: Input.Changed) -> None:
        self._echo(event.value)
        self.pending = None
        self.query_one("#dialog-error", Static).update("")
        self.query_one("#confirm-time", Button).display = False

    @on(Input.Submitted, "#time-input")
    def _submitted(self, event: Input.Submitted) -> None:
        reading = self._echo(event.value)
        error = self.query_one("#dialog-error", Static)
        if reading.seconds is None:
            error.update(self._problem_text(reading))
            self.app.bell()
            return
        seconds = reading.seconds
        warning = time_warning(self.rubric, seconds)
        if warning is None or self.pending == seconds:
            self.dismiss(seconds)
            return
        self.pending = seconds
        stop = forced_stop_seconds(self.rubric)
        error.update(
            self.t(
                f"time.{warning}",
                words=minutes_seconds(seconds, self.lang),
                limit=self.rubric.time_limit_minutes,
                stop=mmss(stop) if stop is not None else "—",
            )
        )
        button = self.query_one("#confirm-time", Button)
        button.label = self.t("time.confirm", time=mmss(seconds))
        button.display = True
        self.app.bell()

    @on(Button.Pressed, "#confirm-time")
    def _confirmed(self) -> None:
        if self.pending is not None:
            self.dismiss(self.pending)

    def action_cancel(self) -> None:
        self.dismiss(None)


class VetoDialog(BaseModal[str | None]):
    """Choose the veto rule (or clear a recorded veto); the caller asks for confirmation."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(self, rubric: ModuleRubric, current: str | None, *, offer_none: bool = False) -> None:
        """``offer_none``: list "no veto" as a choice of its own (instead of "clear the veto")."""
        super().__init__()
        self.rubric = rubric
        self.current = current
        self.offer_none = offer_none

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog is-danger"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            yield OptionList(id="veto-list")

    def on_mount(self) -> None:
        self.query_one("#veto-list", OptionList).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t("veto.title"))
        self.query_one("#dialog-body", Static).update(
            self.t("veto.body") if self.rubric.vetoes or self.offer_none else self.t("veto.none")
        )
        options = [
            Option(
                coded_line(
                    v.code,
                    Text.assemble(
                        v.text.get(self.lang),
                        (self.t("word.aside", text=self.t(f"veto.effect.{v.effect.value}")), "bold red"),
                    ),
                    Text("✓" if v.code == self.current else " ", style="bold red"),
                ),
                id=v.code,
            )
            for v in self.rubric.vetoes
        ]
        if self.offer_none:
            options.insert(0, Option(self.t("veto.no_veto"), id=NO_VETO))
        elif self.current:
            options.append(Option(self.t("veto.clear"), id=CLEAR_VETO))
        veto_list = self.query_one("#veto-list", OptionList)
        keep = veto_list.highlighted
        veto_list.set_options(options)
        if options:
            veto_list.highlighted = keep if keep is not None and keep < len(options) else 0

    @on(OptionList.OptionSelected, "#veto-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(BaseModal[str | None]):
    """One line of text (a comment, a reason); Enter saves, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(
        self,
        title_key: str,
        body: str,
        value: str = "",
        *,
        required_key: str | None = None,
        max_length: int = 2000,
    ) -> None:
        super().__init__()
        self.title_key = title_key
        self.body = body
        self.value = value
        self.required_key = required_key
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(self.body, id="dialog-body")
            yield Input(value=self.value, max_length=self.max_length, id="text-input")
            yield Static(id="dialog-error", classes="dialog-error")

    def on_mount(self) -> None:
        self.query_one("#text-input", Input).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t(self.title_key))

    @on(Input.Submitted, "#text-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.required_key and not event.value.strip():
            self.query_one("#dialog-error", Static).update(self.t(self.required_key))
            self.app.bell()
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SubmitDialog(BaseModal[bool]):
    """The submission summary: totals and what is still missing; submission only when nothing is."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(
        self,
        view: SheetView,
        *,
        title: str | None = None,
        ready_key: str = "submit.ready",
        button_key: str = "submit.button",
        missing: tuple[str, ...] = (),
    ) -> None:
        """``title``/``ready_key``/``button_key`` reword the dialog (the clerk's keying); ``missing``: further
        lines that block the submission."""
        super().__init__()
        self.view = view
        self.heading = title
        self.ready_key = ready_key
        self.button_key = button_key
        self.missing = missing

    @property
    def blocked(self) -> bool:
        """Whether something is missing (open items, the time used, or a caller's own condition)."""
        return bool(self.view.open_items) or self.view.seconds_used is None or bool(self.missing)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="submit-summary")
            yield Static(id="submit-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="primary", disabled=self.blocked)
                yield Button(id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.blocked else "#yes", Button).focus()

    def render_text(self) -> None:
        v = self.view
        self.query_one("#dialog-title", Static).update(self.heading or self.t("submit.title"))
        self.query_one("#submit-summary", Static).update(
            self.t(
                "submit.summary",
                module=v.module_code,
                station=v.station,
                items_total=score(v.items_total),
                overtime=score(v.overtime_deduction),
                veto=v.veto or self.t("word.none"),
                total=score(v.total),
            )
        )
        lines = []
        if v.open_items:
            shown = ", ".join(v.open_items[:12]) + (" …" if len(v.open_items) > 12 else "")
            lines.append(self.t("submit.open", n=len(v.open_items), items=shown))
        if v.seconds_used is None:
            lines.append(self.t("submit.no_time"))
        lines.extend(self.missing)
        status = self.query_one("#submit-status", Static)
        status.set_class(bool(lines), "dialog-error")
        status.update("\n".join(lines) if lines else self.t(self.ready_key, n=len(v.rubric.items)))
        self.query_one("#yes", Button).label = self.t(self.button_key)
        self.query_one("#no", Button).label = self.t("dialog.close" if self.blocked else "dialog.no")

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(not self.blocked)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ChooseDialog(BaseModal[str | None]):
    """Pick one of a few options (e.g. the module to sign off)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(self, title_key: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_key = title_key
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield OptionList(*(Option(label, id=key) for key, label in self.options), id="choose-list")

    def on_mount(self) -> None:
        self.query_one("#choose-list", OptionList).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t(self.title_key))

    @on(OptionList.OptionSelected, "#choose-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReturnDialog(BaseModal[tuple[str, str] | None]):
    """Return a submitted sheet: which judge (if several) and the reason the judge will see."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(self, module_code: str, station: str, judges: list[tuple[str, str]]) -> None:
        """``judges``: (judge code, label shown in the list, e.g. with the judge's mark)."""
        super().__init__()
        self.module_code = module_code
        self.station = station
        self.judges = judges

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            yield Label(id="judge-label")
            yield OptionList(*(Option(label, id=code) for code, label in self.judges), id="judge-list")
            yield Label(id="reason-label")
            yield Input(max_length=500, id="reason-input")
            yield Static(id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="warning")
                yield Button(id="no")

    def on_mount(self) -> None:
        judges = self.query_one("#judge-list", OptionList)
        judges.highlighted = 0
        judges.display = len(self.judges) > 1
        self.query_one("#judge-label", Label).display = len(self.judges) > 1
        self.query_one("#reason-input", Input).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t("chief.return.title"))
        body = self.t("chief.return.body", module=self.module_code, station=self.station)
        if len(self.judges) == 1:
            body += f" · {self.t('chief.return.judge')} {self.judges[0][1]}"
        self.query_one("#dialog-body", Static).update(body)
        self.query_one("#judge-label", Label).update(self.t("chief.return.judge"))
        self.query_one("#reason-label", Label).update(self.t("chief.return.reason"))
        self.query_one("#yes", Button).label = self.t("chief.return.button")
        self.query_one("#no", Button).label = self.t("dialog.no")

    @on(Input.Submitted, "#reason-input")
    @on(Button.Pressed, "#yes")
    def _confirm(self) -> None:
        reason = self.query_one("#reason-input", Input).value.strip()
        if not reason:
            self.query_one("#dialog-error", Static).update(self.t("chief.return.need_reason"))
            self.app.bell()
            return
        option = self.query_one("#judge-list", OptionList).highlighted_option
        judge = option.id if option is not None and option.id else self.judges[0][0]
        self.dismiss((judge, reason))

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(None)


class OverrideDialog(BaseModal[str | None]):
    """The refusal's message, and a reason to sign off anyway."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}

    def __init__(self, refusal: str) -> None:
        super().__init__()
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog is-danger"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            yield Input(max_length=500, id="override-input")
            yield Static(id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="error")
                yield Button(id="no")

    def on_mount(self) -> None:
        self.query_one("#override-input", Input).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t("chief.override.title"))
        self.query_one("#dialog-body", Static).update(self.t("chief.override.body", message=self.refusal))
        self.query_one("#yes", Button).label = self.t("chief.override.button")
        self.query_one("#no", Button).label = self.t("dialog.no")

    @on(Input.Submitted, "#override-input")
    @on(Button.Pressed, "#yes")
    def _confirm(self) -> None:
        reason = self.query_one("#override-input", Input).value.strip()
        if not reason:
            self.query_one("#dialog-error", Static).update(self.t("chief.override.need"))
            self.app.bell()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(None)


class CredentialsDialog(BaseModal[bool]):
    """A decision that needs people to prove who they are: labelled fields (some of them PINs), typed in order
    (Enter moves on; on the last field it confirms), a confirm and a cancel button. The service is called in a
    worker (:meth:`submit`); a refusal keeps the dialog open with the service's words, the PINs cleared and the
    first PIN field focused, so nobody loses what else they typed.

    A subclass names its fields (``FIELDS``: id, label key, secret), its keys (``TITLE``, ``BUTTON``, ``NEED``: the
    message when a field is empty), its ``DIALOG_ID``, the field focused first (``FIRST``), and gives
    :meth:`body` and :meth:`submit`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", key_label("dialog.no"))]
    LABELS: ClassVar[dict[str, str]] = {"cancel": "dialog.no"}
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = ()
    DIALOG_ID: ClassVar[str] = ""
    FIRST: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    BUTTON: ClassVar[str] = ""
    NEED: ClassVar[str] = ""
    NOTIFY_REFUSAL: ClassVar[bool] = False
    """Also show a refusal as a notice (beside the dialog's own error line)."""

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def initial(self, field_id: str) -> str:
        """What a field holds when the dialog opens."""
        return ""

    def max_length(self, field_id: str, secret: bool) -> int:
        return 12 if secret else 32

    def body(self) -> Text:
        """The dialog's explanation, in the current language."""
        raise NotImplementedError

    def submit(self, values: list[str]) -> None:
        """Call the service with the fields' values, in ``FIELDS`` order, in a thread worker."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog is-danger", id=self.DIALOG_ID):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            for field_id, _key, secret in self.FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(id=f"{field_id}-label", classes="field-label")
                    yield Input(
                        value=self.initial(field_id),
                        password=secret,
                        restrict=r"[0-9]*" if secret else None,
                        max_length=self.max_length(field_id, secret),
                        compact=True,
                        id=field_id,
                    )
            yield Static(id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="error")
                yield Button(id="no")

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIRST}", Input).focus()

    def render_text(self) -> None:
        self.query_one("#dialog-title", Static).update(self.t(self.TITLE))
        self.query_one("#dialog-body", Static).update(self.body())
        for field_id, key, _secret in self.FIELDS:
            self.query_one(f"#{field_id}-label", Label).update(self.t(key))
        self.query_one("#yes", Button).label = self.t(self.BUTTON)
        self.query_one("#no", Button).label = self.t("dialog.no")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == self.FIELDS[-1][0]:
            self._confirm()
        else:
            self.focus_next()

    @on(Button.Pressed, "#yes")
    def _confirm(self) -> None:
        values = [self.query_one(f"#{f}", Input).value.strip() for f, _k, _s in self.FIELDS]
        if not all(values):
            self.query_one("#dialog-error", Static).update(self.t(self.NEED))
            self.app.bell()
            return
        if self.busy:
            return
        self.busy = True
        self.query_one("#dialog-error", Static).update(self.t("chief.working"))
        self.submit(values)

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.busy = False
        if self.NOTIFY_REFUSAL:
            self.show_error(event.error)
        self.query_one("#dialog-error", Static).update(Text(message(event.error, self.lang)))
        secrets = [f for f, _k, secret in self.FIELDS if secret]
        for field_id in secrets:
            self.query_one(f"#{field_id}", Input).value = ""
        self.query_one(f"#{secrets[0]}", Input).focus()

    def on_chief_action_done(self, event: ChiefActionDone) -> None:
        self.busy = False
        self.contest_app.notify(event.text)
        self.dismiss(True)

    def worker_failed(self, worker: object) -> None:
        self.busy = False

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class DecryptDialog(CredentialsDialog):
    """Chief judge and supervisor each type their code and PIN; the dialog stays open until it works or Esc."""

    FIELDS = (
        ("chief-code", "chief.decrypt.chief_code", False),
        ("chief-pin", "chief.decrypt.chief_pin", True),
        ("sup-code", "chief.decrypt.sup_code", False),
        ("sup-pin", "chief.decrypt.sup_pin", True),
    )
    DIALOG_ID = "decrypt-dialog"
    FIRST = "chief-pin"
    TITLE = "chief.decrypt.title"
    BUTTON = "chief.decrypt.button"
    NEED = "chief.decrypt.need"
    NOTIFY_REFUSAL = True

    def __init__(self, chief_code: str) -> None:
        super().__init__()
        self.chief_code = chief_code

    def initial(self, field_id: str) -> str:
        return self.chief_code if field_id == "chief-code" else ""

    def body(self) -> Text:
        return Text(self.t("chief.decrypt.body"))

    def submit(self, values: list[str]) -> None:
        self._decrypt(*values)

    @work(thread=True, exclusive=True, group="decrypt", exit_on_error=False)
    def _decrypt(self, chief_code: str, chief_pin: str, sup_code: str, sup_pin: str) -> None:
        try:
            self.services.decrypt(chief_code, chief_pin, sup_code, sup_pin)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "decrypt"))
            return
        self.post_message(ChiefActionDone(tr(self.lang, "chief.decrypt.done")))


__all__ = [
    "CLEAR_VETO",
    "NO_VETO",
    "ChooseDialog",
    "ConfirmDialog",
    "CredentialsDialog",
    "DecryptDialog",
    "OverrideDialog",
    "ReturnDialog",
    "SubmitDialog",
    "TextDialog",
    "TimeDialog",
    "VetoDialog",
]
