"""An organiser's own contest end to end through the command line: two rubric files of its own (module A written as
TOML in ``rubrics/`` next to contest.toml, module B imported from an Excel 评分标准 made from the shipped template),
``contest rubrics import/check/hash``, ``contest init``, imports, the draw, sign-off, decryption and
``contest print results`` / ``scoresheets`` — real files, a real SQLite database.

The judges' marks are entered through the services the judge terminal calls (the command line has no marking
command); everything else is the plain CLI.

Hand-worked numbers (5-judge panels, trimmed mean of whole judge totals — the default ``level = "sheet"``; module
scores rounded to 2 places; practical = 0.4 × A + 0.6 × B; theory weight 0, so the total is the practical part):

Module A (A1 measurement 60: 未洗手 −10, 每漏一步 −5; A2 judgement 30 = 10 × level; A3 直接打分 10, step 0.5)

- first station: J1 55 + 30 + 9.5 = 94.5; J2 50 + 20 + 9 = 79; J3 60 + 30 + 10 = 100; J4 55 + 20 + 8.5 = 83.5;
  J5 45 + 30 + 9 = 84. Drop 100 (J3) and 79 (J2): (94.5 + 83.5 + 84) ÷ 3 = 262 ÷ 3 = 87.333… → **87.33**.
  (Trimming per item would give 53.33 + 26.67 + 9.17 = 89.17, not checkable from the printed totals.)
- second station: every judge A1 60, A2 level 2 = 20, A3 8 / 8.5 / 9 / 7.5 / 8 → 88, 88.5, 89, 87.5, 88.
  Drop 89 and 87.5: (88 + 88.5 + 88) ÷ 3 = 264.5 ÷ 3 = 88.1666… → **88.17**.

Module B (imported: B1 measurement 40: 未核对 −10, 每漏一项 −5; B2 judgement 30; B3 操作总分 30, step 0.5)

- first station: J1 40 + 30 + 27 = 97; J2 35 + 30 + 26 = 91; J3 30 + 20 + 25 = 75; J4 40 + 30 + 28.5 = 98.5;
  J5 35 + 20 + 27 = 82. Drop 98.5 and 75: (97 + 91 + 82) ÷ 3 = 270 ÷ 3 = **90.00**.
- second station: every judge B1 40 − 2 × 5 = 30, B2 level 2 = 20, B3 25 (J5: 26) → 75, 75, 75, 75, 76.
  Drop 76 and one 75 (J1's: equal marks are ordered by judge code): **75.00**.

Totals: first station 0.4 × 87.33 + 0.6 × 90 = 34.932 + 54 = 88.932 → **88.93** (一等奖);
second station 0.4 × 88.17 + 0.6 × 75 = 35.268 + 45 = 80.268 → **80.27** (二等奖).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from contest.cli import app
from contest.services import CONSOLE, Services
from contest.store.engine import make_engine
from scoresheets import ItemEntry
from scoresheets.model import Applied
from tests.io.test_cli_import import HEADER, JUDGE_HEADER, people, xlsx
from tests.pins import CHEAP_HASHER

D = Decimal
runner = CliRunner()

RUBRIC_A = """schema = 1
type = "module"
id = "cup2026.hand_care"
code = "A"
title = { zh = "手部清洁与照护", en = "Hand care" }
standard = "2026年杯赛技术文件"
scenario = "为卧床老人进行手部清洁。"
time_limit_minutes = 20
max_points = 100

[overtime]
points_per_started_minute = 0

[[sections]]
id = "care"
title = "操作"

[[sections.items]]
id = "A1"
title = "七步洗手"
points = 60
kind = "measurement"

[[sections.items.deductions]]
code = "A1a"
text = "未洗手扣10分"
points = 10

[[sections.items.deductions]]
code = "A1b"
text = "每漏一步扣5分"
points = 5
repeatable = true
cap = 60

[[sections.items]]
id = "A2"
title = "沟通与人文关怀"
points = 30
kind = "judgement"
levels = ["未沟通", "沟通生硬", "沟通较好", "沟通自然、关怀到位"]

