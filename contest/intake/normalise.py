"""Cleaning cell values typed by people into the canonical text the importers validate.

Owns the character-level rules: whitespace (including full-width U+3000 and NBSP), control and bidi marks,
full-width to half-width, ID and phone spelling, number-to-text and header matching keys. It never decides whether
a value is *valid*; :mod:`contest.intake.idcard` and the importers do that.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from contest.intake_bridge import ascii_digits as ascii_digits  # NFKC, then ASCII digits

Cell = str | int | float | bool | date | datetime | time | timedelta | None
"""A cell's raw value as read from a workbook or CSV file (CSV cells are always ``str`` or ``None``)."""

# Characters removed from every text field: bidi marks and embeddings/isolates (they make "张三" and "张三"
# look equal but compare different, and can reorder digits on screen), zero-width characters and the soft
# hyphen (pasted from web pages and WeChat), and C0/C1 control characters other than the whitespace ones.
_INVISIBLE = (
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + [c for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c"]
    + list(range(0x7F, 0xA0))
)
_REMOVE = dict.fromkeys(_INVISIBLE)
# Full-width digits and Latin letters to ASCII, and the ideographic space to a space. Used for names and free
# text, where NFKC is too strong: it rewrites CJK compatibility ideographs (different characters in a person's
# name) and the full-width punctuation that Chinese text uses on purpose (（）、，：).
_HALF = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)} | {
    0x3000: 0x20
}
# The interpunct in transcribed minority and foreign names (阿卜杜·热合曼) is typed in many ways.
_DOTS = dict.fromkeys([0x2022, 0x2027, 0x30FB, 0xFF0E, 0xFE52, 0x00B7, 0x2219, 0x22C5, 0xFF65], "·")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff·])\s+|\s+(?=[\u3400-\u9fff\uf900-\ufaff·])")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
"""A decimal digit (Unicode category Nd) other than 0–9: what ``\\d`` matches in a ``str`` pattern."""
_ID_SEPARATORS = re.compile(r"[\s\-‐‑–—]")
_PHONE_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－()（）.·/]")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$", re.IGNORECASE)
_HEADER_NOISE = re.compile(r"[*＊:：]|[(（\[【][^)）\]】]*[)）\]】]")


def cell_text(value: Cell) -> str:
    """A cell's value as the text a person would read in Excel, without any cleaning.

    Whole-number floats become integer strings (``13800138000.0`` → ``"13800138000"``); longer ones show Excel's
    15 significant digits padded with zeros (an 18-digit ID typed as a number → ``"440703198503040000"``); other
    floats use 15 significant digits; dates print as ISO dates.
    """
    # The common case first; a str subclass (Uncalculated) takes the long way and comes out a plain str.
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer() and abs(value) < 1e21:
            # What Excel shows for a long number typed into a cell: 15 significant digits, then zeros.
            return format(Decimal(f"{value:.15g}"), "f")
        return f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def clean_text(value: Cell) -> str:
    """Text with invisible characters removed and all whitespace (U+3000, NBSP, tabs, newlines) collapsed."""
    s = value if type(value) is str else cell_text(value)
    # A printable text holds no character of _REMOVE and no whitespace but the ASCII space (str.isprintable
    # refuses every control, format and separator character except " "), so it is already clean unless a space
    # leads, trails or repeats. Most cells are such texts; skipping translate and split keeps big files fast.
    if s.isprintable() and (" " not in s or ("  " not in s and s[0] != " " and s[-1] != " ")):
        return s
    s = s.translate(_REMOVE)
    return " ".join(s.split())


def is_blank(value: Cell) -> bool:
    """Whether a cell is empty once cleaned."""
    return clean_text(value) == ""


def to_halfwidth(text: str) -> str:
    """Full-width digits and Latin letters (and U+3000) to their half-width forms; punctuation is kept."""
    return text.translate(_HALF)


def clean_name(value: Cell) -> str:
    """A person's name: cleaned text, full-width letters made half-width, padding spaces between Chinese removed.

    Forms often pad two-character names to line them up ("张　三"); those spaces go. Spaces between Latin words
    stay. Every variant of the interpunct becomes "·". NFKC is *not* applied.
    """
    s = clean_text(value)
    if s.isascii():  # no interpunct variant, full-width form or CJK character to act on
        return s
    s = to_halfwidth(s.translate(_DOTS))
    if " " not in s:  # clean_text left no whitespace but single spaces, and the translations add none
        return s
    return _CJK_SPACE.sub("", s).strip()


def clean_text_field(value: Cell) -> str:
    """A free-text field (unit, project, note): cleaned text with full-width digits and letters made half-width,
    and digits of other scripts (Arabic-Indic ٤, Devanagari ४ …: look-alikes no printed font needs to carry) as
    ASCII digits."""
    s = clean_text(value)
    if s.isascii():  # nothing full-width (every key of _HALF is beyond ASCII) and no other script's digits
        return s
    s = to_halfwidth(s)
    if s.isascii() or not _OTHER_DIGIT.search(s):
        return s
    return "".join(
        str(unicodedata.decimal(c)) if ord(c) > 0x7F and unicodedata.category(c) == "Nd" else c for c in s
    )


def clean_code(value: Cell) -> str:
    """A short code (judge code, module code, station number): NFKC, ASCII digits, no spaces, upper case."""
    s = ascii_digits(clean_text(value))
    return "".join(s.split()).upper()


def clean_id_number(value: Cell) -> str:
    """An ID number as text: NFKC and ASCII digits (full-width or Arabic-Indic digits are the same number), no
    spaces or hyphens, a leading apostrophe dropped, x → X.

    Numbers (an ID typed without text format) are turned into digits here, but the caller must still refuse
    them: see :func:`contest.intake.idcard.validate_id`.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    s = ascii_digits(clean_text(value))
    s = _ID_SEPARATORS.sub("", s).lstrip("'‘’`")
    return s.replace("x", "X")


def clean_phone(value: Cell) -> str:
    """A phone number reduced to digits: separators dropped, +86/0086 stripped, an extension kept as "转N".

    ``"+86 139-1234-5678"`` → ``"13912345678"``; ``"0750－3201234 转 801"`` → ``"07503201234转801"``.
    """
    s = ascii_digits(clean_text(value))
    ext = ""
    m = _EXTENSION.search(s)
    if m and len(re.sub(r"\D", "", s[: m.start()])) >= 7:
        ext = "转" + m.group(1)
        s = s[: m.start()]
    s = _PHONE_SEPARATORS.sub("", s)
    for prefix in ("+86", "0086"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            break
    else:
        if s.startswith("86") and len(s) == 13 and s[2] == "1":
            s = s[2:]
    return s + ext


def header_key(value: Cell) -> str:
    """The key a header cell is matched by: NFKC, no spaces, no "*" or ":" and no bracketed hint, lower case.

    ``"身份证号码*（18位）"`` → ``"身份证号码"``; ``"联系电话(手机)"`` → ``"联系电话"``.
    """
    s = unicodedata.normalize("NFKC", clean_text(value))
    s = _HEADER_NOISE.sub("", s)
    return "".join(s.split()).lower()


def match_key(value: Cell) -> str:
    """A key for comparing free text typed in different files (units for 回避, project names): NFKC, no
    whitespace, case-folded. ``"蓬江区 社会福利院"`` and ``"蓬江区社会福利院"`` get the same key."""
    return "".join(unicodedata.normalize("NFKC", clean_text(value)).split()).casefold()
