"""A rubric file's problems in the reader's language: :mod:`rubrics` names each problem by a code with its values,
and the running system words it from the catalogue (``rubric.<code>``), Chinese by default.

In English every problem reads exactly as it always did; in Chinese the same problems come in the same order,
located the same way (file and place as written)."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from factories import MODULE_TOML, THEORY_TOML, edit, load_module, parse
from typer.testing import CliRunner

from contest.cli import app
from contest.config import contest_library
from contest.errors import ConfigInvalid
from contest.i18n import catalogue, catalogue_problems, describe, tr
from contest.rubric_problems import problem_msg, problem_text
from contest.services.rubric_change import RubricInvalidForContest
from contest.texts.rubrics import TEXT
from rubrics.amend import amended_text, fit_problems, parse_edits
from rubrics.errors import Problem, RubricInvalid
from rubrics.load import check_library, check_paths

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "rubrics"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
PASS_THROUGH = {"rubric.in_file", "rubric.lines"}
"""Keys whose text is only their parameters: how problems are put together, not what is wrong."""


def _uncoded(tree: ast.AST, name: str) -> list[int]:
    """Lines of every ``Problem(...)`` call and every ``.problem(...)`` call that passes no code (the fourth, resp.
    third, argument or ``code=``)."""
    bad: list[int] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id == "Problem":
            position = 3
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "problem":
            position = 2
        else:
            continue
        code = node.args[position] if len(node.args) > position else None
        code = code or next((k.value for k in node.keywords if k.arg == "code"), None)
        if code is None or (isinstance(code, ast.Constant) and not code.value):
            bad.append(node.lineno)
    return bad


def _literal_codes(tree: ast.AST) -> set[str]:
    """Every code written as a literal where a problem or a refused number is made."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        position = {"Problem": 3, "problem": 2, "NumberInvalid": 1}.get(name)
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(arg.value)
    return found


def test_every_problem_the_rubric_package_makes_has_a_code() -> None:
    bad = {
        path.name: lines
        for path in sorted(RUBRICS.rglob("*.py"))
        if (lines := _uncoded(ast.parse(path.read_text(encoding="utf-8")), path.name))
    }
    assert bad == {}


def test_the_code_scan_finds_a_problem_without_one() -> None:
    tree = ast.parse(
        'Problem(f, "id", "no code")\n'
        'Problem(f, "id", "coded", "id_twice")\n'
        'Problem(f, "id", "keyword", code="id_twice")\n'
        'Problem(f, "id", "empty", "")\n'
        'r.problem("id", "no code")\n'
        'r.problem("id", "coded", "not_text", got=x)\n'
    )
    assert _uncoded(tree, "sample.py") == [1, 4, 5]


def test_every_code_is_in_the_catalogue_with_the_same_placeholders() -> None:
    codes = set().union(
        *(_literal_codes(ast.parse(p.read_text(encoding="utf-8"))) for p in RUBRICS.rglob("*.py"))
    )
    assert len(codes) > 50
    assert sorted(c for c in codes if f"rubric.{c}" not in catalogue()) == []
    assert catalogue_problems() == []
    assert catalogue_problems(TEXT) == []
    assert all(catalogue()[k] == v for k, v in TEXT.items())


def test_every_chinese_text_is_chinese() -> None:
    for key, (zh, en) in TEXT.items():
        assert key.startswith("rubric."), key
        if key in PASS_THROUGH:
            assert zh == en
            continue
        assert CJK.search(re.sub(r"\{[a-z_]+\}", "", zh)), key


