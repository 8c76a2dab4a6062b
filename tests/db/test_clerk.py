"""Clerk double entry: blind second keying, the first clerk cannot confirm; a mismatch keeps both keyings (no
re-keying until they match) and is settled by a third clerk's blind keying or by the chief judge (logged)."""

from __future__ import annotations

import pytest

from contest.errors import InvalidState, PermissionDenied
from contest.services import CONSOLE, JudgeIn
from scoresheets import Applied, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env


def _paper(sv, wrong: str | None = None) -> list[ItemEntry]:
    out = []
    for it in sv.config().module("A").rubric.items:
        if it.kind == "judgement":
            out.append(ItemEntry(it.id, level=2))
        elif it.id == wrong:
            out.append(ItemEntry(it.id, (Applied(it.deductions[0].code),)))
        else:
            out.append(ItemEntry(it.id))
    return out


def test_double_entry_stores_the_judges_sheet_only_when_both_keyings_agree(engine) -> None:
    env = build_env(engine, small_config(), n=1)
    sv = env.sv
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("K1", "统分甲", "", ("clerk",), pin="3001"),
            JudgeIn("K2", "统分乙", "", ("clerk",), pin="3002"),
        ],
    )
    k1, k2 = sv.login("K1", "3001"), sv.login("K2", "3002")
    st = env.stations[0]
    assert sv.clerk_enter(k1, "A", st, "J1", _paper(sv), seconds_used=1100).status == "first"
    with pytest.raises(InvalidState, match="第一次录入"):
        sv.clerk_enter(k1, "A", st, "J1", _paper(sv), seconds_used=1100)
    r = sv.clerk_enter(k2, "A", st, "J1", _paper(sv, wrong="A4"), seconds_used=1000)
    assert r.status == "mismatch" and "A4" in r.mismatches and "time" in r.mismatches
    j1 = sv.login("J1", env.pins["J1"])
    assert sv.open_sheet(j1, "A", st).state == "none"  # nothing stored on a mismatch
    # K2 cannot key again until the keyings agree (that would defeat blind entry): a third clerk must
    with pytest.raises(InvalidState, match="已录入过"):
        sv.clerk_enter(k2, "A", st, "J1", _paper(sv), seconds_used=1100)
    k3 = _third_clerk(sv)
    r = sv.clerk_enter(k3, "A", st, "J1", _paper(sv), seconds_used=1100)
    assert (r.status, r.agreed_with) == ("matched", "K1")
    view = sv.open_sheet(j1, "A", st)
    assert view.state == "submitted" and not view.open_items
    assert "K1" in view.comment and "K3" in view.comment
    with pytest.raises(InvalidState):
        sv.clerk_enter(k2, "A", st, "J1", _paper(sv), seconds_used=1100)
    with pytest.raises(PermissionDenied):
        sv.clerk_enter(j1, "A", st, "J2", _paper(sv), seconds_used=1100)
    assert sv.verify().ok


def _third_clerk(sv):  # noqa: ANN001, ANN202
    sv.import_judges(CONSOLE, [JudgeIn("K3", "统分丙", "", ("clerk",), pin="3003")])
    return sv.login("K3", "3003")


def _two_clerks(engine):  # noqa: ANN001, ANN202
    env = build_env(engine, small_config(), n=2)
    env.sv.import_judges(
        CONSOLE,
        [
            JudgeIn("K1", "统分甲", "", ("clerk",), pin="3001"),
            JudgeIn("K2", "统分乙", "", ("clerk",), pin="3002"),
        ],
    )
    return env, env.sv.login("K1", "3001"), env.sv.login("K2", "3002")


def test_a_mismatch_keeps_both_keyings_for_the_chief_who_decides_logged(engine) -> None:
    env, k1, k2 = _two_clerks(engine)
    sv, st = env.sv, env.stations[0]
    chief = sv.login("C1", env.pins["C1"])
    sv.clerk_enter(k1, "A", st, "J1", _paper(sv, wrong="A4"), seconds_used=1100)
    cells = {
        c.station: c
        for c in next(m for m in sv.progress(chief) if m.code == "A").cells
        if c.judge_code == "J1"
    }
    assert (cells[st].state, cells[st].clerk, cells[st].clerks) == ("none", "pending", ("K1",))
    r = sv.clerk_enter(k2, "A", st, "J1", _paper(sv, wrong="A6"), seconds_used=1100)
    assert r.status == "mismatch" and r.mismatches == ("A4", "A6")
    cells = {
        c.station: c for c in next(m for m in sv.progress(k1) if m.code == "A").cells if c.judge_code == "J1"
    }
    assert (cells[st].clerk, cells[st].clerks) == ("mismatch", ("K1", "K2"))  # the first clerk sees the state
    with pytest.raises(InvalidState):
        sv.clerk_withdraw(k1, "A", st, "J1")  # both keyings are kept
    with pytest.raises(PermissionDenied):
        sv.clerk_disputes(k1)  # clerks key blind: only the chief judge sees the values
    (dispute,) = sv.clerk_disputes(chief)
    assert (dispute.module_code, dispute.station, dispute.judge_code) == ("A", st, "J1")
    assert dispute.differing == ("A4", "A6")
    by_clerk = {k.clerk: k for k in dispute.keyings}
    assert by_clerk["K1"].entries["A4"].deductions and not by_clerk["K2"].entries["A4"].deductions
    assert by_clerk["K2"].entries["A6"].deductions and not by_clerk["K1"].entries["A6"].deductions
    with pytest.raises(InvalidState, match="A6"):
        sv.clerk_resolve(chief, "A", st, "J1", {"A4": "K2"})  # every differing field needs a decision
    with pytest.raises(PermissionDenied):
        sv.clerk_resolve(k1, "A", st, "J1", {"A4": "K2", "A6": "K1"})
    sv.clerk_resolve(chief, "A", st, "J1", {"A4": "K2", "A6": "K1"})
    view = sv.open_sheet(sv.login("J1", env.pins["J1"]), "A", st)
    assert view.state == "submitted" and not view.open_items
    assert not view.entries["A4"].deductions and not view.entries["A6"].deductions
    assert "C1" in view.comment
    assert sv.clerk_disputes(chief) == []
    kinds = [e[3] for e in sv.events(10)]
    assert "clerk_resolve" in kinds
    with pytest.raises(InvalidState):
        sv.clerk_enter(_third_clerk(sv), "A", st, "J1", _paper(sv), seconds_used=1100)
    assert sv.verify().ok


def test_a_third_keying_that_matches_neither_waits_for_the_chief(engine) -> None:
    env, k1, k2 = _two_clerks(engine)
    sv, st = env.sv, env.stations[1]
    sv.clerk_enter(k1, "A", st, "J2", _paper(sv, wrong="A4"), seconds_used=1100)
    sv.clerk_enter(k2, "A", st, "J2", _paper(sv, wrong="A6"), seconds_used=1100)
    r = sv.clerk_enter(_third_clerk(sv), "A", st, "J2", _paper(sv), seconds_used=1100)
    assert r.status == "mismatch"
    (dispute,) = sv.clerk_disputes(sv.login("C1", env.pins["C1"]))
    assert [k.clerk for k in dispute.keyings] == ["K1", "K2", "K3"]
    assert sv.open_sheet(sv.login("J2", env.pins["J2"]), "A", st).state == "none"
