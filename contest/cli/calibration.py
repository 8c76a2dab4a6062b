"""CLI commands of the calibration round (评分标定): ``contest calibration add|close|report`` (its report is printed
by ``contest print calibration``). Judges mark calibration performances at their terminals; these commands are the
chief judge's."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.output import friendly, row
from contest.errors import ContestError
from contest.i18n import Msg
from scoresheets.numbers import half_up

calibration_app = typer.Typer(help="评分标定（正式评分前全体裁判评同一示范）/ the calibration round")

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]
FLAGS = ("levels", "spread", "rules")
"""Why an item is flagged (``cmd.calibration.flag.<name>``)."""


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
    console.print(
        f"[green]✓ {t('cmd.calibration.added', module=escape(module), code=code)}[/]"
        + t("cmd.calibration.added_where")
    )


@calibration_app.command("close")
@friendly
def calibration_close(module: ModuleArg, judge: AsJudge = None) -> None:
    """结束标定（裁判长）：裁判不能再改标定评分；要求标定的模块随即可以正式评分 / close the round."""
    sv = services()
    n = sv.close_calibration(official(sv, judge, "结束标定"), module)
    console.print(f"[green]✓ {t('cmd.calibration.closed', module=escape(module), n=n)}[/]")


@calibration_app.command("report")
@friendly
def calibration_report(module: ModuleArg, judge: AsJudge = None) -> None:
    """标定结果（裁判长、监督）：需要统一尺度的评分项、各裁判偏差与一致性 / the calibration figures."""
    sv = services()
    view = sv.calibration_report(official(sv, judge, "查看标定"), module)
    report = view.report
    for p in view.performances:
        state_ = t("cmd.calibration.closed_state") if p.closed else t("cmd.calibration.open_state")
        console.print(
            t(
                "cmd.calibration.performance",
                code=p.code,
                title=escape(p.title),
                state=state_,
                n=len(p.submitted),
                of=len(view.judges),
            )
            + " "
            + escape(" ".join(p.submitted))
        )
    sep = t("cmd.sep")
    if view.missing:
        missing = escape(sep.join(f"{p}/{j}" for p, j in view.missing))
        console.print(f"[yellow]{t('cmd.calibration.missing', who=missing)}[/]")
    if not report.performances:
        raise ContestError(Msg("cmd.calibration.nothing_submitted"))
    items = Table(title=t("cmd.calibration.items_title", module=escape(module)))
    for col in ("item", "points", "spread", "mad", "share", "why"):
        items.add_column(t(f"cmd.calibration.col.{col}"))
    for item in report.flagged:
        why = sep.join(t(f"cmd.calibration.flag.{f}") for f in item.flags)
        splits = t("cmd.semicolon").join(
            f"{s.performance} {s.code} {len(s.applied_by)}/{s.judges}" for s in item.rule_splits
        )
        row(
            items,
            item.item_id,
            _num(item.points),
            _num(item.spread),
            _num(item.mad),
            _pct(item.mad_share),
            t("cmd.paren", text=why, note=splits) if splits else why,
        )
    console.print(items if report.flagged else f"[green]{t('cmd.calibration.all_agree')}[/]")
    judges = Table(title=t("cmd.calibration.judges_title"))
    for col in ("judge", "marked", "mad", "share", "bias", "far"):
        judges.add_column(t(f"cmd.calibration.jcol.{col}"))
    for j in report.judge_figures:
        lean = (
            t("cmd.calibration.strict") if j.bias < 0 else t("cmd.calibration.lenient") if j.bias > 0 else ""
        )
        row(
            judges,
            f"{j.judge} {view.judges.get(j.judge, '')}",
            str(j.marked),
            _num(j.mad),
            _pct(j.mad_share),
            f"{_num(j.bias)} {lean}",
            sep.join(j.far_items) or "—",
        )
    console.print(judges)
    w = report.kendall_w
    console.print(
        t(
            "cmd.calibration.kendall",
            w=_num(w),
            judges=len(report.w_judges),
            performances=len(report.performances),
        )
        if w is not None
        else t("cmd.calibration.kendall_short")
    )
