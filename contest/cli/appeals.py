"""Appeals on the command line: lodging (``contest appeal``), the first ruling (``contest ruling``), the log
(``contest appeals``), the arbitration panel (``contest escalate``, ``contest arbitrate``) and publication
(``contest objection``, ``contest publish``). Their documents are ``contest print appeal-register`` and
``contest print arbitration-decision`` (:mod:`contest.cli.printouts`).

Every command here but the log writes, so it goes through the ``--as`` PIN door; the services check the roles.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, console, official, services
from contest.cli.door import CorrChief, CorrReason, CorrSupervisor, correction
from contest.cli.output import friendly, row


@friendly
def appeal(
    station: Annotated[
        str,
        typer.Argument(
            help="赛位号（按模块抽签时为所申诉模块的赛位号；未指明 --module 的申诉（理论、总分）则填抽签号）"
        ),
    ],
    text: Annotated[str, typer.Option(help="申诉内容")],
    module: Annotated[str | None, typer.Option(help="模块代码")] = None,
    judge: AsJudge = None,
) -> None:
    """登记申诉 / record an appeal."""
    sv = services()
    actor = official(sv, judge, "登记申诉")
    aid = sv.lodge_appeal(actor, station, module, text)
    console.print(f"[green]✓ 申诉 #{aid} 已登记[/]")


@friendly
def ruling(
    appeal_id: Annotated[int, typer.Argument(help="申诉编号")],
    text: Annotated[str, typer.Option(help="裁决内容")],
    reopen: Annotated[list[str] | None, typer.Option(help="重开这些裁判的评分表（可多次）")] = None,
    judge: AsJudge = None,
    chief: Annotated[str | None, typer.Option("--chief", help="更正：裁判长编号（解密后重开时）")] = None,
    supervisor: Annotated[str | None, typer.Option("--supervisor", help="更正：监督编号")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="更正理由")] = None,
) -> None:
    """申诉复核结论（裁判长或监督；可重开评分表；解密后重开须走更正程序）/ the first ruling on an appeal."""
    sv = services()
    actor = official(sv, judge, "裁决申诉")
    fix = correction(sv, actor, chief, supervisor, reason)
    sv.rule_appeal(actor, appeal_id, text, reopen or [], correction=fix)
    console.print(
        f"[green]✓ 申诉 #{appeal_id} 已裁决[/]"
        + (escape(f"，已重开 {', '.join(reopen)} 的评分表") if reopen else "")
    )


@friendly
def appeals() -> None:
    """申诉记录（申诉与公示期异议、复核、提请仲裁、仲裁决定）/ the appeal log."""
    from contest.services.appeals import APPEAL_STATES, KINDS

    t = Table(title="申诉记录 / appeals")
    for c in ("编号", "类别", "状态", "赛位号", "姓名", "模块", "时间", "内容", "复核", "重开", "仲裁决定"):
        t.add_column(c, overflow="fold")
    for a in services().appeals():
        text = f"{a.text}（异议人：{a.objector}）" if a.objector else a.text
        ruling = f"{a.ruling}（{a.ruled_by}）" if a.ruling else ""
        if a.escalation:
            ruling += f"\n提请仲裁：{a.escalation}"
        decided = f"{a.decision}（{'、'.join(a.panel)}）" if a.decision else ""
        row(
            t,
            str(a.id),
            KINDS.get(a.kind, a.kind),
            APPEAL_STATES.get(a.state, a.state),
            a.station,
            a.name,
            a.module_code or "",
            a.lodged_at,
            text,
            ruling,
            ",".join(a.reopened + a.arbitration_reopened),
            decided,
        )
    console.print(t)


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


@friendly
def publish(judge: AsJudge = None) -> None:
    """成绩公示：记录公示时间，公示期异议由此起算（组织者或裁判长）/ record the publication of the results."""
    sv = services()
    sv.publish(official(sv, judge, "公示成绩"))
    console.print("[green]✓ 已记录成绩公示，公示期异议期限由此起算[/]")
