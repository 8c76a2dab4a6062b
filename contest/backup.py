"""``contest backup``: a verified copy of the SQLite database, once or on a schedule, and the anchor check that lets
``contest audit verify`` recognise a stale copy.

A plain file copy of ``contest.db`` is not a backup: with WAL the newest acknowledged marks live in ``contest.db-wal``
until a checkpoint, and a copy without it silently loses them (its chain is still valid, only shorter). The copy
is made with SQLite's online backup API (a consistent snapshot including the WAL, taken while terminals keep
marking), written as one self-contained file (journal mode DELETE: no ``-wal`` to forget), verified
(``PRAGMA integrity_check``, and its newest event must be the live database's event of the same number, hash for
hash), flushed to disk and only then given its name. Every backup appends a line (time, events, chain head) to
``backup-log.txt`` in the destination folder: the last known point to anchor ``audit verify --anchor`` at.

PostgreSQL is backed up with ``pg_dump``; :func:`pg_dump_guidance` says how. Owns nothing else.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from contest.errors import ContestError
from contest.i18n import Msg

LOG_NAME = "backup-log.txt"
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class ChainPoint:
    """Where an audit chain stands: how many events, the newest one's hash and time."""

    events: int
    head: str
    last_at: str


@dataclass(frozen=True)
class BackupResult:
    """One backup written (``ok``) or refused (``problem`` says why, and the live database is untouched)."""

    path: Path
    point: ChainPoint | None = None
    size: int = 0
    problem: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Whether the copy was written and verified."""
        return not self.problem and self.point is not None


def pg_dump_guidance(url: str) -> str:
    """What to run instead on PostgreSQL (password hidden: give it with PGPASSWORD or ~/.pgpass)."""
    u = make_url(url)
    target = f"-h {u.host or 'localhost'} -p {u.port or 5432} -U {u.username or 'postgres'} {u.database}"
    return (
        "PostgreSQL 数据库请用 pg_dump 备份（在数据库主机或任一能连上它的电脑上运行，可放入 cron 定时执行）：\n"
        f"  pg_dump -Fc {target} -f 备份文件.dump\n"
        "恢复到一个新建的空数据库：\n"
        f"  pg_restore --clean --if-exists {target.rsplit(' ', 1)[0]} -d 目标数据库 备份文件.dump\n"
        "之后运行 contest --db <新数据库URL> audit verify，核对事件数与链头。\n"
        "Back up PostgreSQL with pg_dump (on the database host, or any computer that reaches it; cron can schedule "
        f"it):\n  pg_dump -Fc {target} -f backup.dump\nRestore into a new, empty database with pg_restore --clean "
        "--if-exists … -d TARGET backup.dump, then run contest --db <new URL> audit verify and compare the event "
        "count and chain head."
    )


def local_stamp() -> str:
    """The host's local time as ``YYYYmmdd-HHMMSS`` (backup file names sort by it)."""
    return datetime.now(UTC).astimezone().strftime(STAMP)


def _ro(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates the file."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=15)


def chain_point(conn: sqlite3.Connection) -> ChainPoint:
    """The chain's event count and newest event of a SQLite database."""
    (count,) = conn.execute("SELECT count(*) FROM event").fetchone()
    last = conn.execute("SELECT hash, at FROM event ORDER BY id DESC LIMIT 1").fetchone()
    return ChainPoint(int(count), last[0] if last else "", str(last[1]) if last else "")


def target_for(dest: Path, source: Path, stamp: str) -> Path:
    """The file to write: ``dest`` itself, or ``<stem>-<stamp>.db`` inside ``dest`` if it is a folder."""
    if dest.is_dir():
        return dest / f"{source.stem}-{stamp}.db"
    return dest


def backup_sqlite(source: Path, dest: Path, *, stamp: str | None = None) -> BackupResult:
    """Copy the live database ``source`` to ``dest`` (a file, or a folder for a time-stamped file) and verify it.

    Raises:
        ContestError: the destination folder is missing or not writable, the source is not a contest database,
            or the copy failed verification (the partial copy is removed; nothing is left under the final name).
    """
    stamp = stamp or local_stamp()
    target = target_for(dest, source, stamp)
    folder = target.parent
    if not folder.is_dir():
        raise ContestError(Msg("backup.no_folder", folder=folder))
    if target.resolve() == source.resolve():
        raise ContestError(Msg("backup.onto_live"))
    part = target.with_name(target.name + ".part")
    try:
        src = _ro(source)
    except sqlite3.Error as exc:
        raise ContestError(Msg("backup.unreadable", source=source, error=exc)) from None
    try:
        part.unlink(missing_ok=True)
        copy = sqlite3.connect(part)
        try:
            src.backup(copy)  # one step: a consistent snapshot, WAL included
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            copy.commit()
        finally:
            copy.close()
        point = _verify(part, src)
    except (sqlite3.Error, OSError, ContestError) as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, ContestError):
            raise
        raise ContestError(Msg("backup.write_failed", target=target, error=exc)) from None
    finally:
        src.close()
    _flush(part)
    os.replace(part, target)
    _flush_dir(folder)
    size = target.stat().st_size
    with (folder / LOG_NAME).open("a", encoding="utf-8") as log:
        log.write(
            f"{stamp}\t{target.name}\tevents={point.events}\thead={point.head}\tlast_event={point.last_at}\n"
        )
    return BackupResult(target, point, size)


