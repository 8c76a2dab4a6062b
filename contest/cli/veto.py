"""CLI commands of veto confirmation by the chief judge (``[scoring] veto_confirmation = "chief"``):
``contest veto list|confirm|reject``. Confirming and rejecting go through the PIN door; after decryption they are
a 更正 (``--chief``, ``--supervisor``, ``--reason``)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.door import CorrChief, CorrReason, CorrSupervisor, correction
from contest.cli.output import friendly, row

veto_app = typer.Typer(help="否决建议的确认与驳回（裁判长）/ the chief judge's decisions on veto proposals")

StationArg = Annotated[str, typer.Argument(help="该模块的赛位号")]
ModuleOpt = Annotated[str, typer.Option("--module", "-m", help="模块代码，如 A")]
TextOpt = Annotated[str, typer.Option("--text", help="情况说明（确认）或驳回理由，最多 500 字")]
STATES = ("pending", "confirmed", "rejected")
"""A proposal's states (``cmd.veto.state.<name>``)."""
COLUMNS = ("module", "station", "votes", "state", "statement", "chief")


@veto_app.command("list")
@friendly
def veto_list(
    module: Annotated[str | None, typer.Option("--module", "-m", help="只列此模块")] = None,
    judge: AsJudge = None,
) -> None:
    """否决建议及其状态（待确认在前）/ veto proposals and their state, pending first."""
    sv = services()
    actor = official(sv, judge, "查看否决建议")
    proposals = sv.veto_proposals(actor, module)
    if not proposals:
        console.print(t("cmd.veto.none"))
        return
    table = Table(*(t(f"cmd.veto.col.{c}") for c in COLUMNS))
    for p in proposals:
        votes = t("cmd.semicolon").join(
            t("cmd.veto.vote", judge=v.judge, code=v.code, text=v.text) for v in p.votes
        )
        state = t(f"cmd.veto.state.{p.state}") if p.state in STATES else p.state
        row(table, p.module_code, p.station, votes, state, p.statement, p.decided_by)
    console.print(table)


def _decide(
    confirm: bool,
    station: str,
    module: str,
    text: str,
    judge: str | None,
    chief: str | None,
    supervisor: str | None,
    reason: str | None,
) -> None:
    sv = services()
    actor = official(sv, judge, "确认否决" if confirm else "驳回否决")
    fix = correction(sv, actor, chief, supervisor, reason)
    if confirm:
        sv.confirm_veto(actor, module, station, text, correction=fix)
        console.print(Text("✓ " + t("cmd.veto.confirmed", module=module, station=station), style="green"))
    else:
        sv.reject_veto(actor, module, station, text, correction=fix)
        console.print(Text("✓ " + t("cmd.veto.rejected", module=module, station=station), style="green"))


@veto_app.command("confirm")
@friendly
def veto_confirm(
    station: StationArg,
    module: ModuleOpt,
    text: TextOpt,
    judge: AsJudge = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """确认否决建议并填写情况说明（印在评分汇总表上）/ confirm a veto proposal with a written statement."""
    _decide(True, station, module, text, judge, chief, supervisor, reason)


@veto_app.command("reject")
@friendly
def veto_reject(
    station: StationArg,
    module: ModuleOpt,
    text: TextOpt,
    judge: AsJudge = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """驳回否决建议并说明理由（按评分计分）/ reject a veto proposal with a reason (the marks count)."""
    _decide(False, station, module, text, judge, chief, supervisor, reason)


__all__ = ["veto_app"]
