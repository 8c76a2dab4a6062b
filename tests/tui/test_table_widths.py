"""The terminal's tables never show a cell cut to a width measured before the cell was there.

Textual's DataTable (8.2) measures new cells when its message queue is idle, but keeps the lines it rendered before
that, keyed only by a change counter: a repaint that falls between filling a table and the table's idle turn (a
loaded venue laptop makes it likely) froze the cells at their header's width, so the chief judge read "85.5" for
85.50 and "示范" for 示范录像一 until the next change. This was caught by a calibration test failing under CPU load.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App, ComposeResult

from contest.tui.widgets import Table


def _shown(app: App[Any]) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


class _OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield Table()


async def test_a_repaint_before_the_table_measured_its_cells_is_not_kept() -> None:
    app = _OneTable()
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(Table)
        table.add_columns("名称", "总分")
        table.add_row("示范录像一", "85.50")
        await pilot.pause()
        assert "示范录像一" in _shown(app) and "85.50" in _shown(app)

        table.clear(columns=True)  # refilled, as every screen does on a new read
        table.add_columns("名称", "总分")
        table.add_row("示范录像二", "100.00")
        _shown(app)  # a repaint lands before the table's idle turn
        await pilot.pause()
        await pilot.pause()
        text = _shown(app)
        assert "示范录像二" in text and "100.00" in text

        table.update_cell_at(
            (0, 1), "1000.00", update_width=True
        )  # a wider value in place, repainted before it is measured
        _shown(app)
        await pilot.pause()
        await pilot.pause()
        assert "1000.00" in _shown(app)


def test_every_table_of_the_terminal_is_this_table() -> None:
    import ast
    from pathlib import Path

    import contest.tui

    root = Path(contest.tui.__file__).parent
    direct = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "DataTable"
    ]
    assert direct == []
