"""The command line: a thin Typer layer over the services. Bare ``contest`` opens the TUI.

User mistakes end with a clear message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from contest.errors import ConfigInvalid, ContestError, ImportRefused

if TYPE_CHECKING:
    from contest.services.core import PinHasher

app = typer.Typer(
    help="养老护理员技能竞赛评分系统 / skills-competition scoring for elderly-care workers",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
)
rubrics_app = typer.Typer(help="评分细则库 / the rubric library")
db_app = typer.Typer(help="数据库 / database")
audit_app = typer.Typer(help="审计链 / the audit chain")
judges_app = typer.Typer(help="裁判 / judges")
import_app = typer.Typer(help="导入 Excel/CSV 名单 / import lists")
print_app = typer.Typer(help="打印 PDF / print documents")
export_app = typer.Typer(help="导出 / export")
app.add_typer(rubrics_app, name="rubrics")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(judges_app, name="judges")
app.add_typer(import_app, name="import")
app.add_typer(print_app, name="print")
app.add_typer(export_app, name="export")

console = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def row(table: Table, *cells: object) -> None:
    """Add a row of plain text: what users typed or imported is never read as rich markup."""
    table.add_row(*(Text("" if c is None else str(c).replace("\t", " ")) for c in cells))


DbOpt = Annotated[
    str | None, typer.Option("--db", help="数据库URL或SQLite文件 / database URL or SQLite file", envvar=None)
]


class _State:
    db: str | None = None
    lang: str = "zh"
    hasher: PinHasher | None = None
    """The PIN hasher of the services the commands run (``None``: the production one,
    :data:`contest.services.core.PIN_HASHER`). No option or variable sets it; a program that embeds the command
    line may (the test suite gives it a cheap one)."""


state = _State()


def friendly(fn: F) -> F:
    """Turn user-facing errors into a red message and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        from rubrics.errors import RubricError
        from scoresheets.errors import ScoresheetError

        try:
            return fn(*args, **kwargs)
        except ImportRefused as exc:
            _print_problems(exc.problems)
            if exc.annotated:
                err.print(f"已生成标注问题的工作簿 / annotated copy: [bold]{escape(str(exc.annotated))}[/]")
            err.print(f"[red]共 {len(exc.problems)} 个问题，未导入任何数据 / nothing was imported[/]")
            raise typer.Exit(1) from None
        except ConfigInvalid as exc:
            err.print("[red]配置文件有问题 / the configuration has problems:[/]")
            for p in exc.problems:
                err.print(f"  • {escape(str(p))}")
            raise typer.Exit(1) from None
        except (ContestError, RubricError, ScoresheetError) as exc:
            err.print(f"[red]错误 / error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None
        except SQLAlchemyError as exc:  # a database that went away mid-command: located, never a traceback
            from contest.store.engine import resolve_url, unreachable_message

            err.print(f"[red]错误 / error:[/] {escape(unreachable_message(resolve_url(state.db), exc))}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _print_problems(problems: list[object]) -> None:
    from rich.markup import escape

    zh = state.lang == "zh"
    t = Table(title="问题清单" if zh else "Problems", show_lines=False, expand=True)
    heads = (
        ("工作表", "行", "列", "字段", "值", "问题")
        if zh
        else ("Sheet", "Row", "Col", "Field", "Value", "Problem")
    )
    for n, col in enumerate(heads):
        t.add_column(col, overflow="fold", ratio=4 if n == 5 else None, no_wrap=n in (1, 2))
    for p in problems[:500]:
        cells = []
        for a in ("sheet", "row", "column", "field", "value", "message"):
            v = getattr(p, a, "")
            cells.append(escape("" if v is None else str(v)))
        t.add_row(*cells)
    err.print(t)
    if len(problems) > 500:
        err.print(f"……另有 {len(problems) - 500} 个问题，见标注工作簿 / and {len(problems) - 500} more")


def services() -> Any:
    """Services on the configured database (upgraded to the current schema on open)."""
    from contest.services import Services
    from contest.store.engine import open_engine, resolve_url
    from contest.store.migrate import upgrade

    engine = open_engine(resolve_url(state.db))  # never creates one: says which database and why not
    upgrade(engine)
    return Services(engine, hasher=state.hasher)


def official(sv: Any, code: str | None, role: str, pin: str | None = None) -> Any:
    """The person running a state-changing command, proven by their PIN (see :mod:`contest.cli.door`)."""
    from contest.cli.door import door

    return door(sv, code, role, pin)


AsJudge = Annotated[
    str | None,
    typer.Option(
        "--as",
        "--judge",
        envvar="CONTEST_AS",
        help="执行人编号（PIN 由 CONTEST_PIN 或提示输入）/ who runs this (PIN from CONTEST_PIN or a prompt)",
    ),
]


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
        tui()


# -- rubrics -----------------------------------------------------------------------------------------------------
@rubrics_app.command("list")
@friendly
def rubrics_list() -> None:
    """列出评分细则库 / list the library."""
    from rubrics.load import load_library

    _rubric_table(load_library(), "评分细则库 / rubric library")


def _rubric_table(lib: Any, title: str) -> None:
    t = Table(title=title)
    for c in ("id", "代码", "名称", "满分", "项目数", "时限", "hash"):
        t.add_column(c)
    for m in lib.modules.values():
        t.add_row(
            m.id,
            m.code,
            m.title.zh,
            str(m.max_points),
            str(len(m.items)),
            f"{m.time_limit_minutes} min",
            m.short_hash,
        )
    for b in lib.blueprints.values():
        t.add_row(
            b.id,
            "理论",
            b.title.zh,
            str(b.max_points),
            str(b.question_count),
            f"{b.duration_minutes} min",
            b.content_hash[:12],
        )
    console.print(t)


RubricPaths = Annotated[
    list[Path] | None, typer.Argument(help="评分细则文件或目录，可多个（默认：内置库）/ files or folders")
]


def _checked(paths: list[Path]) -> Any:
    """The rubrics in ``paths``; every problem printed and exit 1 if there is any."""
    from rubrics.load import check_paths

    lib, problems = check_paths(paths)
    for p in problems:
        err.print(f"[red]✗[/] {escape(str(p))}")
    if problems:
        err.print(f"[red]{len(problems)} 个问题 / problems[/]")
        raise typer.Exit(1)
    return lib


@rubrics_app.command("check")
@friendly
def rubrics_check(paths: RubricPaths = None) -> None:
    """校验评分细则文件或目录，列出全部问题 / validate rubric files and folders and list every problem."""
    from rubrics.load import library_dir

    lib = _checked(paths or [library_dir()])
    _rubric_table(lib, "已校验 / checked")
    n = len(lib.modules) + len(lib.blueprints)
    console.print(f"[green]✓ {n} 个文件全部通过校验 / all valid[/]")


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
            raise ContestError(f"{rubric} 不是模块评分细则（理论组卷蓝图请用 rubrics check）")
        m: ModuleRubric = found[0]
    else:
        got = load_library().modules.get(rubric)
        if got is None:
            raise ContestError(f"没有评分细则 {rubric}（内置库 id 或文件路径）")
        m = got
    console.print(
        f"[bold]{m.code} {m.title.zh}[/] ({m.title.en}) — {m.max_points} 分，{m.time_limit_minutes} 分钟"
    )
    console.print(f"hash {m.content_hash}")
    console.print(m.scenario.zh)
    t = Table()
    for c in ("项", "名称", "配分", "类型", "扣分细则 / 评价等级"):
        t.add_column(c)
    for i in m.items:
        rules = "\n".join(f"{d.code} {d.text.zh} −{d.points}" for d in i.deductions) or " | ".join(
            x.zh for x in i.levels
        )
        if i.typing_allowed:  # a typed score: only on the item's step, from 0 to its points
            typed = f"直接打分 0–{i.points}，步长 {i.step}"
            rules = f"{rules}\n{typed}" if rules else typed
        kind = {"measurement": "测量", "judgement": "评价", "score": "直接打分"}.get(i.kind, i.kind)
        t.add_row(i.id, i.title.zh, str(i.points), kind, rules)
    console.print(t)
    for v in m.vetoes:
        console.print(f"否决 {v.code}: {v.text.zh}（{v.effect}）")


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
        raise ContestError(f"{out} 已存在，未覆盖（确需覆盖请加 --force）/ exists; add --force")
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
        err.print(f"[red]{len(result.problems)} 个问题，未生成文件 / problems, nothing written[/]")
        raise typer.Exit(1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.records[0], encoding="utf-8")
    lib = _checked([out])
    m = next(iter(lib.modules.values()))
    console.print(
        f"[green]✓ 已生成评分细则[/] {escape(str(out))}：{escape(m.id)}，{len(m.items)} 项，满分 {m.max_points}"
    )
    console.print(f'contest.toml：rubric = "{escape(m.id)}"  file = "…"  hash = "{m.content_hash[:16]}"')


# -- contest lifecycle ---------------------------------------------------------------------------------------------
@app.command()
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


@app.command()
@friendly
def status() -> None:
    """各模块评分进度 / progress per module."""
    from contest.services import CONSOLE

    sv = services()
    info = sv.info()
    console.print(
        f"[bold]{escape(info.name_zh)}[/] 选手 {info.contestants} 人，裁判 {info.judges} 人，"
        f"{'已抽签' if info.drawn else '未抽签'}，{'已解密' if info.decrypted else '未解密'}"
    )
    t = Table(title="评分进度 / progress")
    for c in ("模块", "名称", "应交", "已交", "签核"):
        t.add_column(c)
    for m in sv.progress(CONSOLE):
        row(t, m.code, m.title, str(m.expected), str(m.submitted), "✓" if m.signed_off else "")
    console.print(t)
    console.print(f"审计链头 / audit head: {sv.audit_head()[:8]}")


@app.command()
@friendly
def standings(top: Annotated[int, typer.Option(help="只显示前N名（0=全部）")] = 0) -> None:
    """当前成绩排名（解密前只显示赛位号）/ current standings."""
    from contest.services import CONSOLE

    sv = services()
    view = sv.standings(CONSOLE)
    show_standings(view, top)


def show_standings(view: Any, top: int = 0) -> None:
    """Print a standings table."""
    from contest.services.conflicts import CHECKIN_LABELS

    t = Table(title="成绩排名" + ("" if view.decrypted else "（解密前，按赛位号）"))
    # a short list on a narrow terminal (the demo's top 10 at 80 columns) shows who, the total and the award
    # rather than thirteen columns cut to "张…"; `contest standings` on a wide terminal shows every part
    compact = bool(top) and console.width < 120
    cols = (
        ["名次", "赛位号"]
        + (["姓名", "单位"] if view.decrypted else [])
        + ([] if compact else ["理论", *view.module_codes, "实操"])
        + ["总分", "奖项"]
        + ([] if compact else ["备注"])
    )
    for c in cols:
        t.add_column(c, no_wrap=c in ("名次", "赛位号", "姓名", "总分"))
    for i, line in enumerate(view.lines):
        if top and i >= top:
            break
        cells = [str(line.rank or "—"), line.station] + ([line.name, line.unit] if view.decrypted else [])
        if not compact:
            cells += [str(line.theory if line.theory is not None else "—")]
            cells += [
                CHECKIN_LABELS[line.checkin[c]][0]  # 检录: 缺考 / 弃权 / 取消资格 instead of a number
                if c in line.checkin
                else str(line.modules.get(c) if line.modules.get(c) is not None else "—")
                for c in view.module_codes
            ]
            cells += [str(line.practical)]
        award = " ".join(filter(None, [line.award, *line.titles]))  # with any 技术能手 nomination
        cells += [str(line.total), award] + ([] if compact else [line.remark])
        row(t, *cells)
    console.print(t)
    for n in view.award_notes:
        console.print(Text(f"· {n}"))


@app.command()
@friendly
def signoff(
    module: Annotated[str, typer.Argument(help="模块代码，如 A")],
    judge: AsJudge = None,
    override: Annotated[str | None, typer.Option(help="强制签核理由（记入审计）")] = None,
    supervisor: Annotated[
        str | None,
        typer.Option(help="监督编号：评分表不足签核法定数时须监督会签（PIN 提示输入）/ supervisor co-signs"),
    ] = None,
) -> None:
    """裁判长签核模块 / the chief judge signs a module off."""
    sv = services()
    actor = official(sv, judge, "签核模块")
    cosign = (
        (supervisor, typer.prompt(f"{supervisor} PIN（监督会签）", hide_input=True)) if supervisor else None
    )
    sv.sign_off(actor, module, override, supervisor=cosign)
    console.print(f"[green]✓ 模块 {escape(module)} 已签核[/]")


@app.command()
@friendly
def checkin(
    station: Annotated[str, typer.Argument(help="该模块的赛位号")],
    module: Annotated[str, typer.Option(help="模块代码，如 A")],
    state_: Annotated[
        str,
        typer.Option(
            "--state", help="present（已检录）、absent（缺考）、withdrew（弃权）、disqualified（取消资格）"
        ),
    ],
    note: Annotated[str, typer.Option(help="备注（如缺考原因）")] = "",
    judge: AsJudge = None,
) -> None:
    """检录：登记选手在某模块的到场状态（组织者或裁判长）/ record a contestant's check-in state in a module."""
    from contest.services.conflicts import CHECKIN_LABELS

    sv = services()
    actor = official(sv, judge, "登记检录")
    sv.checkin(actor, station, module, state_, note)
    console.print(
        f"[green]✓ 模块 {escape(module)} 赛位 {escape(station)}：{CHECKIN_LABELS[state_][0]}[/]"
        + ("（不在评分名单中）" if state_ != "present" else "")
    )


@import_app.command("checkin")
@friendly
def import_checkin_cmd(
    file: Annotated[Path, typer.Argument(help="检录表 .xlsx/.csv（赛位号、模块、检录状态、备注）")],
    module: Annotated[str | None, typer.Option(help="表中没有“模块”列时，所有行的模块")] = None,
    judge: AsJudge = None,
) -> None:
    """导入检录表：每个赛位在某模块的检录状态（全部无误才登记）/ import a check-in list."""
    from contest.intake.checkin import import_checkins

    sv = services()
    actor = official(sv, judge, "登记检录")
    result = import_checkins(file, module=module, modules=[m.code for m in sv.info().modules])
    if result.problems:
        raise ImportRefused(list(result.problems))
    n = sv.import_checkins(actor, [(r.station, r.module, r.state, r.note) for r in result.records])
    console.print(f"[green]✓ 已登记 {n} 条检录记录 / {n} check-in rows recorded[/]")


@app.command("avoid-override")
@friendly
def avoid_override(
    station: Annotated[str, typer.Argument(help="该模块的赛位号")],
    module: Annotated[str, typer.Option(help="模块代码，如 A")],
    marker: Annotated[str, typer.Option(help="处于回避关系的评分裁判编号")],
    reason: Annotated[str, typer.Option(help="例外理由（记入审计，打印在评分表上）")],
    judge: AsJudge = None,
) -> None:
    """回避例外：裁判长准许某评分裁判评该赛位选手 / the chief judge lets a judge in recusal mark one contestant."""
    sv = services()
    actor = official(sv, judge, "回避例外")
    sv.avoid_override(actor, station, module, marker, reason)
    console.print(
        f"[green]✓ 回避例外：裁判 {escape(marker)} 可评模块 {escape(module)} 赛位 {escape(station)}[/]"
    )


@app.command()
@friendly
def decrypt(
    chief: Annotated[str, typer.Option(prompt="裁判长编号 / chief judge code")],
    supervisor: Annotated[str, typer.Option(prompt="监督编号 / supervisor code")],
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key",
            help="持有加密对照表的加密裁判编号（可多次；[draw] decrypt_with_keys 时须到场输入PIN）/ a key holder",
        ),
    ] = None,
) -> None:
    """解密：裁判长与监督各自输入PIN；两步加密时各阶段加密裁判也输入PIN开启各自的对照表 / decryption by two
    officials (and, with two encryption stages, each stage's key holder)."""
    sv = services()
    from contest.cli.door import pin_for

    cp = pin_for(chief, primary=False)
    sp = pin_for(supervisor, primary=False)
    keys = [(code, pin_for(code, primary=False)) for code in key or []]
    sv.decrypt(chief, cp, supervisor, sp, keys)
    console.print("[green]✓ 已解密，成绩可显示姓名[/]")


