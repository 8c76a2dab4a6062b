"""Typed errors of the scoring package."""

from __future__ import annotations


class ScoresheetError(Exception):
    """Base class for every error raised by :mod:`scoresheets`."""


class EntryRefused(ScoresheetError):
    """A judge's entry is impossible under the rubric; nothing may be stored.

    This package speaks no language to users: ``code`` names the refusal (``level_range``, ``score_range`` …) and
    ``params`` holds its values; the running system puts them into words under the message key ``entry.<code>``
    (:func:`contest.i18n.describe`). ``reason`` is the text for logs and developers (English; a refused typed score
    gives ``"中文 / English"`` as it always did); ``str()`` is ``"<item>: <reason>"``. An entry refused without a
    code (``code == ""``) is shown by its ``reason``.
    """

    def __init__(
        self, item_id: str, message: str, *, code: str = "", params: dict[str, object] | None = None
    ) -> None:
        self.item_id = item_id
        self.reason = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})
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
