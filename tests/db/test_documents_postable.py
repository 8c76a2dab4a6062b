"""Documents a bureau can post, sign and stamp (issue 16), built from a real contest and read back with pypdf:
the 成绩公示 as a notice (title, 公示说明, 落款, date, seal space, no signature lines, no internal words), tie notes
that name stations or people (never database ids), the nomination on the sheet and the workbook."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from contest.outputs import write_result_sheet
from contest.services import CONSOLE, ContestantIn, JudgeIn, Services
from contest.store.engine import create_schema
from tests.db.conftest import make_test_engine, small_config
from tests.db.helpers import Env, fill_sheet, valid_id
from tests.db.templates import Templates
from tests.pins import CHEAP_HASHER

CONFIG = (
    small_config().replace(
        'issuing_bodies = ["蓬江区人社局"]', 'issuing_bodies = ["蓬江区人社局", "蓬江区民政局"]'
    )
    + 'titles = [ { name = "技术能手（推荐）", top_n = 1 } ]\n'
)


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(str(path)).pages))


def _env(engine, order: list[int], config: str = CONFIG) -> Env:  # type: ignore[no-untyped-def]
    """Four contestants registered in ``order`` (a permutation of 0..3), three judges, officials, a draw."""
    cid = Services.create_contest(engine, config, hasher=CHEAP_HASHER)
    sv = Services(engine, cid, hasher=CHEAP_HASHER)
    codes = [m.code for m in sv.info().modules]
    people = [
        ContestantIn(
            f"选手{i:02d}",
            "男" if i % 2 else "女",
            valid_id(date(1980, 1, 1 + i), i, bool(i % 2)),
            f"单位{i % 3}",
            "13800138000",
            "养老护理员",
        )
        for i in order
    ]
    sv.import_contestants(CONSOLE, people)
    js = [
        JudgeIn(f"J{k + 1}", f"裁判{k + 1}", "外单位", ("marking",), tuple(codes), pin=f"{1000 + k}")
        for k in range(3)
    ]
    js += [
        JudgeIn("E1", "陈加密", "", ("encryption",), pin="2001"),
        JudgeIn("C1", "王建国", "", ("chief",), pin="2002"),
        JudgeIn("S1", "李监督", "", ("supervisor",), pin="2003"),
        JudgeIn("O1", "赵组织", "", ("organiser",), pin="2004"),
    ]
    sv.import_judges(CONSOLE, js)
    pins = {j.code: j.pin or "" for j in js}
    sv.draw(sv.login("E1", pins["E1"]), "fixed-seed")
    stations = [s.station for s in sv.stations(sv.login("J1", pins["J1"]), codes[0])]
    return Env(sv, pins, stations)


def _score(env: Env, by_name: dict[str, int], *, veto: str = "") -> None:
    """Every judge fills every sheet; a contestant's level comes from ``by_name`` (all theory 80, so equal levels
    tie); ``veto`` (a contestant name) gets A-V1 from every judge in module A. Then sign-off and decryption."""
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    station_of = _stations_by_name(env)
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for name, st in station_of.items():
            for m in ("A", "B"):
                fill_sheet(sv, j, m, st, level=by_name[name], submit=False)
                if m == "A" and name == veto:
                    sv.set_sheet_info(j, m, st, veto="A-V1")
                sv.submit_sheet(j, m, st, sv.open_sheet(j, m, st).version)
    sv.import_theory_scores(CONSOLE, {st: (Decimal(80), {}) for st in station_of.values()})
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")


def _stations_by_name(env: Env) -> dict[str, str]:
    """Contestant name → station, read from the sealed draw sheet data (the encryption judge's view)."""
    data = env.sv.draw_sheet(env.sv.login("E1", env.pins["E1"]))
    return {r.name: r.stations[0] for r in data.rows}


def _decrypt(env: Env) -> None:
    env.sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])


LEVELS = {"选手00": 3, "选手01": 2, "选手02": 3, "选手03": 1}
"""选手00 and 选手02 tie for first across the 二等奖 cut-off (4 contestants: no 一等奖, one 二等奖)."""


def _build_scored(engine: Engine) -> Env:
    env = _env(engine, [0, 1, 2, 3])
    _score(env, LEVELS)
    return env


