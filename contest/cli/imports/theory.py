"""CLI commands for intake: ``contest import …`` and ``contest template …`` (registered on the main app).

Every import reads the organiser's file with :mod:`contest.intake`, and stores nothing unless the whole file is
clean: otherwise the problems are listed (sheet, row, column, value, advice) and an annotated copy of the file is
written next to it. The services then do the storing as the host console (one transaction, one audit event).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from contest.cli import app, console, err, friendly, import_app, services, state
from contest.cli.door import AsOpt, CorrChief, CorrReason, CorrSupervisor, correction, door
from contest.errors import ContestError, ImportRefused

if TYPE_CHECKING:
    from contest.config import ContestConfig
    from contest.intake.analysis import ItemAnalysis
    from contest.intake.columns import FieldSpec
    from contest.intake.problems import ImportResult, RowProblem
    from contest.intake.reader import Table
    from contest.intake.theory import AnswerKey, TheoryMark
    from contest.services.core import Correction
    from contest.services.views import TheoryNumbers
    from rubrics.model import TheoryBlueprint

T = TypeVar("T")

# -- shared options ------------------------------------------------------------------------------------------------
FileArg = Annotated[
    Path, typer.Argument(help="文件 .xlsx/.xlsm/.xls/.ods/.csv / the file", show_default=False)
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="工作表名称或序号（从 0 起数；默认自动查找）/ sheet name or 0-based index"),
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="指定列：字段=表头或列字母，可重复，如 --map 身份证号=证件号 --map phone=F / map a field to a column",
    ),
]
HeaderRowOpt = Annotated[
    int | None, typer.Option("--header-row", help="表头所在行号（默认自动查找）/ header row number", min=1)
]
DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="只检查并显示将要发生的变化，不写入 / validate and show, store nothing"),
]


def _en() -> bool:
    return state.lang == "en"


def _t(zh: str, en: str) -> str:
    """The text in the session's language."""
    return en if _en() else zh


def _sheet(value: str | None) -> str | int | None:
    """``--sheet``: digits are a 0-based index (as the readers count), anything else a name."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    return int(v) if v.isdigit() else v


def _need(file: Path) -> Path:
    """Refuse a path that is not a file, before anything else happens."""
    if not file.is_file():
        raise ContestError(
            _t(f"找不到文件 {escape(str(file))}", f"File not found: {escape(str(file))}")
            if not file.exists()
            else _t(f"{escape(str(file))} 不是文件", f"{escape(str(file))} is not a file")
        )
    return file


def _mapping(items: Sequence[str] | None) -> dict[str, str] | None:
    """``--map field=header`` options as a dict."""
    if not items:
        return None
    out: dict[str, str] = {}
    for item in items:
        field, sep, target = item.partition("=")
        if not sep or not field.strip() or not target.strip():
            raise ContestError(
                _t(
                    f"--map 的格式应为 字段=表头（如 身份证号=证件号码），得到“{item}”",
                    f"--map takes field=header (e.g. id_number=证件号码), got “{item}”",
                )
            )
        out[field.strip()] = target.strip()
    return out


@contextmanager
def _busy(zh: str, en: str) -> Iterator[None]:
    """A spinner while a large file is read or stored (shown on a terminal only)."""
    with console.status(_t(zh, en)):
        yield


def _refuse(file: Path, problems: Sequence[RowProblem]) -> NoReturn:
    """Write the annotated copy next to ``file`` (when it can be opened) and refuse the import."""
    from contest.intake import problem_order, write_annotated

    ordered = sorted(problems, key=problem_order)
    annotated: str | None = None
    if file.is_file() and any(p.row is not None for p in ordered):
        try:
            annotated = str(write_annotated(file, ordered, lang=state.lang))
        except (OSError, ValueError) as exc:
            err.print(
                _t(
                    f"[yellow]无法写入标注副本（{escape(str(exc))}），请根据下表逐项修改[/]",
                    f"[yellow]could not write the annotated copy ({escape(str(exc))}); fix the problems listed[/]",
                )
            )
    raise ImportRefused(list(ordered), annotated)


def _sign_in(
    as_: str | None,
    action: str,
    *files: Path,
    chief: str | None = None,
    supervisor: str | None = None,
    reason: str | None = None,
) -> tuple[Any, Any, Correction | None]:
    """The start of every storing import: each file must exist, then the services, the official signed in for
    ``action`` (``--as`` and PIN) and the 更正 decision when ``--chief``/``--supervisor``/``--reason`` are given."""
    for file in files:
        _need(file)
    sv = services()
    actor = door(sv, as_, action)
    return sv, actor, correction(sv, actor, chief, supervisor, reason)


def _accepted(
    file: Path,
    result: ImportResult[T],
    empty: tuple[str, str],
    noun: tuple[str, str] | None = None,
    problems: Sequence[RowProblem] = (),
) -> tuple[T, ...]:
    """The records of a clean file: refused (annotated copy, :class:`ImportRefused`) if the reader or the caller
    found any problem; the reader's notes printed; refused if it holds no record (``empty``: what to say after the
    file's name, Chinese and English); where they were read printed when ``noun`` (Chinese, English) is given."""
    if result.problems or problems:
        _refuse(file, [*result.problems, *problems])
    for note in result.notes:
        console.print(f"[yellow]{escape(note)}[/]")
    if not result.records:
        raise ContestError(_t(f"{escape(file.name)} {empty[0]}", f"{escape(file.name)} {empty[1]}"))
    if noun is not None:
        _where(file, result, len(result.records), *noun)
    return result.records


