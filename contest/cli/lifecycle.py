"""The contest's database and its life: ``contest init`` (create the contest from contest.toml), ``contest db
upgrade``, ``contest backup`` and ``contest demo`` (a complete demo contest on SQLite)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from contest.cli.common import console, err, state, t, words
from contest.cli.output import friendly, show_standings
from contest.errors import ContestError
from contest.i18n import Msg

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
        raise ContestError(Msg("cmd.init.unreadable", path=str(config), error=str(exc))) from exc
    engine = open_engine(resolve_url(state.db), create=True)
    upgrade(engine)
    import secrets

    from contest.services.setup import ORGANISER_CODE

    organiser_pin = f"{secrets.randbelow(10**6):06d}"
    cid = Services.create_contest(engine, text, str(config), organiser_pin=organiser_pin, hasher=state.hasher)
    console.print(f"{t('cmd.init.organiser')}: [bold]{ORGANISER_CODE}[/]  PIN: [bold]{organiser_pin}[/]")
    console.print(t("cmd.init.pin_once"))
    info = Services(engine, cid, hasher=state.hasher).info()
    en = state.lang == "en"
    name = (info.name_en or info.name_zh) if en else info.name_zh
    modules = ", ".join(
        m.code + " " + ((m.title_en or m.title_zh) if en else m.title_zh) for m in info.modules
    )
    console.print(f"[green]✓ {t('cmd.init.created')}[/] " + escape(t("cmd.paren", text=name, note=modules)))


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """升级数据库结构到最新版本 / migrate the database to the current schema."""
    from contest.store.engine import open_engine, resolve_url
    from contest.store.migrate import upgrade

    url = resolve_url(state.db)
    upgrade(open_engine(url))
    console.print(f"[green]✓ {t('cmd.db.up_to_date')}[/] {escape(url)}")


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
        raise ContestError(Msg("cmd.backup.cannot", url=url))
    open_engine(url).dispose()  # the database must exist: located message otherwise

    def say(r: Any) -> None:
        if r.ok:
            point = t("cmd.backup.point", events=r.point.events, head=r.point.head[:8], last=r.point.last_at)
            console.print(f"[green]✓[/] {escape(str(r.path))}  {escape(point)}")
            for note in r.notes:
                console.print(f"  {escape(words(note))}")
        else:
            problem = escape(words(r.problem))
            err.print(f"[red]✗ {t('cmd.backup.failed')}[/] {t('cmd.backup.retrying', problem=problem)}")

    if every is None:
        say(backup_sqlite(source, dest))
        return
    if not dest.is_dir():
        raise ContestError(Msg("cmd.backup.needs_folder", path=str(dest)))
    console.print(t("cmd.backup.every", minutes=every, dest=escape(str(dest)), keep=keep))
    try:
        backup_every(source, dest, minutes=every, keep=keep, say=say)
    except KeyboardInterrupt:
        console.print(t("cmd.backup.stopped"))


@friendly
def demo(
    directory: Annotated[Path, typer.Argument(help="演示目录（新建）")] = Path("contest-demo"),
) -> None:
    """一键生成完整演示竞赛（SQLite）/ build a complete demo contest on SQLite."""
    from rich.progress import Progress

    from contest.demo import DEMO_PIN, file_label, run_demo

    with Progress(transient=True, console=console) as bar:
        task = bar.add_task(t("cmd.demo.progress"), total=11)

        def say(msg: str) -> None:
            bar.console.print(f"  ✓ {escape(msg)}")
            bar.advance(task)

        res = run_demo(directory, say, hasher=state.hasher, lang=state.lang)
    from contest.services import Services
    from contest.store.engine import make_engine

    sv = Services(make_engine(f"sqlite:///{res.database}"), hasher=state.hasher)
    view = sv.standings(sv.login("C01", DEMO_PIN))
    show_standings(view, top=10)
    console.print(f"\n[bold]{t('cmd.demo.heading.story')}[/]")
    for line in res.story:
        console.print(Text(f"  · {line}"))
    console.print(f"\n[bold]{t('cmd.demo.heading.files')}[/]")
    for label, path in res.files.items():
        console.print(Text(f"  {file_label(label, state.lang)}: {path}"))
    console.print(Text("\n" + t("cmd.demo.database", path=str(res.database))))
    console.print(f"{t('cmd.demo.open_tui')}  [bold]contest --db {escape(str(res.database))} tui[/]")
    console.print(t("cmd.demo.logins", pin=DEMO_PIN))
