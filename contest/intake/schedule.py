"""Importing a module's 场次安排表 (sessions of the judge groups) from an organiser's workbook or CSV.

Owns the schedule columns (场次, 评分组, 赛位号, and optionally 开始时间, 结束时间, 赛道), the per-row checks (a
whole session number, a group, station lists and ranges such as ``A-01至A-06`` or ``01～06、09``, times that read
as ``2026-12-10 08:30``) and duplicates within the file. Every problem is collected, located by file, sheet, row and
column; nothing is written anywhere. Whether the stations exist in the module, whether every station is in exactly
one session and whether each group has judges belong to the services (:mod:`contest.services.groups`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from contest.intake.columns import (
    Columns,
    FieldSpec,
    data_rows,
    report_duplicates,
    report_missing,
)
from contest.intake.normalise import Cell, cell_text, clean_text, clean_text_field
from contest.intake.opening import open_columns
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow
from contest.intake_bridge import ascii_digits

FIELDS = (
    FieldSpec("number", "场次", "Session", ("场次号", "轮次", "场"), required=True),
    FieldSpec("group", "评分组", "Judge group", ("裁判组", "分组", "组别", "评分分组"), required=True),
    FieldSpec("stations", "赛位号", "Stations", ("赛位", "工位号", "赛位范围"), required=True),
    FieldSpec("starts", "开始时间", "Starts", ("开始", "时间", "比赛时间")),
    FieldSpec("ends", "结束时间", "Ends", ("结束",)),
    FieldSpec("track", "赛道", "Track", ("场地", "赛场", "考场")),
)
"""场次安排表 columns; the first name of each is the template header."""
_SPEC = {f.key: f for f in FIELDS}
MAX_RANGE = 500
"""Most stations one range may name (a typo such as ``A-01至A-9999`` is refused, not expanded)."""

_RANGE = re.compile(r"\s*(?:至|到|~|～|〜|—|–)\s*")
_SPLIT = re.compile(r"[、,，;；\s]+")
_END = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True)
class SessionRecord:
    """One session as read from a valid row."""

    number: int
    group: str
    stations: tuple[str, ...]
    starts: str
    ends: str
    track: str
    source_row: int


def expand_stations(text: str) -> tuple[str, ...] | None:
    """``A-01至A-03、A-07`` → ``(A-01, A-02, A-03, A-07)``; None when a range cannot be expanded."""
    out: list[str] = []
    for part in filter(None, _SPLIT.split(ascii_digits(text).strip())):
        ends = _RANGE.split(part)
        if len(ends) == 1:
            out.append(part)
            continue
        if len(ends) != 2:
            return None
        a, b = (_END.match(e) for e in ends)
        if a is None or b is None or a.group(1) != b.group(1):
            return None
        lo, hi = int(a.group(2)), int(b.group(2))
        if hi < lo or hi - lo >= MAX_RANGE:
            return None
        width = len(a.group(2))
        out.extend(f"{a.group(1)}{k:0{width}d}" for k in range(lo, hi + 1))
    return tuple(out)


def _time(raw: Cell) -> str | None:
    """A time cell as ``2026-12-10 08:30``; "" when blank; None when it does not read as one."""
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M")
    if isinstance(raw, date | time):
        return None  # a date without a time, or a time without a date
    text = ascii_digits(clean_text(raw)).replace("/", "-").replace("：", ":")
    if not text:
        return ""
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M")  # noqa: DTZ007 — venue time
    except ValueError:
        return None


def read_schedule(
    path: Path | str, *, sheet: str | int | None = None, lang: str = "zh"
) -> ImportResult[SessionRecord]:
    """Read and check a 场次安排表; never raises on bad data."""
    opened = open_columns(path, FIELDS, sheet=sheet, lang=lang, expected=[f.zh for f in FIELDS])
    if isinstance(opened, ImportResult):
        return opened
    sink, columns = opened.sink, opened.columns
    candidates: list[SessionRecord] = []
    by_number: dict[str, list[TableRow]] = {}
    for row in data_rows(columns):
        record = _check_row(row, columns, sink)
        if record is not None:
            candidates.append(record)
            by_number.setdefault(str(record.number), []).append(row)
    dup_rows = report_duplicates(sink, columns, _SPEC["number"], by_number, "intake.schedule.duplicate")
    bad = sink.rows_with_problems() | dup_rows
    return opened.result(r for r in candidates if r.source_row not in bad)


def _check_row(row: TableRow, cols: Columns, sink: ProblemSink) -> SessionRecord | None:
    before = len(sink)

    def problem(key: str, field: str, raw: Cell) -> None:
        sink.add(
            f"intake.schedule.{key}",
            row=row.number,
            col=cols.col(field),
            field=field,
            value=cell_text(raw),
            header=cols.header(field),
        )

    for field in ("number", "group", "stations"):
        if not clean_text(cols.raw(row, field)):
            report_missing(sink, cols, row, _SPEC[field])
    raw_number = cols.raw(row, "number")
    text = ascii_digits(clean_text(raw_number)).removeprefix("第").removesuffix("场").strip()
    if text.endswith(".0"):
        text = text[:-2]
    number = int(text) if text.isdigit() and text.isascii() else 0
    if text and number < 1:
        problem("number", "number", raw_number)
    raw_stations = cols.raw(row, "stations")
    stations = expand_stations(clean_text(raw_stations))
    if clean_text(raw_stations) and not stations:
        problem("range", "stations", raw_stations)
    times = {}
    for field in ("starts", "ends"):
        raw = cols.raw(row, field)
        value = _time(raw)
        if value is None:
            problem("time", field, raw)
        times[field] = value or ""
    if len(sink) > before:
        return None
    return SessionRecord(
        number,
        clean_text_field(cols.raw(row, "group")),
        stations or (),
        times["starts"],
        times["ends"],
        clean_text_field(cols.raw(row, "track")),
        row.number,
    )
