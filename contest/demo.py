"""``contest demo``: a complete, realistic contest day on SQLite in a fresh directory.

Generated people (never real ones): 60 contestants from several units with valid ID numbers, judges for four
modules on 5-judge panels, the draw, simulated marking with deductions, levels, a veto, overtime, a spread alert
that the chief judge resolves by returning a sheet, a tie, auto-marked theory papers, sign-off, two-person
decryption, standings, and the printed documents and workbook.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from contest.intake.contestants import import_contestants
from contest.intake.idcard import make_valid_id
from contest.intake.judges import import_judges
from contest.intake.theory import AnswerSheet, KeyQuestion, answer_key, mark_answers
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.services.core import PinHasher
from contest.services.views import Actor
from contest.store.engine import make_engine
from contest.store.migrate import upgrade
from rubrics.load import load_library
from rubrics.model import ItemKind, ModuleRubric, QuestionType
from scoresheets.model import Applied, ItemEntry

SURNAMES = "陈李黄张梁林吴何刘区谭余冯赵钟罗周叶甘容伍关麦胡邓"
GIVEN = [
    "丽华",
    "秀英",
    "美玲",
    "少芬",
    "惠娟",
    "玉珍",
    "嘉欣",
    "淑仪",
    "燕萍",
    "结好",
    "桂芳",
    "翠霞",
    "颖",
    "敏",
    "碧莹",
    "志强",
    "伟明",
    "家豪",
    "锦荣",
    "月娥",
    "彩云",
    "凤娇",
    "婉婷",
    "巧玲",
    "洁",
    "静怡",
    "梓晴",
    "焕英",
]
UNITS = [
    "江门市社会福利院",
    "蓬江区潮连街道颐康中心",
    "蓬江区环市街道颐康中心",
    "江门市松柏颐养院",
    "蓬江区白沙街道长者服务站",
    "江门市康乐护养院",
    "蓬江区杜阮镇敬老院",
    "江门市家政服务协会",
]
JUDGE_NAMES = [
    "周慧敏",
    "冯国强",
    "区秀兰",
    "谭志坚",
    "林晓燕",
    "何振华",
    "梁淑贞",
    "吴建新",
    "黄丽娟",
    "邓伟雄",
    "陈碧霞",
    "李永康",
    "甘月明",
    "容小红",
    "关家辉",
    "麦少珍",
    "胡国平",
    "余美琪",
    "罗志成",
    "钟嘉怡",
    "司徒伟",
    "简秀珍",
    "温志豪",
    "伍丽芬",
    "叶国梁",
]
GROUPED = "D"
"""The demo module marked by two judge groups (评分分组) in 场次 of 5 stations: J16–J20 and J21–J25."""
REGIONS = ["440703", "440704", "440705", "440781"]
DEMO_PIN = "123456"
MODULE_WEIGHTS = {"A": 30, "B": 25, "C": 25, "D": 20}
"""The demo's modules (the seed contest's four: 基础照护, 康复服务, 心理支持, 技术指导) and their weights; the library's
other modules (生活照护, 用药照护与风险应对) are not part of the demo contest."""


@dataclass
class DemoResult:
    """Where everything went and what to show."""

    directory: Path
    database: Path
    files: dict[str, Path] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    story: list[str] = field(default_factory=list)


def demo_config(*, calibration: bool = True) -> str:
    """The demo contest configuration (5-judge panels on all four modules). ``calibration``: module A's live
    marking waits for a closed calibration round, as in the demo (benchmarks and screenshots mark at once)."""
    lib = load_library()
    mods = ""
    seed_modules = (m for m in lib.modules.values() if m.code in MODULE_WEIGHTS)
    for m in sorted(seed_modules, key=lambda m: m.code):
        mods += (
            f'[[modules]]\nrubric = "{m.id}"\nhash = "{m.content_hash[:16]}"\nweight = {MODULE_WEIGHTS[m.code]}\n'
            'panel_size = 5\naggregation = "trimmed_mean"\nlevel = "sheet"\n'
            "tolerance = { judgement_levels = 1, sheet_total = 12 }\n\n"
        )
    return f"""# 演示竞赛配置 / demo contest configuration
[contest]
name = {{ zh = "2026年蓬江区“南粤家政”养老护理员职业技能竞赛（演示）", en = "2026 Pengjiang Elderly-Care Skills Competition (demo)" }}
edition = "第三届"
dates = ["2026-05-20"]
venue = "江门市蓬江区南粤家政实训基地"
organisers = ["江门市蓬江区人力资源和社会保障局"]
issuing_bodies = ["江门市蓬江区人力资源和社会保障局"]
projects = ["养老护理员"]
publication = {{ period = "2026年5月22日至5月28日", contact = "蓬江区人社局职业能力建设股 0750-0000000" }}

