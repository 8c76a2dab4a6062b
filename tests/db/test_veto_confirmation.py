"""Veto confirmation by the chief judge (``[scoring] veto_confirmation = "chief"``), on both databases: a judge's
veto is a proposal (否决建议) that does not zero the module; the chief judge confirms it with a 情况说明 (module 0,
the statement printed on the 评分汇总表) or rejects it (the marks count); sign-off waits for the decision; only the
chief judge decides, and after sign-off only the 更正 procedure after decryption may."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from contest.errors import ContestError, InvalidState, PermissionDenied, VetoPending
from contest.outputs import write_score_sheets
from contest.services import CONSOLE
from contest.services.core import Correction
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.db.templates import Templates

CHIEF_CONFIG = small_config().replace("[scoring]\n", '[scoring]\nveto_confirmation = "chief"\n', 1)
STATEMENT = "选手转移时老人从床边滑落，经三名裁判现场确认，监控回放属实"


def _veto_code(env: Env) -> str:
    return env.sv.config().module("A").rubric.vetoes[0].code


def _proposed(engine: Engine) -> Env:
    env = build_env(engine, CHIEF_CONFIG, n=3, judges=3)
    sv = env.sv
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for station in env.stations:
            if (k, station) == (1, env.stations[0]):
                fill_sheet(sv, j, "A", station, submit=False)
                v = sv.open_sheet(j, "A", station)
                v = sv.set_sheet_info(j, "A", station, veto=_veto_code(env), expected_version=v.version)
                sv.submit_sheet(j, "A", station, v.version)
            else:
                fill_sheet(sv, j, "A", station)
    return env


@pytest.fixture
def env(engine: Engine, templates: Templates) -> Env:
    """Three contestants, three judges; module A fully marked (level 3 everywhere), and J1 proposes a veto for the
    first station. Module B is not marked. (A copy of the contest built once per worker.)"""
    return templates.env(engine, "veto-proposed", _proposed)


def _chief(env: Env):
    return env.sv.login("C1", env.pins["C1"])


def _score(env: Env, station: str) -> Decimal | None:
    line = next(x for x in env.sv.standings(_chief(env)).lines if x.station == station)
    return line.modules["A"]


def test_a_proposal_does_not_zero_the_module_and_shows_as_pending(env: Env) -> None:
    sv, st = env.sv, env.stations
    full = _score(env, st[1])
    assert full is not None and full > 0
    assert _score(env, st[0]) == full  # the marks count while the proposal waits
    line = next(x for x in sv.standings(_chief(env)).lines if x.station == st[0])
    assert "模块A否决待确认" in line.remark
    (p,) = sv.veto_proposals(_chief(env))
    assert (p.module_code, p.station, p.state) == ("A", st[0], "pending")
    assert [(v.judge, v.code) for v in p.votes] == [("J1", _veto_code(env))]


def test_sign_off_is_refused_while_a_proposal_is_pending_even_with_a_reason(env: Env) -> None:
    sv, st = env.sv, env.stations
    with pytest.raises(VetoPending, match=f"赛位 {st[0]}") as caught:
        sv.sign_off(_chief(env), "A", override_reason="赶时间")
    assert caught.value.stations == (st[0],)
    assert sv.progress(_chief(env))[0].signed_off is False


def test_confirm_zeroes_the_module_with_the_statement_then_sign_off(env: Env, tmp_path: Path) -> None:
    sv, st = env.sv, env.stations
    chief = _chief(env)
    sv.confirm_veto(chief, "A", st[0], STATEMENT)
    assert _score(env, st[0]) == Decimal(0)
    line = next(x for x in sv.standings(chief).lines if x.station == st[0])
    assert "否决待确认" not in line.remark
    (p,) = sv.veto_proposals(chief)
    assert (p.state, p.statement, p.decided_by) == ("confirmed", STATEMENT, "C1")
    sv.sign_off(chief, "A")
    assert sv.verify().ok
    kinds = [e[3] for e in sv.events(20)]
    assert "veto_confirm" in kinds
    # the 评分汇总表 of that contestant prints the 情况说明 and says the panel vetoed
    pdf = write_score_sheets(sv, chief, tmp_path / "s.pdf", module="A", override="签核后核对")
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    mine = "\n".join(t for t in pages if st[0] in t)
    assert "否决情况说明" in mine and "监控回放属实" in mine and "C1" in mine
    others = "\n".join(t for t in pages if st[0] not in t)
    assert "否决情况说明" not in others


def test_reject_counts_the_marks_normally(env: Env) -> None:
    sv, st = env.sv, env.stations
    chief = _chief(env)
    sv.reject_veto(chief, "A", st[0], "录像显示老人未滑落，属误判")
    assert _score(env, st[0]) == _score(env, st[1])
    (p,) = sv.veto_proposals(chief)
    assert p.state == "rejected" and "误判" in p.statement
    sv.sign_off(chief, "A")
    assert sv.verify().ok


def test_a_later_proposal_makes_the_panel_pending_again(env: Env) -> None:
    """The chief judge rejected J1's proposal; J2's sheet is returned and resubmitted with a veto: pending again."""
    sv, st = env.sv, env.stations
    chief = _chief(env)
    sv.reject_veto(chief, "A", st[0], "证据不足")
    sv.return_sheet(chief, "A", st[0], "J2", "请核对否决项")
    j2 = sv.login("J2", env.pins["J2"])
    v = sv.open_sheet(j2, "A", st[0])
    v = sv.set_sheet_info(j2, "A", st[0], veto=_veto_code(env), expected_version=v.version)
    sv.submit_sheet(j2, "A", st[0], v.version)
    (p,) = sv.veto_proposals(chief)
    assert p.state == "pending" and {v.judge for v in p.votes} == {"J1", "J2"}
    with pytest.raises(VetoPending):
        sv.sign_off(chief, "A")


def test_only_the_chief_judge_decides_and_each_refusal_is_logged(env: Env) -> None:
    sv, st = env.sv, env.stations
    for code in ("J1", "S1", "O1"):
        who = sv.login(code, env.pins[code])
        before = len(sv.events(500))
        with pytest.raises(PermissionDenied):
            sv.confirm_veto(who, "A", st[0], STATEMENT)
        with pytest.raises(PermissionDenied):
            sv.reject_veto(who, "A", st[0], "x")
        denied = [e for e in sv.events(500)[: len(sv.events(500)) - before] if e[3] == "denied"]
        assert len(denied) == 2
    assert _score(env, st[0]) == _score(env, st[1])
    assert sv.verify().ok


def test_the_statement_is_required_and_limited(env: Env) -> None:
    sv, st = env.sv, env.stations
    chief = _chief(env)
    with pytest.raises(ContestError, match="情况说明"):
        sv.confirm_veto(chief, "A", st[0], "   ")
    with pytest.raises(ContestError, match="500"):
        sv.confirm_veto(chief, "A", st[0], "字" * 501)
    with pytest.raises(InvalidState, match="没有否决建议"):
        sv.confirm_veto(chief, "A", st[1], STATEMENT)
    assert sv.veto_proposals(chief)[0].state == "pending"


def test_after_sign_off_only_a_correction_after_decryption_changes_the_decision(env: Env) -> None:
    sv, st = env.sv, env.stations
    chief = _chief(env)
    sv.confirm_veto(chief, "A", st[0], STATEMENT)
    sv.sign_off(chief, "A")
    with pytest.raises(InvalidState, match="已签核"):
        sv.reject_veto(chief, "A", st[0], "改变主意")
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for station in st:
            fill_sheet(sv, j, "B", station)
    sv.sign_off(chief, "B")
    sv.import_theory_scores(CONSOLE, {s: (Decimal(80), {}) for s in st})
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    with pytest.raises(PermissionDenied, match="更正"):
        sv.reject_veto(_chief(env), "A", st[0], "仲裁认定不构成否决")
    fix = Correction(_chief(env), sv.login("S1", env.pins["S1"]), "仲裁认定不构成否决")
    sv.reject_veto(_chief(env), "A", st[0], "仲裁认定不构成否决", correction=fix)
    assert _score(env, st[0]) == _score(env, st[1])
    assert sv.verify().ok
    (_, _, kind, rec) = sv.corrections()[-1]
    assert kind == "veto_reject" and "否决驳回" in rec["changed"]


def test_under_the_panel_quorum_there_is_nothing_to_confirm(engine) -> None:
    env = build_env(engine, small_config(), n=3, judges=3)
    chief = env.sv.login("C1", env.pins["C1"])
    assert env.sv.veto_proposals(chief) == []
    with pytest.raises(InvalidState, match="veto_quorum"):
        env.sv.confirm_veto(chief, "A", env.stations[0], STATEMENT)


def test_the_recompute_bundle_carries_the_decision_and_recomputes_the_same(env: Env, tmp_path: Path) -> None:
    """A confirmed veto zeroes a module only through the chief judge's decision: the bundle carries it (with the
    检录 and 回避 verdicts, checked against its own chain), so ``audit recompute`` agrees with the standings."""
    import json
    import zipfile

    from contest.bundle import export_bundle, recompute_bundle
    from contest.services import CONSOLE

    sv, st = env.sv, env.stations
    chief = _chief(env)
    sv.confirm_veto(chief, "A", st[0], STATEMENT)
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for station in st:
            fill_sheet(sv, j, "B", station)
    sv.import_theory_scores(CONSOLE, {s: (Decimal(80), {}) for s in st})
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    bundle = export_bundle(sv, chief, tmp_path / "b.zip")
    lines, diffs = recompute_bundle(bundle)
    assert diffs == [], diffs
    assert next(t for s, _, t in lines if s == st[0]) < next(t for s, _, t in lines if s == st[1])
    # a bundle whose decision was edited no longer matches its chain
    with zipfile.ZipFile(bundle) as z:
        files = {n: z.read(n) for n in z.namelist()}
    verdicts = json.loads(files["verdicts.json"])
    verdicts["veto_decisions"][0][2] = False
    files["verdicts.json"] = json.dumps(verdicts).encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    _, diffs = recompute_bundle(forged)
    assert any("verdicts.json" in d for d in diffs), diffs
