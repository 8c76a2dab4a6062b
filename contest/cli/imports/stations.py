"""Station numbers (and, with a per-module draw, draw numbers) in an imported file checked against the contest's:
what theory papers are matched by, a typed number mapped to the contest's spelling ("1" is station 001), and a
located problem for every number that is not the contest's or is spelled two ways in one file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contest.cli.common import t
from contest.cli.imports.steps import locate_column, problem_at

if TYPE_CHECKING:
    from contest.intake.columns import FieldSpec
    from contest.intake.problems import ImportResult, RowProblem
    from contest.services.views import TheoryNumbers


def theory_numbers(sv: Any) -> TheoryNumbers:
    """What theory papers are matched by and the contest's numbers of that kind (empty before the draw): the
    contest-wide stations, or with a per-module draw (no contest-wide station) the contestants' 抽签号."""
    from contest.services import CONSOLE

    return sv.theory_numbers(CONSOLE)  # type: ignore[no-any-return]


def number_spec(kind: str) -> FieldSpec:
    """The column a theory file is keyed by for :attr:`TheoryNumbers.kind` ``kind``: 抽签号 or 赛位号."""
    from contest.intake.theory import DRAW, STATION

    return DRAW if kind == "draw" else STATION


def number_noun(kind: str) -> str:
    return t("cli.theory.noun.draw") if kind == "draw" else t("cli.theory.noun.station")


def number_order(number: str) -> tuple[int, int, str]:
    """Digits by value (draw numbers 1, 2 … 10 are not zero-padded), anything else after them as text."""
    return (0, int(number), number) if number.isdigit() else (1, 0, number)


def station_matcher(stations: Sequence[str]) -> Callable[[str], str | None]:
    """Map a station number as typed to the contest's spelling, or ``None`` if it is not one of them.

    Excel drops leading zeros from a number typed as 001, so digits are compared by value: "1", "01", "001" and
    "0001" all mean station 001 when the contest's stations are 001 … 030.
    """
    exact = {s.upper(): s for s in stations}
    by_value = {int(s): s for s in stations if s.isdigit()}

    def match(raw: str) -> str | None:
        text = raw.strip().upper()
        if text in exact:
            return exact[text]
        if text.isdigit():
            return by_value.get(int(text))
        return None

    return match


def _station_range(stations: Sequence[str]) -> str:
    ordered = sorted(stations, key=number_order)
    if len(ordered) > 6:
        return f"{ordered[0]}–{ordered[-1]}"
    return t("cli.import.list_sep").join(ordered)


def check_stations(
    file: Path,
    result: ImportResult[Any],
    stations: Sequence[str],
    spec: FieldSpec,
    mapping: Mapping[str, str] | None = None,
) -> tuple[Callable[[str], str | None], list[RowProblem]]:
    """Check every station cell of the file against the contest's stations (or every 抽签号 cell against the
    contest's draw numbers, when ``spec`` is the 抽签号 column).

    Returns the matcher (typed station → contest station) and a problem for each station that is not the
    contest's (at its first row) and for different spellings of one station ("1" and "001" in one file).
    """
    from contest.intake.normalise import clean_code
    from contest.intake.theory import DRAW

    draw = spec.key == DRAW.key
    match = station_matcher(stations)
    table, col, column = locate_column(file, result, spec, mapping)
    if table is None or col is None:
        return match, []
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for row in table.rows:
        typed = clean_code(row.get(col))
        if typed:
            first.setdefault(typed, row.number)
            count[typed] = count.get(typed, 0) + 1
    problems: list[RowProblem] = []
    spellings: dict[str, list[str]] = {}
    for typed, at in first.items():
        found = match(typed)
        if found is not None:
            spellings.setdefault(found, []).append(typed)
            continue
        more = count[typed] - 1
        noun = number_noun("draw" if draw else "station")
        also = t("cli.theory.more_rows", noun=noun, more=more) if more else ""
        message = t(
            "cli.theory.unknown_draw" if draw else "cli.theory.unknown_station",
            typed=typed,
            shown=_station_range(stations),
            also=also,
        )
        problems.append(problem_at(file, result, at, column, spec.key, typed, message))
    for found, typed_list in spellings.items():
        if len(typed_list) < 2:
            continue
        for typed in typed_list:
            others = t("cli.import.list_sep").join(
                t("cli.theory.spelling", typed=o, row=first[o]) for o in typed_list if o != typed
            )
            message = t(
                "cli.theory.same_draw" if draw else "cli.theory.same_station",
                typed=typed,
                others=others,
                found=found,
            )
            problems.append(problem_at(file, result, first[typed], column, spec.key, typed, message))
    return match, problems
