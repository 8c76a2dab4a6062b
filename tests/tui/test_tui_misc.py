"""Language, polling between terminals, stale writes, the command palette and the 80×24 layout."""

from __future__ import annotations

import asyncio

from textual.command import CommandInput, CommandPalette
from textual.widgets import Button, DataTable, Label, OptionList, Static

from contest.errors import StoreUnavailable
from contest.tui.screens import JudgeHomeScreen, LoginScreen, ScoringScreen
from contest.tui.screens.dialogs import CLEAR_VETO, ConfirmDialog
from contest.tui.widgets import ItemList
from scoresheets import Applied, ItemEntry
from tests.tui.support import PINS, Contest, login, settle, type_text


async def test_english_setting_and_f2_toggle(contest: Contest) -> None:
    app = contest.app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LoginScreen)
        assert str(app.screen.query_one("#login-code-label", Label).render()) == "Judge code"
        assert str(app.screen.query_one("#login-button", Button).label) == "Log in"
        await pilot.press("f2")
        assert app.lang == "zh"
        assert str(app.screen.query_one("#login-code-label", Label).render()) == "裁判编号"
        await login(pilot, "J1")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert "待录" in str(app.screen.query_one("#sheet-bar", Static).render())
        await pilot.press("f2")
        await settle(pilot)
        bar = str(app.screen.query_one("#sheet-bar", Static).render())
        assert "open 16/16" in bar and "Basic care" in bar
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"No deduction", "Submit", "Time"} <= descriptions
        # the screens underneath follow too
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JudgeHomeScreen)
        table = app.screen.query_one("#station-table", DataTable)
        assert str(table.get_cell_at((0, 1))) == "not started"


async def test_terminals_see_each_other_by_polling(contest: Contest) -> None:
    contest.fill("J1", "A", ("002",))
    app = contest.app(poll_seconds=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        table = app.screen.query_one("#station-table", DataTable)
        assert str(table.get_cell_at((1, 1))) == "已提交"
        # the chief judge returns the sheet from another terminal
        services = contest.services()
        services.return_sheet(services.login("C1", PINS["C1"]), "A", "002", "J1", "请复核")
        for _ in range(80):
            await asyncio.sleep(0.1)
            await pilot.pause()
            if str(table.get_cell_at((1, 1))) == "退回":
                break
        assert str(table.get_cell_at((1, 1))) == "退回"


async def test_stale_write_is_refused_and_reloaded(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J2")
        await type_text(pilot, "6")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        # the same judge changes the sheet from a second terminal
        other = contest.services()
        actor = other.login("J2", PINS["J2"])
        other.save_mark(actor, "A", "006", ItemEntry("A1", (Applied("A1-2"),)), 0)
        await pilot.press("n")
        await settle(pilot)
        stored = contest.sheet("J2", "A", "006")
        assert stored.entries["A1"].deductions  # our "no deduction" was refused, not stored over it
        assert screen.view is not None and screen.view.version == stored.version  # reloaded
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A1"
        # retrying now asks first (A1 now holds a rule, which "n" would clear), then works
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert contest.sheet("J2", "A", "006").entries["A1"] == ItemEntry("A1")


async def test_command_palette_lists_screen_actions(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"无扣分", "提交", "用时", "否决", "备注"} <= set(titles)


async def test_usable_at_80_by_24(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        items = screen.query_one("#item-list", ItemList)
        panel = screen.query_one("#entry-panel")
        assert items.region.width >= 34 and panel.region.width >= 38
        assert items.region.bottom <= 23 and panel.region.right <= 80
        await pilot.press("n", "n", "2")
        await settle(pilot)
        assert len(contest.sheet("J1", "A", "001").entries) == 3


async def test_database_unavailable_keeps_the_entry_for_retry(contest: Contest) -> None:
    app = contest.app()
    real_save = app.services.save_mark
    failures = [StoreUnavailable("数据库被锁定，请重试 / the database is locked, retry")]

    def flaky_save(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if failures:
            raise failures.pop()
        return real_save(*args, **kwargs)

    app.services.save_mark = flaky_save  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("enter", "space", "enter")  # tick A1-1 and confirm: the database refuses
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries == {}
        assert "数据库被锁定" in str(screen.query_one("#entry-hint", Static).render())
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A1"
        assert screen.ticks["A1"] == {"A1-1": 1}
        # retry: Enter opens the rules with the tick still there, Enter stores it
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries["A1"] == ItemEntry(
            "A1", deductions=(Applied("A1-1", 1),)
        )


# -- issue 12 case 10: Textual's own texts in the terminal's language, stale notices, explicit Enter -------------
async def test_ctrl_c_notice_and_palette_are_bilingual(contest: Contest) -> None:
    for lang, quit_hint, quit_title, keys, placeholder in (
        ("zh", "Ctrl+C 不会退出", "退出", "按键帮助", "搜索命令…"),
        ("en", "Press", "Quit", "Keys", "Search for commands…"),
    ):
        app = contest.app(lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await login(pilot, "J1")
            assert isinstance(app.screen, JudgeHomeScreen)
            app.clear_notifications()
            await pilot.press("ctrl+c")
            await settle(pilot)
            (notice,) = list(app._notifications)
            assert quit_hint in notice.message and "q" in notice.message.lower()
            assert notice.title == ("要退出吗？" if lang == "zh" else "Do you want to quit?")
            titles = {command.title for command in app.get_system_commands(app.screen)}
            assert {quit_title, keys} <= titles
            if lang == "zh":
                assert not titles & {"Quit", "Keys", "Theme", "Screenshot"}
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)
            assert app.screen.query_one(CommandInput).placeholder == placeholder


async def test_wrong_pin_notice_is_not_carried_onto_the_next_screen(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1", "0000")
        assert isinstance(app.screen, LoginScreen)
        assert any("PIN" in n.message for n in app._notifications)
        await login(pilot, "J1")
        assert isinstance(app.screen, JudgeHomeScreen)
        assert not any("PIN" in n.message for n in app._notifications)


async def test_clear_veto_dialog_says_what_enter_does(contest: Contest) -> None:
    services = contest.services()
    actor = services.login("J1", PINS["J1"])
    code = services.config().module("A").rubric.vetoes[0].code
    services.set_sheet_info(actor, "A", "003", veto=code)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        await pilot.press("v")
        await settle(pilot)
        veto_list = app.screen.query_one("#veto-list", OptionList)
        clear = next(
            n for n in range(veto_list.option_count) if veto_list.get_option_at_index(n).id == CLEAR_VETO
        )
        veto_list.highlighted = clear
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        # it starts on Cancel, and says so: the button is marked and a line says what Enter does
        assert str(dialog.query_one("#no", Button).label) == "取消 (Enter)"
        # the title and the button say what it does (it used to read "确认否决" / "确定")
        assert str(dialog.query_one("#yes", Button).label) == "清除否决"
        assert "清除否决" in str(dialog.query_one("#dialog-title", Static).render())
        assert str(dialog.query_one("#dialog-enter", Static).render()).startswith("按 Enter：取消")
        await pilot.press("left")
        await settle(pilot)
        assert str(dialog.query_one("#yes", Button).label) == "清除否决 (Enter)"
        assert str(dialog.query_one("#dialog-enter", Static).render()).startswith("按 Enter：清除否决")
        await pilot.press("enter")
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").veto is None
