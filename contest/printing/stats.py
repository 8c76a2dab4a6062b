"""Score statistics: per module the mean, median, minimum and maximum, the distribution by score band, each
judge's figures against the panel, the spread alerts; and a page on award stability (the award each contestant
would get with a judge left out or under another rule). A4 portrait.

Owns the layout of that document. Every figure comes computed in :class:`~contest.printing.pages.StatsData`.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from contest.printing import text as tx
from contest.printing.pages import ModuleStats, StabilityTable, StatsData
from contest.printing.parts import bar, notes, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import MARGIN_X, PORTRAIT, SHADE, RunStart, grid, widths

WIDTH = PORTRAIT[0] - 2 * MARGIN_X


def render_statistics(
    data: StatsData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The statistics document as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a draft without a reason, or a character the font lacks.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = data.title or ink.t("print.stats_title")
    story: list[Flowable] = [RunStart(), *title_block(ink, title)]
    for k, module in enumerate(data.modules):
        if k:
            story.append(Spacer(1, 4 * mm))
        story += _module(ink, module)
    if data.stability is not None:
        story += [PageBreak(), *_stability(ink, data.stability)]
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)


def _module(ink: Ink, m: ModuleStats) -> list[Flowable]:
    c, h = ink.st.cell_center, ink.st.head
    summary = Table(
        [
            [
                ink.p(ink.t(k), h)
                for k in (
                    "print.stat_count",
                    "print.stat_mean",
                    "print.stat_median",
                    "print.stat_min",
                    "print.stat_max",
                )
            ],
            [
                ink.p(str(m.count), c),
                *[ink.p(ink.score(v), c) for v in (m.mean, m.median, m.minimum, m.maximum)],
            ],
        ],
        colWidths=[WIDTH / 5] * 5,
        style=grid(),
    )
    head: list[Flowable] = [ink.p(m.title, ink.st.heading), summary, Spacer(1, 2.5 * mm)]
    out: list[Flowable] = []
    if m.bands:
        most = max(b.count for b in m.bands)
        bar_w = WIDTH - 30 * mm - 16 * mm - 6 * mm
        rows = [[ink.p(ink.t("print.col_band"), h), ink.p(ink.t("print.col_count"), h), ""]]
        rows += [
            [ink.p(ink.s(b.label), c), ink.p(str(b.count), c), bar(b.count, most, bar_w)] for b in m.bands
        ]
        band_table = Table(
            rows,
            colWidths=[30 * mm, 16 * mm, WIDTH - 46 * mm],
            repeatRows=1,
            style=grid(extra=[("SPAN", (1, 0), (2, 0))], padding=1.2),
        )
        # keep the module title with its first tables, so a heading never ends a page
        out.append(KeepTogether([*head, ink.p(ink.t("print.bands_title"), ink.st.section), band_table]))
    else:
        out.append(KeepTogether(head))
    if m.judges:
        rows = [
            [
                ink.p(ink.t(k), h)
                for k in (
                    "print.col_judge",
                    "print.col_sheets",
                    "print.col_mean_dev",
                    "print.col_mean_abs_dev",
                    "print.col_max_abs_dev",
                )
            ]
        ]
        for j in m.judges:
            rows.append(
                [
                    ink.p(j.judge, c),
                    ink.p(str(j.sheets), c),
                    ink.p(ink.s(tx.signed(j.mean_deviation, ink.header.places)), c),
                    ink.p(ink.score(j.mean_abs_deviation), c),
                    ink.p(ink.score(j.max_abs_deviation), c),
                ]
            )
        out += [
            Spacer(1, 2.5 * mm),
            KeepTogether(
                [
                    ink.p(ink.t("print.judges_title"), ink.st.section),
                    Table(rows, colWidths=[WIDTH / 5] * 5, repeatRows=1, style=grid()),
                    *notes(ink, [ink.t("print.dev_note")]),
                ]
            ),
        ]
    out += [Spacer(1, 2.5 * mm), ink.p(ink.t("print.alerts_title"), ink.st.section)]
    if not m.alerts:
        out += notes(ink, [ink.t("print.alerts_none")])
        return out
    rows = [
        [
            ink.p(ink.t(k), h)
            for k in (
                "print.col_station",
                "print.col_where",
                "print.col_spread",
                "print.col_limit",
                "print.col_marks",
                "print.col_resolution",
            )
        ]
    ]
    for a in m.alerts:
        rows.append(
            [
                ink.p(a.station, c),
                ink.p(a.item or ink.t("print.sheet_total_item")),
                ink.p(ink.score(a.spread), c),
                ink.p(ink.score(a.limit), c),
                ink.p(a.marks),
                ink.p(a.resolution),
            ]
        )
    col_widths = widths(WIDTH, [16 * mm, 34 * mm, 14 * mm, 14 * mm, None, 30 * mm])
    out.append(Table(rows, colWidths=col_widths, repeatRows=1, style=grid()))
    return out


STABILITY_COLUMNS = 6
"""Alternatives per stability table: more (one per judge of a large panel) continue in a further table, so no
header is squeezed to one character per line."""


def _stability(ink: Ink, s: StabilityTable) -> list[Flowable]:
    out: list[Flowable] = [ink.p(ink.t("print.stability_title"), ink.st.heading)]
    for first in range(0, max(len(s.columns), 1), STABILITY_COLUMNS):
        if first:
            out.append(Spacer(1, 3 * mm))
        out.append(_stability_part(ink, s, first, first + STABILITY_COLUMNS))
    lines = [ink.t("print.stability_note")]
    if s.note:
        lines.append(s.note)
    return [*out, Spacer(1, 2 * mm), *notes(ink, lines)]


def _stability_part(ink: Ink, s: StabilityTable, first: int, end: int) -> Table:
    """The table of the alternatives ``first``…``end - 1``, each row led by the contestant and current award."""
    c, h = ink.st.cell_center, ink.st.head
    columns = s.columns[first:end]
    head = [ink.p(ink.t("print.col_name"), h), ink.p(ink.t("print.col_current"), h)]
    head += [ink.p(col, h) for col in columns]
    rows = [head]
    shade = []
    for r, row in enumerate(s.rows, start=1):
        cells = [ink.p(row.contestant, c), ink.p(row.current or ink.t("print.no_award"), c)]
        for k, alt in enumerate(row.alternatives[first:end]):
            cells.append(ink.p(alt or ink.t("print.no_award"), c))
            if alt != row.current:
                shade.append(("BACKGROUND", (2 + k, r), (2 + k, r), SHADE))
        rows.append(cells)
    col_widths = widths(WIDTH, [30 * mm, 24 * mm, *([None] * len(columns))])
    return Table(rows, colWidths=col_widths, repeatRows=1, style=grid(extra=shade))
