"""``contest template …``: blank workbooks with headers, drop-downs and instructions, fitted to the contest when a
contest database exists."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from contest.cli.common import console, services, state
from contest.cli.imports.stations import number_spec
from contest.cli.imports.steps import config_of, tr
from contest.cli.output import friendly
from contest.errors import ContestError

if TYPE_CHECKING:
    from contest.config import ContestConfig


class TemplateKind(StrEnum):
    """Templates ``contest template`` writes."""

    contestants = "contestants"
    judges = "judges"
    answers = "answers"
    answer_sheets = "answer-sheets"
    theory_scores = "theory-scores"
    rubric = "rubric"


def _contest_context() -> tuple[ContestConfig | None, str]:
    """The contest's configuration if a contest database exists (never creates one), and where it is."""
    from sqlalchemy.exc import SQLAlchemyError

    from contest.store.engine import resolve_url

    url = resolve_url(state.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).is_file():
        return None, url
    try:
        return config_of(services()), url
    except (ContestError, SQLAlchemyError):
        return None, url


@friendly
def template(
    kind: Annotated[
        TemplateKind,
        typer.Argument(
            help="contestants 报名表 | judges 裁判名单 | answers 理论答案 | answer-sheets 答题表 | theory-scores 理论成绩"
            " | rubric 评分标准",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Argument(help="输出 .xlsx / output file", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / overwrite an existing file")] = False,
) -> None:
    """生成带表头、下拉框和填写说明的 Excel 模板 / write a blank template workbook."""
    from contest.intake import write_template

    if out.suffix.lower() != ".xlsx":
        raise ContestError(
            tr(f"模板须保存为 .xlsx：{escape(str(out))}", f"templates are .xlsx files: {escape(str(out))}")
        )
    if out.exists() and not force:
        raise ContestError(
            tr(
                f"{escape(str(out))} 已存在，未覆盖（确需覆盖请加 --force）",
                f"{escape(str(out))} exists; not overwritten (add --force to overwrite)",
            )
        )
    cfg, _url = _contest_context()
    blueprint = cfg.theory if cfg is not None else None
    note = ""
    if cfg is None:
        note = tr("未找到竞赛数据库，按通用格式生成", "No contest database found; generic template")
        if kind in (TemplateKind.answers, TemplateKind.answer_sheets):
            from rubrics.load import load_library

            bps = list(load_library().blueprints.values())
            if len(bps) == 1:
                blueprint = bps[0]
                note = tr(
                    f"未找到竞赛数据库，按内置组卷蓝图 {blueprint.id} 生成",
                    f"No contest database found; using the built-in blueprint {blueprint.id}",
                )
    if kind in (TemplateKind.answers, TemplateKind.answer_sheets) and blueprint is None and cfg is not None:
        raise ContestError(
            tr("本竞赛没有配置理论考试，无法生成答案模板", "This contest has no theory exam configured")
        )
    if kind == TemplateKind.answer_sheets and blueprint is None:
        raise ContestError(tr("答题表模板需要组卷蓝图", "The answer-sheet template needs a blueprint"))
    path = write_template(
        kind.value.replace("-", "_"),  # type: ignore[arg-type]
        out,
        projects=cfg.projects if cfg is not None else (),
        modules=[m.rubric.code for m in cfg.modules] if cfg is not None else (),
        blueprint=blueprint,
        title=cfg.name_zh if cfg is not None else "",
        by=number_spec("draw" if cfg is not None and cfg.draw_scope == "module" else "station"),
    )
    if note:
        console.print(f"[yellow]{note}[/]")
    console.print(
        tr(f"[green]✓ 模板已生成[/] {escape(str(path))}", f"[green]✓ Template written[/] {escape(str(path))}")
    )
