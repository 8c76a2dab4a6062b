"""Each submitted sheet's result, stored in the transaction that submits it, so that standings are computed from
one row per sheet instead of from every mark.

Owns the ``sheet_result`` table (:class:`~contest.store.tables.SheetResultRow`): what a row holds (:func:`derive`,
by the same :func:`~scoresheets.arithmetic.score_sheet` the standings apply to marks), when it is written, how a
result is rebuilt from it (:func:`rebuild`), the check that every stored result is what the marks score
(:func:`check`, run by ``audit verify``) and the back-fill of a database that had submitted sheets before the table
(:func:`backfill`, run by migration 0010).

When: every write transaction (``ServiceContext.write``) ends with :func:`store_written`, before its audit event. A
sheet the transaction wrote that is now submitted or signed off gets its result derived from its current marks; a
sheet it wrote that is not (returned, reopened) loses its stored result; a module row it wrote (a rubric amendment,
a sign-off, an appeal's reopening) has the results of its done sheets derived under another rubric or an older
sheet version derived again. So every path that makes a sheet submitted — a judge's submit or whole sheet, a
clerk's matched or resolved double entry — and every one that bumps a done sheet's version (sign-off) is covered
without a call of its own, and the rows are in the transaction's audit event like any other.

A stored result is used only while its ``version`` is the sheet's and its ``basis`` is the module's current rubric
and rounding; otherwise (never expected) the standings score that sheet from its marks. A sheet whose marks do not
score (e.g. an item added by a rubric amendment has no entry) has no stored result: the standings then score it
from its marks and fail exactly as they did before results were stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, or_
from sqlalchemy import column as sa_column
from sqlalchemy import select as sa_select
from sqlalchemy import table as sa_table
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from contest import audit
from contest.config import ContestConfig
from contest.services.core import stored_config
from contest.services.marking import SHEET_ID, current_entries, current_marks, mark_to_entry, remembered
from contest.services.views import SheetState
from contest.store.tables import ContestRow, JudgeRow, ModuleRow, SheetResultRow, SheetRow
from rubrics.model import ModuleRubric
from scoresheets.arithmetic import overtime_seconds, score_sheet, sheet_result, sheet_veto
from scoresheets.errors import ScoresheetError
from scoresheets.model import JudgeSheet, SheetResult
from scoresheets.numbers import Rounding, from_cents, half_up, to_cents

DONE = (SheetState.SUBMITTED, SheetState.SIGNED_OFF)
CHUNK = 500
COLUMNS = ("sheet_id", "version", "basis", "total_cents", "items", "levels")
"""The columns of ``sheet_result`` as revision 0010 creates them."""


def basis(rubric: ModuleRubric, rounding: Rounding) -> str:
    """What a stored result depends on besides the sheet: the rubric's content and the contest's rounding."""
    text = f"{rubric.content_hash}|{rubric.id}|{rounding.places}|{','.join(sorted(rounding.at))}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _encode_scores(scores: dict[str, Decimal]) -> str:
    """JSON, item id → score: integer hundredths where that gives back the very same Decimal (two decimals),
    else the exact decimal as a JSON number with a point or an exponent (``1.333…``, ``6E0``), which
    :func:`decode_scores` reads back as that Decimal."""
    parts = []
    for item_id, value in scores.items():
        if value.as_tuple().exponent == -2:
            number = str(int(value.scaleb(2)))
        else:
            number = str(value)
            if "." not in number and "E" not in number:
                number += "E0"
        parts.append(f"{json.dumps(item_id, ensure_ascii=False)}:{number}")
    return "{" + ",".join(parts) + "}"


class _Cents(dict[str, Decimal]):
    """Decimal of integer hundredths by their JSON text, made once each."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = from_cents(int(text))
        return value


# a hundred thousand results are read on a cold standings computation: one decoder call each, no Python pass
_SCORES = json.JSONDecoder(parse_int=_Cents().__getitem__, parse_float=Decimal)
_LEVELS: dict[str, dict[str, int]] = {}


def decode_scores(text: str) -> dict[str, Decimal]:
    """Item scores of a stored result, in rubric order."""
    scores: dict[str, Decimal] = _SCORES.decode(text)
    return scores


