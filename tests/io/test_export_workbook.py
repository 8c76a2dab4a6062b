"""The results workbook, opened again with openpyxl: sheets, headers, exact numbers (Decimal digits, not
float noise), IDs as text, frozen headers, filters and widths."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from test_printing_samples import AUDIT, CONTEST, PEOPLE, workbook_data

from contest.export import write_results_workbook


def open_book(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def exact(value: object) -> Decimal:
    """The number openpyxl read back, as the decimal text Excel would see (repr of a float is its shortest
    round-trip text, so ``85.6`` and never ``85.59999999999999``)."""
    assert isinstance(value, int | float), value
    return Decimal(repr(value))


def test_sheets_in_order(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    payload = write_results_workbook(workbook_data(), out)
    assert out.read_bytes() == payload
    wb = open_book(payload)
    assert wb.sheetnames == ["成绩总表", "模块A 基础照护", "模块B 康复服务", "理论成绩", "裁判统计", "说明"]


def test_results_sheet_has_the_result_columns_and_exact_scores() -> None:
    data = workbook_data()
    ws = open_book(write_results_workbook(data))["成绩总表"]
    head = [c.value for c in ws[1]]
    assert head == [
        "组别",
        "名次",
        "姓名",
        "单位",
        "身份证号",
        "赛位号",
        "理论成绩",
        "模块A 基础照护",
        "模块B 康复服务",
        "模块C 心理支持",
        "模块D 技术指导",
        "实操成绩",
        "总成绩",
        "奖项",
        "荣誉称号",
        "备注",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    expected = [r for g in data.groups for r in g.rows]
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        assert got[1] == want.rank
        assert got[2] == want.name
        assert got[4] == want.id_masked
        assert exact(got[6]) == want.theory
        for value, module in zip(got[7:11], want.modules, strict=True):
            assert exact(value) == module
        assert exact(got[11]) == want.practical
        assert exact(got[12]) == want.total
        assert (got[13] or "") == want.award
    assert rows[0][2] == PEOPLE[0][0] == "李龘"
    assert rows[1][2] == "陈𠮷"
    assert rows[7][1] is None  # disqualified: no rank
    assert "取消资格" in rows[7][15]
    assert rows[-1][0] == "养老护理员（学生组）"


def test_numbers_are_written_with_their_own_digits() -> None:
    payload = write_results_workbook(workbook_data())
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    values = re.findall(r"<v>([^<]*)</v>", xml)
    assert "92.35" in values  # a Decimal, written exactly
    assert "88.50" in values  # trailing zero kept: the value is what the store holds
    assert not [v for v in values if re.search(r"\d{6,}", v.split(".")[-1])]  # no 85.59999999999999


def _saved_values(value: object, *, exact: bool) -> list[str]:
    """The ``<v>`` texts of a one-cell workbook saved by openpyxl (inside :func:`exact_decimals` if ``exact``)."""
    from openpyxl import Workbook

    from contest.export import exact_decimals

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = value
    buf = io.BytesIO()
    if exact:
        with exact_decimals():
            wb.save(buf)
    else:
        wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        return re.findall(r"<v>([^<]*)</v>", z.read("xl/worksheets/sheet1.xml").decode())


def test_exact_decimals_fits_openpyxl_and_holds_only_while_saving() -> None:
    """openpyxl's cell writer still formats values with ``safe_string(value)`` from ``openpyxl.compat``, the name
    :func:`contest.export.exact_decimals` swaps (a new openpyxl that changed that fails here); outside the block,
    and after this module's workbooks are saved, openpyxl writes numbers its own way."""
    import inspect

    from openpyxl.cell import _writer
    from openpyxl.compat import safe_string

    assert list(inspect.signature(safe_string).parameters) == ["value"]
    assert _writer.safe_string is safe_string
    write_results_workbook(workbook_data())
    assert _writer.safe_string is safe_string  # put back
    assert _saved_values(Decimal("85.60"), exact=True) == ["85.60"]
    assert _saved_values(Decimal("85.60"), exact=False) == ["85.59999999999999"]  # openpyxl's own "%.16g"
    assert _saved_values(2.5, exact=True) == _saved_values(2.5, exact=False) == ["2.5"]


