"""Document services: the print gate, and the page data for the printed documents and the results workbook, the
medal-stability report, and the recompute bundle (certificates are :mod:`contest.services.certificates`).

Owns :class:`DocumentServices` (the print gate and logging, the documents' page data, the recompute bundle's
files, behind the same role checks as the prints) and :class:`WorkbookServices` (the results workbook); both
read the standings through the chief services they hold.

Builds :mod:`contest.printing.pages` dataclasses (plain data; no reportlab is loaded here).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from decimal import Decimal
from statistics import median
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from contest import audit
from contest.errors import InvalidState, NotFound, PrintRefused
from contest.i18n import Msg, tr
from contest.intake_bridge import mask_id
from contest.printing import text as tx
from contest.printing.build import judge_rows, rounded_for_print, rule_text, score_sheet_page
from contest.printing.pages import (
    AlertRow,
    BlankSheet,
    BlankSheetData,
    DocHeader,
    DrawSheetData,
    DrawSheetRow,
    ModuleStats,
    ResultGroup,
    ResultRow,
    ResultSheetData,
    ScoreSheetData,
    StabilityRow,
    StabilityTable,
    StatsData,
    score_bands,
)
from contest.services.chief import ChiefServices
from contest.services.conflicts import CHECKIN_LABELS, contest_checkins, override_notes
from contest.services.marking import current_marks
from contest.services.veto_decisions import newest_decisions, veto_notes
from contest.services.views import Actor, Role, SheetState
from contest.services.wording import joined, refusal
from contest.store.tables import ContestRow, EventRow, JudgeRow, ModuleRow, SheetRow, TheoryRow
from rubrics.model import VetoEffect
from scoresheets.numbers import half_up, to_cents
from scoresheets.ranking import explain
from scoresheets.stability import medal_stability
from scoresheets.stats import judge_stats

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def printed_date(day: date, lang: str = "zh") -> str:
    """A date as a document prints it: ``2026年5月22日`` / ``22 May 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if lang == "en" else tx.chinese_date(day)


def project_phrase(contest: str, project: str, lang: str) -> str:
    """How the project follows the contest's name (Chinese: :func:`contest.printing.text.project_phrase`;
    English: the project as it is called)."""
    return project.strip() if lang == "en" else tx.project_phrase(contest, project)


_FONT_KEYS = {
    "成绩公示表": "results",
    "评分表": "score_sheets",
    "空白评分表": "blank_sheets",
    "成绩统计": "statistics",
    "获奖证书": "certificates",
    "加密对照表": "draw_sheet",
    "评分标定报告": "statistics",
    "场次安排表": "results",
    "分组评分宽严对照表": "statistics",
}
"""The document names the print gate is called with → their ``[printing] fonts`` key."""
_DOCUMENT_KEYS = {
    "成绩公示表": "documents.name.results",
    "评分表": "documents.name.score_sheets",
    "空白评分表": "documents.name.blank_sheets",
    "成绩统计": "documents.name.statistics",
    "获奖证书": "documents.name.certificates",
    "加密对照表": "documents.name.draw_sheet",
    "加密对照表（一次加密）": "documents.name.draw_sheet_stage1",
    "加密对照表（二次加密）": "documents.name.draw_sheet_stage2",
    "评分标定报告": "documents.name.calibration_report",
    "场次安排表": "documents.name.sessions",
    "分组评分宽严对照表": "documents.name.group_figures",
    "申诉登记表": "documents.name.appeal_register",
    "仲裁决定书": "documents.name.arbitration_decision",
    "培训反馈报告": "documents.name.unit_feedback",
    "个人成绩反馈单": "documents.name.contestant_feedback",
}
"""The document names the print gate is called with (as the audit records them) → their catalogue key."""


def document_name(document: str) -> Msg | str:
    """A document's name for a message, in the reader's language (a name not in :data:`_DOCUMENT_KEYS` as is)."""
    key = _DOCUMENT_KEYS.get(document)
    return Msg(key) if key else document


_OFFICIALS_ONLY = "只有裁判长、监督或组织者可以越过打印闸门"
"""The refusal of a print-gate override, as the audit has always recorded it (Chinese only)."""
PENDING_PRINTS: ContextVar[list[tuple[Actor, dict[str, object]]] | None] = ContextVar(
    "contest_pending_prints", default=None
)


