"""The errors below the services speak through the one catalogue: the store, backup, serve and bundle raise
messages (no hand-written text), and every entry :mod:`scoresheets` refuses carries a code that the catalogue puts
into words in both languages (``entry.<code>``), so a Chinese judge reads Chinese and an English one no Chinese."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from contest.errors import ContestError, StoreUnavailable
from contest.i18n import Msg, catalogue, describe
from rubrics.model import Item, ItemKind, Text
from scoresheets.arithmetic import check_entry, score_sheet
from scoresheets.errors import EntryRefused
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from scoresheets.typed import TypedProblem, typed_score_refusal
from tests.unit.factories import ded, judgement, measurement, module, veto
from tests.unit.test_messages import CONTEST, ROOT, _plain_text_raises

D = Decimal
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

MODULES = (
    "store/engine.py",
    "store/migrate.py",
    "store/writer_queue.py",
    "store/tables.py",
    "backup.py",
    "serve.py",
    "bundle.py",
    "errors.py",
)
"""Converted modules (relative to ``contest/``). Not listed: ``audit.py`` (its one raise is a programming error,
a ``TypeError`` about a table class, never met by a user); ``config.py`` / ``config_schema.py`` (their problems are
located lines collected into :class:`~contest.errors.ConfigInvalid`, not a raise with text)."""


@pytest.mark.parametrize("module_path", MODULES)
def test_converted_modules_raise_messages_not_text(module_path: str) -> None:
    assert _plain_text_raises(CONTEST / module_path) == []


# --- every refusal of scoresheets, provoked -------------------------------------------------------------------

M = measurement("M1", 5, ded("M1a", 1), ded("M1b", 1, repeatable=True))
J = judgement("J1", 3)
S = Item("S1", Text("S1"), D(4), ItemKind.SCORE, step=D("0.5"))
RUBRIC = module(M, J, S, vetoes=[veto("V1")])
BARE = module(measurement("B1", 2), module_id="t.bare")


def _sheet(*entries: ItemEntry, rubric_veto: str | None = None, seconds: int | None = None) -> JudgeSheet:
    return JudgeSheet("J01", "001", entries, veto=rubric_veto, seconds_used=seconds)


REFUSALS: dict[str, Callable[[], object]] = {
    "wrong_item": lambda: check_entry(M, ItemEntry("J1", level=1)),
    "level_only": lambda: check_entry(J, ItemEntry("J1", score=D(1))),
    "level_missing": lambda: check_entry(J, ItemEntry("J1")),
    "level_range": lambda: check_entry(J, ItemEntry("J1", level=4)),
    "score_only": lambda: check_entry(S, ItemEntry("S1", level=1)),
    "score_missing": lambda: check_entry(S, ItemEntry("S1")),
    "typed_not_a_number": lambda: check_entry(S, ItemEntry("S1", score=D("NaN"))),
    "typed_out_of_range": lambda: check_entry(S, ItemEntry("S1", score=D(5))),
    "typed_off_step": lambda: check_entry(S, ItemEntry("S1", score=D("1.3"))),
    "measurement_level": lambda: check_entry(M, ItemEntry("M1", level=1)),
    "deductions_and_score": lambda: check_entry(
        M, ItemEntry("M1", deductions=(Applied("M1a", 1),), score=D(1))
    ),
    "score_range": lambda: check_entry(M, ItemEntry("M1", score=D(6))),
    "too_many_decimals": lambda: check_entry(M, ItemEntry("M1", score=D("1.234"))),
    "deduction_unknown": lambda: check_entry(M, ItemEntry("M1", deductions=(Applied("X", 1),))),
    "deduction_twice": lambda: check_entry(
        M, ItemEntry("M1", deductions=(Applied("M1b", 1), Applied("M1b", 1)))
    ),
    "deduction_count": lambda: check_entry(M, ItemEntry("M1", deductions=(Applied("M1b", 0),))),
    "deduction_once": lambda: check_entry(M, ItemEntry("M1", deductions=(Applied("M1a", 2),))),
    "item_unknown": lambda: score_sheet(RUBRIC, _sheet(ItemEntry("Z9", level=1))),
    "item_twice": lambda: score_sheet(RUBRIC, _sheet(ItemEntry("J1", level=1), ItemEntry("J1", level=2))),
    "veto_unknown": lambda: score_sheet(RUBRIC, _sheet(rubric_veto="V9"), require_complete=False),
    "veto_none": lambda: score_sheet(BARE, _sheet(rubric_veto="V9"), require_complete=False),
    "time_negative": lambda: score_sheet(RUBRIC, _sheet(seconds=-1), require_complete=False),
}


def _refusal(code: str) -> EntryRefused:
    with pytest.raises(EntryRefused) as refused:
        REFUSALS[code]()
    return refused.value


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_each_refusal_has_its_code_and_reads_in_the_readers_language(code: str) -> None:
    error = _refusal(code)
    assert error.code == code
    assert f"entry.{code}" in catalogue()
    zh, en = describe(error, "zh"), describe(error, "en")
    assert CJK.search(zh), zh
    assert not CJK.search(en), en
    if error.item_id:
        assert zh.startswith(f"{error.item_id}: ") and en.startswith(f"{error.item_id}: ")


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_the_english_reason_and_str_are_unchanged(code: str) -> None:
    """``reason`` stays the text logs and callers had (typed scores: both languages, as before); for the rubric's
    own refusals it is the English the catalogue gives."""
    error = _refusal(code)
    assert str(error) == (f"{error.item_id}: {error.reason}" if error.item_id else error.reason)
    english = describe(error, "en")
    if code.startswith("typed_"):
        assert error.reason.endswith(" / " + english.removeprefix(f"{error.item_id}: "))
    else:
        assert english == str(error)


def test_every_refusal_in_scoresheets_is_provoked_and_names_a_code() -> None:
    """Each ``raise EntryRefused(...)`` in :mod:`scoresheets` passes ``code=``; every literal code is provoked
    above; a typed score's codes cover every :class:`TypedProblem`."""
    literal: set[str] = set()
    for path in (ROOT / "scoresheets").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                if getattr(node.exc.func, "id", "") != "EntryRefused":
                    continue
                code = {k.arg: k.value for k in node.exc.keywords}.get("code")
                assert code is not None, f"{path.name}:{node.lineno} raises EntryRefused without a code"
                for c in ast.walk(code):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        literal.add(c.value)
    assert literal <= set(REFUSALS)
    typed = {c for c in REFUSALS if c.startswith("typed_")} | {"typed_not_allowed", "typed_not_allowed_level"}
    assert typed == {"typed_not_allowed_level"} | {f"typed_{p.value}" for p in TypedProblem}


