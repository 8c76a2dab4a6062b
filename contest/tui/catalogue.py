"""The judge terminal's door to the one message catalogue (:mod:`contest.i18n`; its words are in
:mod:`contest.texts.tui`), plus the small formatting helpers the screens share (scores, mm:ss, sheet states, service
messages).

Owns no widgets and no state: screens pass the language in. Rubric texts come from the rubric itself
(:meth:`rubrics.model.Text.get`); service errors carry a :class:`~contest.i18n.Msg` put into words by
:func:`message`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from contest.i18n import DEFAULT_LANG, catalogue, describe
from contest.i18n import tr as tr
from scoresheets.numbers import half_up


def key_label(key: str) -> str:
    """A key binding's footer description as declared (in the default language); :func:`relabel` puts it into the
    reader's language when the screen mounts and when F2 switches language."""
    return tr(DEFAULT_LANG, key)


def state_label(lang: str, state: str) -> str:
    """A sheet state (none/draft/submitted/returned/signed_off) in words."""
    key = f"state.{state}"
    return tr(lang, key) if key in catalogue() else state


STATE_GLYPHS = {
    "none": "-",
    "draft": "✎",
    "submitted": "✓",
    "returned": "↩",
    "signed_off": "✔",
    "avoid": "/",
    "other": "·",
}
"""Narrow (non-ambiguous-width) glyphs for the chief judge's matrix, so CJK terminals keep the columns aligned."""


def role_label(lang: str, roles: frozenset[str]) -> str:
    """The actor's roles in words, most senior first."""
    order = ("chief", "supervisor", "organiser", "marking", "encryption", "clerk")
    return tr(lang, "word.sep.list").join(tr(lang, f"role.{r}") for r in order if r in roles) or "-"


def score(value: Decimal | None) -> str:
    """A score for display: half-up to 2 decimals (display only; stored values stay exact)."""
    return "—" if value is None else format(half_up(value, 2), "f")


def points(value: Decimal) -> str:
    """Item points without trailing zeros (6, 4.5)."""
    return format(value.normalize(), "f")


def mmss(seconds: int | None) -> str:
    """Seconds as ``mm:ss``; ``—`` when unknown."""
    if seconds is None:
        return "—"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


_MMSS = re.compile(r"^(\d{1,4})(?::([0-5]\d))?$")


def parse_mmss(text: str) -> int | None:
    """``mm:ss`` or whole minutes to seconds; ``None`` when the text is not a time."""
    m = _MMSS.match(text.strip())
    if not m:
        return None
    return int(m.group(1)) * 60 + int(m.group(2) or 0)


def message(error: BaseException | str, lang: str) -> str:
    """A user-facing message for a service error, in ``lang`` (:func:`contest.i18n.describe`)."""
    return describe(error, lang)


def relabel(node: Any, labels: Mapping[str, str], lang: str) -> None:
    """Rewrite the footer descriptions of ``node``'s bindings in ``lang``.

    ``labels`` maps an action string to a catalogue key. Textual builds a per-instance copy of the bindings
    (``_bindings``) at construction; replacing the frozen ``Binding`` objects in that copy is the one way to
    change a description at run time, which F2 (language) needs.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=tr(lang, labels[b.action])) if b.action in labels else b for b in items
        ]
