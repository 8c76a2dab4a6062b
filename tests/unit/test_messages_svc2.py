"""The proceedings services (encryption, arbitration, calibration, appeals, documents, rubric changes, vetoes,
feedback) raise catalogue messages: no hand-written text in a raise, and each error reads in one language — the
English with no Chinese, the Chinese exactly the catalogue's Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from contest.errors import ContestError
from contest.i18n import Msg, catalogue, describe, tr
from contest.services.core import Correction
from contest.services.encryption import LotProblem
from contest.services.rubric_change import RubricInvalidForContest
from contest.services.veto_decisions import veto_notes
from contest.services.wording import joined
from contest.store.engine import create_schema
from scoresheets.errors import EntryRefused
from tests.db.conftest import make_test_engine, small_config
from tests.db.helpers import Env, build_env
from tests.unit.test_messages import CONTEST, _plain_text_raises

MODULES = (
    "services/encryption.py",
    "services/arbitration.py",
    "services/calibration.py",
    "services/appeals.py",
    "services/documents.py",
    "services/rubric_change.py",
    "services/veto.py",
    "services/feedback.py",
    "services/appeal_documents.py",
    "services/calibration_sheets.py",
    "services/veto_decisions.py",
    "services/standing_remarks.py",
    "services/certificates.py",
    "services/group_figures.py",
    "services/wording.py",
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("module", MODULES)
def test_no_plain_text_raise(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def test_keys_built_from_a_stage_number_exist() -> None:
    for stage in (1, 2):
        for key in (f"encryption.stage{stage}_held_by", f"encryption.stage{stage}_not_done"):
            assert key in catalogue()
        assert f"encryption.stage{stage}_sheet_held_by" in catalogue()


def test_a_list_is_joined_in_each_language() -> None:
    both = joined(
        [Msg("documents.gate.not_signed_off", modules="A"), Msg("documents.gate.not_decrypted")], "comma"
    )
    assert isinstance(both, Msg)
    assert both.text("zh") == "模块 A 未签核，尚未解密"
    assert both.text("en") == "module(s) A not signed off, not decrypted yet"
    assert joined([]) == ""
    assert joined(["x"]) == "x"


def test_a_lot_problem_carries_its_message() -> None:
    p = LotProblem("抽签", 5, "draw_no", "9", Msg("encryption.lot_out_of_range", number=9, n=4))
    assert p.text("en") == "row 5: lot 9 is out of range 1–4"
    assert p.text("zh") == "第 5 行：抽签号 9 超出范围 1–4"
    assert str(p) == "第 5 行：抽签号 9 超出范围 1–4 / lot 9 is out of range 1–4"


def test_a_rubric_refusal_lists_every_problem_in_both_languages() -> None:
    err = RubricInvalidForContest(["A9: max_points must be positive"])  # type: ignore[list-item]
    assert "A9: max_points" in describe(err, "en") and "A9: max_points" in describe(err, "zh")
    assert not CJK.search(describe(err, "en"))
    assert err.problems == ["A9: max_points must be positive"]


# -- errors provoked through the services, on SQLite ----------------------------------------------------------


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    eng, _url, _ = make_test_engine("sqlite", tmp_path)
    create_schema(eng)
    yield eng
    eng.dispose()


def _caught(call: Callable[[], object]) -> BaseException:
    with pytest.raises((ContestError, EntryRefused)) as info:
        call()
    return info.value


def _check(err: BaseException) -> str:
    """The error reads in English without Chinese, in Chinese as its catalogue's Chinese; returns its key."""
    msg = getattr(err, "msg", None)
    assert isinstance(msg, Msg), f"{type(err).__name__} carries no Msg: {err}"
    en, zh = describe(err, "en"), describe(err, "zh")
    assert not CJK.search(en), en
    assert zh == msg.text("zh") and CJK.search(zh)
    assert en == msg.text("en")
    return msg.key


def test_service_errors_read_in_one_language(sqlite_engine: Engine) -> None:
    env: Env = build_env(sqlite_engine, small_config(modules=("basic_care",)), n=2)
    sv = env.sv
    e1 = sv.login("E1", env.pins["E1"])
    chief = sv.login("C1", env.pins["C1"])
    sup = sv.login("S1", env.pins["S1"])
    org = sv.login("O1", env.pins["O1"])
    j1 = sv.login("J1", env.pins["J1"])
    station = env.stations[0]
    calls: list[Callable[[], object]] = [
        lambda: sv.draw(e1, "again"),  # already drawn
        lambda: sv.draw(e1, "again", stage=2),  # one stage: no stage
        lambda: sv.draw_sheet(e1, 1),  # one stage: one sheet
        lambda: sv.set_lot(org, "选手00", 1),  # lots drawn by the computer
        lambda: sv.add_calibration(chief, "A", "标" * 500),  # title too long
        lambda: sv.set_calibration_info(j1, "A", "K1", seconds_used=-5),  # time out of range (EntryRefused)
        lambda: sv.set_calibration_info(j1, "A", "K1", veto="NO-SUCH"),  # unknown veto (EntryRefused)
        lambda: sv.lodge_appeal(sup, station, "A", "  "),  # empty appeal
        lambda: sv.rule_appeal(chief, 999, "维持"),  # no such appeal
        lambda: sv.escalate_appeal(sup, 999, ""),  # empty escalation reason
        lambda: sv.lodge_objection(sup, station, "A", "异议", ""),  # objector unnamed
        lambda: sv.publish(org),  # not every module signed off
        lambda: sv.result_sheet(chief),  # print gate: not signed off, not decrypted
        lambda: sv.unit_feedback(org),  # feedback before decryption
        lambda: sv.confirm_veto(chief, "A", station, "说明"),  # vetoes decided by the panel
        lambda: sv.preview_rubric_change(chief, "A"),  # nothing to change
        lambda: sv.amend_rubric(chief, "A", Correction(chief, chief, "理由"), edits=["A1=5"]),  # needs two
    ]
    keys = [_check(_caught(call)) for call in calls]
    assert len(set(keys)) == len(keys) >= 8, keys
    assert "documents.gate.not_final" in keys and "rubric_change.needs_two" in keys


def test_the_refusal_audit_reason_is_unchanged(sqlite_engine: Engine) -> None:
    env: Env = build_env(sqlite_engine, small_config(modules=("basic_care",)), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    err = _caught(lambda: sv.amend_rubric(chief, "A", Correction(chief, chief, "理由"), edits=["A1=5"]))
    assert str(err) == (
        "评分细则更正须由裁判长和监督两人共同决定并填写理由 / a rubric correction needs the chief judge, the "
        "supervisor and a reason"
    )
    assert _check(err) == "rubric_change.needs_two"


def test_veto_notes_in_the_sheets_language() -> None:
    class Panel:
        veto_votes = frozenset({("J1", "V1")})
        veto_pending = True
        veto = None

    assert veto_notes(Panel(), None, None, "en") == (tr("en", "veto.note.pending"),)  # type: ignore[arg-type]
    assert veto_notes(Panel(), None, None) == ("否决建议待裁判长确认，本表模块得分未计否决",)  # type: ignore[arg-type]


def test_feedback_rules_in_the_documents_language() -> None:
    from contest.services.feedback import feedback_rules

    assert not any(CJK.search(rule) for rule in feedback_rules(3, "en"))
    assert feedback_rules(3)[0].startswith("小单位规则：本单位统计人数少于 3 人时不单独统计")
    assert feedback_rules(3)[3] == "优势与不足：本单位得分率高于（低于）全场最多的三项。"
