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

from contest.cli.common import AsJudge, console, official, services, state, t
from contest.cli.imports.steps import SheetOpt, accepted, busy, sheet_arg, sign_in
from contest.cli.output import friendly, row

schedule_app = typer.Typer(help="场次安排（分组评分）/ sessions of the judge groups")
groups_app = typer.Typer(help="评分分组 / judge groups")

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]


def _label(group: str) -> str:
    from contest.services.grouping import group_label

    return group_label(group, state.lang)


def _show(views: list) -> None:  # type: ignore[type-arg]
    table = Table(title=t("cmd.schedule.title"))
    for c in ("module", "session", "starts", "ends", "track", "group", "judges", "stations", "count"):
        table.add_column(t(f"cmd.schedule.col.{c}"))
    sep = t("cmd.sep")
    for v in views:
        row(
            table,
            v.module_code,
            t("cmd.schedule.session", n=v.number),
            v.starts,
            v.ends,
            v.track,
            _label(v.group),
            sep.join(v.judges),
            sep.join(v.stations),
            len(v.stations),
        )
    console.print(table)


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
    names = [x.strip() for x in tracks.replace("，", ",").split(",") if x.strip()]
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
    console.print(f"[green]✓ {t('cmd.schedule.planned', module=escape(module), n=len(views))}[/]")


@schedule_app.command("import")
@friendly
def schedule_import(
    module: ModuleArg,
    file: Annotated[
        Path, typer.Argument(help="场次安排表 .xlsx（场次、评分组、赛位号，可有开始、结束、赛道）")
    ],
    sheet: SheetOpt = None,
    as_: AsJudge = None,
) -> None:
    """导入组织方的场次安排表（组织者）：全部赛位须各排入一场，有错则不导入 / import the sessions.

    Through the steps every import shares (:mod:`contest.cli.imports.steps`): the file must exist, the official
    signs in, every problem is located in an annotated copy, nothing is stored unless the whole file is clean."""
    sv, actor, _ = sign_in(as_, "编排场次", file)
    from contest.intake.schedule import read_schedule
    from contest.services import SessionIn

    with busy("cmd.schedule.reading"):
        result = read_schedule(file, sheet=sheet_arg(sheet), lang=state.lang)
    records = accepted(file, result, "cmd.schedule.empty", "cmd.schedule.noun")
    sessions = [SessionIn(r.number, r.group, r.stations, r.starts, r.ends, r.track) for r in records]
    with busy("cmd.schedule.storing"):
        views = sv.set_schedule(actor, module, sessions)
    _show(views)
    console.print(f"[green]✓ {t('cmd.schedule.imported', module=escape(module), n=len(views))}[/]")


@schedule_app.command("show")
@friendly
def schedule_show(
    module: Annotated[str | None, typer.Argument(help="模块代码（默认全部）")] = None, as_: AsJudge = None
) -> None:
    """查看场次安排 / show the sessions."""
    sv = services()
    views = sv.schedule(official(sv, as_, "查看场次"), module)
    if not views:
        console.print(t("cmd.schedule.none"))
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
        console.print(t("cmd.groups.none", module=escape(module)))
        return
    table = Table(title=t("cmd.groups.title", module=escape(module)))
    for c in ("group", "judges", "contestants", "mean", "spread", "gap", "bias", "bias_gap", "verdict"):
        table.add_column(t(f"cmd.groups.col.{c}"))
    sep = t("cmd.sep")
    for g in fair.groups:
        verdict = sep.join(t(f"cmd.groups.flag.{f}") for f in g.flags)
        row(
            table,
            _label(g.group),
            sep.join(g.judges),
            g.contestants,
            _num(g.mean),
            _num(g.spread),
            _num(g.gap),
            _num(g.calibration_bias),
            _num(g.calibration_gap),
            verdict or t("cmd.groups.normal"),
        )
    console.print(table)
    r = fair.rules
    console.print(
        t("cmd.groups.rules", mean=r.mean_gap, calibration=r.calibration_gap, contestants=r.min_contestants)
    )
    if fair.flagged:
        console.print(f"[yellow]{t('cmd.groups.flagged')}[/]")
