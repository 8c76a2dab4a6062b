"""The shared service context (:class:`ServiceContext`). Owns the engine, the clock, the contest being run and its
configuration, the PIN hasher and login lockout, permission checks (refusals are logged), the
one-transaction-one-event discipline (:meth:`ServiceContext.write`) and the 更正 (correction) gate. Owns no use
case: those live in the sibling service modules, which each hold one context, behind the
:class:`contest.services.Services` facade. The TUI and CLI call services only; nothing else commits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from contest import audit
from contest.config import ContestConfig, parse_config
from contest.errors import LoginFailed, NotFound, PermissionDenied
from contest.i18n import Msg
from contest.services.views import ROLE_NAMES_ZH, Actor, Role
from contest.store.engine import read_session, write_session
from contest.store.tables import ContestRow, EventRow, JudgeRow, LoginStateRow, ModuleRow
from rubrics.load import read_bytes
from rubrics.model import Library, ModuleRubric, TheoryBlueprint

MAX_FAILURES = 5
"""Wrong PINs in a row that lock an account (for :data:`LOCKOUT`)."""
LOCKOUT = timedelta(minutes=5)
"""How long an account stays locked after :data:`MAX_FAILURES` wrong PINs."""


def _aware(t: datetime) -> datetime:
    """A stored time as timezone-aware UTC (SQLite may hand it back naive)."""
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Correction:
    """更正: a change after decryption that can move a result, decided by the chief judge and the supervisor (both
    logged in with their PINs) for a stated reason. See :meth:`ServiceContext.correction_gate`."""

    chief: Actor
    supervisor: Actor
    reason: str


CORRECTED_DOCUMENTS = ("result_sheet", "results_workbook", "score_sheets")
"""Printed documents a correction supersedes (certificates are revoked in the registry instead)."""


def listing(items: Iterable[Msg | str], key: str = "core.list") -> Msg | str:
    """Several names or values as one message parameter: "M1、M2" in Chinese, "M1, M2" in English (``key`` joins
    two: its texts have ``{first}`` and ``{rest}``; ``core.sentences`` joins whole messages with "；" / "; ")."""
    named = list(items)
    if not named:
        return ""
    out = named[-1]
    for name in reversed(named[:-1]):
        out = Msg(key, first=name, rest=out)
    return out


def role_list(roles: Iterable[str]) -> Msg | str:
    """The names of ``roles`` as one message: "裁判长、监督" / "chief, supervisor" (a role the catalogue does not
    name is shown by its code)."""
    return listing(Msg(f"core.role.{r}") if r in ROLE_NAMES_ZH else r for r in roles)


def utcnow() -> datetime:
    """Current time in UTC, timezone-aware (SQLModel refuses naive datetimes)."""
    return datetime.now(UTC)


class PinHasher(Protocol):
    """Hashes and checks judges' PINs: what the services need of :class:`argon2.PasswordHasher`."""

    def hash(self, pin: str, /) -> str:
        """The stored form of ``pin``."""
        ...

    def verify(self, pin_hash: str, pin: str, /) -> bool:
        """Whether ``pin`` matches ``pin_hash``: true, or false or ``argon2.exceptions.VerificationError`` /
        ``InvalidHashError`` raised."""
        ...


PIN_HASHER: PinHasher = PasswordHasher()
"""The production PIN hasher: argon2id with the library's defaults (RFC 9106 "low memory" profile), slow on
purpose. A PIN hashed by it, or by any other argon2 hasher, is checked at the cost stored in its hash."""


def stored_config(
    config_text: str, theory_snapshot: str, module_snapshots: Iterable[tuple[str, str]]
) -> ContestConfig:
    """A contest's configuration rebuilt from what the database stores: the configuration text and the rubric
    snapshots ((rubric id, TOML text) of each module), not the live library."""
    lib = Library()
    for rubric_id, snapshot in module_snapshots:
        obj, _ = read_bytes(snapshot.encode("utf-8"), f"snapshot:{rubric_id}")
        if isinstance(obj, ModuleRubric):
            lib.modules[obj.id] = obj
    if theory_snapshot:
        bp, _ = read_bytes(theory_snapshot.encode("utf-8"), "snapshot:theory")
        if isinstance(bp, TheoryBlueprint):
            lib.blueprints[bp.id] = bp
    return parse_config(config_text, "contest.toml (stored)", library=lib)