def _where(file: Path, result: ImportResult[Any], count: int, noun_zh: str, noun_en: str) -> None:
    sheet = f"，工作表“{escape(result.sheet)}”" if result.sheet else ""
    sheet_en = f", sheet “{escape(result.sheet)}”" if result.sheet else ""
    console.print(
        _t(
            f"读取 {escape(file.name)}{sheet}，表头在第 {result.header_row} 行：{count} {noun_zh}",
            f"Read {escape(file.name)}{sheet_en}, header in row {result.header_row}: {count} {noun_en}",
        )
    )


def _config(sv: Any) -> ContestConfig:
    return sv.config()  # type: ignore[no-any-return]


def _problem(
    file: Path,
    result: ImportResult[Any],
    row: int,
    column: tuple[str, str],
    field: str,
    value: str,
    message: str,
) -> RowProblem:
    from contest.intake import RowProblem

    return RowProblem(
        file=file.name,
        sheet=result.sheet,
        row=row,
        column=column[0],
        field=field,
        value=value,
        message=message,
        header=column[1],
        lang=state.lang,
    )


def _locate(
    file: Path, result: ImportResult[Any], spec: FieldSpec, mapping: Mapping[str, str] | None = None
) -> tuple[Table | None, int | None, tuple[str, str]]:
    """The table the reader used, ``spec``'s 0-based column in it, and (column letters, header text) for problems.

    The readers hand back only good rows, so commands that check a column against the contest (station numbers)
    read the table again to see every cell.
    """
    from contest.intake import column_letter, header_key, read_table
    from contest.intake.problems import column_index

    table, _ = read_table(
        file, match=lambda _k: True, sheet=result.sheet or None, header_row=result.header_row
    )
    if table is None:
        return None, None, ("", spec.zh)
    keys = [header_key(h) for h in table.headers]
    col: int | None = None
    for name, target in (mapping or {}).items():
        if name == spec.key or header_key(name) in spec.header_keys():
            col = keys.index(header_key(target)) if header_key(target) in keys else column_index(target)
    if col is None:
        col = next((i for i, k in enumerate(keys) if k and k in spec.header_keys()), None)
    if col is None:
        return table, None, ("", spec.zh)
    return table, col, (column_letter(col), table.header_text(col) or spec.zh)


# -- station numbers -----------------------------------------------------------------------------------------------
def theory_numbers(sv: Any) -> TheoryNumbers:
    """What theory papers are matched by and the contest's numbers of that kind (empty before the draw): the
    contest-wide stations, or with a per-module draw (no contest-wide station) the contestants' 抽签号."""
    from contest.services import CONSOLE

    return sv.theory_numbers(CONSOLE)  # type: ignore[no-any-return]


def number_spec(kind: str) -> FieldSpec:
    """The column a theory file is keyed by for :attr:`TheoryNumbers.kind` ``kind``: 抽签号 or 赛位号."""
    from contest.intake.theory import DRAW, STATION

    return DRAW if kind == "draw" else STATION


def _noun(kind: str) -> str:
    return _t("抽签号", "draw number") if kind == "draw" else _t("赛位号", "station")


