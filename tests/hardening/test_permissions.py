"""R4: every service called by someone who may not call it is refused, and the refusal is in the audit chain.

Table-driven: each case names who calls what, the error they must get, and whether the refusal is logged as a
``denied`` event (role and assignment refusals are; state refusals — a submitted or signed-off sheet — are not,
they are ordinary mistakes). Every case also checks that nothing else changed: no row of any audited table, no
other event. Separate tests cover anonymity before decryption (judge-facing calls carry station numbers only),
another judge's sheet, the PIN lockout (through login and through decryption), and three holes found while
writing this file and since fixed (clerks keying for a judge outside the panel, a draft submitted into a
signed-off module, PIN guessing through decryption).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.errors import InvalidState, LoginFailed, PermissionDenied
from contest.services import CONSOLE, Actor, ContestantIn, JudgeIn, Services
from contest.store.engine import create_schema
from contest.store.tables import AUDITED_TABLES, ContestantRow, EventRow
from scoresheets import ItemEntry
from tests.db.conftest import make_test_engine, small_config
from tests.db.helpers import build_env
from tests.db.templates import Templates
from tests.pins import CHEAP_HASHER


# -- the world: a contest half-way through marking ----------------------------------------------------------------
@dataclass
class World:
    engine: Engine
    sv: Services
    pins: dict[str, str]
    st: list[str]
    a: dict[str, Actor]
    appeal: int

    def entries(self, module: str) -> list[ItemEntry]:
        return [
            ItemEntry(i.id, level=3) if i.kind == "judgement" else ItemEntry(i.id)
            for i in self.sv.config().module(module).rubric.items
        ]


def build_world(engine: Engine) -> World:
    """Modules A and B; J1–J3 on both, J9 on A only; clerks K1, K2; officials E1 C1 S1 O1.
    J1's A sheet for the first station is submitted; module B is fully marked and signed off; an appeal is lodged;
    nothing is decrypted."""
    env = build_env(engine, small_config(), n=3, judges=3)
    sv = env.sv
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("J9", "只评A", "外单位", ("marking",), ("A",), pin="3009"),
            JudgeIn("K1", "统分员一", "", ("clerk",), pin="3001"),
            JudgeIn("K2", "统分员二", "", ("clerk",), pin="3002"),
            JudgeIn("A1", "仲裁员", "", ("arbitration",), pin="3010"),
        ],
    )
    pins = env.pins | {"J9": "3009", "K1": "3001", "K2": "3002", "A1": "3010"}
    a = {code: sv.login(code, pin) for code, pin in pins.items()}
    w = World(engine, sv, pins, env.stations, a, 0)
    sv.enter_sheet(a["J1"], "A", w.st[0], w.entries("A"), seconds_used=900)
    for j in ("J1", "J2", "J3"):
        for s in w.st:
            sv.enter_sheet(a[j], "B", s, w.entries("B"), seconds_used=900)
    sv.sign_off(a["C1"], "B")
    w.appeal = sv.lodge_appeal(a["S1"], w.st[1], "B", "选手对B3有异议")
    return w


def _cleanup(engine: Engine, cleanup: Any) -> None:
    engine.dispose()
    if cleanup is not None:
        admin, schema = cleanup
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    engine, _, cleanup = make_test_engine(request.param, tmp_path_factory.mktemp("perm"))
    create_schema(engine)
    yield build_world(engine)
    _cleanup(engine, cleanup)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def fresh(request: pytest.FixtureRequest, tmp_path: Path, templates: Templates) -> Iterator[World]:
    """A world of the test's own (a copy of the one built once per process)."""
    engine, _, cleanup = make_test_engine(request.param, tmp_path)
    create_schema(engine)
    yield templates.get(engine, "permissions-world", build_world)
    _cleanup(engine, cleanup)


def fingerprint(engine: Engine) -> dict[str, Any]:
    """Every audited row (as JSON) — to prove a refused call changed nothing."""
    from contest.audit import snapshot

    out: dict[str, Any] = {}
    with Session(engine) as s:
        for table in AUDITED_TABLES:
            rows = sorted(
                json.dumps(snapshot(r), sort_keys=True, default=str) for r in s.exec(select(table)).all()
            )
            out[table.__tablename__] = rows  # type: ignore[attr-defined]
    return out


def events_after(engine: Engine, seq: int) -> list[EventRow]:
    with Session(engine) as s:
        return list(s.exec(select(EventRow).where(EventRow.seq > seq).order_by(EventRow.seq)).all())  # type: ignore[arg-type]


def head_seq(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.max(EventRow.seq))).one() or 0)


# -- the table ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    id: str
    who: str
    """The code the refusal must be logged under."""
    call: Callable[[World], object]
    error: type[Exception] = PermissionDenied

    @property
    def logged(self) -> bool:
        return self.error is PermissionDenied


def _sv(w: World) -> Services:
    return w.sv