def _scored(engine: Engine, templates: Templates) -> Env:
    """``_env(engine, [0, 1, 2, 3])`` scored with ``LEVELS`` and signed off, not decrypted (a copy of a contest
    built once per worker)."""
    return templates.env(engine, "postable-scored", _build_scored)


def test_result_sheet_is_a_postable_notice(engine, tmp_path: Path) -> None:
    env = _env(engine, [0, 1, 2, 3])
    _score(env, LEVELS, veto="选手03")
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    write_result_sheet(env.sv, chief, tmp_path / "r.pdf")
    text = _text(tmp_path / "r.pdf")
    assert "第一届测试竞赛养老护理员项目成绩公示" in text  # title with edition, contest and project
    assert "公示期：5月22日至28日" in text
    assert "公示期间如有异议，请以书面形式实名向0750-0000000反映" in text
    assert "蓬江区人社局" in text and "蓬江区民政局" in text  # 落款: both issuing bodies
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)  # 发布日期
    assert "（盖章）" in text  # seal space
    assert "签字" not in text  # no 裁判长/监督 signature lines on the public notice
    assert "审计链" not in text and "抽签种子" not in text
    assert "数据校验码：" in text
    assert "模块A否决（A-V1）" in text  # the 0.00 module explained
    assert "技术能手（推荐）" in text  # the configured nomination, top 1


def test_nomination_is_a_column_of_the_results_workbook(engine, templates: Templates, tmp_path: Path) -> None:
    from contest.outputs import write_workbook

    env = _scored(engine, templates)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    write_workbook(env.sv, chief, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "荣誉称号" in cells
    assert cells.count("技术能手（推荐）") == 2  # the two tied for first
    about = [str(c.value) for row in load_workbook(tmp_path / "r.xlsx")["说明"].iter_rows() for c in row]
    assert any("并列者均获二等奖（选手00、选手02）" in c for c in about)  # names, not database ids


def _tie_notes(env: Env) -> list[str]:
    view = env.sv.standings(env.sv.login("C1", env.pins["C1"]))
    return [n for n in view.award_notes if "并列" in n]


def test_tie_notes_name_stations_before_decryption_and_people_after(engine, templates: Templates) -> None:
    env = _scored(engine, templates)
    station_of = _stations_by_name(env)
    before = _tie_notes(env)
    assert before == [
        f"第1名并列跨越二等奖分界线，并列者均获二等奖（赛位号 {'、'.join(sorted([station_of['选手00'], station_of['选手02']]))}）"
    ]
    _decrypt(env)
    assert _tie_notes(env) == ["第1名并列跨越二等奖分界线，并列者均获二等奖（选手00、选手02）"]


def test_tie_notes_and_remarks_reach_an_english_reader_in_english(engine, templates: Templates) -> None:
    """The same tie at the 二等奖 cut-off, read in English: the notes and every line's remarks carry no Chinese
    but the organiser's award name and the contestants' names."""
    env = _scored(engine, templates)
    _decrypt(env)
    view = env.sv.standings(env.sv.login("C1", env.pins["C1"]))
    (note,) = [n for n in view.award_notes_in("en") if "shared" in n]
    assert (
        note == "rank 1 is shared across the 二等奖 cut-off: all who share it receive 二等奖 (选手00, 选手02)"
    )
    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
    for line in view.lines:
        english = line.remark_in("en")
        assert not [run for run in cjk.findall(english) if run not in ("二等奖", "一等奖", "三等奖")], english
        assert line.remark == line.remark_in("zh")
    sheet = env.sv.result_sheet(env.sv.login("C1", env.pins["C1"]), lang="en")
    assert any("shared across the 二等奖 cut-off" in n for g in sheet.groups for n in g.notes)


def test_reordered_registration_gives_the_same_result_sheet(
    engine, templates: Templates, tmp_path: Path
) -> None:
    second = tmp_path / "second"
    second.mkdir()
    other, _url, _ = make_test_engine("sqlite", second)  # one contest per database: the second on SQLite
    create_schema(other)
    texts = []
    for order, eng in (([0, 1, 2, 3], engine), ([3, 2, 1, 0], other)):
        if eng is engine:
            env = _scored(engine, templates)  # the contest _env(engine, [0, 1, 2, 3]) and _score make
        else:
            env = _env(eng, order)
            _score(env, LEVELS)
        _decrypt(env)
        chief = env.sv.login("C1", env.pins["C1"])
        out = tmp_path / f"r{order[0]}.pdf"
        write_result_sheet(env.sv, chief, out)
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
        # the data check code and print time name the database state, which differs between the two contests
        texts.append(re.sub(r"(数据校验码|打印时间)：[0-9a-f :-]+", "", text))
    assert texts[0] == texts[1]
    assert "选手00、选手02" in re.sub(r"\s+", "", texts[0])
    other.dispose()


def test_confirmation_sheet_before_decryption_is_signed_by_the_officials_by_name(
    engine, templates: Templates, tmp_path: Path
) -> None:
    env = _scored(engine, templates)
    chief = env.sv.login("C1", env.pins["C1"])
    write_result_sheet(env.sv, chief, tmp_path / "c.pdf", anonymous=True)
    text = _text(tmp_path / "c.pdf")
    assert "成绩确认表" in text
    for signer in ("裁判长（签字）：王建国", "监督（签字）：李监督", "统分员（签字）："):
        assert signer in text
    assert "选手0" not in text and "草稿" not in text  # every module signed off: a sheet to sign, not a draft
    assert "公示期" not in text and "（盖章）" not in text  # internal: no notice, no 落款


PUBLIC = CONFIG.replace(
    'contact = "0750-0000000" }',
    'contact = "0750-0000000", columns = "public", show_scores = false, show_id = false }',
)


def test_public_variant_prints_only_what_the_public_needs(engine, tmp_path: Path) -> None:
    env = _env(engine, [0, 1, 2, 3], PUBLIC)
    _score(env, LEVELS)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    write_result_sheet(env.sv, chief, tmp_path / "p.pdf")
    text = _text(tmp_path / "p.pdf")
    for column in ("名次", "姓名", "单位", "奖项", "选手00", "二等奖"):
        assert column in text
    for column in ("理论成绩", "实操成绩", "总成绩", "身份证号", "********", "基础照护"):
        assert column not in text


def _cert_pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(str(path)).pages]


