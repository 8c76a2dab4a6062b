"""Reading one table out of an organiser's file: .xlsx/.xlsm/.xlsb/.xls/.ods via python-calamine, or .csv.

Owns opening the file (and saying clearly why it cannot be opened), choosing the sheet, finding the header row
under any title rows, and bounding the work: the limits and their messages are here, while the scan that measures
a zipped workbook's sheets before the library loads them is :mod:`contest.intake.bounds`. Cells keep their raw
values (``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``, ``None``). It does not interpret any
column; the importers do.
"""

from __future__ import annotations

import codecs
import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from contest.i18n import tr
from contest.intake.bounds import HUGE_TEXT_CHARS, Damaged, Extent, UnpackedTooBig, scan_zip
from contest.intake.normalise import Cell, clean_text, header_key
from contest.intake.problems import ProblemSink, RowProblem

MAX_DATA_ROWS = 100_000
"""Most data rows read from one sheet; a contest has hundreds, so more means a wrong file or a runaway sheet."""
MAX_COLUMNS = 1_000
"""Most columns read from one sheet."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file opened at all (a zip bomb or a video renamed .xlsx stops here)."""
HEADER_SCAN_ROWS = 20
"""The header row is looked for among this many rows at the top of the sheet."""
MAX_CELLS = 5_000_000
"""Most cells (rows × columns of the used area, empty ones included) loaded from one sheet. The spreadsheet
library allocates the whole used area, so one cell at A1 and one at XFD1048576 would ask for 17 billion."""
MAX_CELL_CHARS = 32_767
"""Longest text in one cell (Excel's own limit); a longer one means a damaged or machine-made file."""
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Most bytes the parts of a zipped workbook (.xlsx/.xlsm/.xlsb/.ods) may unpack to (a zip bomb stops here)."""
MAX_SHEET_TEXT = 64 * 1024 * 1024
"""Most characters of text one sheet may hold once every reference to a shared string is counted (one long
string referenced from every cell would otherwise be copied into each)."""
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# Whole floats below 2**53 are exact integers; Excel stores every number as a float, so 1.0 is what a typed 1
# looks like. Larger values (an 18-digit ID typed as a number) stay float so the importer can refuse them.
_EXACT = 2**53

HeaderMatcher = Callable[[str], bool]
"""Says whether a header key (see :func:`contest.intake.normalise.header_key`) is one the importer knows."""


@dataclass(frozen=True)
class TableRow:
    """One data row below the header."""

    number: int
    """Excel row number (1-based)."""
    cells: tuple[Cell, ...]

    def get(self, col: int) -> Cell:
        """The raw value in 0-based column ``col`` (``None`` past the end of the row)."""
        return self.cells[col] if 0 <= col < len(self.cells) else None


@dataclass(frozen=True)
class Table:
    """The part of one sheet an importer reads: its header row and the rows below it."""

    file: str
    """File name shown to the user."""
    path: Path
    format: str
    """"xlsx", "xlsm", "xlsb", "xls", "ods" or "csv" (by content, not by extension)."""
    sheet: str
    """Worksheet name; "" for CSV."""
    sheet_names: tuple[str, ...]
    header_row: int
    """Excel row number of the header row."""
    headers: tuple[Cell, ...]
    """Raw header cells, by 0-based column."""
    rows: tuple[TableRow, ...]
    """Rows below the header (trailing empty rows dropped; empty rows in between kept)."""

    def header_text(self, col: int) -> str:
        """The cleaned header text of 0-based column ``col``."""
        return clean_text(self.headers[col]) if 0 <= col < len(self.headers) else ""


@dataclass(frozen=True)
class Grid:
    """Every non-chart sheet of a file as raw rows, for rebuilding a file as .xlsx (see ``annotate``)."""

    format: str
    sheets: tuple[tuple[str, tuple[tuple[Cell, ...], ...]], ...]


class _Refused(Exception):
    """Internal: the file (or sheet) cannot be read; the problem is already in the sink."""


class _Source(ABC):
    """An opened file: its sheet names and a way to load their rows (one subclass per file family)."""

    def __init__(self, fmt: str, names: list[str], visible: list[str]) -> None:
        self.format = fmt
        self.names = names
        self.visible = visible

    @abstractmethod
    def dims(self, name: str) -> tuple[int, int]:
        """Rows and columns of a sheet, from A1 to its last used cell."""

    @abstractmethod
    def head(self, name: str, n: int) -> list[list[Cell]]:
        """The first ``n`` rows of a sheet."""

    @abstractmethod
    def rows(self, name: str) -> list[list[Cell]]:
        """All rows of a sheet from A1."""


class _BookSource(_Source):
    def __init__(
        self, fmt: str, book: CalamineWorkbook, sink: ProblemSink, extents: dict[str, Extent]
    ) -> None:
        meta = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        names = [m.name for m in meta]
        visible = [m.name for m in meta if m.visible == SheetVisibleEnum.Visible]
        super().__init__(fmt, names, visible)
        self.book = book
        self.sink = sink
        self.extents = extents
        self._loaded: dict[str, Any] = {}

    def _sheet(self, name: str) -> Any:
        """The loaded sheet (parsed once, then kept), after checking that loading it is bounded."""
        if name in self._loaded:
            return self._loaded[name]
        self._loaded[name] = self._load(name)
        return self._loaded[name]

    def _load(self, name: str) -> Any:
        extent = self.extents.get(name)
        if extent is not None:
            self.sink.sheet = name
            _check_extent(extent, self.sink)
        try:
            return self.book.get_sheet_by_name(name)
        except CalamineError as exc:
            self.sink.sheet = name
            self.sink.add("intake.reader.corrupt", detail=str(exc)[:200])
            raise _Refused from exc

    def dims(self, name: str) -> tuple[int, int]:
        end = self._sheet(name).end
        return (0, 0) if end is None else (end[0] + 1, end[1] + 1)

    def head(self, name: str, n: int) -> list[list[Cell]]:
        sheet = self._sheet(name)
        if sheet.end is None:
            return []
        return _cells(sheet.to_python(skip_empty_area=False, nrows=n))

    def rows(self, name: str) -> list[list[Cell]]:
        sheet = self._sheet(name)
        if sheet.end is None:
            return []
        rows = _cells(sheet.to_python(skip_empty_area=False))
        extent = self.extents.get(name)
        for r, c, shown in extent.errors if extent is not None else ():
            if r <= len(rows) and c <= len(rows[r - 1]) and rows[r - 1][c - 1] is None:
                rows[r - 1][c - 1] = shown
        for r, c, formula in extent.uncalculated if extent is not None else ():
            if r <= len(rows) and c <= len(rows[r - 1]) and rows[r - 1][c - 1] in (None, ""):
                rows[r - 1][c - 1] = Uncalculated(formula)
        _fill_vertical_merges(rows, sheet.merged_cell_ranges or ())
        return rows


# ------------------------------------------------------------------------------------------- bounding a workbook
#
# contest.intake.bounds measures each sheet of a zipped workbook before the library loads it; here the measures
# are held against the limits above, and a sheet past one is refused with a message instead of being loaded.


class Uncalculated(str):
    """An empty cell value that is really a formula whose result was never calculated (``.formula`` holds it).
    It is ``""`` to every cleaning rule; :func:`contest.intake.columns.report_missing` explains it."""

    formula: str

    def __new__(cls, formula: str) -> Uncalculated:
        obj = super().__new__(cls, "")
        obj.formula = formula
        return obj


def _check_extent(extent: Extent, sink: ProblemSink) -> None:
    """Add a problem and raise :class:`_Refused` if a sheet of this extent must not be loaded."""
    if extent.cols > MAX_COLUMNS:
        sink.add("intake.reader.too_many_cols", n=extent.cols, limit=MAX_COLUMNS)
        raise _Refused
    if extent.rows * extent.cols > MAX_CELLS:
        if extent.rows > MAX_DATA_ROWS + HEADER_SCAN_ROWS:
            sink.add("intake.reader.too_many_rows", n=f"> {MAX_DATA_ROWS}", limit=MAX_DATA_ROWS)
        else:
            sink.add("intake.reader.too_many_cells", rows=extent.rows, cols=extent.cols, limit=MAX_CELLS)
        raise _Refused
    if extent.text > MAX_SHEET_TEXT:
        sink.add("intake.reader.text_too_big", n=extent.text, limit=MAX_SHEET_TEXT)
        raise _Refused
    if extent.huge_text:
        sink.add("intake.reader.huge_cell", n=HUGE_TEXT_CHARS, limit=MAX_CELL_CHARS)
        raise _Refused


def _zip_extents(data: bytes, sink: ProblemSink) -> dict[str, Extent]:
    """Check a zipped workbook's unpacked size and every sheet's extent before the library opens it.

    Returns the extents by sheet name (checked again when a sheet is loaded); a sheet whose name cannot be told
    and that is too large, or a file that unpacks too large or is not a readable zip, is refused here.
    """
    try:
        scan = scan_zip(data, MAX_UNPACKED_BYTES)
    except UnpackedTooBig as exc:
        sink.add("intake.reader.unpacked_too_big", limit=MAX_UNPACKED_BYTES // (1024 * 1024))
        raise _Refused from exc
    except Damaged as exc:
        sink.add("intake.reader.corrupt", detail=str(exc)[:200])
        raise _Refused from exc
    if scan.ods:
        # OpenDocument files are read whole when opened, so every table is checked now.
        for name, extent in scan.by_name.items():
            sink.sheet = name
            _check_extent(extent, sink)
        sink.sheet = ""
    for extent in scan.unnamed:
        _check_extent(extent, sink)
    return scan.by_name


def _fill_vertical_merges(
    rows: list[list[Cell]], ranges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Copy the value of a merged block within one column into every row of the block.

    Forms often merge 工作单位 down the rows of contestants from one unit; every row means that value. Merges
    across columns (titles, grouped headers) are left alone: their value belongs to the first column only.
    """
    for (r0, c0), (r1, c1) in ranges:
        if c0 != c1 or r1 <= r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            if c0 < len(rows[r]) and rows[r][c0] is None:
                rows[r][c0] = value


