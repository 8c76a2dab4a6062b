"""An option list that keeps its rendered options when only its height changes.

Textual's :class:`~textual.widgets.OptionList` drops every rendered option (and its line measurements) on each
``Resize``, and renders them all again on the next paint. Both depend on the width only: a list whose height
follows its content (the deduction rules of the highlighted item) or whose neighbours change height gets a
``Resize`` on every move between items, each costing a full re-render of its options. Here the caches are
dropped only when the width has changed since the last ``Resize``.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList


class WidthKeyedOptionList(OptionList):
    """An option list whose rendered options survive a resize that keeps their width."""

    _cached_width = -1
    """The width at the last ``Resize`` that dropped the rendered options (a paint between a change of size and
    its ``Resize`` may still have used options rendered for the old width: they go at that ``Resize``)."""

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width == self._cached_width:
            event.prevent_default()  # Textual's own handler (below this one) would drop every rendered option
        self._cached_width = width
