"""The chief judge's screen: the progress matrix of one module at a time (stations × that module's judges; a
row of module tabs, ``[`` / ``]`` switch), spread alerts with the panel's judges side by side, live standings
(station numbers before decryption, names after; a module score from a partial panel is marked 部分), the medal
stability and the clerks' double-entry mismatches to settle. From here the chief returns a sheet with a reason,
signs a module off (an override reason covers alerts; below the sheet quorum the supervisor co-signs) and runs
the two-person decryption. With ``[scoring] veto_confirmation = "chief"`` the 否决确认 tab lists the judges' veto
proposals; the chief confirms one with a 情况说明 or rejects it with a reason (sign-off waits for every decision). Everything is re-read every few seconds, except the medal-stability tab: it
recomputes the standings once per scenario, so it is computed only when the tab is opened or on F5.

User-typed text (names, units, titles, reasons) is always shown as rich ``Text``, never parsed as markup.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static, Tab, TabbedContent, TabPane, Tabs
from textual.worker import Worker

from contest.errors import ContestError, InvalidState, SignOffNeedsSupervisor, VetoPending
from contest.i18n import Msg, say
from contest.printing.pages import StabilityRow, StabilityTable
from contest.services.clerk import ClerkDispute
from contest.services.veto import STATEMENT_MAX, VetoProposal
from contest.services.views import AlertView, ModuleProgress, StandingLine, StandingsView
from contest.tui.catalogue import STATE_GLYPHS, key_label, message, role_label, score, state_label, tr
from contest.tui.messages import ChiefActionDone, ChiefDataLoaded, ServiceFailed, SignOffRefused
from contest.tui.screens.calibration import CalibrationScreen
from contest.tui.screens.chief_dialogs import CosignDialog, ResolveDialog
from contest.tui.screens.dialogs import (
    ChooseDialog,
    ConfirmDialog,
    DecryptDialog,
    OverrideDialog,
    ReturnDialog,
    TextDialog,
)
from contest.tui.screens.home import HomeScreen
from contest.tui.screens.judge_home import STATE_STYLES, JudgeHomeScreen
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.table import Table
from rubrics.model import ModuleRubric
from rubrics.model import Text as RubricText

TABS = {
    "progress": "tab-progress",
    "alerts": "tab-alerts",
    "standings": "tab-standings",
    "stability": "tab-stability",
    "disputes": "tab-disputes",
    "vetoes": "tab-vetoes",
}
CLERK_GLYPHS = {"pending": "½", "mismatch": "≠"}
"""Matrix glyphs of a judge's paper sheet being keyed by clerks (keyed once; keyings differ)."""


class DisputesLoaded(Message):
    """The clerks' double-entry mismatches and the module rubrics (to name their items)."""

    def __init__(self, disputes: list[ClerkDispute], rubrics: dict[str, ModuleRubric]) -> None:
        super().__init__()
        self.disputes = disputes
        self.rubrics = rubrics


class VetoesLoaded(Message):
    """The veto proposals (empty when the panel's quorum decides vetoes), and whether the chief judge decides."""

    def __init__(self, proposals: list[VetoProposal], chief_decides: bool) -> None:
        super().__init__()
        self.proposals = proposals
        self.chief_decides = chief_decides


class StabilityLoaded(Message):
    """The medal-stability table was computed."""

    def __init__(self, table: StabilityTable) -> None:
        super().__init__()
        self.table = table


def progress_cell(state: str, entered: int, clerk: str = "") -> Text:
    """A matrix cell: state glyph, and the number of items entered for a draft; a paper sheet being keyed by
    clerks shows ½ (keyed once) or ≠ (the keyings differ)."""
    if clerk and state not in ("submitted", "signed_off"):
        return Text(
            CLERK_GLYPHS[clerk], style="bold red" if clerk == "mismatch" else "yellow", justify="center"
        )
    glyph = STATE_GLYPHS.get(state, "?")
    text = f"{glyph} {entered}" if state == "draft" else glyph
    return Text(text, style=STATE_STYLES.get(state, ""), justify="center")


