"""Tampering behind the system's back is found by ``audit verify``, with the place.

A realistic small contest (marks with a correction, submissions, theory, sign-off, decryption, an appeal, a
refused call) is built once per database kind and copied into a fresh database for every case. Each case then
changes, deletes, inserts or reorders rows directly with SQL — as someone holding the database file or a
``psql`` prompt would, foreign-key checks off — and :meth:`Services.verify` must name the table and the row.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    DateTime,
    Integer,
    Table,
    TypeDecorator,
    UniqueConstraint,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from contest import audit
from contest.errors import PermissionDenied
from contest.services import CONSOLE, JudgeIn, Services
from contest.store.engine import create_schema, make_engine
from contest.store.tables import AUDITED_TABLES, EventRow
from scoresheets import Applied, ItemEntry
from tests.db.conftest import PG_URL, small_config
from tests.db.helpers import build_env
from tests.pins import CHEAP_HASHER

AUDITED = [t.__tablename__ for t in AUDITED_TABLES]  # type: ignore[attr-defined]
CID = 1


# -- the template contest -----------------------------------------------------------------------------------------
def _entries(sv: Services, module: str, level: int = 3) -> list[ItemEntry]:
    return [
        ItemEntry(i.id, level=level) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module(module).rubric.items
    ]


def build_contest(engine: Engine) -> None:
    """Marks (item by item with a correction and a withdrawal, and whole sheets), theory, sign-off, decryption,
    an appeal with its ruling and, last, a refused call (an event that writes no row)."""
    # the chief judge decides vetoes: one proposal is rejected (a veto_decision row)
    config = small_config().replace("[scoring]\n", '[scoring]\nveto_confirmation = "chief"\n', 1)
    env = build_env(engine, config, n=3, judges=3)
    sv = env.sv
    st = env.stations
    # 回避: J3 works at one contestant's unit; the chief judge lets J3 mark that contestant in both modules
    sv.import_judges(CONSOLE, [JudgeIn("J3", "裁判3", "单位2", ("marking",), ("A", "B"), pin=env.pins["J3"])])
    for module in ("A", "B"):
        for pair in sv.avoidances(sv.login("C1", env.pins["C1"]), module):
            sv.avoid_override(sv.login("C1", env.pins["C1"]), pair.station, module, "J3", "该单位仅一名裁判")
    # 检录: everyone present in A (one recorded absent first, then corrected)
    organiser = sv.login("O1", env.pins["O1"])
    # 评分分组: module B is marked by one judge group in one 场次 (assignment groups and a session_slot row)
    for code in ("J1", "J2", "J3"):
        sv.set_group(organiser, code, "B", "1")
    sv.plan_schedule(organiser, "B", len(st), start="2026-12-10 13:30", minutes=90, tracks=["二号赛场"])
    sv.checkin(organiser, st[1], "A", "absent")
    for station in st:
        sv.checkin(organiser, station, "A", "present")
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    j1 = judges[0]
    # 评分标定: a calibration performance marked (with a changed mark) and submitted, then closed
    chief = sv.login("C1", env.pins["C1"])
    k = sv.add_calibration(chief, "A", "示范录像")
    c = sv.save_calibration_mark(j1, "A", k, ItemEntry("A1"))
    c = sv.save_calibration_mark(j1, "A", k, ItemEntry("A1", (Applied("A1-1"),)), c.version)
    for e in _entries(sv, "A"):
        if e.item_id != "A1":
            c = sv.save_calibration_mark(j1, "A", k, e, c.version)
    c = sv.set_calibration_info(j1, "A", k, seconds_used=1000, expected_version=c.version)
    sv.submit_calibration_sheet(j1, "A", k, c.version)
    sv.close_calibration(chief, "A")
    v = sv.save_mark(j1, "A", st[0], ItemEntry("A1"))
    v = sv.save_mark(j1, "A", st[0], ItemEntry("A1", (Applied("A1-1"),)), v.version, reason="补扣")
    v = sv.save_mark(j1, "A", st[0], ItemEntry("A2"), v.version)
    v = sv.withdraw_mark(j1, "A", st[0], "A2", v.version)
    for e in _entries(sv, "A"):
        if e.item_id != "A1":
            v = sv.save_mark(j1, "A", st[0], e, v.version)
    v = sv.set_sheet_info(j1, "A", st[0], seconds_used=1100, comment="操作规范", expected_version=v.version)
    sv.submit_sheet(j1, "A", st[0], v.version)
    paper = ("J3", "B", st[2])  # keyed from paper by two clerks instead
    for j in judges:
        for module in ("A", "B"):
            for station in st:
                if (j.code, module, station) in (("J1", "A", st[0]), paper):
                    continue
                veto = "A-V1" if (j.code, module, station) == ("J2", "A", st[1]) else None
                sv.enter_sheet(j, module, station, _entries(sv, module), seconds_used=1000, veto=veto)
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("K1", "统分员一", "", ("clerk",), pin="3001"),
            JudgeIn("K2", "统分员二", "", ("clerk",), pin="3002"),
        ],
    )
    k1, k2 = sv.login("K1", "3001"), sv.login("K2", "3002")
    typo = [ItemEntry("B1", (Applied("B1-1"),)), *_entries(sv, "B")[1:]]
    assert sv.clerk_enter(k1, "B", st[2], "J3", _entries(sv, "B"), seconds_used=1000).status == "first"
    assert sv.clerk_enter(k2, "B", st[2], "J3", typo, seconds_used=1000).status == "mismatch"
    # the keyings differ: both are kept; the chief judge decides (the re-keying protocol is gone: blind entry)
    sv.clerk_resolve(sv.login("C1", env.pins["C1"]), "B", st[2], "J3", {"B1": "K1"})
    sv.import_theory_scores(
        CONSOLE, {st[0]: (Decimal("81.5"), {}), st[1]: (Decimal("77"), {})}, source="theory.xlsx"
    )
    chief = sv.login("C1", env.pins["C1"])
    sv.reject_veto(chief, "A", st[1], "录像显示未发生滑落")
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    sup = sv.login("S1", env.pins["S1"])
    aid = sv.lodge_appeal(sup, st[1], "B", "选手认为B3评价偏低")
    sv.rule_appeal(sup, aid, "经复核维持原评分")
    # the contestant takes it to the arbitration panel, whose decision is final (an arbitration row)
    sv.import_judges(CONSOLE, [JudgeIn("A1", "仲裁甲", "", ("arbitration",), pin="3003")])
    sv.escalate_appeal(sup, aid, "选手不服复核结论")
    sv.arbitrate(sv.login("A1", "3003"), aid, "评价有据", "维持原评分")
    with pytest.raises(PermissionDenied):
        sv.standings(j1)


def _pk_cols(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def clone(src: Engine, dst: Engine) -> None:
    """Copy every row of every table (in foreign-key order) into an empty database of the same kind."""
    with src.connect() as sc, dst.begin() as dc:
        for table in SQLModel.metadata.sorted_tables:
            rows = [
                dict(r) for r in sc.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            ]
            if rows:
                dc.execute(insert(table), rows)
        # the anchor (event count and head) that the chain keeps outside the tables travels with the copy
        if dst.dialect.name == "sqlite":
            n = sc.exec_driver_sql("PRAGMA user_version").scalar()
            dc.exec_driver_sql(f"PRAGMA user_version = {int(n or 0)}")
        if dst.dialect.name == "postgresql":
            seq_sql = "SELECT pg_get_serial_sequence('event', 'id')"
            comment = sc.execute(
                text(f"SELECT obj_description(CAST(({seq_sql}) AS regclass), 'pg_class')")
            ).scalar()
            if comment:
                seq = dc.execute(text(seq_sql)).scalar()
                dc.exec_driver_sql(f"COMMENT ON SEQUENCE {seq} IS '{comment}'")
            for table in SQLModel.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement is not False and _pk_cols(table) == ["id"]:
                    dc.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 1))'
                        )
                    )


class Templates:
    """One built contest per database kind (per test process), cloned into each test's fresh database."""

    def __init__(self) -> None:
        self.engines: dict[str, Engine] = {}
        self.cleanup: list[Any] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="tamper-"))

    def get(self, kind: str) -> Engine:
        if kind not in self.engines:
            if kind == "sqlite":
                eng = make_engine(f"sqlite:///{self.tmp / 'template.db'}")
            else:
                schema = f"t_{uuid.uuid4().hex[:12]}"
                admin = make_engine(PG_URL)
                with admin.begin() as c:
                    c.execute(text(f'CREATE SCHEMA "{schema}"'))
                self.cleanup.append((admin, schema))
                eng = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
            create_schema(eng)
            build_contest(eng)
            report = Services(eng, CID).verify()
            assert report.ok, report.problems
            self.engines[kind] = eng
        return self.engines[kind]

    def close(self) -> None:
        for eng in self.engines.values():
            eng.dispose()
        for admin, schema in self.cleanup:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="module")
