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

from contest.cli.common import console, services, state, t
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
    locate_column,
    mapping_arg,
    need_file,
    problem_at,
    sheet_arg,
    sign_in,
)
from contest.cli.output import friendly
from contest.errors import ContestError
from contest.i18n import Msg

if TYPE_CHECKING:
    from contest.config import ContestConfig
    from contest.intake.analysis import ItemAnalysis
    from contest.intake.problems import RowProblem
    from contest.intake.theory import AnswerKey, TheoryMark
    from rubrics.model import TheoryBlueprint


def _blueprint(cfg: ContestConfig) -> TheoryBlueprint:
    if cfg.theory is None:
        raise ContestError(Msg("cli.theory.not_configured"))
    return cfg.theory


def _read_key(
    file: Path,
    blueprint: TheoryBlueprint,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    header_row: int | None = None,
) -> AnswerKey:
    from contest.intake import answer_key, read_answer_key

    with busy("cli.theory.reading_key"):
        result = read_answer_key(
            file, blueprint, sheet=sheet_arg(sheet), mapping=mapping, header_row=header_row, lang=state.lang
        )
    return answer_key(blueprint, accepted(file, result, "cli.import.empty.questions"))


def _section_titles(blueprint: TheoryBlueprint) -> dict[str, str]:
    return {s.id: s.title.get(state.lang) for s in blueprint.sections}


def _type_name(qtype: Any) -> str:
    return t(f"cli.theory.type.{qtype.value}")


def _rule_text(key: AnswerKey) -> str:
    from rubrics.model import MultipleRule

    if key.multiple_rule == MultipleRule.PARTIAL:
        return t("cli.theory.rule_partial")
    return t("cli.theory.rule_all")


