"""Issue 15 §4, on SQLite and PostgreSQL: the appeal deadline (at its boundary, with an injected clock), the
arbitration panel's role and its separation from marking and the chief judge, the state machine lodged → ruled →
escalated → final, objections during publication, the 申诉登记表 and 仲裁决定书 printed from a real contest, and the
audit chain after all of it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from contest.config import parse_config
from contest.errors import ConfigInvalid, ContestError, InvalidState, PermissionDenied
from contest.outputs import write_appeal_register, write_arbitration_decision
from contest.services import CONSOLE, JudgeIn, Services
from contest.services.core import Correction
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.db.templates import Templates
from tests.pins import CHEAP_HASHER

APPEALS = "\n[appeals]\ndeadline_minutes = 120\nescalation_minutes = 60\nobjection_days = 7\n"
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
"""When the test contest's module A is signed off (a day ahead, so the fake clock never runs backwards)."""


class Clock:
    """A settable clock for the services."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _build_world(engine: Engine) -> Env:
    env = build_env(engine, small_config(modules=("basic_care",)) + APPEALS, n=2)
    env.sv.import_judges(
        CONSOLE,
        [
            JudgeIn("A1", "仲裁甲", "", ("arbitration",), pin="4001"),
            JudgeIn("A2", "仲裁乙", "", ("arbitration",), pin="4002"),
            JudgeIn("S2", "监督仲裁", "", ("supervisor", "arbitration"), pin="4003"),
        ],
    )
    env.pins |= {"A1": "4001", "A2": "4002", "S2": "4003"}
    clock = Clock(T0 - timedelta(hours=1))
    sv = Services(engine, env.sv.contest_id, clock=clock, hasher=CHEAP_HASHER)
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for st in env.stations:
            fill_sheet(sv, j, "A", st)
    clock.now = T0
    sv.sign_off(sv.login("C1", env.pins["C1"]), "A")
    return env


def _world(engine: Engine, templates: Templates) -> tuple[Env, Services, Clock]:
    """One module (A), two contestants marked by J1–J3, officials, two arbitration members (A1, A2) and a
    supervisor who is also on the panel (S2); services on a clock standing at :data:`T0` (a copy of the contest
    built once per worker)."""
    env = templates.env(engine, "appeals-world", _build_world)
    clock = Clock(T0)
    return env, Services(engine, env.sv.contest_id, clock=clock, hasher=CHEAP_HASHER), clock


def _who(env: Env, sv: Services) -> Callable[[str], object]:
    return lambda code: sv.login(code, env.pins[code])


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


# -- configuration --------------------------------------------------------------------------------------------
def test_appeal_keys_are_read_defaulted_and_checked() -> None:
    cfg = parse_config(small_config() + "\n[appeals]\ndeadline_minutes = 90\nobjection_days = 5\n")
    assert (cfg.appeal_deadline_minutes, cfg.escalation_minutes, cfg.objection_days) == (90, 60, 5)
    plain = parse_config(small_config())
    assert (plain.appeal_deadline_minutes, plain.escalation_minutes, plain.objection_days) == (120, 60, 7)
    with pytest.raises(ConfigInvalid) as exc:
        parse_config(
            small_config() + '\n[appeals]\ndeadline_minutes = "2h"\nobjection_days = 0\nwindow = 1\n'
        )
    text = "\n".join(exc.value.problems)
    for where in ("appeals.deadline_minutes", "appeals.objection_days", "appeals.window"):
        assert where in text, text


# -- roles ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("other", ["marking", "chief"])
def test_arbitration_is_kept_apart_from_marking_and_the_chief(engine: Engine, other: str) -> None:
    sv = Services(engine, Services.create_contest(engine, small_config()), hasher=CHEAP_HASHER)
    mods = ("A",) if other == "marking" else ()
    with pytest.raises(ContestError, match="仲裁组"):
        sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "外单位", ("arbitration", other), mods, pin="4000")])
    assert sv.judges() == []


def test_the_contest_may_combine_arbitration_with_the_chief(engine: Engine) -> None:
    cfg = small_config() + '\n[roles]\ncombine = ["arbitration+chief"]\n'
    sv = Services(engine, Services.create_contest(engine, cfg), hasher=CHEAP_HASHER)
    sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "", ("arbitration", "chief"), pin="4000")])
    assert [j[0] for j in sv.judges()] == ["X1"]


# -- the deadline ---------------------------------------------------------------------------------------------
def test_an_appeal_is_accepted_up_to_the_deadline_and_refused_a_second_later(
    engine: Engine, templates: Templates
) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    clock.now = T0 + timedelta(minutes=120)  # exactly the deadline: still in time
    aid = sv.lodge_appeal(who("S1"), env.stations[0], "A", "对A3扣分有异议")
    clock.now = T0 + timedelta(minutes=120, seconds=1)
    with pytest.raises(InvalidState) as exc:
        sv.lodge_appeal(who("S1"), env.stations[1], "A", "迟到的申诉")
    msg = str(exc.value)
    local = ZoneInfo("Asia/Shanghai")  # the contest's time zone (the default)
    assert msg.startswith("已超过申诉期限")
    assert f"{(T0 + timedelta(minutes=120)).astimezone(local):%Y-%m-%d %H:%M:%S}" in msg  # the deadline
    assert f"{clock.now.astimezone(local):%Y-%m-%d %H:%M:%S}" in msg  # the time now
    assert f"{T0.astimezone(local):%H:%M:%S}" in msg and " / the appeal deadline has passed" in msg
    assert [a.id for a in sv.appeals()] == [aid]


def test_the_deadline_counts_from_the_first_sign_off_and_not_before_it(
    engine: Engine, templates: Templates
) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    # a sheet reopened by a ruling and the module signed off again does not open a new window
    aid = sv.lodge_appeal(who("S1"), env.stations[0], "A", "复核 A1")
    sv.rule_appeal(who("C1"), aid, "J1 重评 A1", ["J1"])
    j1 = who("J1")
    v = sv.open_sheet(j1, "A", env.stations[0])
    sv.submit_sheet(j1, "A", env.stations[0], v.version)
    clock.now = T0 + timedelta(minutes=119)
    sv.sign_off(who("C1"), "A")
    clock.now = T0 + timedelta(minutes=121)
    with pytest.raises(InvalidState, match="申诉期限"):
        sv.lodge_appeal(who("S1"), env.stations[1], "A", "在第二次签核后两小时内，但已超过首次签核后两小时")


def test_before_the_module_ends_an_appeal_is_always_in_time(engine: Engine) -> None:
    env = build_env(engine, small_config() + APPEALS, n=2)
    clock = Clock(T0 + timedelta(days=3))
    sv = Services(engine, env.sv.contest_id, clock=clock, hasher=CHEAP_HASHER)
    sup = sv.login("S1", env.pins["S1"])
    assert sv.lodge_appeal(sup, env.stations[0], "A", "模块A尚未签核")
    assert sv.lodge_appeal(sup, env.stations[0], None, "对总分有异议（各模块尚未全部签核）")


# -- the state machine ----------------------------------------------------------------------------------------
def test_lodged_ruled_escalated_final(engine: Engine, templates: Templates) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    aid = sv.lodge_appeal(who("A1"), env.stations[0], "A", "选手认为A3扣分有误")  # the panel may register it
    # nothing reaches the panel before the first ruling
    with pytest.raises(InvalidState, match="未提请仲裁"):
        sv.arbitrate(who("A1"), aid, "意见", "维持")
    with pytest.raises(InvalidState, match="尚未复核"):
        sv.escalate_appeal(who("S1"), aid, "不服")
    # the first ruling is the chief judge's (or the supervisor's), never the panel's or a marking judge's
    for code in ("A1", "J1", "O1"):
        with pytest.raises(PermissionDenied):
            sv.rule_appeal(who(code), aid, "驳回")
    clock.now += timedelta(minutes=10)
    sv.rule_appeal(who("C1"), aid, "经复核，A3扣分符合评分标准，维持原评分")
    assert sv.appeals()[0].state == "ruled"
    with pytest.raises(InvalidState, match="已裁决"):
        sv.rule_appeal(who("C1"), aid, "再裁一次")
    for code in ("C1", "J1"):
        with pytest.raises(PermissionDenied):
            sv.escalate_appeal(who(code), aid, "不服")
    clock.now += timedelta(minutes=60)  # the last moment of the escalation window
    sv.escalate_appeal(who("S1"), aid, "选手认为操作视频可证明已核对身份")
    with pytest.raises(InvalidState, match="已提请仲裁"):
        sv.escalate_appeal(who("S1"), aid, "再提一次")
    # only the panel decides: not the chief judge, not the supervisor
    for code in ("C1", "S1"):
        with pytest.raises(PermissionDenied):
            sv.arbitrate(who(code), aid, "意见", "决定")
    (view,) = sv.appeals()
    assert view.state == "escalated" and view.escalation.startswith("选手认为")
    sv.arbitrate(who("A2"), aid, "经查看现场视频，选手未核对老人身份", "维持复核结论，申诉不成立")
    (view,) = sv.appeals()
    assert view.state == "final" and view.decided_by == "A2"
    assert view.panel == ("A2", "A1", "S2")  # who recorded it first, then the rest of the panel
    # final: no further ruling, escalation or decision
    with pytest.raises(InvalidState, match="最终"):
        sv.arbitrate(who("A1"), aid, "改判", "申诉成立")
    with pytest.raises(InvalidState, match="最终"):
        sv.escalate_appeal(who("S1"), aid, "还是不服")
    with pytest.raises(InvalidState):
        sv.rule_appeal(who("C1"), aid, "改判")
    kinds = [k for _seq, _at, _who, k, _d in sv.events(200)]
    assert {"appeal", "ruling", "escalation", "arbitration"} <= set(kinds)
    assert sv.verify().ok


def test_escalation_is_refused_after_its_window_and_the_ruling_stands(
    engine: Engine, templates: Templates
) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    aid = sv.lodge_appeal(who("S1"), env.stations[0], "A", "异议")
    sv.rule_appeal(who("S1"), aid, "维持")  # the supervisor may still give the first ruling
    clock.now += timedelta(minutes=60, seconds=1)
    with pytest.raises(InvalidState, match="已超过提请仲裁期限"):
        sv.escalate_appeal(who("S1"), aid, "不服")
    assert sv.appeals()[0].state == "closed"


def test_who_gave_the_first_ruling_does_not_arbitrate_it(engine: Engine, templates: Templates) -> None:
    env, sv, _clock = _world(engine, templates)
    who = _who(env, sv)
    aid = sv.lodge_appeal(who("S1"), env.stations[0], "A", "异议")
    sv.rule_appeal(who("S2"), aid, "维持")  # S2 is a supervisor and on the panel
    sv.escalate_appeal(who("S1"), aid, "不服")
    with pytest.raises(PermissionDenied, match="回避"):
        sv.arbitrate(who("S2"), aid, "意见", "维持")
    assert sv.events(1)[0][3] == "denied"
    sv.arbitrate(who("A1"), aid, "意见", "维持")


def test_a_decision_that_reopens_sheets_after_decryption_is_a_correction(
    engine: Engine, templates: Templates
) -> None:
    env, sv, _clock = _world(engine, templates)
    who = _who(env, sv)
    aid = sv.lodge_appeal(who("S1"), env.stations[0], "A", "A9扣分有误")
    sv.rule_appeal(who("C1"), aid, "维持原评分")
    sv.escalate_appeal(who("S1"), aid, "不服")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    with pytest.raises(PermissionDenied, match="更正"):
        sv.arbitrate(who("A1"), aid, "J1 的 A9 评分有误", "J1 重评 A9", ["J1"])
    assert sv.appeals()[0].state == "escalated"  # refused: nothing changed
    fix = Correction(who("C1"), who("S1"), "仲裁决定：A9 重评")
    sv.arbitrate(who("A1"), aid, "J1 的 A9 评分有误", "J1 重评 A9", ["J1"], correction=fix)
    v = sv.open_sheet(who("J1"), "A", env.stations[0])
    assert v.state == "returned" and "仲裁决定" in v.return_reason
    [(_seq, _at, kind, rec)] = sv.corrections()
    assert kind == "arbitration" and rec["chief"] == "C1" and rec["supervisor"] == "S1"
    assert sv.verify().ok


# -- objections during publication ------------------------------------------------------------------------
def test_objections_open_at_publication_for_objection_days(engine: Engine, templates: Templates) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    with pytest.raises(InvalidState, match="尚未公示"):
        sv.lodge_objection(who("O1"), env.stations[0], None, "异议", "张三 13800000000")
    with pytest.raises(InvalidState, match="解密"):
        sv.publish(who("O1"))
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    with pytest.raises(PermissionDenied):
        sv.publish(who("J1"))
    clock.now = published = T0 + timedelta(hours=5)
    sv.publish(who("O1"))
    with pytest.raises(InvalidState, match="已于"):
        sv.publish(who("C1"))
    with pytest.raises(ContestError, match="实名"):
        sv.lodge_objection(who("O1"), env.stations[0], None, "异议", " ")
    with pytest.raises(PermissionDenied):
        sv.lodge_objection(who("J1"), env.stations[0], None, "异议", "张三")
    clock.now = published + timedelta(days=7)  # the last moment
    oid = sv.lodge_objection(who("O1"), env.stations[0], None, "该选手报名单位与实际不符", "张三 13800000000")
    clock.now += timedelta(seconds=1)
    with pytest.raises(InvalidState, match="公示期已结束"):
        sv.lodge_objection(who("O1"), env.stations[1], None, "迟到的异议", "李四")
    # an ordinary appeal is long out of time by now
    with pytest.raises(InvalidState, match="申诉期限"):
        sv.lodge_appeal(who("S1"), env.stations[1], "A", "迟到的申诉")
    view = next(a for a in sv.appeals() if a.id == oid)
    assert (view.kind, view.state, view.objector) == ("objection", "lodged", "张三 13800000000")
    # straight to the panel: no first ruling, no escalation
    with pytest.raises(InvalidState, match="仲裁组"):
        sv.rule_appeal(who("C1"), oid, "驳回")
    with pytest.raises(InvalidState):
        sv.escalate_appeal(who("S1"), oid, "不服")
    sv.arbitrate(who("A1"), oid, "经核查报名材料，单位信息属实", "异议不成立，维持公示结果")
    assert next(a for a in sv.appeals() if a.id == oid).state == "final"
    assert sv.verify().ok


# -- documents ------------------------------------------------------------------------------------------------
def test_register_and_decision_printed_from_a_real_contest(
    engine: Engine, templates: Templates, tmp_path: Path
) -> None:
    env, sv, clock = _world(engine, templates)
    who = _who(env, sv)
    names = {f"选手{i:02d}" for i in range(2)}
    hostile = "对[/]A3[b]评分有异议<br/>&amp;"
    a1 = sv.lodge_appeal(who("S1"), env.stations[0], "A", hostile)
    a2 = sv.lodge_appeal(who("S1"), env.stations[1], None, "长" * 5000)
    sv.rule_appeal(who("C1"), a1, "经复核维持原评分")
    sv.escalate_appeal(who("S1"), a1, "选手不服复核结论")
    sv.arbitrate(who("A1"), a1, "经查阅评分表与现场记录，扣分依据充分。" * 40, "驳回申诉，维持原评分")
    # before decryption: stations and draw numbers, never a name
    with pytest.raises(PermissionDenied):
        sv.appeal_register(who("J1"))
    reg = write_appeal_register(sv, who("A2"), tmp_path / "申诉登记表.pdf")
    text = _pdf_text(reg)
    flat = "".join(text.split())
    for token in (
        "申诉登记表",
        "编号",
        "处理结果",
        "处理人",
        "仲裁终局",
        "已登记",
        "驳回申诉",
        "登记人",
        "仲裁组组长",
    ):
        assert token in flat, token
    assert "[/]A3[b]" in flat and "<br/>" in flat  # user text printed as typed
    assert env.stations[0] in flat and "已截断" in flat  # the 5,000-character appeal is cut visibly
    assert not [n for n in names if n in flat]
    assert str(a2) in flat
    # the decision of appeal 1
    with pytest.raises(InvalidState, match="尚无仲裁决定"):
        sv.arbitration_decision(who("A1"), a2)
    out = write_arbitration_decision(sv, who("A1"), tmp_path / "仲裁决定书.pdf", a1)
    text = "".join(_pdf_text(out).split())
    for token in (
        "仲裁决定书",
        f"第{a1}号",
        "测试竞赛",
        "驳回申诉，维持原评分",
        "经复核维持原评分",
        "选手不服复核结论",
        "仲裁甲",
        "仲裁乙",
        "监督仲裁",
        "本决定为最终决定",
        "（盖章）",
        "仲裁组",
    ):
        assert token in text, token
    assert not [n for n in names if n in text]
    printed = [d for _s, _a, _w, kind, d in sv.events(20) if kind == "print"]
    assert any("仲裁决定书" in d for d in printed) and any("申诉登记表" in d for d in printed)
    # after decryption the register names the contestant
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    text = "".join(_pdf_text(write_appeal_register(sv, who("C1"), tmp_path / "r2.pdf")).split())
    assert names & {n for n in names if n in text}
    assert sv.verify().ok


# -- the command line -----------------------------------------------------------------------------------------
def test_the_whole_path_through_the_command_line(
    engine: Engine, templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from typer.testing import CliRunner

    from contest import cli
    from contest.store.migrate import alembic_config

    monkeypatch.setattr(cli.console, "_width", 400)  # the log table at full width, not folded at 80 columns
    env, sv, _clock = _world(engine, templates)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    clean = {k: None for k in os.environ if k.startswith("CONTEST_PIN") or k == "CONTEST_AS"}

    def run(*args: str, who: str | None = None) -> str:
        pins = {"CONTEST_AS": who, "CONTEST_PIN": env.pins[who]} if who else {}
        res = CliRunner().invoke(cli.app, ["--db", engine.info_url, *args], env={**clean, **pins})  # type: ignore[attr-defined,dict-item]
        assert res.exit_code == 0, res.output
        return res.output

    run("appeal", env.stations[0], "--module", "A", "--text", "对[/]A3有异议", who="S1")
    (aid,) = [a.id for a in sv.appeals()]
    run("ruling", str(aid), "--text", "维持原评分", who="C1")
    run("escalate", str(aid), "--text", "不服复核结论", who="S1")
    res = CliRunner().invoke(
        cli.app,
        ["--db", engine.info_url, "arbitrate", str(aid), "--opinion", "有据", "--decision", "驳回"],  # type: ignore[attr-defined]
        env={**clean, "CONTEST_AS": "C1", "CONTEST_PIN": env.pins["C1"]},  # type: ignore[dict-item]
    )
    assert res.exit_code == 1 and "仲裁组" in res.output  # the chief judge is refused by the services
    run("arbitrate", str(aid), "--opinion", "评分有据", "--decision", "驳回申诉[b]", who="A1")
    log = "".join(run("appeals").split())
    assert "仲裁终局" in log and "对[/]A3有异议" in log and "驳回申诉[b]" in log
    out = tmp_path / "决定书.pdf"
    run("print", "arbitration-decision", str(aid), "-o", str(out), who="A2")
    assert "驳回申诉[b]" in "".join(_pdf_text(out).split())
    assert "审计链完整" in run("audit", "verify")
