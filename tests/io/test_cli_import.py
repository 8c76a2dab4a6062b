"""``contest import …`` and ``contest template …`` end to end: real workbooks in ``tmp_path``, a real SQLite contest
created with ``contest init``, and the services to check what was (or was not) stored."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from contest.cli import app
from contest.intake import make_valid_id
from contest.services import CONSOLE, Services
from contest.store.engine import make_engine
from rubrics.model import QuestionType, TheoryBlueprint
from tests.contest_toml import small_config
from tests.pins import CHEAP_HASHER

D = Decimal
TITLE = "2026年蓬江区养老护理技能竞赛报名表"
HEADER = ["序号", "姓名", "性别", "身份证号", "工作单位", "联系电话", "参赛项目", "备注"]
JUDGE_HEADER = ["编号", "姓名", "工作单位", "角色", "评分模块"]
runner = CliRunner()


# -- helpers -------------------------------------------------------------------------------------------------------
def xlsx(path: Path, rows: list[list[object]], *, title: str | None = None, sheet: str = "Sheet1") -> Path:
    """An .xlsx with ``rows`` (under a merged title row if given); every cell that holds text is stored as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    wb.close()
    return path


def person_id(seq: int, male: bool) -> str:
    return make_valid_id("440703", date(1985, 3, 4), seq, male)


def people(n: int = 3) -> list[list[object]]:
    units = ["蓬江区社会福利院", "江门市颐康养老中心", "白沙街道长者服务站"]
    return [
        [
            i + 1,
            f"测试{'甲乙丙丁戊己庚辛壬癸'[i]}",
            "男" if i % 2 == 0 else "女",
            person_id(i, i % 2 == 0),
            units[i % 3],
            f"1391234{i:04d}",
            "养老护理员",
            "",
        ]
        for i in range(n)
    ]


ORGANISER_PINS: dict[Path, str] = {}
"""The organiser PIN ``contest init`` printed, per database: commands run as the organiser unless told."""


