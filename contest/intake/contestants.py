"""Importing the contestant list (报名表) from an organiser's workbook or CSV.

Owns the contestant columns and their synonyms, the per-row checks (required fields, 身份证号, gender against the
ID, phone, project, duplicates) and :class:`ContestantRecord`. Every problem in the file is collected; nothing is
written anywhere. Services decide what to do with the result.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path

from contest.i18n import tr
from contest.intake.columns import (
    Columns,
    FieldSpec,
    report_duplicates,
    report_missing,
)
from contest.intake.idcard import clean_id_gender, today_in_china, validate_id
from contest.intake.normalise import (
    Cell,
    cell_text,
    clean_id_number,
    clean_name,
    clean_text,
    clean_text_field,
    header_key,
)
from contest.intake.opening import open_columns
from contest.intake.phone import check_phone
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow


@dataclass(frozen=True)
class ContestantRecord:
    """One contestant as read from a valid row."""

    name: str
    gender: str
    """"男" or "女" (agrees with the ID number)."""
    id_number: str
    """18 characters, upper-case X, validated."""
    unit: str
    """工作单位."""
    phone: str
    """Digits only (mobile, or landline with area code, optionally "转" + extension); "" if not given."""
    project: str
    """参赛项目/组别; "" if not given."""
    note: str
    source_row: int
    """Excel row number the record came from."""


FIELDS = (
    FieldSpec("seq", "序号", "No.", ("顺序号", "序"), ignored=True),
    FieldSpec("name", "姓名", "Name", ("名字", "选手姓名", "参赛选手", "参赛者姓名"), required=True),
    FieldSpec("gender", "性别", "Gender", (), required=True),
    FieldSpec(
        "id_number",
        "身份证号",
        "ID number",
        ("身份证号码", "证件号码", "公民身份号码", "身份证", "居民身份证号码"),
        required=True,
    ),
    FieldSpec("unit", "工作单位", "Unit", ("单位", "所在单位", "推荐单位", "单位名称"), required=True),
    FieldSpec("phone", "联系电话", "Phone", ("手机", "手机号码", "电话", "手机号", "联系方式")),
    FieldSpec("project", "参赛项目", "Project", ("项目", "组别", "参赛组别")),
    FieldSpec("note", "备注", "Note", ()),
)
"""Contestant columns; the first name of each is the template header."""
_SPEC = {f.key: f for f in FIELDS}

_GENDERS = {
    "男": "男",
    "男性": "男",
    "m": "男",
    "male": "男",
    "1": "男",
    "女": "女",
    "女性": "女",
    "f": "女",
    "female": "女",
    "2": "女",
}
"""Accepted spellings; 1/2 are the GB/T 2261.1 codes."""
MAX_NAME = 50
MAX_TEXT = {"unit": 60, "project": 40, "note": 200}
"""Longest unit, project and note accepted at import (characters, after cleaning): more does not fit any printed
document and is almost always several cells pasted into one. The documents still cut anything longer with a mark."""
_NAME_PUNCTUATION = frozenset(" ·-'’.")
"""Characters besides letters and combining marks a name may hold (玛丽·居里, Mary-Jane O'Neil)."""


def name_symbols(name: str) -> str:
    """The characters of a cleaned name that cannot be part of a person's name (emoji, symbols, brackets …),
    each once, in order; "" if there are none. Every script's letters pass, rare ideographs such as 𠮷 and 龘
    included."""
    bad = (
        ch
        for ch in name
        if not unicodedata.category(ch).startswith(("L", "M")) and ch not in _NAME_PUNCTUATION
    )
    return "".join(dict.fromkeys(bad))


def gender_word(gender: str, lang: str) -> str:
    """A gender as stored ("男"/"女") in ``lang`` (an English message says "male", not 男)."""
    return tr(lang, "intake.gender_male" if gender == "男" else "intake.gender_female")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def import_contestants(
    path: Path | str,
    *,
    sheet: str | int | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
    contest_date: date | None = None,
    projects: Collection[str] | None = None,
    aliases: Mapping[str, Collection[str]] | None = None,
    lang: str = "zh",
) -> ImportResult[ContestantRecord]:
    """Read and check a contestant list; never raises on bad data.

    Args:
        path: .xlsx/.xlsm/.xlsb/.xls/.ods/.csv file.
        sheet: Sheet name or 0-based index (default: the first sheet with a recognisable header).
        mapping: Optional ``{field: header text or column letter}``, fields named by key (name, gender,
            id_number, unit, phone, project, note) or by Chinese header.
        header_row: Excel row number of the header row, to skip detection.
        contest_date: The contest day, for the ID's birth-date and age checks (default: today in China).
        projects: If given, the allowed 参赛项目 values (matched ignoring spaces, width and case). With exactly
            one project the column is informational: another value is imported as that project, with a note.
        aliases: Other spellings accepted for a project (``{"养老护理员": ["养老护理"]}``).
        lang: "zh" (default) or "en" for the problem messages.

    Returns:
        The valid rows as records, and every problem with its sheet, row, column and advice.
    """
    # A list of thousands of rows makes tens of thousands of objects that live until the end (the table's rows,
    # the records) and no reference cycle: the cyclic GC would only trace them, and every other object of the
    # process, several times over, so it is paused while the file is read and checked (as for the standings).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _import_contestants(path, sheet, mapping, header_row, contest_date, projects, aliases, lang)
    finally:
        if gc_was_on:
            gc.enable()


def _import_contestants(
    path: Path | str,
    sheet: str | int | None,
    mapping: Mapping[str, str] | None,
    header_row: int | None,
    contest_date: date | None,
    projects: Collection[str] | None,
    aliases: Mapping[str, Collection[str]] | None,
    lang: str,
) -> ImportResult[ContestantRecord]:
    """:func:`import_contestants`, with the collector paused."""
    opened = open_columns(path, FIELDS, mapping=mapping, sheet=sheet, header_row=header_row, lang=lang)
    if isinstance(opened, ImportResult):
        return opened
    sink, columns = opened.sink, opened.columns
    allowed = {_fold(p): p for p in projects} if projects is not None else None
    if allowed is not None:
        for project, spellings in (aliases or {}).items():
            for spelling in spellings:
                allowed.setdefault(_fold(spelling), project)
    candidates: list[ContestantRecord] = []
    # The first row of each ID, and every row of an ID found in more than one (no list per row: see _CommonRows).
    first_of: dict[str, TableRow] = {}
    same_id: dict[str, list[TableRow]] = {}
    unknown: dict[str, list[int]] = {}
    common = _CommonRows(columns, contest_date, allowed, unknown)
    for row in columns.table.rows:
        record = common.record(row)
        if record is not None:  # a row of clean, valid cells: the checks below would find nothing
            candidates.append(record)
            id_key = record.id_number
        elif columns.is_empty(row):  # as data_rows() does
            continue
        else:
            record = _check_row(row, columns, sink, contest_date, allowed, unknown)
            if record is not None:
                candidates.append(record)
            id_key = clean_id_number(columns.raw(row, "id_number"))
            if len(id_key) != 18:
                continue
        if (first := first_of.setdefault(id_key, row)) is not row:
            same_id.setdefault(id_key, [first]).append(row)
    by_id = {key: same_id[key] for key in first_of if key in same_id} if same_id else {}  # in file order
    dup_rows = report_duplicates(sink, columns, _SPEC["id_number"], by_id, "intake.contestants.duplicate_id")
    notes = _report_projects(sink, columns, unknown, allowed)
    bad = sink.rows_with_problems() | dup_rows
    if allowed is not None and len(set(allowed.values())) > 1:
        bad |= {r for rows in unknown.values() for r in rows}
    return opened.result((r for r in candidates if r.source_row not in bad), notes)


def _rows_text(rows: Sequence[int], lang: str) -> str:
    shown = tr(lang, "intake.list_separator").join(str(r) for r in rows[:10])
    more = tr(lang, "intake.more_rows") if len(rows) > 10 else ""
    return tr(lang, "intake.rows", rows=shown + more)


def _report_projects(
    sink: ProblemSink, cols: Columns, unknown: dict[str, list[int]], allowed: dict[str, str] | None
) -> tuple[str, ...]:
    """One problem per unknown project spelling (not one per row); with a single project, one note instead."""
    if allowed is None or not unknown:
        return ()
    projects = list(dict.fromkeys(allowed.values()))
    if len(projects) == 1:
        return tuple(
            tr(sink.lang, "intake.contestants.project_note", value=value, n=len(rows), project=projects[0])
            for value, rows in unknown.items()
        )
    sep = tr(sink.lang, "intake.list_separator")
    for value, rows in unknown.items():
        sink.add(
            "intake.contestants.project",
            row=rows[0],
            col=cols.col("project"),
            field="project",
            value=value,
            header=cols.header("project"),
            n=len(rows),
            rows=_rows_text(rows, sink.lang),
            allowed=sep.join(projects) or "—",
        )
    return ()


_CJK_NAME = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{1,{MAX_NAME}}}")
"""A name of CJK ideographs only (Extension A and the main block: all letters, none a digit, none changed by
:func:`clean_name`), short enough: the name of nearly every row, accepted without the per-character checks."""
_MOBILE_TEXT = re.compile(r"1[3-9][0-9]{9}")
"""An 11-digit mobile number typed as text without separators: :func:`check_phone` returns it unchanged."""
_READ = ("name", "gender", "id_number", "unit", "phone", "project", "note")
_PAD = (None,)


