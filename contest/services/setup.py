"""Organiser services: creating the contest, people, PINs, assignments, login (the draw: ``encryption.py``).

Owns :class:`SetupServices`: the contest row and its configuration, contestants and judges, their PINs and the
login with its lockout (checked by :meth:`~contest.services.core.ServiceContext.check_pin`), and module
assignments. It holds the shared context and the chief services (for the results a 更正 leaves)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from contest import audit
from contest.config import parse_config, role_conflicts
from contest.errors import ContestError, InvalidState, NotFound
from contest.i18n import Msg
from contest.services.core import Correction, PinHasher, ServiceContext, listing
from contest.services.grouping import apply_group
from contest.services.views import ROLES, Actor, ContestInfo, ImportReport, ModuleInfo, Role
from contest.store.tables import (
    AssignmentRow,
    ContestantRow,
    ContestRow,
    JudgeRow,
    LoginStateRow,
    ModuleRow,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from contest.services.chief import ChiefServices
    from contest.services.queries import Queries

ORGANISER_CODE = "ORG"
"""The organiser account made by ``contest init`` (its PIN is printed once)."""
OFFICIAL_ROLES = frozenset({"chief", "supervisor", "encryption", "organiser", "arbitration"})
"""Whose PIN cannot be reset by one person: the holders of the two-person steps and of the draw's secret."""
SECOND_ROLES = frozenset({"chief", "supervisor", "organiser"})
"""Who may be the second official when another official's PIN is reset."""
FIELD_ZH = {
    "name": "姓名",
    "gender": "性别",
    "unit": "单位",
    "phone": "电话",
    "project": "项目",
    "note": "备注",
}


@dataclass(frozen=True)
class ContestantIn:
    """A contestant to import (from the intake readers)."""

    name: str
    gender: str
    id_number: str
    unit: str
    phone: str = ""
    project: str = ""
    note: str = ""


@dataclass(frozen=True)
class JudgeIn:
    """A judge or official to import."""

    code: str
    name: str
    unit: str = ""
    roles: tuple[str, ...] = ("marking",)
    modules: tuple[str, ...] = ()
    pin: str | None = None
    group: str = ""
    """评分组 in each of ``modules`` (empty: none)."""


def _file_text(path: str) -> str:
    from importlib import resources

    del resources
    with open(path, encoding="utf-8") as f:
        return f.read()


