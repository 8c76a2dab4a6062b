"""The demo runs end to end at a small size; its outputs are checked (PDF text, workbook cells, audit verify)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from contest.demo import DEMO_PIN, run_demo
from contest.services import Services
from contest.store.engine import make_engine
from tests.pins import CHEAP_HASHER

pytestmark = pytest.mark.slow  # the edit-test loop skips it: pytest -m "not slow"


def test_small_demo_produces_every_output_and_a_clean_chain(tmp_path: Path) -> None:
    res = run_demo(tmp_path / "demo", n=12, hasher=CHEAP_HASHER)
    sv = Services(make_engine(f"sqlite:///{res.database}"), hasher=CHEAP_HASHER)
    chief = sv.login("C01", DEMO_PIN)
    view = sv.standings(chief)
    assert view.final and len(view.lines) == 12
    assert any(line.modules.get("B") == 0 for line in view.lines)  # the staged veto zeroed module B
    ranks = [line.rank for line in view.lines]
    assert len(set(ranks)) < len(ranks)  # the staged identical pair shares a rank
    text = "".join(p.extract_text() for p in PdfReader(str(res.files["成绩公示表"])).pages)
    for line in view.lines:
        assert line.name in text
    wb = load_workbook(res.files["成绩工作簿"])
    ws = wb["成绩总表"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert any(v == view.lines[0].name for v in values)
    for name in ("评分表", "获奖证书", "成绩统计"):
        assert res.files[name].stat().st_size > 1000
    # 评分标定 before module A's live marking: printed, closed, and J05's stricter levels stand out
    calibration = "".join(p.extract_text() for p in PdfReader(str(res.files["评分标定报告（模块A）"])).pages)
    assert "评分标定报告" in calibration and "示范录像二（常见错误）" in calibration
    report = sv.calibration_report(chief, "A")
    assert all(p.closed and len(p.submitted) == 5 for p in report.performances)
    assert next(j for j in report.report.judge_figures if j.judge == "J05").bias < 0
    assert any("评分标定" in line for line in res.story)
    # 以赛促训: the contestant feedback sheets and a rubric-change preview (logged, applied nowhere)
    sheets = "".join(p.extract_text() for p in PdfReader(str(res.files["个人成绩反馈单"])).pages)
    assert "个人成绩反馈单" in sheets and view.lines[0].name in sheets
    assert any("评分细则更正预览" in line for line in res.story)
    from rubrics.load import load_library

    lib_a = load_library().modules["elderly_care.basic_care"]
    assert sv.config().module("A").rubric.content_hash == lib_a.content_hash  # previewed, not applied
    assert sv.verify().ok
    # 评分分组: module D marked by two groups in 场次, each judge only their group's stations; 检录 absent in C
    org = sv.login("O01", DEMO_PIN)
    sessions = sv.schedule(org, "D")
    assert {v.group for v in sessions} == {"1", "2"} and sum(len(v.stations) for v in sessions) == 12
    for v in sessions:
        for code in v.judges:
            marked = {st.station for st in sv.stations(sv.login(code, DEMO_PIN), "D")}
            assert marked == {st for w in sessions if w.group == v.group for st in w.stations}
    assert sv.group_fairness(chief, "D") is not None
    assert "场次安排表" in "".join(p.extract_text() for p in PdfReader(str(res.files["场次安排表"])).pages)
    absent = [c for c in sv.checkins(org, "C") if c.state == "absent"]
    assert len(absent) == 1
    line = next(x for x in view.lines if x.checkin.get("C") == "absent")
    assert not line.award
