"""Certificates: the 获奖证书 of a contest (numbers allocated and recorded in the audit chain with their
verification codes), checking a certificate's code, and telling when the chain had a head printed on a document.

Owns :class:`CertificateServices`; it prints through the document services' gate and print log, and reads the
standings through the chief services.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from contest import audit
from contest.errors import NotFound
from contest.i18n import Msg, tr
from contest.printing import text as tx
from contest.printing.pages import HEAD_DIGITS, Certificate, CertificateData
from contest.services import registry
from contest.services.documents import PENDING_PRINTS, printed_date, project_phrase
from contest.services.views import Actor, Role
from contest.store.engine import write_session
from contest.store.tables import ContestantRow, EventRow

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.documents import DocumentServices

VERIFY_PREFIX = "CONTEST-VERIFY:"


@dataclass(frozen=True)
class CertificateCheck:
    """What ``verify-certificate`` found."""

    ok: bool
    message: Msg
    number: str = ""
    name: str = ""
    award: str = ""
    revoked: bool = False
    replaced_by: str = ""
    """The certificate that replaced a revoked one (empty: none did)."""
    reason: str = ""


@dataclass(frozen=True)
class HeadCheck:
    """What ``contest audit head`` found for a chain head typed or scanned from a document."""

    found: bool
    message: Msg
    seq: int = 0
    at: datetime | None = None
    printed: tuple[str, ...] = ()
    """Documents printed with this head (print and certificate events that recorded it)."""
    later: int = 0
    """Events since."""
    superseded: tuple[str, ...] = ()
    """Corrections (更正) made after it: documents printed with this head no longer show the results."""


def certificate_code(head: str, number: str, name: str, id_number: str, award: str) -> str:
    """Verification code: the certificate number and 12 hex digits of a hash over the chain head at issue and the
    certificate's content. Any changed character fails verification."""
    digest = hashlib.sha256(f"{head}|{number}|{name}|{id_number}|{award}".encode()).hexdigest()[:12].upper()
    return f"{number}-{digest}"


