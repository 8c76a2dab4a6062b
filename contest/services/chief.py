"""Chief judge, supervisor and results services: standings (with the panel cache), progress, spread alerts,
returns, sign-off, two-person decryption and audit verification. Appeals and theory scores are in
:mod:`contest.services.appeals` and :mod:`contest.services.theory`.

Owns :class:`ChiefServices` and its panel cache: the one place standings are computed (:meth:`ChiefServices.compute`),
which the documents, feedback, groups, veto, appeal and rubric-change services reach through it, and the
results a 更正 leaves (:meth:`ChiefServices.close_correction`).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from contest import audit
from contest.errors import (
    ContestError,
    InvalidState,
    LoginFailed,
    NotFound,
    SignOffNeedsSupervisor,
    SignOffRefused,
    VetoPending,
)
from contest.i18n import Msg
from contest.intake_bridge import mask_id
from contest.services.conflicts import (
    avoided_pairs,
    checkin_verdict_msgs,
    checkin_verdicts,
    contest_checkins,
    excluded_pairs,
    judge_groups,
    not_marked,
    off_group_pairs,
    station_groups,
)
from contest.services.core import listing
from contest.services.group_figures import fairness_of
from contest.services.marking import SHEET_ID, DrawnField, current_entries, current_marks
from contest.services.panel_cache import PanelCache, SheetHead
from contest.services.sheet_results import basis as sheet_basis
from contest.services.sheet_results import check as check_results
from contest.services.standing_remarks import award_notes, award_remark, tie_break
from contest.services.veto_decisions import as_decision, newest_decisions
from contest.services.views import (
    Actor,
    AlertView,
    ModuleProgress,
    ProgressCell,
    Role,
    SheetState,
    StandingLine,
    StandingsView,
)
from contest.store.tables import (
    AppealRow,
    ArbitrationRow,
    AssignmentRow,
    ClerkEntryRow,
    ContestRow,
    JudgeRow,
    ModuleRow,
    ModuleStationRow,
    SheetResultRow,
    SheetRow,
    TheoryRow,
)
from scoresheets.model import ItemEntry, JudgeSheet
from scoresheets.numbers import from_cents, to_cents
from scoresheets.panel import VetoDecision
from scoresheets.standings import Standings, rank_panels

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

DONE = (SheetState.SUBMITTED, SheetState.SIGNED_OFF)


class ChiefServices:
    """What the chief judge, the supervisor and the results side do."""

    def __init__(self, ctx: ServiceContext, q: Queries) -> None:
        self.ctx = ctx
        self.q = q
        self.panels = PanelCache()
        """Scored panels kept between calls (see :meth:`compute`)."""

    def close_correction(self, s: Session, record: dict[str, Any] | None, changed: str = "") -> None:
        """Inside a write, after :meth:`ServiceContext.correction_gate`: record the results as the correction left them (``audit verify`` re-derives them from here on)."""
        if record is None:
            return
        from scoresheets.numbers import to_cents

        s.flush()
        st, _ = self.compute(s, fresh=True)
        record["results"] = {str(e.contestant): [to_cents(e.result.total), e.rank] for e in st.entries}
        if changed:
            record["changed"] = changed

    # -- gathering ---------------------------------------------------------------------------------------------
    def gather(
        self, s: Session
    ) -> tuple[DrawnField, dict[tuple[str, str], list[JudgeSheet]], dict[str, Decimal | None]]:
        field = self.q.field(s)
        mods = {
            m.id: m
            for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
        }
        judges = {
            j.id: j.code
            for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
        }
        cfg = self.ctx.config(s)
        done = col(SheetRow.module_id).in_(list(mods)) & col(SheetRow.state).in_(DONE)
        sheets = list(s.exec(select(SheetRow).where(done)).all())
        marks = current_entries(s, done)
        out: dict[tuple[str, str], list[JudgeSheet]] = {}
        for sh in sheets:
            m = mods[sh.module_id]
            rid = cfg.module(m.code).rubric.id
            entries = tuple(marks.get(sh.id or 0, {}).values())
            out.setdefault((str(sh.contestant_id), rid), []).append(
                JudgeSheet(
                    judges[sh.judge_id],
                    str(sh.contestant_id),
                    entries,
                    sh.veto_code,
                    sh.seconds_used,
                    sh.comment,
                )
            )
        theory: dict[str, Decimal | None] = {}
        for t in s.exec(select(TheoryRow)).all():
            theory[str(t.contestant_id)] = from_cents(t.total_cents)
        return field, out, theory

    def compute(self, s: Session | None = None, *, fresh: bool = False) -> tuple[Standings, DrawnField]:
        """Standings for the current state (submitted sheets only), keyed by contestant id, and the drawn field.

        Panels whose sheets are unchanged since the last call on this object come from :attr:`panels`; only the
        marks of changed panels are read and scored (a cold call reads and scores everything). ``fresh``
        ignores the cache and leaves it alone (the audit's re-derivation depends on nothing kept in memory)."""
        if s is None:
            with self.ctx.read() as rs:
                return self.compute(rs, fresh=fresh)
        # hundreds of thousands of small objects are made and the panel cache is large: the cyclic GC would
        # only rescan it, so it is paused for the computation
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            return self._compute(s, PanelCache() if fresh else self.panels, stored=not fresh)
        finally:
            if gc_was_on:
                gc.enable()

    def _compute(self, s: Session, cache: PanelCache, *, stored: bool = True) -> tuple[Standings, DrawnField]:
        """:meth:`compute`: a stale panel's sheets come from their stored results (one row per sheet, see
        :mod:`contest.services.sheet_results`), or, ``stored`` False or a result not of the sheet's version, are
        scored from their marks."""
        field = self.q.field(s)
        people = field.people
        rules = self.ctx.config(s).standings_rules()
        cfg = self.ctx.config(s)
        mods = {
            m.id: cfg.module(m.code).rubric.id
            for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
        }
        judges: dict[int, str] = dict(
            s.connection()
            .execute(select(JudgeRow.id, JudgeRow.code).where(JudgeRow.contest_id == self.ctx.contest_id))
            .all()
        )
        done = col(SheetRow.module_id).in_(list(mods)) & col(SheetRow.state).in_(DONE)
        names = {p.id: str(p.id) for p in people}  # one string a contestant, not one a sheet
        heads = [
            SheetHead(
                sid,
                mods[mid],
                names.get(cid) or str(cid),
                judges[jid],
                version,
                state,
                veto,
                seconds,
                comment,
            )
            for sid, mid, cid, jid, version, state, veto, seconds, comment in s.connection()
            .execute(
                sa_select(
                    SHEET_ID,
                    col(SheetRow.module_id),
                    col(SheetRow.contestant_id),
                    col(SheetRow.judge_id),
                    col(SheetRow.version),
                    col(SheetRow.state),
                    col(SheetRow.veto_code),
                    col(SheetRow.seconds_used),
                    col(SheetRow.comment),
                )
                # module_id + 0: not through the module index, whose rows would then be sorted by id; a scan of
                # the table is in id order already (SQLite)
                .where((col(SheetRow.module_id) + 0).in_(list(mods)) & col(SheetRow.state).in_(DONE))
                .order_by(col(SheetRow.id))
            )
            .all()
        ]

        def results(ids: list[int] | None) -> dict[int, tuple[int, str, str, str]]:
            """Stored results (one row per sheet) of the given sheets, or of every submitted sheet."""
            cols = (
                col(SheetResultRow.sheet_id),
                col(SheetResultRow.version),
                col(SheetResultRow.basis),
                col(SheetResultRow.items),
                col(SheetResultRow.levels),
            )
            if ids is None:
                # the whole table, not joined to the submitted sheets: the panel cache looks up only the heads'
                # ids (a result of a sheet no longer done is deleted with its state; one of another contest's
                # sheet is read and never looked up), and a scan is a third quicker than the join
                return {
                    sid: (v, b, i, lv) for sid, v, b, i, lv in s.connection().execute(sa_select(*cols)).all()
                }
            out: dict[int, tuple[int, str, str, str]] = {}
            for k in range(0, len(ids), 500):
                part = sa_select(*cols).where(col(SheetResultRow.sheet_id).in_(ids[k : k + 500]))
                out.update({sid: (v, b, i, lv) for sid, v, b, i, lv in s.connection().execute(part).all()})
            return out

        def load(ids: list[int] | None) -> dict[int, dict[str, ItemEntry]]:
            if ids is None:
                return current_entries(s, done)
            out: dict[int, dict[str, ItemEntry]] = {}
            for k in range(0, len(ids), 500):
                out.update(current_entries(s, col(SheetRow.id).in_(ids[k : k + 500])))
            return out

        theory: dict[str, Decimal | None] = {
            str(cid): from_cents(cents)
            for cid, cents in s.connection().execute(select(TheoryRow.contestant_id, TheoryRow.total_cents))
        }
        bases = (
            {p.rubric.id: sheet_basis(p.rubric, rules.rounding) for p in rules.modules} if stored else None
        )
        outcomes = cache.outcomes(rules, heads, load, self.veto_decisions(s), bases, results)
        disqualified, barred, sizes = self.verdicts(s)
        st = rank_panels(
            rules,
            [str(p.id) for p in people],
            outcomes,
            theory,
            lots={str(p.id): p.draw_no or 0 for p in people},
            disqualified=disqualified,
            barred=barred,
            panel_sizes=sizes,
        )
        return st, field

    def veto_decisions(self, s: Session) -> dict[tuple[str, str], VetoDecision]:
        """The chief judge's decisions on veto proposals (``[scoring] veto_confirmation = "chief"``) by
        (contestant id, rubric id), as the pure scoring takes them."""
        cfg = self.ctx.config(s)
        mods = {
            m.id: cfg.module(m.code).rubric.id
            for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
        }
        return {
            (str(cid), mods[mid]): as_decision(row)
            for (mid, cid), row in newest_decisions(s, self.ctx.contest_id).items()
            if mid in mods
        }

    def verdicts(self, s: Session) -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], int]]:
        """What 检录 and 回避 say about ranking: the contestants disqualified, those barred from awards, and the
        panel sizes that differ from the plan's (a judge in 回避 leaves a smaller panel; a contestant not marked
        in a module has 0), keyed by contestant id and rubric id as :func:`rank_panels` takes them."""
        rules = self.ctx.config(s).standings_rules()
        cfg = self.ctx.config(s)
        disqualified, barred = checkin_verdicts(contest_checkins(s, self.ctx.contest_id))  # 检录
        sizes: dict[tuple[str, str], int] = {}  # 回避 and 检录: panels smaller than the plan's
        for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all():
            rid = cfg.module(m.code).rubric.id
            size = rules.plan(rid).panel_size
            groups = judge_groups(s, m.id or 0)
            if groups is not None:  # 评分分组: a contestant's panel is the group that marks their 场次
                planned = station_groups(s, m.id or 0)
                for station, cid in s.exec(
                    select(ModuleStationRow.station, ModuleStationRow.contestant_id).where(
                        ModuleStationRow.module_id == m.id
                    )
                ).all():
                    group = planned.get(station, (0, None))[1]
                    n = sum(1 for g in groups.values() if g and g == group)
                    if n != size:
                        sizes[(str(cid), rid)] = n
            for _jid, cid in avoided_pairs(s, m.id or 0):
                sizes[(str(cid), rid)] = sizes.get((str(cid), rid), size) - 1
            for cid in not_marked(s, m.id or 0):
                sizes[(str(cid), rid)] = 0
        return dict(disqualified), dict(barred), sizes

    # -- progress and alerts -----------------------------------------------------------------------------------
    def progress(self, actor: Actor) -> list[ModuleProgress]:
        """Per module: stations × judges with state, expected vs submitted."""
        self.ctx.require(actor, "查看进度", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR, Role.CLERK)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            out = []
            for m in s.exec(
                select(ModuleRow)
                .where(ModuleRow.contest_id == self.ctx.contest_id)
                .order_by(col(ModuleRow.position))
            ).all():
                js = [
                    s.get(JudgeRow, a.judge_id)
                    for a in s.exec(select(AssignmentRow).where(AssignmentRow.module_id == m.id)).all()
                ]
                judges = sorted((j for j in js if j and "marking" in j.roles), key=lambda j: j.code)
                sheets = {
                    (sh.judge_id, sh.contestant_id): sh
                    for sh in s.exec(select(SheetRow).where(SheetRow.module_id == m.id)).all()
                }
                marks = current_marks(s, [sh.id for sh in sheets.values() if sh.id])
                people = self.q.marked_stations(s, m)  # this module's stations (检录: absent ones left out)
                avoided = avoided_pairs(s, m.id or 0)  # 回避: not expected
                others = off_group_pairs(s, m.id or 0)  # another judge group's 场次: not expected
                keyed: dict[tuple[int, int], list[ClerkEntryRow]] = {}
                for row in s.exec(
                    select(ClerkEntryRow)
                    .where(
                        ClerkEntryRow.module_id == m.id,
                        col(ClerkEntryRow.status).in_(("pending", "mismatch")),
                    )
                    .order_by(col(ClerkEntryRow.id))
                ).all():
                    keyed.setdefault((row.judge_id, row.contestant_id), []).append(row)
                cells = []
                for j in judges:
                    for station, cid in people:
                        sh = sheets.get((j.id or 0, cid))
                        rows = keyed.get((j.id or 0, cid), [])
                        cells.append(
                            ProgressCell(
                                j.code,
                                station,
                                sh.state
                                if sh
                                else "avoid"
                                if (j.id, cid) in avoided
                                else "other"
                                if (j.id, cid) in others
                                else "none",
                                len(marks.get(sh.id or 0, {})) if sh else 0,
                                ("mismatch" if any(r.status == "mismatch" for r in rows) else "pending")
                                if rows
                                else "",
                                tuple(r.clerk_code for r in rows),
                            )
                        )
                out.append(
                    ModuleProgress(
                        m.code,
                        cfg.module(m.code).rubric.title.zh,
                        tuple(j.code for j in judges),
                        tuple(station for station, _ in people),
                        tuple(cells),
                        len(judges) * len(people)
                        - sum(
                            1
                            for j in judges
                            for _, cid in people
                            if (j.id, cid) in avoided or (j.id, cid) in others
                        ),
                        sum(1 for c in cells if c.state in DONE),
                        m.signed_off_at is not None,
                    )
                )
            return out

    def alerts(self, actor: Actor, module_code: str | None = None) -> list[AlertView]:
        """Spread alerts over submitted sheets, by the station in the alert's module, with the judges' marks side by
        side."""
        self.ctx.require(actor, "查看分差", Role.CHIEF, Role.SUPERVISOR)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            st, field = self.compute(s)
            by_id = {m.rubric.id: m for m in cfg.modules}
            signed = self._signed_modules(s)
            out = []
            for a in st.alerts:
                m = by_id[a.module_id]
                if module_code and m.rubric.code != module_code:
                    continue
                item = m.rubric.item(a.item_id) if a.item_id else None
                out.append(
                    AlertView(
                        m.rubric.code,
                        field.station(int(a.contestant), m.rubric.code),
                        a.item_id,
                        item.title.zh if item else "评分表总分",
                        a.spread,
                        a.limit,
                        a.marks,
                        m.rubric.code in signed,
                    )
                )
            return sorted(out, key=lambda x: (x.module_code, x.station, x.item_id or ""))

    # -- return, sign-off, decrypt -----------------------------------------------------------------------------
    def return_sheet(
        self, actor: Actor, module_code: str, station: str, judge_code: str, reason: str
    ) -> None:
        """Send a submitted sheet back to its judge with a reason (the judge may then correct and resubmit)."""
        self.ctx.require(actor, "退回评分表", Role.CHIEF)
        if not reason.strip():
            raise ContestError(Msg("chief.reason_required"))
        with self.ctx.write(
            actor,
            "return",
            {"module": module_code, "station": station, "judge": judge_code, "reason": reason},
        ) as s:
            m = self.q.module(s, module_code)
            if m.signed_off_at is not None:
                raise InvalidState(Msg("chief.signed_off_reopen_by_appeal"))
            cid = self.q.station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            if j is None:
                raise NotFound(Msg("core.no_judge", judge=judge_code))
            sh = s.exec(
                select(SheetRow).where(
                    SheetRow.module_id == m.id, SheetRow.contestant_id == cid, SheetRow.judge_id == j.id
                )
            ).first()
            if sh is None or sh.state not in DONE:
                raise InvalidState(Msg("chief.return_only_submitted"))
            sh.state = SheetState.RETURNED
            sh.return_reason = reason.strip()
            self.q.touch(sh, actor)

    def sign_off(
        self,
        actor: Actor,
        module_code: str,
        override_reason: str | None = None,
        *,
        supervisor: tuple[str, str] | None = None,
    ) -> None:
        """Sign a module off. Refused while sheets are open or spread alerts stand, unless an override reason is
        given (logged and kept with the module). An override covers alerts, not missing panels: while a
        contestant's panel has fewer submitted sheets than ``[scoring] signoff_quorum`` (default: every marking
        judge of the module) it is refused even with a reason, unless the supervisor co-signs: ``supervisor``
        is (code, PIN), verified like a login (same lockout) and recorded in the sign-off event."""
        self.ctx.require(actor, "签核模块", Role.CHIEF)
        cosigner = self._cosigner(actor, supervisor) if supervisor is not None else ""
        self.alerts(actor, module_code)  # scores the panels outside the write lock (kept in self.panels)
        with self.ctx.write(
            actor,
            "sign_off",
            {"module": module_code, "override": override_reason or "", "supervisor": cosigner},
        ) as s:
            m = self.q.module(s, module_code)
            if m.signed_off_at is not None:
                raise InvalidState(Msg("chief.already_signed_off", module=module_code))
            cfg = self.ctx.config(s)
            rubric_id = cfg.module(module_code).rubric.id
            # the alerts as of this transaction: a sheet submitted meanwhile is judged too
            st, field = self.compute(s)
            open_alerts = [a for a in st.alerts if a.module_id == rubric_id]
            pending = sorted(
                field.station(int(c), module_code)
                for (c, mid), pr in st.panels.items()
                if mid == rubric_id and pr.veto_pending
            )
            if pending:
                raise VetoPending(
                    Msg("chief.veto_pending", stations=listing(pending)),
                    tuple(pending),
                )
            people = self.q.marked_stations(s, m)  # 检录: absent, withdrawn, disqualified are not marked
            if judge_groups(s, m.id or 0) is not None:  # 评分分组: a station in no 场次 has no panel at all
                planned = station_groups(s, m.id or 0)
                unplanned = [station for station, _cid in people if station not in planned]
                if unplanned:
                    raise InvalidState(
                        Msg("chief.stations_unplanned", module=module_code, stations=listing(unplanned))
                    )
            avoided = excluded_pairs(s, m.id or 0)  # 回避, other groups: the panel is the rest of the group
            judges = [
                a.judge_id
                for a in s.exec(select(AssignmentRow).where(AssignmentRow.module_id == m.id)).all()
                if "marking"
                in (s.get(JudgeRow, a.judge_id) or JudgeRow(code="", name="", contest_id=0)).roles
            ]
            sheets = {
                (sh.judge_id, sh.contestant_id): sh
                for sh in s.exec(select(SheetRow).where(SheetRow.module_id == m.id)).all()
            }
            missing = [
                (j, station)
                for j in judges
                for station, cid in people
                if (j, cid) not in avoided and ((sh := sheets.get((j, cid))) is None or sh.state not in DONE)
            ]
            if not people or not judges:
                raise InvalidState(Msg("chief.no_contestants_or_judges"))
            quorum = min(cfg.signoff_quorum or len(judges), len(judges))
            short = [
                station
                for station, cid in people
                if sum(1 for j in judges if (sh := sheets.get((j, cid))) is not None and sh.state in DONE)
                < min(quorum, sum(1 for j in judges if (j, cid) not in avoided))
            ]
            if short and not cosigner:
                raise SignOffNeedsSupervisor(
                    Msg("chief.below_quorum", short=len(short), quorum=quorum, missing=len(missing)),
                    len(missing),
                    len(open_alerts),
                    len(short),
                )
            fairness = fairness_of(
                s, cfg, m, st, field
            )  # 评分分组: a group far from the others needs a reason
            uneven = [g.group for g in fairness.flagged] if fairness is not None else []
            if (missing or open_alerts or uneven) and not (override_reason and override_reason.strip()):
                groups = Msg("chief.uneven_groups", groups=listing(uneven)) if uneven else ""
                raise SignOffRefused(
                    Msg(
                        "chief.open_sheets_or_alerts",
                        missing=len(missing),
                        alerts=len(open_alerts),
                        groups=groups,
                    ),
                    len(missing),
                    len(open_alerts),
                )
            for sh in sheets.values():
                if sh.state == SheetState.SUBMITTED:
                    sh.state = SheetState.SIGNED_OFF
                    self.q.touch(sh, actor)
            m.signed_off_at = self.ctx.clock()
            m.signed_off_by = actor.code
            m.signoff_note = (override_reason or "").strip()
            if cosigner:
                m.signoff_note = f"{m.signoff_note}（监督 {cosigner} 会签）"
            s.add(m)
            s.info["event_details"].update(
                open_sheets=len(missing), alerts=len(open_alerts), short_panels=len(short), quorum=quorum
            )
            if uneven:
                s.info["event_details"].update(uneven_groups=uneven)

    def _cosigner(self, actor: Actor, supervisor: tuple[str, str]) -> str:
        """Verify a supervisor's co-signature (code + PIN, with the login lockout); the code, or refused."""
        code, pin = supervisor
        if code == actor.code:
            raise self.ctx.denied_now(actor, "监督会签", Msg("chief.cosign_same_person"))
        try:
            j = self.ctx.check_pin(code, pin, "cosign_pin")
        except LoginFailed as exc:
            raise self.ctx.denied_now(
                Actor(code, "", frozenset()),
                "监督会签",
                Msg("chief.cosign_login_failed", code=code, error=exc.msg or str(exc)),
            ) from exc
        if "supervisor" not in j.roles.split(","):
            raise self.ctx.denied_now(
                Actor(code, "", frozenset()), "监督会签", Msg("chief.not_supervisor", code=code)
            )
        return code

    def decrypt(self, chief_code: str, chief_pin: str, supervisor_code: str, supervisor_pin: str) -> None:
        """解密: two officials (chief judge and supervisor) confirm in the same operation; every module must be
        signed off. Afterwards results may carry names."""
        if chief_code == supervisor_code:
            raise self.ctx.denied_now(
                Actor(chief_code, "", frozenset()),
                "解密",
                Msg("chief.decrypt_two_officials"),
            )
        for code, pin, role in (
            (chief_code, chief_pin, "chief"),
            (supervisor_code, supervisor_pin, "supervisor"),
        ):
            try:
                # the same failure counter and lockout as a login: decryption is no way around them
                j = self.ctx.check_pin(code, pin, "decrypt_pin")
            except LoginFailed as exc:
                raise self.ctx.denied_now(
                    Actor(code, "", frozenset()),
                    "解密",
                    Msg("chief.decrypt_login_failed", code=code, error=exc.msg or str(exc)),
                ) from exc
            if role not in j.roles.split(","):
                raise self.ctx.denied_now(
                    Actor(code, "", frozenset()),
                    "解密",
                    Msg("chief.decrypt_lacks_role", code=code, role=Msg(f"core.role.{role}")),
                )
        actor = Actor(f"{chief_code}+{supervisor_code}", "", frozenset({"chief", "supervisor"}))
        with self.ctx.write(actor, "decrypt", {"chief": chief_code, "supervisor": supervisor_code}) as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            if c.decrypted_at is not None:
                raise InvalidState(Msg("chief.already_decrypted"))
            open_mods = [
                m.code
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
                if m.signed_off_at is None
            ]
            if open_mods:
                raise InvalidState(Msg("chief.decrypt_not_signed_off", modules=", ".join(open_mods)))
            c.decrypted_at = self.ctx.clock()
            c.decrypted_by = f"{chief_code},{supervisor_code}"
            s.add(c)
            st, _ = self.compute(s)
            s.info["event_details"]["results"] = {
                str(e.contestant): [to_cents(e.result.total), e.rank] for e in st.entries
            }

    # -- standings ---------------------------------------------------------------------------------------------
    def standings(self, actor: Actor) -> StandingsView:
        """Live standings: station numbers only before decryption, names after. Each line is identified by
        :meth:`DrawnField.label` (with a per-module draw, every module's station side by side)."""
        self.ctx.require(actor, "查看成绩", Role.CHIEF, Role.ORGANISER, Role.SUPERVISOR, Role.CLERK)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            decrypted = c.decrypted_at is not None
            st, field = self.compute(s)
            by_id = {str(p.id): p for p in field.people}
            mods = s.exec(
                select(ModuleRow)
                .where(ModuleRow.contest_id == self.ctx.contest_id)
                .order_by(col(ModuleRow.position))
            ).all()
            decided = {
                c.appeal_id for c in s.exec(select(ArbitrationRow).where(ArbitrationRow.reopened != "")).all()
            }
            appealed = {
                a.contestant_id
                for a in s.exec(select(AppealRow).where(AppealRow.contest_id == self.ctx.contest_id)).all()
                if a.reopened or a.id in decided
            }
            head = audit.last_event(s, self.ctx.contest_id)
            partial = self._partial_panels(s, mods)
            checked = contest_checkins(s, self.ctx.contest_id)
            out_why, barred_why = checkin_verdict_msgs(checked)
            signed = {m.code for m in mods if m.signed_off_at is not None}
            lines = []
            entries = list(st.entries)
            award_of = {x.contestant: x for x in st.awards.lines} if st.awards else {}
            for i, e in enumerate(entries):
                p = by_id[e.contestant]
                line = award_of.get(e.contestant)
                remarks: list[Msg] = []
                placed = tie_break(e, why_out=out_why.get(e.contestant))
                if (
                    placed is None
                    and i + 1 < len(entries)
                    and entries[i + 1].decided_by not in (None, "total")
                    and entries[i + 1].rank is not None
                ):
                    placed = tie_break(entries[i + 1], ahead=True)
                if placed is not None:
                    remarks.append(placed)
                if line:
                    remarks += [award_remark(r, barred_why.get(e.contestant)) for r in line.remarks]
                if (p.id or 0) in appealed:
                    remarks.append(Msg("documents.remark.corrected"))
                if not e.result.complete and e.rank is not None:
                    remarks.append(Msg("documents.remark.incomplete"))
                remarks += [
                    Msg("documents.remark.veto_pending", module=m.code)
                    for m in mods
                    if (pr := st.panels.get((e.contestant, cfg.module(m.code).rubric.id))) is not None
                    and pr.veto_pending
                ]
                lines.append(
                    StandingLine(
                        rank=e.rank,
                        station=field.label(p.id or 0),
                        name=p.name if decrypted else "",
                        unit=p.unit if decrypted else "",
                        id_masked=mask_id(p.id_number) if decrypted else "",
                        project=p.project if decrypted else "",
                        theory=e.result.theory,
                        modules={m.code: e.result.modules.get(cfg.module(m.code).rubric.id) for m in mods},
                        practical=e.result.practical,
                        total=e.result.total,
                        award=line.award if line else None,
                        titles=line.titles if line else (),
                        remarks=tuple(remarks),
                        complete=e.result.complete,
                        disqualified=e.result.disqualified,
                        contestant_id=p.id or 0,
                        partial=frozenset(partial.get(p.id or 0, ())),
                        checkin=checked.get(p.id or 0, {}),
                    )
                )
            return StandingsView(
                decrypted=decrypted,
                lines=tuple(lines),
                module_codes=tuple(m.code for m in mods),
                module_titles=tuple(cfg.module(m.code).rubric.title.zh for m in mods),
                award_remarks=award_notes(
                    st.awards,
                    {str(p.id): p.name if decrypted else field.label(p.id or 0) for p in field.people},
                    stations=not decrypted,
                ),
                audit_head=head.hash if head else audit.GENESIS,
                final=decrypted and all(m.signed_off_at for m in mods),
                alerts=sum(1 for a in st.alerts if cfg.module(a.module_id).rubric.code not in signed),
                changed_after_appeal=frozenset(appealed),
            )

    def _signed_modules(self, s: Session) -> set[str]:
        return {
            m.code
            for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
            if m.signed_off_at is not None
        }

    def _partial_panels(self, s: Session, mods: Sequence[ModuleRow]) -> dict[int, set[str]]:
        """Per contestant id, the modules whose panel has some but not all of its marking judges' sheets."""
        out: dict[int, set[str]] = {}
        for m in mods:
            judges = {
                a.judge_id
                for a in s.exec(select(AssignmentRow).where(AssignmentRow.module_id == m.id)).all()
                if "marking"
                in (s.get(JudgeRow, a.judge_id) or JudgeRow(code="", name="", contest_id=0)).roles
            }
            avoided = excluded_pairs(s, m.id or 0)
            counts: dict[int, int] = {}
            for cid, jid in s.connection().execute(
                select(SheetRow.contestant_id, SheetRow.judge_id).where(
                    SheetRow.module_id == m.id,
                    col(SheetRow.state).in_(DONE),
                )
            ):
                if jid in judges:
                    counts[cid] = counts.get(cid, 0) + 1
            for cid, n in counts.items():
                if 0 < n < len(judges) - sum(1 for j in judges if (j, cid) in avoided):
                    out.setdefault(cid, set()).add(m.code)
        return out

    # -- audit -------------------------------------------------------------------------------------------------
    def verify(self) -> audit.VerifyReport:
        """Walk the chain, compare every table with its replay, re-derive every submitted sheet's stored result from
        its marks, and re-derive the results recorded at decryption."""
        with self.ctx.read() as s:
            report = audit.verify_chain(s)
            if report.problems:
                return report
            report.problems += check_results(s, self.ctx.config(s), self.ctx.contest_id)
            import contest.store.tables as t

            evs = s.exec(
                select(t.EventRow)
                .where(t.EventRow.contest_id == self.ctx.contest_id)
                .order_by(col(t.EventRow.seq))
            ).all()
            recorded = None
            changed_after = False
            for ev in evs:
                if ev.kind == "decrypt":
                    recorded = json.loads(ev.payload)["details"].get("results")
                    changed_after = False
                elif recorded is not None and '"correction"' in ev.payload:
                    # 更正 (correction after decryption): the results it left are the new record
                    recorded = json.loads(ev.payload)["details"]["correction"]["results"]
                    changed_after = False
                elif ev.kind in (
                    "mark",
                    "withdraw_mark",
                    "submit",
                    "theory_scores",
                    "ruling",
                    "arbitration",
                    "sheet_info",
                    "veto_confirm",
                    "veto_reject",
                ):
                    changed_after = True
            if recorded is not None and not changed_after:
                st, _ = self.compute(s, fresh=True)
                now = {str(e.contestant): [to_cents(e.result.total), e.rank] for e in st.entries}
                for k, v in recorded.items():
                    if now.get(k) != v:
                        report.problems.append(
                            f"results: contestant {k}: recorded at decryption {v}, re-derived {now.get(k)}"
                        )
            return report