BAD_MODULES = {
    "syntax": "[oops\n",
    "not_utf8": b'schema = 1\ntitle = "\xff"\n',
    "gbk": 'schema = 1\ntitle = "手卫生"\n'.encode("gbk"),
    "wrong_type": edit(MODULE_TOML, 'type = "module"', 'type = "exam"'),
    "wrong_schema": edit(MODULE_TOML, "schema = 1", "schema = 2"),
    "unknown_key": edit(MODULE_TOML, "points = 7\n", "points = 7\npoint = 7\n"),
    "not_a_number": edit(MODULE_TOML, "points = 7\n", 'points = "seven"\n'),
    "not_finite": edit(MODULE_TOML, "points = 7\n", "points = inf\n"),
    "too_large": edit(MODULE_TOML, "points = 7\n", "points = 1e12\n"),
    "too_large_int": edit(MODULE_TOML, "time_limit_minutes = 5", "time_limit_minutes = 10000000000"),
    "not_whole": edit(MODULE_TOML, "time_limit_minutes = 5", 'time_limit_minutes = "5"'),
    "missing": edit(edit(MODULE_TOML, 'code = "X"\n', ""), "max_points = 10\n", ""),
    "empty_text": edit(MODULE_TOML, 'code = "X"', 'code = " "'),
    "text_kinds": edit(
        edit(MODULE_TOML, 'code = "X"', "code = 5"), 'scenario = { zh = "护理', 'scenario = 5\nx = { zh = "'
    ),
    "title_missing": edit(MODULE_TOML, 'title = { zh = "手卫生", en = "Hand hygiene" }\n', ""),
    "bool": edit(MODULE_TOML, "repeatable = true", 'repeatable = "yes"'),
    "enum": edit(MODULE_TOML, 'kind = "judgement"', 'kind = "opinion"'),
    "overtime": edit(MODULE_TOML, "[overtime]\n", 'overtime = "two"\n[other]\n'),
    "levels": edit(MODULE_TOML, 'levels = ["未完成或明显错误"', 'levels = [5, "未完成或明显错误"'),
    "levels_not_list": edit(
        MODULE_TOML,
        'levels = ["未完成或明显错误", "基本完成，有多处不规范", "完成，个别不规范", "熟练规范"]',
        'levels = "good"',
    ),
    "no_sections": MODULE_TOML.split("[[sections]]")[0].replace("[overtime]", "sections = 3\n[overtime]"),
    "duplicates": edit(edit(MODULE_TOML, 'id = "X2"', 'id = "X1"'), 'code = "V1"', 'code = "X1a"'),
    "content": edit(
        edit(edit(MODULE_TOML, "cap = 7", "cap = 9"), "points = 1\n", "points = 8\n"),
        "max_points = 10",
        "max_points = 0",
    ),
    "typed": edit(MODULE_TOML, 'kind = "judgement"', 'kind = "judgement"\ntyped = true\nstep = 0.5'),
    "step": edit(MODULE_TOML, 'kind = "measurement"', 'kind = "measurement"\ntyped = true\nstep = 0.125'),
    "deep": MODULE_TOML + "deep = " + "[" * 40 + "]" * 40 + "\n",
    "huge": edit(MODULE_TOML, "time_limit_minutes = 5", "time_limit_minutes = " + "9" * 5000),
    "rules": edit(
        edit(edit(MODULE_TOML, 'effect = "zero_module"', ""), "points = 1\n", "points = 0\n"),
        'kind = "judgement"',
        'kind = "judgement"\n[[sections.items.deductions]]\ncode = "X2a"\ntext = "t"\npoints = 1',
    ),
    "empty_section": MODULE_TOML
    + '[[sections]]\nid = "more"\ntitle = "t"\nitems = []\n[[sections]]\nid = "none"\ntitle = "t"\n',
}
BAD_THEORY = {
    "subareas": edit(THEORY_TOML, 'id = "ethics"\ntitle = "职业', 'id = "ethics"\ntitle = "职业')
    + '[[sections.subareas]]\nid = "ethics"\ntitle = "t"\n[[sections.subareas.questions]]\ntype = "multiple"\ncount = 1\npoints_each = 1\n',
    "theory": edit(
        edit(THEORY_TOML, "count = 10\n", "count = 0\n"), 'type = "true_false"', 'type = "single"'
    ),
    "theory_sum": edit(THEORY_TOML, "max_points = 10", "max_points = 12"),
}


@pytest.mark.parametrize("name", [*BAD_MODULES, *BAD_THEORY])
def test_each_problem_reads_as_it_always_did_in_english_and_in_chinese_by_default(name: str) -> None:
    _, problems = parse({**BAD_MODULES, **BAD_THEORY}[name], "bad.toml")
    assert problems
    for p in problems:
        assert p.code, p
        assert problem_msg(p).key == f"rubric.{p.code}"
        assert problem_text(p, "en") == str(p)
        zh = problem_text(p, "zh")
        assert zh.startswith(f"bad.toml: {p.where}: ") and CJK.search(zh), zh
        assert problem_msg(p).text("zh") != p.message


def test_an_amendments_problems_are_worded_from_their_codes() -> None:
    old = load_module()
    edits, malformed = parse_edits(["X1", "X2=2"])
    _, unknown = amended_text(MODULE_TOML, {"nope": Decimal(1)})
    new = load_module(
        edit(
            edit(
                edit(MODULE_TOML, 'code = "X1a"', 'code = "X1b"'),
                'kind = "judgement"',
                'kind = "score"\nstep = 1',
            ),
            'code = "V1"',
            'code = "V2"',
        )
        .replace(
            'levels = ["未完成或明显错误", "基本完成，有多处不规范", "完成，个别不规范", "熟练规范"]\n', ""
        )
        .replace('id = "example.hand_hygiene"', 'id = "example.other"')
    )
    fewer = load_module(
        edit(
            edit(edit(MODULE_TOML, "repeatable = true\ncap = 7", ""), 'id = "X2"', 'id = "X3"'),
            'levels = ["未完成或明显错误", "基本完成，有多处不规范", "完成，个别不规范", "熟练规范"]',
            'levels = ["未完成或明显错误", "基本完成，有多处不规范", "完成，个别不规范", "熟练规范"]',
        )
    )
    typed = load_module(
        edit(MODULE_TOML, 'kind = "measurement"', 'kind = "measurement"\ntyped = true\nstep = 1')
    )
    problems = [
        *malformed,
        *unknown,
        *fit_problems(old, new, "--set"),
        *fit_problems(old, fewer, "--set"),
        *fit_problems(typed, old, "--set"),
    ]
    assert {p.code for p in problems} >= {
        "edit_malformed",
        "edit_unknown",
        "id_changed",
        "kind_changed",
        "rule_gone",
    }
    for p in problems:
        assert problem_text(p, "en") == str(p)
        assert CJK.search(problem_msg(p).text("zh")), p
    refused = RubricInvalidForContest(problems)
    assert describe(refused, "en") == tr(
        "en", "rubric_change.invalid", n=len(problems), lines="\n".join(f"  - {p}" for p in problems)
    )
    zh = describe(refused, "zh").splitlines()
    assert zh[0].startswith("更正后的评分细则不能使用")
    assert zh[1:] == [f"  - {problem_text(p, 'zh')}" for p in problems]
    assert "  - --set: id: 必须保持为 example.hand_hygiene（代码 X），实际为 example.other（代码 X）" in zh
    assert edits == {"X2": Decimal(2)}


