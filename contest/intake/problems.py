"""Located problems found while reading an organiser's file, and the generic result an importer returns.

Owns :class:`RowProblem` (one problem with its file, sheet, row and column), :class:`ImportResult` and the
helpers that build and print them. It knows nothing about what a row means; the importers do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from contest.i18n import Msg, tr

T = TypeVar("T")

MAX_PROBLEMS = 10_000
"""Most problems kept for one file; past this a single file-level problem says the list was cut short (a runaway
sheet with a problem in every cell must not exhaust memory, and nobody reads ten thousand messages)."""
MAX_VALUE_CHARS = 200
"""Longest offending value quoted in a problem; a longer one is cut and ends in "…"."""
MAX_QUOTED_CHARS = 2_000
"""Longest other text put into a message (the header list, the sheet names …)."""


def shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut (a 1 MB cell is quoted by its start)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_letter(index: int) -> str:
    """Excel column letters of a 0-based column index (0 → "A", 26 → "AA")."""
    if index < 0:
        raise ValueError(Msg("intake.bad_column_index", index=index))
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def column_index(letters: str) -> int | None:
    """0-based column index of Excel column letters ("A" → 0), or ``None`` if ``letters`` is not a column."""
    s = letters.strip().upper()
    if not s or len(s) > 3 or not s.isascii() or not s.isalpha():
        return None
    n = 0
    for ch in s:
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


@dataclass(frozen=True)
class RowProblem:
    """One located problem in an imported file, phrased for the person who filled it in."""

    file: str
    """File name (without folders) as the user knows it."""
    sheet: str
    """Worksheet name; empty for a CSV file."""
    row: int | None
    """Excel row number (1-based, as shown in Excel); ``None`` for a problem with the whole file."""
    column: str
    """Column letters ("C"); empty when the problem is with a whole row or the whole file."""
    field: str
    """Canonical field key (``"id_number"``, ``"gender"`` …); empty when no field is involved."""
    value: str
    """The offending value as text (as Excel shows it); empty when the value is missing."""
    message: str
    """What is wrong and what to do, in the language the import was run in."""
    header: str = ""
    """The column's header text in the file (or the expected header when the column is missing)."""
    lang: str = "zh"
    """Language of :attr:`message`; :meth:`__str__` uses the same language for the location."""

    def location(self) -> str:
        """Where the problem is, e.g. "文件 报名表.xlsx，工作表 报名，第 5 行，C 列（身份证号）"."""
        lang = self.lang
        parts = [tr(lang, "intake.where.file", file=self.file)]
        if self.sheet:
            parts.append(tr(lang, "intake.where.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(tr(lang, "intake.where.row", row=self.row))
        if self.column and self.header:
            parts.append(tr(lang, "intake.where.column_header", column=self.column, header=self.header))
        elif self.column:
            parts.append(tr(lang, "intake.where.column", column=self.column))
        elif self.header:
            parts.append(tr(lang, "intake.where.header", header=self.header))
        return tr(lang, "intake.where.separator").join(parts)

    def __str__(self) -> str:
        return tr(self.lang, "intake.where.problem", location=self.location(), message=self.message)


@dataclass(frozen=True)
class ImportResult(Generic[T]):
    """What an importer found: the good records, every problem, and where the data was.

    ``records`` holds only rows without problems, in file order, and nothing at all when a problem concerns the
    whole file (``row is None``: unreadable file, missing column, wrong question count, too many problems …), so
    a file-level problem can never leave a partial import behind. A service imports nothing unless ``problems``
    is empty (DESIGN §4: a workbook with problems is not imported at all).
    """

    records: tuple[T, ...]
    problems: tuple[RowProblem, ...]
    sheet: str
    """The worksheet read ("" for CSV, or when the file could not be opened)."""
    header_row: int
    """Excel row number of the header row (0 when none was found)."""
    notes: tuple[str, ...] = ()
    """Things worth saying that block nothing (e.g. a single-project contest's 参赛项目 column spelled
    differently: the column is informational there), each once."""

    def __post_init__(self) -> None:
        if self.records and any(p.row is None for p in self.problems):
            object.__setattr__(self, "records", ())

    @property
    def ok(self) -> bool:
        """Whether the file can be imported as it is (no problems at all)."""
        return not self.problems


def problem_order(p: RowProblem) -> tuple[int, int, str]:
    """Sort key: file-level problems first, then by row, then by column (A < B < … < Z < AA)."""
    return (p.row if p.row is not None else 0, len(p.column), p.column)


class ProblemSink:
    """Collects :class:`RowProblem` for one file and sheet, so importers phrase problems in one place."""

    def __init__(self, file: str, sheet: str, lang: str) -> None:
        self.file = file
        self.sheet = sheet
        self.lang = lang
        self.items: list[RowProblem] = []
        self.dropped = 0
        """Problems not kept because :data:`MAX_PROBLEMS` was reached (they still count in ``len``)."""
        self._rows: set[int] = set()

    def add(
        self,
        key: str,
        *,
        row: int | None = None,
        col: int | None = None,
        field: str = "",
        value: str = "",
        header: str = "",
        **fmt: object,
    ) -> None:
        """Record a problem; ``key`` names its text in the catalogue (:mod:`contest.texts.intake`), put into words
        in the sink's language with ``value`` and ``fmt``.

        The value (and any other text quoted in the message) is cut to :data:`MAX_VALUE_CHARS`. Past
        :data:`MAX_PROBLEMS` problems only a count is kept, plus one file-level problem saying so.
        """
        if row is not None:
            self._rows.add(row)
        if len(self.items) >= MAX_PROBLEMS:
            if not self.dropped:
                self.items.append(
                    self._problem("intake.too_many", None, None, "", "", "", {"limit": MAX_PROBLEMS})
                )
            self.dropped += 1
            return
        self.items.append(self._problem(key, row, col, field, value, header, fmt))

    def _problem(
        self,
        key: str,
        row: int | None,
        col: int | None,
        field: str,
        value: str,
        header: str,
        fmt: Mapping[str, object],
    ) -> RowProblem:
        value = shorten(value)
        shown = {k: shorten(v, MAX_QUOTED_CHARS) if isinstance(v, str) else v for k, v in fmt.items()}
        return RowProblem(
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=column_letter(col) if col is not None else "",
            field=field,
            value=value,
            message=tr(self.lang, key, value=value, **shown),
            header=shorten(header),
            lang=self.lang,
        )

    def extend(self, problems: tuple[RowProblem, ...] | list[RowProblem]) -> None:
        """Add problems found elsewhere (e.g. by the reader)."""
        self.items.extend(problems)
        self._rows.update(p.row for p in problems if p.row is not None)

    def sorted(self) -> tuple[RowProblem, ...]:
        """The problems in reading order (stable within a cell)."""
        return tuple(sorted(self.items, key=problem_order))

    def rows_with_problems(self) -> set[int]:
        """Row numbers that have at least one problem."""
        return set(self._rows)

    def __len__(self) -> int:
        return len(self.items) + self.dropped
