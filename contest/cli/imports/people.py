"""``contest import contestants`` (the entry list) and ``contest import judges`` (the judge list; new judges' PINs
shown once)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from contest.cli.common import console, state, words
from contest.cli.door import AsOpt, CorrChief, CorrReason, CorrSupervisor
from contest.cli.imports.steps import (
    DryRunOpt,
    FileArg,
    HeaderRowOpt,
    MapOpt,
    SheetOpt,
    accepted,
    busy,
    config_of,
    english,
    mapping_arg,
    sheet_arg,
    sign_in,
    tr,
)
from contest.cli.output import friendly


@friendly
def import_contestants_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
    dry_run: DryRunOpt = False,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help="名单中没有的已有选手移出（标记退赛，不删除）/ withdraw contestants missing from the list",
        ),
    ] = False,
    as_: AsOpt = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """导入选手报名表（全部无误才导入）/ import the contestant list, all or nothing.

    解密后移出或重新列入选手会改变成绩：须走更正程序（--chief、--supervisor、--reason）。"""
    sv, actor, fix = sign_in(as_, "导入选手", file, chief=chief, supervisor=supervisor, reason=reason)
    from contest.intake import import_contestants
    from contest.services import ContestantIn

    cfg = config_of(sv)
    with busy("正在读取并检查报名表…", "Reading and checking the list…"):
        result = import_contestants(
            file,
            sheet=sheet_arg(sheet),
            mapping=mapping_arg(map_),
            header_row=header_row,
            contest_date=cfg.dates[0] if cfg.dates else None,
            projects=cfg.projects or None,
            aliases=dict(cfg.project_aliases),
            lang=state.lang,
        )
    records = accepted(
        file,
        result,
        ("中没有选手数据，未导入", "holds no contestants; nothing imported"),
        ("名选手", "contestants"),
    )
    people = [
        ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note) for r in records
    ]
    with busy("正在保存…", "Storing…"):
        report = sv.import_contestants(
            actor,
            people,
            dry_run=dry_run,
            remove_missing=remove_missing,
            source=file.name,
            correction=fix,
        )
    counts = tr(
        f"新增 {report.added}，更新 {report.updated}，未变 {report.unchanged}，移出 {report.removed}",
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, removed {report.removed}",
    )
    if report.dry_run:
        console.print(
            tr(f"[yellow]试运行，未写入[/]：将{counts}", f"[yellow]Dry run, nothing stored[/]: {counts}")
        )
    else:
        console.print(
            tr(f"[green]✓ 选手导入完成[/]：{counts}", f"[green]✓ Contestants imported[/]: {counts}")
        )
    for line in report.changes:
        console.print(f"  · {escape(line)}")
    if not report.dry_run:
        for w in sv.recusals():
            console.print(f"[yellow]{escape(words(w))}[/]")


@friendly
def import_judges_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
    dry_run: DryRunOpt = False,
    as_: AsOpt = None,
) -> None:
    """导入裁判名单，新裁判的 PIN 只显示这一次 / import judges; new judges' PINs are shown once."""
    sv, actor, _ = sign_in(as_, "导入裁判", file)
    from contest.config import ROLE_CONFLICTS
    from contest.intake import ROLES, import_judges
    from contest.services import JudgeIn

    cfg = config_of(sv)
    with busy("正在读取并检查裁判名单…", "Reading and checking the list…"):
        result = import_judges(
            file,
            sheet=sheet_arg(sheet),
            mapping=mapping_arg(map_),
            header_row=header_row,
            modules=[m.rubric.code for m in cfg.modules],
            lang=state.lang,
            separated=[c for c in ROLE_CONFLICTS if c not in cfg.role_combinations],
        )
    accepted(
        file, result, ("中没有裁判数据，未导入", "holds no judges; nothing imported"), ("名裁判", "judges")
    )
    existing = {code for code, *_ in sv.judges()}
    new = [r for r in result.records if r.code not in existing]
    old = [r for r in result.records if r.code in existing]

    def roles(r: Any) -> str:
        return ",".join(r.roles) if english() else "、".join(ROLES.get(x, x) for x in r.roles)

    if dry_run:
        t = RichTable(
            title=tr("试运行：将导入的裁判（未写入）", "Dry run: judges to import (nothing stored)")
        )
        for c in (tr("编号", "Code"), tr("姓名", "Name"), tr("角色", "Roles"), tr("模块", "Modules"), ""):
            t.add_column(c)
        for r in result.records:
            t.add_row(
                escape(r.code),
                escape(r.name),
                roles(r),
                "、".join(r.modules),
                tr("更新", "update") if r.code in existing else tr("新增", "new"),
            )
        console.print(t)
        console.print(
            tr(
                f"[yellow]试运行，未写入[/]：将新增 {len(new)}，更新 {len(old)}",
                f"[yellow]Dry run, nothing stored[/]: {len(new)} new, {len(old)} updated",
            )
        )
        return
    with busy("正在保存…", "Storing…"):
        pins = sv.import_judges(
            actor,
            [JudgeIn(r.code, r.name, r.unit, r.roles, r.modules, group=r.group) for r in result.records],
        )
    console.print(
        tr(
            f"[green]✓ 裁判导入完成[/]：新增 {len(new)}，更新 {len(old)}（已有裁判的 PIN 不变）",
            f"[green]✓ Judges imported[/]: {len(new)} new, {len(old)} updated (existing PINs unchanged)",
        )
    )
    if pins:
        t = RichTable(
            title=tr("新裁判的登录 PIN（只显示这一次）", "Login PINs of the new judges (shown once)")
        )
        for c in (tr("编号", "Code"), tr("姓名", "Name"), tr("角色", "Roles"), "PIN"):
            t.add_column(c)
        by_code = {r.code: r for r in result.records}
        for code, pin in pins.items():
            rec = by_code.get(code)
            t.add_row(
                escape(code), escape(rec.name) if rec else "", roles(rec) if rec else "", f"[bold]{pin}[/]"
            )
        console.print(t)
        console.print(
            tr(
                "[bold yellow]请当面把 PIN 发给裁判本人。PIN 只显示这一次，系统只保存其加密摘要；"
                "不要保存、打印或拍照本页。PIN 遗失后无法找回，只能重新设置。[/]",
                "[bold yellow]Hand each PIN to its judge in person. They are shown this once and stored only as "
                "hashes; do not save, print or photograph this screen. A lost PIN cannot be recovered, only set anew.[/]",
            )
        )
    for w in sv.recusals():
        console.print(f"[yellow]{escape(words(w))}[/]")