[scoring]
theory_weight = 0.2
theory_blueprint = "elderly_care.theory"
tiebreak = ["total", "practical", "theory"]

{mods}[awards]
min_total = 60
tie_policy = "higher"
tiers = [
  {{ name = "一等奖", name_en = "First prize", mode = "ratio", value = 0.1 }},
  {{ name = "二等奖", name_en = "Second prize", mode = "ratio", value = 0.2 }},
  {{ name = "三等奖", name_en = "Third prize", mode = "ratio", value = 0.3 }},
]
titles = [ {{ name = "技术能手（推荐）", name_en = "Technical expert nomination", top_n = 4 }} ]

[certificates]
number_prefix = "PJ2026"

# 评分标定：模块A的裁判先评两段示范录像，裁判长结束标定后才能正式评分
[feedback]
contestant_sheets = true

[calibration]
required = {'["A"]' if calibration else "[]"}
share_tolerance = 10
level_gap = 1
"""


def _people(rng: random.Random, n: int) -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []
    used: set[str] = set()
    while len(out) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name in used:
            continue
        used.add(name)
        male = rng.random() < 0.15
        birth = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
        idn = make_valid_id(rng.choice(REGIONS), birth, len(out), male)
        phone = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
        out.append((name, "男" if male else "女", idn, rng.choice(UNITS), phone))
    return out


def write_contestant_workbook(path: Path, people: list[tuple[str, str, str, str, str]]) -> None:
    """The organisers' registration workbook: a merged title row above the header, IDs stored as text."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报名表"
    ws.append(["2026年蓬江区养老护理技能竞赛报名表"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "姓名", "性别", "身份证号码", "工作单位", "联系电话", "参赛项目"])
    for i, (name, gender, idn, unit, phone) in enumerate(people, 1):
        ws.append([i, name, gender, idn, unit, phone, "养老护理员"])
    for row in ws.iter_rows(min_row=3, min_col=4, max_col=4):
        for c in row:
            c.number_format = "@"
    wb.save(path)


def write_judge_workbook(path: Path) -> list[tuple[str, str, str]]:
    """The judges list: 25 marking judges (5 per module, two groups of 5 in module D) and the officials; returns
    (code, name, role)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "裁判名单"
    ws.append(["裁判编号", "姓名", "工作单位", "角色", "评分模块", "评分组"])
    rows: list[tuple[str, str, str]] = []
    k = 0
    for code in "ABCD":
        for n in range(10 if code == GROUPED else 5):
            k += 1
            unit = "江门职业技术学院" if k % 7 else UNITS[0]  # one judge shares a unit: flagged 回避
            name = JUDGE_NAMES[k - 1]
            group = (f"第{n // 5 + 1}组") if code == GROUPED else ""
            ws.append([f"J{k:02d}", name, unit, "评分裁判", code, group])
            rows.append((f"J{k:02d}", name, f"评分裁判 模块{code}{' ' + group if group else ''}"))
    for code, name, role in [
        ("E01", "加密员", "加密裁判"),
        ("C01", "裁判长", "裁判长"),
        ("S01", "监督员", "监督"),
        ("O01", "赛务员", "组织者"),
    ]:
        ws.append([code, name, "蓬江区人社局", role, ""])
        rows.append((code, name, role))
    wb.save(path)
    return rows


def _committed(rng: random.Random, rubric: ModuleRubric, ability: float) -> dict[str, int]:
    """The errors a contestant actually made in a module (what every judge is watching)."""
    out: dict[str, int] = {}
    for item in rubric.items:
        for d in item.deductions:
            if rng.random() < (1 - ability) * 0.5:
                out[d.code] = rng.randint(1, 2) if d.repeatable else 1
    return out


def _simulate_entries(
    rng: random.Random, rubric: ModuleRubric, ability: float, judge_bias: float, committed: dict[str, int]
) -> list[ItemEntry]:
    """One judge's sheet: each committed error is seen with probability 0.9; levels vary a little by judge."""
    entries = []
    for item in rubric.items:
        if item.kind == ItemKind.JUDGEMENT:
            x = ability * 3 + judge_bias + rng.uniform(-0.3, 0.3)
            level = 3 if x >= 2.5 else 2 if x >= 1.5 else 1 if x >= 0.5 else 0
            entries.append(ItemEntry(item.id, level=level))
            continue
        applied = tuple(
            Applied(d.code, committed[d.code])
            for d in item.deductions
            if d.code in committed and rng.random() < 0.9
        )
        entries.append(ItemEntry(item.id, applied))
    return entries


