"""Standings kept incrementally (contest.services.panel_cache) equal standings computed from scratch (from the
results stored at submit, and from the marks) after every kind of change a contest day makes, on SQLite and
PostgreSQL; and only the changed panels are rescored."""

from __future__ import annotations

import dataclasses

from contest.services import Services
from contest.services.core import Correction
from scoresheets import Applied, ItemEntry
from scoresheets.panel import AggregationRule
from scoresheets.standings import Standings
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet


def snapshot(st: Standings) -> tuple[object, ...]:
    """Everything the standings say, comparably."""
    return (
        tuple(
            (
                e.contestant,
                e.rank,
                e.result.total,
                e.result.practical,
                tuple(sorted(e.result.modules.items())),
            )
            for e in st.entries
        ),
        st.awards,
        tuple(sorted((k, v.score, tuple(sorted(v.item_scores.items()))) for k, v in st.panels.items())),
        tuple(sorted((a.contestant, a.module_id, a.item_id or "", a.spread) for a in st.alerts)),
        tuple(sorted(st.short_panels.items())),
    )


def test_incremental_standings_equal_a_cold_computation_after_every_change(engine) -> None:
    env = build_env(engine, small_config(), n=4, judges=3)
    sv = env.sv
    cid = sv.contest_id
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    chief = sv.login("C1", env.pins["C1"])
    sup = sv.login("S1", env.pins["S1"])
    a0, a1 = env.stations[0], env.stations[1]

    def check(expect_rescored: int | None) -> None:
        warm, _ = sv.compute()
        cold, _ = Services(engine, cid).compute()
        assert snapshot(warm) == snapshot(cold)
        marks, _ = Services(engine, cid).compute(fresh=True)  # every sheet scored from its marks
        assert repr(marks) == repr(cold)  # the stored results give the very same standings
        if expect_rescored is not None:
            assert sv.panels.rescored == expect_rescored

    check(0)  # nothing submitted
    for j, level in zip(js, (3, 2, 3), strict=True):
        for st in env.stations:
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=level)
    check(None)  # every panel is new
    check(0)  # nothing changed: everything from the cache

    sv.return_sheet(chief, "A", a0, "J2", "A1 请复核")  # a panel loses a sheet
    check(1)
    v = sv.open_sheet(js[1], "A", a0)
    v = sv.save_mark(js[1], "A", a0, ItemEntry("A1", (Applied("A1-1", 2),)), v.version, reason="复核")
    check(0)  # a draft change does not count
    sv.submit_sheet(js[1], "A", a0, v.version)
    check(1)

    v = sv.open_sheet(js[0], "B", a1)  # a spread alert and a veto on another panel
    sv.return_sheet(chief, "B", a1, "J1", "复核")
    v = sv.open_sheet(js[0], "B", a1)
    veto = sv.config().module("B").rubric.vetoes[0].code
    v = sv.set_sheet_info(js[0], "B", a1, veto=veto, expected_version=v.version)
    sv.submit_sheet(js[0], "B", a1, v.version)
    check(1)

    sv.sign_off(chief, "A", override_reason="测试")  # state changes on every module-A sheet
    sv.sign_off(chief, "B", override_reason="测试")
    check(None)
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    aid = sv.lodge_appeal(sup, a0, "A", "复核 A1")
    # after decryption a reopen is a correction (更正): the chief judge and the supervisor decide it
    sv.rule_appeal(sup, aid, "J3 更正", ["J3"], correction=Correction(chief, sup, "申诉成立：A1 复核"))
    check(1)
    v = sv.open_sheet(js[2], "A", a0)
    v = sv.save_mark(js[2], "A", a0, ItemEntry("A1", (Applied("A1-1", 1),)), v.version, reason="申诉更正")
    sv.submit_sheet(js[2], "A", a0, v.version)
    check(1)


def test_changed_rules_rescore_every_panel(engine, monkeypatch) -> None:
    env = build_env(engine, small_config(), n=3, judges=3)
    sv = env.sv
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j, level in zip(js, (3, 1, 2), strict=True):
        for st in env.stations:
            fill_sheet(sv, j, "A", st, level=level)
    sv.compute()
    assert sv.panels.rescored == 3
    sv.compute()
    assert sv.panels.rescored == 0
    rules = sv.config().standings_rules()
    mean = dataclasses.replace(rules.modules[0], rule=AggregationRule.MEAN)
    changed = dataclasses.replace(rules, modules=(mean, *rules.modules[1:]))
    monkeypatch.setattr(type(sv.config()), "standings_rules", lambda self: changed)
    warm, _ = sv.compute()
    assert sv.panels.rescored == 3
    cold, _ = Services(engine, sv.contest_id).compute()
    assert snapshot(warm) == snapshot(cold)
    assert all(not p.dropped for p in warm.panels.values())  # a plain mean drops no judge


def test_a_read_sees_one_snapshot_throughout(engine) -> None:
    """Standings read the sheets and then their marks: both must come from the same moment, even when another
    terminal writes in between."""
    from sqlalchemy import func
    from sqlmodel import select

    from contest.store.engine import read_session
    from contest.store.tables import EventRow

    env = build_env(engine, small_config(), n=2, judges=3)
    with read_session(engine) as s:
        before = s.exec(select(func.count()).select_from(EventRow)).one()
        env.sv.login("J1", env.pins["J1"])  # another connection writes an audited login event
        again = s.exec(select(func.count()).select_from(EventRow)).one()
    with read_session(engine) as s:
        after = s.exec(select(func.count()).select_from(EventRow)).one()
    assert again == before and after == before + 1
