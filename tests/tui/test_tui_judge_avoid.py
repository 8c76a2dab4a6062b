"""The judge's station list shows 回避 stations as such and refuses to open them; a contestant checked in as absent
(缺考) is not on the list at all."""

from __future__ import annotations

from textual.widgets import DataTable

from contest.services import CONSOLE, JudgeIn
from contest.tui.screens import JudgeHomeScreen
from tests.tui.support import PINS, Contest, login, settle, type_text


async def test_a_recused_station_is_marked_and_never_opens(contest: Contest) -> None:
    sv = contest.services()
    sv.import_judges(CONSOLE, [JudgeIn("J1", "张评", "单位2", ("marking",), ("A", "B"), pin=PINS["J1"])])
    (avoided,) = [st.station for st in sv.stations(contest.login("J1"), "A") if st.avoid]
    absent = next(st.station for st in sv.stations(contest.login("J1"), "A") if not st.avoid)
    sv.checkin(contest.login("O1"), absent, "A", "absent")
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        screen = app.screen
        assert isinstance(screen, JudgeHomeScreen)
        table = screen.query_one("#station-table", DataTable)
        rows = {
            str(table.get_cell_at((r, 0))): str(table.get_cell_at((r, 1))) for r in range(table.row_count)
        }
        assert rows[avoided] == "回避" and absent not in rows and len(rows) == 5
        await type_text(pilot, avoided)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert any("回避" in n.message and avoided in n.message for n in app._notifications)