def _number_order(number: str) -> tuple[int, int, str]:
    """Digits by value (draw numbers 1, 2 … 10 are not zero-padded), anything else after them as text."""
    return (0, int(number), number) if number.isdigit() else (1, 0, number)


def station_matcher(stations: Sequence[str]) -> Callable[[str], str | None]:
    """Map a station number as typed to the contest's spelling, or ``None`` if it is not one of them.

    Excel drops leading zeros from a number typed as 001, so digits are compared by value: "1", "01", "001" and
    "0001" all mean station 001 when the contest's stations are 001 … 030.
    """
    exact = {s.upper(): s for s in stations}
    by_value = {int(s): s for s in stations if s.isdigit()}

    def match(raw: str) -> str | None:
        text = raw.strip().upper()
        if text in exact:
            return exact[text]
        if text.isdigit():
            return by_value.get(int(text))
        return None

    return match


def _station_range(stations: Sequence[str]) -> str:
    ordered = sorted(stations, key=_number_order)
    if len(ordered) > 6:
        return f"{ordered[0]}–{ordered[-1]}"
    return (", " if _en() else "、").join(ordered)


def check_stations(
    file: Path,
    result: ImportResult[Any],
    stations: Sequence[str],
    spec: FieldSpec,
    mapping: Mapping[str, str] | None = None,
) -> tuple[Callable[[str], str | None], list[RowProblem]]:
    """Check every station cell of the file against the contest's stations (or every 抽签号 cell against the
    contest's draw numbers, when ``spec`` is the 抽签号 column).

    Returns the matcher (typed station → contest station) and a problem for each station that is not the
    contest's (at its first row) and for different spellings of one station ("1" and "001" in one file).
    """
    from contest.intake.normalise import clean_code
    from contest.intake.theory import DRAW

    draw = spec.key == DRAW.key
    match = station_matcher(stations)
    table, col, column = _locate(file, result, spec, mapping)
    if table is None or col is None:
        return match, []
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for row in table.rows:
        typed = clean_code(row.get(col))
        if typed:
            first.setdefault(typed, row.number)
            count[typed] = count.get(typed, 0) + 1
    problems: list[RowProblem] = []
    spellings: dict[str, list[str]] = {}
    for typed, at in first.items():
        found = match(typed)
        if found is not None:
            spellings.setdefault(found, []).append(typed)
            continue
        more = count[typed] - 1
        noun = _noun("draw" if draw else "station")
        also = _t(f"（此{noun}另有 {more} 行）", f" ({more} more row(s) with it)") if more else ""
        shown = _station_range(stations)
        message = (
            _t(
                f"抽签号“{typed}”不是本竞赛的抽签号（本竞赛的抽签号为 {shown}）{also}。请核对",
                f"Draw number “{typed}” is not a draw number of this contest ({shown}){also}. Check it",
            )
            if draw
            else _t(
                f"赛位号“{typed}”不是本竞赛的赛位（本竞赛的赛位号为 {shown}）{also}。请核对",
                f"Station “{typed}” is not a station of this contest ({shown}){also}. Check it",
            )
        )
        problems.append(_problem(file, result, at, column, spec.key, typed, message))
    for found, typed_list in spellings.items():
        if len(typed_list) < 2:
            continue
        for typed in typed_list:
            others = "、".join(f"“{o}”（第 {first[o]} 行）" for o in typed_list if o != typed)
            others_en = ", ".join(f"“{o}” (row {first[o]})" for o in typed_list if o != typed)
            message = (
                _t(
                    f"抽签号“{typed}”与{others}是同一个抽签号 {found}。每位考生只能出现一次，请核对",
                    f"Draw number “{typed}” is the same draw number {found} as {others_en}. Check which is right",
                )
                if draw
                else _t(
                    f"赛位号“{typed}”与{others}是同一个赛位 {found}。每位考生只能出现一次，请核对",
                    f"Station “{typed}” is the same station {found} as {others_en}. Check which is right",
                )
            )
            problems.append(_problem(file, result, first[typed], column, spec.key, typed, message))
    return match, problems


