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
from contest.i18n import pick
from contest.printing.feedback_pages import UnitFeedbackData
from contest.printing.output import write_atomic
from contest.printing.text import timestamp
from contest.textcells import inert_sheet
from scoresheets.feedback import Share, percent
from scoresheets.numbers import half_up

_T = {
    "overview": {"zh": "单位汇总", "en": "Units"},
    "items": {"zh": "评分项得分率", "en": "Items"},
    "rules": {"zh": "扣分条目", "en": "Deductions"},
    "theory": {"zh": "理论", "en": "Theory"},
    "about": {"zh": "说明", "en": "About"},
    "unit": {"zh": "单位", "en": "Unit"},
    "basis": {"zh": "统计口径", "en": "Figures over"},
    "count": {"zh": "统计人数", "en": "Contestants counted"},
    "strengths": {"zh": "优势", "en": "Strengths"},
    "weaknesses": {"zh": "不足", "en": "Weaknesses"},
    "module": {"zh": "模块", "en": "Module"},
    "section": {"zh": "环节", "en": "Section"},
    "item": {"zh": "评分项", "en": "Item"},
    "title": {"zh": "名称", "en": "Title"},
    "points": {"zh": "配分", "en": "Points"},
    "unit_rate": {"zh": "本单位得分率%", "en": "Unit %"},
    "field_rate": {"zh": "全场得分率%", "en": "Field %"},
    "gap": {"zh": "差", "en": "Gap"},
    "levels": {"zh": "本单位评价等级0/1/2/3", "en": "Unit levels 0/1/2/3"},
    "code": {"zh": "条目编号", "en": "Code"},
    "text": {"zh": "扣分条目", "en": "Rule"},
    "times": {"zh": "人次", "en": "Contestants"},
    "unit_mean": {"zh": "{code} 本单位平均", "en": "{code} unit mean"},
    "field_mean": {"zh": "{code} 全场平均", "en": "{code} field mean"},
    "contest": {"zh": "竞赛", "en": "Contest"},
    "audit": {"zh": "数据校验码", "en": "Data check code"},
    "generated": {"zh": "生成时间", "en": "Generated"},
    "notes": {"zh": "说明", "en": "Notes"},
    "b_unit": {"zh": "本单位", "en": "unit"},
    "b_merged": {"zh": "合并：{units}", "en": "merged: {units}"},
    "b_suppressed": {"zh": "人数不足，不显示", "en": "too few, not shown"},
}


def _rate(s: Share | None) -> int | None:
    return percent(s.rate) if s is not None else None


def write_feedback_workbook(
    data: UnitFeedbackData, out: str | os.PathLike[str] | None = None, *, lang: str = "zh"
) -> bytes:
    """The workbook as .xlsx bytes (also written to ``out`` if given)."""
    lang = "en" if lang == "en" else "zh"
    t = {k: pick(v, lang) for k, v in _T.items() if "{" not in v["zh"]}
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    names: set[str] = set()
    places = data.header.places
    fmt = "0." + "0" * places if places > 0 else "0"

    def basis(r: Any) -> str:
        g = r.stats
        if g.basis == "unit":
            return t["b_unit"]
        if g.basis == "merged":
            return pick(_T["b_merged"], lang, units="、".join(g.units))
        return t["b_suppressed"]

    # overview
    ws = wb.create_sheet(_sheet_name(t["overview"], names))
    codes = data.module_codes
    head = [t["unit"], t["basis"], t["count"]]
    for code in codes:
        head += [pick(_T["unit_mean"], lang, code=code), pick(_T["field_mean"], lang, code=code)]
    _head(ws, head + [t["strengths"], t["weaknesses"]])
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
    ws = wb.create_sheet(_sheet_name(t["items"], names))
    _head(
        ws,
        [t[k] for k in ("unit", "basis", "module", "section", "item", "title", "points")]
        + [t[k] for k in ("unit_rate", "field_rate", "gap", "levels")],
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
    ws = wb.create_sheet(_sheet_name(t["rules"], names))
    _head(ws, [t[k] for k in ("unit", "basis", "module", "item", "code", "text", "times")])
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
        ws = wb.create_sheet(_sheet_name(t["theory"], names))
        _head(ws, [t[k] for k in ("unit", "basis", "section", "unit_rate", "field_rate", "gap")])
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
    ws = wb.create_sheet(_sheet_name(t["about"], names))
    h = data.header
    for key, value in (
        (t["contest"], h.contest_line),
        (t["audit"], h.audit_head),
        (t["generated"], timestamp(h.printed_at)),
        *((t["notes"], line) for line in data.rules),
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
    wb.properties.title = f"{h.contest_line} 培训反馈"
    when = h.printed_at
    wb.properties.created = when.replace(tzinfo=None)
    buf = io.BytesIO()
    with exact_decimals():
        wb.save(buf)
    payload = buf.getvalue()
    if out is not None:
        write_atomic(out, payload)
    return payload