class CertificateServices:
    """Certificates and the checks made against the chain."""

    def __init__(self, ctx: ServiceContext, documents: DocumentServices, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.documents = documents
        self.chief = chief

    def certificates(
        self, actor: Actor, *, override: str | None = None, participation: bool = False, lang: str = "zh"
    ) -> CertificateData:
        """获奖证书 for every award winner (and participation certificates on request), worded in ``lang``;
        numbers and verification codes are recorded in the audit chain (always as in Chinese) so
        ``verify-certificate`` can check them."""
        self.ctx.require(actor, "打印获奖证书", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR)
        view = self.chief.standings(actor)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self.documents.header(s, actor, "获奖证书", override)
            ids = {
                p.id: p.id_number
                for p in s.exec(
                    select(ContestantRow).where(ContestantRow.contest_id == self.ctx.contest_id)
                ).all()
            }
        year = cfg.dates[0].year if cfg.dates else 0
        # (line, kind, what is printed large): awards in rank order, then title nominations, then taking part
        winners = [(line, "award", line.award) for line in view.lines if line.award]
        winners += [(line, "honour", title) for line in view.lines for title in line.titles]
        if participation:
            winners += [
                (line, "participation", "") for line in view.lines if not line.award and line.rank is not None
            ]
        if not winners:
            raise NotFound(Msg("documents.no_winners"))
        certs: list[Certificate] = []
        # numbers are allocated in the write that records them: unique for the contest for ever, never reused
        with write_session(self.ctx.engine, self.ctx.contest_id) as s:
            audit.track(s)
            reg = registry.load(s, self.ctx.contest_id)
            serial = reg.next_serial
            issued: dict[str, dict[str, object]] = {}
            by_contestant: dict[tuple[int, str], str] = {}
            for line, kind, award in winners:
                number = (
                    f"{cfg.certificate_prefix}{year}{serial:04d}"
                    if str(year) not in cfg.certificate_prefix
                    else f"{cfg.certificate_prefix}{serial:04d}"
                )
                title, body, end = self._wording(kind, line, award, lang)
                # a 参赛证明 is recorded as such, in Chinese whatever the language printed
                recorded = award or (title if lang == "zh" else self._wording(kind, line, award)[0])
                code = certificate_code(
                    header.audit_head, number, line.name, ids.get(line.contestant_id, ""), recorded
                )
                certs.append(
                    Certificate(
                        line.name or line.station,
                        line.unit,
                        line.project or cfg.projects[0],
                        award,
                        number,
                        VERIFY_PREFIX + code,
                        title=title,
                        body=body,
                        end=end,
                    )
                )
                issued[number] = {
                    "code": code,
                    "contestant": line.contestant_id,
                    "award": recorded,
                    "serial": serial,
                }
                by_contestant[(line.contestant_id, recorded)] = number
                serial += 1
            # a reprint replaces every certificate still standing: the old numbers are revoked, never reissued
            revokes = {
                old.number: {
                    "by": by_contestant.get((old.contestant, old.award), ""),
                    "reason": registry.REPRINT_REASON,
                }
                for old in reg.valid()
                if not header.draft and not old.draft
            }
            pending = PENDING_PRINTS.get()
            if pending is not None:  # the writer logs the print as completed once the file is written
                done: dict[str, object] = {
                    "document": "获奖证书",
                    "head": header.audit_head,
                    "draft": header.draft,
                }
                pending.append((actor, done | {"count": len(issued), "numbers": sorted(issued)}))
            audit.append_event(
                s,
                self.ctx.contest_id,
                actor.code,
                "certificates_issued",
                {"head": header.audit_head, "issued": issued, "draft": header.draft, "revokes": revokes},
                self.ctx.clock(),
            )
        date = cfg.dates[-1] if cfg.dates else None
        return CertificateData(
            header=header,
            certificates=tuple(certs),
            date=printed_date(date, lang) if date else "",
            issuers=cfg.issuing_bodies,
        )

    def _wording(self, kind: str, line: Any, award: str, lang: str = "zh") -> tuple[str, str, str]:
        """(title, body, end) of one certificate: the configured wording of its kind over the defaults in
        ``lang``, with the placeholders filled in."""
        cfg = self.ctx.config()
        title, body, end = tx.certificate_wording(kind, lang)
        own = dict(cfg.certificate_wording).get(kind, ("", "", ""))
        title, body, end = (mine or default for mine, default in zip(own, (title, body, end), strict=True))
        project = line.project or cfg.projects[0]
        days = sorted(cfg.dates)
        when = printed_date(days[0], lang) if days else ""
        if len(days) > 1:
            when = tr(lang, "documents.date_range", first=when, last=printed_date(days[-1], lang))
        values = {
            "contest": tx.titled_contest(cfg.name_zh, cfg.edition),
            "project": project_phrase(cfg.name_zh, project, lang),
            "award": award,
            "name": line.name,
            "unit": line.unit,
            "date": when,
        }
        return title.format(**values), body.format(**values), end.format(**values)

    def verify_certificate(self, code: str) -> CertificateCheck:
        """Check a certificate's verification code (with or without the QR prefix) against the registry in the
        audit chain: valid, revoked (with the replacing number and the reason), or unknown."""
        code = code.strip()
        if code.upper().startswith(VERIFY_PREFIX):
            code = code[len(VERIFY_PREFIX) :]
        number = code.rsplit("-", 1)[0] if "-" in code else code
        report = self.chief.verify()
        with self.ctx.read() as s:
            reg = registry.load(s, self.ctx.contest_id)
            cert = reg.issued.get(number)
            if cert is None:
                return CertificateCheck(False, Msg("certificates.unknown_number"), number)
            if cert.code != code:
                return CertificateCheck(False, Msg("certificates.code_mismatch"), number)
            p = s.get(ContestantRow, cert.contestant)
        if p is None:
            return CertificateCheck(False, Msg("certificates.contestant_missing"), number)
        expected = certificate_code(cert.head, number, p.name, p.id_number, cert.award)
        if code != expected:
            return CertificateCheck(False, Msg("certificates.content_changed"), number)
        if not report.ok:
            return CertificateCheck(False, Msg("certificates.chain_broken"), number)
        gone = reg.revocation(number)
        if gone is not None:
            return CertificateCheck(
                False,
                Msg("certificates.revoked"),
                number,
                p.name,
                cert.award,
                revoked=True,
                replaced_by=gone.replaced_by,
                reason=gone.reason,
            )
        if cert.draft:
            return CertificateCheck(False, Msg("certificates.draft"), number, p.name, cert.award)
        return CertificateCheck(True, Msg("certificates.valid"), number, p.name, cert.award)

    def check_head(self, typed: str) -> HeadCheck:
        """Whether and when the chain had the head ``typed`` (as printed: 32 hex digits, spaces and a
        ``审计链：`` label allowed). Fewer than 32 digits are looked up but said to prove little."""
        tail = typed.replace("：", ":").rsplit(":", 1)[-1]
        digits = "".join(ch for ch in tail.lower() if ch in "0123456789abcdef")
        if len(digits) < 8:
            return HeadCheck(False, Msg("certificates.head_too_short"))
        with self.ctx.read() as s:
            events = s.exec(
                select(EventRow).where(EventRow.contest_id == self.ctx.contest_id).order_by(col(EventRow.seq))
            ).all()
            hit = next((ev for ev in events if ev.hash.startswith(digits)), None)
            if hit is None:
                return HeadCheck(False, Msg("certificates.head_unknown"))
            printed, corrections = [], []
            for ev in events:
                if ev.seq <= hit.seq:
                    continue
                details = json.loads(ev.payload).get("details", {})
                if ev.kind in ("print", "certificates_issued") and details.get("head") == hit.hash:
                    printed.append(
                        f"#{ev.seq} {ev.actor} {details.get('document') or '获奖证书'}"
                        + ("（草稿）" if details.get("draft") else "")
                    )
                rec = details.get("correction")
                if rec:
                    corrections.append(f"#{ev.seq} {rec.get('changed') or rec.get('what')}")
            key = "certificates.head_found_weak" if len(digits) < HEAD_DIGITS else "certificates.head_found"
            return HeadCheck(
                True,
                Msg(key, seq=hit.seq),
                hit.seq,
                hit.at,
                tuple(printed),
                len(events) - hit.seq,
                tuple(corrections),
            )
