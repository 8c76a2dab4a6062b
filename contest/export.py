"""The results workbook (.xlsx): the result-sheet columns, one sheet per practical module with every judge's sheet
total and the module score, theory scores by section, judge statistics, and a sheet saying what the workbook was
made from (contest, audit-chain head, time).

Owns the workbook's layout only: data in (:class:`ResultsWorkbookData`, built by services from decided values),
bytes out. Scores are written as exact numbers: openpyxl formats numbers with ``"%.16g"``, which turns
``Decimal("85.60")`` into ``85.59999999999999``, so Decimals are written from their own digits instead, while
this module's workbooks are saved (see :func:`exact_decimals`). Importing workbooks lives in ``contest.intake``,
not here.
"""

from __future__ import annotations

import io
import os
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import _writer as _cell_writer
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from contest.i18n import tr
from contest.printing.output import write_atomic
from contest.printing.pages import DocHeader, JudgeRow, ResultGroup
from contest.printing.text import timestamp
from contest.textcells import cell_values, inert_sheet


def _exact_number_text(value: Any) -> str:
    """openpyxl's number text, except that a Decimal is written with exactly its own digits."""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return str(safe_string(value))


_EXACT_LOCK = threading.RLock()


@contextmanager
def exact_decimals() -> Iterator[None]:
    """While the block runs, openpyxl writes Decimal cells with their own digits (:func:`_exact_number_text`).

    openpyxl's cell writer formats every value with the ``safe_string(value)`` it imported from
    ``openpyxl.compat``; that name is swapped for the block and put back after it, so workbooks saved elsewhere
    are untouched. Blocks are serialised (another thread's save must not put the original back mid-save). The
    pinned openpyxl versions in pyproject.toml are the ones checked to work this way;
    ``tests/io/test_export_workbook.py`` fails if they stop doing so."""
    writer_globals = vars(_cell_writer)  # through the module's namespace: its stubs do not list the import
    with _EXACT_LOCK:
        before = writer_globals["safe_string"]
        writer_globals["safe_string"] = _exact_number_text
        try:
            yield
        finally:
            writer_globals["safe_string"] = before


@dataclass(frozen=True)
class ModuleRow:
    """One contestant on a module sheet."""

    station: str
    """赛位号."""
    name: str
    """Name (empty before decryption)."""
    totals: tuple[Decimal | None, ...]
    """Each judge's sheet total, in the order of :attr:`ModuleTable.judges` (``None``: no sheet)."""
    score: Decimal | None
    """The module score (aggregated, rounded)."""
    dropped: tuple[str, ...] = ()
    """Judges whose sheet total the rule left out (per-sheet aggregation); shown struck through."""
    note: str = ""
    """Veto, correction or appeal note."""


@dataclass(frozen=True)
class ModuleTable:
    """One practical module's sheet."""

    title: str
    """Sheet title, e.g. ``模块A 基础照护`` (also the tab name, shortened to Excel's 31 characters)."""
    judges: tuple[str, ...]
    """Judge codes, the column heads."""
    rows: tuple[ModuleRow, ...]
    rule: str = ""
    """The aggregation rule as printed, written above the table."""


@dataclass(frozen=True)
class TheoryRow:
    """One contestant's theory result."""

    station: str
    """赛位号 or exam number."""
    name: str
    unit: str
    sections: tuple[Decimal | None, ...]
    """Score per section, in the order of :attr:`TheoryTable.sections`."""
    total: Decimal | None


@dataclass(frozen=True)
class TheoryTable:
    """The theory results with the section breakdown (职业道德, 基础知识, 相关知识 …)."""

    sections: tuple[str, ...]
    rows: tuple[TheoryRow, ...]


@dataclass(frozen=True)
class ModuleJudges:
    """The judge statistics of one module."""

    module: str
    judges: tuple[JudgeRow, ...]


@dataclass(frozen=True)
class ResultsWorkbookData:
    """Everything the results workbook holds; values are decided, the workbook only lays them out."""

    header: DocHeader
    """Contest, edition, audit head and generation time (``printed_at``), draft flag and decimals."""
    groups: tuple[ResultGroup, ...]
    """The result sheet's groups; all rows go on one sheet with a group column."""
    modules: tuple[ModuleTable, ...] = ()
    theory: TheoryTable | None = None
    judges: tuple[ModuleJudges, ...] = ()
    notes: tuple[str, ...] = ()
    """Extra lines for the 说明 sheet (weights, award policy …)."""
    show_id: bool = True
    """Include the masked ID column."""


HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E6EBF0")
THIN = Side(style="thin", color="9A9A9A")
HEAD_BORDER = Border(bottom=Side(style="medium", color="1B1B1B"))
DROPPED_FONT = Font(strike=True, color="8C8C8C")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)


def write_results_workbook(
    data: ResultsWorkbookData, out: str | os.PathLike[str] | None = None, *, lang: str = "zh"
) -> bytes:
    """The results workbook as .xlsx bytes (also written to ``out`` if given)."""
    lang = "en" if lang == "en" else "zh"
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    names: set[str] = set()
    fmt = "0." + "0" * data.header.places if data.header.places > 0 else "0"
    _results_sheet(wb.create_sheet(_sheet_name(tr(lang, "export.results"), names)), data, lang, fmt)
    for module in data.modules:
        _module_sheet(wb.create_sheet(_sheet_name(module.title, names)), module, lang, fmt)
    if data.theory is not None:
        _theory_sheet(wb.create_sheet(_sheet_name(tr(lang, "export.theory"), names)), data.theory, lang, fmt)
    if data.judges:
        _judges_sheet(wb.create_sheet(_sheet_name(tr(lang, "export.judges"), names)), data.judges, lang, fmt)
    _about_sheet(wb.create_sheet(_sheet_name(tr(lang, "export.about"), names)), data, lang)
    for ws in wb.worksheets:
        inert_sheet(ws)  # user text (names, units, remarks …) is never a formula
    when = data.header.printed_at
    wb.properties.created = (when.astimezone(UTC) if when.tzinfo else when).replace(tzinfo=None)
    wb.properties.creator = "contest"
    wb.properties.title = f"{data.header.contest_line} {tr(lang, 'export.results')}"
    buf = io.BytesIO()
    with exact_decimals():
        wb.save(buf)
    payload = buf.getvalue()
    if out is not None:
        write_atomic(out, payload)
    return payload


# ------------------------------------------------------------------------------------------------ sheets


def _results_sheet(ws: Worksheet, data: ResultsWorkbookData, lang: str, fmt: str) -> None:
    modules: list[str] = []
    for g in data.groups:
        modules += [t for t in g.module_titles if t not in modules]
    head = [tr(lang, k) for k in ("export.group", "export.rank", "export.name", "export.unit")]
    if data.show_id:
        head.append(tr(lang, "export.id"))
    head += [tr(lang, "export.station"), tr(lang, "export.theory_col"), *modules]
    head += [
        tr(lang, k)
        for k in ("export.practical", "export.total", "export.award", "export.titles", "export.remarks")
    ]
    _head(ws, head)
    sep = tr(lang, "print.clause_sep")
    for g in data.groups:
        for r in g.rows:
            states = r.module_states or ("",) * len(r.modules)
            by_title = {
                t: (s if v is None and s else v)
                for t, v, s in zip(g.module_titles, r.modules, states, strict=True)
            }
            row: list[Any] = [g.title, r.rank, r.name, r.unit]
            if data.show_id:
                row.append(r.id_masked)
            row += [r.station, r.theory, *[by_title.get(t) for t in modules]]
            row += [r.practical, r.total, r.award, sep.join(r.titles), sep.join(r.remarks)]
            _append(ws, row)
    id_col = 5 if data.show_id else None
    first_score = 7 if data.show_id else 6
    _format(
        ws,
        text_cols={1, 3, 4, first_score - 1, *([id_col] if id_col else [])},
        score_cols=set(range(first_score, first_score + len(modules) + 3)),
        int_cols={2},
        fmt=fmt,
        freeze="D2",
    )


def _module_sheet(ws: Worksheet, m: ModuleTable, lang: str, fmt: str) -> None:
    head = [tr(lang, "export.station"), tr(lang, "export.name"), *m.judges]
    head += [tr(lang, "export.module_score"), tr(lang, "export.notes")]
    _head(ws, head)
    for r in m.rows:
        _append(ws, [r.station, r.name, *r.totals, r.score, r.note])
        for k, judge in enumerate(m.judges):
            if judge in r.dropped:
                ws.cell(row=ws.max_row, column=3 + k).font = DROPPED_FONT
    n = len(m.judges)
    _format(
        ws, text_cols={1, 2, 4 + n}, score_cols=set(range(3, 4 + n)), int_cols=set(), fmt=fmt, freeze="C2"
    )
    below = ws.max_row + 2
    if m.rule:
        ws.cell(row=below, column=1, value=tr(lang, "export.rule", rule=m.rule))
    if any(r.dropped for r in m.rows):
        ws.cell(row=below + 1, column=1, value=tr(lang, "export.dropped"))


