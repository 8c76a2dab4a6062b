"""The audit chain: one hashed event per service call, carrying a snapshot of every row the call wrote.

Each event's SHA-256 covers its canonical content and the previous event's hash. Because every row write is
in some event, replaying the chain reproduces every audited table exactly; :func:`verify_chain` does that and
reports any row changed, deleted or inserted behind the system's back, and any broken link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

from contest.store.tables import AUDITED_TABLES, EventRow

GENESIS = "0" * 64
_TRACK_KEY = "contest_audit_rows"


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def snapshot(obj: SQLModel) -> dict[str, Any]:
    """Every column of a row as JSON-able values, with its table name and primary key."""
    mapper = inspect(type(obj))
    cols = {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs}
    pk = [_jsonable(getattr(obj, c.key)) for c in mapper.primary_key]
    return {"table": obj.__tablename__, "pk": pk, "row": cols}  # type: ignore[attr-defined]


def _on_flush(session: Session, _ctx: Any) -> None:
    tracked: dict[tuple[str, str], SQLModel] = session.info.setdefault(_TRACK_KEY, {})
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, EventRow) or not isinstance(obj, AUDITED_TABLES):
            continue
        snap = snapshot(obj)
        tracked[(snap["table"], json.dumps(snap["pk"]))] = obj


def track(session: Session) -> None:
    """Start collecting the rows this session writes."""
    if not session.info.get("contest_tracking"):
        sa_event.listen(session, "after_flush", _on_flush)
        session.info["contest_tracking"] = True


def canonical(obj: Any) -> str:
    """Canonical JSON used for hashing."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, seq: int, at: str, actor: str, kind: str, payload: str) -> str:
    """The chained SHA-256 of one event."""
    body = canonical(
        {"prev": prev_hash, "seq": seq, "at": at, "actor": actor, "kind": kind, "payload": payload}
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def last_event(session: Session, contest_id: int) -> EventRow | None:
    """The newest event of a contest."""
    stmt = select(EventRow).where(EventRow.contest_id == contest_id).order_by(EventRow.seq.desc()).limit(1)  # type: ignore[attr-defined]
    return session.exec(stmt).first()


def append_event(
    session: Session, contest_id: int, actor: str, kind: str, details: dict[str, Any], at: datetime
) -> EventRow:
    """Write the event for this service call, with snapshots of every row it wrote, chained to the last."""
    session.flush()
    tracked: dict[tuple[str, str], SQLModel] = session.info.get(_TRACK_KEY, {})
    rows = [snapshot(o) for _, o in sorted(tracked.items())]
    session.info[_TRACK_KEY] = {}
    prev = last_event(session, contest_id)
    seq = (prev.seq + 1) if prev else 1
    prev_hash = prev.hash if prev else GENESIS
    payload = canonical({"details": details, "rows": rows})
    at_s = at.isoformat()
    ev = EventRow(
        contest_id=contest_id,
        seq=seq,
        at=at,
        actor=actor,
        kind=kind,
        payload=payload,
        prev_hash=prev_hash,
        hash=event_hash(prev_hash, seq, at_s, actor, kind, payload),
    )
    session.add(ev)
    session.flush()
    return ev


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
    events = session.exec(select(EventRow).order_by(EventRow.contest_id, EventRow.seq)).all()  # type: ignore[arg-type]
    prev_by_contest: dict[int, tuple[int, str]] = {}
    for ev in events:
        report.events += 1
        pseq, phash = prev_by_contest.get(ev.contest_id, (0, GENESIS))
        where = f"event #{ev.seq} (id {ev.id}, {ev.kind}, contest {ev.contest_id})"
        if ev.seq != pseq + 1:
            report.problems.append(
                f"{where}: sequence gap, expected #{pseq + 1} — an event was deleted or inserted"
            )
        if ev.prev_hash != phash:
            report.problems.append(
                f"{where}: link broken — prev_hash does not match the previous event's hash"
            )
        at_s = ev.at.isoformat()
        recomputed = event_hash(ev.prev_hash, ev.seq, at_s, ev.actor, ev.kind, ev.payload)
        if recomputed != ev.hash:
            report.problems.append(f"{where}: content changed — its hash does not match its content")
        prev_by_contest[ev.contest_id] = (ev.seq, ev.hash)
        report.head = ev.hash
        try:
            payload = json.loads(ev.payload)
        except ValueError:
            report.problems.append(f"{where}: payload is not valid JSON")
            continue
        for snap in payload.get("rows", []):
            expected[(snap["table"], json.dumps(snap["pk"]))] = snap["row"]
    for table in AUDITED_TABLES:
        name = table.__tablename__  # type: ignore[attr-defined]
        actual: dict[tuple[str, str], dict[str, Any]] = {}
        for obj in session.exec(select(table)).all():
            snap = snapshot(obj)
            actual[(name, json.dumps(snap["pk"]))] = snap["row"]
        report.rows_checked += len(actual)
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
            if key[0] == name and key not in actual:
                report.problems.append(f"table {name}, row {key[1]}: deleted outside the system")
    return report


def _norm(v: Any) -> Any:
    # PostgreSQL and SQLite may hand back datetimes with and without tzinfo/microsecond padding identically
    if isinstance(v, str) and len(v) >= 19 and v[4:5] == "-" and v[10:11] == "T":
        return v.replace("+00:00", "")
    return v
