"""CLI commands of the arbitration panel and publication: ``contest escalate``, ``contest arbitrate``,
``contest objection``, ``contest publish``, ``contest print appeal-register`` and ``contest print
arbitration-decision`` (registered on the main app by :mod:`contest.cli`). Lodging and the first ruling
(``contest appeal``, ``contest ruling``) and the log (``contest appeals``) stay in :mod:`contest.cli`.

Every command here writes or prints, so it goes through the ``--as`` PIN door; the services check the roles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from contest.cli import AsJudge, app, console, friendly, official, print_app, services, state
from contest.cli.door import CorrChief, CorrReason, CorrSupervisor, correction

FontOpt = Annotated[str | None, typer.Option("--font", help="TrueType 字体文件")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="输出文件")]


@app.command()
@friendly
def escalate(
    appeal_id: Annotated[int, typer.Argument(help="申诉编号")],
    text: Annotated[str, typer.Option(help="选手对复核结论不服的理由")],
    judge: AsJudge = None,
) -> None:
    """提请仲裁：选手对复核结论不服，在期限内交仲裁组（监督或仲裁组登记）/ escalate an appeal to the arbitration
    panel."""
    sv = services()
    sv.escalate_appeal(official(sv, judge, "提请仲裁"), appeal_id, text)
    console.print(f"[green]✓ 申诉 #{appeal_id} 已提请仲裁组[/]")


@app.command()
@friendly
def arbitrate(
    appeal_id: Annotated[int, typer.Argument(help="申诉或异议编号")],
    opinion: Annotated[str, typer.Option(help="仲裁意见")],
    decision: Annotated[str, typer.Option(help="仲裁决定（最终决定）")],
    reopen: Annotated[list[str] | None, typer.Option(help="重开这些裁判的评分表（可多次）")] = None,
    judge: AsJudge = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """仲裁决定（仲裁组，最终决定；解密后重开评分表须走更正程序）/ the arbitration panel's final decision."""
    sv = services()
    actor = official(sv, judge, "仲裁决定")
    fix = correction(sv, actor, chief, supervisor, reason)
    sv.arbitrate(actor, appeal_id, opinion, decision, reopen or [], correction=fix)
    console.print(
        f"[green]✓ 申诉 #{appeal_id} 已作出仲裁决定（最终）[/]"
        + (escape(f"，已重开 {', '.join(reopen)} 的评分表") if reopen else "")
    )


@app.command()
@friendly
def objection(
    station: Annotated[str, typer.Argument(help="赛位号（未指明 --module 时为全场赛位号或抽签号）")],
    text: Annotated[str, typer.Option(help="异议内容")],
    objector: Annotated[str, typer.Option(help="异议人实名及联系方式")],
    module: Annotated[str | None, typer.Option(help="模块代码")] = None,
    judge: AsJudge = None,
) -> None:
    """登记公示期异议（公示后 objection_days 日内，实名书面，由仲裁组决定）/ record an objection during
    publication."""
    sv = services()
    oid = sv.lodge_objection(official(sv, judge, "登记公示期异议"), station, module, text, objector)
    console.print(f"[green]✓ 公示期异议 #{oid} 已登记，交仲裁组决定[/]")


@app.command()
@friendly
def publish(judge: AsJudge = None) -> None:
    """成绩公示：记录公示时间，公示期异议由此起算（组织者或裁判长）/ record the publication of the results."""
    sv = services()
    sv.publish(official(sv, judge, "公示成绩"))
    console.print("[green]✓ 已记录成绩公示，公示期异议期限由此起算[/]")


@print_app.command("appeal-register")
@friendly
def print_appeal_register(out: OutOpt = None, font: FontOpt = None, judge: AsJudge = None) -> None:
    """申诉登记表（全部申诉与异议；解密前不含姓名）/ the appeal register."""
    from contest.outputs import write_appeal_register

    sv = services()
    actor = official(sv, judge, "打印")
    path = write_appeal_register(sv, actor, out or Path("申诉登记表.pdf"), lang=state.lang, font=font)
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("arbitration-decision")
@friendly
def print_arbitration_decision(
    appeal_id: Annotated[int, typer.Argument(help="申诉或异议编号")],
    out: OutOpt = None,
    font: FontOpt = None,
    judge: AsJudge = None,
) -> None:
    """仲裁决定书（一项已作出仲裁决定的申诉或异议）/ the arbitration decision of one appeal."""
    from contest.outputs import write_arbitration_decision

    sv = services()
    actor = official(sv, judge, "打印")
    path = write_arbitration_decision(
        sv, actor, out or Path(f"仲裁决定书_{appeal_id}.pdf"), appeal_id, lang=state.lang, font=font
    )
    console.print(f"[green]✓[/] {escape(str(path))}")