class ServiceContext:
    """What every service of one contest shares: the engine, the clock, the PIN hasher, the contest and its
    configuration, permission checks with their logged refusals, and the write transaction that ends with one
    audit event. Each sibling service holds the same context (``self.ctx``)."""

    def __init__(
        self,
        engine: Engine,
        contest_id: int | None = None,
        clock: Callable[[], datetime] = utcnow,
        *,
        hasher: PinHasher | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.hasher: PinHasher = PIN_HASHER if hasher is None else hasher
        """Hashes new PINs and checks logins (default :data:`PIN_HASHER`)."""
        self._contest_id = contest_id
        self._config_cache: tuple[str, ContestConfig] | None = None

    # -- contest -----------------------------------------------------------------------------------------------
    @property
    def contest_id(self) -> int:
        """The contest these services run (the newest one in the database unless given)."""
        if self._contest_id is None:
            with read_session(self.engine) as s:
                row = s.exec(select(ContestRow).order_by(col(ContestRow.id).desc())).first()
                if row is None or row.id is None:
                    raise NotFound(Msg("core.no_contest"))
                self._contest_id = row.id
        return self._contest_id

    def config(self, session: Session | None = None) -> ContestConfig:
        """The contest's configuration, rebuilt from the snapshots stored with it (not the live library)."""
        if session is None:
            with read_session(self.engine) as s:
                return self.config(s)
        contest = session.get(ContestRow, self.contest_id)
        if contest is None:
            raise NotFound(Msg("core.contest_not_found", contest=self.contest_id))
        # held for the session's life: the identity map keeps only referenced rows, and a submit asked for the
        # configuration five times, each a SELECT inside the write lock
        session.info["contest_row"] = contest
        if self._config_cache and self._config_cache[0] == contest.config_text:
            return self._config_cache[1]
        snapshots = [
            (m.rubric_id, m.snapshot)
            for m in session.exec(select(ModuleRow).where(ModuleRow.contest_id == contest.id)).all()
        ]
        cfg = stored_config(contest.config_text, contest.theory_snapshot, snapshots)
        self._config_cache = (contest.config_text, cfg)
        return cfg

    def checked_config(self, check: Callable[[ContestConfig], None]) -> ContestConfig:
        """The configuration ``check`` passes, for the checks a write makes before it takes the write lock: the
        configuration as last read (no statement) when it passes there, else a fresh read checked again (the
        configuration may have changed since: the fresh check's refusal is the one raised). The write then holds
        its input to ``config(s)`` again only if that is not the configuration returned here."""
        cached = self._config_cache
        if cached is not None:
            with suppress(Exception):  # a refusal is judged again on a fresh read just below
                check(cached[1])
                return cached[1]
        cfg = self.config()
        check(cfg)
        return cfg

    def forget_config(self) -> None:
        """Drop the cached configuration: the stored rubric snapshots changed under the same configuration text."""
        self._config_cache = None

    # -- transactions ------------------------------------------------------------------------------------------
    @contextmanager
    def write(self, actor: Actor, kind: str, details: dict[str, Any] | None = None) -> Iterator[Session]:
        """One user action: a write transaction that ends with exactly one audit event."""
        try:
            with write_session(self.engine, self.contest_id) as s:
                audit.track(s)
                info: dict[str, Any] = dict(details or {})
                s.info["event_details"] = info
                yield s
                from contest.services.sheet_results import store_written  # (it builds on the services)

                store_written(s, lambda: self.config(s))  # the results of the sheets it submitted
                audit.append_event(s, self.contest_id, actor.code, kind, info, self.clock())
        except PermissionDenied as exc:
            self.log_denied(exc)
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with read_session(self.engine) as s:
                yield s
        except PermissionDenied as exc:
            self.log_denied(exc)
            raise

    def deny(self, actor: Actor, action: str, why: str | Msg) -> PermissionDenied:
        """The error for a refused call; it is logged (in its own transaction) once the current one has ended. The
        logged reason is ``str(why)`` (both languages, "中文 / English")."""
        exc = PermissionDenied(why)
        exc.audit = (actor.code, action, str(why))
        return exc

    def log_denied(self, exc: PermissionDenied) -> None:
        pending = getattr(exc, "audit", None)
        if pending is None:
            return
        exc.audit = None
        code, action, why = pending
        with write_session(self.engine, self.contest_id) as s:
            audit.track(s)
            audit.append_event(
                s, self.contest_id, code, "denied", {"action": action, "why": why}, self.clock()
            )

    def denied_now(self, actor: Actor, action: str, why: str | Msg) -> PermissionDenied:
        """A refusal outside any transaction: logged at once."""
        exc = self.deny(actor, action, why)
        self.log_denied(exc)
        return exc

    def check_pin(self, code: str, pin: str, kind: str) -> JudgeRow:
        """Verify a PIN with the lockout rule (5 failures → 5 minutes), audited as ``kind``/``kind_failed``.

        The attempt is counted before the PIN is checked, in the same write transaction that reads the lockout
        (on SQLite ``BEGIN IMMEDIATE``, on PostgreSQL the contest's advisory lock): parallel guesses each take
        one of the allowed attempts, so no more than ``MAX_FAILURES`` are ever checked before the lock. The slow
        hash check then runs outside any write transaction; the outcome is written in a second short one (a
        right PIN clears the counter), so logins never hold the write lock while judges are saving marks.
        """
        from argon2.exceptions import InvalidHashError, VerificationError

        now = self.clock()
        with write_session(self.engine, self.contest_id) as s:
            j = s.exec(
                select(JudgeRow).where(JudgeRow.contest_id == self.contest_id, JudgeRow.code == code)
            ).first()
            if j is not None and j.id is not None:
                st = s.get(LoginStateRow, j.id)
                if st is None:
                    st = LoginStateRow(judge_id=j.id)
                    s.add(st)
                    s.flush()
                locked_until = st.locked_until
                reserved = locked_until is None or _aware(locked_until) <= now
                if reserved:
                    # this attempt is counted now, whatever its outcome; the lock falls on the last allowed one
                    st.failures += 1
                    locks = st.failures >= MAX_FAILURES
                    st.locked_until = now + LOCKOUT if locks else None
                    if locks:
                        st.failures = 0
                    s.add(st)
        if j is None or j.id is None:
            self.record(Actor(code or "?", "", frozenset()), f"{kind}_failed", {"why": "unknown code"})
            raise LoginFailed(Msg("core.wrong_code_or_pin"))
        if not reserved:
            assert locked_until is not None
            left = int((_aware(locked_until) - now).total_seconds() // 60) + 1
            self.record(Actor(code, "", frozenset()), f"{kind}_refused", {"why": "locked"})
            raise LoginFailed(Msg("core.locked", minutes=left))
        try:
            ok = self.hasher.verify(j.pin_hash, pin)
        except (VerificationError, InvalidHashError):
            ok = False
        with write_session(self.engine, self.contest_id) as s:
            audit.track(s)
            if ok:
                st = s.get(LoginStateRow, j.id)
                if st is not None:
                    st.failures = 0
                    st.locked_until = None
                    s.add(st)
                audit.append_event(s, self.contest_id, code, kind, {}, now)
                return j
            msg = Msg("core.wrong_code_or_pin")
            if locks:
                msg = Msg(
                    "core.locked_now", failures=MAX_FAILURES, minutes=int(LOCKOUT.total_seconds() // 60)
                )
            audit.append_event(s, self.contest_id, code, f"{kind}_failed", {"locked": locks}, now)
        raise LoginFailed(msg)

    def refuse_unproven(self, action: str, why: str | Msg) -> PermissionDenied:
        """A command that named nobody (no ``--as``): refused and logged under ``cli``."""
        return self.denied_now(Actor("cli", "", frozenset()), action, why)

    def allowed(self, actor: Actor, *roles: str) -> bool:
        """Whether ``actor`` holds any of ``roles`` (a check for screens; nothing is logged)."""
        return any(actor.has(r) for r in roles)

    def logout(self, actor: Actor) -> None:
        """Record a logout."""
        self.record(actor, "logout", {})

    def record(self, actor: Actor, kind: str, details: dict[str, Any]) -> None:
        """An event that writes no rows (a print, an issue of certificates, a logout)."""
        with write_session(self.engine, self.contest_id) as s:
            audit.track(s)
            audit.append_event(s, self.contest_id, actor.code, kind, details, self.clock())

    def require(self, actor: Actor, action: str, *roles: str) -> None:
        if not any(actor.has(r) for r in roles):
            exc = self.deny(actor, action, Msg("core.requires_role", action=action, roles=role_list(roles)))
            self.log_denied(exc)
            raise exc

    # -- corrections (更正) --------------------------------------------------------------------------------------
    def correction_gate(
        self, s: Session, actor: Actor, action: str, what: str, correction: Correction | None
    ) -> dict[str, Any] | None:
        """Inside a write: after decryption, a change that can move a result needs ``correction`` (the chief judge
        and the supervisor, two different people, and a reason); refused and logged otherwise. Returns the 更正
        record (kept in this action's event), to be completed by
        :meth:`~contest.services.chief.ChiefServices.close_correction`; None before
        decryption."""
        c = s.get(ContestRow, self.contest_id)
        if c is None or c.decrypted_at is None:
            return None
        if correction is None:
            raise self.deny(
                actor,
                action,
                Msg("core.correction_needed", what=what),
            )
        if not (
            correction.chief.has(Role.CHIEF)
            and correction.supervisor.has(Role.SUPERVISOR)
            and correction.chief.code != correction.supervisor.code
            and correction.reason.strip()
        ):
            raise self.deny(
                actor,
                action,
                Msg("core.correction_incomplete"),
            )
        superseded = [
            ev.seq
            for ev in s.exec(
                select(EventRow).where(
                    EventRow.contest_id == self.contest_id,
                    col(EventRow.kind).in_(("print", "certificates_issued")),
                    EventRow.at >= c.decrypted_at,
                )
            ).all()
            if ev.kind == "certificates_issued"
            or json.loads(ev.payload)["details"].get("document") in CORRECTED_DOCUMENTS
        ]
        record: dict[str, Any] = {
            "what": what,
            "reason": correction.reason.strip(),
            "chief": correction.chief.code,
            "supervisor": correction.supervisor.code,
            "superseded": superseded,
        }
        s.info["event_details"]["correction"] = record
        return record

    def corrections(self) -> list[tuple[int, datetime, str, dict[str, Any]]]:
        """Every 更正 so far: (event seq, time, event kind, record), oldest first."""
        with self.read() as s:
            out = []
            for ev in s.exec(
                select(EventRow).where(EventRow.contest_id == self.contest_id).order_by(col(EventRow.seq))
            ).all():
                if '"correction"' not in ev.payload:
                    continue
                rec = json.loads(ev.payload)["details"].get("correction")
                if rec:
                    out.append((ev.seq, _aware(ev.at), ev.kind, rec))
            return out

    # -- audit -------------------------------------------------------------------------------------------------
    def audit_head(self) -> str:
        """The current chain head hash (printing shows its first 8 characters)."""
        with self.read() as s:
            ev = audit.last_event(s, self.contest_id)
            return ev.hash if ev else audit.GENESIS

    def local_time(self, t: datetime, session: Session | None = None) -> datetime:
        """A stored (UTC) time in the contest's time zone (``[contest] timezone``, default Asia/Shanghai)."""
        return _aware(t).astimezone(ZoneInfo(self.config(session).timezone))

    def events(self, limit: int = 50, *, kinds: tuple[str, ...] = ()) -> list[tuple[int, str, str, str, str]]:
        """The newest events (only of ``kinds`` if given): (seq, time in the contest's time zone, actor, kind,
        details)."""
        with self.read() as s:
            stmt = select(EventRow).where(EventRow.contest_id == self.contest_id)
            if kinds:
                stmt = stmt.where(col(EventRow.kind).in_(kinds))
            stmt = stmt.order_by(col(EventRow.seq).desc()).limit(limit)
            out = []
            for ev in s.exec(stmt).all():
                details = json.loads(ev.payload).get("details", {})
                out.append(
                    (
                        ev.seq,
                        f"{self.local_time(ev.at, s):%Y-%m-%d %H:%M:%S}",
                        ev.actor,
                        ev.kind,
                        json.dumps(details, ensure_ascii=False)[:200],
                    )
                )
            return out
