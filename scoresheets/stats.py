"""Judge statistics: how many sheets each judge marked and how far they sit from their panels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from scoresheets.numbers import ZERO, dsum
from scoresheets.panel import PanelResult


@dataclass(frozen=True)
class JudgeStats:
    """One judge's figures over the panels they sat on."""

    judge: str
    sheets: int
    mean_deviation: Decimal
    """Mean of (judge's sheet total − panel module score): positive = lenient, negative = severe."""
    mean_abs_deviation: Decimal
    max_abs_deviation: Decimal


def judge_stats(panels: Iterable[PanelResult]) -> list[JudgeStats]:
    """Figures per judge, sorted by judge code. Vetoed panels are left out (their score is not a judgement)."""
    devs: dict[str, list[Decimal]] = {}
    for p in panels:
        if p.veto is not None:
            continue
        for s in p.sheets:
            devs.setdefault(s.judge, []).append(s.total - p.score)
    out = []
    for judge in sorted(devs):
        d = devs[judge]
        out.append(
            JudgeStats(
                judge=judge,
                sheets=len(d),
                mean_deviation=dsum(d) / len(d) if d else ZERO,
                mean_abs_deviation=dsum(abs(x) for x in d) / len(d) if d else ZERO,
                max_abs_deviation=max((abs(x) for x in d), default=ZERO),
            )
        )
    return out
