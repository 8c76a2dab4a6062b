"""Writing the 以赛促训 documents to files (used by ``contest print feedback`` and the demo): one 培训反馈报告 PDF per
unit, the workbook with every unit, and (when the contest hands them out) the 个人成绩反馈单.

Each file is written the way :mod:`contest.outputs` writes every document: built with its print event held back,
rendered to a temporary file, renamed into place, then logged.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from contest.outputs import _written
from contest.services.views import Actor

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')


def unit_file_name(unit: str, used: set[str]) -> str:
    """A file name for one unit's report: the unit's name without characters a file system refuses (or that
    reorder text), at most 60 characters, made unique within ``used``."""
    base = _UNSAFE.sub("_", unit).strip(" .") or "单位"
    base = base[:60]
    name, n = f"培训反馈报告_{base}.pdf", 1
    while name.lower() in used:
        n += 1
        name = f"培训反馈报告_{base}_{n}.pdf"
    used.add(name.lower())
    return name


def write_unit_feedback(
    sv: Any,
    actor: Actor,
    out_dir: Path,
    *,
    unit: str | None = None,
    contestants: bool = False,
    override: str | None = None,
    lang: str = "zh",
    font: str | None = None,
) -> list[Path]:
    """The 培训反馈报告 of ``unit`` (or of every unit, plus the workbook), and the 个人成绩反馈单 if asked."""
    from contest.export_feedback import write_feedback_workbook
    from contest.printing.feedback import render_contestant_feedback, render_unit_feedback

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    units = [unit] if unit is not None else sv.feedback_units(actor)
    used: set[str] = set()
    files = []
    for u in units:
        files.append(
            _written(
                sv,
                out_dir / unit_file_name(u, used),
                functools.partial(sv.unit_feedback, actor, unit=u, override=override, lang=lang),
                lambda data, path: render_unit_feedback(data, lang=lang, font_path=font, out=path),
            )
        )
    if unit is None:
        files.append(
            _written(
                sv,
                out_dir / "培训反馈汇总.xlsx",
                lambda: sv.unit_feedback(actor, override=override, lang=lang),
                lambda data, path: write_feedback_workbook(data, path, lang=lang),
            )
        )
    if contestants:
        files.append(
            _written(
                sv,
                out_dir
                / (
                    f"个人成绩反馈单_{unit_file_name(unit, set())[7:-4]}.pdf"
                    if unit
                    else "个人成绩反馈单.pdf"
                ),
                lambda: sv.contestant_feedback(actor, unit=unit, override=override, lang=lang),
                lambda data, path: render_contestant_feedback(data, lang=lang, font_path=font, out=path),
            )
        )
    return files
