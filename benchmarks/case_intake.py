"""P1: reading the organisers' contestant workbook, against the bare calamine read."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import bench_fixtures as fx
from bench_common import Profiles, Row, Sizes, best_of, fmt_time, sqlite_url

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
