"""R2: many processes at once on one SQLite file and on PostgreSQL.

Twenty judge processes enter marks (item by item, and whole sheets) on their own sheets while the chief judge,
the organiser and the supervisor read progress and standings and the organiser writes theory scores. Afterwards
every acknowledged mark is there exactly once, nothing extra was written, no process met a locked database or
any other error, and the audit chain verifies. Two terminals of the same judge racing on one sheet version:
exactly one wins, the other is refused with a message naming who changed the sheet.

Processes are started with the ``spawn`` method: each builds its own engine from the URL, as a terminal would.
Each sets itself up (imports, engine, login), says so, and waits for the start signal: start-up is not part of the
timed run. The same run is repeated with a CPU hog on every core, started once every process is ready (issue 17:
contention must never surface as an error).
"""

from __future__ import annotations

import json
import multiprocessing
import random
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.errors import StaleWrite
from contest.services import CONSOLE, Actor, ContestantIn, JudgeIn, Services
from contest.store.engine import make_engine
from contest.store.tables import MarkRow, SheetRow
from scoresheets import Applied, ItemEntry

pytestmark = pytest.mark.slow  # the edit-test loop skips it: pytest -m "not slow"

CTX = multiprocessing.get_context("spawn")
MODULES = ("basic_care", "rehabilitation", "psychological_support", "technical_guidance")
CODES = ("A", "B", "C", "D")
N_JUDGES = 20
N_STATIONS = 3
JOIN_TIMEOUT = 150
"""Seconds the run may take once the processes are released (the hogs' time included)."""
START_TIMEOUT = 300
"""Seconds the processes may take to start (imports, engine, login) before the run: generous, it is not judged."""


def engine_from_url(url: str) -> Engine:
    """The engine a terminal builds: for PostgreSQL the test schema travels as ``options=-csearch_path=…``."""
    base, _, query = url.partition("?")
    opts = parse_qs(query).get("options")
    if opts:
        return make_engine(base, connect_args={"options": unquote(opts[0])})
    return make_engine(url)


