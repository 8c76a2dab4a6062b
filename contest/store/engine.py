"""Engines and session scopes for SQLite (default) and PostgreSQL.

SQLite: WAL, ``foreign_keys=ON``, ``busy_timeout``, ``synchronous=FULL``, and every write transaction begins
with ``BEGIN IMMEDIATE`` so that two writers never both read and then fail (or lose an update) at commit; writers
on one host queue on a file lock first (:mod:`contest.store.writer_queue`) instead of sleeping in SQLite's busy
handler.
PostgreSQL: every write transaction takes a per-contest advisory lock, which serialises the audit chain.
No module-level engine: the CLI builds one and passes it down.

Opening: :func:`open_engine` is how the CLI reaches a database. Only ``contest init`` and ``demo`` may create one;
every other command opens an existing SQLite file in ``mode=rw`` (a mistyped path is never silently created) or
reaches PostgreSQL first, and says which database it looked for and why it cannot open it. While terminals run,
every SQLite write transaction first checks that the file at the path is still the file this connection opened
(device and inode): a deleted or replaced database refuses the write loudly instead of acknowledging marks into a
file nobody will ever read again.

Measuring: :func:`observe_write_waits` reports how long each write transaction waited for its turn (the queue's file
lock on SQLite, the advisory lock on PostgreSQL). The benchmarks use it; unobserved, nothing is timed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from contest.errors import StoreUnavailable
from contest.i18n import Msg
from contest.store.writer_queue import writer_turn

DEFAULT_DB_FILE = "contest.db"
BUSY_TIMEOUT_MS = 15000

_write_wait_observer: Callable[[float], None] | None = None
"""Set by :func:`observe_write_waits` only (a measuring hook: ``None``, the default, times nothing)."""


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


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for PostgreSQL or an in-memory database)."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def make_engine(url: str, *, must_exist: bool = False, **kwargs: Any) -> Engine:
    """An engine with the pragmas and transaction discipline described above. ``must_exist``: a SQLite file is
    opened read-write but never created (a missing file is an error, not a new empty database)."""
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        if must_exist and path is not None:
            from urllib.parse import quote

            uri = f"file:{quote(str(path))}?mode=rw"
            kwargs["creator"] = lambda: sqlite3.connect(uri, uri=True, **connect_args)
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, rec: Any) -> None:
            if path is not None:
                rec.info["contest_file"] = _file_identity(path)
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
                if path is not None:
                    _check_same_file(path, conn.connection.info.get("contest_file"))
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _check_same_file(path: Path, opened: tuple[int, int] | None) -> None:
    """Refuse a write if the database file this connection opened is no longer the file at ``path``."""
    if opened is None:
        return
    now = _file_identity(path)
    if now == opened:
        return
    raise StoreUnavailable(
        Msg("store.file_deleted", path=path) if now is None else Msg("store.file_replaced", path=path)
    )


def open_engine(url: str, *, create: bool = False) -> Engine:
    """An engine on the database at ``url`` for the command line, checked before anything is read.

    Only ``create=True`` (``contest init``, ``demo``) may make a new SQLite file, and only in a folder that exists.

    Raises:
        StoreUnavailable: says which database was looked for and why it cannot be opened (no such file or folder,
            not a SQLite file, read-only, PostgreSQL unreachable or no such database …).
    """
    path = sqlite_file(url)
    if path is not None:
        _check_sqlite_file(path, create)
        return make_engine(url, must_exist=not create)
    engine = make_engine(url)
    if not is_sqlite(engine):
        try:
            with engine.connect():
                pass
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreUnavailable(unreachable(url, exc)) from None
    return engine


def _check_sqlite_file(path: Path, create: bool) -> None:
    def refuse(why: Msg) -> StoreUnavailable:
        return StoreUnavailable(Msg("store.cannot_open", path=path, why=why))

    folder = path.parent
    if not folder.is_dir():
        raise refuse(Msg("store.open.no_folder", folder=folder))
    if not path.exists():
        if create:
            if not os.access(folder, os.W_OK):
                raise refuse(Msg("store.open.folder_read_only", folder=folder))
            return
        raise refuse(Msg("store.open.no_file"))
    if not path.is_file():
        raise refuse(Msg("store.open.not_a_file"))
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise refuse(Msg("store.open.unreadable", error=exc.strerror)) from None
    if head and head != b"SQLite format 3\x00":
        raise refuse(Msg("store.open.not_sqlite"))
    if create:
        return
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise refuse(Msg("store.open.read_only"))


def unreachable_message(url: str, exc: BaseException) -> str:
    """:func:`unreachable` in both languages ("中文 / English"), as the command line's error line prints it."""
    return str(unreachable(url, exc))


