"""Markup safety of the chief judge's console and the clerk's screens: names, units and appeal texts are user
data; a ``[/]`` or ``[b]`` in them is shown as typed — it neither crashes the screen nor restyles it."""

from __future__ import annotations

from sqlalchemy import text
from textual.widgets import DataTable, OptionList, Static

from contest.services import CONSOLE, JudgeIn
from contest.tui.screens import ChiefScreen, ClerkHomeScreen
from tests.tui.support import PINS, STATIONS, Contest, login, settle

UNIT = "[/]护理[b]学院[/b]"
NAME = "[b]王[/]五"


async def test_bracketed_user_text_is_shown_as_typed(contest: Contest) -> None:
    for judge in ("J1", "J2", "J3"):
        for module in ("A", "B"):
            contest.fill(judge, module, STATIONS)
    services = contest.services()
    chief = contest.login("C1")
    services.sign_off(chief, "A")
    services.sign_off(chief, "B")
    services.decrypt("C1", PINS["C1"], "S1", PINS["S1"])
    services.lodge_appeal(contest.login("S1"), "001", "A", "对[/]A3[/b]有异议[b]")
    with services.engine.begin() as conn:
        conn.execute(
            text("UPDATE contestant SET unit = :u, name = :n WHERE draw_no = 1"), {"u": UNIT, "n": NAME}
        )
    services.import_judges(
        CONSOLE,
        [
            JudgeIn("C2", "[/b]陈[b]", "[/]单位", ("chief",), pin="7777"),
            JudgeIn("J5", "[/]赵[/b]", "[b]外单位", ("marking",), ("A",), pin="5555"),
        ],
    )
    PINS.update(C2="7777")
    try:
        app = contest.app()
        async with app.run_test(size=(120, 40)) as pilot:
            await login(pilot, "C2")
            screen = app.screen
            assert isinstance(screen, ChiefScreen)
            assert "[/b]陈[b]" in str(screen.query_one("#chief-bar", Static).render())
            await pilot.press("g")
            await settle(pilot)
            table = screen.query_one("#standings-table", DataTable)
            labels = [str(c.label) for c in table.columns.values()]
            units = {str(table.get_cell_at((r, labels.index("单位")))) for r in range(table.row_count)}
            names = {str(table.get_cell_at((r, labels.index("姓名")))) for r in range(table.row_count)}
            assert UNIT in units and NAME in names
            for key in ("p", "a", "b", "k"):
                await pilot.press(key)
                await settle(pilot)
            assert app.screen is screen and app.is_running
    finally:
        del PINS["C2"]

    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K1")
        home = app.screen
        assert isinstance(home, ClerkHomeScreen)
        judges = home.query_one("#clerk-judges", OptionList)
        prompts = [str(judges.get_option_at_index(i).prompt) for i in range(judges.option_count)]
        assert "J5 [/]赵[/b]" in prompts
        judges.highlighted = prompts.index("J5 [/]赵[/b]")
        await settle(pilot)
        assert home.judge_code == "J5"
        assert "[/]赵[/b]" in str(home.query_one("#clerk-station-title").render())
        assert app.is_running


async def test_bracketed_judge_and_organiser_names_and_messages_are_plain_text(contest: Contest) -> None:
    """The judge's and the organiser's top bars, and notifications quoting user text, show it as typed."""
    services = contest.services()
    services.import_judges(
        CONSOLE,
        [
            JudgeIn("J6", "[/]钱[b]", "外单位", ("marking",), ("A",), pin="6666"),
            JudgeIn("O2", "[/b]孙", "", ("organiser",), pin="6767"),
        ],
    )
    PINS.update(J6="6666", O2="6767")
    try:
        for code, bar in (("J6", "#home-bar"), ("O2", "#org-bar")):
            app = contest.app()
            async with app.run_test(size=(120, 40)) as pilot:
                await login(pilot, code)
                assert app.is_running
                name = "[/]钱[b]" if code == "J6" else "[/b]孙"
                assert name in str(app.screen.query_one(bar, Static).render())
                app.notify(f"赛位 {name} 不存在")  # as a service message quoting typed text would
                await pilot.pause()
                assert app.is_running
    finally:
        del PINS["J6"], PINS["O2"]
