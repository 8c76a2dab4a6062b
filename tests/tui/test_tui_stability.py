"""The chief judge's medal-stability tab: computed in a worker when the tab is opened (key b) or on F5, never
on the poll; shows the service's note and, per contestant, the scenarios under which the award would change."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from contest.tui.screens import ChiefScreen
from tests.tui.support import STATIONS, Contest, login, settle


async def test_stability_tab_shows_note_and_changes(contest: Contest) -> None:
    contest.fill("J1", "A", STATIONS, level=3)
    contest.fill("J2", "A", STATIONS[:3], level=3)
    contest.fill("J2", "A", STATIONS[3:], level=1)
    contest.fill("J3", "A", STATIONS[:2], level=0)
    contest.fill("J3", "A", STATIONS[2:], level=2)
    expected = contest.services().stability(contest.login("C1"))
    app = contest.app()
    async with app.run_test(size=(120, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.stability is None  # not computed by the poll
        await pilot.press("b")
        await settle(pilot)
        tabs = screen.query_one("#chief-tabs")
        assert tabs.active == "tab-stability"  # type: ignore[attr-defined]
        assert screen.stability == expected
        note = str(screen.query_one("#stability-note", Static).render())
        assert expected.note and expected.note in note
        table = screen.query_one("#stability-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["选手", "当前奖项", "会改变的情形"]
        assert table.row_count == len(expected.rows) > 0
        for index, row in enumerate(expected.rows):
            changes = "；".join(
                f"{scenario}→{award or '无'}"
                for scenario, award in zip(expected.columns, row.alternatives, strict=True)
                if award != row.current
            )
            assert [str(table.get_cell_at((index, c))) for c in range(3)] == [
                row.contestant,
                row.current or "无",
                changes,
            ]
        assert str(table.get_cell_at((0, 2))).startswith("去掉裁判 J1→二等奖；")
