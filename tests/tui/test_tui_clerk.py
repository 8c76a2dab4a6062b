"""Clerk double entry of a judge's paper sheet: clerk A keys it, clerk B keys it blind; equal keyings store the
judge's sheet. A mismatch stores nothing for the judge and keeps both keyings as they are: B is told how many
fields differ but not which, cannot key again, and the sheet waits (不一致) for a third clerk or the chief judge;
the first clerk sees the state and is told. The clerk who keyed first cannot confirm their own keying."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from contest.tui.screens import ClerkEntryScreen, ClerkHomeScreen, LoginScreen, OrganiserScreen
from contest.tui.screens.dialogs import ConfirmDialog, SubmitDialog, TimeDialog, VetoDialog
from scoresheets import Applied, ItemEntry
from tests.tui.support import PINS, Contest, login, screen_text, settle, type_text


def banner(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#sheet-banner", Static).render())


async def open_paper(pilot, station: str) -> ClerkEntryScreen:  # noqa: ANN001
    """From the clerk's home (module A, judge J1 chosen): type the station number on the paper and Enter."""
    await type_text(pilot, station)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClerkEntryScreen), screen
    return screen


async def key_paper(
    pilot,  # noqa: ANN001
    contest: Contest,
    *,
    deduct: tuple[str, ...] = (),
    time: str = "18:20",
    submit: bool = True,
) -> None:
    """Key J1's paper sheet from the top: judgement items level 2, measurement items "no deduction" except those
    in ``deduct`` (first rule ticked); then the time; then submit and confirm."""
    rubric = contest.services().config().module("A").rubric
    for item in rubric.items:
        if item.kind == "judgement":
            await pilot.press("2")
        elif item.id in deduct:
            await pilot.press("enter", "space", "enter")
        else:
            await pilot.press("n")
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TimeDialog)
    await type_text(pilot, time)
    await pilot.press("enter")
    await settle(pilot)
    if submit:
        await submit_keying(pilot)


async def submit_keying(pilot) -> None:  # noqa: ANN001
    await pilot.press("s")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SubmitDialog) and not dialog.blocked, dialog
    await pilot.press("enter")
    await settle(pilot)


async def test_double_entry_mismatch_then_match_stores_the_judges_sheet(contest: Contest) -> None:
    # clerk A keys J1's paper sheet for station 001
    first = contest.app()
    async with first.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K1")
        home = first.screen
        assert isinstance(home, ClerkHomeScreen)
        assert (home.module_code, home.judge_code) == ("A", "J1")
        assert home.module_judges() == ("J1", "J2", "J3")
        screen = await open_paper(pilot, "1")
        assert (screen.module_code, screen.station, screen.judge_code) == ("A", "001", "J1")
        await key_paper(pilot, contest, submit=False)
        # the running totals are there to check the paper's sums; nothing is stored while keying
        assert "全部已录 16/16" in str(screen.query_one("#sheet-bar", Static).render())
        assert contest.sheet("J1", "A", "001").version == 0
        await submit_keying(pilot)
        assert screen.outcome == "first"
        assert "等待第二人盲录" in banner(first)
        assert "等待第二人盲录" in str(screen.query_one("#sheet-bar", Static).render())
        assert contest.sheet("J1", "A", "001").state == "none"  # waiting: nothing stored for the judge

    # clerk B keys the same paper blind: the keyings match, the judge's sheet is stored
    second = contest.app()
    async with second.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K2")
        home = second.screen
        assert isinstance(home, ClerkHomeScreen)
        assert str(home.query_one("#clerk-stations", DataTable).get_cell_at((0, 1))) == "待核对"
        screen = await open_paper(pilot, "1")
        assert screen.entries == {}  # blind: nothing of the first keying is shown
        await key_paper(pilot, contest)
        assert screen.outcome == "matched"
        assert "双人录入一致，已保存为裁判 J1 的评分表" in banner(second)
        stored = contest.sheet("J1", "A", "001")
        assert stored.state == "submitted" and not stored.open_items
        assert stored.seconds_used == 18 * 60 + 20
        assert "K1" in stored.comment and "K2" in stored.comment
        # stored: the screen takes no more keys
        await pilot.press("n")
        await settle(pilot)
        assert contest.sheet("J1", "A", "001").version == stored.version
        # back home, the sheet shows as submitted and cannot be opened for keying again
        await pilot.press("escape")
        await settle(pilot)
        home = second.screen
        assert isinstance(home, ClerkHomeScreen)
        table = home.query_one("#clerk-stations", DataTable)
        assert str(table.get_cell_at((0, 1))) == "已提交"
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert second.screen is home


