"""Award policies, composable: ratio, top-N, top half after the medals, above the practical median; a minimum
total and separate pass lines for theory and practical (理论、实操均须及格) for any award; eligible-title lists; and a stated policy for ties that straddle a cut-off.

Counts are taken over the ranked (not disqualified) contestants and rounded half up (四舍五入).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from scoresheets.errors import ScoresheetError
from scoresheets.numbers import half_up_int
from scoresheets.ranking import RankedEntry


class TierMode(StrEnum):
    """How a tier's size is found."""

    RATIO = "ratio"
    """``value`` × number of ranked contestants, rounded half up."""
    COUNT = "count"
    """``value`` contestants."""
    TOP_HALF_AFTER = "top_half_after"
    """Half (rounded half up) of the contestants not yet awarded."""
    ABOVE_PRACTICAL_MEDIAN = "above_practical_median"
    """Every contestant not yet awarded whose practical score is above the median practical score."""


class TiePolicy(StrEnum):
    """What happens to a tie that straddles a cut-off."""

    HIGHER = "higher"
    """All tied contestants get the higher award (the tier grows)."""
    LOWER = "lower"
    """All tied contestants get the lower award (the tier shrinks)."""


@dataclass(frozen=True)
class AwardTier:
    """One award level, e.g. 一等奖 at 10 %."""

    name: str
    mode: TierMode
    value: Decimal = Decimal(0)
    name_en: str = ""


@dataclass(frozen=True)
class TitleRule:
    """An eligible-title list, e.g. the top 4 nominated 技术能手."""

    name: str
    top_n: int
    name_en: str = ""


@dataclass(frozen=True)
class AwardPolicy:
    """The whole award policy of a contest (or of one project/group)."""

    tiers: tuple[AwardTier, ...]
    min_total: Decimal | None = None
    """No award below this total (e.g. 60)."""
    tie_policy: TiePolicy = TiePolicy.HIGHER
    titles: tuple[TitleRule, ...] = ()
    min_theory: Decimal | None = None
    """No award below this theory score (out of 100; a missing theory score is below it)."""
    min_practical: Decimal | None = None
    """No award below this practical score (the weighted practical part, out of 100)."""

    def failed_parts(self, theory: Decimal | None, practical: Decimal) -> tuple[Remark, ...]:
        """The part pass lines missed, as remarks (``理论成绩未达获奖线 60``)."""
        out = []
        if self.min_theory is not None and (theory is None or theory < self.min_theory):
            out.append(Remark("theory_below", (("line", str(self.min_theory)),)))
        if self.min_practical is not None and practical < self.min_practical:
            out.append(Remark("practical_below", (("line", str(self.min_practical)),)))
        return tuple(out)

    def eligible(self, total: Decimal, theory: Decimal | None, practical: Decimal) -> bool:
        """Whether scores reach every pass line (total, theory, practical) the policy sets."""
        return (
            (self.min_total is None or total >= self.min_total)
            and (self.min_theory is None or (theory is not None and theory >= self.min_theory))
            and (self.min_practical is None or practical >= self.min_practical)
        )


_ZH = {
    "tie_awarded": "第{rank}名并列跨越{tier}分界线，并列者均获{tier}",
    "tie_not_awarded": "第{rank}名并列跨越{tier}分界线，并列者均不获{tier}",
    "above_median": "{tier}: 实操成绩高于中位数 {median}",
    "barred": "{reason}",
    "theory_below": "理论成绩未达获奖线 {line}",
    "practical_below": "实操成绩未达获奖线 {line}",
}


@dataclass(frozen=True)
class Remark:
    """A remark on an award outcome in no language: what happened (``code``, one of ``tie_awarded``,
    ``tie_not_awarded``, ``above_median``, ``barred``, ``theory_below``, ``practical_below``) and its values.
    The application puts it into the reader's words; :attr:`zh` is the Chinese the result sheet has always
    printed. A tie remark in :attr:`AwardResult.remarks` also has ``tied``: the tied contestants, joined by 、."""

    code: str
    values: tuple[tuple[str, str], ...] = ()

    def value(self, key: str) -> str:
        """One of the values (``""`` when absent)."""
        return dict(self.values).get(key, "")

    @property
    def zh(self) -> str:
        """The remark in Chinese."""
        text = _ZH[self.code].format(**dict(self.values))
        tied = self.value("tied")
        return f"{text}（{tied}）" if tied else text


@dataclass(frozen=True)
class AwardLine:
    """The award outcome for one contestant."""

    contestant: str
    award: str | None
    titles: tuple[str, ...] = ()
    remarks: tuple[Remark, ...] = ()

    @property
    def note(self) -> str:
        """The remarks in Chinese, joined by ；."""
        return "；".join(r.zh for r in self.remarks)


