"""A rubric error found mid-contest (评分细则更正): the chief judge previews the corrected rubric — standings and
awards beside today's, who moves — and the chief judge and the supervisor apply it together with a reason; after
decryption it is a 更正 like any other. Both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contest.errors import PermissionDenied
from contest.services import Services
from contest.services.core import Correction
from contest.services.rubric_change import RubricInvalidForContest
from rubrics.load import load_library
from scoresheets import Applied, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env
from tests.pins import CHEAP_HASHER

D = Decimal


def _mark(sv: Services, env, deducted: dict[str, tuple[Applied, ...]]) -> None:  # noqa: ANN001
    """Every judge gives every station full marks in A and B, except item A1's ``deducted`` rules per station."""
    for code in ("J1", "J2", "J3"):
        judge = sv.login(code, env.pins[code])
        for module in ("A", "B"):
            for st in env.stations:
                entries = [
                    ItemEntry(i.id, level=3)
                    if i.kind == "judgement"
                    else ItemEntry(i.id, deducted.get(st, ()) if i.id == "A1" else ())
                    for i in sv.config().module(module).rubric.items
                ]
                sv.enter_sheet(judge, module, st, entries, seconds_used=900)


def _pinned_config() -> str:
    """The small contest with module A's rubric pinned by hash, as organisers are told to do."""
    lib = load_library()
    pin = lib.modules["elderly_care.basic_care"].content_hash[:16]
    return small_config().replace(
        'rubric = "elderly_care.basic_care"\n', f'rubric = "elderly_care.basic_care"\nhash = "{pin}"\n', 1
    )


def test_the_preview_shows_who_moves_and_changes_nothing(engine) -> None:  # noqa: ANN001
    env = build_env(engine, _pinned_config(), n=4)
    sv = env.sv
    first, second = env.stations[0], env.stations[1]
    # A1-1 (−1, repeatable) three times at the first station: 97; A1-2 (−2) at the second: 98; the others 100
    _mark(sv, env, {first: (Applied("A1-1", 3),), second: (Applied("A1-2"),)})
    chief = sv.login("C1", env.pins["C1"])
    amount = sv.config().module("A").rubric.item("A1").deduction("A1-1").points  # type: ignore[union-attr]
    today = {line.station: line for line in sv.standings(chief).lines}
    view = sv.preview_rubric_change(chief, "A", edits=["A1-1=0.5"])
    assert [(d.where, d.what, d.before, d.after) for d in view.differences] == [
        ("A1-1", "deduction", amount, D("0.5"))
    ]
    rows = {r.label: r.line for r in view.rows}
    assert set(rows) == set(env.stations)  # stations before decryption, never names
    assert rows[first].module_before == today[first].modules["A"]
    assert rows[first].module_after - rows[first].module_before == 3 * (amount - D("0.5"))  # 97 → 98.5
    assert (rows[first].rank_before, rows[first].rank_after) == (today[first].rank, 3) == (4, 3)
    assert rows[second].module_after == rows[second].module_before
    assert (rows[second].rank_before, rows[second].rank_after) == (
        3,
        4,
    )  # overtaken without a change of its own
    assert {r.label for r in view.moved} == {first, second}
    # nothing changed, and the preview is in the log
    assert {line.station: line.total for line in sv.standings(chief).lines} == {
        k: v.total for k, v in today.items()
    }
    assert sv.config().module("A").rubric.item("A1").deduction("A1-1").points == amount  # type: ignore[union-attr]
    assert sv.verify().ok
    with pytest.raises(PermissionDenied):
        sv.preview_rubric_change(sv.login("J1", env.pins["J1"]), "A", edits=["A1-1=0.5"])


def test_a_proposal_the_marks_do_not_fit_is_refused_with_its_places(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    with pytest.raises(RubricInvalidForContest, match="A9"):
        sv.preview_rubric_change(chief, "A", edits=["A9=1"])
    with pytest.raises(RubricInvalidForContest, match="max_points"):
        sv.preview_rubric_change(chief, "A", edits=["A1=99"])  # the items no longer add up to the maximum
    snapshot = sv.config().module("A").rubric
    text = _stored_text(sv).replace('code = "A1-1"', 'code = "A1-9"', 1)
    with pytest.raises(RubricInvalidForContest, match=r"deductions\[A1-1\]"):
        sv.preview_rubric_change(chief, "A", text=text, source="更正.toml")
    assert sv.config().module("A").rubric == snapshot


def _stored_text(sv: Services) -> str:
    from sqlmodel import Session, select

    from contest.store.tables import ModuleRow

    with Session(sv.engine) as s:
        row = s.exec(select(ModuleRow).where(ModuleRow.code == "A")).one()
        return row.snapshot


def test_applying_needs_the_chief_judge_and_the_supervisor(engine) -> None:  # noqa: ANN001
    env = build_env(engine, _pinned_config(), n=4)
    sv = env.sv
    _mark(sv, env, {env.stations[0]: (Applied("A1-1"),)})
    chief, sup = sv.login("C1", env.pins["C1"]), sv.login("S1", env.pins["S1"])
    with pytest.raises(PermissionDenied):
        sv.amend_rubric(chief, "A", Correction(chief, chief, "笔误"), edits=["A1-1=0.5"])
    with pytest.raises(PermissionDenied):
        sv.amend_rubric(chief, "A", Correction(chief, sup, "  "), edits=["A1-1=0.5"])
    old = sv.config().module("A").rubric.content_hash
    new = sv.amend_rubric(
        chief, "A", Correction(chief, sup, "A1-1 扣分印刷错误，应为 0 分"), edits=["A1-1=0.5"]
    )
    assert new != old
    rubric = sv.config().module("A").rubric
    assert rubric.content_hash == new and rubric.item("A1").deduction("A1-1").points == D("0.5")  # type: ignore[union-attr]
    # a second process (another terminal) sees the corrected rubric too, and the pin follows it
    other = Services(sv.engine, sv.contest_id, hasher=CHEAP_HASHER)
    assert other.config().module("A").rubric.content_hash == new
    by = {line.station: line.modules["A"] for line in sv.standings(chief).lines}
    assert by[env.stations[1]] - by[env.stations[0]] == D("0.5")  # A1-1 now costs half a point
    assert sv.verify().ok


def test_after_decryption_the_amendment_is_a_correction(engine) -> None:  # noqa: ANN001
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    _mark(sv, env, {env.stations[0]: (Applied("A1-1"),)})
    chief, sup = sv.login("C1", env.pins["C1"]), sv.login("S1", env.pins["S1"])
    sv.import_theory_scores(
        sv.login("O1", env.pins["O1"]), {st: (D(80), {}) for st in env.stations}, source="theory.xlsx"
    )
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    view = sv.preview_rubric_change(chief, "A", edits=["A1-1=0.5"])
    assert view.decrypted and all(not r.label.isdigit() for r in view.rows)  # names after decryption
    sv.amend_rubric(sup, "A", Correction(chief, sup, "A1-1 扣分印刷错误"), edits=["A1-1=0.5"])
    assert sv.verify().ok  # the results the correction left are recorded and re-derived
    by = {line.station: line.modules["A"] for line in sv.standings(chief).lines}
    assert sorted(set(by.values()))[-1] - sorted(set(by.values()))[0] == D("0.5")