def _paper(contest: Contest, deduct: tuple[str, ...] = ()) -> list[ItemEntry]:
    rubric = contest.services().config().module("A").rubric
    return [
        ItemEntry(i.id, level=2)
        if i.kind == "judgement"
        else ItemEntry(i.id, (Applied(i.deductions[0].code),) if i.id in deduct else ())
        for i in rubric.items
    ]


async def test_a_mismatch_keeps_both_keyings_blind_and_a_third_clerk_settles_it(contest: Contest) -> None:
    services = contest.services()
    services.clerk_enter(contest.login("K1"), "A", "001", "J1", _paper(contest), seconds_used=1100)
    first = contest.app()
    async with first.run_test(size=(100, 30)) as pilot:
        # the first clerk's list shows the sheet waiting for the second keying
        await login(pilot, "K1")
        k1_home = first.screen
        assert isinstance(k1_home, ClerkHomeScreen)
        assert str(k1_home.query_one("#clerk-stations", DataTable).get_cell_at((0, 1))) == "待核对"

        # clerk B keys the same paper blind, with A4 and the time different
        second = contest.app()
        async with second.run_test(size=(100, 30)) as pilot2:
            await login(pilot2, "K2")
            screen = await open_paper(pilot2, "1")
            await key_paper(pilot2, contest, deduct=("A4",), time="18:21")
            # both keyings are kept as they are: no item is flagged, cleared or offered for re-keying
            assert screen.outcome == "mismatch"
            text = banner(second)
            assert "不一致（2 处）" in text and "第三位统分员" in text
            assert "A4" not in text and "用时" not in text
            assert "✗" not in screen_text(second)
            assert len(screen.entries) == 16
            assert contest.sheet("J1", "A", "001").state == "none"
            await pilot2.press("n", "s")
            await settle(pilot2)
            assert not isinstance(second.screen, SubmitDialog)
            assert screen.outcome == "mismatch"
            # back home: 不一致, and B cannot open it again
            await pilot2.press("escape")
            await settle(pilot2)
            home = second.screen
            assert isinstance(home, ClerkHomeScreen)
            assert str(home.query_one("#clerk-stations", DataTable).get_cell_at((0, 1))) == "不一致"
            await type_text(pilot2, "1")
            await pilot2.press("enter")
            await settle(pilot2)
            assert second.screen is home
            assert any("待第三位统分员" in n.message for n in second._notifications)

        # the first clerk is told, and sees the state
        await pilot.press("f5")
        await settle(pilot)
        assert str(k1_home.query_one("#clerk-stations", DataTable).get_cell_at((0, 1))) == "不一致"
        assert any("两次录入不一致" in n.message for n in first._notifications)

    # a third clerk keys the paper blind; it equals K1's keying: stored
    from contest.services import CONSOLE, JudgeIn

    contest.services().import_judges(CONSOLE, [JudgeIn("K3", "统分丙", "", ("clerk",), pin="3003")])
    PINS["K3"] = "3003"
    try:
        third = contest.app()
        async with third.run_test(size=(100, 30)) as pilot:
            await login(pilot, "K3")
            screen = await open_paper(pilot, "1")
            assert screen.entries == {}
            assert "K1、K2" in banner(third) and "完整盲录" in banner(third)
            await key_paper(pilot, contest)
            assert screen.outcome == "matched"
            assert "K1、K3" in banner(third)
        stored = contest.sheet("J1", "A", "001")
        assert stored.state == "submitted" and stored.entries["A4"] == ItemEntry("A4")
    finally:
        del PINS["K3"]