class _CsvSource(_Source):
    def __init__(self, data: list[list[Cell]]) -> None:
        super().__init__("csv", [""], [""])
        self.data = data

    def dims(self, name: str) -> tuple[int, int]:
        return len(self.data), max((len(r) for r in self.data), default=0)

    def head(self, name: str, n: int) -> list[list[Cell]]:
        return self.data[:n]

    def rows(self, name: str) -> list[list[Cell]]:
        return self.data


def _cells(rows: list[list[Any]]) -> list[list[Cell]]:
    """The rows as the library gave them, each cell made a :data:`Cell` in place: "" as ``None``, a whole float
    below 2**53 as ``int``. One pass per cell of the sheet, so a single comprehension per row; the library's
    lists are kept, so that no second list per row is left for the garbage collector to look through."""
    for row in rows:
        row[:] = [
            None if v == "" else int(v) if isinstance(v, float) and v.is_integer() and abs(v) < _EXACT else v
            for v in row
        ]
    return cast(list[list[Cell]], rows)


def _decode(data: bytes) -> str | None:
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                return None
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    # Only the start of the text: splitting a whole 64 MB file into lines could take gigabytes.
    sample = "\n".join(text[:65536].splitlines()[:HEADER_SCAN_ROWS])
    counts = {d: sample.count(d) for d in ("\t", ",", ";")}
    if counts["\t"] and counts["\t"] >= counts[","]:
        return "\t"
    return ";" if counts[";"] > counts[","] else ","


