"""The opening every sheet importer shares: read the table, start the problem list, find the columns.

Owns the steps before an importer looks at its first data row: open the file, pick the sheet and find the header
row (:func:`contest.intake.reader.read_table`), start a :class:`ProblemSink` located at that sheet, and match the
header to the importer's fields (:func:`contest.intake.columns.resolve_columns`); and the :class:`ImportResult`
an importer returns when one of these steps fails, or when it is done. It knows no particular sheet kind, and it
adds no problem of its own: the messages and their locations are those of the reader and the column matcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from contest.intake.columns import Columns, FieldSpec, field_matcher, resolve_columns
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import HeaderMatcher, Table, read_table

R = TypeVar("R")


@dataclass(frozen=True)
class OpenedTable:
    """A table read, and the sink that collects its problems (located at its file and sheet)."""

    table: Table
    sink: ProblemSink

    def refused(self) -> ImportResult[Any]:
        """No records and the problems found so far (at least one: a missing column, an unreadable header …)."""
        return ImportResult((), tuple(self.sink.items), self.table.sheet, self.table.header_row)

    def result(self, records: Iterable[R], notes: tuple[str, ...] = ()) -> ImportResult[R]:
        """The importer's answer: ``records`` (only rows without problems) and every problem, in sheet order."""
        return ImportResult(
            tuple(records), self.sink.sorted(), self.table.sheet, self.table.header_row, notes
        )


@dataclass(frozen=True)
class OpenedColumns(OpenedTable):
    """A table read with its fields' columns found."""

    columns: Columns


def open_table(
    path: Path | str,
    *,
    match: HeaderMatcher,
    expected: Sequence[str],
    sheet: str | int | None = None,
    header_row: int | None = None,
    lang: str = "zh",
) -> OpenedTable | ImportResult[Any]:
    """Read the table of ``path``; see :func:`contest.intake.reader.read_table` for the arguments.

    Returns:
        The table and a fresh sink at its sheet, or, when the file cannot be read, the result to return at once:
        no records, the reader's problems, and the sheet they concern.
    """
    table, problems = read_table(
        path, match=match, expected=expected, sheet=sheet, header_row=header_row, lang=lang
    )
    if table is None:
        return ImportResult((), problems, problems[0].sheet if problems else "", 0)
    return OpenedTable(table, ProblemSink(table.file, table.sheet, lang))


def open_columns(
    path: Path | str,
    fields: Sequence[FieldSpec],
    *,
    mapping: Mapping[str, str] | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    lang: str = "zh",
    match: HeaderMatcher | None = None,
    expected: Sequence[str] | None = None,
) -> OpenedColumns | ImportResult[Any]:
    """Read the table of ``path`` and find the column of each of ``fields``.

    Args:
        path: The file (.xlsx/.xlsm/.xlsb/.xls/.ods/.csv).
        fields: The sheet kind's fields.
        mapping: Optional ``{field: header text or column letter}`` (see
            :func:`contest.intake.columns.resolve_columns`).
        sheet: Sheet name or 0-based index (default: the first sheet with a recognisable header).
        header_row: Excel row number of the header row, to skip detection.
        lang: "zh" (default) or "en" for the problem messages.
        match: What counts as a known header name (default: any name of ``fields``).
        expected: Column names listed when no header row is found (default: those of the fields not ignored).

    Returns:
        The table, its sink and its columns, or the result to return at once when the file cannot be read or a
        column is missing or ambiguous (no records; the problems, at the header row).
    """
    opened = open_table(
        path,
        match=match or field_matcher(fields),
        expected=[f.zh for f in fields if not f.ignored] if expected is None else expected,
        sheet=sheet,
        header_row=header_row,
        lang=lang,
    )
    if isinstance(opened, ImportResult):
        return opened
    columns = resolve_columns(opened.table, fields, mapping, opened.sink)
    if opened.sink.items:
        return opened.refused()
    return OpenedColumns(opened.table, opened.sink, columns)
