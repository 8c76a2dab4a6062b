"""CLI commands of the encryptions: ``contest draw [--stage 1|2]``, ``contest lots WHO NUMBER`` and
``contest import lots FILE`` (registered on the main app by :mod:`contest.cli`). The sealed sheets are printed by
``contest print draw-sheet`` and decryption is ``contest decrypt``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from contest.cli import AsJudge, app, console, friendly, import_app, official, services
from contest.errors import ImportRefused

StageOpt = Annotated[
    int | None,
    typer.Option(
        "--stage",
        help="两步加密（[draw] stages = 2）：1 一次加密（抽签号），2 二次加密（赛位号，由另一名加密裁判）",
    ),
]


@app.command()
@friendly
def draw(
    judge: AsJudge = None,
    seed: Annotated[str | None, typer.Option(help="随机种子（默认随机生成并记录）")] = None,
    stage: StageOpt = None,
) -> None:
    """抽签加密（抽签号、赛位号）/ the draw: draw numbers and station numbers."""
    sv = services()
    actor = official(sv, judge, "抽签加密")
    used = sv.draw(actor, seed, stage=stage)
    # the encryption judge's own terminal, as before: the seed is in the chain and on the sealed sheet, never public
    kept = f"，种子 {escape(used)}（已记入审计链）" if used else ""
    if stage == 1:
        console.print(f"[green]✓ 一次加密（抽签号）已封存[/]{kept}；二次加密须由另一名加密裁判完成")
        return
    per_module = sv.config().draw_scope == "module"
    scope = "各模块分别抽赛位号 / per module" if per_module else "全场统一赛位号 / one per contestant"
    console.print(f"[green]✓ 抽签完成[/]（二次加密：{scope}）{kept}")


@app.command()
@friendly
def lots(
    who: Annotated[str, typer.Argument(help="选手身份证号或姓名（重名时用身份证号）")],
    number: Annotated[int, typer.Argument(help="选手检录时抽到的抽签号")],
    judge: AsJudge = None,
) -> None:
    """录入选手检录时抽到的抽签号（[draw] lots = "drawn"；一次加密封存前可改）/ key in a hand-drawn lot."""
    sv = services()
    actor = official(sv, judge, "录入抽签号")
    sv.set_lot(actor, who, number)
    st = sv.encryption()
    console.print(f"[green]✓ {escape(who)}：抽签号 {number}[/]（已录入 {st.keyed}/{st.contestants}）")


@import_app.command("lots")
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
