"""Scale benchmarks: builds each case itself in a temporary directory and prints one table.

Every line compares the system with a floor measured in the same run (a bare library call, SQL statement or
transaction doing the least work that produces the same data), with the absolute times beside it:

    python benchmarks/run.py            # full sizes (several minutes)
    python benchmarks/run.py --quick    # small sizes for CI (well under a minute; asserts nothing about time)
    python benchmarks/run.py --only P2,P3 --profile

The large contests are BENCHMARK FIXTURES: created with ``Services.create_contest`` and then bulk-inserted
into the real tables (see ``bench_fixtures.py``). See ``benchmarks/README.md`` for the cases and the last table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import os
import platform
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(HERE), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

import bench_fixtures as fx  # noqa: E402

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


# ------------------------------------------------------------------------------------------------ P1


def case_p1(sz: Sizes, work: Path, prof: Profiles) -> list[Row]:
    from python_calamine import CalamineWorkbook

    from contest.demo import demo_config
    from contest.intake.contestants import import_contestants
    from contest.services import CONSOLE, ContestantIn, Services
    from contest.store.engine import make_engine
    from contest.store.migrate import upgrade
    from contest.store.tables import ContestantRow

    n = sz.contestants_p1
    path = work / "p1_contestants.xlsx"
    t = time.perf_counter()
    fx.contestant_workbook(path, n)
    made = time.perf_counter() - t

    def bare() -> int:
        return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())

    def reader() -> Any:
        return import_contestants(path, projects=[fx.PROJECT], contest_date=fx.CONTEST_DAY)

    floor, rows_read = best_of(sz.repeat, bare)
    measured, res = best_of(sz.repeat, reader)
    if res.problems or len(res.records) != n:
        raise RuntimeError(f"fixture workbook rejected: {len(res.records)} of {n}, {res.problems[:2]}")
    prof.run("P1 intake reader (import_contestants)", reader)
    out = [
        Row(
            "P1",
            f"import {n:,} contestants: reader ÷ bare calamine read",
            measured,
            floor,
            "≤ 3×",
            measured / floor <= 3,
            f"reader {fmt_time(measured)}, calamine {fmt_time(floor)} ({rows_read:,} rows); "
            f"workbook written in {fmt_time(made)} (openpyxl, not timed)",
        )
    ]

    # the service import, on a fresh database, against a bare insert of the same rows
    people = [
        ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note) for r in res.records
    ]
    engine = make_engine(sqlite_url(work / "p1_service.db"))
    upgrade(engine)
    sv = Services(engine, Services.create_contest(engine, demo_config(calibration=False)))
    t = time.perf_counter()
    rep = sv.import_contestants(CONSOLE, people, source=path.name)
    service = time.perf_counter() - t
    assert rep.added == n, rep
    t = time.perf_counter()
    again = sv.import_contestants(CONSOLE, people, source=path.name)
    unchanged = time.perf_counter() - t
    assert again.unchanged == n, again
    engine.dispose()

    bare_engine = make_engine(sqlite_url(work / "p1_bare.db"))
    upgrade(bare_engine)
    from contest.services import Services as S2

    cid = S2.create_contest(bare_engine, demo_config(calibration=False))
    from sqlalchemy import insert

    t = time.perf_counter()
    with bare_engine.begin() as conn:
        conn.execute(
            insert(ContestantRow.__table__),  # type: ignore[attr-defined]
            [
                {
                    "contest_id": cid,
                    "name": p.name,
                    "gender": p.gender,
                    "id_number": p.id_number,
                    "unit": p.unit,
                    "phone": p.phone,
                    "project": p.project,
                    "note": p.note,
                    "withdrawn": False,
                }
                for p in people
            ],
        )
    bare_insert = time.perf_counter() - t
    bare_engine.dispose()
    out.append(
        Row(
            "P1b",
            f"service import of the {n:,} records (one transaction + audit event)",
            service,
            bare_insert,
            "—",
            None,
            f"Services.import_contestants {fmt_time(service)} (re-import, all unchanged: {fmt_time(unchanged)}); "
            f"floor = one executemany INSERT {fmt_time(bare_insert)}; reader + service = {fmt_time(measured + service)}",
        )
    )
    return out


# ------------------------------------------------------------------------------------------------ P2/P3


@dataclass
class Scale:
    """The scale contest shared by P2, P3 and P6 (SQLite)."""

    path: Path
    url: str
    info: fx.ScaleContest
    build_seconds: float


def build_sqlite_scale(sz: Sizes, work: Path) -> Scale:
    from contest.demo import demo_config
    from contest.store.engine import make_engine

    path = work / "p2_scale.db"
    url = sqlite_url(path)
    engine = make_engine(url)
    t = time.perf_counter()
    info = fx.build_scale_contest(
        engine, demo_config(calibration=False), sz.contestants_p2, panel_size=PANEL, extra_judges=EXTRA_JUDGES
    )
    built = time.perf_counter() - t
    engine.dispose()
    return Scale(path, url, info, built)


GROUP_BY = "SELECT sheet_id, count(*), sum(coalesce(score_cents,0)) FROM mark GROUP BY sheet_id"


def standings_rows(
    case: str,
    label: str,
    url: str,
    connect_args: dict[str, Any],
    info: fx.ScaleContest,
    sz: Sizes,
    prof: Profiles,
) -> list[Row]:
    """Services.compute and Services.standings against one GROUP BY over the marks table."""
    from sqlalchemy import text

    from contest.errors import ContestError
    from contest.services import Services
    from contest.store.engine import make_engine

    engine = make_engine(url, connect_args=connect_args) if connect_args else make_engine(url)
    sv = Services(engine, info.contest_id)

    def group_by() -> int:
        with engine.connect() as c:
            return len(c.execute(text(GROUP_BY)).all())

    group_by()  # warm the page cache
    floor, groups = best_of(3, group_by)
    n_items = sum(info.items.values())
    shape = (
        f"{len(info.stations):,} contestants × {len(info.items)} modules × {PANEL} judges × "
        f"{'/'.join(str(info.items[m]) for m in sorted(info.items))} items (Σ {n_items}) = {info.marks:,} marks"
    )
    actor = sv.login("ORG", fx.PIN)
    reps = sz.repeat if info.marks < 200_000 else 1
    # cold: a new Services object (an empty panel cache), its configuration already parsed
    fresh = [Services(engine, info.contest_id) for _ in range(reps)]
    for f in fresh:
        f.config()
    peak_rss_reset()
    try:
        measured, (st, _) = best_of(reps, lambda: fresh.pop().compute())
    except ContestError as exc:
        engine.dispose()
        return [
            Row(
                case,
                f"full standings, {label}: Services.compute ÷ one GROUP BY",
                None,
                floor,
                "≤ 3×",
                False,
                f"{shape}; GROUP BY {fmt_time(floor)}; compute() FAILED: {type(exc).__name__}: {str(exc)[:220]}",
            )
        ]
    rss = peak_rss_mb()
    assert len(st.entries) == len(info.stations)
    # warm: the chief console's refresh after one more sheet came in (only that panel is read and rescored)
    sv.config()
    sv.compute()
    judge = sv.login(WARM_JUDGE, fx.PIN)
    entries = fx.module_a_entries(sv)
    warm: list[float] = []
    for station in info.stations[-3:]:
        sv.enter_sheet(judge, "A", station, entries, seconds_used=600, submit=True)
        t = time.perf_counter()
        sv.compute()
        warm.append(time.perf_counter() - t)
        assert sv.panels.rescored == 1
    warm_t = min(warm)
    view_t, view = best_of(reps, lambda: sv.standings(actor))
    assert len(view.lines) == len(info.stations)
    if prof.on and case == "P2":
        prof.run(f"{case} Services.compute() cold", lambda: Services(engine, info.contest_id).compute())
        sv.enter_sheet(judge, "A", info.stations[-4], entries, seconds_used=600, submit=True)
        prof.run(f"{case} Services.compute() after one more sheet", sv.compute)
    engine.dispose()
    warm_row = Row(
        case + "w",
        f"standings refresh after one more sheet, {label}: Services.compute (warm) ÷ the same GROUP BY",
        warm_t,
        floor,
        "≤ 3×",
        warm_t / floor <= 3,
        f"compute() on the chief console's Services object after a judge submitted one more sheet: "
        f"{fmt_time(warm_t)} (1 panel rescored; the sheet heads of every panel are read to find it)",
    )
    return [
        Row(
            case,
            f"full standings from scratch, {label}: Services.compute (cold) ÷ one GROUP BY",
            measured,
            floor,
            "≤ 3×",
            measured / floor <= 3,
            f"{shape}; compute {fmt_time(measured)}, GROUP BY {fmt_time(floor)} ({groups:,} sheets)"
            + (f"; peak RSS {rss:,.0f} MB" if rss else "")
            + f"; {len(st.alerts):,} spread alerts",
        ),
        Row(
            case + "b",
            f"standings view, {label}: Services.standings ÷ the same GROUP BY",
            view_t,
            floor,
            "—",
            None,
            f"standings() {fmt_time(view_t)} (warm compute + lines, remarks, awards)",
        ),
        warm_row,
    ]


def case_p2(sz: Sizes, scale: Scale, prof: Profiles) -> list[Row]:
    rows = standings_rows("P2", "SQLite", scale.url, {}, scale.info, sz, prof)
    s = scale.info.seconds
    rows[0].notes += (
        f"; fixture built in {fmt_time(scale.build_seconds)} "
        f"(bulk insert of marks {fmt_time(s.get('insert_marks'))}, back-fill of the stored sheet results "
        f"{fmt_time(s.get('sheet_results'))}, not timed)"
    )
    return rows


def case_p3(sz: Sizes, scale: Scale, prof: Profiles) -> list[Row]:
    from bench_workers import SECONDS_USED, BareTarget, bare_submit

    from contest.services import Services
    from contest.store.engine import make_engine
    from scoresheets.model import ItemEntry

    engine = make_engine(scale.url)
    sv = Services(engine, scale.info.contest_id)
    entries = fx.module_a_entries(sv)
    assert len(entries) == scale.info.items["A"]
    stations = scale.info.stations
    n = sz.submits_p3

    # service: enter_sheet(submit=True) for a fresh station each time; the first call warms the terminal
    judge = sv.login("X00", fx.PIN)
    sv.enter_sheet(judge, "A", stations[0], entries, seconds_used=SECONDS_USED, submit=True)
    lat = []
    for st in stations[1 : n + 1]:
        t = time.perf_counter()
        sv.enter_sheet(judge, "A", st, entries, seconds_used=SECONDS_USED, submit=True)
        lat.append(time.perf_counter() - t)
    if prof.on:
        rest = iter(stations[n + 1 : n + 21])
        prof.run(
            "P3 Services.enter_sheet (20 submits)",
            lambda: [
                sv.enter_sheet(judge, "A", s, entries, seconds_used=SECONDS_USED, submit=True) for s in rest
            ],
        )

    # floor: the same rows in one bare transaction
    target = BareTarget(engine, scale.info.contest_id, "X01")
    bare_submit(engine, target, stations[0], entries)
    flat = []
    for st in stations[1 : n + 1]:
        t = time.perf_counter()
        bare_submit(engine, target, st, entries)
        flat.append(time.perf_counter() - t)

    # the terminal's path: one save_mark per confirmed item, then the time and submit
    typist = sv.login("X02", fx.PIN)
    marks: list[float] = []
    submits: list[float] = []
    for st in stations[: sz.stations_p3b]:
        v = sv.open_sheet(typist, "A", st)
        for e in entries:
            t = time.perf_counter()
            v = sv.save_mark(typist, "A", st, ItemEntry(e.item_id, e.deductions, e.level, e.score), v.version)
            marks.append(time.perf_counter() - t)
        v = sv.set_sheet_info(typist, "A", st, seconds_used=SECONDS_USED, expected_version=v.version)
        t = time.perf_counter()
        sv.submit_sheet(typist, "A", st, v.version)
        submits.append(time.perf_counter() - t)
    engine.dispose()
    p99 = percentile(lat, 99)
    return [
        Row(
            "P3",
            f"one judge's {len(entries)}-item submit (enter_sheet) p99, SQLite",
            p99,
            percentile(flat, 99),
            "p99 ≤ 10 ms",
            p99 <= 0.010,
            f"n={len(lat)}: p50 {fmt_time(percentile(lat, 50))}, p99 {fmt_time(p99)}, max {fmt_time(max(lat))}; "
            f"bare transaction p50 {fmt_time(percentile(flat, 50))}, p99 {fmt_time(percentile(flat, 99))}",
        ),
        Row(
            "P3b",
            "terminal path: one save_mark p99 (draft mark, append-only)",
            percentile(marks, 99),
            None,
            "—",
            None,
            f"n={len(marks)}: save_mark p50 {fmt_time(percentile(marks, 50))}, p99 {fmt_time(percentile(marks, 99))}; "
            f"submit_sheet p50 {fmt_time(percentile(submits, 50))} (n={len(submits)}); "
            f"a whole sheet this way ≈ {fmt_time(percentile(marks, 50) * len(entries) + percentile(submits, 50))}",
        ),
    ]


# ------------------------------------------------------------------------------------------------ P4


@dataclass
class Judged:
    """What one P4 run measured: each submit's latency and its wait for the write turn, errors, wall time."""

    latencies: list[float]
    waits: list[float]
    errors: list[str]
    wall: float

    def p(self, q: float, waits: bool = False) -> float | None:
        xs = self.waits if waits else self.latencies
        return percentile(xs, q) if xs else None

    def summary(self) -> str:
        """p50/p99/max of the latency, of the wait for the turn, and of the rest (in the turn: the work)."""
        held = [lat - w for lat, w in zip(self.latencies, self.waits, strict=True)]
        share = sum(self.waits) / sum(self.latencies) if self.latencies else 0.0
        lat = self.latencies
        return (
            f"latency p50 {fmt_time(self.p(50))}, p99 {fmt_time(self.p(99))}, max {fmt_time(max(lat, default=None))}"
            f"; waiting for the write turn p50 {fmt_time(self.p(50, True))}, p99 {fmt_time(self.p(99, True))}, "
            f"max {fmt_time(max(self.waits, default=None))} ({share:.0%} of all submit time); "
            f"the rest (in the turn) p50 {fmt_time(percentile(held, 50) if held else None)}, "
            f"p99 {fmt_time(percentile(held, 99) if held else None)}; {len(lat) / self.wall:.0f}/s"
        )


