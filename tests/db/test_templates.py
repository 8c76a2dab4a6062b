"""The built-once contests the slow fixtures hand out (``templates`` in ``tests/db/conftest.py``): each test's copy
holds exactly the rows, id sequences and audit-chain anchor of the contest built, and is the test's own."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from contest.audit import read_anchor
from contest.services import CONSOLE
from contest.store.engine import read_session
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.db.templates import Templates


def _build(engine: Engine) -> Env:
    env = build_env(engine, small_config(), n=2, judges=1)
    fill_sheet(env.sv, env.sv.login("J1", env.pins["J1"]), "A", env.stations[0])
    return env


def _rows(engine: Engine, schema: str | None = None, path: str | None = None) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for table in SQLModel.metadata.sorted_tables:
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        if path is not None:
            con = sqlite3.connect(path)
            try:
                out[table.name] = con.execute(f'SELECT * FROM "{table.name}" ORDER BY {order}').fetchall()
            finally:
                con.close()
        else:
            name = f'"{schema}"."{table.name}"' if schema else f'"{table.name}"'
            with engine.connect() as c:
                out[table.name] = [
                    tuple(r) for r in c.execute(text(f"SELECT * FROM {name} ORDER BY {order}"))
                ]
    return out


def _anchor(engine: Engine, source: str | None = None) -> object:
    """The chain's anchor as stored: SQLite's user_version, or the comment on PostgreSQL's event id sequence."""
    if engine.dialect.name == "sqlite":
        con = sqlite3.connect(source or str(engine.url.database))
        try:
            return con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    table = f'"{source}"."event"' if source else "event"
    with engine.connect() as c:
        seq = c.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
        return c.scalar(text("SELECT obj_description(CAST(:s AS regclass), 'pg_class')"), {"s": seq})


def test_a_copy_is_the_built_contest_and_each_test_gets_its_own(engine: Engine, templates: Templates) -> None:
    env = templates.env(engine, "templates-selfcheck", _build)
    source = templates.source(engine.dialect.name, "templates-selfcheck")
    sqlite = engine.dialect.name == "sqlite"
    built = _rows(engine, path=source) if sqlite else _rows(engine, schema=source)
    assert built["event"] and built["mark"]
    assert _rows(engine) == built
    assert _anchor(engine, source) and _anchor(engine) == _anchor(engine, source)
    with read_session(engine) as s:
        anchor = read_anchor(s)
    assert anchor is not None and anchor[0] == len(built["event"])
    report = env.sv.verify()
    assert report.ok, report.problems
    # the copy is written to like any database: new ids follow the built ones, the chain stays whole
    env.sv.import_theory_scores(CONSOLE, {st: (Decimal(80), {}) for st in env.stations})
    report = env.sv.verify()
    assert report.ok, report.problems
    assert len(_rows(engine)["event"]) == len(built["event"]) + 1
    # and the built contest is untouched by the test's writes
    after = _rows(engine, path=source) if engine.dialect.name == "sqlite" else _rows(engine, schema=source)
    assert after == built
