"""Issue 19: the ``[feedback]`` table of contest.toml (minimum unit count for the 培训反馈报告, and whether
个人成绩反馈单 are handed out) — defaults, values, and refused values located by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from contest.config import load_config, parse_config
from contest.errors import ConfigInvalid

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "contest.toml"


def _without_feedback() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.split("\n[feedback]")[0] + "\n"


def test_defaults_without_the_table() -> None:
    cfg = parse_config(_without_feedback(), base_dir=EXAMPLE.parent)
    assert cfg.feedback_min_count == 3
    assert cfg.feedback_sheets is False


def test_example_documents_the_keys() -> None:
    cfg = load_config(EXAMPLE)
    assert (cfg.feedback_min_count, cfg.feedback_sheets) == (3, False)


def test_values_are_read() -> None:
    text = _without_feedback() + "\n[feedback]\nmin_unit_count = 5\ncontestant_sheets = true\n"
    cfg = parse_config(text, base_dir=EXAMPLE.parent)
    assert (cfg.feedback_min_count, cfg.feedback_sheets) == (5, True)


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("min_unit_count = 0", "feedback.min_unit_count"),
        ("min_unit_count = true", "feedback.min_unit_count"),
        ('contestant_sheets = "yes"', "feedback.contestant_sheets"),
        ("minimum = 3", "feedback.minimum"),
    ],
)
def test_refused_values_name_their_key(line: str, where: str) -> None:
    with pytest.raises(ConfigInvalid) as exc:
        parse_config(_without_feedback() + f"\n[feedback]\n{line}\n", base_dir=EXAMPLE.parent)
    assert any(where in p for p in exc.value.problems)
