"""The terminal's data table: Textual's :class:`~textual.widgets.DataTable`, never showing a cell cut to a width
measured before the cell was there.

DataTable measures new and changed cells on its idle turn, but the lines and cells it rendered before that stay in
caches keyed by a change counter the measuring does not advance. A repaint that falls between filling the table and
its idle turn — likely on a loaded venue laptop — kept every cell at its header's width until the next change: a
total of 100.00 read "100.", a performance title "示范" (Textual 8.2.8, the newest release). Here, when the idle
turn changes any column's width, the rendered rows are dropped and the table repaints.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import DataTable


class Table(DataTable[Any]):
    """A DataTable that repaints with the widths its idle turn measured."""

    def _widths(self) -> tuple[int, ...]:
        return tuple(column.content_width for column in self.columns.values())

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual dispatches DataTable's own handler after this one as well; with nothing left to measure it does
        # nothing
        before = self._widths()
        await super()._on_idle(event)
        if self._widths() != before:
            self.notify_style_update()  # drops every rendered row, cell and line, and repaints
