"""A contest's own rubric files (``rubrics/`` next to contest.toml, ``[[modules]] file``), the sheet-level
default, and ``rubrics.check_paths`` — real files in ``tmp_path``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from contest.config import load_config, parse_config
from contest.errors import ConfigInvalid
from rubrics.load import check_paths, library_dir, load_file
from scoresheets.panel import AggregationLevel

RUBRIC = """schema = 1
type = "module"
id = "{id}"
code = "{code}"
title = {{ zh = "手卫生", en = "Hand hygiene" }}
standard = "本竞赛技术文件"
scenario = "护理前进行七步洗手。"
time_limit_minutes = 5
max_points = 10

[overtime]
points_per_started_minute = 0

[[sections]]
id = "wash"
title = "洗手"

[[sections.items]]
id = "{code}1"
title = "七步洗手"
points = 7
kind = "measurement"

[[sections.items.deductions]]
code = "{code}1a"
text = "每漏一步扣1分"
points = 1
repeatable = true
cap = 7

[[sections.items]]
id = "{code}2"
title = "操作总分"
points = 3
kind = "score"
step = "0.5"
"""

CONFIG = """
[contest]
name = "本单位技能竞赛"
dates = ["2026-05-20"]

[scoring]
theory_weight = 0

{modules}
"""


def contest_dir(tmp_path: Path, modules: str) -> Path:
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "x.toml").write_text(RUBRIC.format(id="own.x", code="X"), encoding="utf-8")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "y.toml").write_text(RUBRIC.format(id="own.y", code="Y"), encoding="utf-8")
    cfg = tmp_path / "contest.toml"
    cfg.write_text(CONFIG.format(modules=modules), encoding="utf-8")
    return cfg


def test_own_rubrics_by_folder_and_by_file(tmp_path: Path) -> None:
    """X is found by id in rubrics/, Y by its file; both are the files' content, with their hashes."""
    cfg = load_config(
        contest_dir(
            tmp_path,
            '[[modules]]\nrubric = "own.x"\npanel_size = 3\n\n'
            '[[modules]]\nrubric = "own.y"\nfile = "files/y.toml"\npanel_size = 3\n',
        )
    )
    x, y = cfg.modules
    assert (x.rubric.id, y.rubric.id) == ("own.x", "own.y")
    assert y.rubric.content_hash == load_file(tmp_path / "files" / "y.toml").content_hash
    assert x.rubric.source.endswith("x.toml") and y.rubric.source.endswith("y.toml")


def test_default_level_is_sheet(tmp_path: Path) -> None:
    """No ``level``: the panel trims whole judge totals (it was ``item``)."""
    cfg = load_config(contest_dir(tmp_path, '[[modules]]\nrubric = "own.x"\npanel_size = 5\n'))
    assert cfg.modules[0].level == AggregationLevel.SHEET
    assert cfg.standings_rules().modules[0].level == AggregationLevel.SHEET


def test_file_problems_are_located(tmp_path: Path) -> None:
    """A missing file, a wrong id, a missing id and a stale hash pin: each named with its key."""
    cfg = contest_dir(
        tmp_path,
        '[[modules]]\nrubric = "own.y"\nfile = "files/none.toml"\n\n'
        '[[modules]]\nrubric = "own.z"\nfile = "files/y.toml"\n\n'
        '[[modules]]\nfile = "files/y.toml"\n\n'
        '[[modules]]\nrubric = "own.x"\nhash = "000000000000"\n',
    )
    with pytest.raises(ConfigInvalid) as info:
        load_config(cfg)
    text = "\n".join(info.value.problems)
    assert "modules[1].file: " in text and "none.toml: cannot read: No such file" in text
    assert "modules[2].rubric: must be the id written in files/y.toml: rubric = 'own.y' (got 'own.z')" in text
    assert "modules[3].rubric: must be the id written in files/y.toml: rubric = 'own.y'" in text
    assert "modules[4].hash: rubric own.x has hash" in text


def test_a_broken_own_rubric_is_reported_with_its_file(tmp_path: Path) -> None:
    cfg = contest_dir(tmp_path, '[[modules]]\nrubric = "own.x"\n')
    (tmp_path / "rubrics" / "x.toml").write_text(
        RUBRIC.format(id="own.x", code="X").replace("max_points = 10", "max_points = 11"), encoding="utf-8"
    )
    with pytest.raises(ConfigInvalid) as info:
        load_config(cfg)
    assert any("x.toml: max_points" in p for p in info.value.problems)


def test_without_a_folder_the_text_alone_knows_only_the_library(tmp_path: Path) -> None:
    """``parse_config`` without ``base_dir`` (a stored contest) reads no file: a ``file`` entry needs its id
    in the library it is given."""
    text = CONFIG.format(modules='[[modules]]\nrubric = "own.y"\nfile = "files/y.toml"\n')
    with pytest.raises(ConfigInvalid) as info:
        parse_config(text)
    assert any("no module rubric 'own.y'" in p or "modules[1].rubric" in p for p in info.value.problems)


def test_check_paths(tmp_path: Path) -> None:
    contest_dir(tmp_path, "")
    (tmp_path / "files" / "x_again.toml").write_text(RUBRIC.format(id="own.x", code="X"), encoding="utf-8")
    lib, problems = check_paths([tmp_path / "rubrics", tmp_path / "files", tmp_path / "missing"])
    assert set(lib.modules) == {"own.x", "own.y"}
    assert [(Path(p.file).name, p.where) for p in problems] == [("x_again.toml", "id"), ("missing", "file")]
    lib, problems = check_paths([library_dir()])
    assert not problems and lib.modules["elderly_care.basic_care"].max_points == Decimal(100)


def test_an_oversized_file_is_not_read(tmp_path: Path) -> None:
    """A wrong path to something huge (a video, a device) is refused by its size, not loaded."""
    cfg = contest_dir(tmp_path, '[[modules]]\nrubric = "own.big"\nfile = "files/big.toml"\n')
    (tmp_path / "files" / "big.toml").write_bytes(b"#" * (5 * 1024 * 1024))
    with pytest.raises(ConfigInvalid) as info:
        load_config(cfg)
    assert any("modules[1].file:" in p and "larger than 4 MB" in p for p in info.value.problems)
    _, problems = check_paths([tmp_path / "files"])
    assert [p.message for p in problems if p.file.endswith("big.toml")] == ["larger than 4 MB: not a rubric"]
