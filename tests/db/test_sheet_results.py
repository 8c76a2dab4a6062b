"""Results stored at submit (contest.services.sheet_results): standings from the stored results are the very
standings the marks give (same Decimals, to the exponent: compared by ``repr``), for generated contests, on SQLite
and PostgreSQL; a stored result that is not what its marks score is reported by ``audit verify``; a stale one is
never used."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.services import Services, sheet_results
from contest.store.engine import create_schema
from contest.store.tables import SheetResultRow, SheetRow
from rubrics.model import ItemKind, ModuleRubric
from scoresheets import Applied, ItemEntry
from tests.db.conftest import make_test_engine, small_config
from tests.db.helpers import build_env, fill_sheet

ROUNDINGS = (
    "",  # the default: two decimals at item, module, part and total
    '\n[scoring.rounding]\nplaces = 2\nat = ["module", "part", "total"]\n',  # exact item scores (thirds)
    "\n[scoring.rounding]\nplaces = 1\n",
)


def _config(rounding: str, level: str) -> str:
    text_ = small_config().replace("aggregation =", f'level = "{level}"\naggregation =')
    return text_.replace("[[modules]]", rounding + "\n[[modules]]", 1) if rounding else text_


@st.composite
def _entries(draw: st.DrawFn, rubric: ModuleRubric) -> list[ItemEntry]:
    out = []
    for it in rubric.items:
        if it.kind == ItemKind.JUDGEMENT:
            out.append(ItemEntry(it.id, level=draw(st.integers(0, 3))))
        elif it.kind == ItemKind.MEASUREMENT and it.deductions:
            rules = draw(st.lists(st.sampled_from(it.deductions), max_size=3, unique_by=lambda d: d.code))
            out.append(
                ItemEntry(
                    it.id,
                    tuple(Applied(d.code, draw(st.integers(1, 3)) if d.repeatable else 1) for d in rules),
                )
            )
        else:
            out.append(ItemEntry(it.id, score=Decimal(it.points)))
    return out


def standings_repr(sv: Services, *, fresh: bool) -> str:
    st_, _ = Services(sv.engine, sv.contest_id).compute(fresh=fresh)
    return repr(st_)


@contextmanager
def fresh_engine(kind: str, tmp_path: Path) -> Iterator[Engine]:
    """A new empty database for one generated contest (a database holds one contest)."""
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    eng, _, cleanup = make_test_engine(kind, folder)
    create_schema(eng)
    try:
        yield eng
    finally:
        eng.dispose()
        if cleanup is not None:
            admin, schema = cleanup  # type: ignore[misc]
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), rounding=st.sampled_from(ROUNDINGS), level=st.sampled_from(["sheet", "item"]))
def test_standings_from_stored_results_are_the_standings_from_marks(
    kind: str, tmp_path: Path, data: st.DataObject, rounding: str, level: str
) -> None:
    with fresh_engine(kind, tmp_path) as engine:
        _generated_contest(engine, data, rounding, level)


def _generated_contest(engine: Engine, data: st.DataObject, rounding: str, level: str) -> None:
    env = build_env(engine, _config(rounding, level), n=3, judges=3)
    sv = env.sv
    cfg = sv.config()
    for k in (1, 2, 3):
        judge = sv.login(f"J{k}", env.pins[f"J{k}"])
        for m in cfg.modules:
            for station in env.stations:
                if data.draw(st.integers(0, 9)) == 0:
                    continue  # a sheet not submitted: a short panel
                rubric = m.rubric
                veto = data.draw(st.sampled_from([None, None, None, *(v.code for v in rubric.vetoes)]))
                sv.enter_sheet(
                    judge,
                    rubric.code,
                    station,
                    data.draw(_entries(rubric)),
                    seconds_used=data.draw(st.integers(0, rubric.time_limit_minutes * 60 + 900)),
                    veto=veto,
                )
    with Session(engine) as s:
        done = s.exec(select(SheetRow.id).where(SheetRow.state == "submitted")).all()
        stored = s.exec(select(SheetResultRow.sheet_id)).all()
    assert sorted(done) == sorted(stored)  # one stored result per submitted sheet
    assert standings_repr(sv, fresh=False) == standings_repr(sv, fresh=True)
    assert sv.verify().ok


def _fill_all(engine: Engine) -> Services:
    env = build_env(engine, small_config(), n=3, judges=3)
    sv = env.sv
    for k, level in zip((1, 2, 3), (3, 2, 1), strict=True):
        judge = sv.login(f"J{k}", env.pins[f"J{k}"])
        for m in ("A", "B"):
            for station in env.stations:
                fill_sheet(sv, judge, m, station, level=level)
    return sv


def test_a_stored_result_that_the_marks_do_not_give_is_reported_by_verify(engine: Engine) -> None:
    sv = _fill_all(engine)
    assert sv.verify().ok
    with Session(engine) as s:
        row = s.exec(select(SheetResultRow).order_by(SheetResultRow.sheet_id)).first()  # type: ignore[arg-type]
        assert row is not None
        sid, items = row.sheet_id, json.loads(row.items)
    first = next(iter(items))
    items[first] = items[first] + 1 if isinstance(items[first], int) else "1"
    with engine.begin() as conn:  # behind the system's back: the chain names it
        conn.execute(
            text("UPDATE sheet_result SET items = :i WHERE sheet_id = :s"),
            {"i": json.dumps(items, separators=(",", ":")), "s": sid},
        )
    problems = sv.verify().problems
    assert any(p.startswith("table sheet_result") and "changed outside the system" in p for p in problems)


def test_a_wrong_result_written_through_the_system_is_reported_and_never_used(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chain replays what the system wrote; the re-derivation from marks is what catches a wrong derivation
    (a bug in the code that stores results), and the standings use the stored result only while it is of the
    sheet's version and the module's rubric and rounding."""
    env = build_env(engine, small_config(), n=3, judges=3)
    sv = env.sv
    j1 = sv.login("J1", env.pins["J1"])
    real = sheet_results.derive

    def wrong(*args: object, **kwargs: object) -> dict[str, object] | None:
        values = real(*args, **kwargs)  # type: ignore[arg-type]
        assert values is not None
        return {**values, "total_cents": values["total_cents"] + 100}

    monkeypatch.setattr(sheet_results, "derive", wrong)
    fill_sheet(sv, j1, "A", env.stations[0])
    monkeypatch.setattr(sheet_results, "derive", real)
    problems = sv.verify().problems
    assert len(problems) == 1 and "not what the sheet's marks score" in problems[0], problems
    assert "total_cents" in problems[0]
    # a stored result of another sheet version is not used: the standings score that sheet from its marks
    with engine.begin() as conn:
        conn.execute(text("UPDATE sheet_result SET version = version + 7, items = '{}'"))
    assert standings_repr(sv, fresh=False) == standings_repr(sv, fresh=True)


