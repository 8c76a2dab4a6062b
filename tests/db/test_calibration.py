"""评分标定 in the store: calibration performances marked by the module's judges with the live rubric checks,
kept apart from every result, read back as the chief judge's agreement figures, closed, and gating live
marking where ``[calibration] required`` says so. Both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contest.errors import InvalidState, NotFound, PermissionDenied, StaleWrite
from contest.services import CONSOLE, JudgeIn, Services
from scoresheets import Applied, ItemEntry
from scoresheets.errors import EntryRefused, SheetIncomplete
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet

D = Decimal


def _calibrate(sv: Services, judge, code: str, level: int, a1_rules: int = 0) -> None:  # noqa: ANN001
    """Mark every item of module A on calibration performance ``code``: ``level`` on judgement items, rule A1-1
    applied ``a1_rules`` times on A1, no deduction elsewhere; submit."""
    v = sv.open_calibration_sheet(judge, "A", code)
    for item in sv.config().module("A").rubric.items:
        if item.kind == "judgement":
            entry = ItemEntry(item.id, level=level)
        elif item.id == "A1" and a1_rules:
            entry = ItemEntry("A1", (Applied("A1-1", a1_rules),) if a1_rules > 1 else (Applied("A1-1"),))
        else:
            entry = ItemEntry(item.id)
        v = sv.save_calibration_mark(judge, "A", code, entry, v.version)
    v = sv.set_calibration_info(judge, "A", code, seconds_used=900, expected_version=v.version)
    sv.submit_calibration_sheet(judge, "A", code, v.version)


def test_calibration_marks_never_reach_a_result(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in judges:
        for st in env.stations:
            fill_sheet(sv, j, "A", st, level=2)
    before = sv.standings(chief)
    progress = sv.progress(chief)
    k1 = sv.add_calibration(chief, "A", "示范录像一")
    assert k1 == "K1"
    for j, level in zip(judges, (3, 0, 1), strict=True):
        _calibrate(sv, j, k1, level, a1_rules=1)
    after = sv.standings(chief)
    assert [(line.total, line.rank) for line in after.lines] == [
        (line.total, line.rank) for line in before.lines
    ]
    assert sv.progress(chief) == progress
    # the judge's station list is unchanged; the calibration performance is listed apart
    assert [st.station for st in sv.stations(judges[0], "A")] == env.stations
    assert [(c.station, c.state) for c in sv.my_calibrations(judges[0], "A")] == [("K1", "submitted")]
    assert sv.verify().ok


def test_the_report_reads_the_submitted_sheets(engine) -> None:  # noqa: ANN001
    """Three judges mark K1 at levels 3, 0 and 1 on every judgement item (and apply A1-1 once, twice, never):
    a judgement item's levels are 3 apart, so it is flagged; J2's two A1-1 and J3's none split the rule."""
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    k1 = sv.add_calibration(chief, "A")
    _calibrate(sv, judges[0], k1, 3, a1_rules=1)
    _calibrate(sv, judges[1], k1, 0, a1_rules=2)
    sv.save_calibration_mark(judges[2], "A", k1, ItemEntry("A1"))  # a draft: not in the figures
    view = sv.calibration_report(chief, "A")
    assert view.report.judges == ("J1", "J2")
    assert view.missing == (("K1", "J3"),)
    assert view.performances[0].drafts == ("J3",) and view.performances[0].submitted == ("J1", "J2")
    rubric = sv.config().module("A").rubric
    judgement = next(i for i in rubric.items if i.kind == "judgement")
    item = next(i for i in view.report.items if i.item_id == judgement.id)
    assert item.level_range == 3 and "levels" in item.flags
    assert item.medians["K1"] == judgement.points / 2  # median of levels 3 and 0 → (full + 0) / 2
    a1 = next(i for i in view.report.items if i.item_id == "A1")
    assert a1.rule_splits == ()  # both judges applied A1-1 (once and twice): the same rule
    assert view.judges == {"J1": "裁判1", "J2": "裁判2", "J3": "裁判3"}