def standings_columns(lang: str, standings: StandingsView) -> list[tuple[str, str]]:
    """(key, label) of the standings table; names and units only after decryption."""
    cols = [("rank", tr(lang, "chief.col.rank")), ("station", tr(lang, "home.col.station"))]
    if standings.decrypted:
        cols += [("name", tr(lang, "chief.col.name")), ("unit", tr(lang, "chief.col.unit"))]
    cols.append(("theory", tr(lang, "chief.col.theory")))
    cols += [(f"m-{code}", code) for code in standings.module_codes]
    cols += [
        ("practical", tr(lang, "chief.col.practical")),
        ("total", tr(lang, "chief.col.total")),
        ("award", tr(lang, "chief.col.award")),
        ("remark", tr(lang, "chief.col.remark")),
    ]
    return cols


def stability_changes(lang: str, columns: tuple[str | Msg, ...], row: StabilityRow) -> str:
    """The scenarios under which the award differs, e.g. ``去掉裁判 J01→一等奖；改用 中位数→无``."""
    none = tr(lang, "word.none")
    return tr(lang, "chief.stability.sep").join(
        tr(lang, "chief.stability.change", scenario=say(scenario, lang), award=award or none)
        for scenario, award in zip(columns, row.alternatives, strict=True)
        if award != row.current
    )


def module_cell(line: StandingLine, code: str, lang: str, style: str) -> Text:
    """A module score; one from a partial panel (fewer sheets than judges) carries the 部分 marker."""
    text = Text(score(line.modules.get(code)), style=style)
    if code in line.partial:
        text.append(" " + tr(lang, "chief.partial"), style="bold yellow")
    return text


def fill_standings(table: DataTable[object], lang: str, standings: StandingsView) -> None:
    """(Re)fill a standings table, keeping the cursor row. Names, units and awards are shown as plain text."""
    keep = table.cursor_row
    table.clear(columns=True)
    for key, label in standings_columns(lang, standings):
        table.add_column(label, key=key)
    for line in standings.lines:
        style = "" if line.complete else "dim"
        cells: list[object] = [
            Text("—" if line.rank is None else str(line.rank), style="bold"),
            Text(line.station, style="bold"),
        ]
        if standings.decrypted:
            cells += [Text(line.name), Text(line.unit)]
        cells.append(Text(score(line.theory), style=style))
        cells += [module_cell(line, code, lang, style) for code in standings.module_codes]
        cells += [
            Text(score(line.practical), style=style),
            Text(score(line.total), style="bold " + style),
            Text(line.award or ""),
            Text(line.remark_in(lang), style="red" if line.disqualified else "dim"),
        ]
        table.add_row(*cells, key=line.station)
    if standings.lines:
        table.move_cursor(row=min(keep, len(standings.lines) - 1))