def test_returns_sign_off_and_rubric_amendment_keep_one_current_result_per_done_sheet(engine: Engine) -> None:
    from contest.services.core import Correction

    sv = _fill_all(engine)
    chief = sv.login("C1", "2002")
    sup = sv.login("S1", "2003")
    station = sv.stations(sv.login("J1", "1000"), "A")[0].station

    def rows() -> dict[int, tuple[int, str]]:
        with Session(engine) as s:
            heads = {
                sh.id: (sh.version, sh.state) for sh in s.exec(select(SheetRow)).all() if sh.id is not None
            }
            got = {r.sheet_id: (r.version, r.basis) for r in s.exec(select(SheetResultRow)).all()}
        assert set(got) == {k for k, (_, state) in heads.items() if state in ("submitted", "signed_off")}
        assert all(got[k][0] == heads[k][0] for k in got)
        return got

    n = len(rows())
    sv.return_sheet(chief, "A", station, "J1", "请复核")
    assert len(rows()) == n - 1
    fill_sheet(sv, sv.login("J1", "1000"), "A", station, level=2)
    assert len(rows()) == n
    before = rows()
    sv.sign_off(chief, "B", "测试")
    assert len(rows()) == n and rows() != before  # signed-off sheets: a new version, results re-derived
    basis_before = {v[1] for v in rows().values()}
    sv.amend_rubric(chief, "A", Correction(chief, sup, "扣分更正"), edits=["A1-1=0.5"])
    assert {v[1] for v in rows().values()} != basis_before  # module A's results follow the new rubric
    assert standings_repr(sv, fresh=False) == standings_repr(sv, fresh=True)
    assert sv.verify().ok, sv.verify().problems


