"""``contest serve``: the judge terminal in tablet browsers on the venue LAN, through textual-serve.

Owns three things: checking that the database to serve exists and holds a contest (a mistyped path must not
hand tablets an empty database), building the command each browser session runs (every part quoted: the path
is user data, textual-serve runs the command through a shell), and the page the browser loads (our bilingual
template; every script, style sheet and font from this host — a venue LAN has no internet).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from contest.errors import ContestError
from contest.i18n import Msg

if TYPE_CHECKING:
    from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "tui" / "web"
"""Our ``app_index.html`` (replaces textual-serve's, which loads a font from fonts.googleapis.com)."""


class ServeRefused(ContestError):
    """The database cannot be served (missing, or not a contest database)."""


def static_dir() -> Path:
    """textual-serve's own static files (terminal script, style sheet, fonts), served from this host."""
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


def check_database(url: str, typed: str | None = None) -> None:
    """Refuse unless ``url`` names an existing database that holds a contest.

    For SQLite the file checked is the one the engine would open, as SQLAlchemy parses the URL. ``typed`` is what
    the user gave as ``--db``: when it is a bare path that the URL does not carry intact (a ``?`` or ``%`` in a
    folder name makes SQLAlchemy open another file), serving is refused rather than serving another database.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from contest.services import Services
    from contest.store.engine import make_engine

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if typed and "://" not in typed and database != str(Path(typed).resolve()):
            raise ServeRefused(Msg("serve.path_unsafe", typed=typed))
        if not database or database == ":memory:" or not Path(database).is_file():
            raise ServeRefused(Msg("serve.no_file", where=database or url))
    engine = make_engine(url)
    try:
        Services(engine).config()
    except (ContestError, SQLAlchemyError) as exc:
        raise ServeRefused(
            Msg(
                "serve.no_contest",
                where=parsed.render_as_string(hide_password=True),
                detail=str(exc).splitlines()[0][:200],
            )
        ) from None
    finally:
        engine.dispose()


def session_command(url: str, lang: str, python: str | None = None) -> str:
    """The shell command one browser session runs: every part quoted with :func:`shlex.quote`."""
    argv = [python or sys.executable, "-m", "contest", "--db", url, "--lang", lang, "tui"]
    return shlex.join(argv)


def make_server(url: str, lang: str, host: str, port: int, public_url: str) -> Server:
    """A textual-serve server for the terminal, with our page and local static files only."""
    from textual_serve.server import Server

    return Server(
        session_command(url, lang),
        host=host,
        port=port,
        title="竞赛评分终端 / judge terminal",
        public_url=public_url,
        statics_path=static_dir(),
        templates_path=TEMPLATES,
    )
