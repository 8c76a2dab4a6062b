"""Documents from a real contest: the print gate, PDF content, certificate verification, stability, the bundle."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import Engine

from contest.bundle import export_bundle, recompute_bundle
from contest.errors import InvalidState, PermissionDenied, PrintRefused
from contest.outputs import write_all_outputs, write_result_sheet
from contest.services import CONSOLE
from scoresheets import Applied, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.db.templates import Templates


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _finished(engine: Engine) -> Env:
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in js:
        for i, st in enumerate(env.stations):
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=3 - (i % 2))
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80 + i), {}) for i, st in enumerate(env.stations)})
    return env


@pytest.fixture
def finished(engine: Engine, templates: Templates) -> Env:
    """Two modules, four contestants, three judges; one contestant loses marks so the order is not all tied
    (a copy of a contest built once per worker)."""
    return templates.env(engine, "documents-finished", _finished)


def test_print_gate_refuses_then_prints_a_logged_draft(finished, tmp_path: Path) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    with pytest.raises(PrintRefused, match="未签核"):
        write_result_sheet(sv, chief, tmp_path / "r.pdf")
    j = sv.login("J1", finished.pins["J1"])
    with pytest.raises(PermissionDenied):
        write_result_sheet(sv, j, tmp_path / "r.pdf", override="想看")
    write_result_sheet(sv, chief, tmp_path / "draft.pdf", override="赛前彩排核对")
    txt = _pdf_text(tmp_path / "draft.pdf")
    assert "草稿" in txt and "赛前彩排核对" in txt
    kinds = [e[3] for e in sv.events(10)]
    assert "print" in kinds


def test_final_documents_carry_names_scores_and_the_audit_code(finished, tmp_path: Path, engine) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", finished.pins["C1"], "S1", finished.pins["S1"])
    files = write_all_outputs(sv, tmp_path)
    results = _pdf_text(files["成绩公示表"])
    view = sv.standings(chief)
    for line in view.lines:
        assert line.name in results and line.id_masked in results
        assert f"{line.total:.2f}" in results
    awards = {line.award for line in view.lines if line.award}
    assert awards and all(
        a in results for a in awards
    )  # 4 contestants: 10 % rounds to 0 一等奖, 1 二等奖, 1 三等奖
    # the footer names the chain head the document was made from: an event that exists in the chain
    printed = results.split("数据校验码：")[1][:8]
    with engine.connect() as c:
        hashes = [h for (h,) in c.execute(text("SELECT hash FROM event"))]
    assert any(h.startswith(printed) for h in hashes)
    sheets = _pdf_text(files["评分表"])
    assert "去掉" in sheets  # trimmed marks are shown
    certs = _pdf_text(files["获奖证书"])
    code = next(w for w in certs.split() if w.startswith("CONTEST-VERIFY:"))
    ok = sv.verify_certificate(code)
    assert ok.ok, ok.message
    tampered = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not sv.verify_certificate(tampered).ok
    assert not sv.verify_certificate("CONTEST-VERIFY:NOPE-123").ok
    from openpyxl import load_workbook

    wb = load_workbook(files["成绩工作簿"])
    assert "成绩总表" in wb.sheetnames


def test_certificate_fails_after_its_holder_is_changed_in_the_database(
    finished, tmp_path: Path, engine
) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", finished.pins["C1"], "S1", finished.pins["S1"])
    data = sv.certificates(chief)
    code = data.certificates[0].verification
    assert sv.verify_certificate(code).ok
    with engine.begin() as c:
        c.execute(
            text("UPDATE contestant SET name = '冒名顶替' WHERE name = :n"), {"n": data.certificates[0].name}
        )
    assert not sv.verify_certificate(code).ok


def test_bundle_recomputes_the_same_standings_without_the_database(finished, tmp_path: Path) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    with pytest.raises(InvalidState, match="解密前不能导出重算包"):
        export_bundle(sv, chief, tmp_path / "b.zip")  # the chain names everyone
    assert not (tmp_path / "b.zip").exists()
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", finished.pins["C1"], "S1", finished.pins["S1"])
    with pytest.raises(PermissionDenied):
        export_bundle(sv, sv.login("J1", finished.pins["J1"]), tmp_path / "b.zip")
    bundle = export_bundle(sv, chief, tmp_path / "b.zip")
    (last,) = sv.events(1)
    assert (last[2], last[3]) == ("C1", "print") and '"重算包"' in last[4] and "b.zip" in last[4]  # logged
    lines, diffs = recompute_bundle(bundle)
    assert diffs == []
    view = sv.standings(CONSOLE)
    assert sorted((line.station, line.total) for line in view.lines) == sorted((s, t) for s, _, t in lines)


def test_stability_lists_contestants_whose_award_depends_on_one_judge(finished) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    st = finished.stations[0]
    # judge J1 alone is harsh on one contestant: the award may hinge on J1
    sv.return_sheet(chief, "A", st, "J1", "复核")
    j1 = sv.login("J1", finished.pins["J1"])
    v = sv.open_sheet(j1, "A", st)
    v = sv.save_mark(j1, "A", st, ItemEntry("A9", (Applied("A9-1"),)), v.version)
    sv.submit_sheet(j1, "A", st, v.version)
    table = sv.stability(chief)
    assert table.columns[0].startswith("去掉裁判 J1")
    assert len(table.columns) == 4  # three judges left out in turn, plus the alternative rule
    assert table.note


def test_pdf_bytes_are_reproducible(finished, tmp_path: Path) -> None:
    sv = finished.sv
    chief = sv.login("C1", finished.pins["C1"])
    from contest.printing import render_result_sheet

    data = sv.result_sheet(chief, override="核对")
    assert render_result_sheet(data) == render_result_sheet(data)
    assert io.BytesIO(render_result_sheet(data)).getvalue()[:4] == b"%PDF"
