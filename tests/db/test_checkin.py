"""检录 per module: present / 缺考 / 弃权 / 取消资格, recorded by the organiser or the chief judge with a time. A
contestant not present is off the module's marking lists (judge station list, clerk keying, progress, sign-off
quorum); the standings show the state instead of a module score, and no award goes to a contestant with an absent
module; a disqualification at 检录 takes the contestant out of the ranking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contest.errors import InvalidState, PermissionDenied
from contest.services import CONSOLE, JudgeIn, Services
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env
from tests.pins import CHEAP_HASHER

AT = datetime(2026, 5, 20, 8, 30, tzinfo=UTC)


def _sheet(sv, module: str) -> list[ItemEntry]:  # noqa: ANN001
    return [
        ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module(module).rubric.items
    ]


def _mark_all(env, module: str) -> None:  # noqa: ANN001
    sv = env.sv
    for code in ("J1", "J2", "J3"):
        judge = sv.login(code, env.pins[code])
        for st in sv.stations(judge, module):
            sv.enter_sheet(judge, module, st.station, _sheet(sv, module), seconds_used=900)


def test_an_absent_contestant_is_off_every_marking_list(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=4)
    sv = Services(engine, env.sv.contest_id, clock=lambda: AT, hasher=CHEAP_HASHER)
    env.sv = sv
    gone = env.stations[1]
    sv.checkin(sv.login("O1", env.pins["O1"]), gone, "A", "absent", note="未到场")
    j1 = sv.login("J1", env.pins["J1"])
    assert gone not in {st.station for st in sv.stations(j1, "A")}
    assert gone in {st.station for st in sv.stations(j1, "B")}  # per module
    assert next(m for m in sv.my_modules(j1) if m[0] == "A")[3] == 3
    with pytest.raises(InvalidState, match="缺考"):
        sv.open_sheet(j1, "A", gone)
    sv.import_judges(CONSOLE, [JudgeIn("K1", "统分员", "", ("clerk",), pin="3001")])
    with pytest.raises(InvalidState, match="缺考"):
        sv.clerk_enter(sv.login("K1", "3001"), "A", gone, "J1", _sheet(sv, "A"), seconds_used=900)
    chief = sv.login("C1", env.pins["C1"])
    prog = next(p for p in sv.progress(chief) if p.code == "A")
    assert gone not in prog.stations and prog.expected == 9
    _mark_all(env, "A")
    sv.sign_off(chief, "A")  # no reason and no co-signature: the absent contestant is not missing
    (view,) = sv.checkins(chief, "A")
    assert (view.station, view.state, view.recorded_by, view.note) == (gone, "absent", "O1", "未到场")
    assert view.recorded_at.replace(tzinfo=UTC) == AT


def test_a_contestant_checked_in_again_as_present_is_back_on_the_list(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    sv.checkin(chief, env.stations[0], "A", "withdrew")
    j1 = sv.login("J1", env.pins["J1"])
    assert env.stations[0] not in {st.station for st in sv.stations(j1, "A")}
    sv.checkin(chief, env.stations[0], "A", "present")
    assert env.stations[0] in {st.station for st in sv.stations(j1, "A")}


def test_only_the_organiser_or_the_chief_judge_records_known_states(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    with pytest.raises(PermissionDenied):
        sv.checkin(sv.login("J1", env.pins["J1"]), env.stations[0], "A", "absent")
    with pytest.raises(InvalidState, match="检录状态"):
        sv.checkin(sv.login("O1", env.pins["O1"]), env.stations[0], "A", "late")
    chief = sv.login("C1", env.pins["C1"])
    _mark_all(env, "A")
    sv.sign_off(chief, "A")
    with pytest.raises(InvalidState, match="已签核"):
        sv.checkin(chief, env.stations[0], "A", "absent")


def test_standings_show_the_state_and_give_no_award_to_an_absent_module(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    organiser = sv.login("O1", env.pins["O1"])
    absent, dq = env.stations[0], env.stations[1]
    sv.checkin(organiser, absent, "B", "absent")
    sv.checkin(organiser, dq, "A", "disqualified", note="冒名顶替")
    _mark_all(env, "A")
    _mark_all(env, "B")
    lines = {line.station: line for line in sv.standings(sv.login("C1", env.pins["C1"])).lines}
    assert lines[absent].checkin == {"B": "absent"} and lines[absent].modules["B"] is None
    assert lines[absent].award is None and "模块B缺考" in lines[absent].remark
    assert lines[dq].rank is None and "检录取消资格" in (lines[dq].disqualified or "")
    others = [line for st, line in lines.items() if st not in (absent, dq)]
    assert all(line.checkin == {} for line in others)


def test_results_print_with_an_absent_module_without_an_override(engine) -> None:  # noqa: ANN001
    """缺考 is a result, not a missing score: the 成绩公示表 prints once signed off and decrypted, and says why."""
    from decimal import Decimal

    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    absent = env.stations[2]
    sv.checkin(sv.login("O1", env.pins["O1"]), absent, "B", "absent")
    _mark_all(env, "A")
    _mark_all(env, "B")
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.import_theory_scores(CONSOLE, {st: (Decimal("80"), {}) for st in env.stations}, source="theory.xlsx")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    data = sv.result_sheet(chief)
    rows = [r for g in data.groups for r in g.rows]
    assert any("模块B缺考，不授奖" in r.remarks for r in rows)
    assert sum(1 for r in rows if r.award) >= 1 and all(
        r.award == "" for r in rows if "模块B缺考，不授奖" in r.remarks
    )
    # the module cell says 缺考 on the sheet and in the workbook, not a bare "—"
    absent_rows = [r for r in rows if "模块B缺考，不授奖" in r.remarks]
    assert [r.module_states for r in absent_rows] == [("", "缺考")]
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from contest.export import write_results_workbook
    from contest.printing import render_result_sheet

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(render_result_sheet(data))).pages)
    assert text.count("缺考") >= 2  # the module cell and the remark
    book = load_workbook(BytesIO(write_results_workbook(sv.results_workbook(chief))))  # type: ignore[arg-type]
    cells = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert "缺考" in cells