# -- contestants ---------------------------------------------------------------------------------------------------
@import_app.command("contestants")
@friendly
def import_contestants_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
    dry_run: DryRunOpt = False,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help="名单中没有的已有选手移出（标记退赛，不删除）/ withdraw contestants missing from the list",
        ),
    ] = False,
    as_: AsOpt = None,
    chief: CorrChief = None,
    supervisor: CorrSupervisor = None,
    reason: CorrReason = None,
) -> None:
    """导入选手报名表（全部无误才导入）/ import the contestant list, all or nothing.

    解密后移出或重新列入选手会改变成绩：须走更正程序（--chief、--supervisor、--reason）。"""
    sv, actor, fix = _sign_in(as_, "导入选手", file, chief=chief, supervisor=supervisor, reason=reason)
    from contest.intake import import_contestants
    from contest.services import ContestantIn

    cfg = _config(sv)
    with _busy("正在读取并检查报名表…", "Reading and checking the list…"):
        result = import_contestants(
            file,
            sheet=_sheet(sheet),
            mapping=_mapping(map_),
            header_row=header_row,
            contest_date=cfg.dates[0] if cfg.dates else None,
            projects=cfg.projects or None,
            aliases=dict(cfg.project_aliases),
            lang=state.lang,
        )
    records = _accepted(
        file,
        result,
        ("中没有选手数据，未导入", "holds no contestants; nothing imported"),
        ("名选手", "contestants"),
    )
    people = [
        ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note) for r in records
    ]
    with _busy("正在保存…", "Storing…"):
        report = sv.import_contestants(
            actor,
            people,
            dry_run=dry_run,
            remove_missing=remove_missing,
            source=file.name,
            correction=fix,
        )
    counts = _t(
        f"新增 {report.added}，更新 {report.updated}，未变 {report.unchanged}，移出 {report.removed}",
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, removed {report.removed}",
    )
    if report.dry_run:
        console.print(
            _t(f"[yellow]试运行，未写入[/]：将{counts}", f"[yellow]Dry run, nothing stored[/]: {counts}")
        )
    else:
        console.print(
            _t(f"[green]✓ 选手导入完成[/]：{counts}", f"[green]✓ Contestants imported[/]: {counts}")
        )
    for line in report.changes:
        console.print(f"  · {escape(line)}")
    if not report.dry_run:
        for w in sv.recusals():
            console.print(f"[yellow]{escape(w)}[/]")


# -- judges --------------------------------------------------------------------------------------------------------
@import_app.command("judges")
@friendly
def import_judges_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
    dry_run: DryRunOpt = False,
    as_: AsOpt = None,
) -> None:
    """导入裁判名单，新裁判的 PIN 只显示这一次 / import judges; new judges' PINs are shown once."""
    sv, actor, _ = _sign_in(as_, "导入裁判", file)
    from contest.config import ROLE_CONFLICTS
    from contest.intake import ROLES, import_judges
    from contest.services import JudgeIn

    cfg = _config(sv)
    with _busy("正在读取并检查裁判名单…", "Reading and checking the list…"):
        result = import_judges(
            file,
            sheet=_sheet(sheet),
            mapping=_mapping(map_),
            header_row=header_row,
            modules=[m.rubric.code for m in cfg.modules],
            lang=state.lang,
            separated=[c for c in ROLE_CONFLICTS if c not in cfg.role_combinations],
        )
    _accepted(
        file, result, ("中没有裁判数据，未导入", "holds no judges; nothing imported"), ("名裁判", "judges")
    )
    existing = {code for code, *_ in sv.judges()}
    new = [r for r in result.records if r.code not in existing]
    old = [r for r in result.records if r.code in existing]

    def roles(r: Any) -> str:
        return ",".join(r.roles) if _en() else "、".join(ROLES.get(x, x) for x in r.roles)

    if dry_run:
        t = RichTable(
            title=_t("试运行：将导入的裁判（未写入）", "Dry run: judges to import (nothing stored)")
        )
        for c in (_t("编号", "Code"), _t("姓名", "Name"), _t("角色", "Roles"), _t("模块", "Modules"), ""):
            t.add_column(c)
        for r in result.records:
            t.add_row(
                escape(r.code),
                escape(r.name),
                roles(r),
                "、".join(r.modules),
                _t("更新", "update") if r.code in existing else _t("新增", "new"),
            )
        console.print(t)
        console.print(
            _t(
                f"[yellow]试运行，未写入[/]：将新增 {len(new)}，更新 {len(old)}",
                f"[yellow]Dry run, nothing stored[/]: {len(new)} new, {len(old)} updated",
            )
        )
        return
    with _busy("正在保存…", "Storing…"):
        pins = sv.import_judges(
            actor,
            [JudgeIn(r.code, r.name, r.unit, r.roles, r.modules, group=r.group) for r in result.records],
        )
    console.print(
        _t(
            f"[green]✓ 裁判导入完成[/]：新增 {len(new)}，更新 {len(old)}（已有裁判的 PIN 不变）",
            f"[green]✓ Judges imported[/]: {len(new)} new, {len(old)} updated (existing PINs unchanged)",
        )
    )
    if pins:
        t = RichTable(
            title=_t("新裁判的登录 PIN（只显示这一次）", "Login PINs of the new judges (shown once)")
        )
        for c in (_t("编号", "Code"), _t("姓名", "Name"), _t("角色", "Roles"), "PIN"):
            t.add_column(c)
        by_code = {r.code: r for r in result.records}
        for code, pin in pins.items():
            rec = by_code.get(code)
            t.add_row(
                escape(code), escape(rec.name) if rec else "", roles(rec) if rec else "", f"[bold]{pin}[/]"
            )
        console.print(t)
        console.print(
            _t(
                "[bold yellow]请当面把 PIN 发给裁判本人。PIN 只显示这一次，系统只保存其加密摘要；"
                "不要保存、打印或拍照本页。PIN 遗失后无法找回，只能重新设置。[/]",
                "[bold yellow]Hand each PIN to its judge in person. They are shown this once and stored only as "
                "hashes; do not save, print or photograph this screen. A lost PIN cannot be recovered, only set anew.[/]",
            )
        )
    for w in sv.recusals():
        console.print(f"[yellow]{escape(w)}[/]")


