"""``contest serve``: the database path is data, never shell code; a missing or empty database is refused; the
page tablets load is bilingual and needs nothing from the internet."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from typer.testing import CliRunner

from contest.cli import app
from contest.serve import make_server, session_command
from contest.services import Services
from contest.store.engine import create_schema, make_engine
from tests.pins import CHEAP_HASHER
from tests.tui.support import contest_config

HOSTILE = "a' --bogus; touch PWNED; echo '"


def make_contest_db(path: Path) -> Path:
    """A contest database (no people: enough for serving) at ``path`` (built under a plain name, then moved)."""
    plain = path.parent.parent / f"plain-{abs(hash(str(path)))}.db"
    plain.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{plain}")
    create_schema(engine)
    Services.create_contest(engine, contest_config(), hasher=CHEAP_HASHER)
    engine.dispose()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(plain, path)
    return path


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Servers ``contest serve`` built; serving itself is skipped."""
    from textual_serve.server import Server

    built: list[Any] = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: built.append(self))
    return built


def test_hostile_database_path_is_quoted_not_run(
    tmp_path: Path, captured: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_contest_db(tmp_path / HOSTILE / "contest.db")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--db", str(db), "serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    (server,) = captured
    argv = shlex.split(server.command)
    assert argv[argv.index("--db") + 1] == f"sqlite:///{db}"
    # the shell a browser session uses runs exactly that argument vector ("--help" instead of opening the TUI)
    run = subprocess.run(
        f"{server.command} --help", shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert not list(tmp_path.rglob("PWNED"))


def test_session_command_round_trips_any_path() -> None:
    for url in (
        f"sqlite:////x/{HOSTILE}/c.db",
        "sqlite:////x/$(touch y)/`z`/c.db",
        "sqlite:////x/a b\nc/c.db",
    ):
        argv = shlex.split(session_command(url, "en", python="/usr/bin/python3"))
        assert argv == ["/usr/bin/python3", "-m", "contest", "--db", url, "--lang", "en", "tui"]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("missing.db", "不存在"),
        ("odd?name/contest.db", "无法表示"),
        ("odd%3Fname/contest.db", "无法表示"),
    ],
)
def test_missing_or_misread_database_is_refused(
    tmp_path: Path, captured: list[Any], name: str, says: str
) -> None:
    target = tmp_path / "venue" / name
    if "/" in name:  # the database exists, but the URL built from its path would open another file
        make_contest_db(target)
    else:
        target.parent.mkdir()
    result = CliRunner().invoke(app, ["--db", str(target), "serve"])
    assert result.exit_code == 1, result.output
    assert says in result.output
    assert captured == []
    # (the writer queue's lock file beside a database made by the test is not a database)
    assert sorted(
        p.name for p in (tmp_path / "venue").iterdir() if not p.name.endswith("-writers")
    ) == sorted({name.split("/")[0]} - {"missing.db"})


def test_database_without_contest_is_refused(tmp_path: Path, captured: list[Any]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(app, ["--db", str(empty), "serve"])
    assert result.exit_code == 1
    assert "没有竞赛" in result.output
    assert captured == []


async def test_page_is_bilingual_and_local_only(tmp_path: Path) -> None:
    db = make_contest_db(tmp_path / "contest.db")
    server = make_server(f"sqlite:///{db}", "zh", "127.0.0.1", 8000, "http://127.0.0.1:8000")
    async with TestClient(TestServer(await server._make_app())) as client:
        page = await (await client.get("/")).text()
        for text in ("开始 / Start", "会话已结束 / Session ended", "重新开始 / Restart"):
            assert text in page
        referenced = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page)
        referenced += re.findall(r"""url\(["']?([^"')]+)""", page)
        assert referenced, page
        for ref in referenced:
            assert ref.startswith("http://127.0.0.1:8000/static/"), ref
            response = await client.get(ref.removeprefix("http://127.0.0.1:8000"))
            assert response.status == 200, ref  # every asset the page names is served here
        assert "googleapis" not in page


def test_command_uses_this_interpreter(tmp_path: Path) -> None:
    assert shlex.split(session_command("sqlite:////x.db", "zh"))[0] == sys.executable
