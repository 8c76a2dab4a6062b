"""The key footer of every screen: Textual's :class:`~textual.widgets.Footer`, rebuilt only when the keys on
offer actually change, and at most once per refresh.

Textual's footer recomposes (unmounts and mounts one widget per key, each styled anew) on every
``bindings_updated`` signal: on each focus change, each ``refresh_bindings`` and each language switch — several
times while a screen opens. That made up most of the time to open the scoring screen; here a change of focus that
leaves the same keys on offer costs nothing. Entries of marking keys are hints only (:class:`HintKey`).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

MARK_ACTIONS = frozenset({"no_deduction", "digit", "typed_score", "confirm", "tick", "more", "less", "count"})
"""Actions that record or change a mark. Their footer entries are hints: a tap on one must not mark anything
(a tablet judge tapping "0-3 等级" once set a level 0); marks are tapped in the entry panel."""


class HintKey(FooterKey):
    """A footer entry that only tells which key does what: tapping it does nothing but ring the bell."""

    # Textual passes the event to a handler that takes one; FooterKey's own takes none
    def on_mouse_down(self, event: events.MouseDown) -> None:  # type: ignore[override]
        event.prevent_default()  # FooterKey's own handler would simulate the key
        self.app.bell()


def _action_name(action: str) -> str:
    return action.rsplit(".", 1)[-1].split("(", 1)[0]


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

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget) is FooterKey and _action_name(widget.action) in MARK_ACTIONS:
                widget.__class__ = HintKey  # same widget and styles; a tap no longer simulates the key
            if isinstance(widget, FooterKey):
                # the class FooterKey's ``compact`` watcher adds once mounted, given now: otherwise every key is
                # styled a second time as it mounts
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

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
