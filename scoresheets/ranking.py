"""Standard competition ranking (1, 2, 2, 4) with a configurable tie-break cascade and recorded reasons.

Criteria: ``total``, ``practical``, ``theory``, ``module:<id>`` (higher is better), ``time`` (shorter is better)
and ``lot`` (a recorded lot draw, lower number first). Ranking uses the rounded, published values, so what is
printed explains the order. Disqualified contestants come last without a rank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoresheets.errors import ScoresheetError, UnresolvedTie
from scoresheets.totals import ContestantTotal

DEFAULT_CASCADE = ("total", "practical", "theory")
SIMPLE_CRITERIA = {"total", "practical", "theory", "time", "lot"}


@dataclass(frozen=True)
class TieBreak:
    """The cascade, in order, and whether a tie may remain (shared rank, 并列)."""

    criteria: tuple[str, ...] = DEFAULT_CASCADE
    allow_shared: bool = True

    def __post_init__(self) -> None:
        if not self.criteria or self.criteria[0] != "total":
            raise ScoresheetError("the cascade must start with 'total'")
        for c in self.criteria:
            if c not in SIMPLE_CRITERIA and not (c.startswith("module:") and len(c) > len("module:")):
                raise ScoresheetError(
                    f"unknown tie-break criterion '{c}' (use total, practical, theory, module:<id>, time, lot)"
                )


@dataclass(frozen=True)
class RankedEntry:
    """One line of the standings."""

    result: ContestantTotal
    rank: int | None
    """None for disqualified contestants."""
    shared: bool
    """True if the rank is shared with a neighbour (并列)."""
    decided_by: str | None
    """Criterion that separated this entry from the one above (None for the first, a tie, or disqualified)."""
    margin: Decimal | None
    """How far apart on that criterion."""

    @property
    def contestant(self) -> str:
        """The contestant key."""
        return self.result.contestant


def _value(t: ContestantTotal, criterion: str, lots: Mapping[str, int]) -> tuple[int, Decimal]:
    """Comparable value where larger is better; missing values sort last (first element 0)."""
    raw: Decimal | int | None
    if criterion == "total":
        raw = t.total
    elif criterion == "practical":
        raw = t.practical
    elif criterion == "theory":
        raw = t.theory
    elif criterion == "time":
        return (0, Decimal(0)) if t.seconds_used is None else (1, -Decimal(t.seconds_used))
    elif criterion == "lot":
        lot = lots.get(t.contestant)
        return (0, Decimal(0)) if lot is None else (1, -Decimal(lot))
    else:
        raw = t.modules.get(criterion.split(":", 1)[1])
    return (0, Decimal(0)) if raw is None else (1, Decimal(raw))


def rank(
    totals: Sequence[ContestantTotal], tiebreak: TieBreak | None = None, lots: Mapping[str, int] | None = None
) -> list[RankedEntry]:
    """Rank contestants; each entry says which criterion separated it from the one above and by how much.

    Raises:
        UnresolvedTie: a tie remains and ``allow_shared`` is false.
    """
    tb = tiebreak or TieBreak()
    lots = lots or {}
    ranked = [t for t in totals if not t.disqualified]
    dq = sorted((t for t in totals if t.disqualified), key=lambda t: t.contestant)
    keys = {t.contestant: tuple(_value(t, c, lots) for c in tb.criteria) for t in ranked}
    ranked.sort(key=lambda t: (tuple((-a, -b) for a, b in keys[t.contestant]), t.contestant))
    out: list[RankedEntry] = []
    tie_groups: list[list[str]] = []
    for i, t in enumerate(ranked):
        k = keys[t.contestant]
        decided_by: str | None = None
        margin: Decimal | None = None
        tied_above = False
        if i == 0:
            position = 1
        else:
            prev = ranked[i - 1]
            pk = keys[prev.contestant]
            for c, a, b in zip(tb.criteria, pk, k, strict=True):
                if a != b:
                    decided_by = c
                    margin = abs(a[1] - b[1]) if a[0] == b[0] else None
                    break
            if decided_by is None:
                tied_above = True
                position = out[-1].rank or 1
                if tie_groups and tie_groups[-1][-1] == prev.contestant:
                    tie_groups[-1].append(t.contestant)
                else:
                    tie_groups.append([prev.contestant, t.contestant])
            else:
                position = i + 1
        tied_below = i + 1 < len(ranked) and keys[ranked[i + 1].contestant] == k
        out.append(RankedEntry(t, position, tied_above or tied_below, decided_by, margin))
    if tie_groups and not tb.allow_shared:
        raise UnresolvedTie(tie_groups)
    out.extend(RankedEntry(t, None, False, None, None) for t in dq)
    return out


def explain(entry: RankedEntry, lang: str = "zh") -> str:
    """A short remark for the result sheet: how this entry was separated from the one above, if by a tie-break."""
    names_zh = {
        "total": "总成绩",
        "practical": "实操成绩",
        "theory": "理论成绩",
        "time": "用时",
        "lot": "抽签",
    }
    names_en = {"total": "total", "practical": "practical", "theory": "theory", "time": "time", "lot": "lot"}
    names = names_zh if lang == "zh" else names_en
    if entry.rank is None:
        reason = entry.result.disqualified or ""
        return f"取消资格：{reason}" if lang == "zh" else f"disqualified: {reason}"
    if entry.shared:
        return "并列" if lang == "zh" else "shared rank"
    if entry.decided_by in (None, "total"):
        return ""
    c = entry.decided_by or ""
    label = names.get(c, c.replace("module:", "模块 " if lang == "zh" else "module "))
    return f"总成绩相同，按{label}排序" if lang == "zh" else f"tied on total, separated by {label}"
