"""Contests built once per test process and copied into each test's own database (the ``templates`` fixture of
``tests/conftest.py``).

A recipe builds its contest through the services, exactly as a test would; every test still gets a database of
its own (tests change their contest), filled with a copy of the built one instead of rebuilding it: on SQLite a
page-for-page copy through the online backup API (``user_version``, the audit chain's anchor, included); on
PostgreSQL every table's rows, every id sequence's state and the anchor (the comment on the event id sequence),
from the built schema into the test's schema. ``tests/db/test_templates.py`` checks that a copy is the contest
built."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from contest.services import Services
from contest.store.engine import create_schema, sqlite_file
from tests.db.conftest import make_test_engine
from tests.db.helpers import Env
from tests.pins import CHEAP_HASHER

T = TypeVar("T")


class Templates:
    """The contests built so far, by database kind and recipe name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[tuple[str, str], tuple[str, int, Any]] = {}
        self._cleanup: list[tuple[Engine, str]] = []

    def get(self, engine: Engine, recipe: str, build: Callable[[Engine], T]) -> T:
        """A copy of the contest ``build`` makes (built on first use of ``recipe``), in ``engine``'s empty
        database. ``build`` returns a dataclass with the services in ``sv`` (and perhaps the engine in
        ``engine``); what is returned is a deep copy of it, on ``engine``, with services of its own."""
        kind = engine.dialect.name
        got = self._built.get((kind, recipe))
        if got is None:
            got = self._built[(kind, recipe)] = self._build(kind, recipe, build)
        source, cid, detached = got
        _check_fresh(engine)
        if kind == "sqlite":
            _copy_sqlite(source, engine)
        else:
            _copy_pg(source, engine)
        bound = copy.deepcopy(detached)
        bound.sv = Services(engine, cid, hasher=CHEAP_HASHER)
        if hasattr(bound, "engine"):
            bound.engine = engine
        return bound  # type: ignore[no-any-return]

    def env(self, engine: Engine, recipe: str, build: Callable[[Engine], Env]) -> Env:
        """:meth:`get` for a recipe that returns an :class:`~tests.db.helpers.Env`."""
        return self.get(engine, recipe, build)

    def source(self, kind: str, recipe: str) -> str:
        """Where the built contest is: the SQLite file, or the PostgreSQL schema."""
        return self._built[(kind, recipe)][0]

    def _build(self, kind: str, recipe: str, build: Callable[[Engine], Any]) -> tuple[str, int, Any]:
        folder = self.root / f"{kind}-{recipe}"
        folder.mkdir()
        eng, _url, cleanup = make_test_engine("sqlite" if kind == "sqlite" else "pg", folder)
        try:
            create_schema(eng)
            made = build(eng)
            cid = made.sv.contest_id
            with eng.connect() as c:
                source = (
                    str(folder / "contest.db")
                    if kind == "sqlite"
                    else c.scalar(text("SELECT current_schema()"))
                )
        finally:
            eng.dispose()
            if cleanup is not None:
                self._cleanup.append(cleanup)  # type: ignore[arg-type]
        detached = dataclasses.replace(made, sv=None)
        if hasattr(detached, "engine"):
            detached.engine = None
        return str(source), cid, detached

    def close(self) -> None:
        """Drop the PostgreSQL schemas the contests were built in (SQLite files go with pytest's temp dirs)."""
        for admin, schema in self._cleanup:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def _check_fresh(engine: Engine) -> None:
    """The copy replaces the test's database: it must hold the empty tables of ``create_schema`` and nothing else
    (a test that stamps it for the command line, say, does so after taking its copy)."""
    tables = set(inspect(engine).get_table_names())
    assert tables == set(SQLModel.metadata.tables), sorted(tables ^ set(SQLModel.metadata.tables))
    with engine.connect() as c:
        assert c.scalar(text("SELECT COUNT(*) FROM contest")) == 0


def _copy_sqlite(source: str, engine: Engine) -> None:
    path = sqlite_file(str(engine.url))
    assert path is not None
    engine.dispose()  # no connection of the test's engine is open while its file is overwritten
    src, dst = sqlite3.connect(source), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _copy_pg(source: str, engine: Engine) -> None:
    with engine.begin() as c:
        dest = c.scalar(text("SELECT current_schema()"))
        assert dest != source
        for table in SQLModel.metadata.sorted_tables:
            c.execute(text(f'INSERT INTO "{dest}"."{table.name}" SELECT * FROM "{source}"."{table.name}"'))
        sequences = c.scalars(
            text("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = :s"),
            {"s": source},
        ).all()
        for seq in sequences:
            src_seq, dst_seq = f'"{source}"."{seq}"', f'"{dest}"."{seq}"'
            last, called = c.execute(text(f"SELECT last_value, is_called FROM {src_seq}")).one()
            c.execute(
                text("SELECT setval(:seq, :last, :called)"), {"seq": dst_seq, "last": last, "called": called}
            )
            # the audit chain's anchor (event count and head) is the comment on the event id sequence
            comment = c.scalar(
                text("SELECT obj_description(CAST(:s AS regclass), 'pg_class')"), {"s": src_seq}
            )
            if comment is not None:
                c.execute(text(f"COMMENT ON SEQUENCE {dst_seq} IS " + _quote_literal(comment)))


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
