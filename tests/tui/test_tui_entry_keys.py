"""One meaning per key, nothing discarded without a question, taps that select before they record.

Each test is a case from the judge-entry report: before the fix the same keys stored a mark the judge did not
mean (a typed 3.00 instead of two ticked rules; "n" silently clearing ticks; one tap on a level or on the footer
recording it).
"""

from __future__ import annotations

from textual.widgets import Button, Static

from contest.tui.screens import ScoringScreen
from contest.tui.screens.dialogs import ConfirmDialog
from contest.tui.widgets import DeductionPicker, ItemList, LevelPicker
from contest.tui.widgets.footer import HintKey
from scoresheets import Applied, ItemEntry
from tests.tui.support import Contest, login, settle, type_text


def hint(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#entry-hint", Static).render())


async def open_sheet(pilot, station: str) -> ScoringScreen:  # noqa: ANN001
    await login(pilot, "J1")
    await type_text(pilot, station)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoringScreen)
    return screen


async def test_digits_in_the_rule_list_are_counts_never_a_typed_score(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sheet(pilot, "001")
        # A1: A1-1 is repeatable (−1 each, cap 4), A1-2 is not
        await pilot.press("enter", "space", "down", "space")
        assert "扣 3.00" in hint(app)
        await pilot.press("up", "3")  # "3" on the highlighted repeatable rule: three times
        await settle(pilot)
        assert screen.ticks["A1"] == {"A1-1": 3, "A1-2": 1}
        await pilot.press("down", "2")  # "2" on a rule that applies once: refused, nothing changes
        await settle(pilot)
        assert "不可重复" in hint(app)
        assert screen.ticks["A1"] == {"A1-1": 3, "A1-2": 1}
        await pilot.press("enter")
        await settle(pilot)
        stored = contest.sheet("J1", "A", "001")
        assert stored.entries["A1"] == ItemEntry("A1", deductions=(Applied("A1-1", 3), Applied("A1-2", 1)))
        assert stored.item_scores["A1"] == 1


async def test_no_deduction_asks_before_clearing_ticked_rules(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sheet(pilot, "002")
        items = screen.query_one("#item-list", ItemList)
        await pilot.press(
            "enter", "space", "escape"
        )  # tick A1-1, then leave the rule list without confirming
        await settle(pilot)
        assert screen.ticks["A1"] == {"A1-1": 1}
        assert "✎" in str(items.get_option("A1").prompt)  # the unconfirmed ticks are visible in the list
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "A1-1" in str(app.screen.query_one("#dialog-body", Static).render())
        await pilot.press("escape")  # no: nothing changes, the ticks stay
        await settle(pilot)
        assert app.screen is screen
        assert contest.sheet("J1", "A", "002").entries == {}
        assert screen.ticks["A1"] == {"A1-1": 1}
        assert items.highlighted_item_id == "A1"
        await pilot.press("n", "enter")  # yes: recorded as no deduction
        await settle(pilot)
        assert contest.sheet("J1", "A", "002").entries["A1"] == ItemEntry("A1")
        # a stored deduction is not silently replaced either
        await pilot.press("enter", "space", "enter")  # A2: tick A2-1 and confirm
        await settle(pilot)
        items.highlight_item("A2")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert contest.sheet("J1", "A", "002").entries["A2"].deductions == (Applied("A2-1", 1),)


async def test_a_tap_on_a_level_selects_and_a_second_tap_records(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sheet(pilot, "003")
        items = screen.query_one("#item-list", ItemList)
        items.highlight_item("A3")  # a judgement item
        await settle(pilot)
        levels = screen.query_one("#levels", LevelPicker)
        # one tap on level 2: selected and said so, nothing stored
        await pilot.click(LevelPicker, offset=(4, 1 + levels_row(levels, 2)))
        await settle(pilot)
        assert levels.armed == 2
        assert "再点一次" in hint(app)
        assert "A3" not in contest.sheet("J1", "A", "003").entries
        # the second tap on the same level records it
        await pilot.click(LevelPicker, offset=(4, 1 + levels_row(levels, 2)))
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries["A3"] == ItemEntry("A3", level=2)
        # or: a tap, then the 确认 button
        items.highlight_item("A3")
        await settle(pilot)
        await pilot.click(LevelPicker, offset=(4, 1 + levels_row(levels, 1)))
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries["A3"] == ItemEntry("A3", level=2)
        await pilot.click("#confirm-entry")
        await settle(pilot)
        assert contest.sheet("J1", "A", "003").entries["A3"] == ItemEntry("A3", level=1)


def levels_row(levels: LevelPicker, level: int) -> int:
    """The screen row (inside the list) where ``level``'s descriptor starts."""
    row = 0
    for index in range(level):
        row += str(levels.get_option_at_index(index).prompt).count("\n") + 1
    return row


async def test_footer_marking_hints_are_not_buttons(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sheet(pilot, "004")
        screen.query_one("#item-list", ItemList).highlight_item("A3")
        await settle(pilot)
        hints = [key for key in screen.query(HintKey) if key.action.endswith("digit(0)")]
        assert hints, "the level hint is in the footer"
        await pilot.click(hints[0])
        await settle(pilot)
        assert contest.sheet("J1", "A", "004").entries == {}  # before: one tap stored level 0


async def test_confirm_button_confirms_ticks_and_no_deduction_button_asks(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sheet(pilot, "005")
        picker = screen.query_one("#deductions", DeductionPicker)
        await pilot.click(DeductionPicker, offset=(6, 1))  # a tap ticks A1-1 (ticking is not recording)
        await settle(pilot)
        assert screen.ticks["A1"] == {"A1-1": 1} and picker.ticks == {"A1-1": 1}
        assert contest.sheet("J1", "A", "005").entries == {}
        await pilot.click("#no-deduction-button")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen.query_one("#confirm-entry", Button), Button)
        await pilot.click("#confirm-entry")
        await settle(pilot)
        assert contest.sheet("J1", "A", "005").entries["A1"] == ItemEntry("A1", deductions=(Applied("A1-1"),))


async def test_keys_after_a_refused_write_are_not_applied(contest: Contest) -> None:
    """A write refused (here: the database is gone for a moment) stops everything typed after it: the judge is
    shown the refusal on the refused item, and no later key lands anywhere."""
    from contest.errors import StoreUnavailable
    from tests.tui.test_tui_typeahead import burst

    app = contest.app()
    real_save = app.services.save_mark
    calls = []

    def failing_save(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(args)
        if len(calls) == 1:
            import time

            time.sleep(0.3)
            raise StoreUnavailable("数据库被锁定，请重试 / the database is locked, retry")
        return real_save(*args, **kwargs)

    app.services.save_mark = failing_save  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sheet(pilot, "006")
        await burst(app, ["n", "n", "n", "n", "n", "n", "n", "n", "n", "n", "n", "n"])
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        stored = contest.sheet("J1", "A", "006")
        assert "A1" not in stored.entries
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A1"
        assert "数据库被锁定" in hint(app)
        # the entries queued behind the refused one were not sent, keys still waiting were not applied, and the
        # judge is told both; the list shows every item open again
        assert stored.entries == {}
        assert "未保存" in hint(app)
        assert screen.pending == {}
        assert "◌ A2" in str(screen.query_one("#item-list", ItemList).get_option("A2").prompt)
        assert not app.input_pending
