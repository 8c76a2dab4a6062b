"""The scoring screen for one (module, station): every item needs an explicit entry, each confirmed entry is
stored at once, and the running item and module totals come back from the service.

Layout (usable at 80×24, shared with the clerk's keying screen, see :mod:`contest.tui.screens.sheet_entry`): a
two-line sheet bar; a red banner when the chief judge returned the sheet or when it is read-only; the compact
item list on the left (✓ entered / ◌ open, points, score) and the entry panel for the highlighted item on the
right (scenario, requirement, deduction rules or level descriptors, typed score).

Writes go through a FIFO queue drained by one thread worker at a time, so quick key presses ("n n n") are
stored in order, each with the version the previous write returned. A confirmed entry counts as entered at once
(:attr:`SheetEntryScreen.pending`) while its write waits, so what the judge types next means the same whether the
store answers in a millisecond or a second. Submitting and leaving wait for the queue (keys typed meanwhile wait
too, in order); a refused write stops everything typed after it and says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.widgets import Input
from textual.worker import Worker

from contest.errors import ContestError, StaleWrite
from contest.services import Services
from contest.services.views import SheetView
from contest.tui.catalogue import message, mmss, points
from contest.tui.messages import ServiceFailed, SheetLoaded, SheetOp, SheetSaved, SheetSaveFailed
from contest.tui.screens.dialogs import (
    CLEAR_VETO,
    ConfirmDialog,
    SubmitDialog,
    TextDialog,
    TimeDialog,
    VetoDialog,
)
from contest.tui.screens.sheet_entry import ScoreValidator, SheetEntryScreen, entry_summary
from contest.tui.widgets.item_list import ItemList
from scoresheets.errors import ScoresheetError
from scoresheets.model import ItemEntry

__all__ = ["ScoreValidator", "ScoringScreen", "entry_summary"]


@dataclass(frozen=True)
class SheetCalls:
    """What the scoring screen calls to read and write its sheet (same signatures for both kinds)."""

    open_sheet: Callable[..., SheetView]
    save_mark: Callable[..., SheetView]
    set_sheet_info: Callable[..., SheetView]
    submit_sheet: Callable[..., SheetView]

    @classmethod
    def of(cls, services: Services, *, calibration: bool) -> SheetCalls:
        if calibration:
            return cls(
                services.open_calibration_sheet,
                services.save_calibration_mark,
                services.set_calibration_info,
                services.submit_calibration_sheet,
            )
        return cls(services.open_sheet, services.save_mark, services.set_sheet_info, services.submit_sheet)


class ScoringScreen(SheetEntryScreen):
    """One judge's sheet for one station of one module."""

    def __init__(self, module_code: str, station: str, *, calibration: bool = False) -> None:
        """``calibration``: ``station`` is a calibration performance (``K1``) and the calls go to its sheet."""
        super().__init__(module_code, station, screen_id="scoring")
        self.calibration = calibration
        self._queue: deque[SheetOp] = deque()
        self._saving = False
        self._after_writes: Callable[[], None] | None = None
        """What to do once the write queue is empty (submit, leave); input waits until then."""

    @property
    def calls(self) -> SheetCalls:
        """The four sheet calls this screen makes: on a live sheet, or on a calibration sheet."""
        return SheetCalls.of(self.services, calibration=self.calibration)

    @property
    def accepts_input(self) -> bool:
        return self.view is not None and self._after_writes is None

    def on_mount(self) -> None:
        self.set_interval(self.contest_app.poll_seconds, self._poll)

    # -- loading -----------------------------------------------------------------------------------------------
    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        try:
            view = self.calls.open_sheet(self.actor, self.module_code, self.station)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        self.post_fresh(SheetLoaded(view))

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.show_error(event.error)
        if self.view is None:
            self.app.pop_screen()

    def _poll(self) -> None:
        """Pick up changes made elsewhere (e.g. the chief judge returned the sheet)."""
        if not self._saving and not self._queue and self.app.screen is self and self.view is not None:
            self._load()

    def on_sheet_loaded(self, event: SheetLoaded) -> None:
        old = self.view
        if old is not None and event.view.version <= old.version:
            return  # nothing new, or an older read overtaken by our own write
        self.show_view(event.view)

    def leave(self) -> None:
        if self._saving or self._queue:
            self.say(self.t("sheet.saving"))
            self._after_writes = self.app.pop_screen
            return
        self.app.pop_screen()

    # -- entering ----------------------------------------------------------------------------------------------
    def store_entry(self, entry: ItemEntry, label: str) -> None:
        actor, module, station = self.actor, self.module_code, self.station
        self._enqueue(
            SheetOp(
                label,
                lambda version: self.calls.save_mark(actor, module, station, entry, expected_version=version),
                entry=entry,
            )
        )
        self.pending[entry.item_id] = entry

    # -- sheet-level entries -----------------------------------------------------------------------------------
    def action_time(self) -> None:
        """t: the time used (mm:ss); the overtime deduction follows from the rubric."""
        view = self.view
        if view is None or not self._can_edit():
            return
        actor, module, station = self.actor, self.module_code, self.station

        def done(seconds: int | None) -> None:
            if seconds is None:
                return
            self._enqueue(
                SheetOp(
                    mmss(seconds),
                    lambda version: self.calls.set_sheet_info(
                        actor, module, station, seconds_used=seconds, expected_version=version
                    ),
                )
            )

        self.app.push_screen(TimeDialog(view.rubric, view.seconds_used), done)

    def action_veto(self) -> None:
        """v: record (or clear) a veto, after a confirmation."""
        view = self.view
        if view is None or not self._can_edit():
            return
        actor, module, station = self.actor, self.module_code, self.station

        def confirmed(code: str, yes: bool | None) -> None:
            if not yes:
                return
            if code == CLEAR_VETO:
                call = lambda version: self.calls.set_sheet_info(  # noqa: E731
                    actor, module, station, clear_veto=True, expected_version=version
                )
            else:
                call = lambda version: self.calls.set_sheet_info(  # noqa: E731
                    actor, module, station, veto=code, expected_version=version
                )
            self._enqueue(SheetOp(code, call))

        def chosen(code: str | None) -> None:
            if code is None:
                return
            if code == CLEAR_VETO:
                body = self.t("veto.clear.body", station=station, code=view.veto or "")
            else:
                rule = view.rubric.veto(code)
                if rule is None:
                    return
                body = self.t(
                    "veto.confirm.body",
                    station=station,
                    code=rule.code,
                    text=rule.text.get(self.lang),
                    effect=self.t(f"veto.effect.{rule.effect.value}"),
                )
            self.app.push_screen(
                ConfirmDialog(
                    "veto.clear.title" if code == CLEAR_VETO else "veto.confirm.title",
                    body,
                    "veto.clear" if code == CLEAR_VETO else "dialog.yes",
                    danger=True,
                ),
                lambda yes: confirmed(code, yes),
            )

        self.app.push_screen(VetoDialog(view.rubric, view.veto), chosen)

    def action_comment(self) -> None:
        """c: a free comment on the sheet."""
        view = self.view
        if view is None or not self._can_edit():
            return
        actor, module, station = self.actor, self.module_code, self.station

        def done(text: str | None) -> None:
            if text is None:
                return
            self._enqueue(
                SheetOp(
                    self.t("key.comment"),
                    lambda version: self.calls.set_sheet_info(
                        actor, module, station, comment=text, expected_version=version
                    ),
                )
            )

        self.app.push_screen(TextDialog("comment.title", self.t("comment.body"), view.comment), done)

    def action_submit(self) -> None:
        """s: the summary, then submission (only when every item and the time are entered)."""
        view = self.view
        if view is None or not self._can_edit():
            return
        if self._saving or self._queue:
            # the summary must show the stored sheet: open it once every write is in (keys wait meanwhile)
            self.say(self.t("sheet.saving"))
            self._after_writes = self.action_submit
            return
        actor, module, station = self.actor, self.module_code, self.station

        def done(yes: bool | None) -> None:
            if yes:
                self._enqueue(
                    SheetOp(
                        self.t("key.submit"),
                        lambda version: self.calls.submit_sheet(actor, module, station, version),
                        submit=True,
                    )
                )

        self.app.push_screen(SubmitDialog(view), done)

    # -- the write queue ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether writes are queued or running."""
        return self._saving or bool(self._queue)

    def _enqueue(self, op: SheetOp) -> None:
        self._queue.append(op)
        if not self._saving:
            # the write starts once the screen shows the key's effect (the next item highlighted, the entry
            # marked ⋯): a write running meanwhile would hold the interpreter for the store's work, and the judge
            # would see the move late; the entry counts as entered at once either way (``pending``)
            self.call_after_refresh(self._pump)

    def _pump(self) -> None:
        if self._saving or not self._queue or self.view is None:
            return
        op = self._queue.popleft()
        self._saving = True
        self._write(op, self.view.version)

    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, op: SheetOp, version: int) -> None:
        try:
            view = op.call(version)
        except (ContestError, ScoresheetError) as error:
            self.post_message(SheetSaveFailed(error, op))
            return
        self.post_message(SheetSaved(view, op))

    def on_sheet_saved(self, event: SheetSaved) -> None:
        self._saving = False
        self.show_view(event.view)
        entry = event.op.entry
        if entry is not None and self.pending.get(entry.item_id) is entry:
            del self.pending[entry.item_id]  # stored: the store's entry is the one that counts now
            self._render_list()
        if event.op.submit:
            self.contest_app.notify(self.t("sheet.submitted", station=self.station))
            self.query_one("#item-list", ItemList).focus()
        else:
            item = self.current_item()
            if item is not None:
                self._render_hint(item, self.t("sheet.saved", item=event.op.label))
        self._pump()
        self._run_after_writes()

    def _run_after_writes(self) -> None:
        if self._after_writes is not None and not self._saving and not self._queue:
            then, self._after_writes = self._after_writes, None
            if self.app.screen is self:
                then()

    def on_sheet_save_failed(self, event: SheetSaveFailed) -> None:
        # between keys: a key half applied now would act on the refused item this highlights
        self.contest_app.between_keys(self, lambda: self._refused(event))

    def _refused(self, event: SheetSaveFailed) -> None:
        self._saving = False
        unsent = len(self._queue)
        self._queue.clear()
        self._after_writes = None
        # nothing typed after the refused entry is applied anywhere: the judge looks at the refusal first
        stopped = self.contest_app.discard_pending_input()
        self.pending.clear()
        self._render_list()
        self.show_error(event.error)
        entry = event.op.entry
        if entry is not None:
            # back to the refused item with what was entered still on screen (the ticks and a typed score are
            # put back), so Enter retries
            if entry.deductions:
                self.ticks[entry.item_id] = {a.code: a.count for a in entry.deductions}
            self.query_one("#item-list", ItemList).highlight_item(entry.item_id)
            self._render_entry(force=True)
            if entry.score is not None:
                self.query_one("#score-input", Input).value = points(entry.score)
        note = message(event.error, self.lang)
        if stopped or unsent:
            note += "\n" + self.t("sheet.keys_stopped", entries=unsent, keys=stopped)
        self.say(note, error=True)
        if isinstance(event.error, StaleWrite):
            self._load()
            self.contest_app.notify(self.t("sheet.reloaded"), severity="warning")

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "save":
            self.contest_app.between_keys(self, self._save_crashed)

    def _save_crashed(self) -> None:
        self._saving = False
        self._queue.clear()
        self._after_writes = None
        self.contest_app.discard_pending_input()
        self.pending.clear()
        self._render_list()