A, B = "A", "B"
CASES: list[Case] = [
    # a marking judge outside their assignment (J9 marks module A only)
    Case(
        "judge-marks-unassigned-module",
        "J9",
        lambda w: w.sv.save_mark(w.a["J9"], B, w.st[1], ItemEntry("B1")),
    ),
    Case("judge-withdraws-in-unassigned", "J9", lambda w: w.sv.withdraw_mark(w.a["J9"], B, w.st[1], "B1")),
    Case(
        "judge-times-unassigned", "J9", lambda w: w.sv.set_sheet_info(w.a["J9"], B, w.st[1], seconds_used=60)
    ),
    Case("judge-submits-unassigned", "J9", lambda w: w.sv.submit_sheet(w.a["J9"], B, w.st[1])),
    Case(
        "judge-enters-sheet-unassigned",
        "J9",
        lambda w: w.sv.enter_sheet(w.a["J9"], B, w.st[1], w.entries(B), seconds_used=60),
    ),
    Case("judge-opens-unassigned", "J9", lambda w: w.sv.open_sheet(w.a["J9"], B, w.st[1])),
    Case("judge-lists-unassigned", "J9", lambda w: w.sv.stations(w.a["J9"], B)),
    # officials are not marking judges
    Case("chief-marks", "C1", lambda w: w.sv.save_mark(w.a["C1"], A, w.st[1], ItemEntry("A1"))),
    Case("supervisor-marks", "S1", lambda w: w.sv.save_mark(w.a["S1"], A, w.st[1], ItemEntry("A1"))),
    Case("console-marks", "console", lambda w: w.sv.save_mark(CONSOLE, A, w.st[1], ItemEntry("A1"))),
    Case(
        "clerk-enters-as-judge",
        "K1",
        lambda w: w.sv.enter_sheet(w.a["K1"], A, w.st[1], w.entries(A), seconds_used=60),
    ),
    # results and names are not for marking judges
    Case("judge-standings", "J1", lambda w: w.sv.standings(w.a["J1"])),
    Case("judge-progress", "J1", lambda w: w.sv.progress(w.a["J1"])),
    Case("judge-alerts", "J1", lambda w: w.sv.alerts(w.a["J1"])),
    Case("organiser-alerts", "O1", lambda w: w.sv.alerts(w.a["O1"])),
    Case("judge-result-sheet", "J1", lambda w: w.sv.result_sheet(w.a["J1"], anonymous=True)),
    Case("judge-score-sheets", "J1", lambda w: w.sv.score_sheets(w.a["J1"], override="x")),
    Case("judge-certificates", "J1", lambda w: w.sv.certificates(w.a["J1"])),
    Case("judge-statistics", "J1", lambda w: w.sv.statistics(w.a["J1"])),
    Case("judge-stability", "J1", lambda w: w.sv.stability(w.a["J1"])),
    Case("judge-blank-sheets", "J1", lambda w: w.sv.blank_sheets(w.a["J1"], A)),
    Case("chief-prints-draw-sheet", "C1", lambda w: w.sv.draw_sheet(w.a["C1"])),
    Case("supervisor-prints-draw-sheet", "S1", lambda w: w.sv.draw_sheet(w.a["S1"])),
    Case("organiser-prints-draw-sheet", "O1", lambda w: w.sv.draw_sheet(w.a["O1"])),
    Case("clerk-overrides-print-gate", "K1", lambda w: w.sv.result_sheet(w.a["K1"], override="先打一份")),
    # organiser-only calls
    Case("judge-imports-contestants", "J1", lambda w: w.sv.import_contestants(w.a["J1"], [])),
    Case(
        "judge-imports-judges",
        "J1",
        lambda w: w.sv.import_judges(w.a["J1"], [JudgeIn("J1", "裁判1", roles=("marking", "chief"))]),
    ),
    Case("judge-assigns-self", "J1", lambda w: w.sv.assign(w.a["J1"], "J9", [B])),
    Case("judge-resets-other-pin", "J1", lambda w: w.sv.set_pin(w.a["J1"], "C1", "1234")),
    Case(
        "judge-imports-theory",
        "J1",
        lambda w: w.sv.import_theory_scores(w.a["J1"], {w.st[0]: (Decimal(99), {})}),
    ),
    Case(
        "chief-imports-theory",
        "C1",
        lambda w: w.sv.import_theory_scores(w.a["C1"], {w.st[0]: (Decimal(99), {})}),
    ),
    # the draw is the encryption judge's
    Case("organiser-draws", "O1", lambda w: w.sv.draw(w.a["O1"])),
    Case("console-draws", "console", lambda w: w.sv.draw(CONSOLE)),
    Case("chief-draws", "C1", lambda w: w.sv.draw(w.a["C1"])),
    # the chief judge's calls
    Case("judge-signs-off", "J1", lambda w: w.sv.sign_off(w.a["J1"], A, override_reason="x")),
    Case("supervisor-signs-off", "S1", lambda w: w.sv.sign_off(w.a["S1"], A, override_reason="x")),
    Case("organiser-signs-off", "O1", lambda w: w.sv.sign_off(w.a["O1"], A, override_reason="x")),
    Case("judge-confirms-veto", "J1", lambda w: w.sv.confirm_veto(w.a["J1"], A, w.st[0], "情况说明")),
    Case("supervisor-rejects-veto", "S1", lambda w: w.sv.reject_veto(w.a["S1"], A, w.st[0], "理由")),
    Case("organiser-confirms-veto", "O1", lambda w: w.sv.confirm_veto(w.a["O1"], A, w.st[0], "情况说明")),
    Case("judge-returns-sheet", "J1", lambda w: w.sv.return_sheet(w.a["J1"], A, w.st[0], "J1", "重评")),
    Case("supervisor-returns-sheet", "S1", lambda w: w.sv.return_sheet(w.a["S1"], A, w.st[0], "J1", "重评")),
    # the supervisor's calls
    Case("chief-lodges-appeal", "C1", lambda w: w.sv.lodge_appeal(w.a["C1"], w.st[0], A, "申诉")),
    Case("judge-lodges-appeal", "J1", lambda w: w.sv.lodge_appeal(w.a["J1"], w.st[0], A, "申诉")),
    # the first ruling is the chief judge's or the supervisor's (issue 15), not the organiser's or the panel's
    Case("organiser-rules-appeal", "O1", lambda w: w.sv.rule_appeal(w.a["O1"], w.appeal, "驳回")),
    Case("arbitration-rules-appeal", "A1", lambda w: w.sv.rule_appeal(w.a["A1"], w.appeal, "驳回")),
    Case("judge-rules-appeal", "J1", lambda w: w.sv.rule_appeal(w.a["J1"], w.appeal, "驳回", ["J1"])),
    # the arbitration panel's calls
    Case("judge-escalates", "J1", lambda w: w.sv.escalate_appeal(w.a["J1"], w.appeal, "不服")),
    Case("chief-escalates", "C1", lambda w: w.sv.escalate_appeal(w.a["C1"], w.appeal, "不服")),
    Case("chief-arbitrates", "C1", lambda w: w.sv.arbitrate(w.a["C1"], w.appeal, "意见", "决定")),
    Case("supervisor-arbitrates", "S1", lambda w: w.sv.arbitrate(w.a["S1"], w.appeal, "意见", "决定")),
    Case("judge-arbitrates", "J1", lambda w: w.sv.arbitrate(w.a["J1"], w.appeal, "意见", "决定", ["J1"])),
    Case(
        "judge-lodges-objection",
        "J1",
        lambda w: w.sv.lodge_objection(w.a["J1"], w.st[0], None, "异议", "张三"),
    ),
    Case("judge-publishes", "J1", lambda w: w.sv.publish(w.a["J1"])),
    Case("supervisor-publishes", "S1", lambda w: w.sv.publish(w.a["S1"])),
    Case("judge-prints-appeal-register", "J1", lambda w: w.sv.appeal_register(w.a["J1"])),
    Case("judge-prints-decision", "J1", lambda w: w.sv.arbitration_decision(w.a["J1"], w.appeal)),
    # an appeal not yet ruled cannot go to the panel (a state refusal, not logged)
    Case(
        "arbitrate-before-ruling",
        "A1",
        lambda w: w.sv.arbitrate(w.a["A1"], w.appeal, "意见", "决定"),
        InvalidState,
    ),
    Case(
        "escalate-before-ruling",
        "S1",
        lambda w: w.sv.escalate_appeal(w.a["S1"], w.appeal, "不服"),
        InvalidState,
    ),
    # clerks' calls
    Case(
        "judge-keys-paper-sheet",
        "J1",
        lambda w: w.sv.clerk_enter(w.a["J1"], A, w.st[2], "J2", w.entries(A), seconds_used=60),
    ),
    Case("judge-withdraws-keying", "J1", lambda w: w.sv.clerk_withdraw(w.a["J1"], A, w.st[2], "J2")),
    # decryption needs the chief judge and the supervisor, both with their PINs
    Case("decrypt-alone", "C1", lambda w: w.sv.decrypt("C1", w.pins["C1"], "C1", w.pins["C1"])),
    Case("decrypt-wrong-pin", "S1", lambda w: w.sv.decrypt("C1", w.pins["C1"], "S1", "000000")),
    Case("decrypt-unknown-official", "X9", lambda w: w.sv.decrypt("C1", w.pins["C1"], "X9", "1234")),
    Case("decrypt-roles-swapped", "S1", lambda w: w.sv.decrypt("S1", w.pins["S1"], "C1", w.pins["C1"])),
    Case("decrypt-judge-as-supervisor", "J1", lambda w: w.sv.decrypt("C1", w.pins["C1"], "J1", w.pins["J1"])),
    Case("decrypt-organiser-as-chief", "O1", lambda w: w.sv.decrypt("O1", w.pins["O1"], "S1", w.pins["S1"])),
    # a submitted sheet is read-only to its judge (J1, module A, first station)
    Case(
        "edit-submitted-mark",
        "J1",
        lambda w: w.sv.save_mark(w.a["J1"], A, w.st[0], ItemEntry("A1")),
        InvalidState,
    ),
    Case(
        "edit-submitted-withdraw",
        "J1",
        lambda w: w.sv.withdraw_mark(w.a["J1"], A, w.st[0], "A1"),
        InvalidState,
    ),
    Case(
        "edit-submitted-time",
        "J1",
        lambda w: w.sv.set_sheet_info(w.a["J1"], A, w.st[0], seconds_used=1),
        InvalidState,
    ),
    Case("edit-submitted-resubmit", "J1", lambda w: w.sv.submit_sheet(w.a["J1"], A, w.st[0]), InvalidState),
    Case(
        "edit-submitted-whole-sheet",
        "J1",
        lambda w: w.sv.enter_sheet(w.a["J1"], A, w.st[0], w.entries(A), seconds_used=1),
        InvalidState,
    ),
    # a signed-off sheet (module B) is read-only to everyone
    Case(
        "edit-signed-off-mark",
        "J2",
        lambda w: w.sv.save_mark(w.a["J2"], B, w.st[1], ItemEntry("B1")),
        InvalidState,
    ),
    Case(
        "edit-signed-off-withdraw",
        "J2",
        lambda w: w.sv.withdraw_mark(w.a["J2"], B, w.st[1], "B1"),
        InvalidState,
    ),
    Case(
        "edit-signed-off-veto",
        "J2",
        lambda w: w.sv.set_sheet_info(w.a["J2"], B, w.st[1], veto="B-V1"),
        InvalidState,
    ),
    Case(
        "edit-signed-off-whole-sheet",
        "J2",
        lambda w: w.sv.enter_sheet(w.a["J2"], B, w.st[1], w.entries(B), seconds_used=1),
        InvalidState,
    ),
    Case(
        "return-in-signed-off-module",
        "C1",
        lambda w: w.sv.return_sheet(w.a["C1"], B, w.st[1], "J2", "重评"),
        InvalidState,
    ),
    Case("sign-off-twice", "C1", lambda w: w.sv.sign_off(w.a["C1"], B), InvalidState),
    Case(
        "clerk-keys-over-signed-off",
        "K1",
        lambda w: (
            w.sv.clerk_enter(w.a["K1"], B, w.st[1], "J2", w.entries(B), seconds_used=9),
            w.sv.clerk_enter(w.a["K2"], B, w.st[1], "J2", w.entries(B), seconds_used=9),
        ),
        InvalidState,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_and_logged(world: World, case: Case) -> None:
    before_rows = fingerprint(world.engine)
    seq = head_seq(world.engine)
    with pytest.raises(case.error) as exc:
        case.call(world)
    assert str(exc.value).strip(), "a refusal must say why"
    new = events_after(world.engine, seq)
    kinds = [(e.kind, e.actor) for e in new]
    denied = [e for e in new if e.kind == "denied"]
    # other events may record PIN checks (login state), but none may write an audited row
    assert all(not json.loads(e.payload)["rows"] for e in new if e.kind != "clerk_entry"), kinds
    if case.logged:
        assert [e.actor for e in denied] == [case.who], kinds
        details = json.loads(denied[0].payload)["details"]
        assert details.get("action") and details.get("why"), details
    else:
        # a state refusal is an ordinary mistake, not a refusal to log; a first keying by a clerk is a write
        assert not denied, kinds
    after_rows = fingerprint(world.engine)
    changed = {t for t in before_rows if before_rows[t] != after_rows[t]}
    assert changed <= ({"clerk_entry"} if not case.logged and new else set()), changed


def test_the_chain_is_clean_after_all_refusals(world: World) -> None:
    assert world.sv.verify().ok


# -- anonymity ----------------------------------------------------------------------------------------------------
def _secrets(engine: Engine) -> set[str]:
    with Session(engine) as s:
        people = s.exec(select(ContestantRow)).all()
    out: set[str] = set()
    for c in people:
        out |= {c.name, c.id_number, c.id_number[-6:], c.unit, c.phone}
    return {x for x in out if x}


def _text(v: object) -> str:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return repr(dataclasses.asdict(v))
    return repr(v)


def test_judge_facing_calls_carry_station_numbers_only(fresh: World) -> None:
    w = fresh
    secrets = _secrets(w.engine)
    j = w.a["J3"]
    seen: list[object] = [w.sv.my_modules(j), w.sv.stations(j, A), w.sv.stations(j, B)]
    seen += [w.sv.open_sheet(j, m, s) for m in (A, B) for s in w.st]
    v = w.sv.save_mark(j, A, w.st[2], ItemEntry("A1"))
    seen += [v, w.sv.withdraw_mark(j, A, w.st[2], "A1", v.version)]
    seen += [w.sv.set_sheet_info(j, A, w.st[2], seconds_used=700, comment="ok")]
    seen += [w.sv.enter_sheet(j, A, w.st[1], w.entries(A), seconds_used=800)]
    seen += [w.sv.appeals(), w.sv.events(500), w.sv.info()]
    for v in seen:
        text_ = _text(v)
        leaked = [x for x in secrets if x in text_]
        assert not leaked, f"{leaked} in {text_[:300]}"
    for station in w.st:
        assert any(station in _text(v) for v in seen)
    # and the calls that would join names in are refused for a judge
    for call in (w.sv.standings, w.sv.progress, w.sv.alerts):
        with pytest.raises(PermissionDenied):
            call(j)


def test_a_judge_cannot_reach_another_judges_sheet(fresh: World) -> None:
    """The services take no judge code from a marking judge: J2's calls on a station write J2's own sheet, and
    J1's submitted sheet for that station stays as it was."""
    w = fresh
    before = w.sv.open_sheet(w.a["J1"], A, w.st[0])
    v = w.sv.open_sheet(w.a["J2"], A, w.st[0])
    assert v.state == "none" and v.judge_code == "J2" and not v.entries
    w.sv.save_mark(w.a["J2"], A, w.st[0], ItemEntry("A1", level=None))
    after = w.sv.open_sheet(w.a["J1"], A, w.st[0])
    assert (after.version, after.state, after.entries) == (before.version, before.state, before.entries)
    assert w.sv.open_sheet(w.a["J2"], A, w.st[0]).entries.keys() == {"A1"}


# -- PINs ---------------------------------------------------------------------------------------------------------
def test_pin_brute_force_locks_the_account(fresh: World) -> None:
    w = fresh
    now = [datetime(2026, 5, 20, 9, 0, tzinfo=UTC)]
    sv = Services(w.engine, w.sv.contest_id, clock=lambda: now[0], hasher=CHEAP_HASHER)
    seq = head_seq(w.engine)
    for pin in ("0000", "1111", "2222", "3333", "4444"):
        with pytest.raises(LoginFailed):
            sv.login("J1", pin)
    with pytest.raises(LoginFailed, match="锁定"):
        sv.login("J1", w.pins["J1"])
    kinds = [(e.kind, e.actor) for e in events_after(w.engine, seq)]
    assert kinds == [("login_failed", "J1")] * 5 + [("login_refused", "J1")], kinds
    now[0] += timedelta(minutes=5, seconds=1)
    assert sv.login("J1", w.pins["J1"]).code == "J1"
    assert sv.verify().ok


def test_decrypt_pin_brute_force_locks_too(fresh: World) -> None:
    w = fresh
    for pin in ("0000", "1111", "2222", "3333", "4444"):
        with pytest.raises((PermissionDenied, LoginFailed)):
            w.sv.decrypt("C1", pin, "S1", w.pins["S1"])
    with pytest.raises((LoginFailed, PermissionDenied)):
        w.sv.login("C1", w.pins["C1"])


# -- holes found --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("judge", ["J9", "C1"])
def test_clerks_cannot_key_a_sheet_for_a_judge_outside_the_panel(fresh: World, judge: str) -> None:
    w = fresh
    module = "A" if judge == "C1" else "B"

    def key_twice() -> None:
        for clerk in ("K1", "K2"):
            w.sv.clerk_enter(w.a[clerk], module, w.st[2], judge, w.entries(module), seconds_used=900)

    with pytest.raises((PermissionDenied, InvalidState)):
        key_twice()


def test_a_draft_sheet_in_a_signed_off_module_cannot_be_submitted(fresh: World) -> None:
    w = fresh
    w.sv.sign_off(w.a["C1"], A, "J2、J3 纸质评分表另行录入", supervisor=("S1", w.pins["S1"]))
    with pytest.raises(InvalidState):
        w.sv.enter_sheet(w.a["J2"], A, w.st[0], w.entries(A), seconds_used=900)


def test_contestants_cannot_be_added_after_the_draw(fresh: World) -> None:
    from datetime import date

    from tests.db.helpers import valid_id

    w = fresh
    late = ContestantIn("迟到者", "男", valid_id(date(1990, 3, 3), 77, True), "单位9")
    with pytest.raises(InvalidState):
        w.sv.import_contestants(CONSOLE, [late])


# -- the command line's door (issue 13) ---------------------------------------------------------------------------
@dataclass
class CliWorld:
    w: World
    url: str
    dummy: Path
    out: Path


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def cli_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliWorld]:
    from alembic import command

    from contest.store.migrate import alembic_config

    tmp = tmp_path_factory.mktemp("door")
    engine, url, cleanup = make_test_engine(request.param, tmp)
    create_schema(engine)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    dummy = tmp / "名单.xlsx"
    dummy.write_bytes(b"")
    (tmp / "out").mkdir()
    yield CliWorld(build_world(engine), url, dummy, tmp / "out")
    _cleanup(engine, cleanup)


def _invoke(cw: CliWorld, args: list[str], env: dict[str, str] | None = None) -> Any:
    from typer.testing import CliRunner

    from contest import cli

    clean = {k: None for k in os.environ if k.startswith("CONTEST_PIN") or k == "CONTEST_AS"}
    return CliRunner().invoke(cli.app, ["--db", cw.url, *args], env={**clean, **(env or {})})  # type: ignore[dict-item]


def _door_cases(cw: CliWorld) -> dict[str, list[str]]:
    d, o, st = str(cw.dummy), str(cw.out), cw.w.st
    return {
        "draw": ["draw", "--seed", "x"],
        "draw-stage": ["draw", "--stage", "2"],
        "lots": ["lots", "选手01", "1"],
        "import-lots": ["import", "lots", d],
        "print-draw-sheet-stage": ["print", "draw-sheet", "--stage", "1", "-o", f"{o}/d1.pdf"],
        "signoff": ["signoff", "A", "--override", "x"],
        "appeal": ["appeal", st[0], "--text", "异议", "--module", "A"],
        "ruling": ["ruling", str(cw.w.appeal), "--text", "驳回"],
        "escalate": ["escalate", str(cw.w.appeal), "--text", "不服"],
        "arbitrate": ["arbitrate", str(cw.w.appeal), "--opinion", "意见", "--decision", "驳回"],
        "objection": ["objection", st[0], "--text", "异议", "--objector", "张三"],
        "publish": ["publish"],
        "print-appeal-register": ["print", "appeal-register", "-o", f"{o}/a.pdf"],
        "print-arbitration-decision": ["print", "arbitration-decision", str(cw.w.appeal), "-o", f"{o}/d.pdf"],
        "set-pin": ["judges", "set-pin", "J1"],
        "assign": ["judges", "assign", "J9", "B"],
        "unlock": ["judges", "unlock", "J1", "--reason", "忘记"],
        "import-contestants": ["import", "contestants", d],
        "import-judges": ["import", "judges", d],
        "import-theory": ["import", "theory-scores", d],
        "import-answers": ["import", "answers", d, "--key", d],
        "print-results": ["print", "results", "-o", f"{o}/r.pdf", "--anonymous"],
        "print-scoresheets": ["print", "scoresheets", "-o", f"{o}/s.pdf", "--override", "x"],
        "print-certificates": ["print", "certificates", "-o", f"{o}/c.pdf", "--override", "x"],
        "print-draw-sheet": ["print", "draw-sheet", "-o", f"{o}/d.pdf"],
        "print-blank": ["print", "blank-sheets", "A", "-o", f"{o}/b.pdf"],
        "print-stats": ["print", "stats", "-o", f"{o}/t.pdf"],
        "export-xlsx": ["export", "xlsx", "-o", f"{o}/x.xlsx", "--override", "x"],
        "export-bundle": ["export", "bundle", "-o", f"{o}/b.zip"],
        "checkin": ["checkin", st[0], "--module", "A", "--state", "absent"],
        "avoid-override": ["avoid-override", st[0], "--module", "A", "--marker", "J1", "--reason", "x"],
        "calibration-add": ["calibration", "add", "A"],
        "calibration-close": ["calibration", "close", "A"],
        "calibration-report": ["calibration", "report", "A"],
        "print-calibration": ["print", "calibration", "A", "-o", f"{o}/k.pdf"],
        "print-schedule": ["print", "schedule", "-o", f"{o}/p.pdf"],
        "print-groups": ["print", "groups", "A", "-o", f"{o}/g.pdf"],
        "rubrics-preview": ["rubrics", "preview", "A", "--set", "A1-1=0.5"],
        "veto-confirm": ["veto", "confirm", st[0], "--module", "A", "--text", "情况说明"],
        "veto-reject": ["veto", "reject", st[0], "--module", "A", "--text", "理由"],
        "veto-list": ["veto", "list"],
        "rubrics-amend": [
            *("rubrics", "amend", "A", "--set", "A1-1=0.5"),
            *("--chief", "C1", "--supervisor", "S1", "--reason", "x"),
        ],
    }


DOOR = [
    "draw",
    "draw-stage",
    "lots",
    "import-lots",
    "print-draw-sheet-stage",
    "signoff",
    "appeal",
    "ruling",
    "escalate",
    "arbitrate",
    "objection",
    "publish",
    "print-appeal-register",
    "print-arbitration-decision",
    "set-pin",
    "assign",
    "unlock",
    "import-contestants",
    "import-judges",
    "import-theory",
    "import-answers",
    "print-results",
    "print-scoresheets",
    "print-certificates",
    "print-draw-sheet",
    "print-blank",
    "print-stats",
    "export-xlsx",
    "export-bundle",
    "checkin",
    "avoid-override",
    "calibration-add",
    "calibration-close",
    "calibration-report",
    "print-calibration",
    "print-schedule",
    "print-groups",
    "rubrics-preview",
    "rubrics-amend",
    "veto-confirm",
    "veto-reject",
    "veto-list",
]


@pytest.mark.parametrize("command", DOOR)
def test_cli_write_naming_nobody_is_refused_and_logged(cli_world: CliWorld, command: str) -> None:
    engine = cli_world.w.engine
    before, seq = fingerprint(engine), head_seq(engine)
    res = _invoke(cli_world, _door_cases(cli_world)[command])
    assert res.exit_code == 1, res.output
    assert "--as" in res.output
    new = [(e.kind, e.actor) for e in events_after(engine, seq)]
    assert new == [("denied", "cli")], new
    assert fingerprint(engine) == before
    assert not list(cli_world.out.iterdir())


@pytest.mark.parametrize("command", DOOR)
def test_cli_write_with_a_wrong_pin_is_refused_and_logged(cli_world: CliWorld, command: str) -> None:
    engine = cli_world.w.engine
    before, seq = fingerprint(engine), head_seq(engine)
    # K2 is a clerk nobody else uses in this module; one wrong PIN per command, cleared below
    res = _invoke(cli_world, _door_cases(cli_world)[command], {"CONTEST_AS": "K2", "CONTEST_PIN": "999999"})
    assert res.exit_code == 1, res.output
    new = [(e.kind, e.actor) for e in events_after(engine, seq)]
    assert new in ([("login_failed", "K2")], [("login_refused", "K2")]), new
    assert fingerprint(engine) == before
    with Session(engine) as s:
        from contest.store.tables import JudgeRow, LoginStateRow

        k2 = s.exec(select(JudgeRow).where(JudgeRow.code == "K2")).one()
        st = s.get(LoginStateRow, k2.id)
        if st is not None:
            st.failures, st.locked_until = 0, None
            s.add(st)
            s.commit()


def test_cli_decrypt_with_a_wrong_pin_is_refused_and_logged(cli_world: CliWorld) -> None:
    engine = cli_world.w.engine
    seq = head_seq(engine)
    env = {"CONTEST_PIN_C1": "999999", "CONTEST_PIN_S1": cli_world.w.pins["S1"]}
    res = _invoke(cli_world, ["decrypt", "--chief", "C1", "--supervisor", "S1"], env)
    assert res.exit_code == 1, res.output
    kinds = [(e.kind, e.actor) for e in events_after(engine, seq)]
    assert ("decrypt_pin_failed", "C1") in kinds and ("denied", "C1") in kinds, kinds


def test_cli_write_with_the_right_pin_runs_as_that_person(cli_world: CliWorld) -> None:
    engine = cli_world.w.engine
    seq = head_seq(engine)
    res = _invoke(cli_world, ["judges", "assign", "J9", "A", "--as", "O1"], {"CONTEST_PIN": "2004"})
    assert res.exit_code == 0, res.output
    assert [(e.kind, e.actor) for e in events_after(engine, seq)] == [("login", "O1"), ("assign", "O1")]


def test_init_prints_the_organiser_pin_once_and_it_logs_in(tmp_path: Path) -> None:
    import re

    from typer.testing import CliRunner

    from contest import cli
    from contest.store.engine import make_engine

    cfg = tmp_path / "contest.toml"
    cfg.write_text(small_config(), encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli.app, ["--db", str(db), "init", str(cfg)])
    assert res.exit_code == 0, res.output
    pin = re.search(r"ORG\s+PIN: (\d{6})", res.output)
    assert pin, res.output
    sv = Services(make_engine(f"sqlite:///{db}"), hasher=CHEAP_HASHER)
    assert sv.login("ORG", pin[1]).has("organiser")
    with Session(sv.engine) as s:
        assert pin[1] not in " ".join(e.payload for e in s.exec(select(EventRow)).all())


# -- officials' PINs: never reset by one person -------------------------------------------------------------------
@pytest.mark.parametrize("target", ["C1", "S1", "E1", "O1"])
def test_one_person_cannot_reset_an_officials_pin(fresh: World, target: str) -> None:
    w = fresh
    org = w.a["O1"] if target != "O1" else w.a["C1"]
    seq = head_seq(w.engine)
    with pytest.raises(PermissionDenied):
        w.sv.set_pin(org, target, "123456")
    with pytest.raises(PermissionDenied):
        w.sv.set_pin(CONSOLE, target, "123456")
    denied = [(e.kind, e.actor) for e in events_after(w.engine, seq)]
    assert denied == [("denied", org.code), ("denied", "console")], denied
    with pytest.raises(LoginFailed):
        w.sv.login(target, "123456")


def test_an_officials_pin_is_reset_by_two_officials_or_with_the_old_pin(fresh: World) -> None:
    w = fresh
    # the second official may be neither the first nor the official whose PIN changes
    with pytest.raises(PermissionDenied):
        w.sv.set_pin(w.a["O1"], "S1", "555555", second=w.a["S1"])
    with pytest.raises(PermissionDenied):
        w.sv.set_pin(w.a["O1"], "S1", "555555", second=w.a["J1"])
    w.sv.set_pin(w.a["O1"], "S1", "555555", second=w.a["C1"])
    assert w.sv.login("S1", "555555").code == "S1"
    # an official changes their own PIN after proving the old one (logging in)
    w.sv.set_pin(w.sv.login("C1", w.pins["C1"]), "C1", "666666")
    assert w.sv.login("C1", "666666").code == "C1"
    # an ordinary judge's PIN is the organiser's to reset alone
    w.sv.set_pin(w.a["O1"], "J1", "777777")
    with Session(w.engine) as s:
        ev = [
            json.loads(e.payload)["details"]
            for e in s.exec(select(EventRow).where(EventRow.kind == "set_pin"))
        ]
    assert {"judge": "S1", "official": True, "second": "C1"} in ev
    assert w.sv.verify().ok


def test_cli_set_pin_of_an_official_needs_a_second_official(cli_world: CliWorld) -> None:
    env = {"CONTEST_PIN": "2004", "CONTEST_NEW_PIN": "424242"}
    res = _invoke(cli_world, ["judges", "set-pin", "E1", "--as", "O1"], env)
    assert res.exit_code == 1 and "官员" in res.output, res.output
    res = _invoke(
        cli_world,
        ["print", "draw-sheet", "--as", "E1", "-o", f"{cli_world.out}/d.pdf"],
        {"CONTEST_PIN": "424242"},
    )
    assert res.exit_code == 1, res.output
    env |= {"CONTEST_PIN_S1": cli_world.w.pins["S1"]}
    res = _invoke(cli_world, ["judges", "set-pin", "E1", "--as", "O1", "--second", "S1"], env)
    assert res.exit_code == 0, res.output
    cli_world.w.sv.set_pin(cli_world.w.sv.login("E1", "424242"), "E1", cli_world.w.pins["E1"])


# -- the lockout holds against parallel guesses, and can be cleared -----------------------------------------------
def test_parallel_wrong_guesses_never_check_more_than_the_limit(fresh: World) -> None:
    """Twelve guesses at once (a slow hash, like argon2's, keeps them all in flight): at most 5 are checked."""
    import threading

    checked: list[str] = []
    real = fresh.sv.hasher
    gate = threading.Barrier(12)

    def slow_verify(h: str, pin: str) -> bool:
        checked.append(pin)
        threading.Event().wait(0.2)  # the hash takes time: every other guess arrives meanwhile
        return real.verify(h, pin)

    class Slow:
        verify = staticmethod(slow_verify)
        hash = staticmethod(real.hash)

    sv = Services(fresh.engine, fresh.sv.contest_id, hasher=Slow())
    errors: list[Exception] = []

    def guess(n: int) -> None:
        gate.wait()
        try:
            sv.login("C1", f"{n:06d}")
        except Exception as exc:  # noqa: BLE001 - every outcome is collected
            errors.append(exc)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 12 and all(isinstance(e, LoginFailed) for e in errors), errors
    assert len(checked) <= 5, checked
    with pytest.raises(LoginFailed, match="锁定"):
        fresh.sv.login("C1", fresh.pins["C1"])
    assert fresh.sv.verify().ok


def test_a_lockout_is_cleared_by_the_chief_or_organiser_with_a_reason(fresh: World) -> None:
    w = fresh
    for pin in ("0000", "1111", "2222", "3333", "4444"):
        with pytest.raises(LoginFailed):
            w.sv.login("S1", pin)
    with pytest.raises(LoginFailed, match="锁定"):
        w.sv.login("S1", w.pins["S1"])
    with pytest.raises(PermissionDenied):
        w.sv.unlock(w.a["J1"], "S1", "他忘了")
    with pytest.raises(InvalidState.__mro__[1]):  # ContestError: a reason is required
        w.sv.unlock(w.a["C1"], "S1", "  ")
    seq = head_seq(w.engine)
    w.sv.unlock(w.a["C1"], "S1", "监督本人到场确认")
    ev = events_after(w.engine, seq)
    assert [(e.kind, e.actor) for e in ev] == [("unlock", "C1")]
    assert json.loads(ev[0].payload)["details"] == {"judge": "S1", "reason": "监督本人到场确认"}
    assert w.sv.login("S1", w.pins["S1"]).code == "S1"
    w.sv.unlock(w.a["O1"], "S1", "组织者也可以")
    assert w.sv.verify().ok


# -- role separation ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "roles",
    [
        ("marking", "supervisor"),
        ("marking", "encryption"),
        ("clerk", "marking"),
        ("encryption", "marking", "clerk"),
    ],
)
def test_separated_roles_are_refused_at_import(fresh: World, roles: tuple[str, ...]) -> None:
    from contest.errors import ContestError

    before = fingerprint(fresh.engine)
    with pytest.raises(ContestError, match="不能同时担任"):
        fresh.sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "外单位", roles, ("A",), pin="4000")])
    assert fingerprint(fresh.engine) == before


