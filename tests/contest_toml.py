"""The test contest's configuration (contest.toml text), built in one place for every test suite."""

from __future__ import annotations

from datetime import date

AWARD_TIERS = (("一等奖", "0.1"), ("二等奖", "0.2"), ("三等奖", "0.3"))
"""The award tiers: each a name and the ratio of contestants it goes to."""


def small_config(
    panel: int = 3,
    modules: tuple[str, ...] = ("basic_care", "rehabilitation"),
    *,
    name: tuple[str, str] = ("测试竞赛", "Test contest"),
    tolerance: str = "judgement_levels = 1, sheet_total = 15",
    min_total: str = "0",
    tiers: tuple[tuple[str, str], ...] = AWARD_TIERS,
) -> str:
    """A contest configuration with a small panel, for tests: the ``elderly_care`` ``modules`` (each of weight 1,
    ``panel`` judges, trimmed mean from three judges up, else the mean, the given ``tolerance``), a theory part of
    20 %, and ratio award tiers from ``min_total`` up. ``name``: the contest's Chinese and English names."""
    mods = "".join(
        f'[[modules]]\nrubric = "elderly_care.{m}"\nweight = 1\npanel_size = {panel}\n'
        f'aggregation = "{"trimmed_mean" if panel >= 3 else "mean"}"\n'
        f"tolerance = {{ {tolerance} }}\n\n"
        for m in modules
    )
    awards = "".join(f'  {{ name = "{tier}", mode = "ratio", value = {value} }},\n' for tier, value in tiers)
    return f"""
[contest]
name = {{ zh = "{name[0]}", en = "{name[1]}" }}
edition = "第一届"
dates = ["{date(2026, 5, 20).isoformat()}"]
venue = "测试场地"
organisers = ["蓬江区人社局"]
issuing_bodies = ["蓬江区人社局"]
publication = {{ period = "5月22日至28日", contact = "0750-0000000" }}

[scoring]
theory_weight = 0.2
theory_blueprint = "elderly_care.theory"

{mods}
[awards]
min_total = {min_total}
tiers = [
{awards}]
"""
