"""The results as they stand: ``contest status`` (progress per module), ``contest standings``, ``contest signoff``
(the chief judge signs a module off) and ``contest stability`` (would an award change without one judge or
under another rule)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contest.cli.common import AsJudge, AsPrinter, console, official, services, state, t, words
from contest.cli.output import friendly, row, show_standings


@friendly
def status() -> None:
    """各模块评分进度 / progress per module."""
    from contest.services import CONSOLE

    sv = services()
    info = sv.info()
    name = (info.name_en or info.name_zh) if state.lang == "en" else info.name_zh
    console.print(
        f"[bold]{escape(name)}[/] "
        + t(
            "cmd.status.summary",
            contestants=info.contestants,
            judges=info.judges,
            drawn=t("cmd.status.drawn") if info.drawn else t("cmd.status.not_drawn"),
            decrypted=t("cmd.status.decrypted") if info.decrypted else t("cmd.status.not_decrypted"),
        )
    )
    table = Table(title=t("cmd.status.title"))
    for c in ("module", "title", "expected", "submitted", "signed_off"):
        table.add_column(t(f"cmd.status.col.{c}"))
    titles = {m.code: m.title_en for m in info.modules} if state.lang == "en" else {}
    for m in sv.progress(CONSOLE):
        title = titles.get(m.code) or m.title
        row(table, m.code, title, str(m.expected), str(m.submitted), "✓" if m.signed_off else "")
    console.print(table)
    console.print(t("cmd.status.head", head=sv.audit_head()[:8]))


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
        (supervisor, typer.prompt(t("cmd.signoff.cosign_prompt", code=supervisor), hide_input=True))
        if supervisor
        else None
    )
    sv.sign_off(actor, module, override, supervisor=cosign)
    console.print(f"[green]✓ {t('cmd.signoff.done', module=escape(module))}[/]")


def _reader(sv: Any, code: str | None) -> Any:
    """A read that shows no names before decryption: the host console unless someone is named."""
    from contest.services import CONSOLE

    return CONSOLE if code is None else official(sv, code, "查看")


@friendly
def stability(as_: AsPrinter = None) -> None:
    """奖项稳定性：逐一去掉每位裁判或改用另一计分规则后奖项是否改变 / medal stability."""
    sv = services()
    table = sv.stability(_reader(sv, as_), state.lang)
    out = Table(title=t("cmd.stability.title"))
    for c in ("contestant", "current", "changes"):
        out.add_column(t(f"cmd.stability.col.{c}"))
    none = t("cmd.none")
    for r in table.rows:
        changes = [
            f"{words(c)}→{a or none}"
            for c, a in zip(table.columns, r.alternatives, strict=True)
            if a != r.current
        ]
        row(out, r.contestant, r.current or none, t("cmd.semicolon").join(changes))
    console.print(out)
    console.print(escape(words(table.note)))
