"""Scale fixtures for the benchmarks: generated people, a contestant workbook, and a bulk-loaded contest.

Everything here is a BENCHMARK FIXTURE, not a way to run a contest. The contest itself is created through
``Services.create_contest`` (so its configuration and rubric snapshots are real), but contestants, judges,
assignments, sheets, marks and theory scores are bulk-inserted with SQLAlchemy core straight into the real
tables, because building 1.5 million marks through the services would take hours; the results the services store
when a sheet is submitted are then derived from those marks by the back-fill of migration 0010
(``sheet_results.backfill``). Those rows have no audit
events, so ``contest audit verify`` on a fixture database reports them as inserted outside the system.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import Engine

from contest.intake.idcard import make_valid_id
from contest.services import Services, sheet_results
from contest.services.marking import encode_deductions
from contest.store.migrate import upgrade
from contest.store.tables import (
    AssignmentRow,
    ContestantRow,
    ContestRow,
    JudgeRow,
    MarkRow,
    ModuleRow,
    ModuleStationRow,
    SheetRow,
    TheoryRow,
)
from rubrics.model import ItemKind, ModuleRubric
from scoresheets.model import Applied, ItemEntry
from scoresheets.numbers import to_cents

SURNAMES = "陈李黄张梁林吴何刘区谭余冯赵钟罗周叶甘容伍关麦胡邓司徒欧阳"
GIVEN = "丽华秀英美玲少芬惠娟玉珍嘉欣淑仪燕萍桂芳翠霞碧莹志强伟明家豪锦荣月娥彩云凤娇婉婷巧玲静怡梓晴焕英"
REGIONS = ("440703", "440704", "440705", "440781", "440783", "440784", "440785", "440702", "441900", "440106")
CONTEST_DAY = date(2026, 5, 20)
PROJECT = "养老护理员"
PIN = "246810"
"""PIN of every fixture judge (hashed once with argon2 and shared)."""
UNITS = (
    "江门市社会福利院",
    "蓬江区潮连街道颐康中心",
    "蓬江区环市街道颐康中心",
    "江门市松柏颐养院",
    "蓬江区白沙街道长者服务站",
    "江门市康乐护养院",
    "蓬江区杜阮镇敬老院",
    "江门市家政服务协会",
)
NOW = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)
CHUNK = 20_000


Person = tuple[str, str, str, str, str]
"""(name, gender, ID number, unit, phone)"""


def people(n: int, seed: int = 7) -> list[Person]:
    """``n`` made-up contestants with valid, distinct 身份证号 (never real people)."""
    rng = random.Random(seed)
    out: list[Person] = []
    seen: set[str] = set()
    while len(out) < n:
        male = rng.random() < 0.15
        birth = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
        idn = make_valid_id(rng.choice(REGIONS), birth, rng.randint(0, 499), male)
        if idn in seen:
            continue
        seen.add(idn)
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        phone = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
        out.append((name, "男" if male else "女", idn, rng.choice(UNITS), phone))
    return out


def contestant_workbook(path: Path, n: int, seed: int = 7) -> list[Person]:
    """The organisers' registration workbook: a merged title row above the header, IDs stored as text."""
    ps = people(n, seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报名表"
    ws.append(["养老护理员职业技能竞赛报名表"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "姓名", "性别", "身份证号码", "工作单位", "联系电话", "参赛项目"])
    for i, (name, gender, idn, unit, phone) in enumerate(ps, 1):
        ws.append([i, name, gender, idn, unit, phone, PROJECT])
        ws.cell(row=i + 2, column=4).number_format = "@"
    wb.save(path)
    return ps


def simulate_sheet(rng: random.Random, rubric: ModuleRubric, ability: float, bias: float) -> list[ItemEntry]:
    """One judge's complete sheet: levels by ability on judgement items, random deductions on the others."""
    entries = []
    for item in rubric.items:
        if item.kind == ItemKind.JUDGEMENT:
            x = ability * 3 + bias + rng.uniform(-0.3, 0.3)
            entries.append(
                ItemEntry(item.id, level=3 if x >= 2.5 else 2 if x >= 1.5 else 1 if x >= 0.5 else 0)
            )
            continue
        applied = tuple(
            Applied(d.code, rng.randint(1, 2) if d.repeatable else 1)
            for d in item.deductions
            if rng.random() < (1 - ability) * 0.45
        )
        entries.append(ItemEntry(item.id, applied))
    return entries


@dataclass
class ScaleContest:
    """What :func:`build_scale_contest` made."""

    contest_id: int
    stations: list[str]
    """Every station number, in order."""
    panel: dict[str, list[str]]
    """Module code -> its five panel judges' codes."""
    extra_judges: list[str]
    """Marking judges on module A with no sheets yet (for the submit benchmarks)."""
    items: dict[str, int]
    """Module code -> number of rubric items."""
    sheets: int = 0
    marks: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """Build time per step."""


def _entry_pool(
    rubric: ModuleRubric, rng: random.Random, buckets: int = 10, variants: int = 40
) -> list[list]:
    """Pre-simulated sheets per ability bucket, as (item_id, deductions, level, score_cents) tuples."""
    pool = []
    for b in range(buckets):
        ability = 0.55 + 0.43 * b / (buckets - 1)
        sheets = []
        for _ in range(variants):
            entries = simulate_sheet(rng, rubric, ability, rng.uniform(-0.15, 0.15))
            sheets.append(
                [
                    (
                        e.item_id,
                        encode_deductions(e.deductions),
                        e.level,
                        None if e.score is None else to_cents(e.score),
                    )
                    for e in entries
                ]
            )
        pool.append(sheets)
    return pool


def _insert(engine: Engine, table: object, rows: Sequence[dict]) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(table), list(rows[i : i + CHUNK]))  # type: ignore[arg-type]


