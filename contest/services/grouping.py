"""Judge group names and the one rule for changing a judge's group in a module.

Owns how a typed group becomes its stored short name (``第1组`` → ``1``), how a group is named on screen and paper,
and :func:`apply_group`, used by both doors that set a group (assigning a judge, and setting the group alone), so
neither can move a judge who has already marked.
"""

from __future__ import annotations

from sqlmodel import Session, select

from contest.errors import ContestError, InvalidState
from contest.i18n import Msg
from contest.store.tables import AssignmentRow, SheetRow

MAX_GROUP = 12
"""Longest group name (it is printed in a narrow column)."""


def clean_group(text: str) -> str:
    """A group as typed (``1``, ``第1组``, ``第 2 组``, ``Ａ组``) → its short name (``1``, ``2``, ``A``)."""
    g = "".join(text.split())
    g = g.removeprefix("第").removesuffix("评分组").removesuffix("组")
    return g.translate(str.maketrans("０１２３４５６７８９ＡＢＣＤＥＦ", "0123456789ABCDEF")).upper()


def group_label(group: str, lang: str = "zh") -> str:
    """How a group is named on screen and paper: ``第1组``, ``A组`` (English: ``group 1``)."""
    if lang == "en":
        return f"group {group}"
    return f"第{group}组" if group.isdigit() else f"{group}组"


def group_key(group: str) -> tuple[int, str]:
    """Groups in natural order: 2 before 10, then by text."""
    return (int(group), "") if group.isdigit() else (10**9, group)


def apply_group(s: Session, a: AssignmentRow, judge_code: str, module_code: str, group: str) -> None:
    """Set the group of one assignment (``""``: none). Refused once the judge has a sheet in the module: their
    marks would move to another group's panels."""
    name = clean_group(group)
    if len(name) > MAX_GROUP:
        raise ContestError(Msg("grouping.name_too_long", most=MAX_GROUP))
    if (a.judge_group or "") == name:
        return
    if s.exec(
        select(SheetRow.id).where(SheetRow.module_id == a.module_id, SheetRow.judge_id == a.judge_id)
    ).first():
        raise InvalidState(Msg("grouping.judge_has_marked", judge=judge_code, module=module_code))
    a.judge_group = name or None
    s.add(a)
