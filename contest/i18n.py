"""Language of user-facing text: Simplified Chinese by default, English on request.

Messages are kept next to their use as ``{"zh": …, "en": …}`` pairs and picked with :func:`pick`; the language is
resolved once (``--lang``, ``CONTEST_LANG`` or the contest configuration) and passed down explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def resolve_lang(explicit: str | None = None) -> str:
    """The language to use: explicit choice, then ``CONTEST_LANG``, then Chinese."""
    lang = (explicit or os.environ.get("CONTEST_LANG") or DEFAULT_LANG).lower()
    return "en" if lang.startswith("en") else "zh"


def pick(text: Mapping[str, str], lang: str, **fmt: object) -> str:
    """The text in ``lang`` (falling back to Chinese), formatted with ``fmt``."""
    s = text.get(lang) or text.get("zh") or ""
    return s.format(**fmt) if fmt else s
