"""Correcting a module's rubric mid-contest (评分细则更正): preview first, then a two-person amendment.

Owns the proposed rubric of a module (a corrected rubric file, or ``KEY=VALUE`` edits of the stored one: an item's
配分, a deduction rule's amount, ``max``), the check that every stored mark still fits it, the impact preview (the
standings and awards it would produce beside today's, who moves; :mod:`scoresheets.rubric_change`) and applying it.
A preview changes nothing and is logged. Applying replaces the stored rubric snapshot and the hash pinned in the
stored contest configuration, always with the chief judge and the supervisor deciding together and a reason (the
更正 record of :class:`~contest.services.core.Correction`); after decryption it is a correction like any other,
printed on every result document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from contest.errors import ContestError, InvalidState
from contest.i18n import Msg
from contest.rubric_problems import ProblemLines
from contest.services.core import Correction
from contest.services.views import Actor, Role
from contest.services.wording import refusal
from contest.store.tables import ContestantRow, ContestRow
from rubrics.amend import Difference, amended_text, differences, fit_problems, parse_edits
from rubrics.errors import Problem
from rubrics.load import read_bytes
from rubrics.model import ModuleRubric
from scoresheets.rubric_change import ChangeLine, preview_rubric_change

if TYPE_CHECKING:
    from contest.services.chief import ChiefServices
    from contest.services.core import ServiceContext
    from contest.services.queries import Queries

MAX_RUBRIC_BYTES = 1_000_000


@dataclass(frozen=True)
class ChangeRow:
    """One contestant in the preview: who (station before decryption, name after) and the figures."""

    label: str
    line: ChangeLine


@dataclass(frozen=True)
class RubricChangeView:
    """What a proposed rubric would do."""

    module_code: str
    differences: tuple[Difference, ...]
    rows: tuple[ChangeRow, ...]
    """Every contestant in today's rank order."""
    new_hash: str
    decrypted: bool

    @property
    def moved(self) -> tuple[ChangeRow, ...]:
        """Contestants whose rank or award would change."""
        return tuple(r for r in self.rows if r.line.moved)


