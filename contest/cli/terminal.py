"""The judge terminal: ``contest tui`` (in this terminal; also bare ``contest``) and ``contest serve`` (to tablet
browsers on the venue LAN). The TUI is imported only when it opens."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from contest.cli.common import console, services, state, t
from contest.cli.output import friendly


@friendly
def tui() -> None:
    """打开评分终端 / open the judge terminal."""
    sv = services()
    from contest.tui.app import run_tui

    run_tui(sv, state.lang)


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
    console.print(t("cmd.serve.serving", url=escape(public_url)))
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
