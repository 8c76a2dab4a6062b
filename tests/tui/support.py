"""Helpers for the Pilot tests of the judge terminal: a real contest on a SQLite file, built through the
services, and key-driving helpers.

The contest: six contestants drawn to stations 001–006, judges J1–J3 on modules A and B, chief C1, supervisor
S1, organiser O1, encryption judge E1, clerks K1 and K2 (K2 also an organiser), all with known PINs (hashed
cheaply: :data:`tests.pins.CHEAP_HASHER`).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlmodel import Session, select
from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from contest.services import CONSOLE, Actor, ContestantIn, JudgeIn, Services
from contest.services.views import SheetView
from contest.store.engine import create_schema, make_engine
from contest.store.tables import ContestantRow
from contest.tui.app import ContestApp
from scoresheets import ItemEntry
from tests.contest_toml import small_config
from tests.pins import CHEAP_HASHER

PINS = {
    "J1": "1111",
    "J2": "2222",
    "J3": "3333",
    "C1": "9999",
    "S1": "8888",
    "O1": "7777",
    "E1": "5555",
    "K1": "3001",
    "K2": "3002",
}
STATIONS = ("001", "002", "003", "004", "005", "006")


def contest_config(modules: tuple[str, ...] = ("basic_care", "rehabilitation")) -> str:
    """A small contest: panels of three, trimmed mean, ratio awards."""
    return small_config(3, modules, name=("界面测试竞赛", "TUI test contest"))


def valid_id(region: str, born: date, seq: int, male: bool) -> str:
    """A 身份证号 with a correct GB 11643 check digit."""
    body = f"{region}{born:%Y%m%d}{seq % 100:02d}{1 if male else 2}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def build_contest(path: Path, config: str | None = None) -> None:
    """Create the contest file through the services (create, import, draw), from ``config`` (default:
    :func:`contest_config`)."""
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    Services.create_contest(engine, config or contest_config(), hasher=CHEAP_HASHER)
    services = Services(engine, hasher=CHEAP_HASHER)
    people = [
        ContestantIn(
            f"选手{i}",
            "男" if i % 2 else "女",
            valid_id("440703", date(1980, 1, i + 1), i, bool(i % 2)),
            f"单位{i}",
        )
        for i in range(len(STATIONS))
    ]
    services.import_contestants(CONSOLE, people)
    services.import_judges(
        CONSOLE,
        [
            JudgeIn("J1", "张评", "外单位", ("marking",), ("A", "B"), pin=PINS["J1"]),
            JudgeIn("J2", "李评", "外单位", ("marking",), ("A", "B"), pin=PINS["J2"]),
            JudgeIn("J3", "王评", "外单位", ("marking",), ("A", "B"), pin=PINS["J3"]),
            JudgeIn("C1", "陈裁判长", "", ("chief",), pin=PINS["C1"]),
            JudgeIn("S1", "孙监督", "", ("supervisor",), pin=PINS["S1"]),
            JudgeIn("O1", "欧组织", "", ("organiser",), pin=PINS["O1"]),
            JudgeIn("E1", "加密", "", ("encryption",), pin=PINS["E1"]),
            JudgeIn("K1", "统分甲", "", ("clerk",), pin=PINS["K1"]),
            JudgeIn("K2", "统分乙", "", ("clerk", "organiser"), pin=PINS["K2"]),
        ],
    )
    services.draw(services.login("E1", PINS["E1"]), "tui-tests")
    engine.dispose()


@dataclass
class Contest:
    """One test's contest file, with helpers that act through the services (as another terminal would)."""

    path: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def services(self) -> Services:
        """A fresh services object on the file (like a new terminal process)."""
        return Services(make_engine(self.url), hasher=CHEAP_HASHER)

    def login(self, code: str) -> Actor:
        return self.services().login(code, PINS[code])

    def app(self, lang: str = "zh", poll_seconds: float = 3600) -> ContestApp:
        """A terminal on the file; polling is off unless a test asks for it."""
        return ContestApp(self.services(), lang=lang, poll_seconds=poll_seconds)

    def people(self) -> list[tuple[str, str, str]]:
        """(name, unit, ID number) of every contestant, read straight from the file (what must never show)."""
        engine = make_engine(self.url)
        try:
            with Session(engine) as s:
                rows = s.exec(select(ContestantRow)).all()
                return [(r.name, r.unit, r.id_number) for r in rows]
        finally:
            engine.dispose()

    def sheet(self, judge: str, module: str, station: str) -> SheetView:
        """The judge's sheet as stored."""
        services = self.services()
        return services.open_sheet(services.login(judge, PINS[judge]), module, station)

    def fill(
        self,
        judge: str,
        module: str,
        stations: tuple[str, ...],
        level: int = 3,
        *,
        submit: bool = True,
        skip: tuple[str, ...] = (),
    ) -> None:
        """Enter every item (no deductions, judgement at ``level``), the time, and submit."""
        services = self.services()
        actor = services.login(judge, PINS[judge])
        rubric = services.config().module(module).rubric
        for station in stations:
            view = services.open_sheet(actor, module, station)
            for item in rubric.items:
                if item.id in skip:
                    continue
                entry = ItemEntry(item.id, level=level) if item.kind == "judgement" else ItemEntry(item.id)
                view = services.save_mark(actor, module, station, entry, view.version)
            if skip:
                continue
            view = services.set_sheet_info(
                actor, module, station, seconds_used=1100, expected_version=view.version
            )
            if submit:
                services.submit_sheet(actor, module, station, view.version)


async def settle(pilot: Pilot[None], rounds: int = 20) -> None:
    """Wait until typed keys are applied, workers have finished and the messages they posted are handled
    (writes may chain)."""
    app = pilot.app
    for _ in range(rounds):
        # an exclusive worker (a poll) replaced by a newer one is cancelled: just wait again
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        busy = getattr(app.screen, "busy", False) or getattr(app, "input_pending", False)
        if not busy and not any(w.is_running for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("the terminal did not settle")


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type characters one by one (as keys)."""
    for char in text:
        await pilot.press(char)


async def login(pilot: Pilot[None], code: str, pin: str | None = None) -> None:
    """Log in through the login screen."""
    await type_text(pilot, code)
    await pilot.press("enter")
    await type_text(pilot, PINS[code] if pin is None else pin)
    await pilot.press("enter")
    await settle(pilot)


def screen_text(app: App[Any]) -> str:
    """Everything the terminal shows right now (the current screen and the ones visible under it), as text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