def decode_levels(text: str) -> dict[str, int]:
    """Judgement levels of a stored result (a few hundred different ones in a contest: each is parsed once)."""
    levels = _LEVELS.get(text)
    if levels is None:
        if len(_LEVELS) > 100_000:
            _LEVELS.clear()
        levels = _LEVELS[text] = json.loads(text)
    return dict(levels)


def derive(rubric: ModuleRubric, rounding: Rounding, sheet: JudgeSheet) -> dict[str, Any] | None:
    """The stored columns (without ``sheet_id`` and ``version``) of a done sheet's result; None when its entries do
    not score (then nothing is stored and the standings score the sheet from its marks)."""
    try:
        r = score_sheet(rubric, sheet, rounding=rounding)
    except ScoresheetError:
        return None
    return {
        "basis": basis(rubric, rounding),
        "total_cents": to_cents(half_up(r.total)),
        "items": _encode_scores(r.item_scores),
        "levels": json.dumps(r.levels, ensure_ascii=False, separators=(",", ":")),
    }


def rebuild(rubric: ModuleRubric, sheet: JudgeSheet, items: str, levels: str) -> SheetResult:
    """The result :func:`~scoresheets.arithmetic.score_sheet` gives ``sheet`` (its entries left out: the stored
    item scores and levels stand for them), from a stored result."""
    return sheet_result(rubric, sheet, decode_scores(items), decode_levels(levels), sheet_veto(rubric, sheet))