def templates() -> Iterator[Templates]:
    t = Templates()
    yield t
    t.close()


@pytest.fixture
def contest(engine: Engine, templates: Templates) -> Engine:
    """A fresh database holding a copy of the finished template contest."""
    kind = "sqlite" if engine.dialect.name == "sqlite" else "pg"
    clone(templates.get(kind), engine)
    return engine


# -- raw access, foreign-key checks off --------------------------------------------------------------------------
class Raw:
    """Direct SQL on the database, as an outsider would do it (sqlite3 on the file; psql as superuser)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"

    def rows(self, table: str) -> list[dict[str, Any]]:
        t = SQLModel.metadata.tables[table]
        order = ", ".join(f'"{c}"' for c in _pk_cols(t))
        sql = f'SELECT * FROM "{table}" ORDER BY {order}'
        if self.sqlite:
            con = sqlite3.connect(self.engine.url.database or "")
            try:
                cur = con.execute(sql)
                names = [d[0] for d in cur.description]
                return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            finally:
                con.close()
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(text(sql)).mappings()]

    def run(self, *statements: tuple[str, dict[str, Any]]) -> None:
        """Run the statements in one transaction with foreign-key enforcement off."""
        if self.sqlite:
            con = sqlite3.connect(self.engine.url.database or "", isolation_level=None)
            try:
                con.execute("PRAGMA foreign_keys=OFF")
                con.execute("BEGIN IMMEDIATE")
                for sql, params in statements:
                    con.execute(sql, params)
                con.execute("COMMIT")
            finally:
                con.close()
            return
        with self.engine.begin() as c:
            c.execute(text("SET LOCAL session_replication_role = replica"))
            for sql, params in statements:
                c.execute(text(sql), params)

    def update(self, table: str, pk: dict[str, Any], values: dict[str, Any]) -> None:
        sets = ", ".join(f'"{k}" = :v_{k}' for k in values)
        where = " AND ".join(f'"{k}" = :k_{k}' for k in pk)
        params = {f"v_{k}": v for k, v in values.items()} | {f"k_{k}": v for k, v in pk.items()}
        self.run((f'UPDATE "{table}" SET {sets} WHERE {where}', params))

    def delete(self, table: str, pk: dict[str, Any]) -> None:
        where = " AND ".join(f'"{k}" = :k_{k}' for k in pk)
        self.run((f'DELETE FROM "{table}" WHERE {where}', {f"k_{k}": v for k, v in pk.items()}))

    def insert(self, table: str, row: dict[str, Any]) -> None:
        cols = ", ".join(f'"{k}"' for k in row)
        vals = ", ".join(f":{k}" for k in row)
        self.run((f'INSERT INTO "{table}" ({cols}) VALUES ({vals})', row))


def mutate(table: Table, column: str, value: Any, *, sqlite: bool) -> Any:
    """A different value of the same type (as the raw driver hands it back)."""
    col = table.c[column]
    kind = col.type.impl if isinstance(col.type, TypeDecorator) else col.type
    if isinstance(kind, Boolean):
        return not value if isinstance(value, bool) else (0 if value else 1)
    if isinstance(kind, DateTime):
        if value is None:
            return "2026-01-02 03:04:05.000000" if sqlite else datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        if isinstance(value, str):
            return (datetime.fromisoformat(value) + timedelta(seconds=1)).isoformat(sep=" ")
        return value + timedelta(seconds=1)
    if isinstance(kind, Integer):
        unique = col.primary_key or any(
            isinstance(u, UniqueConstraint) and col in u.columns.values() for u in table.constraints
        )
        return 1 if value is None else value + (10_000 if unique else 1)
    return "x" if value is None else f"{value}x"


def verify(engine: Engine) -> audit.VerifyReport:
    return Services(engine, CID).verify()


def problems_about(report: audit.VerifyReport, table: str, pk: list[Any]) -> list[str]:
    head = f"table {table}, row {json.dumps(pk)}:"
    return [p for p in report.problems if p.startswith(head)]


def event_problems(report: audit.VerifyReport, seq: int) -> list[str]:
    return [p for p in report.problems if p.startswith(f"event #{seq} ")]


def middle(rows: list[dict[str, Any]]) -> dict[str, Any]:
    assert rows, "the template contest must have rows in every audited table"
    return rows[len(rows) // 2]


# -- tests --------------------------------------------------------------------------------------------------------
def test_clean_contest_verifies(contest: Engine) -> None:
    report = verify(contest)
    assert report.ok, report.problems
    assert report.events > 50
    for name in AUDITED:
        assert Raw(contest).rows(name), f"template has no {name} rows"


@pytest.mark.parametrize("table", AUDITED)
def test_changing_any_column_of_a_row_is_reported(contest: Engine, table: str) -> None:
    raw = Raw(contest)
    t = SQLModel.metadata.tables[table]
    row = middle(raw.rows(table))
    pk_cols = _pk_cols(t)
    pk = [row[c] for c in pk_cols]
    for column in [c.name for c in t.c]:
        new = mutate(t, column, row[column], sqlite=raw.sqlite)
        raw.update(table, {c: row[c] for c in pk_cols}, {column: new})
        report = verify(contest)
        if column in pk_cols:
            moved = [new if c == column else row[c] for c in pk_cols]
            assert problems_about(report, table, pk), (column, report.problems)
            assert any("deleted" in p for p in problems_about(report, table, pk)), report.problems
            assert any("inserted" in p for p in problems_about(report, table, moved)), report.problems
            back = {c: (new if c == column else row[c]) for c in pk_cols}
        else:
            found = problems_about(report, table, pk)
            assert found, f"{table}.{column} changed but not reported: {report.problems}"
            assert any(f"{column}:" in p for p in found), found
            back = {c: row[c] for c in pk_cols}
        raw.update(table, back, {column: row[column]})
        again = verify(contest)
        assert again.ok, (column, again.problems)


@pytest.mark.parametrize("table", AUDITED)
def test_deleting_a_row_is_reported(contest: Engine, table: str) -> None:
    raw = Raw(contest)
    t = SQLModel.metadata.tables[table]
    row = middle(raw.rows(table))
    pk = [row[c] for c in _pk_cols(t)]
    raw.delete(table, {c: row[c] for c in _pk_cols(t)})
    found = problems_about(verify(contest), table, pk)
    assert found and all("deleted" in p for p in found), found


@pytest.mark.parametrize("table", AUDITED)
def test_inserting_a_row_is_reported(contest: Engine, table: str) -> None:
    raw = Raw(contest)
    t = SQLModel.metadata.tables[table]
    row = dict(middle(raw.rows(table)))
    unique = {c.name for u in t.constraints if isinstance(u, UniqueConstraint) for c in u.columns}
    for c in _pk_cols(t):
        row[c] = row[c] + 10_000
    for c in unique - set(_pk_cols(t)):
        row[c] = mutate(t, c, row[c], sqlite=raw.sqlite) if isinstance(row[c], str) else row[c] + 10_000
    raw.insert(table, row)
    found = problems_about(verify(contest), table, [row[c] for c in _pk_cols(t)])
    assert found and all("inserted" in p for p in found), found


# -- the event table ----------------------------------------------------------------------------------------------
def _events(raw: Raw) -> list[dict[str, Any]]:
    return [e for e in raw.rows("event") if e["contest_id"] == CID]


@pytest.mark.parametrize(
    "column", ["seq", "at", "actor", "kind", "payload", "prev_hash", "hash", "contest_id"]
)
def test_changing_an_event_is_reported(contest: Engine, column: str) -> None:
    raw = Raw(contest)
    ev = middle(_events(raw))
    t = SQLModel.metadata.tables["event"]
    raw.update("event", {"id": ev["id"]}, {column: mutate(t, column, ev[column], sqlite=raw.sqlite)})
    report = verify(contest)
    assert not report.ok
    assert any(p.startswith("event #") for p in report.problems), report.problems


def test_changing_an_event_id_is_reported(contest: Engine) -> None:
    raw = Raw(contest)
    ev = middle(_events(raw))
    raw.update("event", {"id": ev["id"]}, {"id": ev["id"] + 10_000})
    report = verify(contest)
    assert any(f"event #{ev['seq']} " in p for p in report.problems), report.problems


def test_editing_an_event_payload_is_reported(contest: Engine) -> None:
    """A mark event's payload edited to agree with an edited mark: the event's hash no longer matches."""
    raw = Raw(contest)
    ev = next(e for e in _events(raw) if e["kind"] == "mark" and "A1-1" in e["payload"])
    payload = json.loads(ev["payload"])
    snap = next(r for r in payload["rows"] if r["table"] == "mark")
    assert snap["row"]["deductions"] == "A1-1"
    snap["row"]["deductions"] = ""
    raw.update("event", {"id": ev["id"]}, {"payload": audit.canonical(payload)})
    report = verify(contest)
    assert any("content changed" in p for p in event_problems(report, ev["seq"])), report.problems


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_deleting_an_event_is_reported(contest: Engine, where: str) -> None:
    raw = Raw(contest)
    evs = _events(raw)
    ev = {"first": evs[0], "middle": middle(evs), "last": evs[-1]}[where]
    assert where != "last" or json.loads(ev["payload"])["rows"] == []  # the hard case: it wrote no row
    raw.delete("event", {"id": ev["id"]})
    report = verify(contest)
    assert not report.ok, f"deleting the {where} event (#{ev['seq']} {ev['kind']}) went unnoticed"
    place = f"#{ev['seq']}" if where != "last" else f"followed #{ev['seq'] - 1}"
    assert any(place in p for p in report.problems), report.problems


def test_inserting_a_copied_event_is_reported(contest: Engine) -> None:
    raw = Raw(contest)
    evs = _events(raw)
    row = dict(evs[-2]) | {"id": evs[-1]["id"] + 10_000, "seq": evs[-1]["seq"] + 1}
    raw.insert("event", row)
    assert event_problems(verify(contest), row["seq"])


def test_appending_a_forged_event_is_reported(contest: Engine) -> None:
    """An event with a correctly recomputed hash, chained to the head, appended by hand."""
    raw = Raw(contest)
    last = _events(raw)[-1]
    at = datetime(2026, 5, 20, 18, 0, tzinfo=UTC)
    payload = audit.canonical({"details": {"action": "x", "why": "y"}, "rows": []})
    seq = last["seq"] + 1
    h = audit.event_hash(last["hash"], seq, at.isoformat(), "J1", "denied", payload)
    raw.insert(
        "event",
        {
            "id": last["id"] + 10_000,
            "contest_id": CID,
            "seq": seq,
            "at": at.replace(tzinfo=None).isoformat(sep=" ") if raw.sqlite else at,
            "actor": "J1",
            "kind": "denied",
            "payload": payload,
            "prev_hash": last["hash"],
            "hash": h,
        },
    )
    report = verify(contest)
    assert not report.ok, "a forged event appended at the head went unnoticed"


# -- reordering ---------------------------------------------------------------------------------------------------
def test_swapping_two_events_seq_is_reported(contest: Engine) -> None:
    raw = Raw(contest)
    evs = _events(raw)
    a, b = evs[10], evs[11]
    raw.run(
        ('UPDATE "event" SET seq = :s WHERE id = :i', {"s": -1, "i": a["id"]}),
        ('UPDATE "event" SET seq = :s WHERE id = :i', {"s": a["seq"], "i": b["id"]}),
        ('UPDATE "event" SET seq = :s WHERE id = :i', {"s": b["seq"], "i": a["id"]}),
    )
    report = verify(contest)
    assert event_problems(report, a["seq"]) and event_problems(report, b["seq"]), report.problems


def test_swapping_two_marks_is_reported(contest: Engine) -> None:
    """The order of marks decides which one is current: swapping a mark and its correction is found."""
    raw = Raw(contest)
    marks = raw.rows("mark")
    corr = next(m for m in marks if m["supersedes_id"] is not None and m["reason"] == "补扣")
    first = next(m for m in marks if m["id"] == corr["supersedes_id"])
    cols = [c for c in first if c != "id"]
    raw.run(
        *[
            (f'UPDATE "mark" SET {", ".join(f"{c} = :{c}" for c in cols)} WHERE id = :id', src | {"id": dst})
            for src, dst in ((corr, first["id"]), (first, corr["id"]))
        ]
    )
    report = verify(contest)
    assert problems_about(report, "mark", [first["id"]]) and problems_about(report, "mark", [corr["id"]])


def test_swapping_two_contestants_stations_is_reported(contest: Engine) -> None:
    """Two contestants' station numbers in one module exchanged (judges would mark the wrong person)."""
    raw = Raw(contest)
    a, b = raw.rows("module_station")[:2]
    assert a["module_id"] == b["module_id"]
    where = "module_id = :m AND contestant_id = :c"
    raw.run(
        (
            f'UPDATE "module_station" SET station = :s WHERE {where}',
            {"s": "tmp", "m": a["module_id"], "c": a["contestant_id"]},
        ),
        (
            f'UPDATE "module_station" SET station = :s WHERE {where}',
            {"s": a["station"], "m": b["module_id"], "c": b["contestant_id"]},
        ),
        (
            f'UPDATE "module_station" SET station = :s WHERE {where}',
            {"s": b["station"], "m": a["module_id"], "c": a["contestant_id"]},
        ),
    )
    report = verify(contest)
    for r in (a, b):
        found = problems_about(report, "module_station", [r["module_id"], r["contestant_id"]])
        assert found and "station" in found[0], report.problems


