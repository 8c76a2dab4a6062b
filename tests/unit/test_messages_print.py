"""The printed documents and workbooks take their words from the one catalogue: no plain-text raise, every key
they name (also in a conditional or a tuple of heads) exists, and the ``{"zh": …, "en": …}`` dicts are gone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from contest.i18n import catalogue
from tests.unit.test_messages import CONTEST, _plain_text_raises

MODULES = (
    *sorted(str(p.relative_to(CONTEST)) for p in (CONTEST / "printing").glob("*.py")),
    "export.py",
    "export_feedback.py",
    "outputs.py",
    "outputs_feedback.py",
    "textcells.py",
)
PREFIXES = ("print.", "export.", "feedback.")


RAISING = tuple(m for m in MODULES if m != "printing/__init__.py")
"""``printing/__init__.py`` raises only the AttributeError of a module ``__getattr__`` (Python's protocol for a
missing name, never seen by a user)."""


@pytest.mark.parametrize("module", RAISING)
def test_no_plain_text_raise(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def _named_keys(path: Path) -> list[tuple[int, str]]:
    """Every string constant in the code that looks like one of this area's keys."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if (
                value.startswith(PREFIXES) and " " not in value and not value.endswith(".")
            ):  # not f"print.{x}"
                found.append((node.lineno, value))
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_key_named_exists(module: str) -> None:
    keys = catalogue()
    missing = [(line, key) for line, key in _named_keys(CONTEST / module) if key not in keys]
    assert missing == []


def _key_args(path: Path) -> list[tuple[int, str]]:
    """String constants inside the key argument of ``t(key)`` / ``tr(lang, key)`` calls."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        position = {"t": 0, "tr": 1, "Msg": 0}.get(name)
        if position is None or len(node.args) <= position:
            continue
        for sub in ast.walk(node.args[position]):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                found.append((node.lineno, sub.value))
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_literal_in_a_key_argument_is_a_key(module: str) -> None:
    keys = catalogue()
    assert [(line, s) for line, s in _key_args(CONTEST / module) if s not in keys] == []


@pytest.mark.parametrize("module", MODULES)
def test_no_language_dicts_left(module: str) -> None:
    text = (CONTEST / module).read_text(encoding="utf-8")
    assert '{"zh":' not in text and "pick(" not in text
