"""Identity-number and typed-code helpers the services need, kept apart so the services never depend on workbook
reading."""

from __future__ import annotations

import unicodedata


def mask_id(id_number: str) -> str:
    """The ID as printed on public documents and shown on screen: ``"440703199001011234"`` → ``"440703********1234"``.

    The first six and last four characters are kept (region and last digits, the usual 身份证号 masking) when
    something is left to hide between them; a string of ten characters or fewer (not a 身份证号) is masked whole.
    """
    s = id_number.strip()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def ascii_digits(text: str) -> str:
    """NFKC, then every decimal digit of any script (Arabic-Indic ٤, Devanagari ४, full-width ４ …) as its ASCII
    digit. Other characters are kept, so a validator still sees (and refuses) anything that is not a digit."""
    if text.isascii():  # NFKC leaves ASCII unchanged
        return text
    s = unicodedata.normalize("NFKC", text)
    if s.isascii():
        return s
    return "".join(str(d) if (d := unicodedata.decimal(c, None)) is not None else c for c in s)


def typed_station(text: str) -> str:
    """A station (or draw) number as typed at a terminal or on the command line, in the spelling it is stored in:
    NFKC, ASCII digits, surrounding spaces dropped (``Ａ－０７`` and ``A-٠٧`` are ``A-07``)."""
    return ascii_digits(text).strip()
