"""The plain CLI records 检录 (``contest checkin``) and the chief judge's 回避 exception (``contest avoid-override``),
each by a PIN-proven official; the standings table shows 缺考 in place of the module score."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from contest.cli import app
from contest.services import CONSOLE, JudgeIn
from contest.store.engine import make_engine
from tests.db.conftest import small_config
from tests.db.helpers import build_env

runner = CliRunner()


def _cli(db: Path, *args: str, env: dict[str, str]) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_checkin_and_avoid_override_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    from contest.store.migrate import upgrade

    upgrade(engine)
    env = build_env(engine, small_config(), n=3, draw=False)
    sv = env.sv
    sv.import_judges(CONSOLE, [JudgeIn("J1", "裁判1", "单位0", ("marking",), ("A", "B"), pin="1000")])
    sv.draw(sv.login("E1", env.pins["E1"]), "fixed-seed")
    stations = [st.station for st in sv.stations(sv.login("J2", env.pins["J2"]), "A")]
    avoided = next(st.station for st in sv.stations(sv.login("J1", env.pins["J1"]), "A") if st.avoid)
    absent = next(s for s in stations if s != avoided)
    out = _cli(
        db,
        "checkin",
        absent,
        "--module",
        "A",
        "--state",
        "absent",
        "--as",
        "O1",
        env={"CONTEST_PIN_O1": "2004"},
    )
    assert "缺考" in out and absent in out
    out = _cli(
        db,
        "avoid-override",
        avoided,
        "--module",
        "A",
        "--marker",
        "J1",
        "--reason",
        "该单位仅一名裁判",
        "--as",
        "C1",
        env={"CONTEST_PIN_C1": "2002"},
    )
    assert "回避例外" in out and "J1" in out
    refused = runner.invoke(
        app,
        ["--db", str(db), "checkin", absent, "--module", "A", "--state", "absent", "--as", "J2"],
        env={"CONTEST_PIN_J2": "1001"},
    )
    assert refused.exit_code != 0 and "登记检录" in refused.output
    listed = {st.station for st in sv.stations(sv.login("J1", env.pins["J1"]), "A") if not st.avoid}
    assert avoided in listed and absent not in listed
    table = _cli(db, "standings", env={})
    assert "缺考" in table
    engine.dispose()


def test_the_new_commands_naming_nobody_or_a_wrong_pin_are_refused_and_logged(tmp_path: Path) -> None:
    from sqlmodel import select

    from contest.store.engine import read_session
    from contest.store.tables import CheckinRow, EventRow

    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    from contest.store.migrate import upgrade

    upgrade(engine)
    env = build_env(engine, small_config(), n=3)
    st = env.stations[0]
    book = tmp_path / "检录表.csv"
    book.write_text(f"赛位号,模块,检录状态\n{st},A,缺考\n", encoding="utf-8")
    commands = [
        ["checkin", st, "--module", "A", "--state", "absent"],
        ["avoid-override", st, "--module", "A", "--marker", "J1", "--reason", "x"],
        ["import", "checkin", str(book)],
    ]

    def events() -> list[tuple[str, str]]:
        with read_session(engine) as s:
            return [(e.kind, e.actor) for e in s.exec(select(EventRow).order_by(EventRow.seq)).all()]

    for args in commands:
        before = len(events())
        res = runner.invoke(app, ["--db", str(db), *args], env={})
        assert res.exit_code == 1 and "--as" in res.output, res.output
        assert events()[before:] == [("denied", "cli")]
        res = runner.invoke(app, ["--db", str(db), *args], env={"CONTEST_AS": "O1", "CONTEST_PIN": "999999"})
        assert res.exit_code == 1
        assert events()[before + 1 :] == [("login_failed", "O1")]
    with read_session(engine) as s:
        assert s.exec(select(CheckinRow)).all() == []
    engine.dispose()