def run_judges(
    url: str,
    connect_args: dict[str, Any],
    info: fx.ScaleContest,
    sz: Sizes,
    n: int,
    first_judge: int,
    first_station: int,
    bare: bool,
) -> Judged:
    """``n`` judge processes submitting concurrently, the k-th on the stations from ``first_station + k × (sheets
    + 1)``."""
    import multiprocessing as mp

    import bench_workers

    # forkserver with the worker module preloaded: each judge process forks from a server that already imported
    # the services (a clean process, like a terminal that has been running for a while, without paying the
    # imports 20 times on 2 cores)
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["bench_workers", "bench_fixtures"])
    barrier = ctx.Barrier(n)
    results = ctx.Queue()
    per = sz.sheets_p4 + 1
    procs = []
    for k in range(n):
        code = f"X{first_judge + k:02d}"
        first = first_station + k * per
        stations = info.stations[first : first + per]
        if len(stations) < per:  # small fixtures: judges share stations (each judge still has its own sheet)
            stations = [info.stations[(first + i) % len(info.stations)] for i in range(per)]
        proc = ctx.Process(
            target=bench_workers.judge_worker,
            args=(url, connect_args, info.contest_id, code, fx.PIN, stations, bare, barrier, results),
        )
        proc.start()
        procs.append(proc)
    lat: list[float] = []
    waits: list[float] = []
    errors: list[str] = []
    starts, ends = [], []
    for _ in range(n):
        _, ls, ws, errs, start, end = results.get(timeout=900)
        lat += ls
        waits += ws
        errors += errs
        if start:
            starts.append(start)
            ends.append(end)
    for proc in procs:
        proc.join(timeout=60)
    wall = (max(ends) - min(starts)) if starts else float("nan")
    return Judged(lat, waits, errors, wall)


