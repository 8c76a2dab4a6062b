"""Schema migrations (Alembic, shipped inside the package): ``contest db upgrade`` and upgrade-on-open, one at a
time (parallel ``contest init`` runs on PostgreSQL wait for each other instead of racing on the same tables)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from contest.errors import StoreUnavailable
from contest.store.engine import unreachable

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MIGRATION_LOCK = 6_999_999
"""PostgreSQL advisory lock key held for the whole of a migration (SQLite: ``BEGIN IMMEDIATE`` serialises)."""


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to ``engine``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (idempotent).

    Raises:
        StoreUnavailable: the database cannot be reached or written (which one, and why).
    """
    cfg = alembic_config(engine)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # parallel inits and upgrades take turns: the second sees the first's tables, not a half-made schema
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except OperationalError as exc:
        url = engine.url.render_as_string(hide_password=True)
        raise StoreUnavailable(unreachable(url, exc)) from None
