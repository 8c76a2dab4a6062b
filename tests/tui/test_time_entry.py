"""Reading a typed time used (issue 12 case 4): every accepted form round-trips, a decimal point is refused and
never reinterpreted, and a time past the forced stop or implausible is flagged for confirmation."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.tui.time_entry import (
    MAX_SECONDS,
    TimeProblem,
    TimeWarning,
    forced_stop_seconds,
    minutes_seconds,
    parse_time_used,
    time_warning,
)
from rubrics.load import load_library
from rubrics.model import OvertimeRule

RUBRIC = load_library().modules["elderly_care.basic_care"]
"""20 minutes, 2 points per started minute over, forced stop 5 minutes over: 25:00."""
PROPERTY = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])

seconds_st = st.integers(0, MAX_SECONDS)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("21:30", 1290),
        ("21 30", 1290),
        ("21  30", 1290),
        ("21:03", 1263),
        ("21", 1260),
        ("0:45", 45),
        ("1290s", 1290),
        ("1290 秒", 1290),
        ("21分30秒", 1290),
        ("21分", 1260),
        ("２１：３０", 1290),  # full-width, as a Chinese IME types it
        (" 21:30 ", 1290),
    ],
)
def test_accepted_forms(text: str, seconds: int) -> None:
    assert parse_time_used(text).seconds == seconds


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("21.3", TimeProblem.DECIMAL),  # was 213:00 (the dot dropped)
        ("21.30", TimeProblem.DECIMAL),
        ("21,5", TimeProblem.DECIMAL),
        (".5", TimeProblem.DECIMAL),
        ("21.", TimeProblem.DECIMAL),
        ("21:3", TimeProblem.SECONDS),
        ("21:75", TimeProblem.SECONDS),
        ("21 7", TimeProblem.SECONDS),
        ("21分75秒", TimeProblem.SECONDS),
        ("2130", TimeProblem.TOO_LONG),  # 2130 minutes; the dialog suggests 21:30
        ("", TimeProblem.EMPTY),
        ("   ", TimeProblem.EMPTY),
        ("-5", TimeProblem.FORM),
        ("21:30:00", TimeProblem.FORM),
        ("abc", TimeProblem.FORM),
    ],
)
def test_refused_forms(text: str, problem: TimeProblem) -> None:
    reading = parse_time_used(text)
    assert (reading.seconds, reading.problem) == (None, problem)


@PROPERTY
@given(seconds_st)
def test_mm_ss_round_trips(seconds: int) -> None:
    m, s = divmod(seconds, 60)
    for text in (f"{m}:{s:02d}", f"{m} {s:02d}", f"{seconds}s", f"{m}分{s}秒"):
        if m <= 9999:
            assert parse_time_used(text).seconds == seconds, text
    if s == 0 and m <= 1440:
        assert parse_time_used(str(m)).seconds == seconds


@PROPERTY
@given(st.integers(0, 999), st.integers(0, 99))
def test_a_decimal_point_is_never_reinterpreted(whole: int, fraction: int) -> None:
    for text in (f"{whole}.{fraction}", f"{whole}.{fraction:02d}", f"{whole},{fraction}"):
        reading = parse_time_used(text)
        assert reading.seconds is None and reading.problem == TimeProblem.DECIMAL


@PROPERTY
@given(st.text(max_size=10))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    reading = parse_time_used(text)
    assert (reading.seconds is None) != (reading.problem is None)
    if reading.seconds is not None:
        assert 0 <= reading.seconds <= MAX_SECONDS
        assert "." not in text and "," not in text


def test_forced_stop_and_warnings() -> None:
    assert forced_stop_seconds(RUBRIC) == 25 * 60
    assert time_warning(RUBRIC, 21 * 60 + 30) is None
    assert time_warning(RUBRIC, 25 * 60) is None  # exactly at the stop
    assert time_warning(RUBRIC, 25 * 60 + 1) == TimeWarning.PAST_STOP
    assert time_warning(RUBRIC, 60 * 60 + 1) == TimeWarning.IMPLAUSIBLE  # > 3 x 20 min
    assert time_warning(RUBRIC, 30) == TimeWarning.IMPLAUSIBLE
    assert (RUBRIC.time_limit_minutes, RUBRIC.overtime.stop_after_minutes) == (20, 5)
    bell = replace(RUBRIC, overtime=OvertimeRule(Decimal(0), 0))
    assert forced_stop_seconds(bell) == 20 * 60  # stop at the bell
    open_ended = replace(RUBRIC, overtime=OvertimeRule(Decimal(1), 0))
    assert forced_stop_seconds(open_ended) is None
    assert time_warning(open_ended, 50 * 60) is None


@PROPERTY
@given(seconds_st)
def test_warning_iff_past_stop_or_implausible(seconds: int) -> None:
    warning = time_warning(RUBRIC, seconds)
    implausible = seconds < 60 or seconds > 3 * 20 * 60
    assert (warning == TimeWarning.IMPLAUSIBLE) == implausible
    assert (warning == TimeWarning.PAST_STOP) == (not implausible and seconds > 25 * 60)


def test_echo_words() -> None:
    assert minutes_seconds(1290, "zh") == "21 分 30 秒"
    assert minutes_seconds(1290, "en") == "21 min 30 s"
    assert minutes_seconds(63, "zh") == "1 分 03 秒"
