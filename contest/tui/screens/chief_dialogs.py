"""The chief judge's two decisions that need more than a yes: signing a module off below the sheet quorum with
the supervisor's co-signature (reason, supervisor code and PIN, verified by the service like a login), and
settling a clerk double-entry mismatch by choosing, field by field, whose keying is right (both keyings side by
side). Each dialog calls its service in a worker and stays open with the service's words when refused.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from contest.errors import ContestError
from contest.services.clerk import TIME, VETO, ClerkDispute
from contest.tui.catalogue import key_label, message, mmss, score, tr
from contest.tui.messages import ChiefActionDone, ServiceFailed
from contest.tui.screens.base import BaseModal
from contest.tui.screens.dialogs import CredentialsDialog
from contest.tui.widgets.table import Table
from rubrics.model import ModuleRubric
from scoresheets.model import ItemEntry


class CosignDialog(CredentialsDialog):
    """Sign-off below the quorum: the refusal, a reason, and the supervisor's code and PIN."""

    FIELDS = (
        ("cosign-reason", "chief.cosign.reason", False),
        ("cosign-code", "chief.decrypt.sup_code", False),
        ("cosign-pin", "chief.decrypt.sup_pin", True),
    )
    DIALOG_ID = "cosign-dialog"
    FIRST = "cosign-reason"
    TITLE = "chief.cosign.title"
    BUTTON = "chief.cosign.button"
    NEED = "chief.cosign.need"

    def __init__(self, module_code: str, refusal: str) -> None:
        super().__init__()
        self.module_code = module_code
        self.refusal = refusal

    def max_length(self, field_id: str, secret: bool) -> int:
        return 500 if field_id == "cosign-reason" else super().max_length(field_id, secret)

    def body(self) -> Text:
        return Text(self.t("chief.cosign.body", module=self.module_code, message=self.refusal))

    def submit(self, values: list[str]) -> None:
        self._sign_off(*values)

    @work(thread=True, exclusive=True, group="cosign", exit_on_error=False)
    def _sign_off(self, reason: str, code: str, pin: str) -> None:
        try:
            self.services.sign_off(self.actor, self.module_code, reason, supervisor=(code, pin))
        except ContestError as error:
            self.post_message(ServiceFailed(error, "sign_off"))
            return
        self.post_message(ChiefActionDone(tr(self.lang, "chief.signed_off", module=self.module_code)))


def describe(entry: ItemEntry | None, lang: str) -> str:
    """One keyed item in words: a level, the ticked rules, a typed score, or no deduction."""
    if entry is None:
        return "—"
    if entry.level is not None:
        return tr(lang, "chief.resolve.level", level=entry.level)
    if entry.score is not None:
        return tr(lang, "chief.resolve.score", score=score(entry.score))
    if entry.deductions:
        rules = tr(lang, "word.sep.list").join(
            a.code if a.count == 1 else f"{a.code}×{a.count}" for a in entry.deductions
        )
        return tr(lang, "chief.resolve.rules", rules=rules)
    return tr(lang, "chief.resolve.none")


class ResolveDialog(BaseModal[bool]):
    """A clerk double-entry mismatch: each differing field with every clerk's value side by side. Enter on a
    clerk's value chooses it; s (or the button) stores the judge's sheet from the choices (logged)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "store", key_label("chief.resolve.button")),
        Binding("escape", "cancel", key_label("dialog.no")),
    ]
    LABELS: ClassVar[dict[str, str]] = {"store": "chief.resolve.button", "cancel": "dialog.no"}

    def __init__(self, dispute: ClerkDispute, rubric: ModuleRubric) -> None:
        super().__init__()
        self.dispute = dispute
        self.rubric = rubric
        self.picks: dict[str, str] = {}
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="resolve-dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            yield Static(id="dialog-body")
            yield Table(id="resolve-table", cursor_type="cell", zebra_stripes=True)
            yield Static(id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="primary")
                yield Button(id="no")

    def on_mount(self) -> None:
        self.query_one("#resolve-table", DataTable).focus()

    def field_label(self, field: str) -> str:
        if field == TIME:
            return self.t("clerk.mismatch.time")
        if field == VETO:
            return self.t("clerk.mismatch.veto")
        item = self.rubric.item(field)
        return f"{field} {item.title.get(self.lang)}" if item is not None else field

    def value(self, field: str, index: int) -> str:
        keying = self.dispute.keyings[index]
        if field == TIME:
            return mmss(keying.seconds_used)
        if field == VETO:
            return keying.veto or self.t("veto.no_veto")
        return describe(keying.entries.get(field), self.lang)

    def render_text(self) -> None:
        d = self.dispute
        self.query_one("#dialog-title", Static).update(self.t("chief.resolve.title"))
        self.query_one("#dialog-body", Static).update(
            self.t("chief.resolve.body", module=d.module_code, station=d.station, judge=d.judge_code)
        )
        self.query_one("#yes", Button).label = self.t("chief.resolve.button")
        self.query_one("#no", Button).label = self.t("dialog.no")
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#resolve-table", DataTable)
        keep = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(self.t("chief.col.item"), key="field")
        for keying in self.dispute.keyings:
            table.add_column(keying.clerk, key=keying.clerk)
        for field in self.dispute.differing:
            cells: list[object] = [Text(self.field_label(field), style="bold")]
            for index, keying in enumerate(self.dispute.keyings):
                chosen = self.picks.get(field) == keying.clerk
                text = self.value(field, index)
                cells.append(
                    Text(f"● {text}" if chosen else f"  {text}", style="bold green" if chosen else "")
                )
            table.add_row(*cells, key=field)
        if self.dispute.differing:
            table.move_cursor(row=keep.row, column=max(keep.column, 1))  # on a value, never the label

    @on(DataTable.CellSelected, "#resolve-table")
    def _pick(self, event: DataTable.CellSelected) -> None:
        field, clerk = event.cell_key.row_key.value, event.cell_key.column_key.value
        if field is None or clerk is None or clerk == "field":
            return
        self.picks[field] = clerk
        self._fill()
        table = self.query_one("#resolve-table", DataTable)
        if event.coordinate.row + 1 < table.row_count:
            table.move_cursor(row=event.coordinate.row + 1)

    @on(Button.Pressed, "#yes")
    def action_store(self) -> None:
        open_fields = [f for f in self.dispute.differing if f not in self.picks]
        if open_fields:
            self.query_one("#dialog-error", Static).update(
                self.t("chief.resolve.need", fields=self.t("word.sep.list").join(open_fields))
            )
            self.app.bell()
            return
        if self.busy:
            return
        self.busy = True
        self.query_one("#dialog-error", Static).update(self.t("chief.working"))
        self._resolve(dict(self.picks))

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def _resolve(self, picks: dict[str, str]) -> None:
        d = self.dispute
        try:
            self.services.clerk_resolve(self.actor, d.module_code, d.station, d.judge_code, picks)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "resolve"))
            return
        self.post_message(
            ChiefActionDone(
                tr(
                    self.lang,
                    "chief.resolve.done",
                    module=d.module_code,
                    station=d.station,
                    judge=d.judge_code,
                )
            )
        )

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.busy = False
        self.query_one("#dialog-error", Static).update(Text(message(event.error, self.lang)))

    def on_chief_action_done(self, event: ChiefActionDone) -> None:
        self.busy = False
        self.contest_app.notify(event.text)
        self.dismiss(True)

    def worker_failed(self, worker: object) -> None:
        self.busy = False

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)
