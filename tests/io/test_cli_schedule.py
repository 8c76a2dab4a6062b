"""The organiser groups the judges and plans or imports the 场次 from the plain CLI (``contest judges assign …
--group``, ``contest schedule plan|import|show``), and the chief judge compares the groups (``contest groups
report``). A workbook with mistakes is refused whole, each problem located by sheet, row and column."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from contest.cli import app
from contest.intake.schedule import read_schedule
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet

runner = CliRunner()
WALL = datetime(2026, 12, 10, 8, 30)  # noqa: DTZ001 — a wall-clock cell, as Excel stores one
PINS = {"CONTEST_PIN_O1": "2004", "CONTEST_PIN_C1": "2002", "COLUMNS": "200"}


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console is made at import, before COLUMNS is set: give the tables room so cells are not wrapped."""
    from contest import cli

    monkeypatch.setattr(cli.console, "width", 200)


def _cli(db: Path, *args: str, ok: bool = True) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], env=PINS)
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def _contest(tmp_path: Path):  # noqa: ANN202
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    env = build_env(engine, small_config(panel=2, modules=("basic_care",)), n=6, judges=4)
    for k in range(1, 5):
        _cli(db, "judges", "assign", f"J{k}", "A", "--group", "第1组" if k <= 2 else "2", "--as", "O1")
    return db, env


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "场次"
    ws.append(["场次", "评分组", "赛位号", "开始时间", "结束时间", "赛道"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_plan_show_and_report_from_the_command_line(tmp_path: Path) -> None:
    db, env = _contest(tmp_path)
    out = _cli(
        db,
        "schedule",
        "plan",
        "A",
        "--per-session",
        "3",
        "--start",
        "2026-12-10 08:30",
        "--minutes",
        "45",
        "--gap",
        "15",
        "--tracks",
        "一号赛道,<b>二号</b>",
        "--as",
        "O1",
    )
    assert "第1场" in out and "第2场" in out and "第1组" in out and "第2组" in out
    assert "<b>二号</b>" in out  # typed text is shown as typed, never read as markup
    shown = _cli(db, "schedule", "show", "A", "--as", "C1")
    assert "J1、J2" in shown and "J3、J4" in shown and "2026-12-10 08:30" in shown
    sv = env.sv
    for view in sv.schedule(sv.login("C1", "2002"), "A"):
        for code in view.judges:
            for station in view.stations:
                fill_sheet(
                    sv, sv.login(code, env.pins[code]), "A", station, level=3 if view.group == "1" else 0
                )
    report = _cli(db, "groups", "report", "A", "--as", "C1")
    assert "平均分差超出容差" in report and "签核该模块须填写理由" in report


def test_a_workbook_schedule_is_checked_and_imported_whole(tmp_path: Path) -> None:
    db, env = _contest(tmp_path)
    st = sorted(env.stations)
    bad = _workbook(
        tmp_path / "bad.xlsx",
        [
            ["第1场", "1", f"{st[0]}至{st[2]}", WALL, "2026/12/10 09:15", "一号"],
            ["一", "2", f"{st[3]}、{st[4]}", "明天上午", None, ""],
            [2, "2", f"{st[0]}至Z9", None, None, None],
        ],
    )
    result = read_schedule(bad)
    where = {(p.row, p.column) for p in result.problems}
    assert (3, "A") in where and (3, "D") in where and (4, "C") in where
    out = _cli(db, "schedule", "import", "A", str(bad), "--as", "O1", ok=False)
    assert "共 3 个问题，未导入任何数据" in out and "明天上午" in out and "不是正整数" in out
    good = _workbook(
        tmp_path / "good.xlsx",
        [
            [
                "第1场",
                "第1组",
                f"{st[0]}至{st[2]}",
                WALL,
                "2026/12/10 09:15",
                "一号",
            ],
            [2, "2", "、".join(st[3:]), "2026-12-10 08:30", None, "二号"],
        ],
    )
    out = _cli(db, "schedule", "import", "A", str(good), "--as", "O1")
    assert "导入 2 场" in out
    views = env.sv.schedule(env.sv.login("C1", "2002"), "A")
    assert [(v.number, v.group, v.stations, v.starts, v.ends) for v in views] == [
        (1, "1", tuple(st[:3]), "2026-12-10 08:30", "2026-12-10 09:15"),
        (2, "2", tuple(st[3:]), "2026-12-10 08:30", ""),
    ]
    # a workbook that leaves a station out is refused by the contest, and the earlier schedule stands
    short = _workbook(
        tmp_path / "short.xlsx", [[1, "1", st[0], None, None, None], [2, "2", st[1], None, None, None]]
    )
    out = _cli(db, "schedule", "import", "A", str(short), "--as", "O1", ok=False)
    assert "不在任何场次" in out
    assert len(env.sv.schedule(env.sv.login("C1", "2002"), "A")) == 2
