"""Each panel's outcome kept between standings computations, so a chief console that refreshes the standings
after every submitted sheet rescores only the panels whose sheets changed.

Owns the cache and its invalidation rule, and which sheets of a stale panel are rebuilt from their stored results
(:mod:`contest.services.sheet_results`) and which are scored from their marks: a panel (one contestant's submitted sheets in one module)
is rescored when the set of its sheets, or any sheet's version or state, or the chief judge's veto decision on it
differs from when it was last scored, or when the standings rules changed. Every service that changes a sheet's marks or fields bumps the sheet's version
in the same transaction (optimistic versioning), so (id, version, state) identifies a sheet's content. The cache
lives in one :class:`~contest.services.Services` object (one process); a new process starts cold.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import NamedTuple

from contest.services.sheet_results import Rebuilder
from scoresheets.arithmetic import score_sheet
from scoresheets.model import ItemEntry, JudgeSheet, SheetResult
from scoresheets.panel import VetoDecision
from scoresheets.standings import PanelOutcome, StandingsRules, panel_outcome

SheetKey = tuple[int, int, str]
"""(sheet id, version, state)."""
PanelKey = tuple[tuple[SheetKey, ...], VetoDecision | None]
"""A panel's sheet keys and the chief judge's veto decision on it."""


class SheetHead(NamedTuple):
    """A submitted sheet as read from the store, without its marks (a named tuple: a hundred thousand of them
    are made on every refresh)."""

    id: int
    module_id: str
    """Rubric id of the sheet's module."""
    contestant: str
    judge: str
    version: int
    state: str
    veto: str | None
    seconds_used: int | None
    comment: str


_SHEET_KEY = itemgetter(0, 4, 5)
"""A head's (id, version, state): its :data:`SheetKey`."""

StoredResult = tuple[int, str, str, str]
"""A sheet's stored result: (sheet version, basis, item scores, levels), see
:mod:`contest.services.sheet_results`."""
ResultLoader = Callable[[list[int] | None], Mapping[int, StoredResult]]
"""Stored results by sheet id, for the given sheet ids (``None``: every submitted sheet)."""


MarkLoader = Callable[[list[int] | None], Mapping[int, Mapping[str, ItemEntry]]]
"""Current entries by sheet id, for the given sheet ids (``None``: every submitted sheet)."""


class PanelCache:
    """Panel outcomes by (contestant, module id), with the sheet keys they were computed from."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: StandingsRules | None = None
        self._panels: dict[tuple[str, str], tuple[PanelKey, PanelOutcome]] = {}
        self.rescored = 0
        """How many panels the last :meth:`outcomes` call scored (the rest came from the cache)."""

    def outcomes(
        self,
        rules: StandingsRules,
        heads: Iterable[SheetHead],
        load: MarkLoader,
        decisions: Mapping[tuple[str, str], VetoDecision] | None = None,
        bases: Mapping[str, str] | None = None,
        stored: ResultLoader | None = None,
    ) -> dict[tuple[str, str], PanelOutcome]:
        """The outcome of every panel that has submitted sheets, rescoring only the stale ones. ``heads`` come in
        sheet id order (a panel's sheets are scored in that order); ``decisions`` are the chief judge's veto
        decisions by (contestant, module id). ``bases`` (module id → the current
        :func:`~contest.services.sheet_results.basis`) and ``stored`` let a stale panel be aggregated from its
        sheets' stored results: a sheet whose stored result is of its version and basis is rebuilt from it, any
        other is scored from the marks ``load`` reads; without them every sheet is scored from its marks. Only
        the stale panels' results and marks are read."""
        decisions = decisions or {}
        panels: dict[tuple[str, str], list[SheetHead]] = {}
        for h in heads:
            panels.setdefault((h.contestant, h.module_id), []).append(h)
        keys: dict[tuple[str, str], PanelKey] = {
            p: (tuple(map(_SHEET_KEY, hs)), decisions.get(p)) for p, hs in panels.items()
        }
        with self._lock:  # held only to read and write the dictionary: never while the database is read
            if self._rules is not rules and self._rules != rules:
                self._panels.clear()
            self._rules = rules
            cached = {p: self._panels.get(p) for p in keys}
        stale = [p for p, key in keys.items() if (got := cached[p]) is None or got[0] != key]
        fresh: dict[tuple[str, str], PanelOutcome] = {}
        if stale:
            every = len(stale) == len(keys)
            rows = (
                {}
                if stored is None or bases is None
                else stored(None if every else [h.id for p in stale for h in panels[p]])
            )
            usable: dict[int, StoredResult] = {}
            need: list[int] = []
            for p in stale:
                basis = (bases or {}).get(p[1])
                for h in panels[p]:
                    r = rows.get(h.id)
                    # of the sheet's version, under today's rubric and rounding
                    if r is not None and r[0] == h.version and r[1] == basis:
                        usable[h.id] = r
                    else:
                        need.append(h.id)
            marks = (load(None if every and not usable else need)) if need else {}
            plans = {plan.rubric.id: plan for plan in rules.modules}
            rebuild = Rebuilder()  # for this call only
            for p in stale:
                plan = plans[p[1]]
                rubric = plan.rubric
                results: list[SheetResult] = []
                for h in panels[p]:
                    r = usable.get(h.id)
                    if r is not None:
                        results.append(
                            rebuild(
                                rubric, h.judge, h.contestant, h.veto, h.seconds_used, h.comment, r[2], r[3]
                            )
                        )
                        continue
                    sheet = JudgeSheet(
                        h.judge,
                        h.contestant,
                        tuple(marks.get(h.id, {}).values()),
                        h.veto,
                        h.seconds_used,
                        h.comment,
                    )
                    results.append(score_sheet(rubric, sheet, rounding=rules.rounding))
                fresh[p] = panel_outcome(plan, results, rules.rounding, veto_decision=keys[p][1])
        with self._lock:
            if self._rules is rules or self._rules == rules:
                for p, outcome in fresh.items():
                    self._panels[p] = (keys[p], outcome)
                for gone in [p for p in self._panels if p not in keys]:
                    del self._panels[gone]
            self.rescored = len(stale)
        out = dict(fresh)
        for p, entry in cached.items():
            if p not in out and entry is not None:  # not stale: the cached key is this call's key
                out[p] = entry[1]
        return out
