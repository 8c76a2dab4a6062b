"""Issue 13, on SQLite and PostgreSQL: role separation from the contest's configuration, corrections after
decryption, the certificate registry, the print gate's completeness and integrity checks, and checkable chain
heads. (The command line's door, PIN resets and the lockout are in ``tests/hardening/test_permissions.py``.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from contest.errors import ContestError, PermissionDenied, PrintRefused
from contest.outputs import write_result_sheet
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.services.core import Correction
from contest.store.tables import ContestantRow
from tests.db.conftest import small_config
from tests.db.helpers import Env, build_env, fill_sheet
from tests.db.templates import Templates
from tests.pins import CHEAP_HASHER


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _people(engine: Engine) -> list[ContestantRow]:
    with Session(engine) as s:
        return list(s.exec(select(ContestantRow).order_by(ContestantRow.id)).all())  # type: ignore[arg-type]


def test_separated_roles_may_be_combined_when_the_contest_says_so(engine: Engine) -> None:
    cfg = small_config() + '\n[roles]\ncombine = ["clerk+marking"]\n'
    sv = Services(engine, Services.create_contest(engine, cfg), hasher=CHEAP_HASHER)
    sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "外单位", ("marking", "clerk"), ("A",), pin="4000")])
    with pytest.raises(ContestError, match="不能同时担任"):
        sv.import_judges(
            CONSOLE, [JudgeIn("X2", "兼职", "外单位", ("marking", "supervisor"), ("A",), pin="4000")]
        )


# -- corrections after decryption (更正) --------------------------------------------------------------------------
def _decrypted(engine: Engine) -> Env:
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in js:
        for i, st in enumerate(env.stations):
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=3 - (i % 2))
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80 + i), {}) for i, st in enumerate(env.stations)})
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    return env


@pytest.fixture
def decrypted(engine: Engine, templates: Templates) -> Env:
    """Two modules, four contestants, three judges; marked (one contestant lower), theory in, signed off,
    decrypted (a copy of a contest built once per worker)."""
    return templates.env(engine, "authority-decrypted", _decrypted)


def _officials(env: Env, reason: str = "理论机考成绩复核有误") -> Correction:
    return Correction(env.sv.login("C1", env.pins["C1"]), env.sv.login("S1", env.pins["S1"]), reason)


def _last_kinds(sv: Services, n: int = 3) -> list[tuple[str, str]]:
    return [(actor, kind) for _seq, _at, actor, kind, _d in sv.events(n)]


def test_theory_import_after_decryption_is_a_correction_of_two_officials(
    decrypted: Env, tmp_path: Path
) -> None:
    env, sv = decrypted, decrypted.sv
    org = sv.login("O1", env.pins["O1"])
    low = env.stations[0]
    before = {line.station: line.total for line in sv.standings(CONSOLE).lines}
    with pytest.raises(PermissionDenied, match="更正"):
        sv.import_theory_scores(org, {low: (Decimal(100), {})})
    assert _last_kinds(sv, 1) == [("O1", "denied")]
    assert {line.station: line.total for line in sv.standings(CONSOLE).lines} == before
    # the same scores again change nothing: no correction needed
    sv.import_theory_scores(org, {low: (Decimal(80), {})})
    # one official twice is not two
    c1 = sv.login("C1", env.pins["C1"])
    with pytest.raises(PermissionDenied):
        sv.import_theory_scores(org, {low: (Decimal(100), {})}, correction=Correction(c1, c1, "x"))
    with pytest.raises(PermissionDenied):
        sv.import_theory_scores(
            org, {low: (Decimal(100), {})}, correction=Correction(c1, sv.login("S1", env.pins["S1"]), " ")
        )
    sv.import_theory_scores(org, {low: (Decimal(100), {})}, source="复核.xlsx", correction=_officials(env))
    after = {line.station: line.total for line in sv.standings(CONSOLE).lines}
    assert after[low] == before[low] + Decimal(20) * sv.config().theory_weight
    report = sv.verify()
    assert report.ok, report.problems
    [(_, _, kind, rec)] = sv.corrections()
    assert kind == "theory_scores" and rec["chief"] == "C1" and rec["supervisor"] == "S1"
    assert "80.00→100" in rec["changed"] or "80→100" in rec["changed"], rec
    path = write_result_sheet(sv, c1, tmp_path / "r.pdf")
    text = _pdf_text(path)
    assert "更正" in text and "理论机考成绩复核有误" in text and "C1" in text and "S1" in text


def test_contestant_removal_after_decryption_is_a_correction_and_verifies(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    people = [
        ContestantIn(p.name, p.gender, p.id_number, p.unit, p.phone, p.project)
        for p in _people(env.sv.engine)
    ]
    with pytest.raises(PermissionDenied, match="更正"):
        sv.import_contestants(CONSOLE, people[1:], remove_missing=True)
    assert sv.info().contestants == 4
    sv.import_contestants(
        CONSOLE, people[1:], remove_missing=True, correction=_officials(env, "冒名顶替，取消资格")
    )
    assert sv.info().contestants == 3
    report = sv.verify()
    assert report.ok, report.problems  # no false alarm: the correction recorded the results it left


def test_appeal_reopen_after_decryption_is_a_correction(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    s1 = sv.login("S1", env.pins["S1"])
    aid = sv.lodge_appeal(s1, env.stations[1], "A", "对A1评分有异议")
    with pytest.raises(PermissionDenied, match="更正"):
        sv.rule_appeal(s1, aid, "重评A1", ["J1"])
    sv.rule_appeal(s1, aid, "驳回")  # a ruling that reopens nothing moves no result
    aid2 = sv.lodge_appeal(s1, env.stations[1], "A", "再次申诉")
    sv.rule_appeal(s1, aid2, "重评A1", ["J1"], correction=_officials(env, "申诉成立"))
    assert sv.verify().ok
    assert [k for _, _, k, _ in sv.corrections()] == ["ruling"]


def test_a_theory_change_behind_the_correction_is_still_caught(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    sv.import_theory_scores(
        sv.login("O1", env.pins["O1"]), {env.stations[0]: (Decimal(99), {})}, correction=_officials(env)
    )
    assert sv.verify().ok
    with sv.engine.begin() as c:
        c.execute(text("UPDATE theory SET total_cents = 10000"))
    assert not sv.verify().ok


# -- the certificate registry -------------------------------------------------------------------------------------
def test_certificate_numbers_are_never_reused_and_a_reprint_revokes_the_old_ones(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    chief = sv.login("C1", env.pins["C1"])
    first = sv.certificates(chief).certificates
    second = sv.certificates(chief).certificates
    assert first and len(second) == len(first)
    assert not {c.number for c in first} & {c.number for c in second}
    by_name = {c.name: c.number for c in second}
    for old in first:
        r = sv.verify_certificate(old.verification)
        assert not r.ok and r.revoked and r.replaced_by == by_name[old.name], r
        assert "重新打印" in r.reason
    for new in second:
        r = sv.verify_certificate(new.verification)
        assert r.ok and not r.revoked, r
    unknown = sv.verify_certificate("NOPE20260999-ABCDEF123456")
    assert not unknown.ok and not unknown.revoked and "查无" in unknown.message.text("zh")


def test_a_correction_revokes_the_certificates_printed_before_it(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    chief = sv.login("C1", env.pins["C1"])
    before = sv.certificates(chief).certificates
    assert all(sv.verify_certificate(c.verification).ok for c in before)
    sv.import_theory_scores(
        sv.login("O1", env.pins["O1"]),
        {st: (Decimal(60), {}) for st in env.stations[2:]},
        correction=_officials(env, "理论成绩录入错误"),
    )
    for c in before:
        r = sv.verify_certificate(c.verification)
        assert r.revoked and not r.ok and "更正" in r.reason and r.replaced_by == "", r
    after = sv.certificates(chief).certificates
    assert all(sv.verify_certificate(c.verification).ok for c in after)
    replaced = {c.name: c.number for c in after}
    for c in before:
        r = sv.verify_certificate(c.verification)
        assert r.revoked and r.replaced_by == replaced.get(c.name, ""), r
    assert sv.verify().ok


# -- print-time completeness and integrity ------------------------------------------------------------------------
def _no_theory(engine: Engine) -> Env:
    env = build_env(engine, small_config(), n=4)
    sv = env.sv
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for st in env.stations:
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st)
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    return env


@pytest.fixture
def no_theory(engine: Engine, templates: Templates) -> Env:
    """Marked, signed off and decrypted, but no theory score at all (theory weighs 20 %)."""
    return templates.env(engine, "authority-no-theory", _no_theory)


def test_missing_theory_scores_block_final_printing_unless_overridden(no_theory: Env, tmp_path: Path) -> None:
    env, sv = no_theory, no_theory.sv
    chief = sv.login("C1", env.pins["C1"])
    with pytest.raises(PrintRefused, match="成绩不完整.*理论成绩缺 4 人"):
        sv.result_sheet(chief)
    with pytest.raises(PrintRefused, match="成绩不完整"):
        sv.certificates(chief)
    path = write_result_sheet(sv, chief, tmp_path / "r.pdf", override="理论成绩另行公布")
    assert "成绩不完整" in _pdf_text(path) and "理论成绩另行公布" in _pdf_text(path)
    [(_, _, actor, kind, details)] = sv.events(1)
    assert (actor, kind) == ("C1", "print") and "理论成绩缺 4 人" in details


def test_a_forged_mark_blocks_final_printing(decrypted: Env) -> None:
    env, sv = decrypted, decrypted.sv
    chief = sv.login("C1", env.pins["C1"])
    sv.result_sheet(chief)  # prints while the data verifies
    with sv.engine.begin() as c:
        c.execute(text("UPDATE mark SET level = 0 WHERE id IN (SELECT MIN(id) FROM mark WHERE level = 3)"))
    with pytest.raises(PrintRefused, match="审计链校验失败"):
        sv.result_sheet(chief)
    with pytest.raises(PrintRefused, match="审计链校验失败"):
        sv.certificates(chief, override="无论如何要打印")
    with pytest.raises(PrintRefused, match="审计链校验失败"):
        sv.score_sheets(chief)


# -- chain heads people can check ---------------------------------------------------------------------------------
def test_documents_print_a_128_bit_head_the_chain_can_be_asked_about(decrypted: Env, tmp_path: Path) -> None:
    import re

    env, sv = decrypted, decrypted.sv
    chief = sv.login("C1", env.pins["C1"])
    printed = _pdf_text(write_result_sheet(sv, chief, tmp_path / "r.pdf"))
    m = re.search(r"数据校验码：((?:[0-9a-f]{8} ?){4})", printed)
    assert m, printed[-400:]
    head = m[1].strip()
    assert len(head.replace(" ", "")) == 32
    found = sv.check_head(f"数据校验码：{head}")
    assert found.found and found.seq > 0 and found.at is not None
    assert any("result_sheet" in p for p in found.printed) and not found.superseded
    assert sv.check_head(head.replace(" ", "")[:31] + "x").found  # a typo past digit 31 still finds it
    assert not sv.check_head("0123abcd" * 4).found
    assert not sv.check_head("12").found
    sv.import_theory_scores(
        sv.login("O1", env.pins["O1"]), {env.stations[0]: (Decimal(50), {})}, correction=_officials(env)
    )
    assert sv.check_head(head).superseded


# -- the recompute bundle carries its chain -----------------------------------------------------------------------
def _rewrite(src: Path, dst: Path, changes: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, changes.get(name, zin.read(name).decode("utf-8")))
    return dst


def test_a_bundle_with_one_changed_mark_fails_recompute_even_with_matching_standings(
    decrypted: Env, tmp_path: Path
) -> None:
    import json
    import zipfile

    from contest.bundle import export_bundle, recompute_bundle
    from scoresheets.numbers import to_cents

    bundle = export_bundle(decrypted.sv, decrypted.sv.login("C1", decrypted.pins["C1"]), tmp_path / "b.zip")
    lines, diffs = recompute_bundle(bundle)
    assert lines and not diffs, diffs
    with zipfile.ZipFile(bundle) as z:
        marks = json.loads(z.read("marks.json"))
    mark = next(m for r in marks for m in r["marks"] if m["level"] == 3)
    mark["level"] = 0
    forged = _rewrite(bundle, tmp_path / "forged.zip", {"marks.json": json.dumps(marks, ensure_ascii=False)})
    lines, _ = recompute_bundle(forged)
    standings = json.dumps({st: [to_cents(t), r] for st, r, t in lines})
    forged = _rewrite(forged, tmp_path / "forged2.zip", {"standings.json": standings})
    _, diffs = recompute_bundle(forged)
    assert any("评分" in d and "审计链" in d for d in diffs), diffs
    # nor can the chain inside be edited to match, or its head swapped
    with zipfile.ZipFile(bundle) as z:
        chain = json.loads(z.read("chain.json"))
        manifest = json.loads(z.read("manifest.json"))
    chain[-1]["actor"] = "X9"
    _, diffs = recompute_bundle(_rewrite(bundle, tmp_path / "c.zip", {"chain.json": json.dumps(chain)}))
    assert any("内容与哈希不符" in d for d in diffs), diffs
    manifest["audit_head"] = "0" * 64
    _, diffs = recompute_bundle(_rewrite(bundle, tmp_path / "h.zip", {"manifest.json": json.dumps(manifest)}))
    assert any("链头" in d for d in diffs), diffs


# -- log after write ----------------------------------------------------------------------------------------------
def test_a_document_is_logged_only_once_written_and_a_failed_render_leaves_nothing(
    decrypted: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contest.printing as printing
    from contest.outputs import write_certificates

    env, sv = decrypted, decrypted.sv
    out = tmp_path / "out"
    out.mkdir()
    chief = sv.login("C1", env.pins["C1"])
    seq = sv.events(1)[0][0]

    def crash(*_a: object, **_k: object) -> None:
        raise OSError("printer spool full")

    monkeypatch.setattr(printing, "render_result_sheet", crash)
    with pytest.raises(OSError, match="spool"):
        write_result_sheet(sv, chief, out / "r.pdf")
    assert list(out.iterdir()) == []
    assert [k for n, _, _, k, _ in sv.events(5) if n > seq] == []
    monkeypatch.undo()
    seen: list[bool] = []
    real = sv.log_printed
    monkeypatch.setattr(sv, "log_printed", lambda p, f: (seen.append((out / f).exists()), real(p, f)))
    write_result_sheet(sv, chief, out / "r.pdf")
    write_certificates(sv, chief, out / "c.pdf")
    assert seen == [True, True] and sorted(p.name for p in out.iterdir()) == ["c.pdf", "r.pdf"]
    kinds = [(k, d) for n, _, _, k, d in sv.events(10) if n > seq]
    assert [k for k, _ in kinds] == ["print", "certificates_issued", "print"][::-1], kinds
    assert '"file": "r.pdf"' in kinds[-1][1] and '"file": "c.pdf"' in kinds[0][1]
