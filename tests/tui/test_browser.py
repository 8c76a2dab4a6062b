"""The terminal in a real browser through ``contest serve`` (issue 12 proof): headless Chromium driven over the
DevTools protocol (aiohttp's websocket client, no extra dependency) loads the page, no request leaves this host,
and a judge logs in and records a mark with the keyboard.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped with that reason when it is absent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from contest.services import Services
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from contest.tui.widgets.entry import LevelPicker
from scoresheets import ItemEntry
from tests.pins import CHEAP_HASHER
from tests.tui.support import PINS, Contest, build_contest, login, settle, type_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.slow,  # the edit-test loop skips it: pytest -m "not slow"
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CONTEST_REQUIRE_BROWSER"),
        reason="needs a headless Chromium: apt-get install -y chromium (Debian); .ci/run requires it",
    ),
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
WAIT_SECONDS = 90
"""Upper bound for the slow steps (the app starting in a fresh process on a loaded host); never asserted on."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A contest file as ``contest init`` leaves it (migrated, so ``contest tui`` opens it), with judges and a
    draw."""
    path = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    build_contest(path)
    return path


@pytest.fixture
def served(database: Path, tmp_path: Path) -> Iterator[str]:
    """``contest serve`` on a free local port; yields the page URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "contest", "--db", str(database), "serve"]
        + ["--host", "127.0.0.1", "--port", str(port), "--public-url", url],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        for _ in range(WAIT_SECONDS * 10):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if server.poll() is not None:
                pytest.fail(f"contest serve exited: {(tmp_path / 'serve.log').read_text(errors='replace')}")
            time.sleep(0.1)
        yield url + "/"
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)
        if server.poll() is None:
            server.kill()
        log.close()


@dataclass
class Page:
    """One browser tab over the DevTools protocol: commands, and every network request it made."""

    ws: aiohttp.ClientWebSocketResponse
    session: str = ""
    requests: list[str] = field(default_factory=list)
    next_id: int = 0

    async def call(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False) -> Any:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if not browser:
            msg["sessionId"] = self.session
        await self.ws.send_str(json.dumps(msg))
        while True:
            reply = json.loads((await self.ws.receive(timeout=WAIT_SECONDS)).data)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _event(self, event: dict[str, Any]) -> None:
        params = event.get("params", {})
        if event.get("method") == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif event.get("method") == "Network.webSocketCreated":
            self.requests.append(params["url"])

    async def js(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", {"text": text})

    async def enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
            )

    async def down(self) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40},
            )

    async def tap(self, x: float, y: float) -> None:
        """A tap (touch-screen click) at pixel ``x``, ``y``."""
        await self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            )

    async def cell_centre(self, column: int, row: int) -> tuple[float, float]:
        """Pixel centre of a terminal cell (the terminal's size is in its websocket's URL)."""
        socket_url = next(u for u in self.requests if u.startswith("ws://"))
        query = dict(p.split("=", 1) for p in urlsplit(socket_url).query.split("&"))
        columns, rows = int(query["width"]), int(query["height"])
        box = await self.js(
            "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " return [r.left, r.top, r.width, r.height]; })()"
        )
        left, top, width, height = box
        return left + (column + 0.5) * width / columns, top + (row + 0.5) * height / rows

    async def terminal_size(self) -> tuple[int, int]:
        socket_url = next(u for u in self.requests if u.startswith("ws://"))
        query = dict(p.split("=", 1) for p in urlsplit(socket_url).query.split("&"))
        return int(query["width"]), int(query["height"])


