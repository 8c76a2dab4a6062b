"""Realistic sample data for the printing and export tests: a Jiangmen 养老护理员 contest with two groups, real
library rubrics, five-judge panels scored by :mod:`scoresheets`, and names with rare characters.

The builders here are imported by the other ``test_printing*`` and ``test_export*`` modules; the one test checks
the samples themselves are consistent.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from contest.printing.build import judge_rows, rounded_for_print, rule_text, score_sheet_page
from contest.printing.pages import (
    AlertRow,
    BlankSheet,
    BlankSheetData,
    Certificate,
    CertificateData,
    DocHeader,
    ModuleStats,
    ResultGroup,
    ResultRow,
    ResultSheetData,
    ScoreSheetData,
    StabilityRow,
    StabilityTable,
    StatsData,
    score_bands,
)
from rubrics.load import load_library
from rubrics.model import ItemKind, ModuleRubric
from scoresheets.arithmetic import score_sheet
from scoresheets.model import Applied, ItemEntry, JudgeSheet
from scoresheets.panel import AggregationLevel, AggregationRule, panel_score
from scoresheets.stats import judge_stats

CST = timezone(timedelta(hours=8))
PRINTED = datetime(2025, 6, 15, 16, 30, tzinfo=CST)
CONTEST = "江门市“南粤家政”养老护理员职业技能竞赛"
EDITION = "2025年（第三届）"
AUDIT = "9f3c2a71d04be5e6a1c0ffee00112233445566778899aabbccddeeff00112233"

RARE_NAMES = ("李龘", "陈𠮷", "欧阳燊")
"""Names with rare characters the bundled font has."""
MISSING_CHAR = "\U0002123c"
"""𡈼 (U+2123C): a name character LXGW WenKai lacks."""

PEOPLE = (
    ("李龘", "江门市中心医院颐养院", "440703********1234"),
    ("陈𠮷", "蓬江区社会福利院", "440704********2316"),
    ("欧阳燊", "新会区康怡护理院", "440705********0427"),
    ("黄堃", "台山市颐年园养老服务中心", "440781********5518"),
    ("梁喆", "开平市长者之家", "440783********6620"),
    ("谭玥", "鹤山市民政福利院", "440784********7042"),
    ("司徒垚", "恩平市颐康护理中心", "440785********1129"),
    ("关嫚", "江海区幸福院", "440704********3385"),
)


def header(*, draft: bool = False, reason: str = "") -> DocHeader:
    """The contest header (final unless ``draft``)."""
    return DocHeader(CONTEST, EDITION, PRINTED, AUDIT, draft=draft, draft_reason=reason)


def library() -> dict[str, ModuleRubric]:
    """The shipped module rubrics by code (A–D)."""
    return {m.code: m for m in load_library().modules.values()}


def judge_sheets(rubric: ModuleRubric, station: str, seed: int, judges: int = 5) -> list[JudgeSheet]:
    """Plausible sheets from ``judges`` judges: a few deductions, levels 1–3, one judge a bit severe."""
    out = []
    for j in range(judges):
        entries = []
        for k, item in enumerate(rubric.items):
            if item.kind == ItemKind.JUDGEMENT:
                entries.append(
                    ItemEntry(item.id, level=max(0, min(3, 2 + ((seed + j + k) % 3) - 1 - (j == 4))))
                )
            else:
                applied: tuple[Applied, ...] = ()
                if (seed + k + j) % 4 == 0 and item.deductions:
                    rule = item.deductions[(seed + j) % len(item.deductions)]
                    count = 2 if rule.repeatable and (seed + j) % 2 else 1
                    if rule.points * count <= item.points:
                        applied = (Applied(rule.code, count),)
                entries.append(ItemEntry(item.id, deductions=applied))
        seconds = rubric.time_limit_minutes * 60 - 120 + (seed * 47 % 200)
        out.append(JudgeSheet(f"J{j + 1:02d}", station, tuple(entries), seconds_used=seconds))
    return out


def panels(rubric: ModuleRubric, stations: list[str], judges: int = 5):  # type: ignore[no-untyped-def]
    """(station, sheets, panel) for each station."""
    out = []
    for n, st in enumerate(stations):
        sheets = judge_sheets(rubric, st, n, judges)
        results = [score_sheet(rubric, s) for s in sheets]
        out.append((st, sheets, panel_score(rubric, results, rule=AggregationRule.TRIMMED_MEAN)))
    return out


def result_sheet(*, draft: bool = False, anonymous: bool = False, rows: int = 8) -> ResultSheetData:
    """Two groups; the first has a shared rank, a tie broken by practical, a disqualification, an appeal."""
    titles = ("模块A 基础照护", "模块B 康复服务", "模块C 心理支持", "模块D 技术指导")

    def row(k: int, rank: int | None, total: str, award: str, remarks: tuple[str, ...] = ()) -> ResultRow:
        name, unit, idm = PEOPLE[k % len(PEOPLE)]
        base = Decimal(total)
        mods = (
            base + Decimal("1.25"),
            base - Decimal("2.10"),
            base + Decimal("0.50"),
            base - Decimal("0.33"),
        )
        return ResultRow(
            rank=rank,
            name="" if anonymous else name,
            unit="" if anonymous else unit,
            id_masked="" if anonymous else idm,
            station=f"A-{k + 1:02d}",
            theory=Decimal("88.50") - k,
            modules=mods if rank is not None else (mods[0], Decimal("0.00"), mods[2], mods[3]),
            practical=base,
            total=base - Decimal("0.40"),
            award=award,
            remarks=remarks,
        )

    main = (
        row(0, 1, "92.35", "一等奖", ("广东省技术能手推荐人选",)),
        row(1, 2, "90.10", "二等奖", ("并列",)),
        row(2, 2, "90.10", "二等奖", ("并列",)),
        row(3, 4, "88.75", "三等奖", ("总成绩相同，按实操成绩排序",)),
        row(
            4, 5, "86.40", "三等奖", ("经申诉复核，模块B成绩由 80.20 更正为 81.70（仲裁组 2025-06-15 裁定）",)
        ),
        row(5, 6, "79.05", "优胜奖"),
        row(6, 7, "71.80", ""),
        row(7, None, "65.20", "", ("取消资格：模块B 否决项 B-V1 擅自离开赛位",)),
    )[:rows]
    second = (
        ResultRow(
            rank=1,
            name="" if anonymous else "伍赟",
            unit="" if anonymous else "江门职业技术学院",
            id_masked="" if anonymous else "440702********4410",
            station="S-01",
            theory=Decimal("91.00"),
            modules=(Decimal("93.00"), Decimal("88.67"), Decimal("90.33"), Decimal("85.00")),
            practical=Decimal("89.25"),
            total=Decimal("89.60"),
            award="一等奖",
        ),
    )
    notes = (
        "理论成绩占 20%，实操成绩占 80%；实操成绩为四个模块等权平均。",
        "奖项比例：一等奖 10%、二等奖 20%、三等奖 30%（四舍五入）。",
    )
    return ResultSheetData(
        header=header(draft=draft, reason="裁判长未签核模块D，供核对用" if draft else ""),
        groups=(
            ResultGroup("养老护理员（职工组）", titles, main, notes),
            ResultGroup("养老护理员（学生组）", titles, second),
        ),
        anonymous=anonymous,
        show_station=True,
        publication="公示期：2025年6月16日至2025年6月20日（5个工作日）。",
        contact="对成绩有异议者，请于公示期内以书面形式向竞赛监督仲裁组反映。联系人：赵老师，电话：0750-3288123。",
        signatories=(("裁判长", ""), ("监督", "")) if anonymous else (),
        issuers=() if anonymous else ("江门市人力资源和社会保障局", "江门市民政局"),
        issue_date="" if anonymous else "2025年6月15日",
    )


def score_sheet_data(
    *, module: str = "A", stations: int = 2, judges: int = 5, draft: bool = False
) -> ScoreSheetData:
    """Filled score sheets from real panels of one library module."""
    rubric = library()[module]
    names = dict(
        zip([f"J{k:02d}" for k in range(1, 6)], ["周敏", "吴志坚", "郑丽华", "冯晓东", "何倩"], strict=True)
    )
    pages = []
    for k, (st, sheets, panel) in enumerate(
        panels(rubric, [f"{module}-{n + 1:02d}" for n in range(stations)], judges)
    ):
        person = PEOPLE[k % len(PEOPLE)]
        pages.append(
            score_sheet_page(
                rubric,
                sheets,
                panel,
                station=st,
                rule=rule_text(AggregationRule.TRIMMED_MEAN, AggregationLevel.ITEM),
                name=person[0],
                unit=person[1],
                judge_names=names,
                notes=("J03 于 10:42 更正 A3 等级 1→2（理由：录入错误，裁判长同意）",) if k == 0 else (),
            )
        )
    return ScoreSheetData(
        header=header(draft=draft, reason="模块未签核" if draft else ""),
        sheets=tuple(pages),
        chief_judge="林国强",
    )


def blank_sheets(module: str = "A", stations: tuple[str, ...] = ("A-01", "")) -> BlankSheetData:
    """Blank paper sheets of one module for the given stations."""
    rubric = library()[module]
    return BlankSheetData(
        header=header(),
        sheets=tuple(BlankSheet(rubric, s) for s in stations),
        project="养老护理员（职工组）",
        date="2025年6月14日",
    )


def certificates(*, text_only: bool = False, dx: float = 0.0, dy: float = 0.0) -> CertificateData:
    """Certificates for three winners."""
    awards = ("一等奖", "二等奖", "二等奖")
    certs = tuple(
        Certificate(
            name=PEOPLE[k][0],
            unit=PEOPLE[k][1],
            project="养老护理员（职工组）",
            award=awards[k],
            number=f"JMYL2025-{k + 1:03d}",
            verification=f"CONTEST-VERIFY:7K3M-9QX{k}",
        )
        for k in range(3)
    )
    return CertificateData(
        header=header(),
        certificates=certs,
        date="二〇二五年六月二十日",
        issuers=("江门市人力资源和社会保障局", "江门市民政局", "江门市总工会"),
        text_only=text_only,
        offset_x_mm=dx,
        offset_y_mm=dy,
    )


def stats_data() -> StatsData:
    """Statistics of two modules from real panels, with a stability table."""
    mods = []
    lib = library()
    for code in ("A", "C"):
        rubric = lib[code]
        ps = panels(rubric, [f"{code}-{n:02d}" for n in range(1, 9)])
        scores = sorted(p.score for _, _, p in ps)
        n = len(scores)
        median = (scores[n // 2 - 1] + scores[n // 2]) / 2
        mean = sum(scores, Decimal(0)) / n
        mods.append(
            ModuleStats(
                title=f"模块{code} {rubric.title.zh}",
                count=n,
                mean=rounded_for_print(mean),
                median=rounded_for_print(median),
                minimum=scores[0],
                maximum=scores[-1],
                bands=score_bands(scores),
                judges=judge_rows(judge_stats(p for _, _, p in ps)),
                alerts=(
                    AlertRow(
                        f"{code}-03",
                        f"{code}3 沟通解释",
                        Decimal(2),
                        Decimal(1),
                        "J01 1、J02 3、J03 2、J04 2、J05 1",
                        "已复核，维持",
                    ),
                    AlertRow(
                        f"{code}-05", "", Decimal("12.5"), Decimal(10), "J01 82.00、J02 94.50、J03 88.00", ""
                    ),
                ),
            )
        )
    stability = StabilityTable(
        columns=("去掉裁判 J01", "去掉裁判 J05", "按中位数计分"),
        rows=(
            StabilityRow("李龘", "一等奖", ("一等奖", "一等奖", "一等奖")),
            StabilityRow("陈𠮷", "二等奖", ("二等奖", "一等奖", "二等奖")),
            StabilityRow("黄堃", "三等奖", ("二等奖", "三等奖", "")),
        ),
        note="仅供裁判长参考，不影响公示成绩。",
    )
    return StatsData(header=header(), modules=tuple(mods), stability=stability)


def workbook_data(*, draft: bool = False):  # type: ignore[no-untyped-def]
    """The results workbook: result groups, two module sheets from real panels, theory, judge statistics."""
    from contest.export import (
        ModuleJudges,
        ModuleRow,
        ModuleTable,
        ResultsWorkbookData,
        TheoryRow,
        TheoryTable,
    )

    lib = library()
    modules = []
    judges = []
    for code in ("A", "B"):
        rubric = lib[code]
        ps = panels(rubric, [f"{code}-{n:02d}" for n in range(1, 5)])
        rows = tuple(
            ModuleRow(
                station=st,
                name=PEOPLE[k][0],
                totals=tuple(r.total_after_veto for r in panel.sheets),
                score=panel.score,
                note="",
            )
            for k, (st, _, panel) in enumerate(ps)
        )
        modules.append(
            ModuleTable(
                f"模块{code} {rubric.title.zh}",
                tuple(r.judge for r in ps[0][2].sheets),
                rows,
                rule=rule_text(AggregationRule.TRIMMED_MEAN, AggregationLevel.ITEM),
            )
        )
        judges.append(ModuleJudges(f"模块{code}", judge_rows(judge_stats(p for _, _, p in ps))))
    theory = TheoryTable(
        ("职业道德", "基础知识", "相关知识"),
        tuple(
            TheoryRow(
                f"A-{k + 1:02d}",
                name,
                unit,
                (Decimal("9.00"), Decimal("27.50"), Decimal(51) - k),
                Decimal("87.50") - k,
            )
            for k, (name, unit, _) in enumerate(PEOPLE[:4])
        ),
    )
    return ResultsWorkbookData(
        header=header(draft=draft, reason="模块D未签核" if draft else ""),
        groups=result_sheet().groups,
        modules=tuple(modules),
        theory=theory,
        judges=tuple(judges),
        notes=("理论成绩占 20%，实操成绩占 80%。",),
    )


def test_samples_are_consistent() -> None:
    data = result_sheet()
    for group in data.groups:
        assert all(len(r.modules) == len(group.module_titles) for r in group.rows)
    assert len(score_sheet_data().sheets) == 2
