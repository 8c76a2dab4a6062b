"""P4: many judge processes submitting at once, on SQLite and PostgreSQL; and P2 on PostgreSQL."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import bench_fixtures as fx
from bench_common import (
    EXTRA_JUDGES,
    P4_JUDGES,
    P4_MAX,
    PANEL,
    PG_URL,
    Profiles,
    Row,
    Sizes,
    fmt_time,
    percentile,
    pg_available,
    pg_schema,
)
from case_standings import Scale, standings_rows

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
