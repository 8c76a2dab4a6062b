"""``contest export …``: the results workbook and the recompute bundle (each export logged under the code of the
person exporting, proven by their PIN)."""

from __future__ import annotations

from pathlib import Path

import typer

from contest.cli.common import AsPrinter, OutOpt, OverrideOpt, printer, services, state
from contest.cli.output import friendly, saved

export_app = typer.Typer(help="导出 / export")


@export_app.command("xlsx")
@friendly
def export_xlsx(out: OutOpt = None, override: OverrideOpt = None, as_: AsPrinter = None) -> None:
    """成绩汇总工作簿 / the results workbook."""
    from contest.outputs import write_workbook

    sv = services()
    path = write_workbook(
        sv, printer(sv, as_), out or Path("成绩汇总.xlsx"), override=override, lang=state.lang
    )
    saved(path)


@export_app.command("bundle")
@friendly
def export_bundle_cmd(out: OutOpt = None, as_: AsPrinter = None) -> None:
    """重算包：原始评分、评分细则快照、配置、软件版本和审计链（含选手姓名，解密后才能导出）/ the recompute bundle."""
    from contest.bundle import export_bundle

    sv = services()
    path = export_bundle(sv, printer(sv, as_, "导出重算包"), out or Path("recompute-bundle.zip"))
    saved(path)
