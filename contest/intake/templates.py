"""Blank, styled .xlsx templates for the organiser to fill in: contestants, judges, answer key, answer sheets and
theory scores.

Owns the layout of each template: the headers (the canonical names the importers read first), text format on ID,
phone and station columns so Excel cannot turn them into numbers, drop-down lists, a frozen header row, column
widths and a Chinese 填写说明 sheet. The importers accept far messier files; the template is the easy path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from contest.i18n import Msg, tr
from contest.intake import contestants, judges, rubric_import, theory
from contest.intake.columns import FieldSpec
from contest.textcells import inert_sheet
from rubrics.model import QuestionType, TheoryBlueprint

TemplateKind = Literal["contestants", "judges", "answers", "answer_sheets", "theory_scores", "rubric"]
TEMPLATE_ROWS = 500
"""Rows prepared (text format, drop-downs) below the header."""
INSTRUCTIONS_SHEET = "填写说明"
"""The instructions sheet's name in Chinese (``intake.template.sheet.instructions`` in the template's language)."""
LISTS_SHEET = "选项"
"""Hidden sheet holding drop-down lists too long for an inline list (Excel allows 255 characters)."""

_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_REQUIRED_FONT = Font(bold=True, color="FFC00000")
_HEADER_FONT = Font(bold=True)
_THIN = Side(style="thin", color="FF8EA9DB")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    required: bool = False
    text: bool = False
    """Format the column as text ("@")."""
    choices: tuple[str, ...] = ()
    prompt: str = ""
    length: int | None = None
    """Exact text length enforced by validation (18 for 身份证号)."""


_QTYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE)
"""Question types in the order of the answer key (all 单选 first, then 多选, then 判断)."""


def _spec(fields: Sequence[FieldSpec], key: str) -> FieldSpec:
    return next(f for f in fields if f.key == key)


def write_template(
    kind: TemplateKind,
    path: Path | str,
    projects: Sequence[str] = (),
    *,
    modules: Sequence[str] = (),
    blueprint: TheoryBlueprint | None = None,
    title: str = "",
    by: FieldSpec = theory.STATION,
    lang: str = "zh",
) -> Path:
    """Write a template workbook and return its path.

    Args:
        kind: "contestants", "judges", "answers" (the answer key), "answer_sheets" (one column per question;
            needs ``blueprint``) or "theory_scores".
        path: Where to write the .xlsx.
        projects: 参赛项目 offered in the contestants drop-down (none: free text).
        modules: Module codes mentioned in the judges template's prompt.
        blueprint: For "answers", pre-fills 题号/题型/模块/子领域 (all 单选 first, then 多选, then 判断) and offers
            the section titles as a drop-down; for "answer_sheets", gives the number of questions.
        title: Contest name shown in the instructions sheet.
        by: The number column of "answer_sheets" and "theory_scores": :data:`~contest.intake.theory.STATION`
            (赛位号) or, for a contest drawn per module, :data:`~contest.intake.theory.DRAW` (抽签号).
        lang: Language of the sheet names, prompts, drop-down values and instructions. The headers are always
            the canonical Chinese column names the importers read first.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    cols: list[_Column]
    notes: Sequence[str]
    if kind == "contestants":
        ws.title = tr(lang, "intake.template.sheet.contestants")
        cols = _contestant_columns(projects, lang)
        notes = _CONTESTANT_NOTES
    elif kind == "judges":
        ws.title = tr(lang, "intake.template.sheet.judges")
        cols = _judge_columns(modules, lang)
        notes = _JUDGE_NOTES
    elif kind == "answers":
        ws.title = tr(lang, "intake.template.sheet.answers")
        cols = _key_columns(blueprint, lang)
        notes = _KEY_NOTES
    elif kind == "answer_sheets":
        if blueprint is None:
            raise ValueError(Msg("intake.template.needs_blueprint"))
        ws.title = tr(lang, "intake.template.sheet.answer_sheets")
        cols = [_Column(by.zh, 10, required=True, text=True)] + [
            _Column(str(n), 5) for n in range(1, blueprint.question_count + 1)
        ]
        notes = _DRAW_SHEET_NOTES if by.key == theory.DRAW.key else _SHEET_NOTES
    elif kind == "theory_scores":
        ws.title = tr(lang, "intake.template.sheet.theory_scores")
        cols = [
            _Column("序号", 6),
            _Column(by.zh, 10, text=True),
            _Column("身份证号", 22, text=True, length=18),
            _Column("理论成绩", 10, required=True, prompt=tr(lang, "intake.template.prompt.theory_score")),
        ]
        notes = _DRAW_SCORE_NOTES if by.key == theory.DRAW.key else _SCORE_NOTES
    elif kind == "rubric":
        ws.title = tr(lang, "intake.template.sheet.rubric")
        cols = _rubric_columns(lang)
        notes = _RUBRIC_NOTES
    else:
        raise ValueError(Msg("intake.template.unknown_kind", kind=repr(kind)))
    _lay_out(wb, ws, cols, lang)
    if kind == "answers" and blueprint is not None:
        _prefill_key(ws, blueprint, lang)
    _instructions(wb, notes, title, _RUBRIC_COMMON_NOTES if kind == "rubric" else _COMMON_NOTES, lang)
    for sheet in wb.worksheets:
        inert_sheet(sheet)  # titles come from the contest configuration: never a formula
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    wb.close()
    return out