def test_every_audited_table_and_the_event_table_are_covered() -> None:
    """A table added to the schema must be added to AUDITED_TABLES (or be the chain itself, or login state)."""
    unaudited = set(SQLModel.metadata.tables) - set(AUDITED) - {EventRow.__tablename__, "login_state"}
    assert not unaudited, (
        f"{sorted(unaudited)}: rows no event replays — add the table to AUDITED_TABLES (and a row of it to "
        "build_contest here), or say here why it needs no audit"
    )


def test_an_unreadable_value_is_reported_not_a_crash(contest: Engine) -> None:
    """Text typed into a date column by hand: verify names the row instead of failing with a traceback."""
    raw = Raw(contest)
    row = middle(raw.rows("mark"))
    if not raw.sqlite:
        pytest.skip("PostgreSQL refuses a non-date in a timestamp column")
    raw.update("mark", {"id": row["id"]}, {"created_at": "yesterday"})
    found = problems_about(verify(contest), "mark", [row["id"]])
    assert found and "cannot be read" in found[0], found


def test_a_later_system_write_does_not_hide_a_deleted_head(contest: Engine) -> None:
    raw = Raw(contest)
    last = _events(raw)[-1]
    raw.delete("event", {"id": last["id"]})
    sv = Services(contest, CID, hasher=CHEAP_HASHER)
    with pytest.raises(PermissionDenied):
        sv.draw(CONSOLE)  # refused and logged: a new event is appended on top of the truncated chain
    assert not sv.verify().ok


