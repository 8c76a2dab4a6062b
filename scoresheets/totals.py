"""Part and contest totals: module weights → practical out of 100; total = theory × w + practical × (1 − w)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from scoresheets.errors import ScoresheetError
from scoresheets.numbers import ZERO, Rounding, dsum


@dataclass(frozen=True)
class Weights:
    """Part and module weights.

    ``theory`` is the theory share of the total (default 0.2, i.e. 20/80). Module weights are relative
    (30/25/25/20 or 1/1/1/1): the practical score is Σ module × weight ÷ Σ weights, so a module out of 100 keeps
    the practical score out of 100.
    """

    theory: Decimal = Decimal("0.2")
    modules: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.theory <= Decimal(1):
            raise ScoresheetError(f"theory weight must be between 0 and 1, got {self.theory}")
        if any(w < 0 for w in self.modules.values()):
            raise ScoresheetError("module weights must not be negative")
        if self.modules and dsum(self.modules.values()) == 0:
            raise ScoresheetError("module weights must not all be zero")


@dataclass(frozen=True)
class ContestantScores:
    """The raw parts for one contestant."""

    contestant: str
    theory: Decimal | None
    modules: Mapping[str, Decimal | None]
    """Module id → panel score (None while not yet available)."""
    disqualified: str | None = None
    """Reason, if disqualified (veto with that effect, or a ruling)."""
    seconds_used: int | None = None
    """Total completion time, for a time tie-break."""


@dataclass(frozen=True)
class ContestantTotal:
    """Rounded parts and total for one contestant."""

    contestant: str
    theory: Decimal | None
    modules: Mapping[str, Decimal | None]
    practical: Decimal
    total: Decimal
    complete: bool
    """False if the theory score or any module score is missing (then counted as 0)."""
    disqualified: str | None = None
    seconds_used: int | None = None


def compute_total(
    scores: ContestantScores, weights: Weights, rounding: Rounding | None = None
) -> ContestantTotal:
    """Weight the parts of one contestant; missing parts count as 0 and mark the total incomplete."""
    rnd = rounding or Rounding()
    modules = {m: (None if v is None else rnd.apply("module", v)) for m, v in scores.modules.items()}
    unknown = set(modules) - set(weights.modules)
    if unknown:
        raise ScoresheetError(
            f"{scores.contestant}: no weight configured for module(s) {', '.join(sorted(unknown))}"
        )
    wsum = dsum(weights.modules.values())
    practical = (
        dsum((modules.get(m) or ZERO) * w for m, w in weights.modules.items()) / wsum if wsum else ZERO
    )
    practical = rnd.apply("part", practical)
    theory = None if scores.theory is None else rnd.apply("part", scores.theory)
    total = rnd.apply("total", (theory or ZERO) * weights.theory + practical * (1 - weights.theory))
    complete = (theory is not None or weights.theory == 0) and all(
        modules.get(m) is not None for m in weights.modules
    )
    return ContestantTotal(
        contestant=scores.contestant,
        theory=theory,
        modules=modules,
        practical=practical,
        total=total,
        complete=complete,
        disqualified=scores.disqualified,
        seconds_used=scores.seconds_used,
    )
