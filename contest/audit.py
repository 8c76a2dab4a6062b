"""The audit chain: one hashed event per service call, carrying a snapshot of every row the call wrote.

Each event's SHA-256 covers its canonical content and the previous event's hash. Because every row write is
in some event, replaying the chain reproduces every audited table exactly; :func:`verify_chain` does that and
reports any row changed, deleted or inserted behind the system's back, and any broken link.

A chain alone cannot tell that its newest event was deleted, or that a well-formed event was appended by hand.
So every append also records the number of events (and, on PostgreSQL, the head hash) outside the tables, in
the same transaction: SQLite's ``PRAGMA user_version``, or the comment on the event id sequence on PostgreSQL.
:func:`verify_chain` compares the event table with that anchor. A database without an anchor (written before
it existed, or on PostgreSQL without the privilege to comment) is checked without it.

Times are hashed and snapshotted in UTC whatever clock the services were given, because the database hands
them back in UTC.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, func, inspect, text
from sqlalchemy import column as sa_column
from sqlalchemy import event as sa_event
from sqlalchemy import insert as sa_insert
from sqlalchemy import table as sa_table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from contest.store.tables import AUDITED_TABLES, EventRow

GENESIS = "0" * 64
_TRACK_KEY = "contest_audit_rows"

_Row = TypeVar("_Row", bound=SQLModel)


def table_name(table: type[SQLModel]) -> str:
    """The name a table class declares (SQLModel types ``__tablename__`` as a name or a function making one)."""
    name = table.__tablename__
    if not isinstance(name, str):
        raise TypeError(f"{table.__name__} declares its table name with a function")
    return name


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime) and v.utcoffset() is not None:
        return v.astimezone(UTC).isoformat()
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def snapshot(obj: SQLModel) -> dict[str, Any]:
    """Every column of a row as JSON-able values, with its table name and primary key."""
    mapper = inspect(type(obj))
    cols = {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs}
    pk = [_jsonable(getattr(obj, c.key)) for c in mapper.primary_key]
    return {"table": table_name(type(obj)), "pk": pk, "row": cols}


def _on_flush(session: Session, _ctx: Any) -> None:
    tracked: dict[tuple[str, str], SQLModel | dict[str, Any]] = session.info.setdefault(_TRACK_KEY, {})
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, EventRow) or not isinstance(obj, AUDITED_TABLES):
            continue
        # the key only: the snapshot itself is taken once, when the event is written
        pk = [_jsonable(getattr(obj, c.key)) for c in inspect(type(obj)).primary_key]
        tracked[(table_name(type(obj)), json.dumps(pk))] = obj
    for obj in session.deleted:
        if isinstance(obj, EventRow) or not isinstance(obj, AUDITED_TABLES):
            continue
        # a deletion through the system is recorded as such, so that replaying the chain drops the row
        pk = [_jsonable(v) for v in inspect(obj).identity or ()]
        table = table_name(type(obj))
        tracked[(table, json.dumps(pk))] = {"table": table, "pk": pk, "row": None}


def track(session: Session) -> None:
    """Start collecting the rows this session writes."""
    if not session.info.get("contest_tracking"):
        sa_event.listen(session, "after_flush", _on_flush)
        session.info["contest_tracking"] = True


def insert_tracked(
    session: Session, table: type[SQLModel], rows: list[dict[str, Any]], unique: str
) -> list[int]:
    """Insert new rows of an append-only table in one statement, recorded for this session's event exactly as a
    flush of new objects would record them (the same snapshot); returns their ids in the order of ``rows``.

    The ORM inserts a table with a foreign key to itself (a mark superseding another) one row at a time; a
    16-item sheet was 16 statements inside the write lock. Each row gives every column but the integer key
    ``id``. Ids are matched to rows by the ``unique`` column (RETURNING order is not guaranteed); when it is not
    unique among ``rows``, they are inserted in order, one statement each.
    """
    if not rows:
        return []
    session.flush()  # what the session holds goes first: a row added before these is written before them
    mapper = inspect(table)
    columns = {c.key for c in mapper.column_attrs}
    for row in rows:
        if set(row) | {"id"} != columns:
            raise TypeError(f"{table.__name__} rows must give {sorted(columns - {'id'})}, got {sorted(row)}")
    keys = [row[unique] for row in rows]
    ordered = len(set(keys)) != len(keys)
    stmt = sa_insert(table).returning(
        mapper.columns["id"], mapper.columns[unique], sort_by_parameter_order=ordered
    )
    returned = session.connection().execute(stmt, rows).all()
    if ordered:
        ids = [r[0] for r in returned]
    else:
        by_key = {k: i for i, k in returned}
        ids = [by_key[k] for k in keys]
    tracked: dict[tuple[str, str], SQLModel | dict[str, Any]] = session.info.setdefault(_TRACK_KEY, {})
    name = table_name(table)
    for row, pk in zip(rows, ids, strict=True):
        values = {k: _jsonable(v) for k, v in row.items()} | {"id": pk}
        tracked[(name, json.dumps([pk]))] = {"table": name, "pk": [pk], "row": values}
    return ids


def written(session: Session, table: type[SQLModel]) -> list[Any]:
    """The rows of ``table`` this session has written (inserted or updated) and flushed since its last event."""
    tracked: dict[tuple[str, str], SQLModel | dict[str, Any]] = session.info.get(_TRACK_KEY, {})
    return [o for o in tracked.values() if isinstance(o, table)]


def canonical(obj: Any) -> str:
    """Canonical JSON used for hashing."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, seq: int, at: str, actor: str, kind: str, payload: str) -> str:
    """The chained SHA-256 of one event."""
    body = canonical(
        {"prev": prev_hash, "seq": seq, "at": at, "actor": actor, "kind": kind, "payload": payload}
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


_LAST_EVENT = (
    select(EventRow)
    .where(EventRow.contest_id == bindparam("contest_id"))
    .order_by(col(EventRow.seq).desc())
    .limit(1)
)
"""The newest event of a contest."""

_HEAD = (
    select(col(EventRow.seq), col(EventRow.hash))
    .where(EventRow.contest_id == bindparam("contest_id"))
    .order_by(col(EventRow.seq).desc())
    .limit(1)
)
"""The sequence number and hash of a contest's newest event (built once, as the insert below: every write runs
both inside the write lock, where building a statement costs more than running it)."""

_INSERT_EVENT = sa_insert(EventRow)


def last_event(session: Session, contest_id: int) -> EventRow | None:
    """The newest event of a contest."""
    return session.exec(_LAST_EVENT, params={"contest_id": contest_id}).first()


def append_event(
    session: Session, contest_id: int, actor: str, kind: str, details: dict[str, Any], at: datetime
) -> str:
    """Write the event for this service call, with snapshots of every row it wrote, chained to the last; returns
    its hash, the new head."""
    session.flush()
    tracked: dict[tuple[str, str], SQLModel | dict[str, Any]] = session.info.get(_TRACK_KEY, {})
    rows = [o if isinstance(o, dict) else snapshot(o) for _, o in sorted(tracked.items())]
    session.info[_TRACK_KEY] = {}
    conn = session.connection()
    prev = conn.execute(_HEAD, {"contest_id": contest_id}).first()
    seq = (prev[0] + 1) if prev else 1
    prev_hash = prev[1] if prev else GENESIS
    payload = canonical({"details": details, "rows": rows})
    if at.utcoffset() is not None:
        at = at.astimezone(UTC)  # the database returns UTC; hash what verification will read back
    head = event_hash(prev_hash, seq, at.isoformat(), actor, kind, payload)
    conn.execute(
        _INSERT_EVENT,
        {
            "contest_id": contest_id,
            "seq": seq,
            "at": at,
            "actor": actor,
            "kind": kind,
            "payload": payload,
            "prev_hash": prev_hash,
            "hash": head,
        },
    )
    write_anchor(conn, head)
    return head


def append_event_on(
    conn: Connection,
    contest_id: int,
    actor: str,
    kind: str,
    details: dict[str, Any],
    rows: list[dict[str, Any]],
    at: datetime,
) -> str:
    """Append an event through a bare connection, for a schema migration that writes audited rows itself.

    The event is chained and anchored exactly as :func:`append_event` does it; ``rows`` are the snapshots of what
    the migration wrote, in :func:`snapshot`'s form (``{"table", "pk", "row"}``, every column of the row as the
    table is at that revision). Only the event columns of the first schema are used, so an old migration keeps
    working after later ones. Returns the new head hash.
    """
    ev = sa_table(
        "event",
        sa_column("contest_id"),
        sa_column("seq"),
        sa_column("at", UTCDateTime()),
        sa_column("actor"),
        sa_column("kind"),
        sa_column("payload"),
        sa_column("prev_hash"),
        sa_column("hash"),
    )
    prev = conn.execute(
        select(ev.c.seq, ev.c.hash).where(ev.c.contest_id == contest_id).order_by(ev.c.seq.desc()).limit(1)
    ).first()
    seq = prev[0] + 1 if prev else 1
    prev_hash = prev[1] if prev else GENESIS
    payload = canonical(
        {"details": details, "rows": sorted(rows, key=lambda r: (r["table"], json.dumps(r["pk"])))}
    )
    at = at.astimezone(UTC)
    head = event_hash(prev_hash, seq, at.isoformat(), actor, kind, payload)
    conn.execute(
        ev.insert().values(
            contest_id=contest_id,
            seq=seq,
            at=at,
            actor=actor,
            kind=kind,
            payload=payload,
            prev_hash=prev_hash,
            hash=head,
        )
    )
    write_anchor(conn, head)
    return head


# -- the anchor: the event count (and head) kept outside the tables -----------------------------------------------
_ANCHOR_TAG = "contest-audit-anchor"
_HEX = re.compile(r"[0-9a-f]{64}")
_PG_ANCHOR = """
DO $anchor$
DECLARE
  seq text;
  note text;
  n bigint;
BEGIN
  -- writers of different contests hold different locks: serialise the anchor itself
  PERFORM pg_advisory_xact_lock(7, hashtext(current_schema()));
  seq := pg_get_serial_sequence('event', 'id');
  IF seq IS NULL THEN
    RETURN;
  END IF;
  note := obj_description(seq::regclass, 'pg_class');
  IF left(note, 21) = 'contest-audit-anchor ' AND substring(note FROM ' events=([0-9]+)') IS NOT NULL THEN
    n := substring(note FROM ' events=([0-9]+)')::bigint + 1;
  ELSE
    SELECT count(*) INTO n FROM event;
  END IF;
  EXECUTE 'COMMENT ON SEQUENCE ' || seq || ' IS '
    || quote_literal('contest-audit-anchor events=' || n || ' head={head}');
EXCEPTION WHEN OTHERS THEN
  NULL;  -- no privilege to comment: the chain is still checked, without its anchor
END
$anchor$
"""
"""The PostgreSQL anchor in one round trip (it was six: a savepoint, the lock, three reads and the comment, each
a round trip while the contest's write lock is held). The block's exception handler is the savepoint."""


def _pg_sequence(conn: Connection) -> str | None:
    seq: str | None = conn.execute(
        text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table_name(EventRow)}
    ).scalar()
    return seq


