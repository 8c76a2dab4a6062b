"""Typed errors of the rubric package: one base class, and the located problem list a validator returns."""

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
    """What is wrong and, where possible, how to fix it."""

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


class RubricInvalid(RubricError):
    """A rubric or blueprint file has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s):\n{lines}")
