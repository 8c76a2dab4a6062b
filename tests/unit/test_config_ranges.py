"""Issue 14 case 11: contest configurations that parse but make no sense are refused, each problem located by its
key (award tiers that together cover everyone, duplicate tier names, negative tolerances, an unreachable
min_total)."""

from __future__ import annotations

import pytest

from contest.config import parse_config
from contest.errors import ConfigInvalid
from tests.contest_toml import small_config


def config(**over: str) -> str:
    """The test contest with basic care only, a measurement tolerance and a pass line, changed by ``over``:
    TOL_TOTAL, TOL_POINTS (tolerances), MIN_TOTAL, R1–R3 (tier ratios), TIER2 (the second tier's name)."""
    v = {"TOL_TOTAL": "15", "TOL_POINTS": "2", "MIN_TOTAL": "60", "R1": "0.1", "R2": "0.2", "R3": "0.3"}
    v["TIER2"] = "二等奖"
    v.update(over)
    return small_config(
        3,
        ("basic_care",),
        tolerance=(
            f"judgement_levels = 1, sheet_total = {v['TOL_TOTAL']}, measurement_points = {v['TOL_POINTS']}"
        ),
        min_total=v["MIN_TOTAL"],
        tiers=(("一等奖", v["R1"]), (v["TIER2"], v["R2"]), ("三等奖", v["R3"])),
    )


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigInvalid) as info:
        parse_config(text, "contest.toml")
    return info.value.problems


def test_the_base_configuration_is_valid() -> None:
    parse_config(config(), "contest.toml")
    parse_config(config(MIN_TOTAL="0", R1="0.2", R2="0.3", R3="0.4", TOL_POINTS="0"), "contest.toml")


def test_tiers_that_cover_everyone_are_refused() -> None:
    found = problems(config(R1="0.6", R2="0.6", R3="0.6"))
    assert any("awards.tiers" in p and "180" in p for p in found), found


def test_duplicate_tier_names_are_refused() -> None:
    found = problems(config(TIER2="一等奖"))
    assert any("awards.tiers[2].name" in p and "一等奖" in p for p in found), found


@pytest.mark.parametrize("key", ["TOL_TOTAL", "TOL_POINTS"])
def test_negative_tolerances_are_refused(key: str) -> None:
    found = problems(config(**{key: "-1"}))
    where = "sheet_total" if key == "TOL_TOTAL" else "measurement_points"
    assert any(f"tolerance.{where}" in p and "-1" in p for p in found), found


@pytest.mark.parametrize("value", ["1000", "-5", "100.01"])
def test_min_total_out_of_range_is_refused(value: str) -> None:
    found = problems(config(MIN_TOTAL=value))
    assert any("awards.min_total" in p and value in p for p in found), found


def test_project_aliases_are_read_and_checked() -> None:
    text = config().replace(
        'venue = "测试场地"', 'venue = "测试场地"\nproject_aliases = { "养老护理员" = ["养老护理"] }'
    )
    assert parse_config(text, "contest.toml").project_aliases == (("养老护理员", ("养老护理",)),)
    wrong = config().replace(
        'venue = "测试场地"', 'venue = "测试场地"\nproject_aliases = { "插花" = ["花艺"] }'
    )
    assert any("contest.project_aliases.插花" in p for p in problems(wrong))


def test_group_tolerances_are_read_and_bad_ones_located() -> None:
    cfg = parse_config(config() + "\n[groups]\nmean_gap = 4.5\nmin_contestants = 5\n", "contest.toml")
    assert (str(cfg.fairness_rules.mean_gap), cfg.fairness_rules.min_contestants) == ("4.5", 5)
    with pytest.raises(ConfigInvalid) as bad:
        parse_config(
            config()
            + '\n[groups]\nmean_gap = -1\ncalibration_gap = "很多"\nmin_contestants = 0\nspread = 2\n',
            "contest.toml",
        )
    text = "\n".join(bad.value.problems)
    for key in ("groups.mean_gap", "groups.calibration_gap", "groups.min_contestants", "groups.spread"):
        assert key in text
