"""评分标定 at the terminals: a judge marks the calibration performance from the top of the station list, on the
ordinary scoring screen, and nothing lands on a live sheet; the chief judge adds a performance, reads the flagged
items and the judges' figures, and closes the round."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from contest.tui.screens import ChiefScreen, JudgeHomeScreen, ScoringScreen
from contest.tui.screens.calibration import CalibrationScreen
from contest.tui.screens.dialogs import ConfirmDialog, TextDialog
from scoresheets import ItemEntry
from tests.tui.support import PINS, Contest, login, screen_text, settle


def _mark_calibration(contest: Contest, judge: str, code: str, level: int) -> None:
    """Through the services, as another terminal: every item, ``level`` on judgement items, submitted."""
    sv = contest.services()
    actor = sv.login(judge, PINS[judge])
    view = sv.open_calibration_sheet(actor, "A", code)
    for item in sv.config().module("A").rubric.items:
        entry = ItemEntry(item.id, level=level) if item.kind == "judgement" else ItemEntry(item.id)
        view = sv.save_calibration_mark(actor, "A", code, entry, view.version)
    view = sv.set_calibration_info(actor, "A", code, seconds_used=900, expected_version=view.version)
    sv.submit_calibration_sheet(actor, "A", code, view.version)


async def test_a_judge_marks_the_calibration_performance_on_the_scoring_screen(contest: Contest) -> None:
    code = contest.services().add_calibration(contest.login("C1"), "A", "示范录像一")
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        home = app.screen
        assert isinstance(home, JudgeHomeScreen)
        table = home.query_one("#station-table", DataTable)
        assert str(table.get_cell_at((0, 0))) == f"标定 {code}"
        assert table.row_count == 7  # the performance, then the six stations
        await pilot.press("enter")  # the cursor starts on the first row: the calibration performance
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.calibration
        assert "评分标定 K1（不计成绩）" in str(screen.query_one("#sheet-bar", Static).render())
        await pilot.press("n")  # A1: no deduction
        await settle(pilot)
    sv = contest.services()
    j1 = sv.login("J1", PINS["J1"])
    assert sv.open_calibration_sheet(j1, "A", code).entries["A1"] == ItemEntry("A1")
    assert contest.sheet("J1", "A", "001").entries == {}  # no live sheet was touched


async def test_the_chief_judge_reads_the_figures_and_closes_the_round(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(140, 40)) as pilot:
        await login(pilot, "C1")
        assert isinstance(app.screen, ChiefScreen)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CalibrationScreen) and screen.module_code == "A"
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one("#text-input", Input).value = "示范录像一"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        for judge, level in (("J1", 3), ("J2", 3), ("J3", 0)):
            _mark_calibration(contest, judge, "K1", level)
        await pilot.press("f5")
        await settle(pilot)
        text = screen_text(app)
        assert "示范录像一" in text and "3/3" in text
        assert "等级相差大于1" in text  # J3's level 0 against two 3s
        assert "偏严" in text  # J3 is stricter than the median
        items = screen.query_one("#calib-items", DataTable)
        assert "等级相差大于1" in str(items.get_cell_at((0, len(items.columns) - 1)))  # flagged first
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(50):  # the close is written, then the screen re-reads the figures
            if "已结束" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "已结束" in screen_text(app)
    assert contest.services().calibrations(contest.login("C1"), "A")[0].closed
