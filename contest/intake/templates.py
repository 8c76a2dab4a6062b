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

from contest.i18n import Msg
from contest.intake import contestants, judges, rubric_import, theory
from contest.intake.columns import FieldSpec
from contest.textcells import inert_sheet
from rubrics.model import QuestionType, TheoryBlueprint

TemplateKind = Literal["contestants", "judges", "answers", "answer_sheets", "theory_scores", "rubric"]
TEMPLATE_ROWS = 500
"""Rows prepared (text format, drop-downs) below the header."""
INSTRUCTIONS_SHEET = "填写说明"
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
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    cols: list[_Column]
    notes: Sequence[str]
    if kind == "contestants":
        ws.title = "报名表"
        cols = _contestant_columns(projects)
        notes = _CONTESTANT_NOTES
    elif kind == "judges":
        ws.title = "裁判名单"
        cols = _judge_columns(modules)
        notes = _JUDGE_NOTES
    elif kind == "answers":
        ws.title = "答案"
        cols = _key_columns(blueprint)
        notes = _KEY_NOTES
    elif kind == "answer_sheets":
        if blueprint is None:
            raise ValueError(Msg("intake.template.needs_blueprint"))
        ws.title = "答题"
        cols = [_Column(by.zh, 10, required=True, text=True)] + [
            _Column(str(n), 5) for n in range(1, blueprint.question_count + 1)
        ]
        notes = _DRAW_SHEET_NOTES if by.key == theory.DRAW.key else _SHEET_NOTES
    elif kind == "theory_scores":
        ws.title = "理论成绩"
        cols = [
            _Column("序号", 6),
            _Column(by.zh, 10, text=True),
            _Column("身份证号", 22, text=True, length=18),
            _Column("理论成绩", 10, required=True, prompt="0–100，最多两位小数；缺考填“缺考”"),
        ]
        notes = _DRAW_SCORE_NOTES if by.key == theory.DRAW.key else _SCORE_NOTES
    elif kind == "rubric":
        ws.title = "评分标准"
        cols = _rubric_columns()
        notes = _RUBRIC_NOTES
    else:
        raise ValueError(Msg("intake.template.unknown_kind", kind=repr(kind)))
    _lay_out(wb, ws, cols)
    if kind == "answers" and blueprint is not None:
        _prefill_key(ws, blueprint)
    _instructions(wb, notes, title, _RUBRIC_COMMON_NOTES if kind == "rubric" else _COMMON_NOTES)
    for sheet in wb.worksheets:
        inert_sheet(sheet)  # titles come from the contest configuration: never a formula
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    wb.close()
    return out


def _contestant_columns(projects: Sequence[str]) -> list[_Column]:
    f = contestants.FIELDS
    return [
        _Column(_spec(f, "seq").zh, 6),
        _Column(_spec(f, "name").zh, 12, required=True),
        _Column(_spec(f, "gender").zh, 8, required=True, choices=("男", "女")),
        _Column(
            _spec(f, "id_number").zh, 22, required=True, text=True, length=18, prompt="18 位，末位可为 X"
        ),
        _Column(_spec(f, "unit").zh, 30, required=True),
        _Column(_spec(f, "phone").zh, 16, text=True, prompt="11 位手机号，或带区号的固定电话"),
        _Column(_spec(f, "project").zh, 16, choices=tuple(projects)),
        _Column(_spec(f, "note").zh, 20),
    ]


def _judge_columns(modules: Sequence[str]) -> list[_Column]:
    f = judges.FIELDS
    roles = "、".join(judges.ROLES.values())
    module_hint = f"本次模块：{'、'.join(modules)}；" if modules else ""
    return [
        _Column(_spec(f, "seq").zh, 6),
        _Column(_spec(f, "code").zh, 10, required=True, text=True, prompt="登录用编号，如 J01，不能重复"),
        _Column(_spec(f, "name").zh, 12, required=True),
        _Column(_spec(f, "unit").zh, 30, required=True),
        _Column(_spec(f, "roles").zh, 20, required=True, prompt=f"可填：{roles}；多个用“、”分隔"),
        _Column(_spec(f, "modules").zh, 14, prompt=f"{module_hint}评分裁判必填，如 A 或 A、B"),
        _Column(_spec(f, "phone").zh, 16, text=True),
        _Column(_spec(f, "note").zh, 20),
    ]


