"""Clerk double entry (paper fallback): a clerk picks the module, the judge whose paper sheet is in front of them
and the station number printed on it, keys the whole sheet, and submits the keying to
:meth:`~contest.services.clerk.ClerkServices.clerk_enter`.

Nothing is stored until the whole sheet is keyed: the keying screen collects the entries locally (the running
totals let the clerk check the paper's own sums). The service compares the second clerk's blind keying with the
first one item by item; a match stores the judge's submitted sheet. A mismatch keeps both keyings as they are:
the screen says how many fields differ, never which (a clerk who could re-key the flagged items until they match
would defeat blind entry), and the sheet waits for a third clerk's blind keying or the chief judge's decision.
The clerk who keyed first cannot confirm — the service refuses and the screen shows its words.

The station list shows each sheet's keying state (待核对: keyed once; 不一致: keyings differ), and a clerk is told
when a sheet they keyed is settled or found to differ.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from contest.errors import ContestError
from contest.services.views import ModuleProgress, ProgressCell, SheetView
from contest.tui.catalogue import message, role_label, state_label
from contest.tui.messages import ClerkHomeLoaded, ClerkKeyed, ClerkWithdrawn, RubricLoaded, ServiceFailed
from contest.tui.screens.dialogs import NO_VETO, ConfirmDialog, SubmitDialog, TimeDialog, VetoDialog
from contest.tui.screens.home import STATION_JUMP_BINDINGS, StationHomeScreen
from contest.tui.screens.judge_home import STATE_STYLES
from contest.tui.screens.organiser import OrganiserScreen
from contest.tui.screens.sheet_entry import SheetEntryScreen
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.item_list import ItemList
from rubrics.model import Item, ModuleRubric
from rubrics.model import Text as RubricText
from scoresheets.arithmetic import score_sheet
from scoresheets.errors import ScoresheetError
from scoresheets.model import ItemEntry, JudgeSheet
from scoresheets.numbers import Rounding

CLERK_STYLES = {"clerk_pending": "yellow", "clerk_mismatch": "bold red"}
"""Styles of the keying states in the station list."""
DONE_STATES = frozenset({"submitted", "signed_off"})
"""Sheet states that need no keying (the service would refuse)."""
OVERVIEW_ROLES = frozenset({"organiser", "supervisor"})
"""Roles that may also open the organiser's overview from the clerk's home (F3)."""


class ClerkHomeScreen(StationHomeScreen):
    """Modules and their marking judges on the left, the stations with that judge's sheet state on the right."""

    JUMP = "#clerk-jump"
    TABLE = "#clerk-stations"
    BINDINGS: ClassVar[list[BindingType]] = [
        *STATION_JUMP_BINDINGS,
        Binding("f3", "overview", "总览"),
        Binding("f5", "refresh", "刷新"),
        Binding("escape", "logout", "退出登录"),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "jump": "home.jump.key",
        "overview": "key.overview",
        "refresh": "action.refresh",
        "logout": "action.logout",
    }

    def __init__(self) -> None:
        super().__init__(id="clerk-home")
        self.progress: list[ModuleProgress] = []
        self.judge_names: dict[str, str] = {}
        self.titles: dict[str, RubricText] = {}
        self.module_code: str | None = None
        self.judge_code: str | None = None
        self._shown: object = None
        self._mine: dict[tuple[str, str, str], str] | None = None
        """The keying state of every sheet this clerk keyed, as last read (to tell them when it changes)."""

    def compose(self) -> ComposeResult:
        yield Static(id="clerk-bar", classes="top-bar")
        with Horizontal(id="clerk-body"):
            with Vertical(id="clerk-pick"):
                yield Label(id="clerk-modules-label", classes="pane-title")
                yield OptionList(id="clerk-modules")
                yield Label(id="clerk-judges-label", classes="pane-title")
                yield OptionList(id="clerk-judges")
            with Vertical(id="clerk-station-pane"):
                yield Label(id="clerk-station-title", classes="pane-title")
                yield DataTable(id="clerk-stations", cursor_type="row", zebra_stripes=True)
                yield Static(id="clerk-note", classes="hint")
                with Horizontal(id="clerk-jump-row"):
                    yield Label(id="clerk-jump-label")
                    yield self.jump_input()
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#clerk-stations", DataTable).focus()
        self.reload()
        self.set_interval(self.contest_app.poll_seconds, self.reload)

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data --------------------------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        """F5: re-read now."""
        self.reload()

    def reload(self) -> None:
        """Re-read modules, judges and sheet states (off the UI thread)."""
        if self.contest_app.actor is not None:
            self._load()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _load(self) -> None:
        try:
            progress = self.services.progress(self.actor)
            names = {code: name for code, name, *_rest in self.services.judges()}
            config = self.services.config()
            titles = {m.rubric.code: m.rubric.title for m in config.modules}
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        self.post_fresh(ClerkHomeLoaded(progress, names, titles))

    def on_clerk_home_loaded(self, event: ClerkHomeLoaded) -> None:
        self.progress = event.progress
        self._tell_changes()
        self.judge_names = event.judge_names
        self.titles = event.titles
        codes = [m.code for m in self.progress]
        if self.module_code not in codes:
            self.module_code = codes[0] if codes else None
        judges = self.module_judges()
        if self.judge_code not in judges:
            self.judge_code = judges[0] if judges else None
        self.render_text()

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.show_error(event.error)

    def module(self) -> ModuleProgress | None:
        """The chosen module's progress."""
        return next((m for m in self.progress if m.code == self.module_code), None)

    def module_judges(self) -> tuple[str, ...]:
        """The marking judges of the chosen module."""
        m = self.module()
        return m.judges if m is not None else ()

    def sheet_state(self, station: str) -> str:
        """The chosen judge's sheet state for ``station``."""
        cell = self.cell(station)
        return cell.state if cell is not None else "none"

    def cell(self, station: str) -> ProgressCell | None:
        """The chosen judge's progress cell for ``station``."""
        m = self.module()
        if m is None or self.judge_code is None:
            return None
        return m.cell(self.judge_code, station)

    def shown_state(self, station: str) -> str:
        """What the list shows: the sheet's state, or its keying state (``clerk_pending``, ``clerk_mismatch``)
        while the judge's sheet is not yet stored."""
        cell = self.cell(station)
        if cell is None:
            return "none"
        if cell.clerk and cell.state not in DONE_STATES:
            return f"clerk_{cell.clerk}"
        return cell.state

    def _tell_changes(self) -> None:
        """Tell the clerk when a sheet they keyed was stored or found to differ since the last read."""
        me = self.contest_app.actor
        if me is None:
            return
        now: dict[tuple[str, str, str], str] = {}
        done: set[tuple[str, str, str]] = set()
        for m in self.progress:
            for c in m.cells:
                place = (m.code, c.station, c.judge_code)
                if me.code in c.clerks and c.state not in DONE_STATES:
                    now[place] = c.clerk
                elif c.state in DONE_STATES:
                    done.add(place)
        before, self._mine = self._mine, now
        if before is None:
            return
        for place, was in sorted(before.items()):
            module, station, judge = place
            if place in done:
                self.contest_app.notify(
                    self.t("clerk.notify.stored", module=module, station=station, judge=judge)
                )
            elif now.get(place) == "mismatch" and was != "mismatch":
                self.contest_app.notify(
                    self.t("clerk.notify.mismatch", module=module, station=station, judge=judge),
                    severity="warning",
                )

    def _title(self, code: str) -> str:
        title = self.titles.get(code)
        return title.get(self.lang) if title is not None else ""

    # -- rendering ---------------------------------------------------------------------------------------------
    def render_text(self) -> None:
        actor = self.actor
        info = self.contest_app.info
        contest = ""
        if info is not None:
            contest = info.name_en or info.name_zh if self.lang == "en" else info.name_zh
        self.query_one("#clerk-bar", Static).update(
            Text(f"{role_label(self.lang, actor.roles)} {actor.code} {actor.name}  ·  {contest}")
        )
        self.query_one("#clerk-modules-label", Label).update(self.t("clerk.modules"))
        self.query_one("#clerk-judges-label", Label).update(self.t("clerk.judges"))
        self.query_one("#clerk-jump-label", Label).update(self.t("home.jump"))
        self.query_one("#clerk-jump", Input).placeholder = self.t("home.jump.placeholder")
        judge = self.judge_code or ""
        if self.judge_code and self.judge_names.get(self.judge_code):
            judge = f"{self.judge_code} {self.judge_names[self.judge_code]}"
        title = self.t("clerk.stations", module=self.module_code, judge=judge) if self.module_code else ""
        self.query_one("#clerk-station-title", Label).update(Text(title))  # names are user text, not markup
        note = self.query_one("#clerk-note", Static)
        if self.module_code is not None and not self.module_judges():
            note.update(self.t("clerk.no_judges"))
        elif self.module() is not None and not self.module().stations:  # type: ignore[union-attr]
            note.update(self.t("home.no_stations"))
        else:
            note.update(self.t("clerk.pick"))
        signature = (self.lang, tuple(self.progress), self.module_code, self.judge_code, self.judge_names)
        if signature == self._shown:
            return
        self._shown = signature
        self._render_modules()
        self._render_judges()
        self._render_stations()

    def _render_modules(self) -> None:
        modules = self.query_one("#clerk-modules", OptionList)
        modules.set_options(
            Option(
                Text(
                    f"{m.code} {self._title(m.code)}\n  {self.t('home.counts', done=m.submitted, total=m.expected)}"
                ),
                id=m.code,
            )
            for m in self.progress
        )
        if self.module_code is not None and self.progress:
            modules.highlighted = modules.get_option_index(self.module_code)

    def _render_judges(self) -> None:
        judges = self.query_one("#clerk-judges", OptionList)
        judges.set_options(
            Option(Text(f"{code} {self.judge_names.get(code, '')}".rstrip()), id=code)
            for code in self.module_judges()
        )
        if self.judge_code is not None and self.module_judges():
            judges.highlighted = judges.get_option_index(self.judge_code)

    def _render_stations(self) -> None:
        table = self.query_one("#clerk-stations", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("home.col.station"), key="station")
        table.add_column(self.t("clerk.col.state"), key="state")
        m = self.module()
        stations = m.stations if m is not None and self.judge_code is not None else ()
        for station in stations:
            state = self.shown_state(station)
            table.add_row(
                Text(station, style="bold"),
                Text(
                    state_label(self.lang, state), style=CLERK_STYLES.get(state, STATE_STYLES.get(state, ""))
                ),
                key=station,
            )
        if stations:
            table.move_cursor(row=min(keep, len(stations) - 1))

    # -- choosing ----------------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#clerk-modules")
    def _module_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        code = event.option.id
        if code and code != self.module_code:
            self.module_code = code
            judges = self.module_judges()
            if self.judge_code not in judges:
                self.judge_code = judges[0] if judges else None
            self.render_text()

    @on(OptionList.OptionHighlighted, "#clerk-judges")
    def _judge_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        code = event.option.id
        if code and code != self.judge_code:
            self.judge_code = code
            self.render_text()

    @on(OptionList.OptionSelected, "#clerk-modules")
    def _module_selected(self) -> None:
        self.query_one("#clerk-judges", OptionList).focus()

    @on(OptionList.OptionSelected, "#clerk-judges")
    def _judge_selected(self) -> None:
        self.query_one("#clerk-stations", DataTable).focus()

    @on(DataTable.RowSelected, "#clerk-stations")
    def _station_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_station(event.row_key.value)

    def open_station(self, station: str) -> None:
        """Open the keying screen for the chosen judge's paper sheet of ``station``."""
        if self.module_code is None or self.judge_code is None:
            self.show_error(self.t("clerk.no_judges"))
            return
        module = self.module()
        if module is not None and module.signed_off:
            self.show_error(self.t("clerk.signed_off", module=self.module_code))
            return
        state = self.sheet_state(station)
        cell = self.cell(station)
        mismatch = cell is not None and cell.clerk == "mismatch" and state not in DONE_STATES
        if mismatch and cell is not None and self.actor.code in cell.clerks:
            # a clerk whose keying differs may not key again: a third clerk or the chief judge settles it
            self.show_error(
                self.t(
                    "clerk.mismatch.wait",
                    station=station,
                    judge=self.judge_code,
                    clerks="、".join(cell.clerks),
                )
            )
            return
        if state in DONE_STATES:
            self.show_error(
                self.t(
                    "clerk.already",
                    judge=self.judge_code,
                    station=station,
                    state=state_label(self.lang, state),
                )
            )
            return
        self.app.push_screen(
            ClerkEntryScreen(
                self.module_code,
                station,
                self.judge_code,
                self.judge_names.get(self.judge_code, ""),
                state,
                earlier=cell.clerks if cell is not None and cell.clerk == "mismatch" else (),
            )
        )

    def jump_stations(self) -> tuple[str, ...]:
        m = self.module()
        return m.stations if m is not None else ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F3 only for a clerk who is also an organiser or supervisor (digits and Enter: the station field's)."""
        if action == "overview":
            actor = self.contest_app.actor  # (None while logging out)
            return actor is not None and bool(actor.roles & OVERVIEW_ROLES)
        return super().check_action(action, parameters)

    def action_overview(self) -> None:
        """F3: the organiser's overview (for a clerk who is also organiser or supervisor); Esc comes back."""
        if self.actor.roles & OVERVIEW_ROLES:
            self.app.push_screen(OrganiserScreen(nested=True))


class ClerkEntryScreen(SheetEntryScreen):
    """One judge's paper sheet for one station, keyed by a clerk; stored only through double entry."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "withdraw", "撤回录入")]
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
            ("third", {"clerks": "、".join(earlier)}, "is-returned") if earlier else None
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
        except (ContestError, KeyError) as error:
            self.post_message(ServiceFailed(ContestError(str(error)), "load"))
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

    def banner_text(self, what: str, details: dict[str, object]) -> str:
        """The banner in the current language."""
        if what == "locked":
            return self._locked_text()
        if what == "first":
            return self.t("clerk.banner.first", clerk=details["clerk"])
        if what == "matched":
            return self.t("clerk.banner.matched", judge=self.judge_code, clerks=details["clerks"])
        if what == "mismatch":
            return self.t("clerk.banner.differs", n=details["n"])
        if what == "third":
            return self.t("clerk.banner.third", clerks=details["clerks"])
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
            clerks = "、".join(filter(None, [result.agreed_with or result.first_clerk, self.actor.code]))
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
