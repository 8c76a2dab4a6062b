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

from contest.cli.common import console, err, state
from contest.errors import ConfigInvalid, ContestError, ImportRefused

F = TypeVar("F", bound=Callable[..., Any])


def row(table: Table, *cells: object) -> None:
    """Add a row of plain text: what users typed or imported is never read as rich markup."""
    table.add_row(*(Text("" if c is None else str(c).replace("\t", " ")) for c in cells))


def friendly(fn: F) -> F:
    """Turn user-facing errors into a red message and exit code 1."""

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
                err.print(f"已生成标注问题的工作簿 / annotated copy: [bold]{escape(str(exc.annotated))}[/]")
            err.print(f"[red]共 {len(exc.problems)} 个问题，未导入任何数据 / nothing was imported[/]")
            raise typer.Exit(1) from None
        except ConfigInvalid as exc:
            err.print("[red]配置文件有问题 / the configuration has problems:[/]")
            for p in exc.problems:
                err.print(f"  • {escape(str(p))}")
            raise typer.Exit(1) from None
        except (ContestError, RubricError, ScoresheetError) as exc:
            err.print(f"[red]错误 / error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None
        except SQLAlchemyError as exc:  # a database that went away mid-command: located, never a traceback
            from contest.store.engine import resolve_url, unreachable_message

            err.print(f"[red]错误 / error:[/] {escape(unreachable_message(resolve_url(state.db), exc))}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_problems(problems: list[object]) -> None:
    """The problems of a refused import as one table (the first 500; the annotated copy has them all)."""
    zh = state.lang == "zh"
    t = Table(title="问题清单" if zh else "Problems", show_lines=False, expand=True)
    heads = (
        ("工作表", "行", "列", "字段", "值", "问题")
        if zh
        else ("Sheet", "Row", "Col", "Field", "Value", "Problem")
    )
    for n, col in enumerate(heads):
        t.add_column(col, overflow="fold", ratio=4 if n == 5 else None, no_wrap=n in (1, 2))
    for p in problems[:500]:
        cells = []
        for a in ("sheet", "row", "column", "field", "value", "message"):
            v = getattr(p, a, "")
            cells.append(escape("" if v is None else str(v)))
        t.add_row(*cells)
    err.print(t)
    if len(problems) > 500:
        err.print(f"……另有 {len(problems) - 500} 个问题，见标注工作簿 / and {len(problems) - 500} more")


def show_standings(view: Any, top: int = 0) -> None:
    """Print a standings table."""
    from contest.services.conflicts import CHECKIN_LABELS

    t = Table(title="成绩排名" + ("" if view.decrypted else "（解密前，按赛位号）"))
    # a short list on a narrow terminal (the demo's top 10 at 80 columns) shows who, the total and the award
    # rather than thirteen columns cut to "张…"; `contest standings` on a wide terminal shows every part
    compact = bool(top) and console.width < 120
    cols = (
        ["名次", "赛位号"]
        + (["姓名", "单位"] if view.decrypted else [])
        + ([] if compact else ["理论", *view.module_codes, "实操"])
        + ["总分", "奖项"]
        + ([] if compact else ["备注"])
    )
    for c in cols:
        t.add_column(c, no_wrap=c in ("名次", "赛位号", "姓名", "总分"))
    for i, line in enumerate(view.lines):
        if top and i >= top:
            break
        cells = [str(line.rank or "—"), line.station] + ([line.name, line.unit] if view.decrypted else [])
        if not compact:
            cells += [str(line.theory if line.theory is not None else "—")]
            cells += [
                CHECKIN_LABELS[line.checkin[c]][0]  # 检录: 缺考 / 弃权 / 取消资格 instead of a number
                if c in line.checkin
                else str(line.modules.get(c) if line.modules.get(c) is not None else "—")
                for c in view.module_codes
            ]
            cells += [str(line.practical)]
        award = " ".join(filter(None, [line.award, *line.titles]))  # with any 技术能手 nomination
        cells += [str(line.total), award] + ([] if compact else [line.remark])
        row(t, *cells)
    console.print(t)
    for n in view.award_notes:
        console.print(Text(f"· {n}"))
