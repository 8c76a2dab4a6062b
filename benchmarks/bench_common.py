"""What every benchmark case shares: sizes, the result row and its table, timing, profiles, memory, and the
databases the cases run on."""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import platform
import pstats
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(HERE), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)


PG_URL = os.environ.get("CONTEST_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# ------------------------------------------------------------------------------------------------ sizes


@dataclass(frozen=True)
class Sizes:
    contestants_p1: int
    contestants_p2: int
    submits_p3: int
    stations_p3b: int
    procs_p4: tuple[int, ...]
    """P4 is run once for each number of judge processes."""
    sheets_p4: int
    certificates: int
    tui_repeats: int
    repeat: int
    """Repeats of the quick measurements (the best is kept)."""


FULL = Sizes(10_000, 5_000, 100, 10, (20, 50), 10, 1_000, 5, 3)
QUICK = Sizes(200, 100, 20, 2, (4, 6), 3, 10, 2, 2)
PANEL = 5
P4_JUDGES = 10
"""The first P4 judge: X10, X11, … submit through the services; the floor's judges follow them."""
P4_MAX = 50
"""The most P4 judge processes (the fixture has a service judge and a floor judge for each)."""
EXTRA_JUDGES = P4_JUDGES + 2 * P4_MAX
"""Module-A judges without sheets: X00 P3, X01 P3 floor, X02 P3b, X03 P6, X05 P2 warm, X10–X59 P4, X60–X109 P4
floor (each P4 run takes the next stations, so a judge never meets a sheet it has submitted)."""
WARM_JUDGE = "X05"


# ------------------------------------------------------------------------------------------------ table


@dataclass
class Row:
    case: str
    name: str
    measured: float | None = None
    floor: float | None = None
    goal: str = ""
    ok: bool | None = None
    """True pass, False fail, None: no goal (information)."""
    notes: str = ""
    status: str = ""
    """Overrides the result column (SKIP, ERROR)."""
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        if self.measured is None or not self.floor:
            return None
        return self.measured / self.floor

    @property
    def result(self) -> str:
        if self.status:
            return self.status
        if self.ok is None:
            return "info"
        return "PASS" if self.ok else "FAIL"


def fmt_time(seconds: float | None) -> str:
    """Seconds in a readable unit."""
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_ratio(r: float | None) -> str:
    if r is None:
        return "—"
    return f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (``p`` in 0–100)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def machine() -> str:
    pg = ""
    try:
        from sqlalchemy import text

        from contest.store.engine import make_engine

        e = make_engine(PG_URL)
        with e.connect() as c:
            pg = str(c.execute(text("SHOW server_version")).scalar_one())
        e.dispose()
    except Exception:
        pg = "unreachable"
    cpu = ""
    with contextlib.suppress(OSError):  # not Linux: no CPU model in the title
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.node() or 'host'}: nproc {os.cpu_count()}{f' ({cpu})' if cpu else ''}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PostgreSQL {pg}, "
        f"{platform.system()} {platform.release()}"
    )


def print_table(rows: list[Row], title: str, plain: bool) -> None:
    headers = ("Case", "Measured", "Floor", "Ratio", "Goal", "Result", "Absolute times / notes")
    cells = [
        (
            f"{r.case} {r.name}",
            fmt_time(r.measured) if r.unit == "s" else f"{r.measured}",
            fmt_time(r.floor),
            fmt_ratio(r.ratio),
            r.goal,
            r.result,
            r.notes,
        )
        for r in rows
    ]
    if plain:
        print(markdown_table(rows, title))
        return
    from rich import box  # a dependency of the project
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    colours = {"PASS": "green", "FAIL": "bold red", "ERROR": "bold red", "SKIP": "yellow"}
    for c in cells:
        style = colours.get(c[5], "")
        table.add_row(*c[:5], f"[{style}]{c[5]}[/]" if style else c[5], c[6])
    Console(width=max(200, shutil.get_terminal_size().columns)).print(table)


def markdown_table(rows: list[Row], title: str) -> str:
    out = [title, "", "| Case | Measured | Floor | Ratio | Goal | Result | Absolute times / notes |"]
    out.append("|---|---|---|---|---|---|---|")
    for r in rows:
        out.append(
            f"| {r.case} {r.name} | {fmt_time(r.measured)} | {fmt_time(r.floor)} | {fmt_ratio(r.ratio)} | "
            f"{r.goal} | {r.result} | {r.notes.replace('|', '/')} |"
        )
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ helpers


def best_of(n: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Smallest wall time of ``n`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


class Profiles:
    """cProfile reports collected with ``--profile``, printed after the table."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self.reports: list[tuple[str, str]] = []

    def run(self, label: str, fn: Callable[[], Any]) -> Any:
        if not self.on:
            return fn()
        prof = cProfile.Profile()
        prof.enable()
        try:
            return fn()
        finally:
            prof.disable()
            buf = io.StringIO()
            st = pstats.Stats(prof, stream=buf)
            st.sort_stats("tottime").print_stats(18)
            st.sort_stats("cumulative").print_stats(22)
            self.reports.append((label, buf.getvalue()))


def peak_rss_reset() -> bool:
    """Reset the kernel's peak-RSS mark for this process (Linux); False if unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@contextmanager
def pg_schema() -> Iterator[tuple[str, dict[str, str]]]:
    """A fresh schema on the PostgreSQL test server, dropped afterwards; yields (url, connect_args)."""
    from sqlalchemy import text

    from contest.store.engine import make_engine

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield PG_URL, {"options": f"-csearch_path={schema}"}
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pg_available() -> bool:
    try:
        from sqlalchemy import text

        from contest.store.engine import make_engine

        e = make_engine(PG_URL, connect_args={"connect_timeout": 3})
        with e.connect() as c:
            c.execute(text("select 1"))
        e.dispose()
        return True
    except Exception:
        return False
