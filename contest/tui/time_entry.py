"""Reading the time a contestant used, as a judge types it, and judging whether it is plausible.

Pure (no Textual): :func:`parse_time_used` turns text into seconds or says exactly what is wrong;
:func:`time_warning` says whether a reading passes the module's forced stop or is implausible, so the dialog
asks before it counts. Accepted forms (ASCII or full-width, spaces around are ignored):

- ``21:30`` — minutes and seconds (seconds 00–59, always two digits);
- ``21 30`` — the same with a space;
- ``21`` — whole minutes;
- ``1290s`` / ``1290秒`` — seconds only;
- ``21分30秒`` / ``21分`` — written out.

A decimal point is refused, never reinterpreted: ``21.3`` could mean 21:30, 21:03 or 21.3 minutes (21:18).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from contest.i18n import tr
from rubrics.model import ModuleRubric

MAX_SECONDS = 24 * 3600
"""The most the service accepts."""
IMPLAUSIBLE_FACTOR = 3
"""A time above this many times the limit is implausible (asks for confirmation)."""
IMPLAUSIBLY_SHORT = 60
"""A time below one minute is implausible (asks for confirmation)."""

_FORMS = (
    re.compile(r"(?P<m>\d{1,4})[:\s]\s*(?P<s>\d{2})"),  # 21:30, 21 30
    re.compile(r"(?P<m>\d{1,4})"),  # 21 (minutes)
    re.compile(r"(?P<sec>\d{1,6})\s*(?:s|sec|秒)", re.IGNORECASE),  # 1290s
    re.compile(r"(?P<m>\d{1,4})\s*分(?:钟)?\s*(?:(?P<s>\d{1,2})\s*秒)?"),  # 21分30秒, 21分钟
)
_DECIMAL = re.compile(r"\d+\s*[.,]\s*\d*|[.,]\d+")
_SECONDS_BAD = re.compile(r"\d{1,4}[:\s]\s*(?P<s>\d{1,2})")


class TimeProblem(StrEnum):
    """Why a typed time is refused."""

    EMPTY = "empty"
    DECIMAL = "decimal"
    """A decimal point: ambiguous, refused with the forms that say what was meant."""
    SECONDS = "seconds"
    """Seconds not 00–59 or not two digits (``21:3``, ``21:75``)."""
    TOO_LONG = "too_long"
    """More than 24 hours: never a contestant's time (``2130`` read as minutes)."""
    FORM = "form"
    """Not a time in any accepted form."""


@dataclass(frozen=True)
class TimeReading:
    """What a typed time means: ``seconds``, or a ``problem`` (``text`` is what was typed)."""

    text: str
    seconds: int | None = None
    problem: TimeProblem | None = None


class TimeWarning(StrEnum):
    """Why a readable time must be confirmed before it counts."""

    PAST_STOP = "past_stop"
    """Past the module's forced stop (the contestant should have been stopped)."""
    IMPLAUSIBLE = "implausible"
    """Far past the limit, or under a minute: probably a typing mistake."""


def parse_time_used(text: str) -> TimeReading:
    """Seconds for a typed time, or the reason it is refused (see the module docstring for the forms)."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return TimeReading(text, problem=TimeProblem.EMPTY)
    if _DECIMAL.fullmatch(cleaned):
        return TimeReading(text, problem=TimeProblem.DECIMAL)
    for form in _FORMS:
        m = form.fullmatch(cleaned)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("sec") is not None:
            seconds = int(groups["sec"])
        else:
            secs = int(groups.get("s") or 0)
            if secs > 59:
                return TimeReading(text, problem=TimeProblem.SECONDS)
            seconds = int(groups["m"]) * 60 + secs
        if seconds > MAX_SECONDS:
            return TimeReading(text, problem=TimeProblem.TOO_LONG)
        return TimeReading(text, seconds=seconds)
    if _SECONDS_BAD.fullmatch(cleaned):
        return TimeReading(text, problem=TimeProblem.SECONDS)
    return TimeReading(text, problem=TimeProblem.FORM)


def forced_stop_seconds(rubric: ModuleRubric) -> int | None:
    """When the contestant is stopped, in seconds from the start: limit + ``stop_after_minutes``; the limit itself
    when overtime is not allowed at all (no deduction and no stop: "stop at the bell"); ``None`` if the rubric
    sets no forced stop."""
    limit = rubric.time_limit_minutes * 60
    rule = rubric.overtime
    if rule.stop_after_minutes:
        return limit + rule.stop_after_minutes * 60
    if rule.points_per_started_minute == 0:
        return limit
    return None


def time_warning(rubric: ModuleRubric, seconds: int) -> TimeWarning | None:
    """Whether ``seconds`` must be confirmed: implausible (over 3× the limit, or under a minute) first, then past
    the forced stop; ``None`` when it is an ordinary time."""
    limit = rubric.time_limit_minutes * 60
    if seconds < IMPLAUSIBLY_SHORT or (limit and seconds > IMPLAUSIBLE_FACTOR * limit):
        return TimeWarning.IMPLAUSIBLE
    stop = forced_stop_seconds(rubric)
    if stop is not None and seconds > stop:
        return TimeWarning.PAST_STOP
    return None


def minutes_seconds(seconds: int, lang: str) -> str:
    """``21 分 30 秒`` / ``21 min 30 s`` (hours never: judges think in minutes)."""
    m, s = divmod(seconds, 60)
    return tr(lang, "word.minutes_seconds", m=m, s=s)