def build_scale_contest(
    engine: Engine,
    config_text: str,
    n_contestants: int,
    *,
    panel_size: int = 5,
    extra_judges: int = 0,
    with_marks: bool = True,
    seed: int = 11,
) -> ScaleContest:
    """Create a contest through the services, then bulk-insert a drawn, fully marked field (see module doc).

    Every panel judge's sheet for every contestant and module is submitted with every item entered
    (simulated deductions and levels), and every contestant has a theory score.
    """
    from argon2 import PasswordHasher

    rng = random.Random(seed)
    secs: dict[str, float] = {}
    t = time.perf_counter()
    upgrade(engine)
    cid = Services.create_contest(engine, config_text)
    sv = Services(engine, cid)
    cfg = sv.config()
    secs["create_contest"] = time.perf_counter() - t

    t = time.perf_counter()
    ps = people(n_contestants, seed)
    width = max(3, len(str(n_contestants)))
    stations = [f"{k:0{width}d}" for k in range(1, n_contestants + 1)]
    shuffled = stations[:]
    rng.shuffle(shuffled)
    draws = list(range(1, n_contestants + 1))
    rng.shuffle(draws)
    _insert(
        engine,
        ContestantRow,
        [
            {
                "contest_id": cid,
                "name": name,
                "gender": gender,
                "id_number": idn,
                "unit": unit,
                "phone": phone,
                "project": PROJECT,
                "note": "",
                "draw_no": draws[i],
                "withdrawn": False,
            }
            for i, (name, gender, idn, unit, phone) in enumerate(ps)
        ],
    )
    pin_hash = PasswordHasher().hash(PIN)
    with engine.begin() as conn:
        mods = {code: mid for mid, code in conn.execute(select(ModuleRow.id, ModuleRow.code))}
    codes = sorted(mods)
    judges: list[dict] = []
    panel: dict[str, list[str]] = {}
    for code in codes:
        panel[code] = [f"J{code}{k + 1:02d}" for k in range(panel_size)]
        judges += [
            {"code": j, "name": f"裁判{j}", "unit": "江门职业技术学院", "roles": "marking"}
            for j in panel[code]
        ]
    extras = [f"X{k:02d}" for k in range(extra_judges)]
    judges += [{"code": j, "name": f"裁判{j}", "unit": "外单位", "roles": "marking"} for j in extras]
    judges += [
        {"code": "CHIEF", "name": "裁判长", "unit": "", "roles": "chief"},
        {"code": "SUPER", "name": "监督", "unit": "", "roles": "supervisor"},
        {"code": "ORG", "name": "组织", "unit": "", "roles": "organiser,clerk"},
    ]
    _insert(engine, JudgeRow, [{"contest_id": cid, "pin_hash": pin_hash, **j} for j in judges])
    with engine.begin() as conn:
        jid = {code: i for i, code in conn.execute(select(JudgeRow.id, JudgeRow.code))}
        cids = [i for (i,) in conn.execute(select(ContestantRow.id).order_by(ContestantRow.id))]
        conn.execute(update(ContestRow).values(drawn_at=NOW, draw_seed="benchmark-fixture"))
    _insert(
        engine,
        ModuleStationRow,
        [
            {"module_id": mods[code], "contestant_id": c, "station": shuffled[i]}
            for code in codes
            for i, c in enumerate(cids)
        ],
    )
    assignments = [{"judge_id": jid[j], "module_id": mods[code]} for code in codes for j in panel[code]] + [
        {"judge_id": jid[j], "module_id": mods["A"]} for j in extras
    ]
    _insert(engine, AssignmentRow, assignments)
    _insert(
        engine,
        TheoryRow,
        [{"contestant_id": c, "total_cents": rng.randint(5500, 9800), "source": "fixture"} for c in cids],
    )
    secs["people"] = time.perf_counter() - t

    out = ScaleContest(
        cid,
        stations,
        panel,
        extras,
        {code: len(cfg.module(code).rubric.items) for code in codes},
    )
    if not with_marks:
        out.seconds = secs
        return out

    t = time.perf_counter()
    pools = {code: _entry_pool(cfg.module(code).rubric, rng) for code in codes}
    limits = {code: cfg.module(code).rubric.time_limit_minutes * 60 for code in codes}
    sheet_rows: list[dict] = []
    mark_rows: list[dict] = []
    ability = {c: rng.randrange(10) for c in cids}
    sheet_id = 0
    mark_id = 0
    for c in cids:
        for code in codes:
            bucket = pools[code][ability[c]]
            for j in panel[code]:
                sheet_id += 1
                over = rng.random() < 0.03
                sheet_rows.append(
                    {
                        "id": sheet_id,
                        "module_id": mods[code],
                        "contestant_id": c,
                        "judge_id": jid[j],
                        "state": "submitted",
                        "version": 20,
                        "seconds_used": limits[code] + (60 if over else -rng.randint(30, 300)),
                        "veto_code": None,
                        "comment": "",
                        "return_reason": "",
                        "submissions": 1,
                        "updated_at": NOW,
                        "updated_by": j,
                    }
                )
                for item_id, deductions, level, score_cents in rng.choice(bucket):
                    mark_id += 1
                    mark_rows.append(
                        {
                            "id": mark_id,
                            "sheet_id": sheet_id,
                            "item_id": item_id,
                            "withdrawn": False,
                            "deductions": deductions,
                            "level": level,
                            "score_cents": score_cents,
                            "judge_code": j,
                            "created_at": NOW,
                            "supersedes_id": None,
                            "reason": "",
                        }
                    )
    secs["generate"] = time.perf_counter() - t
    t = time.perf_counter()
    _insert(engine, SheetRow, sheet_rows)
    secs["insert_sheets"] = time.perf_counter() - t
    t = time.perf_counter()
    _insert(engine, MarkRow, mark_rows)
    secs["insert_marks"] = time.perf_counter() - t
    t = time.perf_counter()
    with engine.begin() as conn:  # what submitting each sheet through the services would have stored
        sheet_results.backfill(conn, cid)
    secs["sheet_results"] = time.perf_counter() - t
    if engine.dialect.name == "postgresql":
        # explicit ids were inserted: move the sequences past them so the services can insert again
        with engine.begin() as conn:
            for table in ("sheet", "mark"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    out.sheets = len(sheet_rows)
    out.marks = len(mark_rows)
    out.seconds = secs
    return out


def count_marks(engine: Engine) -> int:
    """Rows in the mark table."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(MarkRow)).scalar_one())


def module_a_entries(sv: Services, seed: int = 3) -> list[ItemEntry]:
    """A realistic complete sheet for module A (16 items): deductions, levels."""
    rubric = sv.config().module("A").rubric
    return simulate_sheet(random.Random(seed), rubric, 0.8, 0.0)
