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

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.door import CorrChief, CorrReason, CorrSupervisor, correction
from contest.cli.output import friendly, row
from contest.i18n import catalogue

COLUMNS = (
    "id",
    "kind",
    "state",
    "station",
    "name",
    "module",
    "time",
    "text",
    "ruling",
    "reopened",
    "decision",
)
"""The appeal log's columns (``cmd.appeals.col.<name>``)."""


def _label(what: str, value: str, labels: dict[str, str]) -> str:
    """An appeal's kind or state in the session's language (an unknown one as stored)."""
    key = f"cmd.appeals.{what}.{value}"
    return t(key) if key in catalogue() else labels.get(value, value)


def _reopened(reopen: list[str] | None) -> str:
    """ ", the sheets of … reopened" after a decision that reopened sheets; nothing otherwise."""
    return escape(t("cmd.appeal.reopened", judges=", ".join(reopen))) if reopen else ""


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
    console.print(f"[green]✓ {t('cmd.appeal.filed', id=aid)}[/]")


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
    console.print(f"[green]✓ {t('cmd.appeal.ruled', id=appeal_id)}[/]" + _reopened(reopen))


@friendly
def appeals() -> None:
    """申诉记录（申诉与公示期异议、复核、提请仲裁、仲裁决定）/ the appeal log."""
    from contest.services.appeals import APPEAL_STATES, KINDS

    table = Table(title=t("cmd.appeals.title"))
    for c in COLUMNS:
        table.add_column(t(f"cmd.appeals.col.{c}"), overflow="fold")
    sep = t("cmd.sep")
    for a in services().appeals():
        text = t("cmd.appeals.objector", text=a.text, objector=a.objector) if a.objector else a.text
        ruling = t("cmd.appeals.by", text=a.ruling, who=a.ruled_by) if a.ruling else ""
        if a.escalation:
            ruling += "\n" + t("cmd.appeals.escalation", text=a.escalation)
        decided = t("cmd.appeals.by", text=a.decision, who=sep.join(a.panel)) if a.decision else ""
        row(
            table,
            str(a.id),
            _label("kind", a.kind, KINDS),
            _label("state", a.state, APPEAL_STATES),
            a.station,
            a.name,
            a.module_code or "",
            a.lodged_at,
            text,
            ruling,
            ",".join(a.reopened + a.arbitration_reopened),
            decided,
        )
    console.print(table)


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
    console.print(f"[green]✓ {t('cmd.appeal.escalated', id=appeal_id)}[/]")


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
    console.print(f"[green]✓ {t('cmd.appeal.arbitrated', id=appeal_id)}[/]" + _reopened(reopen))


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
    console.print(f"[green]✓ {t('cmd.appeal.objection_filed', id=oid)}[/]")


@friendly
def publish(judge: AsJudge = None) -> None:
    """成绩公示：记录公示时间，公示期异议由此起算（组织者或裁判长）/ record the publication of the results."""
    sv = services()
    sv.publish(official(sv, judge, "公示成绩"))
    console.print(f"[green]✓ {t('cmd.appeal.published')}[/]")
