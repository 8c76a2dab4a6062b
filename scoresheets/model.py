"""What a judge enters and what one sheet scores: frozen dataclasses, no arithmetic.

Contestants are referred to by an opaque key (the station number while anonymous), judges by their code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rubrics.model import VetoRule


@dataclass(frozen=True)
class Applied:
    """A deduction rule applied ``count`` times."""

    code: str
    count: int = 1


@dataclass(frozen=True)
class ItemEntry:
    """One judge's explicit entry for one item.

    Exactly one form applies: ``deductions`` (measurement; an empty tuple means "no deduction", which is an entry
    too), ``level`` 0–3 (judgement) or ``score`` typed directly (measurement).
    """

    item_id: str
    deductions: tuple[Applied, ...] = ()
    level: int | None = None
    score: Decimal | None = None


@dataclass(frozen=True)
class JudgeSheet:
    """One judge's sheet for one contestant (station) and one module."""

    judge: str
    contestant: str
    entries: tuple[ItemEntry, ...]
    veto: str | None = None
    """Code of the veto rule the judge recorded, if any."""
    seconds_used: int | None = None
    """Time the contestant used, in seconds (for the overtime rule)."""
    comment: str = ""


@dataclass(frozen=True)
class SheetResult:
    """What one judge's sheet scores."""

    judge: str
    contestant: str
    item_scores: dict[str, Decimal]
    levels: dict[str, int]
    """Judgement items: the level the judge chose."""
    items_total: Decimal
    overtime_deduction: Decimal
    total: Decimal
    """max(0, items_total − overtime), before any veto."""
    veto: VetoRule | None = None
    missing: tuple[str, ...] = field(default=())

    @property
    def total_after_veto(self) -> Decimal:
        """The sheet total as this judge alone would have it: 0 under a veto."""
        return Decimal(0) if self.veto else self.total
