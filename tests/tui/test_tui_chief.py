"""The chief judge's path: progress matrix, spread alerts, returning a sheet, sign-off with override,
two-person decryption, standings with names; and the organiser's overview."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from contest.tui.screens import ChiefScreen, JudgeHomeScreen, OrganiserScreen, ScoringScreen
from contest.tui.screens.dialogs import ConfirmDialog, DecryptDialog, OverrideDialog, ReturnDialog
from tests.tui.support import PINS, Contest, login, settle, type_text

A_ITEMS = 16


def cell(table: DataTable, row: int, column: int) -> str:  # type: ignore[type-arg]
    return str(table.get_cell_at((row, column)))


async def test_progress_matrix_and_return_with_reason(contest: Contest) -> None:
    contest.fill("J1", "A", ("001", "002"))
    contest.fill("J2", "A", ("001",))
    contest.fill("J3", "A", ("001",), skip=("A5",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        progress = {m.code: m for m in screen.progress}
        assert (progress["A"].submitted, progress["A"].expected) == (3, 18)
        table = screen.query_one("#progress-A", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["赛位号", "J1", "J2", "J3"]
        assert [cell(table, 0, c) for c in range(4)] == ["001", "✓", "✓", "✎ 15"]
        assert cell(table, 1, 1) == "✓" and cell(table, 1, 2) == "-"
        assert "已提交 3/18" in str(screen.query_one("#head-A", Static).render())

        # a draft cannot be returned; the message says so
        table.focus()
        await pilot.pause()
        table.move_cursor(row=0, column=3)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        # J1's sheet for station 001: return with a reason
        table.move_cursor(row=0, column=1)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReturnDialog)
        await pilot.press("enter")  # empty reason: refused inside the dialog
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#reason-input", Input).value = "A3评分与他人相差过大，请复核"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        sheet = contest.sheet("J1", "A", "001")
        assert sheet.state == "returned"
        assert sheet.return_reason == "A3评分与他人相差过大，请复核"
        assert cell(screen.query_one("#progress-A", DataTable), 0, 1) == "↩"

    # the judge sees the return on their list and the reason on the sheet
    judge = contest.app()
    async with judge.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        assert isinstance(judge.screen, JudgeHomeScreen)
        assert cell(judge.screen.query_one("#station-table", DataTable), 0, 1) == "退回"
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(judge.screen, ScoringScreen)
        banner = judge.screen.query_one("#sheet-banner", Static)
        assert banner.display and "A3评分与他人相差过大，请复核" in str(banner.render())
        # a returned sheet is editable again
        judge.screen.query_one("#item-list").highlight_item("A3")  # type: ignore[attr-defined]
        await pilot.press("1")
        await settle(pilot)
        assert contest.sheet("J1", "A", "001").entries["A3"].level == 1


async def test_alerts_show_marks_side_by_side(contest: Contest) -> None:
    contest.fill("J1", "A", ("003",), level=3)
    contest.fill("J2", "A", ("003",), level=3)
    contest.fill("J3", "A", ("003",), level=0)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.alerts and all(a.station == "003" for a in screen.alerts)
        await pilot.press("a")
        await settle(pilot)
        table = screen.query_one("#alerts-table", DataTable)
        assert table.row_count == len(screen.alerts)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[-3:] == ["J1", "J2", "J3"]
        row = next(r for r in range(table.row_count) if cell(table, r, 2).startswith("A3"))
        assert [cell(table, row, c) for c in (4, 5, 6)] == ["3.00", "3.00", "0.00"]
        # return from the alert row: the dialog offers the three judges
        table.move_cursor(row=row)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReturnDialog)
        assert [code for code, _label in dialog.judges] == ["J1", "J2", "J3"]
        dialog.query_one("#judge-list").highlighted = 2  # type: ignore[attr-defined]
        dialog.query_one("#reason-input", Input).value = "请复核A3"
        await pilot.press("enter")
        await settle(pilot)
        assert contest.sheet("J3", "A", "003").state == "returned"
        assert contest.sheet("J1", "A", "003").state == "submitted"


async def test_sign_off_refused_then_override(contest: Contest) -> None:
    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        screen.query_one("#progress-A", DataTable).focus()
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        # refused: the message is shown and an override reason is asked for
        dialog = app.screen
        assert isinstance(dialog, OverrideDialog)
        assert "17" in dialog.refusal  # 17 sheets not submitted
        assert not contest.services().info().modules[0].signed_off
        await pilot.press("enter")  # no reason: stays
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#override-input", Input).value = "演示：其余裁判缺席，经仲裁同意"
        await pilot.press("enter")
        await settle(pilot)
        module_a = contest.services().info().modules[0]
        assert module_a.code == "A" and module_a.signed_off and module_a.signed_off_by == "C1"
        assert "✔" in str(screen.query_one("#head-A", Static).render())


async def test_decrypt_needs_both_pins_then_names(contest: Contest) -> None:
    for judge in ("J1", "J2", "J3"):
        for module in ("A", "B"):
            contest.fill(judge, module, ("001", "002", "003", "004", "005", "006"))
    services = contest.services()
    chief = services.login("C1", PINS["C1"])
    services.sign_off(chief, "A")
    services.sign_off(chief, "B")
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.standings is not None and not screen.standings.decrypted
        await pilot.press("g")
        await settle(pilot)
        standings = screen.query_one("#standings-table", DataTable)
        assert "姓名" not in [str(c.label) for c in standings.columns.values()]

        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DecryptDialog)
        assert dialog.query_one("#chief-code", Input).value == "C1"
        # the supervisor's PIN is wrong: refused, the dialog stays, nothing decrypted
        await type_text(pilot, PINS["C1"])
        await pilot.press("enter")
        await type_text(pilot, "S1")
        await pilot.press("enter")
        await type_text(pilot, "0000")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "S1" in str(dialog.query_one("#dialog-error", Static).render())
        assert not contest.services().info().decrypted
        # both right
        dialog.query_one("#chief-pin", Input).value = PINS["C1"]
        dialog.query_one("#sup-pin", Input).value = PINS["S1"]
        dialog.query_one("#sup-pin", Input).focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert contest.services().info().decrypted
        assert screen.standings is not None and screen.standings.decrypted
        labels = [str(c.label) for c in standings.columns.values()]
        assert "姓名" in labels
        names = {cell(standings, r, labels.index("姓名")) for r in range(standings.row_count)}
        assert names == {f"选手{i}" for i in range(6)}


async def test_organiser_overview(contest: Contest) -> None:
    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "O1")
        screen = app.screen
        assert isinstance(screen, OrganiserScreen)
        info = str(screen.query_one("#org-info", Static).render())
        assert "界面测试竞赛" in info and "选手 6 人" in info and "已抽签" in info
        modules = screen.query_one("#org-modules", DataTable)
        assert cell(modules, 0, 2) == "1/18"
        events = screen.query_one("#org-events", DataTable)
        kinds = {cell(events, r, 3) for r in range(events.row_count)}
        assert "submit" in kinds and "login" in kinds
