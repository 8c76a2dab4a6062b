"""Two layouts locked at 80×24: the scoring screen mid-entry and the chief judge's progress matrix.

Update with ``--snapshot-update`` only after reading ``snapshot_report.html``.
"""

from __future__ import annotations

from tests.tui.support import Contest, login, settle, type_text


def test_scoring_screen_at_80x24(contest: Contest, snap_compare) -> None:  # noqa: ANN001
    async def run_before(pilot) -> None:  # noqa: ANN001
        await login(pilot, "J1")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "n", "2")
        await settle(pilot)
        await pilot.press("enter", "space", "down", "space")
        await settle(pilot)

    assert snap_compare(contest.app(), terminal_size=(80, 24), run_before=run_before)


def test_chief_progress_at_80x24(contest: Contest, snap_compare) -> None:  # noqa: ANN001
    contest.fill("J1", "A", ("001", "002"))
    contest.fill("J2", "A", ("001",), skip=("A3", "A4"))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await login(pilot, "C1")
        await settle(pilot)

    assert snap_compare(contest.app(), terminal_size=(80, 24), run_before=run_before)
