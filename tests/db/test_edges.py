"""Issue 14, robust at the edges, on both databases: user text with markup through the command line, missing and
deleted databases, backups, parallel ``contest init``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from contest.errors import ContestError
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.store.migrate import alembic_config
from tests.db.conftest import small_config
from tests.db.helpers import fill_sheet, valid_id

MARKUP = ["[/]", "[/b]", "[bold red]x[/bold red", "[link=file:///etc/passwd]单位[/link]", "<b>&amp;</b>"]


def _stamp(engine: Engine) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")


def _cli(engine: Engine, monkeypatch: pytest.MonkeyPatch, *args: str, env: dict[str, str] | None = None):
    from contest import cli

    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 400)  # one table row per line
    return CliRunner().invoke(cli.app, ["--db", engine.info_url, *args], env=env)  # type: ignore[attr-defined]


def hostile_contest(engine: Engine, units: list[str], *, decrypt: bool = True) -> Services:
    """One module, one marking judge, a contestant per unit in ``units``; marked, signed off and decrypted."""
    cid = Services.create_contest(engine, small_config(panel=1, modules=("basic_care",)))
    sv = Services(engine, cid)
    people = [
        ContestantIn(
            f"选手{i}{u[:3]}", "男", valid_id(date(1980, 1, 1 + i), i, True), u, "13800138000", "养老护理员"
        )
        for i, u in enumerate(units)
    ]
    sv.import_contestants(CONSOLE, people)
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("J1", "裁判[/]", "[/b]外单位", ("marking",), ("A",), pin="1000"),
            JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
            JudgeIn("C1", "裁判长", "", ("chief",), pin="2002"),
            JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        ],
    )
    sv.draw(sv.login("E1", "2001"), "fixed-seed")
    j = sv.login("J1", "1000")
    stations = [s.station for s in sv.stations(j, "A")]
    for st in stations:
        fill_sheet(sv, j, "A", st)
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80), {}) for st in stations})
    sup = sv.login("S1", "2003")
    for m in MARKUP:
        sv.lodge_appeal(sup, stations[0], "A", f"申诉{m}")
    if decrypt:
        sv.sign_off(sv.login("C1", "2002"), "A")
        sv.decrypt("C1", "2002", "S1", "2003")
    _stamp(engine)
    return sv


def test_markup_in_user_text_is_shown_as_typed_by_the_command_line(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_contest(engine, MARKUP)
    res = _cli(engine, monkeypatch, "appeals")
    assert res.exit_code == 0, res.output
    for m in MARKUP:
        assert f"申诉{m}" in res.output
    res = _cli(engine, monkeypatch, "judges", "list")
    assert res.exit_code == 0, res.output
    assert "[/b]外单位" in res.output and "裁判[/]" in res.output
    res = _cli(engine, monkeypatch, "standings")
    assert res.exit_code == 0, res.output
    for m in MARKUP:
        assert m in res.output


# -- case 4: look-alike digits ------------------------------------------------------------------------------------
def _spell(text: str, base: int) -> str:
    return "".join(chr(base + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def test_stations_typed_in_look_alike_digits_find_the_contestant(engine: Engine) -> None:
    sv = hostile_contest(engine, ["单位甲", "单位乙"], decrypt=False)
    j = sv.login("J1", "1000")
    station = sv.stations(j, "A")[0].station
    for base in (0x0660, 0xFF10, 0x0966):
        typed = f" {_spell(station, base)} "
        assert sv.open_sheet(j, "A", typed).state == "submitted"
        sv.lodge_appeal(sv.login("S1", "2003"), typed, "A", "复核")
    assert {a.station for a in sv.appeals()} == {station}


def test_an_id_in_arabic_indic_digits_is_the_same_contestant(engine: Engine) -> None:
    cid = Services.create_contest(engine, small_config(panel=1, modules=("basic_care",)))
    sv = Services(engine, cid)
    number = valid_id(date(1980, 1, 4), 7, False)
    people = [
        ContestantIn("张三", "女", number, "甲", "13800138000", "养老护理员"),
        ContestantIn("张三", "女", _spell(number, 0x0660), "甲", _spell("13800138000", 0x0660), "养老护理员"),
    ]
    with pytest.raises(ContestError, match="重复"):
        sv.import_contestants(CONSOLE, people)
