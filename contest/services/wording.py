"""Small helpers the proceedings services use to name their messages (:mod:`contest.i18n`).

- :func:`joined`: a list of messages as one message, separated the way each language separates list items.
- :func:`refusal`: a logged refusal (:meth:`~contest.services.core.ServiceContext.deny`) that shows a
  :class:`~contest.i18n.Msg` to its reader while the audit keeps the reason it has always stored.
- :func:`entry_refused`: a refused entry (:class:`scoresheets.errors.EntryRefused`) carrying a message.
"""

from __future__ import annotations

from collections.abc import Sequence

from contest.errors import PermissionDenied
from contest.i18n import Msg
from scoresheets.errors import EntryRefused

SEPARATORS = {
    "semicolon": "documents.join_semicolon",
    "comma": "documents.join_comma",
    "enum": "documents.join_enum",
}
"""How list items are separated: ``；``/``; ``, ``，``/``, `` or ``、``/``, `` (each a catalogue key with ``{a}{b}``)."""


def joined(parts: Sequence[Msg | str], sep: str = "semicolon") -> Msg | str:
    """``parts`` as one message: each language puts its own separator between them (``""`` for none)."""
    if not parts:
        return ""
    out: Msg | str = parts[0]
    for part in parts[1:]:
        out = Msg(SEPARATORS[sep], a=out, b=part)
    return out


def refusal(exc: PermissionDenied, msg: Msg) -> PermissionDenied:
    """``exc`` (from ``ctx.deny``/``ctx.denied_now`` with the reason the audit stores) showing ``msg``."""
    exc.msg = msg
    return exc


def entry_refused(msg: Msg, item_id: str = "") -> EntryRefused:
    """A refused entry whose reason is ``msg`` (its text is "中文 / English", as before)."""
    exc = EntryRefused(item_id, str(msg))
    exc.msg = msg  # type: ignore[attr-defined]
    return exc


__all__ = ["entry_refused", "joined", "refusal"]