CALIBRATION_VIDEOS = (("示范录像一（规范操作）", 0.9), ("示范录像二（常见错误）", 0.5))
"""The calibration performances of the demo's module A: a title and the ability the video shows."""


def _calibration_round(
    sv: Services, judges: list[Actor], seed: int, directory: Path, res: DemoResult
) -> None:
    """评分标定 of module A before live marking: its five judges mark two videos; the fifth judge reads the
    judgement descriptors more strictly than the others, so the report has items and a judge to discuss. The
    report is printed, then the chief judge closes the round (module A's live marking waits for that)."""
    chief = sv.login("C01", DEMO_PIN)
    rubric = sv.config().module("A").rubric
    for title, ability in CALIBRATION_VIDEOS:
        code = sv.add_calibration(chief, "A", title)
        made = _committed(random.Random(f"{seed}:calibration:{code}"), rubric, ability)
        for jn, judge in enumerate(judges):
            bias = -0.9 if jn == 4 else (jn - 2) * 0.05
            entries = _simulate_entries(
                random.Random(f"{seed}:{code}:{judge.code}"), rubric, ability, bias, made
            )
            view = sv.open_calibration_sheet(judge, "A", code)
            for entry in entries:
                view = sv.save_calibration_mark(judge, "A", code, entry, view.version)
            view = sv.set_calibration_info(
                judge,
                "A",
                code,
                seconds_used=rubric.time_limit_minutes * 60 - 90,
                expected_version=view.version,
            )
            sv.submit_calibration_sheet(judge, "A", code, view.version)
    report = sv.calibration_report(chief, "A").report
    from contest.outputs import write_calibration_report

    out = directory / "输出"
    out.mkdir(parents=True, exist_ok=True)
    res.files["评分标定报告（模块A）"] = write_calibration_report(sv, chief, out / "评分标定报告_A.pdf", "A")
    sv.close_calibration(chief, "A")
    strict = [j.judge for j in report.judge_figures if j.far_items]
    w = report.kendall_w
    res.story.append(
        f"评分标定：模块A的 {len(judges)} 名裁判先评 {len(CALIBRATION_VIDEOS)} 段示范录像，"
        f"{len(report.flagged)} 个评分项需在说明会上统一尺度（偏离较大：{'、'.join(strict) or '无'}；"
        f"W = {w:.2f}）；裁判长结束标定后开始正式评分"
        if w is not None
        else "评分标定完成"
    )


