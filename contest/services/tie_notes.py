"""The award notes on ties at a cut-off as the public reads them: the tied contestants named by station before
decryption and by name after, never by database id (ids follow the registration workbook's row order and, before
decryption, would let anyone with that list tell who is who).

Owns only the rewording of :attr:`scoresheets.awards.AwardResult.notes`, whose tie notes end with the tied
contestants' keys (``…并列者均获三等奖（5、6、7）``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from scoresheets.awards import AwardResult

_TIED = re.compile(r"^(?P<msg>.*)（(?P<keys>[^（）]+)）$")


def tie_notes(awards: AwardResult | None, label: Mapping[str, str], prefix: str = "") -> tuple[str, ...]:
    """``awards.notes`` with each tie note's contestant keys replaced by ``label[key]`` (sorted, so the note does
    not depend on registration order), after ``prefix`` (e.g. ``赛位号 ``); other notes unchanged."""
    if awards is None:
        return ()
    out = []
    for note in awards.notes:
        m = _TIED.match(note)
        keys = m.group("keys").split("、") if m else []
        if not m or not keys or any(k not in label for k in keys):
            out.append(note)
            continue
        out.append(f"{m.group('msg')}（{prefix}{'、'.join(sorted(label[k] for k in keys))}）")
    return tuple(out)
