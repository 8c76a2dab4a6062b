"""CLI commands printing the documents of judge groups (评分分组): ``contest print schedule`` (场次安排表) and
``contest print groups MODULE`` (分组评分宽严对照表), registered on ``contest print`` by :mod:`contest.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from contest.cli import AsJudge, console, friendly, official, print_app, services, state

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]


@print_app.command("schedule")
@friendly
def print_schedule(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件")] = None,
    font: Annotated[str | None, typer.Option("--font", help="TrueType 字体文件")] = None,
    judge: AsJudge = None,
) -> None:
    """场次安排表 PDF（组织者、裁判长、监督；只列赛位号，可张贴）/ the session schedule, stations only."""
    from contest.outputs import write_schedule

    sv = services()
    actor = official(sv, judge, "打印")
    path = write_schedule(sv, actor, out or Path("场次安排表.pdf"), lang=state.lang, font=font)
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("groups")
@friendly
def print_groups(
    module: ModuleArg,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件")] = None,
    font: Annotated[str | None, typer.Option("--font", help="TrueType 字体文件")] = None,
    judge: AsJudge = None,
) -> None:
    """分组评分宽严对照表 PDF（裁判长、监督；内部资料，不调整成绩）/ the judge groups compared."""
    from contest.outputs import write_group_fairness

    sv = services()
    actor = official(sv, judge, "打印")
    path = write_group_fairness(
        sv, actor, out or Path(f"分组评分宽严对照表_{module}.pdf"), module, lang=state.lang, font=font
    )
    console.print(f"[green]✓[/] {escape(str(path))}")
