"""Issue 18: contest.toml's declared tables (contest/config_schema.py). Every problem is located by its key path
(lists counted from 1), unknown keys are refused at any depth, one bad value hides no other problem, and numbers
stay exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contest.config import parse_config
from contest.config_schema import validate, where
from contest.errors import ConfigInvalid
from tests.contest_toml import small_config


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigInvalid) as info:
        parse_config(text, "c.toml")
    return info.value.problems


def test_locations_count_list_items_from_one() -> None:
    assert where(("modules", 1, "tolerance", "sheet_total")) == "modules[2].tolerance.sheet_total"
    assert where(("certificates", "boxes", "seel", "[key]")) == "certificates.boxes.seel"
    assert where(("k" * 100,)) == "k" * 59 + "…"


def test_unknown_keys_are_refused_at_every_depth_with_the_allowed_ones() -> None:
    text = small_config().replace("panel_size = 3", "panel_size = 3\npanel = 3", 1)
    text = text.replace('mode = "ratio", value = 0.1', 'mode = "ratio", value = 0.1, valeu = 1')
    found = problems(text + "\n[scoring2]\nx = 1\n")
    assert (
        "c.toml: modules[1].panel: unknown key (allowed: aggregation, file, hash, level, panel_size, "
        in "\n".join(found)
    )
    assert any(p.startswith("c.toml: awards.tiers[1].valeu: unknown key (allowed: mode, name") for p in found)
    assert any(p.startswith("c.toml: scoring2: unknown key (allowed: appeals, awards,") for p in found)


def test_one_bad_value_hides_no_check_between_keys() -> None:
    """``stages = 3`` is refused and read as its default (1), so a stage holder is refused too."""
    found = problems(small_config() + '\n[draw]\nstages = 3\nlots = "hat"\nstage1_holder = "E1"\n')
    assert [p.split(":")[1].strip() for p in found] == ["draw.stages", "draw.lots", "draw.stage1_holder"]


def test_one_problem_per_key() -> None:
    found = problems(small_config() + "\n[certificates]\nboxes = { seel = [1, 2] }\n")
    assert found == ["c.toml: certificates.boxes.seel: unknown box (allowed: title, body, seal, issuers)"]


def test_an_empty_rubric_id_is_refused_not_dropped() -> None:
    """Before issue 18 ``rubric = ""`` silently left the module out of the contest."""
    found = problems(small_config().replace('rubric = "elderly_care.basic_care"', 'rubric = ""'))
    assert found == ["c.toml: modules[1].rubric: required text is missing"]


def test_numbers_stay_exact_and_texts_are_numbers_too() -> None:
    cfg = parse_config(
        small_config().replace("theory_weight = 0.2", 'theory_weight = "0.30"')
        + "\n[groups]\nmean_gap = 0.1\n[certificates]\noffset_x_mm = 0.35\n",
    )
    assert cfg.theory_weight == Decimal("0.30") and str(cfg.theory_weight) == "0.30"
    assert type(cfg.fairness_rules.mean_gap) is Decimal and str(cfg.fairness_rules.mean_gap) == "0.1"
    assert cfg.certificate_offset_mm == (Decimal("0.35"), Decimal(0))
    assert all(type(t.value) is Decimal for t in cfg.awards.tiers)


def test_a_missing_table_reads_as_its_defaults() -> None:
    read, found = validate({})
    assert read is not None and not found
    assert (read.draw.scope, read.appeals.deadline_minutes, read.scoring.theory_weight) == (
        "contest",
        120,
        Decimal("0.2"),
    )
