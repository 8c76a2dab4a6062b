"""CLI commands of judge groups and sessions (评分分组与场次): ``contest schedule plan|import|show`` and
``contest groups report`` (printed by ``contest print schedule|groups``). Judges are put in groups with
``contest judges assign CODE A --group 1`` or the judge list's 评分组 column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, console, official, services
from contest.cli.output import friendly, row
from contest.errors import ImportRefused

schedule_app = typer.Typer(help="场次安排（分组评分）/ sessions of the judge groups")
groups_app = typer.Typer(help="评分分组 / judge groups")

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]


def _label(group: str) -> str:
    from contest.services.grouping import group_label

    return group_label(group)


def _show(views: list) -> None:  # type: ignore[type-arg]
    t = Table(title="场次安排 / sessions")
    for c in ("模块", "场次", "开始", "结束", "赛道", "评分组", "裁判", "赛位号", "人数"):
        t.add_column(c)
    for v in views:
        row(
            t,
            v.module_code,
            f"第{v.number}场",
            v.starts,
            v.ends,
            v.track,
            _label(v.group),
            "、".join(v.judges),
            "、".join(v.stations),
            len(v.stations),
        )
    console.print(t)


@schedule_app.command("plan")
@friendly
def schedule_plan(
    module: ModuleArg,
    per_session: Annotated[int, typer.Option("--per-session", help="每场最多赛位数")],
    start: Annotated[str, typer.Option(help="第一轮开始时间，如 “2026-12-10 08:30”")] = "",
    minutes: Annotated[int, typer.Option(help="每场时长（分钟）")] = 0,
    gap: Annotated[int, typer.Option(help="两轮之间的间隔（分钟，换场、清场）")] = 0,
    tracks: Annotated[str, typer.Option(help="各评分组的赛道，按组的顺序，用逗号分隔")] = "",
    as_: AsJudge = None,
) -> None:
    """按抽签结果编排场次（组织者）：赛位按号切成场次，依次交给各评分组；同一轮的场次同时进行 / plan sessions."""
    sv = services()
    names = [t.strip() for t in tracks.replace("，", ",").split(",") if t.strip()]
    views = sv.plan_schedule(
        official(sv, as_, "编排场次"),
        module,
        per_session,
        start=start,
        minutes=minutes,
        gap=gap,
        tracks=names,
    )
    _show(views)
    console.print(f"[green]✓ 模块 {escape(module)} 共 {len(views)} 场[/]")


@schedule_app.command("import")
@friendly
def schedule_import(
    module: ModuleArg,
    file: Annotated[
        Path, typer.Argument(help="场次安排表 .xlsx（场次、评分组、赛位号，可有开始、结束、赛道）")
    ],
    sheet: Annotated[str | None, typer.Option(help="工作表名称（默认第一张）")] = None,
    as_: AsJudge = None,
) -> None:
    """导入组织方的场次安排表（组织者）：全部赛位须各排入一场，有错则不导入 / import the sessions."""
    from contest.intake.schedule import read_schedule
    from contest.services import SessionIn

    sv = services()
    actor = official(sv, as_, "编排场次")
    result = read_schedule(file, sheet=sheet)
    if result.problems:
        raise ImportRefused(list(result.problems))
    sessions = [SessionIn(r.number, r.group, r.stations, r.starts, r.ends, r.track) for r in result.records]
    views = sv.set_schedule(actor, module, sessions)
    _show(views)
    console.print(f"[green]✓ 模块 {escape(module)} 导入 {len(views)} 场[/]")


@schedule_app.command("show")
@friendly
def schedule_show(
    module: Annotated[str | None, typer.Argument(help="模块代码（默认全部）")] = None, as_: AsJudge = None
) -> None:
    """查看场次安排 / show the sessions."""
    sv = services()
    views = sv.schedule(official(sv, as_, "查看场次"), module)
    if not views:
        console.print("还没有编排场次 / no sessions yet")
        return
    _show(views)


def _num(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@groups_app.command("report")
@friendly
def groups_report(module: ModuleArg, as_: AsJudge = None) -> None:
    """分组评分宽严对照（裁判长、监督）：各组平均分与标定偏差，超出容差的组在签核前须说明 / compare the groups."""
    sv = services()
    fair = sv.group_fairness(official(sv, as_, "分组宽严对照"), module)
    if fair is None:
        console.print(f"模块 {escape(module)} 没有评分分组 / no judge groups")
        return
    t = Table(title=f"模块 {escape(module)} 分组评分宽严对照 / judge groups compared")
    for c in ("评分组", "裁判", "选手数", "平均分", "标准差", "与其他组之差", "标定偏差", "标定之差", "结论"):
        t.add_column(c)
    for g in fair.groups:
        verdict = "、".join(
            {"mean": "平均分差超出容差", "calibration": "标定偏差超出容差"}[f] for f in g.flags
        )
        row(
            t,
            _label(g.group),
            "、".join(g.judges),
            g.contestants,
            _num(g.mean),
            _num(g.spread),
            _num(g.gap),
            _num(g.calibration_bias),
            _num(g.calibration_gap),
            verdict or "正常",
        )
    console.print(t)
    r = fair.rules
    console.print(
        f"容差：平均分差 {r.mean_gap} 分，标定偏差差 {r.calibration_gap} 分；少于 {r.min_contestants} 名选手的组不比较"
        "平均分。不对任何成绩做调整。"
    )
    if fair.flagged:
        console.print("[yellow]有评分组超出容差：签核该模块须填写理由（contest sign-off … --reason）[/]")
