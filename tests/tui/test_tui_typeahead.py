"""Type-ahead is bound to what the judge saw: keys typed in a burst, while the terminal is stalled, give exactly
the sheet the same keys give when typed one by one, or the judge is shown a refusal — never a different stored
mark.

How the stall is made: every key of a sequence is posted to the app at once (as a burst arriving from the
terminal or the browser), while the event loop is blocked at random points (a patched render that sleeps, as a
loaded host or a garbage-collection pause would) and the database write is slowed in its worker thread (as a
busy disk would). The reference is the same sequence pressed slowly, each key handled before the next.
"""

from __future__ import annotations

import random
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App

from contest.services import Services
from contest.tui.screens import ScoringScreen
from contest.tui.screens.sheet_entry import SheetEntryScreen
from contest.tui.widgets.entry import DeductionPicker
from scoresheets import ItemEntry
from tests.tui.support import PINS, Contest, login, settle, type_text

ENTRY_KEYS = ("enter", "space", "down", "up", "n", "plus", "minus", "escape", "0", "1", "2", "3", "o")
"""Keys a judge uses while scoring (dialogs aside: they have tests of their own)."""

CHARS = {"space": " ", "plus": "+", "minus": "-", "enter": "\r", "escape": "\x1b"}


def key_event(key: str) -> events.Key:
    """The event a terminal driver posts for ``key``."""
    char = CHARS.get(key, key if len(key) == 1 else None)
    return events.Key(key, char)


@contextmanager
def stalls(seed: int, *, loop: float, write: float) -> Iterator[None]:
    """Block the event loop (up to ``loop`` s per render) and slow every write (up to ``write`` s) at random."""
    rng = random.Random(seed)
    render = SheetEntryScreen._render_entry
    tick_render = DeductionPicker._render_rules
    save_mark = Services.save_mark

    def slow_render(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        time.sleep(rng.uniform(0, loop))
        return render(self, *args, **kwargs)

    def slow_ticks(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        time.sleep(rng.uniform(0, loop))
        return tick_render(self, *args, **kwargs)

    def slow_save(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        time.sleep(rng.uniform(0, write))
        return save_mark(self, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(SheetEntryScreen, "_render_entry", slow_render)
    mp.setattr(DeductionPicker, "_render_rules", slow_ticks)
    mp.setattr(Services, "save_mark", slow_save)
    try:
        yield
    finally:
        mp.undo()


async def burst(app: App[None], keys: list[str]) -> None:
    """Post every key at once, as a stalled terminal receives them."""
    for key in keys:
        app.post_message(key_event(key))


def stored_sheets(contest: Contest) -> dict[str, object]:
    """What J1 has stored in module A, per station (entries, time, veto, comment, state)."""
    services = contest.services()
    actor = services.login("J1", PINS["J1"])
    out: dict[str, object] = {}
    for station in ("001", "002", "003"):
        view = services.open_sheet(actor, "A", station)
        out[station] = (dict(view.entries), view.seconds_used, view.veto, view.comment, view.state)
    return out


async def run_sequence(contest: Contest, keys: list[str], *, fast: bool, seed: int = 0) -> None:
    """Log J1 in, open station 001 of module A and type ``keys`` (slowly, or as one stalled burst)."""
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "001")
        await pilot.press("enter")
        await settle(pilot)
        if fast:
            with stalls(seed, loop=0.08, write=0.25):
                await burst(app, keys)
                await settle(pilot)
                await pilot.pause(0.3)
                await settle(pilot)
        else:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
        await settle(pilot)


def copy_of(template_db: Path, folder: Path, name: str) -> Contest:
    path = folder / f"{name}.db"
    shutil.copy(template_db, path)
    return Contest(path)


async def test_reported_burst_lands_on_the_items_it_was_typed_for(template_db: Path, tmp_path: Path) -> None:
    """The sequence from the report: tick A2's first rule, confirm, "no deduction" on A3's… as typed slowly."""
    keys = ["enter", "space", "enter", "n", "enter", "down", "space", "plus", "enter", "n", "n", "n"]
    slow = copy_of(template_db, tmp_path, "slow")
    fast = copy_of(template_db, tmp_path, "fast")
    await run_sequence(slow, keys, fast=False)
    await run_sequence(fast, keys, fast=True, seed=1)
    assert stored_sheets(fast) == stored_sheets(slow)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(
    keys=st.lists(st.sampled_from(ENTRY_KEYS), min_size=4, max_size=18),
    seed=st.integers(0, 2**16),
)
async def test_any_burst_stores_what_slow_typing_stores(
    template_db: Path, tmp_path: Path, keys: list[str], seed: int
) -> None:
    folder = tmp_path / f"run-{seed}-{len(keys)}-{abs(hash(tuple(keys))) % 10**8}"
    folder.mkdir()
    slow = copy_of(template_db, folder, "slow")
    fast = copy_of(template_db, folder, "fast")
    await run_sequence(slow, keys, fast=False)
    await run_sequence(fast, keys, fast=True, seed=seed)
    assert stored_sheets(fast) == stored_sheets(slow), keys


async def test_login_typed_in_one_burst_goes_to_the_right_fields(contest: Contest) -> None:
    """``J1<Tab>1111<Enter>`` arriving at once (a paste, a stalled host) used to put ``J11111`` in the code
    field. Keys typed on after Enter wait for the PIN check and reach the judge's home: ``3<Enter>`` opens
    station 003."""
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with stalls(7, loop=0.05, write=0.0):
            await burst(app, ["J", "1", "tab", "1", "1", "1", "1", "enter", "3", "enter", "n"])
            await settle(pilot)
            await pilot.pause(0.2)
            await settle(pilot)
        screen = app.screen
        assert app.actor is not None and app.actor.code == "J1"
        assert isinstance(screen, ScoringScreen) and screen.station == "003"
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries == {"A1": ItemEntry("A1")}


async def test_keys_for_a_screen_that_never_gets_ready_are_dropped_and_said(
    contest: Contest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet does not open (a stalled database): keys typed for it wait, then are dropped with a notice —
    they are not applied to the sheet when it finally opens, nor to the screen underneath."""
    import contest.tui.input_order as input_order

    monkeypatch.setattr(input_order, "READY_TIMEOUT", 0.3)
    open_sheet = Services.open_sheet
    release = threading.Event()

    def stalled_open(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        release.wait(30)
        return open_sheet(self, *args, **kwargs)

    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        monkeypatch.setattr(Services, "open_sheet", stalled_open)
        await burst(app, ["1", "enter", "n", "n"])
        for _ in range(300):
            if app.dropped_input:
                break
            await pilot.pause(0.05)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen) and app.screen.view is not None
        assert app.dropped_input == 2
        assert any("未执行" in n.message for n in app._notifications)
        assert contest.sheet("J1", "A", "001").entries == {}
