"""Engines and session scopes for SQLite (default) and PostgreSQL.

SQLite: WAL, ``foreign_keys=ON``, ``busy_timeout``, ``synchronous=FULL``, and every write transaction begins
with ``BEGIN IMMEDIATE`` so that two writers never both read and then fail (or lose an update) at commit.
PostgreSQL: every write transaction takes a per-contest advisory lock, which serialises the audit chain.
No module-level engine: the CLI builds one and passes it down.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, create_engine

from contest.errors import StoreUnavailable

DEFAULT_DB_FILE = "contest.db"
BUSY_TIMEOUT_MS = 15000


def resolve_url(explicit: str | None = None, workdir: Path | None = None) -> str:
    """``--db`` value, then ``CONTEST_DATABASE_URL``, then ``contest.db`` in the working directory.

    A bare path is taken as a SQLite file.
    """
    url = explicit or os.environ.get("CONTEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{(workdir or Path.cwd()) / DEFAULT_DB_FILE}"
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the pragmas and transaction discipline described above."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
            # we issue BEGIN ourselves (pysqlite's implicit BEGIN is DEFERRED)
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            if conn.get_execution_options().get("contest_readonly"):
                conn.exec_driver_sql("BEGIN")
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def create_schema(engine: Engine) -> None:
    """Create every table (tests and fresh databases; migrations take over from there)."""
    from contest.store import tables  # noqa: F401  (registers the tables)

    SQLModel.metadata.create_all(engine)


@contextmanager
def write_session(engine: Engine, contest_id: int | None = None) -> Iterator[Session]:
    """One write transaction: commits once at the end, rolls back on any error."""
    try:
        with Session(engine, expire_on_commit=False) as session:
            if engine.dialect.name == "postgresql" and contest_id is not None:
                from sqlalchemy import text

                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": 7_000_000 + contest_id})
            yield session
            session.commit()
    except OperationalError as exc:
        raise StoreUnavailable(_store_message(exc)) from exc


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A read-only transaction that sees one snapshot throughout: deferred on SQLite (WAL: readers never block
    writers, and the snapshot is taken at the first read), REPEATABLE READ on PostgreSQL (its default, READ
    COMMITTED, would let the sheets and their marks be read at two different moments)."""
    options: dict[str, Any] = {"contest_readonly": True}
    if not is_sqlite(engine):
        options["isolation_level"] = "REPEATABLE READ"
    try:
        with Session(engine.execution_options(**options)) as session:
            yield session
    except OperationalError as exc:
        raise StoreUnavailable(_store_message(exc)) from exc


def _store_message(exc: OperationalError) -> str:
    msg = str(exc.orig) if exc.orig else str(exc)
    if "locked" in msg or "busy" in msg:
        return f"数据库繁忙，请稍后重试 / the database is busy, please retry ({msg})"
    if "disk" in msg or "full" in msg:
        return f"数据库磁盘已满或不可写 / the database disk is full or read-only ({msg})"
    return f"无法访问数据库 / the database is unavailable ({msg})"