# -- theory: answer key and answer sheets --------------------------------------------------------------------------
def _blueprint(cfg: ContestConfig) -> TheoryBlueprint:
    if cfg.theory is None:
        raise ContestError(
            _t(
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

    with _busy("正在读取并检查答案…", "Reading and checking the key…"):
        result = read_answer_key(
            file, blueprint, sheet=_sheet(sheet), mapping=mapping, header_row=header_row, lang=state.lang
        )
    return answer_key(blueprint, _accepted(file, result, ("中没有题目", "holds no questions")))


def _section_titles(blueprint: TheoryBlueprint) -> dict[str, str]:
    return {s.id: (s.title.en or s.title.zh) if _en() else s.title.zh for s in blueprint.sections}


def _type_name(qtype: Any) -> str:
    from contest.intake.theory import TYPE_LABELS

    return str(qtype.value) if _en() else TYPE_LABELS[qtype]


def _rule_text(key: AnswerKey) -> str:
    from rubrics.model import MultipleRule

    if key.multiple_rule == MultipleRule.PARTIAL:
        return _t("多选题少选（无错选）得一半分", "multiple choice: half points for a correct subset")
    return _t("多选题全对才得分", "multiple choice: all or nothing")


def _print_key(key: AnswerKey, blueprint: TheoryBlueprint) -> None:
    from contest.intake.theory import TYPE_LABELS

    titles = _section_titles(blueprint)
    t = RichTable(title=_t("答案概况", "Answer key"))
    t.add_column(_t("模块", "Section"))
    present = {q.type for q in key.questions}
    types = [qt for qt in TYPE_LABELS if qt in present]
    for qt in types:
        t.add_column(_type_name(qt), justify="right")
    t.add_column(_t("题数", "Questions"), justify="right")
    t.add_column(_t("分值", "Points"), justify="right")
    groups = list(key.sections) or [""]
    for sec in [*groups, None]:
        qs = [q for q in key.questions if sec is None or q.section == sec]
        label = _t("合计", "Total") if sec is None else titles.get(sec, sec) or _t("全卷", "Paper")
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
        _t(
            f"组卷蓝图 {blueprint.id}（{blueprint.title.zh}）；{_rule_text(key)}。单元格为“题数 / 分值”",
            f"Blueprint {blueprint.id} ({blueprint.title.get('en')}); {_rule_text(key)}. Cells are questions / points",
        )
    )


@import_app.command("answer-key")
@friendly
def import_answer_key_cmd(
    file: FileArg,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    header_row: HeaderRowOpt = None,
) -> None:
    """检查理论答案（对照组卷蓝图）并显示概况；不保存，评分时用 import answers --key / check an answer key."""
    _need(file)
    sv = services()
    bp = _blueprint(_config(sv))
    key = _read_key(file, bp, sheet, _mapping(map_), header_row)
    _print_key(key, bp)
    console.print(
        _t(
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
    t = RichTable(title=_t("理论成绩（自动评分）", "Theory scores (auto-marked)"))
    t.add_column(_t("抽签号", "Draw number") if kind == "draw" else _t("赛位号", "Station"))
    for sec in key.sections:
        t.add_column(titles.get(sec, sec), justify="right")
    t.add_column(_t("总分", "Total"), justify="right")
    t.add_column(_t("未答", "Blank"), justify="right")
    for m in sorted(marks, key=lambda x: _number_order(x.station)):
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
    t = RichTable(title=_t("题目分析", "Item analysis"))
    for c, j in (
        (_t("题号", "No."), "right"),
        (_t("题型", "Type"), "left"),
        (_t("模块", "Section"), "left"),
        (_t("答案", "Key"), "left"),
        (_t("答对率", "Correct"), "right"),
        (_t("未答", "Blank"), "right"),
        (_t("区分度", "Discr."), "right"),
        (_t("常见错答", "Wrong answers"), "left"),
        (_t("提示", "Note"), "left"),
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
        _t(
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
        text = (", " if _en() else "、").join(parts[:30])
        if more > 0:
            text += _t(f" 等（共 {len(ns)} 题）", f" … ({len(ns)} questions)")
        return text

    if none:
        console.print(
            _t(
                f"[red]无人答对的题：{nums(none)}。请核对这些题的答案是否正确[/]",
                f"[red]Nobody answered correctly: {nums(none)}. Check the key for these questions[/]",
            )
        )
    if negative:
        console.print(
            _t(
                f"[red]高分组答对率低于低分组的题：{nums(negative)}。请核对答案和题目[/]",
                f"[red]Negative discrimination: {nums(negative)}. Check key and wording[/]",
            )
        )
    if every:
        console.print(
            _t(
                f"[yellow]全部答对的题：{nums(every)}[/]",
                f"[yellow]Everybody answered correctly: {nums(every)}[/]",
            )
        )
    if not (none or negative or every):
        console.print(_t("没有需要特别核对的题目", "No question needs a second look"))


@import_app.command("answers")
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
    sv, actor, fix = _sign_in(
        as_, "导入理论成绩", file, key_file, chief=chief, supervisor=supervisor, reason=reason
    )
    from contest.intake import mark_answers, read_answer_sheets
    from contest.intake.analysis import analyse_items, write_item_analysis

    bp = _blueprint(_config(sv))
    key = _read_key(key_file, bp, key_sheet)
    numbers = theory_numbers(sv)
    spec = number_spec(numbers.kind)
    stations = list(numbers.numbers)
    if not stations:
        raise ContestError(
            _t(
                "还没有抽签，没有抽签号。答卷按抽签号评分，请先抽签（contest draw）",
                "No draw yet, so no draw numbers. Answer sheets are matched by draw number: run contest draw first",
            )
            if numbers.kind == "draw"
            else _t(
                "还没有抽签，没有赛位号。答卷按赛位号评分，请先抽签（contest draw）",
                "No draw yet, so no station numbers. Answer sheets are matched by station: run contest draw first",
            )
        )
    with _busy("正在读取答卷…", "Reading the answer sheets…"):
        result = read_answer_sheets(
            file, key, by=spec, sheet=_sheet(sheet), header_row=header_row, lang=state.lang
        )
    match, problems = check_stations(file, result, stations, spec)
    records = _accepted(
        file, result, ("中没有答卷", "holds no answer sheets"), ("份答卷", "answer sheets"), problems
    )
    sheets = [dataclasses.replace(s, station=match(s.station) or s.station) for s in records]
    marks = mark_answers(key, sheets)
    analysis = analyse_items(key, marks)
    _print_marks(marks, key, bp, numbers.kind)
    if not dry_run:
        with _busy("正在保存…", "Storing…"):
            n = sv.import_theory_scores(
                actor,
                {m.station: (m.total, m.breakdown()) for m in marks},
                key=numbers.kind,
                source=f"{file.name}（{key_file.name}）",
                correction=fix,
            )
    missing = sorted(set(stations) - {m.station for m in marks}, key=_number_order)
    print_item_analysis(analysis, bp, flagged_only)
    if analysis_out is not None:
        path = write_item_analysis(
            analysis,
            analysis_out,
            section_titles=_section_titles(bp),
            title=_t(f"理论考试题目分析（{file.name}）", f"Theory item analysis ({file.name})"),
            lang=state.lang,
        )
        console.print(
            _t(f"题目分析已写入 {escape(str(path))}", f"Item analysis written to {escape(str(path))}")
        )
    if missing:
        console.print(
            _t(
                f"[yellow]这些抽签号没有答卷，理论成绩暂缺：{'、'.join(missing)}[/]",
                f"[yellow]No answer sheet for these draw numbers (theory score still empty): {', '.join(missing)}[/]",
            )
            if numbers.kind == "draw"
            else _t(
                f"[yellow]这些赛位没有答卷，理论成绩暂缺：{'、'.join(missing)}[/]",
                f"[yellow]No answer sheet for these stations (theory score still empty): {', '.join(missing)}[/]",
            )
        )
    if dry_run:
        console.print(
            _t(
                f"[yellow]试运行，未写入[/]：{len(marks)} 份答卷已评分（{_rule_text(key)}）",
                f"[yellow]Dry run, nothing stored[/]: {len(marks)} papers marked ({_rule_text(key)})",
            )
        )
    else:
        console.print(
            _t(
                f"[green]✓ 理论成绩已保存[/]：{n} 人（{_rule_text(key)}）",
                f"[green]✓ Theory scores stored[/]: {n} candidates ({_rule_text(key)})",
            )
        )


# -- theory: direct scores -----------------------------------------------------------------------------------------
@import_app.command("theory-scores")
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
    sv, actor, fix = _sign_in(as_, "导入理论成绩", file, chief=chief, supervisor=supervisor, reason=reason)
    from contest.intake import import_theory_scores, mask_id
    from contest.intake.theory import score_fields

    numbers = theory_numbers(sv)
    spec = number_spec(numbers.kind)
    specs = {f.key: f for f in score_fields(spec)}
    noun = _noun(numbers.kind)
    mapping = _mapping(map_)
    with _busy("正在读取理论成绩…", "Reading the scores…"):
        result = import_theory_scores(
            file, by=spec, sheet=_sheet(sheet), mapping=mapping, header_row=header_row, lang=state.lang
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
                _t(
                    f"还没有抽签，不能按{noun}导入。请先抽签，或在每一行填写身份证号",
                    f"No draw yet, so {noun}s cannot be matched. Draw first, or give every row an ID number",
                )
            )
        match, unknown = check_stations(file, result, stations, specs[spec.key], mapping)
        problems += unknown
        keys = {r.source_row: match(r.station) or r.station for r in records}
    elif records:
        column = _locate(file, result, specs["id_number"], mapping)[2]
        for r in records:
            if not r.id_number:
                problems.append(
                    _problem(
                        file,
                        result,
                        r.source_row,
                        column,
                        "id_number",
                        "",
                        _t(
                            f"这一行没有身份证号，而其他行有。同一文件请统一：每行都填身份证号，或每行都填{noun}",
                            "This row has no ID number while others do. Give every row an ID number, or every row a "
                            f"{noun}",
                        ),
                    )
                )
    _accepted(file, result, ("中没有成绩", "holds no scores"), ("人", "candidates"), problems)
    scores: dict[str, tuple[Decimal, dict[str, Decimal]]] = {
        keys[r.source_row]: (r.score if r.score is not None else Decimal(0), {}) for r in records
    }
    t = RichTable(title=_t("理论成绩", "Theory scores"))
    for c in (
        _t("行", "Row"),
        _t("身份证号", "ID number") if by_id else spec.label(state.lang),
        _t("成绩", "Score"),
    ):
        t.add_column(c)
    for r in records:
        who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
        shown = _t("缺考（按 0 分）", "absent (0)") if r.absent else str(r.score)
        t.add_row(str(r.source_row), who, shown, style="yellow" if r.absent else None)
    console.print(t)
    for r in records:
        if r.absent:
            who = escape(mask_id(keys[r.source_row]) if by_id else keys[r.source_row])
            console.print(
                _t(
                    f"[yellow]注意：第 {r.source_row} 行 {who} 缺考，理论成绩按 0 分计[/]",
                    f"[yellow]Note: row {r.source_row} {who} was absent; theory score counts as 0[/]",
                )
            )
    how = _t("按身份证号匹配", "matched by ID number") if by_id else _t(f"按{noun}匹配", f"matched by {noun}")
    if dry_run:
        console.print(
            _t(
                f"[yellow]试运行，未写入[/]：{len(scores)} 人，{how}",
                f"[yellow]Dry run, nothing stored[/]: {len(scores)} candidates, {how}",
            )
        )
        return
    with _busy("正在保存…", "Storing…"):
        n = sv.import_theory_scores(
            actor, scores, key="id" if by_id else numbers.kind, source=file.name, correction=fix
        )
    console.print(
        _t(
            f"[green]✓ 理论成绩已保存[/]：{n} 人，{how}",
            f"[green]✓ Theory scores stored[/]: {n} candidates, {how}",
        )
    )


# -- templates -----------------------------------------------------------------------------------------------------
class TemplateKind(StrEnum):
    """Templates ``contest template`` writes."""

    contestants = "contestants"
    judges = "judges"
    answers = "answers"
    answer_sheets = "answer-sheets"
    theory_scores = "theory-scores"
    rubric = "rubric"


def _contest_context() -> tuple[ContestConfig | None, str]:
    """The contest's configuration if a contest database exists (never creates one), and where it is."""
    from sqlalchemy.exc import SQLAlchemyError

    from contest.store.engine import resolve_url

    url = resolve_url(state.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).is_file():
        return None, url
    try:
        return _config(services()), url
    except (ContestError, SQLAlchemyError):
        return None, url


@app.command("template")
@friendly
def template(
    kind: Annotated[
        TemplateKind,
        typer.Argument(
            help="contestants 报名表 | judges 裁判名单 | answers 理论答案 | answer-sheets 答题表 | theory-scores 理论成绩"
            " | rubric 评分标准",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Argument(help="输出 .xlsx / output file", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / overwrite an existing file")] = False,
) -> None:
    """生成带表头、下拉框和填写说明的 Excel 模板 / write a blank template workbook."""
    from contest.intake import write_template

    if out.suffix.lower() != ".xlsx":
        raise ContestError(
            _t(f"模板须保存为 .xlsx：{escape(str(out))}", f"templates are .xlsx files: {escape(str(out))}")
        )
    if out.exists() and not force:
        raise ContestError(
            _t(
                f"{escape(str(out))} 已存在，未覆盖（确需覆盖请加 --force）",
                f"{escape(str(out))} exists; not overwritten (add --force to overwrite)",
            )
        )
    cfg, _url = _contest_context()
    blueprint = cfg.theory if cfg is not None else None
    note = ""
    if cfg is None:
        note = _t("未找到竞赛数据库，按通用格式生成", "No contest database found; generic template")
        if kind in (TemplateKind.answers, TemplateKind.answer_sheets):
            from rubrics.load import load_library

            bps = list(load_library().blueprints.values())
            if len(bps) == 1:
                blueprint = bps[0]
                note = _t(
                    f"未找到竞赛数据库，按内置组卷蓝图 {blueprint.id} 生成",
                    f"No contest database found; using the built-in blueprint {blueprint.id}",
                )
    if kind in (TemplateKind.answers, TemplateKind.answer_sheets) and blueprint is None and cfg is not None:
        raise ContestError(
            _t("本竞赛没有配置理论考试，无法生成答案模板", "This contest has no theory exam configured")
        )
    if kind == TemplateKind.answer_sheets and blueprint is None:
        raise ContestError(_t("答题表模板需要组卷蓝图", "The answer-sheet template needs a blueprint"))
    path = write_template(
        kind.value.replace("-", "_"),  # type: ignore[arg-type]
        out,
        projects=cfg.projects if cfg is not None else (),
        modules=[m.rubric.code for m in cfg.modules] if cfg is not None else (),
        blueprint=blueprint,
        title=cfg.name_zh if cfg is not None else "",
        by=number_spec("draw" if cfg is not None and cfg.draw_scope == "module" else "station"),
    )
    if note:
        console.print(f"[yellow]{note}[/]")
    console.print(
        _t(f"[green]✓ 模板已生成[/] {escape(str(path))}", f"[green]✓ Template written[/] {escape(str(path))}")
    )
