"""回避 is enforced: a marking judge never opens or stores a sheet of a contestant of their own unit; the station
list marks such stations; the panel of that contestant is the module's other judges (progress and sign-off quorum
do not wait for the judge in 回避); the chief judge may override one pair for a reason, which is logged and printed."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from contest.errors import InvalidState, PermissionDenied
from contest.services import CONSOLE, JudgeIn
from contest.store.engine import read_session
from contest.store.tables import ContestantRow, EventRow, ModuleRow, ModuleStationRow
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env


def _sheet(sv, module: str) -> list[ItemEntry]:  # noqa: ANN001
    return [
        ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module(module).rubric.items
    ]


def _env(engine):  # noqa: ANN001, ANN202
    """Four contestants (units 单位0, 单位1, 单位2, 单位0); J1 works at 单位0 (typed with a space)."""
    env = build_env(engine, small_config(), n=4, judges=3, draw=False)
    env.sv.import_judges(CONSOLE, [JudgeIn("J1", "裁判1", "单位 0", ("marking",), ("A", "B"), pin="1000")])
    env.sv.draw(env.sv.login("E1", env.pins["E1"]), "fixed-seed")
    return env


def _stations_of_unit(engine, module: str, unit: str) -> set[str]:  # noqa: ANN001
    with read_session(engine) as s:
        return set(
            s.exec(
                select(ModuleStationRow.station)
                .join(ContestantRow, ContestantRow.id == ModuleStationRow.contestant_id)
                .join(ModuleRow, ModuleRow.id == ModuleStationRow.module_id)
                .where(ContestantRow.unit == unit, ModuleRow.code == module)
            ).all()
        )


def test_a_judge_cannot_open_or_store_a_sheet_of_their_own_unit(engine) -> None:  # noqa: ANN001
    env = _env(engine)
    sv = env.sv
    j1 = sv.login("J1", env.pins["J1"])
    own = _stations_of_unit(engine, "A", "单位0")
    assert len(own) == 2
    listed = {st.station: st for st in sv.stations(j1, "A")}
    assert {k for k, v in listed.items() if v.avoid} == own
    station = sorted(own)[0]
    for call in (
        lambda: sv.open_sheet(j1, "A", station),
        lambda: sv.save_mark(j1, "A", station, _sheet(sv, "A")[0], 0),
        lambda: sv.enter_sheet(j1, "A", station, _sheet(sv, "A"), seconds_used=900),
    ):
        with pytest.raises(PermissionDenied) as refused:
            call()
        text = str(refused.value)
        assert "回避：该赛位选手与您存在回避关系" in text and station in text
        assert "单位" not in text and "选手0" not in text
    other = sorted(set(listed) - own)[0]
    sv.open_sheet(j1, "A", other)  # the other stations are J1's as before
    with read_session(engine) as s:
        kinds = [e.kind for e in s.exec(select(EventRow)).all()]
    assert "denied" in kinds  # the refusal is logged


def test_a_clerk_cannot_key_a_sheet_of_a_judge_in_recusal(engine) -> None:  # noqa: ANN001
    env = _env(engine)
    sv = env.sv
    sv.import_judges(CONSOLE, [JudgeIn("K1", "统分员", "", ("clerk",), pin="3001")])
    station = sorted(_stations_of_unit(engine, "A", "单位0"))[0]
    with pytest.raises(PermissionDenied, match="回避"):
        sv.clerk_enter(sv.login("K1", "3001"), "A", station, "J1", _sheet(sv, "A"), seconds_used=900)


def test_the_panel_is_the_other_judges_for_progress_and_sign_off(engine) -> None:  # noqa: ANN001
    env = _env(engine)
    sv = env.sv
    own = _stations_of_unit(engine, "A", "单位0")
    all_stations = [st.station for st in sv.stations(sv.login("J2", env.pins["J2"]), "A")]
    for code in ("J1", "J2", "J3"):
        judge = sv.login(code, env.pins[code])
        for st in all_stations:
            if code == "J1" and st in own:
                continue
            sv.enter_sheet(judge, "A", st, _sheet(sv, "A"), seconds_used=900)
    chief = sv.login("C1", env.pins["C1"])
    prog = next(p for p in sv.progress(chief) if p.code == "A")
    assert prog.expected == 3 * 4 - 2 and prog.submitted == prog.expected
    assert {c.station for c in prog.cells if c.judge_code == "J1" and c.state == "avoid"} == own
    mine = next(m for m in sv.my_modules(sv.login("J1", env.pins["J1"])) if m[0] == "A")
    assert mine[2:] == (2, 2)
    sv.sign_off(chief, "A")  # no reason, no co-signature: nothing is missing
    st, _ = sv.compute()
    rid = sv.config().module("A").rubric.id
    assert not [k for k in st.short_panels if k[1] == rid]  # a panel of the other judges is complete
    standings = sv.standings(chief)
    assert all("A" not in line.partial for line in standings.lines)


def test_the_chief_judge_overrides_one_pair_for_a_reason(engine) -> None:  # noqa: ANN001
    env = _env(engine)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    j1 = sv.login("J1", env.pins["J1"])
    station = sorted(_stations_of_unit(engine, "A", "单位0"))[0]
    with pytest.raises(PermissionDenied):
        sv.avoid_override(j1, station, "A", "J1", "自己批准")
    with pytest.raises(InvalidState):
        sv.avoid_override(chief, station, "A", "J1", "  ")
    other = sorted({st.station for st in sv.stations(j1, "A")} - _stations_of_unit(engine, "A", "单位0"))[0]
    with pytest.raises(InvalidState, match="不存在回避关系"):
        sv.avoid_override(chief, other, "A", "J1", "无需")
    sv.avoid_override(chief, station, "A", "J1", "本单位仅派一名裁判，经仲裁组同意")
    assert not next(st for st in sv.stations(j1, "A") if st.station == station).avoid
    sv.enter_sheet(j1, "A", station, _sheet(sv, "A"), seconds_used=900)
    with read_session(engine) as s:
        ev = [e for e in s.exec(select(EventRow)).all() if e.kind == "avoid_override"]
    assert (
        len(ev) == 1 and json.loads(ev[0].payload)["details"]["reason"] == "本单位仅派一名裁判，经仲裁组同意"
    )
    view = {(a.station, a.judge_code): a for a in sv.avoidances(chief, "A")}
    assert view[(station, "J1")].overridden and view[(station, "J1")].reason.startswith("本单位")
    prog = next(p for p in sv.progress(chief) if p.code == "A")
    assert prog.expected == 3 * 4 - 1  # the overridden pair is expected again
    page = next(
        p for p in sv.score_sheets(chief, module_code="A", override="核对稿").sheets if p.station == station
    )
    assert "回避例外：裁判 J1 经裁判长 C1 批准评分，理由：本单位仅派一名裁判，经仲裁组同意" in page.notes