@pytest.mark.parametrize("item", [J, measurement("M2", 3)])
def test_a_typed_score_where_none_is_allowed_reads_in_both_languages(item: Item) -> None:
    refusal = typed_score_refusal(item, D(1))
    assert refusal is not None
    error = EntryRefused(item.id, str(refusal), code=refusal.code, params=refusal.params)
    assert describe(error, "zh") == f"{item.id}: {refusal.text('zh')}"
    assert describe(error, "en") == f"{item.id}: {refusal.text('en')}"


def test_the_catalogue_says_what_the_typed_refusal_says() -> None:
    """The catalogue's words for a typed score are the terminal's (:meth:`TypedScoreRefusal.text`)."""
    for value in ("abc", "9", "1.3"):
        refusal = typed_score_refusal(S, value)
        assert refusal is not None
        for lang in ("zh", "en"):
            assert Msg(f"entry.{refusal.code}", **refusal.params).text(lang) == refusal.text(lang)


def test_a_refusal_without_a_code_is_shown_by_its_reason() -> None:
    error = EntryRefused("A1", "评分项 A1 不在评分细则中 / not in the rubric")
    assert describe(error, "en") == "A1: not in the rubric"
    assert describe(error, "zh") == "A1: 评分项 A1 不在评分细则中"


# --- the store and the other errors below the services -------------------------------------------------------


def _open_refusal(tmp_path: Path, case: str) -> StoreUnavailable:
    from contest.store.engine import open_engine

    target = {
        "no_folder": tmp_path / "missing" / "c.db",
        "no_file": tmp_path / "c.db",
        "not_a_file": tmp_path,
        "not_sqlite": tmp_path / "text.db",
    }[case]
    (tmp_path / "text.db").write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreUnavailable) as refused:
        open_engine(f"sqlite:///{target}")
    return refused.value


@pytest.mark.parametrize("case", ["no_folder", "no_file", "not_a_file", "not_sqlite"])
def test_a_database_that_cannot_be_opened_reads_in_the_readers_language(tmp_path: Path, case: str) -> None:
    error = _open_refusal(tmp_path, case)
    assert error.msg is not None and error.msg.key == "store.cannot_open"
    why = error.msg.params["why"]
    assert isinstance(why, Msg) and why.key == f"store.open.{case}"
    zh, en = describe(error, "zh"), describe(error, "en")
    assert zh.startswith("无法打开数据库") and CJK.search(zh)
    assert en.startswith("cannot open the database") and not CJK.search(en)
    assert str(error) == f"{zh} / {en}"


