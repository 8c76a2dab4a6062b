"""The remarks of the standings are messages, worded in the reader's language: in Chinese exactly as the result
sheet has always printed them, in English with no Chinese of their own (award tiers and names are the
organiser's data)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from contest.i18n import Msg, catalogue_problems
from contest.services.conflicts import checkin_verdict_msgs, checkin_verdicts
from contest.services.documents import printed_date
from contest.services.standing_remarks import award_notes, award_remark, tie_break
from scoresheets.awards import (
    AwardPolicy,
    AwardTier,
    Remark,
    TiePolicy,
    TierMode,
    assign_awards,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _entry(rank: int | None, decided_by: str | None = None, shared: bool = False) -> Any:
    return SimpleNamespace(
        rank=rank, shared=shared, decided_by=decided_by, result=SimpleNamespace(disqualified="缺考")
    )


@pytest.mark.parametrize(
    ("remark", "zh", "en"),
    [
        (Msg("documents.remark.corrected"), "申诉后更正", "corrected after an appeal"),
        (Msg("documents.remark.incomplete"), "成绩不完整", "results incomplete"),
        (
            Msg("documents.remark.veto_pending", module="A"),
            "模块A否决待确认",
            "module A: veto awaiting confirmation",
        ),
        (tie_break(_entry(2, "theory")), "总成绩相同，按理论成绩排序", "tied on total, separated by theory"),
        (
            tie_break(_entry(2, "module:B")),
            "总成绩相同，按模块 B排序",
            "tied on total, separated by module B",
        ),
        (
            tie_break(_entry(2, "theory"), ahead=True),
            "总成绩相同，按理论成绩排序（领先）",
            "tied on total, ahead on theory",
        ),
        (tie_break(_entry(3, shared=True)), "并列", "shared rank"),
        (
            tie_break(_entry(None), why_out=Msg("conflicts.disqualified", modules="A")),
            "取消资格：模块A检录取消资格",
            "disqualified: disqualified at check-in in module A",
        ),
        (
            award_remark(Remark("theory_below", (("line", "60"),))),
            "理论成绩未达获奖线 60",
            "theory score below the award line 60",
        ),
        (
            award_remark(Remark("tie_awarded", (("rank", "3"), ("tier", "二等奖")))),
            "第3名并列跨越二等奖分界线，并列者均获二等奖",
            "rank 3 is shared across the 二等奖 cut-off: all who share it receive 二等奖",
        ),
    ],
)
def test_a_remark_is_worded_in_the_readers_language(remark: Msg | None, zh: str, en: str) -> None:
    assert remark is not None
    assert remark.text("zh") == zh
    assert remark.text("en") == en


def test_a_line_placed_by_its_total_alone_has_no_tie_break_remark() -> None:
    assert tie_break(_entry(1)) is None and tie_break(_entry(1, "total")) is None


def test_checkin_reasons_are_the_chinese_the_scoring_keeps_and_english_for_readers() -> None:
    states = {7: {"A": "disqualified", "B": "absent", "C": "withdrew"}}
    dq, barred = checkin_verdicts(states)
    assert dq == {"7": "模块A检录取消资格"} and barred == {"7": "模块B缺考、模块C弃权，不授奖"}
    dq_msg, barred_msg = checkin_verdict_msgs(states)
    assert barred_msg["7"].text("en") == "module B absent, module C withdrew: no award"
    assert not CJK.search(dq_msg["7"].text("en") + barred_msg["7"].text("en"))


def test_award_notes_name_the_tied_by_label_sorted_and_in_the_readers_language() -> None:
    entries = [
        SimpleNamespace(
            contestant=c,
            rank=r,
            result=SimpleNamespace(total=Decimal(t), theory=Decimal(80), practical=Decimal(t)),
        )
        for c, r, t in (("1", 1, 90), ("2", 2, 80), ("3", 2, 80), ("4", 4, 70))
    ]
    policy = AwardPolicy((AwardTier("一等奖", TierMode.COUNT, Decimal(2)),), tie_policy=TiePolicy.HIGHER)
    result = assign_awards(entries, policy)  # type: ignore[arg-type]
    label = {"1": "007", "2": "012", "3": "003", "4": "020"}
    (note,) = award_notes(result, label, stations=True)
    assert note.text("zh") == "第2名并列跨越一等奖分界线，并列者均获一等奖（赛位号 003、012）"
    assert note.text("en") == (
        "rank 2 is shared across the 一等奖 cut-off: all who share it receive 一等奖 (stations 003, 012)"
    )
    (named,) = award_notes(result, {"1": "甲", "2": "乙", "3": "丙", "4": "丁"}, stations=False)
    assert named.text("zh") == "第2名并列跨越一等奖分界线，并列者均获一等奖（丙、乙）"
    assert result.notes == ("第2名并列跨越一等奖分界线，并列者均获一等奖（2、3）",)  # the scoring's own words


def test_dates_are_printed_in_the_documents_language() -> None:
    assert printed_date(date(2026, 5, 22)) == "2026年5月22日"
    assert printed_date(date(2026, 5, 22), "en") == "22 May 2026"


def test_the_catalogue_stays_complete() -> None:
    assert catalogue_problems() == []
