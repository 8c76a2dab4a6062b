"""The command line's door: who runs a state-changing command, proven by their PIN.

Every command that writes (or prints a document, which is logged) takes ``--as CODE`` (or ``CONTEST_AS``) and
that person's PIN: ``CONTEST_PIN_<CODE>``, else ``CONTEST_PIN`` for the person named by ``--as``, else a hidden
prompt. The PIN is checked by the services with the terminal's lockout. A command naming nobody is refused and the
refusal is logged. The PIN and lockout commands themselves are ``contest judges set-pin|unlock``
(:mod:`contest.cli.judges`).
"""

from __future__ import annotations

import getpass
import os
from typing import Annotated, Any

import typer

from contest.errors import ContestError
from contest.i18n import Msg, tr
from contest.services.core import Correction

AS_ENV = "CONTEST_AS"
AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        envvar=AS_ENV,
        help="执行人编号（PIN 由 CONTEST_PIN 或提示输入）/ who runs this (PIN from CONTEST_PIN or a prompt)",
    ),
]


def _t(key: str, **params: object) -> str:
    """The catalogue text ``key`` in the session's language (:mod:`contest.cli.common` imports this module, so its
    ``t`` cannot be imported here)."""
    from contest.cli.common import state

    return tr(state.lang, key, **params)


def pin_for(code: str, primary: bool = True) -> str:
    """The PIN of ``code``: ``CONTEST_PIN_<CODE>``, then (for the person named by ``--as``) ``CONTEST_PIN``, then
    a hidden prompt."""
    pin = os.environ.get(f"CONTEST_PIN_{code}")
    if not pin and primary:
        pin = os.environ.get("CONTEST_PIN")
    return pin or getpass.getpass(_t("cmd.door.pin_prompt", code=code))


def door(sv: Any, code: str | None, action: str, pin: str | None = None) -> Any:
    """The logged-in actor named by ``code``; refused (and logged) when nobody is named."""
    if not code:
        # the reason is logged as given (both languages) and shown in the reader's language
        raise sv.refuse_unproven(action, str(Msg("cmd.door.needs_as")))
    return sv.login(code, pin or pin_for(code))


def second(sv: Any, code: str | None) -> Any:
    """A second official's login (their PIN from ``CONTEST_PIN_<CODE>`` or a prompt), or None."""
    return sv.login(code, pin_for(code, primary=False)) if code else None


CorrChief = Annotated[
    str | None,
    typer.Option("--chief", help="更正：裁判长编号（解密后改变成绩时）/ correction: the chief judge"),
]
CorrSupervisor = Annotated[
    str | None, typer.Option("--supervisor", help="更正：监督编号 / correction: the supervisor")
]
CorrReason = Annotated[str | None, typer.Option("--reason", help="更正理由 / the correction's reason")]


def correction(
    sv: Any, actor: Any, chief: str | None, supervisor: str | None, reason: str | None
) -> Correction | None:
    """The 更正 decision of the chief judge and the supervisor (each proven by PIN: ``CONTEST_PIN_<CODE>`` or a
    prompt; the person named by ``--as`` is not asked twice), or None when none of the three options is given."""
    if not (chief or supervisor or reason):
        return None
    if not (chief and supervisor and reason):
        raise ContestError(Msg("cmd.door.correction_incomplete"))

    def who(code: str) -> Any:
        return actor if actor.code == code else second(sv, code)

    return Correction(who(chief), who(supervisor), reason)
