"""二次加密 per module (``[draw] scope = "module"``): configuration, the draw, what judges, clerks, the chief judge
and documents see, the whole day end to end, the migration that moved stations into ``module_station``, and the
command line — on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from random import Random

import pytest
from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from contest.config import parse_config
from contest.errors import ConfigInvalid, ContestError, NotFound, PermissionDenied
from contest.services import CONSOLE, JudgeIn, Services
from contest.services.views import TheoryNumbers
from contest.store.migrate import alembic_config, upgrade
from contest.store.tables import ContestantRow, EventRow, ModuleRow, ModuleStationRow, SheetRow, TheoryRow
from scoresheets import ItemEntry
from scoresheets.numbers import from_cents
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.pins import CHEAP_HASHER

MODULES = ("basic_care", "rehabilitation", "psychological_support")
SEED = "fixed-seed"


def module_config(modules: tuple[str, ...] = MODULES, panel: int = 3) -> str:
    return small_config(panel, modules) + '\n[draw]\nscope = "module"\n'


def station_table(engine: Engine) -> dict[str, dict[str, str]]:
    """Contestant ID number → module code → station, read straight from the store."""
    with Session(engine) as s:
        code = {m.id: m.code for m in s.exec(select(ModuleRow)).all()}
        idn = {c.id: c.id_number for c in s.exec(select(ContestantRow)).all()}
        out: dict[str, dict[str, str]] = {}
        for r in s.exec(select(ModuleStationRow)).all():
            out.setdefault(idn[r.contestant_id], {})[code[r.module_id]] = r.station
    return out


def by_name(engine: Engine) -> dict[str, dict[str, str]]:
    """Contestant name → module code → station."""
    with Session(engine) as s:
        names = {c.id_number: c.name for c in s.exec(select(ContestantRow)).all()}
    return {names[k]: v for k, v in station_table(engine).items()}


def draw_numbers(engine: Engine) -> dict[str, int]:
    """Contestant name → 抽签号, read straight from the store."""
    with Session(engine) as s:
        return {c.name: c.draw_no for c in s.exec(select(ContestantRow)).all() if c.draw_no is not None}


def theory_by_name(engine: Engine) -> dict[str, Decimal]:
    """Contestant name → stored theory total, read straight from the store."""
    with Session(engine) as s:
        names = {c.id: c.name for c in s.exec(select(ContestantRow)).all()}
        return {names[r.contestant_id]: from_cents(r.total_cents) for r in s.exec(select(TheoryRow)).all()}


def module_env(engine: Engine, n: int = 6, modules: tuple[str, ...] = MODULES) -> Env:
    return build_env(engine, module_config(modules), n=n)


# -- configuration ------------------------------------------------------------------------------------------------
def test_config_scope_defaults_to_contest_and_accepts_module() -> None:
    assert parse_config(small_config()).draw_scope == "contest"
    assert parse_config(small_config() + '\n[draw]\nscope = "contest"\n').draw_scope == "contest"
    assert parse_config(module_config()).draw_scope == "module"


@pytest.mark.parametrize(("value", "says"), [('"station"', "unknown scope 'station'"), ("3", "must be text")])
def test_config_refuses_other_scopes_with_the_place(value: str, says: str) -> None:
    with pytest.raises(ConfigInvalid) as exc:
        parse_config(small_config() + f"\n[draw]\nscope = {value}\n", "比赛.toml")
    found = [p for p in exc.value.problems if "draw.scope" in p]
    assert len(found) == 1, exc.value.problems
    assert found[0].startswith("比赛.toml: draw.scope:") and says in found[0]
    assert "'module'" in found[0] or value == "3"


# -- the draw -----------------------------------------------------------------------------------------------------
def expected_draw(
    id_numbers: list[str], seed: str, modules: tuple[str, ...], scope: str
) -> dict[str, dict[str, str]]:
    """The documented recipe, re-done by hand: draw numbers from ``Random(seed:1)`` over the contestants in ID
    order, stations from ``Random(seed:2)`` (contest) or ``Random(seed:2:code)`` (module), in draw order."""
    people = sorted(id_numbers)
    order = list(range(1, len(people) + 1))
    Random(f"{seed}:1").shuffle(order)
    by_draw = [p for _, p in sorted(zip(order, people, strict=True))]
    numbers = [f"{k:03d}" for k in range(1, len(people) + 1)]
    out: dict[str, dict[str, str]] = {p: {} for p in people}
    for code in modules:
        stations = numbers[:]
        Random(f"{seed}:2" if scope == "contest" else f"{seed}:2:{code}").shuffle(stations)
        for p, st in zip(by_draw, stations, strict=True):
            out[p][code] = st
    return out


def test_module_scope_draws_an_independent_permutation_per_module(engine: Engine) -> None:
    env = module_env(engine, n=8)
    table = station_table(engine)
    codes = ("A", "B", "C")
    numbers = {f"{k:03d}" for k in range(1, 9)}
    for code in codes:
        assert sorted(t[code] for t in table.values()) == sorted(numbers)  # a permutation of 001…008
    # the same contestant has different stations in different modules
    assert sum(len(set(t.values())) > 1 for t in table.values()) >= 6
    assert {c: t["A"] for c, t in table.items()} != {c: t["B"] for c, t in table.items()}
    # reproducible from the recorded seed alone
    assert table == expected_draw(list(table), SEED, codes, "module")
    with Session(engine) as s:
        draw = s.exec(select(EventRow).where(EventRow.kind == "draw")).one()
    assert f'"seed":"{SEED}"' in draw.payload and '"scope":"module"' in draw.payload
    # a judge sees the module's own stations, as the draw gave them
    j1 = env.sv.login("J1", env.pins["J1"])
    for code in codes:
        assert [x.station for x in env.sv.stations(j1, code)] == sorted(numbers)


def test_contest_scope_keeps_one_station_for_every_module_and_todays_numbers(engine: Engine) -> None:
    build_env(engine, small_config(modules=MODULES), n=8)
    table = station_table(engine)
    assert all(len(set(t.values())) == 1 for t in table.values())
    assert table == expected_draw(list(table), SEED, ("A", "B", "C"), "contest")


def test_two_draws_with_the_same_seed_give_the_same_stations(engine: Engine, tmp_path) -> None:
    from contest.store.engine import create_schema, make_engine

    module_env(engine, n=5)
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        create_schema(other)
        build_env(other, module_config(), n=5)
        assert station_table(other) == station_table(engine)
    finally:
        other.dispose()


# -- judges -------------------------------------------------------------------------------------------------------
def test_a_judge_of_module_a_works_with_module_a_stations_only(engine: Engine) -> None:
    env = module_env(engine, n=6, modules=MODULES[:2])
    sv = env.sv
    sv.import_judges(CONSOLE, [JudgeIn("J9", "只评A", "外单位", ("marking",), ("A",), pin="9999")])
    j9 = sv.login("J9", "9999")
    table = by_name(engine)
    who, mine = next((n, t) for n, t in sorted(table.items()) if t["A"] != t["B"])
    assert [x.station for x in sv.stations(j9, "A")] == sorted(t["A"] for t in table.values())
    fill_sheet(sv, j9, "A", mine["A"], level=1)
    assert sv.open_sheet(j9, "A", mine["A"]).state == "submitted"
    # the same contestant's module-B station, typed in module A, is somebody else's sheet in A
    other = sv.open_sheet(j9, "A", mine["B"])
    assert other.state == "none" and other.entries == {}
    sv.save_mark(j9, "A", mine["B"], ItemEntry("A1"))
    with Session(engine) as s:
        sheets = s.exec(select(SheetRow)).all()
        owner = {c.id: c.name for c in s.exec(select(ContestantRow)).all()}
    assert sorted(owner[sh.contestant_id] for sh in sheets) == sorted(
        [who, next(n for n, t in table.items() if t["A"] == mine["B"])]
    )
    with pytest.raises(NotFound, match="模块 A"):
        sv.open_sheet(j9, "A", "999")


def test_judge_facing_views_in_module_scope_never_carry_identity(engine: Engine) -> None:
    env = module_env(engine, n=4)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    with Session(engine) as s:
        secrets = {x for c in s.exec(select(ContestantRow)).all() for x in (c.name, c.id_number, c.unit)}
    st = sv.stations(j, "B")[0].station
    views = [*sv.stations(j, "B"), sv.open_sheet(j, "B", st), sv.save_mark(j, "B", st, ItemEntry("B1"))]
    for v in views:
        text_ = repr(dataclasses.asdict(v))
        assert not any(x in text_ for x in secrets), text_[:200]


# -- the whole day ------------------------------------------------------------------------------------------------
def entries(sv: Services, module: str, level: int) -> list[ItemEntry]:
    return [
        ItemEntry(i.id, level=level) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module(module).rubric.items
    ]


def test_a_module_scope_day_end_to_end(engine: Engine) -> None:
    """Each contestant is marked at a level of their own, different in A and B, by stations only; the chief
    returns a sheet, clerks key a paper sheet, alerts and progress speak each module's stations, sign-off and
    decryption follow, and the decrypted standings give every contestant exactly their own marks."""
    env = module_env(engine, n=4, modules=MODULES[:2])
    sv = env.sv
    judges = {k: sv.login(k, env.pins[k]) for k in ("J1", "J2", "J3")}
    table = by_name(engine)
    names = sorted(table)  # 选手00 … 选手03
    level = {"A": {n: i for i, n in enumerate(names)}, "B": {n: 3 - i for i, n in enumerate(names)}}
    paper = (names[2], "B", "J3")  # keyed from paper by two clerks instead
    spread = (names[1], "A", "J2")  # first entered one level off: a spread alert, returned and corrected
    for name in names:
        for code in ("A", "B"):
            for jc, j in judges.items():
                if (name, code, jc) == paper:
                    continue
                lv = level[code][name]
                if (name, code, jc) == spread:
                    lv = lv + 2
                sv.enter_sheet(j, code, table[name][code], entries(sv, code, lv), seconds_used=1000)
    chief = sv.login("C1", env.pins["C1"])
    # progress: each module lists its own stations, and the paper sheet is still open
    progress = {p.code: p for p in sv.progress(chief)}
    for code in ("A", "B"):
        assert progress[code].stations == tuple(sorted(t[code] for t in table.values()))
    assert progress["B"].cell("J3", table[paper[0]]["B"]).state == "none"  # type: ignore[union-attr]
    # the alert names the station in its module; returning by that station reaches the right sheet
    alerts = sv.alerts(chief, "A")
    assert alerts and {a.station for a in alerts} == {table[spread[0]]["A"]}
    sv.return_sheet(chief, "A", table[spread[0]]["A"], "J2", "请复核评价等级")
    j2 = judges["J2"]
    back = sv.open_sheet(j2, "A", table[spread[0]]["A"])
    assert back.state == "returned"
    assert sv.open_sheet(j2, "B", table[spread[0]]["B"]).state == "submitted"  # the B sheet is untouched
    sv.enter_sheet(
        j2,
        "A",
        table[spread[0]]["A"],
        entries(sv, "A", level["A"][spread[0]]),
        seconds_used=1000,
        expected_version=back.version,
    )
    assert sv.alerts(chief) == []
    # clerks key J3's paper sheet by its module-B station
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("K1", "统分一", "", ("clerk",), pin="3001"),
            JudgeIn("K2", "统分二", "", ("clerk",), pin="3002"),
        ],
    )
    k1, k2 = sv.login("K1", "3001"), sv.login("K2", "3002")
    keyed = entries(sv, "B", level["B"][paper[0]])
    station_b = table[paper[0]]["B"]
    assert sv.clerk_enter(k1, "B", station_b, "J3", keyed, seconds_used=1000).status == "first"
    assert sv.clerk_enter(k2, "B", station_b, "J3", keyed, seconds_used=1000).status == "matched"
    assert sv.open_sheet(judges["J3"], "B", station_b).state == "submitted"
    # before decryption: one line per contestant, identified by every module's station
    before = sv.standings(chief)
    assert not before.decrypted
    assert {line.station for line in before.lines} == {f"A {t['A']} · B {t['B']}" for t in table.values()}
    assert all(line.name == line.unit == line.id_masked == "" for line in before.lines)
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    after = {line.name: line for line in sv.standings(chief).lines}
    assert set(after) == set(names)
    a_scores = [after[n].modules["A"] for n in names]
    b_scores = [after[n].modules["B"] for n in names]
    assert a_scores == sorted(a_scores) and len(set(a_scores)) == 4  # A levels rise with the name
    assert b_scores == sorted(b_scores, reverse=True) and len(set(b_scores)) == 4  # B levels fall
    assert after[names[3]].modules["A"] == Decimal("100.00")
    assert after[names[0]].modules["B"] == Decimal("100.00")
    for n in names:
        assert after[n].station == f"A {table[n]['A']} · B {table[n]['B']}"
    report = sv.verify()
    assert report.ok, report.problems


def test_documents_use_each_modules_stations(engine: Engine, tmp_path) -> None:
    from pypdf import PdfReader

    from contest.outputs import write_result_sheet

    env = module_env(engine, n=3)
    sv = env.sv
    table = by_name(engine)
    codes = ("A", "B", "C")
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in judges:
        for t in table.values():
            for code in codes:
                fill_sheet(sv, j, code, t[code])
    chief = sv.login("C1", env.pins["C1"])
    blank = sv.blank_sheets(chief, "B")
    assert [b.station for b in blank.sheets] == sorted(t["B"] for t in table.values())
    anon = sv.result_sheet(chief, anonymous=True)
    labels = {r.station for g in anon.groups for r in g.rows}
    assert labels == {f"A {t['A']} · B {t['B']} · C {t['C']}" for t in table.values()}
    # printed two modules to a line, so no station number is cut
    pdf = write_result_sheet(sv, chief, tmp_path / "anon.pdf", anonymous=True)
    printed = re.sub(r"\s*\n\s*", "\n", "\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    for t in table.values():
        assert f"A {t['A']} · B {t['B']}\nC {t['C']}" in printed, printed
    sheets = sv.score_sheets(chief, override="核对")
    got = sorted((p.module_code, p.station) for p in sheets.sheets)
    assert got == sorted((code, t[code]) for t in table.values() for code in codes)
    # each module's sheets come in that module's station order: row order never links two modules' stations
    for code in codes:
        printed_order = [p.station for p in sheets.sheets if p.module_code == code]
        assert printed_order == sorted(printed_order)
    assert any(
        [t[code] for _, t in sorted(table.items(), key=lambda kv: kv[1]["A"])]
        != sorted(t[code] for t in table.values())
        for code in ("B", "C")
    )  # the draw really orders the modules differently, so the check above can fail


def test_appeals_and_theory_in_module_scope(engine: Engine) -> None:
    env = module_env(engine, n=3, modules=MODULES[:2])
    sv = env.sv
    table = by_name(engine)
    sup = sv.login("S1", env.pins["S1"])
    name, t = sorted(table.items())[0]
    aid = sv.lodge_appeal(sup, t["B"], "B", "对B模块评分有异议")
    assert [(a.id, a.station, a.module_code) for a in sv.appeals()] == [(aid, t["B"], "B")]
    # an appeal naming no module (theory, total) gives the draw number: no contest-wide station exists
    with Session(engine) as s:
        me = s.exec(select(ContestantRow).where(ContestantRow.name == name)).one()
    aid2 = sv.lodge_appeal(sup, str(me.draw_no), None, "对总分有异议")
    assert [(a.id, a.module_code) for a in sv.appeals()][-1] == (aid2, None)
    with Session(engine) as s:
        from contest.store.tables import AppealRow

        assert s.get(AppealRow, aid2).contestant_id == me.id
    with pytest.raises(ContestError, match="抽签号"):
        sv.lodge_appeal(sup, "999", None, "没有这个抽签号")
    # theory papers cannot be matched by a station that only exists per module; by draw number or ID they can
    with pytest.raises(ContestError, match="抽签号或身份证号"):
        sv.theory_stations(CONSOLE)
    with pytest.raises(ContestError, match="抽签号或身份证号"):
        sv.import_theory_scores(CONSOLE, {t["A"]: (Decimal("80"), {})})
    with Session(engine) as s:
        idn = s.exec(select(ContestantRow.id_number).where(ContestantRow.name == name)).one()
    assert sv.import_theory_scores(CONSOLE, {idn: (Decimal("80"), {})}, key="id") == 1
    assert sv.verify().ok


def test_theory_numbers_are_draw_numbers_in_module_scope(engine: Engine) -> None:
    env = module_env(engine, n=3, modules=MODULES[:2])
    sv = env.sv
    numbers = sv.theory_numbers(CONSOLE)
    assert numbers.kind == "draw" and numbers.numbers == ("1", "2", "3")
    with pytest.raises(PermissionDenied):
        sv.theory_numbers(sv.login("J1", env.pins["J1"]))  # judges never get the list
    draw_no = draw_numbers(engine)
    name = sorted(draw_no)[1]
    typed = f"{draw_no[name]:03d}"  # "002" as a paper may give it: the plain number is meant
    assert sv.import_theory_scores(CONSOLE, {typed: (Decimal("81.5"), {})}, key="draw") == 1
    assert theory_by_name(engine) == {name: Decimal("81.5")}
    with pytest.raises(NotFound, match="抽签号"):
        sv.import_theory_scores(CONSOLE, {"9": (Decimal("80"), {})}, key="draw")
    with pytest.raises(ContestError, match="两次"):
        sv.import_theory_scores(CONSOLE, {"1": (Decimal("80"), {}), "01": (Decimal("70"), {})}, key="draw")
    with pytest.raises(ContestError):
        sv.import_theory_scores(CONSOLE, {"1": (Decimal("80"), {})}, key="seat")
    assert theory_by_name(engine) == {name: Decimal("81.5")}
    assert sv.verify().ok


def test_theory_numbers_stay_stations_in_contest_scope(engine: Engine) -> None:
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    assert sv.theory_numbers(CONSOLE) == TheoryNumbers("station", tuple(sorted(env.stations)))
    with pytest.raises(ContestError, match="赛位号"):
        sv.import_theory_scores(CONSOLE, {"1": (Decimal("80"), {})}, key="draw")


def test_contest_scope_appeal_without_module_and_theory_by_station(engine: Engine) -> None:
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    sup = sv.login("S1", env.pins["S1"])
    st = env.stations[1]
    aid = sv.lodge_appeal(sup, st, None, "对总分有异议")
    assert [(a.id, a.station, a.module_code) for a in sv.appeals()] == [(aid, st, None)]
    assert sv.theory_stations(CONSOLE) == sorted(env.stations)
    with pytest.raises(PermissionDenied):
        sv.theory_stations(sv.login("J1", env.pins["J1"]))  # judges never get a contest-wide list
    assert sv.import_theory_scores(CONSOLE, {st: (Decimal("70"), {})}) == 1
    with pytest.raises(NotFound):
        sv.lodge_appeal(sup, "999", None, "不存在的赛位")


# -- the migration ------------------------------------------------------------------------------------------------
def _columns(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in sa_inspect(conn).get_columns(table)}


def _alembic(engine: Engine, action: str, revision: str) -> None:
    """``alembic stamp`` or ``downgrade`` on the engine (the fixture's schema was made from the models)."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def test_upgrade_from_0002_backfills_every_module_and_the_chain_replays_it(engine: Engine) -> None:
    """A contest-scope contest as revision 0002 stored it (one station on the contestant row) is upgraded: every
    module gets that station, the rows are in the audit chain, marks stay reachable by the same stations."""
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    _alembic(engine, "stamp", "head")
    j1 = sv.login("J1", env.pins["J1"])
    fill_sheet(sv, j1, "B", env.stations[2])
    before = station_table(engine)
    _alembic(engine, "downgrade", "0002")
    assert "station" in _columns(engine, "contestant")
    assert "module_station" not in sa_inspect(engine).get_table_names()
    with engine.connect() as conn:
        restored = dict(conn.execute(text("SELECT id_number, station FROM contestant")).all())
    assert restored == {k: v["A"] for k, v in before.items()}

    upgrade(engine)
    assert "station" not in _columns(engine, "contestant")
    assert station_table(engine) == before
    with Session(engine) as s:  # 0003's event (0010's, after it, stores the submitted sheet's result)
        last = s.exec(
            select(EventRow)
            .where(EventRow.payload.contains('"table":"module_station"'))  # type: ignore[attr-defined]
            .order_by(EventRow.seq.desc())  # type: ignore[attr-defined]
        ).first()
    assert last is not None and last.kind == "migration" and last.actor == "migration"
    assert last.payload.count('"table":"module_station"') == 3 * 2  # 3 contestants × modules A and B
    again = Services(engine, sv.contest_id, hasher=CHEAP_HASHER)
    assert again.open_sheet(again.login("J1", env.pins["J1"]), "B", env.stations[2]).state == "submitted"
    report = again.verify()
    assert report.ok, report.problems
    # the backfilled rows are guarded like any other: a station changed by hand is found
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE module_station SET station = 'X' WHERE station = :s"), {"s": env.stations[0]}
        )
    problems = again.verify().problems
    assert len([p for p in problems if p.startswith("table module_station")]) == 2, problems


