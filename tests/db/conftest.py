"""Store and service fixtures: every test runs on SQLite (temp file) and PostgreSQL (own schema)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from contest.services import Services
from contest.store.engine import create_schema, make_engine, sqlite_file
from tests.db.helpers import Env
from tests.pins import CHEAP_HASHER

PG_URL = os.environ.get("CONTEST_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> bool:
    try:
        e = make_engine(PG_URL)
        with e.connect() as c:
            c.execute(text("select 1"))
        e.dispose()
        return True
    except Exception:
        return False


PG_OK = _pg_available()


def make_test_engine(kind: str, tmp_path: Path) -> tuple[Engine, str, object]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'contest.db'}"
        return make_engine(url), url, None
    if not PG_OK:
        if os.environ.get("CONTEST_REQUIRE_PG"):
            pytest.fail(
                "PostgreSQL at 127.0.0.1:5432 is required (CONTEST_REQUIRE_PG is set) but unreachable"
            )
        pytest.skip("PostgreSQL not reachable")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = PG_URL
    # Test connections do not wait for the server's WAL flush at commit (synchronous_commit only matters if the
    # *server* crashes; the crash tests kill clients): the store tests are about what a commit means to the
    # application, and the flush made every PostgreSQL test several times slower than its SQLite twin.
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    engine = make_engine(url, connect_args={"options": options})
    return engine, url + "?options=" + quote(options), (admin, schema)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    eng, url, cleanup = make_test_engine(request.param, tmp_path)
    eng.info_url = url  # type: ignore[attr-defined]
    create_schema(eng)
    yield eng
    eng.dispose()
    if cleanup is not None:
        admin, schema = cleanup  # type: ignore[misc]
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def small_config(panel: int = 3, modules: tuple[str, ...] = ("basic_care", "rehabilitation")) -> str:
    """A contest configuration with a small panel, for tests."""
    mods = "".join(
        f'[[modules]]\nrubric = "elderly_care.{m}"\nweight = 1\npanel_size = {panel}\n'
        f'aggregation = "{"trimmed_mean" if panel >= 3 else "mean"}"\n'
        f"tolerance = {{ judgement_levels = 1, sheet_total = 15 }}\n\n"
        for m in modules
    )
    return f"""
[contest]
name = {{ zh = "测试竞赛", en = "Test contest" }}
edition = "第一届"
dates = ["{date(2026, 5, 20).isoformat()}"]
venue = "测试场地"
organisers = ["蓬江区人社局"]
issuing_bodies = ["蓬江区人社局"]
publication = {{ period = "5月22日至28日", contact = "0750-0000000" }}

[scoring]
theory_weight = 0.2
theory_blueprint = "elderly_care.theory"

{mods}
[awards]
min_total = 0
tiers = [
  {{ name = "一等奖", mode = "ratio", value = 0.1 }},
  {{ name = "二等奖", mode = "ratio", value = 0.2 }},
  {{ name = "三等奖", mode = "ratio", value = 0.3 }},
]
"""


# -- built contests, cloned per test ------------------------------------------------------------------------------
class Templates:
    """Contests built once per worker (per database kind and recipe) and copied into each test's own database.

    A recipe builds its contest through the services as a test would; every test still gets a database of its
    own (tests mutate their contest), filled with a byte-for-byte (SQLite) or row-for-row (PostgreSQL, sequences
    included) copy of the built one instead of rebuilding it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[tuple[str, str], tuple[str, int, dict[str, str], list[str]]] = {}
        self._cleanup: list[tuple[Engine, str]] = []

    def env(self, engine: Engine, recipe: str, build: Callable[[Engine], Env]) -> Env:
        """A copy of the contest ``build`` makes (built on first use), in ``engine``'s empty database."""
        kind = engine.dialect.name
        got = self._built.get((kind, recipe))
        if got is None:
            got = self._built[(kind, recipe)] = self._build(kind, recipe, build)
        source, cid, pins, stations = got
        _check_fresh(engine)
        if kind == "sqlite":
            _copy_sqlite(source, engine)
        else:
            _copy_pg(source, engine)
        return Env(Services(engine, cid, hasher=CHEAP_HASHER), dict(pins), list(stations))

    def source(self, kind: str, recipe: str) -> str:
        """Where the built contest is: the SQLite file, or the PostgreSQL schema."""
        return self._built[(kind, recipe)][0]

    def _build(
        self, kind: str, recipe: str, build: Callable[[Engine], Env]
    ) -> tuple[str, int, dict[str, str], list[str]]:
        folder = self.root / f"{kind}-{recipe}"
        folder.mkdir()
        eng, _url, cleanup = make_test_engine("sqlite" if kind == "sqlite" else "pg", folder)
        try:
            create_schema(eng)
            env = build(eng)
            cid = env.sv.contest_id
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
        return str(source), cid, dict(env.pins), list(env.stations)

    def close(self) -> None:
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


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    store = Templates(tmp_path_factory.mktemp("templates"))
    yield store
    store.close()