LIGHT_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""PINs are hashed with light argon2 parameters while setting up (the parameters travel inside the hash, so the
processes' logins verify at the same light cost). The production cost is exercised elsewhere."""


def _error(op: str, exc: BaseException) -> dict[str, str]:
    return {
        "op": op,
        "type": type(exc).__name__,
        "msg": str(exc)[:300],
        "tb": "".join(traceback.format_exception(exc))[-1500:],
    }


def _entries(rubric: Any, rng: random.Random) -> list[ItemEntry]:
    out = []
    for it in rubric.items:
        if it.kind == "judgement":
            out.append(ItemEntry(it.id, level=rng.choice((2, 3))))
        elif it.deductions and rng.random() < 0.3:
            out.append(ItemEntry(it.id, (Applied(it.deductions[0].code),)))
        else:
            out.append(ItemEntry(it.id))
    return out


def _watchdog(out: str) -> None:
    """Should a process hang, its stacks are written next to its result file (the parent reports them)."""
    import faulthandler

    fh = open(out + ".stack", "w")  # noqa: SIM115 - kept open for the life of the process
    faulthandler.dump_traceback_later(JOIN_TIMEOUT - 30, repeat=True, file=fh)


def _wait_for_start(start: tuple[Any, Any]) -> None:
    """Tell the parent this process is set up (``ready``, a barrier of every process and the parent), then wait
    for its ``go`` (given once all are ready, and the CPU hogs, if any, are running)."""
    ready, go = start
    ready.wait(timeout=START_TIMEOUT)
    if not go.wait(timeout=START_TIMEOUT):
        raise TimeoutError(f"no start signal within {START_TIMEOUT} s of being ready")


def _stacks(procs: list[Any], outs: list[str]) -> str:
    """The stacks dumped by hung processes (each process is named after its result file)."""
    dumps = [Path(o + ".stack").read_text() for o in outs if Path(o + ".stack").exists()]
    return "\n".join(d[-3000:] for d in dumps if d.strip())[:12000]


# -- process bodies (module level: spawn imports them by name) ----------------------------------------------------
def judge_worker(
    url: str,
    cid: int,
    code: str,
    pin: str,
    module: str,
    stations: list[str],
    start: tuple[Any, Any],
    out: str,
) -> None:
    """One marking judge: station 0 item by item with version checks, station 1 as one whole sheet, station 2
    item by item without version checks; each sheet then timed and submitted."""
    res: dict[str, Any] = {"code": code, "acks": [], "sheets": {}, "errors": [], "calls": 0}
    _watchdog(out)
    try:
        sv = Services(engine_from_url(url), cid, hasher=LIGHT_HASHER)
        actor = sv.login(code, pin)
        rubric = sv.config().module(module).rubric
        rng = random.Random(code)
        _wait_for_start(start)
        for k, st in enumerate(stations):
            key = f"{module}/{st}/{code}"
            writes = 0
            entries = _entries(rubric, rng)
            try:
                if k % 3 == 1:
                    sv.enter_sheet(actor, module, st, entries, seconds_used=900 + k)
                    writes += 1
                    res["acks"] += [{"sheet": key, "item": e.item_id, "token": None} for e in entries]
                else:
                    v = sv.open_sheet(actor, module, st)
                    for e in entries:
                        token = f"{code}/{st}/{e.item_id}"
                        v = sv.save_mark(
                            actor, module, st, e, v.version if k % 3 == 0 else None, reason=token
                        )
                        writes += 1
                        res["acks"].append({"sheet": key, "item": e.item_id, "token": token})
                    v = sv.set_sheet_info(actor, module, st, seconds_used=900 + k, expected_version=v.version)
                    writes += 1
                    sv.submit_sheet(actor, module, st, v.version)
                    writes += 1
            except Exception as exc:
                res["errors"].append(_error(f"sheet {key}", exc))
            res["sheets"][key] = writes
            res["calls"] += writes
    except Exception as exc:
        res["errors"].append(_error("setup", exc))
    finally:
        Path(out).write_text(json.dumps(res), encoding="utf-8")


def official_worker(
    url: str, cid: int, code: str, pin: str, start: tuple[Any, Any], stop: Any, out: str
) -> None:
    """The chief judge, the organiser or the supervisor watching (and the organiser writing) while judges mark."""
    res: dict[str, Any] = {"code": code, "errors": [], "calls": 0, "writes": 0}
    _watchdog(out)
    try:
        sv = Services(engine_from_url(url), cid, hasher=LIGHT_HASHER)
        actor = sv.login(code, pin)
        stations = [line.station for line in sv.standings(actor).lines]
        _wait_for_start(start)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                if actor.has("chief"):
                    sv.progress(actor)
                    sv.alerts(actor)
                elif actor.has("organiser"):
                    sv.standings(actor)
                    sv.info()
                    if n % 3 == 0:
                        from decimal import Decimal

                        sv.import_theory_scores(
                            actor, {s: (Decimal(60 + (n + i) % 40), {}) for i, s in enumerate(stations)}
                        )
                        res["writes"] += 1
                else:
                    sv.standings(actor)
                    sv.appeals()
                    sv.events(20)
                res["calls"] += 2
            except Exception as exc:
                res["errors"].append(_error(f"loop {n}", exc))
            time.sleep(0.3)  # a screen refreshing a few times a second, not a busy loop starving the judges
    except Exception as exc:
        res["errors"].append(_error("setup", exc))
    finally:
        Path(out).write_text(json.dumps(res), encoding="utf-8")


def racer_worker(
    url: str, cid: int, actor: Actor, station: str, items: list[str], tag: int, barrier: Any, out: str
) -> None:
    """One of two terminals of the same judge: each round both read the sheet, then both write on that version."""
    res: dict[str, Any] = {"tag": tag, "rounds": [], "errors": []}
    _watchdog(out)
    try:
        sv = Services(engine_from_url(url), cid, hasher=LIGHT_HASHER)
        barrier.wait(timeout=JOIN_TIMEOUT)
        for item in items:
            v = sv.open_sheet(actor, "A", station)
            barrier.wait(timeout=JOIN_TIMEOUT)  # both have read the same version
            entry = ItemEntry(item, (Applied(f"{item}-1"),) if tag == 1 else ())
            try:
                sv.save_mark(actor, "A", station, entry, v.version, reason=f"terminal {tag}")
                res["rounds"].append({"item": item, "version": v.version, "ok": True})
            except StaleWrite as exc:
                res["rounds"].append({"item": item, "version": v.version, "ok": False, "msg": str(exc)})
            except Exception as exc:
                res["errors"].append(_error(item, exc))
            barrier.wait(timeout=JOIN_TIMEOUT)  # round over
    except Exception as exc:
        res["errors"].append(_error("setup", exc))
    finally:
        Path(out).write_text(json.dumps(res), encoding="utf-8")


# -- setup --------------------------------------------------------------------------------------------------------
def build_contest(engine: Engine, n_judges: int = N_JUDGES) -> tuple[Services, dict[str, str], list[str]]:
    from datetime import date

    from tests.db.conftest import small_config
    from tests.db.helpers import valid_id

    cid = Services.create_contest(engine, small_config(panel=5, modules=MODULES), hasher=LIGHT_HASHER)
    sv = Services(engine, cid, hasher=LIGHT_HASHER)
    sv.import_contestants(
        CONSOLE,
        [
            ContestantIn(f"选手{i:02d}", "女", valid_id(date(1985, 2, 1 + i), i, False), f"单位{i}")
            for i in range(N_STATIONS)
        ],
    )
    judges = [
        JudgeIn(f"J{k + 1:02d}", f"裁判{k + 1}", "外单位", ("marking",), (CODES[k % 4],), pin=f"{1000 + k}")
        for k in range(n_judges)
    ]
    officials = [
        JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
        JudgeIn("C1", "裁判长", "", ("chief",), pin="2002"),
        JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        JudgeIn("O1", "组织", "", ("organiser",), pin="2004"),
    ]
    sv.import_judges(CONSOLE, judges + officials)
    sv.draw(sv.login("E1", "2001"), "r2-seed")
    pins = {j.code: j.pin or "" for j in judges + officials}
    stations = [line.station for line in sv.standings(CONSOLE).lines]
    return sv, pins, sorted(stations)


def _kind(engine: Engine) -> str:
    return "sqlite" if engine.dialect.name == "sqlite" else "pg"


def _run(procs: list[Any]) -> None:
    for p in procs:
        p.start()


def _join(procs: list[Any], timeout: float = JOIN_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    for p in procs:
        p.join(max(0.1, deadline - time.monotonic()))
    alive = [p for p in procs if p.is_alive()]
    for p in alive:
        p.kill()
        p.join()
    outs = [p.name for p in procs]
    assert not alive, f"{len(alive)} processes did not finish in {timeout}s\n{_stacks(procs, outs)}"
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]


HOG = "import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end:\n    pass\n"


@contextmanager
def cpu_hogs(n: int, seconds: float) -> Iterator[None]:
    """``n`` processes each keeping a core busy (a venue laptop also printing, or CI beside another job) for the
    ``with`` block. A hog is a bare interpreter (``-I``: no imports to wait for) that stops by itself after
    ``seconds`` even if this process dies; on leaving the block every hog is killed and reaped."""
    hogs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(n):
            hogs.append(subprocess.Popen([sys.executable, "-I", "-c", HOG.format(seconds=float(seconds))]))
        yield
    finally:
        for h in hogs:
            h.kill()
        for h in hogs:
            h.wait()


# -- tests --------------------------------------------------------------------------------------------------------
def test_twenty_judges_and_officials_at_once(engine: Engine, tmp_path: Path) -> None:
    _twenty_judges_and_officials(engine, tmp_path)


def test_twenty_judges_and_officials_with_every_core_busy(engine: Engine, tmp_path: Path) -> None:
    """The same run with a CPU hog on every core: contention from the host must never reach a judge as "busy,
    retry" — writers queue and wait, whatever else the host is doing.

    The hogs start once every judge and official process has started and logged in (start-up under starvation is
    not what is judged here: on a fresh clone the imports alone outlasted the start barrier), run for the judged
    part only, stop by themselves after its time limit and are killed when it ends. They would starve every test
    running beside this one, so it runs only when asked (``CONTEST_CPU_HOGS=1``), on its own."""
    import os

    if not os.environ.get("CONTEST_CPU_HOGS"):
        pytest.skip(
            "CPU hogs on every core: run alone with CONTEST_CPU_HOGS=1 (.ci/run runs it after the suite: README)"
        )
    _twenty_judges_and_officials(engine, tmp_path, hogs=os.cpu_count() or 2)


def _start(procs: list[Any], ready: Any) -> float:
    """Start ``procs`` and wait until every one is set up (``ready``: a barrier of them all and this process);
    returns the seconds that took. A process that cannot start is reported with its error, and all are stopped."""
    t = time.monotonic()
    _run(procs)
    outcome: list[bool] = []

    def wait() -> None:
        try:
            ready.wait(timeout=START_TIMEOUT)
            outcome.append(True)
        except threading.BrokenBarrierError:
            outcome.append(False)

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    while waiter.is_alive():
        waiter.join(0.5)
        if waiter.is_alive() and any(p.exitcode is not None for p in procs):
            ready.abort()  # a process ended before the start (it failed to set up): it will never be ready
    if not outcome[0]:
        for p in procs:
            p.join(5)
            if p.is_alive():
                p.kill()
                p.join()
        errors = []
        for p in procs:
            out = Path(p.name)
            res = json.loads(out.read_text()) if out.exists() else {"errors": [{"msg": "no result"}]}
            errors += [f"{out.stem}: {e['msg']}" for e in res["errors"]]
        pytest.fail(
            f"the {len(procs)} processes were not all set up within {START_TIMEOUT} s (before any timed work):"
            f" {errors[:5]}\n{_stacks(procs, [p.name for p in procs])}"
        )
    return time.monotonic() - t


def _twenty_judges_and_officials(engine: Engine, tmp_path: Path, hogs: int = 0) -> None:
    sv, pins, stations = build_contest(engine)
    url = engine.info_url  # type: ignore[attr-defined]
    judges = [f"J{k + 1:02d}" for k in range(N_JUDGES)]
    officials = ["C1", "O1", "S1"]
    ready = CTX.Barrier(len(judges) + len(officials) + 1)
    go = CTX.Event()
    start = (ready, go)
    stop = CTX.Event()
    jprocs = [
        CTX.Process(
            name=str(tmp_path / f"{code}.json"),
            target=judge_worker,
            args=(
                url,
                sv.contest_id,
                code,
                pins[code],
                CODES[k % 4],
                stations,
                start,
                str(tmp_path / f"{code}.json"),
            ),
        )
        for k, code in enumerate(judges)
    ]
    oprocs = [
        CTX.Process(
            name=str(tmp_path / f"{code}.json"),
            target=official_worker,
            args=(url, sv.contest_id, code, pins[code], start, stop, str(tmp_path / f"{code}.json")),
        )
        for code in officials
    ]
    startup = _start(jprocs + oprocs, ready)
    # the hogs outlive the longest the run may take, and are killed as soon as it is over
    with cpu_hogs(hogs, JOIN_TIMEOUT + 90):
        t0 = time.monotonic()
        go.set()
        try:
            _join(jprocs)
        finally:
            stop.set()
            _join(oprocs, 60)
        elapsed = time.monotonic() - t0
    results = {code: json.loads((tmp_path / f"{code}.json").read_text()) for code in judges + officials}
    errors = [dict(e, who=code) for code, r in results.items() for e in r["errors"]]
    acks = [a for code in judges for a in results[code]["acks"]]
    official_calls = sum(results[c]["calls"] for c in officials)

    with Session(engine) as s:
        marks = s.exec(select(MarkRow)).all()
        sheets = {sh.id: sh for sh in s.exec(select(SheetRow)).all()}
        n_marks = s.exec(select(func.count()).select_from(MarkRow)).one()
    from contest.store.tables import JudgeRow, ModuleRow

    with Session(engine) as s:
        jcode = {j.id: j.code for j in s.exec(select(JudgeRow)).all()}
        mcode = {m.id: m.code for m in s.exec(select(ModuleRow)).all()}
        from contest.store.tables import ModuleStationRow

        station_of = {
            (r.module_id, r.contestant_id): r.station for r in s.exec(select(ModuleStationRow)).all()
        }
    key_of = {
        sid: f"{mcode[sh.module_id]}/{station_of[(sh.module_id, sh.contestant_id)]}/{jcode[sh.judge_id]}"
        for sid, sh in sheets.items()
    }
    by_token: dict[str, int] = {}
    per_item: dict[tuple[str, str], int] = {}
    for m in marks:
        if m.reason:
            by_token[m.reason] = by_token.get(m.reason, 0) + 1
        per_item[(key_of[m.sheet_id], m.item_id)] = per_item.get((key_of[m.sheet_id], m.item_id), 0) + 1
    missing = [a for a in acks if per_item.get((a["sheet"], a["item"]), 0) == 0]
    dup_tokens = {t: n for t, n in by_token.items() if n != 1}
    dup_items = {k: n for k, n in per_item.items() if n != 1}
    versions = {
        key_of[sid]: (sh.version, sh.state)
        for sid, sh in sheets.items()
        if key_of[sid].split("/")[2] in results
    }
    expected_writes = {k: w for code in judges for k, w in results[code]["sheets"].items()}
    lost = {k: (versions.get(k), w) for k, w in expected_writes.items() if versions.get(k, (0, ""))[0] != w}
    report = sv.verify()
    figure = (
        f"R2 concurrency: {_kind(engine)} {len(jprocs) + len(oprocs)} procs, {len(acks)} marks, "
        f"{len(errors)} errors, {official_calls} official reads, {elapsed:.1f} s"
        f"{f' with {hogs} CPU hogs' if hogs else ''} (start-up before it, untimed: {startup:.1f} s)"
    )
    print("\n" + figure)
    assert not errors, f"{figure}\n{json.dumps(errors[:3], ensure_ascii=False, indent=1)}"
    assert len(acks) >= 800, figure
    assert not missing, f"{figure}: acknowledged but missing {missing[:5]}"
    assert not dup_tokens and not dup_items, (
        f"{figure}: duplicates {list(dup_tokens.items())[:5]} {list(dup_items.items())[:5]}"
    )
    assert n_marks == len(acks), f"{figure}: {n_marks} marks stored for {len(acks)} acknowledged"
    assert not lost, f"{figure}: sheet versions differ from acknowledged writes {list(lost.items())[:5]}"
    assert all(state == "submitted" for _, state in versions.values()), figure
    assert official_calls > 0, figure
    assert report.ok, f"{figure}: {report.problems[:5]}"


def test_two_terminals_of_one_judge_racing_on_one_version(engine: Engine, tmp_path: Path) -> None:
    sv, pins, stations = build_contest(engine, n_judges=4)
    j1 = sv.login("J01", pins["J01"])
    url = engine.info_url  # type: ignore[attr-defined]
    # the first round creates the sheet (both terminals saw "no sheet yet", version 0)
    items = [i.id for i in sv.config().module("A").rubric.items if i.kind == "measurement"][:8]
    barrier = CTX.Barrier(2)
    procs = [
        CTX.Process(
            name=str(tmp_path / f"r{tag}.json"),
            target=racer_worker,
            args=(url, sv.contest_id, j1, stations[0], items, tag, barrier, str(tmp_path / f"r{tag}.json")),
        )
        for tag in (1, 2)
    ]
    _run(procs)
    _join(procs, 90)
    res = [json.loads((tmp_path / f"r{tag}.json").read_text()) for tag in (1, 2)]
    assert not res[0]["errors"] and not res[1]["errors"], res
    for a, b in zip(res[0]["rounds"], res[1]["rounds"], strict=True):
        assert a["version"] == b["version"], (a, b)
        assert a["ok"] != b["ok"], f"round {a['item']}: exactly one terminal must win: {a} {b}"
        loser = b if a["ok"] else a
        assert "J01" in loser["msg"] and "版本" in loser["msg"], loser["msg"]
    v = sv.open_sheet(j1, "A", stations[0])
    assert v.version == len(items)
    assert set(v.entries) == set(items)
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(MarkRow)).one() == len(items)
    assert sv.verify().ok