def test_score_cells_are_numbers_with_two_decimals_and_ids_are_text() -> None:
    wb = open_book(write_results_workbook(workbook_data()))
    ws = wb["成绩总表"]
    theory = ws["G2"]
    assert theory.data_type == "n"
    assert theory.number_format == "0.00"
    assert ws["B2"].number_format == "0"
    id_cell = ws["E2"]
    assert id_cell.data_type == "s"
    assert id_cell.number_format == "@"
    assert id_cell.value == "440703********1234"
    assert ws["F2"].number_format == "@"  # station numbers stay text


def test_frozen_headers_filters_and_widths() -> None:
    data = workbook_data()
    wb = open_book(write_results_workbook(data))
    table_rows = {
        "成绩总表": sum(len(g.rows) for g in data.groups),
        "理论成绩": len(data.theory.rows),
        "裁判统计": sum(len(m.judges) for m in data.judges),
        **{m.title: len(m.rows) for m in data.modules},
    }
    for title, n in table_rows.items():
        ws = wb[title]
        last_col = len([c for c in ws[1] if c.value is not None])
        assert ws.freeze_panes == ("D2" if title == "成绩总表" else "C2")
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, last_col).column_letter}{n + 1}"
        assert ws["A1"].font.b
    ws = wb["成绩总表"]
    assert ws.column_dimensions["D"].width >= 20  # units are long Chinese names
    assert ws.column_dimensions["B"].width < ws.column_dimensions["D"].width


def test_module_sheets_have_each_judges_sheet_total_and_the_module_score() -> None:
    data = workbook_data()
    wb = open_book(write_results_workbook(data))
    module = data.modules[0]
    ws = wb[module.title]
    assert [c.value for c in ws[1]] == [
        "赛位号",
        "姓名",
        "J01",
        "J02",
        "J03",
        "J04",
        "J05",
        "模块得分",
        "备注",
    ]
    for r, row in enumerate(module.rows, start=2):
        assert ws.cell(r, 1).value == row.station
        for k, total in enumerate(row.totals):
            assert exact(ws.cell(r, 3 + k).value) == total
        assert exact(ws.cell(r, 8).value) == row.score
        assert ws.cell(r, 8).number_format == "0.00"
    assert "计分规则" in ws.cell(len(module.rows) + 3, 1).value


def test_theory_and_judge_sheets() -> None:
    data = workbook_data()
    wb = open_book(write_results_workbook(data))
    ws = wb["理论成绩"]
    assert [c.value for c in ws[1]] == [
        "赛位号",
        "姓名",
        "单位",
        "职业道德",
        "基础知识",
        "相关知识",
        "理论成绩",
    ]
    assert exact(ws["E2"].value) == Decimal("27.50")
    assert exact(ws["G2"].value) == Decimal("87.50")
    ws = wb["裁判统计"]
    assert [c.value for c in ws[1]] == [
        "模块",
        "裁判",
        "评分表数",
        "平均偏差",
        "平均绝对偏差",
        "最大绝对偏差",
    ]
    first = data.judges[0].judges[0]
    assert ws["B2"].value == first.judge
    assert ws["C2"].value == first.sheets
    assert exact(ws["D2"].value) == first.mean_deviation
    assert ws.max_row == 1 + sum(len(m.judges) for m in data.judges)


def test_about_sheet_says_what_the_workbook_was_made_from() -> None:
    wb = open_book(write_results_workbook(workbook_data()))
    ws = wb["说明"]
    facts = {row[0]: row[1] for row in ws.iter_rows(values_only=True)}
    assert facts["竞赛"] == CONTEST
    assert facts["数据校验码"] == AUDIT
    assert facts["生成时间"] == "2025-06-15 16:30"
    assert facts["状态"] == "定稿"
    draft = open_book(write_results_workbook(workbook_data(draft=True)))["说明"]
    assert "草稿 未定稿：模块D未签核" in [row[1] for row in draft.iter_rows(values_only=True)]


def test_english_workbook() -> None:
    wb = open_book(write_results_workbook(workbook_data(), lang="en"))
    assert wb.sheetnames[0] == "Results"
    assert wb.sheetnames[-1] == "About"
    assert wb["Results"]["B1"].value == "Rank"


def test_sheet_names_are_made_valid_and_unique() -> None:
    from contest.export import _sheet_name

    used: set[str] = set()
    assert _sheet_name("模块A: 基础/照护 [甲]", used) == "模块A_ 基础_照护 _甲_"
    long = "模块" * 40
    first = _sheet_name(long, used)
    second = _sheet_name(long, used)
    assert len(first) == 31
    assert len(second) <= 31
    assert first != second
