"""Matching a table's header row to the fields an importer wants, by name (with synonyms) or explicit mapping.

Owns :class:`FieldSpec`, header matching, the explicit ``{field: header text or column letter}`` mapping, and the
row helpers every importer shares (skipping empty rows, reporting missing values and duplicates). It knows no
particular sheet kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from contest.i18n import tr
from contest.intake.normalise import Cell, cell_text, clean_text, header_key
from contest.intake.problems import ProblemSink, column_index, column_letter
from contest.intake.reader import HeaderMatcher, Table, TableRow, Uncalculated

_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


@dataclass(frozen=True)
class FieldSpec:
    """One column an importer understands."""

    key: str
    """Canonical key, also the key of :attr:`RowProblem.field`."""
    zh: str
    """Header printed in templates and messages."""
    en: str
    synonyms: tuple[str, ...] = ()
    """Other header texts accepted (matched after :func:`header_key`)."""
    required: bool = False
    ignored: bool = False
    """Recognised (it helps find the header row) but not read, e.g. 序号."""

    def header_keys(self) -> frozenset[str]:
        """Header keys that name this field."""
        return frozenset(header_key(s) for s in (self.zh, *self.synonyms)) | {self.key}

    def label(self, lang: str) -> str:
        """The field's name in ``lang``."""
        return self.en if lang == "en" else self.zh


def field_matcher(fields: Sequence[FieldSpec]) -> HeaderMatcher:
    """A header matcher that knows every name of every field."""
    known = frozenset().union(*(f.header_keys() for f in fields))
    return known.__contains__


@dataclass(frozen=True)
class Columns:
    """Which 0-based column each field was found in."""

    index: Mapping[str, int]
    """Field key → column, for fields found (ignored fields excluded)."""
    table: Table
    specs: Mapping[str, FieldSpec]
    """Field key → its spec, for the canonical name of an absent column."""

    def col(self, key: str) -> int | None:
        """The column of field ``key``, or ``None``."""
        return self.index.get(key)

    def raw(self, row: TableRow, key: str) -> Cell:
        """The raw value of field ``key`` in ``row`` (``None`` if the column is absent)."""
        c = self.index.get(key)
        if c is None:
            return None
        cells = row.cells  # TableRow.get inlined: this runs for every field of every row
        return cells[c] if 0 <= c < len(cells) else None

    def header(self, key: str) -> str:
        """The header text of field ``key`` in the file (or its canonical Chinese name when absent)."""
        c = self.index.get(key)
        if c is not None:
            return self.table.header_text(c)
        spec = self.specs.get(key)
        return spec.zh if spec else key

    def is_empty(self, row: TableRow) -> bool:
        """Whether every read field of ``row`` is empty (data only in ignored or unknown columns counts as empty)."""
        return all(v is None or clean_text(v) == "" for v in map(row.get, self.index.values()))


def _headers_shown(table: Table, lang: str) -> str:
    shown = [table.header_text(i) for i in range(len(table.headers)) if table.header_text(i)]
    return tr(lang, "intake.list_separator").join(shown) or tr(lang, "intake.none")


