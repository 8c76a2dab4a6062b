"""The clerk's home (paper fallback, double entry): modules and their marking judges on the left, the stations
with that judge's sheet state and keying state on the right; Enter opens the keying screen
(:mod:`contest.tui.screens.clerk_entry`) for the paper sheet in front of the clerk.

The station list shows each sheet's keying state (待核对: keyed once; 不一致: keyings differ), and a clerk is told
when a sheet they keyed is settled or found to differ.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from contest.services.views import ModuleProgress, ProgressCell
from contest.tui.catalogue import key_label, role_label, state_label
from contest.tui.messages import ClerkHomeLoaded, ServiceFailed
from contest.tui.screens.clerk_entry import DONE_STATES, ClerkEntryScreen
from contest.tui.screens.home import STATION_JUMP_BINDINGS, StationHomeScreen
from contest.tui.screens.judge_home import STATE_STYLES
from contest.tui.screens.organiser import OrganiserScreen
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.table import Table
from rubrics.model import Text as RubricText

CLERK_STYLES = {"clerk_pending": "yellow", "clerk_mismatch": "bold red"}
"""Styles of the keying states in the station list."""
OVERVIEW_ROLES = frozenset({"organiser", "supervisor"})
"""Roles that may also open the organiser's overview from the clerk's home (F3)."""


class ClerkHomeScreen(StationHomeScreen):
    """Modules and their marking judges on the left, the stations with that judge's sheet state on the right."""

    JUMP = "#clerk-jump"
    TABLE = "#clerk-stations"
    BINDINGS: ClassVar[list[BindingType]] = [
        *STATION_JUMP_BINDINGS,
        Binding("f3", "overview", key_label("key.overview")),
        Binding("f5", "refresh", key_label("action.refresh")),
        Binding("escape", "logout", key_label("action.logout")),
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
                yield Table(id="clerk-stations", cursor_type="row", zebra_stripes=True)
                yield Static(id="clerk-note", classes="hint")
                with Horizontal(id="clerk-jump-row"):
                    yield Label(id="clerk-jump-label")
                    yield self.jump_input()
        yield KeyFooter(compact=True)

    # -- data --------------------------------------------------------------------------------------------------
    def read(self, module_code: str | None) -> ClerkHomeLoaded:
        """Modules, judges and sheet states (every module: the clerk chooses among them)."""
        progress = self.services.progress(self.actor)
        names = {code: name for code, name, *_rest in self.services.judges()}
        config = self.services.config()
        titles = {m.rubric.code: m.rubric.title for m in config.modules}
        return ClerkHomeLoaded(progress, names, titles)

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
                    clerks=self.t("word.sep.list").join(cell.clerks),
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
