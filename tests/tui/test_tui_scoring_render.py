"""What the scoring screen skips redrawing must still be right when it is shown: the footer follows the kind of
the highlighted item, the body appears once the sheet is loaded, and the option lists lay their rows out again
when (and only when) their width changes.
"""

from __future__ import annotations

import threading
from typing import Any

from textual.widgets import Static

from contest.tui.catalogue import tr
from contest.tui.screens import ScoringScreen
from contest.tui.widgets import DeductionPicker, ItemList
from contest.tui.widgets.footer import HintKey, KeyFooter
from tests.tui.support import Contest, login, settle, type_text


def footer_actions(screen: ScoringScreen) -> set[str]:
    footer = screen.query_one(KeyFooter)
    return {key.action.rsplit("(", 1)[0] for key in footer.query(HintKey)}


async def test_footer_follows_the_kind_of_the_highlighted_item(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "001")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        items = screen.query_one("#item-list", ItemList)
        assert items.highlighted_item_id == "A1"  # measured by its rules
        assert "no_deduction" in footer_actions(screen) and "digit" not in footer_actions(screen)
        await pilot.press("down")  # A2: the same kind, the same keys
        await settle(pilot)
        assert "no_deduction" in footer_actions(screen)
        items.highlight_item("A3")  # a judgement item: levels, no "no deduction"
        await settle(pilot)
        assert "digit" in footer_actions(screen) and "no_deduction" not in footer_actions(screen)
        await pilot.press("up", "up")  # back to A1
        await settle(pilot)
        assert "no_deduction" in footer_actions(screen) and "digit" not in footer_actions(screen)


async def test_body_is_shown_once_the_sheet_is_loaded(contest: Contest) -> None:
    app = contest.app()
    opened = threading.Event()
    real_open = app.services.open_sheet

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        opened.wait(10)
        return real_open(*args, **kwargs)

    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        app.services.open_sheet = slow_open  # type: ignore[method-assign]
        screen = ScoringScreen("A", "002")
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.view is None
        assert not screen.query_one("#scoring-body").display
        assert tr("zh", "sheet.loading") in str(screen.query_one("#sheet-bar", Static).render())
        opened.set()
        await settle(pilot)
        assert screen.view is not None
        assert screen.query_one("#scoring-body").display
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "A1"


async def test_option_lists_are_laid_out_again_for_a_new_width(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "003")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        picker = screen.query_one("#deductions", DeductionPicker)
        items = screen.query_one("#item-list", ItemList)
        for size in ((120, 30), (90, 30), (140, 44)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            for widget in (picker, items):
                width = widget.scrollable_content_region.width
                rows = [widget.render_line(y) for y in range(widget.scrollable_content_region.height)]
                lengths = {row.cell_length for row in rows}
                assert lengths == {width}, (
                    size,
                    widget.id,
                    lengths,
                    widget.size,
                    widget.scrollable_content_region,
                )
