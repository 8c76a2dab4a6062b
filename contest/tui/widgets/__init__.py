"""Reusable widgets of the terminal: the item list and the entry controls of the scoring screen, and the key
footer every screen shows, and the data table every list of the terminal is shown in."""

from contest.tui.widgets.entry import DeductionPicker, LevelPicker
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.item_list import ItemList
from contest.tui.widgets.table import Table

__all__ = ["DeductionPicker", "ItemList", "KeyFooter", "LevelPicker", "Table"]