[[sections.items]]
id = "A3"
title = "操作总分"
points = 10
kind = "score"
step = "0.5"
"""

# the committee's 评分标准 for module B, typed into the shipped template: 序号/考核内容/配分 merged per item
B_ROWS: list[list[object]] = [
    [1, "准备", "核对与沟通", "未核对老人信息扣10分", 40, None, "测量", None],
    [None, "准备", None, "每漏一项沟通要点扣5分", None, None, None, None],
    [2, "操作", "喂食方法", "0：未完成或有明显错误", 30, None, "评价", None],
    [None, "操作", None, "1：基本完成，多处不规范", None, None, None, None],
    [None, "操作", None, "2：完成，个别不规范", None, None, None, None],
    [None, "操作", None, "3：熟练规范", None, None, None, None],
    [3, "操作", "操作总分", "整体操作流畅、注重人文关怀", 30, None, "操作总分", None],
    [None, None, None, "发生呛咳未处理，取消比赛资格", None, None, "否决", None],
]
B_MERGES = ["A2:A3", "C2:C3", "E2:E3", "G2:G3", "A4:A7", "C4:C7", "E4:E7", "G4:G7"]

CONFIG = """
[contest]
name = {{ zh = "2026年本单位养老护理员技能竞赛", en = "Our 2026 contest" }}
dates = ["2026-05-20"]
organisers = ["本单位"]
issuing_bodies = ["本单位"]

[scoring]
theory_weight = 0

[[modules]]
rubric = "cup2026.hand_care"          # found in rubrics/ next to this file
hash = "{hash_a}"
weight = 40
panel_size = 5
{level_a}
tolerance = {{ judgement_levels = 3, sheet_total = 30 }}

[[modules]]
rubric = "cup2026.feeding"
file = "评分标准/B.toml"
hash = "{hash_b}"
weight = 60
panel_size = 5
tolerance = {{ judgement_levels = 3, sheet_total = 30 }}

