"""The command line: a thin Typer layer over the services. Bare ``contest`` opens the TUI.

User mistakes end with a clear message and a non-zero exit code, never a traceback.

This module only composes: each command module owns its commands (and its sub-app, for a command group) and
imports nothing from here; the root app below registers the top-level commands from one list and adds the
groups' sub-apps, in the order ``contest --help`` shows them. What the commands share is in
:mod:`contest.cli.common` (state, consoles, options, services) and :mod:`contest.cli.output` (the error handler,
plain-text rows, the standings table).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from contest.cli import (
    appeals,
    audit,
    calibration,
    checkin,
    encryption,
    export,
    judges,
    lifecycle,
    printouts,
    results,
    rubrics,
    schedule,
    terminal,
    veto,
)
from contest.cli.common import DbOpt, console, err, state
from contest.cli.imports import import_app
from contest.cli.imports import templates as import_templates
from contest.cli.output import row

app = typer.Typer(
    help="养老护理员技能竞赛评分系统 / skills-competition scoring for elderly-care workers",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    db: DbOpt = None,
    lang: Annotated[str | None, typer.Option("--lang", help="zh（默认）或 en")] = None,
) -> None:
    """养老护理员技能竞赛评分系统。不带子命令时打开评分终端 / without a command, opens the judge terminal."""
    from contest.i18n import resolve_lang

    state.db = db
    state.lang = resolve_lang(lang)
    if ctx.invoked_subcommand is None:
        terminal.tui()


COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("init", lifecycle.init),
    ("status", results.status),
    ("standings", results.standings),
    ("signoff", results.signoff),
    ("checkin", checkin.checkin),
    ("avoid-override", checkin.avoid_override),
    ("decrypt", encryption.decrypt),
    ("appeal", appeals.appeal),
    ("ruling", appeals.ruling),
    ("appeals", appeals.appeals),
    ("tui", terminal.tui),
    ("serve", terminal.serve),
    ("demo", lifecycle.demo),
    ("escalate", appeals.escalate),
    ("arbitrate", appeals.arbitrate),
    ("objection", appeals.objection),
    ("publish", appeals.publish),
    ("draw", encryption.draw),
    ("lots", encryption.lots),
    ("template", import_templates.template),
    ("verify-certificate", audit.verify_certificate),
    ("stability", results.stability),
    ("backup", lifecycle.backup),
)
"""The top-level commands, in the order ``contest --help`` lists them."""

GROUPS: tuple[tuple[str, typer.Typer], ...] = (
    ("rubrics", rubrics.rubrics_app),
    ("db", lifecycle.db_app),
    ("audit", audit.audit_app),
    ("judges", judges.judges_app),
    ("import", import_app),
    ("print", printouts.print_app),
    ("export", export.export_app),
    ("calibration", calibration.calibration_app),
    ("schedule", schedule.schedule_app),
    ("groups", schedule.groups_app),
    ("veto", veto.veto_app),
)
"""The command groups, each a sub-app of its module, listed after the commands."""

for _name, _command in COMMANDS:
    app.command(_name)(_command)
for _name, _group in GROUPS:
    app.add_typer(_group, name=_name)


def main() -> None:
    """Entry point of the ``contest`` script."""
    app()


__all__ = ["app", "console", "err", "main", "row", "state"]
