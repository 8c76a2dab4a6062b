"""``contest audit …`` (verify the chain and re-derive the results, recompute from a bundle alone, check a printed
chain head) and ``contest verify-certificate`` (check a certificate's code): checks of what was stored and what
was printed. None of them writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import console, err, services, t, words
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
    when = t("cmd.audit.last_event", seq=last[0][0], at=last[0][1]) if last else ""
    console.print(
        t("cmd.audit.summary", events=r.events, when=escape(when), rows=r.rows_checked, head=r.head[:32])
    )
    # who set or reset a PIN, or cleared a lockout, and with whom (the audit report of issue 13)
    pins = sv.events(1000, kinds=("set_pin", "unlock"))
    if pins:
        console.print(t("cmd.audit.pins", n=len(pins)))
        for seq, at, who, kind, details in reversed(pins):
            what = t("cmd.audit.unlock") if kind == "unlock" else t("cmd.audit.set_pin")
            console.print(escape(f"  #{seq} {at} {who} {what} {details}"))
    problems = [*r.problems, *([p] if anchor and (p := check_anchor(sv.engine, anchor)) else [])]
    if problems:
        for p in problems:
            err.print(f"[red]✗[/] {escape(words(p))}")
        raise typer.Exit(1)
    console.print(f"[green]✓ {t('cmd.audit.ok')}[/]")


@audit_app.command("recompute")
@friendly
def audit_recompute(bundle: Annotated[Path, typer.Argument(help="重算包 zip")]) -> None:
    """不依赖数据库，由重算包重新计算成绩 / re-derive standings from a bundle alone."""
    from contest.bundle import recompute_bundle

    lines, diffs = recompute_bundle(bundle)
    table = Table(title=t("cmd.recompute.title"))
    for c in ("rank", "station", "total"):
        table.add_column(t(f"cmd.recompute.col.{c}"))
    for station, rank, total in lines:
        row(table, str(rank or "—"), station, str(total))
    console.print(table)
    if diffs:
        for d in diffs:
            err.print(f"[red]✗[/] {escape(words(d))}")
        raise typer.Exit(1)
    console.print(f"[green]✓ {t('cmd.recompute.ok', n=len(lines))}[/]")


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
        err.print(f"[red]✗ {escape(words(r.message))}[/]")
        raise typer.Exit(1)
    when = r.at.isoformat(sep=" ", timespec="seconds") if r.at else ""
    console.print(f"[green]✓ {escape(words(r.message))}[/] {when}")
    for line in r.printed:
        console.print("  " + t("cmd.head.printed", what=escape(words(line))))
    console.print("  " + t("cmd.head.later", n=r.later))
    for line in r.superseded:
        console.print(f"[yellow]  {t('cmd.head.superseded', what=escape(words(line)))}[/]")


@friendly
def verify_certificate(code: Annotated[str, typer.Argument(help="证书验证码或二维码内容")]) -> None:
    """核验获奖证书 / check a certificate's verification code."""
    r = services().verify_certificate(code)
    if r.revoked:
        err.print(
            f"[red]✗ {escape(words(r.message))}[/] {escape(r.number)} {escape(r.name)} {escape(r.award)}"
        )
        err.print("  " + t("cmd.certificate.reason", reason=escape(words(r.reason))))
        err.print("  " + t("cmd.certificate.replaced_by", number=escape(r.replaced_by) or t("cmd.none")))
        raise typer.Exit(1)
    if not r.ok:
        err.print(f"[red]✗ {escape(words(r.message))}[/] {escape(str(r.number))}")
        raise typer.Exit(1)
    console.print(f"[green]✓ {escape(words(r.message))}[/] " + escape(f"{r.number} {r.name} {r.award}"))