def test_a_local_time_clock_still_verifies(engine: Engine) -> None:
    """Services given a clock in China Standard Time: the database hands times back in UTC, and the chain and
    the row snapshots must agree with what it hands back."""
    from zoneinfo import ZoneInfo

    env = build_env(engine, small_config(modules=("basic_care",)), n=1, judges=1)
    cst = Services(
        engine, env.sv.contest_id, clock=lambda: datetime.now(ZoneInfo("Asia/Shanghai")), hasher=CHEAP_HASHER
    )
    j = cst.login("J1", env.pins["J1"])
    cst.save_mark(j, "A", env.stations[0], ItemEntry("A1"))
    report = cst.verify()
    assert report.ok, report.problems


def test_a_deletion_through_the_system_is_replayed(engine: Engine) -> None:
    """Should a service ever delete a row, its event records the deletion and verify does not cry tamper."""
    from sqlmodel import Session
    from sqlmodel import select as sm_select

    from contest.store.tables import AssignmentRow, JudgeRow

    env = build_env(engine, small_config(modules=("basic_care",)), n=1, judges=1, draw=False)
    now = datetime.now(UTC)
    with Session(engine) as s:
        audit.track(s)
        j = s.exec(sm_select(JudgeRow).where(JudgeRow.code == "J1")).one()
        a = s.exec(sm_select(AssignmentRow).where(AssignmentRow.judge_id == j.id)).first()
        s.delete(a)
        audit.append_event(s, env.sv.contest_id, "console", "unassign", {"judge": "J1"}, now)
        s.commit()
    report = env.sv.verify()
    assert report.ok, report.problems


