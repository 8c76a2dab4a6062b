"""Clerk double entry (paper fallback): two clerks key the same judge's paper sheet blind and the keyings are
compared item by item. Equal keyings store the judge's sheet. A mismatch stores nothing for the judge: both
keyings are kept as they are (no clerk may re-key an item until it matches, which would defeat blind entry) and
the sheet waits for a third clerk's blind keying (stored when it equals one of the kept keyings) or for the
chief judge, who sees the differing values side by side and decides (:meth:`ClerkServices.clerk_resolve`,
logged). The clerk who keyed first cannot confirm. The stored sheet names the judge as author and the clerks.

Keying states of a (module, station, judge) sheet, as :meth:`ClerkServices.clerk_states` reports them:
``pending`` (keyed once, 待核对) and ``mismatch`` (keyings differ, 不一致)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from contest.errors import InvalidState, NotFound
from contest.i18n import Msg
from contest.services.marking import (
    append_marks,
    check_rubric_entry,
    decode_deductions,
    encode_deductions,
    refused,
)
from contest.services.views import Actor, Role, SheetState
from contest.store.tables import (
    AssignmentRow,
    ClerkEntryRow,
    JudgeRow,
    ModuleRow,
    ModuleStationRow,
    SheetRow,
)
from scoresheets.errors import SheetIncomplete
from scoresheets.model import ItemEntry
from scoresheets.numbers import from_cents, to_cents

if TYPE_CHECKING:
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries


@dataclass(frozen=True)
class DoubleEntryResult:
    """The outcome of one keying."""

    status: str
    """``first`` (waiting for the second clerk), ``mismatch`` (both keyings kept; waiting for a third keying or
    the chief judge), or ``matched`` (sheet stored)."""
    mismatches: tuple[str, ...] = ()
    """Item ids in rubric order, then ``time`` and/or ``veto``, where the keyings differ (set only once every
    keying is stored: nobody can key again to make them agree)."""
    first_clerk: str = ""
    agreed_with: str = ""
    """On a match: the clerk whose keying this one equals (the first clerk, or one of two that differed)."""


@dataclass(frozen=True)
class ClerkKeying:
    """One clerk's kept keying of a paper sheet (for the chief judge's decision only)."""

    clerk: str
    entries: dict[str, ItemEntry]
    seconds_used: int
    veto: str | None


@dataclass(frozen=True)
class ClerkDispute:
    """A paper sheet whose keyings differ: the kept keyings side by side and where they differ."""

    module_code: str
    station: str
    judge_code: str
    keyings: tuple[ClerkKeying, ...]
    differing: tuple[str, ...]
    """Item ids in rubric order, then ``time`` and/or ``veto``."""


TIME = "time"
VETO = "veto"
KEPT = ("pending", "mismatch")
"""Statuses of keyings that still count (not withdrawn, not yet settled)."""
SETTLED = ("matched", "resolved")


def _payload(entries: list[ItemEntry], seconds_used: int, veto: str | None) -> dict[str, object]:
    return {
        "entries": {
            e.item_id: [
                encode_deductions(e.deductions),
                e.level,
                None if e.score is None else to_cents(e.score),
            ]
            for e in entries
        },
        "seconds_used": seconds_used,
        "veto": veto,
    }


def _differing(rubric_items: list[str], payloads: list[dict[str, Any]]) -> list[str]:
    """Fields (items in rubric order, then time, veto) on which the payloads do not all agree."""
    out = [i for i in rubric_items if len({json.dumps(p["entries"].get(i)) for p in payloads}) > 1]
    if len({p["seconds_used"] for p in payloads}) > 1:
        out.append(TIME)
    if len({p["veto"] for p in payloads}) > 1:
        out.append(VETO)
    return out


class ClerkServices:
    """Double entry of paper sheets by clerks."""

    def __init__(self, ctx: ServiceContext, q: Queries) -> None:
        self.ctx = ctx
        self.q = q

    def clerk_enter(
        self,
        actor: Actor,
        module_code: str,
        station: str,
        judge_code: str,
        entries: list[ItemEntry],
        *,
        seconds_used: int,
        veto: str | None = None,
    ) -> DoubleEntryResult:
        """Key a judge's paper sheet. The first keying waits; a second keying by another clerk is compared and,
        when identical, stored as the judge's submitted sheet."""
        self.ctx.require(actor, "录入纸质评分表", Role.CLERK)
        rubric = self.ctx.config().module(module_code).rubric
        for e in entries:
            check_rubric_entry(rubric, e)  # as on the judge's screen: a typed score only where allowed
        missing = [i.id for i in rubric.items if i.id not in {e.item_id for e in entries}]
        if missing:
            raise SheetIncomplete(missing)
        if veto is not None and rubric.veto(veto) is None:
            raise refused(Msg("marking.veto_not_in_rubric", veto=veto))
        mine = _payload(entries, seconds_used, veto)
        with self.ctx.write(
            actor, "clerk_entry", {"module": module_code, "station": station, "judge": judge_code}
        ) as s:
            m = self.q.module(s, module_code)
            cid = self.q.station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            if j is None or j.id is None:
                raise NotFound(Msg("core.no_judge", judge=judge_code))
            if "marking" not in j.roles or s.get(AssignmentRow, (j.id, m.id)) is None:
                raise InvalidState(Msg("clerk.not_marking_judge", judge=judge_code, module=module_code))
            if m.signed_off_at is not None:
                raise InvalidState(Msg("clerk.module_signed_off", module=module_code))
            self.q.check_markable(s, actor, m, station, cid, j)
            existing = s.exec(
                select(SheetRow).where(
                    SheetRow.module_id == m.id, SheetRow.contestant_id == cid, SheetRow.judge_id == j.id
                )
            ).first()
            if existing is not None and existing.state not in (SheetState.DRAFT, SheetState.RETURNED):
                raise InvalidState(Msg("clerk.judge_sheet_submitted"))
            rows = self._kept_entries(s, m.id or 0, cid, j.id)
            now = self.ctx.clock()

            def keep(status: str) -> ClerkEntryRow:
                row = ClerkEntryRow(
                    module_id=m.id or 0,
                    contestant_id=cid,
                    judge_id=j.id or 0,
                    clerk_code=actor.code,
                    payload=json.dumps(mine),
                    created_at=now,
                    status=status,
                )
                s.add(row)
                return row

            if not rows:
                keep("pending")
                s.info["event_details"]["step"] = "first"
                return DoubleEntryResult("first", first_clerk=actor.code)
            if any(r.clerk_code == actor.code for r in rows):
                raise InvalidState(
                    Msg("clerk.first_clerk_cannot_confirm") if len(rows) == 1 else Msg("clerk.already_keyed")
                )
            ids = [i.id for i in rubric.items]
            same = next((r for r in rows if not _differing(ids, [json.loads(r.payload), mine])), None)
            if same is None:
                keep("mismatch")
                for r in rows:
                    r.status = "mismatch"
                    s.add(r)
                diff = _differing(ids, [json.loads(r.payload) for r in rows] + [mine])
                s.info["event_details"].update(step="mismatch", items=diff, keyings=len(rows) + 1)
                return DoubleEntryResult("mismatch", tuple(diff), rows[0].clerk_code)
            keep("matched")
            for r in rows:
                r.status = "matched" if r is same else "resolved"
                s.add(r)
            self._store_judge_sheet(
                s,
                m.id or 0,
                cid,
                j,
                entries,
                seconds_used,
                veto,
                f"双人录入：{same.clerk_code}、{actor.code}",
            )
            s.info["event_details"].update(step="matched", agreed_with=same.clerk_code)
            return DoubleEntryResult("matched", first_clerk=rows[0].clerk_code, agreed_with=same.clerk_code)

    def clerk_withdraw(self, actor: Actor, module_code: str, station: str, judge_code: str) -> None:
        """Withdraw an unconfirmed first keying (e.g. the first clerk found their own typo). Keyings that
        differed are kept for the third keying or the chief judge and cannot be withdrawn."""
        self.ctx.require(actor, "撤回录入", Role.CLERK)
        with self.ctx.write(
            actor, "clerk_withdraw", {"module": module_code, "station": station, "judge": judge_code}
        ) as s:
            m = self.q.module(s, module_code)
            cid = self.q.station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            rows = self._kept_entries(s, m.id or 0, cid, j.id or 0) if j else []
            if not rows:
                raise InvalidState(Msg("clerk.nothing_to_withdraw"))
            if any(r.status == "mismatch" for r in rows):
                raise InvalidState(Msg("clerk.mismatch_no_withdraw"))
            if rows[0].clerk_code != actor.code and not actor.has(Role.CHIEF):
                raise InvalidState(Msg("clerk.only_first_clerk_withdraws", clerk=rows[0].clerk_code))
            for r in rows:
                r.status = "withdrawn"
                s.add(r)

    def clerk_disputes(self, actor: Actor) -> list[ClerkDispute]:
        """Paper sheets whose keyings differ, with every kept keying (chief judge and supervisor only: clerks
        key blind)."""
        self.ctx.require(actor, "查看录入不一致", Role.CHIEF, Role.SUPERVISOR)
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            rows = s.exec(
                select(ClerkEntryRow)
                .join(ModuleRow, col(ModuleRow.id) == ClerkEntryRow.module_id)
                .where(ModuleRow.contest_id == self.ctx.contest_id, ClerkEntryRow.status == "mismatch")
                .order_by(col(ClerkEntryRow.id))
            ).all()
            groups: dict[tuple[int, int, int], list[ClerkEntryRow]] = {}
            for r in rows:
                groups.setdefault((r.module_id, r.contestant_id, r.judge_id), []).append(r)
            out = []
            for (mid, cid, jid), keyed in groups.items():
                m = s.get(ModuleRow, mid)
                j = s.get(JudgeRow, jid)
                assert m is not None and j is not None
                station = s.get(ModuleStationRow, (mid, cid))
                rubric = cfg.module(m.code).rubric
                payloads = [json.loads(r.payload) for r in keyed]
                out.append(
                    ClerkDispute(
                        m.code,
                        station.station if station is not None else "?",
                        j.code,
                        tuple(_keying(r.clerk_code, p) for r, p in zip(keyed, payloads, strict=True)),
                        tuple(_differing([i.id for i in rubric.items], payloads)),
                    )
                )
            return sorted(out, key=lambda d: (d.module_code, d.station, d.judge_code))

    def clerk_resolve(
        self, actor: Actor, module_code: str, station: str, judge_code: str, picks: Mapping[str, str]
    ) -> None:
        """The chief judge decides a mismatch: for every differing field (item id, ``time``, ``veto``) the clerk
        whose keying is right. The judge's sheet is stored from the agreed fields and the picks; logged."""
        self.ctx.require(actor, "裁决录入不一致", Role.CHIEF)
        rubric = self.ctx.config().module(module_code).rubric
        with self.ctx.write(
            actor,
            "clerk_resolve",
            {"module": module_code, "station": station, "judge": judge_code, "picks": dict(picks)},
        ) as s:
            m = self.q.module(s, module_code)
            if m.signed_off_at is not None:
                raise InvalidState(Msg("clerk.module_signed_off", module=module_code))
            cid = self.q.station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(
                    JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == judge_code
                )
            ).first()
            if j is None or j.id is None:
                raise NotFound(Msg("core.no_judge", judge=judge_code))
            rows = [r for r in self._kept_entries(s, m.id or 0, cid, j.id) if r.status == "mismatch"]
            if not rows:
                raise InvalidState(Msg("clerk.no_mismatch"))
            by_clerk: dict[str, dict[str, Any]] = {r.clerk_code: json.loads(r.payload) for r in rows}
            differing = _differing([i.id for i in rubric.items], list(by_clerk.values()))
            unknown = sorted(set(picks) - set(differing))
            if unknown:
                raise InvalidState(Msg("clerk.not_differing", items=", ".join(unknown)))
            open_fields = [f for f in differing if picks.get(f) not in by_clerk]
            if open_fields:
                raise InvalidState(Msg("clerk.pick_each", items=", ".join(open_fields)))
            base = next(iter(by_clerk.values()))

            def chosen(field: str) -> dict[str, Any]:
                return by_clerk[picks[field]] if field in picks else base

            entries = [entry_from_payload(i.id, chosen(i.id)["entries"][i.id]) for i in rubric.items]
            seconds_used = int(chosen(TIME)["seconds_used"])
            veto = chosen(VETO)["veto"]
            for r in rows:
                r.status = "resolved"
                s.add(r)
            clerks = "、".join(by_clerk)
            self._store_judge_sheet(
                s,
                m.id or 0,
                cid,
                j,
                entries,
                seconds_used,
                veto,
                f"双人录入不一致（{clerks}），裁判长 {actor.code} 裁决",
            )
            s.info["event_details"]["differing"] = differing

    def _kept_entries(
        self, s: Session, module_id: int, contestant_id: int, judge_id: int
    ) -> list[ClerkEntryRow]:
        """The keyings that still count for one paper sheet, oldest first; refused once the sheet is settled."""
        rows = s.exec(
            select(ClerkEntryRow)
            .where(
                ClerkEntryRow.module_id == module_id,
                ClerkEntryRow.contestant_id == contestant_id,
                ClerkEntryRow.judge_id == judge_id,
            )
            .order_by(col(ClerkEntryRow.id))
        ).all()
        if any(r.status in SETTLED for r in rows):
            raise InvalidState(Msg("clerk.already_confirmed"))
        return [r for r in rows if r.status in KEPT]

    def _store_judge_sheet(
        self,
        s: Session,
        module_id: int,
        contestant_id: int,
        judge: JudgeRow,
        entries: list[ItemEntry],
        seconds_used: int,
        veto: str | None,
        reason: str,
    ) -> None:
        sh = s.exec(
            select(SheetRow).where(
                SheetRow.module_id == module_id,
                SheetRow.contestant_id == contestant_id,
                SheetRow.judge_id == judge.id,
            )
        ).first()
        if sh is None:
            sh = SheetRow(module_id=module_id, contestant_id=contestant_id, judge_id=judge.id or 0)
            s.add(sh)
            s.flush()
        if sh.state not in (SheetState.DRAFT, SheetState.RETURNED):
            raise InvalidState(Msg("clerk.judge_sheet_done"))
        assert sh.id is not None
        now = self.ctx.clock()
        append_marks(s, sh.id, entries, judge_code=judge.code, at=now, reason=reason)
        sh.seconds_used = seconds_used
        sh.veto_code = veto
        sh.state = SheetState.SUBMITTED
        sh.submissions += 1
        sh.comment = reason
        sh.version += 1
        sh.updated_at = now
        sh.updated_by = reason
        s.add(sh)


def _keying(clerk: str, payload: dict[str, Any]) -> ClerkKeying:
    return ClerkKeying(
        clerk,
        {item_id: entry_from_payload(item_id, raw) for item_id, raw in payload["entries"].items()},
        int(payload["seconds_used"]),
        payload["veto"],
    )


def entry_from_payload(item_id: str, raw: list[object]) -> ItemEntry:
    """Inverse of the payload encoding (for displays)."""
    ded, level, cents = raw
    return ItemEntry(
        item_id,
        decode_deductions(str(ded)),
        level if isinstance(level, int) else None,
        None if cents is None else from_cents(int(str(cents))),
    )
