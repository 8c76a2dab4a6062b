"""The 18-digit 居民身份证号 (GB 11643-1999): validation, gender and birth date, masking, and test IDs.

Owns the rules of the number itself: length and characters, province code, birth date and plausible age, the
ISO 7064 MOD 11-2 check character, and what to tell someone whose ID arrived as an Excel number or as a 15-digit
old ID. It knows nothing about workbooks; :mod:`contest.intake.contestants` locates the problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from contest.i18n import Msg
from contest.intake.normalise import Cell, cell_text, clean_id_number
from contest.intake_bridge import mask_id as mask_id  # one masking rule for intake and the services

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11643 weights of the first 17 digits."""
CHECK_CHARS = "10X98765432"
"""Check character for each value of (weighted sum mod 11)."""
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54}
    | {61, 62, 63, 64, 65, 71, 81, 82, 83}
)
"""First two digits in use (GB/T 2260 provinces; 81/82/83 are the residence permits of Hong Kong, Macao and
Taiwan residents). A full county table is not shipped: it changes yearly and old IDs keep retired codes."""
MIN_AGE = 16
MAX_AGE = 80
CHINA = ZoneInfo("Asia/Shanghai")

_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+?\d+$", re.IGNORECASE)
_ASCII_DIGITS = frozenset("0123456789")
_DIGITS = re.compile(r"[0-9]+")
_ID_CHARS = re.compile(r"[0-9]{17}[0-9X]")
"""What an 18-digit ID may hold once cleaned: ASCII digits only (``str.isdigit`` would pass ٤ or ²), X last."""
_PROVINCE_PREFIXES = frozenset(f"{p:02d}" for p in PROVINCES)


def today_in_china() -> date:
    """Today's date in China (the contest's calendar), whatever the host's time zone."""
    return datetime.now(CHINA).date()


@dataclass(frozen=True)
class IdInfo:
    """What a valid ID number says about its holder."""

    number: str
    """The 18 characters, upper-case X."""
    birth: date
    male: bool

    @property
    def gender(self) -> str:
        """ "男" or "女" (17th digit odd = 男)."""
        return "男" if self.male else "女"

    @property
    def region(self) -> str:
        """The six-digit region code the number was issued under."""
        return self.number[:6]

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        return age_on(self.birth, day)


@dataclass(frozen=True)
class IdIssue:
    """One thing wrong with an ID number, with what to do about it."""

    code: str
    """Stable key: number, old15, length, charset, region, birth, future, age or check."""
    msg: Msg
    """The explanation, a catalogue message (``intake.idcard.*``)."""

    def message(self, lang: str = "zh") -> str:
        """The explanation in ``lang``."""
        return self.msg.text(lang)


@dataclass(frozen=True)
class IdCheck:
    """The outcome of :func:`validate_id`: the cleaned text, and either the holder's data or the issues."""

    number: str
    info: IdInfo | None
    issues: tuple[IdIssue, ...]

    @property
    def ok(self) -> bool:
        """Whether the number is valid."""
        return not self.issues