@app.command()
@friendly
def appeal(
    station: Annotated[
        str,
        typer.Argument(
            help="赛位号（按模块抽签时为所申诉模块的赛位号；未指明 --module 的申诉（理论、总分）则填抽签号）"
        ),
    ],
    text: Annotated[str, typer.Option(help="申诉内容")],
    module: Annotated[str | None, typer.Option(help="模块代码")] = None,
    judge: AsJudge = None,
) -> None:
    """登记申诉 / record an appeal."""
    sv = services()
    actor = official(sv, judge, "登记申诉")
    aid = sv.lodge_appeal(actor, station, module, text)
    console.print(f"[green]✓ 申诉 #{aid} 已登记[/]")


@app.command()
@friendly
def ruling(
    appeal_id: Annotated[int, typer.Argument(help="申诉编号")],
    text: Annotated[str, typer.Option(help="裁决内容")],
    reopen: Annotated[list[str] | None, typer.Option(help="重开这些裁判的评分表（可多次）")] = None,
    judge: AsJudge = None,
    chief: Annotated[str | None, typer.Option("--chief", help="更正：裁判长编号（解密后重开时）")] = None,
    supervisor: Annotated[str | None, typer.Option("--supervisor", help="更正：监督编号")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="更正理由")] = None,
) -> None:
    """申诉复核结论（裁判长或监督；可重开评分表；解密后重开须走更正程序）/ the first ruling on an appeal."""
    from contest.cli.door import correction

    sv = services()
    actor = official(sv, judge, "裁决申诉")
    fix = correction(sv, actor, chief, supervisor, reason)
    sv.rule_appeal(actor, appeal_id, text, reopen or [], correction=fix)
    console.print(
        f"[green]✓ 申诉 #{appeal_id} 已裁决[/]"
        + (escape(f"，已重开 {', '.join(reopen)} 的评分表") if reopen else "")
    )


