"""Issue 13, on SQLite and PostgreSQL: role separation from the contest's configuration, corrections after
decryption, the certificate registry, the print gate's completeness and integrity checks, and checkable chain
heads. (The command line's door, PIN resets and the lockout are in ``tests/hardening/test_permissions.py``.)"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.errors import ContestError, PermissionDenied
from contest.outputs import write_result_sheet
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.services.core import Correction
from contest.store.tables import ContestantRow
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet

os.environ.setdefault("CONTEST_FAST_PIN_HASH", "1")


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _people(engine: Engine) -> list[ContestantRow]:
    with Session(engine) as s:
        return list(s.exec(select(ContestantRow).order_by(ContestantRow.id)).all())  # type: ignore[arg-type]


def test_separated_roles_may_be_combined_when_the_contest_says_so(engine: Engine) -> None:
    cfg = small_config() + '\n[roles]\ncombine = ["clerk+marking"]\n'
    sv = Services(engine, Services.create_contest(engine, cfg))
    sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "外单位", ("marking", "clerk"), ("A",), pin="4000")])
    with pytest.raises(ContestError, match="不能同时担任"):
        sv.import_judges(
            CONSOLE, [JudgeIn("X2", "兼职", "外单位", ("marking", "supervisor"), ("A",), pin="4000")]
        )


# -- corrections after decryption (更正) --------------------------------------------------------------------------
@pytest.fixture
def decrypted(engine: Engine) -> Env:
    """Two modules, four contestants, three judges; marked (one contestant lower), theory in, signed off,
    decrypted."""
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in js:
        for i, st in enumerate(env.stations):
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=3 - (i % 2))
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80 + i), {}) for i, st in enumerate(env.stations)})
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    return env


def _officials(env: Env, reason: str = "理论机考成绩复核有误") -> Correction:
    return Correction(env.sv.login("C1", env.pins["C1"]), env.sv.login("S1", env.pins["S1"]), reason)


def _last_kinds(sv: Services, n: int = 3) -> list[tuple[str, str]]:
    return [(actor, kind) for _seq, _at, actor, kind, _d in sv.events(n)]


def test_theory_import_after_decryption_is_a_correction_of_two_officials(
    decrypted: Env, tmp_path: Path
) -> None:
    env, sv = decrypted, decrypted.sv
    org = sv.login("O1", env.pins["O1"])
    low = env.stations[0]
    before = {line.station: line.total for line in sv.standings(CONSOLE).lines}
    with pytest.raises(PermissionDenied, match="更正"):
        sv.import_theory_scores(org, {low: (Decimal(100), {})})
    assert _last_kinds(sv, 1) == [("O1", "denied")]
    assert {line.station: line.total for line in sv.standings(CONSOLE).lines} == before
    # the same scores again change nothing: no correction needed
    sv.import_theory_scores(org, {low: (Decimal(80), {})})
    # one official twice is not two
    c1 = sv.login("C1", env.pins["C1"])
    with pytest.raises(PermissionDenied):
        sv.import_theory_scores(org, {low: (Decimal(100), {})}, correction=Correction(c1, c1, "x"))
    with pytest.raises(PermissionDenied):
        sv.import_theory_scores(
            org, {low: (Decimal(100), {})}, correction=Correction(c1, sv.login("S1", env.pins["S1"]), " ")
        )
    sv.import_theory_scores(org, {low: (Decimal(100), {})}, source="复核.xlsx", correction=_officials(env))
    after = {line.station: line.total for line in sv.standings(CONSOLE).lines}
    assert after[low] == before[low] + Decimal(20) * sv.config().theory_weight
    report = sv.verify()
    assert report.ok, report.problems
    [(_, _, kind, rec)] = sv.corrections()
    assert kind == "theory_scores" and rec["chief"] == "C1" and rec["supervisor"] == "S1"
    assert "80.00→100" in rec["changed"] or "80→100" in rec["changed"], rec
    path = write_result_sheet(sv, c1, tmp_path / "r.pdf")
    text = _pdf_text(path)
    assert "更正" in text and "理论机考成绩复核有误" in text and "C1" in text and "S1" in text


def test_contestant_removal_after_decryption_is_a_correction_and_verifies(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    people = [
        ContestantIn(p.name, p.gender, p.id_number, p.unit, p.phone, p.project)
        for p in _people(env.sv.engine)
    ]
    with pytest.raises(PermissionDenied, match="更正"):
        sv.import_contestants(CONSOLE, people[1:], remove_missing=True)
    assert sv.info().contestants == 4
    sv.import_contestants(
        CONSOLE, people[1:], remove_missing=True, correction=_officials(env, "冒名顶替，取消资格")
    )
    assert sv.info().contestants == 3
    report = sv.verify()
    assert report.ok, report.problems  # no false alarm: the correction recorded the results it left


def test_appeal_reopen_after_decryption_is_a_correction(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    s1 = sv.login("S1", env.pins["S1"])
    aid = sv.lodge_appeal(s1, env.stations[1], "A", "对A1评分有异议")
    with pytest.raises(PermissionDenied, match="更正"):
        sv.rule_appeal(s1, aid, "重评A1", ["J1"])
    sv.rule_appeal(s1, aid, "驳回")  # a ruling that reopens nothing moves no result
    aid2 = sv.lodge_appeal(s1, env.stations[1], "A", "再次申诉")
    sv.rule_appeal(s1, aid2, "重评A1", ["J1"], correction=_officials(env, "申诉成立"))
    assert sv.verify().ok
    assert [k for _, _, k, _ in sv.corrections()] == ["ruling"]


def test_a_theory_change_behind_the_correction_is_still_caught(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    sv.import_theory_scores(
        sv.login("O1", env.pins["O1"]), {env.stations[0]: (Decimal(99), {})}, correction=_officials(env)
    )
    assert sv.verify().ok
    with sv.engine.begin() as c:
        c.execute(text("UPDATE theory SET total_cents = 10000"))
    assert not sv.verify().ok
