"""``contest judges …``: the judge list and assignments, and each person's PIN and lockout (set through the PIN
door of :mod:`contest.cli.door`)."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from contest.cli.common import AsJudge, console, official, services, words
from contest.cli.door import AsOpt, door, second
from contest.cli.output import friendly, row
from contest.errors import ContestError

judges_app = typer.Typer(help="裁判 / judges")


@judges_app.command("list")
@friendly
def judges_list() -> None:
    """裁判名单与分工 / judges and assignments."""
    sv = services()
    t = Table(title="裁判 / judges")
    for c in ("编号", "姓名", "单位", "角色", "模块"):
        t.add_column(c)
    for code, name, unit, roles, mods in sv.judges():
        row(t, code, name, unit, ",".join(roles), ",".join(mods))
    console.print(t)
    for r in sv.recusals():
        console.print(Text(words(r), style="yellow"))


@judges_app.command("assign")
@friendly
def judges_assign(
    code: str,
    modules: Annotated[list[str], typer.Argument(help="模块代码")],
    group: Annotated[str | None, typer.Option(help="评分组（分组评分时），如 1 或 第1组")] = None,
    as_: AsJudge = None,
) -> None:
    """分配裁判到模块（可同时指定评分组）/ assign a judge to modules (and a judge group)."""
    sv = services()
    for w in sv.assign(official(sv, as_, "分配裁判"), code, modules, group):
        console.print(Text(words(w), style="yellow"))
    console.print(Text(f"✓ {code} → {', '.join(modules)}", style="green"))


@judges_app.command("set-pin")
@friendly
def judges_set_pin(
    code: str,
    as_: AsOpt = None,
    second_code: Annotated[
        str | None,
        typer.Option(
            "--second", help="第二名官员编号（重置官员PIN时）/ the second official (an official's PIN)"
        ),
    ] = None,
) -> None:
    """设置PIN：本人凭旧PIN；组织者为裁判重置；官员（裁判长、监督、加密裁判、组织者）的PIN须两名官员共同重置
    / set a PIN: yourself with the old PIN; the organiser for a judge; an official's needs two officials."""
    sv = services()
    actor = door(sv, as_, "重置PIN")
    other = second(sv, second_code)
    pin = os.environ.get("CONTEST_NEW_PIN") or getpass.getpass(f"{code} 新PIN（4–12位数字）/ new PIN: ")
    again = os.environ.get("CONTEST_NEW_PIN") or getpass.getpass("再输入一次 / again: ")
    if pin != again:
        raise ContestError("两次输入不一致 / the two entries differ")
    sv.set_pin(actor, code, pin, second=other)
    console.print(f"[green]✓ {code} 的PIN已重置[/]")


@judges_app.command("unlock")
@friendly
def judges_unlock(
    code: str,
    reason: Annotated[str, typer.Option("--reason", help="理由（记入审计）")],
    as_: AsOpt = None,
) -> None:
    """解除账户锁定（裁判长或组织者，须填写理由）/ clear a lockout (chief judge or organiser, with a reason)."""
    sv = services()
    sv.unlock(door(sv, as_, "解除锁定"), code, reason)
    console.print(f"[green]✓ {code} 已解除锁定[/]")
