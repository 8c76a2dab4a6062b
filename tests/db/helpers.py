"""Builders shared by the store and service tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from scoresheets import ItemEntry
from tests.pins import CHEAP_HASHER

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def valid_id(birth: date, seq: int, male: bool, region: str = "440703") -> str:
    """A syntactically valid (made-up) 身份证号."""
    body = f"{region}{birth:%Y%m%d}{seq % 100:02d}{(seq % 4) * 2 + (1 if male else 0)}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W, strict=True)) % 11]


@dataclass
class Env:
    sv: Services
    pins: dict[str, str]
    stations: list[str]


def build_env(engine: Engine, config: str, n: int = 4, judges: int = 3, draw: bool = True) -> Env:
    """A contest with ``n`` contestants, ``judges`` marking judges on every module, officials, and a draw; its
    services hash PINs cheaply (:data:`tests.pins.CHEAP_HASHER`)."""
    cid = Services.create_contest(engine, config, hasher=CHEAP_HASHER)
    sv = Services(engine, cid, hasher=CHEAP_HASHER)
    codes = [m.code for m in sv.info().modules]
    people = [
        ContestantIn(
            f"选手{i:02d}",
            "男" if i % 2 else "女",
            valid_id(date(1980, 1, 1 + i), i, bool(i % 2)),
            f"单位{i % 3}",
            "13800138000",
            "养老护理员",
        )
        for i in range(n)
    ]
    sv.import_contestants(CONSOLE, people)
    js = [
        JudgeIn(f"J{k + 1}", f"裁判{k + 1}", "外单位", ("marking",), tuple(codes), pin=f"{1000 + k}")
        for k in range(judges)
    ]
    js += [
        JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
        JudgeIn("C1", "裁判长", "", ("chief",), pin="2002"),
        JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        JudgeIn("O1", "组织", "", ("organiser",), pin="2004"),
    ]
    sv.import_judges(CONSOLE, js)
    pins = {j.code: j.pin or "" for j in js}
    stations: list[str] = []
    if draw:
        sv.draw(sv.login("E1", pins["E1"]), "fixed-seed")
        stations = [s.station for s in sv.stations(sv.login("J1", pins["J1"]), codes[0])]
    return Env(sv, pins, stations)


def fill_sheet(
    sv: Services, judge, module: str, station: str, level: int = 3, seconds: int = 1000, submit: bool = True
) -> None:
    """Enter every item (no deductions, ``level`` on judgement items) and submit."""
    rubric = sv.config().module(module).rubric
    v = sv.open_sheet(judge, module, station)
    for it in rubric.items:
        e = ItemEntry(it.id, level=level) if it.kind == "judgement" else ItemEntry(it.id)
        v = sv.save_mark(judge, module, station, e, v.version)
    v = sv.set_sheet_info(judge, module, station, seconds_used=seconds, expected_version=v.version)
    if submit:
        sv.submit_sheet(judge, module, station, v.version)