def run(db: Path, *args: str, env: dict[str, str] | None = None):
    who = {"CONTEST_AS": "ORG", "CONTEST_PIN": ORGANISER_PINS[db]} if db in ORGANISER_PINS else {}
    return runner.invoke(app, ["--db", str(db), *args], env=who | (env or {}))


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def sv(db: Path) -> Services:
    return Services(make_engine(f"sqlite:///{db}"), hasher=CHEAP_HASHER)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """One table row per line whatever the terminal (the CLI's consoles are made when contest.cli is imported)."""
    import contest.cli as cli

    for c in (cli.console, cli.err):
        monkeypatch.setattr(c, "_width", 200)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh contest made with ``contest init``."""
    cfg = tmp_path / "contest.toml"
    cfg.write_text(small_config(), encoding="utf-8")
    path = tmp_path / "contest.db"
    out = ok(run(path, "init", str(cfg)))
    assert "已创建竞赛" in out
    ORGANISER_PINS[path] = re.search(r"ORG\s+PIN: (\d{6})", out)[1]  # type: ignore[index]
    return path


def contestants_file(tmp_path: Path, n: int = 3, name: str = "报名表.xlsx") -> Path:
    return xlsx(tmp_path / name, [HEADER, *people(n)], title=TITLE, sheet="报名表")


def import_judges(db: Path, tmp_path: Path) -> dict[str, str]:
    """Import E1 (encryption), C1 (chief), J1–J2 (marking A, B); return the PINs printed."""
    path = xlsx(
        tmp_path / "裁判名单.xlsx",
        [
            JUDGE_HEADER,
            ["E1", "赵加密", "蓬江区人社局", "加密裁判", ""],
            ["C1", "钱裁判", "江门市民政局", "裁判长", ""],
            ["J1", "孙评分", "某医院", "评分裁判", "A"],
            ["J2", "周评分", "某学校", "评分裁判", "A、B"],
        ],
        sheet="裁判名单",
    )
    out = ok(run(db, "import", "judges", str(path)))
    return dict(re.findall(r"│ ([A-Z]\d)\s*│[^│]*│[^│]*│ (\d{6})\s*│", out))


def draw(db: Path, tmp_path: Path, n: int = 3) -> list[str]:
    """Import ``n`` contestants and the judges, make the draw; return the stations."""
    ok(run(db, "import", "contestants", str(contestants_file(tmp_path, n))))
    pins = import_judges(db, tmp_path)
    out = ok(run(db, "draw", "--judge", "E1", "--seed", "x", env={"CONTEST_PIN": pins["E1"]}))
    assert "抽签完成" in out
    return sorted(line.station for line in sv(db).standings(CONSOLE).lines)


def theory_by_station(db: Path) -> dict[str, Decimal | None]:
    return {line.station: line.theory for line in sv(db).standings(CONSOLE).lines}


# -- contestants ---------------------------------------------------------------------------------------------------
def test_clean_workbook_imports_exactly_its_rows(db: Path, tmp_path: Path) -> None:
    out = ok(run(db, "import", "contestants", str(contestants_file(tmp_path, 3))))
    assert "表头在第 2 行：3 名选手" in out
    assert "新增 3，更新 0，未变 0，移出 0" in out
    assert sv(db).info().contestants == 3
    assert not (tmp_path / "报名表.问题标注.xlsx").exists()


def test_bad_rows_refuse_the_whole_file_and_write_an_annotated_copy(db: Path, tmp_path: Path) -> None:
    rows = people(5)
    rows[1][3] = str(rows[1][3])[:-1] + (
        "1" if str(rows[1][3])[-1] != "1" else "2"
    )  # Excel row 4: check digit
    rows[2][2] = "女"  # Excel row 5: the ID says 男
    rows[3][4] = None  # Excel row 6: 工作单位 missing
    path = xlsx(tmp_path / "报名表.xlsx", [HEADER, *rows], title=TITLE, sheet="报名表")
    result = run(db, "import", "contestants", str(path))
    assert result.exit_code == 1
    out = result.output
    located = re.findall(r"│ 报名表\s*│ (\d+)\s*│ ([A-Z])\s*│ (\w+)", out)
    assert located == [("4", "D", "id_number"), ("5", "C", "gender"), ("6", "E", "unit")]
    assert "校验位" in out and "第 17 位" in out and "未填写" in out
    assert "共 3 个问题，未导入任何数据" in out
    annotated = tmp_path / "报名表.问题标注.xlsx"
    assert annotated.is_file() and str(annotated.name) in out
    wb = openpyxl.load_workbook(annotated)
    assert [r[1] for r in wb["问题清单"].iter_rows(min_row=2, values_only=True)] == [4, 5, 6]
    assert wb["报名表"]["D4"].comment is not None
    assert sv(db).info().contestants == 0


def test_problems_in_english(db: Path, tmp_path: Path) -> None:
    rows = people(2)
    rows[1][2] = "男"
    path = xlsx(tmp_path / "list.xlsx", [HEADER, *rows], sheet="报名表")
    result = run(db, "--lang", "en", "import", "contestants", str(path))
    assert result.exit_code == 1
    assert "17th digit" in result.output
    assert sv(db).info().contestants == 0


def test_reimport_is_idempotent_and_updates_are_reported(db: Path, tmp_path: Path) -> None:
    path = contestants_file(tmp_path, 3)
    ok(run(db, "import", "contestants", str(path)))
    head = sv(db).audit_head()
    out = ok(run(db, "import", "contestants", str(path)))
    assert "新增 0，更新 0，未变 3，移出 0" in out
    assert sv(db).info().contestants == 3
    rows = people(3)
    rows[0][4] = "蓬江区第二福利院"
    changed = xlsx(tmp_path / "报名表_更新.xlsx", [HEADER, *rows], sheet="报名表")
    out = ok(run(db, "import", "contestants", str(changed)))
    assert "新增 0，更新 1，未变 2" in out
    assert "蓬江区社会福利院→蓬江区第二福利院" in out
    assert sv(db).audit_head() != head


def test_dry_run_changes_nothing(db: Path, tmp_path: Path) -> None:
    path = contestants_file(tmp_path, 3)
    out = ok(run(db, "import", "contestants", str(path), "--dry-run"))
    assert "试运行，未写入" in out and "将新增 3" in out
    assert sv(db).info().contestants == 0
    ok(run(db, "import", "contestants", str(path)))
    seq = sv(db).events(1)[0][0]
    rows = people(2)
    rows[0][4] = "蓬江区第二福利院"
    smaller = xlsx(tmp_path / "少一人.xlsx", [HEADER, *rows], sheet="报名表")
    out = ok(run(db, "import", "contestants", str(smaller), "--dry-run", "--remove-missing"))
    assert "将新增 0，更新 1，未变 1，移出 1" in out and "移出名单" in out
    assert sv(db).info().contestants == 3
    # a dry run leaves no trace but the organiser's login
    assert [(actor, kind) for n, _, actor, kind, _ in sv(db).events(5) if n > seq] == [("ORG", "login")]
    assert "未变 3" in ok(run(db, "import", "contestants", str(path)))
    assert "移出 1" in ok(run(db, "import", "contestants", str(smaller), "--remove-missing"))
    assert sv(db).info().contestants == 2


def test_sheet_and_column_mapping(db: Path, tmp_path: Path) -> None:
    header = ["序号", "选手", "性别", "证件", "工作单位"]
    rows = [r[:5] for r in people(2)]
    path = xlsx(tmp_path / "多表.xlsx", [header, *rows], sheet="说明")
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("名单")
    for r in [header, *rows]:
        ws.append(r)
    wb.save(path)
    out = ok(
        run(
            db,
            "import",
            "contestants",
            str(path),
            "--sheet",
            "1",
            "--map",
            "姓名=选手",
            "--map",
            "id_number=D",
        )
    )
    assert "工作表“名单”" in out and "新增 2" in out
    bad = run(db, "import", "contestants", str(path), "--map", "姓名")
    assert bad.exit_code == 1 and "字段=表头" in bad.output


def test_missing_file_and_no_contest(tmp_path: Path) -> None:
    result = run(tmp_path / "empty.db", "import", "contestants", str(tmp_path / "none.xlsx"))
    assert result.exit_code == 1 and "找不到文件" in result.output
    path = contestants_file(tmp_path)
    result = run(tmp_path / "empty.db", "import", "contestants", str(path))
    assert result.exit_code == 1 and "contest init" in result.output


# -- lots ----------------------------------------------------------------------------------------------------------
LOTS_HEADER = ["姓名", "身份证号", "抽签号"]


def test_lots_go_through_the_steps_every_import_takes(tmp_path: Path) -> None:
    """``contest import lots``: the file must exist, its problems are located in an annotated copy and nothing is
    stored, then a clean file is read (and where it was read said) and stored whole."""
    cfg = tmp_path / "contest.toml"
    cfg.write_text(small_config() + '\n[draw]\nlots = "drawn"\n', encoding="utf-8")
    db = tmp_path / "contest.db"
    out = ok(run(db, "init", str(cfg)))
    ORGANISER_PINS[db] = re.search(r"ORG\s+PIN: (\d{6})", out)[1]  # type: ignore[index]
    ok(run(db, "import", "contestants", str(contestants_file(tmp_path))))
    names = [str(r[1]) for r in people(3)]

    result = run(db, "import", "lots", str(tmp_path / "none.xlsx"))
    assert result.exit_code == 1 and "找不到文件" in result.output

    bad = xlsx(
        tmp_path / "抽签表.xlsx",
        [LOTS_HEADER, [names[0], "", 1], [names[1], "", "x"], [names[2], "", 1]],
        sheet="抽签",
    )
    result = run(db, "import", "lots", str(bad))
    assert result.exit_code == 1, result.output
    located = re.findall(r"│ 抽签\s*│ (\d+)\s*│ ([A-Z])\s*│ (\w+)", result.output)
    assert sorted(located) == [("2", "C", "draw_no"), ("3", "C", "draw_no"), ("4", "C", "draw_no")], located
    assert "未导入任何数据" in result.output
    assert (tmp_path / "抽签表.问题标注.xlsx").is_file()
    assert sv(db).encryption().keyed == 0

    good = xlsx(
        tmp_path / "抽签表.xlsx",
        [LOTS_HEADER, [names[0], "", 2], [names[1], "", 3], [names[2], "", 1]],
        sheet="抽签",
    )
    out = ok(run(db, "import", "lots", str(good)))
    assert "读取 抽签表.xlsx，工作表“抽签”，表头在第 1 行：3 个抽签号" in out
    assert "已登记 3 个抽签号" in out and "已录入 3/3" in out
    assert sv(db).encryption().keyed == 3


# -- judges --------------------------------------------------------------------------------------------------------
def test_judges_get_pins_once_and_can_log_in(db: Path, tmp_path: Path) -> None:
    before = {p.name for p in tmp_path.iterdir()}
    pins = import_judges(db, tmp_path)
    assert set(pins) == {"E1", "C1", "J1", "J2"}
    actor = sv(db).login("J2", pins["J2"])
    assert actor.code == "J2" and actor.has("marking")
    assert sv(db).login("E1", pins["E1"]).has("encryption")
    assert {(c, m) for c, _n, _u, _r, m in sv(db).judges()} >= {("J1", ("A",)), ("J2", ("A", "B"))}
    after = {p.name for p in tmp_path.iterdir()}
    assert {n for n in after - before if not n.startswith("contest.db")} == {"裁判名单.xlsx"}
    # importing again changes no PIN and prints none
    out = ok(run(db, "import", "judges", str(tmp_path / "裁判名单.xlsx")))
    assert "新增 0，更新 4" in out and "PIN 只显示这一次" not in out
    assert not re.search(r"\b\d{6}\b", out)
    assert sv(db).login("J1", pins["J1"]).code == "J1"


def test_judges_with_problems_and_dry_run(db: Path, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "裁判.xlsx",
        [JUDGE_HEADER, ["J1", "孙评分", "某医院", "评分裁判", "Z"], ["J1", "周评分", "某学校", "评分", "A"]],
    )
    result = run(db, "import", "judges", str(path))
    assert result.exit_code == 1
    assert "模块“Z”不对" in result.output and "重复" in result.output
    assert [j[0] for j in sv(db).judges()] == ["ORG"]
    good = xlsx(tmp_path / "裁判2.xlsx", [JUDGE_HEADER, ["J1", "孙评分", "某医院", "评分裁判", "A"]])
    out = ok(run(db, "import", "judges", str(good), "--dry-run"))
    assert "将新增 1，更新 0" in out and "PIN" not in out
    assert [j[0] for j in sv(db).judges()] == ["ORG"]


# -- theory --------------------------------------------------------------------------------------------------------
def blueprint(db: Path) -> TheoryBlueprint:
    bp = sv(db).config().theory
    assert bp is not None
    return bp


def key_rows(bp: TheoryBlueprint) -> list[tuple[int, QuestionType, str, str, str]]:
    """(number, type, answer, section id, sub-area id) for the whole paper, in blueprint order."""
    out = []
    n = 0
    for s in bp.sections:
        for a in s.subareas:
            for g in a.groups:
                for _ in range(g.count):
                    n += 1
                    answer = {QuestionType.SINGLE: "ABCD"[n % 4], QuestionType.MULTIPLE: "ACD"}.get(
                        g.type, "对" if n % 2 else "错"
                    )
                    out.append((n, g.type, answer, s.id, a.id))
    return out


def key_file(tmp_path: Path, bp: TheoryBlueprint) -> Path:
    label = {QuestionType.SINGLE: "单选", QuestionType.MULTIPLE: "多选", QuestionType.TRUE_FALSE: "判断"}
    rows: list[list[object]] = [["题号", "题型", "答案", "模块", "子领域"]]
    rows += [[n, label[t], a, s, sub] for n, t, a, s, sub in key_rows(bp)]
    return xlsx(tmp_path / "理论答案.xlsx", rows, sheet="答案")


def wrong(qtype: QuestionType, answer: str) -> str:
    if qtype == QuestionType.TRUE_FALSE:
        return "错" if answer == "对" else "对"
    return "A" if answer != "A" else "B"


def test_answer_key_is_checked_and_summarised(db: Path, tmp_path: Path) -> None:
    bp = blueprint(db)
    out = ok(run(db, "import", "answer-key", str(key_file(tmp_path, bp))))
    assert "答案无误：175 题，共 100.0 分" in out
    assert re.search(r"职业道德\s*│\s*6 / 3.0\s*│\s*—\s*│\s*4 / 2.0\s*│\s*10\s*│\s*5.0", out)
    assert "多选题全对才得分" in out
    rows = [["题号", "题型", "答案", "模块", "子领域"], [1, "单选", "AB", "职业道德", None]]
    bad = run(db, "import", "answer-key", str(xlsx(tmp_path / "坏答案.xlsx", rows)))
    assert bad.exit_code == 1 and "单选" in bad.output
    assert (tmp_path / "坏答案.问题标注.xlsx").is_file()


def test_answers_after_the_draw_give_hand_worked_totals(db: Path, tmp_path: Path) -> None:
    """Whole paper 175 questions, 100 points; 单选/判断 0.5, 多选 1 (all or nothing); q1–10 are 职业道德.

    Station 001 (typed as the number 1): all right except the last question (a 判断) → 99.5.
    Station 002: q1 wrong, the first 多选 (q35) only partly (AC of ACD), q7 blank, the last wrong
        → 100 − 0.5 − 1 − 0.5 − 0.5 = 97.5 (职业道德 5 − 0.5 − 0.5 = 4, 基础知识 20 − 1 = 19, 相关知识 75 − 0.5).
    Station 003 (typed "3"): q1–10 right, the rest blank → 5 (all in 职业道德).
    """
    stations = draw(db, tmp_path, 3)
    assert stations == ["001", "002", "003"]
    bp = blueprint(db)
    rows = key_rows(bp)
    last = rows[-1]
    assert last[0] == 175 and last[1] == QuestionType.TRUE_FALSE
    first_multiple = next(r for r in rows if r[1] == QuestionType.MULTIPLE)
    assert first_multiple[0] == 35
    s1 = [a for _n, _t, a, _s, _u in rows]
    s1[-1] = wrong(last[1], last[2])
    s2 = list(s1)
    s2[0] = wrong(rows[0][1], rows[0][2])
    s2[34] = "A,C"
    s2[6] = None
    s3 = [a if n <= 10 else None for n, _t, a, _s, _u in rows]
    sheet = [["姓名", "赛位号", *range(1, 176)], ["甲", 1, *s1], ["乙", "002", *s2], ["丙", "3", *s3]]
    answers = xlsx(tmp_path / "答卷.xlsx", sheet, sheet="答题")
    out = ok(
        run(
            db,
            "import",
            "answers",
            str(answers),
            "--key",
            str(key_file(tmp_path, bp)),
            "--analysis",
            str(tmp_path / "题目分析.xlsx"),
        )
    )
    assert theory_by_station(db) == {"001": D("99.5"), "002": D("97.5"), "003": D(5)}
    assert re.search(r"002\s*│\s*4.00\s*│\s*19.00\s*│\s*74.50\s*│\s*97.50\s*│\s*1\b", out)
    assert "理论成绩已保存：3 人" in out
    assert "无人答对的题：175" in out
    assert "全部答对的题：2–6、8–10" in out
    wb = openpyxl.load_workbook(tmp_path / "题目分析.xlsx")
    body = [r for r in wb["题目分析"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(body) == 175
    assert body[0][9] == 0.6667 and body[0][11] == f"{wrong(rows[0][1], rows[0][2])}×1"
    assert "无人答对" in body[-1][12]
    # marking again from the long layout gives the same totals (re-import replaces, nothing added)
    long = [["赛位号", "题号", "答案"]] + [["001", n, a] for n, a in enumerate(s1, start=1)]
    ok(
        run(
            db,
            "import",
            "answers",
            str(xlsx(tmp_path / "长.xlsx", long)),
            "--key",
            str(tmp_path / "理论答案.xlsx"),
        )
    )
    assert theory_by_station(db)["001"] == D("99.5")


def test_answers_with_unknown_station_store_nothing(db: Path, tmp_path: Path) -> None:
    draw(db, tmp_path, 3)
    bp = blueprint(db)
    answers = [a for _n, _t, a, _s, _u in key_rows(bp)]
    bad_code = list(answers)
    bad_code[3] = "Z"
    sheet = [
        ["赛位号", *range(1, 176)],
        ["001", *answers],
        ["9", *answers],
        ["003", *bad_code],
        ["01", *answers],
    ]
    path = xlsx(tmp_path / "答卷.xlsx", sheet)
    result = run(db, "import", "answers", str(path), "--key", str(key_file(tmp_path, bp)))
    assert result.exit_code == 1
    located = re.findall(r"│ Sheet1\s*│ (\d+)\s*│ ([A-Z]+)\s*│", result.output)
    assert located == [("2", "A"), ("3", "A"), ("4", "E"), ("5", "A")]
    assert "赛位号“9”不是本竞赛的赛位" in result.output
    assert "同一个赛位 001" in result.output
    assert (tmp_path / "答卷.问题标注.xlsx").is_file()
    assert set(theory_by_station(db).values()) == {None}


def test_answers_before_the_draw_are_refused(db: Path, tmp_path: Path) -> None:
    ok(run(db, "import", "contestants", str(contestants_file(tmp_path))))
    bp = blueprint(db)
    sheet = [["赛位号", *range(1, 176)], ["001", *[a for _n, _t, a, _s, _u in key_rows(bp)]]]
    path = xlsx(tmp_path / "答卷.xlsx", sheet)
    result = run(db, "import", "answers", str(path), "--key", str(key_file(tmp_path, bp)))
    assert result.exit_code == 1 and "请先抽签" in result.output


def test_theory_scores_by_id_before_the_draw_with_an_absence(db: Path, tmp_path: Path) -> None:
    ok(run(db, "import", "contestants", str(contestants_file(tmp_path, 3))))
    rows = [["序号", "姓名", "身份证号", "理论成绩"]]
    rows += [[1, "测试甲", person_id(0, True), 88.5], [2, "测试乙", person_id(1, False), "缺考"]]
    rows += [[3, "测试丙", person_id(2, True), 72]]
    path = xlsx(tmp_path / "理论成绩.xlsx", rows)
    out = ok(run(db, "import", "theory-scores", str(path), "--dry-run"))
    assert "试运行" in out
    out = ok(run(db, "import", "theory-scores", str(path)))
    assert "第 3 行" in out and "缺考，理论成绩按 0 分计" in out
    assert "已保存：3 人，按身份证号匹配" in out
    assert person_id(0, True) not in out  # IDs are masked on screen
    pins = import_judges(db, tmp_path)
    ok(run(db, "draw", "--judge", "E1", "--seed", "x", env={"CONTEST_PIN": pins["E1"]}))
    assert sorted(theory_by_station(db).values()) == [D(0), D(72), D("88.5")]


def test_theory_scores_by_station(db: Path, tmp_path: Path) -> None:
    draw(db, tmp_path, 3)
    rows = [["赛位号", "理论成绩"], [1, 90.25], ["002", 61], ["3", "缺考"]]
    ok(run(db, "import", "theory-scores", str(xlsx(tmp_path / "成绩.xlsx", rows))))
    assert theory_by_station(db) == {"001": D("90.25"), "002": D(61), "003": D(0)}
    rows = [["赛位号", "理论成绩"], [1, 80], [4, 70], [2, 101]]
    result = run(db, "import", "theory-scores", str(xlsx(tmp_path / "成绩2.xlsx", rows)))
    assert result.exit_code == 1
    assert "赛位号“4”不是本竞赛的赛位" in result.output and "0–100" in result.output
    assert theory_by_station(db)["001"] == D("90.25")
    mixed = [["赛位号", "身份证号", "理论成绩"], [1, None, 80], [None, person_id(1, False), 70]]
    result = run(db, "import", "theory-scores", str(xlsx(tmp_path / "成绩3.xlsx", mixed)))
    assert result.exit_code == 1 and "每行都填身份证号" in result.output


# -- templates -----------------------------------------------------------------------------------------------------
def test_templates_from_the_contest_and_without_one(db: Path, tmp_path: Path) -> None:
    out = ok(run(db, "template", "answers", str(tmp_path / "答案模板.xlsx")))
    assert "模板已生成" in out
    ws = openpyxl.load_workbook(tmp_path / "答案模板.xlsx")["答案"]
    assert ws.cell(row=176, column=1).value == 175  # pre-filled from the contest's blueprint
    again = run(db, "template", "answers", str(tmp_path / "答案模板.xlsx"))
    assert again.exit_code == 1 and "--force" in again.output
    ok(run(db, "template", "answers", str(tmp_path / "答案模板.xlsx"), "--force"))
    ok(run(db, "template", "judges", str(tmp_path / "裁判模板.xlsx")))
    ok(run(db, "template", "answer-sheets", str(tmp_path / "赛位答题模板.xlsx")))
    sheet = openpyxl.load_workbook(tmp_path / "赛位答题模板.xlsx")["答题"]
    assert sheet["A1"].value == "赛位号"  # contest scope: one station in every module
    nowhere = tmp_path / "sub" / "none.db"
    out = ok(run(nowhere, "template", "contestants", str(tmp_path / "报名模板.xlsx")))
    assert "未找到竞赛数据库" in out and not nowhere.exists()
    assert openpyxl.load_workbook(tmp_path / "报名模板.xlsx").sheetnames[0] == "报名表"
    out = ok(run(nowhere, "template", "answer-sheets", str(tmp_path / "答题模板.xlsx")))
    assert "elderly_care.theory" in out
    # a template written by the command imports cleanly once filled in
    wb = openpyxl.load_workbook(tmp_path / "报名模板.xlsx")
    ws = wb["报名表"]
    for i, row in enumerate(people(2), start=2):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=v)
    wb.save(tmp_path / "报名模板.xlsx")
    assert "新增 2" in ok(run(db, "import", "contestants", str(tmp_path / "报名模板.xlsx")))
