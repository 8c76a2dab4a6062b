"""The submitted calibration sheets of a module, as the pure calibration figures take them.

Owns one read: every calibration performance of a module (``K1``, ``K2`` …) with its judges' submitted sheets.
The 标定报告 (:mod:`contest.services.calibration`) and the judge groups' fairness check
(:mod:`contest.services.group_figures`) both read them here.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from contest.services.marking import current_marks, mark_to_entry
from contest.services.views import SheetState
from contest.store.tables import CalibrationMarkRow, CalibrationRow, CalibrationSheetRow, JudgeRow
from scoresheets.model import JudgeSheet


def calibration_sheets(s: Session, module_id: int) -> dict[str, list[JudgeSheet]]:
    """Performance code → the submitted calibration sheets of it, by judge code, in performance order."""
    out: dict[str, list[JudgeSheet]] = {}
    rows = s.exec(
        select(CalibrationRow).where(CalibrationRow.module_id == module_id).order_by(col(CalibrationRow.id))
    ).all()
    for row in rows:
        subs = s.exec(
            select(CalibrationSheetRow, JudgeRow.code)
            .join(JudgeRow, col(JudgeRow.id) == CalibrationSheetRow.judge_id)
            .where(
                CalibrationSheetRow.calibration_id == row.id,
                CalibrationSheetRow.state == SheetState.SUBMITTED,
            )
        ).all()
        marks = current_marks(s, [sh.id or 0 for sh, _ in subs], CalibrationMarkRow)
        out[row.code] = [
            JudgeSheet(
                judge,
                row.code,
                tuple(mark_to_entry(x) for x in marks[sh.id or 0].values()),
                sh.veto_code,
                sh.seconds_used,
            )
            for sh, judge in sorted(subs, key=lambda pair: pair[1])
        ]
    return out