def test_marks_remembered_by_a_write_are_the_marks_it_stored(engine: Engine) -> None:
    """A write transaction reads the marks of a sheet it wrote from what it remembers (no statement); whatever it
    appended, corrected and withdrew, in any order, those are exactly the rows a fresh read gives — ids,
    superseded marks and all."""
    from contest.services.marking import (
        _WRITTEN,
        append_marks,
        append_withdrawal,
        current_marks,
        remembered,
    )
    from contest.store.engine import write_session

    env = build_env(engine, small_config(), n=2, judges=1)
    judge = env.sv.login("J1", env.pins["J1"])
    rubric = env.sv.config().module("A").rubric
    first = rubric.items[0]
    env.sv.save_mark(
        judge,
        "A",
        env.stations[0],
        ItemEntry(first.id, level=1) if first.kind == "judgement" else ItemEntry(first.id),
    )
    with Session(engine) as s:
        sheet_id = s.exec(select(SheetRow.id)).one()
    assert sheet_id is not None
    ops = st.lists(
        st.tuples(
            st.sampled_from(["append", "withdraw"]),
            st.lists(st.sampled_from(rubric.items), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    )
    columns = (
        "id",
        "item_id",
        "withdrawn",
        "deductions",
        "level",
        "score_cents",
        "judge_code",
        "supersedes_id",
    )

    def rows(marks: dict[str, object]) -> list[tuple[object, ...]]:
        return [tuple(getattr(m, c) for c in columns) for m in marks.values()]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ops)
    def check(sequence: list[tuple[str, list[object]]]) -> None:
        with write_session(engine, env.sv.contest_id) as s:
            for kind, items in sequence:
                if kind == "append":
                    entries = [
                        ItemEntry(it.id, level=2) if it.kind == "judgement" else ItemEntry(it.id)
                        for it in items
                    ]
                    append_marks(s, sheet_id, entries, judge_code="J1", at=env.sv.clock())
                else:
                    for it in items:
                        if it.id in current_marks(s, [sheet_id])[sheet_id]:
                            append_withdrawal(s, sheet_id, it.id, judge_code="J1", at=env.sv.clock())
            if sheet_id in remembered(s):
                known = rows(current_marks(s, [sheet_id])[sheet_id])
                s.info.pop(_WRITTEN)
                assert known == rows(current_marks(s, [sheet_id])[sheet_id])
            s.rollback()

    check()


def test_sheets_marked_alike_are_rebuilt_as_rebuild_gives_each_with_its_own_dicts() -> None:
    """:class:`sheet_results.Rebuilder` (one standings computation) gives every sheet what :func:`rebuild` gives
    it, down to the Decimal exponents, though sheets with the same stored text, veto and time over share one
    :func:`rebuild`; seconds over the limit and a veto keep sheets apart; a refused sheet is refused every time."""
    from contest.config import parse_config
    from contest.demo import demo_config
    from scoresheets.errors import EntryRefused
    from scoresheets.model import JudgeSheet

    rubric = parse_config(demo_config(calibration=False)).modules[0].rubric
    limit = rubric.time_limit_minutes * 60
    first, second = rubric.items[0].id, rubric.items[1].id
    items = [
        json.dumps({i.id: 100 for i in rubric.items}),
        json.dumps({i.id: (150 if i.id == first else 25) for i in rubric.items}).replace("25", "0.333E0", 1),
    ]
    levels = ["{}", json.dumps({second: 2})]
    vetoes = [None, *(v.code for v in rubric.vetoes[:1])]
    rebuilt = sheet_results.Rebuilder()
    seen: list[object] = []
    for k in range(40):
        judge, contestant = f"J{k % 5}", f"{k // 5:03d}"
        seconds = (None, limit - 30, limit, limit + 1, limit + 61, limit + 3_000)[k % 6]
        veto, item_text, level_text = vetoes[k % 2], items[k // 3 % 2], levels[k // 7 % 2]
        got = rebuilt(rubric, judge, contestant, veto, seconds, "", item_text, level_text)
        sheet = JudgeSheet(judge, contestant, (), veto, seconds, "")
        assert repr(got) == repr(sheet_results.rebuild(rubric, sheet, item_text, level_text))
        assert all(got.item_scores is not s and got.levels is not s for s in seen)
        seen += [got.item_scores, got.levels]
    for _ in range(2):
        with pytest.raises(EntryRefused):
            rebuilt(rubric, "J1", "001", None, -5, "", items[0], levels[0])
