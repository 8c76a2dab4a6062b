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

from contest.audit import GENESIS, event_hash
from contest.config import parse_config
from contest.errors import ContestError
from contest.i18n import Msg
from contest.services.marking import encode_deductions
from rubrics.load import read_bytes
from rubrics.model import Library, ModuleRubric, TheoryBlueprint
from scoresheets.model import JudgeSheet
from scoresheets.numbers import to_cents
from scoresheets.panel import VetoDecision
from scoresheets.standings import compute_standings, rank_panels, score_panel

FORMAT = "contest-recompute-bundle/1"


def export_bundle(sv: Any, actor: Any, out: Path) -> Path:
    """Write the bundle of the current state (submitted and signed-off sheets), with the audit chain it was read
    at (``chain.json``: every event, so the bundle holds what the database holds — names included). The services
    decide who may (:meth:`~contest.services.documents.DocumentServices.recompute_bundle`); the export is logged
    once the file is in place."""
    out = Path(out)
    with sv.print_job() as pending:
        data = sv.recompute_bundle(actor)
    tmp = out.with_name(f".{out.name}.part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in data.items():
                z.writestr(name, text)
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sv.log_printed(pending, out.name)
    return out


def bundle_files(
    contest: Any,
    mods: list[Any],
    chain: list[dict[str, Any]],
    raw: list[dict[str, Any]],
    theory: dict[str, int],
    lots: dict[str, int | None],
    recorded: dict[str, list[Any]],
    verdicts: dict[str, Any] | None = None,
) -> dict[str, str]:
    """The bundle's files (name → text) from what the documents service read in one snapshot."""
    files = {
        "manifest.json": json.dumps(
            {
                "format": FORMAT,
                "software": version("contest"),
                "audit_head": chain[-1]["hash"] if chain else GENESIS,
                "contest": contest.name_zh if contest else "",
            },
            ensure_ascii=False,
            indent=1,
        ),
        "contest.toml": contest.config_text if contest else "",
        "theory_blueprint.toml": contest.theory_snapshot if contest else "",
    }
    for m in mods:
        files[f"rubrics/{m.code}.toml"] = m.snapshot
    files["marks.json"] = json.dumps(sorted(raw, key=_raw_key), ensure_ascii=False)
    files["theory.json"] = json.dumps(theory)
    files["lots.json"] = json.dumps(lots)
    files["standings.json"] = json.dumps(recorded)
    files["chain.json"] = json.dumps(chain, ensure_ascii=False)
    if verdicts is not None:
        files["verdicts.json"] = json.dumps(verdicts, ensure_ascii=False)
    return files


def mark_record(m: Any) -> dict[str, Any]:
    """One stored mark as the bundle keeps it."""
    return {
        "item": m.item_id,
        "deductions": encode_deductions(_entry(m).deductions),
        "level": m.level,
        "score_cents": m.score_cents,
    }


def _raw_key(r: dict[str, Any]) -> tuple[str, str, str]:
    return (r["module"], r["station"], r["judge"])


def check_chain(chain: list[dict[str, Any]], head: str) -> list[str]:
    """The bundle's chain walked: links, hashes, and its last hash against the head the manifest recorded."""
    problems = []
    prev, seq = GENESIS, 0
    for ev in chain:
        where = f"审计链事件 #{ev['seq']}"
        if ev["seq"] != seq + 1:
            problems.append(f"{where}：序号不连续 / sequence gap")
        if ev["prev_hash"] != prev:
            problems.append(f"{where}：链接断开 / link broken")
        if (
            event_hash(ev["prev_hash"], ev["seq"], ev["at"], ev["actor"], ev["kind"], ev["payload"])
            != ev["hash"]
        ):
            problems.append(f"{where}：内容与哈希不符 / content changed")
        prev, seq = ev["hash"], ev["seq"]
    if prev != head:
        problems.append(
            "重算包记录的链头与其审计链不符 / the recorded chain head is not the chain's last hash"
        )
    return problems


def replay_chain(chain: list[dict[str, Any]], workdir: Path) -> Any:
    """Services over a scratch SQLite database holding exactly the rows the chain's events wrote."""
    from datetime import datetime

    from sqlalchemy import DateTime, insert

    from contest.services import Services
    from contest.store.engine import create_schema, make_engine
    from contest.store.tables import AUDITED_TABLES

    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for ev in chain:
        for snap in json.loads(ev["payload"]).get("rows", []):
            key = (snap["table"], json.dumps(snap["pk"]))
            if snap["row"] is None:
                rows.pop(key, None)
            else:
                rows[key] = snap["row"]
    engine = make_engine(f"sqlite:///{workdir / 'replay.db'}")
    create_schema(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for table in AUDITED_TABLES:
            t = table.__table__  # type: ignore[attr-defined]
            dates = {c.name for c in t.columns if isinstance(getattr(c.type, "impl", c.type), DateTime)}
            batch = [
                {
                    k: (datetime.fromisoformat(v) if k in dates and isinstance(v, str) else v)
                    for k, v in row.items()
                }
                for (name, _pk), row in rows.items()
                if name == t.name
            ]
            if batch:
                conn.execute(insert(t), batch)
    contest = next((row["id"] for (name, _), row in rows.items() if name == "contest"), None)
    return Services(engine, contest)


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
        raise ContestError(Msg("bundle.not_a_bundle", path=path, error=exc)) from exc
    chain_diffs: list[str] = []
    with z:
        manifest = json.loads(z.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ContestError(Msg("bundle.unknown_format", path=path, format=manifest.get("format")))
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
        verdicts = json.loads(z.read("verdicts.json")) if "verdicts.json" in z.namelist() else None
        if "chain.json" in z.namelist():
            chain_diffs = _against_chain(z, manifest.get("audit_head", ""))
        else:
            chain_diffs = ["重算包没有审计链（旧格式），无法核对评分是否被改动 / no chain in the bundle"]
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
    rules = cfg.standings_rules()
    if verdicts is None:  # a bundle written before verdicts.json: marks only
        st = compute_standings(rules, stations, sheets, theory, lots=lots)
    else:
        rubric_ids = {m.rubric.code: m.rubric.id for m in cfg.modules}
        decided = {
            (stn, rubric_ids[code]): VetoDecision(confirmed, frozenset((j, v) for j, v in votes))
            for stn, code, confirmed, votes in verdicts["veto_decisions"]
        }
        outcomes = {
            key: score_panel(rules.plan(key[1]), given, rules.rounding, veto_decision=decided.get(key))
            for key, given in sheets.items()
        }
        st = rank_panels(
            rules,
            stations,
            outcomes,
            theory,
            lots=lots,
            disqualified=verdicts["disqualified"],
            barred=verdicts["barred"],
            panel_sizes={(stn, rubric_ids[code]): n for stn, code, n in verdicts["panel_sizes"]},
        )
    lines = [(e.contestant, e.rank, e.result.total) for e in st.entries]
    diffs = [
        f"赛位 {stn}: 记录 {recorded.get(stn)}，重算 {[to_cents(t), r]}"
        for stn, r, t in lines
        if recorded.get(stn) != [to_cents(t), r]
    ]
    return lines, chain_diffs + diffs


def _against_chain(z: zipfile.ZipFile, head: str) -> list[str]:
    """The bundle's marks, theory scores and draw numbers against those its own audit chain wrote."""
    import tempfile

    chain = json.loads(z.read("chain.json"))
    problems = check_chain(chain, head)
    if problems:
        return problems
    with tempfile.TemporaryDirectory() as tmp:
        sv = replay_chain(chain, Path(tmp))
        from contest.services import CONSOLE

        replayed = sv.recompute_bundle(
            CONSOLE
        )  # the organiser's view of the replayed copy (logged there only)
        sv.engine.dispose()
    checked = [("marks.json", "评分"), ("theory.json", "理论成绩"), ("lots.json", "抽签号")]
    if "verdicts.json" in z.namelist():
        checked.append(("verdicts.json", "检录、回避与否决确认"))
    for name, what in checked:
        if _norm(json.loads(z.read(name))) != _norm(json.loads(replayed[name])):
            problems.append(
                f"重算包的{what}（{name}）与其审计链写入的不符 / {name} differs from what the chain wrote"
            )
    return problems


def _norm(value: Any) -> Any:
    """A bundle file's content in a canonical order (sheets by module, station and judge; marks by item)."""
    if isinstance(value, list):
        return sorted(
            ({**r, "marks": sorted(r["marks"], key=lambda m: m["item"])} for r in value), key=_raw_key
        )
    return value
