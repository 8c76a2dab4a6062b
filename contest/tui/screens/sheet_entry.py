"""What the judge's scoring screen and the clerk's keying screen share: the compact item list on the left, the
entry panel for the highlighted item on the right (scenario, requirement, deduction rules or level descriptors,
typed score), the two-line sheet bar, and the keys that turn a keystroke into an :class:`ItemEntry`.

Where a confirmed entry goes is the subclass's business (:meth:`SheetEntryScreen.store_entry`): the scoring
screen stores it through the services at once, the clerk's screen keeps it until the whole paper sheet is keyed.
The screen always shows a :class:`~contest.services.views.SheetView` (stored or built locally).

One meaning per key in each place (the footer shows the keys of the place the judge is in):

- item list: ↑/↓ move, Enter opens the item's entry control, ``n`` no deduction (asks first if rules are ticked
  or stored), ``0``–``3`` a judgement item's level, digits a score item's score, ``f`` a typed score where the
  rubric allows one; a digit anywhere else is refused with a hint, never reinterpreted;
- rule list: Space ticks, +/− and digits set the highlighted repeatable rule's count, Enter confirms the ticks;
- level list: ↑/↓ and Enter, or 0–3; a tap only selects a level, a second tap (or the 确认 button) records it;
- typed score: digits and ``.``, Enter records it once it is on the item's step and range.

Ticked rules that are not confirmed stay with their item (✎ in the list) until confirmed or replaced after a
question; an entry confirmed but not yet acknowledged by the store counts as entered for everything the judge
does next (⋯ in the list), so keys typed ahead mean the same whether the store is quick or slow.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message_pump import _MessagePumpMeta
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Collapsible, Input, Label, OptionList, Static

from contest.services.views import SheetView
from contest.tui.catalogue import key_label, mmss, points, score, state_label, tr
from contest.tui.screens.base import BaseScreen
from contest.tui.screens.dialogs import ConfirmDialog
from contest.tui.widgets.entry import DeductionPicker, LevelPicker
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.item_list import ItemList
from rubrics.model import Item, ItemKind
from scoresheets.arithmetic import item_score
from scoresheets.model import Applied, ItemEntry
from scoresheets.typed import parse_typed_score, typed_score_refusal


class ScoreValidator(Validator):
    """A typed item score: only where the rubric allows one, from 0 to the item's points, on the item's step
    (:func:`scoresheets.typed.typed_score_refusal`, the check the service applies too)."""

    def __init__(self, item: Item, lang: str) -> None:
        super().__init__()
        self.item = item
        self.lang = lang

    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.failure(tr(self.lang, "sheet.score_number"))
        refusal = typed_score_refusal(self.item, text)
        if refusal is not None:
            return self.failure(refusal.text(self.lang))
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


def update_in_place(widget: Static, content: Text) -> None:
    """``widget.update(content)``, laying the screen out again only when the widget's height changes: a
    layout arranges every widget of the screen, and the sheet bar, the item's heading and the hint under the
    entry controls change on every stored entry or move while mostly keeping their number of lines."""
    region = widget.content_region
    if not widget.display or not region.width or not region.height:
        widget.update(content)
        return
    widget.update(content, layout=False)
    if widget.get_content_height(region.size, widget.app.size, region.width) != region.height:
        widget.refresh(layout=True)


class _AbstractScreenMeta(abc.ABCMeta, _MessagePumpMeta):
    """Textual's screen metaclass with abstract methods: a subclass that forgets a hook cannot be built."""