def run_demo(
    directory: Path,
    say: Callable[[str], None] = lambda _: None,
    n: int = 60,
    seed: int = 2026,
    *,
    hasher: PinHasher | None = None,
) -> DemoResult:
    """Build the whole demo contest in ``directory`` (which must not hold a database yet); PINs are hashed by
    ``hasher`` (default :data:`contest.services.core.PIN_HASHER`)."""
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "contest.db"
    if db.exists():
        from contest.errors import ContestError

        raise ContestError(f"{db} 已存在；请换一个目录 / already exists, choose a new directory")
    rng = random.Random(seed)
    res = DemoResult(directory, db)
    cfg_path = directory / "contest.toml"
    cfg_path.write_text(demo_config(), encoding="utf-8")
    res.files["配置 contest.toml"] = cfg_path

    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    sv = Services(
        engine,
        Services.create_contest(engine, cfg_path.read_text(encoding="utf-8"), str(cfg_path), hasher=hasher),
        hasher=hasher,
    )
    say("竞赛已创建 / contest created")

    people = _people(rng, n)
    # a pair with identical marks later, to show a shared rank
    cw = directory / "选手报名表.xlsx"
    write_contestant_workbook(cw, people)
    res.files["选手报名表"] = cw
    read = import_contestants(cw, projects=["养老护理员"], contest_date=date(2026, 5, 20))
    if read.problems:
        raise RuntimeError(f"demo workbook has problems: {read.problems[:3]}")
    sv.import_contestants(
        CONSOLE,
        [
            ContestantIn(r.name, r.gender, r.id_number, r.unit, r.phone, r.project, r.note)
            for r in read.records
        ],
        source=cw.name,
    )
    say(f"导入选手 {len(read.records)} 名 / contestants imported")

    jw = directory / "裁判名单.xlsx"
    res.logins = write_judge_workbook(jw)
    res.files["裁判名单"] = jw
    jr = import_judges(jw, modules=list("ABCD"))
    if jr.problems:
        raise RuntimeError(f"demo judges workbook has problems: {jr.problems[:3]}")
    sv.import_judges(
        CONSOLE,
        [
            JudgeIn(j.code, j.name, j.unit, j.roles, j.modules, pin=DEMO_PIN, group=j.group)
            for j in jr.records
        ],
    )
    for w in sv.recusals():
        res.story.append(str(w))
    say(f"导入裁判 {len(jr.records)} 名 / judges imported")

    enc = sv.login("E01", DEMO_PIN)
    sv.draw(enc, f"demo-{seed}")
    say("抽签加密完成 / draw done")
    organiser = sv.login("O01", DEMO_PIN)
    plan = sv.plan_schedule(
        organiser, GROUPED, 5, start="2026-05-20 08:30", minutes=40, gap=10, tracks=["一号赛道", "二号赛道"]
    )
    res.story.append(
        f"模块{GROUPED}分两个评分组，{len(plan)} 场（每轮两个赛道并行，每场5个赛位，{plan[0].starts[11:]}–"
        f"{plan[-1].ends[11:]}），各组只评本组场次的赛位"
    )

    cfg = sv.config()
    first = sv.login("J01", DEMO_PIN)
    stations = [s.station for s in sv.stations(first, "A")]
    ability = {st: rng.uniform(0.35, 0.95) for st in stations}
    twin_a, twin_b = stations[3], stations[4]
    ability[twin_b] = ability[twin_a]
    vetoed = stations[7]
    absent = stations[-2]  # 检录: absent from module C — off every marking list, no award
    sv.checkin(organiser, absent, "C", "absent", "未按时检录")
    res.story.append(f"赛位 {absent} 模块C检录缺考：不评分，该模块记0分，保留名次但不获奖")
    overtime = set(stations[10:14])
    alert_station = stations[1]
    judges_by_module = {
        code: [f"J{k:02d}" for k in range(1 + 5 * i, (11 if code == GROUPED else 6) + 5 * i)]
        for i, code in enumerate("ABCD")
    }
    actors = {j: sv.login(j, DEMO_PIN) for js in judges_by_module.values() for j in js}
    _calibration_round(sv, [actors[j] for j in judges_by_module["A"]], seed, directory, res)
    say("模块A评分标定完成 / module A calibrated")
    for code, js in judges_by_module.items():
        rubric = cfg.module(code).rubric
        limit = rubric.time_limit_minutes * 60
        for jn, j in enumerate(js):
            bias = (jn % 5 - 2) * 0.05
            mine = sv.stations(actors[j], code)  # 评分分组: only the group's 场次
            recused = {s.station for s in mine if s.avoid}  # 回避: never marks them
            for st in [s.station for s in mine]:
                if st in recused:
                    continue
                who = st if st != twin_b else twin_a
                sub = random.Random(f"{seed}:{code}:{j}:{who}")
                made = _committed(random.Random(f"{seed}:{code}:{who}"), rubric, ability[who])
                entries = _simulate_entries(sub, rubric, ability[st], bias, made)
                veto = None
                if code == "B" and st == vetoed and jn < 4:
                    veto = rubric.vetoes[0].code
                if code == "C" and st == alert_station and jn == 0:
                    entries = [ItemEntry(e.item_id, level=0) if e.level is not None else e for e in entries]
                seconds = limit - sub.randint(30, 240)
                if st in overtime:
                    seconds = limit + 75 if code == "A" else seconds
                sv.enter_sheet(
                    actors[j],
                    code,
                    st,
                    entries,
                    seconds_used=seconds,
                    veto=veto,
                    comment="演示数据" if veto else "",
                )
        say(f"模块 {code} 评分完成 / module {code} marked")
    res.story.append(
        f"赛位 {vetoed} 在模块B触发否决项（{cfg.module('B').rubric.vetoes[0].text.zh}），该模块记0分"
    )
    res.story.append(f"赛位 {', '.join(sorted(overtime))} 在模块A超时75秒，按规则扣分")

    chief = sv.login("C01", DEMO_PIN)
    alerts = sv.alerts(chief)
    res.story.append(f"分差警示 {len(alerts)} 条，例如赛位 {alert_station} 模块C（裁判J11给出0级）")
    sv.return_sheet(chief, "C", alert_station, "J11", "评价项与其他裁判相差超过1级，请复核")
    view = sv.open_sheet(actors["J11"], "C", alert_station)
    rub_c = cfg.module("C").rubric
    fixed = [
        ItemEntry(i.id, level=2) if i.kind == ItemKind.JUDGEMENT else view.entries[i.id] for i in rub_c.items
    ]
    sv.enter_sheet(
        actors["J11"],
        "C",
        alert_station,
        fixed,
        seconds_used=view.seconds_used or 600,
        expected_version=view.version,
    )
    res.story.append("裁判长退回J11的评分表，J11复核后重新提交")
    left = list(sv.alerts(chief))
    for code in "ABCD":
        open_here = [a for a in left if a.module_code == code]
        reasons = [f"{len(open_here)} 条分差已由裁判长复核确认"] if open_here else []
        fair = sv.group_fairness(chief, code)
        if fair is not None:
            res.story.append(
                f"模块{code}分组宽严对照："
                + "；".join(f"第{g.group}组 平均 {g.mean} 分（与另一组之差 {g.gap}）" for g in fair.groups)
            )
            if fair.flagged:
                reasons.append("两组平均分差超出容差，经核查评分表与场次安排无误")
        sv.sign_off(chief, code, "；".join(reasons) or None)
    say("四个模块均已签核 / all modules signed off")

    bp = cfg.theory
    assert bp is not None
    qs, num = [], 0
    for sec in bp.sections:
        for sa in sec.subareas:
            for g in sa.groups:
                for _ in range(g.count):
                    num += 1
                    ans = {
                        QuestionType.SINGLE: rng.choice("ABCD"),
                        QuestionType.MULTIPLE: "".join(sorted(rng.sample("ABCDE", 2))),
                        QuestionType.TRUE_FALSE: rng.choice("TF"),
                    }[g.type]
                    qs.append(KeyQuestion(num, g.type, ans, sec.id, sa.id, g.points_each, num + 1))
    key = answer_key(bp, qs)
    sheets = []
    for i, st in enumerate(stations):
        r2 = random.Random(f"theory:{st if st != twin_b else twin_a}")
        p_ok = 0.55 + ability[st] * 0.4
        answers = tuple(
            (
                q.number,
                q.answer
                if r2.random() < p_ok
                else ("A" if q.answer != "A" else "B")
                if q.type != QuestionType.TRUE_FALSE
                else ("F" if q.answer == "T" else "T"),
            )
            for q in qs
        )
        sheets.append(AnswerSheet(st, answers, i + 2))
    marks = mark_answers(key, sheets)
    sv.import_theory_scores(CONSOLE, {m.station: (m.total, m.breakdown()) for m in marks}, source="理论机考")
    say("理论答卷自动评分完成 / theory papers marked")
    res.story.append(f"赛位 {twin_a} 与 {twin_b} 各项成绩相同，名次并列")

    sv.decrypt("C01", DEMO_PIN, "S01", DEMO_PIN)
    say("裁判长与监督共同解密 / decrypted by chief judge and supervisor")
    from contest.outputs import write_all_outputs

    res.files.update(write_all_outputs(sv, directory / "输出", lang="zh"))
    from contest.outputs_feedback import write_unit_feedback  # 以赛促训: one report per unit and the workbook

    feedback = write_unit_feedback(
        sv, CONSOLE, directory / "输出" / "培训反馈报告", contestants=True, lang="zh"
    )
    res.files["培训反馈报告（每单位一份）"] = feedback[0].parent
    res.files["培训反馈汇总"] = next(f for f in feedback if f.suffix == ".xlsx")
    res.files["个人成绩反馈单"] = feedback[-1]
    from contest.outputs import write_group_fairness, write_schedule

    out = directory / "输出"
    res.files["场次安排表"] = write_schedule(sv, organiser, out / "场次安排表.pdf")
    res.files[f"分组评分宽严对照表（模块{GROUPED}）"] = write_group_fairness(
        sv, chief, out / f"分组评分宽严对照表_{GROUPED}.pdf", GROUPED
    )
    _rubric_preview(sv, chief, res)
    return res


def _rubric_preview(sv: Services, chief: Actor, res: DemoResult) -> None:
    """评分细则更正预览: what would happen if module A's rule A2-1 had been printed at 2 points instead of 3 —
    previewed (and logged) only; the demo applies nothing."""
    rule = sv.config().module("A").rubric.item("A2")
    if rule is None or not rule.deductions:
        return
    code = rule.deductions[0].code
    before = rule.deductions[0].points
    after = max(before - 1, before / 2)
    view = sv.preview_rubric_change(chief, "A", edits=[f"{code}={after}"])
    changed = sum(1 for r in view.rows if r.line.changed)
    awards = sum(1 for r in view.rows if r.line.award_before != r.line.award_after)
    res.story.append(
        f"评分细则更正预览：若模块A {code} 扣分由 {before} 改为 {after}，{changed} 人成绩变化，"
        f"{len(view.moved)} 人名次或奖项变化（奖项变化 {awards} 人）；仅预览，未应用"
    )


__all__ = ["DEMO_PIN", "DemoResult", "Decimal", "run_demo"]
