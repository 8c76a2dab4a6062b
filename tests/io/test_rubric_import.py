"""``contest.intake.rubric_import``: a committee's Excel 评分标准 table (merged cells, title row) becomes a rubric
that the loader accepts; every problem is located; the shipped template round-trips. Real .xlsx files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from contest.intake.rubric_import import RubricMeta, import_rubric
from contest.intake.templates import write_template
from rubrics.load import read_bytes
from rubrics.model import ItemKind, ModuleRubric, VetoEffect

D = Decimal
HEADER = ["序号", "考核内容", "评分要求或扣分标准", "配分", "类型"]
META = RubricMeta(id="cup.b", code="B", title="协助进食", time_limit_minutes=15)


def committee_table(path: Path, rows: list[list[object]], merges: list[str] = ()) -> Path:  # type: ignore[assignment]
    """The committee's sheet: a merged title row, the header, ``rows``, and merged cells as given (cell
    ranges counted with the title row as row 1 and the header as row 2)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "模块B评分标准"
    ws.append(["模块B 协助进食 评分标准"])
    ws.merge_cells("A1:E1")
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    wb.close()
    return path


ROWS: list[list[object]] = [
    [1, "核对与沟通", "未核对老人信息扣2分", 4, "测量"],  # row 3; 序号, 内容, 配分 merged down to row 4
    [None, None, "每漏一项沟通要点扣1分", None, None],  # row 4
    [2, "喂食方法", "未完成或有明显错误", 6, "评价"],  # rows 5-8: levels 0..3
    [None, None, "基本完成，多处不规范", None, None],
    [None, None, "完成，个别不规范", None, None],
    [None, None, "熟练规范", None, None],
    [3, "操作总分", "整体操作流畅、人文关怀", 5, "直接打分"],  # row 9
    [None, None, "发生呛咳未处理，取消比赛资格", None, "否决"],  # row 10
]
MERGES = ["A3:A4", "B3:B4", "D3:D4", "E3:E4", "A5:A8", "B5:B8", "D5:D8", "E5:E8"]


def test_committee_table_becomes_a_valid_rubric(tmp_path: Path) -> None:
    """Merged 序号/考核内容/配分 count for every row of their item; 扣N分 and 每… are read from the text."""
    result = import_rubric(committee_table(tmp_path / "评分标准.xlsx", ROWS, MERGES), META)
    assert result.ok, [str(p) for p in result.problems]
    m, problems = read_bytes(result.records[0].encode("utf-8"), "b.toml")
    assert not problems and isinstance(m, ModuleRubric)
    assert (m.id, m.code, m.max_points, m.time_limit_minutes) == ("cup.b", "B", D(15), 15)
    b1, b2, b3 = m.items
    assert (b1.id, b1.kind, b1.points, b1.title.zh) == ("B1", ItemKind.MEASUREMENT, D(4), "核对与沟通")
    assert [(d.code, d.points, d.repeatable, d.cap) for d in b1.deductions] == [
        ("B1a", D(2), False, None),
        ("B1b", D(1), True, D(4)),
    ]
    assert b2.kind == ItemKind.JUDGEMENT and [x.zh for x in b2.levels][3] == "熟练规范"
    assert (b3.kind, b3.step, b3.points, b3.requirement.zh) == (
        ItemKind.SCORE,
        D("0.5"),
        D(5),
        "整体操作流畅、人文关怀",
    )
    assert [(v.code, v.effect) for v in m.vetoes] == [("V1", VetoEffect.DISQUALIFY)]


def test_every_problem_is_located(tmp_path: Path) -> None:
    """A wrong 类型, a rule without points, a three-row judgement item and a non-numeric 配分: each at its row
    and column, and no TOML."""
    rows: list[list[object]] = [
        [1, "核对", "未核对老人信息", 4, "测量"],  # row 3: no 扣N分
        [2, "喂食", "差", 6, "评价"],  # rows 4-6: three levels only
        [2, "喂食", "中", 6, "评价"],
        [2, "喂食", "好", 6, "评价"],
        [3, "沟通", "语言亲切扣1分", "五", "测量"],  # row 7
        [4, "整理", "未整理扣1分", 2, "主观题"],  # row 8
    ]
    result = import_rubric(committee_table(tmp_path / "坏.xlsx", rows), META)
    assert not result.records
    where = {(p.row, p.column) for p in result.problems}
    assert {(3, "C"), (4, "C"), (7, "D"), (8, "E")} <= where, [str(p) for p in result.problems]
    text = "\n".join(str(p) for p in result.problems)
    assert "文件 坏.xlsx，工作表 模块B评分标准，第 8 行，E 列（类型）：不认识的类型“主观题”" in text
    assert "扣N分" in text and "四行" in text


def test_template_round_trip(tmp_path: Path) -> None:
    """The shipped template's header is what the importer reads; filled in, it imports."""
    path = write_template("rubric", tmp_path / "评分标准模板.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["评分标准"]
    header = [c.value for c in ws[1]]
    assert header == ["序号", "环节", "考核内容", "评分要求或扣分标准", "配分", "扣分", "类型", "步长"]
    assert "填写说明" in wb.sheetnames
    ws.append([1, "准备", "洗手", "未洗手", 2, 2, "测量", None])
    ws.append([2, "操作", "操作总分", "整体评价", 8, None, "直接打分", 1])
    wb.save(path)
    result = import_rubric(path, META)
    assert result.ok, [str(p) for p in result.problems]
    m, problems = read_bytes(result.records[0].encode("utf-8"), "t.toml")
    assert not problems and isinstance(m, ModuleRubric)
    assert [s.title.zh for s in m.sections] == ["准备", "操作"]
    assert m.items[1].step == D(1) and m.max_points == D(10)


def test_a_wrong_file_is_refused_with_the_readers_reason(tmp_path: Path) -> None:
    """A PDF renamed .xlsx and a workbook without the 评分标准 header: a file-level problem, no TOML."""
    fake = tmp_path / "评分标准.xlsx"
    fake.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    result = import_rubric(fake, META)
    assert not result.records and "PDF" in str(result.problems[0])
    other = tmp_path / "名单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "单位"])
    ws.append(["张三", "某院"])
    wb.save(other)
    result = import_rubric(other, META)
    assert (
        not result.records
        and "表头" in str(result.problems[0])
        and "评分要求或扣分标准" in str(result.problems[0])
    )
