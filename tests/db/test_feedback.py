"""Issue 19 §1–2 through the services, on SQLite and PostgreSQL: the 培训反馈报告 per unit (PDF and workbook) and the
个人成绩反馈单, who may print them and when, and the audit event per printed document.

The hand-made contest: module A 基础照护 only (100 points, 3 judges), 7 contestants, ``[feedback] min_unit_count =
3``. Every judge gives every item full marks (judgement items level 3), except:

* 甲校 (3 contestants): all three judges apply A2-1 “未核对老人身份，扣3分” → A2 核对、评估与老年人准备 3 of 6.
* 乙校 (3 contestants): all three judges apply A1-2 “操作前未进行手卫生，扣2分” → A1 工作准备 4 of 6.
* 丙校 (1 contestant): nothing. One contestant is below 3 and there is no other small unit to merge with:
  丙校's statistics are suppressed.

Field A1: 3 × 4 + 4 × 6 = 36 of 42 → 85.71 % → 86 %; 乙校 12 of 18 → 67 %; 甲校 100 %.
Field A2: 3 × 3 + 4 × 6 = 33 of 42 → 78.57 % → 79 %; 甲校 9 of 18 → 50 %; 乙校 100 %.
So 甲校's one weakness is A2 (50 % against 79 %, 未核对老人身份 3 人次), its one strength A1 (100 % against 86 %);
乙校's weakness is A1 (67 % against 86 %, 手卫生 3 人次), its strength A2 (100 % against 79 %).

Theory (sections 职业道德 5, 基础知识 20, 相关知识 75): 甲校 5 / 10 / 60, the others 4 / 20 / 60. 基础知识: 甲校
30 of 60 → 50 %; field 30 + 80 = 110 of 140 → 78.57 % → 79 %.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from contest.errors import PermissionDenied, PrintRefused
from contest.outputs_feedback import unit_file_name, write_unit_feedback
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from scoresheets import Applied, ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import Env, valid_id
from tests.db.templates import Templates
from tests.pins import CHEAP_HASHER

UNITS = ["甲校", "甲校", "甲校", "乙校", "乙校", "乙校", "丙校"]
RULE = {"甲校": ("A2", "A2-1"), "乙校": ("A1", "A1-2")}


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _contest(engine, extra: str = "") -> tuple[Services, dict[str, str]]:
    config = small_config(modules=("basic_care",)) + "\n[feedback]\nmin_unit_count = 3\n" + extra
    sv = Services(engine, Services.create_contest(engine, config), hasher=CHEAP_HASHER)
    people = [
        ContestantIn(
            f"选手{i:02d}", "男", valid_id(date(1980, 1, 1 + i), i, True), u, "13800138000", "养老护理员"
        )
        for i, u in enumerate(UNITS)
    ]
    sv.import_contestants(CONSOLE, people)
    js = [JudgeIn(f"J{k}", f"裁判{k}", "外单位", ("marking",), ("A",), pin=f"{1000 + k}") for k in (1, 2, 3)]
    js += [
        JudgeIn("E1", "加密", "", ("encryption",), pin="2001"),
        JudgeIn("C1", "裁判长", "", ("chief",), pin="2002"),
        JudgeIn("S1", "监督", "", ("supervisor",), pin="2003"),
        JudgeIn("O1", "组织", "", ("organiser",), pin="2004"),
    ]
    sv.import_judges(CONSOLE, js)
    pins = {j.code: j.pin or "" for j in js}
    enc = sv.login("E1", pins["E1"])
    sv.draw(enc, "fixed-seed")
    rows = sv.draw_sheet(enc).rows
    unit_of = {r.stations[0]: r.unit for r in rows}
    rubric = sv.config().module("A").rubric
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", pins[f"J{k}"])
        for station, unit in unit_of.items():
            v = sv.open_sheet(j, "A", station)
            for it in rubric.items:
                if it.kind == "judgement":
                    e = ItemEntry(it.id, level=3)
                elif RULE.get(unit, ("",))[0] == it.id:
                    e = ItemEntry(it.id, (Applied(RULE[unit][1]),))
                else:
                    e = ItemEntry(it.id)
                v = sv.save_mark(j, "A", station, e, v.version)
            if k == 1:
                v = sv.set_sheet_info(
                    j, "A", station, comment="裁判1认为动作熟练", expected_version=v.version
                )
            v = sv.set_sheet_info(j, "A", station, seconds_used=1000, expected_version=v.version)
            sv.submit_sheet(j, "A", station, v.version)
    sections = {
        "甲校": {"ethics": Decimal(5), "foundation": Decimal(10), "related": Decimal(60)},
        "乙校": {"ethics": Decimal(4), "foundation": Decimal(20), "related": Decimal(60)},
        "丙校": {"ethics": Decimal(4), "foundation": Decimal(20), "related": Decimal(60)},
    }
    sv.import_theory_scores(
        CONSOLE, {st: (sum(sections[u].values(), Decimal(0)), sections[u]) for st, u in unit_of.items()}
    )
    return sv, pins


def _built(engine: Engine) -> Env:
    return Env(*_contest(engine), [])


def _marked(engine: Engine, templates: Templates) -> tuple[Services, dict[str, str]]:
    """``_contest(engine)``: a copy of the contest built once per worker."""
    env = templates.env(engine, "feedback-marked", _built)
    return env.sv, env.pins


def _publish(sv: Services, pins: dict[str, str]) -> None:
    sv.sign_off(sv.login("C1", pins["C1"]), "A")
    sv.decrypt("C1", pins["C1"], "S1", pins["S1"])


def test_unit_reports_by_hand(engine, templates: Templates, tmp_path: Path) -> None:
    sv, pins = _marked(engine, templates)
    _publish(sv, pins)
    organiser = sv.login("O1", pins["O1"])
    data = sv.unit_feedback(organiser, unit="甲校")
    jia = data.reports[0].stats
    assert [w.text() for w in jia.weaknesses] == [
        "基础照护 A2 核对、评估与老年人准备：本单位平均得分率 50%，全场 79%；最常见扣分：未核对老人身份，扣3分（3 人次）"
    ]
    assert [s.text() for s in jia.strengths] == ["基础照护 A1 工作准备：本单位平均得分率 100%，全场 86%"]
    assert [t.title.zh for t in jia.theory if t.group and t.group.rate < t.field.rate] == ["基础知识"]
    yi = sv.unit_feedback(organiser, unit="乙校").reports[0].stats
    assert [w.text() for w in yi.weaknesses] == [
        "基础照护 A1 工作准备：本单位平均得分率 67%，全场 86%；最常见扣分：操作前未进行手卫生，扣2分（3 人次）"
    ]
    bing = sv.unit_feedback(organiser, unit="丙校").reports[0].stats
    assert bing.basis == "suppressed" and bing.strengths == bing.weaknesses == ()
    assert all(i.group is None for m in bing.modules for i in m.items)


def test_pdfs_workbook_and_audit(engine, templates: Templates, tmp_path: Path) -> None:
    sv, pins = _marked(engine, templates)
    _publish(sv, pins)
    chief = sv.login("C1", pins["C1"])
    before = len(sv.events(500))
    files = write_unit_feedback(sv, chief, tmp_path)
    names = sorted(f.name for f in files)
    assert names == sorted(
        ["培训反馈报告_甲校.pdf", "培训反馈报告_乙校.pdf", "培训反馈报告_丙校.pdf", "培训反馈汇总.xlsx"]
    )
    jia = _pdf_text(tmp_path / "培训反馈报告_甲校.pdf")
    for expected in (
        "培训反馈报告",
        "甲校",
        "统计口径：本单位 3 人",
        "本单位平均得分率 50%，全场 79%",
        "未核对老人身份，扣3分（3 人次）",
        "小单位规则",
        "选手00",
    ):
        assert expected in jia.replace("\n", ""), expected
    assert "选手03" not in jia  # another unit's contestant is not listed
    bing = _pdf_text(tmp_path / "培训反馈报告_丙校.pdf").replace("\n", "")
    assert "合并后仍不足 3 人" in bing and "本单位平均得分率" not in bing
    wb = load_workbook(tmp_path / "培训反馈汇总.xlsx")
    over = wb["单位汇总"]
    rows = {r[0]: r for r in over.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"甲校", "乙校", "丙校"} and rows["丙校"][1] == "人数不足，不显示"
    items = [
        r
        for r in wb["评分项得分率"].iter_rows(min_row=2, values_only=True)
        if r[0] == "甲校" and r[4] == "A2"
    ]
    assert items[0][7:10] == (50, 79, -29)
    events = sv.events(500)[: len(sv.events(500)) - before]
    prints = [e for e in events if e[3] == "print"]
    assert len(prints) == 4 and all(e[2] == "C1" for e in prints)
    assert any("unit_feedback_workbook" in e[4] for e in prints)


def test_refused_before_publication_and_to_others(engine, templates: Templates, tmp_path: Path) -> None:
    sv, pins = _marked(engine, templates)
    chief = sv.login("C1", pins["C1"])
    sv.sign_off(chief, "A")
    with pytest.raises(PrintRefused, match="解密"):
        sv.unit_feedback(chief, unit="甲校", override="想先看看")
    sv.decrypt("C1", pins["C1"], "S1", pins["S1"])
    for code in ("J1", "S1"):
        with pytest.raises(PermissionDenied):
            sv.unit_feedback(sv.login(code, pins[code]), unit="甲校")
    assert any(e[3] == "denied" for e in sv.events(20))
    with pytest.raises(PrintRefused, match="contestant_sheets"):
        sv.contestant_feedback(chief)


def test_contestant_sheets_when_configured(engine, tmp_path: Path) -> None:
    sv, pins = _contest(engine, "contestant_sheets = true\n")
    _publish(sv, pins)
    organiser = sv.login("O1", pins["O1"])
    data = sv.contestant_feedback(organiser, unit="甲校")
    assert len(data.sheets) == 3
    m = data.sheets[0].feedback.modules[0]
    assert [(r.text.zh, r.count) for r in m.rules] == [("未核对老人身份，扣3分", 3)]
    assert m.comments == ("（裁判）认为动作熟练",)  # the judge's name is blanked out
    assert [x.item.id for x in m.losses] == ["A2"]
    files = write_unit_feedback(sv, organiser, tmp_path, unit="甲校", contestants=True)
    text = _pdf_text(files[-1]).replace("\n", "")
    assert "个人成绩反馈单" in text and "未核对老人身份，扣3分（3/3）" in text
    assert "裁判1" not in text and "J1" not in text
    assert len(PdfReader(str(files[-1])).pages) == 3


def test_unit_file_names_are_safe_and_unique() -> None:
    used: set[str] = set()
    assert unit_file_name("a/b", used) == "培训反馈报告_a_b.pdf"
    assert unit_file_name("a:b", used) == "培训反馈报告_a_b_2.pdf"


def test_cli_print_feedback(engine, templates: Templates, tmp_path: Path) -> None:
    """``contest print feedback --unit 乙校 --as C1`` with the chief judge's PIN; a marking judge is refused."""
    from alembic import command
    from typer.testing import CliRunner

    from contest import cli
    from contest.store.migrate import alembic_config

    sv, pins = _marked(engine, templates)
    _publish(sv, pins)
    cfg = alembic_config(engine)
    with (
        engine.begin() as conn
    ):  # the fixture made the schema directly: mark it current for the CLI's upgrade
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    run = CliRunner()
    url = engine.info_url  # type: ignore[attr-defined]
    out = tmp_path / "fb"
    refused = run.invoke(
        cli.app,
        ["--db", url, "print", "feedback", "--unit", "乙校", "-o", str(out), "--as", "J1"],
        env={"CONTEST_PIN": pins["J1"]},
    )
    assert refused.exit_code != 0 and "需要组织者、裁判长权限" in " ".join(refused.output.split())
    assert not (out.exists() and list(out.iterdir()))
    ok = run.invoke(
        cli.app,
        ["--db", url, "print", "feedback", "--unit", "乙校", "-o", str(out), "--as", "C1"],
        env={"CONTEST_PIN": pins["C1"]},
    )
    assert ok.exit_code == 0, ok.output
    assert [p.name for p in out.iterdir() if p.suffix == ".pdf"] == ["培训反馈报告_乙校.pdf"]
    text = _pdf_text(out / "培训反馈报告_乙校.pdf").replace("\n", "")
    assert "本单位平均得分率 67%，全场 86%" in text