def _contestant_columns(projects: Sequence[str], lang: str) -> list[_Column]:
    f = contestants.FIELDS
    return [
        _Column(_spec(f, "seq").zh, 6),
        _Column(_spec(f, "name").zh, 12, required=True),
        _Column(
            _spec(f, "gender").zh,
            8,
            required=True,
            choices=(tr(lang, "intake.gender_male"), tr(lang, "intake.gender_female")),
        ),
        _Column(
            _spec(f, "id_number").zh,
            22,
            required=True,
            text=True,
            length=18,
            prompt=tr(lang, "intake.template.prompt.id_number"),
        ),
        _Column(_spec(f, "unit").zh, 30, required=True),
        _Column(_spec(f, "phone").zh, 16, text=True, prompt=tr(lang, "intake.template.prompt.phone")),
        _Column(_spec(f, "project").zh, 16, choices=tuple(projects)),
        _Column(_spec(f, "note").zh, 20),
    ]


def _judge_columns(modules: Sequence[str], lang: str) -> list[_Column]:
    f = judges.FIELDS
    sep = tr(lang, "intake.list_separator")
    roles = sep.join(tr(lang, f"intake.template.role.{role}") for role in judges.ROLES)
    module_hint = tr(lang, "intake.template.prompt.module_hint", modules=sep.join(modules)) if modules else ""
    return [
        _Column(_spec(f, "seq").zh, 6),
        _Column(
            _spec(f, "code").zh, 10, required=True, text=True, prompt=tr(lang, "intake.template.prompt.code")
        ),
        _Column(_spec(f, "name").zh, 12, required=True),
        _Column(_spec(f, "unit").zh, 30, required=True),
        _Column(
            _spec(f, "roles").zh,
            20,
            required=True,
            prompt=tr(lang, "intake.template.prompt.roles", roles=roles),
        ),
        _Column(
            _spec(f, "modules").zh, 14, prompt=tr(lang, "intake.template.prompt.modules", hint=module_hint)
        ),
        _Column(_spec(f, "phone").zh, 16, text=True),
        _Column(_spec(f, "note").zh, 20),
    ]


def _key_columns(blueprint: TheoryBlueprint | None, lang: str) -> list[_Column]:
    f = theory.KEY_FIELDS
    sections = tuple(s.title.get(lang) for s in blueprint.sections) if blueprint else ()
    types = tuple(tr(lang, f"intake.template.qtype.{t.value}") for t in _QTYPES)
    return [
        _Column(_spec(f, "number").zh, 8, required=True),
        _Column(_spec(f, "type").zh, 8, required=True, choices=types),
        _Column(
            _spec(f, "answer").zh,
            10,
            required=True,
            text=True,
            prompt=tr(lang, "intake.template.prompt.answer"),
        ),
        _Column(_spec(f, "section").zh, 16, choices=sections),
        _Column(_spec(f, "subarea").zh, 36),
    ]


def _lay_out(wb: Workbook, ws: Worksheet, cols: Sequence[_Column], lang: str = "zh") -> None:
    last = TEMPLATE_ROWS + 1
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        cell = ws.cell(row=1, column=j, value=col.header)
        cell.font = _REQUIRED_FONT if col.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if col.required:
            cell.comment = Comment(tr(lang, "intake.template.required"), "contest")
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(2, last + 1):
                ws.cell(row=r, column=j).number_format = "@"
        area = f"{letter}2:{letter}{last}"
        if col.choices:
            dv = DataValidation(type="list", formula1=_list_formula(wb, col.choices), allow_blank=True)
            dv.error = tr(lang, "intake.template.choose", header=col.header)
            dv.errorTitle = col.header
            dv.showErrorMessage = True
            if col.prompt:
                dv.prompt = col.prompt
                dv.showInputMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
        elif col.length is not None:
            dv = DataValidation(
                type="textLength", operator="equal", formula1=str(col.length), allow_blank=True
            )
            dv.error = tr(lang, "intake.template.length", header=col.header, n=col.length)
            dv.errorTitle = col.header
            dv.showErrorMessage = True
            dv.prompt = col.prompt or tr(lang, "intake.template.characters", n=col.length)
            dv.showInputMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
        elif col.prompt:
            dv = DataValidation(type=None, allow_blank=True)
            dv.prompt = col.prompt
            dv.showInputMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22


def _list_formula(wb: Workbook, choices: Sequence[str]) -> str:
    inline = '"' + ",".join(choices) + '"'
    if len(inline) <= 255 and not any("," in c or '"' in c for c in choices):
        return inline
    if LISTS_SHEET in wb.sheetnames:
        lists = wb[LISTS_SHEET]
    else:
        lists = wb.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
    col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    for i, c in enumerate(choices, start=1):
        lists.cell(row=i, column=col, value=c)
    letter = get_column_letter(col)
    return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(choices)}"


