"""The marking judge's home: the modules they are assigned to and, for the chosen module, the stations (赛位号,
never names) with each sheet's state and progress. Typing a station number and Enter opens that sheet. Open
calibration performances (评分标定 ``K1`` …) head the list while the chief judge's calibration round runs.

The list is re-read every few seconds so a return by the chief judge shows up without a key press.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from contest.services.grouping import group_label
from contest.services.views import MySessions, StationStatus
from contest.tui.catalogue import key_label, role_label, state_label
from contest.tui.messages import ServiceFailed, StationsLoaded
from contest.tui.screens.home import STATION_JUMP_BINDINGS, StationHomeScreen
from contest.tui.screens.scoring import ScoringScreen
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.table import Table

STATE_STYLES = {
    "none": "dim",
    "draft": "yellow",
    "submitted": "green",
    "returned": "bold red",
    "signed_off": "bold green",
    "avoid": "dim strike",
}


CALIBRATION_KEY = "calibration:"
"""Row-key prefix of a calibration performance in the station table."""


class JudgeHomeScreen(StationHomeScreen):
    """Modules on the left, stations of the highlighted module on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *STATION_JUMP_BINDINGS,
        Binding("f5", "refresh", key_label("action.refresh")),
        Binding("escape", "logout", key_label("action.logout")),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "jump": "home.jump.key",
        "refresh": "action.refresh",
        "logout": "action.logout",
    }
    LOAD_ACTION = "stations"

    def __init__(self, *, nested: bool = False) -> None:
        """``nested``: opened from another home screen (the chief judge's); Esc goes back instead of out."""
        super().__init__(id="judge-home")
        self.nested = nested
        self.module_code: str | None = None
        self.modules: list[tuple[str, str, int, int]] = []
        self.stations: list[StationStatus] = []
        self.sessions: MySessions | None = None
        self._shown: object = None
        self._stations_current = False
        """Whether the station list belongs to the chosen module (keys wait until it does: a station number typed
        ahead is looked up in the list the judge is about to see)."""

    @property
    def accepts_input(self) -> bool:
        return self._stations_current

    def compose(self) -> ComposeResult:
        yield Static(id="home-bar", classes="top-bar")
        with Horizontal(id="home-body"):
            with Vertical(id="module-pane"):
                yield Label(id="module-label", classes="pane-title")
                yield OptionList(id="module-list")
            with Vertical(id="station-pane"):
                yield Label(id="station-title", classes="pane-title")
                yield Table(id="station-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="home-note", classes="hint")
                with Horizontal(id="jump-row"):
                    yield Label(id="jump-label")
                    yield self.jump_input()
        yield KeyFooter(compact=True)

    # -- data --------------------------------------------------------------------------------------------------
    def read(self, module_code: str | None) -> StationsLoaded:
        """The judge's modules and the stations of ``module_code`` (else of the first module)."""
        modules = self.services.my_modules(self.actor)
        config = self.services.config()
        titles = []
        for code, title, done, total in modules:
            with contextlib.suppress(KeyError):
                title = config.module(code).rubric.title.get(self.lang)
            titles.append((code, title, done, total))
        codes = [m[0] for m in modules]
        chosen = module_code if module_code in codes else (codes[0] if codes else None)
        stations = self.services.stations(self.actor, chosen) if chosen else []
        sessions = self.services.my_sessions(self.actor, chosen) if chosen else None
        if chosen:  # open calibration performances (评分标定) come first: they are marked before live sheets
            stations = self.services.my_calibrations(self.actor, chosen) + stations
        return StationsLoaded(titles, chosen, stations, sessions)

    def on_stations_loaded(self, event: StationsLoaded) -> None:
        self.modules = event.modules
        self.stations = event.stations
        self.sessions = event.sessions
        self._stations_current = event.module_code == self.module_code or self.module_code is None
        if event.module_code is not None:
            self.module_code = event.module_code
        self.render_text()

    def on_service_failed(self, event: ServiceFailed) -> None:
        self._stations_current = True  # the error is on screen: keys go on to what is there
        self.show_error(event.error)

    # -- rendering ---------------------------------------------------------------------------------------------
    def render_text(self) -> None:
        actor = self.actor
        info = self.contest_app.info
        contest = ""
        if info is not None:
            contest = info.name_en or info.name_zh if self.lang == "en" else info.name_zh
        self.query_one("#home-bar", Static).update(
            Text(f"{role_label(self.lang, actor.roles)} {actor.code} {actor.name}  ·  {contest}")
        )
        self.query_one("#module-label", Label).update(self.t("home.modules"))
        title = next(
            (f"{code} {name}" for code, name, _d, _n in self.modules if code == self.module_code), ""
        )
        self.query_one("#station-title", Label).update(
            Text(self.t("home.stations", module=title) if title else "")
        )
        self.query_one("#jump-label", Label).update(self.t("home.jump"))
        self.query_one("#station-jump", Input).placeholder = self.t("home.jump.placeholder")
        signature = (self.lang, tuple(self.modules), self.module_code, tuple(self.stations), self.sessions)
        if signature == self._shown:
            return
        self._shown = signature
        self._render_modules()
        self._render_stations()

    def _render_modules(self) -> None:
        modules = self.query_one("#module-list", OptionList)
        modules.set_options(
            Option(
                f"{code} {title}\n  {self.t('home.counts', done=done, total=total)}",
                id=code,
            )
            for code, title, done, total in self.modules
        )
        if self.module_code is not None and self.modules:
            modules.highlighted = modules.get_option_index(self.module_code)
        note = self.query_one("#home-note", Static)
        if not self.modules:
            note.update(self.t("home.no_modules"))
        elif self.sessions is not None and not self.sessions.sessions:
            note.update(self.t("home.no_sessions", group=group_label(self.sessions.group, self.lang)))
        elif not self.stations:
            note.update(self.t("home.no_stations"))
        elif self.sessions is not None:
            note.update(
                Text(
                    self.t(
                        "home.sessions",
                        group=group_label(self.sessions.group, self.lang),
                        sessions=self.t("home.sessions.sep").join(
                            self.t("home.session", number=n, starts=starts[11:] or "", track=track).strip()
                            for n, starts, track, _st in self.sessions.sessions
                        ),
                    )
                )
            )
        else:
            note.update("")

    def _render_stations(self) -> None:
        table = self.query_one("#station-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("home.col.station"), key="station")
        table.add_column(self.t("home.col.state"), key="state")
        table.add_column(self.t("home.col.progress"), key="progress")
        for st in self.stations:
            state = "avoid" if st.avoid else st.state  # 回避: shown, never opened
            style = STATE_STYLES.get(state, "")
            label = Text(st.station, style="bold")
            if st.calibration:
                label = Text(self.t("home.calibration", code=st.station), style="bold magenta")
            table.add_row(
                label,
                Text(state_label(self.lang, state), style=style),
                Text(f"{st.entered}/{st.items}", style=style),
                key=CALIBRATION_KEY + st.station if st.calibration else st.station,
            )
        if self.stations:
            table.move_cursor(row=min(keep, len(self.stations) - 1))

    # -- choosing ----------------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#module-list")
    def _module_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        code = event.option.id
        if code and code != self.module_code:
            self.module_code = code
            self.stations = []
            self._stations_current = False
            self._load(code)

    @on(OptionList.OptionSelected, "#module-list")
    def _module_selected(self) -> None:
        self.query_one("#station-table", DataTable).focus()

    @on(DataTable.RowSelected, "#station-table")
    def _station_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None and key.startswith(CALIBRATION_KEY):
            if self.module_code is not None:
                self.app.push_screen(
                    ScoringScreen(self.module_code, key.removeprefix(CALIBRATION_KEY), calibration=True)
                )
        elif key is not None:
            self.open_station(key)

    def open_station(self, station: str) -> None:
        """Open the scoring screen for ``station`` in the current module."""
        if self.module_code is None:
            self.show_error(self.t("home.no_modules"))
            return
        if any(s.station == station and s.avoid for s in self.stations):
            self.show_error(self.t("home.avoid", station=station))
            return
        self.app.push_screen(ScoringScreen(self.module_code, station))

    def jump_stations(self) -> list[str]:
        return [s.station for s in self.stations]