class ChiefScreen(HomeScreen):
    """Progress, spread alerts and standings, with return / sign-off / decrypt."""

    DEFAULT_CSS = """
    #tab-progress { height: 1fr; }
    #progress-modules { height: 2; }
    #progress-matrix { height: 1fr; }
    #disputes-table, #stability-table, #vetoes-table { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "module(-1)", key_label("key.module_prev"), key_display="["),
        Binding("right_square_bracket", "module(1)", key_label("key.module_next"), key_display="]"),
        Binding("r", "return_sheet", key_label("key.return")),
        Binding("o", "sign_off", key_label("key.sign_off")),
        Binding("d", "decrypt", key_label("key.decrypt")),
        Binding("p", "tab('progress')", key_label("key.progress")),
        Binding("a", "tab('alerts')", key_label("key.alerts")),
        Binding("g", "tab('standings')", key_label("key.standings")),
        Binding("b", "tab('stability')", key_label("key.stability")),
        Binding("k", "tab('disputes')", key_label("key.disputes")),
        Binding("v", "tab('vetoes')", key_label("key.vetoes")),
        Binding("c", "calibration", key_label("key.calibration")),
        Binding("m", "my_marking", key_label("key.my_marking")),
        Binding("f5", "refresh", key_label("action.refresh")),
        Binding("escape", "logout", key_label("action.logout")),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "return_sheet": "key.return",
        "sign_off": "key.sign_off",
        "decrypt": "key.decrypt",
        "tab('progress')": "key.progress",
        "tab('alerts')": "key.alerts",
        "tab('standings')": "key.standings",
        "tab('stability')": "key.stability",
        "tab('disputes')": "key.disputes",
        "tab('vetoes')": "key.vetoes",
        "calibration": "key.calibration",
        "module(-1)": "key.module_prev",
        "module(1)": "key.module_next",
        "my_marking": "key.my_marking",
        "refresh": "action.refresh",
        "logout": "action.logout",
    }

    def __init__(self) -> None:
        super().__init__(id="chief")
        self.progress: list[ModuleProgress] = []
        self.alerts: list[AlertView] = []
        self.standings: StandingsView | None = None
        self.stability: StabilityTable | None = None
        self.stability_busy = False
        self.titles: dict[str, RubricText] = {}
        self.disputes: list[ClerkDispute] = []
        self.rubrics: dict[str, ModuleRubric] = {}
        self.vetoes: list[VetoProposal] = []
        self.chief_decides_vetoes = False
        self.module_code: str | None = None
        """The module whose matrix is shown."""
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="chief-bar", classes="top-bar")
        with TabbedContent(id="chief-tabs"):
            with TabPane(self.t("chief.tab.progress"), id=TABS["progress"]):
                yield Static(id="progress-legend", classes="hint")
                yield Tabs(id="progress-modules")
                yield Static(id="progress-head", classes="pane-title")
                yield Table(id="progress-matrix", cursor_type="cell")
            with TabPane(self.t("chief.tab.alerts"), id=TABS["alerts"]):
                yield Static(id="alerts-note", classes="hint")
                yield Table(id="alerts-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("chief.tab.standings"), id=TABS["standings"]):
                yield Static(id="standings-note", classes="hint")
                yield Table(id="standings-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("chief.tab.stability"), id=TABS["stability"]):
                yield Static(id="stability-note", classes="hint")
                yield Table(id="stability-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("chief.tab.disputes"), id=TABS["disputes"]):
                yield Static(id="disputes-note", classes="hint")
                yield Table(id="disputes-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("chief.tab.vetoes"), id=TABS["vetoes"]):
                yield Static(id="vetoes-note", classes="hint")
                yield Table(id="vetoes-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(self.contest_app.poll_seconds, self.reload)

    def on_screen_resume(self) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'My marking' only for a chief judge who also marks; the vetoes tab only where the chief decides them."""
        if action == "tab" and parameters == ("vetoes",):
            return self.chief_decides_vetoes
        if action == "my_marking":
            actor = self.contest_app.actor
            return actor is not None and actor.has("marking")
        return True

    # -- data --------------------------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        """Re-read everything now (and recompute the medal stability when its tab is open)."""
        self.reload()
        if self.query_one("#chief-tabs", TabbedContent).active == TABS["stability"]:
            self.reload_stability()

    def reload(self) -> None:
        """Re-read progress, alerts and standings off the UI thread."""
        if self.contest_app.actor is not None:
            self._load()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _load(self) -> None:
        try:
            progress = self.services.progress(self.actor)
            alerts = self.services.alerts(self.actor)
            standings = self.services.standings(self.actor)
            disputes = self.services.clerk_disputes(self.actor)
            config = self.services.config()
            vetoes = self.services.veto_proposals(self.actor)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        titles = {m.rubric.code: m.rubric.title for m in config.modules}
        self.post_fresh(
            VetoesLoaded(vetoes, config.veto_confirmation == "chief"),
            DisputesLoaded(disputes, {m.rubric.code: m.rubric for m in config.modules}),
            ChiefDataLoaded(progress, alerts, standings, titles),
        )

    def reload_stability(self) -> None:
        """Recompute the medal stability off the UI thread (never on the poll: it is expensive)."""
        if self.contest_app.actor is None:
            return
        self.stability_busy = True
        self._render_stability()
        self._load_stability()

    @work(thread=True, exclusive=True, group="stability", exit_on_error=False)
    def _load_stability(self) -> None:
        try:
            table = self.services.stability(self.actor, self.lang)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "stability"))
            return
        self.post_fresh(StabilityLoaded(table))

    @on(TabbedContent.TabActivated, "#chief-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == TABS["stability"]:
            self.reload_stability()

    def on_stability_loaded(self, event: StabilityLoaded) -> None:
        self.stability = event.table
        self.stability_busy = False
        self._render_stability()

    def on_vetoes_loaded(self, event: VetoesLoaded) -> None:
        """The 否决确认 tab is shown only where the chief judge decides vetoes."""
        self.vetoes = event.proposals
        self.chief_decides_vetoes = event.chief_decides
        tabs = self.query_one("#chief-tabs", TabbedContent)
        if event.chief_decides:
            tabs.show_tab(TABS["vetoes"])
        else:
            tabs.hide_tab(TABS["vetoes"])
        self.refresh_bindings()

    def on_disputes_loaded(self, event: DisputesLoaded) -> None:
        self.disputes = event.disputes
        self.rubrics = event.rubrics

    def on_chief_data_loaded(self, event: ChiefDataLoaded) -> None:
        self.titles = event.titles
        self.progress = event.progress
        codes = [m.code for m in self.progress]
        if self.module_code not in codes:
            self.module_code = codes[0] if codes else None
        self.alerts = event.alerts
        self.standings = event.standings
        self.render_text()

    def on_service_failed(self, event: ServiceFailed) -> None:
        if event.action == "stability":
            self.stability_busy = False
            self._render_stability()
        self.show_error(event.error)

    def worker_failed(self, worker: Worker[Any]) -> None:
        if worker.group == "stability":
            self.stability_busy = False
            self._render_stability()

    def on_chief_action_done(self, event: ChiefActionDone) -> None:
        self.contest_app.notify(event.text)
        self.reload()

    # -- rendering ---------------------------------------------------------------------------------------------
    def render_text(self) -> None:
        tabs = self.query_one("#chief-tabs", TabbedContent)
        for name, pane in TABS.items():
            tabs.get_tab(pane).label = self.t(f"chief.tab.{name}")
        self.query_one("#progress-legend", Static).update(
            self.t("chief.legend") + "  " + self.t("chief.legend.clerk")
        )
        self._render_bar()
        self._render_progress()
        self._render_alerts()
        self._render_standings()
        self._render_stability()
        self._render_disputes()
        self._render_vetoes()

    def _render_bar(self) -> None:
        actor = self.actor
        info = self.contest_app.info
        contest = ""
        if info is not None:
            contest = info.name_en or info.name_zh if self.lang == "en" else info.name_zh
        line1 = f"{role_label(self.lang, actor.roles)} {actor.code} {actor.name}  ·  {contest}"
        decrypted = bool(self.standings and self.standings.decrypted)
        line2 = self.t(
            "chief.summary",
            submitted=sum(m.submitted for m in self.progress),
            expected=sum(m.expected for m in self.progress),
            alerts=self.open_alerts(),
            decrypted=self.t("chief.decrypted" if decrypted else "chief.not_decrypted"),
        )
        if self.disputes:
            line2 += self.t("chief.summary.disputes", n=len(self.disputes))
        if pending := self.pending_vetoes():
            line2 += self.t("chief.summary.vetoes", n=pending)
        self.query_one("#chief-bar", Static).update(Text(f"{line1}\n{line2}"))

    def pending_vetoes(self) -> int:
        """Veto proposals awaiting the chief judge's decision."""
        return sum(1 for p in self.vetoes if p.state == "pending")

    def open_alerts(self) -> int:
        """Spread alerts not yet accepted at a sign-off."""
        return sum(1 for a in self.alerts if not a.accepted)

    def module(self) -> ModuleProgress | None:
        """The module whose matrix is shown."""
        return next((m for m in self.progress if m.code == self.module_code), None)

    def _changed(self, part: str, signature: object) -> bool:
        if self._shown.get(part) == (self.lang, signature):
            return False
        self._shown[part] = (self.lang, signature)
        return True

    def _render_progress(self) -> None:
        if not self._changed("progress", (tuple(self.progress), self.module_code)):
            return
        tabs = self.query_one("#progress-modules", Tabs)
        for tab_module in self.progress:
            tab_id = f"module-{tab_module.code}"
            label = Text(
                f"{tab_module.code} {self._module_title(tab_module)} {tab_module.submitted}/{tab_module.expected}"
            )
            if tab_module.signed_off:
                label.append(" ✔", style="green")
            if not tabs.query(f"#{tab_id}"):
                tabs.add_tab(Tab(label, id=tab_id))
            else:
                tabs.query_one(f"#{tab_id}", Tab).label = label
        if self.module_code is not None and tabs.active != f"module-{self.module_code}":
            tabs.active = f"module-{self.module_code}"
        module = self.module()
        head = self.query_one("#progress-head", Static)
        if module is None:
            head.update("")
            return
        head.update(
            Text(
                self.t(
                    "chief.module_head",
                    code=module.code,
                    title=self._module_title(module),
                    submitted=module.submitted,
                    expected=module.expected,
                    signed=self.t("chief.signed") if module.signed_off else "",
                )
            )
        )
        head.set_class(module.signed_off, "is-signed")
        self._fill_matrix(self.query_one("#progress-matrix", DataTable), module)

    @on(Tabs.TabActivated, "#progress-modules")
    def _module_tab(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        code = event.tab.id.removeprefix("module-")
        if code != self.module_code:
            self.module_code = code
            self._render_progress()

    def action_module(self, step: int) -> None:
        """[ / ]: show the previous / next module's matrix."""
        codes = [m.code for m in self.progress]
        if not codes:
            return
        index = codes.index(self.module_code) if self.module_code in codes else 0
        self.module_code = codes[(index + step) % len(codes)]
        self.query_one("#chief-tabs", TabbedContent).active = TABS["progress"]
        self._render_progress()
        self.query_one("#progress-matrix", DataTable).focus()

    def _alert_item(self, alert: AlertView) -> str:
        """What an alert is about, in the current language: the item's title, or the sheet's total."""
        if alert.item_id is None:
            return self.t("chief.alert.sheet_total")
        rubric = self.rubrics.get(alert.module_code)
        item = rubric.item(alert.item_id) if rubric is not None else None
        return item.title.get(self.lang) if item is not None else alert.item_title

    def _module_title(self, module: ModuleProgress) -> str:
        title = self.titles.get(module.code)
        return title.get(self.lang) if title is not None else module.title

    def _fill_matrix(self, table: DataTable[object], module: ModuleProgress) -> None:
        keep = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(self.t("home.col.station"), key="station")
        for judge in module.judges:
            table.add_column(judge, key=judge)
        for station in module.stations:
            cells: list[object] = [Text(station, style="bold")]
            for judge in module.judges:
                cell = module.cell(judge, station)
                cells.append(progress_cell(cell.state, cell.entered, cell.clerk) if cell else Text("?"))
            table.add_row(*cells, key=station)
        if module.stations:
            table.move_cursor(
                row=min(keep.row, len(module.stations) - 1), column=min(keep.column, len(module.judges))
            )

    def _render_alerts(self) -> None:
        if not self._changed("alerts", tuple(self.alerts)):
            return
        note = self.query_one("#alerts-note", Static)
        accepted = len(self.alerts) - self.open_alerts()
        text = (
            self.t("chief.alerts_note", n=self.open_alerts())
            if self.open_alerts()
            else self.t("chief.no_alerts")
        )
        if accepted:
            text += self.t("chief.alerts_accepted", n=accepted)
        note.update(text)
        table = self.query_one("#alerts-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        # one column per panel seat: each alert shows its own panel's judges, whatever the module
        seats = max((len(alert.marks) for alert in self.alerts), default=0)
        table.add_column(self.t("chief.col.module"), key="module")
        table.add_column(self.t("home.col.station"), key="station")
        table.add_column(self.t("chief.col.item"), key="item")
        table.add_column(self.t("chief.col.spread"), key="spread")
        for seat in range(seats):
            table.add_column(self.t("chief.col.seat", n=seat + 1), key=f"seat-{seat}")
        for index, alert in enumerate(self.alerts):
            values = [mark for _judge, mark in alert.marks]
            high, low = (max(values), min(values)) if values else (None, None)
            dim = "dim" if alert.accepted else ""
            cells: list[object] = [
                Text(alert.module_code, style=dim),
                Text(alert.station, style="bold " + dim),
                Text(f"{alert.item_id or ''} {self._alert_item(alert)}".strip(), style=dim),
                Text(
                    f"{score(alert.spread)}/{score(alert.limit)}"
                    + (self.t("chief.alert.accepted") if alert.accepted else ""),
                    style=dim or "bold red",
                ),
            ]
            for judge, mark in alert.marks:
                cell = Text(f"{judge} ", style=dim)
                cell.append(score(mark), style=dim or ("bold red" if mark in (high, low) else ""))
                cells.append(cell)
            cells += [Text("")] * (seats - len(alert.marks))
            table.add_row(*cells, key=str(index))
        if self.alerts:
            table.move_cursor(row=min(keep, len(self.alerts) - 1))

    def _render_standings(self) -> None:
        standings = self.standings
        if standings is None or not self._changed("standings", standings):
            return
        note = self.t(
            "chief.standings_note",
            decrypted=self.t("chief.decrypted" if standings.decrypted else "chief.not_decrypted"),
            head=standings.audit_head[:12],
            final=self.t("chief.final" if standings.final else "chief.provisional"),
        )
        if any(line.partial for line in standings.lines):
            note += "\n" + self.t("chief.partial.legend")
        self.query_one("#standings-note", Static).update(Text(note))
        fill_standings(self.query_one("#standings-table", DataTable), self.lang, standings)

    def _render_stability(self) -> None:
        stability = self.stability
        if not self._changed("stability", (self.stability_busy, stability)):
            return
        lines = [self.t("chief.stability.intro")]
        nothing = self._nothing_to_assess()
        if self.stability_busy:
            lines.append(self.t("chief.stability.computing"))
        elif nothing:
            lines.append(self.t("chief.stability.nothing"))
        elif stability is not None and stability.note:
            lines.append(say(stability.note, self.lang))
        self.query_one("#stability-note", Static).update(Text("\n".join(lines)))
        table = self.query_one("#stability-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("chief.stability.col.contestant"), key="contestant")
        table.add_column(self.t("chief.stability.col.current"), key="current")
        table.add_column(self.t("chief.stability.col.changes"), key="changes")
        if stability is None or self._nothing_to_assess():
            return
        for index, row in enumerate(stability.rows):
            table.add_row(
                Text(row.contestant, style="bold"),
                Text(row.current or self.t("word.none")),
                Text(stability_changes(self.lang, stability.columns, row)),
                key=str(index),
            )
        if stability.rows:
            table.move_cursor(row=min(keep, len(stability.rows) - 1))

    def _nothing_to_assess(self) -> bool:
        """No sheet is submitted or no award exists yet (and none changes under any scenario): there is no
        stability to speak of ("no award changes" would be a false comfort)."""
        stability = self.stability
        if stability is None or stability.rows:
            return False
        awards = any(line.award for line in (self.standings.lines if self.standings else ()))
        return not awards or not any(m.submitted for m in self.progress)

    def _render_disputes(self) -> None:
        if not self._changed("disputes", tuple(self.disputes)):
            return
        self.query_one("#disputes-note", Static).update(
            self.t("chief.disputes_note", n=len(self.disputes))
            if self.disputes
            else self.t("chief.no_disputes")
        )
        table = self.query_one("#disputes-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("chief.col.module"), key="module")
        table.add_column(self.t("home.col.station"), key="station")
        table.add_column(self.t("chief.return.judge"), key="judge")
        table.add_column(self.t("chief.col.clerks"), key="clerks")
        table.add_column(self.t("chief.col.differing"), key="differing")
        for index, d in enumerate(self.disputes):
            table.add_row(
                Text(d.module_code),
                Text(d.station, style="bold"),
                Text(d.judge_code),
                Text(self.t("word.sep.list").join(k.clerk for k in d.keyings)),
                Text(str(len(d.differing)), style="bold red", justify="right"),
                key=str(index),
            )
        if self.disputes:
            table.move_cursor(row=min(keep, len(self.disputes) - 1))

    def _render_vetoes(self) -> None:
        if not self._changed("vetoes", (tuple(self.vetoes), self.chief_decides_vetoes)):
            return
        pending = self.pending_vetoes()
        note = (
            self.t("chief.vetoes_panel")
            if not self.chief_decides_vetoes
            else self.t("chief.vetoes_note", n=pending)
            if pending
            else self.t("chief.no_vetoes")
        )
        self.query_one("#vetoes-note", Static).update(Text(note))
        table = self.query_one("#vetoes-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("chief.col.module"), key="module")
        table.add_column(self.t("home.col.station"), key="station")
        table.add_column(self.t("chief.col.proposals"), key="proposals")
        table.add_column(self.t("chief.col.veto_state"), key="state")
        table.add_column(self.t("chief.col.statement"), key="statement")
        for index, p in enumerate(self.vetoes):
            table.add_row(
                Text(p.module_code),
                Text(p.station, style="bold"),
                Text(
                    self.t("word.sep.clause").join(
                        self.t("word.labelled", label=v.judge, value=v.code) for v in p.votes
                    )
                ),
                Text(
                    self.t(f"chief.veto.state.{p.state}"),
                    style="bold red" if p.state == "pending" else "dim",
                ),
                Text(p.statement, style="dim"),
                key=str(index),
            )
        if self.vetoes:
            table.move_cursor(row=min(keep, len(self.vetoes) - 1))

    @on(DataTable.RowSelected, "#vetoes-table")
    def _veto_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a proposal: confirm it with a 情况说明 or reject it with a reason."""
        if event.row_key.value is None:
            return
        proposal = self.vetoes[int(event.row_key.value)]
        if proposal.signed_off:
            self.show_error(self.t("chief.veto.signed", module=proposal.module_code))
            return
        votes = self.t("word.sep.clause").join(
            self.t("word.labelled", label=v.judge, value=f"{v.code} {v.text}") for v in proposal.votes
        )
        body = escape(f"{proposal.module_code} · {proposal.station}\n{votes}")

        def written(confirm: bool, text: str | None) -> None:
            if text and text.strip():
                self._decide_veto(proposal.module_code, proposal.station, confirm, text)

        def chosen(choice: str | None) -> None:
            if choice not in ("confirm", "reject"):
                return
            confirm = choice == "confirm"
            self.app.push_screen(
                TextDialog(
                    "chief.veto.statement" if confirm else "chief.veto.reason",
                    body,
                    required_key="chief.veto.required",
                    max_length=STATEMENT_MAX,
                ),
                lambda text: written(confirm, text),
            )

        options = [("confirm", self.t("chief.veto.confirm")), ("reject", self.t("chief.veto.reject"))]
        self.app.push_screen(ChooseDialog("chief.veto.choose", options), chosen)

    @work(thread=True, group="action", exit_on_error=False)
    def _decide_veto(self, module_code: str, station: str, confirm: bool, text: str) -> None:
        try:
            if confirm:
                self.services.confirm_veto(self.actor, module_code, station, text)
            else:
                self.services.reject_veto(self.actor, module_code, station, text)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "veto"))
            return
        key = "chief.veto.confirmed" if confirm else "chief.veto.rejected"
        self.post_message(ChiefActionDone(tr(self.lang, key, module=module_code, station=station)))

    @on(DataTable.RowSelected, "#disputes-table")
    def _dispute_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        dispute = self.disputes[int(event.row_key.value)]
        rubric = self.rubrics.get(dispute.module_code)
        if rubric is None:
            return

        def done(stored: bool | None) -> None:
            if stored:
                self.reload()

        self.app.push_screen(ResolveDialog(dispute, rubric), done)

    # -- actions -----------------------------------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        """Show one of the tabs (opening the stability tab computes it)."""
        self.query_one("#chief-tabs", TabbedContent).active = TABS[name]
        if name == "alerts":
            self.query_one("#alerts-table", DataTable).focus()
        elif name == "standings":
            self.query_one("#standings-table", DataTable).focus()
        elif name == "stability":
            self.query_one("#stability-table", DataTable).focus()
        elif name == "disputes":
            self.query_one("#disputes-table", DataTable).focus()
        elif name == "vetoes":
            self.query_one("#vetoes-table", DataTable).focus()
        else:
            self.query_one("#progress-matrix", DataTable).focus()

    def _focused_module(self) -> str | None:
        """The shown module while its matrix (or the module tabs) has the focus."""
        focused = self.focused
        if focused is not None and focused.id in ("progress-matrix", "progress-modules"):
            return self.module_code
        return None

    def action_return_sheet(self) -> None:
        """r: return the selected sheet (matrix cell, or alert row) to its judge with a reason."""
        focused = self.focused
        module_code = self._focused_module()
        if module_code is not None and isinstance(focused, DataTable) and focused.id == "progress-matrix":
            if focused.row_count == 0:
                return
            cell_key = focused.coordinate_to_cell_key(focused.cursor_coordinate)
            station, judge = cell_key.row_key.value, cell_key.column_key.value
            module = next((m for m in self.progress if m.code == module_code), None)
            if module is None or station is None or judge is None or judge == "station":
                self.show_error(self.t("chief.pick_sheet"))
                return
            cell = module.cell(judge, station)
            state = cell.state if cell else "none"
            if state != "submitted":
                self.show_error(self.t("chief.not_submitted", state=state_label(self.lang, state)))
                return
            self._ask_return(module_code, station, [(judge, judge)])
        elif isinstance(focused, DataTable) and focused.id == "alerts-table" and self.alerts:
            alert = self.alerts[focused.cursor_row]
            self._ask_return(
                alert.module_code, alert.station, [(j, f"{j}  {score(mark)}") for j, mark in alert.marks]
            )
        else:
            self.show_error(self.t("chief.pick_sheet"))

    def _ask_return(self, module_code: str, station: str, judges: list[tuple[str, str]]) -> None:
        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._return(module_code, station, result[0], result[1])

        self.app.push_screen(ReturnDialog(module_code, station, judges), done)

    @work(thread=True, group="action", exit_on_error=False)
    def _return(self, module_code: str, station: str, judge: str, reason: str) -> None:
        try:
            self.services.return_sheet(self.actor, module_code, station, judge, reason)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "return"))
            return
        self.post_message(
            ChiefActionDone(tr(self.lang, "chief.returned", module=module_code, station=station, judge=judge))
        )

    def action_sign_off(self) -> None:
        """o: sign a module off (the focused matrix's module, else a choice)."""
        code = self._focused_module()
        if code is not None:
            self._confirm_sign_off(code)
            return
        unsigned = [m for m in self.progress if not m.signed_off]
        if not unsigned:
            self.contest_app.notify(self.t("chief.all_signed"))
            return
        if len(unsigned) == 1:
            self._confirm_sign_off(unsigned[0].code)
            return

        def chosen(choice: str | None) -> None:
            if choice:
                self._confirm_sign_off(choice)

        options = [
            (m.code, f"{m.code} {self._module_title(m)}  {m.submitted}/{m.expected}") for m in unsigned
        ]
        self.app.push_screen(ChooseDialog("chief.choose_module", options), chosen)

    def _confirm_sign_off(self, code: str) -> None:
        module = next((m for m in self.progress if m.code == code), None)
        if module is None:
            return
        if module.signed_off:
            self.show_error(self.t("chief.already_signed", module=code))
            return
        body = self.t(
            "chief.signoff.body",
            module=code,
            title=self._module_title(module),
            submitted=module.submitted,
            expected=module.expected,
        )

        def done(yes: bool | None) -> None:
            if yes:
                self._sign_off(code, None)

        self.app.push_screen(ConfirmDialog("chief.signoff.title", body, "key.sign_off"), done)

    @work(thread=True, group="action", exit_on_error=False)
    def _sign_off(self, code: str, override: str | None) -> None:
        try:
            self.services.sign_off(self.actor, code, override_reason=override)
        except InvalidState as error:
            if override is None:
                self.post_message(SignOffRefused(code, error))
            else:
                self.post_message(ServiceFailed(error, "sign_off"))
            return
        except ContestError as error:
            self.post_message(ServiceFailed(error, "sign_off"))
            return
        self.post_message(ChiefActionDone(tr(self.lang, "chief.signed_off", module=code)))

    def on_sign_off_refused(self, event: SignOffRefused) -> None:
        """Show why, and offer what may still sign it off: below the sheet quorum only the supervisor's
        co-signature (with a reason); otherwise a logged override reason (open sheets above the quorum, or
        alerts). Other refusals are only shown."""
        self.show_error(event.error)
        if isinstance(
            event.error, VetoPending
        ):  # no reason or co-signature covers it: decide the vetoes first
            self.action_tab("vetoes")
            return
        if isinstance(event.error, SignOffNeedsSupervisor):

            def cosigned(ok: bool | None) -> None:
                if ok:
                    self.reload()

            self.app.push_screen(CosignDialog(event.module_code, message(event.error, self.lang)), cosigned)
            return
        module = next((m for m in self.progress if m.code == event.module_code), None)
        overridable = module is not None and (
            module.submitted < module.expected
            or any(a.module_code == event.module_code and not a.accepted for a in self.alerts)
        )
        if not overridable:
            return

        def done(reason: str | None) -> None:
            if reason:
                self._sign_off(event.module_code, reason)

        self.app.push_screen(OverrideDialog(message(event.error, self.lang)), done)

    def action_decrypt(self) -> None:
        """d: decryption, chief judge and supervisor in one dialog."""

        def done(ok: bool | None) -> None:
            if ok:
                self.reload()
                self.action_tab("standings")

        self.app.push_screen(DecryptDialog(self.actor.code), done)

    def action_calibration(self) -> None:
        """c: the calibration round (评分标定) of the module shown in the progress tab."""
        code = self.module_code or (self.progress[0].code if self.progress else None)
        if code is not None:
            self.app.push_screen(CalibrationScreen(code))

    def action_my_marking(self) -> None:
        """m: the chief judge's own marking (when they also mark)."""
        if self.actor.has("marking"):
            self.app.push_screen(JudgeHomeScreen(nested=True))