def p4_rows(
    label: str,
    url: str,
    connect_args: dict[str, Any],
    info: fx.ScaleContest,
    sz: Sizes,
    note: str = "",
    free_connections: Callable[[], int | None] | None = None,
) -> list[Row]:
    """One row per number of judge processes in ``sz.procs_p4``: the services, then the bare floor. A run the
    database server has no room for (``free_connections()``, asked before each) is a SKIP line, not a failure."""
    rows = []
    station = 0
    for n in sz.procs_p4:
        name = f"{n} judge processes submitting concurrently, {label}: p99"
        free = free_connections() if free_connections else None
        if free is not None and free < n + 2:
            rows.append(
                Row(
                    "P4",
                    name,
                    status="SKIP",
                    notes=f"the PostgreSQL server has {free} free connections (max_connections less "
                    f"those in use and reserved); {n} judges need {n}",
                )
            )
            continue
        got = run_judges(url, connect_args, info, sz, n, P4_JUDGES, station, bare=False)
        floor = run_judges(url, connect_args, info, sz, n, P4_JUDGES + P4_MAX, station, bare=True)
        station += n * (sz.sheets_p4 + 1)
        p99 = got.p(99)
        ok = bool(got.latencies) and not got.errors and p99 is not None and p99 <= 0.050
        first_error = f"; first error: {got.errors[0]}" if got.errors else ""
        rows.append(
            Row(
                "P4",
                name,
                p99,
                floor.p(99),
                "p99 ≤ 50 ms, 0 errors",
                ok,
                f"{len(got.latencies)} submits ({n} × {sz.sheets_p4} back to back), {len(got.errors)} errors: "
                f"{got.summary()}; bare transactions ({len(floor.errors)} errors): {floor.summary()}"
                f"{note}{first_error}",
            )
        )
    return rows


