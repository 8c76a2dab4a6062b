"""CLI commands for a rubric error found mid-contest (评分细则更正): ``contest rubrics preview`` (what the corrected
rubric would do to the standings and awards, who moves) and ``contest rubrics amend`` (the chief judge and the
supervisor apply it with a reason). Registered on ``contest rubrics`` by :mod:`contest.cli.rubrics`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, console, official, services, t
from contest.cli.door import correction
from contest.cli.output import friendly, row
from contest.errors import ContestError
from contest.i18n import Msg
from scoresheets.numbers import half_up

ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set", help="修改：评分项=配分、扣分条目=扣分值、max=模块满分（可多次），如 --set A1-1=0.5"
    ),
]
FileOpt = Annotated[Path | None, typer.Option("--file", help="更正后的整份评分细则 .toml（代替 --set）")]
WHAT = ("points", "deduction", "cap", "max_points", "overtime")
"""What a rubric change can change (``cmd.rubric_change.what.<name>``)."""


def _proposal(file: Path | None, edits: list[str] | None) -> dict[str, Any]:
    if file is not None and edits:
        raise ContestError(Msg("cmd.rubric_change.file_or_set"))
    if file is None:
        return {"edits": edits or [], "source": "--set"}
    try:
        return {"text": file.read_text(encoding="utf-8-sig"), "source": str(file)}
    except (OSError, UnicodeDecodeError) as exc:
        raise ContestError(Msg("cmd.rubric_change.unreadable", path=str(file), error=str(exc))) from exc


def _n(value: Any) -> str:
    return "—" if value is None else f"{half_up(value, 2):.2f}"


@friendly
def rubrics_preview(
    module: ModuleArg,
    edits: SetOpt = None,
    file: FileOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="列出全部选手（默认只列成绩有变化的）")] = False,
    judge: AsJudge = None,
) -> None:
    """评分细则更正预览（裁判长、监督）：更正后的名次与奖项、与现在对照、谁会变化；不改变任何数据 / preview."""
    sv = services()
    view = sv.preview_rubric_change(official(sv, judge, "评分细则更正预览"), module, **_proposal(file, edits))
    console.print(t("cmd.rubric_change.heading", module=escape(module), hash=view.new_hash[:16]))
    for d in view.differences:
        what = t(f"cmd.rubric_change.what.{d.what}") if d.what in WHAT else d.what
        console.print(f"  · {escape(d.where)} {what} {d.before} → {d.after}")
    shown = [r for r in view.rows if all_ or r.line.changed]
    table = Table(title=t("cmd.rubric_change.title"))
    first = "contestant" if view.decrypted else "station"
    for col in (first, "module", "→", "total", "→", "rank", "→", "award", "→"):
        table.add_column("→" if col == "→" else t(f"cmd.rubric_change.col.{col}"))
    for r in shown:
        line = r.line
        row(
            table,
            r.label,
            _n(line.module_before),
            _n(line.module_after),
            _n(line.total_before),
            _n(line.total_after),
            line.rank_before if line.rank_before is not None else "—",
            line.rank_after if line.rank_after is not None else "—",
            line.award_before or "—",
            line.award_after or "—",
        )
    if shown:
        console.print(table)
    moved, awards = len(view.moved), sum(1 for r in view.rows if r.line.award_before != r.line.award_after)
    changed = sum(1 for r in view.rows if r.line.changed)
    console.print(t("cmd.rubric_change.summary", changed=changed, moved=moved, awards=awards))


@friendly
def rubrics_amend(
    module: ModuleArg,
    chief: Annotated[str, typer.Option("--chief", help="裁判长编号")],
    supervisor: Annotated[str, typer.Option("--supervisor", help="监督编号")],
    reason: Annotated[str, typer.Option("--reason", help="更正理由（记入审计，解密后印在成绩文件上）")],
    edits: SetOpt = None,
    file: FileOpt = None,
    judge: AsJudge = None,
) -> None:
    """评分细则更正（裁判长与监督共同决定并说明理由；解密后即为更正程序）/ apply a corrected rubric."""
    sv = services()
    actor = official(sv, judge, "评分细则更正")
    fix = correction(sv, actor, chief, supervisor, reason)
    assert fix is not None
    new = sv.amend_rubric(actor, module, fix, **_proposal(file, edits))
    console.print(f"[green]✓ {t('cmd.rubric_change.amended', module=escape(module), hash=new[:16])}[/]")