@app.command()
@friendly
def appeals() -> None:
    """申诉记录（申诉与公示期异议、复核、提请仲裁、仲裁决定）/ the appeal log."""
    from contest.services.appeals import APPEAL_STATES, KINDS

    t = Table(title="申诉记录 / appeals")
    for c in ("编号", "类别", "状态", "赛位号", "姓名", "模块", "时间", "内容", "复核", "重开", "仲裁决定"):
        t.add_column(c, overflow="fold")
    for a in services().appeals():
        text = f"{a.text}（异议人：{a.objector}）" if a.objector else a.text
        ruling = f"{a.ruling}（{a.ruled_by}）" if a.ruling else ""
        if a.escalation:
            ruling += f"\n提请仲裁：{a.escalation}"
        decided = f"{a.decision}（{'、'.join(a.panel)}）" if a.decision else ""
        row(
            t,
            str(a.id),
            KINDS.get(a.kind, a.kind),
            APPEAL_STATES.get(a.state, a.state),
            a.station,
            a.name,
            a.module_code or "",
            a.lodged_at,
            text,
            ruling,
            ",".join(a.reopened + a.arbitration_reopened),
            decided,
        )
    console.print(t)


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
        console.print(Text(r, style="yellow"))


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
        console.print(Text(w, style="yellow"))
    console.print(Text(f"✓ {code} → {', '.join(modules)}", style="green"))


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


