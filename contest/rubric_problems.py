"""A rubric file's problems in the reader's language.

:mod:`rubrics` speaks no language to users: each :class:`~rubrics.errors.Problem` names what is wrong by a code and
its values, put into words here from the catalogue (``rubric.<code>``, :mod:`contest.texts.rubrics`). The file and
the place in it are shown as they are. A problem without a code is shown by its English message, as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from contest.i18n import Joined, Msg, catalogue, tr
from rubrics.errors import Problem


def problem_msg(problem: Problem) -> Msg:
    """What is wrong, as a catalogue message (without the file and the place)."""
    key = f"rubric.{problem.code}"
    if problem.code and key in catalogue():
        return Msg(key, **dict(problem.params))
    return Msg("config.rubric_problem", message=problem.message)


def problem_text(problem: Problem, lang: str) -> str:
    """``file: where: message`` in ``lang``, located as :class:`~rubrics.errors.Problem` says it in English."""
    return f"{problem.file}: {problem.where}: {problem_msg(problem).text(lang)}"


def in_file(problems: Sequence[Problem]) -> Msg:
    """``file: message`` of each problem (the place left out), in a row."""
    return Joined(
        [Msg("rubric.in_file", file=p.file, message=problem_msg(p)) for p in problems], "word.sep.clause"
    )


def _line(problem: Problem | str, lang: str) -> str:
    return problem if isinstance(problem, str) else problem_text(problem, lang)


class ProblemLines(Msg):
    """Problems one a line (``  - file: where: message``), each put into words in the reader's language (a plain
    text given instead of a problem is shown as it is)."""

    __slots__ = ("problems",)

    def __init__(self, problems: Sequence[Problem | str]) -> None:
        super().__init__("rubric.lines")
        self.problems = tuple(problems)

    def text(self, lang: str) -> str:
        return tr(lang, "rubric.lines", lines="\n".join(f"  - {_line(p, lang)}" for p in self.problems))

    def __repr__(self) -> str:
        return f"ProblemLines({self.problems!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProblemLines) and self.problems == other.problems

    def __hash__(self) -> int:
        return hash(self.problems)