@dataclass(frozen=True)
class AwardResult:
    """Awards for every ranked contestant, the count per tier and the notes on cut-off ties."""

    lines: tuple[AwardLine, ...]
    counts: dict[str, int]
    planned: dict[str, int]
    """The size the policy asked for before ties moved the cut."""
    remarks: tuple[Remark, ...] = field(default=())
    """Remarks on the whole result: how an above-median tier was drawn, ties at a cut (with the tied)."""

    @property
    def notes(self) -> tuple[str, ...]:
        """:attr:`remarks` in Chinese."""
        return tuple(r.zh for r in self.remarks)

    def award_of(self, contestant: str) -> str | None:
        """The award of a contestant, or None."""
        return next((line.award for line in self.lines if line.contestant == contestant), None)


def _median(values: list[Decimal]) -> Decimal:
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def assign_awards(
    entries: Sequence[RankedEntry], policy: AwardPolicy, barred: Mapping[str, str] | None = None
) -> AwardResult:
    """Apply ``policy`` to ranked entries (as returned by :func:`scoresheets.ranking.rank`). A contestant in
    ``barred`` (e.g. absent from a module at 检录) keeps their rank but gets no award or title; the reason is
    their note."""
    bar = dict(barred or {})
    ranked = [e for e in entries if e.rank is not None]
    ranked.sort(key=lambda e: (e.rank or 0, e.contestant))
    n = len(ranked)
    eligible = [
        e
        for e in ranked
        if e.contestant not in bar and policy.eligible(e.result.total, e.result.theory, e.result.practical)
    ]
    awards: dict[str, str] = {}
    notes: dict[str, Remark] = {}
    counts: dict[str, int] = {}
    planned: dict[str, int] = {}
    general: list[Remark] = []
    pos = 0
    practical_median = _median([e.result.practical for e in ranked]) if ranked else Decimal(0)
    for tier in policy.tiers:
        if tier.mode == TierMode.ABOVE_PRACTICAL_MEDIAN:
            chosen = [e for e in eligible[pos:] if e.result.practical > practical_median]
            for e in chosen:
                awards[e.contestant] = tier.name
            planned[tier.name] = counts[tier.name] = len(chosen)
            general.append(Remark("above_median", (("tier", tier.name), ("median", str(practical_median)))))
            pos = len(eligible)
            continue
        if tier.mode == TierMode.RATIO:
            want = half_up_int(tier.value * n)
        elif tier.mode == TierMode.COUNT:
            want = int(tier.value)
        elif tier.mode == TierMode.TOP_HALF_AFTER:
            want = half_up_int(Decimal(n - pos) / 2)
        else:  # pragma: no cover - enum is closed
            raise ScoresheetError(f"unknown tier mode {tier.mode}")
        planned[tier.name] = want
        end = min(pos + want, len(eligible))
        if pos < end < len(eligible) and eligible[end - 1].rank == eligible[end].rank:
            tied_rank = eligible[end].rank
            group = [e for e in eligible if e.rank == tied_rank]
            names = "、".join(e.contestant for e in group)
            if policy.tie_policy == TiePolicy.HIGHER:
                end = max(i for i, e in enumerate(eligible) if e.rank == tied_rank) + 1
                code = "tie_awarded"
            else:
                end = min(i for i, e in enumerate(eligible) if e.rank == tied_rank)
                code = "tie_not_awarded"
            values = (("rank", str(tied_rank)), ("tier", tier.name))
            for e in group:
                notes[e.contestant] = Remark(code, values)
            general.append(Remark(code, (*values, ("tied", names))))
        for e in eligible[pos:end]:
            awards[e.contestant] = tier.name
        counts[tier.name] = max(0, end - pos)
        pos = max(pos, end)
    lines = []
    for e in ranked:
        titles = tuple(
            t.name
            for t in policy.titles
            if (e.rank or 0) <= t.top_n
            and e.contestant not in bar
            and policy.eligible(e.result.total, e.result.theory, e.result.practical)
        )
        remarks = (
            *([notes[e.contestant]] if e.contestant in notes else []),
            *([Remark("barred", (("reason", bar[e.contestant]),))] if bar.get(e.contestant) else []),
            *policy.failed_parts(e.result.theory, e.result.practical),
        )
        lines.append(AwardLine(e.contestant, awards.get(e.contestant), titles, remarks))
    return AwardResult(tuple(lines), counts, planned, tuple(general))
