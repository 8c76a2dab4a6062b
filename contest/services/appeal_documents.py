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
from contest.services.documents import DocumentServices
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

    def _who(self, a: AppealView, decrypted: bool) -> str:
        """The contestant as the documents name them: station and draw number, and the name only after
        decryption."""
        draw = f" · 抽签号 {a.draw_no}" if a.draw_no is not None else ""
        station = f"赛位 {a.station}{draw}"
        return f"{a.name}（{station}）" if decrypted and a.name else station

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
            return f"{names.get(code, '')}（{code}）" if names.get(code) else code

        with self.ctx.read() as s:
            decrypted = self.q.decrypted(s)
            header = self.documents.header(s, actor, "申诉登记表", None, needs_final=False)
        entries = []
        for a in views:
            outcome = []
            handlers = [f"登记：{who(a.lodged_by)}"]
            if a.objector:
                outcome.append(f"异议人：{a.objector}")
            if a.ruling:
                outcome.append(f"复核（{a.ruled_at}）：{a.ruling}")
                handlers.append(f"复核：{who(a.ruled_by)}")
            if a.reopened:
                outcome.append(f"重开评分表 {len(a.reopened)} 份")
            if a.escalation:
                outcome.append(f"提请仲裁（{a.escalated_at}）：{a.escalation}")
            if a.decision:
                outcome.append(f"仲裁决定（{a.decided_at}）：{a.decision}")
                handlers.append(f"仲裁：{who(a.decided_by)}")
            if a.arbitration_reopened:
                outcome.append(f"仲裁重开评分表 {len(a.arbitration_reopened)} 份")
            entries.append(
                AppealEntry(
                    number=str(a.id),
                    kind=KINDS.get(a.kind, a.kind),
                    lodged_at=a.lodged_at,
                    contestant=self._who(a, decrypted),
                    module=a.module_code or "理论/总分",
                    text=a.text,
                    outcome="\n".join(outcome) or "待处理",
                    handlers="\n".join(handlers),
                    state=APPEAL_STATES.get(a.state, a.state),
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

    def arbitration_decision(self, actor: Actor, appeal_id: int) -> ArbitrationDecisionData:
        """仲裁决定书 for one appeal or objection the arbitration panel has decided. Logged."""
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
        ruled_by = f"{names.get(a.ruled_by, '')}（{a.ruled_by}）" if a.ruled_by else ""
        data = ArbitrationDecisionData(
            header=header,
            number=f"仲裁〔{year}〕第 {appeal_id} 号",
            kind=KINDS.get(a.kind, a.kind),
            contestant=self._who(a, decrypted),
            module=a.module_code or "理论/总分",
            lodged_at=a.lodged_at,
            applicant=a.objector if a.kind == "objection" else "",
            text=a.text,
            first_ruling=f"{a.ruling}（{ruled_by}，{a.ruled_at}）" if a.ruling else "",
            escalation=a.escalation,
            opinion=a.opinion,
            decision=a.decision,
            decided_at=tx.chinese_date(day),
            panel=tuple((code, names.get(code, "")) for code in a.panel),
            issuer=f"{tx.titled_contest(cfg.name_zh, cfg.edition)}仲裁组",
        )
        self.documents.log_print(actor, "仲裁决定书", header, 1)
        return data