class SheetEntryScreen(BaseScreen, metaclass=_AbstractScreenMeta):
    """Item list + entry panel over a :class:`SheetView`; subclasses decide where confirmed entries go."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "no_deduction", key_label("key.no_deduction")),
        Binding("0", "digit(0)", key_label("key.levels"), key_display="0-3"),
        Binding("f", "typed_score", key_label("key.typed_score")),
        Binding("1", "digit(1)", show=False),
        Binding("2", "digit(2)", show=False),
        Binding("3", "digit(3)", show=False),
        *(Binding(str(d), f"digit({d})", show=False) for d in range(4, 10)),
        Binding("s", "submit", key_label("key.submit")),
        Binding("t", "time", key_label("key.time")),
        Binding("v", "veto", key_label("key.veto")),
        Binding("c", "comment", key_label("key.comment")),
        Binding("o", "next_open", key_label("key.next_open")),
        Binding("escape", "back", key_label("action.back")),
        Binding("i", "scenario", key_label("key.scenario")),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "no_deduction": "key.no_deduction",
        "digit(0)": "key.levels",
        "typed_score": "key.typed_score",
        "submit": "key.submit",
        "time": "key.time",
        "veto": "key.veto",
        "comment": "key.comment",
        "next_open": "key.next_open",
        "back": "action.back",
        "scenario": "key.scenario",
    }
    ENTRY_ACTIONS = frozenset({"no_deduction", "digit", "typed_score", "submit", "time", "veto", "comment"})
    """Actions that change the sheet: they leave the footer (and do nothing) once it is read-only."""

    def __init__(self, module_code: str, station: str, *, screen_id: str) -> None:
        super().__init__(id=screen_id)
        self.module_code = module_code
        self.station = station
        self.view: SheetView | None = None
        self.ticks: dict[str, dict[str, int]] = {}
        """Deduction rules ticked but not yet confirmed, per item (kept while the user moves around)."""
        self.pending: dict[str, ItemEntry] = {}
        """Entries confirmed but not yet acknowledged by the store: they count as entered for what comes next."""
        self.typed_drafts: dict[str, str] = {}
        """Scores typed but not confirmed, per item (kept while the user moves around)."""
        self._shown_item: str | None = None
        self._offered: tuple[bool | None, ...] | None = None
        """What :meth:`check_action` said of each action when the footer was last asked to show its keys."""

    @property
    def accepts_input(self) -> bool:
        """Keys wait (in order) until the sheet is on screen: typed ahead of it they would meet no item."""
        return self.view is not None

    # -- hooks for the subclasses ------------------------------------------------------------------------------
    @abc.abstractmethod
    def load(self) -> None:
        """Start reading (or building) the sheet; the subclass shows it with :meth:`show_view`."""

    @abc.abstractmethod
    def store_entry(self, entry: ItemEntry, label: str) -> None:
        """A confirmed item entry (already checked against the item's kind and points)."""

    def leave(self) -> None:
        """Esc on the item list: back to the previous screen."""
        self.app.pop_screen()

    def bar_status(self, view: SheetView) -> tuple[str, str]:
        """The state shown in the sheet bar, with its style."""
        return state_label(self.lang, view.state), "bold"

    def read_only_note(self, view: SheetView) -> str:
        """Why nothing can be entered (shown under the entry controls)."""
        return self.t("sheet.read_only", state=state_label(self.lang, view.state))

    def flagged_items(self) -> frozenset[str]:
        """Items to mark ✗ in the list (the clerk's mismatches)."""
        return frozenset()

    def item_note(self, item: Item) -> str | None:
        """An extra line above the entry hint for ``item``."""
        return None

    # -- layout ------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="sheet-bar", classes="top-bar")
        yield Static(id="sheet-banner")
        with Horizontal(id="scoring-body") as body:
            # drawn once the sheet is there: a first frame of empty lists and panels costs a full paint
            body.display = False
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
                with Horizontal(id="entry-buttons"):
                    yield Button(id="confirm-entry", variant="primary", compact=True)
                    yield Button(id="no-deduction-button", compact=True)
                yield Static(id="entry-hint", classes="hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#sheet-bar", Static).update(self.t("sheet.loading"))
        self.query_one("#sheet-banner", Static).display = False
        for wid in ("#deductions", "#score-row", "#levels"):
            self.query_one(wid).display = False
        for button in self.query(Button):
            button.can_focus = False  # taps and clicks only: the keyboard has its own keys
        self.load()

    def show_view(self, view: SheetView) -> None:
        """Show ``view``: the first time everything, afterwards only what changed (a user already ticking
        the next item's rules keeps their place)."""
        old = self.view
        before = {item_id: self.entry_for(item_id) for item_id in self.ticks}
        self.view = view
        if old is None:
            self.query_one("#scoring-body").display = True
            self.render_text()
            items = self.query_one("#item-list", ItemList)
            items.highlight_item(ItemList.first_item_id(view))
            items.focus()
            return
        # ticks made against an entry that has changed meanwhile (elsewhere) are dropped; others stay
        for item_id, entry in before.items():
            if entry != self.entry_for(item_id):
                self.ticks.pop(item_id, None)
        current = self.query_one("#item-list", ItemList).highlighted_item_id
        changed = old.editable != view.editable or (
            current is not None and old.entries.get(current) != view.entries.get(current)
        )
        # the footer is rebuilt only when the keys on offer change (a Footer recompose costs milliseconds)
        self._render_sheet(view, force_entry=changed, bindings=old.editable != view.editable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Entry keys leave the footer (and do nothing) once the sheet is read-only; the footer offers only the
        keys that mean something for the highlighted item."""
        if action in self.ENTRY_ACTIONS and self.view is not None and not self.view.editable:
            return False
        item = self.current_item()
        if item is None:
            return True
        if action == "no_deduction":
            return item.kind == ItemKind.MEASUREMENT
        if action == "digit":
            return item.kind in (ItemKind.JUDGEMENT, ItemKind.SCORE)
        if action == "typed_score":
            return item.kind == ItemKind.MEASUREMENT and item.typing_allowed
        return True

    def offered_actions(self) -> tuple[bool | None, ...]:
        """What :meth:`check_action` says of each action bound on the screen (by its class or a base) now."""
        return tuple(
            self.check_action(binding.action.split("(", 1)[0], ())
            for cls in type(self).__mro__
            for binding in cls.__dict__.get("BINDINGS", ())
            if isinstance(binding, Binding)
        )

    def on_key(self, event: events.Key) -> None:
        """In the item list, a marking key the footer does not offer for this item (a digit on an item scored by
        its rules, ``n`` on a judgement item, ``f`` where no typed score is allowed) is refused with a hint,
        not dropped silently."""
        if self.focused is not self.query_one("#item-list") or self.view is None or not self.view.editable:
            return
        character = event.character or ""
        run: Callable[[], None]
        if character.isdigit() and len(character) == 1:
            action, run = "digit", lambda: self.action_digit(int(character))
        elif event.key == "n":
            action, run = "no_deduction", self.action_no_deduction
        elif event.key == "f":
            action, run = "typed_score", self.action_typed_score
        else:
            return
        if self.check_action(action, ()):
            return  # the binding handles it
        event.stop()
        event.prevent_default()
        run()

    def entry_for(self, item_id: str) -> ItemEntry | None:
        """The item's entry as the judge last confirmed it (stored, or on its way to the store)."""
        pending = self.pending.get(item_id)
        if pending is not None:
            return pending
        return self.view.entries.get(item_id) if self.view is not None else None

    def open_item_ids(self) -> list[str]:
        """Items with no entry yet, counting entries on their way to the store."""
        if self.view is None:
            return []
        return [i.id for i in self.view.rubric.items if self.entry_for(i.id) is None]

    def drafted_items(self) -> frozenset[str]:
        """Items with ticks that differ from their confirmed entry (unconfirmed work)."""
        out = set()
        for item_id, ticks in self.ticks.items():
            entry = self.entry_for(item_id)
            confirmed = {a.code: a.count for a in entry.deductions} if entry is not None else {}
            if {k: v for k, v in ticks.items() if v} != confirmed and (ticks or entry is not None):
                out.add(item_id)
        return frozenset(out)

    # -- rendering ---------------------------------------------------------------------------------------------
    def render_text(self) -> None:
        scenario = self.query_one("#scenario", Collapsible)
        scenario.title = self.t("sheet.scenario")
        self.query_one("#score-label", Label).update(self.t("sheet.score_label"))
        self.query_one("#confirm-entry", Button).label = self.t("key.confirm")
        self.query_one("#no-deduction-button", Button).label = self.t("key.no_deduction")
        view = self.view
        if view is None:
            return
        self.query_one("#scenario-text", Static).update(Text(view.rubric.scenario.get(self.lang)))
        self._render_sheet(view, force_entry=True)

    def _render_sheet(self, view: SheetView, *, force_entry: bool, bindings: bool = True) -> None:
        self._render_bar(view)
        self.render_banner(view)
        if bindings:
            self.refresh_bindings()
        self.query_one("#item-list", ItemList).show(
            view, self.lang, self.flagged_items(), pending=self.pending, drafted=self.drafted_items()
        )
        self._render_entry(force=force_entry)

    def bar_head(self, view: SheetView) -> Text:
        """First line of the sheet bar: module, station, state, open items."""
        rubric = view.rubric
        n = len(rubric.items)
        open_n = len(view.open_items)
        line = Text()
        line.append(self.t("sheet.module", code=view.module_code, title=rubric.title.get(self.lang)), "bold")
        line.append("  ·  ")
        if view.calibration:
            line.append(self.t("sheet.calibration", station=view.station), "bold reverse magenta")
        else:
            line.append(self.t("sheet.station", station=view.station), "bold reverse")
        line.append("  ·  ")
        line.append(*self.bar_status(view))
        line.append("  ·  ")
        if open_n:
            line.append(self.t("sheet.open", open=open_n, items=n), "bold yellow")
        else:
            line.append(self.t("sheet.all_entered", items=n), "bold green")
        return line

    def _render_bar(self, view: SheetView) -> None:
        rubric = view.rubric
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
        update_in_place(self.query_one("#sheet-bar", Static), Text("\n").join([self.bar_head(view), line2]))

    def render_banner(self, view: SheetView) -> None:
        """The red banner of a returned sheet, or the read-only notice."""
        banner = self.query_one("#sheet-banner", Static)
        banner.remove_class("is-returned", "is-locked", "is-done")
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
            stored = self.entry_for(item.id)
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
        entry = self.entry_for(item.id)
        kind = self.t(f"sheet.kind.{item.kind.value}")
        update_in_place(
            self.query_one("#item-head", Static),
            Text.assemble(
                (f"{item.id} {item.title.get(self.lang)}", "bold"),
                f"  ·  {kind}  ·  {self.t('sheet.points', points=points(item.points))}",
            ),
        )
        summary = entry_summary(item, entry, self.lang)
        if entry is not None:
            value = view.item_scores.get(item.id) if item.id not in self.pending else item_score(item, entry)
            mark = "⋯" if item.id in self.pending else "✓"
            summary = f"{mark} {summary}  →  {self.t('sheet.item_score', value=score(value))}"
        update_in_place(
            self.query_one("#item-entry", Static),
            Text(summary, style="bold green" if entry is not None else "bold yellow"),
        )
        update_in_place(
            self.query_one("#item-req", Static), Text(item.requirement.get(self.lang), style="dim")
        )
        picker = self.query_one("#deductions", DeductionPicker)
        levels = self.query_one("#levels", LevelPicker)
        score_row = self.query_one("#score-row")
        score_input = self.query_one("#score-input", Input)
        measurement = item.kind == ItemKind.MEASUREMENT
        judgement = item.kind == ItemKind.JUDGEMENT
        picker.display = measurement and bool(item.deductions)
        score_row.display = item.typing_allowed
        levels.display = judgement
        picker.disabled = not editable
        levels.disabled = not editable
        score_input.disabled = not editable
        buttons = self.query_one("#entry-buttons")
        buttons.display = editable
        self.query_one("#no-deduction-button", Button).display = measurement
        if measurement:
            picker.show(item, self._ticks_for(item), self.lang)
        if item.typing_allowed:
            score_input.validators = [ScoreValidator(item, self.lang)]
            score_input.placeholder = self.t("sheet.score_placeholder", points=points(item.points))
            score_input.value = self.typed_drafts.get(item.id, "")
        if judgement:
            levels.show(item, entry.level if entry else None, self.lang)
        offered = self.offered_actions()
        if offered != self._offered:
            # the footer is asked again only when the keys on offer change (moving between items of one kind
            # offers the same keys; each refresh walks every binding and waits for a frame)
            self._offered = offered
            self.refresh_bindings()
        self._render_hint(item)

    def _render_hint(self, item: Item, note: str | None = None, error: bool = False) -> None:
        hint = self.query_one("#entry-hint", Static)
        if note is None:
            view = self.view
            if view is not None and not view.editable:
                note = self.read_only_note(view)
            elif item.kind == ItemKind.JUDGEMENT:
                note = self.t("sheet.hint.judgement")
            elif item.kind == ItemKind.SCORE:
                note = self.t(
                    "sheet.hint.score", points=points(item.points), step=points(item.step or Decimal(1))
                )
            elif not item.deductions:
                note = self.t("sheet.hint.no_rules")
            else:
                note = self.t("sheet.hint.measurement")
                if item.typing_allowed:
                    note += " " + self.t("sheet.hint.typed_too")
                preview = self._preview(item)
                if preview:
                    note = preview + "\n" + note
            if item.id in self.drafted_items() and self.focused is not self.query_one("#deductions"):
                note = self.t("sheet.drafted") + "\n" + note
            extra = self.item_note(item)
            if extra:
                note = extra + "\n" + note
        hint.set_class(error, "is-error")
        update_in_place(hint, Text(note))  # rule codes, rubric and service texts: never markup

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
        elif item.kind == ItemKind.SCORE or not item.deductions:
            self.query_one("#score-input", Input).focus()
        else:
            self.query_one("#deductions", DeductionPicker).focus()
        self._render_hint(item)

    def _advance(self, item_id: str) -> None:
        """After a confirmed entry: highlight the next item and return to the list."""
        items = self.query_one("#item-list", ItemList)
        view = self.view
        if view is None:
            return
        ids = [i.id for i in view.rubric.items]
        if item_id in ids and ids.index(item_id) + 1 < len(ids):
            items.highlight_item(ids[ids.index(item_id) + 1])
        # at once, and nothing when the list has it already (``focus()`` would repaint the whole list)
        self.set_focus(items)

    def action_next_open(self) -> None:
        """Jump to the next item that has no entry yet."""
        view = self.view
        open_ids = set(self.open_item_ids())
        if view is None or not open_ids:
            return
        ids = [i.id for i in view.rubric.items]
        current = self.query_one("#item-list", ItemList).highlighted_item_id
        start = ids.index(current) + 1 if current in ids else 0
        ordered = ids[start:] + ids[:start]
        target = next(i for i in ordered if i in open_ids)
        items = self.query_one("#item-list", ItemList)
        items.highlight_item(target)
        self.set_focus(items)

    def action_scenario(self) -> None:
        """i: show or hide the scenario (情境) above the item."""
        scenario = self.query_one("#scenario", Collapsible)
        scenario.collapsed = not scenario.collapsed
        if not scenario.collapsed:
            self.query_one("#entry-panel", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        """Esc: from an entry control back to the list (ticks stay with their item, a typed score stays in its
        field); from the list back to the previous screen."""
        items = self.query_one("#item-list", ItemList)
        if self.focused is not items:
            self.set_focus(items)
            item = self.current_item()
            if item is not None:
                self._render_list()
                self._render_hint(item)
            return
        self.leave()

    def _render_list(self) -> None:
        view = self.view
        if view is not None:
            self.query_one("#item-list", ItemList).show(
                view, self.lang, self.flagged_items(), pending=self.pending, drafted=self.drafted_items()
            )

    # -- entering ----------------------------------------------------------------------------------------------
    def _can_edit(self, quiet: bool = False) -> bool:
        view = self.view
        if view is None:
            return False
        if not view.editable:
            if not quiet:
                self.say(self.read_only_note(view), error=True)
            return False
        return True

    def _save_entry(self, entry: ItemEntry, label: str) -> None:
        # the ticks (or the typed score) become the confirmed entry: the controls start from it next time
        self.ticks.pop(entry.item_id, None)
        self.typed_drafts.pop(entry.item_id, None)
        self.query_one("#score-input", Input).value = ""
        self.store_entry(entry, label)
        self._advance(entry.item_id)
        self._render_list()

    def action_no_deduction(self) -> None:
        """n: the highlighted measurement item has no deduction (an explicit entry). Rules ticked or stored for
        the item are not thrown away without a question."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind == ItemKind.JUDGEMENT:
            self.say(self.t("sheet.only_levels"), error=True)
            return
        if item.kind == ItemKind.SCORE:
            self.say(self.t("sheet.only_score"), error=True)
            return
        ticked = {code: n for code, n in self._ticks_for(item).items() if n}
        if not ticked:
            self._save_entry(ItemEntry(item.id), item.id)
            return
        listed = ", ".join(code if n == 1 else f"{code}×{n}" for code, n in ticked.items())

        def answered(yes: bool | None) -> None:
            if yes and self.current_item() is item and self._can_edit():
                self._save_entry(ItemEntry(item.id), item.id)
            else:
                self.say(self.t("sheet.no_deduction_kept", item=item.id))

        self.app.push_screen(
            ConfirmDialog(
                "sheet.no_deduction.title",
                self.t("sheet.no_deduction.body", item=item.id, rules=listed),
                "key.no_deduction",
            ),
            answered,
        )

    def action_digit(self, digit: int) -> None:
        """A digit in the item list: a judgement item's level (0–3) or the start of a score item's score;
        anywhere else it is refused with a hint (never taken as a score the item does not allow)."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind == ItemKind.JUDGEMENT:
            if digit > 3:
                self.say(self.t("sheet.bad_level"), error=True)
                return
            self._save_entry(ItemEntry(item.id, level=digit), item.id)
            return
        if item.kind == ItemKind.SCORE:
            # focus moves at once and the digit is appended, so fast typing ("45") is not split or overwritten
            score_input = self.query_one("#score-input", Input)
            self.set_focus(score_input)
            score_input.insert_text_at_cursor(str(digit))
            return
        self.say(
            self.t("sheet.digit_refused_typed" if item.typing_allowed else "sheet.digit_refused"), error=True
        )

    def action_typed_score(self) -> None:
        """f: type this measurement item's score instead of ticking rules (only where the rubric allows it)."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if not item.typing_allowed:
            self.say(self.t("sheet.typing_not_allowed"), error=True)
            return
        self.set_focus(self.query_one("#score-input", Input))
        self._render_hint(item)

    @on(DeductionPicker.Changed)
    def _ticks_changed(self) -> None:
        item = self.current_item()
        if item is not None:
            self._render_hint(item)

    @on(DeductionPicker.Refused)
    def _ticks_refused(self, event: DeductionPicker.Refused) -> None:
        self.say(self.t(event.reason), error=True)

    @on(DeductionPicker.Confirmed)
    def _deductions_confirmed(self, event: DeductionPicker.Confirmed) -> None:
        if not self._can_edit():
            return
        if not event.applied:
            self.say(self.t("sheet.none_ticked"), error=True)
            return
        self._save_entry(ItemEntry(event.item.id, deductions=event.applied), event.item.id)

    @on(LevelPicker.Armed)
    def _level_armed(self, event: LevelPicker.Armed) -> None:
        item = self.current_item()
        if item is not None:
            self._render_hint(item, self.t("sheet.level_armed", level=event.level))

    @on(OptionList.OptionSelected, "#levels")
    def _level_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current_item()
        if item is None or event.option.id is None or not self._can_edit():
            return
        self._save_entry(ItemEntry(item.id, level=int(event.option.id)), item.id)

    @on(Button.Pressed, "#confirm-entry")
    def _confirm_pressed(self) -> None:
        """The 确认 button (tablets): confirm what the entry control holds — the ticked rules, the tapped
        level, the typed score."""
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        if item.kind == ItemKind.JUDGEMENT:
            levels = self.query_one("#levels", LevelPicker)
            if levels.armed is None or levels.armed != levels.highlighted:
                self.say(self.t("sheet.level_first"), error=True)
                return
            self._save_entry(ItemEntry(item.id, level=levels.armed), item.id)
            return
        score_input = self.query_one("#score-input", Input)
        if item.typing_allowed and (score_input.value.strip() or not item.deductions):
            self._submit_score(item, score_input.value)
            return
        picker = self.query_one("#deductions", DeductionPicker)
        picker.action_confirm()

    @on(Button.Pressed, "#no-deduction-button")
    def _no_deduction_pressed(self) -> None:
        self.action_no_deduction()

    @on(Input.Changed, "#score-input")
    def _score_typed(self, event: Input.Changed) -> None:
        item = self.current_item()
        if item is None:
            return
        if event.value:
            self.typed_drafts[item.id] = event.value
        else:
            if self.focused is event.input:  # the judge emptied the field (not a reset after confirming)
                self.typed_drafts.pop(item.id, None)
            return
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._render_hint(item, self.t("word.sep.clause").join(result.failure_descriptions), error=True)
        else:
            self._render_hint(item)

    @on(Input.Submitted, "#score-input")
    def _score_submitted(self, event: Input.Submitted) -> None:
        item = self.current_item()
        if item is None or not self._can_edit():
            return
        self._submit_score(item, event.value)

    def _submit_score(self, item: Item, text: str) -> None:
        result = ScoreValidator(item, self.lang).validate(text)
        value = parse_typed_score(text)
        if not result.is_valid or value is None:
            self.say(self.t("word.sep.clause").join(result.failure_descriptions), error=True)
            return
        self._save_entry(ItemEntry(item.id, score=value), item.id)