def _verify(part: Path, src: sqlite3.Connection) -> ChainPoint:
    """Integrity of the copy, and its newest event is the live database's event of the same id, hash for hash."""
    with _ro(part) as c:
        check = [r[0] for r in c.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            raise ContestError(Msg("backup.integrity", problems="; ".join(check[:5])))
        try:
            point = chain_point(c)
            last = c.execute("SELECT id FROM event ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            raise ContestError(Msg("backup.not_contest", error=exc)) from None
    if last is not None:
        live = src.execute("SELECT hash FROM event WHERE id = ?", (last[0],)).fetchone()
        (before,) = src.execute("SELECT count(*) FROM event WHERE id <= ?", (last[0],)).fetchone()
        if live is None or live[0] != point.head or before != point.events:
            raise ContestError(Msg("backup.mismatch"))
    return point


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def prune(folder: Path, source: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` scheduled backups of ``source`` in ``folder`` (only files named like
    ours: ``<stem>-YYYYmmdd-HHMMSS.db``; anything else in the folder is left alone). Returns what was removed."""
    ours = sorted(
        p
        for p in folder.glob(f"{source.stem}-*.db")
        if len(p.stem) == len(source.stem) + 16 and p.stem[len(source.stem) + 1 :].replace("-", "").isdigit()
    )
    gone = ours[: max(len(ours) - keep, 0)]
    for p in gone:
        p.unlink(missing_ok=True)
    return gone


def backup_every(
    source: Path,
    folder: Path,
    *,
    minutes: float,
    keep: int,
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], str] = lambda: local_stamp(),
    say: Callable[[BackupResult], None] = lambda _r: None,
) -> list[BackupResult]:
    """Back up into ``folder`` every ``minutes``, keeping the newest ``keep`` copies, until interrupted (or for
    ``rounds`` rounds). A failed round (drive unplugged, disk full) is reported through ``say`` and retried at the
    next round: the schedule never stops on its own, and the live database is never touched."""
    if minutes <= 0 or keep < 1:
        raise ContestError(Msg("backup.schedule"))
    made: list[BackupResult] = []
    n = 0
    while rounds is None or n < rounds:
        if n:
            sleep(minutes * 60)
        n += 1
        stamp = now()
        try:
            result = backup_sqlite(source, folder if folder.is_dir() else folder, stamp=stamp)
            removed = prune(folder, source, keep)
            if removed:
                result = BackupResult(
                    result.path,
                    result.point,
                    result.size,
                    notes=tuple(str(Msg("backup.removed", name=p.name)) for p in removed),
                )
        except ContestError as exc:
            result = BackupResult(folder / f"{source.stem}-{stamp}.db", problem=str(exc))
        made.append(result)
        say(result)
    return made


def check_anchor(engine: Engine, anchor: str) -> str | None:
    """:func:`anchor_problem` in both languages ("中文 / English"), as ``audit verify`` lists it."""
    problem = anchor_problem(engine, anchor)
    return None if problem is None else str(problem)


def anchor_problem(engine: Engine, anchor: str) -> Msg | None:
    """Whether the chain reaches a last known point: ``anchor`` is an event count (the database must hold at least
    that many events) or an audit code (the first characters of a chain head, as printed on every document and in
    ``backup-log.txt``: some event of the chain must have it). Returns the problem, or ``None``.

    A count is written ``#73`` or as fewer than 6 digits. An audit code is 6+ hexadecimal characters; about one in
    43 of them is all digits, so a longer all-digit anchor is tried as an audit code first and as a count only when
    no event has it."""
    from sqlalchemy import text

    from contest.store.engine import read_session

    anchor = anchor.strip().lower()
    marked = anchor.startswith("#")
    digits = anchor[1:] if marked else anchor
    if marked and not digits.isdigit():
        return Msg("backup.anchor.count_not_number", anchor=anchor)
    as_code = not marked and len(anchor) >= 6 and all(ch in "0123456789abcdef" for ch in anchor)
    if not as_code and not digits.isdigit():
        return Msg("backup.anchor.malformed")
    try:
        with read_session(engine) as s:
            (count,) = s.execute(text("SELECT count(*) FROM event")).one()
            found = (
                s.execute(
                    text("SELECT seq FROM event WHERE hash LIKE :p ORDER BY id LIMIT 1"), {"p": anchor + "%"}
                ).first()
                if as_code
                else None
            )
    except SQLAlchemyError as exc:
        return Msg("backup.anchor.unreadable", error=exc)
    if found is not None:
        return None
    if not as_code:  # a count
        if int(count) < int(digits):
            return Msg("backup.anchor.stale", count=count, known=digits, fewer=int(digits) - int(count))
        return None
    if digits.isdigit() and int(count) >= int(digits):
        return None  # no such code, but a count the chain reaches
    return Msg("backup.anchor.unknown_code", anchor=anchor)
