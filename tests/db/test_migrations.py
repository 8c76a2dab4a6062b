"""Upgrading an empty database reaches exactly the schema the models describe, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import contest.store.tables  # noqa: F401
from contest.store.migrate import upgrade
from tests.db.conftest import make_test_engine


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_upgrade_from_empty_matches_models(kind: str, tmp_path: Path) -> None:
    engine, _, cleanup = make_test_engine(kind, tmp_path)
    try:
        upgrade(engine)
        upgrade(engine)  # idempotent
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        assert diff == []
    finally:
        engine.dispose()
        if cleanup is not None:
            from sqlalchemy import text

            admin, schema = cleanup  # type: ignore[misc]
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