def resolve_columns(
    table: Table,
    fields: Sequence[FieldSpec],
    mapping: Mapping[str, str] | None,
    sink: ProblemSink,
) -> Columns:
    """Find each field's column, adding a problem (at the header row) for anything missing or ambiguous.

    Args:
        table: The table read.
        fields: The fields of this sheet kind.
        mapping: Optional ``{field: header text or column letter}``; a field may be named by its key
            (``"id_number"``) or any of its header names (``"身份证号"``). Mapped columns win over names.
        sink: Where problems go.
    """
    lang = sink.lang
    row = table.header_row
    by_key = {f.key: f for f in fields}
    by_name = {k: f for f in fields for k in f.header_keys()}
    index: dict[str, int] = {}
    claimed: set[int] = set()
    header_keys = [header_key(h) for h in table.headers]
    for name, target in (mapping or {}).items():
        spec = by_key.get(name) or by_name.get(header_key(name))
        if spec is None:
            names = ", ".join(f"{f.key}/{f.zh}" for f in fields if not f.ignored)
            sink.add("intake.columns.map_field", row=row, name=name, fields=names)
            continue
        tkey = header_key(target)
        matches = [i for i, k in enumerate(header_keys) if k and k == tkey]
        if matches:
            col = matches[0]
        elif _LETTERS.match(target.strip()) and (c := column_index(target)) is not None:
            col = c
        else:
            sink.add(
                "intake.columns.map_header",
                row=row,
                header=spec.zh,
                name=target,
                headers=_headers_shown(table, lang),
            )
            continue
        index[spec.key] = col
        claimed.add(col)
    found: dict[str, list[int]] = {}
    for col, key in enumerate(header_keys):
        spec = by_name.get(key) if key else None
        if spec is None or col in claimed or spec.key in index:
            continue
        found.setdefault(spec.key, []).append(col)
    for key, cols in found.items():
        spec = by_key[key]
        if spec.ignored:
            continue
        if len(cols) > 1:
            letters = tr(lang, "intake.list_separator").join(column_letter(c) for c in cols)
            sink.add(
                "intake.columns.twice",
                row=row,
                col=cols[1],
                field=key,
                header=spec.zh,
                label=spec.label(lang),
                cols=letters,
            )
        index[key] = cols[0]
    for spec in fields:
        if spec.required and spec.key not in index:
            names = tr(lang, "intake.list_separator").join(dict.fromkeys((spec.zh, *spec.synonyms)))
            sink.add(
                "intake.columns.missing_col",
                row=row,
                field=spec.key,
                header=spec.zh,
                label=spec.label(lang),
                names=names,
                headers=_headers_shown(table, lang),
            )
    return Columns(index, table, by_key)


def data_rows(columns: Columns) -> Iterator[TableRow]:
    """The rows below the header that have something in a read column (fully empty rows are skipped)."""
    for row in columns.table.rows:
        if not columns.is_empty(row):
            yield row


def report_missing(sink: ProblemSink, columns: Columns, row: TableRow, spec: FieldSpec) -> None:
    """Add the "not filled in" problem for ``spec`` in ``row`` (or, for a formula whose value was never
    calculated, say so and how to fix it)."""
    raw = columns.raw(row, spec.key)
    if isinstance(raw, Uncalculated):
        sink.add(
            "intake.columns.uncalculated",
            row=row.number,
            col=columns.col(spec.key),
            field=spec.key,
            header=columns.header(spec.key),
            label=spec.label(sink.lang),
            formula=raw.formula[:100],
        )
        return
    sink.add(
        "intake.columns.missing_value",
        row=row.number,
        col=columns.col(spec.key),
        field=spec.key,
        header=columns.header(spec.key),
        label=spec.label(sink.lang),
    )


def report_duplicates(
    sink: ProblemSink,
    columns: Columns,
    spec: FieldSpec,
    seen: Mapping[str, Sequence[TableRow]],
    key: str,
) -> set[int]:
    """For each value found in more than one row, add a problem on every such row naming the others.

    ``key`` (a catalogue key) is formatted with ``others`` (the other row numbers) and ``label``. Returns the rows involved.
    """
    involved: set[int] = set()
    for rows in seen.values():
        if len(rows) < 2:
            continue
        for r in rows:
            others = tr(sink.lang, "intake.list_separator").join(
                str(o.number) for o in rows if o.number != r.number
            )
            sink.add(
                key,
                row=r.number,
                col=columns.col(spec.key),
                field=spec.key,
                value=cell_text(columns.raw(r, spec.key)),
                header=columns.header(spec.key),
                others=others,
                label=spec.label(sink.lang),
            )
            involved.add(r.number)
    return involved
