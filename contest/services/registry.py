"""The certificate registry, read from the audit chain: every certificate number ever issued for the contest (never
reused), and which ones are revoked — by a reprint that replaced them, or by a 更正 (correction after decryption)
made after they were issued.

Each ``certificates_issued`` event carries ``issued`` (number → code, contestant, award, serial) and ``revokes``
(number → the replacing number and the reason). Nothing here writes; :meth:`DocumentServices.certificates`
allocates numbers inside its own write transaction, so two print runs never hand out the same number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from contest.store.tables import EventRow

REPRINT_REASON = "重新打印，原证书作废 / reprinted: this certificate was replaced"


@dataclass(frozen=True)
class Issued:
    """One issued certificate as the chain recorded it."""

    number: str
    serial: int
    code: str
    contestant: int
    award: str
    head: str
    draft: bool
    seq: int
    at: datetime


@dataclass(frozen=True)
class Revocation:
    """Why a certificate is no longer valid, and what replaced it (empty: nothing did)."""

    replaced_by: str
    reason: str


@dataclass
class Registry:
    """Every certificate issued and every revocation, in chain order."""

    issued: dict[str, Issued] = field(default_factory=dict)
    revoked: dict[str, Revocation] = field(default_factory=dict)
    corrections: list[tuple[int, str]] = field(default_factory=list)
    """(event seq, what) of every 更正."""

    @property
    def next_serial(self) -> int:
        """The serial the next certificate gets: one more than any ever issued."""
        return max((i.serial for i in self.issued.values()), default=0) + 1

    def valid(self) -> list[Issued]:
        """Certificates neither revoked nor issued before a correction."""
        return [i for i in self.issued.values() if self.revocation(i.number) is None]

    def revocation(self, number: str) -> Revocation | None:
        """Why ``number`` is revoked, or None while it stands."""
        if number in self.revoked:
            return self.revoked[number]
        cert = self.issued.get(number)
        if cert is None:
            return None
        later = [what for seq, what in self.corrections if seq > cert.seq]
        if not later:
            return None
        replaced = next(
            (
                i.number
                for i in self.issued.values()
                if i.contestant == cert.contestant and i.seq > cert.seq and not i.draft
            ),
            "",
        )
        return Revocation(replaced, f"更正后作废（{later[0]}）/ revoked by a correction")


def _serial(number: str, entry: dict[str, Any]) -> int:
    if "serial" in entry:
        return int(entry["serial"])
    digits = re.search(r"(\d{1,4})$", number)  # before the registry: the run's own counter ended the number
    return int(digits[1]) if digits else 0


def load(s: Session, contest_id: int) -> Registry:
    """The registry as of this session's snapshot."""
    reg = Registry()
    events = s.exec(
        select(EventRow)
        .where(
            EventRow.contest_id == contest_id,
            col(EventRow.kind).in_(("certificates_issued",)) | col(EventRow.payload).contains('"correction"'),
        )
        .order_by(col(EventRow.seq))
    ).all()
    for ev in events:
        details = json.loads(ev.payload)["details"]
        if ev.kind != "certificates_issued":
            rec = details.get("correction")
            if rec:
                reg.corrections.append((ev.seq, str(rec.get("changed") or rec.get("what") or "")))
            continue
        for number, why in (details.get("revokes") or {}).items():
            reg.revoked.setdefault(number, Revocation(why.get("by", ""), why.get("reason", "")))
        for number, entry in details["issued"].items():
            reg.issued[number] = Issued(
                number,
                _serial(number, entry),
                entry["code"],
                entry["contestant"],
                entry["award"],
                details["head"],
                bool(details.get("draft")),
                ev.seq,
                ev.at,
            )
    return reg
