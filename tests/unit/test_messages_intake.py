"""Intake speaks through the one catalogue: its modules raise no hand-written text, every ``intake.*`` key the code
names exists, and an import run in English says everything in English (only the file's own data stays as it is)."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from contest.i18n import catalogue, tr
from contest.intake import import_contestants, import_judges, import_theory_scores
from contest.intake.analysis import FLAG_TEXT, ItemFlag
from contest.intake.checkin import import_checkins
from contest.intake.idcard import make_valid_id
from contest.intake.judges import ROLES
from contest.intake.problems import RowProblem
from tests.unit.test_messages import CONTEST, _plain_text_raises

INTAKE_MODULES = tuple(
    sorted(
        f"intake/{p.name}"
        for p in (CONTEST / "intake").glob("*.py")
        # __init__ only raises AttributeError from the module __getattr__ protocol
        if p.name != "__init__.py"
    )
) + ("intake_bridge.py",)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
DAY = date(2026, 5, 20)


@pytest.mark.parametrize("module", INTAKE_MODULES)
def test_intake_modules_raise_messages_not_text(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def _intake_key_literals() -> dict[str, str]:
    """Every string literal in intake that looks like an ``intake.*`` catalogue key (``sink.add("intake.…")``,
    ``tr(lang, "intake.…")``, returned problem keys …), with where it is."""
    found: dict[str, str] = {}
    for path in [*(CONTEST / "intake").glob("*.py"), CONTEST / "intake_bridge.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if (
                not (isinstance(node, ast.Constant) and isinstance(node.value, str))
                or id(node) in in_fstrings
            ):
                continue
            if re.fullmatch(r"intake\.[a-z0-9_]+(\.[a-z0-9_]+)+", node.value):
                found.setdefault(node.value, f"{path.name}:{node.lineno}")
    return found


def test_every_intake_key_the_code_names_is_in_the_catalogue() -> None:
    keys = catalogue()
    literals = _intake_key_literals()
    assert len(literals) > 80
    assert {k: v for k, v in literals.items() if k not in keys} == {}


def test_keys_built_from_names_exist() -> None:
    keys = catalogue()
    for flag in ItemFlag:
        assert FLAG_TEXT[flag] in keys
    for role in ROLES:
        assert f"intake.role.{role}" in keys
    for qtype in ("single", "multiple", "true_false"):
        assert f"intake.qtype.{qtype}" in keys
        assert f"intake.answer_advice.{qtype}" in keys
        assert f"intake.analysis.qtype.{qtype}" in keys


def test_the_location_reads_in_the_problems_language() -> None:
    p = RowProblem("报名表.xlsx", "报名", 5, "C", "id_number", "x", "msg", header="身份证号", lang="zh")
    assert str(p) == "文件 报名表.xlsx，工作表 报名，第 5 行，C 列（身份证号）：msg"
    e = RowProblem("list.xlsx", "entries", 5, "C", "id_number", "x", "msg", header="ID", lang="en")
    assert str(e) == "File list.xlsx, sheet entries, row 5, column C (ID): msg"
    assert (
        RowProblem("f.csv", "", None, "", "", "", "m", header="性别", lang="zh").location()
        == "文件 f.csv，列（性别）"
    )
    assert (
        RowProblem("f.csv", "", None, "", "", "", "m", header="G", lang="en").location()
        == "File f.csv, column G"
    )


def _write(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _data_of(path: Path) -> list[str]:
    """The file's own texts: every cell, the sheet names and the file name (longest first)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    texts = {path.name, *wb.sheetnames}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            texts.update(str(v).strip() for v in row if v is not None and str(v).strip())
    return sorted(texts, key=len, reverse=True)


def _accepted_headers(fields: object) -> set[str]:
    """The header names an importer reads (quoted when a column is missing or no header is found): the file's
    vocabulary, written in the file's language."""
    return {n for f in fields for n in (f.zh, *f.synonyms)}  # type: ignore[attr-defined]


def _leftover_cjk(problems: tuple[RowProblem, ...], data: list[str], vocabulary: set[str]) -> list[str]:
    bad = []
    for p in problems:
        assert p.lang == "en"
        text = str(p)
        for d in sorted({*data, *vocabulary}, key=len, reverse=True):
            text = text.replace(d, "")
        if CJK.search(text):
            bad.append(f"{str(p)!r} -> {text!r}")
    return bad


def _id(n: int, male: bool) -> str:
    return make_valid_id("440703", date(1990, 1, 1 + n), n, male)


