"""Opening organisers' files: every format, encodings, sheet choice, header detection under title rows, bounds,
and a clear located problem (never a traceback) for files that cannot be read."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from contest.intake import reader
from contest.intake.columns import field_matcher
from contest.intake.contestants import FIELDS
from contest.intake.reader import read_table

MATCH = field_matcher(FIELDS)


def _read(path: Path, **kw: object) -> tuple[reader.Table | None, tuple[object, ...]]:
    return read_table(path, match=MATCH, expected=["姓名", "身份证号"], **kw)  # type: ignore[arg-type]


def test_header_found_under_a_merged_title_row(contestants_xlsx: Path, files) -> None:
    table, problems = _read(contestants_xlsx)
    assert problems == ()
    assert table is not None
    assert table.sheet == "报名表"
    assert table.format == "xlsx"
    assert table.header_row == 2
    assert [table.header_text(i) for i in range(len(files.header))] == files.header
    assert [r.number for r in table.rows] == [3, 4, 5]


def test_cells_keep_raw_types(tmp_path: Path, files) -> None:
    when = datetime(2026, 5, 20, 9, 30)  # noqa: DTZ001 - Excel cells hold naive wall-clock times
    path = files.xlsx(
        tmp_path / "t.xlsx",
        [
            ["姓名", "身份证号", "日期", "时间", "分数", "是否"],
            ["张三", 12, date(2026, 5, 20), when, 85.5, True],
        ],
    )
    table, _ = _read(path)
    assert table is not None
    cells = table.rows[0].cells
    assert cells[0] == "张三"
    assert cells[1] == 12 and isinstance(cells[1], int)
    assert cells[2] == date(2026, 5, 20)
    assert cells[3] == when
    assert cells[4] == 85.5
    assert cells[5] is True
    assert table.rows[0].get(99) is None


def test_data_not_starting_at_a1_keeps_excel_row_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["C4"], ws["D4"], ws["C5"], ws["D7"] = "姓名", "性别", "张三", "女"
    wb.save(tmp_path / "offset.xlsx")
    table, problems = _read(tmp_path / "offset.xlsx")
    assert problems == ()
    assert table is not None
    assert table.header_row == 4
    assert table.header_text(2) == "姓名"
    assert [(r.number, r.get(2), r.get(3)) for r in table.rows] == [
        (5, "张三", None),
        (6, None, None),
        (7, None, "女"),
    ]


def test_first_sheet_with_a_header_is_chosen(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "t.xlsx",
        files.good_rows(1),
        sheet="数据",
        first_sheets=[("说明", [["请按要求填写"], ["不要改表头"]]), ("空", [])],
    )
    # the data sheet has no header at all: nothing matches, so the problem names the first non-empty sheet
    table, problems = _read(path)
    assert table is None
    assert problems[0].sheet == "说明"  # type: ignore[attr-defined]
    assert "表头" in str(problems[0])
    path = files.xlsx(
        tmp_path / "t2.xlsx",
        [files.header, *files.good_rows(1)],
        sheet="数据",
        first_sheets=[("说明", [["请按要求填写"]])],
    )
    table, problems = _read(path)
    assert table is not None and table.sheet == "数据"


def test_sheet_by_name_or_index_and_listing_when_absent(tmp_path: Path, files) -> None:
    path = files.xlsx(
        tmp_path / "t.xlsx", [files.header, *files.good_rows(1)], extra_sheets=[("第二组", [files.header])]
    )
    table, _ = _read(path, sheet="第二组")
    assert table is not None and table.sheet == "第二组" and table.rows == ()
    table, _ = _read(path, sheet=1)
    assert table is not None and table.sheet == "第二组"
    table, problems = _read(path, sheet="第三组")
    assert table is None
    text = str(problems[0])
    assert "第三组" in text and "“报名表”" in text and "“第二组”" in text
    table, problems = _read(path, sheet=5)
    assert table is None and "“第二组”" in str(problems[0])


def test_explicit_header_row(tmp_path: Path, files) -> None:
    path = files.xlsx(tmp_path / "t.xlsx", [["甲", "乙"], ["a", "b"]])
    table, problems = _read(path, header_row=1)
    assert problems == () and table is not None and table.rows[0].cells == ("a", "b")
    table, problems = _read(path, header_row=9)
    assert table is None and "第 9 行" in str(problems[0])


def test_utf8_bom_csv(tmp_path: Path, files) -> None:
    path = files.csv(tmp_path / "报名.csv", [files.header, *files.good_rows(2)], "utf-8-sig")
    table, problems = _read(path)
    assert problems == ()
    assert table is not None
    assert table.format == "csv" and table.sheet == ""
    assert table.header_text(0) == "序号"  # the BOM is not part of the first header
    assert table.rows[0].get(1) == "测试甲"


def test_gbk_csv_is_detected(tmp_path: Path, files) -> None:
    rows = [[files.title], files.header, *files.good_rows(2)]
    path = files.csv(tmp_path / "报名.csv", rows, "gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    table, problems = _read(path)
    assert problems == ()
    assert table is not None
    assert table.header_row == 2
    assert table.rows[1].get(4) == "江门市颐康养老中心"


def test_tab_separated_and_semicolon_csv(tmp_path: Path, files) -> None:
    for delimiter in ("\t", ";"):
        path = files.csv(
            tmp_path / "t.csv", [files.header, *files.good_rows(1)], "utf-8", delimiter=delimiter
        )
        table, problems = _read(path)
        assert problems == () and table is not None and table.rows[0].get(1) == "测试甲"


def test_undecodable_csv(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xfe\xfd\x80\x81" * 10 + b"\x81")
    table, problems = _read(path)
    assert table is None
    assert "编码" in str(problems[0])


def test_ods_is_read(tmp_path: Path, files) -> None:
    path = files.ods(tmp_path / "报名.ods", [[files.title], files.header, *files.good_rows(2)])
    table, problems = _read(path)
    assert problems == ()
    assert table is not None
    assert table.format == "ods"
    assert table.header_row == 2
    assert table.rows[0].get(1) == "测试甲"


def test_xls_is_read(tmp_path: Path, files) -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls fixture; not a project dependency")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("报名表")
    for i, row in enumerate([files.header, *files.good_rows(2)]):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    wb.save(str(tmp_path / "报名.xls"))
    table, problems = _read(tmp_path / "报名.xls")
    assert problems == ()
    assert table is not None and table.format == "xls" and table.rows[1].get(1) == "测试乙"


def test_format_is_decided_by_content_not_extension(tmp_path: Path, contestants_xlsx: Path) -> None:
    renamed = tmp_path / "报名.xls"
    renamed.write_bytes(contestants_xlsx.read_bytes())
    table, problems = _read(renamed)
    assert problems == () and table is not None and table.format == "xlsx"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.xlsx", b"", ["空的", "0 字节"]),
        ("renamed.xlsx", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", ["PDF"]),
        ("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", ["HTML", "另存为"]),
        ("notes.xlsx", "就是一段文字".encode(), ["不是 Excel"]),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ["无法打开"]),
    ],
)
def test_unreadable_files_give_a_clear_problem(
    tmp_path: Path, name: str, content: bytes, words: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    table, problems = _read(path)
    assert table is None
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith(f"文件 {name}：")
    for w in words:
        assert w in text


def test_corrupted_zip(tmp_path: Path, contestants_xlsx: Path) -> None:
    data = contestants_xlsx.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    table, problems = _read(truncated)
    assert table is None and "损坏" in str(problems[0])
    garbled = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(garbled, "w") as z:
        z.writestr("[Content_Types].xml", "<not-xml")
        z.writestr("xl/workbook.xml", "\x00\x01garbage")
    table, problems = _read(garbled)
    assert table is None and "无法打开" in str(problems[0])


def test_encrypted_workbook_by_signature(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container with an "EncryptedPackage" stream; the reader recognises it before
    # handing it to calamine.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    )
    table, problems = _read(path)
    assert table is None and "密码" in str(problems[0])


def test_encrypted_workbook_made_by_office_crypto(tmp_path: Path, contestants_xlsx: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool encrypts the fixture")
    locked = tmp_path / "locked.xlsx"
    with contestants_xlsx.open("rb") as src, locked.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    table, problems = _read(locked)
    assert table is None and "密码" in str(problems[0])
    _, en = read_table(locked, match=MATCH, lang="en")
    assert "password" in str(en[0])


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "nope.xlsx", tmp_path):
        table, problems = _read(path)
        assert table is None and "找不到文件" in str(problems[0])


def test_no_header_lists_expected_names(tmp_path: Path, files) -> None:
    path = files.xlsx(tmp_path / "t.xlsx", [["甲", "乙"], ["a", "b"]])
    table, problems = _read(path)
    assert table is None
    assert "姓名、身份证号" in str(problems[0])
    assert problems[0].sheet == "报名表"  # type: ignore[attr-defined]


def test_all_sheets_empty(tmp_path: Path, files) -> None:
    path = files.xlsx(tmp_path / "t.xlsx", [])
    table, problems = _read(path)
    assert table is None and "没有任何数据" in str(problems[0])


def test_row_and_column_bounds(tmp_path: Path, files, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_DATA_ROWS", 5)
    monkeypatch.setattr(reader, "MAX_COLUMNS", 10)
    path = files.xlsx(tmp_path / "rows.xlsx", [files.header, *files.good_rows(6)])
    table, problems = _read(path)
    assert table is None and "6 行" in str(problems[0]) and "上限 5" in str(problems[0])
    path = files.xlsx(tmp_path / "ok.xlsx", [files.header, *files.good_rows(5)])
    assert _read(path)[0] is not None
    wide = files.xlsx(tmp_path / "cols.xlsx", [[*files.header, "a", "b", "c"], [1] * 11])
    table, problems = _read(wide)
    assert table is None and "11 列" in str(problems[0])
    csv_path = files.csv(tmp_path / "rows.csv", [files.header, *files.good_rows(30)], "utf-8")
    table, problems = _read(csv_path)
    assert table is None and "上限 5" in str(problems[0])


def test_trailing_empty_rows_are_dropped(tmp_path: Path, files) -> None:
    path = files.csv(tmp_path / "t.csv", [files.header, *files.good_rows(1), [], [""] * 8, []], "utf-8")
    table, _ = _read(path)
    assert table is not None and len(table.rows) == 1


def test_vertically_merged_cells_fill_every_row(tmp_path: Path, files) -> None:
    rows = [files.header, *files.good_rows(3)]
    for r in rows[2:]:
        r[4] = None
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    ws.merge_cells("E2:E4")  # one unit for all three contestants
    ws.merge_cells("G1:H1")  # a header merged across columns stays in its first column
    wb.save(tmp_path / "merged.xlsx")
    table, problems = _read(tmp_path / "merged.xlsx")
    assert problems == () and table is not None
    assert [r.get(4) for r in table.rows] == ["蓬江区社会福利院"] * 3
    assert table.header_text(7) == ""


def _with_sheet_xml(path: Path, sheet_data: str) -> Path:
    """A valid one-sheet .xlsx whose worksheet part is replaced by ``sheet_data`` (the inside of <sheetData>)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = 1
    wb.save(path)
    members = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            members[name] = z.read(name)
    members["xl/worksheets/sheet1.xml"] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_reference_in_a_text_does_not_hide_a_cell_without_one(tmp_path: Path) -> None:
    # A cell without r= (placed by counting, here in row 6000) and a text holding ' r="A1"' used to balance the
    # scan's counts, which then measured 2 rows: the library would have allocated 6000 × 1000 cells.
    from contest.intake.bounds import scan_zip

    hidden = (
        '<row r="1"><c r="ALL1"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t> r="A1"</t></is></c></row>'
        '<row r="6000"><c><v>1</v></c></row>'
    )
    path = _with_sheet_xml(tmp_path / "hidden.xlsx", hidden)
    extent = scan_zip(path.read_bytes(), 1 << 29).by_name["Sheet"]
    assert (extent.rows, extent.cols) == (6000, 1000)
    table, problems = _read(path)
    assert table is None
    assert [p.message for p in problems] == [
        reader.tr("zh", "intake.reader.too_many_cells", rows=6000, cols=1000, limit=reader.MAX_CELLS)
    ]
    # the same cells with another attribute first are measured by position, with the same result
    plain = '<row r="1"><c r="ALL1"><v>1</v></c></row><row r="6000"><c s="0" r="B6000"><v>1</v></c></row>'
    extent = scan_zip(_with_sheet_xml(tmp_path / "s.xlsx", plain).read_bytes(), 1 << 29).by_name["Sheet"]
    assert (extent.rows, extent.cols) == (6000, 1000)