def test_the_writer_queue_refusal_keeps_its_words() -> None:
    error = StoreUnavailable(Msg("store.queue.stuck", seconds=12.4))
    assert str(error) == (
        "数据库繁忙：12 秒内未轮到写入（另一个终端卡住或已暂停），本次录入没有保存，请重试"
        " / the database is busy: no turn to write within 12 s (another terminal is stuck or suspended);"
        " this entry was NOT saved, retry"
    )
    assert not CJK.search(describe(StoreUnavailable(Msg("store.queue.slow", seconds=700)), "en"))


def test_a_database_error_reads_in_the_readers_language_with_the_drivers_detail() -> None:
    from sqlalchemy.exc import OperationalError

    from contest.store.engine import _store_message

    for detail, key in [
        ("database is locked", "store.busy"),
        ("unable to open database file", "store.file_unopenable"),
        ("attempt to write a readonly database", "store.read_only"),
        ("database or disk is full", "store.disk_full"),
        ("something else", "store.unavailable"),
    ]:
        msg = _store_message(OperationalError("stmt", {}, Exception(detail)))
        assert msg.key == key
        assert detail in msg.text("zh") and CJK.search(msg.text("zh"))
        assert detail in msg.text("en") and not CJK.search(msg.text("en"))


def test_unreachable_names_the_database_in_both_languages() -> None:
    from contest.store.engine import unreachable, unreachable_message

    exc = Exception('connection failed: FATAL:  database "nope" does not exist')
    url = "postgresql://u:secret@db.example:5433/nope"
    assert unreachable_message(url, exc) == str(unreachable(url, exc))
    en = unreachable(url, exc).text("en")
    assert en == 'cannot reach the database PostgreSQL db.example:5433/nope: database "nope" does not exist'
    assert "secret" not in str(unreachable(url, exc))


def test_backup_serve_and_bundle_refusals_read_in_the_readers_language(tmp_path: Path) -> None:
    from contest.backup import backup_every, backup_sqlite
    from contest.bundle import recompute_bundle
    from contest.serve import ServeRefused, check_database

    errors: list[ContestError] = []
    with pytest.raises(ContestError) as refused:
        backup_sqlite(tmp_path / "c.db", tmp_path / "missing" / "b.db")
    errors.append(refused.value)
    with pytest.raises(ContestError) as refused:
        backup_every(tmp_path / "c.db", tmp_path, minutes=0, keep=1)
    errors.append(refused.value)
    with pytest.raises(ServeRefused) as served:
        check_database(f"sqlite:///{tmp_path / 'none.db'}")
    errors.append(served.value)
    (tmp_path / "b.zip").write_bytes(b"not a zip")
    with pytest.raises(ContestError) as bundled:
        recompute_bundle(tmp_path / "b.zip")
    errors.append(bundled.value)
    for error in errors:
        assert error.msg is not None, error
        assert CJK.search(describe(error, "zh")), error
        assert not CJK.search(describe(error, "en")), error
    assert str(errors[0]) == (
        f"备份目标文件夹 {tmp_path / 'missing'} 不存在（U 盘是否已插好并挂载？） / the backup folder"
        f" {tmp_path / 'missing'} does not exist (is the USB drive plugged in and mounted?)"
    )


def test_a_refused_import_reads_in_the_readers_language() -> None:
    """Was English only; now both languages, like the command line's own summary line."""
    from contest.errors import ImportRefused

    error = ImportRefused(["a", "b"])
    assert describe(error, "en") == "2 problem(s); nothing was imported"
    assert describe(error, "zh") == "共 2 个问题，未导入任何数据"


def test_an_anchor_problem_reads_in_the_readers_language(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    from contest.backup import anchor_problem, check_anchor

    engine = create_engine(f"sqlite:///{tmp_path / 'chain.db'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE event (id INTEGER PRIMARY KEY, seq INTEGER, hash TEXT)"))
        c.execute(text("INSERT INTO event (seq, hash) VALUES (1, :h)"), {"h": "9f3c2a71" + "0" * 56})
    try:
        for anchor, key in [
            ("#x1", "backup.anchor.count_not_number"),
            ("zz", "backup.anchor.malformed"),
            ("3", "backup.anchor.stale"),
            ("12345678", "backup.anchor.unknown_code"),
        ]:
            problem = anchor_problem(engine, anchor)
            assert problem is not None and problem.key == key
            assert CJK.search(problem.text("zh")) and not CJK.search(problem.text("en"))
            assert check_anchor(engine, anchor) == str(problem)
        assert str(anchor_problem(engine, "3")) == (
            "事件只有 1 条，比已知的 3 条少 2 条：这是旧的或不完整的副本 / 1 events, 2 fewer than the known 3: a stale or"
            " incomplete copy"
        )
        assert anchor_problem(engine, "9f3c2a") is None
    finally:
        engine.dispose()