def _parse_anchor(comment: str | None) -> tuple[int, str] | None:
    if not comment or not comment.startswith(_ANCHOR_TAG):
        return None
    fields = dict(part.split("=", 1) for part in comment.split()[1:] if "=" in part)
    try:
        return int(fields["events"]), fields.get("head", "")
    except (KeyError, ValueError):
        return None


def write_anchor(conn: Connection, head: str) -> None:
    """Record, in this transaction, how many events the database holds and which one is the head."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        # one writer at a time (BEGIN IMMEDIATE); user_version is part of the transaction
        prev = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        n = prev + 1 if prev else _count_events(conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {int(n) & 0x7FFFFFFF}")
    elif dialect == "postgresql":
        if not _HEX.fullmatch(head):
            raise TypeError(f"not an event hash: {head!r}")  # a code mistake: heads are SHA-256 hex
        conn.exec_driver_sql(_PG_ANCHOR.replace("{head}", head))


def _count_events(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(sa_table("event"))).scalar_one())


def read_anchor(session: Session) -> tuple[int, str] | None:
    """(events, head hash or "") recorded by the last append, or None when the database has no anchor."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        n = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        return (n, "") if n else None
    if conn.dialect.name == "postgresql":
        seq = _pg_sequence(conn)
        if not seq:
            return None
        comment = conn.execute(
            text("SELECT obj_description(CAST(:s AS regclass), 'pg_class')"), {"s": seq}
        ).scalar()
        return _parse_anchor(comment)
    return None


