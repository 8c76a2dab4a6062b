"""Importing a 抽签表 (the lots contestants drew by hand at 检录) from an organiser's workbook or CSV.

Owns the lots columns (姓名, 身份证号, 抽签号), the per-row checks (a contestant named by name or ID number, a whole
number ≥ 1) and duplicates within the file. Every problem is collected; nothing is written anywhere. Whether the
contestant exists, the range 1…N and clashes with lots already keyed belong to the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contest.intake.columns import (
    Columns,
    FieldSpec,
    data_rows,
    report_duplicates,
    report_missing,
)
from contest.intake.normalise import Cell, cell_text, clean_id_number, clean_name, clean_text
from contest.intake.opening import open_columns
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow
from contest.intake_bridge import ascii_digits

FIELDS = (
    FieldSpec("seq", "序号", "No.", ("顺序号",), ignored=True),
    FieldSpec("name", "姓名", "Name", ("选手姓名", "参赛选手")),
    FieldSpec("id_number", "身份证号", "ID number", ("身份证号码", "证件号码", "身份证")),
    FieldSpec("draw_no", "抽签号", "Draw number", ("签号", "检录号", "抽签序号"), required=True),
)
"""抽签表 columns; the first name of each is the template header."""
_SPEC = {f.key: f for f in FIELDS}


@dataclass(frozen=True)
class LotRecord:
    """One contestant's drawn number, as read from a valid row."""

    number: int
    name: str
    id_number: str
    source_row: int


def import_lots(
    path: Path | str, *, sheet: str | int | None = None, lang: str = "zh"
) -> ImportResult[LotRecord]:
    """Read and check a 抽签表; never raises on bad data."""
    opened = open_columns(path, FIELDS, sheet=sheet, lang=lang)
    if isinstance(opened, ImportResult):
        return opened
    sink, columns = opened.sink, opened.columns
    candidates: list[LotRecord] = []
    by_number: dict[str, list[TableRow]] = {}
    for row in data_rows(columns):
        record = _check_row(row, columns, sink)
        if record is not None:
            candidates.append(record)
            by_number.setdefault(str(record.number), []).append(row)
    dup_rows = report_duplicates(sink, columns, _SPEC["draw_no"], by_number, "intake.lots.duplicate")
    bad = sink.rows_with_problems() | dup_rows
    return opened.result(r for r in candidates if r.source_row not in bad)


def _check_row(row: TableRow, cols: Columns, sink: ProblemSink) -> LotRecord | None:
    before = len(sink)
    name = clean_name(cols.raw(row, "name"))
    idn = clean_id_number(cols.raw(row, "id_number"))
    if not name and not idn:
        field = "name" if cols.col("name") is not None else "id_number"
        sink.add(
            "intake.lots.who", row=row.number, col=cols.col(field), field=field, header=cols.header(field)
        )
    raw: Cell = cols.raw(row, "draw_no")
    text = ascii_digits(clean_text(raw))
    if text.endswith(".0"):  # a number cell read as 7.0
        text = text[:-2]
    number = int(text) if text.isdigit() and text.isascii() else 0
    if not text:
        report_missing(sink, cols, row, _SPEC["draw_no"])
    elif number < 1:
        sink.add(
            "intake.lots.number",
            row=row.number,
            col=cols.col("draw_no"),
            field="draw_no",
            value=cell_text(raw),
            header=cols.header("draw_no"),
        )
    if len(sink) > before:
        return None
    return LotRecord(number, name, idn, row.number)
