"""Typed errors of the rubric package: one base class, and the located problem list a validator returns.

This package speaks no language to users: a :class:`Problem` names what is wrong by ``code`` with its values in
``params``; the running system puts them into words (``rubric.<code>`` in ``contest.texts.rubrics``). ``message``
is the same in English, for logs, tests and developers."""

from __future__ import annotations

from dataclasses import dataclass


class RubricError(Exception):
    """Base class for every error raised by :mod:`rubrics`."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a rubric or blueprint file."""

    file: str
    """Path (or name) of the file the problem is in."""
    where: str
    """Dotted location inside the file, e.g. ``sections[2].items[A6].deductions[1].points``."""
    message: str
    """What is wrong and, where possible, how to fix it (English)."""
    code: str = ""
    """Names the problem (``not_a_number``, ``unknown_key`` …); the message key is ``rubric.<code>``."""
    params: tuple[tuple[str, str], ...] = ()
    """The values the message names, as ``(name, text)`` pairs."""

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def values(**named: object) -> tuple[tuple[str, str], ...]:
    """A problem's ``params`` from named values (each as text)."""
    return tuple((name, str(value)) for name, value in named.items())


class NumberInvalid(ValueError):
    """A value is not a number a rubric accepts; ``code`` and ``params`` as in :class:`Problem`."""

    def __init__(self, message: str, code: str, params: tuple[tuple[str, str], ...]) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class RubricInvalid(RubricError):
    """A rubric or blueprint file has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s):\n{lines}")
