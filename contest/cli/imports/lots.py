"""``contest import lots``: the 抽签表 (the lots contestants drew by hand at 检录), through the steps every import
shares (:mod:`contest.cli.imports.steps`): the file must exist, the official signs in, the file is read and every
problem located in an annotated copy, nothing is stored unless the whole file is clean, and what was read is
reported. Whether each contestant exists, the range 1…N and clashes with lots already keyed are the services'."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contest.cli.common import AsJudge, console, state, t
from contest.cli.imports.steps import accepted, busy, sign_in
from contest.cli.output import friendly


@friendly
def import_lots_cmd(
    file: Annotated[Path, typer.Argument(help="抽签表 .xlsx/.csv（姓名、身份证号、抽签号）")],
    judge: AsJudge = None,
) -> None:
    """导入抽签表：选手检录时抽到的抽签号（全部无误才登记）/ import the lots drawn at check-in."""
    sv, actor, _ = sign_in(judge, "录入抽签号", file)
    from contest.intake.lots import import_lots
    from contest.services import LotIn

    with busy("cli.import.reading_lots"):
        result = import_lots(file, lang=state.lang)
    records = accepted(file, result, "cli.import.empty.lots", "cli.import.noun.lots")
    lots = [LotIn(r.number, r.name, r.id_number, r.source_row) for r in records]
    with busy("cli.import.storing"):
        n = sv.import_lots(actor, lots, sheet=result.sheet)
    st = sv.encryption()
    console.print(t("cli.import.lots_done", n=n, keyed=st.keyed, contestants=st.contestants))
