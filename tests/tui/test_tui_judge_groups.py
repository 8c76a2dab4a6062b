"""A judge of a module marked by judge groups sees only their group's stations, and the home screen names the group
and its 场次; before the sessions are planned it says so instead of "not drawn"."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from contest.tui.screens import JudgeHomeScreen
from tests.tui.support import Contest, login, settle


def _note(screen: JudgeHomeScreen) -> str:
    return str(screen.query_one("#home-note", Static).render())


async def test_the_home_screen_names_the_group_and_lists_its_sessions_stations(contest: Contest) -> None:
    sv = contest.services()
    org = contest.login("O1")
    judges = sorted({code for code, _n, _u, roles, mods in sv.judges() if "marking" in roles and "A" in mods})
    half = len(judges) // 2
    for k, code in enumerate(judges):
        sv.set_group(org, code, "A", "1" if k < half else "2")
    app = contest.app()
    async with app.run_test(size=(110, 30)) as pilot:
        await login(pilot, judges[0])
        screen = app.screen
        assert isinstance(screen, JudgeHomeScreen)
        assert "场次尚未安排" in _note(screen) and "第1组" in _note(screen)
        plan = sv.plan_schedule(org, "A", 3, start="2026-12-10 08:30", minutes=40, tracks=["一号", "二号"])
        screen.reload()
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        table = screen.query_one("#station-table", DataTable)
        shown = {str(table.get_cell_at((r, 0))) for r in range(table.row_count)}
        ours = {st for p in plan if p.group == "1" for st in p.stations}
        assert shown == ours
        note = _note(screen)
        assert note.startswith("第1组评分：第1场 08:30 一号")
