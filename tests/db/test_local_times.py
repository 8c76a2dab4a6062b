"""Times are shown in the contest's time zone (``[contest] timezone``, default Asia/Shanghai), not UTC: the
organiser's event list and the stale-write message (issue 12 case 10); on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from contest.config import parse_config
from contest.errors import ConfigInvalid, StaleWrite
from contest.services import Services
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env
from tests.pins import CHEAP_HASHER

AT = datetime(2026, 5, 20, 1, 2, 3, tzinfo=UTC)
"""09:02:03 in Shanghai, 02:02:03 in London (summer time)."""


def run_at(engine: Engine, config: str) -> tuple[Services, str, object]:
    env = build_env(engine, config, n=1, judges=1)
    sv = Services(engine, env.sv.contest_id, clock=lambda: AT, hasher=CHEAP_HASHER)
    return sv, env.stations[0], sv.login("J1", env.pins["J1"])


@pytest.mark.parametrize(
    ("zone_line", "shown"), [("", "09:02:03"), ('timezone = "Europe/London"\n', "02:02:03")]
)
def test_events_and_stale_write_use_the_contest_zone(engine: Engine, zone_line: str, shown: str) -> None:
    config = small_config().replace('venue = "测试场地"\n', f'venue = "测试场地"\n{zone_line}')
    sv, station, judge = run_at(engine, config)
    sv.save_mark(judge, "A", station, ItemEntry("A1"))
    seq, when, actor, kind, _ = sv.events(1)[0]
    assert (actor, kind) == ("J1", "mark")
    assert when == f"2026-05-20 {shown}"  # was "2026-05-20 01:02:03+00:00"
    with pytest.raises(StaleWrite) as caught:
        sv.save_mark(judge, "A", station, ItemEntry("A2"), expected_version=0)
    assert f"于 {shown} 修改" in str(caught.value)


def test_unknown_zone_is_a_located_problem() -> None:
    config = small_config().replace(
        'venue = "测试场地"\n', 'venue = "测试场地"\ntimezone = "Asia/Shanghia"\n'
    )
    with pytest.raises(ConfigInvalid) as caught:
        parse_config(config)
    assert any("contest.timezone" in p and "Asia/Shanghia" in p for p in caught.value.problems)
    assert parse_config(small_config()).timezone == "Asia/Shanghai"


def test_printed_documents_say_local_time(engine: Engine) -> None:
    """The 打印时间 on every printed document (it was UTC: 01:02 for a print at 09:02 in Shanghai)."""
    from contest.printing.text import timestamp

    sv, _, _ = run_at(engine, small_config())
    chief = sv.login("C1", "2002")
    assert timestamp(sv.blank_sheets(chief, "A").header.printed_at) == "2026-05-20 09:02"


def test_appeals_list_local_time(engine: Engine) -> None:
    sv, station, _ = run_at(engine, small_config())
    supervisor = sv.login("S1", "2003")
    sv.lodge_appeal(supervisor, station, "A", "对A3评分有异议")
    (appeal,) = sv.appeals()
    assert "2026-05-20 09:02" in repr(appeal) and "+00:00" not in repr(appeal)


def test_stale_write_on_a_sheet_never_timed(engine: Engine) -> None:
    """A sheet with no ``updated_at`` (stored before it was recorded) is still refused as stale, with no time shown;
    it raised AttributeError from the message's time formatting before (found by strict mypy, issue 18)."""
    from sqlmodel import Session, select

    from contest.store.tables import SheetRow

    sv, station, judge = run_at(engine, small_config())
    sv.save_mark(judge, "A", station, ItemEntry("A1"))
    with Session(engine) as s:
        sh = s.exec(select(SheetRow)).one()
        sh.updated_at = None
        s.add(sh)
        s.commit()
    with pytest.raises(StaleWrite) as caught:
        sv.save_mark(judge, "A", station, ItemEntry("A2"), expected_version=0)
    assert "于 — 修改" in str(caught.value)
