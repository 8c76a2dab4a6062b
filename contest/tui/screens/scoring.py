"""The scoring screen for one (module, station): every item needs an explicit entry, each confirmed entry is
stored at once, and the running item and module totals come back from the service.

Layout (usable at 80×24): a two-line sheet bar; a red banner when the chief judge returned the sheet or when it
is read-only; the compact item list on the left (✓ entered / ◌ open, points, score) and the entry panel for the
highlighted item on the right (scenario, requirement, deduction rules or level descriptors, typed score).

Writes go through a FIFO queue drained by one thread worker at a time, so quick key presses ("n n n") are
stored in order, each with the version the previous write returned.
"""

from __future__ import annotations

import re
from collections import deque
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.validation import ValidationResult, Validator
from textual.widgets import Collapsible, Footer, Input, Label, OptionList, Static
from textual.worker import Worker

from contest.errors import ContestError, StaleWrite
from contest.services.views import SheetView
from contest.tui.catalogue import message, mmss, points, score, state_label, tr
from contest.tui.messages import ServiceFailed, SheetLoaded, SheetOp, SheetSaved, SheetSaveFailed
from contest.tui.screens.base import BaseScreen
from contest.tui.screens.dialogs import (
    CLEAR_VETO,
    ConfirmDialog,
    SubmitDialog,
    TextDialog,
    TimeDialog,
    VetoDialog,
)
from contest.tui.widgets.entry import DeductionPicker, LevelPicker
from contest.tui.widgets.item_list import ItemList
from rubrics.model import Item, ItemKind
from scoresheets.arithmetic import item_score
from scoresheets.errors import ScoresheetError
from scoresheets.model import Applied, ItemEntry

SCORE_TEXT = re.compile(r"^\d+(\.\d{1,2})?$")


class ScoreValidator(Validator):
    """A typed item score: a number with at most two decimals, from 0 to the item's points."""

    def __init__(self, limit: Decimal, lang: str) -> None:
        super().__init__()
        self.limit = limit
        self.lang = lang

    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.failure(tr(self.lang, "sheet.score_number"))
        if not SCORE_TEXT.match(text):
            if re.match(r"^\d+\.\d{3,}$", text):
                return self.failure(tr(self.lang, "sheet.score_decimals"))
            return self.failure(tr(self.lang, "sheet.score_number"))
        try:
            number = Decimal(text)
        except InvalidOperation:
            return self.failure(tr(self.lang, "sheet.score_number"))
        if not Decimal(0) <= number <= self.limit:
            return self.failure(tr(self.lang, "sheet.score_range", points=points(self.limit)))
        return self.success()


def entry_summary(item: Item, entry: ItemEntry | None, lang: str) -> str:
    """What was entered for an item, in words (``无扣分``, ``A1-1×2, A1-3``, ``2 级``, a typed score)."""
    if entry is None:
        return tr(lang, "sheet.item_open")
    if item.kind == ItemKind.JUDGEMENT:
        return tr(lang, "sheet.level_line", level=entry.level)
    if entry.score is not None:
        return f"{tr(lang, 'sheet.score_label')}: {points(entry.score)}"
    if not entry.deductions:
        return tr(lang, "sheet.no_deduction_entered")
    return ", ".join(a.code if a.count == 1 else f"{a.code}×{a.count}" for a in entry.deductions)


