"""The remarks of the standings as messages, put into words by whoever shows them (terminal, CLI, documents), in
the reader's language.

Owns: the tie-break explanation of a line (how it was separated from the one above, or from the one below when
that one was separated from it), the award remarks of :mod:`scoresheets.awards` (which carry a code and values,
no words), and the award notes on ties at a cut-off as the public reads them: the tied contestants named by
station before decryption and by name after, never by database id (ids follow the registration workbook's row
order and, before decryption, would let anyone with that list tell who is who).
"""

from __future__ import annotations

from collections.abc import Mapping

from contest.i18n import Joined, Msg
from scoresheets.awards import AwardResult, Remark
from scoresheets.ranking import RankedEntry

_CRITERIA = frozenset({"total", "practical", "theory", "time", "lot"})


def criterion(decided_by: str) -> Msg:
    """A tie-break criterion: a part of the result, the time, the lot, or one module (``module:A``)."""
    if decided_by.startswith("module:"):
        return Msg("standings.by.module", code=decided_by.removeprefix("module:"))
    if decided_by in _CRITERIA:
        return Msg(f"standings.by.{decided_by}")
    return Msg("standings.by.other", name=decided_by)


def tie_break(entry: RankedEntry, *, ahead: bool = False, why_out: Msg | str | None = None) -> Msg | None:
    """How ``entry`` was placed, when not by its total alone: out of the ranking (``why_out``: the reason as the
    service words it, else the scoring's own text), a shared rank, or the tie-break that separated it;
    ``ahead=True`` says it of the line above the one separated."""
    if entry.rank is None:
        return Msg("standings.remark.out", reason=why_out or entry.result.disqualified or "")
    if entry.shared:
        return Msg("standings.remark.shared")
    if entry.decided_by in (None, "total"):
        return None
    key = "standings.remark.ahead" if ahead else "standings.remark.tie_break"
    return Msg(key, by=criterion(entry.decided_by or ""))


def award_remark(remark: Remark, barred: Msg | None = None) -> Msg:
    """One remark of :mod:`scoresheets.awards` as a message; ``barred`` words the reason an award was withheld
    (the service knows it as a message, the scoring only as text)."""
    if remark.code == "barred":
        return barred if barred is not None else Msg("standings.remark.plain", text=remark.value("reason"))
    values = {k: v for k, v in remark.values if k != "tied"}
    return Msg(f"award.remark.{remark.code}", **values)


def award_notes(awards: AwardResult | None, label: Mapping[str, str], *, stations: bool) -> tuple[Msg, ...]:
    """The notes on the whole award result; a tie note names the tied by ``label[key]`` (sorted, so the note does
    not depend on registration order), as stations when ``stations``."""
    if awards is None:
        return ()
    out = []
    for remark in awards.remarks:
        tied = remark.value("tied")
        if not tied:
            out.append(award_remark(remark))
            continue
        keys = tied.split("、")
        if all(k in label for k in keys):
            names: Msg = Joined(sorted(label[k] for k in keys))
            who = Msg("award.remark.stations", stations=names) if stations else names
        else:
            who = Joined(keys)
        out.append(Msg("award.remark.tied", remark=award_remark(remark), tied=who))
    return tuple(out)
