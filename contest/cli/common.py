"""What every command of the command line shares: the session's state (database, language, PIN hasher), the two
consoles, the common options and the services factory. Imports no command module and no Typer app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from contest.cli.door import door
from contest.i18n import Msg, say, tr

if TYPE_CHECKING:
    from contest.services.core import PinHasher

console = Console()
err = Console(stderr=True)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="数据库URL或SQLite文件 / database URL or SQLite file", envvar=None)
]
AsJudge = Annotated[
    str | None,
    typer.Option(
        "--as",
        "--judge",
        envvar="CONTEST_AS",
        help="执行人编号（PIN 由 CONTEST_PIN 或提示输入）/ who runs this (PIN from CONTEST_PIN or a prompt)",
    ),
]


class _State:
    db: str | None = None
    lang: str = "zh"
    hasher: PinHasher | None = None
    """The PIN hasher of the services the commands run (``None``: the production one,
    :data:`contest.services.core.PIN_HASHER`). No option or variable sets it; a program that embeds the command
    line may (the test suite gives it a cheap one)."""


state = _State()


def t(key: str, **params: object) -> str:
    """The catalogue text ``key`` (:mod:`contest.texts`) in the session's language."""
    return tr(state.lang, key, **params)


def words(text: str | Msg) -> str:
    """A message (or plain text such as a name) in the session's language."""
    return say(text, state.lang)


def services() -> Any:
    """Services on the configured database (upgraded to the current schema on open)."""
    from contest.services import Services
    from contest.store.engine import open_engine, resolve_url
    from contest.store.migrate import upgrade

    engine = open_engine(resolve_url(state.db))  # never creates one: says which database and why not
    upgrade(engine)
    return Services(engine, hasher=state.hasher)


def official(sv: Any, code: str | None, role: str, pin: str | None = None) -> Any:
    """The person running a state-changing command, proven by their PIN (see :mod:`contest.cli.door`)."""
    return door(sv, code, role, pin)


# -- the options of the commands that print or export a document (each logged under the person's code) ---------
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="输出文件")]
OverrideOpt = Annotated[
    str | None, typer.Option("--override", help="越过打印闸门的理由（打印为草稿并记入审计）")
]
AsPrinter = Annotated[
    str | None,
    typer.Option("--as", "--judge", envvar="CONTEST_AS", help="执行人编号（PIN 由提示或 CONTEST_PIN 给出）"),
]


def printer(sv: Any, code: str | None, action: str = "打印") -> Any:
    """The person printing (every print is logged under their code): proven by PIN, never the bare host."""
    return official(sv, code, action)
