"""Builders for the messy files intake tests feed in: workbooks made with openpyxl in ``tmp_path``, hand-built
.ods files, CSV in several encodings, and valid made-up ID numbers.

They reach the tests as the ``files`` fixture (an instance of :class:`Files`) rather than by import, because
``tests/io`` is not a package and other test folders have a ``conftest`` module of their own.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from contest.intake.idcard import make_valid_id

CONTEST_DAY = date(2026, 5, 20)
TITLE = "2026年蓬江区养老护理技能竞赛报名表"
HEADER = ["序号", "姓名", "性别", "身份证号", "工作单位", "联系电话", "参赛项目", "备注"]


def person_id(seq: int, male: bool, birth: date = date(1985, 3, 4)) -> str:
    """A valid made-up ID in 江门市蓬江区 (never a real person's)."""
    return make_valid_id("440703", birth, seq, male)


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "报名表",
    title: str | None = None,
    text_columns: Sequence[int] = (),
    extra_sheets: Sequence[tuple[str, Sequence[Sequence[object]]]] = (),
    first_sheets: Sequence[tuple[str, Sequence[Sequence[object]]]] = (),
) -> Path:
    """Write ``rows`` to an .xlsx, optionally under a merged title row; ``text_columns`` are 1-based and get "@"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for name, data in first_sheets:
        extra = wb.create_sheet(name, 0)
        for r in data:
            extra.append(list(r))
    ws.title = sheet
    width = max((len(r) for r in rows), default=1)
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
    for r in rows:
        ws.append(list(r))
    for col in text_columns:
        for row in ws.iter_rows(min_col=col, max_col=col):
            for c in row:
                c.number_format = "@"
    for name, data in extra_sheets:
        extra = wb.create_sheet(name)
        for r in data:
            extra.append(list(r))
    wb.save(path)
    wb.close()
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str, *, delimiter: str = ",") -> Path:
    """Write a CSV the way Excel or WPS would, in ``encoding`` ("utf-8-sig" for UTF-8 with BOM, "gbk" …)."""
    text = "\r\n".join(delimiter.join("" if c is None else str(c) for c in r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_ods(path: Path, rows: Sequence[Sequence[object]], *, sheet: str = "报名表") -> Path:
    """A minimal OpenDocument spreadsheet built by hand (no LibreOffice needed)."""

    def cell(v: object) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, int | float) and not isinstance(v, bool):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>" for r in rows)
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def good_rows(n: int = 3) -> list[list[object]]:
    """``n`` valid contestant rows under :data:`HEADER`."""
    units = ["蓬江区社会福利院", "江门市颐康养老中心", "白沙街道长者服务站"]
    rows: list[list[object]] = []
    for i in range(n):
        male = i % 2 == 0
        rows.append(
            [
                i + 1,
                f"测试{'甲乙丙丁戊己庚辛壬癸'[i % 10]}",
                "男" if male else "女",
                person_id(i, male),
                units[i % 3],
                f"1391234{i:04d}",
                "生活照护",
                "",
            ]
        )
    return rows


class Files:
    """The builders above, plus the constants tests compare against."""

    day = CONTEST_DAY
    title = TITLE
    header = HEADER
    xlsx = staticmethod(write_xlsx)
    csv = staticmethod(write_csv)
    ods = staticmethod(write_ods)
    person_id = staticmethod(person_id)
    good_rows = staticmethod(good_rows)


@pytest.fixture
def files() -> Files:
    """Builders for test files (see :class:`Files`)."""
    return Files()


@pytest.fixture
def contestants_xlsx(tmp_path: Path) -> Path:
    """A clean contestant workbook with a merged title row above the header."""
    return write_xlsx(tmp_path / "报名表.xlsx", [HEADER, *good_rows(3)], title=TITLE, text_columns=(4, 6))