class _CommonRows:
    """The common path of one import: a row whose cells are all in their usual clean form and valid.

    :meth:`record` gives the record :func:`_check_row` would make of such a row, with far fewer calls per cell
    (each column's position found once, each distinct unit or project spelling cleaned once, the ID checked
    without building its result), and keeps nothing but that record: objects kept per row are what the
    garbage collector looks through, again and again, while ten thousand rows are read. For any other row it
    gives ``None`` and changes nothing, and the row goes through :func:`_check_row`, which says what is wrong:
    so every check and every message stays that function's.
    """

    def __init__(
        self,
        cols: Columns,
        contest_date: date | None,
        allowed: dict[str, str] | None,
        unknown: dict[str, list[int]],
    ) -> None:
        # An absent optional column reads the None padded at the end of the row (index -1).
        at = [cols.index.get(field, -1) for field in _READ]
        self.width = max(at) + 1
        self.take = itemgetter(*at)
        self.day = contest_date or today_in_china()
        self.allowed = allowed
        self.unknown = unknown
        projects = set(allowed.values()) if allowed is not None else set()
        self.single = next(iter(projects)) if len(projects) == 1 else None
        # Each accepted spelling of a unit, a project and a note (a text, within its limit), cleaned once.
        self.units: dict[Cell, str] = {None: ""}
        self.projects: dict[Cell, str] = {None: ""}
        self.notes: dict[Cell, str] = {None: ""}
        self.canonical: dict[str, str | None] = {}

    def _texts(self, raw_unit: Cell, raw_project: Cell, raw_note: Cell) -> tuple[str, str, str] | None:
        """The cleaned unit, project and note, learnt; ``None`` if one is too long or not a text."""
        out: list[str] = []
        for known, raw, limit in (
            (self.units, raw_unit, MAX_TEXT["unit"]),
            (self.projects, raw_project, MAX_TEXT["project"]),
            (self.notes, raw_note, MAX_TEXT["note"]),
        ):
            if raw not in known:
                # Only plain texts are learnt: a number, a date or an uncalculated formula takes the full checks,
                # and no key can then equal a cell of another type (True == 1, and Uncalculated == "").
                if type(raw) is not str or not raw or len(text := clean_text_field(raw)) > limit:
                    return None
                known[raw] = text
            out.append(known[raw])
        return out[0], out[1], out[2]

    def record(self, row: TableRow) -> ContestantRecord | None:
        """The record of ``row`` if it is a clean, valid row; else ``None`` (nothing recorded)."""
        cells = row.cells
        if len(cells) < self.width:
            return None
        name, raw_gender, raw_id, raw_unit, raw_phone, raw_project, raw_note = self.take(cells + _PAD)
        if type(name) is not str or not _CJK_NAME.fullmatch(name):
            return None
        if type(raw_id) is not str or (gender := clean_id_gender(raw_id, self.day)) is None:
            return None
        if raw_gender != gender:  # "男"/"女" as written, agreeing with the ID
            return None
        unit = self.units.get(raw_unit)
        project = self.projects.get(raw_project)
        note = self.notes.get(raw_note)
        if unit is None or project is None or note is None:
            texts = self._texts(raw_unit, raw_project, raw_note)
            if texts is None:
                return None
            unit, project, note = texts
        if not unit:
            return None
        if raw_phone is None:
            phone = ""
        elif type(raw_phone) is str and _MOBILE_TEXT.fullmatch(raw_phone):
            phone = raw_phone
        else:
            phone, problem = check_phone(raw_phone)
            if problem:
                return None
        if project and self.allowed is not None:
            if project in self.canonical:
                canonical = self.canonical[project]
            else:
                canonical = self.canonical[project] = self.allowed.get(_fold(project))
            if canonical is None:
                self.unknown.setdefault(project, []).append(row.number)  # as _check_row does
                if self.single is not None:
                    project = self.single
            else:
                project = canonical
        return ContestantRecord(name, gender, raw_id, unit, phone, project, note, row.number)


