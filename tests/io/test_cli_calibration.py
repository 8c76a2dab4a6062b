"""The chief judge runs a calibration round from the plain CLI (``contest calibration add|report|close``) and prints
the 评分标定报告; the PDF names the item the judges read differently, the rule only some applied, and each judge's
lean. A hostile performance title prints as text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from contest.cli import app
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from scoresheets import Applied, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env

runner = CliRunner()
CHIEF = {"CONTEST_PIN_C1": "2002", "COLUMNS": "160"}


def _cli(db: Path, *args: str, env: dict[str, str] = CHIEF) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_calibration_round_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    out = _cli(db, "calibration", "add", "A", "--title", "[/b]=HYPERLINK(1) 示范录像", "--as", "C1")
    assert "K1" in out
    rubric = sv.config().module("A").rubric
    judgement = next(i for i in rubric.items if i.kind == "judgement")
    for code, level, a1 in (("J1", 3, True), ("J2", 3, True), ("J3", 0, False)):
        judge = sv.login(code, env.pins[code])
        entries = [
            ItemEntry(i.id, level=level)
            if i.kind == "judgement"
            else ItemEntry(i.id, (Applied("A1-1"),) if (i.id == "A1" and a1) else ())
            for i in rubric.items
        ]
        v = sv.open_calibration_sheet(judge, "A", "K1")
        for e in entries:
            v = sv.save_calibration_mark(judge, "A", "K1", e, v.version)
        v = sv.set_calibration_info(judge, "A", "K1", seconds_used=900, expected_version=v.version)
        sv.submit_calibration_sheet(judge, "A", "K1", v.version)
    out = _cli(db, "calibration", "report", "A", "--as", "C1")
    assert judgement.id in out and "等级相差大" in out and "扣分点不一致" in out
    assert "偏严" in out  # J3
    pdf = tmp_path / "标定.pdf"
    _cli(db, "print", "calibration", "A", "--out", str(pdf), "--as", "C1")
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "评分标定报告" in text and "标定评分不计入任何成绩" in text
    assert "[/b]=HYPERLINK(1) 示范录像" in text
    assert f"{judgement.id} {judgement.title.zh}" in text
    a1_rule = rubric.item("A1").deductions[0].text.zh  # type: ignore[union-attr]
    assert f"2/3 名裁判扣“{a1_rule}”（J1、J2）" in text.replace("\n", "")
    assert "偏严" in text and "偏宽" in text
    # a marking judge may not print it, and the refusal is no document
    bad = runner.invoke(
        app,
        ["--db", str(db), "print", "calibration", "A", "--out", str(tmp_path / "x.pdf"), "--as", "J1"],
        env={"CONTEST_PIN_J1": "1000"},
    )
    assert bad.exit_code != 0 and not (tmp_path / "x.pdf").exists()
    _cli(db, "calibration", "close", "A", "--as", "C1")
    assert sv.calibrations(sv.login("C1", "2002"), "A")[0].closed
    assert sv.verify().ok


def test_a_rubric_correction_from_the_command_line(tmp_path: Path) -> None:
    """Preview, then the chief judge and the supervisor apply it: A1-1 from 1 to 0.5 points."""
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    rubric = sv.config().module("A").rubric
    for code in ("J1", "J2", "J3"):
        judge = sv.login(code, env.pins[code])
        for k, st in enumerate(env.stations):
            entries = [
                ItemEntry(i.id, level=3)
                if i.kind == "judgement"
                else ItemEntry(i.id, (Applied("A1-1", 2),) if (i.id == "A1" and k == 0) else ())
                for i in rubric.items
            ]
            sv.enter_sheet(judge, "A", st, entries, seconds_used=900)
    out = _cli(db, "rubrics", "preview", "A", "--set", "A1-1=0.5", "--as", "C1")
    assert "A1-1 扣分 1 → 0.5" in out and env.stations[0] in out and "98.00" in out and "99.00" in out
    both = {**CHIEF, "CONTEST_PIN_S1": "2003"}
    bad = runner.invoke(
        app,
        [
            "--db",
            str(db),
            "rubrics",
            "amend",
            "A",
            "--set",
            "A1-1=0.5",
            "--chief",
            "C1",
            "--supervisor",
            "S1",
            "--reason",
            " ",
            "--as",
            "C1",
        ],
        env=both,
    )
    assert bad.exit_code != 0
    out = _cli(
        db,
        "rubrics",
        "amend",
        "A",
        "--set",
        "A1-1=0.5",
        "--chief",
        "C1",
        "--supervisor",
        "S1",
        "--reason",
        "A1-1 扣分值印刷错误",
        "--as",
        "C1",
        env=both,
    )
    assert "已更正" in out
    assert sv.config().module("A").rubric.item("A1").deduction("A1-1").points == Decimal("0.5")  # type: ignore[union-attr]
    assert sv.verify().ok
