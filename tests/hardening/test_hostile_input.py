"""R3 hostile input: damaged, disguised, enormous and strange workbooks, contest TOML and rubric TOML files.

Every reader must answer a hostile file with located problems (file, sheet, row, column) or a valid result, never
with an exception; a problem with the whole file leaves no records behind (no partial import); and a file can
cost neither unbounded memory nor unbounded time. Each test prints one figure line (cases or runs, failures) for
the README's reliability section, e.g. ``R3 hostile workbooks: 49 cases, 245 importer runs, 0 crashes, …``.

Hand-made cases cover each kind of file named in issue 8 (truncated or corrupted zip, renamed PDF, encrypted
workbook, 100k rows, 10k columns, formulas and error cells, merged cells, control characters, U+202E, emoji and
rare CJK names, dates in ID columns, 1 MB cells, zip bombs); hypothesis adds random and mutated files. The files
built to exhaust memory, and a generated 100,000-row list, also run in a child process that measures elapsed time
and peak RSS growth per file (the one test asserting bounds). ``R3_EXAMPLES`` scales the hypothesis runs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.config import ContestConfig, load_config, parse_config
from contest.errors import ConfigInvalid
from contest.intake import (
    ImportResult,
    KeyQuestion,
    RowProblem,
    answer_key,
    import_contestants,
    import_judges,
    import_theory_scores,
    make_valid_id,
    read_answer_key,
    read_answer_sheets,
)
from contest.intake.problems import MAX_PROBLEMS, column_index
from rubrics.errors import Problem
from rubrics.load import check_library, library_dir, read_bytes
from rubrics.model import (
    ModuleRubric,
    MultipleRule,
    QuestionGroup,
    QuestionType,
    SubArea,
    Text,
    TheoryBlueprint,
    TheorySection,
)
from tests.pins import CHEAP_HASHER

CONTEST_DAY = date(2026, 5, 20)
EXAMPLES = int(os.environ.get("R3_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FEW = settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
"""For the examples that write a workbook each (about 30 ms apiece)."""
MAX_MESSAGE = 5_000
"""A message longer than this is not a clear message (a 1 MB cell must be quoted by its start)."""

HEADER = ["序号", "姓名", "性别", "身份证号", "工作单位", "联系电话", "参赛项目", "备注"]

D = Decimal
S, M, TF = QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE
BLUEPRINT = TheoryBlueprint(
    id="tiny",
    title=Text("小卷"),
    standard="",
    duration_minutes=10,
    max_points=D(9),
    multiple_rule=MultipleRule.ALL_OR_NOTHING,
    sections=(
        TheorySection(
            "ethics",
            Text("职业道德"),
            (SubArea("code", Text("职业守则"), (QuestionGroup(S, 2, D(1)), QuestionGroup(TF, 2, D(1)))),),
        ),
        TheorySection(
            "related",
            Text("相关知识"),
            (
                SubArea("daily", Text("生活照护"), (QuestionGroup(M, 2, D(2)),)),
                SubArea("rehab", Text("康复服务"), (QuestionGroup(S, 1, D(1)),)),
            ),
        ),
    ),
)
KEY = answer_key(
    BLUEPRINT,
    [
        KeyQuestion(1, S, "B", "ethics", "code", D(1), 2),
        KeyQuestion(2, S, "D", "ethics", "code", D(1), 3),
        KeyQuestion(3, TF, "T", "ethics", "code", D(1), 4),
        KeyQuestion(4, TF, "F", "ethics", "code", D(1), 5),
        KeyQuestion(5, M, "ACD", "related", "daily", D(2), 6),
        KeyQuestion(6, M, "BC", "related", "daily", D(2), 7),
        KeyQuestion(7, S, "A", "related", "rehab", D(1), 8),
    ],
)

IMPORTERS: dict[str, Callable[[Path], ImportResult[Any]]] = {
    "contestants": lambda p: import_contestants(p, contest_date=CONTEST_DAY),
    "judges": lambda p: import_judges(p, modules=("A", "B", "C", "D")),
    "answer key": lambda p: read_answer_key(p, BLUEPRINT),
    "answer sheets": lambda p: read_answer_sheets(p, KEY),
    "theory scores": lambda p: import_theory_scores(p),
}


def person_id(seq: int, male: bool = True, birth: date = date(1985, 3, 4)) -> str:
    return make_valid_id("440703", birth, seq % 500, male)


def good_rows(n: int) -> list[list[object]]:
    return [
        [i + 1, f"测试{'甲乙丙丁戊'[i % 5]}{i}", "男" if i % 2 == 0 else "女"]
        + [person_id(i, i % 2 == 0), "蓬江区社会福利院", "13912345678", "养老护理员", None]
        for i in range(n)
    ]


# ---------------------------------------------------------------------------------------------- the contract


def contract(path: Path, result: object) -> list[str]:
    """What every importer result must satisfy, as a list of violations (empty when it holds)."""
    if not isinstance(result, ImportResult):
        return [f"returned {type(result).__name__}, not ImportResult"]
    out: list[str] = []
    if len(result.problems) > MAX_PROBLEMS + 1:
        out.append(f"{len(result.problems)} problems, more than the cap {MAX_PROBLEMS} + 1")
    for p in result.problems:
        if not isinstance(p, RowProblem):
            out.append(f"problem of type {type(p).__name__}")
            continue
        if p.file != path.name:
            out.append(f"problem names file {p.file!r}, not {path.name!r}")
        if not p.message.strip():
            out.append(f"empty message at {p.location()}")
        if len(str(p)) > MAX_MESSAGE:
            out.append(f"message of {len(str(p))} characters at {p.location()[:100]}")
        if p.row is not None and p.row < 1:
            out.append(f"row {p.row} in {p}")
    if any(p.row is None for p in result.problems) and result.records:
        out.append(f"{len(result.records)} records despite a file-level problem (partial import)")
    bad_rows = {p.row for p in result.problems if p.row is not None}
    leaked = [r for r in result.records if getattr(r, "source_row", None) in bad_rows]
    if leaked:
        out.append(f"records from rows with problems: {[r.source_row for r in leaked][:5]}")
    return out


@dataclass
class Tally:
    """Runs and failures of one suite, printed as its figure line."""

    title: str
    unit: str = "runs"
    runs: int = 0
    crashes: int = 0
    failures: int = 0

    def line(self, extra: str = "") -> str:
        return f"{self.title}: {self.runs} {self.unit}, {self.crashes} crashes, {self.failures} contract failures{extra}"


def run_importers(path: Path, names: tuple[str, ...] | None, tally: Tally) -> dict[str, ImportResult[Any]]:
    """Run the importers on ``path``; crashes and contract violations fail the test with the file named."""
    out: dict[str, ImportResult[Any]] = {}
    for name in names or tuple(IMPORTERS):
        tally.runs += 1
        try:
            result = IMPORTERS[name](path)
        except Exception as exc:
            tally.crashes += 1
            raise AssertionError(
                f"{name} crashed on {path.name}: {type(exc).__name__}: {exc}"[:2000]
            ) from exc
        violations = contract(path, result)
        if violations:
            tally.failures += 1
            raise AssertionError(f"{name} on {path.name}: {violations}")
        out[name] = result
    return out


# ------------------------------------------------------------------------------------------- building files


def xlsx_bytes(rows: list[list[object]], *, sheet: str = "报名表") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(path: Path, rows: list[list[object]], **kw: Any) -> Path:
    path.write_bytes(xlsx_bytes(rows, **kw))
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    text = "\r\n".join(",".join("" if c is None else str(c) for c in r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(path: Path, sheet_data: str | Iterator[str], *, shared: list[str] | None = None) -> Path:
    """A minimal .xlsx written by hand: the sheet XML exactly as given (cells with or without ``r``, error
    cells with cached values, references far out), streamed so that a huge part costs no memory here."""
    book = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" xmlns:r="{_REL}"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    book_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            if shared
            else ""
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", book_rels)
        if shared:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr(
                "xl/sharedStrings.xml",
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + items + "</sst>",
            )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            for piece in [sheet_data] if isinstance(sheet_data, str) else sheet_data:
                f.write(piece.encode("utf-8"))
            f.write(b"</sheetData></worksheet>")
    return path


def istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row_xml() -> str:
    return (
        '<row r="1">' + "".join(istr(f"{c}1", h) for c, h in zip("ABCDEFGH", HEADER, strict=True)) + "</row>"
    )


def write_ods(path: Path, body: str) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="报名表">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'


def ods_header() -> str:
    return "<table:table-row>" + "".join(ods_cell(h) for h in HEADER) + "</table:table-row>"


def _record(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 (.xlsb) record: type and size as 7-bit varints, then the body."""
    out = bytearray()
    for value in (kind, len(body)):
        while True:
            out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
            value >>= 7
            if not value:
                break
    return bytes(out) + body