def _key_columns(blueprint: TheoryBlueprint | None) -> list[_Column]:
    f = theory.KEY_FIELDS
    sections = tuple(s.title.zh for s in blueprint.sections) if blueprint else ()
    return [
        _Column(_spec(f, "number").zh, 8, required=True),
        _Column(_spec(f, "type").zh, 8, required=True, choices=("单选", "多选", "判断")),
        _Column(
            _spec(f, "answer").zh, 10, required=True, text=True, prompt="单选 A–D；多选如 ACD；判断 对/错"
        ),
        _Column(_spec(f, "section").zh, 16, choices=sections),
        _Column(_spec(f, "subarea").zh, 36),
    ]


def _lay_out(wb: Workbook, ws: Worksheet, cols: Sequence[_Column]) -> None:
    last = TEMPLATE_ROWS + 1
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        cell = ws.cell(row=1, column=j, value=col.header)
        cell.font = _REQUIRED_FONT if col.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if col.required:
            cell.comment = Comment("必填", "contest")
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(2, last + 1):
                ws.cell(row=r, column=j).number_format = "@"
        area = f"{letter}2:{letter}{last}"
        if col.choices:
            dv = DataValidation(type="list", formula1=_list_formula(wb, col.choices), allow_blank=True)
            dv.error = f"请从下拉列表中选择{col.header}"
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
            dv.error = f"{col.header}应为 {col.length} 位"
            dv.errorTitle = col.header
            dv.showErrorMessage = True
            dv.prompt = col.prompt or f"{col.length} 位"
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


def _prefill_key(ws: Worksheet, blueprint: TheoryBlueprint) -> None:
    number = 0
    for qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE):
        for s in blueprint.sections:
            for a in s.subareas:
                for g in a.groups:
                    if g.type != qtype:
                        continue
                    for _ in range(g.count):
                        number += 1
                        row = number + 1
                        ws.cell(row=row, column=1, value=number)
                        ws.cell(row=row, column=2, value=theory.TYPE_LABELS[qtype])
                        ws.cell(row=row, column=4, value=s.title.zh)
                        ws.cell(row=row, column=5, value=a.title.zh)


def _rubric_columns() -> list[_Column]:
    r = rubric_import
    kinds = ("测量", "评价", "直接打分", "否决")
    return [
        _Column(r.NUMBER.zh, 6, required=True, prompt="同一评分项的各行序号相同（可合并单元格）"),
        _Column(r.SECTION.zh, 14, prompt="选填：考核环节，如 工作准备；可合并单元格"),
        _Column(r.CONTENT.zh, 24, required=True),
        _Column(
            r.CRITERIA.zh,
            48,
            required=True,
            prompt="测量项每行一条扣分标准，写明“扣N分”；评价项四行为 0–3 级",
        ),
        _Column(r.POINTS.zh, 8, required=True, prompt="该评分项的配分（写在第一行或合并单元格）"),
        _Column(r.DEDUCT.zh, 8, prompt="选填：该条扣几分（不填则读“扣N分”）"),
        _Column(r.KIND.zh, 10, choices=kinds, prompt="测量（默认）、评价、直接打分、否决"),
        _Column(r.STEP.zh, 8, prompt="直接打分项的步长，默认 0.5"),
    ]


def _instructions(wb: Workbook, notes: Sequence[str], title: str, common: Sequence[str] = ()) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET)
    ws.column_dimensions["A"].width = 100
    heading = ws.cell(row=1, column=1, value=f"{title} 填写说明" if title else "填写说明")
    heading.font = Font(bold=True, size=14)
    for i, line in enumerate((*notes, *(common or _COMMON_NOTES)), start=3):
        cell = ws.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


