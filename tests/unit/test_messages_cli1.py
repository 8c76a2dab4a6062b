"""The command line's imports, printouts and error handler: no hand-written error text, every ``cli.`` key they
name (also through :func:`~contest.cli.imports.steps.busy` and ``accepted``, and keys built from a role, question
type or column) is in the catalogue, and no two-language or single-language text is left in them."""

from __future__ import annotations

import ast
import re

import pytest

from contest.i18n import catalogue
from tests.unit.test_messages import CONTEST, _plain_text_raises

MODULES = [
    "cli/common.py",
    "cli/output.py",
    "cli/printouts.py",
    "cli/export.py",
    "cli/imports/__init__.py",
    "cli/imports/checkin.py",
    "cli/imports/lots.py",
    "cli/imports/people.py",
    "cli/imports/stations.py",
    "cli/imports/steps.py",
    "cli/imports/templates.py",
    "cli/imports/theory.py",
]

KEY = re.compile(r"cli\.[a-z0-9_]+(\.[A-Za-z0-9_]+)+")


@pytest.mark.parametrize("module", MODULES)
def test_no_plain_text_raise(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


@pytest.mark.parametrize("module", MODULES)
def test_every_cli_key_named_exists(module: str) -> None:
    """Every string literal shaped like a ``cli.`` key is one; every f-string key's fixed start begins some key."""
    keys = catalogue()
    tree = ast.parse((CONTEST / module).read_text(encoding="utf-8"))
    missing: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
            if node.value not in keys:
                missing.append(f"{node.lineno}: {node.value}")
        elif isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            start = str(head.value) if isinstance(head, ast.Constant) else ""
            if start.startswith("cli.") and not any(k.startswith(start) for k in keys):
                missing.append(f"{node.lineno}: {start}…")
    assert missing == []


@pytest.mark.parametrize("module", MODULES)
def test_no_language_branch_left(module: str) -> None:
    """The words come from the catalogue: no ``tr(zh, en)``/``english()`` and no "中文 / English" literal."""
    source = (CONTEST / module).read_text(encoding="utf-8")
    assert "english()" not in source
    assert 'state.lang == "zh"' not in source and 'state.lang == "en"' not in source
    tree = ast.parse(source)
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    options = {  # Typer's help= texts are fixed when the module is imported: left as they are
        id(kw.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        for kw in n.keywords
        if kw.arg == "help"
    }
    both = [
        f"{n.lineno}: {n.value}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and " / " in n.value
        and re.search(r"[\u4e00-\u9fff]", n.value)
        and id(n) not in docstrings | options
    ]
    assert both == []


def test_every_role_and_question_type_has_words() -> None:
    from contest.intake.judges import ROLES
    from rubrics.model import QuestionType

    keys = catalogue()
    assert [r for r in ROLES if f"cli.import.role.{r}" not in keys] == []
    assert [q for q in QuestionType if f"cli.theory.type.{q.value}" not in keys] == []
    assert all(keys[f"cli.import.role.{r}"][0] == name for r, name in ROLES.items())


def test_an_empty_file_is_refused_in_the_sessions_language(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The shared steps say what a file held none of, by catalogue key, with the file's name."""
    from contest.cli.common import state
    from contest.cli.imports.steps import accepted
    from contest.errors import ContestError
    from contest.i18n import describe
    from contest.intake.problems import ImportResult

    monkeypatch.setattr(state, "lang", "en")
    empty: ImportResult[object] = ImportResult((), (), "", 0)
    with pytest.raises(ContestError) as refused:
        accepted(tmp_path / "f.xlsx", empty, "cmd.schedule.empty")
    assert describe(refused.value, "en") == "f.xlsx holds no sessions; nothing imported"
    assert describe(refused.value, "zh") == "f.xlsx 中没有场次，未导入"
    assert accepted(tmp_path / "f.csv", ImportResult((1,), (), "", 1), "cli.import.empty.scores") == (1,)
