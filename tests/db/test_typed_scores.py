"""The marking service stores a typed item score only where the rubric allows it, on the item's step and range
(issue 12 case 5); on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from contest.services import Services
from rubrics import load as rubric_load
from scoresheets import Applied, EntryRefused, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env

D = Decimal

TYPED_ITEMS = """
[[sections.items]]
id = "A99"
title = { zh = "操作总分", en = "Overall score" }
points = 10
kind = "score"
step = "0.5"
"""


@pytest.fixture
def typed_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped library with A1 typed on half points and a plain score item A99 (10 points) added to A."""
    root = tmp_path / "library"
    shutil.copytree(rubric_load.library_dir(), root)
    path = root / "elderly_care" / "basic_care.toml"
    text = path.read_text("utf-8")
    a1 = 'id = "A1"\ntitle = { zh = "工作准备", en = "Preparation" }\npoints = 6\nkind = "measurement"\n'
    assert a1 in text
    text = text.replace(a1, a1 + 'typed = true\nstep = "0.5"\n').replace(
        "max_points = 100", "max_points = 110"
    )
    path.write_text(text + TYPED_ITEMS, "utf-8")
    monkeypatch.setattr(rubric_load, "library_dir", lambda: root)
    return root


def stored(sv: Services, judge: object, station: str) -> dict[str, ItemEntry]:
    return dict(sv.open_sheet(judge, "A", station).entries)  # type: ignore[arg-type]


def test_rule_items_refuse_typed_scores(engine: Engine) -> None:
    """Before: A1 (rules give 6/5/4/…) took 5.5 and A6 took 9.99, storing no rule."""
    env = build_env(engine, small_config(), n=1, judges=1)
    sv, st = env.sv, env.stations[0]
    j = sv.login("J1", env.pins["J1"])
    for item_id, value in (("A1", "5.5"), ("A6", "9.99"), ("A1", "6")):
        with pytest.raises(EntryRefused) as caught:
            sv.save_mark(j, "A", st, ItemEntry(item_id, score=D(value)))
        assert "不能直接输入分数" in str(caught.value) and "deduction rules" in str(caught.value)
    assert stored(sv, j, st) == {}
    # rules still work
    sv.save_mark(j, "A", st, ItemEntry("A1", (Applied("A1-2"),)))
    assert stored(sv, j, st)["A1"] == ItemEntry("A1", (Applied("A1-2"),))


def test_whole_sheet_and_clerk_entry_refuse_typed_scores_as_the_screen_does(engine: Engine) -> None:
    """Before: ``enter_sheet`` (a batch, the demo) and a clerk's keying only checked the range, so A1 = 5.5 — a
    score no deduction rule gives, on an item that takes no typed score — was stored from paper."""
    from contest.services import CONSOLE, JudgeIn

    env = build_env(engine, small_config(), n=1, judges=1)
    sv, st = env.sv, env.stations[0]
    j = sv.login("J1", env.pins["J1"])
    rubric = sv.config().module("A").rubric
    sheet = [
        ItemEntry(i.id, score=D("5.5"))
        if i.id == "A1"
        else (ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id))
        for i in rubric.items
    ]
    with pytest.raises(EntryRefused, match="不能直接输入分数"):
        sv.enter_sheet(j, "A", st, sheet, seconds_used=900)
    assert stored(sv, j, st) == {}
    sv.import_judges(CONSOLE, [JudgeIn("K1", "统分员", "", ("clerk",), pin="3001")])
    with pytest.raises(EntryRefused, match="不能直接输入分数"):
        sv.clerk_enter(sv.login("K1", "3001"), "A", st, "J1", sheet, seconds_used=900)


def test_typed_items_take_scores_on_their_step(engine: Engine, typed_library: Path) -> None:
    env = build_env(engine, small_config(), n=1, judges=1)
    sv, st = env.sv, env.stations[0]
    j = sv.login("J1", env.pins["J1"])
    view = sv.save_mark(j, "A", st, ItemEntry("A1", score=D("5.5")))
    view = sv.save_mark(j, "A", st, ItemEntry("A99", score=D("7.5")), view.version)
    assert stored(sv, j, st) == {
        "A1": ItemEntry("A1", score=D("5.5")),
        "A99": ItemEntry("A99", score=D("7.5")),
    }
    for entry, says in (
        (ItemEntry("A1", score=D("5.25")), "0.5 的整数倍（如 5 或 5.5）"),
        (ItemEntry("A99", score=D("10.5")), "0 到 10 之间"),
        (ItemEntry("A99", score=D("9.99")), "multiple of 0.5"),
        (ItemEntry("A99", (Applied("A1-1"),)), "typed score"),
        (ItemEntry("A99"), "type the item's score"),
    ):
        with pytest.raises(EntryRefused, match=says.replace("(", r"\(").replace(")", r"\)")):
            sv.save_mark(j, "A", st, entry, view.version)
    assert stored(sv, j, st)["A99"] == ItemEntry("A99", score=D("7.5"))


def test_a_terminal_holds_an_entry_to_a_rubric_amended_elsewhere(engine: Engine, typed_library: Path) -> None:
    """A terminal checks an entry against the configuration it last read, before it waits for the write lock; a
    rubric amended meanwhile from another terminal is still the one the entry is held to: a typed score the
    amendment put out of range is refused inside the write, and one only the amendment allows is stored."""
    from contest.services.core import Correction
    from tests.pins import CHEAP_HASHER

    env = build_env(engine, small_config(), n=2, judges=1)
    sv, st = env.sv, env.stations
    terminal = Services(sv.engine, sv.contest_id, hasher=CHEAP_HASHER)
    judge = terminal.login("J1", env.pins["J1"])
    assert terminal.config().module("A").rubric.item("A99").points == D(10)  # type: ignore[union-attr]
    chief, sup = sv.login("C1", env.pins["C1"]), sv.login("S1", env.pins["S1"])

    sv.amend_rubric(chief, "A", Correction(chief, sup, "A99 配分印刷错误"), edits=["A99=8", "max=108"])
    with pytest.raises(EntryRefused):
        terminal.save_mark(judge, "A", st[0], ItemEntry("A99", score=D("9")))
    assert "A99" not in stored(terminal, judge, st[0])
    terminal.save_mark(judge, "A", st[0], ItemEntry("A99", score=D("7.5")))

    sv.amend_rubric(chief, "A", Correction(chief, sup, "A99 配分恢复"), edits=["A99=10", "max=110"])
    terminal.save_mark(
        judge, "A", st[1], ItemEntry("A99", score=D("9.5"))
    )  # refused by the rubric it last read
    assert stored(terminal, judge, st[1])["A99"].score == D("9.5")
    assert sv.verify().ok