def case_p4_sqlite(sz: Sizes, scale: Scale) -> list[Row]:
    return p4_rows("SQLite", scale.url, {}, scale.info, sz)


def pg_free_connections() -> int | None:
    """Connections the PostgreSQL server can still accept from a non-superuser's view (``max_connections`` less
    those open and ``superuser_reserved_connections``); None if it cannot be asked."""
    try:
        from sqlalchemy import text

        from contest.store.engine import make_engine

        e = make_engine(PG_URL)
        with e.connect() as c:
            free = c.execute(
                text(
                    "SELECT current_setting('max_connections')::int"
                    " - current_setting('superuser_reserved_connections')::int"
                    " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')"
                )
            ).scalar_one()
        e.dispose()
        return int(free)
    except Exception:
        return None


def case_pg(sz: Sizes, prof: Profiles) -> list[Row]:
    """P4 on PostgreSQL (and the standings of P2 on the same fixture)."""
    from contest.demo import demo_config
    from contest.store.engine import make_engine

    if not pg_available():
        msg = f"PostgreSQL at {PG_URL} unreachable"
        if os.environ.get("CONTEST_REQUIRE_PG"):
            raise RuntimeError(msg + " (CONTEST_REQUIRE_PG is set)")
        return [Row("P4", "concurrent submits, PostgreSQL", status="SKIP", notes=msg)]
    with pg_schema() as (url, args):
        engine = make_engine(url, connect_args=args)
        t = time.perf_counter()
        info = fx.build_scale_contest(
            engine,
            demo_config(calibration=False),
            sz.contestants_p2,
            panel_size=PANEL,
            extra_judges=EXTRA_JUDGES,
        )
        built = time.perf_counter() - t
        engine.dispose()
        rows = [
            r for r in standings_rows("P2-pg", "PostgreSQL", url, args, info, sz, prof) if r.case != "P2-pgb"
        ]
        rows += p4_rows(
            "PostgreSQL",
            url,
            args,
            info,
            sz,
            f"; on the P2 fixture, built in {fmt_time(built)}",
            pg_free_connections,
        )
    return rows


