"""``contest import contestants`` (the entry list) and ``contest import judges`` (the judge list; new judges' PINs
shown once)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from contest.cli.common import console, state, t, words
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
    mapping_arg,
    sheet_arg,
    sign_in,
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
    with busy("cli.import.reading_contestants"):
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
    records = accepted(file, result, "cli.import.empty.contestants", "cli.import.noun.contestants")
    people = [
        ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note) for r in records
    ]
    with busy("cli.import.storing"):
        report = sv.import_contestants(
            actor,
            people,
            dry_run=dry_run,
            remove_missing=remove_missing,
            source=file.name,
            correction=fix,
        )
    counts = t(
        "cli.import.contestant_counts",
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        removed=report.removed,
    )
    done = "cli.import.contestants_dry_run" if report.dry_run else "cli.import.contestants_done"
    console.print(t(done, counts=counts))
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
    with busy("cli.import.reading_judges"):
        result = import_judges(
            file,
            sheet=sheet_arg(sheet),
            mapping=mapping_arg(map_),
            header_row=header_row,
            modules=[m.rubric.code for m in cfg.modules],
            lang=state.lang,
            separated=[c for c in ROLE_CONFLICTS if c not in cfg.role_combinations],
        )
    accepted(file, result, "cli.import.empty.judges", "cli.import.noun.judges")
    existing = {code for code, *_ in sv.judges()}
    new = [r for r in result.records if r.code not in existing]
    old = [r for r in result.records if r.code in existing]

    def roles(r: Any) -> str:
        # Chinese names the roles, English gives the codes the judge list is written with
        return t("cli.import.roles_sep").join(t(f"cli.import.role.{x}") if x in ROLES else x for x in r.roles)

    if dry_run:
        table = RichTable(title=t("cli.import.judges_dry_run_title"))
        for c in ("code", "name", "roles", "modules"):
            table.add_column(t(f"cli.import.col.{c}"))
        table.add_column("")
        for r in result.records:
            table.add_row(
                escape(r.code),
                escape(r.name),
                roles(r),
                t("cli.import.list_sep").join(r.modules),
                t("cli.import.judge_update") if r.code in existing else t("cli.import.judge_new"),
            )
        console.print(table)
        console.print(t("cli.import.judges_dry_run", new=len(new), updated=len(old)))
        return
    with busy("cli.import.storing"):
        pins = sv.import_judges(
            actor,
            [JudgeIn(r.code, r.name, r.unit, r.roles, r.modules, group=r.group) for r in result.records],
        )
    console.print(t("cli.import.judges_done", new=len(new), updated=len(old)))
    if pins:
        table = RichTable(title=t("cli.import.pins_title"))
        for c in ("code", "name", "roles"):
            table.add_column(t(f"cli.import.col.{c}"))
        table.add_column("PIN")
        by_code = {r.code: r for r in result.records}
        for code, pin in pins.items():
            rec = by_code.get(code)
            table.add_row(
                escape(code), escape(rec.name) if rec else "", roles(rec) if rec else "", f"[bold]{pin}[/]"
            )
        console.print(table)
        console.print(t("cli.import.pins_warning"))
    for w in sv.recusals():
        console.print(f"[yellow]{escape(words(w))}[/]")