def test_an_english_contestant_import_full_of_problems_speaks_english(tmp_path: Path) -> None:
    from contest.intake import contestants

    good = _id(1, True)
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows: list[list[object]] = [
        ["序号", "姓名", "性别", "身份证号", "工作单位", "联系电话", "参赛项目", "备注"],
        [1, "张三1", "男", good, "蓬江区福利院", "13912345678", "生活照护", ""],
        [2, "李四😀", "男", good, "蓬江区福利院", "3201234", "照护", ""],
        [3, "王五", "未知", bad_check, "", "12345", "生活照护", ""],
        [4, "赵六", "女", _id(2, True), "单位" * 40, "", "其他项目", ""],
        [5, "钱七", "", _id(3, False), "单位", "", "", ""],
        [6, "孙八", "男", "44070319900101123", "单位", "", "", ""],
        [7, "周九", "男", "440703199001011", "单位", "", "", ""],
        [8, "吴十", "男", "99070319900101123X", "单位", "", "", ""],
        [9, "郑一", "男", "440703199013011234", "单位", "", "", ""],
        [10, "冯二", "男", "44070319900101123Y", "单位", "", "", ""],
        [11, "陈三", "男", 440703199001011000, "单位", "", "", ""],
        [12, "", "男", _id(4, True), "单位", "", "", ""],
    ]
    path = _write(tmp_path / "entries.xlsx", rows, "报名")
    result = import_contestants(path, contest_date=DAY, projects=["生活照护", "基础照护"], lang="en")
    assert len(result.problems) >= 15
    data = [*_data_of(path), "生活照护", "基础照护"]  # the allowed projects come from the configuration
    assert _leftover_cjk(result.problems, data, _accepted_headers(contestants.FIELDS)) == []
    missing = _write(tmp_path / "short.xlsx", [["姓名", "工作单位"], ["张三", "单位"]])
    result = import_contestants(missing, contest_date=DAY, lang="en")
    assert result.problems
    assert _leftover_cjk(result.problems, _data_of(missing), _accepted_headers(contestants.FIELDS)) == []


def test_an_english_judge_import_full_of_problems_speaks_english(tmp_path: Path) -> None:
    from contest.intake import judges

    rows: list[list[object]] = [
        ["编号", "姓名", "工作单位", "角色", "评分模块", "评分组", "联系电话"],
        ["J 01!", "裁判1", "单位", "评分裁判", "", "", ""],
        ["J02", "裁判乙", "单位", "厨师", "Z", "", "123"],
        ["J03", "裁判丙", "单位", "评分裁判、监督", "A", "", ""],
        ["J03", "裁判丁", "单位", "监督", "", "第一组", ""],
    ]
    path = _write(tmp_path / "judges.xlsx", rows, "裁判")
    result = import_judges(
        path, modules=["A", "B"], separated=[frozenset({"marking", "supervisor"})], lang="en"
    )
    assert len(result.problems) >= 6
    assert _leftover_cjk(result.problems, _data_of(path), _accepted_headers(judges.FIELDS)) == []


def test_an_english_checkin_and_theory_score_import_speak_english(tmp_path: Path) -> None:
    from contest.intake import checkin, theory

    rows: list[list[object]] = [
        ["赛位号", "模块", "检录状态"],
        ["01", "A", "迟到"],
        ["02", "Z", "已检录"],
        ["03", "", "已检录"],
        ["04", "A", "已检录"],
        ["04", "A", "缺考"],
    ]
    path = _write(tmp_path / "checkin.xlsx", rows, "检录")
    result = import_checkins(path, modules=["A", "B"], lang="en")
    assert len(result.problems) >= 4
    assert _leftover_cjk(result.problems, _data_of(path), _accepted_headers(checkin.FIELDS)) == []

    rows = [
        ["赛位号", "身份证号", "理论成绩"],
        ["01", "", "八十"],
        ["02", "", 101],
        ["03", "", "80.123"],
        ["03", "", 70],
        ["", "", 60],
    ]
    path = _write(tmp_path / "theory.xlsx", rows, "理论成绩")
    result = import_theory_scores(path, lang="en")
    assert len(result.problems) >= 5
    vocabulary = _accepted_headers(theory.SCORE_FIELDS)
    assert _leftover_cjk(result.problems, _data_of(path), vocabulary) == []


def test_an_unreadable_file_is_explained_in_english(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    html = tmp_path / "page.xls"
    html.write_text("<html><body><table></table></body></html>", encoding="utf-8")
    for path in (empty, html, tmp_path / "missing.xlsx"):
        result = import_contestants(path, lang="en")
        assert result.problems
        for p in result.problems:
            assert not CJK.search(str(p)), str(p)


def test_the_list_separator_follows_the_language() -> None:
    assert tr("zh", "intake.list_separator") == "、"
    assert tr("en", "intake.list_separator") == ", "


def test_an_english_template_is_instructed_in_english(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from contest.intake import write_template

    for kind in ("contestants", "judges", "answers", "theory_scores", "rubric"):
        path = write_template(kind, tmp_path / f"{kind}.xlsx", modules=["A"], title="Demo", lang="en")  # type: ignore[arg-type]
        wb = load_workbook(path)
        assert "Instructions" in wb.sheetnames
        lines = [c.value for row in wb["Instructions"].iter_rows() for c in row if c.value]
        assert lines[0] == "Demo: instructions"
        assert not [line for line in lines if CJK.search(str(line))]
        ws = wb.worksheets[0]
        prompts = [dv.prompt for dv in ws.data_validations.dataValidation if dv.prompt]
        assert not [p for p in prompts if CJK.search(p)]