def _theory_sheet(ws: Worksheet, t: TheoryTable, lang: str, fmt: str) -> None:
    head = [tr(lang, k) for k in ("export.station", "export.name", "export.unit")] + list(t.sections)
    head.append(tr(lang, "export.theory_col"))
    _head(ws, head)
    for r in t.rows:
        _append(ws, [r.station, r.name, r.unit, *r.sections, r.total])
    n = len(t.sections)
    _format(ws, text_cols={1, 2, 3}, score_cols=set(range(4, 5 + n)), int_cols=set(), fmt=fmt, freeze="C2")


def _judges_sheet(ws: Worksheet, judges: Sequence[ModuleJudges], lang: str, fmt: str) -> None:
    _head(
        ws,
        [
            tr(lang, k)
            for k in (
                "export.module",
                "export.judge",
                "export.sheets",
                "export.mean_dev",
                "export.mean_abs",
                "export.max_abs",
            )
        ],
    )
    for m in judges:
        for j in m.judges:
            _append(
                ws, [m.module, j.judge, j.sheets, j.mean_deviation, j.mean_abs_deviation, j.max_abs_deviation]
            )
    _format(ws, text_cols={1, 2}, score_cols={4, 5, 6}, int_cols={3}, fmt=fmt, freeze="C2")
    for cell in ws["D"][1:]:
        cell.number_format = f"+{fmt};-{fmt};{fmt}"


def _about_sheet(ws: Worksheet, data: ResultsWorkbookData, lang: str) -> None:
    h = data.header
    status = tr(lang, "export.draft", reason=h.draft_reason) if h.draft else tr(lang, "export.final")
    rows = [
        (tr(lang, "export.contest"), h.contest),
        (tr(lang, "export.edition"), h.edition),
        (tr(lang, "export.audit"), h.audit_head),
        (tr(lang, "export.generated"), timestamp(h.printed_at)),
        (tr(lang, "export.status"), status),
    ]
    for key, value in rows:
        _append(ws, [key, value])
        ws.cell(row=ws.max_row, column=1).font = HEAD_FONT
        ws.cell(row=ws.max_row, column=2).number_format = "@"
    if h.draft:
        ws.cell(row=5, column=2).font = Font(bold=True, color="C0392B")
    for line in data.notes:
        _append(ws, [tr(lang, "export.notes"), line])
        ws.cell(row=ws.max_row, column=1).font = HEAD_FONT
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = min(90, max(_display_width(str(v)) for _, v in rows) + 4)
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


# ------------------------------------------------------------------------------------------------ helpers


def _append(ws: Worksheet, values: Sequence[Any]) -> None:
    ws.append(cell_values(values))


def _head(ws: Worksheet, head: Sequence[str]) -> None:
    _append(ws, list(head))
    for cell in ws[1]:
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = CENTER
        cell.border = HEAD_BORDER


def _format(
    ws: Worksheet, *, text_cols: set[int], score_cols: set[int], int_cols: set[int], fmt: str, freeze: str
) -> None:
    """Number formats, text columns, widths, frozen header and auto-filter of a table that starts at A1."""
    last_row, last_col = ws.max_row, ws.max_column
    for row in ws.iter_rows(min_row=2, max_row=last_row, max_col=last_col):
        for cell in row:
            c = cell.column
            if c in score_cols:
                cell.number_format = fmt
                cell.alignment = CENTER
            elif c in int_cols:
                cell.number_format = "0"
                cell.alignment = CENTER
            elif c in text_cols:
                cell.number_format = "@"  # IDs and station numbers stay text (no 4.4e17, no lost zeros)
                cell.alignment = WRAP
            else:
                cell.alignment = WRAP
    for c in range(1, last_col + 1):
        values = [ws.cell(row=r, column=c).value for r in range(1, last_row + 1)]
        width = max((_display_width(_shown(v)) for v in values), default=6)
        ws.column_dimensions[get_column_letter(c)].width = max(7, min(width + 3, 48))
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.row_dimensions[1].height = 30


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _display_width(text: str) -> int:
    """Width in Excel character units: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique worksheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = title.translate(_FORBIDDEN).strip().strip("'")[:31] or "Sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name.lower())
    return name
