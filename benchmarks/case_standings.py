"""P2 and P3: the large SQLite contest, standings from scratch and after one more sheet, and one submit."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench_fixtures as fx
from bench_common import (
    EXTRA_JUDGES,
    PANEL,
    WARM_JUDGE,
    Profiles,
    Row,
    Sizes,
    best_of,
    fmt_time,
    peak_rss_mb,
    peak_rss_reset,
    percentile,
    sqlite_url,
)

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
