"""Theory results: storing per-contestant theory totals with their section breakdown, and the contest-wide
numbers theory papers are matched by (the station with a contest-scope draw, the 抽签号 with a per-module draw,
or the ID number at any time).

Owns :class:`TheoryServices` (it holds the shared context and the chief services, for the results a 更正 leaves).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import ContestError, NotFound
from contest.i18n import Msg
from contest.intake_bridge import mask_id
from contest.services.core import Correction, listing
from contest.services.views import Actor, Role, TheoryNumbers
from contest.store.tables import ContestantRow, ModuleRow, TheoryRow
from scoresheets.numbers import to_cents

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

THEORY_BY_ID = Msg("theory.by_id")
THEORY_KEYS = ("station", "draw", "id")
"""What :meth:`TheoryServices.import_theory_scores` matches by."""


class TheoryServices:
    """Theory scores and the numbers theory papers carry."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief

    def contest_stations(self, s: Session, why: str | Msg) -> dict[str, int]:
        """Contest-wide station → contestant id (not withdrawn): what identifies a contestant outside the
        practical modules (theory papers, an appeal naming no module). Only a contest-scope draw has them; with a
        per-module draw this refuses, saying ``why``."""
        if self.ctx.config(s).draw_scope == "module":
            raise ContestError(Msg("theory.no_contest_stations", why=why))
        first = s.exec(
            select(ModuleRow)
            .where(ModuleRow.contest_id == self.ctx.contest_id)
            .order_by(col(ModuleRow.position))
        ).first()
        return dict(self.q.module_stations(s, first)) if first is not None else {}

    def theory_stations(self, actor: Actor) -> list[str]:
        """The contest-wide station numbers that theory papers are matched by (empty before the draw); refused
        with a per-module draw, where theory papers are matched by draw number (see :meth:`theory_numbers`)."""
        self.ctx.require(actor, "导入理论成绩", Role.ORGANISER, Role.CLERK)
        with self.ctx.read() as s:
            return sorted(self.contest_stations(s, THEORY_BY_ID))

    def theory_numbers(self, actor: Actor) -> TheoryNumbers:
        """The numbers theory papers are matched by, and what they are: with ``[draw] scope = "contest"`` the
        contest-wide stations ("station"); with ``"module"`` the contestants' 抽签号 ("draw"), which are
        contest-wide and anonymous. Empty before the draw. Withdrawn contestants are left out."""
        self.ctx.require(actor, "导入理论成绩", Role.ORGANISER, Role.CLERK)
        with self.ctx.read() as s:
            if self.ctx.config(s).draw_scope != "module":
                return TheoryNumbers("station", tuple(sorted(self.contest_stations(s, THEORY_BY_ID))))
            return TheoryNumbers("draw", tuple(str(n) for n in sorted(self._draw_numbers(s))))

    def _draw_numbers(self, s: Session) -> dict[int, ContestantRow]:
        """Draw number → contestant (drawn, not withdrawn)."""
        people = s.exec(
            select(ContestantRow).where(
                ContestantRow.contest_id == self.ctx.contest_id,
                ContestantRow.withdrawn == False,  # noqa: E712
            )
        ).all()
        return {p.draw_no: p for p in people if p.draw_no is not None}

    def import_theory_scores(
        self,
        actor: Actor,
        scores: Mapping[str, tuple[Decimal, Mapping[str, Decimal]]],
        key: str = "station",
        source: str = "",
        *,
        correction: Correction | None = None,
    ) -> int:
        """Store theory totals (with section breakdown), all or nothing, matched by ``key``: "station" (the
        contest-wide station, a contest-scope draw only), "draw" (the 抽签号 as text, a per-module draw only:
        what :meth:`theory_numbers` says papers are matched by) or "id" (ID number, any time).

        After decryption, an import that changes any score is a 更正 and needs ``correction`` (the chief judge
        and the supervisor, with a reason); the event records what changed and the results it left."""
        self.ctx.require(actor, "导入理论成绩", Role.ORGANISER, Role.CLERK)
        if key not in THEORY_KEYS:
            raise ContestError(Msg("theory.match_key", keys=listing(THEORY_KEYS), given=repr(key)))
        with self.ctx.write(actor, "theory_scores", {"count": len(scores), "source": source}) as s:
            people = s.exec(
                select(ContestantRow).where(
                    ContestantRow.contest_id == self.ctx.contest_id, ContestantRow.withdrawn == False
                )  # noqa: E712
            ).all()
            index: dict[str, ContestantRow]
            if key == "station":
                by_id = {p.id: p for p in people}
                index = {st: by_id[cid] for st, cid in self.contest_stations(s, THEORY_BY_ID).items()}
            elif key == "draw":
                if self.ctx.config(s).draw_scope != "module":
                    raise ContestError(Msg("theory.by_station"))
                index = {str(n): p for n, p in self._draw_numbers(s).items()}
                plain = {str(int(k)) if k.strip().isdigit() else k: v for k, v in scores.items()}
                if len(plain) != len(scores):
                    raise ContestError(Msg("theory.draw_twice"))
                scores = plain
            else:
                index = {p.id_number: p for p in people}
            missing = [k for k in scores if k not in index]
            if missing:
                shown = missing if key != "id" else [mask_id(k) for k in missing]
                noun = Msg(f"theory.noun.{key}")
                raise NotFound(Msg("theory.not_found", noun=noun, keys=", ".join(shown[:20])))
            changed: list[str] = []
            for k, (total, breakdown) in scores.items():
                if not Decimal(0) <= total <= Decimal(100):
                    raise ContestError(Msg("theory.out_of_range", number=k, total=total))
                p = index[k]
                row = s.get(TheoryRow, p.id)
                if row is None or row.total_cents != to_cents(total):
                    was = "—" if row is None else f"{Decimal(row.total_cents) / 100}"
                    changed.append(f"{p.name} {was}→{total}")
                row = row or TheoryRow(contestant_id=p.id or 0, total_cents=0)
                row.total_cents = to_cents(total)
                row.breakdown = json.dumps({a: to_cents(b) for a, b in breakdown.items()})
                row.source = source
                s.add(row)
            if changed:
                record = self.ctx.correction_gate(
                    s, actor, "导入理论成绩", f"理论成绩（{source or '导入'}）", correction
                )
                listed = "；".join(changed[:10]) + (f" 等 {len(changed)} 人" if len(changed) > 10 else "")
                self.chief.close_correction(s, record, f"理论成绩 {listed}")
            return len(scores)