def age_on(birth: date, day: date) -> int:
    """Whole years from ``birth`` to ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(Msg("intake.idcard.need_17_digits"))
    # Each weight is 2 ** (17 - i) mod 11 (i = 0 … 16), and 13 ≡ 2 (mod 11): the weighted sum is therefore
    # congruent to twice the digits read as one base-13 number, which int() computes in C (ten times faster
    # than summing the products, and this runs for every row of a contestant list). A digit of another
    # script counts as its value in both forms, and a non-decimal "digit" (²) is refused by int() in both.
    return CHECK_CHARS[2 * int(first17, 13) % 11]


def _birth(number: str) -> date | None:
    """The birth date in a number whose characters 7–14 are ASCII digits (``None`` if it is no date)."""
    try:
        return date.fromisoformat(number[6:14])  # YYYYMMDD, as date(int(…), int(…), int(…)) but in C
    except ValueError:
        return None


def validate_id(
    raw: Cell, *, on: date | None = None, min_age: int = MIN_AGE, max_age: int = MAX_AGE
) -> IdCheck:
    """Check a 身份证号 as it came out of a cell.

    Args:
        raw: The cell's raw value. A number (int or float, or text like ``4.40703E+17`` from a CSV saved by
            Excel) is refused: Excel keeps only 15 significant digits, so the last digits may be lost.
        on: The contest date, for the "not in the future" and age checks (default: today in China).
        min_age: Youngest plausible contestant age on ``on``.
        max_age: Oldest plausible contestant age on ``on``.

    Returns:
        The cleaned number and either the holder's data (valid) or every issue found.
    """
    day = on or today_in_china()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return IdCheck(cell_text(raw), None, (_number_issue(),))
    number = clean_id_number(raw)
    if _SCIENTIFIC.match(number):
        return IdCheck(number, None, (_number_issue(),))
    if len(number) == 15 and _DIGITS.fullmatch(number):
        return IdCheck(number, None, (_issue("old15"),))
    if len(number) != 18:
        return IdCheck(number, None, (_issue("length", n=len(number)),))
    if not _ID_CHARS.fullmatch(number):
        bad = "".join(
            sorted({c for c in number[:17] if c not in _ASCII_DIGITS} | ({number[17]} - set("0123456789X")))
        )
        return IdCheck(number, None, (_issue("charset", chars=bad),))
    issues: list[IdIssue] = []
    if number[:2] not in _PROVINCE_PREFIXES:
        issues.append(_issue("region", prefix=number[:2]))
    birth = _birth(number)
    if birth is None:
        issues.append(_issue("birth", digits=number[6:14]))
    elif birth > day:
        issues.append(_issue("future", birth=birth.isoformat()))
    else:
        age = age_on(birth, day)
        if not min_age <= age <= max_age:
            issues.append(_issue("age", age=age, day=day.isoformat(), lo=min_age, hi=max_age))
    expected = check_char(number[:17])
    if number[17] != expected:
        key = "check_zeros" if number.endswith("000") else "check"
        issues.append(_issue(key, got=number[17], want=expected))
    if issues or birth is None:
        return IdCheck(number, None, tuple(issues))
    return IdCheck(number, IdInfo(number, birth, int(number[16]) % 2 == 1), ())


def clean_id_gender(number: str, on: date) -> str | None:
    """The holder's gender ("男" or "女") if ``number`` is a valid ID exactly as written, else ``None``.

    "As written" means already clean: 18 ASCII characters, an upper-case X at most, nothing to strip. For such
    a number this answers what :func:`validate_id` with the default age bounds would (no issue: the gender;
    any issue: ``None``), without building its result. The importers try it first on each row and call
    validate_id, which says what is wrong, only when it gives ``None``.
    """
    if not _ID_CHARS.fullmatch(number) or number[:2] not in _PROVINCE_PREFIXES:
        return None
    window = _WINDOWS.get(on) or _birth_window(on)
    if not window[0] < number[6:14] <= window[1] or _birth(number) is None:
        return None
    if number[17] != CHECK_CHARS[2 * int(number[:17], 13) % 11]:  # check_char(); its guard is passed above
        return None
    return "男" if number[16] in "13579" else "女"


_WINDOWS: dict[date, tuple[str, str]] = {}


def _birth_window(on: date) -> tuple[str, str]:
    """Births (YYYYMMDD) of an age from MIN_AGE to MAX_AGE on ``on``: after the first bound, up to the second
    (kept in :data:`_WINDOWS`, one entry per contest day).

    Someone is at least N on ``on`` exactly when born on or before the same month and day N years earlier
    (:func:`age_on` counts a year once that day has come), so comparing the digits of the ID is the age check
    (and the "not born in the future" check, which it implies) without building a date.
    """
    window = _WINDOWS[on] = f"{on.year - MAX_AGE - 1:04d}{on:%m%d}", f"{on.year - MIN_AGE:04d}{on:%m%d}"
    return window


def is_valid_id(raw: Cell, *, on: date | None = None) -> bool:
    """Whether ``raw`` is a valid 18-digit ID (with the default age bounds)."""
    return validate_id(raw, on=on).ok


def make_valid_id(region: str, birth: date, seq: int, male: bool) -> str:
    """A valid, made-up ID for demos and tests (never a real person's number).

    Args:
        region: Six-digit region code; its first two digits must be a province in :data:`PROVINCES`
            (e.g. "440703", 江门市蓬江区).
        birth: Date of birth.
        seq: 0–499; the three-digit order code is ``2 * seq + 1`` for a man and ``2 * seq`` for a woman,
            so the 17th digit carries the gender.
        male: Gender of the holder.
    """
    if len(region) != 6 or not region.isdigit() or int(region[:2]) not in PROVINCES:
        raise ValueError(Msg("intake.idcard.bad_region", region=repr(region)))
    if not 0 <= seq <= 499:
        raise ValueError(Msg("intake.idcard.bad_seq"))
    first17 = f"{region}{birth:%Y%m%d}{2 * seq + (1 if male else 0):03d}"
    return first17 + check_char(first17)


def _number_issue() -> IdIssue:
    return _issue("number")


def _issue(key: str, **fmt: object) -> IdIssue:
    code = "check" if key == "check_zeros" else key
    return IdIssue(code, Msg(f"intake.idcard.{key}", **fmt))
