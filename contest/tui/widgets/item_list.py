"""The compact list of rubric items on the scoring screen: marker, id, title, points and score per line, with
the section titles as non-selectable separators.

Each row is one line of Rich text laid out for the list's current width (wide CJK characters measured by cell
width, the title cut with an ellipsis), not a table: Textual measures and renders every option again whenever
the list is refilled, and a one-line text costs a few microseconds where a table costs about a millisecond —
the difference between a keystroke handled in 1 ms or in 15 ms. The rows are laid out again when the width
changes.

Refilling the list with the same rows (a keystroke changes one or two rows: the item entered, the next one
highlighted) replaces only the rows whose text changed and repaints only their lines, and moving the highlight
repaints the two rows concerned: an :class:`~textual.widgets.OptionList` would measure, render and repaint
every row each time.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widgets.option_list import Option, OptionDoesNotExist

from contest.services.views import SheetView
from contest.tui.catalogue import points, score
from contest.tui.widgets.options import WidthKeyedOptionList
from scoresheets.arithmetic import item_score
from scoresheets.model import ItemEntry

OPEN_MARK = "◌"
DONE_MARK = "✓"
FLAG_MARK = "✗"
PENDING_MARK = "⋯"
"""Confirmed, on its way to the store."""
DRAFT_MARK = "✎"
"""Rules ticked but not confirmed."""
ID_WIDTH = 3
POINTS_WIDTH = 3
VALUE_WIDTH = 6
FIXED_WIDTH = 1 + 1 + ID_WIDTH + 1 + 1 + POINTS_WIDTH + 1 + VALUE_WIDTH
"""Everything of a row but the title: marker, id, points, score and the single spaces between them."""


def item_row(
    marker: str,
    item_id: str,
    title: str,
    pts: str,
    value: str,
    done: bool,
    flagged: bool = False,
    *,
    width: int = 44,
) -> Text:
    """One line of ``width`` cells: ``✓ A1  工作准备 …   6   6.00``; the title takes what is left and ends in an
    ellipsis. A flagged item (a clerk's mismatch) has its id in red and ✗ until it is keyed again."""
    if flagged:
        marker_style = "bold yellow" if done else "bold red"
    else:
        marker_style = "bold green" if done else "bold yellow"
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    row.append(marker, marker_style)
    row.append(" ")
    row.append(item_id.ljust(ID_WIDTH), "bold red" if flagged else "")
    row.append(" ")
    title_width = max(1, width - FIXED_WIDTH - max(0, cell_len(item_id) - ID_WIDTH))
    name = Text(title)
    name.truncate(title_width, overflow="ellipsis", pad=True)
    row.append_text(name)
    row.append(" ")
    row.append(pts.rjust(POINTS_WIDTH), "dim")
    row.append(" ")
    row.append(value.rjust(VALUE_WIDTH), "bold" if done else "dim")
    return row


def same_prompt(old: Option, new: Option) -> bool:
    """Whether two rows look the same (text, styled spans and base style)."""
    a, b = old.prompt, new.prompt
    if isinstance(a, Text) and isinstance(b, Text):
        return a.plain == b.plain and a.spans == b.spans and a.style == b.style
    return a == b


class ItemList(WidthKeyedOptionList):
    """Items of one sheet; option ids are item ids, section titles are disabled options."""

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """As :attr:`OptionList.highlighted`, but a move repaints the two rows concerned, not the whole list."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own parameter name
        super().__init__(id=id)
        self._shown: tuple[SheetView, str, frozenset[str], dict[str, ItemEntry], frozenset[str]] | None = None
        self._row_width = 0

    def row_width(self, lines: int) -> int:
        """Cells available to a row when the list holds ``lines`` lines (a vertical scrollbar takes its share)."""
        region = self.content_region
        padding = self.get_component_styles("option-list--option").padding
        scrollbar = self.styles.scrollbar_size_vertical if lines > region.height else 0
        width = region.width - scrollbar - padding.width - self._get_left_gutter_width()
        return width if width > FIXED_WIDTH else 44

    def show(
        self,
        view: SheetView,
        lang: str,
        flagged: frozenset[str] = frozenset(),
        *,
        pending: Mapping[str, ItemEntry] | None = None,
        drafted: frozenset[str] = frozenset(),
    ) -> None:
        """Render the sheet's items, keeping the highlighted item; ``flagged`` items still open show ✗,
        ``pending`` entries (not yet acknowledged by the store) ⋯, ``drafted`` items (unconfirmed ticks) ✎."""
        pending = dict(pending or {})
        self._shown = (view, lang, flagged, pending, drafted)
        keep = self.highlighted_item_id
        width = self.row_width(len(view.rubric.items) + len(view.rubric.sections))
        self._row_width = width
        options: list[Option] = []
        for section in view.rubric.sections:
            heading = Text(section.title.get(lang), style="bold", no_wrap=True, overflow="ellipsis", end="")
            heading.truncate(width, overflow="ellipsis")
            options.append(Option(heading, disabled=True))
            for item in section.items:
                waiting = pending.get(item.id)
                done = item.id in view.entries or waiting is not None
                flag = item.id in flagged
                if item.id in drafted:
                    marker = DRAFT_MARK
                elif waiting is not None:
                    marker = PENDING_MARK
                else:
                    marker = DONE_MARK if done else FLAG_MARK if flag else OPEN_MARK
                if waiting is not None:
                    value = score(item_score(item, waiting))
                else:
                    value = score(view.item_scores.get(item.id)) if done else ""
                options.append(
                    Option(
                        item_row(
                            marker,
                            item.id,
                            item.title.get(lang),
                            points(item.points),
                            value,
                            done,
                            flag,
                            width=width,
                        ),
                        id=item.id,
                    )
                )
        if not self._replace_changed(options):
            self.set_options(options)
        self.highlight_item(keep or self.first_item_id(view))

    def _replace_changed(self, options: list[Option]) -> bool:
        """Put the rows of ``options`` that differ from the shown ones in their place and repaint just their
        lines; False (nothing done) unless the list shows the same rows (ids, sections) at the same width."""
        old = self._options
        if (
            not self.is_mounted
            or len(old) != len(options)
            or any(a.id != b.id or a.disabled != b.disabled for a, b in zip(old, options, strict=True))
        ):
            return False
        lines = self._line_cache
        if len(lines.heights) != len(old):
            return False  # the line cache is being rebuilt (a resize): refill
        for index, (was, now) in enumerate(zip(old, options, strict=True)):
            if same_prompt(was, now):
                continue
            old[index] = now
            del self._option_to_index[was]
            self._option_to_index[now] = index
            if now.id is not None:
                self._id_to_option[now.id] = now
            self.refresh_lines(lines.index_to_line[index], lines.heights[index])
        return True

    # Textual calls a watcher with (old, new) when it takes two arguments; the base class takes one
    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        super().watch_highlighted(new)
        if not self.is_mounted:
            return
        lines = self._line_cache
        for index in (old, new):
            if index is not None and index in lines.index_to_line:
                self.refresh_lines(lines.index_to_line[index], lines.heights[index])

    def on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again for the new width."""
        if self._shown is not None:
            view, lang, flagged, pending, drafted = self._shown
            if self.row_width(len(view.rubric.items) + len(view.rubric.sections)) != self._row_width:
                self.show(view, lang, flagged, pending=pending, drafted=drafted)

    @property
    def highlighted_item_id(self) -> str | None:
        """Id of the highlighted item, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def highlight_item(self, item_id: str | None) -> None:
        """Move the highlight to ``item_id``."""
        if item_id is None:
            return
        try:
            self.highlighted = self.get_option_index(item_id)
        except OptionDoesNotExist:
            return

    @staticmethod
    def first_item_id(view: SheetView) -> str | None:
        """The first open item, else the first item."""
        open_items = view.open_items
        if open_items:
            return open_items[0]
        return view.rubric.items[0].id if view.rubric.items else None
