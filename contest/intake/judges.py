"""Importing the judges list (裁判名单) from an organiser's workbook or CSV.

Owns the judge columns, the Chinese role names and their mapping to role keys, module lists, the per-row checks
and :class:`JudgeRecord`. Every problem in the file is collected; nothing is written anywhere. Assigning judges to
modules and the 回避 check against contestants' units belong to the services.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from contest.i18n import tr
from contest.intake.columns import (
    Columns,
    FieldSpec,
    data_rows,
    report_duplicates,
    report_missing,
)
from contest.intake.contestants import name_symbols
from contest.intake.normalise import Cell, cell_text, clean_code, clean_name, clean_text, clean_text_field
from contest.intake.opening import open_columns
from contest.intake.phone import check_phone
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow

ROLES: dict[str, str] = {
    "organiser": "组织者",
    "encryption": "加密裁判",
    "marking": "评分裁判",
    "chief": "裁判长",
    "supervisor": "监督",
    "clerk": "统分",
    "arbitration": "仲裁组",
}
"""Role key → the Chinese name printed in templates and messages."""

ROLE_NAMES: dict[str, str] = (
    {
        "组织者": "organiser",
        "赛务": "organiser",
        "赛务人员": "organiser",
        "组织": "organiser",
        "加密裁判": "encryption",
        "加密": "encryption",
        "加密员": "encryption",
        "评分裁判": "marking",
        "评分": "marking",
        "裁判员": "marking",
        "裁判": "marking",
        "裁判长": "chief",
        "总裁判长": "chief",
        "监督": "supervisor",
        "监督员": "supervisor",
        "监督仲裁": "supervisor",
        "仲裁": "arbitration",
        "仲裁员": "arbitration",
        "仲裁组": "arbitration",
        "仲裁组长": "arbitration",
        "仲裁组成员": "arbitration",
        "仲裁组组长": "arbitration",
        "仲裁委员": "arbitration",
        "统分": "clerk",
        "记分": "clerk",
        "统分员": "clerk",
        "记分员": "clerk",
        "统分裁判": "clerk",
        "记分裁判": "clerk",
    }
    | {k: k for k in ROLES}
    | {"organizer": "organiser", "arbitrator": "arbitration", "arbiter": "arbitration"}
)
"""Accepted role spellings (after NFKC, no spaces, lower case) → role key."""

FIELDS = (
    FieldSpec("seq", "序号", "No.", ("顺序号",), ignored=True),
    FieldSpec("code", "编号", "Code", ("裁判编号", "代码", "裁判代码", "账号"), required=True),
    FieldSpec("name", "姓名", "Name", ("名字", "裁判姓名"), required=True),
    FieldSpec("unit", "工作单位", "Unit", ("单位", "所在单位", "推荐单位", "单位名称"), required=True),
    FieldSpec("roles", "角色", "Roles", ("职责", "岗位", "裁判角色", "担任角色"), required=True),
    FieldSpec("modules", "评分模块", "Modules", ("模块", "负责模块", "执裁模块")),
    FieldSpec("group", "评分组", "Judge group", ("分组", "组别", "裁判组", "评分分组")),
    FieldSpec("phone", "联系电话", "Phone", ("手机", "手机号码", "电话", "手机号")),
    FieldSpec("note", "备注", "Note", ()),
)
"""Judge columns; the first name of each is the template header."""
_SPEC = {f.key: f for f in FIELDS}

_SPLIT = re.compile(r"[、,，/／;；\s]+")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")
_MODULE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,9}$")

MAX_NAME = 50
MAX_UNIT = 60
MAX_GROUP = 12
"""Longest judge group name (as :data:`contest.services.grouping.MAX_GROUP`)."""
"""Longest judge name and unit accepted (as for contestants, see :data:`contest.intake.contestants.MAX_TEXT`)."""


@dataclass(frozen=True)
class JudgeRecord:
    """One judge (or official) as read from a valid row."""

    code: str
    """Login code, upper case (e.g. "J01")."""
    name: str
    unit: str
    """工作单位, for the 回避 check."""
    roles: tuple[str, ...]
    """Role keys in the order given: organiser, encryption, marking, chief, supervisor, clerk, arbitration."""
    modules: tuple[str, ...]
    """Module codes (upper case) the judge marks; may be empty for roles other than marking."""
    source_row: int
    """Excel row number the record came from."""
    phone: str = ""
    note: str = ""
    group: str = ""
    """评分组 the judge marks with in their modules (分组评分); empty when the contest has one panel per module."""


def parse_roles(raw: Cell) -> tuple[tuple[str, ...], list[str]]:
    """Role keys named in a cell, and the parts not recognised."""
    roles: list[str] = []
    unknown: list[str] = []
    for part in _SPLIT.split(unicodedata.normalize("NFKC", clean_text(raw))):
        if not part:
            continue
        key = ROLE_NAMES.get(part.lower())
        if key is None:
            unknown.append(part)
        elif key not in roles:
            roles.append(key)
    return tuple(roles), unknown


def parse_modules(raw: Cell) -> tuple[str, ...]:
    """Module codes named in a cell, upper case, in order, without repeats (``"a、B,a"`` → ``("A", "B")``)."""
    parts = (clean_code(p) for p in _SPLIT.split(unicodedata.normalize("NFKC", clean_text(raw))))
    return tuple(dict.fromkeys(p for p in parts if p))


def import_judges(
    path: Path | str,
    *,
    sheet: str | int | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
    modules: Collection[str] | None = None,
    lang: str = "zh",
    separated: Collection[frozenset[str]] = (),
) -> ImportResult[JudgeRecord]:
    """Read and check a judges list; never raises on bad data.

    Args:
        path: .xlsx/.xlsm/.xlsb/.xls/.ods/.csv file.
        sheet: Sheet name or 0-based index (default: the first sheet with a recognisable header).
        mapping: Optional ``{field: header text or column letter}`` (fields: code, name, unit, roles, modules,
            phone, note, or their Chinese headers).
        header_row: Excel row number of the header row, to skip detection.
        modules: If given, the contest's module codes; any other code is a problem.
        lang: "zh" (default) or "en" for the problem messages.
        separated: Pairs of roles one person may not hold together (the contest's role separation); a row
            holding one is a problem on its roles cell.

    Returns:
        The valid rows as records, and every problem with its sheet, row, column and advice.
    """
    opened = open_columns(path, FIELDS, mapping=mapping, sheet=sheet, header_row=header_row, lang=lang)
    if isinstance(opened, ImportResult):
        return opened
    sink, columns = opened.sink, opened.columns
    known = tuple(dict.fromkeys(clean_code(m) for m in modules)) if modules is not None else None
    candidates: list[JudgeRecord] = []
    by_code: dict[str, list[TableRow]] = {}
    for row in data_rows(columns):
        record = _check_row(row, columns, sink, known, separated)
        if record is not None:
            candidates.append(record)
        code = clean_code(columns.raw(row, "code"))
        if code:
            by_code.setdefault(code, []).append(row)
    dup_rows = report_duplicates(sink, columns, _SPEC["code"], by_code, "intake.judges.duplicate_code")
    bad = sink.rows_with_problems() | dup_rows
    return opened.result(r for r in candidates if r.source_row not in bad)


def _check_row(
    row: TableRow,
    cols: Columns,
    sink: ProblemSink,
    known: tuple[str, ...] | None,
    separated: Collection[frozenset[str]] = (),
) -> JudgeRecord | None:
    before = len(sink)

    def add(key: str, field: str, raw: Cell, **fmt: object) -> None:
        sink.add(
            key if key.startswith("intake.") else f"intake.judges.{key}",
            row=row.number,
            col=cols.col(field),
            field=field,
            value=cell_text(raw),
            header=cols.header(field),
            **fmt,
        )

    raw_code = cols.raw(row, "code")
    code = clean_code(raw_code)
    if not code:
        report_missing(sink, cols, row, _SPEC["code"])
    elif not _CODE.match(code):
        add("code", "code", raw_code)

    raw_name = cols.raw(row, "name")
    name = clean_name(raw_name)
    if not name:
        report_missing(sink, cols, row, _SPEC["name"])
    elif any(ch.isdigit() for ch in name):
        add("name_digits", "name", raw_name)
    elif symbols := name_symbols(name):
        add("name_symbols", "name", raw_name, chars=symbols)
    elif len(name) > MAX_NAME:
        add(
            "too_long",
            "name",
            raw_name if not isinstance(raw_name, str) else raw_name[:MAX_NAME],
            n=len(name),
            limit=MAX_NAME,
        )

    raw_unit = cols.raw(row, "unit")
    unit = clean_text_field(raw_unit)
    if not unit:
        report_missing(sink, cols, row, _SPEC["unit"])
    elif len(unit) > MAX_UNIT:
        add(
            "too_long",
            "unit",
            raw_unit if not isinstance(raw_unit, str) else raw_unit[:MAX_UNIT],
            n=len(unit),
            limit=MAX_UNIT,
        )

    raw_roles = cols.raw(row, "roles")
    roles, unknown = parse_roles(raw_roles)
    if not roles and not unknown:
        report_missing(sink, cols, row, _SPEC["roles"])
    for part in unknown:
        add("role", "roles", raw_roles, part=part)
    for pair in separated:
        if pair <= set(roles):
            names = (tr(sink.lang, f"intake.role.{r}") if r in ROLES else r for r in sorted(pair))
            add(
                "role_conflict", "roles", raw_roles, part=tr(sink.lang, "intake.judges.role_join").join(names)
            )

    raw_modules = cols.raw(row, "modules")
    mods = parse_modules(raw_modules)
    for m in mods:
        if known is not None and m not in known:
            advice = tr(
                sink.lang,
                "intake.judges.known",
                known=tr(sink.lang, "intake.list_separator").join(known) or "—",
            )
            add("module", "modules", raw_modules, part=m, advice=advice)
        elif known is None and not _MODULE.match(m):
            add(
                "module",
                "modules",
                raw_modules,
                part=m,
                advice=tr(sink.lang, "intake.judges.format"),
            )
    if "marking" in roles and not mods:
        add("module_needed", "modules", raw_modules)
    raw_group = cols.raw(row, "group")
    group = clean_text_field(raw_group)
    if group and "marking" not in roles:
        add("group_marking", "group", raw_group)
    elif len(group) > MAX_GROUP:
        add("too_long", "group", raw_group, n=len(group), limit=MAX_GROUP)

    raw_phone = cols.raw(row, "phone")
    phone, phone_problem = check_phone(raw_phone)
    if phone_problem:
        add(phone_problem, "phone", raw_phone)

    if len(sink) > before:
        return None
    return JudgeRecord(
        code=code,
        name=name,
        unit=unit,
        roles=roles,
        modules=mods,
        group=group,
        source_row=row.number,
        phone=phone,
        note=clean_text_field(cols.raw(row, "note")),
    )
