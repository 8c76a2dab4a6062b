"""Spreadsheet cells and CSV fields of user text made inert: text never becomes a formula.

A name, unit, remark or appeal typed or imported by a user may begin with ``=``, ``+``, ``-`` or ``@`` (or with a
tab or space before one): ``=HYPERLINK(…)`` or a DDE payload like ``=cmd|' /C calc'!A0`` would run when the file is
opened. Every workbook the system writes passes its rows through :func:`cell_values` (a control character typed
into a unit must not make the whole export fail) and its sheets through :func:`inert_sheet`, which stores such text as a
string cell with Excel's quote prefix (shown as typed, still text after the cell is edited). CSV fields, if any are
ever written, go through :func:`inert_csv_field` (the usual leading apostrophe). Owns nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an .xlsx cell cannot hold (openpyxl refuses the whole workbook over one of them)."""
FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters a spreadsheet reads as the start of a formula."""


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (leading whitespace and control characters
    ignored: some programs strip them on paste or import)."""
    stripped = text.lstrip(" \t\r\n\u3000\xa0")
    return stripped[:1] in FORMULA_STARTS


def inert_cell(cell: Any) -> None:
    """Make one openpyxl cell holding user text a plain string cell with the quote prefix."""
    value = cell.value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def inert_sheet(ws: Any) -> None:
    """:func:`inert_cell` on every cell of an openpyxl worksheet (call after the sheet is filled)."""
    for row in ws.iter_rows():
        for cell in row:
            inert_cell(cell)


def inert_csv_field(text: str) -> str:
    """A CSV field that a spreadsheet opens as text: a leading apostrophe before anything formula-like."""
    return "'" + text if looks_like_formula(text) or text[:1] in ("\t", "\r") else text


def cell_values(values: Iterable[Any]) -> list[Any]:
    """Values for one worksheet row: text without the control characters a workbook cannot hold."""
    return [_ILLEGAL.sub("", v) if isinstance(v, str) else v for v in values]