def test_certificates_word_contest_project_and_every_issuer_once(
    engine, templates: Templates, tmp_path: Path
) -> None:
    from contest.outputs import write_certificates

    env = _scored(engine, templates)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    pages = _cert_pages(write_certificates(env.sv, chief, tmp_path / "c.pdf"))
    awards = [p for p in pages if "获奖证书" in p]
    assert len(awards) == 3  # the two tied for first get 二等奖, the third 三等奖
    for page in awards:
        assert "在第一届测试竞赛养老护理员项目中成绩优异，荣获" in page
        assert ("二等奖" in page or "三等奖" in page) and "蓬江区人社局" in page and "蓬江区民政局" in page
        assert "（盖章）" not in page  # the seal space is marked, not labelled in words
    # the 技术能手 nomination (top 1: both tied first) gets its own certificate
    honours = [p for p in pages if "荣誉证书" in p]
    assert len(honours) == 2
    assert all("技术能手（推荐）" in p and "获奖证书" not in p for p in honours)


def test_participation_certificates_say_so(engine, templates: Templates, tmp_path: Path) -> None:
    from contest.outputs import write_certificates

    env = _scored(engine, templates)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    pages = _cert_pages(write_certificates(env.sv, chief, tmp_path / "c.pdf", participation=True))
    taking_part = [p for p in pages if "参赛证明" in p]
    assert len(taking_part) == 1  # 选手03 won nothing
    for page in taking_part:
        assert "参加第一届测试竞赛养老护理员项目。" in page and "特此证明" in page
        assert "获奖证书" not in page and "荣获" not in page and "参赛证书" not in page


WORDED = (
    CONFIG
    + '\n[certificates]\naward = { title = "荣誉证书", body = "在{contest}{project}比赛中表现突出，荣获", end = "特发此证。" }\n'
)


