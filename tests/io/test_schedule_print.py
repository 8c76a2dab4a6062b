"""A module marked by two judge groups: the organiser prints the 场次安排表 (stations only, posted at the venue) and
the chief judge the 分组评分宽严对照表 (the strict group flagged, the sign-off reason printed) from the plain CLI.
Markup typed into a group or track name prints as text; both prints are logged."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlmodel import select
from typer.testing import CliRunner

from contest.cli import app
from contest.printing.pages import DocHeader, GroupFairnessDocData
from contest.printing.schedule import render_group_fairness, stations_text
from contest.services import CONSOLE, JudgeIn
from contest.store.engine import make_engine, read_session
from contest.store.migrate import upgrade
from contest.store.tables import EventRow
from scoresheets import ItemEntry
from scoresheets.groups import FairnessRules, GroupFairness, GroupFigures
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet

runner = CliRunner()
PINS = {"CONTEST_PIN_C1": "2002", "CONTEST_PIN_O1": "2004", "COLUMNS": "160"}
GROUP_2 = "<b>&乙"
"""Typed by the organiser; stored as ``<B>&乙`` (group names are upper-cased) and printed as ``<B>&乙组``."""
TRACK_2 = "<i>二号</i> & 厅"
REASON = "两组场次<b>难度</b>不同 & 经裁判长与监督核查评分表无误"


def _cli(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], env=PINS)
    assert result.exit_code == 0, result.output
    return result.output


def _text(path: Path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_the_schedule_and_the_groups_compared_print_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    env = build_env(engine, small_config(panel=2, modules=("basic_care",)), n=14, judges=0, draw=False)
    sv = env.sv
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn(
                f"J{k}",
                f"裁判{k}",
                "外单位",
                ("marking",),
                ("A",),
                pin=f"{1000 + k}",
                group="第1组" if k < 3 else GROUP_2,
            )
            for k in range(1, 5)
        ],
    )
    pins = {**env.pins, **{f"J{k}": f"{1000 + k}" for k in range(1, 5)}}
    sv.draw(sv.login("E1", pins["E1"]), "fixed-seed")
    chief = sv.login("C1", pins["C1"])
    rubric = sv.config().module("A").rubric
    # a calibration round: group 2 marks the same performance strictly
    sv.add_calibration(chief, "A", "示范录像")
    for code in ("J1", "J2", "J3", "J4"):
        judge = sv.login(code, pins[code])
        level = 3 if code in ("J1", "J2") else 1
        v = sv.open_calibration_sheet(judge, "A", "K1")
        for it in rubric.items:
            e = ItemEntry(it.id, level=level) if it.kind == "judgement" else ItemEntry(it.id)
            v = sv.save_calibration_mark(judge, "A", "K1", e, v.version)
        v = sv.set_calibration_info(judge, "A", "K1", seconds_used=900, expected_version=v.version)
        sv.submit_calibration_sheet(judge, "A", "K1", v.version)
    sv.close_calibration(chief, "A")
    plan = sv.plan_schedule(
        sv.login("O1", pins["O1"]),
        "A",
        3,
        start="2026-12-10 08:30",
        minutes=40,
        gap=10,
        tracks=["一号赛道", TRACK_2],
    )
    assert [len(p.stations) for p in plan] == [3, 3, 2, 2, 2, 2]
    for p in plan:
        for code in p.judges:
            for station in p.stations:
                fill_sheet(sv, sv.login(code, pins[code]), "A", station, level=3 if p.group == "1" else 1)
    sv.sign_off(chief, "A", REASON)

    schedule = tmp_path / "场次.pdf"
    _cli(db, "print", "schedule", "-o", str(schedule), "--as", "O1")
    text, pages = _text(schedule)
    assert pages == 1
    assert "场次安排表" in text and "模块 A" in text and rubric.title.zh in text
    assert "共 6 场，14 个赛位" in text
    assert f"{plan[0].stations[0]} 至 {plan[0].stations[-1]}" in text  # 001 至 003
    assert "、".join(plan[2].stations) in text  # two stations: listed
    assert "第1组" in text and "<B>&乙组" in text
    assert TRACK_2 in text and "一号赛道" in text
    assert "2026-12-10 08:30–09:10" in text and "2026-12-10 09:20–10:00" in text
    assert "只列赛位号" in text
    assert "选手00" not in text and "裁判1" not in text  # stations only: no contestant or judge names
    assert "裁判长（签字）" in text and "组织者（签字）" in text

    fairness = tmp_path / "分组.pdf"
    _cli(db, "print", "groups", "A", "-o", str(fairness), "--as", "C1")
    text, pages = _text(fairness)
    flat = text.replace("\n", "")
    assert pages == 1
    assert "分组评分宽严对照表" in text and "不调整任何成绩" in text
    assert "J1 裁判1" in text and "J4 裁判4" in text
    fair = sv.group_fairness(chief, "A")
    assert fair is not None
    strict = next(g for g in fair.groups if g.group != "1")
    assert strict.flags == ("mean", "calibration") and strict.gap is not None and strict.mean is not None
    assert f"{strict.mean:.2f}" in text and f"−{-strict.gap:.2f}" in text
    assert "超出容差：平均分差 > 5 分（偏严）；标定偏差之差 > 3 分（偏严）" in flat
    assert "平均分差 > 5 分（偏宽）" in flat  # group 1, the other side of the same gap
    assert f"裁判长签核说明：{REASON}" in flat
    assert "不对任何成绩作调整" in flat and "不受抽签影响" in flat
    assert "监督（签字）" in text

    with read_session(engine) as s:
        printed = [
            json.loads(e.payload)["details"]["document"]
            for e in s.exec(select(EventRow).where(EventRow.kind == "print")).all()
        ]
    assert printed == ["场次安排表", "分组评分宽严对照表"]
    # a marking judge may not print the groups compared, and the refusal leaves no file
    bad = runner.invoke(
        app,
        ["--db", str(db), "print", "groups", "A", "-o", str(tmp_path / "x.pdf"), "--as", "J1"],
        env={"CONTEST_PIN_J1": "1001"},
    )
    assert bad.exit_code != 0 and not (tmp_path / "x.pdf").exists()
    assert sv.verify().ok


def test_stations_are_written_as_runs_in_their_printed_order() -> None:
    assert stations_text(["001", "002", "003", "004"]) == "001 至 004"
    assert stations_text(["001", "002", "005"]) == "001、002、005"
    assert stations_text(["A-07", "A-08", "A-09", "B-10", "A-11"]) == "A-07 至 A-09、B-10、A-11"
    assert stations_text(["009", "010", "011"]) == "009 至 011"
    assert stations_text(["99", "100", "101"]) == "99、100、101"  # widths differ: not one run
    assert stations_text(["003", "002", "001"]) == "003、002、001"
    assert stations_text(["001", "002", "003"], "en") == "001 to 003"


def test_a_group_too_small_to_compare_and_a_module_without_calibration() -> None:
    header = DocHeader("测试竞赛", "第一届", datetime(2026, 12, 10, 18, 0, tzinfo=UTC), "ab" * 32)
    rules = FairnessRules()
    groups = (
        GroupFigures(
            "1", ("J1", "J2"), 9, Decimal("80.50"), Decimal("3.10"), Decimal("0.40"), None, None, ()
        ),
        GroupFigures("B", ("J3",), 2, Decimal("80.00"), Decimal("1.00"), None, None, None, ()),
    )
    data = GroupFairnessDocData(
        header=header,
        module_code="A",
        module_title="基础照护",
        fairness=GroupFairness("A", groups, rules),
        judges={"J1": "<b>张三</b>", "J2": "李四 & 王五", "J3": "赵六"},
        calibrated=False,
        signed_off=False,
        signoff_note="",
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_group_fairness(data))).pages)
    flat = text.replace("\n", "")
    assert "J1 <b>张三</b>" in text and "J2 李四 & 王五" in text
    assert "B组" in text and "第1组" in text
    assert "+0.40" in text and "—" in text
    assert "选手少于 3 名，平均分不作比较" in flat
    assert "本模块没有进行评分标定" in flat and "本模块尚未签核" in flat
