"""The command line's commands outside imports and printing, and the demo, raise messages, never hand-written text
(task cli2 of the one message mechanism)."""

from __future__ import annotations

import pytest

from tests.unit.test_messages import CONTEST, _plain_text_raises

CLI2_MODULES = [
    *(
        f"cli/{name}.py"
        for name in (
            "__init__",
            "appeals",
            "audit",
            "calibration",
            "checkin",
            "door",
            "encryption",
            "judges",
            "lifecycle",
            "results",
            "rubric_change",
            "rubrics",
            "schedule",
            "terminal",
            "veto",
        )
    ),
    "demo.py",
]


@pytest.mark.parametrize("module", CLI2_MODULES)
def test_cli_commands_raise_messages_not_text(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def test_every_key_a_command_builds_exists() -> None:
    """The keys the commands build from a value (``cmd.appeals.col.<name>`` …) are all in the catalogue."""
    from contest.cli import appeals, calibration, rubric_change, veto
    from contest.i18n import catalogue

    keys = [
        *(f"cmd.appeals.col.{c}" for c in appeals.COLUMNS),
        *(f"cmd.calibration.flag.{f}" for f in calibration.FLAGS),
        *(f"cmd.rubric_change.what.{w}" for w in rubric_change.WHAT),
        *(f"cmd.veto.state.{s}" for s in veto.STATES),
        *(f"cmd.veto.col.{c}" for c in veto.COLUMNS),
    ]
    from contest.services.appeals import APPEAL_STATES, KINDS
    from contest.services.conflicts import CHECKIN_LABELS

    keys += [f"cmd.appeals.state.{s}" for s in APPEAL_STATES]
    keys += [f"cmd.appeals.kind.{k}" for k in KINDS]
    keys += [f"cmd.checkin.state.{s}" for s in CHECKIN_LABELS]
    assert [k for k in keys if k not in catalogue()] == []


def test_the_demo_names_its_files_in_the_readers_language() -> None:
    from contest.demo import DOCUMENTS, file_label
    from contest.i18n import catalogue

    assert [k for k in DOCUMENTS.values() if f"cmd.demo.file.{k}" not in catalogue()] == []
    assert file_label("成绩公示表", "en") == "Results for publication"
    assert file_label("成绩公示表", "zh") == "成绩公示表"
    assert file_label("评分标定报告（模块A）", "en") == "Calibration report (module A)"
    assert file_label("评分标定报告（模块A）", "zh") == "评分标定报告（模块A）"
    assert file_label("something else", "en") == "something else"
