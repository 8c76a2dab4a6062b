"""Typed errors of the scoring package."""

from __future__ import annotations


class ScoresheetError(Exception):
    """Base class for every error raised by :mod:`scoresheets`."""


class EntryRefused(ScoresheetError):
    """A judge's entry is impossible under the rubric; nothing may be stored."""

    def __init__(self, item_id: str, message: str) -> None:
        self.item_id = item_id
        self.reason = message
        super().__init__(f"{item_id}: {message}" if item_id else message)


class SheetIncomplete(ScoresheetError):
    """A sheet is submitted with items that have no explicit entry."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(f"{len(missing)} item(s) have no entry: {', '.join(missing)}")


class UnresolvedTie(ScoresheetError):
    """The tie-break cascade ends without separating contestants although shared ranks are not allowed."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = groups
        desc = "; ".join(" = ".join(g) for g in groups)
        super().__init__(f"ties remain after the whole cascade and shared ranks are not allowed: {desc}")
