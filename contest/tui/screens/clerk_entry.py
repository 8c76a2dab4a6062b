"""Clerk double entry (paper fallback): the keying screen for one judge's paper sheet at one station, opened from
the clerk's home (:mod:`contest.tui.screens.clerk_home`); the clerk keys the whole sheet and submits the keying to
:meth:`~contest.services.clerk.ClerkServices.clerk_enter`.

Nothing is stored until the whole sheet is keyed: the keying screen collects the entries locally (the running
totals let the clerk check the paper's own sums). The service compares the second clerk's blind keying with the
first one item by item; a match stores the judge's submitted sheet. A mismatch keeps both keyings as they are:
the screen says how many fields differ, never which (a clerk who could re-key the flagged items until they match
would defeat blind entry), and the sheet waits for a third clerk's blind keying or the chief judge's decision.
The clerk who keyed first cannot confirm — the service refuses and the screen shows its words.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.widgets import Static

from contest.errors import ContestError, NotFound
from contest.i18n import Msg
from contest.services.views import SheetView
from contest.tui.catalogue import key_label, message, state_label
from contest.tui.messages import ClerkKeyed, ClerkWithdrawn, RubricLoaded, ServiceFailed
from contest.tui.screens.dialogs import NO_VETO, ConfirmDialog, SubmitDialog, TimeDialog, VetoDialog
from contest.tui.screens.sheet_entry import SheetEntryScreen
from contest.tui.widgets.item_list import ItemList
from rubrics.model import Item, ModuleRubric
from scoresheets.arithmetic import score_sheet
from scoresheets.errors import ScoresheetError
from scoresheets.model import ItemEntry, JudgeSheet
from scoresheets.numbers import Rounding

DONE_STATES = frozenset({"submitted", "signed_off"})
"""Sheet states that need no keying (the service would refuse)."""


class ClerkEntryScreen(SheetEntryScreen):
    """One judge's paper sheet for one station, keyed by a clerk; stored only through double entry."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "withdraw", key_label("clerk.key.withdraw"))]
    LABELS: ClassVar[dict[str, str]] = {
        **SheetEntryScreen.LABELS,
        "submit": "clerk.key.submit",
        "withdraw": "clerk.key.withdraw",
    }

    def __init__(
        self,
        module_code: str,
        station: str,
        judge_code: str,
        judge_name: str = "",
        sheet_state: str = "none",
        *,
        earlier: tuple[str, ...] = (),
    ) -> None:
        """``sheet_state``: the judge's sheet as the home screen saw it (a submitted one cannot be keyed).
        ``earlier``: the clerks whose keyings differ, when this is a third keying."""
        super().__init__(module_code, station, screen_id="clerk-entry")
        self.judge_code = judge_code
        self.judge_name = judge_name
        self.rubric: ModuleRubric | None = None
        self.rounding: Rounding | None = None
        self.entries: dict[str, ItemEntry] = {}
        self.seconds_used: int | None = None
        self.veto: str | None = None
        self.earlier = earlier
        self.outcome: str | None = "locked" if sheet_state in DONE_STATES else None
        """None while keying; ``first`` / ``matched`` / ``mismatch`` after the service took the keying (then
        read-only: a keying is never changed once stored); ``locked``."""
        self.sheet_state = sheet_state
        self.banner: tuple[str, dict[str, object], str] | None = (
            ("third", {"clerks": tuple(earlier)}, "is-returned") if earlier else None
        )
        """(what, details, CSS class) of the banner under the sheet bar; worded when shown (F2 rewords it)."""
        self.busy = False

    # -- loading -----------------------------------------------------------------------------------------------
    def load(self) -> None:
        self._load_rubric()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_rubric(self) -> None:
        try:
            config = self.services.config()
            rubric = config.module(self.module_code).rubric
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        except KeyError:
            self.post_message(
                ServiceFailed(NotFound(Msg("clerk.no_module", module=self.module_code)), "load")
            )
            return
        self.post_fresh(RubricLoaded(rubric, config.rounding))

    def on_rubric_loaded(self, event: RubricLoaded) -> None:
        self.rubric = event.rubric
        self.rounding = event.rounding
        if self.outcome == "locked":
            self.banner = ("locked", {}, "is-locked")
        self.refresh_view()

    def build_view(self) -> SheetView:
        """The keying so far as a sheet view, scored by the rubric (for the running totals only)."""
        rubric = self.rubric
        assert rubric is not None
        entries = {i.id: self.entries[i.id] for i in rubric.items if i.id in self.entries}
        result = score_sheet(
            rubric,
            JudgeSheet(self.judge_code, self.station, tuple(entries.values()), self.veto, self.seconds_used),
            require_complete=False,
            rounding=self.rounding,
        )
        if self.outcome == "locked":
            state = self.sheet_state
        elif self.outcome is not None:
            state = "submitted"
        else:
            state = "draft" if entries or self.seconds_used is not None else "none"
        return SheetView(
            module_code=self.module_code,
            station=self.station,
            judge_code=self.judge_code,
            rubric=rubric,
            state=state,
            version=0,
            entries=entries,
            item_scores=result.item_scores,
            items_total=result.items_total,
            overtime_deduction=result.overtime_deduction,
            total=result.total_after_veto,
            seconds_used=self.seconds_used,
            veto=self.veto,
            comment="",
            return_reason="",
        )

    def refresh_view(self) -> None:
        """Rebuild the view from the keying and show it."""
        if self.rubric is not None:
            self.show_view(self.build_view())

    # -- what the base screen asks -----------------------------------------------------------------------------
    def store_entry(self, entry: ItemEntry, label: str) -> None:
        self.entries[entry.item_id] = entry
        self.ticks.pop(entry.item_id, None)
        self.refresh_view()

    def bar_status(self, view: SheetView) -> tuple[str, str]:
        if self.outcome == "first":
            return self.t("clerk.status.first"), "bold yellow"
        if self.outcome == "matched":
            return self.t("clerk.status.matched"), "bold green"
        if self.outcome == "mismatch":
            return self.t("clerk.status.mismatch"), "bold red"
        if self.earlier and self.outcome is None:
            return self.t("clerk.status.third", judge=self.judge_code), "bold yellow"
        if self.outcome == "locked":
            return self.t("clerk.status.locked", state=state_label(self.lang, self.sheet_state)), "bold"
        return self.t("clerk.status.keying", judge=self.judge_code), "bold"

    def render_banner(self, view: SheetView) -> None:
        banner = self.query_one("#sheet-banner", Static)
        banner.remove_class("is-returned", "is-locked", "is-done")
        if self.banner is None:
            banner.display = False
            return
        what, details, css = self.banner
        banner.update(Text(self.banner_text(what, details)))
        banner.add_class(css)
        banner.display = True

    def _clerks(self, details: dict[str, object]) -> str:
        """The clerks' codes of a banner, listed in the current language."""
        clerks = details["clerks"]
        assert isinstance(clerks, tuple)
        return self.t("word.sep.list").join(clerks)

    def banner_text(self, what: str, details: dict[str, object]) -> str:
        """The banner in the current language."""
        if what == "locked":
            return self._locked_text()
        if what == "first":
            return self.t("clerk.banner.first", clerk=details["clerk"])
        if what == "matched":
            return self.t("clerk.banner.matched", judge=self.judge_code, clerks=self._clerks(details))
        if what == "mismatch":
            return self.t("clerk.banner.differs", n=details["n"])
        if what == "third":
            return self.t("clerk.banner.third", clerks=self._clerks(details))
        if what == "refused":
            return self.t("clerk.banner.refused", message=message(details["error"], self.lang))  # type: ignore[arg-type]
        return self.t("clerk.withdrawn")

    def read_only_note(self, view: SheetView) -> str:
        if self.outcome == "first":
            return self.t("clerk.read_only.first")
        if self.outcome == "matched":
            return self.t("clerk.read_only.matched")
        if self.outcome == "mismatch":
            return self.t("clerk.read_only.mismatch")
        return self._locked_text()

    def _locked_text(self) -> str:
        return self.t(
            "clerk.banner.locked", judge=self.judge_code, state=state_label(self.lang, self.sheet_state)
        )

    def flagged_items(self) -> frozenset[str]:
        """Never any: which items differ is not shown to a clerk (blind entry)."""
        return frozenset()

    def item_note(self, item: Item) -> str | None:
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No comment on a clerk's keying (the paper is the record); withdraw until the sheet is stored."""
        if action == "comment":
            return False
        if action == "withdraw":
            return self.outcome not in ("matched", "mismatch", "locked")
        return super().check_action(action, parameters)

    def leave(self) -> None:
        """Esc: back to the clerk's home; unsubmitted keying is discarded only after a confirmation."""
        if self.busy:
            self.say(self.t("clerk.working"), error=True)
            return
        if self.outcome is None and (self.entries or self.seconds_used is not None):

            def done(yes: bool | None) -> None:
                if yes:
                    self.app.pop_screen()

            self.app.push_screen(
                ConfirmDialog(
                    "clerk.leave.title", self.t("clerk.leave.body"), "clerk.leave.button", danger=True
                ),
                done,
            )
            return
        self.app.pop_screen()

    # -- sheet-level entries -----------------------------------------------------------------------------------
    def action_time(self) -> None:
        """t: the time used from the paper (mm:ss)."""
        if self.rubric is None or not self._can_edit():
            return

        def done(seconds: int | None) -> None:
            if seconds is not None:
                self.seconds_used = seconds
                self.refresh_view()

        self.app.push_screen(TimeDialog(self.rubric, self.seconds_used), done)

    def action_veto(self) -> None:
        """v: the veto from the paper — a rule (after a confirmation) or "no veto"."""
        rubric = self.rubric
        if rubric is None or not self._can_edit():
            return

        def confirmed(code: str, yes: bool | None) -> None:
            if yes:
                self.veto = code
                self.refresh_view()

        def chosen(code: str | None) -> None:
            if code is None:
                return
            if code == NO_VETO:
                self.veto = None
                self.refresh_view()
                return
            rule = rubric.veto(code)
            if rule is None:
                return
            body = self.t(
                "veto.confirm.body",
                station=self.station,
                code=rule.code,
                text=rule.text.get(self.lang),
                effect=self.t(f"veto.effect.{rule.effect.value}"),
            )
            self.app.push_screen(
                ConfirmDialog("veto.confirm.title", body, danger=True), lambda yes: confirmed(code, yes)
            )

        self.app.push_screen(VetoDialog(rubric, self.veto, offer_none=True), chosen)

    def action_comment(self) -> None:
        """Clerks key no comment."""

    def action_submit(self) -> None:
        """s: the summary (totals to check against the paper), then the keying goes to the service."""
        view = self.view
        if view is None or not self._can_edit():
            return
        if self.busy:
            self.say(self.t("clerk.working"), error=True)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.busy = True
                self.say(self.t("clerk.working"))
                self._enter(
                    [self.entries[i.id] for i in view.rubric.items],
                    self.seconds_used or 0,
                    self.veto,
                )

        self.app.push_screen(
            SubmitDialog(
                view,
                title=self.t("clerk.submit.title", judge=self.judge_code),
                ready_key="clerk.submit.ready",
                button_key="clerk.key.submit",
            ),
            done,
        )

    @work(thread=True, group="clerk", exit_on_error=False)
    def _enter(self, entries: list[ItemEntry], seconds_used: int, veto: str | None) -> None:
        try:
            result = self.services.clerk_enter(
                self.actor,
                self.module_code,
                self.station,
                self.judge_code,
                entries,
                seconds_used=seconds_used,
                veto=veto,
            )
        except (ContestError, ScoresheetError) as error:
            self.post_message(ServiceFailed(error, "clerk_enter"))
            return
        self.post_message(ClerkKeyed(result))

    def on_clerk_keyed(self, event: ClerkKeyed) -> None:
        self.busy = False
        result = event.result
        station = self.station
        if result.status == "first":
            self.outcome = "first"
            self.banner = ("first", {"clerk": self.actor.code}, "is-done")
            self.contest_app.notify(self.t("clerk.first_done", station=station))
        elif result.status == "matched":
            self.outcome = "matched"
            clerks = tuple(filter(None, [result.agreed_with or result.first_clerk, self.actor.code]))
            self.banner = ("matched", {"clerks": clerks}, "is-done")
            self.contest_app.notify(self.banner_text("matched", {"clerks": clerks}))
        else:
            # every keying is kept as it is; which fields differ is not shown (blind entry)
            self.outcome = "mismatch"
            self.banner = ("mismatch", {"n": len(result.mismatches)}, "is-returned")
            self.contest_app.notify(
                self.t("clerk.differs_done", station=station, n=len(result.mismatches)), severity="warning"
            )
        self.refresh_view()
        self.query_one("#item-list", ItemList).focus()

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.busy = False
        self.show_error(event.error)
        if event.action == "load":
            self.app.pop_screen()
            return
        if event.action == "clerk_withdraw":
            self.say(message(event.error, self.lang), error=True)
            return
        self.banner = ("refused", {"error": event.error}, "is-returned")
        if self.view is not None:
            self.render_banner(self.view)
            item = self.current_item()
            if item is not None:
                self._render_hint(item, message(event.error, self.lang), error=True)

    # -- withdrawing -------------------------------------------------------------------------------------------
    def action_withdraw(self) -> None:
        """w: withdraw the unconfirmed first keying of this sheet (e.g. the first clerk found a typo)."""
        if self.busy or self.outcome in ("matched", "mismatch", "locked"):
            return
        body = self.t(
            "clerk.withdraw.body", module=self.module_code, station=self.station, judge=self.judge_code
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.busy = True
                self._withdraw()

        self.app.push_screen(
            ConfirmDialog("clerk.withdraw.title", body, "clerk.withdraw.button", danger=True), done
        )

    @work(thread=True, group="clerk", exit_on_error=False)
    def _withdraw(self) -> None:
        try:
            self.services.clerk_withdraw(self.actor, self.module_code, self.station, self.judge_code)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "clerk_withdraw"))
            return
        self.post_message(ClerkWithdrawn())

    def on_clerk_withdrawn(self, event: ClerkWithdrawn) -> None:
        self.busy = False
        if self.outcome == "first":
            self.outcome = None  # the clerk's own keying is on screen again, to correct and submit
        self.banner = ("withdrawn", {}, "is-locked")
        self.contest_app.notify(self.t("clerk.withdrawn"))
        self.refresh_view()

    def worker_failed(self, worker: object) -> None:
        self.busy = False
