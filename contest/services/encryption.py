"""Owns the two encryptions and their keys: 一次加密 (each contestant's 抽签号, drawn by the computer from a seed or
drawn by hand at 检录 and keyed in or imported), 二次加密 (the 赛位号 of each 抽签号 in every module), who holds which
stage's key, the sealed mapping sheet each holder alone may print, and the key holders' part in decryption.

With ``[draw] stages = 1`` (the default) one encryption judge makes both in one draw, as before. With ``stages = 2``
two different encryption judges each seal their own stage: the first knows names and 抽签号 but no station, the
second knows 抽签号 and stations but no name. Does not own the layout of the sheets (``printing/drawsheet.py``)
nor reading a lots workbook (``intake/lots.py``).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest.errors import ImportRefused, InvalidState, LoginFailed
from contest.i18n import Msg, tr
from contest.intake_bridge import ascii_digits, mask_id
from contest.printing.pages import DrawSheetData, DrawSheetRow
from contest.services.documents import DocumentServices
from contest.services.views import Actor, Role
from contest.services.wording import joined, refusal
from contest.store.tables import ContestantRow, ContestRow, ModuleRow, ModuleStationRow

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

STAGE_NAMES = {1: "一次加密（抽签号）", 2: "二次加密（赛位号）"}
"""The stages' Chinese names, as the audit and the sheets' titles record them."""


def _unspaced(msg: Msg) -> str:
    """The reason the audit has always stored for these refusals: "中文/ English" (no space before the slash)."""
    return f"{msg.text('zh')}/ {msg.text('en')}"


@dataclass(frozen=True)
class LotIn:
    """One contestant's hand-drawn 抽签号 from a lots list (name and/or ID number), with where it was read."""

    number: int
    name: str = ""
    id_number: str = ""
    row: int | None = None
    """The row of the workbook it came from (for located problems)."""


@dataclass(frozen=True)
class LotProblem:
    """A lots-list row the contest refuses (shown like an intake problem)."""

    sheet: str
    row: int | None
    field: str
    value: str
    msg: Msg
    column: str = ""

    @property
    def message(self) -> str:
        """What is wrong, in both languages ("中文 / English")."""
        return str(self.msg)

    def text(self, lang: str) -> str:
        """Where and what, in ``lang``."""
        if self.row is None:
            return self.msg.text(lang)
        return tr(lang, "encryption.lot_row", row=self.row, problem=self.msg)

    def __str__(self) -> str:
        where = f"第 {self.row} 行：" if self.row is not None else ""
        return f"{where}{self.message}"


@dataclass(frozen=True)
class EncryptionState:
    """Where the encryptions stand (no mapping in it: safe to show to anyone)."""

    stages: int
    lots: str
    contestants: int
    keyed: int
    """Contestants with a 抽签号 (keyed in, or drawn)."""
    stage1_by: str | None
    stage2_by: str | None
    sealed1: bool
    sealed2: bool


def _people(s: Session, contest_id: int) -> list[ContestantRow]:
    return list(
        s.exec(
            select(ContestantRow)
            .where(ContestantRow.contest_id == contest_id, ContestantRow.withdrawn == False)  # noqa: E712
            .order_by(col(ContestantRow.id_number))
        ).all()
    )


