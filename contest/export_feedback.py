"""The 以赛促训 workbook (.xlsx): every unit's feedback figures side by side — one overview line per unit with its
strengths and weaknesses in words, 得分率 per rubric item against the field, the most frequent deduction rules,
theory by section, and a sheet saying how the figures are made (the small-unit rule included).

Owns the workbook's layout only (data in: :class:`~contest.printing.feedback_pages.UnitFeedbackData`). Rates are
written as whole percentages, half-up, as printed on the reports; every user-text cell passes through
:mod:`contest.textcells` (never a formula), as in :mod:`contest.export`.
"""

from __future__ import annotations

import io
import os
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from contest.export import _append, _format, _head, _sheet_name, exact_decimals
from contest.i18n import tr
from contest.printing.feedback_pages import UnitFeedbackData
from contest.printing.output import write_atomic
from contest.printing.text import timestamp
from contest.textcells import inert_sheet
from scoresheets.feedback import Share, percent
from scoresheets.numbers import half_up


def _rate(s: Share | None) -> int | None:
    return percent(s.rate) if s is not None else None


def write_feedback_workbook(
    data: UnitFeedbackData, out: str | os.PathLike[str] | None = None, *, lang: str = "zh"
) -> bytes:
    """The workbook as .xlsx bytes (also written to ``out`` if given)."""
    lang = "en" if lang == "en" else "zh"
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    names: set[str] = set()
    places = data.header.places
    fmt = "0." + "0" * places if places > 0 else "0"

    def basis(r: Any) -> str:
        g = r.stats
        if g.basis == "unit":
            return tr(lang, "export.feedback.b_unit")
        if g.basis == "merged":
            return tr(lang, "export.feedback.b_merged", units=tr(lang, "print.list_sep").join(g.units))
        return tr(lang, "export.feedback.b_suppressed")

    # overview
    ws = wb.create_sheet(_sheet_name(tr(lang, "export.feedback.overview"), names))
    codes = data.module_codes
    head = [
        tr(lang, "export.feedback.unit"),
        tr(lang, "export.feedback.basis"),
        tr(lang, "export.feedback.count"),
    ]
    for code in codes:
        head += [
            tr(lang, "export.feedback.unit_mean", code=code),
            tr(lang, "export.feedback.field_mean", code=code),
        ]
    _head(ws, head + [tr(lang, "export.feedback.strengths"), tr(lang, "export.feedback.weaknesses")])
    for r in data.reports:
        g = r.stats
        row: list[Any] = [r.unit, basis(r), g.count]
        for m in g.modules:
            row += [
                half_up(m.group.mean, places) if m.group else None,
                half_up(m.field.mean, places) if m.field else None,
            ]
        row += ["\n".join(f.text(lang) for f in g.strengths), "\n".join(f.text(lang) for f in g.weaknesses)]
        _append(ws, row)
    n = 2 * len(codes)
    _format(
        ws,
        text_cols={1, 2, 4 + n, 5 + n},
        score_cols=set(range(4, 4 + n)),
        int_cols={3},
        fmt=fmt,
        freeze="B2",
    )
    # items
    ws = wb.create_sheet(_sheet_name(tr(lang, "export.feedback.items"), names))
    _head(
        ws,
        [
            tr(lang, k)
            for k in (
                "export.feedback.unit",
                "export.feedback.basis",
                "export.feedback.module",
                "export.feedback.section",
                "export.feedback.item",
                "export.feedback.title",
                "export.feedback.points",
            )
        ]
        + [
            tr(lang, k)
            for k in (
                "export.feedback.unit_rate",
                "export.feedback.field_rate",
                "export.feedback.gap",
                "export.feedback.levels",
            )
        ],
    )
    for r in data.reports:
        for m in r.stats.modules:
            for it in m.items:
                u, f = _rate(it.group), _rate(it.field)
                _append(
                    ws,
                    [
                        r.unit,
                        basis(r),
                        f"{m.code} {m.title.get(lang)}",
                        it.section.get(lang),
                        it.item.id,
                        it.item.title.get(lang),
                        it.item.points,
                        u,
                        f,
                        (u - f) if u is not None and f is not None else None,
                        "/".join(str(x) for x in it.levels) if it.levels is not None else "",
                    ],
                )
    _format(
        ws, text_cols={1, 2, 3, 4, 5, 6, 11}, score_cols={7}, int_cols={8, 9, 10}, fmt="0.##", freeze="C2"
    )
    # deduction rules
    ws = wb.create_sheet(_sheet_name(tr(lang, "export.feedback.rules"), names))
    _head(
        ws,
        [
            tr(lang, k)
            for k in (
                "export.feedback.unit",
                "export.feedback.basis",
                "export.feedback.module",
                "export.feedback.item",
                "export.feedback.code",
                "export.feedback.text",
                "export.feedback.times",
            )
        ],
    )
    for r in data.reports:
        for m in r.stats.modules:
            for it in m.items:
                for rc in it.rules:
                    _append(ws, [r.unit, basis(r), m.code, it.item.id, rc.code, rc.text.get(lang), rc.count])
            for v in m.vetoes:
                _append(ws, [r.unit, basis(r), m.code, "", v.code, v.text.get(lang), v.count])
    _format(ws, text_cols={1, 2, 3, 4, 5, 6}, score_cols=set(), int_cols={7}, fmt=fmt, freeze="C2")
    # theory
    if any(r.stats.theory for r in data.reports):
        ws = wb.create_sheet(_sheet_name(tr(lang, "export.feedback.theory"), names))
        _head(
            ws,
            [
                tr(lang, k)
                for k in (
                    "export.feedback.unit",
                    "export.feedback.basis",
                    "export.feedback.section",
                    "export.feedback.unit_rate",
                    "export.feedback.field_rate",
                    "export.feedback.gap",
                )
            ],
        )
        for r in data.reports:
            for sec in r.stats.theory:
                u, f = _rate(sec.group), _rate(sec.field)
                _append(
                    ws,
                    [
                        r.unit,
                        basis(r),
                        sec.title.get(lang),
                        u,
                        f,
                        (u - f) if u is not None and f is not None else None,
                    ],
                )
        _format(ws, text_cols={1, 2, 3}, score_cols=set(), int_cols={4, 5, 6}, fmt=fmt, freeze="C2")
    # about
    ws = wb.create_sheet(_sheet_name(tr(lang, "export.feedback.about"), names))
    h = data.header
    for key, value in (
        (tr(lang, "export.feedback.contest"), h.contest_line),
        (tr(lang, "export.feedback.audit"), h.audit_head),
        (tr(lang, "export.feedback.generated"), timestamp(h.printed_at)),
        *((tr(lang, "export.feedback.notes"), line) for line in data.rules),
    ):
        _append(ws, [key, value])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        ws.cell(row=ws.max_row, column=2).number_format = "@"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for sheet in wb.worksheets:
        inert_sheet(sheet)  # unit names, rule texts and findings are user text: never a formula
    wb.properties.creator = "contest"
    wb.properties.title = f"{h.contest_line} {tr(lang, 'export.feedback.book_title')}"
    when = h.printed_at
    wb.properties.created = when.replace(tzinfo=None)
    buf = io.BytesIO()
    with exact_decimals():
        wb.save(buf)
    payload = buf.getvalue()
    if out is not None:
        write_atomic(out, payload)
    return payload
