"""Issue 14, robust at the edges, on both databases: user text with markup through the command line, missing and
deleted databases, backups, parallel ``contest init``."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from contest.errors import ContestError
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.store.migrate import alembic_config
from tests.db.conftest import small_config
from tests.db.helpers import fill_sheet, valid_id
from tests.pins import CHEAP_HASHER

MARKUP = ["[/]", "[/b]", "[bold red]x[/bold red", "[link=file:///etc/passwd]单位[/link]", "<b>&amp;</b>"]


def _stamp(engine: Engine) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")


def _cli(engine: Engine, monkeypatch: pytest.MonkeyPatch, *args: str, env: dict[str, str] | None = None):
    from contest import cli

    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 400)  # one table row per line
    return CliRunner().invoke(cli.app, ["--db", engine.info_url, *args], env=env)  # type: ignore[attr-defined]


def hostile_contest(engine: Engine, units: list[str], *, decrypt: bool = True) -> Services:
    """One module, one marking judge, a contestant per unit in ``units``; marked, signed off and decrypted."""
    cid = Services.create_contest(engine, small_config(panel=1, modules=("basic_care",)), hasher=CHEAP_HASHER)
    sv = Services(engine, cid, hasher=CHEAP_HASHER)
    people = [
        ContestantIn(
            f"选手{i}{u[:3]}", "男", valid_id(date(1980, 1, 1 + i), i, True), u, "13800138000", "养老护理员"
        )
        for i, u in enumerate(units)
    ]
    sv.import_contestants(CONSOLE, people)
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn("J1", "裁判[/]", "[/b]外单位", ("marking",), ("A",), pin="1000"),
            JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
            JudgeIn("C1", "裁判长", "", ("chief",), pin="2002"),
            JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        ],
    )
    sv.draw(sv.login("E1", "2001"), "fixed-seed")
    j = sv.login("J1", "1000")
    stations = [s.station for s in sv.stations(j, "A")]
    for st in stations:
        fill_sheet(sv, j, "A", st)
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80), {}) for st in stations})
    sup = sv.login("S1", "2003")
    for m in MARKUP:
        sv.lodge_appeal(sup, stations[0], "A", f"申诉{m}")
    if decrypt:
        sv.sign_off(sv.login("C1", "2002"), "A")
        sv.decrypt("C1", "2002", "S1", "2003")
    _stamp(engine)
    return sv


def test_markup_in_user_text_is_shown_as_typed_by_the_command_line(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_contest(engine, MARKUP)
    res = _cli(engine, monkeypatch, "appeals")
    assert res.exit_code == 0, res.output
    for m in MARKUP:
        assert f"申诉{m}" in res.output
    res = _cli(engine, monkeypatch, "judges", "list")
    assert res.exit_code == 0, res.output
    assert "[/b]外单位" in res.output and "裁判[/]" in res.output
    res = _cli(engine, monkeypatch, "standings")
    assert res.exit_code == 0, res.output
    for m in MARKUP:
        assert m in res.output


# -- case 4: look-alike digits ------------------------------------------------------------------------------------
def _spell(text: str, base: int) -> str:
    return "".join(chr(base + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def test_stations_typed_in_look_alike_digits_find_the_contestant(engine: Engine) -> None:
    sv = hostile_contest(engine, ["单位甲", "单位乙"], decrypt=False)
    j = sv.login("J1", "1000")
    station = sv.stations(j, "A")[0].station
    for base in (0x0660, 0xFF10, 0x0966):
        typed = f" {_spell(station, base)} "
        assert sv.open_sheet(j, "A", typed).state == "submitted"
        sv.lodge_appeal(sv.login("S1", "2003"), typed, "A", "复核")
    assert {a.station for a in sv.appeals()} == {station}


def test_an_id_in_arabic_indic_digits_is_the_same_contestant(engine: Engine) -> None:
    cid = Services.create_contest(engine, small_config(panel=1, modules=("basic_care",)), hasher=CHEAP_HASHER)
    sv = Services(engine, cid, hasher=CHEAP_HASHER)
    number = valid_id(date(1980, 1, 4), 7, False)
    people = [
        ContestantIn("张三", "女", number, "甲", "13800138000", "养老护理员"),
        ContestantIn("张三", "女", _spell(number, 0x0660), "甲", _spell("13800138000", 0x0660), "养老护理员"),
    ]
    with pytest.raises(ContestError, match="重复"):
        sv.import_contestants(CONSOLE, people)


# -- case 6: a database that is missing, unreachable or not a database ---------------------------------------------
def _run(*args: str):
    from contest import cli

    return CliRunner().invoke(cli.app, list(args))


@pytest.mark.parametrize("command", [["status"], ["audit", "verify"], ["standings"], ["db", "upgrade"]])
def test_a_mistyped_sqlite_path_is_refused_and_never_created(tmp_path, command: list[str]) -> None:
    for path in (tmp_path / "contset.db", tmp_path / "no-such-folder" / "contest.db"):
        res = _run("--db", str(path), *command)
        assert res.exit_code == 1, res.output
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        assert str(path) in res.output.replace("\n", "") and "init" in res.output, res.output
        assert not path.exists() and not path.parent.joinpath(path.name + "-wal").exists()
    assert not (tmp_path / "no-such-folder").exists()


def test_a_file_that_is_not_a_database_is_named(tmp_path) -> None:
    path = tmp_path / "contest.db"
    path.write_bytes(b"PK\x03\x04 this is a workbook, not a database" * 40)
    res = _run("--db", str(path), "status")
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert str(path) in res.output.replace("\n", "") and "SQLite" in res.output


def test_init_still_creates_the_database_but_not_its_folder(tmp_path) -> None:
    config = tmp_path / "contest.toml"
    config.write_text(small_config(), encoding="utf-8")
    res = _run("--db", str(tmp_path / "missing" / "c.db"), "init", str(config))
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert "missing" in res.output and not (tmp_path / "missing").exists()
    res = _run("--db", str(tmp_path / "c.db"), "init", str(config))
    assert res.exit_code == 0, res.output
    res = _run("--db", str(tmp_path / "c.db"), "status")
    assert res.exit_code == 0, res.output


@pytest.mark.pg
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://postgres@127.0.0.1:5432/no_such_contest_db", "no_such_contest_db"),
        ("postgresql://postgres@127.0.0.1:1/test", "127.0.0.1:1"),
    ],
)
def test_an_unreachable_postgresql_database_is_named(url: str, says: str) -> None:
    from tests.db.conftest import PG_OK

    if not PG_OK:
        pytest.skip("PostgreSQL not reachable")
    for args in (["status"], ["audit", "verify"]):
        res = _run("--db", url, *args)
        assert res.exit_code == 1 and isinstance(res.exception, SystemExit), (res.output, res.exception)
        assert says in res.output and "PostgreSQL" in res.output, res.output
        assert "Traceback" not in res.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_a_read_only_database_is_named(tmp_path) -> None:
    config = tmp_path / "contest.toml"
    config.write_text(small_config(), encoding="utf-8")
    db = tmp_path / "c.db"
    assert _run("--db", str(db), "init", str(config)).exit_code == 0
    db.chmod(0o444)
    res = _run("--db", str(db), "status")
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert str(db) in res.output.replace("\n", "") and "只读" in res.output


# -- case 7: the database file deleted or replaced while terminals run (SQLite: a file the engine holds open) ------
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_write_into_a_deleted_or_replaced_database_file_is_refused(
    engine: Engine, tmp_path, how: str
) -> None:
    import shutil

    from contest.errors import StoreUnavailable
    from contest.store.engine import make_engine, sqlite_file
    from scoresheets import ItemEntry

    if engine.dialect.name != "sqlite":
        pytest.skip("a PostgreSQL database is not a file at a path")
    sv0 = hostile_contest(engine, ["单位甲", "单位乙"], decrypt=False)
    path = sqlite_file(engine.info_url)  # type: ignore[attr-defined]
    assert path is not None
    terminal = make_engine(engine.info_url, must_exist=True)  # type: ignore[attr-defined]
    sv = Services(terminal, sv0.contest_id, hasher=CHEAP_HASHER)
    j = sv.login("J1", "1000")
    sv.import_judges(CONSOLE, [JudgeIn("J2", "裁判二", "外单位", ("marking",), ("A",), pin="1001")])
    j2 = sv.login("J2", "1001")
    station = sv.stations(j2, "A")[0].station
    item = sv.config().module("A").rubric.items[0]
    view = sv.open_sheet(j2, "A", station)
    view = sv.save_mark(j2, "A", station, ItemEntry(item.id), view.version)  # the terminal writes normally
    if how == "deleted":
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    else:
        shutil.copy(path, tmp_path / "copy.db")
        path.unlink()
        shutil.copy(tmp_path / "copy.db", path)
    with pytest.raises(StoreUnavailable, match="删除" if how == "deleted" else "替换"):
        sv.save_mark(j2, "A", station, ItemEntry(item.id), view.version)
    with pytest.raises(StoreUnavailable):
        sv.submit_sheet(j2, "A", station, view.version)
    assert j is not None
    if how == "deleted":
        assert not path.exists()  # the refused write did not create an empty database either
    terminal.dispose()


# -- case 8: backups -----------------------------------------------------------------------------------------------
def _events(db) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return int(c.execute("SELECT count(*) FROM event").fetchone()[0])


def test_backup_copies_what_a_plain_copy_misses_and_audit_verify_tells_them_apart(
    engine: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re
    import shutil

    from contest.store.engine import sqlite_file

    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL: see test_backup_on_postgresql_gives_pg_dump_guidance")
    sv = hostile_contest(engine, ["单位甲", "单位乙", "单位丙"], decrypt=False)
    import sqlite3

    live = sqlite_file(engine.info_url)  # type: ignore[attr-defined]
    assert live is not None
    with sqlite3.connect(live, isolation_level=None) as c:
        assert c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0  # not busy
    sup = sv.login("S1", "2003")
    station = sv.appeals()[0].station
    for k in range(5):  # acknowledged after the last checkpoint: only in contest.db-wal
        sv.lodge_appeal(sup, station, "A", f"复核 {k}")
    assert live.with_name(live.name + "-wal").stat().st_size > 0
    total = len(sv.events(100_000))
    plain = tmp_path / "plain-copy.db"
    shutil.copy(live, plain)  # what the old README advised: the -wal file is left behind
    assert _events(plain) < total  # the plain copy lost acknowledged events
    usb = tmp_path / "usb"
    usb.mkdir()
    res = _cli(engine, monkeypatch, "backup", str(usb / "contest-backup.db"))
    assert res.exit_code == 0, res.output
    copy = usb / "contest-backup.db"
    assert _events(copy) == total and f"{total}" in res.output
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file
    head = sv.audit_head()
    # audit verify on the copy passes and names the same count and head as the live database
    from contest import cli

    runner = CliRunner()
    on_copy = runner.invoke(cli.app, ["--db", str(copy), "audit", "verify", "--anchor", head[:8]])
    assert on_copy.exit_code == 0, on_copy.output
    assert f"事件 {total} 条" in on_copy.output and head[:8] in on_copy.output
    # anchored at the last known point (a document's audit code, the backup log), the stale plain copy fails
    stale = runner.invoke(cli.app, ["--db", str(plain), "audit", "verify", "--anchor", head[:8]])
    assert stale.exit_code == 1, stale.output
    assert "旧" in stale.output or "stale" in stale.output
    stale = runner.invoke(cli.app, ["--db", str(plain), "audit", "verify", "--anchor", str(total)])
    assert stale.exit_code == 1 and re.search(r"少|fewer", stale.output), stale.output
    log = (usb / "backup-log.txt").read_text(encoding="utf-8")
    assert head in log and str(total) in log


def test_scheduled_backups_keep_the_last_k_verified_copies(engine: Engine, tmp_path) -> None:
    from contest.backup import backup_every
    from contest.store.engine import sqlite_file

    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL: pg_dump")
    sv = hostile_contest(engine, ["单位甲", "单位乙"], decrypt=False)
    live = sqlite_file(engine.info_url)  # type: ignore[attr-defined]
    assert live is not None
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "holiday-photos.db").write_bytes(b"not ours")
    clock = iter(range(10_000))
    made = backup_every(
        live,
        usb,
        minutes=5,
        keep=2,
        rounds=4,
        sleep=lambda _s: None,
        now=lambda: f"20260520-10{next(clock):04d}",
    )
    assert len(made) == 4 and all(r.ok for r in made)
    kept = sorted(p.name for p in usb.glob("*.db"))
    assert kept == ["contest-20260520-100002.db", "contest-20260520-100003.db", "holiday-photos.db"]
    assert _events(usb / "contest-20260520-100003.db") == len(sv.events(100_000))


def test_backup_into_a_missing_folder_is_refused_with_its_name(engine: Engine, tmp_path, monkeypatch) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL: pg_dump")
    hostile_contest(engine, ["单位甲"], decrypt=False)
    res = _cli(engine, monkeypatch, "backup", str(tmp_path / "unplugged-usb" / "c.db"))
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert "unplugged-usb" in res.output


def test_backup_on_postgresql_gives_pg_dump_guidance(engine: Engine, tmp_path, monkeypatch) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite: the online backup API")
    hostile_contest(engine, ["单位甲"], decrypt=False)
    res = _cli(engine, monkeypatch, "backup", str(tmp_path / "c.dump"))
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert "pg_dump" in res.output and "pg_restore" in res.output


# -- case 9: parallel contest init -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_parallel_inits_make_one_contest_and_clear_refusals(kind: str, tmp_path) -> None:
    import threading

    from sqlalchemy import text

    from contest.store.engine import open_engine
    from contest.store.migrate import upgrade
    from tests.db.conftest import make_test_engine

    probe, url, cleanup = make_test_engine(kind, tmp_path)  # an empty database: no tables yet
    probe.dispose()
    n = 8
    barrier = threading.Barrier(n, timeout=60)
    outcomes: list[object] = []

    def init() -> None:
        try:
            engine = open_engine(url, create=True)
            barrier.wait()
        except Exception as exc:
            outcomes.append(exc)
            return
        try:
            upgrade(engine)
            outcomes.append(Services.create_contest(engine, small_config(), hasher=CHEAP_HASHER))
        except Exception as exc:  # every outcome is examined below
            outcomes.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=init) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "an init hung"
    created = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, ContestError) and "已有一个竞赛" in str(o)]
    assert len(created) == 1 and len(refused) == n - 1, outcomes
    check = open_engine(url)
    with check.connect() as c:
        assert c.execute(text("SELECT count(*) FROM contest")).scalar() == 1
    check.dispose()
    if cleanup is not None:
        admin, schema = cleanup  # type: ignore[misc]
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_an_all_digit_audit_code_is_an_audit_code_not_an_event_count(tmp_path) -> None:
    """About one audit code in 43 is all digits (8 hex characters, 10/16 each): CI once read the code 82521738
    of a live database as "82,521,738 events" and called the good backup stale. A count is short or marked
    ``#``; a longer all-digit anchor is an audit code first."""
    from sqlalchemy import create_engine, text

    from contest.backup import check_anchor

    engine = create_engine(f"sqlite:///{tmp_path / 'chain.db'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE event (id INTEGER PRIMARY KEY, seq INTEGER, hash TEXT)"))
        for seq, head in enumerate(("9f3c2a71" + "0" * 56, "82521738" + "8b" * 28), start=1):
            c.execute(text("INSERT INTO event (seq, hash) VALUES (:s, :h)"), {"s": seq, "h": head})
    try:
        assert check_anchor(engine, "82521738") is None  # the live head's audit code
        assert check_anchor(engine, "9f3c2a71") is None
        assert check_anchor(engine, "2") is None and check_anchor(engine, "#2") is None  # counts
        stale = check_anchor(engine, "3")
        assert stale is not None and "fewer" in stale
        stale = check_anchor(engine, "#3")
        assert stale is not None and "fewer" in stale
        foreign = check_anchor(engine, "12345678")  # neither a code of this chain nor a count it reaches
        assert foreign is not None and "12345678" in foreign and "fewer" not in foreign
        assert check_anchor(engine, "#x1") is not None
    finally:
        engine.dispose()