def test_marks_inserted_in_one_statement_are_recorded_as_a_flush_records_them(engine: Engine) -> None:
    """A sheet's marks go in as one INSERT (the ORM sent one per mark, inside the write lock); the event must
    carry the very snapshot a flushed object gives, and the chain must still verify."""
    from sqlmodel import Session
    from sqlmodel import select as sm_select

    from contest.store.tables import MarkRow, SheetRow

    env = build_env(engine, small_config(modules=("basic_care",)), n=1, judges=1)
    j = env.sv.login("J1", env.pins["J1"])
    env.sv.save_mark(j, "A", env.stations[0], ItemEntry("A1"))  # the sheet exists
    at = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    values = {
        "item_id": "A2",
        "withdrawn": False,
        "deductions": "A2-1*2",
        "level": None,
        "score_cents": None,
        "judge_code": "J1",
        "created_at": at,
        "supersedes_id": None,
        "reason": "改 <b>=1+1",
    }
    with Session(engine) as s:
        sheet = s.exec(sm_select(SheetRow)).one()
        audit.track(s)
        s.add(MarkRow(sheet_id=sheet.id, **values))
        s.flush()
        by_flush = [audit.snapshot(o) for o in s.info["contest_audit_rows"].values()]
        seen = set(s.info["contest_audit_rows"])
        ids = audit.insert_tracked(
            s,
            MarkRow,
            [{"sheet_id": sheet.id, **values}, {"sheet_id": sheet.id, **values, "item_id": "A3"}],
            "item_id",
        )
        by_insert = [v for k, v in s.info["contest_audit_rows"].items() if k not in seen]
        audit.append_event(s, env.sv.contest_id, "console", "probe", {}, at)
        s.commit()
    assert len(by_flush) == 1 and len(by_insert) == 2 and ids == sorted(ids)
    assert by_insert[0]["pk"] == [ids[0]] and by_insert[0]["row"]["id"] == ids[0]
    flushed = {k: v for k, v in by_flush[0]["row"].items() if k != "id"}
    assert {k: v for k, v in by_insert[0]["row"].items() if k != "id"} == flushed
    assert by_insert[1]["row"]["item_id"] == "A3"
    report = env.sv.verify()
    assert report.ok, report.problems

    with Session(engine) as s:  # the same item twice in one batch: inserted in order, each its own id
        sheet = s.exec(sm_select(SheetRow)).one()
        audit.track(s)
        twice = [{"sheet_id": sheet.id, **values, "level": n} for n in (1, 2)]
        ids = audit.insert_tracked(s, MarkRow, twice, "item_id")
        assert [s.get(MarkRow, i).level for i in ids] == [1, 2]  # type: ignore[union-attr]
        s.rollback()


