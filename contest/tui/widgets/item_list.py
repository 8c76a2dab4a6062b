"""The compact list of rubric items on the scoring screen: marker, id, title, points and score per line, with
the section titles as non-selectable separators. Wide (CJK) text is measured by Rich, so columns stay aligned.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from contest.services.views import SheetView
from contest.tui.catalogue import points, score

OPEN_MARK = "◌"
DONE_MARK = "✓"
FLAG_MARK = "✗"


def item_row(
    marker: str, item_id: str, title: str, pts: str, value: str, done: bool, flagged: bool = False
) -> Table:
    """One line: ``✓ A1  工作准备 …   6   6.00``; the title takes what is left and ends in an ellipsis.
    A flagged item (a clerk's mismatch) has its id in red and ✗ until it is keyed again."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(width=6, justify="right", no_wrap=True)
    if flagged:
        marker_style = "bold yellow" if done else "bold red"
    else:
        marker_style = "bold green" if done else "bold yellow"
    grid.add_row(
        Text(marker, style=marker_style),
        Text(item_id, style="bold red") if flagged else item_id,
        title,
        Text(pts, style="dim"),
        Text(value, style="bold" if done else "dim"),
    )
    return grid


class ItemList(OptionList):
    """Items of one sheet; option ids are item ids, section titles are disabled options."""

    def show(self, view: SheetView, lang: str, flagged: frozenset[str] = frozenset()) -> None:
        """Render the sheet's items, keeping the highlighted item; ``flagged`` items still open show ✗."""
        keep = self.highlighted_item_id
        options: list[Option] = []
        for section in view.rubric.sections:
            options.append(Option(Text(section.title.get(lang), style="bold"), disabled=True))
            for item in section.items:
                done = item.id in view.entries
                flag = item.id in flagged
                marker = DONE_MARK if done else FLAG_MARK if flag else OPEN_MARK
                options.append(
                    Option(
                        item_row(
                            marker,
                            item.id,
                            item.title.get(lang),
                            points(item.points),
                            score(view.item_scores.get(item.id)) if done else "",
                            done,
                            flag,
                        ),
                        id=item.id,
                    )
                )
        self.set_options(options)
        self.highlight_item(keep or self.first_item_id(view))

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
