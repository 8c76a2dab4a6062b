"""``--lang en`` reaches everything the command line's commands print (results, audit, judges, appeals, sessions,
rubrics, vetoes): no Chinese but the contest's own data (names, units, award tiers); without it they speak
Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contest.cli import app
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from tests.contest_toml import AWARD_TIERS
from tests.db.conftest import small_config
from tests.db.helpers import build_env

runner = CliRunner()
PINS = {"CONTEST_PIN_O1": "2004", "CONTEST_PIN_C1": "2002", "CONTEST_PIN_S1": "2003"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
USER_DATA = (
    *(f"选手{i:02d}" for i in range(4)),
    *(f"单位{i}" for i in range(3)),
    *(f"裁判{k}" for k in range(1, 3)),
    "外单位",
    "加密",
    "裁判长",
    "监督",
    "组织",
    *(tier for tier, _ in AWARD_TIERS),
)
"""What the test contest's people and awards are called: shown as entered, in any language."""


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    from contest import cli

    monkeypatch.setattr(cli.console, "width", 200)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    build_env(engine, small_config(panel=2, modules=("basic_care",)), n=4, judges=2)
    for code, group in (("J1", "1"), ("J2", "2")):
        _cli(path, "zh", "judges", "assign", code, "A", "--group", group, "--as", "O1")
    _cli(path, "zh", "schedule", "plan", "A", "--per-session", "2", "--as", "O1")
    return path


def _cli(db: Path, lang: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args], env=PINS)
    assert result.exit_code == 0, result.output
    return result.output


def _foreign(text: str) -> list[str]:
    """The Chinese left in ``text`` once the contest's own data is taken out."""
    for data in sorted(USER_DATA, key=len, reverse=True):
        text = text.replace(data, "")
    return [line for line in text.splitlines() if CJK.search(line)]


COMMANDS = (
    ("status",),
    ("audit", "verify"),
    ("judges", "list"),
    ("appeals",),
    ("schedule", "show", "--as", "O1"),
    ("groups", "report", "A", "--as", "C1"),
    ("veto", "list", "--as", "C1"),
    ("rubrics", "list"),
)


def test_english_commands_print_no_chinese_but_the_contests_data(db: Path) -> None:
    out = _cli(db, "en", "appeal", "001", "--text", "the timer stopped early", "--module", "A", "--as", "S1")
    assert "Appeal #1 recorded" in out and not _foreign(out)
    for command in COMMANDS:
        out = _cli(db, "en", *command)
        assert not _foreign(out), (command, _foreign(out))
    assert "Progress" in _cli(db, "en", "status")
    assert "The audit chain is intact" in _cli(db, "en", "audit", "verify")
    sessions = _cli(db, "en", "schedule", "show", "--as", "O1")
    assert "session 1" in sessions and "group 1" in sessions
    assert "the timer stopped early" in _cli(db, "en", "appeals")


def test_certificate_and_head_checks_answer_in_the_commands_language(db: Path) -> None:
    """``verify-certificate`` and ``audit head`` said both languages at once ("查无此证书编号 / unknown …")."""
    for args, zh, en in (
        (("verify-certificate", "NOPE20260999-ABCDEF123456"), "查无此证书编号", "unknown certificate number"),
        (("audit", "head", "0123abcd" * 4), "审计链中从未有过这个链头", "the chain never had this head"),
        (("audit", "head", "12"), "链头太短", "too short: type the 32 printed digits"),
    ):
        english = runner.invoke(app, ["--db", str(db), "--lang", "en", *args], env=PINS).output
        chinese = runner.invoke(app, ["--db", str(db), *args], env=PINS).output
        assert en in english and not CJK.search(english), english
        assert zh in chinese and en not in chinese, chinese


def test_chinese_is_the_default(db: Path) -> None:
    assert "评分进度" in _cli(db, "zh", "status")
    assert "审计链完整" in _cli(db, "zh", "audit", "verify")
    result = runner.invoke(app, ["--db", str(db), "schedule", "show", "--as", "O1"], env=PINS)
    assert result.exit_code == 0 and "第1场" in result.output and "第1组" in result.output


def test_an_english_error_from_a_command_is_english(db: Path) -> None:
    from contest.errors import ContestError
    from contest.i18n import Msg, describe

    for msg in (
        Msg("cmd.door.correction_incomplete"),
        Msg("cmd.rubric_change.file_or_set"),
        Msg("cmd.calibration.nothing_submitted"),
        Msg("cmd.judges.pins_differ"),
        Msg("cmd.rubrics.no_such", rubric="x"),
    ):
        assert not CJK.search(describe(ContestError(msg), "en"))
    result = runner.invoke(
        app,
        [
            "--db",
            str(db),
            "--lang",
            "en",
            "rubrics",
            "amend",
            "A",
            "--chief",
            "C1",
            "--supervisor",
            "S1",
            "--reason",
            "typo",
            "--file",
            "x.toml",
            "--set",
            "A1-1=0.5",
            "--as",
            "C1",
        ],
        env=PINS,
    )
    assert result.exit_code == 1 and "give --file or --set, not both" in result.output


@pytest.mark.slow
def test_the_demo_tells_its_progress_and_story_in_english(tmp_path: Path) -> None:
    from contest.demo import run_demo
    from contest.i18n import say
    from contest.services import Services
    from tests.pins import CHEAP_HASHER

    steps: list[str] = []
    res = run_demo(tmp_path / "demo", steps.append, n=12, hasher=CHEAP_HASHER, lang="en")
    assert steps[0] == "contest created" and "module A calibrated" in steps
    assert not [s for s in steps if CJK.search(s)]
    # the recusals are the services' words (shown as they give them); everything else the demo says is English
    recusals = {say(r, "en") for r in Services(make_engine(f"sqlite:///{res.database}")).recusals()}
    told = [line for line in res.story if line not in recusals]
    assert any(line.startswith("Calibration: module A's 5 judges") for line in told)
    assert not [line for line in told if CJK.search(line)], told
