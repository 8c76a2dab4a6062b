"""Entry controls of the scoring screen's right-hand panel: ticking deduction rules (with counts) and choosing a
judgement level. They hold only what the judge is choosing; the screen stores the confirmed entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import ClassVar

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.css.scalar import Unit
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from contest.tui.catalogue import key_label, points, relabel, tr
from contest.tui.widgets.options import WidthKeyedOptionList
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


_MEASURE = Console(width=1000, file=io.StringIO(), legacy_windows=False, color_system=None)
"""Only used to wrap text (Rich's wrapping asks a console for tab sizes); nothing is printed."""


def _as_text(value: Text | str, style: str = "") -> Text:
    return Text(value, style=style) if isinstance(value, str) else value


def coded_text(code: Text | str, text: Text | str, marker: Text | str | None = None, *, width: int) -> Text:
    """:func:`coded_line` laid out beforehand for ``width`` cells: the text wraps (folding space-free Chinese)
    under itself, after the marker and code. A plain multi-line text is what Textual measures and paints
    cheaply; a table costs it about a millisecond per option, every time the list is refilled or repainted."""
    prefix = Text(end="")
    if marker is not None:
        prefix.append_text(_as_text(marker))
        prefix.append(" ")
    prefix.append_text(_as_text(code, "bold"))
    prefix.append(" ")
    indent = prefix.cell_len
    lines = _as_text(text).wrap(_MEASURE, max(4, width - indent), overflow="fold")
    out = prefix
    for n, line in enumerate(lines):
        if n:
            out.append("\n" + " " * indent)
        line.rstrip()
        out.append_text(line)
    return out


class WrappedOptionList(WidthKeyedOptionList):
    """An option list whose prompts are laid out for its own width (see :func:`coded_text`), and laid out
    again when that width changes."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own parameter name
        super().__init__(id=id)
        self._laid_out_for = 0

    def text_width(self, lines: int = 0) -> int:
        """Cells for a prompt when the list holds ``lines`` lines (a scrollbar takes its share past the
        list's maximum height). Taken from the parent, which is laid out even while this list is hidden."""
        parent = self.parent
        styles = self.styles
        if isinstance(parent, Widget) and parent.size.width:
            width = parent.scrollable_content_region.width - styles.gutter.width - styles.margin.width
        else:
            width = self.content_region.width
        width -= self.get_component_styles("option-list--option").padding.width
        limit = styles.max_height
        if limit is not None and limit.unit == Unit.CELLS and lines > int(limit.value) - styles.gutter.height:
            width -= styles.scrollbar_size_vertical
        return width if width > 12 else 40

    def lay_out(self, build: Callable[[int], list[Option]]) -> None:
        """Fill the list with ``build(width)``, for the width the options will have."""
        width = self.text_width()
        options = build(width)
        lines = sum(str(o.prompt).count("\n") + 1 for o in options)
        narrower = self.text_width(lines)
        if narrower != width:
            width = narrower
            options = build(width)
        self._laid_out_for = width
        self.set_options(options)

    def relayout(self) -> None:
        """Lay the options out again (the subclass knows what they are)."""

    def on_resize(self, event: events.Resize) -> None:
        if self._laid_out_for and self.option_count:
            lines = sum(
                str(self.get_option_at_index(i).prompt).count("\n") + 1 for i in range(self.option_count)
            )
            if self.text_width(lines) != self._laid_out_for:
                self.relayout()


def max_count(item: Item, rule: Deduction) -> int:
    """How often a rule can usefully be applied: until its cap (or the item's points) is used up."""
    if not rule.repeatable:
        return 1
    limit = rule.cap if rule.cap is not None else item.points
    if rule.points <= 0:
        return 1
    return max(1, int(-(-limit // rule.points)))


class DeductionPicker(WrappedOptionList):
    """The deduction rules of one measurement item: space ticks, +/− or a digit set the count of a repeatable
    rule, Enter confirms. A digit on a rule that cannot repeat is refused (it is never a typed score)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", key_label("key.confirm")),
        Binding("space", "tick", key_label("key.toggle")),
        Binding("plus,equals_sign", "more", key_label("key.more"), key_display="+"),
        Binding("minus", "less", key_label("key.less"), key_display="−"),
        Binding("0", "count(0)", key_label("key.count"), key_display="0-9"),
        *(Binding(str(d), f"count({d})", show=False) for d in range(1, 10)),
    ]
    LABELS: ClassVar[dict[str, str]] = {
        "confirm": "key.confirm",
        "tick": "key.toggle",
        "more": "key.more",
        "less": "key.less",
        "count(0)": "key.count",
    }

    class Refused(Message):
        """A key that means nothing here (the screen says why); nothing changed."""

        def __init__(self, picker: DeductionPicker, reason: str) -> None:
            super().__init__()
            self.picker = picker
            self.reason = reason
            """A catalogue key."""

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
        item = self.item
        if item is None:
            return
        keep = self.highlighted
        self.lay_out(lambda width: [self._option(item, rule, width) for rule in item.deductions])
        if self.option_count:
            self.highlighted = 0 if reset or keep is None else min(keep, self.option_count - 1)

    def relayout(self) -> None:
        self._render_rules()

    def _option(self, item: Item, rule: Deduction, width: int) -> Option:
        count = self.ticks.get(rule.code, 0)
        box = f"[{'x' if count else ' '}]"
        each = (
            tr(self.lang, "sheet.rule_repeat", points=points(rule.points))
            if rule.repeatable
            else tr(self.lang, "sheet.rule_once", points=points(rule.points))
        )
        if rule.repeatable and rule.cap is not None:
            each += tr(self.lang, "word.sep.comma")
            each += tr(self.lang, "sheet.rule_cap", cap=points(rule.cap))
        code = Text(rule.code, style="bold")
        if rule.repeatable and count:
            code.append(f" ×{count}", style="bold yellow")
        line = coded_text(
            code,
            Text.assemble(rule.text.get(self.lang), (tr(self.lang, "word.aside", text=each), "dim")),
            Text(box, style="bold green" if count else ""),
            width=width,
        )
        return Option(line, id=rule.code)

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

    def action_count(self, count: int) -> None:
        """A digit: how often the highlighted repeatable rule applies (0 unticks it)."""
        rule = self._rule()
        if rule is None or self.item is None:
            return
        if not rule.repeatable:
            self.post_message(self.Refused(self, "sheet.count_not_repeatable"))
            return
        if count > max_count(self.item, rule):
            self.post_message(self.Refused(self, "sheet.count_too_many"))
            return
        if count:
            self.ticks[rule.code] = count
        else:
            self.ticks.pop(rule.code, None)
        self._changed()

    def action_confirm(self) -> None:
        """Confirm the ticked rules as the item's entry."""
        if self.item is not None:
            self.post_message(self.Confirmed(self, self.item, self.applied()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click ticks the rule (Enter is rebound to confirm)."""
        event.stop()
        self.action_tick()


class LevelPicker(WrappedOptionList):
    """The four level descriptors (0–3) of a judgement item; Enter or a digit chooses. A tap (mouse click)
    only selects a level; a second tap on the same level, or the screen's 确认 button, records it."""

    class Armed(Message):
        """A level was tapped once: shown as selected, not recorded."""

        def __init__(self, picker: LevelPicker, level: int) -> None:
            super().__init__()
            self.picker = picker
            self.level = level

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own parameter name
        super().__init__(id=id)
        self._shown: tuple[Item, int | None, str] | None = None
        self.armed: int | None = None
        """The level tapped once (waiting for the second tap or 确认)."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # not OptionList's click, which selects (records) at once
        clicked = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        if self.armed == clicked and self.highlighted == clicked:
            self.action_select()
            return
        self.highlighted = clicked
        self.armed = clicked
        self.post_message(self.Armed(self, clicked))

    def show(self, item: Item, current: int | None, lang: str) -> None:
        """Show ``item``'s descriptors, marking the ``current`` level."""
        if self._shown is None or self._shown[0] is not item:
            self.armed = None
        self._shown = (item, current, lang)

        def build(width: int) -> list[Option]:
            options = []
            for level, descriptor in enumerate(item.levels):
                chosen = current == level
                line = coded_text(
                    Text(str(level), style="bold reverse" if chosen else "bold"),
                    descriptor.get(lang),
                    Text("✓" if chosen else " ", style="bold green"),
                    width=width,
                )
                options.append(Option(line, id=str(level)))
            return options

        self.lay_out(build)
        if self.option_count:
            self.highlighted = current if current is not None else 0

    def relayout(self) -> None:
        if self._shown is not None:
            keep = self.highlighted
            self.show(*self._shown)
            if keep is not None and keep < self.option_count:
                self.highlighted = keep
