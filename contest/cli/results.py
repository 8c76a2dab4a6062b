"""The results as they stand: ``contest status`` (progress per module), ``contest standings``, ``contest signoff``
(the chief judge signs a module off) and ``contest stability`` (would an award change without one judge or
under another rule)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, AsPrinter, console, official, services
from contest.cli.output import friendly, row, show_standings


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


@friendly
def standings(top: Annotated[int, typer.Option(help="只显示前N名（0=全部）")] = 0) -> None:
    """当前成绩排名（解密前只显示赛位号）/ current standings."""
    from contest.services import CONSOLE

    sv = services()
    view = sv.standings(CONSOLE)
    show_standings(view, top)


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


def _reader(sv: Any, code: str | None) -> Any:
    """A read that shows no names before decryption: the host console unless someone is named."""
    from contest.services import CONSOLE

    return CONSOLE if code is None else official(sv, code, "查看")


@friendly
def stability(as_: AsPrinter = None) -> None:
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
