"""The chief judge's path: progress matrix, spread alerts, returning a sheet, sign-off with override,
two-person decryption, standings with names; and the organiser's overview."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from contest.tui.screens import ChiefScreen, JudgeHomeScreen, OrganiserScreen, ScoringScreen
from contest.tui.screens.chief_dialogs import CosignDialog, ResolveDialog
from contest.tui.screens.dialogs import ConfirmDialog, DecryptDialog, OverrideDialog, ReturnDialog
from scoresheets import Applied, ItemEntry
from tests.tui.support import PINS, Contest, login, settle, type_text

A_ITEMS = 16


def cell(table: DataTable, row: int, column: int) -> str:  # type: ignore[type-arg]
    return str(table.get_cell_at((row, column)))


async def test_progress_matrix_and_return_with_reason(contest: Contest) -> None:
    contest.fill("J1", "A", ("001", "002"))
    contest.fill("J2", "A", ("001",))
    contest.fill("J3", "A", ("001",), skip=("A5",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        progress = {m.code: m for m in screen.progress}
        assert (progress["A"].submitted, progress["A"].expected) == (3, 18)
        assert screen.module_code == "A"
        table = screen.query_one("#progress-matrix", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["赛位号", "J1", "J2", "J3"]
        assert [cell(table, 0, c) for c in range(4)] == ["001", "✓", "✓", "✎ 15"]
        assert cell(table, 1, 1) == "✓" and cell(table, 1, 2) == "-"
        assert "已提交 3/18" in str(screen.query_one("#progress-head", Static).render())

        # a draft cannot be returned; the message says so
        table.focus()
        await pilot.pause()
        table.move_cursor(row=0, column=3)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        # J1's sheet for station 001: return with a reason
        table.move_cursor(row=0, column=1)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReturnDialog)
        await pilot.press("enter")  # empty reason: refused inside the dialog
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#reason-input", Input).value = "A3评分与他人相差过大，请复核"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        sheet = contest.sheet("J1", "A", "001")
        assert sheet.state == "returned"
        assert sheet.return_reason == "A3评分与他人相差过大，请复核"
        assert cell(screen.query_one("#progress-matrix", DataTable), 0, 1) == "↩"

    # the judge sees the return on their list and the reason on the sheet
    judge = contest.app()
    async with judge.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        assert isinstance(judge.screen, JudgeHomeScreen)
        assert cell(judge.screen.query_one("#station-table", DataTable), 0, 1) == "退回"
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(judge.screen, ScoringScreen)
        banner = judge.screen.query_one("#sheet-banner", Static)
        assert banner.display and "A3评分与他人相差过大，请复核" in str(banner.render())
        # a returned sheet is editable again
        judge.screen.query_one("#item-list").highlight_item("A3")  # type: ignore[attr-defined]
        await pilot.press("1")
        await settle(pilot)
        assert contest.sheet("J1", "A", "001").entries["A3"].level == 1


async def test_alerts_show_marks_side_by_side(contest: Contest) -> None:
    contest.fill("J1", "A", ("003",), level=3)
    contest.fill("J2", "A", ("003",), level=3)
    contest.fill("J3", "A", ("003",), level=0)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.alerts and all(a.station == "003" for a in screen.alerts)
        await pilot.press("a")
        await settle(pilot)
        table = screen.query_one("#alerts-table", DataTable)
        assert table.row_count == len(screen.alerts)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[-3:] == ["裁判1", "裁判2", "裁判3"]  # the panel's seats, not every judge of the contest
        row = next(r for r in range(table.row_count) if cell(table, r, 2).startswith("A3"))
        assert [cell(table, row, c) for c in (4, 5, 6)] == ["J1 3.00", "J2 3.00", "J3 0.00"]
        # return from the alert row: the dialog offers the three judges
        table.move_cursor(row=row)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReturnDialog)
        assert [code for code, _label in dialog.judges] == ["J1", "J2", "J3"]
        dialog.query_one("#judge-list").highlighted = 2  # type: ignore[attr-defined]
        dialog.query_one("#reason-input", Input).value = "请复核A3"
        await pilot.press("enter")
        await settle(pilot)
        assert contest.sheet("J3", "A", "003").state == "returned"
        assert contest.sheet("J1", "A", "003").state == "submitted"


async def test_sign_off_below_the_quorum_needs_the_supervisor_not_just_a_reason(contest: Contest) -> None:
    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        screen.query_one("#progress-matrix", DataTable).focus()
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        # refused below the quorum: no plain override reason is offered, the supervisor must co-sign
        dialog = app.screen
        assert isinstance(dialog, CosignDialog)
        assert "17" in dialog.refusal and "监督会签" in dialog.refusal
        await type_text(pilot, "其余裁判缺席")
        await pilot.press("enter")
        await type_text(pilot, "S1")
        await pilot.press("enter")
        await type_text(pilot, "0000")  # a wrong PIN: refused, the dialog stays, nothing signed
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "S1" in str(dialog.query_one("#dialog-error", Static).render())
        assert not contest.services().info().modules[0].signed_off
        await type_text(pilot, PINS["S1"])
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        module_a = contest.services().info().modules[0]
        assert module_a.code == "A" and module_a.signed_off and module_a.signed_off_by == "C1"
        assert "✔" in str(screen.query_one("#progress-head", Static).render())
        kinds = {e[3]: e[4] for e in contest.services().events(10)}
        assert '"supervisor": "S1"' in kinds["sign_off"]


async def test_override_covers_alerts_and_accepted_alerts_stop_counting(contest: Contest) -> None:
    stations = ("001", "002", "003", "004", "005", "006")
    contest.fill("J1", "A", stations, level=3)
    contest.fill("J2", "A", stations, level=3)
    contest.fill("J3", "A", stations[:1], level=0)
    contest.fill("J3", "A", stations[1:], level=3)
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.open_alerts() > 0
        assert f"分差警示 {screen.open_alerts()}" in str(screen.query_one("#chief-bar", Static).render())
        screen.query_one("#progress-matrix", DataTable).focus()
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OverrideDialog)  # every sheet is in: a reason covers the alerts
        await pilot.press("enter")  # no reason: stays
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#override-input", Input).value = "分差已复核"
        await pilot.press("enter")
        await settle(pilot)
        assert contest.services().info().modules[0].signed_off
        # the alerts were accepted at sign-off: the count drops to 0, the rows stay (dimmed, marked)
        assert screen.open_alerts() == 0 and screen.alerts
        assert "分差警示 0" in str(screen.query_one("#chief-bar", Static).render())
        await pilot.press("a")
        await settle(pilot)
        assert "已在签核时确认" in str(screen.query_one("#alerts-note", Static).render())
        assert "已确认" in cell(screen.query_one("#alerts-table", DataTable), 0, 3)


async def test_one_module_at_a_time_with_its_own_judges(contest: Contest) -> None:
    from contest.services import CONSOLE, JudgeIn

    contest.services().import_judges(
        CONSOLE, [JudgeIn("J4", "只评B", "外单位", ("marking",), ("B",), pin="4004")]
    )
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        matrix = screen.query_one("#progress-matrix", DataTable)
        assert [str(c.label) for c in matrix.columns.values()] == ["赛位号", "J1", "J2", "J3"]
        assert "模块A" in str(screen.query_one("#progress-head", Static).render())
        assert len(screen.query_one("#tab-progress").query(DataTable)) == 1  # not stacked
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.module_code == "B"
        assert [str(c.label) for c in matrix.columns.values()] == ["赛位号", "J1", "J2", "J3", "J4"]
        assert "模块B" in str(screen.query_one("#progress-head", Static).render())
        assert screen.query_one("#progress-modules").active == "module-B"  # type: ignore[attr-defined]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.module_code == "A"


async def test_partial_panels_are_marked_and_stability_has_nothing_to_assess_yet(contest: Contest) -> None:
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        await pilot.press("b")
        await settle(pilot)
        note = str(screen.query_one("#stability-note", Static).render())
        assert "暂无可评估" in note and "均不受" not in note
    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        await pilot.press("g")
        await settle(pilot)
        table = screen.query_one("#standings-table", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        row = next(r for r in range(table.row_count) if cell(table, r, 1) == "001")
        assert cell(table, row, labels.index("A")).endswith("部分")
        other = next(r for r in range(table.row_count) if cell(table, r, 1) == "002")
        assert "部分" not in cell(table, other, labels.index("A"))
        assert "部分 = " in str(screen.query_one("#standings-note", Static).render())


async def test_the_chief_settles_a_clerk_mismatch_seeing_both_keyings(contest: Contest) -> None:
    services = contest.services()
    rubric = services.config().module("A").rubric
    paper = [ItemEntry(i.id, level=2) if i.kind == "judgement" else ItemEntry(i.id) for i in rubric.items]
    a4 = rubric.item("A4")
    assert a4 is not None
    wrong = [ItemEntry("A4", (Applied(a4.deductions[0].code),)) if e.item_id == "A4" else e for e in paper]
    services.clerk_enter(contest.login("K1"), "A", "002", "J2", paper, seconds_used=1100)
    services.clerk_enter(contest.login("K2"), "A", "002", "J2", wrong, seconds_used=1160)
    app = contest.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert "录入不一致 1" in str(screen.query_one("#chief-bar", Static).render())
        matrix = screen.query_one("#progress-matrix", DataTable)
        assert cell(matrix, 1, 2) == "≠"
        await pilot.press("k")
        await settle(pilot)
        table = screen.query_one("#disputes-table", DataTable)
        assert [cell(table, 0, c) for c in range(5)] == ["A", "002", "J2", "K1、K2", "2"]
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ResolveDialog)
        values = dialog.query_one("#resolve-table", DataTable)
        assert [str(c.label) for c in values.columns.values()][1:] == ["K1", "K2"]
        assert cell(values, 0, 0).startswith("A4") and "不扣分" in cell(values, 0, 1)
        assert a4.deductions[0].code in cell(values, 0, 2)
        assert "18:20" in cell(values, 1, 1) and "19:20" in cell(values, 1, 2)
        await pilot.press("s")  # nothing chosen yet: refused inside the dialog
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("enter")  # A4: K1's value (the cursor starts on K1's column)
        await settle(pilot)
        values.move_cursor(row=1, column=2)
        await pilot.press("enter")  # time: K2's value
        await settle(pilot)
        assert dialog.picks == {"A4": "K1", "time": "K2"}, str(
            dialog.query_one("#dialog-error", Static).render()
        )
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is screen, str(dialog.query_one("#dialog-error", Static).render())
        stored = contest.sheet("J2", "A", "002")
        assert stored.state == "submitted" and stored.entries["A4"] == ItemEntry("A4")
        assert stored.seconds_used == 1160
        assert screen.disputes == []


async def test_decrypt_needs_both_pins_then_names(contest: Contest) -> None:
    for judge in ("J1", "J2", "J3"):
        for module in ("A", "B"):
            contest.fill(judge, module, ("001", "002", "003", "004", "005", "006"))
    services = contest.services()
    chief = services.login("C1", PINS["C1"])
    services.sign_off(chief, "A")
    services.sign_off(chief, "B")
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        assert screen.standings is not None and not screen.standings.decrypted
        await pilot.press("g")
        await settle(pilot)
        standings = screen.query_one("#standings-table", DataTable)
        assert "姓名" not in [str(c.label) for c in standings.columns.values()]

        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DecryptDialog)
        assert dialog.query_one("#chief-code", Input).value == "C1"
        # the supervisor's PIN is wrong: refused, the dialog stays, nothing decrypted
        await type_text(pilot, PINS["C1"])
        await pilot.press("enter")
        await type_text(pilot, "S1")
        await pilot.press("enter")
        await type_text(pilot, "0000")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "S1" in str(dialog.query_one("#dialog-error", Static).render())
        assert not contest.services().info().decrypted
        # both right
        dialog.query_one("#chief-pin", Input).value = PINS["C1"]
        dialog.query_one("#sup-pin", Input).value = PINS["S1"]
        dialog.query_one("#sup-pin", Input).focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert contest.services().info().decrypted
        assert screen.standings is not None and screen.standings.decrypted
        labels = [str(c.label) for c in standings.columns.values()]
        assert "姓名" in labels
        names = {cell(standings, r, labels.index("姓名")) for r in range(standings.row_count)}
        assert names == {f"选手{i}" for i in range(6)}


async def test_organiser_overview(contest: Contest) -> None:
    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "O1")
        screen = app.screen
        assert isinstance(screen, OrganiserScreen)
        info = str(screen.query_one("#org-info", Static).render())
        assert "界面测试竞赛" in info and "选手 6 人" in info and "已抽签" in info
        modules = screen.query_one("#org-modules", DataTable)
        assert cell(modules, 0, 2) == "1/18"
        events = screen.query_one("#org-events", DataTable)
        kinds = {cell(events, r, 3) for r in range(events.row_count)}
        assert "submit" in kinds and "login" in kinds


async def test_a_slow_older_read_never_overwrites_a_newer_one(contest: Contest) -> None:
    """A poll replaced by a newer one keeps running in its thread (a thread worker cannot be stopped): when it
    finishes last, its older read must not replace the newer one on screen. CI once showed a returned sheet as
    still submitted this way."""
    import threading

    contest.fill("J1", "A", ("001",))
    app = contest.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "C1")
        screen = app.screen
        assert isinstance(screen, ChiefScreen)
        real = app.services.progress
        release = threading.Event()
        calls: list[int] = []

        def progress(actor):  # type: ignore[no-untyped-def]
            calls.append(1)
            read = real(actor)
            if len(calls) == 1:  # the older poll read before the return and then stalls
                release.wait(30)
            return read

        app.services.progress = progress  # type: ignore[method-assign]
        screen.reload()  # the older poll: reads "submitted", then stalls
        for _ in range(200):
            if calls:
                break
            await pilot.pause(0.01)
        contest.services().return_sheet(contest.services().login("C1", PINS["C1"]), "A", "001", "J1", "复核")
        screen.reload()  # the newer poll: reads "returned" and shows it
        for _ in range(200):
            await pilot.pause(0.01)
            table = screen.query_one("#progress-matrix", DataTable)
            if table.row_count and cell(table, 0, 1) == "↩":
                break
        assert cell(screen.query_one("#progress-matrix", DataTable), 0, 1) == "↩"
        release.set()  # the older poll finishes last
        await settle(pilot)
        assert cell(screen.query_one("#progress-matrix", DataTable), 0, 1) == "↩"