def _print_key(key: AnswerKey, blueprint: TheoryBlueprint) -> None:
    from contest.intake.theory import TYPE_LABELS

    titles = _section_titles(blueprint)
    table = RichTable(title=t("cli.theory.key_title"))
    table.add_column(t("cli.theory.col.section"))
    present = {q.type for q in key.questions}
    types = [qt for qt in TYPE_LABELS if qt in present]
    for qt in types:
        table.add_column(_type_name(qt), justify="right")
    table.add_column(t("cli.theory.col.questions"), justify="right")
    table.add_column(t("cli.theory.col.points"), justify="right")
    groups = list(key.sections) or [""]
    for sec in [*groups, None]:
        qs = [q for q in key.questions if sec is None or q.section == sec]
        label = (
            t("cli.theory.total_row") if sec is None else titles.get(sec, sec) or t("cli.theory.whole_paper")
        )
        cells = []
        for qt in types:
            of_type = [q for q in qs if q.type == qt]
            pts = sum((q.points for q in of_type), Decimal(0))
            cells.append(f"{len(of_type)} / {pts}" if of_type else "—")
        table.add_row(
            label,
            *cells,
            str(len(qs)),
            str(sum((q.points for q in qs), Decimal(0))),
            style="bold" if sec is None else None,
        )
    console.print(table)
    console.print(
        t(
            "cli.theory.key_note",
            blueprint=blueprint.id,
            title=blueprint.title.get(state.lang),
            rule=_rule_text(key),
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
        t("cli.theory.key_valid", questions=len(key.questions), points=key.max_points, file=escape(file.name))
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
    table = RichTable(title=t("cli.theory.marks_title"))
    table.add_column(t("cli.theory.col.draw") if kind == "draw" else t("cli.theory.col.station"))
    for sec in key.sections:
        table.add_column(titles.get(sec, sec), justify="right")
    table.add_column(t("cli.theory.col.total"), justify="right")
    table.add_column(t("cli.theory.col.blank"), justify="right")
    for m in sorted(marks, key=lambda x: number_order(x.station)):
        blank = sum(1 for q in m.questions if not q.given)
        table.add_row(
            escape(m.station),
            *(_pts(m.section(s)) for s in key.sections),
            f"[bold]{_pts(m.total)}[/]",
            str(blank),
        )
    console.print(table)


def print_item_analysis(
    analysis: ItemAnalysis, blueprint: TheoryBlueprint, flagged_only: bool = False
) -> None:
    """The item analysis as a rich table, then the questions to look at."""
    from contest.intake.analysis import ItemFlag, flag_text, percent, shown_answer, wrong_text

    lang = state.lang
    titles = _section_titles(blueprint)
    items = analysis.flagged if flagged_only else analysis.items
    table = RichTable(title=t("cli.theory.analysis_title"))
    for c, j in (
        ("number", "right"),
        ("type", "left"),
        ("section", "left"),
        ("key", "left"),
        ("correct", "right"),
        ("blank", "right"),
        ("discrimination", "right"),
        ("wrong", "left"),
        ("note", "left"),
    ):
        table.add_column(t(f"cli.theory.col.{c}"), justify=j)  # type: ignore[arg-type]
    for i in items:
        style = None
        if ItemFlag.NONE_CORRECT in i.flags or ItemFlag.NEGATIVE in i.flags:
            style = "red"
        elif ItemFlag.ALL_CORRECT in i.flags:
            style = "yellow"
        table.add_row(
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
        console.print(table)
    console.print(
        t(
            "cli.theory.analysis_summary",
            papers=analysis.papers,
            mean=_opt(analysis.mean),
            highest=_opt(analysis.highest),
            lowest=_opt(analysis.lowest),
            max_points=_pts(analysis.max_points),
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
        text = t("cli.import.list_sep").join(parts[:30])
        if more > 0:
            text += t("cli.theory.more_questions", n=len(ns))
        return text

    if none:
        console.print(t("cli.theory.none_correct", numbers=nums(none)))
    if negative:
        console.print(t("cli.theory.negative", numbers=nums(negative)))
    if every:
        console.print(t("cli.theory.all_correct", numbers=nums(every)))
    if not (none or negative or every):
        console.print(t("cli.theory.nothing_flagged"))


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
            Msg("cli.theory.no_draw_numbers" if numbers.kind == "draw" else "cli.theory.no_stations")
        )
    with busy("cli.theory.reading_answers"):
        result = read_answer_sheets(
            file, key, by=spec, sheet=sheet_arg(sheet), header_row=header_row, lang=state.lang
        )
    match, problems = check_stations(file, result, stations, spec)
    records = accepted(
        file, result, "cli.import.empty.answer_sheets", "cli.import.noun.answer_sheets", problems
    )
    sheets = [dataclasses.replace(s, station=match(s.station) or s.station) for s in records]
    marks = mark_answers(key, sheets)
    analysis = analyse_items(key, marks)
    _print_marks(marks, key, bp, numbers.kind)
    if not dry_run:
        with busy("cli.import.storing"):
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
            title=t("cli.theory.analysis_workbook_title", file=file.name),
            lang=state.lang,
        )
        console.print(t("cli.theory.analysis_written", path=escape(str(path))))
    if missing:
        console.print(
            t(
                "cli.theory.missing_draw" if numbers.kind == "draw" else "cli.theory.missing_stations",
                numbers=escape(t("cli.import.list_sep").join(missing)),
            )
        )
    if dry_run:
        console.print(t("cli.theory.marked_dry_run", n=len(marks), rule=_rule_text(key)))
    else:
        console.print(t("cli.theory.marked_done", n=n, rule=_rule_text(key)))


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
    with busy("cli.theory.reading_scores"):
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
            raise ContestError(Msg("cli.theory.no_draw_for_numbers", noun=noun))
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
                        t("cli.theory.row_without_id", noun=noun),
                    )
                )
    accepted(file, result, "cli.import.empty.scores", "cli.import.noun.candidates", problems)
    scores: dict[str, tuple[Decimal, dict[str, Decimal]]] = {
        keys[r.source_row]: (r.score if r.score is not None else Decimal(0), {}) for r in records
    }
    table = RichTable(title=t("cli.theory.scores_title"))
    for c in (
        t("cli.theory.col.row"),
        t("cli.theory.col.id_number") if by_id else spec.label(state.lang),
        t("cli.theory.col.score"),
    ):
        table.add_column(c)
    for r in records:
        who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
        shown = t("cli.theory.absent_zero") if r.absent else str(r.score)
        table.add_row(str(r.source_row), who, shown, style="yellow" if r.absent else None)
    console.print(table)
    for r in records:
        if r.absent:
            who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
            console.print(t("cli.theory.absent_note", row=r.source_row, who=who))
    how = t("cli.theory.by_id") if by_id else t("cli.theory.by_number", noun=noun)
    if dry_run:
        console.print(t("cli.theory.scores_dry_run", n=len(scores), how=how))
        return
    with busy("cli.import.storing"):
        n = sv.import_theory_scores(
            actor, scores, key="id" if by_id else numbers.kind, source=file.name, correction=fix
        )
    console.print(t("cli.theory.scores_done", n=n, how=how))
