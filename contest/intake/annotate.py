"""Writing an annotated copy of an organiser's file: every problem cell filled red with a comment, plus a
问题清单 sheet listing all problems.

Owns the copy only. An .xlsx/.xlsm keeps its formatting and formulas (it is opened with openpyxl and saved under a
new name); a .csv/.xls/.ods (or an .xlsx openpyxl cannot open) is rebuilt as a new .xlsx from the values read by
:mod:`contest.intake.reader`. The original file is never changed.
"""

from __future__ import annotations

import contextlib
import re
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from contest.i18n import Msg, tr
from contest.intake.problems import RowProblem, column_index, problem_order
from contest.intake.reader import read_grid

PROBLEM_SHEET = "问题清单"
"""Name of the sheet listing every problem (in Chinese; ``intake.annotate.problem_sheet`` in the import's
language)."""
CSV_SHEET = "数据"
"""Sheet holding a CSV file's rows in the rebuilt workbook (in Chinese; ``intake.annotate.data_sheet``)."""
PROBLEM_COLOR = "FFFFC7CE"
"""Fill of a problem cell (Excel's light red, under which the text stays readable)."""
PROBLEM_FILL = PatternFill(fill_type="solid", start_color=PROBLEM_COLOR, end_color=PROBLEM_COLOR)
COMMENT_AUTHOR = "contest"

_HEADERS = ("sheet", "row", "column", "field", "value", "problem")
"""The problem list's columns, each ``intake.annotate.col_<name>`` in the catalogue."""
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# What openpyxl raises on a file it cannot open; anything else is a bug and should surface.
_OPEN_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    IndexError,
)


def annotated_path(source: Path | str) -> Path:
    """Default name of the annotated copy: ``报名表.xlsx`` → ``报名表.问题标注.xlsx`` (.xlsm stays .xlsm)."""
    p = Path(source)
    suffix = ".xlsm" if p.suffix.lower() == ".xlsm" else ".xlsx"
    return p.with_name(f"{p.stem}.问题标注{suffix}")


def write_annotated(
    source: Path | str,
    problems: Sequence[RowProblem],
    dest: Path | str | None = None,
    *,
    lang: str = "zh",
) -> Path:
    """Write a copy of ``source`` with every located problem marked, and return its path.

    Args:
        source: The file that was imported.
        problems: The problems an importer returned (those without a row appear only in 问题清单).
        dest: Where to write (default :func:`annotated_path`); it must not be ``source``.
        lang: Language of the 问题清单 headers.

    Returns:
        The path written.
    """
    src = Path(source)
    out = Path(dest) if dest is not None else annotated_path(src)
    if out.resolve() == src.resolve():
        raise ValueError(Msg("intake.annotate.overwrite"))
    wb, data_sheet = _open_copy(src, lang)
    for p in problems:
        ws = _sheet_for(wb, p, data_sheet)
        if ws is None or p.row is None:
            continue
        col = column_index(p.column) if p.column else 0
        _mark(ws, p.row, (col or 0) + 1, p)
    _problem_sheet(wb, problems, data_sheet, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    wb.close()
    return out


def _open_copy(src: Path, lang: str = "zh") -> tuple[Workbook, str | None]:
    """The workbook to annotate, and the sheet name used for problems with no sheet (CSV)."""
    head = b""
    try:
        with src.open("rb") as f:
            head = f.read(4)
    except OSError:
        head = b""
    if head.startswith(b"PK") and src.suffix.lower() in (".xlsx", ".xlsm"):
        with contextlib.suppress(*_OPEN_ERRORS), warnings.catch_warnings():
            # openpyxl warns about features it drops (slicers, some extensions); the copy is for reading.
            warnings.simplefilter("ignore")
            return load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm"), None
        # unreadable by openpyxl: the copy is rebuilt from the values below
    wb = Workbook()
    default = wb.active
    grid, _ = read_grid(src)
    data_sheet: str | None = None
    if grid is not None:
        for name, rows in grid.sheets:
            title = _sheet_title(name or tr(lang, "intake.annotate.data_sheet"), wb)
            if not name:
                data_sheet = title
            ws = wb.create_sheet(title)
            for i, r in enumerate(rows, start=1):
                for j, v in enumerate(r, start=1):
                    if v is not None:
                        _put(ws, i, j, v)
    if default is not None and len(wb.worksheets) > 1:
        wb.remove(default)
    elif default is not None:
        default.title = data_sheet = tr(lang, "intake.annotate.data_sheet")
    return wb, data_sheet


def _put(ws: Worksheet, row: int, col: int, value: object) -> None:
    """Write a value as a value: text stays text (a CSV cell "=1+1" must not become a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value  # type: ignore[assignment, unused-ignore]  # a value the reader gave: a cell type


def _sheet_title(name: str, wb: Workbook) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    title, n = base, 2
    while title in wb.sheetnames:
        title = f"{base[:28]}({n})"
        n += 1
    return title


def _sheet_for(wb: Workbook, p: RowProblem, data_sheet: str | None) -> Worksheet | None:
    name = p.sheet or data_sheet
    if name and name in wb.sheetnames:
        return wb[name]
    if name:
        cleaned = _BAD_SHEET_CHARS.sub("_", name)[:31]
        if cleaned in wb.sheetnames:
            return wb[cleaned]
    return None


def _mark(ws: Worksheet, row: int, col: int, p: RowProblem) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):
        for rng in ws.merged_cells.ranges:
            if cell.coordinate in rng:
                cell = ws.cell(row=rng.min_row, column=rng.min_col)
                break
    cell.fill = PROBLEM_FILL
    text = ILLEGAL_CHARACTERS_RE.sub("", p.message)
    if cell.comment is not None and cell.comment.author == COMMENT_AUTHOR:
        text = f"{cell.comment.text}\n{text}"
    comment = Comment(text, COMMENT_AUTHOR)
    lines = sum(1 + len(line) // 18 for line in text.splitlines())
    comment.width = 320
    comment.height = min(60 + 18 * lines, 600)
    cell.comment = comment


def _problem_sheet(wb: Workbook, problems: Sequence[RowProblem], data_sheet: str | None, lang: str) -> None:
    ws = wb.create_sheet(_sheet_title(tr(lang, "intake.annotate.problem_sheet"), wb))
    ws.append([tr(lang, f"intake.annotate.col_{name}") for name in _HEADERS])
    for c in ws[1]:
        c.font = Font(bold=True)
    for p in sorted(problems, key=problem_order):
        sheet = p.sheet or data_sheet or ""
        field = p.header or p.field
        r = ws.max_row + 1
        for j, v in enumerate(
            (sheet, p.row if p.row is not None else "", p.column, field, p.value, p.message), 1
        ):
            _put(ws, r, j, v)
        if p.row is not None and sheet in wb.sheetnames:
            target = f"{p.column or 'A'}{p.row}"
            ws.cell(row=r, column=2).hyperlink = f"#'{sheet}'!{target}"
    for letter, width in zip("ABCDEF", (14, 6, 6, 14, 24, 80), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    for other in wb.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = wb.worksheets.index(ws)
