"""Reusable widgets of the terminal: the item list and the entry controls of the scoring screen, and the key
footer every screen shows."""

from contest.tui.widgets.entry import DeductionPicker, LevelPicker
from contest.tui.widgets.footer import KeyFooter
from contest.tui.widgets.item_list import ItemList

__all__ = ["DeductionPicker", "ItemList", "KeyFooter", "LevelPicker"]