# ------------------------------------------------------------------------------------------------ P5


def case_p5(sz: Sizes, work: Path, prof: Profiles) -> list[Row]:
    from reportlab.pdfgen.canvas import Canvas

    from contest.printing import text as tx
    from contest.printing.certificates import render_certificates
    from contest.printing.fonts import load_font
    from contest.printing.pages import Certificate, CertificateData, DocHeader
    from contest.printing.styles import LANDSCAPE

    n = sz.certificates
    awards = ("一等奖", "二等奖", "三等奖")
    certs = tuple(
        Certificate(
            name=name,
            unit=unit,
            project="养老护理员（职工组）",
            award=awards[k * 3 // n] if n >= 3 else awards[k % 3],
            number=f"PJ2026-{k + 1:04d}",
            verification=f"CONTEST-VERIFY:{(k * 7919) % 10**8:08d}-{k % 97:02d}",
        )
        for k, (name, _, _, unit, _) in enumerate(fx.people(n, seed=5))
    )
    header = DocHeader(
        contest="2026年蓬江区“南粤家政”养老护理员职业技能竞赛",
        edition="第三届",
        printed_at=datetime(2026, 5, 21, 10, 0, tzinfo=UTC),
        audit_head="9f3c2a71d04be5e6" * 4,
    )
    issuers = ("江门市蓬江区人力资源和社会保障局", "江门市蓬江区民政局")
    data = CertificateData(header=header, certificates=certs, date="二〇二六年五月二十日", issuers=issuers)
    font = load_font()
    render_certificates(
        CertificateData(header=header, certificates=certs[:1], date=data.date, issuers=issuers)
    )

    title = tx.label("cert_title", "zh")
    end = tx.label("cert_end", "zh")
    width, height = LANDSCAPE

    def bare() -> bytes:
        """The same strings, same font, one page each, on a bare canvas (no layout, no QR, no border)."""
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=LANDSCAPE, invariant=1, pageCompression=1)
        for cert in certs:
            c.setFont(font.name, 40)
            c.drawCentredString(width / 2, 480, title)
            c.setFont(font.name, 24)
            c.drawString(120, 420, tx.label("cert_name", "zh", name=cert.name))
            c.setFont(font.name, 14)
            c.drawString(150, 395, cert.unit)
            c.setFont(font.name, 17)
            body = tx.label("cert_body", "zh", contest=header.contest_line, project=cert.project)
            c.drawString(150, 365, body[:30])
            c.drawString(120, 337, body[30:])
            c.setFont(font.name, 34)
            c.drawCentredString(width / 2, 290, cert.award)
            c.setFont(font.name, 17)
            c.drawString(150, 250, end)
            c.setFont(font.name, 9)
            c.drawCentredString(230, 90, cert.verification)
            c.drawCentredString(230, 75, tx.label("cert_no", "zh", no=cert.number))
            c.setFont(font.name, 14)
            for i, issuer in enumerate(issuers):
                c.drawRightString(width - 90, 150 - 20 * i, issuer)
            c.drawRightString(width - 90, 150 - 20 * len(issuers), data.date)
            c.showPage()
        c.save()
        return buf.getvalue()

    floor, bare_pdf = best_of(sz.repeat, bare)
    measured, pdf = best_of(sz.repeat, lambda: render_certificates(data))
    text_only_t, _ = best_of(1, lambda: render_certificates(replace(data, text_only=True)))
    (work / "p5_certificates.pdf").write_bytes(pdf)
    prof.run("P5 render_certificates", lambda: render_certificates(data))
    ok = measured / floor <= 2 and measured < 1
    return [
        Row(
            "P5",
            f"{n:,} certificates into one PDF ÷ bare reportlab canvas",
            measured,
            floor,
            "≤ 2×, < 1 s",
            ok,
            f"render_certificates {fmt_time(measured)} ({len(pdf) / 1e6:.1f} MB); bare canvas {fmt_time(floor)} "
            f"({len(bare_pdf) / 1e6:.1f} MB, same TTF {font.family}, subset embedded); "
            f"text-only mode (the same text, no QR code, no border) {fmt_time(text_only_t)} = "
            f"{text_only_t / floor:.1f}× the bare canvas",
        )
    ]


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


