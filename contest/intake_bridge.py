"""Identity-number helpers the services need, kept apart so the services never depend on workbook reading."""

from __future__ import annotations


def mask_id(id_number: str) -> str:
    """Mask an ID for public documents: first 6 and last 4 characters kept (440703********123X)."""
    s = id_number.strip()
    if len(s) <= 10:
        return s[:2] + "*" * max(0, len(s) - 2)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]