@app.command()
@friendly
def tui() -> None:
    """打开评分终端 / open the judge terminal."""
    sv = services()
    from contest.tui.app import run_tui

    run_tui(sv, state.lang)


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "0.0.0.0",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    public_url: Annotated[str | None, typer.Option(help="平板访问的地址（默认按本机局域网IP推算）")] = None,
) -> None:
    """通过浏览器提供评分终端（平板）/ serve the terminal to browsers on the venue LAN."""
    from contest.serve import check_database, make_server
    from contest.store.engine import resolve_url

    url = resolve_url(state.db)
    check_database(url, state.db)  # a missing or empty database is refused, never created and served
    if public_url is None:
        shown = host if host not in ("0.0.0.0", "") else _lan_ip()
        public_url = f"http://{shown}:{port}"
    console.print(f"评分终端已在 {public_url} 提供（平板浏览器打开此地址）/ serving; Ctrl+C 停止")
    make_server(url, state.lang, host, port, public_url).serve()


def _lan_ip() -> str:
    """This host's address on the venue LAN (the interface a default route would use), or 127.0.0.1."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))  # no packet is sent for a UDP connect
            return str(sock.getsockname()[0])
        except OSError:
            return "127.0.0.1"


@app.command()
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


@print_app.command("feedback")
@friendly
def print_feedback(
    unit: Annotated[str | None, typer.Option("--unit", help="只打印一个单位")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件夹")] = None,
    contestants: Annotated[
        bool, typer.Option("--contestants", help="同时打印个人成绩反馈单（须在 contest.toml 中启用）")
    ] = False,
    override: Annotated[
        str | None, typer.Option("--override", help="成绩不完整时打印的理由（记入审计）")
    ] = None,
    font: Annotated[str | None, typer.Option("--font", help="TrueType 字体文件")] = None,
    as_: AsJudge = None,
) -> None:
    """以赛促训：培训反馈报告（每单位一份 PDF，另附汇总工作簿）；组织者或裁判长，解密后 / unit feedback reports."""
    from contest.outputs_feedback import write_unit_feedback

    sv = services()
    files = write_unit_feedback(
        sv,
        official(sv, as_, "打印"),
        out or Path("培训反馈报告"),
        unit=unit,
        contestants=contestants,
        override=override,
        lang=state.lang,
        font=font,
    )
    for path in files:
        console.print(f"[green]✓[/] {escape(str(path))}")


def main() -> None:
    """Entry point of the ``contest`` script."""
    app()


import contest.cli.appeals as _cli_appeals  # noqa: E402,F401  (registers escalate, arbitrate, objection …)
import contest.cli.calibration as _cli_calibration  # noqa: E402,F401  (registers the calibration commands)
import contest.cli.door as _cli_door  # noqa: E402,F401  (registers set-pin and unlock)
import contest.cli.encryption as _cli_encryption  # noqa: E402,F401  (registers draw, lots, import lots)
import contest.cli.imports.theory as _cli_import  # noqa: E402,F401  (registers the import and template commands)
import contest.cli.printouts as _cli_output  # noqa: E402,F401  (registers print, export and verification)
import contest.cli.rubric_change as _cli_rubric_change  # noqa: E402,F401  (registers rubrics preview|amend)
import contest.cli.schedule as _cli_schedule  # noqa: E402,F401  (registers schedule and groups)
import contest.cli.schedule_print as _cli_schedule_print  # noqa: E402,F401  (registers print schedule|groups)
import contest.cli.veto as _cli_veto  # noqa: E402,F401  (registers veto list|confirm|reject)
