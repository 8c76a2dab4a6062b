"""以赛促训 feedback services: the page data of the 培训反馈报告 (per unit) and the 个人成绩反馈单 (per contestant).

Owns who may print them (the organiser and the chief judge), when (after decryption, i.e. after the results are
published; the usual print gate for sign-off and completeness applies on top), gathering the marks into
:class:`scoresheets.feedback.FieldMarks`, and one audit event per printed document. The statistics are computed by
:mod:`scoresheets.feedback`; nothing here names a judge.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import NotFound, PrintRefused
from contest.i18n import Msg, tr
from contest.printing.feedback_pages import (
    ContestantFeedbackData,
    ContestantSheet,
    UnitFeedbackData,
    UnitReport,
    UnitResultLine,
)
from contest.printing.pages import DocHeader
from contest.services.documents import PENDING_PRINTS, DocumentServices, document_name
from contest.services.marking import DrawnField
from contest.services.views import Actor, StandingsView
from contest.store.tables import ContestRow, JudgeRow, TheoryRow
from scoresheets.feedback import (
    TYPE_KEY,
    ContestantFeedback,
    FieldMarks,
    GroupFeedback,
    ModuleMarks,
    TheorySectionSpec,
    contestant_feedback,
    feedback_groups,
    group_feedback,
    type_specs,
)

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

UNIT_DOCUMENT = "培训反馈报告"
CONTESTANT_DOCUMENT = "个人成绩反馈单"
WHO = ("organiser", "chief")


def feedback_rules(min_count: int, lang: str = "zh") -> tuple[str, ...]:
    """How the figures are computed, and the small-unit rule, as printed on every report (in ``lang``)."""
    return (
        tr(lang, "feedback.rule.small_units", n=min_count),
        tr(lang, "feedback.rule.score_rate"),
        tr(lang, "feedback.rule.deductions"),
        tr(lang, "feedback.rule.strengths"),
    )


class FeedbackServices:
    """The feedback documents' data."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, chief: ChiefServices, documents: DocumentServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.documents = documents

    def _feedback_open(self, s: Session, actor: Actor, document: str, override: str | None) -> DocHeader:
        """After decryption only (no override opens it earlier); then the usual gate and header."""
        c = s.get(ContestRow, self.ctx.contest_id)
        if c is None or c.decrypted_at is None:
            raise PrintRefused(Msg("feedback.after_decryption", document=document_name(document)))
        return self.documents.header(s, actor, document, override)

    def _marks(self, s: Session) -> tuple[FieldMarks, DrawnField]:
        """Every submitted mark of the drawn contestants (withdrawn ones left out), keyed by contestant id."""
        cfg = self.ctx.config(s)
        field, sheets, _ = self.chief.gather(s)
        st, _ = self.chief.compute(s)
        present = {str(p.id) for p in field.people}
        modules = []
        for m in cfg.modules:
            rid = m.rubric.id
            panels = {c: p for (c, mid), p in st.panels.items() if mid == rid and c in present}
            marks = {c: tuple(v) for (c, mid), v in sheets.items() if mid == rid and c in panels}
            modules.append(ModuleMarks(m.rubric, panels, marks))
        sections: tuple[TheorySectionSpec, ...] = ()
        if cfg.theory is not None and cfg.theory_weight > 0:
            sections = tuple(TheorySectionSpec(sec.id, sec.title, sec.points) for sec in cfg.theory.sections)
            sections += type_specs(cfg.theory)  # by question type too, where the answers were marked here
        theory: dict[str, dict[str, Decimal]] = {}
        ids = [p.id for p in field.people if p.id is not None]
        if sections and ids:
            rows = s.exec(select(TheoryRow).where(col(TheoryRow.contestant_id).in_(ids))).all()
            for t in rows:
                theory[str(t.contestant_id)] = {
                    k: Decimal(v) / 100 for k, v in json.loads(t.breakdown or "{}").items()
                }
        typed = {k for v in theory.values() for k in v if k.startswith(TYPE_KEY)}
        sections = tuple(sec for sec in sections if not sec.id.startswith(TYPE_KEY) or sec.id in typed)
        return FieldMarks(tuple(modules), sections, theory), field

    def _log_document(
        self, actor: Actor, document: str, header: DocHeader, count: int, **extra: object
    ) -> None:
        """One print event for the document (held back until the file is written, as every print is)."""
        details: dict[str, object] = {
            "document": document,
            "draft": header.draft,
            "reason": header.draft_reason,
            "head": header.audit_head,
            "count": count,
            "incomplete": header.incomplete,
            **extra,
        }
        pending = PENDING_PRINTS.get()
        if pending is not None:
            pending.append((actor, details))
        else:
            self.ctx.record(actor, "print", details)

    @staticmethod
    def _results(view: StandingsView, members: set[int]) -> tuple[UnitResultLine, ...]:
        return tuple(
            UnitResultLine(
                line.name,
                line.rank,
                line.theory,
                tuple(line.modules.get(c) for c in view.module_codes),
                line.total,
                line.award or "",
            )
            for line in view.lines
            if line.contestant_id in members
        )

    def feedback_units(self, actor: Actor) -> list[str]:
        """The units of the drawn contestants (for choosing one)."""
        self.ctx.require(actor, f"查看{UNIT_DOCUMENT}", *WHO)
        with self.ctx.read() as s:
            return sorted({p.unit for p in self.q.field(s).people})

    def unit_feedback(
        self, actor: Actor, *, unit: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> UnitFeedbackData:
        """培训反馈报告 of one unit (``unit``) or of every unit (the workbook): the unit's published results and its
        statistics against the field, small units merged or suppressed (``[feedback] min_unit_count``). The rules
        printed with it are in ``lang``."""
        self.ctx.require(actor, f"打印{UNIT_DOCUMENT}", *WHO)
        view = self.chief.standings(actor)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self._feedback_open(s, actor, UNIT_DOCUMENT, override)
            marks, field = self._marks(s)
        units = {str(p.id): p.unit for p in field.people}
        groups = feedback_groups(units, cfg.feedback_min_count)
        wanted = sorted(groups) if unit is None else [unit]
        if unit is not None and unit not in groups:
            raise NotFound(Msg("feedback.no_unit", unit=unit))
        by_unit: dict[str, list[str]] = {}
        for c, u in units.items():
            by_unit.setdefault(u, []).append(c)
        done: dict[tuple[str, tuple[str, ...]], GroupFeedback] = {}
        reports = []
        for u in wanted:
            basis, over = groups[u]
            key = (basis, over)
            if key not in done:
                members = sorted(c for x in over for c in by_unit[x]) if basis != "suppressed" else None
                done[key] = group_feedback(
                    marks, members, basis=basis, units=over, min_count=cfg.feedback_min_count
                )
            stats = done[key]
            reports.append(UnitReport(u, self._results(view, {int(c) for c in by_unit[u]}), stats))
        data = UnitFeedbackData(
            header=header,
            module_codes=view.module_codes,
            reports=tuple(reports),
            min_count=cfg.feedback_min_count,
            rules=feedback_rules(cfg.feedback_min_count, lang),
        )
        self._log_document(
            actor,
            "unit_feedback" if unit is not None else "unit_feedback_workbook",
            header,
            len(reports),
            units=wanted,
        )
        return data

    def contestant_feedback(
        self, actor: Actor, *, unit: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> ContestantFeedbackData:
        """个人成绩反馈单, one per contestant (of ``unit``, or all); only when ``[feedback] contestant_sheets`` is
        on. Deduction rules are named by their text, never by judge; comments come without the judge's code and
        with judges' names and codes blanked out of the text."""
        self.ctx.require(actor, f"打印{CONTESTANT_DOCUMENT}", *WHO)
        cfg = self.ctx.config()
        if not cfg.feedback_sheets:
            raise PrintRefused(Msg("feedback.sheets_not_configured"))
        view = self.chief.standings(actor)
        with self.ctx.read() as s:
            header = self._feedback_open(s, actor, CONTESTANT_DOCUMENT, override)
            marks, field = self._marks(s)
            judges = s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
        hidden = sorted(
            {x for j in judges for x in (j.name.strip(), j.code.strip()) if len(x) >= 2},
            key=len,
            reverse=True,
        )
        lines = {line.contestant_id: line for line in view.lines}
        sheets = []
        for p in field.people:
            if unit is not None and p.unit != unit:
                continue
            fb = contestant_feedback(marks, str(p.id), cfg.feedback_min_count)
            fb = _anonymised(fb, hidden)
            line = lines.get(p.id or 0)
            sheets.append(
                ContestantSheet(
                    p.name,
                    p.unit,
                    line.rank if line else None,
                    line.total if line else None,
                    (line.award or "") if line else "",
                    fb,
                )
            )
        if not sheets:
            raise NotFound(Msg("feedback.no_unit", unit=unit))
        rules = (
            tr(lang, "feedback.rule.own_results"),
            tr(lang, "feedback.rule.quartiles", n=cfg.feedback_min_count),
        )
        data = ContestantFeedbackData(header=header, sheets=tuple(sheets), rules=rules)
        self._log_document(actor, "contestant_feedback", header, len(sheets), unit=unit or "")
        return data


def _anonymised(fb: ContestantFeedback, hidden: list[str]) -> ContestantFeedback:
    """The sheet with every judge's name and code blanked out of the comments."""

    def clean(text: str) -> str:
        for x in hidden:
            text = text.replace(x, "（裁判）")
        return text

    mods = tuple(
        dataclasses.replace(m, comments=tuple(sorted({clean(c) for c in m.comments}))) for m in fb.modules
    )
    return dataclasses.replace(fb, modules=mods)