_COMMON_NOTES = (
    "通用要求：",
    "· 第一行是表头，请不要修改列名、不要合并单元格；表头上方可以加标题行。",
    "· 每人（每题）占一行，中间不要留空行；不需要的行请整行删除。",
    "· 红色列名为必填项。带下拉框的列请从下拉列表中选择。",
    "· 导入时会一次列出所有问题，并生成一份标注了问题的副本（问题单元格填红色并附批注，另有“问题清单”工作表）。",
    "· 本表可另存为 .xlsx、.xls、.ods 或 CSV（UTF-8 或 GBK 编码）后导入。",
)
_CONTESTANT_NOTES = (
    "报名表：",
    "· 必填：姓名、性别、身份证号、工作单位。选填：联系电话、参赛项目、备注。序号列不导入，可留空。",
    "· 身份证号必须是 18 位居民身份证号，末位 X 大小写均可。本列已设置为“文本”格式："
    "请勿改成数字格式，否则 Excel 只保留 15 位有效数字，末几位会变成 0。",
    "· 从其他表格复制身份证号时，请用“选择性粘贴→数值”，粘贴后确认没有变成 4.40703E+17 这样的形式。",
    "· 性别填“男”或“女”，须与身份证号第 17 位一致（奇数为男，偶数为女）。",
    "· 联系电话填 11 位手机号，或带区号的固定电话（如 0750-3201234）；只填一个号码。",
    "· 同一身份证号只能出现一次。15 位旧身份证号不能使用。",
)
_JUDGE_NOTES = (
    "裁判名单：",
    "· 必填：编号、姓名、工作单位、角色。编号用于登录评分终端，只能用字母、数字、- 和 _，不能重复（如 J01）。",
    "· 角色可填：组织者（赛务）、加密裁判、评分裁判、裁判长、监督、仲裁组、统分（记分）；一人多个角色用“、”分隔。",
    "· 评分裁判必须填写评分模块（如 A，或 A、B）。",
    "· 工作单位用于回避：裁判不评本单位选手，请填写全称。",
)
_KEY_NOTES = (
    "理论答案：",
    "· 每题一行：题号、题型（单选/多选/判断）、答案，以及该题所属的模块和子领域（与组卷蓝图一致，用于确定分值和分项成绩）。",
    "· 单选答案填一个字母（A–D）；多选答案填全部正确选项，如 ACD 或 A,C,D；判断填 对/错（也可填 √/×、T/F、正确/错误）。",
    "· 每个子领域各题型的题数必须与组卷蓝图一致。",
)
_SHEET_NOTES = (
    "理论答题：",
    "· 每位考生一行：第一列赛位号（或准考证号），之后每题一列，列名为题号。",
    "· 单选填一个字母；多选填字母组合（如 ACD）；判断填 对/错。未作答留空。",
)
_SCORE_NOTES = (
    "理论成绩：",
    "· 每位考生一行：赛位号或身份证号（至少一个）和理论成绩。",
    "· 理论成绩为 0–100 的分数，最多两位小数；缺考填“缺考”。",
)
_BY_DRAW = "· 本竞赛按模块抽签，各模块的赛位号不同，没有全场统一的赛位号：请填选手的抽签号，不要填赛位号。"
_DRAW_SHEET_NOTES = (
    "理论答题：",
    "· 每位考生一行：第一列抽签号，之后每题一列，列名为题号。",
    _BY_DRAW,
    "· 单选填一个字母；多选填字母组合（如 ACD）；判断填 对/错。未作答留空。",
)
_DRAW_SCORE_NOTES = (
    "理论成绩：",
    "· 每位考生一行：抽签号或身份证号（至少一个）和理论成绩。",
    _BY_DRAW,
    "· 理论成绩为 0–100 的分数，最多两位小数；缺考填“缺考”。",
)
_RUBRIC_NOTES = (
    "评分标准（导入：contest rubrics import 本表.xlsx -o 模块.toml --code A --title 模块名称）：",
    "· 每条评分标准一行。同一评分项（同一序号）的各行可合并“序号”“考核内容”“配分”单元格，也可每行重复填写。",
    "· 类型：测量（默认）——每行一条扣分标准，写明“扣N分”或填“扣分”列；含“每”（每处、每次、每漏一项）"
    "的可重复扣分，最多扣完该项配分。",
    "· 类型：评价——正好四行，依次为 0、1、2、3 级的描述（或每行以等级开头，如“3：熟练规范”）；得分 = 配分 × 等级 ÷ 3。",
    "· 类型：直接打分（操作总分）——一行，裁判直接填分，0 至配分，按“步长”（默认 0.5）。",
    "· 类型：否决——否决项一行，写在“评分要求或扣分标准”列；含“取消”（取消资格）的取消竞赛资格，否则该模块记 0 分。",
    "· “环节”列选填：同一环节的评分项归为一组；不填时，考核内容相同的相邻评分项归为一组。",
    "· 模块满分为各评分项配分之和。导入时列出全部问题（工作表、行、列），没有问题才生成评分细则文件。",
)
_RUBRIC_COMMON_NOTES = (
    "通用要求：",
    "· 第一行是表头，请不要修改列名；表头上方可以加标题行。",
    "· 红色列名为必填项。带下拉框的列请从下拉列表中选择。",
    "· 本表可另存为 .xlsx、.xls、.ods 或 CSV（UTF-8 或 GBK 编码）后导入。",
)
