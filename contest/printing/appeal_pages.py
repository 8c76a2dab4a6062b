"""What the appeal documents say: the 申诉登记表 (every appeal and objection with how it was handled) and the
仲裁决定书 (one arbitration decision). Plain frozen dataclasses that the appeal services fill and
:mod:`contest.printing.appeals` prints.

Owns the shape of these two documents only. Every value is already decided: before decryption the contestant is
a station or draw number, never a name; times are already in the contest's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from contest.printing.pages import DocHeader


@dataclass(frozen=True)
class AppealEntry:
    """One row of the 申诉登记表."""

    number: str
    """编号, e.g. ``3``."""
    kind: str
    """申诉 or 公示期异议."""
    lodged_at: str
    contestant: str
    """赛位号/抽签号 (``赛位 012 · 抽签 7``) before decryption; the name with the station after."""
    module: str
    """Module code, or 理论/总分 when the appeal names no module."""
    text: str
    """申诉内容 as written (an objection also names its objector)."""
    outcome: str
    """处理结果: the first ruling, the escalation and the arbitration decision, each on its own line."""
    handlers: str
    """处理人: who lodged, ruled and decided (codes and names)."""
    state: str
    """已登记 / 已复核 / 复核结论生效 / 已提请仲裁 / 仲裁终局."""


@dataclass(frozen=True)
class AppealRegisterData:
    """申诉登记表: every appeal and objection of the contest, oldest first."""

    header: DocHeader
    entries: tuple[AppealEntry, ...]
    rules: str
    """The deadlines as configured (申诉期限, 提请仲裁期限, 公示期异议期限)."""
    decrypted: bool


@dataclass(frozen=True)
class ArbitrationDecisionData:
    """仲裁决定书 for one appeal or objection the arbitration panel decided."""

    header: DocHeader
    number: str
    """The document number, e.g. ``仲裁〔2026〕第 3 号``."""
    kind: str
    """申诉 or 公示期异议."""
    contestant: str
    module: str
    lodged_at: str
    applicant: str
    """Who brought it: the contestant (appeal) or the real-name objector (objection)."""
    text: str
    first_ruling: str
    """复核结论 with who gave it and when (empty for an objection)."""
    escalation: str
    """Why the contestant did not accept the first ruling (empty for an objection)."""
    opinion: str
    decision: str
    decided_at: str
    """The date of the decision (``2026年5月20日``)."""
    panel: tuple[tuple[str, str], ...]
    """(code, name) of the arbitration panel members; the one who recorded the decision first."""
    issuer: str
    """Who issues it (the contest's name and 仲裁组)."""