def test_separated_roles_are_refused_at_the_located_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from contest.config import ROLE_CONFLICTS
    from contest.intake import import_judges

    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "姓名", "单位", "角色", "评分模块"])
    ws.append(["J1", "孙评分", "某医院", "评分裁判", "A"])
    ws.append(["J2", "周兼职", "某学校", "评分裁判、监督", "A"])
    path = tmp_path / "裁判名单.xlsx"
    wb.save(path)
    result = import_judges(path, modules=["A"], separated=ROLE_CONFLICTS)
    assert [r.code for r in result.records] == ["J1"]
    [p] = result.problems
    assert p.row == 3 and p.field == "roles" and "不能同时担任" in p.message


def test_cli_bundle_with_its_chain_of_names_waits_for_decryption(cli_world: CliWorld) -> None:
    res = _invoke(
        cli_world, ["export", "bundle", "-o", f"{cli_world.out}/b.zip", "--as", "O1"], {"CONTEST_PIN": "2004"}
    )
    assert res.exit_code == 1 and "解密前" in res.output, res.output
    assert not list(cli_world.out.iterdir())


def test_audit_verify_reports_every_pin_change_and_unlock(cli_world: CliWorld) -> None:
    """Setting or resetting a PIN and clearing a lockout are on the audit report (``contest audit verify``): who,
    when, for whom and with whom."""
    w = cli_world.w
    w.sv.set_pin(w.a["O1"], "J9", w.pins["J9"])  # the same PIN again: the world's other tests are unaffected
    res = _invoke(cli_world, ["audit", "verify"])
    assert "PIN 设置、重置与解锁" in res.output, res.output
    line = next(x for x in res.output.splitlines() if "设置PIN" in x and "J9" in x)
    assert "O1" in line
