"""Input in the order it was typed, each key applied to the screen the judge saw when typing it.

Owns the dispatch of keyboard and mouse-button events. Textual hands a key to the focused widget's own message
queue and goes straight on to the next key: when a burst arrives (a stalled host, a slow write, a tablet on a
slow network), the second key reaches the widget that was focused *before* the first key took effect — a tick
lands on the wrong item, a PIN lands in the code field. Here every key (and every mouse press and release) is
handled to the end — the widget's handler, the messages it posts, the messages those post — before the next
one is looked at. A screen may also say it cannot take input yet (:attr:`InputGate.accepts_input`: a sheet still
loading, a PIN being checked): keys then wait for it, in order, and are applied once it is ready.

A refusal that must stop what was typed after it (a write the store refused) is handled *between* keys
(:meth:`OrderedInput.between_keys`): never while a key is half applied — its message still in a widget's queue,
about to act on whatever item the refusal has just highlighted (CI saw a 'no deduction' meant for a later item
stored on the refused one).

Keys wait in a queue of their own and are applied by one task, while the app's message loop stays free: a key
Textual does not consume in the focused widget bubbles back up to the app, where the bindings run, and that must
happen before the next key is applied. Pilot's ``press`` (tests) returns once its keys are applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

from contest.i18n import tr

SETTLE_ROUNDS = 64
"""Upper bound of barrier rounds per key (each round lets every widget finish what it had queued)."""

READY_TIMEOUT = 30.0
"""How long keys wait for a screen that says it cannot take input (then they are dropped, with a bell)."""

ORDERED = (events.Key, events.MouseDown, events.MouseUp, events.Paste)
"""Events that change what is entered; mouse moves and scrolls only look."""


@runtime_checkable
class InputGate(Protocol):
    """A screen that can say it is not ready for input (its state is not the one the judge sees yet)."""

    @property
    def accepts_input(self) -> bool: ...


class OrderedInput(App[Any]):
    """An app whose keys and mouse presses are applied one at a time, each to the current screen state."""

    BYPASS_KEYS: ClassVar[frozenset[str]] = frozenset({"ctrl+c", "ctrl+q"})
    """Keys that act at once, whatever is pending (leaving the app)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending_input: deque[events.Event] = deque()
        self._input_task: asyncio.Task[None] | None = None
        self.dropped_input = 0
        """Keys dropped because a screen stayed unready past :data:`READY_TIMEOUT`."""
        self._applying = False
        self._between: deque[tuple[MessagePump, Callable[[], None]]] = deque()

    @property
    def input_pending(self) -> bool:
        """Whether typed keys are still waiting to be applied."""
        return bool(self._pending_input) or (self._input_task is not None and not self._input_task.done())

    async def on_event(self, event: events.Event) -> None:
        if (
            isinstance(event, ORDERED)
            and not event.is_forwarded
            and not (isinstance(event, events.Key) and event.key in self.BYPASS_KEYS)
        ):
            self._pending_input.append(event)
            if self._input_task is None or self._input_task.done():
                self._input_task = asyncio.create_task(self._apply_input(), name="ordered-input")
            return
        await super().on_event(event)

    async def _apply_input(self) -> None:
        """Apply the waiting events one at a time, each once the previous one has fully taken effect."""
        while self._pending_input:
            if self._closing or self._closed:
                self._pending_input.clear()
                return
            event = self._pending_input.popleft()
            self._applying = True
            try:
                await self._apply_one(event)
            finally:
                self._applying = False
            while self._between and not (self._closing or self._closed):
                target, callback = self._between.popleft()
                if target.call_later(callback):
                    await self._settle()
        self._between.clear()

    async def _apply_one(self, event: events.Event) -> None:
        """Apply one event once the screen takes input, and wait until it has fully taken effect."""
        if not await self._screen_ready():
            # the screen never became ready (a stalled database): the keys are not applied anywhere
            dropped = 1 + sum(isinstance(e, events.Key) for e in self._pending_input)
            self._pending_input.clear()
            self.dropped_input += dropped
            self.bell()
            self.notify(
                tr(getattr(self, "lang", "zh"), "app.keys_dropped", dropped=dropped),
                severity="error",
                timeout=15,
            )
            return
        await super().on_event(event)
        await self._settle()

    def between_keys(self, target: MessagePump, callback: Callable[[], None]) -> None:
        """Run ``callback`` on ``target``'s message loop at once if no key is being applied, else as soon as the
        key being applied has fully taken effect and before the next one is looked at."""
        if self._applying:
            self._between.append((target, callback))
        else:
            target.call_later(callback)

    def discard_pending_input(self) -> int:
        """Drop the keys still waiting (after a refusal the judge must see first); returns how many."""
        dropped = sum(isinstance(event, events.Key) for event in self._pending_input)
        self._pending_input.clear()
        if dropped:
            self.bell()
        return dropped

    async def _press_keys(self, keys: Iterable[str]) -> None:
        """Pilot's key presses (tests) return once the keys are applied, as they did before ordering."""
        await super()._press_keys(keys)
        while self.input_pending and not self._closing:
            await asyncio.sleep(0.001)

    async def _screen_ready(self) -> bool:
        """Wait (keeping later keys behind this one) until the screen takes input."""
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                screen = self.screen
            except Exception:  # no screen yet, or the app is closing
                return True
            if not isinstance(screen, InputGate) or screen.accepts_input:
                return True
            if time.monotonic() > deadline or self._closing:
                return False
            await asyncio.sleep(0.01)

    async def _settle(self) -> None:
        """Wait until the app, the current screen and its widgets have handled everything queued (repeatedly: a
        handler may post further messages; a key bubbles up to the app, where bindings run), so the next key
        meets the state this one produced."""
        for _ in range(SETTLE_ROUNDS):
            try:
                screen = self.screen
            except Exception:
                return
            nodes: list[MessagePump] = [self, screen, *screen.walk_children(with_self=False)]
            if not await self._barrier(nodes):
                return
            if self.screen is screen and all(node._message_queue.empty() for node in nodes):
                if screen._callbacks:
                    # work deferred to after the next refresh (call_after_refresh) is part of this key too
                    await asyncio.sleep(1 / 60)
                    continue
                if isinstance(screen, InputGate) and not screen.accepts_input:
                    if not await self._screen_ready():
                        return  # the next key finds the screen still unready and is dropped, with a notice
                    continue
                return

    async def _barrier(self, nodes: list[MessagePump]) -> bool:
        """Let every node handle what it has queued now; False if the app is going away."""
        pending = 0
        done = asyncio.Event()

        def one_done() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0:
                done.set()

        for node in nodes:
            if node.call_later(one_done):
                pending += 1
        if not pending:
            return True
        while not done.is_set():
            if self._closing or self._closed:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), timeout=0.5)
        return True
