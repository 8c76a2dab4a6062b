"""A 检录表 workbook: read with every problem located (unknown state, unknown module, a station twice), and
imported through the CLI all or nothing, a station typed without its zeros found."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from contest.cli import app
from contest.intake.checkin import import_checkins
from contest.services import CONSOLE
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from tests.db.conftest import small_config
from tests.db.helpers import build_env

runner = CliRunner()


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "检录表"
    ws.append(["某某技能竞赛 检录表"])
    ws.append(["序号", "赛位号", "模块", "检录状态", "备注"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_every_problem_is_located(tmp_path: Path) -> None:
    book = _book(
        tmp_path / "检录表.xlsx",
        [
            [1, "001", "A", "缺考", "未到场"],
            [2, "002", "Z", "已检录", ""],
            [3, "003", "A", "迟到", ""],
            [4, "001", "a", "弃权", ""],
            [5, "004", "B", " 取消 资格 ", "冒名"],
        ],
    )
    result = import_checkins(book, modules=["A", "B"])
    where = {(p.row, p.field) for p in result.problems}
    assert where == {(4, "module"), (5, "state"), (3, "station"), (6, "station")}
    assert [(r.station, r.module, r.state, r.note) for r in result.records] == [
        ("004", "B", "disqualified", "冒名")
    ]


def test_a_module_given_for_the_whole_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["赛位号", "检录状态"])
    ws.append(["7", "弃权"])
    wb.save(tmp_path / "b.xlsx")
    assert import_checkins(tmp_path / "b.xlsx").problems  # no module anywhere: said so
    (rec,) = import_checkins(tmp_path / "b.xlsx", module="a").records
    assert (rec.station, rec.module, rec.state) == ("7", "A", "withdrew")


def test_the_cli_imports_a_checkin_list_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    env = build_env(engine, small_config(), n=4)
    st = env.stations
    good = _book(
        tmp_path / "ok.xlsx", [[1, str(int(st[0])), "A", "缺考", "未到场"], [2, st[1], "B", "弃权", ""]]
    )
    wrong = _book(tmp_path / "bad.xlsx", [[1, st[2], "A", "缺考", ""], [2, st[3], "A", "迟到", ""]])
    pins = {"CONTEST_PIN_O1": "2004"}
    refused = runner.invoke(app, ["--db", str(db), "import", "checkin", str(wrong), "--as", "O1"], env=pins)
    assert refused.exit_code == 1 and "迟到" in refused.output
    assert env.sv.checkins(CONSOLE) == []
    done = runner.invoke(app, ["--db", str(db), "import", "checkin", str(good), "--as", "O1"], env=pins)
    assert done.exit_code == 0, done.output
    got = {(v.module_code, v.station, v.state, v.recorded_by) for v in env.sv.checkins(CONSOLE)}
    assert got == {("A", st[0], "absent", "O1"), ("B", st[1], "withdrew", "O1")}
    engine.dispose()