class SetupServices:
    """Contest creation, people and the draw."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief

    @classmethod
    def create_contest(
        cls,
        engine: Engine,
        config_text: str,
        file: str = "contest.toml",
        *,
        organiser_pin: str | None = None,
        hasher: PinHasher | None = None,
    ) -> int:
        """Create a contest from configuration text (validated in full); returns its id. With
        ``organiser_pin``, the organiser account :data:`ORGANISER_CODE` is created in the same transaction
        (``contest init`` generates the PIN and prints it once), its PIN hashed by ``hasher`` (default
        :data:`~contest.services.core.PIN_HASHER`)."""
        base = ServiceContext(engine, hasher=hasher)
        pin_hash = base.hasher.hash(organiser_pin) if organiser_pin else ""
        from contest.store.engine import write_session as ws

        path = Path(file)
        cfg = parse_config(config_text, file, base_dir=path.parent if path.is_file() else None)
        now = base.clock()
        with ws(engine) as s:
            if s.exec(select(ContestRow.id)).first() is not None:
                raise ContestError(Msg("setup.contest_exists"))
            audit.track(s)
            theory_text = ""
            if cfg.theory is not None:
                theory_text = _file_text(cfg.theory.source)
            row = ContestRow(
                name_zh=cfg.name_zh,
                name_en=cfg.name_en,
                config_text=config_text,
                theory_snapshot=theory_text,
                created_at=now,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            for pos, m in enumerate(cfg.modules):
                s.add(
                    ModuleRow(
                        contest_id=row.id,
                        code=m.rubric.code,
                        rubric_id=m.rubric.id,
                        rubric_hash=m.rubric.content_hash,
                        snapshot=_file_text(m.rubric.source),
                        position=pos,
                    )
                )
            if pin_hash:
                s.add(
                    JudgeRow(
                        contest_id=row.id,
                        code=ORGANISER_CODE,
                        name="组织者",
                        roles="organiser",
                        pin_hash=pin_hash,
                    )
                )
            audit.append_event(
                s,
                row.id,
                "console",
                "contest_created",
                {"name": cfg.name_zh, "modules": [m.rubric.code for m in cfg.modules]},
                now,
            )
            return row.id

    def info(self) -> ContestInfo:
        """The contest's identity and state."""
        cfg = self.ctx.config()
        with self.ctx.read() as s:
            c = s.get(ContestRow, self.ctx.contest_id)
            assert c is not None
            mods = s.exec(
                select(ModuleRow).where(ModuleRow.contest_id == c.id).order_by(col(ModuleRow.position))
            ).all()
            n_c = len(
                s.exec(
                    select(ContestantRow.id).where(
                        ContestantRow.contest_id == c.id, ContestantRow.withdrawn == False
                    )
                ).all()
            )  # noqa: E712
            n_j = len(s.exec(select(JudgeRow.id).where(JudgeRow.contest_id == c.id)).all())
            return ContestInfo(
                id=c.id or 0,
                name_zh=c.name_zh,
                name_en=c.name_en,
                edition=cfg.edition,
                drawn=c.drawn_at is not None,
                decrypted=c.decrypted_at is not None,
                modules=tuple(
                    ModuleInfo(
                        m.code,
                        cfg.module(m.code).rubric.title.zh,
                        cfg.module(m.code).rubric.title.en,
                        m.rubric_id,
                        m.rubric_hash,
                        m.signed_off_at is not None,
                        m.signed_off_by,
                    )
                    for m in mods
                ),
                contestants=n_c,
                judges=n_j,
            )

    # -- contestants -------------------------------------------------------------------------------------------
    def import_contestants(
        self,
        actor: Actor,
        people: Sequence[ContestantIn],
        *,
        dry_run: bool = False,
        remove_missing: bool = False,
        source: str = "",
        correction: Correction | None = None,
    ) -> ImportReport:
        """Add or update contestants by ID number, all or nothing. Re-importing the same list changes nothing.

        Removals happen only with ``remove_missing`` (they are marked withdrawn, never deleted). After
        decryption, a removal or a return to the list moves results: it is a 更正 and needs ``correction``.
        """
        self.ctx.require(actor, "导入选手", Role.ORGANISER)
        from dataclasses import replace

        from contest.intake_bridge import ascii_digits, typed_station

        # one spelling of the ID (and phone) whatever digits it was typed in: ٤٤٠… and ４４０… are 440…
        people = [
            replace(p, id_number=typed_station(p.id_number).upper(), phone=ascii_digits(p.phone).strip())
            for p in people
        ]
        seen: set[str] = set()
        for p in people:
            if p.id_number in seen:
                raise ContestError(Msg("setup.duplicate_id", id_number=p.id_number))
            seen.add(p.id_number)
        try:
            with self.ctx.write(actor, "import_contestants", {"source": source, "rows": len(people)}) as s:
                c = s.get(ContestRow, self.ctx.contest_id)
                assert c is not None
                existing = {
                    r.id_number: r
                    for r in s.exec(select(ContestantRow).where(ContestantRow.contest_id == c.id)).all()
                }
                added = updated = unchanged = removed = 0
                changes: list[str] = []
                fields = ("name", "gender", "unit", "phone", "project", "note")
                for p in people:
                    row = existing.get(p.id_number)
                    if row is None:
                        if c.drawn_at is not None or c.lots_at is not None:
                            raise InvalidState(Msg("setup.no_new_after_draw", name=p.name))
                        s.add(
                            ContestantRow(
                                contest_id=c.id or 0,
                                id_number=p.id_number,
                                **{f: getattr(p, f) for f in fields},
                            )
                        )
                        added += 1
                        continue
                    diff = [f for f in fields if getattr(row, f) != getattr(p, f)]
                    if row.withdrawn:
                        diff.append("withdrawn")
                    if diff:
                        changes.append(
                            f"{p.name}（{p.id_number[-4:]}）："
                            + "，".join(
                                "重新列入名单"
                                if f == "withdrawn"
                                else f"{FIELD_ZH[f]} {getattr(row, f)!s}→{getattr(p, f)!s}"
                                for f in diff
                            )
                        )
                        for f in fields:
                            setattr(row, f, getattr(p, f))
                        row.withdrawn = False
                        s.add(row)
                        updated += 1
                    else:
                        unchanged += 1
                if remove_missing:
                    for idn, row in existing.items():
                        if idn not in seen and not row.withdrawn:
                            row.withdrawn = True
                            s.add(row)
                            removed += 1
                            changes.append(f"{row.name}（{idn[-4:]}）：移出名单 / removed")
                s.info["event_details"].update(added=added, updated=updated, removed=removed)
                moved = [x for x in changes if "移出名单" in x or "重新列入名单" in x]
                if moved and not dry_run:
                    record = self.ctx.correction_gate(s, actor, "导入选手", "选手名单变动", correction)
                    self.chief.close_correction(s, record, "；".join(moved))
                if dry_run:
                    s.rollback()
                    raise _DryRun(ImportReport(added, updated, unchanged, removed, tuple(changes), True))
        except _DryRun as dry:
            return dry.report
        return ImportReport(added, updated, unchanged, removed, tuple(changes), False)

    # -- judges ------------------------------------------------------------------------------------------------
    def import_judges(self, actor: Actor, judges: Sequence[JudgeIn]) -> dict[str, str]:
        """Add or update judges; returns the PINs generated for new judges (shown once, stored hashed).

        Role separation (:data:`contest.config.ROLE_CONFLICTS`, relaxed only by ``[roles] combine``) is checked
        for every judge before anything is written."""
        self.ctx.require(actor, "导入裁判", Role.ORGANISER)
        pins: dict[str, str] = {}
        cfg = self.ctx.config()
        codes = {m.rubric.code for m in cfg.modules}
        for j in judges:
            bad = [r for r in j.roles if r not in ROLES]
            if bad:
                raise ContestError(Msg("setup.unknown_roles", judge=j.code, roles=", ".join(bad)))
            clash = role_conflicts(j.roles, cfg.role_combinations)
            if clash:
                raise ContestError(Msg("setup.separated_roles", judge=j.code, roles=listing(clash)))
            badm = [m for m in j.modules if m not in codes]
            if badm:
                raise ContestError(
                    Msg(
                        "setup.unknown_modules",
                        judge=j.code,
                        modules=", ".join(badm),
                        known=", ".join(sorted(codes)),
                    )
                )
        # PINs are hashed before the write transaction (argon2 takes ~0.2 s a PIN: judges at work must not wait)
        with self.ctx.read() as s:
            known = set(s.exec(select(JudgeRow.code).where(JudgeRow.contest_id == self.ctx.contest_id)).all())
        hashed = {
            j.code: (pin, self.ctx.hasher.hash(pin))
            for j in judges
            if j.pin or j.code not in known
            for pin in [j.pin or f"{secrets.randbelow(10**6):06d}"]
        }
        with self.ctx.write(actor, "import_judges", {"count": len(judges)}) as s:
            existing = {
                r.code: r
                for r in s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            }
            mods = {
                m.code: m
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
            }
            for j in judges:
                row = existing.get(j.code)
                if row is None:
                    if j.code not in hashed:  # existed at the read but was removed since: hash now
                        new = j.pin or f"{secrets.randbelow(10**6):06d}"
                        hashed[j.code] = (new, self.ctx.hasher.hash(new))
                    pin, pin_hash = hashed[j.code]
                    row = JudgeRow(
                        contest_id=self.ctx.contest_id,
                        code=j.code,
                        name=j.name,
                        unit=j.unit,
                        roles=",".join(j.roles),
                        pin_hash=pin_hash,
                    )
                    s.add(row)
                    s.flush()
                    pins[j.code] = pin
                else:
                    row.name, row.unit, row.roles = j.name, j.unit, ",".join(j.roles)
                    if j.pin:
                        row.pin_hash = hashed[j.code][1]
                    s.add(row)
                    s.flush()
                have = {
                    a.module_id: a
                    for a in s.exec(select(AssignmentRow).where(AssignmentRow.judge_id == row.id)).all()
                }
                for code in j.modules:
                    mid = mods[code].id
                    a = have.get(mid or 0)
                    if a is None:
                        a = AssignmentRow(judge_id=row.id or 0, module_id=mid or 0)
                        s.add(a)
                    if j.group:
                        apply_group(s, a, j.code, code, j.group)
        return pins

    def set_pin(self, actor: Actor, code: str, pin: str, *, second: Actor | None = None) -> None:
        """Set a judge's PIN. PINs are 4–12 digits.

        A judge may change their own PIN (logging in proved the old one). The organiser resets another judge's.
        An official's PIN (chief judge, supervisor, encryption judge, organiser: see :data:`OFFICIAL_ROLES`) is
        reset by two people: the organiser or the chief judge, and a ``second`` official (chief judge, supervisor
        or organiser) who is neither of the other two — so nobody alone can take over a two-person step. The
        event names both."""
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise ContestError(Msg("setup.pin_digits"))
        with self.ctx.read() as s:
            target = self._judge(s, code)
        official = bool(OFFICIAL_ROLES & set(target.roles.split(",")))
        if actor.code != code:
            if official:
                self.ctx.require(actor, "重置官员PIN", Role.ORGANISER, Role.CHIEF)
                if second is None or second.code in (actor.code, code) or not (SECOND_ROLES & second.roles):
                    raise self.ctx.denied_now(
                        actor,
                        "重置官员PIN",
                        Msg("setup.official_pin", judge=code),
                    )
            else:
                self.ctx.require(actor, "重置PIN", Role.ORGANISER)
        pin_hash = self.ctx.hasher.hash(pin)  # before the write transaction: hashing is slow on purpose
        details = {"judge": code, "official": official, "second": second.code if second else ""}
        with self.ctx.write(actor, "set_pin", details) as s:
            row = self._judge(s, code)
            row.pin_hash = pin_hash
            s.add(row)

    def unlock(self, actor: Actor, code: str, reason: str) -> None:
        """Clear a judge's lockout (the chief judge or the organiser, with a reason; logged)."""
        self.ctx.require(actor, "解除锁定", Role.CHIEF, Role.ORGANISER)
        if not reason.strip():
            raise ContestError(Msg("setup.unlock_reason"))
        with self.ctx.write(actor, "unlock", {"judge": code, "reason": reason.strip()}) as s:
            row = self._judge(s, code)
            st = s.get(LoginStateRow, row.id)
            if st is not None:
                st.failures = 0
                st.locked_until = None
                s.add(st)

    def assign(
        self, actor: Actor, judge_code: str, module_codes: Sequence[str], group: str | None = None
    ) -> list[Msg]:
        """Assign a judge to modules; returns 回避 warnings (judge's unit equals a contestant's unit). With
        ``group``, the judge marks with that judge group (评分组) in each module (see :meth:`set_group`)."""
        self.ctx.require(actor, "分配裁判", Role.ORGANISER)
        details: dict[str, object] = {"judge": judge_code, "modules": list(module_codes)}
        if group is not None:
            details["group"] = group
        with self.ctx.write(actor, "assign", details) as s:
            j = self._judge(s, judge_code)
            mods = {
                m.code: m
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
            }
            for code in module_codes:
                if code not in mods:
                    raise NotFound(Msg("core.no_module", module=code))
                a = s.get(AssignmentRow, (j.id, mods[code].id))
                if a is None:
                    a = AssignmentRow(judge_id=j.id or 0, module_id=mods[code].id or 0)
                    s.add(a)
                if group is not None:
                    apply_group(s, a, judge_code, code, group)
        return self.recusals(judge_code)

    def recusals(self, judge_code: str | None = None) -> list[Msg]:
        """回避 flags: a marking judge whose unit equals an assigned contestant's unit."""
        out: list[Msg] = []
        with self.ctx.read() as s:
            judges = s.exec(select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id)).all()
            units: dict[str, int] = {}
            for c in s.exec(
                select(ContestantRow).where(
                    ContestantRow.contest_id == self.ctx.contest_id, ContestantRow.withdrawn == False
                )
            ).all():  # noqa: E712
                units[c.unit] = units.get(c.unit, 0) + 1
            for j in judges:
                if judge_code and j.code != judge_code:
                    continue
                assigned = s.exec(select(AssignmentRow).where(AssignmentRow.judge_id == j.id)).all()
                if assigned and j.unit and j.unit in units:
                    out.append(
                        Msg("setup.recusal_warning", judge=j.code, name=j.name, n=units[j.unit], unit=j.unit)
                    )
        return out

    # -- login -------------------------------------------------------------------------------------------------
    def login(self, code: str, pin: str) -> Actor:
        """Check code + PIN; 5 failures lock the account for 5 minutes. Every attempt is audited."""
        j = self.ctx.check_pin(code, pin, "login")
        return Actor(j.code, j.name, frozenset(r for r in j.roles.split(",") if r), j.id)

    def _judge(self, s: Session, code: str) -> JudgeRow:
        j = s.exec(
            select(JudgeRow).where(JudgeRow.contest_id == self.ctx.contest_id, JudgeRow.code == code)
        ).first()
        if j is None:
            raise NotFound(Msg("core.no_judge", judge=code))
        return j

    def judges(self) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
        """(code, name, unit, roles, module codes) of every judge."""
        with self.ctx.read() as s:
            mods = {
                m.id: m.code
                for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == self.ctx.contest_id)).all()
            }
            out = []
            for j in s.exec(
                select(JudgeRow)
                .where(JudgeRow.contest_id == self.ctx.contest_id)
                .order_by(col(JudgeRow.code))
            ).all():
                a = s.exec(select(AssignmentRow).where(AssignmentRow.judge_id == j.id)).all()
                out.append(
                    (
                        j.code,
                        j.name,
                        j.unit,
                        tuple(j.roles.split(",")),
                        tuple(sorted(mods[x.module_id] for x in a)),
                    )
                )
            return out


class _DryRun(Exception):
    """Internal: rolls a dry-run import back while carrying its report out."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
