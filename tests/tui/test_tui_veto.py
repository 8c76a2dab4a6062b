"""The chief judge confirms a veto proposal from the console (``[scoring] veto_confirmation = "chief"``): the
否决确认 tab lists it as pending, the bar counts it, Enter → confirm → 情况说明 stores the decision and the module
scores 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from contest.tui.screens import ChiefScreen
from contest.tui.screens.dialogs import ChooseDialog, TextDialog
from tests.tui.support import PINS, Contest, build_contest, contest_config, login, screen_text, settle

STATIONS = ("001", "002")


@pytest.fixture
def chief_contest(tmp_path: Path) -> Contest:
    path = tmp_path / "contest.db"
    build_contest(
        path, contest_config().replace("[scoring]\n", '[scoring]\nveto_confirmation = "chief"\n', 1)
    )
    c = Contest(path)
    for judge in ("J1", "J2", "J3"):
        c.fill(judge, "A", STATIONS)
    # J2's sheet for 001 is returned and resubmitted with a veto: a proposal
    sv = c.services()
    chief = sv.login("C1", PINS["C1"])
    sv.return_sheet(chief, "A", "001", "J2", "补录否决")
    j2 = sv.login("J2", PINS["J2"])
    v = sv.open_sheet(j2, "A", "001")
    code = sv.config().module("A").rubric.vetoes[0].code
    v = sv.set_sheet_info(j2, "A", "001", veto=code, expected_version=v.version)
    sv.submit_sheet(j2, "A", "001", v.version)
    return c


def _module_a(c: Contest, station: str) -> object:
    sv = c.services()
    lines = sv.standings(sv.login("C1", PINS["C1"])).lines
    return next(x for x in lines if x.station == station).modules["A"]


async def test_chief_confirms_a_veto_proposal_with_a_statement(chief_contest: Contest) -> None:
    before = _module_a(chief_contest, "001")
    assert before == _module_a(chief_contest, "002") and before != 0  # the proposal does not zero the module
    app = chief_contest.app()
    async with app.run_test(size=(120, 36)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        await settle(pilot)
        assert screen.pending_vetoes() == 1
        assert "否决待确认 1" in screen_text(app)
        await pilot.press("v")
        await settle(pilot)
        table = screen.query_one("#vetoes-table", DataTable)
        assert table.row_count == 1
        text = screen_text(app)
        assert "待确认" in text and "J2" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # the first choice: confirm
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        await pilot.press("enter")  # empty: refused inside the dialog
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#text-input", Input).value = "老人从床边滑落[red]，现场三名裁判确认"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        await settle(pilot)
        assert screen.pending_vetoes() == 0
        assert "已确认" in screen_text(app) and "[red]" in screen_text(app)  # user text shown as typed
    assert _module_a(chief_contest, "001") == 0
    sv = chief_contest.services()
    (p,) = sv.veto_proposals(sv.login("C1", PINS["C1"]))
    assert p.state == "confirmed" and p.statement == "老人从床边滑落[red]，现场三名裁判确认"
    assert sv.verify().ok
