"""The page data of the appeal documents: the 申诉登记表 (every appeal and objection) and the 仲裁决定书 (one
decision of the arbitration panel). Both are logged prints; neither carries a name before decryption.

Builds :mod:`contest.printing.appeal_pages` dataclasses (plain data; no reportlab is loaded here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import select

from contest.errors import InvalidState, NotFound
from contest.i18n import Msg, tr
from contest.printing import text as tx
from contest.printing.appeal_pages import AppealEntry, AppealRegisterData, ArbitrationDecisionData
from contest.services.appeals import APPEAL_STATES, KINDS
from contest.services.documents import DocumentServices, printed_date
from contest.services.views import Actor, AppealView
from contest.store.tables import ArbitrationRow, JudgeRow

if TYPE_CHECKING:
    from contest.services.appeals import AppealServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

READERS = ("chief", "supervisor", "arbitration", "organiser")
"""Who may print the appeal documents."""


class AppealDocumentServices:
    """申诉登记表 and 仲裁决定书."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, documents: DocumentServices, appeals: AppealServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.documents = documents
        self.appeals = appeals

    def _who(self, a: AppealView, decrypted: bool, lang: str = "zh") -> str:
        """The contestant as the documents name them (in ``lang``): station and draw number, and the name only
        after decryption."""
        draw = tr(lang, "appeals.doc.draw_no", number=a.draw_no) if a.draw_no is not None else ""
        station = tr(lang, "appeals.doc.station", station=a.station, draw=draw)
        return (
            tr(lang, "appeals.doc.named", name=a.name, station=station) if decrypted and a.name else station
        )

    def _names(self) -> dict[str, str]:
        with self.ctx.read() as s:
            return {
                j.code: j.name
                for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            }

    def appeal_register(self, actor: Actor, lang: str = "zh") -> AppealRegisterData:
        """申诉登记表: every appeal and objection, oldest first, with the first ruling, the escalation and the
        arbitration decision, who handled each step, and the deadlines in force (in ``lang``). Logged."""
        self.ctx.require(actor, "打印申诉登记表", *READERS)
        views = self.appeals.appeals()
        names = self._names()
        cfg = self.ctx.config()

        def who(code: str) -> str:
            return tr(lang, "appeals.doc.named", name=names[code], station=code) if names.get(code) else code

        def line(key: str, **params: object) -> str:
            return tr(lang, f"appeals.doc.{key}", **params)

        with self.ctx.read() as s:
            decrypted = self.q.decrypted(s)
            header = self.documents.header(s, actor, "申诉登记表", None, needs_final=False)
        entries = []
        for a in views:
            outcome = []
            handlers = [line("lodged_by", who=who(a.lodged_by))]
            if a.objector:
                outcome.append(line("objector", name=a.objector))
            if a.ruling:
                outcome.append(line("ruling", at=a.ruled_at, text=a.ruling))
                handlers.append(line("ruled_by", who=who(a.ruled_by)))
            if a.reopened:
                outcome.append(line("reopened", n=len(a.reopened)))
            if a.escalation:
                outcome.append(line("escalation", at=a.escalated_at, text=a.escalation))
            if a.decision:
                outcome.append(line("decision", at=a.decided_at, text=a.decision))
                handlers.append(line("decided_by", who=who(a.decided_by)))
            if a.arbitration_reopened:
                outcome.append(line("arbitration_reopened", n=len(a.arbitration_reopened)))
            entries.append(
                AppealEntry(
                    number=str(a.id),
                    kind=line(f"kind.{a.kind}") if a.kind in KINDS else a.kind,
                    lodged_at=a.lodged_at,
                    contestant=self._who(a, decrypted, lang),
                    module=a.module_code or line("no_module"),
                    text=a.text,
                    outcome="\n".join(outcome) or line("pending"),
                    handlers="\n".join(handlers),
                    state=line(f"state.{a.state}") if a.state in APPEAL_STATES else a.state,
                )
            )
        rules = tr(
            lang,
            "appeals.register_rules",
            appeal=cfg.appeal_deadline_minutes,
            escalation=cfg.escalation_minutes,
            days=cfg.objection_days,
        )
        self.documents.log_print(actor, "申诉登记表", header, len(entries))
        return AppealRegisterData(header=header, entries=tuple(entries), rules=rules, decrypted=decrypted)

    def arbitration_decision(self, actor: Actor, appeal_id: int, lang: str = "zh") -> ArbitrationDecisionData:
        """仲裁决定书 for one appeal or objection the arbitration panel has decided (the words the service adds
        in ``lang``). Logged."""
        self.ctx.require(actor, "打印仲裁决定书", *READERS)
        views = {a.id: a for a in self.appeals.appeals()}
        a = views.get(appeal_id)
        if a is None:
            raise NotFound(Msg("appeals.not_found", appeal=appeal_id))
        if a.state != "final":
            raise InvalidState(Msg("arbitration.no_decision_yet", appeal=appeal_id))
        names = self._names()
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            decrypted = self.q.decrypted(s)
            header = self.documents.header(s, actor, "仲裁决定书", None, needs_final=False)
            case = s.get(ArbitrationRow, appeal_id)
            assert case is not None and case.decided_at is not None
            day = self.ctx.local_time(case.decided_at, s).date()
        year = day.year
        ruled_by = (
            tr(lang, "appeal_documents.ruled_by", name=names.get(a.ruled_by, ""), code=a.ruled_by)
            if a.ruled_by
            else ""
        )
        data = ArbitrationDecisionData(
            header=header,
            number=tr(lang, "appeal_documents.number", year=year, n=appeal_id),
            kind=tr(lang, f"appeals.doc.kind.{a.kind}") if a.kind in KINDS else a.kind,
            contestant=self._who(a, decrypted, lang),
            module=a.module_code or tr(lang, "appeals.doc.no_module"),
            lodged_at=a.lodged_at,
            applicant=a.objector if a.kind == "objection" else "",
            text=a.text,
            first_ruling=tr(
                lang, "appeal_documents.first_ruling", ruling=a.ruling, by=ruled_by, at=a.ruled_at
            )
            if a.ruling
            else "",
            escalation=a.escalation,
            opinion=a.opinion,
            decision=a.decision,
            decided_at=printed_date(day, lang),
            panel=tuple((code, names.get(code, "")) for code in a.panel),
            issuer=tr(lang, "appeal_documents.issuer", contest=tx.titled_contest(cfg.name_zh, cfg.edition)),
        )
        self.documents.log_print(actor, "仲裁决定书", header, 1)
        return data
