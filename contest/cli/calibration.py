"""CLI commands of the calibration round (评分标定): ``contest calibration add|close|report`` (its report is printed
by ``contest print calibration``). Judges mark calibration performances at their terminals; these commands are the
chief judge's."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, console, official, services
from contest.cli.output import friendly, row
from contest.errors import ContestError
from scoresheets.numbers import half_up

calibration_app = typer.Typer(help="评分标定（正式评分前全体裁判评同一示范）/ the calibration round")

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]
FLAGS = {"levels": "等级相差大", "spread": "偏差超限", "rules": "扣分点不一致"}


def _num(value: Decimal) -> str:
    return f"{half_up(value, 2):.2f}"


def _pct(value: Decimal) -> str:
    return f"{half_up(value * 100, 1):.1f}%"


@calibration_app.command("add")
@friendly
def calibration_add(
    module: ModuleArg,
    title: Annotated[str, typer.Option(help="名称，如“示范录像一”（留空自动编号）")] = "",
    judge: AsJudge = None,
) -> None:
    """新增一个标定（裁判长）：该模块全体评分裁判在终端上评同一示范，成绩不计入 / add a calibration performance."""
    sv = services()
    code = sv.add_calibration(official(sv, judge, "新增标定"), module, title)
    console.print(f"[green]✓ 模块 {escape(module)} 新增标定 {code}[/]（裁判终端的赛位列表最上方）")


@calibration_app.command("close")
@friendly
def calibration_close(module: ModuleArg, judge: AsJudge = None) -> None:
    """结束标定（裁判长）：裁判不能再改标定评分；要求标定的模块随即可以正式评分 / close the round."""
    sv = services()
    n = sv.close_calibration(official(sv, judge, "结束标定"), module)
    console.print(f"[green]✓ 模块 {escape(module)} 已结束 {n} 个标定[/]")


@calibration_app.command("report")
@friendly
def calibration_report(module: ModuleArg, judge: AsJudge = None) -> None:
    """标定结果（裁判长、监督）：需要统一尺度的评分项、各裁判偏差与一致性 / the calibration figures."""
    sv = services()
    view = sv.calibration_report(official(sv, judge, "查看标定"), module)
    report = view.report
    for p in view.performances:
        state_ = "已结束" if p.closed else "进行中"
        console.print(
            f"标定 {p.code} {escape(p.title)}（{state_}）：已提交 {len(p.submitted)}/{len(view.judges)} "
            + escape(" ".join(p.submitted))
        )
    if view.missing:
        console.print("[yellow]未提交：" + escape("、".join(f"{p}/{j}" for p, j in view.missing)) + "[/]")
    if not report.performances:
        raise ContestError("还没有已提交的标定评分表 / no calibration sheet has been submitted yet")
    items = Table(title=f"模块 {escape(module)} 需在评判说明会上讨论的评分项 / items to discuss")
    for col in ("评分项", "配分", "极差", "平均偏差", "占配分", "原因"):
        items.add_column(col)
    for item in report.flagged:
        why = "、".join(FLAGS[f] for f in item.flags)
        splits = "；".join(
            f"{s.performance} {s.code} {len(s.applied_by)}/{s.judges}" for s in item.rule_splits
        )
        row(
            items,
            item.item_id,
            _num(item.points),
            _num(item.spread),
            _num(item.mad),
            _pct(item.mad_share),
            why + (f"（{splits}）" if splits else ""),
        )
    console.print(items if report.flagged else "[green]各评分项评分一致，没有需要讨论的评分项[/]")
    judges = Table(title="裁判一致性 / judges")
    for col in ("裁判", "已交", "平均偏差", "占配分", "总分偏差", "偏离较大的评分项"):
        judges.add_column(col)
    for j in report.judge_figures:
        lean = "偏严" if j.bias < 0 else "偏宽" if j.bias > 0 else ""
        row(
            judges,
            f"{j.judge} {view.judges.get(j.judge, '')}",
            str(j.marked),
            _num(j.mad),
            _pct(j.mad_share),
            f"{_num(j.bias)} {lean}",
            "、".join(j.far_items) or "—",
        )
    console.print(judges)
    w = report.kendall_w
    console.print(
        f"肯德尔和谐系数 W = {_num(w)}（{len(report.w_judges)} 名裁判 × {len(report.performances)} 个标定）"
        if w is not None
        else "W：至少需要 2 个标定和 2 名裁判全部提交"
    )
