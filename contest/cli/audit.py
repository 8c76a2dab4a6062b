"""``contest audit …`` (verify the chain and re-derive the results, recompute from a bundle alone, check a printed
chain head) and ``contest verify-certificate`` (check a certificate's code): checks of what was stored and what
was printed. None of them writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import console, err, services
from contest.cli.output import friendly, row

audit_app = typer.Typer(help="审计链 / the audit chain")


@audit_app.command("verify")
@friendly
def audit_verify(
    anchor: Annotated[
        str | None,
        typer.Option(
            "--anchor",
            help="已知的最后一点：事件数（如 #73），或文件页脚/backup-log.txt 中的审计码；旧副本据此识别 / last known point: an event count (#73) or an audit code",
        ),
    ] = None,
) -> None:
    """校验审计链并由原始评分重算结果 / verify the chain and re-derive results."""
    from contest.backup import check_anchor

    sv = services()
    r = sv.verify()
    last = sv.events(1)
    when = f"，最后事件 #{last[0][0]} 于 {last[0][1]}" if last else ""
    console.print(
        f"事件 {r.events} 条{escape(when)}，核对数据行 {r.rows_checked} 行，数据校验码 {r.head[:32]}"
    )
    # who set or reset a PIN, or cleared a lockout, and with whom (the audit report of issue 13)
    pins = sv.events(1000, kinds=("set_pin", "unlock"))
    if pins:
        console.print(f"PIN 设置、重置与解锁 {len(pins)} 次 / PIN changes and unlocks:")
        for seq, at, who, kind, details in reversed(pins):
            what = "解锁" if kind == "unlock" else "设置PIN"
            console.print(escape(f"  #{seq} {at} {who} {what} {details}"))
    problems = [*r.problems, *([p] if anchor and (p := check_anchor(sv.engine, anchor)) else [])]
    if problems:
        for p in problems:
            err.print(f"[red]✗[/] {escape(str(p))}")
        raise typer.Exit(1)
    console.print("[green]✓ 审计链完整，数据与记录一致[/]")


@audit_app.command("recompute")
@friendly
def audit_recompute(bundle: Annotated[Path, typer.Argument(help="重算包 zip")]) -> None:
    """不依赖数据库，由重算包重新计算成绩 / re-derive standings from a bundle alone."""
    from contest.bundle import recompute_bundle

    lines, diffs = recompute_bundle(bundle)
    t = Table(title="重算结果 / recomputed")
    for c in ("名次", "赛位号", "总分"):
        t.add_column(c)
    for station, rank, total in lines:
        row(t, str(rank or "—"), station, str(total))
    console.print(t)
    if diffs:
        for d in diffs:
            err.print(f"[red]✗[/] {escape(str(d))}")
        raise typer.Exit(1)
    console.print(f"[green]✓ 重算结果与包内记录一致（{len(lines)} 名）[/]")


@audit_app.command("head")
@friendly
def audit_head_cmd(
    head: Annotated[
        list[str], typer.Argument(help="文件上印的审计链头（32位，可带空格）/ the printed chain head")
    ],
) -> None:
    """核对文件上印的审计链头：链中是否有过、何时、哪些文件印了它、之后是否有更正 / check a printed chain head."""
    r = services().check_head(" ".join(head))
    if not r.found:
        err.print(f"[red]✗ {escape(r.message)}[/]")
        raise typer.Exit(1)
    when = r.at.isoformat(sep=" ", timespec="seconds") if r.at else ""
    console.print(f"[green]✓ {escape(r.message)}[/] {when}")
    for line in r.printed:
        console.print(f"  打印 / printed: {escape(line)}")
    console.print(f"  此后又有 {r.later} 条事件 / {r.later} events since")
    for line in r.superseded:
        console.print(f"[yellow]  此后有更正，按此链头打印的成绩已被取代 / superseded by: {escape(line)}[/]")


@friendly
def verify_certificate(code: Annotated[str, typer.Argument(help="证书验证码或二维码内容")]) -> None:
    """核验获奖证书 / check a certificate's verification code."""
    r = services().verify_certificate(code)
    if r.revoked:
        err.print(f"[red]✗ {r.message}[/] {escape(r.number)} {escape(r.name)} {escape(r.award)}")
        err.print(f"  原因 / reason: {escape(r.reason)}")
        err.print(f"  替代证书 / replaced by: {escape(r.replaced_by) or '无 / none'}")
        raise typer.Exit(1)
    if not r.ok:
        err.print(f"[red]✗ {escape(r.message)}[/] {escape(str(r.number))}")
        raise typer.Exit(1)
    console.print(f"[green]✓ {escape(r.message)}[/] " + escape(f"{r.number} {r.name} {r.award}"))
