"""The README's screenshots of the terminal (SVG, 100×30), from a realistic contest in the middle of the day:

    python -m tests.tui.screenshots [OUTDIR]        # default: docs/

writes ``tui-login.svg``, ``tui-judge-home.svg``, ``tui-scoring.svg``, ``tui-chief.svg`` and ``tui-clerk.svg``.
The contest uses the demo configuration (four modules, 5-judge panels), 30 contestants with made-up names and
the demo's logins (PIN 123456); module A is half marked, judge J01 has a draft open, one judge disagrees on a
judgement item (a spread alert). Every judge screen is checked against the contestants' names before it is saved.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from contest.demo import DEMO_PIN, GIVEN, JUDGE_NAMES, REGIONS, SURNAMES, UNITS, demo_config
from contest.intake.idcard import make_valid_id
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from contest.tui.app import ContestApp
from contest.tui.screens import ChiefScreen, ClerkEntryScreen, JudgeHomeScreen, ScoringScreen
from rubrics.model import ItemKind, ModuleRubric
from scoresheets.model import Applied, ItemEntry
from tests.pins import CHEAP_HASHER
from tests.tui.support import screen_text, settle, type_text

SIZE = (100, 30)
N_CONTESTANTS = 30


def paper(
    rng: random.Random, rubric: ModuleRubric, ability: float, *, harsh: bool = False
) -> list[ItemEntry]:
    """A plausible sheet: a few deductions, levels 1–3 by ability (``harsh``: every level 0)."""
    out = []
    for item in rubric.items:
        if item.kind == ItemKind.JUDGEMENT:
            level = 0 if harsh else min(3, max(1, round(ability * 3 + rng.uniform(-0.4, 0.4))))
            out.append(ItemEntry(item.id, level=level))
            continue
        applied = tuple(Applied(d.code) for d in item.deductions if rng.random() < (1 - ability) * 0.3)
        out.append(ItemEntry(item.id, applied))
    return out


def build(directory: Path) -> tuple[Path, list[str]]:
    """The contest file and the contestants' names."""
    rng = random.Random(2026)
    db = directory / "contest.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    sv = Services(
        engine, Services.create_contest(engine, demo_config(calibration=False)), hasher=CHEAP_HASHER
    )
    names: list[str] = []
    while len(names) < N_CONTESTANTS:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in names:
            names.append(name)
    sv.import_contestants(
        CONSOLE,
        [
            ContestantIn(
                name,
                "女",
                make_valid_id(
                    rng.choice(REGIONS), date(rng.randint(1968, 1998), rng.randint(1, 12), 9), i, False
                ),
                rng.choice(UNITS),
            )
            for i, name in enumerate(names)
        ],
    )
    judges = [
        JudgeIn(
            f"J{k:02d}",
            JUDGE_NAMES[k - 1],
            "江门职业技术学院",
            ("marking",),
            ("ABCD"[(k - 1) // 5],),
            pin=DEMO_PIN,
        )
        for k in range(1, 21)
    ]
    judges += [
        JudgeIn("E01", "加密员", "蓬江区人社局", ("encryption",), pin=DEMO_PIN),
        JudgeIn("C01", "裁判长", "蓬江区人社局", ("chief",), pin=DEMO_PIN),
        JudgeIn("S01", "监督员", "蓬江区人社局", ("supervisor",), pin=DEMO_PIN),
        JudgeIn("K01", "统分员甲", "蓬江区人社局", ("clerk",), pin=DEMO_PIN),
        JudgeIn("K02", "统分员乙", "蓬江区人社局", ("clerk",), pin=DEMO_PIN),
    ]
    sv.import_judges(CONSOLE, judges)
    sv.draw(sv.login("E01", DEMO_PIN), "readme-screenshots")
    config = sv.config()
    actors = {j.code: sv.login(j.code, DEMO_PIN) for j in judges if j.code.startswith("J")}
    stations = [s.station for s in sv.stations(actors["J01"], "A")]
    ability = {st: rng.uniform(0.45, 0.95) for st in stations}
    marked = {"A": 14, "B": 9, "C": 4, "D": 0}
    for m, code in enumerate("ABCD"):
        rubric = config.module(code).rubric
        for k in range(5):
            judge = f"J{5 * m + k + 1:02d}"
            done = marked[code] - (k % 3)  # the panel is not in step
            for st in stations[:done]:
                entries = paper(
                    random.Random(f"{code}{judge}{st}"),
                    rubric,
                    ability[st],
                    harsh=judge == "J03" and st == stations[2],
                )
                sv.enter_sheet(
                    actors[judge],
                    code,
                    st,
                    entries,
                    seconds_used=rubric.time_limit_minutes * 60 - rng.randint(20, 200),
                )
    # J01's next sheet is a draft: the first five items entered
    rubric = config.module("A").rubric
    view = sv.open_sheet(actors["J01"], "A", stations[14])
    for entry in paper(random.Random("draft"), rubric, 0.7)[:5]:
        view = sv.save_mark(actors["J01"], "A", stations[14], entry, view.version)
    # a paper sheet of J02 keyed once by clerk K01 (for the clerk's picture, keyed differently by K02)
    sv.clerk_enter(
        sv.login("K01", DEMO_PIN),
        "A",
        stations[14],
        "J02",
        paper(random.Random("clerk"), rubric, 0.8),
        seconds_used=1150,
    )
    engine.dispose()
    return db, names


def check_no_names(app: ContestApp, names: list[str], where: str) -> None:
    text = screen_text(app)
    shown = [n for n in names if n in text]
    if shown:
        raise AssertionError(f"contestant names {shown} on {where}")


async def shoot(db: Path, names: list[str], out: Path) -> list[Path]:
    saved: list[Path] = []

    def services() -> Services:
        return Services(make_engine(f"sqlite:///{db}"), hasher=CHEAP_HASHER)

    async def login(pilot: Pilot[None], code: str) -> None:
        await type_text(pilot, code)
        await pilot.press("enter")
        await type_text(pilot, DEMO_PIN)
        await pilot.press("enter")
        await settle(pilot)

    def save(app: ContestApp, name: str) -> None:
        app.save_screenshot(filename=name, path=str(out))
        saved.append(out / name)

    app = ContestApp(services(), poll_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "J01")
        await pilot.press("enter")
        await type_text(pilot, "1234")
        await pilot.pause()
        check_no_names(app, names, "the login")
        save(app, "tui-login.svg")
        await type_text(pilot, "56")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JudgeHomeScreen)
        app.screen.query_one("#station-table", DataTable).move_cursor(row=14)
        await pilot.pause()
        check_no_names(app, names, "the judge's home")
        save(app, "tui-judge-home.svg")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("n")  # A6: no deduction
        await settle(pilot)
        await pilot.press("enter", "space", "enter")  # A7: the first rule
        await settle(pilot)
        await pilot.press("enter", "space", "down", "space")  # A8: ticking two rules, not yet confirmed
        await settle(pilot)
        check_no_names(app, names, "the scoring screen")
        save(app, "tui-scoring.svg")

    app = ContestApp(services(), poll_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "C01")
        assert isinstance(app.screen, ChiefScreen)
        await pilot.pause()
        save(app, "tui-chief.svg")

    app = ContestApp(services(), poll_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "K02")
        app.screen.query_one("#clerk-judges", OptionList).highlighted = 1
        await settle(pilot)
        await type_text(pilot, "15")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClerkEntryScreen)
        rubric = screen.rubric
        assert rubric is not None
        for entry in paper(random.Random("clerk"), rubric, 0.8):
            if entry.level is not None:
                await pilot.press(str(entry.level if entry.item_id != "A15" else 1))
            elif entry.deductions:
                await pilot.press("enter")
                item = rubric.item(entry.item_id)
                assert item is not None
                for d in item.deductions:
                    if any(a.code == d.code for a in entry.deductions):
                        await pilot.press("space")
                    await pilot.press("down")
                await pilot.press("enter")
            else:
                await pilot.press("n")
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "19:10")
        await pilot.press("enter", "s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.outcome == "mismatch", "the clerk's keying was meant to differ"
        check_no_names(app, names, "the clerk's screen")
        save(app, "tui-clerk.svg")
    return saved


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db, names = build(Path(tmp))
        for path in asyncio.run(shoot(db, names, out)):
            print(path)


if __name__ == "__main__":
    main()
