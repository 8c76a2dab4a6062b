"""Clerk double entry (paper fallback): two clerks key the same judge's paper sheet blind; the keyings are
compared item by item; a mismatch is resolved by keying again; the clerk who keyed first cannot confirm. The
stored sheet names the judge as author and both clerks."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, select

from contest.errors import InvalidState, NotFound
from contest.services.marking import MarkingServices, current_marks, decode_deductions, encode_deductions
from contest.services.views import Actor
from contest.store.tables import AssignmentRow, ClerkEntryRow, JudgeRow, MarkRow, SheetRow
from scoresheets.arithmetic import check_entry
from scoresheets.errors import EntryRefused, SheetIncomplete
from scoresheets.model import ItemEntry
from scoresheets.numbers import from_cents, to_cents


@dataclass(frozen=True)
class DoubleEntryResult:
    """The outcome of one keying."""

    status: str
    """``first`` (waiting for the second clerk), ``mismatch`` (key again), or ``matched`` (sheet stored)."""
    mismatches: tuple[str, ...] = ()
    """Item ids in rubric order, then ``time`` and/or ``veto``, where the two keyings differ."""
    first_clerk: str = ""


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


class ClerkServices(MarkingServices):
    """Double entry of paper sheets by clerks."""

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
        self._require(actor, "录入纸质评分表", "clerk")
        rubric = self.config().module(module_code).rubric
        for e in entries:
            item = rubric.item(e.item_id)
            if item is None:
                raise EntryRefused(e.item_id, f"评分项 {e.item_id} 不在评分细则中")
            check_entry(item, e)
        missing = [i.id for i in rubric.items if i.id not in {e.item_id for e in entries}]
        if missing:
            raise SheetIncomplete(missing)
        if veto is not None and rubric.veto(veto) is None:
            raise EntryRefused("", f"否决项 {veto} 不在评分细则中")
        mine = _payload(entries, seconds_used, veto)
        with self._write(
            actor, "clerk_entry", {"module": module_code, "station": station, "judge": judge_code}
        ) as s:
            m = self._module(s, module_code)
            cid = self._station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(JudgeRow.contest_id == self.contest_id, JudgeRow.code == judge_code)
            ).first()
            if j is None or j.id is None:
                raise NotFound(f"裁判 {judge_code} 不存在")
            if "marking" not in j.roles or s.get(AssignmentRow, (j.id, m.id)) is None:
                raise InvalidState(
                    f"{judge_code} 不是模块 {module_code} 的评分裁判 / not a marking judge of this module"
                )
            if m.signed_off_at is not None:
                raise InvalidState(f"模块 {module_code} 已签核 / the module is signed off")
            existing = s.exec(
                select(SheetRow).where(
                    SheetRow.module_id == m.id, SheetRow.contestant_id == cid, SheetRow.judge_id == j.id
                )
            ).first()
            if existing is not None and existing.state not in ("draft", "returned"):
                raise InvalidState("裁判的评分表已提交 / the judge's sheet is already submitted")
            open_rows = self._open_entries(s, m.id or 0, cid, j.id)
            now = self.clock()
            if not open_rows:
                s.add(
                    ClerkEntryRow(
                        module_id=m.id or 0,
                        contestant_id=cid,
                        judge_id=j.id,
                        clerk_code=actor.code,
                        payload=json.dumps(mine),
                        created_at=now,
                    )
                )
                s.info["event_details"]["step"] = "first"
                return DoubleEntryResult("first", first_clerk=actor.code)
            first = open_rows[0]
            if first.clerk_code == actor.code:
                raise InvalidState(
                    "第一次录入的人不能确认；请由另一位统分员盲录 / the first clerk cannot confirm"
                )
            theirs = json.loads(first.payload)
            diff = [
                i.id
                for i in rubric.items
                if theirs["entries"].get(i.id) != mine["entries"].get(i.id)  # type: ignore[union-attr]
            ]
            if theirs["seconds_used"] != mine["seconds_used"]:
                diff.append("time")
            if theirs["veto"] != mine["veto"]:
                diff.append("veto")
            row = ClerkEntryRow(
                module_id=m.id or 0,
                contestant_id=cid,
                judge_id=j.id,
                clerk_code=actor.code,
                payload=json.dumps(mine),
                created_at=now,
                status="mismatch" if diff else "matched",
            )
            s.add(row)
            if diff:
                s.info["event_details"].update(step="mismatch", items=diff)
                return DoubleEntryResult("mismatch", tuple(diff), first.clerk_code)
            first.status = "matched"
            s.add(first)
            self._store_judge_sheet(
                s,
                m.id or 0,
                cid,
                j,
                entries,
                seconds_used,
                veto,
                f"双人录入：{first.clerk_code}、{actor.code}",
            )
            s.info["event_details"]["step"] = "matched"
            return DoubleEntryResult("matched", first_clerk=first.clerk_code)

    def clerk_withdraw(self, actor: Actor, module_code: str, station: str, judge_code: str) -> None:
        """Withdraw an unconfirmed first keying (e.g. the first clerk found their own typo)."""
        self._require(actor, "撤回录入", "clerk")
        with self._write(
            actor, "clerk_withdraw", {"module": module_code, "station": station, "judge": judge_code}
        ) as s:
            m = self._module(s, module_code)
            cid = self._station(s, m, station)
            j = s.exec(
                select(JudgeRow).where(JudgeRow.contest_id == self.contest_id, JudgeRow.code == judge_code)
            ).first()
            rows = self._open_entries(s, m.id or 0, cid, j.id or 0) if j else []
            if not rows:
                raise InvalidState("没有待确认的录入 / nothing to withdraw")
            if rows[0].clerk_code != actor.code and not actor.has("chief"):
                raise InvalidState(
                    f"只有录入人 {rows[0].clerk_code} 或裁判长可以撤回 / only the first clerk or the chief"
                )
            for r in rows:
                r.status = "withdrawn"
                s.add(r)

    def _open_entries(
        self, s: Session, module_id: int, contestant_id: int, judge_id: int
    ) -> list[ClerkEntryRow]:
        rows = s.exec(
            select(ClerkEntryRow)
            .where(
                ClerkEntryRow.module_id == module_id,
                ClerkEntryRow.contestant_id == contestant_id,
                ClerkEntryRow.judge_id == judge_id,
            )
            .order_by(ClerkEntryRow.id)
        ).all()
        if any(r.status == "matched" for r in rows):
            raise InvalidState("该评分表已完成双人录入 / this sheet has already been confirmed")
        return [r for r in rows if r.status == "pending"]

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
        if sh.state not in ("draft", "returned"):
            raise InvalidState("裁判的评分表已提交或已签核 / the judge's sheet is already submitted")
        assert sh.id is not None
        current = current_marks(s, [sh.id])[sh.id]
        now = self.clock()
        for e in entries:
            prev = current.get(e.item_id)
            s.add(
                MarkRow(
                    sheet_id=sh.id,
                    item_id=e.item_id,
                    deductions=encode_deductions(e.deductions),
                    level=e.level,
                    score_cents=None if e.score is None else to_cents(e.score),
                    judge_code=judge.code,
                    created_at=now,
                    supersedes_id=prev.id if prev else None,
                    reason=reason,
                )
            )
        sh.seconds_used = seconds_used
        sh.veto_code = veto
        sh.state = "submitted"
        sh.submissions += 1
        sh.comment = reason
        sh.version += 1
        sh.updated_at = now
        sh.updated_by = reason
        s.add(sh)


def entry_from_payload(item_id: str, raw: list[object]) -> ItemEntry:
    """Inverse of the payload encoding (for displays)."""
    ded, level, cents = raw
    return ItemEntry(
        item_id,
        decode_deductions(str(ded)),
        level if isinstance(level, int) else None,
        None if cents is None else from_cents(int(str(cents))),
    )