def test_a_refused_rubric_file_is_described_in_the_readers_language() -> None:
    _, problems = parse(BAD_MODULES["missing"], "bad.toml")
    refused = RubricInvalid(problems)
    assert describe(refused, "en") == str(refused)
    zh = describe(refused, "zh").splitlines()
    assert zh == [f"{len(problems)} 处问题：", *(f"  - {problem_text(p, 'zh')}" for p in problems)]


def test_a_problem_without_a_code_is_shown_as_written() -> None:
    p = Problem("a.toml", "id", "something else")
    assert problem_text(p, "zh") == problem_text(p, "en") == "a.toml: id: something else"


BAD_FILES = {
    "syntax.toml": "schema = 1\ntype = \n",
    "unknown.toml": edit(MODULE_TOML, "points = 7\n", "points = 7\npoint = 7\n"),
    "nan.toml": edit(MODULE_TOML, "points = 7\n", 'points = "seven"\n'),
    "twice.toml": edit(MODULE_TOML, 'id = "X2"', 'id = "X1"'),
    "missing.toml": edit(MODULE_TOML, 'code = "X"\n', ""),
}
EXPECTED = {
    "zh": [
        "syntax.toml: syntax: TOML 语法错误（第 2 行第 8 列）：Invalid value",
        "unknown.toml: sections[1].items[X1].point: 未知的键 'point'（允许的键：",
        "nan.toml: sections[1].items[X1].points: 必须是数字，实际为 'seven'",
        "nan.toml: max_points: 各评分项配分合计 3，但 max_points 为 10（相差 7；各部分：wash=3）",
        "twice.toml: items[X1]: 评分项 id 'X1' 重复使用",
        "missing.toml: code: 缺少必填的文字",
    ],
    "en": [
        "syntax.toml: syntax: TOML syntax error: Invalid value (at line 2, column 8)",
        "unknown.toml: sections[1].items[X1].point: unknown key 'point' (allowed: ",
        "nan.toml: sections[1].items[X1].points: must be a number, got 'seven'",
        "nan.toml: max_points: items sum to 3 but max_points is 10 (difference 7; by section: wash=3)",
        "twice.toml: items[X1]: item id 'X1' is used more than once",
        "missing.toml: code: required text is missing",
    ],
}


def _bad_files(folder: Path) -> Path:
    folder.mkdir()
    for name, text in BAD_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_check_command_lists_real_files_problems_in_the_sessions_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contest.cli import common

    monkeypatch.delenv("CONTEST_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    for console in (common.console, common.err):  # made once per process: COLUMNS comes too late for them
        monkeypatch.setattr(console, "width", 400)
    _bad_files(tmp_path / "r")
    _, problems = check_paths([Path("r")])
    args = ["--lang", "en"] if lang == "en" else []
    result = CliRunner().invoke(app, [*args, "rubrics", "check", "r"], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    lines = [line.removeprefix("✗ ") for line in result.output.splitlines() if line.startswith("✗ ")]
    assert lines == [problem_text(p, lang) for p in problems]
    for want in EXPECTED[lang]:
        assert any(line.startswith(f"r/{want}") for line in lines), (want, lines)
    english = [line for line in lines if CJK.search(line) is None]
    assert (english == lines) if lang == "en" else (english == [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contests_own_rubrics_folder_reports_them_in_the_readers_language(
    lang: str, tmp_path: Path
) -> None:
    folder = _bad_files(tmp_path / "rubrics")
    with pytest.raises(ConfigInvalid) as refused:
        contest_library(tmp_path)
    _, problems = check_library(folder)
    assert refused.value.problems == [str(p) for p in problems]
    assert [(p.file, p.where) for p in refused.value.located] == [(p.file, p.where) for p in problems]
    lines = describe(refused.value, lang).splitlines()
    assert lines == [problem_text(p, lang) for p in problems]
    for want in EXPECTED[lang]:
        assert any(line.startswith(f"{folder}/{want}") for line in lines), (want, lines)
