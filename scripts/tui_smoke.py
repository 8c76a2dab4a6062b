#!/usr/bin/env python3
"""Smoke test of the real judge terminal in tmux: build a small contest, start ``contest --db … tui`` in a
detached tmux session (100×30), type a judge's login and a few marks at human pace with ``send-keys``, and check
what ``capture-pane`` shows — and that the marks are in the database.

    python scripts/tui_smoke.py [--keep] [--pace 0.2]

Exit status 0 when every check passed, 1 on the first failed check (the last screen is printed), 2 when tmux is
missing. The tmux server is a private one (``tmux -L contest-smoke-<pid>``), killed at the end, so the user's own
tmux sessions are never touched. Takes about 15 s.

The contest uses the demo configuration (``contest demo``'s four modules) but only eight contestants and judge
J01 (PIN 123456, module A) plus the encryption judge, so it builds in about a second instead of ``contest demo``'s
thirty. Its PINs are hashed with argon2 at minimal cost (a throwaway contest: the hash's strength is not under
test); the terminal checks them at the cost stored in each hash.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SESSION = "contest-smoke"
WIDTH, HEIGHT = 100, 30
PIN = "123456"
STEP_TIMEOUT = 15.0
"""Seconds to wait for an expected text (the app's start-up is the slow step)."""


def say(text: str, *, error: bool = False) -> None:
    """One line of the script's report (stdout, or stderr for a failure)."""
    (sys.stderr if error else sys.stdout).write(text + "\n")


class SmokeFailed(Exception):
    """A check failed; the message says which, the screen is attached."""

    def __init__(self, what: str, screen: str) -> None:
        super().__init__(what)
        self.screen = screen


def build_contest(directory: Path) -> Path:
    """A small contest through the services: demo configuration, 8 contestants, judge J01 on module A, drawn."""
    from argon2 import PasswordHasher

    from contest.demo import demo_config
    from contest.intake.idcard import make_valid_id
    from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
    from contest.store.engine import make_engine
    from contest.store.migrate import upgrade

    db = directory / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    services = Services(engine, Services.create_contest(engine, demo_config(calibration=False)), hasher=cheap)
    services.import_contestants(
        CONSOLE,
        [
            ContestantIn(
                f"烟测选手{i}", "女", make_valid_id("440703", date(1975, 3, i + 1), i, False), "烟测单位"
            )
            for i in range(8)
        ],
    )
    services.import_judges(
        CONSOLE,
        [
            JudgeIn("J01", "周慧敏", "江门职业技术学院", ("marking",), ("A",), pin=PIN),
            JudgeIn("E01", "加密员", "蓬江区人社局", ("encryption",), pin=PIN),
        ],
    )
    services.draw(services.login("E01", PIN), "tui-smoke")
    engine.dispose()
    return db


class Tmux:
    """One detached session on a private tmux server."""

    def __init__(self, socket: str, session: str, pace: float) -> None:
        self.base = ["tmux", "-L", socket]
        self.session = session
        self.pace = pace
        self.socket_path = ""
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, check=False, timeout=10
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        self.run("-u", "new-session", "-d", "-s", self.session, "-x", str(WIDTH), "-y", str(HEIGHT), command)
        self.socket_path = self.run("display-message", "-p", "#{socket_path}", check=False).strip()

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False)

    def keys(self, *keys: str) -> None:
        """Named keys (Enter, Escape, …), one at a time at human pace."""
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(self.pace)

    def type(self, text: str) -> None:
        """Characters typed one by one (literally) at human pace."""
        for char in text:
            self.run("send-keys", "-t", self.session, "-l", char)
            time.sleep(self.pace)

    def wait_for(self, *texts: str, timeout: float = STEP_TIMEOUT) -> str:
        """Wait until every text is on screen; the screen, or :class:`SmokeFailed`."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        missing = [t for t in texts if t not in screen]
        raise SmokeFailed(f"not on screen after {timeout:.0f} s: {missing}", screen)

    def kill(self) -> None:
        """Stop the private server and remove its socket file."""
        self.run("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def stored_entries(db: Path) -> dict[str, object]:
    """J01's entries for module A, station 001, as the database has them."""
    from contest.services import Services
    from contest.store.engine import make_engine

    engine = make_engine(f"sqlite:///{db}")
    try:
        services = Services(engine)
        return dict(services.open_sheet(services.login("J01", PIN), "A", "001").entries)
    finally:
        engine.dispose()


def smoke(tmux: Tmux, db: Path) -> list[str]:
    """The scripted session; returns what was checked."""
    done: list[str] = []
    tmux.start(f"{sys.executable} -m contest --db {db} tui")
    tmux.wait_for("裁判登录", "裁判编号")
    done.append("login screen")
    tmux.type("J01")
    tmux.keys("Enter")
    tmux.type(PIN)
    tmux.keys("Enter")
    screen = tmux.wait_for("我的模块", "评分裁判 J01", "001", "未评", "0/16")
    if "烟测选手" in screen:
        raise SmokeFailed("a contestant's name is on the judge's home", screen)
    done.append("judge home (stations, no names)")
    tmux.type("1")
    tmux.keys("Enter")
    tmux.wait_for("赛位 001", "待录 16/16")
    done.append("scoring screen for station 001")
    tmux.type("n")  # A1: no deduction
    tmux.wait_for("待录 15/16")
    tmux.type("n")  # A2: no deduction
    tmux.type("2")  # A3 (judgement): level 2
    screen = tmux.wait_for("待录 13/16", "✓ A1", "✓ A3")
    done.append("three marks on screen")
    entries = stored_entries(db)
    if sorted(entries) != ["A1", "A2", "A3"]:
        raise SmokeFailed(f"stored entries are {sorted(entries)}, not A1–A3", screen)
    done.append("three marks in the database")
    tmux.keys("Escape")
    tmux.wait_for("草稿", "3/16")
    done.append("back home: the sheet is a draft with 3/16")
    tmux.keys("Escape")
    tmux.wait_for("退出登录？")
    tmux.keys("Enter")
    tmux.wait_for("裁判登录")
    done.append("logged out")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary contest directory")
    parser.add_argument("--pace", type=float, default=0.2, help="seconds between keys (default 0.2)")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        say("tmux is not installed", error=True)
        return 2
    started = time.monotonic()
    directory = Path(tempfile.mkdtemp(prefix="contest-smoke-"))
    tmux = Tmux(f"contest-smoke-{os.getpid()}", SESSION, args.pace)
    try:
        db = build_contest(directory)
        for step in smoke(tmux, db):
            say(f"ok  {step}")
    except SmokeFailed as failed:
        say(f"FAIL {failed}", error=True)
        say("---- last screen ----", error=True)
        say(failed.screen, error=True)
        return 1
    finally:
        tmux.kill()
        if args.keep:
            say(f"contest kept in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
    say(f"tmux smoke test passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
