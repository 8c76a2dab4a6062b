"""The recompute bundle: raw marks, rubric snapshots, configuration and software version in one zip, from which
``contest audit recompute BUNDLE`` re-derives the standings without the database.

Contestants are keyed by their anonymous label (:meth:`contest.services.marking.DrawnField.label`): the station
number with a contest-scope draw, every module's station side by side with a per-module draw."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sqlmodel import select

from contest.config import parse_config
from contest.errors import ContestError
from contest.services.marking import current_marks, encode_deductions
from contest.store.tables import ContestRow, JudgeRow, ModuleRow, SheetRow, TheoryRow
from rubrics.load import read_bytes
from rubrics.model import Library, ModuleRubric, TheoryBlueprint
from scoresheets.model import JudgeSheet
from scoresheets.numbers import to_cents
from scoresheets.standings import compute_standings

FORMAT = "contest-recompute-bundle/1"


def export_bundle(sv: Any, out: Path) -> Path:
    """Write the bundle of the current state (submitted and signed-off sheets)."""
    with sv._read() as s:
        c = s.get(ContestRow, sv.contest_id)
        mods = s.exec(select(ModuleRow).where(ModuleRow.contest_id == sv.contest_id)).all()
        field = sv._field(s)
        people = field.people
        judges = {
            j.id: j.code for j in s.exec(select(JudgeRow).where(JudgeRow.contest_id == sv.contest_id)).all()
        }
        by_mod = {m.id: m for m in mods}
        sheets = [
            sh
            for sh in s.exec(select(SheetRow).where(SheetRow.module_id.in_(list(by_mod)))).all()  # type: ignore[attr-defined]
            if sh.state in ("submitted", "signed_off")
        ]
        marks = current_marks(s, [sh.id for sh in sheets if sh.id])
        station = {p.id: field.label(p.id) for p in people}
        raw = [
            {
                "module": by_mod[sh.module_id].code,
                "station": station[sh.contestant_id],
                "judge": judges[sh.judge_id],
                "seconds_used": sh.seconds_used,
                "veto": sh.veto_code,
                "marks": [
                    {
                        "item": m.item_id,
                        "deductions": encode_deductions(_entry(m).deductions),
                        "level": m.level,
                        "score_cents": m.score_cents,
                    }
                    for m in marks[sh.id or 0].values()
                ],
            }
            for sh in sheets
            if sh.contestant_id in station
        ]
        theory = {
            station[t.contestant_id]: t.total_cents
            for t in s.exec(select(TheoryRow)).all()
            if t.contestant_id in station
        }
        lots = {station[p.id]: p.draw_no for p in people}
    st, _ = sv.compute()
    by_id = {str(p.id): station[p.id] for p in people}
    recorded = {by_id[e.contestant]: [to_cents(e.result.total), e.rank] for e in st.entries}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "manifest.json",
            json.dumps(
                {
                    "format": FORMAT,
                    "software": version("contest"),
                    "audit_head": sv.audit_head(),
                    "contest": c.name_zh if c else "",
                },
                ensure_ascii=False,
                indent=1,
            ),
        )
        z.writestr("contest.toml", c.config_text if c else "")
        z.writestr("theory_blueprint.toml", c.theory_snapshot if c else "")
        for m in mods:
            z.writestr(f"rubrics/{m.code}.toml", m.snapshot)
        z.writestr("marks.json", json.dumps(raw, ensure_ascii=False))
        z.writestr("theory.json", json.dumps(theory))
        z.writestr("lots.json", json.dumps(lots))
        z.writestr("standings.json", json.dumps(recorded))
    return out


def _entry(m: Any) -> Any:
    from contest.services.marking import mark_to_entry

    return mark_to_entry(m)


def recompute_bundle(path: Path) -> tuple[list[tuple[str, int | None, Decimal]], list[str]]:
    """Re-derive the standings from a bundle alone; returns (station, rank, total) lines and every difference
    from the standings recorded in the bundle."""
    from contest.services.marking import decode_deductions
    from scoresheets.model import ItemEntry
    from scoresheets.numbers import from_cents

    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ContestError(f"{path}: 不是有效的重算包 / not a bundle: {exc}") from exc
    with z:
        manifest = json.loads(z.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ContestError(f"{path}: 未知的重算包格式 {manifest.get('format')!r}")
        lib = Library()
        for name in z.namelist():
            if name.startswith("rubrics/"):
                obj, problems = read_bytes(z.read(name), name)
                if isinstance(obj, ModuleRubric):
                    lib.modules[obj.id] = obj
        bp, _ = read_bytes(z.read("theory_blueprint.toml"), "theory_blueprint.toml")
        if isinstance(bp, TheoryBlueprint):
            lib.blueprints[bp.id] = bp
        cfg = parse_config(z.read("contest.toml").decode("utf-8"), "contest.toml", library=lib)
        raw = json.loads(z.read("marks.json"))
        theory = {k: from_cents(v) for k, v in json.loads(z.read("theory.json")).items()}
        lots = json.loads(z.read("lots.json"))
        recorded = json.loads(z.read("standings.json"))
    sheets: dict[tuple[str, str], list[JudgeSheet]] = {}
    for r in raw:
        rid = cfg.module(r["module"]).rubric.id
        entries = tuple(
            ItemEntry(
                m["item"],
                decode_deductions(m["deductions"]),
                m["level"],
                None if m["score_cents"] is None else from_cents(m["score_cents"]),
            )
            for m in r["marks"]
        )
        sheets.setdefault((r["station"], rid), []).append(
            JudgeSheet(r["judge"], r["station"], entries, r["veto"], r["seconds_used"])
        )
    stations = sorted(lots)
    st = compute_standings(cfg.standings_rules(), stations, sheets, theory, lots=lots)
    lines = [(e.contestant, e.rank, e.result.total) for e in st.entries]
    diffs = [
        f"赛位 {stn}: 记录 {recorded.get(stn)}，重算 {[to_cents(t), r]}"
        for stn, r, t in lines
        if recorded.get(stn) != [to_cents(t), r]
    ]
    return lines, diffs
