"""The chief judge's calibration screen (评分标定) for one module: the calibration performances and who has
submitted them, the items the judges read differently (flagged for the briefing, worst first, with each judge's
mark against the panel median), each judge's mean absolute deviation and bias, and Kendall's W. From here the
chief judge adds a performance (``n``) and closes the round (``c``), after which live marking may begin.

Only submitted calibration sheets enter the figures; the screen re-reads them every few seconds.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from contest.errors import ContestError
from contest.services.calibration import CalibrationReportView
from contest.tui.catalogue import key_label
from contest.tui.messages import ChiefActionDone, ServiceFailed
from contest.tui.screens.base import BaseScreen
from contest.tui.screens.dialogs import ConfirmDialog, TextDialog
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.table import Table
from rubrics.model import Text as RubricText
from scoresheets.calibration import ItemAgreement
from scoresheets.numbers import half_up

FLAG_KEYS = {"levels": "calib.flag.levels", "spread": "calib.flag.spread", "rules": "calib.flag.rules"}


def num(value: Decimal, places: int = 2) -> str:
    """A figure for display, rounded half-up."""
    return f"{half_up(value, places):.{places}f}"


def signed(value: Decimal) -> str:
    """A deviation with its sign (``+0.50``, ``−1.00``, ``0.00``)."""
    shown = half_up(value, 2)
    return f"+{shown:.2f}" if shown > 0 else f"−{-shown:.2f}" if shown < 0 else "0.00"


def percent(value: Decimal) -> str:
    """A share as a percentage with one decimal (``11.1%``)."""
    return f"{half_up(value * 100, 1):.1f}%"


class CalibrationLoaded(Message):
    """The module's calibration report was read."""

    def __init__(self, view: CalibrationReportView, title: RubricText | None) -> None:
        super().__init__()
        self.view = view
        self.title = title
        """The module's rubric title in both languages (``None``: not in the configuration)."""


