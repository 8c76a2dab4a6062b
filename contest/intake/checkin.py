"""Importing a 检录表 (check-in list) from an organiser's workbook or CSV.

Owns the check-in columns (赛位号, 模块, 检录状态, 备注), the Chinese state names and their keys, the per-row checks
and :class:`CheckinRecord`. Every problem in the file is collected; nothing is written anywhere. Whether a
station exists in a module, and recording the states, belong to the services.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from contest.i18n import tr
from contest.intake.columns import (
    Columns,
    FieldSpec,
    data_rows,
    report_duplicates,
    report_missing,
)
from contest.intake.normalise import Cell, cell_text, clean_code, clean_text, clean_text_field
from contest.intake.opening import open_columns
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow

STATE_NAMES: dict[str, str] = {
    "已检录": "present",
    "检录": "present",
    "到场": "present",
    "已到": "present",
    "参赛": "present",
    "正常": "present",
    "缺考": "absent",
    "缺席": "absent",
    "未到": "absent",
    "弃权": "withdrew",
    "放弃": "withdrew",
    "退赛": "withdrew",
    "取消资格": "disqualified",
    "取消": "disqualified",
    "present": "present",
    "absent": "absent",
    "withdrew": "withdrew",
    "withdrawn": "withdrew",
    "disqualified": "disqualified",
}
"""Accepted state spellings (after NFKC, no spaces, lower case) → state key."""

FIELDS = (
    FieldSpec("seq", "序号", "No.", ("顺序号",), ignored=True),
    FieldSpec("station", "赛位号", "Station", ("赛位", "工位号", "工位"), required=True),
    FieldSpec("module", "模块", "Module", ("模块代码", "考核模块", "赛项模块")),
    FieldSpec("state", "检录状态", "State", ("状态", "检录", "检录结果", "到场情况"), required=True),
    FieldSpec("note", "备注", "Note", ("原因", "说明")),
)
"""检录表 columns; the first name of each is the template header."""
_SPEC = {f.key: f for f in FIELDS}


@dataclass(frozen=True)
class CheckinRecord:
    """One station's check-in state in one module, as read from a valid row."""

    station: str
    """As typed (the services look it up as typed stations are)."""
    module: str
    state: str
    """present | absent | withdrew | disqualified."""
    source_row: int
    note: str = ""


def parse_state(raw: Cell) -> str | None:
    """The state key a cell names, or None."""
    text = "".join(unicodedata.normalize("NFKC", clean_text(raw)).split()).lower()
    return STATE_NAMES.get(text)


def import_checkins(
    path: Path | str,
    *,
    module: str | None = None,
    modules: Collection[str] | None = None,
    sheet: str | int | None = None,
    lang: str = "zh",
) -> ImportResult[CheckinRecord]:
    """Read and check a 检录表; never raises on bad data.

    Args:
        path: .xlsx/.xlsm/.xlsb/.xls/.ods/.csv file.
        module: The module of every row without a 模块 cell (or when the sheet has no 模块 column).
        modules: If given, the contest's module codes; any other code is a problem.
        sheet: Sheet name or 0-based index (default: the first sheet with a recognisable header).
        lang: "zh" (default) or "en" for the problem messages.
    """
    opened = open_columns(path, FIELDS, sheet=sheet, lang=lang)
    if isinstance(opened, ImportResult):
        return opened
    sink, columns = opened.sink, opened.columns
    known = tuple(clean_code(m) for m in modules) if modules is not None else None
    candidates: list[CheckinRecord] = []
    by_place: dict[str, list[TableRow]] = {}
    for row in data_rows(columns):
        record = _check_row(row, columns, sink, clean_code(module) if module else "", known)
        if record is not None:
            candidates.append(record)
            by_place.setdefault(f"{record.module}\x00{record.station}", []).append(row)
    dup_rows = report_duplicates(sink, columns, _SPEC["station"], by_place, "intake.checkin.duplicate")
    bad = sink.rows_with_problems() | dup_rows
    return opened.result(r for r in candidates if r.source_row not in bad)


def _check_row(
    row: TableRow, cols: Columns, sink: ProblemSink, default_module: str, known: tuple[str, ...] | None
) -> CheckinRecord | None:
    before = len(sink)

    def add(key: str, field: str, raw: Cell, **fmt: object) -> None:
        sink.add(
            f"intake.checkin.{key}",
            row=row.number,
            col=cols.col(field),
            field=field,
            value=cell_text(raw),
            header=cols.header(field),
            **fmt,
        )

    station = clean_text(cols.raw(row, "station"))
    if not station:
        report_missing(sink, cols, row, _SPEC["station"])
    raw_module = cols.raw(row, "module")
    module = clean_code(raw_module) or default_module
    if not module:
        add("module_needed", "station" if cols.col("module") is None else "module", raw_module)
    elif known is not None and module not in known:
        add("module", "module", raw_module, known=tr(sink.lang, "intake.list_separator").join(known) or "—")
    raw_state = cols.raw(row, "state")
    state = parse_state(raw_state)
    if not clean_text(raw_state):
        report_missing(sink, cols, row, _SPEC["state"])
    elif state is None:
        add("state", "state", raw_state)
    if len(sink) > before or state is None:
        return None
    return CheckinRecord(station, module, state, row.number, clean_text_field(cols.raw(row, "note")))