# -- the command line ---------------------------------------------------------------------------------------------
def test_cli_draw_and_standings_in_module_scope(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from contest import cli

    build_env(engine, module_config(MODULES[:2]), n=3, draw=False)
    _alembic(engine, "stamp", "head")
    url = engine.info_url  # type: ignore[attr-defined]
    runner = CliRunner()
    res = runner.invoke(
        cli.app, ["--db", url, "draw", "--judge", "E1", "--seed", SEED], env={"CONTEST_PIN": "2001"}
    )
    assert res.exit_code == 0, res.output
    assert "各模块分别抽赛位号" in res.output and SEED in res.output
    monkeypatch.setattr(cli.console, "_width", 200)  # one table row per line
    res = runner.invoke(cli.app, ["--db", url, "standings"])
    assert res.exit_code == 0, res.output
    for t in station_table(engine).values():
        assert f"A {t['A']} · B {t['B']}" in res.output


def _cli(engine: Engine, monkeypatch: pytest.MonkeyPatch, *args: str):
    from contest import cli

    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 200)  # one table row per line
    env = {"CONTEST_AS": "O1", "CONTEST_PIN": "2004"}  # the organiser of build_env, proven by PIN
    return CliRunner().invoke(cli.app, ["--db", engine.info_url, *args], env=env)  # type: ignore[attr-defined]


