"""The encryptions on the command line: ``contest draw [--stage 1|2]``, ``contest lots WHO NUMBER`` and
``contest decrypt``. A whole list of lots is ``contest import lots FILE`` (:mod:`contest.cli.imports.lots`) and the
sealed sheets are printed by ``contest print draw-sheet``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.door import pin_for
from contest.cli.output import friendly

StageOpt = Annotated[
    int | None,
    typer.Option(
        "--stage",
        help="两步加密（[draw] stages = 2）：1 一次加密（抽签号），2 二次加密（赛位号，由另一名加密裁判）",
    ),
]


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
    kept = t("cmd.draw.seed", seed=escape(used)) if used else ""
    if stage == 1:
        console.print(f"[green]✓ {t('cmd.draw.stage1')}[/]{kept}{t('cmd.draw.stage2_next')}")
        return
    per_module = sv.config().draw_scope == "module"
    scope = t("cmd.draw.per_module") if per_module else t("cmd.draw.per_contestant")
    console.print(f"[green]✓ {t('cmd.draw.done')}[/]{t('cmd.draw.scope', scope=scope)}{kept}")


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
    console.print(
        f"[green]✓ {t('cmd.lots.done', who=escape(who), number=number)}[/]"
        + t("cmd.lots.progress", keyed=st.keyed, of=st.contestants)
    )


@friendly
def decrypt(
    chief: Annotated[str | None, typer.Option(help="裁判长编号（不给则提示输入）/ chief judge code")] = None,
    supervisor: Annotated[
        str | None, typer.Option(help="监督编号（不给则提示输入）/ supervisor code")
    ] = None,
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key",
            help="持有加密对照表的加密裁判编号（可多次；[draw] decrypt_with_keys 时须到场输入PIN）/ a key holder",
        ),
    ] = None,
) -> None:
    """解密：裁判长与监督各自输入PIN；两步加密时各阶段加密裁判也输入PIN开启各自的对照表 / decryption by two
    officials (and, with two encryption stages, each stage's key holder)."""
    chief = chief or typer.prompt(t("cmd.decrypt.chief_prompt"))
    supervisor = supervisor or typer.prompt(t("cmd.decrypt.supervisor_prompt"))
    sv = services()
    cp = pin_for(chief, primary=False)
    sp = pin_for(supervisor, primary=False)
    keys = [(code, pin_for(code, primary=False)) for code in key or []]
    sv.decrypt(chief, cp, supervisor, sp, keys)
    console.print(f"[green]✓ {t('cmd.decrypt.done')}[/]")