def test_a_login_does_not_hold_the_write_lock_while_checking_the_pin(engine: Engine) -> None:
    """argon2 takes ~0.4 s per check: inside the write transaction, N judges logging in at once would queue
    N×0.4 s in front of every mark, and past SQLite's busy timeout a mark would fail with 'database is busy'."""
    sv, pins, stations = build_contest(engine, n_judges=2)
    j1 = sv.login("J01", pins["J01"])

    class SlowHasher:
        def verify(self, h: str, pin: str) -> bool:
            time.sleep(1.5)
            return LIGHT_HASHER.verify(h, pin)

        def hash(self, pin: str) -> str:
            return LIGHT_HASHER.hash(pin)

    other_terminal = Services(engine, sv.contest_id, hasher=SlowHasher())
    login_took: list[float] = []

    def login() -> None:
        t = time.monotonic()
        assert other_terminal.login("J02", pins["J02"]).code == "J02"
        login_took.append(time.monotonic() - t)

    t = threading.Thread(target=login)
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    sv.save_mark(j1, "A", stations[0], ItemEntry("A1"))
    waited = time.monotonic() - t0
    t.join()
    assert login_took and login_took[0] >= 1.4, "the slow PIN check was not used"
    assert waited < 0.8, f"a judge's mark waited {waited:.1f} s behind another judge's PIN check"
