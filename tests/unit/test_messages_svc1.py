"""The core services speak through the catalogue: no hand-written text in what they raise, and each refusal reads in
the reader's language (English with no Chinese in it; Chinese as the Chinese half of ``str(error)``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from contest.errors import ContestError, PermissionDenied
from contest.i18n import Msg, describe
from contest.services import CONSOLE, JudgeIn
from contest.services.core import listing, role_list
from contest.store.engine import create_schema, make_engine
from contest.store.tables import EventRow
from scoresheets import EntryRefused, ItemEntry
from tests.contest_toml import small_config
from tests.db.helpers import build_env
from tests.unit.test_messages import CONTEST, _plain_text_raises

MODULES = tuple(
    f"services/{name}.py"
    for name in (
        "chief",
        "clerk",
        "marking",
        "setup",
        "groups",
        "queries",
        "core",
        "checkin",
        "theory",
        "grouping",
        "views",
        "conflicts",
        "sheet_results",
        "panel_cache",
        "registry",
    )
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("module", MODULES)
def test_the_core_services_raise_messages_not_text(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def test_a_list_reads_in_each_language() -> None:
    names = listing(["A-01", "A-02", "A-03"])
    assert isinstance(names, Msg)
    assert names.text("zh") == "A-01、A-02、A-03"
    assert names.text("en") == "A-01, A-02, A-03"
    assert listing([]) == "" and listing(["A-01"]) == "A-01"
    roles = role_list(["chief", "supervisor"])
    assert isinstance(roles, Msg) and str(roles) == "裁判长、监督 / chief, supervisor"


def test_a_refusal_keeps_its_logged_reason(tmp_path: Path) -> None:
    """The reason in the audit chain is ``str(msg)``: the same "中文 / English" text as before the catalogue."""
    env = _env(tmp_path)
    j1 = env.sv.login("J1", env.pins["J1"])
    with pytest.raises(PermissionDenied):
        env.sv.sign_off(j1, "A")
    with Session(env.sv.engine) as s:
        ev = s.exec(
            select(EventRow).where(EventRow.kind == "denied").order_by(col(EventRow.seq).desc())
        ).first()
    assert ev is not None
    assert json.loads(ev.payload)["details"] == {
        "action": "签核模块",
        "why": "签核模块：需要裁判长权限 / requires role chief",
    }


def _env(tmp_path: Path):  # noqa: ANN202
    engine = make_engine(f"sqlite:///{tmp_path / 'contest.db'}")
    create_schema(engine)
    return build_env(engine, small_config(), n=4)


def test_service_errors_read_in_the_readers_language(tmp_path: Path) -> None:
    env = _env(tmp_path)
    sv = env.sv
    st = env.stations[0]
    j1 = sv.login("J1", env.pins["J1"])
    chief = sv.login("C1", env.pins["C1"])
    org = sv.login("O1", env.pins["O1"])
    calls: dict[str, Callable[[], object]] = {
        "core.wrong_code_or_pin": lambda: sv.login("J1", "0000"),
        "core.requires_role": lambda: sv.sign_off(j1, "A"),
        "chief.reason_required": lambda: sv.return_sheet(chief, "A", st, "J1", "  "),
        "chief.below_quorum": lambda: sv.sign_off(chief, "A"),
        "chief.decrypt_two_officials": lambda: sv.decrypt("C1", env.pins["C1"], "C1", env.pins["C1"]),
        "core.no_module": lambda: sv.open_sheet(j1, "Z", st),
        "queries.no_station": lambda: sv.open_sheet(j1, "A", "Z-99"),
        "marking.stale": lambda: sv.save_mark(j1, "A", st, ItemEntry("A1"), 99),
        "marking.veto_not_in_rubric_choices": lambda: sv.set_sheet_info(j1, "A", st, veto="V-none"),
        "setup.pin_digits": lambda: sv.set_pin(org, "J2", "12"),
        "setup.unknown_roles": lambda: sv.import_judges(CONSOLE, [JudgeIn("J9", "新裁判", "", ("king",))]),
        "checkin.unknown_state": lambda: sv.checkin(org, st, "A", "asleep"),
        "clerk.nothing_to_withdraw": lambda: sv.clerk_withdraw(CONSOLE, "A", st, "J1"),
        "groups.per_session": lambda: sv.plan_schedule(org, "A", 0),
        "theory.match_key": lambda: sv.import_theory_scores(org, {}, key="name"),
    }
    sv.save_mark(j1, "A", st, ItemEntry("A1"))  # a version to be stale against
    for key, call in calls.items():
        with pytest.raises((ContestError, EntryRefused)) as caught:
            call()
        err = caught.value
        msg = getattr(err, "msg", None)
        assert isinstance(msg, Msg) and msg.key == key, (key, err)
        en, zh = describe(err, "en"), describe(err, "zh")
        assert en and not CJK.search(en), (key, en)
        assert zh == msg.text("zh") and CJK.search(zh), (key, zh)
        if isinstance(err, ContestError):
            assert str(err) == f"{zh} / {en}"
