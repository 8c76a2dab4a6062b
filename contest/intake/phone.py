"""Checking phone numbers typed in contestant and judge lists.

Owns what a valid mainland number looks like (an 11-digit mobile, or a landline with its area code and an
optional extension) and the advice given when it is not. Cleaning the spelling lives in
:func:`contest.intake.normalise.clean_phone`.
"""

from __future__ import annotations

import re

from contest.intake.normalise import Cell, clean_phone

_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
# 010 and 02x have three-digit area codes and 8-digit numbers; other area codes have four digits (0750 江门)
# and 7- or 8-digit numbers.
_LANDLINE = re.compile(r"^(?:0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8})(?:转\d{1,6})?$", re.ASCII)
_LOCAL = re.compile(r"^[2-9]\d{6,7}$", re.ASCII)


def check_phone(raw: Cell) -> tuple[str, str | None]:
    """Clean a phone cell and say what is wrong with it.

    Returns:
        The cleaned number, and ``None`` if it is valid or empty, else the key of its problem in
        :mod:`contest.texts.intake` ("intake.phone.phone_local" for a landline without area code, else
        "intake.phone.phone").
    """
    phone = clean_phone(raw)
    if not phone or _MOBILE.match(phone) or _LANDLINE.match(phone):
        return phone, None
    return phone, "intake.phone.phone_local" if _LOCAL.match(phone) else "intake.phone.phone"