# ------------------------------------------------------------------------------------------------ main


CASES = ("P1", "P2", "P3", "P4", "P5", "P6")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes for CI (< 60 s)")
    ap.add_argument("--only", default="", help="comma-separated cases, e.g. P2,P3 (P4 includes PostgreSQL)")
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL cases")
    ap.add_argument("--profile", action="store_true", help="print cProfile reports after the table")
    ap.add_argument("--plain", action="store_true", help="print a Markdown table instead of a rich one")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    args = ap.parse_args(argv)
    sz = QUICK if args.quick else FULL
    only = {c.strip().upper() for c in args.only.split(",") if c.strip()} or set(CASES)
    prof = Profiles(args.profile)
    work = Path(tempfile.mkdtemp(prefix="contest-bench-"))
    rows: list[Row] = []
    failed = False
    started = time.perf_counter()

    def attempt(case: str, fn: Callable[[], list[Row]]) -> None:
        nonlocal failed
        t = time.perf_counter()
        print(f"… {case}", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:
            failed = True
            traceback.print_exc()
            rows.append(
                Row(case, "benchmark crashed", status="ERROR", notes=f"{type(exc).__name__}: {exc}"[:300])
            )
        print(f"  {case} done in {fmt_time(time.perf_counter() - t)}", file=sys.stderr, flush=True)

    scale: Scale | None = None
    try:
        if "P1" in only:
            attempt("P1", lambda: case_p1(sz, work, prof))
        if only & {"P2", "P3", "P4", "P6"}:
            try:
                scale = build_sqlite_scale(sz, work)
            except Exception as exc:
                failed = True
                traceback.print_exc()
                rows.append(Row("P2", "fixture", status="ERROR", notes=f"{type(exc).__name__}: {exc}"[:300]))
        if scale is not None:
            s = scale
            if "P2" in only:
                attempt("P2", lambda: case_p2(sz, s, prof))
            if "P3" in only:
                attempt("P3", lambda: case_p3(sz, s, prof))
            if "P4" in only:
                attempt("P4", lambda: case_p4_sqlite(sz, s))
        if "P4" in only and not args.no_pg:
            attempt("P4-pg", lambda: case_pg(sz, prof))
        if "P5" in only:
            attempt("P5", lambda: case_p5(sz, work, prof))
        if "P6" in only and scale is not None:
            s = scale
            attempt("P6", lambda: case_p6(sz, s))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    order = {
        c: i
        for i, c in enumerate(
            ("P1", "P1b", "P2", "P2w", "P2b", "P2-pg", "P2-pgw", "P3", "P3b", "P4", "P5", "P6", "P6b")
        )
    }
    rows.sort(key=lambda r: order.get(r.case, 99))
    mode = "quick (small sizes; times are not goals here)" if args.quick else "full"
    title = (
        f"contest benchmarks — {mode} — {datetime.now().astimezone().date().isoformat()} — {machine()} — "
        f"run took {fmt_time(time.perf_counter() - started)}"
    )
    print_table(rows, title, args.plain)
    if args.markdown:
        Path(args.markdown).write_text(markdown_table(rows, title) + "\n", encoding="utf-8")
    for label, report in prof.reports:
        print(f"\n===== profile: {label} =====\n{report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
