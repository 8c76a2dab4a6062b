"""Services on SQLite and PostgreSQL: the whole workflow, append-only marks, anonymity, permissions, states."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from contest.errors import ContestError, InvalidState, LoginFailed, PermissionDenied, StaleWrite
from contest.services import CONSOLE, ContestantIn, Services
from contest.services.core import Correction
from contest.store.tables import EventRow, MarkRow
from scoresheets import Applied, EntryRefused, ItemEntry, SheetIncomplete
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet
from tests.pins import CHEAP_HASHER


def test_whole_day_gives_standings_and_a_clean_chain(engine) -> None:
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    judges = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j, level in zip(judges, (3, 2, 3), strict=True):
        for st in env.stations:
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=level)
    chief = sv.login("C1", env.pins["C1"])
    prog = sv.progress(chief)
    assert [(p.expected, p.submitted) for p in prog] == [(12, 12), (12, 12)]
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    before = sv.standings(chief)
    assert not before.decrypted and all(line.name == "" for line in before.lines)
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    after = sv.standings(chief)
    assert after.decrypted and after.final
    assert {line.name for line in after.lines} == {f"选手{i:02d}" for i in range(4)}
    # all four are identical: everyone shares rank 1
    assert {line.rank for line in after.lines} == {1}
    report = sv.verify()
    assert report.ok, report.problems


def test_marks_are_append_only_and_current_state_is_derived(engine) -> None:
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    st = env.stations[0]
    v = sv.save_mark(j, "A", st, ItemEntry("A1"))
    assert v.item_scores["A1"] == Decimal("6.00")
    v = sv.save_mark(j, "A", st, ItemEntry("A1", (Applied("A1-1", 2),)), v.version, reason="补扣")
    assert v.item_scores["A1"] == Decimal("4.00")
    v = sv.withdraw_mark(j, "A", st, "A1", v.version)
    assert "A1" in v.open_items
    with Session(engine) as s:
        rows = s.exec(select(MarkRow).where(MarkRow.item_id == "A1").order_by(MarkRow.id)).all()
    assert len(rows) == 3
    assert rows[1].supersedes_id == rows[0].id and rows[2].supersedes_id == rows[1].id and rows[2].withdrawn


def test_stale_write_is_refused_with_who_changed_it(engine) -> None:
    env = build_env(engine, small_config(), n=1)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    st = env.stations[0]
    v0 = sv.open_sheet(j, "A", st)
    sv.save_mark(j, "A", st, ItemEntry("A1"), v0.version)
    with pytest.raises(StaleWrite, match="J1"):
        sv.save_mark(j, "A", st, ItemEntry("A2"), v0.version)
    assert "A2" not in sv.open_sheet(j, "A", st).entries


def test_impossible_entries_are_refused_and_nothing_stored(engine) -> None:
    env = build_env(engine, small_config(), n=1)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    st = env.stations[0]
    rubric = sv.config().module("A").rubric
    judgement = next(i for i in rubric.items if i.kind == "judgement")
    for bad in (
        ItemEntry("NOPE"),
        ItemEntry(judgement.id, level=4),
        ItemEntry("A1", (Applied("B1-1"),)),
        ItemEntry("A1", score=Decimal("99")),
    ):
        with pytest.raises(EntryRefused):
            sv.save_mark(j, "A", st, bad)
    with pytest.raises(EntryRefused):
        sv.set_sheet_info(j, "A", st, veto="XX")
    assert sv.open_sheet(j, "A", st).entries == {}


def test_submit_needs_every_item_and_then_is_read_only(engine) -> None:
    env = build_env(engine, small_config(), n=1)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    st = env.stations[0]
    sv.save_mark(j, "A", st, ItemEntry("A1"))
    with pytest.raises(SheetIncomplete) as exc:
        sv.submit_sheet(j, "A", st)
    assert "A2" in exc.value.missing
    fill_sheet(sv, j, "A", st)
    assert sv.open_sheet(j, "A", st).state == "submitted"
    with pytest.raises(InvalidState):
        sv.save_mark(j, "A", st, ItemEntry("A1"))
    chief = sv.login("C1", env.pins["C1"])
    sv.return_sheet(chief, "A", st, "J1", "A6 血压读数请复核")
    v = sv.open_sheet(j, "A", st)
    assert v.state == "returned" and "血压" in v.return_reason
    v = sv.save_mark(j, "A", st, ItemEntry("A1", (Applied("A1-1"),)), v.version)
    sv.submit_sheet(j, "A", st, v.version)
    assert sv.open_sheet(j, "A", st).state == "submitted"


def test_judge_facing_views_never_carry_identity(engine) -> None:
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    j = sv.login("J1", env.pins["J1"])
    secrets = set()
    for line in sv.standings(CONSOLE).lines:
        assert line.name == "" and line.unit == "" and line.id_masked == ""
    with Session(engine) as s:
        from contest.store.tables import ContestantRow

        for c in s.exec(select(ContestantRow)).all():
            secrets |= {c.name, c.id_number, c.unit}
    st = env.stations[0]
    views = [*sv.stations(j, "A"), sv.open_sheet(j, "A", st), sv.save_mark(j, "A", st, ItemEntry("A1"))]
    for v in views:
        text = repr(dataclasses.asdict(v)) if dataclasses.is_dataclass(v) else repr(v)
        assert not any(x in text for x in secrets), text[:200]


def test_permissions_are_refused_and_logged(engine) -> None:
    env = build_env(engine, small_config(modules=("basic_care", "rehabilitation")), n=1)
    sv = env.sv
    st = env.stations[0]
    j = sv.login("J1", env.pins["J1"])
    chief = sv.login("C1", env.pins["C1"])
    sv.import_judges(
        CONSOLE,
        [
            type(sv).__mro__[0]
            and __import__("contest.services", fromlist=["JudgeIn"]).JudgeIn(
                "J9", "只评A", "x", ("marking",), ("A",), pin="9999"
            )
        ],
    )
    only_a = sv.login("J9", "9999")
    with pytest.raises(PermissionDenied):
        sv.save_mark(only_a, "B", st, ItemEntry("B1"))
    with pytest.raises(PermissionDenied):
        sv.save_mark(chief, "A", st, ItemEntry("A1"))
    with pytest.raises(PermissionDenied):
        sv.draw(j)
    with pytest.raises(PermissionDenied):
        sv.standings(j)
    with pytest.raises(PermissionDenied):
        sv.sign_off(j, "A")
    with pytest.raises(PermissionDenied):
        sv.decrypt("C1", env.pins["C1"], "C1", env.pins["C1"])
    with pytest.raises(PermissionDenied):
        sv.decrypt("C1", env.pins["C1"], "S1", "0000")
    with Session(engine) as s:
        denied = s.exec(select(EventRow).where(EventRow.kind == "denied")).all()
    assert len(denied) == 7
    assert sv.verify().ok


def test_signoff_gate_and_override(engine) -> None:
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    j = sv.login("J1", env.pins["J1"])
    fill_sheet(sv, j, "A", env.stations[0])
    with pytest.raises(InvalidState, match="未提交"):
        sv.sign_off(chief, "A")
    with pytest.raises(InvalidState):
        sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    with pytest.raises(InvalidState, match="监督会签"):  # an override covers alerts, not missing sheets
        sv.sign_off(chief, "A", override_reason="J2、J3 纸质评分表另行录入")
    sv.sign_off(chief, "A", "J2、J3 纸质评分表另行录入", supervisor=("S1", env.pins["S1"]))
    assert next(m for m in sv.info().modules if m.code == "A").signed_off


def test_login_lockout_after_five_failures(engine) -> None:
    env = build_env(engine, small_config(), n=1, draw=False)
    now = [datetime(2026, 5, 20, 9, 0, tzinfo=UTC)]
    sv = Services(engine, env.sv.contest_id, clock=lambda: now[0], hasher=CHEAP_HASHER)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            sv.login("J1", "0000")
    with pytest.raises(LoginFailed, match="锁定"):
        sv.login("J1", env.pins["J1"])
    now[0] += timedelta(minutes=5, seconds=1)
    assert sv.login("J1", env.pins["J1"]).code == "J1"


def test_import_is_idempotent_and_reports_changes(engine) -> None:
    env = build_env(engine, small_config(), n=3, draw=False)
    sv = env.sv
    from datetime import date

    from tests.db.helpers import valid_id

    people = [
        ContestantIn(
            f"选手{i:02d}",
            "男" if i % 2 else "女",
            valid_id(date(1980, 1, 1 + i), i, bool(i % 2)),
            f"单位{i % 3}",
            "13800138000",
            "养老护理员",
        )
        for i in range(3)
    ]
    r = sv.import_contestants(CONSOLE, people)
    assert (r.added, r.updated, r.unchanged) == (0, 0, 3)
    changed = [dataclasses.replace(people[0], unit="新单位"), *people[1:]]
    dry = sv.import_contestants(CONSOLE, changed, dry_run=True)
    assert dry.dry_run and dry.updated == 1 and "新单位" in dry.changes[0]
    assert sv.import_contestants(CONSOLE, people).unchanged == 3  # the dry run wrote nothing
    r = sv.import_contestants(CONSOLE, changed[:2], remove_missing=True)
    assert (r.updated, r.removed) == (1, 1)
    assert sv.info().contestants == 2


def test_appeal_reopens_a_sheet_and_results_say_so(engine) -> None:
    env = build_env(engine, small_config(modules=("basic_care",)), n=2)
    sv = env.sv
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in js:
        for st in env.stations:
            fill_sheet(sv, j, "A", st)
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    sup = sv.login("S1", env.pins["S1"])
    aid = sv.lodge_appeal(sup, env.stations[0], "A", "选手认为A9扣分有误")
    with pytest.raises(PermissionDenied, match="更正"):  # after decryption a reopen is a correction
        sv.rule_appeal(sup, aid, "复核后J1的A9更正", ["J1"])
    fix = Correction(chief, sup, "申诉成立：A9 扣分有误")
    sv.rule_appeal(sup, aid, "复核后J1的A9更正", ["J1"], correction=fix)
    v = sv.open_sheet(js[0], "A", env.stations[0])
    assert v.state == "returned" and "申诉" in v.return_reason
    v = sv.save_mark(js[0], "A", env.stations[0], ItemEntry("A9", (Applied("A9-1"),)), v.version)
    sv.submit_sheet(js[0], "A", env.stations[0], v.version)
    sv.sign_off(chief, "A")
    lines = {line.station: line for line in sv.standings(chief).lines}
    assert "申诉" in lines[env.stations[0]].remark
    assert sv.verify().ok


def test_contest_config_errors_are_all_listed(engine) -> None:
    bad = (
        small_config()
        .replace("theory_weight = 0.2", "theory_weight = 2")
        .replace('aggregation = "trimmed_mean"', 'aggregation = "average"', 1)
    )
    with pytest.raises(ContestError) as exc:
        Services.create_contest(engine, bad + "\n[typo]\nx = 1\n", hasher=CHEAP_HASHER)
    msg = str(exc.value)
    assert "theory_weight" in msg and "aggregation" in msg and "typo" in msg


def test_pins_are_hashed_before_the_write_transaction(engine, monkeypatch) -> None:
    """argon2 is slow on purpose; hashing inside the write lock would stall every judge at the venue."""
    import contextlib

    from contest.services import JudgeIn
    from contest.services.core import ServiceContext

    env = build_env(engine, small_config(), n=2)
    in_write = False
    hashed_inside: list[str] = []
    original_write = ServiceContext.write
    original = env.sv.hasher

    @contextlib.contextmanager
    def write(self, *args, **kwargs):
        nonlocal in_write
        with original_write(self, *args, **kwargs) as s:
            in_write = True
            try:
                yield s
            finally:
                in_write = False

    class Watched:
        def hash(self, pin: str) -> str:
            if in_write:
                hashed_inside.append(pin)
            return original.hash(pin)

        def __getattr__(self, name: str) -> object:
            return getattr(original, name)

    monkeypatch.setattr(ServiceContext, "write", write)
    sv = Services(engine, env.sv.contest_id, hasher=Watched())
    org = sv.login("O1", env.pins["O1"])
    pins = sv.import_judges(
        org,
        [
            JudgeIn("J9", "新裁判", "外单位", ("marking",), ("A",)),
            JudgeIn("J1", "裁判1", "外单位", ("marking",), ("A",), pin="4321"),
        ],
    )
    sv.set_pin(org, "J2", "8765")
    assert hashed_inside == []
    assert sv.login("J9", pins["J9"]).code == "J9"
    assert sv.login("J1", "4321").code == "J1" and sv.login("J2", "8765").code == "J2"


def test_pins_are_hashed_with_argon2s_defaults_unless_the_services_are_given_a_hasher() -> None:
    """Production has no cheaper setting: the services, ``create_contest`` and the command line default to
    argon2's own parameters; a hasher is a constructor argument. A PIN hashed cheaply is checked by the default
    hasher at the cost stored in its hash (so processes a test starts log in quickly)."""
    from argon2 import PasswordHasher

    from contest import cli
    from contest.services.core import PIN_HASHER
    from contest.store.engine import make_engine
    from tests.pins import CHEAP_HASHER

    defaults = PasswordHasher()
    assert isinstance(PIN_HASHER, PasswordHasher)
    assert (PIN_HASHER.time_cost, PIN_HASHER.memory_cost, PIN_HASHER.parallelism) == (
        defaults.time_cost,
        defaults.memory_cost,
        defaults.parallelism,
    )
    engine = make_engine("sqlite://")
    assert Services(engine).hasher is PIN_HASHER
    assert Services(engine, hasher=CHEAP_HASHER).hasher is CHEAP_HASHER
    assert type(cli.state).hasher is None  # the suite sets the instance's; nothing else does
    assert PIN_HASHER.verify(CHEAP_HASHER.hash("4321"), "4321")