async def test_first_clerk_cannot_confirm_their_own_keying(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K1")
        await open_paper(pilot, "2")
        await key_paper(pilot, contest)
        assert "等待第二人盲录" in banner(app)
        # the same clerk opens the paper again and keys it a second time: the service refuses
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClerkHomeScreen)
        screen = await open_paper(pilot, "2")
        await key_paper(pilot, contest)
        assert screen.outcome is None
        assert "第一次录入的人不能确认" in banner(app)
        assert contest.sheet("J1", "A", "002").state == "none"
        # the first clerk may withdraw their own unconfirmed keying (a dangerous confirmation: ← then Enter)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "已撤回" in banner(app)
        # now their keying is the first one again
        await submit_keying(pilot)
        assert screen.outcome == "first"
        assert contest.sheet("J1", "A", "002").state == "none"


async def test_clerk_home_and_the_organiser_view(contest: Contest) -> None:
    contest.fill("J1", "A", ("004",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        # a clerk only: the clerk's home, no overview key
        await login(pilot, "K1")
        home = app.screen
        assert isinstance(home, ClerkHomeScreen)
        table = home.query_one("#clerk-stations", DataTable)
        assert table.row_count == 6
        assert str(table.get_cell_at((3, 1))) == "已提交"
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen is home
        # a submitted sheet needs no keying
        await type_text(pilot, "4")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is home
        # Esc on an unsubmitted keying asks before discarding it
        await open_paper(pilot, "5")
        await pilot.press("n", "n", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.screen is home
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        # a clerk who is also an organiser reaches the overview with F3 and comes back with Esc
        await login(pilot, "K2")
        home = app.screen
        assert isinstance(home, ClerkHomeScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, OrganiserScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home


async def test_no_keying_once_the_module_is_signed_off(contest: Contest) -> None:
    services = contest.services()
    services.sign_off(
        services.login("C1", PINS["C1"]),
        "A",
        "演示：其余评分表缺席，经仲裁同意",
        supervisor=("S1", PINS["S1"]),
    )
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K1")
        home = app.screen
        assert isinstance(home, ClerkHomeScreen)
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is home
        assert any("已签核" in n.message for n in app._notifications)


def test_keying_is_shown_in_rubric_order_with_running_totals(contest: Contest) -> None:
    """The local view of a keying: entries in rubric order, open items listed, totals from the rubric."""
    screen = ClerkEntryScreen("A", "001", "J1")
    screen.rubric = contest.services().config().module("A").rubric
    screen.entries = {"A2": ItemEntry("A2", (Applied("A2-2", 2),)), "A1": ItemEntry("A1")}
    view = screen.build_view()
    assert list(view.entries) == ["A1", "A2"]
    assert view.open_items[0] == "A3" and view.state == "draft" and view.editable
    assert view.item_scores == {"A1": 6, "A2": 4}


async def test_a_keyed_veto_that_differs_is_a_mismatch_and_not_named(contest: Contest) -> None:
    services = contest.services()
    rubric = services.config().module("A").rubric
    paper = [ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id) for i in rubric.items]
    services.clerk_enter(contest.login("K1"), "A", "003", "J2", paper, seconds_used=1200)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "K2")
        home = app.screen
        assert isinstance(home, ClerkHomeScreen)
        home.query_one("#clerk-judges").highlighted = 1  # type: ignore[attr-defined]
        await settle(pilot)
        assert home.judge_code == "J2"
        screen = await open_paper(pilot, "3")
        for item in rubric.items:
            await pilot.press("3" if item.kind == "judgement" else "n")
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "20:00")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VetoDialog)
        await pilot.press("down", "enter")  # the first rule (the list starts with "no veto")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert screen.veto == rubric.vetoes[0].code
        await submit_keying(pilot)
        assert screen.outcome == "mismatch"
        text = banner(app)
        assert "1 处" in text and "否决" not in text
        assert contest.sheet("J2", "A", "003").state == "none"