class RubricInvalidForContest(ContestError):
    """The proposed rubric cannot be used: every problem, located (``problems``, each on its own line)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(Msg("rubric_change.invalid", n=len(problems), lines=ProblemLines(problems)))


class RubricChangeServices:
    """Preview and apply a corrected module rubric."""

    def __init__(self, ctx: ServiceContext, q: Queries, chief: ChiefServices) -> None:
        self.ctx = ctx
        self.q = q
        self.chief = chief

    def _proposed(
        self, s: Session, module_code: str, text: str | None, edits: list[str] | None, source: str
    ) -> tuple[ModuleRubric, ModuleRubric, str]:
        """(stored rubric, proposed rubric, proposed TOML text); refused with every located problem."""
        m = self.q.module(s, module_code)
        old = self.ctx.config(s).module(m.code).rubric
        problems: list[Problem] = []
        if text is None:
            parsed, problems = parse_edits(edits or [], source or "--set")
            if not parsed and not problems:
                raise ContestError(Msg("rubric_change.nothing_to_change"))
            text, more = amended_text(m.snapshot, parsed, source or "--set")
            problems += more
        elif len(text.encode("utf-8")) > MAX_RUBRIC_BYTES:
            raise ContestError(Msg("rubric_change.file_too_large", source=source))
        new, found = read_bytes(text.encode("utf-8"), source or "proposed")
        problems += found
        if isinstance(new, ModuleRubric):
            problems += fit_problems(old, new, source or "proposed")
        elif new is not None:
            raise ContestError(Msg("rubric_change.not_module_rubric", source=source))
        if problems or not isinstance(new, ModuleRubric):
            raise RubricInvalidForContest(problems)
        return old, new, text

    def preview_rubric_change(
        self,
        actor: Actor,
        module_code: str,
        *,
        text: str | None = None,
        edits: list[str] | None = None,
        source: str = "",
    ) -> RubricChangeView:
        """The standings and awards the proposed rubric would give, beside today's (chief judge, supervisor).
        Nothing changes; the preview is logged with the proposed rubric's hash."""
        self.ctx.require(actor, "评分细则更正预览", Role.CHIEF, Role.SUPERVISOR)
        with self.ctx.read() as s:
            old, new, _ = self._proposed(s, module_code, text, edits, source)
            field, sheets, theory = self.chief.gather(s)
            disqualified, barred, sizes = self.chief.verdicts(s)
            decisions = self.chief.veto_decisions(s)
            c = s.get(ContestRow, self.ctx.contest_id)
            decrypted = bool(c and c.decrypted_at)
            rules = self.ctx.config(s).standings_rules()
        people = field.people
        preview = preview_rubric_change(
            rules,
            new,
            [str(p.id) for p in people],
            sheets,
            theory,
            lots={str(p.id): p.draw_no or 0 for p in people},
            disqualified=disqualified,
            barred=barred,
            panel_sizes=sizes,
            veto_decisions=decisions,
        )
        by_id: dict[str, ContestantRow] = {str(p.id): p for p in people}
        rows = tuple(
            ChangeRow(
                by_id[line.contestant].name if decrypted else field.label(int(line.contestant)),
                line,
            )
            for line in preview.lines
        )
        changes = tuple(differences(old, new))
        self.ctx.record(
            actor,
            "rubric_preview",
            {
                "module": module_code,
                "hash": new.content_hash,
                "changes": [f"{d.where}:{d.what}:{d.before}->{d.after}" for d in changes],
                "moved": len(preview.moved),
            },
        )
        return RubricChangeView(module_code, changes, rows, new.content_hash, decrypted)

    def amend_rubric(
        self,
        actor: Actor,
        module_code: str,
        correction: Correction,
        *,
        text: str | None = None,
        edits: list[str] | None = None,
        source: str = "",
    ) -> str:
        """Replace the module's rubric with the proposed one: the chief judge and the supervisor together, with a
        reason, before or after decryption. Returns the new rubric hash."""
        if not (
            correction.chief.has(Role.CHIEF)
            and correction.supervisor.has(Role.SUPERVISOR)
            and correction.chief.code != correction.supervisor.code
            and correction.reason.strip()
            and actor.code in (correction.chief.code, correction.supervisor.code)
        ):
            two = Msg("rubric_change.needs_two")
            raise refusal(self.ctx.denied_now(actor, "评分细则更正", str(two)), two)
        with self.ctx.write(actor, "rubric_amend", {"module": module_code, "source": source}) as s:
            old, new, new_text = self._proposed(s, module_code, text, edits, source)
            if new.content_hash == old.content_hash:
                raise InvalidState(Msg("rubric_change.unchanged"))
            record = self.ctx.correction_gate(
                s, actor, "评分细则更正", f"模块 {module_code} 评分细则", correction
            )
            m = self.q.module(s, module_code)
            contest = s.get(ContestRow, self.ctx.contest_id)
            assert contest is not None
            # the pin follows the new rubric, and a comment line records the amendment: a changed configuration
            # text is also what tells every running terminal to re-read the rubrics (see ServiceContext.config)
            contest.config_text = _repin(contest.config_text, old.content_hash, new.content_hash) + (
                f"\n# 评分细则更正 {self.ctx.local_time(self.ctx.clock(), s):%Y-%m-%d %H:%M}: 模块 {m.code} "
                f"{old.content_hash[:16]} → {new.content_hash[:16]}（{correction.chief.code}、"
                f"{correction.supervisor.code}）\n"
            )
            m.snapshot, m.rubric_hash = new_text, new.content_hash
            s.add(m)
            s.add(contest)
            details = s.info["event_details"]
            details.update(
                {
                    "old_hash": old.content_hash,
                    "new_hash": new.content_hash,
                    "changes": [f"{d.where}:{d.what}:{d.before}->{d.after}" for d in differences(old, new)],
                    "reason": correction.reason.strip(),
                    "chief": correction.chief.code,
                    "supervisor": correction.supervisor.code,
                }
            )
            self.ctx.forget_config()
            self.chief.close_correction(s, record, f"模块 {module_code} 评分细则")
        self.ctx.forget_config()
        return new.content_hash


def _repin(config_text: str, old_hash: str, new_hash: str) -> str:
    """The contest configuration with a ``hash = "…"`` pin of the old rubric changed to the new hash (the same
    number of hex digits); unchanged when the module is not pinned."""

    def swap(match: re.Match[str]) -> str:
        pin = match.group(2)
        if len(pin) >= 12 and old_hash.startswith(pin):
            return f"{match.group(1)}{new_hash[: len(pin)]}{match.group(3)}"
        return match.group(0)

    return re.sub(r'(\bhash\s*=\s*")([0-9a-fA-F]+)(")', swap, config_text)
