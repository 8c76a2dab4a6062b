"""``contest import checkin``: a check-in list (each station's state in a module), recorded only if every row is
right. One contestant at a time is ``contest checkin`` (:mod:`contest.cli.checkin`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contest.cli.common import AsJudge, console, official, services
from contest.cli.output import friendly
from contest.errors import ImportRefused


@friendly
def import_checkin_cmd(
    file: Annotated[Path, typer.Argument(help="检录表 .xlsx/.csv（赛位号、模块、检录状态、备注）")],
    module: Annotated[str | None, typer.Option(help="表中没有“模块”列时，所有行的模块")] = None,
    judge: AsJudge = None,
) -> None:
    """导入检录表：每个赛位在某模块的检录状态（全部无误才登记）/ import a check-in list."""
    from contest.intake.checkin import import_checkins

    sv = services()
    actor = official(sv, judge, "登记检录")
    result = import_checkins(file, module=module, modules=[m.code for m in sv.info().modules])
    if result.problems:
        raise ImportRefused(list(result.problems))
    n = sv.import_checkins(actor, [(r.station, r.module, r.state, r.note) for r in result.records])
    console.print(f"[green]✓ 已登记 {n} 条检录记录 / {n} check-in rows recorded[/]")
