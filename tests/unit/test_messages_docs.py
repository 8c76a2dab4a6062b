"""The remarks of the standings reach an English result sheet in English (the words the services add; award notes
and check-in reasons, written by scoresheets and the check-in desk, are printed as they are)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from contest.i18n import catalogue_problems
from contest.services.documents import _remark, printed_date


def _entry(rank: int | None, decided_by: str | None = None, shared: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        rank=rank, shared=shared, decided_by=decided_by, result=SimpleNamespace(disqualified="缺考")
    )


ENTRIES = {"1": _entry(1), "2": _entry(2, "theory"), "3": _entry(3, shared=True), "4": _entry(None)}
ORDER = ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    ("fragment", "contestant", "english"),
    [
        ("申诉后更正", "1", "corrected after an appeal"),
        ("成绩不完整", "1", "results incomplete"),
        ("模块A否决待确认", "1", "module A: veto awaiting confirmation"),
        ("总成绩相同，按理论成绩排序", "2", "tied on total, separated by theory"),
        ("总成绩相同，按理论成绩排序（领先）", "1", "tied on total, separated by theory"),
        ("并列", "3", "shared rank"),
        ("取消资格：缺考", "4", "disqualified: 缺考"),
        ("理论成绩未达获奖线 60", "1", "理论成绩未达获奖线 60"),  # an award note: scoresheets' own words
    ],
)
def test_a_remark_is_worded_in_the_documents_language(fragment: str, contestant: str, english: str) -> None:
    assert _remark(fragment, "en", ENTRIES, ORDER, contestant) == english
    assert _remark(fragment, "zh", ENTRIES, ORDER, contestant) == fragment


def test_dates_are_printed_in_the_documents_language() -> None:
    assert printed_date(date(2026, 5, 22)) == "2026年5月22日"
    assert printed_date(date(2026, 5, 22), "en") == "22 May 2026"


def test_the_catalogue_stays_complete() -> None:
    assert catalogue_problems() == []
