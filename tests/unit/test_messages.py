"""The one message mechanism: the catalogue is complete in both languages, every key the code names exists, and the
converted layers raise no hand-written text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from contest.errors import ContestError, InvalidState
from contest.i18n import Msg, catalogue, catalogue_problems, describe, tr

ROOT = Path(__file__).resolve().parents[2]
CONTEST = ROOT / "contest"

PROGRAMMER_ERRORS = frozenset({"AttributeError", "RuntimeError", "TypeError"})
"""Raised for a mistake in the code, never for something a user did: their text is for the developer, in English."""


def test_the_catalogue_is_complete_in_both_languages() -> None:
    assert catalogue_problems() == []


def test_the_completeness_check_finds_each_kind_of_gap() -> None:
    problems = catalogue_problems(
        {
            "a.missing_en": ("模块 {module} 已签核", ""),
            "a.placeholders": ("模块 {module} 已签核", "module {code} is signed off"),
            "a.chinese": ("已签核", "已签核 signed off"),
            "Bad Key": ("好", "good"),
            "a.language_name": ("English", "中文"),
        }
    )
    assert len(problems) == 4
    assert "a.missing_en: English text is missing" in problems
    assert any(p.startswith("a.placeholders: placeholders differ") for p in problems)
    assert any(p.startswith("a.chinese: the English text contains Chinese") for p in problems)
    assert any(p.startswith("Bad Key:") for p in problems)


def _literal_keys() -> dict[str, list[str]]:
    """Every key named in the code as a literal: ``Msg("k", …)``, ``tr(lang, "k", …)``, ``self.t("k", …)``."""
    found: dict[str, list[str]] = {}
    for path in CONTEST.rglob("*.py"):
        if "migrations" in path.parts or "texts" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = {"Msg": 0, "tr": 1, "t": 0}.get(name)
            if position is None or len(node.args) <= position:
                continue
            if name == "tr" and isinstance(node.args[0], ast.Constant):  # a language is never a literal here
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(arg.value, []).append(where)
    return found


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    keys = catalogue()
    missing = {k: v for k, v in _literal_keys().items() if k not in keys}
    assert missing == {}


def test_a_message_is_put_into_words_only_at_the_edge() -> None:
    key = "state.signed_off"
    zh, en = catalogue()[key]
    error = InvalidState(Msg(key))
    assert error.msg == Msg(key)
    assert describe(error, "en") == en == error.text("en")
    assert describe(error, "zh") == zh
    assert str(error) == f"{zh} / {en}"


def test_a_message_parameter_may_itself_be_a_message() -> None:
    outer = Msg("sheet.incomplete", n=1, items=Msg("state.draft"))
    assert tr("en", "state.draft") in outer.text("en")
    assert tr("zh", "state.draft") in outer.text("zh")


def test_an_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Msg("no.such_key").text("zh")


def test_plain_text_from_outside_the_catalogue_is_shown_in_the_readers_half() -> None:
    assert describe(ContestError("数据库不可用 / database unavailable"), "en") == "database unavailable"
    assert describe(ContestError("数据库不可用 / database unavailable"), "zh") == "数据库不可用"
    # a slash inside a value is not a language boundary
    assert describe(ContestError("文件 a / b 不存在"), "en") == "文件 a / b 不存在"


def _plain_text_raises(path: Path) -> list[str]:
    """``raise SomeError("…")`` / ``f"…"`` / ``"…" + …`` with hand-written text instead of a :class:`Msg` (errors
    that only a mistake in the code can raise, :data:`PROGRAMMER_ERRORS`, excepted)."""
    bad: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
            continue
        if getattr(node.exc.func, "id", None) in PROGRAMMER_ERRORS:
            continue
        first = node.exc.args[0]
        if isinstance(first, ast.JoinedStr | ast.BinOp) or (
            isinstance(first, ast.Constant) and isinstance(first.value, str)
        ):
            bad.append(f"{path.name}:{node.lineno}")
    return bad


def test_no_module_raises_hand_written_text() -> None:
    """Every error a user can meet carries a catalogue message, in every module of the running system."""
    bad = {
        str(path.relative_to(CONTEST)): found
        for path in sorted(CONTEST.rglob("*.py"))
        if "migrations" not in path.parts and (found := _plain_text_raises(path))
    }
    assert bad == {}


def test_the_plain_text_scan_finds_hand_written_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'raise InvalidState("已签核 / signed off")\n'
        'raise NotFound(f"裁判 {code} 不存在")\n'
        'raise InvalidState(Msg("clerk.signed_off", module=m))\n'
        "raise KeyError(key)\n"
        'raise TypeError(f"{name} declares its table name with a function")\n',
        encoding="utf-8",
    )
    bad = _plain_text_raises(sample)
    assert [b.rsplit(":", 1)[1] for b in bad] == ["1", "2"]
