"""A simple overview for organisers, supervisors, clerks and encryption judges: the contest, its modules with
progress and sign-off, standings (for roles that may see them), the audit chain head and the newest events.
Read-only; refreshed every few seconds.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from contest.errors import ContestError
from contest.tui.catalogue import key_label, role_label
from contest.tui.messages import OrganiserDataLoaded, ServiceFailed
from contest.tui.screens.chief import fill_standings
from contest.tui.screens.home import HomeScreen
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.table import Table

PROGRESS_ROLES = frozenset({"chief", "organiser", "supervisor", "clerk"})
"""Roles the progress and standings services accept (asking without one is logged as a denial)."""


class OrganiserScreen(HomeScreen):
    """Contest info, modules, counts, standings, audit head, recent events."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "refresh", key_label("action.refresh")),
        Binding("escape", "logout", key_label("action.logout")),
    ]
    LABELS: ClassVar[dict[str, str]] = {"refresh": "action.refresh", "logout": "action.logout"}

    def __init__(self, *, nested: bool = False) -> None:
        """``nested``: opened from another home screen (a clerk's who is also an organiser); Esc goes back."""
        super().__init__(id="organiser")
        self.nested = nested
        self.data: OrganiserDataLoaded | None = None
        self._signature: object = None

    def compose(self) -> ComposeResult:
        yield Static(id="org-bar", classes="top-bar")
        with VerticalScroll(id="org-body"):
            yield Static(id="org-info")
            yield Label(id="org-modules-label", classes="pane-title")
            yield Table(id="org-modules", cursor_type="row", classes="org-table")
            yield Label(id="org-standings-label", classes="pane-title")
            yield Table(id="org-standings", cursor_type="row", classes="org-table")
            yield Label(id="org-events-label", classes="pane-title")
            yield Table(id="org-events", cursor_type="row", classes="org-table")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(self.contest_app.poll_seconds, self.reload)

    def action_refresh(self) -> None:
        """Re-read now."""
        self.reload()

    def reload(self) -> None:
        """Re-read everything off the UI thread."""
        if self.contest_app.actor is not None:
            self._load()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _load(self) -> None:
        actor = self.actor
        allowed = bool(actor.roles & PROGRESS_ROLES)
        try:
            info = self.services.info()
            progress = self.services.progress(actor) if allowed else []
            standings = self.services.standings(actor) if allowed else None
            events = self.services.events(15)
            head = self.services.audit_head()
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        self.post_fresh(OrganiserDataLoaded(info, progress, standings, events, head))

    def on_organiser_data_loaded(self, event: OrganiserDataLoaded) -> None:
        signature = (event.info, event.progress, event.standings, event.events, event.head)
        if self.data is not None and signature == self._signature:
            return  # unchanged: keep the tables (and their cursors) as they are
        self._signature = signature
        self.data = event
        self.render_text()

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.show_error(event.error)

    def render_text(self) -> None:
        actor = self.actor
        self.query_one("#org-bar", Static).update(
            Text(f"{role_label(self.lang, actor.roles)} {actor.code} {actor.name}")
        )
        self.query_one("#org-modules-label", Label).update(self.t("org.modules"))
        self.query_one("#org-standings-label", Label).update(self.t("org.standings"))
        self.query_one("#org-events-label", Label).update(self.t("org.events"))
        data = self.data
        if data is None:
            return
        info = data.info
        self.query_one("#org-info", Static).update(
            Text(
                self.t(
                    "org.info",
                    name=info.name_en or info.name_zh if self.lang == "en" else info.name_zh,
                    edition=info.edition,
                    contestants=info.contestants,
                    judges=info.judges,
                    drawn=self.t("org.drawn" if info.drawn else "org.not_drawn"),
                    decrypted=self.t("chief.decrypted" if info.decrypted else "chief.not_decrypted"),
                    head=data.head[:12],
                )
            )
        )
        modules = self.query_one("#org-modules", DataTable)
        modules.clear(columns=True)
        for key in ("code", "title", "progress", "signed"):
            modules.add_column(self.t(f"org.col.{key}"), key=key)
        progress = {p.code: p for p in data.progress}
        for m in info.modules:
            p = progress.get(m.code)
            modules.add_row(
                m.code,
                m.title_en or m.title_zh if self.lang == "en" else m.title_zh,
                f"{p.submitted}/{p.expected}" if p else "—",
                Text(f"✔ {m.signed_off_by}", style="green") if m.signed_off else "",
            )
        standings = self.query_one("#org-standings", DataTable)
        if data.standings is not None:
            fill_standings(standings, self.lang, data.standings)
        else:
            standings.clear(columns=True)
            standings.add_column(self.t("org.no_standings"))
        events = self.query_one("#org-events", DataTable)
        events.clear(columns=True)
        for key in ("seq", "time", "actor", "kind", "details"):
            events.add_column(self.t(f"org.col.{key}"), key=key)
        for seq, at, who, kind, details in data.events:
            events.add_row(str(seq), at, who, kind, Text(details, overflow="ellipsis", no_wrap=True))
