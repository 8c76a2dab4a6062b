"""Item arithmetic for one judge's sheet: deductions (扣完为止), levels, veto, overtime.

Every entry is checked against the rubric first; an impossible entry raises :class:`EntryRefused` with the
reason, so nothing impossible can be stored.
"""

from __future__ import annotations

from decimal import Decimal

from rubrics.model import Item, ItemKind, ModuleRubric, VetoRule
from scoresheets.errors import EntryRefused, SheetIncomplete
from scoresheets.model import ItemEntry, JudgeSheet, SheetResult
from scoresheets.numbers import ZERO, Rounding, dsum
from scoresheets.typed import typed_score_refusal

MAX_LEVEL = 3
_CACHE: dict[tuple[str, Rounding], dict[ItemEntry, Decimal]] = {}
_CACHE_LIMIT = 100_000


def check_entry(item: Item, entry: ItemEntry) -> None:
    """Raise :class:`EntryRefused` unless ``entry`` is possible for ``item``."""
    iid = item.id
    if entry.item_id != item.id:
        raise EntryRefused(
            entry.item_id,
            f"entry is for item {entry.item_id}, not {item.id}",
            code="wrong_item",
            params={"given": entry.item_id, "item": item.id},
        )
    if item.kind == ItemKind.JUDGEMENT:
        if entry.deductions or entry.score is not None:
            raise EntryRefused(
                iid, "a judgement item takes a level 0–3, not deductions or a score", code="level_only"
            )
        if entry.level is None:
            raise EntryRefused(iid, "choose a level 0–3", code="level_missing")
        if not 0 <= entry.level <= MAX_LEVEL:
            raise EntryRefused(
                iid,
                f"level must be 0, 1, 2 or 3, got {entry.level}",
                code="level_range",
                params={"level": entry.level},
            )
        return
    if item.kind == ItemKind.SCORE:
        if entry.deductions or entry.level is not None:
            raise EntryRefused(
                iid, "a score item takes a typed score, not deductions or a level", code="score_only"
            )
        if entry.score is None:
            raise EntryRefused(iid, "type the item's score", code="score_missing")
        refusal = typed_score_refusal(item, entry.score)
        if refusal is not None:
            raise EntryRefused(iid, str(refusal), code=refusal.code, params=refusal.params)
        return
    if entry.level is not None:
        raise EntryRefused(
            iid, "a measurement item takes deductions or a score, not a level", code="measurement_level"
        )
    if entry.score is not None:
        if entry.deductions:
            raise EntryRefused(
                iid, "give either deductions or a score, not both", code="deductions_and_score"
            )
        if not entry.score.is_finite() or entry.score < 0 or entry.score > item.points:
            raise EntryRefused(
                iid,
                f"score must be between 0 and {item.points}, got {entry.score}",
                code="score_range",
                params={"points": item.points, "score": entry.score},
            )
        if entry.score != entry.score.quantize(Decimal("0.01")):
            raise EntryRefused(
                iid,
                f"score has more than 2 decimals: {entry.score}",
                code="too_many_decimals",
                params={"score": entry.score},
            )
        if item.typing_allowed:  # the rubric says how (a rubric without `typed` predates it: range only)
            refusal = typed_score_refusal(item, entry.score)
            if refusal is not None:
                raise EntryRefused(iid, str(refusal), code=refusal.code, params=refusal.params)
        return
    seen: set[str] = set()
    for applied in entry.deductions:
        rule = item.deduction(applied.code)
        if rule is None:
            codes = ", ".join(d.code for d in item.deductions)
            raise EntryRefused(
                iid,
                f"deduction '{applied.code}' is not in the rubric for this item (allowed: {codes})",
                code="deduction_unknown",
                params={"deduction": applied.code, "allowed": codes},
            )
        if applied.code in seen:
            raise EntryRefused(
                iid,
                f"deduction '{applied.code}' is listed twice; give one entry with a count",
                code="deduction_twice",
                params={"deduction": applied.code},
            )
        seen.add(applied.code)
        if applied.count < 1:
            raise EntryRefused(
                iid,
                f"deduction '{applied.code}' count must be at least 1, got {applied.count}",
                code="deduction_count",
                params={"deduction": applied.code, "count": applied.count},
            )
        if applied.count > 1 and not rule.repeatable:
            raise EntryRefused(
                iid,
                f"deduction '{applied.code}' applies at most once, got {applied.count}",
                code="deduction_once",
                params={"deduction": applied.code, "count": applied.count},
            )