def _read_csv(data: bytes, suffix: str, sink: ProblemSink) -> _CsvSource:
    text = _decode(data)
    if text is None:
        sink.add("intake.reader.encoding")
        raise _Refused
    limit = MAX_DATA_ROWS + HEADER_SCAN_ROWS
    rows: list[list[Cell]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, suffix))
    try:
        for record in reader:
            if len(rows) >= limit:
                sink.add("intake.reader.too_many_rows", n=f"> {MAX_DATA_ROWS}", limit=MAX_DATA_ROWS)
                raise _Refused
            if len(record) > MAX_COLUMNS:
                sink.add("intake.reader.too_many_cols", row=len(rows) + 1, n=len(record), limit=MAX_COLUMNS)
                raise _Refused
            rows.append([c if c != "" else None for c in record])
    except csv.Error as exc:
        if "field limit" in str(exc):
            sink.add("intake.reader.csv_field_too_long", line=reader.line_num, limit=csv.field_size_limit())
        else:
            sink.add("intake.reader.csv_error", detail=str(exc)[:200])
        raise _Refused from exc
    while rows and all(clean_text(c) == "" for c in rows[-1]):
        rows.pop()
    return _CsvSource(rows)


def _is_encrypted_ole(data: bytes) -> bool:
    """Whether an OLE2 compound file holds an "EncryptedPackage" stream (a password-protected .xlsx).

    The stream's name (UTF-16) anywhere in the first 64 KB counts (where Office puts the directory; an .xls
    stores Latin text in 8-bit form, so a cell cannot fake it). Further on, only a real directory entry counts
    (128-byte aligned, followed by its name-length field), so a directory placed late is still found.
    """
    if _ENCRYPTED in data[:65536]:
        return True
    at = data.find(_ENCRYPTED, 65536 - len(_ENCRYPTED))
    while at >= 0:
        if at % 128 == 0 and data[at + 64 : at + 66] == bytes([len(_ENCRYPTED) + 2, 0]):
            return True
        at = data.find(_ENCRYPTED, at + 1)
    return False


