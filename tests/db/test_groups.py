"""Judge groups and sessions (评分分组与场次): a module marked by two groups of judges, each marking only the stations
of its group's 场次. Lists, refusals, progress, quorum and panel sizes follow the groups; the schedule is planned
from the draw (or imported) and locked once marking starts; a group far from the others holds the sign-off until
the chief judge gives a reason."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlmodel import select

from contest.errors import ContestError, InvalidState, PermissionDenied
from contest.services import CONSOLE, JudgeIn, SessionIn
from contest.services.chief import SignOffRefused
from contest.store.engine import read_session
from contest.store.tables import EventRow
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet

GROUPED = small_config(panel=2, modules=("basic_care",))


def _grouped(engine, n: int = 8):  # noqa: ANN001, ANN202
    """``n`` contestants; module A marked by group 1 (J1, J2) and group 2 (J3, J4)."""
    env = build_env(engine, GROUPED, n=n, judges=0, draw=False)
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
                group="第1组" if k < 3 else "2",
            )
            for k in range(1, 5)
        ],
    )
    env.pins.update({f"J{k}": f"{1000 + k}" for k in range(1, 5)})
    sv.draw(sv.login("E1", env.pins["E1"]), "fixed-seed")
    return env


def _full(sv) -> list[ItemEntry]:  # noqa: ANN001
    return [
        ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module("A").rubric.items
    ]


def _login(env, code: str):  # noqa: ANN001, ANN202
    return env.sv.login(code, env.pins[code])


def test_groups_mark_only_their_sessions_stations(engine) -> None:  # noqa: ANN001
    env = _grouped(engine)
    sv = env.sv
    org = _login(env, "O1")
    j1, j3 = _login(env, "J1"), _login(env, "J3")
    # before the schedule, a grouped module's stations belong to nobody
    assert sv.stations(j1, "A") == []
    assert sv.my_modules(j1)[0][3] == 0
    waiting = sv.my_sessions(j1, "A")
    assert waiting is not None and waiting.group == "1" and waiting.sessions == ()
    plan = sv.plan_schedule(
        org, "A", 2, start="2026-12-10 08:30", minutes=40, gap=10, tracks=["一赛道", "二赛道"]
    )
    assert [(p.number, p.group, len(p.stations)) for p in plan] == [
        (1, "1", 2),
        (2, "2", 2),
        (3, "1", 2),
        (4, "2", 2),
    ]
    assert (plan[0].starts, plan[0].ends, plan[0].track) == ("2026-12-10 08:30", "2026-12-10 09:10", "一赛道")
    assert (plan[1].starts, plan[1].track) == ("2026-12-10 08:30", "二赛道")
    assert plan[2].starts == "2026-12-10 09:20"
    assert plan[0].judges == ("J1", "J2") and plan[1].judges == ("J3", "J4")
    mine_sessions = sv.my_sessions(j1, "A")
    assert mine_sessions is not None and mine_sessions.group == "1"
    assert [(n, starts, track) for n, starts, track, _ in mine_sessions.sessions] == [
        (1, "2026-12-10 08:30", "一赛道"),
        (3, "2026-12-10 09:20", "一赛道"),
    ]
    mine = {st.station for st in sv.stations(j1, "A")}
    theirs = {st.station for st in sv.stations(j3, "A")}
    assert mine == set(plan[0].stations + plan[2].stations)
    assert theirs == set(plan[1].stations + plan[3].stations)
    assert sv.my_modules(j1)[0][3] == 4
    other = plan[1].stations[0]
    with pytest.raises(PermissionDenied, match="第 2 评分组"):
        sv.open_sheet(j1, "A", other)
    with read_session(engine) as s:
        assert "denied" in [e.kind for e in s.exec(select(EventRow)).all()]
    # a clerk cannot key J1's paper sheet for another group's station either
    sv.import_judges(CONSOLE, [JudgeIn("K1", "统分员", "", ("clerk",), pin="3001")])
    with pytest.raises(PermissionDenied, match="J1"):
        sv.clerk_enter(sv.login("K1", "3001"), "A", other, "J1", _full(sv), seconds_used=900)
    # progress: the other group's cells are not expected
    prog = sv.progress(_login(env, "C1"))[0]
    assert prog.expected == 8 * 2
    assert sum(1 for c in prog.cells if c.state == "other") == 8 * 2


def test_the_schedule_is_locked_once_marking_starts_and_a_judge_who_marked_keeps_their_group(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=4)
    sv = env.sv
    org = _login(env, "O1")
    plan = sv.plan_schedule(org, "A", 2)
    fill_sheet(sv, _login(env, "J1"), "A", plan[0].stations[0])
    with pytest.raises(InvalidState, match="已开始评分"):
        sv.plan_schedule(org, "A", 1)
    with pytest.raises(InvalidState, match="已在模块 A 评分"):
        sv.set_group(org, "J1", "A", "2")
    sv.set_group(org, "J2", "A", "1")  # unchanged: allowed
    assert [p.stations for p in sv.schedule(org, "A")] == [p.stations for p in plan]


def test_an_imported_schedule_must_cover_every_station_once(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=4)
    sv = env.sv
    org = _login(env, "O1")
    stations = sorted(st for p in sv.plan_schedule(org, "A", 4) for st in p.stations)
    with pytest.raises(ContestError) as bad:
        sv.set_schedule(
            org,
            "A",
            [
                SessionIn(1, "1", (stations[0], stations[1])),
                SessionIn(2, "3", (stations[1], "Z-99")),
            ],
        )
    text = str(bad.value)
    assert "评分组 '3' 没有评分裁判" in text
    assert f"赛位 {stations[1]} 已在第1场" in text
    assert "没有赛位 Z-99" in text
    assert f"{stations[2]}、{stations[3]} 不在任何场次" in text
    # all-or-nothing: the earlier plan stands
    assert len(sv.schedule(org, "A")) == 2
    view = sv.set_schedule(
        org, "A", [SessionIn(1, "第2组", tuple(stations[:3]), track="A厅"), SessionIn(2, "1", (stations[3],))]
    )
    assert [(v.group, v.stations, v.track) for v in view] == [
        ("2", tuple(stations[:3]), "A厅"),
        ("1", (stations[3],), ""),
    ]


def test_a_judge_without_a_group_in_a_grouped_module_blocks_the_plan(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=4)
    sv = env.sv
    sv.import_judges(CONSOLE, [JudgeIn("J9", "裁判9", "外单位", ("marking",), ("A",), pin="1009")])
    with pytest.raises(InvalidState, match="J9 未分组"):
        sv.plan_schedule(_login(env, "O1"), "A", 2)
    sv.set_group(_login(env, "O1"), "J9", "A", "2")
    assert sv.plan_schedule(_login(env, "O1"), "A", 2)[1].judges == ("J3", "J4", "J9")


def _mark_all(env, plan, strict_group: str, strict_level: int) -> None:  # noqa: ANN001
    for p in plan:
        for code in p.judges:
            for station in p.stations:
                level = strict_level if p.group == strict_group else 3
                fill_sheet(env.sv, _login(env, code), "A", station, level=level)


def test_panels_are_the_groups_and_a_strict_group_holds_the_sign_off(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=8)
    sv = env.sv
    plan = sv.plan_schedule(_login(env, "O1"), "A", 2)
    _mark_all(env, plan, strict_group="2", strict_level=1)
    chief = _login(env, "C1")
    st = sv.standings(chief)
    # every contestant's panel is complete with the two judges of their group (no 部分 / short panel)
    assert all(not line.partial for line in st.lines)
    fair = sv.group_fairness(chief, "A")
    assert fair is not None
    by = {g.group: g for g in fair.groups}
    assert by["1"].contestants == by["2"].contestants == 4
    assert by["2"].gap is not None and by["2"].gap < -fair.rules.mean_gap
    assert by["2"].flags == ("mean",) and by["1"].flags == ("mean",)
    with pytest.raises(SignOffRefused, match="评分组 1、2"):
        sv.sign_off(chief, "A")
    sv.sign_off(chief, "A", "两组场次题目难度不同，经裁判长与监督核查评分表无误")
    with read_session(engine) as s:
        ev = s.exec(select(EventRow).where(EventRow.kind == "sign_off")).one()
    assert json.loads(ev.payload)["details"]["uneven_groups"] == ["1", "2"]


def test_groups_alike_sign_off_without_a_reason(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=8)
    sv = env.sv
    plan = sv.plan_schedule(_login(env, "O1"), "A", 2)
    _mark_all(env, plan, strict_group="2", strict_level=3)
    chief = _login(env, "C1")
    fair = sv.group_fairness(chief, "A")
    assert fair is not None and not fair.flagged
    assert {g.gap for g in fair.groups} == {Decimal("0.00")}
    sv.sign_off(chief, "A")


def test_a_grouped_module_with_unplanned_stations_cannot_be_signed_off(engine) -> None:  # noqa: ANN001
    env = _grouped(engine, n=4)
    with pytest.raises(InvalidState, match="未排入任何场次"):
        env.sv.sign_off(_login(env, "C1"), "A", "理由")


@pytest.mark.parametrize("grouped", [True, False], ids=["groups", "one_panel"])
def test_one_pair_checks_agree_with_the_whole_module(engine, grouped: bool) -> None:  # noqa: ANN001
    """A write checks one (judge, contestant) pair without reading the whole module's conflicts: for every pair,
    before and after the schedule, after a 回避 override and a 检录 state, the filtered answers and the write's
    one-pair gate (:func:`pair_gate`) are the whole module's answers restricted to that pair."""
    from contest.services.conflicts import (
        PairGate,
        avoided_pairs,
        checkin_states,
        excluded_pairs,
        is_avoided,
        off_group_pairs,
        pair_gate,
    )
    from contest.store.tables import ContestantRow, JudgeRow, ModuleRow

    env = build_env(engine, GROUPED, n=9, judges=0, draw=False)
    sv = env.sv
    units = {1: "单位0", 2: "外单位", 3: "单位1", 4: " 单位0", 5: ""}  # 回避 within and across groups
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn(
                f"J{k}",
                f"裁判{k}",
                units[k],
                ("marking",) if k != 2 else ("marking", "chief"),
                ("A",),
                pin=f"{1000 + k}",
                group=("1" if k < 3 else "2") if grouped else "",
            )
            for k in range(1, 6)
        ],
    )
    env.pins.update({f"J{k}": f"{1000 + k}" for k in range(1, 6)})
    sv.draw(sv.login("E1", env.pins["E1"]), "fixed-seed")

    def agree() -> tuple[int, int]:
        with read_session(engine) as s:
            mid = s.exec(select(ModuleRow.id)).first()
            judges = [j for j in s.exec(select(JudgeRow.id)).all() if j is not None]
            people = [c for c in s.exec(select(ContestantRow.id)).all() if c is not None]
            assert mid is not None
            full = {
                "avoided": avoided_pairs(s, mid),
                "off": off_group_pairs(s, mid),
                "excluded": excluded_pairs(s, mid),
            }
            states = checkin_states(s, mid)
            for j in judges:
                assert excluded_pairs(s, mid, judge_id=j) == {p for p in full["excluded"] if p[0] == j}
                assert avoided_pairs(s, mid, judge_id=j) == {p for p in full["avoided"] if p[0] == j}
                for c in people:
                    pair = {(j, c)}
                    assert avoided_pairs(s, mid, judge_id=j, contestant_id=c) == full["avoided"] & pair
                    assert off_group_pairs(s, mid, judge_id=j, contestant_id=c) == full["off"] & pair
                    assert is_avoided(s, mid, j, c) == ((j, c) in full["avoided"])
                    assert pair_gate(s, mid, j, c) == PairGate(
                        states.get(c, "present"), (j, c) in full["off"], (j, c) in full["avoided"]
                    ), (j, c)
            return len(full["avoided"]), len(full["off"])

    before = agree()
    if grouped:
        sv.plan_schedule(_login(env, "O1"), "A", 3, start="2026-12-10 08:30", minutes=40, gap=10)
    after = agree()
    # neither kind of pair is missing where it can exist: the comparisons are not of empty sets (before the
    # schedule every station of a grouped module is nobody's, so no pair is in 回避 yet)
    assert after[0] and (before[0] or grouped)
    assert (before[1] and after[1]) if grouped else not (before[1] or after[1])
    # a granted override and a 检录 state are seen by the gate as by the whole module
    chief = _login(env, "C1")
    avoided = sorted(
        (v for v in sv.avoidances(chief, "A") if not v.overridden), key=lambda v: (v.station, v.judge_code)
    )
    assert avoided
    sv.avoid_override(chief, avoided[0].station, "A", avoided[0].judge_code, "经批准")
    sv.checkin(chief, avoided[-1].station, "A", "absent")
    assert agree()[0] == after[0] - 1
