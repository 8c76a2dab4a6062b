"""Appeals (申诉): the supervisor records a written appeal against a contestant (and module), rules on it, and
may reopen named judges' sheets; every step is audited, and results printed afterwards say they changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from contest.errors import ContestError, InvalidState, NotFound
from contest.intake_bridge import typed_station
from contest.services.core import Correction
from contest.services.theory import TheoryServices
from contest.services.views import Actor, AppealView
from contest.store.tables import AppealRow, ContestantRow, JudgeRow, ModuleRow, SheetRow


class AppealServices(TheoryServices):
    """Lodging, ruling on and listing appeals."""

    def lodge_appeal(self, actor: Actor, station: str, module_code: str | None, text: str) -> int:
        """Record a written appeal (申诉) with its time. ``station`` is the contestant's station in the appealed
        module; for an appeal naming no module, the contest-wide station, or with a per-module draw the
        contestant's 抽签号 (draw number)."""
        self._require(actor, "登记申诉", "supervisor")
        if not text.strip():
            raise ContestError("申诉内容不能为空 / the appeal text is empty")
        with self._write(actor, "appeal", {"station": station, "module": module_code}) as s:
            m = self._module(s, module_code) if module_code else None
            row = AppealRow(
                contest_id=self.contest_id,
                contestant_id=self._contestant_at(s, station, m),
                module_id=m.id if m else None,
                text=text.strip(),
                lodged_at=self.clock(),
                lodged_by=actor.code,
            )
            s.add(row)
            s.flush()
            return row.id or 0

    def rule_appeal(
        self,
        actor: Actor,
        appeal_id: int,
        ruling: str,
        reopen_judges: Sequence[str] = (),
        *,
        correction: Correction | None = None,
    ) -> None:
        """The supervisor's ruling; it may reopen named judges' sheets of the appealed module (they go back to
        the judges as returned, and the module needs signing off again). After decryption, reopening is a 更正
        and needs ``correction`` (the chief judge and the supervisor, with a reason)."""
        self._require(actor, "裁决申诉", "supervisor")
        if not ruling.strip():
            raise ContestError("裁决内容不能为空 / the ruling is empty")
        with self._write(
            actor, "ruling", {"appeal": appeal_id, "ruling": ruling, "reopen": list(reopen_judges)}
        ) as s:
            a = s.get(AppealRow, appeal_id)
            if a is None or a.contest_id != self.contest_id:
                raise NotFound(f"申诉 {appeal_id} 不存在")
            if a.ruled_at is not None:
                raise InvalidState("该申诉已裁决 / already ruled")
            reopened = []
            record = None
            if reopen_judges:
                if a.module_id is None:
                    raise ContestError("该申诉未指明模块，不能重开评分表 / the appeal names no module")
                m = s.get(ModuleRow, a.module_id)
                assert m is not None
                record = self._correction_gate(
                    s, actor, "裁决申诉", f"申诉 #{appeal_id} 裁决重开模块 {m.code} 评分表", correction
                )
                for code in reopen_judges:
                    j = s.exec(
                        select(JudgeRow).where(JudgeRow.contest_id == self.contest_id, JudgeRow.code == code)
                    ).first()
                    sh = (
                        j
                        and s.exec(
                            select(SheetRow).where(
                                SheetRow.module_id == m.id,
                                SheetRow.contestant_id == a.contestant_id,
                                SheetRow.judge_id == j.id,
                            )
                        ).first()
                    )
                    if not sh:
                        raise NotFound(f"裁判 {code} 没有该选手的评分表")
                    sh.state = "returned"
                    sh.return_reason = f"申诉裁决：{ruling.strip()}"
                    self._touch(sh, actor)
                    reopened.append(str(sh.id))
                m.signed_off_at = None
                m.signed_off_by = ""
                s.add(m)
            a.ruling = ruling.strip()
            a.ruled_at = self.clock()
            a.ruled_by = actor.code
            a.reopened = ",".join(reopened)
            s.add(a)
            if record is not None:
                p = s.get(ContestantRow, a.contestant_id)
                self._close_correction(
                    s,
                    record,
                    f"{p.name if p else ''} 模块评分表重开（{', '.join(reopen_judges)}）：{a.ruling}",
                )

    def _contestant_at(self, s: Session, station: str, module: ModuleRow | None) -> int:
        """The contestant at ``station`` of ``module``, or at the contest-wide station when no module is named.
        With a per-module draw there is no contest-wide station: an appeal naming no module (theory, total)
        gives the contestant's 抽签号 (draw number, 一次加密, the same for every module) instead."""
        station = typed_station(station)
        if module is not None:
            return self._station(s, module, station)
        if self.config(s).draw_scope == "module":
            number = station.strip()
            cid = (
                s.exec(
                    select(ContestantRow.id).where(
                        ContestantRow.contest_id == self.contest_id,
                        ContestantRow.draw_no == int(number),
                        ContestantRow.withdrawn == False,  # noqa: E712
                    )
                ).first()
                if number.isdigit()
                else None
            )
            if cid is None:
                raise NotFound(
                    f"抽签号 {station} 不存在（按模块抽签时，未指明模块的申诉以抽签号登记）"
                    f" / no draw number {station} (with a per-module draw an appeal naming no module gives the"
                    " draw number)"
                )
            return cid
        cid = self._contest_stations(s, "请指明申诉的模块 / name the module (--module)").get(station)
        if cid is None:
            raise NotFound(f"赛位号 {station} 不存在 / no station {station}")
        return cid

    def appeals(self) -> list[AppealView]:
        """Every appeal with its ruling; the station is the one in the appealed module (see
        :meth:`DrawnField.label` for an appeal naming no module)."""
        with self._read() as s:
            dec = self._decrypted(s)
            field = self._field(s)
            out = []
            for a in s.exec(
                select(AppealRow).where(AppealRow.contest_id == self.contest_id).order_by(AppealRow.id)
            ).all():
                c = s.get(ContestantRow, a.contestant_id)
                m = s.get(ModuleRow, a.module_id) if a.module_id else None
                out.append(
                    AppealView(
                        a.id or 0,
                        field.station(a.contestant_id, m.code) if m else field.label(a.contestant_id),
                        c.name if (c and dec) else "",
                        m.code if m else None,
                        a.text,
                        f"{self.local_time(a.lodged_at, s):%Y-%m-%d %H:%M}",
                        a.ruling,
                        tuple(filter(None, a.reopened.split(","))),
                    )
                )
            return out
