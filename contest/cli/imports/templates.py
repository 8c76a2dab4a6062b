"""``contest template …``: blank workbooks with headers, drop-downs and instructions, fitted to the contest when a
contest database exists."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from contest.cli.common import console, services, state, t
from contest.cli.imports.stations import number_spec
from contest.cli.imports.steps import config_of
from contest.cli.output import friendly
from contest.errors import ContestError
from contest.i18n import Msg

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
        raise ContestError(Msg("cli.template.not_xlsx", path=str(out)))
    if out.exists() and not force:
        raise ContestError(Msg("cli.template.exists", path=str(out)))
    cfg, _url = _contest_context()
    blueprint = cfg.theory if cfg is not None else None
    note = ""
    if cfg is None:
        note = t("cli.template.generic")
        if kind in (TemplateKind.answers, TemplateKind.answer_sheets):
            from rubrics.load import load_library

            bps = list(load_library().blueprints.values())
            if len(bps) == 1:
                blueprint = bps[0]
                note = t("cli.template.builtin_blueprint", blueprint=escape(blueprint.id))
    if kind in (TemplateKind.answers, TemplateKind.answer_sheets) and blueprint is None and cfg is not None:
        raise ContestError(Msg("cli.template.no_theory"))
    if kind == TemplateKind.answer_sheets and blueprint is None:
        raise ContestError(Msg("cli.template.needs_blueprint"))
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
    console.print(t("cli.template.done", path=escape(str(path))))