def unreachable(url: str, exc: BaseException) -> Msg:
    """A located message for a database that cannot be reached: which database (password hidden), and why."""
    try:
        u = make_url(url)
        where = (
            f"PostgreSQL {u.host or 'localhost'}:{u.port or 5432}/{u.database}"
            if u.host or u.database
            else url
        )
        if not url.startswith("postgres"):
            where = u.render_as_string(hide_password=True)
    except Exception:
        where = "?"
    orig = getattr(exc, "orig", None) or exc
    why = " ".join(str(orig).split())
    for marker in ("failed: ", "FATAL: "):
        if marker in why:
            why = why.rsplit(marker, 1)[1].strip()
    return Msg("store.unreachable", where=where, why=why)


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def create_schema(engine: Engine) -> None:
    """Create every table (tests and fresh databases; migrations take over from there)."""
    from contest.store import tables  # noqa: F401  (registers the tables)

    SQLModel.metadata.create_all(engine)


@contextmanager
def observe_write_waits(observer: Callable[[float], None]) -> Iterator[None]:
    """Within the block, call ``observer`` (in the writing thread) with the seconds each write transaction of this
    process waited for its turn before doing anything: the host's queue (:func:`writer_turn`'s file lock) on a
    SQLite file; the contest's advisory lock on PostgreSQL (timed after the connection is checked out and the
    transaction begun, so the figure is the lock alone). For measuring (the benchmarks); not thread-safe to nest."""
    global _write_wait_observer
    before = _write_wait_observer
    _write_wait_observer = observer
    try:
        yield
    finally:
        _write_wait_observer = before


@contextmanager
def write_session(engine: Engine, contest_id: int | None = None) -> Iterator[Session]:
    """One write transaction: commits once at the end, rolls back on any error. On a SQLite file the writer first
    waits for its turn in the host's queue (:mod:`contest.store.writer_queue`)."""
    path = sqlite_file(str(engine.url)) if engine.dialect.name == "sqlite" else None
    turn = writer_turn(path) if path is not None else contextlib.nullcontext(0.0)
    observer = _write_wait_observer
    try:
        with turn as waited, Session(engine, expire_on_commit=False) as session:
            if engine.dialect.name == "postgresql":
                from sqlalchemy import text

                # per contest of this schema (two schemas of one server, each with its own contest 1, do not
                # queue behind each other); a write naming no contest (creating one) takes the lock of "contest
                # 0", so two parallel inits cannot both see an empty database
                lock = (
                    text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/contest'), :k)"),
                    {"k": contest_id or 0},
                )
                if observer is None:
                    session.execute(*lock)
                else:
                    session.connection()
                    t = time.perf_counter()
                    session.execute(*lock)
                    waited = time.perf_counter() - t
            if observer is not None:
                observer(waited)
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


def _store_message(exc: OperationalError) -> Msg:
    """What the database's own error means for the user, its text (the driver's, in English) as the detail."""
    msg = str(exc.orig) if exc.orig else str(exc)
    if "locked" in msg or "busy" in msg:
        return Msg("store.busy", detail=msg)
    if "unable to open" in msg:
        return Msg("store.file_unopenable", detail=msg)
    if "readonly" in msg or "read-only" in msg:
        return Msg("store.read_only", detail=msg)
    if "disk" in msg or "full" in msg:
        return Msg("store.disk_full", detail=msg)
    return Msg("store.unavailable", detail=msg)