class EncryptionServices:
    """The draw in one or two stages, hand-drawn lots, the sealed sheets, the key holders at decryption."""

    def __init__(
        self, ctx: ServiceContext, q: Queries, chief: ChiefServices, documents: DocumentServices
    ) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief
        self.documents = documents

    # -- state -------------------------------------------------------------------------------------------------
    def encryption(self) -> EncryptionState:
        """How far the encryptions are (counts and who sealed what, never a mapping)."""
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            people = _people(s, self.ctx.contest_id)
            return EncryptionState(
                cfg.draw_stages,
                cfg.draw_lots,
                len(people),
                sum(1 for p in people if p.draw_no is not None),
                c.lots_by,
                c.drawn_by,
                c.lots_at is not None or c.drawn_at is not None,
                c.drawn_at is not None,
            )

    # -- the draw ----------------------------------------------------------------------------------------------
    def draw(self, actor: Actor, seed: str | None = None, *, stage: int | None = None) -> str:
        """The draw; returns the seed used ("" for hand-drawn lots sealed as they are).

        With one stage (``stage`` None): 一次加密 and 二次加密 at once, as always. With ``[draw] stages = 2``:
        ``stage=1`` seals the 抽签号 (drawn from ``seed``, or the lots keyed in at 检录), ``stage=2`` draws the
        stations of each 抽签号 — by another encryption judge than stage 1's, and only after it. Marking can start
        only once the stations exist. 二次加密 hands stations out in 抽签号 order, with ``[draw] scope = "contest"``
        one shuffle (``Random(f"{seed}:2")``) kept in every module, with ``"module"`` one per module
        (``Random(f"{seed}:2:{module code}")``); a computer 一次加密 shuffles with ``Random(f"{seed}:1")``.
        """
        self.ctx.require(actor, "抽签加密", Role.ENCRYPTION)
        cfg = self.ctx.config()
        if cfg.draw_stages == 1 and stage is not None:
            raise InvalidState(Msg("encryption.one_stage_no_stage"))
        if cfg.draw_stages == 2 and stage not in (1, 2):
            raise InvalidState(Msg("encryption.two_stages_give_stage"))
        if stage is not None:
            holder = cfg.draw_holders[stage - 1]
            if holder and holder != actor.code:
                held = Msg(f"encryption.stage{stage}_held_by", holder=holder)
                raise refusal(self.ctx.denied_now(actor, "抽签加密", _unspaced(held)), held)
        hand = cfg.draw_lots == "drawn"
        if hand and stage != 2 and seed:
            raise InvalidState(Msg("encryption.hand_drawn_no_seed"))
        seed = seed or secrets.token_hex(8)
        lots_seed = None if hand else seed
        kind = {None: "draw", 1: "draw_stage1", 2: "draw_stage2"}[stage]
        details: dict[str, object] = {"seed": seed, "scope": cfg.draw_scope}
        if stage == 1:
            details = {"seed": lots_seed, "lots": cfg.draw_lots}
        elif stage is None and hand:
            details["lots"] = "drawn"
        with self.ctx.write(actor, kind, details) as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            if c.drawn_at is not None:
                raise InvalidState(Msg("encryption.already_drawn"))
            people = _people(s, self.ctx.contest_id)
            if not people:
                raise InvalidState(Msg("encryption.no_contestants"))
            if stage == 2:
                if c.lots_at is None:
                    raise InvalidState(Msg("encryption.stage1_not_sealed"))
                if c.lots_by == actor.code:
                    other = Msg("encryption.stage2_needs_other_judge", judge=actor.code)
                    stored = (  # the reason as the audit has always recorded it
                        f"二次加密须由另一名加密裁判完成（{actor.code} 已完成一次加密）/ stage 2 needs another "
                        "encryption judge than stage 1"
                    )
                    raise refusal(self.ctx.deny(actor, "抽签加密", stored), other)
            else:
                if c.lots_at is not None:
                    raise InvalidState(Msg("encryption.stage1_sealed"))
                self._seal_lots(s, c, people, lots_seed)
                c.lots_at, c.lots_by, c.lots_seed = self.ctx.clock(), actor.code, lots_seed
            if stage != 1:
                self._draw_stations(s, people, seed, cfg.draw_scope)
                c.draw_seed, c.drawn_at, c.drawn_by = seed, self.ctx.clock(), actor.code
            s.add(c)
        return "" if stage == 1 and hand else seed

    def _seal_lots(self, s: Session, c: ContestRow, people: list[ContestantRow], seed: str | None) -> None:
        """一次加密: every contestant's 抽签号, drawn from ``seed`` or (None) checked as keyed in: 1…N once each."""
        if seed is not None:
            first = list(range(1, len(people) + 1))
            Random(f"{seed}:1").shuffle(first)
            for no, person in zip(first, people, strict=True):
                person.draw_no = no
                s.add(person)
        else:
            missing = [p.name for p in people if p.draw_no is None]
            numbers = [p.draw_no for p in people if p.draw_no is not None]
            wrong = sorted({n for n in numbers if not 1 <= n <= len(people) or numbers.count(n) > 1})
            if missing or wrong:
                why: list[Msg | str] = []
                if missing:
                    why.append(
                        Msg("encryption.lots_missing", n=len(missing), names=joined(missing[:20], "enum"))
                    )
                if wrong:
                    why.append(
                        Msg(
                            "encryption.lots_wrong",
                            numbers=joined([str(n) for n in wrong], "enum"),
                            n=len(people),
                        )
                    )
                raise InvalidState(Msg("encryption.cannot_seal_stage1", why=joined(why)))
        for gone in s.exec(
            select(ContestantRow).where(
                ContestantRow.contest_id == c.id,
                ContestantRow.withdrawn == True,  # noqa: E712
                ContestantRow.draw_no != None,  # noqa: E711
            )
        ).all():
            gone.draw_no = None  # a withdrawn contestant keeps no number
            s.add(gone)

    def _draw_stations(self, s: Session, people: list[ContestantRow], seed: str, scope: str) -> None:
        """二次加密: stations per module, handed out in 抽签号 order."""
        mods = s.exec(
            select(ModuleRow)
            .where(ModuleRow.contest_id == self.ctx.contest_id)
            .order_by(col(ModuleRow.position))
        ).all()
        by_draw = sorted(people, key=lambda p: p.draw_no or 0)
        width = max(3, len(str(len(people))))
        numbers = [f"{n:0{width}d}" for n in range(1, len(people) + 1)]
        shared = numbers[:]
        Random(f"{seed}:2").shuffle(shared)
        for m in mods:
            stations = shared
            if scope == "module":
                stations = numbers[:]
                Random(f"{seed}:2:{m.code}").shuffle(stations)
            for person, station in zip(by_draw, stations, strict=True):
                s.add(ModuleStationRow(module_id=m.id or 0, contestant_id=person.id or 0, station=station))

    # -- lots drawn at 检录 --------------------------------------------------------------------------------------
    def set_lot(self, actor: Actor, who: str, number: int) -> None:
        """Key in the 抽签号 a contestant drew at 检录 (``who``: ID number or name). Keyed again, it replaces the
        earlier one (the chain keeps both) until 一次加密 is sealed."""
        try:
            self.import_lots(actor, [LotIn(number, id_number=who.strip(), name=who.strip())], kind="lot")
        except ImportRefused as exc:
            raise InvalidState(
                Msg(
                    "encryption.lot_refused",
                    problems=joined([p.msg if isinstance(p, LotProblem) else str(p) for p in exc.problems]),
                )
            ) from None

    def import_lots(
        self, actor: Actor, lots: Sequence[LotIn], *, sheet: str = "", kind: str = "import_lots"
    ) -> int:
        """A lots list at once (all or nothing, one event): every problem — unknown or ambiguous contestant, a
        number out of 1…N, a number or a contestant twice — is reported with its row. Returns the rows stored."""
        self.ctx.require(actor, "录入抽签号", Role.ORGANISER, Role.ENCRYPTION)
        if self.ctx.config().draw_lots != "drawn":
            raise InvalidState(Msg("encryption.lots_by_computer"))
        with self.ctx.write(actor, kind, {"rows": len(lots)}) as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            if c.lots_at is not None or c.drawn_at is not None:
                raise InvalidState(Msg("encryption.lots_sealed"))
            people = _people(s, self.ctx.contest_id)
            problems: list[LotProblem] = []
            chosen: dict[int, tuple[ContestantRow, LotIn]] = {}
            for lot in lots:
                person = self._lot_person(people, lot, sheet, problems)
                if lot.number < 1 or lot.number > len(people):
                    problems.append(
                        LotProblem(
                            sheet,
                            lot.row,
                            "draw_no",
                            str(lot.number),
                            Msg("encryption.lot_out_of_range", number=lot.number, n=len(people)),
                        )
                    )
                if person is None:
                    continue
                if (person.id or 0) in chosen:
                    problems.append(
                        LotProblem(
                            sheet,
                            lot.row,
                            "name",
                            person.name,
                            Msg(
                                "encryption.lot_listed_twice",
                                name=person.name,
                                row=chosen[person.id or 0][1].row,
                            ),
                        )
                    )
                    continue
                chosen[person.id or 0] = (person, lot)
            final = {p.id or 0: p.draw_no for p in people if p.draw_no is not None}
            final.update({pid: lot.number for pid, (_, lot) in chosen.items()})
            holders: dict[int, list[int]] = {}
            for pid, no in final.items():
                holders.setdefault(no or 0, []).append(pid)
            names = {p.id or 0: p.name for p in people}
            for pid, (_, lot) in chosen.items():
                others = [names[o] for o in holders.get(lot.number, []) if o != pid]
                if others:
                    problems.append(
                        LotProblem(
                            sheet,
                            lot.row,
                            "draw_no",
                            str(lot.number),
                            Msg("encryption.lot_repeats", number=lot.number, others=joined(others, "enum")),
                        )
                    )
            if problems:
                raise ImportRefused(list(problems))
            for person, lot in chosen.values():
                person.draw_no = lot.number
                s.add(person)
        return len(chosen)

    @staticmethod
    def _lot_person(
        people: list[ContestantRow], lot: LotIn, sheet: str, problems: list[LotProblem]
    ) -> ContestantRow | None:
        idn = ascii_digits(lot.id_number).strip().upper()
        by_id = [p for p in people if idn and p.id_number.upper() == idn]
        if by_id:
            return by_id[0]
        name = "".join(lot.name.split())
        by_name = [p for p in people if name and "".join(p.name.split()) == name]
        if len(by_name) == 1:
            return by_name[0]
        shown = lot.name or lot.id_number
        if len(by_name) > 1:
            why = Msg("encryption.lot_name_ambiguous", name=shown)
        else:
            why = Msg("encryption.lot_no_such_contestant", name=shown)
        problems.append(LotProblem(sheet, lot.row, "name", shown, why))
        return None

    # -- the sealed sheets -------------------------------------------------------------------------------------
    def draw_sheet(self, actor: Actor, stage: int | None = None, lang: str = "zh") -> DrawSheetData:
        """The sealed 加密对照表. With one stage, the whole mapping (any encryption judge). With two: ``stage=1``
        (name, unit, masked ID ↔ 抽签号) only for stage 1's key holder, ``stage=2`` (抽签号 ↔ stations, no name)
        only for stage 2's. Every print is logged. The sheet's note (seed, scope) is in ``lang``."""
        cfg = self.ctx.config()
        if cfg.draw_stages == 1:
            if stage is not None:
                raise InvalidState(Msg("encryption.one_stage_one_sheet"))
            return self.documents.draw_sheet(actor, lang)
        if stage not in (1, 2):
            raise InvalidState(Msg("encryption.give_stage"))
        self.ctx.require(actor, "打印加密对照表", Role.ENCRYPTION)
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            sealed, holder = (c.lots_at, c.lots_by) if stage == 1 else (c.drawn_at, c.drawn_by)
            if sealed is None:
                raise InvalidState(Msg(f"encryption.stage{stage}_not_done"))
            if holder != actor.code:
                only = Msg(f"encryption.stage{stage}_sheet_held_by", holder=holder)
                raise refusal(self.ctx.deny(actor, "打印加密对照表", str(only)), only)
            document = f"加密对照表（{STAGE_NAMES[stage][:4]}）"
            header = self.documents.header(s, actor, document, None, needs_final=False)
            field = self.q.field(s)
        codes = field.modules if stage == 2 else ()
        rows = tuple(
            sorted(
                (
                    DrawSheetRow(
                        p.draw_no or 0,
                        p.name if stage == 1 else "",
                        p.unit if stage == 1 else "",
                        mask_id(p.id_number) if stage == 1 else "",
                        tuple(field.station(p.id or 0, code) for code in codes),
                    )
                    for p in field.people
                ),
                key=lambda r: r.draw_no,
            )
        )
        if stage == 1:
            how = (
                Msg("encryption.note.seed", seed=c.lots_seed)
                if c.lots_seed
                else Msg("encryption.note.lots_at_checkin")
            )
            note = tr(lang, "encryption.note.stage1", how=how)
        else:
            scope = Msg(
                "encryption.note.scope.module"
                if cfg.draw_scope == "module"
                else "encryption.note.scope.contest"
            )
            note = tr(lang, "encryption.note.stage2", seed=c.draw_seed, scope=scope)
        self.documents.log_print(actor, document, header, len(rows))
        return DrawSheetData(header=header, module_codes=codes, rows=rows, seed_note=note, stage=stage)

    # -- decryption --------------------------------------------------------------------------------------------
    def decrypt(
        self,
        chief_code: str,
        chief_pin: str,
        supervisor_code: str,
        supervisor_pin: str,
        keys: Sequence[tuple[str, str]] = (),
    ) -> None:
        """解密 by the chief judge and the supervisor; with ``[draw] decrypt_with_keys`` (the default with two
        stages) each stage's key holder also opens their mapping with their PIN (``keys``: (code, PIN) pairs),
        in the supervisor's presence. Each key is checked like a login (lockout included) and logged as
        ``decrypt_key``."""
        if self.ctx.config().decrypt_keys:
            with self.ctx.read() as s:
                c = s.get(ContestRow, self.ctx.contest_id)
                assert c is not None
                holders = list(dict.fromkeys(h for h in (c.lots_by, c.drawn_by) if h))
            given = dict(keys)
            who = Actor(f"{chief_code}+{supervisor_code}", "", frozenset())
            missing = [h for h in holders if h not in given]
            extra = [k for k in given if k not in holders]
            if missing or extra:
                keys_msg = Msg(
                    "encryption.decrypt_needs_keys",
                    missing=Msg("encryption.decrypt_keys_missing", judges=joined(missing, "enum"))
                    if missing
                    else "",
                    extra=Msg("encryption.decrypt_keys_extra", judges=joined(extra, "enum")) if extra else "",
                    holders=joined(holders, "comma"),
                )
                stored = (  # the reason as the audit has always recorded it
                    "解密须由各阶段加密裁判到场输入PIN开启各自的对照表"
                    + (f"（缺 {'、'.join(missing)}）" if missing else "")
                    + (f"（{'、'.join(extra)} 不持有加密对照表）" if extra else "")
                    + f" / decryption needs the key holders {', '.join(holders)} with their PINs"
                )
                raise refusal(self.ctx.denied_now(who, "解密", stored), keys_msg)
            for code in holders:
                try:
                    self.ctx.check_pin(code, given[code], "decrypt_key")
                except LoginFailed as exc:
                    failed = Msg("encryption.decrypt_key_failed", judge=code, why=exc.msg or str(exc))
                    raise refusal(
                        self.ctx.denied_now(who, "解密", f"{code}：{exc}；解密未执行"), failed
                    ) from exc
        self.chief.decrypt(chief_code, chief_pin, supervisor_code, supervisor_pin)


__all__ = ["EncryptionServices", "EncryptionState", "LotIn", "LotProblem"]
