"""P6: the judge's scoring screen in Textual: opening it and one keystroke."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import bench_fixtures as fx
from bench_common import Row, Sizes, fmt_time, percentile
from case_standings import Scale

# ------------------------------------------------------------------------------------------------ P6


def case_p6(sz: Sizes, scale: Scale) -> list[Row]:
    try:
        from textual import events
        from textual.binding import Binding
        from textual.screen import Screen
        from textual.widgets import Static

        from contest.tui.app import ContestApp
        from contest.tui.screens.scoring import ScoringScreen
        from contest.tui.widgets.item_list import ItemList
    except ImportError as exc:
        return [Row("P6", "TUI scoring screen", status="SKIP", notes=f"TUI not importable: {exc}")]

    from contest.services import Services
    from contest.store.engine import make_engine

    class Blank(Screen[None]):
        """The floor: a screen with one label and one key binding that does nothing."""

        BINDINGS = [Binding("n", "noop", "noop")]  # noqa: RUF012

        def __init__(self) -> None:
            super().__init__()
            self.pressed = 0

        def compose(self) -> Any:
            yield Static("x")

        def action_noop(self) -> None:
            self.pressed += 1

    engine = make_engine(scale.url)
    sv = Services(engine, scale.info.contest_id)
    actor = sv.login("X03", fx.PIN)
    n_items = scale.info.items["A"]
    stations = scale.info.stations

    def queued(app: Any, workers: bool) -> bool:
        """Whether the app still has messages or callbacks queued (or, optionally, a worker running)."""
        for node in (app, *app.screen.walk_children(with_self=True)):
            if node._message_queue.qsize() or node._next_callbacks:
                return True
        return workers and any(w.is_running for w in app.workers)

    def unpainted(app: Any) -> bool:
        """Whether the screen needs a layout or a repaint (Textual does it on its next frame)."""
        screen = app.screen
        if screen._dirty_widgets or screen._callbacks or getattr(screen, "_repaint_required", False):
            return True
        return any(
            getattr(n, "_layout_required", False) or getattr(n, "_recompose_required", False)
            for n in screen.walk_children(with_self=True)
        )

    async def settle(pilot: Any, done: Callable[[], bool], workers: bool = True, limit: int = 2000) -> None:
        """Process everything the app has queued until ``done()`` holds, then lay out and paint the frame (as
        Textual's frame timer would, but at once: no idle sleeps, no 60 fps wait), until nothing is pending."""
        app = pilot.app
        for _ in range(limit):
            if workers:
                await app.workers.wait_for_complete()
            await pilot._wait_for_screen()
            await asyncio.sleep(0)
            if not done() or queued(app, workers):
                continue
            if unpainted(app):
                app.screen._on_timer_update()
                continue
            return
        raise RuntimeError("the terminal did not settle")

    def press(app: Any, key: str) -> None:
        event = events.Key(key, key)
        event.set_sender(app)
        app._driver.send_message(event)

    async def run() -> dict[str, list[float]]:
        out: dict[str, list[float]] = {
            k: [] for k in ("open", "key", "saved", "bopen", "bkey", "cold", "action")
        }
        app = ContestApp(sv, poll_seconds=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: True)
            app.actor = actor
            for k in range(sz.tui_repeats + 1):
                screen = ScoringScreen("A", stations[k])
                t = time.perf_counter()
                await app.push_screen(screen)
                await settle(pilot, lambda s=screen: s.view is not None and s._shown_item is not None)
                (out["cold"] if k == 0 else out["open"]).append(time.perf_counter() - t)
                items = screen.query_one("#item-list", ItemList)
                first = items.highlighted_item_id
                action = screen.action_no_deduction

                def timed_action(action: Callable[[], None] = action) -> None:
                    t0 = time.perf_counter()
                    action()
                    out["action"].append(time.perf_counter() - t0)

                screen.action_no_deduction = timed_action  # type: ignore[method-assign]
                t = time.perf_counter()
                press(app, "n")
                # handled = the next item is highlighted and every message the key caused is processed (the
                # save itself runs in a thread worker and is timed separately)
                await settle(pilot, lambda i=items, f=first: i.highlighted_item_id != f, workers=False)
                if k:
                    out["key"].append(time.perf_counter() - t)
                await settle(
                    pilot, lambda s=screen, f=first: not s.busy and f in (s.view.entries if s.view else {})
                )
                if k:
                    out["saved"].append(time.perf_counter() - t)
                app.pop_screen()
                await settle(pilot, lambda: True)
            for _ in range(sz.tui_repeats):
                blank = Blank()
                t = time.perf_counter()
                await app.push_screen(blank)
                await settle(pilot, lambda b=blank: b.is_mounted)
                out["bopen"].append(time.perf_counter() - t)
                t = time.perf_counter()
                press(app, "n")
                await settle(pilot, lambda b=blank: b.pressed > 0)
                out["bkey"].append(time.perf_counter() - t)
                app.pop_screen()
                await settle(pilot, lambda: True)
        return out

    r = asyncio.run(run())
    # the service call the screen's load worker makes, alone
    loads = []
    for st in stations[: sz.tui_repeats + 1]:
        t = time.perf_counter()
        sv.open_sheet(actor, "A", st)
        loads.append(time.perf_counter() - t)
    engine.dispose()
    med = lambda xs: percentile(xs, 50)  # noqa: E731
    return [
        Row(
            "P6",
            f"TUI: open the scoring screen ({n_items} items) until drawn",
            med(r["open"]),
            med(r["bopen"]),
            "≤ 100 ms",
            max(r["open"]) <= 0.100,
            f"median of {len(r['open'])}, max {fmt_time(max(r['open']))}, first (cold) {fmt_time(r['cold'][0])}; "
            f"of which Services.open_sheet ≈ {fmt_time(med(loads))}; floor = a one-label screen; "
            "app-side: compose, mount, load worker, layout, paint; no terminal I/O",
        ),
        Row(
            "P6b",
            "TUI: one keystroke ('n' = no deduction) handled app-side",
            med(r["key"]),
            med(r["bkey"]),
            "≤ 16 ms",
            max(r["key"]) <= 0.016,
            f"median of {len(r['key'])}, max {fmt_time(max(r['key']))} (until the next item is highlighted and "
            f"painted); the action method itself {fmt_time(med(r['action']))}; until stored and repainted "
            f"(save_mark in a worker) {fmt_time(med(r['saved']))}; floor = a no-op binding",
        ),
    ]
