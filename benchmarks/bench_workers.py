"""Judge processes for the concurrency benchmark (P4), and the bare-transaction floor of the submit benchmarks.

A worker is one judge terminal: its own process, engine and ``Services``. It logs in, submits one sheet untimed
(a long-running terminal is warm), waits at a barrier with the other judges, then submits its sheets back to back
and reports every call's latency, how much of it was spent waiting for the write turn (the queue), and every
error. In ``bare`` mode it writes the same rows in one hand-written transaction instead of calling the services:
the floor.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
import traceback
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Engine

from contest.services import Services
from contest.services.marking import encode_deductions
from contest.store.engine import make_engine, observe_write_waits, sqlite_file
from contest.store.tables import EventRow, JudgeRow, MarkRow, ModuleRow, ModuleStationRow, SheetRow
from contest.store.writer_queue import writer_turn
from scoresheets.model import ItemEntry
from scoresheets.numbers import to_cents

SECONDS_USED = 1500


class BareTarget:
    """Ids the bare transaction needs, looked up once (a terminal would have them in hand)."""

    def __init__(self, engine: Engine, contest_id: int, judge_code: str, module_code: str = "A") -> None:
        with engine.connect() as conn:
            self.module_id = conn.execute(
                select(ModuleRow.id).where(ModuleRow.contest_id == contest_id, ModuleRow.code == module_code)
            ).scalar_one()
            self.judge_id = conn.execute(
                select(JudgeRow.id).where(JudgeRow.contest_id == contest_id, JudgeRow.code == judge_code)
            ).scalar_one()
            self.contestants = {
                st: cid
                for cid, st in conn.execute(
                    select(ModuleStationRow.contestant_id, ModuleStationRow.station).where(
                        ModuleStationRow.module_id == self.module_id
                    )
                )
            }
        self.contest_id = contest_id
        self.judge_code = judge_code


def bare_submit(engine: Engine, target: BareTarget, station: str, entries: list[ItemEntry]) -> float:
    """The floor of one 16-item submit: the same rows (sheet, marks, sheet update, one chained event) in one
    transaction with the same serialisation as the store (on a SQLite file the host's queue, then
    ``BEGIN IMMEDIATE``; on PostgreSQL the contest's advisory lock) and the same durability, but no ORM, no
    checks, no scoring and no row snapshots. Returns the seconds spent waiting for the turn (timed as the store
    times it, :func:`contest.store.engine.observe_write_waits`)."""
    path = sqlite_file(str(engine.url)) if engine.dialect.name == "sqlite" else None
    turn = writer_turn(path) if path is not None else contextlib.nullcontext(0.0)
    now = datetime.now(UTC)
    with turn as waited, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            t = time.perf_counter()
            conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/contest'), :k)"),
                {"k": target.contest_id},
            )
            waited = time.perf_counter() - t
        sheet = SheetRow.__table__  # type: ignore[attr-defined]
        sid = conn.execute(
            insert(sheet)
            .values(
                module_id=target.module_id,
                contestant_id=target.contestants[station],
                judge_id=target.judge_id,
                state="draft",
                version=0,
                comment="",
                return_reason="",
                submissions=0,
                updated_at=now,
                updated_by=target.judge_code,
            )
            .returning(sheet.c.id)
        ).scalar_one()
        conn.execute(
            insert(MarkRow.__table__),  # type: ignore[attr-defined]
            [
                {
                    "sheet_id": sid,
                    "item_id": e.item_id,
                    "withdrawn": False,
                    "deductions": encode_deductions(e.deductions),
                    "level": e.level,
                    "score_cents": None if e.score is None else to_cents(e.score),
                    "judge_code": target.judge_code,
                    "created_at": now,
                    "supersedes_id": None,
                    "reason": "",
                }
                for e in entries
            ],
        )
        conn.execute(
            update(sheet)
            .where(sheet.c.id == sid)
            .values(state="submitted", version=1, submissions=1, seconds_used=SECONDS_USED, updated_at=now)
        )
        last = conn.execute(
            select(EventRow.seq, EventRow.hash)
            .where(EventRow.contest_id == target.contest_id)
            .order_by(EventRow.seq.desc())  # type: ignore[attr-defined]
            .limit(1)
        ).first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, "0" * 64)
        digest = hashlib.sha256(f"{prev}{seq}{now.isoformat()}".encode()).hexdigest()
        conn.execute(
            insert(EventRow.__table__).values(  # type: ignore[attr-defined]
                contest_id=target.contest_id,
                seq=seq,
                at=now,
                actor=target.judge_code,
                kind="benchmark_floor",
                payload="{}",
                prev_hash=prev,
                hash=digest,
            )
        )
    return waited


def judge_worker(
    url: str,
    connect_args: dict[str, Any],
    contest_id: int,
    judge_code: str,
    pin: str,
    stations: list[str],
    bare: bool,
    barrier: Any,
    results: Any,
) -> None:
    """One judge process: warm up on ``stations[0]``, wait for everyone, submit the rest; report each submit's
    latency and the part of it spent waiting for the write turn (``observe_write_waits``: the queue's file lock on
    SQLite, the advisory lock on PostgreSQL)."""
    latencies: list[float] = []
    queued: list[float] = []
    errors: list[str] = []
    start = end = 0.0
    try:
        engine = make_engine(url, connect_args=connect_args) if connect_args else make_engine(url)
        sv = Services(engine, contest_id)
        actor = sv.login(judge_code, pin)
        from bench_fixtures import module_a_entries

        entries = module_a_entries(sv)
        target = BareTarget(engine, contest_id, judge_code) if bare else None

        waits: list[float] = []

        def submit(station: str) -> None:
            if target is not None:
                waits.append(bare_submit(engine, target, station, entries))
            else:
                sv.enter_sheet(actor, "A", station, entries, seconds_used=SECONDS_USED, submit=True)

        submit(stations[0])
        barrier.wait(timeout=300)
        start = time.monotonic()
        with observe_write_waits(waits.append):
            for station in stations[1:]:
                waits.clear()
                t = time.perf_counter()
                try:
                    submit(station)
                except Exception as exc:  # every failure a judge would see counts
                    errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
                latencies.append(time.perf_counter() - t)
                queued.append(sum(waits))  # one write transaction a submit; summed should there be more
        end = time.monotonic()
        engine.dispose()
    except Exception:
        errors.append("worker crashed: " + traceback.format_exc(limit=3))
        with contextlib.suppress(Exception):
            barrier.abort()
    results.put((judge_code, latencies, queued, errors, start, end))