def _wide(text: str) -> bytes:
    raw = text.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


def raw_xlsb(path: Path, rows: list[tuple[int, list[tuple[int, str]]]]) -> Path:
    """A minimal .xlsb written by hand (0-based row, [(0-based column, text)]), header in row 0."""
    header = list(enumerate(HEADER[1:5]))
    book = _record(0x83) + _record(0x8F)
    book += _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("报名表"))
    book += _record(0x90) + _record(0x84)
    sheet = _record(0x81) + _record(0x94, bytes(16)) + _record(0x91)
    for r, cells in [(0, header), *rows]:
        sheet += _record(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))  # BrtRowHdr
        sheet += b"".join(_record(0x06, struct.pack("<II", c, 0) + _wide(t)) for c, t in cells)  # BrtCellSt
    sheet += _record(0x92) + _record(0x82)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.bin", book)
        z.writestr(
            "xl/_rels/workbook.bin.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.bin"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.bin", sheet)
    return path


def encrypted_xlsx(path: Path) -> Path:
    """A real password-protected workbook when msoffcrypto-tool is there, else the OLE2 container by hand."""
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:  # pragma: no cover - the crafted signature below stands in
        return ole_with_encrypted_package(path)
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes([HEADER, *good_rows(3)]))).encrypt("密码123", out)
    path.write_bytes(out.getvalue())
    return path


def ole_with_encrypted_package(path: Path, *, at: int = 1024) -> Path:
    """An OLE2/CFB header and a directory entry named "EncryptedPackage" at ``at`` (128-byte aligned)."""
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + bytes([len(name), 0, 2, 1]) + b"\x00" * 60
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * (at - 8 + 128 * 4))
    data[at : at + 128] = entry
    path.write_bytes(bytes(data))
    return path


def flip_inside(data: bytes, member: str, count: int = 64) -> bytes:
    """``data`` (a zip) with ``count`` bytes of ``member``'s compressed data inverted."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    local = info.header_offset
    start = local + 30 + int.from_bytes(data[local + 26 : local + 28], "little")
    start += int.from_bytes(data[local + 28 : local + 30], "little")
    mid = start + max(info.compress_size // 2 - count // 2, 0)
    out = bytearray(data)
    for i in range(mid, min(mid + count, start + info.compress_size)):
        out[i] ^= 0xFF
    return bytes(out)


_BOMB: list[bytes] = []


def zip_bomb(path: Path) -> Path:
    """A 0.9 MB .xlsx whose sheet unpacks to 600 MB of blank rows (built streaming, once per session)."""
    if not _BOMB:
        block = "<row/>" * (1024 * 1024 // 6)
        _BOMB.append(raw_xlsx(path, (block for _ in range(600))).read_bytes())
    path.write_bytes(_BOMB[0])
    return path


# ----------------------------------------------------------------------------------------- hand-made cases


@dataclass(frozen=True)
class Case:
    """One hostile file and what must be said about it."""

    name: str
    build: Callable[[Path], Path]
    expect: tuple[str, ...] = ()
    """Substrings one problem's text (location + message + value) must contain; empty: the file is acceptable."""
    importers: tuple[str, ...] | None = None
    """The importers whose answer is checked against ``expect`` (``None``: all five); every importer runs."""
    row: int | None | str = "any"
    """Excel row of the expected problem (``None`` for the whole file)."""
    column: str = ""
    check: Callable[[dict[str, ImportResult[Any]]], None] | None = None


def _valid(path: Path) -> bytes:
    return xlsx_bytes([["2026年养老护理员竞赛报名表"], HEADER, *good_rows(5)])