@contextlib.asynccontextmanager
async def browser(tmp_path: Path) -> AsyncIterator[Page]:
    assert CHROMIUM is not None
    chrome = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        + ["--remote-debugging-port=0", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"]
        + ["about:blank"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert chrome.stderr is not None
        endpoint = ""
        while not endpoint:
            line = await asyncio.to_thread(chrome.stderr.readline)
            if not line:
                pytest.fail("chromium exited before opening its DevTools endpoint")
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            endpoint = found.group(1) if found else ""
        async with aiohttp.ClientSession() as http, http.ws_connect(endpoint, max_msg_size=0) as ws:
            page = Page(ws)
            target = await page.call("Target.createTarget", {"url": "about:blank"}, browser=True)
            attached = await page.call(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True
            )
            page.session = attached["sessionId"]
            for domain in ("Network", "Page", "Runtime"):
                await page.call(f"{domain}.enable")
            yield page
    finally:
        chrome.kill()
        chrome.wait(10)


async def until(check: Any, what: str) -> Any:
    """Poll ``check()`` (sync or async) until it returns something truthy; fail saying ``what`` otherwise."""
    for _ in range(WAIT_SECONDS * 4):
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        await asyncio.sleep(0.25)
    pytest.fail(f"gave up waiting for {what}")


def assert_local(requests: list[str]) -> None:
    """Nothing the page loaded (documents, scripts, styles, fonts, images, websockets) came from elsewhere."""
    assert requests
    outside = [u for u in requests if urlsplit(u).hostname not in LOCAL_HOSTS]
    outside = [u for u in outside if not u.startswith(("data:", "blob:", "about:"))]
    assert outside == [], outside


def events_of(database: Path, actor: str) -> list[str]:
    services = Services(make_engine(f"sqlite:///{database}"), hasher=CHEAP_HASHER)
    return [kind for _, _, who, kind, _ in services.events(200) if who == actor]


def sheet_entries(database: Path) -> dict[str, Any]:
    """J1's sheet for station 001 in module A, as stored."""
    services = Services(make_engine(f"sqlite:///{database}"), hasher=CHEAP_HASHER)
    return dict(services.open_sheet(services.login("J1", PINS["J1"]), "A", "001").entries)


def marks_stored(database: Path, item_id: str) -> int:
    """How many marks (the first and every change) were stored for ``item_id`` on J1's sheet for 001."""
    from sqlmodel import Session, select

    from contest.store.tables import MarkRow

    with Session(make_engine(f"sqlite:///{database}")) as session:
        return len(session.exec(select(MarkRow).where(MarkRow.item_id == item_id)).all())


async def no_deduction(page: Page, database: Path, item_id: str) -> bool:
    """Type ``n`` (no deduction) unless ``item_id`` is stored; whether it is stored now. Typed again only while
    the sheet is not open yet (once it is, the first ``n`` lands on the highlighted item, ``item_id``)."""
    if item_id in sheet_entries(database):
        return True
    await page.type("n")
    await asyncio.sleep(0.5)
    return item_id in sheet_entries(database)


async def open_as_j1(page: Page, served: str, database: Path) -> None:
    """Load the page, check it is local and bilingual, and log J1 in with the keyboard."""
    await page.call("Page.navigate", {"url": served})

    # the terminal starts: textual-serve's script opens the session's websocket
    async def websocket_opened() -> bool:
        await page.js("0")  # reading the replies also collects the network events that came before them
        return any(u.startswith("ws://") for u in page.requests)

    await until(websocket_opened, "the terminal's websocket")
    assert_local(page.requests)  # the page, its script, style sheet, font, image and websocket
    assert "开始 / Start" in await page.js("document.body.innerHTML")
    textarea = "document.querySelector('.xterm-helper-textarea')"
    await until(lambda: page.js(f"!!{textarea}"), "the terminal's input")
    await page.js(f"{textarea}.focus()")
    # the app has drawn its first screen (textual-serve marks the page on the first byte from the app)
    await until(lambda: page.js("document.body.classList.contains('-first-byte')"), "the app's first output")
    await asyncio.sleep(1)  # the login screen mounts right after its first frame
    # as a judge would: code, Enter, PIN, Enter
    await page.type("J1")
    await page.enter()
    await page.type(PINS["J1"])
    await page.enter()
    await until(lambda: "login" in events_of(database, "J1"), "J1's login through the browser")


async def test_page_is_local_and_a_judge_logs_in_and_marks(
    served: str, database: Path, tmp_path: Path
) -> None:
    async with browser(tmp_path) as page:
        await open_as_j1(page, served, database)
        # open station 001 and record "no deduction" on A1
        await page.type("001")
        await page.enter()

        await until(lambda: no_deduction(page, database, "A1"), "the mark typed in the browser")
        assert_local(page.requests)


async def level_cell(database: Path, tmp_path: Path, size: tuple[int, int], level: int) -> tuple[int, int]:
    """Where level ``level`` of A3 is drawn on J1's sheet for 001 (A1 and A2 entered, A3 highlighted) at terminal
    ``size``: the same app driven with Pilot on a copy of the contest (layout depends only on size and data)."""
    copy = tmp_path / "layout.db"
    shutil.copy(database, copy)
    app = Contest(copy).app()
    async with app.run_test(size=size) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "001")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        picker = app.screen.query_one("#levels", LevelPicker)
        region = picker.region
        for row in range(region.y, region.bottom):
            if app.screen.get_style_at(region.x + 2, row).meta.get("option") == level:
                return region.x + 2, row
    pytest.fail(f"level {level} of A3 is not on screen at {size}")


async def test_a_level_is_recorded_by_a_tap_and_a_confirming_tap(
    served: str, database: Path, tmp_path: Path
) -> None:
    layout_source = tmp_path / "fresh.db"
    shutil.copy(database, layout_source)  # before any mark: the layout the judge sees
    async with browser(tmp_path) as page:
        await open_as_j1(page, served, database)
        await page.type("001")
        await page.enter()
        await until(lambda: no_deduction(page, database, "A1"), "A1 typed in the browser")
        await until(lambda: no_deduction(page, database, "A2"), "A2 typed in the browser")
        # now A3, a judgement item, is highlighted: its four level descriptors are on screen
        column, row = await level_cell(layout_source, tmp_path, await page.terminal_size(), level=2)
        x, y = await page.cell_centre(column, row)
        await page.tap(x, y)  # selects level 2 only
        await page.tap(x, y)  # the second tap on the same level records it
        await until(lambda: sheet_entries(database).get("A3") == ItemEntry("A3", level=2), "A3 = level 2")
        # then A4 with the keyboard; keys are applied in order, so both taps were handled before it
        await page.type("n")
        await until(lambda: "A4" in sheet_entries(database), "A4 typed after the taps")
        assert marks_stored(database, "A3") == 1  # one tap selected, the second recorded: a single mark
        assert_local(page.requests)
