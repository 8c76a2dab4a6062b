"""检录 and 回避 on the command line: ``contest checkin`` (one contestant's check-in state in a module) and
``contest avoid-override`` (the chief judge lets a judge in recusal mark one contestant). A whole check-in list is
``contest import checkin`` (:mod:`contest.cli.imports.checkin`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.output import friendly


@friendly
def checkin(
    station: Annotated[str, typer.Argument(help="该模块的赛位号")],
    module: Annotated[str, typer.Option(help="模块代码，如 A")],
    state_: Annotated[
        str,
        typer.Option(
            "--state", help="present（已检录）、absent（缺考）、withdrew（弃权）、disqualified（取消资格）"
        ),
    ],
    note: Annotated[str, typer.Option(help="备注（如缺考原因）")] = "",
    judge: AsJudge = None,
) -> None:
    """检录：登记选手在某模块的到场状态（组织者或裁判长）/ record a contestant's check-in state in a module."""
    sv = services()
    actor = official(sv, judge, "登记检录")
    sv.checkin(actor, station, module, state_, note)
    label = t(f"cmd.checkin.state.{state_}")
    console.print(
        f"[green]✓ {t('cmd.checkin.done', module=escape(module), station=escape(station), state=label)}[/]"
        + (t("cmd.checkin.off_list") if state_ != "present" else "")
    )


@friendly
def avoid_override(
    station: Annotated[str, typer.Argument(help="该模块的赛位号")],
    module: Annotated[str, typer.Option(help="模块代码，如 A")],
    marker: Annotated[str, typer.Option(help="处于回避关系的评分裁判编号")],
    reason: Annotated[str, typer.Option(help="例外理由（记入审计，打印在评分表上）")],
    judge: AsJudge = None,
) -> None:
    """回避例外：裁判长准许某评分裁判评该赛位选手 / the chief judge lets a judge in recusal mark one contestant."""
    sv = services()
    actor = official(sv, judge, "回避例外")
    sv.avoid_override(actor, station, module, marker, reason)
    done = t("cmd.avoid_override.done", judge=escape(marker), module=escape(module), station=escape(station))
    console.print(f"[green]✓ {done}[/]")