def _set(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _rows(*cells: list[object]) -> Callable[[Path], Path]:
    return lambda p: write_xlsx(p.with_suffix(".xlsx"), [HEADER, *cells])


def _names_are(*names: str) -> Callable[[dict[str, ImportResult[Any]]], None]:
    def check(results: dict[str, ImportResult[Any]]) -> None:
        got = results["contestants"]
        assert got.problems == (), [str(p) for p in got.problems]
        assert [r.name for r in got.records] == list(names)

    return check


def _no_records(results: dict[str, ImportResult[Any]]) -> None:
    assert all(r.records == () for r in results.values())


def _nothing(results: dict[str, ImportResult[Any]]) -> None:
    got = results["contestants"]
    assert got.problems == () and got.records == (), [str(p) for p in got.problems]


def _emoji_row(name: str, seq: int) -> list[object]:
    return [seq, name, "男", person_id(seq), "蓬江区社会福利院", None, None, None]


def _merged(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报名表"
    ws.append(["2026年养老护理员竞赛报名表"])
    ws.merge_cells("A1:H1")
    ws.append(HEADER)
    for i, row in enumerate(good_rows(4)):
        ws.append([*row[:4], row[4] if i == 0 else None, *row[5:]])
    ws.merge_cells("E3:E6")  # one unit written once for four contestants
    ws.append([9, "合并甲", None, person_id(9), "颐康中心"])
    ws.merge_cells("B7:C7")  # name and gender merged across: the gender is empty
    wb.save(path)
    return path


def mega_cell(path: Path) -> Path:
    """A 1,048,576-character name (openpyxl would cut it to Excel's 32,767, so the XML is written by hand)."""
    row = istr("A2", "1") + istr("B2", "甲" * 1_048_576) + istr("C2", "男") + istr("D2", person_id(1))
    return raw_xlsx(path, header_row_xml() + '<row r="2">' + row + istr("E2", "单位") + "</row>")


def giant_cell(path: Path, megabytes: int = 21) -> Path:
    """One inline text of ``megabytes`` MB (7 M characters by default), streamed into the sheet XML."""

    def pieces() -> Iterator[str]:
        yield header_row_xml() + '<row r="2"><c r="B2" t="inlineStr"><is><t>'
        for _ in range(megabytes):
            yield "甲" * (1024 * 1024 // 3)
        yield "</t></is></c></row>"

    return raw_xlsx(path, pieces())


def _formulas(path: Path) -> Path:
    ok = good_rows(3)
    ok[0][2] = "#DIV/0!"  # openpyxl writes an error cell, with the error as its cached value
    ok[1][3] = "#REF!"
    ok[2][3] = "=C3&D3"  # a formula never calculated: no cached value
    return write_xlsx(path, [HEADER, *ok])


def _many_bad_rows(path: Path) -> Path:
    rows = [[i, f"名{i}", "?", "123", None] for i in range(20_000)]
    rows.insert(7, good_rows(1)[0])
    return write_csv(path.with_suffix(".csv"), [HEADER, *rows])


def _rows_101k_csv(path: Path) -> Path:
    text = ",".join(HEADER) + "\r\n" + "1,张三,男,x,单位\r\n" * 100_001
    path.with_suffix(".csv").write_text(text, encoding="utf-8")
    return path.with_suffix(".csv")


def _shared_amplified(path: Path) -> Path:
    """One 30,000-character shared string referenced from 3,000 cells: 90 M characters once copied."""
    cells = "".join(f'<row r="{i}"><c r="B{i}" t="s"><v>0</v></c></row>' for i in range(2, 3002))
    return raw_xlsx(path, header_row_xml() + cells, shared=["长" * 30_000])


def _no_refs_wide(path: Path) -> Path:
    """Cells without ``r`` (allowed by the format): 2,000 of them in one row must still count as columns."""
    return raw_xlsx(path, header_row_xml() + "<row>" + "<c t='n'><v>1</v></c>" * 2000 + "</row>")


def _error_cells_raw(path: Path) -> Path:
    """Error cells as Excel writes them (formula plus cached error), with and without ``r``."""
    return raw_xlsx(
        path,
        header_row_xml()
        + '<row r="2"><c r="A2"><v>1</v></c>'
        + istr("B2", "张三")
        + '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" t="e"><f>Sheet9!A1</f><v>#REF!</v></c>'
        + istr("E2", "单位")
        + "</row>",
    )


def _control_chars_csv(path: Path) -> Path:
    rows = good_rows(2)
    rows[0][1] = "张\x07三\x00"
    rows[0][3] = "\x1b" + str(rows[0][3]) + "\x7f"
    rows[1][1] = "李\x0b四\x1f"
    return write_csv(path.with_suffix(".csv"), [HEADER, *rows])


def _control_chars_xlsx(path: Path) -> Path:
    """Control characters as Excel escapes them in XML (``_x0007_``)."""
    return raw_xlsx(
        path,
        header_row_xml()
        + '<row r="2">'
        + istr("B2", "王_x0007_五_x001B_")
        + istr("C2", "男")
        + istr("D2", f"_x0001_{person_id(3)}")
        + istr("E2", "单位_x0008_")
        + "</row>",
    )


def _rtl(path: Path) -> Path:
    rows = good_rows(2)
    rows[0][1] = "\u202e张三"
    rows[0][3] = str(rows[0][3])[:9] + "\u202e" + str(rows[0][3])[9:]
    rows[1][1] = "李四\u200f\u2066"
    return write_xlsx(path, [HEADER, *rows])


def _rare_cjk(path: Path) -> Path:
    rows = good_rows(3)
    rows[0][1], rows[1][1], rows[2][1] = "𠮷野家", "龘靐", "阿卜杜·热合曼"
    return write_xlsx(path, [HEADER, *rows])


def _dates_in_id(path: Path) -> Path:
    rows = good_rows(3)
    rows[0][3] = datetime(2026, 5, 20, 9, 30)  # noqa: DTZ001 - a wall-clock cell as Excel holds it
    rows[1][3] = date(1985, 3, 4)
    rows[2][3] = dtime(12, 0)
    return write_xlsx(path, [HEADER, *rows])


def _odd_types(path: Path) -> Path:
    rows = good_rows(3)
    rows[0][2], rows[0][4] = True, timedelta(days=2)
    rows[1][3] = 440703198503040017  # an 18-digit ID typed as a number
    rows[2][1], rows[2][5] = 1e308, -0.0
    return write_xlsx(path, [HEADER, *rows])


CASES: list[Case] = [
    Case(
        "truncated zip (half)", lambda p: _set(p, _valid(p)[: len(_valid(p)) // 2]), ("无法打开",), row=None
    ),
    Case("truncated zip (100 bytes)", lambda p: _set(p, _valid(p)[:100]), ("无法打开",), row=None),
    Case(
        "corrupted zip (sheet data inverted)",
        lambda p: _set(p, flip_inside(_valid(p), "xl/worksheets/sheet1.xml")),
        ("无法打开",),
        row=None,
    ),
    Case(
        "corrupted zip (central directory gone)",
        lambda p: _set(p, _valid(p).replace(b"PK\x01\x02", b"XX\x01\x02")),
        ("无法打开",),
        row=None,
    ),
    Case(
        "sheet cell pointing past the shared-string table",
        lambda p: raw_xlsx(
            p, header_row_xml() + '<row r="2"><c r="B2" t="s"><v>5</v></c></row>', shared=["x"]
        ),
        ("无法打开", "shared strings"),
        row=None,
    ),
    Case(
        "malformed sheet XML",
        lambda p: raw_xlsx(p, header_row_xml() + '<row r="2"><c r="B2"><v>1</v><//c></row>'),
        ("无法打开",),
        row=None,
    ),
    Case(
        "zip that is no workbook",
        lambda p: _set(p, _zip_of({"readme.txt": "hello", "a/b.xml": "<x/>"})),
        ("无法打开",),
        row=None,
    ),
    Case(
        "renamed PDF",
        lambda p: _set(p, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("PDF",),
        row=None,
    ),
    Case(
        "renamed PDF after blank lines",
        lambda p: _set(p, b"\r\n \n%PDF-1.4\n" + bytes(200)),
        ("PDF",),
        row=None,
    ),
    Case("encrypted workbook (real)", encrypted_xlsx, ("密码",), row=None),
    Case("encrypted workbook (OLE2 signature only)", ole_with_encrypted_package, ("密码",), row=None),
    Case(
        "encrypted workbook (directory entry past 64 KB)",
        lambda p: ole_with_encrypted_package(p, at=70_016),
        ("密码",),
        row=None,
    ),
    Case(
        "OLE2 signature and garbage",
        lambda p: _set(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000)),
        ("无法打开",),
        row=None,
    ),
    Case("empty file", lambda p: _set(p, b""), ("空的",), row=None),
    Case("random bytes named .xlsx", lambda p: _set(p, os.urandom(4096)), ("不是 Excel",), row=None),
    Case(
        "web page named .xls",
        lambda p: _set(
            p.with_suffix(".xls"), b"<html><body><table><tr><td>1</td></tr></table></body></html>"
        ),
        ("网页",),
        row=None,
    ),
    Case(
        "10,000 columns",
        lambda p: write_xlsx(p, [HEADER + [f"列{i}" for i in range(9_992)], good_rows(1)[0]]),
        ("列太多", "10000"),
        row=None,
    ),
    Case(
        "one cell at XFD1048576 (a 17-billion-cell used area)",
        lambda p: raw_xlsx(p, header_row_xml() + '<row r="1048576">' + istr("XFD1048576", "x") + "</row>"),
        ("列太多", "16384"),
        row=None,
    ),
    Case("2,000 cells without references in one row", _no_refs_wide, ("列太多", "2000"), row=None),
    Case(
        ".xlsb with one cell at XFD1048576",
        lambda p: raw_xlsb(p.with_suffix(".xlsb"), [(1_048_575, [(16_383, "x")])]),
        ("列太多", "16384"),
        row=None,
    ),
    Case(
        ".xlsb with 1,048,576 rows",
        lambda p: raw_xlsb(p.with_suffix(".xlsb"), [(1_048_575, [(3, "x")])]),
        ("数据行太多",),
        importers=("contestants", "judges", "theory scores"),
        row=None,
    ),
    Case(
        ".xlsb read cell by cell",
        lambda p: raw_xlsb(
            p.with_suffix(".xlsb"), [(1, [(0, "张三"), (1, "男"), (2, person_id(1)), (3, "单位")])]
        ),
        check=_names_are("张三"),
        importers=("contestants",),
    ),
    Case(
        "1,048,576 rows",
        lambda p: raw_xlsx(p, header_row_xml() + '<row r="1048576">' + istr("D1048576", "x") + "</row>"),
        ("数据行太多",),
        row=None,
    ),
    Case(
        "100,001 data rows (CSV)",
        _rows_101k_csv,
        ("数据行太多", "100001"),
        importers=("contestants", "judges", "theory scores"),  # the others find no header of theirs
        row=None,
    ),
    Case("zip bomb (600 MB of rows in a 1 MB file)", zip_bomb, ("解压后太大",), row=None),
    Case("one shared string copied into 3,000 cells", _shared_amplified, ("文字总量太大",), row=None),
    Case(
        "ODS with 16,000 repeated columns",
        lambda p: write_ods(
            p.with_suffix(".ods"),
            ods_header()
            + '<table:table-row table:number-rows-repeated="50">'
            + ods_cell("x", 16_000)
            + "</table:table-row>",
        ),
        ("列太多",),
        row=None,
    ),
    Case(
        "ODS with 1,048,000 repeated rows",
        lambda p: write_ods(
            p.with_suffix(".ods"),
            ods_header()
            + '<table:table-row table:number-rows-repeated="1048000">'
            + ods_cell("x") * 4
            + "</table:table-row>",
        ),
        ("数据行太多",),
        row=None,
    ),
    Case(
        "1 MB cell",
        lambda p: mega_cell(p),
        ("内容太长", "1048576", "32767"),
        importers=("contestants",),
        row=2,
        column="B",
        check=_no_records,
    ),
    Case(
        "21 MB of text in one cell",
        giant_cell,
        ("内容太长", "32767"),
        importers=("contestants", "judges", "theory scores"),
        check=_no_records,
    ),
    Case(
        "1 MB cell (CSV)",
        lambda p: write_csv(p.with_suffix(".csv"), [HEADER, _emoji_row("乙" * 1_048_576, 1)]),
        ("内容太长",),
        importers=("contestants",),
        row=None,
        check=_no_records,
    ),
    Case(
        "error cells and a formula without a value",
        _formulas,
        ("#DIV/0!", "性别"),
        importers=("contestants",),
        row=2,
        column="C",
    ),
    Case(
        "error cell #REF! in the ID column",
        _formulas,
        ("#REF!", "身份证号"),
        importers=("contestants",),
        row=3,
        column="D",
    ),
    Case(
        "uncalculated formula in the ID column",
        _formulas,
        ("是公式", "WPS"),  # issue 14 case 10: said "未填写" (not filled in) before
        importers=("contestants",),
        row=4,
        column="D",
    ),
    Case(
        "error cells as Excel writes them",
        _error_cells_raw,
        ("#REF!",),
        importers=("contestants",),
        row=2,
        column="D",
    ),
    Case(
        "merged title, unit merged down, name merged across",
        _merged,
        ("性别",),
        ("contestants",),
        row=7,
        column="C",
    ),
    Case(
        "control characters (CSV)",
        _control_chars_csv,
        check=_names_are("张三", "李四"),
        importers=("contestants",),
    ),
    Case(
        "control characters (escaped in XML)",
        _control_chars_xlsx,
        check=_names_are("王五"),
        importers=("contestants",),
    ),
    Case(
        "right-to-left marks (U+202E) in name and ID",
        _rtl,
        check=_names_are("张三", "李四"),
        importers=("contestants",),
    ),
    Case(
        "rare CJK names (𠮷, 龘)",
        _rare_cjk,
        check=_names_are("𠮷野家", "龘靐", "阿卜杜·热合曼"),
        importers=("contestants",),
    ),
    Case(
        "emoji name",
        _rows(_emoji_row("张三😀", 1), _emoji_row("李四", 2)),
        ("😀",),
        importers=("contestants",),
        row=2,
        column="B",
    ),
    Case("date in the ID column", _dates_in_id, ("2026-05-20", "18 位"), ("contestants",), row=2, column="D"),
    Case("time in the ID column", _dates_in_id, ("12:00:00",), ("contestants",), row=4, column="D"),
    Case("ID typed as a number", _odd_types, ("存成了数字",), ("contestants",), row=3, column="D"),
    Case("boolean gender", _odd_types, ("TRUE", "性别"), ("contestants",), row=2, column="C"),
    Case(
        "title only, no header row",
        lambda p: write_xlsx(p, [["2026年报名表"], ["请认真填写"]]),
        ("找不到表头",),
        row=None,
    ),
    Case(
        "20,000 bad rows: the list is capped",
        _many_bad_rows,
        ("问题太多", str(MAX_PROBLEMS)),
        importers=("contestants",),
        row=None,
        check=_no_records,
    ),
    Case(
        "two ID columns",
        lambda p: write_xlsx(p, [[*HEADER, "身份证号码"], good_rows(1)[0]]),
        ("有多列",),
        importers=("contestants",),
        row=1,
        column="I",
        check=_no_records,
    ),
    Case("header only, no data rows", _rows(), check=_nothing, importers=("contestants",)),
]


def _zip_of(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def _matches(p: RowProblem, case: Case) -> bool:
    text = f"{p} {p.value}"
    if not all(e in text for e in case.expect):
        return False
    if case.row != "any" and p.row != case.row:
        return False
    return not case.column or p.column == case.column


def test_r3_hostile_workbooks_hand_made(tmp_path: Path) -> None:
    """Every hand-made hostile file: every importer answers within the contract, and the named importers give
    the expected located message."""
    tally = Tally("R3 hostile workbooks", "importer runs")
    misses: list[str] = []
    for n, case in enumerate(CASES):
        path = case.build(tmp_path / f"case{n:02d}.xlsx")
        results = run_importers(path, None, tally)
        for name in case.importers or tuple(IMPORTERS):
            result = results[name]
            if case.expect and not any(_matches(p, case) for p in result.problems):
                misses.append(f"{case.name} / {name}: {[str(p)[:160] for p in result.problems[:3]]}")
            if case.expect and case.row is None and result.records:
                misses.append(
                    f"{case.name} / {name}: {len(result.records)} records despite a file-level problem"
                )
        if case.check is not None:
            try:
                case.check(results)
            except AssertionError as exc:
                misses.append(f"{case.name}: {exc}")
    print(
        f"\nR3 hostile workbooks: {len(CASES)} cases, {tally.runs} importer runs, {tally.crashes} crashes, "
        f"{tally.failures} contract failures, {len(misses)} missing or unlocated messages"
    )
    assert not misses, "\n".join(misses)


# ------------------------------------------------------------------------------------------ answer sheets


def test_r3_answer_sheets_garbage_duplicates_unknown_questions(tmp_path: Path) -> None:
    """Garbage answers, duplicate station rows and unknown question numbers, wide and long: each a located
    problem, and only clean stations come back."""
    tally = Tally("R3 answer sheets", "checks")
    missing: list[str] = []

    def want(what: str, ok: bool) -> None:
        tally.runs += 1
        if not ok:
            tally.failures += 1
            missing.append(what)

    # An unknown question column is a problem at the header row, and nothing is read below it.
    unknown = [
        ["赛位号", "姓名", *range(1, 8), 99],
        ["001", "甲", "B", "D", "对", "错", "ACD", "BC", "A", None],
    ]
    path = write_xlsx(tmp_path / "答题99.xlsx", unknown, sheet="答题")
    got = run_importers(path, ("answer sheets",), tally)["answer sheets"]
    want(
        "question 99 at J1",
        any(p.row == 1 and p.column == "J" and "不在答案表中" in p.message for p in got.problems),
    )
    want("no sheets beside the header problem", got.records == ())

    # Wide layout: garbage in question 1 (column C), the same station twice, a row without a station.
    garbage: list[tuple[object, bool]] = [
        ("😀", True),
        ("ABCDEFG", True),  # F and G are not options
        (1e308, True),
        (date(2026, 5, 20), True),
        (True, True),  # a boolean is no single-choice answer
        ("√×", True),
        ("A" * 30_000, False),  # repeats dropped: "A", a wrong but readable answer
        ("\u202eB", False),  # the bidi mark is removed: "B"
        ("Ｆ", True),
        ("{0}", True),
    ]
    wide: list[list[object]] = [["赛位号", "姓名", *range(1, 8)]]
    wide.append(["001", "甲", "B", "D", "对", "错", "A,C,D", "bc", "A"])
    for n, (junk, _) in enumerate(garbage):
        wide.append([f"{n + 10:03d}", "乙", junk, "D", "对", "错", "ACD", "BC", "A"])
    wide.append(["001", "重复", "B", "D", "对", "错", "ACD", "BC", "A"])
    wide.append([None, "无赛位", "B", "D", "对", "错", "ACD", "BC", "A"])
    path = write_xlsx(tmp_path / "答题.xlsx", wide, sheet="答题")
    got = run_importers(path, ("answer sheets",), tally)["answer sheets"]
    at = {(p.row, p.column): p for p in got.problems}
    for n, (junk, bad) in enumerate(garbage):
        p = at.get((3 + n, "C"))
        want(f"garbage {str(junk)[:12]!r} at C{3 + n}", (p is not None and "无法识别" in p.message) == bad)
    dup = {p.row for p in got.problems if "重复" in p.message}
    want("station 001 twice, on both rows", dup == {2, 3 + len(garbage)})
    want(
        "row without a station",
        any(p.row == 4 + len(garbage) and "未填写" in p.message for p in got.problems),
    )
    clean = sorted(f"{n + 10:03d}" for n, (_, bad) in enumerate(garbage) if not bad)
    want("only the clean stations", sorted(s.station for s in got.records) == clean)

    # Long layout: one row per answer.
    long_rows: list[list[object]] = [["赛位号", "题号", "答案"]]
    long_rows += [["A01", n, a] for n, a in enumerate(["B", "D", "对", "错", "ACD", "BC", "A"], 1)]
    long_rows += [["A02", 1, "B"], ["A02", 1, "C"]]  # rows 9, 10: question 1 answered twice
    long_rows += [["A03", 42, "A"], ["A03", "第X题", "A"], ["A03", -3, "A"], ["A03", 2.5, "A"]]  # rows 11-14
    long_rows += [["A04", 1, "💥"], ["A04", 3, "maybe"], ["A05", 2, "D"]]  # rows 15-17
    path = write_xlsx(tmp_path / "答题长.xlsx", long_rows, sheet="答题")
    got = run_importers(path, ("answer sheets",), tally)["answer sheets"]
    checks: dict[str, Callable[[RowProblem], bool]] = {
        "A02 question 1 twice": lambda p: p.row in (9, 10) and "重复" in p.message,
        "unknown question 42": lambda p: p.row == 11 and "42" in p.message and "不在答案表中" in p.message,
        "garbage question number": lambda p: p.row == 12 and p.column == "B",
        "negative question number": lambda p: p.row == 13 and p.column == "B",
        "fractional question number": lambda p: p.row == 14 and p.column == "B",
        "emoji answer": lambda p: p.row == 15 and p.column == "C" and "无法识别" in p.message,
        "true/false garbage": lambda p: p.row == 16 and p.column == "C",
    }
    for what, pred in checks.items():
        want(what, any(pred(p) for p in got.problems))
    want("only A01 and A05", sorted(s.station for s in got.records) == ["A01", "A05"])
    print(f"\n{tally.line()}")
    assert not missing, (missing, [str(p) for p in got.problems])


# --------------------------------------------------------------------------------- hypothesis: workbooks


SUFFIXES = (".xlsx", ".xls", ".xlsm", ".xlsb", ".ods", ".csv", ".tsv", ".txt", "")
_VALID_XLSX = xlsx_bytes([["报名表"], HEADER, *good_rows(4)])


def _valid_csv_text() -> str:
    return "\r\n".join(",".join("" if c is None else str(c) for c in r) for r in [HEADER, *good_rows(4)])


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with a few random byte flips, a truncation, a deleted slice or an inserted run."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "delete", "insert", "zero"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at : at + 256] = bytes(len(data[at : at + 256]))
    return bytes(data)


def _fuzz_workbook(tmp_path: Path, tally: Tally, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{tally.runs}{suffix}"
    path.write_bytes(data)
    try:
        run_importers(path, None, tally)
    finally:
        path.unlink()


def test_r3_fuzz_random_bytes_as_workbooks(tmp_path: Path) -> None:
    tally = Tally("R3 fuzz: random bytes as workbooks", "importer runs")
    prefixes = st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"\xef\xbb\xbf"]
    )

    @FUZZ
    @given(prefix=prefixes, body=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
    def run(prefix: bytes, body: bytes, suffix: str) -> None:
        _fuzz_workbook(tmp_path, tally, prefix + body, suffix)

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


_XML_SNIPPETS = [
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="A1048576" t="s"><v>0</v></c>',
    b'<c t="s"><v>4294967295</v></c>',
    b'<c r="B2" t="e"><v>#REF!</v></c>',
    b"<c><v>1</v></c>" * 50,
    b'<row r="99999999999">',
    b"<row/>" * 100,
    b'<mergeCell ref="A1:XFD1048576"/>',
    b"&#0;&#xFFFF;",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    "\u202e😀𠮷".encode(),
    b"\xff\xfe",
]


@st.composite
def rezipped(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` (a zip) with one member's bytes mutated and the zip rebuilt with honest checksums, so the damage
    reaches the XML parsers rather than stopping at a CRC check."""
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    data = bytearray(draw(mutated(members[name])))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from(_XML_SNIPPETS))
    members[name] = bytes(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def test_r3_fuzz_mutated_valid_xlsx(tmp_path: Path) -> None:
    """Byte damage to the file as a whole (stopped by the zip's checks) and to one part re-zipped (reaching the
    XML readers of the preflight scan and of the spreadsheet library)."""
    tally = Tally("R3 fuzz: mutated valid .xlsx and .ods", "importer runs")
    rows = "".join(
        "<table:table-row>" + "".join(ods_cell(str(c)) for c in r) + "</table:table-row>"
        for r in good_rows(3)
    )
    ods = write_ods(tmp_path / "valid.ods", ods_header() + rows).read_bytes()

    @FUZZ
    @given(data=st.one_of(mutated(_VALID_XLSX), rezipped(_VALID_XLSX), rezipped(ods)))
    def run(data: bytes) -> None:
        _fuzz_workbook(tmp_path, tally, data, ".xlsx")

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


def test_r3_fuzz_mutated_valid_csv(tmp_path: Path) -> None:
    tally = Tally("R3 fuzz: mutated valid CSV", "importer runs")
    base = _valid_csv_text()
    hostile = st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(['"', ",", "\r", "\n", "\x00", "\u202e", "😀", "𠮷", "龘", "\t", ";", "\ufeff"]),
        ),
        max_size=80,
    )

    @FUZZ
    @given(
        at=st.integers(0, len(base)),
        cut=st.integers(0, 40),
        insert=hostile,
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    )
    def run(at: int, cut: int, insert: str, encoding: str) -> None:
        text = base[:at] + insert + base[at + cut :]
        _fuzz_workbook(tmp_path, tally, text.encode(encoding, "replace"), ".csv")

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


_XLSX_OK = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
CELLS = st.one_of(
    st.none(),
    st.lists(
        st.one_of(_XLSX_OK, st.sampled_from(["\u202e", "😀", "𠮷", "龘", "·", "#REF!", "{}"])), max_size=12
    ).map("".join),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([dtime(12, 0), timedelta(hours=3), "#DIV/0!", "#N/A", "=1/0", "440703198503040017"]),
    st.builds(person_id, st.integers(0, 499), st.booleans()),
)


def test_r3_fuzz_random_cells_under_real_headers(tmp_path: Path) -> None:
    """Random cell values of every type Excel holds, under each importer's real header: problems are located on
    a data row and a header column, and no importer crashes."""
    tally = Tally("R3 fuzz: random cells under real headers", "importer runs")
    headers = {
        "contestants": HEADER,
        "judges": ["编号", "姓名", "工作单位", "角色", "评分模块", "联系电话"],
        "answer key": ["题号", "题型", "答案", "模块", "子领域"],
        "answer sheets": ["赛位号", "姓名", "1", "2", "3", "4", "5", "6", "7"],
        "theory scores": ["赛位号", "身份证号", "理论成绩"],
    }

    @FEW
    @given(kind=st.sampled_from(sorted(headers)), rows=st.lists(st.lists(CELLS, max_size=10), max_size=8))
    def run(kind: str, rows: list[list[object]]) -> None:
        path = write_xlsx(tmp_path / f"cells{tally.runs}.xlsx", [headers[kind], *rows])
        try:
            result = run_importers(path, (kind,), tally)[kind]
        finally:
            path.unlink()
        width = max([len(headers[kind]), *(len(r) for r in rows)])
        for p in result.problems:
            if p.row is not None:
                assert 1 <= p.row <= len(rows) + 1, p
            if p.column:
                assert (column_index(p.column) or 0) < width, p

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


# --------------------------------------------------------------------------- 100k rows, bounds in a child


@pytest.fixture(scope="session")
def rows_100k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 valid contestants (the row limit exactly), written once per session with openpyxl write-only."""
    path = tmp_path_factory.mktemp("r3") / "报名表100k.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("报名表")
    ws.append(["姓名", "性别", "身份证号", "工作单位"])
    for i in range(100_000):
        male = i % 2 == 0
        birth = date(1970 + i // 4000, 1 + i % 12, 1 + (i // 12) % 28)
        ws.append(
            [f"选手{chr(0x4E00 + i % 20_000)}", "男" if male else "女", person_id(i, male, birth), "福利院"]
        )
    wb.save(path)
    return path


_CHILD = textwrap.dedent(
    """
    import gc, json, resource, sys, time, tracemalloc
    from datetime import date
    from contest.intake import import_contestants

    def kib(key):
        # VmHWM (peak) and VmRSS of this process image; ru_maxrss would include the parent's peak from before exec
        try:
            with open("/proc/self/status") as f:
                return next(int(line.split()[1]) for line in f if line.startswith(key + ":"))
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def reset_peak():
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
        except OSError:
            pass

    import_contestants(sys.argv[1])  # warm up: imports and first calls do not count
    out = {"cases": []}
    for arg in sys.argv[1:]:
        traced, path = arg.startswith("traced:"), arg.removeprefix("traced:")
        gc.collect()
        reset_peak()
        before = kib("VmRSS")
        if traced:  # Python's own peak too (tracemalloc doubles the time, so not for the 100k rows)
            tracemalloc.start()
        t = time.perf_counter()
        result = import_contestants(path, contest_date=date(2026, 5, 20))
        elapsed = time.perf_counter() - t
        py_peak = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        out["cases"].append({
            "file": path.rsplit("/", 1)[-1],
            "seconds": round(elapsed, 2),
            "rss_growth_kib": max(kib("VmHWM") - before, 0),
            "python_peak_mib": round(py_peak / 2**20, 1) if traced else None,
            "records": len(result.records),
            "problems": len(result.problems),
            "first": str(result.problems[0])[:200] if result.problems else "",
        })
        del result
    print(json.dumps(out, ensure_ascii=False))
    """
)


def test_r3_bounds_time_and_memory_of_large_and_hostile_workbooks(rows_100k: Path, tmp_path: Path) -> None:
    """Clearly-named bounds test: in a child process, the 100k-row list and the workbooks built to exhaust
    memory (a cell at XFD1048576, 10k columns, 1M rows, a zip bomb, an amplified shared string, a 1 MB cell)
    each finish in < 60 s, and the child's peak RSS grows by < 1.5 GB over its baseline."""
    small = write_xlsx(tmp_path / "warm.xlsx", [HEADER, *good_rows(2)])
    hostile = [
        raw_xlsx(
            tmp_path / "xfd.xlsx", header_row_xml() + '<row r="1048576">' + istr("XFD1048576", "x") + "</row>"
        ),
        raw_xlsx(
            tmp_path / "mid.xlsx", header_row_xml() + '<row r="30000">' + istr("WQJ30000", "x") + "</row>"
        ),
        raw_xlsx(
            tmp_path / "tall.xlsx", header_row_xml() + '<row r="1048576">' + istr("H1048576", "x") + "</row>"
        ),
        write_xlsx(tmp_path / "wide.xlsx", [HEADER + [f"列{i}" for i in range(9_992)], good_rows(1)[0]]),
        raw_xlsb(tmp_path / "xfd.xlsb", [(1_048_575, [(16_383, "x")])]),
        zip_bomb(tmp_path / "bomb.xlsx"),
        _shared_amplified(tmp_path / "amplified.xlsx"),
        mega_cell(tmp_path / "megacell.xlsx"),
        giant_cell(tmp_path / "giantcell.xlsx", 300),
        write_ods(
            tmp_path / "ods_wide.ods",
            ods_header()
            + '<table:table-row table:number-rows-repeated="100000">'
            + ods_cell("x", 999)
            + "</table:table-row>",
        ),
    ]
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(small), str(rows_100k), *(f"traced:{h}" for h in hostile)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    wall = time.perf_counter() - started
    assert proc.returncode == 0, f"the child died (rc {proc.returncode}): {proc.stderr[-3000:]}"
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    cases = report["cases"][1:]
    print()
    for c in cases:
        print(
            f"R3 bounds: {c['file']}: {c['seconds']} s, peak RSS +{c['rss_growth_kib'] / 1024:.0f} MiB"
            + (f", Python peak {c['python_peak_mib']} MiB" if c["python_peak_mib"] is not None else "")
            + f", {c['records']} records, {c['problems']} problems  {c['first'][:90]}"
        )
    peak_growth = max(c["rss_growth_kib"] for c in cases)
    slowest = max(c["seconds"] for c in cases)
    failures = sum(1 for c in cases if c["seconds"] >= 60 or c["rss_growth_kib"] >= 1.5 * 2**20)
    print(
        f"R3 bounds: {len(cases)} large or hostile workbooks, slowest {slowest} s, largest peak RSS growth "
        f"{peak_growth / 1024:.0f} MiB (bounds 60 s, 1536 MiB), child wall time {wall:.1f} s, {failures} failures"
    )
    by_file = {c["file"]: c for c in cases}
    assert by_file[rows_100k.name]["records"] == 100_000 and by_file[rows_100k.name]["problems"] == 0
    for c in cases[1:]:
        assert c["records"] == 0 and c["problems"] >= 1, c
    assert slowest < 60
    assert peak_growth < 1.5 * 2**20, f"peak RSS grew by {peak_growth / 1024:.0f} MiB"


# ------------------------------------------------------------------------------------ contest TOML (parse)


LIBRARY = check_library()[0]
CONFIG_TEXT = (Path(__file__).resolve().parents[2] / "examples" / "contest.toml").read_text(encoding="utf-8")
MODULE_TOML = (library_dir() / "elderly_care" / "basic_care.toml").read_bytes()
THEORY_TOML = (library_dir() / "elderly_care" / "theory.toml").read_bytes()


def config_outcome(text: str) -> ContestConfig | ConfigInvalid:
    """Parse, turning the one allowed exception into a value; anything else propagates and fails the test."""
    try:
        return parse_config(text, "fuzz.toml", library=LIBRARY)
    except ConfigInvalid as exc:
        return exc


def config_ok(outcome: ContestConfig | ConfigInvalid) -> None:
    if isinstance(outcome, ConfigInvalid):
        assert outcome.problems and all(isinstance(p, str) for p in outcome.problems)
        for p in outcome.problems:
            assert p.startswith("fuzz.toml: "), p
            assert len(p) < MAX_MESSAGE, p[:300]
        return
    assert isinstance(outcome, ContestConfig)
    assert outcome.modules and outcome.dates
    numbers = [outcome.theory_weight, *(m.weight for m in outcome.modules)]
    numbers += [t.value for t in outcome.awards.tiers]
    assert all(n.is_finite() for n in numbers), numbers


def rubric_ok(raw: bytes) -> None:
    obj, problems = read_bytes(raw, "fuzz.toml")
    assert obj is None or isinstance(obj, ModuleRubric | TheoryBlueprint)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert obj is not None or problems, "neither an object nor a problem"
    for p in problems:
        assert p.file == "fuzz.toml" and p.where and p.message
        assert len(str(p)) < MAX_MESSAGE, str(p)[:300]


HOSTILE_VALUES = [
    "nan",
    "inf",
    "-inf",
    "+nan",
    "1e400",
    "-1e400",
    "9e999999",
    "1e1000000",
    "-1e1000000",
    "1e-400",
    "-1",
    "0",
    "-0.0",
    "9" * 4000,
    '"x"',
    '"nan"',
    '"sNaN"',
    '"-Infinity"',
    "true",
    "[]",
    "[1, [2, [3]]]",
    "{}",
    "{a = {b = {c = 1}}}",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    '"\\u202e"',
    '"😀"',
    '"𠮷"',
    '""',
]


def _replace_value(text: str, line_no: int, value: str) -> str:
    lines = text.splitlines()
    candidates = [i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
    if not candidates:
        return text
    i = candidates[line_no % len(candidates)]
    key = lines[i].split("=", 1)[0]
    lines[i] = f"{key}= {value}"
    return "\n".join(lines)


def _delete_line(text: str, line_no: int) -> str:
    lines = text.splitlines()
    if lines:
        del lines[line_no % len(lines)]
    return "\n".join(lines)


CONFIG_CASES = {
    "nan theory weight": CONFIG_TEXT.replace("theory_weight = 0.2", "theory_weight = nan"),
    "huge numbers everywhere": re.sub(r"= *-?[0-9][0-9.]*", "= 1e400", CONFIG_TEXT),
    "a 10 MB string value": CONFIG_TEXT.replace(
        'edition = "第三届"', 'edition = "' + "届" * 10_000_000 + '"'
    ),
    "a 10 MB string of the wrong type": CONFIG_TEXT.replace(
        'venue = "', 'venue = ["' + "x" * 10_000_000 + '"]\nv = "'
    ),
    "a 10 MB key": CONFIG_TEXT + f"\n{'k' * 10_000_000} = 1\n",
    "tables nested 5,000 deep (inline)": CONFIG_TEXT + "\nzz = " + "{a=" * 5000 + "1" + "}" * 5000,
    "arrays nested 5,000 deep": CONFIG_TEXT + "\nzz = " + "[" * 5000 + "1" + "]" * 5000,
    "tables nested 5,000 deep (dotted key)": "zz" + ".a" * 5000 + " = 1\n" + CONFIG_TEXT,
    "a 5,000-digit integer": CONFIG_TEXT.replace("weight = 30", "weight = " + "9" * 5000),
    "tiers as text": CONFIG_TEXT.replace("tiers = [", 'tiers = "abc"\nxtiers = ['),
    "titles as a table": CONFIG_TEXT.replace("titles = [ {", "titles = {a = 1}\nxtitles = [ {"),
    "tolerance as text": CONFIG_TEXT.replace("judgement_levels = 1", 'judgement_levels = "x"'),
    "tolerance infinite": CONFIG_TEXT.replace("judgement_levels = 1", "judgement_levels = inf"),
    "panel size true": CONFIG_TEXT.replace("panel_size = 5", "panel_size = true"),
    "negative everything": CONFIG_TEXT.replace("= 30", "= -30")
    .replace("= 0.1", "= -0.1")
    .replace("= 60", "= -60"),
    "venue a number (alone)": CONFIG_TEXT.replace('venue = "江门市蓬江区南粤家政实训基地"', "venue = 42"),
    "every key deleted in turn": "",  # expanded below
    "NUL and control characters": CONFIG_TEXT.replace("第三届", "第\x00三\x07届"),
    "only a BOM": "\ufeff",
    "empty": "",
}


def test_r3_contest_toml_hand_made(tmp_path: Path) -> None:
    tally = Tally("R3 contest TOML: hand-made", "cases")
    for n, raw in enumerate([CONFIG_TEXT.encode("gbk", "replace"), b"\xff\xfe\x00", os.urandom(2048)]):
        tally.runs += 1
        path = tmp_path / f"contest{n}.toml"
        path.write_bytes(raw)
        with pytest.raises(ConfigInvalid) as err:
            load_config(path)
        assert all(str(path) in q for q in err.value.problems)
    silent: list[str] = []
    cases = dict(CONFIG_CASES)
    del cases["every key deleted in turn"]
    for n in range(len(CONFIG_TEXT.splitlines())):
        cases[f"line {n + 1} deleted"] = _delete_line(CONFIG_TEXT, n)
    for n, value in enumerate(HOSTILE_VALUES):
        for line in range(0, 70, 7):
            cases[f"value {value[:12]} at assignment {line}"] = _replace_value(CONFIG_TEXT, line + n, value)
    for name, text in cases.items():
        tally.runs += 1
        try:
            outcome = config_outcome(text)
            config_ok(outcome)
        except AssertionError:
            tally.failures += 1
            raise
        except Exception as exc:
            tally.crashes += 1
            raise AssertionError(f"{name}: {type(exc).__name__}: {str(exc)[:300]}") from exc
        if name == "venue a number (alone)" and not isinstance(outcome, ConfigInvalid):
            silent.append(name)
    tally.failures += len(silent)
    print(f"\n{tally.line()}")
    assert not silent, f"accepted silently: {silent}"
    wrong = config_outcome(CONFIG_CASES["venue a number (alone)"])
    assert isinstance(wrong, ConfigInvalid) and any("contest.venue" in p for p in wrong.problems)
    nan = config_outcome(CONFIG_CASES["nan theory weight"])
    assert isinstance(nan, ConfigInvalid) and any("finite" in p for p in nan.problems)


def test_r3_fuzz_contest_toml_text() -> None:
    tally = Tally("R3 fuzz: contest TOML, random text", "runs")

    @FUZZ
    @given(
        text=st.one_of(
            st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("utf-8", "replace"))
        )
    )
    def run(text: str) -> None:
        tally.runs += 1
        try:
            config_ok(config_outcome(text))
        except Exception:
            tally.crashes += 1
            raise

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


def test_r3_fuzz_contest_toml_mutated() -> None:
    tally = Tally("R3 fuzz: contest TOML, mutated example", "runs")
    base = CONFIG_TEXT.encode("utf-8")

    @FUZZ
    @given(
        how=st.sampled_from(["bytes", "value", "delete"]),
        data=mutated(base),
        line=st.integers(0, 200),
        value=st.one_of(
            st.sampled_from(HOSTILE_VALUES),
            st.from_regex(r"[-+]?[0-9]{1,30}(\.[0-9]{1,30})?(e[-+]?[0-9]{1,7})?", fullmatch=True),
        ),
    )
    def run(how: str, data: bytes, line: int, value: str) -> None:
        tally.runs += 1
        if how == "bytes":
            text = data.decode("utf-8", "replace")
        elif how == "value":
            text = _replace_value(CONFIG_TEXT, line, value)
        else:
            text = _delete_line(CONFIG_TEXT, line)
        try:
            config_ok(config_outcome(text))
        except Exception:
            tally.crashes += 1
            raise

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


# ------------------------------------------------------------------------------------ rubric TOML (read_bytes)


def test_r3_rubric_toml_hand_made() -> None:
    tally = Tally("R3 rubric TOML: hand-made", "cases")
    mod, th = MODULE_TOML.decode(), THEORY_TOML.decode()
    cases: dict[str, bytes] = {
        "empty": b"",
        "NUL bytes": b"\x00" * 64,
        "GBK text": "标题 = 1".encode("gbk"),
        "UTF-16": mod.encode("utf-16"),
        "a 5,000-digit number": mod.replace("max_points = 100", "max_points = " + "9" * 5000).encode(),
        "tables nested 5,000 deep": (mod + "\nzz = " + "{a=" * 5000 + "1" + "}" * 5000).encode(),
        "arrays nested 5,000 deep": (mod + "\nzz = " + "[" * 5000 + "1" + "]" * 5000).encode(),
        "dotted key 5,000 deep": ("zz" + ".a" * 5000 + " = 1\n" + mod).encode(),
        "points 9e999999": mod.replace("points = 6", "points = 9e999999").encode(),
        "points_each 9e999999": th.replace("points_each = 0.5", "points_each = 9e999999").encode(),
        "count 4,000 digits": th.replace("count = 6", "count = " + "9" * 4000).encode(),
        "exponent past Decimal": mod.replace("points = 6", "points = 1e9999999999999999999").encode(),
        "a 10 MB id": mod.replace('id = "A1"', 'id = "' + "x" * 10_000_000 + '"').encode(),
        "a 10 MB list where text goes": mod.replace(
            'id = "A1"', 'id = ["' + "x" * 10_000_000 + '"]'
        ).encode(),
        "a 10 MB key": (mod + f"\n{'k' * 10_000_000} = 1\n").encode(),
        "type only": b'type = "module"',
        "theory type only": b'type = "theory"',
    }
    for n, value in enumerate(HOSTILE_VALUES):
        for line in range(0, 120, 9):
            cases[f"module value {value[:12]} at {line}"] = _replace_value(mod, line + n, value).encode()
            cases[f"theory value {value[:12]} at {line}"] = _replace_value(th, line + n, value).encode()
    for line in range(len(mod.splitlines())):
        cases[f"module line {line + 1} deleted"] = _delete_line(mod, line).encode()
    for name, raw in cases.items():
        tally.runs += 1
        try:
            rubric_ok(raw)
        except AssertionError:
            tally.failures += 1
            raise
        except Exception as exc:
            tally.crashes += 1
            raise AssertionError(f"{name}: {type(exc).__name__}: {str(exc)[:300]}") from exc
    print(f"\n{tally.line()}")
    big = read_bytes(mod.replace("points = 6", "points = 1e400", 1).encode(), "fuzz.toml")[1]
    assert any(p.where.endswith("points") and "too large" in p.message for p in big)


def test_r3_fuzz_rubric_toml_bytes() -> None:
    tally = Tally("R3 fuzz: rubric TOML, random bytes", "runs")

    @FUZZ
    @given(raw=st.one_of(st.binary(max_size=600), st.text(max_size=300).map(str.encode)))
    def run(raw: bytes) -> None:
        tally.runs += 1
        try:
            rubric_ok(raw)
        except Exception:
            tally.crashes += 1
            raise

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


def test_r3_fuzz_rubric_toml_mutated() -> None:
    tally = Tally("R3 fuzz: rubric TOML, mutated library files", "runs")

    @FUZZ
    @given(
        base=st.sampled_from([MODULE_TOML, THEORY_TOML]),
        how=st.sampled_from(["bytes", "value", "delete"]),
        seed=st.data(),
        line=st.integers(0, 400),
        value=st.one_of(
            st.sampled_from(HOSTILE_VALUES),
            st.from_regex(r"[-+]?[0-9]{1,30}(\.[0-9]{1,30})?(e[-+]?[0-9]{1,7})?", fullmatch=True),
        ),
    )
    def run(base: bytes, how: str, seed: st.DataObject, line: int, value: str) -> None:
        tally.runs += 1
        if how == "bytes":
            raw = seed.draw(mutated(base))
        elif how == "value":
            raw = _replace_value(base.decode(), line, value).encode()
        else:
            raw = _delete_line(base.decode(), line).encode()
        try:
            rubric_ok(raw)
        except Exception:
            tally.crashes += 1
            raise

    try:
        run()
    finally:
        print(f"\n{tally.line()}")


# -- issue 14: generated user text through import → terminal → documents and exports ---------------------------------
#
# Every free-text field a user types or imports (unit, note, appeal text, judge name and unit) is generated from
# fragments that break naive code: rich/Textual markup, reportlab paragraph markup, spreadsheet formula prefixes
# (with a leading tab or space), bidi controls, NFKC look-alikes and 10,000-character strings. They go through the
# contestant import (a refused row must be located, and the annotated copy must hold no live formula), the services
# on a real SQLite contest, the command line's tables, and every document and the results workbook: 0 crashes,
# 0 live formulas, 0 unescaped markup (the markup is printed as typed).

HOSTILE_MARKUP = (
    "[/]",
    "[/b]",
    "[bold red]",
    "[link=file:///etc/passwd]",
    "<b>",
    "</para>",
    "&amp;",
    "<br/>",
)
HOSTILE_FORMULAS = (
    '=HYPERLINK("http://evil.example","点此")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
)
HOSTILE_BIDI = ("\u202e", "\u2066", "\u200f", "\u061c", "\u200b")
HOSTILE_NFKC = ("Ａ", "４", "٤", "ﬁ", "①", "＝", "\u3000")
HOSTILE_FRAGMENTS = (
    HOSTILE_MARKUP + HOSTILE_FORMULAS + HOSTILE_BIDI + HOSTILE_NFKC + ("蓬江区", "福利院", "\t", " ")
)


def hostile_text() -> st.SearchStrategy[str]:
    """A user text: a formula or markup start, then fragments and a little random text."""
    part = st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(min_size=1, max_size=4))
    return st.tuples(
        st.sampled_from(("", "\t", " ", *HOSTILE_FORMULAS, *HOSTILE_MARKUP)),
        st.lists(part, min_size=1, max_size=6),
    ).map(lambda t: t[0] + "".join(t[1]))


def _generated_texts(n: int, seed: int = 14) -> list[str]:
    import random

    rng = random.Random(seed)
    out = []
    for k in range(n):
        lead = (HOSTILE_FORMULAS + HOSTILE_MARKUP)[k % (len(HOSTILE_FORMULAS) + len(HOSTILE_MARKUP))]
        out.append(
            lead + "".join(rng.choice(HOSTILE_FRAGMENTS) for _ in range(rng.randint(1, 5))) + f"单位{k}"
        )
    return out


def _live_formulas(path: Path) -> list[str]:
    """Every formula cell of a workbook, and every string cell a spreadsheet could read as one (no quote prefix)."""
    wb = openpyxl.load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(f"{ws.title}!{cell.coordinate}: {cell.value!r}")
    return found


def test_r3_generated_user_text_through_import_terminal_documents_and_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from contest import cli
    from contest.intake import write_annotated
    from contest.outputs import write_all_outputs
    from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
    from tests.db.conftest import make_test_engine, small_config
    from tests.db.helpers import fill_sheet

    texts = _generated_texts(12)
    huge = "长" * 10_000
    header = ["序号", "姓名", "性别", "身份证号", "工作单位", "联系电话", "参赛项目", "备注"]
    names = ["张" + chr(0x4E00 + 7 * k) for k in range(len(texts) + 1)]
    rows = [header]
    for k, t in enumerate(texts):
        rows.append(
            [k + 1, names[k], "男", make_valid_id("440703", date(1980, 1, 1 + k), k, True), t, "", "", t]
        )
    rows.append([99, names[-1], "男", make_valid_id("440703", date(1981, 2, 2), 1, True), huge, "", "", huge])
    src = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    for cell in ws["D"]:
        cell.number_format = "@"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # the organiser's cells are text, as typed
    wb.save(src)

    result = import_contestants(src, contest_date=CONTEST_DAY)
    refused = {p.row for p in result.problems}
    assert len(rows) in refused  # the 10,000-character unit and note, located at their row
    assert all(p.row is not None and p.column and len(p.message) < MAX_MESSAGE for p in result.problems)
    annotated = write_annotated(src, result.problems, tmp_path / "annotated.xlsx")
    assert _live_formulas(annotated) == []

    engine, _url, _ = make_test_engine("sqlite", tmp_path)
    from contest.store.engine import create_schema

    create_schema(engine)
    sv = Services(
        engine,
        Services.create_contest(engine, small_config(panel=1, modules=("basic_care",))),
        hasher=CHEAP_HASHER,
    )
    people = [
        ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note)
        for r in result.records
    ]
    # a unit that got past the import limits (a database edited by hand): the documents must still cope
    people.append(
        ContestantIn(names[-1], "男", make_valid_id("440703", date(1981, 2, 2), 1, True), huge, "", "", huge)
    )
    sv.import_contestants(CONSOLE, people)
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("J1", texts[0][:20], texts[1], ("marking",), ("A",), pin="1000"),
            JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
            JudgeIn("C1", "裁判长", texts[2], ("chief",), pin="2002"),
            JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        ],
    )
    sv.draw(sv.login("E1", "2001"), "r3-seed")
    j = sv.login("J1", "1000")
    stations = [s.station for s in sv.stations(j, "A")]
    for st_ in stations:
        fill_sheet(sv, j, "A", st_)
    sv.import_theory_scores(CONSOLE, {st_: (Decimal(80), {}) for st_ in stations})
    sup = sv.login("S1", "2003")
    for t in texts[:6]:
        sv.lodge_appeal(sup, stations[0], "A", t)
    sv.sign_off(sv.login("C1", "2002"), "A")
    sv.decrypt("C1", "2002", "S1", "2003")

    from alembic import command

    from contest.store.migrate import alembic_config

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 20_000)  # one table row per line: texts are shown whole
    runner = CliRunner()
    crashes = 0
    for args in (["appeals"], ["judges", "list"], ["standings"], ["status"]):
        res = runner.invoke(cli.app, ["--db", str(tmp_path / "contest.db"), *args])
        crashes += res.exit_code != 0
        assert res.exit_code == 0, (args, res.output, res.exception)
        if args == ["appeals"]:
            for t in texts[:6]:
                for m in HOSTILE_MARKUP:
                    if m in t:
                        assert m in res.output, (m, t)  # printed as typed, not swallowed as markup
    files = write_all_outputs(sv, tmp_path / "out")
    formulas = _live_formulas(files["成绩工作簿"])
    assert formulas == []
    book = openpyxl.load_workbook(files["成绩工作簿"])
    cells = {
        c.value for ws_ in book.worksheets for row in ws_.iter_rows() for c in row if isinstance(c.value, str)
    }
    stored = {p.unit for p in people}
    assert stored - {huge} <= cells, stored - cells  # every unit in the workbook, as stored, as text
    for label, path in files.items():
        assert path.stat().st_size > 0, label
    print(
        f"\nR3 generated user text: {len(texts) + 1} texts through import, {len(files)} documents and exports, "
        f"CLI tables 4; {crashes} crashes, {len(formulas)} live formulas, 0 unescaped markup"
    )


@settings(FUZZ, max_examples=max(EXAMPLES // 10, 10))
@given(text=hostile_text(), other=hostile_text())
def test_r3_fuzz_user_text_in_result_sheet_workbook_and_cli_table(text: str, other: str) -> None:
    import dataclasses

    from rich.console import Console
    from rich.table import Table as RichTable

    from contest import cli
    from contest.export import ResultsWorkbookData, write_results_workbook
    from contest.printing import render_result_sheet
    from contest.printing.pages import DocHeader, ResultGroup, ResultRow, ResultSheetData

    head = DocHeader(
        contest="竞赛",
        edition="第一届",
        audit_head="0" * 64,
        printed_at=datetime(2026, 5, 20, 9, 0, tzinfo=UTC),
    )
    row = ResultRow(
        1,
        name=other[:40] or "甲",
        unit=text,
        id_masked="440703********1234",
        station="A-01",
        theory=Decimal("80.00"),
        modules=(Decimal("90.00"),),
        practical=Decimal("90.00"),
        total=Decimal("88.00"),
        award=other,
        remarks=(text,),
    )
    group = ResultGroup(text[:60] or "组", ("模块A",), (row, dataclasses.replace(row, rank=2, unit=other)))
    from contest.errors import PrintRefused

    with contextlib.suppress(PrintRefused):  # a glyph the bundled font lacks is a clear, listed refusal
        render_result_sheet(ResultSheetData(head, (group,)))
    payload = write_results_workbook(ResultsWorkbookData(header=head, groups=(group,)))
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"r3-{os.getpid()}.xlsx"
    path.write_bytes(payload)
    try:
        assert _live_formulas(path) == []
    finally:
        path.unlink(missing_ok=True)
    table = RichTable()
    table.add_column("a")
    table.add_column("b")
    cli.row(table, text, other)
    out = Console(width=20_000, record=True, file=io.StringIO())
    out.print(table)
    shown = out.export_text()
    for m in HOSTILE_MARKUP:
        if m in text:
            assert m in shown
