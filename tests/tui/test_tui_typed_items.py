"""Typed scores in the judge terminal, on a contest with its own rubric file: a measurement item that also takes a
typed score (``typed = true``, step 0.5) and a plain score item (操作总分, step 0.5). Digits type a score only where
the rubric says so, and only on its step and range; elsewhere they are refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.store.engine import create_schema, make_engine
from contest.tui.app import ContestApp
from contest.tui.screens import ScoringScreen
from contest.tui.widgets import ItemList
from scoresheets import ItemEntry
from tests.pins import CHEAP_HASHER
from tests.tui.support import PINS, contest_config, login, settle, type_text, valid_id

RUBRIC = """\
schema = 1
type = "module"
id = "own.typed"
code = "T"
title = { zh = "自编模块", en = "Own module" }
standard = "养老护理员国家职业技能标准（2019年版）"
scenario = { zh = "自编情境。", en = "Own scenario." }
time_limit_minutes = 10
max_points = 15

[overtime]
points_per_started_minute = 1
stop_after_minutes = 5
text = "超时每分钟扣1分"

[[sections]]
id = "s"
title = { zh = "操作", en = "Operation" }

[[sections.items]]
id = "T1"
title = { zh = "洗手", en = "Washing" }
points = 7
kind = "measurement"
typed = true
step = "0.5"

[[sections.items.deductions]]
code = "T1a"
text = "每漏一步扣1分"
points = 1
repeatable = true
cap = 7

[[sections.items]]
id = "T2"
title = { zh = "规范程度", en = "Fluency" }
points = 3
kind = "judgement"
levels = ["差", "中", "良", "优"]

[[sections.items]]
id = "T3"
title = { zh = "操作总分", en = "Overall score" }
points = 5
kind = "score"
step = "0.5"
"""


@pytest.fixture
def own_contest(tmp_path: Path) -> Path:
    """A contest whose only module is the rubric file above, with judge J1 and three contestants, drawn."""
    (tmp_path / "typed.toml").write_text(RUBRIC, encoding="utf-8")
    config = contest_config(()).replace(
        "\n[awards]",
        '[[modules]]\nrubric = "own.typed"\nfile = "typed.toml"\nweight = 1\npanel_size = 1\n'
        'aggregation = "mean"\n\n[awards]',
    )
    (tmp_path / "contest.toml").write_text(config, encoding="utf-8")
    db = tmp_path / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    create_schema(engine)
    Services.create_contest(engine, config, str(tmp_path / "contest.toml"), hasher=CHEAP_HASHER)
    services = Services(engine, hasher=CHEAP_HASHER)
    services.import_contestants(
        CONSOLE,
        [
            ContestantIn(f"选手{i}", "男", valid_id("440703", date(1980, 1, i + 1), i, True), "单位")
            for i in range(3)
        ],
    )
    services.import_judges(
        CONSOLE,
        [
            JudgeIn("J1", "张评", "外单位", ("marking",), ("T",), pin=PINS["J1"]),
            JudgeIn("E1", "加密", "", ("encryption",), pin=PINS["E1"]),
        ],
    )
    services.draw(services.login("E1", PINS["E1"]), "typed")
    engine.dispose()
    return db


async def test_typed_scores_only_where_the_rubric_allows_them(own_contest: Path) -> None:
    url = f"sqlite:///{own_contest}"
    app = ContestApp(Services(make_engine(url), hasher=CHEAP_HASHER), poll_seconds=3600)

    def stored() -> dict[str, ItemEntry]:
        services = Services(make_engine(url), hasher=CHEAP_HASHER)
        return dict(services.open_sheet(services.login("J1", PINS["J1"]), "T", "001").entries)

    async with app.run_test(size=(100, 30)) as pilot:
        await login(pilot, "J1")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        hint = lambda: str(screen.query_one("#entry-hint", Static).render())  # noqa: E731
        # T1 has rules and also takes a typed score: a digit is refused and names f ...
        await pilot.press("5")
        assert "f 直接输入得分" in hint()
        # ... f opens the typed score; off the step is refused with the accepted neighbours, 5.5 is stored
        await pilot.press("f")
        await type_text(pilot, "5.25")
        await pilot.press("enter")
        await settle(pilot)
        assert "0.5 的整数倍" in hint() and "T1" not in stored()
        score_input = screen.query_one("#score-input", Input)
        score_input.value = ""
        await type_text(pilot, "5.5")
        await pilot.press("enter")
        await settle(pilot)
        assert stored()["T1"] == ItemEntry("T1", score=Decimal("5.5"))
        # T2 is a judgement item: a digit is its level
        await pilot.press("2")
        await settle(pilot)
        assert stored()["T2"] == ItemEntry("T2", level=2)
        # T3 is a score item: digits type its score at once; above its points is refused, 4.5 is stored
        assert screen.query_one("#item-list", ItemList).highlighted_item_id == "T3"
        await type_text(pilot, "6")
        await pilot.press("enter")
        await settle(pilot)
        assert "0 到 5" in hint() and "T3" not in stored()
        score_input.value = ""
        await type_text(pilot, "4.5")
        await pilot.press("enter")
        await settle(pilot)
        assert stored()["T3"] == ItemEntry("T3", score=Decimal("4.5"))
        # "n" on a score item is refused (it has no rules to be free of)
        screen.query_one("#item-list", ItemList).highlight_item("T3")
        await pilot.press("n")
        assert "直接输入得分" in hint()
        assert stored()["T3"] == ItemEntry("T3", score=Decimal("4.5"))
