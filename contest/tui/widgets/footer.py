"""The key footer of every screen: Textual's :class:`~textual.widgets.Footer`, rebuilt only when the keys on
offer actually change, and at most once per refresh.

Textual's footer recomposes (unmounts and mounts one widget per key, each styled anew) on every
``bindings_updated`` signal: on each focus change, each ``refresh_bindings`` and each language switch — several
times while a screen opens. That made up most of the time to open the scoring screen; here a change of focus that
leaves the same keys on offer costs nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A footer that skips rebuilding when the shown keys (and their labels and states) are unchanged."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._signature: object = None
        self._pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's bindings may have changed: rebuild once, after the refresh, if they really did."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    def shown_keys(self) -> tuple[tuple[object, ...], ...]:
        """What the footer shows: key, action, label, enabled and tooltip of each shown binding."""
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        signature = self.shown_keys()
        if signature == self._signature:
            return
        self._signature = signature
        await self.recompose()