def item_score(item: Item, entry: ItemEntry) -> Decimal:
    """The item score of a checked entry.

    Measurement: points − Σ deductions (each repeatable rule limited to its cap), floored at 0.
    Judgement: points × level ÷ 3 (exact; rounding happens only where the contest says).
    """
    check_entry(item, entry)
    if item.kind == ItemKind.JUDGEMENT:
        assert entry.level is not None
        return item.points * entry.level / MAX_LEVEL
    if entry.score is not None:
        return entry.score
    taken = ZERO
    for applied in entry.deductions:
        rule = item.deduction(applied.code)
        assert rule is not None
        amount = rule.points * applied.count
        if rule.cap is not None:
            amount = min(amount, rule.cap)
        taken += amount
    return max(ZERO, item.points - taken)


def overtime_seconds(rubric: ModuleRubric, seconds_used: int | None) -> int:
    """Seconds over the module's limit (0 when within it or unknown)."""
    if seconds_used is None:
        return 0
    return max(0, seconds_used - rubric.time_limit_minutes * 60)


def score_sheet(
    rubric: ModuleRubric,
    sheet: JudgeSheet,
    *,
    require_complete: bool = True,
    rounding: Rounding | None = None,
) -> SheetResult:
    """Score one judge's sheet.

    Raises:
        EntryRefused: an entry is impossible (unknown item, bad level, unknown deduction, unknown veto …).
        SheetIncomplete: ``require_complete`` and an item has no explicit entry.
    """
    by_item: dict[str, ItemEntry] = {}
    for given in sheet.entries:
        entry = given
        if rubric.item(entry.item_id) is None:
            raise EntryRefused(
                entry.item_id,
                f"item '{entry.item_id}' is not in rubric {rubric.id}",
                code="item_unknown",
                params={"item": entry.item_id, "rubric": rubric.id},
            )
        if entry.item_id in by_item:
            raise EntryRefused(entry.item_id, "the item has two entries on one sheet", code="item_twice")
        by_item[entry.item_id] = entry
    veto = sheet_veto(rubric, sheet)
    rnd = rounding or Rounding()
    # the same entry on the same item always scores the same: a per-rubric cache (entries are frozen)
    # (keyed by content hash: equal hashes mean equal rubrics; a rubric built in code without one is not cached)
    cache: dict[ItemEntry, Decimal] = (
        _CACHE.setdefault((rubric.content_hash, rnd), {}) if rubric.content_hash else {}
    )
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    scores: dict[str, Decimal] = {}
    levels: dict[str, int] = {}
    missing: list[str] = []
    for item in rubric.items:
        found = by_item.get(item.id)
        if found is None:
            missing.append(item.id)
            continue
        value = cache.get(found)
        if value is None:
            value = cache[found] = rnd.apply("item", item_score(item, found))
        scores[item.id] = value
        if found.level is not None:
            levels[item.id] = found.level
    if missing and require_complete:
        raise SheetIncomplete(missing)
    return sheet_result(rubric, sheet, scores, levels, veto, tuple(missing))


def sheet_veto(rubric: ModuleRubric, sheet: JudgeSheet) -> VetoRule | None:
    """The veto rule a sheet records (None without one), after checking the sheet's veto and time used.

    Raises:
        EntryRefused: the veto is not in the rubric, or the time used is negative.
    """
    veto = None
    if sheet.veto is not None:
        veto = rubric.veto(sheet.veto)
        if veto is None:
            codes = ", ".join(v.code for v in rubric.vetoes)
            raise EntryRefused(
                "",
                f"veto '{sheet.veto}' is not in rubric {rubric.id} (allowed: {codes or 'none'})",
                code="veto_unknown" if codes else "veto_none",
                params={"veto": sheet.veto, "rubric": rubric.id, "allowed": codes},
            )
    if sheet.seconds_used is not None and sheet.seconds_used < 0:
        raise EntryRefused(
            "",
            f"time used cannot be negative, got {sheet.seconds_used} s",
            code="time_negative",
            params={"seconds": sheet.seconds_used},
        )
    return veto


def sheet_result(
    rubric: ModuleRubric,
    sheet: JudgeSheet,
    scores: dict[str, Decimal],
    levels: dict[str, int],
    veto: VetoRule | None,
    missing: tuple[str, ...] = (),
) -> SheetResult:
    """A sheet's result from its item scores (in rubric order) and levels: the totals and the overtime deduction
    of :func:`score_sheet`, which ends here — so a result rebuilt from stored item scores is the one scoring the
    entries gives."""
    items_total = dsum(scores.values())
    overtime = rubric.overtime.deduction(overtime_seconds(rubric, sheet.seconds_used))
    return SheetResult(
        judge=sheet.judge,
        contestant=sheet.contestant,
        item_scores=scores,
        levels=levels,
        items_total=items_total,
        overtime_deduction=overtime,
        total=max(ZERO, items_total - overtime),
        veto=veto,
        missing=missing,
    )