class Rebuilder:
    """:func:`rebuild` for the many sheets of one standings computation: the sheets of a module with the same
    stored item scores and levels, veto and seconds over the time limit have the same result but for the judge
    and the contestant, so :func:`rebuild` runs once for each such group (the first sheet's) and the others copy
    its figures, each with its own dictionaries. Kept for one computation only (it holds every group's result)."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, str, str, str | None, int], SheetResult] = {}

    def __call__(
        self,
        rubric: ModuleRubric,
        judge: str,
        contestant: str,
        veto: str | None,
        seconds_used: int | None,
        comment: str,
        items: str,
        levels: str,
    ) -> SheetResult:
        """The result of the sheet with these fields and this stored result (see :func:`rebuild`)."""
        if seconds_used is not None and seconds_used < 0:  # refused by sheet_veto: never grouped
            return rebuild(
                rubric, JudgeSheet(judge, contestant, (), veto, seconds_used, comment), items, levels
            )
        key = (rubric.id, items, levels, veto, overtime_seconds(rubric, seconds_used))
        like = self._done.get(key)
        if like is None:
            sheet = JudgeSheet(judge, contestant, (), veto, seconds_used, comment)
            like = self._done[key] = rebuild(rubric, sheet, items, levels)
            return like
        return SheetResult(
            judge,
            contestant,
            dict(like.item_scores),
            dict(like.levels),
            like.items_total,
            like.overtime_deduction,
            like.total,
            like.veto,
            like.missing,
        )


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for k in range(0, len(ids), CHUNK):
        yield ids[k : k + CHUNK]


def _rubrics(cfg: ContestConfig, modules: Iterable[ModuleRow]) -> dict[int, ModuleRubric]:
    out = {}
    for m in modules:
        try:
            out[m.id or 0] = cfg.module(m.code).rubric
        except KeyError:
            continue
    return out


def store_written(s: Session, config: Callable[[], ContestConfig]) -> None:
    """Bring the stored results of what this write transaction wrote up to date (see the module): called by every
    write transaction just before its audit event."""
    s.flush()
    sheet_ids = {sh.id for sh in audit.written(s, SheetRow) if sh.id is not None}
    modules = [m for m in audit.written(s, ModuleRow) if m.id is not None]
    if not sheet_ids and not modules:
        return
    cfg = config()
    if modules:
        rubrics = _rubrics(cfg, modules)
        for m in modules:
            if (m.id or 0) not in rubrics:
                continue
            b = basis(rubrics[m.id or 0], cfg.rounding)
            sheet_ids.update(
                s.connection()
                .execute(
                    select(SheetRow.id)
                    .outerjoin(SheetResultRow, col(SheetResultRow.sheet_id) == SheetRow.id)
                    .where(
                        SheetRow.module_id == m.id,
                        col(SheetRow.state).in_(DONE),
                        or_(
                            col(SheetResultRow.sheet_id) == None,  # noqa: E711
                            col(SheetResultRow.basis) != b,
                            col(SheetResultRow.version) != SheetRow.version,
                        ),
                    )
                )
                .scalars()
            )
    if sheet_ids:
        refresh(s, cfg, sorted(sheet_ids))


_HEADS = (
    sa_select(
        SHEET_ID,
        col(SheetRow.module_id),
        col(SheetRow.version),
        col(SheetRow.state),
        col(SheetRow.veto_code),
        col(SheetRow.seconds_used),
        *(col(getattr(SheetResultRow, k)) for k in COLUMNS),
    )
    .outerjoin(SheetResultRow, col(SheetResultRow.sheet_id) == SheetRow.id)
    .where(col(SheetRow.id).in_(bindparam("ids", expanding=True)))
)
"""Sheets' heads, each with its stored result's columns (if any): built once, as every submit runs it in the write
lock."""


def refresh(s: Session, cfg: ContestConfig, sheet_ids: list[int]) -> None:
    """Derive again the stored results of ``sheet_ids`` from their current marks: a done sheet gets (or keeps) the
    result its marks score, any other sheet has none."""
    rubrics: dict[int, ModuleRubric] = {}
    for ids in _chunks(sheet_ids):
        # each sheet's head with its stored result's columns (if any), in one statement; the ORM row of a stored
        # result is fetched only when it must change
        found = s.connection().execute(_HEADS, {"ids": ids}).all()
        heads = [tuple(r[:6]) for r in found]
        stored = {r[0]: dict(zip(COLUMNS, r[6:], strict=True)) for r in found if r[6] is not None}
        for mid in {h[1] for h in heads} - set(rubrics):
            m = s.get(ModuleRow, mid)
            if m is not None:
                rubrics.update(_rubrics(cfg, [m]))
        done = [h[0] for h in heads if h[3] in DONE]
        # the marks of a sheet this transaction wrote are known; only the others are read
        known = remembered(s).intersection(done)
        entries = {
            sid: {k: mark_to_entry(m) for k, m in marks.items()}
            for sid, marks in current_marks(s, sorted(known)).items()
        }
        rest = [sid for sid in done if sid not in known]
        if rest:
            entries.update(current_entries(s, col(SheetRow.id).in_(rest)))
        for sid, mid, version, state, veto, seconds in heads:
            had = stored.get(sid)
            values = None
            if state in DONE and mid in rubrics:
                sheet = JudgeSheet("", "", tuple(entries.get(sid, {}).values()), veto, seconds)
                values = derive(rubrics[mid], cfg.rounding, sheet)
            if values is None:
                if had is not None:
                    s.delete(s.get_one(SheetResultRow, sid))
                continue
            values["version"] = version
            if had is None:
                s.add(SheetResultRow(sheet_id=sid, **values))
            elif any(had[k] != v for k, v in values.items()):
                row = s.get_one(SheetResultRow, sid)
                for k, v in values.items():
                    setattr(row, k, v)
                s.add(row)
    s.flush()


def check(s: Session, cfg: ContestConfig, contest_id: int) -> list[str]:
    """Every stored result of the contest that is not what its sheet's marks score now, every done sheet without
    one and every stored result of a sheet that is not done: ``audit verify``'s re-derivation of the results stored
    at submit."""
    mods = {m.id or 0: m for m in s.exec(select(ModuleRow).where(ModuleRow.contest_id == contest_id)).all()}
    rubrics = _rubrics(cfg, mods.values())
    judges: dict[int, str] = dict(
        s.connection()
        .execute(select(JudgeRow.id, JudgeRow.code).where(JudgeRow.contest_id == contest_id))
        .all()
    )
    in_contest = col(SheetRow.module_id).in_(list(mods))
    rows = (
        s.connection()
        .execute(
            sa_select(
                SHEET_ID,
                col(SheetRow.module_id),
                col(SheetRow.judge_id),
                col(SheetRow.version),
                col(SheetRow.state),
                col(SheetRow.veto_code),
                col(SheetRow.seconds_used),
                col(SheetResultRow.version),
                col(SheetResultRow.basis),
                col(SheetResultRow.total_cents),
                col(SheetResultRow.items),
                col(SheetResultRow.levels),
            )
            .outerjoin(SheetResultRow, col(SheetResultRow.sheet_id) == SheetRow.id)
            .where(in_contest)
            .order_by(col(SheetRow.id))
        )
        .all()
    )
    entries = current_entries(s, in_contest & col(SheetRow.state).in_(DONE))
    problems = []
    for sid, mid, jid, version, state, veto, seconds, *stored in rows:
        where = f"sheet_result, sheet {sid} (module {mods[mid].code}, judge {judges.get(jid, jid)})"
        expected = None
        if state in DONE and mid in rubrics:
            sheet = JudgeSheet("", "", tuple(entries.get(sid, {}).values()), veto, seconds)
            expected = derive(rubrics[mid], cfg.rounding, sheet)
            if expected is not None:
                expected["version"] = version
        if stored[0] is None:
            if expected is not None:
                problems.append(f"{where}: the {state} sheet has no stored result")
            continue
        if expected is None:
            problems.append(f"{where}: a result is stored for a sheet that is {state} or does not score")
            continue
        got = dict(zip(("version", "basis", "total_cents", "items", "levels"), stored, strict=True))
        diffs = [k for k in got if got[k] != expected[k]]
        if diffs:
            detail = ", ".join(f"{k}: stored {got[k]!r}, marks give {expected[k]!r}" for k in diffs[:3])
            problems.append(f"{where}: the stored result is not what the sheet's marks score ({detail})")
    return problems


def backfill(conn: Connection, contest_id: int) -> list[dict[str, Any]]:
    """Insert the result of every done sheet of a contest that has none (a database written before results were
    stored), through a bare connection; returns the rows inserted (in :func:`~contest.audit.snapshot` form's
    ``row``), for the caller's audit event. Reads and writes only the columns of revision 0010."""
    s = Session(bind=conn)
    text, theory = (
        s.connection()
        .execute(
            select(ContestRow.config_text, ContestRow.theory_snapshot).where(ContestRow.id == contest_id)
        )
        .one()
    )
    snapshots = s.connection().execute(
        select(ModuleRow.rubric_id, ModuleRow.snapshot).where(ModuleRow.contest_id == contest_id)
    )
    cfg = stored_config(text, theory, [(rid, snap) for rid, snap in snapshots])
    mods = s.connection().execute(
        select(ModuleRow.id, ModuleRow.code).where(ModuleRow.contest_id == contest_id)
    )
    rubrics: dict[int, ModuleRubric] = {}
    for mid, code in mods:
        try:
            rubrics[mid] = cfg.module(code).rubric
        except KeyError:
            continue
    has = select(SheetResultRow.sheet_id).where(SheetResultRow.sheet_id == SheetRow.id)
    todo = col(SheetRow.module_id).in_(list(rubrics)) & col(SheetRow.state).in_(DONE) & ~has.exists()
    heads = (
        s.connection()
        .execute(
            sa_select(
                SHEET_ID,
                col(SheetRow.module_id),
                col(SheetRow.version),
                col(SheetRow.veto_code),
                col(SheetRow.seconds_used),
            )
            .where(todo)
            .order_by(col(SheetRow.id))
        )
        .all()
    )
    entries = current_entries(s, todo)
    rows = []
    for sid, mid, version, veto, seconds in heads:
        values = derive(
            rubrics[mid],
            cfg.rounding,
            JudgeSheet("", "", tuple(entries.get(sid, {}).values()), veto, seconds),
        )
        if values is not None:
            rows.append({"sheet_id": sid, "version": version, **values})
    if rows:
        target = sa_table("sheet_result", *(sa_column(c) for c in COLUMNS))
        for k in range(0, len(rows), 5_000):
            conn.execute(target.insert(), rows[k : k + 5_000])
    return rows