def _prefill_key(ws: Worksheet, blueprint: TheoryBlueprint, lang: str = "zh") -> None:
    number = 0
    for qtype in _QTYPES:
        for s in blueprint.sections:
            for a in s.subareas:
                for g in a.groups:
                    if g.type != qtype:
                        continue
                    for _ in range(g.count):
                        number += 1
                        row = number + 1
                        ws.cell(row=row, column=1, value=number)
                        ws.cell(row=row, column=2, value=tr(lang, f"intake.template.qtype.{qtype.value}"))
                        ws.cell(row=row, column=4, value=s.title.get(lang))
                        ws.cell(row=row, column=5, value=a.title.get(lang))


def _rubric_columns(lang: str) -> list[_Column]:
    r = rubric_import
    kinds = tuple(
        tr(lang, f"intake.template.kind.{k}") for k in ("measurement", "judgement", "score", "veto")
    )
    return [
        _Column(r.NUMBER.zh, 6, required=True, prompt=tr(lang, "intake.template.prompt.rubric_number")),
        _Column(r.SECTION.zh, 14, prompt=tr(lang, "intake.template.prompt.rubric_section")),
        _Column(r.CONTENT.zh, 24, required=True),
        _Column(
            r.CRITERIA.zh,
            48,
            required=True,
            prompt=tr(lang, "intake.template.prompt.rubric_criteria"),
        ),
        _Column(r.POINTS.zh, 8, required=True, prompt=tr(lang, "intake.template.prompt.rubric_points")),
        _Column(r.DEDUCT.zh, 8, prompt=tr(lang, "intake.template.prompt.rubric_deduct")),
        _Column(r.KIND.zh, 10, choices=kinds, prompt=tr(lang, "intake.template.prompt.rubric_kind")),
        _Column(r.STEP.zh, 8, prompt=tr(lang, "intake.template.prompt.rubric_step")),
    ]


def _instructions(
    wb: Workbook, notes: Sequence[str], title: str, common: Sequence[str] = (), lang: str = "zh"
) -> None:
    ws = wb.create_sheet(tr(lang, "intake.template.sheet.instructions"))
    ws.column_dimensions["A"].width = 100
    heading_text = (
        tr(lang, "intake.template.heading_titled", title=title)
        if title
        else tr(lang, "intake.template.heading")
    )
    heading = ws.cell(row=1, column=1, value=heading_text)
    heading.font = Font(bold=True, size=14)
    for i, key in enumerate((*notes, *(common or _COMMON_NOTES)), start=3):
        cell = ws.cell(row=i, column=1, value=tr(lang, key))
        cell.alignment = Alignment(wrap_text=True, vertical="top")


_COMMON_NOTES = (
    "intake.template.common.0",
    "intake.template.common.1",
    "intake.template.common.2",
    "intake.template.common.3",
    "intake.template.common.4",
    "intake.template.common.5",
)
_CONTESTANT_NOTES = (
    "intake.template.contestants.0",
    "intake.template.contestants.1",
    "intake.template.contestants.2",
    "intake.template.contestants.3",
    "intake.template.contestants.4",
    "intake.template.contestants.5",
    "intake.template.contestants.6",
)
_JUDGE_NOTES = (
    "intake.template.judges.0",
    "intake.template.judges.1",
    "intake.template.judges.2",
    "intake.template.judges.3",
    "intake.template.judges.4",
)
_KEY_NOTES = (
    "intake.template.answers.0",
    "intake.template.answers.1",
    "intake.template.answers.2",
    "intake.template.answers.3",
)
_SHEET_NOTES = (
    "intake.template.answer_sheets.0",
    "intake.template.answer_sheets.1",
    "intake.template.answer_sheets.2",
)
_SCORE_NOTES = (
    "intake.template.theory_scores.0",
    "intake.template.theory_scores.1",
    "intake.template.theory_scores.2",
)
_BY_DRAW = "intake.template.by_draw"
_DRAW_SHEET_NOTES = (
    "intake.template.draw_answer_sheets.0",
    "intake.template.draw_answer_sheets.1",
    _BY_DRAW,
    "intake.template.draw_answer_sheets.3",
)
_DRAW_SCORE_NOTES = (
    "intake.template.draw_theory_scores.0",
    "intake.template.draw_theory_scores.1",
    _BY_DRAW,
    "intake.template.draw_theory_scores.3",
)
_RUBRIC_NOTES = (
    "intake.template.rubric.0",
    "intake.template.rubric.1",
    "intake.template.rubric.2",
    "intake.template.rubric.3",
    "intake.template.rubric.4",
    "intake.template.rubric.5",
    "intake.template.rubric.6",
    "intake.template.rubric.7",
)
_RUBRIC_COMMON_NOTES = (
    "intake.template.rubric_common.0",
    "intake.template.rubric_common.1",
    "intake.template.rubric_common.2",
    "intake.template.rubric_common.3",
)
