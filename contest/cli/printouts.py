"""CLI commands for what leaves the system: ``contest print …``, ``contest export …``, ``contest audit recompute``,
``contest verify-certificate`` and ``contest stability`` (registered on the main app by :mod:`contest.cli`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli import (
    app,
    audit_app,
    console,
    err,
    export_app,
    friendly,
    official,
    print_app,
    row,
    services,
    state,
)
from contest.errors import ContestError

OverrideOpt = Annotated[
    str | None, typer.Option("--override", help="越过打印闸门的理由（打印为草稿并记入审计）")
]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="输出文件")]
FontOpt = Annotated[str | None, typer.Option("--font", help="TrueType 字体文件（默认内置霞鹜文楷）")]
AsOpt = Annotated[
    str | None,
    typer.Option("--as", "--judge", envvar="CONTEST_AS", help="执行人编号（PIN 由提示或 CONTEST_PIN 给出）"),
]


def _who(sv: Any, code: str | None, action: str = "打印") -> Any:
    """The person printing (every print is logged under their code): proven by PIN, never the bare host."""
    return official(sv, code, action)


def _reader(sv: Any, code: str | None) -> Any:
    """A read that shows no names before decryption: the host console unless someone is named."""
    from contest.services import CONSOLE

    return CONSOLE if code is None else official(sv, code, "查看")


@print_app.command("results")
@friendly
def print_results(
    out: OutOpt = None,
    override: OverrideOpt = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="解密前按赛位号打印核对稿")] = False,
    font: FontOpt = None,
    as_: AsOpt = None,
) -> None:
    """成绩公示表 / the result sheet."""
    from contest.outputs import write_result_sheet

    sv = services()
    path = write_result_sheet(
        sv,
        _who(sv, as_),
        out or Path("成绩公示表.pdf"),
        override=override,
        anonymous=anonymous,
        lang=state.lang,
        font=font,
    )
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("scoresheets")
@friendly
def print_scoresheets(
    module: Annotated[str | None, typer.Option(help="只打印一个模块")] = None,
    out: OutOpt = None,
    override: OverrideOpt = None,
    font: FontOpt = None,
    as_: AsOpt = None,
) -> None:
    """评分表（每名选手每个模块）/ score sheets."""
    from contest.outputs import write_score_sheets

    sv = services()
    path = write_score_sheets(
        sv,
        _who(sv, as_),
        out or Path("评分表.pdf"),
        module=module,
        override=override,
        lang=state.lang,
        font=font,
    )
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("blank-sheets")
@friendly
def print_blank(
    module: Annotated[str, typer.Argument(help="模块代码")],
    out: OutOpt = None,
    font: FontOpt = None,
    as_: AsOpt = None,
) -> None:
    """空白评分表（纸质评分用）/ blank sheets for paper marking."""
    from contest.outputs import write_blank_sheets

    sv = services()
    path = write_blank_sheets(
        sv, _who(sv, as_), out or Path(f"空白评分表_{module}.pdf"), module, lang=state.lang, font=font
    )
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("draw-sheet")
@friendly
def print_draw_sheet(
    judge: AsOpt = None,
    out: OutOpt = None,
    font: FontOpt = None,
    stage: Annotated[
        int | None,
        typer.Option(
            "--stage", help="两步加密时：1 一次加密对照表，2 二次加密对照表（各由本阶段加密裁判打印）"
        ),
    ] = None,
) -> None:
    """加密对照表（抽签号、各模块赛位号；加密裁判打印后密封）/ the sealed draw sheet (encryption judge)."""
    from contest.outputs import write_draw_sheet

    sv = services()
    actor = _who(sv, judge, "打印加密对照表")
    name = f"加密对照表_{'一二'[stage - 1]}次加密.pdf" if stage in (1, 2) else "加密对照表.pdf"
    path = write_draw_sheet(sv, actor, out or Path(name), lang=state.lang, font=font, stage=stage)
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("certificates")
@friendly
def print_certificates(
    out: OutOpt = None,
    override: OverrideOpt = None,
    font: FontOpt = None,
    as_: AsOpt = None,
    text_only: Annotated[bool, typer.Option("--text-only", help="套打预印证书纸，只印文字")] = False,
    offset_x: Annotated[float, typer.Option(help="整体右移（毫米）")] = 0.0,
    offset_y: Annotated[float, typer.Option(help="整体下移（毫米）")] = 0.0,
    participation: Annotated[bool, typer.Option("--participation", help="同时打印参赛证书")] = False,
    calibration: Annotated[
        bool, typer.Option("--calibration", help="只打印套打校准页（网格与各字段位置）")
    ] = False,
) -> None:
    """获奖证书（含验证二维码）/ award certificates."""
    from contest.outputs import write_calibration, write_certificates

    sv = services()
    if calibration:
        path = write_calibration(
            sv, out or Path("证书校准页.pdf"), offset=(offset_x, offset_y), lang=state.lang, font=font
        )
        console.print(f"[green]✓[/] {escape(str(path))}（在空白纸上打印，与证书纸对照后调整 offset/boxes）")
        return
    path = write_certificates(
        sv,
        _who(sv, as_),
        out or Path("获奖证书.pdf"),
        override=override,
        text_only=text_only,
        offset=(offset_x, offset_y),
        participation=participation,
        lang=state.lang,
        font=font,
    )
    console.print(f"[green]✓[/] {escape(str(path))}")


@print_app.command("stats")
@friendly
def print_stats(out: OutOpt = None, font: FontOpt = None, as_: AsOpt = None) -> None:
    """成绩统计与奖项稳定性 / statistics and medal stability."""
    from contest.outputs import write_statistics

    sv = services()
    path = write_statistics(sv, _who(sv, as_), out or Path("成绩统计.pdf"), lang=state.lang, font=font)
    console.print(f"[green]✓[/] {escape(str(path))}")


@export_app.command("xlsx")
@friendly
def export_xlsx(out: OutOpt = None, override: OverrideOpt = None, as_: AsOpt = None) -> None:
    """成绩汇总工作簿 / the results workbook."""
    from contest.outputs import write_workbook

    sv = services()
    path = write_workbook(sv, _who(sv, as_), out or Path("成绩汇总.xlsx"), override=override, lang=state.lang)
    console.print(f"[green]✓[/] {escape(str(path))}")


@export_app.command("bundle")
@friendly
def export_bundle_cmd(out: OutOpt = None, as_: AsOpt = None) -> None:
    """重算包：原始评分、评分细则快照、配置、软件版本和审计链（含选手姓名，解密后才能导出）/ the recompute bundle."""
    from contest.bundle import export_bundle

    sv = services()
    path = export_bundle(sv, _who(sv, as_, "导出重算包"), out or Path("recompute-bundle.zip"))
    console.print(f"[green]✓[/] {escape(str(path))}")


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


@app.command("verify-certificate")
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


@app.command()
@friendly
def stability(as_: AsOpt = None) -> None:
    """奖项稳定性：逐一去掉每位裁判或改用另一计分规则后奖项是否改变 / medal stability."""
    sv = services()
    table = sv.stability(_reader(sv, as_))
    t = Table(title="奖项稳定性 / medal stability")
    for c in ("选手", "当前奖项", "会改变的情形 / changes"):
        t.add_column(c)
    for r in table.rows:
        changes = [
            f"{c}→{a or '无'}" for c, a in zip(table.columns, r.alternatives, strict=True) if a != r.current
        ]
        row(t, r.contestant, r.current or "无", "；".join(changes))
    console.print(t)
    console.print(escape(table.note))


@app.command()
@friendly
def backup(
    dest: Annotated[
        Path, typer.Argument(help="备份文件或文件夹（如 U 盘上的文件夹）/ backup file or folder")
    ],
    every: Annotated[
        float | None, typer.Option("--every", help="每隔多少分钟备份一次（定时模式，Ctrl+C 停止）")
    ] = None,
    keep: Annotated[int, typer.Option("--keep", help="定时模式保留最近几份")] = 12,
) -> None:
    """备份数据库（SQLite 在线备份并校验；PostgreSQL 给出 pg_dump 用法）/ a verified backup of the database."""
    from contest.backup import backup_every, backup_sqlite, pg_dump_guidance
    from contest.store.engine import open_engine, resolve_url, sqlite_file

    url = resolve_url(state.db)
    source = sqlite_file(url)
    if source is None:
        if url.startswith("postgres"):
            raise ContestError(pg_dump_guidance(url))
        raise ContestError(f"无法备份 {url} / cannot back up {url}")
    open_engine(url).dispose()  # the database must exist: located message otherwise

    def say(r: Any) -> None:
        if r.ok:
            console.print(
                f"[green]✓[/] {escape(str(r.path))}  事件 {r.point.events} 条 / events，"
                f"链头 / head {r.point.head[:8]}，最后事件 / last event {escape(r.point.last_at)}"
            )
            for note in r.notes:
                console.print(f"  {escape(note)}")
        else:
            err.print(
                f"[red]✗ 备份失败 / backup failed:[/] {escape(r.problem)}（下次继续 / retrying next round）"
            )

    if every is None:
        say(backup_sqlite(source, dest))
        return
    if not dest.is_dir():
        raise ContestError(
            f"定时备份需要一个已存在的文件夹：{dest} / --every needs an existing folder: {dest}"
        )
    console.print(f"每 {every:g} 分钟备份到 {escape(str(dest))}，保留最近 {keep} 份；Ctrl+C 停止")
    try:
        backup_every(source, dest, minutes=every, keep=keep, say=say)
    except KeyboardInterrupt:
        console.print("已停止定时备份 / scheduled backups stopped")
