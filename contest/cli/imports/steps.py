"""The steps every ``contest import …`` shares: the file options, the prelude (the file must exist, then the
services and the official signed in by PIN), reading with a spinner, locating each problem (sheet, row, column,
value) in an annotated copy, all-or-nothing acceptance, and the report of what was read.

Every import reads the organiser's file with :mod:`contest.intake`, and stores nothing unless the whole file is
clean: otherwise the problems are listed (sheet, row, column, value, advice) and an annotated copy of the file is
written next to it. The services then do the storing (one transaction, one audit event).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.markup import escape

from contest.cli.common import console, err, services, state, t
from contest.cli.door import correction, door
from contest.errors import ContestError, ImportRefused
from contest.i18n import Msg

if TYPE_CHECKING:
    from contest.config import ContestConfig
    from contest.intake.columns import FieldSpec
    from contest.intake.problems import ImportResult, RowProblem
    from contest.intake.reader import Table
    from contest.services.core import Correction

T = TypeVar("T")

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


def sheet_arg(value: str | None) -> str | int | None:
    """``--sheet``: digits are a 0-based index (as the readers count), anything else a name."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    return int(v) if v.isdigit() else v


def need_file(file: Path) -> Path:
    """Refuse a path that is not a file, before anything else happens."""
    if not file.is_file():
        key = "cli.import.file_missing" if not file.exists() else "cli.import.not_a_file"
        raise ContestError(Msg(key, path=str(file)))
    return file


def mapping_arg(items: Sequence[str] | None) -> dict[str, str] | None:
    """``--map field=header`` options as a dict."""
    if not items:
        return None
    out: dict[str, str] = {}
    for item in items:
        field, sep, target = item.partition("=")
        if not sep or not field.strip() or not target.strip():
            raise ContestError(Msg("cli.import.bad_map", item=item))
        out[field.strip()] = target.strip()
    return out


@contextmanager
def busy(key: str, /, **params: object) -> Iterator[None]:
    """A spinner while a large file is read or stored (shown on a terminal only), saying the catalogue text
    ``key``."""
    with console.status(t(key, **params)):
        yield


def refuse(file: Path, problems: Sequence[RowProblem]) -> NoReturn:
    """Write the annotated copy next to ``file`` (when it can be opened) and refuse the import."""
    from contest.intake import problem_order, write_annotated

    ordered = sorted(problems, key=problem_order)
    annotated: str | None = None
    if file.is_file() and any(p.row is not None for p in ordered):
        try:
            annotated = str(write_annotated(file, ordered, lang=state.lang))
        except (OSError, ValueError) as exc:
            err.print(t("cli.import.no_annotated_copy", reason=escape(str(exc))))
    raise ImportRefused(list(ordered), annotated)


def sign_in(
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
        need_file(file)
    sv = services()
    actor = door(sv, as_, action)
    return sv, actor, correction(sv, actor, chief, supervisor, reason)


def accepted(
    file: Path,
    result: ImportResult[T],
    empty: str,
    noun: str | None = None,
    problems: Sequence[RowProblem] = (),
) -> tuple[T, ...]:
    """The records of a clean file: refused (annotated copy, :class:`ImportRefused`) if the reader or the caller
    found any problem; the reader's notes printed; refused if it holds no record (``empty``: the catalogue key of
    what to say, given the file's name as ``file``); where they were read printed when ``noun`` (the catalogue key
    of what the records are, after their count) is given."""
    if result.problems or problems:
        refuse(file, [*result.problems, *problems])
    for note in result.notes:
        console.print(f"[yellow]{escape(note)}[/]")
    if not result.records:
        raise ContestError(Msg(empty, file=file.name))
    if noun is not None:
        report_read(file, result, len(result.records), noun)
    return result.records


def report_read(file: Path, result: ImportResult[Any], count: int, noun: str) -> None:
    """Where ``count`` records (the catalogue key ``noun`` says of what) were read."""
    sheet = t("cli.import.read_sheet", sheet=escape(result.sheet)) if result.sheet else ""
    console.print(
        t(
            "cli.import.read",
            file=escape(file.name),
            sheet=sheet,
            header_row=result.header_row,
            count=count,
            noun=t(noun),
        )
    )


def config_of(sv: Any) -> ContestConfig:
    return sv.config()  # type: ignore[no-any-return]


def problem_at(
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


def locate_column(
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
