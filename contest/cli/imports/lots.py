"""``contest import lots``: the 抽签表 (the lots contestants drew by hand at 检录). Whether each contestant exists,
the range 1…N and clashes with lots already keyed are the services'."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contest.cli.common import AsJudge, console, official, services
from contest.cli.output import friendly
from contest.errors import ImportRefused


@friendly
def import_lots_cmd(
    file: Annotated[Path, typer.Argument(help="抽签表 .xlsx/.csv（姓名、身份证号、抽签号）")],
    judge: AsJudge = None,
) -> None:
    """导入抽签表：选手检录时抽到的抽签号（全部无误才登记）/ import the lots drawn at check-in."""
    from contest.intake.lots import import_lots
    from contest.services import LotIn

    sv = services()
    actor = official(sv, judge, "录入抽签号")
    result = import_lots(file)
    if result.problems:
        raise ImportRefused(list(result.problems))
    records = [LotIn(r.number, r.name, r.id_number, r.source_row) for r in result.records]
    n = sv.import_lots(actor, records, sheet=result.sheet)
    st = sv.encryption()
    console.print(f"[green]✓ 已登记 {n} 个抽签号[/]（已录入 {st.keyed}/{st.contestants}）")
