"""Typed errors of the running system. Services raise these carrying a :class:`~contest.i18n.Msg`; the CLI prints
and the TUI notifies them in the reader's language (:func:`contest.i18n.describe`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contest.i18n import Msg, tr


class ContestError(Exception):
    """Base class for every error a user can cause or meet while running a contest.

    ``msg`` is the message to show (``None`` only for an error raised with plain text, which is shown as it is);
    ``str()`` gives both languages, for logs and audit reasons.
    """

    msg: Msg | None

    def __init__(self, message: str | Msg = "", *args: object) -> None:
        self.msg = message if isinstance(message, Msg) else None
        super().__init__(str(message), *args)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        from contest.i18n import describe

        return describe(self, lang)


class NotFound(ContestError):
    """A contest, contestant, judge, module or sheet does not exist."""


class PermissionDenied(ContestError):
    """The acting user's role or assignment does not allow the action (it is logged)."""

    audit: tuple[str, str, str] | None
    """(actor code, action, reason) until :meth:`~contest.services.core.ServiceContext.log_denied` has logged the
    refusal, then ``None``; only declared here, so an error never set up for logging has no such attribute."""


class InvalidState(ContestError):
    """The action is not allowed in the current state (e.g. editing a submitted sheet)."""


class SignOffRefused(InvalidState):
    """Sign-off refused because sheets are open or spread alerts stand; an override reason would allow it."""

    def __init__(self, message: str | Msg, open_sheets: int, alerts: int) -> None:
        self.open_sheets = open_sheets
        self.alerts = alerts
        super().__init__(message)


class SignOffNeedsSupervisor(SignOffRefused):
    """Sign-off refused because panels are below the sheet quorum: an override reason covers spread alerts, not
    missing sheets; the supervisor must co-sign."""

    def __init__(self, message: str | Msg, open_sheets: int, alerts: int, short_panels: int) -> None:
        self.short_panels = short_panels
        super().__init__(message, open_sheets, alerts)


class VetoPending(InvalidState):
    """Sign-off refused because a veto proposal (否决建议) awaits the chief judge's decision; no override reason and
    no co-signature covers it."""

    def __init__(self, message: str | Msg, stations: tuple[str, ...]) -> None:
        self.stations = stations
        super().__init__(message)


class StaleWrite(ContestError):
    """The write was based on an out-of-date view; says who changed what."""


class LoginFailed(ContestError):
    """Wrong code or PIN, or the account is locked."""


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a configuration file: where it is (the file and the key path, the same in every language)
    and what is wrong (a catalogue message). ``where`` is empty for a problem of the whole file."""

    file: str
    where: str
    msg: Msg

    def text(self, lang: str) -> str:
        """``file: where: message`` in ``lang`` (the empty parts left out)."""
        return ": ".join(x for x in (self.file, self.where, self.msg.text(lang)) if x)

    def __str__(self) -> str:
        return self.text("en")


class _ProblemList(Msg):
    """The problems of a :class:`ConfigInvalid`, one a line, each put into words in the reader's language."""

    __slots__ = ("located",)

    def __init__(self, located: tuple[ConfigProblem, ...]) -> None:
        super().__init__("config.problem_list")
        self.located = located

    def text(self, lang: str) -> str:
        return tr(lang, "config.problem_list", problems="\n".join(p.text(lang) for p in self.located))


class ConfigInvalid(ContestError):
    """A contest configuration file has problems; all are listed.

    ``located`` holds each :class:`ConfigProblem`; ``problems`` the same as English lines (``str()`` of each, the
    form tests, logs and older callers read); :meth:`text` / :func:`~contest.i18n.describe` list them in the
    reader's language. A plain text given instead of a :class:`ConfigProblem` is kept as it is."""

    def __init__(self, problems: Sequence[ConfigProblem | str]) -> None:
        self.located = tuple(
            p if isinstance(p, ConfigProblem) else ConfigProblem("", "", Msg("config.as_written", text=p))
            for p in problems
        )
        self.problems = [str(p) for p in self.located]
        super().__init__("\n".join(self.problems))
        self.msg = _ProblemList(self.located)


class ImportRefused(ContestError):
    """A workbook had problems; nothing was imported. ``problems`` lists every one of them."""

    def __init__(self, problems: list[object], annotated: str | None = None) -> None:
        self.problems = problems
        self.annotated = annotated
        super().__init__(Msg("errors.import_refused", n=len(problems)))


class PrintRefused(ContestError):
    """A document cannot be printed (gate closed, missing glyphs …)."""


class StoreUnavailable(ContestError):
    """The database is locked, gone or full; the entry stays on screen and retry works."""
