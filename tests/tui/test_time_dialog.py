"""The time dialog (issue 12 case 4) driven with Pilot: a live echo before anything counts, an ambiguous or bad
time keeps the dialog open with what to type, a time past the forced stop (25:00 in module A) is recorded only
after a second Enter or the confirm button."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from contest.tui.screens import ScoringScreen
from contest.tui.screens.dialogs import TimeDialog
from tests.tui.support import Contest, login, settle, type_text


def text_of(app, selector: str) -> str:  # noqa: ANN001
    return str(app.screen.query_one(selector, Static).render())


async def open_time_dialog(pilot, station: str = "001") -> TimeDialog:  # noqa: ANN001
    await login(pilot, "J1")
    await type_text(pilot, station)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ScoringScreen)
    await pilot.press("t")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, TimeDialog)
    return dialog


async def retype(pilot, text: str) -> None:  # noqa: ANN001
    pilot.app.screen.query_one("#time-input", Input).value = ""
    await type_text(pilot, text)
    await settle(pilot)


async def test_ambiguous_and_bad_times_keep_the_dialog_open(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_time_dialog(pilot)
        assert "1290s" in text_of(app, "#dialog-body")  # the syntax is in the hint
        for typed, says in (
            ("21.3", "有歧义"),  # was stored as 213:00
            ("2130", "若指 21:30，请输入 21:30"),  # was a misleading "0–24 小时" error, and the dialog closed
            ("21:3", "两位数"),
            ("abc", "无法识别"),
        ):
            await retype(pilot, typed)
            assert pilot.app.screen.query_one("#time-input", Input).value == typed  # nothing dropped
            assert text_of(app, "#time-echo") == ""  # nothing counts
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is dialog, typed
            assert says in text_of(app, "#dialog-error"), (typed, text_of(app, "#dialog-error"))
        assert contest.sheet("J1", "A", "001").seconds_used is None
        # corrected in place: echoed, then stored
        await retype(pilot, "21 30")
        assert text_of(app, "#time-echo") == "= 21 分 30 秒，超时 1 分 30 秒，扣 4 分"
        assert text_of(app, "#dialog-error") == ""
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert contest.sheet("J1", "A", "001").seconds_used == 1290


async def test_past_the_forced_stop_asks_first(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_time_dialog(pilot)
        await retype(pilot, "26:10")
        assert text_of(app, "#time-echo").startswith("= 26 分 10 秒")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "强制终止时间 25:00" in text_of(app, "#dialog-error")
        confirm = dialog.query_one("#confirm-time", Button)
        assert confirm.display and "26:10" in str(confirm.label)
        assert contest.sheet("J1", "A", "001").seconds_used is None
        # changing the value withdraws the question; the new value is asked about again
        await retype(pilot, "95")
        assert not confirm.display
        await pilot.press("enter")
        await settle(pilot)
        assert "不太可能" in text_of(app, "#dialog-error")
        assert contest.sheet("J1", "A", "001").seconds_used is None
        await pilot.click("#confirm-time")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert contest.sheet("J1", "A", "001").seconds_used == 95 * 60
        # a second Enter on the same value records it too
        await pilot.press("t")
        await settle(pilot)
        await retype(pilot, "25:01")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert contest.sheet("J1", "A", "001").seconds_used == 25 * 60 + 1


async def test_english_echo(contest: Contest) -> None:
    app = contest.app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_time_dialog(pilot)
        await retype(pilot, "1290s")
        assert text_of(app, "#time-echo") == "= 21 min 30 s; 1 min 30 s over, 4 points off"
        await retype(pilot, "21.3")
        await pilot.press("enter")
        await settle(pilot)
        assert "ambiguous" in text_of(app, "#dialog-error")
