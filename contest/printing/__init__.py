"""Printing: plain page dataclasses in, PDF bytes out (result sheet, score sheets, blank sheets, certificates,
statistics).

Services build the pages (:mod:`contest.printing.pages`, or :mod:`contest.printing.build` from domain objects)
and call a ``render_*`` function. The page dataclasses load without reportlab; the renderers import it only when
first used, so ``import contest.printing`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from contest.printing.pages import (
    AlertRow,
    Band,
    BlankSheet,
    BlankSheetData,
    Certificate,
    CertificateData,
    DocHeader,
    ItemLine,
    JudgeRow,
    Mark,
    ModuleStats,
    ResultGroup,
    ResultRow,
    ResultSheetData,
    ScoreSheet,
    ScoreSheetData,
    SheetJudge,
    StabilityRow,
    StabilityTable,
    StatsData,
    score_bands,
)

if TYPE_CHECKING:
    from contest.printing.blank import render_blank_sheets
    from contest.printing.certificates import render_certificates
    from contest.printing.drawsheet import render_draw_sheet
    from contest.printing.fonts import CJKFont, MissingGlyphs, load_font
    from contest.printing.results import render_result_sheet
    from contest.printing.scoresheets import render_score_sheets
    from contest.printing.stats import render_statistics

_LAZY = {
    "render_result_sheet": "contest.printing.results",
    "render_score_sheets": "contest.printing.scoresheets",
    "render_blank_sheets": "contest.printing.blank",
    "render_certificates": "contest.printing.certificates",
    "render_draw_sheet": "contest.printing.drawsheet",
    "render_calibration": "contest.printing.certificates",
    "render_statistics": "contest.printing.stats",
    "load_font": "contest.printing.fonts",
    "CJKFont": "contest.printing.fonts",
    "MissingGlyphs": "contest.printing.fonts",
}


def __getattr__(name: str) -> Any:
    """Import a renderer (and with it reportlab) on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "AlertRow",
    "Band",
    "BlankSheet",
    "BlankSheetData",
    "CJKFont",
    "Certificate",
    "CertificateData",
    "DocHeader",
    "ItemLine",
    "JudgeRow",
    "Mark",
    "MissingGlyphs",
    "ModuleStats",
    "ResultGroup",
    "ResultRow",
    "ResultSheetData",
    "ScoreSheet",
    "ScoreSheetData",
    "SheetJudge",
    "StabilityRow",
    "StabilityTable",
    "StatsData",
    "load_font",
    "render_blank_sheets",
    "render_certificates",
    "render_draw_sheet",
    "render_result_sheet",
    "render_score_sheets",
    "render_statistics",
    "score_bands",
]