def test_theory_by_question_type_when_the_papers_were_marked_here(engine, templates: Templates) -> None:  # noqa: ANN001
    """The blueprint carries 单选 50, 多选 25, 判断 25 points. 甲校's three contestants got 40, 10 and 20 on the three
    types (80 %, 40 %, 80 %), the others 45, 20, 20 (90 %, 80 %, 80 %): 甲校's 多选 row reads 40 % against the
    field's points got out of 25 per contestant, and 判断 is level (80 % everywhere)."""
    sv, pins = _marked(engine, templates)
    org = sv.login("O1", pins["O1"])
    units = {
        st: r.unit for st, r in ((r.stations[0], r) for r in sv.draw_sheet(sv.login("E1", pins["E1"])).rows)
    }
    typed: dict[str, tuple[Decimal, dict[str, Decimal]]] = {}
    for st, unit in units.items():
        single, multiple = (Decimal(40), Decimal(10)) if unit == "甲校" else (Decimal(45), Decimal(20))
        parts = {"type:single": single, "type:multiple": multiple, "type:true_false": Decimal(20)}
        typed[st] = (sum(parts.values(), Decimal(0)), parts)
    sv.import_theory_scores(org, typed)
    _publish(sv, pins)
    jia = sv.unit_feedback(org, unit="甲校").reports[0].stats
    rows = {t.title.zh: t for t in jia.theory}
    assert {"单项选择题", "多项选择题", "判断题"} <= set(rows)
    assert rows["职业道德"].field is None  # no section breakdown was given this time: nothing to show there
    assert rows["多项选择题"].group.rate == Decimal("0.4")  # type: ignore[union-attr]
    n_jia = sum(1 for u in units.values() if u == "甲校")
    got = n_jia * Decimal(10) + (len(units) - n_jia) * Decimal(20)
    assert (rows["多项选择题"].field.got, rows["多项选择题"].field.possible) == (got, 25 * len(units))  # type: ignore[union-attr]
    assert rows["判断题"].group.rate == rows["判断题"].field.rate == Decimal("0.8")  # type: ignore[union-attr]
