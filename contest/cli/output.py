"""The command line's output helpers: plain-text table rows, the error handler every command wears (a clear
message and exit code 1, never a traceback) and its table of import problems, and the standings table."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from contest.cli.common import console, err, state, t
from contest.errors import ConfigInvalid, ContestError, ImportRefused
from contest.i18n import LANGS, describe

F = TypeVar("F", bound=Callable[..., Any])


def row(table: Table, *cells: object) -> None:
    """Add a row of plain text: what users typed or imported is never read as rich markup."""
    table.add_row(*(Text("" if c is None else str(c).replace("\t", " ")) for c in cells))


def friendly(fn: F) -> F:
    """Turn user-facing errors into a red message in the session's language and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        from rubrics.errors import RubricError
        from scoresheets.errors import ScoresheetError

        try:
            return fn(*args, **kwargs)
        except ImportRefused as exc:
            print_problems(exc.problems)
            if exc.annotated:
                err.print(t("cli.import.annotated", path=escape(str(exc.annotated))))
            err.print(t("cli.import.nothing_imported", n=len(exc.problems)))
            raise typer.Exit(1) from None
        except ConfigInvalid as exc:  # each problem located (file, key path), in the session's language
            err.print(t("cli.config_problems"))
            for p in exc.located:
                err.print(f"  • {escape(p.text(state.lang))}")
            raise typer.Exit(1) from None
        except (ContestError, RubricError, ScoresheetError) as exc:
            err.print(t("cli.error", message=escape(describe(exc, state.lang))))
            raise typer.Exit(1) from None
        except SQLAlchemyError as exc:  # a database that went away mid-command: located, never a traceback
            from contest.store.engine import resolve_url, unreachable_message

            err.print(t("cli.error", message=escape(unreachable_message(resolve_url(state.db), exc))))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_problems(problems: list[object]) -> None:
    """The problems of a refused import as one table (the first 500; the annotated copy has them all). Each
    problem's message is already in the session's language (the readers were given it)."""
    table = Table(title=t("cli.problems.title"), show_lines=False, expand=True)
    for n, col in enumerate(("sheet", "row", "column", "field", "value", "problem")):
        table.add_column(
            t(f"cli.problems.{col}"), overflow="fold", ratio=4 if n == 5 else None, no_wrap=n in (1, 2)
        )
    for p in problems[:500]:
        cells = []
        for a in ("sheet", "row", "column", "field", "value", "message"):
            v = getattr(p, a, "")
            cells.append(escape("" if v is None else str(v)))
        table.add_row(*cells)
    err.print(table)
    if len(problems) > 500:
        err.print(t("cli.problems.more", n=len(problems) - 500))


def saved(path: object, note: str = "") -> None:
    """Report a file written (a printed document, an export), with ``note`` after its path."""
    console.print(t("cli.print.saved", path=escape(str(path))) + note)


def show_standings(view: Any, top: int = 0) -> None:
    """Print a standings table."""
    from contest.services.conflicts import CHECKIN_LABELS

    title = t("cli.standings.title") + ("" if view.decrypted else t("cli.standings.before_decryption"))
    table = Table(title=title)
    # a short list on a narrow terminal (the demo's top 10 at 80 columns) shows who, the total and the award
    # rather than thirteen columns cut to "张…"; `contest standings` on a wide terminal shows every part
    compact = bool(top) and console.width < 120
    cols = (
        ["rank", "station"]
        + (["name", "unit"] if view.decrypted else [])
        + ([] if compact else ["theory", *(f"module:{code}" for code in view.module_codes), "practical"])
        + ["total", "award"]
        + ([] if compact else ["remark"])
    )
    for c in cols:
        head = c.removeprefix("module:") if c.startswith("module:") else t(f"cli.standings.{c}")
        table.add_column(head, no_wrap=c in ("rank", "station", "name", "total"))
    checkin = LANGS.index(state.lang)  # CHECKIN_LABELS are (中文, English) pairs
    for i, line in enumerate(view.lines):
        if top and i >= top:
            break
        cells = [str(line.rank or "—"), line.station] + ([line.name, line.unit] if view.decrypted else [])
        if not compact:
            cells += [str(line.theory if line.theory is not None else "—")]
            cells += [
                CHECKIN_LABELS[line.checkin[c]][checkin]  # 检录: 缺考 / 弃权 / 取消资格 instead of a number
                if c in line.checkin
                else str(line.modules.get(c) if line.modules.get(c) is not None else "—")
                for c in view.module_codes
            ]
            cells += [str(line.practical)]
        award = " ".join(filter(None, [line.award, *line.titles]))  # with any 技术能手 nomination
        cells += [str(line.total), award] + ([] if compact else [line.remark_in(state.lang)])
        row(table, *cells)
    console.print(table)
    for n in view.award_notes_in(state.lang):
        console.print(Text(f"· {n}"))