class DocumentServices:
    """Everything printing and export need."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief

    # -- the gate ----------------------------------------------------------------------------------------------
    def header(
        self, s: Session, actor: Actor, document: str, override: str | None, *, needs_final: bool = True
    ) -> DocHeader:
        """The document header; refuses final documents until every module is signed off and decryption
        happened, unless an official gives an override reason (logged; the document then prints as a draft)."""
        cfg = self.ctx.config(s)
        c = s.get(ContestRow, self.ctx.contest_id)
        assert c is not None
        mods = s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
        open_mods = [m.code for m in mods if m.signed_off_at is None]
        final = c.decrypted_at is not None and not open_mods
        draft = False
        reason = ""
        if needs_final and not final:
            if not (override and override.strip()):
                why: list[Msg | str] = []
                if open_mods:
                    why.append(Msg("documents.gate.not_signed_off", modules=", ".join(open_mods)))
                if c.decrypted_at is None:
                    why.append(Msg("documents.gate.not_decrypted"))
                raise PrintRefused(
                    Msg(
                        "documents.gate.not_final", document=document_name(document), why=joined(why, "comma")
                    )
                )
            if not (actor.has(Role.CHIEF) or actor.has(Role.ORGANISER) or actor.has(Role.SUPERVISOR)):
                raise refusal(
                    self.ctx.deny(actor, f"打印{document}", _OFFICIALS_ONLY), Msg("documents.gate.officials")
                )
            draft, reason = True, override.strip()
        incomplete = ""
        if needs_final and final:
            self._check_integrity(s, document)
            missing = self._missing_results(s)
            if missing:
                if not (override and override.strip()):
                    raise PrintRefused(
                        Msg(
                            "documents.gate.incomplete",
                            document=document_name(document),
                            missing=joined(missing),
                        )
                    )
                if not (actor.has(Role.CHIEF) or actor.has(Role.ORGANISER) or actor.has(Role.SUPERVISOR)):
                    raise refusal(
                        self.ctx.deny(actor, f"打印{document}", _OFFICIALS_ONLY),
                        Msg("documents.gate.officials"),
                    )
                # printed on the document and recorded in the print event: in Chinese, as always
                shown = "；".join(m.text("zh") for m in missing)
                incomplete = f"成绩不完整：{shown}（越过理由：{override.strip()}）"
        head = audit.last_event(s, self.ctx.contest_id)
        font, strict = cfg.font_for(_FONT_KEYS.get(document, document))
        return DocHeader(
            contest=cfg.name_zh,
            edition=cfg.edition,
            printed_at=self.ctx.local_time(self.ctx.clock(), s),  # 打印时间 in the contest's time zone
            audit_head=head.hash if head else audit.GENESIS,
            draft=draft,
            draft_reason=reason,
            places=cfg.rounding.places,
            incomplete=incomplete,
            font=font,
            font_strict=strict,
        )

    def _check_integrity(self, s: Session, document: str) -> None:
        """Before a final document: the chain walked and every audited table compared with its replay (in this
        snapshot). Any difference refuses the print — no override: a forged mark must never reach paper."""
        report = audit.verify_chain(s)
        if report.problems:
            more = Msg("documents.audit.more", n=len(report.problems)) if len(report.problems) > 3 else ""
            raise PrintRefused(
                Msg(
                    "documents.audit.broken",
                    document=document_name(document),
                    problems=joined(report.problems[:3]),
                    more=more,
                )
            )

    def _missing_results(self, s: Session) -> list[Msg]:
        """What the results lack: theory scores, module scores (no panel), panels short of sheets."""
        st, field = self.chief.compute(s)
        cfg = self.ctx.config(s)
        code_of = {m.rubric.id: m.rubric.code for m in cfg.modules}
        theory = sum(1 for e in st.entries if e.result.theory is None and cfg.theory_weight > 0)
        out = [Msg("documents.missing.theory", n=theory)] if theory else []
        checked = contest_checkins(s, self.ctx.contest_id)
        for rid, code in code_of.items():
            absent = (
                sum(  # a contestant checked in as 缺考/弃权/取消资格 lacks nothing: the state is the result
                    1
                    for e in st.entries
                    if e.result.modules.get(rid) is None and code not in checked.get(int(e.contestant), {})
                )
            )
            if absent:
                out.append(Msg("documents.missing.module", module=code, n=absent))
            short = sum(1 for (_c, mid) in st.short_panels if mid == rid)
            if short:
                out.append(Msg("documents.missing.sheets", module=code, n=short))
        del field
        return out

    @contextmanager
    def print_job(self) -> Iterator[list[tuple[Actor, dict[str, object]]]]:
        """Hold back the print events of the documents built inside: the writer logs them with
        :meth:`log_printed` once the file is in place (a crash before leaves no entry for a document never
        written). Certificates are still numbered and recorded (``certificates_issued``) when built, and their
        print is logged as completed afterwards."""
        pending: list[tuple[Actor, dict[str, object]]] = []
        token = PENDING_PRINTS.set(pending)
        try:
            yield pending
        finally:
            PENDING_PRINTS.reset(token)

    def log_printed(self, pending: list[tuple[Actor, dict[str, object]]], file: str) -> None:
        """Log the held-back print events of a document now written to ``file``."""
        for actor, details in pending:
            self.ctx.record(actor, "print", {**details, "file": file})

    def log_print(self, actor: Actor, document: str, header: DocHeader, count: int) -> None:
        details: dict[str, object] = {
            "document": document,
            "draft": header.draft,
            "reason": header.draft_reason,
            "head": header.audit_head,
            "count": count,
            "incomplete": header.incomplete,
        }
        pending = PENDING_PRINTS.get()
        if pending is not None:
            pending.append((actor, details))
        else:
            self.ctx.record(actor, "print", details)

    # -- recompute bundle --------------------------------------------------------------------------------------
    def recompute_bundle(self, actor: Actor) -> dict[str, str]:
        """The recompute bundle's files (name → text), read in one snapshot: raw marks, rubric snapshots,
        configuration and the whole audit chain (names included, so only after decryption; chief judge, supervisor
        or organiser). The export is logged (held back until the file is written, as every print is)."""
        from contest.bundle import bundle_files, mark_record

        self.ctx.require(actor, "导出重算包", Role.CHIEF, Role.SUPERVISOR, Role.ORGANISER)
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            if c is None or c.decrypted_at is None:
                raise InvalidState(Msg("documents.bundle_before_decryption"))
            chain = [
                {
                    "seq": ev.seq,
                    "at": ev.at.isoformat(),
                    "actor": ev.actor,
                    "kind": ev.kind,
                    "payload": ev.payload,
                    "prev_hash": ev.prev_hash,
                    "hash": ev.hash,
                }
                for ev in s.exec(
                    select(EventRow)
                    .where(EventRow.contest_id == self.ctx.contest_id)
                    .order_by(col(EventRow.seq))
                ).all()
            ]
            mods = list(s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all())
            field = self.q.field(s)
            people = field.people
            judges = {
                j.id: j.code
                for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            }
            by_mod = {m.id: m for m in mods}
            sheets = [
                sh
                for sh in s.exec(select(SheetRow).where(col(SheetRow.module_id).in_(list(by_mod)))).all()
                if sh.state in (SheetState.SUBMITTED, SheetState.SIGNED_OFF)
            ]
            marks = current_marks(s, [sh.id for sh in sheets if sh.id])
            station = {p.id: field.label(p.id or 0) for p in people}
            raw = [
                {
                    "module": by_mod[sh.module_id].code,
                    "station": station[sh.contestant_id],
                    "judge": judges[sh.judge_id],
                    "seconds_used": sh.seconds_used,
                    "veto": sh.veto_code,
                    "marks": [mark_record(m) for m in marks[sh.id or 0].values()],
                }
                for sh in sheets
                if sh.contestant_id in station
            ]
            theory = {
                station[t.contestant_id]: t.total_cents
                for t in s.exec(select(TheoryRow)).all()
                if t.contestant_id in station
            }
            lots = {station[p.id]: p.draw_no for p in people}
            st, _ = self.chief.compute(s)
            disqualified, barred, sizes = self.chief.verdicts(s)
            decisions = self.chief.veto_decisions(s)
            code_of = {self.ctx.config(s).module(m.code).rubric.id: m.code for m in mods}
        by_id = {str(p.id): station[p.id] for p in people}
        recorded = {by_id[e.contestant]: [to_cents(e.result.total), e.rank] for e in st.entries}
        verdicts = {  # what 检录, 回避 and the chief judge's veto decisions add to the marks
            "disqualified": {by_id[c]: why for c, why in disqualified.items() if c in by_id},
            "barred": {by_id[c]: why for c, why in barred.items() if c in by_id},
            "panel_sizes": sorted([by_id[c], code_of[rid], n] for (c, rid), n in sizes.items() if c in by_id),
            "veto_decisions": sorted(
                [by_id[c], code_of[rid], d.confirmed, sorted(list(v) for v in d.votes)]
                for (c, rid), d in decisions.items()
                if c in by_id
            ),
        }
        files = bundle_files(c, mods, chain, raw, theory, lots, recorded, verdicts)
        details: dict[str, object] = {
            "document": "重算包",
            "head": chain[-1]["hash"] if chain else audit.GENESIS,
            "count": len(raw),
        }
        pending = PENDING_PRINTS.get()
        if pending is not None:
            pending.append((actor, details))
        else:
            self.ctx.record(actor, "print", details)
        return files

    # -- result sheet ------------------------------------------------------------------------------------------
    def result_sheet(
        self,
        actor: Actor,
        *,
        override: str | None = None,
        anonymous: bool = False,
        show_station: bool = False,
        lang: str = "zh",
    ) -> ResultSheetData:
        """成绩公示表 (one group per project), or the anonymous draft by station number for the chief's check (with
        a per-module draw each line shows every module's station, see :meth:`DrawnField.label`). The words the
        service adds (states, headings, notices, dates) are in ``lang``."""
        self.ctx.require(actor, "打印成绩公示表", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR, Role.CLERK)
        view = self.chief.standings(actor)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self.header(s, actor, "成绩公示表", override, needs_final=not anonymous)
            open_modules = [m.code for m in self._modules(s) if m.signed_off_at is None]
            if anonymous and open_modules:  # scores not yet confirmed: a check copy, not a sheet to sign
                header = replace(
                    header,
                    draft=True,
                    draft_reason=override
                    or "模块未全部签核，核对稿 / not every module is signed off: a check copy",
                )
            st, _ = self.chief.compute(s)
            officials = self._officials(s)
        groups: dict[str, list[ResultRow]] = {}
        lines = list(view.lines)
        if (
            not anonymous
        ):  # a shared rank lists its people by name, not by the registration order of their ids
            lines.sort(key=lambda x: (x.rank is None, x.rank or 0, x.name if x.rank is not None else ""))
        for line in lines:
            remarks = tuple(r.text(lang) for r in line.remarks) + self._veto_remarks(
                st, line.contestant_id, lang
            )
            row = ResultRow(
                rank=line.rank,
                name="" if anonymous else line.name,
                unit="" if anonymous else line.unit,
                id_masked="" if anonymous else line.id_masked,
                station=line.station,
                theory=line.theory,
                modules=tuple(line.modules.get(c) for c in view.module_codes),
                module_states=tuple(
                    CHECKIN_LABELS[line.checkin[c]][1 if lang == "en" else 0]
                    if line.checkin.get(c) in CHECKIN_LABELS and line.checkin.get(c) != "present"
                    else ""
                    for c in view.module_codes
                ),
                practical=line.practical,
                total=line.total,
                award=line.award or "",
                remarks=remarks,
                titles=line.titles,
            )
            groups.setdefault(("" if anonymous else line.project) or cfg.projects[0], []).append(row)
        contest = tx.titled_contest(cfg.name_zh, cfg.edition)
        pub = cfg.publication_period
        notice = (
            ([tr(lang, "documents.results.period", period=pub)] if pub else [])
            + (
                [tr(lang, "documents.results.objections", contact=cfg.objection_contact)]
                if cfg.objection_contact
                else []
            )
            if not anonymous
            else []
        )
        module_titles = view.module_titles
        if lang != "zh":  # the rubric's own English title where it has one
            titles = {m.rubric.code: m.rubric.title.get(lang) for m in cfg.modules}
            module_titles = tuple(
                titles.get(c, t) for c, t in zip(view.module_codes, view.module_titles, strict=True)
            )
        data = ResultSheetData(
            header=header,
            groups=tuple(
                ResultGroup(
                    f"{title}",
                    tuple(f"{c} {t}" for c, t in zip(view.module_codes, module_titles, strict=True)),
                    tuple(rows),
                    view.award_notes_in(lang),
                    heading=""
                    if anonymous
                    else tr(
                        lang,
                        "documents.results.heading",
                        contest=contest,
                        project=project_phrase(cfg.name_zh, title, lang),
                    ),
                )
                for title, rows in groups.items()
            ),
            title=tr(lang, "documents.results.anon_title" if anonymous else "documents.results.title"),
            anonymous=anonymous,
            show_station=show_station or anonymous,
            show_id=not anonymous and cfg.publication_id,
            signatories=(
                (
                    (tr(lang, "documents.role.chief"), officials.get("chief", "")),
                    (tr(lang, "documents.role.supervisor"), officials.get("supervisor", "")),
                    (tr(lang, "documents.role.scorer"), officials.get("scorer", "")),
                )
                if anonymous
                else ()
            ),
            columns=cfg.publication_columns,
            show_scores=cfg.publication_scores,
            corrections=() if anonymous else self.correction_notes(lang),
            notice=tuple(notice),
            issuers=() if anonymous else (cfg.issuing_bodies or cfg.organisers),
            issue_date="" if anonymous else printed_date(header.printed_at.date(), lang),
        )
        self.log_print(actor, "result_sheet", header, len(view.lines))
        return data

    def _modules(self, s: Session) -> list[ModuleRow]:
        return list(s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all())

    def _officials(self, s: Session) -> dict[str, str]:
        """Role → the name printed on its signature line (a role held by one person only; else left blank)."""
        held: dict[str, list[str]] = {}
        for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all():
            for role in j.roles.split(","):
                held.setdefault(role.strip(), []).append(j.name)
        return {role: names[0] for role, names in held.items() if len(names) == 1}

    def _veto_remarks(self, st: Any, contestant_id: int, lang: str = "zh") -> tuple[str, ...]:
        """Why a module scored 0: the veto its panel applied (a disqualifying veto is already a remark)."""
        out = []
        for m in self.ctx.config().modules:
            panel = st.panels.get((str(contestant_id), m.rubric.id))
            if panel is not None and panel.veto is not None and panel.veto.effect == VetoEffect.ZERO_MODULE:
                out.append(tr(lang, "documents.results.veto", module=m.rubric.code, code=panel.veto.code))
        return tuple(out)

    def correction_notes(self, lang: str = "zh") -> tuple[str, ...]:
        """One line per 更正 for the result sheet (in ``lang``): when, what changed, by whose decision and why."""
        return tuple(
            tr(
                lang,
                "documents.correction",
                n=n,
                at=at.astimezone().strftime("%Y-%m-%d %H:%M"),
                what=rec.get("changed") or rec["what"],
                chief=rec["chief"],
                supervisor=rec["supervisor"],
                reason=rec["reason"],
            )
            for n, (_seq, at, _kind, rec) in enumerate(self.ctx.corrections(), 1)
        )

    # -- score sheets ------------------------------------------------------------------------------------------
    def score_sheets(
        self, actor: Actor, *, module_code: str | None = None, override: str | None = None, lang: str = "zh"
    ) -> ScoreSheetData:
        """评分表: per contestant × module, each judge's marks, the panel aggregation with dropped marks."""
        self.ctx.require(actor, "打印评分表", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR, Role.CLERK)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self.header(s, actor, "评分表", override)
            field, sheets, theory = self.chief.gather(s)
            st, _ = self.chief.compute(s)
            decrypted = bool((c := s.get(ContestRow, self.ctx.contest_id)) and c.decrypted_at)
            names = {
                j.code: j.name
                for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            }
            officials = self._officials(s)
            chief = next(
                (
                    j.name
                    for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
                    if "chief" in j.roles
                ),
                "",
            )
            notes = override_notes(
                s, self.ctx.contest_id
            )  # 回避 exceptions, printed on the contestant's sheet
            decisions = newest_decisions(s, self.ctx.contest_id)  # the chief judge's 情况说明 on a veto
            module_ids = {m.code: m.id or 0 for m in self._modules(s)}
            decided_at = {k: self.ctx.local_time(r.decided_at, s) for k, r in decisions.items()}
        pages = []
        for m in cfg.modules:
            if module_code and m.rubric.code != module_code:
                continue
            for p in field.in_module(m.rubric.code):
                key = (str(p.id), m.rubric.id)
                panel = st.panels.get(key)
                if panel is None:
                    continue
                pages.append(
                    score_sheet_page(
                        m.rubric,
                        sheets[key],
                        panel,
                        station=field.station(p.id or 0, m.rubric.code),
                        rule=rule_text(m.aggregation, m.level, lang),
                        name=p.name if decrypted else "",
                        unit=p.unit if decrypted else "",
                        judge_names=names,
                        places=cfg.rounding.places,
                        lang=lang,
                        notes=notes.get((m.rubric.code, p.id or 0), ())
                        + veto_notes(
                            panel,
                            decisions.get((module_ids[m.rubric.code], p.id or 0)),
                            decided_at.get((module_ids[m.rubric.code], p.id or 0)),
                            lang,
                        ),
                    )
                )
        if not pages:
            raise NotFound(Msg("documents.no_submitted_sheets"))
        self.log_print(actor, "score_sheets", header, len(pages))
        return ScoreSheetData(
            header=header,
            sheets=tuple(pages),
            chief_judge=chief,
            supervisor=officials.get("supervisor", ""),
            scorer=officials.get("scorer", ""),
        )

    def blank_sheets(self, actor: Actor, module_code: str) -> BlankSheetData:
        """Blank score sheets for paper marking, one per station of the module (no gate: they hold no results)."""
        self.ctx.require(actor, "打印空白评分表", Role.CHIEF, Role.ORGANISER, Role.CLERK)
        cfg = self.ctx.config()
        rubric = cfg.module(module_code).rubric
        with self.ctx.read() as s:
            header = self.header(s, actor, "空白评分表", None, needs_final=False)
            module = self.q.module(s, rubric.code)
            stations = [st for st, _ in self.q.module_stations(s, module)] or [""]
        return BlankSheetData(
            header=header,
            sheets=tuple(BlankSheet(rubric, st) for st in stations),
            project=cfg.projects[0],
            date=cfg.dates[0].isoformat() if cfg.dates else "",
        )

    # -- draw sheet --------------------------------------------------------------------------------------------
    def draw_sheet(self, actor: Actor, lang: str = "zh") -> DrawSheetData:
        """加密对照表 for the encryption judge to seal: every drawn contestant's name, unit, masked ID, 抽签号 and
        station in each module. Only the encryption judge may print it (it is the key to the anonymity); the
        printing is logged."""
        self.ctx.require(actor, "打印加密对照表", Role.ENCRYPTION)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            if c is None or c.drawn_at is None:
                raise InvalidState(Msg("documents.no_draw"))
            header = self.header(s, actor, "加密对照表", None, needs_final=False)
            field = self.q.field(s)
        codes = field.modules
        rows = tuple(
            sorted(
                (
                    DrawSheetRow(
                        p.draw_no or 0,
                        p.name,
                        p.unit,
                        mask_id(p.id_number),
                        tuple(field.station(p.id or 0, code) for code in codes),
                    )
                    for p in field.people
                ),
                key=lambda r: r.draw_no,
            )
        )
        scope = Msg(
            "encryption.note.scope.module" if cfg.draw_scope == "module" else "encryption.note.scope.contest"
        )
        note = tr(lang, "encryption.note.one_stage", seed=c.draw_seed, scope=scope)
        self.log_print(actor, "加密对照表", header, len(rows))
        return DrawSheetData(header=header, module_codes=codes, rows=rows, seed_note=note)

    # -- statistics --------------------------------------------------------------------------------------------
    def stability(self, actor: Actor, lang: str = "zh") -> StabilityTable:
        """Medal stability: awards with each judge left out and under the alternative rule (worded in
        ``lang``)."""
        self.ctx.require(actor, "奖项稳定性分析", Role.CHIEF, Role.SUPERVISOR, Role.ORGANISER)
        with self.ctx.read() as s:
            field, sheets, theory = self.chief.gather(s)
            decrypted = bool((c := s.get(ContestRow, self.ctx.contest_id)) and c.decrypted_at)
            rules = self.ctx.config(s).standings_rules()
            decisions = self.chief.veto_decisions(s)
        people = field.people
        report = medal_stability(
            rules,
            [str(p.id) for p in people],
            sheets,
            theory,
            lots={str(p.id): p.draw_no or 0 for p in people},
            veto_decisions=decisions,
        )
        label = {str(p.id): (p.name if decrypted else "") or field.label(p.id or 0) for p in people}
        cols = tuple(
            tr(lang, "documents.stability.without", judge=sc.key.split(":", 1)[1])
            if sc.key.startswith("without:")
            else tr(
                lang,
                "documents.stability.rule",
                rule=rule_text(sc.key.split(":", 1)[1].split("/")[0], "item", lang),
            )
            for sc in report.scenarios
        )
        rows = tuple(
            StabilityRow(
                label[c],
                report.current.get(c) or "",
                tuple(sc.awards.get(c) or "" for sc in report.scenarios),
            )
            for c in report.unstable
        )
        note = (
            tr(lang, "documents.stability.changed", scenarios=len(report.scenarios), n=len(rows))
            if rows
            else tr(lang, "documents.stability.stable", scenarios=len(report.scenarios))
        )
        return StabilityTable(cols, rows, note)

    def statistics(
        self, actor: Actor, *, override: str | None = None, with_stability: bool = True, lang: str = "zh"
    ) -> StatsData:
        """Score distribution per module, judges' severity and spread, alerts, and the stability table (the words
        the service adds in ``lang``)."""
        self.ctx.require(actor, "打印成绩统计", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            header = self.header(s, actor, "成绩统计", override, needs_final=False)
            st, field = self.chief.compute(s)
            signed = {m.code for m in self._modules(s) if m.signed_off_at is not None}
            returns = self._returns(s)
        places = cfg.rounding.places

        def shown(value: Decimal | None) -> Decimal | None:
            return rounded_for_print(value, places)  # means and medians repeat: printed rounded half-up

        mods = []
        for m in cfg.modules:
            panels = [p for (c, mid), p in st.panels.items() if mid == m.rubric.id]
            scores = [p.score for p in panels]
            alerts = tuple(
                sorted(
                    (
                        AlertRow(
                            field.station(int(a.contestant), m.rubric.code),
                            (
                                item.title.get(lang)
                                if a.item_id and (item := m.rubric.item(a.item_id))
                                else tr(lang, "documents.stats.sheet_total")
                            ),
                            a.spread,
                            a.limit,
                            "  ".join(f"{j}:{tx.score(half_up(v, places), places)}" for j, v in a.marks),
                            self._resolution(
                                returns.get(
                                    (m.rubric.code, field.station(int(a.contestant), m.rubric.code)), []
                                ),
                                m.rubric.code in signed,
                                lang,
                            ),
                        )
                        for a in st.alerts
                        if a.module_id == m.rubric.id
                    ),
                    key=lambda row: row.station,
                )
            )
            mods.append(
                ModuleStats(
                    title=f"{m.rubric.code} {m.rubric.title.get(lang)}",
                    count=len(scores),
                    mean=shown(sum(scores, Decimal(0)) / len(scores)) if scores else None,
                    median=shown(Decimal(median(scores))) if scores else None,
                    minimum=min(scores) if scores else None,
                    maximum=max(scores) if scores else None,
                    bands=score_bands(scores, maximum=int(m.rubric.max_points)),
                    judges=judge_rows(judge_stats(panels), cfg.rounding.places),
                    alerts=alerts,
                )
            )
        totals = [e.result.total for e in st.entries if e.rank is not None]
        mods.append(
            ModuleStats(
                title=tr(lang, "documents.stats.total"),
                count=len(totals),
                mean=shown(sum(totals, Decimal(0)) / len(totals)) if totals else None,
                median=shown(Decimal(median(totals))) if totals else None,
                minimum=min(totals) if totals else None,
                maximum=max(totals) if totals else None,
                bands=score_bands(totals),
            )
        )
        stability = self.stability(actor, lang) if with_stability else None
        return StatsData(header=header, modules=tuple(mods), stability=stability)

    def _returns(self, s: Session) -> dict[tuple[str, str], list[str]]:
        """(module code, station) → the judges whose sheet the chief judge returned, in order."""
        out: dict[tuple[str, str], list[str]] = {}
        events = s.exec(
            select(EventRow).where(EventRow.contest_id == self.ctx.contest_id, EventRow.kind == "return")
        ).all()
        for ev in sorted(events, key=lambda e: e.seq):
            d = json.loads(ev.payload).get("details", {})
            out.setdefault((str(d.get("module", "")), str(d.get("station", ""))), []).append(
                str(d.get("judge", ""))
            )
        return out

    @staticmethod
    def _resolution(returned: list[str], signed: bool, lang: str = "zh") -> str:
        """The 处理 column of a spread alert (in ``lang``): sheets returned for review, and whether sign-off
        accepted it."""
        parts = [tr(lang, "documents.stats.returned", judge=j) for j in dict.fromkeys(returned)]
        parts.append(tr(lang, "documents.stats.confirmed" if signed else "documents.stats.pending"))
        return tr(lang, "documents.stats.separator").join(parts)

    def theory_breakdown(self) -> dict[int, tuple[Decimal, dict[str, Decimal]]]:
        """Per contestant id: theory total and section breakdown."""
        with self.ctx.read() as s:
            out = {}
            for t in s.exec(select(TheoryRow)).all():
                out[t.contestant_id] = (
                    Decimal(t.total_cents) / 100,
                    {k: Decimal(v) / 100 for k, v in json.loads(t.breakdown or "{}").items()},
                )
            return out


__all__ = [
    "PENDING_PRINTS",
    "DocumentServices",
    "WorkbookServices",
    "document_name",
    "explain",
    "mask_id",
    "printed_date",
    "project_phrase",
]


class WorkbookServices:
    """The results workbook's data."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, chief: ChiefServices, documents: DocumentServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.documents = documents

    def results_workbook(self, actor: Actor, *, override: str | None = None, lang: str = "zh") -> object:
        """Data for :func:`contest.export.write_results_workbook` (standings, modules, theory, judges; the words
        the service adds in ``lang``)."""
        from contest.export import (
            ModuleJudges,
            ModuleRow,
            ModuleTable,
            ResultsWorkbookData,
            TheoryRow,
            TheoryTable,
        )

        sheet = self.documents.result_sheet(actor, override=override, lang=lang)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            st, field = self.chief.compute(s)
            decrypted = bool((c := s.get(ContestRow, self.ctx.contest_id)) and c.decrypted_at)
        people = field.people
        theory = self.documents.theory_breakdown()
        tables, judges = [], []
        for m in cfg.modules:
            panels = {c: p for (c, mid), p in st.panels.items() if mid == m.rubric.id}
            codes = tuple(sorted({sh.judge for p in panels.values() for sh in p.sheets}))
            rows = []
            for p in field.in_module(m.rubric.code):
                pr = panels.get(str(p.id))
                if pr is None:
                    continue
                by = {sh.judge: sh.total_after_veto for sh in pr.sheets}
                dropped = tuple(sorted({j for js in pr.dropped.values() for j in js}))
                note = tr(lang, "documents.workbook.veto", code=pr.veto.code) if pr.veto else ""
                rows.append(
                    ModuleRow(
                        field.station(p.id or 0, m.rubric.code),
                        p.name if decrypted else "",
                        tuple(by.get(j) for j in codes),
                        pr.score,
                        dropped if m.level == "sheet" else (),
                        note,
                    )
                )
            tables.append(
                ModuleTable(
                    f"{m.rubric.code} {m.rubric.title.get(lang)}",
                    codes,
                    tuple(rows),
                    rule_text(m.aggregation, m.level, lang),
                )
            )
            judges.append(
                ModuleJudges(
                    f"{m.rubric.code} {m.rubric.title.get(lang)}",
                    judge_rows(judge_stats(panels.values()), cfg.rounding.places),
                )
            )
        sections = tuple(sec.id for sec in cfg.theory.sections) if cfg.theory else ()
        titles = tuple(sec.title.get(lang) for sec in cfg.theory.sections) if cfg.theory else ()
        trows = []
        for p in people:
            t = theory.get(p.id or 0)
            if t is None:
                continue
            trows.append(
                TheoryRow(
                    field.label(p.id or 0),
                    p.name if decrypted else "",
                    p.unit if decrypted else "",
                    tuple(t[1].get(x) for x in sections),
                    t[0],
                )
            )
        return ResultsWorkbookData(
            header=sheet.header,
            groups=sheet.groups,
            modules=tuple(tables),
            theory=TheoryTable(titles, tuple(trows)),
            judges=tuple(judges),
            notes=tuple(n for g in sheet.groups for n in g.notes),
        )