class CalibrationScreen(BaseScreen):
    """Performances, flagged items and judges' agreement for one module."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", key_label("calib.key.add")),
        Binding("c", "close_round", key_label("calib.key.close")),
        Binding("f5", "refresh", key_label("action.refresh")),
        Binding("escape", "back", key_label("action.back")),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "add": "calib.key.add",
        "close_round": "calib.key.close",
        "refresh": "action.refresh",
        "back": "action.back",
    }

    def __init__(self, module_code: str) -> None:
        super().__init__(id="calibration")
        self.module_code = module_code
        self.view: CalibrationReportView | None = None
        self.rubric_title: RubricText | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="calib-bar", classes="top-bar")
        yield Table(id="calib-performances", cursor_type="row", zebra_stripes=True)
        yield Static(id="calib-items-title", classes="pane-title")
        yield Table(id="calib-items", cursor_type="row", zebra_stripes=True)
        yield Static(id="calib-judges-title", classes="pane-title")
        yield Table(id="calib-judges", cursor_type="row", zebra_stripes=True)
        yield Static(id="calib-note", classes="hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(self.contest_app.poll_seconds, self.reload)
        self.query_one("#calib-items", DataTable).focus()

    def reload(self) -> None:
        self._load()

    def action_refresh(self) -> None:
        """Re-read the figures now."""
        self.reload()

    @work(thread=True, exclusive=True, group="calibration", exit_on_error=False)
    def _load(self) -> None:
        try:
            view = self.services.calibration_report(self.actor, self.module_code)
            title: RubricText | None = None
            with contextlib.suppress(KeyError):
                title = self.services.config().module(self.module_code).rubric.title
        except ContestError as error:
            self.post_message(ServiceFailed(error, "calibration"))
            return
        self.post_fresh(CalibrationLoaded(view, title))

    def on_calibration_loaded(self, event: CalibrationLoaded) -> None:
        self.view = event.view
        self.rubric_title = event.title
        self.render_text()

    def on_service_failed(self, event: ServiceFailed) -> None:
        self.show_error(event.error)

    def on_chief_action_done(self, event: ChiefActionDone) -> None:
        self.contest_app.notify(event.text)
        self.reload()

    # -- rendering ---------------------------------------------------------------------------------------------
    def _title(self, view: CalibrationReportView) -> str:
        """The module's title in the current language (the rubric's, else as the service gave it)."""
        return self.rubric_title.get(self.lang) if self.rubric_title is not None else view.module_title

    def render_text(self) -> None:
        view = self.view
        bar = self.query_one("#calib-bar", Static)
        if view is None:
            bar.update(Text(self.t("calib.loading", module=self.module_code)))
            return
        report = view.report
        bar.update(Text(self.t("calib.bar", module=view.module_code, title=self._title(view)), style="bold"))
        self._performances(view)
        flagged = report.flagged
        self.query_one("#calib-items-title", Static).update(
            Text(self.t("calib.items", flagged=len(flagged), items=len(report.items)))
        )
        self._items(view, flagged)
        w = report.kendall_w
        self.query_one("#calib-judges-title", Static).update(
            Text(
                self.t("calib.judges")
                + "  ·  "
                + (
                    self.t("calib.w", w=num(w), n=len(report.performances), m=len(report.w_judges))
                    if w is not None
                    else self.t("calib.w_none")
                )
            )
        )
        self._judges(view)
        note = self.t(
            "calib.note", tolerance=percent(report.rules.share_tolerance), gap=report.rules.level_gap
        )
        if view.missing:
            waiting = self.t("word.sep.list").join(f"{p}/{j}" for p, j in view.missing)
            note = self.t("calib.missing", missing=waiting) + "  " + note
        self.query_one("#calib-note", Static).update(Text(note))

    def _performances(self, view: CalibrationReportView) -> None:
        table = self.query_one("#calib-performances", DataTable)
        table.clear(columns=True)
        for key in ("calib.col.code", "calib.col.title", "calib.col.state", "calib.col.submitted"):
            table.add_column(self.t(key))
        for p in view.performances:
            state = self.t("calib.closed") if p.closed else self.t("calib.open")
            table.add_row(
                Text(p.code, style="bold magenta"),
                Text(p.title),
                Text(state, style="dim" if p.closed else "yellow"),
                Text(f"{len(p.submitted)}/{len(view.judges)}  {' '.join(p.submitted)}"),
            )

    def _items(self, view: CalibrationReportView, flagged: tuple[ItemAgreement, ...]) -> None:
        """Flagged items first (worst first), then the rest: each judge's mean deviation from the median."""
        report = view.report
        table = self.query_one("#calib-items", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("calib.col.item"))
        table.add_column(self.t("calib.col.points"))
        for judge in report.judges:
            table.add_column(judge)
        for key in ("calib.col.spread", "calib.col.mad", "calib.col.flags"):
            table.add_column(self.t(key))
        by_judge = {j.judge: j for j in report.judge_figures}
        rest = [i for i in report.items if not i.flags]
        for item in (*flagged, *rest):
            style = "bold red" if item.flags else ""
            cells: list[object] = [Text(item.item_id, style="bold"), Text(num(item.points))]
            for judge in report.judges:
                dev = by_judge[judge].deviations.get(item.item_id)
                far = item.item_id in by_judge[judge].far_items
                cells.append(Text("—" if dev is None else signed(dev), style="red" if far else ""))
            reasons = self.t("word.sep.list").join(self.t(FLAG_KEYS[f]) for f in item.flags)
            splits = "; ".join(
                f"{s.performance} {s.code} {len(s.applied_by)}/{s.judges}" for s in item.rule_splits
            )
            cells += [
                Text(num(item.spread)),
                Text(percent(item.mad_share), style=style),
                Text(reasons + (self.t("word.aside", text=splits) if splits else ""), style=style),
            ]
            table.add_row(*cells)
        if report.items:
            table.move_cursor(row=min(keep, len(report.items) - 1))

    def _judges(self, view: CalibrationReportView) -> None:
        table = self.query_one("#calib-judges", DataTable)
        table.clear(columns=True)
        for key in (
            "calib.col.judge",
            "calib.col.marked",
            "calib.col.judge_mad",
            "calib.col.bias",
            "calib.col.far",
        ):
            table.add_column(self.t(key))
        for j in view.report.judge_figures:
            lean = self.t("calib.strict") if j.bias < 0 else self.t("calib.lenient") if j.bias > 0 else ""
            table.add_row(
                Text(f"{j.judge} {view.judges.get(j.judge, '')}"),
                Text(str(j.marked)),
                Text(num(j.mad) + self.t("word.aside", text=percent(j.mad_share))),
                Text(
                    f"{signed(j.bias)} {lean}", style="red" if j.bias < 0 else "green" if j.bias > 0 else ""
                ),
                Text(self.t("word.sep.list").join(j.far_items) or "—"),
            )

    # -- actions -----------------------------------------------------------------------------------------------
    def action_add(self) -> None:
        """n: a new calibration performance (its title: the video or the demonstration)."""

        def done(title: str | None) -> None:
            if title is not None:
                self._add(title)

        self.app.push_screen(TextDialog("calib.add.title", self.t("calib.add.body"), max_length=60), done)

    @work(thread=True, group="calibration-write", exit_on_error=False)
    def _add(self, title: str) -> None:
        try:
            code = self.services.add_calibration(self.actor, self.module_code, title)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "calibration"))
            return
        self.post_message(ChiefActionDone(self.t("calib.added", code=code, module=self.module_code)))

    def action_close_round(self) -> None:
        """c: close the open calibration performances (live marking may begin)."""

        def done(yes: bool | None) -> None:
            if yes:
                self._close()

        self.app.push_screen(
            ConfirmDialog(
                "calib.close.title", self.t("calib.close.body", module=self.module_code), "calib.key.close"
            ),
            done,
        )

    @work(thread=True, group="calibration-write", exit_on_error=False)
    def _close(self) -> None:
        try:
            n = self.services.close_calibration(self.actor, self.module_code)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "calibration"))
            return
        self.post_message(ChiefActionDone(self.t("calib.closed_n", n=n, module=self.module_code)))

    def action_back(self) -> None:
        """Esc: back to the chief judge's console."""
        self.app.pop_screen()
