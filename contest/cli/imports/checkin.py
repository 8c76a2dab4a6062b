"""``contest import checkin``: a check-in list (each station's state in a module), through the steps every import
shares (:mod:`contest.cli.imports.steps`): the file must exist, the official signs in, the file is read and every
problem located in an annotated copy, nothing is recorded unless the whole file is clean, and what was read is
reported. One contestant at a time is ``contest checkin`` (:mod:`contest.cli.checkin`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contest.cli.common import AsJudge, console, state, t
from contest.cli.imports.steps import accepted, busy, sign_in
from contest.cli.output import friendly


@friendly
def import_checkin_cmd(
    file: Annotated[Path, typer.Argument(help="检录表 .xlsx/.csv（赛位号、模块、检录状态、备注）")],
    module: Annotated[str | None, typer.Option(help="表中没有“模块”列时，所有行的模块")] = None,
    judge: AsJudge = None,
) -> None:
    """导入检录表：每个赛位在某模块的检录状态（全部无误才登记）/ import a check-in list."""
    sv, actor, _ = sign_in(judge, "登记检录", file)
    from contest.intake.checkin import import_checkins

    with busy("cli.import.reading_checkin"):
        result = import_checkins(
            file, module=module, modules=[m.code for m in sv.info().modules], lang=state.lang
        )
    records = accepted(file, result, "cli.import.empty.checkin", "cli.import.noun.checkin")
    with busy("cli.import.storing"):
        n = sv.import_checkins(actor, [(r.station, r.module, r.state, r.note) for r in records])
    console.print(t("cli.import.checkin_done", n=n))