def test_only_the_chief_judge_runs_the_round_and_only_assigned_judges_mark(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    j1 = sv.login("J1", env.pins["J1"])
    with pytest.raises(PermissionDenied):
        sv.add_calibration(j1, "A")
    k1 = sv.add_calibration(chief, "A")
    with pytest.raises(PermissionDenied):
        sv.calibration_report(j1, "A")
    with pytest.raises(PermissionDenied):
        sv.close_calibration(sv.login("S1", env.pins["S1"]), "A")
    sv.import_judges(CONSOLE, [JudgeIn("J9", "裁判9", "外单位", ("marking",), ("B",), pin="1009")])
    with pytest.raises(PermissionDenied):
        sv.save_calibration_mark(sv.login("J9", "1009"), "A", k1, ItemEntry("A1"))
    with pytest.raises(PermissionDenied):
        sv.save_calibration_mark(chief, "A", k1, ItemEntry("A1"))
    with pytest.raises(NotFound):
        sv.open_calibration_sheet(j1, "A", "K7")
    assert sv.calibration_report(sv.login("S1", env.pins["S1"]), "A").module_code == "A"


def test_the_live_rubric_checks_apply(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    k1 = sv.add_calibration(sv.login("C1", env.pins["C1"]), "A")
    j1 = sv.login("J1", env.pins["J1"])
    judgement = next(i for i in sv.config().module("A").rubric.items if i.kind == "judgement")
    with pytest.raises(EntryRefused):
        sv.save_calibration_mark(j1, "A", k1, ItemEntry(judgement.id, level=4))
    with pytest.raises(EntryRefused):
        sv.save_calibration_mark(j1, "A", k1, ItemEntry("A1", (Applied("B1-1"),)))
    v = sv.save_calibration_mark(j1, "A", k1, ItemEntry("A1"))
    with pytest.raises(StaleWrite):
        sv.save_calibration_mark(j1, "A", k1, ItemEntry("A2"), v.version - 1)
    v = sv.set_calibration_info(j1, "A", k1, seconds_used=600, expected_version=v.version)
    with pytest.raises(SheetIncomplete):
        sv.submit_calibration_sheet(j1, "A", k1, v.version)
    v = sv.withdraw_calibration_mark(j1, "A", k1, "A1", v.version)
    assert "A1" not in v.entries and v.calibration and v.station == "K1"


def test_a_closed_round_takes_no_more_marks(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    j1 = sv.login("J1", env.pins["J1"])
    k1 = sv.add_calibration(chief, "A")
    sv.save_calibration_mark(j1, "A", k1, ItemEntry("A1"))
    assert sv.close_calibration(chief, "A") == 1
    with pytest.raises(InvalidState, match="已结束"):
        sv.save_calibration_mark(j1, "A", k1, ItemEntry("A2"))
    assert sv.my_calibrations(j1, "A") == []  # a closed performance leaves the judge's list
    with pytest.raises(InvalidState, match="没有进行中的标定"):
        sv.close_calibration(chief, "A")
    assert sv.add_calibration(chief, "A", "第二轮") == "K2"  # a second round may follow
    assert [(c.code, c.closed) for c in sv.calibrations(chief, "A")] == [("K1", True), ("K2", False)]


def test_a_required_calibration_gates_live_marking(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config() + '\n[calibration]\nrequired = ["A"]\n', n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    j1 = sv.login("J1", env.pins["J1"])
    station = env.stations[0]
    with pytest.raises(InvalidState, match="评分标定"):
        sv.save_mark(j1, "A", station, ItemEntry("A1"))
    with pytest.raises(InvalidState, match="评分标定"):
        sv.open_sheet(j1, "A", station)
    sv.save_mark(j1, "B", station, ItemEntry("B1"))  # module B is not gated
    k1 = sv.add_calibration(chief, "A")
    _calibrate(sv, j1, k1, 2)
    with pytest.raises(InvalidState, match="评分标定"):
        sv.save_mark(j1, "A", station, ItemEntry("A1"))  # open until the chief judge closes the round
    sv.close_calibration(chief, "A")
    assert sv.save_mark(j1, "A", station, ItemEntry("A1")).entries["A1"] == ItemEntry("A1")