def _open(path: Path, sink: ProblemSink) -> _Source:
    """Open ``path`` by its content, adding a problem and raising :class:`_Refused` if that is impossible."""
    suffix = path.suffix.lower()
    ext = suffix or tr(sink.lang, "intake.none")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError(path)
    except OSError as exc:
        sink.add("intake.reader.missing", path=str(path))
        raise _Refused from exc
    if size == 0:
        sink.add("intake.reader.empty")
        raise _Refused
    if size > MAX_FILE_BYTES:
        sink.add("intake.reader.too_big", mb=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))
        raise _Refused
    try:
        data = path.read_bytes()
    except OSError as exc:
        sink.add("intake.reader.corrupt", detail=exc.strerror or type(exc).__name__)
        raise _Refused from exc
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        sink.add("intake.reader.pdf", ext=ext)
        raise _Refused
    if data.startswith(_OLE) and _is_encrypted_ole(data):
        sink.add("intake.reader.encrypted")
        raise _Refused
    if data.startswith(_OLE) or data.startswith(_ZIP):
        return _open_book(data, suffix, sink)
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or lowered.startswith(b"<table"):
        sink.add("intake.reader.html", ext=ext)
        raise _Refused
    if b"<?xml" in lowered[:16] and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        sink.add("intake.reader.xml2003", ext=ext)
        raise _Refused
    if suffix in CSV_SUFFIXES:
        return _read_csv(data, suffix, sink)
    sink.add("intake.reader.not_sheet", ext=ext)
    raise _Refused


def _open_book(data: bytes, suffix: str, sink: ProblemSink) -> _Source:
    extents = _zip_extents(data, sink) if data.startswith(_ZIP) else {}
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        sink.add("intake.reader.encrypted")
        raise _Refused from exc
    except CalamineError as exc:
        sink.add("intake.reader.corrupt", detail=str(exc)[:200])
        raise _Refused from exc
    if data.startswith(_OLE):
        fmt = "xls"
    elif suffix in (".xlsm", ".xlsb", ".ods"):
        fmt = suffix[1:]
    elif b"mimetype" in data[:100] and b"opendocument" in data[:200]:
        fmt = "ods"
    else:
        fmt = "xlsx"
    return _BookSource(fmt, book, sink, extents)


def _find_header(rows: Sequence[Sequence[Cell]], match: HeaderMatcher, min_matches: int) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {header_key(c) for c in row if c is not None}
        if sum(1 for k in keys if k and match(k)) >= min_matches:
            return i
    return None


def _pick_sheet(src: _Source, sheet: str | int | None, sink: ProblemSink) -> list[str]:
    names = ", ".join(f"“{n}”" for n in src.names) or tr(sink.lang, "intake.none")
    if sheet is None:
        return src.visible or src.names
    if isinstance(sheet, int):
        if 0 <= sheet < len(src.names):
            return [src.names[sheet]]
        sink.add("intake.reader.no_sheet_index", n=sheet, names=names)
        raise _Refused
    for candidate in (sheet, sheet.strip()):
        if candidate in src.names:
            return [candidate]
    folded = [n for n in src.names if n.strip().casefold() == sheet.strip().casefold()]
    if folded:
        return folded[:1]
    sink.add("intake.reader.no_sheet_name", name=sheet, names=names)
    raise _Refused


def read_table(
    path: Path | str,
    *,
    match: HeaderMatcher,
    expected: Sequence[str] = (),
    sheet: str | int | None = None,
    header_row: int | None = None,
    min_matches: int = 2,
    lang: str = "zh",
) -> tuple[Table | None, tuple[RowProblem, ...]]:
    """Read the table an importer needs from ``path``, never raising on a bad file.

    Args:
        path: The file; its format is decided by content (.xlsx/.xlsm/.xlsb/.xls/.ods) or, for text files, by
            the extension .csv/.tsv/.txt.
        match: Says whether a header key is a known column name.
        expected: Column names to list when no header row is found.
        sheet: Sheet name or 0-based index. Default: the first visible sheet whose top rows contain a header row
            (so an instructions sheet in front is skipped).
        header_row: Excel row number of the header, to skip detection.
        min_matches: Known column names a row needs to count as the header row.
        lang: Language of problem messages ("zh" or "en").

    Returns:
        The table, or ``None`` with at least one problem saying why the file cannot be read.
    """
    p = Path(path)
    sink = ProblemSink(p.name, "", lang)
    try:
        src = _open(p, sink)
        candidates = _pick_sheet(src, sheet, sink)
        chosen, head_index = _choose(src, candidates, match, header_row, min_matches, expected, sink)
        return _load(p, src, chosen, head_index, sink), tuple(sink.items)
    except _Refused:
        return None, tuple(sink.items)


