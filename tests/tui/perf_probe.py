"""App-side timings of the terminal inside a Pilot session (``time.perf_counter`` around the app's own handlers,
not Pilot's wall clock), for whoever turns them into benchmarks:

    python -m tests.tui.perf_probe [ROUNDS]

Prints the median and worst of ROUNDS (default 20) for: opening the scoring screen of module A (16 items) —
the service read, and the UI work until the sheet is shown and painted; one keystroke on the scoring screen
("n" stored as a draft mark: the key's handling on the UI thread, the service write in the worker, and the
re-render when it returns); moving the highlight (↓); and one keystroke on the clerk's keying screen (local
entry, totals recomputed, list re-rendered). The contest file is the one the Pilot tests use.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from contest.tui.screens import ClerkEntryScreen, JudgeHomeScreen, ScoringScreen
from contest.tui.screens.sheet_entry import SheetEntryScreen
from contest.tui.widgets import ItemList
from tests.tui.support import Contest, build_contest, login, settle

Timings = dict[str, list[float]]


def timed(timings: Timings, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` wrapped to add its duration (ms) to ``timings[name]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timings[name].append((time.perf_counter() - start) * 1000)

    return wrapper


def paint_ms(app: Any) -> float:
    """One full composition of the current screen (what a refresh costs)."""
    start = time.perf_counter()
    app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return (time.perf_counter() - start) * 1000


async def probe(contest: Contest, rounds: int) -> Timings:
    timings: Timings = defaultdict(list)
    app = contest.app()
    services = app.services
    services.open_sheet = timed(timings, "service open_sheet", services.open_sheet)  # type: ignore[method-assign]
    services.save_mark = timed(timings, "service save_mark", services.save_mark)  # type: ignore[method-assign]
    originals: dict[str, Any] = {
        "show_view": SheetEntryScreen.show_view,
        "action_no_deduction": SheetEntryScreen.action_no_deduction,
        "on_sheet_saved": ScoringScreen.on_sheet_saved,
        "_render_entry": SheetEntryScreen._render_entry,
    }
    marks: dict[str, float] = {}

    def show_view(self: SheetEntryScreen, view: Any) -> None:
        first = self.view is None
        start = time.perf_counter()
        originals["show_view"](self, view)
        end = time.perf_counter()
        name = "clerk: show sheet" if isinstance(self, ClerkEntryScreen) else "UI show sheet"
        timings[name + (" (first)" if first else " (update)")].append((end - start) * 1000)
        marks.setdefault("shown", end)

    def on_mount(self: ScoringScreen) -> None:
        marks.setdefault("mounted", time.perf_counter())
        originals["on_mount"](self)

    originals["on_mount"] = ScoringScreen.on_mount
    ScoringScreen.on_mount = on_mount  # type: ignore[method-assign]
    SheetEntryScreen.show_view = show_view  # type: ignore[method-assign]
    SheetEntryScreen.action_no_deduction = timed(  # type: ignore[method-assign]
        timings, "UI key n (handler)", originals["action_no_deduction"]
    )
    ScoringScreen.on_sheet_saved = timed(timings, "UI saved → re-render", originals["on_sheet_saved"])  # type: ignore[method-assign]
    SheetEntryScreen._render_entry = timed(timings, "UI entry panel for an item", originals["_render_entry"])  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await login(pilot, "J1")
            assert isinstance(app.screen, JudgeHomeScreen)
            stations = [s.station for s in app.screen.stations]
            for i in range(rounds):
                station = stations[i % len(stations)]
                marks.clear()
                start = time.perf_counter()
                app.push_screen(ScoringScreen("B" if i >= len(stations) else "A", station))
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, ScoringScreen) and screen.view is not None
                timings["open: push → mounted (compose, CSS)"].append((marks["mounted"] - start) * 1000)
                timings["open: push → sheet shown (app-side)"].append((marks["shown"] - start) * 1000)
                timings["open: paint of the scoring screen"].append(paint_ms(app))
                start = time.perf_counter()
                await pilot.press("n")
                await settle(pilot)
                timings["key n end to end (Pilot wall clock)"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                await pilot.press("down")
                timings["key ↓ (Pilot wall clock)"].append((time.perf_counter() - start) * 1000)
                app.pop_screen()
                await settle(pilot)
        app = contest.app()
        async with app.run_test(size=(100, 30)) as pilot:
            await login(pilot, "K1")
            app.push_screen(ClerkEntryScreen("A", "006", "J3"))
            await settle(pilot)
            clerk_screen = app.screen
            assert isinstance(clerk_screen, ClerkEntryScreen)
            timings["scoring: key n (handler)"] = timings.pop("UI key n (handler)")
            for _ in range(min(rounds, 14)):
                clerk_screen.query_one("#item-list", ItemList).highlight_item("A1")
                await pilot.pause()
                await pilot.press("n")
            timings["clerk key n (handler, local)"] = timings.pop("UI key n (handler)")
    finally:
        for name, fn in originals.items():
            setattr(ScoringScreen if name in ("on_sheet_saved", "on_mount") else SheetEntryScreen, name, fn)
    return timings


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contest.db"
        build_contest(path)
        timings = asyncio.run(probe(Contest(path), rounds))
    width = max(len(k) for k in timings)
    print(f"{'':{width}}  {'median':>8}  {'max':>8}  n")
    for name, values in timings.items():
        print(f"{name:{width}}  {statistics.median(values):8.2f}  {max(values):8.2f}  {len(values)}  ms")


if __name__ == "__main__":
    main()
