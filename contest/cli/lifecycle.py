"""The contest's database and its life: ``contest init`` (create the contest from contest.toml), ``contest db
upgrade``, ``contest backup`` and ``contest demo`` (a complete demo contest on SQLite)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from contest.cli.common import console, err, state
from contest.cli.output import friendly, show_standings
from contest.errors import ContestError

db_app = typer.Typer(help="数据库 / database")


@friendly
def init(config: Annotated[Path, typer.Argument(help="contest.toml")]) -> None:
    """按配置文件创建竞赛 / create the contest from contest.toml."""
    from contest.services import Services
    from contest.store.engine import open_engine, resolve_url
    from contest.store.migrate import upgrade

    try:
        text = config.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContestError(f"{config}: 无法读取（须为UTF-8）/ cannot read: {exc}") from exc
    engine = open_engine(resolve_url(state.db), create=True)
    upgrade(engine)
    import secrets

    from contest.services.setup import ORGANISER_CODE

    organiser_pin = f"{secrets.randbelow(10**6):06d}"
    cid = Services.create_contest(engine, text, str(config), organiser_pin=organiser_pin, hasher=state.hasher)
    console.print(f"组织者账户 / organiser account: [bold]{ORGANISER_CODE}[/]  PIN: [bold]{organiser_pin}[/]")
    console.print(
        "PIN 只显示这一次，请妥善保管；命令行写操作用 --as 编号 / shown once; writes need --as CODE"
    )
    info = Services(engine, cid, hasher=state.hasher).info()
    console.print(
        "[green]✓ 已创建竞赛[/] "
        + escape(f"{info.name_zh}（{', '.join(m.code + ' ' + m.title_zh for m in info.modules)}）")
    )


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """升级数据库结构到最新版本 / migrate the database to the current schema."""
    from contest.store.engine import open_engine, resolve_url
    from contest.store.migrate import upgrade

    url = resolve_url(state.db)
    upgrade(open_engine(url))
    console.print(f"[green]✓ 数据库已是最新结构[/] {escape(url)}")


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


@friendly
def demo(
    directory: Annotated[Path, typer.Argument(help="演示目录（新建）")] = Path("contest-demo"),
) -> None:
    """一键生成完整演示竞赛（SQLite）/ build a complete demo contest on SQLite."""
    from rich.progress import Progress

    from contest.demo import DEMO_PIN, run_demo

    with Progress(transient=True, console=console) as bar:
        task = bar.add_task("演示竞赛 / demo", total=11)

        def say(msg: str) -> None:
            bar.console.print(f"  ✓ {msg}")
            bar.advance(task)

        res = run_demo(directory, say, hasher=state.hasher)
    from contest.services import Services
    from contest.store.engine import make_engine

    sv = Services(make_engine(f"sqlite:///{res.database}"), hasher=state.hasher)
    view = sv.standings(sv.login("C01", DEMO_PIN))
    show_standings(view, top=10)
    console.print("\n[bold]过程 / what happened[/]")
    for line in res.story:
        console.print(f"  · {line}")
    console.print("\n[bold]文件 / files[/]")
    for label, path in res.files.items():
        console.print(f"  {label}: {path}")
    console.print(Text(f"\n数据库 / database: {res.database}"))
    console.print(f"打开评分终端 / open the terminal:  [bold]contest --db {escape(str(res.database))} tui[/]")
    console.print(
        f"登录 / logins（PIN 均为 {DEMO_PIN}）：J01–J25 评分裁判（J01–J05 模块A …，模块D J16–J25 分两组），C01 裁判长，S01 监督，"
        "E01 加密裁判，O01 组织者"
    )