def _choose(
    src: _Source,
    candidates: list[str],
    match: HeaderMatcher,
    header_row: int | None,
    min_matches: int,
    expected: Sequence[str],
    sink: ProblemSink,
) -> tuple[str, int]:
    first_nonempty: str | None = None
    for name in candidates:
        if header_row is not None:
            rows, _ = src.dims(name)
            if header_row > rows or header_row < 1:
                sink.sheet = name
                sink.add("intake.reader.bad_header_row", given=header_row, total=rows)
                raise _Refused
            return name, header_row - 1
        head = src.head(name, HEADER_SCAN_ROWS)
        if not any(clean_text(c) for r in head for c in r):
            continue
        first_nonempty = first_nonempty or name
        found = _find_header(head, match, min_matches)
        if found is not None:
            return name, found
    if first_nonempty is None:
        sink.sheet = candidates[0] if len(candidates) == 1 else ""
        sink.add("intake.reader.no_data")
        raise _Refused
    sink.sheet = first_nonempty
    shown = tr(sink.lang, "intake.list_separator").join(expected)
    sink.add("intake.reader.no_header", n=HEADER_SCAN_ROWS, k=min_matches, expected=shown)
    raise _Refused


def _load(path: Path, src: _Source, name: str, head_index: int, sink: ProblemSink) -> Table:
    sink.sheet = name
    nrows, ncols = src.dims(name)
    if ncols > MAX_COLUMNS:
        sink.add("intake.reader.too_many_cols", n=ncols, limit=MAX_COLUMNS)
        raise _Refused
    if nrows - head_index - 1 > MAX_DATA_ROWS:
        sink.add("intake.reader.too_many_rows", n=nrows - head_index - 1, limit=MAX_DATA_ROWS)
        raise _Refused
    if nrows * ncols > MAX_CELLS:
        sink.add("intake.reader.too_many_cells", rows=nrows, cols=ncols, limit=MAX_CELLS)
        raise _Refused
    rows = src.rows(name)
    _check_cell_lengths(rows, sink)
    while len(rows) > head_index + 1 and all(clean_text(c) == "" for c in rows[-1]):
        rows.pop()
    header = tuple(rows[head_index]) if head_index < len(rows) else ()
    first = head_index + 1  # the 0-based index of the first row below the header
    body = tuple(map(TableRow, range(first + 1, len(rows) + 1), map(tuple, rows[first:])))
    return Table(
        file=path.name,
        path=path,
        format=src.format,
        sheet=name,
        sheet_names=tuple(src.names),
        header_row=head_index + 1,
        headers=header,
        rows=body,
    )


def _check_cell_lengths(rows: Sequence[Sequence[Cell]], sink: ProblemSink) -> None:
    """Refuse the sheet (every over-long cell located) if a cell holds more text than Excel allows."""
    found = False
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                sink.add("intake.reader.cell_too_long", row=r + 1, col=c, n=len(value), limit=MAX_CELL_CHARS)
                found = True
    if found:
        raise _Refused


def read_grid(path: Path | str, *, lang: str = "zh") -> tuple[Grid | None, tuple[RowProblem, ...]]:
    """Every worksheet of ``path`` as raw rows from A1 (for rebuilding a CSV/.xls/.ods file as .xlsx)."""
    p = Path(path)
    sink = ProblemSink(p.name, "", lang)
    try:
        src = _open(p, sink)
        sheets: list[tuple[str, tuple[tuple[Cell, ...], ...]]] = []
        for name in src.names:
            nrows, ncols = src.dims(name)
            sink.sheet = name
            if ncols > MAX_COLUMNS:
                sink.add("intake.reader.too_many_cols", n=ncols, limit=MAX_COLUMNS)
                raise _Refused
            if nrows > MAX_DATA_ROWS + HEADER_SCAN_ROWS:
                sink.add("intake.reader.too_many_rows", n=nrows, limit=MAX_DATA_ROWS)
                raise _Refused
            if nrows * ncols > MAX_CELLS:
                sink.add("intake.reader.too_many_cells", rows=nrows, cols=ncols, limit=MAX_CELLS)
                raise _Refused
            rows = src.rows(name)
            _check_cell_lengths(rows, sink)
            sheets.append((name, tuple(tuple(r) for r in rows)))
        return Grid(src.format, tuple(sheets)), tuple(sink.items)
    except _Refused:
        return None, tuple(sink.items)