def test_certificate_wording_comes_from_the_configured_template(engine, tmp_path: Path) -> None:
    from contest.outputs import write_certificates

    env = _env(engine, [0, 1, 2, 3], WORDED)
    _score(env, LEVELS)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    pages = _cert_pages(write_certificates(env.sv, chief, tmp_path / "c.pdf"))
    worded = [p for p in pages if "比赛中表现突出，荣获" in p]
    assert len(worded) == 3
    assert all(
        "在第一届测试竞赛养老护理员项目比赛中表现突出，荣获" in p and "特发此证。" in p for p in worded
    )


def test_statistics_round_means_half_up_and_say_what_was_done_about_an_alert(engine) -> None:
    env = _env(engine, [0, 1, 2, 3])
    sv = env.sv
    station_of = _stations_by_name(env)
    chief = sv.login("C1", env.pins["C1"])
    for k in (1, 2, 3):
        j = sv.login(f"J{k}", env.pins[f"J{k}"])
        for name, st in station_of.items():
            for m in ("A", "B"):
                # J3 marks 选手00 far below the others in module A: a sheet-total spread alert
                level = 0 if (k == 3 and m == "A" and name == "选手00") else LEVELS[name]
                fill_sheet(sv, j, m, st, level=level)
    sv.return_sheet(chief, "A", station_of["选手00"], "J3", "请复核评价等级")
    j3 = sv.login("J3", env.pins["J3"])
    sv.submit_sheet(j3, "A", station_of["选手00"], sv.open_sheet(j3, "A", station_of["选手00"]).version)
    data = sv.statistics(chief, with_stability=False)
    for m in data.modules:
        for value in (m.mean, m.median, m.minimum, m.maximum):
            assert value is None or value == value.quantize(Decimal("0.01")), (m.title, value)
    alert = next(a for m in data.modules for a in m.alerts)
    assert "退回 J3" in alert.resolution
    assert all(re.fullmatch(r"-?\d+\.\d\d", v.split(":")[1]) for v in alert.marks.split())  # 2 decimals each


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@pytest.mark.skipif(
    not (UMING.is_file() and ZENHEI.is_file()),
    reason="fonts-arphic-uming and fonts-wqy-zenhei are not installed (apt-get install both)",
)
def test_each_document_is_printed_in_its_configured_face(engine, tmp_path: Path) -> None:
    from contest.outputs import write_certificates, write_score_sheets

    env = _env(engine, [0, 1, 2, 3], CONFIG + '\n[printing]\nfonts = { results = "hei" }\n')
    _score(env, LEVELS)
    _decrypt(env)
    chief = env.sv.login("C1", env.pins["C1"])
    results = write_result_sheet(env.sv, chief, tmp_path / "r.pdf").read_bytes()
    sheets = write_score_sheets(env.sv, chief, tmp_path / "s.pdf").read_bytes()
    certs = write_certificates(env.sv, chief, tmp_path / "c.pdf").read_bytes()
    assert any("WenQuanYi" in n for n in embedded(results))  # configured
    assert any("UMing" in n for n in embedded(sheets))  # the default Song face for tables
    assert all("WenKai" in n for n in embedded(certs))  # certificates keep the bundled face


def embedded(pdf: bytes) -> set[str]:
    """Base names of the fonts embedded in the PDF (subset prefixes removed), as pdffonts lists them."""
    out = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            for desc in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                fd = desc.get("/FontDescriptor")
                if fd is not None and "/FontFile2" in fd.get_object():
                    out.add(str(desc["/BaseFont"]).split("+", 1)[-1])
    return out


def test_standings_command_shows_the_nomination_and_tie_notes_without_ids(
    engine, templates: Templates, monkeypatch
) -> None:  # noqa: ANN001
    from alembic import command
    from typer.testing import CliRunner

    from contest import cli
    from contest.store.migrate import alembic_config

    env = _scored(engine, templates)
    _decrypt(env)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    # the CLI's console is made at import: a COLUMNS set now would be ignored if another test imported it first
    monkeypatch.setattr(cli.console, "_width", 300)
    res = CliRunner().invoke(cli.app, ["--db", engine.info_url, "standings"], env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    assert "技术能手（推荐）" in res.output
    assert "并列者均获二等奖（选手00、选手02）" in res.output
