"""Store and service fixtures: every test runs on SQLite (temp file) and PostgreSQL (own schema)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from contest.store.engine import create_schema, make_engine
from tests.contest_toml import small_config as small_config  # the one test contest.toml; imported from here

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
