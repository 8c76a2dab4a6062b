"""Clerk double entry: blind second keying, mismatch by item, the first clerk cannot confirm."""

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
    assert sv.clerk_enter(k2, "A", st, "J1", _paper(sv), seconds_used=1100).status == "matched"
    view = sv.open_sheet(j1, "A", st)
    assert view.state == "submitted" and not view.open_items
    assert "K1" in view.comment and "K2" in view.comment
    with pytest.raises(InvalidState):
        sv.clerk_enter(k2, "A", st, "J1", _paper(sv), seconds_used=1100)
    with pytest.raises(PermissionDenied):
        sv.clerk_enter(j1, "A", st, "J2", _paper(sv), seconds_used=1100)
    assert sv.verify().ok
