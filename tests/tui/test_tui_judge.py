"""The marking judge's path: login, station list, entering every item, resuming a draft, submitting."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import DataTable, Input, OptionList, Static

from contest.tui.screens import JudgeHomeScreen, LoginScreen, ScoringScreen
from contest.tui.screens.dialogs import ConfirmDialog, SubmitDialog, TimeDialog, VetoDialog
from contest.tui.widgets import DeductionPicker, ItemList
from scoresheets import Applied, ItemEntry
from tests.tui.support import Contest, login, settle, type_text


def text_of(app, selector: str) -> str:  # noqa: ANN001
    """Plain text of a Static."""
    return str(app.screen.query_one(selector, Static).render())


async def test_wrong_pin_shows_error_and_stays(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1", "0000")
        assert isinstance(app.screen, LoginScreen)
        assert app.actor is None
        assert "PIN" in text_of(app, "#login-error")
        assert app.screen.query_one("#login-pin", Input).value == ""
        # four more failures lock the account; the lockout message is shown as it is
        for _ in range(4):
            await type_text(pilot, "0000")
            await pilot.press("enter")
            await settle(pilot)
        assert "锁定" in text_of(app, "#login-error")
        await type_text(pilot, "1111")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "锁定" in text_of(app, "#login-error")


async def test_judge_home_lists_stations_and_jumps(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        screen = app.screen
        assert isinstance(screen, JudgeHomeScreen)
        assert [m[0] for m in screen.modules] == ["A", "B"]
        table = screen.query_one("#station-table", DataTable)
        assert table.row_count == 6
        assert [str(table.get_cell_at((r, 0))) for r in range(6)] == list(contest_stations())
        assert str(table.get_cell_at((0, 1))) == "未评"
        assert str(table.get_cell_at((0, 2))) == "0/16"
        # an unknown number says so and stays
        await type_text(pilot, "9")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        # typing "4" then Enter opens station 004
        await type_text(pilot, "4")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert (app.screen.module_code, app.screen.station) == ("A", "004")


def contest_stations() -> tuple[str, ...]:
    return ("001", "002", "003", "004", "005", "006")


async def open_station(pilot, station: str) -> ScoringScreen:  # noqa: ANN001
    await type_text(pilot, station)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoringScreen)
    return screen


async def test_every_confirmed_item_is_stored_at_once(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        screen = await open_station(pilot, "001")
        items = screen.query_one("#item-list", ItemList)
        assert items.highlighted_item_id == "A1"

        # A1: explicit "no deduction"
        await pilot.press("n")
        await settle(pilot)
        assert contest.sheet("J1", "A", "001").entries["A1"] == ItemEntry("A1")
        assert items.highlighted_item_id == "A2"

        # A2: tick the second rule twice (repeatable) and the first once, then confirm
        await pilot.press("enter")
        assert isinstance(app.focused, DeductionPicker)
        await pilot.press("space", "down", "space", "plus", "enter")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "001")
        assert stored.entries["A2"].deductions == (Applied("A2-1", 1), Applied("A2-2", 2))
        assert stored.item_scores["A2"] == Decimal(1)

        # A3 (judgement): level 2
        await pilot.press("2")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "001")
        assert stored.entries["A3"] == ItemEntry("A3", level=2)

        # A4: digits are refused with a hint (the rubric allows no typed score on A4: its rules say why points
        # were lost); they never switch to a typed score ...
        await type_text(pilot, "4.5")
        await pilot.press("enter")  # Enter opens the rule list; Esc goes back
        await pilot.press("escape")
        await settle(pilot)
        assert "A4" not in contest.sheet("J1", "A", "001").entries
        await type_text(pilot, "4")
        assert "数字无效" in text_of(app, "#entry-hint")
        assert not app.screen.query_one("#score-row").display
        # ... and its rules are used instead: no deduction
        assert items.highlighted_item_id == "A4"
        await pilot.press("n")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "001")
        assert stored.entries["A4"] == ItemEntry("A4")

        # the screen shows what the service computed
        view = screen.view
        assert view is not None and view.version == stored.version
        # 6 + 1 + 4 x 2/3 + 5, rounded half-up at module level as the contest says
        assert view.items_total == stored.items_total == Decimal("14.67")
        assert "待录 12/16" in text_of(app, "#sheet-bar")
        assert "14.67" in text_of(app, "#sheet-bar")


async def test_invalid_keys_never_store(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        screen = await open_station(pilot, "002")
        items = screen.query_one("#item-list", ItemList)
        # A1 is scored by its rules: a digit is refused with a hint, nothing is typed anywhere
        await type_text(pilot, "9")
        assert "数字无效" in text_of(app, "#entry-hint")
        assert app.screen.query_one("#score-input", Input).value == ""
        assert app.focused is items
        # A3 is a judgement item: 7 is not a level
        items.highlight_item("A3")
        await pilot.press("7")
        await settle(pilot)
        assert "0、1、2 或 3" in text_of(app, "#entry-hint")
        # "n" on a judgement item is refused too
        await pilot.press("n")
        await settle(pilot)
        assert "0–3" in text_of(app, "#entry-hint")
        # Enter in the rule list with nothing ticked stores nothing
        items.highlight_item("A1")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert "n" in text_of(app, "#entry-hint")
        assert contest.sheet("J1", "A", "002").entries == {}
        assert contest.sheet("J1", "A", "002").version == 0


async def test_killed_terminal_resumes_the_draft(contest: Contest) -> None:
    first = contest.app()
    async with first.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J2")
        await open_station(pilot, "003")
        await pilot.press("n", "n", "3")
        await settle(pilot)
    # the first terminal is gone without submitting; a new one on the same file resumes
    second = contest.app()
    async with second.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J2")
        table = second.screen.query_one("#station-table", DataTable)
        assert str(table.get_cell_at((2, 1))) == "草稿"
        assert str(table.get_cell_at((2, 2))) == "3/16"
        screen = await open_station(pilot, "003")
        assert screen.view is not None
        assert set(screen.view.entries) == {"A1", "A2", "A3"}
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A4"
        assert "待录 13/16" in text_of(second, "#sheet-bar")


async def test_submit_summary_then_read_only(contest: Contest) -> None:
    contest.fill("J1", "A", ("005",), skip=("A16",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        screen = await open_station(pilot, "005")
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A16"
        # the summary refuses while an item and the time are missing
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SubmitDialog) and dialog.blocked
        assert "A16" in str(dialog.query_one("#submit-status", Static).render())
        await pilot.press("enter")  # the only active button is "back"
        await settle(pilot)
        assert app.screen is screen
        assert contest.sheet("J1", "A", "005").state == "draft"
        # last item, then the time (overtime 1:30 -> 2 started minutes x 2 points)
        await pilot.press("3", "t")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        await type_text(pilot, "21:30")
        await pilot.press("enter")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "005")
        assert stored.seconds_used == 21 * 60 + 30
        assert stored.overtime_deduction == Decimal(4)
        assert "超时扣 4.00" in text_of(app, "#sheet-bar")
        # submit
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SubmitDialog) and not app.screen.blocked
        await pilot.press("enter")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "005")
        assert stored.state == "submitted"
        assert stored.total == Decimal(96)
        assert "只读" in text_of(app, "#sheet-banner")
        # a submitted sheet takes no more entries
        version = stored.version
        screen.query_one("#item-list", ItemList).highlight_item("A1")
        await pilot.press("n", "2", "t")
        await settle(pilot)
        assert app.screen is screen
        assert contest.sheet("J1", "A", "005").version == version
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#station-table", DataTable)
        assert str(table.get_cell_at((4, 1))) == "已提交"


async def test_veto_needs_a_confirmation_and_zeroes_the_sheet(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J3")
        screen = await open_station(pilot, "004")
        # choose the second rule; the confirmation starts on "cancel", so a stray Enter records nothing
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VetoDialog)
        assert app.screen.query_one("#veto-list", OptionList).option_count == 3
        await pilot.press("down", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and dialog.danger
        assert "A-V2" in str(dialog.query_one("#dialog-body", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert contest.sheet("J3", "A", "004").veto is None
        # again, confirmed this time (← to the OK button)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert contest.sheet("J3", "A", "004").veto == "A-V2"
        assert "否决 A-V2" in text_of(app, "#sheet-bar")
        # a recorded veto can be cleared (the list now ends with "clear"), again after a confirmation
        await pilot.press("v")
        await settle(pilot)
        veto_list = app.screen.query_one("#veto-list", OptionList)
        assert veto_list.option_count == 4
        await pilot.press("end", "enter")
        await settle(pilot)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert contest.sheet("J3", "A", "004").veto is None
        # record A-V1, key every item and the time: the summary shows the veto and a total of 0
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("left", "enter")
        await settle(pilot)
        rubric = contest.services().config().module("A").rubric
        screen.query_one("#item-list", ItemList).highlight_item("A1")
        for item in rubric.items:
            await pilot.press("3" if item.kind == "judgement" else "n")
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "19:00")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SubmitDialog) and not summary.blocked
        text = str(summary.query_one("#submit-summary", Static).render())
        assert "否决 A-V1" in text and "总分 0.00" in text
        await pilot.press("enter")
        await settle(pilot)
        stored = contest.sheet("J3", "A", "004")
        assert stored.state == "submitted" and stored.veto == "A-V1"
        assert stored.items_total == Decimal(100) and stored.total == Decimal(0)
