"""What a marking judge can reach: only the modules they are assigned to, and never a contestant's name, unit or
ID number — on any judge screen or dialog, before or after decryption (checked against the names in the file)."""

from __future__ import annotations

from textual.widgets import OptionList

from contest.errors import PermissionDenied
from contest.services import CONSOLE, JudgeIn
from contest.tui.screens import ChiefScreen, JudgeHomeScreen, LoginScreen, ScoringScreen
from contest.tui.screens.dialogs import SubmitDialog, TextDialog, TimeDialog, VetoDialog
from tests.tui.support import PINS, Contest, login, screen_text, settle, type_text


def assert_no_person(contest: Contest, text: str, where: str) -> None:
    """No contestant's name, unit or ID number in ``text``."""
    for name, unit, id_number in contest.people():
        for secret in (name, unit, id_number):
            assert secret not in text, f"{secret!r} shown on {where}"


async def test_judge_reaches_only_assigned_modules(contest: Contest) -> None:
    services = contest.services()
    services.import_judges(CONSOLE, [JudgeIn("J4", "赵评", "外单位", ("marking",), ("B",), pin="4444")])
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J4", "4444")
        home = app.screen
        assert isinstance(home, JudgeHomeScreen)
        assert [m[0] for m in home.modules] == ["B"]
        modules = home.query_one("#module-list", OptionList)
        assert [modules.get_option_at_index(i).id for i in range(modules.option_count)] == ["B"]
        text = screen_text(app)
        assert "康复服务" in text and "基础照护" not in text
        # a typed station opens in the assigned module
        await type_text(pilot, "2")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen) and app.screen.module_code == "B"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home
        # even pushed directly, module A's sheet is refused by the service: back home, nothing stored
        app.push_screen(ScoringScreen("A", "002"))
        await settle(pilot)
        assert app.screen is home
        # the service's refusal is the notice shown (run_test does not draw toasts; the app keeps them)
        assert any("未被分配到模块 A" in n.message for n in app._notifications)
    j4 = services.login("J4", "4444")
    try:
        services.open_sheet(j4, "A", "002")
    except PermissionDenied:
        pass
    else:  # pragma: no cover - the service must refuse
        raise AssertionError("judge J4 opened a sheet of a module they are not assigned to")
    denied = [e for e in services.events(30) if e[3] == "denied" and e[2] == "J4"]
    assert denied, "the refused attempt is in the audit log"


async def visit_judge_screens(contest: Contest, pilot, station: str, *, editable: bool) -> None:  # noqa: ANN001
    """Walk the judge's screens and dialogs (both modules), checking the text at each step."""
    app = pilot.app
    assert_no_person(contest, screen_text(app), "the judge's home")
    home = app.screen
    home.query_one("#module-list", OptionList).highlighted = 1
    await settle(pilot)
    assert home.module_code == "B"
    assert_no_person(contest, screen_text(app), "the judge's home, module B")
    home.query_one("#module-list", OptionList).highlighted = 0
    await settle(pilot)
    await type_text(pilot, station)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ScoringScreen)
    assert_no_person(contest, screen_text(app), "the scoring screen")
    await pilot.press("i")  # the scenario
    await settle(pilot)
    assert_no_person(contest, screen_text(app), "the scenario")
    await pilot.press("i")
    dialogs = (("v", VetoDialog), ("t", TimeDialog), ("c", TextDialog), ("s", SubmitDialog))
    for key, dialog in dialogs if editable else ():
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, dialog)
        assert_no_person(contest, screen_text(app), dialog.__name__)
        await pilot.press("escape")
        await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert app.screen is home


async def test_no_contestant_name_on_any_judge_screen(contest: Contest) -> None:
    contest.fill("J1", "A", ("001",), submit=False)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LoginScreen)
        assert_no_person(contest, screen_text(app), "the login screen")
        await login(pilot, "J1")
        await visit_judge_screens(contest, pilot, "1", editable=True)

    # after decryption the standings carry names; the judge's screens still do not
    for judge in ("J1", "J2", "J3"):
        for module in ("A", "B"):
            contest.fill(judge, module, ("001", "002", "003", "004", "005", "006"))
    services = contest.services()
    chief = services.login("C1", PINS["C1"])
    services.sign_off(chief, "A")
    services.sign_off(chief, "B")
    services.decrypt("C1", PINS["C1"], "S1", PINS["S1"])
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await visit_judge_screens(contest, pilot, "3", editable=False)
    # the check itself sees names where they are meant to be: the chief judge's standings
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        assert isinstance(app.screen, ChiefScreen)
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert any(name in text for name, _unit, _id in contest.people())