class ScoringScreen(BaseScreen):
    """One judge's sheet for one station of one module."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "no_deduction", "无扣分"),
        Binding("0", "digit(0)", "等级", key_display="0-3"),
        Binding("1", "digit(1)", show=False),
        Binding("2", "digit(2)", show=False),
        Binding("3", "digit(3)", show=False),
        *(Binding(str(d), f"digit({d})", show=False) for d in range(4, 10)),
        Binding("s", "submit", "提交"),
        Binding("t", "time", "用时"),
        Binding("v", "veto", "否决"),
        Binding("c", "comment", "备注"),
        Binding("o", "next_open", "下一未录"),
        Binding("escape", "back", "返回"),
        Binding("i", "scenario", "情境"),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "no_deduction": "key.no_deduction",
        "digit(0)": "key.levels",
        "submit": "key.submit",
        "time": "key.time",
        "veto": "key.veto",
        "comment": "key.comment",
        "next_open": "key.next_open",
        "back": "action.back",
        "scenario": "key.scenario",
    }

    def __init__(self, module_code: str, station: str) -> None:
        super().__init__(id="scoring")
        self.module_code = module_code
        self.station = station
        self.view: SheetView | None = None
        self.ticks: dict[str, dict[str, int]] = {}
        """Deduction rules ticked but not yet confirmed, per item (kept while the judge moves around)."""
        self._queue: deque[SheetOp] = deque()
        self._saving = False
        self._shown_item: str | None = None

    # -- layout ------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="sheet-bar", classes="top-bar")
        yield Static(id="sheet-banner")
        with Horizontal(id="scoring-body"):
            yield ItemList(id="item-list")
            with VerticalScroll(id="entry-panel"):
                with Collapsible(id="scenario", collapsed=True, collapsed_symbol="▸", expanded_symbol="▾"):
                    yield Static(id="scenario-text")
                yield Static(id="item-head")
                yield Static(id="item-entry")
                yield Static(id="item-req")
                yield DeductionPicker(id="deductions")
                with Horizontal(id="score-row"):
                    yield Label(id="score-label")
                    yield Input(
                        id="score-input",
                        restrict=r"[0-9]*\.?[0-9]{0,2}",
                        max_length=6,
                        compact=True,
                        select_on_focus=False,
                    )
                yield LevelPicker(id="levels")
                yield Static(id="entry-hint", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#sheet-bar", Static).update(self.t("sheet.loading"))
        self.query_one("#sheet-banner", Static).display = False
        for wid in ("#deductions", "#score-row", "#levels"):
            self.query_one(wid).display = False
        self._load()
        self.set_interval(self.contest_app.poll_seconds, self._poll)

    # -- loading -----------------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        try:
            view = self.services.open_sheet(self.actor, self.module_code, self.station)
        except ContestError as error:
            self.post_message(ServiceFailed(error, "load"))
            return
        self.post_message(SheetLoaded(view))

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
        self._set_view(event.view)
        if old is None:
            items = self.query_one("#item-list", ItemList)
            items.highlight_item(ItemList.first_item_id(event.view))
            items.focus()

    def _set_view(self, view: SheetView) -> None:
        old = self.view
        self.view = view
        if old is None:
            self.render_text()
            return
        # ticks that no longer match what is stored are dropped; others stay
        for item_id in list(self.ticks):
            if old.entries.get(item_id) != view.entries.get(item_id):
                self.ticks.pop(item_id, None)
        # the entry panel is redrawn only if its item changed, so a judge already ticking the next item's
        # rules keeps their place
        current = self.query_one("#item-list", ItemList).highlighted_item_id
        changed = old.state != view.state or (
            current is not None and old.entries.get(current) != view.entries.get(current)
        )
        self._render_sheet(view, force_entry=changed)

    ENTRY_ACTIONS = frozenset({"no_deduction", "digit", "submit", "time", "veto", "comment"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Entry keys leave the footer (and do nothing) once the sheet is read-only."""
        return not (action in self.ENTRY_ACTIONS and self.view is not None and not self.view.editable)

    # -- rendering ---------------------------------------------------------------------------------------------
    def render_text(self) -> None:
        scenario = self.query_one("#scenario", Collapsible)
        scenario.title = self.t("sheet.scenario")
        self.query_one("#score-label", Label).update(self.t("sheet.score_label"))
        view = self.view
        if view is None:
            return
        self.query_one("#scenario-text", Static).update(view.rubric.scenario.get(self.lang))
        self._render_sheet(view, force_entry=True)

    def _render_sheet(self, view: SheetView, *, force_entry: bool) -> None:
        self._render_bar(view)
        self._render_banner(view)
        self.refresh_bindings()
        self.query_one("#item-list", ItemList).show(view, self.lang)
        self._render_entry(force=force_entry)

    def _render_bar(self, view: SheetView) -> None:
        rubric = view.rubric
        n = len(rubric.items)
        open_n = len(view.open_items)
        line1 = Text()
        line1.append(self.t("sheet.module", code=view.module_code, title=rubric.title.get(self.lang)), "bold")
        line1.append("  ·  ")
        line1.append(self.t("sheet.station", station=view.station), "bold reverse")
        line1.append("  ·  ")
        line1.append(state_label(self.lang, view.state), "bold")
        line1.append("  ·  ")
        if open_n:
            line1.append(self.t("sheet.open", open=open_n, items=n), "bold yellow")
        else:
            line1.append(self.t("sheet.all_entered", items=n), "bold green")
        line2 = Text()
        line2.append(self.t("sheet.items_total", value=score(view.items_total)))
        line2.append("  ·  ")
        used = mmss(view.seconds_used) if view.seconds_used is not None else self.t("sheet.time_none")
        line2.append(self.t("sheet.time", used=used, limit=f"{rubric.time_limit_minutes:02d}:00"))
        if view.overtime_deduction:
            line2.append(" ")
            line2.append(self.t("sheet.overtime", value=score(view.overtime_deduction)), "bold red")
        if view.veto:
            line2.append("  ·  ")
            line2.append(self.t("sheet.veto", code=view.veto), "bold white on red")
        line2.append("  ·  ")
        line2.append(self.t("sheet.total", value=score(view.total)), "bold")
        self.query_one("#sheet-bar", Static).update(Text("\n").join([line1, line2]))

    def _render_banner(self, view: SheetView) -> None:
        banner = self.query_one("#sheet-banner", Static)
        banner.remove_class("is-returned", "is-locked")
        if view.state == "returned" or (view.editable and view.return_reason):
            banner.update(self.t("sheet.returned", reason=view.return_reason))
            banner.add_class("is-returned")
            banner.display = True
        elif not view.editable:
            banner.update(self.t("sheet.readonly", state=state_label(self.lang, view.state)))
            banner.add_class("is-locked")
            banner.display = True
        else:
            banner.display = False

    def current_item(self) -> Item | None:
        """The highlighted item."""
        if self.view is None:
            return None
        item_id = self.query_one("#item-list", ItemList).highlighted_item_id
        return self.view.rubric.item(item_id) if item_id else None

    def _ticks_for(self, item: Item) -> dict[str, int]:
        if item.id not in self.ticks:
            stored = self.view.entries.get(item.id) if self.view else None
            self.ticks[item.id] = {a.code: a.count for a in stored.deductions} if stored else {}
        return self.ticks[item.id]

    def _render_entry(self, force: bool = False) -> None:
        item = self.current_item()
        view = self.view
        if item is None or view is None:
            return
        if not force and item.id == self._shown_item:
            return
        self._shown_item = item.id
        editable = view.editable
        entry = view.entries.get(item.id)
        kind = self.t(f"sheet.kind.{item.kind.value}")
        self.query_one("#item-head", Static).update(
            Text.assemble(
                (f"{item.id} {item.title.get(self.lang)}", "bold"),
                f"  ·  {kind}  ·  {self.t('sheet.points', points=points(item.points))}",
            )
        )
        summary = entry_summary(item, entry, self.lang)
        if entry is not None:
            summary = (
                f"✓ {summary}  →  {self.t('sheet.item_score', value=score(view.item_scores.get(item.id)))}"
            )
        self.query_one("#item-entry", Static).update(
            Text(summary, style="bold green" if entry is not None else "bold yellow")
        )
        self.query_one("#item-req", Static).update(Text(item.requirement.get(self.lang), style="dim"))
        picker = self.query_one("#deductions", DeductionPicker)
        levels = self.query_one("#levels", LevelPicker)
        score_row = self.query_one("#score-row")
        score_input = self.query_one("#score-input", Input)
        measurement = item.kind == ItemKind.MEASUREMENT
        picker.display = measurement and bool(item.deductions)
        score_row.display = measurement
        levels.display = not measurement
        picker.disabled = not editable
        levels.disabled = not editable
        score_input.disabled = not editable
        if measurement:
            picker.show(item, self._ticks_for(item), self.lang)
            picker.apply_language(self.lang)
            score_input.validators = [ScoreValidator(item.points, self.lang)]
            score_input.placeholder = self.t("sheet.score_placeholder", points=points(item.points))
            score_input.value = ""
        else:
            levels.show(item, entry.level if entry else None, self.lang)
        self._render_hint(item)

    def _render_hint(self, item: Item, note: str | None = None, error: bool = False) -> None:
        hint = self.query_one("#entry-hint", Static)
        if note is None:
            view = self.view
            if view is not None and not view.editable:
                note = self.t("sheet.read_only", state=state_label(self.lang, view.state))
            elif item.kind == ItemKind.JUDGEMENT:
                note = self.t("sheet.hint.judgement")
            elif not item.deductions:
                note = self.t("sheet.hint.no_rules")
            else:
                note = self.t("sheet.hint.measurement")
                preview = self._preview(item)
                if preview:
                    note = preview + "\n" + note
        hint.set_class(error, "is-error")
        hint.update(note)

    def _preview(self, item: Item) -> str | None:
        ticks = self.ticks.get(item.id)
        if not ticks:
            return None
        applied = tuple(Applied(d.code, ticks[d.code]) for d in item.deductions if ticks.get(d.code))
        value = item_score(item, ItemEntry(item.id, deductions=applied))
        return self.t("sheet.deduction_preview", taken=score(item.points - value), score=score(value))

    def say(self, note: str, error: bool = False) -> None:
        """Show a note under the entry controls (and ring the bell for a refusal)."""
        item = self.current_item()
        if item is not None:
            self._render_hint(item, note, error)
        if error:
            self.app.bell()

    # -- navigation --------------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#item-list")
    def _item_highlighted(self) -> None:
        self._render_entry()

    @on(OptionList.OptionSelected, "#item-list")
    def _item_selected(self) -> None:
        """Enter on an item: go to its entry control."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind == ItemKind.JUDGEMENT:
            self.query_one("#levels", LevelPicker).focus()
        elif item.deductions:
            self.query_one("#deductions", DeductionPicker).focus()
        else:
            self.query_one("#score-input", Input).focus()

    def _advance(self, item_id: str) -> None:
        """After a confirmed entry: highlight the next item and return to the list."""
        items = self.query_one("#item-list", ItemList)
        view = self.view
        if view is None:
            return
        ids = [i.id for i in view.rubric.items]
        if item_id in ids and ids.index(item_id) + 1 < len(ids):
            items.highlight_item(ids[ids.index(item_id) + 1])
        items.focus()

    def action_next_open(self) -> None:
        """Jump to the next item that has no entry yet."""
        view = self.view
        if view is None or not view.open_items:
            return
        ids = [i.id for i in view.rubric.items]
        current = self.query_one("#item-list", ItemList).highlighted_item_id
        start = ids.index(current) + 1 if current in ids else 0
        ordered = ids[start:] + ids[:start]
        target = next(i for i in ordered if i in view.open_items)
        items = self.query_one("#item-list", ItemList)
        items.highlight_item(target)
        items.focus()

    def action_scenario(self) -> None:
        """i: show or hide the scenario (情境) above the item."""
        scenario = self.query_one("#scenario", Collapsible)
        scenario.collapsed = not scenario.collapsed
        if not scenario.collapsed:
            self.query_one("#entry-panel", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        """Esc: from an entry control back to the list; from the list back to the stations."""
        items = self.query_one("#item-list", ItemList)
        if self.focused is not items:
            self.query_one("#score-input", Input).value = ""
            self.set_focus(items)
            item = self.current_item()
            if item is not None:
                self._render_hint(item)
            return
        if self._saving or self._queue:
            self.say(self.t("sheet.wait_saving"), error=True)
            return
        self.app.pop_screen()

    # -- entering ----------------------------------------------------------------------------------------------
    def _can_edit(self, quiet: bool = False) -> bool:
        view = self.view
        if view is None:
            return False
        if not view.editable:
            if not quiet:
                self.say(self.t("sheet.read_only", state=state_label(self.lang, view.state)), error=True)
            return False
        return True

    def _save_entry(self, entry: ItemEntry, label: str) -> None:
        actor, module, station = self.actor, self.module_code, self.station
        self._enqueue(
            SheetOp(
                label,
                lambda version: self.services.save_mark(
                    actor, module, station, entry, expected_version=version
                ),
                entry=entry,
            )
        )
        self._advance(entry.item_id)

    def action_no_deduction(self) -> None:
        """n: the highlighted measurement item has no deduction (an explicit entry)."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind != ItemKind.MEASUREMENT:
            self.say(self.t("sheet.only_levels"), error=True)
            return
        self._save_entry(ItemEntry(item.id), item.id)

    def action_digit(self, digit: int) -> None:
        """0–3 choose a judgement level; on a measurement item a digit starts typing the item score."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind == ItemKind.JUDGEMENT:
            if digit > 3:
                self.say(self.t("sheet.bad_level"), error=True)
                return
            self._save_entry(ItemEntry(item.id, level=digit), item.id)
            return
        # focus moves at once and the digit is appended, so fast typing ("45") is not split or overwritten
        score_input = self.query_one("#score-input", Input)
        self.set_focus(score_input)
        score_input.insert_text_at_cursor(str(digit))

    @on(DeductionPicker.Changed)
    def _ticks_changed(self) -> None:
        item = self.current_item()
        if item is not None:
            self._render_hint(item)

    @on(DeductionPicker.Confirmed)
    def _deductions_confirmed(self, event: DeductionPicker.Confirmed) -> None:
        if not self._can_edit():
            return
        if not event.applied:
            self.say(self.t("sheet.none_ticked"), error=True)
            return
        self._save_entry(ItemEntry(event.item.id, deductions=event.applied), event.item.id)

    @on(OptionList.OptionSelected, "#levels")
    def _level_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current_item()
        if item is None or event.option.id is None or not self._can_edit():
            return
        self._save_entry(ItemEntry(item.id, level=int(event.option.id)), item.id)

    @on(Input.Changed, "#score-input")
    def _score_typed(self, event: Input.Changed) -> None:
        item = self.current_item()
        if item is None or not event.value:
            return
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._render_hint(item, "；".join(result.failure_descriptions), error=True)
        else:
            self._render_hint(item)

    @on(Input.Submitted, "#score-input")
    def _score_submitted(self, event: Input.Submitted) -> None:
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        result = ScoreValidator(item.points, self.lang).validate(event.value)
        if not result.is_valid:
            self.say("；".join(result.failure_descriptions), error=True)
            return
        event.input.value = ""
        self._save_entry(ItemEntry(item.id, score=Decimal(event.value.strip())), item.id)

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
                    lambda version: self.services.set_sheet_info(
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
                call = lambda version: self.services.set_sheet_info(  # noqa: E731
                    actor, module, station, clear_veto=True, expected_version=version
                )
            else:
                call = lambda version: self.services.set_sheet_info(  # noqa: E731
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
                ConfirmDialog("veto.confirm.title", body, danger=True), lambda yes: confirmed(code, yes)
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
                    lambda version: self.services.set_sheet_info(
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
            self.say(self.t("sheet.wait_saving"), error=True)
            return
        actor, module, station = self.actor, self.module_code, self.station

        def done(yes: bool | None) -> None:
            if yes:
                self._enqueue(
                    SheetOp(
                        self.t("key.submit"),
                        lambda version: self.services.submit_sheet(actor, module, station, version),
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
        self._pump()

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
        if event.op.item_id is not None:
            self.ticks.pop(event.op.item_id, None)  # stored: the picker starts from the stored entry again
        self._set_view(event.view)
        if event.op.submit:
            self.contest_app.notify(self.t("sheet.submitted", station=self.station))
            self.query_one("#item-list", ItemList).focus()
        else:
            item = self.current_item()
            if item is not None:
                self._render_hint(item, self.t("sheet.saved", item=event.op.label))
        self._pump()

    def on_sheet_save_failed(self, event: SheetSaveFailed) -> None:
        self._saving = False
        self._queue.clear()
        self.show_error(event.error)
        entry = event.op.entry
        if entry is not None:
            # back to the refused item with what was entered still on screen (ticks stay; a typed score is
            # put back), so Enter retries
            self.query_one("#item-list", ItemList).highlight_item(entry.item_id)
            self._render_entry(force=True)
            if entry.score is not None:
                self.query_one("#score-input", Input).value = points(entry.score)
        self.say(message(event.error, self.lang), error=True)
        if isinstance(event.error, StaleWrite):
            self._load()
            self.contest_app.notify(self.t("sheet.reloaded"), severity="warning")

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "save":
            self._saving = False
            self._queue.clear()