def test_cli_answers_by_draw_number_in_module_scope(
    engine: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three contestants; the paper of the second by name (draw number typed zero-padded) is all right → 100,
    the first's has q1–10 right and the rest blank → 5 (all 职业道德), the third hands in no paper."""
    from tests.io.test_cli_import import key_file, key_rows, xlsx

    env = module_env(engine, n=3, modules=MODULES[:2])
    _alembic(engine, "stamp", "head")
    bp = env.sv.config().theory
    assert bp is not None
    key = key_file(tmp_path, bp)
    rows = key_rows(bp)
    right = [a for _n, _t, a, _s, _u in rows]
    some = [a if n <= 10 else None for n, _t, a, _s, _u in rows]
    draw_no = draw_numbers(engine)
    first, second, third = sorted(draw_no)
    sheet = [
        ["姓名", "抽签号", *range(1, 176)],
        ["（不导入）", f"{draw_no[second]:03d}", *right],
        ["", draw_no[first], *some],
    ]
    res = _cli(
        engine, monkeypatch, "import", "answers", str(xlsx(tmp_path / "答卷.xlsx", sheet)), "--key", str(key)
    )
    assert res.exit_code == 0, res.output
    assert theory_by_name(engine) == {second: Decimal(100), first: Decimal(5)}
    # the marks are listed by 抽签号: q1–10 right (5 points), 165 questions blank
    assert re.search(rf"│ {draw_no[first]}\s*│[^\n]*│\s*5\.00\s*│\s*165\s*│", res.output)
    assert "抽签号" in res.output and "理论成绩已保存：2 人" in res.output
    assert f"这些抽签号没有答卷，理论成绩暂缺：{draw_no[third]}" in res.output
    with Session(engine) as s:
        by_id = {c.id: c for c in s.exec(select(ContestantRow)).all()}
        stored = {
            by_id[r.contestant_id].draw_no: from_cents(r.total_cents) for r in s.exec(select(TheoryRow))
        }
    assert stored == {draw_no[second]: Decimal(100), draw_no[first]: Decimal(5)}
    # the long layout by 抽签号 replaces the paper it names
    long = [["抽签号", "题号", "答案"]] + [[draw_no[first], n, a] for n, a in enumerate(right, start=1)]
    res = _cli(
        engine, monkeypatch, "import", "answers", str(xlsx(tmp_path / "长.xlsx", long)), "--key", str(key)
    )
    assert res.exit_code == 0, res.output
    assert theory_by_name(engine) == {second: Decimal(100), first: Decimal(100)}
    assert env.sv.verify().ok


def test_cli_answers_with_stations_in_module_scope_are_refused(
    engine: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.io.test_cli_import import key_file, key_rows, xlsx

    env = module_env(engine, n=3, modules=MODULES[:2])
    _alembic(engine, "stamp", "head")
    bp = env.sv.config().theory
    assert bp is not None
    key = key_file(tmp_path, bp)
    right = [a for _n, _t, a, _s, _u in key_rows(bp)]
    stations = xlsx(tmp_path / "答卷.xlsx", [["姓名", "赛位号", *range(1, 176)], ["甲", "001", *right]])
    res = _cli(engine, monkeypatch, "import", "answers", str(stations), "--key", str(key))
    assert res.exit_code == 1
    assert re.findall(r"│ Sheet1\s*│ (\d+)\s*│ ([A-Z]+)\s*│", res.output) == [("1", "B")]
    assert "按模块抽签" in res.output and "抽签号" in res.output
    assert (tmp_path / "答卷.问题标注.xlsx").is_file()
    # draw numbers that are not the contest's, and one number spelt twice, are located like stations
    unknown = xlsx(
        tmp_path / "答卷2.xlsx", [["抽签号", *range(1, 176)], ["9", *right], [1, *right], ["01", *right]]
    )
    res = _cli(engine, monkeypatch, "import", "answers", str(unknown), "--key", str(key))
    assert res.exit_code == 1
    assert re.findall(r"│ Sheet1\s*│ (\d+)\s*│ ([A-Z]+)\s*│", res.output) == [
        ("2", "A"),
        ("3", "A"),
        ("4", "A"),
    ]
    assert "抽签号“9”不是本竞赛的抽签号（本竞赛的抽签号为 1、2、3）" in res.output
    assert "同一个抽签号 1" in res.output
    assert theory_by_name(engine) == {}


def test_cli_theory_scores_and_templates_by_draw_number_in_module_scope(
    engine: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from tests.io.test_cli_import import xlsx

    module_env(engine, n=3, modules=MODULES[:2])
    _alembic(engine, "stamp", "head")
    draw_no = draw_numbers(engine)
    first, second, third = sorted(draw_no)
    rows = [
        ["抽签号", "理论成绩"],
        [draw_no[first], 90.25],
        [f"{draw_no[second]:02d}", "缺考"],
        [draw_no[third], 61],
    ]
    res = _cli(engine, monkeypatch, "import", "theory-scores", str(xlsx(tmp_path / "成绩.xlsx", rows)))
    assert res.exit_code == 0, res.output
    assert "按抽签号匹配" in res.output
    assert theory_by_name(engine) == {first: Decimal("90.25"), second: Decimal(0), third: Decimal(61)}
    stations = [["赛位号", "理论成绩"], ["001", 80]]
    res = _cli(engine, monkeypatch, "import", "theory-scores", str(xlsx(tmp_path / "赛位.xlsx", stations)))
    assert res.exit_code == 1
    assert re.findall(r"│ Sheet1\s*│ (\d+)\s*│ ([A-Z]+)\s*│", res.output) == [("1", "A")]
    assert "抽签号" in res.output
    with Session(engine) as s:
        idn = s.exec(select(ContestantRow.id_number).where(ContestantRow.name == first)).one()
    mixed = [["抽签号", "身份证号", "理论成绩"], [1, None, 80], [None, idn, 70]]
    res = _cli(engine, monkeypatch, "import", "theory-scores", str(xlsx(tmp_path / "混.xlsx", mixed)))
    assert res.exit_code == 1 and "每行都填抽签号" in res.output
    assert theory_by_name(engine)[first] == Decimal("90.25")
    # the templates carry the 抽签号 column for this contest
    for kind, cell in (("answer-sheets", "A1"), ("theory-scores", "B1")):
        out = tmp_path / f"{kind}.xlsx"
        res = _cli(engine, monkeypatch, "template", kind, str(out))
        assert res.exit_code == 0, res.output
        wb = openpyxl.load_workbook(out)
        assert wb.worksheets[0][cell].value == "抽签号"
        assert any("抽签号" in str(r[0]) for r in wb["填写说明"].iter_rows(values_only=True))


def test_the_sealed_draw_sheet_is_the_encryption_judges_alone(engine: Engine, tmp_path) -> None:
    from pypdf import PdfReader

    from contest.outputs import write_draw_sheet

    env = module_env(engine, n=4)
    sv = env.sv
    table = by_name(engine)
    enc = sv.login("E1", env.pins["E1"])
    for code in ("C1", "S1", "J1"):
        with pytest.raises(PermissionDenied):
            sv.draw_sheet(sv.login(code, env.pins[code]))
    with pytest.raises(PermissionDenied):
        sv.draw_sheet(CONSOLE)
    data = sv.draw_sheet(enc)
    assert [r.draw_no for r in data.rows] == [1, 2, 3, 4]
    assert data.module_codes == tuple(c for c in ("A", "B", "C")[: len(data.module_codes)])
    for r in data.rows:
        assert r.stations == tuple(table[r.name][c] for c in data.module_codes)
        assert "*" in r.id_masked
    pdf = write_draw_sheet(sv, enc, tmp_path / "draw.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    flat = re.sub(r"\s+", "", text)
    assert "加密对照表" in flat and "加密裁判" in flat and "按模块" in flat
    for name, t in table.items():
        assert name in flat and all(st in flat for st in t.values())
    with Session(engine) as s:
        printed = s.exec(select(EventRow).where(EventRow.kind == "print")).all()
    assert any("加密对照表" in e.payload and e.actor == "E1" for e in printed)
    assert sv.verify().ok