@dataclass
class VerifyReport:
    """What :func:`verify_chain` found."""

    events: int = 0
    rows_checked: int = 0
    problems: list[str] = field(default_factory=list)
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def verify_chain(session: Session) -> VerifyReport:
    """Re-walk every contest's chain and compare the replayed rows with the tables."""
    report = VerifyReport()
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    events = sorted(
        _load(session, EventRow, report, "event"),
        key=lambda e: (e.contest_id, e.seq),
    )
    prev_by_contest: dict[int, tuple[int, str, int]] = {}
    last: EventRow | None = None
    for ev in events:
        report.events += 1
        pseq, phash, pid = prev_by_contest.get(ev.contest_id, (0, GENESIS, 0))
        where = f"event #{ev.seq} (id {ev.id}, {ev.kind}, contest {ev.contest_id})"
        if ev.seq != pseq + 1:
            report.problems.append(
                f"{where}: sequence gap, expected #{pseq + 1} — an event was deleted or inserted"
            )
        if ev.prev_hash != phash:
            report.problems.append(
                f"{where}: link broken — prev_hash does not match the previous event's hash"
            )
        if ev.id is not None and ev.id <= pid:
            report.problems.append(
                f"{where}: out of order — its id is not above the id of event #{pseq} ({pid})"
            )
        at_s = ev.at.isoformat()
        recomputed = event_hash(ev.prev_hash, ev.seq, at_s, ev.actor, ev.kind, ev.payload)
        if recomputed != ev.hash:
            report.problems.append(f"{where}: content changed — its hash does not match its content")
        prev_by_contest[ev.contest_id] = (ev.seq, ev.hash, ev.id or 0)
        report.head = ev.hash
        if last is None or (ev.id or 0) > (last.id or 0):
            last = ev
        try:
            payload = json.loads(ev.payload)
            snaps = [(s["table"], json.dumps(s["pk"]), s["row"]) for s in payload.get("rows", [])]
        except (ValueError, TypeError, KeyError, AttributeError):
            report.problems.append(f"{where}: payload is not a valid event payload")
            continue
        for table, pk, row in snaps:
            if row is None:
                expected.pop((table, pk), None)
            else:
                expected[(table, pk)] = row
    _check_anchor(session, report, events, last)
    for table in AUDITED_TABLES:
        name = table_name(table)
        actual: dict[tuple[str, str], dict[str, Any]] = {}
        unreadable: set[tuple[str, str]] = set()
        for obj in _load(session, table, report, name, unreadable):
            snap = snapshot(obj)
            actual[(name, json.dumps(snap["pk"]))] = snap["row"]
        report.rows_checked += len(actual) + len(unreadable)
        for key, row in actual.items():
            exp = expected.get(key)
            if exp is None:
                report.problems.append(
                    f"table {name}, row {key[1]}: inserted outside the system (no event wrote it)"
                )
                continue
            diffs = [c for c in row if _norm(row[c]) != _norm(exp.get(c))]
            if diffs:
                detail = ", ".join(f"{c}: {exp.get(c)!r} → {row[c]!r}" for c in diffs[:4])
                report.problems.append(f"table {name}, row {key[1]}: changed outside the system ({detail})")
        for key in expected:
            if key[0] == name and key not in actual and key not in unreadable:
                report.problems.append(f"table {name}, row {key[1]}: deleted outside the system")
    return report


