"""Separate pass lines (理论、实操均须及格): ``[awards] min_theory`` / ``min_practical`` besides ``min_total``,
validated with their location, and applied to tiers and titles alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import ctotal

from contest.config import parse_config
from contest.errors import ConfigInvalid
from scoresheets import AwardPolicy, AwardTier, TierMode, TitleRule, assign_awards, rank

D = Decimal
CONFIG = """
[contest]
name = "测试"
dates = ["2026-05-20"]

[scoring]
theory_weight = {weight}

[[modules]]
rubric = "elderly_care.basic_care"

[awards]
{awards}
"""


def test_pass_lines_are_read() -> None:
    cfg = parse_config(
        CONFIG.format(weight="0.2", awards="min_total = 60\nmin_theory = 60\nmin_practical = 60")
    )
    assert (cfg.awards.min_total, cfg.awards.min_theory, cfg.awards.min_practical) == (D(60), D(60), D(60))
    cfg = parse_config(CONFIG.format(weight="0.2", awards=""))
    assert cfg.awards.min_theory is None and cfg.awards.min_practical is None


def test_pass_lines_are_validated_with_their_location() -> None:
    with pytest.raises(ConfigInvalid) as info:
        parse_config(CONFIG.format(weight="0.2", awards='min_theory = 160\nmin_practical = "六十"'))
    text = "\n".join(info.value.problems)
    assert "awards.min_theory: must be between 0 and 100 (the theory is out of 100), got 160" in text
    assert "awards.min_practical: must be a number" in text
    with pytest.raises(ConfigInvalid) as info:
        parse_config(CONFIG.format(weight="0", awards="min_theory = 60"))
    assert any("awards.min_theory: a theory pass line needs a theory part" in p for p in info.value.problems)


def test_a_failed_part_takes_no_award_or_title() -> None:
    """c01 has the best total but 58 in theory; c02 fails the practical part; c03 passes both parts (60/60):
    with theory ≥ 60 and practical ≥ 60, only c03 and c04 are eligible, so c03 gets 一等奖 and the title."""
    entries = rank(
        [
            ctotal("c01", "90", "98", "58"),
            ctotal("c02", "85", "59.99", "95"),
            ctotal("c03", "70", "60", "60"),
            ctotal("c04", "65", "61", "70"),
        ]
    )
    tiers = (AwardTier("一等奖", TierMode.COUNT, D(1)), AwardTier("二等奖", TierMode.COUNT, D(1)))
    policy = AwardPolicy(tiers, titles=(TitleRule("技术能手", 3),), min_theory=D(60), min_practical=D(60))
    result = assign_awards(entries, policy)
    got = {line.contestant: (line.award, line.titles) for line in result.lines}
    assert got == {
        "c01": (None, ()),
        "c02": (None, ()),
        "c03": ("一等奖", ("技术能手",)),
        "c04": ("二等奖", ()),
    }
    notes = {line.contestant: line.note for line in result.lines}
    assert notes == {"c01": "理论成绩未达获奖线 60", "c02": "实操成绩未达获奖线 60", "c03": "", "c04": ""}
    assert assign_awards(entries, AwardPolicy(tiers)).award_of("c01") == "一等奖"  # without the pass lines
