"""Two encryption stages by two encryption judges (``[draw] stages = 2``), lots drawn at 检录 and keyed in or
imported (``[draw] lots = "drawn"``), each stage's sealed sheet for its holder only, no seed on any public
document, and the key holders at decryption — on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.config import parse_config
from contest.errors import ConfigInvalid, ImportRefused, InvalidState, PermissionDenied
from contest.intake.lots import import_lots
from contest.printing import render_draw_sheet
from contest.services import CONSOLE, JudgeIn, LotIn
from contest.store.tables import ContestantRow, EventRow, ModuleStationRow
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env

SEED1, SEED2 = "SEEDONE-7f3a9c", "SEEDTWO-1b2d4e"


def two_stage(lots: str = "computer", extra: str = "") -> str:
    return small_config() + f'\n[draw]\nstages = 2\nlots = "{lots}"\n{extra}'


def env2(engine: Engine, lots: str = "computer", extra: str = "", n: int = 4) -> Env:
    env = build_env(engine, two_stage(lots, extra), n=n, draw=False)
    env.sv.import_judges(CONSOLE, [JudgeIn("E2", "加密二", "", ("encryption",), pin="2005")])
    env.pins["E2"] = "2005"
    return env


def kinds(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as s:
        return [(e.kind, e.actor) for e in s.exec(select(EventRow).order_by(EventRow.seq)).all()]  # type: ignore[arg-type]


def pdf_text(data: object) -> str:
    pdf = render_draw_sheet(data)  # type: ignore[arg-type]
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


# -- configuration ------------------------------------------------------------------------------------------------
def test_config_defaults_keep_one_draw_and_two_stages_are_checked() -> None:
    cfg = parse_config(small_config())
    assert (cfg.draw_stages, cfg.draw_lots, cfg.draw_holders, cfg.decrypt_keys) == (
        1,
        "computer",
        ("", ""),
        False,
    )
    cfg = parse_config(two_stage("drawn", 'stage1_holder = "E1"\nstage2_holder = "E2"\n'))
    assert (cfg.draw_stages, cfg.draw_lots, cfg.draw_holders, cfg.decrypt_keys) == (
        2,
        "drawn",
        ("E1", "E2"),
        True,
    )
    assert parse_config(two_stage(extra="decrypt_with_keys = false\n")).decrypt_keys is False
    with pytest.raises(ConfigInvalid) as exc:
        parse_config(small_config() + '\n[draw]\nstages = 3\nlots = "hat"\nstage1_holder = "E1"\n')
    text = "\n".join(exc.value.problems)
    assert "draw.stages" in text and "draw.lots" in text and "draw.stage1_holder" in text
    with pytest.raises(ConfigInvalid, match="draw.stage2_holder"):
        parse_config(two_stage(extra='stage1_holder = "E1"\nstage2_holder = "E1"\n'))


# -- the default: one draw --------------------------------------------------------------------------------------
def test_one_stage_draw_unchanged_and_refuses_stages(engine: Engine) -> None:
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    e1 = sv.login("E1", env.pins["E1"])
    with Session(engine) as s:
        assert sorted(c.draw_no or 0 for c in s.exec(select(ContestantRow)).all()) == [1, 2, 3, 4]
        assert len(s.exec(select(ModuleStationRow)).all()) == 8
    assert ("draw", "E1") in kinds(engine)
    with pytest.raises(InvalidState, match="只有一张"):
        sv.draw_sheet(e1, 1)
    with pytest.raises(InvalidState, match="stages = 1"):
        sv.draw(e1, "again", stage=2)
    data = sv.draw_sheet(e1)
    assert data.stage == 0 and data.rows[0].name and data.rows[0].stations
    with pytest.raises(InvalidState, match="computer"):
        sv.set_lot(sv.login("O1", env.pins["O1"]), "选手00", 1)


# -- two stages, two people ---------------------------------------------------------------------------------------
def test_two_stages_by_two_people_in_order_and_marking_waits(engine: Engine) -> None:
    env = env2(engine)
    sv = env.sv
    e1, e2 = sv.login("E1", env.pins["E1"]), sv.login("E2", env.pins["E2"])
    j1 = sv.login("J1", env.pins["J1"])
    with pytest.raises(InvalidState, match="--stage"):
        sv.draw(e1, SEED1)
    with pytest.raises(InvalidState, match="一次加密"):
        sv.draw(e2, SEED2, stage=2)
    assert sv.draw(e1, SEED1, stage=1) == SEED1
    with pytest.raises(InvalidState, match="已经封存"):
        sv.draw(e2, SEED2, stage=1)
    with pytest.raises(PermissionDenied, match="另一名"):
        sv.draw(e1, SEED2, stage=2)
    assert kinds(engine)[-1] == ("denied", "E1")
    with pytest.raises(InvalidState, match="二次加密"):
        sv.open_sheet(j1, "A", "001")
    assert sv.stations(j1, "A") == []
    assert sv.encryption().sealed1 and not sv.encryption().sealed2
    sv.draw(e2, SEED2, stage=2)
    st = sv.encryption()
    assert (st.stage1_by, st.stage2_by, st.sealed2) == ("E1", "E2", True)
    stations = [x.station for x in sv.stations(j1, "A")]
    assert len(stations) == 4
    assert sv.open_sheet(j1, "A", stations[0]).state in ("none", "draft")
    assert sv.verify().ok


def test_each_sheet_only_for_its_holder_and_only_its_mapping(engine: Engine) -> None:
    env = env2(engine)
    sv = env.sv
    e1, e2 = sv.login("E1", env.pins["E1"]), sv.login("E2", env.pins["E2"])
    sv.draw(e1, SEED1, stage=1)
    with pytest.raises(InvalidState, match="尚未完成"):
        sv.draw_sheet(e2, 2)
    sv.draw(e2, SEED2, stage=2)
    with pytest.raises(PermissionDenied, match="E1"):
        sv.draw_sheet(e2, 1)
    with pytest.raises(PermissionDenied, match="E2"):
        sv.draw_sheet(e1, 2)
    with pytest.raises(InvalidState, match="--stage"):
        sv.draw_sheet(e1)
    with pytest.raises(PermissionDenied):
        sv.draw_sheet(sv.login("O1", env.pins["O1"]), 1)
    one, two = pdf_text(sv.draw_sheet(e1, 1)), pdf_text(sv.draw_sheet(e2, 2))
    with Session(engine) as s:
        people = s.exec(select(ContestantRow)).all()
        stations = {r.station for r in s.exec(select(ModuleStationRow)).all()}
    assert "一次加密" in one and SEED1 in one and SEED2 not in one
    assert all(p.name in one and p.name not in two for p in people)
    assert all(p.id_number[-4:] in one for p in people)
    assert "二次加密" in two and SEED2 in two and SEED1 not in two
    assert "A 赛位号" in two and "A 赛位号" not in one
    assert all(st in two for st in stations)
    printed = [e for e in kinds(engine) if e[0] == "print"]
    assert printed == [("print", "E1"), ("print", "E2")]
    assert sv.verify().ok


def test_each_sheets_note_is_in_the_sheets_language(engine: Engine) -> None:
    """The draw sheets' notes (how the lots were drawn, the seed, the stations' scope) in English when printed in
    English, unchanged in Chinese; one-stage and two-stage contests alike."""
    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
    env = env2(engine)
    sv = env.sv
    e1, e2 = sv.login("E1", env.pins["E1"]), sv.login("E2", env.pins["E2"])
    sv.draw(e1, SEED1, stage=1)
    sv.draw(e2, SEED2, stage=2)
    one, two = sv.draw_sheet(e1, 1, "en").seed_note, sv.draw_sheet(e2, 2, "en").seed_note
    assert one == f"first encryption · draw seed {SEED1}"
    assert two.startswith(f"second encryption · draw seed {SEED2} · stations: ")
    assert not cjk.search(one + two)
    assert sv.draw_sheet(e1, 1).seed_note == f"一次加密 · 抽签种子 {SEED1}"


def test_the_one_stage_sheets_note_is_in_the_sheets_language(engine: Engine) -> None:
    env = build_env(engine, small_config(), n=4)
    e = env.sv.login("E1", env.pins["E1"])
    note = env.sv.draw_sheet(e, lang="en").seed_note
    assert note.startswith("draw seed ") and "second encryption: " in note
    assert not re.search(r"[\u3400-\u9fff]", note)
    assert env.sv.draw_sheet(e).seed_note.startswith("抽签种子 ")


def test_configured_holders_alone_may_seal(engine: Engine) -> None:
    env = env2(engine, extra='stage1_holder = "E2"\nstage2_holder = "E1"\n')
    sv = env.sv
    e1, e2 = sv.login("E1", env.pins["E1"]), sv.login("E2", env.pins["E2"])
    with pytest.raises(PermissionDenied, match="E2"):
        sv.draw(e1, SEED1, stage=1)
    sv.draw(e2, SEED1, stage=1)
    sv.draw(e1, SEED2, stage=2)
    assert (sv.encryption().stage1_by, sv.encryption().stage2_by) == ("E2", "E1")


# -- lots drawn at 检录 -------------------------------------------------------------------------------------------
def test_lots_keyed_in_with_refusals_then_sealed(engine: Engine) -> None:
    env = env2(engine, "drawn")
    sv = env.sv
    org, e1 = sv.login("O1", env.pins["O1"]), sv.login("E1", env.pins["E1"])
    with pytest.raises(PermissionDenied):
        sv.set_lot(sv.login("J1", env.pins["J1"]), "选手00", 1)
    sv.set_lot(org, "选手00", 3)
    with pytest.raises(InvalidState, match="重复"):
        sv.set_lot(org, "选手01", 3)
    with pytest.raises(InvalidState, match="超出范围"):
        sv.set_lot(org, "选手01", 5)
    with pytest.raises(InvalidState, match="没有这名选手"):
        sv.set_lot(org, "无名氏", 1)
    with pytest.raises(InvalidState, match="种子"):
        sv.draw(e1, "x", stage=1)
    with pytest.raises(InvalidState, match="还没有抽签号"):
        sv.draw(e1, stage=1)
    with Session(engine) as s:
        idn = {c.name: c.id_number for c in s.exec(select(ContestantRow)).all()}
    sv.set_lot(org, idn["选手01"], 1)  # by ID number
    sv.set_lot(org, "选手02", 4)
    sv.set_lot(org, "选手03", 2)
    sv.set_lot(org, "选手02", 4)  # keyed again: the same
    assert sv.draw(e1, stage=1) == ""
    with pytest.raises(InvalidState, match="已封存"):
        sv.set_lot(org, "选手03", 2)
    with Session(engine) as s:
        assert {c.name: c.draw_no for c in s.exec(select(ContestantRow)).all()} == {
            "选手00": 3,
            "选手01": 1,
            "选手02": 4,
            "选手03": 2,
        }
    assert "检录时抽取" in pdf_text(sv.draw_sheet(e1, 1))
    sv.draw(sv.login("E2", env.pins["E2"]), SEED2, stage=2)
    assert sv.verify().ok


def _workbook(path: Path, rows: list[tuple[object, object, object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "抽签"
    ws.append(["姓名", "身份证号", "抽签号"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_lots_imported_all_or_nothing_with_located_problems(engine: Engine, tmp_path: Path) -> None:
    env = env2(engine, "drawn")
    sv = env.sv
    org = sv.login("O1", env.pins["O1"])
    # the file's own problems: a repeated number, a number that is not one, a row naming nobody
    bad = import_lots(
        _workbook(
            tmp_path / "a.xlsx", [("选手00", "", 1), ("选手01", "", 1), ("选手02", "", "x"), ("", "", 4)]
        )
    )
    assert {(p.row, p.field) for p in bad.problems} == {
        (2, "draw_no"),
        (3, "draw_no"),
        (4, "draw_no"),
        (5, "name"),
    }
    # the contest's: unknown contestant, out of range, clash with a number keyed before
    sv.set_lot(org, "选手03", 2)
    read = import_lots(
        _workbook(
            tmp_path / "b.xlsx", [("选手00", "", 1), ("无名氏", "", 3), ("选手01", "", 9), ("选手02", "", 2)]
        )
    )
    assert not read.problems
    lots = [LotIn(r.number, r.name, r.id_number, r.source_row) for r in read.records]
    with pytest.raises(ImportRefused) as exc:
        sv.import_lots(org, lots, sheet=read.sheet)
    found = {(p.row, p.field) for p in exc.value.problems}  # type: ignore[attr-defined]
    assert found == {(3, "name"), (4, "draw_no"), (5, "draw_no")}, exc.value.problems
    with Session(engine) as s:  # nothing stored
        assert {c.name: c.draw_no for c in s.exec(select(ContestantRow)).all()}["选手00"] is None
    good = import_lots(
        _workbook(tmp_path / "c.xlsx", [("选手00", "", 1), ("选手01", "", 3), ("选手02", "", 4)])
    )
    n = sv.import_lots(org, [LotIn(r.number, r.name, r.id_number, r.source_row) for r in good.records])
    assert n == 3 and sv.encryption().keyed == 4
    sv.draw(sv.login("E1", env.pins["E1"]), stage=1)
    assert sv.verify().ok


# -- decryption and public documents --------------------------------------------------------------------------
def _marked(engine: Engine) -> Env:
    env = env2(engine, n=3)
    sv = env.sv
    sv.draw(sv.login("E1", env.pins["E1"]), SEED1, stage=1)
    sv.draw(sv.login("E2", env.pins["E2"]), SEED2, stage=2)
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for module in ("A", "B"):
        stations = [x.station for x in sv.stations(judges[0], module)]
        entries = [
            ItemEntry(i.id, level=2) if i.kind == "judgement" else ItemEntry(i.id)
            for i in sv.config().module(module).rubric.items
        ]
        for j in judges:
            for station in stations:
                sv.enter_sheet(j, module, station, entries, seconds_used=1000)
    a_stations = [x.station for x in sv.stations(judges[0], "A")]
    sv.import_theory_scores(CONSOLE, {st: (Decimal("80"), {}) for st in a_stations}, source="theory.xlsx")
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    env.stations = a_stations
    return env


def test_decryption_needs_both_key_holders_and_no_seed_reaches_a_public_document(engine: Engine) -> None:
    env = _marked(engine)
    sv, p = env.sv, env.pins
    with pytest.raises(PermissionDenied, match="E1、E2"):
        sv.decrypt("C1", p["C1"], "S1", p["S1"])
    with pytest.raises(PermissionDenied, match="E2"):
        sv.decrypt("C1", p["C1"], "S1", p["S1"], [("E1", p["E1"]), ("E2", "0000")])
    with pytest.raises(PermissionDenied, match="J1"):
        sv.decrypt("C1", p["C1"], "S1", p["S1"], [("E1", p["E1"]), ("E2", p["E2"]), ("J1", p["J1"])])
    assert not sv.info().decrypted
    sv.decrypt("C1", p["C1"], "S1", p["S1"], [("E1", p["E1"]), ("E2", p["E2"])])
    assert sv.info().decrypted
    assert ("decrypt_key", "E1") in kinds(engine) and ("decrypt_key", "E2") in kinds(engine)
    chief = sv.login("C1", p["C1"])
    public = [
        sv.result_sheet(chief),
        sv.score_sheets(chief),
        sv.certificates(chief, participation=True),
        sv.statistics(chief),
    ]
    public.append(sv.results_workbook(chief))
    text = repr(public)
    assert "选手00" in text  # names are there after decryption …
    for secret in (SEED1, SEED2, "种子", "seed"):
        assert secret not in text, secret  # … the seeds never
    assert sv.verify().ok


def test_decryption_without_keys_when_configured_off(engine: Engine) -> None:
    env = env2(engine, extra="decrypt_with_keys = false\n", n=2)
    sv = env.sv
    sv.draw(sv.login("E1", env.pins["E1"]), SEED1, stage=1)
    sv.draw(sv.login("E2", env.pins["E2"]), SEED2, stage=2)
    with pytest.raises(InvalidState, match="签核"):  # the keys are not asked for; sign-off still is
        sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
