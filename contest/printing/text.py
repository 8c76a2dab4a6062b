"""The words and number formats of printed documents, in Simplified Chinese and English.

Owns every fixed label the renderers print (column heads, signature lines, footers) and how a score, a number of
points, a time or a date is written. It owns no layout (:mod:`contest.printing.styles`) and no data
(:mod:`contest.printing.pages`). Scores arrive already rounded; formatting only pads them to the contest's number
of decimals and never rounds: a value with more decimals than that is printed exactly as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from contest.i18n import tr

CLIP = {"name": 40, "unit": 120, "remarks": 400, "fact": 80, "signer": 24}
"""Most characters a table cell or fact line of each kind prints (a table row cannot break across pages: a
600-character unit once made the result sheet's row taller than the page). Import limits keep real data below
these; they catch what still gets through (a database edited by hand, an older import)."""


def clip(value: str, limit: int, lang: str) -> str:
    """``value`` if it has at most ``limit`` characters, else its first characters and ``print.clip_mark``
    (so a reader sees that something is missing)."""
    if len(value) <= limit:
        return value
    mark = tr(lang, "print.clip_mark")
    return value[: max(limit - len(mark), 1)] + mark


def score(value: Decimal | None, places: int = 2, empty: str = "—") -> str:
    """A score padded to ``places`` decimals, never rounded (``None`` prints ``empty``)."""
    if value is None:
        return empty
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -places:
        value = value.quantize(Decimal(1).scaleb(-places))  # only adds zeros: exact
    return format(value, "f")


def signed(value: Decimal | None, places: int = 2) -> str:
    """A score with an explicit sign, for deviations (``+1.25``, ``−0.50``, ``0.00``)."""
    if value is None:
        return "—"
    text = score(abs(value), places)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text
    return text


def points(value: Decimal) -> str:
    """Points of a rubric item or rule, without trailing zeros (``6``, ``2.5``)."""
    text = format(value.normalize(), "f")
    return text


def duration(seconds: int | None, lang: str) -> str:
    """Minutes and seconds, e.g. ``18分05秒`` / ``18 min 05 s``."""
    if seconds is None:
        return "—"
    m, s = divmod(seconds, 60)
    return f"{m} min {s:02d} s" if lang == "en" else f"{m}分{s:02d}秒"


def timestamp(when: datetime) -> str:
    """A print time as ``2025-06-14 16:30`` (in the zone the caller gave)."""
    return when.strftime("%Y-%m-%d %H:%M")


def titled_contest(name: str, edition: str) -> str:
    """The contest's name with its edition where Chinese puts it: ``第三届`` before the name, or after a leading
    year (``2026年第三届蓬江区…``); an edition already in the name is not repeated."""
    name, edition = name.strip(), edition.strip()
    if not edition or edition in name:
        return name
    year = re.match(r"(\d{4}年)(.*)", name)
    if year and not re.search(r"\d{4}", edition):
        return f"{year.group(1)}{edition}{year.group(2)}"
    return edition + name


def project_phrase(contest: str, project: str) -> str:
    """How the project follows the contest name: ``养老护理员项目``, or only its group (``（职工组）``) when the
    contest name already says the occupation, so it is never written twice."""
    project = project.strip()
    base = project.split("（", 1)[0].split("(", 1)[0]
    if base and base in contest:
        return project[len(base) :]
    return f"{project}项目" if project else ""


def chinese_date(day: date) -> str:
    """A date as ``2026年5月22日``."""
    return f"{day.year}年{day.month}月{day.day}日"


_CERTIFICATE_KINDS = {
    "award": ("print.cert.award_title", "print.cert.award_body", "print.cert.award_end"),
    "honour": ("print.cert.honour_title", "print.cert.honour_body", "print.cert.honour_end"),
    "participation": (
        "print.cert.participation_title",
        "print.cert.participation_body",
        "print.cert.participation_end",
    ),
}


def certificate_wording(kind: str, lang: str = "zh") -> tuple[str, str, str]:
    """Default (title, body, end) of a kind of certificate (``award``, ``honour``, ``participation``) in ``lang``;
    ``[certificates] award/honour/participation`` in contest.toml overrides any part. The body may use {contest},
    {project}, {award}, {name}, {unit} and {date} (left unfilled here)."""
    title, body, end = _CERTIFICATE_KINDS[kind]
    return tr(lang, title), tr(lang, body), tr(lang, end)


CERTIFICATE_WORDING: dict[str, tuple[str, str, str]] = {
    kind: certificate_wording(kind) for kind in _CERTIFICATE_KINDS
}
"""The Chinese defaults of :func:`certificate_wording`, for callers that do not yet pass a language."""
