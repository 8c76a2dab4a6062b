"""The data the services build for a printed document is in the document's language: an English result sheet,
certificate, statistics or arbitration decision written through :mod:`contest.outputs` holds no Chinese but the
user's own data (names, units, the contest's name, award names, configured texts); the Chinese documents are as
they always were, and the audit records a certificate the same way whatever language it was printed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from contest.outputs import (
    write_arbitration_decision,
    write_certificates,
    write_result_sheet,
    write_statistics,
)
from contest.printing import text as tx
from contest.services import Services
from tests.db.helpers import Env
from tests.db.templates import Templates
from tests.db.test_appeals_arbitration import _who, _world
from tests.db.test_documents import _finished

CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _user_strings(sv: Services, chief: object) -> list[str]:
    """What the user gave the contest: its configuration's texts, the contestants, the judges."""
    cfg = sv.config()
    found = [
        cfg.name_zh,
        cfg.edition,
        tx.titled_contest(cfg.name_zh, cfg.edition),
        cfg.publication_period or "",
        cfg.objection_contact or "",
        *cfg.projects,
        *cfg.issuing_bodies,
        *cfg.organisers,
    ]
    for m in cfg.modules:
        found.append(m.rubric.title.zh)
        found += [item.title.zh for item in m.rubric.items]
    for line in sv.standings(chief).lines:  # type: ignore[arg-type]
        found += [line.name, line.unit, line.project, line.award or "", *line.titles]
    found += [name for _code, name in sv.arbitration_members()]
    return [s for s in found if s]


def _foreign(text: str, strings: list[str]) -> list[str]:
    return sorted({run for run in CJK_RUN.findall(text) if not any(run in s for s in strings)})


@pytest.fixture
def published(engine: Engine, templates: Templates) -> tuple[Env, object]:
    env = templates.env(engine, "documents-finished", _finished)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    sv.sign_off(chief, "A")
    sv.sign_off(chief, "B")
    sv.decrypt("C1", env.pins["C1"], "S1", env.pins["S1"])
    return env, chief


def test_english_documents_hold_no_chinese_but_the_users_data(published, tmp_path: Path) -> None:
    env, chief = published
    sv = env.sv
    strings = _user_strings(sv, chief)
    for name, write in (
        ("results", write_result_sheet),
        ("statistics", write_statistics),
        ("certificates", write_certificates),
    ):
        text = _pdf_text(write(sv, chief, tmp_path / f"{name}.pdf", lang="en"))
        assert text.strip()
        assert _foreign(text, strings) == [], name
    sheet = sv.result_sheet(chief, lang="en")
    assert all(g.heading.endswith("results notice") for g in sheet.groups)
    assert not CJK_RUN.search(sheet.issue_date)
    stats = sv.statistics(chief, lang="en")
    assert stats.stability is not None
    assert not CJK_RUN.search(stats.stability.note + "".join(stats.stability.columns))
    assert stats.modules[-1].title == "Total"


def test_the_chinese_documents_keep_their_words(published, tmp_path: Path) -> None:
    env, chief = published
    sv = env.sv
    sheet = sv.result_sheet(chief)
    assert all(g.heading.endswith("成绩公示") for g in sheet.groups)
    assert sheet.title == "成绩公示" and sheet.issue_date.endswith("日")
    assert sv.result_sheet(chief, anonymous=True).title == "成绩确认表（解密前）"
    stats = sv.statistics(chief)
    assert stats.stability is not None and stats.stability.note.startswith("共 ")
    assert stats.stability.columns[0].startswith("去掉裁判 ")
    text = _pdf_text(write_certificates(sv, chief, tmp_path / "c.pdf"))
    assert "获奖证书" in text and "特发此证" in text


def test_a_certificate_printed_in_english_is_recorded_as_in_chinese(published, tmp_path: Path) -> None:
    env, chief = published
    sv = env.sv
    data = sv.certificates(chief, participation=True, lang="en")
    taking_part = [c for c in data.certificates if not c.award]
    assert taking_part and all(c.title == "Certificate of Participation" for c in taking_part)
    assert not CJK_RUN.search(data.date)
    for cert in data.certificates:
        check = sv.verify_certificate(cert.verification)
        assert check.ok, check.message
        assert check.award == (cert.award or "参赛证明")  # the registry's record, as a Chinese print makes it


def test_an_english_arbitration_decision_holds_no_chinese_but_the_users_data(
    engine: Engine, templates: Templates, tmp_path: Path
) -> None:
    env, sv, _clock = _world(engine, templates)
    who = _who(env, sv)
    a1 = sv.lodge_appeal(who("S1"), env.stations[0], "A", "对A3评分有异议")
    sv.rule_appeal(who("C1"), a1, "经复核维持原评分")
    sv.escalate_appeal(who("S1"), a1, "选手不服复核结论")
    sv.arbitrate(who("A1"), a1, "扣分依据充分。", "驳回申诉，维持原评分")
    strings = _user_strings(sv, who("C1")) + [
        "对A3评分有异议",
        "经复核维持原评分",
        "选手不服复核结论",
        "扣分依据充分。",
        "驳回申诉，维持原评分",
        *(j[1] for j in sv.judges()),
    ]
    data = sv.arbitration_decision(who("A1"), a1, "en")
    assert not CJK_RUN.search(data.number + data.kind + data.decided_at + data.contestant)
    assert data.issuer.startswith("Arbitration panel, ")
    text = _pdf_text(write_arbitration_decision(sv, who("A1"), tmp_path / "d.pdf", a1, lang="en"))
    assert _foreign(text, strings) == []
    zh = sv.arbitration_decision(who("A1"), a1)
    assert zh.number.startswith("仲裁〔") and zh.issuer.endswith("仲裁组") and zh.kind == "申诉"