def _check_row(
    row: TableRow,
    cols: Columns,
    sink: ProblemSink,
    contest_date: date | None,
    allowed: dict[str, str] | None,
    unknown: dict[str, list[int]],
) -> ContestantRecord | None:
    before = len(sink)

    def add(key: str, field: str, raw: Cell = None, **fmt: object) -> None:
        value = cell_text(raw)
        sink.add(
            key if key.startswith("intake.") else f"intake.contestants.{key}",
            row=row.number,
            col=cols.col(field),
            field=field,
            value=value,
            header=cols.header(field),
            **fmt,
        )

    raw_name = cols.raw(row, "name")
    name = clean_name(raw_name)
    if not name:
        report_missing(sink, cols, row, _SPEC["name"])
    elif any(ch.isdigit() for ch in name):
        add("name_digits", "name", raw_name)
    elif symbols := name_symbols(name):
        add("name_symbols", "name", raw_name, chars=symbols)
    elif len(name) > MAX_NAME:
        add("name_long", "name", raw_name, n=len(name))

    raw_id = cols.raw(row, "id_number")
    check = validate_id(raw_id, on=contest_date) if clean_text(raw_id) else None
    if check is None:
        report_missing(sink, cols, row, _SPEC["id_number"])
    else:
        for issue in check.issues:
            # The issue's text is passed as a value, never as the template: it quotes the ID's characters,
            # and a "{" typed in an ID would otherwise be read as a format field.
            sink.add(
                "intake.contestants.id",
                row=row.number,
                col=cols.col("id_number"),
                field="id_number",
                value=cell_text(raw_id),
                header=cols.header("id_number"),
                message=issue.message(sink.lang),
            )
    by_id = check.info.gender if check is not None and check.info is not None else None

    raw_gender = cols.raw(row, "gender")
    gender_text = clean_text(raw_gender)
    gender = _GENDERS.get(header_key(gender_text)) if gender_text else None
    if not gender_text:
        if by_id:
            add("gender_missing", "gender", raw_gender, by_id=gender_word(by_id, sink.lang))
        else:
            report_missing(sink, cols, row, _SPEC["gender"])
    elif gender is None:
        add("gender", "gender", raw_gender)
    elif by_id and gender != by_id:
        add(
            "gender_id",
            "gender",
            raw_gender,
            given=gender_word(gender, sink.lang),
            by_id=gender_word(by_id, sink.lang),
        )

    texts = {field: clean_text_field(cols.raw(row, field)) for field in ("unit", "project", "note")}
    unit = texts["unit"]
    if not unit:
        report_missing(sink, cols, row, _SPEC["unit"])
    for field in ("unit", "project", "note"):
        raw_text = cols.raw(row, field)
        if len(text := texts[field]) > MAX_TEXT[field]:
            add(
                "too_long",
                field,
                raw_text[: MAX_TEXT[field]] if isinstance(raw_text, str) else raw_text,
                n=len(text),
                limit=MAX_TEXT[field],
            )

    raw_phone = cols.raw(row, "phone")
    phone, phone_problem = check_phone(raw_phone)
    if phone_problem:
        add(phone_problem, "phone", raw_phone)

    project = texts["project"]
    if project and allowed is not None:
        canonical = allowed.get(_fold(project))
        if canonical is None:
            unknown.setdefault(project, []).append(row.number)  # reported once per spelling, after every row
            singles = set(allowed.values())
            if len(singles) == 1:
                project = next(iter(singles))  # one project: the column is informational
        else:
            project = canonical

    if len(sink) > before or check is None or check.info is None or gender is None:
        return None
    return ContestantRecord(
        name=name,
        gender=gender,
        id_number=check.number,
        unit=unit,
        phone=phone,
        project=project,
        note=texts["note"],
        source_row=row.number,
    )
