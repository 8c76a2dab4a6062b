"""``contest rubrics …``: the rubric library (list, check, hash, show), the committee's Excel 评分标准 imported as a
rubric, and a rubric corrected mid-contest (preview, amend: :mod:`contest.cli.rubric_change`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import console, err, state, t
from contest.cli.output import friendly
from contest.cli.rubric_change import rubrics_amend, rubrics_preview
from contest.errors import ContestError
from contest.i18n import Msg, catalogue
from contest.rubric_problems import problem_text

rubrics_app = typer.Typer(help="评分细则库 / the rubric library")


@rubrics_app.command("list")
@friendly
def rubrics_list() -> None:
    """列出评分细则库 / list the library."""
    from rubrics.load import load_library

    _rubric_table(load_library(), t("cmd.rubrics.library"))


def _rubric_table(lib: Any, title: str) -> None:
    table = Table(title=title)
    for c in ("id", "code", "title", "max", "items", "time", "hash"):
        table.add_column(t(f"cmd.rubrics.col.{c}"))
    for m in lib.modules.values():
        table.add_row(
            m.id,
            m.code,
            m.title.get(state.lang),
            str(m.max_points),
            str(len(m.items)),
            f"{m.time_limit_minutes} min",
            m.short_hash,
        )
    for b in lib.blueprints.values():
        table.add_row(
            b.id,
            t("cmd.rubrics.theory"),
            b.title.get(state.lang),
            str(b.max_points),
            str(b.question_count),
            f"{b.duration_minutes} min",
            b.content_hash[:12],
        )
    console.print(table)


RubricPaths = Annotated[
    list[Path] | None, typer.Argument(help="评分细则文件或目录，可多个（默认：内置库）/ files or folders")
]


def _checked(paths: list[Path]) -> Any:
    """The rubrics in ``paths``; every problem printed and exit 1 if there is any."""
    from rubrics.load import check_paths

    lib, problems = check_paths(paths)
    for p in problems:
        err.print(f"[red]✗[/] {escape(problem_text(p, state.lang))}")
    if problems:
        err.print(f"[red]{t('cmd.rubrics.problems', n=len(problems))}[/]")
        raise typer.Exit(1)
    return lib


@rubrics_app.command("check")
@friendly
def rubrics_check(paths: RubricPaths = None) -> None:
    """校验评分细则文件或目录，列出全部问题 / validate rubric files and folders and list every problem."""
    from rubrics.load import library_dir

    lib = _checked(paths or [library_dir()])
    _rubric_table(lib, t("cmd.rubrics.checked"))
    n = len(lib.modules) + len(lib.blueprints)
    console.print(f"[green]✓ {t('cmd.rubrics.all_valid', n=n)}[/]")


@rubrics_app.command("hash")
@friendly
def rubrics_hash(paths: RubricPaths = None) -> None:
    """显示评分细则的内容 hash（contest.toml 的 hash = 用）/ print the content hash contest.toml pins."""
    from rubrics.load import library_dir

    lib = _checked(paths or [library_dir()])
    for obj in [*lib.modules.values(), *lib.blueprints.values()]:
        console.print(f"{escape(obj.id)}  {obj.content_hash}", soft_wrap=True)
        console.print(f'  hash = "{obj.content_hash[:16]}"  [dim]# {escape(obj.source)}[/]', soft_wrap=True)


@rubrics_app.command("show")
@friendly
def rubrics_show(
    rubric: Annotated[str, typer.Argument(help="内置库 id 或评分细则文件 / library id or rubric file")],
) -> None:
    """显示一个评分细则（内置库 id 或文件）/ show one rubric (library id or file)."""
    from rubrics.load import load_library
    from rubrics.model import ModuleRubric

    if Path(rubric).is_file():
        found = list(_checked([Path(rubric)]).modules.values())
        if not found:
            raise ContestError(Msg("cmd.rubrics.not_module", rubric=rubric))
        m: ModuleRubric = found[0]
    else:
        got = load_library().modules.get(rubric)
        if got is None:
            raise ContestError(Msg("cmd.rubrics.no_such", rubric=rubric))
        m = got
    lang = state.lang
    title = f"{m.title.zh} ({m.title.en})" if lang == "zh" and m.title.en else m.title.get(lang)
    console.print(
        f"[bold]{escape(m.code)} {escape(title)}[/] — "
        + t("cmd.rubrics.show_head", points=m.max_points, minutes=m.time_limit_minutes)
    )
    console.print(f"hash {m.content_hash}")
    console.print(escape(m.scenario.get(lang)))
    table = Table()
    for c in ("item", "title", "points", "kind", "rules"):
        table.add_column(t(f"cmd.rubrics.show.{c}"))
    for i in m.items:
        rules = "\n".join(f"{d.code} {d.text.get(lang)} −{d.points}" for d in i.deductions) or " | ".join(
            x.get(lang) for x in i.levels
        )
        if i.typing_allowed:  # a typed score: only on the item's step, from 0 to its points
            typed = t("cmd.rubrics.typed", points=i.points, step=i.step)
            rules = f"{rules}\n{typed}" if rules else typed
        kind_key = f"cmd.rubrics.kind.{i.kind}"
        kind = t(kind_key) if kind_key in catalogue() else str(i.kind)
        table.add_row(i.id, i.title.get(lang), str(i.points), kind, rules)
    console.print(table)
    for v in m.vetoes:
        console.print(escape(t("cmd.rubrics.veto", code=v.code, text=v.text.get(lang), effect=v.effect)))


@rubrics_app.command("import")
@friendly
def rubrics_import(
    workbook: Annotated[
        Path, typer.Argument(help="评分标准 .xlsx（序号/考核内容/评分要求或扣分标准/配分/类型）")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出评分细则 .toml / output rubric file")],
    code: Annotated[str, typer.Option(help="模块代码，如 A / module code")],
    title: Annotated[str, typer.Option(help="模块名称 / module title")],
    rubric_id: Annotated[str | None, typer.Option("--id", help="评分细则 id（默认 contest.<代码>）")] = None,
    minutes: Annotated[int, typer.Option(help="时限（分钟）/ time limit")] = 30,
    scenario: Annotated[str, typer.Option(help="情境 / scenario")] = "",
    standard: Annotated[str, typer.Option(help="依据的标准 / standard")] = "",
    sheet: Annotated[str | None, typer.Option(help="工作表名（默认：自动查找）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / overwrite")] = False,
) -> None:
    """把技术委员会的 Excel 评分标准导入为评分细则 TOML / import an Excel 评分标准 table as a rubric."""
    from contest.intake.rubric_import import RubricMeta, import_rubric

    if out.exists() and not force:
        raise ContestError(Msg("cmd.rubrics.exists", path=str(out)))
    meta = RubricMeta(
        id=rubric_id or f"contest.{code}",
        code=code,
        title=title,
        time_limit_minutes=minutes,
        scenario=scenario,
        standard=standard,
    )
    result = import_rubric(workbook, meta, sheet=sheet, lang=state.lang)
    for p in result.problems:
        err.print(f"[red]✗[/] {escape(str(p))}")
    if not result.ok:
        err.print(f"[red]{t('cmd.rubrics.import_refused', n=len(result.problems))}[/]")
        raise typer.Exit(1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.records[0], encoding="utf-8")
    lib = _checked([out])
    m = next(iter(lib.modules.values()))
    console.print(
        f"[green]✓ {t('cmd.rubrics.written')}[/] "
        + escape(
            t("cmd.rubrics.written_what", path=str(out), id=m.id, items=len(m.items), points=m.max_points)
        )
    )
    console.print(f'contest.toml：rubric = "{escape(m.id)}"  file = "…"  hash = "{m.content_hash[:16]}"')


# a rubric corrected mid-contest: the commands live with their helpers in contest.cli.rubric_change
rubrics_app.command("preview")(rubrics_preview)
rubrics_app.command("amend")(rubrics_amend)