def test_a_writer_that_may_not_comment_still_writes_without_the_anchor(engine: Engine) -> None:
    """On PostgreSQL the anchor is a comment on the event sequence, which only its owner may write. A database
    written by a role without that privilege (here: from its first event on, the owner's anchor removed) still
    stores every mark, and its chain verifies, without an anchor."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the anchor is SQLite's user_version there: any writer may set it")
    env = build_env(engine, small_config(modules=("basic_care",)), n=1, judges=1)
    role = f"writer_{uuid.uuid4().hex[:10]}"
    with engine.begin() as c:
        schema = str(c.execute(text("SELECT current_schema()")).scalar())
        seq = c.execute(text("SELECT pg_get_serial_sequence('event', 'id')")).scalar()
        c.exec_driver_sql(f"COMMENT ON SEQUENCE {seq} IS NULL")
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        c.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        c.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
        c.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"'))
    limited = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema} -crole={role}"})
    try:
        sv = Services(limited, env.sv.contest_id, hasher=CHEAP_HASHER)
        j = sv.login("J1", env.pins["J1"])
        view = sv.save_mark(j, "A", env.stations[0], ItemEntry("A1"))
        assert "A1" in view.entries
        with limited.connect() as c:
            assert c.execute(text("SELECT current_user")).scalar() == role
            assert c.execute(text(f"SELECT obj_description('{seq}'::regclass, 'pg_class')")).scalar() is None
        report = env.sv.verify()
        assert report.ok, report.problems
    finally:
        limited.dispose()
        with admin.begin() as c:
            c.execute(text(f'DROP OWNED BY "{role}"'))
            c.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
