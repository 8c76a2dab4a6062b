"""Schema migrations (Alembic, shipped inside the package): ``contest db upgrade`` and upgrade-on-open."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from contest.errors import StoreUnavailable
from contest.store.engine import unreachable_message

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


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
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except OperationalError as exc:
        url = engine.url.render_as_string(hide_password=True)
        raise StoreUnavailable(unreachable_message(url, exc)) from None