[awards]
min_total = 60
min_practical = 60
tiers = [
  {{ name = "一等奖", mode = "count", value = 1 }},
  {{ name = "二等奖", mode = "count", value = 1 }},
]
"""

# (A1 deductions, A2 level, A3 score) and (B1 deductions, B2 level, B3 score) per judge, per station (in order)
A_MARKS = [
    {"J1": ({"A1b": 1}, 3, "9.5"), "J2": ({"A1a": 1}, 2, "9"), "J3": ({}, 3, "10"), "J4": ({"A1b": 1}, 2, "8.5"),
     "J5": ({"A1a": 1, "A1b": 1}, 3, "9")},
    {j: ({}, 2, s) for j, s in zip(("J1", "J2", "J3", "J4", "J5"), ("8", "8.5", "9", "7.5", "8"), strict=True)},
]  # fmt: skip
B_MARKS = [
    {"J1": ({}, 3, "27"), "J2": ({"B1b": 1}, 3, "26"), "J3": ({"B1a": 1}, 2, "25"), "J4": ({}, 3, "28.5"),
     "J5": ({"B1b": 1}, 2, "27")},
    {j: ({"B1b": 2}, 2, "26" if j == "J5" else "25") for j in ("J1", "J2", "J3", "J4", "J5")},
]  # fmt: skip


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """One table row per line whatever the terminal."""
    import contest.cli as cli

    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 200)


def cli(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env or {})
    assert result.exit_code == 0, result.output
    return result.output


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def mark(sv: Services, pin: dict[str, str], module: str, station: str, marks: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    """Each judge enters and submits their sheet (the judge terminal's calls)."""
    for judge, (deductions, level, score) in marks.items():
        actor = sv.login(judge, pin[judge])
        applied = tuple(Applied(code, n) for code, n in deductions.items())
        v = sv.open_sheet(actor, module, station)
        for entry in (
            ItemEntry(f"{module}1", deductions=applied),
            ItemEntry(f"{module}2", level=level),
            ItemEntry(f"{module}3", score=D(score)),
        ):
            v = sv.save_mark(actor, module, station, entry, v.version)
        v = sv.set_sheet_info(actor, module, station, seconds_used=600, expected_version=v.version)
        sv.submit_sheet(actor, module, station, v.version)


def run_contest(
    tmp_path: Path, level_a: str = ""
) -> tuple[list[str], list[str], str, str, dict[str, str], Path]:
    """The whole contest through the CLI; the words of the printed 成绩公示表 and 评分表, the names at the first
    and second station, the judges' PINs and the database."""
    home = tmp_path / "杯赛"
    (home / "rubrics").mkdir(parents=True)
    (home / "rubrics" / "A.toml").write_text(RUBRIC_A, encoding="utf-8")

    # module B: the committee's Excel table, typed into the shipped template, imported to TOML
    template = home / "评分标准模板.xlsx"
    assert "模板已生成" in cli("template", "rubric", str(template))
    wb = openpyxl.load_workbook(template)
    ws = wb["评分标准"]
    for r in B_ROWS:
        ws.append(r)
    for m in B_MERGES:
        ws.merge_cells(m)
    wb.save(home / "评分标准B.xlsx")
    out = cli(
        "rubrics", "import", str(home / "评分标准B.xlsx"), "-o", str(home / "评分标准" / "B.toml"),
        "--code", "B", "--title", "协助进食", "--id", "cup2026.feeding", "--minutes", "15",
    )  # fmt: skip
    assert "3 项，满分 100" in out
    assert "✓ 2 个文件全部通过校验" in cli("rubrics", "check", str(home / "rubrics"), str(home / "评分标准"))
    hashes = dict(re.findall(r"^(cup2026\.\w+)  ([0-9a-f]{64})$", cli("rubrics", "hash", str(home)), re.M))
    assert set(hashes) == {"cup2026.hand_care", "cup2026.feeding"}
    cfg = home / "contest.toml"
    cfg.write_text(
        CONFIG.format(
            hash_a=hashes["cup2026.hand_care"][:16], hash_b=hashes["cup2026.feeding"][:16], level_a=level_a
        ),
        encoding="utf-8",
    )

    db = tmp_path / "contest.db"
    out = cli("--db", str(db), "init", str(cfg))
    assert "A 手部清洁与照护" in out and "B 协助进食" in out
    org = {"CONTEST_AS": "ORG", "CONTEST_PIN": re.search(r"ORG\s+PIN: (\d{6})", out)[1]}  # type: ignore[index]
    cli(
        "--db",
        str(db),
        "import",
        "contestants",
        str(xlsx(home / "报名表.xlsx", [HEADER, *people(2)])),
        env=org,
    )
    judges = [
        JUDGE_HEADER,
        ["E1", "赵加密", "人社局", "加密裁判", ""],
        ["C1", "钱裁判", "民政局", "裁判长", ""],
    ]
    judges += [["S1", "李监督", "纪检组", "监督", ""]]
    judges += [[f"J{k}", f"评分{'甲乙丙丁戊'[k - 1]}", f"第{k}医院", "评分裁判", "A、B"] for k in range(1, 6)]
    out = cli("--db", str(db), "import", "judges", str(xlsx(home / "裁判名单.xlsx", judges)), env=org)
    pin = dict(re.findall(r"│ ([A-Z]\d)\s*│[^│]*│[^│]*│ (\d{6})\s*│", out))
    assert len(pin) == 8
    cli("--db", str(db), "draw", "--as", "E1", "--seed", "s", env={"CONTEST_PIN_E1": pin["E1"]})

    sv = Services(make_engine(f"sqlite:///{db}"), hasher=CHEAP_HASHER)
    stations = sorted(line.station for line in sv.standings(CONSOLE).lines)
    stored = {m.code: m.rubric_hash for m in sv.info().modules}
    assert stored == {"A": hashes["cup2026.hand_care"], "B": hashes["cup2026.feeding"]}  # pinned and stored
    for n, station in enumerate(stations):
        mark(sv, pin, "A", station, A_MARKS[n])
        mark(sv, pin, "B", station, B_MARKS[n])

    chief = {"CONTEST_PIN_C1": pin["C1"], "CONTEST_PIN_S1": pin["S1"]}
    for module in ("A", "B"):
        cli("--db", str(db), "signoff", module, "--as", "C1", env=chief)
    cli("--db", str(db), "decrypt", "--chief", "C1", "--supervisor", "S1", env=chief)
    results, sheets = tmp_path / "成绩公示表.pdf", tmp_path / "评分汇总表.pdf"
    cli("--db", str(db), "print", "results", "--as", "C1", "-o", str(results), env=chief)
    cli("--db", str(db), "print", "scoresheets", "--as", "C1", "-o", str(sheets), env=chief)

    names = {line.station: line.name for line in sv.standings(sv.login("C1", pin["C1"])).lines}
    return (
        pdf_text(results).split(),
        pdf_text(sheets).split(),
        names[stations[0]],
        names[stations[1]],
        pin,
        db,
    )


def test_own_rubrics_from_init_to_printed_results(tmp_path: Path) -> None:
    words, sheet_words, first, second, pin, db = run_contest(tmp_path)
    # 成绩公示表, per contestant: name, unit, ID, theory (—), A, B, practical, total, award
    for name, row in (
        (first, ["—", "87.33", "90.00", "88.93", "88.93", "一等奖"]),
        (second, ["—", "88.17", "75.00", "80.27", "80.27", "二等奖"]),
    ):
        at = words.index(name)
        assert words[at + 3 : at + 9] == row, words[at : at + 9]
    # 评分表: each judge's printed total, the two dropped ones marked, and the module score they give
    for totals, score in (
        (["94.50", "79.00", "去掉", "100.00", "去掉", "83.50", "84.00"], "87.33"),
        (["88.00", "88.50", "89.00", "去掉", "87.50", "去掉", "88.00"], "88.17"),
        (["97.00", "91.00", "75.00", "去掉", "98.50", "去掉", "82.00"], "90.00"),
        (["75.00", "去掉", "75.00", "75.00", "75.00", "76.00", "去掉"], "75.00"),
    ):
        at = next(i for i in range(len(sheet_words)) if sheet_words[i : i + len(totals)] == totals)
        assert sheet_words[at - 1] == "评分表合计" and sheet_words[
            at + len(totals) : at + len(totals) + 2
        ] == [
            "模块得分",
            score,
        ], sheet_words[at - 1 : at + len(totals) + 2]
    assert "计分规则：按评分表合计去掉一个最高分和一个最低分后取平均" in sheet_words
    # the recompute bundle carries the two rubric snapshots: the standings re-derive from it alone
    bundle = tmp_path / "recompute-bundle.zip"
    chief = {"CONTEST_AS": "C1", "CONTEST_PIN": pin["C1"]}
    cli("--db", str(db), "export", "bundle", "-o", str(bundle), env=chief)
    assert "重算结果与包内记录一致（2 名）" in cli("audit", "recompute", str(bundle))


def test_item_level_prints_each_items_derivation(tmp_path: Path) -> None:
    """Module A with ``level = "item"``: first station, each item trimmed across the judges (equal marks ordered
    by judge code) — A1 55, 50, 60, 55, 45: drop J3 60 and J5 45 → (55 + 50 + 55) ÷ 3 = 53.33; A2 30, 20, 30,
    20, 30: drop J2 20 and J5 30 → 26.67; A3 9.5, 9, 10, 8.5, 9: drop J3 10 and J4 8.5 → 9.17; module
    53.33 + 26.67 + 9.17 = 89.17 and total 0.4 × 89.17 + 0.6 × 90 = 89.668 → 89.67. The 评分表 prints every
    dropped mark and each item's final score, so this too can be checked by hand."""
    words, sheet_words, first, *_ = run_contest(tmp_path, 'level = "item"')
    at = words.index(first)
    assert words[at + 3 : at + 9] == ["—", "89.17", "90.00", "89.67", "89.67", "一等奖"]
    expected = [
        "A1",
        "七步洗手",
        "60",
        "55.00",
        "A1b",
        "50.00",
        "A1a",
        "60.00",
        "去掉",
        "55.00",
        "A1b",
        "45.00",
        "去掉",
        "A1a、A1b",
        "53.33",
        "A2",
        "沟通与人文关怀",
        "30",
        "30.00",
        "等级",
        "3",
        "20.00",
        "去掉",
        "等级",
        "2",
        "30.00",
        "等级",
        "3",
        "20.00",
        "等级",
        "2",
        "30.00",
        "去掉",
        "等级",
        "3",
        "26.67",
        "A3",
        "操作总分",
        "10",
        "9.50",
        "直接给分",
        "9.00",
        "直接给分",
        "10.00",
        "去掉",
        "直接给分",
        "8.50",
        "去掉",
        "直接给分",
        "9.00",
        "直接给分",
        "9.17",
    ]
    a1 = sheet_words.index("A1")
    assert sheet_words[a1 : a1 + len(expected)] == expected
    assert "计分规则：按评分项去掉一个最高分和一个最低分后取平均" in sheet_words
