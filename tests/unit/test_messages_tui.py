"""The judge terminal speaks only through the one catalogue: no hand-written error text in its modules, and no
Chinese in its code outside docstrings and comments (its words are in :mod:`contest.texts.tui`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.unit.test_messages import CONTEST, _plain_text_raises

TUI_MODULES = sorted(str(p.relative_to(CONTEST)) for p in (CONTEST / "tui").rglob("*.py"))
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _chinese_literals(path: Path) -> list[str]:
    """String literals holding Chinese, except docstrings and the patterns that read what a person typed (a
    time written as ``21分30秒`` is input, not text shown)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a docstring (or an attribute's docstring)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "compile":
            skip.update(id(arg) for arg in node.args)
    found = {
        node.lineno: f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and CJK.search(node.value)
    }
    return [found[line] for line in sorted(found)]


@pytest.mark.parametrize("module", TUI_MODULES)
def test_tui_modules_raise_messages_not_text(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


@pytest.mark.parametrize("module", TUI_MODULES)
def test_tui_modules_hold_no_chinese_outside_the_catalogue(module: str) -> None:
    assert _chinese_literals(CONTEST / module) == []


def test_the_chinese_scan_finds_a_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""模块说明"""\n'
        'x = "、".join(names)\n'
        'PATTERN = re.compile(r"\\d+分")\n'
        "def f():\n"
        '    """说明"""\n'
        '    return f"共 {n} 项"\n',
        encoding="utf-8",
    )
    assert [b.split(":")[1] for b in _chinese_literals(sample)] == ["2", "6"]