def _load(
    session: Session,
    table: type[_Row],
    report: VerifyReport,
    name: str,
    unreadable: set[tuple[str, str]] | None = None,
) -> list[_Row]:
    """Every row of a table; a row whose stored value cannot be read back (e.g. text written into a date
    column by hand) is reported with its key instead of stopping the verification."""
    with contextlib.suppress(ValueError, TypeError, OverflowError, ArithmeticError):
        return list(session.exec(select(table)).all())
    # some row cannot be read back: read them one by one by primary key
    pk_cols = list(inspect(table).primary_key)
    out: list[_Row] = []
    for pk in session.execute(select(*pk_cols)).all():
        cond = [c == v for c, v in zip(pk_cols, pk, strict=True)]
        try:
            out.append(session.exec(select(table).where(*cond)).one())
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            key = json.dumps([_jsonable(v) for v in pk])
            if unreadable is not None:
                unreadable.add((name, key))
            report.problems.append(
                f"table {name}, row {key}: changed outside the system (a value cannot be read: {exc})"
            )
    return out


def _check_anchor(
    session: Session, report: VerifyReport, events: list[EventRow], last: EventRow | None
) -> None:
    """Compare the event table with the count (and head) recorded outside it by the last append."""
    try:
        if session.connection().dialect.name == "postgresql":
            with session.begin_nested():  # a failure must not abort the rest of the verification
                anchor = read_anchor(session)
        else:
            anchor = read_anchor(session)
    except DBAPIError:
        return
    if anchor is None:
        return
    count, head = anchor
    present = len(events)
    if session.connection().dialect.name == "sqlite":
        present &= 0x7FFFFFFF  # user_version is a signed 32-bit integer
    if last is None:
        newest = "no event is left"
    else:
        newest = (
            f"the newest event left is #{last.seq} (id {last.id}, {last.kind}, contest {last.contest_id})"
        )
    if count > present:
        report.problems.append(
            f"event table: {count} events were written but {present} are present — {count - present} deleted; "
            f"if no gap is reported, the deleted event(s) followed #{last.seq if last else 0}: {newest}"
        )
    elif count < present:
        report.problems.append(
            f"event table: {count} events were written but {present} are present — "
            f"{present - count} inserted by hand; {newest}"
        )
    if head and last is not None and last.hash != head:
        if any(e.hash == head for e in events):
            report.problems.append(
                f"event table: events were added after the last one the system wrote "
                f"(hash {head[:12]}…); {newest}"
            )
        else:
            report.problems.append(
                f"event table: the last event the system wrote (hash {head[:12]}…) is missing; {newest}"
            )


def _norm(v: Any) -> Any:
    # PostgreSQL and SQLite may hand back datetimes with and without tzinfo/microsecond padding identically
    if isinstance(v, str) and len(v) >= 19 and v[4:5] == "-" and v[10:11] == "T":
        return v.replace("+00:00", "")
    return v
