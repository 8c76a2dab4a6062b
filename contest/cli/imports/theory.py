"""The theory exam's imports: ``contest import answer-key`` (check a key against the blueprint),
``contest import answers`` (mark answer sheets with a key, store the scores, show the item analysis) and
``contest import theory-scores`` (scores marked elsewhere)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from contest.cli.common import console, services, state
from contest.cli.door import AsOpt, CorrChief, CorrReason, CorrSupervisor
from contest.cli.imports.stations import (
    check_stations,
    number_noun,
    number_order,
    number_spec,
    theory_numbers,
)
from contest.cli.imports.steps import (
    DryRunOpt,
    FileArg,
    HeaderRowOpt,
    MapOpt,
    SheetOpt,
    accepted,
    busy,
    config_of,
    english,
    locate_column,
    mapping_arg,
    need_file,
    problem_at,
    sheet_arg,
    sign_in,
    tr,
)
from contest.cli.output import friendly
from contest.errors import ContestError

if TYPE_CHECKING:
    from contest.config import ContestConfig
    from contest.intake.analysis import ItemAnalysis
    from contest.intake.problems import RowProblem
    from contest.intake.theory import AnswerKey, TheoryMark
    from rubrics.model import TheoryBlueprint


def _blueprint(cfg: ContestConfig) -> TheoryBlueprint:
    if cfg.theory is None:
        raise ContestError(
            tr(
                "本竞赛没有配置理论考试（contest.toml 的 scoring.theory_blueprint）",
                "This contest has no theory exam (scoring.theory_blueprint in contest.toml)",
            )
        )
    return cfg.theory


def _read_key(
    file: Path,
    blueprint: TheoryBlueprint,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    header_row: int | None = None,
) -> AnswerKey:
    from contest.intake import answer_key, read_answer_key

    with busy("正在读取并检查答案…", "Reading and checking the key…"):
        result = read_answer_key(
            file, blueprint, sheet=sheet_arg(sheet), mapping=mapping, header_row=header_row, lang=state.lang
        )
    return answer_key(blueprint, accepted(file, result, ("中没有题目", "holds no questions")))


def _section_titles(blueprint: TheoryBlueprint) -> dict[str, str]:
    return {s.id: (s.title.en or s.title.zh) if english() else s.title.zh for s in blueprint.sections}


def _type_name(qtype: Any) -> str:
    from contest.intake.theory import TYPE_LABELS

    return str(qtype.value) if english() else TYPE_LABELS[qtype]


def _rule_text(key: AnswerKey) -> str:
    from rubrics.model import MultipleRule

    if key.multiple_rule == MultipleRule.PARTIAL:
        return tr("多选题少选（无错选）得一半分", "multiple choice: half points for a correct subset")
    return tr("多选题全对才得分", "multiple choice: all or nothing")


def _print_key(key: AnswerKey, blueprint: TheoryBlueprint) -> None:
    from contest.intake.theory import TYPE_LABELS

    titles = _section_titles(blueprint)
    t = RichTable(title=tr("答案概况", "Answer key"))
    t.add_column(tr("模块", "Section"))
    present = {q.type for q in key.questions}
    types = [qt for qt in TYPE_LABELS if qt in present]
    for qt in types:
        t.add_column(_type_name(qt), justify="right")
    t.add_column(tr("题数", "Questions"), justify="right")
    t.add_column(tr("分值", "Points"), justify="right")
    groups = list(key.sections) or [""]
    for sec in [*groups, None]:
        qs = [q for q in key.questions if sec is None or q.section == sec]
        label = tr("合计", "Total") if sec is None else titles.get(sec, sec) or tr("全卷", "Paper")
        cells = []
        for qt in types:
            of_type = [q for q in qs if q.type == qt]
            pts = sum((q.points for q in of_type), Decimal(0))
            cells.append(f"{len(of_type)} / {pts}" if of_type else "—")
        t.add_row(
            label,
            *cells,
            str(len(qs)),
            str(sum((q.points for q in qs), Decimal(0))),
            style="bold" if sec is None else None,
        )
    console.print(t)
    console.print(
        tr(
            f"组卷蓝图 {blueprint.id}（{blueprint.title.zh}）；{_rule_text(key)}。单元格为“题数 / 分值”",
            f"Blueprint {blueprint.id} ({blueprint.title.get('en')}); {_rule_text(key)}. Cells are questions / points",
        )
    )


@friendly
def import_answer_key_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
) -> None:
    """检查理论答案（对照组卷蓝图）并显示概况；不保存，评分时用 import answers --key / check an answer key."""
    need_file(file)
    sv = services()
    bp = _blueprint(config_of(sv))
    key = _read_key(file, bp, sheet, mapping_arg(map_), header_row)
    _print_key(key, bp)
    console.print(
        tr(
            f"[green]✓ 答案无误[/]：{len(key.questions)} 题，共 {key.max_points} 分。答案不存入数据库；"
            f"导入答卷时请用 [bold]contest import answers 答卷.xlsx --key {escape(file.name)}[/]",
            f"[green]✓ The key is valid[/]: {len(key.questions)} questions, {key.max_points} points. It is not "
            f"stored; mark papers with [bold]contest import answers SHEETS.xlsx --key {escape(file.name)}[/]",
        )
    )


def _pts(value: Decimal) -> str:
    """Points with two decimals, as the standings show them."""
    return f"{value:.2f}"


def _opt(value: Decimal | None) -> str:
    return "—" if value is None else _pts(value)


def _print_marks(
    marks: Sequence[TheoryMark], key: AnswerKey, blueprint: TheoryBlueprint, kind: str = "station"
) -> None:
    titles = _section_titles(blueprint)
    t = RichTable(title=tr("理论成绩（自动评分）", "Theory scores (auto-marked)"))
    t.add_column(tr("抽签号", "Draw number") if kind == "draw" else tr("赛位号", "Station"))
    for sec in key.sections:
        t.add_column(titles.get(sec, sec), justify="right")
    t.add_column(tr("总分", "Total"), justify="right")
    t.add_column(tr("未答", "Blank"), justify="right")
    for m in sorted(marks, key=lambda x: number_order(x.station)):
        blank = sum(1 for q in m.questions if not q.given)
        t.add_row(
            escape(m.station),
            *(_pts(m.section(s)) for s in key.sections),
            f"[bold]{_pts(m.total)}[/]",
            str(blank),
        )
    console.print(t)


def print_item_analysis(
    analysis: ItemAnalysis, blueprint: TheoryBlueprint, flagged_only: bool = False
) -> None:
    """The item analysis as a rich table, then the questions to look at."""
    from contest.intake.analysis import ItemFlag, flag_text, percent, shown_answer, wrong_text

    lang = state.lang
    titles = _section_titles(blueprint)
    items = analysis.flagged if flagged_only else analysis.items
    t = RichTable(title=tr("题目分析", "Item analysis"))
    for c, j in (
        (tr("题号", "No."), "right"),
        (tr("题型", "Type"), "left"),
        (tr("模块", "Section"), "left"),
        (tr("答案", "Key"), "left"),
        (tr("答对率", "Correct"), "right"),
        (tr("未答", "Blank"), "right"),
        (tr("区分度", "Discr."), "right"),
        (tr("常见错答", "Wrong answers"), "left"),
        (tr("提示", "Note"), "left"),
    ):
        t.add_column(c, justify=j)  # type: ignore[arg-type]
    for i in items:
        style = None
        if ItemFlag.NONE_CORRECT in i.flags or ItemFlag.NEGATIVE in i.flags:
            style = "red"
        elif ItemFlag.ALL_CORRECT in i.flags:
            style = "yellow"
        t.add_row(
            str(i.number),
            _type_name(i.type),
            titles.get(i.section, i.section),
            shown_answer(i.answer, i.type, lang),
            percent(i.share_correct),
            str(i.blank),
            str(i.discrimination) if i.discrimination is not None else "—",
            wrong_text(i, lang),
            flag_text(i, lang),
            style=style,
        )
    if items:
        console.print(t)
    console.print(
        tr(
            f"答卷 {analysis.papers} 份，平均分 {_opt(analysis.mean)}，最高 {_opt(analysis.highest)}，"
            f"最低 {_opt(analysis.lowest)}（卷面 {_pts(analysis.max_points)} 分）",
            f"{analysis.papers} papers, mean {_opt(analysis.mean)}, highest {_opt(analysis.highest)}, "
            f"lowest {_opt(analysis.lowest)} (out of {_pts(analysis.max_points)})",
        )
    )
    none = analysis.with_flag(ItemFlag.NONE_CORRECT)
    every = analysis.with_flag(ItemFlag.ALL_CORRECT)
    negative = analysis.with_flag(ItemFlag.NEGATIVE)

    def nums(ns: Sequence[int]) -> str:
        runs: list[list[int]] = []
        for n in sorted(ns):
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
        more = len(parts) - 30
        text = (", " if english() else "、").join(parts[:30])
        if more > 0:
            text += tr(f" 等（共 {len(ns)} 题）", f" … ({len(ns)} questions)")
        return text

    if none:
        console.print(
            tr(
                f"[red]无人答对的题：{nums(none)}。请核对这些题的答案是否正确[/]",
                f"[red]Nobody answered correctly: {nums(none)}. Check the key for these questions[/]",
            )
        )
    if negative:
        console.print(
            tr(
                f"[red]高分组答对率低于低分组的题：{nums(negative)}。请核对答案和题目[/]",
                f"[red]Negative discrimination: {nums(negative)}. Check key and wording[/]",
            )
        )
    if every:
        console.print(
            tr(
                f"[yellow]全部答对的题：{nums(every)}[/]",
                f"[yellow]Everybody answered correctly: {nums(every)}[/]",
            )
        )
    if not (none or negative or every):
        console.print(tr("没有需要特别核对的题目", "No question needs a second look"))


@friendly
def import_answers_cmd(
    file: FileArg,
    key_file: Annotated[
        Path,
        typer.Option(
            "--key",
            help="理论答案文件（题号、题型、答案、模块、子领域）/ the answer key file",
            show_default=False,
        ),
    ],
    sheet: SheetOpt = None,
    header_row: HeaderRowOpt = None,
    key_sheet: Annotated[
        str | None, typer.Option("--key-sheet", help="答案文件的工作表 / sheet of the key file")
    ] = None,
    analysis_out: Annotated[
        Path | None,
        typer.Option(
            "--analysis", help="把题目分析另存为 .xlsx / also write the item analysis to this .xlsx"
        ),
    ] = None,
    flagged_only: Annotated[
        bool,
        typer.Option("--flagged-only", help="题目分析只显示需要核对的题 / show only flagged questions"),
    ] = False,
    dry_run: DryRunOpt = False,
    as_: AsOpt = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """导入理论答卷，按答案自动评分并保存成绩（含分项），显示题目分析 / mark answer sheets and store theory scores.

    答卷每位考生一行：赛位号和每题一列（题号作列名），也可每题一行（赛位号、题号、答案）。按模块抽签
    （[draw] scope = "module"）时没有全场统一的赛位号，答卷按抽签号匹配：用“抽签号”列代替“赛位号”列。
    """
    sv, actor, fix = sign_in(
        as_, "导入理论成绩", file, key_file, chief=chief, supervisor=supervisor, reason=reason
    )
    from contest.intake import mark_answers, read_answer_sheets
    from contest.intake.analysis import analyse_items, write_item_analysis

    bp = _blueprint(config_of(sv))
    key = _read_key(key_file, bp, key_sheet)
    numbers = theory_numbers(sv)
    spec = number_spec(numbers.kind)
    stations = list(numbers.numbers)
    if not stations:
        raise ContestError(
            tr(
                "还没有抽签，没有抽签号。答卷按抽签号评分，请先抽签（contest draw）",
                "No draw yet, so no draw numbers. Answer sheets are matched by draw number: run contest draw first",
            )
            if numbers.kind == "draw"
            else tr(
                "还没有抽签，没有赛位号。答卷按赛位号评分，请先抽签（contest draw）",
                "No draw yet, so no station numbers. Answer sheets are matched by station: run contest draw first",
            )
        )
    with busy("正在读取答卷…", "Reading the answer sheets…"):
        result = read_answer_sheets(
            file, key, by=spec, sheet=sheet_arg(sheet), header_row=header_row, lang=state.lang
        )
    match, problems = check_stations(file, result, stations, spec)
    records = accepted(
        file, result, ("中没有答卷", "holds no answer sheets"), ("份答卷", "answer sheets"), problems
    )
    sheets = [dataclasses.replace(s, station=match(s.station) or s.station) for s in records]
    marks = mark_answers(key, sheets)
    analysis = analyse_items(key, marks)
    _print_marks(marks, key, bp, numbers.kind)
    if not dry_run:
        with busy("正在保存…", "Storing…"):
            n = sv.import_theory_scores(
                actor,
                {m.station: (m.total, m.breakdown()) for m in marks},
                key=numbers.kind,
                source=f"{file.name}（{key_file.name}）",
                correction=fix,
            )
    missing = sorted(set(stations) - {m.station for m in marks}, key=number_order)
    print_item_analysis(analysis, bp, flagged_only)
    if analysis_out is not None:
        path = write_item_analysis(
            analysis,
            analysis_out,
            section_titles=_section_titles(bp),
            title=tr(f"理论考试题目分析（{file.name}）", f"Theory item analysis ({file.name})"),
            lang=state.lang,
        )
        console.print(
            tr(f"题目分析已写入 {escape(str(path))}", f"Item analysis written to {escape(str(path))}")
        )
    if missing:
        console.print(
            tr(
                f"[yellow]这些抽签号没有答卷，理论成绩暂缺：{'、'.join(missing)}[/]",
                f"[yellow]No answer sheet for these draw numbers (theory score still empty): {', '.join(missing)}[/]",
            )
            if numbers.kind == "draw"
            else tr(
                f"[yellow]这些赛位没有答卷，理论成绩暂缺：{'、'.join(missing)}[/]",
                f"[yellow]No answer sheet for these stations (theory score still empty): {', '.join(missing)}[/]",
            )
        )
    if dry_run:
        console.print(
            tr(
                f"[yellow]试运行，未写入[/]：{len(marks)} 份答卷已评分（{_rule_text(key)}）",
                f"[yellow]Dry run, nothing stored[/]: {len(marks)} papers marked ({_rule_text(key)})",
            )
        )
    else:
        console.print(
            tr(
                f"[green]✓ 理论成绩已保存[/]：{n} 人（{_rule_text(key)}）",
                f"[green]✓ Theory scores stored[/]: {n} candidates ({_rule_text(key)})",
            )
        )


# -- theory: direct scores -----------------------------------------------------------------------------------------
@friendly
def import_theory_scores_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
    dry_run: DryRunOpt = False,
    as_: AsOpt = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """直接导入理论成绩（赛位号或身份证号 + 理论成绩；缺考按 0 分）/ import theory scores marked elsewhere.

    每行都有身份证号时按身份证号匹配（抽签前也可导入），否则按赛位号匹配（须已抽签）。按模块抽签
    （[draw] scope = "module"）时没有全场统一的赛位号：用“抽签号”列代替“赛位号”列。
    """
    sv, actor, fix = sign_in(as_, "导入理论成绩", file, chief=chief, supervisor=supervisor, reason=reason)
    from contest.intake import import_theory_scores, mask_id
    from contest.intake.theory import score_fields

    numbers = theory_numbers(sv)
    spec = number_spec(numbers.kind)
    specs = {f.key: f for f in score_fields(spec)}
    noun = number_noun(numbers.kind)
    mapping = mapping_arg(map_)
    with busy("正在读取理论成绩…", "Reading the scores…"):
        result = import_theory_scores(
            file, by=spec, sheet=sheet_arg(sheet), mapping=mapping, header_row=header_row, lang=state.lang
        )
    records = result.records
    problems: list[RowProblem] = []
    by_id = bool(records) and all(r.id_number for r in records)
    keys: dict[int, str] = {}
    if by_id:
        keys = {r.source_row: r.id_number for r in records}
    elif records and all(r.station for r in records):
        stations = list(numbers.numbers)
        if not stations:
            raise ContestError(
                tr(
                    f"还没有抽签，不能按{noun}导入。请先抽签，或在每一行填写身份证号",
                    f"No draw yet, so {noun}s cannot be matched. Draw first, or give every row an ID number",
                )
            )
        match, unknown = check_stations(file, result, stations, specs[spec.key], mapping)
        problems += unknown
        keys = {r.source_row: match(r.station) or r.station for r in records}
    elif records:
        column = locate_column(file, result, specs["id_number"], mapping)[2]
        for r in records:
            if not r.id_number:
                problems.append(
                    problem_at(
                        file,
                        result,
                        r.source_row,
                        column,
                        "id_number",
                        "",
                        tr(
                            f"这一行没有身份证号，而其他行有。同一文件请统一：每行都填身份证号，或每行都填{noun}",
                            "This row has no ID number while others do. Give every row an ID number, or every row a "
                            f"{noun}",
                        ),
                    )
                )
    accepted(file, result, ("中没有成绩", "holds no scores"), ("人", "candidates"), problems)
    scores: dict[str, tuple[Decimal, dict[str, Decimal]]] = {
        keys[r.source_row]: (r.score if r.score is not None else Decimal(0), {}) for r in records
    }
    t = RichTable(title=tr("理论成绩", "Theory scores"))
    for c in (
        tr("行", "Row"),
        tr("身份证号", "ID number") if by_id else spec.label(state.lang),
        tr("成绩", "Score"),
    ):
        t.add_column(c)
    for r in records:
        who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
        shown = tr("缺考（按 0 分）", "absent (0)") if r.absent else str(r.score)
        t.add_row(str(r.source_row), who, shown, style="yellow" if r.absent else None)
    console.print(t)
    for r in records:
        if r.absent:
            who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
            console.print(
                tr(
                    f"[yellow]注意：第 {r.source_row} 行 {who} 缺考，理论成绩按 0 分计[/]",
                    f"[yellow]Note: row {r.source_row} {who} was absent; theory score counts as 0[/]",
                )
            )
    how = tr("按身份证号匹配", "matched by ID number") if by_id else tr(f"按{noun}匹配", f"matched by {noun}")
    if dry_run:
        console.print(
            tr(
                f"[yellow]试运行，未写入[/]：{len(scores)} 人，{how}",
                f"[yellow]Dry run, nothing stored[/]: {len(scores)} candidates, {how}",
            )
        )
        return
    with busy("正在保存…", "Storing…"):
        n = sv.import_theory_scores(
            actor, scores, key="id" if by_id else numbers.kind, source=file.name, correction=fix
        )
    console.print(
        tr(
            f"[green]✓ 理论成绩已保存[/]：{n} 人，{how}",
            f"[green]✓ Theory scores stored[/]: {n} candidates, {how}",
        )
    )
