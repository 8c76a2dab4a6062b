"""Issue 14 case 7 at the terminal: the database file is deleted while a judge is marking. The next write is
refused loudly (the hint names the deleted file) and the unsent entry stays on screen; nothing is acknowledged."""

from __future__ import annotations

from textual.widgets import Static

from contest.tui.screens import ScoringScreen
from tests.tui.support import Contest, login, settle, type_text


async def test_a_deleted_database_refuses_the_write_and_keeps_the_entry(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        for suffix in ("", "-wal", "-shm"):
            contest.path.with_name(contest.path.name + suffix).unlink(missing_ok=True)
        await pilot.press("enter", "space", "enter")  # tick A1-1 and confirm: the write is refused
        await settle(pilot)
        hint = str(screen.query_one("#entry-hint", Static).render())
        assert "已被删除" in hint and "没有保存" in hint, hint
        assert screen.ticks["A1"] == {"A1-1": 1}  # the unsent entry is still on screen
        assert not contest.path.exists()  # and no empty database was made in its place
