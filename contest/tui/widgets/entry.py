"""Entry controls of the scoring screen's right-hand panel: ticking deduction rules (with counts) and choosing a
judgement level. They hold only what the judge is choosing; the screen stores the confirmed entry.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from contest.tui.catalogue import points, relabel, tr
from rubrics.model import Deduction, Item
from scoresheets.model import Applied


def coded_line(code: Text | str, text: Text | str, marker: Text | str | None = None) -> Table:
    """``[marker] CODE  text…`` with the text wrapping under itself (Rich would otherwise push a space-free
    Chinese text whole onto the next line)."""
    line = Table.grid(padding=(0, 1), expand=True)
    if marker is not None:
        line.add_column(no_wrap=True)
    line.add_column(no_wrap=True)
    line.add_column(ratio=1, overflow="fold")
    cells = [marker] if marker is not None else []
    line.add_row(*cells, Text(code, style="bold") if isinstance(code, str) else code, text)
    return line


def max_count(item: Item, rule: Deduction) -> int:
    """How often a rule can usefully be applied: until its cap (or the item's points) is used up."""
    if not rule.repeatable:
        return 1
    limit = rule.cap if rule.cap is not None else item.points
    if rule.points <= 0:
        return 1
    return max(1, int(-(-limit // rule.points)))


class DeductionPicker(OptionList):
    """The deduction rules of one measurement item: space ticks, +/− change the count, Enter confirms."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "确认", show=False),
        Binding("space", "tick", "勾选"),
        Binding("plus,equals_sign", "more", "次数+1", key_display="+"),
        Binding("minus", "less", "次数−1", key_display="−"),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "confirm": "key.confirm",
        "tick": "key.toggle",
        "more": "key.more",
        "less": "key.less",
    }

    class Changed(Message):
        """The ticks changed (not stored yet)."""

        def __init__(self, picker: DeductionPicker) -> None:
            super().__init__()
            self.picker = picker

    class Confirmed(Message):
        """The judge confirmed the ticked rules."""

        def __init__(self, picker: DeductionPicker, item: Item, applied: tuple[Applied, ...]) -> None:
            super().__init__()
            self.picker = picker
            self.item = item
            self.applied = applied

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own parameter name
        super().__init__(id=id)
        self.item: Item | None = None
        self.ticks: dict[str, int] = {}
        self.lang = "zh"
        self._labels_lang: str | None = None

    def apply_language(self, lang: str) -> None:
        """Footer labels and rule texts in ``lang``."""
        self._relabel(lang)
        self._render_rules()

    def _relabel(self, lang: str) -> None:
        self.lang = lang
        if self._labels_lang != lang:
            relabel(self, self.LABELS, lang)
            self._labels_lang = lang

    def show(self, item: Item, ticks: dict[str, int], lang: str) -> None:
        """Show ``item``'s rules with ``ticks`` (rule code -> count), which this picker then edits in place."""
        self.item = item
        self.ticks = ticks
        self._relabel(lang)
        self._render_rules(reset=True)

    def _render_rules(self, reset: bool = False) -> None:
        if self.item is None:
            return
        keep = self.highlighted
        options = []
        for rule in self.item.deductions:
            count = self.ticks.get(rule.code, 0)
            box = f"[{'x' if count else ' '}]"
            each = (
                tr(self.lang, "sheet.rule_repeat", points=points(rule.points))
                if rule.repeatable
                else tr(self.lang, "sheet.rule_once", points=points(rule.points))
            )
            if rule.repeatable and rule.cap is not None:
                each += "，" if self.lang == "zh" else ", "
                each += tr(self.lang, "sheet.rule_cap", cap=points(rule.cap))
            code = Text(rule.code, style="bold")
            if rule.repeatable and count:
                code.append(f" ×{count}", style="bold yellow")
            line = coded_line(
                code,
                Text.assemble(
                    rule.text.get(self.lang), (f"（{each}）" if self.lang == "zh" else f" ({each})", "dim")
                ),
                Text(box, style="bold green" if count else ""),
            )
            options.append(Option(line, id=rule.code))
        self.set_options(options)
        if options:
            self.highlighted = 0 if reset or keep is None else min(keep, len(options) - 1)

    def _rule(self) -> Deduction | None:
        if self.item is None or self.highlighted is None or not self.item.deductions:
            return None
        return self.item.deductions[self.highlighted]

    def applied(self) -> tuple[Applied, ...]:
        """The ticked rules, in rubric order."""
        if self.item is None:
            return ()
        return tuple(
            Applied(d.code, self.ticks[d.code]) for d in self.item.deductions if self.ticks.get(d.code)
        )

    def _changed(self) -> None:
        self._render_rules()
        self.post_message(self.Changed(self))

    def action_tick(self) -> None:
        """Tick or untick the highlighted rule."""
        rule = self._rule()
        if rule is None:
            return
        if self.ticks.get(rule.code):
            self.ticks.pop(rule.code)
        else:
            self.ticks[rule.code] = 1
        self._changed()

    def action_more(self) -> None:
        """Apply the highlighted rule once more (repeatable rules, up to their cap)."""
        rule = self._rule()
        if rule is None or self.item is None:
            return
        count = self.ticks.get(rule.code, 0)
        if count >= max_count(self.item, rule):
            self.app.bell()
            return
        self.ticks[rule.code] = count + 1
        self._changed()

    def action_less(self) -> None:
        """Apply the highlighted rule once less (0 unticks it)."""
        rule = self._rule()
        if rule is None:
            return
        count = self.ticks.get(rule.code, 0)
        if count <= 1:
            self.ticks.pop(rule.code, None)
        else:
            self.ticks[rule.code] = count - 1
        self._changed()

    def action_confirm(self) -> None:
        """Confirm the ticked rules as the item's entry."""
        if self.item is not None:
            self.post_message(self.Confirmed(self, self.item, self.applied()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click ticks the rule (Enter is rebound to confirm)."""
        event.stop()
        self.action_tick()


class LevelPicker(OptionList):
    """The four level descriptors (0–3) of a judgement item; Enter or a digit chooses."""

    def show(self, item: Item, current: int | None, lang: str) -> None:
        """Show ``item``'s descriptors, marking the ``current`` level."""
        options = []
        for level, descriptor in enumerate(item.levels):
            chosen = current == level
            line = coded_line(
                Text(str(level), style="bold reverse" if chosen else "bold"),
                descriptor.get(lang),
                Text("✓" if chosen else " ", style="bold green"),
            )
            options.append(Option(line, id=str(level)))
        self.set_options(options)
        if options:
            self.highlighted = current if current is not None else 0
